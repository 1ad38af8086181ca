#!/usr/bin/env bash
# Makes PostgreSQL, Redis and NATS (with JetStream) reachable on loopback: uses running ones,
# starts installed ones, or (as root) installs Debian's packages. Servers named by DATABASE_URL,
# REDIS_URL or NATS_URL on another host are left alone.
#   scripts/infra.sh up       ensure all three are up and the `seed` database exists
#   scripts/infra.sh status   print what answers
set -euo pipefail
log() { printf '\033[1;34m[infra]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[infra]\033[0m %s\n' "$*" >&2; exit 1; }

host_of() { local u="${1#*://}"; u="${u#*@}"; u="${u%%/*}"; echo "${u%%:*}"; }
port_of() { local u="${1#*://}"; u="${u#*@}"; u="${u%%/*}"; [[ "$u" == *:* ]] && echo "${u##*:}" || echo "$2"; }
is_local() { [[ "$1" == 127.* || "$1" == localhost || "$1" == "::1" ]]; }
answers() { timeout 1 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }
wait_for() { for _ in $(seq 1 60); do answers "$1" "$2" && return 0; sleep 0.5; done; return 1; }

DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/seed}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
NATS_URL="${NATS_URL:-nats://127.0.0.1:4222}"

apt_updated=""
apt_install() {
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || die "$1 is not installed; install it (Debian: apt-get install $*) or point its URL variable at a running server"
  if [ -z "$apt_updated" ]; then log "apt-get update"; apt-get update -qq >&2; apt_updated=1; fi
  log "installing $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

ensure_postgres() {
  local h p; h=$(host_of "$DATABASE_URL"); p=$(port_of "$DATABASE_URL" 5432)
  answers "$h" "$p" && return 0
  is_local "$h" || die "PostgreSQL at $h:$p does not answer"
  command -v pg_ctlcluster >/dev/null && ls /etc/postgresql 2>/dev/null | grep -q . || apt_install postgresql
  local v; v=$(ls /etc/postgresql | sort -V | tail -n1)
  if ! pg_lsclusters -h 2>/dev/null | grep -q "^$v main"; then pg_createcluster "$v" main >&2; fi
  # Loopback trust auth keeps local development and tests password-free.
  local hba="/etc/postgresql/$v/main/pg_hba.conf"
  if [ -w "$hba" ] && ! grep -q '^host all all 127.0.0.1/32 trust' "$hba"; then
    sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
  fi
  log "starting PostgreSQL $v"
  pg_ctlcluster --skip-systemctl-redirect "$v" main start >&2 || true
  wait_for "$h" "$p" || die "PostgreSQL did not start"
}

ensure_redis() {
  local h p; h=$(host_of "$REDIS_URL"); p=$(port_of "$REDIS_URL" 6379)
  answers "$h" "$p" && return 0
  is_local "$h" || die "Redis at $h:$p does not answer"
  command -v redis-server >/dev/null || apt_install redis-server
  log "starting Redis"
  local dir=/var/lib/redis logfile=/var/log/redis/ci.log
  if [ ! -w "$(dirname "$logfile")" ] || [ ! -w "$dir" ]; then dir="${TMPDIR:-/tmp}"; logfile="$dir/seed-redis.log"; fi
  mkdir -p "$dir"
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$p" --save "" --appendonly no --dir "$dir" --logfile "$logfile" >&2
  wait_for "$h" "$p" || die "Redis did not start"
}

ensure_nats() {
  local h p; h=$(host_of "$NATS_URL"); p=$(port_of "$NATS_URL" 4222)
  answers "$h" "$p" && return 0
  is_local "$h" || die "NATS at $h:$p does not answer"
  command -v nats-server >/dev/null || [ -x /usr/sbin/nats-server ] || apt_install nats-server
  local bin; bin=$(command -v nats-server || echo /usr/sbin/nats-server)
  local store=/var/lib/nats-server logfile=/var/log/nats-server.log
  if ! mkdir -p "$store" 2>/dev/null || [ ! -w "$store" ]; then store="${TMPDIR:-/tmp}/seed-nats"; logfile="$store.log"; mkdir -p "$store"; fi
  log "starting NATS with JetStream"
  if command -v start-stop-daemon >/dev/null; then
    start-stop-daemon --start --oknodo --background --exec "$bin" -- -a 127.0.0.1 -p "$p" -js -sd "$store" -l "$logfile" >&2
  else
    nohup "$bin" -a 127.0.0.1 -p "$p" -js -sd "$store" -l "$logfile" >/dev/null 2>&1 &
  fi
  wait_for "$h" "$p" || die "NATS did not start"
}

ensure_database() {
  local db="${DATABASE_URL##*/}"; db="${db%%\?*}"
  local admin="${DATABASE_URL%/*}/postgres"
  command -v psql >/dev/null || return 0
  if ! psql "$admin" -tAc "select 1 from pg_database where datname = '$db'" | grep -q 1; then
    log "creating database $db"
    psql "$admin" -qc "create database \"$db\"" >&2
  fi
}

case "${1:-up}" in
  up)
    ensure_postgres; ensure_redis; ensure_nats; ensure_database
    log "PostgreSQL, Redis and NATS are up"
    ;;
  status)
    for pair in "postgres $DATABASE_URL 5432" "redis $REDIS_URL 6379" "nats $NATS_URL 4222"; do
      set -- $pair
      if answers "$(host_of "$2")" "$(port_of "$2" "$3")"; then echo "$1: up"; else echo "$1: down"; fi
    done
    ;;
  *) die "usage: scripts/infra.sh up|status" ;;
esac
