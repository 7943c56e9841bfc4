#!/usr/bin/env bash
# A PostgreSQL server of our own, as a plain process on 127.0.0.1 (no system service, no Docker).
#
#   postgres.sh run   DATA_DIR PORT                 foreground (for the Aspire AppHost); SIGTERM,
#                                                   SIGINT or SIGHUP stop it cleanly (fast shutdown)
#   postgres.sh start DATA_DIR PORT [--fast-unsafe] background (pg_ctl -w); --fast-unsafe turns off
#                                                   fsync & co: throwaway test servers only
#   postgres.sh stop  DATA_DIR
#
# DATA_DIR is created and initialised (initdb) when empty. Authentication is "trust" for loopback
# connections: DEMO / LOCAL / TEST USE ONLY - anyone on this machine can connect as any user.
# Listens on 127.0.0.1 only, max_connections=300 (many services, each with a pool).
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
. "$here/lib.sh"

usage() {
    sed -n '2,13p' "$0" >&2
    exit 2
}

pg_bin() {
    local dir
    for dir in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
        if [ -x "$dir/postgres" ]; then
            echo "$dir"
            return 0
        fi
    done
    echo "postgres.sh: PostgreSQL binaries not found (run deploy/local/ensure-packages.sh)" >&2
    return 1
}

# initdb and postgres refuse to run as root: as root, run them as the postgres user.
if [ "$(id -u)" -eq 0 ]; then
    pg_user=postgres
    as_pg_prefix=(setpriv --reuid=postgres --regid=postgres --init-groups --)
else
    pg_user=$(id -un)
    as_pg_prefix=()
fi
as_pg() { "${as_pg_prefix[@]}" "$@"; }

# The server user must be able to enter every parent folder of the data dir (/root is 700).
make_traversable() {
    local dir
    dir=$(dirname "$1")
    while [ "$dir" != "/" ]; do
        if ! as_pg test -x "$dir"; then
            if command -v setfacl >/dev/null 2>&1 && setfacl -m "u:$pg_user:x" "$dir" 2>/dev/null; then
                echo "postgres.sh: granted $pg_user search (x) on $dir (acl)"
            else
                chmod o+x "$dir"
                echo "postgres.sh: chmod o+x $dir (so $pg_user can reach the data dir)"
            fi
        fi
        dir=$(dirname "$dir")
    done
}

# Creates and initialises DATA_DIR when it is empty. $2 = 1 for a fast, unsynced initdb.
prepare() {
    local data=$1 nosync=$2 bin
    bin=$(pg_bin)
    mkdir -p "$data"
    if [ "$(id -u)" -eq 0 ]; then
        chown "$pg_user:$pg_user" "$data"
    fi
    chmod 700 "$data"
    make_traversable "$data"
    if [ -z "$(ls -A "$data")" ]; then
        echo "postgres.sh: initdb $data"
        local extra=()
        [ "$nosync" -eq 1 ] && extra+=(--no-sync)
        local out
        out=$(as_pg "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --no-locale "${extra[@]}" 2>&1) ||
            { echo "$out" >&2; return 1; }
    elif [ ! -f "$data/PG_VERSION" ]; then
        echo "postgres.sh: $data is not empty and is not a PostgreSQL data dir" >&2
        return 1
    fi
}

running_pid() {
    local data=$1 pid
    [ -f "$data/postmaster.pid" ] || return 1
    pid=$(head -n 1 "$data/postmaster.pid")
    pid_runs "$pid" postgres || return 1
    echo "$pid"
}

stop() {
    local data=$1 bin pid
    if ! pid=$(running_pid "$data"); then
        echo "postgres.sh: not running ($data)"
        return 0
    fi
    bin=$(pg_bin)
    echo "postgres.sh: stopping (pid $pid)"
    if ! as_pg "$bin/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null; then
        echo "postgres.sh: fast stop failed, killing $pid" >&2
        kill -QUIT "$pid" 2>/dev/null || true
        wait_for_exit "$pid" 10 || kill -KILL "$pid" 2>/dev/null || true
    fi
}

server_options() {
    local data=$1 port=$2 fast=$3
    opts=(-c listen_addresses=127.0.0.1 -p "$port" -k "$data" -c max_connections=300)
    # A county's first load writes a few GB of WAL: with the defaults (128 MB of buffers, 1 GB of WAL) checkpoints
    # came every minute or so, each followed by full-page images of every page touched again.
    opts+=(-c shared_buffers=256MB -c max_wal_size=4GB -c checkpoint_timeout=15min)
    # No LLVM JIT: it compiled the services' batched statements (large IN lists look costly to the planner) for
    # longer than they run; a profile of the first load had it at a tenth of PostgreSQL's CPU.
    opts+=(-c jit=off)
    if [ "$fast" -eq 1 ]; then
        opts+=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off)
    fi
}

[ "$#" -ge 2 ] || usage
command=$1
data=$(realpath -m "$2")

case "$command" in
run)
    [ "$#" -eq 3 ] || usage
    port=$3
    stop "$data" # a server left behind by a killed supervisor
    require_free_ports "$port"
    prepare "$data" 0
    server_options "$data" "$port" 0
    bin=$(pg_bin)
    echo "postgres.sh: running on 127.0.0.1:$port (data $data)"
    # postgres runs as our child: on SIGTERM (smart shutdown in postgres) we ask for a fast
    # shutdown instead, so that open client pools cannot hold the stop up.
    # (a simple command, not a function, so that $! is postgres itself)
    "${as_pg_prefix[@]}" "$bin/postgres" -D "$data" "${opts[@]}" &
    pid=$!
    trap 'kill -INT "$pid" 2>/dev/null || true' TERM INT HUP
    status=0
    while kill -0 "$pid" 2>/dev/null; do
        wait "$pid" && status=0 || status=$?
    done
    echo "postgres.sh: stopped"
    exit "$status"
    ;;
start)
    [ "$#" -ge 3 ] && [ "$#" -le 4 ] || usage
    port=$3
    fast=0
    if [ "$#" -eq 4 ]; then
        [ "$4" = "--fast-unsafe" ] || usage
        fast=1
    fi
    stop "$data"
    require_free_ports "$port"
    prepare "$data" "$fast"
    server_options "$data" "$port" "$fast"
    bin=$(pg_bin)
    printf -v optstr '%q ' "${opts[@]}"
    as_pg "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 -o "$optstr" start >/dev/null ||
        { tail -n 20 "$data/server.log" >&2; exit 1; }
    echo "postgres.sh: started on 127.0.0.1:$port (data $data, pid $(running_pid "$data"))"
    ;;
stop)
    [ "$#" -eq 2 ] || usage
    stop "$data"
    ;;
*)
    usage
    ;;
esac
