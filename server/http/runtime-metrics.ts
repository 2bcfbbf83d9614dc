import 'server-only';

import type { FleetCache } from '@/server/cache/fleet-cache';
import { streamStats } from '@/server/events/change-stream';

import { requestMetricsText } from './metrics';

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function family(name: string, type: 'gauge' | 'counter', help: string, samples: [labels: string, value: number][]): string[] {
  return [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...samples.map(([labels, value]) => `${name}${labels ? `{${labels}}` : ''} ${value}`)];
}

/** Cache gauges: objects per kind, watch restarts and relists, synced and healthy flags. */
export function cacheMetricsText(cache: FleetCache | undefined): string {
  const stats = cache?.stats() ?? [];
  const per = (pick: (s: (typeof stats)[number]) => number): [string, number][] => stats.map((s) => [`kind="${escapeLabel(s.kind)}"`, pick(s)]);
  return [
    ...family('fleet_deck_cache_objects', 'gauge', 'Objects held in the BFF cache, by kind.', per((s) => s.objects)),
    ...family('fleet_deck_informer_watch_restarts_total', 'counter', 'Times an informer had to re-establish its watch.', per((s) => s.restarts)),
    ...family('fleet_deck_informer_relists_total', 'counter', 'Times an informer listed its whole collection again after the first sync.', per((s) => s.relists)),
    ...family('fleet_deck_informer_synced', 'gauge', '1 once an informer has listed its collection.', per((s) => (s.synced ? 1 : 0))),
    ...family('fleet_deck_informer_healthy', 'gauge', '1 while an informer is connected to the cluster.', per((s) => (s.healthy ? 1 : 0))),
    ...family('fleet_deck_cache_synced', 'gauge', '1 once every informer has synced.', [['', cache?.synced ? 1 : 0]]),
    ...family('fleet_deck_cache_healthy', 'gauge', '1 while every informer is connected to the cluster.', [['', cache?.healthy ? 1 : 0]]),
  ].join('\n');
}

/** Change-stream gauges and counters. */
export function streamMetricsText(): string {
  const s = streamStats();
  return [
    ...family('fleet_deck_sse_streams_open', 'gauge', 'Change streams (SSE) open now.', [['', s.open]]),
    ...family('fleet_deck_sse_streams_opened_total', 'counter', 'Change streams opened since start.', [['', s.opened]]),
    ...family('fleet_deck_sse_change_messages_total', 'counter', 'Batches of change notices sent.', [['', s.messages]]),
    ...family('fleet_deck_sse_summary_messages_total', 'counter', 'Batches sent as per-kind summaries because they overflowed.', [['', s.summaries]]),
    ...family('fleet_deck_sse_streams_dropped_total', 'counter', 'Change streams closed because the client could not keep up or went away mid-write.', [['', s.dropped]]),
  ].join('\n');
}

function processMetricsText(): string {
  const memory = process.memoryUsage();
  return [
    ...family('process_resident_memory_bytes', 'gauge', 'Resident memory size in bytes.', [['', memory.rss]]),
    ...family('nodejs_heap_used_bytes', 'gauge', 'V8 heap in use, in bytes.', [['', memory.heapUsed]]),
    ...family('process_uptime_seconds', 'gauge', 'Seconds since the process started.', [['', Math.round(process.uptime())]]),
  ].join('\n');
}

/** Everything `/api/metrics` serves, in Prometheus' text exposition format. */
export function metricsText(cache: FleetCache | undefined): string {
  return [requestMetricsText(), cacheMetricsText(cache), streamMetricsText(), processMetricsText()].join('\n') + '\n';
}
