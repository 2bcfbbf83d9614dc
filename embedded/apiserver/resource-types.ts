import type { FieldError } from '../../lib/k8s/field-errors';
import type { KubeObject } from '../../lib/k8s/object';
import { FLEET_RESOURCES, type PrinterColumn } from '../../lib/fleet/resources';
import { validateFleetObject } from '../../lib/fleet/schemas';
import { builtInType, STORED_VERBS } from './built-in-type';
import { RBAC_TYPES } from './rbac/resources';

/** A column of `kubectl get`; `cell` computes values a JSONPath cannot express (e.g. a count of keys). */
export interface TableColumn extends PrinterColumn {
  cell?: (object: KubeObject) => unknown;
}

/** Everything the API server knows about one resource it serves. */
export interface ResourceType {
  group: string;
  version: string;
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  categories: readonly string[];
  shortNames: readonly string[];
  verbs: readonly string[];
  statusSubresource: boolean;
  /** Custom resources bump `metadata.generation` whenever anything outside metadata and status changes. */
  tracksGeneration: boolean;
  /** Reviews are answered, never stored. */
  virtual: boolean;
  columns: readonly TableColumn[];
  validate: (object: KubeObject) => FieldError[];
  /** Rules about what an update may change (e.g. an immutable field); checked after `validate`. */
  validateUpdate?: (old: KubeObject, next: KubeObject) => FieldError[];
  /** What kube-apiserver's conversion and defaulting do to every write of this kind (before validation). */
  normalize?: (object: KubeObject) => KubeObject;
}

const ageColumn: TableColumn = {
  name: 'Age',
  type: 'date',
  jsonPath: '.metadata.creationTimestamp',
  description: 'Time since the object was created',
};

/** A core (`""` group) type. */
function core(kind: string, plural: string, namespaced: boolean, columns: TableColumn[], extra: Partial<ResourceType> = {}): ResourceType {
  return builtInType('', kind, plural, namespaced, { columns, ...extra });
}

const dataCount = (object: KubeObject) =>
  Object.keys((object.data as object | undefined) ?? {}).length +
  Object.keys((object.binaryData as object | undefined) ?? {}).length;

const CORE_TYPES: ResourceType[] = [
  core('Namespace', 'namespaces', false, [
    { name: 'Status', type: 'string', jsonPath: '.status.phase', description: 'The phase of the namespace' },
    ageColumn,
  ], { statusSubresource: true, shortNames: ['ns'] }),
  core('Secret', 'secrets', true, [
    { name: 'Type', type: 'string', jsonPath: '.type' },
    { name: 'Data', type: 'integer', jsonPath: '.data', cell: dataCount },
    ageColumn,
  ], { validate: validateSecret, normalize: normalizeSecret }),
  core('ConfigMap', 'configmaps', true, [
    { name: 'Data', type: 'integer', jsonPath: '.data', cell: dataCount },
    ageColumn,
  ], { shortNames: ['cm'], validate: validateConfigMap }),
  core('Event', 'events', true, [
    { name: 'Last Seen', type: 'date', jsonPath: '.lastTimestamp' },
    { name: 'Type', type: 'string', jsonPath: '.type' },
    { name: 'Reason', type: 'string', jsonPath: '.reason' },
    {
      name: 'Object',
      type: 'string',
      jsonPath: '.involvedObject.name',
      cell: (event) => {
        const involved = (event.involvedObject ?? {}) as { kind?: string; name?: string };
        return `${(involved.kind ?? '').toLowerCase()}/${involved.name ?? ''}`;
      },
    },
    { name: 'Message', type: 'string', jsonPath: '.message' },
  ], { shortNames: ['ev'] }),
];

const FLEET_TYPES: ResourceType[] = FLEET_RESOURCES.map((fleet) => ({
  ...fleet,
  verbs: STORED_VERBS,
  tracksGeneration: true,
  virtual: false,
  columns: fleet.printerColumns,
  validate: (object: KubeObject) => validateFleetObject(fleet.kind, object),
}));

/** Reviews are answered, never stored: only `create` is served. */
function review(group: string, kind: string, namespaced = false): ResourceType {
  return builtInType(group, kind, `${kind.toLowerCase()}s`, namespaced, { verbs: ['create'], virtual: true });
}

const REVIEW_TYPES: ResourceType[] = [
  review('authentication.k8s.io', 'SelfSubjectReview'),
  review('authentication.k8s.io', 'TokenReview'),
  review('authorization.k8s.io', 'SelfSubjectAccessReview'),
  review('authorization.k8s.io', 'SelfSubjectRulesReview'),
  review('authorization.k8s.io', 'SubjectAccessReview'),
];

/**
 * `stringData` is write-only: kube-apiserver merges it into `data` (base64, winning over `data` on
 * the same key) and never stores it; `type` defaults to Opaque. Anything that is not a map of
 * strings is left as it is for validation to reject.
 */
function normalizeSecret(secret: KubeObject): KubeObject {
  const out: KubeObject = { ...secret };
  const { stringData, data } = secret;
  if (stringData === null) delete out.stringData;
  const isStringMap = (value: unknown): value is Record<string, string> =>
    typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
  if (isStringMap(stringData) && (data === undefined || data === null || isStringMap(data))) {
    const merged: Record<string, string> = { ...(data ?? {}) };
    for (const [key, value] of Object.entries(stringData)) merged[key] = Buffer.from(value, 'utf8').toString('base64');
    delete out.stringData;
    if (Object.keys(merged).length > 0) out.data = merged;
  }
  if (out.type === undefined || out.type === '') out.type = 'Opaque';
  return out;
}

function validateSecret(secret: KubeObject): FieldError[] {
  return validateConfigData(secret, ['data', 'stringData'], 'data');
}

/** ConfigMap `data` holds strings and `binaryData` base64; typed clients cannot decode anything else. */
function validateConfigMap(configMap: KubeObject): FieldError[] {
  return validateConfigData(configMap, ['data', 'binaryData'], 'binaryData');
}

function validateConfigData(object: KubeObject, fields: readonly string[], base64Field: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of fields) {
    const value = object[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      errors.push({ type: 'FieldValueTypeInvalid', field, message: `Invalid value: ${JSON.stringify(value)}: must be a map of strings` });
      continue;
    }
    for (const [key, entry] of Object.entries(value)) {
      if (typeof entry !== 'string') {
        errors.push({ type: 'FieldValueTypeInvalid', field: `${field}[${key}]`, message: 'Invalid value: must be a string' });
      } else if (field === base64Field && !/^[A-Za-z0-9+/]*={0,2}$/.test(entry)) {
        errors.push({ type: 'FieldValueInvalid', field: `${field}[${key}]`, message: 'Invalid value: illegal base64 data' });
      }
      if (!/^[-._a-zA-Z0-9]+$/.test(key)) {
        errors.push({ type: 'FieldValueInvalid', field: `${field}[${key}]`, message: `Invalid value: "${key}": a valid config key must consist of alphanumeric characters, '-', '_' or '.'` });
      }
    }
  }
  return errors;
}

export const RESOURCE_TYPES: readonly ResourceType[] = [...CORE_TYPES, ...FLEET_TYPES, ...RBAC_TYPES, ...REVIEW_TYPES];

/** The storage key of a resource: `namespaces`, `fleet.cattle.io/gitrepos`. */
export function storageKey(type: Pick<ResourceType, 'group' | 'plural'>): string {
  return type.group ? `${type.group}/${type.plural}` : type.plural;
}

export function apiVersionOf(type: Pick<ResourceType, 'group' | 'version'>): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

const byGroupVersionPlural = new Map(RESOURCE_TYPES.map((t) => [`${apiVersionOf(t)}/${t.plural}`, t]));
const byApiVersionKind = new Map(RESOURCE_TYPES.map((t) => [`${apiVersionOf(t)}/${t.kind}`, t]));

export function findResourceType(group: string, version: string, plural: string): ResourceType | undefined {
  return byGroupVersionPlural.get(`${group ? `${group}/` : ''}${version}/${plural}`);
}

export function findResourceTypeByKind(apiVersion: string, kind: string): ResourceType | undefined {
  return byApiVersionKind.get(`${apiVersion}/${kind}`);
}

export const NAMESPACES = findResourceType('', 'v1', 'namespaces')!;

/** Served API groups in discovery order (core excluded). */
export function apiGroups(): { name: string; version: string }[] {
  const seen = new Map<string, string>();
  for (const type of RESOURCE_TYPES) if (type.group && !seen.has(type.group)) seen.set(type.group, type.version);
  return [...seen].map(([name, version]) => ({ name, version }));
}
