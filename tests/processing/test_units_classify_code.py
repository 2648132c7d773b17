"""ecospace:units_classify and ecospace:units_code through processing.run on the sample data."""
import re

import numpy as np
import pytest
import shapely
from qgis.core import QgsFeature, QgsProcessingException, QgsVectorLayer

from ..support import md5, rows_and_shapes, uri

CODE = re.compile(r"^ZH\d{6}[123]\d{4}$")

pytestmark = pytest.mark.usefixtures("provider")  # the ecospace provider (conftest) is registered


def classify(params, out):
    import processing

    full = {"OUTPUT": str(out / "classified.gpkg"), "FINDINGS": str(out / "findings.gpkg")}
    full.update(params)
    return processing.run("ecospace:units_classify", full)


def factors(gpkg):
    return {"UNITS": uri(gpkg, "townships"), "PRIORITY_LAYERS": [uri(gpkg, "priority_zones")],
            "KEY_LAYERS": [uri(gpkg, "key_zones")]}


def planar_shares(gpkg):
    _, towns = rows_and_shapes(uri(gpkg, "townships"), [])
    _, prio = rows_and_shapes(uri(gpkg, "priority_zones"), [])
    _, key = rows_and_shapes(uri(gpkg, "key_zones"), [])
    prio = shapely.union_all(shapely.make_valid(prio))
    both = shapely.union(prio, shapely.union_all(shapely.make_valid(key)))
    area = shapely.area(towns)
    return (100 * shapely.area(shapely.intersection(towns, prio)) / area,
            100 * shapely.area(shapely.intersection(towns, both)) / area)


def test_classes_follow_the_shares(sample_gpkg, tmp_out):
    before = md5(sample_gpkg)
    result = classify(dict(factors(sample_gpkg), COUNTY_CODE_FIELD="XJDM", UNIT_NAME_FIELD="XZQMC",
                           SHARE_THRESHOLD=10), tmp_out)  # the sample's factor zones are small
    rows, geoms = rows_and_shapes(result["OUTPUT"])
    towns, _ = rows_and_shapes(uri(sample_gpkg, "townships"), ["XZQDM", "XZQMC", "XJDM"])
    assert [(r["XZQDM"], r["XZQMC"], r["XJDM"]) for r in rows] == \
        [(t["XZQDM"], t["XZQMC"], t["XJDM"]) for t in towns]  # every unit, attributes kept
    prio, ctrl = planar_shares(sample_gpkg)
    got_prio = np.array([r["priority_pct"] for r in rows])
    got_ctrl = np.array([r["controlled_pct"] for r in rows])
    assert got_prio == pytest.approx(prio, abs=0.01)
    assert got_ctrl == pytest.approx(ctrl, abs=0.01)
    assert got_prio == pytest.approx([r["PCT_priority_zones"] for r in rows])
    expected = np.where(got_prio >= 10, 1, np.where(got_ctrl >= 10, 2, 3))
    assert [r["ZHGKDYFL"] for r in rows] == list(expected)
    assert set(expected) == {1, 2, 3}
    for r in rows:
        assert CODE.match(r["HJZHGKDYBM"]) and r["HJZHGKDYBM"][2:8] == r["XJDM"]
        assert int(r["HJZHGKDYBM"][8]) == r["ZHGKDYFL"]
        assert r["HJZHGKDYMC"].startswith(r["XZQMC"]) and r["basis"]
    assert len({r["HJZHGKDYBM"] for r in rows}) == len(rows)
    assert md5(sample_gpkg) == before


def test_strict_and_findings(sample_gpkg, tmp_out):
    result = classify(dict(factors(sample_gpkg), STRICT=True), tmp_out)
    rows, _ = rows_and_shapes(result["OUTPUT"])
    for r in rows:
        assert (r["ZHGKDYFL"] == 1) == (r["priority_pct"] > 1e-6)
        assert r["basis"].startswith("strict")
    assert "HJZHGKDYBM" not in rows[0]  # no county field: no codes
    lenient = classify(factors(sample_gpkg), tmp_out / "..")
    found, _ = rows_and_shapes(lenient["FINDINGS"], ["rule", "feature_fid", "value"])
    lost = [r for r in found if r["rule"] == "UNIT_FIT_PRIORITY_LOST"]
    prio, _ = planar_shares(sample_gpkg)
    assert sorted(r["feature_fid"] for r in lost) == [k + 1 for k in np.flatnonzero((prio > 0) & (prio < 50))]


def test_classify_needs_a_factor_layer(sample_gpkg, tmp_out):
    with pytest.raises(QgsProcessingException, match="at least one"):
        classify({"UNITS": uri(sample_gpkg, "townships")}, tmp_out)


# --- units_code -----------------------------------------------------------------------------------

def units_with_codes(gpkg, codes, classes, with_code_field=True):
    """The first townships of county 450122 as units carrying the given codes and classes."""
    towns = QgsVectorLayer(uri(gpkg, "townships"), "t", "ogr")
    fields = "&field=ZHGKDYFL:integer" + ("&field=HJZHGKDYBM:string" if with_code_field else "")
    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:4524" + fields, "units", "memory")
    feats = []
    for town in towns.getFeatures():
        if town["XJDM"] != "450122" or len(feats) == len(classes):
            continue
        feat = QgsFeature(layer.fields())
        feat.setGeometry(town.geometry())
        attrs = [classes[len(feats)]] + ([codes[len(feats)]] if with_code_field else [])
        feat.setAttributes(attrs)
        feats.append(feat)
    assert layer.dataProvider().addFeatures(feats)[0]
    return layer


def code(params, out):
    import processing

    full = {"OUTPUT": str(out / "coded.gpkg"), "FINDINGS": str(out / "findings.gpkg"),
            "CHANGES": str(out / "changes.gpkg")}
    full.update(params)
    return processing.run("ecospace:units_code", full)


def test_codes_repaired_and_every_change_listed(sample_gpkg, tmp_out):
    codes = ["ZH45012210001", "ZH45012210001", "ZH45012330001", None, "bad"]
    units = units_with_codes(sample_gpkg, codes, [1, 1, 3, 2, 3])
    result = code({"UNITS": units, "COUNTIES": uri(sample_gpkg, "counties")}, tmp_out)
    rows, _ = rows_and_shapes(result["OUTPUT"], ["HJZHGKDYBM", "ZHGKDYFL"])
    new = [r["HJZHGKDYBM"] for r in rows]
    assert new[0] == "ZH45012210001" and all(CODE.match(c) for c in new) and len(set(new)) == 5
    assert all(c[2:8] == "450122" and int(c[8]) == r["ZHGKDYFL"] for c, r in zip(new, rows))
    changes, _ = rows_and_shapes(result["CHANGES"], ["feature_fid", "old_code", "new_code", "reason"])
    assert [(c["feature_fid"], c["old_code"], c["reason"]) for c in changes] == [
        (2, "ZH45012210001", "duplicate"), (3, "ZH45012330001", "county"), (4, "", "empty"),
        (5, "bad", "format")]
    assert [c["new_code"] for c in changes] == new[1:]
    found, _ = rows_and_shapes(result["FINDINGS"], ["rule", "feature_fid", "message"])
    changed = [f for f in found if f["rule"] == "UNIT_CODE_CHANGED"]
    assert [f["feature_fid"] for f in changed] == [2, 3, 4, 5]
    assert "ZH45012330001 → " + new[2] in changed[1]["message"]


def test_code_field_is_created_and_class_field_required(sample_gpkg, tmp_out):
    units = units_with_codes(sample_gpkg, None, [3, 3], with_code_field=False)
    result = code({"UNITS": units, "COUNTIES": uri(sample_gpkg, "counties")}, tmp_out)
    rows, _ = rows_and_shapes(result["OUTPUT"], ["HJZHGKDYBM"])
    assert sorted(r["HJZHGKDYBM"] for r in rows) == ["ZH45012230001", "ZH45012230002"]
    with pytest.raises(QgsProcessingException, match="has no field .FL."):
        code({"UNITS": units, "COUNTIES": uri(sample_gpkg, "counties"), "CLASS_FIELD": "FL"}, tmp_out)
