import 'server-only';

import { z } from 'zod';

import { ALL_WORKSPACES } from '@/lib/api/schemas';
import { formatFieldPath, zodIssuesToFieldErrors } from '@/lib/fleet/schemas';
import { auditTarget, writeAudit } from '@/server/auth/audit';
import { bffFor, identify, SIGN_IN_HEADER, SignInRequired, type Identity } from '@/server/auth/identity';
import { authMode } from '@/server/auth/mode';
import { cookieFromHeader, SESSION_COOKIE } from '@/server/auth/session-cookie';
import { currentBff, sharedBff, type Bff } from '@/server/bff';

import { readJsonBody } from './body';
import { BffError, fromKubeError } from './errors';
import { recordRequest } from './metrics';

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
  /**
   * Answer without a signed-in person in team mode. Routes outside `/api/v1` (health, metrics,
   * the OpenAPI document) are public unless they say otherwise; `/api/v1` routes are not.
   */
  public?: boolean;
  /** Write an audit log line for each request (default: for mutations). */
  audit?: boolean;
}

export interface RouteContext<P, Q, B> {
  request: Request;
  params: P;
  query: Q;
  body: B;
  /** The shared BFF as this request's identity may use it (see `bffFor`); absent with `withoutCache`. */
  bff: Bff;
  /** Who the request acts as: in team mode the signed-in person; absent on public routes. */
  identity: Identity;
  /** For public routes that find out who someone is (sign-in): the name the audit line gives. */
  audit: { user?: string };
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
    let errorCode: string | undefined;
    let identity: Identity | undefined;
    let rawParams: unknown;
    let params: unknown;
    let query: unknown;
    let body: unknown;
    const audit: { user?: string } = {};
    try {
      if (spec.mutation) checkMutationRequest(request);
      rawParams = await context.params;
      // Who is asking comes first: without a session, nothing about the request is looked at.
      const shared = spec.withoutCache ? undefined : await sharedBff();
      if (!(spec.public ?? !spec.name.includes(' /api/v1/'))) {
        identity = await identify(shared ?? currentBff(), cookieFromHeader(request.headers.get('cookie'), SESSION_COOKIE));
      }
      params = parse(spec.params, rawParams, 'path');
      query = parse(spec.query, Object.fromEntries(new URL(request.url).searchParams), 'query');
      body = spec.body ? parse(spec.body, await readJson(request), 'body') : undefined;
      const bff = shared && identity ? bffFor(shared, identity, { writes: Boolean(spec.mutation) }) : (shared as Bff);
      if (identity?.mode === 'token' && shared) hideUnseenWorkspace(bff, params);
      const result = await handler({
        request,
        params: params as Infer<P>,
        query: query as Infer<Q>,
        body: body as Infer<B>,
        bff,
        identity: identity as Identity,
        audit,
      });
      const response = result instanceof Response ? result : Response.json(result, { headers: { 'Cache-Control': 'no-store' } });
      status = response.status;
      return response;
    } catch (error) {
      const failure = fromKubeError(error);
      if (failure.code === 'internal') console.error(`[${spec.name}]`, error);
      status = failure.status;
      errorCode = failure.code;
      const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
      if (error instanceof SignInRequired) headers[SIGN_IN_HEADER] = 'sign-in';
      return Response.json(failure.toBody(), { status: failure.status, headers });
    } finally {
      recordRequest(spec.name, request.method, status, performance.now() - started);
      if (spec.audit ?? spec.mutation) {
        const dryRun = (query as { dryRun?: unknown } | undefined)?.dryRun === true;
        writeAudit({
          user: identity?.user?.username ?? audit.user ?? (authMode() === 'none' ? 'kubeconfig' : 'anonymous'),
          method: request.method,
          route: spec.name,
          ...auditTarget(spec.name, params ?? rawParams, body),
          ...(dryRun ? { dryRun } : {}),
          status,
          ...(errorCode ? { error: errorCode } : {}),
        });
      }
    }
  };
}

/**
 * Team mode: a workspace the person may not see does not exist for them — for writes too, which
 * would otherwise reach the API server and come back as its 403.
 */
function hideUnseenWorkspace(bff: Bff, params: unknown): void {
  const ws = (params as { ws?: unknown } | undefined)?.ws;
  if (typeof ws === 'string' && ws !== ALL_WORKSPACES && !bff.cache.workspaceExists(ws)) {
    throw new BffError('not_found', `Workspace "${ws}" does not exist`, 'ws');
  }
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

/** Bodies are size-capped while streaming (server/http/body.ts): 413 before an oversized body is held in memory. */
async function readJson(request: Request): Promise<unknown> {
  return readJsonBody(request);
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
