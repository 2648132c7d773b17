"""The project siting dialog on the sample project, with units generated from the sample first."""
import processing
from qgis.core import QgsProject, QgsVectorLayer

SITING, GENERATE = "ecospace:siting_check", "ecospace:units_generate"


def add_units(sample_gpkg, tmp_path):
    """The sample's delivered units under a Chinese name (管控单元) to test the guess, and units the
    plugin generated, named the same: a result of the plugin, never guessed as the input."""
    uri = "{}|layername={}".format
    out = str(tmp_path / "units.gpkg")
    processing.run(GENERATE, {
        "ADMIN": uri(sample_gpkg, "townships"), "ADMIN_CODE_FIELD": "XZQDM",
        "PRIORITY_LAYERS": [uri(sample_gpkg, "priority_zones"), uri(sample_gpkg, "redline")],
        "KEY_LAYERS": [uri(sample_gpkg, "key_zones")], "OUTPUT": out})
    generated = QgsVectorLayer(out, "生态环境管控单元", "ogr")
    layer = QgsVectorLayer(uri(sample_gpkg, "control_units"), "环境管控单元", "ogr")
    assert layer.isValid() and generated.isValid()
    QgsProject.instance().addMapLayers([generated, layer])
    return layer


def test_siting(sample_project, sample_gpkg, tmp_path, make_dialog, out_folder, ui, steps, qgis_iface):
    ui.skip_without(SITING)
    ui.skip_without(GENERATE)
    units = add_units(sample_gpkg, tmp_path)
    dialog = make_dialog("siting")
    assert not dialog.stepCombo.isVisible()
    w = dialog.widgets
    assert w["SITES"].layer().name().startswith("project_sites_")
    offered = {lyr.name() for lyr in w["SITES"].candidates()}  # points, lines and polygons
    assert {"project_sites_points", "project_sites_lines", "project_sites_polygons"} <= offered
    assert w["UNITS"].layer() is units
    assert w["REDLINE"].layer().name() == "redline"
    assert w["PROTECTED_AREAS"].layer().name() == "pa_zones"  # the functional zones
    assert w["ZONE_FIELD"].value() == "GNFQ"
    assert w["SITE_ID_FIELD"].value() == "XMBH" and w["INDUSTRY_FIELD"].value() == "HYLB"
    w["SITES"].select(sample_project["project_sites_polygons"])
    loaded = steps.run(dialog, 0)
    layers = steps.layers(loaded)
    assert loaded.findings is not None and steps.categories(loaded.findings)[0] == "severity"
    assert len(layers) >= 2
    assert steps.dock_rows(qgis_iface, loaded) == loaded.findings.featureCount()
