"""Cancel means cancel (issue 11): wherever a run is cancelled (before or while reading, while
writing, after the last output was closed) it ends with the cancel message and leaves no output."""
import os
import shutil

import pytest
from qgis.core import QgsProcessingException, QgsProcessingFeatureSourceDefinition, QgsProcessingFeedback

from ..support import SAMPLE, gpkg_query, layer, small_tif, uri

pytestmark = pytest.mark.usefixtures("provider")

CANCELLED = "The run was cancelled. No output was written."


class CancelOn(QgsProcessingFeedback):
    """Cancels when the run reports a text holding `text`, or its progress reaches `percent`."""

    def __init__(self, text=None, percent=None):
        super().__init__()
        self.text, self.percent = text, percent

    def _check(self, text):
        if self.text is not None and self.text in text:
            self.cancel()

    def setProgressText(self, text):
        super().setProgressText(text)
        self._check(text)

    def pushInfo(self, text):
        super().pushInfo(text)
        self._check(text)

    def setProgress(self, value):
        super().setProgress(value)
        if self.percent is not None and value >= self.percent:
            self.cancel()


def cancelled_run(name, params, feedback):
    import processing

    with pytest.raises(QgsProcessingException) as caught:
        processing.run("ecospace:" + name, params, feedback=feedback)
    assert feedback.isCanceled()
    return str(caught.value)


def redline_check(out, **extra):
    return dict({"REDLINE": layer("redline"), "FARMLAND": layer("farmland"),
                 "OUTPUT": str(out / "findings.gpkg"), "STATISTICS": str(out / "stats.csv"),
                 "REPORT": str(out / "report.html")}, **extra)


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.mark.parametrize("moment", [
    "Working CRS",       # just before reading: the reader stops at once and returns no feature
    "Reading",           # while a layer is read into memory (FARMLAND, with a feature limit)
    "partition 1 of",    # while the partitions read and check the sample's GeoPackage tables
    "Writing outputs",   # while the sinks are written
    "",                  # at the first message: before anything
])
def test_redline_check_cancelled(out, moment):
    extra = {"FARMLAND": QgsProcessingFeatureSourceDefinition(layer("farmland"), False, 10 ** 9)} \
        if moment == "Reading" else {}
    message = cancelled_run("redline_check", redline_check(out, **extra), CancelOn(text=moment))
    assert message == CANCELLED  # not "The red-line layer ... is empty"
    assert os.listdir(out) == []


def test_a_cancel_after_the_last_output_was_closed_removes_them_all(out):
    """The counts are told after the sinks are closed and before the report is written."""
    message = cancelled_run("redline_check", redline_check(out), CancelOn(text=" errors, "))
    assert message == CANCELLED
    assert os.listdir(out) == []


def test_a_cancel_at_the_very_end_of_a_raster_run(tmp_path, out):
    params = {"SERVICES": [small_tif(tmp_path / "water.tif", 30)], "OUTPUT": str(out / "grade.tif"),
              "SERVICE_FOLDER": str(out / "services"), "TABLE": str(out / "table.gpkg")}
    message = cancelled_run("importance_grade", params, CancelOn(percent=100))  # rasters in place
    assert message == CANCELLED
    assert os.listdir(out) == []  # no grade.tif, grade.qml, table, nor the folder it created


def test_a_cancelled_run_leaves_the_other_files_of_an_output_folder(tmp_path, out):
    services = out / "services"
    services.mkdir()
    (services / "notes.txt").write_text("the user's")
    params = {"SERVICES": [small_tif(tmp_path / "soil.tif", 30)], "OUTPUT": str(out / "grade.tif"),
              "SERVICE_FOLDER": str(services)}
    assert cancelled_run("importance_grade", params, CancelOn(percent=100)) == CANCELLED
    assert sorted(os.listdir(out)) == ["services"]
    assert os.listdir(services) == ["notes.txt"]


@pytest.mark.parametrize("moment", ["Writing outputs", " errors, "])
def test_a_cancelled_table_in_an_existing_geopackage_leaves_its_other_tables(tmp_path, out, moment):
    """QGIS adds a table to a GeoPackage named with ogr:dbname=… table=…: a cancel removes that table
    only, never the file and the user's other tables."""
    target = out / "project.gpkg"
    shutil.copyfile(SAMPLE, target)
    tables = gpkg_query(target, "select table_name from gpkg_contents order by 1")
    params = {"REDLINE": layer("redline"), "OUTPUT": "ogr:dbname='{}' table=\"findings\" (geom)".format(target)}
    assert cancelled_run("redline_check", params, CancelOn(text=moment)) == CANCELLED
    assert gpkg_query(target, "select table_name from gpkg_contents order by 1") == tables
    assert gpkg_query(target, "select count(*) from redline") == gpkg_query(SAMPLE, "select count(*) from redline")


def test_a_folder_made_for_the_outputs_goes_when_the_run_is_cancelled(out):
    params = {"REDLINE": layer("redline"), "OUTPUT": str(out / "new" / "deeper" / "findings.gpkg")}
    assert cancelled_run("redline_check", params, CancelOn(text="Writing outputs")) == CANCELLED
    assert os.listdir(out) == []


def test_an_earlier_output_is_kept_when_a_run_fails_before_writing(out):
    """Only what the run wrote is removed: a file that was there and was not touched stays."""
    import processing

    first = processing.run("ecospace:redline_check", {"REDLINE": layer("redline"),
                                                      "OUTPUT": str(out / "findings.gpkg")})
    before = open(first["OUTPUT"], "rb").read()
    params = {"REDLINE": uri(SAMPLE, "redline"), "OUTPUT": str(out / "findings.gpkg")}
    assert cancelled_run("redline_check", params, CancelOn(text="Working CRS")) == CANCELLED
    assert open(out / "findings.gpkg", "rb").read() == before
