import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { request as httpsRequest } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type InProcessCluster } from '../support/embedded-cluster';
import {
  clientsFor,
  createNamespace,
  expectStatus,
  GITREPOS,
  objectApi,
  raw,
  SAMPLES,
  type Clients,
  type RawResponse,
} from './helpers';

let cluster: InProcessCluster;
let clients: Clients;
let namespace: string;

beforeAll(async () => {
  cluster = await startTestCluster();
  clients = clientsFor(cluster.kubeConfig);
  namespace = await createNamespace(clients.core, 'errors');
});

afterAll(async () => {
  await cluster?.dispose();
});

const gitRepoPath = (name = '') => `/apis/fleet.cattle.io/v1alpha1/namespaces/${namespace}/gitrepos${name ? `/${name}` : ''}`;

function expectStatusBody(response: RawResponse, code: number, reason: string): void {
  expect(response.status).toBe(code);
  expect(response.headers['content-type']).toMatch(/application\/json/);
  expect(response.json).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason, code });
  expect(typeof response.json.message).toBe('string');
}

function kubeConfigWithToken(token: string): KubeConfig {
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [{ name: 'c', server: cluster.url, caData: Buffer.from(cluster.caPem).toString('base64') }],
    users: [{ name: 'u', token }],
    contexts: [{ name: 'ctx', cluster: 'c', user: 'u' }],
    currentContext: 'ctx',
  });
  return config;
}

/** The server is up and answering authenticated requests. */
async function expectHealthy(): Promise<void> {
  expect((await raw(cluster, '/healthz')).text).toBe('ok');
  const list = await clients.core.listNamespacedConfigMap({ namespace });
  expect(list.metadata?.resourceVersion).toMatch(/^\d+$/);
}

describe('authentication', () => {
  it('no token, a wrong token or another scheme is 401 Unauthorized', async () => {
    const variants: Record<string, string>[] = [{}, { Authorization: 'Bearer wrong' }, { Authorization: `Bearer ${cluster.token}x` }, { Authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` }];
    for (const headers of variants) {
      const response = await raw(cluster, '/api/v1/namespaces', { token: null, headers });
      expectStatusBody(response, 401, 'Unauthorized');
    }
    // Writes too, and nothing is written.
    const write = await raw(cluster, `/api/v1/namespaces/${namespace}/configmaps`, {
      token: 'wrong',
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ metadata: { name: 'sneaky' } }),
    });
    expectStatusBody(write, 401, 'Unauthorized');
    await expectStatus(clients.core.readNamespacedConfigMap({ namespace, name: 'sneaky' }), 404, 'NotFound');
  });

  it('client-node with a wrong token gets a 401 ApiException', async () => {
    const core = kubeConfigWithToken('not-the-token').makeApiClient(CoreV1Api);
    await expectStatus(core.listNamespace(), 401);
    await expectStatus(core.readNamespace({ name: 'default' }), 401);
    const good = kubeConfigWithToken(cluster.token).makeApiClient(CoreV1Api);
    expect((await good.readNamespace({ name: 'default' })).metadata?.name).toBe('default');
  });

  it('health and version need no token', async () => {
    expect((await raw(cluster, '/healthz', { token: null })).status).toBe(200);
    const version = await raw(cluster, '/version', { token: null });
    expect(version.status).toBe(200);
    expect(version.json.major).toBe('1');
  });
});

describe('every error reason', () => {
  it('NotFound: missing objects, namespaces, resources and paths', async () => {
    const missing = await expectStatus(objectApi(clients.custom, GITREPOS, namespace).get('nope'), 404, 'NotFound');
    expect(missing.details).toMatchObject({ name: 'nope', group: 'fleet.cattle.io', kind: 'gitrepos' });
    expect(missing.message).toBe('gitrepos.fleet.cattle.io "nope" not found');
    const core = await expectStatus(clients.core.readNamespacedConfigMap({ namespace, name: 'nope' }), 404, 'NotFound');
    expect(core.message).toBe('configmaps "nope" not found');
    for (const path of ['/apis/fleet.cattle.io/v1alpha1/namespaces/x/widgets', '/apis/nope.io/v1/things', '/api/v2/pods', '/nothing/here', `${gitRepoPath('x')}/scale`]) {
      expectStatusBody(await raw(cluster, path), 404, 'NotFound');
    }
  });

  it('AlreadyExists: creating a name twice', async () => {
    const api = objectApi(clients.custom, GITREPOS, namespace);
    const first = await api.create({ metadata: { name: 'twice' }, ...SAMPLES.GitRepo!.body });
    const status = await expectStatus(api.create({ metadata: { name: 'twice' }, spec: { repo: 'https://other' } }), 409, 'AlreadyExists');
    expect(status.details).toMatchObject({ name: 'twice', group: 'fleet.cattle.io', kind: 'gitrepos' });
    expect(await api.get('twice')).toEqual(first);
    await expectStatus(clients.core.createNamespace({ body: { metadata: { name: namespace } } }), 409, 'AlreadyExists');
  });

  it('Conflict: a stale resourceVersion', async () => {
    const created = await clients.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'stale' }, data: { v: '1' } } });
    await clients.core.patchNamespacedConfigMap({ namespace, name: 'stale', body: [{ op: 'replace', path: '/data/v', value: '2' }] });
    await expectStatus(clients.core.replaceNamespacedConfigMap({ namespace, name: 'stale', body: { ...created, data: { v: '3' } } }), 409, 'Conflict');
    expect((await clients.core.readNamespacedConfigMap({ namespace, name: 'stale' })).data).toEqual({ v: '2' });
  });

  it.each([
    ['a GitRepo without spec.repo', { metadata: { name: 'norepo' }, spec: { branch: 'main' } }, ['spec.repo']],
    ['a bad name', { metadata: { name: 'Bad_Name' }, ...SAMPLES.GitRepo!.body }, ['metadata.name']],
    ['a name that is too long', { metadata: { name: 'a'.repeat(254) }, ...SAMPLES.GitRepo!.body }, ['metadata.name']],
    ['a bad label key', { metadata: { name: 'badlabel', labels: { 'bad key!': 'v' } }, ...SAMPLES.GitRepo!.body }, ['metadata.labels']],
    ['a bad label value', { metadata: { name: 'badvalue', labels: { k: 'has spaces' } }, ...SAMPLES.GitRepo!.body }, ['metadata.labels']],
    ['a bad duration', { metadata: { name: 'badduration' }, spec: { repo: 'https://x', pollingInterval: '1d' } }, ['spec.pollingInterval']],
    ['a wrong type', { metadata: { name: 'badtype' }, spec: { repo: 'https://x', paused: 'yes' } }, ['spec.paused']],
    ['a bad finalizer', { metadata: { name: 'badfinalizer', finalizers: ['no slash!'] }, ...SAMPLES.GitRepo!.body }, ['metadata.finalizers[0]']],
    ['an incomplete owner reference', { metadata: { name: 'badowner', ownerReferences: [{ kind: 'GitRepo', name: 'x' }] }, ...SAMPLES.GitRepo!.body }, ['metadata.ownerReferences[0].apiVersion', 'metadata.ownerReferences[0].uid']],
    ['a bad name and a missing spec.repo together', { metadata: { name: 'Bad_Name' }, spec: {} }, ['metadata.name', 'spec.repo']],
  ])('Invalid: %s', async (_what, body, fields) => {
    const api = objectApi(clients.custom, GITREPOS, namespace);
    const status = await expectStatus(api.create(body), 422, 'Invalid');
    const causes = status.details?.causes?.map((c) => c.field) ?? [];
    for (const field of fields) expect(causes.some((c) => c === field || c.startsWith(`${field}[`))).toBe(true);
    expect(status.details?.kind).toBe('GitRepo');
    expect(status.message).toMatch(/^GitRepo\.fleet\.cattle\.io ".*" is invalid: /);
    const list = await api.list();
    expect(list.items.map((o: any) => o.metadata.name)).not.toContain((body.metadata as { name: string }).name);
  });

  it('Invalid: updates and patches that break the schema leave the object as it was', async () => {
    const api = objectApi(clients.custom, GITREPOS, namespace);
    const created = await api.create({ metadata: { name: 'valid' }, spec: { repo: 'https://x', pollingInterval: '15s' } });
    const byMerge = await expectStatus(api.patch('valid', { spec: { repo: null } }), 422, 'Invalid');
    expect(byMerge.details?.causes?.map((c) => c.field)).toEqual(['spec.repo']);
    await expectStatus(api.patch('valid', [{ op: 'replace', path: '/spec/pollingInterval', value: 'often' }], 'json'), 422, 'Invalid');
    await expectStatus(api.replace('valid', { ...created, metadata: { ...created.metadata, labels: { '-bad': 'x' } } }), 422, 'Invalid');
    await expectStatus(api.patch('valid', [{ op: 'replace', path: '/spec/missing/deep', value: 1 }], 'json'), 422, 'Invalid');
    expect(await api.get('valid')).toEqual(created);
    // ImageScan's required-but-nullable fields.
    const scans = objectApi(clients.custom, { group: 'fleet.cattle.io', version: 'v1alpha1', plural: 'imagescans' }, namespace);
    const scan = await expectStatus(scans.create({ metadata: { name: 'scan' }, spec: { tagName: 't' } }), 422, 'Invalid');
    expect(scan.details?.causes?.map((c) => c.field).sort()).toEqual(['spec.image', 'spec.interval']);
  });

  it('BadRequest: malformed JSON, mismatched kind or namespace, bad query parameters', async () => {
    const post = (path: string, body: string, contentType = 'application/json') =>
      raw(cluster, path, { method: 'POST', headers: { 'Content-Type': contentType }, body });
    expectStatusBody(await post(gitRepoPath(), '{"metadata": {"name": "broken"'), 400, 'BadRequest');
    expectStatusBody(await post(gitRepoPath(), '[1, 2, 3]'), 400, 'BadRequest');
    expectStatusBody(await post(gitRepoPath(), '"just a string"'), 400, 'BadRequest');
    expectStatusBody(await post(gitRepoPath(), JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'wrongkind' } })), 400, 'BadRequest');
    expectStatusBody(await post(gitRepoPath(), JSON.stringify({ kind: 'Bundle', metadata: { name: 'wrongkind' }, spec: { repo: 'x' } })), 400, 'BadRequest');
    expectStatusBody(await post(gitRepoPath(), JSON.stringify({ metadata: { name: 'wrongns', namespace: 'default' }, spec: { repo: 'x' } })), 400, 'BadRequest');
    expectStatusBody(await post(gitRepoPath(), 'metadata: [unclosed', 'application/yaml'), 400, 'BadRequest');
    const malformedPatch = await raw(cluster, gitRepoPath('valid'), { method: 'PATCH', headers: { 'Content-Type': 'application/merge-patch+json' }, body: '{nope' });
    expectStatusBody(malformedPatch, 400, 'BadRequest');
    expectStatusBody(await raw(cluster, `${gitRepoPath()}?labelSelector=${encodeURIComponent('a in (b')}`), 400, 'BadRequest');
    expectStatusBody(await raw(cluster, `${gitRepoPath()}?labelSelector=${encodeURIComponent('=novalue')}`), 400, 'BadRequest');
    expectStatusBody(await raw(cluster, `${gitRepoPath()}?fieldSelector=spec.repo%3Dx`), 400, 'BadRequest');
    expectStatusBody(await raw(cluster, `${gitRepoPath()}?limit=-1`), 400, 'BadRequest');
    expectStatusBody(await raw(cluster, `${gitRepoPath()}?watch=true&timeoutSeconds=soon`), 400, 'BadRequest');
    const list = await objectApi(clients.custom, GITREPOS, namespace).list();
    expect(list.items.map((o: any) => o.metadata.name)).not.toEqual(expect.arrayContaining(['broken', 'wrongkind', 'wrongns']));
  });

  it('Forbidden: creating in a terminating namespace', async () => {
    const doomed = await createNamespace(clients.core, 'forbidden');
    await clients.core.createNamespacedConfigMap({ namespace: doomed, body: { metadata: { name: 'held', finalizers: ['example.com/hold'] } } });
    await clients.core.deleteNamespace({ name: doomed });
    const status = await expectStatus(clients.core.createNamespacedSecret({ namespace: doomed, body: { metadata: { name: 's' } } }), 403, 'Forbidden');
    expect(status.message).toMatch(`unable to create new content in namespace ${doomed} because it is being terminated`);
  });

  it('Gone/Expired: a continue token that does not exist', async () => {
    const response = await raw(cluster, `${gitRepoPath()}?limit=1&continue=bm90LWEtdG9rZW4`);
    expectStatusBody(response, 410, 'Expired');
  });

  it('RequestEntityTooLarge: a body over 3 MiB is 413 whether it declares its length or not', async () => {
    const big = JSON.stringify({ metadata: { name: 'huge' }, data: { blob: 'x'.repeat(3 * 1024 * 1024 + 10) } });
    const declared = await raw(cluster, `/api/v1/namespaces/${namespace}/configmaps`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: big });
    expectStatusBody(declared, 413, 'RequestEntityTooLarge');

    const chunked = await new Promise<RawResponse>((resolve, reject) => {
      const req = httpsRequest(
        new URL(`/api/v1/namespaces/${namespace}/configmaps`, cluster.url),
        { method: 'POST', ca: cluster.caPem, headers: { Authorization: `Bearer ${cluster.token}`, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: JSON.parse(text) }));
        },
      );
      req.on('error', reject);
      for (let offset = 0; offset < big.length; offset += 64 * 1024) req.write(big.slice(offset, offset + 64 * 1024));
      req.end();
    });
    expectStatusBody(chunked, 413, 'RequestEntityTooLarge');

    const patch = await raw(cluster, gitRepoPath('valid'), { method: 'PATCH', headers: { 'Content-Type': 'application/merge-patch+json' }, body: big });
    expectStatusBody(patch, 413, 'RequestEntityTooLarge');
    await expectStatus(clients.core.readNamespacedConfigMap({ namespace, name: 'huge' }), 404, 'NotFound');
    // Just under the limit is fine.
    const fits = await clients.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'fits' }, data: { blob: 'x'.repeat(3 * 1024 * 1024 - 1024) } } });
    expect(fits.metadata?.name).toBe('fits');
    await expectHealthy();
  });

  it('UnsupportedMediaType: unknown body and patch types', async () => {
    const text = await raw(cluster, `/api/v1/namespaces/${namespace}/configmaps`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'hello' });
    expectStatusBody(text, 415, 'UnsupportedMediaType');
    const plainJsonPatch = await raw(cluster, gitRepoPath('valid'), { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expectStatusBody(plainJsonPatch, 415, 'UnsupportedMediaType');
    const apply = await raw(cluster, gitRepoPath('valid'), { method: 'PATCH', headers: { 'Content-Type': 'application/apply-patch+yaml' }, body: 'spec: {}' });
    expectStatusBody(apply, 415, 'UnsupportedMediaType');
    const strategic = await raw(cluster, gitRepoPath('valid'), { method: 'PATCH', headers: { 'Content-Type': 'application/strategic-merge-patch+json' }, body: '{"spec":{"branch":"x"}}' });
    expectStatusBody(strategic, 415, 'UnsupportedMediaType');
    expect((await objectApi(clients.custom, GITREPOS, namespace).get('valid')).spec.branch).toBeUndefined();
  });

  it('MethodNotAllowed: verbs a path does not serve', async () => {
    expectStatusBody(await raw(cluster, gitRepoPath(), { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{}' }), 405, 'MethodNotAllowed');
    expectStatusBody(await raw(cluster, gitRepoPath('valid'), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }), 405, 'MethodNotAllowed');
  });
});

describe('malformed requests', () => {
  it('never crash the server and never half-write an object', async () => {
    const api = objectApi(clients.custom, GITREPOS, namespace);
    const target = await api.create({ metadata: { name: 'target', labels: { keep: 'me' } }, spec: { repo: 'https://x' } });
    const cm = await clients.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'target' }, data: { a: '1' } } });
    const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    const attempts: { method: string; path: string; contentType: string; body: string }[] = [
      { method: 'PUT', path: gitRepoPath('target'), contentType: 'application/json', body: '{"metadata":{"name":"target"},"spec":{"repo":"https://y"}' },
      { method: 'PUT', path: gitRepoPath('target'), contentType: 'application/json', body: JSON.stringify({ metadata: 'nope', spec: { repo: 'https://y' } }) },
      { method: 'PUT', path: gitRepoPath('target'), contentType: 'application/json', body: JSON.stringify({ metadata: { name: 'other' }, spec: { repo: 'https://y' } }) },
      { method: 'PUT', path: gitRepoPath('target'), contentType: 'application/json', body: JSON.stringify({ metadata: { name: 'target', labels: ['a'] }, spec: { repo: 'https://y' } }) },
      { method: 'PUT', path: gitRepoPath('target'), contentType: 'application/json', body: JSON.stringify({ metadata: { name: 'target', annotations: { a: 1 } }, spec: { repo: 'https://y' } }) },
      { method: 'PUT', path: gitRepoPath('target'), contentType: 'application/json', body: JSON.stringify({ metadata: { name: 'target', finalizers: 'x' }, spec: { repo: 'https://y' } }) },
      { method: 'PUT', path: gitRepoPath('target'), contentType: 'application/json', body: JSON.stringify({ metadata: { name: 'target' }, spec: 'not an object' }) },
      { method: 'PUT', path: gitRepoPath('target'), contentType: 'application/json', body: JSON.stringify({ metadata: { name: 'target' }, spec: { repo: 'https://y', paths: { a: 1 } } }) },
      { method: 'PUT', path: gitRepoPath('target'), contentType: 'application/json', body: `{"metadata":{"name":"target"},"spec":{"repo":"https://y","x":${nested(600)}}}` },
      { method: 'PUT', path: gitRepoPath('target'), contentType: 'application/json', body: `{"metadata":{"name":"target"},"spec":{"repo":"https://y","x":${nested(5000)}}}` },
      { method: 'PUT', path: gitRepoPath('target'), contentType: 'application/json', body: `{"metadata":{"name":"target"},"spec":{"repo":"https://y","x":${nested(100_000)}}}` },
      { method: 'PUT', path: gitRepoPath('target'), contentType: 'application/yaml', body: `metadata: {name: target}\nspec: {repo: "https://y", x: ${'['.repeat(5000)}${']'.repeat(5000)}}` },
      { method: 'PATCH', path: gitRepoPath('target'), contentType: 'application/merge-patch+json', body: `{"spec":{"x":${nested(5000)}}}` },
      { method: 'PATCH', path: gitRepoPath('target'), contentType: 'application/json-patch+json', body: `[{"op":"add","path":"/spec/x","value":${nested(5000)}}]` },
      { method: 'PUT', path: gitRepoPath('target'), contentType: 'application/json', body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('latin1') },
      { method: 'PATCH', path: gitRepoPath('target'), contentType: 'application/merge-patch+json', body: '[]' },
      { method: 'PATCH', path: gitRepoPath('target'), contentType: 'application/merge-patch+json', body: 'null' },
      { method: 'PATCH', path: gitRepoPath('target'), contentType: 'application/merge-patch+json', body: '{"metadata":{"name":"renamed"}}' },
      { method: 'PATCH', path: gitRepoPath('target'), contentType: 'application/merge-patch+json', body: '{"metadata":null}' },
      { method: 'PATCH', path: gitRepoPath('target'), contentType: 'application/merge-patch+json', body: '{"kind":"Bundle"}' },
      { method: 'PATCH', path: gitRepoPath('target'), contentType: 'application/merge-patch+json', body: '{"metadata":{"labels":{"keep":null,"bad key":"x"}}}' },
      { method: 'PATCH', path: gitRepoPath('target'), contentType: 'application/json-patch+json', body: '{"op":"add"}' },
      { method: 'PATCH', path: gitRepoPath('target'), contentType: 'application/json-patch+json', body: '[{"op":"explode","path":"/spec"}]' },
      { method: 'PATCH', path: gitRepoPath('target'), contentType: 'application/json-patch+json', body: '[{"op":"add","path":"spec/x","value":1}]' },
      { method: 'PATCH', path: gitRepoPath('target'), contentType: 'application/json-patch+json', body: '[{"op":"replace","path":"","value":[]}]' },
      { method: 'PATCH', path: gitRepoPath('target'), contentType: 'application/json-patch+json', body: '[{"op":"add","path":"/spec/branch","value":"ok"},{"op":"remove","path":"/spec/nothing"}]' },
      { method: 'PATCH', path: gitRepoPath('target'), contentType: 'application/json-patch+json', body: '[{"op":"replace","path":"/metadata/resourceVersion","value":"1"}]' },
      { method: 'PATCH', path: gitRepoPath('target'), contentType: 'application/json-patch+json', body: '[{"op":"replace","path":"/metadata/resourceVersion","value":7}]' },
      { method: 'PATCH', path: gitRepoPath('target'), contentType: 'application/json-patch+json', body: '[{"op":"copy","from":"/nothing","path":"/spec/x"}]' },
      { method: 'PATCH', path: gitRepoPath('target'), contentType: 'application/json-patch+json', body: '[{"op":"move","from":"/spec","path":"/spec/inner"}]' },
      { method: 'PUT', path: `${gitRepoPath('target')}/status`, contentType: 'application/json', body: JSON.stringify({ metadata: { name: 'target' }, status: { conditions: 'bad' } }) },
      { method: 'PUT', path: `/api/v1/namespaces/${namespace}/configmaps/target`, contentType: 'application/json', body: JSON.stringify({ metadata: { name: 'target' }, data: { a: 1 } }) },
      { method: 'PUT', path: `/api/v1/namespaces/${namespace}/configmaps/target`, contentType: 'application/json', body: '{"metadata":{"name":"target"},"data":{"a":"' },
      { method: 'DELETE', path: gitRepoPath('target'), contentType: 'application/json', body: '{"propagationPolicy":' },
      { method: 'DELETE', path: gitRepoPath('target'), contentType: 'application/json', body: '{"propagationPolicy":"Sometimes"}' },
      { method: 'DELETE', path: gitRepoPath('target'), contentType: 'application/json', body: '{"preconditions":{"uid":"wrong"}}' },
      { method: 'DELETE', path: `${gitRepoPath()}?labelSelector=${encodeURIComponent('keep in (')}`, contentType: 'application/json', body: '' },
      { method: 'GET', path: `${gitRepoPath()}/%E0%A4%A`, contentType: 'application/json', body: '' },
      { method: 'GET', path: `${gitRepoPath()}?watch=true&resourceVersion=-5`, contentType: 'application/json', body: '' },
    ];
    for (const attempt of attempts) {
      const response = await raw(cluster, attempt.path, {
        method: attempt.method,
        headers: { 'Content-Type': attempt.contentType },
        body: attempt.body === '' ? undefined : attempt.body,
      });
      const what = `${attempt.method} ${attempt.path} ${attempt.body.slice(0, 80)}`;
      expect(response.status, what).toBeGreaterThanOrEqual(400);
      expect(response.status, what).toBeLessThan(500);
      expect(response.json, what).toMatchObject({ kind: 'Status', status: 'Failure', code: response.status });
    }
    // Server-owned fields a patch drops are put back, as kube-apiserver does: a no-op.
    const withoutUid = await api.patch('target', [{ op: 'remove', path: '/metadata/uid' }, { op: 'remove', path: '/metadata/creationTimestamp' }], 'json');
    expect(withoutUid).toEqual(target);
    expect(await api.get('target')).toEqual(target);
    expect(await clients.core.readNamespacedConfigMap({ namespace, name: 'target' })).toEqual(cm);
    await expectHealthy();
  });

  it('survive clients that hang up mid-body', async () => {
    const api = objectApi(clients.custom, GITREPOS, namespace);
    const target = await api.create({ metadata: { name: 'hangup' }, spec: { repo: 'https://x' } });
    for (let i = 0; i < 5; i++) {
      await new Promise<void>((resolve) => {
        const req = httpsRequest(new URL(gitRepoPath('hangup'), cluster.url), {
          method: 'PUT',
          ca: cluster.caPem,
          headers: { Authorization: `Bearer ${cluster.token}`, 'Content-Type': 'application/json', 'Content-Length': 10_000 },
        });
        req.on('error', () => resolve());
        req.on('response', () => resolve());
        req.write('{"metadata":{"name":"hangup"},"spec":{"repo":"https://half');
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 50);
      });
    }
    expect(await api.get('hangup')).toEqual(target);
    await expectHealthy();
  });
});
