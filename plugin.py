"""The plugin shell: Processing provider, translator, menu and toolbar.

initProcessing() is all that qgis_process calls (no iface there); initGui() adds the GUI on top.
unload() undoes both, so load -> unload -> load leaves nothing behind.
"""
import configparser
import os
import sys
from collections import namedtuple

from qgis.core import QgsApplication, QgsMessageLog
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QMenu, QMessageBox

from . import compat, deps
from .i18n import install_translator, remove_translator, tr

PLUGIN_DIR = os.path.dirname(os.path.abspath(__file__))
ICON_DIR = os.path.join(PLUGIN_DIR, "resources", "icons")
PROVIDER_ID = "ecospace"
MENU_OBJECT_NAME = "EcoSpaceMenu"
TOOLBAR_OBJECT_NAME = "EcoSpaceToolbar"
LOG_TAG = "Ecospace"

# One menu entry. `toolbar`: also show it on the plugin's toolbar.
ActionSpec = namedtuple("ActionSpec", "name icon text slot toolbar")


def metadata_value(key, default=""):
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(os.path.join(PLUGIN_DIR, "metadata.txt"), encoding="utf-8")
    return parser.get("general", key, fallback=default)


class EcoSpacePlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.actions = []
        self.menu = None
        self.toolbar = None
        self.dialogs = {}  # job id -> TaskDialog, reused while the plugin is loaded
        self.dock = None

    # ---- Processing (no GUI code: qgis_process calls this alone) ----

    def initProcessing(self):  # QGIS API name
        install_translator()
        if self.provider is not None:
            return
        problem = deps.problem()
        if problem is not None:
            self.warn(*problem)
        from .processing.provider import EcoSpaceProvider

        # Without a usable shapely 2 the provider is still registered, with no algorithms: the plugin
        # stays loadable, unload() stays symmetric, and the toolbox hides an empty provider anyway.
        provider = EcoSpaceProvider(enabled=problem is None)
        if QgsApplication.processingRegistry().addProvider(provider):
            self.provider = provider
        else:  # another copy of the plugin owns the id: never remove what is not ours
            QgsMessageLog.logMessage(
                tr("A Processing provider with the id '{id}' is already registered; this copy of "
                   "the plugin does not add its own.").format(id=PROVIDER_ID), LOG_TAG, compat.MSG_WARNING)

    def warn(self, title, text):
        """One message: the message bar in QGIS, else the message log (and stderr)."""
        bar = self.iface.messageBar() if self.iface is not None else None
        if bar is not None:
            bar.pushMessage(title, text, compat.MSG_WARNING, 0)
        else:  # qgis_process or a script: the log is not shown there, so also say it on stderr
            QgsMessageLog.logMessage(text, LOG_TAG, compat.MSG_WARNING)
            print("{}: {}".format(title, text), file=sys.stderr)

    # ---- GUI ----

    def action_specs(self):
        """The menu, in order: the task dialogs (ui/jobs.py), the findings panel, then the rest."""
        return [
            ActionSpec("delineation", "delineation.svg", tr("Red-line delineation…"),
                       lambda: self.open_dialog("delineation"), True),
            ActionSpec("redline_check", "redline_check.svg", tr("Red-line delivery check…"),
                       lambda: self.open_dialog("redline"), True),
            ActionSpec("units", "units.svg", tr("Environmental control units…"),
                       lambda: self.open_dialog("units"), True),
            ActionSpec("reserves", "reserves.svg", tr("Protected areas…"),
                       lambda: self.open_dialog("reserves"), True),
            ActionSpec("siting", "siting.svg", tr("Project siting check…"),
                       lambda: self.open_dialog("siting"), True),
            ActionSpec("findings", "findings.svg", tr("Findings panel"), self.show_findings_dock, True),
            ActionSpec("toolbox", "toolbox.svg", tr("Show the algorithms in the Processing toolbox"),
                       self.show_toolbox, True),
            ActionSpec("about", "about.svg", tr("About…"), self.show_about, False),
        ]

    def initGui(self):
        self.initProcessing()
        window = self.iface.mainWindow()
        self.menu = QMenu(tr("Ecological Space"), window)
        self.menu.setObjectName(MENU_OBJECT_NAME)
        self.toolbar = self.iface.addToolBar(tr("Ecological Space"))
        self.toolbar.setObjectName(TOOLBAR_OBJECT_NAME)
        for spec in self.action_specs():
            action = compat.QAction(QIcon(os.path.join(ICON_DIR, spec.icon)), spec.text, window)
            action.setObjectName("ecospace_" + spec.name)
            action.triggered.connect(spec.slot)
            self.menu.addAction(action)
            if spec.toolbar:
                self.toolbar.addAction(action)
            self.actions.append(action)
        self._insert_menu(window)

    def _insert_menu(self, window):
        """A top-level menu, just before Help when QGIS's Help menu can be found."""
        help_menu = window.findChild(QMenu, "mHelpMenu")
        if help_menu is not None:
            window.menuBar().insertMenu(help_menu.menuAction(), self.menu)
        else:
            window.menuBar().addMenu(self.menu)

    def unload(self):
        window = self.iface.mainWindow() if self.iface is not None else None
        self._remove_dialogs()
        for action in self.actions:
            action.deleteLater()
        self.actions = []
        if self.menu is not None:
            window.menuBar().removeAction(self.menu.menuAction())
            self.menu.deleteLater()
            self.menu = None
        if self.toolbar is not None:
            window.removeToolBar(self.toolbar)
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        remove_translator()

    def _remove_dialogs(self):
        """Stop runs, close the task dialogs and remove the findings panel."""
        for dialog in self.dialogs.values():
            dialog.shutdown()
            dialog.close()
            dialog.deleteLater()
        self.dialogs = {}
        if self.dock is not None:
            self.dock.shutdown()
            self.iface.removeDockWidget(self.dock)
            self.dock.deleteLater()
            self.dock = None

    # ---- action slots ----

    def open_dialog(self, job_id):
        """The task dialog of a job (ui/jobs.py): one per job, kept while the plugin is loaded."""
        from .ui.jobs import job_by_id

        job = job_by_id(job_id)
        registry = QgsApplication.processingRegistry()
        if not any(registry.algorithmById(step.algorithm) for step in job.steps):
            self.warn(*(deps.problem() or (
                tr("Ecological Space Control Toolkit"),
                tr("The algorithm {id} is not available.").format(id=job.steps[0].algorithm))))
            return None
        dialog = self.dialogs.get(job_id)
        if dialog is None:
            from .ui.task_dialog import TaskDialog

            dialog = TaskDialog(job, self.iface.mainWindow(), self.iface)
            dialog.results_loaded.connect(self.show_findings)
            self.dialogs[job_id] = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def findings_dock(self):
        """The findings panel, created on first use."""
        if self.dock is None:
            from qgis.PyQt.QtCore import Qt

            from .ui.findings_dock import FindingsDock

            self.dock = FindingsDock(self.iface, self.iface.mainWindow())
            self.iface.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        return self.dock

    def show_findings_dock(self):
        """The findings panel; opened from the menu on a findings layer (e.g. a Processing toolbox
        result), it shows that layer's findings."""
        from .ui.results import is_findings

        dock = self.findings_dock()
        active = self.iface.activeLayer()
        if is_findings(active) and active is not dock.layer:
            dock.set_findings(active)
        return self._raise_dock()

    def _raise_dock(self):
        dock = self.findings_dock()
        dock.show()
        dock.raise_()
        return dock

    def show_findings(self, loaded):
        """After a run: the findings of its group in the panel."""
        if loaded.findings is None:  # a grading run: rasters and tables, no findings to list
            return
        self._raise_dock().set_findings(loaded.findings, loaded.report, loaded.group.name())

    def open_algorithm(self, algorithm_id, parameters=None):
        """The standard Processing dialog of one of our algorithms."""
        if QgsApplication.processingRegistry().algorithmById(algorithm_id) is None:
            self.warn(*(deps.problem() or (
                tr("Ecological Space Control Toolkit"),
                tr("The algorithm {id} is not available.").format(id=algorithm_id))))
            return None
        import processing

        return processing.execAlgorithmDialog(algorithm_id, parameters or {})

    def show_toolbox(self):
        """Open the Processing toolbox, filtered to this plugin's algorithms."""
        from qgis import utils

        toolbox = getattr(utils.plugins.get("processing"), "toolbox", None)
        if toolbox is None:
            self.iface.messageBar().pushMessage(
                tr("Ecological Space Control Toolkit"),
                tr("The Processing plugin is not active. Enable it in Plugins ▸ Manage and Install Plugins."),
                compat.MSG_WARNING, 10)
            return
        toolbox.setVisible(True)
        toolbox.raise_()
        toolbox.searchBox.setText(PROVIDER_ID)  # the filter matches algorithm ids "ecospace:…"

    def about_text(self):
        return tr(
            "<h3>Ecological Space Control Toolkit / 生态空间管控工具箱</h3>"
            "<p>Version {version}</p>"
            "<p>Checks and tools for ecological protection red lines, environmental control units and "
            "protected areas, as Processing algorithms (provider <code>ecospace</code>): use them from "
            "the toolbox, the model builder, Python or qgis_process.</p>"
            "<p>Homepage: <a href=\"{homepage}\">{homepage}</a></p>"
        ).format(version=metadata_value("version"), homepage=metadata_value("homepage"))

    def show_about(self):
        QMessageBox.about(self.iface.mainWindow(), tr("About the Ecological Space Control Toolkit"),
                          self.about_text())
