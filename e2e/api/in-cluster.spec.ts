import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { expect, test } from '@playwright/test';

import { applyRbacFixtures, ADMIN_TOKEN, READER_TOKEN, tokenFileContents } from '../../test/support/rbac-fixtures';
import { freePortSync } from '../support/ports';
import { startAppProcess, startClusterProcess, type AppProcess, type ClusterProcess } from '../support/processes';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..', '..');

/**
 * Fleet Deck as deploy/ runs it in a pod, simulated: no kubeconfig, KUBERNETES_SERVICE_HOST/PORT
 * set, and a service-account directory (token, ca.crt, namespace) whose token belongs to
 * `system:serviceaccount:fleet-deck:fleet-deck`, bound to deploy/'s ClusterRole in an embedded
 * cluster that enforces RBAC. So the app must become ready with exactly the permissions the
 * manifests grant, and run in team mode because it finds itself in-cluster.
 */
const SERVICE_ACCOUNT = 'system:serviceaccount:fleet-deck:fleet-deck';
const SA_TOKEN = 'fleet-deck-sa-token-0123456789abcdef';

test.describe('in-cluster start with deploy/ permissions', () => {
  test.describe.configure({ mode: 'serial' });

  let dir: string;
  let cluster: ClusterProcess | undefined;
  let app: AppProcess | undefined;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    dir = mkdtempSync(join(tmpdir(), 'fleet-deck-in-cluster-'));
    const dataDir = join(dir, 'data');
    const kubeconfig = join(dir, 'kubeconfig');
    const tokens = join(dir, 'tokens.csv');
    writeFileSync(tokens, `${tokenFileContents()}${SA_TOKEN},${SERVICE_ACCOUNT},uid-fleet-deck-sa,"system:serviceaccounts,system:serviceaccounts:fleet-deck"\n`, { mode: 0o600 });
    cluster = await startClusterProcess({ port: freePortSync(), dataDir, kubeconfig, args: ['--token-auth-file', tokens, '--no-controllers'] });

    // What `kubectl apply -k deploy/` would create that the embedded cluster serves: the RBAC.
    for (const file of ['namespace.yaml', 'clusterrole.yaml', 'clusterrolebinding.yaml']) {
      await run('kubectl', ['--kubeconfig', kubeconfig, 'apply', '-f', join(ROOT, 'deploy', file)]);
    }
    await applyRbacFixtures(kubeconfig);

    // The files the kubelet mounts at /var/run/secrets/kubernetes.io/serviceaccount.
    const account = join(dir, 'serviceaccount');
    mkdirSync(account);
    writeFileSync(join(account, 'token'), SA_TOKEN);
    copyFileSync(join(dataDir, 'pki', 'ca.crt'), join(account, 'ca.crt'));
    writeFileSync(join(account, 'namespace'), 'fleet-deck');

    app = await startAppProcess({
      port: freePortSync(),
      kubeconfig: '',
      env: {
        KUBERNETES_SERVICE_HOST: '127.0.0.1',
        KUBERNETES_SERVICE_PORT: String(cluster.port),
        FLEET_DECK_SERVICEACCOUNT_DIR: account,
        // Unset on purpose: in-cluster means team mode unless said otherwise.
        FLEET_DECK_AUTH: '',
        FLEET_DECK_SESSION_SECRET: 'in-cluster-test-session-secret-0123456789abcdef',
      },
    });
  });

  test.afterAll(async () => {
    await app?.stop();
    await cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('becomes ready with the service account and deploy/ ClusterRole alone', async () => {
    await expect
      .poll(async () => (await fetch(`${app!.baseURL}/api/readyz`)).status, { timeout: 60_000, intervals: [250, 500, 1_000] })
      .toBe(200);
    const ready = await (await fetch(`${app!.baseURL}/api/readyz`)).json();
    expect(ready).toMatchObject({ ok: true, cache: { synced: true, healthy: true } });
    expect(app!.output()).not.toContain(SA_TOKEN);
  });

  test('runs in team mode: nothing is served before sign-in', async () => {
    const session = await fetch(`${app!.baseURL}/api/v1/session`);
    expect(session.status).toBe(401);
    expect((await session.json()).error.code).toBe('unauthenticated');
    const list = await fetch(`${app!.baseURL}/api/v1/workspaces`);
    expect(list.status).toBe(401);
  });

  test('a signed-in user sees the workspaces their RBAC allows', async () => {
    const signIn = async (token: string) => {
      const res = await fetch(`${app!.baseURL}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
      expect(res.status, await res.clone().text()).toBe(200);
      const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
      return async () => {
        const list = await fetch(`${app!.baseURL}/api/v1/workspaces`, { headers: { cookie } });
        expect(list.status).toBe(200);
        return ((await list.json()).items as { name: string }[]).map((w) => w.name);
      };
    };
    const admin = await signIn(ADMIN_TOKEN);
    expect(await admin()).toEqual(expect.arrayContaining(['fleet-local', 'fleet-default']));
    const reader = await signIn(READER_TOKEN);
    expect(await reader()).toEqual(['fleet-default']);
  });

  test("the service account's own token can change nothing", async () => {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'c', server: `https://127.0.0.1:${cluster!.port}`, caFile: join(dir, 'serviceaccount', 'ca.crt') }],
      users: [{ name: 'sa', token: SA_TOKEN }],
      contexts: [{ name: 'c', cluster: 'c', user: 'sa' }],
      currentContext: 'c',
    });
    const api = kc.makeApiClient(CustomObjectsApi);
    const list = (await api.listNamespacedCustomObject({ group: 'fleet.cattle.io', version: 'v1alpha1', namespace: 'fleet-default', plural: 'gitrepos' })) as { items: unknown[] };
    expect(Array.isArray(list.items)).toBe(true);
    await expect(
      api.createNamespacedCustomObject({
        group: 'fleet.cattle.io',
        version: 'v1alpha1',
        namespace: 'fleet-default',
        plural: 'gitrepos',
        body: { apiVersion: 'fleet.cattle.io/v1alpha1', kind: 'GitRepo', metadata: { name: 'sa-write' }, spec: { repo: 'https://127.0.0.1:9/x.git' } },
      }),
    ).rejects.toMatchObject({ code: 403 });
  });
});
