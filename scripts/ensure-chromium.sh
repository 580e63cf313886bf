#!/usr/bin/env bash
# Browser tests use Debian's Chromium and the Noto CJK fonts (so Chinese renders as a reader
# sees it), never a browser downloaded by a test tool. The braille tests compare the build's
# braille with liblouis (liblouis-bin, table zhcn-cbs), a reference for tests only: the build
# itself never needs it. Install them when missing.
set -euo pipefail

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
command -v lou_translate >/dev/null 2>&1 || need+=(liblouis-bin)
[ ${#need[@]} -eq 0 ] && exit 0

echo "Installing Debian packages for the browser tests: ${need[*]}"
if [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
elif command -v sudo >/dev/null 2>&1; then
  sudo apt-get update -qq
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
else
  echo "Please install them first: apt-get install ${need[*]}" >&2
  exit 1
fi
