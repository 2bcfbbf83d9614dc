import type { UserInfo } from '../auth/user';

/** What a request asks to do, as kube-apiserver's RequestInfo describes it for authorizers. */
export interface ResourceAttributes {
  resourceRequest: true;
  verb: string;
  apiGroup: string;
  apiVersion: string;
  resource: string;
  subresource: string;
  /** '' for cluster-scoped requests and for requests across all namespaces. */
  namespace: string;
  /** '' when the request names no single object. */
  name: string;
}

export interface NonResourceAttributes {
  resourceRequest: false;
  verb: string;
  path: string;
}

export type RequestAttributes = ResourceAttributes | NonResourceAttributes;

export interface AuthorizationRequest {
  user: UserInfo;
  attributes: RequestAttributes;
}

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

/**
 * Derives the verb, group, resource, namespace and name of a request the way kube-apiserver's
 * RequestInfoFactory does, from the path alone: authorization happens before the server knows
 * whether the resource exists, so unknown resources are refused to users who may not use them.
 */
export function requestAttributes(method: string, path: string, query: URLSearchParams): RequestAttributes {
  const parts = path.split('/').filter(Boolean);
  const nonResource: NonResourceAttributes = { resourceRequest: false, verb: method.toLowerCase(), path };
  if (parts.length < 3 || (parts[0] !== 'api' && parts[0] !== 'apis')) return nonResource;
  let rest = parts.slice(1);
  let apiGroup = '';
  if (parts[0] === 'apis') {
    if (rest.length < 3) return nonResource;
    apiGroup = rest[0]!;
    rest = rest.slice(1);
  }
  const apiVersion = rest[0]!;
  rest = rest.slice(1);
  let verb = verbOf(method);
  if (rest[0] === 'watch') {
    verb = 'watch';
    rest = rest.slice(1);
  }
  let namespace = '';
  if (rest[0] === 'namespaces' && rest.length > 1) {
    namespace = rest[1]!;
    // `/namespaces/<ns>` and `/namespaces/<ns>/status` are the namespace itself, in its own namespace.
    if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2]!)) rest = rest.slice(2);
  }
  const [resource = '', name = '', subresource = ''] = rest;
  const attributes: ResourceAttributes = { resourceRequest: true, verb, apiGroup, apiVersion, resource, subresource, namespace, name };
  if (name === '' && verb === 'get') {
    attributes.verb = query.get('watch') === 'true' || query.get('watch') === '1' ? 'watch' : 'list';
    attributes.name = exactNameOf(query.get('fieldSelector'));
  }
  if (attributes.name === '' && attributes.verb === 'delete') attributes.verb = 'deletecollection';
  return attributes;
}

function verbOf(method: string): string {
  switch (method.toUpperCase()) {
    case 'POST':
      return 'create';
    case 'GET':
    case 'HEAD':
      return 'get';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return 'delete';
    default:
      return '';
  }
}

/** `metadata.name=x` (alone or among other terms) in a field selector names one object, as kube reads it. */
function exactNameOf(fieldSelector: string | null): string {
  if (!fieldSelector) return '';
  for (const term of fieldSelector.split(',')) {
    const match = /^\s*metadata\.name\s*==?\s*([^\s,]+)\s*$/.exec(term);
    if (match && /^[^/%]+$/.test(match[1]!) && match[1] !== '.' && match[1] !== '..') return match[1]!;
  }
  return '';
}
