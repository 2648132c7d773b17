"""The plugin's code uses no Qt5-only API (QGIS 4 runs on Qt6 / PyQt6): tests/qt6_scan.py, run on
every file the plugin zip ships, on the QGIS at hand (the enum rule resolves names on it)."""
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


scan = load("qt6_scan", ROOT / "tests" / "qt6_scan.py")


def shipped_python():
    package = load("tool_package", ROOT / "tools" / "package.py")
    return [ROOT / rel for rel in package.plugin_files() if rel.suffix == ".py"]


def test_the_plugin_has_no_qt5_only_api():
    files = shipped_python()
    assert len(files) > 50
    found = scan.scan_paths(files, ROOT)
    assert not found, "\n" + "\n".join(map(repr, found))


@pytest.mark.parametrize("code, rule", [
    ("from PyQt5.QtCore import Qt", "pyqt-import"),
    ("import PyQt5.QtWidgets", "pyqt-import"),
    ("from qgis.PyQt.QtWidgets import QDialog\nQDialog().exec_()", "exec_"),
    ("class D:\n    def exec_(self): pass", "exec_"),
    ("from qgis.PyQt.QtWidgets import qApp\nqApp.processEvents()", "qapp"),
    ("from qgis.PyQt.QtCore import Qt\nx = Qt.AlignLeft", "unscoped-enum"),
    ("from qgis.PyQt.QtWidgets import QDialog\nok = QDialog.Accepted", "unscoped-enum"),
    ("from qgis.core import QgsWkbTypes\nt = QgsWkbTypes.Polygon", "unscoped-enum"),
    ("from qgis.core import Qgis\nlevel = Qgis.Warning", "unscoped-enum"),
    ("from qgis.PyQt.QtCore import Qt\nb = Qt.MidButton", "removed-enum"),
    ("from qgis.PyQt.QtCore import QVariant\nt = QVariant.String", "qvariant-type"),
    ("from qgis.PyQt.QtCore import QVariant\nt = QVariant.Type.Int", "qvariant-type"),
    ("from qgis.PyQt.QtCore import QVariant\nv = QVariant()", "qvariant-null"),
    ("from qgis.PyQt.QtWidgets import QAction", "qaction-import"),
    ("from qgis.PyQt.QtCore import QRegExp", "removed-api"),
    ("w.activated[str].connect(f)", "removed-api"),
    ("layout.setMargin(0)", "removed-api"),
    ("n = w.fontMetrics().width('x')", "removed-api"),
    ("from qgis.PyQt.QtCore import pyqtSignal\nclass A:\n    s = pyqtSignal('QVariant')", "signal-type"),
])
def test_each_rule_fires(code, rule):
    assert {f.rule for f in scan.scan_source(code)} == {rule}


@pytest.mark.parametrize("code", [
    "from qgis.PyQt.QtCore import Qt\nx = Qt.AlignmentFlag.AlignLeft",
    "from qgis.PyQt.QtWidgets import QDialog\nok = QDialog.DialogCode.Accepted\nQDialog().exec()",
    "from qgis.core import QgsProcessing\nout = QgsProcessing.TEMPORARY_OUTPUT",
    "from qgis.core import QgsWkbTypes\nt = QgsWkbTypes.geometryType",
    "from qgis.PyQt.QtCore import pyqtSignal\nclass A:\n    s = pyqtSignal(bool, dict, list)",
    "from qgis.PyQt.QtCore import Qt\nx = Qt.AlignLeft  # qt6: ok",
])
def test_qt6_ready_code_passes(code):
    assert scan.scan_source(code) == []
