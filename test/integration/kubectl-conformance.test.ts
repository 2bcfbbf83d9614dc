/**
 * Drives the embedded cluster with the machine's real `kubectl`, asserting on what kubectl prints
 * the way a user would read it. kubectl is the reference client: if it is happy, the discovery
 * documents, Table output, patch media types, watch framing and dry-run handling are right.
 *
 * kubectl runs as a child process, always asynchronously: the cluster runs in this process, so a
 * synchronous spawn would block the event loop that has to answer kubectl.
 */
import { CustomObjectsApi, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { FLEET_RESOURCES } from '../../lib/fleet/resources';
import { startTestCluster, type InProcessCluster } from '../support/embedded-cluster';
import { kubectlPath } from '../support/kubectl';

const hasKubectl = kubectlPath !== undefined;
if (!hasKubectl) console.warn('kubectl not found: skipping kubectl conformance');

const NS = 'fleet-default';

const MANIFEST = `apiVersion: fleet.cattle.io/v1alpha1
kind: GitRepo
metadata:
  name: demo
  namespace: ${NS}
  labels:
    team: alpha
spec:
  repo: https://github.com/rancher/fleet-examples
  branch: main
  paths:
  - simple
---
apiVersion: fleet.cattle.io/v1alpha1
kind: ClusterGroup
metadata:
  name: prod
  namespace: ${NS}
  labels:
    team: alpha
spec:
  selector:
    matchLabels:
      env: prod
---
apiVersion: fleet.cattle.io/v1alpha1
kind: Cluster
metadata:
  name: edge-1
  namespace: ${NS}
  labels:
    env: prod
spec:
  kubeConfigSecret: edge-1-kubeconfig
---
apiVersion: v1
kind: Secret
metadata:
  name: edge-1-kubeconfig
  namespace: ${NS}
type: Opaque
data:
  value: aGVsbG8=
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: ${NS}
data:
  mode: demo
`;

interface KubectlResult {
  stdout: string;
  stderr: string;
  code: number;
}

describe.skipIf(!hasKubectl)('kubectl conformance', () => {
  let cluster: InProcessCluster;
  let cacheDir: string;

  /** Runs kubectl against the test cluster; resolves with its output whatever the exit code. */
  function kubectl(args: string[], options: { input?: string; timeoutMs?: number } = {}): Promise<KubectlResult> {
    return new Promise((resolve) => {
      const child = execFile(
        kubectlPath!,
        [`--cache-dir=${cacheDir}`, ...args],
        { env: { ...process.env, KUBECONFIG: cluster.kubeconfigPath }, timeout: options.timeoutMs ?? 30_000, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          resolve({ stdout, stderr, code });
        },
      );
      if (options.input !== undefined) child.stdin!.end(options.input);
    });
  }

  /** kubectl that must succeed; returns stdout. */
  async function ok(args: string[], input?: string): Promise<string> {
    const result = await kubectl(args, { input });
    expect(result.code, `kubectl ${args.join(' ')} failed:\n${result.stderr}${result.stdout}`).toBe(0);
    return result.stdout;
  }

  /** Starts a long-running kubectl (watch, wait) and collects its output as it arrives. */
  function start(args: string[]) {
    const child: ChildProcess = spawn(kubectlPath!, [`--cache-dir=${cacheDir}`, ...args], {
      env: { ...process.env, KUBECONFIG: cluster.kubeconfigPath },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    return {
      child,
      exited,
      output: () => stdout,
      errors: () => stderr,
      async waitFor(predicate: (stdout: string) => boolean, timeoutMs = 15_000): Promise<void> {
        const deadline = Date.now() + timeoutMs;
        while (!predicate(stdout)) {
          if (Date.now() > deadline) throw new Error(`timed out waiting for kubectl ${args.join(' ')}; stdout:\n${stdout}\nstderr:\n${stderr}`);
          if (child.exitCode !== null) throw new Error(`kubectl ${args.join(' ')} exited with ${child.exitCode}; stdout:\n${stdout}\nstderr:\n${stderr}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      },
    };
  }

  /** Writes status through the status subresource, with kubectl when it can, else client-node. */
  let kubectlPatchesStatus = false;
  async function patchStatus(plural: string, name: string, status: Record<string, unknown>, namespace = NS): Promise<void> {
    if (kubectlPatchesStatus) {
      await ok(['patch', plural, name, '-n', namespace, '--subresource=status', '--type=merge', '-p', JSON.stringify({ status })]);
      return;
    }
    const api = cluster.kubeConfig.makeApiClient(CustomObjectsApi);
    await api.patchNamespacedCustomObjectStatus(
      { group: 'fleet.cattle.io', version: 'v1alpha1', namespace, plural, name, body: { status } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
  }

  beforeAll(async () => {
    cluster = await startTestCluster();
    cacheDir = path.join(cluster.dataDir, 'kubectl-cache');
    const help = await kubectl(['patch', '--help']);
    kubectlPatchesStatus = help.stdout.includes('--subresource');
    const version = await kubectl(['version', '--client']);
    console.info(`kubectl conformance with ${version.stdout.split('\n')[0]}; status writes via ${kubectlPatchesStatus ? 'kubectl patch --subresource=status' : 'client-node'}`);
  });

  afterAll(async () => {
    await cluster?.dispose();
  });

  it('applies a multi-document manifest, then reports unchanged, then configured after an edit', async () => {
    const file = path.join(cluster.dataDir, 'fleet.yaml');
    writeFileSync(file, MANIFEST);

    expect(lines(await ok(['apply', '-f', file]))).toEqual([
      'gitrepo.fleet.cattle.io/demo created',
      'clustergroup.fleet.cattle.io/prod created',
      'cluster.fleet.cattle.io/edge-1 created',
      'secret/edge-1-kubeconfig created',
      'configmap/settings created',
    ]);
    expect(lines(await ok(['apply', '-f', file]))).toEqual([
      'gitrepo.fleet.cattle.io/demo unchanged',
      'clustergroup.fleet.cattle.io/prod unchanged',
      'cluster.fleet.cattle.io/edge-1 unchanged',
      'secret/edge-1-kubeconfig unchanged',
      'configmap/settings unchanged',
    ]);

    writeFileSync(file, MANIFEST.replace('branch: main', 'branch: release').replace('mode: demo', 'mode: live'));
    expect(lines(await ok(['apply', '-f', file]))).toEqual([
      'gitrepo.fleet.cattle.io/demo configured',
      'clustergroup.fleet.cattle.io/prod unchanged',
      'cluster.fleet.cattle.io/edge-1 unchanged',
      'secret/edge-1-kubeconfig unchanged',
      'configmap/settings configured',
    ]);
    expect(await ok(['get', 'gitrepo', 'demo', '-n', NS, '-o', 'jsonpath={.spec.branch} {.metadata.generation}'])).toBe('release 2');
    expect(await ok(['get', 'configmap', 'settings', '-n', NS, '-o', 'jsonpath={.data.mode}'])).toBe('live');
    // kubectl diff uses a server-side dry run of the same patch: nothing differs now.
    expect((await kubectl(['diff', '-f', file])).code).toBe(0);
  });

  it('stores a Secret the way kube-apiserver does: stringData folded into data, type defaulted', async () => {
    const secret = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: plain\n  namespace: ${NS}\nstringData:\n  password: s3cret\n`;
    expect(await ok(['apply', '-f', '-'], secret)).toBe('secret/plain created\n');
    const stored = JSON.parse(await ok(['get', 'secret', 'plain', '-n', NS, '-o', 'json'])) as Record<string, unknown>;
    expect(stored.data).toEqual({ password: Buffer.from('s3cret').toString('base64') });
    expect(stored.stringData).toBeUndefined();
    expect(stored.type).toBe('Opaque');
    const table = parseTable(await ok(['get', 'secret', 'plain', '-n', NS]));
    expect(table).toEqual([expect.objectContaining({ NAME: 'plain', TYPE: 'Opaque', DATA: '1' })]);
  });

  it('shows the Fleet printer columns with values written through the status subresource', async () => {
    await patchStatus('gitrepos', 'demo', {
      commit: 'abc1234',
      display: { readyBundleDeployments: '3/4', state: 'NotReady' },
      conditions: [{ type: 'Ready', status: 'False', message: 'NotReady(1)' }],
    });
    await patchStatus('clustergroups', 'prod', {
      display: { readyClusters: '1/1', readyBundles: '2/2' },
      conditions: [{ type: 'Ready', status: 'True', message: '' }],
    });

    const output = await ok(['get', 'gitrepos', '-n', NS]);
    expect(headerOf(output)).toEqual(['NAME', 'REPO', 'COMMIT', 'BUNDLEDEPLOYMENTS-READY', 'STATUS']);
    expect(parseTable(output)).toEqual([
      { NAME: 'demo', REPO: 'https://github.com/rancher/fleet-examples', COMMIT: 'abc1234', 'BUNDLEDEPLOYMENTS-READY': '3/4', STATUS: 'NotReady(1)' },
    ]);

    const wide = await ok(['get', 'gitrepos', '-n', NS, '-o', 'wide']);
    expect(headerOf(wide)).toEqual(['NAME', 'REPO', 'COMMIT', 'BUNDLEDEPLOYMENTS-READY', 'STATUS']);
    expect(parseTable(wide)[0]).toMatchObject({ NAME: 'demo', COMMIT: 'abc1234' });

    const groups = await ok(['get', 'clustergroups', '-n', NS]);
    expect(headerOf(groups)).toEqual(['NAME', 'CLUSTERS-READY', 'BUNDLES-READY', 'STATUS']);
    expect(parseTable(groups)).toEqual([{ NAME: 'prod', 'CLUSTERS-READY': '1/1', 'BUNDLES-READY': '2/2', STATUS: '' }]);

    const clusters = await ok(['get', 'clusters.fleet.cattle.io', '-A']);
    expect(headerOf(clusters)).toEqual(['NAMESPACE', 'NAME', 'BUNDLES-READY', 'LAST-SEEN', 'STATUS']);
    expect(parseTable(clusters)).toEqual([expect.objectContaining({ NAMESPACE: NS, NAME: 'edge-1' })]);

    // A status write does not count as a spec change.
    expect(await ok(['get', 'gitrepo', 'demo', '-n', NS, '-o', 'jsonpath={.metadata.generation}'])).toBe('2');
  });

  it('prints objects and lists as YAML and JSON', async () => {
    const one = parseYaml(await ok(['get', 'gitrepo', 'demo', '-n', NS, '-o', 'yaml'])) as Record<string, any>;
    expect(one.apiVersion).toBe('fleet.cattle.io/v1alpha1');
    expect(one.kind).toBe('GitRepo');
    expect(one.metadata).toMatchObject({ name: 'demo', namespace: NS, labels: { team: 'alpha' } });
    expect(one.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(one.spec).toEqual({ repo: 'https://github.com/rancher/fleet-examples', branch: 'release', paths: ['simple'] });
    expect(one.status.commit).toBe('abc1234');

    const list = JSON.parse(await ok(['get', 'gitrepos,clustergroups', '-n', NS, '-o', 'json'])) as { kind: string; items: { kind: string; metadata: { name: string } }[] };
    expect(list.kind).toBe('List');
    expect(list.items.map((item) => `${item.kind}/${item.metadata.name}`)).toEqual(['GitRepo/demo', 'ClusterGroup/prod']);

    const yamlList = parseYaml(await ok(['get', 'configmaps', '-n', NS, '-o', 'yaml'])) as { items: { data: unknown }[] };
    expect(yamlList.items).toEqual([expect.objectContaining({ data: { mode: 'live' } })]);

    expect(await ok(['get', 'gitrepo', 'demo', '-n', NS, '-o', 'custom-columns=NAME:.metadata.name,BRANCH:.spec.branch'])).toMatch(/^NAME\s+BRANCH\ndemo\s+release\n$/);
  });

  it('lists the fleet category across namespaces: gitrepos, clustergroups and helmops', async () => {
    await ok(['apply', '-f', '-'], `apiVersion: fleet.cattle.io/v1alpha1
kind: HelmOp
metadata: {name: nginx, namespace: fleet-local}
spec:
  helm: {repo: https://charts.example.com, chart: nginx, version: 1.2.3}
`);
    const names = lines(await ok(['get', 'fleet', '-A', '-o', 'name']));
    expect(names).toEqual(['gitrepo.fleet.cattle.io/demo', 'clustergroup.fleet.cattle.io/prod', 'helmop.fleet.cattle.io/nginx']);

    const output = await ok(['get', 'fleet', '-A']);
    const blocks = output.trim().split(/\n\s*\n/);
    expect(blocks).toHaveLength(3);
    expect(parseTable(blocks[0]!)).toEqual([expect.objectContaining({ NAMESPACE: NS, NAME: 'gitrepo.fleet.cattle.io/demo', COMMIT: 'abc1234' })]);
    expect(parseTable(blocks[1]!)).toEqual([expect.objectContaining({ NAMESPACE: NS, NAME: 'clustergroup.fleet.cattle.io/prod', 'CLUSTERS-READY': '1/1' })]);
    expect(parseTable(blocks[2]!)).toEqual([
      expect.objectContaining({ NAMESPACE: 'fleet-local', NAME: 'helmop.fleet.cattle.io/nginx', REPO: 'https://charts.example.com', CHART: 'nginx' }),
    ]);
  });

  it('filters with label selectors', async () => {
    expect(lines(await ok(['get', 'fleet', '-A', '-l', 'team=alpha', '-o', 'name']))).toEqual([
      'gitrepo.fleet.cattle.io/demo',
      'clustergroup.fleet.cattle.io/prod',
    ]);
    expect(parseTable(await ok(['get', 'clusters.fleet.cattle.io', '-n', NS, '-l', 'env in (prod,staging)'])).map((r) => r.NAME)).toEqual(['edge-1']);
    const none = await kubectl(['get', 'gitrepos', '-n', NS, '-l', 'team!=alpha']);
    expect(none.code).toBe(0);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain(`No resources found in ${NS} namespace.`);
    const bad = await kubectl(['get', 'gitrepos', '-n', NS, '-l', 'team in alpha']);
    expect(bad.code).not.toBe(0);
  });

  it('sees a change with get --watch', async () => {
    const watch = start(['get', 'gitrepos', '-n', NS, '--watch']);
    try {
      await watch.waitFor((out) => /^demo\s+\S+\s+abc1234\s/m.test(out));
      await patchStatus('gitrepos', 'demo', { commit: 'feed999' });
      await watch.waitFor((out) => /^demo\s+\S+\s+feed999\s/m.test(out));
      const rows = watch.output().trim().split('\n');
      expect(rows[0]).toMatch(/^NAME\s+REPO\s+COMMIT\s+BUNDLEDEPLOYMENTS-READY\s+STATUS$/);
      expect(rows.filter((row) => row.startsWith('NAME'))).toHaveLength(1);

      // A new object shows up in the same watch.
      await ok(['create', '-f', '-'], `apiVersion: fleet.cattle.io/v1alpha1\nkind: GitRepo\nmetadata: {name: watched, namespace: ${NS}}\nspec: {repo: https://example.com/watched}\n`);
      await watch.waitFor((out) => /^watched\s+https:\/\/example\.com\/watched/m.test(out));
    } finally {
      watch.child.kill();
      await watch.exited;
    }
    await ok(['delete', 'gitrepo', 'watched', '-n', NS]);
  });

  it('patches with --type=merge and --type=json', async () => {
    expect(await ok(['patch', 'gitrepo', 'demo', '-n', NS, '--type=merge', '-p', '{"spec":{"paused":true,"branch":"main"}}'])).toBe('gitrepo.fleet.cattle.io/demo patched\n');
    expect(await ok(['get', 'gitrepo', 'demo', '-n', NS, '-o', 'jsonpath={.spec.paused} {.spec.branch}'])).toBe('true main');

    expect(await ok(['patch', 'gitrepo', 'demo', '-n', NS, '--type=merge', '-p', '{"spec":{"paused":true}}'])).toBe('gitrepo.fleet.cattle.io/demo patched (no change)\n');

    const jsonPatch = JSON.stringify([
      { op: 'remove', path: '/spec/paused' },
      { op: 'add', path: '/spec/paths/-', value: 'more' },
      { op: 'replace', path: '/metadata/labels/team', value: 'beta' },
    ]);
    expect(await ok(['patch', 'gitrepo', 'demo', '-n', NS, '--type=json', '-p', jsonPatch])).toBe('gitrepo.fleet.cattle.io/demo patched\n');
    expect(await ok(['get', 'gitrepo', 'demo', '-n', NS, '-o', 'jsonpath={.spec.paths} {.spec.paused} {.metadata.labels.team}'])).toBe('["simple","more"]  beta');

    const failing = await kubectl(['patch', 'gitrepo', 'demo', '-n', NS, '--type=json', '-p', '[{"op":"test","path":"/spec/branch","value":"nope"}]']);
    expect(failing.code).not.toBe(0);
    // kube-apiserver answers a failed JSON patch `test` with 422 Invalid, which kubectl words like this.
    expect(failing.stderr).toMatch(/^The request is invalid: .*test failed/);

    // Labels back as they were, for the tests that select on them.
    await ok(['label', 'gitrepo', 'demo', '-n', NS, 'team=alpha', '--overwrite']);
  });

  it('changes nothing with --dry-run=server on create, apply and delete', async () => {
    const before = await ok(['get', 'gitrepo', 'demo', '-n', NS, '-o', 'jsonpath={.metadata.resourceVersion}']);

    const created = await ok(['create', '-f', '-', '--dry-run=server'], `apiVersion: fleet.cattle.io/v1alpha1\nkind: GitRepo\nmetadata: {name: ghost, namespace: ${NS}}\nspec: {repo: https://example.com/ghost}\n`);
    expect(created).toBe('gitrepo.fleet.cattle.io/ghost created (server dry run)\n');
    const ghost = await kubectl(['get', 'gitrepo', 'ghost', '-n', NS]);
    expect(ghost.code).not.toBe(0);
    expect(ghost.stderr).toContain('gitrepos.fleet.cattle.io "ghost" not found');

    const file = path.join(cluster.dataDir, 'dry.yaml');
    writeFileSync(file, MANIFEST.replace('branch: main', 'branch: dry-run'));
    const applied = lines(await ok(['apply', '-f', file, '--dry-run=server']));
    expect(applied[0]).toBe('gitrepo.fleet.cattle.io/demo configured (server dry run)');
    expect(await ok(['get', 'gitrepo', 'demo', '-n', NS, '-o', 'jsonpath={.spec.branch}'])).toBe('main');

    expect(await ok(['delete', 'gitrepo', 'demo', '-n', NS, '--dry-run=server'])).toBe('gitrepo.fleet.cattle.io "demo" deleted (server dry run)\n');
    expect(await ok(['delete', 'namespace', 'fleet-local', '--dry-run=server'])).toBe('namespace "fleet-local" deleted (server dry run)\n');

    expect(await ok(['get', 'gitrepo', 'demo', '-n', NS, '-o', 'jsonpath={.metadata.resourceVersion}'])).toBe(before);
    expect(parseTable(await ok(['get', 'ns', 'fleet-local']))).toEqual([expect.objectContaining({ NAME: 'fleet-local', STATUS: 'Active' })]);
  });

  it('lists every fleet.cattle.io kind in api-resources with the right NAMESPACED value', async () => {
    const rows = parseTable(await ok(['api-resources']));
    for (const resource of FLEET_RESOURCES) {
      const apiVersion = `${resource.group}/${resource.version}`;
      const row = rows.find((r) => r.NAME === resource.plural && r.APIVERSION === apiVersion);
      expect(row, `${resource.plural} (${apiVersion}) in kubectl api-resources`).toEqual(
        expect.objectContaining({ KIND: resource.kind, NAMESPACED: String(resource.namespaced) }),
      );
    }
    const fleetOnly = lines(await ok(['api-resources', '--api-group=fleet.cattle.io', '-o', 'name']));
    expect(fleetOnly.sort()).toEqual(
      FLEET_RESOURCES.filter((r) => r.group === 'fleet.cattle.io').map((r) => `${r.plural}.fleet.cattle.io`).sort(),
    );
    const clusterScoped = lines(await ok(['api-resources', '--api-group=fleet.cattle.io', '--namespaced=false', '-o', 'name']));
    expect(clusterScoped).toEqual(['contents.fleet.cattle.io']);
  });

  it('waits with --for=jsonpath until a background status write makes the GitRepo Ready', async () => {
    await patchStatus('gitrepos', 'demo', { display: { state: 'WaitApplied' } });
    const wait = start(['wait', 'gitrepo/demo', '-n', NS, `--for=jsonpath={.status.display.state}=Ready`, '--timeout=30s']);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(wait.child.exitCode).toBeNull();
    await patchStatus('gitrepos', 'demo', { display: { state: 'Ready' } });
    expect(await wait.exited).toBe(0);
    expect(wait.output()).toBe('gitrepo.fleet.cattle.io/demo condition met\n');
  });

  it('shows the namespaces of a Fleet management cluster', async () => {
    const rows = parseTable(await ok(['get', 'ns']));
    for (const name of ['fleet-local', 'fleet-default', 'cattle-fleet-system']) {
      expect(rows).toContainEqual(expect.objectContaining({ NAME: name, STATUS: 'Active' }));
    }
    // Every namespace carries its name as a label, as kube-apiserver sets it.
    expect(await ok(['get', 'ns', '-l', 'kubernetes.io/metadata.name=fleet-local', '-o', 'name'])).toBe('namespace/fleet-local\n');
  });

  it('creates and deletes a namespace', async () => {
    expect(await ok(['create', 'namespace', 'scratch'])).toBe('namespace/scratch created\n');
    expect(await ok(['create', 'configmap', 'c1', '-n', 'scratch', '--from-literal=a=b'])).toBe('configmap/c1 created\n');
    expect(parseTable(await ok(['get', 'ns', 'scratch', '--show-labels']))).toEqual([
      expect.objectContaining({ NAME: 'scratch', STATUS: 'Active', LABELS: 'kubernetes.io/metadata.name=scratch' }),
    ]);
    // kubectl waits for the namespace to be gone (contents first) before it returns.
    expect(await ok(['delete', 'namespace', 'scratch'])).toBe('namespace "scratch" deleted\n');
    const gone = await kubectl(['get', 'ns', 'scratch']);
    expect(gone.code).not.toBe(0);
    expect(gone.stderr).toContain('namespaces "scratch" not found');
  });

  it('deletes objects', async () => {
    expect(await ok(['delete', 'gitrepo', 'demo', '-n', NS])).toBe('gitrepo.fleet.cattle.io "demo" deleted\n');
    const missing = await kubectl(['get', 'gitrepo', 'demo', '-n', NS]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Error from server (NotFound): gitrepos.fleet.cattle.io "demo" not found');

    const file = path.join(cluster.dataDir, 'fleet.yaml');
    expect(lines(await ok(['delete', '-f', file, '--ignore-not-found']))).toEqual([
      'clustergroup.fleet.cattle.io "prod" deleted',
      'cluster.fleet.cattle.io "edge-1" deleted',
      'secret "edge-1-kubeconfig" deleted',
      'configmap "settings" deleted',
    ]);
    expect(lines(await ok(['delete', 'helmops', '--all', '-n', 'fleet-local']))).toEqual(['helmop.fleet.cattle.io "nginx" deleted']);
    const empty = await kubectl(['get', 'fleet', '-A']);
    expect(empty.stdout).toBe('');
    expect(empty.stderr).toContain('No resources found');
  });
});

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

function headerOf(table: string): string[] {
  return (lines(table)[0] ?? '').trim().split(/\s+/);
}

/**
 * Reads kubectl's column output as a user does: each cell lies under its header. Cells may hold
 * spaces or be empty, so columns are cut at the headers' positions, not at whitespace.
 */
function parseTable(table: string): Record<string, string>[] {
  const [header, ...rows] = lines(table);
  if (!header) return [];
  const columns: { name: string; start: number }[] = [];
  for (const match of header.matchAll(/\S+/g)) columns.push({ name: match[0], start: match.index });
  return rows.map((row) => {
    const record: Record<string, string> = {};
    columns.forEach((column, index) => {
      const end = columns[index + 1]?.start ?? row.length;
      record[column.name] = row.slice(column.start, end).trim();
    });
    return record;
  });
}
