"""The `ecospace` Processing provider."""
from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..i18n import tr
from .base import ICON


def algorithm_classes():
    from .algorithms.human_activity import HumanActivity
    from .algorithms.importance_grade import ImportanceGrade
    from .algorithms.protected_area_overlaps import ProtectedAreaOverlaps
    from .algorithms.redline_candidate import RedlineCandidate
    from .algorithms.redline_check import RedlineCheck
    from .algorithms.redline_compare import RedlineCompare
    from .algorithms.reserve_check import ReserveCheck
    from .algorithms.sensitivity_grade import SensitivityGrade
    from .algorithms.siting_check import SitingCheck
    from .algorithms.style_layer import StyleLayer
    from .algorithms.units_check import UnitsCheck
    from .algorithms.units_classify import UnitsClassify
    from .algorithms.units_code import UnitsCode
    from .algorithms.units_generate import UnitsGenerate

    return [RedlineCheck, StyleLayer, RedlineCompare, UnitsGenerate, UnitsClassify, UnitsCode,
            ReserveCheck, ProtectedAreaOverlaps, HumanActivity, ImportanceGrade, SensitivityGrade,
            UnitsCheck, SitingCheck, RedlineCandidate]


class EcoSpaceProvider(QgsProcessingProvider):
    def __init__(self, enabled=True):
        super().__init__()
        self._enabled_algorithms = enabled  # False when shapely 2 is missing: provider shows, no algorithms

    def id(self):
        return "ecospace"

    def name(self):
        return tr("Ecological space control")

    def longName(self):
        return tr("Ecological Space Control Toolkit (生态空间管控工具箱)")

    def icon(self):
        return QIcon(ICON)

    def svgIconPath(self):
        return ICON

    def loadAlgorithms(self):
        if not self._enabled_algorithms:
            return
        for cls in algorithm_classes():
            self.addAlgorithm(cls())
