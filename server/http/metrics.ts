import 'server-only';

/** Upper bounds (seconds) of the request-latency histogram. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Series {
  counts: number[];
  sum: number;
  count: number;
}

const GLOBAL_KEY = Symbol.for('fleet-deck.metrics');
const holder = globalThis as unknown as Record<symbol, Map<string, Series> | undefined>;
const series: Map<string, Series> = (holder[GLOBAL_KEY] ??= new Map());

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

export function recordRequest(route: string, method: string, status: number, durationMs: number): void {
  const key = `route="${escapeLabel(route)}",method="${method}",status="${status}"`;
  let entry = series.get(key);
  if (!entry) series.set(key, (entry = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 }));
  const seconds = durationMs / 1000;
  BUCKETS.forEach((bound, i) => {
    if (seconds <= bound) entry.counts[i]!++;
  });
  entry.sum += seconds;
  entry.count++;
}

/** The request histogram in Prometheus' text format. */
export function requestMetricsText(): string {
  const lines = ['# HELP fleet_deck_http_request_duration_seconds Time to answer BFF requests.', '# TYPE fleet_deck_http_request_duration_seconds histogram'];
  for (const [labels, entry] of series) {
    BUCKETS.forEach((bound, i) => lines.push(`fleet_deck_http_request_duration_seconds_bucket{${labels},le="${bound}"} ${entry.counts[i]}`));
    lines.push(`fleet_deck_http_request_duration_seconds_bucket{${labels},le="+Inf"} ${entry.count}`);
    lines.push(`fleet_deck_http_request_duration_seconds_sum{${labels}} ${entry.sum}`);
    lines.push(`fleet_deck_http_request_duration_seconds_count{${labels}} ${entry.count}`);
  }
  return lines.join('\n');
}
