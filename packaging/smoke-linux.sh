#!/usr/bin/env bash
# Starts both launchers of the Linux app image built by packaging/build.sh, without a display:
#   the console with --version and --self-test DB, the CLI with status --json.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
image="$root/packaging/target/app-image/runstore console"
console="$image/bin/runstore console"
cli="$image/bin/runstore"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "+ runstore console --version"
"$console" --version | tee "$work/version"
grep -q '^runstore console ' "$work/version"

echo "+ runstore demo (through the installed CLI launcher)"
"$cli" --db "$work/smoke.db" demo --runs 4 --events-per-run 20

echo "+ runstore console --self-test"
"$console" --self-test "$work/smoke.db" | tee "$work/self-test"
grep -q 'at version 2 (latest 2), up to date; runs: 4; checks passed' "$work/self-test"

echo "+ runstore status --json"
"$cli" --db "$work/smoke.db" status --json | tee "$work/status.json"
grep -q '"up_to_date":true' "$work/status.json"

echo "smoke: both launchers of the app image work ($(du -sh "$image" | cut -f1) app image)"
