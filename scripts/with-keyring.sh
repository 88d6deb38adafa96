#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring (Secret Service)
# and a temporary HOME, so keytar can be tested against a real keychain without touching yours.
# Usage: bash scripts/with-keyring.sh <command> [args...]
set -euo pipefail

for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "with-keyring.sh: $tool not found; install it with: sudo apt-get install libsecret-1-dev gnome-keyring dbus-x11" >&2
    exit 127
  fi
done
if [ "$#" -eq 0 ]; then
  echo "with-keyring.sh: usage: bash scripts/with-keyring.sh <command> [args...]" >&2
  exit 2
fi

exec dbus-run-session -- sh -c '
  set -u
  keyring_home=$(mktemp -d "${TMPDIR:-/tmp}/with-keyring.XXXXXX")
  runtime_dir=$(mktemp -d "${TMPDIR:-/tmp}/with-keyring-run.XXXXXX")
  chmod 700 "$keyring_home" "$runtime_dir"
  export HOME="$keyring_home" XDG_RUNTIME_DIR="$runtime_dir"
  export XDG_DATA_HOME="$keyring_home/.local/share" XDG_CONFIG_HOME="$keyring_home/.config"
  cleanup() { rm -rf "$keyring_home" "$runtime_dir"; }
  trap cleanup EXIT
  if ! printf %s pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; then
    echo "with-keyring.sh: gnome-keyring-daemon failed to start and unlock a keyring" >&2
    exit 1
  fi
  status=0
  "$@" || status=$?
  exit "$status"
' with-keyring "$@"
