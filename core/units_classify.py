"""Environmental control units classified by fitting (DOMAIN 3.2): classify_units.

Each existing unit gets the class of its shares of the priority and key factor zones (fit_shares,
fitted_class); the overlays run in threaded blocks on the precision grid (units_common).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, Callable, Optional, Sequence

import numpy as np
import shapely

from .findings import Findings
from .geom import grid_for
from .measure import Measurer, lonlat_identity
from .progress import NO_PROGRESS
from .units_common import (
    ADMIN_CHUNK,
    GENERAL,
    KEY,
    PRIORITY,
    UNITS,
    WORKERS,
    in_blocks,
    pairs_zone,
    repaired,
    union_each,
    zone_in,
)

if TYPE_CHECKING:
    from .arrays import Array, Bools, Floats, Geoms, Ints
    from .layer import Layer
    from .progress import Progress

    Fit = dict[str, Any]  # fit_shares' areas, shares and zones per unit; "layers": {share key: %}
    Factors = list[tuple[int, str, Geoms]]  # factor_zones: (class, layer name, repaired polygons)

BELOW_ROUNDS = (4, 16, 64)  # class_from_below's rounds: per unit at most so many factors, then all


@dataclass
class ClassifyParams:
    share_threshold: float = 50.0    # %: a class needs this share of the unit (DOMAIN 3.2 fitting)
    strict: bool = False             # any overlap above strict_tolerance counts
    strict_tolerance: float = 0.01   # m²
    grid_size: Optional[float] = None


@dataclass
class ClassifyResult:
    table: dict[str, Array]  # fid, class, area_m2, priority_pct, key_pct, controlled_pct, pct:<layer>
    share_columns: list[str]  # the 'pct:<layer>' keys, priority layers first
    findings: Findings


def classify_units(units: Layer, priority: Sequence[Layer] = (), key: Sequence[Layer] = (),
                   params: ClassifyParams | None = None, measure: Measurer | None = None,
                   progress: Progress = NO_PROGRESS) -> ClassifyResult:
    """Class of existing units by their share of the factor zones (DOMAIN 3.2 fitting).

    Class 1 if the priority share reaches the threshold; class 2 if priority and key together
    reach it (就高: key or higher control); else class 3. STRICT: any overlap counts.
    """
    params = params or ClassifyParams()
    measure = measure or Measurer(lonlat_identity)
    out = Findings()
    progress.steps = 3
    progress.step("inputs")
    geoms = repaired(units, out, "UNIT_INPUT_INVALID", UNITS)
    fit = fit_shares(geoms, priority, key, params, measure, out)
    progress.step("classes")
    klass = fitted_class(fit, params)
    table = {"fid": units.fids.copy(), "class": klass, "area_m2": fit["area_m2"],
             "priority_pct": fit["priority_pct"], "key_pct": fit["key_pct"],
             "controlled_pct": fit["controlled_pct"]}
    table.update(fit["layers"])
    lost = np.flatnonzero((klass > PRIORITY) & (fit["priority_m2"] > params.strict_tolerance))
    out.add("UNIT_FIT_PRIORITY_LOST", UNITS, units.fids[lost], fit["priority_zone"][lost],
            area_m2=fit["priority_m2"][lost], value=fit["priority_pct"][lost],
            threshold=params.share_threshold, category=klass[lost].astype(str))
    progress.step("done")
    return ClassifyResult(table, list(fit["layers"]), out)


def factor_zones(priority: Sequence[Layer], key: Sequence[Layer], out: Findings) -> Factors:
    """The repaired polygons of each factor layer (invalid ones reported): (class, name, polygons)."""
    return [(klass, lyr.name, repaired(lyr, out, "UNIT_INPUT_INVALID"))
            for klass, group in ((PRIORITY, priority), (KEY, key)) for lyr in group]


def fit_shares(geoms: Geoms, priority: Sequence[Layer], key: Sequence[Layer], params: ClassifyParams,
               measure: Measurer, out: Findings) -> Fit:
    """Areas and shares (%) of the priority, key and each factor layer's zone in every unit."""
    return fit_repaired(geoms, factor_zones(priority, key, out), params, measure)


def fit_repaired(geoms: Geoms, factors: Factors, params: ClassifyParams, measure: Measurer) -> Fit:
    """fit_shares on the factor polygons of factor_zones. Each unit's figures depend on that unit
    and the factors alone (not on the other units)."""
    grid = grid_for(measure, params.grid_size)
    area = measure.area(geoms)
    layers: dict[str, Floats] = {}
    per_class = {klass: _class_zone(geoms, factors, klass, grid, measure, area, layers)
                 for klass in (PRIORITY, KEY)}
    prio_m2 = measure.area(per_class[PRIORITY])
    key_m2 = measure.area(per_class[KEY])
    both_m2 = measure.area(_union_threaded(per_class[PRIORITY], per_class[KEY], grid))
    return {"area_m2": area, "layers": layers, "priority_zone": per_class[PRIORITY],
            "priority_m2": prio_m2, "priority_pct": _pct(prio_m2, area),
            "key_m2": key_m2, "key_pct": _pct(key_m2, area),
            "controlled_m2": both_m2, "controlled_pct": _pct(both_m2, area)}


def fitted_exact(geoms: Geoms, factors: Factors, params: ClassifyParams, measure: Measurer) -> tuple[Ints, Floats]:
    """(fitted_class, the share that decided it: priority % for class 1, else controlled %), equal
    to fit_repaired's; the key layers are overlaid only where the priority share is not enough."""
    grid = grid_for(measure, params.grid_size)
    area = measure.area(geoms)
    prio = _class_zone(geoms, factors, PRIORITY, grid, measure, area, {})
    fit = {"priority_m2": measure.area(prio), "controlled_m2": np.full(len(geoms), np.nan)}
    fit["priority_pct"] = _pct(fit["priority_m2"], area)
    fit["controlled_pct"] = fit["controlled_m2"].copy()
    rest = np.flatnonzero(fitted_class(fit, params) != PRIORITY)
    key = _class_zone(geoms[rest], factors, KEY, grid, measure, area[rest], {})
    fit["controlled_m2"][rest] = measure.area(_union_threaded(prio[rest], key, grid))
    fit["controlled_pct"][rest] = _pct(fit["controlled_m2"][rest], area[rest])
    klass = fitted_class(fit, params)
    return klass, np.where(klass == PRIORITY, fit["priority_pct"], fit["controlled_pct"])


def _class_zone(geoms: Geoms, factors: Factors, klass: int, grid: float, measure: Measurer,
                area: Floats, layers: dict[str, Floats]) -> Geoms:
    """The union of the zones of the class's factor layers in each unit; each layer's share (%) is
    added to `layers` under its share key."""
    zones = []
    for of, name, polys in factors:
        if of == klass:
            zone = _elementwise(partial(_zone_slice, polys, geoms, grid), len(geoms), polys)
            layers[_share_key(name, layers)] = _pct(measure.area(zone), area)
            zones.append(zone)
    return _union_all(zones, len(geoms), grid)


def _zone_slice(polys: Geoms, geoms: Geoms, grid: float | None, rows: slice) -> Geoms:
    return zone_in(polys, geoms[rows], grid)


def fitted_class(fit: Fit, params: ClassifyParams) -> Ints:
    if params.strict:
        prio = fit["priority_m2"] > params.strict_tolerance
        ctrl = fit["controlled_m2"] > params.strict_tolerance
    else:
        prio = fit["priority_pct"] >= params.share_threshold
        ctrl = fit["controlled_pct"] >= params.share_threshold
    return np.where(prio, PRIORITY, np.where(ctrl, KEY, GENERAL)).astype(np.int64)


def _elementwise(fn: Callable[[slice], Geoms], n: int, *shared: Geoms) -> Geoms:
    """fn(slice) → object array, computed in threaded blocks and joined."""
    if n == 0:
        return fn(slice(0, 0))
    return np.concatenate(in_blocks(fn, n, shared, chunk=max(ADMIN_CHUNK, n // (4 * WORKERS) + 1)))


def _union_all(zones: Sequence[Geoms], n: int, grid: float) -> Geoms:
    out = np.full(n, None, dtype=object)
    for zone in zones:  # one vectorised union per factor layer
        out = _union_threaded(out, zone, grid)
    return out


def _union_threaded(a: Geoms, b: Geoms, grid: float) -> Geoms:
    return _elementwise(lambda s: union_each(a[s], b[s], grid), len(a))


def _share_key(name: str, taken: dict[str, Floats]) -> str:
    key = "pct:" + name
    k = 2
    while key in taken:
        key = "pct:{}#{}".format(name, k)
        k += 1
    return key


def _pct(part: Floats, whole: Floats) -> Floats:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(whole > 0, 100.0 * part / whole, np.nan)


# --- classes from sound area bounds (units_check: the exact fit only where they cannot decide) ---

def fitted_by_bounds(geoms: Geoms, area: Floats, factors: Factors, params: ClassifyParams,
                     measure: Measurer, upper: Bools | None = None) -> tuple[Ints, Bools]:
    """(fitted_class of each unit where sound bounds of its priority and controlled areas decide
    it, 0 where they cannot; True where the priority share is below the threshold for sure).
    area: measure.area(geoms). `upper`: the units that want upper bounds (all when None); the
    others get lower bounds only, so class 1 or 0 (units_check: a unit stored as class 1 is
    right only if its priority share reaches the threshold).

    Upper bound: the areas of the factors meeting the unit, added up. Lower bound (Bonferroni):
    the factors lying inside the unit (give or take a grid cell: units are often cut along
    them) cover at least Σ|f_k| − Σ|f_i ∩ f_j|. Planar areas become measure.area's by the range
    of the area scale over the unit's envelope; the exact fit rounds to the precision grid, so
    each bound is widened by the grid times the perimeters.
    """
    out, short = np.zeros(len(geoms), dtype=np.int64), np.zeros(len(geoms), dtype=bool)
    present = np.flatnonzero(~shapely.is_missing(geoms) & (area > 0))
    upper = np.ones(len(geoms), dtype=bool) if upper is None else upper
    out[present], short[present] = _bounded_class(geoms[present], area[present], factors, params, measure,
                                                  upper[present])
    return out, short


def _bounded_class(geoms: Geoms, area: Floats, factors: Factors, params: ClassifyParams,
                   measure: Measurer, upper: Bools) -> tuple[Ints, Bools]:
    grid = grid_for(measure, params.grid_size)
    polys = np.concatenate([p for _, _, p in factors] + [np.empty(0, dtype=object)])
    klass = np.concatenate([np.full(len(p), k) for k, _, p in factors] + [np.empty(0, dtype=int)])
    has = ~shapely.is_missing(polys)
    polys, klass = polys[has], klass[has]
    # pairs by envelope only: a factor missing the unit misses its core (0 in the upper bound), lies
    # within reach of it only in the fringe taken off the lower one, and merely widens the slack
    u, f = shapely.STRtree(polys).query(geoms)
    reach = 10.0 * grid  # a factor within this of the unit has all but reach × perimeter inside
    near = shapely.buffer(geoms, reach, quad_segs=1)
    shapely.prepare(near)
    inside = shapely.contains(near[u], polys[f])
    f_area = shapely.area(polys[f])
    core = np.full(len(geoms), None, dtype=object)
    core[upper] = shapely.buffer(geoms[upper], -reach, quad_segs=1)
    shapely.prepare(core)
    # a factor missing the unit shrunk by reach has at most that fringe of the unit (added below)
    f_ceiling = np.zeros(len(u))
    wanted = upper[u]
    f_ceiling[wanted] = np.where(shapely.intersects(core[u[wanted]], polys[f[wanted]]), f_area[wanted], 0.0)
    u_area = np.nan_to_num(shapely.area(geoms))
    fringe = reach * np.nan_to_num(shapely.length(geoms)) * 2.0 + 4.0 * reach ** 2
    slack = _grid_slack(geoms, polys, u, f, grid)
    scale = _scale_range(geoms, measure)
    fi, fj, overlap = _overlaps(u[inside], f[inside], polys)
    bounds = {}
    for name, chosen in (("priority", klass == PRIORITY), ("controlled", np.ones(len(klass), bool))):
        take = chosen[f]
        high = np.bincount(u[take], weights=f_ceiling[take], minlength=len(geoms))
        high = np.where(upper, np.minimum(high + fringe, u_area), np.inf)
        low = np.bincount(u[take & inside], weights=f_area[take & inside], minlength=len(geoms))
        both = chosen[f[inside][fi]] & chosen[f[inside][fj]]
        low -= np.bincount(u[inside][fi[both]], weights=overlap[both], minlength=len(geoms))
        low = np.maximum(low - fringe, 0.0)
        bounds[name] = (low * scale[0] - slack * scale[1], high * scale[1] + slack * scale[1])
    klass, _, no = _decide(bounds, area, params)
    return klass, no["priority"]


def class_from_below(geoms: Geoms, area: Floats, factors: Factors, params: ClassifyParams,
                     measure: Measurer, klass: int) -> Ints:
    """`klass` where its zone overlaid off the grid (floating: about 4 times cheaper) reaches the
    threshold by more than its slack, else 0: a lower bound only. PRIORITY: the priority zone;
    KEY: the controlled zone (every factor), for units whose priority share is known to fall
    short (fitted_by_bounds). A floating overlay moves boundaries by no more than its snapping
    (GEOS: 1e-12 of the coordinates' magnitude; 1e-11 taken, and the exact fit's grid), and its one
    failure seen (GEOS 3.11's unary union) drops area, which lowers the bound: it never decides
    below the threshold. It runs in rounds over the units still open, with at most BELOW_ROUNDS
    factors per unit, those whose envelopes may add most, then all: fewer factors cover less, a
    lower bound still (with the slack of all of them)."""
    out = np.zeros(len(geoms), dtype=np.int64)
    present = np.flatnonzero(~shapely.is_missing(geoms) & (area > 0))
    out[present] = _class_below(geoms[present], area[present], factors, params, measure, klass)
    return out


def _class_below(geoms: Geoms, area: Floats, factors: Factors, params: ClassifyParams,
                 measure: Measurer, klass: int) -> Ints:
    polys = np.concatenate([p for k, _, p in factors if klass == KEY or k == klass]
                           + [np.empty(0, dtype=object)])
    polys = polys[~shapely.is_missing(polys)]
    u, f = shapely.STRtree(polys).query(geoms, predicate="intersects")
    magnitude = np.abs(np.nan_to_num(shapely.bounds(geoms))).max(axis=1)
    step = np.maximum(grid_for(measure, params.grid_size), 1e-11 * magnitude)
    margin = _grid_slack(geoms, polys, u, f, step) * _scale_range(geoms, measure)[1]
    adds = np.minimum(_box_overlap(shapely.bounds(geoms)[u], shapely.bounds(polys)[f]), shapely.area(polys[f]))
    order = np.lexsort((-adds, u))  # per unit, the factors that may add most first
    u, f = u[order], f[order]
    rank = np.arange(len(u)) - np.searchsorted(u, u)
    count, done = np.bincount(u, minlength=len(geoms)), 0
    name = "priority" if klass == PRIORITY else "controlled"
    infinite = np.full(len(geoms), np.inf)
    out, todo = np.zeros(len(geoms), dtype=np.int64), np.ones(len(geoms), dtype=bool)
    for most in BELOW_ROUNDS + (len(u),):  # a subset's union bounds from below too
        fresh = todo & (count > done)  # open, with factors not overlaid yet
        take = (rank < most) & fresh[u]
        low = measure.area(_floating_zone(geoms, polys, u[take], f[take])) - margin
        yes = _decide({"priority": (low, infinite), "controlled": (low, infinite)}, area, params)[1][name] & fresh
        out[yes] = klass
        todo &= ~yes
        done = most
    return out


def _floating_zone(geoms: Geoms, polys: Geoms, u: Ints, f: Ints) -> Geoms:
    """units_common.pairs_zone off the grid, for pairs sorted by unit, in threaded blocks of units."""
    def block(rows: slice) -> Geoms:
        lo, hi = np.searchsorted(u, [rows.start, rows.stop])
        return pairs_zone(polys[f[lo:hi]], u[lo:hi] - rows.start, geoms[rows], None)
    return _elementwise(block, len(geoms), polys)


def _box_overlap(a: Floats, b: Floats) -> Floats:
    """Area shared by the envelopes a[k] and b[k] (rows of shapely.bounds)."""
    w = np.minimum(a[:, 2], b[:, 2]) - np.maximum(a[:, 0], b[:, 0])
    h = np.minimum(a[:, 3], b[:, 3]) - np.maximum(a[:, 1], b[:, 1])
    return np.maximum(w, 0.0) * np.maximum(h, 0.0)


def _overlaps(u: Ints, f: Ints, polys: Geoms) -> tuple[Ints, Ints, Floats]:
    """(a, b, overlap) for the pairs of rows a < b of (u, f) in one unit whose factors' envelopes
    meet; overlap bounds the area the two factors share: their envelopes' common box, at most
    the smaller factor (exact overlays cost more than the units they decide)."""
    order = np.argsort(u, kind="stable")
    counts = np.bincount(u) if len(u) else np.zeros(0, dtype=np.intp)
    first = np.concatenate([[0], np.cumsum(counts)])
    a_list, b_list = [np.empty(0, np.intp)], [np.empty(0, np.intp)]
    for width in np.unique(counts[counts > 1]):  # units with the same number of inside factors at once
        starts = first[np.flatnonzero(counts == width)]
        ia, ib = np.triu_indices(width, 1)
        a_list.append((starts[:, None] + ia[None, :]).ravel())
        b_list.append((starts[:, None] + ib[None, :]).ravel())
    a, b = order[np.concatenate(a_list)], order[np.concatenate(b_list)]
    box = shapely.bounds(polys[f])
    w = np.minimum(box[a, 2], box[b, 2]) - np.maximum(box[a, 0], box[b, 0])
    h = np.minimum(box[a, 3], box[b, 3]) - np.maximum(box[a, 1], box[b, 1])
    meet = np.flatnonzero((w > 0) & (h > 0))
    a, b = a[meet], b[meet]
    return a, b, np.minimum(w[meet] * h[meet], np.minimum(shapely.area(polys[f[a]]), shapely.area(polys[f[b]])))


def _scale_range(geoms: Geoms, measure: Measurer) -> tuple[Floats, Floats]:
    """(low, high) m² per planar unit² over each unit's envelope: the scale at 9 points of it,
    widened by its spread (the scale is smooth over a unit) and a relative 1e-6."""
    box = shapely.bounds(geoms)
    box = np.where(np.isfinite(box), box, 0.0)
    fx = np.array([0.0, 0.5, 1.0])
    xs = box[:, [0]] + (box[:, [2]] - box[:, [0]]) * np.repeat(fx, 3)[None, :]
    ys = box[:, [1]] + (box[:, [3]] - box[:, [1]]) * np.tile(fx, 3)[None, :]
    s = measure.area_scale(np.column_stack([xs.ravel(), ys.ravel()])).reshape(len(geoms), 9)
    lo, hi = s.min(axis=1), s.max(axis=1)
    spread = hi - lo + 1e-6 * hi
    return np.maximum(lo - spread, 0.0), hi + spread


def _grid_slack(geoms: Geoms, polys: Geoms, u: Ints, f: Ints, grid: float | Floats) -> Floats:
    """Planar area by which the grid overlays may differ from the exact union: each of at most
    four snap-roundings moves every boundary by under a grid cell (twice that, to be safe), plus
    a relative 1e-9 of the unit for floating-point noise."""
    perimeter = np.nan_to_num(shapely.length(geoms))
    perimeter += np.bincount(u, weights=shapely.length(polys[f]), minlength=len(geoms))
    return 8.0 * grid * perimeter + 1e-9 * np.nan_to_num(shapely.area(geoms))


def _decide(bounds: dict[str, tuple[Floats, Floats]], area: Floats,
            params: ClassifyParams) -> tuple[Ints, dict[str, Bools], dict[str, Bools]]:
    """(fitted_class where the bounds settle both comparisons it needs, else 0; for "priority"
    and "controlled": where the share reaches the threshold for sure, where it falls short)."""
    yes, no = {}, {}
    for name, (low, high) in bounds.items():
        if params.strict:
            yes[name], no[name] = low > params.strict_tolerance, high <= params.strict_tolerance
        else:
            yes[name] = _pct(low, area) >= params.share_threshold
            no[name] = _pct(high, area) < params.share_threshold
    out = np.zeros(len(area), dtype=np.int64)
    out[no["priority"] & no["controlled"]] = GENERAL
    out[no["priority"] & yes["controlled"]] = KEY
    out[yes["priority"]] = PRIORITY
    return out, yes, no
