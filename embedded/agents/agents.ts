/**
 * Simulated downstream clusters: one Fleet agent per Cluster, all driven by a single scheduler.
 *
 * Each agent checks in (`status.agent.lastSeen`, `status.agent.namespace`) shortly after its
 * Cluster appears and then every `checkInIntervalMs`, "installs" the BundleDeployments of its
 * cluster namespace into an in-memory view of the downstream cluster (the objects the bundle
 * renders to) and reports their status the way Fleet's agent does. Cluster annotations
 * (./annotations.ts, README.md) make an agent go offline, fail, drift or report objects as not
 * ready.
 *
 * Scale: agents are not timers. BundleDeployment and Cluster changes mark work in sets; one pump
 * drains them in slices of `batchSize` writes per event-loop turn, and one timer looks for due
 * heartbeats and dependency retries. Renders are cached per deployment ID, so 10,000 clusters
 * running the same bundle render it once.
 */
import { gunzipSync } from 'node:zlib';
import { BUNDLE_LABEL, FLEET_SYSTEM_NAMESPACE } from '../../lib/fleet/labels';
import { agentBundleName, contentName, helmReleaseName } from '../../lib/fleet/names';
import { bundleDeploymentState, formatConditionTime } from '../../lib/fleet/state';
import type { BundleDeployment, BundleResource, Cluster, Content } from '../../lib/fleet/types';
import type { KubeObject } from '../../lib/k8s/object';
import type { ChangeEvent } from '../apiserver/object-store';
import type { ControllerClient, ControlledResource } from '../controllers/client';
import { FleetIndex, keyOf } from '../controllers/fleet-index';
import { renderBundleObjects } from '../controllers/gitjob/render';
import { inWriteBatch } from '../controllers/write-batch';
import { simulationOf, simulationSignature, type Simulation } from './annotations';
import { dependencyProblem } from './dependencies';
import { agentStatus, idleStatus, type DownstreamObject, type Release } from './deployment-status';

export interface AgentOptions {
  /** Heartbeat period. Fleet's default is 15 min; the simulation defaults to 60 s. */
  checkInIntervalMs?: number;
  /** Delay of the first heartbeat after a Cluster appears (Fleet's agent: ~15 s). Default 1 s. */
  firstCheckInDelayMs?: number;
  /** How often the scheduler looks for due heartbeats and retries. Default 250 ms. */
  tickMs?: number;
  /** Status writes per event-loop turn. Default 500. */
  batchSize?: number;
  /** Retry period of deployments waiting on `dependsOn` or failing (Fleet's agent: 15 s). */
  retryIntervalMs?: number;
  /** Shared index (the controllers' one); one is created otherwise. */
  index?: FleetIndex;
  now?: () => Date;
  log?: (line: string) => void;
  /** `kubectl` used to build kustomize bundles. */
  kubectl?: string;
}

export interface Agents {
  /** Stops the scheduler (the downstream views are dropped). */
  (): void;
  /** Work not yet done: dirty deployments, pending renders. */
  readonly pendingWork: () => number;
}

interface RenderResult {
  objects?: DownstreamObject[];
  error?: string;
}

interface ClusterAgent {
  key: string;
  /** Cluster namespace holding its BDs (`status.namespace`). */
  namespace?: string;
  signature: string;
  simulation: Simulation;
  nextCheckIn: number;
  /** BD name → installed release. */
  releases: Map<string, Release>;
}

const MAX_RENDER_CACHE = 2000;

/** Starts the simulated agents of every Cluster; returns a stop function. */
export function startAgents(client: ControllerClient, options: AgentOptions = {}): Agents {
  const ownIndex = options.index ? undefined : new FleetIndex(client);
  const index = options.index ?? ownIndex!;
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => {});
  const checkInInterval = options.checkInIntervalMs ?? 60_000;
  const firstCheckIn = options.firstCheckInDelayMs ?? 1_000;
  const tickMs = options.tickMs ?? 250;
  const batchSize = options.batchSize ?? 500;
  const retryInterval = options.retryIntervalMs ?? 15_000;
  const kubectl = options.kubectl;

  const agents = new Map<string, ClusterAgent>();
  const dirty = new Set<string>();
  const dueCheckIns = new Set<string>();
  /** BD key → time to retry (dependencies not ready, render failed). */
  const retries = new Map<string, number>();
  /** BD keys waiting on dependencies, by cluster namespace. */
  const blocked = new Map<string, Set<string>>();
  const renders = new Map<string, Promise<RenderResult> | RenderResult>();
  let pendingRenders = 0;
  let pumpScheduled = false;
  let stopped = false;

  const ensureAgent = (cluster: Cluster): ClusterAgent => {
    const key = keyOf(cluster);
    let agent = agents.get(key);
    if (!agent) {
      agent = {
        key,
        namespace: cluster.status?.namespace,
        signature: simulationSignature(cluster.metadata.annotations),
        simulation: simulationOf(cluster.metadata.annotations),
        nextCheckIn: Date.now() + firstCheckIn,
        releases: new Map(),
      };
      agents.set(key, agent);
    }
    return agent;
  };

  const markNamespace = (namespace: string | undefined) => {
    if (!namespace) return;
    for (const key of index.deploymentKeysIn(namespace)) dirty.add(key);
  };

  const wakeBlocked = (namespace: string) => {
    const keys = blocked.get(namespace);
    if (!keys) return;
    for (const key of keys) dirty.add(key);
  };

  const schedulePump = () => {
    if (pumpScheduled || stopped) return;
    pumpScheduled = true;
    setImmediate(pump);
  };

  // ---- change feed ----------------------------------------------------------------------

  const onCluster = (event: ChangeEvent) => {
    const cluster = event.current.object as Cluster;
    const key = keyOf(cluster);
    if (event.type === 'DELETED') {
      agents.delete(key);
      dueCheckIns.delete(key);
      return;
    }
    const agent = ensureAgent(cluster);
    const signature = simulationSignature(cluster.metadata.annotations);
    if (signature !== agent.signature) {
      const wasOffline = agent.simulation.offline;
      agent.signature = signature;
      agent.simulation = simulationOf(cluster.metadata.annotations);
      if (wasOffline && !agent.simulation.offline) agent.nextCheckIn = 0;
      markNamespace(agent.namespace);
    }
    if (cluster.status?.namespace !== agent.namespace) {
      agent.namespace = cluster.status?.namespace;
      markNamespace(agent.namespace);
    }
  };

  const onDeployment = (event: ChangeEvent) => {
    const current = event.current.object as BundleDeployment;
    const previous = event.previous?.object as BundleDeployment | undefined;
    const key = keyOf(current);
    const namespace = current.metadata.namespace ?? '';
    if (event.type !== 'MODIFIED' || !previous || specChanged(previous, current)) {
      dirty.add(key);
    }
    if (event.type === 'DELETED' || !previous || bundleDeploymentState(previous) !== bundleDeploymentState(current)) {
      wakeBlocked(namespace);
    }
  };

  const unsubscribe = index.onChange((resource: ControlledResource, event: ChangeEvent) => {
    if (resource === 'clusters') onCluster(event);
    else if (resource === 'bundledeployments') onDeployment(event);
    else return;
    if (dirty.size > 0) schedulePump();
  });

  for (const cluster of index.clusters.values()) ensureAgent(cluster);
  for (const key of index.deployments.keys()) dirty.add(key);

  // ---- rendering ------------------------------------------------------------------------

  /**
   * The objects a deployment renders to, cached per deployment ID (plus the bundle name when the
   * bundle is a chart, where the release name shows in object names). `undefined` while the
   * render runs; the deployment is then retried when it finishes.
   */
  const render = (bd: BundleDeployment, bundleName: string): RenderResult | undefined => {
    const deploymentID = bd.spec?.deploymentID ?? '';
    const namedKey = `${deploymentID}\u0000${bundleName}`;
    for (const cacheKey of [deploymentID, namedKey]) {
      const cached = renders.get(cacheKey);
      if (cached && !(cached instanceof Promise)) return cached;
      if (cached) return undefined;
    }
    if (renders.size >= MAX_RENDER_CACHE) renders.clear();
    const content = client.get<Content>('contents', undefined, contentName(deploymentID));
    if (!content) {
      // The content may not be written yet; do not cache the miss.
      return { error: `failed to get content resource: contents.fleet.cattle.io "${contentName(deploymentID)}" not found` };
    }
    let resources: BundleResource[];
    try {
      const manifest = JSON.parse(gunzipSync(Buffer.from(content.content ?? '', 'base64')).toString('utf8')) as { resources?: BundleResource[] };
      resources = manifest.resources ?? [];
    } catch (error) {
      const result = { error: `failed to read content ${contentName(deploymentID)}: ${errorMessage(error)}` };
      renders.set(namedKey, result);
      return result;
    }
    const cacheKey = resources.some((resource) => TEMPLATED.test(resource.name ?? '')) ? namedKey : deploymentID;
    const options = bd.spec?.options ?? {};
    pendingRenders++;
    const promise: Promise<RenderResult> = renderBundleObjects({ ...options, resources }, options, { bundleName, kubectl })
      .then(
        (objects): RenderResult => ({ objects: objects.map(downstreamObject) }),
        (error: unknown): RenderResult => ({ error: errorMessage(error) }),
      )
      .then((result) => {
        pendingRenders--;
        if (renders.get(cacheKey) === promise) renders.set(cacheKey, result);
        for (const [key, at] of retries) if (at === RENDER_WAIT) dirty.add(key);
        schedulePump();
        return result;
      });
    renders.set(cacheKey, promise);
    return undefined;
  };

  // ---- one deployment -------------------------------------------------------------------

  /** Brings one BD in line; returns true when it wrote something. */
  const process = (key: string): boolean => {
    const bd = index.deployments.get(key);
    const slash = key.indexOf('/');
    const namespace = key.slice(0, slash);
    const name = key.slice(slash + 1);
    const clusterKey = index.clusterKeyForNamespace(namespace);
    const agent = clusterKey ? agents.get(clusterKey) : undefined;
    if (!bd) {
      agent?.releases.delete(name);
      retries.delete(key);
      blocked.get(namespace)?.delete(key);
      return false;
    }
    if (!agent) return false;
    const cluster = index.clusters.get(agent.key);
    if (!cluster || agent.simulation.offline) return false;
    if (bd.metadata.deletionTimestamp) {
      agent.releases.delete(name);
      return false;
    }
    const timestamp = formatConditionTime(now());
    const bundleName = bd.metadata.labels?.[BUNDLE_LABEL] ?? bd.metadata.name;
    const isAgentBundle = bundleName === agentBundleName(cluster.metadata.name);
    const deploymentID = bd.spec?.deploymentID ?? '';
    retries.delete(key);
    blocked.get(namespace)?.delete(key);

    let next;
    if (deploymentID === '') {
      next = idleStatus(bd, timestamp);
    } else {
      let deployError: string | undefined;
      let release: Release | undefined;
      if (agent.simulation.applyError !== undefined && !isAgentBundle) {
        deployError = agent.simulation.applyError;
      } else {
        deployError = bd.spec?.dependsOn?.length ? dependencyProblem(bd, index.deploymentsIn(namespace)) : undefined;
        if (deployError !== undefined) {
          let set = blocked.get(namespace);
          if (!set) blocked.set(namespace, (set = new Set()));
          set.add(key);
          retries.set(key, Date.now() + retryInterval);
        }
      }
      if (deployError === undefined) {
        const existing = agent.releases.get(name) ?? adoptRelease(bd);
        if (existing && existing.deploymentID === deploymentID) {
          release = existing;
        } else {
          const rendered = render(bd, bundleName);
          if (!rendered) {
            retries.set(key, RENDER_WAIT);
            return false;
          }
          if (rendered.error !== undefined) {
            deployError = rendered.error;
            retries.set(key, Date.now() + retryInterval);
          } else {
            const options = bd.spec?.options ?? {};
            const releaseNamespace = options.namespace || options.defaultNamespace || 'default';
            release = {
              deploymentID,
              name: `${releaseNamespace}/${options.helm?.releaseName || helmReleaseName(bundleName)}`,
              revision: (existing?.revision ?? 0) + 1,
              objects: rendered.objects ?? [],
              createdAt: existing?.createdAt ?? timestamp,
            };
          }
        }
      }
      if (release) agent.releases.set(name, release);
      next = agentStatus(bd, {
        deployError,
        release,
        simulation: agent.simulation,
        bundleName,
        isAgentBundle,
        now: timestamp,
      });
    }
    if (JSON.stringify(next) === JSON.stringify(bd.status ?? null)) return false;
    client.mutate<BundleDeployment>(
      'bundledeployments',
      namespace,
      name,
      (current) => (current.metadata.uid === bd.metadata.uid ? { ...current, status: next } : undefined),
      { status: true },
    );
    return true;
  };

  const checkIn = (agentKey: string): boolean => {
    const agent = agents.get(agentKey);
    const cluster = index.clusters.get(agentKey);
    if (!agent || !cluster || cluster.metadata.deletionTimestamp) return false;
    if (agent.simulation.offline) return false;
    const slash = agentKey.indexOf('/');
    client.mutate<Cluster>(
      'clusters',
      agentKey.slice(0, slash),
      agentKey.slice(slash + 1),
      (current) => ({
        ...current,
        status: {
          ...current.status,
          agent: {
            ...current.status?.agent,
            lastSeen: formatConditionTime(now()),
            namespace: current.spec?.agentNamespace || FLEET_SYSTEM_NAMESPACE,
          },
        },
      }),
      { status: true },
    );
    return true;
  };

  // ---- scheduler --------------------------------------------------------------------------

  function pump(): void {
    pumpScheduled = false;
    if (stopped) return;
    let writes = 0;
    const started = Date.now();
    inWriteBatch(client, () => {
      for (const key of dueCheckIns) {
        dueCheckIns.delete(key);
        if (safely(() => checkIn(key), key)) writes++;
        if (writes >= batchSize) return;
      }
      for (const key of dirty) {
        dirty.delete(key);
        if (safely(() => process(key), key)) writes++;
        if (writes >= batchSize || Date.now() - started > 200) return;
      }
    });
    if (dirty.size > 0 || dueCheckIns.size > 0) schedulePump();
  }

  const safely = (work: () => boolean, key: string): boolean => {
    try {
      return work();
    } catch (error) {
      log(`agent: ${key}: ${errorMessage(error)}`);
      if (!key.includes('\u0000')) retries.set(key, Date.now() + retryInterval);
      return false;
    }
  };

  const tick = () => {
    if (stopped) return;
    const time = Date.now();
    for (const agent of agents.values()) {
      if (agent.nextCheckIn <= time && !agent.simulation.offline) {
        agent.nextCheckIn = time + checkInInterval;
        dueCheckIns.add(agent.key);
      }
    }
    for (const [key, at] of retries) {
      if (at !== RENDER_WAIT && at <= time) {
        retries.delete(key);
        dirty.add(key);
      }
    }
    if (dirty.size > 0 || dueCheckIns.size > 0) schedulePump();
  };
  const timer = setInterval(tick, tickMs);
  timer.unref();
  schedulePump();

  const stop = (() => {
    stopped = true;
    clearInterval(timer);
    unsubscribe();
    ownIndex?.close();
    agents.clear();
  }) as Agents;
  Object.defineProperty(stop, 'pendingWork', {
    value: () => dirty.size + dueCheckIns.size + pendingRenders,
  });
  return stop;
}

/** Files that make a bundle a chart or kustomization, whose objects may depend on the release name. */
const TEMPLATED = /(^|\/)(Chart\.ya?ml|kustomization\.ya?ml|Kustomization)$|(^|\/)templates\//;

function downstreamObject(object: { apiVersion: string; kind: string; namespace?: string; name: string }): DownstreamObject {
  return object.namespace
    ? { apiVersion: object.apiVersion, kind: object.kind, namespace: object.namespace, name: object.name }
    : { apiVersion: object.apiVersion, kind: object.kind, name: object.name };
}

/** A retry marker: waiting for a render to finish (not a time). */
const RENDER_WAIT = -1;

/** After a restart: the release a BD's status says is installed, so nothing is redeployed. */
function adoptRelease(bd: BundleDeployment): Release | undefined {
  const status = bd.status;
  const applied = status?.appliedDeploymentID;
  if (!applied || !status.release) return undefined;
  const colon = status.release.lastIndexOf(':');
  const revision = Number(status.release.slice(colon + 1));
  const resources = status.resources ?? [];
  const modified = status.modifiedStatus ?? [];
  const objects: DownstreamObject[] = [
    ...resources.map((r) => ({ apiVersion: r.apiVersion ?? '', kind: r.kind ?? '', ...(r.namespace ? { namespace: r.namespace } : {}), name: r.name ?? '' })),
    ...modified
      .filter((m) => m.missing)
      .map((m) => ({ apiVersion: m.apiVersion ?? '', kind: m.kind ?? '', ...(m.namespace ? { namespace: m.namespace } : {}), name: m.name ?? '' })),
  ];
  return {
    deploymentID: applied,
    name: colon === -1 ? status.release : status.release.slice(0, colon),
    revision: Number.isFinite(revision) ? revision : 1,
    objects,
    createdAt: resources[0]?.createdAt ?? formatConditionTime(new Date()),
  };
}

function specChanged(previous: KubeObject, current: KubeObject): boolean {
  if (previous.metadata.generation !== current.metadata.generation) return true;
  if (previous.metadata.deletionTimestamp !== current.metadata.deletionTimestamp) return true;
  const before = previous.metadata.labels ?? {};
  const after = current.metadata.labels ?? {};
  const keys = Object.keys(after);
  return keys.length !== Object.keys(before).length || keys.some((key) => before[key] !== after[key]);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
