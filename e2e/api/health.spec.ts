import { expect, test } from '@playwright/test';

import { startAppWithUnreachableCluster, type AppServer } from '../support/app-server';

test.describe('health endpoints', () => {
  test('healthz answers 200 {ok:true}', async ({ request }) => {
    const res = await request.get('/api/healthz');
    expect(res.status()).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  test('readyz answers 200 when the cluster answers /version', async ({ request }) => {
    const res = await request.get('/api/readyz');
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body.ok).toBe(true);
    expect(body.kubernetes.gitVersion).toEqual(expect.any(String));
  });
});

test.describe('health endpoints when the cluster is down', () => {
  // One extra server for the whole group: keep its tests on one worker.
  test.describe.configure({ mode: 'default' });
  let app: AppServer;

  test.beforeAll(async () => {
    app = await startAppWithUnreachableCluster();
  });
  test.afterAll(async () => {
    await app?.stop();
  });

  test('healthz still answers 200', async ({ request }) => {
    const res = await request.get(`${app.baseURL}/api/healthz`);
    expect(res.status()).toBe(200);
  });

  test('readyz answers 503 with an error body', async ({ request }) => {
    const res = await request.get(`${app.baseURL}/api/readyz`);
    expect(res.status()).toBe(503);
    const body = await res.json();
    expect(body).toEqual({ error: { code: 'not_ready', message: expect.stringContaining('Cannot reach') } });
  });
});
