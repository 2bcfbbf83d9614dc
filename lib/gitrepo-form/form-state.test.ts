import { describe, expect, it } from 'vitest';

import { gitRepoSpecSchema } from '../fleet/schemas';
import {
  ALL_CLUSTERS_TARGET,
  applyEditedObject,
  cloneGitRepoForm,
  cloneName,
  emptyGitRepoForm,
  emptyTargetRow,
  FORM_SPEC_FIELDS,
  fromGitRepo,
  toCreateBody,
  toGitRepo,
  toUpdateBody,
  type GitRepoForm,
  type GitRepoObject,
} from './form-state';

const CA_PEM = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUc2FtcGxl\n-----END CERTIFICATE-----\n';

/** A GitRepo with every spec field Fleet has, and targets of every form. */
function everyField(): GitRepoObject {
  return {
    apiVersion: 'fleet.cattle.io/v1alpha1',
    kind: 'GitRepo',
    metadata: {
      name: 'shop',
      namespace: 'fleet-default',
      resourceVersion: '42',
      generation: 3,
      uid: 'u-1',
      labels: { team: 'shop', env: 'prod' },
      annotations: { 'field.cattle.io/description': 'The shop', 'example.com/owner': 'ops' },
    },
    spec: {
      repo: 'https://git.example.com/org/shop.git',
      branch: 'main',
      paths: ['charts/web', 'manifests'],
      bundles: [{ base: 'overlays/dev', options: 'dev.yaml' }, { base: 'overlays/prod' }],
      clientSecretName: 'git-auth',
      helmSecretName: 'helm-auth',
      helmSecretNameForPaths: 'helm-paths',
      helmRepoURLRegex: 'https://charts\\.example\\.com/.*',
      caBundle: Buffer.from(CA_PEM).toString('base64'),
      insecureSkipTLSVerify: false,
      pollingInterval: '1m30s',
      disablePolling: true,
      forceSyncGeneration: 7,
      paused: true,
      correctDrift: { enabled: true, force: true, keepFailHistory: true },
      keepResources: true,
      deleteNamespace: true,
      serviceAccount: 'deployer',
      targetNamespace: 'shop',
      ociRegistrySecret: 'oci-store',
      webhookSecret: 'hook-secret',
      imageScanInterval: '5m',
      imageScanCommit: { authorName: 'Fleet', authorEmail: 'fleet@example.com', messageTemplate: 'bump {{.Image}}' },
      targets: [
        { clusterGroup: 'prod' },
        { name: 'by-name', clusterName: 'edge-1' },
        { clusterSelector: { matchLabels: { env: 'prod' }, matchExpressions: [{ key: 'region', operator: 'In', values: ['eu', 'us'] }] } },
        { clusterGroupSelector: { matchLabels: { tier: 'gold' } } },
        { name: 'combined', clusterGroup: 'canary', clusterSelector: { matchLabels: { ring: '0' } } },
      ],
      futureField: { keep: ['me'] },
    },
    status: { commit: 'abc' },
  };
}

describe('GitRepo ↔ form', () => {
  it('covers every spec field of the schema', () => {
    const schemaFields = Object.keys(gitRepoSpecSchema.shape).filter((key) => key !== 'forceSyncGeneration');
    expect([...FORM_SPEC_FIELDS].sort()).toEqual(schemaFields.sort());
    // `revision` only counts when `branch` is empty: it has its own round trip below.
    const fields = [...Object.keys(gitRepoSpecSchema.shape).filter((key) => key !== 'revision'), 'futureField'];
    expect(Object.keys(everyField().spec).sort()).toEqual(fields.sort());
  });

  it('round-trips a revision instead of a branch', () => {
    const object: GitRepoObject = { metadata: { name: 'pinned' }, spec: { repo: 'git@host:org/r.git', revision: 'v1.2.3' } };
    const form = fromGitRepo(object);
    expect(form).toMatchObject({ refKind: 'revision', ref: 'v1.2.3' });
    expect(toGitRepo(form)).toEqual({ apiVersion: 'fleet.cattle.io/v1alpha1', kind: 'GitRepo', ...object });
    expect(toGitRepo({ ...form, refKind: 'branch', ref: 'main' }).spec).toEqual({ repo: 'git@host:org/r.git', branch: 'main' });
  });

  it('round-trips an object with every field unchanged', () => {
    const object = everyField();
    expect(toGitRepo(fromGitRepo(object))).toEqual(object);
  });

  it('reads each field into the form', () => {
    const form = fromGitRepo(everyField());
    expect(form).toMatchObject({
      name: 'shop',
      description: 'The shop',
      labels: [
        { key: 'team', value: 'shop' },
        { key: 'env', value: 'prod' },
      ],
      annotations: [{ key: 'example.com/owner', value: 'ops' }],
      repo: 'https://git.example.com/org/shop.git',
      refKind: 'branch',
      ref: 'main',
      paths: ['charts/web', 'manifests'],
      bundles: [
        { base: 'overlays/dev', options: 'dev.yaml' },
        { base: 'overlays/prod', options: '' },
      ],
      clientSecret: { mode: 'existing', existingName: 'git-auth' },
      helmSecret: { mode: 'existing', existingName: 'helm-auth' },
      helmSecretNameForPaths: 'helm-paths',
      tlsMode: 'ca',
      caBundle: CA_PEM,
      pollingEnabled: false,
      pollingInterval: '1m30s',
      correctDrift: { enabled: true, force: true, keepFailHistory: true },
      keepResources: true,
      paused: true,
      deleteNamespace: true,
      serviceAccount: 'deployer',
      targetNamespace: 'shop',
      ociRegistrySecret: 'oci-store',
      webhookSecret: 'hook-secret',
      imageScanInterval: '5m',
      imageScanCommit: { authorName: 'Fleet', authorEmail: 'fleet@example.com', messageTemplate: 'bump {{.Image}}' },
      targetMode: 'custom',
      passthrough: { forceSyncGeneration: 7, futureField: { keep: ['me'] } },
    });
    expect(form.targets.map((row) => row.kind)).toEqual(['clusterGroup', 'clusterName', 'clusterSelector', 'clusterGroupSelector', 'yaml']);
    expect(form.targets[1]).toMatchObject({ name: 'by-name', value: 'edge-1' });
    expect(form.targets[4]!.yaml).toContain('clusterGroup: canary');
  });

  it('round-trips each field on its own, also from a fresh form', () => {
    const full = everyField().spec as Record<string, unknown>;
    for (const [key, value] of Object.entries(full)) {
      const object: GitRepoObject = { metadata: { name: 'one' }, spec: { repo: 'https://x.example/r.git', [key]: value } };
      // Through `base` (edit): verbatim.
      expect(toGitRepo(fromGitRepo(object)).spec, key).toEqual(object.spec);
      // Without `base` (what the review YAML shows for a form typed from scratch): the same, except
      // encodings the form normalizes (insecureSkipTLSVerify=false is the default and not written).
      const { base: _base, ...typed } = fromGitRepo(object);
      const expected = key === 'insecureSkipTLSVerify' ? { repo: 'https://x.example/r.git' } : object.spec;
      expect(toGitRepo(typed as GitRepoForm).spec, key).toEqual(expected);
    }
  });

  it('keeps an empty targets list and other encodings exactly when untouched', () => {
    const object: GitRepoObject = { metadata: { name: 'a' }, spec: { repo: 'https://x.example/r.git', targets: [], paths: [], correctDrift: { enabled: false } } };
    expect(toGitRepo(fromGitRepo(object)).spec).toEqual(object.spec);
  });

  it('changes only the edited field', () => {
    const object = everyField();
    const form = fromGitRepo(object);
    const edited = toGitRepo({ ...form, paths: ['charts/api'] });
    expect(edited.spec).toEqual({ ...object.spec, paths: ['charts/api'] });
    expect(edited.metadata).toEqual(object.metadata);

    const unpaused = toGitRepo({ ...form, paused: false }).spec as Record<string, unknown>;
    expect('paused' in unpaused).toBe(false);
    expect({ ...unpaused, paused: true }).toEqual(object.spec);

    const relabelled = toGitRepo({ ...form, labels: [{ key: 'team', value: 'web' }] });
    expect(relabelled.metadata.labels).toEqual({ team: 'web' });
    expect(relabelled.spec).toEqual(object.spec);

    const described = toGitRepo({ ...form, description: 'New words' });
    expect(described.metadata.annotations).toEqual({ 'field.cattle.io/description': 'New words', 'example.com/owner': 'ops' });
  });

  it('editing one target keeps the others, including the YAML one, in order', () => {
    const form = fromGitRepo(everyField());
    const targets = form.targets.map((row, index) => (index === 0 ? { ...row, value: 'staging' } : row));
    expect(toGitRepo({ ...form, targets }).spec.targets).toEqual([{ clusterGroup: 'staging' }, ...everyField().spec.targets!.slice(1)]);
  });

  it('writes the target modes: all clusters, none, custom rows', () => {
    const form = { ...emptyGitRepoForm(), name: 'a', repo: 'https://x.example/r.git' };
    expect(toGitRepo({ ...form, targetMode: 'all' }).spec.targets).toEqual([ALL_CLUSTERS_TARGET]);
    expect(toGitRepo({ ...form, targetMode: 'none' }).spec.targets).toBeUndefined();
    const rows = [
      { ...emptyTargetRow('clusterGroup'), value: 'prod' },
      { ...emptyTargetRow('clusterSelector'), selector: { matchExpressions: [{ key: 'env', operator: 'Exists' }] } },
      { ...emptyTargetRow('yaml'), yaml: 'clusterName: a\nclusterGroup: b\n' },
    ];
    expect(toGitRepo({ ...form, targetMode: 'custom', targets: rows }).spec.targets).toEqual([
      { clusterGroup: 'prod' },
      { clusterSelector: { matchExpressions: [{ key: 'env', operator: 'Exists' }] } },
      { clusterName: 'a', clusterGroup: 'b' },
    ]);
    expect(fromGitRepo({ metadata: { name: 'a' }, spec: { repo: 'r', targets: [{ clusterSelector: {} }] } }).targetMode).toBe('all');
    expect(fromGitRepo({ metadata: { name: 'a' }, spec: { repo: 'r', targets: [ALL_CLUSTERS_TARGET] } }).targetMode).toBe('all');
  });

  it('writes TLS and polling choices with Fleet semantics', () => {
    const form = { ...emptyGitRepoForm(), name: 'a', repo: 'https://x.example/r.git' };
    expect(toGitRepo({ ...form, tlsMode: 'skip' }).spec).toMatchObject({ insecureSkipTLSVerify: true });
    expect(toGitRepo({ ...form, tlsMode: 'ca', caBundle: '-----BEGIN CERTIFICATE-----\nX\n-----END CERTIFICATE-----' }).spec.caBundle).toBe(
      Buffer.from('-----BEGIN CERTIFICATE-----\nX\n-----END CERTIFICATE-----\n').toString('base64'),
    );
    expect(toGitRepo({ ...form, pollingEnabled: false, pollingInterval: '1h' }).spec).toMatchObject({ disablePolling: true, pollingInterval: '1h' });
    expect(toGitRepo(form).spec).toEqual({ repo: 'https://x.example/r.git', targets: [ALL_CLUSTERS_TARGET] });
  });
});

describe('request bodies', () => {
  it('create: new Secrets go beside the GitRepo, never into its spec', () => {
    const form: GitRepoForm = {
      ...emptyGitRepoForm(),
      name: 'web',
      description: 'Web app',
      repo: 'https://x.example/r.git',
      clientSecret: { ...emptyGitRepoForm().clientSecret, mode: 'basic-auth', username: 'u', password: 'p' },
      helmSecret: { ...emptyGitRepoForm().helmSecret, mode: 'ssh-auth', privateKey: 'KEY', knownHosts: 'host ssh-ed25519 AAA' },
    };
    const body = toCreateBody(form);
    expect(body.gitRepo.metadata).toEqual({ name: 'web', annotations: { 'field.cattle.io/description': 'Web app' } });
    expect(body.gitRepo.spec.clientSecretName).toBeUndefined();
    expect(body.secrets).toEqual({
      clientSecret: { type: 'basic-auth', username: 'u', password: 'p' },
      helmSecret: { type: 'ssh-auth', privateKey: 'KEY', knownHosts: 'host ssh-ed25519 AAA' },
    });
  });

  it('update: removed fields are sent as null, paused stays as loaded', () => {
    const form = fromGitRepo(everyField());
    const body = toUpdateBody({ ...form, webhookSecret: '', keepResources: false }, '42');
    expect(body.metadata).toEqual({ resourceVersion: '42', labels: { team: 'shop', env: 'prod' }, annotations: everyField().metadata.annotations });
    expect(body.spec).toMatchObject({ webhookSecret: null, keepResources: null, paused: true, futureField: { keep: ['me'] }, forceSyncGeneration: 7 });
  });

  it('clone: a new name, no identity, same spec', () => {
    const form = cloneGitRepoForm(everyField());
    expect(form.name).toBe('shop-copy');
    const copy = toGitRepo(form);
    expect(copy.metadata).toEqual({ name: 'shop-copy', labels: everyField().metadata.labels, annotations: everyField().metadata.annotations });
    expect(copy.spec).toEqual(everyField().spec);
    expect(copy.status).toBeUndefined();
    expect(cloneName('a'.repeat(63))).toHaveLength(63);
  });

  it('review YAML edits come back into the form; new Secrets stay chosen', () => {
    const form: GitRepoForm = {
      ...emptyGitRepoForm(),
      name: 'web',
      repo: 'https://x.example/r.git',
      clientSecret: { ...emptyGitRepoForm().clientSecret, mode: 'basic-auth', username: 'u', password: 'p' },
    };
    const edited = toGitRepo(form);
    edited.spec = { ...edited.spec, paths: ['from-yaml'], brandNew: 1 } as typeof edited.spec;
    const next = applyEditedObject(form, edited);
    expect(next.paths).toEqual(['from-yaml']);
    expect(next.clientSecret.mode).toBe('basic-auth');
    expect(toGitRepo(next).spec).toMatchObject({ paths: ['from-yaml'], brandNew: 1 });
  });
});
