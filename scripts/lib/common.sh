# shellcheck shell=bash
# Shared helpers for scripts/run.sh and scripts/test.sh. Sourced, never executed.
#
# Everything here is idempotent: on a machine that already has the right pnpm and an
# up-to-date node_modules these functions cost a few seconds and change nothing.

# Guard against double sourcing (ensure-redis.sh sources this file too).
if [[ -n "${_PWRESET_COMMON_SOURCED:-}" ]]; then
  return 0
fi
_PWRESET_COMMON_SOURCED=1

# The pnpm version pinned by "packageManager" in the root package.json. Kept in step by hand:
# reading it from package.json would need node before we know node works, for no real gain.
PWRESET_PNPM_VERSION=10.34.9

# Repository root: this file lives in <root>/scripts/lib/.
PWRESET_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# Runtime droppings (Redis data and logs, test reports). Gitignored.
# shellcheck disable=SC2034 # used by the scripts that source this file
PWRESET_VAR="$PWRESET_ROOT/var"

# Turborepo otherwise prints a telemetry notice on first use, which is only noise in CI logs.
export TURBO_TELEMETRY_DISABLED="${TURBO_TELEMETRY_DISABLED:-1}"

# log MESSAGE... — progress and diagnostics go to stderr so that stdout stays for the
# output of the commands themselves (and, in test.sh, for the final summary line).
log() {
  printf '[pwreset] %s\n' "$*" >&2
}

# die MESSAGE... — log and exit 1.
die() {
  log "ERROR: $*"
  exit 1
}

is_root() {
  [[ "$(id -u)" -eq 0 ]]
}

# can_apt_install — true when this script may install Debian packages by itself.
# We never sudo: a non-root user gets told what to install instead.
can_apt_install() {
  is_root && command -v apt-get >/dev/null 2>&1
}

# apt_install PACKAGE... — install Debian packages without prompts. The package lists are
# refreshed once per script run: a fresh container has none, and stale ones 404.
# apt's chatter (hundreds of lines for chromium) goes to var/apt.log, shown only on failure.
apt_install() {
  local aptlog="$PWRESET_VAR/apt.log"
  mkdir -p "$PWRESET_VAR"
  if [[ -z "${_PWRESET_APT_UPDATED:-}" ]]; then
    log "apt-get update"
    if ! apt-get update >"$aptlog" 2>&1; then
      tail -n 20 "$aptlog" >&2
      return 1
    fi
    _PWRESET_APT_UPDATED=1
  fi
  log "apt-get install $* (log: $aptlog)"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >>"$aptlog" 2>&1; then
    tail -n 20 "$aptlog" >&2
    return 1
  fi
}

# ensure_pnpm — make `pnpm` the exact version the lockfile was written with.
# corepack cannot fetch pnpm on this machine, so we install it from the npm registry
# with npm, which is always there next to node.
ensure_pnpm() {
  command -v node >/dev/null 2>&1 || die "node is not installed (need Node >= 20.19)"
  local current
  # Run outside the repo: inside it, pnpm may hand over to the packageManager version
  # and report that one rather than the one installed.
  current="$(cd / && pnpm --version 2>/dev/null)" || current=""
  if [[ "$current" == "$PWRESET_PNPM_VERSION" ]]; then
    return 0
  fi
  log "installing pnpm@$PWRESET_PNPM_VERSION (found: ${current:-none})"
  # --force: replaces a corepack shim that may own the `pnpm` name on PATH.
  npm install -g --force --no-fund --no-audit --loglevel=error "pnpm@$PWRESET_PNPM_VERSION" >&2 ||
    die "could not install pnpm@$PWRESET_PNPM_VERSION with npm (are you allowed to npm install -g?)"
  hash -r # forget the old location of `pnpm`
  current="$(cd / && pnpm --version 2>/dev/null)" || current=""
  [[ "$current" == "$PWRESET_PNPM_VERSION" ]] ||
    die "pnpm on PATH is ${current:-missing} after installing $PWRESET_PNPM_VERSION; check PATH and npm's global prefix"
}

# ensure_dependencies — install exactly what the lockfile says; never rewrite it.
ensure_dependencies() {
  log "installing dependencies (pnpm install --frozen-lockfile)"
  (cd "$PWRESET_ROOT" && pnpm install --frozen-lockfile --reporter=append-only --loglevel=warn)
}

# build_all — build every package through turbo (dependencies first, cached).
build_all() {
  log "building (pnpm build)"
  (cd "$PWRESET_ROOT" && pnpm build)
}
