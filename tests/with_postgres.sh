#!/usr/bin/env bash
# Run the tests against a throwaway local PostgreSQL server, as CI does:
#
#     tests/with_postgres.sh                          # python -m pytest -q, SQLite and PostgreSQL
#     tests/with_postgres.sh python -m pytest -q tests/core -x
#
# It starts a server of its own (a temporary folder, 127.0.0.1, a free port,
# fsync off), points GENDAN_TEST_PG at a fresh database on it, runs the command
# and removes the server again. Needs the PostgreSQL server programs
# (Debian/Ubuntu: apt-get install postgresql). Run it with the project's
# virtual environment active (PYTHON=… to name another interpreter).
# .ci/run sources this file and calls start_throwaway_postgres itself.
set -euo pipefail

_pg_as_owner() {
    # PostgreSQL refuses to run as root: as root the server runs as the postgres user.
    if [ "$(id -u)" = "0" ]; then
        su postgres -s /bin/bash -c "$*"
    else
        bash -c "$*"
    fi
}

start_throwaway_postgres() {
    local python="${PYTHON:-python}"
    _pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [ -z "$_pg_bin" ] && command -v initdb >/dev/null 2>&1; then
        _pg_bin="$(dirname "$(command -v initdb)")"
    fi
    if [ -z "$_pg_bin" ] || [ ! -x "$_pg_bin/initdb" ]; then
        echo "tests/with_postgres.sh: no PostgreSQL server programs (initdb) found;" \
             "install them (Debian/Ubuntu: apt-get install postgresql)" >&2
        return 1
    fi
    _pg_dir="$(mktemp -d /tmp/gendan-test-pg.XXXXXX)"
    local port
    port="$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    if [ "$(id -u)" = "0" ]; then chown postgres "$_pg_dir"; fi
    _pg_as_owner "'$_pg_bin/initdb' -D '$_pg_dir/data' -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null"
    _pg_as_owner "'$_pg_bin/pg_ctl' -D '$_pg_dir/data' -l '$_pg_dir/server.log' -w -t 60 \
                  -o \"-h 127.0.0.1 -p $port -k '$_pg_dir' -c fsync=off\" start >/dev/null"
    _pg_as_owner "'$_pg_bin/createdb' -h 127.0.0.1 -p $port -U postgres gendan_test"
    export GENDAN_TEST_PG="postgresql://postgres@127.0.0.1:$port/gendan_test"
    echo "PostgreSQL $("$_pg_bin/postgres" --version | awk '{print $3}') on port $port: GENDAN_TEST_PG=$GENDAN_TEST_PG"
}

stop_throwaway_postgres() {
    if [ -n "${_pg_dir:-}" ] && [ -d "$_pg_dir" ]; then
        _pg_as_owner "'$_pg_bin/pg_ctl' -D '$_pg_dir/data' -m fast stop >/dev/null" || true
        rm -rf "$_pg_dir"
    fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    cd "$(dirname "$0")/.."
    start_throwaway_postgres
    trap stop_throwaway_postgres EXIT
    if [ $# -eq 0 ]; then
        set -- "${PYTHON:-python}" -m pytest -q
    fi
    "$@"
fi
