/**
 * Writes the Bundles of one GitRepo: creates or updates every draft, and deletes the Bundles of
 * the repository (label `fleet.cattle.io/repo-name`) that the commit no longer produces.
 */
import { REPO_LABEL } from '../../../lib/fleet/labels';
import { applyFleetDefaults } from '../../../lib/fleet/schemas';
import type { Bundle, GitRepo } from '../../../lib/fleet/types';
import type { OwnerReference } from '../../../lib/k8s/object';
import type { ControllerClient } from '../client';
import type { BundleDraft } from './bundle-reader';

export interface AppliedBundles {
  created: string[];
  updated: string[];
  unchanged: string[];
  deleted: string[];
}

export class BundleApplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BundleApplyError';
  }
}

function ownerOf(gitRepo: GitRepo): OwnerReference[] | undefined {
  if (!gitRepo.metadata.uid) return undefined;
  return [{ apiVersion: gitRepo.apiVersion, kind: gitRepo.kind, name: gitRepo.metadata.name, uid: gitRepo.metadata.uid, controller: true, blockOwnerDeletion: true }];
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

/** The label selector of a GitRepo's Bundles. */
export function repoSelector(gitRepoName: string): string {
  return `${REPO_LABEL}=${gitRepoName}`;
}

/** Creates/updates the drafts as Bundles in the GitRepo's namespace and prunes the rest. */
export function applyBundles(client: ControllerClient, gitRepo: GitRepo, drafts: readonly BundleDraft[]): AppliedBundles {
  const namespace = gitRepo.metadata.namespace!;
  const result: AppliedBundles = { created: [], updated: [], unchanged: [], deleted: [] };
  const owners = ownerOf(gitRepo);

  for (const draft of drafts) {
    const existing = client.get<Bundle>('bundles', namespace, draft.name);
    if (existing?.spec?.helmOpOptions) throw new BundleApplyError(`a helmOps bundle with name ${JSON.stringify(draft.name)} already exists`);
    const desired = applyFleetDefaults('Bundle', { spec: draft.spec }).spec;
    if (!existing) {
      client.create('bundles', {
        metadata: { name: draft.name, namespace, labels: draft.labels, ownerReferences: owners },
        spec: desired,
      });
      result.created.push(draft.name);
      continue;
    }
    const sameOwner = canonical(existing.metadata.ownerReferences ?? []) === canonical(owners ?? []);
    if (canonical(existing.spec) === canonical(desired) && canonical(existing.metadata.labels ?? {}) === canonical(draft.labels) && sameOwner) {
      result.unchanged.push(draft.name);
      continue;
    }
    client.mutate<Bundle>('bundles', namespace, draft.name, (current) => ({
      ...current,
      metadata: { ...current.metadata, labels: draft.labels, ownerReferences: owners ?? current.metadata.ownerReferences },
      spec: desired,
    }));
    result.updated.push(draft.name);
  }

  const wanted = new Set(drafts.map((draft) => draft.name));
  for (const bundle of client.list<Bundle>('bundles', namespace, repoSelector(gitRepo.metadata.name))) {
    if (wanted.has(bundle.metadata.name) || bundle.metadata.deletionTimestamp) continue;
    if (client.delete('bundles', namespace, bundle.metadata.name)) result.deleted.push(bundle.metadata.name);
  }
  return result;
}

/** Deletes every Bundle of the GitRepo; returns how many still exist (held by finalizers). */
export function deleteRepoBundles(client: ControllerClient, namespace: string, gitRepoName: string): number {
  let remaining = 0;
  for (const bundle of client.list<Bundle>('bundles', namespace, repoSelector(gitRepoName))) {
    if (!bundle.metadata.deletionTimestamp) client.delete('bundles', namespace, bundle.metadata.name);
    if (client.get('bundles', namespace, bundle.metadata.name)) remaining += 1;
  }
  return remaining;
}
