"""Algorithms that run on a thread pool (THREADS) talk to QGIS's feedback from the thread that
runs the algorithm only: a model step's feedback moved from a pool thread aborted QGIS 3.40.

The feedback here notes the thread of every progress and message call; with THREADS=2 none may
come from another thread."""
import threading

import pytest
from qgis.core import QgsProcessingFeedback

from ..support import layer, redline_inputs

pytestmark = pytest.mark.usefixtures("provider")


class ThreadNotingFeedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.threads = set()

    def _note(self):
        self.threads.add(threading.get_ident())

    def setProgress(self, progress):
        self._note()
        super().setProgress(progress)

    def setProgressText(self, text):
        self._note()
        super().setProgressText(text)

    def pushInfo(self, info):
        self._note()
        super().pushInfo(info)

    def pushWarning(self, warning):
        self._note()
        super().pushWarning(warning)


def units_params(out):
    return {"UNITS": layer("control_units"), "COUNTIES": layer("counties"), "COUNTY_CODE_FIELD": "XZQDM",
            "REDLINE": layer("redline"), "PRIORITY_LAYERS": [layer("priority_zones"), layer("redline")],
            "KEY_LAYERS": [layer("key_zones")], "OUTPUT": str(out / "findings.gpkg")}


def redline_params(out):
    return dict(redline_inputs(), OUTPUT=str(out / "findings.gpkg"))


@pytest.mark.parametrize("alg, params", [("redline_check", redline_params), ("units_check", units_params)])
def test_feedback_only_from_the_running_thread(alg, params, tmp_path):
    import processing

    feedback = ThreadNotingFeedback()
    processing.run("ecospace:" + alg, dict(params(tmp_path), THREADS=2), feedback=feedback)
    assert feedback.threads == {threading.get_ident()}
