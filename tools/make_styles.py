"""Generate the QML styles in resources/styles with PyQGIS (run once; the QML files are committed).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/make_styles.py [name …]   # all, or only these
"""
import os
import sys

from qgis.core import (
    QgsApplication,
    QgsCategorizedSymbolRenderer,
    QgsFillSymbol,
    QgsLinePatternFillSymbolLayer,
    QgsRendererCategory,
    QgsSimpleLineSymbolLayer,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
)

HERE = os.path.dirname(os.path.abspath(__file__))
STYLES = os.path.join(HERE, "..", "resources", "styles")

SEVERITY = [("error", "Error / 错误", "215,25,28"),
            ("warning", "Warning / 警告", "253,141,60"),
            ("info", "Info / 提示", "44,123,182")]



def labelled(layer, settings, size, colour=None):
    """`layer` labelled by `settings` in `size` pt text with a light halo (readable over any fill)."""
    from qgis.core import QgsTextBufferSettings, QgsTextFormat, QgsVectorLayerSimpleLabeling

    text = QgsTextFormat()
    text.setSize(size)
    if colour is not None:
        text.setColor(colour)
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(0.8)
    text.setBuffer(buffer)
    settings.setFormat(text)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)
    return layer

def findings_style():
    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:4490&field=severity:string", "findings", "memory")
    categories = []
    for value, label, rgb in SEVERITY:
        # errors sit on the red-line hatch: a denser fill and a dark red outline keep them apart
        error = value == "error"
        symbol = QgsFillSymbol.createSimple({"color": rgb + (",170" if error else ",110"),
                                             "outline_color": "110,0,0,255" if error else rgb + ",255",
                                             "outline_width": "0.8" if error else "0.6",
                                             "outline_width_unit": "MM"})
        categories.append(QgsRendererCategory(value, symbol, label))
    layer.setRenderer(QgsCategorizedSymbolRenderer("severity", categories))
    return layer


def redline_style():
    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:4490", "redline", "memory")
    symbol = QgsFillSymbol.createSimple({"color": "255,210,210,90", "outline_style": "no"})
    hatch = QgsLinePatternFillSymbolLayer()
    hatch.setLineAngle(45)
    hatch.setDistance(2.0)
    hatch.setColor(QColor(227, 26, 28, 150))
    hatch.setLineWidth(0.2)
    symbol.appendSymbolLayer(hatch)
    outline = QgsSimpleLineSymbolLayer(QColor(200, 0, 0), 0.5)
    symbol.appendSymbolLayer(outline)
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    return layer


UNIT_CLASSES = [(1, "Priority protection / 优先保护单元", "56,168,0"),
                (2, "Key control / 重点管控单元", "230,85,13"),
                (3, "General control / 一般管控单元", "255,235,140")]


def units_style():
    """Control units by class (ZHGKDYFL) in the usual 三线一单 colours, labelled with their codes."""
    from qgis.core import QgsPalLayerSettings

    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:4490&field=ZHGKDYFL:integer&field=HJZHGKDYBM:string",
                           "units", "memory")
    categories = []
    for value, label, rgb in UNIT_CLASSES:
        symbol = QgsFillSymbol.createSimple({"color": rgb + ",170", "outline_color": "90,90,90,255",
                                             "outline_width": "0.2", "outline_width_unit": "MM"})
        categories.append(QgsRendererCategory(value, symbol, label))
    layer.setRenderer(QgsCategorizedSymbolRenderer("ZHGKDYFL", categories))
    settings = QgsPalLayerSettings()
    settings.fieldName = "HJZHGKDYBM"
    settings.placement = QgsPalLayerSettings.Placement.OverPoint if hasattr(
        QgsPalLayerSettings, "Placement") else QgsPalLayerSettings.OverPoint
    return labelled(layer, settings, size=8)


CHANGES = [("added", "Added / 新增", "26,150,65"), ("removed", "Removed / 调出", "215,25,28")]


def change_style():
    """Red-line change pieces by the field `change`: green added, red removed."""
    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:4490&field=change:string", "change", "memory")
    categories = []
    for value, label, rgb in CHANGES:
        symbol = QgsFillSymbol.createSimple({"color": rgb + ",150", "outline_color": rgb + ",255",
                                             "outline_width": "0.4", "outline_width_unit": "MM"})
        categories.append(QgsRendererCategory(value, symbol, label))
    layer.setRenderer(QgsCategorizedSymbolRenderer("change", categories))
    return layer


GRADE_COLOURS = {"grades": [(3, "极重要 / extremely important", (0, 104, 55)),
                             (2, "重要 / important", (120, 198, 121)),
                             (1, "一般重要 / generally important", (255, 255, 204))],
                  "sensitivity": [(3, "极敏感 / extremely sensitive", (189, 0, 38)),
                                  (2, "敏感 / sensitive", (253, 141, 60)),
                                  (1, "一般敏感 / generally sensitive", (255, 237, 160))]}


def grade_style(name="grades"):
    """A paletted (unique values) raster style for graded rasters: 3, 2, 1; NoData 0 stays clear."""
    import numpy as np
    from osgeo import gdal
    from qgis.core import QgsPalettedRasterRenderer, QgsRasterLayer

    path = "/vsimem/{}.tif".format(name)
    ds = gdal.GetDriverByName("GTiff").Create(path, 3, 1, 1, gdal.GDT_Byte)
    ds.SetGeoTransform((0, 1, 0, 0, 0, -1))
    ds.GetRasterBand(1).WriteArray(np.array([[1, 2, 3]], dtype=np.uint8))
    ds.GetRasterBand(1).SetNoDataValue(0)
    ds = None
    layer = QgsRasterLayer(path, name, "gdal")
    classes = [QgsPalettedRasterRenderer.Class(value, QColor(*rgb), label)
               for value, label, rgb in sorted(GRADE_COLOURS[name])]
    layer.setRenderer(QgsPalettedRasterRenderer(layer.dataProvider(), 1, classes))
    return layer


ZONE_COLOURS = [("核心区", "Core zone / 核心区", "0,68,27"),
                ("核心保护区", "Core protection zone / 核心保护区", "0,90,50"),
                ("缓冲区", "Buffer zone / 缓冲区", "65,171,93"),
                ("实验区", "Experimental zone / 实验区", "199,233,192"),
                ("一般控制区", "General control zone / 一般控制区", "161,217,155")]


def zones_style():
    """Protected-area zones by the field 'zone': darker greens for stricter protection."""
    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:4490&field=zone:string", "zones", "memory")
    categories = []
    for value, label, rgb in ZONE_COLOURS:
        symbol = QgsFillSymbol.createSimple({"color": rgb + ",200", "outline_color": "35,90,40,255",
                                             "outline_width": "0.3", "outline_width_unit": "MM"})
        categories.append(QgsRendererCategory(value, symbol, label))
    layer.setRenderer(QgsCategorizedSymbolRenderer("zone", categories))
    return layer


def findings_points_style():
    """Point findings (activities) by severity, in the colours of the findings style."""
    from qgis.core import QgsMarkerSymbol

    layer = QgsVectorLayer("Point?crs=EPSG:4490&field=severity:string", "findings", "memory")
    categories = []
    for value, label, rgb in SEVERITY:
        symbol = QgsMarkerSymbol.createSimple({"name": "circle", "color": rgb + ",200", "size": "3",
                                               "outline_color": "255,255,255,255", "outline_width": "0.4"})
        categories.append(QgsRendererCategory(value, symbol, label))
    layer.setRenderer(QgsCategorizedSymbolRenderer("severity", categories))
    return layer


VERDICTS = [("conflict", "Conflict: red line or core zone / 冲突（红线或核心保护区）", "178,24,43"),
            ("priority", "Priority protection unit / 优先保护单元", "56,168,0"),
            ("key", "Key control unit / 重点管控单元", "230,85,13"),
            ("general", "General control unit / 一般管控单元", "255,215,0"),
            ("unclassified", "Class unknown / 分类未知", "150,150,150")]


def _typed_categories(attribute, values, kind):
    """Categories for polygon, line or point layers (a QML symbol has one geometry type)."""
    from qgis.core import QgsLineSymbol, QgsMarkerSymbol

    categories = []
    for value, label, rgb in values:
        if kind == "Point":
            symbol = QgsMarkerSymbol.createSimple({"name": "circle", "color": rgb + ",230", "size": "3.2",
                                                   "outline_color": "255,255,255,255", "outline_width": "0.4"})
        elif kind == "LineString":
            symbol = QgsLineSymbol.createSimple({"line_color": rgb + ",255", "line_width": "0.9",
                                                 "line_width_unit": "MM"})
        else:
            symbol = QgsFillSymbol.createSimple({"color": rgb + ",130", "outline_color": rgb + ",255",
                                                 "outline_width": "0.6", "outline_width_unit": "MM"})
        categories.append(QgsRendererCategory(value, symbol, label))
    return QgsCategorizedSymbolRenderer(attribute, categories)


def siting_style(kind="MultiPolygon"):
    """Siting table rows (site x unit) by verdict: conflict, then the unit's class."""
    layer = QgsVectorLayer(kind + "?crs=EPSG:4490&field=verdict:string", "siting", "memory")
    layer.setRenderer(_typed_categories("verdict", VERDICTS, kind))
    return layer


def findings_lines_style():
    """Line findings (siting of linear projects) by severity."""
    layer = QgsVectorLayer("LineString?crs=EPSG:4490&field=severity:string", "findings", "memory")
    layer.setRenderer(_typed_categories("severity", SEVERITY, "LineString"))
    return layer


def findings_markers_style():
    """Rings by severity around findings too small to see on a report map."""
    from qgis.core import QgsMarkerSymbol

    layer = QgsVectorLayer("Point?crs=EPSG:4490&field=severity:string", "findings", "memory")
    categories = []
    for value, label, rgb in SEVERITY:
        symbol = QgsMarkerSymbol.createSimple({"name": "circle", "color": "0,0,0,0", "size": "4.5",
                                               "outline_color": rgb + ",255", "outline_width": "0.6"})
        categories.append(QgsRendererCategory(value, symbol, label))
    layer.setRenderer(QgsCategorizedSymbolRenderer("severity", categories))
    return layer


def counties_style():
    """County boundaries as context on report maps, labelled with the field 'name'."""
    from qgis.core import QgsPalLayerSettings

    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:4490&field=name:string", "counties", "memory")
    symbol = QgsFillSymbol.createSimple({"color": "247,247,242,255", "outline_color": "120,120,120,255",
                                         "outline_style": "dash", "outline_width": "0.4",
                                         "outline_width_unit": "MM"})
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    settings = QgsPalLayerSettings()
    settings.fieldName = "name"
    settings.placement = QgsPalLayerSettings.Placement.OverPoint
    settings.centroidInside = True
    return labelled(layer, settings, size=9, colour=QColor(80, 80, 80))


def reserves_style():
    """Protected-area boundaries: a light green fill and a green outline."""
    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:4490", "reserves", "memory")
    symbol = QgsFillSymbol.createSimple({"color": "229,245,224,110", "outline_color": "49,163,84,255",
                                         "outline_width": "0.5", "outline_width_unit": "MM"})
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    return layer


if __name__ == "__main__":
    from qgis.PyQt.QtGui import QColor

    app = QgsApplication([], False)
    app.initQgis()
    globals()["QColor"] = QColor
    os.makedirs(STYLES, exist_ok=True)
    for name, make in (("findings", findings_style), ("redline", redline_style),
                       ("units", units_style), ("change", change_style),
                       ("grades", grade_style), ("sensitivity", lambda: grade_style("sensitivity")),
                       ("zones", zones_style), ("findings_points", findings_points_style),
                       ("siting", siting_style), ("siting_lines", lambda: siting_style("LineString")),
                       ("siting_points", lambda: siting_style("Point")),
                       ("findings_lines", findings_lines_style),
                       ("findings_markers", findings_markers_style), ("counties", counties_style),
                       ("reserves", reserves_style)):
        if sys.argv[1:] and name not in sys.argv[1:]:
            continue
        path = os.path.join(STYLES, name + ".qml")
        msg, ok = make().saveNamedStyle(path)
        print(path, ok, msg, file=sys.stderr)
