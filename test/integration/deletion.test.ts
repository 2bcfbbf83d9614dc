import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type InProcessCluster } from '../support/embedded-cluster';
import {
  BUNDLES,
  clientsFor,
  collectWatch,
  CONTENTS,
  createNamespace,
  expectStatus,
  GITREPOS,
  objectApi,
  raw,
  SAMPLES,
  sleep,
  uniqueName,
  waitFor,
  WORKSPACES,
  type Clients,
} from './helpers';

let cluster: InProcessCluster;
let clients: Clients;

beforeAll(async () => {
  cluster = await startTestCluster();
  clients = clientsFor(cluster.kubeConfig);
});

afterAll(async () => {
  await cluster?.dispose();
});

function ownerRef(owner: any) {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid };
}

async function gone(read: () => Promise<unknown>): Promise<boolean> {
  try {
    await read();
    return false;
  } catch (error) {
    if ((error as { code?: number }).code === 404) return true;
    throw error;
  }
}

describe('ownerReferences', () => {
  it('background deletion removes dependents, transitively and across kinds', async () => {
    const namespace = await createNamespace(clients.core, 'gc');
    const gitrepos = objectApi(clients.custom, GITREPOS, namespace);
    const bundles = objectApi(clients.custom, BUNDLES, namespace);
    const owner = await gitrepos.create({ metadata: { name: 'owner' }, ...SAMPLES.GitRepo!.body });
    const bundle = await bundles.create({ metadata: { name: 'child', ownerReferences: [ownerRef(owner)] }, ...SAMPLES.Bundle!.body });
    await clients.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'grandchild', ownerReferences: [ownerRef(bundle)] } } });
    await clients.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'bystander' } } });

    await gitrepos.delete('owner', { propagationPolicy: 'Background' });
    await waitFor(() => gone(() => bundles.get('child')), 'the dependent bundle to be collected');
    await waitFor(() => gone(() => clients.core.readNamespacedConfigMap({ namespace, name: 'grandchild' })), 'the grandchild to be collected');
    expect((await clients.core.readNamespacedConfigMap({ namespace, name: 'bystander' })).metadata?.name).toBe('bystander');
  });

  it('the default propagation of a custom resource is background', async () => {
    const namespace = await createNamespace(clients.core, 'gc-default');
    const gitrepos = objectApi(clients.custom, GITREPOS, namespace);
    const owner = await gitrepos.create({ metadata: { name: 'owner' }, ...SAMPLES.GitRepo!.body });
    await clients.core.createNamespacedSecret({ namespace, body: { metadata: { name: 'dep', ownerReferences: [ownerRef(owner)] } } });
    await gitrepos.delete('owner');
    await waitFor(() => gone(() => clients.core.readNamespacedSecret({ namespace, name: 'dep' })), 'the dependent secret to be collected');
  });

  it('a dependent with another live owner survives and loses the dangling reference', async () => {
    const namespace = await createNamespace(clients.core, 'gc-multi');
    const gitrepos = objectApi(clients.custom, GITREPOS, namespace);
    const first = await gitrepos.create({ metadata: { name: 'first' }, ...SAMPLES.GitRepo!.body });
    const second = await gitrepos.create({ metadata: { name: 'second' }, ...SAMPLES.GitRepo!.body });
    await clients.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'shared', ownerReferences: [ownerRef(first), ownerRef(second)] } } });
    await gitrepos.delete('first');
    const shared = await waitFor(async () => {
      const cm = await clients.core.readNamespacedConfigMap({ namespace, name: 'shared' });
      return cm.metadata?.ownerReferences?.length === 1 ? cm : undefined;
    }, 'the dangling owner reference to be removed');
    expect(shared.metadata?.ownerReferences?.[0]?.uid).toBe(second.metadata.uid);
    await gitrepos.delete('second');
    await waitFor(() => gone(() => clients.core.readNamespacedConfigMap({ namespace, name: 'shared' })), 'the last owner to take the dependent along');
  });

  it('a cluster-scoped owner collects namespaced dependents', async () => {
    const namespace = await createNamespace(clients.core, 'gc-cluster');
    const contents = objectApi(clients.custom, CONTENTS);
    const content = await contents.create({ metadata: { name: uniqueName('content') }, ...SAMPLES.Content!.body });
    const bundles = objectApi(clients.custom, BUNDLES, namespace);
    await bundles.create({ metadata: { name: 'uses-content', ownerReferences: [ownerRef(content)] }, ...SAMPLES.Bundle!.body });
    await contents.delete(content.metadata.name);
    await waitFor(() => gone(() => bundles.get('uses-content')), 'the bundle to follow its content');
  });

  it('Orphan keeps dependents and strips the reference to the deleted owner', async () => {
    const namespace = await createNamespace(clients.core, 'orphan');
    const gitrepos = objectApi(clients.custom, GITREPOS, namespace);
    const bundles = objectApi(clients.custom, BUNDLES, namespace);
    const owner = await gitrepos.create({ metadata: { name: 'owner' }, ...SAMPLES.GitRepo!.body });
    const other = await gitrepos.create({ metadata: { name: 'other' }, ...SAMPLES.GitRepo!.body });
    await bundles.create({ metadata: { name: 'kept', ownerReferences: [ownerRef(owner), ownerRef(other)] }, ...SAMPLES.Bundle!.body });
    await clients.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'kept-cm', ownerReferences: [ownerRef(owner)] } } });

    await gitrepos.delete('owner', { propagationPolicy: 'Orphan' });
    await expectStatus(gitrepos.get('owner'), 404, 'NotFound');
    await sleep(100);
    const kept = await bundles.get('kept');
    expect(kept.metadata.ownerReferences.map((r: any) => r.name)).toEqual(['other']);
    const keptCm = await clients.core.readNamespacedConfigMap({ namespace, name: 'kept-cm' });
    expect(keptCm.metadata?.ownerReferences ?? []).toEqual([]);
    expect(keptCm.metadata?.uid).toBeTruthy();
  });

  it('dependents of an owner held by a finalizer stay until the owner is really gone', async () => {
    const namespace = await createNamespace(clients.core, 'gc-final');
    const gitrepos = objectApi(clients.custom, GITREPOS, namespace);
    const owner = await gitrepos.create({ metadata: { name: 'owner', finalizers: ['fleet.cattle.io/hold'] }, ...SAMPLES.GitRepo!.body });
    await clients.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'dep', ownerReferences: [ownerRef(owner)] } } });
    await gitrepos.delete('owner');
    await sleep(100);
    expect((await clients.core.readNamespacedConfigMap({ namespace, name: 'dep' })).metadata?.name).toBe('dep');
    await gitrepos.patch('owner', { metadata: { finalizers: null } });
    await waitFor(() => gone(() => clients.core.readNamespacedConfigMap({ namespace, name: 'dep' })), 'the dependent to be collected');
  });
});

describe('finalizers', () => {
  it('hold the object with a deletionTimestamp until the last one is removed', async () => {
    const namespace = await createNamespace(clients.core, 'final');
    const gitrepos = objectApi(clients.custom, GITREPOS, namespace);
    const watch = await collectWatch(cluster.kubeConfig, `/apis/fleet.cattle.io/v1alpha1/namespaces/${namespace}/gitrepos`);
    try {
      await gitrepos.create({ metadata: { name: 'held', finalizers: ['example.com/a', 'example.com/b'] }, ...SAMPLES.GitRepo!.body });
      const deleting = await gitrepos.delete('held');
      expect(deleting.metadata.deletionTimestamp).toBeTruthy();
      expect(deleting.metadata.finalizers).toEqual(['example.com/a', 'example.com/b']);

      const stillThere = await gitrepos.get('held');
      expect(stillThere.metadata.deletionTimestamp).toBe(deleting.metadata.deletionTimestamp);

      // Deleting again changes nothing.
      const again = await gitrepos.delete('held');
      expect(again.metadata.deletionTimestamp).toBe(deleting.metadata.deletionTimestamp);
      expect(again.metadata.resourceVersion).toBe(stillThere.metadata.resourceVersion);

      // No new finalizers once deleting; other changes are allowed.
      const forbidden = await expectStatus(
        gitrepos.patch('held', { metadata: { finalizers: ['example.com/a', 'example.com/b', 'example.com/c'] } }),
        422,
        'Invalid',
      );
      expect(forbidden.details?.causes?.map((c) => c.field)).toContain('metadata.finalizers');
      const relabelled = await gitrepos.patch('held', { metadata: { labels: { still: 'editable' } } });
      expect(relabelled.metadata.labels).toEqual({ still: 'editable' });
      // Clients cannot clear deletionTimestamp.
      const cleared = await gitrepos.replace('held', { ...relabelled, metadata: { ...relabelled.metadata, deletionTimestamp: undefined } });
      expect(cleared.metadata.deletionTimestamp).toBe(deleting.metadata.deletionTimestamp);

      const oneLeft = await gitrepos.patch('held', [{ op: 'remove', path: '/metadata/finalizers/0' }], 'json');
      expect(oneLeft.metadata.finalizers).toEqual(['example.com/b']);
      expect((await gitrepos.get('held')).metadata.finalizers).toEqual(['example.com/b']);

      await gitrepos.patch('held', { metadata: { finalizers: [] } });
      await expectStatus(gitrepos.get('held'), 404, 'NotFound');

      const events = await watch.waitForEvents(1, (e) => e.type === 'DELETED');
      expect(events[0]!.object.metadata.name).toBe('held');
      expect(watch.events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'MODIFIED', 'MODIFIED', 'DELETED']);
    } finally {
      watch.stop();
    }
  });

  it('work on core kinds too', async () => {
    const namespace = await createNamespace(clients.core, 'final-core');
    await clients.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'held', finalizers: ['example.com/x'] } } });
    await clients.core.deleteNamespacedConfigMap({ namespace, name: 'held' });
    const held = await clients.core.readNamespacedConfigMap({ namespace, name: 'held' });
    expect(held.metadata?.deletionTimestamp).toBeTruthy();
    const { metadata } = held;
    await clients.core.replaceNamespacedConfigMap({ namespace, name: 'held', body: { ...held, metadata: { ...metadata, finalizers: [] } } });
    await expectStatus(clients.core.readNamespacedConfigMap({ namespace, name: 'held' }), 404, 'NotFound');
  });

  it('delete preconditions are checked', async () => {
    const namespace = await createNamespace(clients.core, 'precond');
    const cm = await clients.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'c' } } });
    await expectStatus(
      clients.core.deleteNamespacedConfigMap({ namespace, name: 'c', body: { preconditions: { uid: '00000000-0000-0000-0000-000000000000' } } }),
      409,
      'Conflict',
    );
    await expectStatus(clients.core.deleteNamespacedConfigMap({ namespace, name: 'c', body: { preconditions: { resourceVersion: '1' } } }), 409, 'Conflict');
    await clients.core.deleteNamespacedConfigMap({ namespace, name: 'c', body: { preconditions: { uid: cm.metadata!.uid!, resourceVersion: cm.metadata!.resourceVersion! } } });
    await expectStatus(clients.core.readNamespacedConfigMap({ namespace, name: 'c' }), 404, 'NotFound');
  });
});

describe('namespace deletion', () => {
  it('goes Terminating, empties the namespace, then removes it', async () => {
    const namespace = await createNamespace(clients.core, 'doomed');
    const gitrepos = objectApi(clients.custom, GITREPOS, namespace);
    await gitrepos.create({ metadata: { name: 'plain' }, ...SAMPLES.GitRepo!.body });
    await gitrepos.create({ metadata: { name: 'held', finalizers: ['example.com/hold'] }, ...SAMPLES.GitRepo!.body });
    await clients.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'cm' } } });
    await clients.core.createNamespacedSecret({ namespace, body: { metadata: { name: 's' }, stringData: { a: 'b' } } });

    const deleted = await clients.core.deleteNamespace({ name: namespace });
    expect(deleted).toBeTruthy();
    const terminating = await clients.core.readNamespace({ name: namespace });
    expect(terminating.status?.phase).toBe('Terminating');
    expect(terminating.metadata?.deletionTimestamp).toBeTruthy();

    const forbidden = await expectStatus(clients.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'late' } } }), 403, 'Forbidden');
    expect(forbidden.message).toMatch(/being terminated/);
    await expectStatus(gitrepos.create({ metadata: { name: 'late' }, ...SAMPLES.GitRepo!.body }), 403, 'Forbidden');

    await waitFor(() => gone(() => gitrepos.get('plain')), 'the plain gitrepo to go');
    await waitFor(() => gone(() => clients.core.readNamespacedConfigMap({ namespace, name: 'cm' })), 'the configmap to go');
    await waitFor(() => gone(() => clients.core.readNamespacedSecret({ namespace, name: 's' })), 'the secret to go');
    const held = await gitrepos.get('held');
    expect(held.metadata.deletionTimestamp).toBeTruthy();
    await sleep(100);
    expect((await clients.core.readNamespace({ name: namespace })).status?.phase).toBe('Terminating');

    await gitrepos.patch('held', { metadata: { finalizers: null } });
    await waitFor(() => gone(() => clients.core.readNamespace({ name: namespace })), 'the namespace to go');
    await expectStatus(gitrepos.get('held'), 404, 'NotFound');

    // The name is free again, with nothing left over inside.
    await clients.core.createNamespace({ body: { metadata: { name: namespace } } });
    expect((await gitrepos.list()).items).toEqual([]);
    expect((await clients.core.listNamespacedConfigMap({ namespace })).items).toEqual([]);
  });

  it('creating in a namespace that does not exist is 404 NotFound', async () => {
    const status = await expectStatus(
      clients.core.createNamespacedConfigMap({ namespace: 'no-such-namespace', body: { metadata: { name: 'x' } } }),
      404,
      'NotFound',
    );
    expect(status.details).toMatchObject({ name: 'no-such-namespace', kind: 'namespaces' });
    await expectStatus(objectApi(clients.custom, GITREPOS, 'no-such-namespace').create({ metadata: { name: 'x' }, ...SAMPLES.GitRepo!.body }), 404, 'NotFound');
  });

  it('deletecollection removes only what the selector matches', async () => {
    const namespace = await createNamespace(clients.core, 'collection');
    for (const [name, env] of [['a', 'dev'], ['b', 'dev'], ['c', 'prod']] as const) {
      await clients.core.createNamespacedConfigMap({ namespace, body: { metadata: { name, labels: { env } } } });
    }
    await clients.core.deleteCollectionNamespacedConfigMap({ namespace, labelSelector: 'env=dev' });
    const left = await clients.core.listNamespacedConfigMap({ namespace });
    expect(left.items.map((c) => c.metadata?.name)).toEqual(['c']);
  });
});

describe('dryRun=All', () => {
  it('changes nothing on create, update, patch and delete', async () => {
    const namespace = await createNamespace(clients.core, 'dryrun');
    const gitrepos = objectApi(clients.custom, GITREPOS, namespace);
    const original = await gitrepos.create({ metadata: { name: 'real' }, ...SAMPLES.GitRepo!.body });
    const watch = await collectWatch(cluster.kubeConfig, `/apis/fleet.cattle.io/v1alpha1/namespaces/${namespace}/gitrepos`, {
      resourceVersion: original.metadata.resourceVersion,
    });
    try {
      const dryCreated = await gitrepos.create({ metadata: { name: 'imaginary' }, ...SAMPLES.GitRepo!.body }, { dryRun: 'All' });
      expect(dryCreated.metadata.name).toBe('imaginary');
      expect(dryCreated.metadata.uid).toBeTruthy();
      await expectStatus(gitrepos.get('imaginary'), 404, 'NotFound');

      const dryReplaced = await gitrepos.replace('real', { ...original, spec: { ...original.spec, branch: 'dry' } }, { dryRun: 'All' });
      expect(dryReplaced.spec.branch).toBe('dry');
      expect(dryReplaced.metadata.generation).toBe(2);
      const dryPatched = await gitrepos.patch('real', { metadata: { labels: { dry: 'yes' } } }, 'merge', { dryRun: 'All' });
      expect(dryPatched.metadata.labels).toEqual({ dry: 'yes' });
      const dryJson = await gitrepos.patch('real', [{ op: 'add', path: '/spec/paused', value: true }], 'json', { dryRun: 'All' });
      expect(dryJson.spec.paused).toBe(true);
      await gitrepos.delete('real', { dryRun: 'All' });

      const after = await gitrepos.get('real');
      expect(after).toEqual(original);

      await clients.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'cm' } } });
      await clients.core.deleteNamespacedConfigMap({ namespace, name: 'cm', dryRun: 'All' });
      expect((await clients.core.readNamespacedConfigMap({ namespace, name: 'cm' })).metadata?.deletionTimestamp).toBeUndefined();

      await clients.core.deleteNamespace({ name: namespace, dryRun: 'All' });
      const ns = await clients.core.readNamespace({ name: namespace });
      expect(ns.status?.phase).toBe('Active');
      expect(ns.metadata?.deletionTimestamp).toBeUndefined();

      const workspaceName = uniqueName('dry-ws');
      await objectApi(clients.custom, WORKSPACES).create({ metadata: { name: workspaceName } }, { dryRun: 'All' });
      await expectStatus(clients.core.readNamespace({ name: workspaceName }), 404, 'NotFound');

      // Held objects: a dry-run delete does not start the deletion.
      await gitrepos.create({ metadata: { name: 'held', finalizers: ['example.com/x'] }, ...SAMPLES.GitRepo!.body });
      await gitrepos.delete('held', { dryRun: 'All' });
      expect((await gitrepos.get('held')).metadata.deletionTimestamp).toBeUndefined();

      await sleep(100);
      expect(watch.events.map((e) => [e.type, e.object.metadata.name])).toEqual([['ADDED', 'held']]);
    } finally {
      watch.stop();
    }
  });

  it('a dry-run Orphan delete leaves dependents owned', async () => {
    const namespace = await createNamespace(clients.core, 'dry-orphan');
    const gitrepos = objectApi(clients.custom, GITREPOS, namespace);
    const owner = await gitrepos.create({ metadata: { name: 'owner' }, ...SAMPLES.GitRepo!.body });
    await clients.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'dep', ownerReferences: [ownerRef(owner)] } } });
    await gitrepos.delete('owner', { propagationPolicy: 'Orphan', dryRun: 'All' });
    expect((await gitrepos.get('owner')).metadata.uid).toBe(owner.metadata.uid);
    expect((await clients.core.readNamespacedConfigMap({ namespace, name: 'dep' })).metadata?.ownerReferences).toHaveLength(1);
  });

  it('an unknown dryRun value is 400 BadRequest', async () => {
    const response = await raw(cluster, '/api/v1/namespaces/default/configmaps?dryRun=Some', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ metadata: { name: 'x' } }),
    });
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ reason: 'BadRequest', code: 400 });
    await expectStatus(clients.core.readNamespacedConfigMap({ namespace: 'default', name: 'x' }), 404, 'NotFound');
  });
});
