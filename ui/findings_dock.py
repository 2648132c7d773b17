"""The findings panel: the findings of the last run, to work through one by one.

Each row: a "checked" tick, the severity, the rule's title in the user's language (its id in the
tooltip), the layer as the user knows it (ui/review.py), the feature (its code such as BSM, else its
fid), the area, the note and the message. Previous / Next (or ↑ ↓, P N in the table) select the
finding in its layer, zoom to it and flash it; Space ticks it as checked. Notes (info) are not listed by
default: the line under the table counts them by rule.

"Accept as exception…" stores the finding with a reason in the project's exceptions table
(processing/exceptions.py); the panel shows the findings that match an exception as excepted, and a
later run of the check reports them as notes. "Remove exception" deletes the exception a row matches.
"""
import math
import os
from collections import Counter, namedtuple

import numpy as np
import shapely
from qgis.core import QgsCoordinateTransform, QgsProcessingException, QgsProject, QgsRectangle
from qgis.PyQt import uic
from qgis.PyQt.QtCore import QEvent, QSortFilterProxyModel, Qt, QUrl
from qgis.PyQt.QtGui import QBrush, QColor, QDesktopServices, QStandardItem, QStandardItemModel
from qgis.PyQt.QtWidgets import QDialog, QDockWidget, QFileDialog, QHeaderView, QWidget

from ..core import exceptions as core
from ..i18n import tr
from ..processing import exceptions as X
from ..processing.messages import rule_titles
from ..processing.report import severity_label
from . import review
from .export import write_table

FORM, _BASE = uic.loadUiType(os.path.join(os.path.dirname(__file__), "forms", "findings_dock.ui"))
DOCK_NAME = "EcoSpaceFindingsDock"
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
FID_ROLE = Qt.ItemDataRole.UserRole + 2  # the QGIS feature id of the row's finding
ROW_ROLE = Qt.ItemDataRole.UserRole + 3  # index into FindingsDock.rows
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
COLUMNS = ("checked", "severity", "rule", "layer", "feature", "area_m2", "note", "message")
CHECKED, SEVERITY, RULE, LAYER, FEATURE, AREA, NOTE, MESSAGE = range(len(COLUMNS))
ATTENTION = "attention"  # the default filter: errors and warnings
WIDEST = {RULE: 340, NOTE: 280}  # px: the text is whole in the tooltip
READ = ("rule", "severity", "layer", "feature_fid", "feature_code", "other_layer", "other_fid",
        "other_code", "category", "area_m2", "note", "message")
EXCEPTED_COLOUR = QColor(128, 128, 128)

# one finding of the panel: `values` its fields (READ), `key` its "checked" key, `exception` the row of
# the matching exception in `FindingsDock.exceptions` (-1: none)
Row = namedtuple("Row", "fid values key exception")


def headers():
    return [tr("Checked"), tr("Severity"), tr("Rule"), tr("Layer"), tr("Feature"), tr("Area (m²)"),
            tr("Note"), tr("Message")]


def export_headers():
    return [tr("Severity"), tr("Rule"), tr("Rule id"), tr("Layer"), tr("Feature"), tr("Area (m²)"),
            tr("Note"), tr("Message"), tr("Checked")]


def plain(value):
    """A QGIS attribute as plain Python (NULL -> None)."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    return value


def read_findings(layer):
    """(feature ids, {field of READ: values}, shapely geometries) of a findings layer, in its order."""
    names = set(layer.fields().names())
    fids, values, wkbs = [], {name: [] for name in READ}, []
    for feature in layer.getFeatures():
        fids.append(feature.id())
        for name in READ:
            values[name].append(plain(feature[name]) if name in names else None)
        geometry = feature.geometry()
        wkbs.append(None if geometry is None or geometry.isNull() or geometry.isEmpty()
                    else bytes(geometry.asWkb()))
    geoms = np.full(len(wkbs), None, dtype=object)
    present = [k for k, w in enumerate(wkbs) if w is not None]
    if present:
        geoms[present] = shapely.from_wkb([wkbs[k] for k in present], on_invalid="ignore")
    return fids, values, geoms


def core_table(values, geoms):
    """The findings as core/exceptions.py reads them; a stale-exception row under the rule it was
    accepted for (its category), so that it matches its exception."""
    rule = np.array(values["rule"], dtype=object)
    stale = rule == core.STALE_RULE
    rule[stale] = np.array(values["category"], dtype=object)[stale]
    number = lambda name: np.array([np.nan if v is None else float(v) for v in values[name]])  # noqa: E731
    return {"rule": rule, "layer": np.array(values["layer"], dtype=object), "fid": number("feature_fid"),
            "feature_code": np.array(values["feature_code"], dtype=object),
            "other_layer": np.array(values["other_layer"], dtype=object), "other_fid": number("other_fid"),
            "other_code": np.array(values["other_code"], dtype=object), "geometry": geoms}


class FindingsFilter(QSortFilterProxyModel):
    """A severity choice ('' all, ATTENTION errors and warnings, or one severity) and a text filter over
    every column and the rule id."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.severity = ATTENTION
        self.text = ""
        self.setSortRole(SORT_ROLE)

    def set_severity(self, severity):
        self.severity = severity or ""
        self.invalidateFilter()

    def set_text(self, text):
        self.text = (text or "").strip().lower()
        self.invalidateFilter()

    def severity_shown(self, severity):
        if self.severity == ATTENTION:
            return severity in ("error", "warning")
        return not self.severity or severity == self.severity

    def filterAcceptsRow(self, row, parent):
        model = self.sourceModel()
        severity = model.index(row, SEVERITY, parent).data(SORT_ROLE)
        if not self.severity_shown({v: k for k, v in SEVERITY_ORDER.items()}.get(severity)):
            return False
        if not self.text:
            return True
        texts = [model.index(row, c, parent).data() or "" for c in range(len(COLUMNS))]
        texts.append(model.index(row, RULE, parent).data(SORT_ROLE) or "")
        return any(self.text in str(t).lower() for t in texts)


class FindingsDock(QDockWidget):
    def __init__(self, iface, parent=None):
        super().__init__(tr("Ecological Space findings"), parent)
        self.setObjectName(DOCK_NAME)
        self.iface = iface
        self.layer = None
        self.report = None
        self.rows = []
        self.table = None  # core_table of the findings
        self.exceptions = None  # the project's exceptions that apply (processing/exceptions.read)
        self.problem = ""  # why the project's exceptions table could not be read
        self.names = {}
        self._updating = False  # items are being filled in: no tick is the user's
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
        table.selectionModel().currentRowChanged.connect(self._current_changed)
        table.doubleClicked.connect(self.zoom_to_index)
        table.installEventFilter(self)
        self.model.itemChanged.connect(self._item_changed)
        for text, data in ((tr("Errors and warnings"), ATTENTION), (tr("All severities"), ""),
                           (severity_label("error"), "error"), (severity_label("warning"), "warning"),
                           (severity_label("info"), "info")):
            self.form.severityCombo.addItem(text, data)
        self.form.severityCombo.currentIndexChanged.connect(self._severity_changed)
        self.form.filterEdit.textChanged.connect(self._text_changed)
        self.form.previousButton.clicked.connect(lambda: self.go(-1))
        self.form.nextButton.clicked.connect(lambda: self.go(1))
        self.form.acceptButton.clicked.connect(lambda: self.accept_exception())
        self.form.removeButton.clicked.connect(self.remove_exception)
        self.form.csvButton.clicked.connect(lambda: self.ask_export("csv"))
        self.form.xlsxButton.clicked.connect(lambda: self.ask_export("xlsx"))
        self.form.reportButton.clicked.connect(self.open_report)
        QgsProject.instance().layerWillBeRemoved.connect(self._layer_removed)
        self._update_buttons()

    # ---- content ----

    def set_findings(self, layer, report=None, title=""):
        """Show the findings of a layer (None clears the panel)."""
        self.model.removeRows(0, self.model.rowCount())
        self.rows = []
        self.layer = layer
        self.report = report
        if layer is None:
            self.table = self.exceptions = None
            self.form.titleLabel.setText(tr("No findings yet: run a check from the Ecological Space menu."))
            self._update_buttons()
            return
        self.names = review.layer_names(layer)
        fids, values, geoms = read_findings(layer)
        self.table = core_table(values, geoms)
        keys = review.checked_keys(self.table, X.metres_per_unit(layer.crs()))
        ticked = review.checked_set()
        titles = rule_titles()
        self.proxy.setDynamicSortFilter(False)
        self._updating = True
        for k, fid in enumerate(fids):
            row = Row(fid, {name: values[name][k] for name in READ}, keys[k], -1)
            self.rows.append(row)
            self.model.appendRow(self._items(k, row, titles, keys[k] in ticked))
        self._updating = False
        self.refresh_exceptions()
        self.proxy.setDynamicSortFilter(True)
        self.form.titleLabel.setText(title or layer.name())
        self.form.tableView.resizeColumnsToContents()
        for column, limit in WIDEST.items():  # long notes must not push the messages out of view
            self.form.tableView.setColumnWidth(column, min(self.form.tableView.columnWidth(column), limit))
        self.form.tableView.sortByColumn(SEVERITY, Qt.SortOrder.AscendingOrder)
        self._update_buttons()

    def _items(self, index, row, titles, checked):
        values = row.values
        severity, rule = values["severity"] or "", values["rule"] or ""
        layer = values["layer"] or ""
        code, number = values["feature_code"], values["feature_fid"]
        feature = code if code else ("" if number is None else str(number))
        area = values["area_m2"]
        cells = [
            ("", 1 if checked else 0),
            (severity_label(severity), SEVERITY_ORDER.get(severity, 9)),
            (titles.get(rule, rule), rule),
            (self.names.get(layer, layer), self.names.get(layer, layer)),
            (feature, feature if code else "{:012d}".format(int(number)) if number is not None else ""),
            ("" if area is None else "{:,.2f}".format(area), -1.0 if area is None else float(area)),
            (values["note"] or "", values["note"] or ""),
            (values["message"] or "", values["message"] or ""),
        ]
        items = []
        for text, key in cells:
            item = QStandardItem(text)
            item.setData(key, SORT_ROLE)
            item.setData(row.fid, FID_ROLE)
            item.setData(index, ROW_ROLE)
            item.setEditable(False)
            items.append(item)
        items[CHECKED].setCheckable(True)
        items[CHECKED].setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        items[CHECKED].setToolTip(tr("Ticked when you have checked this finding (kept in the project)"))
        items[RULE].setToolTip("<code>{}</code> {}".format(rule, titles.get(rule, "")))
        items[LAYER].setToolTip(layer)
        if code and number is not None:
            items[FEATURE].setToolTip(tr("fid {fid}").format(fid=number))
        items[NOTE].setToolTip(values["note"] or "")
        items[MESSAGE].setToolTip(values["message"] or "")
        return items

    def refresh_exceptions(self):
        """Match the findings with the project's exceptions again and show the excepted ones."""
        if self.layer is None:
            return
        self.problem = ""
        try:
            self.exceptions = review.project_exceptions(self.layer.crs(), review.algorithm_of(self.layer))
        except QgsProcessingException as error:  # not an exceptions table: say so, match nothing
            self.exceptions, self.problem = None, str(error)
        matched = np.full(len(self.rows), -1)
        if self.exceptions is not None:
            matched = core.match(self.table, self.exceptions, X.metres_per_unit(self.layer.crs())).exception
        self._updating = True
        for k, row in enumerate(self.rows):
            self.rows[k] = row._replace(exception=int(matched[k]))
            note = self.model.item(k, NOTE)
            text = self.note_of(self.rows[k])
            note.setText(text)
            note.setData(text, SORT_ROLE)
            note.setToolTip(text)
            colour = QBrush(EXCEPTED_COLOUR) if matched[k] >= 0 else QBrush()
            for column in range(len(COLUMNS)):
                self.model.item(k, column).setForeground(colour)
        self._updating = False
        self._update_buttons()

    def note_of(self, row):
        """The note shown: the finding's, or for one that matches an exception 'excepted: <reason>'
        (said to count from the next run when this run did not report it as excepted)."""
        if row.exception < 0 or row.values["rule"] == core.STALE_RULE:
            return row.values["note"] or ""
        note = X.excepted_note(self.exceptions["reason"][row.exception])
        if row.values["severity"] != "info":
            note = tr("{note} (counted as a note from the next run)").format(note=note)
        return note

    def row_count(self):
        """Findings listed (after filtering)."""
        return self.proxy.rowCount()

    def total_count(self):
        return self.model.rowCount()

    def show_severity(self, severity):
        """Choose the severity filter: '' all, 'attention' errors and warnings, or one severity."""
        self.form.severityCombo.setCurrentIndex(self.form.severityCombo.findData(severity))

    def listed_row(self, rule, fid=None):
        """The listed (proxy) row of the first finding of `rule` (and feature fid), or -1."""
        for r in range(self.proxy.rowCount()):
            row = self._row(self.proxy.index(r, 0))
            if row.values["rule"] == rule and (fid is None or row.values["feature_fid"] == fid):
                return r
        return -1

    def _row(self, index):
        """The Row of a proxy index."""
        return self.rows[self.proxy.index(index.row(), 0).data(ROW_ROLE)]

    def current_row(self):
        index = self.form.tableView.currentIndex()
        return self._row(index) if index.isValid() else None

    def shown_rows(self):
        """The listed rows as (feature id, values in export_headers' order; area and fid as numbers)."""
        out = []
        for r in range(self.proxy.rowCount()):
            row = self._row(self.proxy.index(r, 0))
            texts = [self.proxy.index(r, c).data() or "" for c in range(len(COLUMNS))]
            code, number = row.values["feature_code"], row.values["feature_fid"]
            area = row.values["area_m2"]
            out.append((row.fid, [texts[SEVERITY], texts[RULE], row.values["rule"], texts[LAYER],
                                  code or number, None if area is None else round(area, 2), texts[NOTE],
                                  texts[MESSAGE], "✓" if self.is_checked(r) else ""]))
        return out

    def _severity_changed(self, index):
        self.proxy.set_severity(self.form.severityCombo.itemData(index))
        self._update_buttons()

    def _text_changed(self, text):
        self.proxy.set_text(text)
        self._update_buttons()

    def hidden_notes(self):
        """{rule title: count} of the notes the severity filter leaves out."""
        if self.proxy.severity_shown("info"):
            return {}
        titles = rule_titles()
        counts = Counter(titles.get(row.values["rule"], row.values["rule"]) for row in self.rows
                         if row.values["severity"] == "info")
        return dict(sorted(counts.items(), key=lambda item: -item[1]))

    def counts_text(self):
        if self.layer is None:
            return ""
        text = tr("{shown} of {total} findings listed").format(shown=self.proxy.rowCount(),
                                                              total=self.model.rowCount())
        checked = sum(1 for k in range(self.model.rowCount())
                      if self.model.item(k, CHECKED).checkState() == Qt.CheckState.Checked)
        if checked:
            text += " · " + tr("{n} checked").format(n=checked)
        excepted = sum(1 for row in self.rows if row.exception >= 0 and row.values["rule"] != core.STALE_RULE)
        if excepted:
            text += " · " + tr("{n} excepted").format(n=excepted)
        if self.problem:
            text += " · " + self.problem
        hidden = self.hidden_notes()
        if hidden:
            text += " · " + tr("notes not listed: {rules} (choose “All severities” to list them)").format(
                rules=", ".join("{} ×{}".format(title, n) for title, n in hidden.items()))
        return text

    def _update_buttons(self, *_args):
        has = self.layer is not None
        listed = self.proxy.rowCount() > 0
        row = self.current_row() if has else None
        self.form.csvButton.setEnabled(has)
        self.form.xlsxButton.setEnabled(has)
        self.form.reportButton.setEnabled(bool(self.report) and os.path.exists(self.report or ""))
        self.form.previousButton.setEnabled(listed)
        self.form.nextButton.setEnabled(listed)
        self.form.acceptButton.setEnabled(row is not None and row.exception < 0
                                          and row.values["rule"] != core.STALE_RULE)
        self.form.removeButton.setEnabled(row is not None and row.exception >= 0)
        self.form.countLabel.setText(self.counts_text())

    def _layer_removed(self, layer_id):
        if self.layer is not None and self.layer.id() == layer_id:
            self.set_findings(None)

    # ---- working through: next / previous, checked ----

    def go(self, step):
        """Make the next (step 1) or previous (-1) listed finding the current one: it is selected in its
        layer, zoomed to and flashed. False when there is none to go to."""
        count = self.proxy.rowCount()
        if count == 0:
            return False
        current = self.form.tableView.currentIndex()
        row = (0 if step > 0 else count - 1) if not current.isValid() else current.row() + step
        if not 0 <= row < count:
            return False
        self.form.tableView.setCurrentIndex(self.proxy.index(row, SEVERITY))
        return True

    def _current_changed(self, current, _previous):
        self._update_buttons()
        if current.isValid():
            self.zoom_to_index(current)

    def _check_item(self, proxy_row):
        return self.model.item(self.proxy.mapToSource(self.proxy.index(proxy_row, 0)).row(), CHECKED)

    def is_checked(self, proxy_row):
        return self._check_item(proxy_row).checkState() == Qt.CheckState.Checked

    def set_checked(self, proxy_row, checked=True):
        """Tick (or untick) a listed finding as checked."""
        self._check_item(proxy_row).setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _item_changed(self, item):
        if self._updating or item.column() != CHECKED:
            return
        checked = item.checkState() == Qt.CheckState.Checked
        item.setData(1 if checked else 0, SORT_ROLE)
        review.set_checked([self.rows[item.data(ROW_ROLE)].key], checked)
        self._update_buttons()

    def eventFilter(self, watched, event):
        """In the table: N / P next and previous, Space ticks the current finding."""
        if watched is self.form.tableView and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_N, Qt.Key.Key_P):
                self.go(1 if key == Qt.Key.Key_N else -1)
                return True
            index = self.form.tableView.currentIndex()
            if key == Qt.Key.Key_Space and index.isValid():
                self.set_checked(index.row(), not self.is_checked(index.row()))
                return True
        return super().eventFilter(watched, event)

    # ---- exceptions ----

    def accept_exception(self, reason=None):
        """Accept the current finding as an exception: asks for the reason (unless given) and writes it to
        the project's exceptions table. True when written."""
        row = self.current_row()
        if row is None or self.layer is None:
            return False
        path = review.exceptions_path()
        if not path:
            self.form.countLabel.setText(tr("Save the project first: the exceptions are kept in {file} "
                                            "beside it.").format(file=X.FILE_NAME))
            return False
        if reason is None:
            from .exception_dialog import ExceptionDialog

            dialog = ExceptionDialog(self.describe(row), self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            reason = dialog.reason()
        values = row.values
        finding = {name: values.get(name) for name, _ in X.FIELDS if name in values}
        finding.update(algorithm=review.algorithm_of(self.layer),
                       layer_name=self.names.get(values["layer"], values["layer"]))
        geometry = self.layer.getFeature(row.fid).geometry()
        try:
            X.append(path, finding, geometry, self.layer.crs(), reason.strip(),
                     QgsProject.instance().transformContext())
        except (OSError, RuntimeError) as error:  # a read-only folder, a locked or damaged file
            self.form.countLabel.setText(tr("The exception was not saved: {error}").format(error=error))
            return False
        self.refresh_exceptions()
        return True

    def remove_exception(self):
        """Remove the exception the current finding matches from the project's table."""
        row = self.current_row()
        if row is None or row.exception < 0:
            return False
        try:
            X.remove(review.exceptions_path(), [self.exceptions["id"][row.exception]])
        except (OSError, RuntimeError) as error:
            self.form.countLabel.setText(tr("The exception was not removed: {error}").format(error=error))
            return False
        self.refresh_exceptions()
        return True

    def describe(self, row):
        """The finding in a few words, for the exception dialog."""
        values = row.values
        feature = values["feature_code"] or values["feature_fid"]
        return tr("{rule} — {layer}, feature {feature}").format(
            rule=rule_titles().get(values["rule"], values["rule"]),
            layer=self.names.get(values["layer"], values["layer"]) or "",
            feature="" if feature is None else feature), values["message"] or ""

    # ---- zoom and flash ----

    def zoom_to_index(self, index):
        if not index.isValid():
            return False
        return self.zoom_to_feature(self.proxy.index(index.row(), 0).data(FID_ROLE))

    def zoom_to_feature(self, fid):
        """Select one finding in its layer, zoom the map to it and flash it; False when it has no
        location."""
        if self.layer is None or self.iface is None:
            return False
        self.layer.selectByIds([fid])
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
        write_table(path, export_headers(), [values for _, values in self.shown_rows()])
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
