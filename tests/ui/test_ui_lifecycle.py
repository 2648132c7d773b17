"""Load -> open every dialog and the findings panel -> unload -> load: nothing is left behind."""
import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtWidgets import QAction, QDialog, QDockWidget, QMenu, QToolBar

pytestmark = pytest.mark.usefixtures("isolated_registry")

DIALOG_ACTIONS = ("ecospace_delineation", "ecospace_redline_check", "ecospace_units", "ecospace_reserves",
                  "ecospace_siting")


def leftovers(iface, ui):
    window = iface.mainWindow()
    ui.flush()
    return {
        "menus": window.findChildren(QMenu, "EcoSpaceMenu"),
        "toolbars": window.findChildren(QToolBar, "EcoSpaceToolbar"),
        "actions": [a for a in window.findChildren(QAction) if a.objectName().startswith("ecospace_")],
        "dialogs": [d for d in window.findChildren(QDialog) if d.objectName().startswith("EcoSpaceTaskDialog")],
        "docks": window.findChildren(QDockWidget, "EcoSpaceFindingsDock"),
    }


def test_load_open_unload_load(plugin_pkg, qgis_iface, sample_project, ui):
    registry = QgsApplication.processingRegistry()
    for _round in range(2):
        plugin = plugin_pkg.classFactory(qgis_iface)
        plugin.initGui()
        try:
            window = qgis_iface.mainWindow()
            for name in DIALOG_ACTIONS:
                window.findChild(QAction, name).trigger()
            window.findChild(QAction, "ecospace_findings").trigger()
            ui.flush()
            alive = leftovers(qgis_iface, ui)
            assert len(alive["dialogs"]) == len(DIALOG_ACTIONS)
            assert all(d.isVisible() for d in alive["dialogs"])
            assert len(alive["docks"]) == 1 and len(alive["menus"]) == 1
            # the same dialog comes back when its entry is chosen again
            again = window.findChild(QAction, "ecospace_redline_check")
            again.trigger()
            assert len(leftovers(qgis_iface, ui)["dialogs"]) == len(DIALOG_ACTIONS)
            assert plugin.dialogs["redline"].widgets["REDLINE"].layer().name() == "redline"
        finally:
            plugin.unload()
        assert leftovers(qgis_iface, ui) == {"menus": [], "toolbars": [], "actions": [], "dialogs": [],
                                             "docks": []}
        assert registry.providerById("ecospace") is None


def test_unload_during_a_run_cancels_it(plugin_pkg, qgis_iface, sample_project, ui, out_folder):
    plugin = plugin_pkg.classFactory(qgis_iface)
    plugin.initGui()
    try:
        dialog = plugin.open_dialog("redline")
        assert dialog.start()
        run = dialog.run
    finally:
        plugin.unload()
    from ecospace.ui.runner import running_count

    ui.wait_until(lambda: run.done, 60)
    ui.flush(0.1)
    assert not run.ok and running_count() == 0
    assert leftovers(qgis_iface, ui)["dialogs"] == []
    assert not out_folder.exists() or list(out_folder.iterdir()) == []


def test_results_fill_the_findings_panel(plugin_pkg, qgis_iface, sample_project, ui, out_folder):
    plugin = plugin_pkg.classFactory(qgis_iface)
    plugin.initGui()
    try:
        dialog = plugin.open_dialog("redline")
        assert dialog.start()
        ui.wait_for_run(dialog)
        dock = plugin.dock
        assert dock is not None and dock.objectName() == "EcoSpaceFindingsDock"
        assert dock.row_count() == dialog.last.findings.featureCount() == 33
        assert dock.form.reportButton.isEnabled()
    finally:
        plugin.unload()


def test_no_run_without_the_provider(sample_project, make_dialog, monkeypatch):
    """A dialog whose algorithm is not registered (the provider failed to load) says so and does not
    start: QgsProcessingAlgRunnerTask given no algorithm crashed QGIS (seen in the desktop)."""
    from ecospace.ui import task_dialog

    monkeypatch.setattr(task_dialog, "algorithm", lambda algorithm_id: None)
    dialog = make_dialog("redline")
    assert dialog.missingLabel.isVisibleTo(dialog) and not dialog.runButton.isEnabled()
    assert dialog.start() is False and dialog.run is None
