# Sourced by the project's scripts: puts Node 24 and pnpm from the npm registry on PATH
# (in .tools/, so nothing global changes) and installs the workspace's dependencies.
set -euo pipefail

SEED_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SEED_TOOLS="$SEED_ROOT/.tools"
NODE_VERSION="${SEED_NODE_VERSION:-24}"
PNPM_VERSION="${SEED_PNPM_VERSION:-10.34.9}"

log() { printf '\033[1;34m[seed]\033[0m %s\n' "$*" >&2; }

ensure_tools() {
  if [ ! -x "$SEED_TOOLS/node_modules/.bin/node" ] || [ ! -x "$SEED_TOOLS/node_modules/.bin/pnpm" ] \
    || ! "$SEED_TOOLS/node_modules/.bin/node" -e "process.exit(+process.versions.node.split('.')[0] === $NODE_VERSION ? 0 : 1)" 2>/dev/null; then
    command -v npm >/dev/null || { echo "npm is required (install Node.js and npm first)" >&2; exit 1; }
    log "installing Node $NODE_VERSION and pnpm $PNPM_VERSION into .tools/"
    mkdir -p "$SEED_TOOLS"
    [ -f "$SEED_TOOLS/package.json" ] || echo '{"private":true}' > "$SEED_TOOLS/package.json"
    npm install --prefix "$SEED_TOOLS" --no-save --no-audit --no-fund --loglevel=error \
      "node@$NODE_VERSION" "pnpm@$PNPM_VERSION" >&2
  fi
  export PATH="$SEED_ROOT/node_modules/.bin:$SEED_TOOLS/node_modules/.bin:$PATH"
}

ensure_dependencies() {
  local stamp="$SEED_ROOT/node_modules/.seed-lock-hash" want
  want="$(cat "$SEED_ROOT/pnpm-lock.yaml" "$SEED_ROOT/package.json" 2>/dev/null | sha1sum | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    log "installing dependencies"
    local frozen=false
    [ -n "${CI:-}" ] && frozen=true
    (cd "$SEED_ROOT" && pnpm install --frozen-lockfile="$frozen" --reporter=append-only >&2)
    echo "$want" > "$stamp"
  fi
}

ensure_tools
