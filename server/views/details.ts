import 'server-only';

import { CoreV1Api } from '@kubernetes/client-node';

import type {
  BundleDetail,
  ClusterDetail,
  ClusterGroupDetail,
  ClusterRow,
  ConditionDto,
  DetailQuery,
  GitRepoDetail,
  GitRepoRow,
  KubeObjectDto,
  ListKind,
  ObjectDetail,
  SecretRef,
  SecretRole,
  TargetingRepo,
} from '@/lib/api/schemas';
import { BUNDLE_LABEL, BUNDLE_NAMESPACE_LABEL, REPO_LABEL } from '@/lib/fleet/labels';
import { clusterGroupsForCluster, defaultTargets, type TargetCriteria } from '@/lib/fleet/targeting';
import type { Bundle, Cluster, ClusterGroup, GitRepo } from '@/lib/fleet/types';
import { matchesLabelSelector, type LabelSelector } from '@/lib/k8s/label-selector';
import type { KubeObject } from '@/lib/k8s/object';
import type { Bff } from '@/server/bff';
import { BffError } from '@/server/http/errors';
import { apiStatusOf } from '@/server/kube/errors';
import { FleetApi } from '@/server/kube/fleet-api';

import { byBundle, byCluster, byRepo, foldDeployments, pageOf, scanBundleDeployments } from './bundle-deployments';
import { failingClustersOfRepo } from './failures';

/** An object as the BFF hands it out: no `managedFields` (noise, and large). */
export function toObjectDto(object: KubeObject): KubeObjectDto {
  const { managedFields: _managedFields, ...metadata } = object.metadata;
  return { ...object, metadata } as KubeObjectDto;
}

function conditionsOf(object: KubeObject): ConditionDto[] {
  const conditions = (object.status as { conditions?: unknown } | undefined)?.conditions;
  if (!Array.isArray(conditions)) return [];
  return conditions.flatMap((c: Record<string, unknown>) => {
    if (typeof c?.type !== 'string') return [];
    const text = (key: string) => (typeof c[key] === 'string' && c[key] ? { [key]: c[key] as string } : {});
    return [{ type: c.type, status: typeof c.status === 'string' ? c.status : 'Unknown', ...text('reason'), ...text('message'), ...text('lastUpdateTime'), ...text('lastTransitionTime') }];
  });
}

function base(object: KubeObject) {
  return { workspace: object.metadata.namespace ?? '', name: object.metadata.name, object: toObjectDto(object), conditions: conditionsOf(object) };
}

/** One object of a kind with its state and relations, from the cache plus BundleDeployments read on demand. */
export async function objectDetail(bff: Bff, kind: ListKind, workspace: string, name: string, paging: DetailQuery): Promise<ObjectDetail> {
  if (!bff.cache.workspaceExists(workspace)) throw new BffError('not_found', `Workspace "${workspace}" does not exist`, 'ws');
  const object = bff.cache.object(kind, workspace, name);
  const row = bff.cache.row(kind, workspace, name);
  if (!object || !row) throw new BffError('not_found', `${KIND_NAMES[kind]} "${name}" does not exist in workspace "${workspace}"`, 'name');
  switch (kind) {
    case 'gitrepos':
      return gitRepoDetail(bff, object as GitRepo, paging);
    case 'clusters':
      return clusterDetail(bff, object as Cluster, paging);
    case 'clustergroups':
      return clusterGroupDetail(bff, object as ClusterGroup, paging);
    case 'bundles':
      return bundleDetail(bff, object as Bundle, paging);
  }
}

const KIND_NAMES: Record<ListKind, string> = { gitrepos: 'GitRepo', clusters: 'Cluster', clustergroups: 'ClusterGroup', bundles: 'Bundle' };

async function gitRepoDetail(bff: Bff, gitRepo: GitRepo, paging: DetailQuery): Promise<GitRepoDetail> {
  const workspace = gitRepo.metadata.namespace ?? '';
  const name = gitRepo.metadata.name;
  const api = new FleetApi(bff.kube.kc);
  const [scan, secrets] = await Promise.all([
    scanBundleDeployments(api, { labelSelector: `${REPO_LABEL}=${name},${BUNDLE_NAMESPACE_LABEL}=${workspace}` }),
    secretRefs(bff, workspace, [
      ['clientSecret', gitRepo.spec?.clientSecretName],
      ['helmSecret', gitRepo.spec?.helmSecretName],
    ]),
  ]);
  const bundles = bff.cache.bundlesOfRepo(workspace, name).flatMap((bundle) => bff.cache.row('bundles', workspace, bundle.metadata.name) ?? []);
  return {
    kind: 'gitrepos',
    ...base(gitRepo),
    row: withFailingClusters(bff, bff.cache.row('gitrepos', workspace, name)!),
    relations: {
      bundles: pageOf(bundles, paging),
      clusters: pageOf(foldDeployments(scan.items, byCluster), paging, scan.complete, gitRepo.status?.desiredReadyClusters ?? 0),
      secrets,
    },
  };
}

/**
 * Fleet's status only counts a repo's failing clusters; its BundleDeployments (indexed in the
 * cache) name them, so the header can say which ones.
 */
function withFailingClusters(bff: Bff, row: GitRepoRow): GitRepoRow {
  if (row.bucket === 'active' || !bff.cache.deployments.synced) return row;
  const clusters = failingClustersOfRepo(bff.cache.deployments, row.workspace, row.name);
  if (!clusters) return row;
  return { ...row, failing: { ...row.failing, clusters: { count: Math.max(clusters.count, row.failing?.clusters?.count ?? 0), names: clusters.names } } };
}

/** Name and type of the Secrets a GitRepo references — the data never leaves this function. */
async function secretRefs(bff: Bff, namespace: string, refs: [SecretRole, string | undefined][]): Promise<SecretRef[]> {
  const core = bff.kube.kc.makeApiClient(CoreV1Api);
  const named = refs.filter((ref): ref is [SecretRole, string] => Boolean(ref[1]));
  return Promise.all(
    named.map(async ([role, name]): Promise<SecretRef> => {
      try {
        const secret = await core.readNamespacedSecret({ name, namespace });
        return { role, name, type: secret.type, exists: true };
      } catch (error) {
        const status = apiStatusOf(error);
        if (status === 404) return { role, name, exists: false };
        // Not allowed to read Secrets: say what the GitRepo references, without claims about it.
        if (status === 403) return { role, name };
        throw error;
      }
    }),
  );
}

async function clusterDetail(bff: Bff, cluster: Cluster, paging: DetailQuery): Promise<ClusterDetail> {
  const workspace = cluster.metadata.namespace ?? '';
  const name = cluster.metadata.name;
  const clusterNamespace = cluster.status?.namespace;
  const scan = clusterNamespace ? await scanBundleDeployments(new FleetApi(bff.kube.kc), { namespace: clusterNamespace }) : { items: [], complete: true };
  const groups = clusterGroupsForCluster(cluster, bff.cache.objects<ClusterGroup>('clustergroups', workspace));
  const desired = cluster.status?.summary?.desiredReady ?? 0;
  return {
    kind: 'clusters',
    ...base(cluster),
    row: bff.cache.row('clusters', workspace, name)!,
    relations: {
      repos: pageOf(foldDeployments(scan.items, byRepo), paging, scan.complete, cluster.status?.desiredReadyGitRepos ?? 0),
      bundles: pageOf(foldDeployments(scan.items, byBundle), paging, scan.complete, desired),
      groups: groups.map((group) => group.metadata.name).sort(),
    },
  };
}

function clusterGroupDetail(bff: Bff, group: ClusterGroup, paging: DetailQuery): ClusterGroupDetail {
  const workspace = group.metadata.namespace ?? '';
  const name = group.metadata.name;
  const selector = group.spec?.selector as LabelSelector | null | undefined;
  const members: ClusterRow[] = [];
  for (const cluster of bff.cache.objects<Cluster>('clusters', workspace)) {
    if (!matchesLabelSelector(selector, cluster.metadata.labels, { nilMatches: 'nothing' })) continue;
    const row = bff.cache.row('clusters', workspace, cluster.metadata.name);
    if (row) members.push(row);
  }
  members.sort((a, b) => a.name.localeCompare(b.name));
  return {
    kind: 'clustergroups',
    ...base(group),
    row: bff.cache.row('clustergroups', workspace, name)!,
    relations: {
      clusters: pageOf(members, paging),
      gitRepos: pageOf(reposTargetingGroup(bff, group), paging),
    },
  };
}

/** GitRepos of the group's workspace whose targets name the group or select it by its labels. */
export function reposTargetingGroup(bff: Bff, group: ClusterGroup): TargetingRepo[] {
  const workspace = group.metadata.namespace ?? '';
  const repos: TargetingRepo[] = [];
  for (const gitRepo of bff.cache.objects<GitRepo>('gitrepos', workspace)) {
    const explicit = gitRepo.spec?.targets ?? [];
    const targets: TargetCriteria[] = explicit.length > 0 ? explicit : defaultTargets();
    let via: TargetingRepo['via'] | undefined;
    for (const target of targets) {
      if (target.clusterGroup === group.metadata.name) via = explicit.length > 0 ? 'clusterGroup' : 'default';
      else if (target.clusterGroupSelector && matchesLabelSelector(target.clusterGroupSelector as LabelSelector, group.metadata.labels, { nilMatches: 'nothing' })) {
        via = 'clusterGroupSelector';
      }
      if (via) break;
    }
    if (via) repos.push({ workspace, name: gitRepo.metadata.name, via });
  }
  return repos.sort((a, b) => a.name.localeCompare(b.name));
}

async function bundleDetail(bff: Bff, bundle: Bundle, paging: DetailQuery): Promise<BundleDetail> {
  const workspace = bundle.metadata.namespace ?? '';
  const name = bundle.metadata.name;
  const scan = await scanBundleDeployments(new FleetApi(bff.kube.kc), { labelSelector: `${BUNDLE_LABEL}=${name},${BUNDLE_NAMESPACE_LABEL}=${workspace}` });
  return {
    kind: 'bundles',
    ...base(bundle),
    row: bff.cache.row('bundles', workspace, name)!,
    relations: {
      deployments: pageOf(foldDeployments(scan.items, byCluster), paging, scan.complete, bundle.status?.summary?.desiredReady ?? 0),
    },
  };
}
