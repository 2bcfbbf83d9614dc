import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';

import { sessionSchema, workspaceAccessSchema, workspaceListSchema } from '../../lib/api/schemas';
import { RBAC_USERS, TEAM_WORKSPACE, type FixtureUserName } from '../../test/support/rbac-fixtures';
import { mentions, openSse } from '../support/sse';
import { craftSessionCookie, SEED, SESSION_SECRET, signIn, startTeamApp, type TeamApp } from '../support/team-app';

/**
 * Team mode (FLEET_DECK_AUTH=token) against an embedded cluster that enforces RBAC for three
 * users: what each may see in every list, count, detail, YAML view, SSE stream and target preview,
 * and that every write is the API server's decision for the user's own token.
 */
test.describe.configure({ mode: 'serial' });

let team: TeamApp;
const contexts = new Map<string, APIRequestContext>();
const cookies = {} as Record<FixtureUserName, string>;

/** A request context that sends `cookie` (or none) with every request. */
async function as(cookie: string | undefined): Promise<APIRequestContext> {
  const key = cookie ?? '(anonymous)';
  let context = contexts.get(key);
  if (!context) {
    context = await playwrightRequest.newContext({ baseURL: team.baseURL, extraHTTPHeaders: cookie ? { Cookie: cookie } : {} });
    contexts.set(key, context);
  }
  return context;
}
const user = (name: FixtureUserName) => as(cookies[name]);

async function names(context: APIRequestContext, url: string): Promise<string[]> {
  const res = await context.get(url);
  expect(res.status(), `${url}: ${await res.text()}`).toBe(200);
  return ((await res.json()).items as { workspace?: string; name: string }[]).map((row) => (row.workspace ? `${row.workspace}/${row.name}` : row.name)).sort();
}

async function expectError(res: { status(): number; text(): Promise<string> }, status: number, code: string): Promise<string> {
  const text = await res.text();
  expect(res.status(), text).toBe(status);
  const body = JSON.parse(text);
  expect(body.error.code, text).toBe(code);
  return body.error.message as string;
}

const JSON_HEADERS = { 'Content-Type': 'application/json' };

test.beforeAll(async () => {
  test.setTimeout(180_000);
  team = await startTeamApp();
  for (const name of ['admin', 'reader', 'editor'] as const) cookies[name] = await signIn(team.baseURL, name);
});

test.afterAll(async () => {
  for (const context of contexts.values()) await context.dispose();
  await team?.stop();
});

test('sign-in answers who the token belongs to and sets an httpOnly, SameSite=Strict session cookie holding no token', async () => {
  const res = await fetch(`${team.baseURL}/api/v1/session`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ token: RBAC_USERS.editor.token }) });
  expect(res.status).toBe(200);
  const session = sessionSchema.parse(await res.json());
  expect(session.mode).toBe('token');
  expect(session.user?.username).toBe('editor');
  expect(session.user?.groups).toContain('team-a-editors');
  const setCookie = res.headers.get('set-cookie') ?? '';
  expect(setCookie).toMatch(/^fleet_deck_session=v1\./);
  expect(setCookie).toContain('HttpOnly');
  expect(setCookie).toContain('SameSite=Strict');
  expect(setCookie).toContain('Path=/');
  expect(setCookie).toMatch(/Max-Age=\d+/);
  expect(setCookie).not.toContain(RBAC_USERS.editor.token);
  expect(JSON.stringify(session)).not.toContain(RBAC_USERS.editor.token);

  const me = await (await user('reader')).get('/api/v1/session');
  expect(sessionSchema.parse(await me.json())).toMatchObject({ mode: 'token', user: { username: 'reader' } });
});

test('a token the API server does not accept is refused, and nothing is set', async () => {
  const res = await fetch(`${team.baseURL}/api/v1/session`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ token: 'not-a-known-token-000' }) });
  expect(res.status).toBe(401);
  expect((await res.json()).error).toMatchObject({ code: 'unauthenticated', field: 'token' });
  expect(res.headers.get('set-cookie')).toBeNull();
  // A wrong token is the form's error, not a reason to send the browser anywhere.
  expect(res.headers.get('x-fleet-deck-auth')).toBeNull();
  const empty = await fetch(`${team.baseURL}/api/v1/session`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ token: '' }) });
  expect(empty.status).toBe(422);
  expect((await empty.json()).error).toMatchObject({ code: 'invalid', field: 'token' });
});

const READS = [
  '/api/v1/workspaces',
  '/api/v1/workspaces/fleet-default',
  '/api/v1/workspaces/_all/gitrepos',
  '/api/v1/workspaces/fleet-default/clusters',
  '/api/v1/workspaces/fleet-default/gitrepos/fd-repo',
  '/api/v1/workspaces/fleet-default/gitrepos/fd-repo/yaml',
  '/api/v1/workspaces/fleet-default/access',
  '/api/v1/events?ws=_all',
];

test('without a session, or with a forged, altered or expired cookie, every endpoint answers 401 unauthenticated', async () => {
  const expired = craftSessionCookie(SESSION_SECRET, { token: RBAC_USERS.admin.token, username: 'fleet-admin', groups: [], expiresAt: Date.now() - 1_000 });
  const valid = craftSessionCookie(SESSION_SECRET, { token: RBAC_USERS.admin.token, username: 'fleet-admin', groups: [], expiresAt: Date.now() + 60_000 });
  const otherKey = craftSessionCookie('some-other-deployment-secret-0123456789', { token: RBAC_USERS.admin.token, username: 'fleet-admin', groups: [], expiresAt: Date.now() + 60_000 });
  const [name, value] = cookies.admin.split('=') as [string, string];
  const altered = `${name}=${value.slice(0, 20)}${value[20] === 'A' ? 'B' : 'A'}${value.slice(21)}`;
  // The crafted format is right: with the app's secret and a future expiry it is accepted.
  expect((await (await as(valid)).get('/api/v1/workspaces')).status()).toBe(200);
  for (const cookie of [undefined, 'fleet_deck_session=forged', altered, otherKey, expired]) {
    const context = await as(cookie);
    for (const url of READS) {
      const res = await context.get(url);
      await expectError(res, 401, 'unauthenticated');
      // The browser is told that signing in helps (and goes to the sign-in page).
      expect(res.headers()['x-fleet-deck-auth'], url).toBe('sign-in');
    }
    await expectError(await context.post('/api/v1/workspaces/fleet-default/gitrepos/fd-repo/actions/pause', { data: {} }), 401, 'unauthenticated');
    await expectError(await context.post('/api/v1/workspaces/fleet-default/target-preview', { data: {} }), 401, 'unauthenticated');
  }
  // Health, readiness and the API description stay open (probes, tooling).
  for (const url of ['/api/healthz', '/api/readyz', '/api/openapi.json']) expect((await (await as(undefined)).get(url)).status(), url).toBe(200);
});

test('each user sees exactly the workspaces they may list something in, with counts of what they may read', async () => {
  const workspaces = async (who: FixtureUserName) => workspaceListSchema.parse(await (await (await user(who)).get('/api/v1/workspaces')).json()).items;
  const admin = await workspaces('admin');
  expect(admin.map((w) => w.name)).toEqual(expect.arrayContaining(['fleet-local', 'fleet-default', TEAM_WORKSPACE]));
  const reader = await workspaces('reader');
  expect(reader.map((w) => w.name)).toEqual(['fleet-default']);
  expect(reader[0]).toMatchObject({ gitrepos: { total: 1 }, clusters: { total: 2 }, clustergroups: { total: 1 } });
  const editor = await workspaces('editor');
  expect(editor.map((w) => w.name)).toEqual([TEAM_WORKSPACE]);
  expect(editor[0]).toMatchObject({ gitrepos: { total: 1 }, clusters: { total: 1 }, clustergroups: { total: 1 } });
});

test('lists and the all-workspaces lists hold only readable rows; totals count only them', async () => {
  const all = Object.entries(SEED).flatMap(([ws, objects]) => objects.gitrepos.map((name) => `${ws}/${name}`)).sort();
  expect(await names(await user('admin'), '/api/v1/workspaces/_all/gitrepos')).toEqual(all);
  expect(await names(await user('reader'), '/api/v1/workspaces/_all/gitrepos')).toEqual(['fleet-default/fd-repo']);
  expect(await names(await user('editor'), '/api/v1/workspaces/_all/gitrepos')).toEqual([`${TEAM_WORKSPACE}/ta-repo`]);
  expect(await names(await user('reader'), '/api/v1/workspaces/_all/clusters')).toEqual(['fleet-default/fd-c1', 'fleet-default/fd-c2']);
  expect(await names(await user('editor'), '/api/v1/workspaces/_all/clustergroups')).toEqual([`${TEAM_WORKSPACE}/ta-group`]);
  const page = await (await (await user('reader')).get('/api/v1/workspaces/_all/clusters?pageSize=1')).json();
  expect(page.total).toBe(2);
  expect(await names(await user('editor'), `/api/v1/workspaces/${TEAM_WORKSPACE}/clusters`)).toEqual([`${TEAM_WORKSPACE}/ta-c1`]);
});

test('a workspace the user may not see answers 404 exactly like one that does not exist', async () => {
  const reader = await user('reader');
  for (const ws of [TEAM_WORKSPACE, 'no-such-workspace']) {
    const messages = [];
    for (const url of [`/api/v1/workspaces/${ws}`, `/api/v1/workspaces/${ws}/gitrepos`, `/api/v1/workspaces/${ws}/access`]) {
      messages.push(await expectError(await reader.get(url), 404, 'not_found'));
    }
    messages.push(await expectError(await reader.post(`/api/v1/workspaces/${ws}/target-preview`, { data: {} }), 404, 'not_found'));
    expect(messages.every((message) => message === `Workspace "${ws}" does not exist`), messages.join(' | ')).toBe(true);
  }
  await expectError(await reader.get(`/api/v1/workspaces/${TEAM_WORKSPACE}/gitrepos/ta-repo`), 404, 'not_found');
  await expectError(await reader.get(`/api/v1/workspaces/${TEAM_WORKSPACE}/gitrepos/ta-repo/yaml`), 404, 'not_found');
  const editor = await user('editor');
  await expectError(await editor.get('/api/v1/workspaces/fleet-default/clusters/fd-c1'), 404, 'not_found');
  await expectError(await editor.get('/api/v1/workspaces/fleet-default/clustergroups/fd-prod/yaml'), 404, 'not_found');
});

test('details and YAML of readable objects are served', async () => {
  const reader = await user('reader');
  const detail = await reader.get('/api/v1/workspaces/fleet-default/clustergroups/fd-prod');
  expect(detail.status(), await detail.text()).toBe(200);
  expect((await detail.json()).relations.clusters.items.map((c: { name: string }) => c.name)).toEqual(['fd-c1']);
  const yaml = await reader.get('/api/v1/workspaces/fleet-default/gitrepos/fd-repo/yaml');
  expect(yaml.status()).toBe(200);
  expect(await yaml.text()).toContain('name: fd-repo');
  const editor = await user('editor');
  expect((await editor.get(`/api/v1/workspaces/${TEAM_WORKSPACE}/gitrepos/ta-repo`)).status()).toBe(200);
});

test('target preview counts only clusters the user may read', async () => {
  const body = { selector: { matchLabels: { env: 'prod' } } };
  const admin = await (await (await user('admin')).post('/api/v1/workspaces/fleet-default/target-preview', { data: body })).json();
  expect(admin).toMatchObject({ total: 1, matched: ['fd-c1'], clusterCount: 2 });
  const reader = await (await (await user('reader')).post('/api/v1/workspaces/fleet-default/target-preview', { data: body })).json();
  expect(reader).toMatchObject({ total: 1, matched: ['fd-c1'], clusterCount: 2 });
  const editor = await (await (await user('editor')).post(`/api/v1/workspaces/${TEAM_WORKSPACE}/target-preview`, { data: { targets: [] } })).json();
  expect(editor).toMatchObject({ clusterCount: 1 });
});

test('the access endpoint gives each user their verbs per kind', async () => {
  const access = async (who: FixtureUserName, ws: string) => workspaceAccessSchema.parse(await (await (await user(who)).get(`/api/v1/workspaces/${ws}/access`)).json());
  const editor = await access('editor', TEAM_WORKSPACE);
  expect(editor.mode).toBe('token');
  expect(editor.kinds.gitrepos).toMatchObject({ list: true, create: true, update: true, patch: true, delete: true });
  expect(editor.kinds.clusters).toMatchObject({ list: true, patch: false, delete: false });
  expect(editor.kinds.clustergroups).toMatchObject({ list: true, create: false });
  expect(editor.workspaces).toEqual({ create: false, delete: false });
  const reader = await access('reader', 'fleet-default');
  expect(reader.kinds.gitrepos).toMatchObject({ get: true, list: true, create: false, patch: false, delete: false });
  const admin = await access('admin', TEAM_WORKSPACE);
  expect(admin.kinds.clusters).toMatchObject({ patch: true, delete: true });
  expect(admin.workspaces).toEqual({ create: true, delete: true });
});

test('forbidden writes are refused by the API server with a 403 carrying its message; allowed ones go through', async () => {
  const reader = await user('reader');
  const pause = await reader.post('/api/v1/workspaces/fleet-default/gitrepos/fd-repo/actions/pause', { data: {} });
  const message = await expectError(pause, 403, 'forbidden');
  expect(message).toContain('User "reader" cannot patch resource "gitrepos" in API group "fleet.cattle.io" in the namespace "fleet-default"');
  await expectError(await reader.delete('/api/v1/workspaces/fleet-default/clustergroups/fd-prod', { headers: JSON_HEADERS }), 403, 'forbidden');
  await expectError(await reader.patch('/api/v1/workspaces/fleet-default/clusters/fd-c1/labels', { data: { set: { team: 'x' }, remove: [] } }), 403, 'forbidden');

  const editor = await user('editor');
  const allowed = await editor.post(`/api/v1/workspaces/${TEAM_WORKSPACE}/gitrepos/ta-repo/actions/pause`, { data: {} });
  expect(allowed.status(), await allowed.text()).toBe(200);
  expect((await allowed.json()).object.spec.paused).toBe(true);
  const cluster = await editor.post(`/api/v1/workspaces/${TEAM_WORKSPACE}/clusters/ta-c1/actions/pause`, { data: {} });
  expect(await expectError(cluster, 403, 'forbidden')).toContain('User "editor" cannot patch resource "clusters"');
  const group = await editor.post(`/api/v1/workspaces/${TEAM_WORKSPACE}/clustergroups`, { data: { metadata: { name: 'new-group' }, spec: { selector: {} } } });
  expect(await expectError(group, 403, 'forbidden')).toContain('cannot create resource "clustergroups"');
  await expectError(await editor.post('/api/v1/workspaces', { data: { name: 'editor-made' } }), 403, 'forbidden');
  // Another team's workspace does not exist for the editor, for writes too.
  await expectError(await editor.post('/api/v1/workspaces/fleet-default/gitrepos/fd-repo/actions/pause', { data: {} }), 404, 'not_found');

  const admin = await user('admin');
  const resumed = await admin.post(`/api/v1/workspaces/${TEAM_WORKSPACE}/gitrepos/ta-repo/actions/unpause`, { data: {} });
  expect(resumed.status(), await resumed.text()).toBe(200);
});

test('every mutation leaves one audit line on stdout: who, what, result; no token', async () => {
  await (await user('reader')).post('/api/v1/workspaces/fleet-default/gitrepos/fd-repo/actions/forceUpdate', { data: {} });
  await expect
    .poll(() => team.app.output().split('\n').filter((line) => line.startsWith('{"audit":true')).map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line.user === 'reader' && line.action === 'forceUpdate'))
    .toMatchObject({ method: 'POST', workspace: 'fleet-default', kind: 'gitrepos', name: 'fd-repo', status: 403, error: 'forbidden' });
  const audit = team.app.output().split('\n').filter((line) => line.startsWith('{"audit":true'));
  expect(audit.some((line) => line.includes('"user":"editor"') && line.includes('"status":200'))).toBe(true);
  for (const user of Object.values(RBAC_USERS)) expect(team.app.output()).not.toContain(user.token);
});

test('SSE streams carry notices only about objects the user may read', async () => {
  const reader = await openSse(`${team.baseURL}/api/v1/events?ws=_all`, { Cookie: cookies.reader });
  const editor = await openSse(`${team.baseURL}/api/v1/events?ws=_all`, { Cookie: cookies.editor });
  try {
    expect(reader.status).toBe(200);
    await reader.waitFor((m) => m.event === 'status', 10_000, 'a status message');
    await editor.waitFor((m) => m.event === 'status', 10_000, 'a status message');
    await team.create('gitrepos', TEAM_WORKSPACE, 'ta-live', {}, { repo: 'https://127.0.0.1:1/x.git' });
    await team.create('gitrepos', 'fleet-default', 'fd-live', {}, { repo: 'https://127.0.0.1:1/x.git' });
    await reader.waitFor(mentions('gitrepos', 'fd-live'), 10_000, 'the fleet-default notice');
    await editor.waitFor(mentions('gitrepos', 'ta-live'), 10_000, 'the team-a notice');
    // Both changes were batched by now: give a late one a moment, then check nothing leaked.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(reader.messages.some(mentions('gitrepos', 'ta-live'))).toBe(false);
    expect(editor.messages.some(mentions('gitrepos', 'fd-live'))).toBe(false);
    const leaked = (messages: typeof reader.messages, ws: string) =>
      messages.some((m) => m.event === 'changes' && JSON.stringify(m.data).includes(`"workspace":"${ws}"`));
    expect(leaked(reader.messages, TEAM_WORKSPACE)).toBe(false);
    expect(leaked(editor.messages, 'fleet-default')).toBe(false);
  } finally {
    reader.close();
    editor.close();
  }
});

test('sign-out clears the cookie; the server-side session is gone with it', async () => {
  const cookie = await signIn(team.baseURL, 'reader');
  const context = await playwrightRequest.newContext({ baseURL: team.baseURL });
  try {
    const out = await context.delete('/api/v1/session', { headers: { ...JSON_HEADERS, Cookie: cookie } });
    expect(out.status()).toBe(200);
    const cleared = out.headers()['set-cookie'] ?? '';
    expect(cleared).toMatch(/^fleet_deck_session=;/);
    expect(cleared).toContain('Max-Age=0');
    // The browser drops it; without it nothing is served.
    await expectError(await context.get('/api/v1/workspaces', { headers: { Cookie: cleared.split(';')[0]! } }), 401, 'unauthenticated');
    await expectError(await context.get('/api/v1/session'), 401, 'unauthenticated');
  } finally {
    await context.dispose();
  }
});

test('sign-in attempts are rate-limited per client address: 429 with Retry-After', async () => {
  const attempt = (address: string) =>
    fetch(`${team.baseURL}/api/v1/session`, { method: 'POST', headers: { ...JSON_HEADERS, 'X-Forwarded-For': address }, body: JSON.stringify({ token: 'wrong-token-0000' }) });
  const statuses = [];
  for (let i = 0; i < 10; i++) statuses.push((await attempt('198.51.100.7')).status);
  expect(statuses.every((status) => status === 401)).toBe(true);
  const limited = await attempt('198.51.100.7');
  expect(limited.status).toBe(429);
  expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  expect((await limited.json()).error.code).toBe('too_many_requests');
  // Even the right token waits its turn from that address; another address is not affected.
  const right = await fetch(`${team.baseURL}/api/v1/session`, { method: 'POST', headers: { ...JSON_HEADERS, 'X-Forwarded-For': '198.51.100.7' }, body: JSON.stringify({ token: RBAC_USERS.reader.token }) });
  expect(right.status).toBe(429);
  expect((await attempt('198.51.100.8')).status).toBe(401);
});
