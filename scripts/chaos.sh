#!/usr/bin/env bash
# `npm run chaos [--quick] [--seed=N] [scenario...|fuzz]`: the chaos scenarios and the contract
# fuzzer against a private cluster (its own nats-server, redis-server and database; see
# chaos/src/run.ts). Needs PostgreSQL up, and nats-server and redis-server installed.
source "$(dirname "${BASH_SOURCE[0]}")/lib/tools.sh"
ensure_dependencies
bash "$SEED_ROOT/scripts/infra.sh" up
cd "$SEED_ROOT"
exec node chaos/src/run.ts "$@"
