"""The technician's review loop (issue 12): outputs that last, whole error messages, and what one
task of a dialog carries to the next."""
import os

import pytest
from qgis.core import QgsProject, QgsSettings

from ecospace.ui import output_folder as F
from ecospace.ui import task_dialog

SITING, RESERVE, ACTIVITY = "ecospace:siting_check", "ecospace:reserve_check", "ecospace:human_activity"


@pytest.fixture
def no_folder_chosen(monkeypatch):
    """No remembered output folder; the setting is put back as it was afterwards."""
    settings = QgsSettings()
    before = settings.value(F.FOLDER_KEY, None)
    settings.remove(F.FOLDER_KEY)
    yield
    if before is None:
        QgsSettings().remove(F.FOLDER_KEY)
    else:
        QgsSettings().setValue(F.FOLDER_KEY, before)
    QgsProject.instance().setFileName("")


def never_ask(parent, suggestion):
    raise AssertionError("the dialog asked for a folder")


def test_results_go_beside_the_saved_project(sample_project, no_folder_chosen, make_dialog, tmp_path, ui):
    ui.skip_without("ecospace:redline_check")
    project = QgsProject.instance()
    assert project.write(str(tmp_path / "review.qgz"))
    dialog = make_dialog("redline")
    dialog.ask_folder = never_ask
    beside = str(tmp_path / "ecospace_outputs")
    assert dialog.folderWidget.filePath() == "" and dialog.folder() == beside
    assert dialog.folderWidget.lineEdit().placeholderText() == beside
    assert dialog.start()
    ui.wait_for_run(dialog)
    assert dialog.last is not None, dialog.status_text
    assert all(os.path.dirname(p) == beside and os.path.exists(p) for p in dialog.paths.values())
    assert beside in dialog.detailsText.toPlainText()  # where the files are, in the run's details
    assert QgsSettings().value(F.FOLDER_KEY, "") == ""  # the project's folder is not remembered


def test_unsaved_project_asks_for_a_folder(sample_project, no_folder_chosen, make_dialog, tmp_path, ui):
    ui.skip_without("ecospace:redline_check")
    dialog = make_dialog("redline")
    assert dialog.folder() == "" and "not saved" in dialog.folderWidget.lineEdit().placeholderText()
    asked = []

    def cancel(parent, suggestion):
        asked.append(suggestion)
        return None

    dialog.ask_folder = cancel
    assert not dialog.start() and not dialog.running()  # cancelled: nothing runs, nothing is written
    assert asked == [F.suggested_folder()] and "output folder" in dialog.status_text

    chosen = str(tmp_path / "kept")
    dialog.ask_folder = lambda parent, suggestion: asked.append(suggestion) or (chosen, False)
    assert dialog.start()
    ui.wait_for_run(dialog)
    assert dialog.last is not None and all(p.startswith(chosen + os.sep) for p in dialog.paths.values())
    assert dialog.folderWidget.filePath() == "" and QgsSettings().value(F.FOLDER_KEY, "") == ""

    dialog.ask_folder = lambda parent, suggestion: asked.append(suggestion) or (chosen, True)
    assert dialog.start()  # asked again, the last answer offered first; now remembered
    ui.wait_for_run(dialog)
    assert asked[-1] == chosen and dialog.folderWidget.filePath() == chosen
    assert QgsSettings().value(F.FOLDER_KEY, "") == chosen
    dialog.ask_folder = never_ask
    assert dialog.start()  # the remembered folder: no question
    ui.wait_for_run(dialog)
    other = make_dialog("units")
    assert other.folderWidget.filePath() == chosen  # every dialog starts with it


def test_the_folder_question_itself(qgis_iface, tmp_path):
    dialog = F.FolderChoice(qgis_iface.mainWindow(), str(tmp_path / "a"))
    try:
        ok = dialog.buttonBox.button(dialog.buttonBox.StandardButton.Ok)
        assert dialog.folder() == str(tmp_path / "a") and dialog.remember() and ok.isEnabled()
        dialog.folderWidget.setFilePath("")
        assert not ok.isEnabled()
    finally:
        dialog.deleteLater()


def test_a_temporary_folder_remembered_by_an_earlier_version_is_ignored(no_folder_chosen):
    import tempfile

    stale = os.path.join(tempfile.gettempdir(), "processing_aBcDeF", "ecospace")
    QgsSettings().setValue(F.FOLDER_KEY, stale)
    assert F.is_processing_temp(stale) and F.remembered_folder() == ""
    assert not F.is_processing_temp(os.path.join(os.path.expanduser("~"), "processing_x"))
    assert task_dialog.default_folder() == ""


def test_a_failed_run_shows_its_whole_message(sample_project, make_dialog, out_folder, ui):
    ui.skip_without(SITING)
    dialog = make_dialog("siting")
    dialog.resize(700, 600)
    dialog.widgets["UNITS"].select(sample_project["townships"])  # no unit code field there
    assert dialog.start()
    ui.wait_for_run(dialog)
    whole = dialog.status_text
    assert dialog.last is None and whole.startswith("The run failed") and "HJZHGKDYBM" in whole
    shown = dialog.statusLabel.text()
    assert shown != whole and shown.endswith("…") and whole.startswith(shown.rstrip(" …"))  # cut to fit
    assert dialog.statusLabel.toolTip() == whole
    assert dialog.detailsButton.isVisible() and dialog.detailsButton.isChecked()
    assert dialog.detailsText.isVisible() and whole in dialog.detailsText.toPlainText()
    dialog.detailsButton.click()
    assert not dialog.detailsText.isVisible()
    # the next run starts with a clean slate
    dialog.widgets["UNITS"].select(None)
    assert not dialog.start() and not dialog.detailsButton.isVisible()


def test_zone_mapping_and_fields_carry_to_the_other_tasks(sample_project, make_dialog, out_folder):
    dialog = make_dialog("reserves")
    w = dialog.widgets
    assert w["RESERVE_ID_FIELD"].value() == "BHDDM" and w["ZONE_VALUES"].value() is None
    w["ZONE_VALUES"].widget.setText("YBKZ=general_control")
    w["RESERVE_ID_FIELD"].widget.setField("BHDMC")
    w["ZONE_FIELD"].widget.setField("GNFQ")
    dialog.stepCombo.setCurrentIndex(2)  # human activity: the same zone mapping and fields
    w = dialog.widgets
    assert w["ZONE_VALUES"].value() == "YBKZ=general_control"
    assert w["RESERVE_ID_FIELD"].value() == "BHDMC" and w["ZONE_FIELD"].value() == "GNFQ"
    assert dialog.parameters("x")["ZONE_VALUES"] == "YBKZ=general_control"
    w["ZONE_VALUES"].widget.setText("YBKZ=general_control;SYQ=experimental")
    dialog.stepCombo.setCurrentIndex(1)  # overlaps: no zone mapping there, the reserve id goes on
    assert "ZONE_VALUES" not in dialog.widgets and dialog.widgets["RESERVE_ID_FIELD"].value() == "BHDMC"
    dialog.stepCombo.setCurrentIndex(0)  # back: the latest entry
    w = dialog.widgets
    assert w["ZONE_VALUES"].value() == "YBKZ=general_control;SYQ=experimental"
    assert w["RESERVE_ID_FIELD"].value() == "BHDMC"
    # a field the new layer lacks is not forced on it, and is taken once the layer has it
    w["RESERVES"].select(sample_project["pa_zones"])
    assert w["RESERVE_ID_FIELD"].value() == "BHDDM"
    w["RESERVES"].select(sample_project["protected_areas"])
    assert w["RESERVE_ID_FIELD"].value() == "BHDMC"


def test_a_new_dialog_starts_from_the_guesses(sample_project, make_dialog, out_folder):
    first = make_dialog("reserves")
    first.widgets["ZONE_VALUES"].widget.setText("YBKZ=general_control")
    first.stepCombo.setCurrentIndex(2)
    second = make_dialog("reserves")
    assert second.widgets["ZONE_VALUES"].value() is None  # carried within one dialog only
