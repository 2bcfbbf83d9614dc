/**
 * `npm run bench:bff`: the BFF as a browser sees it, over HTTP from a `next start` of the
 * existing build, against an embedded cluster seeded with 10,000 and then 100,000 Clusters
 * (1 GitRepo and 2 Bundles per 500 clusters, varied states, labels and last-seen times).
 * For each size it prints how long the BFF took to load everything, p50/p95 of a filtered and
 * sorted 50-row clusters page and of the workspace summary, the BFF's resident memory, and the
 * time from a change (a client-node merge patch) to its notice on the SSE stream.
 * At the first size it also seeds a GitRepo deployed to every cluster (2 BundleDeployments per
 * cluster, written directly: varied states, some drifted) and times its status matrix (first
 * page, filtered by state, last page) and its drift view (first and last page).
 * It prints figures and never asserts.
 *
 * Options (flag or environment):
 *   --scale <f>   BENCH_SCALE   cluster counts × f (default 1: 10,000 and 100,000)
 *   --runs <n>    BENCH_RUNS    samples per latency figure (default 50)
 *   --keep        BENCH_KEEP=1  keep the data directories
 *   --matrix-only BENCH_MATRIX_ONLY=1  only the matrix and drift figures, at the first size
 *
 * Needs a production build (`npx next build`; in FLEET_DECK_DIST_DIR when that is set). The embedded cluster runs in this process, the
 * BFF in its own; on a small machine they compete for CPU, so the figures are upper bounds.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { CustomObjectsApi, KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';

import { startEmbeddedCluster } from '../embedded/cluster';
import { simulatedClusters } from '../embedded/controllers/simulate';

import { children, MATRIX_REPO, ms, percentile, seed, seedMatrix, sleep, startApp, treeRssMiB, waitReady, WORKSPACE, type App } from './harness';

const ROOT = path.resolve(import.meta.dirname, '..');

const { values: flags } = parseArgs({
  options: {
    scale: { type: 'string' },
    runs: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'matrix-only': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});
if (flags.help) {
  console.log('usage: npm run bench:bff [-- --scale 0.1] [--runs 50] [--keep] [--matrix-only]');
  process.exit(0);
}

const SCALE = Number(flags.scale ?? process.env.BENCH_SCALE ?? '1');
const RUNS = Number(flags.runs ?? process.env.BENCH_RUNS ?? '50');
const KEEP = flags.keep || process.env.BENCH_KEEP === '1';
const MATRIX_ONLY = flags['matrix-only'] || process.env.BENCH_MATRIX_ONLY === '1';
const DIST_DIR = process.env.FLEET_DECK_DIST_DIR || '.next';
for (const [name, value] of Object.entries({ SCALE, RUNS })) {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
}
const ALL_SIZES = [...new Set([Math.max(1, Math.round(10_000 * SCALE)), Math.max(1, Math.round(100_000 * SCALE))])];
const SIZES = MATRIX_ONLY ? ALL_SIZES.slice(0, 1) : ALL_SIZES;
const MATRIX_LIMIT = 50;
const PAGE_QUERY = 'sort=lastSeen&order=desc&state=warning&q=prod&pageSize=50';

async function timeGets(url: string, runs: number): Promise<{ p50: number; p95: number; bytes: number; body: unknown }> {
  // Warm up: JIT, route compilation, first-use caches.
  for (let i = 0; i < 5; i++) await (await fetch(url)).arrayBuffer();
  const samples: number[] = [];
  let bytes = 0;
  let body: unknown;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const res = await fetch(url);
    const text = await res.text();
    samples.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${text.slice(0, 300)}`);
    bytes = text.length;
    body = JSON.parse(text);
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), bytes, body };
}

/** Patches a cluster label with client-node and waits for its notice on an open SSE stream. */
async function changeToNotice(app: App, kubeconfig: string, names: string[], runs: number): Promise<{ p50: number; p95: number }> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const custom = kc.makeApiClient(CustomObjectsApi);
  const controller = new AbortController();
  const res = await fetch(`${app.baseURL}/api/v1/events?ws=${WORKSPACE}`, { signal: controller.signal });
  const waiting = new Map<string, (at: number) => void>();
  let opened!: () => void;
  const open = new Promise<void>((resolve) => (opened = resolve));
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        const at = performance.now();
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith('event: status')) opened();
          if (!block.startsWith('event: changes')) continue;
          const data = JSON.parse(block.slice(block.indexOf('data: ') + 6)) as { changes: { name?: string }[] };
          for (const change of data.changes) if (change.name) waiting.get(change.name)?.(at);
        }
      }
    } catch {
      // aborted
    }
  })();
  await open;
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const name = names[(i * 7919) % names.length]!;
    const seen = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no notice for ${name} within 10 s`)), 10_000);
      waiting.set(name, (at) => {
        clearTimeout(timer);
        waiting.delete(name);
        resolve(at);
      });
    });
    const started = performance.now();
    await custom.patchNamespacedCustomObject(
      { group: 'fleet.cattle.io', version: 'v1alpha1', plural: 'clusters', namespace: WORKSPACE, name, body: { metadata: { labels: { 'bench.fleet-deck.dev/touched': String(i) } } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    samples.push((await seen) - started);
    // Keep changes apart, so each measures an isolated change rather than a batching window.
    await sleep(600);
  }
  controller.abort();
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

// ---- matrix and drift ------------------------------------------------------------------------

interface Figure {
  what: string;
  p50: number;
  p95: number;
  bytes: number;
  total: number;
}

/** Waits until the BFF's BundleDeployment index has every seeded deployment of the matrix repo. */
async function waitForMatrix(app: App, clusters: number, timeoutMs: number): Promise<void> {
  const url = `${app.baseURL}/api/v1/workspaces/${WORKSPACE}/gitrepos/${MATRIX_REPO}/matrix?limit=1`;
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const res = await fetch(url);
    last = await res.text();
    if (res.status === 200 && (JSON.parse(last) as { total: number }).total === clusters) return;
    await sleep(250);
  }
  throw new Error(`the matrix of ${MATRIX_REPO} did not reach ${clusters} clusters within ${timeoutMs} ms: ${last.slice(0, 300)}`);
}

async function matrixFigures(app: App, clusters: number): Promise<Figure[]> {
  await waitForMatrix(app, clusters, 300_000);
  const base = `${app.baseURL}/api/v1/workspaces/${WORKSPACE}/gitrepos/${MATRIX_REPO}`;
  const figures: Figure[] = [];
  const time = async (what: string, query: string, kind: 'matrix' | 'drift' = 'matrix') => {
    const result = await timeGets(`${base}/${kind}?${query}`, RUNS);
    const total = (result.body as { total: number }).total;
    const figure = { what: `${kind}?${query}`, p50: result.p50, p95: result.p95, bytes: result.bytes, total };
    console.log(`  ${what} (${figure.what}): ${total} total, p50 ${ms(figure.p50)} ms, p95 ${ms(figure.p95)} ms, ${figure.bytes} bytes`);
    figures.push(figure);
    return total;
  };
  const total = await time('matrix, first page', `limit=${MATRIX_LIMIT}`);
  await time('matrix, filtered by state', `state=ErrApplied&limit=${MATRIX_LIMIT}`);
  await time('matrix, last page', `limit=${MATRIX_LIMIT}&page=${Math.max(1, Math.ceil(total / MATRIX_LIMIT))}`);
  const drifted = await time('drift, first page', `limit=${MATRIX_LIMIT}`, 'drift');
  await time('drift, last page', `limit=${MATRIX_LIMIT}&page=${Math.max(1, Math.ceil(drifted / MATRIX_LIMIT))}`, 'drift');
  return figures;
}

// ---- main ------------------------------------------------------------------------------------

interface Row {
  clusters: number;
  matrix?: Figure[];
  seedS: number;
  readyS: number;
  page: { p50: number; p95: number; total: number };
  summary: { p50: number; p95: number };
  rssMiB: number;
  notice: { p50: number; p95: number };
}

function printMatrix(clusters: number, figures: Figure[]): void {
  console.log(`\nA Git repo deployed to ${clusters.toLocaleString('en')} clusters (2 bundles each), pages of ${MATRIX_LIMIT}:\n`);
  console.log('| Request | Total | p50 | p95 | Bytes |');
  console.log('|---|---:|---:|---:|---:|');
  for (const figure of figures) console.log(`| \`${figure.what}\` | ${figure.total.toLocaleString('en')} | ${ms(figure.p50)} ms | ${ms(figure.p95)} ms | ${figure.bytes.toLocaleString('en')} |`);
}

async function benchSize(count: number, withMatrix: boolean): Promise<Row | undefined> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fleet-deck-bench-bff-'));
  const kubeconfig = path.join(dataDir, 'kubeconfig');
  const cluster = await startEmbeddedCluster({ port: 0, dataDir, kubeconfigPath: kubeconfig });
  let app: App | undefined;
  try {
    process.stdout.write(`  seeding ${count.toLocaleString('en')} clusters … `);
    const seedMs = await seed(cluster, count);
    console.log(`${(seedMs / 1000).toFixed(1)} s`);
    const names = simulatedClusters({ count, seed: 7 }).map((c) => c.name);
    if (withMatrix) {
      process.stdout.write(`  seeding ${MATRIX_REPO}: ${(2 * count).toLocaleString('en')} BundleDeployments on ${count.toLocaleString('en')} clusters … `);
      console.log(`${((await seedMatrix(cluster, names)) / 1000).toFixed(1)} s`);
    }

    const started = performance.now();
    app = await startApp(kubeconfig);
    await waitReady(app, 600_000);
    const readyMs = performance.now() - started;
    console.log(`  BFF ready (all objects loaded) after ${(readyMs / 1000).toFixed(1)} s`);
    const matrix = withMatrix ? await matrixFigures(app, count) : undefined;
    if (MATRIX_ONLY) {
      printMatrix(count, matrix ?? []);
      return undefined;
    }

    const page = await timeGets(`${app.baseURL}/api/v1/workspaces/${WORKSPACE}/clusters?${PAGE_QUERY}`, RUNS);
    const total = (page.body as { total: number }).total;
    console.log(`  clusters page (${PAGE_QUERY}): ${total} matching, p50 ${ms(page.p50)} ms, p95 ${ms(page.p95)} ms, ${page.bytes} bytes`);
    const summary = await timeGets(`${app.baseURL}/api/v1/workspaces`, RUNS);
    console.log(`  workspace summary: p50 ${ms(summary.p50)} ms, p95 ${ms(summary.p95)} ms`);
    const rssMiB = treeRssMiB(app.child.pid!);
    console.log(`  BFF RSS: ${rssMiB.toFixed(0)} MiB`);
    const noticeRuns = Math.min(RUNS, 30);
    const notice = await changeToNotice(app, kubeconfig, names, noticeRuns);
    console.log(`  change → SSE notice (${noticeRuns} patches): p50 ${ms(notice.p50)} ms, p95 ${ms(notice.p95)} ms`);
    return {
      clusters: count,
      ...(matrix ? { matrix } : {}),
      seedS: seedMs / 1000,
      readyS: readyMs / 1000,
      page: { p50: page.p50, p95: page.p95, total },
      summary: { p50: summary.p50, p95: summary.p95 },
      rssMiB,
      notice,
    };
  } finally {
    await app?.stop();
    await cluster.stop();
    if (!KEEP) rmSync(dataDir, { recursive: true, force: true });
    else console.log(`  data kept in ${dataDir}`);
  }
}

async function main(): Promise<void> {
  if (!existsSync(path.join(ROOT, DIST_DIR, 'BUILD_ID'))) {
    console.error('bench:bff needs a production build: run `npx next build` first.');
    process.exit(1);
  }
  console.log(`bench:bff — ${SIZES.map((n) => n.toLocaleString('en')).join(' and ')} clusters, ${RUNS} samples per figure`);
  const rows: Row[] = [];
  for (const [index, size] of SIZES.entries()) {
    console.log(`\n${size.toLocaleString('en')} clusters (${Math.max(1, Math.round(size / 500))} gitrepos, ${2 * Math.max(1, Math.round(size / 500))} bundles)`);
    const row = await benchSize(size, index === 0);
    if (row) rows.push(row);
  }
  if (MATRIX_ONLY) return;
  console.log('\n| Clusters | BFF load | Clusters page p50 / p95 | Summary p50 / p95 | BFF RSS | Change → SSE p50 / p95 |');
  console.log('|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) {
    console.log(
      `| ${row.clusters.toLocaleString('en')} | ${row.readyS.toFixed(1)} s | ${ms(row.page.p50)} / ${ms(row.page.p95)} ms | ${ms(row.summary.p50)} / ${ms(row.summary.p95)} ms | ${row.rssMiB.toFixed(0)} MiB | ${ms(row.notice.p50)} / ${ms(row.notice.p95)} ms |`,
    );
  }
  console.log(`\nClusters page: \`?${PAGE_QUERY}\` in ${WORKSPACE}. BFF load: from \`next start\` until /api/readyz answers 200.`);
  for (const row of rows) if (row.matrix) printMatrix(row.clusters, row.matrix);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    for (const child of children) child.kill('SIGTERM');
    process.exit(1);
  },
);
