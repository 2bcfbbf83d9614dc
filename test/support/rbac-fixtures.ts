/**
 * Three users for tests of RBAC-aware behaviour, usable from vitest and from Playwright specs
 * (no test-runner imports). The embedded cluster reads the users from a kube-apiserver static
 * token file (`--token-auth-file`, or `tokenAuthFile` of startEmbeddedCluster / startTestCluster);
 * what they may do comes from the RBAC objects in {@link rbacObjects}, created by
 * {@link applyRbacFixtures}.
 *
 * - admin: superuser (group `system:masters`). The kubeconfig's generated admin token is one too;
 *   {@link ADMIN_TOKEN} is a fixed token for the same power, so a browser test can paste it.
 * - reader: get/list/watch every fleet.cattle.io resource and events in `fleet-default`; nothing else.
 * - editor (through its group `team-a-editors`): get/list/watch every fleet.cattle.io resource and
 *   events in the `team-a` workspace, create/update/patch/delete GitRepos there, and create/delete
 *   Secrets there (the GitRepo wizard creates auth Secrets); nothing elsewhere.
 */
import { ApiException, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const ADMIN_TOKEN = 'admin-token-0123456789';
export const READER_TOKEN = 'reader-token-0123456789';
export const EDITOR_TOKEN = 'editor-token-0123456789';

/** The workspace (and namespace) only the editor may change. */
export const TEAM_WORKSPACE = 'team-a';
/** The workspace the reader may read. */
export const READER_NAMESPACE = 'fleet-default';
export const EDITOR_GROUP = 'team-a-editors';

export interface FixtureUser {
  token: string;
  username: string;
  uid: string;
  /** Groups from the token file; the API server adds `system:authenticated` to every user. */
  groups: readonly string[];
}

export const RBAC_USERS = {
  admin: { token: ADMIN_TOKEN, username: 'fleet-admin', uid: 'uid-fleet-admin', groups: ['system:masters'] },
  reader: { token: READER_TOKEN, username: 'reader', uid: 'uid-reader', groups: [] },
  editor: { token: EDITOR_TOKEN, username: 'editor', uid: 'uid-editor', groups: [EDITOR_GROUP] },
} as const satisfies Record<string, FixtureUser>;

export type FixtureUserName = keyof typeof RBAC_USERS;

/** The token file in kube-apiserver's format: `token,user,uid,"group1,group2"`. */
export function tokenFileContents(): string {
  const lines = ['# Fleet Deck test users: token,user,uid,"groups"'];
  for (const user of Object.values(RBAC_USERS) as FixtureUser[]) {
    const groups = user.groups.length > 0 ? `,"${user.groups.join(',')}"` : '';
    lines.push(`${user.token},${user.username},${user.uid}${groups}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Writes `tokens.csv` into `dir` (created if missing) and returns its path. */
export function writeTokenFile(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'tokens.csv');
  writeFileSync(file, tokenFileContents(), { mode: 0o600 });
  return file;
}

export interface FixtureObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

const RBAC = 'rbac.authorization.k8s.io';
const RBAC_VERSION = `${RBAC}/v1`;

/** The FleetWorkspace the editor works in; creating it creates its namespace. */
export function teamWorkspace(): FixtureObject {
  return { apiVersion: 'management.cattle.io/v3', kind: 'FleetWorkspace', metadata: { name: TEAM_WORKSPACE } };
}

/** The Roles, ClusterRoles and bindings that give reader and editor their access. */
export function rbacObjects(): FixtureObject[] {
  const fleetReader: FixtureObject = {
    apiVersion: RBAC_VERSION,
    kind: 'ClusterRole',
    metadata: { name: 'fleet-deck-test-fleet-reader' },
    rules: [
      { apiGroups: ['fleet.cattle.io'], resources: ['*'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['events'], verbs: ['get', 'list', 'watch'] },
    ],
  };
  const gitRepoEditor: FixtureObject = {
    apiVersion: RBAC_VERSION,
    kind: 'Role',
    metadata: { name: 'gitrepo-editor', namespace: TEAM_WORKSPACE },
    rules: [
      { apiGroups: ['fleet.cattle.io'], resources: ['gitrepos'], verbs: ['create', 'update', 'patch', 'delete'] },
      { apiGroups: [''], resources: ['secrets'], verbs: ['create', 'delete'] },
    ],
  };
  const readerBinding: FixtureObject = {
    apiVersion: RBAC_VERSION,
    kind: 'RoleBinding',
    metadata: { name: 'reader-reads-fleet', namespace: READER_NAMESPACE },
    roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: fleetReader.metadata.name },
    subjects: [{ apiGroup: RBAC, kind: 'User', name: RBAC_USERS.reader.username }],
  };
  const editorReadBinding: FixtureObject = {
    apiVersion: RBAC_VERSION,
    kind: 'RoleBinding',
    metadata: { name: 'editors-read-fleet', namespace: TEAM_WORKSPACE },
    roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: fleetReader.metadata.name },
    subjects: [{ apiGroup: RBAC, kind: 'Group', name: EDITOR_GROUP }],
  };
  const editorWriteBinding: FixtureObject = {
    apiVersion: RBAC_VERSION,
    kind: 'RoleBinding',
    metadata: { name: 'editors-edit-gitrepos', namespace: TEAM_WORKSPACE },
    roleRef: { apiGroup: RBAC, kind: 'Role', name: gitRepoEditor.metadata.name },
    subjects: [{ apiGroup: RBAC, kind: 'Group', name: EDITOR_GROUP }],
  };
  return [fleetReader, gitRepoEditor, readerBinding, editorReadBinding, editorWriteBinding];
}

const PLURALS: Record<string, string> = {
  FleetWorkspace: 'fleetworkspaces',
  Role: 'roles',
  ClusterRole: 'clusterroles',
  RoleBinding: 'rolebindings',
  ClusterRoleBinding: 'clusterrolebindings',
};

/**
 * Creates the `team-a` FleetWorkspace and {@link rbacObjects} with the kubeconfig's (admin)
 * credentials. Objects that already exist are left as they are, so calling it twice is harmless.
 */
export async function applyRbacFixtures(kubeconfigPath: string): Promise<void> {
  const config = new KubeConfig();
  config.loadFromFile(kubeconfigPath);
  const api = config.makeApiClient(CustomObjectsApi);
  for (const object of [teamWorkspace(), ...rbacObjects()]) {
    const [group, version] = object.apiVersion.split('/') as [string, string];
    const plural = PLURALS[object.kind]!;
    try {
      if (object.metadata.namespace) {
        await api.createNamespacedCustomObject({ group, version, plural, namespace: object.metadata.namespace, body: object });
      } else {
        await api.createClusterCustomObject({ group, version, plural, body: object });
      }
    } catch (error) {
      if (error instanceof ApiException && error.code === 409) continue;
      throw error;
    }
  }
}
