/**
 * The Git Repo wizard's form state, and the two conversions it lives by:
 *
 *   GitRepo object ──fromGitRepo──▶ form ──toGitRepo──▶ GitRepo object
 *
 * Every GitRepo spec field has a place in the form. Anything the form cannot express is kept:
 * unknown spec fields and `forceSyncGeneration` ride along untouched, and targets that are not a
 * single criterion become YAML rows. A group of fields the user did not change is written back
 * exactly as it was loaded (so `targets: []` stays `[]`, `caBundle` keeps its line breaks), which
 * is why editing one field changes only that field.
 *
 * Pure: no React, no I/O. The same module feeds the wizard, its review YAML and the unit tests.
 */
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';

import { DESCRIPTION_ANNOTATION, type AuthSecretInput, type CreateGitRepoBody } from '../api/schemas';
import type { GitRepoSpec, GitTarget, LabelSelector } from '../fleet/schemas';

// =================================================================================================
// Shape
// =================================================================================================

export interface KeyValueRow {
  key: string;
  value: string;
}

/** Git or Helm credentials: none, a Secret that exists, or a new one the BFF creates first. */
export type SecretMode = 'none' | 'existing' | 'basic-auth' | 'ssh-auth';

export interface SecretChoice {
  mode: SecretMode;
  existingName: string;
  username: string;
  password: string;
  privateKey: string;
  publicKey: string;
  knownHosts: string;
}

export type RefKind = 'branch' | 'revision';
export type TlsMode = 'verify' | 'ca' | 'skip';
/** `all`: every cluster of the workspace; `none`: no targets (Fleet's default group); `custom`: rows. */
export type TargetMode = 'all' | 'none' | 'custom';
export type TargetRowKind = 'clusterGroup' | 'clusterName' | 'clusterSelector' | 'clusterGroupSelector' | 'yaml';

export interface TargetRow {
  /** Stable React key; not part of the GitRepo. */
  id: string;
  kind: TargetRowKind;
  /** The target's `name` (kept, not edited in the form). */
  name?: string;
  /** `clusterGroup` or `clusterName`. */
  value: string;
  /** `clusterSelector` or `clusterGroupSelector`. */
  selector: LabelSelector;
  /** A whole target, as YAML, for targets the rows cannot express. */
  yaml: string;
}

export interface BundleRow {
  base: string;
  options: string;
}

export interface GitRepoForm {
  // ---- Metadata
  name: string;
  description: string;
  labels: KeyValueRow[];
  annotations: KeyValueRow[];
  // ---- Repository
  repo: string;
  refKind: RefKind;
  ref: string;
  paths: string[];
  bundles: BundleRow[];
  clientSecret: SecretChoice;
  // ---- Targets
  targetMode: TargetMode;
  targets: TargetRow[];
  serviceAccount: string;
  targetNamespace: string;
  // ---- Advanced
  helmSecret: SecretChoice;
  helmSecretNameForPaths: string;
  helmRepoURLRegex: string;
  tlsMode: TlsMode;
  /** PEM text (the spec holds it base64-encoded). */
  caBundle: string;
  pollingEnabled: boolean;
  pollingInterval: string;
  correctDrift: { enabled: boolean; force: boolean; keepFailHistory: boolean };
  keepResources: boolean;
  paused: boolean;
  deleteNamespace: boolean;
  ociRegistrySecret: string;
  webhookSecret: string;
  imageScanInterval: string;
  imageScanCommit: { authorName: string; authorEmail: string; messageTemplate: string };
  /** Spec fields the form does not edit (newer Fleet fields, `forceSyncGeneration`), kept verbatim. */
  passthrough: Record<string, unknown>;
  /** The object the form was loaded from (edit, clone): unchanged parts are written back verbatim. */
  base?: GitRepoObject;
}

export interface GitRepoObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    resourceVersion?: string;
    generation?: number;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  spec: GitRepoSpec;
  [key: string]: unknown;
}

// =================================================================================================
// Constants
// =================================================================================================

/**
 * What Rancher's "All clusters in the workspace" writes: every cluster except Harvester hosts.
 * Written the same way so that Rancher's UI reads our repos as "All" too.
 */
export const ALL_CLUSTERS_TARGET: GitTarget = {
  clusterSelector: { matchExpressions: [{ key: 'provider.cattle.io', operator: 'NotIn', values: ['harvester'] }] },
};

/** Target shapes that mean "every cluster" when they are the only target. */
function isAllClustersTarget(target: GitTarget): boolean {
  if (Object.keys(target).length !== 1 || !target.clusterSelector) return false;
  const selector = target.clusterSelector;
  const keys = Object.keys(selector);
  const noLabels = !selector.matchLabels || Object.keys(selector.matchLabels).length === 0;
  const expressions = selector.matchExpressions ?? [];
  if (!keys.every((key) => key === 'matchLabels' || key === 'matchExpressions') || !noLabels) return false;
  if (expressions.length === 0) return true;
  return deepEqual(expressions, ALL_CLUSTERS_TARGET.clusterSelector!.matchExpressions);
}

/** The spec fields the form edits; every other spec field is carried over from `base`. */
export const FORM_SPEC_FIELDS = [
  'repo',
  'branch',
  'revision',
  'paths',
  'bundles',
  'clientSecretName',
  'targets',
  'serviceAccount',
  'targetNamespace',
  'helmSecretName',
  'helmSecretNameForPaths',
  'helmRepoURLRegex',
  'caBundle',
  'insecureSkipTLSVerify',
  'disablePolling',
  'pollingInterval',
  'correctDrift',
  'keepResources',
  'paused',
  'deleteNamespace',
  'ociRegistrySecret',
  'webhookSecret',
  'imageScanInterval',
  'imageScanCommit',
] as const satisfies readonly (keyof GitRepoSpec)[];

// =================================================================================================
// Small helpers
// =================================================================================================

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, index) => deepEqual(item, other[index]));
  }
  const left = Object.entries(a as Record<string, unknown>).filter(([, value]) => value !== undefined);
  const right = Object.entries(b as Record<string, unknown>).filter(([, value]) => value !== undefined);
  return left.length === right.length && left.every(([key, value]) => deepEqual(value, (b as Record<string, unknown>)[key]));
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const optionalText = (value: string): string | undefined => (value.trim() === '' ? undefined : value.trim());
const flag = (value: boolean): true | undefined => (value ? true : undefined);

/** UTF-8 safe base64, in the browser and in Node. */
export function encodeBase64(value: string): string {
  const bytes = new TextEncoder().encode(value);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function decodeBase64(value: string): string {
  try {
    const binary = atob(value.replace(/[\r\n]/g, ''));
    return new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
  } catch {
    return value;
  }
}

let rowCounter = 0;
/** A fresh id for a new target row. */
export function newRowId(): string {
  rowCounter += 1;
  return `row-${rowCounter}-${Math.random().toString(36).slice(2, 7)}`;
}

export function emptySecretChoice(): SecretChoice {
  return { mode: 'none', existingName: '', username: '', password: '', privateKey: '', publicKey: '', knownHosts: '' };
}

export function emptyTargetRow(kind: TargetRowKind = 'clusterGroup'): TargetRow {
  return { id: newRowId(), kind, value: '', selector: {}, yaml: '' };
}

function rowsFromMap(map: Record<string, string> | undefined, skip?: string): KeyValueRow[] {
  return Object.entries(map ?? {})
    .filter(([key]) => key !== skip)
    .map(([key, value]) => ({ key, value }));
}

/** Rows with a key become map entries (a row with neither key nor value is ignored). */
export function mapFromRows(rows: readonly KeyValueRow[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const row of rows) if (row.key.trim() !== '') map[row.key.trim()] = row.value;
  return map;
}

// =================================================================================================
// object → form
// =================================================================================================

/** A new, empty GitRepo form: Fleet's defaults apply to everything left empty. */
export function emptyGitRepoForm(): GitRepoForm {
  return {
    name: '',
    description: '',
    labels: [],
    annotations: [],
    repo: '',
    refKind: 'branch',
    ref: '',
    paths: [],
    bundles: [],
    clientSecret: emptySecretChoice(),
    targetMode: 'all',
    targets: [],
    serviceAccount: '',
    targetNamespace: '',
    helmSecret: emptySecretChoice(),
    helmSecretNameForPaths: '',
    helmRepoURLRegex: '',
    tlsMode: 'verify',
    caBundle: '',
    pollingEnabled: true,
    pollingInterval: '',
    correctDrift: { enabled: false, force: false, keepFailHistory: false },
    keepResources: false,
    paused: false,
    deleteNamespace: false,
    ociRegistrySecret: '',
    webhookSecret: '',
    imageScanInterval: '',
    imageScanCommit: { authorName: '', authorEmail: '', messageTemplate: '' },
    passthrough: {},
  };
}

function secretFromName(name: string | undefined): SecretChoice {
  return name ? { ...emptySecretChoice(), mode: 'existing', existingName: name } : emptySecretChoice();
}

type Criterion = 'clusterGroup' | 'clusterName' | 'clusterSelector' | 'clusterGroupSelector';
const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** One target as a row: a single criterion (plus an optional name) fits a row; the rest is YAML. */
export function targetToRow(target: GitTarget, id = newRowId()): TargetRow {
  const keys = Object.keys(target).filter((key) => target[key] !== undefined);
  const hasName = typeof target.name === 'string';
  const criteria = keys.filter((key) => key !== 'name' || !hasName);
  const row: TargetRow = { id, kind: 'yaml', ...(hasName ? { name: target.name } : {}), value: '', selector: {}, yaml: '' };
  if (criteria.length === 1) {
    const key = criteria[0] as Criterion;
    const value = target[key];
    if ((key === 'clusterGroup' || key === 'clusterName') && typeof value === 'string' && value !== '') return { ...row, kind: key, value };
    if ((key === 'clusterSelector' || key === 'clusterGroupSelector') && isPlainObject(value)) return { ...row, kind: key, selector: value as LabelSelector };
  }
  return { id, kind: 'yaml', value: '', selector: {}, yaml: stringifyYaml(target, { lineWidth: 0 }) };
}

/** Reads a GitRepo into the form. `base` remembers it, so unchanged parts round-trip exactly. */
export function fromGitRepo(object: GitRepoObject): GitRepoForm {
  const spec = (object.spec ?? {}) as GitRepoSpec;
  const annotations = object.metadata.annotations;
  const targets = spec.targets;
  const targetMode: TargetMode = !targets || targets.length === 0 ? 'none' : targets.length === 1 && isAllClustersTarget(targets[0]!) ? 'all' : 'custom';
  const drift = spec.correctDrift ?? {};
  const commit = spec.imageScanCommit ?? {};
  return {
    name: object.metadata.name ?? '',
    description: text(annotations?.[DESCRIPTION_ANNOTATION]),
    labels: rowsFromMap(object.metadata.labels),
    annotations: rowsFromMap(annotations, DESCRIPTION_ANNOTATION),
    repo: text(spec.repo),
    refKind: !spec.branch && spec.revision ? 'revision' : 'branch',
    ref: !spec.branch && spec.revision ? spec.revision : text(spec.branch),
    paths: [...(spec.paths ?? [])],
    bundles: (spec.bundles ?? []).map((bundle) => ({ base: text(bundle.base), options: text(bundle.options) })),
    clientSecret: secretFromName(spec.clientSecretName),
    targetMode,
    targets: targetMode === 'custom' ? targets!.map((target, index) => targetToRow(target, `t${index}`)) : [],
    serviceAccount: text(spec.serviceAccount),
    targetNamespace: text(spec.targetNamespace),
    helmSecret: secretFromName(spec.helmSecretName),
    helmSecretNameForPaths: text(spec.helmSecretNameForPaths),
    helmRepoURLRegex: text(spec.helmRepoURLRegex),
    tlsMode: spec.insecureSkipTLSVerify ? 'skip' : spec.caBundle ? 'ca' : 'verify',
    caBundle: spec.caBundle ? decodeBase64(spec.caBundle) : '',
    pollingEnabled: spec.disablePolling !== true,
    pollingInterval: text(spec.pollingInterval),
    correctDrift: { enabled: drift.enabled === true, force: drift.force === true, keepFailHistory: drift.keepFailHistory === true },
    keepResources: spec.keepResources === true,
    paused: spec.paused === true,
    deleteNamespace: spec.deleteNamespace === true,
    ociRegistrySecret: text(spec.ociRegistrySecret),
    webhookSecret: text(spec.webhookSecret),
    imageScanInterval: text(spec.imageScanInterval),
    imageScanCommit: { authorName: text(commit.authorName), authorEmail: text(commit.authorEmail), messageTemplate: text(commit.messageTemplate) },
    passthrough: Object.fromEntries(Object.entries(spec).filter(([key]) => !(FORM_SPEC_FIELDS as readonly string[]).includes(key))),
    base: object,
  };
}

/**
 * A copy to create under a new name: the source's spec, labels and annotations, without its
 * identity (resourceVersion, uid, generation) or status. Existing Secrets are referenced again.
 */
export function cloneGitRepoForm(source: GitRepoObject): GitRepoForm {
  const copy: GitRepoObject = {
    metadata: {
      name: cloneName(source.metadata.name),
      ...(source.metadata.labels ? { labels: { ...source.metadata.labels } } : {}),
      ...(source.metadata.annotations ? { annotations: { ...source.metadata.annotations } } : {}),
    },
    spec: structuredClone(source.spec),
  };
  return fromGitRepo(copy);
}

/** `web` → `web-copy`, within the 63 characters Fleet allows. */
export function cloneName(name: string): string {
  const suffix = '-copy';
  return `${name.slice(0, 63 - suffix.length).replace(/[-.]+$/, '')}${suffix}`;
}

// =================================================================================================
// form → object
// =================================================================================================

type Spec = Record<string, unknown>;

export type TargetYamlResult = { ok: true; target: GitTarget } | { ok: false; error: string };

/** A YAML target row: it must be one mapping. */
export function parseTargetYaml(source: string): TargetYamlResult {
  let value: unknown;
  try {
    value = parseYaml(source);
  } catch (error) {
    return { ok: false, error: `is not valid YAML: ${(error as Error).message.split('\n')[0]}` };
  }
  if (!isPlainObject(value)) return { ok: false, error: 'must be one target: a mapping such as "clusterName: prod-1"' };
  return { ok: true, target: value as GitTarget };
}

function rowToTarget(row: TargetRow): GitTarget | undefined {
  const named = row.name !== undefined ? { name: row.name } : {};
  switch (row.kind) {
    case 'clusterGroup':
      return { ...named, clusterGroup: row.value.trim() };
    case 'clusterName':
      return { ...named, clusterName: row.value.trim() };
    case 'clusterSelector':
      return { ...named, clusterSelector: row.selector };
    case 'clusterGroupSelector':
      return { ...named, clusterGroupSelector: row.selector };
    case 'yaml': {
      const parsed = parseTargetYaml(row.yaml);
      // An unparseable row cannot be sent; validation stops the wizard before that happens.
      return parsed.ok ? parsed.target : undefined;
    }
  }
}

/** The targets the form describes (`undefined`: no targets, Fleet's default group applies). */
export function formTargets(form: Pick<GitRepoForm, 'targetMode' | 'targets'>): GitTarget[] | undefined {
  if (form.targetMode === 'none') return undefined;
  if (form.targetMode === 'all') return [structuredClone(ALL_CLUSTERS_TARGET)];
  return form.targets.map(rowToTarget).filter((target): target is GitTarget => target !== undefined);
}

function secretName(choice: SecretChoice): string | undefined {
  return choice.mode === 'existing' ? optionalText(choice.existingName) : undefined;
}

/**
 * Groups of form fields and the spec fields they write. A group whose form values equal what
 * was loaded writes the loaded spec fields back verbatim.
 */
interface FieldGroup {
  form: readonly (keyof GitRepoForm)[];
  spec: readonly string[];
  encode(form: GitRepoForm): Spec;
}

const withoutRowIds = (rows: readonly TargetRow[]) => rows.map(({ id: _id, ...rest }) => rest);

const GROUPS: FieldGroup[] = [
  { form: ['repo'], spec: ['repo'], encode: (form) => ({ repo: form.repo.trim() }) },
  {
    form: ['refKind', 'ref'],
    spec: ['branch', 'revision'],
    encode: (form) => (form.refKind === 'branch' ? { branch: optionalText(form.ref) } : { revision: optionalText(form.ref) }),
  },
  { form: ['paths'], spec: ['paths'], encode: (form) => ({ paths: form.paths.length ? form.paths.map((path) => path.trim()) : undefined }) },
  {
    form: ['bundles'],
    spec: ['bundles'],
    encode: (form) => ({
      bundles: form.bundles.length ? form.bundles.map((row) => ({ base: row.base.trim(), ...(row.options.trim() ? { options: row.options.trim() } : {}) })) : undefined,
    }),
  },
  { form: ['clientSecret'], spec: ['clientSecretName'], encode: (form) => ({ clientSecretName: secretName(form.clientSecret) }) },
  { form: ['targetMode', 'targets'], spec: ['targets'], encode: (form) => ({ targets: formTargets(form) }) },
  { form: ['serviceAccount'], spec: ['serviceAccount'], encode: (form) => ({ serviceAccount: optionalText(form.serviceAccount) }) },
  { form: ['targetNamespace'], spec: ['targetNamespace'], encode: (form) => ({ targetNamespace: optionalText(form.targetNamespace) }) },
  { form: ['helmSecret'], spec: ['helmSecretName'], encode: (form) => ({ helmSecretName: secretName(form.helmSecret) }) },
  { form: ['helmSecretNameForPaths'], spec: ['helmSecretNameForPaths'], encode: (form) => ({ helmSecretNameForPaths: optionalText(form.helmSecretNameForPaths) }) },
  { form: ['helmRepoURLRegex'], spec: ['helmRepoURLRegex'], encode: (form) => ({ helmRepoURLRegex: optionalText(form.helmRepoURLRegex) }) },
  {
    form: ['tlsMode', 'caBundle'],
    spec: ['caBundle', 'insecureSkipTLSVerify'],
    encode: (form) => ({
      insecureSkipTLSVerify: form.tlsMode === 'skip' ? true : undefined,
      // Rancher ends the PEM with a newline too; git reads it either way.
      caBundle: form.tlsMode === 'ca' && form.caBundle.trim() ? encodeBase64(form.caBundle.endsWith('\n') ? form.caBundle : `${form.caBundle}\n`) : undefined,
    }),
  },
  {
    form: ['pollingEnabled', 'pollingInterval'],
    spec: ['disablePolling', 'pollingInterval'],
    encode: (form) => ({ disablePolling: form.pollingEnabled ? undefined : true, pollingInterval: optionalText(form.pollingInterval) }),
  },
  {
    form: ['correctDrift'],
    spec: ['correctDrift'],
    encode: ({ correctDrift: drift }) => ({
      correctDrift: drift.enabled || drift.force || drift.keepFailHistory ? { enabled: drift.enabled, ...(drift.force ? { force: true } : {}), ...(drift.keepFailHistory ? { keepFailHistory: true } : {}) } : undefined,
    }),
  },
  { form: ['keepResources'], spec: ['keepResources'], encode: (form) => ({ keepResources: flag(form.keepResources) }) },
  { form: ['paused'], spec: ['paused'], encode: (form) => ({ paused: flag(form.paused) }) },
  { form: ['deleteNamespace'], spec: ['deleteNamespace'], encode: (form) => ({ deleteNamespace: flag(form.deleteNamespace) }) },
  { form: ['ociRegistrySecret'], spec: ['ociRegistrySecret'], encode: (form) => ({ ociRegistrySecret: optionalText(form.ociRegistrySecret) }) },
  { form: ['webhookSecret'], spec: ['webhookSecret'], encode: (form) => ({ webhookSecret: optionalText(form.webhookSecret) }) },
  { form: ['imageScanInterval'], spec: ['imageScanInterval'], encode: (form) => ({ imageScanInterval: optionalText(form.imageScanInterval) }) },
  {
    form: ['imageScanCommit'],
    spec: ['imageScanCommit'],
    encode: ({ imageScanCommit: commit }) => {
      const fields = Object.fromEntries(Object.entries(commit).filter(([, value]) => value.trim() !== '').map(([key, value]) => [key, value.trim()]));
      return { imageScanCommit: Object.keys(fields).length ? fields : undefined };
    },
  },
];

function sameGroup(group: FieldGroup, form: GitRepoForm, loaded: GitRepoForm): boolean {
  return group.form.every((key) => (key === 'targets' ? deepEqual(withoutRowIds(form.targets), withoutRowIds(loaded.targets)) : deepEqual(form[key], loaded[key])));
}

/** The spec the form describes; undefined values are absent fields. */
export function toSpec(form: GitRepoForm): GitRepoSpec {
  const base = (form.base?.spec ?? {}) as Spec;
  const loaded = form.base ? fromGitRepo(form.base) : undefined;
  // Fields the form does not know (and forceSyncGeneration, which only the action changes) stay.
  const spec: Spec = structuredClone(form.passthrough);
  for (const group of GROUPS) {
    const values = loaded && sameGroup(group, form, loaded) ? Object.fromEntries(group.spec.map((key) => [key, base[key]])) : group.encode(form);
    for (const [key, value] of Object.entries(values)) if (value !== undefined) spec[key] = value;
  }
  return spec as GitRepoSpec;
}

/** `metadata.labels` and `.annotations` (with the description) the form describes. */
export function toMetadataMaps(form: GitRepoForm): { labels?: Record<string, string>; annotations?: Record<string, string> } {
  const base = form.base?.metadata;
  const loaded = form.base ? fromGitRepo(form.base) : undefined;
  const labels = loaded && deepEqual(form.labels, loaded.labels) ? base?.labels : mapFromRows(form.labels);
  let annotations: Record<string, string> | undefined;
  if (loaded && deepEqual(form.annotations, loaded.annotations) && form.description === loaded.description) annotations = base?.annotations;
  else {
    annotations = mapFromRows(form.annotations);
    if (form.description.trim() !== '') annotations[DESCRIPTION_ANNOTATION] = form.description.trim();
  }
  return {
    ...(labels && (Object.keys(labels).length > 0 || base?.labels) ? { labels } : {}),
    ...(annotations && (Object.keys(annotations).length > 0 || base?.annotations) ? { annotations } : {}),
  };
}

/** The GitRepo the form describes, as it would be stored (Secrets to be created are not named yet). */
export function toGitRepo(form: GitRepoForm, namespace?: string): GitRepoObject {
  const base = form.base;
  const metadata: GitRepoObject['metadata'] = {
    ...(base?.metadata ?? {}),
    name: form.name.trim(),
    ...(namespace ? { namespace } : {}),
  };
  delete metadata.labels;
  delete metadata.annotations;
  Object.assign(metadata, toMetadataMaps(form));
  return {
    ...(base ?? {}),
    apiVersion: 'fleet.cattle.io/v1alpha1',
    kind: 'GitRepo',
    metadata,
    spec: toSpec(form),
  };
}

/** The Secrets the form would create first, keyed by the role the BFF gives them. */
export function newSecrets(form: GitRepoForm): { clientSecret?: AuthSecretInput; helmSecret?: AuthSecretInput } {
  const input = (choice: SecretChoice): AuthSecretInput | undefined => {
    if (choice.mode === 'basic-auth') return { type: 'basic-auth', username: choice.username, password: choice.password };
    if (choice.mode === 'ssh-auth') {
      return {
        type: 'ssh-auth',
        privateKey: choice.privateKey,
        ...(choice.publicKey.trim() ? { publicKey: choice.publicKey } : {}),
        ...(choice.knownHosts.trim() ? { knownHosts: choice.knownHosts } : {}),
      };
    }
    return undefined;
  };
  const clientSecret = input(form.clientSecret);
  const helmSecret = input(form.helmSecret);
  return { ...(clientSecret ? { clientSecret } : {}), ...(helmSecret ? { helmSecret } : {}) };
}

/** `POST …/gitrepos` body. */
export function toCreateBody(form: GitRepoForm): CreateGitRepoBody {
  const object = toGitRepo(form);
  const secrets = newSecrets(form);
  return {
    gitRepo: { metadata: { name: object.metadata.name, ...toMetadataMaps(form) }, spec: object.spec },
    ...(Object.keys(secrets).length ? { secrets } : {}),
  };
}

/**
 * `PUT …/gitrepos/{name}` body: the complete spec, with `null` for each field the loaded object
 * had and the form removed (the BFF keeps fields that are not sent).
 */
export function toUpdateBody(form: GitRepoForm, resourceVersion: string) {
  const spec: Record<string, unknown> = { ...toSpec(form) };
  for (const key of Object.keys(form.base?.spec ?? {})) if (!(key in spec)) spec[key] = null;
  const maps = toMetadataMaps(form);
  const secrets = newSecrets(form);
  return {
    metadata: { resourceVersion, labels: maps.labels ?? {}, annotations: maps.annotations ?? {} },
    spec,
    ...(Object.keys(secrets).length ? { secrets } : {}),
  };
}

/**
 * The form after the GitRepo was edited as YAML on the review step. New Secrets stay chosen
 * unless the YAML now names an existing Secret for that role.
 */
export function applyEditedObject(form: GitRepoForm, edited: GitRepoObject): GitRepoForm {
  const next = fromGitRepo(edited);
  const keepNew = (choice: SecretChoice, named: string | undefined) => (choice.mode === 'basic-auth' || choice.mode === 'ssh-auth') && !named;
  return {
    ...next,
    clientSecret: keepNew(form.clientSecret, edited.spec?.clientSecretName) ? form.clientSecret : next.clientSecret,
    helmSecret: keepNew(form.helmSecret, edited.spec?.helmSecretName) ? form.helmSecret : next.helmSecret,
    // Row ids of unchanged rows stay, so React keeps their editors.
    targets: next.targets.map((row, index) => ({ ...row, id: form.targets[index]?.id ?? row.id })),
    base: form.base,
  };
}
