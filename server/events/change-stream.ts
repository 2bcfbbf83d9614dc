import 'server-only';

import type { ChangeNoticeDto, ChangesMessage, ChangeSummary, StreamStatus } from '@/lib/api/events';
import { STREAM_EVENTS } from '@/lib/api/events';

export interface ChangeStreamOptions {
  /** Only this workspace's notices (plus notices about workspaces); undefined for every workspace. */
  workspace: string | undefined;
  /** Registers a listener for cache changes; returns the unsubscribe function. */
  subscribe(listener: (notice: ChangeNoticeDto) => void): () => void;
  /** Whether the BFF is connected to the cluster right now; polled. */
  isConnected(): boolean;
  /** Writes SSE text to the client; returns false when the client cannot keep up (the stream then closes). */
  write(text: string): boolean;
  /** Called once when the stream ends for any reason, so the transport can be closed. */
  onClose?(): void;
  /** At most one `changes` message per this many ms. */
  batchMs?: number;
  /** After a quiet spell, how long the first notice waits for company before it is sent. */
  firstBatchMs?: number;
  /** A batch with more distinct objects than this is sent as per-kind summaries. */
  maxChanges?: number;
  heartbeatMs?: number;
  statusPollMs?: number;
  /** Reconnect delay suggested to EventSource. */
  retryMs?: number;
}

export const DEFAULTS = {
  batchMs: 500,
  firstBatchMs: 50,
  maxChanges: 500,
  heartbeatMs: 15_000,
  statusPollMs: 1_000,
  retryMs: 3_000,
} as const;

/** One SSE message; `data` is JSON on a single line. */
export function sseMessage(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

interface Stats {
  open: number;
  opened: number;
  messages: number;
  summaries: number;
  dropped: number;
}

const GLOBAL_KEY = Symbol.for('fleet-deck.sse-stats');
const holder = globalThis as unknown as Record<symbol, Stats | undefined>;
const stats: Stats = (holder[GLOBAL_KEY] ??= { open: 0, opened: 0, messages: 0, summaries: 0, dropped: 0 });

/** Counters for `/api/metrics`. */
export function streamStats(): Readonly<Stats> {
  return { ...stats };
}

/**
 * One browser tab's change stream. Notices from the cache are filtered to the workspace,
 * folded by object (the last change wins) and flushed at most once per `batchMs` (an isolated
 * change after `firstBatchMs`, so a quiet page still feels live); a batch that
 * grows past `maxChanges` objects becomes a per-kind, per-workspace count, so a heartbeat storm
 * from 100,000 clusters costs the tab one small message per window, not 100,000 lines. The
 * cluster connection is polled and reported on change; a comment line keeps proxies from cutting
 * an idle stream.
 */
export class ChangeStream {
  private readonly options: ChangeStreamOptions & typeof DEFAULTS;
  private pending = new Map<string, ChangeNoticeDto>();
  private overflow?: Map<string, ChangeSummary>;
  private batchTimer?: ReturnType<typeof setTimeout>;
  private heartbeatTimer?: ReturnType<typeof setInterval>;
  private statusTimer?: ReturnType<typeof setInterval>;
  private unsubscribe?: () => void;
  private connected?: boolean;
  private lastFlushAt = -Infinity;
  private state: 'new' | 'open' | 'closed' = 'new';

  constructor(options: ChangeStreamOptions) {
    this.options = { ...DEFAULTS, ...stripUndefined(options) } as ChangeStreamOptions & typeof DEFAULTS;
  }

  get closed(): boolean {
    return this.state === 'closed';
  }

  start(): void {
    if (this.state !== 'new') return;
    this.state = 'open';
    stats.open++;
    stats.opened++;
    if (!this.send(`retry: ${this.options.retryMs}\n\n`)) return;
    this.pollStatus();
    if (this.closed) return;
    this.unsubscribe = this.options.subscribe((notice) => this.accept(notice));
    this.statusTimer = setInterval(() => this.pollStatus(), this.options.statusPollMs);
    this.heartbeatTimer = setInterval(() => this.send(': ping\n\n'), this.options.heartbeatMs);
  }

  close(): void {
    if (this.state === 'closed') return;
    const wasOpen = this.state === 'open';
    this.state = 'closed';
    if (wasOpen) stats.open--;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    clearTimeout(this.batchTimer);
    clearInterval(this.heartbeatTimer);
    clearInterval(this.statusTimer);
    this.pending.clear();
    this.overflow = undefined;
    this.options.onClose?.();
  }

  private accept(notice: ChangeNoticeDto): void {
    if (this.closed) return;
    const { workspace } = this.options;
    if (workspace !== undefined && notice.kind !== 'workspaces' && notice.workspace !== workspace) return;
    if (this.overflow) {
      countInto(this.overflow, notice.kind, notice.workspace, 1);
    } else {
      const key = `${notice.kind}\u0000${notice.workspace}\u0000${notice.name}`;
      this.pending.delete(key);
      this.pending.set(key, { kind: notice.kind, workspace: notice.workspace, name: notice.name, type: notice.type });
      if (this.pending.size > this.options.maxChanges) {
        this.overflow = new Map();
        for (const n of this.pending.values()) countInto(this.overflow, n.kind, n.workspace, 1);
        this.pending = new Map();
      }
    }
    if (!this.batchTimer) {
      // A throttle, not a debounce: an isolated change goes out almost at once, a stream of
      // changes at most once per `batchMs`.
      const now = Date.now();
      const at = Math.max(now + this.options.firstBatchMs, this.lastFlushAt + this.options.batchMs);
      this.batchTimer = setTimeout(() => this.flush(), at - now);
    }
  }

  private flush(): void {
    this.batchTimer = undefined;
    if (this.closed) return;
    this.lastFlushAt = Date.now();
    let message: ChangesMessage;
    if (this.overflow) {
      message = { changes: [...this.overflow.values()] };
      stats.summaries++;
    } else if (this.pending.size > 0) {
      message = { changes: [...this.pending.values()] };
    } else {
      return;
    }
    this.pending = new Map();
    this.overflow = undefined;
    stats.messages++;
    this.send(sseMessage(STREAM_EVENTS.changes, message));
  }

  private pollStatus(): void {
    if (this.closed) return;
    let connected: boolean;
    try {
      connected = this.options.isConnected();
    } catch {
      connected = false;
    }
    if (connected === this.connected) return;
    this.connected = connected;
    const status: StreamStatus = { connected };
    this.send(sseMessage(STREAM_EVENTS.status, status));
  }

  private send(text: string): boolean {
    if (this.closed) return false;
    let ok: boolean;
    try {
      ok = this.options.write(text);
    } catch {
      ok = false;
    }
    if (!ok) {
      stats.dropped++;
      this.close();
    }
    return ok;
  }
}

function countInto(map: Map<string, ChangeSummary>, kind: ChangeSummary['kind'], workspace: string, count: number): void {
  const key = `${kind}\u0000${workspace}`;
  const entry = map.get(key);
  if (entry) entry.count += count;
  else map.set(key, { kind, workspace, count });
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
