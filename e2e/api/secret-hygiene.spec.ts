import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { expect, test } from '@playwright/test';

import { freePortSync } from '../support/ports';
import { startAppProcess, startClusterProcess, type AppProcess, type ClusterProcess } from '../support/processes';

/**
 * Git credentials go into Secrets through the BFF and never come back out: not in any answer of
 * any GET endpoint for the workspace (lists, details, YAML, the SSE stream, metrics), not in the
 * server-rendered pages, not in error answers, and not in the server's log. The app runs on a
 * cluster of its own so that its whole output can be read.
 */

type Json = Record<string, any>;

const unique = (what: string) => `${what}-${randomBytes(6).toString('hex')}`;
const PASSWORD = unique('git-password');
const HELM_PASSWORD = unique('helm-password');
const FAILED_PASSWORD = unique('rejected-password');
const DRY_RUN_PASSWORD = unique('dry-run-password');
const PRIVATE_KEY_BODY = randomBytes(96).toString('base64');
const PRIVATE_KEY = `-----BEGIN OPENSSH PRIVATE KEY-----\n${PRIVATE_KEY_BODY}\n-----END OPENSSH PRIVATE KEY-----\n`;

/** Each secret as sent, as stored (base64), and the distinctive part of the key. */
const FORBIDDEN = [PASSWORD, HELM_PASSWORD, FAILED_PASSWORD, DRY_RUN_PASSWORD, PRIVATE_KEY_BODY.slice(0, 40)].flatMap((s) => [s, Buffer.from(s).toString('base64')]);
FORBIDDEN.push(Buffer.from(PRIVATE_KEY).toString('base64').slice(0, 40));

function expectClean(text: string, where: string): void {
  for (const secret of FORBIDDEN) expect(text.includes(secret), `${where} contains secret data (${secret.slice(0, 12)}…)`).toBe(false);
}

test.describe('Secret hygiene', () => {
  test.describe.configure({ mode: 'serial' });

  let dir: string;
  let cluster: ClusterProcess | undefined;
  let app: AppProcess | undefined;
  let kc: KubeConfig;
  let log = '';
  const ws = unique('hygiene');
  const repos = { basic: 'basic-repo', ssh: 'ssh-repo' };

  const bff = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${app!.baseURL}${path}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, text: await res.text() };
  };

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    dir = mkdtempSync(join(tmpdir(), 'fleet-deck-hygiene-'));
    const kubeconfig = join(dir, 'kubeconfig');
    cluster = await startClusterProcess({ port: freePortSync(), dataDir: join(dir, 'data'), kubeconfig, args: ['--no-controllers'] });
    kc = new KubeConfig();
    kc.loadFromFile(kubeconfig);
    app = await startAppProcess({ port: freePortSync(), kubeconfig, env: { FLEET_DECK_AUTH: 'none' } });
    // Everything the app prints from here on (the helper keeps only a tail).
    const keep = (chunk: Buffer) => (log += chunk.toString());
    app.child.stdout!.on('data', keep);
    app.child.stderr!.on('data', keep);
    await expect.poll(async () => (await fetch(`${app!.baseURL}/api/readyz`)).status, { timeout: 60_000 }).toBe(200);
  });

  test.afterAll(async () => {
    await app?.stop();
    await cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('writing credentials: the Secrets hold them, the answers do not', async () => {
    const answers: [string, string][] = [];
    const send = async (what: string, method: string, path: string, body?: unknown) => {
      const res = await bff(method, path, body);
      answers.push([what, res.text]);
      return res;
    };
    expect((await send('create workspace', 'POST', '/api/v1/workspaces', { name: ws })).status).toBe(201);

    const basic = await send('create basic-auth repo', 'POST', `/api/v1/workspaces/${ws}/gitrepos`, {
      gitRepo: { metadata: { name: repos.basic }, spec: { repo: 'https://127.0.0.1:9/org/app.git', branch: 'main' } },
      secrets: { clientSecret: { type: 'basic-auth', username: 'deployer', password: PASSWORD }, helmSecret: { type: 'basic-auth', username: 'helm', password: HELM_PASSWORD } },
    });
    expect(basic.status, basic.text).toBe(201);
    const ssh = await send('create ssh repo', 'POST', `/api/v1/workspaces/${ws}/gitrepos`, {
      gitRepo: { metadata: { name: repos.ssh }, spec: { repo: 'ssh://git@127.0.0.1:9/org/app.git' } },
      secrets: { clientSecret: { type: 'ssh-auth', privateKey: PRIVATE_KEY, knownHosts: '127.0.0.1 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl' } },
    });
    expect(ssh.status, ssh.text).toBe(201);
    const dryRun = await send('dry-run create', 'POST', `/api/v1/workspaces/${ws}/gitrepos?dryRun=true`, {
      gitRepo: { metadata: { name: 'dry-run-repo' }, spec: { repo: 'https://127.0.0.1:9/org/app.git' } },
      secrets: { clientSecret: { type: 'basic-auth', username: 'u', password: DRY_RUN_PASSWORD } },
    });
    expect(dryRun.status, dryRun.text).toBeLessThan(300);
    // Refused requests echo nothing back either: a bad repo URL, a name taken, a malformed body.
    const refused = [
      await send('invalid spec', 'POST', `/api/v1/workspaces/${ws}/gitrepos`, {
        gitRepo: { metadata: { name: 'bad-repo' }, spec: { repo: 'not a url', pollingInterval: 'soon' } },
        secrets: { clientSecret: { type: 'basic-auth', username: 'u', password: FAILED_PASSWORD } },
      }),
      await send('name taken', 'POST', `/api/v1/workspaces/${ws}/gitrepos`, {
        gitRepo: { metadata: { name: repos.basic }, spec: { repo: 'https://127.0.0.1:9/org/app.git' } },
        secrets: { clientSecret: { type: 'basic-auth', username: 'u', password: FAILED_PASSWORD } },
      }),
      await send('wrong secret type', 'POST', `/api/v1/workspaces/${ws}/gitrepos`, {
        gitRepo: { metadata: { name: 'odd-repo' }, spec: { repo: 'https://127.0.0.1:9/org/app.git' } },
        secrets: { clientSecret: { type: 'token', password: FAILED_PASSWORD } },
      }),
    ];
    for (const res of refused) expect(res.status, res.text).toBeGreaterThanOrEqual(400);
    const truncated = await fetch(`${app!.baseURL}/api/v1/workspaces/${ws}/gitrepos`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"secrets":{"clientSecret":{"type":"basic-auth","password":"${FAILED_PASSWORD}"` });
    answers.push(['truncated JSON', await truncated.text()]);
    expect(truncated.status).toBe(400);

    for (const [what, text] of answers) expectClean(text, what);

    // The credentials did arrive where Fleet reads them — so the checks above are not vacuous.
    const secrets = await kc.makeApiClient(CoreV1Api).listNamespacedSecret({ namespace: ws });
    const stored = secrets.items.flatMap((s) => Object.values(s.data ?? {}).map((v) => Buffer.from(v, 'base64').toString()));
    expect(stored).toEqual(expect.arrayContaining([PASSWORD, HELM_PASSWORD, PRIVATE_KEY]));
    expect(stored.join('\n')).not.toContain(FAILED_PASSWORD);
    expect(stored.join('\n')).not.toContain(DRY_RUN_PASSWORD);
  });

  test('no GET endpoint, page or event stream for the workspace carries Secret data', async () => {
    const doc = (await (await fetch(`${app!.baseURL}/api/openapi.json`)).json()) as Json;
    const secretNames = (await kc.makeApiClient(CoreV1Api).listNamespacedSecret({ namespace: ws })).items.map((s) => s.metadata!.name!);
    const urls = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths as Json)) {
      if (!(item as Json).get || path === '/api/v1/events') continue;
      const kinds: string[] = ((item as Json).get.parameters ?? []).find((p: Json) => p.name === 'kind')?.schema?.enum ?? ['gitrepos'];
      for (const kind of path.includes('{kind}') ? kinds : ['-']) {
        for (const name of path.includes('{name}') ? [...Object.values(repos), ...secretNames] : ['-']) {
          urls.add(path.replace('{ws}', ws).replace('{kind}', kind).replace('{name}', name));
        }
      }
    }
    for (const path of [...urls]) if (path.startsWith('/api/v1/workspaces/') && !path.includes('{')) urls.add(`${path}?q=${repos.basic}`);
    urls.add(`/api/v1/workspaces/_all/gitrepos`);
    for (const page of ['', '/gitrepos', `/gitrepos/${repos.basic}`, `/gitrepos/${repos.basic}?tab=yaml`, `/gitrepos/${repos.ssh}`, `/workspaces/${ws}`]) urls.add(`/w/${ws}${page}`);

    let checked = 0;
    for (const url of urls) {
      expect(url, 'every placeholder filled').not.toMatch(/\{\w+\}/);
      const res = await fetch(`${app!.baseURL}${url}`);
      const text = await res.text();
      expect(res.status, `${url}: ${text.slice(0, 200)}`).toBeLessThan(500);
      expectClean(text, `GET ${url}`);
      if (res.status === 200) checked += 1;
    }
    expect(checked, 'most endpoints answered with data').toBeGreaterThan(15);

    // The event stream, while a GitRepo with credentials is created and changed.
    const controller = new AbortController();
    const stream = await fetch(`${app!.baseURL}/api/v1/events?ws=${ws}`, { signal: controller.signal });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    let events = '';
    const reading = (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          events += Buffer.from(value).toString();
        }
      } catch {
        // aborted
      }
    })();
    const created = await bff('POST', `/api/v1/workspaces/${ws}/gitrepos`, {
      gitRepo: { metadata: { name: 'live-repo' }, spec: { repo: 'https://127.0.0.1:9/org/live.git' } },
      secrets: { clientSecret: { type: 'basic-auth', username: 'u', password: PASSWORD } },
    });
    expect(created.status, created.text).toBe(201);
    expectClean(created.text, 'create during the stream');
    await expect.poll(() => events.includes('live-repo') || events.includes('gitrepos'), { timeout: 10_000 }).toBe(true);
    controller.abort();
    await reading;
    expectClean(events, 'the event stream');
  });

  test("the server's log never carries Secret data", async () => {
    // Provoke the logging paths too: an internal failure is logged with its error.
    await bff('POST', `/api/v1/workspaces/${ws}/gitrepos`, {
      gitRepo: { metadata: { name: 'x'.repeat(300) }, spec: { repo: 'https://127.0.0.1:9/org/app.git' } },
      secrets: { clientSecret: { type: 'basic-auth', username: 'u', password: FAILED_PASSWORD } },
    });
    expect(app!.output(), 'the log was captured').toContain('Ready');
    expectClean(log, 'the server log');
    expectClean(app!.output(), 'the server log');
  });
});
