#!/usr/bin/env bash
# From a fresh clone to a working plugin, then the demo: bash tools/setup.sh
# Debian 12 (QGIS 3.22, or 3.40 from bookworm-backports) / Debian 13, sid / Ubuntu 22.04, 24.04, as root or
# with sudo. Safe to run again: finished steps are skipped.
#  1. apt: QGIS (>= 3.22) with its Python bindings, Xvfb, Qt's lrelease, python3-venv
#  2. .venv (--system-site-packages, so QGIS stays importable) with requirements-dev.txt (pytest, ...) and
#     .build/requirements-system.txt from tools/python_deps.py: numpy kept at the system numpy's major
#     version, the distribution's shapely when it is 2.x, else shapely 2 built against the system GEOS
#  3. translations (.ts -> .qm)
#  4. a project-local QGIS profile under .build/ with the plugin enabled for qgis_process
#  5. the demo: ecospace:redline_check on the sample data, results in output/
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
start=$SECONDS

APT_PACKAGES=(qgis python3-qgis qgis-providers xvfb xauth qttools5-dev-tools python3-venv ca-certificates
              libgeos-dev python3-dev gcc libc6-dev pkg-config  # to build shapely against QGIS's GEOS
              fonts-wqy-microhei)                     # a CJK font, so Chinese labels render in screenshots
SYS_PYTHON=/usr/bin/python3
VENV=$root/.venv
STAMP=$root/.build/requirements.stamp
PLAN=$root/.build/requirements-system.txt
MIN_QGIS=32200

say() { printf '\n==> %s\n' "$*"; }
die() { printf '\nsetup: %s\n' "$*" >&2; exit 1; }

installed() { dpkg-query -W -f='${Status}\n' "$1" 2>/dev/null | grep -q ' installed$'; }

missing_packages() {
    local p
    for p in "${APT_PACKAGES[@]}"; do
        installed "$p" || echo "$p"
    done
}

# python3-shapely when the distribution's is 2.x (Debian 13 / sid, Ubuntu 24.04): then the venv uses it
# instead of building shapely (tools/python_deps.py decides from what is installed).
distro_shapely() {
    local version
    version=$(apt-cache policy python3-shapely 2>/dev/null | awk '/Candidate:/ { print $2 }')
    version=${version#*:}  # epoch
    case "$version" in [2-9].*|[1-9][0-9]*.*) echo python3-shapely ;; esac
}

install_packages() {
    local missing sudo=() updated=0 extra
    missing=$(missing_packages | tr '\n' ' ')
    if [ -n "${missing// /}" ]; then
        command -v apt-get >/dev/null 2>&1 || die "apt-get not found. Install these yourself: $missing"
    fi
    if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
        sudo=(sudo)
    fi
    if [ -n "${missing// /}" ]; then
        [ "$(id -u)" -eq 0 ] || [ ${#sudo[@]} -gt 0 ] || die "run as root (or install sudo) to install: $missing"
        say "Installing system packages: $missing"
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
        updated=1
    fi
    extra=$(distro_shapely)
    if [ -n "$extra" ] && ! installed "$extra"; then
        [ "$updated" = 1 ] || say "Installing the distribution's shapely 2: $extra"
        missing="$missing $extra"
    fi
    if [ -z "${missing// /}" ]; then
        say "System packages: already installed"
        return
    fi
    # shellcheck disable=SC2086  # word splitting of the package list is intended
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
}

check_qgis() {
    local version
    version=$(QT_QPA_PLATFORM=offscreen "$SYS_PYTHON" -c 'from qgis.core import Qgis; print(Qgis.QGIS_VERSION_INT)' \
              2>/dev/null | tail -n 1) || die "QGIS's Python bindings do not import with $SYS_PYTHON (package python3-qgis)."
    if [ "$version" -lt "$MIN_QGIS" ]; then
        cat >&2 <<EOF

setup: this distribution's QGIS is too old: QGIS_VERSION_INT=$version, the plugin needs QGIS 3.22 or later.
Install a newer QGIS from the QGIS project's own package repository (it has Debian and Ubuntu packages):
    https://qgis.org/en/site/forusers/alldownloads.html#debian-ubuntu
then run this script again.
EOF
        exit 1
    fi
    say "QGIS: $version (>= $MIN_QGIS)"
}

make_venv() {
    # A venv that cannot import qgis is missing, broken, or was made without --system-site-packages.
    if ! QT_QPA_PLATFORM=offscreen "$VENV/bin/python" -c 'import qgis.core' >/dev/null 2>&1; then
        say "Creating .venv (--system-site-packages)"
        rm -rf "$VENV"
        "$SYS_PYTHON" -m venv --system-site-packages "$VENV"
        rm -f "$STAMP"
    fi
}

# What the venv gets besides requirements-dev.txt depends on the distribution (tools/python_deps.py):
# numpy kept at the system numpy's major version (the GDAL/QGIS bindings are built against it), and
# the distribution's shapely when it is 2.x, else shapely 2 built against the system GEOS.
plan_requirements() {
    mkdir -p "$(dirname "$PLAN")"
    "$SYS_PYTHON" -s tools/python_deps.py plan >"$PLAN.new"
    mv "$PLAN.new" "$PLAN"
}

requirements_hash() { cat requirements-dev.txt "$PLAN" | sha256sum | cut -d' ' -f1; }

requirements_ok() {
    [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$(requirements_hash)" ] || return 1
    QT_QPA_PLATFORM=offscreen "$VENV/bin/python" tools/python_deps.py check "$PLAN" >/dev/null 2>&1
}

# The GEOS C API versions shapely was built for and the one QGIS links: they must be the same.
shapely_geos() { "$VENV/bin/python" -c 'import shapely; print(shapely.geos_capi_version_string)' 2>/dev/null || true; }
system_geos() {
    "$SYS_PYTHON" -c 'import ctypes; f = ctypes.CDLL("libgeos_c.so.1").GEOSversion; f.restype = ctypes.c_char_p
print(f().decode())'
}

install_requirements() {
    plan_requirements
    if requirements_ok; then
        say "Python packages: already installed"
        return
    fi
    say "Installing Python packages into .venv (requirements-dev.txt and $(basename "$PLAN"))"
    grep '^# [a-z]*:' "$PLAN" | sed 's/^# /   /'
    export PIP_ROOT_USER_ACTION=ignore PIP_DISABLE_PIP_VERSION_CHECK=1
    local pip=("$VENV/bin/python" -m pip install -q) shapely_from isolation
    shapely_from=$("$SYS_PYTHON" tools/python_deps.py directive "$PLAN" shapely)
    isolation=$("$SYS_PYTHON" tools/python_deps.py directive "$PLAN" build-isolation)
    if [ "$shapely_from" = system ]; then
        # the distribution's shapely: a venv copy left by an earlier install would hide it
        "$VENV/bin/python" -m pip uninstall -q -y shapely >/dev/null 2>&1 || true
    elif [ "$isolation" = no ]; then
        # build against the system numpy's headers: shapely's build tools into the venv, no isolation
        # shellcheck disable=SC2046
        "${pip[@]}" $("$SYS_PYTHON" tools/python_deps.py build-tools)
        pip+=(--no-build-isolation)
    fi
    "${pip[@]}" -r requirements-dev.txt -r "$PLAN"
    if [ "$shapely_from" = build ] && [ "$(shapely_geos)" != "$(system_geos)" ]; then  # e.g. a wheel left by an earlier install
        echo "Rebuilding shapely for the system GEOS $(system_geos) (was built for $(shapely_geos))"
        "${pip[@]}" --force-reinstall --no-deps --no-binary shapely "shapely>=2"
    fi
    if ! QT_QPA_PLATFORM=offscreen "$VENV/bin/python" tools/python_deps.py check "$PLAN"; then
        die ".venv does not match $PLAN (see above)"
    fi
    mkdir -p "$(dirname "$STAMP")"
    requirements_hash >"$STAMP"
    "$VENV/bin/python" -c 'import numpy, shapely
print("shapely", shapely.__version__, "(GEOS", shapely.geos_version_string + ") from", shapely.__file__)
print("numpy", numpy.__version__, "from", numpy.__file__)'
}

enable_plugin() {
    say "QGIS profile .build/qgis-config: plugin enabled for qgis_process"
    # the wrapper creates the profile and enables the plugin on first use
    bash tools/qgis_process.sh plugins 2>/dev/null | grep -E '^\* +ecospace$' ||
        die "qgis_process does not list the plugin 'ecospace' (see: bash tools/qgis_process.sh plugins)"
}

install_packages
check_qgis
make_venv
install_requirements
say "Translations"
bash tools/i18n_build.sh
enable_plugin
say "Demo: ecospace:redline_check on resources/sample/ecospace_sample.gpkg"
bash tools/run_demo.sh
say "Setup done in $((SECONDS - start)) s. Demo outputs are in output/. Next: bash tools/test.sh"
