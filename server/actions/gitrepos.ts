import 'server-only';

import type { CreateGitRepoBody, GitRepoCreated, ObjectDeleted, ObjectWritten, UpdateGitRepoBody } from '@/lib/api/schemas';
import { gitRepoSpecSchema } from '@/lib/fleet/schemas';
import type { GitRepo } from '@/lib/fleet/types';
import type { Bff } from '@/server/bff';
import { BffError } from '@/server/http/errors';
import { FleetApi } from '@/server/kube/fleet-api';
import { toObjectDto } from '@/server/views/details';

import { checkVersion, mergeSpec, updatedObject, validateSpec } from './objects';
import { createAuthSecrets } from './secrets';
import { settleDelete, settleWrite } from './settle';

/**
 * Creates a GitRepo the way Rancher's wizard does, minus its orphaned-Secret problem: the auth
 * Secrets first, then the GitRepo pointing at them; if the GitRepo is refused, the Secrets go too.
 * With `dryRun` nothing is stored, but the API server checks everything (a taken name is a 409).
 */
export async function createGitRepo(bff: Bff, workspace: string, body: CreateGitRepoBody, dryRun: boolean): Promise<GitRepoCreated> {
  const api = new FleetApi(bff.kube.kc);
  const secrets = await createAuthSecrets(bff.kube.kc, workspace, body.secrets ?? {}, { dryRun });
  const spec = { ...body.gitRepo.spec };
  for (const ref of secrets.refs) {
    if (ref.role === 'clientSecret') spec.clientSecretName = ref.name;
    else spec.helmSecretName = ref.name;
  }
  let created: GitRepo;
  try {
    created = await api.create<GitRepo>('gitrepos', workspace, { metadata: { ...body.gitRepo.metadata, namespace: workspace }, spec }, { dryRun });
  } catch (error) {
    await secrets.rollback();
    throw error;
  }
  if (!dryRun) await settleWrite(bff.cache, 'gitrepos', created);
  return { object: toObjectDto(created), dryRun, secrets: secrets.refs };
}

/**
 * Updates a GitRepo from what the client loaded: only the spec fields it sent change (so
 * `paused`, `forceSyncGeneration` and fields unknown to this version stay), and a GitRepo that
 * changed since `metadata.resourceVersion` is refused with 409. New auth Secrets in the body are
 * created first and referenced; if the update is refused, they are deleted again.
 */
export async function updateGitRepo(bff: Bff, workspace: string, name: string, body: UpdateGitRepoBody, dryRun: boolean): Promise<ObjectWritten> {
  const api = new FleetApi(bff.kube.kc);
  const current = await api.get<GitRepo>('gitrepos', workspace, name);
  checkVersion(current, body.metadata.resourceVersion);
  const changes: Record<string, unknown> = { ...(body.spec ?? {}) };
  if (body.secrets?.clientSecret && changes.clientSecretName) {
    throw new BffError('invalid', 'secrets.clientSecret: give either spec.clientSecretName or secrets.clientSecret, not both', 'secrets.clientSecret');
  }
  if (body.secrets?.helmSecret && changes.helmSecretName) {
    throw new BffError('invalid', 'secrets.helmSecret: give either spec.helmSecretName or secrets.helmSecret, not both', 'secrets.helmSecret');
  }
  // Checked before any Secret is created, so a refused spec leaves nothing behind.
  validateSpec(gitRepoSpecSchema, mergeSpec(current.spec, changes));
  const secrets = await createAuthSecrets(bff.kube.kc, workspace, body.secrets ?? {}, { dryRun });
  for (const ref of secrets.refs) changes[ref.role === 'clientSecret' ? 'clientSecretName' : 'helmSecretName'] = ref.name;
  let written: GitRepo;
  try {
    const spec = validateSpec(gitRepoSpecSchema, mergeSpec(current.spec, changes));
    written = await api.replace<GitRepo>('gitrepos', workspace, name, updatedObject(current, body.metadata, spec), { dryRun });
  } catch (error) {
    await secrets.rollback();
    throw error;
  }
  if (!dryRun) await settleWrite(bff.cache, 'gitrepos', written, current.metadata.resourceVersion);
  return { object: toObjectDto(written), dryRun };
}

export async function deleteGitRepo(bff: Bff, workspace: string, name: string): Promise<ObjectDeleted> {
  await new FleetApi(bff.kube.kc).delete('gitrepos', workspace, name);
  await settleDelete(bff.cache, 'gitrepos', workspace, name);
  return { deleted: { kind: 'gitrepos', workspace, name } };
}
