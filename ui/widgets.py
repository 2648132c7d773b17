"""One input widget per ParamSpec: layer, layers, field, number, enum, boolean, text, file.

Each ParamWidget has .widget (what goes into the form), value() and, for layers, refresh()
when the project's layers change. Layer widgets list only layers of the right geometry type
(raster parameters: only raster layers).
"""
from qgis.core import QgsProject, QgsRasterLayer, QgsVectorLayer
from qgis.gui import (
    QgsCheckableComboBox,
    QgsDoubleSpinBox,
    QgsFieldComboBox,
    QgsFileWidget,
    QgsMapLayerComboBox,
    QgsSpinBox,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from .. import compat
from ..i18n import tr
from .layer_guess import pick_field
from .params import hectares_hint, in_square_metres, number_decimals

_GEOMETRY = {"polygon": compat.GEOM_POLYGON, "point": compat.GEOM_POINT, "line": compat.GEOM_LINE}


def accepts(layer, geometry):
    """Whether a project layer fits a parameter's geometry kinds: polygon/point/line, any (spatial),
    table (any vector, also without geometry) or raster."""
    if layer is None or not layer.isValid():
        return False
    kinds = (geometry,) if isinstance(geometry, str) else tuple(geometry)
    if isinstance(layer, QgsRasterLayer):
        return "raster" in kinds
    if not isinstance(layer, QgsVectorLayer):
        return False
    if "table" in kinds:
        return True
    kind = layer.geometryType()
    if "any" in kinds:
        return kind != compat.GEOM_NULL
    return any(kind == _GEOMETRY[k] for k in kinds if k in _GEOMETRY)


def project_layers(geometry):
    """Project layers of that geometry (or rasters), in layer-tree order."""
    project = QgsProject.instance()
    ordered = [node.layer() for node in project.layerTreeRoot().findLayers()]
    ordered += [lyr for lyr in project.mapLayers().values() if lyr not in ordered]
    return [lyr for lyr in ordered if lyr is not None and accepts(lyr, geometry)]


class ParamWidget:
    def __init__(self, spec, widget):
        self.spec = spec
        self.widget = widget

    def value(self):
        raise NotImplementedError

    def refresh(self):
        """The project's layers changed."""

    def candidates(self):
        """Layers offered (layer parameters only)."""
        return []

    def select(self, picked):
        """Pre-select guessed layers (layer parameters only)."""

    def set_value(self, value):
        """Fill in a value the user entered in another task of the dialog (fields and texts)."""


class LayerWidget(ParamWidget):
    """Empty until a layer is guessed or chosen, also for a required layer: an empty required layer
    is named before the run ('Please choose'), where a first layer shown by default could be wrong."""

    def __init__(self, spec, parent):
        combo = QgsMapLayerComboBox(parent)
        combo.setAllowEmptyLayer(True)
        super().__init__(spec, combo)
        self.refresh()
        combo.setLayer(None)

    def candidates(self):
        return project_layers(self.spec.geometry)

    def refresh(self):
        ok = {lyr.id() for lyr in self.candidates()}
        others = [lyr for lyr in QgsProject.instance().mapLayers().values() if lyr.id() not in ok]
        self.widget.setExceptedLayerList(others)

    def select(self, picked):
        self.widget.setLayer(picked)

    def layer(self):
        return self.widget.currentLayer()

    def value(self):
        layer = self.layer()
        return layer.id() if layer is not None else None


class LayersWidget(ParamWidget):
    def __init__(self, spec, parent):
        super().__init__(spec, QgsCheckableComboBox(parent))
        self.widget.setDefaultText(tr("(none)"))
        self.refresh()

    def candidates(self):
        return project_layers(self.spec.geometry)

    def refresh(self):
        checked = set(self.widget.checkedItemsData())
        self.widget.clear()
        for layer in self.candidates():
            self.widget.addItemWithCheckState(
                layer.name(), Qt.CheckState.Checked if layer.id() in checked else Qt.CheckState.Unchecked,
                layer.id())

    def select(self, picked):
        picked = list(picked or [])  # None: no guess, nothing checked
        ids = [lyr.id() for lyr in picked]
        self.widget.setCheckedItems([lyr.name() for lyr in picked])
        for index in range(self.widget.count()):
            state = Qt.CheckState.Checked if self.widget.itemData(index) in ids else Qt.CheckState.Unchecked
            self.widget.setItemCheckState(index, state)

    def value(self):
        return list(self.widget.checkedItemsData())


class FieldWidget(ParamWidget):
    """Follows its parent layer widget; preselects the DOMAIN.md name when the layer has it."""

    def __init__(self, spec, parent, preferred):
        self.preferred = preferred
        if spec.multiple:
            super().__init__(spec, QgsCheckableComboBox(parent))
        else:
            combo = QgsFieldComboBox(parent)
            combo.setAllowEmptyFieldName(True)
            super().__init__(spec, combo)

    def set_value(self, value):
        """The user's field(s) from another task: preferred from now on, chosen when the layer has them."""
        wanted = list(value) if isinstance(value, (list, tuple)) else ([value] if value else [])
        self.preferred = wanted + [p for p in self.preferred if p not in wanted]
        if self.spec.multiple:
            present = [name for name in wanted if self.widget.findText(name) >= 0]
            if present or not wanted:
                self.widget.setCheckedItems(present)
            return
        layer = self.widget.layer()
        if not wanted:
            self.widget.setField("")
        elif layer is not None and layer.fields().lookupField(wanted[0]) >= 0:
            self.widget.setField(wanted[0])

    def set_layer(self, layer):
        names = layer.fields().names() if layer is not None else []
        best = pick_field(names, self.preferred)
        if self.spec.multiple:
            self.widget.clear()
            self.widget.addItems(names)
            self.widget.setCheckedItems([best] if best else [])
            return
        self.widget.setLayer(layer)
        self.widget.setField(best)

    def value(self):
        if self.spec.multiple:
            return list(self.widget.checkedItems())
        return self.widget.currentField() or None


class NumberWidget(ParamWidget):
    def __init__(self, spec, parent):
        box = QgsSpinBox(parent) if spec.kind == "int" else QgsDoubleSpinBox(parent)
        holder = QWidget(parent)
        layout = QHBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box, 1)
        super().__init__(spec, holder)
        self.box = box
        low = spec.minimum if spec.minimum is not None else -1e12
        high = spec.maximum if spec.maximum is not None and spec.maximum < 1e12 else 1e12
        if spec.kind == "int":
            box.setRange(int(max(low, -2 ** 31)), int(min(high, 2 ** 31 - 1)))
        else:
            box.setDecimals(number_decimals(spec.default, spec.minimum, spec.maximum))
            box.setRange(low, high)
        if spec.default is not None:
            box.setValue(spec.default)
            box.setClearValue(spec.default)
            box.setShowClearButton(True)
        self.hint = None
        if in_square_metres(spec.label):  # show hectares (公顷) beside a value in m²
            self.hint = QLabel(holder)
            layout.addWidget(self.hint)
            box.valueChanged.connect(self._update_hint)
            self._update_hint(box.value())

    def _update_hint(self, value):
        self.hint.setText(tr("= {ha} ha").format(ha=hectares_hint(self.spec.label, value)))
        self.hint.setMinimumWidth(self.hint.sizeHint().width())  # never squeezed into a cut text

    def value(self):
        return self.box.value()


class EnumWidget(ParamWidget):
    def __init__(self, spec, parent):
        super().__init__(spec, QComboBox(parent))
        self.widget.addItems(list(spec.options))
        if isinstance(spec.default, int):
            self.widget.setCurrentIndex(spec.default)

    def value(self):
        return self.widget.currentIndex()


class BoolWidget(ParamWidget):
    def __init__(self, spec, parent):
        super().__init__(spec, QCheckBox(parent))
        self.widget.setChecked(bool(spec.default))

    def value(self):
        return self.widget.isChecked()


class TextWidget(ParamWidget):
    def __init__(self, spec, parent):
        super().__init__(spec, QLineEdit(parent))
        if spec.default:
            self.widget.setText(str(spec.default))

    def set_value(self, value):
        self.widget.setText("" if value is None else str(value))

    def value(self):
        return self.widget.text().strip() or None


class FileWidget(ParamWidget):
    def __init__(self, spec, parent):
        super().__init__(spec, QgsFileWidget(parent))

    def value(self):
        return self.widget.filePath() or None


def make_widget(spec, parent, preferred_fields=()):
    """The widget for one input ParamSpec, or None for a type the dialogs do not offer."""
    if spec.kind == "layer":
        return LayerWidget(spec, parent)
    if spec.kind == "layers":
        return LayersWidget(spec, parent)
    if spec.kind == "field":
        return FieldWidget(spec, parent, preferred_fields)
    if spec.kind in ("number", "int"):
        return NumberWidget(spec, parent)
    kinds = {"enum": EnumWidget, "bool": BoolWidget, "string": TextWidget, "file": FileWidget}
    cls = kinds.get(spec.kind)
    return cls(spec, parent) if cls else None
