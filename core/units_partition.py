"""units_check over partitions by county code: the findings and statistics of one check_units call
over whole layers, from partitions that each read only what lies around their own counties and
units (DESIGN "Scale: threads, partitions, Dask"). No QGIS here.

Partitions (`units_plan`)
  The county codes (6 digits, COUNTIES' code field) in code order, cut into `groups` runs of about
  equal numbers of units: neighbouring codes are neighbouring counties (same prefecture). Partition
  p < groups is a run; partition REST (= groups) holds what no run holds.

Who owns what (one partition each, from the attributes alone, whatever the order of execution)
  - a unit: the run holding the county digits of its code (HJZHGKDYBM digits 3–8); a unit whose
    code names no county of COUNTIES (bad format, unknown county): REST. So every UNIT_CODE_DUPLICATE
    pair is inside one partition: equal codes have equal county digits;
  - a county: the run holding its code; a county without a code: REST. Its UNIT_GAP findings are
    its owner's;
  - findings about one unit, or a unit and a county (crossings, code county, outside, red line,
    class vs factors, invalid geometry): the unit's owner; about the whole unit layer (a missing
    field): partition 0;
  - UNIT_OVERLAP between units i and j (i first in layer order): i's owner, in a second round
    (`overlaps_partition`) once the first has given every suspect unit (units in a county whose
    pieces add up to more than their union: check_units' own bound);
  - UNIT_INPUT_INVALID of a county, red-line patch or factor polygon: every partition that reads it
    finds the same row; `merge_units` keeps one.

What partition p reads (a source gives at least the features whose envelope meets a rectangle)
  - UNITS and COUNTIES: the envelope of its counties and its units (`rect`): every unit meeting one
    of its counties (their gaps) and every county meeting one of its units (crossings, majority);
    units without a geometry are read by their rows;
  - REDLINE and the factor layers: the envelope of its units.
STUDY_AREA is not partitioned: with one, check_units_threaded runs the whole check.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

import numpy as np
import shapely

from .findings import Findings, repair_reported
from .geom import plain
from .layer import Layer, as_text
from .measure import Measurer, lonlat_identity
from .partition import LayerSource, Read
from .progress import NO_PROGRESS, stepped
from .unit_check import Scope, UnitCheckParams, UnitCheckResult, _overlaps, check_units, statistics
from .units_code import parse_codes
from .units_common import UNITS, county_codes

if TYPE_CHECKING:
    from .arrays import Bools, Floats, Ints, Texts
    from .progress import Progress

    Rect = tuple[float, float, float, float]


@dataclass
class UnitsInputs:
    """check_units' layers as partition sources (core.partition: LayerSource, GpkgSource)."""
    units: Any
    counties: Any
    redline: Any = None
    priority: tuple[Any, ...] = ()
    key: tuple[Any, ...] = ()
    county_code_field: str = "XZQDM"
    county_name_field: str | None = None

    def sources(self) -> list[Any]:
        return [s for s in (self.units, self.counties, self.redline, *self.priority, *self.key)
                if s is not None]


def memory_units_inputs(units: Layer, counties: Layer, redline: Layer | None = None,
                        priority: Sequence[Layer] = (), key: Sequence[Layer] = (),
                        county_code_field: str = "XZQDM",
                        county_name_field: str | None = None) -> UnitsInputs:
    """Inputs over in-memory Layers. Counties are copied per read: check_units prepares them, and
    GEOS builds a prepared geometry's index lazily, which two threads must not share."""
    return UnitsInputs(LayerSource(units), LayerSource(counties, copy=True),
                       None if redline is None else LayerSource(redline),
                       tuple(LayerSource(lyr) for lyr in priority),
                       tuple(LayerSource(lyr) for lyr in key), county_code_field, county_name_field)


@dataclass
class UnitsPlan:
    """Owner of each unit and county (rows in layer order) and their envelopes (NaN: none).
    unit_order, county_order: each row's `order` as its source gives it (a GeoPackage's fids)."""
    groups: int
    unit_owner: Ints
    county_owner: Ints
    unit_env: Floats
    county_env: Floats
    unit_order: Ints
    county_order: Ints

    def __len__(self) -> int:
        return self.groups + 1  # the runs, then REST

    def unit_rows(self, order: Ints) -> Ints:
        return np.searchsorted(self.unit_order, order)

    def county_rows(self, order: Ints) -> Ints:
        return np.searchsorted(self.county_order, order)

    def rect(self, pid: int) -> Rect | None:
        return _envelope(self.unit_env[self.unit_owner == pid], self.county_env[self.county_owner == pid])


def units_plan(inputs: UnitsInputs, groups: int, params: UnitCheckParams) -> UnitsPlan:
    """Runs of county codes with about equal numbers of units (see the module's notes)."""
    units = _whole(inputs.units, [params.code_field])
    counties = _whole(inputs.counties, [inputs.county_code_field])
    codes = as_text(units.layer.column(params.code_field), len(units.layer))
    code_county = parse_codes(codes, params.prefix)[1].astype(str)
    ccodes = county_codes(counties.layer.column(inputs.county_code_field), len(counties.layer)).astype(str)
    known = np.unique(ccodes[ccodes != ""])
    at = np.minimum(np.searchsorted(known, code_county), max(len(known) - 1, 0))
    has = (len(known) > 0) & (known[at] == code_county) if len(known) else np.zeros(len(at), bool)
    weight = np.bincount(at[has], minlength=len(known)) + 1.0  # a county without units costs too
    middle = np.cumsum(weight) - weight / 2.0
    run = np.minimum(groups - 1, np.floor(groups * middle / max(weight.sum(), 1.0))).astype(np.int64)
    run = np.unique(run, return_inverse=True)[1].ravel()  # no empty run
    groups = int(run.max()) + 1 if len(run) else 0
    unit_owner = np.where(has, run[at] if len(run) else 0, groups)
    cat = np.minimum(np.searchsorted(known, ccodes), max(len(known) - 1, 0))
    county_owner = np.where(ccodes != "", run[cat] if len(run) else 0, groups)
    return UnitsPlan(groups, _by_order(unit_owner, units), _by_order(county_owner, counties),
                     _by_order(units.env, units), _by_order(counties.env, counties),
                     np.sort(units.order), np.sort(counties.order))


def _whole(source: Any, fields: Sequence[str]) -> Read:
    """Every feature of a source with `fields` and its envelope, in layer order."""
    parts = [source.read(None, fields)]
    extent = source.extent()
    if extent is not None:
        parts.append(source.read(extent, fields))
    return _joined(parts)


def _by_order(values: Any, read: Read) -> Any:
    out = np.empty_like(values)
    out[np.argsort(read.order, kind="stable")] = values
    return out


def _joined(reads: Sequence[Read]) -> Read:
    """One Read of several (distinct rows), in layer order."""
    order = np.concatenate([r.order for r in reads])
    keep = np.sort(np.unique(order, return_index=True)[1])
    sort = keep[np.argsort(order[keep], kind="stable")]
    cat = lambda get: np.concatenate([get(r) for r in reads])[sort]  # noqa: E731
    first = reads[0].layer
    attrs = {f: cat(lambda r, f=f: r.layer.attrs.get(f, np.full(len(r.layer), None, dtype=object)))
             for f in set().union(*(r.layer.attrs for r in reads))}
    layer = Layer(first.name, cat(lambda r: r.layer.geoms), cat(lambda r: r.layer.fids), attrs,
                  cat(lambda r: r.layer.problems))
    return Read(layer, cat(lambda r: r.env), order[sort])


def _envelope(*envs: Floats) -> Rect | None:
    env = np.concatenate([e.reshape(-1, 4) for e in envs])
    env = env[~np.isnan(env).any(axis=1)]
    if len(env) == 0:
        return None
    return (float(env[:, 0].min()), float(env[:, 1].min()), float(env[:, 2].max()), float(env[:, 3].max()))


# --- one partition ------------------------------------------------------------------------

@dataclass
class UnitsPart:
    """What one partition gives back: the findings it owns, its suspects (global unit rows) and,
    per unit it owns, what the statistics count."""
    pid: int
    findings: Findings
    suspects: Ints
    order: Ints
    county: Texts
    klass: Ints
    area: Floats
    present: Bools
    features: int


def _read(source: Any, rect: Rect | None, fields: Sequence[str] | None, rows: Ints | None = None) -> Read:
    """The features meeting rect, plus the rows without an envelope among `rows`."""
    reads = [] if rect is None else [source.read(rect, fields)]
    if rows is not None and len(rows):
        null = source.read(None, fields)
        reads.append(_take(null, np.isin(null.order, rows)))
    return _joined(reads) if reads else _take(source.read(None, fields), slice(0, 0))


def _take(read: Read, rows: Any) -> Read:
    lyr = read.layer
    layer = Layer(lyr.name, lyr.geoms[rows], lyr.fids[rows], {f: v[rows] for f, v in lyr.attrs.items()},
                  lyr.problems[rows])
    return Read(layer, read.env[rows], read.order[rows])


def unit_fields(params: UnitCheckParams) -> list[str]:
    return [f for f in (params.code_field, params.name_field, params.class_field, *params.access_fields) if f]


def units_partition(inputs: UnitsInputs, plan: UnitsPlan, pid: int, params: UnitCheckParams,
                    measure: Measurer, progress: Progress = NO_PROGRESS) -> UnitsPart:
    """check_units on what partition `pid` reads; the findings it owns (see the module's notes)."""
    mine = np.flatnonzero(plan.unit_owner == pid)
    rect = plan.rect(pid)
    units = _read(inputs.units, rect, unit_fields(params), plan.unit_order[mine])
    counties = _read(inputs.counties, rect, [f for f in (inputs.county_code_field,
                                                         inputs.county_name_field) if f])
    near = _envelope(plan.unit_env[mine])
    layers = lambda src: _read(src, near, []).layer  # noqa: E731
    rows = plan.unit_rows(units.order)
    own = plan.unit_owner[rows] == pid
    scope = Scope(own, plan.county_owner[plan.county_rows(counties.order)] == pid)
    result = check_units(units.layer, counties=counties.layer, county_code_field=inputs.county_code_field,
                         county_name_field=inputs.county_name_field,
                         redline=None if inputs.redline is None else layers(inputs.redline),
                         priority=[layers(s) for s in inputs.priority], key=[layers(s) for s in inputs.key],
                         params=params, measure=measure, progress=progress, scope=scope)
    findings = _owned(result.findings, set(units.layer.fids[own].tolist()), pid == 0)
    present = ~shapely.is_missing(units.layer.geoms[own])
    assert result.suspects is not None and result.klass is not None and result.county is not None
    return UnitsPart(pid, findings, rows[result.suspects], rows[own], result.county[own],
                     result.klass[own], result.unit_area[own], present,
                     len(units.layer) + len(counties.layer))


def _owned(findings: Findings, fids: set[int], whole_layer: bool) -> Findings:
    """The rows a partition owns: its units' (and the gaps it computed, other layers' rows);
    rows about the whole unit layer only where `whole_layer`."""
    def keep(block: dict[str, Any]) -> Bools:
        units = block["layer"] == UNITS
        fid = block["fid"]
        known = ~np.isnan(fid)
        mine = np.array([int(f) in fids for f in np.nan_to_num(fid)], dtype=bool) & known
        return np.where(units, np.where(known, mine, whole_layer), True) | (block["rule"] == "UNIT_GAP")
    return _filtered(findings, keep)


def _filtered(findings: Findings, keep: Callable[[dict[str, Any]], Bools]) -> Findings:
    out = Findings()
    out._codes = dict(findings._codes)
    for block in findings._blocks:
        rows = keep(block)
        if rows.any():
            out._blocks.append({k: v[rows] for k, v in block.items()})
    return out


def overlaps_partition(inputs: UnitsInputs, plan: UnitsPlan, pid: int, suspects: Ints,
                       params: UnitCheckParams, measure: Measurer) -> Findings:
    """Round two: UNIT_OVERLAP between the suspect units, for the pairs whose first unit `pid` owns."""
    mine = suspects[plan.unit_owner[suspects] == pid]
    out = Findings()
    rect = _envelope(plan.unit_env[mine])
    if rect is None:
        return out
    read = inputs.units.read(rect, [params.code_field] if params.code_field else [])
    read = _take(read, np.isin(plan.unit_rows(read.order), suspects))
    units = read.layer
    out.name_features(UNITS, units.fids, units.text(params.code_field))  # for a table() of these alone
    geoms = plain(repair_reported(units, Findings(), "UNIT_GEOM_INVALID", "UNIT_GEOM_NULL", UNITS))
    _overlaps(units, geoms, np.arange(len(units)), params, measure, out)
    first = set(units.fids[np.isin(plan.unit_rows(read.order), mine)].tolist())
    return _filtered(out, lambda b: np.array([int(f) in first for f in b["fid"]], dtype=bool))


# --- merging ------------------------------------------------------------------------------

def merge_units(parts: Iterable[UnitsPart], overlaps: Iterable[Findings] = ()) -> UnitCheckResult:
    """One UnitCheckResult from every partition (any order) and the overlap rounds."""
    parts = sorted(parts, key=lambda p: p.pid)
    out = Findings()
    seen: set[tuple[str, str, float]] = set()
    for found in [p.findings for p in parts] + list(overlaps):
        mine: set[tuple[str, str, float]] = set()
        out.extend(_filtered(found, partial(_first_seen, seen=seen, mine=mine)))
        seen.update(mine)
    out._codes = _codes([p.findings for p in parts])
    cat = lambda name: np.concatenate([getattr(p, name) for p in parts])  # noqa: E731
    order = np.argsort(cat("order"), kind="stable")
    county, klass, area, present = (cat(n)[order] for n in ("county", "klass", "area", "present"))
    return UnitCheckResult(out, statistics(county, klass, area, present), area, county, klass)


def _codes(found: Sequence[Findings]) -> dict[str, tuple[Floats, Any]]:
    """Every partition's feature codes per layer, joined (each names only the features it read)."""
    layers = set().union(*(f._codes for f in found))
    return {name: tuple(np.concatenate([f._codes[name][k] for f in found if name in f._codes])  # type: ignore[misc]
                        for k in (0, 1)) for name in layers}


def _first_seen(block: dict[str, Any], seen: set[tuple[str, str, float]],
                mine: set[tuple[str, str, float]]) -> Bools:
    """Rows about input layers (not UNITS) that no earlier partition gave (one partition may give
    a row twice, as the whole check does: a red line that is also a factor layer)."""
    keep = np.ones(len(block["rule"]), dtype=bool)
    for k in np.flatnonzero(block["layer"] != UNITS):
        key = (str(block["rule"][k]), str(block["layer"][k]), float(block["fid"][k]))
        keep[k] = key not in seen
        mine.add(key)
    return keep


# --- threads ------------------------------------------------------------------------------

def check_units_partitioned(inputs: UnitsInputs, params: UnitCheckParams | None = None,
                            measure: Measurer | None = None, groups: int = 1,
                            mapper: Callable[..., Iterable[Any]] = map,
                            progress: Progress = NO_PROGRESS) -> UnitCheckResult:
    """check_units' result from `groups` county runs (and REST), mapped by `mapper` (map, a thread
    pool's map): round one, then the overlaps between the suspects."""
    params = params or UnitCheckParams()
    measure = measure or Measurer(lonlat_identity)
    plan = units_plan(inputs, groups, params)
    pids = list(range(len(plan)))
    progress.steps = 2 * len(pids)

    def one(pid: int) -> UnitsPart:
        progress.check()  # a cancel is read from any thread; the bar moves on the caller's only
        return units_partition(inputs, plan, pid, params, measure)

    parts = stepped(mapper(one, pids), progress, "partitions")
    suspects = np.unique(np.concatenate([p.suspects for p in parts])).astype(np.int64)

    def two(pid: int) -> Findings:
        progress.check()
        return overlaps_partition(inputs, plan, pid, suspects, params, measure)

    return merge_units(parts, stepped(mapper(two, pids), progress, "overlaps"))


def check_units_threaded(threads: int, units: Layer, counties: Layer | None = None,
                         county_code_field: str = "XZQDM", study_area: Layer | None = None,
                         redline: Layer | None = None, priority: Sequence[Layer] = (),
                         key: Sequence[Layer] = (), params: UnitCheckParams | None = None,
                         measure: Measurer | None = None, progress: Progress = NO_PROGRESS,
                         county_name_field: str | None = None,
                         groups: int | None = None) -> UnitCheckResult:
    """check_units' result on `threads` threads: check_units' own blocks of units and zones over
    the whole in-memory layers (no halo read twice), or with `groups`, that many county runs of
    them on one pool (the batch's partitions; with counties and no study area)."""
    if groups is None or threads <= 1 or counties is None or study_area is not None:
        return check_units(units, counties, county_code_field, study_area, redline, priority, key,
                           params, measure, progress, county_name_field=county_name_field,
                           threads=threads)
    inputs = memory_units_inputs(units, counties, redline, priority, key, county_code_field,
                                 county_name_field)
    with ThreadPoolExecutor(max_workers=threads) as pool:
        return check_units_partitioned(inputs, params, measure, groups, pool.map, progress)
