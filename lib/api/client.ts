import type { z } from 'zod';

import type { ErrorBody, ErrorCode } from './schemas';

/** A failed BFF call, with the BFF's error code and the field at fault when it named one. */
export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network',
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/**
 * Team mode: a session that ended (expired, signed out in another tab, token revoked) sends the
 * page to the sign-in page, which brings it back here. Only when the BFF says signing in helps
 * (`X-Fleet-Deck-Auth: sign-in`; not for an API server refusing a kubeconfig's credentials), and
 * not from the sign-in page itself.
 */
function toSignIn(response: Response): void {
  if (response.status !== 401 || response.headers.get('x-fleet-deck-auth') !== 'sign-in' || typeof window === 'undefined') return;
  if (window.location.pathname === '/sign-in') return;
  window.location.assign(`/sign-in?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
}

async function failure(response: Response): Promise<ApiClientError> {
  toSignIn(response);
  try {
    const body = (await response.json()) as Partial<ErrorBody>;
    if (body.error) return new ApiClientError(response.status, body.error.code, body.error.message, body.error.field);
  } catch {
    // not JSON: fall through to a generic message
  }
  return new ApiClientError(response.status, 'internal', `The server answered ${response.status} ${response.statusText}`);
}

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  try {
    return await fetch(path, {
      method,
      // Every mutation says JSON, even a DELETE without a body: the BFF refuses others (a
      // cross-site form post cannot set this header).
      headers: method === 'GET' ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch (error) {
    throw new ApiClientError(0, 'network', `Fleet Deck's server cannot be reached (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** GET a BFF path and, when a schema is given, check the answer against the shared contract. */
export async function apiGet<T>(path: string, schema?: z.ZodType<T>): Promise<T> {
  const response = await send('GET', path);
  if (!response.ok) throw await failure(response);
  const data = (await response.json()) as unknown;
  return schema ? schema.parse(data) : (data as T);
}

export async function apiSend<T = unknown>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const response = await send(method, path, body ?? (method === 'DELETE' ? undefined : {}));
  if (!response.ok) throw await failure(response);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
