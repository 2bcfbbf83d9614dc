import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import type { ClusterRegistrationToken } from '../../lib/fleet/types';
import { registeredClusterLabels, registrationValues, tokenExpiry } from './registration';

const token = (ttl?: string): ClusterRegistrationToken => ({
  apiVersion: 'fleet.cattle.io/v1alpha1',
  kind: 'ClusterRegistrationToken',
  metadata: { name: 'new-token', namespace: 'clusters', creationTimestamp: '2026-01-01T00:00:00Z' },
  spec: ttl === undefined ? {} : { ttl },
});

describe('tokenExpiry', () => {
  it('is creation + ttl, or never for missing/zero ttl', () => {
    expect(tokenExpiry(token('240h'))?.toISOString()).toBe('2026-01-11T00:00:00.000Z');
    expect(tokenExpiry(token())).toBeUndefined();
    expect(tokenExpiry(token('0'))).toBeUndefined();
  });
});

describe('registrationValues', () => {
  it('is the YAML an agent is installed with', () => {
    expect(YAML.parse(registrationValues(token('1h'), 'secret', { apiServerURL: 'https://127.0.0.1:6443', apiServerCA: 'PEM' }))).toEqual({
      clusterNamespace: 'clusters',
      apiServerURL: 'https://127.0.0.1:6443',
      apiServerCA: 'PEM',
      token: 'secret',
      systemRegistrationNamespace: 'cattle-fleet-clusters-system',
      tokenName: 'new-token',
    });
  });
});

describe('registeredClusterLabels', () => {
  it('drops reserved labels except created-by-agent-pod and adds the cluster label', () => {
    expect(
      registeredClusterLabels(
        { env: 'dev', 'fleet.cattle.io/x': 'y', 'management.cattle.io/z': 'q', 'fleet.cattle.io/created-by-agent-pod': 'pod-1' },
        'cluster-abc',
      ),
    ).toEqual({ env: 'dev', 'fleet.cattle.io/created-by-agent-pod': 'pod-1', 'fleet.cattle.io/cluster': 'cluster-abc' });
  });
});
