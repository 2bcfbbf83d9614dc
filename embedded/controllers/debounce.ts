/**
 * Trailing debounce per key, for status rollups: the first change of a key schedules one
 * recomputation `delayMs` later; changes that arrive meanwhile ride along. 200,000
 * BundleDeployment updates then cost a few recomputations per Bundle/Cluster, not 200,000.
 *
 * Use it in two places of a controller:
 * - in `watches`: only return the key when `touch(key)` says it was not already pending;
 * - in `reconcile`: `const wait = debouncer.wait(key); if (wait !== undefined) return { requeueAfterMs: wait }`.
 */
export class KeyDebouncer {
  private readonly due = new Map<string, number>();

  constructor(
    readonly delayMs: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /**
   * Records a change of `key`; true when the caller should enqueue it (nothing was pending).
   * `delayMs` overrides the default for this round (e.g. longer for bigger rollups).
   */
  touch(key: string, delayMs: number = this.delayMs): boolean {
    if (this.due.has(key)) return false;
    this.due.set(key, this.now() + delayMs);
    return true;
  }

  /**
   * How long `key` must still wait, or `undefined` when it is due now (the pending mark is then
   * cleared, so changes from here on schedule the next round). Keys never touched are due.
   */
  wait(key: string): number | undefined {
    const due = this.due.get(key);
    if (due === undefined) return undefined;
    const remaining = due - this.now();
    if (remaining > 0) return remaining;
    this.due.delete(key);
    return undefined;
  }

  /** Keys scheduled but not yet recomputed. */
  get pending(): number {
    return this.due.size;
  }
}

/**
 * The debounce delay of a rollup over `items` inputs: `base` plus 0.2 ms per input, so that a
 * Bundle over 10,000 clusters is recomputed about every 2 s while BundleDeployments stream in,
 * not 5 times a second (which would cost more than the changes themselves).
 */
export function rollupDelay(base: number, items: number): number {
  return base + Math.floor(items * 0.2);
}

/**
 * A delay that grows with how many keys are already waiting: under a storm of changes (10,000
 * clusters each getting a new BundleDeployment every few seconds) every key is recomputed less
 * often — at most `capMs` later — instead of once per change; a lone change still goes out after
 * `base`.
 */
export function loadDelay(base: number, pending: number, capMs = 15_000): number {
  return base + Math.min(capMs, pending);
}

/** Yields to the event loop, so long loops of writes do not starve the API server. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
