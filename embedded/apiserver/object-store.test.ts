import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../lib/k8s/object';
import { ObjectStore } from './object-store';

const dirs: string[] = [];
function newStore(watchHistorySize?: number): { store: ObjectStore; dataDir: string } {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'object-store-test-'));
  dirs.push(dataDir);
  return { store: new ObjectStore({ dataDir, watchHistorySize }), dataDir };
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const object = (namespace: string, name: string, value: number): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace },
  data: { value: String(value) },
});

/** A tiny deterministic PRNG so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

describe('ObjectStore lists', () => {
  it('match a plain sorted model through random puts, updates, deletes and lists', () => {
    const { store } = newStore();
    const model = new Map<string, { namespace: string; name: string; value: number }>();
    const next = random(42);
    const held: { snapshot: readonly unknown[]; expected: string[] }[] = [];
    const expectedList = (namespace?: string) =>
      [...model.entries()]
        .filter(([, v]) => namespace === undefined || v.namespace === namespace)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, v]) => `${v.namespace}/${v.name}=${v.value}`);
    const actualList = (items: readonly { object: KubeObject }[]) =>
      items.map((s) => `${s.object.metadata.namespace}/${s.object.metadata.name}=${(s.object.data as { value: string }).value}`);

    for (let step = 0; step < 2500; step++) {
      const roll = next();
      const namespace = `ns${Math.floor(next() * 3)}`;
      const name = `n${Math.floor(next() * 400)}`;
      const key = `${namespace}/${name}`;
      if (roll < 0.55) {
        const value = step;
        store.put('configmaps', object(namespace, name, value));
        model.set(key, { namespace, name, value });
      } else if (roll < 0.8) {
        store.remove('configmaps', namespace, name);
        model.delete(key);
      } else if (roll < 0.9) {
        const items = store.list('configmaps');
        expect(actualList(items)).toEqual(expectedList());
        // Lists handed out earlier must not change when the store does.
        held.push({ snapshot: items, expected: actualList(items) });
      } else {
        expect(actualList(store.list('configmaps', namespace))).toEqual(expectedList(namespace));
      }
      // Bursts of inserts exercise the full re-sort path as well as the splice path.
      if (step % 800 === 0) {
        for (let i = 0; i < 300; i++) {
          const burstName = `burst-${step}-${i}`;
          store.put('configmaps', object('ns1', burstName, i));
          model.set(`ns1/${burstName}`, { namespace: 'ns1', name: burstName, value: i });
        }
      }
    }
    expect(actualList(store.list('configmaps'))).toEqual(expectedList());
    for (const { snapshot, expected } of held) expect(actualList(snapshot as { object: KubeObject }[])).toEqual(expected);
    store.close();
  });

  it('merges a large batch of creates, deletes, re-creates and updates into the sorted list', () => {
    const { store } = newStore();
    const model = new Map<string, number>();
    const put = (name: string, value: number) => {
      store.put('configmaps', object('ns', name, value));
      model.set(name, value);
    };
    for (let i = 0; i < 1000; i += 2) put(`k${String(i).padStart(4, '0')}`, i);
    const before = store.list('configmaps');
    const beforeNames = before.map((s) => s.object.metadata.name);
    for (let i = 0; i < 1000; i += 10) {
      store.remove('configmaps', 'ns', `k${String(i).padStart(4, '0')}`);
      model.delete(`k${String(i).padStart(4, '0')}`);
    }
    for (let i = 0; i < 1000; i += 20) put(`k${String(i).padStart(4, '0')}`, -i); // deleted, then created again
    for (let i = 1; i < 1000; i += 4) put(`k${String(i).padStart(4, '0')}`, i); // new keys between old ones
    for (let i = 2; i < 1000; i += 30) if (model.has(`k${String(i).padStart(4, '0')}`)) put(`k${String(i).padStart(4, '0')}`, i * 10); // updates
    put('a-first', 1);
    put('z-last', 2);
    const expected = [...model.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, value]) => `${name}=${value}`);
    const actual = store.list('configmaps').map((s) => `${s.object.metadata.name}=${(s.object.data as { value: string }).value}`);
    expect(actual).toEqual(expected);
    expect(before.map((s) => s.object.metadata.name)).toEqual(beforeNames);
    store.close();
  });

  it('keeps the resourceVersion across a restart even when the newest change was a delete', () => {
    const { store, dataDir } = newStore();
    store.put('configmaps', object('a', 'one', 1));
    store.put('configmaps', object('a', 'two', 2));
    store.remove('configmaps', 'a', 'two');
    expect(store.currentRevision).toBe(3);
    store.close();
    const reopened = new ObjectStore({ dataDir });
    expect(reopened.currentRevision).toBe(3);
    expect(reopened.list('configmaps').map((s) => s.object.metadata.name)).toEqual(['one']);
    reopened.put('configmaps', object('a', 'three', 3));
    reopened.close();
    const again = new ObjectStore({ dataDir });
    expect(again.currentRevision).toBe(4);
    again.close();
  });
});

describe('ObjectStore watch history', () => {
  it('keeps exactly the last watchHistorySize changes', () => {
    const { store } = newStore(10);
    for (let i = 1; i <= 57; i++) store.put('configmaps', object('a', `o${i % 7}`, i));
    expect(store.currentRevision).toBe(57);
    expect(store.canResumeFrom(47)).toBe(true);
    expect(store.canResumeFrom(46)).toBe(false);
    expect(store.changesSince(47).map((e) => e.resourceVersion)).toEqual([48, 49, 50, 51, 52, 53, 54, 55, 56, 57]);
    expect(store.changesSince(55).map((e) => e.resourceVersion)).toEqual([56, 57]);
    store.close();
  });

  it('trims a large history in batches without losing the window', () => {
    const { store } = newStore(5000);
    for (let i = 1; i <= 12_345; i++) store.put('configmaps', object('a', `o${i % 50}`, i));
    expect(store.canResumeFrom(12_345 - 5000)).toBe(true);
    expect(store.canResumeFrom(12_345 - 5001)).toBe(false);
    const changes = store.changesSince(12_345 - 5000);
    expect(changes).toHaveLength(5000);
    expect(changes[0]!.resourceVersion).toBe(12_345 - 4999);
    store.compactHistory();
    expect(store.changesSince(12_345)).toEqual([]);
    store.put('configmaps', object('a', 'after', 0));
    expect(store.changesSince(12_345).map((e) => e.resourceVersion)).toEqual([12_346]);
    store.close();
  });
});
