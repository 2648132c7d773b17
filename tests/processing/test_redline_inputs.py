"""ecospace:redline_check through processing.run on awkward inputs: each ends in a clear message or a finding."""
import hashlib
import os
import sqlite3

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsDistanceArea,
    QgsFeature,
    QgsGeometry,
    QgsProcessingException,
    QgsProject,
    QgsVectorLayer,
)

from ..support import CancelAfter, recode_dbf_to_gbk, shapefile_without_crs

ALG = "ecospace:redline_check"
GK = "EPSG:4524"
X, Y = 36500000, 2540000

pytestmark = pytest.mark.usefixtures("provider")  # the ecospace provider (conftest) is registered


def memory_layer(wkts, geom_type="Polygon", crs=GK, fields=("BSM:string", "XZQDM:string", "MJ:double"),
                 attrs=None, name="rl"):
    uri = geom_type + ("?crs=" + crs if crs else "?") + "".join("&field=" + f for f in fields)
    layer = QgsVectorLayer(uri, name, "memory")
    feats = []
    for k, wkt in enumerate(wkts):
        feat = QgsFeature(layer.fields())
        if wkt is not None:
            feat.setGeometry(QgsGeometry.fromWkt(wkt))
        if attrs is not None:
            feat.setAttributes(attrs[k])
        feats.append(feat)
    assert layer.dataProvider().addFeatures(feats)[0]
    return layer


def square(x0, y0, size, dx=X, dy=Y):
    x0, y0 = x0 + dx, y0 + dy
    return "POLYGON(({0} {1},{2} {1},{2} {3},{0} {3},{0} {1}))".format(x0, y0, x0 + size, y0 + size)


def run(processing_params, tmp_path, feedback=None):
    import processing

    params = {"OUTPUT": str(tmp_path / "findings.gpkg"), "STATISTICS": "TEMPORARY_OUTPUT"}
    params.update(processing_params)
    return processing.run(ALG, params, feedback=feedback)


def findings(path):
    layer = QgsVectorLayer(str(path), "f", "ogr")
    assert layer.isValid()
    return [(f["rule"], f["layer"], f["feature_fid"], f["other_fid"], f["area_m2"], f["message"])
            for f in layer.getFeatures()]


def rules(path):
    return sorted(r[0] for r in findings(path))


def test_empty_red_line_is_refused(tmp_path):
    with pytest.raises(QgsProcessingException, match="empty"):
        run({"REDLINE": memory_layer([])}, tmp_path)
    assert not (tmp_path / "findings.gpkg").exists()


def test_point_layer_is_refused(tmp_path):
    points = memory_layer(["POINT({} {})".format(X, Y)], geom_type="Point")
    with pytest.raises(QgsProcessingException, match="polygons"):
        run({"REDLINE": points}, tmp_path)


def test_layer_without_crs_is_refused(tmp_path):
    """A shapefile delivered without its .prj."""
    pytest.importorskip("osgeo.ogr")
    path = shapefile_without_crs(tmp_path / "no_prj.shp", square(0, 0, 100))
    layer = QgsVectorLayer(path, "no_prj", "ogr")
    assert not layer.crs().isValid()
    with pytest.raises(QgsProcessingException, match="coordinate reference system"):
        run({"REDLINE": layer}, tmp_path)
    assert not (tmp_path / "findings.gpkg").exists()


def test_missing_mapped_field_is_a_finding(tmp_path):
    layer = memory_layer([square(0, 0, 100)], fields=("BSM:string",), attrs=[["A"]])
    run({"REDLINE": layer}, tmp_path)
    rows = findings(tmp_path / "findings.gpkg")
    missing = sorted(r[5].split("field ")[1].split(".")[0] for r in rows if r[0] == "RL_FIELD_MISSING")
    assert missing == ["MJ", "XZQDM"]


def test_county_code_field_must_exist(tmp_path):
    counties = memory_layer([square(-1000, -1000, 3000)], fields=("code:string",), attrs=[["450122"]])
    with pytest.raises(QgsProcessingException, match="NOPE"):
        run({"REDLINE": memory_layer([square(0, 0, 100)]), "COUNTIES": counties,
             "COUNTY_CODE_FIELD": "NOPE"}, tmp_path)


def test_null_and_empty_geometries(tmp_path):
    layer = memory_layer([None, "POLYGON EMPTY", square(0, 0, 100)],
                         attrs=[["A", "450122", 1], ["B", "450122", 1], ["C", "450122", 10000]])
    run({"REDLINE": layer}, tmp_path)
    rows = findings(tmp_path / "findings.gpkg")
    assert sorted(r[2] for r in rows if r[0] == "RL_GEOM_NULL") == [1, 2]
    assert [r for r in rows if r[0] not in ("RL_GEOM_NULL", "RL_CRS_ZONE")] == []


def test_curved_z_m_and_multipart_geometries(tmp_path):
    curve = "CURVEPOLYGON(CIRCULARSTRING({0} {1},{2} {1},{0} {1}))".format(X, Y, X + 100)
    z = "POLYGON Z(({0} {1} 5,{2} {1} 5,{2} {3} 5,{0} {3} 5,{0} {1} 5))".format(X + 200, Y, X + 300, Y + 100)
    multi = "MULTIPOLYGON(((%d %d,%d %d,%d %d,%d %d)),((%d %d,%d %d,%d %d,%d %d)))" % (
        X + 400, Y, X + 500, Y, X + 500, Y + 100, X + 400, Y,
        X + 600, Y, X + 700, Y, X + 700, Y + 100, X + 600, Y)
    for wkt, gtype in ((curve, "CurvePolygon"), (z, "PolygonZ"), (multi, "MultiPolygon")):
        layer = memory_layer([wkt], geom_type=gtype, fields=("BSM:string",), attrs=[["A"]])
        out = tmp_path / (gtype + ".gpkg")
        run({"REDLINE": layer, "OUTPUT": str(out)}, tmp_path)
        got = [r for r in findings(out) if r[0] != "RL_FIELD_MISSING"]
        assert got == [], (gtype, got)


def test_other_crs_is_reprojected(tmp_path):
    red = memory_layer([square(0, 0, 1000)], attrs=[["A", "450122", 1e6]])
    # the same square's south-west quarter, expressed in CGCS2000 geographic coordinates
    geo = QgsGeometry.fromWkt(square(0, 0, 500))
    from qgis.core import QgsCoordinateTransform

    geo.transform(QgsCoordinateTransform(QgsCoordinateReferenceSystem(GK),
                                         QgsCoordinateReferenceSystem("EPSG:4490"), QgsProject.instance()))
    farm = memory_layer([geo.asWkt(12)], crs="EPSG:4490", fields=("BSM:string",), attrs=[["F"]])
    run({"REDLINE": red, "FARMLAND": farm}, tmp_path)
    pbf = [r for r in findings(tmp_path / "findings.gpkg") if r[0] == "RL_OVERLAP_PBF"]
    assert len(pbf) == 1
    assert pbf[0][4] == pytest.approx(250000.0, rel=1e-4)


def test_areas_in_geographic_crs_match_the_ellipsoidal_reference(tmp_path):
    """REDLINE in EPSG:4490: finding areas within 0.1 % of QgsDistanceArea on the CGCS2000 ellipsoid."""
    a = "POLYGON((108.0 23.0,108.02 23.0,108.02 23.02,108.0 23.02,108.0 23.0))"
    b = "POLYGON((108.01 23.01,108.03 23.01,108.03 23.03,108.01 23.03,108.01 23.01))"
    layer = memory_layer([a, b], crs="EPSG:4490", fields=("BSM:string",), attrs=[["A"], ["B"]])
    run({"REDLINE": layer}, tmp_path)
    overlap = [r for r in findings(tmp_path / "findings.gpkg") if r[0] == "RL_SELF_OVERLAP"]
    da = QgsDistanceArea()
    da.setSourceCrs(QgsCoordinateReferenceSystem("EPSG:4490"), QgsProject.instance().transformContext())
    da.setEllipsoid("EPSG:1024")  # CGCS2000
    piece = QgsGeometry.fromWkt(a).intersection(QgsGeometry.fromWkt(b))
    assert len(overlap) == 1
    assert overlap[0][4] == pytest.approx(da.measureArea(piece), rel=1e-3)
    assert overlap[0][4] == pytest.approx(da.measureArea(piece), rel=1e-6)  # in fact much closer


def test_gbk_shapefile_with_chinese_values(tmp_path):
    ogr = pytest.importorskip("osgeo.ogr")
    osr = pytest.importorskip("osgeo.osr")
    path = str(tmp_path / "hongxian.shp")
    driver = ogr.GetDriverByName("ESRI Shapefile")
    ds = driver.CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4524)
    lyr = ds.CreateLayer("hongxian", srs, ogr.wkbPolygon, options=["ENCODING="])  # raw bytes
    for name in ("BSM", "XZQMC"):
        lyr.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    for k, (code, county) in enumerate((("红线甲", "武鸣区"), ("红线甲", "隆安县"))):
        feat = ogr.Feature(lyr.GetLayerDefn())
        feat.SetField("BSM", code)
        feat.SetField("XZQMC", county)
        feat.SetGeometry(ogr.CreateGeometryFromWkt(square(k * 200, 0, 100)))
        lyr.CreateFeature(feat)
    ds = None
    # re-encode the text in the .dbf as GBK (fields are space-padded, so lengths can shrink)
    dbf_path = path[:-4] + ".dbf"
    recode_dbf_to_gbk(dbf_path, ("红线甲", "武鸣区", "隆安县"))
    open(path[:-4] + ".cpg", "w").write("GBK")
    assert "红线甲".encode("gbk") in open(dbf_path, "rb").read()  # really GBK on disk
    before = hashlib.md5(open(path[:-4] + ".dbf", "rb").read()).hexdigest()
    run({"REDLINE": path}, tmp_path)
    dup = [r for r in findings(tmp_path / "findings.gpkg") if r[0] == "RL_CODE_DUPLICATE"]
    assert len(dup) == 1 and "红线甲" in dup[0][5]
    assert hashlib.md5(open(path[:-4] + ".dbf", "rb").read()).hexdigest() == before


def test_cancel_leaves_no_output(tmp_path):
    layer = memory_layer([square(k * 200, 0, 100) for k in range(50)],
                         attrs=[["P%d" % k, "450122", 10000] for k in range(50)])
    with pytest.raises(QgsProcessingException, match="cancelled"):
        run({"REDLINE": layer}, tmp_path, feedback=CancelAfter(40))
    assert not (tmp_path / "findings.gpkg").exists()


def test_style_is_embedded_in_geopackage_output(tmp_path):
    run({"REDLINE": memory_layer([square(0, 0, 100), square(50, 50, 100)])}, tmp_path)
    with sqlite3.connect(str(tmp_path / "findings.gpkg")) as db:
        styles = db.execute("select f_table_name, useAsDefault, styleQML from layer_styles").fetchall()
    assert len(styles) == 1 and styles[0][1] == 1
    assert 'attr="severity"' in styles[0][2]
    layer = QgsVectorLayer(str(tmp_path / "findings.gpkg"), "f", "ogr")
    assert layer.renderer().type() == "categorizedSymbol"  # the default style loads by itself
    assert sorted(c.value() for c in layer.renderer().categories()) == ["error", "info", "warning"]


def test_report_and_counts(tmp_path):
    report = str(tmp_path / "report.html")
    layer = memory_layer([square(0, 0, 100), square(50, 50, 100)],
                         attrs=[["A", "450122", 10000], ["B", "450122", 10000]])
    result = run({"REDLINE": layer, "REPORT": report}, tmp_path)
    assert result["ERROR_COUNT"] == 1 and result["WARNING_COUNT"] == 0
    text = open(report, encoding="utf-8").read()
    assert "RL_SELF_OVERLAP" in text and "data:image/png;base64," in text
    assert os.path.exists(result["OUTPUT"])


def test_loaded_findings_are_styled_and_named(tmp_path, qgis_new_project):
    """In QGIS (runAndLoadResults) the post-processor styles the loaded layer and names it."""
    import processing

    layer = memory_layer([square(0, 0, 100), square(50, 50, 100)],
                         attrs=[["A", "450122", 10000], ["B", "450122", 10000]])
    result = processing.runAndLoadResults(ALG, {"REDLINE": layer, "OUTPUT": "TEMPORARY_OUTPUT"})
    loaded = QgsProject.instance().mapLayer(result["OUTPUT"])
    assert loaded is not None and loaded.featureCount() == 1
    assert loaded.name() == "Red-line findings"
    renderer = loaded.renderer()
    assert renderer.type() == "categorizedSymbol" and renderer.classAttribute() == "severity"
    assert {c.value(): c.label() for c in renderer.categories()} == {
        "error": "Error", "warning": "Warning", "info": "Information"}
