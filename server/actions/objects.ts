import 'server-only';

import type { z } from 'zod';

import { zodIssuesToFieldErrors } from '@/lib/fleet/schemas';
import type { KubeObject } from '@/lib/k8s/object';
import { BffError } from '@/server/http/errors';

/**
 * Shared steps of the update endpoints: optimistic concurrency, merging what the client sent over
 * what is stored, and validating the result before anything is written.
 */

/** Refuses an update based on an older version than the stored one. */
export function checkVersion(current: KubeObject, loaded: string): void {
  if (current.metadata.resourceVersion !== loaded) {
    throw new BffError(
      'conflict',
      `${current.kind} "${current.metadata.name}" changed since you loaded it (version ${loaded}, now ${current.metadata.resourceVersion}). Reload and try again.`,
      'metadata.resourceVersion',
    );
  }
}

/**
 * A spec with the client's fields applied: a field sent replaces the stored value, `null`
 * removes it, fields not sent (including ones this Fleet Deck does not know) stay as they are.
 */
export function mergeSpec(current: Record<string, unknown> | undefined, changes: Record<string, unknown> | undefined): Record<string, unknown> {
  const spec: Record<string, unknown> = { ...(current ?? {}) };
  for (const [key, value] of Object.entries(changes ?? {})) {
    if (value === null) delete spec[key];
    else if (value !== undefined) spec[key] = value;
  }
  return spec;
}

/** Validates a merged spec with the kind's schema; the error names the field (`spec.repo`). */
export function validateSpec<S extends z.ZodType>(schema: S, spec: unknown): z.infer<S> {
  const result = schema.safeParse(spec, { reportInput: true });
  if (result.success) return result.data;
  const error = zodIssuesToFieldErrors(result.error.issues, 'spec')[0];
  throw new BffError('invalid', error ? `${error.field}: ${error.message}` : 'spec is invalid', error?.field ?? 'spec');
}

/** The object to PUT: stored metadata with the client's labels/annotations and version, the new spec. */
export function updatedObject(
  current: KubeObject,
  meta: { resourceVersion: string; labels?: Record<string, string>; annotations?: Record<string, string> },
  spec: Record<string, unknown>,
): KubeObject {
  const { managedFields: _managedFields, ...metadata } = current.metadata;
  return {
    apiVersion: current.apiVersion,
    kind: current.kind,
    metadata: {
      ...metadata,
      resourceVersion: meta.resourceVersion,
      ...(meta.labels ? { labels: meta.labels } : {}),
      ...(meta.annotations ? { annotations: meta.annotations } : {}),
    },
    spec,
  };
}
