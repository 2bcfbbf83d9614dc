// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  // client-node is ESM with optional dependencies that must not be bundled;
  // better-sqlite3 is a native addon. Both load from node_modules at run time.
  serverExternalPackages: ['@kubernetes/client-node', 'better-sqlite3'],
  typedRoutes: false,
  // Lets several builds (e.g. parallel test runs) live side by side; `.next` by default.
  distDir: process.env.FLEET_DECK_DIST_DIR || '.next',
  poweredByHeader: false,
  reactStrictMode: true,
  // `npm run typecheck` checks the whole repo as its own stage; don't repeat it inside every build.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
