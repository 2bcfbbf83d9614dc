/**
 * Purges Content objects no BundleDeployment refers to any more (Fleet's content purge): a
 * Content is kept while a BD's `deploymentID` or `stagedDeploymentID` names it, and for a grace
 * period after it was created (the bundle controller writes the Content before its BDs).
 */
import { contentName } from '../../lib/fleet/names';
import type { FleetContext } from './fleet-context';
import type { Controller } from './runtime';

export const CONTENT_GC_CONTROLLER = 'fleet-content-gc';

export interface ContentGcOptions {
  context: FleetContext;
  /** How often to look (default 60 s). */
  intervalMs?: number;
  /** Minimum age before an unreferenced Content is deleted (default 60 s). */
  graceMs?: number;
  now?: () => Date;
}

/** Names of the Contents still referenced by `deployments` (pure). */
export function referencedContents(deployments: Iterable<{ spec?: { deploymentID?: string; stagedDeploymentID?: string } }>): Set<string> {
  const names = new Set<string>();
  for (const bd of deployments) {
    if (bd.spec?.deploymentID) names.add(contentName(bd.spec.deploymentID));
    if (bd.spec?.stagedDeploymentID) names.add(contentName(bd.spec.stagedDeploymentID));
  }
  return names;
}

export function createContentGcController(options: ContentGcOptions): Controller {
  const { context } = options;
  const { client, index } = context;
  const interval = options.intervalMs ?? 60_000;
  const grace = options.graceMs ?? 60_000;
  const now = options.now ?? (() => new Date());
  return {
    name: CONTENT_GC_CONTROLLER,
    watches: {},
    initialKeys: () => ['contents'],
    reconcile() {
      const referenced = referencedContents(index.deployments.values());
      const cutoff = now().getTime() - grace;
      for (const content of client.list('contents')) {
        if (referenced.has(content.metadata.name)) continue;
        const created = Date.parse(content.metadata.creationTimestamp ?? '');
        if (Number.isFinite(created) && created > cutoff) continue;
        client.delete('contents', undefined, content.metadata.name);
      }
      return { requeueAfterMs: interval };
    },
  };
}
