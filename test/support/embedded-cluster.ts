import { KubeConfig } from '@kubernetes/client-node';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedCluster, type EmbeddedCluster, type EmbeddedClusterOptions } from '../../embedded/cluster';
import { applyRbacFixtures, writeTokenFile } from './rbac-fixtures';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

export function temporaryDirectory(prefix = 'fleet-deck-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export function kubeConfigFor(kubeconfigPath: string): KubeConfig {
  const config = new KubeConfig();
  config.loadFromFile(kubeconfigPath);
  return config;
}

export interface InProcessCluster extends EmbeddedCluster {
  dataDir: string;
  kubeconfigPath: string;
  kubeConfig: KubeConfig;
  /** Stops the server and deletes its data directory. */
  dispose(): Promise<void>;
}

/** Starts the embedded cluster inside the test process, on a free port with fresh data. */
export async function startTestCluster(options: Partial<EmbeddedClusterOptions> = {}): Promise<InProcessCluster> {
  const dataDir = options.dataDir ?? temporaryDirectory();
  const kubeconfigPath = path.join(dataDir, 'kubeconfig');
  const cluster = await startEmbeddedCluster({ port: 0, ...options, dataDir, kubeconfigPath });
  return {
    ...cluster,
    dataDir,
    kubeconfigPath,
    kubeConfig: kubeConfigFor(kubeconfigPath),
    async dispose() {
      await cluster.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts the embedded cluster in token-auth mode with the three users of `rbac-fixtures.ts`
 * (admin, reader, editor), their RBAC objects and the `team-a` workspace already in place.
 * `tokenAuthFile` names the token file, for passing to other processes.
 */
export async function startTestClusterWithUsers(options: Partial<EmbeddedClusterOptions> = {}): Promise<InProcessCluster & { tokenAuthFile: string }> {
  const dataDir = options.dataDir ?? temporaryDirectory();
  const tokenAuthFile = writeTokenFile(dataDir);
  const cluster = await startTestCluster({ ...options, dataDir, tokenAuthFile });
  try {
    await applyRbacFixtures(cluster.kubeconfigPath);
  } catch (error) {
    await cluster.dispose();
    throw error;
  }
  return { ...cluster, tokenAuthFile };
}

/** Flags for {@link spawnClusterProcess} that turn on the fixture users: `['--token-auth-file', file]`. */
export function tokenAuthArgs(tokenAuthFile: string): string[] {
  return ['--token-auth-file', tokenAuthFile];
}

export interface ClusterProcess {
  child: ChildProcess;
  url: string;
  kubeconfigPath: string;
  output: () => string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

/**
 * Starts the embedded cluster (`embedded/main.ts`, what `npm run cluster` runs) as its own process.
 * Node loads tsx in-process rather than through the `tsx` CLI, which would run the server in a
 * grandchild: signals sent to `child` (SIGKILL above all) must reach the server itself.
 */
/**
 * Starts `npm run cluster` as its own process, the way users and `npm start` run it. Fleet's
 * controllers are off unless `extraArgs` asks otherwise, so API tests see only their own writes.
 */
export async function spawnClusterProcess(dataDir: string, port = 0, timeoutMs = 30_000, extraArgs: string[] = ['--no-controllers']): Promise<ClusterProcess> {
  const kubeconfigPath = path.join(dataDir, 'kubeconfig');
  const args = ['--import', 'tsx', 'embedded/main.ts', '--port', String(port), '--data-dir', dataDir, '--write-kubeconfig', kubeconfigPath, ...extraArgs];
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`cluster did not start in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const check = () => {
      const match = /listening on (https:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`cluster exited with ${code} before it was ready:\n${output}`));
    });
  });
  return { child, url, kubeconfigPath, output: () => output, exited };
}

export function readToken(kubeconfigPath: string): string {
  const match = /token: (\S+)/.exec(readFileSync(kubeconfigPath, 'utf8'));
  if (!match) throw new Error(`no token in ${kubeconfigPath}`);
  return match[1]!;
}
