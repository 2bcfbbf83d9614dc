import type { ControllerClient } from './client';
import { FleetIndex } from './fleet-index';
import type { ControllerManager } from './runtime';

/** One cluster a Bundle targets (after targeting, `doNotDeploy` excluded). */
export interface BundleTargetEntry {
  /** `<clusterNamespace>/<clusterName>`, also the id Bundle summaries list. */
  clusterKey: string;
  /** The key its BundleDeployment has (`<cluster status.namespace>/<bundle>`), once the cluster has a namespace. */
  deploymentKey?: string;
}

/**
 * What the Fleet controllers share: the index over the store, the targets the bundle controller
 * computed (the status controller counts targets without a BundleDeployment as Pending), errors
 * found while targeting, and a way to poke another controller once they are registered on a
 * manager.
 */
export class FleetContext {
  readonly index: FleetIndex;
  /** Bundle key → matched targets by cluster key. */
  readonly targets = new Map<string, Map<string, BundleTargetEntry>>();
  /** Bundle key → error found by the bundle controller (shown as Bundle `Ready=False`). */
  readonly bundleErrors = new Map<string, string>();
  private readonly ownsIndex: boolean;
  private readonly listeners = new Map<string, ((key: string) => void)[]>();
  private manager?: ControllerManager;

  constructor(
    readonly client: ControllerClient,
    index?: FleetIndex,
  ) {
    this.ownsIndex = index === undefined;
    this.index = index ?? new FleetIndex(client);
  }

  /** Lets `enqueue` reach the controllers registered on `manager`. */
  connect(manager: ControllerManager): void {
    this.manager = manager;
  }

  /** Queues `key` on the controller named `controller` (no-op until connected). */
  enqueue(controller: string, key: string): void {
    this.manager?.enqueue(controller, key);
  }

  /** Subscribes to a named signal (e.g. `bundle-targets`). */
  on(signal: string, listener: (key: string) => void): void {
    const list = this.listeners.get(signal) ?? [];
    list.push(listener);
    this.listeners.set(signal, list);
  }

  emit(signal: string, key: string): void {
    for (const listener of this.listeners.get(signal) ?? []) listener(key);
  }

  close(): void {
    if (this.ownsIndex) this.index.close();
  }
}

/** Signal emitted with a bundle key whenever its targets or targeting error change. */
export const BUNDLE_TARGETS_SIGNAL = 'bundle-targets';
