/**
 * The git credentials of a GitRepo, read from the cluster: the client Secret (explicit name, or
 * the implicit `gitcredential` Secret when the name is empty), `spec.caBundle`,
 * `spec.insecureSkipTLSVerify`, and the `known-hosts` ConfigMap Fleet installs in
 * `cattle-fleet-system` (used when the Secret has no `known_hosts`).
 */
import { DEFAULT_GIT_CREDENTIAL_SECRET, FLEET_SYSTEM_NAMESPACE } from '../../../lib/fleet/labels';
import type { GitRepo } from '../../../lib/fleet/types';
import type { KubeObject } from '../../../lib/k8s/object';
import type { ControllerClient } from '../client';
import { gitAuthFromSecret, type GitAuth, type SecretLike } from './git';

export const KNOWN_HOSTS_CONFIGMAP = 'known-hosts';

/** A referenced Secret that does not exist. */
export class MissingSecretError extends Error {
  constructor(readonly secretName: string) {
    super(`failed to look up clientSecretName: secrets "${secretName}" not found`);
    this.name = 'MissingSecretError';
  }
}

export interface ResolvedCredentials {
  auth: GitAuth;
  /** Name of the Secret used (undefined: none). */
  secretName?: string;
  /** resourceVersion of that Secret, to notice credential changes. */
  secretVersion?: string;
}

/**
 * Reads the credentials of `gitRepo`. `clientSecretName` is the effective name (after
 * GitRepoRestriction defaults); when it is empty, `gitcredential` is used if it exists.
 */
export function resolveCredentials(client: ControllerClient, gitRepo: GitRepo, clientSecretName: string | undefined): ResolvedCredentials {
  const namespace = gitRepo.metadata.namespace;
  let secret: (KubeObject & SecretLike) | undefined;
  let secretName: string | undefined;
  if (clientSecretName) {
    secret = client.get<KubeObject & SecretLike>('secrets', namespace, clientSecretName);
    if (!secret) throw new MissingSecretError(clientSecretName);
    secretName = clientSecretName;
  } else {
    secret = client.get<KubeObject & SecretLike>('secrets', namespace, DEFAULT_GIT_CREDENTIAL_SECRET);
    if (secret) secretName = DEFAULT_GIT_CREDENTIAL_SECRET;
  }
  const knownHostsMap = client.get<KubeObject & { data?: Record<string, string> }>('configmaps', FLEET_SYSTEM_NAMESPACE, KNOWN_HOSTS_CONFIGMAP);
  const auth = gitAuthFromSecret(secret, {
    caBundle: gitRepo.spec?.caBundle,
    insecureSkipTLSVerify: gitRepo.spec?.insecureSkipTLSVerify,
    knownHosts: knownHostsMap?.data?.known_hosts,
  });
  return { auth, secretName, secretVersion: secret?.metadata.resourceVersion };
}
