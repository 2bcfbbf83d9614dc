/**
 * Annotations on a Cluster that tell its simulated agent how to misbehave (see README.md).
 * They are read on every pass, so adding or removing one changes the cluster's BundleDeployments
 * within a scheduler tick.
 */

/** Set by `seedSimulatedClusters` on the clusters it creates (informational). */
export const SIMULATED_ANNOTATION = 'fleet-deck.dev/simulated';

export const SIMULATE_ANNOTATIONS = {
  /** `"true"`: no heartbeats, nothing applied (new deployments stay WaitApplied, lastSeen goes stale). */
  offline: 'fleet-deck.dev/simulate-offline',
  /** `<message>`: every deployment fails (Deployed=False ⇒ ErrApplied with that message). */
  applyError: 'fleet-deck.dev/simulate-apply-error',
  /** Object refs: those objects drifted (Modified, with a JSON patch). */
  drift: 'fleet-deck.dev/simulate-drift',
  /** Object refs: those objects are not ready (NotReady, kstatus-like message). */
  notReady: 'fleet-deck.dev/simulate-not-ready',
  /** Object refs: those objects were deleted downstream (Modified, `missing`). */
  missing: 'fleet-deck.dev/simulate-missing',
  /** Object refs: extra objects found downstream (Modified, `delete`/orphaned). */
  extra: 'fleet-deck.dev/simulate-extra',
} as const;

/**
 * One object named in an annotation: `[<bundle>:]<kind>/[<namespace>/]<name>`, or `*` for the
 * first object of every BundleDeployment (`<bundle>:*` for the first object of one bundle).
 */
export interface ObjectRef {
  bundle?: string;
  /** Lower-case kind, or `*`. */
  kind: string;
  namespace?: string;
  name: string;
}

/** Parses a comma-separated list of object refs; malformed entries are skipped. */
export function parseObjectRefs(value: string | undefined): ObjectRef[] {
  if (!value) return [];
  const out: ObjectRef[] = [];
  for (const raw of value.split(',')) {
    let entry = raw.trim();
    if (entry === '') continue;
    let bundle: string | undefined;
    const colon = entry.indexOf(':');
    if (colon !== -1) {
      bundle = entry.slice(0, colon).trim() || undefined;
      entry = entry.slice(colon + 1).trim();
    }
    if (entry === '*' || entry.toLowerCase() === 'true') {
      out.push({ bundle, kind: '*', name: '*' });
      continue;
    }
    const parts = entry.split('/').map((part) => part.trim());
    if (parts.length === 2 && parts[0] && parts[1]) {
      out.push({ bundle, kind: parts[0].toLowerCase(), name: parts[1] });
    } else if (parts.length === 3 && parts[0] && parts[1] && parts[2]) {
      out.push({ bundle, kind: parts[0].toLowerCase(), namespace: parts[1], name: parts[2] });
    }
  }
  return out;
}

/** What a cluster's annotations ask its agent to simulate. */
export interface Simulation {
  offline: boolean;
  applyError?: string;
  drift: ObjectRef[];
  notReady: ObjectRef[];
  missing: ObjectRef[];
  extra: ObjectRef[];
}

export const NO_SIMULATION: Simulation = Object.freeze({
  offline: false,
  drift: [],
  notReady: [],
  missing: [],
  extra: [],
}) as Simulation;

export function simulationOf(annotations: Readonly<Record<string, string>> | undefined): Simulation {
  if (!annotations) return NO_SIMULATION;
  const offline = annotations[SIMULATE_ANNOTATIONS.offline];
  const applyError = annotations[SIMULATE_ANNOTATIONS.applyError];
  const drift = annotations[SIMULATE_ANNOTATIONS.drift];
  const notReady = annotations[SIMULATE_ANNOTATIONS.notReady];
  const missing = annotations[SIMULATE_ANNOTATIONS.missing];
  const extra = annotations[SIMULATE_ANNOTATIONS.extra];
  if (offline === undefined && applyError === undefined && !drift && !notReady && !missing && !extra) return NO_SIMULATION;
  return {
    offline: offline !== undefined && offline !== 'false' && offline !== '',
    applyError: applyError === undefined || applyError === '' ? undefined : applyError,
    drift: parseObjectRefs(drift),
    notReady: parseObjectRefs(notReady),
    missing: parseObjectRefs(missing),
    extra: parseObjectRefs(extra),
  };
}

/** The simulation a set of annotations describes, as a string (to notice changes cheaply). */
export function simulationSignature(annotations: Readonly<Record<string, string>> | undefined): string {
  if (!annotations) return '';
  return Object.values(SIMULATE_ANNOTATIONS)
    .map((key) => annotations[key] ?? '')
    .join('\u0000');
}
