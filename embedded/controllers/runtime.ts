import type { ChangeEvent } from '../apiserver/object-store';
import type { ControllerClient, ControlledResource } from './client';
import { storageKeyOf } from './client';

export interface ReconcileResult {
  /** Reconcile this key again after the delay (polling, waiting for time to pass). */
  requeueAfterMs?: number;
}

export interface Controller {
  readonly name: string;
  /** For each watched resource, which keys of this controller a change concerns. */
  readonly watches: Partial<Record<ControlledResource, (event: ChangeEvent) => Iterable<string>>>;
  /** Brings the world in line with the object named by `key`; throwing schedules a retry. */
  reconcile(key: string): Promise<ReconcileResult | void> | ReconcileResult | void;
  /** Keys to reconcile at start, so work left over from a previous run is picked up. */
  initialKeys?(): Iterable<string>;
  /** How many keys may be reconciled at once (git operations wait on the network). */
  readonly concurrency?: number;
}

const MAX_BACKOFF_MS = 60_000;

/**
 * A work queue per controller, fed by the store's change feed. Keys are deduplicated while they
 * wait, a key is never reconciled twice at once, and failures retry with exponential backoff —
 * the same contract as client-go's rate-limited queues, small enough to read in one sitting.
 */
class ControllerQueue {
  private readonly waiting = new Set<string>();
  private readonly running = new Set<string>();
  private readonly dirtyWhileRunning = new Set<string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly failures = new Map<string, number>();
  private stopped = false;

  constructor(
    private readonly controller: Controller,
    private readonly onError: (controller: string, key: string, error: unknown) => void,
  ) {}

  add(key: string): void {
    if (this.stopped) return;
    if (this.running.has(key)) {
      this.dirtyWhileRunning.add(key);
      return;
    }
    if (this.waiting.has(key)) return;
    this.waiting.add(key);
    this.pump();
  }

  addAfter(key: string, delayMs: number): void {
    if (this.stopped) return;
    const existing = this.timers.get(key);
    if (existing) clearTimeout(existing);
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.add(key);
    }, delayMs);
    timer.unref();
    this.timers.set(key, timer);
  }

  private pump(): void {
    const limit = this.controller.concurrency ?? 1;
    while (this.running.size < limit && this.waiting.size > 0) {
      const key = this.waiting.values().next().value as string;
      this.waiting.delete(key);
      this.running.add(key);
      // Run outside the caller's stack: the caller is usually inside a store write.
      setImmediate(() => void this.run(key));
    }
  }

  private async run(key: string): Promise<void> {
    try {
      const result = await this.controller.reconcile(key);
      this.failures.delete(key);
      if (result?.requeueAfterMs !== undefined) this.addAfter(key, result.requeueAfterMs);
    } catch (error) {
      const failures = (this.failures.get(key) ?? 0) + 1;
      this.failures.set(key, failures);
      this.onError(this.controller.name, key, error);
      this.addAfter(key, Math.min(MAX_BACKOFF_MS, 100 * 2 ** Math.min(failures, 10)));
    } finally {
      this.running.delete(key);
      if (this.dirtyWhileRunning.delete(key)) this.waiting.add(key);
      this.pump();
    }
  }

  get idle(): boolean {
    return this.waiting.size === 0 && this.running.size === 0;
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.waiting.clear();
  }
}

export class ControllerManager {
  private readonly queues = new Map<string, ControllerQueue>();
  private unsubscribe?: () => void;

  constructor(
    readonly client: ControllerClient,
    private readonly log: (line: string) => void = () => {},
  ) {}

  register(controller: Controller): void {
    this.queues.set(controller.name, new ControllerQueue(controller, (name, key, error) => {
      this.log(`controller ${name}: ${key}: ${error instanceof Error ? error.message : String(error)}`);
    }));
    this.controllers.push(controller);
  }

  private readonly controllers: Controller[] = [];

  start(): void {
    const routes = new Map<string, { queue: ControllerQueue; keys: (event: ChangeEvent) => Iterable<string> }[]>();
    for (const controller of this.controllers) {
      const queue = this.queues.get(controller.name)!;
      for (const [resource, keys] of Object.entries(controller.watches)) {
        const key = storageKeyOf(resource as ControlledResource);
        if (!routes.has(key)) routes.set(key, []);
        routes.get(key)!.push({ queue, keys: keys! });
      }
    }
    this.unsubscribe = this.client.registry.store.subscribe((event) => {
      for (const route of routes.get(event.resource) ?? []) for (const key of route.keys(event)) route.queue.add(key);
    });
    for (const controller of this.controllers) {
      const queue = this.queues.get(controller.name)!;
      for (const key of controller.initialKeys?.() ?? []) queue.add(key);
    }
  }

  /** Enqueue a key by hand (e.g. a webhook announcing a new commit). */
  enqueue(controllerName: string, key: string): void {
    this.queues.get(controllerName)?.add(key);
  }

  /** True when no controller has queued or running work (timers for later polls do not count). */
  get idle(): boolean {
    return [...this.queues.values()].every((q) => q.idle);
  }

  stop(): void {
    this.unsubscribe?.();
    for (const queue of this.queues.values()) queue.stop();
  }
}

/** The usual key: `<namespace>/<name>` of the changed object itself. */
export function ownKey(event: ChangeEvent): string[] {
  const { namespace, name } = event.current.object.metadata;
  return [`${namespace ?? ''}/${name}`];
}

export function splitKey(key: string): { namespace: string | undefined; name: string } {
  const slash = key.indexOf('/');
  const namespace = key.slice(0, slash);
  return { namespace: namespace === '' ? undefined : namespace, name: key.slice(slash + 1) };
}
