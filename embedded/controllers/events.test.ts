import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../lib/k8s/object';
import { ObjectStore } from '../apiserver/object-store';
import { Registry } from '../apiserver/registry';
import { ControllerClient } from './client';
import { createEventRecorder, type CoreEvent } from './events';

let dir: string;
let store: ObjectStore;
let client: ControllerClient;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'events-'));
  store = new ObjectStore({ dataDir: dir });
  client = new ControllerClient(new Registry(store));
  client.create('namespaces', { metadata: { name: 'ws' } });
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('event recorder', () => {
  it('records core/v1 Events about an object and aggregates repeats', () => {
    let now = new Date('2025-01-02T03:04:05Z');
    const recorder = createEventRecorder(client, 'gitjob', { now: () => now });
    const repo = client.create<KubeObject>('gitrepos', { metadata: { name: 'app', namespace: 'ws' }, spec: { repo: 'https://example.com/x' } });

    recorder.warning(repo, 'FailedToCheckout', 'fatal: boom');
    now = new Date('2025-01-02T03:05:00Z');
    recorder.warning(repo, 'FailedToCheckout', 'fatal: boom');
    recorder.normal(repo, 'Cloned', 'ok');

    const events = client.list<CoreEvent>('events', 'ws').sort((a, b) => a.reason.localeCompare(b.reason));
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { namespace: 'ws' },
      involvedObject: { apiVersion: 'fleet.cattle.io/v1alpha1', kind: 'GitRepo', name: 'app', namespace: 'ws', uid: repo.metadata.uid },
      reason: 'FailedToCheckout',
      message: 'fatal: boom',
      type: 'Warning',
      count: 2,
      firstTimestamp: '2025-01-02T03:04:05Z',
      lastTimestamp: '2025-01-02T03:05:00Z',
      source: { component: 'gitjob' },
    });
    expect(events[1]!.metadata.name).toMatch(/^app\.[0-9a-f]+$/);
    expect(events[0]).toMatchObject({ reason: 'Cloned', type: 'Normal', count: 1 });
  });

  it('ignores objects without a namespace and never throws', () => {
    const recorder = createEventRecorder(client, 'gitjob');
    expect(() => recorder.normal({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ws' } }, 'X', 'y')).not.toThrow();
    expect(() => recorder.normal({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'missing-ns' } }, 'X', 'y')).not.toThrow();
    expect(client.list('events')).toEqual([]);
  });
});
