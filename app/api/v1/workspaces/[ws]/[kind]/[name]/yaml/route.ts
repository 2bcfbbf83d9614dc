import { dryRunQuerySchema, objectPathParamsSchema } from '@/lib/api/schemas';
import { replaceYamlBodySchema, yamlQuerySchema } from '@/lib/api/yaml';
import { replaceObjectFromYaml } from '@/server/actions/replace-object';
import { route } from '@/server/http/route';
import { objectYaml } from '@/server/views/yaml';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// GET /api/v1/workspaces/{ws}/{kind}/{name}/yaml – the object as YAML (`clean=true`: to apply elsewhere; `download=true`: as <name>.yaml)
export const GET = route({ name: 'GET /api/v1/workspaces/{ws}/{kind}/{name}/yaml', params: objectPathParamsSchema, query: yamlQuerySchema }, ({ params, query, bff }) => {
  const text = objectYaml(bff, params.kind, params.ws, params.name, { clean: query.clean });
  return new Response(text, {
    headers: {
      'Content-Type': 'application/yaml; charset=utf-8',
      'Cache-Control': 'no-store',
      ...(query.download ? { 'Content-Disposition': `attachment; filename="${params.name}.yaml"` } : {}),
    },
  });
});

// PUT /api/v1/workspaces/{ws}/{kind}/{name}/yaml – { yaml } replaces the object from the version in its metadata.resourceVersion (409 if it changed since)
export const PUT = route(
  { name: 'PUT /api/v1/workspaces/{ws}/{kind}/{name}/yaml', params: objectPathParamsSchema, query: dryRunQuerySchema, body: replaceYamlBodySchema, mutation: true },
  ({ params, query, body, bff }) => replaceObjectFromYaml(bff, params.kind, params.ws, params.name, body.yaml, query.dryRun),
);
