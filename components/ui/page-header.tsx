/**
 * The top of a page inside the shell: its one <h1>, a line of context and the page's main
 * actions. (The shell already renders breadcrumbs and the <main> landmark; pages render this
 * first.)
 *
 *   <PageHeader title="Git Repos" description="Repositories Fleet watches in fleet-local" actions={<ButtonLink …>Add Git Repo</ButtonLink>} />
 *
 * Props: `title`, `description`, `actions`, `meta` (small badges after the title), `className`.
 */
import type { ReactNode } from 'react';

import { cx } from './cx';

export function PageHeader({ title, description, actions, meta, className }: { title: ReactNode; description?: ReactNode; actions?: ReactNode; meta?: ReactNode; className?: string }) {
  return (
    <div className={cx('mb-6 flex flex-wrap items-end justify-between gap-4', className)}>
      <div className="min-w-0 space-y-1">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="truncate text-2xl font-semibold tracking-tight">{title}</h1>
          {meta}
        </div>
        {description ? <p className="text-sm text-slate-600 dark:text-slate-400">{description}</p> : null}
      </div>
      {actions ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
    </div>
  );
}
