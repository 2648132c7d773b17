"""Helpers shared by the test modules (fixtures are in conftest.py).

pytest imports the test files as tests.<folder>.<module> (pytest.ini: --import-mode=importlib), so a
test module imports these with `from ..support import ...`.
"""
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import numpy as np
import pytest
import shapely
from qgis.core import QgsProcessingFeedback, QgsVectorLayer

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_DIR = ROOT / "resources" / "sample"
SAMPLE = SAMPLE_DIR / "ecospace_sample.gpkg"
MODELS = ROOT / "resources" / "models"


def sample_json(name):
    """A JSON file of resources/sample (the planted defects), parsed."""
    return json.loads((SAMPLE_DIR / name).read_text(encoding="utf-8"))


def uri(gpkg, name):
    """The layer `name` of the GeoPackage `gpkg`, as a source or parameter value."""
    return "{}|layername={}".format(gpkg, name)


def layer(name):
    """The layer `name` of the bundled sample GeoPackage."""
    return uri(SAMPLE, name)


def redline_inputs():
    """Every input layer of ecospace:redline_check from the sample, with its county fields."""
    conflicts = ("construction_land", "mining_rights", "settlements")
    return {"REDLINE": layer("redline"), "FARMLAND": layer("farmland"),
            "URBAN_BOUNDARY": layer("urban_boundary"), "PROTECTED_AREAS": layer("protected_areas"),
            "CONFLICT_LAYERS": [layer(name) for name in conflicts],
            "COUNTIES": layer("counties"), "COUNTY_CODE_FIELD": "XZQDM", "COUNTY_NAME_FIELD": "XZQMC"}


def sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def refusal(name, params):
    """The message of a refused or failed run of ecospace:`name`, without processing.run's
    'Unable to execute algorithm' line."""
    import processing
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException) as caught:
        processing.run("ecospace:" + name, params)
    return str(caught.value).splitlines()[-1]


def md5(path):
    return hashlib.md5(Path(path).read_bytes()).hexdigest()


# ---------------------------------------------------------------------- outputs read through QGIS

def plain(v):
    """A QGIS attribute value as plain Python (NULL -> None)."""
    return None if v is None or (hasattr(v, "isNull") and v.isNull()) else v


def table(source):
    """The rows of a vector output (path or QgsVectorLayer) as dicts of plain values."""
    lyr = source if isinstance(source, QgsVectorLayer) else QgsVectorLayer(str(source), "t", "ogr")
    assert lyr.isValid(), source
    return [{n: plain(f[n]) for n in lyr.fields().names()} for f in lyr.getFeatures()]


def to_shapely(geometry):
    """A QgsGeometry as a shapely geometry."""
    return shapely.from_wkb(bytes(geometry.asWkb()))


def rows_and_shapes(path, fields=None):
    """(rows as dicts, shapely geometries) of a GeoPackage output."""
    lyr = QgsVectorLayer(str(path), "out", "ogr")
    assert lyr.isValid(), path
    names = fields or lyr.fields().names()
    rows, geoms = [], []
    for f in lyr.getFeatures():
        rows.append({n: f[n] for n in names})
        geoms.append(to_shapely(f.geometry()) if f.hasGeometry() else None)
    return rows, np.array(geoms, dtype=object)


class Feedback(QgsProcessingFeedback):
    """Keeps the log so tests can read what the user was told."""

    def __init__(self):
        super().__init__()
        self.log = []

    def pushInfo(self, text):
        self.log.append(text)

    def pushWarning(self, text):
        self.log.append(text)

    def text(self):
        return "\n".join(self.log)


class CancelAfter(QgsProcessingFeedback):
    """Cancels the run once its progress passes `percent`."""

    def __init__(self, percent):
        super().__init__()
        self.percent = percent

    def setProgress(self, value):
        super().setProgress(value)
        if value > self.percent:
            self.cancel()


def shapefile_without_crs(path, wkt):
    """A one-feature shapefile (of the WKT's geometry type) delivered without its .prj; returns its path.

    The layer takes the geometry's type: a point written to a polygon shapefile is an error, which
    raises where GDAL exceptions are on (QGIS 3.40 turns them on) and is silently dropped elsewhere."""
    from osgeo import ogr

    geom = ogr.CreateGeometryFromWkt(wkt)
    ds = ogr.GetDriverByName("ESRI Shapefile").CreateDataSource(str(path))
    lyr = ds.CreateLayer("no_prj", None, geom.GetGeometryType())
    feat = ogr.Feature(lyr.GetLayerDefn())
    feat.SetGeometry(geom)
    lyr.CreateFeature(feat)
    ds = None
    return str(path)


# ---------------------------------------------------------------------- GeoPackages read with sqlite3

def gpkg_query(gpkg, sql):
    with sqlite3.connect(str(gpkg)) as db:
        return db.execute(sql).fetchall()


def gpkg_table(gpkg):
    """The name of the (single) feature or attribute table of an output GeoPackage."""
    return gpkg_query(gpkg, "select table_name from gpkg_contents where data_type in ('features','attributes')")[0][0]


def gpkg_rows(gpkg, columns, where=None):
    """`columns` (SQL) of the rows of an output GeoPackage's table (those matching `where`, SQL, if given)."""
    sql = 'select {} from "{}"'.format(columns, gpkg_table(gpkg))
    return gpkg_query(gpkg, sql if where is None else sql + " where " + where)


def default_styles(gpkg):
    """How many styles of the GeoPackage are marked to be used by default."""
    return gpkg_query(gpkg, "select count(*) from layer_styles where useAsDefault")[0][0]


def default_style_qml(gpkg):
    return gpkg_query(gpkg, "select styleQML from layer_styles where useAsDefault = 1")[0][0]


def recode_dbf_to_gbk(dbf, texts):
    """Re-encode these UTF-8 texts in a .dbf as GBK, space-padded to the same width (dBase fields
    are fixed-width). QGIS turns GDAL's own recoding off, so tests write GBK this way."""
    data = Path(dbf).read_bytes()
    for text in sorted(set(texts), key=len, reverse=True):
        utf8, gbk = text.encode("utf-8"), text.encode("gbk")
        data = data.replace(utf8, gbk + b" " * (len(utf8) - len(gbk)))
    Path(dbf).write_bytes(data)


# ---------------------------------------------------------------------- rasters

def small_tif(path, n=20, seed=0, compress=None):
    """An n × n float GeoTIFF of random values in EPSG:4524 (10 m cells); returns its path (str)."""
    from osgeo import gdal, osr

    options = ["COMPRESS=" + compress] if compress else []
    ds = gdal.GetDriverByName("GTiff").Create(str(path), n, n, 1, gdal.GDT_Float32, options)
    ds.SetGeoTransform((36500000.0, 10.0, 0, 3000000.0, 0, -10.0))
    ref = osr.SpatialReference()
    ref.ImportFromEPSG(4524)
    ds.SetProjection(ref.ExportToWkt())
    ds.GetRasterBand(1).WriteArray(np.random.default_rng(seed).random((n, n)).astype(np.float32))
    ds = None
    return str(path)


def decay_raster(path, source, scale, peak, cell=50.0):
    """peak · exp(-d / scale), d = distance (m) to the `source` layer's polygons; NoData -1 on the
    first column, so NoData is exercised too."""
    from osgeo import gdal, ogr

    src = ogr.Open(str(SAMPLE))
    counties = src.GetLayerByName("counties")
    x0, x1, y0, y1 = counties.GetExtent()
    width, height = int(round((x1 - x0) / cell)), int(round((y1 - y0) / cell))
    mem = gdal.GetDriverByName("MEM").Create("", width, height, 1, gdal.GDT_Byte)
    dist = gdal.GetDriverByName("MEM").Create("", width, height, 1, gdal.GDT_Float32)
    for ds in (mem, dist):
        ds.SetGeoTransform((x0, cell, 0, y1, 0, -cell))
        ds.SetProjection(counties.GetSpatialRef().ExportToWkt())
    gdal.RasterizeLayer(mem, [1], src.GetLayerByName(source), burn_values=[1])
    gdal.ComputeProximity(mem.GetRasterBand(1), dist.GetRasterBand(1), ["VALUES=1", "DISTUNITS=GEO"])
    values = (peak * np.exp(-dist.GetRasterBand(1).ReadAsArray() / scale)).astype(np.float32)
    values[:, 0] = -1
    out = gdal.GetDriverByName("GTiff").CreateCopy(str(path), dist)
    out.GetRasterBand(1).SetNoDataValue(-1)
    out.GetRasterBand(1).WriteArray(values)
    out = None
    return str(path)


# ---------------------------------------------------------------------- qgis_process

needs_qgis_process = pytest.mark.skipif(not (shutil.which("qgis_process.bin") or shutil.which("qgis_process")),
                                        reason="qgis_process is not installed")


def qgis_process(*args, timeout=300):
    """tools/qgis_process.sh with `args`, the way a batch user runs it (not with pytest-qgis's profile)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("QGIS_")}
    return subprocess.run(["bash", str(ROOT / "tools" / "qgis_process.sh"), *args], cwd=str(ROOT), env=env,
                          capture_output=True, text=True, timeout=timeout)
