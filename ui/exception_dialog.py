"""The question of "Accept as exception…": which finding, and why it is accepted (a reason is required)."""
from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout

from ..i18n import tr
from ..processing.exceptions import FILE_NAME


class ExceptionDialog(QDialog):
    def __init__(self, finding, parent=None):
        """`finding`: (its summary, its message)."""
        super().__init__(parent)
        self.setObjectName("EcoSpaceExceptionDialog")
        self.setWindowTitle(tr("Accept as exception"))
        summary, message = finding
        layout = QVBoxLayout(self)
        for text, bold in ((summary, True), (message, False), (tr(
                "Later runs of this check report the finding as an excepted note, not as an error or a "
                "warning, while it stays where it is. The exception is kept in {file} beside the "
                "project.").format(file=FILE_NAME), False), (tr("Reason (required):"), False)):
            label = QLabel(text, self)
            label.setWordWrap(True)
            if bold:
                font = label.font()
                font.setBold(True)
                label.setFont(font)
            layout.addWidget(label)
        self.reasonEdit = QPlainTextEdit(self)
        self.reasonEdit.setObjectName("reasonEdit")
        self.reasonEdit.setPlaceholderText(tr("e.g. approved by the county on 2024-05-10 (document no. …)"))
        layout.addWidget(self.reasonEdit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Accept as exception"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reasonEdit.textChanged.connect(self._reason_changed)
        self._reason_changed()
        self.resize(560, 400)

    def reason(self):
        return self.reasonEdit.toPlainText().strip()

    def _reason_changed(self):
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.reason()))
