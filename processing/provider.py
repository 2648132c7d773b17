"""The `ecospace` Processing provider."""
from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..i18n import tr
from .base import ICON


def algorithm_classes():
    from .redline_check import RedlineCheck
    from .style_layer import StyleLayer

    return [RedlineCheck, StyleLayer]


class EcoSpaceProvider(QgsProcessingProvider):
    def __init__(self, enabled=True):
        super().__init__()
        self._enabled_algorithms = enabled  # False when shapely 2 is missing: provider shows, no algorithms

    def id(self):
        return "ecospace"

    def name(self):
        return tr("Ecological space control")

    def longName(self):  # noqa: N802
        return tr("Ecological Space Control Toolkit (生态空间管控工具箱)")

    def icon(self):
        return QIcon(ICON)

    def svgIconPath(self):  # noqa: N802
        return ICON

    def loadAlgorithms(self):  # noqa: N802
        if not self._enabled_algorithms:
            return
        for cls in algorithm_classes():
            self.addAlgorithm(cls())
