"""Every algorithm × every kind of bad input a user can bring, through processing.run.

Each case asserts its exact outcome (the refusal's words, or the findings it adds to those of the
valid run), that every input file is byte-identical afterwards (a GeoPackage given a new table,
trigger or style would differ too), that a refused run leaves no file behind, and that memory stays
bounded (each case runs under a data-segment cap: a runaway fails the case instead of the machine).
"""
import collections
import re

import pytest

from ..support import SAMPLE
from .cases import ALGS, RASTER_ALGS, case_params, digests, input_files, kinds_for, new_files, run_case

pytestmark = pytest.mark.usefixtures("provider")

GEOM_BAD = r"_GEOM_(INVALID|NULL)$|_INPUT_INVALID$"
NO_GEOMETRY = r"features have no geometry \(NULL or empty\) and take no part in the spatial checks"


class Refuse:
    """The run is refused with a message matching `pattern`; nothing is written."""

    def __init__(self, pattern):
        self.pattern = pattern

    def check(self, outcome, baseline, written):
        assert outcome.refused, "ran, but should have been refused ({})".format(self.pattern)
        assert re.search(self.pattern, outcome.message, re.S), outcome.message  # GDAL 3.13 adds lines
        assert not written, "a refused run left {}".format(written)


class Finds:
    """The run succeeds, with at least `more` findings of rules matching `pattern` beyond the valid
    run's, and the log matching `log` when given."""

    def __init__(self, pattern, more=1, log=None):
        self.pattern, self.more, self.log = pattern, more, log

    def check(self, outcome, baseline, written):
        assert not outcome.refused, outcome.message
        if self.log:
            assert re.search(self.log, outcome.log), outcome.log
        if self.more:
            assert count(outcome.rules, self.pattern) >= count(baseline, self.pattern) + self.more, (
                outcome.rules, baseline)


class Same(Finds):
    """The run succeeds with the valid run's rules (reprojected or converted input, same content),
    plus those matching `extra` (a note on the CRS, say)."""

    def __init__(self, log=None, extra=None):
        super().__init__("", more=0, log=log)
        self.extra = extra

    def check(self, outcome, baseline, written):
        super().check(outcome, baseline, written)
        rules = {r for r in outcome.rules or {} if not (self.extra and re.search(self.extra, r))}
        assert rules == set(baseline or {}), (outcome.rules, baseline)


def count(rules, pattern):
    return sum(n for rule, n in (rules or {}).items() if re.search(pattern, rule))


DEFAULT = {
    "empty": Refuse(r"is empty"),
    "points": Refuse(r"must hold polygons, but it holds Point"),
    "no_crs": Refuse(r"has no coordinate reference system\. Its coordinates run from x = 36,\d.*Gauss-Krüger eastings "
                     r"of 3-degree zone 36.*Layer Properties › Source, here probably EPSG:4524"),
    # QGIS 3.22/3.40 read srs_id 0 as 'Undefined geographic SRS'; 3.44 (GDAL 3.13) as no CRS at all
    "undefined_crs": Refuse(r"undefined coordinate reference system 'Undefined geographic SRS'|^Layer 'undefined_crs' "
                            r"has no coordinate reference system\. Its coordinates run from"),
    "wrong_crs": Refuse(r"says it is in EPSG:4490 .*cannot be in that CRS"),
    "epsg4490": Same(log=r"reprojected"),
    "epsg4326": Same(log=r"reprojected", extra=r"_CRS_WGS84$"),
    "nan_coordinates": Finds(GEOM_BAD, 2),
    "huge_coordinates": Finds(GEOM_BAD, 1),
    "null_and_empty": Finds(r"_(GEOM|INPUT)_NULL$", 2, log=NO_GEOMETRY),
    "degenerate": Finds(GEOM_BAD, 2),
    "curved_z": Finds("", more=0, log=r"curved or Z/M"),
    "gbk_without_cpg": Finds("", more=0, log=r"did not decode .*probably GBK-encoded without a \.cpg file"),
    "truncated": Refuse(r"is damaged: .*truncated\.gpkg is shorter than its header says"),
    "raster": Refuse(r"needs a vector layer, but .*raster\.tif is a raster"),
    "output_is_input": Refuse(r"The output OUTPUT \(.*ecospace_sample\.gpkg\) is the file of the input \w+, and inputs "
                              r"are never written to"),
    "output_parent_is_file": Refuse(r"cannot be written: .*blocker is a file, not a folder"),
    "missing_field": Refuse(r"has no field 'NO_SUCH_FIELD'"),
    "out_of_range": Refuse(r"must be a number (of at least|from) "),
    # rasters
    "all_nodata": Refuse(r"has no valid cell"),
    "nan_cells": Finds("", more=0),
    "raster_no_crs": Refuse(r"has no coordinate reference system"),
    "raster_wrong_crs": Refuse(r"cannot be in that CRS"),
    "raster_truncated": Refuse(r"Raster 'truncated' \(.*truncated\.tif\) could not be read: .*The file is "
                               r"probably cut off"),
    "vector_for_raster": Refuse(r"needs a raster, but .*ecospace_sample\.gpkg is a vector layer"),
    "folder_is_file": Refuse(r"The output folder SERVICE_FOLDER \(.*input1\.tif\) is the file of the input SERVICES"),
}

COUNTY_NAMES = Refuse(r"COUNTY_CODE_FIELD: no value of field 'XZQMC' of layer '\w+' is a 6-digit county code")

# (algorithm, kind) -> what differs from DEFAULT, and why
SPECIFIC = {
    # a code field missing from a delivered red line is itself a finding of the delivery
    ("redline_check", "missing_field"): Finds(r"^RL_FIELD_MISSING$", 1),
    ("redline_check", "wrong_field"): Refuse(r"AREA_FIELD: field 'BSM' of layer 'redline' is a field of type "
                                             r"String holding '450122STBHHX0001'.*needs numbers"),
    # an empty layer among several protected-area layers: the others still make the candidate
    ("redline_candidate", "empty"): Finds("", more=0),
    # no rule for a unit or admin area without geometry: the log counts them
    ("redline_candidate", "null_and_empty"): Finds("", more=0, log=NO_GEOMETRY),
    ("units_generate", "null_and_empty"): Finds("", more=0, log=NO_GEOMETRY),
    ("units_classify", "null_and_empty"): Finds("", more=0, log=NO_GEOMETRY),
    ("units_code", "null_and_empty"): Finds("", more=0, log=NO_GEOMETRY),
    ("reserve_check", "empty"): Refuse(r"RESERVES and ZONES must both hold features"),
    # undecodable zone names cannot be mapped: the refusal says why first
    ("reserve_check", "gbk_without_cpg"):
        Refuse(r"the text of ZONE_FIELD did not decode .*GBK-encoded without a \.cpg"),
    ("redline_compare", "wrong_field"): COUNTY_NAMES,
    ("units_generate", "wrong_field"): Refuse(r"ADMIN_CODE_FIELD: no value of field 'XZQMC' of layer 'townships'"),
    ("units_classify", "wrong_field"): COUNTY_NAMES,
    ("units_code", "wrong_field"): COUNTY_NAMES,
    ("units_check", "wrong_field"): COUNTY_NAMES,
    # project sites and activities may be points
    ("siting_check", "points"): Finds("", more=0),
    ("human_activity", "points"): Finds(r"^HA_(STRICT|CONTROL)_ZONE$", 0),
    # a number field where zone names are expected: every value is named as unknown
    ("reserve_check", "wrong_field"): Refuse(r"ZONES holds zone names that no mapping knows: '1247.44'"),
    # LEVEL_FIELD and TYPE_FIELD are optional: a field the layer lacks is skipped with a note
    ("protected_area_overlaps", "missing_field"): Finds("", more=0, log=r"has no field NO_SUCH_FIELD"),
    ("protected_area_overlaps", "wrong_field"): Finds(r"^PA_VALUE_UNKNOWN$", 8),
    ("human_activity", "missing_field"): Finds("", more=0, log=r"ACTIVITIES has no field NO_SUCH_FIELD; TYPE_FIELD "
                                                              r"is not used"),
}


def expectation(alg, kind):
    if (alg, kind) in SPECIFIC:
        return SPECIFIC[(alg, kind)]
    if kind == "out_of_range" and alg in RASTER_ALGS:
        return Refuse(r"BAND: raster 'input0' has 1 band\(s\), so there is no band 3")
    if kind == "output_is_input" and alg in RASTER_ALGS:
        return Refuse(r"The output OUTPUT \(.*input0\.tif\) is the file of the input \w+, and inputs are never")
    return DEFAULT[kind]


CASES = [(alg, kind) for alg in list(ALGS) + list(RASTER_ALGS) for kind in kinds_for(alg)]
_BASELINES = {}


def baseline(alg, folder):
    """The findings' rules of the valid run (computed once per algorithm)."""
    if alg not in _BASELINES:
        outcome = run_case(alg, case_params(alg, "valid", folder))
        assert not outcome.refused, outcome.message
        _BASELINES[alg] = outcome.rules
    return _BASELINES[alg]


@pytest.mark.parametrize("alg,kind", CASES, ids=["{}-{}".format(a, k) for a, k in CASES])
def test_bad_input(alg, kind, tmp_path):
    expected = expectation(alg, kind)
    base = baseline(alg, tmp_path / "valid") if isinstance(expected, Finds) else None
    case = tmp_path / "case"
    case.mkdir()
    params = case_params(alg, kind, case)
    made = set(case.rglob("*"))
    files = input_files(params) | {SAMPLE}
    before = digests(files)
    outcome = run_case(alg, params)
    assert "Traceback" not in outcome.message + outcome.log
    assert digests(files) == before, "an input file changed"
    # QGIS itself caches a raster's statistics in <raster>.aux.xml when it opens a raster parameter
    # (any algorithm, any QGIS tool): not a change of the input, so not counted as written here
    sidecars = {str(f.relative_to(case)) + ".aux.xml" for f in files if f.suffix == ".tif" and case in f.parents}
    expected.check(outcome, base, [f for f in new_files(case, made) if f not in sidecars])


def test_every_case_has_an_expectation():
    missing = [(a, k) for a, k in CASES if k not in DEFAULT and (a, k) not in SPECIFIC]
    assert not missing
    assert len(CASES) >= 14 * 10 and len(collections.Counter(k for _, k in CASES)) >= 18
