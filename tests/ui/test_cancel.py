"""Cancel in every dialog: the task stops, and no layer, group or file is left behind."""
import pytest

CASES = [("redline", 0, "ecospace:redline_check"), ("units", 0, "ecospace:units_generate"),
         ("units", 1, "ecospace:units_classify"), ("reserves", 0, "ecospace:reserve_check"),
         ("reserves", 1, "ecospace:protected_area_overlaps"), ("reserves", 2, "ecospace:human_activity")]


@pytest.mark.parametrize("when", ["at once", "while running"])
@pytest.mark.parametrize("job,step,alg", CASES, ids=[c[2].split(":")[1] for c in CASES])
def test_cancel(sample_project, make_dialog, out_folder, ui, job, step, alg, when):
    ui.skip_without(alg)
    dialog = make_dialog(job)
    dialog.stepCombo.setCurrentIndex(step)
    if "ZONE_VALUES" in dialog.widgets:
        dialog.widgets["ZONE_VALUES"].widget.setText("YBKZ=general_control")
    ui.cancel_and_check(dialog, job, when, out_folder)
