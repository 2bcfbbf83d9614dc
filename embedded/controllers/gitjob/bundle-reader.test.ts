import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { GitRepo } from '../../../lib/fleet/types';
import { BundleReadError, readBundles } from './bundle-reader';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tree(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'bundle-reader-'));
  dirs.push(root);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
  return root;
}

function gitRepo(name: string, spec: Partial<NonNullable<GitRepo['spec']>> = {}, labels?: Record<string, string>): GitRepo {
  return {
    apiVersion: 'fleet.cattle.io/v1alpha1',
    kind: 'GitRepo',
    metadata: { name, namespace: 'fleet-local', ...(labels ? { labels } : {}) },
    spec: { repo: 'https://example.com/repo.git', ...spec },
  };
}

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n';
const COMMIT = '0123456789abcdef0123456789abcdef01234567';

describe('readBundles', () => {
  it('makes one bundle of a root with raw manifests, like fleet apply', async () => {
    const root = tree({ 'b.yaml': CM, 'a/c.yml': CM, 'README.md': '# hi\n', '.hidden': 'x', '.git/config': 'x' });
    const [bundle, ...rest] = await readBundles(root, gitRepo('simple', {}, { team: 'a' }), { commit: COMMIT });
    expect(rest).toEqual([]);
    expect(bundle!.name).toBe('simple');
    expect(bundle!.path).toBe('.');
    expect(bundle!.labels).toEqual({ team: 'a', 'fleet.cattle.io/repo-name': 'simple', 'fleet.cattle.io/commit': COMMIT });
    expect(bundle!.spec.resources!.map((r) => r.name)).toEqual(['README.md', 'a/c.yml', 'b.yaml']);
    expect(bundle!.spec.resources![2]).toEqual({ name: 'b.yaml', content: CM });
    expect(bundle!.spec.targets).toEqual([{ name: 'default', clusterGroup: 'default' }]);
    expect(bundle!.spec.targetRestrictions).toEqual([{ name: 'default', clusterGroup: 'default' }]);
  });

  it('scans globbed paths and sub-directories with fleet.yaml; names follow the path', async () => {
    const root = tree({
      'apps/one/cm.yaml': CM,
      'apps/two/fleet.yaml': 'defaultNamespace: two\n',
      'apps/two/cm.yaml': CM,
      'apps/two/sub/fleet.yaml': 'namespace: sub\n',
      'apps/two/sub/cm.yaml': CM,
      'apps/file.yaml': CM,
      'other/cm.yaml': CM,
    });
    const drafts = await readBundles(root, gitRepo('multi', { paths: ['/apps/*'] }), { commit: COMMIT });
    expect(drafts.map((d) => [d.name, d.path])).toEqual([
      ['multi-apps-one', 'apps/one'],
      ['multi-apps-two', 'apps/two'],
      ['multi-apps-two-sub', 'apps/two/sub'],
    ]);
    expect(drafts[1]!.spec.defaultNamespace).toBe('two');
    // fleet.yaml itself is not a resource; sub-bundle files stay in the parent, as in Fleet.
    expect(drafts[1]!.spec.resources!.map((r) => r.name)).toEqual(['cm.yaml', 'sub/cm.yaml', 'sub/fleet.yaml']);
    expect(drafts[2]!.spec.namespace).toBe('sub');
  });

  it('does not make a root bundle when every sub-directory has its own fleet.yaml', async () => {
    const root = tree({ 'a/fleet.yaml': '{}\n', 'a/cm.yaml': CM, 'b/fleet.yaml': '{}\n', 'b/cm.yaml': CM, 'README.md': 'x' });
    const drafts = await readBundles(root, gitRepo('charts'), { commit: COMMIT });
    expect(drafts.map((d) => d.name)).toEqual(['charts-a', 'charts-b']);
  });

  it('reads fleet.yaml: name, labels, helm values files, targetCustomizations before the GitRepo targets', async () => {
    const root = tree({
      'app/fleet.yaml': [
        'name: my-app',
        'labels: {tier: web}',
        'namespace: app-ns',
        'helm:',
        '  releaseName: web',
        '  values: {replicas: 1, image: {tag: a}}',
        '  valuesFiles: [values-prod.yaml]',
        'dependsOn: [{name: db}]',
        'targetCustomizations:',
        '- clusterSelector: {matchLabels: {env: dev}}',
        '  helm: {values: {replicas: 3}}',
        '- name: prod',
        '  clusterName: prod-1',
        '  doNotDeploy: true',
        '',
      ].join('\n'),
      'app/values-prod.yaml': 'image: {tag: b}\n',
      'app/Chart.yaml': 'name: web\nversion: 0.1.0\n',
      'app/templates/cm.yaml': CM,
    });
    const targets = [{ clusterSelector: { matchLabels: { env: 'prod' } } }];
    const [draft] = await readBundles(root, gitRepo('web', { paths: ['app'], targets }), { commit: COMMIT });
    expect(draft!.name).toBe('my-app');
    expect(draft!.labels.tier).toBe('web');
    expect(draft!.spec.helm).toEqual({ releaseName: 'web', values: { replicas: 1, image: { tag: 'b' } }, valuesFiles: ['values-prod.yaml'] });
    expect(draft!.spec.dependsOn).toEqual([{ name: 'db' }]);
    expect(draft!.spec.targets).toEqual([
      { name: 'target000', clusterSelector: { matchLabels: { env: 'dev' } }, helm: { values: { replicas: 3 } } },
      { name: 'prod', clusterName: 'prod-1', doNotDeploy: true },
      { clusterSelector: { matchLabels: { env: 'prod' } } },
    ]);
    expect(draft!.spec.targetRestrictions).toEqual(targets);
    expect(draft!.spec.resources!.map((r) => r.name)).toEqual(['Chart.yaml', 'templates/cm.yaml']);
  });

  it('applies the GitRepo overrides', async () => {
    const root = tree({ 'fleet.yaml': 'serviceAccount: from-yaml\npaused: false\ntargetCustomizations: [{name: x, clusterGroup: g}]\n', 'cm.yaml': CM });
    const repo = gitRepo('o', {
      targetNamespace: 'forced',
      paused: true,
      keepResources: true,
      deleteNamespace: true,
      forceSyncGeneration: 3,
      correctDrift: { enabled: true, force: true },
    });
    const [draft] = await readBundles(root, repo, { commit: COMMIT, serviceAccount: 'restricted-sa' });
    expect(draft!.spec).toMatchObject({
      serviceAccount: 'restricted-sa',
      namespace: 'forced',
      paused: true,
      keepResources: true,
      deleteNamespace: true,
      forceSyncGeneration: 3,
      correctDrift: { enabled: true, force: true },
    });
    expect(draft!.spec.targets!.map((t) => t.namespace)).toEqual(['forced', 'forced']);
  });

  it('uses overrideTargets instead of the GitRepo targets', async () => {
    const root = tree({ 'fleet.yaml': 'overrideTargets: [{clusterName: only}]\n', 'cm.yaml': CM });
    const [draft] = await readBundles(root, gitRepo('ov', { targets: [{ clusterGroup: 'all' }] }), { commit: COMMIT });
    expect(draft!.spec.targets).toEqual([{ clusterName: 'only' }]);
    expect(draft!.spec.targetRestrictions).toEqual([{ clusterName: 'only' }]);
  });

  it('honours .fleetignore and compresses binary files', async () => {
    const root = tree({
      '.fleetignore': '# comment\n*.md\nsecret/*\n',
      'cm.yaml': CM,
      'notes.md': 'x',
      'secret/key.yaml': CM,
      'nested/.fleetignore': 'skip.yaml\n',
      'nested/skip.yaml': CM,
      'nested/keep.yaml': CM,
      'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00]),
    });
    const [draft] = await readBundles(root, gitRepo('ign'), { commit: COMMIT });
    expect(draft!.spec.resources!.map((r) => r.name)).toEqual(['cm.yaml', 'logo.png', 'nested/keep.yaml']);
    const png = draft!.spec.resources![1]!;
    expect(png.encoding).toBe('base64+gz');
    expect([...gunzipSync(Buffer.from(png.content!, 'base64'))]).toEqual([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00]);
  });

  it('reads spec.bundles (driven scan) with options files', async () => {
    const root = tree({
      'app/cm.yaml': CM,
      'app/dev.yaml': 'namespace: dev\n',
      'app/prod.yaml': 'namespace: prod\n',
    });
    const repo = gitRepo('driven', { bundles: [{ base: 'app', options: 'dev.yaml' }, { base: 'app', options: 'prod.yaml' }] });
    const drafts = await readBundles(root, repo, { commit: COMMIT });
    expect(drafts.map((d) => [d.name, d.spec.namespace])).toEqual([
      ['driven-app-dev', 'dev'],
      ['driven-app-prod', 'prod'],
    ]);
    // The options file of a bundle is not one of its resources (the other one is).
    expect(drafts[0]!.spec.resources!.map((r) => r.name)).toEqual(['cm.yaml', 'prod.yaml']);
  });

  it('fails with a specific message when a path has no resources', async () => {
    const root = tree({ 'docs/README.md': 'x' });
    await expect(readBundles(root, gitRepo('empty', { paths: ['nope', 'docs/*'] }), { commit: COMMIT })).rejects.toThrow(
      new BundleReadError('no resource found at the following paths to deploy: [nope docs/*]'),
    );
  });

  it('fails on a fleet.yaml that is not YAML', async () => {
    const root = tree({ 'bad/fleet.yaml': 'helm:\n  values: [unclosed\n', 'bad/cm.yaml': CM });
    await expect(readBundles(root, gitRepo('bad', { paths: ['bad'] }), { commit: COMMIT })).rejects.toThrow(
      /^failed to process bundle: reading bad\/fleet\.yaml: .+/,
    );
  });

  it('fails on a fleet.yaml that does not match the schema', async () => {
    const root = tree({ 'fleet.yaml': 'helm: nope\npaused: "yes"\n', 'cm.yaml': CM });
    await expect(readBundles(root, gitRepo('schema'), { commit: COMMIT })).rejects.toThrow(
      'failed to process bundle: reading fleet.yaml: helm: Invalid value: "string": helm in body must be of type object: "string"; paused: Invalid value: "string": paused in body must be of type boolean: "string"',
    );
  });

  it('validates dependsOn states like fleet apply', async () => {
    const root = tree({ 'fleet.yaml': 'dependsOn: [{name: a, acceptedStates: [Bogus]}]\n', 'cm.yaml': CM });
    await expect(readBundles(root, gitRepo('dep'), { commit: COMMIT })).rejects.toThrow(
      'failed to process bundle: reading fleet.yaml: dependsOn[0].acceptedStates[0]: invalid state "Bogus", valid values are: [Ready NotReady Pending OutOfSync Modified WaitApplied ErrApplied]',
    );
  });

  it('refuses paths outside the checkout', async () => {
    const root = tree({ 'cm.yaml': CM });
    await expect(readBundles(root, gitRepo('escape', { paths: ['../..'] }), { commit: COMMIT })).rejects.toThrow(/outside the repository/);
  });
});
