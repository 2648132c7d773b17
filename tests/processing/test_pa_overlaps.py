"""ecospace:protected_area_overlaps through processing.run: the sample's overlapping pre-integration areas
with the suggested keeper, protected area outside the red line, and awkward inputs."""
from pathlib import Path

import pytest
from qgis.core import QgsProcessingException

from ..support import SAMPLE, layer, md5, sample_json, table

PLANTED = sample_json("defects_reserves.json")
REDLINE_DEFECTS = sample_json("defects.json")
ALG = "ecospace:protected_area_overlaps"

pytestmark = pytest.mark.usefixtures("provider")  # the ecospace provider (conftest) is registered


def run(params, tmp_path):
    import processing

    full = {"OUTPUT": str(tmp_path / "findings.gpkg"), "OVERLAPS": str(tmp_path / "overlaps.gpkg")}
    full.update(params)
    return processing.run(ALG, full)


def planted(source_layer):
    return [e for e in PLANTED if e["check"] == "protected_area_overlaps" and e["source_layer"] == source_layer]


def test_overlaps_with_the_suggested_keeper(tmp_path):
    before = md5(SAMPLE)
    results = run({"RESERVES": layer("pa_pre_integration"), "REPORT": str(tmp_path / "r.html")}, tmp_path)
    found = table(results["OUTPUT"])
    expected = planted("pa_pre_integration")
    assert sorted((f["rule"], f["feature_fid"], f["other_fid"]) for f in found) == sorted(
        (e["rule"], e["fid"], e["other_fid"]) for e in expected)
    overlaps = {(r["area_fid"], r["other_fid"]): r for r in table(results["OVERLAPS"])}
    for e in expected:
        f = next(f for f in found if (f["rule"], f["feature_fid"]) == (e["rule"], e["fid"]))
        assert f["severity"] == e["severity"]
        if e["rule"] != "PA_OVERLAP":
            continue
        assert f["area_m2"] == pytest.approx(e["area_m2"], rel=1e-3)
        assert f["category"] == e["reason"]
        row = overlaps[(e["fid"], e["other_fid"])]
        assert (row["keeper_fid"], row["reason"]) == (e["keeper_fid"], e["reason"])
        assert row["area_m2"] == pytest.approx(e["area_m2"], rel=1e-3)
        assert row["area_id"] in f["message"] and row["other_id"] in f["message"]
        if e["keeper_fid"] > 0:
            assert row["keeper_id"] and "suggested keeper {}".format(row["keeper_id"]) in f["message"]
        else:
            assert row["keeper_id"] in ("", None) and "no keeper" in f["message"]
    assert results["ERROR_COUNT"] == 3 and results["WARNING_COUNT"] == 1
    assert "PA_OVERLAP" in Path(results["REPORT"]).read_text(encoding="utf-8")
    assert md5(SAMPLE) == before


def test_protected_area_outside_the_red_line(tmp_path):
    results = run({"RESERVES": layer("protected_areas"), "REDLINE": layer("redline")}, tmp_path)
    found = table(results["OUTPUT"])
    outside = [f for f in found if f["rule"] == "PA_OUTSIDE_REDLINE"]
    e = planted("protected_areas")[0]
    assert [(f["feature_fid"], f["severity"]) for f in outside] == [(e["fid"], "error")]
    assert outside[0]["area_m2"] == pytest.approx(e["area_m2"], rel=1e-3)
    # the same piece the red-line check reports as RL_PA_OUTSIDE
    rl = next(d for d in REDLINE_DEFECTS if d["rule"] == "RL_PA_OUTSIDE")
    assert outside[0]["area_m2"] == pytest.approx(rl["area_m2"], rel=1e-3)
    # the red line's own null and invalid patches are reported, and the run went on
    bad = {(d["rule"], d["fid"]) for d in REDLINE_DEFECTS if d["rule"] in ("RL_GEOM_NULL", "RL_GEOM_INVALID")}
    got = {(f["rule"].replace("PA_", "RL_"), f["feature_fid"]) for f in found if f["layer"] == "REDLINE"}
    assert got == bad
    assert not [f for f in found if f["rule"] == "PA_OVERLAP"]  # the integrated layer has no overlaps


def test_absent_level_and_type_fields_leave_every_keeper_undecided(tmp_path):
    results = run({"RESERVES": layer("pa_pre_integration"), "LEVEL_FIELD": "JIBIE", "TYPE_FIELD": "LEIXING"},
                  tmp_path)
    rows = table(results["OVERLAPS"])
    assert len(rows) == 3 and {r["reason"] for r in rows} == {"undecided"}


def test_points_are_refused_with_a_message(tmp_path):
    with pytest.raises(QgsProcessingException, match="polygon"):
        run({"RESERVES": layer("activity_points")}, tmp_path)
    assert not (tmp_path / "findings.gpkg").exists()


def test_missing_id_field_is_named(tmp_path):
    with pytest.raises(QgsProcessingException, match="NOPE"):
        run({"RESERVES": layer("pa_pre_integration"), "RESERVE_ID_FIELD": "NOPE"}, tmp_path)
