#!/usr/bin/env bash
# The whole test suite, headless: bash tools/test.sh [pytest arguments, e.g. tests/core -k overlap]
# Builds the translations first (the tests load the .qm). Needs .venv: bash tools/setup.sh
# ECOSPACE_XVFB=1 runs under xvfb-run instead of Qt's offscreen platform.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
[ -x .venv/bin/pytest ] || { echo "test.sh: no .venv/bin/pytest; run: bash tools/setup.sh" >&2; exit 1; }

bash tools/i18n_build.sh
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
# .venv/bin/pytest, not `python -m pytest`: -m would put the repository root on sys.path, where
# processing/ (ours) would shadow QGIS's own `processing` package.
cmd=(.venv/bin/pytest "$@")
if [ "${ECOSPACE_XVFB:-0}" = 1 ]; then
    unset QT_QPA_PLATFORM
    cmd=(xvfb-run -a "${cmd[@]}")
fi
status=0
"${cmd[@]}" || status=$?
if [ "$status" -eq 5 ]; then
    echo "test.sh: pytest collected no tests: nothing ran, which counts as a failure" >&2
fi
exit "$status"
