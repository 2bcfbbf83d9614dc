'use client';

/**
 * A failed load, in words: what failed, the BFF's error code and message, and a retry button.
 * Never shows a stack trace.
 *
 *   const query = useQuery(…);
 *   if (query.isError) return <ErrorState title="Could not load Git Repos" error={query.error} onRetry={() => query.refetch()} />;
 *
 * Props: `error` (an ApiClientError, any Error, or `{code, message}`), `title` (default "Something
 * went wrong"), `onRetry` (shows a "Try again" button), `retrying` (spinner on that button),
 * `compact` (smaller, for inside cards), `className`. `describeError(error)` gives the
 * `{code, message, hint}` it shows.
 */
import { ApiClientError } from '@/lib/api/client';

import { Button } from './button';
import { cx } from './cx';
import { Icon } from './icons';

export interface DescribedError {
  code: string;
  message: string;
  hint?: string;
}

const HINTS: Record<string, string> = {
  network: "Check that Fleet Deck's server is still running, then try again.",
  cluster_unreachable: 'Fleet Deck cannot reach the management cluster. Check that its API server is running and reachable.',
  not_ready: 'Fleet Deck is still loading objects from the cluster. This usually takes a few seconds.',
  forbidden: "The cluster account Fleet Deck uses is not allowed to do this.",
  unauthenticated: 'The cluster rejected the credentials in the kubeconfig.',
};

export function describeError(error: unknown): DescribedError {
  if (error instanceof ApiClientError) return { code: error.code, message: error.message, hint: HINTS[error.code] };
  if (error && typeof error === 'object' && 'code' in error && 'message' in error) {
    const { code, message } = error as { code: unknown; message: unknown };
    return { code: String(code), message: String(message), hint: HINTS[String(code)] };
  }
  if (error instanceof Error) return { code: 'internal', message: error.message || 'Unexpected error' };
  return { code: 'internal', message: typeof error === 'string' ? error : 'Unexpected error' };
}

export interface ErrorStateProps {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  retrying?: boolean;
  compact?: boolean;
  className?: string;
}

export function ErrorState({ error, title = 'Something went wrong', onRetry, retrying, compact = false, className }: ErrorStateProps) {
  const { code, message, hint } = describeError(error);
  return (
    <div
      role="alert"
      className={cx(
        'rounded-xl border border-rose-200 bg-rose-50 text-rose-950 dark:border-rose-900/60 dark:bg-rose-950/40 dark:text-rose-100',
        compact ? 'p-3' : 'p-5',
        className,
      )}
      data-testid="error-state"
    >
      <div className="flex items-start gap-3">
        <Icon name="error" className="mt-0.5 size-5 shrink-0 text-rose-700 dark:text-rose-300" />
        <div className="min-w-0 flex-1 space-y-1.5">
          <p className="font-semibold">{title}</p>
          <p className="text-sm break-words">{message}</p>
          {hint ? <p className="text-sm text-rose-900 dark:text-rose-200">{hint}</p> : null}
          <p className="text-xs text-rose-800 dark:text-rose-300">
            Error code: <code className="font-mono">{code}</code>
          </p>
          {onRetry ? (
            <div className="pt-1">
              <Button variant="secondary" size="sm" icon="refresh" onClick={onRetry} pending={retrying}>
                Try again
              </Button>
            </div>
          ) : null}
        </div>
      </div>
    </div>
  );
}
