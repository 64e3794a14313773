#!/usr/bin/env bash
# The README's "run it" command:
#
#   bash scripts/run.sh
#
# On a fresh machine: installs pnpm and the dependencies, builds, makes sure Redis answers at
# REDIS_URL (starting a local redis-server, its append-only file under var/redis, when REDIS_URL
# points at this machine and nothing listens there; it says which Redis it uses, and how to stop
# the one it started), creates the demo client and user (idempotent; it prints
# how to try a reset and where the mails appear), then runs the server in the foreground.
#
# The environment passes through untouched (PORT, HOST, REDIS_URL, SENDGRID_API_KEY, ...;
# see the README's "Configuration").
set -euo pipefail

# shellcheck source=scripts/lib/ensure-redis.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/ensure-redis.sh"
cd "$PWRESET_ROOT"

ensure_pnpm
ensure_dependencies
build_all
ensure_redis

log "creating the demo client and user (pnpm cli demo seed)"
pnpm cli demo seed

# Said again last, where it is seen: which Redis holds the demo data, and whether (and how) to stop it.
log "$PWRESET_REDIS_IN_USE"
log "starting the server (pnpm start); Ctrl-C stops it"
# exec: the server replaces this shell, so signals reach it directly.
exec pnpm start
