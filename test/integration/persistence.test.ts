import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { kubeConfigFor, readToken, spawnClusterProcess, temporaryDirectory, type ClusterProcess } from '../support/embedded-cluster';
import { clientsFor, collectWatch, GITREPOS, mergePatch, objectApi, raw, SAMPLES, waitFor } from './helpers';

const processes: ClusterProcess[] = [];
const dataDirs: string[] = [];

async function spawn(dataDir: string): Promise<ClusterProcess> {
  const started = await spawnClusterProcess(dataDir);
  processes.push(started);
  return started;
}

function caOf(dataDir: string): string {
  return readFileSync(path.join(dataDir, 'pki', 'ca.crt'), 'utf8');
}

afterEach(async () => {
  for (const child of processes.splice(0)) {
    if (child.child.exitCode === null && child.child.signalCode === null) {
      child.child.kill('SIGKILL');
      await child.exited;
    }
  }
  for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('persistence', () => {
  it('objects, the token and the URL survive a clean restart', async () => {
    const dataDir = temporaryDirectory();
    dataDirs.push(dataDir);
    const first = await spawn(dataDir);
    const token = readToken(first.kubeconfigPath);
    const kubeConfig = kubeConfigFor(first.kubeconfigPath);
    const { core, custom } = clientsFor(kubeConfig);

    await core.createNamespace({ body: { metadata: { name: 'persisted', labels: { keep: 'yes' } } } });
    const gitrepos = objectApi(custom, GITREPOS, 'persisted');
    const repo = await gitrepos.create({ metadata: { name: 'repo', finalizers: ['example.com/keep'] }, ...SAMPLES.GitRepo!.body });
    const withStatus = await gitrepos.patchStatus('repo', { status: { commit: 'abc123' } });
    const secret = await core.createNamespacedSecret({ namespace: 'persisted', body: { metadata: { name: 's' }, stringData: { password: 'p' } } });
    await core.createNamespacedConfigMap({ namespace: 'persisted', body: { metadata: { name: 'gone' } } });
    await core.deleteNamespacedConfigMap({ namespace: 'persisted', name: 'gone' });
    const before = await custom.listClusterCustomObject({ group: 'management.cattle.io', version: 'v3', plural: 'fleetworkspaces' });
    const workspaces = before.items.map((w: any) => w.metadata.name).sort();
    const lastVersion = Number((await core.listNamespace()).metadata?.resourceVersion);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(/Received SIGTERM/);

    const second = await spawn(dataDir);
    expect(second.url).toBe(first.url);
    expect(readToken(second.kubeconfigPath)).toBe(token);

    // The kubeconfig loaded before the restart still works: same URL, CA and token.
    const again = clientsFor(kubeConfig);
    const gitreposAgain = objectApi(again.custom, GITREPOS, 'persisted');
    const repoAfter = await waitFor(() => gitreposAgain.get('repo'), 'the restarted server to answer');
    expect(repoAfter).toEqual(withStatus);
    expect(repoAfter.metadata.uid).toBe(repo.metadata.uid);
    expect((await again.core.readNamespacedSecret({ namespace: 'persisted', name: 's' })).data).toEqual(secret.data);
    expect((await again.core.readNamespace({ name: 'persisted' })).metadata?.labels).toEqual({ keep: 'yes', 'kubernetes.io/metadata.name': 'persisted' });
    expect((await raw({ url: second.url, token, caPem: caOf(dataDir) }, '/api/v1/namespaces/persisted/configmaps/gone')).status).toBe(404);
    const after = await again.custom.listClusterCustomObject({ group: 'management.cattle.io', version: 'v3', plural: 'fleetworkspaces' });
    expect(after.items.map((w: any) => w.metadata.name).sort()).toEqual(workspaces);

    // resourceVersions carry on from where they were; bootstrap does not run twice.
    const listVersion = Number((await again.core.listNamespace()).metadata?.resourceVersion);
    expect(listVersion).toBe(lastVersion);
    const next = await again.core.patchNamespace({ name: 'persisted', body: { metadata: { labels: { more: 'x' } } } }, mergePatch);
    expect(Number(next.metadata?.resourceVersion)).toBe(lastVersion + 1);

    // A terminating object keeps its state across the restart.
    await gitreposAgain.delete('repo');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    const third = await spawn(dataDir);
    expect(third.url).toBe(first.url);
    const thirdClients = clientsFor(kubeConfigFor(third.kubeconfigPath));
    const held = await objectApi(thirdClients.custom, GITREPOS, 'persisted').get('repo');
    expect(held.metadata.deletionTimestamp).toBeTruthy();
    await objectApi(thirdClients.custom, GITREPOS, 'persisted').patch('repo', { metadata: { finalizers: null } });
    await expect(objectApi(thirdClients.custom, GITREPOS, 'persisted').get('repo')).rejects.toMatchObject({ code: 404 });
  });

  it('a watch from before a restart is told its resourceVersion expired', async () => {
    const dataDir = temporaryDirectory();
    dataDirs.push(dataDir);
    const first = await spawn(dataDir);
    const kubeConfig = kubeConfigFor(first.kubeconfigPath);
    const { core } = clientsFor(kubeConfig);
    const cm = await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'a' } } });
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'b' } } });
    const watch = await collectWatch(kubeConfig, '/api/v1/namespaces/default/configmaps', { resourceVersion: cm.metadata!.resourceVersion! });
    await watch.waitForEvents(1);
    first.child.kill('SIGTERM');
    await first.exited;
    // The server ends watches cleanly when it stops; clients reconnect.
    expect(await watch.ended).toBeNull();

    await spawn(dataDir);
    const resumed = await collectWatch(kubeConfig, '/api/v1/namespaces/default/configmaps', { resourceVersion: cm.metadata!.resourceVersion! });
    await resumed.ended;
    expect(resumed.events.map((e) => [e.type, e.object.code])).toEqual([['ERROR', 410]]);
  });

  it('kill -9 in the middle of a burst loses no acknowledged write', async () => {
    const dataDir = temporaryDirectory();
    dataDirs.push(dataDir);
    const first = await spawn(dataDir);
    const kubeConfig = kubeConfigFor(first.kubeconfigPath);
    const { core } = clientsFor(kubeConfig);

    const WORKERS = 8;
    const KILL_AFTER = 150;
    const created = new Map<string, string>(); // name -> resourceVersion acknowledged
    const counters = new Map<string, number>(); // counter name -> last acknowledged value
    let acknowledged = 0;
    let killed = false;
    let killedAt = 0;

    for (let w = 0; w < WORKERS; w++) {
      await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: `counter-${w}` }, data: { value: '0' } } });
      counters.set(`counter-${w}`, 0);
    }

    const worker = async (w: number) => {
      for (let i = 1; !killed; i++) {
        try {
          const name = `burst-${w}-${i}`;
          const cm = await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name }, data: { i: String(i) } } });
          created.set(name, cm.metadata!.resourceVersion!);
          acknowledged++;
          await core.patchNamespacedConfigMap({ namespace: 'default', name: `counter-${w}`, body: { data: { value: String(i) } } }, mergePatch);
          counters.set(`counter-${w}`, i);
          acknowledged++;
        } catch {
          if (killed) return;
          throw new Error(`a write failed before the kill (worker ${w})`);
        }
        if (acknowledged >= KILL_AFTER && !killed) {
          killed = true;
          killedAt = acknowledged;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
    expect(await first.exited).toBeNull();
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(killedAt).toBeGreaterThanOrEqual(KILL_AFTER);

    const second = await spawn(dataDir);
    expect(second.url).toBe(first.url);
    const after = clientsFor(kubeConfigFor(second.kubeconfigPath));
    const list = await after.core.listNamespacedConfigMap({ namespace: 'default' });
    const stored = new Map(list.items.map((cm) => [cm.metadata!.name!, cm]));
    let maxAcknowledged = 0;
    for (const [name, resourceVersion] of created) {
      const cm = stored.get(name);
      expect(cm, `acknowledged create of ${name} was lost`).toBeDefined();
      expect(Number(cm!.metadata!.resourceVersion)).toBe(Number(resourceVersion));
      maxAcknowledged = Math.max(maxAcknowledged, Number(resourceVersion));
    }
    for (const [name, value] of counters) {
      const cm = stored.get(name);
      // A write in flight at the kill may or may not have landed; an acknowledged one must have.
      expect(Number(cm!.data!.value), `acknowledged update of ${name} was lost`).toBeGreaterThanOrEqual(value);
      expect(Number(cm!.data!.value)).toBeLessThanOrEqual(value + 1);
    }
    expect(Number(list.metadata?.resourceVersion)).toBeGreaterThanOrEqual(maxAcknowledged);
    // No acknowledged resourceVersion is ever handed out again.
    const fresh = await after.core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'after-crash' } } });
    expect(Number(fresh.metadata?.resourceVersion)).toBeGreaterThan(Number(list.metadata?.resourceVersion));
  });
});
