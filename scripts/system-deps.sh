#!/bin/sh
# Install the system packages baocao needs, when missing. As root it uses apt; otherwise it stops
# and prints the one command to run. On macOS: brew install tesseract tesseract-lang poppler antiword
# With --test, also what the test suite needs: Chromium and its WebDriver (the web app's browser tests).
set -eu
PKGS="tesseract-ocr tesseract-ocr-vie poppler-utils fonts-liberation2 fonts-dejavu-core antiword python3-venv libreoffice-writer-nogui"
if [ "${1:-}" = "--test" ]; then
  PKGS="$PKGS chromium chromium-driver"
fi
missing=""
for p in $PKGS; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
if [ -z "$missing" ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  if command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx vie; then
    exit 0  # not Debian, but what matters is there (macOS with Homebrew, say)
  fi
  echo "baocao needs Tesseract with Vietnamese data. On macOS: brew install tesseract tesseract-lang poppler antiword" >&2
  exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages:$missing" >&2
  echo "Run:  sudo apt-get update && sudo apt-get install -y$missing" >&2
  echo "then run this command again." >&2
  exit 1
fi
echo "Installing system packages:$missing"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
