"""Files a user can point at (issue 11): damaged inputs, a raster for a vector and back, outputs in
read-only or missing folders, under a file, or onto a folder. Each ends in one clear message naming
the file and the problem: no traceback, no partial file, inputs unchanged."""
import os
import shutil
import stat

import pytest
from osgeo import gdal

from ecospace.processing import guard

from ..support import SAMPLE, layer, refusal, small_tif, uri

pytestmark = pytest.mark.usefixtures("provider")

CUT = ("is shorter than its header says, so it was probably cut off while being copied or downloaded. "
       "Use a complete copy.")


def cut(path, fraction):
    data = open(path, "rb").read()
    open(path, "wb").write(data[:int(len(data) * fraction)])
    return str(path)


@pytest.fixture
def tif(tmp_path):
    return small_tif(tmp_path / "water.tif")


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


# -- damaged inputs --------------------------------------------------------------------------------

@pytest.mark.parametrize("fraction", [0.3, 0.9])
def test_a_cut_off_geopackage(tmp_path, out, fraction):
    gpkg = tmp_path / "cut.gpkg"
    shutil.copyfile(SAMPLE, gpkg)
    cut(gpkg, fraction)
    message = refusal("redline_check", {"REDLINE": uri(gpkg, "redline"), "OUTPUT": str(out / "f.gpkg")})
    assert message == "The input REDLINE is damaged: {} {}".format(gpkg, CUT)
    assert os.listdir(out) == []


@pytest.mark.parametrize("part", [".shp", ".dbf"])
def test_a_cut_off_shapefile(tmp_path, out, part):
    """GDAL reads a cut-off .shp as features without geometry (and a run would report them as
    findings): the header says how long the file should be."""
    shp = tmp_path / "farmland.shp"
    gdal.VectorTranslate(str(shp), str(SAMPLE), layers=["farmland"], format="ESRI Shapefile",
                         layerName="farmland")
    cut(shp.with_suffix(part), 0.5)
    message = refusal("redline_check", {"REDLINE": str(shp), "OUTPUT": str(out / "f.gpkg")})
    assert message == "The input REDLINE is damaged: {} {}".format(shp.with_suffix(part), CUT)
    assert os.listdir(out) == []


def test_a_cut_off_geotiff(tmp_path, out):
    """The header is intact, the data is not: the read fails, with the raster named."""
    path = cut(small_tif(tmp_path / "water.tif", 600, compress="DEFLATE"), 0.5)
    message = refusal("importance_grade", {"SERVICES": [path], "OUTPUT": str(out / "grade.tif"),
                                           "SERVICE_FOLDER": str(out / "services")})
    assert message.startswith("Raster 'water' ({}) could not be read: ".format(path))
    assert message.endswith("The file is probably cut off or damaged: use a complete copy.")
    assert os.listdir(out) == []  # no grade.tif, no *.partial.tif, not even the service folder


def test_a_geotiff_cut_off_in_its_header(tmp_path, out):
    path = cut(small_tif(tmp_path / "water.tif"), 0.01)
    message = refusal("importance_grade", {"SERVICES": [path], "OUTPUT": str(out / "grade.tif")})
    assert message.startswith("The input SERVICES cannot be opened: {}: ".format(path))
    assert os.listdir(out) == []


# -- a raster where a vector is expected, and back --------------------------------------------------

def test_a_raster_for_polygons(tif, out):
    message = refusal("redline_candidate", {"PROTECTED_AREAS": [tif], "OUTPUT": str(out / "c.gpkg")})
    assert message == "The input PROTECTED_AREAS needs a vector layer, but {} is a raster.".format(tif)
    message = refusal("redline_check", {"REDLINE": tif, "OUTPUT": str(out / "c.gpkg")})
    assert message == "The input REDLINE needs a vector layer, but {} is a raster.".format(tif)
    assert os.listdir(out) == []


def test_polygons_for_a_raster(out):
    message = refusal("importance_grade", {"SERVICES": [layer("redline")], "OUTPUT": str(out / "g.tif")})
    assert message == "The input SERVICES needs a raster, but {} is a vector layer.".format(SAMPLE)
    assert os.listdir(out) == []


def test_a_file_is_opened_again_only_when_it_changed(tmp_path, tif, monkeypatch):
    """guard.file_kinds keeps its answer for a file whose size, time and inode are unchanged (each
    run checks its inputs twice); a changed file, or a raster asked as a vector, is looked at anew."""
    gpkg = shutil.copy(SAMPLE, tmp_path / "sample.gpkg")
    opened = []
    real = gdal.OpenEx
    monkeypatch.setattr(gdal, "OpenEx", lambda *a, **k: opened.append(a[0]) or real(*a, **k))
    assert guard.file_kinds(str(gpkg)) == guard.file_kinds(str(gpkg)) == ({"vector"}, "")
    assert len(opened) == 1
    when = os.stat(gpkg).st_mtime_ns + 10 ** 9
    os.utime(gpkg, ns=(when, when))
    assert guard.file_kinds(str(gpkg)) == ({"vector"}, "") and len(opened) == 2
    assert guard.file_kinds(tif)[0] == guard.file_kinds(tif)[0] == {"raster"}
    assert guard.file_kinds(tif, "raster")[0] == {"raster"}
    assert opened.count(tif) == 2 + 1  # vector (refused) then raster, once; then raster first, once


# -- outputs that cannot be written ----------------------------------------------------------------

@pytest.fixture
def read_only(tmp_path):
    """A folder nobody may write to: chmod 555, or /sys when running as root (root ignores modes)."""
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH)
    if not guard.writable(str(folder)):
        yield str(folder)
    elif os.path.isdir("/sys") and not guard.writable("/sys"):
        yield "/sys"
    else:
        pytest.skip("no read-only folder on this machine")
    folder.chmod(stat.S_IRWXU)


@pytest.mark.parametrize("name, params, param, file", [
    ("redline_check", {"REDLINE": layer("redline")}, "OUTPUT", "f.gpkg"),
    ("redline_check", {"REDLINE": layer("redline"), "OUTPUT": "TEMPORARY_OUTPUT"}, "REPORT", "r.html"),
    ("importance_grade", {}, "OUTPUT", "g.tif"),
    ("importance_grade", {}, "SERVICE_FOLDER", "services"),
])
def test_a_read_only_folder(tif, read_only, name, params, param, file):
    if name == "importance_grade":
        params = {"SERVICES": [tif], "OUTPUT": "TEMPORARY_OUTPUT"}
    path = os.path.join(read_only, file)
    message = refusal(name, dict(params, **{param: path}))
    assert message == ("The output {p} ({f}) cannot be written: the folder {d} is read-only or you have no "
                       "permission to write there. Choose another folder.").format(p=param, f=path, d=read_only)


def test_an_output_under_a_file(tif, out):
    (out / "notes.txt").write_text("not a folder")
    path = str(out / "notes.txt" / "sub" / "g.tif")
    message = refusal("importance_grade", {"SERVICES": [tif], "OUTPUT": path})
    assert message == ("The output OUTPUT ({f}) cannot be written: {d} is a file, not a folder. Choose "
                       "another location.").format(f=path, d=out / "notes.txt")
    assert os.listdir(out) == ["notes.txt"]


def test_a_service_folder_that_is_a_file(tif, out):
    (out / "services").write_text("a file")
    message = refusal("importance_grade", {"SERVICES": [tif], "OUTPUT": str(out / "g.tif"),
                                           "SERVICE_FOLDER": str(out / "services")})
    assert message == ("The output folder SERVICE_FOLDER ({}) is a file, not a folder. Choose a "
                       "folder.").format(out / "services")
    assert os.listdir(out) == ["services"]  # no g.tif, no g.<pid>.partial.tif


def test_an_output_that_is_a_folder(out):
    (out / "f.gpkg").mkdir()
    message = refusal("redline_check", {"REDLINE": layer("redline"), "OUTPUT": str(out / "f.gpkg")})
    assert message == "The output OUTPUT ({}) is a folder. Give a file name.".format(out / "f.gpkg")
    assert os.listdir(out / "f.gpkg") == []


def test_a_write_that_fails_after_the_outputs_were_closed(out, monkeypatch):
    """E.g. the disk fills up while the report is written: the message names the file, and the
    findings and statistics already written are removed (all outputs or none)."""
    from ecospace.processing.algorithms import redline_check

    def full_disk(path, text):
        raise OSError(28, "No space left on device", path)

    monkeypatch.setattr(redline_check, "write_report", full_disk)
    report = str(out / "report.html")
    message = refusal("redline_check", {"REDLINE": layer("redline"), "OUTPUT": str(out / "f.gpkg"),
                                        "STATISTICS": str(out / "s.csv"), "REPORT": report})
    assert message == "Could not read or write {}: No space left on device".format(report)
    assert os.listdir(out) == []
