"""Sources and layers are taken on the main thread (processing/prepared.py).

A background run (QgsProcessingAlgRunnerTask: the task dialogs, the Processing dialog) calls
prepareAlgorithm() on the main thread and processAlgorithm() on a worker thread. On QGIS 3.44 a run
that resolved its sources on the worker thread, with the project as context, crashed while the main
thread refreshed the canvas; every ecospace algorithm now takes them in prepareAlgorithm().
"""
import time

import pytest
from qgis.core import (
    QgsApplication,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication

pytestmark = pytest.mark.usefixtures("provider")  # the ecospace provider (conftest) is registered

LAYERS = ("redline", "farmland", "urban_boundary", "protected_areas", "construction_land", "mining_rights",
          "counties", "townships", "priority_zones", "key_zones")


@pytest.fixture
def project_layers(qgis_new_project, sample_gpkg):
    """The sample layers in the project: {name: layer}; algorithms get them by layer id, as in the GUI."""
    layers = {}
    for name in LAYERS:
        layer = QgsVectorLayer("{}|layername={}".format(sample_gpkg, name), name, "ogr")
        assert layer.isValid(), name
        layers[name] = layer
    QgsProject.instance().addMapLayers(list(layers.values()))
    yield layers
    QgsProject.instance().removeAllMapLayers()


def runs(layers, out):
    ids = {name: layer.id() for name, layer in layers.items()}
    return {
        "ecospace:redline_check": {
            "REDLINE": ids["redline"], "FARMLAND": ids["farmland"], "URBAN_BOUNDARY": ids["urban_boundary"],
            "PROTECTED_AREAS": ids["protected_areas"],
            "CONFLICT_LAYERS": [ids["construction_land"], ids["mining_rights"]],
            "COUNTIES": ids["counties"], "COUNTY_CODE_FIELD": "XZQDM", "COUNTY_NAME_FIELD": "XZQMC",
            "OUTPUT": str(out / "redline.gpkg"), "STATISTICS": str(out / "stats.csv")},
        "ecospace:units_generate": {
            "ADMIN": ids["townships"], "ADMIN_CODE_FIELD": "XJDM", "ADMIN_NAME_FIELD": "XZQMC",
            "PRIORITY_LAYERS": [ids["priority_zones"]], "KEY_LAYERS": [ids["key_zones"]],
            "MIN_UNIT_AREA": 1e6, "OUTPUT": str(out / "units.gpkg")},
    }


def context_like_the_dialogs(feedback):
    """As ui/runner.py makes it: the project itself as the context's project."""
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    context.setFeedback(feedback)
    context.setTransformContext(QgsProject.instance().transformContext())
    return context


def test_prepare_takes_every_source_and_layer(project_layers, tmp_path):
    params = runs(project_layers, tmp_path)["ecospace:redline_check"]
    alg = QgsApplication.processingRegistry().createAlgorithmById("ecospace:redline_check")
    feedback = QgsProcessingFeedback()
    context = context_like_the_dialogs(feedback)
    assert alg.prepareAlgorithm(params, context, feedback)
    prepared = alg._prepared
    for name in ("REDLINE", "FARMLAND", "URBAN_BOUNDARY", "PROTECTED_AREAS", "COUNTIES"):
        assert prepared["source", name] is not None, name
        assert alg.parameterAsSource(params, name, context) is prepared["source", name]
    conflicts = alg.parameterAsLayerList(params, "CONFLICT_LAYERS", context)
    assert [layer.name() for layer in conflicts] == ["construction_land", "mining_rights"]
    for layer in conflicts:
        assert alg.layer_source(layer, context) is prepared["layer source", layer.id()]


@pytest.mark.parametrize("alg_id", ["ecospace:redline_check", "ecospace:units_generate"])
def test_background_run_takes_nothing_on_the_worker_thread(alg_id, project_layers, tmp_path, monkeypatch):
    """A run in the task manager with the project as context, while the main thread keeps asking the
    project for its expression scope the way a canvas refresh does: it succeeds, and no source or layer
    is resolved on the worker thread."""
    from ecospace.processing import prepared

    monkeypatch.setattr(prepared, "LATE", [])
    params = runs(project_layers, tmp_path)[alg_id]
    # what rendering asks the project for, on the main thread while the run goes on
    ok, results = run_in_background(alg_id, params, tick=QgsProject.instance().createExpressionContextScope)
    assert ok, results
    assert QgsVectorLayer(results["OUTPUT"], "out", "ogr").featureCount() > 0
    assert prepared.LATE == []


def run_in_background(alg_id, params, tick=None):
    """Run in the task manager with the project as context, as the dialogs do; (ok, results).
    `tick` is called on the main thread while waiting."""
    alg = QgsApplication.processingRegistry().createAlgorithmById(alg_id)
    feedback = QgsProcessingFeedback()
    context = context_like_the_dialogs(feedback)  # kept referenced: the task does not own it
    task = QgsProcessingAlgRunnerTask(alg, params, context, feedback)
    done = []
    task.executed.connect(lambda ok, results: done.append((ok, dict(results))))
    QgsApplication.taskManager().addTask(task)
    end = time.monotonic() + 300
    while not done and time.monotonic() < end:
        if tick is not None:
            tick()
        QCoreApplication.processEvents()
        time.sleep(0.005)
    assert done, "the run did not finish"
    return done[0]


@pytest.mark.parametrize("alg_id, named", [("ecospace:redline_check", 5), ("ecospace:units_generate", 1)])
def test_bulk_reading_takes_the_prepared_layers(alg_id, named, project_layers, tmp_path, monkeypatch):
    """bulk_read.resolve_layer gets the layers the dialogs name by id (`named` single-layer inputs) from
    prepareAlgorithm: each one found, and no lookup in the project on the worker thread; guard.prepare
    (the inputs and outputs of guard.guarded) runs on the main thread only."""
    from ecospace.processing import bulk_read, guard, prepared

    lookups, found, guards = [], {}, []
    lookup, resolve, prepare = bulk_read.QgsProcessingUtils.mapLayerFromString, bulk_read.resolve_layer, guard.prepare

    def guard_prepare(*args):
        guards.append(prepared.on_main_thread())
        return prepare(*args)

    def looked_up(*args):
        lookups.append(prepared.on_main_thread())
        return lookup(*args)

    def resolved(value, context):
        layer = resolve(value, context)
        if isinstance(value, str):
            found[value] = layer.id() if layer is not None else None
        return layer

    # bulk_read's QgsProcessingUtils, recording on which thread it looks a layer up
    monkeypatch.setattr(bulk_read, "QgsProcessingUtils", type("Utils", (), {
        "mapLayerFromString": staticmethod(looked_up), "LayerHint": bulk_read.QgsProcessingUtils.LayerHint}))
    monkeypatch.setattr(bulk_read, "resolve_layer", resolved)
    monkeypatch.setattr(guard, "prepare", guard_prepare)
    monkeypatch.setattr(prepared, "LATE", [])
    ok, results = run_in_background(alg_id, runs(project_layers, tmp_path)[alg_id])
    assert ok, results
    assert len(found) == named and all(found[value] == value for value in found), found  # ids: themselves
    assert lookups == [] and prepared.LATE == [] and guards == [True]
