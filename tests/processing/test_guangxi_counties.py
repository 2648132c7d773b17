"""The real Guangxi county layer (../shared/data, EPSG:4326) as COUNTIES for a red line in CGCS2000 GK zone 36.

Patches are placed across real county lines; expected pieces and areas come from QGIS's own
geometry engine and QgsDistanceArea on the CGCS2000 ellipsoid, independent of the plugin.
"""
from pathlib import Path

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsDistanceArea,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "guangxi_admin" / "guangxi_admin.gpkg"
GK = QgsCoordinateReferenceSystem("EPSG:4524")


def load_counties():
    """Loaded inside the test, not in a fixture: a QgsVectorLayer that outlives the test frame
    (fixture teardown) after its features were read crashed QGIS 3.22 in pytest."""
    if not SHARED.exists():
        pytest.skip("../shared/data/guangxi_admin is not beside the checkout")
    layer = QgsVectorLayer("{}|layername=guangxi_county".format(SHARED), "guangxi_county", "ogr")
    assert layer.isValid() and layer.featureCount() == 111
    return layer


def county_geoms(counties):
    to_gk = QgsCoordinateTransform(counties.crs(), GK, QgsProject.instance())
    out = {}
    for f in counties.getFeatures():
        g = QgsGeometry(f.geometry())
        g.transform(to_gk)
        out[f.id()] = (f["adcode"], f["name"], g)
    return out


def crossing_points(geoms, wanted=3):
    """Points on shared county lines near 108° E (inside GK zone 36), with the two counties."""
    found = []
    items = sorted(geoms.items())
    for i, (fa, (_code_a, _, ga)) in enumerate(items):
        c = ga.centroid().asPoint()
        if abs(c.x() - 36500000) > 80000:
            continue
        for fb, (_code_b, _, gb) in items[i + 1:]:
            if not ga.boundingBoxIntersects(gb):
                continue
            shared = ga.intersection(gb)
            if shared.length() > 5000:
                found.append((shared.interpolate(shared.length() / 2).asPoint(), fa, fb))
                break
        if len(found) == wanted:
            return found
    return found


def test_red_line_across_real_county_lines(provider, tmp_path):
    import processing

    counties = load_counties()
    geoms = county_geoms(counties)
    crossings = crossing_points(geoms)
    assert len(crossings) == 3
    da = QgsDistanceArea()
    da.setSourceCrs(GK, QgsProject.instance().transformContext())
    da.setEllipsoid("EPSG:1024")

    red = QgsVectorLayer("Polygon?crs=EPSG:4524&field=BSM:string&field=XZQDM:string&field=MJ:double",
                         "STBHHX", "memory")
    expected_cross, feats = {}, []
    for k, (pt, fa, fb) in enumerate(crossings, start=1):
        patch = QgsGeometry.fromPointXY(QgsPointXY(pt)).buffer(600, 16)
        pieces = {fid: patch.intersection(geoms[fid][2]) for fid in (fa, fb)}
        areas = {fid: da.measureArea(g) for fid, g in pieces.items()}
        major = max(areas, key=areas.get)
        minor = fa if major == fb else fb
        expected_cross[k] = (minor, areas[minor], major)
        code = geoms[major if k != 3 else minor][0]  # patch 3 carries its minority county's code
        f = QgsFeature(red.fields())
        f.setGeometry(patch)
        f.setAttributes(["P%d" % k, code, da.measureArea(patch)])
        feats.append(f)
    red.dataProvider().addFeatures(feats)

    out = tmp_path / "findings.gpkg"
    stats = tmp_path / "stats.csv"
    processing.run("ecospace:redline_check", {
        "REDLINE": red, "COUNTIES": counties, "COUNTY_CODE_FIELD": "adcode", "COUNTY_NAME_FIELD": "name",
        "OUTPUT": str(out), "STATISTICS": str(stats)})
    findings = [(f["rule"], f["feature_fid"], f["other_fid"], f["area_m2"])
                for f in QgsVectorLayer(str(out), "f", "ogr").getFeatures()]
    cross = {r[1]: r for r in findings if r[0] == "RL_CROSS_COUNTY"}
    assert sorted(cross) == [1, 2, 3]
    for fid, (minor, area, _) in expected_cross.items():
        assert cross[fid][2] == minor
        assert cross[fid][3] == pytest.approx(area, rel=1e-3)
    # the wrong code is reported against the county holding most of the patch
    assert [(r[1], r[2]) for r in findings if r[0] == "RL_COUNTY_CODE"] == [(3, expected_cross[3][2])]
    assert {r[0] for r in findings} == {"RL_CROSS_COUNTY", "RL_COUNTY_CODE"}

    rows = QgsVectorLayer(str(stats), "s", "ogr")
    table = {f["code"]: f for f in rows.getFeatures()}
    # the counties the red line lies in, not all 111
    assert set(table) == {geoms[f][0] for _, fa, fb in crossings for f in (fa, fb)} | {"TOTAL"}
    total = float(table["TOTAL"]["area_m2"])
    by_county = sum(float(f["area_m2"]) for c, f in table.items() if c != "TOTAL")
    assert by_county == pytest.approx(total, rel=1e-6)
    assert int(table["TOTAL"]["patches"]) == 3


# GCJ-02 moves Guangxi by roughly this much (the county layer is GCJ-02, tagged EPSG:4326)
GCJ_SHIFT = (480.0, -290.0)  # metres east, north: 561 m


def test_a_datum_shift_of_the_county_layer_is_boundary_noise(provider):
    """A red line drawn up to the true county lines, against the real county layer on GCJ-02: every
    piece beyond a county line is a strip along it, no wider than the shift. With
    BOUNDARY_NOISE_WIDTH above the shift they are boundary mismatches (info), not crossings to
    split; a real crossing of 1.5 km stays a crossing. The pieces are the same either way."""
    import processing

    counties = load_counties()
    geoms = county_geoms(counties)
    crossings = crossing_points(geoms)
    da = QgsDistanceArea()
    da.setSourceCrs(GK, QgsProject.instance().transformContext())
    da.setEllipsoid("EPSG:1024")
    red = QgsVectorLayer("Polygon?crs=EPSG:4524&field=BSM:string&field=XZQDM:string", "STBHHX", "memory")
    feats = []
    for pt, fa, _ in crossings:
        true_a = QgsGeometry(geoms[fa][2])
        true_a.translate(-GCJ_SHIFT[0], -GCJ_SHIFT[1])  # where county fa really lies
        patch = true_a.intersection(QgsGeometry.fromRect(
            QgsRectangle(pt.x() - 1500, pt.y() - 1500, pt.x() + 1500, pt.y() + 1500)))
        shares = {fid: da.measureArea(patch.intersection(g)) for fid, (_, _, g) in geoms.items()
                  if g.boundingBoxIntersects(patch)}
        assert max(shares, key=shares.get) == fa  # the patch's own county holds most of it
        feats.append((patch, geoms[fa][0]))
    pt, fa, fb = crossings[0]  # a real crossing: 1.5 km into fb, whatever the datum
    real = QgsGeometry.fromPointXY(QgsPointXY(pt)).buffer(1500, 16)
    shares = {fid: da.measureArea(real.intersection(geoms[fid][2])) for fid in (fa, fb)}
    feats.append((real, geoms[max(shares, key=shares.get)][0]))
    for k, (g, code) in enumerate(feats, start=1):
        f = QgsFeature(red.fields())
        f.setGeometry(g)
        f.setAttributes(["450000STBHHX%04d" % k, code])
        red.dataProvider().addFeatures([f])

    def county_findings(width):
        params = {"REDLINE": red, "COUNTIES": counties, "COUNTY_CODE_FIELD": "adcode",
                  "COUNTY_NAME_FIELD": "name", "CODE_FIELD": "BSM", "AREA_FIELD": "",
                  "OUTPUT": "TEMPORARY_OUTPUT", "STATISTICS": "TEMPORARY_OUTPUT"}
        if width is not None:
            params["BOUNDARY_NOISE_WIDTH"] = width
        out = processing.run("ecospace:redline_check", params)["OUTPUT"]
        return sorted((f["feature_fid"], f["other_fid"], f["rule"], f["severity"], f["feature_code"],
                       round(f["area_m2"], 3), f["message"]) for f in out.getFeatures()
                      if "COUNTY" in f["rule"])

    default, wide = county_findings(None), county_findings(700)
    assert [r[:2] for r in default] == [r[:2] for r in wide]  # the same pieces, told apart
    assert [r[5] for r in default] == [r[5] for r in wide]
    assert {r[0] for r in wide} == {1, 2, 3, 4}
    real_piece = [r for r in wide if r[0] == 4]
    assert [(r[1], r[2], r[3]) for r in real_piece] == [(fb, "RL_CROSS_COUNTY", "warning")]
    assert real_piece[0][5] == pytest.approx(shares[fb], rel=1e-3)
    noise = [r for r in wide if r[0] != 4]
    assert {(r[2], r[3]) for r in noise} == {("RL_COUNTY_BOUNDARY_MISMATCH", "info")}
    # at the default 50 m, the strips wider than 50 m are crossings: what the technician saw (the
    # strip of patch 1 runs where the shift is almost along the line: 4,439 m² over 3 km)
    assert [r[2] for r in default] == ["RL_COUNTY_BOUNDARY_MISMATCH"] + ["RL_CROSS_COUNTY"] * 3
    names = {fid: (code, name) for fid, (code, name, _) in geoms.items()}
    for fid, other, _, _, code, _, message in noise:
        assert code == "450000STBHHX%04d" % fid
        assert message.startswith("Patch {} (fid {}) reaches ".format(code, fid))
        assert "into county {} {}, but only as a strip within 700 m".format(*names[other]) in message
        assert "GCJ-02" in message
