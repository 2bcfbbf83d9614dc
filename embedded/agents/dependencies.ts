import { BUNDLE_LABEL, BUNDLE_NAMESPACE_LABEL } from '../../lib/fleet/labels';
import { bundleDeploymentState } from '../../lib/fleet/state';
import type { BundleDeployment, BundleRef } from '../../lib/fleet/types';
import {
  formatRequirements,
  labelSelectorToRequirements,
  matchesSelector,
  type Requirement,
} from '../../lib/k8s/label-selector';

/**
 * The agent's `dependsOn` check: every referenced BundleDeployment in the same cluster namespace
 * must be in one of the accepted states (default `Ready`). A dependency is named by bundle name
 * (same bundle namespace) and/or a label selector over the BDs' labels. Returns the error the
 * agent reports in `Deployed` (so the BD shows ErrApplied), or `undefined` when it may deploy.
 */
export function dependencyProblem(bd: BundleDeployment, neighbours: readonly BundleDeployment[]): string | undefined {
  const dependsOn = bd.spec?.dependsOn ?? [];
  if (dependsOn.length === 0) return undefined;
  const bundleNamespace = bd.metadata.labels?.[BUNDLE_NAMESPACE_LABEL] ?? '';
  const notReady: string[] = [];
  for (const dependency of dependsOn) {
    let requirements: Requirement[];
    try {
      requirements = requirementsOf(dependency, bundleNamespace);
    } catch (error) {
      return `invalid dependsOn selector: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (requirements.length === 0) continue;
    const matches = neighbours.filter((other) => other !== bd && matchesSelector(requirements, other.metadata.labels));
    if (matches.length === 0) {
      return `list bundledeployments: no bundles matching labels ${formatRequirements(requirements)} in namespace ${bd.metadata.namespace ?? ''}`;
    }
    const accepted = dependency.acceptedStates && dependency.acceptedStates.length > 0 ? dependency.acceptedStates : ['Ready'];
    for (const other of matches) {
      if (!accepted.includes(bundleDeploymentState(other))) notReady.push(other.metadata.name);
    }
  }
  if (notReady.length === 0) return undefined;
  return `dependent bundle(s) are not ready: [${notReady.join(' ')}]`;
}

function requirementsOf(dependency: BundleRef, bundleNamespace: string): Requirement[] {
  const matchLabels: Record<string, string> = { ...(dependency.selector?.matchLabels ?? {}) };
  if (dependency.name) {
    matchLabels[BUNDLE_LABEL] = dependency.name;
    matchLabels[BUNDLE_NAMESPACE_LABEL] = bundleNamespace;
  }
  return labelSelectorToRequirements({ matchLabels, matchExpressions: dependency.selector?.matchExpressions ?? [] });
}
