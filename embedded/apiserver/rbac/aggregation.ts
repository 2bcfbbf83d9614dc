import type { ChangeEvent } from '../object-store';
import type { Registry } from '../registry';
import { findResourceType } from '../resource-types';
import { effectiveRules } from './authorizer';
import { RBAC_GROUP, type RoleObject } from './policy';

const CLUSTER_ROLES = findResourceType(RBAC_GROUP, 'v1', 'clusterroles')!;
const CLUSTER_ROLES_KEY = `${RBAC_GROUP}/clusterroles`;

/**
 * kube-controller-manager's ClusterRole aggregation: writes into every ClusterRole with an
 * aggregationRule the rules of the ClusterRoles its selectors match, so `kubectl get clusterrole`
 * shows them. The authorizer computes the same rules itself and does not wait for this.
 */
export function startClusterRoleAggregation(registry: Registry): () => void {
  let scheduled = false;
  const reconcile = () => {
    scheduled = false;
    const roles = new Map(registry.store.list(CLUSTER_ROLES_KEY).map((s) => [s.object.metadata.name, s.object as RoleObject]));
    const memo = new Map();
    for (const [name, role] of roles) {
      if (!role.aggregationRule?.clusterRoleSelectors?.length || role.metadata.deletionTimestamp) continue;
      const rules = effectiveRules(name, roles, memo, new Set());
      if (JSON.stringify(rules) === JSON.stringify(role.rules ?? [])) continue;
      try {
        registry.update(CLUSTER_ROLES, undefined, name, { ...role, rules });
      } catch {
        // Changed or deleted meanwhile: that change schedules the next pass.
      }
    }
  };
  reconcile();
  return registry.store.subscribe((event: ChangeEvent) => {
    if (event.resource !== CLUSTER_ROLES_KEY || scheduled) return;
    scheduled = true;
    setImmediate(reconcile);
  });
}
