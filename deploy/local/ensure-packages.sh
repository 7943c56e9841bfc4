#!/usr/bin/env bash
# Installs the Debian packages the local start and the tests need, if missing.
#   ensure-packages.sh [PACKAGE...]      (default: postgresql rabbitmq-server)
# Idempotent and fast when everything is present (dpkg-query only; no apt-get update then).
set -euo pipefail

if [ "$#" -eq 0 ]; then
    set -- postgresql rabbitmq-server
fi

missing=()
for pkg in "$@"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    if [ "$status" != "install ok installed" ]; then
        missing+=("$pkg")
    fi
done

if [ "${#missing[@]}" -eq 0 ]; then
    echo "ensure-packages: already installed: $*"
    exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        sudo=(sudo)
    else
        echo "ensure-packages: missing ${missing[*]} and not root (no sudo)" >&2
        exit 1
    fi
fi

# Do not let the packages start their own system services (the packaged PostgreSQL cluster on
# 5432, a RabbitMQ node on 5672/4369): we run our own processes on our own ports.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
    "${sudo[@]}" chmod 755 "$policy"
    created_policy=1
fi
cleanup() {
    if [ "$created_policy" -eq 1 ]; then
        "${sudo[@]}" rm -f "$policy"
    fi
}
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
apt_opts=(-q -o DPkg::Lock::Timeout=600 -o Dpkg::Use-Pty=0)

echo "ensure-packages: installing ${missing[*]} (apt-get update, then install)"
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" install -y -qq "${missing[@]}" >/dev/null
echo "ensure-packages: installed ${missing[*]}"
