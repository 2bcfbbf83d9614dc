import type { ControllerClient } from './client';

interface TransactionalStore {
  transaction?: <T>(fn: () => T) => T;
}

/**
 * Runs a burst of controller writes (e.g. hundreds of BundleDeployment status updates) together.
 * When the object store offers `transaction(fn)` the burst commits as one SQLite transaction,
 * which is several times cheaper than one commit per write; otherwise each write commits on its
 * own, exactly as before. Either way every write goes through the Registry (validation,
 * resourceVersion, watch events) like any client's.
 */
export function inWriteBatch<T>(client: ControllerClient, fn: () => T): T {
  const store = client.registry.store as unknown as TransactionalStore;
  return typeof store.transaction === 'function' ? store.transaction(fn) : fn();
}
