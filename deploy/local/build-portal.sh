#!/usr/bin/env bash
# Builds the county portal (portal/) into portal/dist, which the gateway serves (Portal:Root).
#   build-portal.sh            npm ci when the lock changed, then type-check and vite build, unless
#                              portal/dist was built from exactly these sources (a stamp of their hash)
#   build-portal.sh --force    build even so
# Used by deploy/start.sh, tests/run.sh and the portal tests' fixture; runs one at a time (a lock).
set -euo pipefail

repo=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
portal=$repo/portal
force=0
[ "${1:-}" = "--force" ] && force=1

say() { printf 'build-portal: %s\n' "$*"; }

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    say "Node.js (20.19 or newer, with npm) is needed to build the portal" >&2
    exit 1
fi
# Vite 8 needs Node ^20.19 or >= 22.12.
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=12)||(a===20&&b>=19)||a===21?0:1)'; then
    say "Node.js $(node --version) is too old for the portal's build (20.19 or newer)" >&2
    exit 1
fi

export TMPDIR=${TMPDIR:-$repo/.tmp}
mkdir -p "$TMPDIR"
exec 9>"$portal/.build.lock"
flock 9

# The stamp: every input of the build (sources, configuration, the lock).
stamp=$(cd "$portal" && { find src -type f | LC_ALL=C sort; printf '%s\n' package.json package-lock.json index.html vite.config.ts tsconfig.json; } \
    | xargs sha256sum | sha256sum | cut -d' ' -f1)
if [ "$force" -eq 0 ] && [ -f "$portal/dist/index.html" ] && [ "$(cat "$portal/dist/.stamp" 2>/dev/null)" = "$stamp" ]; then
    say "portal/dist is up to date"
    exit 0
fi

cd "$portal"
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.lock-stamp 2>/dev/null)" != "$lock_hash" ]; then
    say "installing the portal's packages (npm ci)…"
    npm ci --no-audit --no-fund --loglevel=error >"$TMPDIR/portal-npm-ci.log" 2>&1 ||
        { tail -n 30 "$TMPDIR/portal-npm-ci.log" >&2; say "npm ci failed" >&2; exit 1; }
    echo "$lock_hash" >node_modules/.lock-stamp
fi

say "type-checking and building the portal…"
started=$SECONDS
if ! npm run --silent build >"$TMPDIR/portal-build.log" 2>&1; then
    tail -n 40 "$TMPDIR/portal-build.log" >&2
    say "the portal's build failed" >&2
    exit 1
fi
echo "$stamp" >dist/.stamp
say "built portal/dist in $((SECONDS - started)) s"
