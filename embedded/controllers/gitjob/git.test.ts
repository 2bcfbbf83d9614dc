import { describe, expect, it } from 'vitest';
import { commitFromRefs, gitAuthFromSecret, parseLsRemote, refToFetch } from './git';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);

describe('git helpers', () => {
  it('parses ls-remote --symref output, peeling annotated tags', () => {
    const refs = parseLsRemote(`ref: refs/heads/main\tHEAD\n${A}\tHEAD\n${A}\trefs/heads/main\n${B}\trefs/heads/dev\n${C}\trefs/tags/v1\n${B}\trefs/tags/v1^{}\n${A}\trefs/pull/1/head\n`);
    expect(refs).toEqual({ head: A, headBranch: 'main', branches: { main: A, dev: B }, tags: { v1: B } });
  });

  it('resolves branch (default master), tag or commit revisions', () => {
    const refs = { branches: { master: A, dev: B }, tags: { v1: C } };
    expect(commitFromRefs(refs, {})).toBe(A);
    expect(commitFromRefs(refs, { branch: 'dev' })).toBe(B);
    expect(commitFromRefs(refs, { revision: 'v1' })).toBe(C);
    expect(commitFromRefs(refs, { revision: 'F'.repeat(40) })).toBe('f'.repeat(40));
    expect(() => commitFromRefs(refs, { branch: 'nope' })).toThrow(`branch "nope" not found: couldn't find remote ref refs/heads/nope`);
    expect(() => commitFromRefs(refs, { revision: 'v9' })).toThrow(`revision "v9" not found`);
    expect(refToFetch({})).toBe('refs/heads/master');
    expect(refToFetch({ revision: 'v1' })).toBe('refs/tags/v1');
    expect(refToFetch({ revision: A })).toBeUndefined();
  });

  it('reads auth from basic-auth and ssh-auth secrets', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    expect(gitAuthFromSecret({ type: 'kubernetes.io/basic-auth', data: { username: b64('u'), password: b64('p') } }, { insecureSkipTLSVerify: true })).toEqual({
      basic: { username: 'u', password: 'p' },
      insecureSkipTLSVerify: true,
    });
    expect(gitAuthFromSecret({ type: 'kubernetes.io/ssh-auth', data: { 'ssh-privatekey': b64('KEY'), known_hosts: b64('host ssh-ed25519 AAA') } }, { caBundle: b64('PEM') })).toEqual({
      ssh: { privateKey: 'KEY' },
      knownHosts: 'host ssh-ed25519 AAA',
      caBundle: 'PEM',
    });
    expect(gitAuthFromSecret(undefined, { knownHosts: 'fallback' })).toEqual({ knownHosts: 'fallback' });
  });
});
