import {
  CLUSTER_DISPLAY_NAME_LABEL,
  CLUSTER_NAME_LABEL,
  FLEET_DEFAULT_NAMESPACE,
} from '../../lib/fleet/labels';
import type { ControllerClient } from './client';
import { yieldToEventLoop } from './debounce';
import { SIMULATE_ANNOTATIONS, SIMULATED_ANNOTATION } from '../agents/annotations';

export interface SeedOptions {
  /** Workspace to create the clusters in (default `fleet-default`). */
  namespace?: string;
  count: number;
  /** Same seed, same clusters (names, labels, faults). Default 1. */
  seed?: number;
  /**
   * Share of clusters (0–1) that get a `fleet-deck.dev/simulate-*` annotation, so every state of
   * Fleet's model shows up in a demo. Default 0: every cluster becomes Ready.
   */
  faultRate?: number;
}

export interface SeedResult {
  created: number;
  existing: number;
  names: string[];
}

/** mulberry32: a small, fast, seedable PRNG (deterministic across runs and platforms). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ENVIRONMENTS = [
  { env: 'dev', weight: 0.3 },
  { env: 'staging', weight: 0.2 },
  { env: 'prod', weight: 0.5 },
] as const;

const REGIONS = [
  { region: 'us-east-1', short: 'use1' },
  { region: 'us-west-2', short: 'usw2' },
  { region: 'eu-west-1', short: 'euw1' },
  { region: 'eu-central-1', short: 'euc1' },
  { region: 'ap-southeast-1', short: 'apse1' },
  { region: 'ap-northeast-1', short: 'apne1' },
  { region: 'sa-east-1', short: 'sae1' },
] as const;

const PROVIDERS = ['rke2', 'k3s', 'eks', 'aks', 'gke'] as const;
const TEAMS = ['payments', 'search', 'platform', 'checkout', 'data'] as const;
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function pickEnvironment(random: () => number): string {
  let roll = random();
  for (const { env, weight } of ENVIRONMENTS) {
    if (roll < weight) return env;
    roll -= weight;
  }
  return 'prod';
}

export interface SimulatedCluster {
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** The clusters `seedSimulatedClusters` creates, without creating them (pure, deterministic). */
export function simulatedClusters(options: SeedOptions): SimulatedCluster[] {
  const random = seededRandom(options.seed ?? 1);
  const faultRate = options.faultRate ?? 0;
  const width = Math.max(3, String(options.count).length);
  const out: SimulatedCluster[] = [];
  for (let i = 0; i < options.count; i++) {
    const env = pickEnvironment(random);
    const { region, short } = pick(random, REGIONS);
    const provider = pick(random, PROVIDERS);
    const team = pick(random, TEAMS);
    let id = '';
    for (let c = 0; c < 5; c++) id += pick(random, [...ID_ALPHABET]);
    const name = `${env}-${short}-${String(i + 1).padStart(width, '0')}`;
    const annotations: Record<string, string> = { [SIMULATED_ANNOTATION]: 'true' };
    const faultRoll = random();
    if (faultRate > 0 && faultRoll < faultRate) {
      const fault = Math.floor((faultRoll / faultRate) * 4);
      if (fault === 0) annotations[SIMULATE_ANNOTATIONS.offline] = 'true';
      else if (fault === 1) annotations[SIMULATE_ANNOTATIONS.applyError] = 'simulated: helm install failed: context deadline exceeded';
      else if (fault === 2) annotations[SIMULATE_ANNOTATIONS.drift] = '*';
      else annotations[SIMULATE_ANNOTATIONS.notReady] = '*';
    }
    out.push({
      name,
      labels: {
        env,
        region,
        'provider.cattle.io': provider,
        team,
        [CLUSTER_DISPLAY_NAME_LABEL]: name,
        [CLUSTER_NAME_LABEL]: `c-m-${id}${String(i % 1000).padStart(3, '0')}`,
      },
      annotations,
    });
  }
  return out;
}

/**
 * Creates `count` Rancher-style downstream Clusters with realistic, varied, deterministic labels
 * (`env`, `region`, `provider.cattle.io`, `team`, `management.cattle.io/cluster-display-name`,
 * `management.cattle.io/cluster-name: c-m-…`). Idempotent: clusters that exist are left alone.
 * The simulated agents (embedded/agents) bring them to life.
 */
export async function seedSimulatedClusters(client: ControllerClient, options: SeedOptions): Promise<SeedResult> {
  const namespace = options.namespace ?? FLEET_DEFAULT_NAMESPACE;
  if (!client.get('namespaces', undefined, namespace)) client.create('namespaces', { metadata: { name: namespace } });
  const result: SeedResult = { created: 0, existing: 0, names: [] };
  let sinceYield = 0;
  for (const cluster of simulatedClusters(options)) {
    result.names.push(cluster.name);
    if (client.get('clusters', namespace, cluster.name)) {
      result.existing++;
      continue;
    }
    client.create('clusters', {
      metadata: { name: cluster.name, namespace, labels: cluster.labels, annotations: cluster.annotations },
      spec: {},
    });
    result.created++;
    if (++sinceYield >= 500) {
      sinceYield = 0;
      await yieldToEventLoop();
    }
  }
  return result;
}
