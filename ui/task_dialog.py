"""The task dialog: a form built from an algorithm's parameter definitions, run in the background.

One dialog per job (ui/jobs.py). A job with several steps (generate / classify / check) offers
them in a combo box; the form is rebuilt from the chosen algorithm, so the dialog follows the
algorithm's parameters. Results load as one styled group (ui/results.py).
"""
import datetime
import os

from qgis.core import QgsProcessingUtils, QgsProject, QgsSettings
from qgis.gui import QgsFileWidget
from qgis.PyQt import uic
from qgis.PyQt.QtCore import pyqtSignal
from qgis.PyQt.QtWidgets import QDialog, QLabel

from ..core.rules import RULES
from ..i18n import tr
from ..processing.messages import rule_titles
from ..processing.report import severity_label
from . import params as P
from .jobs import preferred_fields, role_for
from .layer_guess import assign
from .results import load_results
from .runner import AlgorithmRun
from .specs import algorithm, default_outputs, specs_of
from .widgets import FieldWidget, LayersWidget, LayerWidget, make_widget

FORM, _BASE = uic.loadUiType(os.path.join(os.path.dirname(__file__), "forms", "task_dialog.ui"))
FOLDER_KEY = "ecospace/output_folder"


def default_folder():
    saved = QgsSettings().value(FOLDER_KEY, "")
    return saved or os.path.join(QgsProcessingUtils.tempFolder(), "ecospace")


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
                severity=severity_label(rule.severity), source=rule.source))
    return "<br>".join(lines)


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
        self.widgets = {}
        self.run = None
        self.paths = {}
        self.last = None  # Loaded of the last successful run
        self.folderWidget.setStorageMode(QgsFileWidget.StorageMode.GetDirectory)
        self.folderWidget.setFilePath(default_folder())
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
        self.set_step(0)

    # ---- building the form ----

    def set_step(self, index):
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
        for spec in P.inputs(self.specs):
            self._add_row(spec)
        self.advancedGroup.setVisible(any(s.advanced for s in P.inputs(self.specs) if s.name in self.widgets))
        self._link_fields()
        self.guess_layers()
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
        tip = tooltip(spec, self.step.rules.get(spec.name, ()))
        label.setToolTip(tip)
        widget.widget.setToolTip(tip)
        widget.widget.setObjectName("param_" + spec.name)
        # label and widget each span the row: a long label wraps over the whole width, in English
        # and in Chinese, and never pushes the widget out of view
        form = self.advancedForm if spec.advanced else self.mainForm
        form.addRow(label)
        form.addRow(widget.widget)
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
        """Pre-select layers from the project's layer names (ui/layer_guess.py)."""
        widgets = self.layer_widgets()
        offered = {name: w.candidates() for name, w in widgets.items()}
        wanted = {name: role_for(self.step, name) for name in widgets}
        picks = assign(wanted, {name: [lyr.name() for lyr in layers] for name, layers in offered.items()})
        for name, pick in picks.items():
            layers = offered[name]
            if isinstance(pick, list):
                widgets[name].select([layers[k] for k in pick])
            elif pick is not None:
                widgets[name].select(layers[pick])
            elif widgets[name].spec.optional:
                widgets[name].select(None)

    def refresh_layers(self, *_args):
        if self.run is not None:
            return
        for widget in self.layer_widgets().values():
            widget.refresh()

    # ---- running ----

    def state(self):
        return {name: widget.value() for name, widget in self.widgets.items()}

    def folder(self):
        return self.folderWidget.filePath() or default_folder()

    def wanted_outputs(self):
        return list(default_outputs(self.specs)) + list(self.step.outputs)

    def parameters(self, stamp):
        return P.algorithm_parameters(self.specs, self.state(), self.folder(), self.job.id, stamp,
                                      self.wanted_outputs())

    def _free_stamp(self, when):
        stamp, k = P.stamp_of(when), 1
        paths = P.output_paths(self.specs, self.folder(), self.job.id, stamp, self.wanted_outputs())
        while P.leftover_files(paths.values()):
            k += 1
            stamp = "{}_{}".format(P.stamp_of(when), k)
            paths = P.output_paths(self.specs, self.folder(), self.job.id, stamp, self.wanted_outputs())
        return stamp

    def start(self):
        """Start the run in the background; False when a required input is missing."""
        if self.run is not None:
            return False
        missing = P.missing(self.specs, self.state())
        if missing:
            self.show_status(tr("Please choose: {names}").format(names=", ".join(missing)), error=True)
            return False
        os.makedirs(self.folder(), exist_ok=True)
        QgsSettings().setValue(FOLDER_KEY, self.folderWidget.filePath())
        self.started = datetime.datetime.now()
        params = self.parameters(self._free_stamp(self.started))
        self.paths = {s.name: params[s.name] for s in P.outputs(self.specs) if s.name in params}
        self.run = AlgorithmRun(algorithm(self.step.algorithm), params)
        self.run.progress.connect(self._progress)
        self.run.status.connect(self.show_status)
        self.run.finished.connect(self._finished)
        self._set_running(True)
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
        self.run = None
        if ok:
            self.last = load_results(self.job.id, self.step.title, P.outputs(self.specs), self.paths,
                                     self.started, replace=self.replaceRadio.isChecked())
            if "ERROR_COUNT" in results:
                self.show_status(tr("Done: {e} errors, {w} warnings, {i} notes.").format(
                    e=results.get("ERROR_COUNT", 0), w=results.get("WARNING_COUNT", 0),
                    i=results.get("INFO_COUNT", 0)))
            else:  # a grading run: no findings
                self.show_status(tr("Done: the results are in the group {group}.").format(
                    group=self.last.group.name()))
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
            reason = log[-1] if log else ""
            self.show_status(tr("The run failed: {reason}").format(reason=reason), error=True)

    def show_status(self, text, error=False):
        self.statusLabel.setText(text)
        self.statusLabel.setStyleSheet("color: #b30000;" if error else "")

    def open_processing(self):
        """The standard Processing dialog, filled with this form's inputs."""
        import processing

        processing.execAlgorithmDialog(self.step.algorithm, P.input_parameters(self.specs, self.state()))

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
        for signal in (project.layersAdded, project.layersRemoved):
            try:
                signal.disconnect(self.refresh_layers)
            except TypeError:
                pass
