"""The task dialog: a form built from an algorithm's parameter definitions, run in the background.

One dialog per job (ui/jobs.py). A job with several steps (generate / classify / check) offers
them in a combo box; the form is rebuilt from the chosen algorithm, so the dialog follows the
algorithm's parameters. Results load as one styled group (ui/results.py).

Between the steps of one dialog, the field mappings and texts the user entered (ZONE_VALUES, zone
and id fields…) carry over to the steps with the same parameter, and a layer a step wrote feeds the
step that takes it (Step.takes). The plugin's outputs are never guessed as inputs (ui/provenance.py).
Results go to a folder that lasts (ui/output_folder.py); a failed run shows its whole message.
"""
import datetime
import os

from qgis.core import QgsProject
from qgis.gui import QgsFileWidget
from qgis.PyQt import uic
from qgis.PyQt.QtCore import QEvent, QRect, Qt, QTimer, pyqtSignal
from qgis.PyQt.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from ..core.rules import RULES
from ..i18n import tr
from ..processing.citations import citation
from ..processing.exceptions import rules_of
from ..processing.messages import rule_titles
from ..processing.report import severity_label
from . import output_folder, review
from . import params as P
from .jobs import VERSION_PAIRS, preferred_fields, role_for, rule_links
from .layer_guess import assign
from .provenance import is_output, output_id
from .results import load_results
from .runner import AlgorithmRun
from .specs import algorithm, default_outputs, specs_of
from .widgets import FieldWidget, LayersWidget, LayerWidget, make_widget

FORM, _BASE = uic.loadUiType(os.path.join(os.path.dirname(__file__), "forms", "task_dialog.ui"))
CARRIED_KINDS = ("field", "string")  # what the user enters once per dialog: field mappings, zone values
DETAILS_LINES = 10  # the details box grows with its text up to this many lines


def default_folder():
    """The output folder shown when a dialog opens: the one the user chose once, else '' (then the
    results go beside the saved project, or the dialog asks). Tests replace this."""
    return output_folder.remembered_folder()


def project_folder():
    return output_folder.project_folder()


def log_part(log, reason=None):
    """The run's log under its own heading, without the line already shown as the reason."""
    lines = [line for line in log if line and line != reason]
    return [tr("Log of the run:") + "\n" + "\n".join(lines)] if lines else []


def tooltip(spec, rule_ids):
    """The parameter, its default, and the rules it feeds with their sources."""
    lines = ["<b>{}</b> <code>{}</code>".format(spec.label, spec.name)]
    if spec.kind in ("number", "int") and spec.default is not None:
        lines.append(tr("Default: {value}").format(value=spec.default))
    titles = rule_titles()
    for rule_id in rule_ids:
        rule = RULES.get(rule_id)
        if rule is not None:
            lines.append(tr("{rule} {title} ({severity}); source: {source}").format(
                rule="<code>{}</code>".format(rule_id), title=titles.get(rule_id, ""),
                severity=severity_label(rule.severity), source=citation(rule)))
    return "<br>".join(lines)


def stacked(parent, label, widget):
    """The label over its widget, in one row of the form: a box layout gives a wrapped label the
    height of its lines at the row's width (two spanning rows of the form layout gave a two-line
    label one line inside the 'Advanced' group, and it overlapped the field below)."""
    row = QWidget(parent)
    box = QVBoxLayout(row)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(2)
    box.addWidget(label)
    box.addWidget(widget)
    return row


class TaskDialog(QDialog, FORM):
    """Signals: results_loaded(Loaded) after a successful run's layers are in the project."""

    results_loaded = pyqtSignal(object)

    def __init__(self, job, parent=None, iface=None):
        super().__init__(parent)
        self.setupUi(self)
        self.job = job
        self.iface = iface
        self.setObjectName("EcoSpaceTaskDialog_" + job.id)
        self.setWindowTitle(job.title)
        self.step = None
        self.specs = []
        self.rule_links = {}
        self.widgets = {}
        self.run = None
        self.paths = {}
        self.last = None  # Loaded of the last successful run
        self.entered = {}  # parameter -> (kind, multiple, value) the user entered in some step
        self.initial = {}  # the current step's values as the form filled them in
        self.produced = []  # (output id, layer id) of the layers this dialog's runs loaded, oldest first
        self.status_text = self.statusLabel.text()  # whole; the label shows what fits of its first line
        self.asked = ""  # the folder last given to the question (not remembered)
        self.run_folder = ""
        self.run_parameters = {}  # of the last run started
        self.ask_folder = output_folder.ask_folder  # (parent, suggestion) -> (folder, remember) or None
        self.folderWidget.setStorageMode(QgsFileWidget.StorageMode.GetDirectory)
        self.folderWidget.setFilePath(default_folder())
        self.detailsButton.toggled.connect(self.show_details)
        self.statusLabel.installEventFilter(self)
        self.detailsButton.setVisible(False)
        self.detailsText.setVisible(False)
        for step in job.steps:
            self.stepCombo.addItem(step.title)
        self.stepLabel.setVisible(len(job.steps) > 1)
        self.stepCombo.setVisible(len(job.steps) > 1)
        self.stepCombo.currentIndexChanged.connect(self.set_step)
        self.runButton.clicked.connect(self.start)
        self.cancelButton.clicked.connect(self.cancel)
        self.closeButton.clicked.connect(self.close)
        self.processingButton.clicked.connect(self.open_processing)
        self.splitter.setSizes([560, 340])
        project = QgsProject.instance()
        project.layersAdded.connect(self.refresh_layers)
        project.layersRemoved.connect(self.refresh_layers)
        project.fileNameChanged.connect(self.update_folder_hint)
        self.update_folder_hint()
        self.set_step(0)

    # ---- building the form ----

    def set_step(self, index):
        if self.step is not None:
            self.keep_entered()
        self.step = self.job.steps[index]
        self._clear_form()
        alg = algorithm(self.step.algorithm)
        self.missingLabel.setVisible(alg is None)
        self.runButton.setEnabled(alg is not None)
        self.processingButton.setEnabled(alg is not None)
        if alg is None:
            self.specs = []
            self.helpBrowser.setHtml(tr("The algorithm {id} is not available.").format(id=self.step.algorithm))
            self.advancedGroup.setVisible(False)
            return
        self.specs = specs_of(alg)
        self.rule_links = rule_links(rules_of(alg))
        for spec in P.inputs(self.specs):
            if spec.name not in review.AUTOMATIC:  # EXCEPTIONS: the project's table, passed by parameters()
                self._add_row(spec)
        self.advancedGroup.setVisible(any(s.advanced for s in P.inputs(self.specs) if s.name in self.widgets))
        self._link_fields()
        self.guess_layers()
        self.take_produced()
        self.initial = self.state()
        self.apply_entered()
        self.helpBrowser.setHtml(alg.shortHelpString() or "")

    def _clear_form(self):
        for form in (self.mainForm, self.advancedForm):
            while form.rowCount():
                form.removeRow(0)
        self.widgets = {}

    def _add_row(self, spec):
        holder = self.advancedGroup if spec.advanced else self.formWidget
        widget = make_widget(spec, holder, preferred_fields(spec.name, spec.default))
        if widget is None:
            return
        label = QLabel(spec.label + ("" if spec.optional else " *"), holder)
        label.setWordWrap(True)
        tip = tooltip(spec, self.rule_links.get(spec.name, ()))
        label.setToolTip(tip)
        widget.widget.setToolTip(tip)
        widget.widget.setObjectName("param_" + spec.name)
        # label and widget each span the row: a long label wraps over the whole width, in English
        # and in Chinese, and never pushes the widget out of view
        form = self.advancedForm if spec.advanced else self.mainForm
        form.addRow(stacked(holder, label, widget.widget))
        self.widgets[spec.name] = widget

    def _link_fields(self):
        """Field pickers follow their parent layer picker."""
        for widget in self.widgets.values():
            if not isinstance(widget, FieldWidget):
                continue
            parent = self.widgets.get(widget.spec.parent)
            if isinstance(parent, LayerWidget):
                parent.widget.layerChanged.connect(widget.set_layer)
                widget.set_layer(parent.layer())

    def layer_widgets(self):
        return {n: w for n, w in self.widgets.items() if isinstance(w, (LayerWidget, LayersWidget))}

    def guess_layers(self):
        """Pre-select layers from the project's layer names (ui/layer_guess.py). The plugin's own
        outputs are never guessed (ui/provenance.py); a parameter without a clear match stays empty."""
        widgets = self.layer_widgets()
        outputs = {}  # layer id -> written by the plugin, asked once per layer

        def guessable(layer):
            if layer.id() not in outputs:
                outputs[layer.id()] = is_output(layer)
            return not outputs[layer.id()]

        offered = {name: [lyr for lyr in w.candidates() if guessable(lyr)] for name, w in widgets.items()}
        wanted = {name: role_for(self.step, name) for name in widgets}
        picks = assign(wanted, {name: [lyr.name() for lyr in layers] for name, layers in offered.items()},
                       VERSION_PAIRS)
        for name, pick in picks.items():
            layers = offered[name]
            if isinstance(pick, list):
                widgets[name].select([layers[k] for k in pick])
            elif pick is not None:
                widgets[name].select(layers[pick])
            else:
                widgets[name].select(None)

    def guesses(self):
        """{parameter: layer name, [names] or None} as the form holds them (tests, screenshots)."""
        project = QgsProject.instance()
        out = {}
        for name, widget in self.layer_widgets().items():
            value = widget.value()
            if isinstance(value, list):
                out[name] = sorted(project.mapLayer(i).name() for i in value if project.mapLayer(i))
            else:
                layer = project.mapLayer(value) if value else None
                out[name] = layer.name() if layer is not None else None
        return out

    # ---- carried between the steps of this dialog ----

    def take_produced(self):
        """A layer an earlier step of this dialog wrote feeds the parameter that takes it (Step.takes):
        the graded rasters the candidate, generated units the check. The latest one wins."""
        project = QgsProject.instance()
        for name, ids in self.step.takes.items():
            widget = self.widgets.get(name)
            if widget is None:
                continue
            for produced_id, layer_id in reversed(self.produced):
                layer = project.mapLayer(layer_id)
                if produced_id in ids and layer is not None and layer in widget.candidates():
                    widget.select(layer)
                    break

    def keep_entered(self):
        """Remember the field mappings and texts the user entered in this step."""
        for name, widget in self.widgets.items():
            spec = widget.spec
            if spec.kind not in CARRIED_KINDS:
                continue
            value = widget.value()
            if name in self.entered or value != self.initial.get(name):
                self.entered[name] = (spec.kind, bool(spec.multiple), value)

    def apply_entered(self):
        """Fill this step's parameters of the same name and kind with what the user entered before."""
        for name, (kind, multiple, value) in self.entered.items():
            widget = self.widgets.get(name)
            if widget is not None and widget.spec.kind == kind and bool(widget.spec.multiple) == multiple:
                widget.set_value(value)

    def refresh_layers(self, *_args):
        if self.run is not None:
            return
        for widget in self.layer_widgets().values():
            widget.refresh()

    # ---- running ----

    def state(self):
        return {name: widget.value() for name, widget in self.widgets.items()}

    def folder(self):
        """The output folder: the one chosen in the field, else beside the saved project, else ''."""
        return self.folderWidget.filePath().strip() or project_folder()

    def update_folder_hint(self, *_args):
        """The field's placeholder says where results go when it is empty."""
        automatic = project_folder()
        self.folderWidget.lineEdit().setPlaceholderText(
            automatic or tr("Asked before the first run: the project is not saved yet"))

    def choose_folder(self):
        """The output folder of the next run, asking when there is none; '' when the user cancels."""
        chosen = self.folderWidget.filePath().strip()
        if chosen != default_folder():  # typed or picked in the field: the user's choice
            output_folder.remember_folder(chosen)
        folder = self.folder()
        if folder:
            return folder
        answer = self.ask_folder(self, self.asked or output_folder.suggested_folder())
        if not answer:
            return ""
        folder, remember = answer
        self.asked = folder  # offered first the next time the dialog asks
        if remember:
            output_folder.remember_folder(folder)
            self.folderWidget.setFilePath(folder)
        return folder

    def wanted_outputs(self):
        return list(default_outputs(self.specs)) + list(self.step.outputs)

    def parameters(self, stamp, folder=None):
        params = P.algorithm_parameters(self.specs, self.state(), folder or self.folder(), self.job.id,
                                        stamp, self.wanted_outputs())
        return review.add_exceptions(params, self.specs)

    def _free_stamp(self, when, folder):
        stamp, k = P.stamp_of(when), 1
        paths = P.output_paths(self.specs, folder, self.job.id, stamp, self.wanted_outputs())
        while P.leftover_files(paths.values()):
            k += 1
            stamp = "{}_{}".format(P.stamp_of(when), k)
            paths = P.output_paths(self.specs, folder, self.job.id, stamp, self.wanted_outputs())
        return stamp

    def start(self):
        """Start the run in the background; False when a required input is missing."""
        if self.run is not None or algorithm(self.step.algorithm) is None:
            return False  # running, or the provider is not loaded (the missing label says so)
        missing = P.missing(self.specs, self.state())
        if missing:
            self.hide_details()
            self.show_status(tr("Please choose: {names}").format(names=", ".join(missing)), error=True)
            return False
        folder = self.choose_folder()
        if not folder:
            self.show_status(tr("Not started: choose an output folder for the results."), error=True)
            return False
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError as error:
            self.show_status(tr("The output folder {folder} cannot be created: {error}").format(
                folder=folder, error=error), error=True)
            return False
        self.keep_entered()
        self.run_folder = folder
        self.started = datetime.datetime.now()
        params = self.parameters(self._free_stamp(self.started, folder), folder)
        self.run_parameters = params
        self.paths = {s.name: params[s.name] for s in P.outputs(self.specs) if s.name in params}
        self.run = AlgorithmRun(algorithm(self.step.algorithm), params)
        self.run.progress.connect(self._progress)
        self.run.status.connect(self.show_status)
        self.run.finished.connect(self._finished)
        self._set_running(True)
        self.hide_details()
        self.show_status(tr("Running…"))
        self.run.start()
        return True

    def _progress(self, value):
        self.progressBar.setValue(int(value))

    def cancel(self):
        if self.run is not None:
            self.show_status(tr("Cancelling…"))
            self.run.cancel()

    def running(self):
        return self.run is not None

    def _set_running(self, running):
        self.runButton.setEnabled(not running)
        self.cancelButton.setEnabled(running)
        self.stepCombo.setEnabled(not running)
        self.formScroll.setEnabled(not running)
        if not running:
            self.progressBar.setValue(100 if self.last is not None else 0)

    def _finished(self, ok, results, log):
        canceled = self.run.canceled()
        errors = list(self.run.feedback.errors)
        self.run = None
        if ok:
            self.last = load_results(self.job.id, self.step.title, P.outputs(self.specs), self.paths,
                                     self.started, replace=self.replaceRadio.isChecked(),
                                     algorithm_id=self.step.algorithm)
            if self.last.findings is not None:  # the findings panel names the inputs as the project does
                review.set_layer_names(self.last.findings, review.input_layer_names(self.run_parameters))
            self.produced += [(output_id(self.step.algorithm, name), layer.id())
                              for name, layer in self.last.layers.items()]
            if "ERROR_COUNT" in results:
                text = tr("Done: {e} errors, {w} warnings, {i} notes.").format(
                    e=results.get("ERROR_COUNT", 0), w=results.get("WARNING_COUNT", 0),
                    i=results.get("INFO_COUNT", 0))
            else:  # a grading run: no findings
                text = tr("Done: the results are in the group {group}.").format(group=self.last.group.name())
            files = tr("Files: {folder}").format(folder=self.run_folder)
            self.show_status(text, details="\n\n".join([text, files] + log_part(log)))
            self._set_running(False)
            self.results_loaded.emit(self.last)
            return
        for path in P.leftover_files(self.paths.values()):  # a cancelled run leaves no file
            try:
                os.remove(path)
            except OSError:
                pass
        self._set_running(False)
        if canceled:
            self.show_status(tr("Cancelled. No layer was added and no file was kept."))
        else:
            reason = (errors or log or [""])[-1]
            text = tr("The run failed: {reason}").format(reason=reason)
            self.show_status(text, error=True, details="\n\n".join([text] + log_part(log, reason)),
                             expand=True)

    def show_status(self, text, error=False, details=None, expand=False):
        """One line in the status bar, cut to its width; the whole text (and `details`: the run's
        message and log) in the details box under it, opened at once with `expand`."""
        self.status_text = text
        self.statusLabel.setToolTip(text)
        self.statusLabel.setStyleSheet("color: #b30000;" if error else "")
        self._elide_status()
        if details is not None:
            self.detailsText.setPlainText(details)
            self.detailsButton.setVisible(True)
            self.detailsButton.setChecked(expand)

    def hide_details(self):
        self.detailsButton.setChecked(False)
        self.detailsButton.setVisible(False)
        self.detailsText.clear()

    def _elide_status(self):
        first = self.status_text.splitlines()[0] if self.status_text else ""
        width = max(self.statusLabel.width(), 50)
        shown = self.statusLabel.fontMetrics().elidedText(first, Qt.TextElideMode.ElideRight, width)
        if shown != self.status_text and not shown.endswith("…"):
            shown += " …"
        self.statusLabel.setText(shown)

    def show_details(self, shown):
        self.detailsText.setVisible(shown)
        self.detailsButton.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        if shown:
            self._fit_details()
            QTimer.singleShot(0, self._fit_details)  # again once the layout has given it its width

    def _fit_details(self):
        """As high as its text (a short message takes two lines, not the whole box), at most
        DETAILS_LINES lines; the rest scrolls."""
        box = self.detailsText
        width = max((box.viewport().width() if box.isVisible() else self.width() - 40) - 12, 100)
        metrics = box.fontMetrics()
        text = box.toPlainText() or " "
        needed = metrics.boundingRect(QRect(0, 0, width, 10 ** 6), int(Qt.TextFlag.TextWordWrap), text).height()
        limit = DETAILS_LINES * metrics.lineSpacing()
        box.setFixedHeight(min(needed, limit) + 2 * box.frameWidth() + 12)

    def eventFilter(self, watched, event):
        if watched is self.statusLabel and event.type() == QEvent.Type.Resize:
            self._elide_status()
            if self.detailsText.isVisible():
                self._fit_details()
        return super().eventFilter(watched, event)

    def open_processing(self):
        """The standard Processing dialog, filled with this form's inputs."""
        import processing

        processing.execAlgorithmDialog(self.step.algorithm, review.add_exceptions(
            P.input_parameters(self.specs, self.state()), self.specs))

    # ---- closing ----

    def shutdown(self):
        """Stop a run and let go of the project's signals (plugin unload). A cancelled run removes
        what it started writing (outputs.write_all); its results are not loaded."""
        if self.run is not None:
            for signal in (self.run.progress, self.run.status, self.run.finished):
                signal.disconnect()  # the dialog is going away: nothing may call back into it
            self.run.cancel()
            self.run = None
        project = QgsProject.instance()
        for signal, slot in ((project.layersAdded, self.refresh_layers),
                             (project.layersRemoved, self.refresh_layers),
                             (project.fileNameChanged, self.update_folder_hint)):
            try:
                signal.disconnect(slot)
            except TypeError:
                pass
