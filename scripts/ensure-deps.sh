#!/usr/bin/env bash
# Installs what jixiao needs from Debian's packages when it is missing, and says
# clearly what to do when it cannot (not root, no apt). Safe to run again and again.
set -euo pipefail

need=()
dpkg -s libedit-dev >/dev/null 2>&1 || need+=(libedit-dev)
command -v tmux >/dev/null 2>&1 || need+=(tmux)
dpkg -s libsqlite3-dev >/dev/null 2>&1 || need+=(libsqlite3-dev)
dpkg -s zlib1g-dev >/dev/null 2>&1 || need+=(zlib1g-dev)
command -v sqlite3 >/dev/null 2>&1 || need+=(sqlite3)
command -v less >/dev/null 2>&1 || need+=(less)  # the default pager

if ! command -v swift >/dev/null 2>&1; then
  echo "jixiao: the Swift toolchain (6.0 or later) is not on PATH; install it from swift.org first." >&2
  exit 1
fi

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "jixiao: missing ${need[*]}, and apt-get is not available: install them with your package manager." >&2
  exit 1
fi

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=sudo
  else
    echo "jixiao: missing Debian packages: ${need[*]}" >&2
    echo "        run:  sudo apt-get install -y ${need[*]}   (then run make again)" >&2
    exit 1
  fi
else
  SUDO=
fi

echo "jixiao: installing ${need[*]} ..." >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
echo "jixiao: installed ${need[*]}" >&2
