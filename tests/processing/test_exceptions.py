"""Accepted exceptions through processing.run: the EXCEPTIONS table of redline_check on the sample.

A planted finding accepted as an exception is reported as an excepted note on the next run (ERROR_COUNT
one lower); once its feature is deleted, the exception is reported as stale (EXC_STALE)."""
import processing
import pytest
from osgeo import gdal
from qgis.core import QgsProcessingException, QgsProject, QgsVectorLayer

from ecospace.processing import exceptions as X

from ..badinput import cases
from ..support import SAMPLE, md5, plain, uri

REASON = "Farmland 933 is to be released (county approval 2024-17)"


def params(out, redline=None, **more):
    gpkg = str(SAMPLE)
    return dict({
        "REDLINE": redline or uri(gpkg, "redline"), "FARMLAND": uri(gpkg, "farmland"),
        "URBAN_BOUNDARY": uri(gpkg, "urban_boundary"), "PROTECTED_AREAS": uri(gpkg, "protected_areas"),
        "CONFLICT_LAYERS": [uri(gpkg, n) for n in ("construction_land", "mining_rights", "settlements")],
        "COUNTIES": uri(gpkg, "counties"), "COUNTY_CODE_FIELD": "XZQDM", "COUNTY_NAME_FIELD": "XZQMC",
        "OUTPUT": str(out / "findings.gpkg")}, **more)


def rows(path):
    layer = QgsVectorLayer(str(path), "f", "ogr")
    return [({n: plain(f[n]) for n in layer.fields().names()}, f.geometry()) for f in layer.getFeatures()]


def pick(found, rule, fid, other_fid=None):
    hits = [(r, g) for r, g in found if r["rule"] == rule and r["feature_fid"] == fid
            and (other_fid is None or r["other_fid"] == other_fid)]
    assert len(hits) == 1, hits
    return hits[0]


def accept(path, row, geometry, crs, algorithm="ecospace:redline_check"):
    finding = dict({name: row.get(name) for name, _ in X.FIELDS if name in row}, algorithm=algorithm)
    return X.append(str(path), finding, geometry, crs, REASON, QgsProject.instance().transformContext())



@pytest.fixture
def first_run(provider, tmp_path):
    out = tmp_path / "first"
    out.mkdir()
    results = processing.run("ecospace:redline_check", params(out))
    return results, rows(results["OUTPUT"]), QgsVectorLayer(results["OUTPUT"], "f", "ogr").crs()


def test_every_algorithm_with_findings_takes_exceptions(provider):
    from qgis.core import QgsApplication

    algs = [a for a in QgsApplication.processingRegistry().providerById("ecospace").algorithms()
            if any(o.name() == "ERROR_COUNT" for o in a.outputDefinitions())]
    assert len(algs) >= 7
    for alg in algs:
        definition = alg.parameterDefinition("EXCEPTIONS")
        assert definition is not None and definition.flags() & definition.Flag.FlagOptional, alg.id()


def test_accepted_finding_is_excepted_then_stale(first_run, tmp_path):
    results, found, crs = first_run
    row, geometry = pick(found, "RL_OVERLAP_PBF", 112, 933)
    assert row["severity"] == "error"
    table = tmp_path / X.FILE_NAME
    accept(table, row, geometry, crs)
    before = md5(table)

    out = tmp_path / "second"
    out.mkdir()
    again = processing.run("ecospace:redline_check", params(out, EXCEPTIONS=X.uri(str(table))))
    assert again["ERROR_COUNT"] == results["ERROR_COUNT"] - 1
    assert again["WARNING_COUNT"] == results["WARNING_COUNT"]
    assert again["INFO_COUNT"] == results["INFO_COUNT"] + 1
    second = rows(again["OUTPUT"])
    excepted, _ = pick(second, "RL_OVERLAP_PBF", 112, 933)
    assert excepted["severity"] == "info" and excepted["note"] == "excepted: " + REASON
    assert pick(second, "RL_OVERLAP_PBF", 112, 934)[0]["severity"] == "error"  # its neighbour is not
    assert not [r for r, _ in second if r["rule"] == "EXC_STALE"]
    assert md5(table) == before  # a run only reads the table

    # the patch is deleted (in a copy of the red line): the exception is stale
    copy = tmp_path / "redline.gpkg"
    gdal.VectorTranslate(str(copy), str(SAMPLE), layers=["redline"], options=["-preserve_fid"])
    edited = QgsVectorLayer(uri(str(copy), "redline"), "r", "ogr")
    assert edited.dataProvider().deleteFeatures([112])
    del edited
    out = tmp_path / "third"
    out.mkdir()
    third = processing.run("ecospace:redline_check",
                           params(out, redline=uri(str(copy), "redline"), EXCEPTIONS=str(table)))
    found = rows(third["OUTPUT"])
    assert not [r for r, _ in found if r["rule"] == "RL_OVERLAP_PBF" and r["feature_fid"] == 112]
    stale, place = pick(found, "EXC_STALE", 112)
    assert (stale["severity"], stale["layer"], stale["other_layer"], stale["other_fid"]) == \
        ("info", "REDLINE", "FARMLAND", 933)
    assert stale["category"] == "RL_OVERLAP_PBF" and stale["note"] == REASON
    assert "112" in stale["message"] and "ecospace_exceptions.gpkg" in stale["message"]
    assert place.equals(geometry) or place.hausdorffDistance(geometry) < 0.01
    assert abs(stale["area_m2"] - row["area_m2"]) < 0.1
    assert third["INFO_COUNT"] == results["INFO_COUNT"] + 1


def test_a_table_that_is_not_an_exceptions_table_is_refused(provider, tmp_path):
    with pytest.raises(QgsProcessingException) as error:
        processing.run("ecospace:redline_check",
                       params(tmp_path, EXCEPTIONS=uri(str(SAMPLE), "counties")))
    assert "has no field rule" in str(error.value) and "ecospace_exceptions.gpkg" in str(error.value)
    assert not (tmp_path / "findings.gpkg").exists()


def test_empty_table_changes_nothing(first_run, tmp_path):
    results, found, crs = first_run
    table = tmp_path / X.FILE_NAME
    row, geometry = pick(found, "RL_HOLE", 37)
    fid = accept(table, row, geometry, crs)
    X.remove(str(table), [fid])
    assert QgsVectorLayer(X.uri(str(table)), "e", "ogr").featureCount() == 0
    out = tmp_path / "again"
    out.mkdir()
    again = processing.run("ecospace:redline_check", params(out, EXCEPTIONS=X.uri(str(table))))
    assert [again[k] for k in ("ERROR_COUNT", "WARNING_COUNT", "INFO_COUNT")] == \
        [results[k] for k in ("ERROR_COUNT", "WARNING_COUNT", "INFO_COUNT")]


def test_a_run_considers_only_its_own_exceptions(first_run, tmp_path):
    """One table serves every check of the project: an exception of another algorithm is neither
    excepted nor stale here; one of unknown origin counts when its rule is one this check reports."""
    results, found, crs = first_run
    table = tmp_path / X.FILE_NAME
    row, geometry = pick(found, "RL_HOLE", 37)
    accept(table, dict(row, rule="UNIT_GAP"), geometry, crs, algorithm="ecospace:units_check")
    accept(table, row, geometry, crs, algorithm="ecospace:units_check")  # same finding, other check
    accept(table, dict(row, feature_fid=999, feature_code="X999"), geometry, crs, algorithm="")  # stale
    accept(table, dict(row, rule="UNIT_GAP"), geometry, crs, algorithm="")  # not a rule of this check
    out = tmp_path / "again"
    out.mkdir()
    again = processing.run("ecospace:redline_check", params(out, EXCEPTIONS=str(table)))
    second = rows(again["OUTPUT"])
    assert pick(second, "RL_HOLE", 37)[0]["severity"] == "warning"
    stale = [r for r, _ in second if r["rule"] == "EXC_STALE"]
    assert [(r["feature_fid"], r["category"]) for r in stale] == [(999, "RL_HOLE")]
    assert again["INFO_COUNT"] == results["INFO_COUNT"] + 1


# the red line among the priority factors (as the dialog guesses) leaves units below MIN_UNIT_AREA: notes
FINDING_PARAMS = {"units_generate": {"PRIORITY_LAYERS": [cases.sample("priority_zones"), cases.sample("redline")]}}


@pytest.mark.parametrize("name", sorted(cases.ALGS))
def test_every_algorithm_applies_its_exceptions(provider, tmp_path, name):
    """For each algorithm with findings (the bad-input matrix's valid parameters on the sample): one
    finding accepted, the next run reports it as an excepted note and nothing as stale."""
    output = cases.findings_output(name)
    extra = FINDING_PARAMS.get(name, {})
    first = processing.run("ecospace:" + name, dict(cases.case_params(name, "valid", tmp_path / "first"), **extra))
    found = rows(first[output])
    assert found, "the sample gives this algorithm no finding: choose parameters that do (FINDING_PARAMS)"
    ranked = sorted(found, key=lambda item: (item[0]["severity"] == "info", item[1].isEmpty()))
    row, geometry = ranked[0]
    table = tmp_path / X.FILE_NAME
    accept(table, row, geometry, QgsVectorLayer(first[output], "f", "ogr").crs(), "ecospace:" + name)
    again = processing.run("ecospace:" + name, dict(cases.case_params(name, "valid", tmp_path / "again"),
                                                    EXCEPTIONS=X.uri(str(table)), **extra))
    second = rows(again[output])
    excepted = [r for r, _ in second if (r["note"] or "").startswith("excepted: ")]
    assert [(r["rule"], r["feature_fid"], r["severity"]) for r in excepted] == \
        [(row["rule"], row["feature_fid"], "info")]
    assert not [r for r, _ in second if r["rule"] == "EXC_STALE"]
    assert len(second) == len(found)
    if row["severity"] != "info" and "ERROR_COUNT" in again:
        key = {"error": "ERROR_COUNT", "warning": "WARNING_COUNT"}[row["severity"]]
        assert again[key] == first[key] - 1 and again["INFO_COUNT"] == first["INFO_COUNT"] + 1
