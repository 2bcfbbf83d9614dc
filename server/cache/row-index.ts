import 'server-only';

export type SortValue = string | number;
export type SortOrder = 'asc' | 'desc';

export interface RowIndexConfig<R> {
  key(row: R): string;
  workspace(row: R): string;
  /** Group used for the per-workspace counts (e.g. the state bucket). */
  group(row: R): string;
  /** Sortable columns; a missing value sorts before every present one. */
  sortFields: Record<string, (row: R) => SortValue | undefined>;
}

export interface RowQuery<R> {
  /** Undefined: every workspace. */
  workspace?: string;
  filter?: (row: R) => boolean;
  sort: string;
  order: SortOrder;
  offset: number;
  limit: number;
}

export interface RowPage<R> {
  items: R[];
  total: number;
}

const ALL = '\u0000all';

interface SortedKeys {
  keys: string[];
  /** Value each key was sorted by, to find it again after the row changed. */
  values: Map<string, SortValue | undefined>;
}

/**
 * Rows of one kind, kept query-ready: per-workspace membership, per-workspace counts by group,
 * and sorted key lists per (workspace, column) that are built on first use and then maintained
 * one row at a time. A page therefore costs a walk over the sorted list until the page is full,
 * plus one pass to count matches when a filter is set — never a sort of every row.
 */
export class RowIndex<R> {
  private readonly rows = new Map<string, R>();
  private readonly workspaces = new Map<string, Set<string>>();
  private readonly counts = new Map<string, Map<string, number>>();
  private readonly sorted = new Map<string, SortedKeys>();

  constructor(private readonly config: RowIndexConfig<R>) {}

  get size(): number {
    return this.rows.size;
  }

  get(key: string): R | undefined {
    return this.rows.get(key);
  }

  values(): IterableIterator<R> {
    return this.rows.values();
  }

  upsert(row: R): void {
    const key = this.config.key(row);
    const previous = this.rows.get(key);
    this.rows.set(key, row);
    if (previous && this.config.workspace(previous) === this.config.workspace(row)) {
      this.update(key, previous, row);
      return;
    }
    if (previous) this.unlink(key, previous);
    this.link(key, row);
  }

  /** Same workspace: only counts and the sorted lists whose value changed need work. */
  private update(key: string, previous: R, row: R): void {
    const workspace = this.config.workspace(row);
    const before = this.config.group(previous);
    const after = this.config.group(row);
    if (before !== after) {
      for (const scope of [workspace, ALL]) {
        this.bump(scope, before, -1);
        this.bump(scope, after, 1);
      }
    }
    for (const [id, index] of this.sorted) {
      const [scope, field] = splitIndexId(id);
      if (scope !== ALL && scope !== workspace) continue;
      const value = this.config.sortFields[field]!(row);
      if (index.values.get(key) === value) continue;
      removeSorted(index, key);
      insertSorted(index, key, value);
    }
  }

  remove(key: string): void {
    const previous = this.rows.get(key);
    if (!previous) return;
    this.unlink(key, previous);
    this.rows.delete(key);
  }

  /** Counts by group for a workspace (or all), e.g. `{ error: 2, active: 40 }`. */
  countsFor(workspace?: string): Record<string, number> {
    return Object.fromEntries(this.counts.get(workspace ?? ALL) ?? []);
  }

  totalIn(workspace?: string): number {
    return workspace === undefined ? this.rows.size : (this.workspaces.get(workspace)?.size ?? 0);
  }

  query(query: RowQuery<R>): RowPage<R> {
    const sorted = this.sortedKeys(query.workspace ?? ALL, query.sort);
    const keys = sorted.keys;
    const items: R[] = [];
    let total = 0;
    const step = query.order === 'desc' ? -1 : 1;
    for (let i = step === 1 ? 0 : keys.length - 1; i >= 0 && i < keys.length; i += step) {
      const row = this.rows.get(keys[i]!)!;
      if (query.filter && !query.filter(row)) continue;
      if (total >= query.offset && items.length < query.limit) items.push(row);
      total++;
      // Without a filter the total is known, so the walk can stop once the page is full.
      if (!query.filter && items.length >= query.limit) {
        total = keys.length;
        break;
      }
    }
    return { items, total };
  }

  private link(key: string, row: R): void {
    const workspace = this.config.workspace(row);
    let members = this.workspaces.get(workspace);
    if (!members) this.workspaces.set(workspace, (members = new Set()));
    members.add(key);
    const group = this.config.group(row);
    for (const scope of [workspace, ALL]) this.bump(scope, group, 1);
    for (const [id, index] of this.sorted) {
      const [scope, field] = splitIndexId(id);
      if (scope !== ALL && scope !== workspace) continue;
      insertSorted(index, key, this.config.sortFields[field]!(row));
    }
  }

  private unlink(key: string, row: R): void {
    const workspace = this.config.workspace(row);
    const members = this.workspaces.get(workspace);
    members?.delete(key);
    if (members?.size === 0) this.workspaces.delete(workspace);
    const group = this.config.group(row);
    for (const scope of [workspace, ALL]) this.bump(scope, group, -1);
    for (const [id, index] of this.sorted) {
      const [scope] = splitIndexId(id);
      if (scope !== ALL && scope !== workspace) continue;
      removeSorted(index, key);
    }
  }

  private bump(scope: string, group: string, delta: number): void {
    let groups = this.counts.get(scope);
    if (!groups) this.counts.set(scope, (groups = new Map()));
    const next = (groups.get(group) ?? 0) + delta;
    if (next === 0) groups.delete(group);
    else groups.set(group, next);
  }

  private sortedKeys(scope: string, field: string): SortedKeys {
    const id = `${scope}\u0001${field}`;
    const existing = this.sorted.get(id);
    if (existing) return existing;
    const valueOf = this.config.sortFields[field];
    if (!valueOf) throw new Error(`unknown sort field ${field}`);
    const keys = scope === ALL ? [...this.rows.keys()] : [...(this.workspaces.get(scope) ?? [])];
    const values = new Map<string, SortValue | undefined>();
    for (const key of keys) values.set(key, valueOf(this.rows.get(key)!));
    keys.sort((a, b) => compareEntries(values.get(a), a, values.get(b), b));
    const index = { keys, values };
    this.sorted.set(id, index);
    return index;
  }
}

function splitIndexId(id: string): [string, string] {
  const at = id.indexOf('\u0001');
  return [id.slice(0, at), id.slice(at + 1)];
}

// Natural order ("cluster-9" before "cluster-10"), case-insensitive first, as people sort names.
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function compareValues(a: SortValue | undefined, b: SortValue | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/** Ties broken by key so that the order, and so paging, is stable. */
function compareEntries(va: SortValue | undefined, ka: string, vb: SortValue | undefined, kb: string): number {
  return compareValues(va, vb) || (ka < kb ? -1 : ka > kb ? 1 : 0);
}

function position(index: SortedKeys, value: SortValue | undefined, key: string): number {
  let lo = 0;
  let hi = index.keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const other = index.keys[mid]!;
    if (compareEntries(index.values.get(other), other, value, key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertSorted(index: SortedKeys, key: string, value: SortValue | undefined): void {
  index.keys.splice(position(index, value, key), 0, key);
  index.values.set(key, value);
}

function removeSorted(index: SortedKeys, key: string): void {
  if (!index.values.has(key)) return;
  const at = position(index, index.values.get(key), key);
  if (index.keys[at] === key) index.keys.splice(at, 1);
  index.values.delete(key);
}
