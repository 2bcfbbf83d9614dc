import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadTokenFile } from './apiserver/auth/token-file';
import { ApiServer } from './apiserver/http-server';
import { ObjectStore } from './apiserver/object-store';
import { startClusterRoleAggregation } from './apiserver/rbac/aggregation';
import { bootstrapRbac } from './apiserver/rbac/bootstrap';
import { Registry } from './apiserver/registry';
import { bootstrap } from './bootstrap';
import { startControllers, type RunningControllers } from './controllers';
import { seedSimulatedClusters } from './controllers/simulate';
import { seedDemo } from './demo/seed';
import { loadOrCreateServingCertificate } from './tls';

export interface EmbeddedClusterOptions {
  /** 0 reuses the port of the previous run when it is free, else takes any free port. */
  port: number;
  dataDir: string;
  kubeconfigPath?: string;
  bookmarkIntervalMs?: number;
  watchHistorySize?: number;
  /** Run Fleet's controllers and the simulated agents (the CLI does; API-only tests don't). */
  controllers?: boolean;
  /** Seed the first-start demo (needs controllers). */
  demo?: boolean;
  /** Create this many simulated clusters in fleet-default (idempotent). */
  simulateClusters?: number;
  /**
   * kube-apiserver's static token file (`token,user,uid,"group1,group2"`): more users besides the
   * kubeconfig's administrator. What they may do is decided by RBAC objects in the cluster.
   */
  tokenAuthFile?: string;
  log?: (line: string) => void;
}

export interface EmbeddedCluster {
  url: string;
  port: number;
  token: string;
  caPem: string;
  registry: Registry;
  store: ObjectStore;
  apiServer: ApiServer;
  controllers?: RunningControllers;
  stop(): Promise<void>;
}

/** Starts the embedded management cluster: storage, API server and first-start objects. */
export async function startEmbeddedCluster(options: EmbeddedClusterOptions): Promise<EmbeddedCluster> {
  // Read before anything is opened: a malformed token file is a start-up error, not a half-started server.
  const users = options.tokenAuthFile ? loadTokenFile(options.tokenAuthFile) : undefined;
  const store = new ObjectStore({ dataDir: options.dataDir, watchHistorySize: options.watchHistorySize });
  try {
    const token = store.getMeta('token') ?? createToken(store);
    const registry = new Registry(store);
    bootstrap(registry);
    bootstrapRbac(registry);
    const stopAggregation = startClusterRoleAggregation(registry);
    const certificate = loadOrCreateServingCertificate(options.dataDir);
    const apiServer = new ApiServer({ registry, token, users, tls: certificate, bookmarkIntervalMs: options.bookmarkIntervalMs });
    const port = await listenOnPreferredPort(apiServer, options.port, store.getMeta('port'));
    store.setMeta('port', String(port));
    const url = `https://127.0.0.1:${port}`;
    if (options.kubeconfigPath) writeKubeconfig(options.kubeconfigPath, url, token, certificate.caPem);
    const controllers = options.controllers ? startControllers(registry, {
          dataDir: options.dataDir,
          log: options.log,
          registration: { apiServerURL: url, apiServerCA: certificate.caPem },
        }) : undefined;
    if (controllers) {
      apiServer.addPublicRoute('/webhooks/git', controllers.webhook);
      if (options.simulateClusters) await seedSimulatedClusters(controllers.client, { namespace: 'fleet-default', count: options.simulateClusters });
      if (options.demo) await seedDemo(controllers.client, { dataDir: options.dataDir, log: options.log });
    }
    let stopped = false;
    return {
      url,
      port,
      token,
      caPem: certificate.caPem,
      registry,
      store,
      apiServer,
      controllers,
      async stop() {
        if (stopped) return;
        stopped = true;
        controllers?.stop();
        stopAggregation();
        await apiServer.close();
        store.close();
      },
    };
  } catch (error) {
    store.close();
    throw error;
  }
}

function createToken(store: ObjectStore): string {
  const token = randomBytes(32).toString('base64url');
  store.setMeta('token', token);
  return token;
}

async function listenOnPreferredPort(apiServer: ApiServer, requested: number, previous: string | undefined): Promise<number> {
  if (requested !== 0 || !previous) return apiServer.listen(requested);
  try {
    return await apiServer.listen(Number(previous));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return apiServer.listen(0);
  }
}

/** Written atomically and readable by the owner only: it holds the administrator's token. */
export function writeKubeconfig(file: string, url: string, token: string, caPem: string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const text = [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: fleet-deck-embedded',
    '  cluster:',
    `    server: ${url}`,
    `    certificate-authority-data: ${Buffer.from(caPem).toString('base64')}`,
    'users:',
    '- name: fleet-deck-admin',
    '  user:',
    `    token: ${token}`,
    'contexts:',
    '- name: fleet-deck-embedded',
    '  context:',
    '    cluster: fleet-deck-embedded',
    '    user: fleet-deck-admin',
    'current-context: fleet-deck-embedded',
    '',
  ].join('\n');
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600 });
  renameSync(temporary, file);
}
