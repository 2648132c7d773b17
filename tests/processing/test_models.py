"""The example models in resources/models open and run on the sample data."""
import pytest
from qgis.core import QgsProcessingModelAlgorithm, QgsVectorLayer

from ..support import MODELS, default_styles, layer

pytestmark = pytest.mark.usefixtures("provider")  # the ecospace provider (conftest) is registered


def test_redline_check_styled_model(tmp_path):
    import processing

    model = QgsProcessingModelAlgorithm()
    assert model.fromFile(str(MODELS / "redline_check_styled.model3"))
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
    assert default_styles(out) == 1
    assert findings.renderer().type() == "categorizedSymbol"
