import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLEET_RESOURCES } from '../../lib/fleet/resources';
import { startTestCluster, type InProcessCluster } from '../support/embedded-cluster';
import {
  clientsFor,
  createNamespace,
  expectStatus,
  GITREPOS,
  mergePatch,
  jsonPatch,
  strategicMergePatch,
  objectApi,
  refOf,
  SAMPLES,
  uniqueName,
  WORKSPACES,
  waitFor,
  type Clients,
} from './helpers';

let cluster: InProcessCluster;
let clients: Clients;
let namespace: string;

beforeAll(async () => {
  cluster = await startTestCluster();
  clients = clientsFor(cluster.kubeConfig);
  namespace = await createNamespace(clients.core, 'crud');
});

afterAll(async () => {
  await cluster?.dispose();
});

const STORED_FLEET_KINDS = FLEET_RESOURCES.filter((r) => r.kind !== 'FleetWorkspace');

describe('CRUD on every Fleet kind', () => {
  it.each(STORED_FLEET_KINDS.map((r) => [r.kind, r] as const))('%s: create, get, list, replace, patch, status, delete', async (kind, resource) => {
    const api = objectApi(clients.custom, refOf(resource), resource.namespaced ? namespace : undefined);
    const sample = SAMPLES[kind]!;
    const name = uniqueName(kind.toLowerCase());
    const status = kind === 'Content' ? { referenceCount: 2 } : { conditions: [{ type: 'Ready', status: 'True', message: 'ok' }] };

    // Create: status sent on create is dropped (status subresource), server fields are set.
    const created = await api.create({
      apiVersion: `${resource.group}/${resource.version}`,
      kind,
      metadata: { name, labels: { app: 'demo' } },
      ...sample.body,
      status,
    });
    expect(created.kind).toBe(kind);
    expect(created.metadata.name).toBe(name);
    expect(created.metadata.namespace).toBe(resource.namespaced ? namespace : undefined);
    expect(created.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata.generation).toBe(1);
    expect(Number(created.metadata.resourceVersion)).toBeGreaterThan(0);
    expect(created.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(created.status).toBeUndefined();

    const fetched = await api.get(name);
    expect(fetched).toEqual(created);

    const listed = await api.list();
    expect(listed.kind).toBe(`${kind}List`);
    expect(listed.metadata.resourceVersion).toMatch(/^\d+$/);
    expect(listed.items.map((o: any) => o.metadata.name)).toContain(name);

    // Replace with a spec change: generation 2, uid and creationTimestamp unchanged.
    const replaced = await api.replace(name, { ...fetched, ...mergeDeep(fetched, sample.change) });
    expect(replaced.metadata.generation).toBe(2);
    expect(replaced.metadata.uid).toBe(created.metadata.uid);
    expect(replaced.metadata.creationTimestamp).toBe(created.metadata.creationTimestamp);
    expect(Number(replaced.metadata.resourceVersion)).toBeGreaterThan(Number(created.metadata.resourceVersion));

    // A metadata-only merge patch does not bump generation.
    const labelled = await api.patch(name, { metadata: { labels: { tier: 'gold' } } }, 'merge');
    expect(labelled.metadata.labels).toEqual({ app: 'demo', tier: 'gold' });
    expect(labelled.metadata.generation).toBe(2);

    // A json-patch on a label.
    const jsonPatched = await api.patch(name, [{ op: 'remove', path: '/metadata/labels/tier' }], 'json');
    expect(jsonPatched.metadata.labels).toEqual({ app: 'demo' });
    expect(jsonPatched.metadata.generation).toBe(2);

    // Status subresource: writes change only status, and not generation.
    const withStatus = await api.replaceStatus(name, { ...jsonPatched, extraField: 'ignored', metadata: { ...jsonPatched.metadata, labels: { sneaky: 'x' } }, status });
    expect(withStatus.extraField).toBeUndefined();
    expect(withStatus.status).toEqual(status);
    expect(withStatus.metadata.labels).toEqual({ app: 'demo' });
    expect(withStatus.metadata.generation).toBe(2);
    expectSameContent(withStatus, jsonPatched);

    const statusPatched = await api.patchStatus(name, { status: { observedGeneration: 2 } });
    expect(statusPatched.status.observedGeneration).toBe(2);
    expect(statusPatched.metadata.generation).toBe(2);

    // Writes to the main resource ignore status.
    const ignored = await api.patch(name, { status: { observedGeneration: 99 } }, 'merge');
    expect(ignored.status.observedGeneration).toBe(2);
    expect(ignored.metadata.resourceVersion).toBe(statusPatched.metadata.resourceVersion);

    await api.delete(name);
    await expectStatus(api.get(name), 404, 'NotFound');
  });

  it('strategic merge patch on a custom resource answers 415 UnsupportedMediaType', async () => {
    const api = objectApi(clients.custom, GITREPOS, namespace);
    const name = uniqueName('smp');
    await api.create({ metadata: { name }, ...SAMPLES.GitRepo!.body });
    const status = await expectStatus(api.patch(name, { spec: { branch: 'dev' } }, 'strategic'), 415, 'UnsupportedMediaType');
    expect(status.message).toMatch(/merge-patch\+json/);
    expect((await api.get(name)).spec.branch).toBeUndefined();
  });

  it('a json-patch test op that fails leaves the object untouched', async () => {
    const api = objectApi(clients.custom, GITREPOS, namespace);
    const name = uniqueName('jp');
    const created = await api.create({ metadata: { name }, ...SAMPLES.GitRepo!.body });
    await expectStatus(
      api.patch(name, [{ op: 'test', path: '/spec/repo', value: 'nope' }, { op: 'replace', path: '/spec/repo', value: 'https://x' }], 'json'),
      422,
      'Invalid',
    );
    const after = await api.get(name);
    expect(after.spec.repo).toBe(SAMPLES.GitRepo!.body.spec && (SAMPLES.GitRepo!.body.spec as any).repo);
    expect(after.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
  });
});

describe('FleetWorkspace', () => {
  const workspaces = () => objectApi(clients.custom, WORKSPACES);

  it('brings its namespace, and deleting it removes the namespace and what is inside', async () => {
    const name = uniqueName('ws');
    const workspace = await workspaces().create({ apiVersion: 'management.cattle.io/v3', kind: 'FleetWorkspace', metadata: { name } });
    expect(workspace.metadata.uid).toBeTruthy();

    const ns = await clients.core.readNamespace({ name });
    expect(ns.status?.phase).toBe('Active');
    expect(ns.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'FleetWorkspace', name, uid: workspace.metadata.uid });

    const gitrepos = objectApi(clients.custom, GITREPOS, name);
    await gitrepos.create({ metadata: { name: 'inside' }, ...SAMPLES.GitRepo!.body });
    await clients.core.createNamespacedConfigMap({ namespace: name, body: { metadata: { name: 'cm' }, data: { a: '1' } } });

    const listed = await workspaces().list();
    expect(listed.items.map((w: any) => w.metadata.name)).toEqual(expect.arrayContaining(['fleet-default', 'fleet-local', name]));

    const relabelled = await workspaces().patch(name, { metadata: { labels: { team: 'a' } } });
    expect(relabelled.metadata.labels).toEqual({ team: 'a' });

    await workspaces().delete(name);
    await expectStatus(workspaces().get(name), 404, 'NotFound');
    await waitFor(async () => {
      try {
        await clients.core.readNamespace({ name });
        return false;
      } catch {
        return true;
      }
    }, 'the workspace namespace to go away');
    await expectStatus(gitrepos.get('inside'), 404, 'NotFound');
    await expectStatus(clients.core.readNamespacedConfigMap({ namespace: name, name: 'cm' }), 404, 'NotFound');
  });

  it('may not adopt an existing namespace', async () => {
    const name = await createNamespace(clients.core, 'taken');
    const status = await expectStatus(workspaces().create({ metadata: { name } }), 409, 'AlreadyExists');
    expect(status.details?.kind).toBe('namespaces');
    await expectStatus(workspaces().get(name), 404, 'NotFound');
  });
});

describe('CRUD on core kinds', () => {
  it('namespaces', async () => {
    const name = uniqueName('ns');
    const created = await clients.core.createNamespace({ body: { metadata: { name, labels: { a: '1' } } } });
    expect(created.status?.phase).toBe('Active');
    expect(created.spec?.finalizers).toEqual(['kubernetes']);
    const patched = await clients.core.patchNamespace({ name, body: { metadata: { labels: { b: '2' } } } }, mergePatch);
    // kube-apiserver adds kubernetes.io/metadata.name to every namespace.
    expect(patched.metadata?.labels).toEqual({ a: '1', b: '2', 'kubernetes.io/metadata.name': name });
    const list = await clients.core.listNamespace({ labelSelector: 'b=2' });
    expect(list.items.map((n) => n.metadata?.name)).toEqual([name]);
    const replaced = await clients.core.replaceNamespace({ name, body: { ...patched, metadata: { ...patched.metadata, labels: { c: '3' } } } });
    expect(replaced.metadata?.labels).toEqual({ c: '3', 'kubernetes.io/metadata.name': name });
    expect(replaced.metadata?.uid).toBe(created.metadata?.uid);
    await clients.core.deleteNamespace({ name });
    await waitFor(async () => {
      try {
        await clients.core.readNamespace({ name });
        return false;
      } catch {
        return true;
      }
    }, 'the namespace to go away');
  });

  it('secrets: data, stringData, type, update, patch, delete', async () => {
    const created = await clients.core.createNamespacedSecret({
      namespace,
      body: { metadata: { name: 'creds' }, data: { username: Buffer.from('admin').toString('base64') }, stringData: { password: 's3cret' } },
    });
    expect(created.data).toEqual({ username: Buffer.from('admin').toString('base64'), password: Buffer.from('s3cret').toString('base64') });
    expect(created.stringData).toBeUndefined();
    expect(created.type).toBe('Opaque');

    const read = await clients.core.readNamespacedSecret({ namespace, name: 'creds' });
    expect(read.data).toEqual(created.data);

    const replaced = await clients.core.replaceNamespacedSecret({ namespace, name: 'creds', body: { ...read, data: { token: Buffer.from('t').toString('base64') } } });
    expect(replaced.data).toEqual({ token: 'dA==' });

    const patched = await clients.core.patchNamespacedSecret({ namespace, name: 'creds', body: { stringData: { extra: 'e' } } }, mergePatch);
    expect(patched.data).toEqual({ token: 'dA==', extra: 'ZQ==' });

    await expectStatus(
      clients.core.createNamespacedSecret({ namespace, body: { metadata: { name: 'bad' }, data: { k: 'not base64!' } } }),
      422,
      'Invalid',
    );
    await clients.core.deleteNamespacedSecret({ namespace, name: 'creds' });
    await expectStatus(clients.core.readNamespacedSecret({ namespace, name: 'creds' }), 404, 'NotFound');
  });

  it('configmaps: every patch type works on a core kind', async () => {
    const created = await clients.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'settings' }, data: { a: '1' } } });
    expect(created.metadata?.generation).toBeUndefined();
    const merged = await clients.core.patchNamespacedConfigMap({ namespace, name: 'settings', body: { data: { b: '2' } } }, mergePatch);
    expect(merged.data).toEqual({ a: '1', b: '2' });
    const json = await clients.core.patchNamespacedConfigMap({ namespace, name: 'settings', body: [{ op: 'remove', path: '/data/a' }] }, jsonPatch);
    expect(json.data).toEqual({ b: '2' });
    const strategic = await clients.core.patchNamespacedConfigMap({ namespace, name: 'settings', body: { data: { c: '3' } } }, strategicMergePatch);
    expect(strategic.data).toEqual({ b: '2', c: '3' });
    const list = await clients.core.listNamespacedConfigMap({ namespace });
    expect(list.items.map((c) => c.metadata?.name)).toContain('settings');
    await clients.core.deleteNamespacedConfigMap({ namespace, name: 'settings' });
    await expectStatus(clients.core.readNamespacedConfigMap({ namespace, name: 'settings' }), 404, 'NotFound');
  });

  it('events', async () => {
    const body = {
      metadata: { name: 'gitrepo.123' },
      involvedObject: { kind: 'GitRepo', name: 'demo', namespace, apiVersion: 'fleet.cattle.io/v1alpha1' },
      reason: 'Synced',
      message: 'synced',
      type: 'Normal',
      count: 1,
    };
    const created = await clients.core.createNamespacedEvent({ namespace, body });
    expect(created.reason).toBe('Synced');
    const patched = await clients.core.patchNamespacedEvent({ namespace, name: 'gitrepo.123', body: { count: 2 } }, mergePatch);
    expect(patched.count).toBe(2);
    const list = await clients.core.listNamespacedEvent({ namespace, fieldSelector: 'involvedObject.name=demo,reason=Synced' });
    expect(list.items.map((e) => e.metadata?.name)).toEqual(['gitrepo.123']);
    await clients.core.deleteNamespacedEvent({ namespace, name: 'gitrepo.123' });
    await expectStatus(clients.core.readNamespacedEvent({ namespace, name: 'gitrepo.123' }), 404, 'NotFound');
  });
});

describe('metadata bookkeeping', () => {
  it('generation changes only with spec; uid and creationTimestamp never change', async () => {
    const api = objectApi(clients.custom, GITREPOS, namespace);
    const name = uniqueName('gen');
    const created = await api.create({ metadata: { name }, ...SAMPLES.GitRepo!.body });
    // Clients cannot set server-owned fields on update.
    const updated = await api.replace(name, {
      ...created,
      metadata: { ...created.metadata, generation: 42, creationTimestamp: '2001-01-01T00:00:00Z', annotations: { a: 'b' } },
    });
    expect(updated.metadata.generation).toBe(1);
    expect(updated.metadata.creationTimestamp).toBe(created.metadata.creationTimestamp);
    expect(updated.metadata.uid).toBe(created.metadata.uid);
    const specChanged = await api.patch(name, { spec: { paused: true } });
    expect(specChanged.metadata.generation).toBe(2);
    const statusChanged = await api.patchStatus(name, { status: { commit: 'abc' } });
    expect(statusChanged.metadata.generation).toBe(2);
    const specChangedAgain = await api.patch(name, [{ op: 'add', path: '/spec/branch', value: 'main' }], 'json');
    expect(specChangedAgain.metadata.generation).toBe(3);
    expect(specChangedAgain.metadata.uid).toBe(created.metadata.uid);
    expect(specChangedAgain.metadata.creationTimestamp).toBe(created.metadata.creationTimestamp);
  });

  it('resourceVersion increases across kinds and namespaces', async () => {
    const versions: number[] = [];
    const other = await createNamespace(clients.core, 'rv');
    versions.push(Number((await clients.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: uniqueName('rv') } } })).metadata?.resourceVersion));
    versions.push(Number((await objectApi(clients.custom, GITREPOS, other).create({ metadata: { name: 'rv' }, ...SAMPLES.GitRepo!.body })).metadata.resourceVersion));
    versions.push(Number((await objectApi(clients.custom, { group: 'fleet.cattle.io', version: 'v1alpha1', plural: 'contents' }).create({ metadata: { name: uniqueName('rv') } })).metadata.resourceVersion));
    versions.push(Number((await clients.core.patchNamespace({ name: other, body: { metadata: { labels: { x: 'y' } } } }, mergePatch)).metadata?.resourceVersion));
    const list = await clients.core.listNamespacedConfigMap({ namespace });
    versions.push(Number(list.metadata?.resourceVersion));
    for (let i = 1; i < versions.length - 1; i++) expect(versions[i]).toBeGreaterThan(versions[i - 1]!);
    // A list is at least as new as every write acknowledged before it.
    expect(versions.at(-1)).toBeGreaterThanOrEqual(versions.at(-2)!);
  });

  it('generateName gives a unique name with the prefix', async () => {
    const api = objectApi(clients.custom, GITREPOS, namespace);
    const a = await api.create({ metadata: { generateName: 'gen-' }, ...SAMPLES.GitRepo!.body });
    const b = await api.create({ metadata: { generateName: 'gen-' }, ...SAMPLES.GitRepo!.body });
    expect(a.metadata.name).toMatch(/^gen-[a-z0-9]{5}$/);
    expect(b.metadata.name).toMatch(/^gen-[a-z0-9]{5}$/);
    expect(a.metadata.name).not.toBe(b.metadata.name);
    expect(a.metadata.generateName).toBe('gen-');
    expect((await api.get(a.metadata.name)).metadata.uid).toBe(a.metadata.uid);
    const cm = await clients.core.createNamespacedConfigMap({ namespace, body: { metadata: { generateName: 'cm-' } } });
    expect(cm.metadata?.name).toMatch(/^cm-[a-z0-9]{5}$/);
  });

  it('optimistic concurrency: a stale resourceVersion is 409 Conflict and changes nothing', async () => {
    const api = objectApi(clients.custom, GITREPOS, namespace);
    const name = uniqueName('occ');
    const first = await api.create({ metadata: { name }, ...SAMPLES.GitRepo!.body });
    const second = await api.replace(name, { ...first, spec: { ...first.spec, branch: 'one' } });
    const conflict = await expectStatus(api.replace(name, { ...first, spec: { ...first.spec, branch: 'two' } }), 409, 'Conflict');
    expect(conflict.message).toMatch(/the object has been modified/);
    expect(conflict.details).toMatchObject({ name, group: 'fleet.cattle.io', kind: 'gitrepos' });
    await expectStatus(api.patch(name, { metadata: { resourceVersion: first.metadata.resourceVersion }, spec: { branch: 'three' } }), 409, 'Conflict');
    const current = await api.get(name);
    expect(current.spec.branch).toBe('one');
    expect(current.metadata.resourceVersion).toBe(second.metadata.resourceVersion);
    // A patch carrying the current resourceVersion succeeds; an update without one is unconditional.
    await api.patch(name, { metadata: { resourceVersion: second.metadata.resourceVersion }, spec: { branch: 'four' } });
    const { resourceVersion: _rv, ...metaWithoutVersion } = current.metadata;
    const unconditional = await api.replace(name, { ...current, metadata: metaWithoutVersion, spec: { ...current.spec, branch: 'five' } });
    expect(unconditional.spec.branch).toBe('five');

    const cm = await clients.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: uniqueName('occ') }, data: { a: '1' } } });
    await clients.core.replaceNamespacedConfigMap({ namespace, name: cm.metadata!.name!, body: { ...cm, data: { a: '2' } } });
    await expectStatus(clients.core.replaceNamespacedConfigMap({ namespace, name: cm.metadata!.name!, body: { ...cm, data: { a: '3' } } }), 409, 'Conflict');
  });

  it('a no-op update or patch does not bump resourceVersion', async () => {
    const api = objectApi(clients.custom, GITREPOS, namespace);
    const name = uniqueName('noop');
    const created = await api.create({ metadata: { name, labels: { a: 'b' } }, ...SAMPLES.GitRepo!.body });
    const replaced = await api.replace(name, created);
    expect(replaced.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
    const patched = await api.patch(name, { metadata: { labels: { a: 'b' } } });
    expect(patched.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
    const emptyPatch = await api.patch(name, {});
    expect(emptyPatch.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
    const cm = await clients.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: uniqueName('noop') }, data: { a: '1' } } });
    const cmAgain = await clients.core.replaceNamespacedConfigMap({ namespace, name: cm.metadata!.name!, body: cm });
    expect(cmAgain.metadata?.resourceVersion).toBe(cm.metadata?.resourceVersion);
  });
});

function mergeDeep(target: Record<string, any>, patch: Record<string, any>): Record<string, any> {
  const out: Record<string, any> = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    out[key] = value && typeof value === 'object' && !Array.isArray(value) && target[key] && typeof target[key] === 'object' ? mergeDeep(target[key], value) : value;
  }
  return out;
}

/** Everything but status and resourceVersion is the same. */
function expectSameContent(a: Record<string, any>, b: Record<string, any>): void {
  const strip = (o: Record<string, any>) => {
    const { status: _status, metadata, ...rest } = o;
    const { resourceVersion: _rv, ...meta } = metadata;
    return { ...rest, metadata: meta };
  };
  expect(strip(a)).toEqual(strip(b));
}
