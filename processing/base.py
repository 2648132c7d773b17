"""What every ecospace algorithm shares: naming, groups, icon, help and the core bridges."""
import contextlib
import os

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
)
from qgis.PyQt.QtGui import QIcon

from .. import compat
from ..core.findings import severity_counts
from ..core.progress import Cancelled, Progress
from ..core.rules import RULES
from ..i18n import tr
from . import checks, exceptions, guard, io
from .citations import citation
from .messages import rule_titles
from .prepared import PreparedInputs
from .report import severity_label

ICON = os.path.join(os.path.dirname(os.path.dirname(__file__)), "resources", "icons", "icon.svg")


def group_names():
    return {"redline": tr("Red line (生态保护红线)"),
            "zoning": tr("Control units (管控单元)"),
            "reserve": tr("Protected areas (自然保护地)")}


class EcoAlgorithm(PreparedInputs, QgsProcessingAlgorithm):
    """Subclasses set NAME and GROUP and implement display_name(), help_intro(), RULE_PREFIX.

    Sources and layers are taken on the main thread in prepareAlgorithm() (PreparedInputs)."""

    NAME = ""
    GROUP = "redline"
    RULE_PREFIX = ""
    RULES = ()  # the rule ids it emits, when only some of RULE_PREFIX's

    def name(self):
        return self.NAME

    def groupId(self):
        return self.GROUP

    def group(self):
        return group_names()[self.GROUP]

    def displayName(self):
        return self.display_name()

    def createInstance(self):
        return type(self)()

    def icon(self):
        return QIcon(ICON)

    def shortHelpString(self):
        return self.help_intro() + "<br><br>" + rules_help(self.RULE_PREFIX, self.RULES)

    def checkParameterValues(self, parameters, context):
        """The files first (check_files), then QGIS's own checks, then the algorithm's
        check_parameters(): QGIS calls this from the dialog, processing.run and qgis_process before
        anything runs."""
        problem = self.check_files(parameters, context)
        if problem:
            return False, problem
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:  # QGIS says only 'Incorrect parameter value for X': say what is wanted
            return False, checks.number_problem(self, parameters, context) or message
        try:
            self.check_parameters(parameters, context)
        except QgsProcessingException as error:
            return False, str(error)
        return True, ""

    def __init_subclass__(cls, **kwargs):
        """Every algorithm's processAlgorithm runs guarded (guard.guarded): batch runs and models
        never call checkParameterValues, and a failed or cancelled run must leave no output."""
        super().__init_subclass__(**kwargs)
        if "processAlgorithm" in cls.__dict__:
            cls.processAlgorithm = guard.guarded(cls.__dict__["processAlgorithm"])

    def check_files(self, parameters, context):
        """Damaged inputs, rasters for vectors (and back), outputs over inputs or where nothing can
        be written: the first such problem as a message, or ''."""
        return guard.preflight(self, parameters, context)

    def check_parameters(self, parameters, context):
        """Override: raise QgsProcessingException for values that cannot give a right result
        (ranges, orders, fields that must exist, types that cannot match)."""

    def prepareAlgorithm(self, parameters, context, feedback):
        """On the main thread, before the run (batch runs and models never call
        checkParameterValues): unsafe files are refused, and check_parameters() runs here too."""
        self.outputs_before = guard.prepare(self, parameters, context)  # refuses unsafe files
        prepared = super().prepareAlgorithm(parameters, context, feedback)
        self.check_parameters(parameters, context)
        return prepared

    def progress(self, feedback, start, end):
        """A core Progress that maps core steps to the [start, end] part of the bar."""
        def report(percent, label):
            feedback.setProgress(start + (end - start) * percent / 100.0)
            if label:
                feedback.setProgressText(label)
        return Progress(on_progress=report, is_canceled=feedback.isCanceled)

    def field(self, parameters, name, context, required=False):
        """The chosen field name, or '' when none was chosen (an error when `required`).

        Field parameters are declared optional with defaults, because Processing on 3.22
        refuses a missing mandatory field parameter before its default applies."""
        fields = compat.parameter_as_strings(self, parameters, name, context)
        if required and not fields:
            raise QgsProcessingException(tr("Choose the field for {param}.").format(param=name))
        return fields[0] if fields else ""

    def source(self, parameters, name, context, optional=False, polygons=False):
        """A feature source that must be given (None if `optional` and not given), with a CRS and,
        when `polygons`, polygon geometry; each refusal a clear message naming the layer."""
        src = self.parameterAsSource(parameters, name, context)
        if src is None:
            if optional:
                return None
            raise QgsProcessingException(self.invalidSourceError(parameters, name))
        label = io.layer_label(src, name)
        if polygons:
            io.require_polygons(src, label)
        io.require_crs(src, label)
        return src

    def sources(self, parameters, name, context, polygons=False, require=None):
        """[(source, label, layer)] of a multiple-layer parameter, in its order: each layer's feature
        source (the one built on the main thread, prepared.py), its label the layer's name as the user
        knows it (io.layer_short_name), with a CRS and, when `polygons`, polygon geometry; each refusal
        a clear message naming the layer (as source() does for a single layer). `require(source,
        label)`, when given, refuses what else the algorithm cannot take, before the CRS check."""
        out = []
        for layer in self.parameterAsLayerList(parameters, name, context):
            src = self.layer_source(layer, context)
            label = io.layer_short_name(layer)
            if polygons:
                io.require_polygons(src, label)
            if require is not None:
                require(src, label)
            io.require_crs(src, label)
            out.append((src, label, layer))
        return out

    def add_advanced(self, params):
        """Add parameters under the dialog's 'Advanced' section."""
        for param in params:
            param.setFlags(param.flags() | compat.FLAG_ADVANCED)
            self.addParameter(param)

    def add_layer_output(self, label, kind=compat.TYPE_VECTOR_POLYGON, name="OUTPUT", optional=False):
        """A layer output: findings (the common schema) or another main result."""
        self.addParameter(QgsProcessingParameterFeatureSink(name, label, kind, optional=optional,
                                                            createByDefault=True))

    def add_table_output(self, name, label, kind=compat.TYPE_VECTOR, by_default=True):
        """An optional extra output (statistics, summaries, converted layers)."""
        self.addParameter(QgsProcessingParameterFeatureSink(name, label, kind, optional=True,
                                                            createByDefault=by_default))

    def add_report_and_counts(self, by_default=False):
        """The optional HTML report, then the count outputs."""
        self.addParameter(QgsProcessingParameterFileDestination(
            "REPORT", tr("HTML report"), tr("HTML files (*.html)"), optional=True,
            createByDefault=by_default))
        self.add_count_outputs()

    def add_count_outputs(self):
        """ERROR_COUNT / WARNING_COUNT / INFO_COUNT, so that models can branch on them; and, since
        every algorithm with findings counts them, the optional EXCEPTIONS input (processing/exceptions.py:
        accepted findings are reported as notes, stale exceptions as EXC_STALE)."""
        self.addParameter(exceptions.parameter())
        self.addOutput(QgsProcessingOutputNumber("ERROR_COUNT", tr("Number of errors")))
        self.addOutput(QgsProcessingOutputNumber("WARNING_COUNT", tr("Number of warnings")))
        self.addOutput(QgsProcessingOutputNumber("INFO_COUNT", tr("Number of notes")))

    @staticmethod
    def count_results(table, feedback):
        """The count outputs of a findings table, also told to the user."""
        counts = severity_counts(table)
        feedback.pushInfo(tr("{e} errors, {w} warnings, {i} notes.").format(
            e=counts["error"], w=counts["warning"], i=counts["info"]))
        return {"ERROR_COUNT": counts["error"], "WARNING_COUNT": counts["warning"],
                "INFO_COUNT": counts["info"]}

    @contextlib.contextmanager
    def cancellable(self, feedback):
        """Around a core call: a cancel inside it ends with the usual message."""
        try:
            yield
        except Cancelled:
            self.stop_if_canceled(feedback)
            raise

    @staticmethod
    def stop_if_canceled(feedback):
        if feedback.isCanceled():
            raise guard.cancelled()


def rules_help(prefix, ids=()):
    """The rule list in an algorithm's help, from the one rule catalogue: the rules starting with
    `prefix`, or only `ids` when given."""
    titles = rule_titles()
    lines = ["<b>{}</b>".format(tr("Rules (finding id — severity — source)"))]
    for rule in RULES.values():
        if (rule.id in ids) if ids else (prefix and rule.id.startswith(prefix)):
            lines.append("• <code>{}</code> {} — {} — {}".format(
                rule.id, titles.get(rule.id, ""), severity_label(rule.severity), citation(rule)))
    return "<br>".join(lines)
