# shellcheck shell=bash
# PostgreSQL and MariaDB for the SQL user-directory tests. Sourced, never executed.
#
#   ensure_sql_servers   make PostgreSQL answer on 127.0.0.1:5432 (user postgres, trust auth) and
#                        MariaDB on 127.0.0.1:3306 (root, no password), as this kind of machine has
#                        them before a session starts (README, "Run it; test it"): start a stopped one, install a
#                        missing one from Debian's packages, then wait until each accepts connections.
#
# Never stops, reconfigures or touches the data of a server that is already there; the tests create
# and drop databases of their own, with random names. Only a server this script installed itself gets
# the test machine's authentication (trust on loopback / a passwordless root). Not fatal: when a server
# cannot be had, the SQL tests say so themselves, and every other test still runs and is counted.

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

SQL_SERVERS_WAIT_SECONDS=60

postgres_answers() {
  command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p 5432 -t 3
}

mariadb_answers() {
  command -v mariadb-admin >/dev/null 2>&1 &&
    timeout 5 mariadb-admin --protocol=tcp -h 127.0.0.1 -P 3306 -u root --connect-timeout=3 ping >/dev/null 2>&1
}

# wait_until NAME CHECK — poll CHECK once a second until it succeeds or the wait is over.
wait_until() {
  local name="$1" check="$2" waited=0
  until "$check"; do
    if ((waited >= SQL_SERVERS_WAIT_SECONDS)); then
      log "WARNING: $name does not accept connections after ${SQL_SERVERS_WAIT_SECONDS}s; the SQL directory tests will fail"
      return 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
}

# The newest cluster version under /etc/postgresql (Debian's layout: /etc/postgresql/<version>/main).
postgres_cluster_version() {
  find /etc/postgresql -mindepth 1 -maxdepth 1 -type d -printf '%f\n' 2>/dev/null | sort -V | tail -n 1
}

# Trust on loopback, as the test machines have it, for a cluster this script just installed.
configure_installed_postgres() {
  local hba="/etc/postgresql/$1/main/pg_hba.conf"
  [[ -f "$hba" ]] || return 0
  local original
  original="$(cat "$hba")"
  printf '# Added by scripts/lib/ensure-sql-servers.sh: the test machine trusts loopback.\nlocal all all trust\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n%s\n' \
    "$original" >"$hba"
}

ensure_postgres() {
  postgres_answers && return 0
  local installed_now=""
  if [[ -z "$(postgres_cluster_version)" ]] || ! command -v pg_ctlcluster >/dev/null 2>&1; then
    if ! can_apt_install; then
      log "WARNING: PostgreSQL is missing (install it: apt-get install postgresql); the SQL directory tests will fail"
      return 0
    fi
    apt_install postgresql || {
      log "WARNING: could not install postgresql; the SQL directory tests will fail"
      return 0
    }
    installed_now=1
  fi
  local version
  version="$(postgres_cluster_version)"
  [[ -n "$installed_now" ]] && configure_installed_postgres "$version"
  log "starting PostgreSQL $version"
  # Fails harmlessly when the cluster runs already (say, one that answers only after a moment).
  pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 || true
  # A package's install script may have started it before its pg_hba.conf was ours.
  [[ -n "$installed_now" ]] && { pg_ctlcluster --skip-systemctl-redirect "$version" main reload >&2 || true; }
  wait_until PostgreSQL postgres_answers || return 0
}

# A passwordless root over TCP, as the test machines have it, for a server this script just installed.
configure_installed_mariadb() {
  mariadb -u root <<'SQL' || log "WARNING: could not give MariaDB's root a passwordless TCP login"
ALTER USER 'root'@'localhost' IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD('');
CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '';
GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
SQL
}

ensure_mariadb() {
  mariadb_answers && return 0
  local installed_now=""
  if [[ ! -x /usr/sbin/mariadbd ]]; then
    if ! can_apt_install; then
      log "WARNING: MariaDB is missing (install it: apt-get install mariadb-server); the SQL directory tests will fail"
      return 0
    fi
    apt_install mariadb-server || {
      log "WARNING: could not install mariadb-server; the SQL directory tests will fail"
      return 0
    }
    installed_now=1
  fi
  log "starting MariaDB"
  # Its socket and pid file live in /run/mysqld, which does not survive a reboot.
  install -d -o mysql -g mysql /run/mysqld 2>/dev/null || true
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql >&2 || true
  wait_until MariaDB mariadb_answers_or_socket || return 0
  [[ -n "$installed_now" ]] && configure_installed_mariadb
  wait_until MariaDB mariadb_answers || return 0
}

# A fresh install's root logs in over the socket only, until configure_installed_mariadb.
mariadb_answers_or_socket() {
  mariadb_answers || timeout 5 mariadb-admin -u root --connect-timeout=3 ping >/dev/null 2>&1
}

ensure_sql_servers() {
  ensure_postgres
  ensure_mariadb
}
