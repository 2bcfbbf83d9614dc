import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  agentBundleName,
  bundleName,
  caBundleSecretName,
  clusterNamespaceName,
  contentName,
  deploymentId,
  deploymentIdFromManifestId,
  deploymentOptionsJson,
  gitJobName,
  gitJobServiceAccountName,
  helmReleaseName,
  keyHash,
  limitName,
  manifestId,
  manifestJson,
  md5Prefix,
  registeredClusterName,
  safeConcatName,
} from './names';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const md5 = (text: string) => createHash('md5').update(text).digest('hex');

const str50 = '1234567890'.repeat(5);
const str53 = `${str50}123`;
const str63 = `${str50}1234567890123`;

describe('limitName (Fleet names.Limit)', () => {
  it.each([
    ['1234567', 5, '12345'],
    ['1234567', 6, '123456'],
    ['1234567', 7, '1234567'],
    ['1234567', 8, '1234567'],
    ['12345678', 8, '12345678'],
    ['12345678', 7, '1-25d55'],
    ['123456789', 8, '12-25f9e'],
    ['1-3456789', 8, '1-9b657'], // no double dash
  ] as const)('limitName(%j, %d) === %j', (input, count, expected) => {
    expect(limitName(input, count)).toBe(expected);
  });
});

describe('helmReleaseName (Fleet names.HelmReleaseName)', () => {
  it.each([
    [str53, str53],
    [`${str53}a`, '12345678901234567890123456789012345678901234567-fdba4'],
    [`${str63}a`, '12345678901234567890123456789012345678901234567-eb12d'],
    ['long-name-test-shortpath-with@char', 'long-name-test-shortpath-with-char-031bab5e'],
    ['long-name-test-shortpath-with+char', 'long-name-test-shortpath-with-char-21c88393'],
    ['long-name-test-0.App_ ', 'long-name-test-0-app-5bf6b3fb'],
    ['long-name-test--App_-_12.factor', 'long-name-test-app-12-factor-0efbac37'],
    ['bundle.name.example.com', 'bundle-name-example-com-645ef821'],
    [`${str53.slice(0, 46)}-1234567`, '1234567890123456789012345678901234567890123456-d0bce'], // no double dash
  ])('helmReleaseName(%j) === %j', (input, expected) => {
    expect(helmReleaseName(input)).toBe(expected);
  });

  it('hashes the slash-replaced text when appending the collision suffix', () => {
    expect(helmReleaseName('Repo/Dir')).toBe(`repo-dir-${md5('Repo-Dir').slice(0, 8)}`);
  });

  it('falls back to 24 hex of md5 of the original input when nothing valid remains', () => {
    expect(helmReleaseName('')).toBe(md5('').slice(0, 24));
    expect(helmReleaseName('///')).toBe(md5('///').slice(0, 24));
  });

  it('always produces a valid release name of at most 53 characters', () => {
    for (const input of ['A', 'x'.repeat(200), 'Ünïcödé/Päth', '--a--', 'a/b/c/D_E', '.hidden', '0']) {
      const name = helmReleaseName(input);
      expect(name.length).toBeLessThanOrEqual(53);
      expect(name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    }
  });
});

describe('bundleName', () => {
  it.each([
    // Verified example from Fleet's docs.
    ['opni-fleet-examples', 'fleets/opni-ui-plugin-operator-crd', 'opni-fleet-examples-fleets-opni-ui-plugin-opera-021f7'],
    // fleet-examples (contract §7).
    ['simple', 'simple', 'simple-simple'],
    ['manifests', 'single-cluster/manifests', 'manifests-single-cluster-manifests'],
    ['helm', 'single-cluster/helm', 'helm-single-cluster-helm'],
    ['helm', 'single-cluster/helm-multi-chart/guestbook', 'helm-single-cluster-helm-multi-chart-guestbook'],
    ['helm', 'single-cluster/helm-multi-chart/rancher-monitoring', 'helm-single-cluster-helm-multi-chart-rancher-mo-2c7c8'],
    ['helm', 'single-cluster/helm-multi-chart/rancher-monitoring-crd', 'helm-single-cluster-helm-multi-chart-rancher-mo-e4e6b'],
    ['kustomize', 'single-cluster/kustomize', 'kustomize-single-cluster-kustomize'],
    ['helm-kustomize', 'single-cluster/helm-kustomize', 'helm-kustomize-single-cluster-helm-kustomize'],
    ['helm', 'multi-cluster/helm', 'helm-multi-cluster-helm'],
    ['helm-external', 'multi-cluster/helm-external', 'helm-external-multi-cluster-helm-external'],
    ['helm', 'multi-cluster/windows-helm', 'helm-multi-cluster-windows-helm'],
    ['simple', 'hardened', 'simple-hardened'],
    ['multigitrepo-frontend', 'single-cluster/multi-gitrepo/frontend', 'multigitrepo-frontend-single-cluster-multi-gitr-20238'],
  ])('bundleName(%j, %j) === %j', (repo, dir, expected) => {
    expect(bundleName(repo, dir)).toBe(expected);
  });

  it.each(['.', '', '/', './', '/.'])('the repository root %j yields the GitRepo name', (dir) => {
    expect(bundleName('simple', dir)).toBe('simple');
  });

  it('cleans the path like filepath.Join', () => {
    expect(bundleName('simple', '/simple/')).toBe('simple-simple');
    expect(bundleName('simple', './a//b/./c')).toBe('simple-a-b-c');
    expect(bundleName('simple', 'a/../b')).toBe('simple-b');
  });

  it('appends the md5 suffix for upper-case or invalid characters', () => {
    expect(bundleName('repo', 'Apps/Web_UI')).toBe(`repo-apps-web-ui-${md5('repo-Apps-Web_UI').slice(0, 8)}`);
  });
});

describe('safeConcatName', () => {
  const a32 = 'a'.repeat(32);
  const a63 = 'a'.repeat(63);
  const a64 = 'a'.repeat(64);

  it.each([
    [[], ''],
    [[a63], a63],
    [[a64], `${'a'.repeat(57)}-ffe05`],
    [['first', 'second', 'third'], 'first-second-third'],
    [[a32, a32], 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-aaaaaaaaaaaaaaaaaaaaaaaa-da5ed'],
    [[`${'a'.repeat(56)}-aaaaaaa`], `${'a'.repeat(56)}-768c62`],
    [[`${'a'.repeat(55)}--aaaaaaa`], `${'a'.repeat(55)}--9e8cfe`],
  ] as [string[], string][])('matches Fleet SafeConcatName for %j', (parts, expected) => {
    expect(safeConcatName(63, ...parts)).toBe(expected);
  });

  it('generalises to other limits and always hits the limit exactly when cutting', () => {
    const full = 'x'.repeat(40);
    expect(safeConcatName(40, full)).toBe(full);
    const cut = safeConcatName(20, full);
    expect(cut).toBe(`${'x'.repeat(14)}-${sha256(full).slice(0, 5)}`);
    expect(cut).toHaveLength(20);
    const dashed = safeConcatName(20, `${'x'.repeat(13)}-${'y'.repeat(20)}`);
    expect(dashed).toHaveLength(20);
    expect(dashed.slice(0, 14)).toBe(`${'x'.repeat(13)}-`);
  });

  it('truncates without a hash when the limit leaves no room for one', () => {
    expect(safeConcatName(5, 'abcdefgh')).toBe('abcde');
    expect(safeConcatName(0, 'abc')).toBe('');
  });
});

describe('hash helpers', () => {
  it('keyHash is 12 hex of sha256 over the first 100 bytes', () => {
    expect(keyHash('fleet-local::local')).toBe('1a3d67d0a899');
    const long = 'k'.repeat(150);
    expect(keyHash(long)).toBe(sha256('k'.repeat(100)).slice(0, 12));
    // Truncation is by UTF-8 bytes, like Go's s[:100].
    const multi = 'é'.repeat(60); // 120 bytes
    expect(keyHash(multi)).toBe(createHash('sha256').update(Buffer.from(multi).subarray(0, 100)).digest('hex').slice(0, 12));
  });

  it('md5Prefix is names.Hex', () => {
    expect(md5Prefix('abc', 5)).toBe('90015');
  });
});

describe('cluster names', () => {
  it('derives the cluster namespace', () => {
    expect(clusterNamespaceName('fleet-local', 'local')).toBe('cluster-fleet-local-local-1a3d67d0a899');
    expect(clusterNamespaceName('fleet-default', 'prod-1')).toBe(
      `cluster-fleet-default-prod-1-${sha256('fleet-default::prod-1').slice(0, 12)}`,
    );
  });

  it('safe-concatenates long cluster namespaces below 64 characters', () => {
    const name = clusterNamespaceName('fleet-default', 'a-very-long-downstream-cluster-name-for-testing');
    const full = `cluster-fleet-default-a-very-long-downstream-cluster-name-for-testing-${sha256(
      'fleet-default::a-very-long-downstream-cluster-name-for-testing',
    ).slice(0, 12)}`;
    expect(name).toHaveLength(63);
    expect(name).toBe(`${full.slice(0, 57)}-${sha256(full).slice(0, 5)}`);
  });

  it('names agent-registered clusters', () => {
    expect(registeredClusterName('abcde')).toBe(`cluster-${sha256('abcde').slice(0, 12)}`);
    expect(registeredClusterName('abcde')).toMatch(/^cluster-[0-9a-f]{12}$/);
  });

  it('names the agent bundle', () => {
    expect(agentBundleName('local')).toBe('fleet-agent-local');
  });
});

describe('git job names', () => {
  it('appends 5 hex of md5(repo + commit)', () => {
    const repo = 'https://github.com/rancher/fleet-examples';
    const commit = '0123456789abcdef0123456789abcdef01234567';
    expect(gitJobName('simple', repo, commit)).toBe(`simple-${md5(repo + commit).slice(0, 5)}`);
    expect(caBundleSecretName('simple')).toBe('simple-cabundle');
    expect(gitJobServiceAccountName('simple')).toBe('git-simple');
  });
});

describe('manifest and deployment IDs', () => {
  const resources = [
    { name: 'deployment.yaml', content: 'kind: Deployment\nmetadata:\n  name: <web>\n' },
    { name: 'chart.tgz', content: 'H4sI', encoding: 'base64+gz' },
    { name: '', content: '' },
  ];

  it('serialises the manifest like Go json.Encoder', () => {
    expect(manifestJson(resources)).toBe(
      '{"resources":[{"name":"deployment.yaml","content":"kind: Deployment\\nmetadata:\\n  name: \\u003cweb\\u003e\\n"},' +
        '{"name":"chart.tgz","content":"H4sI","encoding":"base64+gz"},{}]}\n',
    );
    expect(manifestJson([])).toBe('{}\n');
  });

  it('derives the manifest ID as s- + 61 hex', () => {
    const json = manifestJson(resources);
    const id = manifestId(json);
    expect(id).toBe(`s-${sha256(json).slice(0, 61)}`);
    expect(id).toHaveLength(63);
  });

  it('hashes the Go-encoded options', () => {
    expect(deploymentOptionsJson({})).toBe('{"ignore":{}}\n');
    expect(
      deploymentOptionsJson({
        serviceAccount: 'sa',
        namespace: 'ns',
        defaultNamespace: 'dns',
        helm: { values: { replicas: 2, a: { z: 1, b: 'x' } }, releaseName: 'guestbook', force: false },
        keepResources: true,
        namespaceLabels: {},
        createNamespace: false,
      }),
    ).toBe(
      '{"defaultNamespace":"dns","namespace":"ns","helm":{"releaseName":"guestbook","values":{"a":{"b":"x","z":1},"replicas":2}},' +
        '"serviceAccount":"sa","keepResources":true,"ignore":{},"namespaceLabels":{},"createNamespace":false}\n',
    );
  });

  it('produces s-<61 hex>:<64 hex>', () => {
    const json = manifestJson(resources);
    const id = deploymentId(json, { defaultNamespace: 'default' });
    expect(id).toMatch(/^s-[0-9a-f]{61}:[0-9a-f]{64}$/);
    expect(id).toBe(`${manifestId(json)}:${sha256('{"defaultNamespace":"default","ignore":{}}\n')}`);
    expect(deploymentIdFromManifestId('s-abc', undefined)).toBe(`s-abc:${sha256('{"ignore":{}}\n')}`);
  });

  it('ignores diff, correctDrift, unknown fields and key order', () => {
    const json = manifestJson(resources);
    const base = deploymentId(json, { defaultNamespace: 'default', helm: { values: { a: 1, b: 2 } } });
    expect(
      deploymentId(json, {
        helm: { values: { b: 2, a: 1 } },
        defaultNamespace: 'default',
        diff: { comparePatches: [{ kind: 'Service', jsonPointers: ['/spec'] }] },
        correctDrift: { enabled: true },
        somethingNew: 'x',
      } as never),
    ).toBe(base);
  });

  it('changes when the manifest or the deployable options change', () => {
    const json = manifestJson(resources);
    const base = deploymentId(json, { defaultNamespace: 'default' });
    expect(deploymentId(json, { defaultNamespace: 'other' })).not.toBe(base);
    expect(deploymentId(json, { defaultNamespace: 'default', forceSyncGeneration: 1 })).not.toBe(base);
    expect(deploymentId(manifestJson(resources.slice(1)), { defaultNamespace: 'default' })).not.toBe(base);
  });

  it('extracts the Content name', () => {
    expect(contentName('s-abc:def')).toBe('s-abc');
    expect(contentName('s-abc')).toBe('s-abc');
  });
});
