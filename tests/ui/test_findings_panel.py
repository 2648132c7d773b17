"""Working through findings in the panel: next / previous, the checked tick, accepted exceptions (written
beside the project, applied by the next run from the dialog, kept over a restart), notes summed up."""
import pytest
from qgis.core import QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest

from ecospace.processing import exceptions as X
from ecospace.ui import review
from ecospace.ui.findings_dock import AREA, NOTE, FindingsDock

ALG = "ecospace:redline_check"
REASON = "Farmland 933 is released by the county (approval 2024-17)"


@pytest.fixture
def saved_project(sample_project, tmp_path):
    """The sample project saved as tmp_path/project.qgz: its exceptions go to tmp_path."""
    path = tmp_path / "project.qgz"
    assert QgsProject.instance().write(str(path))
    yield path
    QgsProject.instance().setFileName("")


@pytest.fixture
def dock(qgis_iface, monkeypatch):
    made = FindingsDock(qgis_iface, qgis_iface.mainWindow())
    made.flashed = []
    monkeypatch.setattr(qgis_iface.mapCanvas(), "flashGeometries",
                        lambda geoms, crs: made.flashed.append(len(geoms)))
    yield made
    made.shutdown()
    made.deleteLater()


def new_dock(iface):
    return FindingsDock(iface, iface.mainWindow())


def run(dialog, ui):
    assert dialog.start(), dialog.statusLabel.text()
    ui.wait_for_run(dialog)
    assert dialog.last is not None, dialog.statusLabel.text()
    return dialog.last


def current(dock):
    row = dock.current_row()
    return row.values["rule"], row.values["feature_fid"]


def findings_layer():
    """The findings layer of the project's (only) red-line group."""
    return next(lyr for lyr in QgsProject.instance().mapLayers().values()
                if "severity" in lyr.fields().names())


def test_next_previous_and_the_checked_tick(sample_project, make_dialog, out_folder, ui, dock, qgis_iface):
    ui.skip_without(ALG)
    loaded = run(make_dialog("redline"), ui)
    qgis_iface.mapCanvas().setDestinationCrs(loaded.findings.crs())
    dock.set_findings(loaded.findings, loaded.report)
    dock.form.tableView.sortByColumn(AREA, Qt.SortOrder.DescendingOrder)  # largest first: all located
    assert not dock.form.acceptButton.isEnabled()  # nothing chosen yet
    assert dock.go(1) and dock.form.tableView.currentIndex().row() == 0
    first = dock.shown_rows()[0][0]
    assert loaded.findings.selectedFeatureIds() == [first] and dock.flashed == [1]
    assert dock.go(1) and dock.form.tableView.currentIndex().row() == 1
    assert loaded.findings.selectedFeatureIds() == [dock.shown_rows()[1][0]]
    assert dock.go(-1) and dock.form.tableView.currentIndex().row() == 0
    assert not dock.go(-1)  # at the first finding
    dock.form.nextButton.click()
    assert dock.form.tableView.currentIndex().row() == 1 and len(dock.flashed) == 4

    # keyboard in the table: N / P, Space ticks
    table = dock.form.tableView
    QTest.keyClick(table, Qt.Key.Key_N)
    assert table.currentIndex().row() == 2
    QTest.keyClick(table, Qt.Key.Key_Space)
    QTest.keyClick(table, Qt.Key.Key_P)
    assert table.currentIndex().row() == 1
    ticked = [v for _, v in dock.shown_rows() if v[-1] == "✓"]
    assert len(ticked) == 1 and dock.shown_rows()[2][1][-1] == "✓"
    assert "1 checked" in dock.form.countLabel.text()
    assert len(review.checked_set()) == 1  # kept in the project

    # the last finding: Next stops there
    for _ in range(dock.row_count()):
        dock.go(1)
    assert table.currentIndex().row() == dock.row_count() - 1 and not dock.go(1)

    # another panel on the same findings (a reopened panel) shows the tick; unticking forgets it
    other = new_dock(qgis_iface)
    try:
        other.set_findings(loaded.findings)
        assert [v[-1] for _, v in other.shown_rows()].count("✓") == 1
        row = next(r for r, (_, v) in enumerate(other.shown_rows()) if v[-1] == "✓")
        other.set_checked(row, False)
        assert review.checked_set() == set()
    finally:
        other.shutdown()
        other.deleteLater()


def test_accept_as_exception_then_rerun_and_restart(saved_project, make_dialog, out_folder, ui, dock,
                                                    qgis_iface, tmp_path):
    ui.skip_without(ALG)
    dialog = make_dialog("redline")
    assert "EXCEPTIONS" not in dialog.widgets  # filled in by the dialog, not asked
    loaded = run(dialog, ui)
    assert "EXCEPTIONS" not in dialog.run_parameters  # no exceptions file yet
    dock.set_findings(loaded.findings, loaded.report, loaded.group.name())
    row = dock.listed_row("RL_OVERLAP_PBF")
    dock.form.tableView.setCurrentIndex(dock.proxy.index(row, 1))
    assert current(dock)[0] == "RL_OVERLAP_PBF"
    picked = dock.current_row().values
    assert dock.form.acceptButton.isEnabled() and not dock.form.removeButton.isEnabled()
    assert dock.accept_exception(REASON)

    path = tmp_path / X.FILE_NAME
    table = QgsVectorLayer(X.uri(str(path)), "e", "ogr")
    assert table.isValid() and table.featureCount() == 1
    stored = next(table.getFeatures())
    assert (stored["algorithm"], stored["rule"], stored["layer"], stored["layer_name"]) == \
        (ALG, "RL_OVERLAP_PBF", "REDLINE", "redline")
    assert (stored["feature_fid"], stored["other_layer"], stored["other_fid"]) == \
        (picked["feature_fid"], "FARMLAND", picked["other_fid"])
    assert stored["reason"] == REASON and stored["accepted_at"] and not stored.geometry().isEmpty()
    note = dock.proxy.index(row, NOTE).data()
    assert note.startswith("excepted: " + REASON) and "next run" in note
    assert not dock.form.acceptButton.isEnabled() and dock.form.removeButton.isEnabled()
    assert "1 excepted" in dock.form.countLabel.text()

    # the next run from the dialog passes the table and reports the finding as an excepted note
    again = run(dialog, ui)
    assert dialog.run_parameters["EXCEPTIONS"] == X.uri(str(path))
    assert dialog.statusLabel.text() == "Done: 17 errors, 15 warnings, 1 notes."
    dock.set_findings(again.findings, again.report)
    assert dock.row_count() == 32  # the excepted note is not listed by default
    assert "notes not listed: Red line overlaps permanent basic farmland ×1" in dock.form.countLabel.text()
    dock.show_severity("")
    row = dock.listed_row("RL_OVERLAP_PBF", picked["feature_fid"])
    rows = [(r, dock.proxy.index(r, NOTE).data()) for r in range(dock.row_count())
            if dock.proxy.index(r, NOTE).data().startswith("excepted")]
    assert len(rows) == 1 and rows[0][1] == "excepted: " + REASON  # applied by the run
    assert dock.proxy.index(rows[0][0], 1).data() == "info"
    dock.set_checked(rows[0][0])

    # restart: the project is saved, read again, and a new panel shows the same state from the files
    assert QgsProject.instance().write()
    QgsProject.instance().clear()
    assert QgsProject.instance().read(str(saved_project))
    reloaded = findings_layer()
    assert review.layer_names(reloaded)["REDLINE"] == "redline"
    fresh = new_dock(qgis_iface)
    try:
        fresh.set_findings(reloaded)
        fresh.show_severity("info")
        assert fresh.row_count() == 1
        assert fresh.proxy.index(0, NOTE).data() == "excepted: " + REASON
        assert fresh.shown_rows()[0][1][-1] == "✓" and fresh.shown_rows()[0][1][3] == "redline"
        fresh.form.tableView.setCurrentIndex(fresh.proxy.index(0, 1))
        assert fresh.remove_exception()
        assert QgsVectorLayer(X.uri(str(path)), "e", "ogr").featureCount() == 0
        assert fresh.proxy.index(0, NOTE).data() == "excepted: " + REASON  # the run's own note stays
        assert fresh.form.acceptButton.isEnabled()
    finally:
        fresh.shutdown()
        fresh.deleteLater()


def test_an_unsaved_project_keeps_no_exceptions(sample_project, make_dialog, out_folder, ui, dock):
    ui.skip_without(ALG)
    QgsProject.instance().setFileName("")
    loaded = run(make_dialog("redline"), ui)
    dock.set_findings(loaded.findings)
    dock.go(1)
    assert not dock.accept_exception("a reason")
    assert "Save the project first" in dock.form.countLabel.text()


def test_exception_dialog_needs_a_reason(qgis_iface):
    from qgis.PyQt.QtWidgets import QDialogButtonBox

    from ecospace.ui.exception_dialog import ExceptionDialog

    dialog = ExceptionDialog(("Red line overlaps permanent basic farmland — redline, feature 112",
                              "Red-line patch 112 overlaps permanent basic farmland 933 by 4,589 m²."),
                             qgis_iface.mainWindow())
    try:
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled()
        dialog.reasonEdit.setPlainText("   ")
        assert not ok.isEnabled()
        dialog.reasonEdit.setPlainText(" approved ")
        assert ok.isEnabled() and dialog.reason() == "approved"
    finally:
        dialog.deleteLater()


def test_notes_are_summed_up_not_listed(sample_project, make_dialog, out_folder, ui, steps, dock):
    ui.skip_without("ecospace:units_generate")
    loaded = steps.run(make_dialog("units"), 0)
    severities = [f["severity"] for f in loaded.findings.getFeatures()]
    notes = severities.count("info")
    assert notes > 0
    dock.set_findings(loaded.findings, loaded.report)
    assert dock.row_count() == len(severities) - notes
    text = dock.form.countLabel.text()
    assert "notes not listed: " in text and "×{}".format(notes) in text, text
    dock.show_severity("")
    assert dock.row_count() == len(severities)
    assert "notes not listed" not in dock.form.countLabel.text()


def test_the_menu_shows_a_toolbox_result(plugin_pkg, qgis_iface, sample_project, tmp_path):
    """A findings layer of a Processing toolbox run, made the current layer: the panel's menu entry shows
    it; its layers keep the text of the findings (no dialog said which layer was which)."""
    import processing

    from ..support import SAMPLE, uri

    out = processing.run(ALG, {"REDLINE": uri(str(SAMPLE), "redline"), "FARMLAND": uri(str(SAMPLE), "farmland"),
                               "OUTPUT": str(tmp_path / "findings.gpkg")})["OUTPUT"]
    layer = QgsVectorLayer(out, "toolbox findings", "ogr")
    QgsProject.instance().addMapLayer(layer)
    qgis_iface.setActiveLayer(layer)
    plugin = plugin_pkg.classFactory(qgis_iface)
    plugin.initGui()
    try:
        dock = plugin.show_findings_dock()
        assert dock.layer is layer and dock.total_count() == layer.featureCount() > 0
        assert {v[3] for _, v in dock.shown_rows()} == {"REDLINE", "FARMLAND"}
    finally:
        plugin.unload()


def test_a_damaged_exceptions_table_is_named_not_raised(saved_project, make_dialog, out_folder, ui, dock,
                                                        tmp_path):
    """A file named ecospace_exceptions.gpkg that holds another table: the run from the dialog is
    refused saying so, and the panel says so and matches nothing."""
    import processing
    from osgeo import gdal

    from ..support import SAMPLE, uri

    ui.skip_without(ALG)
    gdal.VectorTranslate(str(tmp_path / X.FILE_NAME), str(SAMPLE), layers=["counties"], layerName=X.TABLE)
    dialog = make_dialog("redline")
    assert dialog.start()
    ui.wait_for_run(dialog)
    assert dialog.last is None and "has no field rule" in dialog.status_text
    assert not out_folder.exists() or list(out_folder.iterdir()) == []  # the refused run left nothing
    out = processing.run(ALG, {"REDLINE": uri(str(SAMPLE), "redline"), "OUTPUT": str(tmp_path / "f.gpkg")})
    dock.set_findings(QgsVectorLayer(out["OUTPUT"], "f", "ogr"))
    assert "has no field rule" in dock.form.countLabel.text()
    assert all(row.exception < 0 for row in dock.rows)
