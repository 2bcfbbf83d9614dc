import 'server-only';

import { KubeConfigError } from './config';

/** The one error shape the BFF returns: `{ error: { code, message } }` with `status` as the HTTP status. */
export interface KubeFailure {
  status: number;
  code: string;
  message: string;
}

export interface ErrorBody {
  error: { code: string; message: string };
}

/** Raised by {@link withTimeout} when the API server does not answer in time. */
export class KubeTimeoutError extends Error {
  override readonly name = 'KubeTimeoutError';
  constructor(readonly ms: number) {
    super(`The Kubernetes API did not answer within ${ms} ms.`);
  }
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  CERT_HAS_EXPIRED: 'TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS certificate is self-signed and not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS certificate chain is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate could not be verified',
};

const STATUS_CODES: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  410: 'Expired',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** A Kubernetes `Status` body, if the text or object is one. */
function parseStatus(body: unknown): { reason?: string; message?: string } | undefined {
  let value = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body) as unknown;
    } catch {
      const text = body.trim();
      return text ? { message: text.slice(0, 500) } : undefined;
    }
  }
  if (!isRecord(value)) return undefined;
  const reason = typeof value.reason === 'string' && value.reason ? value.reason : undefined;
  const message = typeof value.message === 'string' && value.message ? value.message : undefined;
  return reason || message ? { reason, message } : undefined;
}

/** HTTP status of a client-node `ApiException` (or anything shaped like one). */
export function apiStatusOf(err: unknown): number | undefined {
  if (!isRecord(err)) return undefined;
  const code = err.code;
  return typeof code === 'number' && code >= 100 && code < 600 ? code : undefined;
}

function networkCodeOf(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; isRecord(e) && depth < 4; e = e.cause, depth++) {
    if (typeof e.code === 'string' && e.code in NETWORK_CODES) return e.code;
    if (typeof e.errno === 'string' && e.errno in NETWORK_CODES) return e.errno;
  }
  return undefined;
}

/**
 * Maps anything thrown while talking to the cluster to one safe, user-facing failure.
 * Never includes stack traces, headers or tokens.
 */
export function toKubeFailure(err: unknown, server?: string): KubeFailure {
  const where = server ? ` at ${server}` : '';

  if (err instanceof KubeConfigError) {
    return { status: 503, code: err.code, message: err.message };
  }
  if (err instanceof KubeTimeoutError) {
    return { status: 504, code: 'Timeout', message: `The Kubernetes API${where} did not answer within ${err.ms} ms.` };
  }

  const httpStatus = apiStatusOf(err);
  if (httpStatus !== undefined && isRecord(err)) {
    const status = parseStatus(err.body);
    const code = status?.reason ?? STATUS_CODES[httpStatus] ?? `Http${httpStatus}`;
    const message =
      status?.message ??
      (httpStatus === 401
        ? `The Kubernetes API${where} rejected the credentials in the kubeconfig.`
        : `The Kubernetes API${where} answered HTTP ${httpStatus}.`);
    return { status: httpStatus, code, message };
  }

  const net = networkCodeOf(err);
  if (net) {
    return {
      status: 503,
      code: 'ClusterUnreachable',
      message: `Cannot reach the Kubernetes API${where}: ${NETWORK_CODES[net]}.`,
    };
  }

  if (isRecord(err) && err.type === 'system') {
    return { status: 503, code: 'ClusterUnreachable', message: `Cannot reach the Kubernetes API${where}.` };
  }

  return { status: 500, code: 'InternalError', message: 'Unexpected error while talking to the Kubernetes API.' };
}

/** Like {@link toKubeFailure}, and writes unexpected errors (not the user-facing text) to the server log. */
export function toLoggedKubeFailure(err: unknown, server?: string, context = 'kube'): KubeFailure {
  const failure = toKubeFailure(err, server);
  if (failure.code === 'InternalError') console.error(`[${context}] unexpected error:`, err);
  return failure;
}

export function errorBody(failure: KubeFailure): ErrorBody {
  return { error: { code: failure.code, message: failure.message } };
}

/** Resolves like `promise`, or rejects with {@link KubeTimeoutError} after `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KubeTimeoutError(ms)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
