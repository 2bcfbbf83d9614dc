/**
 * Token authentication and RBAC in the embedded cluster, driven the way users and the BFF drive
 * it: @kubernetes/client-node with each fixture user's bearer token, plain HTTPS for watches, and
 * the machine's kubectl for `auth can-i` and `auth whoami`.
 */
import {
  AuthenticationV1Api,
  AuthorizationV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  RbacAuthorizationV1Api,
} from '@kubernetes/client-node';
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedCluster } from '../../embedded/cluster';
import { spawnClusterProcess, startTestClusterWithUsers, temporaryDirectory, tokenAuthArgs, type InProcessCluster } from '../support/embedded-cluster';
import {
  ADMIN_TOKEN,
  EDITOR_GROUP,
  EDITOR_TOKEN,
  READER_NAMESPACE,
  READER_TOKEN,
  TEAM_WORKSPACE,
} from '../support/rbac-fixtures';
import { kubectlPath } from '../support/kubectl';
import { expectStatus, GITREPOS, mergePatch, raw, waitFor } from './helpers';

const RBAC = 'rbac.authorization.k8s.io';

let cluster: InProcessCluster & { tokenAuthFile: string };

/** The cluster's kubeconfig, signed in with another bearer token. */
function configFor(token: string): KubeConfig {
  const config = new KubeConfig();
  const current = cluster.kubeConfig.getCurrentCluster()!;
  config.loadFromOptions({
    clusters: [current],
    users: [{ name: 'user', token }],
    contexts: [{ name: 'ctx', cluster: current.name, user: 'user' }],
    currentContext: 'ctx',
  });
  return config;
}

function clientsAs(token: string) {
  const config = configFor(token);
  return {
    custom: config.makeApiClient(CustomObjectsApi),
    core: config.makeApiClient(CoreV1Api),
    rbac: config.makeApiClient(RbacAuthorizationV1Api),
    authz: config.makeApiClient(AuthorizationV1Api),
    authn: config.makeApiClient(AuthenticationV1Api),
  };
}

const gitRepo = (name: string, namespace: string) => ({
  apiVersion: 'fleet.cattle.io/v1alpha1',
  kind: 'GitRepo',
  metadata: { name, namespace },
  spec: { repo: 'http://127.0.0.1:1/repo.git', paths: ['app'] },
});

const createGitRepo = (token: string, name: string, namespace: string) =>
  clientsAs(token).custom.createNamespacedCustomObject({ ...GITREPOS, namespace, body: gitRepo(name, namespace) });

const forbiddenMessage = (user: string, verb: string, resource: string, group: string, namespace?: string) =>
  `User "${user}" cannot ${verb} resource "${resource}" in API group "${group}" ${namespace ? `in the namespace "${namespace}"` : 'at the cluster scope'}`;

beforeAll(async () => {
  cluster = await startTestClusterWithUsers();
  await createGitRepo(cluster.token, 'default-app', READER_NAMESPACE);
  await createGitRepo(cluster.token, 'team-app', TEAM_WORKSPACE);
});

afterAll(async () => {
  await cluster?.dispose();
});

describe('authentication', () => {
  it('refuses unknown tokens with 401 and accepts the token file users and the kubeconfig admin', async () => {
    await expectStatus(clientsAs('not-a-token').custom.listNamespacedCustomObject({ ...GITREPOS, namespace: READER_NAMESPACE }), 401, 'Unauthorized');
    expect((await raw(cluster, '/api', { token: null })).status).toBe(401);
    for (const token of [cluster.token, ADMIN_TOKEN, READER_TOKEN, EDITOR_TOKEN]) {
      expect((await raw(cluster, '/apis', { token })).status).toBe(200);
    }
  });

  it('answers SelfSubjectReview with who the caller is', async () => {
    const reader = await clientsAs(READER_TOKEN).authn.createSelfSubjectReview({ body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } });
    expect(reader.status?.userInfo).toEqual({ username: 'reader', uid: 'uid-reader', groups: ['system:authenticated'] });
    const editor = await clientsAs(EDITOR_TOKEN).authn.createSelfSubjectReview({ body: {} });
    expect(editor.status?.userInfo?.groups).toEqual([EDITOR_GROUP, 'system:authenticated']);
    const admin = await clientsAs(cluster.token).authn.createSelfSubjectReview({ body: {} });
    expect(admin.status?.userInfo).toMatchObject({ username: 'fleet-deck-admin', groups: ['system:masters', 'system:authenticated'] });
  });

  it('answers TokenReview for callers allowed to create tokenreviews only', async () => {
    const { authn } = clientsAs(ADMIN_TOKEN);
    const known = await authn.createTokenReview({ body: { spec: { token: EDITOR_TOKEN } } });
    expect(known.status).toMatchObject({ authenticated: true, user: { username: 'editor', uid: 'uid-editor', groups: [EDITOR_GROUP, 'system:authenticated'] } });
    const unknown = await authn.createTokenReview({ body: { spec: { token: 'forged-token' } } });
    expect(unknown.status?.authenticated).toBe(false);
    const refused = await expectStatus(clientsAs(READER_TOKEN).authn.createTokenReview({ body: { spec: { token: EDITOR_TOKEN } } }), 403, 'Forbidden');
    expect(refused.message).toBe(`tokenreviews.authentication.k8s.io is forbidden: ${forbiddenMessage('reader', 'create', 'tokenreviews', 'authentication.k8s.io')}`);
  });
});

describe('the reader', () => {
  const reader = () => clientsAs(READER_TOKEN);

  it('lists and gets Fleet objects and events in fleet-default', async () => {
    const list = (await reader().custom.listNamespacedCustomObject({ ...GITREPOS, namespace: READER_NAMESPACE })) as { items: { metadata: { name: string } }[] };
    expect(list.items.map((item) => item.metadata.name)).toEqual(['default-app']);
    const got = (await reader().custom.getNamespacedCustomObject({ ...GITREPOS, namespace: READER_NAMESPACE, name: 'default-app' })) as { spec: { repo: string } };
    expect(got.spec.repo).toBe('http://127.0.0.1:1/repo.git');
    await reader().core.listNamespacedEvent({ namespace: READER_NAMESPACE });
  });

  it('is refused everything in team-a with the exact kube message', async () => {
    const status = await expectStatus(reader().custom.listNamespacedCustomObject({ ...GITREPOS, namespace: TEAM_WORKSPACE }), 403, 'Forbidden');
    expect(status.message).toBe(`gitrepos.fleet.cattle.io is forbidden: ${forbiddenMessage('reader', 'list', 'gitrepos', 'fleet.cattle.io', TEAM_WORKSPACE)}`);
    expect(status.details).toEqual({ group: 'fleet.cattle.io', kind: 'gitrepos' });
    const named = await expectStatus(reader().custom.getNamespacedCustomObject({ ...GITREPOS, namespace: TEAM_WORKSPACE, name: 'team-app' }), 403);
    expect(named.message).toBe(`gitrepos.fleet.cattle.io "team-app" is forbidden: ${forbiddenMessage('reader', 'get', 'gitrepos', 'fleet.cattle.io', TEAM_WORKSPACE)}`);
    expect(named.details).toEqual({ name: 'team-app', group: 'fleet.cattle.io', kind: 'gitrepos' });
  });

  it('may not write, not even in fleet-default, and nothing is stored', async () => {
    const status = await expectStatus(createGitRepo(READER_TOKEN, 'sneaky', READER_NAMESPACE), 403, 'Forbidden');
    expect(status.message).toBe(`gitrepos.fleet.cattle.io is forbidden: ${forbiddenMessage('reader', 'create', 'gitrepos', 'fleet.cattle.io', READER_NAMESPACE)}`);
    await expectStatus(
      reader().custom.patchNamespacedCustomObject({ ...GITREPOS, namespace: READER_NAMESPACE, name: 'default-app', body: { spec: { paused: true } } }, mergePatch),
      403,
    );
    await expectStatus(reader().custom.deleteNamespacedCustomObject({ ...GITREPOS, namespace: READER_NAMESPACE, name: 'default-app' }), 403);
    expect(cluster.store.get('fleet.cattle.io/gitrepos', READER_NAMESPACE, 'sneaky')).toBeUndefined();
    expect(cluster.store.get('fleet.cattle.io/gitrepos', READER_NAMESPACE, 'default-app')?.object.spec).not.toHaveProperty('paused');
  });

  it('sees no secrets, namespaces, workspaces or cross-namespace lists', async () => {
    const secrets = await expectStatus(reader().core.listNamespacedSecret({ namespace: READER_NAMESPACE }), 403);
    expect(secrets.message).toBe(`secrets is forbidden: ${forbiddenMessage('reader', 'list', 'secrets', '', READER_NAMESPACE)}`);
    const namespaces = await expectStatus(reader().core.listNamespace(), 403);
    expect(namespaces.message).toBe(`namespaces is forbidden: ${forbiddenMessage('reader', 'list', 'namespaces', '')}`);
    await expectStatus(reader().custom.listClusterCustomObject({ group: 'management.cattle.io', version: 'v3', plural: 'fleetworkspaces' }), 403);
    await expectStatus(reader().custom.listClusterCustomObject(GITREPOS), 403);
  });

  it('may watch in fleet-default but not in team-a', async () => {
    const allowed = await raw(cluster, `/apis/fleet.cattle.io/v1alpha1/namespaces/${READER_NAMESPACE}/gitrepos?watch=true&timeoutSeconds=1`, { token: READER_TOKEN });
    expect(allowed.status).toBe(200);
    expect(allowed.text).toContain('"default-app"');
    const refused = await raw(cluster, `/apis/fleet.cattle.io/v1alpha1/namespaces/${TEAM_WORKSPACE}/gitrepos?watch=true`, { token: READER_TOKEN });
    expect(refused.status).toBe(403);
    expect(refused.json.message).toBe(`gitrepos.fleet.cattle.io is forbidden: ${forbiddenMessage('reader', 'watch', 'gitrepos', 'fleet.cattle.io', TEAM_WORKSPACE)}`);
  });

  it('may use discovery but not the root path listing', async () => {
    for (const path of ['/api', '/api/v1', '/apis', '/apis/fleet.cattle.io/v1alpha1', '/version', '/openapi/v2']) {
      expect((await raw(cluster, path, { token: READER_TOKEN })).status, path).toBe(200);
    }
    const root = await raw(cluster, '/', { token: READER_TOKEN });
    expect(root.status).toBe(403);
    expect(root.json.message).toBe('forbidden: User "reader" cannot get path "/"');
  });
});

describe('the editor', () => {
  const editor = () => clientsAs(EDITOR_TOKEN);

  it('creates, changes and deletes GitRepos in team-a', async () => {
    await createGitRepo(EDITOR_TOKEN, 'edited', TEAM_WORKSPACE);
    await editor().custom.patchNamespacedCustomObject({ ...GITREPOS, namespace: TEAM_WORKSPACE, name: 'edited', body: { spec: { paused: true } } }, mergePatch);
    expect(cluster.store.get('fleet.cattle.io/gitrepos', TEAM_WORKSPACE, 'edited')?.object.spec).toMatchObject({ paused: true });
    await editor().custom.deleteNamespacedCustomObject({ ...GITREPOS, namespace: TEAM_WORKSPACE, name: 'edited' });
    expect(cluster.store.get('fleet.cattle.io/gitrepos', TEAM_WORKSPACE, 'edited')).toBeUndefined();
  });

  it('may create and delete, but not read, auth Secrets in team-a', async () => {
    await editor().core.createNamespacedSecret({ namespace: TEAM_WORKSPACE, body: { metadata: { name: 'git-auth' }, stringData: { username: 'u', password: 'p' } } });
    const read = await expectStatus(editor().core.readNamespacedSecret({ namespace: TEAM_WORKSPACE, name: 'git-auth' }), 403);
    expect(read.message).toBe(`secrets "git-auth" is forbidden: ${forbiddenMessage('editor', 'get', 'secrets', '', TEAM_WORKSPACE)}`);
    await editor().core.deleteNamespacedSecret({ namespace: TEAM_WORKSPACE, name: 'git-auth' });
  });

  it('may not change status, other kinds, or anything outside team-a', async () => {
    await expectStatus(
      editor().custom.patchNamespacedCustomObjectStatus({ ...GITREPOS, namespace: TEAM_WORKSPACE, name: 'team-app', body: { status: { display: {} } } }, mergePatch),
      403,
    );
    const bundles = await expectStatus(
      editor().custom.createNamespacedCustomObject({ group: 'fleet.cattle.io', version: 'v1alpha1', plural: 'bundles', namespace: TEAM_WORKSPACE, body: { metadata: { name: 'b' }, spec: {} } }),
      403,
    );
    expect(bundles.message).toBe(`bundles.fleet.cattle.io is forbidden: ${forbiddenMessage('editor', 'create', 'bundles', 'fleet.cattle.io', TEAM_WORKSPACE)}`);
    await expectStatus(createGitRepo(EDITOR_TOKEN, 'elsewhere', READER_NAMESPACE), 403);
    await expectStatus(editor().custom.listNamespacedCustomObject({ ...GITREPOS, namespace: READER_NAMESPACE }), 403);
    await expectStatus(editor().custom.deleteCollectionNamespacedCustomObject({ ...GITREPOS, namespace: TEAM_WORKSPACE }), 403);
    expect(cluster.store.get('fleet.cattle.io/gitrepos', TEAM_WORKSPACE, 'team-app')).toBeDefined();
  });

  it('may not grant itself more access', async () => {
    const status = await expectStatus(
      editor().rbac.createNamespacedRoleBinding({
        namespace: TEAM_WORKSPACE,
        body: { metadata: { name: 'escalate' }, roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [{ apiGroup: RBAC, kind: 'User', name: 'editor' }] },
      }),
      403,
    );
    expect(status.message).toBe(`rolebindings.rbac.authorization.k8s.io is forbidden: ${forbiddenMessage('editor', 'create', 'rolebindings', RBAC, TEAM_WORKSPACE)}`);
  });
});

describe('access reviews', () => {
  const canI = async (token: string, resourceAttributes: Record<string, string>) =>
    (await clientsAs(token).authz.createSelfSubjectAccessReview({ body: { spec: { resourceAttributes } } })).status?.allowed;

  it('answers SelfSubjectAccessReview with the real authorizer for the caller', async () => {
    const gitrepos = { group: 'fleet.cattle.io', resource: 'gitrepos' };
    expect(await canI(READER_TOKEN, { ...gitrepos, verb: 'list', namespace: READER_NAMESPACE })).toBe(true);
    expect(await canI(READER_TOKEN, { ...gitrepos, verb: 'list', namespace: TEAM_WORKSPACE })).toBe(false);
    expect(await canI(READER_TOKEN, { ...gitrepos, verb: 'create', namespace: READER_NAMESPACE })).toBe(false);
    expect(await canI(EDITOR_TOKEN, { ...gitrepos, verb: 'create', namespace: TEAM_WORKSPACE })).toBe(true);
    expect(await canI(EDITOR_TOKEN, { ...gitrepos, verb: 'update', namespace: TEAM_WORKSPACE, subresource: 'status' })).toBe(false);
    expect(await canI(ADMIN_TOKEN, { ...gitrepos, verb: 'delete', namespace: 'anywhere' })).toBe(true);
    const review = await clientsAs(EDITOR_TOKEN).authz.createSelfSubjectAccessReview({
      body: { spec: { resourceAttributes: { ...gitrepos, verb: 'create', namespace: TEAM_WORKSPACE } } },
    });
    expect(review.status?.reason).toBe(`RBAC: allowed by RoleBinding "editors-edit-gitrepos/${TEAM_WORKSPACE}" of Role "gitrepo-editor" to Group "${EDITOR_GROUP}"`);
    const nonResource = await clientsAs(READER_TOKEN).authz.createSelfSubjectAccessReview({ body: { spec: { nonResourceAttributes: { path: '/apis', verb: 'get' } } } });
    expect(nonResource.status?.allowed).toBe(true);
  });

  it('refuses a review that asks nothing, with a clear 422', async () => {
    const status = await expectStatus(clientsAs(READER_TOKEN).authz.createSelfSubjectAccessReview({ body: { spec: {} } }), 422, 'Invalid');
    expect(status.message).toContain('exactly one of nonResourceAttributes or resourceAttributes must be specified');
  });

  it('answers SelfSubjectRulesReview with the rules of the namespace', async () => {
    const rules = await clientsAs(EDITOR_TOKEN).authz.createSelfSubjectRulesReview({ body: { spec: { namespace: TEAM_WORKSPACE } } });
    expect(rules.status?.incomplete).toBe(false);
    expect(rules.status?.resourceRules).toContainEqual({ verbs: ['create', 'update', 'patch', 'delete'], apiGroups: ['fleet.cattle.io'], resources: ['gitrepos'] });
    expect(rules.status?.resourceRules).toContainEqual({ verbs: ['get', 'list', 'watch'], apiGroups: ['fleet.cattle.io'], resources: ['*'] });
    expect(rules.status?.nonResourceRules?.some((rule) => (rule.nonResourceURLs ?? []).includes('/apis'))).toBe(true);
    const elsewhere = await clientsAs(EDITOR_TOKEN).authz.createSelfSubjectRulesReview({ body: { spec: { namespace: READER_NAMESPACE } } });
    expect(elsewhere.status?.resourceRules.some((rule) => rule.apiGroups?.includes('fleet.cattle.io'))).toBe(false);
  });

  it('answers SubjectAccessReview for another user, to callers allowed to ask', async () => {
    const review = await clientsAs(ADMIN_TOKEN).authz.createSubjectAccessReview({
      body: { spec: { user: 'someone', groups: [EDITOR_GROUP], resourceAttributes: { group: 'fleet.cattle.io', resource: 'gitrepos', verb: 'delete', namespace: TEAM_WORKSPACE } } },
    });
    expect(review.status?.allowed).toBe(true);
    await expectStatus(clientsAs(EDITOR_TOKEN).authz.createSubjectAccessReview({ body: { spec: { user: 'x', resourceAttributes: { verb: 'get' } } } }), 403);
  });
});

describe('RBAC objects', () => {
  const admin = () => clientsAs(cluster.token).rbac;

  it('limits resourceNames rules to the named object', async () => {
    await admin().createNamespacedRole({
      namespace: TEAM_WORKSPACE,
      body: { metadata: { name: 'one-repo' }, rules: [{ apiGroups: ['fleet.cattle.io'], resources: ['gitrepos'], resourceNames: ['team-app'], verbs: ['get', 'list'] }] },
    });
    await admin().createNamespacedRoleBinding({
      namespace: TEAM_WORKSPACE,
      body: { metadata: { name: 'reader-one-repo' }, roleRef: { apiGroup: RBAC, kind: 'Role', name: 'one-repo' }, subjects: [{ apiGroup: RBAC, kind: 'User', name: 'reader' }] },
    });
    const reader = clientsAs(READER_TOKEN).custom;
    await reader.getNamespacedCustomObject({ ...GITREPOS, namespace: TEAM_WORKSPACE, name: 'team-app' });
    await expectStatus(reader.getNamespacedCustomObject({ ...GITREPOS, namespace: TEAM_WORKSPACE, name: 'other' }), 403);
    await expectStatus(reader.listNamespacedCustomObject({ ...GITREPOS, namespace: TEAM_WORKSPACE }), 403);
    await admin().deleteNamespacedRoleBinding({ namespace: TEAM_WORKSPACE, name: 'reader-one-repo' });
    await expectStatus(reader.getNamespacedCustomObject({ ...GITREPOS, namespace: TEAM_WORKSPACE, name: 'team-app' }), 403);
  });

  it('aggregates ClusterRoles by label into the aggregating role', async () => {
    const label = 'fleet-deck.test/aggregate-to-cluster-viewer';
    await admin().createClusterRole({ body: { metadata: { name: 'cluster-viewer' }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [label]: 'true' } }] } } });
    await admin().createClusterRoleBinding({
      body: { metadata: { name: 'reader-cluster-viewer' }, roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'cluster-viewer' }, subjects: [{ apiGroup: RBAC, kind: 'User', name: 'reader' }] },
    });
    const clusters = { group: 'fleet.cattle.io', version: 'v1alpha1', plural: 'clusters' };
    await expectStatus(clientsAs(READER_TOKEN).custom.listClusterCustomObject(clusters), 403);
    await admin().createClusterRole({
      body: { metadata: { name: 'list-clusters', labels: { [label]: 'true' } }, rules: [{ apiGroups: ['fleet.cattle.io'], resources: ['clusters'], verbs: ['list'] }] },
    });
    await clientsAs(READER_TOKEN).custom.listClusterCustomObject(clusters);
    // The stored aggregating role shows the rules, as kube's aggregation controller writes them.
    await waitFor(async () => ((await admin().readClusterRole({ name: 'cluster-viewer' })).rules ?? []).some((rule) => rule.resources?.includes('clusters')), 'aggregated rules');
    await admin().deleteClusterRoleBinding({ name: 'reader-cluster-viewer' });
    await expectStatus(clientsAs(READER_TOKEN).custom.listClusterCustomObject(clusters), 403);
  });

  it('validates bindings: roleRef required and immutable, known subject kinds', async () => {
    const missingRef = await expectStatus(
      clientsAs(cluster.token).custom.createNamespacedCustomObject({ group: RBAC, version: 'v1', plural: 'rolebindings', namespace: TEAM_WORKSPACE, body: { metadata: { name: 'no-ref' }, subjects: [] } }),
      422,
      'Invalid',
    );
    expect(missingRef.message).toBe('RoleBinding.rbac.authorization.k8s.io "no-ref" is invalid: roleRef: Required value');
    const badSubject = await expectStatus(
      admin().createNamespacedRoleBinding({
        namespace: TEAM_WORKSPACE,
        body: { metadata: { name: 'robot' }, roleRef: { apiGroup: RBAC, kind: 'Role', name: 'x' }, subjects: [{ kind: 'Robot', name: 'r2' }] },
      }),
      422,
    );
    expect(badSubject.details?.causes?.[0]).toMatchObject({ field: 'subjects[0].kind' });
    const changed = await expectStatus(
      clientsAs(cluster.token).custom.patchNamespacedCustomObject(
        { group: RBAC, version: 'v1', plural: 'rolebindings', namespace: TEAM_WORKSPACE, name: 'editors-edit-gitrepos', body: { roleRef: { name: 'cluster-admin', kind: 'ClusterRole' } } },
        mergePatch,
      ),
      422,
    );
    expect(changed.message).toContain('cannot change roleRef');
    expect((await admin().readNamespacedRoleBinding({ namespace: TEAM_WORKSPACE, name: 'editors-edit-gitrepos' })).roleRef.name).toBe('gitrepo-editor');
  });
});

describe('the token file', () => {
  it('fails the start with the line of a malformed entry', async () => {
    const dir = temporaryDirectory();
    try {
      const file = path.join(dir, 'tokens.csv');
      writeFileSync(file, '# users\ngood-token,alice,1\nbroken-line\n');
      await expect(startEmbeddedCluster({ port: 0, dataDir: path.join(dir, 'data'), tokenAuthFile: file })).rejects.toThrow(`${file} line 3: expected token,user,uid[,"groups"], found 1 column`);
      await expect(spawnClusterProcess(path.join(dir, 'data2'), 0, 30_000, ['--no-controllers', ...tokenAuthArgs(file)])).rejects.toThrow(/line 3: expected token,user,uid/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

if (!kubectlPath) console.warn('kubectl not found on PATH: skipping the kubectl auth can-i / whoami checks in rbac.test.ts');

describe.skipIf(!kubectlPath)('kubectl with the fixture users', () => {
  /** Runs kubectl asynchronously (the cluster answers from this process); resolves whatever the exit code. */
  const kubectl = (token: string, args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(kubectlPath!, ['--kubeconfig', cluster.kubeconfigPath, '--token', token, `--cache-dir=${path.join(cluster.dataDir, `kubectl-cache-${token.slice(0, 6)}`)}`, ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      });
    });

  it('auth can-i answers yes in fleet-default and no in team-a for the reader', async () => {
    const yes = await kubectl(READER_TOKEN, ['auth', 'can-i', 'list', 'gitrepos', '-n', READER_NAMESPACE]);
    expect(yes).toMatchObject({ code: 0, stdout: 'yes\n' });
    const no = await kubectl(READER_TOKEN, ['auth', 'can-i', 'list', 'gitrepos', '-n', TEAM_WORKSPACE]);
    expect(no.stdout).toBe('no\n');
    expect(no.code).toBe(1);
    expect((await kubectl(EDITOR_TOKEN, ['auth', 'can-i', 'delete', 'gitrepos.fleet.cattle.io', '-n', TEAM_WORKSPACE])).stdout).toBe('yes\n');
  });

  it('auth whoami shows the user and groups', async () => {
    const whoami = await kubectl(EDITOR_TOKEN, ['auth', 'whoami']);
    expect(whoami.code, whoami.stderr).toBe(0);
    expect(whoami.stdout).toMatch(/Username\s+editor/);
    expect(whoami.stdout).toMatch(/Groups\s+\[team-a-editors system:authenticated\]/);
  });

  it('get prints the API server refusal', async () => {
    const refused = await kubectl(READER_TOKEN, ['get', 'gitrepos', '-n', TEAM_WORKSPACE]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`Error from server (Forbidden): gitrepos.fleet.cattle.io is forbidden: ${forbiddenMessage('reader', 'list', 'gitrepos', 'fleet.cattle.io', TEAM_WORKSPACE)}`);
    const admin = await kubectl(ADMIN_TOKEN, ['get', 'roles,rolebindings', '-n', TEAM_WORKSPACE, '-o', 'name']);
    expect(admin.stdout).toContain('role.rbac.authorization.k8s.io/gitrepo-editor');
    expect(admin.stdout).toContain('rolebinding.rbac.authorization.k8s.io/editors-edit-gitrepos');
  });
});
