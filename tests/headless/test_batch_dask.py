"""tools/batch.sh: redline_check and human_activity on Dask workers give processing.run's findings,
statistics and summary.

A `dask scheduler` and a `dask worker` (two processes) are started on 127.0.0.1 for the test; the
workers get core/ from the batch (no PYTHONPATH, no QGIS). Skipped when dask is not installed
(requirements-batch.txt). Without Dask the batch says how to install it, and --no-dask runs it here.
"""
import json
import math
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import shapely
from osgeo import ogr

from ..support import ROOT, SAMPLE, layer, redline_inputs

BATCH = ROOT / "tools" / "batch.sh"
DASK = Path(sys.executable).with_name("dask")


def parameters(out):
    return dict(redline_inputs(), OUTPUT=str(out / "findings.gpkg"), STATISTICS=str(out / "statistics.gpkg"))


def as_arguments(params):
    out = []
    for name, value in params.items():
        for one in (value if isinstance(value, list) else [value]):
            out.append("{}={}".format(name, one))
    return out


def read(gpkg, fields):
    ds = ogr.Open(str(gpkg))
    layer = ds.GetLayer(0)
    rows = []
    for feature in layer:
        geom = feature.GetGeometryRef()
        shape = None if geom is None else shapely.from_wkb(bytes(geom.ExportToWkb()))
        # QGIS writes a finding without geometry as an empty one, OGR as NULL: the same to a reader
        rows.append(({f: feature.GetField(f) for f in fields},
                     None if shape is None or shape.is_empty else shapely.normalize(shape).wkb))
    return rows


FINDING_KEY = ("rule", "severity", "layer", "feature_fid", "feature_code", "other_layer", "other_fid",
               "other_code", "note", "message")  # the words too: the driver writes processing.run's
FINDING_NUMBERS = ("area_m2", "length_m", "value", "threshold")


def assert_same_findings(a, b):
    def keyed(rows):
        out = {}
        for row, geom in rows:
            key = tuple(row.get(k) for k in FINDING_KEY)
            out.setdefault(key, []).append((geom, tuple(row.get(k) for k in FINDING_NUMBERS)))
        return {k: sorted(v, key=repr) for k, v in out.items()}
    ka, kb = keyed(a), keyed(b)
    assert sorted(ka, key=repr) == sorted(kb, key=repr)
    for key in ka:
        assert [g for g, _ in ka[key]] == [g for g, _ in kb[key]], key
        for (_, x), (_, y) in zip(ka[key], kb[key]):
            for u, v in zip(x, y):
                assert (u is None and v is None) or math.isclose(u, v, rel_tol=1e-9), (key, x, y)


def assert_same_statistics(a, b):
    assert len(a) == len(b)
    for (x, _), (y, _) in zip(a, b):
        for k in x:
            if isinstance(x[k], float):
                assert math.isclose(x[k], y[k], rel_tol=1e-9) or (math.isnan(x[k]) and math.isnan(y[k])), k
            else:
                assert x[k] == y[k], k


@pytest.fixture(scope="module")
def reference(tmp_path_factory, provider):
    import processing

    out = tmp_path_factory.mktemp("processing_run")
    results = processing.run("ecospace:redline_check", parameters(out))
    return results


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """(scheduler address) of a scheduler and a worker with two processes on 127.0.0.1."""
    pytest.importorskip("distributed", reason="dask is not installed (requirements-batch.txt)")
    folder = tmp_path_factory.mktemp("dask")
    scheduler_file = folder / "scheduler.json"
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)  # the workers get core/ from the batch, not from here
    # each in a session of its own, ended with all its children (the worker's processes) below
    common = dict(cwd=str(folder), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                  start_new_session=True)
    procs = [subprocess.Popen([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", "0",
                               "--no-dashboard", "--scheduler-file", str(scheduler_file)], **common)]
    try:
        for _ in range(300):
            if scheduler_file.exists() and scheduler_file.stat().st_size:
                break
            time.sleep(0.1)
        address = json.loads(scheduler_file.read_text())["address"]
        procs.append(subprocess.Popen([str(DASK), "worker", address, "--nworkers", "2",
                                       "--nthreads", "1", "--host", "127.0.0.1", "--no-dashboard",
                                       "--memory-limit", "1GB"], **common))
        from distributed import Client

        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=60)
        yield address
    finally:
        for proc in reversed(procs):
            stop(proc)


def stop(proc):
    """End a process started with start_new_session and every process of its group."""
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 10)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            continue
        try:  # the group may outlive its leader: the worker's children
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            return


def run_batch(params, *options, check=True, algorithm="redline_check", env=None):
    lang = [] if "--lang" in options or env else ["--lang", "en"]  # processing.run's here: no translator
    proc = subprocess.run(["bash", str(BATCH), algorithm, "--"] + as_arguments(params)
                          + list(options) + lang + ["--json"], capture_output=True, text=True, timeout=300,
                          env=env)
    if check:
        assert proc.returncode == 0, proc.stderr[-3000:]
        return json.loads(proc.stdout.strip().splitlines()[-1])
    return proc


def test_batch_on_a_dask_cluster_equals_processing_run(reference, cluster, tmp_path):
    results = run_batch(parameters(tmp_path), "--scheduler", cluster, "--cells", "9")
    assert results["PARTITIONS"] >= 10  # the cells (about 9) and the null partition
    assert len(results["WORKER_PEAK_RSS_MIB"]) == 2
    assert results["ERROR_COUNT"] == reference["ERROR_COUNT"]
    assert results["WARNING_COUNT"] == reference["WARNING_COUNT"]
    fields = field_names(reference["OUTPUT"])
    assert field_names(results["OUTPUT"]) == fields
    assert_same_findings(read(reference["OUTPUT"], fields), read(results["OUTPUT"], fields))
    stat_fields = ["code", "name", "patches", "area_m2", "area_ha", "area_km2", "county_area_m2",
                   "share_pct"]
    assert_same_statistics(read(reference["STATISTICS"], stat_fields),
                           read(results["STATISTICS"], stat_fields))


def test_batch_without_dask_runs_on_threads(reference, tmp_path):
    results = run_batch(parameters(tmp_path), "--no-dask", "--workers", "2", "--cells", "4")
    fields = field_names(reference["OUTPUT"])
    assert_same_findings(read(reference["OUTPUT"], fields), read(results["OUTPUT"], fields))


def test_batch_by_county_equals_the_grid(tmp_path):
    """--by-county: partitions of whole counties (named by their codes in the log), the same
    findings and statistics as the grid's on the sample."""
    (tmp_path / "grid").mkdir()
    grid = run_batch(parameters(tmp_path / "grid"), "--no-dask", "--workers", "2", "--cells", "4")
    proc = run_batch(parameters(tmp_path), "--no-dask", "--workers", "2", "--cells", "2", "--by-county",
                     check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    counties = json.loads(proc.stdout.strip().splitlines()[-1])
    assert "county groups" in counties["GRID"] and "x" in grid["GRID"] and grid["FINDINGS"] > 20
    assert "partition 0: counties 4501" in proc.stderr and "partition -1: features without geometry" in proc.stderr
    fields = field_names(grid["OUTPUT"])
    assert_same_findings(read(grid["OUTPUT"], fields), read(counties["OUTPUT"], fields))
    stat_fields = ["code", "name", "patches", "area_m2", "area_ha", "area_km2", "county_area_m2", "share_pct"]
    assert_same_statistics(read(grid["STATISTICS"], stat_fields), read(counties["STATISTICS"], stat_fields))
    proc = run_batch(activity_parameters(tmp_path, "activity_points"), "--by-county", check=False,
                     algorithm="human_activity")
    assert proc.returncode == 2 and "--by-county is an option of redline_check" in proc.stderr


def field_names(gpkg):
    ds = ogr.Open(str(gpkg))  # kept: its layers die with it
    defn = ds.GetLayer(0).GetLayerDefn()
    return [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]


def test_batch_says_what_it_cannot_do(tmp_path):
    proc = run_batch({"REDLINE": str(SAMPLE)}, check=False)  # several tables: which one?
    assert proc.returncode == 2 and "layername=" in proc.stderr
    proc = subprocess.run(["bash", str(BATCH), "units_generate", "--", "UNITS=x"], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 2 and "redline_check" in proc.stderr
    proc = run_batch(parameters(tmp_path), "--memory-limit", "100MB", check=False)
    assert proc.returncode == 2 and "give each at least 512MB" in proc.stderr
    proc = run_batch(dict(activity_parameters(tmp_path, "activity_points"), ZONE_VALUES="YBKZ=wild"),
                     check=False, algorithm="human_activity")
    assert proc.returncode == 2 and "ZONE_VALUES: 'YBKZ=wild' is not a value=kind pair" in proc.stderr
    proc = run_batch(dict(activity_parameters(tmp_path, "activity_points"), RESERVES=layer("activity_points")),
                     check=False, algorithm="human_activity")
    assert proc.returncode == 2 and "RESERVES: a table of polygons, not of points" in proc.stderr


def test_batch_without_dask_installed_says_how_to_install_it(tmp_path):
    """A python whose `distributed` cannot be imported gets the install hint, not a traceback."""
    blocker = tmp_path / "distributed.py"
    blocker.write_text("raise ImportError('no dask here')\n")
    env = dict(os.environ, PYTHONPATH=str(tmp_path))
    proc = subprocess.run(["bash", str(BATCH), "redline_check", "--"]
                          + as_arguments(parameters(tmp_path)) + ["--cluster"], capture_output=True, text=True,
                          timeout=120, env=env)
    assert proc.returncode == 2, proc.stderr
    assert "requirements-batch.txt" in proc.stderr and "--no-dask" in proc.stderr


def test_a_small_input_runs_on_threads_without_a_cluster(reference, tmp_path):
    """No --scheduler and a small input: no LocalCluster to start (its start-up would outweigh the
    work); the batch says so, and the findings are the same."""
    proc = run_batch(parameters(tmp_path), "--workers", "2", check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "a small input" in proc.stderr and "--cluster" in proc.stderr
    results = json.loads(proc.stdout.strip().splitlines()[-1])
    assert results["WORKER_PEAK_RSS_MIB"] == {} and results["PARTITIONS"] >= 4
    fields = field_names(reference["OUTPUT"])
    assert_same_findings(read(reference["OUTPUT"], fields), read(results["OUTPUT"], fields))


# --- human_activity -------------------------------------------------------------------------

def activity_parameters(out, activities, previous=None):
    params = {"ACTIVITIES": layer(activities), "RESERVES": layer("protected_areas"), "ZONES": layer("pa_zones"),
              "ZONE_VALUES": "YBKZ=general_control", "REDLINE": layer("redline"),
              "OUTPUT": str(out / "activity.gpkg"), "SUMMARY": str(out / "summary.gpkg")}
    if previous:
        params["PREVIOUS"] = layer(previous)
    return params


SUMMARY_FIELDS = ["reserve_id", "reserve_fid", "zone", "type", "count", "area_m2", "area_ha"]


@pytest.mark.parametrize("activities, previous", [("activity_polygons", "activity_polygons_2024"),
                                                  ("activity_points", None)])
def test_human_activity_on_a_dask_cluster_equals_processing_run(provider, cluster, tmp_path, activities,
                                                                previous):
    import processing

    (tmp_path / "ref").mkdir()
    reference = processing.run("ecospace:human_activity", activity_parameters(tmp_path / "ref", activities,
                                                                              previous))
    results = run_batch(activity_parameters(tmp_path, activities, previous), "--scheduler", cluster,
                        "--cells", "9", algorithm="human_activity")
    assert results["PARTITIONS"] >= 10
    assert (results["ERROR_COUNT"], results["WARNING_COUNT"]) == (reference["ERROR_COUNT"],
                                                                  reference["WARNING_COUNT"])
    fields = field_names(reference["OUTPUT"])
    assert field_names(results["OUTPUT"]) == fields
    ours = read(results["OUTPUT"], fields)
    assert {row["rule"] for row, _ in ours} >= {"HA_STRICT_ZONE", "HA_CONTROL_ZONE"}
    assert_same_findings(read(reference["OUTPUT"], fields), ours)
    assert_same_statistics(read(reference["SUMMARY"], SUMMARY_FIELDS), read(results["SUMMARY"], SUMMARY_FIELDS))


def test_human_activity_without_dask_on_threads(provider, tmp_path):
    import processing

    (tmp_path / "ref").mkdir()
    params = activity_parameters(tmp_path / "ref", "activity_polygons", "activity_polygons_2024")
    reference = processing.run("ecospace:human_activity", params)
    results = run_batch(activity_parameters(tmp_path, "activity_polygons", "activity_polygons_2024"),
                        "--no-dask", "--workers", "2", "--cells", "16", algorithm="human_activity")
    fields = field_names(reference["OUTPUT"])
    assert_same_findings(read(reference["OUTPUT"], fields), read(results["OUTPUT"], fields))
    assert_same_statistics(read(reference["SUMMARY"], SUMMARY_FIELDS), read(results["SUMMARY"], SUMMARY_FIELDS))


@pytest.mark.parametrize("algorithm", ["redline_check", "human_activity"])
def test_messages_in_chinese_equal_processing_run(provider, tmp_path, algorithm):
    """--lang zh_CN: the driver writes the plugin's zh_CN messages, as QGIS in Chinese does."""
    import processing

    from ecospace import i18n

    def params(out):
        return (parameters(out) if algorithm == "redline_check"
                else activity_parameters(out, "activity_polygons", "activity_polygons_2024"))
    (tmp_path / "ref").mkdir()
    i18n.remove_translator()
    assert i18n.install_translator("zh_CN"), "no resources/i18n/ecospace_zh_CN.qm: run bash tools/i18n_build.sh"
    try:
        reference = processing.run("ecospace:" + algorithm, params(tmp_path / "ref"))
    finally:
        i18n.remove_translator()
    results = run_batch(params(tmp_path), "--no-dask", "--cells", "4", "--lang", "zh_CN", algorithm=algorithm)
    fields = field_names(reference["OUTPUT"])
    ours = read(results["OUTPUT"], fields)
    assert any("\u7ea2\u7ebf" in (row["message"] or "") or "\u6d3b\u52a8" in (row["message"] or "")
               for row, _ in ours)  # 红线 / 活动: Chinese words
    assert_same_findings(read(reference["OUTPUT"], fields), ours)


def test_messages_follow_the_language_of_the_qgis_profile(tmp_path):
    """Without --lang the driver takes the language QGIS's default profile is set to (zh_CN here),
    not the system's (LANG=C)."""
    from qgis.core import Qgis

    app = "QGIS{}".format(Qgis.QGIS_VERSION_INT // 10000)
    ini = tmp_path / "home" / ".local" / "share" / "QGIS" / app / "profiles" / "default" / "QGIS" / (app + ".ini")
    ini.parent.mkdir(parents=True)
    ini.write_text("[locale]\noverrideFlag=true\nuserLocale=zh_CN\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "LC_", "LANG"))}
    env.update(HOME=str(tmp_path / "home"), LANG="C")
    results = run_batch(parameters(tmp_path), "--no-dask", "--cells", "4", env=env)
    messages = [row["message"] or "" for row, _ in read(results["OUTPUT"], ["message"])]
    assert messages and all(re.search("[\u4e00-\u9fff]", m) for m in messages), messages[:3]  # Chinese


def test_messages_left_empty_without_qgis_say_so(tmp_path):
    """A driver Python without QGIS: the batch runs, the message column stays empty, and it says
    once how to get them."""
    blocker = tmp_path / "qgis"
    blocker.mkdir()
    (blocker / "__init__.py").write_text("raise ImportError('no QGIS here')\n")
    env = dict(os.environ, PYTHONPATH=str(tmp_path))
    proc = subprocess.run(["bash", str(BATCH), "redline_check", "--"] + as_arguments(parameters(tmp_path))
                          + ["--no-dask", "--cells", "2", "--json"], capture_output=True, text=True,
                          timeout=120, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stderr.count("message column is left empty") == 1 and "ECOSPACE_PYTHON" in proc.stderr
    rows = read(json.loads(proc.stdout.strip().splitlines()[-1])["OUTPUT"], ["rule", "message"])
    assert rows and all(row["message"] is None for row, _ in rows)
