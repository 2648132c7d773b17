"""Inputs are sacred through qgis_process (issue 11): OUTPUT naming the input GeoPackage is refused
before anything is written, and the file stays byte-identical."""
import os
import shutil

from ..support import SAMPLE, needs_qgis_process, qgis_process, sha256, uri

pytestmark = needs_qgis_process


def test_output_equal_to_the_input_geopackage_is_refused(tmp_path):
    gpkg = tmp_path / "ecospace_sample.gpkg"
    shutil.copyfile(SAMPLE, gpkg)
    digest = sha256(gpkg)
    proc = qgis_process("run", "ecospace:redline_check", "--", "REDLINE=" + uri(gpkg, "redline"),
                        "OUTPUT={}".format(gpkg))
    assert proc.returncode != 0
    assert ("The output OUTPUT ({}) is the file of the input REDLINE, and inputs are never written to. "
            "Choose another file for OUTPUT.").format(gpkg) in proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert sha256(gpkg) == digest
    assert os.listdir(tmp_path) == ["ecospace_sample.gpkg"]
