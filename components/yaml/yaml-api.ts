'use client';

import { objectWrittenSchema, type ListKind, type ObjectWritten } from '@/lib/api/schemas';
import { yamlErrorBodySchema } from '@/lib/api/yaml';

/** A refused YAML save: the BFF's error plus where in the YAML it applies. */
export class YamlSaveError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

export function yamlUrl(kind: ListKind, ws: string, name: string): string {
  return `/api/v1/workspaces/${encodeURIComponent(ws)}/${kind}/${encodeURIComponent(name)}/yaml`;
}

/** `PUT …/yaml` with `{ yaml }`; resolves to the object as written. */
export async function saveObjectYaml(kind: ListKind, ws: string, name: string, yaml: string): Promise<ObjectWritten> {
  let response: Response;
  try {
    response = await fetch(yamlUrl(kind, ws, name), {
      method: 'PUT',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({ yaml }),
      cache: 'no-store',
    });
  } catch (error) {
    throw new YamlSaveError(0, 'network', `Fleet Deck's server cannot be reached (${error instanceof Error ? error.message : String(error)})`);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const parsed = yamlErrorBodySchema.safeParse(body);
    if (parsed.success) {
      const { code, message, field, line, column } = parsed.data.error;
      throw new YamlSaveError(response.status, code, message, field, line, column);
    }
    throw new YamlSaveError(response.status, 'internal', `The server answered ${response.status} ${response.statusText}`);
  }
  return objectWrittenSchema.parse(body);
}
