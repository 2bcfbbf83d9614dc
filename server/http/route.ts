import 'server-only';

import { z } from 'zod';

import { formatFieldPath, zodIssuesToFieldErrors } from '@/lib/fleet/schemas';
import { getBff, type Bff } from '@/server/bff';

import { BffError, fromKubeError } from './errors';
import { recordRequest } from './metrics';

const MAX_BODY_BYTES = 1024 * 1024;

type Schema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

export interface RouteSpec<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | undefined> {
  /** A name for metrics, e.g. `GET /api/v1/workspaces/{ws}/{kind}`. */
  name: string;
  params?: P;
  query?: Q;
  body?: B;
  /** Mutations require JSON and a same-origin caller (no cross-site form posts or fetches). */
  mutation?: boolean;
  /** Skip waiting for the cache (health checks, metrics). */
  withoutCache?: boolean;
}

export interface RouteContext<P, Q, B> {
  request: Request;
  params: P;
  query: Q;
  body: B;
  bff: Bff;
}

type NextContext = { params: Promise<Record<string, string | string[]>> };

/**
 * Every BFF route goes through here: parse and validate params, query and body with zod,
 * refuse cross-site mutations, map any failure to the one error shape, and time the request.
 * Handlers return plain data (sent as JSON) or a Response.
 */
export function route<P extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, B extends Schema | undefined = undefined>(
  spec: RouteSpec<P, Q, B>,
  handler: (context: RouteContext<Infer<P>, Infer<Q>, Infer<B>>) => Promise<unknown> | unknown,
): (request: Request, context: NextContext) => Promise<Response> {
  return async (request, context) => {
    const started = performance.now();
    let status = 500;
    try {
      if (spec.mutation) checkMutationRequest(request);
      const params = parse(spec.params, await context.params, 'path');
      const query = parse(spec.query, Object.fromEntries(new URL(request.url).searchParams), 'query');
      const body = spec.body ? parse(spec.body, await readJson(request), 'body') : undefined;
      const bff = spec.withoutCache ? (undefined as unknown as Bff) : await getBff();
      const result = await handler({ request, params: params as Infer<P>, query: query as Infer<Q>, body: body as Infer<B>, bff });
      const response = result instanceof Response ? result : Response.json(result, { headers: { 'Cache-Control': 'no-store' } });
      status = response.status;
      return response;
    } catch (error) {
      const failure = fromKubeError(error);
      if (failure.code === 'internal') console.error(`[${spec.name}]`, error);
      status = failure.status;
      return Response.json(failure.toBody(), { status: failure.status, headers: { 'Cache-Control': 'no-store' } });
    } finally {
      recordRequest(spec.name, request.method, status, performance.now() - started);
    }
  };
}

function parse(schema: Schema | undefined, value: unknown, where: 'path' | 'query' | 'body'): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  // Field validators shared with the API server (selectors, labels, names) know the exact field
  // (`targets[0].clusterSelector.matchExpressions[0].operator`) and word it as kube-apiserver does.
  const precise = issue.code === 'custom' ? zodIssuesToFieldErrors([issue])[0] : undefined;
  const field = precise?.field ?? formatFieldPath('', issue.path);
  const message = precise?.message ?? issue.message;
  const code = where === 'body' ? 'invalid' : 'bad_request';
  throw new BffError(code, field ? `${field}: ${message}` : message, field || undefined);
}

async function readJson(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw new BffError('payload_too_large', `The request body is larger than ${MAX_BODY_BYTES} bytes`);
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new BffError('payload_too_large', `The request body is larger than ${MAX_BODY_BYTES} bytes`);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BffError('bad_request', 'The request body is not valid JSON');
  }
}

/**
 * Cookies or not, a mutation from another site must not run: the browser says where a request
 * comes from in `Sec-Fetch-Site` (modern browsers) or `Origin`; requests with neither header come
 * from non-browser clients (curl, tests), which carry no ambient credentials.
 */
function checkMutationRequest(request: Request): void {
  const contentType = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (contentType !== 'application/json') {
    throw new BffError('unsupported_media_type', 'Send mutations as Content-Type: application/json');
  }
  const site = request.headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') {
    throw new BffError('forbidden', 'Cross-site requests may not change anything');
  }
  const origin = request.headers.get('origin');
  if (origin) {
    const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
    let originHost: string | undefined;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = undefined;
    }
    if (!host || originHost !== host) throw new BffError('forbidden', 'Cross-origin requests may not change anything');
  }
}

export { z };
