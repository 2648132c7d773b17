"""The red-line delineation dialog (grading / candidate / compare) and the unit-coding step, on the sample."""
import os

import pytest
from osgeo import ogr
from qgis.core import QgsProject, QgsRasterLayer, QgsVectorLayer

from ecospace.ui import results as R

from ..support import SAMPLE, decay_raster

IMPORTANCE, SENSITIVITY = "ecospace:importance_grade", "ecospace:sensitivity_grade"
CANDIDATE, COMPARE, CODE = "ecospace:redline_candidate", "ecospace:redline_compare", "ecospace:units_code"


def names(ids):
    return {QgsProject.instance().mapLayer(i).name() for i in ids}


@pytest.fixture
def services(sample_project, tmp_path):
    """Two small service rasters in the project, named as a province would name them."""
    layers = [QgsRasterLayer(decay_raster(tmp_path / "water.tif", "redline", 800.0, 100.0), "水源涵养"),
              QgsRasterLayer(decay_raster(tmp_path / "bio.tif", "protected_areas", 500.0, 60.0), "biodiversity")]
    assert all(lyr.isValid() for lyr in layers)
    QgsProject.instance().addMapLayers(layers)
    return layers


def modified_redline(tmp_path):
    """The sample red line with one patch removed and one grown by 300 m: a 'new version'."""
    path = str(tmp_path / "redline_2025.gpkg")
    src = ogr.Open(str(SAMPLE))
    out = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    layer = out.CopyLayer(src.GetLayerByName("redline"), "redline_2025")
    fids = sorted(f.GetFID() for f in layer)
    layer.DeleteFeature(fids[0])
    grown = layer.GetFeature(fids[1])
    grown.SetGeometry(grown.GetGeometryRef().Buffer(300.0))
    layer.SetFeature(grown)
    out = None
    return QgsVectorLayer(path + "|layername=redline_2025", "redline_2025", "ogr")


def paletted_classes(layer):
    renderer = layer.renderer()
    assert renderer is not None and renderer.type() == "paletted", layer.name()
    return {c.value: c.label for c in renderer.classes()}


def test_grading_offers_rasters_and_loads_the_styled_grade(services, make_dialog, out_folder, ui, steps):
    ui.skip_without(IMPORTANCE)
    dialog = make_dialog("delineation")
    assert dialog.stepCombo.count() == 4 and dialog.stepCombo.isVisible()
    w = dialog.widgets
    assert {lyr.name() for lyr in w["SERVICES"].candidates()} == {"水源涵养", "biodiversity"}  # rasters only
    assert names(w["SERVICES"].value()) == {"水源涵养", "biodiversity"}
    assert "SERVICE_FOLDER" not in w and w["BREAKS"].value() == "50,80"
    loaded = steps.run(dialog, 0)
    assert dialog.statusLabel.text().startswith("Done")
    layers = steps.layers(loaded)
    assert len(layers) == 2 and loaded.findings is None  # the grade, then the table
    grade, table = layers
    assert isinstance(grade, QgsRasterLayer) and grade.source().endswith("_output.tif")
    assert os.path.exists(grade.source()[:-4] + ".qml")  # the style the algorithm wrote beside it
    labels = paletted_classes(grade)
    assert sorted(labels) == [1, 2, 3]
    assert labels[3] == "Extremely important (极重要)", labels  # translated legend
    assert not table.isSpatial() and table.featureCount() > 0

    # sensitivity: the same machinery, a factor raster of its own
    dialog.addRadio.setChecked(True)
    dialog.stepCombo.setCurrentIndex(1)
    w = dialog.widgets
    assert w["FACTORS"].value() == []  # no layer is named like a sensitivity factor
    assert {lyr.name() for lyr in w["FACTORS"].candidates()} == {"水源涵养", "biodiversity", grade.name()}


def test_candidate_runs_on_the_graded_raster(services, make_dialog, out_folder, ui, steps, qgis_iface):
    ui.skip_without(IMPORTANCE)
    ui.skip_without(CANDIDATE)
    dialog = make_dialog("delineation")
    grade = steps.layers(steps.run(dialog, 0))[0]
    dialog.addRadio.setChecked(True)
    dialog.stepCombo.setCurrentIndex(2)
    w = dialog.widgets
    offered = {lyr.name() for lyr in w["IMPORTANCE"].candidates()}  # rasters or polygons
    assert {grade.name(), "redline", "counties"} <= offered and "activity_points" not in offered
    assert w["IMPORTANCE"].layer() is grade and w["SENSITIVITY"].layer() is None
    assert names(w["PROTECTED_AREAS"].value()) == {"protected_areas"}
    assert names(w["DEDUCT_LAYERS"].value()) == {"farmland", "urban_boundary"}
    assert names(w["REPORT_LAYERS"].value()) == {"construction_land", "mining_rights", "settlements"}
    assert w["EXISTING_REDLINE"].layer().name() == "redline"
    assert w["COUNTIES"].layer().name() == "counties" and w["COUNTY_CODE_FIELD"].value() == "XZQDM"
    loaded = steps.run(dialog, 2, timeout=300)
    layers = steps.layers(loaded)
    assert loaded.findings is layers[0] and steps.categories(layers[0])[0] == "severity"
    candidate = next(lyr for lyr in layers if lyr.name() == "Candidate red line")
    assert candidate.featureCount() > 0 and "o_importance" in candidate.fields().names()
    reference = QgsVectorLayer("Polygon?crs=EPSG:4524", "ref", "memory")
    assert reference.loadNamedStyle(R.style_path("redline"))[1]
    assert candidate.renderer().type() == reference.renderer().type() == "singleSymbol"
    assert candidate.renderer().symbol().color() == reference.renderer().symbol().color()
    assert steps.dock_rows(qgis_iface, loaded) == loaded.findings.featureCount()
    assert len(R.job_groups("delineation")) == 2  # "Add a new group" kept the grading group


def test_compare_two_versions(sample_project, make_dialog, out_folder, ui, steps, tmp_path):
    ui.skip_without(COMPARE)
    new = modified_redline(tmp_path)
    assert new.isValid()
    QgsProject.instance().addMapLayer(new)
    dialog = make_dialog("delineation")
    dialog.stepCombo.setCurrentIndex(3)
    w = dialog.widgets
    assert w["OLD"].layer().name() == "redline" and w["NEW"].layer().name() == "redline_2025"
    assert names(w["REASON_LAYERS"].value()) == {"farmland", "urban_boundary", "construction_land",
                                                 "mining_rights", "protected_areas"}
    loaded = steps.run(dialog, 3, timeout=300)
    layers = {lyr.name(): lyr for lyr in steps.layers(loaded)}
    assert loaded.findings is steps.layers(loaded)[0]
    added, removed = layers["Added red line"], layers["Removed red line"]
    assert added.featureCount() > 0 and removed.featureCount() > 0
    for layer, value in ((added, "added"), (removed, "removed")):
        attr, values = steps.categories(layer)
        assert attr == "change" and value in [str(v) for v in values]
    assert not layers["Change per county"].isSpatial()


def test_units_code_step(sample_project, make_dialog, out_folder, ui, steps, sample_gpkg):
    ui.skip_without(CODE)
    units = QgsVectorLayer("{}|layername=control_units".format(sample_gpkg), "control_units", "ogr")
    QgsProject.instance().addMapLayer(units)
    dialog = make_dialog("units")
    assert dialog.stepCombo.count() == 4
    dialog.stepCombo.setCurrentIndex(3)
    w = dialog.widgets
    assert w["UNITS"].layer().name() == "control_units"
    assert w["COUNTIES"].layer().name() == "counties" and w["COUNTY_CODE_FIELD"].value() == "XZQDM"
    loaded = steps.run(dialog, 3)
    layers = steps.layers(loaded)
    assert loaded.findings is layers[0]
    coded = next(lyr for lyr in layers if lyr.name() == "Coded units")
    assert coded.featureCount() == units.featureCount()
    attr, values = steps.categories(coded)
    assert attr == "ZHGKDYFL" and [str(v) for v in values] == ["1", "2", "3"]  # the units style
    assert coded.labelsEnabled()
    assert any(not lyr.isSpatial() for lyr in layers)  # the code changes


@pytest.mark.parametrize("when", ["at once", "while running"])
def test_cancel_grading_leaves_no_file(services, make_dialog, out_folder, ui, when):
    ui.skip_without(IMPORTANCE)
    dialog = make_dialog("delineation")
    ui.cancel_and_check(dialog, "delineation", when, out_folder)
    assert dialog.paths["OUTPUT"].endswith(".tif")
