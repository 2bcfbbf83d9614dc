export interface WorkspaceCardProps {
  name: string;
  local: boolean;
  /** Already formatted, e.g. "created 3 days ago". */
  age?: string;
}

function describe(name: string, local: boolean): { badge: string; text: string } {
  if (local) return { badge: 'Local', text: 'Deploys to the management cluster itself.' };
  if (name === 'fleet-default') return { badge: 'Default', text: 'Where downstream clusters register by default.' };
  return { badge: 'Workspace', text: 'GitRepos, clusters and cluster groups of one team or tenant.' };
}

export function WorkspaceCard({ name, local, age }: WorkspaceCardProps) {
  const { badge, text } = describe(name, local);
  return (
    <li
      className="group rounded-xl border border-slate-200 bg-white p-5 shadow-xs transition hover:border-brand-300 hover:shadow-sm dark:border-slate-800 dark:bg-slate-900 dark:hover:border-brand-700"
      data-testid="workspace-card"
      data-workspace={name}
    >
      <div className="flex items-start justify-between gap-3">
        <h3 className="truncate font-mono text-base font-semibold">{name}</h3>
        <span
          className={`shrink-0 rounded-full px-2 py-0.5 text-xs font-medium ${
            local
              ? 'bg-brand-100 text-brand-900 dark:bg-brand-900 dark:text-brand-100'
              : 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200'
          }`}
        >
          {badge}
        </span>
      </div>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{text}</p>
      {age ? <p className="mt-4 text-xs text-slate-600 dark:text-slate-400">{age}</p> : null}
    </li>
  );
}
