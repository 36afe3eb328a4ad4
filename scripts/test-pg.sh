#!/usr/bin/env bash
# Runs the database-backed tests (unit project: API and use-cases) against a local PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
TEST_POSTGRES_URL=$(bash scripts/pg-local.sh start)
export TEST_POSTGRES_URL
exec npx vitest run --project unit "$@"
