"""units_check and siting_check through qgis_process on the sample, the way a batch user runs them."""
from collections import Counter

from ..support import SAMPLE_DIR, default_styles, gpkg_rows, layer, needs_qgis_process, qgis_process, sample_json

PLANTED = sample_json("defects_units.json")

pytestmark = needs_qgis_process


def test_units_check_headless(tmp_path):
    out, report = tmp_path / "f.gpkg", tmp_path / "r.html"
    proc = qgis_process("run", "ecospace:units_check", "--", "UNITS=" + layer("control_units"),
                        "COUNTIES=" + layer("counties"), "COUNTY_CODE_FIELD=XZQDM", "REDLINE=" + layer("redline"),
                        "PRIORITY_LAYERS=" + layer("priority_zones"), "PRIORITY_LAYERS=" + layer("redline"),
                        "KEY_LAYERS=" + layer("key_zones"), "OUTPUT={}".format(out), "REPORT={}".format(report))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    found = Counter((r[0], r[1], r[2]) for r in gpkg_rows(out, "rule, layer, feature_fid"))
    assert found == Counter((d["rule"], d["layer"], d["fid"]) for d in PLANTED)
    errors = sum(1 for d in PLANTED if d["severity"] == "error")
    assert "ERROR_COUNT:\t{}".format(errors) in proc.stdout
    assert "UNIT_CROSS_COUNTY" in report.read_text(encoding="utf-8")


def test_siting_check_headless(tmp_path):
    out, findings, report = tmp_path / "t.gpkg", tmp_path / "f.gpkg", tmp_path / "r.html"
    proc = qgis_process("run", "ecospace:siting_check", "--", "SITES=" + layer("project_sites_polygons"),
                        "SITE_ID_FIELD=XMBH", "SITE_NAME_FIELD=XMMC", "UNITS=" + layer("control_units"),
                        "ACCESS_LIST_FILE={}".format(SAMPLE_DIR / "access_list.csv"),
                        "REDLINE=" + layer("redline"), "PROTECTED_AREAS=" + layer("pa_zones"), "ZONE_FIELD=GNFQ",
                        "OUTPUT={}".format(out), "FINDINGS={}".format(findings), "REPORT={}".format(report))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    table = gpkg_rows(out, "site_id, unit_code, verdict")
    assert {r[0] for r in table} == {"XM2025-A01", "XM2025-A02", "XM2025-A03"}
    assert ("XM2025-A01", "conflict") in {(r[0], r[2]) for r in table}
    assert ("SITE_REDLINE", 1) in {(r[0], r[1]) for r in gpkg_rows(findings, "rule, feature_fid")}
    assert "ZH45012219999" in proc.stdout + proc.stderr  # the unknown code is warned
    assert default_styles(out) == 1
    assert report.read_text(encoding="utf-8").count("<svg") == 3


def test_siting_bad_input_is_a_message(tmp_path):
    proc = qgis_process("run", "ecospace:siting_check", "--", "SITES=" + layer("project_sites_points"),
                        "UNITS=" + layer("project_sites_points"), "OUTPUT={}".format(tmp_path / "t.gpkg"))
    assert proc.returncode != 0
    text = proc.stdout + proc.stderr
    assert "must hold polygons" in text and "Traceback" not in text


def test_siting_check_several_site_layers_headless(tmp_path):
    """A project list in three layers, one run: on 3.22 a multiple-layer parameter is repeated."""
    out, report = tmp_path / "t.gpkg", tmp_path / "r.html"
    proc = qgis_process("run", "ecospace:siting_check", "--", "SITES=" + layer("project_sites_points"),
                        "MORE_SITES=" + layer("project_sites_lines"), "MORE_SITES=" + layer("project_sites_polygons"),
                        "SITE_ID_FIELD=XMBH", "SITE_NAME_FIELD=XMMC", "UNITS=" + layer("control_units"),
                        "REDLINE=" + layer("redline"), "OUTPUT={}".format(out), "REPORT={}".format(report))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    sites = {(r[0], r[1]) for r in gpkg_rows(out, "site_layer, site_id")}
    assert {layer_name for layer_name, _ in sites} == {"project_sites_points", "project_sites_lines",
                                                       "project_sites_polygons"}
    assert ("project_sites_lines", "XM2025-L02") in sites and ("project_sites_polygons", "XM2025-A01") in sites
    assert {r[0] for r in gpkg_rows(out, "verdict")} >= {"conflict"}
    assert report.read_text(encoding="utf-8").count("<svg") == 9
    assert "written as MultiPoint" in proc.stdout + proc.stderr
