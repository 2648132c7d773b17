"""ecospace:redline_candidate through processing.run on graded rasters made over the sample data.

The key assertion: the candidate passes ecospace:redline_check with the same farmland, urban
boundary and protected areas without a single error about the candidate itself.
"""
from collections import Counter

import numpy as np
import pytest
import shapely
from osgeo import gdal, osr
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsProcessingException,
    QgsVectorLayer,
)

from ..support import CancelAfter, md5, to_shapely, uri
from ..zoo import polygon, write_gpkg

ALG = "ecospace:redline_candidate"
X0, Y0, X1, Y1 = 36490000, 2525000, 36550000, 2565000   # the sample's extent (EPSG:4524)

pytestmark = pytest.mark.usefixtures("provider")  # the ecospace provider (conftest) is registered


def graded_raster(path, cell, func, epsg=4524, bands=1, nodata=0):
    """A graded Int16 raster over the sample extent: grades from func(x, y), NoData on a border."""
    nx, ny = int((X1 - X0) / cell), int((Y1 - Y0) / cell)
    ds = gdal.GetDriverByName("GTiff").Create(str(path), nx, ny, bands, gdal.GDT_Int16)
    ds.SetGeoTransform((X0, cell, 0, Y1, 0, -cell))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    ds.SetProjection(srs.ExportToWkt())
    x = X0 + (np.arange(nx) + 0.5) * cell
    y = Y1 - (np.arange(ny) + 0.5) * cell
    grades = func(*np.meshgrid(x, y)).astype(np.int16)
    grades[:, :3] = nodata
    for b in range(1, bands + 1):
        band = ds.GetRasterBand(b)
        band.SetNoDataValue(nodata)
        band.WriteArray(grades)
    ds = None
    return str(path)


def importance(x, y):
    v = np.sin((x - X0) / 3000.0) + np.cos((y - Y0) / 2500.0)
    return np.where(v > 0.9, 3, np.where(v > 0, 2, 1))


def sensitivity(x, y):
    v = np.sin((x - X0) / 1700.0 + 1.0) * np.sin((y - Y0) / 2100.0)
    return np.where(v > 0.7, 3, np.where(v > -0.2, 2, 1))


@pytest.fixture(scope="module")
def rasters(tmp_path_factory):
    d = tmp_path_factory.mktemp("graded")
    return {"imp": graded_raster(d / "importance.tif", 100, importance),
            "sens": graded_raster(d / "sensitivity.tif", 150, sensitivity),
            "two_bands": graded_raster(d / "two.tif", 500, importance, bands=2),
            "all_nodata": graded_raster(d / "nodata.tif", 500, lambda x, y: x * 0)}


def run(params, out, feedback=None):
    import processing

    full = {"OUTPUT": str(out / "candidate.gpkg"), "CANDIDATES_TO_ADD": str(out / "add.gpkg"),
            "FINDINGS": str(out / "findings.gpkg")}
    full.update(params)
    return processing.run(ALG, full, feedback=feedback)


def features(path, fields):
    layer = QgsVectorLayer(str(path), "t", "ogr")
    assert layer.isValid(), path
    return [dict({n: f[n] for n in fields}, _geom=to_shapely(f.geometry()))
            for f in layer.getFeatures()]


@pytest.fixture(scope="module")
def sample_run(sample_gpkg, rasters, tmp_path_factory):
    out = tmp_path_factory.mktemp("candidate")
    before = md5(sample_gpkg)
    res = run({"IMPORTANCE": rasters["imp"], "SENSITIVITY": rasters["sens"],
               "PROTECTED_AREAS": [uri(sample_gpkg, "protected_areas")],
               "DEDUCT_LAYERS": [uri(sample_gpkg, "farmland"), uri(sample_gpkg, "urban_boundary")],
               "REPORT_LAYERS": [uri(sample_gpkg, "construction_land")],
               "EXISTING_REDLINE": uri(sample_gpkg, "redline"),
               "COUNTIES": uri(sample_gpkg, "counties"), "COUNTY_CODE_FIELD": "XZQDM",
               "CANDIDATE_ADD_AREA": 500000}, out)
    return {"res": res, "out": out, "md5": (before, md5(sample_gpkg))}


def test_candidate_passes_the_delivery_check(sample_gpkg, sample_run, tmp_out):
    import processing

    check = processing.run("ecospace:redline_check", {
        "REDLINE": sample_run["res"]["OUTPUT"], "FARMLAND": uri(sample_gpkg, "farmland"),
        "URBAN_BOUNDARY": uri(sample_gpkg, "urban_boundary"),
        "PROTECTED_AREAS": uri(sample_gpkg, "protected_areas"), "COUNTIES": uri(sample_gpkg, "counties"),
        "COUNTY_CODE_FIELD": "XZQDM",
        "OUTPUT": str(tmp_out / "check.gpkg"), "STATISTICS": "TEMPORARY_OUTPUT"})
    layer = QgsVectorLayer(check["OUTPUT"], "c", "ogr")
    errors = Counter((f["rule"], f["layer"]) for f in layer.getFeatures() if f["severity"] == "error")
    # the only errors are farmland × urban boundary overlaps planted in the sample inputs themselves
    assert set(errors) <= {("RL_OVERLAP_PBF_UDB", "FARMLAND")}, errors
    assert check["ERROR_COUNT"] == sum(errors.values())


def test_candidate_patches_and_attributes(sample_gpkg, sample_run):
    assert sample_run["md5"][0] == sample_run["md5"][1]  # inputs untouched
    rows = features(sample_run["res"]["OUTPUT"], ["BSM", "origin", "o_protected", "in_existing",
                                                  "area_m2", "MJ", "deducted_m2"])
    assert len(rows) > 10
    assert all(r["area_m2"] >= 200 or r["o_protected"] == 1 for r in rows)
    assert all(r["MJ"] == r["area_m2"] and r["BSM"].startswith("CAND") for r in rows)
    assert {r["in_existing"] for r in rows} == {0, 1}
    origins = set(";".join(r["origin"] for r in rows).split(";"))
    assert origins == {"importance", "sensitivity", "protected"}
    assert sum(r["deducted_m2"] for r in rows) > 0
    geoms = np.array([r["_geom"] for r in rows])
    assert shapely.is_valid(geoms).all()
    # every protected area lies inside the candidate
    pa = QgsVectorLayer(uri(sample_gpkg, "protected_areas"), "pa", "ogr")
    pa_union = shapely.union_all([shapely.make_valid(to_shapely(f.geometry()))
                                  for f in pa.getFeatures()])
    assert shapely.area(shapely.difference(pa_union, shapely.union_all(geoms))) < 0.01


def test_candidates_to_add(sample_run):
    rows = features(sample_run["res"]["CANDIDATES_TO_ADD"], ["in_existing", "area_m2", "origin", "conflict_m2"])
    assert rows, "the sample should give candidates to add"
    for r in rows:
        assert r["in_existing"] == 0 and r["area_m2"] >= 500000 and r["conflict_m2"] <= 0.01
        assert "importance" in r["origin"] or "sensitivity" in r["origin"]
    found = features(sample_run["res"]["FINDINGS"], ["rule"])
    assert Counter(r["rule"] for r in found)["RC_CANDIDATE_ADD"] == len(rows)


def test_polygon_input_with_grade_field(tmp_out):
    layer = QgsVectorLayer("Polygon?crs=EPSG:4524&field=grade:integer", "graded", "memory")
    feats = []
    for grade, x in ((3, 0), (2, 2000)):
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromWkt(shapely.to_wkt(shapely.box(X0 + x, Y0, X0 + x + 1000, Y0 + 1000))))
        f.setAttributes([grade])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    res = run({"IMPORTANCE": layer, "GRADE_FIELD": "grade"}, tmp_out)
    rows = features(res["OUTPUT"], ["area_m2", "origin"])
    assert len(rows) == 1 and rows[0]["origin"] == "importance"
    assert abs(rows[0]["area_m2"] - 1e6) < 2e3  # ellipsoidal, 1.5° off the central meridian: < 0.2 %


def test_band_beyond_the_raster_is_refused(rasters, tmp_out):
    with pytest.raises(QgsProcessingException, match="no band 3"):
        run({"IMPORTANCE": rasters["two_bands"], "BAND": 3}, tmp_out)


def test_all_nodata_raster_gives_an_empty_candidate(rasters, tmp_out):
    res = run({"IMPORTANCE": rasters["all_nodata"]}, tmp_out)
    assert features(res["OUTPUT"], ["area_m2"]) == []


def test_nothing_given_is_refused(tmp_out):
    with pytest.raises(QgsProcessingException, match="at least one"):
        run({}, tmp_out)


@pytest.mark.parametrize("slot", ["IMPORTANCE", "PROTECTED_AREAS"])
def test_a_refused_layer_is_named_as_in_other_messages(tmp_path, tmp_out, slot):
    """The working CRS's refusal names a layer by its GeoPackage layer name (io.layer_short_name), as
    EcoAlgorithm.sources() labels it everywhere else, not by what the project calls it."""
    value = write_gpkg(tmp_path / "nocrs.gpkg", [("pa", polygon([(X0, Y0), (X0 + 100, Y0), (X0 + 100, Y0 + 100),
                                                                  (X0, Y0)]))], epsg=None, layer="pa_nocrs")
    shown = QgsVectorLayer(value, "Protected areas as the project shows them", "ogr")
    assert shown.isValid()
    with pytest.raises(QgsProcessingException) as caught:
        run({slot: [shown] if slot == "PROTECTED_AREAS" else shown}, tmp_out)
    assert str(caught.value).startswith("Layer 'pa_nocrs' has "), str(caught.value)


def test_cancel_leaves_no_output(rasters, tmp_out):
    with pytest.raises(QgsProcessingException, match="cancelled"):
        run({"IMPORTANCE": rasters["imp"]}, tmp_out, CancelAfter(45))
    assert list(tmp_out.iterdir()) == []


def test_raster_in_another_crs_is_reprojected(tmp_path, tmp_out):
    """A geographic (EPSG:4490) graded raster with a grade-3 block; the working CRS is the protected areas' GK zone."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsDistanceArea, QgsProject

    ds = gdal.GetDriverByName("GTiff").Create(str(tmp_path / "geo.tif"), 100, 100, 1, gdal.GDT_Byte)
    ds.SetGeoTransform((108.0, 0.001, 0, 23.0, 0, -0.001))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4490)
    ds.SetProjection(srs.ExportToWkt())
    grades = np.ones((100, 100), dtype=np.uint8)
    grades[10:60, 20:70] = 3      # lon 108.02–108.07, lat 22.94–22.99
    ds.GetRasterBand(1).WriteArray(grades)
    ds = None
    pa = QgsVectorLayer("Polygon?crs=EPSG:4524", "pa", "memory")
    f = QgsFeature()
    f.setGeometry(QgsGeometry.fromWkt(shapely.to_wkt(shapely.box(X0, Y0, X0 + 100, Y0 + 100))))
    pa.dataProvider().addFeatures([f])
    res = run({"PROTECTED_AREAS": [pa], "IMPORTANCE": str(tmp_path / "geo.tif")}, tmp_out)
    rows = features(res["OUTPUT"], ["area_m2", "origin"])
    imp = [r for r in rows if r["origin"] == "importance"]
    da = QgsDistanceArea()
    da.setSourceCrs(QgsCoordinateReferenceSystem("EPSG:4490"), QgsProject.instance().transformContext())
    da.setEllipsoid("EPSG:7044")
    want = da.measureArea(QgsGeometry.fromWkt(
        "POLYGON((108.02 22.94,108.07 22.94,108.07 22.99,108.02 22.99,108.02 22.94))"))
    assert len(imp) == 1 and abs(imp[0]["area_m2"] - want) < 1e-3 * want
