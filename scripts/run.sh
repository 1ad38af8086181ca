#!/usr/bin/env bash
# Runs a command with the project's Node 24, pnpm and installed dependencies on PATH.
source "$(dirname "${BASH_SOURCE[0]}")/lib/tools.sh"
ensure_dependencies
exec "$@"
