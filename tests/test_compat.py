"""compat.py's version switches resolve to something that works on the running QGIS / GDAL."""
import warnings


def test_memory_vector_driver_without_deprecation(plugin_pkg):
    from osgeo import gdal, ogr

    from ecospace import compat

    name = compat.ogr_memory_driver_name()
    assert name == ("MEM" if int(gdal.VersionInfo("VERSION_NUM")) >= 3110000 else "Memory")
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        source = ogr.GetDriverByName(name).CreateDataSource("polys")
        layer = source.CreateLayer("polys", geom_type=ogr.wkbPolygon)
    assert layer is not None and layer.GetFeatureCount() == 0


def test_field_parameter_strings(plugin_pkg, provider):
    from qgis.core import QgsApplication, QgsProcessingContext

    from ecospace import compat

    alg = QgsApplication.processingRegistry().createAlgorithmById("ecospace:redline_check")
    context = QgsProcessingContext()
    assert compat.parameter_as_strings(alg, {"COUNTY_CODE_FIELD": "XZQDM"}, "COUNTY_CODE_FIELD", context) == ["XZQDM"]
    assert alg.field({"COUNTY_CODE_FIELD": "XZQDM"}, "COUNTY_CODE_FIELD", context) == "XZQDM"


def test_qaction_and_enums(plugin_pkg, qgis_iface):
    from ecospace import compat

    action = compat.QAction("x", qgis_iface.mainWindow())
    assert action.text() == "x"
    action.deleteLater()
    names = [n for n in dir(compat) if n.isupper() and not n.startswith("_")]
    assert len(names) > 30 and all(getattr(compat, n) is not None for n in names)
