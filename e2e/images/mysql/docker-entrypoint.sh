#!/bin/bash
# The mysql image's docker-entrypoint.sh, for MariaDB. Like the image's, for `mysqld` it
# initializes an empty data directory, sets the root password from MYSQL_ROOT_PASSWORD
# for 'root'@'localhost' and 'root'@'%', and then runs the server; other commands run as
# given. MariaDB reads the image's /etc/my.cnf and the files of /etc/mysql/conf.d (in
# name order, as !includedir does) from one file the server is started with, in which the
# options MySQL has and MariaDB does not (GTIDs are always on in MariaDB) carry MariaDB's
# `loose-` prefix, so that MariaDB logs them as unknown instead of refusing to start.
set -euo pipefail
if [[ "${1:-}" != mysqld ]]; then
  exec "$@"
fi
shift

mysql_only='gtid[-_]mode|enforce[-_]gtid[-_]consistency'
cnf=/var/run/mysqld/mariadb.cnf
{
  grep -v '^!includedir' /etc/my.cnf
  for f in /etc/mysql/conf.d/*.cnf; do
    [[ -f "$f" ]] || continue
    echo "# $f"
    sed -E "s/^[[:space:]]*(${mysql_only})[[:space:]]*(=|\$)/loose-\\1\\2/" "$f"
  done
} > "$cnf"

if [[ ! -d /var/lib/mysql/mysql ]]; then
  if [[ -z "${MYSQL_ROOT_PASSWORD:-}" ]]; then
    echo 'database is uninitialized and MYSQL_ROOT_PASSWORD is not set' >&2
    exit 1
  fi
  echo 'initializing the data directory'
  # As the image's initialization, as the container's user: no `user` to change files to.
  mariadb-install-db --defaults-file="$cnf" --user= --auth-root-authentication-method=normal --skip-test-db > /dev/null
  socket=/var/run/mysqld/init.sock
  mariadbd --defaults-file="$cnf" --skip-networking --socket="$socket" &
  pid=$!
  for _ in $(seq 120); do
    mariadb-admin --socket="$socket" -uroot ping --silent 2> /dev/null && break
    sleep 0.5
  done
  password=${MYSQL_ROOT_PASSWORD//\\/\\\\}
  password=${password//\'/\\\'}
  mariadb --socket="$socket" -uroot <<SQL
SET @@SESSION.SQL_LOG_BIN=0;
ALTER USER 'root'@'localhost' IDENTIFIED BY '${password}';
CREATE USER 'root'@'%' IDENTIFIED BY '${password}';
GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION;
SQL
  kill "$pid"
  wait "$pid"
  echo 'data directory initialized'
fi
exec mariadbd --defaults-file="$cnf" "$@"
