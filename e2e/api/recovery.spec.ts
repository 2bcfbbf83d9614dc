import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { expect, test } from '@playwright/test';

import { freePortSync } from '../support/ports';
import { startAppProcess, startClusterProcess, type AppProcess, type ClusterProcess } from '../support/processes';
import { mentions, openSse, statusIs, type SseClient } from '../support/sse';

/**
 * The BFF against an embedded cluster in its own process, which these tests stop and start:
 * change notices reach SSE clients quickly and only for their workspace, and the BFF recovers
 * from the API server going away (connection refused, then 410 on resume) without a restart.
 */

const GITREPOS = { group: 'fleet.cattle.io', version: 'v1alpha1', plural: 'gitrepos' };

function gitRepo(namespace: string, name: string) {
  return {
    apiVersion: 'fleet.cattle.io/v1alpha1',
    kind: 'GitRepo',
    metadata: { name, namespace },
    spec: { repo: `https://127.0.0.1:9/${name}.git`, branch: 'main', paths: ['manifests'] },
  };
}

function kubeClient(kubeconfig: string): CustomObjectsApi {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  return kc.makeApiClient(CustomObjectsApi);
}

test.describe('BFF against a cluster that comes and goes', () => {
  test.describe.configure({ mode: 'serial' });

  let dir: string;
  let dataDir: string;
  let kubeconfig: string;
  let clusterPort: number;
  let cluster: ClusterProcess | undefined;
  let app: AppProcess | undefined;
  const streams: SseClient[] = [];

  const sse = async (ws: string) => {
    const client = await openSse(`${app!.baseURL}/api/v1/events?ws=${ws}`);
    streams.push(client);
    // The first status message means the stream is set up and subscribed.
    await client.waitFor((m) => m.event === 'status', 5_000, 'a first status message');
    return client;
  };

  const listNames = async (ws: string, kind: string, q?: string) => {
    const res = await fetch(`${app!.baseURL}/api/v1/workspaces/${ws}/${kind}?pageSize=500${q ? `&q=${q}` : ''}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: { name: string }[] }).items.map((row) => row.name);
  };

  const readyzStatus = async () => (await fetch(`${app!.baseURL}/api/readyz`, { signal: AbortSignal.timeout(10_000) })).status;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    dir = mkdtempSync(join(tmpdir(), 'fleet-deck-recovery-'));
    dataDir = join(dir, 'data');
    kubeconfig = join(dir, 'kubeconfig');
    clusterPort = freePortSync();
    cluster = await startClusterProcess({ port: clusterPort, dataDir, kubeconfig });
    app = await startAppProcess({ port: freePortSync(), kubeconfig });
    await expect.poll(readyzStatus, { timeout: 60_000 }).toBe(200);
  });

  test.afterAll(async () => {
    for (const stream of streams) stream.close();
    await Promise.all([app?.stop(), cluster?.stop()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('a GitRepo created with client-node reaches an SSE client within 2 s', async () => {
    const stream = await sse('fleet-local');
    expect(stream.status).toBe(200);
    expect(stream.contentType).toContain('text/event-stream');
    expect(stream.cacheControl).toBe('no-cache, no-transform');

    const started = Date.now();
    await kubeClient(kubeconfig).createNamespacedCustomObject({ ...GITREPOS, namespace: 'fleet-local', body: gitRepo('fleet-local', 'sse-probe') });
    const notice = await stream.waitFor(mentions('gitrepos', 'sse-probe', 'upsert'), 2_000, 'notice of sse-probe');
    expect(notice.at - started).toBeLessThan(2_000);
    expect(notice.data).toEqual({ changes: expect.arrayContaining([{ kind: 'gitrepos', workspace: 'fleet-local', name: 'sse-probe', type: 'upsert' }]) });
    expect(await listNames('fleet-local', 'gitrepos')).toContain('sse-probe');
  });

  test("an SSE stream of one workspace does not get another workspace's notices", async () => {
    const local = await sse('fleet-local');
    const other = await sse('fleet-default');
    const all = await sse('_all');
    const client = kubeClient(kubeconfig);
    await client.createNamespacedCustomObject({ ...GITREPOS, namespace: 'fleet-default', body: gitRepo('fleet-default', 'only-default') });
    await client.createNamespacedCustomObject({ ...GITREPOS, namespace: 'fleet-local', body: gitRepo('fleet-local', 'only-local') });

    await other.waitFor(mentions('gitrepos', 'only-default'), 5_000, 'notice of only-default on fleet-default');
    await local.waitFor(mentions('gitrepos', 'only-local'), 5_000, 'notice of only-local on fleet-local');
    await all.waitFor(mentions('gitrepos', 'only-default'), 5_000, 'notice of only-default on _all');
    await all.waitFor(mentions('gitrepos', 'only-local'), 5_000, 'notice of only-local on _all');
    // Give a straggling batch time to arrive before asserting absence.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(local.messages.filter(mentions('gitrepos', 'only-default'))).toEqual([]);
    expect(other.messages.filter(mentions('gitrepos', 'only-local'))).toEqual([]);
    for (const message of local.messages.filter((m) => m.event === 'changes')) {
      for (const change of (message.data as { changes: { kind: string; workspace: string }[] }).changes) {
        if (change.kind !== 'workspaces') expect(change.workspace).toBe('fleet-local');
      }
    }
  });

  test('recovers from a plain API server restart by resuming its watches', async () => {
    test.setTimeout(120_000);
    const relists = async () => {
      const text = await (await fetch(`${app!.baseURL}/api/metrics`)).text();
      return [...text.matchAll(/^fleet_deck_informer_relists_total\{kind="[^"]+"\} (\d+)$/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
    };
    const stream = await sse('_all');
    // Let a bookmark (every 10 s) bring every watch to the newest resourceVersion, so that the
    // restarted server can resume them all: nothing changes, and no event will come to say that
    // the connection is good again.
    await new Promise((r) => setTimeout(r, 11_000));
    const before = await relists();
    const from = stream.messages.length;
    await cluster!.stop();
    cluster = undefined;
    await stream.waitFor(statusIs(false), 10_000, 'connected:false', from);
    await expect.poll(readyzStatus, { timeout: 10_000 }).toBe(503);
    cluster = await startClusterProcess({ port: clusterPort, dataDir, kubeconfig });
    await stream.waitFor(statusIs(true), 60_000, 'connected:true after the restart', from);
    await expect.poll(readyzStatus, { timeout: 30_000 }).toBe(200);
    expect(await relists()).toBe(before);
  });

  test('recovers when the API server stops and comes back, relisting after 410', async () => {
    test.setTimeout(180_000);
    const client = kubeClient(kubeconfig);
    await client.createNamespacedCustomObject({ ...GITREPOS, namespace: 'fleet-local', body: gitRepo('fleet-local', 'doomed') });
    await expect.poll(() => listNames('fleet-local', 'gitrepos'), { timeout: 5_000 }).toContain('doomed');
    const stream = await sse('fleet-local');
    await stream.waitFor(statusIs(true), 5_000, 'connected:true');

    // 1. The API server goes away: readiness fails and the stream says so.
    const downFrom = stream.messages.length;
    await cluster!.stop();
    cluster = undefined;
    await stream.waitFor(statusIs(false), 10_000, 'connected:false', downFrom);
    await expect.poll(readyzStatus, { timeout: 10_000 }).toBe(503);
    const notReady = await (await fetch(`${app!.baseURL}/api/readyz`)).json();
    expect(notReady).toEqual({ error: { code: 'not_ready', message: expect.any(String) } });
    // Lists still answer from the cache while the cluster is away.
    expect(await listNames('fleet-local', 'gitrepos')).toContain('doomed');

    // 2. While the BFF cannot see it, the cluster changes: another server on the same data
    //    directory (on another port, so the BFF cannot reach it) deletes an object. Its new
    //    resourceVersion puts the BFF's last one out of the restarted server's watch window.
    const sideKubeconfig = join(dir, 'kubeconfig-side');
    const side = await startClusterProcess({ port: freePortSync(), dataDir, kubeconfig: sideKubeconfig });
    try {
      await kubeClient(sideKubeconfig).deleteNamespacedCustomObject({ ...GITREPOS, namespace: 'fleet-local', name: 'doomed' });
    } finally {
      await side.stop();
    }

    // 3. The API server comes back on the same port and data directory.
    const upFrom = stream.messages.length;
    cluster = await startClusterProcess({ port: clusterPort, dataDir, kubeconfig });
    await stream.waitFor(statusIs(true), 60_000, 'connected:true after the restart', upFrom);
    await expect.poll(readyzStatus, { timeout: 30_000 }).toBe(200);

    // 4. The relist removed what was deleted while the BFF was away, and told the stream.
    await expect.poll(() => listNames('fleet-local', 'gitrepos'), { timeout: 10_000 }).not.toContain('doomed');
    expect(await listNames('fleet-local', 'gitrepos')).toEqual(expect.arrayContaining(['sse-probe', 'only-local']));
    await stream.waitFor(mentions('gitrepos', 'doomed', 'delete'), 5_000, 'delete notice of doomed', upFrom);

    // 5. Changes after the restart flow again, to the list and to the stream.
    await client.createNamespacedCustomObject({ ...GITREPOS, namespace: 'fleet-local', body: gitRepo('fleet-local', 'after-restart') });
    await stream.waitFor(mentions('gitrepos', 'after-restart', 'upsert'), 2_000, 'notice of after-restart', upFrom);
    expect(await listNames('fleet-local', 'gitrepos')).toContain('after-restart');

    // 6. The metrics saw it all.
    const metrics = await (await fetch(`${app!.baseURL}/api/metrics`)).text();
    const relists = Number(/^fleet_deck_informer_relists_total\{kind="gitrepos"\} (\d+)$/m.exec(metrics)?.[1]);
    expect(relists).toBeGreaterThanOrEqual(1);
    expect(metrics).toMatch(/^fleet_deck_cache_healthy 1$/m);
    expect(metrics).toMatch(/^fleet_deck_cache_objects\{kind="gitrepos"\} 4$/m);
  });

  test('closing SSE clients unsubscribes them', async () => {
    const openStreams = async () => Number(/^fleet_deck_sse_streams_open (\d+)$/m.exec(await (await fetch(`${app!.baseURL}/api/metrics`)).text())?.[1]);
    expect(await openStreams()).toBeGreaterThan(0);
    for (const stream of streams) stream.close();
    await expect.poll(openStreams, { timeout: 10_000 }).toBe(0);
  });
});
