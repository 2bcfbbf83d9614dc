import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ApiServer } from './apiserver/http-server';
import { ObjectStore } from './apiserver/object-store';
import { Registry } from './apiserver/registry';
import { bootstrap } from './bootstrap';
import { loadOrCreateServingCertificate } from './tls';

export interface EmbeddedClusterOptions {
  /** 0 reuses the port of the previous run when it is free, else takes any free port. */
  port: number;
  dataDir: string;
  kubeconfigPath?: string;
  bookmarkIntervalMs?: number;
  watchHistorySize?: number;
}

export interface EmbeddedCluster {
  url: string;
  port: number;
  token: string;
  caPem: string;
  registry: Registry;
  store: ObjectStore;
  apiServer: ApiServer;
  stop(): Promise<void>;
}

/** Starts the embedded management cluster: storage, API server and first-start objects. */
export async function startEmbeddedCluster(options: EmbeddedClusterOptions): Promise<EmbeddedCluster> {
  const store = new ObjectStore({ dataDir: options.dataDir, watchHistorySize: options.watchHistorySize });
  try {
    const token = store.getMeta('token') ?? createToken(store);
    const registry = new Registry(store);
    bootstrap(registry);
    const certificate = loadOrCreateServingCertificate(options.dataDir);
    const apiServer = new ApiServer({ registry, token, tls: certificate, bookmarkIntervalMs: options.bookmarkIntervalMs });
    const port = await listenOnPreferredPort(apiServer, options.port, store.getMeta('port'));
    store.setMeta('port', String(port));
    const url = `https://127.0.0.1:${port}`;
    if (options.kubeconfigPath) writeKubeconfig(options.kubeconfigPath, url, token, certificate.caPem);
    let stopped = false;
    return {
      url,
      port,
      token,
      caPem: certificate.caPem,
      registry,
      store,
      apiServer,
      async stop() {
        if (stopped) return;
        stopped = true;
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
