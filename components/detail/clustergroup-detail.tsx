'use client';

import { EventsCard } from '@/components/failures/events-card';
import { StatusMatrixCard } from '@/components/failures/status-matrix';
import type { ClusterGroupDetail } from '@/lib/api/schemas';

import { ClusterGroupActions } from './actions';
import { DetailFrame, type Prefetched } from './detail-frame';
import { plural } from './format';
import { ConditionsCard, CountsLine, ObjectLink, readyBucket, readyText } from './sections';
import { Card, cx, EmptyState, Muted, RelativeTime, ShowMore, StateBadge, Stat, Table, Tag, td } from './ui';
import type { RelationPaging } from './use-object-detail';

interface SelectorView {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

function SelectorCard({ detail }: { detail: ClusterGroupDetail }) {
  const selector = (detail.object.spec as { selector?: SelectorView | null } | undefined)?.selector;
  const labels = Object.entries(selector?.matchLabels ?? {});
  const expressions = selector?.matchExpressions ?? [];
  let summary: string;
  if (!selector) summary = 'No selector: this group selects no cluster.';
  else if (labels.length === 0 && expressions.length === 0) summary = 'An empty selector: every cluster in the workspace belongs to this group.';
  else summary = 'Clusters whose labels match all of these:';
  return (
    <Card title="Selector" description="Which clusters of the workspace belong to this group" testId="selector">
      <p className="text-sm">{summary}</p>
      {labels.length + expressions.length > 0 ? (
        <ul className="mt-2 flex flex-wrap gap-1.5">
          {labels.map(([key, value]) => (
            <li key={`l-${key}`}>
              <Tag>
                {key}={value}
              </Tag>
            </li>
          ))}
          {expressions.map((expression, index) => (
            <li key={`e-${index}`}>
              <Tag>
                {expression.key} {expression.operator}
                {expression.values && expression.values.length > 0 ? ` (${expression.values.join(', ')})` : ''}
              </Tag>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="mt-3 text-xs text-slate-600 dark:text-slate-400">In short: {detail.row.selector}</p>
    </Card>
  );
}

function MembersCard({ detail, paging }: { detail: ClusterGroupDetail; paging: RelationPaging }) {
  const page = detail.relations.clusters;
  const items = page.items.slice(0, paging.visible('clusters'));
  return (
    <Card title="Member clusters" description={`${plural(page.total, 'cluster')} selected`} flush testId="members">
      {page.total === 0 ? (
        <EmptyState>No cluster matches the selector.</EmptyState>
      ) : (
        <>
          <Table label="Member clusters" head={['Cluster', 'State', 'Bundles ready', 'Last seen', 'Message']}>
            {items.map((cluster) => (
              <tr key={cluster.name} data-row={cluster.name}>
                <td className={cx(td, 'whitespace-nowrap')}>
                  <ObjectLink kind="clusters" ws={cluster.workspace} name={cluster.name} />
                  {cluster.displayName !== cluster.name ? <span className="block text-xs text-slate-600 dark:text-slate-400">{cluster.displayName}</span> : null}
                </td>
                <td className={td}>
                  <StateBadge state={cluster.state} bucket={cluster.bucket} />
                </td>
                <td className={cx(td, 'tabular-nums', readyBucket(cluster.bundlesReady.ready, cluster.bundlesReady.desired) && 'text-amber-800 dark:text-amber-300')}>
                  {readyText(cluster.bundlesReady.ready, cluster.bundlesReady.desired)}
                </td>
                <td className={cx(td, 'whitespace-nowrap')}>
                  <RelativeTime iso={cluster.lastSeen} fallback="never" />
                </td>
                <td className={cx(td, 'max-w-md break-words')}>{cluster.message || <Muted>—</Muted>}</td>
              </tr>
            ))}
          </Table>
          <ShowMore shown={items.length} total={page.total} onMore={() => paging.more('clusters')} busy={paging.fetching} noun="clusters" />
        </>
      )}
    </Card>
  );
}

const VIA: Record<string, string> = {
  clusterGroup: 'names this group in a target',
  clusterGroupSelector: 'selects it by its labels',
  default: 'has no targets, so it uses the group "default"',
};

function Overview({ detail, paging }: { detail: ClusterGroupDetail; paging: RelationPaging }) {
  const { row } = detail;
  const repos = detail.relations.gitRepos;
  const repoItems = repos.items.slice(0, paging.visible('gitRepos'));
  const readyClusters = row.clusterCount - row.nonReadyClusterCount;
  return (
    <>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Stat
          label="Clusters ready"
          value={readyText(readyClusters, row.clusterCount)}
          bucket={readyBucket(readyClusters, row.clusterCount)}
          hint={row.nonReadyClusters.length > 0 ? `Not ready: ${row.nonReadyClusters.join(', ')}` : row.clusterCount === 0 ? 'No member clusters' : undefined}
        />
        <Stat label="Bundles ready" value={readyText(row.bundlesReady.ready, row.bundlesReady.desired)} bucket={readyBucket(row.bundlesReady.ready, row.bundlesReady.desired)} />
        <Stat label="Resources ready" value={readyText(row.resources.ready, row.resources.desiredReady)} bucket={readyBucket(row.resources.ready, row.resources.desiredReady)} hint={<CountsLine counts={row.resources} />} />
        <Stat label="Targeted by" value={plural(repos.total, 'Git repo')} />
      </div>
      <SelectorCard detail={detail} />
      <MembersCard detail={detail} paging={paging} />
      <Card title="Git repos targeting this group" description="What loses these clusters if the group is deleted" flush testId="targeting-repos">
        {repos.total === 0 ? (
          <EmptyState>No GitRepo targets this group.</EmptyState>
        ) : (
          <>
            <Table label="Git repos targeting this group" head={['Git repo', 'How']}>
              {repoItems.map((repo) => (
                <tr key={repo.name} data-row={repo.name}>
                  <td className={cx(td, 'whitespace-nowrap')}>
                    <ObjectLink kind="gitrepos" ws={repo.workspace} name={repo.name} />
                  </td>
                  <td className={td}>{VIA[repo.via] ?? repo.via}</td>
                </tr>
              ))}
            </Table>
            <ShowMore shown={repoItems.length} total={repos.total} onMore={() => paging.more('gitRepos')} busy={paging.fetching} noun="Git repos" />
          </>
        )}
      </Card>
      <StatusMatrixCard kind="clustergroups" ws={detail.workspace} name={detail.name} />
      <ConditionsCard conditions={detail.conditions} />
      <EventsCard kind="clustergroups" ws={detail.workspace} name={detail.name} />
    </>
  );
}

export function ClusterGroupDetailView({ ws, name, prefetched }: { ws: string; name: string; prefetched: Prefetched<'clustergroups'> }) {
  return (
    <DetailFrame
      kind="clustergroups"
      ws={ws}
      name={name}
      prefetched={prefetched}
      actions={(detail) => <ClusterGroupActions detail={detail} />}
      subtitle={(detail) => <span>Selects {detail.row.selector === 'nothing' ? 'no cluster' : detail.row.selector === 'everything' ? 'every cluster' : <Tag>{detail.row.selector}</Tag>}</span>}
      overview={(detail, paging) => <Overview detail={detail} paging={paging} />}
    />
  );
}
