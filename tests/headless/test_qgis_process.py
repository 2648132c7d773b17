"""The algorithms and the example model through qgis_process, the way a batch user runs them.

Uses tools/qgis_process.sh (qgis_process.bin on Debian 12, the venv's shapely on PYTHONPATH, a
project-local profile with the plugin enabled). Results are read back with plain sqlite3.
"""
from collections import Counter

from osgeo import ogr

from ..support import (
    MODELS,
    SAMPLE,
    default_style_qml,
    default_styles,
    gpkg_rows,
    layer,
    needs_qgis_process,
    qgis_process,
    sample_json,
)

MANIFEST = sample_json("defects.json")

pytestmark = needs_qgis_process


def rows(gpkg):
    return gpkg_rows(gpkg, "rule, severity, layer, feature_fid, other_fid, area_m2")


def test_help_lists_the_parameters():
    proc = qgis_process("help", "ecospace:redline_check")
    assert proc.returncode == 0, proc.stderr
    for name in ("REDLINE", "FARMLAND", "CONFLICT_LAYERS", "MIN_PART_AREA", "ERROR_COUNT"):
        assert name in proc.stdout


def test_redline_check_on_the_sample(tmp_path):
    out, stats, report = tmp_path / "f.gpkg", tmp_path / "s.csv", tmp_path / "r.html"
    proc = qgis_process(
        "run", "ecospace:redline_check", "--",
        "REDLINE=" + layer("redline"), "FARMLAND=" + layer("farmland"),
        "URBAN_BOUNDARY=" + layer("urban_boundary"), "PROTECTED_AREAS=" + layer("protected_areas"),
        "CONFLICT_LAYERS=" + layer("construction_land"), "CONFLICT_LAYERS=" + layer("mining_rights"),
        "CONFLICT_LAYERS=" + layer("settlements"), "COUNTIES=" + layer("counties"),
        "COUNTY_CODE_FIELD=XZQDM", "COUNTY_NAME_FIELD=XZQMC",
        "OUTPUT={}".format(out), "STATISTICS={}".format(stats), "REPORT={}".format(report))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    found = rows(out)
    expected = Counter((d["rule"], d["layer"], d["fid"]) for d in MANIFEST)
    assert Counter((r[0], r[2], r[3]) for r in found) == expected
    errors = sum(1 for d in MANIFEST if d["severity"] == "error")
    assert "ERROR_COUNT:\t{}".format(errors) in proc.stdout
    assert default_styles(out) == 1
    assert stats.exists() and "TOTAL" in stats.read_text(encoding="utf-8")
    assert "RL_OVERLAP_PBF" in report.read_text(encoding="utf-8")


def test_bad_input_gives_a_message_not_a_traceback(tmp_path):
    proc = qgis_process("run", "ecospace:redline_check", "--", "REDLINE=" + layer("project_sites_points"),
                        "OUTPUT={}".format(tmp_path / "f.gpkg"))
    assert proc.returncode != 0
    text = proc.stdout + proc.stderr
    assert "must hold polygons" in text and "Traceback" not in text
    assert not (tmp_path / "f.gpkg").exists()


def test_example_model_headless(tmp_path):
    out = tmp_path / "model.gpkg"
    proc = qgis_process("run", str(MODELS / "redline_check_styled.model3"), "--",
                        "redline=" + layer("redline"), "farmland=" + layer("farmland"),
                        "urban_boundary=" + layer("urban_boundary"), "counties=" + layer("counties"),
                        "county_code_field=XZQDM", "redline_check:findings={}".format(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    rules = {r[0] for r in rows(out)}
    assert {"RL_OVERLAP_PBF", "RL_OVERLAP_UDB", "RL_CROSS_COUNTY"} <= rules
    assert "RL_PA_OUTSIDE" not in rules  # PROTECTED_AREAS was not given
    assert default_styles(out) == 1


def test_style_layer_stores_the_default_style(tmp_path):
    """style_layer on a GeoPackage copy of the sample's units: the 'units' style becomes the table's default."""
    src = ogr.Open(str(SAMPLE))
    path = tmp_path / "units.gpkg"
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    ds.CopyLayer(src.GetLayerByName("control_units"), "control_units")
    ds = None
    proc = qgis_process("run", "ecospace:style_layer", "--", "INPUT={}|layername=control_units".format(path),
                        "STYLE=2")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert default_styles(path) == 1
    qml = default_style_qml(path)
    assert 'attr="ZHGKDYFL"' in qml and "HJZHGKDYBM" in qml
