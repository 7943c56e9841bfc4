#!/usr/bin/env bash
# Creates each named database on the local PostgreSQL (127.0.0.1:PORT, user postgres) if missing,
# with its two roles (least privilege):
#   NAME_owner   owns the database and everything in it: the service migrates with it (and the
#                gateway builds the audit schema with audit_owner);
#   NAME_app     the role the service runs as: the service grants it rows only (SELECT, INSERT,
#                UPDATE, DELETE) after migrating. The audit database's runtime role is audit_writer.
#   create-databases.sh PORT NAME...
# Idempotent: existing databases (and their data) are kept; objects an earlier start created as
# postgres are handed to NAME_owner. The local server trusts loopback, so the roles have no password.
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

# One psql session for every database (a start used to spend about 6 s launching 48 of them): roles and databases
# from the postgres database (\gexec runs CREATE DATABASE only where missing: it cannot run inside a DO block), then
# each database in turn (\connect) to hand over what an earlier start created in it as postgres.
script=
for name in "$@"; do
    if [[ ! "$name" =~ ^[a-z_][a-z0-9_]*$ ]]; then
        echo "create-databases: bad database name '$name'" >&2
        exit 2
    fi
    owner=${name}_owner
    if [ "$name" = audit ]; then runtime=audit_writer; else runtime=${name}_app; fi
    script+="
SELECT format('CREATE ROLE %I LOGIN', r) FROM unnest(ARRAY['$owner', '$runtime']) AS r
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) \gexec
SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_database WHERE datname = '$name') THEN 'create-databases: $name exists' ELSE 'create-databases: created $name' END;
SELECT format('CREATE DATABASE %I OWNER %I', '$name', '$owner') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$name') \gexec
ALTER DATABASE \"$name\" OWNER TO \"$owner\";
"
done
for name in "$@"; do
    owner=${name}_owner
    # The owner owns the database and what an earlier start created in it as postgres.
    script+="
\connect $name
DO \$\$
DECLARE item record;
BEGIN
    FOR item IN SELECT n.nspname FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner
                WHERE r.rolname = 'postgres' AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname NOT IN ('information_schema', 'public') LOOP
        EXECUTE format('ALTER SCHEMA %I OWNER TO %I', item.nspname, '$owner');
    END LOOP;
    FOR item IN SELECT n.nspname, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_roles r ON r.oid = c.relowner
                WHERE r.rolname = 'postgres' AND c.relkind IN ('r', 'p', 'v', 'm') AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' LOOP
        -- A table's identity sequences follow it.
        EXECUTE format('ALTER %s %I.%I OWNER TO %I',
            CASE item.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
            item.nspname, item.relname, '$owner');
    END LOOP;
    FOR item IN SELECT p.oid::regprocedure AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_roles r ON r.oid = p.proowner
                WHERE r.rolname = 'postgres' AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' LOOP
        EXECUTE format('ALTER ROUTINE %s OWNER TO %I', item.signature, '$owner');
    END LOOP;
END \$\$;
"
done
"$bin/psql" -X -A -t -q "${connection[@]}" -d postgres -v ON_ERROR_STOP=1 <<<"$script"
