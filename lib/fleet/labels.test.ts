import { describe, expect, it } from 'vitest';
import * as labels from './labels';

describe('Fleet label and annotation keys', () => {
  it.each([
    ['REPO_LABEL', 'fleet.cattle.io/repo-name'],
    ['COMMIT_LABEL', 'fleet.cattle.io/commit'],
    ['BUNDLE_LABEL', 'fleet.cattle.io/bundle-name'],
    ['BUNDLE_NAMESPACE_LABEL', 'fleet.cattle.io/bundle-namespace'],
    ['MANAGED_LABEL', 'fleet.cattle.io/managed'],
    ['CLUSTER_NAMESPACE_LABEL', 'fleet.cattle.io/cluster-namespace'],
    ['CLUSTER_LABEL', 'fleet.cattle.io/cluster'],
    ['CLUSTER_NAMESPACE_ANNOTATION', 'fleet.cattle.io/cluster-namespace'],
    ['CLUSTER_ANNOTATION', 'fleet.cattle.io/cluster'],
    ['HELMOP_LABEL', 'fleet.cattle.io/fleet-helm-name'],
    ['CREATED_BY_AGENT_POD_LABEL', 'fleet.cattle.io/created-by-agent-pod'],
    ['CLUSTER_REGISTRATION_ANNOTATION', 'fleet.cattle.io/cluster-registration'],
    ['CLUSTER_REGISTRATION_NAMESPACE_ANNOTATION', 'fleet.cattle.io/cluster-registration-namespace'],
    ['FORCE_SYNC_GENERATION_LABEL', 'fleet.cattle.io/force-sync-generation'],
    ['GITREPO_GENERATION_LABEL', 'fleet.cattle.io/gitrepo-generation'],
    ['CREATED_BY_USER_ID_LABEL', 'fleet.cattle.io/created-by-user-id'],
    ['CLUSTER_DISPLAY_NAME_LABEL', 'management.cattle.io/cluster-display-name'],
    ['CLUSTER_NAME_LABEL', 'management.cattle.io/cluster-name'],
    ['LOCAL_CLUSTER_NAME_LABEL', 'name'],
  ] as const)('%s = %s', (constant, value) => {
    expect(labels[constant]).toBe(value);
  });
});

describe('finalizers', () => {
  it('spells every finalizer like Fleet', () => {
    expect(labels.GITREPO_FINALIZER).toBe('fleet.cattle.io/gitrepo-finalizer');
    expect(labels.BUNDLE_FINALIZER).toBe('fleet.cattle.io/bundle-finalizer');
    expect(labels.BUNDLE_DEPLOYMENT_FINALIZER).toBe('fleet.cattle.io/bundle-deployment-finalizer');
    expect(labels.CLUSTER_FINALIZER).toBe('fleet.cattle.io/cluster-finalizer');
    expect(labels.HELMOP_FINALIZER).toBe('fleet.cattle.io/helmop-finalizer');
    expect(labels.SCHEDULE_FINALIZER).toBe('fleet.cattle.io/schedule-finalizer');
    expect(new Set(labels.FLEET_FINALIZERS).size).toBe(6);
    expect(Object.isFrozen(labels.FLEET_FINALIZERS)).toBe(true);
  });
});

describe('secret types and namespaces', () => {
  it('spells Secret types like Fleet', () => {
    expect(labels.CLUSTER_REGISTRATION_VALUES_SECRET_TYPE).toBe('fleet.cattle.io/cluster-registration-values');
    expect(labels.BUNDLE_VALUES_SECRET_TYPE).toBe('fleet.cattle.io/bundle-values/v1alpha1');
    expect(labels.BUNDLE_DEPLOYMENT_SECRET_TYPE).toBe('fleet.cattle.io/bundle-deployment/v1alpha1');
    expect(labels.BUNDLE_OCI_STORAGE_SECRET_TYPE).toBe('fleet.cattle.io/bundle-oci-storage/v1alpha1');
    expect(labels.BUNDLE_HELMOPS_ACCESS_SECRET_TYPE).toBe('fleet.cattle.io/bundle-helmops-access/v1alpha1');
  });

  it('lists the protected namespaces', () => {
    expect([...labels.PROTECTED_NAMESPACES].sort()).toEqual(
      ['cattle-fleet-clusters-system', 'cattle-fleet-system', 'default', 'fleet-default', 'fleet-local'].sort(),
    );
    expect(labels.FLEET_LOCAL_SYSTEM_NAMESPACE).toBe('cattle-fleet-local-system');
    expect(labels.DEFAULT_GIT_CREDENTIAL_SECRET).toBe('gitcredential');
    expect(labels.AGENT_BUNDLE_NAME).toBe('fleet-agent');
  });
});

describe('isReservedLabelKey', () => {
  it.each([
    ['fleet.cattle.io/cluster', true],
    ['management.cattle.io/cluster-display-name', true],
    ['env', false],
    ['provider.cattle.io', false],
    ['example.com/fleet.cattle.io/x', false],
  ] as const)('%s → %s', (key, reserved) => {
    expect(labels.isReservedLabelKey(key)).toBe(reserved);
  });
});
