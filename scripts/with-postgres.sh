#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster:  scripts/with-postgres.sh CMD [ARGS...]
# The cluster lives in a temporary folder, listens on 127.0.0.1 only, and is always stopped and
# removed afterwards. DATABASE_URL points the command at it. Needs the PostgreSQL server binaries
# (Debian: apt-get install postgresql); without them it fails under CI and skips loudly elsewhere.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

bindir=""
for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
  if [ -x "$candidate/initdb" ]; then bindir="$candidate"; break; fi
done
if [ -z "$bindir" ] && command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
  bindir="$(dirname "$(command -v initdb)")"
fi
if [ -z "$bindir" ]; then
  if [ -n "${CI:-}" ]; then
    echo "with-postgres: PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin/initdb);" \
         "CI must install the 'postgresql' package" >&2
    exit 1
  fi
  echo "=================================================================="
  echo "  PostgreSQL run SKIPPED: install postgresql (apt-get install postgresql)"
  echo "=================================================================="
  exit 0
fi

port="${UNKNOT_PG_PORT:-54329}"
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done

# Run the server as `postgres` when we are root (PostgreSQL refuses to run as root).
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

workdir="$(mktemp -d "${TMPDIR:-/tmp}/unknot-pg.XXXXXX")"
chmod 755 "$workdir"
datadir="$workdir/data"
sockdir="$workdir/run"   # socket and server log, owned by the server user
mkdir -p "$datadir" "$sockdir"
if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$datadir" "$sockdir"; fi
chmod 700 "$datadir"

cleanup() {
  status=$?
  as_pg "$bindir/pg_ctl" -D "$datadir" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$workdir"
  exit "$status"
}
trap cleanup EXIT INT TERM

as_pg "$bindir/initdb" -D "$datadir" -U postgres --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 \
  >"$workdir/initdb.log" 2>&1 || { cat "$workdir/initdb.log" >&2; exit 1; }
as_pg "$bindir/pg_ctl" -D "$datadir" -l "$sockdir/server.log" -w -t 30 start \
  -o "-h 127.0.0.1 -p $port -k $sockdir -F" >/dev/null \
  || { cat "$sockdir/server.log" >&2; exit 1; }

password="unknot-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
as_pg "$bindir/psql" -h "$sockdir" -p "$port" -U postgres -d postgres -q -v ON_ERROR_STOP=1 \
  -c "CREATE ROLE unknot LOGIN CREATEDB PASSWORD '$password';" \
  -c "CREATE DATABASE unknot OWNER unknot;"

export DATABASE_URL="postgres://unknot:$password@127.0.0.1:$port/unknot"
echo "with-postgres: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
set +e
"$@"
status=$?
set -e
exit "$status"
