"""ecospace:redline_compare through processing.run: a NEW version of the sample red line against the sample."""
import sqlite3

import pytest
import shapely
from osgeo import ogr, osr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsDistanceArea,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)

from ..support import CancelAfter, md5, to_shapely, uri

ALG = "ecospace:redline_compare"

pytestmark = pytest.mark.usefixtures("provider")  # the ecospace provider (conftest) is registered


def sample_redline(gpkg):
    """{fid: shapely geometry} of the sample's red line."""
    layer = QgsVectorLayer(uri(gpkg, "redline"), "rl", "ogr")
    return {f.id(): None if f.geometry().isNull() else to_shapely(f.geometry())
            for f in layer.getFeatures()}


def lone_valid(geoms):
    """Fids of valid patches that touch no other patch: their whole area is theirs."""
    fids = sorted(geoms)
    arr = [geoms[f] for f in fids]
    tree = shapely.STRtree(arr)
    out = []
    for k, g in enumerate(arr):
        if g is not None and shapely.is_valid(g) and list(tree.query(g, predicate="intersects")) == [k]:
            out.append(fids[k])
    return out


def ellipsoidal(geom, epsg=4524):
    da = QgsDistanceArea()
    da.setSourceCrs(QgsCoordinateReferenceSystem("EPSG:%d" % epsg), QgsProject.instance().transformContext())
    da.setEllipsoid("EPSG:7044")  # CGCS2000
    return da.measureArea(QgsGeometry.fromWkt(shapely.to_wkt(geom)))


def write_version(path, geoms, epsg=4524):
    """A red-line version as a GeoPackage layer `redline` (fids as given order + 1)."""
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    lyr = ds.CreateLayer("redline", srs, ogr.wkbMultiPolygon)
    for g in geoms:
        feat = ogr.Feature(lyr.GetLayerDefn())
        multi = shapely.MultiPolygon([g]) if g.geom_type == "Polygon" else g
        feat.SetGeometry(ogr.CreateGeometryFromWkb(shapely.to_wkb(multi)))
        lyr.CreateFeature(feat)
    ds = None
    return uri(str(path), "redline")


@pytest.fixture(scope="module")
def version(sample_gpkg, tmp_path_factory):
    """NEW = the sample red line without two lone patches, one patch cut in half, one patch added."""
    geoms = sample_redline(sample_gpkg)
    lone = lone_valid(geoms)
    gone, halved = lone[:2], lone[2]
    g = geoms[halved]
    x0, y0, x1, y1 = g.bounds
    west = shapely.box(x0 - 1, y0 - 1, (x0 + x1) / 2, y1 + 1)
    kept = []
    for fid in sorted(geoms):
        if fid in gone or geoms[fid] is None:
            continue
        kept.append(shapely.intersection(geoms[fid], west) if fid == halved else geoms[fid])
    added = shapely.box(36551000, 2566000, 36551400, 2566300)  # beyond every county: 120,000 m²
    kept.append(added)
    path = tmp_path_factory.mktemp("compare") / "new.gpkg"
    expected_removed = sum(ellipsoidal(geoms[f]) for f in gone) + ellipsoidal(
        shapely.difference(geoms[halved], west))
    return {"new": write_version(path, kept), "gone": gone, "halved": halved, "added": added,
            "removed_m2": expected_removed, "added_m2": ellipsoidal(added), "path": path}


def run(params, out, feedback=None):
    import processing

    full = {"ADDED": str(out / "added.gpkg"), "REMOVED": str(out / "removed.gpkg"),
            "OUTPUT": str(out / "findings.gpkg"), "COUNTY_TABLE": str(out / "table.gpkg")}
    full.update(params)
    return processing.run(ALG, full, feedback=feedback)


def rows(path, fields):
    layer = QgsVectorLayer(str(path), "t", "ogr")
    assert layer.isValid(), path
    return [tuple(f[n] for n in fields) for f in layer.getFeatures()]


def close(a, b, rel=1e-3):
    return abs(a - b) <= rel * max(1.0, abs(b))


def test_sample_version_change(sample_gpkg, version, tmp_out):
    before = md5(sample_gpkg)
    res = run({"OLD": uri(sample_gpkg, "redline"), "NEW": version["new"],
               "COUNTIES": uri(sample_gpkg, "counties"), "COUNTY_CODE_FIELD": "XZQDM",
               "COUNTY_NAME_FIELD": "XZQMC",
               "REASON_LAYERS": [uri(sample_gpkg, "farmland"), uri(sample_gpkg, "construction_land")]},
              tmp_out)
    assert md5(sample_gpkg) == before
    assert close(res["REMOVED_M2"], version["removed_m2"])
    assert close(res["ADDED_M2"], version["added_m2"])
    removed = rows(res["REMOVED"], ["change", "feature_fid", "county_code", "area_m2", "area_ha"])
    assert {r[1] for r in removed} == set(version["gone"]) | {version["halved"]}
    assert all(r[0] == "removed" and r[2] and close(r[4], r[3] / 1e4) for r in removed)
    added = rows(res["ADDED"], ["change", "county_code", "area_m2"])
    assert len(added) == 1 and added[0][0] == "added" and not added[0][1]
    table = rows(res["COUNTY_TABLE"], ["code", "before_m2", "after_m2", "added_m2", "removed_m2", "net_m2"])
    total = [r for r in table if r[0] == "TOTAL"][0]
    assert close(total[4], version["removed_m2"]) and close(total[3], version["added_m2"])
    assert close(total[2] - total[1], total[5])
    assert close(sum(r[4] for r in table if r[0] != "TOTAL"), version["removed_m2"])
    findings = rows(res["OUTPUT"], ["rule", "feature_fid", "severity", "layer"])
    assert {r[0] for r in findings} <= {"CMP_REMOVED_NO_REASON", "CMP_REMOVED_REASON", "CMP_INPUT_INVALID",
                                        "CMP_GEOM_NULL"}
    nulls = sorted(fid for fid, g in sample_redline(sample_gpkg).items() if g is None or g.is_empty)
    assert sorted(r[1] for r in findings if r[0] == "CMP_GEOM_NULL" and r[3] == "OLD") == nulls
    assert res["WARNING_COUNT"] >= 1


def test_outputs_are_styled(sample_gpkg, version, tmp_out):
    run({"OLD": uri(sample_gpkg, "redline"), "NEW": version["new"]}, tmp_out)
    with sqlite3.connect(str(tmp_out / "added.gpkg")) as db:
        qml = db.execute("select styleQML from layer_styles").fetchone()[0]
    assert 'attr="change"' in qml
    layer = QgsVectorLayer(str(tmp_out / "removed.gpkg"), "r", "ogr")
    assert sorted(c.value() for c in layer.renderer().categories()) == ["added", "removed"]


def test_identical_versions_give_no_change(sample_gpkg, tmp_out):
    res = run({"OLD": uri(sample_gpkg, "redline"), "NEW": uri(sample_gpkg, "redline")}, tmp_out)
    assert res["ADDED_M2"] == 0 and res["REMOVED_M2"] == 0
    assert rows(res["ADDED"], ["area_m2"]) == [] and rows(res["REMOVED"], ["area_m2"]) == []


def test_new_in_another_crs_is_reprojected(sample_gpkg, version, tmp_out, tmp_path):
    src = QgsVectorLayer(version["new"], "n", "ogr")
    import processing

    geo = processing.run("native:reprojectlayer", {"INPUT": src, "TARGET_CRS": "EPSG:4490",
                                                   "OUTPUT": str(tmp_path / "new4490.gpkg")})["OUTPUT"]

    class Log(QgsProcessingFeedback):
        text = []

        def pushInfo(self, info):
            self.text.append(info)
            super().pushInfo(info)

    feedback = Log()
    res = run({"OLD": uri(sample_gpkg, "redline"), "NEW": geo}, tmp_out, feedback)
    assert any("reprojected" in t for t in feedback.text)
    assert close(res["REMOVED_M2"], version["removed_m2"], 1e-3)
    assert close(res["ADDED_M2"], version["added_m2"], 1e-3)


def test_point_layer_is_refused(sample_gpkg, tmp_out):
    points = QgsVectorLayer("Point?crs=EPSG:4524", "p", "memory")
    with pytest.raises(QgsProcessingException, match="polygons"):
        run({"OLD": uri(sample_gpkg, "redline"), "NEW": points}, tmp_out)


def test_layer_without_crs_is_refused(sample_gpkg, tmp_out, tmp_path):
    """A shapefile delivered without its .prj."""
    path = str(tmp_path / "no_prj.shp")
    ds = ogr.GetDriverByName("ESRI Shapefile").CreateDataSource(path)
    lyr = ds.CreateLayer("no_prj", None, ogr.wkbPolygon)
    feat = ogr.Feature(lyr.GetLayerDefn())
    feat.SetGeometry(ogr.CreateGeometryFromWkt("POLYGON((0 0,1 0,1 1,0 0))"))
    lyr.CreateFeature(feat)
    ds = None
    nocrs = QgsVectorLayer(path, "nocrs", "ogr")
    with pytest.raises(QgsProcessingException, match="coordinate reference system"):
        run({"OLD": nocrs, "NEW": uri(sample_gpkg, "redline")}, tmp_out)


def test_cancel_leaves_no_output(sample_gpkg, version, tmp_out):
    with pytest.raises(QgsProcessingException, match="cancelled"):
        run({"OLD": uri(sample_gpkg, "redline"), "NEW": version["new"]}, tmp_out, CancelAfter(45))
    assert list(tmp_out.iterdir()) == []
