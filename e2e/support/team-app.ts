import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';

import { applyRbacFixtures, RBAC_USERS, TEAM_WORKSPACE, writeTokenFile, type FixtureUserName } from '../../test/support/rbac-fixtures';
import { freePortSync } from './ports';
import { startAppProcess, startClusterProcess, type AppProcess, type ClusterProcess } from './processes';

/**
 * Fleet Deck in team mode for one spec file: its own embedded cluster with the RBAC fixture users
 * (admin, reader: read-only in fleet-default, editor: Git repos in team-a) and `next start` with
 * FLEET_DECK_AUTH=token. Objects are seeded without controllers, so each spec knows exactly what
 * exists.
 */

export const SESSION_SECRET = 'team-mode-e2e-session-secret-0123456789abcdef';

/** What the cluster holds, per workspace; each user must see exactly the part their RBAC allows. */
export const SEED = {
  'fleet-local': { gitrepos: ['local-repo'], clusters: [] as string[], clustergroups: [] as string[] },
  'fleet-default': { gitrepos: ['fd-repo'], clusters: ['fd-c1', 'fd-c2'], clustergroups: ['fd-prod'] },
  [TEAM_WORKSPACE]: { gitrepos: ['ta-repo'], clusters: ['ta-c1'], clustergroups: ['ta-group'] },
} as const;

export interface TeamApp {
  baseURL: string;
  kubeconfig: string;
  app: AppProcess;
  cluster: ClusterProcess;
  /** A Fleet object written straight to the cluster (as admin). */
  create(plural: 'gitrepos' | 'clusters' | 'clustergroups', namespace: string, name: string, labels?: Record<string, string>, spec?: Record<string, unknown>): Promise<void>;
  stop(): Promise<void>;
}

export async function startTeamApp(env: Record<string, string> = {}): Promise<TeamApp> {
  const dir = mkdtempSync(join(tmpdir(), 'fleet-deck-team-'));
  const kubeconfig = join(dir, 'kubeconfig');
  const tokenFile = writeTokenFile(dir);
  const cluster = await startClusterProcess({ port: freePortSync(), dataDir: join(dir, 'data'), kubeconfig, args: ['--no-controllers', '--token-auth-file', tokenFile] });
  let app: AppProcess | undefined;
  try {
    await applyRbacFixtures(kubeconfig);
    const create = fleetObjectWriter(kubeconfig);
    for (const [ws, objects] of Object.entries(SEED)) {
      for (const name of objects.gitrepos) await create('gitrepos', ws, name, {}, { repo: 'https://127.0.0.1:1/example.git', branch: 'main' });
      for (const [i, name] of objects.clusters.entries()) await create('clusters', ws, name, { env: i === 0 ? 'prod' : 'dev' });
      for (const name of objects.clustergroups) await create('clustergroups', ws, name, {}, { selector: { matchLabels: { env: 'prod' } } });
    }
    app = await startAppProcess({
      port: freePortSync(),
      kubeconfig,
      env: { FLEET_DECK_AUTH: 'token', FLEET_DECK_SESSION_SECRET: SESSION_SECRET, ...env },
    });
    // Ready once the BFF's cache has synced.
    const deadline = Date.now() + 60_000;
    while ((await fetch(`${app.baseURL}/api/readyz`).catch(() => undefined))?.status !== 200) {
      if (Date.now() > deadline) throw new Error(`the app did not get ready:\n${app.output()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } catch (error) {
    await app?.stop();
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const running = app;
  return {
    baseURL: running.baseURL,
    kubeconfig,
    app: running,
    cluster,
    create: fleetObjectWriter(kubeconfig),
    async stop() {
      await running.stop();
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function fleetObjectWriter(kubeconfig: string): TeamApp['create'] {
  const config = new KubeConfig();
  config.loadFromFile(kubeconfig);
  const api = config.makeApiClient(CustomObjectsApi);
  return async (plural, namespace, name, labels = {}, spec = {}) => {
    const kind = { gitrepos: 'GitRepo', clusters: 'Cluster', clustergroups: 'ClusterGroup' }[plural];
    await api.createNamespacedCustomObject({
      group: 'fleet.cattle.io',
      version: 'v1alpha1',
      plural,
      namespace,
      body: { apiVersion: 'fleet.cattle.io/v1alpha1', kind, metadata: { name, namespace, labels }, spec },
    });
  };
}

/** Signs a user in through the BFF and returns the `Cookie` header value of their session. */
export async function signIn(baseURL: string, user: FixtureUserName, forwardedFor?: string): Promise<string> {
  const response = await fetch(`${baseURL}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(forwardedFor ? { 'X-Forwarded-For': forwardedFor } : {}) },
    body: JSON.stringify({ token: RBAC_USERS[user].token }),
  });
  if (response.status !== 200) throw new Error(`sign-in as ${user} answered ${response.status}: ${await response.text()}`);
  const setCookie = response.headers.get('set-cookie') ?? '';
  return setCookie.split(';')[0]!;
}

/**
 * A session cookie made the way the server makes them (AES-256-GCM, HKDF-SHA256 key from the
 * secret; server/auth/session-cookie.ts), for cookies the server never issued: expired ones.
 */
export function craftSessionCookie(secret: string, session: { token: string; username: string; groups: string[]; expiresAt: number }): string {
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), 'fleet-deck session cookie v1', 32));
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from('v1'));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify({ t: session.token, u: session.username, g: session.groups, e: session.expiresAt }), 'utf8'), cipher.final()]);
  return `fleet_deck_session=${['v1', iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.')}`;
}
