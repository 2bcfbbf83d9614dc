import { z } from 'zod';

/**
 * Zod compiles fast object parsers with `new Function` where eval is allowed, and finds out by
 * calling `Function('')`. Pages run under a Content-Security-Policy without 'unsafe-eval'
 * (proxy.ts), so in the browser that probe is blocked and reported as a CSP violation on every
 * page. Jitless parsing never tries. Imported for this effect by the root providers, which every
 * page loads before it parses anything.
 */
z.config({ jitless: true });
