"""ecospace:reserve_check through processing.run: the sample's planted zone defects, the summary and
two-zone outputs, and awkward inputs (each a clear message or a finding)."""
from pathlib import Path

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)

from ..support import SAMPLE, default_styles, gpkg_query, layer, md5, plain, recode_dbf_to_gbk, sample_json

PLANTED = sample_json("defects_reserves.json")
ALG = "ecospace:reserve_check"
ZONE_VALUES = "YBKZ=general_control"
X, Y = 36500000, 2540000
_RUN = {}

pytestmark = pytest.mark.usefixtures("provider")  # the ecospace provider (conftest) is registered


def table(path):
    lyr = path if isinstance(path, QgsVectorLayer) else QgsVectorLayer(str(path), "t", "ogr")
    assert lyr.isValid(), path
    names = lyr.fields().names()
    return [dict({n: plain(f[n]) for n in names}, _geom=f.geometry()) for f in lyr.getFeatures()]


def run(params, tmp_path, feedback=None):
    import processing

    full = {"OUTPUT": str(tmp_path / "findings.gpkg"), "SUMMARY": "TEMPORARY_OUTPUT"}
    full.update(params)
    return processing.run(ALG, full, feedback=feedback)


@pytest.fixture
def sample_run(tmp_path_factory):
    """One run on the sample with every output; shared by the tests below."""
    if not _RUN:
        out = tmp_path_factory.mktemp("reserve_check")
        before = md5(SAMPLE)
        results = run({"RESERVES": layer("protected_areas"), "ZONES": layer("pa_zones"), "ZONE_VALUES": ZONE_VALUES,
                       "SUMMARY": str(out / "summary.gpkg"), "ZONES_TWO_SYSTEM": str(out / "two.gpkg"),
                       "REPORT": str(out / "report.html")}, out)
        _RUN.update(results=results, findings=table(results["OUTPUT"]), summary=table(results["SUMMARY"]),
                    two=table(results["ZONES_TWO_SYSTEM"]), before=before, after=md5(SAMPLE))
    return _RUN


def test_every_planted_zone_defect_and_nothing_else(sample_run):
    expected = {(e["rule"], e["layer"], e["fid"], e["other_fid"]): e for e in PLANTED
                if e["check"] == "reserve_check"}
    got = {(f["rule"], f["layer"], f["feature_fid"], f["other_fid"]): f for f in sample_run["findings"]}
    assert sorted(got) == sorted(expected)
    for key, e in expected.items():
        f = got[key]
        assert f["severity"] == e["severity"], key
        if e["area_m2"] is not None:
            assert f["area_m2"] == pytest.approx(e["area_m2"], rel=1e-3), key
        if e["length_m"] is not None:
            assert f["length_m"] == pytest.approx(e["length_m"], rel=1e-3), key
        if e["value"] is not None:
            assert f["value"] == pytest.approx(e["value"], rel=1e-9), key
        assert f["message"] and "{" not in f["message"], key


def test_counts_and_inputs_unchanged(sample_run):
    results = sample_run["results"]
    errors = sum(1 for e in PLANTED if e["check"] == "reserve_check" and e["severity"] == "error")
    warnings = sum(1 for e in PLANTED if e["check"] == "reserve_check" and e["severity"] == "warning")
    assert (results["ERROR_COUNT"], results["WARNING_COUNT"], results["INFO_COUNT"]) == (errors, warnings, 0)
    assert sample_run["before"] == sample_run["after"]
    text = Path(results["REPORT"]).read_text(encoding="utf-8")
    assert "RES_ZONE_GAP" in text and "NR450123001" in text and "data:image/png;base64," in text


def test_summary_per_reserve(sample_run):
    rows = {r["reserve_id"]: r for r in sample_run["summary"]}
    assert len(rows) == 8
    assert rows["NR450122002"]["system"] == "mixed" and rows["NR450122002"]["verdict"] == "error"
    assert rows["NR450123001"]["system"] == "three_zone" and rows["NR450124001"]["verdict"] == "warning"
    assert rows["NP450124001"]["system"] == "two_zone" and rows["NP450124001"]["verdict"] == "warning"
    assert rows["NA450122001"]["verdict"] == "pass" and rows["NA450124001"]["verdict"] == "pass"
    gap = next(e for e in PLANTED if e["rule"] == "RES_ZONE_GAP")
    assert rows["NR450123001"]["gap_m2"] == pytest.approx(gap["area_m2"], rel=1e-3)
    overlap = next(e for e in PLANTED if e["rule"] == "RES_ZONE_OVERLAP")
    assert rows["NR450123001"]["overlap_m2"] == pytest.approx(overlap["area_m2"], rel=1e-3)
    np_ = rows["NP450124001"]
    assert np_["core_protection_m2"] + np_["general_control_m2"] == pytest.approx(np_["area_m2"], rel=1e-6)
    assert np_["core_protection_pct"] + np_["general_control_pct"] == pytest.approx(100.0, rel=1e-6)
    assert np_["area_ha"] == pytest.approx(np_["area_m2"] / 1e4)
    assert np_["declared_m2"] == pytest.approx(next(e["value"] for e in PLANTED if e["rule"] == "RES_AREA_MISMATCH"))
    park = rows["NA450124001"]  # its zone is the mapped value YBKZ
    assert park["general_control_pct"] == pytest.approx(100.0, rel=1e-6) and park["unknown_m2"] == 0
    three = rows["NR450123001"]
    assert three["core_m2"] + three["buffer_m2"] + three["experimental_m2"] == pytest.approx(
        three["area_m2"] - three["gap_m2"] + three["overlap_m2"], rel=1e-6)


def test_two_zone_output_dissolved_and_styled(sample_run):
    two = sample_run["two"]
    per = {}
    for r in two:
        per.setdefault(r["reserve_id"], []).append(r["zone"])
    assert per["NR450123001"] == ["核心保护区", "一般控制区"] and per["NA450122001"] == ["一般控制区"]
    summary = {r["reserve_id"]: r for r in sample_run["summary"]}
    three = summary["NR450124001"]
    core = next(r for r in two if r["reserve_id"] == "NR450124001" and r["zone"] == "核心保护区")
    assert core["area_m2"] == pytest.approx(three["core_m2"] + three["buffer_m2"], rel=1e-6)
    assert all(r["_geom"].isGeosValid() for r in two)
    path = sample_run["results"]["ZONES_TWO_SYSTEM"]
    assert default_styles(path) == 1
    layer = QgsVectorLayer(path, "two", "ogr")
    assert layer.renderer().type() == "categorizedSymbol" and layer.renderer().classAttribute() == "zone"


def test_share_rules_are_off_by_default_and_warn_when_on(tmp_path):
    results = run({"RESERVES": layer("protected_areas"), "ZONES": layer("pa_zones"), "ZONE_VALUES": ZONE_VALUES,
                   "CHECK_SHARES": True}, tmp_path)
    found = table(results["OUTPUT"])
    rules = [f["rule"] for f in found]
    # the sample's three-zone cores are about 12 % of their reserves: below 1/3; the mixed one is not three-zone
    assert sorted(f["feature_fid"] for f in found if f["rule"] == "RES_SHARE_CORE") == [4, 5]
    # the national park's core protection zone is about a quarter of it: below 50 %
    park = next(f for f in found if f["rule"] == "RES_SHARE_CORE_PROTECTION")
    summary = {r["reserve_id"]: r for r in table(results["SUMMARY"])}
    assert park["feature_fid"] == 1 and park["severity"] == "warning"
    assert park["value"] == pytest.approx(summary["NP450124001"]["core_protection_pct"], rel=1e-6)
    assert "unverified" in park["message"]
    # and their experimental zones are most of them: above 1/3
    assert sorted(f["feature_fid"] for f in found if f["rule"] == "RES_SHARE_EXPERIMENTAL") == [4, 5]
    assert sum(r.startswith("RES_SHARE") for r in rules) == 5


# --- awkward inputs -----------------------------------------------------------------------------

def memory(kind, wkts, fields, attrs, crs="EPSG:4524", name="m"):
    layer = QgsVectorLayer("{}?crs={}{}".format(kind, crs, "".join("&field=" + f for f in fields)), name, "memory")
    feats = []
    for wkt, values in zip(wkts, attrs):
        feat = QgsFeature(layer.fields())
        if wkt:
            feat.setGeometry(QgsGeometry.fromWkt(wkt))
        feat.setAttributes(list(values))
        feats.append(feat)
    assert layer.dataProvider().addFeatures(feats)[0]
    return layer


def box(x0, y0, x1, y1):
    x0, y0, x1, y1 = X + x0, Y + y0, X + x1, Y + y1
    return "POLYGON(({0} {1},{2} {1},{2} {3},{0} {3},{0} {1}))".format(x0, y0, x1, y1)


def small_case(zone_rows=None, reserve_rows=None):
    reserves = memory("Polygon", [r[1] for r in reserve_rows or [("A", box(0, 0, 100, 100)),
                                                                   ("B", box(200, 0, 300, 100))]],
                      ["BHDDM:string"], [[r[0]] for r in reserve_rows or [("A",), ("B",)]], name="reserves")
    rows = zone_rows or [("A", "核心保护区", box(0, 0, 50, 100)), ("A", "一般控制区", box(50, 0, 100, 100)),
                         ("B", "一般控制区", box(200, 0, 300, 100))]
    zones = memory("Polygon", [r[2] for r in rows], ["BHDDM:string", "GNFQ:string"], [r[:2] for r in rows],
                   name="zones")
    return reserves, zones


def messages_of(params, tmp_path):
    with pytest.raises(QgsProcessingException) as err:
        run(params, tmp_path)
    return str(err.value)


class Feedback(QgsProcessingFeedback):
    def __init__(self, cancel_at=None):
        super().__init__()
        self.text, self.cancel_at = [], cancel_at

    def pushInfo(self, info):
        self.text.append(info)

    def pushWarning(self, warning):
        self.text.append(warning)

    def reportError(self, error, fatal=False):
        self.text.append(error)

    def setProgress(self, progress):
        super().setProgress(progress)
        if self.cancel_at is not None and progress >= self.cancel_at:
            self.cancel()


def test_unknown_zone_values_are_listed_with_how_to_map_them(tmp_path):
    text = messages_of({"RESERVES": layer("protected_areas"), "ZONES": layer("pa_zones")}, tmp_path)
    assert "'YBKZ'" in text and "ZONE_VALUES" in text and "YBKZ=core_protection" in text
    assert not (tmp_path / "findings.gpkg").exists()


def test_bad_zone_value_mapping(tmp_path):
    reserves, zones = small_case()
    text = messages_of({"RESERVES": reserves, "ZONES": zones, "ZONE_VALUES": "HX=centre"}, tmp_path)
    assert "'HX=centre' is not a value=kind pair" in text


def test_no_zone_matches_any_reserve_lists_the_ids(tmp_path):
    reserves, zones = small_case([("X1", "核心区", box(0, 0, 10, 10)), ("X2", "缓冲区", box(10, 0, 20, 10))])
    text = messages_of({"RESERVES": reserves, "ZONES": zones}, tmp_path)
    assert "'X1', 'X2'" in text and "RESERVE_ID_FIELD" in text


def test_orphan_zones_and_bare_reserves_are_findings_and_told(tmp_path):
    feedback = Feedback()
    reserves, zones = small_case([("A", "核心保护区", box(0, 0, 50, 100)), ("A", "一般控制区", box(50, 0, 100, 100)),
                                  ("Z", "核心区", box(500, 0, 510, 10))])
    results = run({"RESERVES": reserves, "ZONES": zones}, tmp_path, feedback)
    got = sorted((f["rule"], f["feature_fid"]) for f in table(results["OUTPUT"]))
    assert got == [("RES_NO_ZONES", 2), ("RES_ZONE_NO_RESERVE", 3)]
    assert any("NR" not in t and "Z" in t and "no reserve has" in t for t in feedback.text)
    assert any("have no zones: B" in t for t in feedback.text)


def test_invalid_and_multipart_geometries_are_findings_and_the_run_goes_on(tmp_path):
    bow_tie = "POLYGON(({0} {1},{2} {3},{2} {1},{0} {3},{0} {1}))".format(X + 50, Y, X + 100, Y + 100)
    multi = ("MULTIPOLYGON((({0} {1},{2} {1},{2} {3},{0} {3},{0} {1})),"
             "(({4} {1},{5} {1},{5} {3},{4} {3},{4} {1})))").format(
        X + 200, Y, X + 240, Y + 100, X + 260, X + 300)
    reserves, zones = small_case([("A", "核心保护区", box(0, 0, 50, 100)), ("A", "一般控制区", bow_tie),
                                  ("B", "一般控制区", multi)])
    results = run({"RESERVES": reserves, "ZONES": zones}, tmp_path)
    found = table(results["OUTPUT"])
    invalid = [f for f in found if f["rule"] == "RES_GEOM_INVALID"]
    assert [f["feature_fid"] for f in invalid] == [2] and "Self-intersection" in invalid[0]["message"]
    gaps = sorted((f["feature_fid"], round(f["area_m2"])) for f in found if f["rule"] == "RES_ZONE_GAP")
    assert gaps == [(1, 1250), (1, 1250), (2, 2000)]  # the bow tie's missing triangles; the multipart's middle


def test_zones_in_another_crs_are_reprojected_and_told(tmp_path):
    reserves, zones = small_case()
    transform = QgsCoordinateTransform(zones.crs(), QgsCoordinateReferenceSystem("EPSG:4490"), QgsProject.instance())
    wkts, attrs = [], []
    for f in zones.getFeatures():
        g = f.geometry()
        g.transform(transform)
        wkts.append(g.asWkt(12))
        attrs.append(f.attributes())
    geographic = memory("Polygon", wkts, ["BHDDM:string", "GNFQ:string"], attrs, crs="EPSG:4490", name="zones")
    feedback = Feedback()
    results = run({"RESERVES": reserves, "ZONES": geographic}, tmp_path, feedback)
    assert table(results["OUTPUT"]) == []
    assert any("reprojected from EPSG:4490 to EPSG:4524" in t for t in feedback.text)


def test_polygons_required(tmp_path):
    text = messages_of({"RESERVES": layer("activity_points"), "ZONES": layer("pa_zones")}, tmp_path)
    assert "RESERVES" in text or "polygon" in text.lower()


def test_cancel_leaves_no_output(tmp_path):
    feedback = Feedback(cancel_at=50)
    with pytest.raises(QgsProcessingException, match="cancelled"):
        run({"RESERVES": layer("protected_areas"), "ZONES": layer("pa_zones"), "ZONE_VALUES": ZONE_VALUES,
             "SUMMARY": str(tmp_path / "s.gpkg")}, tmp_path, feedback)
    assert not (tmp_path / "findings.gpkg").exists() and not (tmp_path / "s.gpkg").exists()


def test_unknown_zone_names_as_findings_when_asked(tmp_path):
    results = run({"RESERVES": layer("protected_areas"), "ZONES": layer("pa_zones"), "UNKNOWN_AS_FINDINGS": True},
                  tmp_path)
    unknown = [f for f in table(results["OUTPUT"]) if f["rule"] == "RES_ZONE_UNKNOWN"]
    assert [(f["feature_fid"], f["severity"]) for f in unknown] == [(16, "error")]
    assert "'YBKZ'" in unknown[0]["message"] and "YBKZ=core" in unknown[0]["message"]


def gbk_zones(tmp_path, how):
    """The sample's zones as a GBK shapefile, its encoding told by a .cpg file, by the .dbf's
    language driver byte (as ArcGIS writes it), or not at all."""
    from osgeo import ogr

    path = tmp_path / "gongnengfenqu.shp"
    ds = ogr.GetDriverByName("ESRI Shapefile").CreateDataSource(str(path))
    src = ogr.Open(str(SAMPLE))  # kept referenced: a layer dies with its dataset
    ds.CopyLayer(src.GetLayerByName("pa_zones"), "gongnengfenqu", ["ENCODING="])  # raw UTF-8 bytes
    ds = src = None
    dbf = path.with_suffix(".dbf")
    names = [name for (name,) in gpkg_query(SAMPLE, "select distinct GNFQ from pa_zones")]
    recode_dbf_to_gbk(dbf, [n for n in names if n and not n.isascii()])
    assert "核心区".encode("gbk") in dbf.read_bytes()  # really GBK on disk
    path.with_suffix(".cpg").unlink(missing_ok=True)
    if how == "cpg":
        path.with_suffix(".cpg").write_text("GBK")
    if how == "ldid":
        data = bytearray(dbf.read_bytes())
        data[29] = 0x4D  # language driver 77: code page 936
        dbf.write_bytes(bytes(data))
    return str(path)


@pytest.mark.parametrize("how", ["cpg", "ldid"])
def test_gbk_shapefile_zones_give_the_same_findings(sample_run, tmp_path, how):
    zones = gbk_zones(tmp_path, how)
    before = md5(zones[:-4] + ".dbf")
    results = run({"RESERVES": layer("protected_areas"), "ZONES": zones, "ZONE_VALUES": ZONE_VALUES}, tmp_path)
    key = lambda f: (f["rule"], f["layer"], round(f["area_m2"] or 0.0, 1))  # noqa: E731 (fids differ: shp)
    assert sorted(map(key, table(results["OUTPUT"]))) == sorted(map(key, sample_run["findings"]))
    assert md5(zones[:-4] + ".dbf") == before


def test_gbk_shapefile_without_encoding_says_so(tmp_path):
    """No .cpg and no language driver: the GBK names do not decode, and the message says why
    and what to do, before listing the unknown names."""
    text = messages_of({"RESERVES": layer("protected_areas"), "ZONES": gbk_zones(tmp_path, "none"),
                        "ZONE_VALUES": ZONE_VALUES}, tmp_path)
    assert "GBK" in text and ".cpg" in text and "\ufffd" in text
    assert not (tmp_path / "findings.gpkg").exists()
