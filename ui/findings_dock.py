"""The findings panel: every finding of the last run, sortable and filterable; click to zoom and flash."""
import math
import os

from qgis.core import QgsCoordinateTransform, QgsProject, QgsRectangle
from qgis.PyQt import uic
from qgis.PyQt.QtCore import QSortFilterProxyModel, Qt, QUrl
from qgis.PyQt.QtGui import QDesktopServices, QStandardItem, QStandardItemModel
from qgis.PyQt.QtWidgets import QDockWidget, QFileDialog, QHeaderView, QWidget

from ..i18n import tr
from ..processing.messages import rule_titles
from ..processing.report import severity_label
from .export import write_table

FORM, _BASE = uic.loadUiType(os.path.join(os.path.dirname(__file__), "forms", "findings_dock.ui"))
DOCK_NAME = "EcoSpaceFindingsDock"
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
FID_ROLE = Qt.ItemDataRole.UserRole + 2
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
COLUMNS = ("severity", "rule", "layer", "feature_fid", "area_m2", "message")


def headers():
    return [tr("Severity"), tr("Rule"), tr("Layer"), tr("Feature"), tr("Area (m²)"), tr("Message")]


def plain(value):
    """A QGIS attribute as plain Python (NULL -> None)."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    return value


def finding_rows(layer):
    """[(feature id, {column: value})] of a findings layer, in the layer's order."""
    names = layer.fields().names()
    rows = []
    for feature in layer.getFeatures():
        rows.append((feature.id(), {c: plain(feature[c]) if c in names else None for c in COLUMNS}))
    return rows


class FindingsFilter(QSortFilterProxyModel):
    """Text filter over every column plus a severity choice."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.severity = ""
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortRole(SORT_ROLE)

    def set_severity(self, severity):
        self.severity = severity or ""
        self.invalidateFilter()

    def filterAcceptsRow(self, row, parent):  # noqa: N802 (Qt API)
        if self.severity:
            index = self.sourceModel().index(row, 0, parent)
            if self.sourceModel().data(index, SORT_ROLE) != SEVERITY_ORDER.get(self.severity):
                return False
        return super().filterAcceptsRow(row, parent)


class FindingsDock(QDockWidget):
    def __init__(self, iface, parent=None):
        super().__init__(tr("Ecological Space findings"), parent)
        self.setObjectName(DOCK_NAME)
        self.iface = iface
        self.layer = None
        self.report = None
        self.form = FORM()
        body = QWidget(self)
        self.form.setupUi(body)
        self.setWidget(body)
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels(headers())
        self.proxy = FindingsFilter(self)
        self.proxy.setSourceModel(self.model)
        table = self.form.tableView
        table.setModel(self.proxy)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().setVisible(False)
        table.clicked.connect(self.zoom_to_index)
        self.form.severityCombo.addItem(tr("All severities"), "")
        for severity in ("error", "warning", "info"):
            self.form.severityCombo.addItem(severity_label(severity), severity)
        self.form.severityCombo.currentIndexChanged.connect(self._severity_changed)
        self.form.filterEdit.textChanged.connect(self._text_changed)
        self.form.csvButton.clicked.connect(lambda: self.ask_export("csv"))
        self.form.xlsxButton.clicked.connect(lambda: self.ask_export("xlsx"))
        self.form.reportButton.clicked.connect(self.open_report)
        QgsProject.instance().layerWillBeRemoved.connect(self._layer_removed)
        self._update_buttons()

    # ---- content ----

    def set_findings(self, layer, report=None, title=""):
        """Show the findings of a layer (None clears the panel)."""
        self.model.removeRows(0, self.model.rowCount())
        self.layer = layer
        self.report = report
        if layer is None:
            self.form.titleLabel.setText(tr("No findings yet: run a check from the Ecological Space menu."))
            self._update_buttons()
            return
        titles = rule_titles()
        self.proxy.setDynamicSortFilter(False)
        for fid, row in finding_rows(layer):
            self.model.appendRow(self._items(fid, row, titles))
        self.proxy.setDynamicSortFilter(True)
        self.form.titleLabel.setText(title or layer.name())
        self.form.tableView.resizeColumnsToContents()
        self.form.tableView.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self._update_buttons()

    def _items(self, fid, row, titles):
        severity, rule = row["severity"] or "", row["rule"] or ""
        feature = row["feature_fid"]
        area = row["area_m2"]
        cells = [
            (severity_label(severity), SEVERITY_ORDER.get(severity, 9)),
            (rule, rule),
            (row["layer"] or "", row["layer"] or ""),
            ("" if feature is None else str(feature), -1 if feature is None else int(feature)),
            ("" if area is None else "{:,.2f}".format(area), -1.0 if area is None else float(area)),
            (row["message"] or "", row["message"] or ""),
        ]
        items = []
        for text, key in cells:
            item = QStandardItem(text)
            item.setData(key, SORT_ROLE)
            item.setData(fid, FID_ROLE)
            items.append(item)
        items[1].setToolTip(titles.get(rule, rule))
        items[5].setToolTip(row["message"] or "")
        return items

    def row_count(self):
        """Findings shown (after filtering)."""
        return self.proxy.rowCount()

    def shown_rows(self):
        """The rows shown, as plain values (area as a number), in the shown order."""
        rows = []
        for r in range(self.proxy.rowCount()):
            source = self.proxy.mapToSource(self.proxy.index(r, 0)).row()
            fid = self.model.item(source, 0).data(FID_ROLE)
            values = [self.model.item(source, c).text() for c in range(len(COLUMNS))]
            area = self.model.item(source, 4).data(SORT_ROLE)
            feature = self.model.item(source, 3).data(SORT_ROLE)
            values[3] = None if feature < 0 else feature
            values[4] = None if area < 0 else round(area, 2)
            rows.append((fid, values))
        return rows

    def _severity_changed(self, index):
        self.proxy.set_severity(self.form.severityCombo.itemData(index))
        self._update_buttons()

    def _text_changed(self, text):
        self.proxy.setFilterFixedString(text)
        self._update_buttons()

    def _update_buttons(self):
        has = self.layer is not None
        self.form.csvButton.setEnabled(has)
        self.form.xlsxButton.setEnabled(has)
        self.form.reportButton.setEnabled(bool(self.report) and os.path.exists(self.report or ""))
        self.form.countLabel.setText(tr("{shown} of {total} findings").format(
            shown=self.proxy.rowCount(), total=self.model.rowCount()) if has else "")

    def _layer_removed(self, layer_id):
        if self.layer is not None and self.layer.id() == layer_id:
            self.set_findings(None)

    # ---- zoom and flash ----

    def zoom_to_index(self, index):
        source = self.proxy.mapToSource(index)
        item = self.model.item(source.row(), 0)
        return self.zoom_to_feature(item.data(FID_ROLE)) if item is not None else False

    def zoom_to_feature(self, fid):
        """Zoom the map to one finding and flash it; False when it has no location."""
        if self.layer is None or self.iface is None:
            return False
        geometry = self.layer.getFeature(fid).geometry()
        if geometry is None or geometry.isNull() or geometry.isEmpty():
            self.form.countLabel.setText(tr("This finding has no location (e.g. a missing field)."))
            return False
        canvas = self.iface.mapCanvas()
        transform = QgsCoordinateTransform(self.layer.crs(), canvas.mapSettings().destinationCrs(),
                                           QgsProject.instance())
        box = transform.transformBoundingBox(geometry.boundingBox())
        canvas.setExtent(padded(box, minimum=canvas.extent().width() * 0.01))
        canvas.refresh()
        canvas.flashGeometries([geometry], self.layer.crs())
        return True

    # ---- export and report ----

    def export_to(self, path):
        write_table(path, headers(), [values for _, values in self.shown_rows()])
        return path

    def ask_export(self, kind):
        filters = {"csv": tr("CSV files (*.csv)"), "xlsx": tr("Excel workbooks (*.xlsx)")}
        path, _ = QFileDialog.getSaveFileName(self, tr("Export findings"), "", filters[kind])
        if path:
            if not path.lower().endswith("." + kind):
                path += "." + kind
            self.export_to(path)

    def open_report(self):
        if self.report and os.path.exists(self.report):
            QDesktopServices.openUrl(QUrl.fromLocalFile(self.report))
            return True
        return False

    def shutdown(self):
        try:
            QgsProject.instance().layerWillBeRemoved.disconnect(self._layer_removed)
        except TypeError:
            pass
        self.layer = None


def padded(box, fraction=0.5, minimum=0.0):
    """The box grown on every side, so a small finding is seen in its surroundings."""
    grow = max(box.width(), box.height()) * fraction
    grow = max(grow if math.isfinite(grow) else 0.0, minimum)
    return QgsRectangle(box.xMinimum() - grow, box.yMinimum() - grow, box.xMaximum() + grow,
                        box.yMaximum() + grow)
