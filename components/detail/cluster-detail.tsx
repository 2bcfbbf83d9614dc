'use client';

import { DriftCard } from '@/components/failures/drift-card';
import { EventsCard } from '@/components/failures/events-card';
import { Badge } from '@/components/ui/badge';
import type { ClusterDetail } from '@/lib/api/schemas';
import { CLUSTER_DISPLAY_NAME_LABEL, isReservedLabelKey } from '@/lib/fleet/labels';

import { ClusterActions } from './actions';
import { DetailFrame, type Prefetched } from './detail-frame';
import { ConditionsCard, CountsLine, LabelTags, ObjectLink, readyBucket, readyText, RelatedStatesCard } from './sections';
import { Card, Fields, Muted, RelativeTime, Stat, Tag } from './ui';
import type { RelationPaging } from './use-object-detail';

interface ClusterStatusView {
  namespace?: string;
  agent?: { lastSeen?: string; namespace?: string };
  apiServerURL?: string;
  agentTLSMode?: string;
}

interface ClusterSpecView {
  paused?: boolean;
  agentNamespace?: string;
  redeployAgentGeneration?: number;
  kubeConfigSecret?: string;
}

function Overview({ detail, paging }: { detail: ClusterDetail; paging: RelationPaging }) {
  const { row } = detail;
  const status = (detail.object.status ?? {}) as ClusterStatusView;
  const spec = (detail.object.spec ?? {}) as ClusterSpecView;
  const labels = detail.object.metadata.labels ?? {};
  return (
    <>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Stat label="Bundles ready" value={readyText(row.bundlesReady.ready, row.bundlesReady.desired)} bucket={readyBucket(row.bundlesReady.ready, row.bundlesReady.desired)} hint="Including Fleet's agent bundle" />
        <Stat label="Git repos ready" value={readyText(row.reposReady.ready, row.reposReady.desired)} bucket={readyBucket(row.reposReady.ready, row.reposReady.desired)} />
        <Stat label="Resources ready" value={readyText(row.resources.ready, row.resources.desiredReady)} bucket={readyBucket(row.resources.ready, row.resources.desiredReady)} hint={<CountsLine counts={row.resources} />} />
        <Stat label="Agent last seen" value={<RelativeTime iso={row.lastSeen} fallback="never" />} bucket={row.lastSeen ? undefined : 'warning'} />
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <Card title="Labels" description="GitRepo targets and cluster groups select clusters by these" testId="labels-card">
          <LabelTags labels={labels} hideSystem={isReservedLabelKey} />
        </Card>
        <Card title="Agent" testId="agent">
          <Fields
            items={[
              { label: 'Last seen', value: <RelativeTime iso={status.agent?.lastSeen} fallback="never checked in" /> },
              { label: 'Display name', value: labels[CLUSTER_DISPLAY_NAME_LABEL] ?? <Muted>same as the name</Muted> },
              { label: 'Agent namespace', value: <Tag>{status.agent?.namespace ?? spec.agentNamespace ?? 'cattle-fleet-system'}</Tag> },
              { label: 'Deployments namespace', value: status.namespace ? <Tag>{status.namespace}</Tag> : <Muted>not assigned yet</Muted> },
              { label: 'Updates', value: spec.paused ? 'Paused' : 'Active' },
              { label: 'Agent redeploys', value: spec.redeployAgentGeneration ? <span className="tabular-nums">{spec.redeployAgentGeneration}</span> : <Muted>none</Muted> },
              ...(status.apiServerURL ? [{ label: 'API server', value: <code className="font-mono break-all">{status.apiServerURL}</code>, wide: true }] : []),
            ]}
          />
        </Card>
      </div>
      <Card title="Cluster groups" description="Groups in this workspace whose selector matches the cluster" testId="groups">
        {detail.relations.groups.length === 0 ? (
          <Muted>No cluster group selects this cluster.</Muted>
        ) : (
          <ul className="flex flex-wrap gap-2 text-sm">
            {detail.relations.groups.map((group) => (
              <li key={group}>
                <ObjectLink kind="clustergroups" ws={detail.workspace} name={group} />
              </li>
            ))}
          </ul>
        )}
      </Card>
      <RelatedStatesCard
        title="Git repos"
        description="Repositories deploying to this cluster, with their state here"
        page={detail.relations.repos}
        paging={paging}
        section="repos"
        nameHeader="Git repo"
        linkKind="gitrepos"
        showBundle
        empty="No GitRepo deploys to this cluster."
        testId="cluster-repos"
      />
      <RelatedStatesCard
        title="Bundles"
        description="Every bundle deployed here, including Fleet's agent"
        page={detail.relations.bundles}
        paging={paging}
        section="bundles"
        nameHeader="Bundle"
        linkKind="bundles"
        showRepo
        empty={status.namespace ? 'Nothing is deployed to this cluster.' : 'Fleet has not set this cluster up yet.'}
        testId="cluster-bundles"
      />
      <DriftCard kind="clusters" ws={detail.workspace} name={detail.name} />
      <ConditionsCard conditions={detail.conditions} />
      <EventsCard kind="clusters" ws={detail.workspace} name={detail.name} />
    </>
  );
}

export function ClusterDetailView({ ws, name, prefetched }: { ws: string; name: string; prefetched: Prefetched<'clusters'> }) {
  return (
    <DetailFrame
      kind="clusters"
      ws={ws}
      name={name}
      prefetched={prefetched}
      actions={(detail) => <ClusterActions detail={detail} />}
      badges={(detail) => (detail.row.paused ? <Badge tone="pending">Paused</Badge> : null)}
      subtitle={(detail) =>
        detail.row.displayName !== detail.name ? (
          <span>
            Shown in Rancher as <span className="font-medium">{detail.row.displayName}</span>
          </span>
        ) : null
      }
      overview={(detail, paging) => <Overview detail={detail} paging={paging} />}
    />
  );
}
