#!/usr/bin/env bash
# `npm test`: every check and test of the project, in the order a failure is cheapest to find.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -d node_modules/.bin ] || npm ci --no-audit --no-fund
bash scripts/ensure-chromium.sh
# shellcheck source=scripts/ensure-postgres.sh
source scripts/ensure-postgres.sh

# Each step says how long it took, and the last line the whole run (the README's figures).
step() {
  local name="$1" start=$SECONDS
  shift
  echo "== $name"
  "$@"
  echo "== $name: $((SECONDS - start)) s"
}

step "typecheck" npx tsc --noEmit
step "lint" sh -c "npx eslint . --max-warnings 0 && npx prettier --check . --log-level warn"
step "unit and repository tests (SQLite file and PostgreSQL)" npx vitest run
step "full proofs (the whole answer space, every seeded PDF)" \
  npx vitest run --config vitest.full.config.ts
step "build" npm run build
step "API and browser tests against next start" npx playwright test
echo "== npm test: $SECONDS s"
