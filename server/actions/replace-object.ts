import 'server-only';

import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';

import type { ErrorBody, ErrorCode, ListKind, ObjectWritten } from '@/lib/api/schemas';
import { bundleSpecSchema, clusterGroupSpecSchema, clusterSpecSchema, gitRepoSpecSchema } from '@/lib/fleet/schemas';
import type { KubeObject } from '@/lib/k8s/object';
import { locateField } from '@/lib/yaml/field-location';
import type { Bff } from '@/server/bff';
import { BffError, fromKubeError } from '@/server/http/errors';
import { FLEET_KINDS, FleetApi } from '@/server/kube/fleet-api';
import { toObjectDto } from '@/server/views/details';

import { validateSpec } from './objects';
import { settleWrite } from './settle';

/**
 * "Edit YAML": replace a Fleet object with the YAML a person edited. The text is parsed here (a
 * syntax error is a 400 with its line and column), checked to still be the same object, its spec
 * checked with the kind's schema, and then PUT with the `resourceVersion` the edit started from,
 * so a change made meanwhile is a 409 instead of being overwritten (a change of status alone,
 * which Fleet makes on every poll, is not one: see {@link onlyStatusMoved}). Errors that name a field get
 * that field's line in the YAML sent, so the editor can point at it.
 */

const SPEC_SCHEMAS: Record<ListKind, z.ZodType> = {
  gitrepos: gitRepoSpecSchema,
  clusters: clusterSpecSchema,
  clustergroups: clusterGroupSpecSchema,
  bundles: bundleSpecSchema,
};

/** A BFF error with a place in the YAML that was sent. */
export class YamlBffError extends BffError {
  constructor(
    code: ErrorCode,
    message: string,
    field: string | undefined,
    readonly position: { line: number; column: number } | undefined,
  ) {
    super(code, message, field);
  }

  override toBody(): ErrorBody {
    const body = super.toBody();
    return { error: { ...body.error, ...(this.position ? { line: this.position.line, column: this.position.column } : {}) } } as ErrorBody;
  }
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Adds the YAML position of the error's field (or of its nearest parent present) to a BFF error. */
function placed(error: BffError, text: string): BffError {
  if (error instanceof YamlBffError || !error.field) return error;
  const location = locateField(text, error.field);
  return new YamlBffError(error.code, error.message, error.field, location ? { line: location.line, column: location.column } : undefined);
}

function invalid(text: string, field: string, message: string): YamlBffError {
  return placed(new BffError('invalid', `${field}: ${message}`, field), text) as YamlBffError;
}

/** Parses the edited text into one object, or throws a 400 with where the YAML breaks. */
export function parseObjectYaml(text: string): Json {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problem = doc.errors[0];
  if (problem) {
    const { line, col } = lineCounter.linePos(problem.pos[0]);
    const reason = problem.message.split('\n')[0] ?? problem.message;
    throw new YamlBffError('bad_request', `The YAML is not valid at line ${line}, column ${col}: ${reason}`, 'yaml', { line, column: col });
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new YamlBffError('bad_request', `The YAML cannot be read: ${error instanceof Error ? error.message : String(error)}`, 'yaml', undefined);
  }
  if (!isObject(value)) {
    throw new YamlBffError('invalid', 'The YAML must be one object: a mapping with apiVersion, kind, metadata and spec', 'yaml', { line: 1, column: 1 });
  }
  return value;
}

/** Checks that the edited object is still the one at this path, and returns it ready to PUT. */
export function checkEditedObject(kind: ListKind, workspace: string, name: string, text: string, object: Json): KubeObject {
  const { apiVersion, kind: kindName } = FLEET_KINDS[kind];
  if (object.apiVersion !== apiVersion) throw invalid(text, 'apiVersion', `must be ${apiVersion}`);
  if (object.kind !== kindName) throw invalid(text, 'kind', `must be ${kindName}; the kind of an object cannot change`);
  if (!isObject(object.metadata)) throw invalid(text, 'metadata', 'is required');
  const metadata = object.metadata;
  if (metadata.name !== name) throw invalid(text, 'metadata.name', `must be "${name}": an object cannot be renamed (create a new one instead)`);
  if (metadata.namespace !== undefined && metadata.namespace !== workspace) {
    throw invalid(text, 'metadata.namespace', `must be "${workspace}": use "Move" to change a cluster's workspace`);
  }
  const version = typeof metadata.resourceVersion === 'number' ? String(metadata.resourceVersion) : metadata.resourceVersion;
  if (typeof version !== 'string' || version === '') {
    throw invalid(text, 'metadata.resourceVersion', 'is required: keep the resourceVersion of the version you edited, so that changes made meanwhile are not overwritten');
  }
  if (object.spec !== undefined && object.spec !== null) {
    if (!isObject(object.spec)) throw invalid(text, 'spec', 'must be an object');
    try {
      validateSpec(SPEC_SCHEMAS[kind], object.spec);
    } catch (error) {
      throw error instanceof BffError ? placed(error, text) : error;
    }
  }
  const { status: _status, ...rest } = object;
  const { managedFields: _managedFields, ...keptMetadata } = metadata;
  return { ...rest, apiVersion, kind: kindName, metadata: { ...keptMetadata, name, namespace: workspace, resourceVersion: version } } as KubeObject;
}

/** JSON with object keys sorted, to compare maps whatever their order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isObject(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

const GUARDED_METADATA = ['labels', 'annotations', 'finalizers', 'ownerReferences'] as const;

/**
 * Whether the stored object differs from the edited one's starting point only where an edit
 * cannot clash: Fleet rewrites status all the time (every poll), which moves resourceVersion but
 * not `metadata.generation` (bumped by spec changes only). If the generation the edit started
 * from is still current and the metadata Fleet and others write (labels, annotations, finalizers,
 * owners) is what the edit sends, nobody else's change can be overwritten.
 */
export function onlyStatusMoved(edited: KubeObject, current: KubeObject): boolean {
  const generation = edited.metadata.generation;
  if (generation === undefined || Number(generation) !== current.metadata.generation) return false;
  return GUARDED_METADATA.every((key) => canonical(edited.metadata[key] ?? null) === canonical(current.metadata[key] ?? null));
}

export async function replaceObjectFromYaml(bff: Bff, kind: ListKind, workspace: string, name: string, text: string, dryRun: boolean): Promise<ObjectWritten> {
  if (!bff.cache.workspaceExists(workspace)) throw new BffError('not_found', `Workspace "${workspace}" does not exist`, 'ws');
  const body = checkEditedObject(kind, workspace, name, text, parseObjectYaml(text));
  const api = new FleetApi(bff.kube.kc);
  let written: KubeObject;
  try {
    try {
      written = await api.replace(kind, workspace, name, body, { dryRun });
    } catch (error) {
      if (fromKubeError(error).code !== 'conflict') throw error;
      const current = await api.get(kind, workspace, name);
      if (!onlyStatusMoved(body, current)) throw error;
      written = await api.replace(kind, workspace, name, { ...body, metadata: { ...body.metadata, resourceVersion: current.metadata.resourceVersion } }, { dryRun });
    }
  } catch (error) {
    const failure = fromKubeError(error);
    if (failure.code === 'conflict') {
      throw placed(
        new BffError(
          'conflict',
          `${FLEET_KINDS[kind].kind} "${name}" changed since you loaded it (you edited version ${body.metadata.resourceVersion}). Reload it, then make your change again.`,
          'metadata.resourceVersion',
        ),
        text,
      );
    }
    throw placed(failure, text);
  }
  if (!dryRun) await settleWrite(bff.cache, kind, written, body.metadata.resourceVersion);
  return { object: toObjectDto(written), dryRun };
}
