import { expect, test } from '@playwright/test';

test.describe('operations endpoints', () => {
  test('metrics are in Prometheus text format with cache and stream figures', async ({ request }) => {
    await request.get('/api/v1/workspaces');
    const res = await request.get('/api/metrics');
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(/^# TYPE fleet_deck_http_request_duration_seconds histogram$/m);
    expect(text).toMatch(/^fleet_deck_http_request_duration_seconds_count\{route="GET \/api\/v1\/workspaces",method="GET",status="200"\} \d+$/m);
    for (const kind of ['gitrepos', 'clusters', 'clustergroups', 'bundles', 'workspaces']) {
      expect(text).toMatch(new RegExp(`^fleet_deck_cache_objects\\{kind="${kind}"\\} \\d+$`, 'm'));
      expect(text).toMatch(new RegExp(`^fleet_deck_informer_watch_restarts_total\\{kind="${kind}"\\} \\d+$`, 'm'));
    }
    expect(text).toMatch(/^fleet_deck_cache_synced 1$/m);
    expect(text).toMatch(/^fleet_deck_cache_healthy 1$/m);
    expect(text).toMatch(/^fleet_deck_sse_streams_open \d+$/m);
  });

  test('the OpenAPI document lists every endpoint', async ({ request }) => {
    const res = await request.get('/api/openapi.json');
    expect(res.status()).toBe(200);
    const document = await res.json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/v1/workspaces', '/api/v1/workspaces/{ws}/{kind}', '/api/v1/events', '/api/healthz', '/api/readyz', '/api/metrics']),
    );
  });

  test('the event stream rejects a malformed workspace', async ({ request }) => {
    const res = await request.get('/api/v1/events?ws=Not_A_Workspace');
    expect(res.status()).toBe(400);
    expect((await res.json()).error.code).toBe('bad_request');
  });
});
