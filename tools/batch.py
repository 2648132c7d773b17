#!/usr/bin/env python3
"""Run an ecospace check past one machine: the partitions of core.partition mapped over Dask workers.

    bash tools/batch.sh redline_check -- REDLINE=rl.gpkg|layername=redline FARMLAND=... OUTPUT=out.gpkg
        [--scheduler tcp://host:8786] [--workers N] [--memory-limit 3GB] [--cells N] [--json]

The algorithm id and its parameters are those of qgis_process (`qgis_process run
ecospace:redline_check -- ...`); CONFLICT_LAYERS is repeated for each layer. Inputs are GeoPackage
tables with their spatial index, all in the red line's CRS (the batch does not reproject). OUTPUT
and STATISTICS are GeoPackage files (overwritten); REPORT needs QGIS and is left out.

No --scheduler: a LocalCluster on this machine (--workers processes of one thread each, each capped
at --memory-limit). With one: that cluster; its workers need numpy, shapely 2 and GDAL's Python
bindings (no QGIS): this script sends them core/ as a zip. --no-dask runs the partitions here on
--workers threads, without Dask.

The grid: --cells cells, or as many as keep a partition's features within half a worker's memory
limit (core.partition.cells_for_budget). The findings and statistics equal those of
qgis_process / processing.run (tests/headless/test_batch_dask.py).
"""
import argparse
import io
import json
import os
import re
import resource
import sys
import tempfile
import time
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)  # core/ as the package `core` (no QGIS, not the plugin package)

import numpy as np  # noqa: E402
import shapely  # noqa: E402
from core.findings import FINDING_FIELDS, severity_counts  # noqa: E402
from core.gpkg_source import GpkgSource, NotGeoPackage, measurer_for_wkt  # noqa: E402
from core.partition import Inputs, context_of, merge, partitions, plan, run_partition  # noqa: E402
from core.redline import RedlineParams  # noqa: E402

ALGORITHMS = ("redline_check",)
WORKER_BASE_BYTES = 256 * 1024 ** 2  # a Dask worker with numpy, shapely and GDAL loaded: ~160 MiB
AREA_UNITS_M2 = (1.0, 1e4, 2000.0 / 3.0, 1e6)  # the AREA_UNIT enum of redline_check
STAT_FIELDS = (("code", "string"), ("name", "string"), ("patches", "int"), ("area_m2", "double"),
               ("area_ha", "double"), ("area_mu", "double"), ("area_km2", "double"),
               ("county_area_m2", "double"), ("share_pct", "double"))
NO_DASK = ("Dask is not installed. Install it for batch runs: .venv/bin/pip install -r "
           "requirements-batch.txt (dask and distributed). Without it, run the check with "
           "--no-dask (threads on this machine), or in QGIS / qgis_process, where THREADS uses "
           "every core of this machine.")


class BatchError(Exception):
    """A clear refusal: the message says what to change."""


# --- parameters ---------------------------------------------------------------------------

def parse(argv):
    ap = argparse.ArgumentParser(prog="tools/batch.sh", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("algorithm", help="redline_check (or ecospace:redline_check)")
    ap.add_argument("--scheduler", help="address of a Dask scheduler, e.g. tcp://host:8786")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                    help="LocalCluster worker processes (or --no-dask threads); default: the cores")
    ap.add_argument("--memory-limit", default=None,
                    help="memory per LocalCluster worker, e.g. 3GB (default: RAM / workers)")
    ap.add_argument("--cells", type=int, help="number of grid cells (default: from the memory limit)")
    ap.add_argument("--no-dask", action="store_true", help="run the partitions here, on threads")
    ap.add_argument("--json", action="store_true", help="print the results as one JSON line")
    # NAME=value items are the algorithm's parameters, wherever they stand; the rest are ours
    is_param = re.compile(r"^-{0,2}[A-Z][A-Z0-9_]*=").match
    values = [a for a in argv if is_param(a)]
    args = ap.parse_args([a for a in argv if not is_param(a) and a != "--"])
    args.algorithm = args.algorithm.split(":")[-1]
    if args.algorithm not in ALGORITHMS:
        raise BatchError("batch runs {}; '{}' runs in QGIS or qgis_process (README, 'Batch and "
                         "Dask')".format(", ".join(ALGORITHMS), args.algorithm))
    params = {}
    for item in values:
        name, _, value = item.partition("=")
        name = name.lstrip("-")
        if name == "CONFLICT_LAYERS":
            params.setdefault(name, []).append(value)
        else:
            params[name] = value
    return args, params


def source(value, name):
    """A GpkgSource for 'file.gpkg|layername=table' (or a file holding one table)."""
    path, _, rest = value.partition("|")
    match = re.search(r"layername=([^|]+)", rest)
    if not os.path.isfile(path):
        raise BatchError("{}: no such file: {}".format(name, path))
    table = match.group(1) if match else _only_table(path, name)
    try:
        return GpkgSource(path, table, name)
    except NotGeoPackage as error:
        raise BatchError("{}: {}".format(name, error)) from error


def _only_table(path, name):
    from osgeo import gdal

    ds = gdal.OpenEx(path, gdal.OF_VECTOR)
    if ds is None or ds.GetLayerCount() != 1:
        raise BatchError("{}: say which table: {}|layername=<table>".format(name, path))
    return ds.GetLayer(0).GetName()


def redline_params(params):
    num = lambda name, default: float(params.get(name, default))  # noqa: E731
    return RedlineParams(
        min_part_area=num("MIN_PART_AREA", 200.0), min_hole_area=num("MIN_HOLE_AREA", 200.0),
        overlap_tolerance=num("OVERLAP_TOLERANCE", 0.01), sliver_index=num("SLIVER_INDEX", 0.05),
        cross_county_tolerance=num("CROSS_COUNTY_TOLERANCE", 1.0),
        **({"boundary_noise_width": num("BOUNDARY_NOISE_WIDTH", 50.0)}
           if hasattr(RedlineParams(), "boundary_noise_width") else {}),
        code_field=params.get("CODE_FIELD", "BSM"), county_field=params.get("COUNTY_FIELD", "XZQDM"),
        area_field=params.get("AREA_FIELD", "MJ"),
        area_unit_m2=AREA_UNITS_M2[int(params.get("AREA_UNIT", 0))])


def redline_inputs(params):
    if "REDLINE" not in params:
        raise BatchError("REDLINE is required")
    redline = source(params["REDLINE"], "REDLINE")
    given = lambda name: source(params[name], name) if params.get(name) else None  # noqa: E731
    conflicts = tuple(source(v, _table_name(v)) for v in params.get("CONFLICT_LAYERS", []))
    counties = given("COUNTIES")
    inputs = Inputs(redline, given("FARMLAND"), given("URBAN_BOUNDARY"), given("PROTECTED_AREAS"),
                    conflicts, counties,
                    params.get("COUNTY_CODE_FIELD", "XZQDM") if counties else None,
                    params.get("COUNTY_NAME_FIELD", "XZQMC") if counties else None)
    for src in inputs.sources():
        if not _same_crs(src.srs_wkt, redline.srs_wkt):
            raise BatchError("{} is not in the red line's CRS: reproject it first (ogr2ogr -t_srs), "
                             "the batch does not".format(src.name))
    # a layer without features is left out, as processing does
    inputs.farmland, inputs.urban, inputs.protected, inputs.counties = (
        s if s is not None and len(s) else None
        for s in (inputs.farmland, inputs.urban, inputs.protected, inputs.counties))
    inputs.conflicts = tuple(s for s in inputs.conflicts if len(s))
    return inputs


def _table_name(value):
    match = re.search(r"layername=([^|]+)", value)
    return match.group(1) if match else os.path.splitext(os.path.basename(value.split("|")[0]))[0]


def _same_crs(a, b):
    from osgeo import osr

    sa, sb = osr.SpatialReference(), osr.SpatialReference()
    sa.ImportFromWkt(a)
    sb.ImportFromWkt(b)
    return bool(sa.IsSame(sb))


# --- running ------------------------------------------------------------------------------

def run(args, params, log=print):
    inputs = redline_inputs(params)
    rl_params = redline_params(params)
    measure = measurer_for_wkt(inputs.redline.srs_wkt)
    budget = None
    if args.memory_limit:  # what a worker has for its partition, past what it holds anyway
        limit = _bytes(args.memory_limit)
        budget = max(limit - WORKER_BASE_BYTES, limit // 4)
    grid = plan(inputs, cells=args.cells, budget_bytes=budget if not args.cells else None)
    started = time.perf_counter()
    context, codes = context_of(inputs, rl_params)
    run_parts = _run_threads if args.no_dask else _run_dask
    parts, workers = run_parts(args, inputs, rl_params, measure, grid, context, log)
    result = merge(parts, codes)
    seconds = time.perf_counter() - started
    table = result.findings.table(measure)
    out = write_outputs(params, table, result.statistics, inputs.redline.srs_wkt)
    counts = severity_counts(table)
    out.update(ERROR_COUNT=counts["error"], WARNING_COUNT=counts["warning"],
               FINDINGS=int(len(table["rule"])), PARTITIONS=len(partitions(grid)),
               GRID="{} x {}".format(grid.nx, grid.ny), SECONDS=round(seconds, 3),
               WORKER_PEAK_RSS_MIB=workers,
               DRIVER_PEAK_RSS_MIB=round(_peak_rss_mib(), 1),
               PARTITION_STATS=[{"pid": p.pid, "seconds": round(p.seconds, 3),
                                 "cpu_seconds": round(p.cpu_seconds, 3),
                                 "features": int(sum(p.read.values()))} for p in parts])
    return out


def _run_threads(args, inputs, params, measure, grid, context, log):
    from concurrent.futures import ThreadPoolExecutor

    one = lambda pid: run_partition(inputs, grid, pid, params, measure, context)  # noqa: E731
    with ThreadPoolExecutor(max_workers=max(1, args.workers)) as pool:
        parts = list(pool.map(one, partitions(grid)))
    return parts, {}


def _run_dask(args, inputs, params, measure, grid, context, log):
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as error:
        raise BatchError(NO_DASK) from error
    if args.scheduler:
        client = Client(args.scheduler)
        cluster = None
    else:
        import dask

        # a partition is one task whose result is small: nothing to spill, and a worker paused at
        # 80 % of its limit would wait for ever; past the limit the nanny still restarts it
        dask.config.set({"distributed.worker.memory.target": False,
                         "distributed.worker.memory.spill": False,
                         "distributed.worker.memory.pause": False})
        cluster = LocalCluster(n_workers=max(1, args.workers), threads_per_worker=1,
                               memory_limit=args.memory_limit or "auto", processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        _upload_core(client)
        pids = partitions(grid)
        shared = client.scatter([inputs, context, grid, params, measure], broadcast=True)
        futures = [client.submit(run_partition, shared[0], shared[2], pid, shared[3], shared[4],
                                 shared[1], pure=False) for pid in pids]
        parts = []
        for future in as_completed(futures):
            parts.append(future.result())
            log("partition {} of {} done".format(len(parts), len(pids)))
        peak = client.run(_peak_rss_mib)
        return parts, {k: round(v, 1) for k, v in peak.items()}
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _upload_core(client):
    """core/ as a zip on every worker's path: workers need no copy of the repository."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name in sorted(os.listdir(os.path.join(ROOT, "core"))):
            if name.endswith(".py"):
                zf.write(os.path.join(ROOT, "core", name), "core/" + name)
    folder = tempfile.mkdtemp(prefix="ecospace_batch_")
    path = os.path.join(folder, "ecospace_core.zip")
    with open(path, "wb") as fh:
        fh.write(buffer.getvalue())
    client.upload_file(path)


def _bytes(text):
    match = re.fullmatch(r"\s*([\d.]+)\s*([kKmMgGtT]?i?[bB]?)\s*", str(text))
    if not match:
        raise BatchError("--memory-limit: a size such as 3GB, not '{}'".format(text))
    unit = match.group(2).upper().rstrip("B").rstrip("I")
    return int(float(match.group(1)) * 1024 ** " KMGT".index(unit or " "))


# --- writing ------------------------------------------------------------------------------

def write_outputs(params, table, stats, srs_wkt):
    out = {}
    if params.get("REPORT"):
        print("REPORT is left out: the report needs QGIS (qgis_process)", file=sys.stderr)
    if params.get("OUTPUT"):
        columns = dict(table, feature_fid=table["fid"])
        geoms = table["geometry"]
        polys = np.flatnonzero(shapely.get_type_id(geoms) == shapely.GeometryType.POLYGON)
        geoms = geoms.copy()
        geoms[polys] = shapely.multipolygons(geoms[polys][:, np.newaxis])
        out["OUTPUT"] = write_gpkg(params["OUTPUT"], "findings", FINDING_FIELDS, columns, geoms, srs_wkt)
    if params.get("STATISTICS"):
        stats = dict(stats, area_mu=stats["area_m2"] * 3.0 / 2000.0)
        out["STATISTICS"] = write_gpkg(params["STATISTICS"], "statistics", STAT_FIELDS, stats, None, None)
    return out


def write_gpkg(path, table, fields, columns, geoms, srs_wkt):
    """A new GeoPackage `path` holding one table (overwritten, as qgis_process does)."""
    from osgeo import gdal, ogr, osr

    gdal.UseExceptions()
    path = os.path.splitext(path)[0] + ".gpkg" if not path.lower().endswith(".gpkg") else path
    if os.path.exists(path):
        os.remove(path)
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    srs = None
    if srs_wkt:
        srs = osr.SpatialReference()
        srs.ImportFromWkt(srs_wkt)
    layer = ds.CreateLayer(table, srs, ogr.wkbMultiPolygon if geoms is not None else ogr.wkbNone)
    kinds = {"string": ogr.OFTString, "int": ogr.OFTInteger64, "double": ogr.OFTReal}
    for name, kind in fields:
        layer.CreateField(ogr.FieldDefn(name, kinds[kind]))
    n = len(next(iter(columns.values()))) if columns else 0
    wkb = shapely.to_wkb(geoms) if geoms is not None else None
    layer.StartTransaction()
    for k in range(n):  # the findings: a few per thousand features
        feature = ogr.Feature(layer.GetLayerDefn())
        for name, kind in fields:
            value = columns.get(name)
            value = None if value is None else value[k]
            if value is None or (isinstance(value, float) and np.isnan(value)):
                continue
            feature.SetField(name, int(value) if kind == "int" else
                             float(value) if kind == "double" else str(value))
        if wkb is not None and wkb[k] is not None:
            feature.SetGeometry(ogr.CreateGeometryFromWkb(wkb[k]))
        layer.CreateFeature(feature)
    layer.CommitTransaction()
    ds = None
    return path


def main(argv=None):
    try:
        args, params = parse(sys.argv[1:] if argv is None else argv)
        results = run(args, params, log=lambda text: print(text, file=sys.stderr, flush=True))
    except BatchError as error:
        print("batch: {}".format(error), file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
    else:
        print("Results:")
        for key, value in results.items():
            if key != "PARTITION_STATS":
                print("\t{}:\t{}".format(key, value))
    return 0


if __name__ == "__main__":
    sys.exit(main())
