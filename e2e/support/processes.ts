import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** No process a test starts outlives this, even if the test runner is killed. */
const MAX_LIFETIME_S = 600;
const STOP_GRACE_MS = 10_000;

export interface RunningProcess {
  child: ChildProcess;
  /** Everything the process printed, for failure messages. */
  output(): string;
  /** SIGTERM, then SIGKILL after a grace period; resolves when it has exited. */
  stop(): Promise<void>;
}

/**
 * Starts `command` under coreutils `timeout`, which forwards SIGTERM to it and kills it after
 * {@link MAX_LIFETIME_S} whatever happens to us.
 */
function startProcess(command: string, args: string[], env: Record<string, string>): RunningProcess {
  const child = spawn('timeout', ['--kill-after=5', String(MAX_LIFETIME_S), command, ...args], {
    cwd: ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolveExit) => {
    if (child.exitCode !== null || child.signalCode !== null) resolveExit();
    else child.once('exit', () => resolveExit());
  });
  return {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(force);
    },
  };
}

async function waitFor(what: string, process: RunningProcess, timeoutMs: number, check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (process.child.exitCode !== null) throw new Error(`${what} exited early with code ${process.child.exitCode}:\n${process.output()}`);
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  await process.stop();
  throw new Error(`${what} was not up within ${timeoutMs} ms:\n${process.output()}`);
}

export interface ClusterProcess extends RunningProcess {
  port: number;
}

/** `node --import tsx embedded/main.ts` on a given port and data directory; `args` are further flags (e.g. `--token-auth-file`). */
export async function startClusterProcess(options: { port: number; dataDir: string; kubeconfig: string; args?: string[] }): Promise<ClusterProcess> {
  const running = startProcess(process.execPath, ['--import', 'tsx', 'embedded/main.ts', '--port', String(options.port), '--data-dir', options.dataDir, '--write-kubeconfig', options.kubeconfig, ...(options.args ?? [])], {});
  await waitFor('the embedded cluster', running, 60_000, () => /listening on https?:\/\/127\.0\.0\.1:\d+/.test(running.output()));
  return { ...running, port: options.port };
}

export interface AppProcess extends RunningProcess {
  baseURL: string;
}

/** `next start` of the existing build against a kubeconfig; `env` adds to or overrides its environment. */
export async function startAppProcess(options: { port: number; kubeconfig: string; env?: Record<string, string> }): Promise<AppProcess> {
  const running = startProcess(join(ROOT, 'node_modules', '.bin', 'next'), ['start', '-p', String(options.port), '-H', '127.0.0.1'], {
    FLEET_DECK_KUBECONFIG: options.kubeconfig,
    KUBECONFIG: '',
    KUBERNETES_SERVICE_HOST: '',
    ...options.env,
  });
  const baseURL = `http://127.0.0.1:${options.port}`;
  await waitFor('next start', running, 60_000, async () => (await fetch(`${baseURL}/api/healthz`, { signal: AbortSignal.timeout(1_000) })).ok);
  return { ...running, baseURL };
}
