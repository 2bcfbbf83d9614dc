import {
  childPath,
  indexPath,
  invalid,
  notSupported,
  required,
  typeInvalid,
  type FieldError,
} from '../../../lib/k8s/field-errors';
import { validateLabelSelector } from '../../../lib/k8s/label-selector';
import type { KubeObject } from '../../../lib/k8s/object';
import { builtInType } from '../built-in-type';
import type { ResourceType, TableColumn } from '../resource-types';
import { RBAC_GROUP, type BindingObject, type Subject } from './policy';

/**
 * Role, ClusterRole, RoleBinding and ClusterRoleBinding (`rbac.authorization.k8s.io/v1`):
 * stored like any other resource, validated the way kube-apiserver validates them.
 */

const createdAtColumn: TableColumn = {
  name: 'Created At',
  type: 'string',
  format: 'date',
  jsonPath: '.metadata.creationTimestamp',
  cell: (object) => object.metadata.creationTimestamp ?? '',
};

const ageColumn: TableColumn = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };

const subjectNames = (kind: Subject['kind']) => (object: KubeObject) =>
  ((object as BindingObject).subjects ?? [])
    .filter((s) => s.kind === kind)
    .map((s) => (kind === 'ServiceAccount' ? `${s.namespace ?? object.metadata.namespace ?? ''}/${s.name}` : s.name))
    .join(', ');

const bindingColumns: TableColumn[] = [
  {
    name: 'Role',
    type: 'string',
    jsonPath: '.roleRef.name',
    cell: (object) => {
      const ref = (object as BindingObject).roleRef as Partial<BindingObject['roleRef']> | undefined;
      return `${ref?.kind ?? ''}/${ref?.name ?? ''}`;
    },
  },
  ageColumn,
  { name: 'Users', type: 'string', jsonPath: '.subjects', priority: 1, cell: subjectNames('User') },
  { name: 'Groups', type: 'string', jsonPath: '.subjects', priority: 1, cell: subjectNames('Group') },
  { name: 'ServiceAccounts', type: 'string', jsonPath: '.subjects', priority: 1, cell: subjectNames('ServiceAccount') },
];

function rbacType(kind: string, plural: string, namespaced: boolean, extra: Partial<ResourceType>): ResourceType {
  return builtInType(RBAC_GROUP, kind, plural, namespaced, extra);
}

export const RBAC_TYPES: ResourceType[] = [
  rbacType('ClusterRoleBinding', 'clusterrolebindings', false, {
    columns: bindingColumns,
    validate: (object) => validateBinding(object, false),
    validateUpdate: validateRoleRefUnchanged,
    normalize: defaultSubjectGroups,
  }),
  rbacType('ClusterRole', 'clusterroles', false, { columns: [createdAtColumn], validate: (object) => validateRole(object, false) }),
  rbacType('RoleBinding', 'rolebindings', true, {
    columns: bindingColumns,
    validate: (object) => validateBinding(object, true),
    validateUpdate: validateRoleRefUnchanged,
    normalize: defaultSubjectGroups,
  }),
  rbacType('Role', 'roles', true, { columns: [createdAtColumn], validate: (object) => validateRole(object, true) }),
];

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function validateStringList(value: unknown, field: string): FieldError[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return [typeInvalid(field, 'array', value)];
  return value.flatMap((entry, index) => (typeof entry === 'string' ? [] : [typeInvalid(indexPath(field, index), 'string', entry)]));
}

const nonEmptyList = (value: unknown) => Array.isArray(value) && value.length > 0;

/** kube's ValidatePolicyRule: verbs always; resources need apiGroups; namespaced roles have no non-resource URLs. */
function validateRule(rule: unknown, field: string, namespaced: boolean): FieldError[] {
  if (!isPlainObject(rule)) return [typeInvalid(field, 'object', rule)];
  const errors: FieldError[] = [];
  for (const key of ['verbs', 'apiGroups', 'resources', 'resourceNames', 'nonResourceURLs']) {
    errors.push(...validateStringList(rule[key], childPath(field, key)));
  }
  if (errors.length > 0) return errors;
  if (!nonEmptyList(rule.verbs)) errors.push(required(childPath(field, 'verbs'), 'verbs must contain at least one value'));
  const hasResources = nonEmptyList(rule.resources);
  const hasUrls = nonEmptyList(rule.nonResourceURLs);
  if (hasUrls) {
    if (namespaced) errors.push(invalid(childPath(field, 'nonResourceURLs'), rule.nonResourceURLs, 'namespaced rules cannot apply to non-resource URLs'));
    if (hasResources || nonEmptyList(rule.apiGroups) || nonEmptyList(rule.resourceNames)) {
      errors.push(invalid(childPath(field, 'nonResourceURLs'), rule.nonResourceURLs, 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return errors;
  }
  if (!nonEmptyList(rule.apiGroups)) errors.push(required(childPath(field, 'apiGroups'), 'resource rules must supply at least one api group'));
  if (!hasResources) errors.push(required(childPath(field, 'resources'), 'resource rules must supply at least one resource'));
  return errors;
}

function validateRole(object: KubeObject, namespaced: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const rules = object.rules;
  if (rules !== undefined && rules !== null) {
    if (!Array.isArray(rules)) errors.push(typeInvalid('rules', 'array', rules));
    else rules.forEach((rule, index) => errors.push(...validateRule(rule, indexPath('rules', index), namespaced)));
  }
  const aggregation = object.aggregationRule;
  if (aggregation === undefined || aggregation === null) return errors;
  if (namespaced) return [...errors, { type: 'FieldValueForbidden', field: 'aggregationRule', message: 'Forbidden: only ClusterRoles aggregate' }];
  if (!isPlainObject(aggregation)) return [...errors, typeInvalid('aggregationRule', 'object', aggregation)];
  const selectors = aggregation.clusterRoleSelectors;
  const selectorsField = 'aggregationRule.clusterRoleSelectors';
  if (!Array.isArray(selectors) || selectors.length === 0) {
    errors.push(required(selectorsField, 'at least one clusterRoleSelector required if aggregationRule is non-nil'));
  } else {
    selectors.forEach((selector, index) => errors.push(...validateLabelSelector(selector, indexPath(selectorsField, index))));
  }
  return errors;
}

function validateBinding(object: KubeObject, namespaced: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const roleRef = object.roleRef;
  if (roleRef === undefined || roleRef === null) {
    errors.push(required('roleRef'));
  } else if (!isPlainObject(roleRef)) {
    errors.push(typeInvalid('roleRef', 'object', roleRef));
  } else {
    if (roleRef.apiGroup !== RBAC_GROUP) errors.push(notSupported('roleRef.apiGroup', roleRef.apiGroup ?? '', [RBAC_GROUP]));
    const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
    if (typeof roleRef.kind !== 'string' || !kinds.includes(roleRef.kind)) errors.push(notSupported('roleRef.kind', roleRef.kind ?? '', kinds));
    if (typeof roleRef.name !== 'string' || roleRef.name === '') errors.push(required('roleRef.name'));
  }
  const subjects = object.subjects;
  if (subjects === undefined || subjects === null) return errors;
  if (!Array.isArray(subjects)) return [...errors, typeInvalid('subjects', 'array', subjects)];
  subjects.forEach((subject, index) => errors.push(...validateSubject(subject, indexPath('subjects', index), namespaced)));
  return errors;
}

function validateSubject(subject: unknown, field: string, namespaced: boolean): FieldError[] {
  if (!isPlainObject(subject)) return [typeInvalid(field, 'object', subject)];
  const errors: FieldError[] = [];
  if (typeof subject.name !== 'string' || subject.name === '') errors.push(required(childPath(field, 'name')));
  switch (subject.kind) {
    case 'ServiceAccount':
      if (subject.apiGroup !== undefined && subject.apiGroup !== '') errors.push(notSupported(childPath(field, 'apiGroup'), subject.apiGroup, ['']));
      if (!namespaced && (typeof subject.namespace !== 'string' || subject.namespace === '')) errors.push(required(childPath(field, 'namespace')));
      break;
    case 'User':
    case 'Group':
      if (subject.apiGroup !== RBAC_GROUP) errors.push(notSupported(childPath(field, 'apiGroup'), subject.apiGroup, [RBAC_GROUP]));
      break;
    default:
      errors.push(notSupported(childPath(field, 'kind'), subject.kind ?? '', ['ServiceAccount', 'User', 'Group']));
  }
  return errors;
}

function validateRoleRefUnchanged(old: KubeObject, next: KubeObject): FieldError[] {
  const before = JSON.stringify(canonicalRoleRef(old.roleRef));
  if (before === JSON.stringify(canonicalRoleRef(next.roleRef))) return [];
  return [invalid('roleRef', next.roleRef ?? null, 'cannot change roleRef')];
}

function canonicalRoleRef(ref: unknown): unknown {
  if (!isPlainObject(ref)) return ref;
  return { apiGroup: ref.apiGroup, kind: ref.kind, name: ref.name };
}

/** kube's v1 defaulting: User and Group subjects without an apiGroup are RBAC's. */
function defaultSubjectGroups(object: KubeObject): KubeObject {
  if (!Array.isArray(object.subjects)) return object;
  const subjects = object.subjects.map((subject: unknown) => {
    if (!isPlainObject(subject) || (subject.kind !== 'User' && subject.kind !== 'Group') || subject.apiGroup !== undefined) return subject;
    return { ...subject, apiGroup: RBAC_GROUP };
  });
  return { ...object, subjects };
}
