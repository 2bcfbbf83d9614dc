import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

const { loadKubeConfig, KubeConfigError } = await import('./config');

function kubeconfig(server: string, name = 'c'): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    `clusters: [{name: ${name}, cluster: {server: "${server}"}}]`,
    `users: [{name: u, user: {token: t}}]`,
    `contexts: [{name: ${name}, context: {cluster: ${name}, user: u}}]`,
    `current-context: ${name}`,
    '',
  ].join('\n');
}

let dir: string;
const originalHome = process.env.HOME;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fleet-deck-kc-'));
  process.env.HOME = join(dir, 'home');
});
afterEach(() => {
  process.env.HOME = originalHome;
});

function write(name: string, server: string): string {
  const file = join(dir, name);
  writeFileSync(file, kubeconfig(server, name));
  return file;
}

describe('loadKubeConfig', () => {
  it('prefers FLEET_DECK_KUBECONFIG over KUBECONFIG', () => {
    const ours = write('ours', 'https://127.0.0.1:1111');
    const theirs = write('theirs', 'https://127.0.0.1:2222');
    const active = loadKubeConfig({ FLEET_DECK_KUBECONFIG: ours, KUBECONFIG: theirs, FLEET_DECK_EMBEDDED: '1' });
    expect(active.server).toBe('https://127.0.0.1:1111');
    expect(active.source).toEqual({ kind: 'fleet-deck', detail: ours, embedded: true });
  });

  it('reads KUBECONFIG, merging a path list with the first file winning', () => {
    const a = write('a', 'https://a.example:6443');
    const b = write('b', 'https://b.example:6443');
    // Same cluster name as `a`, other server: ignored, like kubectl does.
    const c = join(dir, 'c');
    writeFileSync(c, kubeconfig('https://other.example:6443', 'a'));
    const active = loadKubeConfig({ KUBECONFIG: `${a}:${b}:${c}` });
    expect(active.source.kind).toBe('kubeconfig-env');
    expect(active.server).toBe('https://a.example:6443');
    expect(active.kc.getClusters().map((x) => `${x.name}=${x.server}`).sort()).toEqual([
      'a=https://a.example:6443',
      'b=https://b.example:6443',
    ]);
    expect(active.kc.getUsers()).toHaveLength(1);
  });

  it('uses the in-cluster service account before ~/.kube/config', () => {
    mkdirSync(join(dir, 'home', '.kube'), { recursive: true });
    writeFileSync(join(dir, 'home', '.kube', 'config'), kubeconfig('https://home.example:6443'));
    vi.stubEnv('KUBERNETES_SERVICE_HOST', '10.0.0.1');
    vi.stubEnv('KUBERNETES_SERVICE_PORT', '443');
    try {
      const active = loadKubeConfig({ KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443' });
      expect(active.source.kind).toBe('in-cluster');
      expect(active.server).toBe('https://10.0.0.1:443');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('reads the service account files from FLEET_DECK_SERVICEACCOUNT_DIR when set', async () => {
    const account = join(dir, 'sa');
    mkdirSync(account);
    writeFileSync(join(account, 'token'), 'sa-token-from-dir');
    writeFileSync(join(account, 'ca.crt'), 'not used here');
    writeFileSync(join(account, 'namespace'), 'fleet-deck\n');
    vi.stubEnv('KUBERNETES_SERVICE_HOST', '127.0.0.1');
    vi.stubEnv('KUBERNETES_SERVICE_PORT', '6443');
    try {
      const active = loadKubeConfig({ KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: '6443', FLEET_DECK_SERVICEACCOUNT_DIR: account });
      expect(active.source.kind).toBe('in-cluster');
      expect(active.server).toBe('https://127.0.0.1:6443');
      expect(active.kc.getCurrentCluster()?.caFile).toBe(join(account, 'ca.crt'));
      expect(active.kc.getContextObject(active.kc.getCurrentContext())?.namespace).toBe('fleet-deck');
      const options: { headers?: Record<string, string> } = { headers: {} };
      await active.kc.applyToHTTPSOptions(options);
      expect(options.headers?.Authorization).toBe('Bearer sa-token-from-dir');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('falls back to ~/.kube/config', () => {
    mkdirSync(join(dir, 'home', '.kube'), { recursive: true });
    writeFileSync(join(dir, 'home', '.kube', 'config'), kubeconfig('https://home.example:6443'));
    const active = loadKubeConfig({});
    expect(active.source.kind).toBe('home');
    expect(active.server).toBe('https://home.example:6443');
  });

  it('says plainly when nothing is configured', () => {
    expect(() => loadKubeConfig({})).toThrow(KubeConfigError);
    try {
      loadKubeConfig({});
    } catch (err) {
      expect((err as InstanceType<typeof KubeConfigError>).code).toBe('NoClusterConfigured');
    }
  });

  it('reports an unreadable file as InvalidKubeconfig', () => {
    expect(() => loadKubeConfig({ KUBECONFIG: join(dir, 'missing') })).toThrow(/could not be loaded/);
  });

  it('accepts plain-HTTP servers the way kubectl does', () => {
    const file = write('plain', 'http://127.0.0.1:8001');
    const active = loadKubeConfig({ KUBECONFIG: file });
    expect(active.kc.getCurrentCluster()?.skipTLSVerify).toBe(true);
  });

  it('leaves TLS verification on for https servers', () => {
    const file = write('tls', 'https://127.0.0.1:6443');
    expect(loadKubeConfig({ KUBECONFIG: file }).kc.getCurrentCluster()?.skipTLSVerify).toBe(false);
  });
});
