"""The project siting dialog on the sample project, with units generated from the sample first."""
import processing
from qgis.core import QgsProject, QgsVectorLayer

SITING, GENERATE = "ecospace:siting_check", "ecospace:units_generate"
SITE_LAYERS = ("project_sites_points", "project_sites_lines", "project_sites_polygons")


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
    # the project list in three layers: one as SITES, the other two as MORE_SITES, all in one run
    guesses = dialog.guesses()
    assert sorted([guesses["SITES"]] + guesses["MORE_SITES"]) == sorted(SITE_LAYERS)
    loaded = steps.run(dialog, 0)
    layers = steps.layers(loaded)
    assert loaded.findings is not None and steps.categories(loaded.findings)[0] == "severity"
    assert len(layers) >= 2
    table = next(lyr for lyr in layers if "site_layer" in lyr.fields().names())
    assert {f["site_layer"] for f in table.getFeatures()} == set(SITE_LAYERS)
    # a line and a polygon enter the red line; the findings name the SITES layer SITES, as ever
    assert {f["layer"] for f in loaded.findings.getFeatures() if f["rule"] == "SITE_REDLINE"} == {
        "SITES" if name == guesses["SITES"] else name for name in SITE_LAYERS[1:]}
    assert steps.dock_rows(qgis_iface, loaded) == loaded.findings.featureCount()
    assert loaded.report and open(loaded.report, encoding="utf-8").read().count("<svg") == 9


def test_more_site_layers_leave_out_the_sites_layer():
    """A multiple-layer parameter of one role beside a single-layer parameter of that role takes the
    other layers of the role; beside another role's parameter (units_check's REDLINE and
    PRIORITY_LAYERS) it keeps them all."""
    from ecospace.ui.layer_guess import assign

    names = ["redline", "project_sites_points", "project_sites_lines", "control_units"]
    wanted = {"SITES": "SITES", "MORE_SITES": ("SITES",), "UNITS": "UNITS"}
    picks = assign(wanted, {p: names for p in wanted})
    assert picks == {"SITES": 1, "MORE_SITES": [2], "UNITS": 3}
    picks = assign({"REDLINE": "REDLINE", "PRIORITY_LAYERS": ("PRIORITY_ZONES", "REDLINE")},
                   {"REDLINE": names, "PRIORITY_LAYERS": names})
    assert picks == {"REDLINE": 0, "PRIORITY_LAYERS": [0]}
