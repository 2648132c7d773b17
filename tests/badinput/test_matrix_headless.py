"""A subset of the bad-input matrix through qgis_process, the way a batch user meets it: the same
outcome as through processing.run, no traceback, inputs byte-identical."""
import re

import pytest

from ..support import SAMPLE, needs_qgis_process, qgis_process
from .cases import case_params, digests, input_files
from .test_matrix import Finds, expectation

pytestmark = needs_qgis_process

SUBSET = [("redline_check", "undefined_crs"), ("redline_check", "nan_coordinates"),
          ("redline_check", "output_is_input"), ("units_check", "wrong_field"),
          ("siting_check", "wrong_crs"), ("reserve_check", "gbk_without_cpg"),
          ("human_activity", "truncated"), ("importance_grade", "raster_no_crs")]


def arguments(params):
    """`--NAME=value` arguments; a list (multiple layers) repeats its name, as qgis_process 3.22 wants."""
    args = []
    for name, value in params.items():
        for v in value if isinstance(value, list) else [value]:
            args.append("{}={}".format(name, v))
    return args


@pytest.mark.parametrize("alg,kind", SUBSET, ids=["{}-{}".format(a, k) for a, k in SUBSET])
def test_bad_input_through_qgis_process(alg, kind, tmp_path):
    params = case_params(alg, kind, tmp_path)
    files = input_files(params) | {SAMPLE}
    before = digests(files)
    proc = qgis_process("run", "ecospace:" + alg, "--", *arguments(params))
    text = proc.stdout + proc.stderr
    assert "Traceback" not in text
    assert digests(files) == before
    expected = expectation(alg, kind)
    if isinstance(expected, Finds):
        assert proc.returncode == 0, text
        assert not expected.log or re.search(expected.log, text), text
    else:
        assert proc.returncode != 0
        assert re.search(expected.pattern, text.replace("\n", " ")), text
