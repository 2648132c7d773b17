#!/usr/bin/env bash
# Lint and type-check: bash tools/lint.sh [ruff arguments, e.g. --statistics, or a path]
# ruff over the repository (pycodestyle, pyflakes, import order, pep8-naming, bugbear), then mypy over
# core/; both configured in pyproject.toml, both pinned in requirements-dev.txt (installed into .venv by
# tools/setup.sh). Exit status 1 when either finds a problem. .ci/run runs it after setup.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
for tool in ruff mypy; do
    [ -x ".venv/bin/$tool" ] || { echo "lint.sh: no .venv/bin/$tool; run: bash tools/setup.sh" >&2; exit 1; }
done
status=0
echo "==> $(.venv/bin/ruff --version)"
if [ $# -gt 0 ]; then
    .venv/bin/ruff check "$@" || status=1
else
    .venv/bin/ruff check . || status=1
fi
echo "==> $(.venv/bin/mypy --version | cut -d' ' -f1,2): core/"
.venv/bin/mypy || status=1
[ "$status" -ne 0 ] || echo "lint.sh: clean"
exit "$status"
