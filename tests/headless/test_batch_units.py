"""tools/batch.sh units_check: county-code partitions and the overlaps' second round, on threads and
on Dask workers, give processing.run's findings and statistics on the sample."""
import pytest

from ..support import layer
from .test_batch_dask import assert_same_findings, assert_same_statistics, cluster, field_names, read, run_batch

__all__ = ["cluster"]  # the Dask fixture, shared with test_batch_dask

STAT_FIELDS = ["county", "class", "units", "area_m2", "area_ha", "share_pct"]


def parameters(out):
    return {"UNITS": layer("control_units"), "COUNTIES": layer("counties"), "REDLINE": layer("redline"),
            "PRIORITY_LAYERS": [layer("priority_zones"), layer("redline")], "KEY_LAYERS": [layer("key_zones")],
            "OUTPUT": str(out / "findings.gpkg"), "STATISTICS": str(out / "statistics.gpkg")}


@pytest.fixture(scope="module")
def reference(tmp_path_factory, provider):
    import processing

    return processing.run("ecospace:units_check", parameters(tmp_path_factory.mktemp("units_run")))


def same_as_reference(reference, results):
    assert (results["ERROR_COUNT"], results["WARNING_COUNT"]) == (reference["ERROR_COUNT"],
                                                                  reference["WARNING_COUNT"])
    fields = field_names(reference["OUTPUT"])
    assert field_names(results["OUTPUT"]) == fields
    ours = read(results["OUTPUT"], fields)
    # the planted tiling defects: overlaps come from the second round, gaps from the counties' owners
    assert {"UNIT_OVERLAP", "UNIT_GAP", "UNIT_CROSS_COUNTY"} <= {row["rule"] for row, _ in ours}
    assert_same_findings(read(reference["OUTPUT"], fields), ours)
    assert_same_statistics(read(reference["STATISTICS"], STAT_FIELDS), read(results["STATISTICS"], STAT_FIELDS))


@pytest.mark.parametrize("cells", [1, 3, 8])
def test_units_check_on_threads_equals_processing_run(reference, tmp_path, cells):
    results = run_batch(parameters(tmp_path), "--no-dask", "--workers", "2", "--cells", str(cells),
                        algorithm="units_check")
    assert results["ROUNDS"] == 2 and results["PARTITIONS"] >= 2  # the runs of county codes and REST
    same_as_reference(reference, results)


def test_units_check_on_a_dask_cluster_equals_processing_run(reference, cluster, tmp_path):
    results = run_batch(parameters(tmp_path), "--scheduler", cluster, "--cells", "4", algorithm="units_check")
    assert len(results["WORKER_PEAK_RSS_MIB"]) == 2
    same_as_reference(reference, results)


def test_units_check_refuses_what_it_cannot_partition(tmp_path):
    proc = run_batch(dict(parameters(tmp_path), STUDY_AREA=layer("counties")), check=False,
                     algorithm="units_check")
    assert proc.returncode == 2 and "STUDY_AREA" in proc.stderr and "qgis_process" in proc.stderr
    proc = run_batch(dict(parameters(tmp_path), COUNTY_CODE_FIELD="NOPE"), check=False, algorithm="units_check")
    assert proc.returncode == 2 and "COUNTY_CODE_FIELD" in proc.stderr
