"""Cancel in every dialog: the task stops, and no layer, group or file is left behind."""
import pytest
from qgis.core import QgsProject

from ecospace.ui import results as R

CASES = [("redline", 0, "ecospace:redline_check"), ("units", 0, "ecospace:units_generate"),
         ("units", 1, "ecospace:units_classify"), ("reserves", 0, "ecospace:reserve_check"),
         ("reserves", 1, "ecospace:protected_area_overlaps"), ("reserves", 2, "ecospace:human_activity")]


@pytest.mark.parametrize("when", ["at once", "while running"])
@pytest.mark.parametrize("job,step,alg", CASES, ids=[c[2].split(":")[1] for c in CASES])
def test_cancel(sample_project, make_dialog, out_folder, ui, job, step, alg, when):
    from ecospace.ui.runner import running_count

    ui.skip_without(alg)
    dialog = make_dialog(job)
    dialog.stepCombo.setCurrentIndex(step)
    if "ZONE_VALUES" in dialog.widgets:
        dialog.widgets["ZONE_VALUES"].widget.setText("YBKZ=general_control")
    before = set(QgsProject.instance().mapLayers())
    assert dialog.start()
    if when == "while running":
        ui.wait_until(lambda: dialog.progressBar.value() > 0 or not dialog.running())
    dialog.cancel()
    ui.wait_for_run(dialog)
    ui.flush(0.05)
    assert running_count() == 0
    if dialog.last is not None:  # the run ended before the cancel reached it: a finished run is kept
        pytest.skip("the run finished before it could be cancelled")
    assert dialog.statusLabel.text().startswith("Cancelled"), dialog.statusLabel.text()
    assert set(QgsProject.instance().mapLayers()) == before and R.job_groups(job) == []
    assert not out_folder.exists() or list(out_folder.iterdir()) == []
