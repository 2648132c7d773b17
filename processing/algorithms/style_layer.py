"""ecospace:style_layer — apply one of the plugin's shipped styles to a layer (for models and scripts).

Models cannot know where the plugin's QML files are installed; this algorithm does. A
GeoPackage layer also gets the style stored as its default, so it opens styled anywhere.
"""
import re

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputVectorLayer,
    QgsProcessingParameterEnum,
    QgsProcessingParameterVectorLayer,
)

from ... import compat
from ...i18n import tr
from .. import checks, io
from ..base import EcoAlgorithm
from ..outputs import embed_style, style_path

STYLES = ("findings", "redline", "units", "change", "zones", "findings_points", "siting",
          "siting_lines", "siting_points", "findings_lines")


def style_labels():
    return [tr("Findings by severity"), tr("Ecological protection red line"),
            tr("Control units by class"), tr("Red-line changes (added / removed)"),
            tr("Protected-area zones by type"), tr("Point findings by severity"),
            tr("Siting results by verdict (polygons)"), tr("Siting results by verdict (lines)"),
            tr("Siting results by verdict (points)"), tr("Line findings by severity")]


class StyleLayer(EcoAlgorithm):
    NAME = "style_layer"
    GROUP = "redline"

    def display_name(self):
        return tr("Apply an ecospace style")

    def help_intro(self):
        return tr("Applies one of the plugin's styles (findings by severity, the red line…) to a layer, "
                  "so a model can end with styled results. When the layer is a GeoPackage table, the "
                  "style is also saved in the file as its default style, so it opens styled in any "
                  "QGIS, including after a headless run.")

    def shortHelpString(self):
        return self.help_intro()

    def flags(self):
        # it changes a layer's renderer, which must happen on the main thread
        return super().flags() | compat.ALG_NO_THREADING

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterVectorLayer("INPUT", tr("Layer to style")))
        self.addParameter(QgsProcessingParameterEnum("STYLE", tr("Style"), style_labels(),
                                                     defaultValue=0))
        self.addOutput(QgsProcessingOutputVectorLayer("OUTPUT", tr("Styled layer")))

    def check_parameters(self, parameters, context):
        layer = self.parameterAsVectorLayer(parameters, "INPUT", context)
        index = self.parameterAsEnum(parameters, "STYLE", context)
        field = style_field(style_path(STYLES[index]))
        if layer is not None and field and layer.fields().lookupField(field) < 0:
            raise QgsProcessingException(tr(
                "STYLE '{style}' colours the features by the field '{field}', which layer '{layer}' "
                "does not have (its fields: {fields}). Choose the style made for this layer, or run it "
                "on the output of the algorithm that writes '{field}'.").format(
                style=style_labels()[index], field=field, layer=io.layer_short_name(layer),
                fields=checks.field_names(layer)))

    def processAlgorithm(self, parameters, context, feedback):
        layer = self.parameterAsVectorLayer(parameters, "INPUT", context)
        if layer is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, "INPUT"))
        io.hint_undecoded(layer, io.layer_short_name(layer), feedback)
        qml = style_path(STYLES[self.parameterAsEnum(parameters, "STYLE", context)])
        message, ok = layer.loadNamedStyle(qml)
        if not ok:
            raise QgsProcessingException(tr("Could not apply the style: {msg}").format(msg=message))
        layer.triggerRepaint()
        embed_style(layer.source(), qml, feedback, layer)
        return {"OUTPUT": layer.id()}


def style_field(qml):
    """The field a QML style's renderer classifies by ('' for a single-symbol style)."""
    with open(qml, encoding="utf-8") as handle:
        match = re.search(r'<renderer-v2[^>]*\battr="([^"]+)"', handle.read())
    return match.group(1) if match else ""
