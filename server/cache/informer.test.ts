import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { KubeObject } from '@/lib/k8s/object';

import type { ListWatchSource, WatchEventType } from './informer';

vi.mock('server-only', () => ({}));

const { Informer } = await import('./informer');
type Source = ListWatchSource<KubeObject>;

const obj = (name: string, rv: string): KubeObject => ({ apiVersion: 'v1', kind: 'Thing', metadata: { namespace: 'ws', name, resourceVersion: rv } });

interface OpenWatch {
  resourceVersion: string;
  emit(type: WatchEventType, object: unknown): void;
  end(error?: unknown): void;
  aborted: boolean;
}

/** A scriptable API server: what lists return, whether it is up, and the watches clients hold. */
class FakeServer {
  items: KubeObject[] = [];
  resourceVersion = '10';
  up = true;
  hangLists = false;
  lists = 0;
  watches: OpenWatch[] = [];

  source(): Source {
    return {
      description: '/apis/test/v1/things',
      listPage: async (continueToken, limit) => {
        this.lists++;
        if (this.hangLists) return new Promise(() => {});
        if (!this.up) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6443'), { code: 'ECONNREFUSED' });
        const start = continueToken ? Number(continueToken) : 0;
        const items = this.items.slice(start, start + limit);
        const next = start + limit < this.items.length ? String(start + limit) : undefined;
        return { apiVersion: 'v1', kind: 'List', items, metadata: { resourceVersion: this.resourceVersion, continue: next } };
      },
      watch: async (resourceVersion, onEvent, done) => {
        if (!this.up) {
          done(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6443'), { code: 'ECONNREFUSED' }));
          return () => {};
        }
        let ended = false;
        const watch: OpenWatch = {
          resourceVersion,
          aborted: false,
          emit: (type, object) => !ended && onEvent(type, object as KubeObject),
          end: (error) => {
            if (ended) return;
            ended = true;
            done(error ?? null);
          },
        };
        this.watches.push(watch);
        // Aborting does not silence the fake: the informer must ignore a stopped watch itself.
        return () => {
          watch.aborted = true;
        };
      },
    };
  }

  get lastWatch(): OpenWatch {
    return this.watches[this.watches.length - 1]!;
  }
}

function makeInformer(server: FakeServer, options: ConstructorParameters<typeof Informer>[2] = {}) {
  const upserts: string[] = [];
  const removes: string[] = [];
  const informer = new Informer(
    server.source(),
    { upsert: (o) => upserts.push(o.metadata.name), remove: (o) => removes.push(o.metadata.name) },
    { pageSize: 2, random: () => 0.5, minBackoffMs: 100, maxBackoffMs: 1_000, ...options },
  );
  return { informer, upserts, removes };
}

describe('Informer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('lists in pages, then watches from the list version', async () => {
    const server = new FakeServer();
    server.items = [obj('a', '1'), obj('b', '2'), obj('c', '3')];
    const { informer, upserts } = makeInformer(server);
    informer.start();
    await informer.waitForSync();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.lists).toBe(2);
    expect(upserts).toEqual(['a', 'b', 'c']);
    expect(server.lastWatch.resourceVersion).toBe('10');
    expect(informer.healthy).toBe(true);
    server.lastWatch.emit('ADDED', obj('d', '11'));
    expect([...informer.objects.keys()]).toEqual(['ws/a', 'ws/b', 'ws/c', 'ws/d']);
    informer.stop();
  });

  it('is unhealthy while the server is down and healthy again once a watch is accepted, without any event', async () => {
    const server = new FakeServer();
    server.items = [obj('a', '1')];
    const { informer } = makeInformer(server);
    informer.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(informer.healthy).toBe(true);

    server.up = false;
    server.lastWatch.end(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
    expect(informer.healthy).toBe(false);
    expect(informer.lastError).toContain('ECONNRESET');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(informer.healthy).toBe(false);
    expect(informer.lastError).toContain('ECONNREFUSED');
    const watchesWhileDown = server.watches.length;

    server.up = true;
    await vi.advanceTimersByTimeAsync(1_200);
    expect(server.watches.length).toBe(watchesWhileDown + 1);
    expect(server.lastWatch.resourceVersion).toBe('10');
    expect(informer.healthy).toBe(true);
    expect(informer.lastError).toBeUndefined();
    expect(server.lists).toBe(1);
    informer.stop();
  });

  it('backs off exponentially with jitter while the server stays down', async () => {
    const server = new FakeServer();
    const { informer } = makeInformer(server, { random: () => 1, minBackoffMs: 100, maxBackoffMs: 1_000 });
    informer.start();
    await vi.advanceTimersByTimeAsync(0);
    server.up = false;
    server.lastWatch.end(new Error('socket hang up'));
    const listsBefore = informer.restarts;
    await vi.advanceTimersByTimeAsync(10_000);
    // 100·2^1+100, 100·2^2+100, 100·2^3+100, then capped at 1 s: a handful of attempts, not hundreds.
    const attempts = informer.restarts - listsBefore;
    expect(attempts).toBeGreaterThan(5);
    expect(attempts).toBeLessThan(15);
    informer.stop();
  });

  it('relists after a 410 and drops objects deleted while it was away', async () => {
    const server = new FakeServer();
    server.items = [obj('keep', '1'), obj('doomed', '2')];
    const { informer, removes, upserts } = makeInformer(server);
    informer.start();
    await vi.advanceTimersByTimeAsync(0);

    server.items = [obj('keep', '1'), obj('new', '12')];
    server.resourceVersion = '12';
    server.lastWatch.emit('ERROR', { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version' });
    server.lastWatch.end();
    await vi.advanceTimersByTimeAsync(0);
    expect(removes).toEqual(['doomed']);
    expect(upserts).toEqual(['keep', 'doomed', 'new']);
    expect(informer.relists).toBe(1);
    expect(server.lastWatch.resourceVersion).toBe('12');
    expect(informer.healthy).toBe(true);
    informer.stop();
  });

  it('relists when a watch fails with HTTP 410', async () => {
    const server = new FakeServer();
    const { informer } = makeInformer(server);
    informer.start();
    await vi.advanceTimersByTimeAsync(0);
    server.lastWatch.end(Object.assign(new Error('Gone'), { statusCode: 410 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(server.lists).toBe(2);
    expect(informer.relists).toBe(1);
    informer.stop();
  });

  it('resumes at once after a normal end, but waits when watches keep ending immediately', async () => {
    const server = new FakeServer();
    const { informer } = makeInformer(server, { minWatchMs: 1_000 });
    informer.start();
    await vi.advanceTimersByTimeAsync(2_000);
    server.lastWatch.end();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.watches).toHaveLength(2);
    server.lastWatch.end();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.watches).toHaveLength(2);
    expect(informer.healthy).toBe(true);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(server.watches).toHaveLength(3);
    informer.stop();
  });

  it('treats a non-410 ERROR event as a failure', async () => {
    const server = new FakeServer();
    const { informer } = makeInformer(server);
    informer.start();
    await vi.advanceTimersByTimeAsync(0);
    server.lastWatch.emit('ERROR', { kind: 'Status', code: 500, message: 'etcd is sad' });
    server.lastWatch.end();
    expect(informer.healthy).toBe(false);
    expect(informer.lastError).toContain('etcd is sad');
    informer.stop();
  });

  it('gives up on a list that hangs and tries again', async () => {
    const server = new FakeServer();
    server.hangLists = true;
    const { informer } = makeInformer(server, { listTimeoutMs: 5_000 });
    informer.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(informer.lastError).toContain('did not answer');
    server.hangLists = false;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(informer.synced).toBe(true);
    expect(informer.healthy).toBe(true);
    informer.stop();
  });

  it('ignores callbacks of a watch it stopped', async () => {
    const server = new FakeServer();
    const { informer, upserts } = makeInformer(server);
    informer.start();
    await vi.advanceTimersByTimeAsync(0);
    const old = server.lastWatch;
    informer.stop();
    expect(old.aborted).toBe(true);
    old.emit('ADDED', obj('late', '20'));
    old.end(new Error('aborted'));
    expect(upserts).toEqual([]);
    expect(informer.restarts).toBe(0);
  });
});
