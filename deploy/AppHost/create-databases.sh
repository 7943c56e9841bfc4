#!/usr/bin/env bash
# Creates each named database on the local PostgreSQL (127.0.0.1:PORT, user postgres) if missing.
#   create-databases.sh PORT NAME...
# Idempotent: existing databases (and their data) are left as they are. The services apply their
# own migrations at start; they only need the database to exist.
set -euo pipefail

[ "$#" -ge 2 ] || { sed -n '2,5p' "$0" >&2; exit 2; }
port=$1
shift

bin=
for dir in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
    if [ -x "$dir/psql" ]; then
        bin=$dir
        break
    fi
done
[ -n "$bin" ] || { echo "create-databases: psql not found (run deploy/local/ensure-packages.sh)" >&2; exit 1; }

connection=(-h 127.0.0.1 -p "$port" -U postgres)

# The port may accept connections before the server accepts sessions (start-up, recovery).
for ((i = 0; i < 600; i++)); do
    "$bin/pg_isready" -q "${connection[@]}" -d postgres && break
    sleep 0.1
done
"$bin/pg_isready" -q "${connection[@]}" -d postgres ||
    { echo "create-databases: PostgreSQL on 127.0.0.1:$port is not ready after 60 s" >&2; exit 1; }

for name in "$@"; do
    if [[ ! "$name" =~ ^[a-z_][a-z0-9_]*$ ]]; then
        echo "create-databases: bad database name '$name'" >&2
        exit 2
    fi
    exists=$("$bin/psql" -X -A -t -q "${connection[@]}" -d postgres -v ON_ERROR_STOP=1 \
        -c "SELECT 1 FROM pg_database WHERE datname = '$name'")
    if [ "$exists" = 1 ]; then
        echo "create-databases: $name exists"
    else
        "$bin/psql" -X -q "${connection[@]}" -d postgres -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"$name\""
        echo "create-databases: created $name"
    fi
done
