import { evaluateJsonPath, formatPrinterCell } from '../../lib/k8s/jsonpath';
import type { KubeObject } from '../../lib/k8s/object';
import type { StoredObject } from './object-store';
import type { ResourceType, TableColumn } from './resource-types';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableOptions {
  includeObject: IncludeObject;
  noHeaders?: boolean;
}

/** Whether the client asked for `kubectl get`'s Table form of the response. */
export function wantsTable(accept: string | undefined): boolean {
  return !!accept && /as=Table/.test(accept) && /g=meta\.k8s\.io/.test(accept);
}

const NAME_COLUMN = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description: 'Name must be unique within a namespace.',
  priority: 0,
};

/** Builds a `meta.k8s.io/v1 Table` for the given objects, with the resource's printer columns. */
export function toTable(
  type: ResourceType,
  items: readonly StoredObject[] | readonly KubeObject[],
  options: TableOptions,
  listMeta: Record<string, unknown> = {},
  now = Date.now(),
): Record<string, unknown> {
  const columnDefinitions = options.noHeaders
    ? []
    : [NAME_COLUMN, ...type.columns.map((c) => ({ name: c.name, type: c.type, format: c.format ?? '', description: c.description ?? '', priority: c.priority ?? 0 }))];
  const rows = items.map((item) => {
    const object = 'json' in item ? (item as StoredObject).object : (item as KubeObject);
    return {
      cells: [object.metadata.name, ...type.columns.map((column) => cellValue(column, object, now))],
      ...(options.includeObject === 'None' ? {} : { object: embeddedObject(object, options.includeObject) }),
    };
  });
  return { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: listMeta, columnDefinitions, rows };
}

function embeddedObject(object: KubeObject, include: IncludeObject) {
  if (include === 'Object') return object;
  const { managedFields: _managed, ...metadata } = object.metadata;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata };
}

function cellValue(column: TableColumn, object: KubeObject, now: number): unknown {
  if (column.cell) return column.cell(object);
  const values = evaluateJsonPath(object, column.jsonPath);
  if (column.type === 'date') {
    const first = values[0];
    return typeof first === 'string' ? humanDuration(now - Date.parse(first)) : '<unknown>';
  }
  return formatPrinterCell(values, column.type);
}

/** Kubernetes' short human form of an age: 45s, 3m20s, 5h, 12d, 2y30d. */
export function humanDuration(ms: number): string {
  if (Number.isNaN(ms)) return '<unknown>';
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  const years = Math.floor(hours / (24 * 365));
  if (years < 8) {
    const days = Math.floor(hours / 24) % 365;
    return days === 0 ? `${years}y` : `${years}y${days}d`;
  }
  return `${years}y`;
}
