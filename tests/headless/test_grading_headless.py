"""importance_grade and sensitivity_grade through qgis_process, on rasters made from the sample data."""
import numpy as np
from osgeo import gdal, ogr

from ..support import SAMPLE, needs_qgis_process, qgis_process

CELL = 100.0

pytestmark = needs_qgis_process


def sample_raster(path, seed, cell=CELL, inside=80.0):
    """A service raster over the sample counties: high inside the red line, noise elsewhere, NoData
    outside the counties."""
    src = ogr.Open(str(SAMPLE))
    counties, redline = src.GetLayerByName("counties"), src.GetLayerByName("redline")
    x0, x1, y0, y1 = counties.GetExtent()
    width, height = int((x1 - x0) // cell) + 1, int((y1 - y0) // cell) + 1
    ds = gdal.GetDriverByName("GTiff").Create(str(path), width, height, 1, gdal.GDT_Float32)
    ds.SetGeoTransform((x0, cell, 0, y1, 0, -cell))
    ds.SetProjection(counties.GetSpatialRef().ExportToWkt())
    band = ds.GetRasterBand(1)
    band.SetNoDataValue(-1)
    band.Fill(-1)
    gdal.RasterizeLayer(ds, [1], counties, burn_values=[0])
    gdal.RasterizeLayer(ds, [1], redline, burn_values=[inside])
    values = band.ReadAsArray()
    noise = np.random.default_rng(seed).gamma(2.0, 5.0, values.shape).astype(np.float32)
    band.WriteArray(np.where(values >= 0, values + noise, -1))
    ds = None
    return str(path)


def test_importance_grade_headless(tmp_path):
    water = sample_raster(tmp_path / "water.tif", 1)
    soil = sample_raster(tmp_path / "soil.tif", 2, cell=250.0, inside=40.0)  # another grid: aligned
    out, table = tmp_path / "grade.tif", tmp_path / "table.csv"
    proc = qgis_process("run", "ecospace:importance_grade", "--", "SERVICES=" + water, "SERVICES=" + soil,
                        "BREAKS=50,80", "OUTPUT={}".format(out), "TABLE={}".format(table),
                        "SERVICE_FOLDER={}".format(tmp_path / "per"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    grade = gdal.Open(str(out)).ReadAsArray()
    values = gdal.Open(water).ReadAsArray().astype(float)
    values[values == -1] = np.nan
    order = np.sort(values[~np.isnan(values)])[::-1]
    b50 = order[np.flatnonzero(np.cumsum(order) >= 0.5 * order.sum())[0]]
    water_grade = gdal.Open(str(tmp_path / "per" / "water_grade.tif")).ReadAsArray()
    assert np.array_equal(water_grade == 3, values >= b50)
    assert np.all(grade >= water_grade) and set(np.unique(grade)) <= {0, 1, 2, 3}
    assert (grade == 0).sum() == np.isnan(values).sum()
    assert "resampled" in proc.stdout + proc.stderr
    text = table.read_text(encoding="utf-8")
    assert "water" in text and "soil" in text and "ALL" in text


def test_sensitivity_grade_headless(tmp_path):
    rain = sample_raster(tmp_path / "rain.tif", 3, inside=700.0)
    cover = sample_raster(tmp_path / "cover.tif", 4, inside=0.0)
    out = tmp_path / "sens.tif"
    proc = qgis_process("run", "ecospace:sensitivity_grade", "--", "FACTORS=" + rain, "FACTORS=" + cover,
                        "FACTOR_BREAKS=rain:100,600;cover:30,5", "OUTPUT={}".format(out),
                        "TABLE={}".format(tmp_path / "t.csv"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    grade = gdal.Open(str(out)).ReadAsArray()
    r, c = gdal.Open(rain).ReadAsArray(), gdal.Open(cover).ReadAsArray()
    rain_score = np.where(r < 100, 1, np.where(r > 600, 5, 3))
    cover_score = np.where(c > np.float32(30), 1, np.where(c < np.float32(5), 5, 3))
    mean = np.sqrt(rain_score * cover_score)
    expected = np.where(mean >= 3.66, 3, np.where(mean >= 2.33, 2, 1))
    expected[r == -1] = 0
    assert np.array_equal(grade, expected)
    assert (grade == 3).sum() > 0 and (grade == 1).sum() > 0


def test_bad_breaks_headless(tmp_path):
    water = sample_raster(tmp_path / "water.tif", 1)
    proc = qgis_process("run", "ecospace:importance_grade", "--", "SERVICES=" + water, "BREAKS=80,50",
                        "OUTPUT={}".format(tmp_path / "g.tif"))
    assert proc.returncode != 0
    assert "must increase" in proc.stdout + proc.stderr and "Traceback" not in proc.stdout + proc.stderr
    assert not (tmp_path / "g.tif").exists()
