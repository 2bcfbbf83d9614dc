/**
 * `npm start`: run Fleet Deck.
 *
 * With no cluster configured (no FLEET_DECK_KUBECONFIG, KUBECONFIG, --kubeconfig or in-cluster
 * service account), it starts the embedded cluster first and points the app at it. Then it
 * builds the app if needed and runs `next start`. Ctrl-C stops everything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'node_modules', '.bin');
const CLUSTER_READY_TIMEOUT_MS = Number(process.env.FLEET_DECK_CLUSTER_TIMEOUT_MS ?? 120_000);
const STOP_GRACE_MS = 10_000;

const log = (msg: string) => console.log(`[fleet-deck] ${msg}`);
const fail = (msg: string): never => {
  console.error(`[fleet-deck] error: ${msg}`);
  process.exit(1);
};

// ---------------------------------------------------------------------------------------------
// Arguments

function parseCli() {
  try {
    const { values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        kubeconfig: { type: 'string' },
        'no-demo': { type: 'boolean', default: false },
        'simulate-clusters': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
    return values;
  } catch (err) {
    return fail(`${err instanceof Error ? err.message : String(err)} (try --help)`);
  }
}

const args = parseCli();
if (args.help) {
  console.log(`Usage: npm start [-- --kubeconfig <file>] [-- --no-demo] [-- --simulate-clusters <n>]

Starts Fleet Deck on http://$HOST:$PORT (default 127.0.0.1:3000).
Without a kubeconfig (flag, FLEET_DECK_KUBECONFIG, KUBECONFIG) or in-cluster service account,
an embedded Kubernetes-compatible cluster is started and used; on its first start it seeds
a demo (about 50 simulated clusters and a few Git repos) unless --no-demo is given.

Environment:
  PORT, HOST                 where the dashboard listens
  FLEET_DECK_DATA_DIR        embedded cluster data (default .fleet-deck/data)
  FLEET_DECK_CLUSTER_PORT    embedded cluster port (default 0 = any free port)
  FLEET_DECK_REBUILD=1       run "next build" even if a build exists
  FLEET_DECK_DEMO=0          same as --no-demo
  FLEET_DECK_CONTROLLERS=0   the embedded cluster serves the API only (no Fleet controllers)
  FLEET_DECK_TOKEN_AUTH_FILE the embedded cluster's extra users, a kube-apiserver static token file
                             (token,user,uid,"group1,group2"); passed as --token-auth-file`);
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------
// Child processes

const children = new Set<ChildProcess>();
let stopping = false;

function stopAll(exitCode: number, reason?: string): void {
  if (stopping) return;
  stopping = true;
  if (reason) console.error(`[fleet-deck] ${reason}`);
  const alive = [...children].filter((c) => c.exitCode === null && c.signalCode === null);
  if (alive.length === 0) process.exit(exitCode);
  for (const child of alive) child.kill('SIGTERM');
  const force = setTimeout(() => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }, STOP_GRACE_MS);
  force.unref();
  let pending = alive.length;
  for (const child of alive) {
    child.once('exit', () => {
      pending -= 1;
      if (pending === 0) process.exit(exitCode);
    });
  }
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (!stopping) log(`received ${signal}, stopping`);
    stopAll(0);
  });
}

function track(child: ChildProcess, name: string): ChildProcess {
  children.add(child);
  child.once('error', (err) => stopAll(1, `${name} could not be started: ${err.message}`));
  return child;
}

/** Runs a command to completion (used for `next build`). */
function run(cmd: string, argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolvePromise) => {
    const child = track(spawn(cmd, argv, { cwd: ROOT, env, stdio: 'inherit' }), argv.join(' '));
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolvePromise(code ?? (signal ? 1 : 0));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Embedded cluster

interface ClusterChoice {
  kubeconfig?: string;
  embedded: boolean;
}

function chooseCluster(): ClusterChoice {
  if (args.kubeconfig) {
    const file = resolve(process.cwd(), args.kubeconfig);
    if (!existsSync(file)) fail(`--kubeconfig ${args.kubeconfig}: no such file`);
    return { kubeconfig: file, embedded: false };
  }
  if (process.env.FLEET_DECK_KUBECONFIG) return { kubeconfig: process.env.FLEET_DECK_KUBECONFIG, embedded: false };
  // KUBECONFIG and in-cluster credentials are read by the app itself.
  if (process.env.KUBECONFIG || process.env.KUBERNETES_SERVICE_HOST) return { embedded: false };
  return { embedded: true };
}

/** Flags passed through to the embedded cluster: the demo on first start, extra simulated clusters, extra users. */
function clusterFlags(): string[] {
  const flags: string[] = [];
  const controllers = process.env.FLEET_DECK_CONTROLLERS !== '0';
  if (!controllers) flags.push('--no-controllers');
  if (controllers && !args['no-demo'] && process.env.FLEET_DECK_DEMO !== '0') flags.push('--demo');
  if (args['simulate-clusters']) flags.push('--simulate-clusters', args['simulate-clusters']);
  const tokenFile = process.env.FLEET_DECK_TOKEN_AUTH_FILE;
  if (tokenFile) flags.push('--token-auth-file', resolve(process.cwd(), tokenFile));
  return flags;
}

async function startEmbeddedCluster(): Promise<string> {
  const entry = join(ROOT, 'embedded', 'main.ts');
  if (!existsSync(entry)) {
    fail('the embedded cluster is missing (embedded/main.ts); set KUBECONFIG or pass --kubeconfig <file>');
  }
  const dataDir = resolve(ROOT, process.env.FLEET_DECK_DATA_DIR || join('.fleet-deck', 'data'));
  const kubeconfig = resolve(dataDir, '..', 'kubeconfig');
  const port = process.env.FLEET_DECK_CLUSTER_PORT || '0';
  mkdirSync(dataDir, { recursive: true });
  // Never hand the app a kubeconfig left over from an earlier run.
  rmSync(kubeconfig, { force: true });

  log(`starting the embedded cluster (data in ${dataDir})`);
  const child = track(
    spawn(join(BIN, 'tsx'), [entry, '--port', port, '--data-dir', dataDir, '--write-kubeconfig', kubeconfig, ...clusterFlags()], {
      cwd: ROOT,
      env: process.env,
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
    'the embedded cluster',
  );

  return new Promise<string>((resolvePromise) => {
    let ready = false;
    const timer = setTimeout(() => {
      stopAll(1, `error: the embedded cluster did not report "listening on" within ${CLUSTER_READY_TIMEOUT_MS / 1000} s`);
    }, CLUSTER_READY_TIMEOUT_MS);

    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      console.log(`[cluster] ${line}`);
      const match = /listening on (https?:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (!ready && match) {
        ready = true;
        clearTimeout(timer);
        if (!existsSync(kubeconfig)) {
          stopAll(1, `error: the embedded cluster is listening but wrote no kubeconfig at ${kubeconfig}`);
          return;
        }
        log(`embedded cluster ready at ${match[1]}`);
        resolvePromise(kubeconfig);
      }
    });

    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      if (!ready) stopAll(1, `error: the embedded cluster ${how} before it was ready (see its output above)`);
      else stopAll(1, `error: the embedded cluster ${how}; stopping Fleet Deck`);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Next.js

async function waitForHttp(url: string, child: ChildProcess): Promise<boolean> {
  while (!stopping && child.exitCode === null) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function main(): Promise<void> {
  const host = process.env.HOST || '127.0.0.1';
  const port = process.env.PORT || '3000';
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

  const choice = chooseCluster();
  if (choice.embedded) {
    env.FLEET_DECK_KUBECONFIG = await startEmbeddedCluster();
    env.FLEET_DECK_EMBEDDED = '1';
  } else if (choice.kubeconfig) {
    env.FLEET_DECK_KUBECONFIG = choice.kubeconfig;
    delete env.FLEET_DECK_EMBEDDED;
    log(`using kubeconfig ${choice.kubeconfig}`);
  } else {
    delete env.FLEET_DECK_EMBEDDED;
    log(process.env.KUBECONFIG ? `using KUBECONFIG=${process.env.KUBECONFIG}` : 'using the in-cluster service account');
  }
  if (stopping) return;

  if (process.env.FLEET_DECK_REBUILD === '1' || !existsSync(join(ROOT, process.env.FLEET_DECK_DIST_DIR || '.next', 'BUILD_ID'))) {
    log('building the app (next build); this takes a minute the first time');
    const code = await run(join(BIN, 'next'), ['build'], env);
    if (stopping) return;
    if (code !== 0) stopAll(1, `error: next build failed with code ${code}`);
    if (stopping) return;
  }

  const next = track(
    spawn(join(BIN, 'next'), ['start', '--port', port, '--hostname', host], { cwd: ROOT, env, stdio: 'inherit' }),
    'next start',
  );
  next.once('exit', (code, signal) => {
    stopAll(1, `error: next start ${signal ? `was killed by ${signal}` : `exited with code ${code}`}`);
  });

  const wildcard = host === '0.0.0.0' || host === '::' || host === '[::]';
  const reachableHost = wildcard ? '127.0.0.1' : host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const url = `http://${reachableHost}:${port}`;
  if (await waitForHttp(`${url}/api/healthz`, next)) {
    log(`Fleet Deck is running at ${wildcard ? `http://localhost:${port}` : url}  (Ctrl-C to stop)`);
  }
}

main().catch((err: unknown) => stopAll(1, `error: ${err instanceof Error ? err.message : String(err)}`));
