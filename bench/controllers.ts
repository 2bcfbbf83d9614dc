/**
 * `npm run bench:controllers`: how fast the embedded Fleet controllers and simulated agents
 * converge. Starts the embedded cluster in this process on a fresh temporary data directory,
 * seeds 10,000 simulated Clusters in `fleet-default` (plus a ClusterGroup selecting all of them)
 * and 20 Bundles targeting every cluster — 200,000 BundleDeployments plus 10,000 agent bundles —
 * then waits until every BundleDeployment is Ready and every rollup agrees:
 * each Bundle `readyClusters` = N/N, each Cluster `readyBundles` = 21/21, the group N/N.
 * It prints figures and never asserts. Wall time includes whatever else runs on the machine; the
 * CPU time of the process is printed too.
 *
 * Options (flag or environment):
 *   --scale <f>      BENCH_SCALE      clusters × f (default 1: 10,000)
 *   --bundles <n>    BENCH_BUNDLES    bundles targeting all clusters (default 20)
 *   --timeout <s>    BENCH_TIMEOUT    give up after this many seconds (default 600)
 *   --keep           BENCH_KEEP=1     keep the data directory
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startEmbeddedCluster } from '../embedded/cluster';
import { ControllerClient } from '../embedded/controllers/client';
import { startFleetControllers } from '../embedded/controllers/fleet';
import { seedSimulatedClusters } from '../embedded/controllers/simulate';
import { bundleDeploymentState } from '../lib/fleet/state';
import type { Bundle, Cluster, ClusterGroup } from '../lib/fleet/types';

const { values: flags } = parseArgs({
  options: {
    scale: { type: 'string' },
    bundles: { type: 'string' },
    timeout: { type: 'string' },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});
if (flags.help) {
  console.log('usage: npm run bench:controllers [-- --scale 0.1] [--bundles 20] [--timeout 600] [--keep]');
  process.exit(0);
}

const SCALE = Number(flags.scale ?? process.env.BENCH_SCALE ?? '1');
const BUNDLES = Number(flags.bundles ?? process.env.BENCH_BUNDLES ?? '20');
const TIMEOUT_S = Number(flags.timeout ?? process.env.BENCH_TIMEOUT ?? '600');
const KEEP = flags.keep || process.env.BENCH_KEEP === '1';
const CLUSTERS = Math.max(1, Math.round(10_000 * SCALE));
const NAMESPACE = 'fleet-default';

const MANIFEST = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  level: info
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
    - port: 80
`;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fleet-deck-bench-controllers-'));
  console.log(`bench:controllers — ${CLUSTERS} clusters × ${BUNDLES} bundles (+1 agent bundle each), data in ${dataDir}`);
  const cluster = await startEmbeddedCluster({ port: 0, dataDir });
  const client = new ControllerClient(cluster.registry);
  const errors: string[] = [];
  const fleet = startFleetControllers(client, { log: (line) => errors.push(line) });

  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
  const started = performance.now();
  const cpuStart = process.cpuUsage();

  const seed = await seedSimulatedClusters(client, { namespace: NAMESPACE, count: CLUSTERS, seed: 42 });
  client.create('clustergroups', { metadata: { name: 'all', namespace: NAMESPACE }, spec: { selector: {} } });
  const seeded = performance.now();
  for (let i = 0; i < BUNDLES; i++) {
    client.create('bundles', {
      metadata: { name: `app-${String(i).padStart(2, '0')}`, namespace: NAMESPACE, labels: { 'fleet.cattle.io/repo-name': 'bench' } },
      spec: {
        defaultNamespace: `app-${i}`,
        resources: [{ name: 'manifests.yaml', content: MANIFEST }],
        targets: [{ name: 'all', clusterSelector: {} }],
      },
    });
  }
  console.log(`seeded ${seed.created} clusters in ${seconds(seeded - started)}, created ${BUNDLES} bundles`);

  const expectedDeployments = CLUSTERS * (BUNDLES + 1);
  const index = fleet.context.index;
  let lastReport = 0;
  let milestones: { allCreated?: number; allReady?: number } = {};
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const elapsed = performance.now() - started;
    let ready = 0;
    for (const bd of index.deployments.values()) if (bundleDeploymentState(bd) === 'Ready') ready++;
    const created = index.deployments.size;
    if (!milestones.allCreated && created >= expectedDeployments) milestones = { ...milestones, allCreated: elapsed };
    if (!milestones.allReady && ready >= expectedDeployments) milestones = { ...milestones, allReady: elapsed };
    const consistent = milestones.allReady !== undefined && rollupsConsistent(client);
    if (elapsed - lastReport > 5000 || consistent) {
      lastReport = elapsed;
      console.log(
        `  ${seconds(elapsed).padStart(7)}  BDs ${created}/${expectedDeployments}  ready ${ready}  rss ${mb(process.memoryUsage().rss)}`,
      );
    }
    if (consistent) break;
    if (elapsed > TIMEOUT_S * 1000) {
      console.log(`gave up after ${TIMEOUT_S} s`);
      break;
    }
  }
  const total = performance.now() - started;
  const cpu = process.cpuUsage(cpuStart);
  clearInterval(sampler);
  const memory = process.memoryUsage();
  console.log('');
  console.log(`all BundleDeployments created  ${milestones.allCreated !== undefined ? seconds(milestones.allCreated) : '—'}`);
  console.log(`all BundleDeployments Ready    ${milestones.allReady !== undefined ? seconds(milestones.allReady) : '—'}`);
  console.log(`rollups consistent (converged) ${seconds(total)}`);
  console.log(`CPU time of this process       ${seconds((cpu.user + cpu.system) / 1000)} (user ${seconds(cpu.user / 1000)}, system ${seconds(cpu.system / 1000)}; wall time counts other load on the machine too)`);
  console.log(`objects stored                 ${['clusters', 'bundles', 'bundledeployments', 'namespaces', 'contents'].map((r) => `${r} ${client.list(r as never).length}`).join(', ')}`);
  console.log(`memory                         rss ${mb(memory.rss)} (peak ${mb(Math.max(peakRss, memory.rss))}), heap used ${mb(memory.heapUsed)}`);
  console.log(`controller errors              ${errors.length}${errors.length > 0 ? ` (first: ${errors[0]})` : ''}`);

  fleet.stop();
  await cluster.stop();
  if (!KEEP) rmSync(dataDir, { recursive: true, force: true });
}

/** Every Bundle N/N, every Cluster (N+1)/(N+1) with summary ready, the group N/N. */
function rollupsConsistent(client: ControllerClient): boolean {
  const wantBundles = `${BUNDLES + 1}/${BUNDLES + 1}`;
  for (const bundle of client.list<Bundle>('bundles', NAMESPACE)) {
    if (bundle.metadata.name.startsWith('fleet-agent-')) {
      if (bundle.status?.display?.readyClusters !== '1/1') return false;
    } else if (bundle.status?.display?.readyClusters !== `${CLUSTERS}/${CLUSTERS}`) return false;
  }
  for (const cluster of client.list<Cluster>('clusters', NAMESPACE)) {
    if (cluster.status?.display?.readyBundles !== wantBundles || cluster.status.display.state !== '') return false;
  }
  const group = client.get<ClusterGroup>('clustergroups', NAMESPACE, 'all');
  return group?.status?.display?.readyClusters === `${CLUSTERS}/${CLUSTERS}` && group.status.display.readyBundles === `${CLUSTERS * (BUNDLES + 1)}/${CLUSTERS * (BUNDLES + 1)}`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
