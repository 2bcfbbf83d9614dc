#!/usr/bin/env bash
# npm test: every check the project has, in the order CI runs them.
set -euo pipefail

cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

CHROMIUM=/usr/bin/chromium
if [[ ! -x "$CHROMIUM" ]]; then
  if [[ "$(id -u)" -eq 0 ]]; then
    echo "==> Installing Debian's chromium for the end-to-end tests"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is missing: run 'sudo apt-get install -y chromium', then npm test again." >&2
    exit 1
  fi
fi

STAGES=(
  "Type check|npm run typecheck"
  "Lint|npm run lint"
  "Unit tests|npm run test:unit"
  "Integration tests|npm run test:integration"
  "Production build|node_modules/.bin/next build"
  "End-to-end tests|npm run test:e2e"
)

total=${#STAGES[@]}
started=$SECONDS
i=0
for stage in "${STAGES[@]}"; do
  i=$((i + 1))
  name=${stage%%|*}
  cmd=${stage#*|}
  echo
  echo "================================================================"
  echo "==> [$i/$total] $name: $cmd"
  echo "================================================================"
  stage_started=$SECONDS
  if ! $cmd; then
    echo
    echo "FAILED at stage $i/$total ($name) after $((SECONDS - stage_started)) s" >&2
    exit 1
  fi
  echo "--> $name passed in $((SECONDS - stage_started)) s"
done

echo
echo "All $total stages passed in $((SECONDS - started)) s"
