# syntax=docker/dockerfile:1
# One image for every service: SERVICE names the folder under services/ whose src/main.ts runs
# (Node 24 runs TypeScript as it is, so there is no build step).
# Exact versions, so every build of a commit runs on the same Node and installs with the same pnpm
# (the ones scripts/lib/tools.sh puts in .tools/ for development).
ARG NODE_IMAGE=node:24.21.0-slim

FROM ${NODE_IMAGE} AS base
ARG PNPM_VERSION=10.34.9
ENV CI=true
RUN npm install --global --no-audit --no-fund --loglevel=error "pnpm@${PNPM_VERSION}"
WORKDIR /app

# Production dependencies. `pnpm fetch` needs only the lockfile, so this layer survives code changes.
FROM base AS deps
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm fetch --prod --store-dir /pnpm/store
COPY . .
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --offline --prod --store-dir /pnpm/store

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    OPS_PORT=9090
WORKDIR /app
# Owned by root and run as `node` (uid 1000): the process cannot change its own code.
COPY --from=deps /app /app
USER 1000:1000
EXPOSE 8080 9090
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.OPS_PORT}/readyz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["/bin/sh", "-c", "exec node \"services/${SERVICE:?set SERVICE to a folder of services/}/src/main.ts\""]
