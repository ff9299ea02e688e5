#!/usr/bin/env bash
# Mounts a small (64 MiB) tmpfs for the full-disk tests and exports RUNSTORE_TEST_FULL_FS; the
# tests fill it to see what runstore does when a write finds no space. Source it (as root);
# stop_full_disk unmounts it. Not smaller: after freeing the space, a test ingests its 8 MB of
# events again, and the WAL beside the database may grow up to the writer's backstop, about 40 MB
# (docs/hardening.md "The WAL's size"); at 16 MiB that retry failed whenever the WAL happened to
# grow past 9 MB before SQLite started it over.
#   source .ci/full-disk.sh
set -euo pipefail
FULL_DISK_DIR=$(mktemp -d /tmp/runstore-full-disk.XXXXXX)
if ! mount -t tmpfs -o size=64m,mode=1777 tmpfs "$FULL_DISK_DIR"; then
  echo ".ci/full-disk.sh: cannot mount a tmpfs at $FULL_DISK_DIR (needs root); the full-disk tests need it" >&2
  rmdir "$FULL_DISK_DIR"
  return 1 2>/dev/null || exit 1
fi
stop_full_disk() {
  umount "$FULL_DISK_DIR" 2>/dev/null || true
  rmdir "$FULL_DISK_DIR" 2>/dev/null || true
}
export RUNSTORE_TEST_FULL_FS="$FULL_DISK_DIR"
echo "a 64 MiB file system for the full-disk tests at $RUNSTORE_TEST_FULL_FS"
