import type { ResourceType } from './resource-types';

/** Every verb a stored resource serves. */
export const STORED_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] as const;

/**
 * A built-in (not a CRD) `v1` resource with the defaults most of them share: stored, every verb,
 * no status subresource, no columns, no validation. `extra` sets what differs.
 */
export function builtInType(group: string, kind: string, plural: string, namespaced: boolean, extra: Partial<ResourceType> = {}): ResourceType {
  return {
    group,
    version: 'v1',
    kind,
    listKind: `${kind}List`,
    plural,
    singular: kind.toLowerCase(),
    namespaced,
    categories: [],
    shortNames: [],
    verbs: STORED_VERBS,
    statusSubresource: false,
    tracksGeneration: false,
    virtual: false,
    columns: [],
    validate: () => [],
    ...extra,
  };
}
