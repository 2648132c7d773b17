"""Generate the QML styles in resources/styles with PyQGIS (run once; the QML files are committed).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/make_styles.py
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


def findings_style():
    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:4490&field=severity:string", "findings", "memory")
    categories = []
    for value, label, rgb in SEVERITY:
        symbol = QgsFillSymbol.createSimple({"color": rgb + ",110", "outline_color": rgb + ",255",
                                             "outline_width": "0.6", "outline_width_unit": "MM"})
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


if __name__ == "__main__":
    from qgis.PyQt.QtGui import QColor  # noqa: E402 (needs the app's Qt)

    app = QgsApplication([], False)
    app.initQgis()
    globals()["QColor"] = QColor
    os.makedirs(STYLES, exist_ok=True)
    for name, make in (("findings", findings_style), ("redline", redline_style)):
        path = os.path.join(STYLES, name + ".qml")
        msg, ok = make().saveNamedStyle(path)
        print(path, ok, msg, file=sys.stderr)
