"""Inputs are sacred (issue 11): no output of any ecospace algorithm may be an input file, or a folder
holding one. Each refusal names both, nothing is written, and the input stays byte-identical."""
import os
import shutil

import pytest
from qgis.core import QgsProcessingException, QgsProcessingFeedback, QgsProcessingModelAlgorithm

from ecospace.processing import guard
from ecospace.processing.provider import algorithm_classes

from ..support import MODELS, SAMPLE, gpkg_query, refusal, sha256, small_tif, uri

pytestmark = pytest.mark.usefixtures("provider")

WITH_OUTPUTS = [cls.NAME for cls in algorithm_classes() if cls.NAME != "style_layer"]


@pytest.fixture
def data(tmp_path):
    """A folder holding a copy of the sample GeoPackage and a GeoTIFF, with their digests."""
    folder = tmp_path / "data"
    folder.mkdir()
    gpkg = folder / "ecospace_sample.gpkg"
    shutil.copyfile(SAMPLE, gpkg)
    tif = small_tif(folder / "water.tif")
    return folder, str(gpkg), tif


def snapshot(folder):
    return {name: sha256(os.path.join(folder, name)) for name in sorted(os.listdir(folder))}


def first_input(alg):
    """The first input parameter of an algorithm and whether it wants a raster."""
    for definition in alg.parameterDefinitions():
        if not definition.isDestination() and definition.type() in guard.INPUT_TYPES:
            return definition.name(), guard._expected_kind(definition) == "raster"
    raise AssertionError(alg.id())


@pytest.mark.parametrize("name", WITH_OUTPUTS)
def test_no_output_of_any_algorithm_may_be_its_input_file(provider, data, name):
    folder, gpkg, tif = data
    alg = provider.algorithm(name)
    param, raster = first_input(alg)
    path = tif if raster else gpkg
    value = [path] if alg.parameterDefinition(param).type() == "multilayer" else \
        (path if raster else uri(gpkg, "redline"))
    before = snapshot(folder)
    for out in alg.destinationParameterDefinitions():
        message = refusal(name, {param: value, out.name(): path})
        if out.type() == "folderDestination":
            assert message == ("The output folder {o} ({p}) is the file of the input {i}. Choose a folder "
                               "for {o}.").format(o=out.name(), p=path, i=param)
        else:
            assert message == ("The output {o} ({p}) is the file of the input {i}, and inputs are never "
                               "written to. Choose another file for {o}.").format(o=out.name(), p=path, i=param)
        assert snapshot(folder) == before  # byte-identical, and no new file beside it


@pytest.mark.parametrize("form", ["{path}", "ogr:dbname='{path}' table=\"findings\" (geom)",
                                  "{path}|layername=findings"])
def test_a_table_written_into_the_input_geopackage_is_refused(data, form):
    """QGIS 3.22 overwrites the whole file for a plain path and adds a table for the ogr: form:
    either way the input file would change."""
    folder, gpkg, _ = data
    before = snapshot(folder)
    tables = gpkg_query(gpkg, "select table_name from gpkg_contents")
    message = refusal("redline_check", {"REDLINE": uri(gpkg, "redline"), "OUTPUT": form.format(path=gpkg)})
    assert message == ("The output OUTPUT ({p}) is the file of the input REDLINE, and inputs are never "
                       "written to. Choose another file for OUTPUT.").format(p=gpkg)
    assert snapshot(folder) == before
    assert gpkg_query(gpkg, "select table_name from gpkg_contents") == tables


def test_relative_paths_symlinks_and_hard_links_are_the_same_file(data, monkeypatch):
    folder, gpkg, _ = data
    os.symlink(gpkg, folder / "link.gpkg")
    os.link(gpkg, folder / "hard.gpkg")
    monkeypatch.chdir(folder)
    before = snapshot(folder)
    for given, output in (("ecospace_sample.gpkg", gpkg), (gpkg, "./ecospace_sample.gpkg"),
                          (str(folder / "link.gpkg"), gpkg), (gpkg, str(folder / "hard.gpkg")),
                          (gpkg, "sub/../ecospace_sample.gpkg")):
        message = refusal("redline_check", {"REDLINE": uri(given, "redline"), "OUTPUT": output})
        assert message.startswith("The output OUTPUT ({}) is the file of the input REDLINE".format(
            os.path.abspath(output)))
    assert snapshot(folder) == before


def test_every_input_of_a_multiple_layer_parameter_counts(data):
    folder, gpkg, _ = data
    before = snapshot(folder)
    message = refusal("units_check", {
        "UNITS": uri(SAMPLE, "control_units"),
        "PRIORITY_LAYERS": [uri(SAMPLE, "redline"), uri(gpkg, "protected_areas")],
        "OUTPUT": str(folder / "f.gpkg"), "REPORT": gpkg})
    assert message == ("The output REPORT ({p}) is the file of the input PRIORITY_LAYERS, and inputs are "
                       "never written to. Choose another file for REPORT.").format(p=gpkg)
    assert snapshot(folder) == before


def test_an_output_folder_holding_an_input_is_refused(data, tmp_path):
    folder, _, tif = data
    before = snapshot(folder)
    message = refusal("importance_grade", {"SERVICES": [tif], "OUTPUT": str(tmp_path / "grade.tif"),
                                           "SERVICE_FOLDER": str(folder)})
    assert message == ("The output folder SERVICE_FOLDER ({f}) holds {t}, the input of SERVICES: files "
                       "written there could replace it. Choose another folder for SERVICE_FOLDER.").format(
        f=folder, t=tif)
    assert snapshot(folder) == before
    assert sorted(os.listdir(tmp_path)) == ["data"]


def test_a_raster_output_equal_to_its_input_geotiff_is_refused(data):
    folder, _, tif = data
    before = snapshot(folder)
    message = refusal("sensitivity_grade", {"FACTORS": [tif], "FACTOR_BREAKS": "rainfall:100,300",
                                            "OUTPUT": str(folder / "out.tif"), "COMPOSITE": tif})
    assert message == ("The output COMPOSITE ({p}) is the file of the input FACTORS, and inputs are never "
                       "written to. Choose another file for COMPOSITE.").format(p=tif)
    assert snapshot(folder) == before


def test_a_model_step_is_refused_too(data):
    """Models never call the child's checkParameterValues: the guard in processAlgorithm refuses."""
    import processing

    folder, gpkg, _ = data
    before = snapshot(folder)
    model = QgsProcessingModelAlgorithm()
    assert model.fromFile(str(MODELS / "redline_check_styled.model3"))
    errors = []
    feedback = QgsProcessingFeedback()
    feedback.reportError = lambda text, fatal=False: errors.append(text)
    with pytest.raises(QgsProcessingException):
        processing.run(model, {"redline": uri(gpkg, "redline"), "county_code_field": "XZQDM",
                               "redline_check:findings": gpkg}, feedback=feedback)
    assert ("The output OUTPUT ({p}) is the file of the input REDLINE, and inputs are never written to. "
            "Choose another file for OUTPUT.").format(p=gpkg) in errors
    assert snapshot(folder) == before


def test_outputs_elsewhere_still_run(data, tmp_path):
    """The guard refuses only what would touch an input: a normal run writes its outputs."""
    import processing

    folder, gpkg, _ = data
    out = tmp_path / "out" / "findings.gpkg"  # a missing folder is created
    result = processing.run("ecospace:redline_check", {"REDLINE": uri(gpkg, "redline"), "OUTPUT": str(out)})
    assert result["OUTPUT"] == str(out) and out.exists()
