#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the server tests.
#   start: prints `export UNION_INSPECTOR_TEST_PG_URL=...` (eval it); prints nothing if PostgreSQL cannot run.
#   stop:  stops the cluster started by the `start` whose output was eval'ed (or the last one) and removes it.
set -uo pipefail
LAST_STATE="${TMPDIR:-/tmp}/union-inspector-test-pg.state"
STATE_FILE="${UNION_INSPECTOR_TEST_PG_STATE:-$LAST_STATE}"

find_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  done
  command -v initdb >/dev/null 2>&1 && dirname "$(command -v initdb)" && return 0
  return 1
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

as_owner() {
  # PostgreSQL refuses to run as root: run its tools as the postgres user then.
  if [ "$(id -u)" = "0" ]; then
    if id postgres >/dev/null 2>&1; then su postgres -s /bin/sh -c "$*"; else return 1; fi
  else
    sh -c "$*"
  fi
}

start() {
  local bin dir port log
  bin="$(find_bin)" || { echo "# postgres.sh: no PostgreSQL binaries found; PostgreSQL tests will be skipped" >&2; return 0; }
  dir="$(mktemp -d "${TMPDIR:-/tmp}/ui-pg.XXXXXX")"
  chmod 755 "$dir"
  [ "$(id -u)" = "0" ] && chown postgres "$dir" 2>/dev/null
  port="$(free_port)"
  log="$dir/server.log"
  if ! as_owner "'$bin/initdb' -D '$dir/data' -U postgres -A trust -E UTF8 --locale=C.UTF-8 >'$dir/initdb.log' 2>&1"; then
    echo "# postgres.sh: initdb failed (see $dir/initdb.log); PostgreSQL tests will be skipped" >&2
    return 0
  fi
  if ! as_owner "'$bin/pg_ctl' -D '$dir/data' -l '$log' -w -t 30 -o \"-c listen_addresses=127.0.0.1 -p $port -k '$dir' -c fsync=off -c max_connections=200\" start >/dev/null 2>&1"; then
    echo "# postgres.sh: the server did not start (see $log); PostgreSQL tests will be skipped" >&2
    return 0
  fi
  if ! as_owner "'$bin/createdb' -h 127.0.0.1 -p $port -U postgres union_inspector_test" >/dev/null 2>&1; then
    echo "# postgres.sh: createdb failed; PostgreSQL tests will be skipped" >&2
    as_owner "'$bin/pg_ctl' -D '$dir/data' -m immediate stop" >/dev/null 2>&1
    return 0
  fi
  printf '%s\n%s\n' "$bin" "$dir" >"$dir/state"
  cp "$dir/state" "$LAST_STATE" 2>/dev/null
  echo "export UNION_INSPECTOR_TEST_PG_STATE=$dir/state"
  echo "export UNION_INSPECTOR_TEST_PG_URL=postgresql+psycopg://postgres@127.0.0.1:$port/union_inspector_test"
}

stop() {
  [ -f "$STATE_FILE" ] || return 0
  local bin dir
  bin="$(sed -n 1p "$STATE_FILE")"
  dir="$(sed -n 2p "$STATE_FILE")"
  as_owner "'$bin/pg_ctl' -D '$dir/data' -m fast stop" >/dev/null 2>&1
  if [ "$STATE_FILE" != "$LAST_STATE" ] && cmp -s "$STATE_FILE" "$LAST_STATE"; then rm -f "$LAST_STATE"; fi
  [ "$STATE_FILE" = "$LAST_STATE" ] && rm -f "$LAST_STATE"
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
