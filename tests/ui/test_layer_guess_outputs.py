"""The plugin's own results are never guessed as inputs (issue 12, the technician's review loop).

A project holds the sample's input layers and every output of every algorithm three times over:
loaded by the dialogs (tagged), re-opened from disk after a "restart" (untagged, named with their
Chinese and English labels, which hold the role keywords: 生态保护红线质检问题, 候选红线…), and as memory
copies (what a Processing-toolbox run leaves). Every dialog step must guess exactly what it guesses
on the clean project.
"""
import datetime
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from osgeo import ogr
from qgis.core import QgsProject, QgsRasterLayer, QgsVectorLayer, QgsWkbTypes

from ecospace.ui import provenance, results
from ecospace.ui.jobs import jobs
from ecospace.ui.params import outputs
from ecospace.ui.specs import algorithm, specs_of

from ..support import SAMPLE
from .all_outputs import write_all

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "ecospace_zh_CN.ts"
# outputs whose memory copy looks like an input: the coded units keep the input's fields (their
# file keeps the embedded style; the dialogs tag the layer), and rasters have no memory copy
SCHEMA_LESS = {"ecospace:units_code/OUTPUT"}
# the composite score raster carries no mark of its own (no style, no classes): known only when loaded
# by a dialog; its names hold no role keyword, so it is not guessed either way (the equality test)
UNMARKED_FILES = {"ecospace:sensitivity_grade/COMPOSITE"}


def chinese():
    """{English source: Chinese translation} of the shipped .ts."""
    out = {}
    for message in ET.parse(str(TS)).getroot().iter("message"):
        source, translation = message.findtext("source"), message.findtext("translation")
        if source and translation:
            out[source] = translation
    return out


def sample_inputs(folder):
    """Every layer of the sample GeoPackage and the two service rasters, as a province names them."""
    layers = []
    source = ogr.Open(str(SAMPLE))
    for k in range(source.GetLayerCount()):
        name = source.GetLayer(k).GetName()
        layers.append(QgsVectorLayer("{}|layername={}".format(SAMPLE, name), name, "ogr"))
    layers.append(QgsRasterLayer(os.path.join(folder, "in_water.tif"), "水源涵养"))
    layers.append(QgsRasterLayer(os.path.join(folder, "in_bio.tif"), "biodiversity"))
    assert all(lyr.isValid() for lyr in layers)
    return layers


@pytest.fixture(scope="module")
def written(provider, tmp_path_factory):
    """{algorithm id: results} of one run of every algorithm, and their folder."""
    folder = str(tmp_path_factory.mktemp("every_output"))
    return folder, write_all(folder)


def output_files(results_by_alg):
    """(algorithm id, output name, label, path) of every layer output written."""
    out = []
    for alg_id, res in results_by_alg.items():
        for spec in outputs(specs_of(algorithm(alg_id))):
            path = res.get(spec.name)
            if spec.kind in ("sink", "raster_out") and isinstance(path, str) and os.path.exists(path):
                out.append((alg_id, spec.name, spec.label, path))
    for path in results_by_alg["ecospace:importance_grade"].get("SERVICE_GRADES") or []:  # one per service
        out.append(("ecospace:importance_grade", "SERVICE_GRADES", os.path.basename(path), path))
    return out


def open_layer(path, name):
    if path.lower().endswith(".tif"):
        return QgsRasterLayer(path, name)
    return QgsVectorLayer(path, name, "ogr")


def memory_copy(layer, name):
    """The layer as a memory layer, as a toolbox run leaves it: no file, no embedded style, no tag."""
    geometry = QgsWkbTypes.displayString(layer.wkbType()) if layer.isSpatial() else "None"
    copy = QgsVectorLayer("{}?crs={}".format(geometry, layer.crs().authid()), name, "memory")
    copy.dataProvider().addAttributes(layer.fields().toList())
    copy.updateFields()
    copy.dataProvider().addFeatures(list(layer.getFeatures()))
    return copy


def every_guess(make_dialog):
    """{(job, step title): {parameter: guessed layer name(s) or None}} of every dialog step."""
    out = {}
    for job in jobs():
        dialog = make_dialog(job.id)
        for index, step in enumerate(job.steps):
            dialog.stepCombo.setCurrentIndex(index)
            out[(job.id, step.algorithm)] = dialog.guesses()
        dialog.shutdown()
        dialog.close()
    return out


@pytest.fixture
def inputs_project(qgis_iface, written, ui):
    qgis_iface.newProject()
    project = QgsProject.instance()
    layers = sample_inputs(written[0])
    project.addMapLayers(layers)
    yield project, layers
    project.removeAllMapLayers()
    project.layerTreeRoot().removeAllChildren()
    ui.flush()


def test_every_output_is_known_and_no_input_is(inputs_project, written):
    _, inputs = inputs_project
    assert not [lyr.name() for lyr in inputs if provenance.is_output(lyr)]
    zh = chinese()
    unknown = []
    for alg_id, name, label, path in output_files(written[1]):
        for shown in (label, zh.get(label, label)):
            layer = open_layer(path, shown)
            assert layer.isValid(), path
            if not provenance.is_output(layer) and provenance.output_id(alg_id, name) not in UNMARKED_FILES:
                unknown.append((alg_id, name, "file"))
            if isinstance(layer, QgsVectorLayer) and not provenance.is_output(memory_copy(layer, shown)) \
                    and provenance.output_id(alg_id, name) not in SCHEMA_LESS:
                unknown.append((alg_id, name, "memory"))
    assert not unknown
    wanted = {(alg_id, s.name) for alg_id in written[1] for s in outputs(specs_of(algorithm(alg_id)))
              if s.kind in ("sink", "raster_out")}
    assert {(a, n) for a, n, _, _ in output_files(written[1])} >= wanted  # every layer output of every algorithm
    assert len(written[1]) == 13  # every algorithm but the styling helper


def test_dialogs_guess_the_same_with_every_output_in_the_project(inputs_project, written, make_dialog, ui):
    project, _ = inputs_project
    clean = every_guess(make_dialog)
    # the technician's complaints, on the clean project
    assert clean[("units", "ecospace:units_check")]["REDLINE"] == "redline"
    assert clean[("units", "ecospace:units_check")]["PRIORITY_LAYERS"] == ["priority_zones", "redline"]
    assert clean[("delineation", "ecospace:redline_compare")]["OLD"] == "redline"
    assert clean[("delineation", "ecospace:redline_compare")]["NEW"] is None  # one version only
    assert clean[("reserves", "ecospace:human_activity")]["PREVIOUS"] is None

    zh = chinese()
    added = []
    files = output_files(written[1])
    by_alg = {}
    for alg_id, name, label, path in files:
        by_alg.setdefault(alg_id, []).append((name, label, path))
    for alg_id, items in by_alg.items():  # as the dialogs load them: one tagged group per run
        specs = [s for s in outputs(specs_of(algorithm(alg_id))) if s.name in {n for n, _, _ in items}]
        loaded = results.load_results("every", alg_id, specs, {n: p for n, _, p in items},
                                      datetime.datetime(2025, 1, 1), replace=False,
                                      algorithm_id=alg_id)
        assert all(provenance.marked(lyr) == provenance.output_id(alg_id, n) for n, lyr in loaded.layers.items())
    for alg_id, name, label, path in files:  # re-opened from disk, and as toolbox memory layers
        for shown in {label, zh.get(label, label)}:
            layer = open_layer(path, shown)
            added.append(layer)
            if isinstance(layer, QgsVectorLayer) and provenance.output_id(alg_id, name) not in SCHEMA_LESS:
                added.append(memory_copy(layer, shown))
    project.addMapLayers(added)
    ui.flush()
    names = {lyr.name() for lyr in project.mapLayers().values()}
    assert "生态保护红线质检问题" in names and "候选红线" in names  # the names that fooled the guess
    assert every_guess(make_dialog) == clean
