import {
  ApiException,
  CoreV1Api,
  CustomObjectsApi,
  PatchStrategy,
  Watch,
  setHeaderOptions,
  type KubeConfig,
} from '@kubernetes/client-node';
import { request as httpsRequest } from 'node:https';
import { expect } from 'vitest';
import { FLEET_RESOURCES, type FleetResource } from '../../lib/fleet/resources';

/** What a test needs to talk to a running cluster. */
export interface ClusterAccess {
  url: string;
  token: string;
  caPem: string;
  kubeConfig: KubeConfig;
}

export interface Clients {
  custom: CustomObjectsApi;
  core: CoreV1Api;
}

export function clientsFor(kubeConfig: KubeConfig): Clients {
  return { custom: kubeConfig.makeApiClient(CustomObjectsApi), core: kubeConfig.makeApiClient(CoreV1Api) };
}

export const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
export const jsonPatch = setHeaderOptions('Content-Type', PatchStrategy.JsonPatch);
export const strategicMergePatch = setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch);

export interface Status {
  kind: string;
  apiVersion: string;
  status: string;
  message: string;
  reason: string;
  code: number;
  details?: { name?: string; group?: string; kind?: string; causes?: { reason: string; message: string; field: string }[] };
}

/** Awaits a call that must fail, and returns the `v1 Status` the server answered with. */
export async function expectStatus(call: Promise<unknown>, code: number, reason?: string): Promise<Status> {
  let failure: unknown;
  try {
    await call;
  } catch (error) {
    failure = error;
  }
  expect(failure, `expected the call to fail with ${code}`).toBeInstanceOf(ApiException);
  const exception = failure as ApiException<unknown>;
  expect(exception.code).toBe(code);
  const body = typeof exception.body === 'string' ? (JSON.parse(exception.body) as Status) : (exception.body as Status);
  if (code === 401 && body === undefined) return { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: '', reason: 'Unauthorized', code };
  expect(body.kind).toBe('Status');
  expect(body.status).toBe('Failure');
  expect(body.code).toBe(code);
  if (reason) expect(body.reason).toBe(reason);
  return body;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any;
}

export interface RawRequestOptions {
  method?: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
  /** `null` sends no Authorization header; a string replaces the cluster's token. */
  token?: string | null;
  /** Stops reading after the first newline-terminated chunk, for watches. */
  timeoutMs?: number;
}

/** A plain HTTPS request that trusts the cluster's CA, for requests a typed client cannot make. */
export function raw(cluster: Pick<ClusterAccess, 'url' | 'token' | 'caPem'>, path: string, options: RawRequestOptions = {}): Promise<RawResponse> {
  const url = new URL(path, cluster.url);
  const headers: Record<string, string | number> = { Accept: 'application/json', ...options.headers };
  const token = options.token === undefined ? cluster.token : options.token;
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined && headers['Content-Length'] === undefined) headers['Content-Length'] = Buffer.byteLength(options.body);
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method: options.method ?? 'GET', headers, ca: cluster.caPem, timeout: options.timeoutMs ?? 20_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`request to ${path} timed out`)));
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** A raw watch: collects newline-delimited events until the server ends the stream (or `stopAfterMs`). */
export function rawWatch(
  cluster: Pick<ClusterAccess, 'url' | 'token' | 'caPem'>,
  path: string,
  stopAfterMs = 10_000,
): Promise<{ status: number; events: { type: string; object: any }[]; endedByServer: boolean }> {
  const url = new URL(path, cluster.url);
  return new Promise((resolve, reject) => {
    const events: { type: string; object: any }[] = [];
    let buffer = '';
    const req = httpsRequest(url, { headers: { Authorization: `Bearer ${cluster.token}`, Accept: 'application/json' }, ca: cluster.caPem }, (res) => {
      const timer = setTimeout(() => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, events, endedByServer: false });
      }, stopAfterMs);
      res.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        let newline: number;
        while ((newline = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, newline).trim();
          buffer = buffer.slice(newline + 1);
          if (line) events.push(JSON.parse(line) as { type: string; object: any });
        }
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, events, endedByServer: true });
      });
      res.on('error', () => undefined);
    });
    req.on('error', (error) => {
      if (events.length === 0) reject(error);
    });
    req.end();
  });
}

export async function waitFor<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 10_000, intervalMs = 20): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let counter = 0;
/** A name unique within the test run. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

/** Creates a fresh namespace and returns its name. */
export async function createNamespace(core: CoreV1Api, prefix = 'test'): Promise<string> {
  const name = uniqueName(prefix);
  await core.createNamespace({ body: { metadata: { name } } });
  return name;
}

export const GITREPOS = { group: 'fleet.cattle.io', version: 'v1alpha1', plural: 'gitrepos' } as const;
export const BUNDLES = { group: 'fleet.cattle.io', version: 'v1alpha1', plural: 'bundles' } as const;
export const CONTENTS = { group: 'fleet.cattle.io', version: 'v1alpha1', plural: 'contents' } as const;
export const WORKSPACES = { group: 'management.cattle.io', version: 'v3', plural: 'fleetworkspaces' } as const;

export function fleetResource(kind: string): FleetResource {
  const resource = FLEET_RESOURCES.find((r) => r.kind === kind);
  if (!resource) throw new Error(`unknown kind ${kind}`);
  return resource;
}

/** A valid body for each Fleet kind (without metadata), and a spec change that bumps generation. */
export const SAMPLES: Record<string, { body: Record<string, unknown>; change: Record<string, unknown> }> = {
  GitRepo: { body: { spec: { repo: 'https://github.com/rancher/fleet-examples', paths: ['simple'] } }, change: { spec: { branch: 'main' } } },
  Bundle: { body: { spec: { resources: [{ name: 'cm.yaml', content: 'kind: ConfigMap' }] } }, change: { spec: { paused: true } } },
  BundleDeployment: { body: { spec: { deploymentID: 's-1:abc' } }, change: { spec: { deploymentID: 's-2:def' } } },
  Cluster: { body: { spec: { kubeConfigSecret: 'kc' } }, change: { spec: { paused: true } } },
  ClusterGroup: { body: { spec: { selector: { matchLabels: { env: 'dev' } } } }, change: { spec: { selector: { matchLabels: { env: 'prod' } } } } },
  ClusterRegistration: { body: { spec: { clientID: 'id-1', clusterLabels: { env: 'dev' } } }, change: { spec: { clientRandom: 'r' } } },
  ClusterRegistrationToken: { body: { spec: { ttl: '1h' } }, change: { spec: { ttl: '2h' } } },
  GitRepoRestriction: { body: { allowedServiceAccounts: ['sa'] }, change: { defaultServiceAccount: 'sa' } },
  BundleNamespaceMapping: { body: { bundleSelector: { matchLabels: { a: 'b' } } }, change: { namespaceSelector: { matchLabels: { c: 'd' } } } },
  Content: { body: { content: 'aGVsbG8=', sha256sum: 'abc' }, change: { sha256sum: 'def' } },
  ImageScan: { body: { spec: { image: 'nginx', interval: '5m', tagName: 't' } }, change: { spec: { interval: '10m' } } },
  HelmOp: { body: { spec: { helm: { repo: 'https://charts.example.com', chart: 'app' } } }, change: { spec: { helm: { version: '1.0.0' } } } },
  Schedule: { body: { spec: { schedule: '0 */1 * * *', duration: '30m' } }, change: { spec: { duration: '1h' } } },
  FleetWorkspace: { body: {}, change: { extra: { note: 'changed' } } },
};

export interface ResourceRef {
  group: string;
  version: string;
  plural: string;
}

/** One custom resource, namespaced or cluster-scoped, behind one interface. */
export interface ObjectApi {
  create(body: Record<string, unknown>, options?: { dryRun?: string }): Promise<any>;
  get(name: string): Promise<any>;
  list(options?: { labelSelector?: string; fieldSelector?: string; limit?: number; _continue?: string }): Promise<any>;
  replace(name: string, body: Record<string, unknown>, options?: { dryRun?: string }): Promise<any>;
  patch(name: string, body: unknown, type?: 'merge' | 'json' | 'strategic', options?: { dryRun?: string }): Promise<any>;
  replaceStatus(name: string, body: Record<string, unknown>): Promise<any>;
  patchStatus(name: string, body: unknown): Promise<any>;
  delete(name: string, options?: { propagationPolicy?: string; dryRun?: string }): Promise<any>;
}

const PATCH_OPTIONS = { merge: mergePatch, json: jsonPatch, strategic: strategicMergePatch } as const;

export function objectApi(custom: CustomObjectsApi, resource: ResourceRef, namespace?: string): ObjectApi {
  const base = { group: resource.group, version: resource.version, plural: resource.plural };
  if (namespace === undefined) {
    return {
      create: (body, options = {}) => custom.createClusterCustomObject({ ...base, body, ...options }),
      get: (name) => custom.getClusterCustomObject({ ...base, name }),
      list: (options = {}) => custom.listClusterCustomObject({ ...base, ...options }),
      replace: (name, body, options = {}) => custom.replaceClusterCustomObject({ ...base, name, body, ...options }),
      patch: (name, body, type = 'merge', options = {}) => custom.patchClusterCustomObject({ ...base, name, body, ...options }, PATCH_OPTIONS[type]),
      replaceStatus: (name, body) => custom.replaceClusterCustomObjectStatus({ ...base, name, body }),
      patchStatus: (name, body) => custom.patchClusterCustomObjectStatus({ ...base, name, body }, mergePatch),
      delete: (name, options = {}) => custom.deleteClusterCustomObject({ ...base, name, ...options }),
    };
  }
  const scoped = { ...base, namespace };
  return {
    create: (body, options = {}) => custom.createNamespacedCustomObject({ ...scoped, body, ...options }),
    get: (name) => custom.getNamespacedCustomObject({ ...scoped, name }),
    list: (options = {}) => custom.listNamespacedCustomObject({ ...scoped, ...options }),
    replace: (name, body, options = {}) => custom.replaceNamespacedCustomObject({ ...scoped, name, body, ...options }),
    patch: (name, body, type = 'merge', options = {}) => custom.patchNamespacedCustomObject({ ...scoped, name, body, ...options }, PATCH_OPTIONS[type]),
    replaceStatus: (name, body) => custom.replaceNamespacedCustomObjectStatus({ ...scoped, name, body }),
    patchStatus: (name, body) => custom.patchNamespacedCustomObjectStatus({ ...scoped, name, body }, mergePatch),
    delete: (name, options = {}) => custom.deleteNamespacedCustomObject({ ...scoped, name, ...options }),
  };
}

export function refOf(resource: FleetResource): ResourceRef {
  return { group: resource.group, version: resource.version, plural: resource.plural };
}

export interface WatchEvent {
  type: string;
  object: any;
}

export interface CollectedWatch {
  events: WatchEvent[];
  /** Resolves when the stream ends, with the error client-node reported (null on a clean end). */
  ended: Promise<unknown>;
  /** Waits until `count` events matching `predicate` have arrived. */
  waitForEvents(count: number, predicate?: (event: WatchEvent) => boolean, timeoutMs?: number): Promise<WatchEvent[]>;
  stop(): void;
}

/** Watches `path` with client-node's `Watch` and records every event. */
export async function collectWatch(
  kubeConfig: KubeConfig,
  path: string,
  params: Record<string, string | number | boolean | undefined> = {},
): Promise<CollectedWatch> {
  const events: WatchEvent[] = [];
  let resolveEnded!: (value: unknown) => void;
  const ended = new Promise<unknown>((resolve) => (resolveEnded = resolve));
  const controller = await new Watch(kubeConfig).watch(
    path,
    params,
    (type, object) => events.push({ type, object }),
    (error) => resolveEnded(error),
  );
  return {
    events,
    ended,
    async waitForEvents(count, predicate = () => true, timeoutMs = 10_000) {
      return waitFor(() => {
        const matching = events.filter(predicate);
        return matching.length >= count ? matching : undefined;
      }, `${count} watch events on ${path} (have ${JSON.stringify(events.map((e) => `${e.type} ${e.object?.metadata?.name ?? ''}`))})`, timeoutMs);
    },
    stop: () => controller.abort(),
  };
}
