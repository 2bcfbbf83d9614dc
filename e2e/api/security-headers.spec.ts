import { expect, test, type APIResponse } from '@playwright/test';

/**
 * Every response carries the security headers: pages a Content-Security-Policy whose scripts
 * need this response's nonce, API answers and static files one that allows nothing.
 */

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((tokens) => tokens[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values]),
  );
}

function expectCommonHeaders(res: APIResponse, what: string): Map<string, string[]> {
  const headers = res.headers();
  expect(headers['x-frame-options'], what).toBe('DENY');
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['referrer-policy'], what).toBe('no-referrer');
  expect(headers['permissions-policy'], what).toContain('camera=()');
  expect(headers['x-powered-by'], what).toBeUndefined();
  const policy = headers['content-security-policy'];
  expect(policy, `${what}: Content-Security-Policy`).toBeTruthy();
  // Exactly one policy: a second, stricter one would block what the first allows.
  expect(policy!.split('\n'), what).toHaveLength(1);
  const csp = directives(policy!);
  expect(csp.get('frame-ancestors'), what).toEqual(["'none'"]);
  return csp;
}

test.describe('security headers', () => {
  test('a page: nonce-based script policy that the page’s scripts carry', async ({ request }) => {
    const first = await request.get('/w/fleet-default/gitrepos');
    expect(first.status()).toBe(200);
    const csp = expectCommonHeaders(first, 'page');
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    const scripts = csp.get('script-src')!;
    expect(scripts).toContain("'strict-dynamic'");
    expect(scripts).not.toContain("'unsafe-eval'");
    expect(scripts).not.toContain("'unsafe-inline'");
    const nonce = scripts.find((s) => s.startsWith("'nonce-"))?.slice("'nonce-".length, -1);
    expect(nonce, 'script-src has a nonce').toBeTruthy();
    expect(nonce!.length).toBeGreaterThanOrEqual(22);

    // Every script element of the page, inline or not, carries that nonce.
    const html = await first.text();
    const tags = html.match(/<script\b[^>]*>/g) ?? [];
    expect(tags.length).toBeGreaterThan(1);
    for (const tag of tags) expect(tag, tag).toContain(`nonce="${nonce}"`);

    // A fresh nonce on every response.
    const second = await request.get('/w/fleet-default/gitrepos');
    expect(second.headers()['content-security-policy']).not.toContain(nonce!);
  });

  test('the home page and an unknown page get the page policy', async ({ request }) => {
    for (const path of ['/', '/no-such-page']) {
      const res = await request.get(path, { maxRedirects: 0 });
      const csp = expectCommonHeaders(res, path);
      expect(csp.get('script-src')!.some((s) => s.startsWith("'nonce-")), path).toBe(true);
    }
  });

  test('API answers, errors included, allow nothing to load or frame them', async ({ request }) => {
    const answers = [
      ['GET /api/v1/workspaces', await request.get('/api/v1/workspaces'), 200],
      ['GET /api/healthz', await request.get('/api/healthz'), 200],
      ['GET unknown workspace', await request.get('/api/v1/workspaces/no-such-workspace'), 404],
      ['POST bad JSON', await request.post('/api/v1/workspaces', { headers: { 'content-type': 'application/json' }, data: Buffer.from('{') }), 400],
      ['unknown API path', await request.get('/api/v1/nothing-here'), 404],
    ] as const;
    for (const [what, res, status] of answers) {
      expect(res.status(), what).toBe(status);
      const csp = expectCommonHeaders(res, what);
      expect(csp.get('default-src'), what).toEqual(["'none'"]);
    }
  });

  test('broken or needless escapes in a path get a clear answer, never a 500', async ({ request }) => {
    const page = await request.get('/w/%ZZ/gitrepos');
    expect(page.status()).toBe(400);
    expect(await page.text()).toContain('malformed percent-encoded');
    const api = await request.get('/api/v1/workspaces/%ZZ');
    expect(api.status()).toBe(400);
    expect((await api.json()).error).toMatchObject({ code: 'bad_request', message: expect.stringContaining('malformed percent-encoded') });
    const escapedSlash = await request.get('/api/v1/workspaces/a%2Fb');
    expect(escapedSlash.status()).toBe(400);
    expect((await escapedSlash.json()).error.code).toBe('bad_request');
    // `%2D` is just '-': sent on to the plain path, query kept.
    const escaped = await request.get('/api/v1/workspaces/fleet%2Ddefault/gitrepos?pageSize=5', { maxRedirects: 0 });
    expect(escaped.status()).toBe(308);
    expect(new URL(escaped.headers().location!, 'http://x').pathname + new URL(escaped.headers().location!, 'http://x').search).toBe('/api/v1/workspaces/fleet-default/gitrepos?pageSize=5');
  });

  test('static files get the headers too', async ({ request }) => {
    const html = await (await request.get('/w/fleet-default')).text();
    const src = /<script\b[^>]*\bsrc="(\/_next\/static\/[^"]+)"/.exec(html)?.[1];
    expect(src, 'a script from /_next/static').toBeTruthy();
    const res = await request.get(src!);
    expect(res.status()).toBe(200);
    expectCommonHeaders(res, src!);
  });
});
