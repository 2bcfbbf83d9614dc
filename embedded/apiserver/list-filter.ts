import {
  matchesFieldSelector,
  matchesSelector,
  parseFieldSelector,
  parseSelector,
  SelectorParseError,
  type FieldSelectorTerm,
  type Requirement,
} from '../../lib/k8s/label-selector';
import type { KubeObject } from '../../lib/k8s/object';
import { badRequest } from './errors';
import type { ResourceType } from './resource-types';

/** Field selectors each resource supports, as kube-apiserver registers them. */
const FIELD_SELECTORS: Record<string, Record<string, (object: KubeObject) => string | undefined>> = {
  '*': {
    'metadata.name': (o) => o.metadata.name,
    'metadata.namespace': (o) => o.metadata.namespace,
  },
  Secret: { type: (o) => o.type as string | undefined },
  Namespace: { 'status.phase': (o) => (o.status as { phase?: string } | undefined)?.phase },
  Event: {
    'involvedObject.kind': (o) => involved(o).kind,
    'involvedObject.name': (o) => involved(o).name,
    'involvedObject.namespace': (o) => involved(o).namespace,
    'involvedObject.uid': (o) => involved(o).uid,
    reason: (o) => o.reason as string | undefined,
    type: (o) => o.type as string | undefined,
  },
};

function involved(event: KubeObject): Record<string, string | undefined> {
  return (event.involvedObject ?? {}) as Record<string, string | undefined>;
}

/** A parsed `labelSelector` + `fieldSelector` pair; parse errors are 400 Bad Request. */
export class ListFilter {
  private readonly labels: Requirement[];
  private readonly fields: FieldSelectorTerm[];
  private readonly fieldGetters: Record<string, (object: KubeObject) => string | undefined>;

  constructor(type: ResourceType, labelSelector?: string, fieldSelector?: string) {
    this.fieldGetters = { ...FIELD_SELECTORS['*'], ...FIELD_SELECTORS[type.kind] };
    try {
      this.labels = labelSelector ? parseSelector(labelSelector) : [];
      this.fields = fieldSelector ? parseFieldSelector(fieldSelector) : [];
    } catch (error) {
      if (error instanceof SelectorParseError) throw badRequest(`unable to parse requirement: ${error.message}`);
      throw error;
    }
    for (const term of this.fields) {
      if (!this.fieldGetters[term.field]) {
        throw badRequest(`field label not supported: ${term.field}`);
      }
    }
  }

  get isEverything(): boolean {
    return this.labels.length === 0 && this.fields.length === 0;
  }

  matches(object: KubeObject): boolean {
    if (this.labels.length > 0 && !matchesSelector(this.labels, object.metadata.labels)) return false;
    if (this.fields.length === 0) return true;
    return matchesFieldSelector(this.fields, (field) => this.fieldGetters[field]?.(object));
  }
}
