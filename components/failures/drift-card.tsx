'use client';

import { useState } from 'react';

import { Card, cx, EmptyState, Table, td } from '@/components/detail/ui';
import { ObjectLink } from '@/components/detail/sections';
import { driftPageSchema, type DriftPage, type DriftRow } from '@/lib/api/schemas';
import { driftResourceName } from '@/lib/fleet/drift';

import { Pager } from './pager';
import { useFailureQuery } from './use-failure-query';

const PAGE_SIZE = 20;

const CHANGE_LABEL: Record<DriftRow['change'], string> = { missing: 'Missing', extra: 'Extra', 'not-owned': 'Not owned', patched: 'Changed' };
const CHANGE_TONE: Record<DriftRow['change'], string> = {
  missing: 'bg-rose-50 text-rose-800 ring-rose-200 dark:bg-rose-950/40 dark:text-rose-200 dark:ring-rose-900',
  extra: 'bg-amber-50 text-amber-900 ring-amber-200 dark:bg-amber-950/40 dark:text-amber-200 dark:ring-amber-900',
  'not-owned': 'bg-amber-50 text-amber-900 ring-amber-200 dark:bg-amber-950/40 dark:text-amber-200 dark:ring-amber-900',
  patched: 'bg-sky-50 text-sky-900 ring-sky-200 dark:bg-sky-950/40 dark:text-sky-200 dark:ring-sky-900',
};

/** The changed fields of a patched resource: `path: desired` (→ live when known), or "remove". */
function DriftDiff({ row }: { row: DriftRow }) {
  if (row.rawPatch) return <pre className="font-mono text-xs break-all whitespace-pre-wrap">{row.rawPatch}</pre>;
  if (row.fields.length === 0) return <span className="text-xs">{row.summary}</span>;
  return (
    <div>
      <p className="text-xs text-slate-600 dark:text-slate-400">{row.summary}; Fleet would set:</p>
      <ul className="mt-1 space-y-0.5 font-mono text-xs" data-testid="drift-fields">
        {row.fields.map((field) => (
          <li key={field.path} className="break-all">
            <span className="text-slate-700 dark:text-slate-300">{field.path}</span>:{' '}
            {field.removed ? (
              <span className="text-rose-700 dark:text-rose-300">remove (only on the cluster)</span>
            ) : (
              <>
                <span className="text-emerald-800 dark:text-emerald-300">{field.desired}</span>
                {field.live !== undefined ? <> → <span className="text-rose-700 dark:text-rose-300">{field.live}</span> (live)</> : null}
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Every resource that drifted from what Fleet deployed (from BundleDeployment modifiedStatus):
 * across a GitRepo's clusters, or on one cluster. Paged by the BFF.
 */
export function DriftCard({ kind, ws, name }: { kind: 'gitrepos' | 'clusters'; ws: string; name: string }) {
  const [page, setPage] = useState(1);
  const query = useFailureQuery<DriftPage>(kind, ws, name, 'drift', { page, limit: PAGE_SIZE }, driftPageSchema);
  const data = query.data;
  const perCluster = kind === 'clusters';
  let body;
  if (!data) body = query.error ? <EmptyState>Could not load drift: {query.error.message}</EmptyState> : <EmptyState>Loading drift…</EmptyState>;
  else if (data.total === 0) body = <EmptyState>No drift: every deployed resource matches what Fleet applied.</EmptyState>;
  else {
    body = (
      <>
        <Table label="Drifted resources" head={[...(perCluster ? [] : ['Cluster']), 'Bundle', 'Resource', 'Drift']} testId="drift">
          {data.items.map((row, index) => (
            <tr key={`${row.cluster}/${row.bundle}/${row.kind}/${row.namespace}/${row.name}/${index}`} data-row={`${row.cluster}/${row.name}`} data-change={row.change}>
              {perCluster ? null : (
                <td className={cx(td, 'whitespace-nowrap')}>
                  <ObjectLink kind="clusters" ws={row.workspace} name={row.cluster} />
                </td>
              )}
              <td className={cx(td, 'whitespace-nowrap')}>
                <ObjectLink kind="bundles" ws={ws && !perCluster ? ws : row.workspace} name={row.bundle} />
              </td>
              <td className={cx(td, 'font-mono text-xs break-all')}>
                {driftResourceName(row)}
                {row.apiVersion ? <span className="block text-slate-600 dark:text-slate-400">{row.apiVersion}</span> : null}
              </td>
              <td className={td}>
                <span className={cx('mb-1 inline-flex rounded-md px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset', CHANGE_TONE[row.change])}>{CHANGE_LABEL[row.change]}</span>
                {row.change === 'patched' ? <DriftDiff row={row} /> : <p className="text-xs">{row.summary}</p>}
              </td>
            </tr>
          ))}
        </Table>
        <Pager page={data.page} limit={data.limit} total={data.total} onPage={setPage} noun="drifted resources" busy={query.isFetching} />
      </>
    );
  }
  return (
    <Card
      title="Drift"
      description={data && data.total > 0 ? <>{data.total} drifted resource{data.total === 1 ? '' : 's'}{perCluster ? '' : <> on {data.clusters} cluster{data.clusters === 1 ? '' : 's'}</>}: changed, deleted or added on the cluster since Fleet applied them</> : 'Resources changed on the cluster since Fleet applied them'}
      flush
      testId="drift-card"
    >
      {body}
    </Card>
  );
}


