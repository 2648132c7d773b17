"""What tools/setup.sh installs depends on the distribution (tools/python_deps.py), and deps.py accepts
a distribution's shapely 2 whatever version it reports."""
import importlib.util
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SYSTEM_PYTHON = "/usr/bin/python3"


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_shapely_2_by_version_or_by_what_it_can_do(plugin_pkg, monkeypatch):
    from ecospace import deps

    assert deps.is_shapely_2("2.0.1") and deps.is_shapely_2("2.2.0")
    assert not deps.is_shapely_2("1.8.5") and not deps.is_shapely_2("1.8.5.post1")
    # Debian's python3-shapely 2.2 says '0+unknown'; Debian writes '0.0.0' for other unknowns
    for unknown in ("0+unknown", "0.0.0", "0", ""):
        assert deps.is_shapely_2(unknown), unknown  # the shapely at hand is 2.x
    assert deps.shapely_label("0+unknown") == "2.x (0+unknown)"
    monkeypatch.setattr(deps, "shapely_2_features", lambda: False)  # a 1.x that reports no version
    assert not deps.is_shapely_2("0+unknown")


def test_a_shapely_reporting_0_unknown_loads_the_algorithms(plugin_pkg, monkeypatch):
    from ecospace import deps

    monkeypatch.setattr(deps, "shapely_version", lambda: "0+unknown")
    assert deps.problem() is None


@pytest.mark.skipif(not Path(SYSTEM_PYTHON).exists(), reason="no system Python")
def test_the_plan_follows_the_system_numpy_and_the_venv_matches_it(tmp_path):
    plan = subprocess.run([SYSTEM_PYTHON, "-s", str(ROOT / "tools" / "python_deps.py"), "plan"],
                          capture_output=True, text=True, check=True).stdout
    system_numpy = subprocess.run([SYSTEM_PYTHON, "-s", "-c", "import numpy; print(numpy.__version__)"],
                                  capture_output=True, text=True).stdout.strip()
    lines = plan.splitlines()
    if not system_numpy:
        assert not any(line.startswith("numpy") for line in lines)
    elif int(system_numpy.split(".")[0]) < 2:
        assert "numpy<2" in lines
    else:
        assert "numpy>=2" in lines and "numpy<2" not in lines
    tool = load("python_deps", ROOT / "tools" / "python_deps.py")
    path = tmp_path / "plan.txt"
    path.write_text(plan, encoding="utf-8")
    assert tool.directives(path)["shapely"] in ("system", "build")
    if tool.directives(path)["shapely"] == "build":
        assert "shapely>=2" in lines and "--no-binary shapely" in lines
    # the venv running the tests is what setup.sh made from this plan
    assert tool.check(path) == [], tool.check(path)


def test_check_names_a_mismatch(tmp_path):
    tool = load("python_deps", ROOT / "tools" / "python_deps.py")
    import numpy

    wrong = "numpy>=2" if int(numpy.__version__.split(".")[0]) < 2 else "numpy<2"
    path = tmp_path / "plan.txt"
    path.write_text(wrong + "\n", encoding="utf-8")
    assert any("numpy" in p for p in tool.check(path))  # run in this (the venv's) interpreter
