"""The red-line task dialog on the sample project: guesses, run, styled group, findings panel, cancel."""
import csv
import json
from pathlib import Path

import pytest
from qgis.core import QgsProject

from ecospace.ui import results as R

ROOT = Path(__file__).resolve().parents[2]
DEFECTS = json.loads((ROOT / "resources" / "sample" / "defects.json").read_text(encoding="utf-8"))
ALG = "ecospace:redline_check"


@pytest.fixture
def run_dialog(sample_project, make_dialog, out_folder, ui):
    """The red-line dialog after one successful run on the sample."""
    ui.skip_without(ALG)
    dialog = make_dialog("redline")
    assert dialog.start()
    ui.wait_for_run(dialog)
    assert dialog.last is not None, dialog.statusLabel.text()
    return dialog


def test_opens_with_the_right_layers(sample_project, make_dialog):
    dialog = make_dialog("redline")
    w = dialog.widgets
    assert w["REDLINE"].layer().name() == "redline"
    assert w["FARMLAND"].layer().name() == "farmland"
    assert w["URBAN_BOUNDARY"].layer().name() == "urban_boundary"
    assert w["PROTECTED_AREAS"].layer().name() == "protected_areas"
    assert w["COUNTIES"].layer().name() == "counties"
    names = {QgsProject.instance().mapLayer(i).name() for i in w["CONFLICT_LAYERS"].value()}
    assert names == {"construction_land", "mining_rights", "settlements"}
    assert w["COUNTY_CODE_FIELD"].value() == "XZQDM"
    assert w["COUNTY_NAME_FIELD"].value() == "XZQMC"
    assert w["CODE_FIELD"].value() == "BSM" and w["AREA_FIELD"].value() == "MJ"
    assert w["MIN_PART_AREA"].value() == 200.0 and "0.0200" in w["MIN_PART_AREA"].hint.text()
    offered = {lyr.name() for lyr in w["REDLINE"].candidates()}  # polygons only
    assert "activity_points" not in offered and "project_sites_lines" not in offered
    tip = w["FARMLAND"].widget.toolTip()
    assert "RL_OVERLAP_PBF" in tip and "2019" in tip  # the rule and its source
    assert dialog.advancedGroup.isVisible() and dialog.advancedForm.rowCount() >= 4


def test_field_pickers_follow_the_layer(sample_project, make_dialog):
    dialog = make_dialog("redline")
    dialog.widgets["COUNTIES"].select(sample_project["townships"])
    assert dialog.widgets["COUNTY_CODE_FIELD"].value() == "XZQDM"
    dialog.widgets["COUNTIES"].select(sample_project["protected_areas"])  # no XZQDM there
    assert dialog.widgets["COUNTY_CODE_FIELD"].value() is None


def test_missing_red_line_is_refused_before_running(sample_project, make_dialog):
    dialog = make_dialog("redline")
    dialog.widgets["REDLINE"].select(None)
    dialog.widgets["REDLINE"].widget.setAllowEmptyLayer(True)
    dialog.widgets["REDLINE"].widget.setLayer(None)
    assert not dialog.start()
    assert not dialog.running() and "Ecological protection red line" in dialog.statusLabel.text()


def test_run_loads_one_styled_group(run_dialog):
    loaded = run_dialog.last
    group = loaded.group
    assert group.name().startswith("Red-line delivery check 20")
    assert group.customProperty(R.JOB_PROPERTY) == "redline"
    layers = [node.layer() for node in group.findLayers()]
    assert len(layers) == 2
    findings, stats = layers  # findings on top, the table below
    assert findings.featureCount() == len(DEFECTS) == 33
    renderer = findings.renderer()
    assert renderer.type() == "categorizedSymbol" and renderer.classAttribute() == "severity"
    assert [c.value() for c in renderer.categories()] == ["error", "warning", "info"]
    assert [c.label() for c in renderer.categories()] == ["Error", "Warning", "Information"]
    colours = {c.value(): c.symbol().color().name() for c in renderer.categories()}
    assert len(set(colours.values())) == 3
    assert not stats.isSpatial() and stats.featureCount() == 4  # three counties + TOTAL
    assert "Done: 18 errors, 15 warnings, 0 notes." == run_dialog.statusLabel.text()
    assert Path(loaded.report).exists()


def test_run_again_replaces_or_adds_the_group(run_dialog, ui):
    assert len(R.job_groups("redline")) == 1
    before = len(QgsProject.instance().mapLayers())
    assert run_dialog.start()
    ui.wait_for_run(run_dialog)
    assert len(R.job_groups("redline")) == 1  # replaced
    assert len(QgsProject.instance().mapLayers()) == before
    run_dialog.addRadio.setChecked(True)
    assert run_dialog.start()
    ui.wait_for_run(run_dialog)
    assert len(R.job_groups("redline")) == 2  # added
    assert len(QgsProject.instance().mapLayers()) == before + 2


def test_findings_panel(run_dialog, qgis_iface, tmp_path, monkeypatch):
    from ecospace.ui import findings_dock

    dock = findings_dock.FindingsDock(qgis_iface, qgis_iface.mainWindow())
    try:
        loaded = run_dialog.last
        dock.set_findings(loaded.findings, loaded.report)
        assert dock.row_count() == loaded.findings.featureCount() == 33
        first = dock.shown_rows()[0][1]
        assert first[0] == "error"  # sorted by severity
        assert first[1] == dock.proxy.index(0, findings_dock.RULE).data() != first[2]  # the title, not the id
        layers = {v[3] for _, v in dock.shown_rows()}  # the project's layer names, not REDLINE
        assert {"redline", "farmland", "protected_areas"} <= layers and "REDLINE" not in layers
        dock.show_severity("warning")
        assert dock.row_count() == 15
        dock.form.filterEdit.setText("rl_hole")  # the rule id is searched too
        assert dock.row_count() == 2
        dock.form.filterEdit.setText("")
        dock.show_severity("")
        assert dock.row_count() == 33
        dock.form.tableView.sortByColumn(findings_dock.AREA, 1)  # area, largest first
        areas = [v[5] for _, v in dock.shown_rows() if v[5] is not None]
        assert areas == sorted(areas, reverse=True) and len(areas) > 20

        # choosing a finding selects it in its layer, zooms to it and flashes it
        canvas = qgis_iface.mapCanvas()
        canvas.setDestinationCrs(loaded.findings.crs())
        flashed = []
        monkeypatch.setattr(canvas, "flashGeometries", lambda geoms, crs: flashed.append(len(geoms)))
        row = dock.listed_row("RL_OVERLAP_UDB")
        assert dock.zoom_to_index(dock.proxy.index(row, 0))
        fid = dock.shown_rows()[row][0]
        assert loaded.findings.selectedFeatureIds() == [fid]
        box = loaded.findings.getFeature(fid).geometry().boundingBox()
        assert canvas.extent().contains(box) and canvas.extent().width() < 5 * max(box.width(), box.height())
        assert flashed == [1]
        null = dock.listed_row("RL_GEOM_NULL")
        assert not dock.zoom_to_index(dock.proxy.index(null, 0))  # no location: says so

        # export what is shown
        dock.show_severity("error")
        with open(dock.export_to(str(tmp_path / "f.csv")), encoding="utf-8-sig") as handle:
            rows = list(csv.reader(handle))
        assert len(rows) == 1 + 18 and rows[0][1:3] == ["Rule", "Rule id"]
        assert {r[2] for r in rows[1:]} >= {"RL_OVERLAP_UDB", "RL_GEOM_NULL"}
        from osgeo import ogr

        dock.export_to(str(tmp_path / "f.xlsx"))
        book = ogr.Open(str(tmp_path / "f.xlsx"))
        assert book.GetLayer(0).GetFeatureCount() == 18

        opened = []
        monkeypatch.setattr(findings_dock.QDesktopServices, "openUrl", lambda url: opened.append(url))
        assert dock.open_report() and opened[0].toLocalFile() == loaded.report
        # removing the findings layer empties the panel
        QgsProject.instance().removeMapLayer(loaded.findings.id())
        assert dock.row_count() == 0 and dock.layer is None
    finally:
        dock.shutdown()
        dock.deleteLater()


def test_cancel_leaves_no_layers_and_no_files(sample_project, make_dialog, out_folder, ui):
    ui.skip_without(ALG)
    dialog = make_dialog("redline")
    layers_before = set(QgsProject.instance().mapLayers())
    assert dialog.start()
    ui.wait_until(lambda: dialog.progressBar.value() > 0 or not dialog.running())
    dialog.cancel()
    ui.wait_for_run(dialog)
    assert dialog.last is None
    assert set(QgsProject.instance().mapLayers()) == layers_before
    assert R.job_groups("redline") == []
    assert not out_folder.exists() or list(out_folder.iterdir()) == []
    assert dialog.statusLabel.text().startswith("Cancelled")
    assert dialog.runButton.isEnabled() and not dialog.cancelButton.isEnabled()


def test_cancel_before_the_task_starts(sample_project, make_dialog, out_folder, ui):
    ui.skip_without(ALG)
    dialog = make_dialog("redline")
    assert dialog.start()
    dialog.cancel()
    ui.wait_for_run(dialog)
    assert dialog.last is None and R.job_groups("redline") == []
    assert not out_folder.exists() or list(out_folder.iterdir()) == []


def test_open_in_processing_passes_the_form(sample_project, make_dialog, monkeypatch):
    import processing

    opened = []
    monkeypatch.setattr(processing, "execAlgorithmDialog", lambda alg, params=None: opened.append((alg, params)))
    dialog = make_dialog("redline")
    dialog.processingButton.click()
    alg, params = opened[0]
    assert alg == ALG and params["REDLINE"] == sample_project["redline"].id()
    assert params["MIN_PART_AREA"] == 200.0 and len(params["CONFLICT_LAYERS"]) == 3
    assert "OUTPUT" not in params  # the Processing dialog chooses its own outputs
