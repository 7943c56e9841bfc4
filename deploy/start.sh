#!/usr/bin/env bash
# The local start: the whole platform with the demo county on one Debian machine, no Docker.
#
#   bash deploy/start.sh                      the demo county in full
#   DEMO_SCALE=0.01 bash deploy/start.sh      a small demo county (0 < DEMO_SCALE <= 1)
#
# Installs PostgreSQL and RabbitMQ if missing (Debian packages, run as plain processes of our own),
# builds the county portal (portal/dist, skipped when unchanged; needs Node.js 20.19+), builds the Aspire AppHost (deploy/AppHost) and runs it in the foreground: PostgreSQL on
# 127.0.0.1:5433, RabbitMQ on 127.0.0.1:5673 (management 15673), the services, the gateway and the
# Aspire dashboard, then loads the demo county once. Ctrl-C (or SIGTERM) stops everything.
# Data stays in .data/ between starts (delete it for a fresh county); logs go to .data/logs/.
# Everything listens on loopback only. Demo credentials: LOCAL USE ONLY.
set -euo pipefail

repo=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
local_scripts=$repo/deploy/local
. "$local_scripts/lib.sh"

data=$repo/.data
logs=$data/logs
export TMPDIR=$repo/.tmp # dotnet and the orchestrator leave folders there
mkdir -p "$TMPDIR" "$logs"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

gateway=http://localhost:8080
gateway_grpc=http://localhost:8081
dashboard=http://localhost:18888
# PostgreSQL; RabbitMQ AMQP, Erlang distribution, epmd, management; households, education, industry, welfare, ecology and
# relocation REST and gRPC;
# gateway REST, gRPC and management (metrics); dashboard, its OTLP endpoint and its resource service.
ports=(5433 5673 5674 5675 15673 5101 5102 5111 5112 5121 5122 5151 5152 5141 5142 5131 5132 8080 8081 8082 18888 18889 18890)

say() { printf 'start: %s\n' "$*"; }

command -v dotnet >/dev/null 2>&1 ||
    { say "the .NET SDK is not installed (https://dotnet.microsoft.com/download, SDK 10)" >&2; exit 1; }

bash "$local_scripts/ensure-packages.sh"

if ! require_free_ports "${ports[@]}"; then
    say "a port the platform needs is taken (another start still running?); stop it and try again" >&2
    exit 1
fi

# The county portal the gateway serves (portal/dist; skipped when its sources and lock are unchanged).
bash "$local_scripts/build-portal.sh"

say "building the AppHost and the services (Release; log in .data/logs/build.log)…"
build_started=$SECONDS
if ! dotnet build "$repo/deploy/AppHost/Platform.AppHost.csproj" -c Release -nologo -v q -clp:NoSummary \
    >"$logs/build.log" 2>&1; then
    grep -E 'error|warning' "$logs/build.log" | sort -u | head -n 40 >&2 || tail -n 40 "$logs/build.log" >&2
    say "build failed" >&2
    exit 1
fi
say "built in $((SECONDS - build_started)) s"

# Every process of this start (orchestrator, infrastructure, services) inherits this variable: it
# is how we find them, and only them, to check that nothing is left when we stop.
marker="PLATFORM_LOCAL_START=$$-$(date +%s%N)"
processes_of_this_start() {
    local dir pid
    for dir in /proc/[0-9]*; do
        pid=${dir#/proc/}
        [ "$pid" != "$$" ] && [ "$pid" != "${BASHPID:-$$}" ] || continue
        if grep -qzxF "$marker" "$dir/environ" 2>/dev/null; then
            echo "$pid"
        fi
    done
}

log=$logs/apphost.log
: >"$log"
# The AppHost with its launch profile (deploy/AppHost/Properties/launchSettings.json: the
# dashboard on $dashboard, plain HTTP on localhost). dotnet run passes SIGTERM on to it.
env "$marker" DEMO_SCALE="${DEMO_SCALE:-1}" \
    dotnet run --project "$repo/deploy/AppHost/Platform.AppHost.csproj" --no-build -c Release --launch-profile http \
    >"$log" 2>&1 </dev/null &
apphost=$!
started=$SECONDS
started_at=$(date +%s)

# The AppHost's log (its own lines, each resource's state, the loader's output) on the terminal.
# (Background jobs of a script ignore SIGINT: Ctrl-C reaches only this script, which stops in order.)
tail -n +1 -F --pid="$apphost" "$log" 2>/dev/null &
tail_pid=$!

banner() {
    local login=$1
    cat <<TEXT

========================================================================================
 The platform is running (all on loopback):
   Gateway REST and portal   $gateway
   Gateway gRPC (h2c)        $gateway_grpc
   Gateway metrics, OpenAPI  http://127.0.0.1:8082/metrics, /openapi/v1.json (operators' port)
   Aspire dashboard          ${login:-$dashboard}
   RabbitMQ management       http://127.0.0.1:15673/  (guest / guest)
   PostgreSQL                127.0.0.1:5433, user postgres (trust), databases households, education, industry, welfare, ecology, relocation, identity, audit
                             (each with NAME_owner for migrations and NAME_app for the service; audit_writer)
 Portal sign-in (demo users, README lists one per role): admin / Demo-admin-2026
 A token (demo client), then a call:
   T=\$(curl -s -X POST $gateway/connect/token -d grant_type=client_credentials \\
        -d client_id=county-office -d client_secret=county-office-secret \\
        | tr -d '\n' | sed -E 's/.*"access_token": *"([^"]+)".*/\1/')
   curl -H "Authorization: Bearer \$T" $gateway/api/households/figures
 Ctrl-C stops everything; the data stays in .data/ for the next start.
========================================================================================

TEXT
}

# Seconds from the AppHost's start to the first line "HH:MM:SS <resource>  <state>" of the AppHost's log (its console
# report writes local time), or nothing when there is no such line.
seconds_until() {
    local hms at
    hms=$(grep -m 1 -oE "^[0-9]{2}:[0-9]{2}:[0-9]{2} $1" "$log" 2>/dev/null | cut -c1-8) || true
    [ -n "$hms" ] || return 0
    at=$(date -d "$hms" +%s) || return 0
    (( at < started_at - 60 )) && at=$((at + 86400)) # past midnight
    echo $((at - started_at))
}

# Prints the addresses once the dashboard is up, and again with the timings once the demo county
# is loaded (or the loader gave up).
report() {
    local login="" i
    for ((i = 0; i < 1200; i++)); do
        login=$(grep -m 1 -oE 'Login to the dashboard at [^ ]+' "$log" 2>/dev/null | awk '{print $NF}') || true
        [ -n "$login" ] && break
        kill -0 "$apphost" 2>/dev/null || return 0
        sleep 0.5
    done
    say "dashboard: ${login:-$dashboard}"
    while kill -0 "$apphost" 2>/dev/null; do
        if grep -qE 'demo-county +Finished \(exit code 0\)' "$log"; then
            banner "$login"
            local ready=$((SECONDS - started)) services
            # The loader starts once every service and the gateway are ready: the rest is the demo county's load.
            services=$(seconds_until 'demo-county +Running')
            if [ -n "$services" ]; then
                say "ready $ready s after the AppHost started (services and gateway ready after $services s, the demo county's load $((ready - services)) s)"
            else
                say "ready $ready s after the AppHost started"
            fi
            return 0
        fi
        if grep -qE 'demo-county +(Finished|Exited|FailedToStart)' "$log"; then
            banner "$login"
            say "the demo county loader failed: see its lines above and its console in the dashboard" >&2
            return 0
        fi
        sleep 1
    done
}
report &
report_pid=$!

stopping=0
stop_started=
stop() {
    [ "$stopping" -eq 0 ] || return 0
    stopping=1
    stop_started=$SECONDS
    echo
    say "stopping…"
    # The orchestrator gives each process 6 s after SIGTERM, then kills it; a RabbitMQ node needs
    # longer to stop cleanly, so it goes first (rabbitmq.sh also stops the node's epmd).
    bash "$local_scripts/rabbitmq.sh" stop "$data/rabbitmq" >/dev/null 2>&1 || true
    kill -TERM "$apphost" 2>/dev/null || true
}
trap stop INT TERM HUP

status=0
while :; do
    if wait "$apphost"; then status=0; else status=$?; fi
    kill -0 "$apphost" 2>/dev/null || break
done
stop_started=${stop_started:-$SECONDS}
kill "$report_pid" 2>/dev/null || true

# The AppHost returns at once; the orchestrator stops the processes after it. Wait for them.
for ((i = 0; i < 300; i++)); do
    [ -z "$(processes_of_this_start)" ] && break
    sleep 0.1
done
left=$(processes_of_this_start)
if [ -n "$left" ]; then
    # Something outlived the orchestrator (killed before it could clean up?): stop the
    # infrastructure the way its scripts do, then what is left of this start, by pid.
    bash "$local_scripts/rabbitmq.sh" stop "$data/rabbitmq" >/dev/null 2>&1 || true
    bash "$local_scripts/postgres.sh" stop "$data/postgres" >/dev/null 2>&1 || true
    for pid in $(processes_of_this_start); do kill -TERM "$pid" 2>/dev/null || true; done
    for ((i = 0; i < 100; i++)); do
        [ -z "$(processes_of_this_start)" ] && break
        sleep 0.1
    done
    for pid in $(processes_of_this_start); do kill -KILL "$pid" 2>/dev/null || true; done
fi
kill "$tail_pid" 2>/dev/null || true
wait 2>/dev/null || true

left=$(processes_of_this_start)
if [ -n "$left" ]; then
    say "still running after the stop:" >&2
    ps -o pid,cmd -p "$(echo "$left" | paste -sd,)" >&2 || true
    exit 1
fi
if [ "$stopping" -eq 1 ]; then
    say "stopped in $((SECONDS - stop_started)) s; nothing of this start is left running (data kept in .data/)"
    exit 0
fi
say "the AppHost exited by itself (status $status; its log: .data/logs/apphost.log); nothing of this start is left running" >&2
exit "$status"
