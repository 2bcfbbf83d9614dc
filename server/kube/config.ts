import 'server-only';

import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

import { KubeConfig } from '@kubernetes/client-node';

/** Where the active KubeConfig came from, in the order they are tried. */
export type KubeConfigSourceKind = 'fleet-deck' | 'kubeconfig-env' | 'in-cluster' | 'home';

export interface KubeConfigSource {
  kind: KubeConfigSourceKind;
  /** File(s) read, or the in-cluster service host. */
  detail: string;
  /** True when `npm start` launched the embedded cluster for us. */
  embedded: boolean;
}

export interface ActiveKubeConfig {
  kc: KubeConfig;
  source: KubeConfigSource;
  /** API server URL of the current context's cluster. */
  server: string;
}

/** Raised when no usable cluster configuration can be found or parsed. */
export class KubeConfigError extends Error {
  override readonly name = 'KubeConfigError';
  constructor(
    readonly code: 'NoClusterConfigured' | 'InvalidKubeconfig',
    message: string,
  ) {
    super(message);
  }
}

const SINGLETON = Symbol.for('fleet-deck.kube.active-config');
type Holder = { [SINGLETON]?: ActiveKubeConfig };

/**
 * Loads a KUBECONFIG-style path list the way kubectl does: the first file that sets a
 * current-context wins, and for clusters, users and contexts the first entry of a name wins
 * (client-node's own `mergeConfig` throws on duplicate names instead).
 */
function loadFiles(kc: KubeConfig, files: string[]): void {
  const [first, ...rest] = files;
  if (!first) throw new KubeConfigError('NoClusterConfigured', 'The kubeconfig path is empty.');
  kc.loadFromFile(first);
  for (const file of rest) {
    const extra = new KubeConfig();
    extra.loadFromFile(file);
    const missing = <T extends { name: string }>(mine: T[], theirs: T[]) => {
      const names = new Set(mine.map((x) => x.name));
      return theirs.filter((x) => !names.has(x.name));
    };
    kc.clusters = [...kc.clusters, ...missing(kc.clusters, extra.clusters)];
    kc.users = [...kc.users, ...missing(kc.users, extra.users)];
    kc.contexts = [...kc.contexts, ...missing(kc.contexts, extra.contexts)];
    if (!kc.currentContext && extra.currentContext) kc.setCurrentContext(extra.currentContext);
  }
}

function splitPaths(value: string): string[] {
  return value.split(delimiter).filter((p) => p.length > 0);
}

/**
 * client-node 1.x refuses `http://` servers unless the cluster entry sets
 * `insecure-skip-tls-verify`, although there is no TLS to verify on plain HTTP. kubectl accepts
 * such kubeconfigs as they are (the embedded cluster serves plain HTTP on 127.0.0.1), so do the same.
 */
function allowPlainHttp(kc: KubeConfig): void {
  kc.clusters = kc.clusters.map((c) => (c.server.startsWith('http:') && !c.skipTLSVerify ? { ...c, skipTLSVerify: true } : c));
}

/**
 * In a pod the service account's token, CA and namespace are read from
 * /var/run/secrets/kubernetes.io/serviceaccount; `FLEET_DECK_SERVICEACCOUNT_DIR` names another
 * directory with the same three files (a projected volume mounted elsewhere, or a test that
 * simulates a pod). The token file is re-read as the kubelet rotates it.
 */
function useServiceAccountDir(kc: KubeConfig, dir: string): void {
  kc.clusters = kc.clusters.map((c) => ({ ...c, caFile: join(dir, 'ca.crt') }));
  kc.users = kc.users.map((u) => (u.authProvider?.name === 'tokenFile' ? { ...u, authProvider: { ...u.authProvider, config: { ...u.authProvider.config, tokenFile: join(dir, 'token') } } } : u));
  const namespaceFile = join(dir, 'namespace');
  if (existsSync(namespaceFile)) {
    const namespace = readFileSync(namespaceFile, 'utf8').trim();
    kc.contexts = kc.contexts.map((c) => ({ ...c, namespace }));
  }
}

/** Builds the configuration from `env` without caching; see {@link getActiveKubeConfig}. */
export function loadKubeConfig(env: Readonly<Record<string, string | undefined>>): ActiveKubeConfig {
  const kc = new KubeConfig();
  let source: KubeConfigSource;

  const fleetDeck = env.FLEET_DECK_KUBECONFIG?.trim();
  const kubeconfig = env.KUBECONFIG?.trim();
  const embedded = env.FLEET_DECK_EMBEDDED === '1';

  try {
    if (fleetDeck) {
      loadFiles(kc, splitPaths(fleetDeck));
      source = { kind: 'fleet-deck', detail: fleetDeck, embedded };
    } else if (kubeconfig) {
      loadFiles(kc, splitPaths(kubeconfig));
      source = { kind: 'kubeconfig-env', detail: kubeconfig, embedded: false };
    } else if (env.KUBERNETES_SERVICE_HOST) {
      // Reads KUBERNETES_SERVICE_HOST/PORT from process.env and the service account files.
      kc.loadFromCluster();
      const accountDir = env.FLEET_DECK_SERVICEACCOUNT_DIR?.trim();
      if (accountDir) useServiceAccountDir(kc, accountDir);
      source = { kind: 'in-cluster', detail: env.KUBERNETES_SERVICE_HOST, embedded: false };
    } else {
      const home = join(homedir(), '.kube', 'config');
      if (!existsSync(home)) {
        throw new KubeConfigError(
          'NoClusterConfigured',
          'No cluster is configured: set KUBECONFIG, pass --kubeconfig to npm start, or run without either to use the embedded cluster.',
        );
      }
      loadFiles(kc, [home]);
      source = { kind: 'home', detail: home, embedded: false };
    }
  } catch (err) {
    if (err instanceof KubeConfigError) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    throw new KubeConfigError('InvalidKubeconfig', `The kubeconfig could not be loaded: ${reason}`);
  }

  allowPlainHttp(kc);
  const server = kc.getCurrentCluster()?.server;
  if (!server) {
    throw new KubeConfigError(
      'InvalidKubeconfig',
      `The kubeconfig (${source.detail}) has no current context with a cluster server URL.`,
    );
  }
  return { kc, source, server };
}

/**
 * The cluster configuration chosen at process start, built once and kept on `globalThis`
 * so dev-mode module reloads share it. A failed load is not cached, so fixing the file
 * and reloading the page is enough.
 */
export function getActiveKubeConfig(): ActiveKubeConfig {
  const holder = globalThis as Holder;
  const cached = holder[SINGLETON];
  if (cached) return cached;
  const active = loadKubeConfig(process.env);
  holder[SINGLETON] = active;
  return active;
}

/** Shorthand for the `KubeConfig` of {@link getActiveKubeConfig}. */
export function getKubeConfig(): KubeConfig {
  return getActiveKubeConfig().kc;
}
