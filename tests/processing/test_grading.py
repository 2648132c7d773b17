"""ecospace:importance_grade and ecospace:sensitivity_grade through processing.run, on small GeoTIFFs
written here: graded values, breaks and class areas, alignment, bad inputs and cancel."""
import hashlib
import os

import numpy as np
import pytest
from osgeo import gdal, osr
from qgis.core import QgsProcessingException, QgsProcessingFeedback, QgsVectorLayer

from ecospace.core.grading import geographic_row_areas
from ecospace.core.measure import Ellipsoid
from ecospace.processing import raster_io

GK = 4524  # CGCS2000 3-degree GK zone 36, zone-prefixed easting
ORIGIN = (36500000.0, 3000000.0)


def write_tif(path, array, epsg=GK, cell=10.0, origin=ORIGIN, nodata=None, dtype=gdal.GDT_Float32,
              bands=1, crs=True):
    array = np.asarray(array)
    ds = gdal.GetDriverByName("GTiff").Create(str(path), array.shape[-1], array.shape[-2], bands, dtype)
    ds.SetGeoTransform((origin[0], cell, 0, origin[1], 0, -cell))
    if crs:
        ref = osr.SpatialReference()
        ref.ImportFromEPSG(epsg)
        ds.SetProjection(ref.ExportToWkt())
    for b in range(bands):
        band = ds.GetRasterBand(b + 1)
        if nodata is not None:
            band.SetNoDataValue(nodata)
        band.WriteArray(array if array.ndim == 2 else array[b])
    ds = None
    return str(path)


def read_tif(path):
    ds = gdal.Open(str(path))
    band = ds.GetRasterBand(1)
    return band.ReadAsArray(), band.GetNoDataValue(), ds


def table_rows(path):
    layer = QgsVectorLayer(str(path), "t", "ogr")
    assert layer.isValid()
    return [f.attributes() for f in layer.getFeatures()], [f.name() for f in layer.fields()]


def digest(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


@pytest.fixture
def run(provider):
    import processing

    def run_alg(name, params, feedback=None):
        return processing.run("ecospace:" + name, params, feedback=feedback)
    return run_alg


def brute_breaks(values, fractions, weights=None):
    v = values.ravel()
    w = np.ones_like(v) if weights is None else weights.ravel()
    ok = ~np.isnan(v)
    v, w = v[ok], w[ok]
    order = np.argsort(-v, kind="stable")
    running = np.cumsum(v[order] * w[order])
    total = np.sum(v * w)
    return [v[order][np.flatnonzero(running >= f * total)[0]] for f in fractions]


# -- importance ----------------------------------------------------------------------------------

def test_importance_values_breaks_and_areas(run, tmp_path):
    rng = np.random.default_rng(3)
    water = rng.integers(0, 100, (40, 30)).astype(np.float32)
    water[:3, :3] = -9999
    soil = rng.integers(0, 50, (40, 30)).astype(np.float32)
    soil[10, 10] = -9999
    paths = [write_tif(tmp_path / "water.tif", water, nodata=-9999),
             write_tif(tmp_path / "soil.tif", soil, nodata=-9999)]
    before = [digest(p) for p in paths]
    out, table = tmp_path / "grade.tif", tmp_path / "table.gpkg"
    res = run("importance_grade", {"SERVICES": paths, "OUTPUT": str(out), "TABLE": str(table),
                                   "SERVICE_FOLDER": str(tmp_path / "per")})
    grade, nodata, ds = read_tif(out)
    assert nodata == 0 and ds.GetRasterBand(1).GetColorTable() is not None
    expected = []
    for arr in (water, soil):
        v = np.where(arr == -9999, np.nan, arr).astype(float)
        b50, b80 = brute_breaks(v, [0.5, 0.8])
        cls = np.where(v >= b50, 3, np.where(v >= b80, 2, 1))
        cls[np.isnan(v)] = 0
        expected.append((cls, b50, b80))
    assert np.array_equal(grade, np.maximum(expected[0][0], expected[1][0]))
    per_service = sorted(res["SERVICE_GRADES"])
    assert [os.path.basename(p) for p in per_service] == ["soil_grade.tif", "water_grade.tif"]
    assert np.array_equal(read_tif(tmp_path / "per" / "water_grade.tif")[0], expected[0][0])
    assert os.path.exists(str(out)[:-4] + ".qml")
    rows, names = table_rows(table)
    col = {n: i for i, n in enumerate(names)}
    water_rows = {r[col["class"]]: r for r in rows if r[col["service"]] == "water"}
    assert water_rows[3][col["break_value"]] == expected[0][1]
    assert water_rows[2][col["break_value"]] == expected[0][2]
    assert water_rows[3][col["break_percent"]] == 50
    # a 10 m GK cell near the central meridian: 100 m² × scale, within 0.1 %
    for cls in (1, 2, 3):
        cells = int((expected[0][0] == cls).sum())
        assert water_rows[cls][col["cells"]] == cells
        assert water_rows[cls][col["area_m2"]] == pytest.approx(cells * 100.0, rel=1e-3)
    assert sum(r[col["value_share_pct"]] for r in water_rows.values()) == pytest.approx(100.0)
    assert water_rows[3][col["value_share_pct"]] >= 50.0
    overall = {r[col["class"]]: r[col["cells"]] for r in rows if r[col["service"]] == "ALL"}
    assert overall == {c: int((grade == c).sum()) for c in (1, 2, 3)}
    assert [digest(p) for p in paths] == before


def test_geographic_cells_are_weighted_by_area(run, tmp_path):
    # rows 70–50°N (value 10), 50–30°N (1), 30–10°N (9): the southern cells are nearly twice as large,
    # so by area the 9s are extremely important too; counting cells alone they would not be
    values = np.array([[10.0, 10.0], [1.0, 1.0], [9.0, 9.0]], dtype=np.float32)
    path = write_tif(tmp_path / "geo.tif", values, epsg=4490, cell=20.0, origin=(100.0, 70.0))
    out, table = tmp_path / "g.tif", tmp_path / "t.gpkg"
    run("importance_grade", {"SERVICES": [path], "OUTPUT": str(out), "TABLE": str(table)})
    grade = read_tif(out)[0]
    weights = np.repeat(geographic_row_areas(70.0, -20.0, 3, 20.0)[:, None], 2, axis=1)
    assert brute_breaks(values.astype(float), [0.5])[0] == 10.0
    assert brute_breaks(values.astype(float), [0.5], weights)[0] == 9.0
    assert grade.tolist() == [[3, 3], [1, 1], [3, 3]]
    ell = Ellipsoid()

    def band(north, south):
        return ell.a ** 2 * np.radians(20.0) * (ell.q(np.radians(north)) - ell.q(np.radians(south))) / 2

    rows, names = table_rows(table)
    col = {n: i for i, n in enumerate(names)}
    area = {r[col["class"]]: r[col["area_m2"]] for r in rows if r[col["service"]] == "ALL"}
    assert area[3] == pytest.approx(2 * (band(70, 50) + band(30, 10)), rel=1e-9)
    assert area[1] == pytest.approx(2 * band(50, 30), rel=1e-9)


def test_rasters_on_other_grids_are_aligned(run, tmp_path):
    first = write_tif(tmp_path / "a.tif", np.arange(16, dtype=np.float32).reshape(4, 4))
    coarse = write_tif(tmp_path / "b.tif", np.array([[1, 2], [3, 4]], dtype=np.float32), cell=20.0)
    feedback = QgsProcessingFeedback()
    messages = []
    feedback.pushInfo = lambda text: messages.append(text)
    out = tmp_path / "g.tif"
    run("importance_grade", {"SERVICES": [first, coarse], "OUTPUT": str(out), "TABLE": "TEMPORARY_OUTPUT"},
        feedback)
    grade, _, ds = read_tif(out)
    assert grade.shape == (4, 4) and ds.GetGeoTransform()[1] == 10.0
    assert any("resampled" in m for m in messages)


@pytest.mark.parametrize("breaks", ["80,50", "0,50", "50,100", "50", "a,b", "50,80,90"])
def test_bad_breaks(run, tmp_path, breaks):
    path = write_tif(tmp_path / "a.tif", np.ones((3, 3), dtype=np.float32))
    with pytest.raises(QgsProcessingException, match="BREAKS"):
        run("importance_grade", {"SERVICES": [path], "BREAKS": breaks, "OUTPUT": str(tmp_path / "g.tif")})
    assert not (tmp_path / "g.tif").exists()


def test_bad_rasters(run, tmp_path):
    out = str(tmp_path / "g.tif")
    cases = [
        (write_tif(tmp_path / "nocrs.tif", np.ones((3, 3)), crs=False), {}, "no coordinate reference"),
        (write_tif(tmp_path / "empty.tif", np.full((3, 3), -1.0), nodata=-1), {}, "NoData"),
        (write_tif(tmp_path / "zero.tif", np.zeros((3, 3))), {}, "positive total"),
        (write_tif(tmp_path / "cplx.tif", np.ones((3, 3)), dtype=gdal.GDT_CFloat32), {}, "plain numbers"),
        (write_tif(tmp_path / "two.tif", np.ones((2, 3, 3)), bands=2), {"BAND": 3}, "Choose a band from 1 to 2"),
    ]
    for path, extra, message in cases:
        with pytest.raises(QgsProcessingException, match=message):
            run("importance_grade", dict({"SERVICES": [path], "OUTPUT": out}, **extra))
        assert not os.path.exists(out)


def test_band_parameter(run, tmp_path):
    stack = np.stack([np.ones((3, 3)), np.arange(9).reshape(3, 3)]).astype(np.float32)
    path = write_tif(tmp_path / "two.tif", stack, bands=2)
    out = tmp_path / "g.tif"
    run("importance_grade", {"SERVICES": [path], "BAND": 2, "OUTPUT": str(out)})
    assert read_tif(out)[0][2, 2] == 3 and read_tif(out)[0][0, 0] == 1


@pytest.mark.parametrize("at", [10, 70])  # while finding the breaks; while writing the rasters
def test_cancel_leaves_no_output(run, tmp_path, monkeypatch, at):
    monkeypatch.setattr(raster_io, "BLOCK_CELLS", 10)  # many blocks, so the cancel lands mid-run
    path = write_tif(tmp_path / "a.tif", np.arange(40000, dtype=np.float32).reshape(200, 200))  # strips of 10 rows
    feedback = QgsProcessingFeedback()
    original = feedback.setProgress

    def cancel_late(value):
        original(value)
        if value > at:
            feedback.cancel()
    feedback.setProgress = cancel_late
    out, table = tmp_path / "g.tif", tmp_path / "t.gpkg"
    with pytest.raises(QgsProcessingException, match="cancelled"):
        run("importance_grade", {"SERVICES": [path], "OUTPUT": str(out), "TABLE": str(table),
                                 "SERVICE_FOLDER": str(tmp_path / "per")}, feedback)
    assert not out.exists() and not table.exists()
    assert not [p for p in tmp_path.rglob("*") if p.suffix in (".tif", ".gpkg") and p.name != "a.tif"]


def test_many_blocks_give_the_same_grade(run, tmp_path, monkeypatch):
    rng = np.random.default_rng(5)
    values = rng.gamma(2.0, 10.0, (60, 50)).astype(np.float32)
    path = write_tif(tmp_path / "a.tif", values)
    run("importance_grade", {"SERVICES": [path], "OUTPUT": str(tmp_path / "one.tif")})
    monkeypatch.setattr(raster_io, "BLOCK_CELLS", 120)
    run("importance_grade", {"SERVICES": [path], "OUTPUT": str(tmp_path / "many.tif")})
    assert np.array_equal(read_tif(tmp_path / "one.tif")[0], read_tif(tmp_path / "many.tif")[0])


# -- sensitivity ---------------------------------------------------------------------------------

def factor_rasters(tmp_path):
    rain = np.array([[50, 100, 600, 700], [50, 50, 700, 700]], dtype=np.float32)
    relief = np.array([[10, 60, 300, 400], [10, 400, -1, 400]], dtype=np.float32)
    cover = np.array([[0.9, 0.5, 0.2, 0.1], [0.9, 0.9, 0.1, 0.6]], dtype=np.float32)
    return [write_tif(tmp_path / "rain.tif", rain), write_tif(tmp_path / "relief.tif", relief, nodata=-1),
            write_tif(tmp_path / "cover.tif", cover)]


def test_sensitivity_scores_composite_and_areas(run, tmp_path):
    paths = factor_rasters(tmp_path)
    before = [digest(p) for p in paths]
    out, composite, table = tmp_path / "s.tif", tmp_path / "c.tif", tmp_path / "t.gpkg"
    run("sensitivity_grade", {"FACTORS": paths, "FACTOR_BREAKS": "rain:100,600;relief:50,300;cover:0.6,0.2",
                              "OUTPUT": str(out), "COMPOSITE": str(composite), "TABLE": str(table)})
    # scores: row 0 -> (1,1,1) (3,3,3) (3,3,3) (5,5,5); row 1 -> (1,1,1) (1,5,1) NoData (5,5,3);
    # the last cover value is float32 0.6, which must score as 0.6 (the middle class), not above it
    expected_mean = np.array([[1, 3, 3, 5], [1, 5 ** (1 / 3), np.nan, (75) ** (1 / 3)]])
    got_mean = read_tif(composite)[0]
    assert np.allclose(got_mean, expected_mean, equal_nan=True)
    grade, nodata, _ = read_tif(out)
    assert nodata == 0
    assert grade.tolist() == [[1, 2, 2, 3], [1, 1, 0, 3]]
    rows, names = table_rows(table)
    col = {n: i for i, n in enumerate(names)}
    overall = {r[col["class"]]: r for r in rows if r[col["item"]] == "ALL"}
    assert {c: overall[c][col["cells"]] for c in (1, 2, 3)} == {1: 3, 2: 2, 3: 2}
    assert overall[3][col["area_m2"]] == pytest.approx(200.0, rel=1e-3)
    assert overall[3][col["lower_bound"]] == 3.66
    relief = {r[col["class"]]: r[col["cells"]] for r in rows if r[col["item"]] == "relief"}
    assert relief == {1: 2, 2: 2, 3: 3}
    assert [digest(p) for p in paths] == before


def test_sensitivity_parameters(run, tmp_path):
    paths = factor_rasters(tmp_path)
    out = str(tmp_path / "s.tif")
    for params, message in (({"FACTOR_BREAKS": "a:1,2;b:3,4"}, "3 factor raster"),
                            ({}, "4 group"),
                            ({"FACTOR_BREAKS": "a:1;b:1,2;c:1,2"}, "not a factor group"),
                            ({"FACTOR_BREAKS": "1,2;1,2;1,2", "SCORES": "1,5,3"}, "SCORES must increase"),
                            ({"FACTOR_BREAKS": "1,2;1,2;1,2", "COMPOSITE_BREAKS": "3"}, "exactly 2")):
        with pytest.raises(QgsProcessingException, match=message):
            run("sensitivity_grade", dict({"FACTORS": paths, "OUTPUT": out}, **params))
        assert not os.path.exists(out)


def test_sensitivity_default_breaks_with_four_factors(run, tmp_path):
    paths = factor_rasters(tmp_path)
    paths.append(write_tif(tmp_path / "k.tif", np.full((2, 4), 0.05, dtype=np.float32)))
    out = tmp_path / "s.tif"
    run("sensitivity_grade", {"FACTORS": paths, "OUTPUT": str(out)})
    # erodibility 0.05 > 0.04 scores 5 everywhere: (1,1,1,5) -> 5^(1/4) = 1.50 -> class 1
    assert read_tif(out)[0][0, 0] == 1 and read_tif(out)[0][0, 3] == 3
