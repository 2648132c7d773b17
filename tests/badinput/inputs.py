"""The bad inputs a user can bring, made from the sample's layers with GDAL/OGR (no QGIS).

Each builder takes a sample layer name and a folder and returns a Processing parameter value
(a path or `path|layername=…`): the layer broken in one way, everything else as in the sample.
"""
import shutil
import sqlite3
import struct
from pathlib import Path

import numpy as np
from osgeo import gdal, ogr, osr

from ..support import SAMPLE, recode_dbf_to_gbk

GK = 4524  # the sample's CRS: CGCS2000 3-degree Gauss-Krüger zone 36, zone-prefixed easting


def gpkg_copy(layer, folder, name, **options):
    """The sample layer `layer` copied (or transformed by VectorTranslate `options`) to a GeoPackage."""
    path = Path(folder) / (name + ".gpkg")
    # no gdal.UseExceptions() here: it would change GDAL's behaviour for the plugin under test too
    assert gdal.VectorTranslate(str(path), str(SAMPLE), layers=[layer], layerName=layer, format="GPKG",
                                **options), path
    return "{}|layername={}".format(path, layer)


def shp_copy(layer, folder, name, encoding="UTF-8"):
    """The sample layer as a shapefile in `encoding`; returns the .shp path."""
    out = Path(folder) / name
    out.mkdir(parents=True, exist_ok=True)
    path = out / (layer + ".shp")
    assert gdal.VectorTranslate(str(path), str(SAMPLE), layers=[layer], format="ESRI Shapefile",
                                layerCreationOptions=["ENCODING=" + encoding]), path
    return path


def empty(layer, folder):
    return gpkg_copy(layer, folder, "empty", where="1 = 0")


def points(layer, folder):
    """Points (the features' centroids) where polygons are expected."""
    return gpkg_copy(layer, folder, "points", SQLStatement='select ST_Centroid(geom) as geom, * from "{}"'
                     .format(layer), SQLDialect="SQLITE", geometryType="POINT")


def no_crs(layer, folder):
    """A shapefile delivered without its .prj."""
    path = shp_copy(layer, folder, "no_crs")
    path.with_suffix(".prj").unlink()
    return str(path)


def undefined_crs(layer, folder):
    """A GeoPackage layer with srs_id 0, 'Undefined geographic SRS', around GK metres."""
    value = gpkg_copy(layer, folder, "undefined_crs")
    path = value.split("|")[0]
    with sqlite3.connect(path) as db:
        db.execute("update gpkg_geometry_columns set srs_id = 0")
        db.execute("update gpkg_contents set srs_id = 0")
    return value


def wrong_crs(layer, folder):
    """GK metres labelled as CGCS2000 geographic degrees (EPSG:4490)."""
    return gpkg_copy(layer, folder, "wrong_crs", dstSRS="EPSG:4490", reproject=False)


def epsg4490(layer, folder):
    return reprojected(layer, folder, "epsg4490", 4490)


def epsg4326(layer, folder):
    return reprojected(layer, folder, "epsg4326", 4326)


def reprojected(layer, folder, name, epsg):
    """The sample layer reprojected feature by feature, its NULL, empty and invalid geometries kept as
    they are (ogr2ogr of GDAL 3.13 stops on them)."""
    src_ds = ogr.Open(str(SAMPLE))
    src = src_ds.GetLayerByName(layer)
    target = osr.SpatialReference()
    target.ImportFromEPSG(epsg)
    target.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    transform = osr.CoordinateTransformation(src.GetSpatialRef(), target)
    path = Path(folder) / (name + ".gpkg")
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    out = ds.CreateLayer(layer, target, src.GetGeomType())
    defn = src.GetLayerDefn()
    for k in range(defn.GetFieldCount()):
        out.CreateField(defn.GetFieldDefn(k))
    for feat in src:
        geom = feat.GetGeometryRef()
        if geom is not None and not geom.IsEmpty():
            geom = geom.Clone()
            geom.Transform(transform)
            feat.SetGeometry(geom)
        feat.SetFID(feat.GetFID())
        out.CreateFeature(feat)
    ds = None
    return "{}|layername={}".format(path, layer)


def _polygon_wkb(coords):
    """WKB of a one-ring polygon, written by hand so NaN and Inf survive."""
    ring = b"".join(struct.pack("<dd", x, y) for x, y in coords)
    return struct.pack("<bII", 1, 3, 1) + struct.pack("<I", len(coords)) + ring


def _append(layer, folder, name, wkbs):
    """A copy of the sample layer with extra features of these geometries (None: NULL geometry);
    their attributes are copied from the first feature so only the geometry is odd."""
    value = gpkg_copy(layer, folder, name)
    ds = ogr.Open(value.split("|")[0], update=1)
    lyr = ds.GetLayerByName(layer)
    template = lyr.GetNextFeature()
    for wkb in wkbs:
        feat = ogr.Feature(lyr.GetLayerDefn())
        for k in range(template.GetFieldCount()):
            feat.SetField(k, template.GetField(k))
        if wkb is not None:
            feat.SetGeometryDirectly(ogr.CreateGeometryFromWkb(wkb))
        lyr.CreateFeature(feat)
    ds = None
    return value


def _origin(layer):
    ds = ogr.Open(str(SAMPLE))
    x0, _, y0, _ = ds.GetLayerByName(layer).GetExtent()
    return x0 + 100.0, y0 + 100.0


def nan_coordinates(layer, folder):
    x, y = _origin(layer)
    return _append(layer, folder, "nan", [_polygon_wkb([(x, y), (float("nan"), y), (x, y + 50), (x, y)]),
                                          _polygon_wkb([(x, y), (float("inf"), y), (x, y + 50), (x, y)])])


def huge_coordinates(layer, folder):
    return _append(layer, folder, "huge", [_polygon_wkb([(0, 0), (1e20, 0), (1e20, 1e20), (0, 0)])])


def null_and_empty(layer, folder):
    return _append(layer, folder, "null_empty", [None, ogr.CreateGeometryFromWkt("POLYGON EMPTY").ExportToWkb()])


def degenerate(layer, folder):
    """A zero-area polygon (all points on a line) and a bow-tie."""
    x, y = _origin(layer)
    return _append(layer, folder, "degenerate", [
        _polygon_wkb([(x, y), (x + 50, y), (x + 100, y), (x, y)]),
        _polygon_wkb([(x, y), (x + 50, y + 50), (x + 50, y), (x, y + 50), (x, y)])])


def curved_z(layer, folder):
    """A curved polygon with Z beside the plain ones (a CAD export)."""
    x, y = _origin(layer)
    wkt = "CURVEPOLYGON Z (CIRCULARSTRING Z ({0} {1} 5, {2} {1} 5, {0} {1} 5))".format(x, y, x + 80)
    return _append(layer, folder, "curved_z", [ogr.CreateGeometryFromWkt(wkt).ExportToIsoWkb()])


def gbk_without_cpg(layer, folder):
    """A GBK shapefile (as ArcGIS writes it) whose .cpg was lost."""
    path = shp_copy(layer, folder, "gbk")  # UTF-8: QGIS turns GDAL's recoding off in its process
    path.with_suffix(".cpg").unlink()
    recode_dbf_to_gbk(path.with_suffix(".dbf"), texts(layer))
    return str(path)


def texts(layer):
    """Every non-ASCII text value of a sample layer."""
    ds = ogr.Open(str(SAMPLE))  # kept referenced: its layer dies with it
    lyr = ds.GetLayerByName(layer)
    defn = lyr.GetLayerDefn()
    names = [defn.GetFieldDefn(k).GetName() for k in range(defn.GetFieldCount())
             if defn.GetFieldDefn(k).GetType() == ogr.OFTString]
    values = {f.GetField(n) for f in lyr for n in names}
    return [v for v in values if v and not v.isascii()]


def truncated(layer, folder):
    """A GeoPackage cut short (a copy interrupted half-way)."""
    path = Path(folder) / "truncated.gpkg"
    data = Path(SAMPLE).read_bytes()
    path.write_bytes(data[: len(data) // 3])
    return "{}|layername={}".format(path, layer)


def raster(layer, folder):
    """A GeoTIFF where a vector layer is expected."""
    return grid(Path(folder) / "raster.tif", np.arange(100, dtype=np.float32).reshape(10, 10))


def grid(path, values, epsg=GK, cell=100.0, nodata=None):
    """A one-band float32 GeoTIFF over the sample's area."""
    ds = ogr.Open(str(SAMPLE))
    x0, _, _, y1 = ds.GetLayerByName("counties").GetExtent()
    out = gdal.GetDriverByName("GTiff").Create(str(path), values.shape[1], values.shape[0], 1, gdal.GDT_Float32)
    out.SetGeoTransform((x0, cell, 0, y1, 0, -cell))
    ref = osr.SpatialReference()
    ref.ImportFromEPSG(epsg)
    out.SetProjection(ref.ExportToWkt())
    band = out.GetRasterBand(1)
    if nodata is not None:
        band.SetNoDataValue(nodata)
    band.WriteArray(values)
    out = None
    return str(path)


def copy_file(src, folder):
    """A private copy of a file, so a test can check that it is left byte-identical."""
    dst = Path(folder) / Path(src).name
    shutil.copyfile(src, dst)
    return str(dst)


VECTOR_KINDS = {f.__name__: f for f in (
    empty, points, no_crs, undefined_crs, wrong_crs, epsg4490, epsg4326, nan_coordinates, huge_coordinates,
    null_and_empty, degenerate, curved_z, gbk_without_cpg, truncated, raster)}


# ---------------------------------------------------------------------- rasters

def values(seed=0, shape=(40, 50)):
    """Smooth positive values with some spread, so every class is populated."""
    rows, cols = np.mgrid[0:shape[0], 0:shape[1]]
    return (1.0 + rows * cols + seed).astype(np.float32)


def good_raster(folder, name, seed=0):
    return grid(Path(folder) / (name + ".tif"), values(seed))


def all_nodata(folder):
    return grid(Path(folder) / "all_nodata.tif", np.full((40, 50), -9999, dtype=np.float32), nodata=-9999)


def nan_cells(folder):
    data = values()
    data[5:15, 5:15] = np.nan
    return grid(Path(folder) / "nan_cells.tif", data)


def raster_no_crs(folder):
    path = good_raster(folder, "no_crs")
    ds = gdal.Open(path, gdal.GA_Update)
    ds.SetProjection("")
    ds = None
    Path(path + ".aux.xml").unlink(missing_ok=True)
    return path


def raster_wrong_crs(folder):
    """GK metres labelled as degrees (EPSG:4490)."""
    return grid(Path(folder) / "wrong_crs.tif", values(), epsg=4490)


def raster_truncated(folder):
    path = Path(good_raster(folder, "whole"))
    cut = Path(folder) / "truncated.tif"
    data = path.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    return str(cut)


def vector_for_raster(folder):
    return "{}|layername=redline".format(copy_file(str(SAMPLE), folder))


RASTER_KINDS = {f.__name__: f for f in (all_nodata, nan_cells, raster_no_crs, raster_wrong_crs,
                                         raster_truncated, vector_for_raster)}
