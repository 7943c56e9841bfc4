#!/usr/bin/env bash
# Profiles a first start of the whole platform: where the CPU of every process goes until "start: ready".
#
#   bash tests/Platform.Bench/profile/first-start.sh OUT_DIR [--perf]
#
# DELETES .data/ (a first start needs a fresh county), runs deploy/start.sh, and when it is ready writes to OUT_DIR:
# start.log, summary.txt (the loaders' times and each process's CPU-seconds from /proc), and with --perf a system-wide
# `perf record -g` at 49 Hz from the gateway's readiness to the platform's (perf.data, perf.txt for by-caller.py;
# the services run with DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 so their JIT frames resolve). Then
# it stops the platform. Needs perf (Debian: linux-perf) and python3.
set -euo pipefail
repo=$(cd "$(dirname "$(readlink -f "$0")")/../../.." && pwd)
here=$(dirname "$(readlink -f "$0")")
out=$(realpath -m "${1:?usage: first-start.sh OUT_DIR [--perf]}")
mkdir -p "$out"
rm -rf "$repo/.data"
if [ "${2:-}" = --perf ]; then
    export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
    rm -f /tmp/perf-*.map
fi
bash "$repo/deploy/start.sh" >"$out/start.log" 2>&1 &
start=$!
# Waits until the start's log shows the pattern; fails if the start ended without it (a failed build, a taken port…).
wait_for() {
    until grep -q "$1" "$out/start.log"; do
        if ! kill -0 "$start" 2>/dev/null; then
            echo "first-start.sh: the start ended before \"$1\"; see $out/start.log" >&2
            [ -z "${perf:-}" ] || kill -INT "$perf" 2>/dev/null || true
            exit 1
        fi
        sleep 1
    done
}
if [ "${2:-}" = --perf ]; then
    wait_for "Gateway ready"
    perf record -F 49 -a -g -o "$out/perf.data" >"$out/perf.log" 2>&1 &
    perf=$!
fi
wait_for "start: ready\|start: .*failed"
if [ -n "${perf:-}" ]; then kill -INT "$perf"; wait "$perf" || true; fi
{ grep "start: ready\|start: .*failed\|Import finished\|loaded in" "$out/start.log"; python3 "$here/cpu.py"; } | tee "$out/summary.txt"
if [ -n "${perf:-}" ]; then
    perf script -i "$out/perf.data" -F comm,pid,tid,ip,sym >"$out/perf.txt" 2>/dev/null
    python3 "$here/by-caller.py" --names "$out/perf.txt" >"$out/pids.txt"
fi
kill -TERM "$start"; wait "$start" || true
