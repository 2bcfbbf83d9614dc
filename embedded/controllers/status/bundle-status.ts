/**
 * Bundle status (contract §2.3–2.5): a summary over the clusters the bundle targets — each counted
 * with its BundleDeployment's state, or Pending when the BD does not exist yet — listed as
 * `<clusterNamespace>/<clusterName>`; `display.readyClusters`/`state`; and the Ready condition
 * (message with kind `Cluster`, or the targeting error of the bundle controller).
 */
import {
  bundleDeploymentMessage,
  bundleDeploymentState,
  bundleDisplay,
  setErrorCondition,
  emptySummary,
  incrementSummary,
  setReadyCondition,
} from '../../../lib/fleet/state';
import type { Bundle, BundleDeployment, BundleStatus, BundleSummary } from '../../../lib/fleet/types';
import type { ChangeEvent } from '../../apiserver/object-store';
import { KeyDebouncer, loadDelay, rollupDelay } from '../debounce';
import { BUNDLE_TARGETS_SIGNAL, type BundleTargetEntry, type FleetContext } from '../fleet-context';
import { bundleKeyOfDeployment, keyOf } from '../fleet-index';
import type { Controller } from '../runtime';
import { writeStatusFields } from './write';

export const BUNDLE_STATUS_CONTROLLER = 'fleet-bundle-status';

/** The summary of a bundle over its targets, listed by cluster key (pure). */
export function bundleSummary(
  targets: Iterable<BundleTargetEntry>,
  deployment: (key: string) => BundleDeployment | undefined,
): BundleSummary {
  const sorted = [...targets].sort((a, b) => (a.clusterKey < b.clusterKey ? -1 : a.clusterKey > b.clusterKey ? 1 : 0));
  let summary = emptySummary();
  let ready = 0;
  for (const target of sorted) {
    const bd = target.deploymentKey ? deployment(target.deploymentKey) : undefined;
    const state = bundleDeploymentState(bd);
    // A Ready item only bumps the counter; the rest goes through Fleet's IncrementState.
    if (state === 'Ready') ready++;
    else {
      summary = incrementSummary(summary, {
        name: target.clusterKey,
        state,
        message: bundleDeploymentMessage(bd),
        modifiedStatus: bd?.status?.modifiedStatus,
        nonReadyStatus: bd?.status?.nonReadyStatus,
      });
    }
  }
  return { ...summary, ready: summary.ready + ready, desiredReady: sorted.length };
}

/** The status fields this controller owns, computed from the current status (pure). */
export function bundleStatusFields(
  bundle: Bundle,
  summary: BundleSummary,
  error: string | undefined,
  now: Date,
): Pick<BundleStatus, 'summary' | 'display' | 'conditions' | 'observedGeneration'> {
  const conditions =
    error !== undefined
      ? setErrorCondition(bundle.status?.conditions, 'Ready', error, now)
      : setReadyCondition(bundle.status?.conditions, summary, 'Cluster', now);
  return {
    summary,
    display: bundleDisplay(summary),
    conditions,
    observedGeneration: bundle.metadata.generation,
  };
}

export interface StatusControllerOptions {
  context: FleetContext;
  debounceMs?: number;
  now?: () => Date;
}

export function createBundleStatusController(options: StatusControllerOptions): Controller {
  const { context } = options;
  const { client, index } = context;
  const now = options.now ?? (() => new Date());
  const base = options.debounceMs ?? 200;
  const debouncer = new KeyDebouncer(base);
  const delay = (key: string) => loadDelay(rollupDelay(base, context.targets.get(key)?.size ?? 0), debouncer.pending);
  const touch = (key: string | undefined): string[] => (key && debouncer.touch(key, delay(key)) ? [key] : []);

  context.on(BUNDLE_TARGETS_SIGNAL, (key) => {
    if (debouncer.touch(key, delay(key))) context.enqueue(BUNDLE_STATUS_CONTROLLER, key);
  });

  return {
    name: BUNDLE_STATUS_CONTROLLER,
    watches: {
      bundledeployments: (event: ChangeEvent) => touch(bundleKeyOfDeployment(event.current.object)),
      bundles: (event: ChangeEvent) => {
        if (event.type === 'DELETED') return [];
        const previous = event.previous?.object;
        if (event.type === 'MODIFIED' && previous?.metadata.generation === event.current.object.metadata.generation) return [];
        return touch(keyOf(event.current.object));
      },
    },
    initialKeys: () => index.bundles.keys(),
    reconcile(key) {
      const wait = debouncer.wait(key);
      if (wait !== undefined) return { requeueAfterMs: wait };
      const bundle = index.bundles.get(key);
      if (!bundle || bundle.metadata.deletionTimestamp) return;
      const targets = context.targets.get(key);
      const error = context.bundleErrors.get(key);
      // Until the bundle controller has looked at a new bundle, there is nothing to report.
      if (!targets && error === undefined) return;
      const summary = bundleSummary(targets?.values() ?? [], (bdKey) => index.deployments.get(bdKey));
      writeStatusFields<Bundle>(client, 'bundles', bundle.metadata.namespace, bundle.metadata.name, (current) =>
        bundleStatusFields(current, summary, error, now()),
      );
    },
  };
}
