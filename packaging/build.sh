#!/usr/bin/env bash
# Builds the "runstore console" installer for one OS from the Maven build, the standard way:
#   jdeps (which JDK modules the app needs) -> jlink (a runtime with only those, JavaFX included)
#   -> jpackage (app image / installer with two launchers: the console and the `runstore` CLI).
#
# Usage:  packaging/build.sh linux   [app-image] [deb]    (default: app-image deb)
#         packaging/build.sh windows [app-image] [msi]    (default: msi; needs WiX 3 on PATH)
#         packaging/build.sh macos   [app-image] [dmg]    (default: dmg)
# Output: packaging/target/<type>/…   Set SKIP_MAVEN=1 to reuse an existing `mvn package`.
set -euo pipefail

os=${1:?usage: packaging/build.sh linux|windows|macos [types...]}
shift
case "$os" in
  linux) types=("${@:-app-image}"); [ $# -gt 0 ] || types=(app-image deb); fx_os=linux ;;
  windows) types=("${@:-msi}"); fx_os=win ;;
  macos) types=("${@:-dmg}"); fx_os=mac ;;
  *) echo "error: unknown OS '$os'; use linux, windows or macos" >&2; exit 2 ;;
esac

root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/packaging/target"
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
for tool in jdeps jlink jpackage; do
  [ -x "$java_home/bin/$tool" ] || { echo "error: $tool not found in $java_home/bin; set JAVA_HOME to a JDK 17+" >&2; exit 2; }
done
[ -d "$java_home/jmods" ] || { echo "error: $java_home/jmods is missing; install the JDK's jmods (Debian: openjdk-17-jmods)" >&2; exit 2; }

# The POM's version, mapped to the numeric form installers require: 0.1.0-SNAPSHOT -> 0.1.0.
# macOS refuses a first component of 0, so there 0.x.y becomes 1.x.y (documented in packaging/README.md).
pom_version=$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml")
app_version=${pom_version%%-*}
if [ "$os" = macos ] && [ "${app_version%%.*}" = 0 ]; then
  app_version="1.${app_version#*.}"
fi

started=$(date +%s)
if [ "${SKIP_MAVEN:-0}" != 1 ]; then
  (cd "$root" && mvn -B -q -DskipTests package)
fi

# The class path comes from the reactor build (desktop/target/deps, copied in its package phase),
# never from ~/.m2: a separate `mvn -pl desktop dependency:copy-dependencies` would look for
# runstore-core there, missing on a fresh machine and stale on an old one.
deps="$root/desktop/target/deps"
core_jar=$(ls "$root"/core/target/runstore-core-*.jar 2>/dev/null | grep -v -e '-sources' -e '-cli' | head -n 1 || true)
if [ ! -d "$deps" ] || [ -z "$core_jar" ]; then
  echo "error: $deps or core/target/runstore-core-*.jar is missing; run 'mvn -B package' (or drop SKIP_MAVEN=1)" >&2
  exit 2
fi
if ! cmp -s "$core_jar" "$deps/$(basename "$core_jar")"; then
  echo "error: $deps/$(basename "$core_jar") is not the jar this build made ($core_jar)" >&2
  echo "hint: rebuild both modules together: mvn -B -DskipTests package" >&2
  exit 2
fi

rm -rf "$out"
mkdir -p "$out/input" "$out/javafx"
# JavaFX goes into the runtime as modules: only this OS's javafx-*-<os>.jar, never the empty
# platform-less jars. Everything else is the app's class path.
for jar in "$deps"/*.jar; do
  name=$(basename "$jar")
  case "$name" in
    javafx-*-"$fx_os".jar) cp "$jar" "$out/javafx/" ;;
    javafx-*) ;;
    *) cp "$jar" "$out/input/" ;;
  esac
done
desktop_jar=$(ls "$root"/desktop/target/runstore-desktop-*.jar | grep -v -- '-sources' | head -n 1)
cp "$desktop_jar" "$out/input/runstore-desktop.jar"

# jdeps names the JDK modules the app's own code and libraries use. ALL-DEFAULT would silently
# leave out java.sql, which sqlite-jdbc, Jdbi and Flyway need.
modules=$("$java_home/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 17 \
  --module-path "$out/javafx" "$out"/input/*.jar | tail -n 1)
# jdk.zipfs: Flyway reads migrations from inside jars; jdk.crypto.ec: TLS for PostgreSQL URLs.
modules="$modules,javafx.controls,javafx.fxml,jdk.zipfs,jdk.crypto.ec"
echo "jlink modules: $modules"
"$java_home/bin/jlink" --module-path "$java_home/jmods${PATHSEP:-:}$out/javafx" --add-modules "$modules" \
  --strip-debug --no-header-files --no-man-pages --compress=2 --output "$out/runtime"

icon_args=()
case "$os" in
  linux) icon_args=(--icon "$root/packaging/icons/runstore.png") ;;
  windows) icon_args=(--icon "$root/packaging/icons/runstore.ico") ;;
  macos)
    iconset="$out/runstore.iconset"
    mkdir -p "$iconset"
    for size in 16 32 128 256; do
      sips -z $size $size "$root/packaging/icons/runstore.png" --out "$iconset/icon_${size}x${size}.png" >/dev/null
    done
    iconutil -c icns "$iconset" -o "$out/runstore.icns"
    icon_args=(--icon "$out/runstore.icns") ;;
esac

# The second launcher: the headless CLI, from the same install.
cat > "$out/runstore-cli.properties" <<PROPS
main-class=dev.runstore.core.cli.RunstoreCli
description=runstore command-line tool
linux-shortcut=false
win-shortcut=false
win-menu=false
PROPS
if [ "$os" = windows ]; then echo "win-console=true" >> "$out/runstore-cli.properties"; fi

common=(--name "runstore console" --app-version "$app_version" --vendor "runstore"
  --description "Admin console for runstore databases"
  --copyright "runstore authors"
  --input "$out/input" --main-jar runstore-desktop.jar --main-class dev.runstore.desktop.app.Launcher
  --runtime-image "$out/runtime" --add-launcher "runstore=$out/runstore-cli.properties"
  --java-options "-Dfile.encoding=UTF-8" "${icon_args[@]}")
for type in "${types[@]}"; do
  dest="$out/$type"
  mkdir -p "$dest"
  extra=()
  case "$type" in
    deb)
      # postinst/prerm of packaging/linux put `runstore` and `runstore-console` on PATH (/usr/bin
      # links to the launchers in /opt/runstore-console/bin) and take them away on removal.
      resources="$out/deb-resources"
      mkdir -p "$resources"
      for script in postinst prerm; do
        sed "s:@BIN_DIR@:/opt/runstore-console/bin:g" "$root/packaging/linux/$script" > "$resources/$script"
      done
      extra=(--linux-package-name runstore-console --install-dir /opt --resource-dir "$resources"
           --linux-package-deps libgtk-3-0 --linux-menu-group Development
           --linux-app-category devel --linux-shortcut --linux-deb-maintainer "runstore@users.noreply.github.com") ;;
    msi) extra=(--win-menu --win-menu-group runstore --win-shortcut --win-dir-chooser
           --win-upgrade-uuid 6f1c4b4e-4f0a-4d7e-9a55-0b8b8d6c1e21) ;;
    dmg) extra=(--mac-package-name "runstore console" --mac-package-identifier dev.runstore.console) ;;
  esac
  echo "jpackage --type $type"
  "$java_home/bin/jpackage" --type "$type" --dest "$dest" "${common[@]}" "${extra[@]}"
done

echo "built in $(( $(date +%s) - started )) s:"
du -sh "$out/runtime" "$out"/*/ 2>/dev/null | grep -v -e '/input/' -e '/javafx/' || true
find "$out" -maxdepth 2 -name '*.deb' -o -maxdepth 2 -name '*.msi' -o -maxdepth 2 -name '*.dmg' | xargs -r ls -la
