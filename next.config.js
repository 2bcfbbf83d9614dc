// @ts-check

/**
 * Sent with every response, pages, API and static files alike. Pages get their
 * Content-Security-Policy (with a per-request script nonce) from proxy.ts; API routes and static
 * files get the fixed one below, which lets them load and run nothing.
 */
const SECURITY_HEADERS = [
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'Permissions-Policy', value: 'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];
const NON_PAGE_CSP = { key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" };

/** @type {import('next').NextConfig} */
const nextConfig = {
  // client-node is ESM with optional dependencies that must not be bundled;
  // better-sqlite3 is a native addon. Both load from node_modules at run time.
  serverExternalPackages: ['@kubernetes/client-node', 'better-sqlite3'],
  typedRoutes: false,
  // Lets several builds (e.g. parallel test runs) live side by side; `.next` by default.
  distDir: process.env.FLEET_DECK_DIST_DIR || '.next',
  // The container image (Dockerfile) runs the self-contained server of a standalone build;
  // `npm start` (`next start`) needs the regular output, so standalone is opt-in.
  ...(process.env.FLEET_DECK_STANDALONE === '1' ? { output: /** @type {const} */ ('standalone') } : {}),
  poweredByHeader: false,
  reactStrictMode: true,
  // proxy.ts sees API requests only when their path has a `%`, and answers those itself; Next.js
  // still buffers (and beyond this size silently drops) the body of every request the proxy
  // sees, so keep that to the BFF's own limit (server/http/body.ts) instead of the default 10 MB.
  experimental: { proxyClientMaxBodySize: 1024 * 1024 },
  // `npm run typecheck` checks the whole repo as its own stage; don't repeat it inside every build.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [
      { source: '/:path*', headers: SECURITY_HEADERS },
      { source: '/api/:path*', headers: [NON_PAGE_CSP] },
      { source: '/_next/:path*', headers: [NON_PAGE_CSP] },
    ];
  },
};

export default nextConfig;
