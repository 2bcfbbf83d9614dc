/**
 * Kubernetes Events (core/v1 `events`) for the embedded controllers, recorded the way client-go's
 * recorder does: one Event per (object, type, reason, message), in the object's namespace;
 * repeats bump `count` and `lastTimestamp` instead of creating new Events. Events older than an
 * hour are swept, like the API server's event TTL.
 *
 * Recording never throws: an Event that cannot be written (namespace terminating, …) is dropped.
 */
import type { KubeObject } from '../../lib/k8s/object';
import type { ControllerClient } from './client';

export type EventType = 'Normal' | 'Warning';

export interface EventRecorder {
  /** Records an Event about `object` (which must have a namespace to be recorded). */
  record(object: KubeObject, type: EventType, reason: string, message: string): void;
  /** Same as `record(object, 'Normal', …)`. */
  normal(object: KubeObject, reason: string, message: string): void;
  /** Same as `record(object, 'Warning', …)`. */
  warning(object: KubeObject, reason: string, message: string): void;
}

export interface EventRecorderOptions {
  now?: () => Date;
  /** `source.host` / `reportingInstance`. */
  host?: string;
  /** How long Events are kept (default one hour). */
  ttlMs?: number;
}

export interface CoreEvent extends KubeObject {
  involvedObject: {
    apiVersion?: string;
    kind?: string;
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
  };
  reason: string;
  message: string;
  type: EventType;
  count: number;
  firstTimestamp: string;
  lastTimestamp: string;
  source: { component: string; host?: string };
  reportingComponent: string;
  reportingInstance: string;
}

const DEFAULT_TTL_MS = 60 * 60 * 1000;
const SWEEP_EVERY = 50;
const MAX_MESSAGE_LENGTH = 1024;

function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A recorder for one component (`gitjob`, `fleet-agent`, …). */
export function createEventRecorder(client: ControllerClient, component: string, options: EventRecorderOptions = {}): EventRecorder {
  const now = options.now ?? (() => new Date());
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  const host = options.host ?? 'fleet-deck-embedded';
  /** Aggregation key → Event name. */
  const recent = new Map<string, { namespace: string; name: string }>();
  let sequence = 0;
  let recorded = 0;

  const sweep = () => {
    const cutoff = now().getTime() - ttlMs;
    for (const event of client.list<CoreEvent>('events')) {
      if (event.source?.component !== component) continue;
      const last = Date.parse(event.lastTimestamp ?? event.metadata.creationTimestamp ?? '');
      if (Number.isFinite(last) && last < cutoff) client.delete('events', event.metadata.namespace, event.metadata.name);
    }
    for (const [key, ref] of recent) if (!client.get('events', ref.namespace, ref.name)) recent.delete(key);
  };

  const record = (object: KubeObject, type: EventType, reason: string, rawMessage: string) => {
    const namespace = object.metadata.namespace;
    if (!namespace) return;
    const message = rawMessage.length > MAX_MESSAGE_LENGTH ? `${rawMessage.slice(0, MAX_MESSAGE_LENGTH - 3)}...` : rawMessage;
    const involved = {
      apiVersion: object.apiVersion,
      kind: object.kind,
      name: object.metadata.name,
      namespace,
      uid: object.metadata.uid,
      resourceVersion: object.metadata.resourceVersion,
    };
    const key = JSON.stringify([namespace, involved.kind, involved.name, involved.uid, type, reason, message]);
    const timestamp = rfc3339(now());
    try {
      const existing = recent.get(key);
      if (existing) {
        const updated = client.mutate<CoreEvent>('events', existing.namespace, existing.name, (event) => ({
          ...event,
          count: (event.count ?? 1) + 1,
          lastTimestamp: timestamp,
          involvedObject: involved,
        }));
        if (updated) return;
        recent.delete(key);
      }
      sequence += 1;
      const name = `${involved.name}.${(now().getTime() * 1000 + (sequence % 1000)).toString(16)}`;
      client.create('events', {
        metadata: { name, namespace },
        involvedObject: involved,
        reason,
        message,
        type,
        count: 1,
        firstTimestamp: timestamp,
        lastTimestamp: timestamp,
        source: { component, host },
        reportingComponent: component,
        reportingInstance: host,
      });
      recent.set(key, { namespace, name });
      recorded += 1;
      if (recorded % SWEEP_EVERY === 0) sweep();
    } catch {
      // Events are best effort.
    }
  };

  return {
    record,
    normal: (object, reason, message) => record(object, 'Normal', reason, message),
    warning: (object, reason, message) => record(object, 'Warning', reason, message),
  };
}
