import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withAuthenticatedGroup, type UserInfo } from '../auth/user';
import { ApiError } from '../errors';
import { ObjectStore } from '../object-store';
import { Registry } from '../registry';
import { findResourceType } from '../resource-types';
import { requestAttributes, type RequestAttributes } from './attributes';
import { RbacAuthorizer } from './authorizer';
import { forbiddenError } from './forbidden';
import { RBAC_GROUP } from './policy';

const type = (plural: string) => findResourceType(RBAC_GROUP, 'v1', plural)!;
const user = (username: string, ...groups: string[]): UserInfo => withAuthenticatedGroup({ username, uid: '', groups });
const reader = user('reader');
const editor = user('editor', 'team-a-editors');

let dataDir: string;
let store: ObjectStore;
let registry: Registry;
let authorizer: RbacAuthorizer;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'rbac-test-'));
  store = new ObjectStore({ dataDir });
  registry = new Registry(store);
  authorizer = new RbacAuthorizer(store);
  for (const name of ['fleet-default', 'team-a']) registry.create(findResourceType('', 'v1', 'namespaces')!, undefined, { metadata: { name } });
});

afterEach(() => {
  authorizer.close();
  store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function clusterRole(name: string, rules: unknown[], extra: Record<string, unknown> = {}) {
  registry.create(type('clusterroles'), undefined, { metadata: { name, ...((extra.labels ? { labels: extra.labels } : {}) as object) }, rules, ...(extra.aggregationRule ? { aggregationRule: extra.aggregationRule } : {}) });
}
function role(namespace: string, name: string, rules: unknown[]) {
  registry.create(type('roles'), namespace, { metadata: { name }, rules });
}
function roleBinding(namespace: string, name: string, roleRef: { kind: string; name: string }, subjects: unknown[]) {
  registry.create(type('rolebindings'), namespace, { metadata: { name }, roleRef: { apiGroup: RBAC_GROUP, ...roleRef }, subjects });
}
function clusterRoleBinding(name: string, roleName: string, subjects: unknown[]) {
  registry.create(type('clusterrolebindings'), undefined, { metadata: { name }, roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: roleName }, subjects });
}

const ask = (who: UserInfo, method: string, path: string, query = '') => authorizer.authorize(who, requestAttributes(method, path, new URLSearchParams(query))).allowed;
const GITREPOS = (namespace: string) => `/apis/fleet.cattle.io/v1alpha1/namespaces/${namespace}/gitrepos`;

function fixtureRoles() {
  clusterRole('fleet-reader', [
    { apiGroups: ['fleet.cattle.io'], resources: ['*'], verbs: ['get', 'list', 'watch'] },
    { apiGroups: [''], resources: ['events'], verbs: ['get', 'list', 'watch'] },
  ]);
  role('team-a', 'gitrepo-editor', [{ apiGroups: ['fleet.cattle.io'], resources: ['gitrepos'], verbs: ['create', 'update', 'patch', 'delete'] }]);
  roleBinding('fleet-default', 'reader', { kind: 'ClusterRole', name: 'fleet-reader' }, [{ kind: 'User', name: 'reader' }]);
  roleBinding('team-a', 'editors-read', { kind: 'ClusterRole', name: 'fleet-reader' }, [{ kind: 'Group', name: 'team-a-editors' }]);
  roleBinding('team-a', 'editors-write', { kind: 'Role', name: 'gitrepo-editor' }, [{ kind: 'Group', name: 'team-a-editors' }]);
}

describe('requestAttributes', () => {
  it('derives the verb from the method, the name and the watch parameter as kube does', () => {
    const verb = (method: string, path: string, query = '') => (requestAttributes(method, path, new URLSearchParams(query)) as { verb: string }).verb;
    expect(verb('GET', GITREPOS('a'))).toBe('list');
    expect(verb('GET', GITREPOS('a'), 'watch=true')).toBe('watch');
    expect(verb('GET', `${GITREPOS('a')}/x`)).toBe('get');
    expect(verb('POST', GITREPOS('a'))).toBe('create');
    expect(verb('PUT', `${GITREPOS('a')}/x/status`)).toBe('update');
    expect(verb('PATCH', `${GITREPOS('a')}/x`)).toBe('patch');
    expect(verb('DELETE', `${GITREPOS('a')}/x`)).toBe('delete');
    expect(verb('DELETE', GITREPOS('a'))).toBe('deletecollection');
    expect(verb('GET', '/apis/fleet.cattle.io/v1alpha1')).toBe('get');
  });

  it('reads namespace, resource, name and subresource, and treats a namespace as living in itself', () => {
    expect(requestAttributes('PUT', `${GITREPOS('team-a')}/app/status`, new URLSearchParams())).toMatchObject({
      resourceRequest: true, apiGroup: 'fleet.cattle.io', namespace: 'team-a', resource: 'gitrepos', name: 'app', subresource: 'status',
    });
    expect(requestAttributes('GET', '/api/v1/namespaces/team-a', new URLSearchParams())).toMatchObject({ resource: 'namespaces', name: 'team-a', namespace: 'team-a' });
    expect(requestAttributes('GET', '/apis/fleet.cattle.io', new URLSearchParams())).toEqual({ resourceRequest: false, verb: 'get', path: '/apis/fleet.cattle.io' });
  });

  it('takes the name of a list or watch from a metadata.name field selector', () => {
    expect(requestAttributes('GET', GITREPOS('a'), new URLSearchParams('watch=1&fieldSelector=metadata.name%3Dapp'))).toMatchObject({ verb: 'watch', name: 'app' });
  });
});

describe('RbacAuthorizer', () => {
  it('lets system:masters do anything, including unknown resources', () => {
    const admin = user('admin', 'system:masters');
    expect(ask(admin, 'DELETE', '/apis/example.com/v1/namespaces/x/widgets')).toBe(true);
    expect(ask(admin, 'GET', '/metrics')).toBe(true);
  });

  it('grants a RoleBinding to a ClusterRole only in the binding namespace', () => {
    fixtureRoles();
    expect(ask(reader, 'GET', GITREPOS('fleet-default'))).toBe(true);
    expect(ask(reader, 'GET', GITREPOS('fleet-default'), 'watch=true')).toBe(true);
    expect(ask(reader, 'GET', '/apis/fleet.cattle.io/v1alpha1/namespaces/fleet-default/bundles/b')).toBe(true);
    expect(ask(reader, 'GET', '/api/v1/namespaces/fleet-default/events')).toBe(true);
    expect(ask(reader, 'GET', GITREPOS('team-a'))).toBe(false);
    expect(ask(reader, 'GET', '/apis/fleet.cattle.io/v1alpha1/gitrepos')).toBe(false);
    expect(ask(reader, 'POST', GITREPOS('fleet-default'))).toBe(false);
    expect(ask(reader, 'GET', '/api/v1/namespaces/fleet-default/secrets')).toBe(false);
  });

  it('binds Groups, combines Roles, and lets everyone authenticated use discovery and self reviews', () => {
    fixtureRoles();
    expect(ask(editor, 'POST', GITREPOS('team-a'))).toBe(true);
    expect(ask(editor, 'DELETE', `${GITREPOS('team-a')}/app`)).toBe(true);
    expect(ask(editor, 'DELETE', GITREPOS('team-a'))).toBe(false);
    expect(ask(editor, 'PUT', `${GITREPOS('team-a')}/app/status`)).toBe(false);
    expect(ask(editor, 'POST', GITREPOS('fleet-default'))).toBe(false);
    expect(ask(user('stranger'), 'POST', GITREPOS('team-a'))).toBe(false);
    for (const path of ['/api', '/apis', '/apis/fleet.cattle.io/v1alpha1', '/version', '/openapi/v2']) expect(ask(user('stranger'), 'GET', path)).toBe(true);
    expect(ask(user('stranger'), 'GET', '/')).toBe(false);
    expect(ask(user('stranger'), 'POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews')).toBe(true);
    expect(ask(user('stranger'), 'POST', '/apis/authentication.k8s.io/v1/tokenreviews')).toBe(false);
  });

  it('matches subresources, */subresource and wildcards', () => {
    clusterRole('status-writer', [{ apiGroups: ['fleet.cattle.io'], resources: ['gitrepos/status'], verbs: ['update'] }]);
    clusterRole('any-status', [{ apiGroups: ['*'], resources: ['*/status'], verbs: ['patch'] }]);
    clusterRoleBinding('status', 'status-writer', [{ kind: 'User', name: 'writer' }]);
    clusterRoleBinding('any-status', 'any-status', [{ kind: 'User', name: 'writer' }]);
    const writer = user('writer');
    expect(ask(writer, 'PUT', `${GITREPOS('a')}/x/status`)).toBe(true);
    expect(ask(writer, 'PUT', `${GITREPOS('a')}/x`)).toBe(false);
    expect(ask(writer, 'PATCH', '/apis/fleet.cattle.io/v1alpha1/namespaces/a/bundles/b/status')).toBe(true);
    expect(ask(writer, 'PATCH', '/apis/fleet.cattle.io/v1alpha1/namespaces/a/bundles/b')).toBe(false);
  });

  it('limits resourceNames rules to requests for the named object', () => {
    role('team-a', 'one-repo', [{ apiGroups: ['fleet.cattle.io'], resources: ['gitrepos'], resourceNames: ['app'], verbs: ['get', 'update', 'delete', 'list', 'watch'] }]);
    roleBinding('team-a', 'one-repo', { kind: 'Role', name: 'one-repo' }, [{ kind: 'User', name: 'named' }]);
    const named = user('named');
    expect(ask(named, 'GET', `${GITREPOS('team-a')}/app`)).toBe(true);
    expect(ask(named, 'DELETE', `${GITREPOS('team-a')}/app`)).toBe(true);
    expect(ask(named, 'GET', `${GITREPOS('team-a')}/other`)).toBe(false);
    expect(ask(named, 'GET', GITREPOS('team-a'))).toBe(false);
    expect(ask(named, 'GET', GITREPOS('team-a'), 'watch=true&fieldSelector=metadata.name%3Dapp')).toBe(true);
  });

  it('maps ServiceAccount subjects to system:serviceaccount users, defaulting to the binding namespace', () => {
    role('team-a', 'reader', [{ apiGroups: ['fleet.cattle.io'], resources: ['gitrepos'], verbs: ['list'] }]);
    roleBinding('team-a', 'sa', { kind: 'Role', name: 'reader' }, [{ kind: 'ServiceAccount', name: 'deck' }]);
    expect(ask(user('system:serviceaccount:team-a:deck'), 'GET', GITREPOS('team-a'))).toBe(true);
    expect(ask(user('system:serviceaccount:other:deck'), 'GET', GITREPOS('team-a'))).toBe(false);
  });

  it('aggregates ClusterRoles by label selector, and follows label changes', () => {
    clusterRole('aggregate', [], { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'fleet-deck/aggregate-to-view': 'true' } }] } });
    clusterRoleBinding('agg', 'aggregate', [{ kind: 'User', name: 'viewer' }]);
    const viewer = user('viewer');
    expect(ask(viewer, 'GET', GITREPOS('team-a'))).toBe(false);
    clusterRole('gitrepo-view', [{ apiGroups: ['fleet.cattle.io'], resources: ['gitrepos'], verbs: ['list'] }], { labels: { 'fleet-deck/aggregate-to-view': 'true' } });
    expect(ask(viewer, 'GET', GITREPOS('team-a'))).toBe(true);
    registry.patch(type('clusterroles'), undefined, 'gitrepo-view', 'merge', { metadata: { labels: { 'fleet-deck/aggregate-to-view': null } } });
    expect(ask(viewer, 'GET', GITREPOS('team-a'))).toBe(false);
  });

  it('sees new, changed and deleted bindings on the next request', () => {
    fixtureRoles();
    expect(ask(reader, 'GET', GITREPOS('team-a'))).toBe(false);
    roleBinding('team-a', 'reader-too', { kind: 'ClusterRole', name: 'fleet-reader' }, [{ kind: 'User', name: 'reader' }]);
    expect(ask(reader, 'GET', GITREPOS('team-a'))).toBe(true);
    registry.delete(type('rolebindings'), 'team-a', 'reader-too');
    expect(ask(reader, 'GET', GITREPOS('team-a'))).toBe(false);
    registry.delete(type('clusterroles'), undefined, 'fleet-reader');
    expect(ask(reader, 'GET', GITREPOS('fleet-default'))).toBe(false);
  });

  it('reports the rules of a namespace for SelfSubjectRulesReview', () => {
    fixtureRoles();
    const rules = authorizer.rulesFor(editor, 'team-a');
    expect(rules.resourceRules).toContainEqual({ verbs: ['create', 'update', 'patch', 'delete'], apiGroups: ['fleet.cattle.io'], resources: ['gitrepos'] });
    expect(rules.resourceRules).toContainEqual({ verbs: ['get', 'list', 'watch'], apiGroups: ['fleet.cattle.io'], resources: ['*'] });
    expect(rules.nonResourceRules.some((r) => r.nonResourceURLs?.includes('/apis'))).toBe(true);
    expect(authorizer.rulesFor(editor, 'fleet-default').resourceRules.some((r) => r.apiGroups?.includes('fleet.cattle.io'))).toBe(false);
  });

  it('stays fast with many bindings: a request looks at its own subjects only', () => {
    clusterRole('fleet-reader', [{ apiGroups: ['fleet.cattle.io'], resources: ['*'], verbs: ['list'] }]);
    for (let i = 0; i < 2000; i++) roleBinding('team-a', `b-${i}`, { kind: 'ClusterRole', name: 'fleet-reader' }, [{ kind: 'User', name: `user-${i}` }]);
    expect(ask(user('user-1999'), 'GET', GITREPOS('team-a'))).toBe(true);
    const started = performance.now();
    for (let i = 0; i < 10_000; i++) ask(user('user-7'), 'GET', GITREPOS(i % 2 ? 'team-a' : 'fleet-default'));
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('RBAC objects', () => {
  const invalidMessage = (write: () => unknown): string => {
    try {
      write();
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).code).toBe(422);
      return (error as ApiError).message;
    }
    throw new Error('expected the write to be refused');
  };

  it('require a roleRef and known subject kinds', () => {
    expect(invalidMessage(() => registry.create(type('rolebindings'), 'team-a', { metadata: { name: 'x' }, subjects: [] }))).toBe(
      'RoleBinding.rbac.authorization.k8s.io "x" is invalid: roleRef: Required value',
    );
    expect(invalidMessage(() => roleBinding('team-a', 'y', { kind: 'Role', name: 'r' }, [{ kind: 'Robot', name: 'r2' }]))).toContain(
      'subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"',
    );
    expect(invalidMessage(() => clusterRoleBinding('z', 'r', [{ kind: 'ServiceAccount', name: 'sa' }]))).toContain('subjects[0].namespace: Required value');
    expect(invalidMessage(() => registry.create(type('clusterrolebindings'), undefined, { metadata: { name: 'w' }, roleRef: { apiGroup: RBAC_GROUP, kind: 'Role', name: 'r' } }))).toContain(
      'roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"',
    );
  });

  it('keep roleRef immutable', () => {
    fixtureRoles();
    expect(invalidMessage(() => registry.patch(type('rolebindings'), 'team-a', 'editors-write', 'merge', { roleRef: { name: 'other' } }))).toContain('roleRef: Invalid value');
    expect(invalidMessage(() => registry.patch(type('rolebindings'), 'team-a', 'editors-write', 'merge', { roleRef: { name: 'other' } }))).toContain('cannot change roleRef');
    registry.patch(type('rolebindings'), 'team-a', 'editors-write', 'merge', { subjects: [{ kind: 'User', name: 'someone' }] });
  });

  it('check rules: verbs required, no non-resource URLs in a Role', () => {
    expect(invalidMessage(() => role('team-a', 'r', [{ apiGroups: [''], resources: ['secrets'], verbs: [] }]))).toContain('rules[0].verbs: Required value');
    expect(invalidMessage(() => role('team-a', 'r', [{ nonResourceURLs: ['/metrics'], verbs: ['get'] }]))).toContain('namespaced rules cannot apply to non-resource URLs');
  });
});

describe('forbiddenError', () => {
  const forbidden = (attributes: RequestAttributes) => forbiddenError(reader, attributes).toStatus();

  it('words a refusal exactly like kube-apiserver', () => {
    expect(forbidden(requestAttributes('POST', GITREPOS('team-a'), new URLSearchParams()))).toMatchObject({
      code: 403,
      reason: 'Forbidden',
      message: 'gitrepos.fleet.cattle.io is forbidden: User "reader" cannot create resource "gitrepos" in API group "fleet.cattle.io" in the namespace "team-a"',
      details: { group: 'fleet.cattle.io', kind: 'gitrepos' },
    });
    expect(forbidden(requestAttributes('DELETE', '/api/v1/namespaces/team-a/secrets/auth', new URLSearchParams()))).toMatchObject({
      message: 'secrets "auth" is forbidden: User "reader" cannot delete resource "secrets" in API group "" in the namespace "team-a"',
      details: { name: 'auth', kind: 'secrets' },
    });
    expect(forbidden(requestAttributes('GET', '/apis/fleet.cattle.io/v1alpha1/clusters', new URLSearchParams()))).toMatchObject({
      message: 'clusters.fleet.cattle.io is forbidden: User "reader" cannot list resource "clusters" in API group "fleet.cattle.io" at the cluster scope',
    });
    expect(forbidden(requestAttributes('PATCH', `${GITREPOS('a')}/x/status`, new URLSearchParams())).message).toBe(
      'gitrepos.fleet.cattle.io "x" is forbidden: User "reader" cannot patch resource "gitrepos/status" in API group "fleet.cattle.io" in the namespace "a"',
    );
    expect(forbidden(requestAttributes('GET', '/metrics', new URLSearchParams())).message).toBe('forbidden: User "reader" cannot get path "/metrics"');
  });
});
