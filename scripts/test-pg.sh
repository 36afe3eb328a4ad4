#!/usr/bin/env bash
# Runs the database-backed tests against a local PostgreSQL: the unit-project files that reach the database, as
# scripts/pg-test-selection.ts decides from their imports (planner, schema and infra tests run the same on any
# database and stay on SQLite). Files given as arguments are run instead.
set -euo pipefail
cd "$(dirname "$0")/.."
TEST_POSTGRES_URL=$(bash scripts/pg-local.sh start)
export TEST_POSTGRES_URL
if [ $# -gt 0 ]; then
  exec npx vitest run --project unit "$@"
fi
mapfile -t files < <(npx tsx scripts/pg-test-selection.ts)
[ ${#files[@]} -gt 0 ] || { echo "scripts/pg-test-selection.ts selected no test file" >&2; exit 1; }
echo "PostgreSQL pass: ${#files[@]} test files that reach the database (scripts/pg-test-selection.ts)"
exec npx vitest run --project unit "${files[@]}"
