"""Run one algorithm as a background QgsTask, with progress and cancel; QGIS stays responsive."""
from qgis.core import (
    QgsApplication,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProject,
    QgsTask,
)
from qgis.PyQt.QtCore import QObject, QTimer, pyqtSignal

# runs under way: their context and feedback must outlive the task even when the dialog that
# started them is closed or deleted (plugin unload)
_RUNNING = set()


class Feedback(QgsProcessingFeedback):
    """Collects the log, so a failure can be shown with the algorithm's own words."""

    text_changed = pyqtSignal(str)  # progress text; emitted from the task's thread, queued to the GUI

    def __init__(self):
        super().__init__()
        self.lines = []
        self.errors = []  # reportError's messages: the reason a run failed, whole

    def setProgressText(self, text):
        self.text_changed.emit(text)
        super().setProgressText(text)

    def reportError(self, error, fatalError=False):
        self.lines.append(error)
        self.errors.append(error)
        super().reportError(error, fatalError)

    def pushInfo(self, info):
        self.lines.append(info)
        super().pushInfo(info)

    def pushWarning(self, warning):
        self.lines.append(warning)
        super().pushWarning(warning)


class AlgorithmRun(QObject):
    """One run. Signals: progress(percent), status(text), finished(ok, results, log)."""

    progress = pyqtSignal(float)
    status = pyqtSignal(str)
    finished = pyqtSignal(bool, dict, list)

    def __init__(self, algorithm, parameters):
        super().__init__()
        self.feedback = Feedback()
        self.context = self._context(self.feedback)  # must outlive the task
        self.feedback.progressChanged.connect(self.progress)
        self.feedback.text_changed.connect(self.status)
        self.task = QgsProcessingAlgRunnerTask(algorithm, parameters, self.context, self.feedback)
        self.task.executed.connect(self._executed)
        self.done = False
        self.ok = False
        self.refused = False  # prepareAlgorithm() refused the parameters (the task cancels itself)

    @staticmethod
    def _context(feedback):
        project = QgsProject.instance()
        context = QgsProcessingContext()
        context.setProject(project)
        context.setFeedback(feedback)
        context.setTransformContext(project.transformContext())
        if project.ellipsoid():
            context.setEllipsoid(project.ellipsoid())
        return context

    def start(self):
        _RUNNING.add(self)
        if self.task.status() == QgsTask.TaskStatus.Terminated:
            # prepareAlgorithm() refused the parameters when the task was made (its message is in
            # the log): the task never runs and never reports, so report the failure here
            self.task = None
            self.refused = True
            QTimer.singleShot(0, self._refused)
            return
        QgsApplication.taskManager().addTask(self.task)

    def _refused(self):
        self.done = True
        self.finished.emit(False, {}, list(self.feedback.lines))
        QTimer.singleShot(0, lambda: _RUNNING.discard(self))

    def cancel(self):
        """Ask the algorithm to stop; it removes what it started writing (outputs.write_all)."""
        self.feedback.cancel()
        if not self.done and self.task is not None:
            self.task.cancel()

    def canceled(self):
        """Stopped by the user (not refused before it began)."""
        return self.feedback.isCanceled() and not self.refused

    def _executed(self, ok, results):
        self.done = True
        self.ok = bool(ok) and not self.feedback.isCanceled()
        self.task = None  # owned by the task manager, which deletes it
        self.finished.emit(self.ok, dict(results or {}), list(self.feedback.lines))
        QTimer.singleShot(0, lambda: _RUNNING.discard(self))  # after the task has left finished()


def running_count():
    """Runs started and not yet finished (tests: nothing may be left running)."""
    return len(_RUNNING)
