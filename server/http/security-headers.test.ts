import { describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

const { createNonce, pageContentSecurityPolicy } = await import('./security-headers');

const directive = (policy: string, name: string) => policy.split('; ').find((d) => d.startsWith(`${name} `))?.split(' ').slice(1);

describe('pageContentSecurityPolicy', () => {
  it('lets scripts run only with the nonce, and no page frame it', () => {
    const policy = pageContentSecurityPolicy('abc123');
    expect(directive(policy, 'script-src')).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(directive(policy, 'frame-ancestors')).toEqual(["'none'"]);
    expect(directive(policy, 'default-src')).toEqual(["'self'"]);
    expect(directive(policy, 'object-src')).toEqual(["'none'"]);
    expect(policy).not.toContain('unsafe-eval');
    // Inline styles only (CodeMirror); a nonce there would switch 'unsafe-inline' off.
    expect(directive(policy, 'style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it("adds 'unsafe-eval' for next dev only", () => {
    expect(directive(pageContentSecurityPolicy('n', { dev: true }), 'script-src')).toContain("'unsafe-eval'");
  });
});

describe('createNonce', () => {
  it('is 128 random bits in base64, new every time', () => {
    const nonces = new Set(Array.from({ length: 100 }, () => createNonce()));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });
});
