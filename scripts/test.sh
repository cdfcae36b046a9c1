#!/usr/bin/env bash
# `npm test`: every check and test of the project, in the order a failure is cheapest to find.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -d node_modules/.bin ] || npm ci --no-audit --no-fund
bash scripts/ensure-chromium.sh
# shellcheck source=scripts/ensure-postgres.sh
source scripts/ensure-postgres.sh

echo "== typecheck"; npx tsc --noEmit
echo "== lint"; npx eslint . --max-warnings 0 && npx prettier --check . --log-level warn
echo "== unit and repository tests (SQLite file and PostgreSQL)"; npx vitest run
echo "== build"; npm run build
echo "== API and browser tests against next start"; npx playwright test
