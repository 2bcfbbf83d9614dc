/**
 * Nothing to show yet — say so and offer the next step.
 *
 *   <EmptyState title="No Git Repos yet" message="Add a repository and Fleet deploys it." action={<ButtonLink href=…>Add Git Repo</ButtonLink>} />
 *
 * Props: `title`, `message`, `action` (a button or link), `icon` (an IconName, default
 * 'bundles'), `compact` (less padding, for use inside cards), `headingLevel` (1–4, default 2).
 */
import type { ReactNode } from 'react';

import { cx } from './cx';
import { Icon, type IconName } from './icons';

export function EmptyState({
  title,
  message,
  action,
  icon = 'bundles',
  compact = false,
  headingLevel = 2,
  className,
}: {
  title: ReactNode;
  message?: ReactNode;
  action?: ReactNode;
  icon?: IconName;
  compact?: boolean;
  headingLevel?: 1 | 2 | 3 | 4;
  className?: string;
}) {
  const Heading = `h${headingLevel}` as const;
  return (
    <div
      className={cx(
        'flex flex-col items-center rounded-xl border border-dashed border-slate-300 text-center dark:border-slate-700',
        compact ? 'gap-2 px-4 py-6' : 'gap-3 px-6 py-12',
        className,
      )}
      data-testid="empty-state"
    >
      <span className="rounded-full bg-slate-100 p-2.5 text-slate-600 dark:bg-slate-800 dark:text-slate-300">
        <Icon name={icon} className="size-5" />
      </span>
      <Heading className="font-semibold">{title}</Heading>
      {message ? <p className="max-w-md text-sm text-slate-600 dark:text-slate-400">{message}</p> : null}
      {action ? <div className="mt-1 flex flex-wrap justify-center gap-2">{action}</div> : null}
    </div>
  );
}
