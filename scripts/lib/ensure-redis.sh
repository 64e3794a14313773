# shellcheck shell=bash
# Redis for the run and test commands. Sourced, never executed.
#
#   ensure_redis                   make REDIS_URL answer: start a local redis-server when it
#                                  points at this machine and nothing listens there yet
#                                  (used by run.sh; it keeps an AOF under var/redis); sets PWRESET_REDIS_IN_USE to a sentence
#                                  saying which Redis that is and, for one we started, how to
#                                  stop it
#   ensure_redis_server_installed  only make sure the redis-server binary exists and export
#                                  REDIS_SERVER_BIN; the tests start private servers of their
#                                  own on free ports (used by test.sh)
#
# Never stops, flushes or reconfigures a Redis that is already running.

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PWRESET_DEFAULT_REDIS_URL="redis://127.0.0.1:6379"

# parse_redis_url URL — sets REDIS_SCHEME, REDIS_HOST and REDIS_PORT.
# Accepts redis://[user:password@]host[:port][/db] and rediss://; IPv6 hosts in brackets.
parse_redis_url() {
  local url="$1"
  local re='^(rediss?)://([^@/]*@)?(\[[^]/]*\]|[^:/?]*)(:([0-9]+))?([/?].*)?$'
  [[ "$url" =~ $re ]] || die "REDIS_URL is not a redis:// URL: $url"
  REDIS_SCHEME="${BASH_REMATCH[1]}"
  REDIS_HOST="${BASH_REMATCH[3]}"
  REDIS_PORT="${BASH_REMATCH[5]:-6379}"
  REDIS_HOST="${REDIS_HOST#[}"
  REDIS_HOST="${REDIS_HOST%]}"
  REDIS_HOST="${REDIS_HOST:-127.0.0.1}"
}

is_loopback_host() {
  case "$1" in
    localhost | 127.* | ::1) return 0 ;;
    *) return 1 ;;
  esac
}

# redis_answers HOST PORT — true when something speaking the Redis protocol answers there.
# A Redis that wants a password replies NOAUTH to an anonymous PING: it is there, and the
# credentials in REDIS_URL are the service's business, so that counts as answering.
redis_answers() {
  local host="$1" port="$2" reply
  if command -v redis-cli >/dev/null 2>&1; then
    reply="$(timeout 3 redis-cli -h "$host" -p "$port" ping 2>&1 || true)"
  else
    # No redis-cli (it comes with redis-server, which the machine may not have): speak
    # RESP by hand over bash's /dev/tcp. `timeout` bounds a connect that would hang.
    # shellcheck disable=SC2016 # $1/$2 expand in the inner bash, on purpose
    reply="$(timeout 3 bash -c '
      exec 3<>"/dev/tcp/$1/$2" || exit 1
      printf "PING\r\n" >&3
      IFS= read -r line <&3 && printf "%s\n" "$line"
    ' _ "$host" "$port" 2>/dev/null || true)"
  fi
  [[ "$reply" == *PONG* || "$reply" == *NOAUTH* ]]
}

# find_redis_server — print the redis-server to use; REDIS_SERVER_BIN wins when it is set.
find_redis_server() {
  if [[ -n "${REDIS_SERVER_BIN:-}" && -x "$REDIS_SERVER_BIN" ]]; then
    printf '%s\n' "$REDIS_SERVER_BIN"
  else
    command -v redis-server 2>/dev/null
  fi
}

# ensure_redis_server_installed — install redis-server when missing (root + apt only),
# then export REDIS_SERVER_BIN for the tests' private servers.
ensure_redis_server_installed() {
  local bin
  if ! bin="$(find_redis_server)"; then
    if can_apt_install; then
      # Debian's package also ships redis-cli, which we then use for health checks.
      apt_install redis-server || die "apt-get install redis-server failed"
      hash -r
      bin="$(find_redis_server)" || die "redis-server still not found after installing it"
    else
      die "redis-server is not installed and this script cannot install it (needs root and apt-get).
         Install it yourself, e.g.: sudo apt-get install redis-server
         (or set REDIS_SERVER_BIN to a redis-server binary)."
    fi
  fi
  export REDIS_SERVER_BIN="$bin"
}

# ensure_redis — make sure REDIS_URL (default redis://127.0.0.1:6379) answers.
ensure_redis() {
  local url="${REDIS_URL:-$PWRESET_DEFAULT_REDIS_URL}" bin
  parse_redis_url "$url"

  if redis_answers "$REDIS_HOST" "$REDIS_PORT"; then
    describe_running_redis "$url"
    log "$PWRESET_REDIS_IN_USE"
    # Still export the binary when there is one: handy, and costs nothing.
    if bin="$(find_redis_server)"; then export REDIS_SERVER_BIN="$bin"; fi
    return 0
  fi

  if ! is_loopback_host "$REDIS_HOST"; then
    die "nothing answers PING at $REDIS_HOST:$REDIS_PORT (from REDIS_URL).
         Start that Redis, or unset REDIS_URL to use a local one on 127.0.0.1:6379."
  fi
  if [[ "$REDIS_SCHEME" == rediss ]]; then
    die "REDIS_URL asks for TLS (rediss://) on this machine, but nothing answers at $REDIS_HOST:$REDIS_PORT.
         This script only starts plain local Redis: use redis://127.0.0.1:$REDIS_PORT, or start a TLS Redis yourself."
  fi

  if ! find_redis_server >/dev/null; then
    if can_apt_install; then
      apt_install redis-server || die "apt-get install redis-server failed"
      hash -r
      # Debian's package may start its own service on 6379 as it installs; if that is
      # the port we want, there is nothing left to do.
      if redis_answers "$REDIS_HOST" "$REDIS_PORT"; then
        PWRESET_REDIS_IN_USE="Redis: Debian's redis-server service on $REDIS_HOST:$REDIS_PORT, started as it was installed (a system service: this script will not stop it)"
        log "$PWRESET_REDIS_IN_USE"
        bin="$(find_redis_server)" && export REDIS_SERVER_BIN="$bin"
        return 0
      fi
    else
      die "no Redis answers at $REDIS_HOST:$REDIS_PORT and redis-server is not installed.
         Either install it (e.g.: sudo apt-get install redis-server) and run this again,
         or set REDIS_URL to a Redis you can reach, e.g. REDIS_URL=redis://host:6379."
    fi
  fi

  bin="$(find_redis_server)" || die "redis-server not found"
  export REDIS_SERVER_BIN="$bin"
  start_local_redis "$bin" "$REDIS_PORT"
}

# started_redis_pid PORT — the pid of a redis-server that an earlier run of this script started on
# PORT and that still runs (its pidfile under var/ names a live redis-server), else nothing.
started_redis_pid() {
  local pidfile="$PWRESET_VAR/redis-$1.pid" pid
  [[ -r "$pidfile" ]] || return 1
  pid="$(cat "$pidfile")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  # Its title is "redis-server 127.0.0.1:PORT" (NULs read as spaces): a reused pid, or one on another port, is not ours.
  [[ "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" == *redis-server*":$1 "* ]] || return 1
  printf '%s\n' "$pid"
}

# describe_running_redis URL — sets PWRESET_REDIS_IN_USE for a Redis that already answered. Only a
# Redis this script started itself is offered a stop command: anyone else's is not ours to stop.
describe_running_redis() {
  local url="$1" shown
  shown="$(redact_redis_url "$url")"
  if is_loopback_host "$REDIS_HOST" && started_redis_pid "$REDIS_PORT" >/dev/null; then
    PWRESET_REDIS_IN_USE="Redis: the local redis-server an earlier run of scripts/run.sh started on 127.0.0.1:$REDIS_PORT ($(local_redis_keeps "$REDIS_PORT"); stop it with: redis-cli -p $REDIS_PORT shutdown)"
  else
    PWRESET_REDIS_IN_USE="Redis: the one already answering at REDIS_URL ($shown); this script did not start it and will not stop it"
  fi
}

# redact_redis_url URL — the URL without its password, fit for a log line.
redact_redis_url() {
  local url="$1"
  printf '%s\n' "$url" | sed -E 's#^(rediss?://)[^@/]*@#\1***@#'
}

# local_redis_keeps PORT — what the local Redis on PORT keeps on disk, in a few words: one an
# older run.sh started kept nothing, and left no append-only file of its port behind.
local_redis_keeps() {
  if compgen -G "$PWRESET_VAR/redis/appendonly-$1.aof*" >/dev/null ||
    compgen -G "$PWRESET_VAR/redis/appendonlydir/appendonly-$1.aof*" >/dev/null; then
    printf 'keeps an append-only file in %s\n' "$PWRESET_VAR/redis"
  else
    printf 'keeps nothing on disk\n'
  fi
}

# start_local_redis BIN PORT — a dev Redis: loopback only, daemonized so it outlives this script
# and the server can be restarted against it. It keeps an append-only file (fsync every second)
# under <repo>/var/redis, so the demo's clients, users and queued mail survive a Redis restart
# (see the README's "Running Redis in production"); no RDB snapshots. Its log and pidfile are in <repo>/var.
start_local_redis() {
  local bin="$1" port="$2"
  local logfile="$PWRESET_VAR/redis-$port.log"
  mkdir -p "$PWRESET_VAR/redis"
  log "starting a local redis-server on 127.0.0.1:$port (data: $PWRESET_VAR/redis, log: $logfile)"
  # "-::1": also listen on IPv6 loopback when the machine has it ("-" = skip if it can't),
  # because Node may resolve "localhost" to ::1 first. The AOF is named by port, so two demo
  # Redis on two ports never share one (Redis 7 puts it in var/redis/appendonlydir/, 6 in var/redis/).
  "$bin" --port "$port" --bind 127.0.0.1 -::1 \
    --save '' --appendonly yes --appendfsync everysec --appendfilename "appendonly-$port.aof" \
    --daemonize yes --pidfile "$PWRESET_VAR/redis-$port.pid" \
    --logfile "$logfile" --dir "$PWRESET_VAR/redis" ||
    die "redis-server failed to start; see $logfile"

  # Daemonizing returns before the server listens: wait for it, but not forever.
  local i
  for ((i = 0; i < 50; i++)); do
    if redis_answers 127.0.0.1 "$port"; then
      PWRESET_REDIS_IN_USE="Redis: a local redis-server this script started on 127.0.0.1:$port (keeps an append-only file in $PWRESET_VAR/redis; stop it with: redis-cli -p $port shutdown)"
      log "$PWRESET_REDIS_IN_USE"
      return 0
    fi
    sleep 0.2
  done
  log "last lines of $logfile:"
  tail -n 20 "$logfile" >&2 || true
  die "redis-server did not answer PING on 127.0.0.1:$port within 10 s"
}
