import 'server-only';

import type { ErrorBody, ErrorCode } from '@/lib/api/schemas';
import { toKubeFailure } from '@/server/kube/errors';

const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  invalid: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  not_ready: 503,
  cluster_unreachable: 503,
  internal: 500,
};

/** The BFF's one error: a code from a closed list, a message for people, and the field at fault. */
export class BffError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) } };
  }
}

interface KubeStatusBody {
  reason?: string;
  message?: string;
  details?: { causes?: { field?: string; message?: string }[] };
}

function statusBody(error: unknown): KubeStatusBody | undefined {
  const body = (error as { body?: unknown } | undefined)?.body;
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as KubeStatusBody;
    } catch {
      return undefined;
    }
  }
  return typeof body === 'object' && body !== null ? (body as KubeStatusBody) : undefined;
}

/**
 * The single place where Kubernetes failures become BFF errors: NotFound → 404, Conflict →
 * 409 with a "changed since you loaded it" message, Invalid → 422 naming the first field,
 * Forbidden → 403 with the API server's reason; network failures → 503.
 */
export function fromKubeError(error: unknown): BffError {
  if (error instanceof BffError) return error;
  const code = (error as { code?: unknown } | undefined)?.code;
  const body = statusBody(error);
  if (typeof code === 'number') {
    const message = body?.message ?? `The Kubernetes API answered HTTP ${code}`;
    switch (code) {
      case 400:
        return new BffError('bad_request', message);
      case 401:
        return new BffError('unauthenticated', message);
      case 403:
        return new BffError('forbidden', message);
      case 404:
        return new BffError('not_found', message);
      case 409:
        return body?.reason === 'AlreadyExists'
          ? new BffError('conflict', message, 'metadata.name')
          : new BffError('conflict', `It changed since you loaded it: ${message}. Reload and try again.`);
      case 410:
        return new BffError('gone', message);
      case 413:
        return new BffError('payload_too_large', message);
      case 415:
        return new BffError('unsupported_media_type', message);
      case 429:
        return new BffError('too_many_requests', message);
      case 422: {
        const cause = body?.details?.causes?.[0];
        return new BffError('invalid', message, cause?.field);
      }
      default:
        if (code >= 500) return new BffError('cluster_unreachable', message);
    }
  }
  const failure = toKubeFailure(error);
  if (failure.status === 503 || failure.status === 504) return new BffError('cluster_unreachable', failure.message);
  return new BffError('internal', failure.message);
}
