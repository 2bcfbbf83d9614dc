/**
 * The Cluster Group editor's form, without React: the form ↔ the request bodies of
 * `POST …/clustergroups` and `PUT …/clustergroups/{name}`, validated with the same zod schemas
 * the BFF uses, and the errors placed at the form's fields.
 */
import { validateLabelRows, type LabelRow } from '@/components/actions/label-rules';
import {
  createClusterGroupBodySchema,
  DESCRIPTION_ANNOTATION,
  updateClusterGroupBodySchema,
  type CreateClusterGroupBody,
  type KubeObjectDto,
  type UpdateClusterGroupBody,
} from '@/lib/api/schemas';
import { isReservedLabelKey } from '@/lib/fleet/labels';
import { zodIssuesToFieldErrors, type LabelSelector as SpecSelector } from '@/lib/fleet/schemas';
import type { FieldError } from '@/lib/k8s/field-errors';
import type { LabelSelector } from '@/lib/k8s/label-selector';

import { readableProblem } from '@/components/selectors/selector-rows';

/** `selector`: the selector below decides (empty = every cluster); `none`: no selector, no cluster. */
export type MembershipMode = 'selector' | 'none';

export interface ClusterGroupForm {
  name: string;
  description: string;
  labels: LabelRow[];
  mode: MembershipMode;
  selector: LabelSelector;
}

/** Where an error is shown. */
export type FormField = 'name' | 'description' | 'labels' | 'selector' | 'form';
export type FormErrors = Partial<Record<FormField, string>>;

/** What the edit started from: sent back as-is where the form does not touch it. */
export interface EditBase {
  resourceVersion: string;
  generation?: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  spec: Record<string, unknown>;
}

let nextLabelId = 1;
export function labelRow(key = '', value = ''): LabelRow {
  return { id: nextLabelId++, key, value };
}

export function emptyForm(): ClusterGroupForm {
  return { name: '', description: '', labels: [], mode: 'selector', selector: {} };
}

export function baseOf(object: KubeObjectDto): EditBase {
  return {
    resourceVersion: object.metadata.resourceVersion ?? '',
    generation: object.metadata.generation,
    labels: object.metadata.labels ?? {},
    annotations: object.metadata.annotations ?? {},
    spec: object.spec ?? {},
  };
}

/** The form for an existing group. Labels under Fleet's and Rancher's prefixes are not shown (and are kept). */
export function formFromObject(object: KubeObjectDto): ClusterGroupForm {
  const selector = (object.spec as { selector?: LabelSelector | null } | undefined)?.selector;
  return {
    name: object.metadata.name,
    description: object.metadata.annotations?.[DESCRIPTION_ANNOTATION] ?? '',
    labels: Object.entries(object.metadata.labels ?? {})
      .filter(([key]) => !isReservedLabelKey(key))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, value]) => labelRow(key, value)),
    mode: selector ? 'selector' : 'none',
    selector: selector ?? {},
  };
}

/** The labels the rows stand for, plus the reserved ones the edit started with. */
function labelsOf(form: ClusterGroupForm, kept: Record<string, string> = {}): Record<string, string> {
  const labels: Record<string, string> = Object.fromEntries(Object.entries(kept).filter(([key]) => isReservedLabelKey(key)));
  for (const row of form.labels) {
    const key = row.key.trim();
    if (key !== '' || row.value !== '') labels[key] = row.value;
  }
  return labels;
}

/** Annotations with the description set, or removed when blank. */
function annotationsOf(form: ClusterGroupForm, kept: Record<string, string> = {}): Record<string, string> {
  const { [DESCRIPTION_ANNOTATION]: _old, ...rest } = kept;
  const description = form.description.trim();
  return description === '' ? rest : { ...rest, [DESCRIPTION_ANNOTATION]: description };
}

/**
 * The selector as the request schemas type it. Same shape; rebuilt from plain object literals
 * because the schemas' (loose) types carry an index signature that an interface lacks.
 */
export function selectorOf(form: ClusterGroupForm): SpecSelector | null {
  if (form.mode === 'none') return null;
  const { matchLabels, matchExpressions } = form.selector;
  return {
    ...(matchLabels ? { matchLabels: { ...matchLabels } } : {}),
    ...(matchExpressions ? { matchExpressions: matchExpressions.map((expression) => ({ ...expression })) } : {}),
  };
}

export function createBody(form: ClusterGroupForm): CreateClusterGroupBody {
  const labels = labelsOf(form);
  const annotations = annotationsOf(form);
  const selector = selectorOf(form);
  return {
    metadata: {
      name: form.name.trim(),
      ...(Object.keys(labels).length > 0 ? { labels } : {}),
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
    spec: selector ? { selector } : {},
  };
}

/** Sends the complete label and annotation maps (what the form shows plus what it keeps) and the selector (`null` removes it). */
export function updateBody(form: ClusterGroupForm, base: EditBase): UpdateClusterGroupBody {
  return {
    metadata: { resourceVersion: base.resourceVersion, labels: labelsOf(form, base.labels), annotations: annotationsOf(form, base.annotations) },
    spec: { selector: selectorOf(form) },
  };
}

/** Which form field a BFF or schema field path belongs to. */
export function fieldOf(path: string | undefined): FormField {
  if (!path) return 'form';
  if (path === 'metadata.name' || path === 'name') return 'name';
  if (path.startsWith('metadata.labels')) return 'labels';
  if (path.startsWith('metadata.annotations')) return 'description';
  if (path.startsWith('spec.selector') || path === 'spec' || path.startsWith('selector')) return 'selector';
  return 'form';
}

const readable = (message: string) => message.replace(/\s*\((e\.g\.|regex used).*$/s, '');

/** A message for its field: the path is dropped where the field says it already. */
export function placeMessage(path: string | undefined, message: string): { field: FormField; message: string } {
  const field = fieldOf(path);
  const text = path && message.startsWith(`${path}: `) ? message.slice(path.length + 2) : message;
  if (field === 'form' || field === 'selector') return { field, message: readable(path && field === 'selector' ? `${path.replace(/^spec\.selector\.?/, '') || 'selector'}: ${text}` : text) };
  return { field, message: readable(text) };
}

/** Problems of the label rows (the same rules the cluster label editor applies). */
export function labelProblems(rows: readonly LabelRow[]): ReturnType<typeof validateLabelRows> {
  return validateLabelRows(rows);
}

/** The schema's Kubernetes wording, turned toward the person at the form. */
const FRIENDLIER: Partial<Record<FormField, (message: string, type: FieldError['type']) => string>> = {
  name: (message, type) => (type === 'FieldValueRequired' ? 'A name is required' : readableProblem(message)),
  labels: (message) => readableProblem(message),
  selector: (message) => `The selector is not valid: ${message}`,
};

/**
 * Every problem the BFF would report, found with its own schema before anything is sent: the
 * first per form field. `base` given: validated as an update (the name cannot change).
 */
export function validateForm(form: ClusterGroupForm, base?: EditBase): FormErrors {
  const errors: FormErrors = {};
  const result = base ? updateClusterGroupBodySchema.safeParse(updateBody(form, base)) : createClusterGroupBodySchema.safeParse(createBody(form));
  if (!result.success) {
    for (const error of zodIssuesToFieldErrors(result.error.issues)) {
      const placed = placeMessage(error.field, error.message);
      errors[placed.field] ??= FRIENDLIER[placed.field]?.(placed.message, error.type) ?? placed.message;
    }
  }
  if (!errors.labels && labelProblems(form.labels).size > 0) errors.labels = 'Fix the labels marked below';
  return errors;
}

/** The name's problem as you type (Kubernetes' name rules); nothing while it is still empty. */
export function nameProblem(name: string): string | undefined {
  if (name === '') return undefined;
  return validateForm({ ...emptyForm(), name }).name;
}

/** JSON with sorted keys. */
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/**
 * Whether the stored group differs from the one the edit started from only in what Fleet keeps
 * rewriting (status, and so resourceVersion): same generation (or, without one, same spec), same
 * labels and annotations. Then saving on the newer version overwrites nobody's change.
 */
export function onlyStatusChanged(base: EditBase, latest: KubeObjectDto): boolean {
  const sameSpec = base.generation !== undefined && latest.metadata.generation !== undefined ? base.generation === latest.metadata.generation : canonical(base.spec) === canonical(latest.spec ?? {});
  return sameSpec && canonical(base.labels) === canonical(latest.metadata.labels ?? {}) && canonical(base.annotations) === canonical(latest.metadata.annotations ?? {});
}
