"""Run-time dependency check: the engine (core/) needs shapely 2 in QGIS's own Python.

Kept free of heavy imports so the plugin can always load and explain what is missing.
"""
import re
import sys

MIN_SHAPELY = (2, 0)


def shapely_version():
    """The importable shapely's version string, or None when shapely cannot be imported."""
    try:
        import shapely
    except Exception:  # a broken install (e.g. missing GEOS library) counts as missing
        return None
    return getattr(shapely, "__version__", "0")


def is_shapely_2(version):
    """Whether the importable shapely, whose __version__ is `version`, is shapely 2 or later.

    A real version ('2.0.1', '1.8.5') decides. Some distribution builds report none (Debian's
    python3-shapely 2.2: '0+unknown'; Debian uses '0.0.0' elsewhere too, and shapely never had a
    0.x release); then what the module can do decides."""
    if version_known(version):
        return version_tuple(version) >= MIN_SHAPELY
    return shapely_2_features()


def version_known(version):
    """False for '', '0', '0+unknown', '0.0.0' and the like."""
    return version_tuple(version)[0] > 0


def shapely_2_features():
    """True when the importable shapely has shapely 2's API: the compiled ufunc module shapely.lib,
    the vectorised array functions and the GEOS C API version it was built for."""
    try:
        import shapely
        import shapely.lib  # new in 2.0
    except Exception:
        return False
    return all(hasattr(shapely, name) for name in ("from_ragged_array", "to_ragged_array", "STRtree",
                                                   "geos_capi_version_string", "is_valid_reason"))


def shapely_label(version):
    """How to name the version to a user: '0+unknown' with shapely 2's API is '2.x (0+unknown)'."""
    if not version_known(version) and shapely_2_features():
        return "2.x ({})".format(version)
    return version


def version_tuple(text):
    """'2.0.1' -> (2, 0, 1); '2.1.0rc1' -> (2, 1, 0); unparsable -> (0,)."""
    numbers = re.findall(r"\d+", re.split(r"[^\d.]", text or "", maxsplit=1)[0])
    return tuple(int(n) for n in numbers) or (0,)


def process_geos():
    """The GEOS C API version already in the process's global symbol scope, else None (Linux only).

    Inside the QGIS executables (desktop, qgis_process) QGIS's GEOS is global, and a shapely wheel's
    own bundled GEOS loses: shapely's calls bind to QGIS's GEOS. A plain Python host keeps them apart.
    """
    if not sys.platform.startswith("linux"):
        return None  # Windows and macOS resolve symbols per library: no clash
    try:
        import ctypes

        version = ctypes.CDLL(None).GEOSversion
    except (OSError, AttributeError):
        return None
    version.restype = ctypes.c_char_p
    return version().decode("ascii", "replace")


def geos_clash():
    """(shapely's GEOS, the process's GEOS) when shapely was built for another GEOS than QGIS's."""
    try:
        import shapely

        own = shapely.geos_capi_version_string
    except Exception:
        return None
    process = process_geos()
    return (own, process) if process and process != own else None


def problem():
    """None when the engine can run, else (title, text): what is wrong and how to fix it, translated."""
    version = shapely_version()
    if version is not None and is_shapely_2(version):
        clash = geos_clash()
        if clash is None:
            return None
        return clash_message(shapely_label(version), *clash)
    return missing_message(version)


def missing_message(version=None):
    from .i18n import tr

    text = tr(
        "The algorithms need shapely 2 (found: {found}) and are disabled. Install it into the Python "
        "that QGIS uses, then restart QGIS: {command}. Windows: run the command in the OSGeo4W Shell. "
        "Linux: use the distribution's python3-shapely if it is version 2 or later; otherwise "
        "pip install --no-binary shapely 'shapely>=2' (needs the GEOS development package, e.g. "
        "libgeos-dev) so that shapely uses the same GEOS library as QGIS. On Debian/Ubuntu add "
        "--user --break-system-packages, or install it in a venv made with --system-site-packages and "
        "put that venv's site-packages on PYTHONPATH. macOS: use the pip of the Python inside QGIS.app."
    ).format(found=version or tr("not installed"), command="pip install 'shapely>=2'")
    return tr("Ecological Space Control Toolkit"), text


def clash_message(version, shapely_geos, qgis_geos):
    from .i18n import tr

    text = tr(
        "shapely {version} was built with its own GEOS {shapely_geos}, but QGIS uses GEOS {qgis_geos}; "
        "on Linux the two cannot work in one QGIS process, so the algorithms are disabled. Reinstall "
        "shapely against the system GEOS, then restart QGIS: {command} (needs the GEOS development "
        "package, e.g. libgeos-dev), or use the distribution's python3-shapely if it is version 2 or later."
    ).format(version=version, shapely_geos=shapely_geos, qgis_geos=qgis_geos,
             command="pip install --force-reinstall --no-binary shapely 'shapely>=2'")
    return tr("Ecological Space Control Toolkit"), text
