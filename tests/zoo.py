"""Every geometry a file can hold, as WKB written by hand (so NaN and infinity survive), and
GeoPackages of them written with OGR; plus a memory cap so that a runaway fails a test.

No QGIS here: tests/core uses the WKB, tests/processing the GeoPackages.
"""
import contextlib
import resource
import sqlite3
import struct
from pathlib import Path

NAN, INF = float("nan"), float("inf")
# the sample's CRS and area: CGCS2000 3-degree Gauss-Krüger zone 36 (EPSG:4524), zone-prefixed
GK = 4524
X, Y = 36500000.0, 2540000.0


def ring(coords, z=None):
    fmt = "<ddd" if z is not None else "<dd"
    values = [(x, y, z) if z is not None else (x, y) for x, y in coords]
    return struct.pack("<I", len(values)) + b"".join(struct.pack(fmt, *v) for v in values)


def polygon(*rings, z=None):
    """WKB of a polygon (ISO Polygon Z when z is given) of rings of (x, y)."""
    return struct.pack("<BII", 1, 1003 if z is not None else 3, len(rings)) + b"".join(
        ring(r, z) for r in rings)


def point(x, y):
    return struct.pack("<BIdd", 1, 1, x, y)


def square(x0, y0, size=100.0):
    return [(x0, y0), (x0 + size, y0), (x0 + size, y0 + size), (x0, y0 + size), (x0, y0)]


# name -> (WKB or None, the reason a check gives: 'ok', 'null' or 'invalid')
def zoo(x=X, y=Y):
    """The odd geometries, near (x, y) (metres), each with what a check must make of it."""
    return {
        "good": (polygon(square(x, y)), "ok"),
        "nan": (polygon([(x, y), (x + 100, y), (NAN, y + 100), (x, y)]), "invalid"),
        "nan_closing": (polygon([(NAN, y), (x + 100, y), (x + 100, y + 100), (NAN, y)]), "invalid"),
        "inf": (polygon([(x, y), (INF, y), (x, y + 100), (x, y)]), "invalid"),
        "huge": (polygon([(x, y), (1e20, y), (1e20, 1e20), (x, y)]), "invalid"),
        "empty": (struct.pack("<BII", 1, 3, 0), "null"),
        "null": (None, "null"),
        "zero_area": (polygon([(x, y), (x + 50, y + 50), (x + 100, y + 100), (x, y)]), "invalid"),
        "two_point": (polygon([(x, y), (x + 100, y + 100), (x, y)]), "invalid"),
        "collapsed": (polygon([(x, y)] * 4), "invalid"),
        "bow_tie": (polygon([(x, y), (x + 100, y + 100), (x + 100, y), (x, y + 100), (x, y)]), "invalid"),
        "z_nan": (polygon(square(x + 200, y), z=NAN), "ok"),
        "point": (point(x, y), "invalid"),
    }


def write_gpkg(path, features, epsg=GK, geometry_type=None, layer="zoo"):
    """A GeoPackage layer of (name, WKB or None) features, fids 1, 2, … in order, with a `name`
    field; epsg None writes it without a CRS (GDAL gives it srs_id 0)."""
    from osgeo import ogr, osr

    path = Path(path)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = None
    if epsg:
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(epsg)
    lyr = ds.CreateLayer(layer, srs, ogr.wkbPolygon if geometry_type is None else geometry_type)
    lyr.CreateField(ogr.FieldDefn("name", ogr.OFTString))
    for fid, (name, wkb) in enumerate(features, start=1):
        feat = ogr.Feature(lyr.GetLayerDefn())
        feat.SetFID(fid)
        feat["name"] = name
        if wkb is not None:
            feat.SetGeometryDirectly(ogr.CreateGeometryFromWkb(wkb))
        assert lyr.CreateFeature(feat) == 0, name
    ds = None
    return "{}|layername={}".format(path, layer)


def append_to_copy(gpkg, layer, path, features):
    """A copy of GeoPackage `gpkg`'s `layer` at `path` with (name, WKB or None) features added, their
    attributes copied from its first feature so that only the geometry is odd.

    Returns (parameter value, {name: fid}) of the copy and of the added features."""
    from osgeo import gdal, ogr

    assert gdal.VectorTranslate(str(path), str(gpkg), layers=[layer], layerName=layer, format="GPKG")
    ds = ogr.Open(str(path), update=1)
    lyr = ds.GetLayerByName(layer)
    template = lyr.GetNextFeature()
    fids = {}
    for name, wkb in features:
        feat = template.Clone()
        feat.SetFID(-1)
        feat.SetGeometryDirectly(ogr.CreateGeometryFromWkb(wkb) if wkb is not None else None)
        assert lyr.CreateFeature(feat) == 0, name
        fids[name] = feat.GetFID()
    ds = None
    return "{}|layername={}".format(path, layer), fids


def set_srs_id(value, srs_id):
    """Point a GeoPackage layer at srs_id 0 ('Undefined geographic SRS') or -1 ('Undefined
    Cartesian SRS'), as a file written without a CRS has."""
    path = value.split("|")[0]
    with sqlite3.connect(path) as db:
        db.execute("update gpkg_geometry_columns set srs_id = ?", (srs_id,))
        db.execute("update gpkg_contents set srs_id = ?", (srs_id,))
    return value


@contextlib.contextmanager
def memory_cap(gb=2.0):
    """Cap this process's data segment at `gb` GiB above what it uses now: a runaway allocation
    then fails (MemoryError or a GEOS error) instead of swapping the machine or hanging."""
    old = resource.getrlimit(resource.RLIMIT_DATA)
    limit = _data_size() + int(gb * 2 ** 30)
    if old[1] == resource.RLIM_INFINITY or limit < old[1]:
        resource.setrlimit(resource.RLIMIT_DATA, (limit, old[1]))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_DATA, old)


def _data_size():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmData:"):
            return int(line.split()[1]) * 1024
    return 0
