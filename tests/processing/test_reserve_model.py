"""The example model resources/models/reserve_zone_activity.model3: zone check, human activity, styling."""
import pytest
from qgis.core import QgsProcessingModelAlgorithm, QgsVectorLayer

from ..support import MODELS, default_styles, layer

MODEL = MODELS / "reserve_zone_activity.model3"

pytestmark = pytest.mark.usefixtures("provider")  # the ecospace provider (conftest) is registered


def test_reserve_zone_activity_model(tmp_path):
    import processing

    model = QgsProcessingModelAlgorithm()
    assert model.fromFile(str(MODEL))
    assert sorted(c.algorithmId() for c in model.childAlgorithms().values()) == [
        "ecospace:human_activity", "ecospace:reserve_check", "ecospace:style_layer", "ecospace:style_layer"]
    out = {name: str(tmp_path / (name + ".gpkg")) for name in ("zones", "zone_findings", "activities")}
    result = processing.run(model, {
        "reserves": layer("protected_areas"), "zones": layer("pa_zones"), "activities": layer("activity_polygons"),
        "redline": layer("redline"), "zone_values": "YBKZ=general_control",
        "reserve_check:zones_two_system": out["zones"], "reserve_check:zone_findings": out["zone_findings"],
        "human_activity:activity_findings": out["activities"]})
    zones = QgsVectorLayer(result["reserve_check:zones_two_system"], "z", "ogr")
    assert zones.featureCount() == 13 and zones.renderer().classAttribute() == "zone"
    findings = QgsVectorLayer(result["reserve_check:zone_findings"], "f", "ogr")
    assert "RES_ZONE_GAP" in {f["rule"] for f in findings.getFeatures()}
    activities = QgsVectorLayer(result["human_activity:activity_findings"], "a", "ogr")
    assert {"HA_STRICT_ZONE", "HA_CONTROL_ZONE"} <= {f["rule"] for f in activities.getFeatures()}
    for path in out.values():
        assert default_styles(path) >= 1
