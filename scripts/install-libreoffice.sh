#!/usr/bin/env sh
# Installs what the LibreOffice checks need (`npm run test:libreoffice`): LibreOffice Writer and Calc
# without a GUI, and poppler-utils (pdftoppm, pdfinfo). Debian/Ubuntu, run as root (or through sudo).
# Idempotent: packages already installed are left as they are, and nothing is done when all are there.
set -eu

PACKAGES="libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils"

missing=""
for pkg in $PACKAGES; do
  if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    echo "install-libreoffice: $pkg is already installed"
  else
    missing="$missing $pkg"
  fi
done

if [ -z "$missing" ]; then
  echo "install-libreoffice: nothing to do ($(soffice --version 2>/dev/null || echo 'soffice not on PATH'))"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-libreoffice: apt-get not found; install these packages with your system's package manager:$missing" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

echo "install-libreoffice: apt-get update"
$SUDO apt-get update
echo "install-libreoffice: apt-get install -y --no-install-recommends$missing"
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends $missing
echo "install-libreoffice: done ($(soffice --version 2>/dev/null || echo 'soffice not on PATH'))"
