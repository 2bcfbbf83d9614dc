/**
 * `npm run bench:apiserver`: measures the embedded API server as clients see it, over HTTPS with
 * bearer-token auth, against a separate server process on a fresh temporary data directory.
 * It prints figures and never asserts.
 *
 * Options (flag or environment):
 *   --scale <f>        BENCH_SCALE        object counts × f (default 1: 10,000 and 100,000 Clusters)
 *   --concurrency <n>  BENCH_CONCURRENCY  creates in flight (default 32)
 *   --watchers <n>     BENCH_WATCHERS     concurrent watchers for the fan-out test (default 200)
 *   --runs <n>         BENCH_RUNS         samples for latency figures (default 50)
 *   --cpu-prof         BENCH_CPU_PROF=1   run the server with --cpu-prof; profiles go to $TMPDIR/fleet-deck-bench-profiles/
 *   --keep             BENCH_KEEP=1       keep the data directory
 *
 * The client runs on the same machine as the server, so on a 2-core box the two compete for CPU:
 * the figures are an upper bound on what the server alone costs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request, type RequestOptions } from 'node:https';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const REPO_ROOT = path.resolve(import.meta.dirname, '..');

const { values: flags } = parseArgs({
  options: {
    scale: { type: 'string' },
    concurrency: { type: 'string' },
    watchers: { type: 'string' },
    runs: { type: 'string' },
    'cpu-prof': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});
if (flags.help) {
  console.log('usage: npm run bench:apiserver [-- --scale 0.1] [--concurrency 32] [--watchers 200] [--runs 50] [--cpu-prof] [--keep]');
  process.exit(0);
}

const SCALE = Number(flags.scale ?? process.env.BENCH_SCALE ?? '1');
const CONCURRENCY = Number(flags.concurrency ?? process.env.BENCH_CONCURRENCY ?? '32');
const WATCHERS = Number(flags.watchers ?? process.env.BENCH_WATCHERS ?? '200');
const RUNS = Number(flags.runs ?? process.env.BENCH_RUNS ?? '50');
const CPU_PROF = flags['cpu-prof'] || process.env.BENCH_CPU_PROF === '1';
const KEEP = flags.keep || process.env.BENCH_KEEP === '1';
for (const [name, value] of Object.entries({ SCALE, CONCURRENCY, WATCHERS, RUNS })) {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
}

const SMALL = Math.max(1, Math.round(10_000 * SCALE));
const LARGE = Math.max(SMALL, Math.round(100_000 * SCALE));
const PAGE = 500;
const NAMESPACE = 'fleet-default';
const CLUSTERS = `/apis/fleet.cattle.io/v1alpha1/namespaces/${NAMESPACE}/clusters`;

// ---- server process -------------------------------------------------------------------------

interface ServerProcess {
  child: ChildProcess;
  pid: number;
  url: URL;
  spawnedAt: number;
  listeningAt: number;
  exited: Promise<number | null>;
}

let profileRun = 0;
const PROFILE_ROOT = path.join(tmpdir(), 'fleet-deck-bench-profiles');
const running = new Set<ChildProcess>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const child of running) child.kill('SIGTERM');
    process.exit(130);
  });
}

/** Runs the server under plain `node --import tsx` so that the pid is the server's own (for RSS). */
async function startServer(dataDir: string): Promise<ServerProcess> {
  const args = ['--import', 'tsx'];
  if (CPU_PROF) {
    // One directory per server run: the main thread and tsx's loader thread each write a profile.
    const dir = path.join(PROFILE_ROOT, `apiserver-${new Date().toISOString().replace(/[:.]/g, '-')}-run${profileRun++}`);
    mkdirSync(dir, { recursive: true });
    args.push('--cpu-prof', `--cpu-prof-dir=${dir}`);
  }
  args.push('embedded/main.ts', '--port', '0', '--data-dir', dataDir, '--write-kubeconfig', path.join(dataDir, 'kubeconfig'));
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  const url = await new Promise<URL>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (https:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        child.stdout!.off('data', onData);
        resolve(new URL(match[1]!));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => reject(new Error(`server exited with ${code} before it listened:\n${output}`)));
  });
  child.stdout!.resume();
  return { child, pid: child.pid!, url, spawnedAt, listeningAt: performance.now(), exited };
}

async function stopServer(server: ServerProcess): Promise<number> {
  const started = performance.now();
  server.child.kill('SIGTERM');
  await server.exited;
  return performance.now() - started;
}

/** CPU time (user + system) a process has used, in ms, from /proc/<pid>/stat (100 ticks a second). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Resident set size of a process in MiB, from /proc/<pid>/status. */
function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

// ---- HTTP ------------------------------------------------------------------------------------

interface Client {
  base: URL;
  token: string;
  ca: string;
  agent: Agent;
}

function clientFor(server: ServerProcess, dataDir: string, maxSockets: number): Client {
  const kubeconfig = readFileSync(path.join(dataDir, 'kubeconfig'), 'utf8');
  const token = /token: (\S+)/.exec(kubeconfig)![1]!;
  const ca = Buffer.from(/certificate-authority-data: (\S+)/.exec(kubeconfig)![1]!, 'base64').toString('utf8');
  return { base: server.url, token, ca, agent: new Agent({ keepAlive: true, maxSockets, ca }) };
}

function requestOptions(client: Client, method: string, pathname: string, headers: Record<string, string | number> = {}): RequestOptions {
  return {
    method,
    host: client.base.hostname,
    port: client.base.port,
    path: pathname,
    agent: client.agent,
    ca: client.ca,
    headers: { Authorization: `Bearer ${client.token}`, Accept: 'application/json', ...headers },
  };
}

function call(client: Client, method: string, pathname: string, body?: unknown, contentType = 'application/json'): Promise<{ status: number; text: string }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string | number> = payload === undefined ? {} : { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(payload) };
  return new Promise((resolve, reject) => {
    const req = request(requestOptions(client, method, pathname, headers), (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

async function expectOk(client: Client, method: string, pathname: string, body?: unknown, contentType?: string): Promise<string> {
  const { status, text } = await call(client, method, pathname, body, contentType);
  if (status < 200 || status >= 300) throw new Error(`${method} ${pathname} answered ${status}: ${text.slice(0, 500)}`);
  return text;
}

// ---- workloads -------------------------------------------------------------------------------

const REGIONS = ['eu-west', 'eu-central', 'us-east', 'us-west', 'ap-south'];

function clusterObject(index: number) {
  const name = `bench-${String(index).padStart(6, '0')}`;
  return {
    apiVersion: 'fleet.cattle.io/v1alpha1',
    kind: 'Cluster',
    metadata: {
      name,
      namespace: NAMESPACE,
      labels: { env: ['dev', 'staging', 'prod'][index % 3]!, region: REGIONS[index % REGIONS.length]!, 'fleet.cattle.io/bench': 'true' },
      annotations: { 'fleet.cattle.io/description': `benchmark cluster number ${index}` },
    },
    spec: { kubeConfigSecret: `${name}-kubeconfig`, clientID: `client-${index}`, agentNamespace: 'cattle-fleet-system' },
  };
}

interface CreateRun {
  ms: number;
  /** CPU the server and this client spent, in ms. */
  serverCpu: number;
  clientCpu: number;
}

/** Creates Clusters [from, to) with `CONCURRENCY` requests in flight. */
async function createClusters(client: Client, server: ServerProcess, from: number, to: number): Promise<CreateRun> {
  const serverCpuBefore = cpuMs(server.pid);
  const clientCpuBefore = ownCpuMs();
  const started = performance.now();
  let next = from;
  let lastReport = started;
  const worker = async () => {
    while (next < to) {
      const index = next++;
      await expectOk(client, 'POST', CLUSTERS, clusterObject(index));
      if (index % 1000 === 0 && performance.now() - lastReport > 5000) {
        lastReport = performance.now();
        const done = index - from;
        process.stdout.write(`  … ${index} created (${Math.round(done / ((lastReport - started) / 1000))}/s)\n`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { ms: performance.now() - started, serverCpu: cpuMs(server.pid) - serverCpuBefore, clientCpu: ownCpuMs() - clientCpuBefore };
}

/** Where the time of a create went: server CPU and client CPU per object. */
function cpuNote(run: CreateRun, objects: number): string {
  const perObject = (cpu: number) => `${Math.round((cpu * 1000) / objects)} µs`;
  return `server CPU ${perObject(run.serverCpu)}/create (${seconds(run.serverCpu)} in all), client CPU ${perObject(run.clientCpu)}/create`;
}

interface PageTimings {
  first: number[];
  next: number[];
}

/** Times a first `limit=500` page and the continue page after it, `RUNS` times. */
async function pageLatency(client: Client, expectedTotal: number): Promise<PageTimings> {
  const first: number[] = [];
  const next: number[] = [];
  for (let run = -3; run < RUNS; run++) {
    let started = performance.now();
    const page = JSON.parse(await expectOk(client, 'GET', `${CLUSTERS}?limit=${PAGE}`)) as { items: unknown[]; metadata: { continue?: string; remainingItemCount?: number } };
    const firstMs = performance.now() - started;
    if (page.items.length !== Math.min(PAGE, expectedTotal)) throw new Error(`first page held ${page.items.length} items`);
    if (expectedTotal > PAGE && page.metadata.remainingItemCount !== expectedTotal - PAGE) {
      throw new Error(`remainingItemCount ${page.metadata.remainingItemCount}, expected ${expectedTotal - PAGE}`);
    }
    if (run >= 0) first.push(firstMs);
    if (!page.metadata.continue) continue;
    started = performance.now();
    const second = JSON.parse(await expectOk(client, 'GET', `${CLUSTERS}?limit=${PAGE}&continue=${encodeURIComponent(page.metadata.continue)}`)) as { items: unknown[] };
    const nextMs = performance.now() - started;
    if (second.items.length === 0) throw new Error('continue page was empty');
    if (run >= 0) next.push(nextMs);
  }
  return { first, next };
}

interface FanOut {
  fromAck: number[];
  fromSend: number[];
  missed: number;
}

/**
 * Opens `WATCHERS` watches on the Cluster collection (from the current resourceVersion, so no
 * replay), then makes `RUNS` writes one after another, each once every watcher saw the last.
 */
async function watchFanOut(server: ServerProcess, dataDir: string): Promise<FanOut> {
  const client = clientFor(server, dataDir, 4);
  const watchAgent = new Agent({ keepAlive: false, maxSockets: Infinity, ca: client.ca });
  const list = JSON.parse(await expectOk(client, 'GET', `${CLUSTERS}?limit=1`)) as { metadata: { resourceVersion: string } };
  const rv = list.metadata.resourceVersion;

  const received: Map<string, number>[] = [];
  const waiters = new Set<() => void>();
  const requests: ReturnType<typeof request>[] = [];
  let closing = false;
  let broken = 0;

  /** Resolves once the watch's response headers arrived; fails on error or after 15 s. */
  const openWatch = (seen: Map<string, number>) =>
    new Promise<void>((resolve, reject) => {
      const options = { ...requestOptions(client, 'GET', `${CLUSTERS}?watch=true&resourceVersion=${rv}`), agent: watchAgent };
      let opened = false;
      const req = request(options, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`watch answered ${res.statusCode}`));
        opened = true;
        clearTimeout(timer);
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk: string) => {
          const at = performance.now();
          buffer += chunk;
          let newline: number;
          while ((newline = buffer.indexOf('\n')) >= 0) {
            const line = buffer.slice(0, newline);
            buffer = buffer.slice(newline + 1);
            const event = JSON.parse(line) as { object: { metadata?: { labels?: Record<string, string> } } };
            const seq = event.object.metadata?.labels?.['bench-seq'];
            if (seq !== undefined && !seen.has(seq)) seen.set(seq, at);
          }
          for (const wake of waiters) wake();
        });
        res.on('error', () => undefined);
        res.on('close', () => {
          if (!closing) broken++;
        });
        resolve();
      });
      const timer = setTimeout(() => {
        req.destroy();
        reject(new Error('watch headers did not arrive in 15 s'));
      }, 15_000);
      req.on('error', (error) => {
        clearTimeout(timer);
        if (!opened) reject(error);
      });
      req.end();
      requests.push(req);
    });

  // Opened in batches, so that 200 TLS handshakes do not all land on the server at once.
  for (let w = 0; w < WATCHERS; w += 25) {
    await Promise.all(
      Array.from({ length: Math.min(25, WATCHERS - w) }, async () => {
        const seen = new Map<string, number>();
        received.push(seen);
        for (let attempt = 1; ; attempt++) {
          try {
            return await openWatch(seen);
          } catch (error) {
            if (attempt >= 3) throw error;
          }
        }
      }),
    );
  }

  const fromAck: number[] = [];
  const fromSend: number[] = [];
  let missed = 0;
  const target = `${CLUSTERS}/bench-${String(0).padStart(6, '0')}`;
  for (let run = -3; run < RUNS; run++) {
    const seq = String(run + 3);
    const sent = performance.now();
    await expectOk(client, 'PATCH', target, { metadata: { labels: { 'bench-seq': seq } } }, 'application/merge-patch+json');
    const acked = performance.now();
    const allSeen = () => received.every((seen) => seen.has(seq));
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, 10_000);
      function done() {
        clearTimeout(timer);
        waiters.delete(check);
        resolve();
      }
      function check() {
        if (allSeen()) done();
      }
      waiters.add(check);
      check();
    });
    if (process.env.BENCH_DEBUG) console.log(`run ${run}: ${received.filter((seen) => seen.has(seq)).length} saw it after ${ms(performance.now() - acked)}`);
    for (const seen of received) {
      const at = seen.get(seq);
      if (at === undefined) {
        missed++;
        continue;
      }
      if (run < 0) continue;
      fromAck.push(at - acked);
      fromSend.push(at - sent);
    }
  }
  closing = true;
  if (broken > 0) console.log(`  ${broken} watches were closed by the server during the run`);
  for (const req of requests) req.destroy();
  watchAgent.destroy();
  client.agent.destroy();
  return { fromAck, fromSend, missed };
}

/** Waits until the server answers a `limit=500` list; returns the time since it was spawned. */
async function timeToFirstList(server: ServerProcess, dataDir: string): Promise<number> {
  const client = clientFor(server, dataDir, 1);
  for (;;) {
    const { status } = await call(client, 'GET', `${CLUSTERS}?limit=${PAGE}`).catch(() => ({ status: 0 }));
    if (status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const elapsed = performance.now() - server.spawnedAt;
  client.agent.destroy();
  return elapsed;
}

// ---- reporting -------------------------------------------------------------------------------

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const ms = (value: number) => (Math.abs(value) >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`);
const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;
const count = (value: number) => value.toLocaleString('en-US');
const spread = (values: number[]) => `p50 ${ms(percentile(values, 50))} · p95 ${ms(percentile(values, 95))}`;
const aim = (ok: boolean) => (ok ? '✓' : '✗ misses aim');

const rows: [string, string, string][] = [];
function report(measure: string, figure: string, note = ''): void {
  rows.push([measure, figure, note]);
  console.log(`  ${measure}: ${figure}${note ? `  (${note})` : ''}`);
}

// ---- main ------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fleet-deck-bench-'));
  const startLoad = loadavg()[0]!.toFixed(2);
  console.log(`Fleet Deck embedded API server benchmark — ${count(SMALL)} and ${count(LARGE)} Clusters, ${CONCURRENCY} creates in flight, ${WATCHERS} watchers, ${RUNS} runs`);
  console.log(`node ${process.version}, ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} at start, data in ${dataDir}${CPU_PROF ? `, CPU profiles in ${PROFILE_ROOT}` : ''}\n`);
  let server: ServerProcess | undefined;
  try {
    // Cold start on an empty data directory (includes making the CA), then a warm restart:
    // the floor every later restart figure stands on (node + tsx + opening the store).
    server = await startServer(dataDir);
    await timeToFirstList(server, dataDir);
    await stopServer(server);
    server = await startServer(dataDir);
    const emptyRestart = await timeToFirstList(server, dataDir);
    report('Restart, empty store (floor)', ms(emptyRestart), 'spawn → first list served');

    const client = clientFor(server, dataDir, CONCURRENCY);
    console.log(`Creating ${count(SMALL)} Clusters…`);
    const small = await createClusters(client, server, 0, SMALL);
    const smallMs = small.ms;
    report(`Create ${count(SMALL)} Clusters`, `${seconds(smallMs)} · ${count(Math.round(SMALL / (smallMs / 1000)))}/s`, cpuNote(small, SMALL));
    report(`Server RSS at ${count(SMALL)}`, `${Math.round(rssMiB(server.pid))} MiB`);
    const smallPages = await pageLatency(client, SMALL);
    report(`List first page (limit=${PAGE}) of ${count(SMALL)}`, spread(smallPages.first));
    report(`List continue page of ${count(SMALL)}`, spread(smallPages.next));

    if (LARGE > SMALL) {
      console.log(`Creating ${count(LARGE - SMALL)} more Clusters…`);
      const more = await createClusters(client, server, SMALL, LARGE);
      const largeMs = smallMs + more.ms;
      const total: CreateRun = { ms: largeMs, serverCpu: small.serverCpu + more.serverCpu, clientCpu: small.clientCpu + more.clientCpu };
      report(
        `Create ${count(LARGE)} Clusters`,
        `${seconds(largeMs)} · ${count(Math.round(LARGE / (largeMs / 1000)))}/s`,
        `${SCALE === 1 ? `aim < 60 s ${aim(largeMs < 60_000)}; ` : ''}${cpuNote(total, LARGE)}`,
      );
      report(`Server RSS at ${count(LARGE)}`, `${Math.round(rssMiB(server.pid))} MiB`);
    }
    const largePages = await pageLatency(client, LARGE);
    const largeP95 = Math.max(percentile(largePages.first, 95), percentile(largePages.next, 95));
    report(`List first page (limit=${PAGE}) of ${count(LARGE)}`, spread(largePages.first), SCALE === 1 ? `aim < 50 ms ${aim(largeP95 < 50)}` : '');
    report(`List continue page of ${count(LARGE)}`, spread(largePages.next));
    client.agent.destroy();

    console.log(`Opening ${WATCHERS} watches…`);
    const fan = await watchFanOut(server, dataDir);
    report(
      `Watch fan-out, ${WATCHERS} watchers (write ack → event)`,
      `${spread(fan.fromAck)} · max ${ms(Math.max(...fan.fromAck))}`,
      fan.missed ? `${fan.missed} deliveries missed` : `${fan.fromAck.length} deliveries`,
    );
    report(`Watch fan-out, ${WATCHERS} watchers (write sent → event)`, `${spread(fan.fromSend)} · max ${ms(Math.max(...fan.fromSend))}`);

    console.log(`Restarting with ${count(LARGE)} Clusters…`);
    const stopMs = await stopServer(server);
    server = undefined;
    server = await startServer(dataDir);
    const listening = server.listeningAt - server.spawnedAt;
    const restart = await timeToFirstList(server, dataDir);
    report(`Restart with ${count(LARGE)} Clusters`, ms(restart), `${SCALE === 1 ? `aim < 5 s ${aim(restart < 5000)}; ` : ''}listening after ${ms(listening)}, SIGTERM stop took ${ms(stopMs)}`);
    report(`Server RSS after restart at ${count(LARGE)}`, `${Math.round(rssMiB(server.pid))} MiB`);
  } finally {
    if (server) await stopServer(server);
    if (KEEP) console.log(`data kept in ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }

  const width = [0, 1, 2].map((i) => Math.max(...[['Measure', 'Figure', 'Note'], ...rows].map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(width[i]!)).join(' | ')} |`;
  console.log(
    `\nEmbedded API server, ${count(LARGE)} Clusters, node ${process.version}, ${cpus().length} CPUs, BENCH_SCALE=${SCALE}, ` +
      `load average ${startLoad} at start and ${loadavg()[0]!.toFixed(2)} at end:\n`,
  );
  console.log(line(['Measure', 'Figure', 'Note']));
  console.log(`|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
