"""Findings written to a new GeoPackage go in with plain SQLite (core/gpkg_fill.py): the same rows,
geometries, index, extent and style as through QGIS's own writer, for every kind of destination."""
import sqlite3

import pytest
from osgeo import gdal

from ecospace.processing import outputs

from .test_human_activity import run

pytestmark = pytest.mark.usefixtures("provider")


def rows(dest):
    ds = gdal.OpenEx(dest.split("|")[0] if "|" in dest else dest, gdal.OF_VECTOR)
    lyr = ds.GetLayerByName(dest.split("layername=")[1]) if "layername=" in dest else ds.GetLayer(0)
    defn = lyr.GetLayerDefn()
    fields = [(defn.GetFieldDefn(k).GetName(), defn.GetFieldDefn(k).GetType()) for k in range(defn.GetFieldCount())]
    feats = [(f.GetFID(), [f.GetField(k) for k in range(len(fields))],
              f.GetGeometryRef().ExportToIsoWkb() if f.GetGeometryRef() else None) for f in lyr]
    return lyr.GetGeomType(), fields, feats, lyr.GetExtent()


@pytest.fixture(params=["activity_points", "activity_polygons"])
def through_qgis(request, tmp_path, monkeypatch):
    with monkeypatch.context() as m:
        m.setattr(outputs.Output, "_bulk_target", lambda self: None)
        (tmp_path / "qgis").mkdir()
        results = run(request.param, tmp_path / "qgis")
    con = sqlite3.connect(results["OUTPUT"])
    indexed = con.execute("SELECT count(*) FROM rtree_findings_geom").fetchone()[0]
    con.close()
    return request.param, rows(results["OUTPUT"]), rows(results["SUMMARY"]), indexed


def test_new_geopackage_same_as_qgis_writer(through_qgis, tmp_path):
    layer, findings, summary, indexed = through_qgis
    results = run(layer, tmp_path)
    got = rows(results["OUTPUT"])
    diff = [(a, b) for a, b in zip(got[2], findings[2]) if a != b][:2]
    assert not diff and got[:2] == findings[:2] and len(got[2]) == len(findings[2]) > 0
    assert got[3] == pytest.approx(findings[3], abs=1e-6)
    assert rows(results["SUMMARY"])[1:3] == summary[1:3]
    con = sqlite3.connect(results["OUTPUT"])
    assert con.execute("SELECT rtreecheck('rtree_findings_geom')").fetchone()[0] == "ok"
    # empty geometries (findings about features without one) are stored empty and not indexed, as GDAL does
    assert con.execute("SELECT count(*) FROM rtree_findings_geom").fetchone()[0] == indexed < len(got[2])
    assert con.execute("SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = 'findings'"
                       ).fetchone()[0] == len(got[2])
    assert con.execute("SELECT count(*) FROM layer_styles WHERE f_table_name = 'findings'").fetchone()[0] == 1
    # the triggers GDAL put on the table are back: a deleted feature leaves the index too
    triggers = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                          "AND tbl_name = 'findings'")}
    assert {"rtree_findings_geom_delete", "rtree_findings_geom_insert"} <= triggers


def test_table_in_existing_geopackage_and_other_sinks(through_qgis, tmp_path):
    layer, findings, _, _ = through_qgis
    other = tmp_path / "other.gpkg"
    run(layer, tmp_path, OUTPUT=str(other))  # a file that already holds a table
    dest = "ogr:dbname='{}' table=\"second\" (geom)".format(other)
    results = run(layer, tmp_path, OUTPUT=dest)
    assert rows(str(other) + "|layername=second")[:3] == findings[:3]
    assert len(rows(str(other) + "|layername=other")[2]) == len(findings[2])  # left as it was
    shp = run(layer, tmp_path, OUTPUT=str(tmp_path / "f.shp"))
    assert len(rows(shp["OUTPUT"])[2]) == len(findings[2])
    memory = run(layer, tmp_path, OUTPUT="TEMPORARY_OUTPUT")["OUTPUT"]
    assert memory.featureCount() == len(findings[2])
    assert results["ERROR_COUNT"] + results["WARNING_COUNT"] + results["INFO_COUNT"] == len(findings[2])


def test_bulk_path_taken_and_its_fallback(through_qgis, tmp_path, monkeypatch):
    """Each GeoPackage output goes through fill_table; when it declines (a table not as expected), the
    rows go through the table's own provider, with the same result."""
    layer, findings, summary, _ = through_qgis
    calls = []
    fill = outputs.fill_table
    monkeypatch.setattr(outputs, "fill_table", lambda *a: calls.append(fill(*a)) or calls[-1])
    other = tmp_path / "other.gpkg"
    run(layer, tmp_path, OUTPUT=str(other))
    run(layer, tmp_path, OUTPUT="ogr:dbname='{}' table=\"second\" (geom)".format(other))
    assert calls == [True] * 4
    monkeypatch.setattr(outputs, "fill_table", lambda *a: False)
    (tmp_path / "declined").mkdir()
    results = run(layer, tmp_path / "declined")
    assert rows(results["OUTPUT"])[:3] == findings[:3]
    assert rows(results["SUMMARY"])[1:3] == summary[1:3]


def test_only_a_new_geopackage_is_written_without_waiting_for_the_disk(through_qgis, tmp_path, monkeypatch):
    """A GeoPackage the run makes is written with SQLite's synchronous = OFF (outputs.unsynced, and
    fill_table's `durable`): nothing older is in it. A table added to a file that is already there
    waits for the disk as before: the file holds other data."""
    layer = through_qgis[0]
    durable = []
    fill = outputs.fill_table
    monkeypatch.setattr(outputs, "fill_table", lambda *a: durable.append(a[5]) or fill(*a))
    other = tmp_path / "other.gpkg"
    run(layer, tmp_path, OUTPUT=str(other))
    assert durable == [False, False]  # OUTPUT and SUMMARY, both new files
    durable.clear()
    (tmp_path / "second").mkdir()
    run(layer, tmp_path / "second", OUTPUT="ogr:dbname='{}' table=\"second\" (geom)".format(other))
    assert durable == [True, False]
    assert len(rows(str(other) + "|layername=second")[2]) == len(rows(str(other) + "|layername=other")[2]) > 0
    assert gdal.GetThreadLocalConfigOption("OGR_SQLITE_SYNCHRONOUS", None) is None  # put back


def test_a_style_saved_again_is_the_one_qgis_saved(through_qgis, tmp_path, monkeypatch):
    """In a new GeoPackage whose fields and type an earlier output had, the style QGIS saved there is
    saved again through the provider (no layer opened and styled): the same layer_styles row."""
    layer = through_qgis[0]
    outputs._SAVED_STYLES.clear()
    styled = []
    real = outputs.embed_style
    monkeypatch.setattr(outputs, "embed_style", lambda *a, **k: styled.append(a[0]) or real(*a, **k))
    saved = []
    for k in range(2):
        (tmp_path / str(k)).mkdir()
        dest = run(layer, tmp_path / str(k))["OUTPUT"]
        con = sqlite3.connect(dest)
        saved.append(con.execute("SELECT f_table_catalog, f_table_schema, f_table_name, f_geometry_column, "
                                 "styleName, styleQML, styleSLD, useAsDefault, description, owner, ui "
                                 "FROM layer_styles").fetchall())
        con.close()
    assert len(styled) == 1 and "/0/" in styled[0].replace("\\", "/")  # the first run's OUTPUT only
    assert saved[0] == saved[1] and len(saved[0]) == 1


def empty_table(path, kind=None):
    from osgeo import ogr, osr

    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4524)
    lyr = ds.CreateLayer("t", srs, kind or ogr.wkbMultiPolygon)
    lyr.CreateField(ogr.FieldDefn("name", ogr.OFTString))
    ds = None


@pytest.mark.parametrize("n", [1, 51, 52, 2700])  # one leaf, a full leaf, two leaves, three levels
def test_packed_rtree_answers_as_gdal_would(tmp_path, n):
    import numpy as np
    import shapely

    from ecospace.core.gpkg_fill import fill_table

    path = tmp_path / "t.gpkg"
    empty_table(path)
    rng = np.random.default_rng(n)
    x, y = rng.uniform(36e6, 36.3e6, n), rng.uniform(2.4e6, 2.6e6, n)
    geoms = shapely.box(x, y, x + rng.uniform(0, 500, n), y + rng.uniform(0, 500, n))
    geoms[0] = None
    assert fill_table(str(path), None, ["name"], [["p%d" % k for k in range(n)]], geoms)
    con = sqlite3.connect(path)
    assert con.execute("SELECT rtreecheck('rtree_t_geom')").fetchone()[0] == "ok"
    con.close()
    ds = gdal.OpenEx(str(path))  # kept: its layer dies with it
    lyr = ds.GetLayer(0)
    assert lyr.GetFeatureCount() == n
    for qx, qy in rng.uniform((36e6, 2.4e6), (36.3e6, 2.6e6), (10, 2)):
        lyr.SetSpatialFilterRect(qx, qy, qx + 30000, qy + 30000)
        want = np.flatnonzero(shapely.intersects(geoms[1:], shapely.box(qx, qy, qx + 30000, qy + 30000))) + 2
        assert sorted(f.GetFID() for f in lyr) == want.tolist()


def test_declines_what_gdal_would_convert(tmp_path):
    import shapely

    from ecospace.core.gpkg_fill import fill_table

    path = tmp_path / "t.gpkg"
    empty_table(path)
    mixed = [shapely.box(0, 0, 1, 1), shapely.GeometryCollection([shapely.Point(0, 0)])]
    assert not fill_table(str(path), None, ["name"], [["a", "b"]], mixed)
    assert not fill_table(str(path), None, ["other"], [["a"]], [shapely.box(0, 0, 1, 1)])
    ds = gdal.OpenEx(str(path))
    assert ds.GetLayer(0).GetFeatureCount() == 0  # left as it was
