import 'server-only';

import { CoreV1Api, type CoreV1Event } from '@kubernetes/client-node';

import type { ListKind, ObjectEvent, ObjectEvents } from '@/lib/api/schemas';
import type { Bff } from '@/server/bff';
import { BffError } from '@/server/http/errors';

const KINDS: Record<ListKind, string> = { gitrepos: 'GitRepo', clusters: 'Cluster', clustergroups: 'ClusterGroup', bundles: 'Bundle' };

/** Events one request reads at most (Events are aggregated per reason and message, so few per object). */
const EVENT_BUDGET = 500;

function time(value: Date | string | undefined): string | undefined {
  if (!value) return undefined;
  return value instanceof Date ? value.toISOString().replace(/\.\d{3}Z$/, 'Z') : value;
}

function toDto(event: CoreV1Event): ObjectEvent {
  const last = time(event.lastTimestamp) ?? time(event.eventTime as unknown as string | undefined) ?? time(event.metadata.creationTimestamp);
  return {
    name: event.metadata.name ?? '',
    type: event.type ?? 'Normal',
    reason: event.reason ?? '',
    message: event.message ?? '',
    count: event.count ?? 1,
    ...(time(event.firstTimestamp) ? { firstTimestamp: time(event.firstTimestamp) } : {}),
    ...(last ? { lastTimestamp: last } : {}),
    ...(event.source?.component || event.reportingComponent ? { source: event.source?.component || event.reportingComponent } : {}),
  };
}

/**
 * core/v1 Events whose involvedObject is this object, newest first: one list call in the object's
 * namespace with a field selector, so the API server filters (no Event is cached here).
 */
export async function objectEvents(bff: Bff, kind: ListKind, ws: string, name: string, limit: number): Promise<ObjectEvents> {
  if (!bff.cache.workspaceExists(ws)) throw new BffError('not_found', `Workspace "${ws}" does not exist`, 'ws');
  if (!bff.cache.object(kind, ws, name)) throw new BffError('not_found', `${KINDS[kind]} "${name}" does not exist in workspace "${ws}"`, 'name');
  const core = bff.kube.kc.makeApiClient(CoreV1Api);
  const list = await core.listNamespacedEvent({
    namespace: ws,
    fieldSelector: `involvedObject.kind=${KINDS[kind]},involvedObject.name=${name}`,
    limit: EVENT_BUDGET,
  });
  const items = list.items.map(toDto).sort((a, b) => (b.lastTimestamp ?? '').localeCompare(a.lastTimestamp ?? '') || a.name.localeCompare(b.name));
  return { items: items.slice(0, limit), total: items.length };
}
