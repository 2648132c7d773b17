"""units_check and siting_check through qgis_process on the sample, the way a batch user runs them."""
import json
import os
import shutil
import sqlite3
import subprocess
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample" / "ecospace_sample.gpkg"
PLANTED = json.loads((ROOT / "resources" / "sample" / "defects_units.json").read_text(encoding="utf-8"))

pytestmark = pytest.mark.skipif(not (shutil.which("qgis_process.bin") or shutil.which("qgis_process")),
                                reason="qgis_process is not installed")


def layer(name):
    return "{}|layername={}".format(SAMPLE, name)


def qgis_process(*args, timeout=300):
    env = {k: v for k, v in os.environ.items() if not k.startswith("QGIS_")}
    return subprocess.run(["bash", str(ROOT / "tools" / "qgis_process.sh"), *args], cwd=str(ROOT), env=env,
                          capture_output=True, text=True, timeout=timeout)


def rows(gpkg, columns):
    with sqlite3.connect(str(gpkg)) as db:
        table = db.execute("select table_name from gpkg_contents where data_type='features'").fetchone()[0]
        return db.execute('select {} from "{}"'.format(columns, table)).fetchall()


def test_units_check_headless(tmp_path):
    out, report = tmp_path / "f.gpkg", tmp_path / "r.html"
    proc = qgis_process("run", "ecospace:units_check", "--", "UNITS=" + layer("control_units"),
                        "COUNTIES=" + layer("counties"), "COUNTY_CODE_FIELD=XZQDM", "REDLINE=" + layer("redline"),
                        "PRIORITY_LAYERS=" + layer("priority_zones"), "PRIORITY_LAYERS=" + layer("redline"),
                        "KEY_LAYERS=" + layer("key_zones"), "OUTPUT={}".format(out), "REPORT={}".format(report))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    found = Counter((r[0], r[1], r[2]) for r in rows(out, "rule, layer, feature_fid"))
    assert found == Counter((d["rule"], d["layer"], d["fid"]) for d in PLANTED)
    errors = sum(1 for d in PLANTED if d["severity"] == "error")
    assert "ERROR_COUNT:\t{}".format(errors) in proc.stdout
    assert "UNIT_CROSS_COUNTY" in report.read_text(encoding="utf-8")


def test_siting_check_headless(tmp_path):
    out, findings, report = tmp_path / "t.gpkg", tmp_path / "f.gpkg", tmp_path / "r.html"
    proc = qgis_process("run", "ecospace:siting_check", "--", "SITES=" + layer("project_sites_polygons"),
                        "SITE_ID_FIELD=XMBH", "SITE_NAME_FIELD=XMMC", "UNITS=" + layer("control_units"),
                        "ACCESS_LIST_FILE={}".format(ROOT / "resources" / "sample" / "access_list.csv"),
                        "REDLINE=" + layer("redline"), "PROTECTED_AREAS=" + layer("pa_zones"), "ZONE_FIELD=GNFQ",
                        "OUTPUT={}".format(out), "FINDINGS={}".format(findings), "REPORT={}".format(report))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    table = rows(out, "site_id, unit_code, verdict")
    assert {r[0] for r in table} == {"XM2025-A01", "XM2025-A02", "XM2025-A03"}
    assert ("XM2025-A01", "conflict") in {(r[0], r[2]) for r in table}
    assert ("SITE_REDLINE", 1) in {(r[0], r[1]) for r in rows(findings, "rule, feature_fid")}
    assert "ZH45012219999" in proc.stdout + proc.stderr  # the unknown code is warned
    with sqlite3.connect(str(out)) as db:
        assert db.execute("select count(*) from layer_styles where useAsDefault").fetchone()[0] == 1
    assert report.read_text(encoding="utf-8").count("<svg") == 3


def test_siting_bad_input_is_a_message(tmp_path):
    proc = qgis_process("run", "ecospace:siting_check", "--", "SITES=" + layer("project_sites_points"),
                        "UNITS=" + layer("project_sites_points"), "OUTPUT={}".format(tmp_path / "t.gpkg"))
    assert proc.returncode != 0
    text = proc.stdout + proc.stderr
    assert "must hold polygons" in text and "Traceback" not in text
