"""Where a dialog writes its results: a folder that lasts, never a temporary one without a word.

In order: the folder the user chose (the dialog's Output folder field, or the question below with
"use this folder for later runs too"), remembered in QgsSettings; else `ecospace_outputs` beside the
saved project; else, with an unsaved project, the dialog asks (FolderChoice) before the run.
"""
import os
import tempfile

from qgis.core import QgsProject, QgsSettings
from qgis.gui import QgsFileWidget
from qgis.PyQt import uic
from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox

FOLDER_KEY = "ecospace/output_folder"
PROJECT_SUBFOLDER = "ecospace_outputs"

FORM, _BASE = uic.loadUiType(os.path.join(os.path.dirname(__file__), "forms", "folder_choice.ui"))


def is_processing_temp(path):
    """A folder inside Processing's temporary folder (/tmp/processing_xxxx/…): gone when QGIS closes.
    Earlier versions remembered one of these as the output folder."""
    if not path:
        return False
    temp = os.path.realpath(tempfile.gettempdir())
    real = os.path.realpath(str(path))
    if not real.startswith(temp + os.sep):
        return False
    return any(part.startswith("processing_") for part in real[len(temp) + 1:].split(os.sep))


def remembered_folder():
    """The folder the user chose for the results, or ''."""
    saved = QgsSettings().value(FOLDER_KEY, "") or ""
    return "" if is_processing_temp(saved) else str(saved)


def remember_folder(path):
    """Keep `path` for later runs; '' forgets it (results go beside the saved project again)."""
    settings = QgsSettings()
    if path:
        settings.setValue(FOLDER_KEY, path)
    else:
        settings.remove(FOLDER_KEY)


def project_folder(project=None):
    """`ecospace_outputs` beside the saved project file, or '' for a project never saved."""
    home = (project or QgsProject.instance()).absolutePath()
    return os.path.join(home, PROJECT_SUBFOLDER) if home else ""


def suggested_folder():
    """What the question offers first: ~/ecospace_outputs."""
    return os.path.join(os.path.expanduser("~"), PROJECT_SUBFOLDER)


class FolderChoice(QDialog, FORM):
    """The question asked before a run when the project is not saved and no folder was chosen."""

    def __init__(self, parent=None, suggestion=""):
        super().__init__(parent)
        self.setupUi(self)
        self.setObjectName("EcoSpaceFolderChoice")
        self.folderWidget.setStorageMode(QgsFileWidget.StorageMode.GetDirectory)
        self.folderWidget.setFilePath(suggestion or suggested_folder())
        self.folderWidget.fileChanged.connect(self._update)
        self.buttonBox.accepted.connect(self.accept)
        self.buttonBox.rejected.connect(self.reject)
        self._update()

    def _update(self, *_args):
        self.buttonBox.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.folder()))

    def folder(self):
        return self.folderWidget.filePath().strip()

    def remember(self):
        return self.rememberCheck.isChecked()


def ask_folder(parent, suggestion=""):
    """Ask for an output folder: (folder, remember), or None when the user cancels."""
    dialog = FolderChoice(parent, suggestion)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.folder():
            return None
        return dialog.folder(), dialog.remember()
    finally:
        dialog.deleteLater()
