#!/usr/bin/env bash
# Installs what jixiao needs from Debian's packages when it is missing, and says
# clearly what to do when it cannot (not root, no apt). Safe to run again and again.
#   scripts/ensure-deps.sh          what building and running the shell needs
#   scripts/ensure-deps.sh --test   that, and the real programs the tests drive
#                                   (tmux, sqlite3, LibreOffice, Chromium)
# LibreOffice (which opens .doc, .wps, .xls, .et, .rtf, .odt and .ods for the reader) is large, so
# only the tests install it; without it those files are each a clear error naming the package.
set -euo pipefail

need=()
# Libraries the build links: libedit (the prompt), SQLite (the mirror), zlib (zip members),
# libcrypto (SHA-256 of every file read), libxml2 (web pages).
for package in libedit-dev libsqlite3-dev zlib1g-dev libssl-dev libxml2-dev; do
  dpkg -s "$package" >/dev/null 2>&1 || need+=("$package")
done
command -v less >/dev/null 2>&1 || need+=(less)  # the default pager
# poppler's pdftotext and pdftocairo: a PDF's words and drawing, for the PDF reader.
{ command -v pdftotext && command -v pdftocairo; } >/dev/null 2>&1 || need+=(poppler-utils)

if [ "${1:-}" = "--test" ]; then
  command -v tmux >/dev/null 2>&1 || need+=(tmux)        # the tests at a real terminal
  command -v sqlite3 >/dev/null 2>&1 || need+=(sqlite3)  # opens exported databases
  # LibreOffice opens what jixiao exports, makes the office files the reader is tested on, and
  # converts the legacy formats the reader is tested on.
  dpkg -s libreoffice-writer-nogui >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
  dpkg -s libreoffice-calc-nogui >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
  # Chromium renders the HTML report to PNG and an A4 PDF, with Noto CJK for its Chinese text.
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
fi

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
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "jixiao: installed ${need[*]}" >&2
