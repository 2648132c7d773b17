"""check_activities: human activity inside reserves or the red line, graded by zone (DOMAIN 4-9),
optionally only what is new or grew since an earlier date."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from .findings import Findings
from .geom import grouped_union, is_missing, polygonal, reason_locations, repair
from .layer import Layer
from .measure import Measurer, lonlat_identity
from .pairs import candidate_pairs, clip_to_zones
from .progress import NO_PROGRESS
from .reserve_tally import Tally, mapped_column, name_reserves_and_zones, validity
from .zones import CONTROL, KIND_NAMES, STRICT, UNKNOWN, ZoneSchema, activity_items, join_zones

if TYPE_CHECKING:
    from .arrays import Array, Bools, Extra, Floats, Geoms, Ints
    from .progress import Progress
    from .zones import ZoneJoin

    Table = dict[str, Array]  # name -> equal-length column
    Hits = tuple[Ints, Ints, Geoms, Floats]  # activity index, target index, piece, m²

BLOCKS_PER_THREAD = 4  # blocks of activities per thread: even when some blocks are slower

@dataclass
class ActivityParams(ZoneSchema):
    type_field: str | None = None
    date_field: str | None = None
    activity_values: Extra | None = None  # extra raw type → 142号 items ('7', '5,6')
    min_area: float = 0.01             # m² of an activity patch inside a zone to count there
    growth_tolerance: float = 1.0      # m² added since PREVIOUS to count as grown [ours]
    match_distance: float = 1.0        # m: a point this near a previous activity is not new [ours]


@dataclass
class ActivityResult:
    findings: Findings
    activities: Table   # one row per reported activity
    by_reserve: Table   # counts and areas per reserve, zone and activity type


# grading of an activity by the ground it falls on; higher wins
_RANK_RULES = {4: "HA_STRICT_ZONE", 3: "HA_CONTROL_ZONE", 2: "HA_UNZONED", 1: "HA_REDLINE"}


def check_activities(activities: Layer, reserves: Layer, zones: Layer, redline: Layer | None = None,
                     previous: Layer | None = None, params: ActivityParams | None = None,
                     measure: Measurer | None = None, progress: Progress = NO_PROGRESS,
                     threads: int = 1) -> ActivityResult:
    """One finding per activity inside a reserve or the red line, graded by zone (DOMAIN 4-9).

    With `previous` only new activities, and patches that grew, are reported, with the added area.
    `threads`: the grading runs on blocks of the activities in this many threads (shapely releases
    the GIL); the result is the same for any number.
    """
    params = params or ActivityParams()
    measure = measure or Measurer(lonlat_identity)
    progress.steps = 5
    join = join_zones(reserves, zones, params)
    for field in (params.type_field, params.date_field):  # a mapped field must exist: say so first
        _column_at(activities, field, np.empty(0, dtype=np.intp))
    out = Tally(0)

    progress.step("geometry validity")
    name_reserves_and_zones(out.findings, reserves, zones, join)
    ag, dims = _activity_geoms(activities, out)
    rg = validity(reserves, out, "HA_INPUT_NULL", "HA_INPUT_INVALID")
    zg = validity(zones, out, "HA_INPUT_NULL", "HA_INPUT_INVALID")
    rl = validity(redline, out, "HA_INPUT_NULL", "HA_INPUT_INVALID") if redline is not None else None

    progress.step("changes since the previous date")
    status = np.full(len(ag), "", dtype=object)
    added = np.full(len(ag), np.nan)
    active = ~is_missing(ag)
    if previous is not None:
        pg, _ = _activity_geoms(previous, out)
        ag, active, status, added = _changes(ag, dims, active, pg, params, measure)

    progress.step("zones and reserves")
    hits = _grade(ag, dims, active, zg, rg, rl, join, params, measure, threads)
    progress.step("findings")
    win = _winners(hits)
    graded = np.unique(hits["activity"][win])  # the text columns are needed for these only
    types = np.full(len(activities), "", dtype=object)
    types[graded] = _column_at(activities, params.type_field, graded)
    dates = None
    if params.date_field:
        dates = np.full(len(activities), "", dtype=object)
        dates[graded] = _column_at(activities, params.date_field, graded)
    _activity_findings(activities, reserves, zones, redline, hits, win, join, types, added, params,
                       out, previous is not None)
    progress.step("tables")
    table = _activity_table(activities, reserves, hits, win, join, types, dates, status, added)
    by_reserve = _by_reserve(reserves, hits, win, join, types)
    return ActivityResult(out.findings, table, by_reserve)


def _column_at(layer: Layer, field: str | None, rows: Ints) -> Array:
    """mapped_column(layer, field) at `rows` only ('' when the field is not mapped)."""
    values = mapped_column(Layer(layer.name, layer.geoms[rows], layer.fids[rows],
                                 {k: v[rows] for k, v in layer.attrs.items() if k == field}), field)
    return np.full(len(rows), "", dtype=object) if values is None else values


def _activity_geoms(layer: Layer, out: Tally) -> tuple[Geoms, Ints]:
    """Activities may be points, lines or polygons: only polygons are repaired."""
    geoms = layer.geoms
    dims = np.full(len(geoms), -1)
    present = ~is_missing(geoms)
    dims[present] = shapely.get_dimensions(geoms[present])
    dropped = layer.dropped()
    out.add("HA_INPUT_NULL", -1, layer.name, layer.fids[~present & ~dropped])
    out.add("HA_INPUT_INVALID", -1, layer.name, layer.fids[dropped], detail=layer.problems[dropped])
    poly = np.flatnonzero(dims == 2)
    fixed = geoms.copy()
    repaired, valid, reasons = repair(geoms[poly])
    fixed[poly] = repaired
    bad = poly[~valid]
    out.add("HA_INPUT_INVALID", -1, layer.name, layer.fids[bad], fixed[bad], detail=reasons[~valid],
            location=reason_locations(reasons[~valid]))
    return fixed, dims


def _changes(ag: Geoms, dims: Ints, active: Bools, pg: Geoms, params: ActivityParams,
             measure: Measurer) -> tuple[Geoms, Bools, Array, Floats]:
    """New or grown activities against the previous date; patches become their added part."""
    ag = ag.copy()
    status = np.full(len(ag), "", dtype=object)
    added = np.full(len(ag), np.nan)
    poly = np.flatnonzero(active & (dims == 2))
    i, j = candidate_pairs(ag[poly], pg)
    cover = grouped_union(pg[j], i, len(poly))
    whole = measure.area(ag[poly])
    part = ag[poly].copy()
    has = ~is_missing(cover)
    part[has] = polygonal(shapely.difference(ag[poly][has], cover[has]))
    gain = measure.area(part)
    grown = gain > params.growth_tolerance
    ag[poly] = part
    added[poly] = gain
    status[poly] = np.where(whole - gain <= params.min_area, "new", "grown")
    active = active.copy()
    active[poly[~grown]] = False

    other = np.flatnonzero(active & (dims < 2))
    tree = shapely.STRtree(pg)
    q, _ = tree.query(ag[other], predicate="dwithin", distance=params.match_distance)
    seen = np.zeros(len(other), dtype=bool)
    seen[q] = True
    active[other[seen]] = False
    status[other[~seen]] = "new"
    return ag, active, status, added


def _grade(ag: Geoms, dims: Ints, active: Bools, zg: Geoms, rg: Geoms, rl: Geoms | None, join: ZoneJoin,
           params: ActivityParams, measure: Measurer, threads: int = 1) -> dict[str, Array]:
    """Every (activity, ground) hit with its rank, target, piece, size, reserve and zone kind."""
    idx = np.flatnonzero(active)
    blocks = []
    a, t, piece, size = _hits_threaded(ag[idx], dims[idx], zg, params, measure, threads)
    kind = join.kinds[t]
    rank = np.where(np.isin(kind, STRICT), 4, np.where(np.isin(kind, CONTROL), 3, 2))
    blocks.append((idx[a], rank, np.zeros(len(a), int), t, piece, size, join.zone_reserve[t], kind))
    a, t, piece, size = _hits_threaded(ag[idx], dims[idx], rg, params, measure, threads)
    blocks.append((idx[a], np.full(len(a), 2), np.ones(len(a), int), t, piece, size, t,
                   np.full(len(a), UNKNOWN)))
    if rl is not None:
        a, t, piece, size = _hits_threaded(ag[idx], dims[idx], rl, params, measure, threads)
        blocks.append((idx[a], np.ones(len(a), int), np.full(len(a), 2), t, piece, size,
                       np.full(len(a), -1), np.full(len(a), UNKNOWN)))
    names = ("activity", "rank", "target_layer", "target", "piece", "size", "reserve", "kind")
    return {name: np.concatenate([b[k] for b in blocks]) for k, name in enumerate(names)}


def _hits_threaded(geoms: Geoms, dims: Ints, targets: Geoms, params: ActivityParams, measure: Measurer,
                   threads: int) -> Hits:
    """_hits over consecutive blocks of the activities, `threads` at a time, joined in block order:
    each activity's hits in the order one call gives them, so the winners are the same.

    Each thread works on its own copy of the targets: a prepared geometry (clip_to_zones prepares
    them) builds its indexes lazily, so GEOS must not share one between threads."""
    if threads <= 1 or len(geoms) < 2 * threads:
        return _hits(geoms, dims, targets, params, measure)
    wkb = shapely.to_wkb(targets)
    own = threading.local()
    edges = np.linspace(0, len(geoms), threads * BLOCKS_PER_THREAD + 1).astype(int)

    def block(k: int) -> Hits:
        if not hasattr(own, "targets"):
            own.targets = shapely.from_wkb(wkb)
        part = slice(edges[k], edges[k + 1])
        a, t, piece, size = _hits(geoms[part], dims[part], own.targets, params, measure)
        return a + edges[k], t, piece, size

    with ThreadPoolExecutor(max_workers=threads) as pool:
        parts = list(pool.map(block, range(len(edges) - 1)))
    a, t, piece, size = (np.concatenate(column) for column in zip(*parts))
    return a.astype(np.intp), t.astype(np.intp), piece, size


def _hits(geoms: Geoms, dims: Ints, targets: Geoms, params: ActivityParams, measure: Measurer) -> Hits:
    """(activity index, target index, piece, m²) for activities touching target polygons.

    Patches count where their piece inside exceeds min_area; points and lines where they touch.
    """
    poly = np.flatnonzero(dims == 2)
    i, t, pieces, areas = clip_to_zones(geoms[poly], targets, measure, measure.area(geoms[poly]),
                                        params.min_area)
    other = np.flatnonzero(dims < 2)
    oi, ot = candidate_pairs(geoms[other], targets)
    # the pairs already intersect: a single point is its own piece; only lines need the overlay
    opieces = geoms[other][oi].copy()
    linear = np.flatnonzero(shapely.get_type_id(opieces) != shapely.GeometryType.POINT)
    if len(linear):
        opieces[linear] = shapely.intersection(opieces[linear], targets[ot[linear]])
    keep = ~is_missing(opieces)
    return (np.concatenate([poly[i], other[oi[keep]]]).astype(np.intp),
            np.concatenate([t, ot[keep]]).astype(np.intp),
            np.concatenate([pieces, opieces[keep]]),
            np.concatenate([areas, np.full(keep.sum(), np.nan)]))


def _winners(hits: dict[str, Array]) -> Ints:
    """Index into hits of each activity's worst ground (highest rank, then the largest piece)."""
    if len(hits["activity"]) == 0:
        return np.empty(0, dtype=np.intp)
    order = np.lexsort((-np.nan_to_num(hits["size"]), -hits["rank"], hits["activity"]))
    a = hits["activity"][order]
    first = np.ones(len(a), dtype=bool)
    first[1:] = a[1:] != a[:-1]
    return order[first]


def _activity_findings(activities: Layer, reserves: Layer, zones: Layer, redline: Layer | None,
                       hits: dict[str, Array], win: Ints, join: ZoneJoin, types: Array, added: Floats,
                       params: ActivityParams, out: Tally, with_previous: bool) -> None:
    targets = {0: zones, 1: reserves} if redline is None else {0: zones, 1: reserves, 2: redline}
    items = np.full(len(types), "", dtype=object)
    graded = np.unique(hits["activity"][win])  # the type → items lookup only where a finding needs it
    items[graded] = activity_items(types[graded], params.activity_values)
    for rank, rule in _RANK_RULES.items():
        w = win[hits["rank"][win] == rank]
        if len(w) == 0:
            continue
        a, layer_code, t = hits["activity"][w], hits["target_layer"][w], hits["target"][w]
        other_fid = np.zeros(len(w))
        other_layer = np.empty(len(w), dtype=object)
        for code in np.unique(layer_code):  # at most three target layers
            on = layer_code == code
            other_fid[on] = targets[code].fids[t[on]]
            other_layer[on] = targets[code].name
        out.add(rule, -1, activities.name, activities.fids[a], hits["piece"][w],
                other_layer=other_layer, other_fid=other_fid, area_m2=hits["size"][w],
                value=added[a] if with_previous else None,
                threshold=params.growth_tolerance if with_previous else None,
                detail=_zone_labels(hits["kind"][w]),
                category=items[a] if rank < 4 else "", note=types[a])


def _zone_labels(kind: Ints) -> Array:
    """Zone names for kinds; '' for UNKNOWN (unzoned ground, red line only)."""
    return np.array(KIND_NAMES + ("",), dtype=object)[np.where(kind >= 0, kind, len(KIND_NAMES))]


def _pick(values: Array, index: Ints, fill: Any) -> Array:
    """values[index] where index >= 0, else fill (values may be empty)."""
    out = np.full(len(index), fill, dtype=object)
    ok = index >= 0
    out[ok] = values[index[ok]]
    return out


def _activity_table(activities: Layer, reserves: Layer, hits: dict[str, Array], win: Ints, join: ZoneJoin,
                    types: Array, dates: Array | None, status: Array, added: Floats) -> Table:
    a, r = hits["activity"][win], hits["reserve"][win]
    rules = np.array([""] + [_RANK_RULES[k] for k in range(1, 5)], dtype=object)
    return {"fid": activities.fids[a], "type": types[a],
            "date": dates[a] if dates is not None else np.full(len(a), "", dtype=object),
            "reserve_id": _pick(join.reserve_ids, r, ""),
            "reserve_fid": _pick(reserves.fids, r, -1).astype(np.int64),
            "zone": _zone_labels(hits["kind"][win]), "rule": rules[hits["rank"][win]],
            "status": status[a], "added_m2": added[a], "area_m2": hits["size"][win]}


def _by_reserve(reserves: Layer, hits: dict[str, Array], win: Ints, join: ZoneJoin, types: Array) -> Table:
    """Counts and m² of reported activities per reserve, zone and activity type (long table)."""
    type_names, type_code = np.unique(np.asarray(types[hits["activity"][win]], dtype=str),
                                      return_inverse=True)
    keys = np.column_stack([hits["reserve"][win], hits["kind"][win],
                            np.ravel(type_code)]).astype(np.int64).reshape(-1, 3)
    groups, inverse, count = np.unique(keys, axis=0, return_inverse=True, return_counts=True)
    area = np.bincount(np.ravel(inverse), weights=np.nan_to_num(hits["size"][win]).astype(float),
                       minlength=len(groups)).astype(float)
    return {"reserve_id": _pick(join.reserve_ids, groups[:, 0], ""),
            "reserve_fid": _pick(reserves.fids, groups[:, 0], -1).astype(np.int64),
            "zone": _zone_labels(groups[:, 1]),
            "type": np.asarray(type_names, dtype=object)[groups[:, 2]],
            "count": count.astype(np.int64), "area_m2": area}
