import { makeInformer, type KubernetesObject } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type InProcessCluster } from '../support/embedded-cluster';
import {
  clientsFor,
  collectWatch,
  createNamespace,
  expectStatus,
  GITREPOS,
  objectApi,
  raw,
  rawWatch,
  SAMPLES,
  sleep,
  uniqueName,
  waitFor,
  type Clients,
} from './helpers';

const BOOKMARK_INTERVAL_MS = 250;

let cluster: InProcessCluster;
let clients: Clients;

beforeAll(async () => {
  cluster = await startTestCluster({ bookmarkIntervalMs: BOOKMARK_INTERVAL_MS });
  clients = clientsFor(cluster.kubeConfig);
});

afterAll(async () => {
  await cluster?.dispose();
});

const gitRepoPath = (namespace: string) => `/apis/fleet.cattle.io/v1alpha1/namespaces/${namespace}/gitrepos`;
const names = (list: { items: { metadata?: { name?: string } }[] }) => list.items.map((item) => item.metadata?.name).sort();

describe('list', () => {
  let namespace: string;

  beforeAll(async () => {
    namespace = await createNamespace(clients.core, 'sel');
    const labelled: Record<string, Record<string, string> | undefined> = {
      a: { env: 'dev', tier: 'web' },
      b: { env: 'prod', tier: 'db' },
      c: { env: 'staging' },
      d: undefined,
    };
    for (const [name, labels] of Object.entries(labelled)) {
      await clients.core.createNamespacedConfigMap({ namespace, body: { metadata: { name, labels } } });
    }
  });

  it.each([
    ['env=dev', ['a']],
    ['env==prod', ['b']],
    ['env!=dev', ['b', 'c', 'd']],
    ['env in (dev,prod)', ['a', 'b']],
    ['env notin (dev,prod)', ['c', 'd']],
    ['tier', ['a', 'b']],
    ['!tier', ['c', 'd']],
    ['env in (dev,prod),tier=db', ['b']],
    ['env,!tier', ['c']],
    ['', ['a', 'b', 'c', 'd']],
  ])('labelSelector %j', async (labelSelector, expected) => {
    const list = await clients.core.listNamespacedConfigMap({ namespace, labelSelector });
    expect(names(list)).toEqual(expected);
    expect(list.metadata?.resourceVersion).toMatch(/^\d+$/);
  });

  it('fieldSelector on metadata.name and metadata.namespace', async () => {
    expect(names(await clients.core.listNamespacedConfigMap({ namespace, fieldSelector: 'metadata.name=c' }))).toEqual(['c']);
    expect(names(await clients.core.listNamespacedConfigMap({ namespace, fieldSelector: 'metadata.name!=c' }))).toEqual(['a', 'b', 'd']);
    const other = await createNamespace(clients.core, 'sel-other');
    await clients.core.createNamespacedConfigMap({ namespace: other, body: { metadata: { name: 'a' } } });
    const all = await clients.core.listConfigMapForAllNamespaces({ fieldSelector: `metadata.namespace=${namespace}` });
    expect(all.items.every((cm) => cm.metadata?.namespace === namespace)).toBe(true);
    expect(names(all)).toEqual(['a', 'b', 'c', 'd']);
    const both = await clients.core.listConfigMapForAllNamespaces({ fieldSelector: `metadata.name=a,metadata.namespace=${other}` });
    expect(both.items.map((cm) => `${cm.metadata?.namespace}/${cm.metadata?.name}`)).toEqual([`${other}/a`]);
    const combined = await clients.core.listNamespacedConfigMap({ namespace, fieldSelector: 'metadata.name!=a', labelSelector: 'env' });
    expect(names(combined)).toEqual(['b', 'c']);
  });

  it('fieldSelector and labelSelector on a custom resource', async () => {
    const api = objectApi(clients.custom, GITREPOS, namespace);
    await api.create({ metadata: { name: 'one', labels: { team: 'x' } }, ...SAMPLES.GitRepo!.body });
    await api.create({ metadata: { name: 'two', labels: { team: 'y' } }, ...SAMPLES.GitRepo!.body });
    expect(names(await api.list({ fieldSelector: 'metadata.name=two' }))).toEqual(['two']);
    expect(names(await api.list({ labelSelector: 'team notin (y)' }))).toEqual(['one']);
    const everywhere = await clients.custom.listCustomObjectForAllNamespaces({ ...GITREPOS, fieldSelector: `metadata.namespace=${namespace}` });
    expect(names(everywhere)).toEqual(['one', 'two']);
  });

  it('an unsupported field or a malformed selector is 400 BadRequest', async () => {
    await expectStatus(clients.core.listNamespacedConfigMap({ namespace, fieldSelector: 'data.a=1' }), 400, 'BadRequest');
    await expectStatus(clients.core.listNamespacedConfigMap({ namespace, labelSelector: 'env in (dev' }), 400, 'BadRequest');
    await expectStatus(clients.core.listNamespacedConfigMap({ namespace, labelSelector: '!!env' }), 400, 'BadRequest');
  });

  it('limit and continue page through a consistent snapshot', async () => {
    const ns = await createNamespace(clients.core, 'page');
    const api = objectApi(clients.custom, GITREPOS, ns);
    const initial = Array.from({ length: 10 }, (_, i) => `repo-${String(i).padStart(2, '0')}`);
    for (const name of initial) await api.create({ metadata: { name }, ...SAMPLES.GitRepo!.body });

    const first = await api.list({ limit: 3 });
    expect(names(first)).toEqual(initial.slice(0, 3));
    expect(first.metadata.continue).toBeTruthy();
    expect(first.metadata.remainingItemCount).toBe(7);
    const snapshotVersion = first.metadata.resourceVersion;
    expect(snapshotVersion).toMatch(/^\d+$/);

    // Changes after the first page must not show up in later pages.
    await api.create({ metadata: { name: 'repo-05a' }, ...SAMPLES.GitRepo!.body });
    await api.create({ metadata: { name: 'repo-99' }, ...SAMPLES.GitRepo!.body });
    await api.delete('repo-07');
    await api.patch('repo-08', { metadata: { labels: { changed: 'yes' } } });

    const seen = [...first.items];
    let token: string | undefined = first.metadata.continue;
    let pages = 1;
    while (token) {
      const page = await api.list({ limit: 3, _continue: token });
      expect(page.metadata.resourceVersion).toBe(snapshotVersion);
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items);
      token = page.metadata.continue;
      pages++;
    }
    expect(pages).toBe(4);
    expect(seen.map((o) => o.metadata.name)).toEqual(initial);
    expect(seen.find((o) => o.metadata.name === 'repo-08').metadata.labels).toBeUndefined();

    // The snapshot is gone once read to the end: its tokens are expired.
    const expired = await expectStatus(api.list({ limit: 3, _continue: first.metadata.continue }), 410, 'Expired');
    expect(expired.message).toMatch(/continue/);

    // A fresh list sees the changes.
    const fresh = await api.list();
    expect(names(fresh)).toEqual([...initial.filter((n) => n !== 'repo-07'), 'repo-05a', 'repo-99'].sort());
    expect(Number(fresh.metadata.resourceVersion)).toBeGreaterThan(Number(snapshotVersion));
  });

  it('limit with selectors counts matching objects only', async () => {
    const list = await clients.core.listNamespacedConfigMap({ namespace, labelSelector: 'env', limit: 2 });
    expect(names(list)).toEqual(['a', 'b']);
    expect(list.metadata?.remainingItemCount).toBe(1);
    const rest = await clients.core.listNamespacedConfigMap({ namespace, labelSelector: 'env', limit: 2, _continue: list.metadata!._continue! });
    expect(names(rest)).toEqual(['c']);
    expect(rest.metadata?._continue).toBeUndefined();
  });

  it('every list carries a resourceVersion, even an empty one', async () => {
    const empty = await clients.core.listNamespacedSecret({ namespace: await createNamespace(clients.core, 'empty') });
    expect(empty.items).toEqual([]);
    expect(Number(empty.metadata?.resourceVersion)).toBeGreaterThan(0);
    const clusterScoped = await clients.custom.listClusterCustomObject({ group: 'management.cattle.io', version: 'v3', plural: 'fleetworkspaces' });
    expect(clusterScoped.metadata.resourceVersion).toMatch(/^\d+$/);
  });

  it('a garbage or unknown continue token is 410 Expired', async () => {
    for (const token of ['garbage', Buffer.from('{"snapshot":"nope","offset":3,"rv":1}').toString('base64url'), '%%%']) {
      const status = await expectStatus(clients.core.listNamespacedConfigMap({ namespace, limit: 1, _continue: token }), 410, 'Expired');
      expect(status.code).toBe(410);
    }
  });
});

describe('watch', () => {
  it('streams ADDED, MODIFIED and DELETED', async () => {
    const namespace = await createNamespace(clients.core, 'watch');
    const api = objectApi(clients.custom, GITREPOS, namespace);
    await api.create({ metadata: { name: 'existing' }, ...SAMPLES.GitRepo!.body });
    const watch = await collectWatch(cluster.kubeConfig, gitRepoPath(namespace));
    try {
      // Without a resourceVersion, the watch starts with what exists.
      await watch.waitForEvents(1);
      expect(watch.events[0]).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'existing' } } });
      const created = await api.create({ metadata: { name: 'new' }, ...SAMPLES.GitRepo!.body });
      const modified = await api.patch('new', { spec: { branch: 'dev' } });
      const deleted = await api.delete('new');
      const events = await watch.waitForEvents(4);
      expect(events.slice(1).map((e) => [e.type, e.object.metadata.name])).toEqual([
        ['ADDED', 'new'],
        ['MODIFIED', 'new'],
        ['DELETED', 'new'],
      ]);
      expect(events[1]!.object.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
      expect(events[2]!.object.spec.branch).toBe('dev');
      expect(events[2]!.object.metadata.resourceVersion).toBe(modified.metadata.resourceVersion);
      expect(Number(events[3]!.object.metadata.resourceVersion)).toBeGreaterThan(Number(modified.metadata.resourceVersion));
      expect(deleted.metadata.name).toBe('new');
    } finally {
      watch.stop();
    }
  });

  it('resumes from a resourceVersion, replaying what happened after it', async () => {
    const namespace = await createNamespace(clients.core, 'resume');
    const api = objectApi(clients.custom, GITREPOS, namespace);
    await api.create({ metadata: { name: 'before' }, ...SAMPLES.GitRepo!.body });
    const list = await api.list();
    const from = list.metadata.resourceVersion;
    await api.create({ metadata: { name: 'after' }, ...SAMPLES.GitRepo!.body });
    await api.patch('before', { metadata: { labels: { x: 'y' } } });
    await clients.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'unrelated' } } });
    await api.delete('before');

    const watch = await collectWatch(cluster.kubeConfig, gitRepoPath(namespace), { resourceVersion: from });
    try {
      const events = await watch.waitForEvents(3);
      expect(events.map((e) => [e.type, e.object.metadata.name])).toEqual([
        ['ADDED', 'after'],
        ['MODIFIED', 'before'],
        ['DELETED', 'before'],
      ]);
      const versions = events.map((e) => Number(e.object.metadata.resourceVersion));
      expect([...versions].sort((a, b) => a - b)).toEqual(versions);
      expect(versions[0]).toBeGreaterThan(Number(from));
      // And then it goes on live.
      await api.patch('after', { spec: { branch: 'live' } });
      const live = await watch.waitForEvents(4);
      expect(live[3]).toMatchObject({ type: 'MODIFIED', object: { metadata: { name: 'after' }, spec: { branch: 'live' } } });
    } finally {
      watch.stop();
    }
  });

  it('a compacted resourceVersion answers 200 with an ERROR event carrying a 410 Status', async () => {
    const namespace = await createNamespace(clients.core, 'expired');
    const api = objectApi(clients.custom, GITREPOS, namespace);
    const old = (await api.create({ metadata: { name: 'a' }, ...SAMPLES.GitRepo!.body })).metadata.resourceVersion;
    await api.create({ metadata: { name: 'b' }, ...SAMPLES.GitRepo!.body });
    cluster.store.compactHistory();

    const result = await rawWatch(cluster, `${gitRepoPath(namespace)}?watch=true&resourceVersion=${old}`);
    expect(result.status).toBe(200);
    expect(result.endedByServer).toBe(true);
    expect(result.events).toHaveLength(1);
    expect(result.events[0]!.type).toBe('ERROR');
    expect(result.events[0]!.object).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 410, reason: 'Expired' });

    const watch = await collectWatch(cluster.kubeConfig, gitRepoPath(namespace), { resourceVersion: old });
    await watch.ended;
    expect(watch.events.map((e) => [e.type, e.object.code])).toEqual([['ERROR', 410]]);
  });

  it("client-node's informer relists after a 410 and keeps watching", async () => {
    const namespace = await createNamespace(clients.core, 'informer');
    const api = objectApi(clients.custom, GITREPOS, namespace);
    await api.create({ metadata: { name: 'first' }, ...SAMPLES.GitRepo!.body });
    let lists = 0;
    const listFn = async () => {
      const list = await clients.custom.listNamespacedCustomObject({ ...GITREPOS, namespace });
      lists++;
      if (lists === 1) {
        // History moves on and is compacted between the list and the watch: the watch cannot
        // replay "late", so the server answers 410 and only a relist can find it.
        await api.create({ metadata: { name: 'late' }, ...SAMPLES.GitRepo!.body });
        cluster.store.compactHistory();
      }
      return list;
    };
    const informer = makeInformer<KubernetesObject>(cluster.kubeConfig, gitRepoPath(namespace), listFn);
    const errors: unknown[] = [];
    const added: string[] = [];
    const updated: string[] = [];
    informer.on('error', (error) => errors.push(error));
    informer.on('add', (object) => added.push(object.metadata!.name!));
    informer.on('update', (object) => updated.push(object.metadata!.name!));
    await informer.start();
    try {
      await waitFor(() => informer.get('late', namespace), 'the informer to relist and find "late"');
      expect(lists).toBeGreaterThanOrEqual(2);
      expect(added).toEqual(['first', 'late']);
      await api.patch('late', { spec: { branch: 'x' } });
      await waitFor(() => (informer.get('late', namespace) as any)?.spec?.branch === 'x', 'the informer to see a later change');
      expect(updated).toContain('late');
      expect(errors).toEqual([]);
    } finally {
      await informer.stop();
    }
  });

  it('sends BOOKMARK events only when asked', async () => {
    const namespace = await createNamespace(clients.core, 'bookmark');
    const api = objectApi(clients.custom, GITREPOS, namespace);
    await api.create({ metadata: { name: 'a' }, ...SAMPLES.GitRepo!.body });
    const withBookmarks = await collectWatch(cluster.kubeConfig, gitRepoPath(namespace), { allowWatchBookmarks: true });
    const without = await collectWatch(cluster.kubeConfig, gitRepoPath(namespace));
    try {
      const bookmarks = await withBookmarks.waitForEvents(2, (e) => e.type === 'BOOKMARK', 5_000);
      expect(bookmarks[0]!.object).toMatchObject({ kind: 'GitRepo', apiVersion: 'fleet.cattle.io/v1alpha1' });
      expect(Number(bookmarks[0]!.object.metadata.resourceVersion)).toBeGreaterThan(0);
      const latest = await clients.core.listNamespacedConfigMap({ namespace });
      await sleep(BOOKMARK_INTERVAL_MS * 2);
      const lastBookmark = withBookmarks.events.filter((e) => e.type === 'BOOKMARK').at(-1)!;
      expect(Number(lastBookmark.object.metadata.resourceVersion)).toBeGreaterThanOrEqual(Number(latest.metadata?.resourceVersion));
      expect(without.events.map((e) => e.type)).toEqual(['ADDED']);
    } finally {
      withBookmarks.stop();
      without.stop();
    }
  });

  it('a label-selector watch turns a change that stops matching into DELETED', async () => {
    const namespace = await createNamespace(clients.core, 'selwatch');
    const api = objectApi(clients.custom, GITREPOS, namespace);
    const watch = await collectWatch(cluster.kubeConfig, gitRepoPath(namespace), { labelSelector: 'env=dev' });
    try {
      await api.create({ metadata: { name: 'x', labels: { env: 'prod' } }, ...SAMPLES.GitRepo!.body });
      await api.create({ metadata: { name: 'y', labels: { env: 'dev' } }, ...SAMPLES.GitRepo!.body });
      await api.patch('y', { spec: { branch: 'b' } });
      await api.patch('y', { metadata: { labels: { env: 'prod' } } });
      await api.patch('x', { metadata: { labels: { env: 'dev' } } });
      await api.patch('y', { spec: { branch: 'c' } });
      await api.delete('x');
      const events = await watch.waitForEvents(5);
      await sleep(100);
      expect(watch.events.map((e) => [e.type, e.object.metadata.name, e.object.metadata.labels.env])).toEqual([
        ['ADDED', 'y', 'dev'],
        ['MODIFIED', 'y', 'dev'],
        ['DELETED', 'y', 'prod'],
        ['ADDED', 'x', 'dev'],
        ['DELETED', 'x', 'dev'],
      ]);
      expect(events).toHaveLength(5);
    } finally {
      watch.stop();
    }
  });

  it('a fieldSelector watch sees one object only', async () => {
    const namespace = await createNamespace(clients.core, 'fieldwatch');
    const watch = await collectWatch(cluster.kubeConfig, `/api/v1/namespaces/${namespace}/configmaps`, { fieldSelector: 'metadata.name=only' });
    try {
      await clients.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'other' } } });
      await clients.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'only' } } });
      await watch.waitForEvents(1);
      await sleep(100);
      expect(watch.events.map((e) => [e.type, e.object.metadata.name])).toEqual([['ADDED', 'only']]);
    } finally {
      watch.stop();
    }
  });

  it('timeoutSeconds ends the stream', async () => {
    const namespace = await createNamespace(clients.core, 'timeout');
    const started = Date.now();
    const result = await rawWatch(cluster, `/api/v1/namespaces/${namespace}/configmaps?watch=true&timeoutSeconds=1`, 10_000);
    const elapsed = Date.now() - started;
    expect(result.status).toBe(200);
    expect(result.endedByServer).toBe(true);
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(5_000);

    const watch = await collectWatch(cluster.kubeConfig, `/api/v1/namespaces/${namespace}/configmaps`, { timeoutSeconds: 1 });
    expect(await watch.ended).toBeNull();
  });

  it('watch requires authentication and a valid resourceVersion', async () => {
    const unauthenticated = await raw(cluster, '/api/v1/configmaps?watch=true', { token: null });
    expect(unauthenticated.status).toBe(401);
    const bad = await raw(cluster, '/api/v1/configmaps?watch=true&resourceVersion=abc');
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ kind: 'Status', reason: 'BadRequest', code: 400 });
  });

  it('watches are cheap to open and close repeatedly', async () => {
    const namespace = await createNamespace(clients.core, 'churn');
    for (let i = 0; i < 20; i++) {
      const watch = await collectWatch(cluster.kubeConfig, `/api/v1/namespaces/${namespace}/configmaps`);
      watch.stop();
    }
    await waitFor(() => cluster.apiServer.watches.size === 0, 'closed watches to be released', 5_000);
    const name = uniqueName('after-churn');
    await clients.core.createNamespacedConfigMap({ namespace, body: { metadata: { name } } });
    expect((await clients.core.readNamespacedConfigMap({ namespace, name })).metadata?.name).toBe(name);
  });
});
