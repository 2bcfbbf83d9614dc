import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

import { describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

const { buildOpenApiDocument, OPERATIONS } = await import('./openapi');

type Json = Record<string, unknown>;

const ROOT = join(import.meta.dirname, '..', '..');

/** Every `$ref` in the document, with where it was found. */
function refs(value: unknown, at = '#'): [string, string][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => refs(v, `${at}/${i}`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) => (key === '$ref' && typeof v === 'string' ? [[v, at] as [string, string]] : refs(v, `${at}/${key}`)));
}

function resolve(document: Json, pointer: string): unknown {
  if (!pointer.startsWith('#/')) return undefined;
  return pointer
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Json)[part] : undefined), document);
}

/** `app/api/**\/route.ts` files as OpenAPI paths with the methods they export. */
function routeFiles(): { path: string; methods: string[] }[] {
  const found: { path: string; methods: string[] }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'route.ts') {
        const source = readFileSync(full, 'utf8');
        const methods = [...source.matchAll(/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!.toLowerCase());
        const path = '/' + relative(join(ROOT, 'app'), full).split(sep).slice(0, -1).join('/').replace(/\[([^\]]+)\]/g, '{$1}');
        found.push({ path, methods });
      }
    }
  };
  walk(join(ROOT, 'app', 'api'));
  return found;
}

describe('OpenAPI document', () => {
  const document = buildOpenApiDocument();
  const paths = document.paths as Record<string, Record<string, Json>>;

  it('is an OpenAPI 3.1 document with info', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
  });

  it('gives every operation a unique id, a summary and responses with a success status', () => {
    const ids = new Set<string>();
    for (const [path, methods] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const label = `${method.toUpperCase()} ${path}`;
        expect(operation.operationId, label).toEqual(expect.any(String));
        expect(ids.has(operation.operationId as string), `${label} repeats an operationId`).toBe(false);
        ids.add(operation.operationId as string);
        expect(operation.summary, label).toEqual(expect.any(String));
        const responses = operation.responses as Record<string, Json>;
        expect(Object.keys(responses).length, label).toBeGreaterThan(0);
        expect(Object.keys(responses).some((s) => s.startsWith('2')), `${label} has no 2xx response`).toBe(true);
        for (const [status, response] of Object.entries(responses)) expect(response.description, `${label} ${status}`).toEqual(expect.any(String));
      }
    }
  });

  it('declares every path parameter', () => {
    for (const [path, methods] of Object.entries(paths)) {
      const placeholders = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const operation of Object.values(methods)) {
        const declared = (operation.parameters as Json[]).filter((p) => p.in === 'path').map((p) => p.name);
        expect(declared.sort(), path).toEqual(placeholders.sort());
      }
    }
  });

  it('resolves every $ref', () => {
    const all = refs(document);
    expect(all.length).toBeGreaterThan(10);
    for (const [target, at] of all) expect(resolve(document, target), `${target} (at ${at})`).toBeDefined();
  });

  it('describes the list page rows through named components', () => {
    const schemas = (document.components as Json).schemas as Record<string, Json>;
    for (const name of ['GitRepoRow', 'ClusterRow', 'ClusterGroupRow', 'BundleRow', 'ErrorBody', 'ChangesMessage', 'StreamStatus']) {
      expect(schemas[name], name).toBeDefined();
    }
    expect(JSON.stringify(schemas.GitRepoPage)).toContain('#/components/schemas/GitRepoRow');
  });

  it('documents every route handler under app/api', () => {
    // A handler at `{kind}` may be documented per kind (`/gitrepos`, `/clustergroups`…).
    const covers = (file: string, row: string) => {
      const a = file.split('/');
      const b = row.split('/');
      return a.length === b.length && a.every((segment, i) => segment === b[i] || (segment.startsWith('{') && b[i] !== undefined));
    };
    const missing = routeFiles()
      .flatMap(({ path, methods }) => methods.map((method) => ({ path, method })))
      .filter(({ path, method }) => !OPERATIONS.some((o) => o.method === method && covers(path, o.path)))
      .map(({ path, method }) => `${method} ${path}`);
    expect(missing, 'add a row to OPERATIONS in server/http/openapi.ts').toEqual([]);
  });

  it('documents only paths that some route handler serves', () => {
    const files = routeFiles();
    const served = (row: string, method: string) =>
      files.some(({ path, methods }) => {
        const a = path.split('/');
        const b = row.split('/');
        return methods.includes(method) && a.length === b.length && a.every((segment, i) => segment === b[i] || segment.startsWith('{'));
      });
    expect(OPERATIONS.filter((o) => !served(o.path, o.method)).map((o) => `${o.method} ${o.path}`)).toEqual([]);
  });
});
