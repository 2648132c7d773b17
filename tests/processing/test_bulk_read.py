"""The bulk GeoPackage read (processing/bulk_read.py) gives exactly what the QgsFeatureSource loop gives.

Each case reads a layer both ways: io.read_layer without a parameter value (the loop) and
bulk_read.read_layer (OGR's Arrow stream), and compares fids, order, WKB and attribute values
with their types. Where the bulk path must not apply, it has to answer None.
"""
import datetime
import shutil
import struct
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeatureRequest,
    QgsProcessingContext,
    QgsProcessingFeatureSource,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingFeedback,
    QgsVectorLayer,
)

from ..support import SAMPLE, uri

GK = 4524  # CGCS2000 / 3-degree Gauss-Kruger zone 36, the sample's CRS


def ring(x, y, size=10.0):
    x, y = 36500000 + x, 2540000 + y
    return "({0} {1},{2} {1},{2} {3},{0} {3},{0} {1})".format(x, y, x + size, y + size)


def square(x, y, size=10.0):
    return "POLYGON({})".format(ring(x, y, size))


Z_TRIANGLE = "POLYGON Z((36500000 2540000 1,36500001 2540000 1,36500001 2540001 1,36500000 2540000 1))"
# a polygon whose second ring has no points (WKT cannot say it): WKB with ring counts 2, 5, 0
EMPTY_HOLE = (struct.pack("<BIII", 1, 3, 2, 5)
              + struct.pack("<10d", *np.array(shapely.from_wkt(square(0, 0)).exterior.coords).ravel())
              + struct.pack("<I", 0))


@pytest.fixture(scope="session")
def eco(provider):
    """The modules under test; the ecospace provider (conftest) is registered for the algorithm."""
    from ecospace.processing import bulk_read, io

    return SimpleNamespace(bulk_read=bulk_read, io=io, provider=provider)


@pytest.fixture
def context():
    ctx = QgsProcessingContext()
    yield ctx
    # layers the context loaded must go while QGIS is up (else a segfault at exit)
    ctx.temporaryLayerStore().removeAllMapLayers()


def read_both(eco, value, layer, fields, context, dest_crs=None, feedback=None):
    """(loop Layer, bulk Layer or None) for the same layer, fields and destination CRS; the bulk
    Layer after the geometry check that io.read_layer applies to what either path read."""
    feedback = feedback or QgsProcessingFeedback()
    dest_crs = layer.crs() if dest_crs is None else dest_crs
    source = QgsProcessingFeatureSource(layer, context)
    loop = eco.io.read_layer(source, "L", context, feedback, fields, dest_crs)
    fast = eco.bulk_read.read_layer(value, context, feedback, "L", fields, dest_crs)
    if fast is not None:
        fast = eco.io.usable_layer(fast, dest_crs, layer.wkbType(), feedback)
    return loop, fast


def assert_same(loop, fast):
    assert fast is not None, "the bulk path was not taken"
    assert fast.name == loop.name
    np.testing.assert_array_equal(fast.fids, loop.fids)
    assert fast.fids.dtype == loop.fids.dtype
    assert len(fast.geoms) == len(loop.geoms)
    for fid, a, b in zip(loop.fids, shapely.to_wkb(loop.geoms), shapely.to_wkb(fast.geoms)):
        assert a == b, "geometry of fid {} differs".format(fid)
    assert fast.problems.tolist() == loop.problems.tolist()
    assert list(fast.attrs) == list(loop.attrs)
    for key in loop.attrs:
        expected = [(type(v), v) for v in loop.attrs[key]]
        assert [(type(v), v) for v in fast.attrs[key]] == expected, key


# ---------------------------------------------------------------------- the bundled sample

@pytest.mark.parametrize("name, fields", [
    ("redline", ["BSM", "XZQDM", "MJ", "XZQMC", "xzqdm", "fid", "NO_SUCH_FIELD", ""]),
    ("farmland", []),
    ("counties", ["XZQDM", "XZQMC"]),
    ("construction_land", ["DLMC", "MJ"]),
    ("activity_polygons", ["HDBH", "JCSJ"]),  # JCSJ is a Date
])
def test_sample_layers_read_the_same(eco, context, name, fields):
    layer = QgsVectorLayer(uri(SAMPLE, name), name, "ogr")
    loop, fast = read_both(eco, uri(SAMPLE, name), layer, fields, context)
    assert_same(loop, fast)
    assert len(fast) == layer.featureCount() > 0


def test_sample_red_line_covers_null_empty_and_invalid_patches(eco, context):
    layer = QgsVectorLayer(uri(SAMPLE, "redline"), "redline", "ogr")
    loop, fast = read_both(eco, uri(SAMPLE, "redline"), layer, ["MJ"], context)
    assert_same(loop, fast)
    geoms = fast.geoms
    assert shapely.is_missing(geoms).sum() == 2          # the NULL and the EMPTY patch (read as NULL)
    assert (~shapely.is_valid(geoms[~shapely.is_missing(geoms)])).sum() >= 2
    assert any(v is None for v in fast.attrs["MJ"])


def test_layer_object_and_plain_definition_take_the_bulk_path(eco, context):
    layer = QgsVectorLayer(uri(SAMPLE, "counties"), "counties", "ogr")
    for value in (layer, QgsProcessingFeatureSourceDefinition(uri(SAMPLE, "counties"))):
        loop, fast = read_both(eco, value, layer, ["XZQDM"], context)
        assert_same(loop, fast)


# ---------------------------------------------------------------------- awkward GeoPackages

@pytest.fixture(scope="module")
def awkward_gpkg(tmp_path_factory):
    """A MultiPolygon table with sparse fids, NULL/EMPTY/invalid/single-part geometries and
    field types with NULLs and Chinese text; plus a table without fields, a Z table, a 3D
    feature in a 2D table, rings GEOS cannot read, and a shapefile twin of the first."""
    from osgeo import ogr, osr

    folder = tmp_path_factory.mktemp("bulk")
    path = str(folder / "awkward.gpkg")
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(GK)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    fields = [("TXT", ogr.OFTString, ogr.OFSTNone), ("N", ogr.OFTInteger, ogr.OFSTNone),
              ("BIG", ogr.OFTInteger64, ogr.OFSTNone), ("R", ogr.OFTReal, ogr.OFSTNone),
              ("D", ogr.OFTDate, ogr.OFSTNone), ("OK", ogr.OFTInteger, ogr.OFSTBoolean),
              ("SMALL", ogr.OFTInteger, ogr.OFSTInt16), ("DT", ogr.OFTDateTime, ogr.OFSTNone)]
    rows = [  # (fid, wkt, values); inserted out of fid order on purpose
        (3, "MULTIPOLYGON(({}),({}))".format(ring(0, 0), ring(20, 0)),
         ["生态保护红线", 1, 2 ** 40, 1.5, "2024-01-02", 1, 3, "2024-01-02T03:04:05"]),
        (42, "POLYGON EMPTY", ["  空格 ", -1, -2, -0.25, "0999-12-31", 0, -3, None]),
        (10, "POLYGON((36500000 2540000,36500010 2540010,36500010 2540000,36500000 2540010,"
             "36500000 2540000))", [None] * 8),  # bow-tie, single part in a multi layer
        (11, None, ["", 0, 0, 0.0, "1900-01-01", None, None, None]),
        (7, EMPTY_HOLE, ["a\tb\nc", None, None, None, None, None, None, None]),
        (8, "MULTIPOLYGON(({}),EMPTY)".format(ring(0, 0)),
         ["empty part", 5, 5, 5.0, "2000-02-29", 1, 5, None]),
        (100000, "MULTIPOLYGON EMPTY", ["🌲", 2 ** 31 - 1, -2 ** 63, 1e300, None, 0, 0, None]),
        (9, "POLYGON({},{})".format(ring(0, 0), ring(2, 2, 2)), ["hole", 9, 9, 9.0, None, 1, 9, None]),
    ]
    _table(ds, "t", srs, ogr.wkbMultiPolygon, fields, rows)
    # SQLite's loose typing, as other tools leave it: a blob in a TEXT column, text in a REAL one
    ds.ExecuteSQL("UPDATE t SET TXT = X'E7BAA2E7BABF', R = 'abc' WHERE fid = 9")
    _table(ds, "bare", srs, ogr.wkbPolygon, [], [
        (1, square(0, 0), []), (2, "MULTIPOLYGON(({}))".format(ring(5, 5)), []), (3, None, [])])
    _table(ds, "zlayer", srs, ogr.wkbPolygon25D, [("TXT", ogr.OFTString, ogr.OFSTNone)],
           [(1, Z_TRIANGLE, ["z"])])
    _table(ds, "mixed", srs, ogr.wkbPolygon, [("TXT", ogr.OFTString, ogr.OFSTNone)],
           [(1, square(0, 0), ["2d"]), (2, Z_TRIANGLE, ["3d"])])
    _table(ds, "unreadable", srs, ogr.wkbPolygon, [("TXT", ogr.OFTString, ogr.OFSTNone)], [
        (1, square(0, 0), ["fine"]),
        (2, "POLYGON((36500000 2540000,36500010 2540000,36500010 2540010,36500000 2540010))", ["unclosed"]),
        (3, "POLYGON((36500000 2540000,36500010 2540000,36500000 2540000))", ["3-point ring"]),
        (4, "POLYGON((36500000 2540000,36500010 2540000))", ["2-point ring"])])
    ds = None
    shp = ogr.GetDriverByName("ESRI Shapefile").CreateDataSource(str(folder / "t.shp"))
    _table(shp, "t", srs, ogr.wkbMultiPolygon, fields[:4], [(r[0], r[1], r[2][:4]) for r in rows[:2]])
    shp = None
    return path


def _table(ds, name, srs, geom_type, fields, rows):
    from osgeo import ogr

    lyr = ds.CreateLayer(name, srs, geom_type)
    for fname, ftype, subtype in fields:
        defn = ogr.FieldDefn(fname, ftype)
        defn.SetSubType(subtype)
        lyr.CreateField(defn)
    for fid, wkt, values in rows:
        feat = ogr.Feature(lyr.GetLayerDefn())
        feat.SetFID(fid)
        if isinstance(wkt, bytes):
            feat.SetGeometry(ogr.CreateGeometryFromWkb(wkt))
        elif wkt:
            feat.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        for (fname, _, _), value in zip(fields, values):
            if value is None:
                feat.SetFieldNull(fname)
            else:
                feat.SetField(fname, value)
        assert lyr.CreateFeature(feat) == 0


ALL = ["TXT", "N", "BIG", "R", "D", "SMALL"]


def test_awkward_table_reads_the_same(eco, context, awkward_gpkg):
    layer = QgsVectorLayer(uri(awkward_gpkg, "t"), "t", "ogr")
    loop, fast = read_both(eco, uri(awkward_gpkg, "t"), layer, ALL + ["fid"], context)
    assert_same(loop, fast)
    # the fids are QGIS's own feature ids, in its order
    assert fast.fids.tolist() == [f.id() for f in layer.getFeatures(QgsFeatureRequest())]
    assert fast.fids.tolist() == [3, 7, 8, 9, 10, 11, 42, 100000]
    values = dict(zip(fast.fids.tolist(), zip(*(fast.attrs[k] for k in ALL))))
    assert values[3] == ("生态保护红线", 1, 2 ** 40, 1.5, "2024-01-02", 3)
    assert values[10] == (None,) * 6
    assert values[42][4] == "0999-12-31"
    assert values[9][:4] == ("红线", 9, 9, 0.0)
    geoms = dict(zip(fast.fids.tolist(), fast.geoms))
    assert geoms[11] is None and geoms[10].geom_type == "MultiPolygon" and not geoms[10].is_valid
    assert shapely.get_num_interior_rings(geoms[7].geoms[0]) == 1 and geoms[42] is None  # EMPTY


@pytest.mark.parametrize("batch", [65536, 3, 1])
def test_each_field_alone_none_and_in_small_batches(eco, context, awkward_gpkg, monkeypatch, batch):
    monkeypatch.setattr(eco.bulk_read, "BATCH", batch)
    layer = QgsVectorLayer(uri(awkward_gpkg, "t"), "t", "ogr")
    for fields in [[]] + [[f] for f in ALL] + [ALL]:
        loop, fast = read_both(eco, uri(awkward_gpkg, "t"), layer, fields, context)
        assert_same(loop, fast)


def test_table_without_fields(eco, context, awkward_gpkg):
    layer = QgsVectorLayer(uri(awkward_gpkg, "bare"), "bare", "ogr")
    loop, fast = read_both(eco, uri(awkward_gpkg, "bare"), layer, [], context)
    assert_same(loop, fast)
    assert fast.geoms[1].geom_type == "MultiPolygon"  # a single-type layer keeps a multi feature


@pytest.mark.parametrize("name, fields", [
    ("t", ["DT"]),          # date-time: the bulk value loses QGIS's time zone handling
    ("t", ["OK"]),          # boolean: GDAL 3.6.2 unpacks Arrow's bit-packed booleans wrongly
    ("zlayer", ["TXT"]),    # Z layer: the loop drops Z
    ("mixed", ["TXT"]),     # a 3D feature in a 2D layer
    ("unreadable", ["TXT"]),  # rings GEOS cannot read; QGIS closes an open ring
])
def test_falls_back_and_still_reads_the_same(eco, context, awkward_gpkg, name, fields):
    layer = QgsVectorLayer(uri(awkward_gpkg, name), name, "ogr")
    loop, fast = read_both(eco, uri(awkward_gpkg, name), layer, fields, context)
    assert fast is None
    feedback = QgsProcessingFeedback()
    source = QgsProcessingFeatureSource(layer, context)
    via_value = eco.io.read_layer(source, "L", context, feedback, fields, layer.crs(),
                                  value=uri(awkward_gpkg, name))
    np.testing.assert_array_equal(via_value.fids, loop.fids)
    assert shapely.to_wkb(via_value.geoms).tolist() == shapely.to_wkb(loop.geoms).tolist()


# ---------------------------------------------------------------------- where it must not apply

def test_not_for_a_shapefile(eco, context, awkward_gpkg):
    shp = str(Path(awkward_gpkg).with_name("t.shp"))
    layer = QgsVectorLayer(shp, "t", "ogr")
    assert layer.isValid() and layer.featureCount() == 2
    assert eco.bulk_read.read_layer(shp, context, QgsProcessingFeedback(), "L", ["TXT"], layer.crs()) is None


def test_not_for_a_selection_a_limit_or_flags(eco, context):
    source = uri(SAMPLE, "redline")
    selected = QgsProcessingFeatureSourceDefinition(source, True)
    limited = QgsProcessingFeatureSourceDefinition(source, False, 10)
    flagged = QgsProcessingFeatureSourceDefinition(
        source, False, -1, QgsProcessingFeatureSourceDefinition.FlagOverrideDefaultGeometryCheck,
        QgsFeatureRequest.GeometrySkipInvalid)
    for value in (selected, limited, flagged):
        assert eco.bulk_read.read_layer(value, context, QgsProcessingFeedback(), "L") is None


def test_not_for_a_subset_string(eco, context, tmp_path):
    path = tmp_path / "copy.gpkg"  # QGIS writes to a GeoPackage whose layer gets a subset
    shutil.copy(SAMPLE, path)
    layer = QgsVectorLayer(uri(path, "redline"), "redline", "ogr")
    assert layer.setSubsetString('"MJ" > 0')
    assert eco.bulk_read.read_layer(layer, context, QgsProcessingFeedback(), "L") is None
    subset_uri = uri(path, "redline") + '|subset="MJ" > 0'
    assert eco.bulk_read.read_layer(subset_uri, context, QgsProcessingFeedback(), "L") is None


def test_not_for_another_crs(eco, context):
    layer = QgsVectorLayer(uri(SAMPLE, "counties"), "counties", "ogr")
    other = QgsCoordinateReferenceSystem("EPSG:4490")
    assert eco.bulk_read.read_layer(layer, context, QgsProcessingFeedback(), "L", [], other) is None
    assert eco.bulk_read.read_layer(layer, context, QgsProcessingFeedback(), "L", [], layer.crs()) is not None


def test_not_for_a_memory_layer(eco, context):
    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:{}&field=BSM:string".format(GK), "m", "memory")
    assert eco.bulk_read.read_layer(layer, context, QgsProcessingFeedback(), "L", ["BSM"]) is None


def test_not_for_a_layer_in_edit_mode(eco, context, awkward_gpkg, tmp_path):
    path = str(tmp_path / "edit.gpkg")
    shutil.copy(awkward_gpkg, path)
    layer = QgsVectorLayer(uri(path, "t"), "t", "ogr")
    assert layer.startEditing()
    assert eco.bulk_read.read_layer(layer, context, QgsProcessingFeedback(), "L", ["TXT"]) is None
    assert layer.changeAttributeValue(3, layer.fields().lookupField("TXT"), "changed")
    assert layer.isModified()
    assert eco.bulk_read.read_layer(layer, context, QgsProcessingFeedback(), "L", ["TXT"]) is None
    layer.rollBack()


def test_cancel_stops_between_batches(eco, context):
    feedback = QgsProcessingFeedback()
    feedback.cancel()
    layer = QgsVectorLayer(uri(SAMPLE, "farmland"), "farmland", "ogr")
    loop, fast = read_both(eco, uri(SAMPLE, "farmland"), layer, [], context, feedback=feedback)
    assert len(loop) == 0
    assert_same(loop, fast)


# ---------------------------------------------------------------------- the algorithm, both ways

def run_check(out):
    import processing

    gpkg = str(SAMPLE)
    params = {
        "REDLINE": uri(gpkg, "redline"), "FARMLAND": uri(gpkg, "farmland"),
        "URBAN_BOUNDARY": uri(gpkg, "urban_boundary"), "PROTECTED_AREAS": uri(gpkg, "protected_areas"),
        "CONFLICT_LAYERS": [uri(gpkg, n) for n in ("construction_land", "mining_rights", "settlements")],
        "COUNTIES": uri(gpkg, "counties"), "COUNTY_CODE_FIELD": "XZQDM", "COUNTY_NAME_FIELD": "XZQMC",
        "OUTPUT": str(out / "findings.gpkg"), "STATISTICS": str(out / "statistics.gpkg"),
    }
    results = processing.run("ecospace:redline_check", params)
    return results, table(results["OUTPUT"]), table(results["STATISTICS"])


def table(path):
    layer = QgsVectorLayer(path, "t", "ogr")
    assert layer.isValid()
    rows = []
    for feat in layer.getFeatures():
        geom = feat.geometry()
        rows.append((feat.id(), [None if v is None or (hasattr(v, "isNull") and v.isNull()) else v
                                 for v in feat.attributes()],
                     None if geom.isNull() else bytes(geom.asWkb())))
    return rows


def test_redline_check_finds_the_same_either_way(eco, tmp_path, monkeypatch):
    taken = []
    real = eco.bulk_read.read_checked

    def spy(value, context, feedback, name, fields=(), dest_crs=None, near=None, sample=0):
        layer, clean = real(value, context, feedback, name, fields, dest_crs, near, sample)
        if layer is not None:
            taken.append(name)
        return layer, clean

    monkeypatch.setattr(eco.bulk_read, "read_checked", spy)
    # the layers into memory, not partition by partition from the files (test_redline_partition_files)
    from ecospace.processing import partition_read

    monkeypatch.setattr(partition_read, "redline_inputs", lambda *args, **kwargs: None)
    (tmp_path / "fast").mkdir()
    fast = run_check(tmp_path / "fast")
    assert sorted(taken) == sorted(["REDLINE", "FARMLAND", "URBAN_BOUNDARY", "PROTECTED_AREAS", "COUNTIES",
                                    "construction_land", "mining_rights", "settlements"])

    monkeypatch.setattr(eco.bulk_read, "read_checked", lambda *args, **kwargs: (None, False))
    (tmp_path / "loop").mkdir()
    loop = run_check(tmp_path / "loop")
    counts = ("ERROR_COUNT", "WARNING_COUNT", "INFO_COUNT")
    assert [fast[0][k] for k in counts] == [loop[0][k] for k in counts]
    assert fast[0]["ERROR_COUNT"] > 0
    assert fast[1] == loop[1]
    assert fast[2] == loop[2]
    assert len(fast[1]) > 0


def test_dates_stay_iso_strings(eco, context, awkward_gpkg):
    layer = QgsVectorLayer(uri(awkward_gpkg, "t"), "t", "ogr")
    _, fast = read_both(eco, uri(awkward_gpkg, "t"), layer, ["D"], context)
    dates = [d for d in fast.attrs["D"] if d is not None]
    assert dates and all(datetime.date.fromisoformat(d).isoformat() == d for d in dates)


@pytest.mark.parametrize("seed", range(5))
def test_near_index_entries_are_those_a_tree_of_them_all_finds(eco, seed):
    """_meeting (the grid of the boxes' cells, then the exact test) picks the index entries whose
    box meets or touches a site's box: those a tree of every entry gives. Whole-number corners make
    many boxes touch exactly; some boxes are points or lines."""
    rng = np.random.default_rng(seed)
    for _ in range(200):
        def boxes(n, whole):
            low = rng.integers(0, 30, (n, 2)).astype(float) if whole else rng.random((n, 2)) * 100
            span = rng.integers(0, 6, (n, 2)).astype(float) if whole else rng.random((n, 2)) * rng.random() * 20
            return np.column_stack([low, low + span])

        whole = bool(rng.random() < 0.5)
        entries, sites = boxes(int(rng.integers(0, 80)), whole), boxes(int(rng.integers(1, 10)), whole)
        expected = np.unique(shapely.STRtree(shapely.box(*entries.T)).query(shapely.box(*sites.T))[1]) \
            if len(entries) else np.empty(0, dtype=np.int64)
        for cells in (1, 3, 128):
            assert eco.bulk_read._meeting(entries, sites, cells).tolist() == expected.tolist()


@pytest.mark.parametrize("text", [None, b"A\xffB", "A\ufffdB".encode()])
def test_the_encoding_hint_is_the_same_either_way(eco, context, awkward_gpkg, tmp_path, text):
    """Reading a GeoPackage in bulk, io.read_layer looks at the first features' text through OGR
    (bulk_read.read_checked) instead of a feature request: it warns exactly when that would, for
    text that is not UTF-8 and for text holding U+FFFD (the table also has dates, booleans and a
    blob in a TEXT column)."""
    from osgeo import ogr

    from ..support import Feedback

    path = str(tmp_path / "t.gpkg")
    shutil.copy(awkward_gpkg, path)
    if text is not None:
        ds = ogr.Open(path, 1)
        ds.ExecuteSQL("UPDATE t SET TXT = CAST(X'{}' AS TEXT) WHERE fid = 42".format(text.hex()))
        ds = None
    layer = QgsVectorLayer(uri(path, "t"), "t", "ogr")
    logs = []
    for value in (None, uri(path, "t")):
        feedback = Feedback()
        eco.io.read_layer(QgsProcessingFeatureSource(layer, context), "t", context, feedback, ["TXT"],
                          layer.crs(), value=value)
        logs.append(feedback.log)
    assert logs[0] == logs[1]
    assert ("did not decode" in "".join(logs[0])) == (text is not None)
