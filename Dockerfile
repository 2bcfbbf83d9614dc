# syntax=docker/dockerfile:1
#
# Fleet Deck for a Fleet management cluster: Next.js standalone output on a slim Node image,
# running as a non-root user on a read-only root filesystem. Build and run:
#
#   docker build -t fleet-deck:0.1.0 .
#   docker run --read-only --tmpfs /tmp --tmpfs /app/.next/cache -p 3000:3000 \
#     -v ~/.kube/config:/kubeconfig:ro -e FLEET_DECK_KUBECONFIG=/kubeconfig fleet-deck:0.1.0
#
# In a cluster use deploy/ (kubectl apply -k deploy/); see README.md.

ARG NODE_VERSION=20

# ---- dependencies: the full tree, native addons compiled here -----------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
# better-sqlite3 (the embedded cluster's store) builds from source when no prebuilt binary fits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# ---- build: next build with standalone output -------------------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 \
    FLEET_DECK_STANDALONE=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN node_modules/.bin/next build \
 && mkdir -p public

# ---- runtime: only the standalone server, its traced node_modules and the static files -------
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOSTNAME=0.0.0.0 \
    PORT=3000
# The image's `node` user (uid/gid 1000): numeric, so Kubernetes can verify runAsNonRoot.
COPY --from=build --chown=1000:1000 /app/.next/standalone ./
COPY --from=build --chown=1000:1000 /app/.next/static ./.next/static
COPY --from=build --chown=1000:1000 /app/public ./public
# Next.js writes only to its cache directory; with a read-only root filesystem mount an
# emptyDir/tmpfs at /app/.next/cache (and /tmp) — deploy/deployment.yaml does.
RUN mkdir -p /app/.next/cache && chown 1000:1000 /app/.next/cache
USER 1000:1000
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server.js"]
