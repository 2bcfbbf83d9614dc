import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { GitRepos, startGitServer, type GitServer } from '../../test/support/git-server';

vi.mock('server-only', () => ({}));

const { lsRemote, parseLsRemote } = await import('./ls-remote');

const tempDirs = () => readdirSync(tmpdir()).filter((name) => name.startsWith('fleet-deck-ls-remote-'));

describe('git ls-remote', () => {
  let repos: GitRepos;
  let server: GitServer;
  let commit: string;

  beforeAll(async () => {
    repos = new GitRepos();
    commit = repos.create('app', { 'fleet.yaml': 'defaultNamespace: app\n' }, 'main');
    repos.branch('app', 'release-1', commit);
    repos.tag('app', 'v1.0.0', commit);
    server = await startGitServer(repos, { auth: { username: 'fleet', password: 's3cret' } });
  });

  afterAll(async () => {
    await server.close();
    repos.dispose();
  });

  it('lists branches and tags with the right password, and leaves no temporary files', async () => {
    const before = tempDirs();
    const result = await lsRemote({ repo: server.url('app'), credentials: { type: 'basic-auth', username: 'fleet', password: 's3cret' } });
    expect(result).toEqual({
      ok: true,
      branches: [
        { name: 'main', commit },
        { name: 'release-1', commit },
      ],
      tags: [{ name: 'v1.0.0', commit }],
    });
    expect(tempDirs()).toEqual(before);
  });

  it("returns git's own error for a wrong password, without the password", async () => {
    const result = await lsRemote({ repo: server.url('app'), credentials: { type: 'basic-auth', username: 'fleet', password: 'wrong-pass' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(/Authentication failed/);
    expect(result.error).not.toContain('wrong-pass');
  });

  it('fails without credentials instead of prompting', async () => {
    const result = await lsRemote({ repo: server.url('app') });
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/could not read Username|terminal prompts disabled|Authentication failed/) });
  });

  it('stops after the timeout', async () => {
    const result = await lsRemote({ repo: server.url('app'), credentials: { type: 'basic-auth', username: 'fleet', password: 's3cret' }, timeoutMs: 1 });
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('did not finish') });
  });

  it('parses peeled tags to the commit they point at', () => {
    expect(parseLsRemote('a1\trefs/heads/x\nb2\trefs/tags/t\nc3\trefs/tags/t^{}\n')).toEqual({ branches: [{ name: 'x', commit: 'a1' }], tags: [{ name: 't', commit: 'c3' }] });
  });
});
