#!/usr/bin/env bash
# Starts both launchers of the Linux app image built by packaging/build.sh, without a display:
#   the console with --version and --self-test DB, the CLI with status --json.
# Then installs the .deb the way a user would (apt, which resolves its dependencies), runs both
# commands from PATH, removes the package and checks that they are gone. Needs root for apt;
# SMOKE_DEB=0 leaves the package out (then this script says so in its last line).
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
grep -Eq 'at version ([0-9]+) \(latest \1\), up to date; runs: 4; checks passed' "$work/self-test"

echo "+ runstore status --json"
"$cli" --db "$work/smoke.db" status --json | tee "$work/status.json"
grep -q '"up_to_date":true' "$work/status.json"

echo "smoke: both launchers of the app image work ($(du -sh "$image" | cut -f1) app image)"

if [ "${SMOKE_DEB:-1}" = 0 ]; then
  echo "smoke: the .deb was NOT installed (SMOKE_DEB=0)"
  exit 0
fi
deb=$(ls "$root"/packaging/target/deb/runstore-console_*_amd64.deb)
if [ "$(id -u)" != 0 ]; then
  echo "error: installing $deb needs root (apt); run as root, or set SMOKE_DEB=0 to check the app image only" >&2
  exit 2
fi
if dpkg-query -W -f='${Status}' runstore-console 2>/dev/null | grep -q 'ok installed'; then
  echo "error: runstore-console is already installed; remove it first (apt remove runstore-console)" >&2
  exit 2
fi
echo "+ apt-get install $deb"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb" >"$work/apt.log" 2>&1 \
  || { cat "$work/apt.log" >&2; exit 1; }
trap 'DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq runstore-console >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
echo "+ runstore --version (from PATH: $(command -v runstore))"
(cd "$work" && env PATH=/usr/bin:/bin runstore --version | tee "$work/cli-version")
grep -q '^runstore ' "$work/cli-version"
(cd "$work" && env PATH=/usr/bin:/bin runstore --db "$work/installed.db" demo --runs 2 --events-per-run 5 >/dev/null)
echo "+ runstore-console --version (from PATH)"
env PATH=/usr/bin:/bin runstore-console --version | grep -q '^runstore console '
echo "+ apt-get purge runstore-console"
DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq runstore-console >"$work/apt.log" 2>&1 \
  || { cat "$work/apt.log" >&2; exit 1; }
for command in runstore runstore-console; do
  if [ -e "/usr/bin/$command" ] || [ -L "/usr/bin/$command" ]; then
    echo "error: /usr/bin/$command is still there after the package was removed" >&2
    exit 1
  fi
done
[ ! -e /opt/runstore-console ] || { echo "error: /opt/runstore-console is still there after removal" >&2; exit 1; }
echo "smoke: the .deb installs runstore and runstore-console on PATH and removes them again"
