import type { StateBucket } from '@/lib/api/schemas';

/**
 * Small display helpers of the detail pages. Pure, so server and client render the same text.
 * (Local until the shared primitives in components/ui exist.)
 */

/** Rows of each relation the first load brings; "Show more" asks for this many more. */
export const DETAIL_PAGE_SIZE = 50;

const STATE_LABELS: Record<string, string> = {
  errapplied: 'Err Applied',
  waitapplied: 'Wait Applied',
  outofsync: 'Out of Sync',
  notready: 'Not Ready',
  gitupdating: 'Git Updating',
  waitcheckin: 'Wait Check-In',
};

/** Fleet's state names as people read them: `ErrApplied` → "Err Applied". */
export function stateLabel(state: string): string {
  const known = STATE_LABELS[state.toLowerCase()];
  if (known) return known;
  return state ? state.charAt(0).toUpperCase() + state.slice(1) : 'Unknown';
}

export const BUCKET_TONE: Record<StateBucket, { badge: string; dot: string; callout: string }> = {
  active: {
    badge: 'bg-emerald-50 text-emerald-800 ring-emerald-600/20 dark:bg-emerald-500/10 dark:text-emerald-300 dark:ring-emerald-400/25',
    dot: 'bg-emerald-500',
    callout: 'border-emerald-200 bg-emerald-50 text-emerald-950 dark:border-emerald-900/60 dark:bg-emerald-950/40 dark:text-emerald-100',
  },
  error: {
    badge: 'bg-rose-50 text-rose-800 ring-rose-600/20 dark:bg-rose-500/10 dark:text-rose-300 dark:ring-rose-400/25',
    dot: 'bg-rose-500',
    callout: 'border-rose-200 bg-rose-50 text-rose-950 dark:border-rose-900/60 dark:bg-rose-950/40 dark:text-rose-100',
  },
  warning: {
    badge: 'bg-amber-50 text-amber-900 ring-amber-600/25 dark:bg-amber-500/10 dark:text-amber-200 dark:ring-amber-400/25',
    dot: 'bg-amber-500',
    callout: 'border-amber-200 bg-amber-50 text-amber-950 dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-100',
  },
  pending: {
    badge: 'bg-sky-50 text-sky-800 ring-sky-600/20 dark:bg-sky-500/10 dark:text-sky-300 dark:ring-sky-400/25',
    dot: 'bg-sky-500',
    callout: 'border-sky-200 bg-sky-50 text-sky-950 dark:border-sky-900/60 dark:bg-sky-950/40 dark:text-sky-100',
  },
};

export const KIND_LABELS = {
  gitrepos: { one: 'GitRepo', title: 'Git Repo', plural: 'Git repos' },
  clusters: { one: 'Cluster', title: 'Cluster', plural: 'Clusters' },
  clustergroups: { one: 'ClusterGroup', title: 'Cluster Group', plural: 'Cluster groups' },
  bundles: { one: 'Bundle', title: 'Bundle', plural: 'Bundles' },
} as const;

/** `abcdef0123…` → `abcdef01`. */
export function shortCommit(commit: string | undefined): string | undefined {
  return commit ? commit.slice(0, 8) : undefined;
}

/** A fixed, timezone-free rendering of a timestamp, for the server and as a fallback. */
export function exactTime(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return new Date(time).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z').replace(/Z$/, ' UTC');
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** `https://github.com/org/repo.git` → a browsable URL, or undefined for ssh/other forms. */
export function browsableRepoUrl(repo: string): string | undefined {
  if (/^https?:\/\//.test(repo)) return repo.replace(/\.git$/, '');
  const scp = /^git@([^:]+):(.+?)(\.git)?$/.exec(repo);
  if (scp) return `https://${scp[1]}/${scp[2]}`;
  return undefined;
}
