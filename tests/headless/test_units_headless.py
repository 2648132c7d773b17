"""ecospace:units_generate through qgis_process, the way a batch user runs it (results read with sqlite3)."""
import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample" / "ecospace_sample.gpkg"
CODE = re.compile(r"^ZH\d{6}[123]\d{4}$")

pytestmark = pytest.mark.skipif(not (shutil.which("qgis_process.bin") or shutil.which("qgis_process")),
                                reason="qgis_process is not installed")


def layer(name):
    return "{}|layername={}".format(SAMPLE, name)


def qgis_process(*args, timeout=300):
    env = {k: v for k, v in os.environ.items() if not k.startswith("QGIS_")}  # not pytest-qgis's profile
    return subprocess.run(["bash", str(ROOT / "tools" / "qgis_process.sh"), *args], cwd=str(ROOT), env=env,
                          capture_output=True, text=True, timeout=timeout)


def test_help_lists_the_parameters():
    proc = qgis_process("help", "ecospace:units_generate")
    assert proc.returncode == 0, proc.stderr
    for name in ("ADMIN", "ADMIN_CODE_FIELD", "PRIORITY_LAYERS", "KEY_LAYERS", "MIN_UNIT_AREA",
                 "CODE_FIELD", "CLASS_FIELD", "FINDINGS", "UNIT_FRAGMENT_KEPT"):
        assert name in proc.stdout, name


def test_units_generate_on_the_sample(tmp_path):
    out, found = tmp_path / "units.gpkg", tmp_path / "findings.gpkg"
    proc = qgis_process(
        "run", "ecospace:units_generate", "--",
        "ADMIN=" + layer("townships"), "ADMIN_CODE_FIELD=XJDM", "ADMIN_NAME_FIELD=XZQMC",
        "PRIORITY_LAYERS=" + layer("priority_zones"), "PRIORITY_LAYERS=" + layer("redline"),
        "KEY_LAYERS=" + layer("key_zones"), "MIN_UNIT_AREA=1000000",
        "OUTPUT={}".format(out), "FINDINGS={}".format(found))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    with sqlite3.connect(str(out)) as db:
        table = db.execute("select table_name from gpkg_contents where data_type='features'").fetchone()[0]
        rows = db.execute('select HJZHGKDYBM, ZHGKDYFL, AREA, AREA_M2 from "{}"'.format(table)).fetchall()
        qml = db.execute("select styleQML from layer_styles where useAsDefault = 1").fetchone()[0]
    with sqlite3.connect(str(SAMPLE)) as db:
        counties = {c for (c,) in db.execute("select XJDM from townships")}
    assert len(rows) > 15
    assert all(CODE.match(code) and code[2:8] == county and int(code[8]) == klass
               for code, klass, county, _ in rows)
    assert {county for _, _, county, _ in rows} == counties
    assert len({r[0] for r in rows}) == len(rows)
    assert {r[1] for r in rows} == {1, 2, 3}
    assert 'attr="ZHGKDYFL"' in qml
    with sqlite3.connect(str(found)) as db:
        table = db.execute("select table_name from gpkg_contents where data_type='features'").fetchone()[0]
        rules = {r for (r,) in db.execute('select rule from "{}"'.format(table))}
    # the sample red line holds two invalid patches: reported, and the run went on
    assert "UNIT_INPUT_INVALID" in rules


def test_units_model_headless(tmp_path):
    """The example model generate → check → style, run by path the way a batch user would."""
    units, found = tmp_path / "units.gpkg", tmp_path / "findings.gpkg"
    proc = qgis_process("run", str(ROOT / "resources" / "models" / "units_generate_check.model3"), "--",
                        "admin=" + layer("townships"), "admin_code_field=XJDM", "counties=" + layer("counties"),
                        "county_code_field=XZQDM", "priority_layers=" + layer("priority_zones"),
                        "key_layers=" + layer("key_zones"), "min_unit_area=1000000",
                        "units_generate:units={}".format(units), "units_check:unit_findings={}".format(found))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    with sqlite3.connect(str(units)) as db:
        table = db.execute("select table_name from gpkg_contents where data_type='features'").fetchone()[0]
        classes = {k for (k,) in db.execute('select ZHGKDYFL from "{}"'.format(table))}
        assert db.execute("select count(*) from layer_styles where useAsDefault").fetchone()[0] == 1
    assert classes == {1, 2, 3}
    with sqlite3.connect(str(found)) as db:
        table = db.execute("select table_name from gpkg_contents where data_type='features'").fetchone()[0]
        severities = [s for (s,) in db.execute('select severity from "{}"'.format(table))]
    assert "error" not in severities  # fresh units pass their own check
