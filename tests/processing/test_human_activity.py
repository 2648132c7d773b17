"""ecospace:human_activity through processing.run: the sample's activity points and patches graded by zone,
the per-reserve table, only new or grown patches against PREVIOUS, and awkward inputs."""
from collections import Counter
from pathlib import Path

import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer, QgsWkbTypes

from ..support import SAMPLE, CancelAfter, layer, md5, sample_json, table

PLANTED = sample_json("defects_reserves.json")
REDLINE_DEFECTS = sample_json("defects.json")
ALG = "ecospace:human_activity"
ZONE_VALUES = "YBKZ=general_control"

pytestmark = pytest.mark.usefixtures("provider")  # the ecospace provider (conftest) is registered


def run(activities, tmp_path, feedback=None, **extra):
    import processing

    params = {"ACTIVITIES": layer(activities), "RESERVES": layer("protected_areas"), "ZONES": layer("pa_zones"),
              "ZONE_VALUES": ZONE_VALUES, "REDLINE": layer("redline"), "OUTPUT": str(tmp_path / "findings.gpkg"),
              "SUMMARY": str(tmp_path / "summary.gpkg")}
    params.update(extra)
    return processing.run(ALG, params, feedback=feedback)


def expected(check, layer):
    return [e for e in PLANTED if e["check"] == check and e["source_layer"] == layer]


def assert_activities(found, planted):
    acts = [f for f in found if f["layer"] == "ACTIVITIES"]
    assert sorted((f["rule"], f["feature_fid"], f["other_layer"], f["other_fid"]) for f in acts) == sorted(
        (e["rule"], e["fid"], e["other_layer"], e["other_fid"]) for e in planted)
    for e in planted:
        f = next(f for f in acts if f["feature_fid"] == e["fid"])
        assert f["severity"] == e["severity"], e
        if e["area_m2"] is not None:
            assert f["area_m2"] == pytest.approx(e["area_m2"], rel=1e-3), e
        if e["value"] is not None:
            assert f["value"] == pytest.approx(e["value"], rel=1e-3), e
    return acts


@pytest.mark.parametrize("layer", ["activity_points", "activity_polygons"])
def test_activities_graded_by_zone(layer, tmp_path):
    before = md5(SAMPLE)
    results = run(layer, tmp_path, REPORT=str(tmp_path / "r.html"))
    found = table(results["OUTPUT"])
    acts = assert_activities(found, expected("human_activity", layer))
    strict = [f for f in acts if f["rule"] == "HA_STRICT_ZONE"]
    assert strict and all(f["severity"] == "error" and "prohibited" in f["message"] for f in strict)
    control = [f for f in acts if f["rule"] == "HA_CONTROL_ZONE"]
    assert control and all(f["severity"] == "warning" and "142" in f["message"] for f in control)
    # the 142号 items come from the activity type: mining → 7, roads → 6, farmland → 2
    items = {"采矿": "7", "道路": "6", "农田": "2"}
    for f in control:
        if f["note"] in items:
            assert f["category"] == items[f["note"]]
    # the red line's null and invalid patches are input warnings, and the run went on
    bad = {d["fid"] for d in REDLINE_DEFECTS if d["rule"] in ("RL_GEOM_NULL", "RL_GEOM_INVALID")}
    assert {f["feature_fid"] for f in found if f["layer"] == "REDLINE"} == bad
    kind = QgsVectorLayer(results["OUTPUT"], "f", "ogr").geometryType()
    assert kind == (QgsWkbTypes.PointGeometry if layer == "activity_points" else QgsWkbTypes.PolygonGeometry)
    assert results["ERROR_COUNT"] == len(strict)
    assert "HA_STRICT_ZONE" in Path(results["REPORT"]).read_text(encoding="utf-8")
    assert md5(SAMPLE) == before


def test_table_per_reserve_zone_and_type(tmp_path):
    results = run("activity_polygons", tmp_path)
    acts = [f for f in table(results["OUTPUT"]) if f["layer"] == "ACTIVITIES"]
    summary = table(results["SUMMARY"])
    assert sum(r["count"] for r in summary) == len(acts)
    assert sum(r["area_m2"] for r in summary) == pytest.approx(sum(f["area_m2"] for f in acts), rel=1e-9)
    by_zone = Counter()
    for r in summary:
        by_zone[(r["reserve_id"] or "", r["zone"] or "")] += r["count"]
    assert by_zone[("", "")] == sum(f["rule"] == "HA_REDLINE" for f in acts)
    assert by_zone[("NP450124001", "核心保护区")] == 1
    assert all(r["area_ha"] == pytest.approx(r["area_m2"] / 1e4) for r in summary)


def test_only_new_or_grown_patches_with_previous(tmp_path):
    results = run("activity_polygons", tmp_path, PREVIOUS=layer("activity_polygons_2024"))
    planted = expected("human_activity_previous", "activity_polygons")
    acts = assert_activities(table(results["OUTPUT"]), planted)
    assert sorted(f["feature_fid"] for f in acts) == [4, 5, 6, 7, 8]
    grown = next(f for f in acts if f["feature_fid"] == 4)
    assert grown["value"] == pytest.approx(grown["area_m2"], rel=1e-6)  # the added part lies in one zone


def test_unknown_zone_value_stops_with_the_mapping_to_use(tmp_path):
    with pytest.raises(QgsProcessingException, match="YBKZ"):
        run("activity_points", tmp_path, ZONE_VALUES="")
    assert not (tmp_path / "findings.gpkg").exists()


def test_cancel_leaves_no_output(tmp_path):
    with pytest.raises(QgsProcessingException, match="cancelled"):
        run("activity_polygons", tmp_path, CancelAfter(50))
    assert not (tmp_path / "findings.gpkg").exists() and not (tmp_path / "summary.gpkg").exists()
