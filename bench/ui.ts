/**
 * `npm run bench:ui`: with 100,000 clusters in fleet-default, how long Debian's headless Chromium
 * takes from navigating to the Clusters page until its first rows are on screen, next to what a
 * load-everything UI must at least spend: downloading and parsing the full cluster list from the
 * Kubernetes API. Prints figures and never asserts.
 *
 * Options (flag or environment): --scale <f> / BENCH_SCALE (default 1 = 100,000 clusters),
 * --runs <n> / BENCH_RUNS (default 5). Needs a production build (`npx next build`).
 */
import { request } from 'node:https';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { chromium } from '@playwright/test';

import { startEmbeddedCluster, type EmbeddedCluster } from '../embedded/cluster';

import { children, ms, percentile, seed, startApp, treeRssMiB, waitReady, WORKSPACE } from './harness';

const ROOT = path.resolve(import.meta.dirname, '..');
const CHROMIUM = '/usr/bin/chromium';

const { values: flags } = parseArgs({
  options: { scale: { type: 'string' }, runs: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
  strict: true,
});
if (flags.help) {
  console.log('usage: npm run bench:ui [-- --scale 0.1] [--runs 5]');
  process.exit(0);
}
const COUNT = Math.max(1, Math.round(100_000 * Number(flags.scale ?? process.env.BENCH_SCALE ?? '1')));
const RUNS = Math.max(1, Number(flags.runs ?? process.env.BENCH_RUNS ?? '5'));

/** GET the whole cluster list from the API server and parse it, as a load-everything UI would. */
function downloadAll(cluster: EmbeddedCluster): Promise<{ ms: number; bytes: number; items: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      `${cluster.url}/apis/fleet.cattle.io/v1alpha1/namespaces/${WORKSPACE}/clusters`,
      { ca: cluster.caPem, headers: { Authorization: `Bearer ${cluster.token}`, Accept: 'application/json' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const items = (JSON.parse(text) as { items: unknown[] }).items.length;
          resolve({ ms: performance.now() - started, bytes: text.length, items });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function main(): Promise<void> {
  if (!existsSync(path.join(ROOT, process.env.FLEET_DECK_DIST_DIR || '.next', 'BUILD_ID'))) {
    throw new Error('no production build: run `npx next build` first');
  }
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: sudo apt-get install -y chromium`);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fleet-deck-bench-ui-'));
  const kubeconfig = path.join(dataDir, 'kubeconfig');
  const cluster = await startEmbeddedCluster({ port: 0, dataDir, kubeconfigPath: kubeconfig });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const app = await (async () => {
    console.log(`Seeding ${COUNT.toLocaleString('en')} clusters in ${WORKSPACE} …`);
    await seed(cluster, COUNT);
    const started = startApp(kubeconfig);
    const running = await started;
    await waitReady(running, 600_000);
    return running;
  })();
  try {
    const page = await browser.newPage();
    const url = `${app.baseURL}/w/${WORKSPACE}/clusters`;
    // One warm-up visit: route compilation and first-use caches are not what a user waits for daily.
    await page.goto(url);
    await page.locator('table tbody tr').first().waitFor({ timeout: 60_000 });

    const firstRows: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext();
      const fresh = await context.newPage();
      const started = performance.now();
      await fresh.goto(url, { waitUntil: 'commit' });
      await fresh.locator('table tbody tr').first().waitFor({ timeout: 60_000 });
      firstRows.push(performance.now() - started);
      await context.close();
    }
    const downloads: number[] = [];
    let size = { bytes: 0, items: 0 };
    for (let i = 0; i < RUNS; i++) {
      const result = await downloadAll(cluster);
      downloads.push(result.ms);
      size = result;
    }
    const firstRowsP50 = percentile(firstRows, 50);
    const downloadP50 = percentile(downloads, 50);
    console.log(`\n| Clusters | First rows of the Clusters page (p50 / max) | Download + parse of the full list (p50) | Ratio | BFF RSS |`);
    console.log('|---:|---:|---:|---:|---:|');
    console.log(
      `| ${COUNT.toLocaleString('en')} | ${ms(firstRowsP50)} / ${ms(Math.max(...firstRows))} ms | ${ms(downloadP50)} ms (${(size.bytes / 1024 / 1024).toFixed(1)} MiB, ${size.items.toLocaleString('en')} items) | ${(downloadP50 / firstRowsP50).toFixed(1)}× | ${treeRssMiB(app.child.pid!).toFixed(0)} MiB |`,
    );
    console.log('\nThe download is measured in Node from the API server itself: a browser would also have to render what it fetched.');
  } finally {
    await browser.close();
    await app.stop();
    await cluster.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    for (const child of children) child.kill('SIGTERM');
    process.exit(1);
  },
);
