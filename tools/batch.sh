#!/usr/bin/env bash
# Batch runs past one machine (Dask): bash tools/batch.sh redline_check -- REDLINE=… FARMLAND=… OUTPUT=…
#     or: bash tools/batch.sh human_activity -- ACTIVITIES=… RESERVES=… ZONES=… OUTPUT=… SUMMARY=…
#     or: bash tools/batch.sh units_check -- UNITS=… COUNTIES=… [REDLINE=… PRIORITY_LAYERS=… KEY_LAYERS=…] OUTPUT=… STATISTICS=…
#     [--scheduler tcp://host:8786] [--workers N] [--memory-limit 3GB] [--cells N] [--no-dask] [--json]
# Parameters as for qgis_process; see tools/batch.py --help and README "Batch and Dask".
# Needs numpy, shapely 2, GDAL's Python bindings and, except with --no-dask, dask + distributed
# (requirements-batch.txt); not QGIS.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
python=${ECOSPACE_PYTHON:-$root/.venv/bin/python}
[ -x "$python" ] || python=python3
exec "$python" "$root/tools/batch.py" "$@"
