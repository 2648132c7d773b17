"""Raster grading benchmark: ecospace:importance_grade against the plain QGIS way, with peak memory.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_grading.py                  # 10,000 × 10,000
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_grading.py --size 20000 --phases io,ours

The plain way reads the whole raster into memory, sorts it to find the 50 % / 80 % breaks by hand,
then runs native:reclassifybytable. Each phase runs in its own child process, so each reports its own
peak RSS. The test raster (float32, tiled, LZW, 5 % NoData, values rounded to 0.1 so there are ties)
is generated once into bench/data/. Results go to bench/results/grading_<date>_<size>.txt.
"""
import argparse
import datetime
import json
import os
import resource
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DATA = os.path.join(HERE, "data")
NODATA = -9999.0
_KEEP = []  # QGIS objects that must outlive the phase


def raster_path(size):
    return os.path.join(DATA, "grading_{}.tif".format(size))


def make_raster(path, size, seed=7, tile=512):
    """A size × size float32 GeoTIFF in EPSG:4524, written tile row by tile row."""
    from osgeo import gdal, osr

    gdal.UseExceptions()
    os.makedirs(DATA, exist_ok=True)
    ds = gdal.GetDriverByName("GTiff").Create(path + ".part", size, size, 1, gdal.GDT_Float32,
                                              ["TILED=YES", "COMPRESS=LZW", "BIGTIFF=YES"])
    ds.SetGeoTransform((36400000.0, 30.0, 0, 3300000.0, 0, -30.0))
    ref = osr.SpatialReference()
    ref.ImportFromEPSG(4524)
    ds.SetProjection(ref.ExportToWkt())
    band = ds.GetRasterBand(1)
    band.SetNoDataValue(NODATA)
    rng = np.random.default_rng(seed)
    cols = np.arange(size)
    for row in range(0, size, tile):
        rows = min(tile, size - row)
        trend = 1.0 + 0.5 * np.sin(cols / 900.0)[None, :] * np.cos((row + np.arange(rows)) / 700.0)[:, None]
        block = np.round(rng.gamma(2.0, 20.0, (rows, size)) * trend, 1).astype(np.float32)
        block[rng.random((rows, size)) < 0.05] = NODATA
        band.WriteArray(block, 0, row)
    ds = None
    os.replace(path + ".part", path)


# ====================================================================== orchestrator

def run_phase(phase, path, timeout):
    cmd = [sys.executable, os.path.abspath(__file__), "--worker", phase, "--data", path]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"phase": phase, "failed": "timed out after {} s".format(timeout)}
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        return {"phase": phase, "failed": "exit code {}".format(proc.returncode)}
    return json.loads(lines[-1])


def main(args):
    path = raster_path(args.size)
    if args.regen or not os.path.exists(path):
        t0 = time.perf_counter()
        make_raster(path, args.size)
        print("generated {} in {:.0f} s".format(path, time.perf_counter() - t0), file=sys.stderr)
    lines = ["raster grading benchmark, {} × {} float32 ({:.0f} MB on disk, {:.0f} MB as float32 in memory)".format(
        args.size, args.size, os.path.getsize(path) / 2 ** 20, args.size ** 2 * 4 / 2 ** 20),
        "date {}, {} cores, load average at start {}".format(
            datetime.datetime.now().isoformat(timespec="seconds"), os.cpu_count(),
            "/".join("{:.2f}".format(x) for x in os.getloadavg()))]
    results = {}
    for phase in args.phases.split(","):
        results[phase] = res = run_phase(phase, path, args.timeout)
        if "failed" in res:
            lines.append("{:6s} FAILED: {}".format(phase, res["failed"]))
        else:
            lines.append("{:6s} {:8.1f} s   peak RSS {:7.0f} MB   {}".format(
                phase, res["seconds"], res["peak_rss_mb"], res.get("note", "")))
    ours, plain = results.get("ours", {}), results.get("plain", {})
    if "seconds" in ours and "seconds" in plain:
        lines.append("ratio plain/ours: time {:.2f}×, peak memory {:.2f}×".format(
            plain["seconds"] / ours["seconds"], plain["peak_rss_mb"] / ours["peak_rss_mb"]))
        lines.append("same breaks: {}; same class counts: {}".format(
            ours["breaks"] == plain["breaks"], ours["counts"] == plain["counts"]))
    lines.append("load average at end {}".format("/".join("{:.2f}".format(x) for x in os.getloadavg())))
    text = "\n".join(lines)
    print(text)
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    out = os.path.join(HERE, "results", "grading_{}_{}{}.txt".format(
        datetime.date.today().isoformat(), args.size, "_" + args.tag if args.tag else ""))
    with open(out, "w", encoding="utf-8") as f:
        f.write(text + "\n")


# ====================================================================== workers

def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def class_counts(path):
    """Cells of each class 0..3 of a graded raster, read block by block (not timed)."""
    from osgeo import gdal

    ds = gdal.Open(path)  # kept: a band outlives its dataset only from GDAL 3.8 on
    band = ds.GetRasterBand(1)
    counts = np.zeros(4, dtype=np.int64)
    step = 1024
    for row in range(0, band.YSize, step):
        block = band.ReadAsArray(0, row, band.XSize, min(step, band.YSize - row)).astype(np.int64)
        counts += np.bincount(np.clip(block, 0, 3).ravel(), minlength=4)[:4]
    return counts.tolist()


def start_qgis():
    from qgis.analysis import QgsNativeAlgorithms
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.insert(0, "/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing

    Processing.initialize()
    if QgsApplication.processingRegistry().providerById("native") is None:
        QgsApplication.processingRegistry().addProvider(QgsNativeAlgorithms())
    _KEEP.append(app)
    return app


def phase_io(path):
    """The I/O floor: one read of every block, as float64."""
    from osgeo import gdal

    ds = gdal.Open(path)
    band = ds.GetRasterBand(1)
    t0 = time.perf_counter()
    step = max(1, (1 << 22) // band.XSize)
    for row in range(0, band.YSize, step):
        band.ReadAsArray(0, row, band.XSize, min(step, band.YSize - row)).astype(np.float64)
    return {"seconds": time.perf_counter() - t0, "note": "one block-wise read"}


def phase_ours(path):
    start_qgis()
    pluginpath = os.path.join(REPO, ".build", "pluginpath")
    sys.path.insert(0, pluginpath)
    from qgis.core import QgsApplication

    from ecospace.processing.provider import EcoSpaceProvider

    provider = EcoSpaceProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    import processing

    out = os.path.join(DATA, "grading_ours.tif")
    t0 = time.perf_counter()
    res = processing.run("ecospace:importance_grade", {"SERVICES": [path], "OUTPUT": out,
                                                        "TABLE": "TEMPORARY_OUTPUT"})
    seconds = time.perf_counter() - t0
    table = res["TABLE"]
    breaks = [f["break_value"] for f in table.getFeatures()
              if f["service"] != "ALL" and f["class"] in (3, 2)]
    return {"seconds": seconds, "breaks": [float(b) for b in breaks], "counts": class_counts(out),
            "note": "ecospace:importance_grade"}


def phase_plain(path):
    """The plain way: whole raster in memory, np.sort for the breaks, then native:reclassifybytable."""
    start_qgis()
    import processing
    from osgeo import gdal

    t0 = time.perf_counter()
    values = gdal.Open(path).ReadAsArray()
    valid = values[values != NODATA].astype(np.float64)
    del values
    order = np.sort(valid)[::-1]
    del valid
    running = np.cumsum(order)
    breaks = [float(order[np.flatnonzero(running >= f * running[-1])[0]]) for f in (0.5, 0.8)]
    del order, running
    t_breaks = time.perf_counter() - t0
    out = os.path.join(DATA, "grading_plain.tif")
    table = [breaks[0], "", 3, breaks[1], breaks[0], 2, "", breaks[1], 1]
    processing.run("native:reclassifybytable", {
        "INPUT_RASTER": path, "RASTER_BAND": 1, "TABLE": table, "NO_DATA": 0, "RANGE_BOUNDARIES": 1,
        "NODATA_FOR_MISSING": False, "DATA_TYPE": 0, "OUTPUT": out})
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "breaks": breaks, "counts": class_counts(out),
            "note": "breaks by np.sort {:.1f} s + native:reclassifybytable".format(t_breaks)}


def worker(phase, path):
    res = {"io": phase_io, "ours": phase_ours, "plain": phase_plain}[phase](path)
    res["phase"] = phase
    res["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(res), flush=True)
    os._exit(0)  # no exitQgis(): tearing down with a Python provider alive can segfault


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--phases", default="io,ours,plain")
    parser.add_argument("--regen", action="store_true")
    parser.add_argument("--tag", default="")
    parser.add_argument("--timeout", type=int, default=3600)
    parser.add_argument("--worker")
    parser.add_argument("--data")
    a = parser.parse_args()
    if a.worker:
        worker(a.worker, a.data)
    else:
        main(a)
