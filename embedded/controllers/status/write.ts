import type { KubeObject } from '../../../lib/k8s/object';
import { canonicalJson } from '../../apiserver/registry';
import type { ControllerClient, ControlledResource } from '../client';

/**
 * Writes some status fields of an object through the status subresource, leaving every other
 * status field (those other controllers own) as it is. `compute` sees the current object and
 * returns the fields to set (`undefined` values delete the field), or `undefined` to skip.
 * Nothing is written when the fields already hold those values. Returns whether it wrote.
 */
export function writeStatusFields<T extends KubeObject>(
  client: ControllerClient,
  resource: ControlledResource,
  namespace: string | undefined,
  name: string,
  compute: (current: T) => Record<string, unknown> | undefined,
): boolean {
  let wrote = false;
  client.mutate<T>(
    resource,
    namespace,
    name,
    (current) => {
      const fields = compute(current);
      if (!fields) return undefined;
      const before = (current.status ?? {}) as Record<string, unknown>;
      const next: Record<string, unknown> = { ...before };
      let changed = false;
      for (const [key, value] of Object.entries(fields)) {
        if (value === undefined) {
          if (key in next) {
            delete next[key];
            changed = true;
          }
          continue;
        }
        if (canonicalJson(before[key]) !== canonicalJson(value)) {
          next[key] = value;
          changed = true;
        }
      }
      if (!changed) return undefined;
      wrote = true;
      return { ...current, status: next };
    },
    { status: true },
  );
  return wrote;
}
