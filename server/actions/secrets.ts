import 'server-only';

import { CoreV1Api, type KubeConfig, type V1Secret } from '@kubernetes/client-node';

import type { AuthSecretInput, SecretRef, SecretRole, SecretSummary } from '@/lib/api/schemas';
import { MANAGED_LABEL } from '@/lib/fleet/labels';
import type { GitCredentials } from '@/server/git/ls-remote';
import { BffError } from '@/server/http/errors';

/**
 * Git and Helm credentials as Fleet reads them (contract §6), created the way Rancher's dashboard
 * creates them: `generateName: auth-`, label `fleet.cattle.io/managed: "true"`, type
 * `kubernetes.io/basic-auth` or `kubernetes.io/ssh-auth`. Only names and types leave this module.
 */

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

export const SECRET_TYPES = { 'basic-auth': 'kubernetes.io/basic-auth', 'ssh-auth': 'kubernetes.io/ssh-auth' } as const;

function secretBody(namespace: string, input: AuthSecretInput): V1Secret {
  const data: Record<string, string> =
    input.type === 'basic-auth'
      ? { username: b64(input.username), password: b64(input.password) }
      : {
          'ssh-privatekey': b64(input.privateKey),
          ...(input.publicKey ? { 'ssh-publickey': b64(input.publicKey) } : {}),
          ...(input.knownHosts ? { known_hosts: b64(input.knownHosts) } : {}),
        };
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { generateName: 'auth-', namespace, labels: { [MANAGED_LABEL]: 'true' } },
    type: SECRET_TYPES[input.type],
    data,
  };
}

export interface CreatedSecrets {
  refs: SecretRef[];
  /** Deletes what was created (not for dry runs, which created nothing). */
  rollback(): Promise<void>;
}

/**
 * Creates one Secret per role. If one fails, those already created are deleted before the error
 * is rethrown, so a failed request leaves nothing behind.
 */
export async function createAuthSecrets(
  kc: KubeConfig,
  namespace: string,
  inputs: Partial<Record<SecretRole, AuthSecretInput>>,
  options: { dryRun: boolean },
): Promise<CreatedSecrets> {
  const core = kc.makeApiClient(CoreV1Api);
  const refs: SecretRef[] = [];
  const rollback = async () => {
    if (options.dryRun) return;
    await Promise.all(
      refs.map((ref) =>
        core.deleteNamespacedSecret({ name: ref.name, namespace }).catch((error: unknown) => {
          // Only the name is logged; the Secret's content never is.
          console.error(`[gitrepos] could not delete Secret ${namespace}/${ref.name} after a failed create: ${(error as Error)?.message ?? String(error)}`);
        }),
      ),
    );
  };
  try {
    for (const role of ['clientSecret', 'helmSecret'] as const) {
      const input = inputs[role];
      if (!input) continue;
      const created = await core.createNamespacedSecret({ namespace, body: secretBody(namespace, input), dryRun: options.dryRun ? 'All' : undefined });
      refs.push({ role, name: created.metadata?.name ?? '', type: created.type ?? SECRET_TYPES[input.type], exists: !options.dryRun });
    }
  } catch (error) {
    await rollback();
    throw error;
  }
  return { refs, rollback };
}

/** The workspace's Secrets as name and type only (for the wizard's "existing Secret" pickers). */
export async function listSecretSummaries(kc: KubeConfig, namespace: string): Promise<SecretSummary[]> {
  const list = await kc.makeApiClient(CoreV1Api).listNamespacedSecret({ namespace });
  return list.items
    .map((secret) => ({ name: secret.metadata?.name ?? '', type: secret.type ?? 'Opaque' }))
    .filter((secret) => secret.name !== '')
    .sort((a, b) => a.name.localeCompare(b.name));
}

const fromB64 = (value: string | undefined) => (value === undefined ? undefined : Buffer.from(value, 'base64').toString('utf8'));

/**
 * The git credentials in an existing Secret, read the way Fleet's cloner reads them (contract §6):
 * `username`/`password` for basic auth, `ssh-privatekey` (+ `known_hosts`) for SSH. They stay in
 * this process, for one `git ls-remote`.
 */
export async function readGitCredentials(kc: KubeConfig, namespace: string, name: string): Promise<GitCredentials> {
  let secret: V1Secret;
  try {
    secret = await kc.makeApiClient(CoreV1Api).readNamespacedSecret({ name, namespace });
  } catch (error) {
    if ((error as { code?: number }).code === 404) throw new BffError('invalid', `auth.name: Secret "${name}" does not exist in ${namespace}`, 'auth.name');
    throw error;
  }
  const data = secret.data ?? {};
  const privateKey = fromB64(data['ssh-privatekey']);
  if (privateKey) return { type: 'ssh-auth', privateKey, knownHosts: fromB64(data.known_hosts) };
  const username = fromB64(data.username);
  const password = fromB64(data.password);
  if (username !== undefined || password !== undefined) return { type: 'basic-auth', username: username ?? '', password: password ?? '' };
  throw new BffError('invalid', `auth.name: Secret "${name}" holds neither username/password nor ssh-privatekey`, 'auth.name');
}
