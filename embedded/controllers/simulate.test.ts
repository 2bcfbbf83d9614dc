import { describe, expect, it } from 'vitest';
import { CLUSTER_DISPLAY_NAME_LABEL, CLUSTER_NAME_LABEL } from '../../lib/fleet/labels';
import { SIMULATE_ANNOTATIONS } from '../agents/annotations';
import { seededRandom, simulatedClusters } from './simulate';

describe('simulatedClusters', () => {
  it('is deterministic for a seed and varies across seeds', () => {
    expect(simulatedClusters({ count: 20, seed: 7 })).toEqual(simulatedClusters({ count: 20, seed: 7 }));
    expect(simulatedClusters({ count: 20, seed: 7 })).not.toEqual(simulatedClusters({ count: 20, seed: 8 }));
  });

  it('gives Rancher-style labels and unique names', () => {
    const clusters = simulatedClusters({ count: 500, seed: 1 });
    expect(new Set(clusters.map((c) => c.name)).size).toBe(500);
    for (const cluster of clusters) {
      expect(cluster.name).toMatch(/^(dev|staging|prod)-[a-z0-9]+-\d{3,}$/);
      expect(cluster.labels.env).toBe(cluster.name.split('-')[0]);
      expect(cluster.labels.region).toMatch(/^[a-z]{2}-[a-z]+-\d$/);
      expect(['rke2', 'k3s', 'eks', 'aks', 'gke']).toContain(cluster.labels['provider.cattle.io']);
      expect(cluster.labels[CLUSTER_DISPLAY_NAME_LABEL]).toBe(cluster.name);
      expect(cluster.labels[CLUSTER_NAME_LABEL]).toMatch(/^c-m-[a-z0-9]{8}$/);
    }
    const envs = new Set(clusters.map((c) => c.labels.env));
    expect(envs).toEqual(new Set(['dev', 'staging', 'prod']));
    expect(new Set(clusters.map((c) => c.labels[CLUSTER_NAME_LABEL])).size).toBe(500);
  });

  it('adds simulate annotations only when asked', () => {
    expect(simulatedClusters({ count: 200, seed: 1 }).some((c) => Object.keys(c.annotations).some((k) => k.includes('simulate-')))).toBe(false);
    const faulty = simulatedClusters({ count: 400, seed: 1, faultRate: 0.1 });
    const kinds = new Set(faulty.flatMap((c) => Object.keys(c.annotations).filter((k) => Object.values(SIMULATE_ANNOTATIONS).includes(k as never))));
    expect(kinds.size).toBe(4);
  });
});

describe('seededRandom', () => {
  it('returns numbers in [0, 1)', () => {
    const random = seededRandom(3);
    for (let i = 0; i < 1000; i++) {
      const value = random();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });
});
