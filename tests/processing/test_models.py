"""The example models in resources/models open and run on the sample data."""
import sqlite3
from pathlib import Path

import pytest
from qgis.core import QgsProcessingModelAlgorithm, QgsVectorLayer

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample" / "ecospace_sample.gpkg"


def layer(name):
    return "{}|layername={}".format(SAMPLE, name)


@pytest.fixture(autouse=True)
def _provider(provider):
    return provider


def test_redline_check_styled_model(tmp_path):
    import processing

    model = QgsProcessingModelAlgorithm()
    assert model.fromFile(str(ROOT / "resources" / "models" / "redline_check_styled.model3"))
    assert [c.algorithmId() for c in model.childAlgorithms().values()] in (
        ["ecospace:redline_check", "ecospace:style_layer"], ["ecospace:style_layer", "ecospace:redline_check"])
    out = str(tmp_path / "model_findings.gpkg")
    result = processing.run(model, {
        "redline": layer("redline"), "farmland": layer("farmland"), "urban_boundary": layer("urban_boundary"),
        "protected_areas": layer("protected_areas"), "counties": layer("counties"),
        "county_code_field": "XZQDM", "redline_check:findings": out})
    findings = QgsVectorLayer(result["redline_check:findings"], "f", "ogr")
    rules = {f["rule"] for f in findings.getFeatures()}
    assert {"RL_OVERLAP_PBF", "RL_OVERLAP_UDB", "RL_PA_OUTSIDE", "RL_CROSS_COUNTY"} <= rules
    with sqlite3.connect(out) as db:
        assert db.execute("select count(*) from layer_styles where useAsDefault").fetchone()[0] == 1
    assert findings.renderer().type() == "categorizedSymbol"
