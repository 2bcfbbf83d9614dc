import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../lib/k8s/object';
import { Authenticator } from './auth/authenticator';
import type { UserInfo } from './auth/user';
import {
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
  openApiV2Json,
  openApiV2Protobuf,
  SERVER_VERSION,
} from './discovery';
import {
  ApiError,
  badRequest,
  entityTooLarge,
  methodNotAllowed,
  toApiError,
  unauthorized,
  unsupportedMediaType,
} from './errors';
import { ListFilter } from './list-filter';
import type { StoredObject } from './object-store';
import { requestAttributes } from './rbac/attributes';
import { RbacAuthorizer } from './rbac/authorizer';
import { forbiddenError } from './rbac/forbidden';
import type { DeleteOptions, PatchType, PropagationPolicy, Registry } from './registry';
import { apiVersionOf, findResourceType, NAMESPACES, type ResourceType } from './resource-types';
import { answerReview } from './reviews';
import { toTable, wantsTable, type IncludeObject } from './table';
import { WatchHub } from './watch-hub';

export const MAX_BODY_BYTES = 3 * 1024 * 1024;
/** Deeper request bodies are answered 400 Bad Request (kube-apiserver's JSON decoder stops at 10,000). */
export const MAX_BODY_DEPTH = 512;

export interface ApiServerOptions {
  registry: Registry;
  /** The administrator's bearer token (user fleet-deck-admin, group system:masters). */
  token: string;
  /** Further users by bearer token, from a static token file. */
  users?: ReadonlyMap<string, UserInfo>;
  tls: { certPem: string; keyPem: string };
  bookmarkIntervalMs?: number;
}

/** What a request path names: a collection, one object, or one object's subresource. */
interface ResourceTarget {
  type: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/**
 * The Kubernetes REST surface over the registry: discovery, CRUD, patch, watch and Table output,
 * with bearer-token authentication and RBAC authorization of every request. Every failure is
 * answered as a `v1 Status`.
 */
export class ApiServer {
  readonly server: Server;
  readonly watches: WatchHub;
  readonly authenticator: Authenticator;
  readonly authorizer: RbacAuthorizer;
  private readonly registry: Registry;
  private readonly publicRoutes = new Map<string, (req: IncomingMessage, res: ServerResponse) => void>();

  constructor(options: ApiServerOptions) {
    this.registry = options.registry;
    this.authenticator = new Authenticator(options.token, options.users);
    this.authorizer = new RbacAuthorizer(options.registry.store);
    this.watches = new WatchHub(options.registry.store, options.bookmarkIntervalMs ?? 10_000, (request) =>
      this.registry.list(request.type, { namespace: request.namespace }).items.filter((s) => request.filter.matches(s.object)),
    );
    this.server = createServer({ cert: options.tls.certPem, key: options.tls.keyPem }, (req, res) => {
      this.handle(req, res).catch((error: unknown) => this.fail(res, toApiError(error)));
    });
    // Watches are long-lived; the defaults would cut them (and slow clients) off.
    this.server.requestTimeout = 0;
    this.server.headersTimeout = 60_000;
    this.server.keepAliveTimeout = 65_000;
  }

  /**
   * Serves a path without the bearer token — for receivers that authenticate their callers
   * themselves, like Git webhooks signed with a shared secret.
   */
  addPublicRoute(path: string, handler: (req: IncomingMessage, res: ServerResponse) => void): void {
    this.publicRoutes.set(path, handler);
  }

  listen(port: number, host = '127.0.0.1'): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  close(): Promise<void> {
    this.watches.closeAll();
    this.authorizer.close();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (path === '/healthz' || path === '/livez' || path === '/readyz') return this.sendText(res, 200, 'ok');
    const publicRoute = this.publicRoutes.get(path);
    if (publicRoute) return publicRoute(req, res);
    if (path === '/version') return this.sendJson(res, 200, SERVER_VERSION);
    const user = this.authenticator.authenticateRequest(req);
    if (!user) throw unauthorized();

    const segments = path.split('/').filter(Boolean).map(decodePathSegment);
    const attributes = requestAttributes(req.method ?? 'GET', `/${segments.join('/')}`, url.searchParams);
    if (!this.authorizer.authorize(user, attributes).allowed) throw forbiddenError(user, attributes);
    const discovery = this.discovery(req, segments);
    if (discovery !== undefined) {
      if (Buffer.isBuffer(discovery)) return this.sendBytes(res, 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf', discovery);
      return this.sendJson(res, 200, discovery);
    }
    const target = resolveTarget(segments);
    if (!target) missing();
    await this.serveResource(req, res, url, target, user);
  }

  private discovery(req: IncomingMessage, segments: string[]): unknown {
    const [root, group, version, ...rest] = segments;
    if (segments.length === 0) return { paths: ['/api', '/api/v1', '/apis', '/healthz', '/openapi/v2', '/version'] };
    if (root === 'api' && segments.length === 1) return apiVersions(req.headers.host ?? '127.0.0.1');
    if (root === 'api' && segments.length === 2) return apiResourceList('', group!) ?? missing();
    if (root === 'apis' && segments.length === 1) return apiGroupList();
    if (root === 'apis' && segments.length === 2) return apiGroup(group!) ?? missing();
    if (root === 'apis' && segments.length === 3) return apiResourceList(group!, version!) ?? missing();
    if (root === 'openapi' && group === 'v2' && !version) {
      return /protobuf/.test(req.headers.accept ?? '') ? openApiV2Protobuf() : openApiV2Json();
    }
    if (root === 'openapi') return missing();
    void rest;
    return undefined;
  }

  private async serveResource(req: IncomingMessage, res: ServerResponse, url: URL, target: ResourceTarget, user: UserInfo): Promise<void> {
    const { type, namespace, name, subresource } = target;
    const query = url.searchParams;
    const method = req.method ?? 'GET';
    const dryRun = parseDryRun(query);

    if (subresource && !(subresource === 'status' && type.statusSubresource) && !(subresource === 'finalize' && type === NAMESPACES)) {
      missing();
    }
    if (type.virtual) {
      if (method !== 'POST' || name) throw methodNotAllowed(`${method} is not supported on ${type.plural}`);
      const body = await readBody(req);
      return this.sendJson(res, 201, answerReview(type, body, { user, authenticator: this.authenticator, authorizer: this.authorizer }));
    }

    if (!name) {
      switch (method) {
        case 'GET':
          if (isTrue(query.get('watch'))) return this.watch(req, res, type, namespace, query);
          return this.list(req, res, type, namespace, query);
        case 'POST': {
          const created = this.registry.create(type, namespace, await readBody(req), { dryRun });
          return this.sendJson(res, 201, created);
        }
        case 'DELETE': {
          const options = await deleteOptions(req, query);
          const deleted = this.registry.deleteCollection(type, {
            namespace,
            labelSelector: query.get('labelSelector') ?? undefined,
            fieldSelector: query.get('fieldSelector') ?? undefined,
            ...options,
          });
          return this.sendJson(res, 200, { apiVersion: apiVersionOf(type), kind: type.listKind, metadata: {}, items: deleted });
        }
        default:
          throw methodNotAllowed(`${method} is not supported on a collection of ${type.plural}`);
      }
    }

    const writeOptions = { dryRun, subresource: subresource === 'status' ? ('status' as const) : undefined };
    switch (method) {
      case 'GET': {
        if (isTrue(query.get('watch'))) throw badRequest('watch a single object with fieldSelector=metadata.name=<name> on its collection');
        const stored = this.registry.get(type, namespace, name);
        if (wantsTable(req.headers.accept)) {
          return this.sendJson(res, 200, toTable(type, [stored], { includeObject: includeObject(query) }, { resourceVersion: String(stored.resourceVersion) }));
        }
        return this.sendRaw(res, 200, stored.json);
      }
      case 'PUT': {
        const body = await readBody(req);
        if (type === NAMESPACES && subresource === 'finalize') return this.sendJson(res, 200, this.registry.get(type, undefined, name).object);
        return this.sendJson(res, 200, this.registry.update(type, namespace, name, body, writeOptions));
      }
      case 'PATCH': {
        const patchType = patchTypeOf(req.headers['content-type']);
        const body = await readBody(req, { forceJson: true });
        return this.sendJson(res, 200, this.registry.patch(type, namespace, name, patchType, body, writeOptions));
      }
      case 'DELETE': {
        const result = this.registry.delete(type, namespace, name, await deleteOptions(req, query));
        if (!result.removed || type.group) return this.sendJson(res, 200, result.object);
        return this.sendJson(res, 200, {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Success',
          details: { name, group: type.group, kind: type.plural, uid: result.object.metadata.uid },
        });
      }
      default:
        throw methodNotAllowed(`${method} is not supported on ${type.plural}`);
    }
  }

  private list(req: IncomingMessage, res: ServerResponse, type: ResourceType, namespace: string | undefined, query: URLSearchParams): void {
    const limit = parseNonNegativeInt(query.get('limit'), 'limit');
    const result = this.registry.list(type, {
      namespace,
      labelSelector: query.get('labelSelector') ?? undefined,
      fieldSelector: query.get('fieldSelector') ?? undefined,
      limit,
      continueToken: query.get('continue') ?? undefined,
    });
    const metadata: Record<string, unknown> = { resourceVersion: String(result.resourceVersion) };
    if (result.continueToken) {
      metadata.continue = result.continueToken;
      metadata.remainingItemCount = result.remainingItemCount;
    }
    if (wantsTable(req.headers.accept)) {
      return this.sendJson(res, 200, toTable(type, result.items, { includeObject: includeObject(query) }, metadata));
    }
    // Items are spliced in as stored JSON: a 500-item page costs string joins, not serialisation.
    const head = JSON.stringify({ kind: type.listKind, apiVersion: apiVersionOf(type), metadata });
    this.sendRaw(res, 200, `${head.slice(0, -1)},"items":[${result.items.map((s: StoredObject) => s.json).join(',')}]}`);
  }

  private watch(req: IncomingMessage, res: ServerResponse, type: ResourceType, namespace: string | undefined, query: URLSearchParams): void {
    const filter = new ListFilter(type, query.get('labelSelector') ?? undefined, query.get('fieldSelector') ?? undefined);
    const rv = query.get('resourceVersion') ?? undefined;
    if (rv && rv !== '0' && !/^\d+$/.test(rv)) throw badRequest(`invalid resource version: ${rv}`);
    this.watches.open(
      {
        type,
        namespace: type.namespaced ? namespace : undefined,
        filter,
        resourceVersion: rv,
        allowBookmarks: isTrue(query.get('allowWatchBookmarks')),
        timeoutSeconds: parseNonNegativeInt(query.get('timeoutSeconds'), 'timeoutSeconds'),
        table: wantsTable(req.headers.accept) ? { includeObject: includeObject(query) } : undefined,
      },
      res,
    );
  }

  private fail(res: ServerResponse, error: ApiError): void {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    this.sendJson(res, error.code, error.toStatus());
  }

  private sendJson(res: ServerResponse, status: number, body: unknown): void {
    this.sendRaw(res, status, JSON.stringify(body));
  }

  private sendRaw(res: ServerResponse, status: number, json: string): void {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Content-Length': Buffer.byteLength(json) });
    res.end(json);
  }

  private sendText(res: ServerResponse, status: number, text: string): void {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(text);
  }

  private sendBytes(res: ServerResponse, contentType: string, bytes: Buffer): void {
    res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': bytes.length });
    res.end(bytes);
  }
}

function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw badRequest(`the request path is not valid percent-encoding: ${JSON.stringify(segment)}`);
  }
}

/** A path this server does not serve, answered as kube-apiserver answers unknown paths. */
function missing(): never {
  throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
}

/**
 * Maps `/api/v1/...` and `/apis/<group>/<version>/...` paths to a resource, namespace, name and
 * subresource. `/api/v1/namespaces/<name>/status` is the namespace's own subresource, not a
 * collection called "status", because no resource has that plural.
 */
export function resolveTarget(segments: string[]): ResourceTarget | undefined {
  let group: string;
  let version: string;
  let rest: string[];
  if (segments[0] === 'api' && segments[1]) {
    group = '';
    version = segments[1];
    rest = segments.slice(2);
  } else if (segments[0] === 'apis' && segments[1] && segments[2]) {
    group = segments[1];
    version = segments[2];
    rest = segments.slice(3);
  } else {
    return undefined;
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3 && !(rest.length === 3 && (rest[2] === 'status' || rest[2] === 'finalize'))) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [plural, name, subresource, ...extra] = rest;
  if (!plural || extra.length > 0) return undefined;
  const type = findResourceType(group, version, plural);
  if (!type) return undefined;
  if (namespace !== undefined && !type.namespaced) return undefined;
  return { type, namespace, name, subresource };
}

interface ReadBodyOptions {
  /** Patches must be JSON whatever their media type says. */
  forceJson?: boolean;
}

async function readBody(req: IncomingMessage, options: ReadBodyOptions = {}): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > MAX_BODY_BYTES) {
    req.resume();
    throw entityTooLarge(MAX_BODY_BYTES);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      req.resume();
      throw entityTooLarge(MAX_BODY_BYTES);
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  const contentType = (req.headers['content-type'] ?? 'application/json').split(';')[0]!.trim().toLowerCase();
  let value: unknown;
  if (!options.forceJson && /yaml/.test(contentType)) {
    try {
      value = parseYaml(text);
    } catch (error) {
      if (error instanceof RangeError) throw badRequest('the request body is not valid YAML: it is nested too deeply');
      throw error;
    }
  } else {
    if (!options.forceJson && !/json/.test(contentType)) throw unsupportedMediaType(contentType);
    try {
      value = JSON.parse(text) as unknown;
    } catch (error) {
      throw badRequest(`the request body is not valid JSON: ${(error as Error).message}`);
    }
  }
  // Objects are cloned, validated, compared and frozen recursively: a body nested deeper than any
  // real object would overflow the stack in the middle of a write, so it is refused up front.
  if (exceedsDepth(value, MAX_BODY_DEPTH)) throw badRequest(`the request body is nested more than ${MAX_BODY_DEPTH} levels deep`);
  return value;
}

function exceedsDepth(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return false;
}

function parseYaml(text: string): unknown {
  const documents = parseAllDocuments(text);
  if (!Array.isArray(documents) || documents.length !== 1) throw badRequest('the request body must hold exactly one YAML document');
  const [document] = documents;
  if (document!.errors.length > 0) throw badRequest(`the request body is not valid YAML: ${document!.errors[0]!.message}`);
  return document!.toJS() as unknown;
}

function patchTypeOf(contentType: string | undefined): PatchType {
  const media = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  switch (media) {
    case 'application/merge-patch+json':
      return 'merge';
    case 'application/json-patch+json':
      return 'json';
    case 'application/strategic-merge-patch+json':
      return 'strategic';
    default:
      throw unsupportedMediaType(media);
  }
}

async function deleteOptions(req: IncomingMessage, query: URLSearchParams): Promise<DeleteOptions> {
  const body = (await readBody(req)) as Record<string, unknown> | undefined;
  const policy = (query.get('propagationPolicy') ?? body?.propagationPolicy) as string | undefined;
  if (policy !== undefined && !['Background', 'Foreground', 'Orphan'].includes(policy)) {
    throw badRequest(`propagationPolicy must be Background, Foreground or Orphan, not ${JSON.stringify(policy)}`);
  }
  const dryRun = parseDryRun(query) || (Array.isArray(body?.dryRun) && body.dryRun.includes('All'));
  const preconditions = body?.preconditions as DeleteOptions['preconditions'];
  return { dryRun, propagationPolicy: policy as PropagationPolicy | undefined, preconditions };
}

function parseDryRun(query: URLSearchParams): boolean {
  const values = query.getAll('dryRun');
  for (const value of values) if (value !== 'All') throw badRequest(`Invalid dry run value: ${JSON.stringify(value)}; only "All" is supported`);
  return values.length > 0;
}

function parseNonNegativeInt(value: string | null, name: string): number | undefined {
  if (value === null || value === '') return undefined;
  if (!/^\d+$/.test(value)) throw badRequest(`${name} must be a non-negative integer, not ${JSON.stringify(value)}`);
  return Number(value);
}

function includeObject(query: URLSearchParams): IncludeObject {
  const value = query.get('includeObject');
  return value === 'None' || value === 'Object' ? value : 'Metadata';
}

function isTrue(value: string | null): boolean {
  return value === 'true' || value === '1';
}

export type { KubeObject };
