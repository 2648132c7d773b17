"""The control-units dialog (generate / classify / check; code: test_delineation_dialog.py) on the sample."""
from qgis.core import QgsProject

GENERATE, CLASSIFY, CHECK = "ecospace:units_generate", "ecospace:units_classify", "ecospace:units_check"
UNIT_CLASSES = ["1", "2", "3"]


def names(ids):
    return {QgsProject.instance().mapLayer(i).name() for i in ids}


def unit_classes(layer):
    attr, values = layer.renderer().classAttribute(), [str(c.value()) for c in layer.renderer().categories()]
    return attr, values


def test_generate_guesses_runs_and_loads_styled_units(sample_project, make_dialog, out_folder, ui, steps,
                                                      qgis_iface):
    ui.skip_without(GENERATE)
    dialog = make_dialog("units")
    assert dialog.stepCombo.count() == 4 and dialog.stepCombo.isVisible()  # generate, classify, check, code
    w = dialog.widgets
    assert w["ADMIN"].layer().name() == "townships"
    assert w["ADMIN_CODE_FIELD"].value() == "XZQDM" and w["ADMIN_NAME_FIELD"].value() == "XZQMC"
    assert names(w["PRIORITY_LAYERS"].value()) == {"priority_zones", "redline"}
    assert names(w["KEY_LAYERS"].value()) == {"key_zones"}
    assert w["MIN_UNIT_AREA"].value() == 1e6 and "100.0000" in w["MIN_UNIT_AREA"].hint.text()
    loaded = steps.run(dialog, 0)
    layers = steps.layers(loaded)
    assert len(layers) == 2  # findings, then the units
    findings, units = layers
    assert findings is loaded.findings and steps.categories(findings)[0] == "severity"
    assert units.featureCount() > 0
    assert unit_classes(units) == ("ZHGKDYFL", UNIT_CLASSES)
    assert units.labelsEnabled()  # unit codes as labels
    labels = [c.label() for c in units.renderer().categories()]
    assert labels[0] == "Priority protection unit (优先保护单元)", labels
    assert steps.dock_rows(qgis_iface, loaded) == findings.featureCount()


def test_classify_townships(sample_project, make_dialog, out_folder, ui, steps, qgis_iface):
    ui.skip_without(CLASSIFY)
    dialog = make_dialog("units")
    dialog.stepCombo.setCurrentIndex(1)
    w = dialog.widgets
    assert w["UNITS"].layer().name() == "townships"  # no unit layer: the townships are fitted
    assert w["COUNTY_CODE_FIELD"].value() == "XZQDM"
    assert w["SHARE_THRESHOLD"].value() == 50.0 and w["STRICT"].value() is False
    loaded = steps.run(dialog, 1)
    units = next(lyr for lyr in steps.layers(loaded) if "ZHGKDYFL" in lyr.fields().names())
    assert units.featureCount() == sample_project["townships"].featureCount()
    assert unit_classes(units) == ("ZHGKDYFL", UNIT_CLASSES)
    assert steps.dock_rows(qgis_iface, loaded) == loaded.findings.featureCount()


def test_check_generated_units(sample_project, make_dialog, out_folder, ui, steps, qgis_iface):
    ui.skip_without(GENERATE)
    ui.skip_without(CHECK)
    dialog = make_dialog("units")
    steps.run(dialog, 0)
    dialog.addRadio.setChecked(True)
    dialog.stepCombo.setCurrentIndex(2)
    w = dialog.widgets
    assert w["UNITS"].layer().name() == "Environmental control units"  # the units just generated
    assert w["COUNTIES"].layer().name() == "counties" and w["COUNTY_CODE_FIELD"].value() == "XZQDM"
    assert w["REDLINE"].layer().name() == "redline"
    loaded = steps.run(dialog, 2)
    layers = steps.layers(loaded)
    assert loaded.findings is layers[0] and steps.categories(layers[0])[0] == "severity"
    assert any(not lyr.isSpatial() for lyr in layers)  # statistics as a table
    assert steps.dock_rows(qgis_iface, loaded) == loaded.findings.featureCount()
    assert loaded.report and loaded.report.endswith(".html")
