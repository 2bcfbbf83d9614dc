'use client';

import { DriftCard } from '@/components/failures/drift-card';
import { EventsCard } from '@/components/failures/events-card';
import { GitSyncCard } from '@/components/failures/git-sync-card';
import { StatusMatrixCard } from '@/components/failures/status-matrix';
import { GitRepoProgress } from '@/components/gitrepo-progress/gitrepo-progress';
import { Badge } from '@/components/ui/badge';
import type { GitRepoDetail } from '@/lib/api/schemas';

import { GitRepoActions } from './actions';
import { DetailFrame, type Prefetched } from './detail-frame';
import { browsableRepoUrl, plural, shortCommit } from './format';
import { ConditionsCard, CountsLine, ObjectLink, readyBucket, readyText, RelatedStatesCard, ResourcesCard, TargetsList, type TargetLike } from './sections';
import { Card, CopyButton, cx, EmptyState, Fields, Muted, RelativeTime, ShowMore, StateBadge, Stat, Table, Tag, td } from './ui';
import type { RelationPaging } from './use-object-detail';

interface GitRepoSpecView {
  repo?: string;
  branch?: string;
  revision?: string;
  paths?: string[];
  pollingInterval?: string;
  disablePolling?: boolean;
  targetNamespace?: string;
  serviceAccount?: string;
  forceSyncGeneration?: number;
  targets?: TargetLike[];
  keepResources?: boolean;
  correctDrift?: { enabled?: boolean };
}

interface GitRepoStatusView {
  commit?: string;
  webhookCommit?: string;
  lastWebhookTime?: string;
  pollingCommit?: string;
  lastPollingTriggered?: string;
  gitJobStatus?: string;
  resources?: { apiVersion?: string; kind?: string; namespace?: string; name?: string; id?: string; state?: string; message?: string; perClusterState?: unknown }[];
}

function Commit({ commit }: { commit: string | undefined }) {
  if (!commit) return <Muted>none yet</Muted>;
  return (
    <span className="inline-flex items-center gap-1">
      <code className="font-mono" title={commit} data-testid="commit">
        {shortCommit(commit)}
      </code>
      <CopyButton value={commit} label="Copy the full commit SHA" />
    </span>
  );
}

function SourceCard({ detail }: { detail: GitRepoDetail }) {
  const spec = (detail.object.spec ?? {}) as GitRepoSpecView;
  const status = (detail.object.status ?? {}) as GitRepoStatusView;
  const repo = spec.repo ?? detail.row.repo;
  const url = browsableRepoUrl(repo);
  const polling = spec.disablePolling ? (
    <span>Disabled: only webhooks bring new commits</span>
  ) : spec.pollingInterval ? (
    <span>
      Every <Tag>{spec.pollingInterval}</Tag>
    </span>
  ) : (
    <span>
      Every <Tag>15s</Tag> <Muted>(Fleet&apos;s default)</Muted>
    </span>
  );
  return (
    <Card title="Source" description="Where Fleet reads this repository from, and what it last saw" testId="source">
      <Fields
        items={[
          {
            label: 'Repository',
            wide: true,
            value: (
              <span className="inline-flex max-w-full items-center gap-1">
                {url ? (
                  <a href={url} target="_blank" rel="noreferrer" className="font-mono break-all text-brand-700 hover:underline dark:text-brand-400">
                    {repo}
                  </a>
                ) : (
                  <code className="font-mono break-all">{repo}</code>
                )}
                <CopyButton value={repo} label="Copy the repository URL" />
              </span>
            ),
          },
          {
            label: spec.revision && !spec.branch ? 'Revision' : 'Branch',
            value: spec.branch ? <Tag>{spec.branch}</Tag> : spec.revision ? <Tag>{spec.revision}</Tag> : <><Tag>master</Tag> <Muted>(default)</Muted></>,
          },
          { label: 'Commit deployed', value: <Commit commit={status.commit} /> },
          { label: 'Polling', value: <span data-testid="polling">{polling}</span> },
          {
            label: 'Last poll',
            value: status.lastPollingTriggered ? (
              <span>
                <RelativeTime iso={status.lastPollingTriggered} />
                {status.pollingCommit ? <> — saw <code className="font-mono" title={status.pollingCommit}>{shortCommit(status.pollingCommit)}</code></> : null}
              </span>
            ) : (
              <Muted>{spec.disablePolling ? 'polling is off' : 'not polled yet'}</Muted>
            ),
          },
          {
            label: 'Webhook commit',
            value: status.webhookCommit ? (
              <span>
                <code className="font-mono" title={status.webhookCommit}>{shortCommit(status.webhookCommit)}</code> <RelativeTime iso={status.lastWebhookTime} fallback="" />
              </span>
            ) : (
              <Muted>no webhook received</Muted>
            ),
          },
          { label: 'Git job', value: status.gitJobStatus ? <span>{status.gitJobStatus}</span> : <Muted>not run yet</Muted> },
          {
            label: 'Paths',
            value:
              spec.paths && spec.paths.length > 0 ? (
                <span className="flex flex-wrap gap-1">
                  {spec.paths.map((path) => (
                    <Tag key={path}>{path}</Tag>
                  ))}
                </span>
              ) : (
                <Muted>the whole repository</Muted>
              ),
          },
          {
            label: 'Credentials',
            value:
              detail.relations.secrets.length > 0 ? (
                <span className="flex flex-col gap-1">
                  {detail.relations.secrets.map((secret) => (
                    <span key={secret.role}>
                      <Tag>{secret.name}</Tag> <Muted>{secret.role === 'clientSecret' ? 'git' : 'Helm'}{secret.type ? `, ${secret.type}` : ''}{secret.exists === false ? ' — missing!' : ''}</Muted>
                    </span>
                  ))}
                </span>
              ) : (
                <Muted>none (public repository)</Muted>
              ),
          },
          ...(spec.targetNamespace ? [{ label: 'Target namespace', value: <Tag>{spec.targetNamespace}</Tag> }] : []),
          ...(spec.serviceAccount ? [{ label: 'Service account', value: <Tag>{spec.serviceAccount}</Tag> }] : []),
          { label: 'Forced updates', value: spec.forceSyncGeneration ? <span className="tabular-nums">{spec.forceSyncGeneration}</span> : <Muted>none</Muted> },
          { label: 'Drift correction', value: spec.correctDrift?.enabled ? 'On' : <Muted>off</Muted> },
        ]}
      />
    </Card>
  );
}

function BundlesCard({ detail, paging }: { detail: GitRepoDetail; paging: RelationPaging }) {
  const page = detail.relations.bundles;
  const items = page.items.slice(0, paging.visible('bundles'));
  return (
    <Card title="Bundles" description="One bundle per path Fleet found in the repository" flush testId="bundles">
      {page.total === 0 ? (
        <EmptyState>No bundles yet. Fleet creates them after the git job reads the repository.</EmptyState>
      ) : (
        <>
          <Table label="Bundles" head={['Name', 'State', 'Clusters ready', 'Message']}>
            {items.map((bundle) => (
              <tr key={bundle.name} data-row={bundle.name}>
                <td className={cx(td, 'whitespace-nowrap')}>
                  <ObjectLink kind="bundles" ws={bundle.workspace} name={bundle.name} />
                </td>
                <td className={td}>
                  <StateBadge state={bundle.state} bucket={bundle.bucket} />
                </td>
                <td className={cx(td, 'tabular-nums', readyBucket(bundle.clustersReady.ready, bundle.clustersReady.desired) && 'text-amber-800 dark:text-amber-300')}>
                  {readyText(bundle.clustersReady.ready, bundle.clustersReady.desired)}
                </td>
                <td className={cx(td, 'max-w-xl break-words')}>{bundle.message || <Muted>—</Muted>}</td>
              </tr>
            ))}
          </Table>
          <ShowMore shown={items.length} total={page.total} onMore={() => paging.more('bundles')} busy={paging.fetching} noun="bundles" />
        </>
      )}
    </Card>
  );
}

function Overview({ detail, paging }: { detail: GitRepoDetail; paging: RelationPaging }) {
  const { row } = detail;
  const spec = (detail.object.spec ?? {}) as GitRepoSpecView;
  const status = (detail.object.status ?? {}) as GitRepoStatusView;
  return (
    <>
      <GitRepoProgress detail={detail} />
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Stat label="Clusters ready" value={readyText(row.clustersReady.ready, row.clustersReady.desired)} bucket={readyBucket(row.clustersReady.ready, row.clustersReady.desired)} hint={row.clustersReady.desired === 0 ? 'Not targeting any cluster' : undefined} />
        <Stat label="Bundle deployments ready" value={readyText(row.bundleDeploymentsReady.ready, row.bundleDeploymentsReady.desired)} bucket={readyBucket(row.bundleDeploymentsReady.ready, row.bundleDeploymentsReady.desired)} />
        <Stat label="Resources ready" value={readyText(row.resources.ready, row.resources.desiredReady)} bucket={readyBucket(row.resources.ready, row.resources.desiredReady)} hint={<CountsLine counts={row.resources} />} />
        <Stat label="Commit" value={<span className="font-mono">{shortCommit(row.commit) ?? '—'}</span>} hint={row.branch ?? row.revision} />
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-5">
        <div className="lg:col-span-3">
          <SourceCard detail={detail} />
        </div>
        <div className="lg:col-span-2">
          <Card title="Targets" description="Where the bundles go; the criteria of one target must all match" testId="targets-card">
            <TargetsList
              targets={spec.targets ?? []}
              ws={detail.workspace}
              empty={
                <>
                  No targets: Fleet deploys to the cluster group <ObjectLink kind="clustergroups" ws={detail.workspace} name="default" />.
                </>
              }
            />
            <p className="mt-3 text-xs text-slate-600 dark:text-slate-400">In short: {row.targets}</p>
          </Card>
        </div>
      </div>
      <GitSyncCard detail={detail} />
      <BundlesCard detail={detail} paging={paging} />
      <RelatedStatesCard
        title="Clusters"
        description="This repository's state on each target cluster, worst first"
        page={detail.relations.clusters}
        paging={paging}
        section="clusters"
        nameHeader="Cluster"
        linkKind="clusters"
        showBundle
        empty="No bundle is deployed to any cluster yet."
        testId="per-cluster"
      />
      <StatusMatrixCard kind="gitrepos" ws={detail.workspace} name={detail.name} />
      <DriftCard kind="gitrepos" ws={detail.workspace} name={detail.name} />
      <ResourcesCard resources={status.resources ?? []} counts={row.resources} />
      <ConditionsCard conditions={detail.conditions} />
      <EventsCard kind="gitrepos" ws={detail.workspace} name={detail.name} />
    </>
  );
}

export function GitRepoDetailView({ ws, name, prefetched }: { ws: string; name: string; prefetched: Prefetched<'gitrepos'> }) {
  return (
    <DetailFrame
      kind="gitrepos"
      ws={ws}
      name={name}
      prefetched={prefetched}
      actions={(detail) => <GitRepoActions detail={detail} />}
      badges={(detail) => (
        <>
          {detail.row.paused ? <Badge tone="pending">Paused</Badge> : null}
          {detail.row.pollingDisabled ? <Badge>Polling off</Badge> : null}
        </>
      )}
      subtitle={(detail) => (
        <span>
          <span className="font-mono break-all">{detail.row.repo}</span>
          {detail.row.branch ? <> · {detail.row.branch}</> : null} · {plural(detail.relations.bundles.total, 'bundle')}
        </span>
      )}
      overview={(detail, paging) => <Overview detail={detail} paging={paging} />}
    />
  );
}
