#!/usr/bin/env python3
"""Which numpy and shapely .venv gets, decided from what the distribution ships (used by tools/setup.sh).

    /usr/bin/python3 -s tools/python_deps.py plan > .build/requirements-system.txt
    .venv/bin/python tools/python_deps.py check .build/requirements-system.txt   # exit 1: the venv differs

`plan` runs with the system Python (-s: without the user's site-packages) and writes the pip requirements
that depend on the machine, with the reasons as comments:
- numpy: the distribution's GDAL and QGIS Python bindings are built against its numpy, so the venv keeps
  the same major version: `numpy<2` where the system numpy is 1.x (Debian 12, Ubuntu 22.04 / 24.04),
  `numpy>=2` where it is 2.x (Debian 13 / sid); nothing when there is no system numpy.
- shapely: the distribution's shapely when it is 2.x and uses the system GEOS (the usual case of
  python3-shapely 2.x; Debian builds may report `__version__ == "0+unknown"`, so 2.x is told by what the
  module can do, see deps.py); otherwise shapely 2 built from source against the system GEOS
  (`--no-binary shapely`), without build isolation where the system numpy is 2.x (the build then uses the
  system numpy's headers; its build tools go into the venv first).
`check` runs with the venv's Python and says whether the venv matches a plan.
Plain Python 3, standard library only.
"""
import ctypes
import importlib.util
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# shapely's build backend (meson-python) and what it needs, for a build without isolation
BUILD_TOOLS = ("meson-python", "meson", "ninja", "cython>=3")


def load_deps():
    spec = importlib.util.spec_from_file_location("ecospace_deps", ROOT / "deps.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def system_geos():
    """The GEOS C API version of the system's libgeos_c, e.g. '3.11.1-CAPI-1.17.1', or None."""
    try:
        version = ctypes.CDLL("libgeos_c.so.1").GEOSversion
    except (OSError, AttributeError):
        return None
    version.restype = ctypes.c_char_p
    return version().decode("ascii", "replace")


def numpy_version():
    try:
        import numpy
    except Exception:
        return None
    return numpy.__version__


def major(version):
    match = re.match(r"\s*(\d+)", version or "")
    return int(match.group(1)) if match else None


def shapely_state(deps):
    """(version text, is 2.x, GEOS C API it was built for) of the importable shapely, or None."""
    version = deps.shapely_version()
    if version is None:
        return None
    try:
        import shapely

        geos = shapely.geos_capi_version_string
    except Exception:
        geos = None
    return version, deps.is_shapely_2(version), geos


def plan():
    """The requirement lines (with comments) for this machine."""
    deps = load_deps()
    lines = []
    numpy = numpy_version()
    numpy_major = major(numpy)
    if numpy is None:
        lines.append("# numpy: no system numpy; pip's choice")
    elif numpy_major < 2:
        lines += ["# numpy: the system numpy is {} (the distribution's GDAL/QGIS bindings are built against "
                  "numpy 1): keep numpy 1 in the venv".format(numpy), "numpy<2"]
    else:
        lines += ["# numpy: the system numpy is {} (the bindings are built against numpy 2)".format(numpy),
                  "numpy>=2"]
    geos = system_geos()
    state = shapely_state(deps)
    if state and state[1] and geos and state[2] == geos:
        lines += ["# shapely: the distribution's shapely {} is 2.x and uses the system GEOS {}: use it"
                  .format(state[0], geos), "# ecospace-shapely: system"]
        return lines
    if state is None:
        why = "no system shapely"
    elif not state[1]:
        why = "the system shapely {} is older than 2".format(state[0])
    else:
        why = "the system shapely {} was built for GEOS {}, the system GEOS is {}".format(state[0], state[2], geos)
    isolation = numpy_major is None or numpy_major < 2
    lines += ["# shapely: {}: build shapely 2 from source against the system GEOS {}".format(why, geos),
              "# ecospace-shapely: build",
              "# ecospace-build-isolation: {}".format("yes" if isolation else "no"),
              "--no-binary shapely", "shapely>=2"]
    return lines


def directives(path):
    """The `# ecospace-<key>: <value>` lines of a plan file, as a dict."""
    found = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        match = re.match(r"#\s*ecospace-([\w-]+):\s*(\S+)", line)
        if match:
            found[match.group(1)] = match.group(2)
    return found


def numpy_spec(path):
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        match = re.match(r"numpy\s*([<>]=?)\s*(\d+)\s*$", line.strip())
        if match:
            return match.group(1), int(match.group(2))
    return None


def check(path):
    """Problems of the running (venv) Python against a plan: [] when it matches."""
    deps = load_deps()
    problems = []
    for module in ("pytest", "pytest_qgis", "hypothesis", "pytest_timeout"):
        if importlib.util.find_spec(module) is None:
            problems.append("{} is not installed".format(module))
    numpy = numpy_version()
    spec = numpy_spec(path)
    if numpy is None:
        problems.append("numpy does not import")
    elif spec:
        op, bound = spec
        ok = {"<": major(numpy) < bound, ">=": major(numpy) >= bound}.get(op, True)
        if not ok:
            problems.append("numpy {} does not match numpy{}{}".format(numpy, op, bound))
    state = shapely_state(deps)
    geos = system_geos()
    if state is None:
        problems.append("shapely does not import")
    elif not state[1]:
        problems.append("shapely {} is older than 2".format(state[0]))
    elif state[2] != geos:
        problems.append("shapely was built for GEOS {}, the system GEOS is {}".format(state[2], geos))
    elif directives(path).get("shapely") == "system":
        import shapely

        if Path(shapely.__file__).resolve().is_relative_to(Path(sys.prefix).resolve()):
            problems.append("the venv has its own shapely ({}); the plan uses the system's".format(shapely.__file__))
    return problems


def main(argv):
    if argv[:1] == ["plan"]:
        print("\n".join(plan()))
        return 0
    if argv[:1] == ["check"] and len(argv) == 2:
        problems = check(argv[1])
        for problem in problems:
            print("python_deps: " + problem, file=sys.stderr)
        return 1 if problems else 0
    if argv[:1] == ["directive"] and len(argv) == 3:
        print(directives(argv[1]).get(argv[2], ""))
        return 0
    if argv[:1] == ["build-tools"]:
        print("\n".join(BUILD_TOOLS))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
