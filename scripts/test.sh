#!/usr/bin/env bash
# Runs every test (unit and integration) against local PostgreSQL, Redis and NATS, which it
# starts or installs when needed (or servers named by DATABASE_URL, REDIS_URL, NATS_URL).
source "$(dirname "${BASH_SOURCE[0]}")/lib/tools.sh"
ensure_dependencies
bash "$SEED_ROOT/scripts/infra.sh" up
cd "$SEED_ROOT"
exec vitest run "$@"
