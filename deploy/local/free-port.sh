#!/usr/bin/env bash
# Prints a port P such that P .. P+COUNT-1 are all free on 127.0.0.1.
#   free-port.sh [COUNT]     (default 1)
# Picks at random below the Linux ephemeral range (32768+) so that outgoing connections do not
# take the port between this check and the server's start.
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/lib.sh"

count=${1:-1}
for _ in $(seq 1 200); do
    base=$((20000 + RANDOM % (32000 - 20000 - count)))
    ok=1
    for ((p = base; p < base + count; p++)); do
        if port_in_use "$p"; then
            ok=0
            break
        fi
    done
    if [ "$ok" -eq 1 ]; then
        echo "$base"
        exit 0
    fi
done
echo "free-port: no free range of $count ports found" >&2
exit 1
