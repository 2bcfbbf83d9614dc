import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { freePortSync } from './ports';

const ROOT = resolve(import.meta.dirname, '..', '..');

export interface AppServer {
  baseURL: string;
  stop(): Promise<void>;
}

async function waitUntilUp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited early with code ${child.exitCode}`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1_000) })).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up within ${timeoutMs} ms`);
}

/**
 * A second `next start` of the existing build whose kubeconfig points at a port where nothing
 * listens, to see how Fleet Deck behaves when the management cluster is down.
 */
export async function startAppWithUnreachableCluster(): Promise<AppServer> {
  const dir = mkdtempSync(join(tmpdir(), 'fleet-deck-e2e-down-'));
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '- name: gone',
      `  cluster: {server: "http://127.0.0.1:${freePortSync()}", insecure-skip-tls-verify: true}`,
      'users:',
      '- name: nobody',
      '  user: {token: not-a-real-token}',
      'contexts:',
      '- name: gone',
      '  context: {cluster: gone, user: nobody}',
      'current-context: gone',
      '',
    ].join('\n'),
  );

  const port = freePortSync();
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'next'), ['start', '--port', String(port), '--hostname', '127.0.0.1'], {
    cwd: ROOT,
    env: { ...process.env, FLEET_DECK_KUBECONFIG: kubeconfig, KUBECONFIG: '', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: 'ignore',
  });
  const baseURL = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(`${baseURL}/api/healthz`, child, 30_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { baseURL, stop };
}
