"""The example model resources/models/units_generate_check.model3: generate, check, style.

Units generated on the sample townships must pass their own QA: no error, no class-vs-factor or
tiling finding; only the sample red line's planted invalid features are reported.
"""
from collections import Counter

import pytest
import shapely
from qgis.core import QgsProcessingModelAlgorithm, QgsVectorLayer

from ..support import MODELS, default_styles, layer

MODEL = MODELS / "units_generate_check.model3"

pytestmark = pytest.mark.usefixtures("provider")  # the ecospace provider (conftest) is registered


def features(path):
    lyr = QgsVectorLayer(str(path), "t", "ogr")
    assert lyr.isValid(), path
    return lyr, list(lyr.getFeatures())


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    import processing

    tmp = tmp_path_factory.mktemp("units_model")
    model = QgsProcessingModelAlgorithm()
    assert model.fromFile(str(MODEL))
    result = processing.run(model, {
        "admin": layer("townships"), "admin_code_field": "XJDM", "counties": layer("counties"),
        "county_code_field": "XZQDM", "priority_layers": [layer("redline"), layer("priority_zones")],
        "key_layers": [layer("key_zones")], "redline": layer("redline"), "min_unit_area": 1e6,
        "units_generate:units": str(tmp / "units.gpkg"), "units_check:unit_findings": str(tmp / "findings.gpkg")})
    return model, result


def test_model_chain(run):
    model, _ = run
    assert sorted(c.algorithmId() for c in model.childAlgorithms().values()) == [
        "ecospace:style_layer", "ecospace:style_layer", "ecospace:units_check", "ecospace:units_generate"]


def test_units_tile_the_townships_and_are_coded(run):
    _, result = run
    units_layer, units = features(result["units_generate:units"])
    _, towns = features(layer("townships"))
    geoms = shapely.from_wkb([bytes(f.geometry().asWkb()) for f in units])
    town_union = shapely.union_all(shapely.make_valid(shapely.from_wkb([bytes(f.geometry().asWkb()) for f in towns])))
    assert abs(shapely.area(shapely.union_all(geoms)) - shapely.area(town_union)) < 1.0
    classes = Counter(f["ZHGKDYFL"] for f in units)
    assert set(classes) == {1, 2, 3} and all(n > 0 for n in classes.values())
    codes = [f["HJZHGKDYBM"] for f in units]
    assert len(set(codes)) == len(codes)
    assert all(c[:2] == "ZH" and c[2:8] in {"450122", "450123", "450124"} and int(c[8]) == f["ZHGKDYFL"]
               for c, f in zip(codes, units))
    assert units_layer.renderer().type() == "categorizedSymbol"


def test_fresh_units_pass_their_own_check(run):
    _, result = run
    _, findings = features(result["units_check:unit_findings"])
    rules = Counter(f["rule"] for f in findings)
    assert not any(f["severity"] == "error" for f in findings), rules
    # access lists are not checked by this model: fresh units have none yet
    assert "UNIT_ACCESS_EMPTY" not in rules
    # the only findings: the sample red line's two planted invalid features (given as REDLINE and
    # as a priority factor), reported as repaired inputs
    invalid = {(f["layer"].upper(), f["feature_fid"]) for f in findings if f["rule"] == "UNIT_INPUT_INVALID"}
    assert invalid == {("REDLINE", 95), ("REDLINE", 196)}
    assert set(rules) == {"UNIT_INPUT_INVALID"}, rules
    assert result["CHILD_RESULTS"]["units_check"]["ERROR_COUNT"] == 0


def test_outputs_carry_their_styles(run):
    _, result = run
    for key in ("units_generate:units", "units_check:unit_findings"):
        assert default_styles(result[key]) >= 1
