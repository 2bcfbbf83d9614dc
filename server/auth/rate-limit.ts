import 'server-only';

/**
 * Sign-in attempts per client address in a sliding window (in process: each replica counts its
 * own, which still bounds guessing to replicas × limit per window). Keys are forgotten once
 * their window has passed, and the table is bounded so a flood of addresses cannot grow it.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts an attempt; returns 0 when allowed, else the seconds until the next one would be. */
  attempt(key: string): number {
    const now = this.now();
    const recent = (this.hits.get(key) ?? []).filter((time) => time > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return Math.max(1, Math.ceil((recent[0]! + this.windowMs - now) / 1000));
    }
    recent.push(now);
    this.hits.delete(key);
    this.hits.set(key, recent);
    if (this.hits.size > this.maxKeys) this.prune(now);
    return 0;
  }

  private prune(now: number): void {
    for (const [key, times] of this.hits) {
      if (times.every((time) => time <= now - this.windowMs)) this.hits.delete(key);
    }
    // Still too many live keys: drop the least recently seen.
    for (const key of this.hits.keys()) {
      if (this.hits.size <= this.maxKeys) break;
      this.hits.delete(key);
    }
  }
}

const KEY = Symbol.for('fleet-deck.sign-in-limiter');

/** 10 sign-in attempts per minute per client address (FLEET_DECK_SIGN_IN_LIMIT changes the 10). */
export function signInLimiter(): RateLimiter {
  const holder = globalThis as unknown as Record<symbol, RateLimiter | undefined>;
  const limit = Number(process.env.FLEET_DECK_SIGN_IN_LIMIT);
  return (holder[KEY] ??= new RateLimiter(Number.isInteger(limit) && limit > 0 ? limit : 10, 60_000));
}

/**
 * The client's address: the first hop of X-Forwarded-For (Next.js fills it with the socket's
 * peer when a request arrives without one; a proxy in front sets it), else a shared bucket.
 */
export function clientAddress(request: Request): string {
  const forwarded = request.headers.get('x-forwarded-for');
  const first = forwarded?.split(',')[0]?.trim();
  return first || request.headers.get('x-real-ip')?.trim() || 'unknown';
}
