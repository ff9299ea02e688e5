#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the tests: 127.0.0.1, a non-default port, data in a temp
# folder, run as the postgres user (initdb refuses root). Source it; it exports
# RUNSTORE_TEST_PG_URL (superuser postgres, trust), RUNSTORE_TEST_PG_PASSWORD_URL (role runstore_pw,
# which must log in with a scram-sha-256 password, so a wrong one is refused) and RUNSTORE_TEST_PG_BIN
# (the server's binaries, for tests that run a private server), and stops the server when the
# sourcing shell exits.
#   source .ci/postgres.sh
set -euo pipefail
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pg_bin" ]; then
  echo ".ci/postgres.sh: PostgreSQL is not installed (apt-get install postgresql)" >&2
  return 1 2>/dev/null || exit 1
fi
PG_TEST_PORT=${PG_TEST_PORT:-54329}
PG_TEST_DIR=$(mktemp -d /tmp/runstore-pg.XXXXXX)
chown postgres "$PG_TEST_DIR"
su postgres -s /bin/sh -c "$pg_bin/initdb -D '$PG_TEST_DIR/data' -A trust -U postgres --no-sync -E UTF8 >'$PG_TEST_DIR/initdb.log'"
su postgres -s /bin/sh -c "$pg_bin/pg_ctl -D '$PG_TEST_DIR/data' -l '$PG_TEST_DIR/server.log' -w \
  -o \"-p $PG_TEST_PORT -c listen_addresses=127.0.0.1 -k '$PG_TEST_DIR' -c fsync=off -c max_connections=200\" start >/dev/null"
# A password-checked role: the hba line must come before initdb's trust lines (first match wins).
PG_TEST_PASSWORD=runstore-test-pw
"$pg_bin/psql" -q -h 127.0.0.1 -p "$PG_TEST_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
  -c "CREATE ROLE runstore_pw LOGIN PASSWORD '$PG_TEST_PASSWORD'"
hba="$PG_TEST_DIR/data/pg_hba.conf"
{ echo "host all runstore_pw 127.0.0.1/32 scram-sha-256"; cat "$hba"; } >"$hba.new"
chown postgres "$hba.new"
chmod 600 "$hba.new"
mv "$hba.new" "$hba"
su postgres -s /bin/sh -c "$pg_bin/pg_ctl -D '$PG_TEST_DIR/data' reload >/dev/null"
stop_test_postgres() {
  su postgres -s /bin/sh -c "$pg_bin/pg_ctl -D '$PG_TEST_DIR/data' -m immediate stop >/dev/null 2>&1" || true
  rm -rf "$PG_TEST_DIR"
}
trap stop_test_postgres EXIT
export RUNSTORE_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$PG_TEST_PORT/postgres?user=postgres"
export RUNSTORE_TEST_PG_PASSWORD_URL="jdbc:postgresql://127.0.0.1:$PG_TEST_PORT/postgres?user=runstore_pw&password=$PG_TEST_PASSWORD"
export RUNSTORE_TEST_PG_BIN="$pg_bin"
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') for the tests at $RUNSTORE_TEST_PG_URL"
