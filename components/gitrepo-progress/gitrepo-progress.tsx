'use client';

/**
 * Where a Git repo is on its way to Ready, in three steps Fleet's own status tells apart:
 * cloning (the git job: `status.commit`, `gitJobStatus`), bundles created (the repo's Bundles),
 * and clusters ready (`clustersReady` k of N, with a bar). A failing condition's message is shown
 * in full, not behind a tooltip. It re-renders with the detail page, which follows the cluster live.
 */
import { cx } from '@/components/ui/cx';
import type { GitRepoDetail } from '@/lib/api/schemas';

type StepState = 'done' | 'active' | 'failed' | 'waiting';

interface ProgressStep {
  label: string;
  state: StepState;
  detail: string;
}

const STATE_TEXT: Record<StepState, string> = { done: 'done', active: 'in progress', failed: 'failed', waiting: 'waiting' };
const MARK: Record<StepState, string> = { done: '✓', active: '…', failed: '!', waiting: '·' };

/** The condition that explains a failure, if Fleet reports one (Stalled, Accepted=False, …). */
function failure(detail: GitRepoDetail): string | undefined {
  const bad = detail.conditions.find(
    (condition) => condition.message && ((condition.type === 'Stalled' && condition.status === 'True') || (['Accepted', 'GitPolling'].includes(condition.type) && condition.status === 'False')),
  );
  if (bad) return bad.message;
  return detail.row.bucket === 'error' && detail.row.message ? detail.row.message : undefined;
}

export function progressSteps(detail: GitRepoDetail): { steps: ProgressStep[]; error?: string } {
  const status = (detail.object.status ?? {}) as { commit?: string; gitJobStatus?: string };
  const error = failure(detail);
  const cloned = Boolean(status.commit);
  const bundles = detail.relations.bundles.total;
  const { ready, desired } = detail.row.clustersReady;
  const cloning: StepState = cloned ? 'done' : error ? 'failed' : 'active';
  const bundled: StepState = bundles > 0 ? 'done' : !cloned ? 'waiting' : error ? 'failed' : 'active';
  const clusters: StepState = bundles === 0 ? 'waiting' : desired > 0 && ready === desired ? 'done' : error ? 'failed' : 'active';
  return {
    error,
    steps: [
      { label: 'Cloning', state: cloning, detail: cloned ? `commit ${status.commit!.slice(0, 7)}` : status.gitJobStatus ? `git job ${status.gitJobStatus}` : 'waiting for the git job' },
      { label: 'Bundles created', state: bundled, detail: bundles > 0 ? `${bundles} ${bundles === 1 ? 'bundle' : 'bundles'}` : 'none yet' },
      { label: 'Clusters ready', state: clusters, detail: desired === 0 ? (bundles > 0 ? 'no cluster targeted' : 'none yet') : `${ready} of ${desired}` },
    ],
  };
}

export function GitRepoProgress({ detail }: { detail: GitRepoDetail }) {
  const { steps, error } = progressSteps(detail);
  const { ready, desired } = detail.row.clustersReady;
  const percent = desired > 0 ? Math.round((ready / desired) * 100) : 0;
  const complete = steps.every((step) => step.state === 'done');
  return (
    <section aria-labelledby="gitrepo-progress-title" className="rounded-xl border border-slate-200 bg-white p-4 shadow-xs dark:border-slate-800 dark:bg-slate-900" data-testid="gitrepo-progress">
      <h2 id="gitrepo-progress-title" className="text-base font-semibold tracking-tight">
        Progress {complete ? <span className="text-sm font-normal text-emerald-800 dark:text-emerald-300">— ready on every targeted cluster</span> : null}
      </h2>
      <ol className="mt-3 grid gap-2 sm:grid-cols-3">
        {steps.map((step) => (
          <li key={step.label} className="flex items-start gap-2" data-testid="progress-step" data-state={step.state}>
            <span
              aria-hidden="true"
              className={cx(
                'mt-0.5 inline-flex size-5 shrink-0 items-center justify-center rounded-full text-xs font-bold',
                step.state === 'done' && 'bg-emerald-600 text-white',
                step.state === 'active' && 'animate-pulse bg-sky-600 text-white',
                step.state === 'failed' && 'bg-rose-600 text-white',
                step.state === 'waiting' && 'bg-slate-200 text-slate-600 dark:bg-slate-700 dark:text-slate-200',
              )}
            >
              {MARK[step.state]}
            </span>
            <span className="text-sm">
              <span className="font-medium">{step.label}</span> <span className="text-slate-600 dark:text-slate-400">({STATE_TEXT[step.state]})</span>
              <span className="block text-xs text-slate-600 dark:text-slate-400">{step.detail}</span>
            </span>
          </li>
        ))}
      </ol>
      <div className="mt-3">
        <div
          role="progressbar"
          aria-label="Clusters ready"
          aria-valuemin={0}
          aria-valuemax={Math.max(desired, 1)}
          aria-valuenow={ready}
          aria-valuetext={`${ready} of ${desired} clusters ready`}
          className="h-2 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
        >
          <div className={cx('h-full rounded-full transition-all', error ? 'bg-rose-600' : 'bg-emerald-600')} style={{ width: `${percent}%` }} />
        </div>
      </div>
      {error ? (
        <p role="alert" className="mt-3 rounded-md border border-rose-300 bg-rose-50 p-2 font-mono text-xs break-words whitespace-pre-wrap text-rose-900 dark:border-rose-800 dark:bg-rose-950 dark:text-rose-100" data-testid="progress-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
