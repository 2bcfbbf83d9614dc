/**
 * Agent-initiated registration (contract §1.8, §5):
 * - ClusterRegistrationToken → a Secret of the same name (type
 *   `fleet.cattle.io/cluster-registration-values`, key `values`: the YAML an agent is installed
 *   with), `status.secretName`, `status.expires` (creation + `spec.ttl`); expired tokens are
 *   deleted (their Secret goes with them, it is owned by the token);
 * - ClusterRegistration → granted: linked to the Cluster with the same `spec.clientID`, or a new
 *   Cluster `cluster-<hash(clientID)>` labelled with the agent's labels (minus reserved ones) and
 *   `fleet.cattle.io/cluster=<name>`.
 */
import { randomBytes } from 'node:crypto';
import YAML from 'yaml';
import {
  CLUSTER_LABEL,
  CLUSTER_REGISTRATION_VALUES_SECRET_TYPE,
  CREATED_BY_AGENT_POD_LABEL,
  FLEET_CLUSTERS_SYSTEM_NAMESPACE,
  isReservedLabelKey,
  MANAGED_LABEL,
} from '../../lib/fleet/labels';
import { registeredClusterName } from '../../lib/fleet/names';
import { formatConditionTime } from '../../lib/fleet/state';
import type { Cluster, ClusterRegistration, ClusterRegistrationToken } from '../../lib/fleet/types';
import { parseGoDuration } from '../../lib/k8s/duration';
import type { ChangeEvent } from '../apiserver/object-store';
import type { ControllerClient } from './client';
import { createEventRecorder } from './events';
import { keyOf } from './fleet-index';
import type { Controller, ReconcileResult } from './runtime';
import { ownKey, splitKey } from './runtime';
import { writeStatusFields } from './status/write';

export const REGISTRATION_TOKEN_CONTROLLER = 'fleet-clusterregistrationtoken';
export const REGISTRATION_CONTROLLER = 'fleet-clusterregistration';

export interface RegistrationOptions {
  /** API server URL agents should register against (written into the values Secret). */
  apiServerURL?: string;
  /** PEM CA of that API server. */
  apiServerCA?: string;
  now?: () => Date;
}

/** The `values` document of a registration Secret (pure). */
export function registrationValues(token: ClusterRegistrationToken, bearer: string, options: RegistrationOptions): string {
  return YAML.stringify({
    clusterNamespace: token.metadata.namespace ?? '',
    apiServerURL: options.apiServerURL ?? '',
    apiServerCA: options.apiServerCA ?? '',
    token: bearer,
    systemRegistrationNamespace: FLEET_CLUSTERS_SYSTEM_NAMESPACE,
    tokenName: token.metadata.name,
  });
}

/** When a token expires (creation + ttl), or undefined when it never does (pure). */
export function tokenExpiry(token: ClusterRegistrationToken): Date | undefined {
  const ttl = token.spec?.ttl ? parseGoDuration(token.spec.ttl) : null;
  const created = Date.parse(token.metadata.creationTimestamp ?? '');
  if (ttl === null || ttl <= 0 || !Number.isFinite(created)) return undefined;
  return new Date(created + ttl);
}

/** The labels a registered Cluster gets from the agent's `clusterLabels` (pure). */
export function registeredClusterLabels(clusterLabels: Record<string, string> | undefined, clusterName: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(clusterLabels ?? {})) {
    if (isReservedLabelKey(key) && key !== CREATED_BY_AGENT_POD_LABEL) continue;
    labels[key] = value;
  }
  labels[CLUSTER_LABEL] = clusterName;
  return labels;
}

export function createClusterRegistrationTokenController(client: ControllerClient, options: RegistrationOptions = {}): Controller {
  const now = options.now ?? (() => new Date());
  const events = createEventRecorder(client, 'fleet-controller', { now });
  return {
    name: REGISTRATION_TOKEN_CONTROLLER,
    watches: {
      clusterregistrationtokens: (event: ChangeEvent) => (event.type === 'DELETED' ? [] : ownKey(event)),
      secrets: (event: ChangeEvent) => {
        // The values Secret was deleted: recreate it.
        if (event.type !== 'DELETED' || event.current.object.type !== CLUSTER_REGISTRATION_VALUES_SECRET_TYPE) return [];
        return ownKey(event);
      },
    },
    initialKeys: () => client.list('clusterregistrationtokens').map(keyOf),
    reconcile(key): ReconcileResult | void {
      const { namespace, name } = splitKey(key);
      const token = client.get<ClusterRegistrationToken>('clusterregistrationtokens', namespace, name);
      if (!token || token.metadata.deletionTimestamp) return;
      const expires = tokenExpiry(token);
      if (expires && expires.getTime() <= now().getTime()) {
        client.delete('clusterregistrationtokens', namespace, name);
        events.normal(token, 'Expired', `ClusterRegistrationToken ${name} expired and was deleted`);
        return;
      }
      if (!client.get('secrets', namespace, name)) {
        client.create('secrets', {
          metadata: {
            name,
            namespace,
            labels: { [MANAGED_LABEL]: 'true' },
            ownerReferences: [
              { apiVersion: token.apiVersion, kind: token.kind, name, uid: token.metadata.uid ?? '', controller: true, blockOwnerDeletion: true },
            ],
          },
          type: CLUSTER_REGISTRATION_VALUES_SECRET_TYPE,
          data: { values: Buffer.from(registrationValues(token, randomBytes(32).toString('base64url'), options), 'utf8').toString('base64') },
        });
      }
      writeStatusFields<ClusterRegistrationToken>(client, 'clusterregistrationtokens', namespace, name, () => ({
        secretName: name,
        expires: expires ? formatConditionTime(expires) : undefined,
      }));
      // Timers cannot wait longer than ~24 days; look again hourly until the token is close to expiry.
      if (expires) return { requeueAfterMs: Math.min(3_600_000, Math.max(0, expires.getTime() - now().getTime()) + 10) };
    },
  };
}

export function createClusterRegistrationController(client: ControllerClient, options: RegistrationOptions = {}): Controller {
  const events = createEventRecorder(client, 'fleet-controller', { now: options.now });
  return {
    name: REGISTRATION_CONTROLLER,
    watches: {
      clusterregistrations: (event: ChangeEvent) => (event.type === 'DELETED' ? [] : ownKey(event)),
    },
    initialKeys: () => client.list('clusterregistrations').map(keyOf),
    reconcile(key) {
      const { namespace, name } = splitKey(key);
      const registration = client.get<ClusterRegistration>('clusterregistrations', namespace, name);
      if (!registration || registration.metadata.deletionTimestamp) return;
      const clientID = registration.spec?.clientID ?? '';
      if (clientID === '') return;
      if (registration.status?.granted && registration.status.clusterName && client.get('clusters', namespace, registration.status.clusterName)) return;

      let cluster = client.list<Cluster>('clusters', namespace).find((candidate) => candidate.spec?.clientID === clientID);
      if (!cluster) {
        const clusterName = registeredClusterName(clientID);
        cluster = client.get<Cluster>('clusters', namespace, clusterName);
        if (!cluster) {
          cluster = client.create<Cluster>('clusters', {
            metadata: { name: clusterName, namespace, labels: registeredClusterLabels(registration.spec?.clusterLabels, clusterName) },
            spec: { clientID },
          });
          events.normal(cluster, 'Registered', `Cluster ${clusterName} registered by ClusterRegistration ${name}`);
        } else if (!cluster.spec?.clientID) {
          cluster =
            client.mutate<Cluster>('clusters', namespace, clusterName, (current) => ({ ...current, spec: { ...current.spec, clientID } })) ?? cluster;
        }
      }
      const clusterName = cluster.metadata.name;
      writeStatusFields<ClusterRegistration>(client, 'clusterregistrations', namespace, name, () => ({ clusterName, granted: true }));
    },
  };
}

/** Both registration controllers. */
export function createRegistrationControllers(client: ControllerClient, options: RegistrationOptions = {}): Controller[] {
  return [createClusterRegistrationTokenController(client, options), createClusterRegistrationController(client, options)];
}
