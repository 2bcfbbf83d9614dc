import type { Registry } from '../registry';
import { findResourceTypeByKind } from '../resource-types';
import { BOOTSTRAP_OBJECTS } from './builtin';

/**
 * Stores kube-apiserver's `cluster-admin` ClusterRole and its binding to system:masters on the
 * first start (a data directory from before RBAC gets them on its next start). Like `bootstrap`,
 * it runs once: objects deleted on purpose are not brought back.
 */
export function bootstrapRbac(registry: Registry): void {
  if (registry.store.getMeta('rbac-bootstrapped') === 'true') return;
  for (const object of BOOTSTRAP_OBJECTS) {
    const type = findResourceTypeByKind(object.apiVersion, object.kind)!;
    if (!registry.store.get(`${type.group}/${type.plural}`, undefined, object.metadata.name)) {
      registry.create(type, undefined, structuredClone(object));
    }
  }
  registry.store.setMeta('rbac-bootstrapped', 'true');
}
