'use client';

import Link from 'next/link';
import { useState, type ReactNode } from 'react';

import type { ConditionDto, RelatedState, RelationPage, ResourceCountsDto } from '@/lib/api/schemas';
import { formatRequirements, labelSelectorToRequirements, type LabelSelector } from '@/lib/k8s/label-selector';

import { plural } from './format';
import { Card, cx, EmptyState, Muted, RelativeTime, ShowMore, StateBadge, Table, Tag, td } from './ui';
import type { RelationPaging } from './use-object-detail';

export const detailHref = (kind: 'gitrepos' | 'clusters' | 'clustergroups' | 'bundles', ws: string, name: string) => `/w/${ws}/${kind}/${name}`;

export function ObjectLink({ kind, ws, name, children }: { kind: 'gitrepos' | 'clusters' | 'clustergroups' | 'bundles'; ws: string; name: string; children?: ReactNode }) {
  return (
    <Link href={detailHref(kind, ws, name)} className="font-mono text-brand-700 hover:underline dark:text-brand-400">
      {children ?? name}
    </Link>
  );
}

// ---- conditions -------------------------------------------------------------------------------

const CONDITION_ORDER = ['Ready', 'Accepted', 'Stalled', 'Reconciling', 'GitPolling', 'Processed', 'Imported', 'Reconciled'];

/** A condition that says something is wrong: Stalled=True, or another one False. */
function conditionBad(condition: ConditionDto): boolean {
  if (condition.type === 'Stalled') return condition.status === 'True';
  if (condition.type === 'Reconciling') return false;
  return condition.status === 'False';
}

export function ConditionsCard({ conditions }: { conditions: ConditionDto[] }) {
  const sorted = [...conditions].sort((a, b) => {
    const rank = (c: ConditionDto) => (conditionBad(c) ? 0 : 1);
    const order = (c: ConditionDto) => {
      const index = CONDITION_ORDER.indexOf(c.type);
      return index === -1 ? CONDITION_ORDER.length : index;
    };
    return rank(a) - rank(b) || order(a) - order(b) || a.type.localeCompare(b.type);
  });
  return (
    <Card title="Conditions" description="What Fleet's controllers last reported, problems first" flush testId="conditions">
      {sorted.length === 0 ? (
        <EmptyState>No conditions reported yet.</EmptyState>
      ) : (
        <Table label="Conditions" head={['Type', 'Status', 'Reason', 'Message', 'Last update']}>
          {sorted.map((condition) => {
            const bad = conditionBad(condition);
            return (
              <tr key={condition.type} data-condition={condition.type}>
                <td className={cx(td, 'font-medium whitespace-nowrap')}>{condition.type}</td>
                <td className={td}>
                  <span className={cx('inline-flex items-center gap-1.5 whitespace-nowrap', bad ? 'text-rose-700 dark:text-rose-300' : undefined)}>
                    <span className={cx('size-1.5 rounded-full', bad ? 'bg-rose-500' : condition.status === 'True' ? 'bg-emerald-500' : 'bg-slate-400')} aria-hidden="true" />
                    {condition.status}
                  </span>
                </td>
                <td className={cx(td, 'whitespace-nowrap')}>{condition.reason || <Muted>—</Muted>}</td>
                <td className={cx(td, 'max-w-xl break-words')}>{condition.message || <Muted>—</Muted>}</td>
                <td className={cx(td, 'whitespace-nowrap')}>
                  <RelativeTime iso={condition.lastUpdateTime ?? condition.lastTransitionTime} />
                </td>
              </tr>
            );
          })}
        </Table>
      )}
    </Card>
  );
}

// ---- selectors and targets --------------------------------------------------------------------

export function selectorText(selector: unknown): string {
  if (selector === null || selector === undefined) return 'nothing';
  try {
    return formatRequirements(labelSelectorToRequirements(selector as LabelSelector)) || 'everything';
  } catch {
    return 'an invalid selector';
  }
}

export interface TargetLike {
  name?: string;
  clusterName?: string;
  clusterGroup?: string;
  clusterSelector?: unknown;
  clusterGroupSelector?: unknown;
  doNotDeploy?: boolean;
}

/** One target in words: criteria are ANDed, as Fleet applies them. */
export function TargetDescription({ target, ws }: { target: TargetLike; ws: string }) {
  const parts: ReactNode[] = [];
  if (target.clusterName) parts.push(<span key="c">cluster <ObjectLink kind="clusters" ws={ws} name={target.clusterName} /></span>);
  if (target.clusterGroup) parts.push(<span key="g">cluster group <ObjectLink kind="clustergroups" ws={ws} name={target.clusterGroup} /></span>);
  if (target.clusterGroupSelector !== undefined && target.clusterGroupSelector !== null) {
    const text = selectorText(target.clusterGroupSelector);
    parts.push(<span key="gs">{text === 'everything' ? 'every cluster group' : <>cluster groups with <Tag>{text}</Tag></>}</span>);
  }
  if (target.clusterSelector !== undefined && target.clusterSelector !== null) {
    const text = selectorText(target.clusterSelector);
    parts.push(<span key="cs">{text === 'everything' ? 'every cluster in the workspace' : <>clusters with <Tag>{text}</Tag></>}</span>);
  }
  return (
    <span>
      {parts.length === 0 ? <Muted>no criteria (matches no cluster)</Muted> : parts.map((part, index) => (
        <span key={index}>
          {index > 0 ? <Muted> and </Muted> : null}
          {part}
        </span>
      ))}
      {target.doNotDeploy ? <Muted> — excluded (doNotDeploy)</Muted> : null}
    </span>
  );
}

export function TargetsList({ targets, ws, empty }: { targets: TargetLike[]; ws: string; empty: ReactNode }) {
  if (targets.length === 0) return <p className="text-sm">{empty}</p>;
  return (
    <ul className="space-y-2 text-sm" data-testid="targets">
      {targets.map((target, index) => (
        <li key={index} className="flex gap-2">
          <span className="mt-0.5 shrink-0 rounded bg-slate-100 px-1.5 text-xs font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-300">{target.name || `#${index + 1}`}</span>
          <TargetDescription target={target} ws={ws} />
        </li>
      ))}
    </ul>
  );
}

// ---- counts -----------------------------------------------------------------------------------

export function readyText(ready: number, desired: number): string {
  return desired === 0 ? '0' : `${ready}/${desired}`;
}

export function readyBucket(ready: number, desired: number) {
  return desired > 0 && ready < desired ? ('warning' as const) : undefined;
}

const COUNT_KEYS: { key: keyof ResourceCountsDto; label: string; tone: string }[] = [
  { key: 'ready', label: 'ready', tone: 'bg-emerald-500' },
  { key: 'notReady', label: 'not ready', tone: 'bg-amber-500' },
  { key: 'modified', label: 'modified', tone: 'bg-amber-500' },
  { key: 'waitApplied', label: 'wait applied', tone: 'bg-sky-500' },
  { key: 'missing', label: 'missing', tone: 'bg-amber-500' },
  { key: 'orphaned', label: 'orphaned', tone: 'bg-amber-500' },
  { key: 'unknown', label: 'unknown', tone: 'bg-slate-400' },
];

/** "12 ready · 1 modified" with coloured dots; only non-zero states. */
export function CountsLine({ counts }: { counts: Partial<Record<keyof ResourceCountsDto, number>> }) {
  const items = COUNT_KEYS.filter(({ key }) => (counts[key] ?? 0) > 0);
  if (items.length === 0) return <Muted>none</Muted>;
  return (
    <span className="inline-flex flex-wrap gap-x-3 gap-y-1">
      {items.map(({ key, label, tone }) => (
        <span key={key} className="inline-flex items-center gap-1 whitespace-nowrap">
          <span className={cx('size-1.5 rounded-full', tone)} aria-hidden="true" />
          <span className="tabular-nums">{counts[key]}</span> {label}
        </span>
      ))}
    </span>
  );
}

// ---- related states ---------------------------------------------------------------------------

/**
 * The BFF words a group's first non-ready deployment as `<bundle>: <message>`; bundle names
 * cannot hold ": ", so it splits back safely.
 */
export function splitBundleMessage(message: string): { bundle?: string; message: string } {
  const index = message.indexOf(': ');
  if (index <= 0) return { message };
  return { bundle: message.slice(0, index), message: message.slice(index + 2) };
}

export function RelatedStatesCard({
  title,
  description,
  page,
  paging,
  section,
  nameHeader,
  linkKind,
  showBundle,
  showRepo,
  showDeployments = true,
  empty,
  testId,
}: {
  title: string;
  description?: ReactNode;
  page: RelationPage<RelatedState>;
  paging: RelationPaging;
  section: string;
  nameHeader: string;
  linkKind: 'clusters' | 'bundles' | 'gitrepos';
  showBundle?: boolean;
  showRepo?: boolean;
  /** The ready/total BundleDeployments column (one per row for a bundle's clusters: left out). */
  showDeployments?: boolean;
  empty: ReactNode;
  testId?: string;
}) {
  const items = page.items.slice(0, paging.visible(section));
  const head = [nameHeader, 'State', ...(showBundle ? ['Bundle'] : []), ...(showRepo ? ['Git repo'] : []), ...(showDeployments ? ['Deployments ready'] : []), 'Message'];
  return (
    <Card title={title} description={description} flush testId={testId}>
      {page.total === 0 ? (
        <EmptyState>{empty}</EmptyState>
      ) : (
        <>
          <Table label={title} head={head}>
            {items.map((item) => {
              const split = showBundle ? splitBundleMessage(item.message) : { message: item.message };
              return (
                <tr key={`${item.workspace}/${item.name}`} data-row={item.name}>
                  <td className={cx(td, 'whitespace-nowrap')}>
                    <ObjectLink kind={linkKind} ws={item.workspace} name={item.name} />
                  </td>
                  <td className={td}>
                    <StateBadge state={item.state} bucket={item.bucket} />
                  </td>
                  {showBundle ? <td className={cx(td, 'whitespace-nowrap')}>{split.bundle ? <ObjectLink kind="bundles" ws={item.workspace} name={split.bundle} /> : <Muted>—</Muted>}</td> : null}
                  {showRepo ? <td className={cx(td, 'whitespace-nowrap')}>{item.repo ? <ObjectLink kind="gitrepos" ws={item.workspace} name={item.repo} /> : <Muted>—</Muted>}</td> : null}
                  {showDeployments ? (
                    <td className={cx(td, 'tabular-nums whitespace-nowrap', item.deployments.ready < item.deployments.desired && 'text-amber-800 dark:text-amber-300')}>
                      {item.deployments.ready}/{item.deployments.desired}
                    </td>
                  ) : null}
                  <td className={cx(td, 'max-w-xl break-words')}>{split.message || <Muted>—</Muted>}</td>
                </tr>
              );
            })}
          </Table>
          <ShowMore shown={items.length} total={page.total} onMore={() => paging.more(section)} busy={paging.fetching} noun={title.toLowerCase()} />
          {!page.complete ? (
            <p className="border-t border-slate-100 px-4 py-2 text-xs text-amber-800 dark:border-slate-800 dark:text-amber-300">
              Fleet Deck stopped reading deployments at its budget; totals come from Fleet&apos;s status.
            </p>
          ) : null}
        </>
      )}
    </Card>
  );
}

// ---- resources --------------------------------------------------------------------------------

interface ResourceEntry {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  id?: string;
  state?: string;
  message?: string;
  perClusterState?: unknown;
}

const PER_CLUSTER_KEYS: (keyof ResourceCountsDto)[] = ['ready', 'notReady', 'modified', 'waitApplied', 'missing', 'orphaned', 'unknown'];

/** Counts of clusters per state for one resource, from the map form (Fleet ≥ 0.12) or the list form. */
export function perClusterCounts(perClusterState: unknown): Partial<Record<keyof ResourceCountsDto, number>> {
  const counts: Partial<Record<keyof ResourceCountsDto, number>> = {};
  if (Array.isArray(perClusterState)) {
    for (const entry of perClusterState as { state?: string }[]) {
      const key = (entry.state ?? 'unknown').replace(/^./, (c) => c.toLowerCase()) as keyof ResourceCountsDto;
      const bucket = PER_CLUSTER_KEYS.includes(key) ? key : 'notReady';
      counts[bucket] = (counts[bucket] ?? 0) + 1;
    }
    return counts;
  }
  if (perClusterState && typeof perClusterState === 'object') {
    for (const [state, clusters] of Object.entries(perClusterState as Record<string, unknown>)) {
      if (!Array.isArray(clusters) || clusters.length === 0) continue;
      const key = (PER_CLUSTER_KEYS.includes(state as keyof ResourceCountsDto) ? state : state === 'pending' ? 'waitApplied' : 'unknown') as keyof ResourceCountsDto;
      counts[key] = (counts[key] ?? 0) + clusters.length;
    }
  }
  return counts;
}

const STATE_ORDER: Record<string, number> = { errapplied: 0, error: 0, missing: 1, modified: 2, orphaned: 3, notready: 4, waitapplied: 5, pending: 5, unknown: 6, ready: 9 };

export function ResourcesCard({ resources, counts, description }: { resources: ResourceEntry[]; counts?: ResourceCountsDto; description?: ReactNode }) {
  const [shown, setShown] = useState(50);
  const sorted = [...resources].sort(
    (a, b) =>
      (STATE_ORDER[(a.state ?? '').toLowerCase()] ?? 7) - (STATE_ORDER[(b.state ?? '').toLowerCase()] ?? 7) ||
      (a.kind ?? '').localeCompare(b.kind ?? '') ||
      (a.id ?? a.name ?? '').localeCompare(b.id ?? b.name ?? ''),
  );
  return (
    <Card
      title="Resources"
      description={description ?? (counts ? <>Across all clusters: <CountsLine counts={counts} /></> : undefined)}
      flush
      testId="resources"
    >
      {sorted.length === 0 ? (
        <EmptyState>No deployed resources reported yet.</EmptyState>
      ) : (
        <>
          <Table label="Resources" head={['Kind', 'Namespace/Name', 'State', 'Clusters by state']}>
            {sorted.slice(0, shown).map((resource, index) => (
              <tr key={`${resource.apiVersion}/${resource.kind}/${resource.id ?? resource.name}/${index}`}>
                <td className={cx(td, 'whitespace-nowrap')}>
                  {resource.kind ?? <Muted>—</Muted>}
                  {resource.apiVersion ? <span className="block text-xs text-slate-600 dark:text-slate-400">{resource.apiVersion}</span> : null}
                </td>
                <td className={cx(td, 'font-mono text-xs break-all')}>{resource.id || (resource.namespace ? `${resource.namespace}/${resource.name ?? ''}` : resource.name)}</td>
                <td className={td}>
                  <StateBadge state={resource.state || 'Unknown'} />
                  {resource.message ? <span className="mt-1 block text-xs break-words text-slate-600 dark:text-slate-400">{resource.message}</span> : null}
                </td>
                <td className={cx(td, 'text-xs')}>
                  <CountsLine counts={perClusterCounts(resource.perClusterState)} />
                </td>
              </tr>
            ))}
          </Table>
          <ShowMore shown={Math.min(shown, sorted.length)} total={sorted.length} onMore={() => setShown((s) => s + 50)} noun="resources" />
        </>
      )}
    </Card>
  );
}

export function LabelTags({ labels, hideSystem }: { labels: Record<string, string>; hideSystem?: (key: string) => boolean }) {
  const entries = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  const shown = hideSystem ? entries.filter(([key]) => !hideSystem(key)) : entries;
  const hidden = entries.length - shown.length;
  return (
    <div className="flex flex-wrap gap-1.5" data-testid="labels">
      {shown.length === 0 ? <Muted>No labels{hidden > 0 ? ' of your own' : ''}.</Muted> : null}
      {shown.map(([key, value]) => (
        <Tag key={key}>
          {key}={value}
        </Tag>
      ))}
      {hidden > 0 ? <Muted>{` + ${plural(hidden, 'label')} set by Fleet or Rancher`}</Muted> : null}
    </div>
  );
}
