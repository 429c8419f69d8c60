#!/usr/bin/env bash
# Set up everything the tests need on a fresh Debian machine, then run the whole suite twice:
# on SQLite, and on a throw-away PostgreSQL database. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
[ -x /usr/lib/chromium/chromium-headless-shell ] || need_apt+=(chromium-headless-shell)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need_apt+=(fonts-noto-cjk)
command -v pg_ctlcluster >/dev/null || need_apt+=(postgresql)
command -v wrk >/dev/null || need_apt+=(wrk)
command -v redis-server >/dev/null || need_apt+=(redis-server)
if [ ${#need_apt[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e '.[test]'

# PostgreSQL: start the local cluster if it is down, then make a fresh database for this run (each
# worker makes and drops its own beside it: <name>_gw0, <name>_gw1).
pg_ready() { pg_isready -h 127.0.0.1 -p 5432 -q; }
if ! pg_ready; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  for _ in $(seq 1 30); do pg_ready && break; sleep 1; done
fi
# Redis: rate limits and live games across processes (tests/test_server_groups.py) use the local one.
if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 >/dev/null
  for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.2; done
fi
pg_db="quiz_test_$$"
psql_admin() { psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q "$@"; }
cleanup() { psql_admin -c "DROP DATABASE IF EXISTS $pg_db" >/dev/null 2>&1 || true; }
trap cleanup EXIT

echo "== ruff and mypy on quiz/ =="
bash scripts/lint.sh

# Two workers (the machines have two cores), each with its own database (tests/conftest.py); extra
# arguments come after, so `-n 0` runs in one process. worksteal: an idle worker takes queued tests
# from the busy one, so a few long tests (kill -9, browser journeys) no longer end on one worker
# while the other waits (the issue's 303 tests: 41 s against 54 s with --dist load, same run).
parallel=(-n 2 --dist worksteal)

echo "== tests on SQLite =="
.venv/bin/python -m pytest "${parallel[@]}" "$@"

echo "== tests on PostgreSQL ($pg_db) =="
psql_admin -c "CREATE DATABASE $pg_db"
# The generator tests touch no database; everything else runs again on PostgreSQL.
TEST_DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:5432/$pg_db" \
  .venv/bin/python -m pytest "${parallel[@]}" --ignore=tests/generator "$@"
