import { describe, expect, it } from 'vitest';
import { Authenticator } from './authenticator';
import { parseTokenFile } from './token-file';

describe('parseTokenFile', () => {
  it('reads token,user,uid and the quoted groups column, skipping comments and blank lines', () => {
    const users = parseTokenFile(['# users', '', 'tok-a,alice,uid-1,"dev,ops"', 'tok-b, bob ,uid-2', '  # indented comment', 'tok-c,carol,,"a ""quoted"" group"'].join('\n'));
    expect(users.get('tok-a')).toEqual({ username: 'alice', uid: 'uid-1', groups: ['dev', 'ops'] });
    expect(users.get('tok-b')).toEqual({ username: 'bob', uid: 'uid-2', groups: [] });
    expect(users.get('tok-c')).toEqual({ username: 'carol', uid: '', groups: ['a "quoted" group'] });
    expect(users.size).toBe(3);
  });

  it('names the file and line of a malformed entry', () => {
    expect(() => parseTokenFile('ok,alice,1\nonly-two,columns', 'tokens.csv')).toThrow('tokens.csv line 2: expected token,user,uid[,"groups"], found 2 columns');
    expect(() => parseTokenFile('t,u,1,"open', 'f')).toThrow('f line 1: a quoted field is not closed');
    expect(() => parseTokenFile('t,u,1,a,b', 'f')).toThrow('f line 1: expected at most 4 columns');
    expect(() => parseTokenFile(',u,1', 'f')).toThrow('f line 1: the token is empty');
    expect(() => parseTokenFile('t,,1', 'f')).toThrow('f line 1: the user name is empty');
    expect(() => parseTokenFile('t,u,1\nt,v,2', 'f')).toThrow('f line 2: the token is already used on an earlier line');
  });
});

describe('Authenticator', () => {
  const authenticator = new Authenticator('admin-secret', parseTokenFile('tok-a,alice,uid-1,"dev"'));

  it('knows the admin token and the token file users, adding system:authenticated', () => {
    expect(authenticator.authenticateToken('admin-secret')).toMatchObject({ username: 'fleet-deck-admin', groups: ['system:masters', 'system:authenticated'] });
    expect(authenticator.authenticateToken('tok-a')).toEqual({ username: 'alice', uid: 'uid-1', groups: ['dev', 'system:authenticated'] });
    expect(authenticator.authenticateToken('tok-b')).toBeUndefined();
    expect(authenticator.authenticateToken('')).toBeUndefined();
  });
});
