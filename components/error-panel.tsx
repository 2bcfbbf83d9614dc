import type { ReactNode } from 'react';

export interface ErrorPanelProps {
  title: string;
  code: string;
  message: string;
  hint?: ReactNode;
}

/** A calm, readable error: what failed, why, and what to try. Never a stack trace. */
export function ErrorPanel({ title, code, message, hint }: ErrorPanelProps) {
  return (
    <section
      role="alert"
      aria-labelledby="error-panel-title"
      className="rounded-xl border border-rose-200 bg-rose-50 p-5 text-rose-950 dark:border-rose-900/60 dark:bg-rose-950/40 dark:text-rose-100"
      data-testid="error-panel"
    >
      <div className="flex items-start gap-3">
        <svg viewBox="0 0 20 20" className="mt-0.5 size-5 shrink-0 fill-rose-600 dark:fill-rose-400" aria-hidden="true">
          <path d="M10 1.5a8.5 8.5 0 1 0 0 17 8.5 8.5 0 0 0 0-17Zm0 4a1 1 0 0 1 1 1v4a1 1 0 1 1-2 0v-4a1 1 0 0 1 1-1Zm0 9.25a1.25 1.25 0 1 1 0-2.5 1.25 1.25 0 0 1 0 2.5Z" />
        </svg>
        <div className="min-w-0 space-y-2">
          <h2 id="error-panel-title" className="font-semibold">
            {title}
          </h2>
          <p className="text-sm break-words">{message}</p>
          {hint ? <p className="text-sm text-rose-900 dark:text-rose-200">{hint}</p> : null}
          <p className="text-xs text-rose-800 dark:text-rose-300">
            Error code: <code className="font-mono">{code}</code>
          </p>
        </div>
      </div>
    </section>
  );
}
