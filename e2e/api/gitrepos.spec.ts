import { expect, test } from '@playwright/test';

import { actionResultSchema, gitRepoCreatedSchema, gitRepoDetailSchema, objectDeletedSchema, objectWrittenSchema } from '../../lib/api/schemas';
import { createObject, createWorkspace, eventually, expectError, getObject, kube, unique } from '../support/kube';

const JSON_HEADERS = { 'content-type': 'application/json' };
const REPO = 'https://127.0.0.1:9/fleet/examples.git';

test.describe('GitRepo endpoints', () => {
  let ws: string;

  test.beforeAll(async ({ request }) => {
    ws = await createWorkspace(request, 'e2e-gitrepos');
  });

  test('create with a basic-auth Secret: the Secret exists with the right type and no answer carries the password', async ({ request }) => {
    const password = `pw-${unique('secret')}-never-echo`;
    const name = unique('repo');
    const answers: string[] = [];

    const res = await request.post(`/api/v1/workspaces/${ws}/gitrepos`, {
      data: {
        gitRepo: { metadata: { name, labels: { team: 'blue' } }, spec: { repo: REPO, branch: 'main', paths: ['simple'] } },
        secrets: { clientSecret: { type: 'basic-auth', username: 'deployer', password } },
      },
    });
    answers.push(await res.text());
    expect(res.status(), answers[0]).toBe(201);
    const created = gitRepoCreatedSchema.parse(await res.json());
    expect(created.dryRun).toBe(false);
    expect(created.secrets).toHaveLength(1);
    const ref = created.secrets[0]!;
    expect(ref).toMatchObject({ role: 'clientSecret', type: 'kubernetes.io/basic-auth', exists: true });
    expect(ref.name).toMatch(/^auth-[a-z0-9]{5}$/);
    expect(created.object.spec?.clientSecretName).toBe(ref.name);

    // What the cluster holds: the Secret Fleet will read, and the GitRepo pointing at it.
    const secret = await kube.core().readNamespacedSecret({ name: ref.name, namespace: ws });
    expect(secret.type).toBe('kubernetes.io/basic-auth');
    expect(secret.metadata?.labels?.['fleet.cattle.io/managed']).toBe('true');
    expect(Buffer.from(secret.data!.username!, 'base64').toString()).toBe('deployer');
    expect(Buffer.from(secret.data!.password!, 'base64').toString()).toBe(password);
    const stored = await getObject('gitrepos', ws, name);
    expect(stored.spec).toMatchObject({ repo: REPO, branch: 'main', clientSecretName: ref.name });

    // The detail names the Secret and its type, nothing more.
    const detail = gitRepoDetailSchema.parse(await eventually(request, `/api/v1/workspaces/${ws}/gitrepos/${name}`, (_body, status) => status === 200));
    expect(detail.relations.secrets).toEqual([{ role: 'clientSecret', name: ref.name, type: 'kubernetes.io/basic-auth', exists: true }]);
    expect(detail.object.metadata).not.toHaveProperty('managedFields');
    answers.push(JSON.stringify(detail));
    answers.push(await (await request.get(`/api/v1/workspaces/${ws}/gitrepos?q=${name}`)).text());
    answers.push(await (await request.get(`/api/v1/workspaces/${ws}/gitrepos/${name}`)).text());

    const encoded = Buffer.from(password).toString('base64');
    for (const answer of answers) {
      expect(answer).not.toContain(password);
      expect(answer).not.toContain(encoded);
    }
  });

  test('create with an ssh-auth Secret for git and a basic-auth one for Helm', async ({ request }) => {
    const name = unique('repo');
    const res = await request.post(`/api/v1/workspaces/${ws}/gitrepos`, {
      data: {
        gitRepo: { metadata: { name }, spec: { repo: 'git@127.0.0.1:fleet/examples.git' } },
        secrets: {
          clientSecret: { type: 'ssh-auth', privateKey: '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n', knownHosts: '127.0.0.1 ssh-ed25519 AAAA' },
          helmSecret: { type: 'basic-auth', username: 'helm', password: 'helm-pass' },
        },
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    const created = gitRepoCreatedSchema.parse(await res.json());
    const byRole = Object.fromEntries(created.secrets.map((s) => [s.role, s]));
    expect(byRole.clientSecret?.type).toBe('kubernetes.io/ssh-auth');
    expect(byRole.helmSecret?.type).toBe('kubernetes.io/basic-auth');
    expect(created.object.spec).toMatchObject({ clientSecretName: byRole.clientSecret!.name, helmSecretName: byRole.helmSecret!.name });
    const ssh = await kube.core().readNamespacedSecret({ name: byRole.clientSecret!.name, namespace: ws });
    expect(Object.keys(ssh.data ?? {}).sort()).toEqual(['known_hosts', 'ssh-privatekey']);
    expect(JSON.stringify(created)).not.toContain('helm-pass');
  });

  test('the Secrets are deleted again when the API server refuses the GitRepo', async ({ request }) => {
    const name = unique('repo');
    await createObject('gitrepos', ws, { name }, { repo: REPO });
    const managedSecrets = async () =>
      (await kube.core().listNamespacedSecret({ namespace: ws, labelSelector: 'fleet.cattle.io/managed=true' })).items.map((s) => s.metadata?.name).sort();
    const before = await managedSecrets();

    // The name is taken: the BFF's checks pass, the API server answers 409 AlreadyExists.
    const res = await request.post(`/api/v1/workspaces/${ws}/gitrepos`, {
      data: {
        gitRepo: { metadata: { name }, spec: { repo: REPO } },
        secrets: { clientSecret: { type: 'basic-auth', username: 'u', password: 'rollback-pass' }, helmSecret: { type: 'basic-auth', username: 'h', password: 'p' } },
      },
    });
    await expectError(res, 409, 'conflict', 'metadata.name');
    expect(await managedSecrets()).toEqual(before);
    const stored = await getObject('gitrepos', ws, name);
    expect(stored.spec.clientSecretName).toBeUndefined();
  });

  test('a dry run checks with the API server and stores nothing; a taken name is a 409 on metadata.name', async ({ request }) => {
    const name = unique('repo');
    const body = { gitRepo: { metadata: { name }, spec: { repo: REPO } }, secrets: { clientSecret: { type: 'basic-auth', username: 'u', password: 'dry-pass' } } };
    const secretsBefore = (await kube.core().listNamespacedSecret({ namespace: ws })).items.length;

    const dry = await request.post(`/api/v1/workspaces/${ws}/gitrepos?dryRun=true`, { data: body });
    expect(dry.status(), await dry.text()).toBe(201);
    const checked = gitRepoCreatedSchema.parse(await dry.json());
    expect(checked.dryRun).toBe(true);
    expect(checked.secrets[0]).toMatchObject({ role: 'clientSecret', type: 'kubernetes.io/basic-auth', exists: false });
    await expect(getObject('gitrepos', ws, name)).rejects.toMatchObject({ code: 404 });
    expect((await kube.core().listNamespacedSecret({ namespace: ws })).items.length).toBe(secretsBefore);

    const real = await request.post(`/api/v1/workspaces/${ws}/gitrepos`, { data: body });
    expect(real.status()).toBe(201);
    const taken = await request.post(`/api/v1/workspaces/${ws}/gitrepos?dryRun=true`, { data: { gitRepo: { metadata: { name }, spec: { repo: REPO } } } });
    await expectError(taken, 409, 'conflict', 'metadata.name');
  });

  test('update keeps fields the client did not send, including unknown ones and paused', async ({ request }) => {
    const name = unique('repo');
    await createObject('gitrepos', ws, { name, labels: { keep: 'me' } }, {
      repo: REPO,
      branch: 'main',
      paused: true,
      keepResources: true,
      correctDrift: { enabled: true, force: true },
      futureField: { addedIn: 'a later Fleet' },
    });
    const loaded = await getObject('gitrepos', ws, name);

    const res = await request.put(`/api/v1/workspaces/${ws}/gitrepos/${name}`, {
      data: { metadata: { resourceVersion: loaded.metadata.resourceVersion }, spec: { branch: 'release', paths: ['apps'], correctDrift: null } },
    });
    expect(res.status(), await res.text()).toBe(200);
    const written = objectWrittenSchema.parse(await res.json());
    expect(written.object.metadata.resourceVersion).not.toBe(loaded.metadata.resourceVersion);

    const stored = await getObject('gitrepos', ws, name);
    expect(stored.spec).toEqual({ repo: REPO, branch: 'release', paths: ['apps'], paused: true, keepResources: true, futureField: { addedIn: 'a later Fleet' } });
    expect(stored.metadata.labels).toEqual({ keep: 'me' });

    // Explicitly changing paused and the labels works too.
    const again = await request.put(`/api/v1/workspaces/${ws}/gitrepos/${name}`, {
      data: { metadata: { resourceVersion: stored.metadata.resourceVersion, labels: { team: 'green' } }, spec: { paused: false } },
    });
    expect(again.status(), await again.text()).toBe(200);
    const after = await getObject('gitrepos', ws, name);
    expect(after.spec.paused).toBe(false);
    expect(after.spec.futureField).toEqual({ addedIn: 'a later Fleet' });
    expect(after.metadata.labels).toEqual({ team: 'green' });
  });

  test('update from a stale version is a 409 and changes nothing', async ({ request }) => {
    const name = unique('repo');
    const created = await createObject('gitrepos', ws, { name }, { repo: REPO, branch: 'main' });
    await kube.custom().replaceNamespacedCustomObject({
      group: 'fleet.cattle.io',
      version: 'v1alpha1',
      plural: 'gitrepos',
      namespace: ws,
      name,
      body: { ...created, spec: { ...created.spec, branch: 'changed-elsewhere' } },
    });
    const res = await request.put(`/api/v1/workspaces/${ws}/gitrepos/${name}`, {
      data: { metadata: { resourceVersion: created.metadata.resourceVersion }, spec: { branch: 'mine' } },
    });
    const error = await expectError(res, 409, 'conflict', 'metadata.resourceVersion');
    expect(error.message).toContain('changed since you loaded it');
    expect((await getObject('gitrepos', ws, name)).spec.branch).toBe('changed-elsewhere');
  });

  test('bad input is refused with the field at fault and changes nothing', async ({ request }) => {
    const name = unique('repo');
    const post = (data: unknown) => request.post(`/api/v1/workspaces/${ws}/gitrepos`, { data });
    await expectError(await post({ gitRepo: { metadata: { name }, spec: {} } }), 422, 'invalid', 'gitRepo.spec.repo');
    await expectError(await post({ gitRepo: { metadata: { name: 'Not_Valid' }, spec: { repo: REPO } } }), 422, 'invalid', 'gitRepo.metadata.name');
    await expectError(await post({ gitRepo: { metadata: { name: 'x'.repeat(64) }, spec: { repo: REPO } } }), 422, 'invalid', 'gitRepo.metadata.name');
    await expectError(await post({ gitRepo: { metadata: { name, labels: { ok: 'bad value!' } }, spec: { repo: REPO } } }), 422, 'invalid', 'gitRepo.metadata.labels[ok]');
    await expectError(await post({ gitRepo: { metadata: { name }, spec: { repo: REPO, pollingInterval: '10 minutes' } } }), 422, 'invalid', 'gitRepo.spec.pollingInterval');
    await expectError(
      await post({ gitRepo: { metadata: { name }, spec: { repo: REPO, targets: [{ clusterSelector: { matchExpressions: [{ key: 'env', operator: 'Equals', values: ['x'] }] } }] } } }),
      422,
      'invalid',
      'gitRepo.spec.targets[0].clusterSelector.matchExpressions[0].operator',
    );
    await expectError(await post({ gitRepo: { metadata: { name }, spec: { repo: REPO } }, secrets: { clientSecret: { type: 'token', token: 'x' } } }), 422, 'invalid', 'secrets.clientSecret.type');
    await expectError(await post({ gitRepo: { metadata: { name }, spec: { repo: REPO } }, secrets: { clientSecret: { type: 'basic-auth', username: 'u' } } }), 422, 'invalid', 'secrets.clientSecret.password');
    await expectError(
      await post({ gitRepo: { metadata: { name }, spec: { repo: REPO, clientSecretName: 'mine' } }, secrets: { clientSecret: { type: 'basic-auth', username: 'u', password: 'p' } } }),
      422,
      'invalid',
      'secrets.clientSecret',
    );
    await expectError(await request.post(`/api/v1/workspaces/${ws}/gitrepos?dryRun=maybe`, { data: { gitRepo: { metadata: { name }, spec: { repo: REPO } } } }), 400, 'bad_request', 'dryRun');
    await expectError(await request.post(`/api/v1/workspaces/${ws}/gitrepos`, { headers: JSON_HEADERS, data: Buffer.from('{"gitRepo": ') }), 400, 'bad_request');
    await expectError(await request.post(`/api/v1/workspaces/_all/gitrepos`, { data: { gitRepo: { metadata: { name }, spec: { repo: REPO } } } }), 400, 'bad_request', 'ws');
    await expectError(await request.post(`/api/v1/workspaces/${ws}/bundles`, { data: {} }), 400, 'bad_request', 'kind');
    await expectError(await request.post(`/api/v1/workspaces/${unique('nowhere')}/gitrepos`, { data: { gitRepo: { metadata: { name }, spec: { repo: REPO } } } }), 404, 'not_found');
    await expect(getObject('gitrepos', ws, name)).rejects.toMatchObject({ code: 404 });

    const existing = unique('repo');
    const stored = await createObject('gitrepos', ws, { name: existing }, { repo: REPO });
    const put = (data: unknown) => request.put(`/api/v1/workspaces/${ws}/gitrepos/${existing}`, { data });
    await expectError(await put({ metadata: {}, spec: { branch: 'x' } }), 422, 'invalid', 'metadata.resourceVersion');
    await expectError(await put({ metadata: { resourceVersion: stored.metadata.resourceVersion }, spec: { repo: null } }), 422, 'invalid', 'spec.repo');
    await expectError(await put({ metadata: { resourceVersion: stored.metadata.resourceVersion }, spec: { paused: 'yes' } }), 422, 'invalid', 'spec.paused');
    await expectError(await put({ metadata: { resourceVersion: stored.metadata.resourceVersion, labels: { 'bad key!': 'v' } } }), 422, 'invalid', 'metadata.labels');
    expect((await getObject('gitrepos', ws, existing)).metadata.resourceVersion).toBe(stored.metadata.resourceVersion);
    await expectError(await request.put(`/api/v1/workspaces/${ws}/gitrepos/${unique('missing')}`, { data: { metadata: { resourceVersion: '1' } } }), 404, 'not_found');
    await expectError(await request.put(`/api/v1/workspaces/${ws}/bundles/${existing}`, { data: {} }), 400, 'bad_request', 'kind');
    await expectError(await request.get(`/api/v1/workspaces/${ws}/gitrepos/${unique('missing')}`), 404, 'not_found', 'name');
    await expectError(await request.get(`/api/v1/workspaces/${ws}/gitrepos/${existing}?limit=0`), 400, 'bad_request', 'limit');
  });

  test('delete removes the GitRepo', async ({ request }) => {
    const name = unique('repo');
    await createObject('gitrepos', ws, { name }, { repo: REPO });
    await eventually(request, `/api/v1/workspaces/${ws}/gitrepos/${name}`, (_body, status) => status === 200);

    const res = await request.delete(`/api/v1/workspaces/${ws}/gitrepos/${name}`, { headers: JSON_HEADERS });
    expect(res.status(), await res.text()).toBe(200);
    expect(objectDeletedSchema.parse(await res.json())).toEqual({ deleted: { kind: 'gitrepos', workspace: ws, name } });
    await expect(getObject('gitrepos', ws, name)).rejects.toMatchObject({ code: 404 });
    // The BFF answered after its cache saw the deletion.
    await expectError(await request.get(`/api/v1/workspaces/${ws}/gitrepos/${name}`), 404, 'not_found');
    await expectError(await request.delete(`/api/v1/workspaces/${ws}/gitrepos/${name}`, { headers: JSON_HEADERS }), 404, 'not_found');
  });

  test('actions change the GitRepo: pause, unpause, forceUpdate, disablePolling, enablePolling', async ({ request }) => {
    const name = unique('repo');
    await createObject('gitrepos', ws, { name }, { repo: REPO, forceSyncGeneration: 4 });
    const act = async (action: string) => {
      const res = await request.post(`/api/v1/workspaces/${ws}/gitrepos/${name}/actions/${action}`, { data: {} });
      expect(res.status(), await res.text()).toBe(200);
      const result = actionResultSchema.parse(await res.json());
      expect(result.action).toBe(action);
      return (await getObject('gitrepos', ws, name)).spec;
    };
    expect((await act('pause')).paused).toBe(true);
    expect((await act('unpause')).paused).toBe(false);
    expect((await act('forceUpdate')).forceSyncGeneration).toBe(5);
    expect((await act('forceUpdate')).forceSyncGeneration).toBe(6);
    expect((await act('disablePolling')).disablePolling).toBe(true);
    expect((await act('enablePolling')).disablePolling).toBe(false);
    // Rows follow: the list shows the state the action wrote.
    const page = await eventually<any>(request, `/api/v1/workspaces/${ws}/gitrepos?q=${name}`, (body) => body.items?.[0]?.pollingDisabled === false);
    expect(page.items[0]).toMatchObject({ name, paused: false, pollingDisabled: false });

    await expectError(await request.post(`/api/v1/workspaces/${ws}/gitrepos/${name}/actions/explode`, { data: {} }), 400, 'bad_request', 'action');
    await expectError(await request.post(`/api/v1/workspaces/${ws}/gitrepos/${name}/actions/move`, { data: { to: 'fleet-default' } }), 400, 'bad_request', 'action');
    await expectError(await request.post(`/api/v1/workspaces/${ws}/bundles/${name}/actions/pause`, { data: {} }), 400, 'bad_request', 'kind');
    await expectError(await request.post(`/api/v1/workspaces/${ws}/gitrepos/${unique('missing')}/actions/pause`, { data: {} }), 404, 'not_found');
  });
});
