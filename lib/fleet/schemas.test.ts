import { describe, expect, it } from 'vitest';

import {
  FLEET_GROUP,
  FLEET_RESOURCES,
  FLEET_VERSION,
  fleetResourceByKind,
  fleetResourceByPlural,
  type FleetKind,
} from './resources';
import {
  FLEET_SPEC_SCHEMAS,
  FLEET_VALIDATORS,
  applyFleetDefaults,
  formatFieldPath,
  gitRepoSpecSchema,
  labelSelectorSchema,
  validateFleetObject,
  validateFleetSpec,
  zodIssuesToFieldErrors,
} from './schemas';
import type { GitRepo } from './types';

const API_VERSION = 'fleet.cattle.io/v1alpha1';

function gitRepo(spec: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { apiVersion: API_VERSION, kind: 'GitRepo', metadata: { name: 'demo', namespace: 'fleet-local' }, spec, ...extra };
}

const simpleSpec = { repo: 'https://github.com/rancher/fleet-examples', paths: ['simple'] };

/** Errors as `field: message` lines, which reads well in assertions. */
function lines(kind: string, object: unknown): string[] {
  return validateFleetObject(kind, object).map((error) => `${error.field}: ${error.message}`);
}

// ---------------------------------------------------------------------------------------------
// Valid objects (the example manifests of Fleet's docs and fleet-examples)
// ---------------------------------------------------------------------------------------------

const VALID_EXAMPLES: Array<[string, Record<string, unknown>]> = [
  [
    'GitRepo simple (fleet-examples simple/)',
    gitRepo(simpleSpec),
  ],
  [
    'GitRepo with three label-selected targets',
    gitRepo({
      repo: 'https://github.com/rancher/fleet-examples',
      paths: ['multi-cluster/helm'],
      targets: [
        { name: 'dev', clusterSelector: { matchLabels: { env: 'dev' } } },
        { name: 'test', clusterSelector: { matchLabels: { env: 'test' } } },
        { name: 'prod', clusterSelector: { matchLabels: { env: 'prod' } } },
      ],
    }),
  ],
  [
    'GitRepo with every target criterion',
    gitRepo({
      repo: 'https://github.com/rancher/fleet-examples',
      paths: ['simple'],
      targets: [
        {
          name: 'prod',
          clusterSelector: { matchLabels: { env: 'prod' } },
          clusterGroupSelector: { matchLabels: { region: 'us-east' } },
          clusterGroup: 'group1',
          clusterName: 'cluster1',
        },
      ],
    }),
  ],
  [
    'GitRepo over SSH',
    gitRepo({ repo: 'git@github.com:rancher/fleet-examples', clientSecretName: 'ssh-key', paths: ['simple'] }),
  ],
  [
    'GitRepo webhook-only',
    gitRepo({ ...simpleSpec, disablePolling: true, webhookSecret: 'webhook-secret-name' }),
  ],
  [
    'GitRepo with every spec field the UI writes',
    gitRepo({
      repo: 'https://github.com/0xavi0/fleet-test-data',
      branch: 'driven-scan-example',
      targetNamespace: 'apps',
      clientSecretName: 'auth-abcde',
      helmSecretName: 'helm-auth',
      helmSecretNameForPaths: 'helm-paths',
      helmRepoURLRegex: 'https://charts\\.example\\.com/.*',
      caBundle: Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n').toString('base64'),
      insecureSkipTLSVerify: false,
      paused: false,
      serviceAccount: 'deployer',
      pollingInterval: '60s',
      forceSyncGeneration: 3,
      imageScanInterval: '5m',
      imageScanCommit: { authorName: 'fleet', authorEmail: 'fleet@example.com', messageTemplate: 'bump' },
      keepResources: true,
      deleteNamespace: false,
      correctDrift: { enabled: true, force: false, keepFailHistory: true },
      ociRegistrySecret: 'oci-storage',
      bundles: [
        { base: 'driven/helm' },
        { base: 'driven/simple' },
        { base: 'driven/kustomize', options: 'dev.yaml' },
        { base: 'driven/kustomize', options: 'test.yaml' },
      ],
      targets: [{ name: 'default', clusterGroup: 'default' }],
    }),
  ],
  [
    'ClusterGroup production-group',
    {
      apiVersion: API_VERSION,
      kind: 'ClusterGroup',
      metadata: { name: 'production-group', namespace: 'clusters' },
      spec: { selector: { matchLabels: { env: 'prod' } } },
    },
  ],
  [
    'ClusterGroup default in fleet-local',
    {
      apiVersion: API_VERSION,
      kind: 'ClusterGroup',
      metadata: { name: 'default', namespace: 'fleet-local' },
      spec: { selector: { matchLabels: { name: 'local' } } },
    },
  ],
  [
    'Cluster registered by the manager',
    {
      apiVersion: API_VERSION,
      kind: 'Cluster',
      metadata: { name: 'my-cluster', namespace: 'clusters', labels: { demo: 'true', env: 'dev' } },
      spec: { kubeConfigSecret: 'my-cluster-kubeconfig' },
    },
  ],
  [
    'ClusterRegistrationToken',
    {
      apiVersion: API_VERSION,
      kind: 'ClusterRegistrationToken',
      metadata: { name: 'new-token', namespace: 'clusters' },
      spec: { ttl: '240h' },
    },
  ],
  [
    'GitRepoRestriction',
    {
      apiVersion: API_VERSION,
      kind: 'GitRepoRestriction',
      metadata: { name: 'restriction', namespace: 'project1' },
      allowedTargetNamespaceSelector: { matchLabels: { team: 'frontend' } },
    },
  ],
  [
    'BundleNamespaceMapping',
    {
      apiVersion: API_VERSION,
      kind: 'BundleNamespaceMapping',
      metadata: { name: 'not-important', namespace: 'typically-unique' },
      bundleSelector: { matchLabels: { foo: 'bar' } },
      namespaceSelector: { matchLabels: { foo: 'bar' } },
    },
  ],
  [
    'HelmOp',
    {
      apiVersion: API_VERSION,
      kind: 'HelmOp',
      metadata: { name: 'my-awesome-helmop', namespace: 'fleet-local' },
      spec: {
        helm: {
          releaseName: 'my-fantastic-chart',
          repo: 'https://foo.bar/baz',
          chart: 'fantastic-chart',
          version: '',
        },
        namespace: 'that-amazing-namespace',
        helmSecretName: 'my-top-secret-helm-access',
        insecureSkipTLSVerify: false,
      },
    },
  ],
  [
    'Bundle with targets, customizations, rollout and dependencies',
    {
      apiVersion: API_VERSION,
      kind: 'Bundle',
      metadata: { name: 'helm-multi-cluster-helm', namespace: 'fleet-default' },
      spec: {
        namespace: 'fleet-mc-helm-example',
        helm: { chart: 'guestbook', releaseName: 'guestbook', values: { replicas: 2, nested: { a: [1, 2] } } },
        targets: [
          { name: 'dev', helm: { values: { replication: false } }, clusterSelector: { matchLabels: { env: 'dev' } } },
          { name: 'prod', doNotDeploy: true, clusterGroup: 'prod' },
        ],
        targetRestrictions: [{ name: 'dev', clusterSelector: { matchLabels: { env: 'dev' } } }],
        dependsOn: [{ name: 'crds' }, { selector: { matchLabels: { app: 'db' } }, acceptedStates: ['Ready', 'Modified'] }],
        rolloutStrategy: {
          maxUnavailable: '10%',
          maxUnavailablePartitions: 0,
          autoPartitionSize: '25%',
          partitions: [{ name: 'canary', maxUnavailable: 1, clusterName: 'c1' }],
        },
        diff: {
          comparePatches: [
            {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              name: 'frontend',
              namespace: 'default',
              jsonPointers: ['/spec/replicas'],
              operations: [{ op: 'remove', path: '/spec/template/metadata/annotations' }],
            },
          ],
        },
        ignore: { conditions: [{ type: 'Active', status: 'False' }] },
        resources: [{ name: 'fleet.yaml', content: 'namespace: x\n' }, { name: 'chart.tgz', encoding: 'base64+gz', content: 'H4sI' }],
        targetCustomizationMode: 'AllMatches',
        helmOpOptions: { helmOpSecretName: 'creds', helmOpInsecureSkipTLSVerify: true },
      },
    },
  ],
  [
    'BundleDeployment',
    {
      apiVersion: API_VERSION,
      kind: 'BundleDeployment',
      metadata: { name: 'simple-simple', namespace: 'cluster-fleet-local-local-1a3d67d0a899' },
      spec: {
        deploymentID: 's-0123:abcd',
        stagedDeploymentID: 's-0123:abcd',
        options: { defaultNamespace: 'default', helm: { releaseName: 'simple-simple' } },
        stagedOptions: { defaultNamespace: 'default' },
        dependsOn: [{ name: 'crds', acceptedStates: ['Ready'] }],
        offSchedule: false,
        downstreamResourcesGeneration: 1,
      },
      status: {
        conditions: [{ type: 'Ready', status: 'True' }],
        display: { deployed: 'True', monitored: 'True', state: 'Ready' },
        ready: true,
        nonModified: true,
      },
    },
  ],
  [
    'ImageScan',
    {
      apiVersion: API_VERSION,
      kind: 'ImageScan',
      metadata: { name: 'scan', namespace: 'fleet-local' },
      spec: { image: 'ghcr.io/acme/app', interval: '5m', tagName: 'app', policy: { semver: { range: '>=1.0.0' } } },
    },
  ],
  [
    'Schedule',
    {
      apiVersion: API_VERSION,
      kind: 'Schedule',
      metadata: { name: 'nightly', namespace: 'fleet-default' },
      spec: {
        schedule: '0 2 * * *',
        duration: '1h30m',
        location: 'Europe/Berlin',
        targets: { clusters: [{ name: 'prod', clusterSelector: { matchLabels: { env: 'prod' } } }] },
      },
    },
  ],
  [
    'Content (cluster-scoped, top-level fields)',
    {
      apiVersion: API_VERSION,
      kind: 'Content',
      metadata: { name: 's-0123' },
      content: Buffer.from('manifest').toString('base64'),
      sha256sum: 'abc',
      status: { referenceCount: 2 },
    },
  ],
  [
    'FleetWorkspace',
    { apiVersion: 'management.cattle.io/v3', kind: 'FleetWorkspace', metadata: { name: 'fleet-default' } },
  ],
];

describe('validateFleetObject: valid objects', () => {
  it.each(VALID_EXAMPLES)('%s', (_name, object) => {
    expect(validateFleetObject(object.kind as string, object)).toEqual([]);
  });

  it('accepts a GitRepo without spec, as the CRD does (spec is not required)', () => {
    expect(validateFleetObject('GitRepo', { apiVersion: API_VERSION, kind: 'GitRepo', metadata: { name: 'x' } })).toEqual([]);
  });

  it('treats null on optional fields as absent (the apiserver prunes them)', () => {
    expect(lines('GitRepo', gitRepo({ ...simpleSpec, branch: null, targets: null, correctDrift: null }))).toEqual([]);
  });

  it('accepts null for ImageScan image/interval, which are required but nullable', () => {
    const object = { kind: 'ImageScan', metadata: { name: 's' }, spec: { image: null, interval: null } };
    expect(validateFleetObject('ImageScan', object)).toEqual([]);
  });

  it('accepts the duration literal "0" and fractional durations', () => {
    expect(lines('GitRepo', gitRepo({ ...simpleSpec, pollingInterval: '0' }))).toEqual([]);
    expect(lines('GitRepo', gitRepo({ ...simpleSpec, pollingInterval: '1.5h' }))).toEqual([]);
  });

  it('accepts a typed GitRepo value', () => {
    const repo: GitRepo = {
      apiVersion: API_VERSION,
      kind: 'GitRepo',
      metadata: { name: 'typed', namespace: 'fleet-local' },
      spec: { repo: 'https://example.com/r.git', targets: [{ clusterGroup: 'default' }] },
      status: { readyClusters: 0, desiredReadyClusters: 0, display: { readyBundleDeployments: '0/0' } },
    };
    expect(validateFleetObject('GitRepo', repo)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Unknown fields
// ---------------------------------------------------------------------------------------------

describe('unknown fields', () => {
  it('are accepted at every level', () => {
    const object = gitRepo(
      {
        ...simpleSpec,
        someFutureField: { anything: true },
        targets: [{ name: 'a', clusterGroup: 'g', futureTargetOption: 1, clusterSelector: { matchLabels: {}, extra: 'x' } }],
        correctDrift: { enabled: true, newKnob: 'on' },
      },
      { topLevelExtra: 42 },
    );
    expect(validateFleetObject('GitRepo', object)).toEqual([]);
  });

  it('are kept by the schemas', () => {
    const parsed = gitRepoSpecSchema.parse({ ...simpleSpec, someFutureField: 1, targets: [{ name: 'a', future: 'b' }] });
    expect(parsed.someFutureField).toBe(1);
    expect(parsed.targets?.[0]?.future).toBe('b');
  });
});

// ---------------------------------------------------------------------------------------------
// Invalid objects: paths and messages
// ---------------------------------------------------------------------------------------------

describe('validateFleetObject: invalid objects', () => {
  it('requires spec.repo', () => {
    expect(validateFleetObject('GitRepo', gitRepo({ paths: ['simple'] }))).toEqual([
      { type: 'FieldValueRequired', field: 'spec.repo', message: 'Required value' },
    ]);
  });

  it('reports a null spec.repo as missing (null is pruned from non-nullable fields)', () => {
    expect(lines('GitRepo', gitRepo({ repo: null }))).toEqual(['spec.repo: Required value']);
  });

  it('rejects an empty spec.repo (minLength 1)', () => {
    expect(validateFleetObject('GitRepo', gitRepo({ repo: '' }))).toEqual([
      {
        type: 'FieldValueInvalid',
        field: 'spec.repo',
        message: 'Invalid value: "": spec.repo in body should be at least 1 chars long',
      },
    ]);
  });

  it('reports wrong JSON types like kube-openapi', () => {
    expect(validateFleetObject('GitRepo', gitRepo({ ...simpleSpec, paused: 'string' }))).toEqual([
      {
        type: 'FieldValueTypeInvalid',
        field: 'spec.paused',
        message: 'Invalid value: "string": spec.paused in body must be of type boolean: "string"',
      },
    ]);
    expect(lines('GitRepo', gitRepo({ ...simpleSpec, forceSyncGeneration: 1.5 }))).toEqual([
      'spec.forceSyncGeneration: Invalid value: "number": spec.forceSyncGeneration in body must be of type integer: "number"',
    ]);
    expect(lines('GitRepo', gitRepo({ ...simpleSpec, paths: 'simple' }))).toEqual([
      'spec.paths: Invalid value: "string": spec.paths in body must be of type array: "string"',
    ]);
    expect(lines('GitRepo', gitRepo({ ...simpleSpec, paths: ['a', 7] }))).toEqual([
      'spec.paths[1]: Invalid value: "integer": spec.paths[1] in body must be of type string: "integer"',
    ]);
    expect(lines('GitRepo', gitRepo('not-an-object'))).toEqual([
      'spec: Invalid value: "string": spec in body must be of type object: "string"',
    ]);
  });

  it('validates duration fields with the Fleet duration rule', () => {
    const [error, ...rest] = validateFleetObject('GitRepo', gitRepo({ ...simpleSpec, pollingInterval: '1d' }));
    expect(rest).toEqual([]);
    expect(error?.field).toBe('spec.pollingInterval');
    expect(error?.type).toBe('FieldValueInvalid');
    expect(error?.message).toMatch(/^Invalid value: "1d": /);

    expect(lines('GitRepo', gitRepo({ ...simpleSpec, pollingInterval: 15 }))).toEqual([
      'spec.pollingInterval: Invalid value: "integer": spec.pollingInterval in body must be of type string: "integer"',
    ]);
    expect(validateFleetObject('GitRepo', gitRepo({ ...simpleSpec, imageScanInterval: '' }))[0]?.field).toBe(
      'spec.imageScanInterval',
    );
    expect(validateFleetObject('ClusterRegistrationToken', { kind: 'x', spec: { ttl: '2w' } })[0]?.field).toBe('spec.ttl');
    expect(validateFleetObject('Schedule', { spec: { duration: '1y' } })[0]?.field).toBe('spec.duration');
    expect(validateFleetObject('HelmOp', { spec: { pollingInterval: '3d' } })[0]?.field).toBe('spec.pollingInterval');
  });

  it('validates label selectors inside targets with Kubernetes selector rules', () => {
    const object = gitRepo({
      ...simpleSpec,
      targets: [{ name: 'x', clusterSelector: { matchExpressions: [{ key: 'env', operator: 'Equals', values: ['a'] }] } }],
    });
    const errors = validateFleetObject('GitRepo', object);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      type: 'FieldValueNotSupported',
      field: 'spec.targets[0].clusterSelector.matchExpressions[0].operator',
    });
    expect(errors[0]?.message).toMatch(/^Unsupported value: "Equals": supported values: /);

    expect(
      lines('GitRepo', gitRepo({ ...simpleSpec, targets: [{ clusterGroupSelector: { matchExpressions: [{ key: 'a', operator: 'In' }] } }] })),
    ).toEqual([
      "spec.targets[0].clusterGroupSelector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    ]);

    const badLabel = validateFleetObject('ClusterGroup', { spec: { selector: { matchLabels: { env: 'not valid!' } } } });
    expect(badLabel).toHaveLength(1);
    expect(badLabel[0]?.field).toBe('spec.selector.matchLabels[env]');
    expect(badLabel[0]?.message).toMatch(/^Invalid value: "not valid!": /);
  });

  it('reports structural selector errors with the CRD paths', () => {
    expect(
      lines('GitRepo', gitRepo({ ...simpleSpec, targets: [{ clusterSelector: { matchExpressions: [{ operator: 'Exists' }] } }] })),
    ).toEqual(['spec.targets[0].clusterSelector.matchExpressions[0].key: Required value']);
    expect(lines('ClusterGroup', { spec: { selector: { matchLabels: { env: 1 } } } })).toEqual([
      'spec.selector.matchLabels.env: Invalid value: "integer": spec.selector.matchLabels.env in body must be of type string: "integer"',
    ]);
    expect(lines('BundleNamespaceMapping', { bundleSelector: 'app=x' })).toEqual([
      'bundleSelector: Invalid value: "string": bundleSelector in body must be of type object: "string"',
    ]);
  });

  it('checks helm.releaseName length and pattern (first failing check only)', () => {
    const long = 'a'.repeat(54);
    expect(validateFleetObject('Bundle', { spec: { helm: { releaseName: long } } })).toEqual([
      { type: 'FieldValueTooLong', field: 'spec.helm.releaseName', message: 'Too long: may not be more than 53 bytes' },
    ]);
    expect(lines('Bundle', { spec: { targets: [{ helm: { releaseName: 'Bad_Name' } }] } })).toEqual([
      `spec.targets[0].helm.releaseName: Invalid value: "Bad_Name": spec.targets[0].helm.releaseName in body should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'`,
    ]);
    expect(lines('HelmOp', { spec: { helm: { releaseName: 'a'.repeat(53) } } })).toEqual([]);
    expect(lines('BundleDeployment', { spec: { stagedOptions: { helm: { releaseName: 'UPPER' } } } })[0]).toMatch(
      /^spec\.stagedOptions\.helm\.releaseName: Invalid value: "UPPER": /,
    );
  });

  it('rejects values outside an enum', () => {
    expect(validateFleetObject('Bundle', { spec: { targetCustomizationMode: 'Sometimes' } })).toEqual([
      {
        type: 'FieldValueNotSupported',
        field: 'spec.targetCustomizationMode',
        message: 'Unsupported value: "Sometimes": supported values: "FirstMatch", "AllMatches"',
      },
    ]);
  });

  it('checks int-or-string fields', () => {
    expect(lines('Bundle', { spec: { rolloutStrategy: { maxUnavailable: true } } })).toEqual([
      'spec.rolloutStrategy.maxUnavailable: Invalid value: "boolean": spec.rolloutStrategy.maxUnavailable in body must be of type integer,string: "boolean"',
    ]);
    expect(lines('Bundle', { spec: { rolloutStrategy: { partitions: [{ maxUnavailable: 1.5 }] } } })).toEqual([
      'spec.rolloutStrategy.partitions[0].maxUnavailable: Invalid value: "number": spec.rolloutStrategy.partitions[0].maxUnavailable in body must be of type integer,string: "number"',
    ]);
  });

  it('checks base64 (format: byte) fields', () => {
    expect(lines('GitRepo', gitRepo({ ...simpleSpec, caBundle: '-----BEGIN CERTIFICATE-----' }))).toEqual([
      'spec.caBundle: Invalid value: "-----BEGIN CERTIFICATE-----": spec.caBundle in body must be of type byte: "-----BEGIN CERTIFICATE-----"',
    ]);
    expect(lines('GitRepo', gitRepo({ ...simpleSpec, caBundle: 'TUlJQg==\nTUlJQg==' }))).toEqual([
      'spec.caBundle: Invalid value: "TUlJQg==\\nTUlJQg==": spec.caBundle in body must be of type byte: "TUlJQg==\\nTUlJQg=="',
    ]);
    expect(lines('GitRepo', gitRepo({ ...simpleSpec, caBundle: 'TUlJ\nQg==' }))).toEqual([]);
    expect(validateFleetObject('Content', { content: '%%%' })[0]?.field).toBe('content');
    expect(validateFleetObject('Bundle', { spec: { helmOpOptions: { helmOpCABundle: '@' } } })[0]?.field).toBe(
      'spec.helmOpOptions.helmOpCABundle',
    );
  });

  it('requires ImageScan image and interval', () => {
    expect(validateFleetObject('ImageScan', { spec: { tagName: 'x' } })).toEqual([
      { type: 'FieldValueRequired', field: 'spec.image', message: 'Required value' },
      { type: 'FieldValueRequired', field: 'spec.interval', message: 'Required value' },
    ]);
    expect(validateFleetObject('ImageScan', { spec: { image: 'x', interval: '1w' } })[0]?.field).toBe('spec.interval');
  });

  it('checks Cluster spec fields', () => {
    expect(lines('Cluster', { spec: { agentEnvVars: [{ value: 'x' }], redeployAgentGeneration: '2' } })).toEqual([
      'spec.redeployAgentGeneration: Invalid value: "string": spec.redeployAgentGeneration in body must be of type integer: "string"',
      'spec.agentEnvVars[0].name: Required value',
    ]);
    expect(lines('Cluster', { spec: { agentTolerations: [{ key: 'k', tolerationSeconds: 'soon' }] } })).toEqual([
      'spec.agentTolerations[0].tolerationSeconds: Invalid value: "string": spec.agentTolerations[0].tolerationSeconds in body must be of type integer: "string"',
    ]);
  });

  it('checks top-level fields of GitRepoRestriction', () => {
    expect(lines('GitRepoRestriction', { allowedServiceAccounts: 'sa' })).toEqual([
      'allowedServiceAccounts: Invalid value: "string": allowedServiceAccounts in body must be of type array: "string"',
    ]);
  });

  it('checks the status conditions structure', () => {
    expect(lines('GitRepo', gitRepo(simpleSpec, { status: { conditions: [{ status: 'True' }] } }))).toEqual([
      'status.conditions[0].type: Required value',
    ]);
    expect(lines('Content', { status: { referenceCount: 'two' } })).toEqual([
      'status.referenceCount: Invalid value: "string": status.referenceCount in body must be of type integer: "string"',
    ]);
  });

  it('collects errors from several fields', () => {
    const errors = validateFleetObject(
      'GitRepo',
      gitRepo({ paused: 1, pollingInterval: 'soon', targets: [{ clusterName: 3 }] }),
    );
    expect(errors.map((error) => error.field).sort()).toEqual([
      'spec.paused',
      'spec.pollingInterval',
      'spec.repo',
      'spec.targets[0].clusterName',
    ]);
  });

  it('rejects unknown kinds and non-object input', () => {
    expect(validateFleetObject('Policy', {})[0]).toMatchObject({ type: 'FieldValueNotSupported', field: 'kind' });
    expect(validateFleetObject('GitRepo', 'nope')[0]).toMatchObject({ type: 'FieldValueTypeInvalid' });
  });
});

// ---------------------------------------------------------------------------------------------
// Smaller entry points
// ---------------------------------------------------------------------------------------------

describe('validateFleetSpec', () => {
  it('prefixes spec paths with "spec"', () => {
    expect(validateFleetSpec('GitRepo', {})).toEqual([
      { type: 'FieldValueRequired', field: 'spec.repo', message: 'Required value' },
    ]);
  });

  it('uses top-level paths for spec-less kinds', () => {
    expect(validateFleetSpec('BundleNamespaceMapping', { namespaceSelector: [] })[0]?.field).toBe('namespaceSelector');
  });
});

describe('zodIssuesToFieldErrors', () => {
  it('formats paths like kube-openapi', () => {
    expect(formatFieldPath('', ['spec', 'targets', 0, 'clusterSelector', 'matchLabels', 'env'])).toBe(
      'spec.targets[0].clusterSelector.matchLabels.env',
    );
    expect(formatFieldPath('spec', ['paths', 2])).toBe('spec.paths[2]');
  });

  it('converts issues of a standalone schema with a base path', () => {
    const result = labelSelectorSchema.safeParse({ matchExpressions: [{ key: 'a', operator: 'Nope' }] }, { reportInput: true });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(zodIssuesToFieldErrors(result.error.issues, 'spec.selector')[0]).toMatchObject({
      type: 'FieldValueNotSupported',
      field: 'spec.selector.matchExpressions[0].operator',
    });
  });
});

describe('applyFleetDefaults', () => {
  it('defaults targetCustomizationMode on Bundle and HelmOp only', () => {
    expect(applyFleetDefaults('Bundle', { spec: {} })).toEqual({ spec: { targetCustomizationMode: 'FirstMatch' } });
    expect(applyFleetDefaults('HelmOp', { spec: { targetCustomizationMode: 'AllMatches' } })).toEqual({
      spec: { targetCustomizationMode: 'AllMatches' },
    });
    const repo = gitRepo(simpleSpec);
    expect(applyFleetDefaults('GitRepo', repo)).toBe(repo);
  });
});

// ---------------------------------------------------------------------------------------------
// Registry
// ---------------------------------------------------------------------------------------------

describe('FLEET_RESOURCES', () => {
  const kinds = FLEET_RESOURCES.map((resource) => resource.kind);

  it('lists the 13 fleet.cattle.io kinds plus FleetWorkspace', () => {
    expect(kinds).toHaveLength(14);
    expect(new Set(kinds).size).toBe(14);
    expect(FLEET_GROUP).toBe('fleet.cattle.io');
    expect(FLEET_VERSION).toBe('v1alpha1');
    expect(FLEET_RESOURCES.filter((r) => r.group === FLEET_GROUP && r.version === FLEET_VERSION)).toHaveLength(13);
  });

  it('has a validator and a spec schema for every kind', () => {
    for (const kind of kinds) {
      expect(FLEET_VALIDATORS[kind as FleetKind], kind).toBeTypeOf('function');
      expect(FLEET_SPEC_SCHEMAS[kind as FleetKind], kind).toBeDefined();
      // No spec at all is valid for every kind: no CRD requires `spec`.
      expect(FLEET_VALIDATORS[kind as FleetKind]({ kind, metadata: { name: 'x' } }), kind).toEqual([]);
    }
    expect(Object.keys(FLEET_VALIDATORS).sort()).toEqual([...kinds].sort());
  });

  it('serves the CRD printer columns', () => {
    const columns = (plural: string) =>
      fleetResourceByPlural(FLEET_GROUP, plural)?.printerColumns.map((c) => [c.name, c.type, c.jsonPath]);
    expect(columns('gitrepos')).toEqual([
      ['Repo', 'string', '.spec.repo'],
      ['Commit', 'string', '.status.commit'],
      ['BundleDeployments-Ready', 'string', '.status.display.readyBundleDeployments'],
      ['Status', 'string', '.status.conditions[?(@.type=="Ready")].message'],
    ]);
    expect(columns('clusters')?.map(([name]) => name)).toEqual(['Bundles-Ready', 'Last-Seen', 'Status']);
    expect(columns('clustergroups')?.map(([name]) => name)).toEqual(['Clusters-Ready', 'Bundles-Ready', 'Status']);
    expect(columns('bundles')).toEqual([
      ['BundleDeployments-Ready', 'string', '.status.display.readyClusters'],
      ['Status', 'string', '.status.conditions[?(@.type=="Ready")].message'],
    ]);
    expect(columns('bundledeployments')?.map(([name]) => name)).toEqual(['Deployed', 'Monitored', 'Status']);
    expect(columns('helmops')?.map(([name]) => name)).toEqual([
      'Repo',
      'Chart',
      'Version',
      'BundleDeployments-Ready',
      'Status',
    ]);
    expect(columns('gitreporestrictions')?.map(([, , path]) => path)).toEqual([
      '.defaultServiceAccount',
      '.allowedServiceAccounts',
    ]);
    expect(columns('schedules')?.map(([name]) => name)).toEqual(['Schedule', 'Duration', 'Active', 'NextStart']);
  });

  it('serves only the implicit Age column for CRDs that declare no columns', () => {
    const age = [['Age', 'date', '.metadata.creationTimestamp']];
    const columns = (group: string, plural: string) =>
      fleetResourceByPlural(group, plural)?.printerColumns.map((c) => [c.name, c.type, c.jsonPath]);
    expect(columns(FLEET_GROUP, 'contents')).toEqual(age);
    expect(columns(FLEET_GROUP, 'bundlenamespacemappings')).toEqual(age);
    expect(columns('management.cattle.io', 'fleetworkspaces')).toEqual(age);
    for (const resource of FLEET_RESOURCES) {
      expect(resource.printerColumns.length, resource.kind).toBeGreaterThan(0);
      const ages = resource.printerColumns.filter((column) => column.name === 'Age');
      expect(ages.length === 0 || resource.printerColumns.length === 1, resource.kind).toBe(true);
    }
  });

  it('has the CRD names, scopes, categories and subresources', () => {
    const withCategory = FLEET_RESOURCES.filter((r) => r.categories.includes('fleet')).map((r) => r.plural);
    expect(withCategory.sort()).toEqual(['clustergroups', 'gitrepos', 'helmops']);
    expect(FLEET_RESOURCES.filter((r) => !r.namespaced).map((r) => r.kind).sort()).toEqual(['Content', 'FleetWorkspace']);
    expect(FLEET_RESOURCES.filter((r) => !r.statusSubresource).map((r) => r.kind)).toEqual(['FleetWorkspace']);
    expect(FLEET_RESOURCES.every((r) => r.shortNames.length === 0)).toBe(true);

    const workspace = fleetResourceByPlural('management.cattle.io', 'fleetworkspaces');
    expect(workspace).toMatchObject({ group: 'management.cattle.io', version: 'v3', kind: 'FleetWorkspace', singular: 'fleetworkspace' });
    expect(fleetResourceByPlural(FLEET_GROUP, 'clusterregistrationtokens')).toMatchObject({
      kind: 'ClusterRegistrationToken',
      singular: 'clusterregistrationtoken',
      listKind: 'ClusterRegistrationTokenList',
    });
    expect(fleetResourceByKind(FLEET_GROUP, 'GitRepo')?.plural).toBe('gitrepos');
    expect(fleetResourceByPlural(FLEET_GROUP, 'fleetworkspaces')).toBeUndefined();
    expect(fleetResourceByPlural(FLEET_GROUP, 'policies')).toBeUndefined();
  });
});
