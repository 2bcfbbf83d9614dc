export interface ConnectionStatusProps {
  label: string;
  server?: string;
  reachable: boolean;
  version?: string;
}

/** A compact pill saying which cluster the dashboard talks to and whether it answers. */
export function ConnectionStatus({ label, server, reachable, version }: ConnectionStatusProps) {
  return (
    <div
      className="flex min-w-0 items-center gap-2 rounded-full border border-slate-200 bg-white px-3 py-1 text-sm text-slate-700 shadow-xs dark:border-slate-800 dark:bg-slate-900 dark:text-slate-300"
      title={server}
      data-testid="connection-status"
    >
      <span
        className={`size-2 shrink-0 rounded-full ${reachable ? 'bg-emerald-500' : 'bg-rose-500'}`}
        aria-hidden="true"
      />
      <span className="sr-only">{reachable ? 'Connected to' : 'Not connected to'}</span>
      <span className="truncate font-medium">{label}</span>
      {version ? <span className="hidden font-mono text-xs text-slate-500 sm:inline dark:text-slate-400">{version}</span> : null}
    </div>
  );
}
