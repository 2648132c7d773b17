#!/usr/bin/env bash
# Compile every resources/i18n/*.ts to .qm with Qt's lrelease.
#   bash tools/i18n_build.sh            # writes resources/i18n/ecospace_<locale>.qm
#   bash tools/i18n_build.sh OUT_DIR    # writes the .qm files into OUT_DIR instead (tests, packaging)
# lrelease: Debian/Ubuntu package qttools5-dev-tools (Qt5) or qt6-l10n-tools (Qt6); LRELEASE=/path overrides.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
src="$root/resources/i18n"
out=${1:-$src}

find_lrelease() {
    local c
    for c in "${LRELEASE:-}" lrelease /usr/lib/qt5/bin/lrelease lrelease-qt5 /usr/lib/qt6/bin/lrelease \
             /usr/lib/qt6/libexec/lrelease lrelease-qt6 lrelease6; do
        [ -n "$c" ] && command -v "$c" >/dev/null 2>&1 && { command -v "$c"; return 0; }
    done
    return 1
}

lrelease=$(find_lrelease) || {
    echo "i18n_build: lrelease not found. Install it: apt-get install qttools5-dev-tools (or qt6-l10n-tools)," \
         "or set LRELEASE=/path/to/lrelease." >&2
    exit 1
}
mkdir -p "$out"
shopt -s nullglob
count=0
for ts in "$src"/*.ts; do
    qm="$out/$(basename "${ts%.ts}").qm"
    "$lrelease" -silent "$ts" -qm "$qm"
    [ -s "$qm" ] || { echo "i18n_build: $lrelease wrote no $qm" >&2; exit 1; }
    count=$((count + 1))
done
echo "i18n_build: $count translation(s) compiled into ${out#"$root"/}"
