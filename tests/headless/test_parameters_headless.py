"""Parameters checked before the run, through qgis_process (it calls checkParameterValues too):
the message, no traceback, a failed exit, and nothing written."""
import numpy as np
from osgeo import gdal, osr

from ..support import layer, needs_qgis_process, qgis_process

pytestmark = needs_qgis_process


def refused(tmp_path, algorithm, *params, output="output.gpkg"):
    out = tmp_path / algorithm
    out.mkdir()
    proc = qgis_process("run", "ecospace:" + algorithm, "--", *params,
                        "OUTPUT={}".format(out / output))
    assert proc.returncode != 0
    text = proc.stdout + proc.stderr
    assert "Traceback" not in text
    assert list(out.iterdir()) == []
    return text


def test_class_field_over_an_attribute(tmp_path):
    text = refused(tmp_path, "units_classify", "UNITS=" + layer("townships"),
                   "PRIORITY_LAYERS=" + layer("priority_zones"), "CLASS_FIELD=XZQMC")
    assert ("CLASS_FIELD: layer 'townships' already has a field 'XZQMC' (a field of type String holding "
            "'城厢镇', '太平镇', '双桥镇', '宁武镇', '两江镇' …); the output would overwrite it. Give "
            "CLASS_FIELD a name the layer does not have, or tick REPLACE_FIELDS to replace it.") in text


def test_composite_breaks_and_a_negative_number(tmp_path):
    path = tmp_path / "factor.tif"
    ds = gdal.GetDriverByName("GTiff").Create(str(path), 10, 10, 1, gdal.GDT_Float32)
    ds.SetGeoTransform((36500000.0, 10.0, 0, 3000000.0, 0, -10.0))
    ref = osr.SpatialReference()
    ref.ImportFromEPSG(4524)
    ds.SetProjection(ref.ExportToWkt())
    ds.GetRasterBand(1).WriteArray(np.arange(100, dtype=np.float32).reshape(10, 10))
    ds = None
    text = refused(tmp_path, "sensitivity_grade", "FACTORS={}".format(path), "FACTOR_BREAKS=f:10,60",
                   "COMPOSITE_BREAKS=-1,99", output="grade.tif")
    assert ("COMPOSITE_BREAKS -1,99: the composite is the geometric mean of the scores, so it lies "
            "between 1 and 5 (SCORES)") in text
    text = refused(tmp_path, "redline_check", "REDLINE=" + layer("redline"), "MIN_PART_AREA=-5")
    assert ("MIN_PART_AREA (Minimum area of a polygon part (m²)) must be a number of at least 0, not '-5'. "
            "Change the value and run again.") in text
