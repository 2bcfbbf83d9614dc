/**
 * What the BFF and UI benchmarks share: free ports, percentiles, process memory, seeding an
 * embedded cluster with Fleet-like clusters, and running `next start` of the existing build.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

import type { EmbeddedCluster } from '../embedded/cluster';
import { ControllerClient } from '../embedded/controllers/client';
import { seededRandom, simulatedClusters } from '../embedded/controllers/simulate';
import { BUNDLE_LABEL, BUNDLE_NAMESPACE_LABEL, CLUSTER_LABEL, CLUSTER_NAMESPACE_LABEL, REPO_LABEL } from '../lib/fleet/labels';
import { clusterNamespaceName } from '../lib/fleet/names';

const ROOT = path.resolve(import.meta.dirname, '..');
export const WORKSPACE = 'fleet-default';

export const children = new Set<ChildProcess>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const child of children) child.kill('SIGTERM');
    process.exit(130);
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

export const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
export const sleep = (millis: number) => new Promise((r) => setTimeout(r, millis));

/** Resident memory (MiB) of a process and its descendants, from /proc. */
export function treeRssMiB(pid: number): number {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // gone
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) for (const [child, parent] of parents) if (parent === tree[i]) tree.push(child);
  let kib = 0;
  for (const member of tree) {
    try {
      kib += Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${member}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return kib / 1024;
}

// ---- seeding ---------------------------------------------------------------------------------

/** Fleet-like cluster statuses: mostly Ready, some drifted, failing, or not checked in. */
export function clusterStatus(random: () => number, now: number) {
  const roll = random();
  const state = roll < 0.8 ? '' : roll < 0.88 ? 'Modified' : roll < 0.93 ? 'OutOfSync' : roll < 0.97 ? 'ErrApplied' : 'WaitApplied';
  const desired = 5;
  const ready = state === '' ? desired : Math.floor(random() * desired);
  return {
    display: { state, readyBundles: `${ready}/${desired}` },
    summary: { ready, desiredReady: desired },
    readyGitRepos: ready === desired ? 2 : 1,
    desiredReadyGitRepos: 2,
    agent: { lastSeen: new Date(now - Math.floor(random() * 3_600_000)).toISOString() },
    conditions: [{ type: 'Ready', status: state === '' ? 'True' : 'False', message: state ? `bundle app-${Math.floor(random() * 9)}: ${state}` : '' }],
  };
}

export async function seed(cluster: EmbeddedCluster, count: number): Promise<number> {
  const started = performance.now();
  const client = new ControllerClient(cluster.registry);
  const random = seededRandom(7);
  const now = Date.now();
  let n = 0;
  for (const simulated of simulatedClusters({ count, seed: 7 })) {
    client.create('clusters', { metadata: { name: simulated.name, namespace: WORKSPACE, labels: simulated.labels }, spec: {} });
    client.updateStatus('clusters', WORKSPACE, simulated.name, clusterStatus(random, now));
    if (++n % 2_000 === 0) await sleep(0);
  }
  const repos = Math.max(1, Math.round(count / 500));
  for (let r = 0; r < repos; r++) {
    const repo = `app-${String(r).padStart(4, '0')}`;
    client.create('gitrepos', {
      metadata: { name: repo, namespace: WORKSPACE },
      spec: { repo: `https://git.example.com/fleet/${repo}.git`, branch: 'main', targets: [{ clusterSelector: { matchLabels: { env: 'prod' } } }] },
    });
    for (const suffix of ['web', 'db']) {
      client.create('bundles', {
        metadata: { name: `${repo}-${suffix}`, namespace: WORKSPACE, labels: { [REPO_LABEL]: repo } },
        spec: { resources: [{ name: 'deployment.yaml', content: 'kind: Deployment' }], targets: [{ clusterSelector: { matchLabels: { env: 'prod' } } }] },
      });
    }
  }
  return performance.now() - started;
}

/** The repo of {@link seedMatrix}: one GitRepo deployed to every seeded cluster. */
export const MATRIX_REPO = 'matrix-app';
const MATRIX_BUNDLES = [`${MATRIX_REPO}-web`, `${MATRIX_REPO}-db`];

/** A BundleDeployment's state: mostly Ready, some drifted (with `modifiedStatus`), failing or not ready. */
function deploymentStatus(random: () => number, cluster: string, bundle: string) {
  const roll = random();
  const state = roll < 0.9 ? 'Ready' : roll < 0.94 ? 'Modified' : roll < 0.97 ? 'ErrApplied' : roll < 0.99 ? 'NotReady' : 'WaitApplied';
  const ready = state === 'Ready';
  const message =
    state === 'ErrApplied' ? `deployment.apps default/${bundle}: image "registry.local/${bundle}:2.0" not found on ${cluster}` : state === 'NotReady' ? `deployment.apps default/${bundle}: 0/3 replicas available` : '';
  return {
    appliedDeploymentID: 's-1:abc',
    ready,
    nonModified: state !== 'Modified',
    display: { state, deployed: state === 'ErrApplied' ? 'False' : 'True', monitored: ready ? 'True' : 'False' },
    conditions: [
      { type: 'Deployed', status: state === 'ErrApplied' ? 'False' : 'True', ...(state === 'ErrApplied' ? { message } : {}) },
      { type: 'Ready', status: ready ? 'True' : 'False', ...(message ? { message } : {}) },
    ],
    ...(state === 'Modified'
      ? {
          modifiedStatus: [
            { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: bundle, patch: `{"spec":{"replicas":${2 + Math.floor(random() * 4)}},"metadata":{"labels":{"edited-by":null}}}` },
            { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: `${bundle}-settings`, missing: true },
          ],
        }
      : {}),
  };
}

/**
 * A GitRepo ({@link MATRIX_REPO}) with 2 bundles deployed to each of `clusters` (already created
 * by {@link seed}): 2 BundleDeployments per cluster in the cluster's own namespace, labelled as
 * Fleet labels them, with varied states and drift. Written directly, as Fleet's controllers
 * would, so the cluster must run without them.
 */
export async function seedMatrix(cluster: EmbeddedCluster, clusters: readonly string[]): Promise<number> {
  const started = performance.now();
  const client = new ControllerClient(cluster.registry);
  const random = seededRandom(11);
  client.create('gitrepos', {
    metadata: { name: MATRIX_REPO, namespace: WORKSPACE },
    spec: { repo: `https://git.example.com/fleet/${MATRIX_REPO}.git`, branch: 'main', targets: [{ clusterSelector: {} }] },
  });
  for (const bundle of MATRIX_BUNDLES) {
    client.create('bundles', {
      metadata: { name: bundle, namespace: WORKSPACE, labels: { [REPO_LABEL]: MATRIX_REPO } },
      spec: { resources: [{ name: 'deployment.yaml', content: 'kind: Deployment' }], targets: [{ clusterSelector: {} }] },
    });
  }
  let n = 0;
  for (const name of clusters) {
    const namespace = clusterNamespaceName(WORKSPACE, name);
    client.create('namespaces', { metadata: { name: namespace, labels: { 'fleet.cattle.io/managed': 'true' } } });
    for (const bundle of MATRIX_BUNDLES) {
      const labels = { [BUNDLE_LABEL]: bundle, [BUNDLE_NAMESPACE_LABEL]: WORKSPACE, [CLUSTER_LABEL]: name, [CLUSTER_NAMESPACE_LABEL]: WORKSPACE, [REPO_LABEL]: MATRIX_REPO };
      client.create('bundledeployments', { metadata: { name: bundle, namespace, labels }, spec: { deploymentID: 's-1:abc', stagedDeploymentID: 's-1:abc' } });
      client.updateStatus('bundledeployments', namespace, bundle, deploymentStatus(random, name, bundle));
    }
    if (++n % 1_000 === 0) await sleep(0);
  }
  return performance.now() - started;
}

// ---- the BFF process -------------------------------------------------------------------------

export interface App {
  child: ChildProcess;
  baseURL: string;
  output(): string;
  stop(): Promise<void>;
}

export async function startApp(kubeconfig: string): Promise<App> {
  const port = await freePort();
  const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'next'), ['start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: ROOT,
    env: { ...process.env, FLEET_DECK_KUBECONFIG: kubeconfig, KUBECONFIG: '', KUBERNETES_SERVICE_HOST: '', NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-10_000)));
  child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-10_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    baseURL: `http://127.0.0.1:${port}`,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(force);
      }
      children.delete(child);
    },
  };
}

export async function waitReady(app: App, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (app.child.exitCode !== null) throw new Error(`next start exited with ${app.child.exitCode}:\n${app.output()}`);
    try {
      const res = await fetch(`${app.baseURL}/api/readyz`, { signal: AbortSignal.timeout(5_000) });
      if (res.status === 200) return;
    } catch {
      // not up yet
    }
    await sleep(100);
  }
  throw new Error(`the BFF was not ready within ${timeoutMs} ms:\n${app.output()}`);
}

