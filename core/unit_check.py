"""QA of a delivered environmental control unit layer (DOMAIN 3): codes, classes, tiling, red line."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Callable, Optional, Sequence, TypeVar

import numpy as np
import shapely

from .counties import code_change, crossings
from .edge_balance import unbalanced
from .findings import Findings, repair_reported
from .geom import explode_polygons, grid_for, holes, plain, point_xy, polygonal
from .layer import Layer, as_text, code_labels
from .measure import Measurer, lonlat_identity
from .pairs import candidate_pairs
from .progress import NO_PROGRESS
from .units_classify import ClassifyParams, class_from_below, factor_zones, fitted_by_bounds, fitted_exact
from .units_code import parse_codes
from .units_common import (
    KEY,
    PRIORITY,
    UNITS,
    class_values,
    county_codes,
    majority_zone,
    repaired,
    union_groups,
    zone_in,
)

if TYPE_CHECKING:
    from .arrays import Array, Bools, Floats, Geoms, Ints, Texts
    from .progress import Progress
    from .units_classify import Factors

    Clip = tuple[Ints, Ints, Geoms, Floats]  # unit, zone, piece, area (units_common.majority_zone)

ACCESS_FIELDS = ("KJBJYS", "PWWPFGK", "HJFXFK", "ZYKFXLYQ")
R = TypeVar("R")


@dataclass
class UnitCheckParams:
    code_field: str = "HJZHGKDYBM"
    name_field: str = "HJZHGKDYMC"
    class_field: str = "ZHGKDYFL"
    access_fields: tuple[str, ...] = ACCESS_FIELDS  # access-list dimensions; () skips the check
    prefix: str = "ZH"
    gap_tolerance: float = 1.0             # m², DOMAIN 1
    overlap_tolerance: float = 0.01        # m², DOMAIN 1
    cross_county_tolerance: float = 1.0    # m²
    boundary_noise_width: float = 50.0     # m: a crossing no wider than this along the line [ours]
    redline_tolerance: float = 0.01        # m² of red line tolerated in a key or general unit
    fit: ClassifyParams = field(default_factory=ClassifyParams)  # class vs factor layers
    grid_size: Optional[float] = None


@dataclass
class Scope:
    """What one partition (core.units_partition) owns among the features it read: the units whose
    per-unit rules, red line, factors and statistics it computes, and the zones (counties) whose
    gaps it finds. Overlaps are left to the caller, who gets the suspect units instead."""
    units: Bools
    zones: Bools


@dataclass
class UnitCheckResult:
    findings: Findings
    statistics: dict[str, Array]  # per county and class: units, area, share; then per-class totals
    unit_area: Floats
    county: Texts | None = None  # per unit: the county it is counted in (partitions merge by it)
    klass: Ints | None = None
    suspects: Ints | None = None  # with a Scope: units that may overlap (overlaps not searched)


def check_units(units: Layer, counties: Layer | None = None, county_code_field: str = "XZQDM",
                study_area: Layer | None = None, redline: Layer | None = None,
                priority: Sequence[Layer] = (), key: Sequence[Layer] = (),
                params: UnitCheckParams | None = None, measure: Measurer | None = None,
                progress: Progress = NO_PROGRESS, exact: bool = False,
                county_name_field: str | None = None, scope: Scope | None = None,
                threads: int = 1) -> UnitCheckResult:
    """Every unit-layer check; layers are core.Layer objects already in one CRS.

    The study area is STUDY_AREA if given, else the union of COUNTIES; with neither, only the
    holes inside the units' union count as gaps. Cheap sound bounds spare the exact overlays
    where they cannot find anything; `exact` (for tests) overlays everything, with the same findings.
    `scope` (core.units_partition): the costly rules run on the owned units and zones only, and
    the overlaps are not searched (the suspects are returned). `threads`: the costly rules run
    in blocks of units (or zones) on a pool of that many threads, with the same findings in the
    same order.
    """
    params = params or UnitCheckParams()
    measure = measure or Measurer(lonlat_identity)
    out = Findings()
    progress.steps = 7
    with _Blocks(threads, progress) as blocks:
        late_inputs = blocks.one(partial(_late_inputs, redline, priority, key))  # meanwhile

        progress.step("geometry")
        out.name_features(UNITS, units.fids, units.text(params.code_field))
        geoms = plain(repair_reported(units, out, "UNIT_GEOM_INVALID", "UNIT_GEOM_NULL", UNITS))
        area = measure.area(geoms)
        progress.step("attributes")
        codes = as_text(units.column(params.code_field), len(units))
        parsed = parse_codes(codes, params.prefix)
        klass = _attributes(units, geoms, codes, parsed, params, out)
        own = np.flatnonzero(np.ones(len(geoms), dtype=bool) if scope is None else scope.units)

        progress.step("counties")
        zones = [(layer, Findings(), k == 0) for k, layer in enumerate((counties, study_area))
                 if layer is not None]  # each with its repairs' findings
        clips = [_clipped(blocks, geoms, repaired(layer, found, "UNIT_INPUT_INVALID"), measure, area)
                 for layer, found, _ in zones]  # the overlays start first, the repairs go on
        late = _start_late_rules(blocks, units, geoms, klass, area, redline, late_inputs(), params,
                                 measure, own, exact)
        county = parsed[1]
        study, clip = None, None
        for (layer, found, are_counties), clipped in zip(zones, clips):
            out.extend(found)
            zgeoms, holder, clip = clipped()
            study = (layer, zgeoms)  # STUDY_AREA when given, else COUNTIES
            if are_counties:
                holder_code = _county_checks(units, geoms, layer, zgeoms, holder, clip,
                                             (county_code_field, county_name_field), county, params,
                                             measure, out)
                county = np.where(holder_code != "", holder_code, county)

        progress.step("gaps and overlaps")
        if study is None:
            suspects = _inner_gaps(geoms, params, measure, out)
        else:
            assert clip is not None  # a study area gives the clip
            suspects = _gaps_in_blocks(blocks, study, clip, params, measure, out, exact,
                                       None if scope is None else scope.zones)
            _outside(units, geoms, area, clip, params, measure, out)
        if scope is None:
            _overlaps(units, geoms, suspects, params, measure, out)

        for label in ("red line", "factors"):
            progress.step(label)
            for found in late[label]():
                out.extend(found)

    progress.step("statistics")
    stats = statistics(county, klass, area, ~shapely.is_missing(geoms)) if scope is None else {}
    return UnitCheckResult(out, stats, area, county, klass, None if scope is None else suspects)


# --- threads -------------------------------------------------------------------------------

BLOCKS_PER_THREAD = 2  # an even end: no thread left alone with a large last block


class _Blocks:
    """Rules over blocks of rows on one thread pool (GEOS releases the GIL), their results in
    block order, so that the findings come out as from one run over every row. One thread: a
    rule runs over all its rows when its results are asked for."""

    def __init__(self, threads: int, progress: Progress) -> None:
        self.pool = ThreadPoolExecutor(max_workers=threads) if threads > 1 else None
        self.count = threads * BLOCKS_PER_THREAD
        self.progress = progress

    def __enter__(self) -> _Blocks:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)  # after an error: drop the rest

    def start(self, rule: Callable[[Ints], R], rows: Ints) -> Callable[[], list[R]]:
        """rule(block) over blocks of `rows`, started now; the call returned waits for them."""
        pool = self.pool
        if pool is None:
            return lambda: [rule(rows)]
        parts = [b for b in np.array_split(rows, self.count) if len(b)] or [rows]
        futures = [pool.submit(self._run, rule, b) for b in parts]
        return lambda: [f.result() for f in futures]

    def one(self, call: Callable[[], R]) -> Callable[[], R]:
        """call() started now; the call returned waits for its result."""
        if self.pool is None:
            return call

        def checked() -> R:
            self.progress.check()
            return call()
        return self.pool.submit(checked).result

    def private(self, geoms: Geoms) -> Geoms:
        """A copy of geometries a rule prepares (GEOS builds a prepared geometry's index lazily,
        which two threads must not share); the array itself with one thread."""
        return geoms if self.pool is None else shapely.from_wkb(shapely.to_wkb(geoms))

    def _run(self, rule: Callable[[Ints], R], rows: Ints) -> R:
        self.progress.check()  # a cancel is read in the threads; the bar moves on the caller's only
        return rule(rows)


def _late_inputs(redline: Layer | None, priority: Sequence[Layer],
                 key: Sequence[Layer]) -> tuple[Findings, Geoms | None, Findings, Factors]:
    """The repaired red line and factor polygons, each with its repairs' findings."""
    red, fac = Findings(), Findings()
    rl = None if redline is None else repaired(redline, red, "UNIT_INPUT_INVALID")
    factors = factor_zones(priority, key, fac)
    for polys in [rl] + [p for _, _, p in factors]:
        shapely.bounds(polys)  # envelopes built once, before the threads read them
    return red, rl, fac, factors


def _start_late_rules(blocks: _Blocks, units: Layer, geoms: Geoms, klass: Ints, area: Floats,
                      redline: Layer | None, inputs: tuple[Findings, Geoms | None, Findings, Factors],
                      params: UnitCheckParams, measure: Measurer, own: Ints,
                      exact: bool) -> dict[str, Callable[[], list[Findings]]]:
    """The red line and the class-vs-factor rules over blocks of the owned units, started now
    (they need neither the counties nor the gaps); each gives its findings, the repaired
    inputs' (_late_inputs) first."""
    red, rl, fac, factors = inputs
    late: dict[str, Callable[[], list[Findings]]] = {"red line": list, "factors": list}
    shapely.bounds(geoms)
    if redline is not None and rl is not None:
        def red_rule(rows: Ints) -> Findings:
            found = Findings()
            _redline_lower(units, geoms, klass, redline, rl, params, measure, found, rows)
            return found
        late["red line"] = _after(red, blocks.start(red_rule, own))
    if factors:
        def factor_rule(rows: Ints) -> Findings:
            found = Findings()
            _class_factor(units, geoms, klass, area, factors, params, measure, found, rows, exact)
            return found
        late["factors"] = _after(fac, blocks.start(factor_rule, own))
    return late


def _after(first: Findings, rest: Callable[[], list[Findings]]) -> Callable[[], list[Findings]]:
    return lambda: [first] + rest()


def _clipped(blocks: _Blocks, geoms: Geoms, zones: Geoms, measure: Measurer,
             area: Floats) -> Callable[[], tuple[Geoms, Ints, Clip]]:
    """units_common.majority_zone over blocks of the units, started now; the call returned
    gives the zones, then the same holders and clip rows as one call over all units."""
    for shared in (geoms, zones):
        shapely.bounds(shared)  # envelopes built once, before the threads read them

    def rule(rows: Ints) -> tuple[Ints, Clip]:
        holder, (i, z, pieces, areas) = majority_zone(geoms[rows], blocks.private(zones), measure,
                                                      area[rows])
        return holder, (rows[i], z, pieces, areas)
    started = blocks.start(rule, np.arange(len(geoms)))

    def joined() -> tuple[Geoms, Ints, Clip]:
        parts = started()
        cat = lambda k: np.concatenate([p[1][k] for p in parts])  # noqa: E731
        return zones, np.concatenate([p[0] for p in parts]), (cat(0), cat(1), cat(2), cat(3))
    return joined


def _gaps_in_blocks(blocks: _Blocks, study: tuple[Layer, Geoms], clip: Clip, params: UnitCheckParams,
                    measure: Measurer, out: Findings, exact: bool, owned: Bools | None) -> Ints:
    """_gaps over blocks of the owned study polygons (each polygon's gaps are its own)."""
    n = len(study[1])
    owned = np.ones(n, dtype=bool) if owned is None else owned

    def rule(rows: Ints) -> tuple[Findings, Ints]:
        found, mine = Findings(), np.zeros(n, dtype=bool)
        mine[rows] = True
        return found, _gaps(study, clip, params, measure, found, exact, mine)
    parts = blocks.start(rule, np.flatnonzero(owned))()
    for found, _ in parts:
        out.extend(found)
    return np.unique(np.concatenate([s for _, s in parts]))


# --- geometry and attributes ---------------------------------------------------------------

def _attributes(units: Layer, geoms: Geoms, codes: Texts, parsed: tuple[Bools, Texts, Ints, Ints],
                params: UnitCheckParams, out: Findings) -> Ints:
    """Field presence, class values, codes, empty fields; returns the classes (0 = unreadable)."""
    n = len(units)
    for name in (params.code_field, params.name_field, params.class_field):
        if name and units.column(name) is None:
            out.add("UNIT_FIELD_MISSING", UNITS, np.nan, detail=name)
    raw_class = units.column(params.class_field)
    klass = class_values(raw_class, n)
    if raw_class is not None:
        bad = np.flatnonzero(klass == 0)
        out.add("UNIT_CLASS_INVALID", UNITS, units.fids[bad], geoms[bad],
                detail=as_text(raw_class, n)[bad])
    if params.name_field and units.column(params.name_field) is not None:
        empty = np.flatnonzero(as_text(units.column(params.name_field), n) == "")
        out.add("UNIT_ATTR_EMPTY", UNITS, units.fids[empty], geoms[empty], detail=params.name_field)
    if units.column(params.code_field) is not None:
        _codes(units, geoms, klass, codes, parsed, params, out)
    _access(units, geoms, params, out)
    return klass


def _codes(units: Layer, geoms: Geoms, klass: Ints, codes: Texts,
           parsed: tuple[Bools, Texts, Ints, Ints], params: UnitCheckParams, out: Findings) -> None:
    """Format, class digit, and uniqueness (a unique code = a unique sequence per county+class)."""
    ok, _, digit9, _ = parsed
    bad = np.flatnonzero(~ok)
    out.add("UNIT_CODE_FORMAT", UNITS, units.fids[bad], geoms[bad], detail=codes[bad])
    wrong = np.flatnonzero(ok & (klass > 0) & (digit9 != klass))
    out.add("UNIT_CODE_CLASS", UNITS, units.fids[wrong], geoms[wrong], value=digit9[wrong],
            threshold=klass[wrong], detail=codes[wrong])
    idx = np.flatnonzero(ok)
    _, first, inverse = np.unique(codes[idx].astype(str), return_index=True, return_inverse=True)
    later = first[inverse] != np.arange(len(idx))
    dup, orig = idx[later], idx[first[inverse[later]]]
    out.add("UNIT_CODE_DUPLICATE", UNITS, units.fids[dup], geoms[dup], other_layer=UNITS,
            other_fid=units.fids[orig], detail=codes[dup])


def _access(units: Layer, geoms: Geoms, params: UnitCheckParams, out: Findings) -> None:
    """One finding per unit that names all its empty access-list fields (not one per field)."""
    present = []
    for name in params.access_fields:
        if units.column(name) is None:  # often kept in a separate list keyed by code: a warning
            out.add("UNIT_FIELD_MISSING", UNITS, np.nan, detail=name, severity="warning")
        else:
            present.append(name)
    if not present:
        return
    empty = np.column_stack([as_text(units.column(name), len(units)) == "" for name in present])
    rows = np.flatnonzero(empty.any(axis=1))
    names = np.array(present, dtype=object)
    detail = np.array([", ".join(names[empty[r]]) for r in rows], dtype=object)
    out.add("UNIT_ACCESS_EMPTY", UNITS, units.fids[rows], geoms[rows], detail=detail)


# --- counties and tiling -------------------------------------------------------------------

def _county_checks(units: Layer, geoms: Geoms, counties: Layer, cgeoms: Geoms, holder: Ints,
                   clip: Clip, fields: tuple[str, str | None], code_county: Texts,
                   params: UnitCheckParams, measure: Measurer, out: Findings) -> Texts:
    """Units crossing county lines (or only the noise of a boundary mismatch), and code digits 3–8
    vs the county holding the unit; fields: the counties' code and name fields (name: None)."""
    ccodes = county_codes(counties.column(fields[0]), len(counties))
    labels = code_labels(ccodes, counties.text(fields[1]) if fields[1] else None)
    out.name_features(counties.name, counties.fids, ccodes)
    i, z, pieces, areas = clip
    minority = (z != holder[i]) & (areas > params.cross_county_tolerance)
    crossings(out, ("UNIT_CROSS_COUNTY", "UNIT_COUNTY_BOUNDARY_MISMATCH"), UNITS, units.fids[i],
              counties, cgeoms, z, labels, pieces, areas, minority, params, measure)
    holder_code = np.where(holder >= 0, ccodes[np.maximum(holder, 0)], "")
    wrong = np.flatnonzero((code_county != "") & (holder_code != "") & (code_county != holder_code))
    out.add("UNIT_CODE_COUNTY", UNITS, units.fids[wrong], geoms[wrong], other_layer=counties.name,
            other_fid=counties.fids[holder[wrong]],
            detail=code_change(code_county[wrong], holder[wrong], ccodes, labels))
    return holder_code


def _gaps(study: tuple[Layer, Geoms], clip: Clip, params: UnitCheckParams, measure: Measurer,
          out: Findings, exact: bool = False, owned: Bools | None = None) -> Ints:
    """Study area not covered by any unit: each study polygon minus its unit pieces.

    Returns the units that may overlap: those in study polygons whose pieces add up to more
    area than their union (the union is needed for the gaps anyway; pairs are costly).
    Only the study polygons whose edges do not balance (core.edge_balance: a sound bound, from
    the ring segments alone) can hold either, so only those are overlaid, unless `exact`.
    `owned`: the study polygons to look at (all when None).
    """
    layer, sgeoms = study
    i, z, pieces, _ = clip
    grid = grid_for(measure, params.grid_size)
    noise = _planar(min(params.overlap_tolerance, params.gap_tolerance), sgeoms, measure)
    owned = np.ones(len(sgeoms), dtype=bool) if owned is None else owned
    if exact:
        todo = np.flatnonzero(owned)
    else:
        mine = owned[z]
        zones = sgeoms.copy()
        zones[~owned] = None  # the others' rings are not read: each zone's flag is its own
        flagged = unbalanced(pieces[mine], z[mine], zones, grid, noise)[1]
        todo = np.flatnonzero(flagged & owned)
    pos = np.full(len(sgeoms), -1)
    pos[todo] = np.arange(len(todo))
    take = pos[z] >= 0
    i, z, pieces = i[take], z[take], pieces[take]
    covered = union_groups(pieces, pos[z], len(todo), grid)
    parts, of = explode_polygons(_minus(sgeoms[todo], covered))
    of = todo[of]
    part_area = measure.area(parts)
    big = part_area > params.gap_tolerance
    out.add("UNIT_GAP", UNITS, np.full(big.sum(), np.nan), parts[big], other_layer=layer.name,
            other_fid=layer.fids[of[big]], area_m2=part_area[big], value=part_area[big],
            threshold=params.gap_tolerance)
    excess = np.bincount(pos[z], weights=shapely.area(pieces), minlength=len(todo)).astype(float)
    excess -= np.nan_to_num(shapely.area(covered))
    crowded = np.zeros(len(sgeoms), dtype=bool)
    crowded[todo] = excess > _planar(params.overlap_tolerance, sgeoms[todo], measure)
    return np.unique(i[crowded[z]])


def _inner_gaps(geoms: Geoms, params: UnitCheckParams, measure: Measurer, out: Findings) -> Ints:
    """Without a study area, a gap is a hole in the union of all units. Returns the units that
    may overlap (all of them when their areas add up to more than their union)."""
    present = np.flatnonzero(~shapely.is_missing(geoms))
    if len(present) == 0:
        return present
    grid = grid_for(measure, params.grid_size)
    cover = plain(np.array([shapely.union_all(geoms[present], grid_size=grid)], dtype=object))
    parts, _ = explode_polygons(cover)
    gaps = holes(parts)[0]
    gap_area = measure.area(gaps)
    big = gap_area > params.gap_tolerance
    out.add("UNIT_GAP", UNITS, np.full(big.sum(), np.nan), gaps[big], area_m2=gap_area[big],
            value=gap_area[big], threshold=params.gap_tolerance)
    excess = shapely.area(geoms[present]).sum() - shapely.area(cover[0])
    return present if excess > _planar(params.overlap_tolerance, cover, measure)[0] else present[:0]


def _planar(tolerance: float, geoms: Geoms, measure: Measurer) -> Floats:
    """An area tolerance in m² as planar map units² around each geometry, halved for noise."""
    scale = np.ones(len(geoms))
    has = ~shapely.is_missing(geoms)
    scale[has] = measure.area_scale(point_xy(shapely.centroid(geoms[has])))
    return 0.5 * tolerance / scale


def _overlaps(units: Layer, geoms: Geoms, suspects: Ints, params: UnitCheckParams, measure: Measurer,
              out: Findings) -> None:
    """Overlap pieces between suspect units (intersection, not relate: much faster in GEOS 3.11)."""
    i, j = candidate_pairs(geoms[suspects])
    i, j = suspects[i], suspects[j]
    pieces = polygonal(shapely.intersection(geoms[i], geoms[j]))
    areas = measure.area(pieces)
    big = areas > params.overlap_tolerance
    out.add("UNIT_OVERLAP", UNITS, units.fids[i[big]], pieces[big], other_layer=UNITS,
            other_fid=units.fids[j[big]], area_m2=areas[big], value=areas[big],
            threshold=params.overlap_tolerance)


def _outside(units: Layer, geoms: Geoms, area: Floats, clip: Clip, params: UnitCheckParams,
             measure: Measurer, out: Findings) -> None:
    """Unit area outside the study area; only units whose pieces fall short are overlaid."""
    i, _, pieces, areas = clip
    inside = np.bincount(i, weights=areas, minlength=len(geoms))
    short = np.flatnonzero((area - inside > params.gap_tolerance) & ~shapely.is_missing(geoms))
    pos = np.full(len(geoms), -1)
    pos[short] = np.arange(len(short))
    take = pos[i] >= 0
    grid = grid_for(measure, params.grid_size)
    cover = union_groups(pieces[take], pos[i[take]], len(short), grid)
    parts, of = explode_polygons(_minus(geoms[short], cover))
    part_area = measure.area(parts)
    big = part_area > params.gap_tolerance
    owner = short[of[big]]
    out.add("UNIT_OUTSIDE", UNITS, units.fids[owner], parts[big], area_m2=part_area[big],
            value=part_area[big], threshold=params.gap_tolerance)


def _minus(a: Geoms, b: Geoms) -> Geoms:
    """a − b elementwise; b None means nothing to remove."""
    out = a.copy()
    has = np.flatnonzero(~shapely.is_missing(a) & ~shapely.is_missing(b))
    out[has] = polygonal(shapely.difference(a[has], b[has]))
    return out


# --- red line and factor layers ------------------------------------------------------------

def _redline_lower(units: Layer, geoms: Geoms, klass: Ints, redline: Layer, rl: Geoms,
                   params: UnitCheckParams, measure: Measurer, out: Findings, rows: Ints) -> None:
    """Red-line area inside key or general units (DOMAIN 3.1: never below priority).

    One overlay per unit with the union of the patches it touches (a general unit with
    thousands of red-line holes would cost thousands of pairwise overlays), then each piece is
    given back to the patch holding it.
    """
    lower = rows[(klass[rows] >= KEY) & ~shapely.is_missing(geoms[rows])]
    inside = zone_in(rl, geoms[lower], grid_for(measure, params.grid_size))
    parts, of = explode_polygons(inside)
    probe, patch = shapely.STRtree(rl).query(shapely.point_on_surface(parts), predicate="intersects")
    first = np.lexsort((patch, probe))  # overlapping patches: the first in layer order
    first = first[np.unique(probe[first], return_index=True)[1]]
    probe, patch = probe[first], patch[first]
    key, group = np.unique(of[probe] * max(len(rl), 1) + patch, return_inverse=True)
    order = np.argsort(group, kind="stable")
    pieces = shapely.multipolygons(parts[probe[order]], indices=group[order])
    areas = measure.area(pieces)
    unit, patch = lower[key // max(len(rl), 1)], key % max(len(rl), 1)
    big = areas > params.redline_tolerance
    out.add("UNIT_REDLINE_LOWER", UNITS, units.fids[unit[big]], pieces[big],
            other_layer=redline.name, other_fid=redline.fids[patch[big]], area_m2=areas[big],
            value=areas[big], threshold=params.redline_tolerance,
            category=klass[unit[big]].astype(str))


def _class_factor(units: Layer, geoms: Geoms, klass: Ints, area: Floats, factors: Factors,
                  params: UnitCheckParams, measure: Measurer, out: Findings, rows: Ints,
                  exact: bool) -> None:
    """Stored class vs the class the factor layers give by fitting, for units[rows]. Sound area
    bounds settle most units (units_classify.fitted_by_bounds), a floating overlay from below
    most of the open class-1 and class-2 units (class_from_below); the exact fit runs on the rest and on
    every unit found wrong (its share is reported), unless `exact` (all of them)."""
    geoms, klass, fids = geoms[rows], klass[rows], units.fids[rows]
    fitted: Ints = np.zeros(len(rows), dtype=np.int64)
    if not exact:
        fitted, short = fitted_by_bounds(geoms, area[rows], factors, params.fit, measure,
                                         upper=klass != PRIORITY)
        for hope, of in (((fitted == 0) & (klass == PRIORITY), PRIORITY),  # open, and right if so
                         ((fitted == 0) & (klass == KEY) & short, KEY)):
            at = np.flatnonzero(hope)
            fitted[at] = class_from_below(geoms[at], area[rows][at], factors, params.fit, measure, of)
    redo = np.flatnonzero((fitted == 0) | (fitted != klass))
    fitted, share = fitted_exact(geoms[redo], factors, params.fit, measure)
    geoms, klass, fids = geoms[redo], klass[redo], fids[redo]
    wrong = np.flatnonzero((klass > 0) & (fitted != klass) & ~shapely.is_missing(geoms))
    out.add("UNIT_CLASS_FACTOR", UNITS, fids[wrong], geoms[wrong], value=share[wrong],
            threshold=params.fit.share_threshold, category=fitted[wrong].astype(str),
            detail=np.array(["{} → {}".format(a, b) for a, b in zip(klass[wrong], fitted[wrong])],
                            dtype=object))


# --- statistics ----------------------------------------------------------------------------

def statistics(county: Texts, klass: Ints, area: Floats, present: Bools) -> dict[str, Array]:
    """Units, area and share of the county's unit area per county and class, then 'TOTAL' rows
    per class over the whole layer, counting the units `present` (with a geometry). Class 0 rows
    hold units whose class is unreadable."""
    county, klass, area = county[present].astype(str), klass[present], area[present]
    county = np.concatenate([county, np.full(len(county), "TOTAL")])  # every unit counted twice:
    klass, area = np.tile(klass, 2), np.tile(area, 2)                  # in its county and in TOTAL
    keys, inverse = np.unique(np.char.add(np.char.add(county, "|"), klass.astype(str)),
                              return_inverse=True)
    total = np.bincount(inverse, weights=area, minlength=len(keys)).astype(float)
    row_county = np.array([k.rsplit("|", 1)[0] for k in keys], dtype=object)
    _, of_county = np.unique(row_county.astype(str), return_inverse=True)
    county_total = np.bincount(of_county, weights=total)[of_county]
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(county_total > 0, 100.0 * total / county_total, np.nan)
    return {"county": row_county,
            "class": np.array([int(k.rsplit("|", 1)[1]) for k in keys], dtype=np.int64),
            "units": np.bincount(inverse, minlength=len(keys)).astype(np.int64),
            "area_m2": total, "area_ha": total / 1e4, "share_pct": share}
