"""The one place for QGIS-version switches (3.22 … 3.x … 4 / Qt6).

Newer QGIS moved many enums into `Qgis.*`; the old scoped names still work on 3.x
through monkey patches, but may not on QGIS 4. Resolve each name once here.
"""
from qgis.core import (
    Qgis,
    QgsFeatureSink,
    QgsLegendStyle,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingFeatureSource,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterNumber,
    QgsProperty,
    QgsWkbTypes,
)

try:  # Qt6 (QGIS 4): QAction lives in QtGui; Qt5: in QtWidgets
    from qgis.PyQt.QtGui import QAction
except ImportError:
    from qgis.PyQt.QtWidgets import QAction  # noqa: F401 (re-exported: compat.QAction)


def _pick(*getters):
    for getter in getters:
        try:
            return getter()
        except AttributeError:
            continue
    raise AttributeError("none of the enum spellings exist in this QGIS")


TYPE_VECTOR_POLYGON = _pick(lambda: Qgis.ProcessingSourceType.VectorPolygon,
                            lambda: QgsProcessing.SourceType.TypeVectorPolygon)
TYPE_RASTER = _pick(lambda: Qgis.ProcessingSourceType.Raster,
                    lambda: QgsProcessing.SourceType.TypeRaster)
TYPE_VECTOR_POINT = _pick(lambda: Qgis.ProcessingSourceType.VectorPoint,
                          lambda: QgsProcessing.SourceType.TypeVectorPoint)
TYPE_VECTOR_LINE = _pick(lambda: Qgis.ProcessingSourceType.VectorLine,
                         lambda: QgsProcessing.SourceType.TypeVectorLine)
TYPE_VECTOR_ANY = _pick(lambda: Qgis.ProcessingSourceType.VectorAnyGeometry,
                        lambda: QgsProcessing.SourceType.TypeVectorAnyGeometry)
TYPE_VECTOR = _pick(lambda: Qgis.ProcessingSourceType.Vector,
                    lambda: QgsProcessing.SourceType.TypeVector)

SKIP_GEOMETRY_CHECKS = _pick(
    lambda: Qgis.ProcessingFeatureSourceFlag.SkipGeometryValidityChecks,
    lambda: QgsProcessingFeatureSource.Flag.FlagSkipGeometryValidityChecks)
FAST_INSERT = _pick(lambda: QgsFeatureSink.Flag.FastInsert, lambda: QgsFeatureSink.FastInsert)
FLAG_ADVANCED = _pick(lambda: Qgis.ProcessingParameterFlag.Advanced,
                      lambda: QgsProcessingParameterDefinition.Flag.FlagAdvanced)
FLAG_HIDDEN = _pick(lambda: Qgis.ProcessingParameterFlag.Hidden,
                    lambda: QgsProcessingParameterDefinition.Flag.FlagHidden)
FLAG_OPTIONAL = _pick(lambda: Qgis.ProcessingParameterFlag.Optional,
                      lambda: QgsProcessingParameterDefinition.Flag.FlagOptional)
NUMBER_DOUBLE = _pick(lambda: Qgis.ProcessingNumberParameterType.Double,
                      lambda: QgsProcessingParameterNumber.Type.Double)
NUMBER_INTEGER = _pick(lambda: Qgis.ProcessingNumberParameterType.Integer,
                       lambda: QgsProcessingParameterNumber.Type.Integer)
ALG_NO_THREADING = _pick(lambda: Qgis.ProcessingAlgorithmFlag.NoThreading,
                         lambda: QgsProcessingAlgorithm.Flag.FlagNoThreading)

GEOM_POLYGON = _pick(lambda: Qgis.GeometryType.Polygon,
                     lambda: QgsWkbTypes.GeometryType.PolygonGeometry)
GEOM_POINT = _pick(lambda: Qgis.GeometryType.Point,
                   lambda: QgsWkbTypes.GeometryType.PointGeometry)
GEOM_LINE = _pick(lambda: Qgis.GeometryType.Line,
                  lambda: QgsWkbTypes.GeometryType.LineGeometry)
GEOM_NULL = _pick(lambda: Qgis.GeometryType.Null,
                  lambda: QgsWkbTypes.GeometryType.NullGeometry)

WKB_MULTIPOLYGON = _pick(lambda: Qgis.WkbType.MultiPolygon, lambda: QgsWkbTypes.Type.MultiPolygon)
WKB_NO_GEOMETRY = _pick(lambda: Qgis.WkbType.NoGeometry, lambda: QgsWkbTypes.Type.NoGeometry)
WKB_POINT = _pick(lambda: Qgis.WkbType.Point, lambda: QgsWkbTypes.Type.Point)
WKB_MULTIPOINT = _pick(lambda: Qgis.WkbType.MultiPoint, lambda: QgsWkbTypes.Type.MultiPoint)
WKB_LINESTRING = _pick(lambda: Qgis.WkbType.LineString, lambda: QgsWkbTypes.Type.LineString)
WKB_MULTILINESTRING = _pick(lambda: Qgis.WkbType.MultiLineString, lambda: QgsWkbTypes.Type.MultiLineString)
WKB_POLYGON = _pick(lambda: Qgis.WkbType.Polygon, lambda: QgsWkbTypes.Type.Polygon)
WKB_UNKNOWN = _pick(lambda: Qgis.WkbType.Unknown, lambda: QgsWkbTypes.Type.Unknown)

PROPERTY_STATIC = _pick(lambda: Qgis.PropertyType.Static, lambda: QgsProperty.Type.StaticProperty)

# legend parts: QgsLegendStyle.Style until Qgis.LegendComponent (3.32)
LEGEND_TITLE = _pick(lambda: Qgis.LegendComponent.Title, lambda: QgsLegendStyle.Style.Title)
LEGEND_GROUP = _pick(lambda: Qgis.LegendComponent.Group, lambda: QgsLegendStyle.Style.Group)
LEGEND_SUBGROUP = _pick(lambda: Qgis.LegendComponent.Subgroup, lambda: QgsLegendStyle.Style.Subgroup)
LEGEND_SYMBOL_LABEL = _pick(lambda: Qgis.LegendComponent.SymbolLabel,
                            lambda: QgsLegendStyle.Style.SymbolLabel)

MSG_INFO = _pick(lambda: Qgis.MessageLevel.Info, lambda: Qgis.Info)
MSG_WARNING = _pick(lambda: Qgis.MessageLevel.Warning, lambda: Qgis.Warning)
MSG_CRITICAL = _pick(lambda: Qgis.MessageLevel.Critical, lambda: Qgis.Critical)


def field_type(name):
    """QgsField type for 'string', 'int', 'double': QMetaType on 3.38+/Qt6, QVariant before."""
    try:
        from qgis.PyQt.QtCore import QMetaType

        types = {"string": QMetaType.Type.QString, "int": QMetaType.Type.LongLong,
                 "double": QMetaType.Type.Double}
        if Qgis.QGIS_VERSION_INT >= 33800:
            return types[name]
    except (ImportError, AttributeError):
        pass
    from qgis.PyQt.QtCore import QVariant

    return {"string": QVariant.String, "int": QVariant.LongLong, "double": QVariant.Double}[name]


def layer_sort_key(details, key):
    """LayerDetails.layerSortKey exists from 3.24 on."""
    if hasattr(details, "layerSortKey"):
        details.layerSortKey = key


def parameter_as_strings(alg, parameters, name, context):
    """The strings of a field (or other list) parameter: parameterAsStrings where it exists (QGIS 3.32+,
    where parameterAsFields is deprecated), parameterAsFields before."""
    if hasattr(alg, "parameterAsStrings"):
        return alg.parameterAsStrings(parameters, name, context)
    return alg.parameterAsFields(parameters, name, context)


def ogr_memory_driver_name():
    """GDAL's in-memory vector driver: 'MEM' from GDAL 3.11 on (which deprecates 'Memory'), 'Memory' before."""
    from osgeo import gdal

    if int(gdal.VersionInfo("VERSION_NUM")) >= 3110000:
        return "MEM"
    return "Memory"


def set_layout_text(item, text_format):
    """A layout label's text format: setTextFormat from 3.24 on, setFont and setFontColor before."""
    if hasattr(item, "setTextFormat"):
        item.setTextFormat(text_format)
    else:
        item.setFont(_sized_font(text_format))
        item.setFontColor(text_format.color())


def set_legend_text(legend, style, text_format):
    """The text format of one legend style (title, group, symbol label…): QgsLegendStyle's
    setTextFormat from 3.30 on, setFont before."""
    legend_style = legend.rstyle(style)
    if hasattr(legend_style, "setTextFormat"):
        legend_style.setTextFormat(text_format)
    else:
        legend_style.setFont(_sized_font(text_format))


def _sized_font(text_format):
    """The QFont of a QgsTextFormat in points (its font() leaves the size out)."""
    font = text_format.font()
    font.setPointSizeF(text_format.size())
    return font
