import { expect, test } from '@playwright/test';

import { lsRemoteResultSchema, secretListSchema } from '../../lib/api/schemas';
import { GitRepos, startGitServer, type GitServer } from '../../test/support/git-server';
import { createWorkspace, expectError, kube } from '../support/kube';

/**
 * The Git endpoints of the wizard: "Test connection" (`git ls-remote` on the server, with new
 * credentials or an existing Secret's) against a repository served over HTTP with basic auth on
 * 127.0.0.1, and the list of a workspace's Secret names, which never carries Secret data.
 */
test.describe('git ls-remote and secret names', () => {
  const USER = 'deploy';
  const PASSWORD = 'p4ss-w0rd-e2e';
  let ws: string;
  let repos: GitRepos;
  let server: GitServer;
  let commit: string;

  test.beforeAll(async ({ request }) => {
    repos = new GitRepos();
    commit = repos.create('app', { 'README.md': 'hello\n' }, 'main');
    repos.branch('app', 'feature-x', commit);
    repos.tag('app', 'v1.0.0', commit);
    server = await startGitServer(repos, { auth: { username: USER, password: PASSWORD } });
    ws = await createWorkspace(request, 'e2e-git');
    const basic = { username: Buffer.from(USER).toString('base64'), password: Buffer.from(PASSWORD).toString('base64') };
    await kube.core().createNamespacedSecret({ namespace: ws, body: { metadata: { name: 'git-creds' }, type: 'kubernetes.io/basic-auth', data: basic } });
    await kube.core().createNamespacedSecret({ namespace: ws, body: { metadata: { name: 'ssh-creds' }, type: 'kubernetes.io/ssh-auth', data: { 'ssh-privatekey': Buffer.from('not-a-key').toString('base64') } } });
  });

  test.afterAll(async () => {
    await server?.close();
    repos?.dispose();
  });

  const lsRemote = (request: any, data: unknown, workspace = ws) => request.post(`/api/v1/workspaces/${workspace}/git/ls-remote`, { data });

  test('lists branches and tags with the right password', async ({ request }) => {
    const res = await lsRemote(request, { repo: server.url('app'), auth: { type: 'basic-auth', username: USER, password: PASSWORD } });
    expect(res.status(), await res.text()).toBe(200);
    expect(lsRemoteResultSchema.parse(await res.json())).toEqual({
      ok: true,
      branches: [
        { name: 'feature-x', commit },
        { name: 'main', commit },
      ],
      tags: [{ name: 'v1.0.0', commit }],
    });
  });

  test("answers a wrong password with git's own error, never echoing the password", async ({ request }) => {
    const res = await lsRemote(request, { repo: server.url('app'), auth: { type: 'basic-auth', username: USER, password: 'not-the-password' } });
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body).toEqual({ ok: false, error: expect.stringContaining(`fatal: Authentication failed for '${server.url('app')}/'`) });
    expect(JSON.stringify(body)).not.toContain('not-the-password');
  });

  test("uses an existing Secret's credentials, read on the server", async ({ request }) => {
    const res = await lsRemote(request, { repo: server.url('app'), auth: { type: 'secret', name: 'git-creds' } });
    expect(lsRemoteResultSchema.parse(await res.json())).toMatchObject({ ok: true, branches: [{ name: 'feature-x' }, { name: 'main' }] });
    await expectError(await lsRemote(request, { repo: server.url('app'), auth: { type: 'secret', name: 'missing' } }), 422, 'invalid', 'auth.name');
  });

  test('refuses URLs git should not run and unknown workspaces', async ({ request }) => {
    const bad = await expectError(await lsRemote(request, { repo: 'ext::sh -c touch% /tmp/pwned' }), 422, 'invalid', 'repo');
    expect(bad.message).toContain('must not contain spaces');
    await expectError(await lsRemote(request, { repo: 'ftp://127.0.0.1/app.git' }), 422, 'invalid', 'repo');
    await expectError(await lsRemote(request, { repo: '--upload-pack=touch /tmp/x' }), 422, 'invalid', 'repo');
    await expectError(await lsRemote(request, { repo: server.url('app') }, 'no-such-workspace'), 404, 'not_found', 'ws');
  });

  test('lists Secret names and types, never their data', async ({ request }) => {
    const res = await request.get(`/api/v1/workspaces/${ws}/secrets`);
    const text = await res.text();
    expect(res.status(), text).toBe(200);
    const list = secretListSchema.parse(JSON.parse(text));
    expect(list.items).toEqual(
      expect.arrayContaining([
        { name: 'git-creds', type: 'kubernetes.io/basic-auth' },
        { name: 'ssh-creds', type: 'kubernetes.io/ssh-auth' },
      ]),
    );
    for (const item of JSON.parse(text).items) expect(Object.keys(item).sort()).toEqual(['name', 'type']);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(Buffer.from(PASSWORD).toString('base64'));
    await expectError(await request.get('/api/v1/workspaces/no-such-workspace/secrets'), 404, 'not_found', 'ws');
  });
});
