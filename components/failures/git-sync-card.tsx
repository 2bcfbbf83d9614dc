'use client';

import { showDialog } from '@/components/actions/dialog-store';
import { Button } from '@/components/ui/button';
import { useCan } from '@/lib/api/access';
import { Card, Fields, Muted, RelativeTime } from '@/components/detail/ui';
import type { GitRepoDetail } from '@/lib/api/schemas';
import { findCondition } from '@/lib/fleet/state';
import type { Condition } from '@/lib/fleet/types';
import { parseGoDuration } from '@/lib/k8s/duration';

interface SyncStatus {
  commit?: string;
  pollingCommit?: string;
  webhookCommit?: string;
  lastWebhookTime?: string;
  lastPollingTriggered?: string;
  gitJobStatus?: string;
  updateGeneration?: number;
  conditions?: Condition[];
}

interface SyncSpec {
  pollingInterval?: string;
  disablePolling?: boolean;
  forceSyncGeneration?: number;
  branch?: string;
  revision?: string;
}

/** Fleet polls every 15 s unless `spec.pollingInterval` says otherwise. */
const DEFAULT_POLLING_MS = 15_000;

/** The newest commit Fleet has seen on the branch: from the last poll or the last webhook, whichever came later. */
export function latestSeenCommit(status: SyncStatus): { commit?: string; via?: 'poll' | 'webhook' } {
  const polled = status.pollingCommit;
  const hooked = status.webhookCommit;
  if (hooked && (!polled || Date.parse(status.lastWebhookTime ?? '') > Date.parse(status.lastPollingTriggered ?? ''))) return { commit: hooked, via: 'webhook' };
  return polled ? { commit: polled, via: 'poll' } : {};
}

/** The git error as git (or Fleet's git job) wrote it: a failed poll, a stalled job, a refused repo. */
export function lastGitError(status: SyncStatus): string | undefined {
  const conditions = status.conditions;
  const polling = findCondition(conditions, 'GitPolling');
  if (polling?.status === 'False' && polling.message) return polling.message;
  const stalled = findCondition(conditions, 'Stalled');
  if (stalled?.status === 'True' && stalled.message) return stalled.message;
  const accepted = findCondition(conditions, 'Accepted');
  if (accepted?.status === 'False' && accepted.message) return accepted.message;
  const ready = findCondition(conditions, 'Ready');
  if (status.gitJobStatus === 'Failed' && ready?.status === 'False' && ready.message) return ready.message;
  return undefined;
}

function Sha({ sha, testId }: { sha?: string; testId?: string }) {
  if (!sha) return <Muted>none yet</Muted>;
  return (
    <code className="font-mono" title={sha} data-testid={testId}>
      {sha.slice(0, 12)}
    </code>
  );
}

/**
 * Where the repo stands with git: the commit deployed against the newest one seen on the branch,
 * the last and next poll, the last webhook, git's last error verbatim, and Force Update with what
 * it does in Fleet.
 */
export function GitSyncCard({ detail }: { detail: GitRepoDetail }) {
  const canForce = useCan(detail.workspace, 'gitrepos', 'patch');
  const status = (detail.object.status ?? {}) as SyncStatus;
  const spec = (detail.object.spec ?? {}) as SyncSpec;
  const latest = latestSeenCommit(status);
  const behind = Boolean(latest.commit && status.commit && latest.commit !== status.commit);
  const interval = (spec.pollingInterval ? parseGoDuration(spec.pollingInterval) : null) ?? DEFAULT_POLLING_MS;
  const last = status.lastPollingTriggered ? Date.parse(status.lastPollingTriggered) : NaN;
  const next = Number.isFinite(last) ? new Date(last + interval).toISOString() : undefined;
  const error = lastGitError(status);
  return (
    <Card title="Git sync" description={`What Fleet fetched from ${spec.branch ? `branch ${spec.branch}` : spec.revision ? `revision ${spec.revision}` : 'the default branch'}, and when`} testId="git-sync">
      <div className="space-y-4">
        <Fields
          items={[
            { label: 'Deployed commit', value: <Sha sha={status.commit} testId="sync-commit" /> },
            {
              label: 'Latest seen on the branch',
              value: latest.commit ? (
                <span>
                  <Sha sha={latest.commit} testId="sync-latest" /> <Muted>via {latest.via === 'webhook' ? 'webhook' : 'polling'}</Muted>
                  {behind ? <span className="block text-xs text-amber-800 dark:text-amber-300">Newer than the deployed commit: Fleet has not deployed it yet.</span> : status.commit ? <span className="block text-xs text-emerald-800 dark:text-emerald-300">Up to date</span> : null}
                </span>
              ) : (
                <Muted>nothing fetched yet</Muted>
              ),
            },
            { label: 'Last poll', value: <RelativeTime iso={status.lastPollingTriggered} fallback={spec.disablePolling ? 'polling is off' : 'not polled yet'} /> },
            {
              label: 'Next poll',
              value: spec.disablePolling ? <Muted>polling is off: only webhooks and Force Update fetch</Muted> : next ? <span data-testid="next-poll"><RelativeTime iso={next} /> <Muted>(every {spec.pollingInterval || '15s'})</Muted></span> : <Muted>as soon as Fleet gets to it</Muted>,
            },
            {
              label: 'Webhook commit',
              value: status.webhookCommit ? (
                <span>
                  <Sha sha={status.webhookCommit} /> <RelativeTime iso={status.lastWebhookTime} fallback="" />
                </span>
              ) : (
                <Muted>no webhook received</Muted>
              ),
            },
            { label: 'Git job', value: status.gitJobStatus ?? <Muted>not run yet</Muted> },
          ]}
        />
        {error ? (
          <div className="rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 dark:border-rose-900 dark:bg-rose-950/40" data-testid="git-error">
            <p className="text-xs font-medium text-rose-800 dark:text-rose-200">Last git error</p>
            <pre className="mt-1 font-mono text-xs break-words whitespace-pre-wrap text-rose-900 dark:text-rose-100">{error}</pre>
          </div>
        ) : null}
        <div className="flex flex-wrap items-start gap-3 border-t border-slate-100 pt-3 dark:border-slate-800">
          <Button
            variant="secondary"
            size="sm"
            onClick={() => showDialog({ type: 'gitrepo-force', rows: [detail.row] })}
            disabled={!canForce.allowed}
            title={canForce.reason}
            data-testid="sync-force-update"
          >
            Force Update…
          </Button>
          <p className="min-w-0 flex-1 text-xs text-slate-600 dark:text-slate-400" data-testid="force-update-explanation">
            Force Update re-deploys the last fetched commit: it increments <code className="font-mono">spec.forceSyncGeneration</code>
            {spec.forceSyncGeneration ? <> (now {spec.forceSyncGeneration})</> : null}, so Fleet runs the git job again and re-applies the bundles on every cluster, even when nothing changed.
          </p>
        </div>
      </div>
    </Card>
  );
}
