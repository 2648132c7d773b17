"""ecospace:units_check on the sample's control_units: every planted defect, one by one, and nothing else."""
import hashlib
import json
import math
from pathlib import Path

import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsProcessingException, QgsProcessingFeedback, QgsVectorLayer

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample" / "ecospace_sample.gpkg"
PLANTED = json.loads((ROOT / "resources" / "sample" / "defects_units.json").read_text(encoding="utf-8"))
ALG = "ecospace:units_check"
_RUN = {}


def layer(name):
    return "{}|layername={}".format(SAMPLE, name)


def base_params(out_dir):
    return {"UNITS": layer("control_units"), "COUNTIES": layer("counties"), "COUNTY_CODE_FIELD": "XZQDM",
            "REDLINE": layer("redline"), "PRIORITY_LAYERS": [layer("priority_zones"), layer("redline")],
            "KEY_LAYERS": [layer("key_zones")], "OUTPUT": str(out_dir / "findings.gpkg"),
            "STATISTICS": str(out_dir / "stats.csv"), "REPORT": str(out_dir / "report.html")}


def read(path):
    lyr = QgsVectorLayer(str(path), "f", "ogr")
    assert lyr.isValid(), path
    out = []
    for f in lyr.getFeatures():
        row = {n: (None if f[n] is None or (hasattr(f[n], "isNull") and f[n].isNull()) else f[n])
               for n in lyr.fields().names()}
        out.append(row)
    return out


@pytest.fixture(scope="module")
def sample_run(provider, tmp_path_factory):
    import processing

    out = tmp_path_factory.mktemp("units_check")
    before = hashlib.md5(SAMPLE.read_bytes()).hexdigest()
    result = processing.run(ALG, base_params(out))
    assert hashlib.md5(SAMPLE.read_bytes()).hexdigest() == before  # inputs unchanged
    return result, read(result["OUTPUT"]), out


def _key(d):
    return (d["rule"], d["layer"], d["fid"], d["other_fid"])


def test_exactly_the_planted_findings(sample_run):
    _, rows, _ = sample_run
    got = sorted(_key({"rule": r["rule"], "layer": r["layer"], "fid": r["feature_fid"], "other_fid": r["other_fid"]})
                 for r in rows)
    assert got == sorted(_key(d) for d in PLANTED)


@pytest.mark.parametrize("planted", PLANTED, ids=lambda d: "{}-{}-{}".format(d["rule"], d["layer"], d["fid"]))
def test_each_planted_finding(sample_run, planted):
    _, rows, _ = sample_run
    match = [r for r in rows if (r["rule"], r["layer"], r["feature_fid"], r["other_fid"]) ==
             (planted["rule"], planted["layer"], planted["fid"], planted["other_fid"])]
    assert len(match) == 1, planted
    row = match[0]
    assert row["severity"] == planted["severity"]
    if planted["area_m2"] is not None and planted["rule"] not in ("UNIT_CODE_COUNTY",):
        assert row["area_m2"] == pytest.approx(planted["area_m2"], rel=1e-3)
    assert row["message"] and "{" not in row["message"]


def test_counts_statistics_and_report(sample_run):
    result, rows, out = sample_run
    errors = sum(1 for d in PLANTED if d["severity"] == "error")
    assert (result["ERROR_COUNT"], result["WARNING_COUNT"]) == (errors, len(PLANTED) - errors)
    stats = (out / "stats.csv").read_text(encoding="utf-8")
    assert "TOTAL" in stats and "450122" in stats
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "UNIT_REDLINE_LOWER" in html and "data:image/png;base64," in html


def test_style_is_embedded(sample_run):
    import sqlite3

    result, _, _ = sample_run
    with sqlite3.connect(result["OUTPUT"]) as db:
        assert db.execute("select count(*) from layer_styles where useAsDefault").fetchone()[0] == 1


def memory_units(wkts, attrs, fields=("HJZHGKDYBM:string", "HJZHGKDYMC:string", "ZHGKDYFL:integer")):
    uri = "Polygon?crs=EPSG:4524" + "".join("&field=" + f for f in fields)
    lyr = QgsVectorLayer(uri, "units", "memory")
    feats = []
    for wkt, values in zip(wkts, attrs):
        f = QgsFeature(lyr.fields())
        f.setGeometry(QgsGeometry.fromWkt(wkt))
        f.setAttributes(values)
        feats.append(f)
    assert lyr.dataProvider().addFeatures(feats)[0]
    return lyr


def square(x0, y0, size):
    x0, y0 = 36500000 + x0, 2540000 + y0
    return "POLYGON(({0} {1},{2} {1},{2} {3},{0} {3},{0} {1}))".format(x0, y0, x0 + size, y0 + size)


def counties():
    lyr = QgsVectorLayer("Polygon?crs=EPSG:4524&field=XZQDM:string", "c", "memory")
    f = QgsFeature(lyr.fields())
    f.setGeometry(QgsGeometry.fromWkt(square(0, 0, 2000)))
    f.setAttributes(["450122"])
    lyr.dataProvider().addFeatures([f])
    return lyr


def test_without_access_fields_the_check_is_skipped_and_mapping_works(provider, tmp_path):
    import processing

    units = memory_units([square(0, 0, 1000), square(1000, 0, 1000)],
                         [["ZH45012230001", "甲", 3], ["ZH45012230002", "", 3]],
                         fields=("BM:string", "HJZHGKDYMC:string", "FL:integer"))
    feedback = QgsProcessingFeedback()
    result = processing.run(ALG, {"UNITS": units, "COUNTIES": counties(), "COUNTY_CODE_FIELD": "XZQDM",
                                  "CODE_FIELD": "BM", "CLASS_FIELD": "FL", "OUTPUT": str(tmp_path / "f.gpkg")},
                            feedback=feedback)
    rows = read(result["OUTPUT"])
    assert sorted((r["rule"], r["feature_fid"]) for r in rows) == [("UNIT_ATTR_EMPTY", 2), ("UNIT_GAP", None)]
    gap = next(r for r in rows if r["rule"] == "UNIT_GAP")
    assert gap["area_m2"] == pytest.approx(2e6, rel=1e-3)


def test_missing_county_field_is_refused(provider, tmp_path):
    import processing

    units = memory_units([square(0, 0, 1000)], [["ZH45012230001", "甲", 3]])
    with pytest.raises(QgsProcessingException, match="has no field .NOPE."):
        processing.run(ALG, {"UNITS": units, "COUNTIES": counties(), "COUNTY_CODE_FIELD": "NOPE",
                             "OUTPUT": str(tmp_path / "f.gpkg")})
    assert not (tmp_path / "f.gpkg").exists()


def test_cancel_leaves_no_output(provider, tmp_path):
    import processing

    feedback = QgsProcessingFeedback()
    feedback.progressChanged.connect(lambda p: feedback.cancel() if p > 40 else None)
    with pytest.raises(QgsProcessingException, match="cancelled"):
        processing.run(ALG, base_params(tmp_path), feedback=feedback)
    assert not (tmp_path / "findings.gpkg").exists() and not (tmp_path / "report.html").exists()


def test_planted_areas_are_sane():
    """The manifest itself: every geometric finding has an area, attribute ones name the field."""
    for d in PLANTED:
        assert d["area_m2"] is None or d["area_m2"] > 0
        assert not (isinstance(d["area_m2"], float) and math.isnan(d["area_m2"]))


def test_threads_give_the_same_findings_and_statistics(provider, tmp_path):
    """THREADS=2 (county partitions on a pool) equals THREADS=1 (the whole check): every row of
    the findings and of the statistics."""
    import processing

    def run(threads):
        out = tmp_path / "t{}".format(threads)
        out.mkdir()
        params = dict(base_params(out), THREADS=threads, REPORT=None)
        result = processing.run(ALG, params)
        rows = lambda path: sorted((json.dumps({k: (round(v, 6) if isinstance(v, float) else v)  # noqa: E731
                                                for k, v in r.items() if k != "fid"}, sort_keys=True,
                                               default=str) for r in read(path)))
        return rows(result["OUTPUT"]), rows(result["STATISTICS"]), result["ERROR_COUNT"]

    one, two = run(1), run(2)
    assert one == two
    assert len(one[0]) > 10
