import { stringify } from 'yaml';

/**
 * One way to turn a Kubernetes object into YAML, shared by the BFF's `GET …/yaml` and the
 * browser's YAML tab, so the text people copy, download and edit is the same everywhere.
 */

/** Fields the API server writes; left out of a "clean" copy meant to be applied elsewhere. */
const SERVER_METADATA = [
  'managedFields',
  'resourceVersion',
  'uid',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'selfLink',
] as const;

const TOP_ORDER = ['apiVersion', 'kind', 'metadata', 'spec', 'status'];
const METADATA_ORDER = ['name', 'generateName', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'labels', 'annotations'];

export interface ObjectYamlOptions {
  /**
   * `full`: everything the BFF has (never `managedFields`); `edit`: without `status`, which Fleet
   * writes and an edit cannot change; `clean`: without status and server-written metadata.
   */
  mode?: 'full' | 'edit' | 'clean';
}

type Json = Record<string, unknown>;

function ordered(object: Json, order: readonly string[]): Json {
  const out: Json = {};
  for (const key of order) if (key in object && object[key] !== undefined) out[key] = object[key];
  for (const [key, value] of Object.entries(object)) if (!(key in out) && value !== undefined) out[key] = value;
  return out;
}

/** The object as an ordered plain value, trimmed for `mode`. */
export function objectForYaml(object: Json, options: ObjectYamlOptions = {}): Json {
  const mode = options.mode ?? 'full';
  const metadata: Json = { ...((object.metadata as Json | undefined) ?? {}) };
  delete metadata.managedFields;
  if (mode === 'clean') for (const key of SERVER_METADATA) delete metadata[key];
  const top: Json = { ...object, metadata: ordered(metadata, METADATA_ORDER) };
  if (mode !== 'full') delete top.status;
  return ordered(top, TOP_ORDER);
}

/** YAML of a Kubernetes object: keys in kubectl's order, long strings never folded. */
export function objectToYaml(object: Json, options: ObjectYamlOptions = {}): string {
  return stringify(objectForYaml(object, options), { lineWidth: 0, aliasDuplicateObjects: false });
}
