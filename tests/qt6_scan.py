"""A scan of Python code for Qt5-only API: what breaks on QGIS 4 (Qt6 / PyQt6).

Modelled on what QGIS's scripts/pyqt5_to_pyqt6/pyqt5_to_pyqt6.py rewrites or warns about, as a check
(it changes nothing). Rules, each with the fix it asks for:

  pyqt-import    `import PyQt5…` / `from PyQt5…` / PyQt6 / sip: import Qt through qgis.PyQt
  exec_          `.exec_()` or `def exec_`: exec() (PyQt5 5.15 has both)
  qapp           `qApp`: QApplication.instance()
  unscoped-enum  `Qt.AlignLeft`, `QgsWkbTypes.Polygon`: the scoped name, `Qt.AlignmentFlag.AlignLeft`
                 (PyQt6 has scoped enums only); found by resolving each Class.Member on the running QGIS
  removed-enum   Qt.MidButton, Qt.TextColorRole, Qt.BackgroundColorRole, QPainter.HighQualityAntialiasing
  qvariant-type  `QVariant.String` & co. (field types, type comparisons) and `QVariant.Type.X`: compat.py
                 (QMetaType.Type on 3.38+/Qt6, QVariant before)
  qvariant-null  `QVariant()`: NULL (qgis.core)
  qaction-import QAction from QtWidgets (Qt5) or QtGui (Qt6) outside compat.py: compat.QAction
  removed-api    QRegExp, QDesktopWidget / .desktop(), resources_rc, QFontMetrics.width, activated[str],
                 old-style SIGNAL()/SLOT(), QLayout.setMargin, 8-argument QDateTime(…)
  signal-type    pyqtSignal / pyqtSlot with 'QVariant'/'QString'-style C++ type names or QVariant
Lines with `# qt6: ok` are skipped.
"""
import ast
import enum
import importlib
from pathlib import Path

QT_MODULES = ("qgis.PyQt.QtCore", "qgis.PyQt.QtGui", "qgis.PyQt.QtWidgets", "qgis.PyQt.QtXml",
              "qgis.PyQt.QtSvg", "qgis.PyQt.QtNetwork", "qgis.PyQt.QtPrintSupport", "qgis.core", "qgis.gui",
              "qgis.analysis")
REMOVED_ENUMS = {("Qt", "MidButton"): "Qt.MouseButton.MiddleButton",
                 ("Qt", "TextColorRole"): "Qt.ItemDataRole.ForegroundRole",
                 ("Qt", "BackgroundColorRole"): "Qt.ItemDataRole.BackgroundRole",
                 ("QPainter", "HighQualityAntialiasing"): "QPainter.RenderHint.Antialiasing"}
QVARIANT_TYPES = {"Invalid", "BitArray", "Bitmap", "Bool", "Brush", "ByteArray", "Char", "Color", "Cursor",
                  "Date", "DateTime", "Double", "EasingCurve", "Font", "Hash", "Icon", "Image", "Int",
                  "KeySequence", "Line", "LineF", "List", "Locale", "LongLong", "Map", "Matrix4x4",
                  "Palette", "Pen", "Pixmap", "Point", "PointF", "Polygon", "PolygonF", "Quaternion", "Rect",
                  "RectF", "RegExp", "RegularExpression", "Region", "Size", "SizeF", "SizePolicy", "String",
                  "StringList", "TextFormat", "TextLength", "Time", "Transform", "UInt", "ULongLong", "Url",
                  "UserType", "Uuid", "Vector2D", "Vector3D", "Vector4D", "Type"}
REMOVED_NAMES = {"QRegExp": "QRegularExpression", "QDesktopWidget": "QScreen (QGuiApplication.screens())",
                 "resources_rc": "icons and .ui files loaded by file path", "qApp": "QApplication.instance()"}
CPP_TYPE_NAMES = {"QVariant", "QVariantList", "QVariantMap", "QString", "QStringList", "PyQt_PyObject"}
ALLOWED = {"compat.py"}  # the one place for version switches


class Finding:
    def __init__(self, path, line, rule, text):
        self.path, self.line, self.rule, self.text = path, line, rule, text

    def __repr__(self):
        return "{}:{}: {} — {}".format(self.path, self.line, self.rule, self.text)


def _imported_classes(tree):
    """{local name: (module, name)} of the names a module imports from Qt and QGIS modules."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in QT_MODULES:
            for alias in node.names:
                names[alias.asname or alias.name] = (node.module, alias.name)
    return names


def _resolve(module, name):
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def _is_enum_value(value):
    if isinstance(value, enum.Enum):
        return True
    return type(type(value)).__name__ == "enumtype"  # PyQt5's sip enums (sip.enumtype is not exported)


def scoped_name(cls, member):
    """'Enum.Member' when cls.member is an enum value reachable as cls.Enum.member, else None."""
    try:
        value = getattr(cls, member)
    except AttributeError:
        return None
    if isinstance(value, type) or not _is_enum_value(value):
        return None
    enum_type = type(value)
    if getattr(cls, enum_type.__name__, None) is enum_type:
        return "{}.{}".format(enum_type.__name__, member)
    for attr in dir(cls):  # an alias, e.g. QgsWkbTypes.Type for Qgis.WkbType
        try:
            if getattr(cls, attr) is enum_type:
                return "{}.{}".format(attr, member)
        except AttributeError:
            continue
    return "{}.{}".format(enum_type.__qualname__, member)


def scan_source(text, path="<code>"):
    """The findings of one module's source text."""
    tree = ast.parse(text, filename=str(path))
    lines = text.splitlines()
    name = Path(str(path)).name
    found = []
    classes = _imported_classes(tree)

    def add(node, rule, message):
        line = getattr(node, "lineno", 0)
        if line and "# qt6: ok" in lines[line - 1]:
            return
        found.append(Finding(path, line, rule, message))

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in ("PyQt5", "PyQt6", "sip"):
                    add(node, "pyqt-import", "import {}: import Qt through qgis.PyQt".format(alias.name))
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if module.split(".")[0] in ("PyQt5", "PyQt6", "sip"):
                add(node, "pyqt-import", "from {}: import Qt through qgis.PyQt".format(module))
            for alias in node.names:
                if alias.name in REMOVED_NAMES:
                    add(node, "qapp" if alias.name == "qApp" else "removed-api",
                        "{} is gone in Qt6: {}".format(alias.name, REMOVED_NAMES[alias.name]))
                if alias.name == "QAction" and name not in ALLOWED and module.startswith("qgis.PyQt"):
                    add(node, "qaction-import", "QAction from {} (QtWidgets on Qt5, QtGui on Qt6): use "
                                                "compat.QAction".format(module))
        elif isinstance(node, ast.FunctionDef) and node.name == "exec_":
            add(node, "exec_", "def exec_: name it exec")
        elif isinstance(node, ast.Name) and node.id in ("qApp", "QRegExp", "QDesktopWidget"):
            add(node, "qapp" if node.id == "qApp" else "removed-api",
                "{} is gone in Qt6: {}".format(node.id, REMOVED_NAMES[node.id]))
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr == "exec_":
                add(node, "exec_", ".exec_(): use .exec()")
            elif isinstance(func, ast.Attribute) and func.attr == "desktop" and not node.args:
                add(node, "removed-api", ".desktop() (QDesktopWidget) is gone in Qt6: use QScreen")
            elif isinstance(func, ast.Attribute) and func.attr == "setMargin":
                add(node, "removed-api", "QLayout.setMargin is gone in Qt6: setContentsMargins")
            elif isinstance(func, ast.Name) and func.id in ("SIGNAL", "SLOT"):
                add(node, "removed-api", "old-style {}(): use the signal's connect()".format(func.id))
            elif isinstance(func, ast.Name) and func.id == "QVariant" and not node.args and name not in ALLOWED:
                add(node, "qvariant-null", "QVariant(): use NULL from qgis.core")
            elif isinstance(func, ast.Name) and func.id == "QDateTime" and len(node.args) == 8:
                add(node, "removed-api", "QDateTime(y, m, d, h, M, s, ms, ts): QDateTime(QDate(…), QTime(…))")
            elif isinstance(func, ast.Attribute) and func.attr == "width" and isinstance(func.value, ast.Call) \
                    and getattr(func.value.func, "attr", getattr(func.value.func, "id", "")) in (
                        "fontMetrics", "QFontMetrics", "QFontMetricsF"):
                add(node, "removed-api", "QFontMetrics.width() is gone in Qt6: horizontalAdvance()")
            elif isinstance(func, ast.Name) and func.id in ("pyqtSignal", "pyqtSlot"):
                for arg in node.args:
                    if (isinstance(arg, ast.Constant) and arg.value in CPP_TYPE_NAMES) or (
                            isinstance(arg, ast.Name) and arg.id == "QVariant"):
                        add(node, "signal-type", "{}({}): use Python types (object, str, list, dict)".format(
                            func.id, ast.unparse(arg)))
        elif isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute) \
                and node.value.attr == "activated" and isinstance(node.slice, ast.Name) and node.slice.id == "str":
            add(node, "removed-api", "activated[str] is gone in Qt6: textActivated")
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            owner, member = node.value.id, node.attr
            if (owner, member) in REMOVED_ENUMS:
                add(node, "removed-enum", "{}.{}: {}".format(owner, member, REMOVED_ENUMS[owner, member]))
                continue
            if owner == "QVariant" and member in QVARIANT_TYPES and name not in ALLOWED:
                add(node, "qvariant-type", "QVariant.{}: a type through compat.py (QMetaType.Type on "
                                           "3.38+/Qt6)".format(member))
                continue
            if owner not in classes or name in ALLOWED:  # compat.py: old spellings as fallbacks
                continue
            cls = _resolve(*classes[owner])
            if cls is None or not isinstance(cls, type):
                continue
            scoped = scoped_name(cls, member)
            if scoped is not None:
                add(node, "unscoped-enum", "{}.{}: write {}.{}".format(owner, member, owner, scoped))
    return found


def scan_paths(paths, root):
    found = []
    for path in paths:
        rel = Path(path).relative_to(root)
        found += scan_source(Path(path).read_text(encoding="utf-8"), rel)
    return found
