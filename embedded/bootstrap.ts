import { findResourceType, NAMESPACES } from './apiserver/resource-types';
import type { Registry } from './apiserver/registry';

const FLEET_WORKSPACES = findResourceType('management.cattle.io', 'v3', 'fleetworkspaces')!;

/** Workspaces a fresh Fleet install under Rancher has; each FleetWorkspace brings its namespace. */
const DEFAULT_WORKSPACES = ['fleet-local', 'fleet-default'];
const SYSTEM_NAMESPACES = ['default', 'cattle-fleet-system'];

/**
 * Creates what a fresh management cluster has. Safe on every start: objects a user deleted on
 * purpose are not brought back, because this runs only until it has run once.
 */
export function bootstrap(registry: Registry): void {
  if (registry.store.getMeta('bootstrapped') === 'true') return;
  for (const name of DEFAULT_WORKSPACES) {
    if (!registry.store.get('management.cattle.io/fleetworkspaces', undefined, name)) {
      registry.create(FLEET_WORKSPACES, undefined, { metadata: { name } });
    }
  }
  for (const name of SYSTEM_NAMESPACES) {
    if (!registry.store.get('namespaces', undefined, name)) registry.create(NAMESPACES, undefined, { metadata: { name } });
  }
  registry.store.setMeta('bootstrapped', 'true');
}
