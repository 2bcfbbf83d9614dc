/**
 * A bordered panel, optionally with a heading row.
 *
 *   <Card title="Needs attention" description="Worst first" actions={<Button size="sm">…</Button>}>…</Card>
 *   <Card padded={false}>…a table…</Card>
 *
 * Props: `title` (rendered as a heading of `headingLevel`, default 2; the card becomes a
 * `<section>` labelled by it), `description`, `actions` (right of the title), `footer`,
 * `padded` (default true), `className`, plus data-/aria- attributes for the root.
 */
import { useId, type HTMLAttributes, type ReactNode } from 'react';

import { cx } from './cx';

export interface CardProps extends Omit<HTMLAttributes<HTMLElement>, 'title'> {
  title?: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  footer?: ReactNode;
  headingLevel?: 2 | 3 | 4;
  padded?: boolean;
}

export function Card({ title, description, actions, footer, headingLevel = 2, padded = true, className, children, ...rest }: CardProps) {
  const id = useId();
  const Heading = `h${headingLevel}` as const;
  const Root = title ? 'section' : 'div';
  return (
    <Root
      aria-labelledby={title ? id : undefined}
      className={cx('rounded-xl border border-slate-200 bg-white shadow-xs dark:border-slate-800 dark:bg-slate-900', className)}
      {...rest}
    >
      {title || actions ? (
        <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
          <div className="min-w-0">
            {title ? (
              <Heading id={id} className="text-base font-semibold tracking-tight">
                {title}
              </Heading>
            ) : null}
            {description ? <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">{description}</p> : null}
          </div>
          {actions ? <div className="flex shrink-0 items-center gap-2">{actions}</div> : null}
        </div>
      ) : null}
      <div className={padded ? 'p-4' : undefined}>{children}</div>
      {footer ? <div className="border-t border-slate-200 px-4 py-3 text-sm dark:border-slate-800">{footer}</div> : null}
    </Root>
  );
}
