#!/usr/bin/env python3
"""Run an ecospace check past one machine: its partitions mapped over Dask workers.

    bash tools/batch.sh redline_check -- REDLINE=rl.gpkg|layername=redline FARMLAND=... OUTPUT=out.gpkg
    bash tools/batch.sh human_activity -- ACTIVITIES=a.gpkg|layername=points RESERVES=... ZONES=... OUTPUT=...
    bash tools/batch.sh units_check -- UNITS=u.gpkg|layername=units COUNTIES=... [REDLINE=...]
        [PRIORITY_LAYERS=... KEY_LAYERS=... (each repeated per layer)] OUTPUT=... STATISTICS=...
        [--scheduler tcp://host:8786] [--workers N] [--memory-limit 3GB] [--cells N] [--no-dask] [--json]
        [--lang zh_CN] [--cluster] [--by-county]

The algorithm id and its parameters are those of qgis_process (`qgis_process run
ecospace:redline_check -- ...`); a parameter taking several layers (CONFLICT_LAYERS) is repeated for
each layer. Inputs are GeoPackage tables with their spatial index, all in the first input's CRS (the
batch does not reproject). OUTPUT and the other table outputs are GeoPackage files (overwritten);
REPORT needs QGIS and is left out.

No --scheduler: a LocalCluster on this machine (--workers processes of one thread each, each capped
at --memory-limit); for a small input (SMALL_INPUT_BYTES), threads here unless --cluster or
--memory-limit asks for one. With one: that cluster; its workers need numpy, shapely 2 and GDAL's Python
bindings (no QGIS): this script sends them core/ as a zip. --no-dask runs the partitions here on
--workers threads, without Dask.

The partitions: --cells of them, or as many as keep a partition's features within a worker's
memory limit less its own ~256 MiB (core.partition.cells_for_budget), and at least two per worker.
Each partition writes the findings it owns to a GeoPackage of its own on its worker and hands back
its bytes; the driver appends them to OUTPUT in partition order, so that its memory and time do not
grow with the findings of the whole country; it writes their messages then (findings_words: the
plugin's own, in --lang, with QGIS's Python on the driver). The findings equal those of qgis_process /
processing.run (tests/headless/test_batch_dask.py).

The registry (ALGORITHMS, one Job subclass per algorithm id, added with @algorithm):

    @algorithm
    class UnitsCheck(Job):
        id = "units_check"            # qgis_process's id without "ecospace:"
        repeated = ("PRIORITY_LAYERS",)   # parameters given once per layer (a list)
        points = False                # OUTPUT's geometry: multi-polygons, or multi-points when True

        def __init__(self, params):   # driver: {NAME: text} → self.srs_wkt, self.measure and what the
            ...                       # partitions read (GpkgSource: picklable); BatchError to refuse
        def sources(self):            # every input GpkgSource (the CRS check)
        def plan(self, cells, budget_bytes):   # driver: a core.partition.Grid (`partitions(grid)` its ids)
        def names(self, grid):        # driver, optional: {pid: what it holds} for the log
        def context(self):            # driver, once: small picklable data every partition needs
                                      # (the global rules' input, catalogues without geometry)
        def run(self, grid, pid, context):     # worker: (findings table the partition owns, as
                                      # Findings.table(measure) gives it; extra: small picklable
                                      # data for merge; features read)
        def merge(self, extras, context):      # driver: {output parameter: (table name, fields,
                                      # columns)} of the outputs besides OUTPUT (STATISTICS, SUMMARY)

A Job instance travels to every worker (pickled): keep its attributes to sources, parameters and the
measurer. Its methods may use only core/ (what the workers get). The framework adds the counts
(ERROR_COUNT, WARNING_COUNT, FINDINGS), writes OUTPUT and the tables merge returns.
"""
import argparse
import dataclasses
import importlib
import importlib.util
import json
import os
import re
import resource
import shutil
import sys
import tempfile
import time
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)  # core/ as the package `core` (no QGIS, not the plugin package)

import numpy as np  # noqa: E402
from core import gc_pause  # noqa: E402
from core.activity import ActivityParams  # noqa: E402
from core.activity_partition import (  # noqa: E402
    ActivityInputs,
    activity_context,
    activity_partition,
    activity_plan,
    merge_by_reserve,
)
from core.findings import FINDING_FIELDS, Findings, severity_counts  # noqa: E402
from core.gpkg_source import (  # noqa: E402
    GpkgSource,
    NotGeoPackage,
    RepeatedCodes,
    append_gpkg,
    measurer_for_wkt,
    update_columns,
    write_gpkg,
)
from core.partition import (  # noqa: E402
    NULL,
    CountyPlan,
    Inputs,
    cells_for_budget,
    context_of,
    merge,
    partitions,
    redline_plan,
    run_partition,
)
from core.redline import RedlineParams  # noqa: E402
from core.reserve_tally import findings_as_points, lines_as_strips  # noqa: E402
from core.unit_check import UnitCheckParams  # noqa: E402
from core.units_classify import ClassifyParams  # noqa: E402
from core.units_common import UNITS  # noqa: E402
from core.units_partition import UnitsInputs, merge_units, overlaps_partition, units_partition, units_plan  # noqa: E402
from core.zones import InputError, zone_value_pairs  # noqa: E402

ALGORITHMS = {}
WORKER_BASE_BYTES = 256 * 1024 ** 2  # a Dask worker with numpy, shapely and GDAL loaded: ~160 MiB
# below this much (core.partition's estimate of the features' memory) the partitions' work is a few
# CPU-seconds (human_activity on 20,000 patches: 0.6 s), less than a LocalCluster's start-up and close
# (1.7-1.8 s for 2 workers at load 5), and one process holds them easily
SMALL_INPUT_BYTES = 512 * 1024 ** 2
PARTS_PER_WORKER = 2  # at least: every worker busy, and a slow partition does not hold up the end alone
NO_DASK = ("Dask is not installed. Install it for batch runs: .venv/bin/pip install -r "
           "requirements-batch.txt (dask and distributed). Without it, run the check with "
           "--no-dask (threads on this machine), or in QGIS / qgis_process, where THREADS uses "
           "every core of this machine.")


class BatchError(Exception):
    """A clear refusal: the message says what to change."""


def algorithm(cls):
    """Register a Job subclass under its id."""
    ALGORITHMS[cls.id] = cls
    return cls


class Job:
    """One algorithm over partitions (see the module's docstring for what a subclass gives)."""
    id = ""
    repeated = ()
    points = False
    by_county = None  # --by-county: None where the job does not take it

    def names(self, grid):
        """{pid: what the partition holds} for the log, where a partition is more than a cell."""
        return {}

    def sources(self):
        raise NotImplementedError

    def plan(self, cells, budget_bytes):
        raise NotImplementedError

    def context(self):
        return None

    def partitions(self, grid):
        return partitions(grid)

    def run(self, grid, pid, context):
        raise NotImplementedError

    def second_round(self, extras, context):
        """Driver, after every partition ran: the context of a second round of run() over the
        partitions, or None for none (round one's extras in partition order)."""
        return None

    def merge(self, extras, context):
        return {}


# --- parameters ---------------------------------------------------------------------------

def parse(argv):
    ap = argparse.ArgumentParser(prog="tools/batch.sh", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("algorithm", help="{} (or ecospace:<id>)".format(", ".join(ALGORITHMS)))
    ap.add_argument("--scheduler", help="address of a Dask scheduler, e.g. tcp://host:8786")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                    help="LocalCluster worker processes (or --no-dask threads); default: the cores")
    ap.add_argument("--memory-limit", default=None,
                    help="memory per LocalCluster worker, e.g. 3GB (default: RAM / workers)")
    ap.add_argument("--cells", type=int, help="number of partitions (default: as many as fit the memory "
                    "limit, and at least {} per worker)".format(PARTS_PER_WORKER))
    ap.add_argument("--no-dask", action="store_true", help="run the partitions here, on threads")
    ap.add_argument("--by-county", action="store_true", help="redline_check: partitions of whole counties "
                    "(groups of COUNTIES' codes, and the ground outside them) instead of grid cells")
    ap.add_argument("--cluster", action="store_true", help="start a LocalCluster even for a small input")
    ap.add_argument("--json", action="store_true", help="print the results as one JSON line")
    ap.add_argument("--lang", help="language of the findings' messages: zh_CN or en (default: the "
                    "language of QGIS's default profile); they need QGIS's Python on this machine, not on the workers")
    # NAME=value items are the algorithm's parameters, wherever they stand; the rest are ours
    is_param = re.compile(r"^-{0,2}[A-Z][A-Z0-9_]*=").match
    values = [a for a in argv if is_param(a)]
    args = ap.parse_args([a for a in argv if not is_param(a) and a != "--"])
    args.algorithm = args.algorithm.split(":")[-1]
    if args.algorithm not in ALGORITHMS:
        raise BatchError("batch runs {}; '{}' runs in QGIS or qgis_process (README, 'Batch and "
                         "Dask')".format(", ".join(ALGORITHMS), args.algorithm))
    repeated = ALGORITHMS[args.algorithm].repeated
    params = {}
    for item in values:
        name, _, value = item.partition("=")
        name = name.lstrip("-")
        if name in repeated:
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


def table_name(value):
    match = re.search(r"layername=([^|]+)", value)
    return match.group(1) if match else os.path.splitext(os.path.basename(value.split("|")[0]))[0]


def number(params, name, default):
    try:
        return float(params.get(name, default))
    except ValueError:
        raise BatchError("{}: a number, not '{}'".format(name, params[name])) from None


def same_crs(a, b):
    from osgeo import osr

    sa, sb = osr.SpatialReference(), osr.SpatialReference()
    sa.ImportFromWkt(a)
    sb.ImportFromWkt(b)
    return bool(sa.IsSame(sb))


def check_crs(job):
    first = job.sources()[0]
    for src in job.sources():
        if not same_crs(src.srs_wkt, first.srs_wkt):
            raise BatchError("{} is not in the CRS of {}: reproject it first (ogr2ogr -t_srs), the "
                             "batch does not".format(src.name, first.name))


# --- redline_check ------------------------------------------------------------------------

AREA_UNITS_M2 = (1.0, 1e4, 2000.0 / 3.0, 1e6)  # the AREA_UNIT enum of redline_check
STAT_FIELDS = (("code", "string"), ("name", "string"), ("patches", "int"), ("area_m2", "double"),
               ("area_ha", "double"), ("area_mu", "double"), ("area_km2", "double"),
               ("county_area_m2", "double"), ("share_pct", "double"))


@algorithm
class RedlineCheck(Job):
    """core.partition's red-line check; RL_CODE_DUPLICATE (the global rule) on the driver, from the
    rows whose code repeats (SQLite groups the column), its rows written by the partition owning each
    feature."""
    id = "redline_check"
    repeated = ("CONFLICT_LAYERS",)
    by_county = False

    def __init__(self, params):
        self.inputs = redline_inputs(params)
        self.params = redline_params(params)
        self.srs_wkt = self.inputs.redline.srs_wkt
        self.measure = measurer_for_wkt(self.srs_wkt)

    def sources(self):
        return self.inputs.sources()

    def plan(self, cells, budget_bytes):
        return redline_plan(self.inputs, cells, budget_bytes, self.by_county)

    def names(self, grid):
        if not isinstance(grid, CountyPlan):
            return {}
        return {pid: ("features without geometry" if pid == NULL
                      else "counties " + ", ".join(c or "(no code)" for c in grid.codes_of(pid)) if pid < grid.groups
                      else "ground outside every county")
                for pid in partitions(grid)}

    def context(self):
        # RL_CODE_DUPLICATE over the rows whose code repeats (SQLite finds them), not the whole column
        codes = RepeatedCodes(self.inputs.redline, self.params.code_field)
        return context_of(dataclasses.replace(self.inputs, redline=codes), self.params)

    def run(self, grid, pid, context):
        ctx, codes = context
        part = run_partition(self.inputs, grid, pid, self.params, self.measure, ctx)
        mine = np.isin(codes["fid"], part.code_fids)
        table = merge([part], {k: v[mine] for k, v in codes.items()}).findings.table(self.measure)
        empty = np.empty(0)
        small = dataclasses.replace(part, table={}, code_fids=empty, code_geoms=empty,
                                    patch_order=empty.astype(np.int64), patch_area=empty)
        return table, (small, int(mine.sum())), int(sum(part.read.values()))

    def merge(self, extras, context):
        codes = context[1]
        if sum(n for _, n in extras) != len(codes["rule"]):
            raise BatchError("some RL_CODE_DUPLICATE findings were owned by no partition: please "
                             "report this (a bug), and run the check in qgis_process meanwhile")
        stats = merge([part for part, _ in extras]).statistics
        return {"STATISTICS": ("statistics", STAT_FIELDS,
                               dict(stats, area_mu=stats["area_m2"] * 3.0 / 2000.0))}


def redline_params(params):
    num = lambda name, default: number(params, name, default)  # noqa: E731
    unit = int(num("AREA_UNIT", 0))
    if not 0 <= unit < len(AREA_UNITS_M2):
        raise BatchError("AREA_UNIT: 0 (m²), 1 (ha), 2 (mu) or 3 (km²), not {}".format(unit))
    return RedlineParams(
        min_part_area=num("MIN_PART_AREA", 200.0), min_hole_area=num("MIN_HOLE_AREA", 200.0),
        overlap_tolerance=num("OVERLAP_TOLERANCE", 0.01), sliver_index=num("SLIVER_INDEX", 0.05),
        cross_county_tolerance=num("CROSS_COUNTY_TOLERANCE", 1.0),
        **({"boundary_noise_width": num("BOUNDARY_NOISE_WIDTH", 50.0)}
           if hasattr(RedlineParams(), "boundary_noise_width") else {}),
        code_field=params.get("CODE_FIELD", "BSM"), county_field=params.get("COUNTY_FIELD", "XZQDM"),
        area_field=params.get("AREA_FIELD", "MJ"), area_unit_m2=AREA_UNITS_M2[unit])


def redline_inputs(params):
    if "REDLINE" not in params:
        raise BatchError("REDLINE is required")
    redline = source(params["REDLINE"], "REDLINE")
    given = lambda name: source(params[name], name) if params.get(name) else None  # noqa: E731
    conflicts = tuple(source(v, table_name(v)) for v in params.get("CONFLICT_LAYERS", []))
    counties = given("COUNTIES")
    inputs = Inputs(redline, given("FARMLAND"), given("URBAN_BOUNDARY"), given("PROTECTED_AREAS"),
                    conflicts, counties,
                    params.get("COUNTY_CODE_FIELD", "XZQDM") if counties else None,
                    params.get("COUNTY_NAME_FIELD", "XZQMC") if counties else None)
    for src in inputs.sources():
        require_polygons(src, src.name)
    # a layer without features is left out, as processing does
    inputs.farmland, inputs.urban, inputs.protected, inputs.counties = (
        s if s is not None and len(s) else None
        for s in (inputs.farmland, inputs.urban, inputs.protected, inputs.counties))
    inputs.conflicts = tuple(s for s in inputs.conflicts if len(s))
    return inputs


# --- human_activity -----------------------------------------------------------------------

SUMMARY_FIELDS = (("reserve_id", "string"), ("reserve_fid", "int"), ("zone", "string"), ("type", "string"),
                  ("count", "int"), ("area_m2", "double"), ("area_ha", "double"))
ZONE_KINDS = "core, buffer, experimental, core_protection, general_control"


@algorithm
class HumanActivity(Job):
    """core.activity_partition: each partition grades the activities it owns against the reserves,
    zones, red line and earlier activities around them."""
    id = "human_activity"

    def __init__(self, params):
        for name in ("ACTIVITIES", "RESERVES", "ZONES"):
            if not params.get(name):
                raise BatchError("{} is required".format(name))
        given = lambda name: source(params[name], name) if params.get(name) else None  # noqa: E731
        self.inputs = ActivityInputs(*(given(n) for n in ("ACTIVITIES", "RESERVES", "ZONES", "REDLINE",
                                                          "PREVIOUS")))
        acts = self.inputs.activities
        for name, src in (("RESERVES", self.inputs.reserves), ("ZONES", self.inputs.zones),
                          ("REDLINE", self.inputs.redline)):
            require_polygons(src, name)
        if acts.dimension not in (0, 2):
            raise BatchError("ACTIVITIES: a table of points or of polygons, not of lines")
        if not len(acts):
            raise BatchError("ACTIVITIES has no features: there is nothing to grade")
        if not len(self.inputs.reserves) or not len(self.inputs.zones):
            raise BatchError("RESERVES and ZONES must both hold features: there is nothing to grade "
                             "the activities by")
        self.params = activity_params(params, acts)
        self.points = acts.dimension == 0
        self.srs_wkt = acts.srs_wkt
        self.measure = measurer_for_wkt(self.srs_wkt)

    def sources(self):
        return self.inputs.sources()

    def plan(self, cells, budget_bytes):
        return activity_plan(self.inputs, cells, budget_bytes)

    def context(self):
        try:
            return activity_context(self.inputs, self.params)
        except InputError as error:
            raise BatchError(zone_join_error(error, self.params)) from None

    def run(self, grid, pid, context):
        table, by_reserve, features = activity_partition(self.inputs, grid, pid, self.params,
                                                         self.measure, context)
        table["geometry"] = (findings_as_points(table["geometry"]) if self.points
                             else lines_as_strips(table["geometry"]))
        return table, by_reserve, features

    def merge(self, extras, context):
        summary = merge_by_reserve(extras)
        return {"SUMMARY": ("summary", SUMMARY_FIELDS, dict(summary, area_ha=summary["area_m2"] / 1e4))}


def activity_params(params, activities):
    """ActivityParams of qgis_process's parameters (same names and defaults); an optional field the
    activities lack is left out, as processing does."""
    optional = {}
    for name, default in (("TYPE_FIELD", "HDLX"), ("DATE_FIELD", "JCSJ")):
        field = params.get(name, default)
        if field and field not in activities.fields:
            print("ACTIVITIES has no field {}; {} is not used.".format(field, name), file=sys.stderr)
            field = None
        optional[name] = field or None
    try:
        zone_values = zone_value_pairs(params.get("ZONE_VALUES", ""))
    except ValueError as bad:
        raise BatchError("ZONE_VALUES: '{}' is not a value=kind pair. Write pairs such as "
                         "HX=core;2=general_control, where kind is one of {}".format(bad, ZONE_KINDS)) from None
    return ActivityParams(
        reserve_id_field=params.get("RESERVE_ID_FIELD", "BHDDM"),
        zone_reserve_field=params.get("ZONE_RESERVE_FIELD", "BHDDM"),
        zone_field=params.get("ZONE_FIELD", "GNFQ"), zone_values=zone_values,
        type_field=optional["TYPE_FIELD"], date_field=optional["DATE_FIELD"],
        min_area=number(params, "MIN_AREA", 0.01), growth_tolerance=number(params, "GROWTH_TOLERANCE", 1.0),
        match_distance=number(params, "MATCH_DISTANCE", 1.0))


def zone_join_error(error, params):
    """core.zones.InputError in plain words, with the fix."""
    values = ", ".join("'{}'".format(v) for v in error.values[:20])
    if error.id == "FIELD_MISSING":
        return "{} has no field '{}': name the right one ({})".format(
            error.values[0], error.values[1], "RESERVE_ID_FIELD, ZONE_RESERVE_FIELD or ZONE_FIELD")
    if error.id == "ZONE_VALUES_UNKNOWN":
        return ("ZONES holds zone names no mapping knows: {}. Map each one to a zone kind in ZONE_VALUES, "
                "e.g. ZONE_VALUES='{}=core_protection' (kinds: {}), or check ZONE_FIELD".format(
                    values, error.values[0], ZONE_KINDS))
    return ("no zone's reserve id (ZONE_RESERVE_FIELD={}) matches a reserve's id (RESERVE_ID_FIELD={}): "
            "zones give {}; reserves have {}. Check the two id fields".format(
                params.zone_reserve_field, params.reserve_id_field, values,
                ", ".join("'{}'".format(v) for v in error.other[:20])))


def require_polygons(src, name):
    if src is not None and src.dimension != 2:
        raise BatchError("{}: a table of polygons, not of {}".format(
            name, {0: "points", 1: "lines"}.get(src.dimension, "mixed geometries")))


# --- units_check --------------------------------------------------------------------------

UNIT_STAT_FIELDS = (("county", "string"), ("class", "int"), ("units", "int"), ("area_m2", "double"),
                    ("area_ha", "double"), ("share_pct", "double"))
NOT_ACCESS_RULES = ("REMARK",)  # mapped with the access fields, but a remark may stay empty


@algorithm
class UnitsCheck(Job):
    """core.units_partition: runs of county codes (and REST); round two finds the overlaps between
    the suspect units round one gives. A red-line or factor feature's UNIT_INPUT_INVALID, found by
    every partition that reads it, is written once: round one hands those rows back (few), and
    round two's partition 0 writes each the first time it was found, as merge_units keeps it."""
    id = "units_check"
    repeated = ("PRIORITY_LAYERS", "KEY_LAYERS")

    def __init__(self, params):
        self.inputs = units_inputs(params)
        self.params = units_params(params, self.inputs.units)
        self.srs_wkt = self.inputs.units.srs_wkt
        self.measure = measurer_for_wkt(self.srs_wkt)

    def sources(self):
        return self.inputs.sources()

    def plan(self, cells, budget_bytes):
        return units_plan(self.inputs, cells, self.params)

    def partitions(self, grid):
        return list(range(len(grid)))

    def run(self, grid, pid, context):
        if context is not None:  # round two: the overlaps, and (partition 0) the input rows
            suspects, inputs = context
            table = overlaps_partition(self.inputs, grid, pid, suspects, self.params,
                                       self.measure).table(self.measure)
            return (_joined_tables([table, inputs]) if pid == 0 else table), None, 0
        part = units_partition(self.inputs, grid, pid, self.params, self.measure)
        table = part.findings.table(self.measure)
        other = table["layer"] != UNITS
        extra = dataclasses.replace(part, findings=Findings())  # the statistics' columns, the suspects
        return ({k: v[~other] for k, v in table.items()}, (extra, {k: v[other] for k, v in table.items()}),
                part.features)

    def second_round(self, extras, context):
        suspects = np.unique(np.concatenate([p.suspects for p, _ in extras])).astype(np.int64)
        inputs = _joined_tables([rows for _, rows in extras])
        part = np.repeat(np.arange(len(extras)), [len(rows["rule"]) for _, rows in extras])
        key = list(zip(inputs["rule"].astype(str), inputs["layer"].astype(str), inputs["fid"].astype(float)))
        first = {}
        for k, p in zip(key, part):  # the partition that found a row first gives it (all its copies)
            first.setdefault(k, p)
        keep = np.array([first[k] == p for k, p in zip(key, part)], dtype=bool)
        return suspects, {k: v[keep] for k, v in inputs.items()}

    def merge(self, extras, context):
        stats = merge_units([part for part, _ in extras]).statistics
        return {"STATISTICS": ("statistics", UNIT_STAT_FIELDS, stats)}


def _joined_tables(tables):
    """Findings tables (Findings.table) one after the other."""
    return {k: np.concatenate([t[k] for t in tables]) for k in tables[0]}


def units_inputs(params):
    for name in ("UNITS", "COUNTIES"):
        if not params.get(name):
            raise BatchError("{} is required".format(name))
    if params.get("STUDY_AREA"):
        raise BatchError("STUDY_AREA: the batch partitions the check by county and needs the counties as "
                         "the study area; with STUDY_AREA, run it in qgis_process (THREADS)")
    given = lambda name: source(params[name], name) if params.get(name) else None  # noqa: E731
    units, counties = given("UNITS"), given("COUNTIES")
    layers = lambda name: tuple(source(v, table_name(v)) for v in params.get(name, []))  # noqa: E731
    inputs = UnitsInputs(units, counties, given("REDLINE"), layers("PRIORITY_LAYERS"), layers("KEY_LAYERS"))
    for src in inputs.sources():
        require_polygons(src, src.name)
    if not len(units):
        raise BatchError("UNITS has no features: there is nothing to check")
    code = params.get("COUNTY_CODE_FIELD") or "XZQDM"
    if code not in counties.fields:
        raise BatchError("COUNTIES has no field '{}': name its 6-digit county code field in "
                         "COUNTY_CODE_FIELD".format(code))
    name = params.get("COUNTY_NAME_FIELD", "XZQMC")
    inputs.county_code_field = code
    inputs.county_name_field = name if name and name in counties.fields else None  # as processing
    return inputs


def units_params(params, units):
    """UnitCheckParams of qgis_process's parameters (same names and defaults)."""
    field = lambda name, default: (params.get(name, default) or "").strip()  # noqa: E731
    code = field("CODE_FIELD", "HJZHGKDYBM")
    if code not in units.fields:
        raise BatchError("UNITS has no field '{}': name the unit code field in CODE_FIELD".format(code))
    access = [f.strip() for f in field("ACCESS_FIELDS", "KJBJYS,PWWPFGK,HJFXFK,ZYKFXLYQ,REMARK").split(",")
              if f.strip() and f.strip().upper() not in NOT_ACCESS_RULES]
    if access and not any(f in units.fields for f in access):
        print("UNITS has none of the access-list fields {}: their check is skipped.".format(", ".join(access)),
              file=sys.stderr)
        access = []
    num = lambda name, default: number(params, name, default)  # noqa: E731
    strict = str(params.get("STRICT", "false")).strip().lower()
    if strict not in ("true", "false", "1", "0", "yes", "no"):
        raise BatchError("STRICT: true or false, not '{}'".format(params["STRICT"]))
    fit = ClassifyParams(share_threshold=num("SHARE_THRESHOLD", 50.0), strict=strict in ("true", "1", "yes"))
    return UnitCheckParams(code_field=code, name_field=field("NAME_FIELD", "HJZHGKDYMC"),
                           class_field=field("CLASS_FIELD", "ZHGKDYFL"), access_fields=tuple(access),
                           gap_tolerance=num("GAP_TOLERANCE", 1.0), overlap_tolerance=num("OVERLAP_TOLERANCE", 0.01),
                           cross_county_tolerance=num("CROSS_COUNTY_TOLERANCE", 1.0),
                           boundary_noise_width=num("BOUNDARY_NOISE_WIDTH", 50.0),
                           redline_tolerance=num("REDLINE_TOLERANCE", 0.01), fit=fit)


# --- running ------------------------------------------------------------------------------

def run(args, params, log=print):
    started = time.perf_counter()
    job = ALGORITHMS[args.algorithm](params)
    check_crs(job)
    if args.by_county:
        if job.by_county is None:
            raise BatchError("--by-county is an option of redline_check, not of {}".format(job.id))
        if not params.get("COUNTIES"):
            log("--by-county: no COUNTIES given, the partitions are grid cells")
        job.by_county = True
    budget = None
    if args.memory_limit:
        limit = _bytes(args.memory_limit)
        if limit < 2 * WORKER_BASE_BYTES:
            raise BatchError("--memory-limit {}: a worker needs about 256 MiB for itself; give each at least "
                             "512MB".format(args.memory_limit))
        if not args.cells:  # what a worker has for its partition, past its own
            budget = limit - WORKER_BASE_BYTES
    cells = args.cells
    if not cells:
        features = sum(len(src) for src in job.sources())
        cells = max(cells_for_budget(features, budget) if budget else 1, PARTS_PER_WORKER * max(1, args.workers))
    grid = job.plan(cells, None)
    for pid, name in job.names(grid).items():
        log("partition {}: {}".format(pid, name))
    context = job.context()
    folder = tempfile.mkdtemp(prefix="ecospace_batch_")
    try:
        parts_started = time.perf_counter()
        run_parts = runner(args, job, log)
        pieces, workers = run_parts(args, job, grid, context, folder, log)
        parts_done = time.perf_counter()
        pieces.sort(key=lambda p: (p["round"], p["pid"]))
        words = findings_words(job, args.lang, log) if params.get("OUTPUT") else None
        out = write_outputs(params, job, pieces, words)
        out.update({name: write_gpkg(params[name], *table, None, None)
                    for name, table in job.merge([p["extra"] for p in pieces if p["round"] == 1],
                                                 context).items()
                    if params.get(name)})
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if params.get("REPORT"):
        log("REPORT is left out: the report needs QGIS (qgis_process)")
    counts = {s: sum(p["counts"][s] for p in pieces) for s in ("error", "warning")}
    seconds = time.perf_counter() - started
    out.update(ERROR_COUNT=counts["error"], WARNING_COUNT=counts["warning"],
               FINDINGS=sum(p["findings"] for p in pieces),
               PARTITIONS=sum(p["round"] == 1 for p in pieces), ROUNDS=max(p["round"] for p in pieces),
               GRID=describe(grid), SECONDS=round(seconds, 3),
               DRIVER_SECONDS=round(seconds - (parts_done - parts_started), 3),
               WORKER_PEAK_RSS_MIB=workers, DRIVER_PEAK_RSS_MIB=round(_peak_rss_mib(), 1),
               PARTITION_STATS=[{k: p[k] for k in ("pid", "round", "seconds", "cpu_seconds", "features",
                                                    "findings")} for p in pieces])
    return out


def describe(grid):
    """'nx x ny' of a grid; 'n county groups' of core.partition's county plan."""
    if hasattr(grid, "nx"):
        return "{} x {}".format(grid.nx, grid.ny)
    if hasattr(grid, "unit_owner"):  # core.units_partition's plan
        return "{} runs of county codes and the rest".format(grid.groups)
    return "{} county groups and {} outside partitions".format(grid.groups, len(grid) - grid.groups)


def work(job, grid, pid, context, folder=None, round_no=1):
    """One partition on a worker: its findings written to a GeoPackage of its own, handed back as
    bytes (or left in `folder`, on this machine) with the counts and the job's small extra."""
    started, cpu_started = time.perf_counter(), time.thread_time()
    with gc_pause.paused():
        table, extra, features = job.run(grid, pid, context)
    n = len(table["rule"])
    data = None
    if n:
        here = folder or tempfile.mkdtemp(prefix="ecospace_part_")
        path = os.path.join(here, "part_{}_{}.gpkg".format(round_no, pid))
        write_findings(path, job, table)
        if folder is None:  # a worker elsewhere: the bytes travel back
            with open(path, "rb") as fh:
                data = fh.read()
            shutil.rmtree(here, ignore_errors=True)
        else:
            data = path
    counts = severity_counts(table)
    return {"pid": pid, "round": round_no, "data": data, "findings": n, "counts": counts, "extra": extra,
            "features": features, "seconds": round(time.perf_counter() - started, 3),
            "cpu_seconds": round(time.thread_time() - cpu_started, 3)}


def runner(args, job, log):
    """How the partitions run: on the cluster, or on --workers threads here (--no-dask, or a small
    input when no --scheduler, --memory-limit or --cluster asks for workers)."""
    if args.no_dask:
        return _run_threads
    if args.scheduler or args.memory_limit or args.cluster:
        return _run_dask
    features = sum(len(src) for src in job.sources())
    if cells_for_budget(features, SMALL_INPUT_BYTES) > 1:
        return _run_dask
    log("a small input ({:,} features): its partitions run on {} threads here, as a LocalCluster's start-up "
        "(~2 s) would outweigh them; --cluster starts one anyway".format(features, max(1, args.workers)))
    return _run_threads


def _run_threads(args, job, grid, context, folder, log):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=max(1, args.workers)) as pool:
        def one_round(ctx, round_no):
            return list(pool.map(lambda pid: work(job, grid, pid, ctx, folder, round_no), job.partitions(grid)))
        return _rounds(job, context, one_round), {}


def _rounds(job, context, one_round):
    """Round one over every partition, then the job's second round if it asks for one."""
    pieces = one_round(context, 1)
    again = job.second_round([p["extra"] for p in sorted(pieces, key=lambda p: p["pid"])], context)
    return pieces if again is None else pieces + one_round(again, 2)


def _run_dask(args, job, grid, context, folder, log):
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
        _upload_core(client, folder)
        pids = job.partitions(grid)
        shared = client.scatter([job, grid], broadcast=True)

        def one_round(ctx, round_no):
            ctx = client.scatter([ctx], broadcast=True)[0]
            futures = [client.submit(work, shared[0], shared[1], pid, ctx, None, round_no, pure=False)
                       for pid in pids]
            pieces = []
            try:
                for future in as_completed(futures):
                    pieces.append(_keep(future.result(), folder))
                    future.release()  # its bytes are on disk now
                    log("partition {} of {} done{}".format(len(pieces), len(pids),
                                                           " (round two)" if round_no > 1 else ""))
            except Exception as error:  # a worker killed (out of memory) or lost, or the partition failed
                raise BatchError(worker_failure(error, len(pids) - 1)) from None
            return pieces
        pieces = _rounds(job, context, one_round)
        peak = client.run(_peak_rss_mib)
        return pieces, {k: round(v, 1) for k, v in peak.items()}
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def worker_failure(error, cells):
    return ("a partition failed on the cluster ({}: {}). If the log above says a worker 'exceeded 95% memory "
            "budget', its partition did not fit: give the workers more memory (--memory-limit) or make the "
            "partitions smaller (--cells more than {}); otherwise run the check in qgis_process and report "
            "this".format(type(error).__name__, str(error)[:300], cells))


def _keep(piece, folder):
    """A partition's GeoPackage bytes to a file here: the driver holds one partition's at a time."""
    if isinstance(piece["data"], bytes):
        path = os.path.join(folder, "part_{}_{}.gpkg".format(piece["round"], piece["pid"]))
        with open(path, "wb") as fh:
            fh.write(piece["data"])
        piece["data"] = path
    return piece


def _peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _upload_core(client, folder):
    """core/ as a zip on every worker's path: workers need no copy of the repository."""
    path = os.path.join(folder, "ecospace_core.zip")
    with zipfile.ZipFile(path, "w") as zf:
        for name in sorted(os.listdir(os.path.join(ROOT, "core"))):
            if name.endswith(".py"):
                zf.write(os.path.join(ROOT, "core", name), "core/" + name)
    client.upload_file(path)


def _bytes(text):
    match = re.fullmatch(r"\s*([\d.]+)\s*([kKmMgGtT]?i?[bB]?)\s*", str(text))
    if not match:
        raise BatchError("--memory-limit: a size such as 3GB, not '{}'".format(text))
    unit = match.group(2).upper().rstrip("B").rstrip("I")
    return int(float(match.group(1)) * 1024 ** " KMGT".index(unit or " "))


# --- writing ------------------------------------------------------------------------------

PART_FIELDS = FINDING_FIELDS + (("detail", "string"),)  # detail: for the messages, not in OUTPUT
WORDS_READ = ("rule", "feature_fid", "feature_code", "other_fid", "other_code", "layer", "other_layer",
              "area_m2", "value", "threshold", "category", "note", "detail")
NO_QGIS_WORDS = ("the findings' message column is left empty: the plugin writes its messages with QGIS's "
                 "Python (translations). Run the batch with it on this machine: tools/batch.sh uses .venv/bin/"
                 "python (a venv made with --system-site-packages over QGIS's Python), or set ECOSPACE_PYTHON "
                 "to QGIS's python; the workers need no QGIS")


def write_findings(path, job, table):
    """A partition's findings as a GeoPackage `findings` table of multi-polygons (multi-points),
    with the detail the messages need and no spatial index (update_columns rewrites it)."""
    columns = dict(table, feature_fid=table["fid"])
    return write_gpkg(path, "findings", PART_FIELDS, columns, table["geometry"], job.srs_wkt,
                      points=job.points, index=False)


def write_outputs(params, job, pieces, words=None):
    """OUTPUT: an empty findings table, then each partition's rows appended in partition order,
    their messages (and notes) first written by `words` (see findings_words)."""
    if not params.get("OUTPUT"):
        return {}
    empty = {name: np.empty(0, dtype=object) for name, _ in FINDING_FIELDS}
    path = write_gpkg(params["OUTPUT"], "findings", FINDING_FIELDS, empty, empty["rule"], job.srs_wkt,
                      points=job.points)
    parts = [p["data"] for p in pieces if p["data"]]
    for part in parts if words else ():  # one partition's rows in memory at a time
        update_columns(part, "findings", WORDS_READ, words)
    append_gpkg(path, "findings", parts)  # the detail column stays behind
    return {"OUTPUT": path}


def findings_words(job, lang, log):
    """The plugin's own words for findings rows, as processing.run writes them ({column: values} of
    the algorithm module's worded(table), or its messages), in `lang` (None: the locale); None, said
    once, where this Python has no QGIS."""
    try:
        from qgis.PyQt.QtCore import QCoreApplication
    except ImportError:
        log(NO_QGIS_WORDS)
        return None
    plugin = _plugin_package()
    i18n = importlib.import_module(plugin + ".i18n")
    _QT.append(QCoreApplication.instance() or QCoreApplication([]))  # a translator needs one
    lang = lang or i18n.qgis_locale()
    i18n.remove_translator()
    if lang not in ("C", "POSIX") and not lang.startswith("en") and not i18n.install_translator(lang):
        log("no {} translation of the messages: they are in English".format(lang))
    module = importlib.import_module("{}.processing.algorithms.{}".format(plugin, job.id))
    messages = importlib.import_module(plugin + ".processing.messages").messages
    worded = getattr(module, "worded", lambda table: {"message": messages(table)})
    written = {name for name, _ in FINDING_FIELDS}

    def words(columns):
        new = worded(dict(columns, fid=columns["feature_fid"]))
        return {k: v for k, v in new.items() if k in written}
    return words


_QT = []  # the QCoreApplication findings_words made: kept while the translator is in use


def _plugin_package():
    """The plugin (this repository's root) imported as a package, as QGIS does, for its messages."""
    name = "ecospace"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, os.path.join(ROOT, "__init__.py"),
                                                      submodule_search_locations=[ROOT])
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return name


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
