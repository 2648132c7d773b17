"""The protected-areas dialog (zones / overlaps / human activity) on the sample project."""
RESERVE, OVERLAPS, ACTIVITY = ("ecospace:reserve_check", "ecospace:protected_area_overlaps",
                               "ecospace:human_activity")
PLANTED_ZONE_VALUE = "YBKZ=general_control"  # the sample's made-up zone code (tools/sample_reserves.py)


def test_unknown_zone_value_is_explained(sample_project, make_dialog, out_folder, ui):
    ui.skip_without(RESERVE)
    dialog = make_dialog("reserves")
    assert dialog.start()
    ui.wait_for_run(dialog)
    text = dialog.status_text  # whole; the status line shows its start, the details box all of it
    assert dialog.last is None and text.startswith("The run failed") and "ZONE_VALUES" in text
    assert dialog.statusLabel.text().startswith("The run failed")
    assert dialog.detailsText.isVisible() and text in dialog.detailsText.toPlainText()
    assert not out_folder.exists() or list(out_folder.iterdir()) == []


def test_zone_check(sample_project, make_dialog, out_folder, ui, steps, qgis_iface):
    ui.skip_without(RESERVE)
    dialog = make_dialog("reserves")
    w = dialog.widgets
    assert w["RESERVES"].layer().name() == "protected_areas"
    assert w["ZONES"].layer().name() == "pa_zones"
    assert w["RESERVE_ID_FIELD"].value() == "BHDDM" and w["ZONE_RESERVE_FIELD"].value() == "BHDDM"
    assert w["ZONE_FIELD"].value() == "GNFQ" and w["AREA_FIELD"].value() == "SBMJ"
    assert "RES_ZONE_GAP" in w["ZONES"].widget.toolTip()
    w["ZONE_VALUES"].widget.setText(PLANTED_ZONE_VALUE)
    loaded = steps.run(dialog, 0)
    layers = steps.layers(loaded)
    assert layers[0] is loaded.findings and steps.categories(loaded.findings)[0] == "severity"
    zones = [lyr for lyr in layers if lyr.isSpatial() and lyr is not loaded.findings]
    assert len(zones) == 1
    attr, values = steps.categories(zones[0])  # zones by type
    assert attr == "zone" and {"核心保护区", "一般控制区"} <= set(values)
    labels = {c.value(): c.label() for c in zones[0].renderer().categories()}
    assert labels["核心保护区"] == "Core protection zone (核心保护区)", labels
    assert any(not lyr.isSpatial() for lyr in layers)  # the summary table
    assert steps.dock_rows(qgis_iface, loaded) == loaded.findings.featureCount()


def test_overlaps(sample_project, make_dialog, out_folder, ui, steps, qgis_iface):
    ui.skip_without(OVERLAPS)
    dialog = make_dialog("reserves")
    dialog.stepCombo.setCurrentIndex(1)
    w = dialog.widgets
    assert w["RESERVES"].layer().name() == "protected_areas" and w["REDLINE"].layer().name() == "redline"
    assert w["LEVEL_FIELD"].value() == "JB" and w["TYPE_FIELD"].value() == "BHDLX"
    loaded = steps.run(dialog, 1)
    assert steps.categories(loaded.findings)[0] == "severity"
    rules = {f["rule"] for f in loaded.findings.getFeatures()}
    assert "PA_OUTSIDE_REDLINE" in rules  # the planted protected area sticking out of the red line
    assert steps.dock_rows(qgis_iface, loaded) == loaded.findings.featureCount()


def test_human_activity(sample_project, make_dialog, out_folder, ui, steps, qgis_iface):
    ui.skip_without(ACTIVITY)
    dialog = make_dialog("reserves")
    dialog.stepCombo.setCurrentIndex(2)
    w = dialog.widgets
    assert w["ACTIVITIES"].layer().name() in ("activity_points", "activity_polygons")
    offered = {lyr.name() for lyr in w["ACTIVITIES"].candidates()}
    assert {"activity_points", "activity_polygons"} <= offered and "project_sites_lines" not in offered
    assert w["RESERVES"].layer().name() == "protected_areas" and w["ZONES"].layer().name() == "pa_zones"
    assert w["PREVIOUS"].layer() is None  # optional, never guessed
    assert w["TYPE_FIELD"].value() == "HDLX" and w["DATE_FIELD"].value() == "JCSJ"
    w["ZONE_VALUES"].widget.setText(PLANTED_ZONE_VALUE)
    loaded = steps.run(dialog, 2)
    assert loaded.findings.featureCount() > 0
    attr, values = steps.categories(loaded.findings)
    assert attr == "severity" and set(values) == {"error", "warning", "info"}
    assert steps.dock_rows(qgis_iface, loaded) == loaded.findings.featureCount()
