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
  /** Lower-case text a query's `text` looks in, computed once per row version (none: `text` matches nothing). */
  searchText?(row: R): string;
}

export interface RowQuery<R> {
  /** Undefined: every workspace. */
  workspace?: string;
  /** Only rows of this group (e.g. the state bucket): walks that group's own sorted list. */
  group?: string;
  /** Only rows whose search text contains this lower-case text. */
  text?: string;
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

/**
 * One row and what queries test on it. The sorted lists hold these, not keys: a walk reads the
 * row and its search text straight from the list (no lookup per row, which at 100,000 rows costs
 * more than the tests themselves), and a change that keeps a row's place only swaps `row`.
 */
interface Entry<R> {
  readonly key: string;
  row: R;
  text: string;
}

interface SortedEntries<R> {
  /** A workspace or ALL. */
  scope: string;
  /** Undefined: rows of every group. */
  group: string | undefined;
  field: string;
  entries: Entry<R>[];
  /** Value each key was sorted by, to find it again after the row changed. */
  values: Map<string, SortValue | undefined>;
}

/**
 * Rows of one kind, kept query-ready: per-workspace membership, per-workspace counts by group,
 * and sorted lists per (workspace, column) and per (workspace, group, column) that are built on
 * first use and then maintained one row at a time. A page therefore costs a walk over the sorted
 * list until the page is full, plus one pass to count matches when a filter is set — never a sort
 * of every row; and a page of one group (say the 13% of clusters in warning) walks only that
 * group's list, not every row of the workspace.
 */
export class RowIndex<R> {
  private readonly rows = new Map<string, Entry<R>>();
  private readonly workspaces = new Map<string, Set<string>>();
  private readonly counts = new Map<string, Map<string, number>>();
  private readonly sorted = new Map<string, SortedEntries<R>>();

  constructor(private readonly config: RowIndexConfig<R>) {}

  get size(): number {
    return this.rows.size;
  }

  get(key: string): R | undefined {
    return this.rows.get(key)?.row;
  }

  *values(): IterableIterator<R> {
    for (const entry of this.rows.values()) yield entry.row;
  }

  upsert(row: R): void {
    const key = this.config.key(row);
    const entry = this.rows.get(key);
    if (entry && this.config.workspace(entry.row) === this.config.workspace(row)) {
      this.update(entry, row);
      return;
    }
    if (entry) this.unlink(entry);
    const created: Entry<R> = { key, row, text: this.searchText(row) };
    this.rows.set(key, created);
    this.link(created);
  }

  /**
   * Same workspace: the entry takes the new row in place; only counts, the sorted lists whose
   * value changed, and the group lists the row left or joined need work.
   */
  private update(entry: Entry<R>, row: R): void {
    const previous = entry.row;
    entry.row = row;
    entry.text = this.searchText(row);
    const workspace = this.config.workspace(row);
    const before = this.config.group(previous);
    const after = this.config.group(row);
    if (before !== after) {
      for (const scope of [workspace, ALL]) {
        this.bump(scope, before, -1);
        this.bump(scope, after, 1);
      }
    }
    for (const index of this.sorted.values()) {
      if (index.scope !== ALL && index.scope !== workspace) continue;
      const wasIn = index.group === undefined || index.group === before;
      const isIn = index.group === undefined || index.group === after;
      if (!wasIn && !isIn) continue;
      const value = this.config.sortFields[index.field]!(row);
      if (wasIn && isIn && index.values.get(entry.key) === value) continue;
      if (wasIn) removeSorted(index, entry.key);
      if (isIn) insertSorted(index, entry, value);
    }
  }

  remove(key: string): void {
    const entry = this.rows.get(key);
    if (!entry) return;
    this.unlink(entry);
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
    const entries = this.sortedEntries(query.workspace ?? ALL, query.group, query.sort).entries;
    const { text, filter } = query;
    const filtering = Boolean(text) || filter !== undefined;
    const items: R[] = [];
    let total = 0;
    const step = query.order === 'desc' ? -1 : 1;
    for (let i = step === 1 ? 0 : entries.length - 1; i >= 0 && i < entries.length; i += step) {
      const entry = entries[i]!;
      if (text && !entry.text.includes(text)) continue;
      if (filter && !filter(entry.row)) continue;
      if (total >= query.offset && items.length < query.limit) items.push(entry.row);
      total++;
      // Without a filter the total is known, so the walk can stop once the page is full.
      if (!filtering && items.length >= query.limit) {
        total = entries.length;
        break;
      }
    }
    return { items, total };
  }

  private searchText(row: R): string {
    return this.config.searchText?.(row) ?? '';
  }

  private link(entry: Entry<R>): void {
    const workspace = this.config.workspace(entry.row);
    let members = this.workspaces.get(workspace);
    if (!members) this.workspaces.set(workspace, (members = new Set()));
    members.add(entry.key);
    const group = this.config.group(entry.row);
    for (const scope of [workspace, ALL]) this.bump(scope, group, 1);
    for (const index of this.sorted.values()) {
      if (index.scope !== ALL && index.scope !== workspace) continue;
      if (index.group !== undefined && index.group !== group) continue;
      insertSorted(index, entry, this.config.sortFields[index.field]!(entry.row));
    }
  }

  private unlink(entry: Entry<R>): void {
    const workspace = this.config.workspace(entry.row);
    const members = this.workspaces.get(workspace);
    members?.delete(entry.key);
    if (members?.size === 0) this.workspaces.delete(workspace);
    const group = this.config.group(entry.row);
    for (const scope of [workspace, ALL]) this.bump(scope, group, -1);
    for (const index of this.sorted.values()) {
      if (index.scope !== ALL && index.scope !== workspace) continue;
      if (index.group !== undefined && index.group !== group) continue;
      removeSorted(index, entry.key);
    }
  }

  private bump(scope: string, group: string, delta: number): void {
    let groups = this.counts.get(scope);
    if (!groups) this.counts.set(scope, (groups = new Map()));
    const next = (groups.get(group) ?? 0) + delta;
    if (next === 0) groups.delete(group);
    else groups.set(group, next);
  }

  private sortedEntries(scope: string, group: string | undefined, field: string): SortedEntries<R> {
    const id = `${scope}\u0001${group ?? ALL}\u0001${field}`;
    const existing = this.sorted.get(id);
    if (existing) return existing;
    const valueOf = this.config.sortFields[field];
    if (!valueOf) throw new Error(`unknown sort field ${field}`);
    let index: SortedEntries<R>;
    if (group === undefined) {
      const keys = scope === ALL ? [...this.rows.keys()] : [...(this.workspaces.get(scope) ?? [])];
      const entries = keys.map((key) => this.rows.get(key)!);
      const values = new Map<string, SortValue | undefined>();
      for (const entry of entries) values.set(entry.key, valueOf(entry.row));
      entries.sort((a, b) => compareEntries(values.get(a.key), a.key, values.get(b.key), b.key));
      index = { scope, group, field, entries, values };
    } else {
      // The group's rows in the order of the whole scope's list: already sorted, no second sort.
      const whole = this.sortedEntries(scope, undefined, field);
      const entries = whole.entries.filter((entry) => this.config.group(entry.row) === group);
      index = { scope, group, field, entries, values: new Map(entries.map((entry) => [entry.key, whole.values.get(entry.key)])) };
    }
    this.sorted.set(id, index);
    return index;
  }
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

function position<R>(index: SortedEntries<R>, value: SortValue | undefined, key: string): number {
  let lo = 0;
  let hi = index.entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const other = index.entries[mid]!.key;
    if (compareEntries(index.values.get(other), other, value, key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertSorted<R>(index: SortedEntries<R>, entry: Entry<R>, value: SortValue | undefined): void {
  index.entries.splice(position(index, value, entry.key), 0, entry);
  index.values.set(entry.key, value);
}

function removeSorted<R>(index: SortedEntries<R>, key: string): void {
  if (!index.values.has(key)) return;
  const at = position(index, index.values.get(key), key);
  if (index.entries[at]?.key === key) index.entries.splice(at, 1);
  index.values.delete(key);
}
