import { describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

const { cookieFromHeader, decodeSession, encodeSession, sessionKey, sessionSetCookie } = await import('./session-cookie');

const key = sessionKey('a shared secret of the replicas, long enough');
const session = { token: 'reader-token-0123456789', username: 'reader', groups: ['system:authenticated'], expiresAt: Date.now() + 60_000 };

describe('session cookie', () => {
  it('round-trips a session and never shows the token in clear', () => {
    const value = encodeSession(session, key);
    expect(value).not.toContain('reader-token');
    expect(Buffer.from(value.split('.')[2]!, 'base64url').toString('utf8')).not.toContain('reader');
    expect(decodeSession(value, key)).toEqual(session);
  });

  it('gives two encodings of the same session different bytes (fresh IV)', () => {
    expect(encodeSession(session, key)).not.toBe(encodeSession(session, key));
  });

  it('refuses a cookie made with another key (another deployment, a forger)', () => {
    expect(decodeSession(encodeSession(session, sessionKey('some other secret')), key)).toBeUndefined();
  });

  it('refuses any changed byte in the ciphertext, IV or tag', () => {
    const value = encodeSession(session, key);
    const parts = value.split('.');
    for (const index of [1, 2, 3]) {
      const bytes = Buffer.from(parts[index]!, 'base64url');
      bytes[0] = bytes[0]! ^ 1;
      const changed = [...parts];
      changed[index] = bytes.toString('base64url');
      expect(decodeSession(changed.join('.'), key)).toBeUndefined();
    }
  });

  it('refuses an expired session, garbage, truncation and other versions', () => {
    expect(decodeSession(encodeSession({ ...session, expiresAt: Date.now() - 1 }, key), key)).toBeUndefined();
    expect(decodeSession(encodeSession(session, key), key, session.expiresAt + 1)).toBeUndefined();
    const value = encodeSession(session, key);
    expect(decodeSession(value.slice(0, -3), key)).toBeUndefined();
    expect(decodeSession(value.replace(/^v1/, 'v2'), key)).toBeUndefined();
    expect(decodeSession('v1.a.b.c', key)).toBeUndefined();
    expect(decodeSession('not a cookie', key)).toBeUndefined();
    expect(decodeSession(undefined, key)).toBeUndefined();
  });

  it('reads one cookie out of a Cookie header', () => {
    expect(cookieFromHeader('a=1; fleet_deck_session=v1.x.y.z; b=2', 'fleet_deck_session')).toBe('v1.x.y.z');
    expect(cookieFromHeader('a=1', 'fleet_deck_session')).toBeUndefined();
    expect(cookieFromHeader(null, 'fleet_deck_session')).toBeUndefined();
  });

  it('sets the cookie httpOnly, SameSite=Strict, for the whole site, Secure over https, and clears it', () => {
    const set = sessionSetCookie('v1.x.y.z', { secure: true, maxAge: 28_800 });
    expect(set).toMatch(/^fleet_deck_session=v1\.x\.y\.z; /);
    expect(set).toContain('HttpOnly');
    expect(set).toContain('SameSite=Strict');
    expect(set).toContain('Path=/');
    expect(set).toContain('Max-Age=28800');
    expect(set).toContain('Secure');
    expect(sessionSetCookie('v', { secure: false, maxAge: 10 })).not.toContain('Secure');
    const cleared = sessionSetCookie('', { secure: false, maxAge: 0 });
    expect(cleared).toContain('Max-Age=0');
    expect(cleared).toContain('Expires=Thu, 01 Jan 1970');
  });
});
