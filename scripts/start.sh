#!/usr/bin/env bash
# Brings the whole cluster up on this machine: Node 24 and dependencies, PostgreSQL, Redis and
# NATS (started or installed where missing), then every service as its own process. Ctrl-C stops.
source "$(dirname "${BASH_SOURCE[0]}")/lib/tools.sh"
ensure_dependencies
bash "$SEED_ROOT/scripts/infra.sh" up
cd "$SEED_ROOT"
log "building the web console"
pnpm --filter @seed/console build >&2 || log "the console did not build; the API runs without it"
exec node scripts/cluster.ts "$@"
