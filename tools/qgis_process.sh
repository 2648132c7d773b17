#!/usr/bin/env bash
# qgis_process, headless, with this checkout as the plugin `ecospace`, the venv's shapely 2 and a
# project-local QGIS profile (.build/qgis-config; ECOSPACE_QGIS_CONFIG overrides). Examples:
#   bash tools/qgis_process.sh list
#   bash tools/qgis_process.sh help ecospace:redline_check
#   bash tools/qgis_process.sh run ecospace:redline_check -- REDLINE=a.gpkg|layername=redline OUTPUT=out.gpkg
# Without this wrapper: QT_QPA_PLATFORM=offscreen QGIS_PLUGINPATH=<folder holding ecospace/>
#   PYTHONPATH=<site-packages with shapely 2> qgis_process.bin plugins enable ecospace   (once per profile)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$root/.build

site=$(ls -d "$root"/.venv/lib/python3*/site-packages 2>/dev/null | head -n 1)
[ -n "$site" ] || { echo "qgis_process.sh: no .venv yet; run: bash tools/setup.sh" >&2; exit 1; }

# QGIS finds plugins as folders inside QGIS_PLUGINPATH: a symlink gives the checkout its plugin name.
mkdir -p "$build/pluginpath"
[ "$(readlink "$build/pluginpath/ecospace" 2>/dev/null)" = "$root" ] || ln -sfn "$root" "$build/pluginpath/ecospace"
export QGIS_PLUGINPATH="$build/pluginpath${QGIS_PLUGINPATH:+:$QGIS_PLUGINPATH}"

# The profile lives under QGIS_CUSTOM_CONFIG_PATH (verified on 3.22): the user's own profile stays untouched.
# Always our own: pytest-qgis exports QGIS_CUSTOM_CONFIG_PATH/QGIS_OPTIONS_PATH to the tests it runs.
config=${ECOSPACE_QGIS_CONFIG:-$build/qgis-config}
mkdir -p "$config"
export QGIS_CUSTOM_CONFIG_PATH=$config
unset QGIS_OPTIONS_PATH

# The venv comes first so QGIS's Python sees shapely 2 (the venv's, or the distribution's through the
# venv's system site-packages); a numpy in the venv has the system numpy's major version
# (tools/python_deps.py), so it also serves the distribution's GDAL bindings.
export PYTHONPATH="$site${PYTHONPATH:+:$PYTHONPATH}"
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
export PYTHONWARNINGS=${PYTHONWARNINGS:-ignore::DeprecationWarning}   # sip's setapi() notice on every call
if [ -z "${XDG_RUNTIME_DIR:-}" ]; then
    export XDG_RUNTIME_DIR=$build/runtime
    mkdir -p -m 700 "$XDG_RUNTIME_DIR"
fi

# Debian's /usr/bin/qgis_process wrapper adds --noversioncheck, which qgis_process.bin 3.22 rejects.
bin=${ECOSPACE_QGIS_PROCESS:-}
if [ -z "$bin" ]; then
    if [ -x /usr/bin/qgis_process.bin ]; then
        bin=/usr/bin/qgis_process.bin
    else
        bin=$(command -v qgis_process.bin || command -v qgis_process) ||
            { echo "qgis_process.sh: qgis_process not found (Debian/Ubuntu package: qgis)" >&2; exit 1; }
    fi
fi

# Enabling persists in the profile, so this runs once per fresh profile.
if ! grep -qs '^ecospace=true' "$config"/profiles/default/QGIS/QGIS*.ini; then
    if ! log=$("$bin" plugins enable ecospace 2>&1); then
        printf '%s\nqgis_process.sh: could not enable the plugin ecospace\n' "$log" >&2
        exit 1
    fi
fi
exec "$bin" "$@"
