'use client';

import { EventsCard } from '@/components/failures/events-card';
import { Badge } from '@/components/ui/badge';
import { useState } from 'react';

import type { BundleDetail } from '@/lib/api/schemas';

import { DetailFrame, type Prefetched } from './detail-frame';
import { plural, shortCommit } from './format';
import { ConditionsCard, ObjectLink, readyBucket, readyText, RelatedStatesCard, TargetsList, type TargetLike } from './sections';
import { Card, CopyButton, cx, EmptyState, Fields, Muted, ShowMore, Stat, Table, Tag, td } from './ui';
import type { RelationPaging } from './use-object-detail';

interface BundleSpecView {
  paused?: boolean;
  targets?: TargetLike[];
  targetRestrictions?: TargetLike[];
  resources?: { name?: string; content?: string; encoding?: string }[];
  defaultNamespace?: string;
  namespace?: string;
  helm?: { chart?: string; version?: string; releaseName?: string };
  dependsOn?: { name?: string }[];
}

interface ResourceKeyView {
  kind?: string;
  apiVersion?: string;
  namespace?: string;
  name?: string;
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function FilesCard({ files }: { files: NonNullable<BundleSpecView['resources']> }) {
  const [shown, setShown] = useState(50);
  const sorted = [...files].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
  return (
    <Card title="Resources" description="The files Fleet packed into this bundle from the repository" flush testId="bundle-files">
      {sorted.length === 0 ? (
        <EmptyState>This bundle has no files.</EmptyState>
      ) : (
        <>
          <Table label="Files" head={['File', 'Size', 'Encoding']}>
            {sorted.slice(0, shown).map((file, index) => (
              <tr key={`${file.name}-${index}`}>
                <td className={cx(td, 'font-mono text-xs break-all')}>{file.name ?? <Muted>(unnamed)</Muted>}</td>
                <td className={cx(td, 'tabular-nums whitespace-nowrap')}>{size(file.content?.length ?? 0)}</td>
                <td className={td}>{file.encoding || <Muted>plain</Muted>}</td>
              </tr>
            ))}
          </Table>
          <ShowMore shown={Math.min(shown, sorted.length)} total={sorted.length} onMore={() => setShown((s) => s + 50)} noun="files" />
        </>
      )}
    </Card>
  );
}

function ObjectsCard({ keys }: { keys: ResourceKeyView[] }) {
  if (keys.length === 0) return null;
  return (
    <Card title="Deployed objects" description="Kubernetes objects this bundle renders to" flush testId="bundle-objects">
      <Table label="Deployed objects" head={['Kind', 'Namespace/Name']}>
        {keys.map((key, index) => (
          <tr key={index}>
            <td className={td}>
              {key.kind}
              {key.apiVersion ? <span className="block text-xs text-slate-600 dark:text-slate-400">{key.apiVersion}</span> : null}
            </td>
            <td className={cx(td, 'font-mono text-xs break-all')}>{key.namespace ? `${key.namespace}/${key.name}` : key.name}</td>
          </tr>
        ))}
      </Table>
    </Card>
  );
}

function Overview({ detail, paging }: { detail: BundleDetail; paging: RelationPaging }) {
  const { row } = detail;
  const spec = (detail.object.spec ?? {}) as BundleSpecView;
  const resourceKey = ((detail.object.status as { resourceKey?: ResourceKeyView[] } | undefined)?.resourceKey ?? []).filter((key) => key.kind);
  return (
    <>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Stat label="Clusters ready" value={readyText(row.clustersReady.ready, row.clustersReady.desired)} bucket={readyBucket(row.clustersReady.ready, row.clustersReady.desired)} hint={row.clustersReady.desired === 0 ? 'Not targeting any cluster' : undefined} />
        <Stat label="Files" value={row.resourceCount} />
        <Stat label="Commit" value={<span className="font-mono">{shortCommit(row.commit) ?? '—'}</span>} />
        <Stat label="Git repo" value={row.repo ? <ObjectLink kind="gitrepos" ws={detail.workspace} name={row.repo} /> : <Muted>none</Muted>} />
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <Card title="Origin" testId="origin">
          <Fields
            items={[
              {
                label: 'Git repo',
                value: row.repo ? <ObjectLink kind="gitrepos" ws={detail.workspace} name={row.repo} /> : <Muted>not created from a GitRepo</Muted>,
              },
              {
                label: 'Commit',
                value: row.commit ? (
                  <span className="inline-flex items-center gap-1">
                    <code className="font-mono" title={row.commit}>
                      {shortCommit(row.commit)}
                    </code>
                    <CopyButton value={row.commit} label="Copy the full commit SHA" />
                  </span>
                ) : (
                  <Muted>unknown</Muted>
                ),
              },
              { label: 'Updates', value: spec.paused ? 'Paused' : 'Active' },
              { label: 'Default namespace', value: spec.defaultNamespace ? <Tag>{spec.defaultNamespace}</Tag> : <Muted>default</Muted> },
              ...(spec.namespace ? [{ label: 'Target namespace', value: <Tag>{spec.namespace}</Tag> }] : []),
              ...(spec.helm?.chart ? [{ label: 'Helm chart', value: <Tag>{`${spec.helm.chart}${spec.helm.version ? `@${spec.helm.version}` : ''}`}</Tag> }] : []),
              ...(spec.dependsOn && spec.dependsOn.length > 0
                ? [{ label: 'Depends on', value: <span className="flex flex-wrap gap-1">{spec.dependsOn.map((d, i) => (d.name ? <ObjectLink key={i} kind="bundles" ws={detail.workspace} name={d.name} /> : <Tag key={i}>selector</Tag>))}</span> }]
                : []),
            ]}
          />
        </Card>
        <Card title="Targets" description="Clusters this bundle is deployed to" testId="targets-card">
          <TargetsList targets={spec.targets ?? []} ws={detail.workspace} empty={<Muted>No targets: this bundle is not deployed anywhere.</Muted>} />
          {spec.targetRestrictions && spec.targetRestrictions.length > 0 ? (
            <div className="mt-4">
              <p className="mb-1 text-xs font-medium text-slate-600 dark:text-slate-400">Restricted to ({plural(spec.targetRestrictions.length, 'rule')}, from the GitRepo)</p>
              <TargetsList targets={spec.targetRestrictions} ws={detail.workspace} empty={null} />
            </div>
          ) : null}
        </Card>
      </div>
      <RelatedStatesCard
        title="Deployments"
        description="One deployment per target cluster, worst first"
        page={detail.relations.deployments}
        paging={paging}
        section="deployments"
        nameHeader="Cluster"
        linkKind="clusters"
        showDeployments={false}
        empty="Not deployed to any cluster yet."
        testId="deployments"
      />
      <ObjectsCard keys={resourceKey} />
      <FilesCard files={spec.resources ?? []} />
      <ConditionsCard conditions={detail.conditions} />
      <EventsCard kind="bundles" ws={detail.workspace} name={detail.name} />
    </>
  );
}

export function BundleDetailView({ ws, name, prefetched }: { ws: string; name: string; prefetched: Prefetched<'bundles'> }) {
  return (
    <DetailFrame
      kind="bundles"
      ws={ws}
      name={name}
      prefetched={prefetched}
      badges={(detail) => (detail.row.paused ? <Badge tone="pending">Paused</Badge> : null)}
      subtitle={(detail) =>
        detail.row.repo ? (
          <span>
            From Git repo <ObjectLink kind="gitrepos" ws={detail.workspace} name={detail.row.repo} />
          </span>
        ) : null
      }
      yamlNote={<>Fleet writes this bundle from its GitRepo: the next time the GitRepo is processed, edits made here are replaced. Change the repository (or the GitRepo) to make them last.</>}
      overview={(detail, paging) => <Overview detail={detail} paging={paging} />}
    />
  );
}
