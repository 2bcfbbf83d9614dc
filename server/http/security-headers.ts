import 'server-only';

/**
 * The Content-Security-Policy of HTML pages. Scripts run only with this request's nonce (Next.js
 * puts it on its own bootstrap and chunk scripts; 'strict-dynamic' lets those load the rest), so
 * an injected <script> or inline handler does not run. Styles allow 'unsafe-inline' because
 * CodeMirror writes style elements and style attributes at run time (and a nonce in style-src
 * would switch 'unsafe-inline' off). `connect-src 'self'` covers fetches and the same-origin
 * EventSource. 'unsafe-eval' only in `next dev`, where React needs it for its error overlays.
 *
 * No `upgrade-insecure-requests`: Fleet Deck is often served over plain HTTP on loopback or
 * behind `kubectl port-forward`, where upgrading its own requests to https would break the page.
 */
export function pageContentSecurityPolicy(nonce: string, { dev = false }: { dev?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "manifest-src 'self'",
    "worker-src 'self'",
  ].join('; ');
}

/** A fresh, unguessable nonce (128 bits) for one response. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}
