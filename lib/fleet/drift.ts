/**
 * Drift, readable: a BundleDeployment's `status.modifiedStatus` turned into one entry per
 * resource — missing on the cluster, extra (orphaned), owned by another release, or patched with
 * the changed fields listed. Pure; shared by the BFF and the browser.
 *
 * Fleet's `patch` is the JSON merge patch that would bring the live object back to what the
 * bundle wants: each leaf is a desired value, and `null` means "the cluster has a field the
 * bundle does not". The live value is not recorded by Fleet, so it is only shown when known.
 */
import type { ModifiedStatus } from './types';

export type DriftChange = 'missing' | 'extra' | 'not-owned' | 'patched';

export interface DriftField {
  /** Dotted path, array indexes in brackets: `spec.template.spec.containers[0].image`. */
  path: string;
  /** What the bundle wants there, as JSON text; absent when the field should be removed. */
  desired?: string;
  /** What the cluster has there, as JSON text, when known. */
  live?: string;
  /** The field exists on the cluster but not in the bundle. */
  removed?: boolean;
}

export interface DriftEntry {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  change: DriftChange;
  /** One line for people: "missing on cluster", "extra/orphaned: …", "2 fields changed". */
  summary: string;
  fields: DriftField[];
  /** The patch as Fleet wrote it, when it could not be read as JSON. */
  rawPatch?: string;
}

/** At most this many fields are listed per resource. */
export const MAX_DRIFT_FIELDS = 50;

const SIMPLE_KEY = /^[A-Za-z_$][\w$-]*$/;

function joinPath(base: string, key: string): string {
  const part = SIMPLE_KEY.test(key) ? key : JSON.stringify(key);
  if (base === '') return SIMPLE_KEY.test(key) ? key : `[${part}]`;
  return SIMPLE_KEY.test(key) ? `${base}.${key}` : `${base}[${part}]`;
}

/** Leaves of a merge patch: objects recurse (merge patches merge maps), anything else is a value. */
export function mergePatchFields(patch: unknown, base = '', out: DriftField[] = []): DriftField[] {
  if (out.length >= MAX_DRIFT_FIELDS) return out;
  if (patch !== null && typeof patch === 'object' && !Array.isArray(patch)) {
    const entries = Object.entries(patch as Record<string, unknown>);
    if (entries.length === 0 && base !== '') out.push({ path: base, desired: '{}' });
    for (const [key, value] of entries) {
      if (out.length >= MAX_DRIFT_FIELDS) break;
      mergePatchFields(value, joinPath(base, key), out);
    }
    return out;
  }
  if (patch === null) out.push({ path: base || '(object)', removed: true });
  else out.push({ path: base || '(object)', desired: JSON.stringify(patch) });
  return out;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** One resource's drift. */
export function driftEntry(status: ModifiedStatus): DriftEntry {
  const base = {
    apiVersion: status.apiVersion ?? '',
    kind: status.kind ?? '',
    namespace: status.namespace ?? '',
    name: status.name ?? '',
  };
  if (status.missing) return { ...base, change: 'missing', summary: 'missing on cluster: deleted there, Fleet would create it again', fields: [] };
  if (status.delete) return { ...base, change: 'extra', summary: 'extra/orphaned: on the cluster but no longer in the bundle, Fleet would delete it', fields: [] };
  if (status.exist) return { ...base, change: 'not-owned', summary: 'exists on the cluster but belongs to another release', fields: [] };
  const text = status.patch ?? '';
  if (text.trim() === '') return { ...base, change: 'patched', summary: 'changed on the cluster', fields: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ...base, change: 'patched', summary: 'changed on the cluster', fields: [], rawPatch: text };
  }
  const fields = mergePatchFields(parsed);
  return { ...base, change: 'patched', summary: `${plural(fields.length, 'field')} changed on the cluster`, fields };
}

/** Every drifted resource of one BundleDeployment, in a stable order (kind, namespace, name). */
export function driftEntries(statuses: readonly ModifiedStatus[] | undefined): DriftEntry[] {
  return (statuses ?? [])
    .map(driftEntry)
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}

/** `Deployment default/web` — how a drift entry names its resource. */
export function driftResourceName(entry: Pick<DriftEntry, 'kind' | 'namespace' | 'name'>): string {
  return `${entry.kind || 'Object'} ${entry.namespace ? `${entry.namespace}/` : ''}${entry.name}`;
}
