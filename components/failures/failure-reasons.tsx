'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';

import type { FailureReasonsDto, ListKind } from '@/lib/api/schemas';
import { gitRepoEditHref, troubleshootingHints, type Hint } from '@/lib/fleet/hints';
import { objectHref } from '@/lib/routes';

/**
 * The reasons behind a state, one glance away: the failing condition, which bundles and which
 * clusters fail (count and first names, linked), and troubleshooting hints with a link to what to
 * fix. Used by the detail headers and the dashboard.
 */

const link = 'font-mono text-brand-700 hover:underline dark:text-brand-400';

function NamedLinks({ label, noun, count, names, kind, ws, testId }: { label: string; noun: string; count: number; names: string[]; kind: 'bundles' | 'clusters'; ws: string; testId: string }) {
  const rest = count - names.length;
  return (
    // Inline text, not flex items: links within a line of text need no 24px target size (WCAG 2.5.8).
    <li data-testid={testId} className="wrap-anywhere">
      <span className="font-medium">
        {label} {count} {count === 1 ? noun : `${noun}s`}:
      </span>{' '}
      {names.map((name, index) => {
        const slash = name.indexOf('/');
        const href = slash === -1 ? objectHref(ws, kind, name) : objectHref(name.slice(0, slash), kind, name.slice(slash + 1));
        return (
          <span key={name}>
            <Link href={href} className={link}>
              {name}
            </Link>
            {index < names.length - 1 ? ', ' : null}
          </span>
        );
      })}
      {rest > 0 ? <span> and {rest} more</span> : null}
    </li>
  );
}

export function FailureFacts({ failing, ws, compact }: { failing: FailureReasonsDto | undefined; ws: string; compact?: boolean }) {
  if (!failing) return null;
  const items: ReactNode[] = [];
  if (failing.condition && !compact) {
    items.push(
      <li key="condition" data-testid="failing-condition">
        <span className="font-medium">Failing condition:</span> <code className="font-mono">{failing.condition.type}</code>
        {failing.condition.reason ? <> ({failing.condition.reason})</> : null}
      </li>,
    );
  }
  if (failing.bundles) items.push(<NamedLinks key="b" label="Failing" noun="bundle" {...failing.bundles} kind="bundles" ws={ws} testId="failing-bundles" />);
  if (failing.clusters) items.push(<NamedLinks key="c" label="Failing on" noun="cluster" {...failing.clusters} kind="clusters" ws={ws} testId="failing-clusters" />);
  if (items.length === 0) return null;
  return <ul className={compact ? 'space-y-0.5 text-xs' : 'space-y-1 text-sm'}>{items}</ul>;
}

function hintHref(hint: Hint, kind: ListKind, ws: string, name: string): string | undefined {
  if (hint.fix.kind === 'gitrepo-edit') return kind === 'gitrepos' ? gitRepoEditHref(ws, name, hint.fix.field) : undefined;
  // Cluster hints sit on the cluster's own page, or name the cluster in "Failing on" above.
  return undefined;
}

function hintAction(hint: Hint, kind: ListKind): string {
  if (hint.fix.kind === 'gitrepo-edit') return kind === 'gitrepos' ? `Edit ${hint.fix.field === 'clientSecretName' ? 'credentials' : hint.fix.field}` : '';
  return '';
}

/** Hints matched from the state and messages; each names what to change and links there. */
export function TroubleshootingHints({ kind, ws, name, state, messages, compact }: { kind: ListKind; ws: string; name: string; state: string; messages: (string | undefined)[]; compact?: boolean }) {
  const hints = troubleshootingHints({ kind, state, messages });
  if (hints.length === 0) return null;
  return (
    <ul className="space-y-2" data-testid="hints" aria-label="Troubleshooting hints">
      {hints.map((hint) => {
        const href = hintHref(hint, kind, ws, name);
        return (
          <li key={hint.id} data-hint={hint.id} className="rounded-md border border-slate-200 bg-white/70 px-3 py-2 text-sm text-slate-800 dark:border-slate-700 dark:bg-slate-900/60 dark:text-slate-200">
            <p className="font-medium">
              <span className="mr-1.5 rounded bg-brand-50 px-1 py-0.5 text-xs font-semibold text-brand-700 uppercase dark:bg-brand-900 dark:text-brand-100">Hint</span>
              {hint.title}
            </p>
            {compact ? null : <p className="mt-0.5 text-slate-700 dark:text-slate-300">{hint.detail}</p>}
            {href ? (
              <Link href={href} className="mt-1 inline-block text-sm font-medium text-brand-700 hover:underline dark:text-brand-400">
                {hintAction(hint, kind)} →
              </Link>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
