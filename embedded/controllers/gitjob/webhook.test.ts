import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { GitRepo } from '../../../lib/fleet/types';
import { gitRepoMatchesPush, normalizeRepoUrl, parsePushEvent, verifyPush, type PushEvent } from './webhook';

const repo = (spec: Partial<NonNullable<GitRepo['spec']>>): GitRepo => ({
  apiVersion: 'fleet.cattle.io/v1alpha1',
  kind: 'GitRepo',
  metadata: { name: 'r', namespace: 'fleet-local' },
  spec: { repo: 'https://github.com/rancher/fleet-examples', ...spec },
});

describe('webhook', () => {
  it('normalizes the URL forms of one repository to the same key', () => {
    const forms = [
      'https://github.com/Rancher/fleet-examples',
      'https://github.com/rancher/fleet-examples.git',
      'https://user:token@github.com/rancher/fleet-examples/',
      'git@github.com:rancher/fleet-examples.git',
      'ssh://git@github.com/rancher/fleet-examples',
      'git://github.com/rancher/fleet-examples.git',
    ];
    expect(new Set(forms.map(normalizeRepoUrl))).toEqual(new Set(['github.com/rancher/fleet-examples']));
    expect(normalizeRepoUrl('http://127.0.0.1:3000/org/app.git')).toBe('127.0.0.1:3000/org/app');
  });

  it('parses GitHub and GitLab pushes, ignoring other events and branch deletions', () => {
    const github = { ref: 'refs/heads/main', after: 'a'.repeat(40), repository: { html_url: 'https://github.com/o/r', clone_url: 'https://github.com/o/r.git' } };
    expect(parsePushEvent('github', 'push', github)).toEqual({ provider: 'github', repoUrls: ['https://github.com/o/r', 'https://github.com/o/r.git'], branch: 'main', commit: 'a'.repeat(40) });
    expect(parsePushEvent('github', 'issues', github)).toBeUndefined();
    expect(parsePushEvent('github', 'push', { ...github, after: '0'.repeat(40) })).toBeUndefined();
    const gitlab = { object_kind: 'tag_push', ref: 'refs/tags/v1.0.0', checkout_sha: 'b'.repeat(40), project: { web_url: 'https://gitlab.com/o/r', git_ssh_url: 'git@gitlab.com:o/r.git' } };
    expect(parsePushEvent('gitlab', 'Tag Push Hook', gitlab)).toEqual({ provider: 'gitlab', repoUrls: ['https://gitlab.com/o/r', 'git@gitlab.com:o/r.git'], tag: 'v1.0.0', commit: 'b'.repeat(40) });
  });

  it('matches GitRepos by repository and followed branch (default master) or tag revision', () => {
    const push: PushEvent = { provider: 'github', repoUrls: ['https://github.com/rancher/fleet-examples.git'], branch: 'master', commit: 'c'.repeat(40) };
    expect(gitRepoMatchesPush(repo({}), push)).toBe(true);
    expect(gitRepoMatchesPush(repo({ branch: 'main' }), push)).toBe(false);
    expect(gitRepoMatchesPush(repo({ repo: 'https://github.com/rancher/other' }), push)).toBe(false);
    expect(gitRepoMatchesPush(repo({ revision: 'v1' }), { ...push, branch: undefined, tag: 'v1' })).toBe(true);
  });

  it('verifies GitHub signatures and GitLab tokens', () => {
    const body = Buffer.from('{"ref":"refs/heads/master"}');
    const signature = `sha256=${createHmac('sha256', 'topsecret').update(body).digest('hex')}`;
    expect(verifyPush('github', { 'x-hub-signature-256': signature }, body, 'topsecret')).toBe(true);
    expect(verifyPush('github', { 'x-hub-signature-256': signature }, body, 'other')).toBe(false);
    expect(verifyPush('gitlab', { 'x-gitlab-token': 'tok' }, body, 'tok')).toBe(true);
    expect(verifyPush('gitlab', {}, body, 'tok')).toBe(false);
  });
});
