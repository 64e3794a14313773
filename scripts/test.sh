#!/usr/bin/env bash
# The README's "test it" command, and exactly what CI runs (.ci/run):
#
#   bash scripts/test.sh
#
# On a fresh machine: installs pnpm, the dependencies, redis-server (the tests start private
# servers of their own on free ports; no shared Redis is touched) and Chromium (browser
# tests), then build, typecheck, lint, and every package's vitest tests.
#
# Every check runs even when an earlier one failed, so one run shows everything that is
# wrong. The last line printed is always the count, `N passed, N failed[, N skipped]`;
# the exit status is non-zero when a test failed, a package's vitest failed, build,
# typecheck or lint failed, or no test ran at all.
set -euo pipefail

# shellcheck source=scripts/lib/ensure-redis.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/ensure-redis.sh"
cd "$PWRESET_ROOT"

RESULTS_DIR="$PWRESET_VAR/test-results"

# Whatever happens, the count is the last line (CI reads it). If set-up dies (or the run is
# interrupted) before the summary, say so and count nothing rather than end on an error.
summary_printed=""
on_exit() {
  local code=$?
  if [[ -z "$summary_printed" ]]; then
    log "FAILED: stopped (exit $code) before the tests were counted"
    echo "0 passed, 0 failed"
  fi
  exit "$code"
}
trap on_exit EXIT

# ensure_chromium — later browser tests drive /usr/bin/chromium. Only installed when missing,
# and its failure is not fatal here: the tests that need it will say so themselves.
ensure_chromium() {
  [[ -x /usr/bin/chromium ]] && return 0
  if can_apt_install; then
    # fonts-liberation: with --no-install-recommends the browser would have no usable fonts.
    apt_install chromium fonts-liberation ||
      log "WARNING: could not install chromium; browser tests will fail"
  else
    log "WARNING: /usr/bin/chromium is missing (install it: apt-get install chromium); browser tests will fail"
  fi
}

ensure_pnpm
ensure_dependencies
ensure_redis_server_installed
ensure_chromium
source scripts/lib/ensure-sql-servers.sh && ensure_sql_servers # PostgreSQL and MariaDB for the SQL directory tests

# From here on, failures are collected, not fatal.
failed_steps=()

# step NAME COMMAND... — run one check, streaming its output, and remember if it failed.
step() {
  local name="$1"
  shift
  log "== $name: $*"
  if ! "$@"; then
    log "FAILED: $name"
    failed_steps+=("$name")
  fi
}

# --continue: turbo otherwise stops at the first package that fails, hiding the others' errors.
step build pnpm build --continue=dependencies-successful
step typecheck pnpm typecheck --continue=dependencies-successful
step lint pnpm lint --continue=dependencies-successful

# Tests: one vitest per package rather than `pnpm test` (turbo), because each package needs
# its own JSON report file to be counted, and turbo would hand every package the same
# arguments. `pnpm test` at the root still works as before; it runs the same tests.
rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"

package_list="$(node scripts/lib/test-packages.mjs)"
package_status=() # SLUG=EXIT_CODE, for the summary
while IFS=$'\t' read -r name dir slug; do
  [[ -n "$name" ]] || continue
  log "== test $name"
  code=0
  # </dev/null: vitest must not wait on a terminal; `|| code=$?`: keep going after a failure.
  (cd "$dir" && pnpm exec vitest run \
    --reporter=default --reporter=json \
    --outputFile.json="$RESULTS_DIR/$slug.json") </dev/null || code=$?
  package_status+=("$slug=$code")
done <<<"$package_list"

# The process-level suites again, on a private three-master Redis Cluster instead of one node
# (PWRESET_TEST_REDIS=cluster: apps/server/test/support/test-redis.ts): the tRPC flow with its 20
# concurrent completions, every legacy journey, and the mail queue with its retries. Counted as a
# report of its own. Suites that reach into one node (MONITOR, SHUTDOWN of the node, pipelines over
# the whole keyspace) stay out. test/cli.test.ts is cluster-aware but too slow for this pass (a
# process per command); the CLI on a cluster, readiness and the MOVED start-up error are checked by
# apps/server/test/redis-cluster.test.ts in the first pass.
cluster_suites=(
  test/reset-flow.test.ts
  test/mail-delivery.test.ts
  test/legacy/antel/antel-journey.test.ts
  test/legacy/cameramanager/journey.test.ts
  test/legacy/teenquotes/journey.test.ts
  test/legacy/trafficops/trafficops-journey.test.ts
)
log "== test @pwreset/server on a Redis Cluster: ${cluster_suites[*]}"
code=0
(cd apps/server && PWRESET_TEST_REDIS=cluster pnpm exec vitest run \
  --reporter=default --reporter=json \
  --outputFile.json="$RESULTS_DIR/server-on-redis-cluster.json" \
  "${cluster_suites[@]}") </dev/null || code=$?
package_status+=("server-on-redis-cluster=$code")

if ((${#failed_steps[@]} > 0)); then
  log "FAILED steps: ${failed_steps[*]}"
fi

log "== summary"
summary_code=0
node scripts/summarize-tests.mjs "$RESULTS_DIR" "${package_status[@]}" || summary_code=$?
summary_printed=1

if ((summary_code != 0 || ${#failed_steps[@]} > 0)); then
  exit 1
fi
