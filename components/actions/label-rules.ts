import type { ClusterLabelsPatch } from '@/lib/api/schemas';
import { isReservedLabelKey } from '@/lib/fleet/labels';
import { validateLabelValue, validateQualifiedName } from '@/lib/k8s/names';

/** The label editor's rules, without React: Kubernetes' label syntax, Fleet's reserved keys, the patch to send. */

/** A BFF complaint placed at a row's key or value (no row: the form as a whole). */
export interface PlacedError {
  rowId?: number;
  part: 'key' | 'value';
  message: string;
}

export interface LabelRow {
  id: number;
  key: string;
  value: string;
}

export interface RowProblems {
  key?: string;
  value?: string;
}

/** Kubernetes' texts end with the regex it used; the first sentence is what a person needs. */
export function readable(problem: string): string {
  return problem.replace(/\s*\((e\.g\.|regex used).*$/s, '');
}

const RESERVED = 'keys under fleet.cattle.io/ and management.cattle.io/ belong to Fleet and Rancher';

/** Problems of each row as the API server would see them, so most mistakes never leave the browser. */
export function validateLabelRows(rows: readonly LabelRow[]): Map<number, RowProblems> {
  const problems = new Map<number, RowProblems>();
  const seen = new Map<string, number>();
  for (const row of rows) {
    const key = row.key.trim();
    const found: RowProblems = {};
    if (key === '' && row.value === '') continue;
    if (key === '') found.key = 'a key is required';
    else if (isReservedLabelKey(key)) found.key = RESERVED;
    else {
      const keyProblem = validateQualifiedName(key)[0];
      if (keyProblem) found.key = readable(keyProblem);
      else if (seen.has(key)) found.key = 'this key is already in the list';
    }
    const valueProblem = validateLabelValue(row.value)[0];
    if (valueProblem) found.value = readable(valueProblem);
    if (key) seen.set(key, row.id);
    if (found.key || found.value) problems.set(row.id, found);
  }
  return problems;
}

/** The change to send: what is new or different, and what was removed. */
export function labelPatch(original: Record<string, string>, rows: readonly LabelRow[]): ClusterLabelsPatch {
  const set: Record<string, string> = {};
  const kept = new Set<string>();
  for (const row of rows) {
    const key = row.key.trim();
    if (!key) continue;
    kept.add(key);
    if (original[key] !== row.value) set[key] = row.value;
  }
  const remove = Object.keys(original).filter((key) => !isReservedLabelKey(key) && !kept.has(key));
  return { set, remove };
}

/**
 * Where a BFF complaint belongs: `set[env]` is the value of the row with key env, `remove[1]` the
 * second removed key, `set` a bad key (named in the message). Anything else stays at the form.
 */
export function placeServerError(field: string | undefined, message: string, rows: readonly LabelRow[], patch: ClusterLabelsPatch): PlacedError {
  const text = readable(field && message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message);
  const byKey = (key: string | undefined) => rows.find((row) => row.key.trim() === key)?.id;
  const setMatch = field ? /^set\[(.+)\]$/.exec(field) : null;
  if (setMatch) {
    const key = setMatch[1];
    return { rowId: byKey(key), part: isReservedLabelKey(key ?? '') ? 'key' : 'value', message: text };
  }
  if (field === 'set') {
    const named = rows.find((row) => row.key.trim() && message.includes(`"${row.key.trim()}"`));
    return { rowId: named?.id, part: 'key', message: text };
  }
  const removeMatch = field ? /^remove\[(\d+)\]$/.exec(field) : null;
  if (removeMatch) return { part: 'key', message: `Removing "${patch.remove[Number(removeMatch[1])] ?? '?'}": ${text}` };
  return { part: 'key', message };
}
