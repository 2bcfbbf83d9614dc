import { describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

const { RateLimiter, clientAddress } = await import('./rate-limit');

describe('sign-in rate limiter', () => {
  it('allows `limit` attempts per window per address, then says how long to wait', () => {
    let now = 0;
    const limiter = new RateLimiter(3, 60_000, 100, () => now);
    expect([limiter.attempt('a'), limiter.attempt('a'), limiter.attempt('a')]).toEqual([0, 0, 0]);
    expect(limiter.attempt('a')).toBe(60);
    expect(limiter.attempt('b')).toBe(0);
    now = 30_000;
    expect(limiter.attempt('a')).toBe(30);
    now = 60_001;
    expect(limiter.attempt('a')).toBe(0);
  });

  it('keeps a bounded table of addresses', () => {
    const limiter = new RateLimiter(1, 60_000, 50);
    for (let i = 0; i < 500; i++) limiter.attempt(`10.0.0.${i}`);
    expect((limiter as unknown as { hits: Map<string, unknown> }).hits.size).toBeLessThanOrEqual(50);
  });

  it('takes the client address from the first X-Forwarded-For hop', () => {
    expect(clientAddress(new Request('http://x/', { headers: { 'x-forwarded-for': '203.0.113.9, 10.0.0.1' } }))).toBe('203.0.113.9');
    expect(clientAddress(new Request('http://x/'))).toBe('unknown');
  });
});
