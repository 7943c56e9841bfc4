#!/usr/bin/env bash
# Runs all the tests of the platform, on a fresh Debian 12 machine that has only the .NET SDK:
#
#   tests/run.sh [extra dotnet test arguments...]      e.g. tests/run.sh --filter Category!=Slow
#
# 1. installs the Debian packages the tests need (deploy/local/ensure-packages.sh),
# 2. starts one PostgreSQL (--fast-unsafe) and one RabbitMQ on free loopback ports, in a temp dir,
# 3. exports PLATFORM_TEST_POSTGRES / PLATFORM_TEST_RABBITMQ / PLATFORM_TEST_RABBITMQ_MANAGEMENT so
#    every test process attaches to them (Platform.Testing.TestInfrastructure),
# 4. runs `dotnet test Platform.sln`, with every service host recording all it logs and traces in
#    the run's telemetry folder, the load-time tests first and alone (Category=LoadTime, when no --filter is
#    given), and stops the servers whatever happens,
# 5. runs tests/Platform.LogScan.Tests over that folder: no valid resident ID number may be in it,
# 6. runs the portal's unit tests (vitest; the portal is built before the tests, deploy/local/build-portal.sh).
# Exit code: dotnet test's. Last line: "N passed, N failed" (summed over the test assemblies).
#
# Environment: PLATFORM_TEST_TARGET (default Platform.sln, else Platform.slnx) to run one project;
# PLATFORM_TEST_EXTRA_PACKAGES (space separated) to install more Debian packages; PLATFORM_TEST_HANG_TIMEOUT
# (default 20m) and PLATFORM_TEST_HANG_DUMP (none, mini or full) for the hung-test guard.
set -euo pipefail

repo=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cd "$repo"
deploy="$repo/deploy/local"

# Debian packages beyond postgresql and rabbitmq-server: Chromium's headless shell for the portal tests, and a Chinese font of the
# machine's own as every county PC has one (WenQuanYi Micro Hei, 1.6 MB; without it the portal loads its bundled font).
extra_packages=(chromium-headless-shell fonts-wqy-microhei)
read -r -a env_packages <<<"${PLATFORM_TEST_EXTRA_PACKAGES:-}"
extra_packages+=("${env_packages[@]}")

# dotnet (and mktemp) leave folders in TMPDIR: keep them in the repository (.tmp is gitignored).
export TMPDIR="$repo/.tmp"
mkdir -p "$TMPDIR"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The test processes start the platform's hosts over and over, so compiling code is much of their work: a perf profile
# of the end-to-end assembly (2026-12-04) had 39% of the test host's CPU in the JIT and the runtime, and kernel time in
# the W^X double mapping of new code. Without W^X and tiered PGO's instrumented tier the test host took 520 CPU-s
# instead of 609 on the same tests (with Chromium's headless shell too, the assembly 590 s instead of 634). Test runs
# only: the local start and the services keep the runtime's defaults.
export DOTNET_EnableWriteXorExecute=0 DOTNET_TieredPGO=0

target=${PLATFORM_TEST_TARGET:-}
if [ -z "$target" ]; then
    if [ -f Platform.sln ]; then
        target=Platform.sln
    elif [ -f Platform.slnx ]; then
        target=Platform.slnx
    else
        echo "run.sh: no Platform.sln in $repo" >&2
        exit 1
    fi
fi

bash "$deploy/ensure-packages.sh" postgresql rabbitmq-server "${extra_packages[@]}"
work=$(mktemp -d "$TMPDIR/test-servers.XXXXXX")

# The portal the gateway serves, for the browser tests (cached: skipped when its sources are unchanged). On a clean
# checkout its build (npm ci, type check, vite: about 30 s, one core) runs beside the servers' start and the solution's
# build, which leave the second core mostly idle; the tests wait for it (portal_built).
bash "$deploy/build-portal.sh" >"$work/portal-build.log" 2>&1 &
portal_job=$!
portal_built() {
    if [ -z "$portal_job" ]; then
        return 0
    fi
    local portal_status=0
    wait "$portal_job" || portal_status=$?
    portal_job=
    cat "$work/portal-build.log"
    if [ "$portal_status" -ne 0 ]; then
        echo "run.sh: the portal did not build (deploy/local/build-portal.sh exited $portal_status)" >&2
        exit 1
    fi
}

stop_servers() {
    local stops=()
    bash "$deploy/postgres.sh" stop "$work/postgres" >/dev/null 2>&1 &
    stops+=($!)
    bash "$deploy/rabbitmq.sh" stop "$work/rabbitmq" --kill >/dev/null 2>&1 &
    stops+=($!)
    wait "${stops[@]}"
}
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    # Under set -e a failing kill or wait (the build already over) would end the cleanup before the servers stop.
    if [ -n "$portal_job" ]; then
        pkill -TERM -P "$portal_job" 2>/dev/null || true
        kill "$portal_job" 2>/dev/null || true
        wait "$portal_job" 2>/dev/null || true
    fi
    stop_servers
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Five consecutive free ports: PostgreSQL, AMQP (+ Erlang distribution and epmd), management.
started=0
for attempt in 1 2 3; do
    base=$(bash "$deploy/free-port.sh" 5)
    pg_port=$base amqp_port=$((base + 1)) mgmt_port=$((base + 4))
    begin=$SECONDS
    bash "$deploy/postgres.sh" start "$work/postgres" "$pg_port" --fast-unsafe &
    pg_job=$!
    bash "$deploy/rabbitmq.sh" start "$work/rabbitmq" "$amqp_port" "$mgmt_port" &
    rabbit_job=$!
    pg_ok=0 rabbit_ok=0
    wait "$pg_job" && pg_ok=1
    wait "$rabbit_job" && rabbit_ok=1
    if [ "$pg_ok" -eq 1 ] && [ "$rabbit_ok" -eq 1 ]; then
        started=1
        echo "run.sh: servers up in $((SECONDS - begin)) s"
        break
    fi
    echo "run.sh: starting the servers failed (attempt $attempt); retrying on other ports" >&2
    stop_servers
done
if [ "$started" -ne 1 ]; then
    echo "run.sh: could not start PostgreSQL and RabbitMQ" >&2
    exit 1
fi

export PLATFORM_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
export PLATFORM_TEST_RABBITMQ="amqp://guest:guest@127.0.0.1:$amqp_port/"
export PLATFORM_TEST_RABBITMQ_MANAGEMENT="http://127.0.0.1:$mgmt_port/"

# Results of this run only (another run may be going on in the same checkout): kept in the run's
# temp dir for counting; the console log and the .trx files are copied to TestResults/ at the end.
results="$work/results"
mkdir -p "$results" "$repo/TestResults"
export PLATFORM_TEST_TELEMETRY_DIR="$work/telemetry"

# What a user waits for (Category=LoadTime: the dashboard's load) is measured alone, first: the solution is built,
# the load-time tests run on the fresh servers, then the rest of the suite runs on the same build. Beside the other
# test assemblies' hosts on two cores it measured their load, not the portal's (CI: first paint 3.2 s in the crowd);
# after the suite, PostgreSQL and RabbitMQ, full of its databases and vhosts, still took a third of a core (every figure
# 2.7 s, against 1.6 s on fresh servers). Only when the run covers the end-to-end tests and the caller chose no filter.
load_time_filter=()
measure_load_time=0
if [[ " $* " != *" --filter "* ]] && [[ "$target" == Platform.sln* || "$target" == *EndToEnd* ]]; then
    load_time_filter=(--filter "Category!=LoadTime")
    measure_load_time=1
fi

set +e
: >"$results/console.log"
no_build=()
load_status=0
if [ "$measure_load_time" = 1 ]; then
    phase_started=$SECONDS
    dotnet build "$target" 2>&1 | tee -a "$results/console.log"
    # A failed build is reported by the run below, which builds again.
    if [ "${PIPESTATUS[0]}" -eq 0 ]; then
        echo "run.sh: built in $((SECONDS - phase_started)) s" | tee -a "$results/console.log"
        phase_started=$SECONDS
        no_build=(--no-build)
        portal_built
        echo "run.sh: the load-time tests, alone" | tee -a "$results/console.log"
        dotnet test tests/Platform.EndToEnd.Tests --no-build \
            --logger "console;verbosity=normal" \
            --logger "trx" \
            --results-directory "$results/load-time" \
            --blame-hang-timeout "${PLATFORM_TEST_HANG_TIMEOUT:-20m}" --blame-hang-dump-type "${PLATFORM_TEST_HANG_DUMP:-none}" \
            --filter "Category=LoadTime" "$@" 2>&1 | tee -a "$results/console.log"
        load_status=${PIPESTATUS[0]}
        echo "run.sh: the load-time tests took $((SECONDS - phase_started)) s (with any wait for the portal's build)" | tee -a "$results/console.log"
    fi
fi

# A test host in which no test starts or ends for 20 min is stopped and named as hung (the longest test takes
# about 5 min under CI load; a run once sat idle after its last end-to-end test until it was killed).
portal_built
phase_started=$SECONDS
dotnet test "$target" "${no_build[@]}" \
    --logger "console;verbosity=normal" \
    --logger "trx" \
    --results-directory "$results" \
    --blame-hang-timeout "${PLATFORM_TEST_HANG_TIMEOUT:-20m}" --blame-hang-dump-type "${PLATFORM_TEST_HANG_DUMP:-none}" \
    "${load_time_filter[@]}" "$@" 2>&1 | tee -a "$results/console.log"
status=${PIPESTATUS[0]}
echo "run.sh: the tests took $((SECONDS - phase_started)) s" | tee -a "$results/console.log"
if [ "$status" -eq 0 ]; then
    status=$load_status
fi
set -e
stop_servers

# What every service of the run logged and traced, scanned for resident ID numbers (a target that
# started no service, e.g. the architecture tests alone, recorded nothing to scan).
if [ -d "$PLATFORM_TEST_TELEMETRY_DIR" ]; then
    set +e
    dotnet test tests/Platform.LogScan.Tests \
        --logger "console;verbosity=normal" \
        --logger "trx" \
        --results-directory "$results/scan" 2>&1 | tee -a "$results/console.log"
    scan_status=${PIPESTATUS[0]}
    set -e
    if [ "$status" -eq 0 ]; then
        status=$scan_status
    fi
else
    echo "run.sh: no service recorded telemetry in this run; the ID-number scan is skipped" | tee -a "$results/console.log"
fi

# The portal's unit tests (vitest: formatters, ID masks, drill-downs, permissions, the route guard), with the
# whole suite (or PLATFORM_TEST_PORTAL=1).
vitest_passed=0 vitest_failed=0
if [ -z "${PLATFORM_TEST_TARGET:-}" ] || [ "${PLATFORM_TEST_PORTAL:-}" = 1 ]; then
    set +e
    (cd "$repo/portal" && NO_COLOR=1 npx vitest run --reporter=default --reporter=json --outputFile="$results/vitest.json") 2>&1 | tee -a "$results/console.log"
    vitest_status=${PIPESTATUS[0]}
    set -e
    if [ -f "$results/vitest.json" ]; then
        read -r vitest_passed vitest_failed < <(node -e 'const r = require(process.argv[1]); console.log(r.numPassedTests, r.numFailedTests)' "$results/vitest.json")
    fi
    if [ "$status" -eq 0 ]; then
        status=$vitest_status
    fi
fi

# Counts: from the TRX files (one per test assembly); if there are none, from the console summaries
# ("Passed!  - Failed: 0, Passed: 12, ..." or the "Total tests / Passed: / Failed:" block).
passed=0 failed=0
shopt -s nullglob
trx_files=("$results"/*.trx "$results"/*/*.trx)
if [ "${#trx_files[@]}" -gt 0 ]; then
    for trx in "${trx_files[@]}"; do
        counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)
        p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
        f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
        passed=$((passed + ${p:-0}))
        failed=$((failed + ${f:-0}))
    done
else
    read -r passed failed < <(sed 's/\x1b\[[0-9;]*m//g' "$results/console.log" | awk '
        /(Passed|Failed)!.*Failed: *[0-9]+, *Passed: *[0-9]+/ {
            match($0, /Failed: *[0-9]+/); f += substr($0, RSTART + 7, RLENGTH - 7) + 0
            match($0, /Passed: *[0-9]+/); p += substr($0, RSTART + 7, RLENGTH - 7) + 0
            oneline = 1; next
        }
        /^ *Passed: *[0-9]+ *$/ { bp += $2 }
        /^ *Failed: *[0-9]+ *$/ { bf += $2 }
        END { if (oneline) print p + 0, f + 0; else print bp + 0, bf + 0 }')
fi
passed=$((passed + vitest_passed))
failed=$((failed + vitest_failed))
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    echo "run.sh: dotnet test exited with $status (build error, crash or no tests?)" >&2
fi
# The failed tests by name, with the first lines of their messages, last: a CI log's tail is often all one sees.
if [ "$failed" -gt 0 ]; then
    echo "Failed tests:"
    for trx in "${trx_files[@]}"; do
        # TRX: <UnitTestResult ... testName="…" … outcome="Failed" …> … <Message>…</Message>; the name, then the message's first lines.
        awk '
            function text(s) { gsub(/&quot;/, "\"", s); gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&apos;/, "\x27", s); gsub(/&amp;/, "\\&", s); return s }
            /<UnitTestResult / && /outcome="Failed"/ { match($0, /testName="[^"]*"/); print "  " text(substr($0, RSTART + 10, RLENGTH - 11)); want = 1 }
            want && /<Message>/ { sub(/.*<Message>/, ""); inmsg = 1; lines = 0 }
            inmsg { done = sub(/<\/Message>.*/, ""); if (lines++ < 6) print "      " text(substr($0, 1, 300)); if (done) { inmsg = 0; want = 0 } }
        ' "$trx" || true
    done
    if [ "$vitest_failed" -gt 0 ]; then
        node -e 'const r = require(process.argv[1]); for (const f of r.testResults) for (const a of f.assertionResults) if (a.status === "failed") console.log("  " + f.name + " > " + a.fullName)' "$results/vitest.json" || true
    fi
fi
cp "$results/console.log" "$repo/TestResults/console.log"
# Each assembly's results (every test's start, end and outcome), for a look at where the suite's time went.
rm -rf "$repo/TestResults/trx" && mkdir -p "$repo/TestResults/trx"
find "$results" -name '*.trx' -exec cp {} "$repo/TestResults/trx/" \; || true
echo "$passed passed, $failed failed"
exit "$status"
