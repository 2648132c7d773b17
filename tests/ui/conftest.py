"""Fixtures of the dialog tests: the sample layers in the project, the plugin's provider, waiting."""
import time

import pytest
from qgis.core import QgsApplication, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication, QEvent

SAMPLE_LAYERS = ("counties", "townships", "redline", "farmland", "urban_boundary", "protected_areas",
                 "pa_zones", "construction_land", "mining_rights", "settlements", "priority_zones",
                 "key_zones", "activity_points", "activity_polygons", "project_sites_points",
                 "project_sites_lines", "project_sites_polygons")


def flush(seconds=0.0):
    """Let queued signals, deferred deletions and finished tasks run."""
    end = time.monotonic() + seconds
    while True:
        QCoreApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        if time.monotonic() >= end:
            return
        time.sleep(0.01)


def wait_until(predicate, timeout=60.0):
    end = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > end:
            raise AssertionError("timed out after {} s".format(timeout))
        QCoreApplication.processEvents()
        time.sleep(0.01)


def wait_for_run(dialog, timeout=90.0):
    wait_until(lambda: not dialog.running(), timeout)
    flush()


def cancel_and_check(dialog, job_id, when, out_folder):
    """Start the dialog's run, cancel it at once or while running, and check that no task, layer,
    group or file is left (skips when the run finished before the cancel reached it)."""
    from ecospace.ui import results
    from ecospace.ui.runner import running_count

    before = set(QgsProject.instance().mapLayers())
    assert dialog.start()
    if when == "while running":
        wait_until(lambda: dialog.progressBar.value() > 0 or not dialog.running())
    dialog.cancel()
    wait_for_run(dialog)
    flush(0.05)
    assert running_count() == 0
    if dialog.last is not None:  # a finished run is kept
        pytest.skip("the run finished before it could be cancelled")
    assert dialog.statusLabel.text().startswith("Cancelled"), dialog.statusLabel.text()
    assert set(QgsProject.instance().mapLayers()) == before and results.job_groups(job_id) == []
    assert not out_folder.exists() or list(out_folder.iterdir()) == []


def skip_without(algorithm_id):
    """Skip a test whose algorithm is not registered yet (built by another issue)."""
    if QgsApplication.processingRegistry().algorithmById(algorithm_id) is None:
        pytest.skip("{} is not registered yet".format(algorithm_id))


@pytest.fixture(autouse=True)
def inputs_taken_on_the_main_thread():
    """The dialogs run algorithms in the background (ui/runner.py): no source or layer may be resolved
    on the worker thread (processing/prepared.py; on QGIS 3.44 that crashed during a canvas refresh)."""
    from ecospace.processing import prepared

    del prepared.LATE[:]
    yield
    late, prepared.LATE[:] = list(prepared.LATE), []
    assert not late, "resolved on the worker thread: {}".format(late)


@pytest.fixture
def sample_project(qgis_iface, provider, sample_gpkg):
    """The sample GeoPackage's layers in a fresh project: {layer name: QgsVectorLayer}."""
    qgis_iface.newProject()
    project = QgsProject.instance()
    layers = {}
    for name in SAMPLE_LAYERS:
        layer = QgsVectorLayer("{}|layername={}".format(sample_gpkg, name), name, "ogr")
        assert layer.isValid(), name
        layers[name] = layer
    project.addMapLayers(list(layers.values()))
    yield layers
    project.removeAllMapLayers()
    project.layerTreeRoot().removeAllChildren()
    flush()


@pytest.fixture
def out_folder(tmp_path, monkeypatch):
    """Outputs of the dialogs go to a fresh folder (the dialog's default folder)."""
    from ecospace.ui import task_dialog

    folder = tmp_path / "runs"
    monkeypatch.setattr(task_dialog, "default_folder", lambda: str(folder))
    return folder


@pytest.fixture
def ui():
    """The helpers above, for test modules (importlib mode cannot import conftest by name)."""
    from types import SimpleNamespace

    return SimpleNamespace(flush=flush, wait_until=wait_until, wait_for_run=wait_for_run,
                           skip_without=skip_without, cancel_and_check=cancel_and_check)


@pytest.fixture
def make_dialog(qgis_iface):
    """Open a job's task dialog; closed and deleted after the test."""
    from ecospace.ui.jobs import job_by_id
    from ecospace.ui.task_dialog import TaskDialog

    made = []

    def make(job_id):
        dialog = TaskDialog(job_by_id(job_id), qgis_iface.mainWindow(), qgis_iface)
        made.append(dialog)
        dialog.show()
        flush()
        return dialog

    yield make
    for dialog in made:
        if dialog.running():
            dialog.cancel()
            wait_for_run(dialog)
        dialog.shutdown()
        dialog.close()
        dialog.deleteLater()
    flush()


def run_step(dialog, step, timeout=120.0):
    """Choose a step of a dialog, run it, wait; the Loaded results (fails with the dialog's status)."""
    dialog.stepCombo.setCurrentIndex(step)
    flush()
    assert dialog.start(), dialog.statusLabel.text()
    wait_for_run(dialog, timeout)
    assert dialog.last is not None, dialog.statusLabel.text()
    return dialog.last


def group_layers(loaded):
    return [node.layer() for node in loaded.group.findLayers()]


def categories(layer):
    """(class attribute, [category values]) of a categorized renderer."""
    renderer = layer.renderer()
    assert renderer.type() == "categorizedSymbol", (layer.name(), renderer.type())
    return renderer.classAttribute(), [c.value() for c in renderer.categories()]


def dock_rows(iface, loaded):
    """How many rows the findings panel lists for a run's findings layer, notes included."""
    from ecospace.ui.findings_dock import FindingsDock

    dock = FindingsDock(iface, iface.mainWindow())
    try:
        dock.set_findings(loaded.findings, loaded.report)
        dock.show_severity("")
        return dock.row_count()
    finally:
        dock.shutdown()
        dock.deleteLater()


@pytest.fixture
def steps():
    """Running and inspecting dialog steps."""
    from types import SimpleNamespace

    return SimpleNamespace(run=run_step, layers=group_layers, categories=categories, dock_rows=dock_rows)
