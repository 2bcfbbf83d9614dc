import { NextResponse, type NextRequest } from 'next/server';

import { BffError } from '@/server/http/errors';
import { createNonce, pageContentSecurityPolicy } from '@/server/http/security-headers';

/**
 * Runs before routing for pages, and for API paths with a `%` in them:
 *
 * - A path whose percent-encoding is broken (`/api/v1/workspaces/%ZZ`) is refused with 400 here:
 *   Next.js's router fails to decode it and would answer 500 "Internal Server Error".
 * - Other escaped API paths are redirected or refused ({@link escapedApiPath}).
 * - Every page response gets a Content-Security-Policy with a per-request script nonce. Next.js
 *   reads the policy from the request headers while rendering and puts the nonce on its own
 *   scripts; the root layout reads `x-nonce` for its theme script.
 *
 * Other API paths and static files are not matched: they get a fixed policy and the other
 * security headers from next.config.js, and, unmatched, their request bodies are not buffered by
 * the proxy (the BFF reads them with its own size limit, server/http/body.ts).
 */
export function proxy(request: NextRequest): NextResponse | Response {
  const url = new URL(request.url);
  if (!decodes(url.pathname)) return malformedPath(url.pathname);
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return escapedApiPath(url);

  const nonce = createNonce();
  const policy = pageContentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === 'development' });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', policy);
  return response;
}

function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * API paths hold only fixed words and Kubernetes names (a-z, 0-9, '-', '.', and `_all`), which
 * never need escaping. An escaped one (`%2D` for '-') is sent on to its plain spelling (308 keeps
 * method and body); one that decodes to anything else cannot name an endpoint or object: 400.
 * Either way no API route reads a body through the proxy, which buffers and silently truncates
 * what it buffers (experimental.proxyClientMaxBodySize in next.config.js).
 */
function escapedApiPath(url: URL): Response {
  // Segment by segment, so that an escaped '/' (%2F) stays a character of a name, and refused.
  const segments = url.pathname.split('/').map((segment) => decodeURIComponent(segment));
  if (segments.every((segment) => /^[A-Za-z0-9\-._~]*$/.test(segment))) {
    const plain = new URL(url);
    plain.pathname = segments.join('/');
    return NextResponse.redirect(plain, { status: 308, headers: { 'Cache-Control': 'no-store' } });
  }
  const failure = new BffError('bad_request', "The URL path has characters no API path has: names in it are Kubernetes names (a-z, 0-9, '-' and '.')");
  return Response.json(failure.toBody(), { status: failure.status, headers: { 'Cache-Control': 'no-store' } });
}

function malformedPath(path: string): Response {
  const message = 'The URL path has a malformed percent-encoded (%XX) sequence';
  if (path.startsWith('/api/')) {
    const failure = new BffError('bad_request', message);
    return Response.json(failure.toBody(), { status: failure.status, headers: { 'Cache-Control': 'no-store' } });
  }
  return new Response(`Bad request: ${message}.\n`, { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

export const config = {
  matcher: ['/((?!api|_next/static|_next/image|favicon.ico).*)', '/api/:path(.*%.*)'],
};
