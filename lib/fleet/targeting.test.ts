import { describe, expect, it } from 'vitest';
import {
  TargetSelectorError,
  aggregateRestrictions,
  bundleDeploymentLabels,
  bundleDeploymentOptionsOf,
  bundleMappingMatches,
  cleanLabelsForExport,
  clusterGroupsForCluster,
  createBundleMatcher,
  defaultTargets,
  evaluateRestrictions,
  matchBundleForCluster,
  mergeBundleDeploymentOptions,
  mergeLabelSelectors,
  mergeValues,
  nameUnnamedTargets,
  namespacesForBundle,
  targetMatchesCluster,
} from './targeting';
import type { Bundle, BundleNamespaceMapping, BundleSpec, Cluster, ClusterGroup, GitRepoRestriction, LabelSelector } from './types';

// -------------------------------------------------------------------------------------------------
// Fixtures
// -------------------------------------------------------------------------------------------------

function cluster(name: string, labels: Record<string, string> = {}, namespace = 'fleet-default'): Cluster {
  return { apiVersion: 'fleet.cattle.io/v1alpha1', kind: 'Cluster', metadata: { name, namespace, labels } };
}

function group(name: string, selector: LabelSelector | undefined, labels: Record<string, string> = {}, namespace = 'fleet-default'): ClusterGroup {
  return {
    apiVersion: 'fleet.cattle.io/v1alpha1',
    kind: 'ClusterGroup',
    metadata: { name, namespace, labels },
    spec: selector === undefined ? {} : { selector },
  };
}

const local = cluster('local', { name: 'local' }, 'fleet-local');
const defaultGroup = group('default', { matchLabels: { name: 'local' } }, {}, 'fleet-local');

// -------------------------------------------------------------------------------------------------
// Target basics
// -------------------------------------------------------------------------------------------------

describe('defaultTargets / nameUnnamedTargets', () => {
  it('targets the default ClusterGroup', () => {
    expect(defaultTargets()).toEqual([{ name: 'default', clusterGroup: 'default' }]);
    expect(defaultTargets()).not.toBe(defaultTargets());
  });

  it('names unnamed targets by position and leaves named ones alone', () => {
    const targets = [{ clusterGroup: 'a' }, { name: 'dev' }, { name: '' }, {}];
    expect(nameUnnamedTargets(targets)).toEqual([
      { name: 'target000', clusterGroup: 'a' },
      { name: 'dev' },
      { name: 'target002' },
      { name: 'target003' },
    ]);
    expect(targets[0]).toEqual({ clusterGroup: 'a' });
    expect(nameUnnamedTargets(Array.from({ length: 1001 }, () => ({}))).at(-1)).toEqual({ name: 'target1000' });
  });
});

describe('clusterGroupsForCluster', () => {
  const groups = [
    group('nil', undefined),
    group('all', {}),
    group('prod', { matchLabels: { env: 'prod' } }),
    group('dev', { matchLabels: { env: 'dev' } }),
    group('elsewhere', {}, {}, 'other-ns'),
    group('broken', { matchExpressions: [{ key: 'env', operator: 'Bogus' }] }),
  ];

  it('applies nil ⇒ none, {} ⇒ all, selector ⇒ label match, same namespace only', () => {
    expect(clusterGroupsForCluster(cluster('c1', { env: 'prod' }), groups).map((g) => g.metadata.name)).toEqual(['all', 'prod']);
    expect(clusterGroupsForCluster(cluster('c2'), groups).map((g) => g.metadata.name)).toEqual(['all']);
  });

  it('puts the fleet-local cluster in the default group', () => {
    expect(clusterGroupsForCluster(local, [defaultGroup])).toEqual([defaultGroup]);
  });
});

describe('targetMatchesCluster', () => {
  const prod = cluster('prod-1', { env: 'prod', region: 'eu', 'management.cattle.io/cluster-display-name': 'Prod One' });
  const groupA = group('group1', { matchLabels: { env: 'prod' } }, { region: 'us-east' });
  const groupB = group('group2', { matchLabels: { env: 'prod' } }, { region: 'eu-west' });

  it('matches nothing without criteria', () => {
    expect(targetMatchesCluster({}, prod, [groupA])).toBe(false);
    expect(targetMatchesCluster({ name: 'only-a-name', clusterName: '', clusterGroup: '' }, prod, [groupA])).toBe(false);
    expect(targetMatchesCluster({ clusterSelector: null, clusterGroupSelector: null }, prod, [])).toBe(false);
  });

  it('matches everything with an empty cluster selector', () => {
    expect(targetMatchesCluster({ clusterSelector: {} }, prod, [])).toBe(true);
    expect(targetMatchesCluster({ clusterSelector: { matchExpressions: [] } }, cluster('bare'), [])).toBe(true);
  });

  it('matches clusterName by name or by Rancher display name', () => {
    expect(targetMatchesCluster({ clusterName: 'prod-1' }, prod, [])).toBe(true);
    expect(targetMatchesCluster({ clusterName: 'Prod One' }, prod, [])).toBe(true);
    expect(targetMatchesCluster({ clusterName: 'prod' }, prod, [])).toBe(false);
  });

  it('matches clusterGroup by membership and clusterGroupSelector by group labels', () => {
    expect(targetMatchesCluster({ clusterGroup: 'group1' }, prod, [groupA, groupB])).toBe(true);
    expect(targetMatchesCluster({ clusterGroup: 'group3' }, prod, [groupA, groupB])).toBe(false);
    expect(targetMatchesCluster({ clusterGroupSelector: { matchLabels: { region: 'eu-west' } } }, prod, [groupA, groupB])).toBe(true);
    // Cluster labels are not group labels.
    expect(targetMatchesCluster({ clusterGroupSelector: { matchLabels: { env: 'prod' } } }, prod, [groupA])).toBe(false);
  });

  it('ANDs all criteria and evaluates group criteria against the same group', () => {
    const all = {
      clusterSelector: { matchLabels: { env: 'prod' } },
      clusterGroupSelector: { matchLabels: { region: 'us-east' } },
      clusterGroup: 'group1',
      clusterName: 'prod-1',
    };
    expect(targetMatchesCluster(all, prod, [groupA])).toBe(true);
    expect(targetMatchesCluster({ ...all, clusterName: 'other' }, prod, [groupA])).toBe(false);
    expect(targetMatchesCluster({ ...all, clusterSelector: { matchLabels: { env: 'dev' } } }, prod, [groupA])).toBe(false);
    // group1 exists and a us-east group exists, but they are not the same group.
    expect(
      targetMatchesCluster({ clusterGroup: 'group2', clusterGroupSelector: { matchLabels: { region: 'us-east' } } }, prod, [groupA, groupB]),
    ).toBe(false);
  });

  it('lets an empty group selector match even a cluster without groups', () => {
    expect(targetMatchesCluster({ clusterGroupSelector: {} }, prod, [])).toBe(true);
    expect(targetMatchesCluster({ clusterGroupSelector: { matchLabels: { a: 'b' } } }, prod, [])).toBe(false);
  });

  it('treats an unconvertible selector as no match', () => {
    expect(targetMatchesCluster({ clusterSelector: { matchExpressions: [{ key: 'env', operator: 'Gt', values: ['1'] }] } }, prod, [])).toBe(
      false,
    );
  });

  it('supports set-based selectors (dashboard "all clusters" target)', () => {
    const allButHarvester = { clusterSelector: { matchExpressions: [{ key: 'provider.cattle.io', operator: 'NotIn', values: ['harvester'] }] } };
    expect(targetMatchesCluster(allButHarvester, prod, [])).toBe(true);
    expect(targetMatchesCluster(allButHarvester, cluster('h', { 'provider.cattle.io': 'harvester' }), [])).toBe(false);
  });
});

// -------------------------------------------------------------------------------------------------
// Bundle matching
// -------------------------------------------------------------------------------------------------

describe('matchBundleForCluster', () => {
  // fleet-examples multi-cluster/helm: fleet.yaml customizations first, GitRepo targets appended
  // and copied into targetRestrictions.
  const gitTargets = [
    { name: 'dev', clusterSelector: { matchLabels: { env: 'dev' } } },
    { name: 'test', clusterSelector: { matchLabels: { env: 'test' } } },
    { name: 'prod', clusterSelector: { matchLabels: { env: 'prod' } } },
  ];
  const multiClusterHelm: BundleSpec = {
    namespace: 'fleet-mc-helm-example',
    helm: { chart: './chart', values: { replicas: 1, service: { type: 'ClusterIP', port: 80 } } },
    targets: [
      { name: 'dev', helm: { values: { replication: false } }, clusterSelector: { matchLabels: { env: 'dev' } } },
      { name: 'test', helm: { values: { replicas: 3 } }, clusterSelector: { matchLabels: { env: 'test' } } },
      { name: 'prod', helm: { values: { serviceType: 'LoadBalancer', replicas: 3 } }, clusterSelector: { matchLabels: { env: 'prod' } } },
      ...gitTargets,
    ],
    targetRestrictions: gitTargets,
  };

  it('applies the first matching customization over the bundle options', () => {
    const match = matchBundleForCluster(multiClusterHelm, cluster('p', { env: 'prod' }), []);
    expect(match?.targetName).toBe('prod');
    expect(match?.doNotDeploy).toBe(false);
    expect(match?.options).toEqual({
      namespace: 'fleet-mc-helm-example',
      helm: { chart: './chart', values: { replicas: 3, serviceType: 'LoadBalancer', service: { type: 'ClusterIP', port: 80 } } },
    });
    expect(match?.customizations.map((t) => t.name)).toEqual(['prod']);
  });

  it('does not deploy to clusters no GitRepo target selects', () => {
    expect(matchBundleForCluster(multiClusterHelm, cluster('x', { env: 'staging' }), [])).toBeUndefined();
  });

  it('never lets a customization add clusters the restrictions do not admit', () => {
    const spec: BundleSpec = {
      targets: [{ name: 'custom', clusterSelector: { matchLabels: { env: 'dev' } } }, { name: 'git', clusterGroup: 'default' }],
      targetRestrictions: [{ name: 'git', clusterGroup: 'default' }],
    };
    expect(matchBundleForCluster(spec, cluster('d', { env: 'dev' }), [])).toBeUndefined();
  });

  it('treats every target as regular when there are no restrictions (CLI / HelmOp bundles)', () => {
    const spec: BundleSpec = { targets: [{ name: 'custom', clusterSelector: { matchLabels: { env: 'dev' } } }] };
    expect(matchBundleForCluster(spec, cluster('d', { env: 'dev' }), [])?.targetName).toBe('custom');
  });

  it('deploys a target-less fleet-local GitRepo to the local cluster via the default group', () => {
    const spec: BundleSpec = { defaultNamespace: 'default', targets: defaultTargets(), targetRestrictions: defaultTargets() };
    const groups = clusterGroupsForCluster(local, [defaultGroup]);
    expect(matchBundleForCluster(spec, local, groups)).toMatchObject({ targetName: 'default', options: { defaultNamespace: 'default' } });
    // fleet-default has no default group: the same bundle deploys nowhere.
    expect(matchBundleForCluster(spec, cluster('downstream'), [])).toBeUndefined();
  });

  it('merges all matching targets in order with AllMatches', () => {
    const spec: BundleSpec = {
      targetCustomizationMode: 'AllMatches',
      helm: { values: { a: 0 } },
      targets: [
        { name: 'region', helm: { values: { a: 1, region: 'eu' } }, clusterSelector: { matchLabels: { region: 'eu' } } },
        { name: 'env', helm: { values: { a: 2, env: 'prod' } }, yaml: { overlays: ['prod'] }, clusterSelector: { matchLabels: { env: 'prod' } } },
        { name: 'other', helm: { values: { a: 3 } }, clusterSelector: { matchLabels: { env: 'dev' } } },
        { name: 'all', clusterSelector: {} },
      ],
      targetRestrictions: [{ name: 'all', clusterSelector: {} }],
    };
    const match = matchBundleForCluster(spec, cluster('c', { env: 'prod', region: 'eu' }), []);
    expect(match?.targetName).toBe('region');
    expect(match?.customizations.map((t) => t.name)).toEqual(['region', 'env', 'all']);
    expect(match?.options).toEqual({ helm: { values: { a: 2, region: 'eu', env: 'prod' } }, yaml: { overlays: ['prod'] } });
    // FirstMatch (default) only takes the first.
    const first = matchBundleForCluster({ ...spec, targetCustomizationMode: undefined }, cluster('c', { env: 'prod', region: 'eu' }), []);
    expect(first?.options).toEqual({ helm: { values: { a: 1, region: 'eu' } } });
  });

  it('skips clusters where the chosen or any matching target says doNotDeploy', () => {
    const restrictions = [{ name: 'all', clusterSelector: {} }];
    const chosen: BundleSpec = { targets: [{ name: 'skip', clusterName: 'c', doNotDeploy: true }, { name: 'all', clusterSelector: {} }], targetRestrictions: restrictions };
    expect(matchBundleForCluster(chosen, cluster('c'), [])).toMatchObject({ targetName: 'skip', doNotDeploy: true });
    const later: BundleSpec = { targets: [{ name: 'all', clusterSelector: {} }, { name: 'skip', clusterName: 'c', doNotDeploy: true }], targetRestrictions: restrictions };
    expect(matchBundleForCluster(later, cluster('c'), [])).toMatchObject({ targetName: 'all', doNotDeploy: true });
    expect(matchBundleForCluster(later, cluster('d'), [])).toMatchObject({ targetName: 'all', doNotDeploy: false });
  });

  it('sets the allowed target namespace selector when restrictions carry one', () => {
    const spec: BundleSpec = { targets: [{ name: 'all', clusterSelector: {} }] };
    const selector = { matchLabels: { team: 'frontend' } };
    expect(matchBundleForCluster(spec, cluster('c'), [], { allowedTargetNamespaceSelector: selector })?.options).toEqual({
      allowedTargetNamespaceSelector: selector,
    });
  });

  it('drops non-option fields from the bundle spec', () => {
    const spec: BundleSpec = {
      paused: true,
      resources: [{ name: 'a.yaml', content: 'x' }],
      rolloutStrategy: { maxNew: 1 },
      dependsOn: [{ name: 'db' }],
      serviceAccount: 'sa',
      targets: [{ name: 'all', clusterSelector: {} }],
    };
    expect(matchBundleForCluster(spec, cluster('c'), [])?.options).toEqual({ serviceAccount: 'sa' });
  });

  it('fails the whole bundle on an unconvertible selector', () => {
    const spec: BundleSpec = {
      targets: [{ name: 'ok', clusterSelector: {} }],
      targetRestrictions: [{ name: 'bad', clusterSelector: { matchExpressions: [{ key: 'a', operator: 'Bogus' }] } }],
    };
    expect(() => createBundleMatcher(spec)).toThrow(TargetSelectorError);
    expect(() => matchBundleForCluster(spec, cluster('c'), [])).toThrow('"Bogus" is not a valid label selector operator');
  });

  it('does not mutate the bundle spec', () => {
    const snapshot = structuredClone(multiClusterHelm);
    const match = matchBundleForCluster(multiClusterHelm, cluster('p', { env: 'prod' }), []);
    (match?.options.helm?.values as Record<string, unknown>).replicas = 99;
    expect(multiClusterHelm).toEqual(snapshot);
  });
});

// -------------------------------------------------------------------------------------------------
// Option merging
// -------------------------------------------------------------------------------------------------

describe('mergeBundleDeploymentOptions', () => {
  it('overrides scalar strings only when the customization sets them', () => {
    expect(
      mergeBundleDeploymentOptions({ defaultNamespace: 'a', namespace: 'b', serviceAccount: 'c' }, { defaultNamespace: '', namespace: 'x' }),
    ).toEqual({ defaultNamespace: 'a', namespace: 'x', serviceAccount: 'c' });
  });

  it('applies "-" literally, as Fleet does (its clearing branch is unreachable)', () => {
    expect(mergeBundleDeploymentOptions({ defaultNamespace: 'a', serviceAccount: 'c' }, { defaultNamespace: '-', serviceAccount: '-' })).toEqual({
      defaultNamespace: '-',
      serviceAccount: '-',
    });
  });

  it('deep-merges helm values and merges templateValues by key', () => {
    expect(
      mergeBundleDeploymentOptions(
        { helm: { values: { a: { b: 1, c: [1, 2] }, d: 'x' }, templateValues: { t1: 'a', t2: 'b' } } },
        { helm: { values: { a: { c: [3], e: true }, d: null }, templateValues: { t2: 'B' } } },
      ),
    ).toEqual({ helm: { values: { a: { b: 1, c: [3], e: true }, d: null }, templateValues: { t1: 'a', t2: 'B' } } });
    expect(mergeBundleDeploymentOptions({}, { helm: { values: { a: 1 } } })).toEqual({ helm: { values: { a: 1 } } });
  });

  it('handles timeoutSeconds: > 0 overrides, < 0 clears, 0 keeps', () => {
    expect(mergeBundleDeploymentOptions({ helm: { timeoutSeconds: 30 } }, { helm: { timeoutSeconds: 60 } })).toEqual({ helm: { timeoutSeconds: 60 } });
    expect(mergeBundleDeploymentOptions({ helm: { timeoutSeconds: 30 } }, { helm: { timeoutSeconds: -1 } })).toEqual({ helm: {} });
    expect(mergeBundleDeploymentOptions({ helm: { timeoutSeconds: 30 } }, { helm: {} })).toEqual({ helm: { timeoutSeconds: 30 } });
  });

  it('overrides helm strings when non-empty, ORs helm flags, ignores the other helm fields', () => {
    expect(
      mergeBundleDeploymentOptions(
        { helm: { chart: 'c', repo: 'r', version: '1', releaseName: 'rel', force: true, maxHistory: 5, valuesFiles: ['a.yaml'] } },
        {
          helm: {
            chart: '',
            version: '2',
            releaseName: 'other',
            force: false,
            atomic: true,
            takeOwnership: true,
            disablePreProcess: true,
            waitForJobs: true,
            disableDNS: true,
            maxHistory: 9,
            valuesFiles: ['b.yaml'],
            skipSchemaValidation: true,
          },
        },
      ),
    ).toEqual({
      helm: {
        chart: 'c',
        repo: 'r',
        version: '2',
        releaseName: 'other',
        force: true,
        maxHistory: 5,
        valuesFiles: ['a.yaml'],
        atomic: true,
        takeOwnership: true,
        disablePreProcess: true,
        waitForJobs: true,
        disableDNS: true,
      },
    });
  });

  it('merges valuesFrom uniquely by reference, custom wins, key-less entries appended', () => {
    const cm = (name: string, key: string) => ({ configMapKeyRef: { name, namespace: 'ns', key } });
    expect(
      mergeBundleDeploymentOptions(
        { helm: { valuesFrom: [cm('a', 'values.yaml'), { secretKeyRef: { name: 's', key: 'k' } }] } },
        { helm: { valuesFrom: [cm('a', 'values.yaml'), cm('b', 'v'), cm('b', 'v'), {}] } },
      ).helm?.valuesFrom,
    ).toEqual([cm('a', 'values.yaml'), { secretKeyRef: { name: 's', key: 'k' } }, cm('b', 'v'), {}]);
  });

  it('merges comparePatches and downstreamResources uniquely, appends overlays', () => {
    expect(
      mergeBundleDeploymentOptions(
        {
          diff: { comparePatches: [{ apiVersion: 'v1', kind: 'Service', name: 'a', jsonPointers: ['/x'] }] },
          yaml: { overlays: ['base'] },
          downstreamResources: [{ kind: 'Secret', name: 's' }],
        },
        {
          diff: { comparePatches: [{ apiVersion: 'v1', kind: 'Service', name: 'a', jsonPointers: ['/y'] }, { kind: 'ConfigMap', name: 'b' }] },
          yaml: { overlays: ['prod'] },
          downstreamResources: [{ kind: 'secret', name: 's' }, { kind: 'ConfigMap', name: 'c' }],
        },
      ),
    ).toEqual({
      diff: { comparePatches: [{ apiVersion: 'v1', kind: 'Service', name: 'a', jsonPointers: ['/y'] }, { kind: 'ConfigMap', name: 'b' }] },
      yaml: { overlays: ['base', 'prod'] },
      downstreamResources: [{ kind: 'secret', name: 's' }, { kind: 'ConfigMap', name: 'c' }],
    });
  });

  it('creates empty kustomize/yaml/diff/helm blocks when the customization has them', () => {
    expect(mergeBundleDeploymentOptions({}, { kustomize: {}, yaml: {}, diff: {}, helm: {} })).toEqual({ kustomize: {}, yaml: {}, diff: {}, helm: {} });
    expect(mergeBundleDeploymentOptions({ kustomize: { dir: 'base' } }, { kustomize: { dir: 'overlays/prod' } })).toEqual({
      kustomize: { dir: 'overlays/prod' },
    });
  });

  it('handles generation, keepResources, correctDrift and namespace metadata', () => {
    expect(
      mergeBundleDeploymentOptions(
        {
          forceSyncGeneration: 2,
          keepResources: true,
          correctDrift: { enabled: true, force: true },
          namespaceLabels: { a: '1', b: '2' },
          createNamespace: true,
          deleteNamespace: false,
        },
        {
          forceSyncGeneration: 0,
          keepResources: false,
          correctDrift: { enabled: false },
          namespaceLabels: { b: 'B' },
          namespaceAnnotations: { n: 'x' },
          createNamespace: false,
          deleteNamespace: true,
          deleteCRDResources: true,
        },
      ),
    ).toEqual({
      forceSyncGeneration: 2,
      keepResources: true,
      correctDrift: { enabled: false },
      namespaceLabels: { a: '1', b: 'B' },
      namespaceAnnotations: { n: 'x' },
      createNamespace: true,
      deleteNamespace: false,
    });
    expect(mergeBundleDeploymentOptions({ forceSyncGeneration: 2 }, { forceSyncGeneration: 5 }).forceSyncGeneration).toBe(5);
  });

  it('does not mutate its inputs', () => {
    const base = { helm: { values: { a: { b: 1 } } }, yaml: { overlays: ['x'] } };
    const custom = { helm: { values: { a: { c: 2 } } }, yaml: { overlays: ['y'] } };
    const snapshots = [structuredClone(base), structuredClone(custom)];
    mergeBundleDeploymentOptions(base, custom);
    expect([base, custom]).toEqual(snapshots);
  });

  it('exposes wrangler MergeMaps semantics', () => {
    expect(mergeValues({ a: { b: 1 }, c: 1 }, { a: 'flat', d: { e: 1 } })).toEqual({ a: 'flat', c: 1, d: { e: 1 } });
  });

  it('picks only option fields', () => {
    expect(bundleDeploymentOptionsOf({ name: 't', clusterSelector: {}, doNotDeploy: true, helm: {}, targets: [] } as never)).toEqual({ helm: {} });
    expect(bundleDeploymentOptionsOf(undefined)).toEqual({});
  });
});

// -------------------------------------------------------------------------------------------------
// BundleDeployment labels
// -------------------------------------------------------------------------------------------------

describe('bundleDeploymentLabels', () => {
  it('keeps user and fleet labels, drops other cattle/kubectl labels, adds the BD labels', () => {
    const bundle: Pick<Bundle, 'metadata'> = {
      metadata: {
        name: 'simple-simple',
        namespace: 'fleet-local',
        labels: {
          app: 'web',
          'fleet.cattle.io/repo-name': 'simple',
          'fleet.cattle.io/commit': 'abc',
          'management.cattle.io/cluster-name': 'c-1',
          'objectset.rio.cattle.io/hash': 'h',
          'kubectl.kubernetes.io/last-applied-configuration': '{}',
        },
      },
    };
    expect(bundleDeploymentLabels(bundle, 'fleet-local', 'local')).toEqual({
      app: 'web',
      'fleet.cattle.io/repo-name': 'simple',
      'fleet.cattle.io/commit': 'abc',
      'fleet.cattle.io/bundle-name': 'simple-simple',
      'fleet.cattle.io/bundle-namespace': 'fleet-local',
      'fleet.cattle.io/managed': 'true',
      'fleet.cattle.io/cluster-namespace': 'fleet-local',
      'fleet.cattle.io/cluster': 'local',
    });
    expect(cleanLabelsForExport(undefined)).toEqual({});
  });
});

// -------------------------------------------------------------------------------------------------
// BundleNamespaceMapping
// -------------------------------------------------------------------------------------------------

describe('namespacesForBundle', () => {
  const bundle: Pick<Bundle, 'metadata'> = { metadata: { name: 'b', namespace: 'typically-unique', labels: { foo: 'bar' } } };
  const mapping = (name: string, fields: Partial<BundleNamespaceMapping>, namespace = 'typically-unique'): BundleNamespaceMapping => ({
    apiVersion: 'fleet.cattle.io/v1alpha1',
    kind: 'BundleNamespaceMapping',
    metadata: { name, namespace },
    ...fields,
  });
  const namespaces = [
    { metadata: { name: 'ns-b', labels: { foo: 'bar' } } },
    { metadata: { name: 'ns-a', labels: { foo: 'bar' } } },
    { metadata: { name: 'ns-c', labels: { foo: 'baz' } } },
    { metadata: { name: 'ns-d' } },
  ];

  it('adds the namespaces selected by a matching mapping, sorted', () => {
    const m = mapping('not-important', { bundleSelector: { matchLabels: { foo: 'bar' } }, namespaceSelector: { matchLabels: { foo: 'bar' } } });
    expect(bundleMappingMatches(m, bundle)).toBe(true);
    expect(namespacesForBundle(bundle, [m], namespaces)).toEqual(['ns-a', 'ns-b', 'typically-unique']);
  });

  it('requires both selectors', () => {
    expect(namespacesForBundle(bundle, [mapping('m', { bundleSelector: {} })], namespaces)).toEqual(['typically-unique']);
    expect(namespacesForBundle(bundle, [mapping('m', { namespaceSelector: {} })], namespaces)).toEqual(['typically-unique']);
  });

  it('matches everything with empty selectors', () => {
    expect(namespacesForBundle(bundle, [mapping('m', { bundleSelector: {}, namespaceSelector: {} })], namespaces)).toEqual([
      'ns-a',
      'ns-b',
      'ns-c',
      'ns-d',
      'typically-unique',
    ]);
  });

  it('ignores mappings of other namespaces, non-matching bundles and invalid selectors', () => {
    expect(namespacesForBundle(bundle, [mapping('m', { bundleSelector: {}, namespaceSelector: {} }, 'other')], namespaces)).toEqual([
      'typically-unique',
    ]);
    expect(
      namespacesForBundle(bundle, [mapping('m', { bundleSelector: { matchLabels: { foo: 'nope' } }, namespaceSelector: {} })], namespaces),
    ).toEqual(['typically-unique']);
    expect(
      namespacesForBundle(
        bundle,
        [mapping('m', { bundleSelector: { matchExpressions: [{ key: 'foo', operator: 'Bogus' }] }, namespaceSelector: {} })],
        namespaces,
      ),
    ).toEqual(['typically-unique']);
  });
});

// -------------------------------------------------------------------------------------------------
// GitRepoRestriction
// -------------------------------------------------------------------------------------------------

describe('GitRepoRestriction', () => {
  const restriction = (name: string, fields: Partial<GitRepoRestriction> = {}): GitRepoRestriction => ({
    apiVersion: 'fleet.cattle.io/v1alpha1',
    kind: 'GitRepoRestriction',
    metadata: { name, namespace: 'project1' },
    ...fields,
  });
  const repo = (spec: Record<string, string>) => ({ spec: { repo: 'https://github.com/rancher/fleet-examples', ...spec } });

  it('accepts everything unchanged without restrictions', () => {
    expect(evaluateRestrictions(repo({ serviceAccount: 'x' }), [])).toEqual({
      accepted: true,
      effective: { serviceAccount: 'x', clientSecretName: '', targetNamespace: '', repo: 'https://github.com/rancher/fleet-examples' },
    });
  });

  it('aggregates by name: first non-empty default, concatenated allow-lists, merged selectors', () => {
    const aggregated = aggregateRestrictions([
      restriction('b', { defaultServiceAccount: 'sa-b', allowedServiceAccounts: ['sa-b'], allowedTargetNamespaceSelector: { matchLabels: { team: 'b', x: '1' } } }),
      restriction('a', { defaultServiceAccount: '', defaultClientSecretName: 'secret-a', allowedServiceAccounts: ['sa-a'], allowedTargetNamespaceSelector: { matchLabels: { team: 'a' } } }),
      restriction('c', { defaultServiceAccount: 'sa-c', allowedRepoPatterns: ['^https://'], allowedTargetNamespaces: ['ns1'] }),
    ]);
    expect(aggregated).toEqual({
      defaultServiceAccount: 'sa-b',
      defaultClientSecretName: 'secret-a',
      allowedServiceAccounts: ['sa-a', 'sa-b'],
      allowedClientSecretNames: [],
      allowedRepoPatterns: ['^https://'],
      allowedTargetNamespaces: ['ns1'],
      allowedTargetNamespaceSelector: { matchLabels: { team: 'b', x: '1' } },
    });
  });

  it('fills defaults into empty fields without checking them against the allow-list', () => {
    expect(
      evaluateRestrictions(repo({}), [
        restriction('r', { defaultServiceAccount: 'deployer', allowedServiceAccounts: ['other'], defaultClientSecretName: 'git-creds' }),
      ]),
    ).toEqual({
      accepted: true,
      effective: { serviceAccount: 'deployer', clientSecretName: 'git-creds', targetNamespace: '', repo: 'https://github.com/rancher/fleet-examples' },
    });
  });

  it.each([
    [{}, { allowedTargetNamespaces: ['ns1'] }, 'empty targetNamespace denied, because allowedTargetNamespaces restriction is present'],
    [
      {},
      { allowedTargetNamespaceSelector: { matchLabels: { team: 'frontend' } } },
      'empty targetNamespace denied, because allowedTargetNamespaceSelector restriction is present',
    ],
    [{ targetNamespace: 'ns3' }, { allowedTargetNamespaces: ['ns1', 'ns2'] }, 'disallowed targetNamespace ns3: ns3 not in allowed set [ns1 ns2]'],
    [{ serviceAccount: 'admin' }, { allowedServiceAccounts: ['deployer'] }, 'disallowed serviceAccount admin: admin not in allowed set [deployer]'],
    [
      {},
      { allowedRepoPatterns: ['^https://gitlab\\.example\\.com/'] },
      'disallowed repo https://github.com/rancher/fleet-examples: https://github.com/rancher/fleet-examples not in allowed set [^https://gitlab\\.example\\.com/]',
    ],
    [
      { clientSecretName: 'mine' },
      { allowedClientSecretNames: ['a', 'b'] },
      'disallowed clientSecretName mine: mine not in allowed set [a b]',
    ],
    [{}, { allowedRepoPatterns: ['(unclosed'] }, /^disallowed repo https:\/\/github\.com\/rancher\/fleet-examples: GitRepoRestriction failed to compile regex '\(unclosed': /],
  ] as const)('rejects %j under %j', (spec, fields, message) => {
    const result = evaluateRestrictions(repo(spec), [restriction('r', fields as Partial<GitRepoRestriction>)]);
    expect(result.accepted).toBe(false);
    expect(result.message).toMatch(typeof message === 'string' ? new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : message);
  });

  it('checks in Fleet order (target namespace before service account)', () => {
    const result = evaluateRestrictions(repo({ serviceAccount: 'bad' }), [
      restriction('r', { allowedTargetNamespaces: ['ns1'], allowedServiceAccounts: ['good'] }),
    ]);
    expect(result.message).toBe('empty targetNamespace denied, because allowedTargetNamespaces restriction is present');
  });

  it('matches repo patterns unanchored, verbatim, and with a leading Go flag group', () => {
    const accepted = (pattern: string) => evaluateRestrictions(repo({}), [restriction('r', { allowedRepoPatterns: [pattern] })]).accepted;
    expect(accepted('github.com/rancher')).toBe(true);
    expect(accepted('https://github.com/rancher/fleet-examples')).toBe(true);
    expect(accepted('(?i)GITHUB\\.COM')).toBe(true);
    expect(accepted('^github')).toBe(false);
  });

  it('accepts a compliant GitRepo and returns the selector to propagate', () => {
    const selector = { matchLabels: { team: 'frontend' } };
    expect(
      evaluateRestrictions(repo({ targetNamespace: 'web', serviceAccount: 'deployer' }), [
        restriction('r', { allowedTargetNamespaceSelector: selector, allowedServiceAccounts: ['deployer'] }),
      ]),
    ).toEqual({
      accepted: true,
      effective: { serviceAccount: 'deployer', clientSecretName: '', targetNamespace: 'web', repo: 'https://github.com/rancher/fleet-examples' },
      allowedTargetNamespaceSelector: selector,
    });
  });
});

describe('mergeLabelSelectors', () => {
  it('skips nil, lets later matchLabels win and dedups identical expressions', () => {
    expect(mergeLabelSelectors(undefined, null)).toBeUndefined();
    const first = { matchLabels: { a: '1' }, matchExpressions: [{ key: 'x', operator: 'In', values: ['1', '2'] }] };
    const merged = mergeLabelSelectors(first, { matchLabels: { a: '2', b: '3' } }, {
      matchExpressions: [
        { key: 'x', operator: 'In', values: ['1', '2'] },
        { key: 'y', operator: 'Exists' },
      ],
    });
    expect(merged).toEqual({
      matchLabels: { a: '2', b: '3' },
      matchExpressions: [
        { key: 'x', operator: 'In', values: ['1', '2'] },
        { key: 'y', operator: 'Exists' },
      ],
    });
    expect(first).toEqual({ matchLabels: { a: '1' }, matchExpressions: [{ key: 'x', operator: 'In', values: ['1', '2'] }] });
  });
});
