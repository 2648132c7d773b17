#!/usr/bin/env bash
# The engine's tests without QGIS: tests/core and the import-graph test, in a venv of their own with only
# numpy, shapely 2, pytest and hypothesis (no --system-site-packages: no QGIS, no GDAL), the way a Dask
# worker or a plain Python user runs core/.  bash tools/test_core.sh [pytest arguments]
# The venv is .build/venv-core, made on first use (~10-30 s); ECOSPACE_CORE_VENV=<folder> puts it elsewhere.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
venv=${ECOSPACE_CORE_VENV:-$root/.build/venv-core}
# shapely 2.0's wheels bundle GEOS 3.11, the GEOS of Debian 12's QGIS 3.22: the same engine results as the
# QGIS runs. A newer GEOS words and places some findings differently (is_valid_reason: "Ring
# Self-intersection" at one vertex with 3.11, "Self-intersection" at another with 3.14).
packages=("numpy<3" "shapely>=2,<2.1" pytest hypothesis)

if [ "$(cat "$venv/.packages" 2>/dev/null)" != "${packages[*]}" ] ||
   ! "$venv/bin/python" -c 'import numpy, shapely, pytest, hypothesis' >/dev/null 2>&1; then
    echo "test_core.sh: creating $venv (${packages[*]})"
    rm -rf "$venv"
    /usr/bin/python3 -m venv "$venv"
    PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore "$venv/bin/python" -m pip install -q "${packages[@]}"
    echo "${packages[*]}" >"$venv/.packages"
fi
if "$venv/bin/python" -c 'import qgis' >/dev/null 2>&1; then
    echo "test_core.sh: $venv can import qgis; it must not (made with --system-site-packages?)" >&2
    exit 1
fi
"$venv/bin/python" -c 'import numpy, shapely
print("numpy", numpy.__version__, "shapely", shapely.__version__, "GEOS", shapely.geos_version_string)'
status=0
"$venv/bin/pytest" tests/core tests/test_import_graph.py "$@" || status=$?
[ "$status" -ne 5 ] || echo "test_core.sh: pytest collected no tests: nothing ran, which counts as a failure" >&2
exit "$status"
