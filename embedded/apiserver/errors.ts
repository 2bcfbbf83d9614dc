import { invalidObjectMessage, type FieldError } from '../../lib/k8s/field-errors';

/** The `reason` values of a Kubernetes `v1 Status` that this server produces. */
export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'Gone'
  | 'Expired'
  | 'RequestEntityTooLarge'
  | 'UnsupportedMediaType'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'InternalError';

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: { reason: string; message: string; field: string }[];
}

/**
 * An API failure that is answered as a `v1 Status` object. Everything that goes wrong in a request
 * is turned into one of these, so a client always gets a reason and a code, never a stack trace.
 */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: StatusReason,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  toStatus(): Record<string, unknown> {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

/** How a resource is named in messages: `gitrepos.fleet.cattle.io` or `namespaces` for core. */
export interface QualifiedResource {
  group: string;
  plural: string;
  kind: string;
}

function qualified(resource: QualifiedResource): string {
  return resource.group ? `${resource.plural}.${resource.group}` : resource.plural;
}

export const notFound = (resource: QualifiedResource, name: string) =>
  new ApiError(404, 'NotFound', `${qualified(resource)} "${name}" not found`, {
    name,
    group: resource.group,
    kind: resource.plural,
  });

export const alreadyExists = (resource: QualifiedResource, name: string) =>
  new ApiError(409, 'AlreadyExists', `${qualified(resource)} "${name}" already exists`, {
    name,
    group: resource.group,
    kind: resource.plural,
  });

export const conflict = (resource: QualifiedResource, name: string, why: string) =>
  new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(resource)} "${name}": ${why}`, {
    name,
    group: resource.group,
    kind: resource.plural,
  });

export const staleResourceVersion = (resource: QualifiedResource, name: string) =>
  conflict(resource, name, 'the object has been modified; please apply your changes to the latest version and try again');

export function invalid(resource: QualifiedResource, name: string, errors: FieldError[]): ApiError {
  return new ApiError(422, 'Invalid', invalidObjectMessage(resource.kind, resource.group, name, errors), {
    name,
    group: resource.group,
    kind: resource.kind,
    causes: errors.map((e) => ({ reason: e.type, message: e.message, field: e.field })),
  });
}

export const badRequest = (message: string) => new ApiError(400, 'BadRequest', message);
export const forbidden = (message: string) => new ApiError(403, 'Forbidden', message);
export const unauthorized = () => new ApiError(401, 'Unauthorized', 'Unauthorized');
export const gone = (message: string) => new ApiError(410, 'Gone', message);
export const expired = (message: string) => new ApiError(410, 'Expired', message);
export const methodNotAllowed = (message: string) => new ApiError(405, 'MethodNotAllowed', message);
export const unsupportedMediaType = (contentType: string) =>
  new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json (got ${contentType || 'no Content-Type'})`);
export const entityTooLarge = (limitBytes: number) =>
  new ApiError(413, 'RequestEntityTooLarge', `the request body is larger than the limit of ${limitBytes} bytes`);

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  // Unexpected failures are reported without internals: the message is enough to file a bug.
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError(500, 'InternalError', `Internal error occurred: ${message}`);
}
