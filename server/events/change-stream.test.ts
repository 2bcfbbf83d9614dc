import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { ChangeNoticeDto } from '@/lib/api/events';

vi.mock('server-only', () => ({}));

const { ChangeStream, streamStats } = await import('./change-stream');

interface Parsed {
  event?: string;
  data?: unknown;
  comment?: string;
  retry?: number;
}

/** Splits what the stream wrote into SSE messages. */
function parse(text: string): Parsed[] {
  return text
    .split('\n\n')
    .filter((block) => block.length > 0)
    .map((block) => {
      const message: Parsed = {};
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) message.comment = line.slice(1).trim();
        else if (line.startsWith('event: ')) message.event = line.slice(7);
        else if (line.startsWith('data: ')) message.data = JSON.parse(line.slice(6));
        else if (line.startsWith('retry: ')) message.retry = Number(line.slice(7));
      }
      return message;
    });
}

function harness(options: { workspace?: string; maxChanges?: number; connected?: boolean; accept?: () => boolean } = {}) {
  const listeners = new Set<(n: ChangeNoticeDto) => void>();
  let output = '';
  let connected = options.connected ?? true;
  const onClose = vi.fn();
  const stream = new ChangeStream({
    workspace: options.workspace,
    maxChanges: options.maxChanges,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    isConnected: () => connected,
    write(text) {
      if (options.accept && !options.accept()) return false;
      output += text;
      return true;
    },
    onClose,
  });
  return {
    stream,
    listeners,
    onClose,
    emit: (notice: ChangeNoticeDto) => listeners.forEach((l) => l(notice)),
    setConnected: (value: boolean) => (connected = value),
    messages: () => parse(output),
    events: (name: string) => parse(output).filter((m) => m.event === name).map((m) => m.data),
  };
}

const upsert = (name: string, workspace = 'fleet-default', kind: ChangeNoticeDto['kind'] = 'clusters'): ChangeNoticeDto => ({ kind, workspace, name, type: 'upsert' });

describe('ChangeStream', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('starts with a retry hint and the connection status', () => {
    const h = harness({ connected: false });
    h.stream.start();
    const [retry, status] = h.messages();
    expect(retry?.retry).toBe(3000);
    expect(status).toEqual({ event: 'status', data: { connected: false } });
    h.stream.close();
  });

  it('folds notices into one changes message (last change wins) and sends at most one per 500 ms', () => {
    const h = harness();
    h.stream.start();
    h.emit(upsert('a'));
    h.emit(upsert('b'));
    h.emit({ ...upsert('a'), type: 'delete' });
    // After a quiet spell the first batch waits only a moment for company.
    vi.advanceTimersByTime(49);
    expect(h.events('changes')).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(h.events('changes')).toEqual([
      {
        changes: [
          { kind: 'clusters', workspace: 'fleet-default', name: 'b', type: 'upsert' },
          { kind: 'clusters', workspace: 'fleet-default', name: 'a', type: 'delete' },
        ],
      },
    ]);
    // Within 500 ms of that message, further notices wait for the window to end.
    vi.advanceTimersByTime(100);
    h.emit(upsert('c'));
    vi.advanceTimersByTime(300);
    h.emit(upsert('d'));
    vi.advanceTimersByTime(99);
    expect(h.events('changes')).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(h.events('changes')).toHaveLength(2);
    expect(h.events('changes')[1]).toEqual({ changes: [upsert('c'), upsert('d')] });
    // A storm of notices produces at most two messages a second.
    for (let t = 0; t < 5_000; t += 10) {
      h.emit(upsert(`s-${t}`));
      vi.advanceTimersByTime(10);
    }
    vi.advanceTimersByTime(500);
    expect(h.events('changes').length - 2).toBeLessThanOrEqual(11);
    expect(h.events('changes').length - 2).toBeGreaterThanOrEqual(10);
    vi.advanceTimersByTime(5_000);
    const count = h.events('changes').length;
    vi.advanceTimersByTime(5_000);
    expect(h.events('changes')).toHaveLength(count);
    h.stream.close();
  });

  it("passes only its workspace's notices, and notices about workspaces themselves", () => {
    const h = harness({ workspace: 'fleet-local' });
    h.stream.start();
    h.emit(upsert('mine', 'fleet-local', 'gitrepos'));
    h.emit(upsert('theirs', 'fleet-default', 'gitrepos'));
    h.emit({ kind: 'workspaces', workspace: 'team-a', name: 'team-a', type: 'upsert' });
    vi.advanceTimersByTime(500);
    const [message] = h.events('changes') as { changes: ChangeNoticeDto[] }[];
    expect(message?.changes.map((c) => c.name)).toEqual(['mine', 'team-a']);
    h.stream.close();
  });

  it('sends every workspace when none is given', () => {
    const h = harness();
    h.stream.start();
    h.emit(upsert('x', 'fleet-local'));
    h.emit(upsert('y', 'fleet-default'));
    vi.advanceTimersByTime(500);
    expect((h.events('changes')[0] as { changes: unknown[] }).changes).toHaveLength(2);
    h.stream.close();
  });

  it('sends per-kind summaries instead of a batch that overflows', () => {
    const h = harness({ maxChanges: 500 });
    h.stream.start();
    for (let i = 0; i < 100_000; i++) h.emit(upsert(`c-${i}`, i % 2 === 0 ? 'fleet-default' : 'fleet-local'));
    h.emit(upsert('repo', 'fleet-local', 'gitrepos'));
    vi.advanceTimersByTime(500);
    const messages = h.events('changes');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toEqual({
      changes: expect.arrayContaining([
        { kind: 'clusters', workspace: 'fleet-default', count: 50_000 },
        { kind: 'clusters', workspace: 'fleet-local', count: 50_000 },
        { kind: 'gitrepos', workspace: 'fleet-local', count: 1 },
      ]),
    });
    // The next window is back to single notices.
    h.emit(upsert('after'));
    vi.advanceTimersByTime(500);
    expect(h.events('changes')[1]).toEqual({ changes: [upsert('after')] });
    h.stream.close();
  });

  it('reports the connection going down and coming back, once per change', () => {
    const h = harness();
    h.stream.start();
    vi.advanceTimersByTime(3_000);
    h.setConnected(false);
    vi.advanceTimersByTime(1_000);
    vi.advanceTimersByTime(3_000);
    h.setConnected(true);
    vi.advanceTimersByTime(1_000);
    expect(h.events('status')).toEqual([{ connected: true }, { connected: false }, { connected: true }]);
    h.stream.close();
  });

  it('sends a heartbeat comment every 15 s', () => {
    const h = harness();
    h.stream.start();
    vi.advanceTimersByTime(45_000);
    expect(h.messages().filter((m) => m.comment === 'ping')).toHaveLength(3);
    h.stream.close();
  });

  it('unsubscribes and stops its timers when closed', () => {
    const h = harness();
    const before = streamStats().open;
    h.stream.start();
    expect(streamStats().open).toBe(before + 1);
    expect(h.listeners.size).toBe(1);
    h.emit(upsert('pending'));
    h.stream.close();
    expect(streamStats().open).toBe(before);
    expect(h.listeners.size).toBe(0);
    expect(h.onClose).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
    const written = h.messages().length;
    vi.advanceTimersByTime(60_000);
    expect(h.messages()).toHaveLength(written);
    h.stream.close();
    expect(h.onClose).toHaveBeenCalledTimes(1);
  });

  it('closes itself when the client cannot keep up', () => {
    let accept = true;
    const h = harness({ accept: () => accept });
    h.stream.start();
    accept = false;
    h.emit(upsert('a'));
    vi.advanceTimersByTime(500);
    expect(h.stream.closed).toBe(true);
    expect(h.onClose).toHaveBeenCalledTimes(1);
    expect(h.listeners.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
