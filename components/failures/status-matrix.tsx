'use client';

import { useId, useState } from 'react';

import { Card, cx, EmptyState, Muted, StateBadge, Table, td } from '@/components/detail/ui';
import { ObjectLink } from '@/components/detail/sections';
import { formatState } from '@/components/ui/state-badge';
import { MATRIX_STATES, matrixPageSchema, type MatrixPage } from '@/lib/api/schemas';

import { Pager } from './pager';
import { useFailureQuery } from './use-failure-query';

const PAGE_SIZE = 25;

/**
 * Clusters × bundles, each cell the BundleDeployment's state: which cluster fails with which
 * bundle, and that the others are fine. Filtered by the row's (worst) state and paged by the BFF.
 */
export function StatusMatrixCard({ kind, ws, name }: { kind: 'gitrepos' | 'clustergroups'; ws: string; name: string }) {
  const [state, setState] = useState<string>('');
  const [page, setPage] = useState(1);
  const query = useFailureQuery<MatrixPage>(kind, ws, name, 'matrix', { state: state || undefined, page, limit: PAGE_SIZE }, matrixPageSchema);
  const selectId = useId();
  const data = query.data;
  const all = data ? Object.values(data.counts).reduce((sum, n) => sum + n, 0) : 0;
  const states = data ? [...MATRIX_STATES, ...Object.keys(data.counts).filter((s) => !(MATRIX_STATES as readonly string[]).includes(s))] : [];

  const filter = (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor={selectId} className="text-slate-600 dark:text-slate-400">
        Show
      </label>
      <select
        id={selectId}
        value={state}
        onChange={(event) => {
          setState(event.target.value);
          setPage(1);
        }}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
        data-testid="matrix-filter"
      >
        <option value="">All clusters ({all})</option>
        {states
          .filter((s) => (data?.counts[s] ?? 0) > 0 || s === state)
          .map((s) => (
            <option key={s} value={s}>
              {formatState(s)} ({data?.counts[s] ?? 0})
            </option>
          ))}
      </select>
    </div>
  );

  let body;
  if (!data) {
    body = query.error ? <EmptyState>Could not load the matrix: {query.error.message}</EmptyState> : <EmptyState>Loading the status of every cluster…</EmptyState>;
  } else if (data.total === 0) {
    body = <EmptyState>{state ? `No cluster is ${formatState(state)}.` : 'No bundle is deployed to any cluster yet.'}</EmptyState>;
  } else {
    body = (
      <>
        <Table label="Status per cluster and bundle" head={['Cluster', 'State', ...data.bundles]} testId="matrix">
          {data.rows.map((row) => (
            <tr key={`${row.workspace}/${row.cluster}`} data-row={row.cluster} data-state={row.state}>
              <td className={cx(td, 'whitespace-nowrap')}>
                <ObjectLink kind="clusters" ws={row.workspace} name={row.cluster} />
              </td>
              <td className={cx(td, 'whitespace-nowrap')}>
                <StateBadge state={row.state} bucket={row.bucket} />
              </td>
              {data.bundles.map((bundle) => {
                const cell = row.cells[bundle];
                return (
                  <td key={bundle} className={cx(td, 'min-w-32')} data-bundle={bundle}>
                    {cell ? (
                      <span className="flex flex-col items-start gap-1">
                        <StateBadge state={cell.state} bucket={cell.bucket} />
                        {cell.message ? (
                          <span className="line-clamp-2 max-w-xs text-xs break-words text-slate-600 dark:text-slate-400" title={cell.message}>
                            {cell.message}
                          </span>
                        ) : null}
                      </span>
                    ) : (
                      <Muted>not targeted</Muted>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </Table>
        <Pager page={data.page} limit={data.limit} total={data.total} onPage={setPage} noun="clusters" busy={query.isFetching} />
      </>
    );
  }

  return (
    <Card title="Status matrix" description="Each cluster × bundle, worst first: a problem on one cluster shows on that cluster only" actions={filter} flush testId="status-matrix">
      {body}
    </Card>
  );
}
