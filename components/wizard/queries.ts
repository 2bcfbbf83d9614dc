'use client';

/**
 * What the wizard reads from the BFF besides the repo itself: the workspace's Secret names (never
 * their data), cluster names matching what is typed (a page of 20, never every cluster), and the
 * workspace's cluster groups.
 */
import { useQuery } from '@tanstack/react-query';

import { apiGet } from '@/lib/api/client';
import { fleetKeys } from '@/lib/api/keys';
import { pageSchema, clusterGroupRowSchema, clusterRowSchema, secretListSchema, type SecretSummary } from '@/lib/api/schemas';

const enc = encodeURIComponent;
const PICKER_PAGE = 20;

export function useSecretNames(ws: string) {
  return useQuery({
    queryKey: ['wizard', 'secrets', ws],
    queryFn: () => apiGet(`/api/v1/workspaces/${enc(ws)}/secrets`, secretListSchema),
    staleTime: 10_000,
  });
}

/** Secret types Fleet's cloner can use for git (contract §6): basic-auth, ssh-auth, GitHub App (Opaque). */
export const GIT_SECRET_TYPES = ['kubernetes.io/basic-auth', 'kubernetes.io/ssh-auth', 'Opaque'];

export function gitSecrets(items: readonly SecretSummary[] | undefined): SecretSummary[] {
  return (items ?? []).filter((secret) => GIT_SECRET_TYPES.includes(secret.type));
}

export function useClusterSearch(ws: string, text: string) {
  const q = text.trim();
  return useQuery({
    queryKey: fleetKeys.list('clusters', ws, { q, pageSize: PICKER_PAGE }),
    queryFn: () => apiGet(`/api/v1/workspaces/${enc(ws)}/clusters?pageSize=${PICKER_PAGE}${q ? `&q=${enc(q)}` : ''}`, pageSchema(clusterRowSchema)),
    staleTime: 5_000,
  });
}

export function useClusterGroups(ws: string) {
  return useQuery({
    queryKey: fleetKeys.list('clustergroups', ws, { pageSize: 200 }),
    queryFn: () => apiGet(`/api/v1/workspaces/${enc(ws)}/clustergroups?pageSize=200`, pageSchema(clusterGroupRowSchema)),
    staleTime: 5_000,
  });
}
