"""Screenshots to look at: the red-line results on the map, the dialog and the findings panel, in zh_CN.

PNG files go to test-output/ (git-ignored). The test also checks what a look would: labels and
buttons are not cut, and the three severities are present in distinguishable colours.
Set ECOSPACE_SCREENSHOT_QM to a .qm file to use other translations than the shipped ones.
"""
import os
from pathlib import Path

import pytest
from qgis.core import (
    QgsApplication,
    QgsMapRendererParallelJob,
    QgsMapSettings,
)
from qgis.PyQt.QtCore import QSize, QTranslator
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import QAbstractButton, QLabel, QVBoxLayout

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "test-output"
SHIPPED_QM = ROOT / "resources" / "i18n" / "ecospace_zh_CN.qm"
SEVERITY_RGB = {"error": (215, 25, 28), "warning": (253, 141, 60), "info": (44, 123, 182)}


@pytest.fixture
def chinese(provider):
    """The plugin's zh_CN translator installed, and the algorithms re-created so their labels follow."""
    from ecospace import i18n

    qm = os.environ.get("ECOSPACE_SCREENSHOT_QM") or str(SHIPPED_QM)
    if not os.path.exists(qm):
        pytest.skip("no {} (run: bash tools/i18n_build.sh)".format(qm))
    i18n.remove_translator()
    translator = QTranslator()
    assert translator.load(qm)
    QgsApplication.installTranslator(translator)
    provider.refreshAlgorithms()
    yield
    QgsApplication.removeTranslator(translator)
    provider.refreshAlgorithms()


def cut_texts(widget):
    """Visible labels and buttons whose text does not fit their size, and a form wider than its view."""
    cut = []
    scroll = getattr(widget, "formScroll", None)
    if scroll is not None and scroll.widget().width() > scroll.viewport().width() + 1:
        cut.append("form wider than its scroll area")
    for label in widget.findChildren(QLabel):
        if not label.isVisibleTo(widget) or not label.text():
            continue
        if label.wordWrap():
            if label.height() + 1 < label.heightForWidth(label.width()):
                cut.append(label.text())
        elif label.width() + 1 < label.minimumSizeHint().width():
            cut.append(label.text())
    for button in widget.findChildren(QAbstractButton):
        if button.isVisibleTo(widget) and button.text() and button.width() + 1 < button.sizeHint().width():
            cut.append(button.text())
    return cut


def overlapping_rows(dialog):
    """Labels of the parameter form that overlap the widget below them (a wrapped label laid out one
    line short)."""
    bad = []
    for label in dialog.formScroll.findChildren(QLabel):
        box = label.parentWidget().layout()
        if not (isinstance(box, QVBoxLayout) and box.count() == 2 and box.itemAt(0).widget() is label):
            continue  # not a parameter's label over its field
        if label.isVisibleTo(dialog) and label.geometry().bottom() >= box.itemAt(1).widget().geometry().top():
            bad.append(label.text())
    return bad


def colour_count(image, rgb, tolerance=12):
    """Pixels within `tolerance` of a colour (sampled every 2 pixels)."""
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = QColor(image.pixel(x, y))
            if abs(c.red() - rgb[0]) <= tolerance and abs(c.green() - rgb[1]) <= tolerance \
                    and abs(c.blue() - rgb[2]) <= tolerance:
                count += 1
    return count


def render(layers, extent, crs, path, size=(1200, 800)):
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(crs)
    settings.setOutputSize(QSize(*size))
    settings.setExtent(extent)
    settings.setBackgroundColor(QColor(255, 255, 255))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    assert image.save(str(path), "PNG")
    return image


def grab(widget, path, size):
    widget.resize(*size)
    widget.show()
    for _ in range(10):  # a wrapped label's new height is laid out on a later pass
        QgsApplication.processEvents()
    assert widget.grab().save(str(path), "PNG")


def test_english_dialog_fits(sample_project, make_dialog):
    OUT.mkdir(exist_ok=True)
    dialog = make_dialog("redline")
    dialog.advancedGroup.setCollapsed(False)
    grab(dialog, OUT / "redline_dialog_en.png", (1000, 760))
    assert cut_texts(dialog) == []


def test_chinese_screens(chinese, sample_project, make_dialog, out_folder, ui, qgis_iface):
    from ecospace.ui.findings_dock import FindingsDock
    from ecospace.ui.specs import style_path

    OUT.mkdir(exist_ok=True)
    ui.skip_without("ecospace:redline_check")
    dialog = make_dialog("redline")
    first_row = dialog.mainForm.itemAt(0, dialog.mainForm.ItemRole.SpanningRole).widget()
    first_label = first_row.findChild(QLabel).text()
    assert first_label.startswith("生态保护红线"), first_label  # labels come from the re-made algorithm
    grab(dialog, OUT / "redline_dialog_zh_CN.png", (1000, 760))
    assert cut_texts(dialog) == []
    dialog.advancedGroup.setCollapsed(False)
    grab(dialog, OUT / "redline_dialog_advanced_zh_CN.png", (1000, 900))
    assert cut_texts(dialog) == []

    assert dialog.start()
    ui.wait_for_run(dialog)
    loaded = dialog.last
    findings = loaded.findings
    redline, counties = sample_project["redline"], sample_project["counties"]
    redline.loadNamedStyle(style_path("redline"))
    counties.renderer().symbol().setColor(QColor(245, 245, 240))
    image = render([findings, redline, counties], redline.extent().buffered(1500), redline.crs(),
                   OUT / "redline_check_map_zh_CN.png")
    present = {s: colour_count(image, rgb) for s, rgb in SEVERITY_RGB.items()}
    assert present["error"] > 0 and present["warning"] > 0, present  # the sample has no info finding

    dock = FindingsDock(qgis_iface)
    try:
        dock.set_findings(findings, loaded.report, loaded.group.name())
        grab(dock, OUT / "findings_panel_zh_CN.png", (1000, 420))
        assert cut_texts(dock) == []
        canvas = qgis_iface.mapCanvas()
        canvas.setDestinationCrs(findings.crs())
        canvas.setLayers([findings, redline, counties])
        row = dock.listed_row("RL_OVERLAP_PBF")
        assert dock.zoom_to_index(dock.proxy.index(row, 0))
        render([findings, redline, counties], canvas.extent(), findings.crs(),
               OUT / "redline_check_zoom_zh_CN.png", (800, 600))
    finally:
        dock.shutdown()
        dock.deleteLater()
    for name in ("redline_dialog_zh_CN", "redline_dialog_advanced_zh_CN", "redline_check_map_zh_CN",
                 "findings_panel_zh_CN", "redline_check_zoom_zh_CN"):
        assert (OUT / (name + ".png")).stat().st_size > 5000, name


def test_units_map(chinese, sample_project, make_dialog, out_folder, ui, steps):
    """The generated units by class, with their code labels, to check the class colours."""
    ui.skip_without("ecospace:units_generate")
    OUT.mkdir(exist_ok=True)
    dialog = make_dialog("units")
    grab(dialog, OUT / "units_dialog_zh_CN.png", (1000, 760))
    assert cut_texts(dialog) == []
    loaded = steps.run(dialog, 0)
    units = next(lyr for lyr in steps.layers(loaded) if "ZHGKDYFL" in lyr.fields().names())
    image = render([units, sample_project["counties"]], units.extent().buffered(1000), units.crs(),
                   OUT / "units_map_zh_CN.png")
    colours = {c.value(): c.symbol().color() for c in units.renderer().categories()}
    assert len({(c.red(), c.green(), c.blue()) for c in colours.values()}) == 3
    assert image.width() == 1200


def test_delineation_dialog_fits(chinese, sample_project, make_dialog):
    """Every step of the delineation dialog in zh_CN: no label cut (raster, map-layer and multiple inputs)."""
    OUT.mkdir(exist_ok=True)
    dialog = make_dialog("delineation")
    for index in range(dialog.stepCombo.count()):
        dialog.stepCombo.setCurrentIndex(index)
        dialog.advancedGroup.setCollapsed(False)
        grab(dialog, OUT / "delineation_dialog_{}_zh_CN.png".format(index), (1000, 900))
        assert cut_texts(dialog) == [], index


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_failed_run_and_folder_question(language, request, sample_project, make_dialog, out_folder, ui,
                                        qgis_iface):
    """A failed run's whole message in the details box, and the question for an output folder asked
    when the project is not saved: to look at, in English and Chinese."""
    from qgis.core import QgsProject

    from ecospace.ui import task_dialog
    from ecospace.ui.output_folder import FolderChoice

    if language == "zh_CN":
        request.getfixturevalue("chinese")
    ui.skip_without("ecospace:siting_check")
    OUT.mkdir(exist_ok=True)
    dialog = make_dialog("siting")
    dialog.resize(1000, 760)
    dialog.widgets["UNITS"].select(sample_project["townships"])  # no unit code field there: refused
    assert dialog.start()
    ui.wait_for_run(dialog)
    assert dialog.last is None and dialog.detailsText.isVisible()
    assert dialog.status_text in dialog.detailsText.toPlainText() and "HJZHGKDYBM" in dialog.status_text
    assert dialog.statusLabel.text() != dialog.status_text  # the line is cut, the box holds it all
    grab(dialog, OUT / "failed_run_details_{}.png".format(language), (1000, 760))
    assert cut_texts(dialog) == []

    # a dialog over an unsaved project with no folder chosen: the field says the question will come
    request.getfixturevalue("monkeypatch").setattr(task_dialog, "default_folder", lambda: "")
    QgsProject.instance().setFileName("")
    unsaved = make_dialog("redline")
    grab(unsaved, OUT / "unsaved_project_folder_{}.png".format(language), (1000, 760))
    assert unsaved.folderWidget.filePath() == "" and unsaved.folder() == ""
    hint = unsaved.folderWidget.lineEdit().placeholderText()
    assert hint == ("首次运行前询问：项目尚未保存" if language == "zh_CN" else
                    "Asked before the first run: the project is not saved yet")

    question = FolderChoice(qgis_iface.mainWindow(), "/home/technician/ecospace_outputs")
    try:
        grab(question, OUT / "folder_question_{}.png".format(language), (620, 240))
        assert cut_texts(question) == []
        if language == "zh_CN":
            assert question.windowTitle() == "结果保存到哪里？"
    finally:
        question.deleteLater()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_findings_panel_to_work_through(language, request, sample_project, make_dialog, out_folder, ui,
                                        qgis_iface, tmp_path):
    """The findings panel after a finding was accepted as an exception and the check run again: layer
    names, rule titles, feature codes, ticks, the excepted note; and the question for the reason."""
    from qgis.core import QgsProject

    from ecospace.ui.exception_dialog import ExceptionDialog
    from ecospace.ui.findings_dock import AREA, FindingsDock

    if language == "zh_CN":
        request.getfixturevalue("chinese")
    ui.skip_without("ecospace:redline_check")
    OUT.mkdir(exist_ok=True)
    assert QgsProject.instance().write(str(tmp_path / "project.qgz"))
    dialog = make_dialog("redline")
    assert dialog.start()
    ui.wait_for_run(dialog)
    dock = FindingsDock(qgis_iface)
    try:
        dock.set_findings(dialog.last.findings, dialog.last.report, dialog.last.group.name())
        dock.form.tableView.setCurrentIndex(dock.proxy.index(dock.listed_row("RL_OVERLAP_PBF"), 1))
        question = ExceptionDialog(dock.describe(dock.current_row()), dock)
        question.reasonEdit.setPlainText("县级 2024-17 号批复：该农田地块调出" if language == "zh_CN" else
                                         "County approval 2024-17: the farmland field is released")
        grab(question, OUT / "exception_question_{}.png".format(language), (560, 400))
        assert cut_texts(question) == []
        assert dock.accept_exception(question.reason())
        question.deleteLater()
        assert dialog.start()
        ui.wait_for_run(dialog)
        dock.set_findings(dialog.last.findings, dialog.last.report, dialog.last.group.name())
        dock.form.tableView.sortByColumn(AREA, 1)
        for row in (1, 2, 4):
            dock.set_checked(row)
        dock.form.tableView.setCurrentIndex(dock.proxy.index(3, 1))
        grab(dock, OUT / "findings_panel_work_{}.png".format(language), (1200, 460))
        assert cut_texts(dock) == []
        dock.show_severity("")
        dock.form.tableView.sortByColumn(1, 1)  # notes first: the excepted one on top
        grab(dock, OUT / "findings_panel_excepted_{}.png".format(language), (1200, 460))
        assert cut_texts(dock) == []
    finally:
        dock.shutdown()
        dock.deleteLater()
        QgsProject.instance().setFileName("")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("job", ["redline", "delineation", "units", "reserves", "siting"])
def test_every_dialog_step_fits(job, language, request, sample_project, make_dialog):
    """Every task of every dialog, in English and Chinese, on the sample project: grabbed to look at, and
    no label, button or field text cut."""
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    OUT.mkdir(exist_ok=True)
    dialog = make_dialog(job)
    for index in range(dialog.stepCombo.count()):
        dialog.stepCombo.setCurrentIndex(index)
        dialog.advancedGroup.setCollapsed(False)
        path = OUT / "dialog_{}_{}_{}.png".format(job, index, language)
        grab(dialog, path, (1000, 900))
        assert cut_texts(dialog) == [], (job, index, language)
        assert path.stat().st_size > 5000
        bar = dialog.formScroll.verticalScrollBar()
        bar.setValue(bar.maximum())  # the advanced parameters at the end of the form
        grab(dialog, OUT / "dialog_{}_{}_{}_end.png".format(job, index, language), (1000, 900))
        assert overlapping_rows(dialog) == [], (job, index, language)
