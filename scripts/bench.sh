#!/usr/bin/env bash
# `pnpm bench [--quick] [scenario...]`: makes sure PostgreSQL and NATS are up, then runs the
# benchmarks with the project's Node 24 (see bench/src/run.ts).
source "$(dirname "${BASH_SOURCE[0]}")/lib/tools.sh"
ensure_dependencies
bash "$SEED_ROOT/scripts/infra.sh" up
cd "$SEED_ROOT"
exec node bench/src/run.ts "$@"
