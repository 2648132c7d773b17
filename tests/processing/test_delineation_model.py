"""The example model resources/models/redline_delineation.model3: grade, candidate, check, style.

Two service rasters (50 m, float32) decay with the distance to the sample's red line and protected
areas; the model must turn them into a candidate red line that holds every protected area, has the
area found independently from the graded raster, and fails the delivery check only on the inputs'
own farmland × urban-boundary overlap.
"""
from collections import Counter

import numpy as np
import pytest
import shapely
from osgeo import gdal
from qgis.core import QgsProcessingModelAlgorithm, QgsVectorLayer

from ..support import MODELS, SAMPLE, decay_raster, default_styles, layer, md5

MODEL = MODELS / "redline_delineation.model3"

pytestmark = pytest.mark.usefixtures("provider")  # the ecospace provider (conftest) is registered


def shapes(uri, fields=()):
    lyr = QgsVectorLayer(str(uri), "t", "ogr")
    assert lyr.isValid(), uri
    feats = list(lyr.getFeatures())
    geoms = shapely.from_wkb([bytes(f.geometry().asWkb()) for f in feats])
    return geoms, [{n: f[n] for n in fields} for f in feats]


def grade3_polygons(path):
    """The class-3 cells of a graded GeoTIFF, as one geometry (row runs merged, then unioned)."""
    ds = gdal.Open(str(path))
    x0, dx, _, y1, _, dy = ds.GetGeoTransform()
    hit = ds.ReadAsArray() == 3
    edges = np.diff(np.pad(hit.astype(np.int8), ((0, 0), (1, 1))), axis=1)
    rows, starts = np.nonzero(edges == 1)
    _, ends = np.nonzero(edges == -1)  # same row order as the starts
    boxes = shapely.box(x0 + starts * dx, y1 + (rows + 1) * dy, x0 + ends * dx, y1 + rows * dy)
    return shapely.union_all(boxes)


def brute_break(path, fraction):
    values = gdal.Open(str(path)).ReadAsArray().astype(float)
    order = np.sort(values[values != -1])[::-1]
    return order[np.flatnonzero(np.cumsum(order) >= fraction * order.sum())[0]]


@pytest.fixture(scope="module")
def model_run(tmp_path_factory):
    import processing

    tmp = tmp_path_factory.mktemp("delineation")
    services = [decay_raster(tmp / "water.tif", "redline", 800.0, 100.0),
                decay_raster(tmp / "biodiversity.tif", "protected_areas", 500.0, 60.0)]
    model = QgsProcessingModelAlgorithm()
    assert model.fromFile(str(MODEL))
    before = md5(SAMPLE)
    outs = {"importance_grade:importance": tmp / "grade.tif",
            "redline_candidate:candidate": tmp / "candidate.gpkg",
            "redline_candidate:candidate_findings": tmp / "candidate_findings.gpkg",
            "redline_check:findings": tmp / "findings.gpkg"}
    result = processing.run(model, dict(
        {k: str(v) for k, v in outs.items()}, services=services, breaks="50,80",
        farmland=layer("farmland"), urban_boundary=layer("urban_boundary"),
        protected_areas=layer("protected_areas"), counties=layer("counties"), county_code_field="XZQDM"))
    assert md5(SAMPLE) == before  # inputs untouched
    return {"model": model, "result": result, "services": services, "outs": outs}


def test_model_chain():
    model = QgsProcessingModelAlgorithm()
    assert model.fromFile(str(MODEL))
    assert sorted(c.algorithmId() for c in model.childAlgorithms().values()) == [
        "ecospace:importance_grade", "ecospace:redline_candidate", "ecospace:redline_check",
        "ecospace:style_layer"]
    assert sorted(p.name() for p in model.parameterDefinitions() if not p.isDestination()) == [
        "breaks", "counties", "county_code_field", "farmland", "protected_areas", "services", "urban_boundary"]


def test_grade_is_the_highest_class_across_services(model_run):
    grade = gdal.Open(model_run["result"]["importance_grade:importance"]).ReadAsArray()
    top = np.zeros(grade.shape, dtype=bool)
    for path in model_run["services"]:
        values = gdal.Open(path).ReadAsArray()
        top |= (values >= brute_break(path, 0.5)) & (values != -1)
    assert np.array_equal(grade == 3, top)
    assert (grade[:, 0] == 0).all() and set(np.unique(grade[:, 1:])) == {1, 2, 3}


def test_candidate_area_and_protected_areas(model_run):
    geoms, rows = shapes(model_run["result"]["redline_candidate:candidate"], ["area_m2", "XZQDM", "origin"])
    candidate = shapely.union_all(geoms)
    pa = shapely.union_all(shapely.make_valid(shapes(layer("protected_areas"))[0]))
    # every protected area lies inside the candidate
    assert shapely.area(shapely.difference(pa, candidate)) < 0.01
    # the area, found independently: (class-3 cells ∪ protected areas) minus farmland and urban
    # boundary outside the protected areas; pieces and holes below 200 m² dropped / filled
    deduct = shapely.union_all(shapely.make_valid(np.concatenate([shapes(layer("farmland"))[0],
                                                                  shapes(layer("urban_boundary"))[0]])))
    raw = shapely.difference(shapely.union(grade3_polygons(model_run["result"]["importance_grade:importance"]), pa),
                             shapely.difference(deduct, pa))
    parts = shapely.get_parts(raw)
    parts = parts[shapely.area(parts) >= 200]
    holes = shapely.area(shapely.polygons([shapely.get_interior_ring(p, i) for p in parts
                                           for i in range(shapely.get_num_interior_rings(p))]))
    small_holes = holes[holes < 200].sum()
    expected = shapely.area(parts).sum() + small_holes
    total = sum(r["area_m2"] for r in rows)
    assert abs(total - expected) < 1e-3 * expected, (total, expected)
    assert total > 1e8  # a real red line, not a handful of cells
    assert {r["XZQDM"] for r in rows} <= {"450122", "450123", "450124"} and all(r["XZQDM"] for r in rows)
    assert {"importance", "protected"} <= set(";".join(r["origin"] for r in rows).split(";"))


def test_check_fails_only_on_the_inputs_own_overlap(model_run):
    result = model_run["result"]
    _, found = shapes(result["redline_check:findings"], ["rule", "severity", "layer", "feature_fid", "other_fid",
                                                         "area_m2"])
    errors = [f for f in found if f["severity"] == "error"]
    assert [e["rule"] for e in errors] == ["RL_OVERLAP_PBF_UDB"]
    # farmland × urban boundary overlaps in the inputs themselves, counted independently
    farm, urban = shapes(layer("farmland"))[0], shapes(layer("urban_boundary"))[0]
    f_idx, u_idx = shapely.STRtree(urban).query(farm, predicate="intersects")
    areas = shapely.area(shapely.intersection(farm[f_idx], urban[u_idx]))
    # a model returns only its own outputs; the child's counts are under CHILD_RESULTS
    assert result["CHILD_RESULTS"]["redline_check"]["ERROR_COUNT"] == len(errors)
    assert len(errors) == int((areas > 0.01).sum()) == 1
    err = errors[0]
    assert (err["layer"], err["feature_fid"], err["other_fid"]) == ("FARMLAND", 1196, 2)
    assert abs(err["area_m2"] - 4347.673) < 4.35
    assert Counter(f["rule"] for f in found)["RL_PA_OUTSIDE"] == 0


def test_findings_are_styled(model_run):
    path = model_run["result"]["redline_check:findings"]
    assert default_styles(path) == 1
    assert QgsVectorLayer(path, "f", "ogr").renderer().type() == "categorizedSymbol"
