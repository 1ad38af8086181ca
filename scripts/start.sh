#!/usr/bin/env bash
# Brings the whole cluster up on this machine: Node 24 and dependencies, PostgreSQL, Redis and
# NATS (started or installed where missing), then every service as its own process. Ctrl-C stops.
source "$(dirname "${BASH_SOURCE[0]}")/lib/tools.sh"
ensure_dependencies
bash "$SEED_ROOT/scripts/infra.sh" up
cd "$SEED_ROOT"
exec node scripts/cluster.ts "$@"
