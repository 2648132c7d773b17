"""Environmental control units (DOMAIN 3): generation by overlay, classification by fitting, coding.

Overlay: inside each administrative polygon the priority zone is the union of the priority factors,
the key zone is the union of the key factors minus the priority zone, and the rest is general.
Every overlay runs on a fixed precision grid (1 µm by default, snap rounding), so that pieces cut
from one admin polygon share their edges and unions of merged pieces leave no seams. Pieces below
the minimum area then merge into a neighbour (see merge_fragments); shared boundaries are found by
probing each fragment's edges, never by pairwise overlays against large neighbours.
"""
import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Optional

import numpy as np
import shapely

from .findings import Findings, repair_reported
from .geom import explode_polygons, grid_for, grouped_union, plain, point_xy, polygonal
from .layer import as_text
from .measure import Measurer, lonlat_identity
from .pairs import candidate_pairs, clip_to_zones, overlap_pieces
from .progress import NO_PROGRESS

PRIORITY, KEY, GENERAL = 1, 2, 3
CLASS_NAMES = ("优先保护单元", "重点管控单元", "一般管控单元")  # data values, not UI text
ADMIN = "ADMIN"
UNITS = "UNITS"
ADMIN_CHUNK = 200  # admin polygons per overlay block (progress and cancel granularity)
# GEOS releases the GIL in shapely's vectorised calls: overlay blocks run in parallel threads
WORKERS = max(1, min(4, os.cpu_count() or 1))


# --- shared helpers (also used by unit_check and siting) -----------------------------------

def class_values(values, n):
    """Unit classes as ints 1/2/3, 0 where the value is not a class.

    Accepts 1/'1'/1.0 and the Chinese class names (优先保护…, 重点管控…, 一般管控…).
    """
    words = {"1": 1, "2": 2, "3": 3, "优先": 1, "重点": 2, "一般": 3}
    out = np.zeros(n, dtype=np.int64)
    for k, text in enumerate(as_text(values, n)):
        out[k] = words.get(text, words.get(text[:2], 0))
    return out


def code_pattern(prefix="ZH"):
    return re.compile(r"^{}\d{{6}}[123]\d{{4}}$".format(re.escape(prefix)))


def parse_codes(codes, prefix="ZH"):
    """(well-formed mask, county digits, class digit, sequence) of unit code texts; '' and 0
    where a code is not well formed."""
    pattern = code_pattern(prefix)
    ok = np.array([bool(pattern.match(c)) for c in codes], dtype=bool)
    p = len(prefix)
    county = np.array([c[p:p + 6] if f else "" for c, f in zip(codes, ok)], dtype=object)
    klass = np.array([int(c[p + 6]) if f else 0 for c, f in zip(codes, ok)], dtype=np.int64)
    seq = np.array([int(c[p + 7:]) if f else 0 for c, f in zip(codes, ok)], dtype=np.int64)
    return ok, county, klass, seq


def county_codes(values, n):
    """The 6-digit county code of each value ('' if none): township codes (9 or 12 digits) start with it."""
    out = as_text(values, n)
    for k, text in enumerate(out):
        out[k] = text[:6] if text.isdigit() and len(text) in (6, 9, 12) else ""
    return out


def repaired(layer, out, rule, layer_name=None):
    """Repaired polygonal copy of a layer's geometries; invalid ones are reported under `rule`."""
    return plain(repair_reported(layer, out, rule, name=layer_name))


def majority_zone(geoms, zones, measure, areas=None):
    """(zone index holding most of each geometry, -1 if none; the clip pairs i, z, pieces, areas)."""
    i, z, pieces, piece_area = clip_to_zones(geoms, zones, measure, areas)
    best = np.full(len(geoms), -1)
    order = np.lexsort((z, -piece_area, i))
    first = np.ones(len(order), dtype=bool)
    first[1:] = i[order][1:] != i[order][:-1]
    best[i[order][first]] = z[order][first]
    return best, (i, z, pieces, piece_area)


def sequence(county, klass, geoms):
    """1-based sequence within (county, class), north to south then west to east by centroid."""
    x, y = point_xy(shapely.centroid(geoms)).T  # NaN for an empty unit: get_x would raise
    _, county_key = np.unique(county.astype(str), return_inverse=True)
    order = np.lexsort((x, -y, klass, county_key))
    group = county_key[order] * 4 + klass[order]
    start = np.ones(len(order), dtype=bool)
    start[1:] = group[1:] != group[:-1]
    first = np.maximum.accumulate(np.where(start, np.arange(len(order)), 0))
    seq = np.empty(len(order), dtype=np.int64)
    seq[order] = np.arange(len(order)) - first + 1
    return seq


def make_codes(prefix, county, klass, seq):
    """'ZH' + county + class + 4-digit sequence; None where the county is unknown or seq > 9999."""
    return np.array([prefix + c + str(k) + "{:04d}".format(s) if c and 0 < s <= 9999 else None
                     for c, k, s in zip(county, klass, seq)], dtype=object)


def union_groups(geoms, groups, n_groups, grid):
    """geom.grouped_union on the precision grid, handed on plain.

    GEOS 3.11's floating unary union can silently drop area (seen: 5,800 m² of one county's
    units); its snap-rounding union cannot.
    """
    out = grouped_union(geoms, groups, n_groups, grid_size=grid)
    present = ~shapely.is_missing(out)
    out[present] = plain(out[present])
    return out


def zone_in(factors, zones, grid):
    """Union of the factor polygons inside each zone polygon (None where there is none)."""
    out = np.full(len(zones), None, dtype=object)
    present = ~shapely.is_missing(factors)
    factors = factors[present]
    if len(factors) == 0 or len(zones) == 0:
        return out
    f, z = candidate_pairs(factors, zones)
    merged = union_groups(factors[f], z, len(zones), grid)
    has = np.flatnonzero(~shapely.is_missing(merged) & ~shapely.is_missing(zones))
    out[has] = plain(polygonal(shapely.intersection(zones[has], merged[has], grid_size=grid)))
    return out


def _difference(a, b, grid):
    """a − b elementwise, where b may be None (then a)."""
    out = a.copy()
    has = np.flatnonzero(~shapely.is_missing(a) & ~shapely.is_missing(b))
    out[has] = plain(polygonal(shapely.difference(a[has], b[has], grid_size=grid)))
    return out


def _union(a, b, grid):
    out = np.where(shapely.is_missing(a), b, a)
    both = np.flatnonzero(~shapely.is_missing(a) & ~shapely.is_missing(b))
    out[both] = plain(polygonal(shapely.union(a[both], b[both], grid_size=grid)))
    return out


def class_zones(zones, priority, key, grid):
    """(priority, key, general) geometry of each zone polygon, by precedence 1 > 2 > 3."""
    prio = zone_in(priority, zones, grid)
    key_zone = _difference(zone_in(key, zones, grid), prio, grid)
    general = _difference(zones, _union(prio, key_zone, grid), grid)
    return prio, key_zone, general


def _concat(layers, out, rule):
    geoms = [repaired(lyr, out, rule) for lyr in layers]
    return np.concatenate(geoms) if geoms else np.empty(0, dtype=object)


# --- units_generate (overlay) ---------------------------------------------------------------

@dataclass
class GenerateParams:
    min_unit_area: float = 1e6            # m²: smaller pieces merge into a same-class neighbour
    county_field: str = "XZQDM"           # in ADMIN: county code, or a township code starting with it
    name_field: str = "XZQMC"             # in ADMIN: gives unit names ('' to name by county code)
    multipart: bool = False               # one unit per class and admin polygon instead of per part
    absorb_orphans: bool = True           # a key/general fragment with no same-class neighbour
                                          # joins its longest-boundary neighbour of another class
    grid_size: Optional[float] = None     # overlay precision; None: 1 µm (1e-11° if geographic)
    prefix: str = "ZH"
    class_names: tuple = CLASS_NAMES
    overlap_tolerance: float = 0.01       # m², for the admin self-overlap warning


@dataclass
class UnitsResult:
    units: dict           # geometry, code, name, class, county, admin_fid, pieces, area_m2, area_ha
    findings: Findings


def generate_units(admin, priority=(), key=(), params=None, measure=None, progress=NO_PROGRESS):
    """Units that tile ADMIN, classed by precedence, fragments merged, coded (DOMAIN 3.2 overlay)."""
    params = params or GenerateParams()
    measure = measure or Measurer(lonlat_identity)
    grid = grid_for(measure, params.grid_size)
    out = Findings()
    chunks = range(0, len(admin), ADMIN_CHUNK)
    progress.steps = 5 + len(chunks)

    progress.step("inputs")
    zones = repaired(admin, out, "UNIT_INPUT_INVALID")
    zones = plain(shapely.set_precision(zones, grid))
    county = _admin_counties(admin, zones, params, measure, out)
    prio_f = _concat(priority, out, "UNIT_INPUT_INVALID")
    key_f = _concat(key, out, "UNIT_INPUT_INVALID")

    blocks = overlay_blocks(zones, prio_f, key_f, grid, progress)
    by_class = tuple(np.concatenate([b[k] for b in blocks]) if blocks else np.empty(0, object)
                     for k in range(3))

    progress.step("pieces")
    parts, owner, klass = _pieces(by_class, params.multipart)
    part_area = measure.area(parts)
    keep = part_area > 0
    parts, owner, klass, part_area = parts[keep], owner[keep], klass[keep], part_area[keep]
    # pieces of admin polygons with no usable code never merge with other polygons
    _, group_key = np.unique(np.where(county[owner] != "", county[owner], owner.astype(str))
                             .astype(str), return_inverse=True)

    progress.step("fragments")
    label = merge_fragments(parts, klass, group_key, part_area, params.min_unit_area,
                            params.absorb_orphans, 100 * grid, measure)

    progress.step("units")
    units = _assemble(parts, owner, klass, part_area, label, grid, measure)
    units["county"] = county[units["admin"]]

    progress.step("codes")
    units = _code_and_name(units, admin, params)
    _unit_findings(units, params, out)
    units["admin_fid"] = admin.fids[units.pop("admin")]
    units["area_ha"] = units["area_m2"] / 1e4
    return UnitsResult(units, out)


def overlay_blocks(zones, prio_f, key_f, grid, progress):
    """class_zones in blocks of admin polygons; progress and cancel per block."""
    return in_blocks(lambda s: class_zones(zones[s], prio_f, key_f, grid), len(zones), (prio_f, key_f),
                     progress=progress, label="class zones")


def in_blocks(fn, n, shared=(), chunk=ADMIN_CHUNK, progress=None, label=""):
    """[fn(slice)] over consecutive slices of range(n), WORKERS threads at a time, in order (so
    the result does not depend on thread timing). The envelopes of the `shared` geometry arrays
    are built first: the threads then only read them."""
    for geoms in shared:
        shapely.bounds(geoms)
    pool = ThreadPoolExecutor(max_workers=WORKERS)
    futures = [pool.submit(fn, slice(start, start + chunk)) for start in range(0, n, chunk)]
    try:
        results = []
        for future in futures:
            if progress is not None:
                progress.step(label)
            results.append(future.result())
        return results
    finally:
        for future in futures:
            future.cancel()  # after a cancel: drop the blocks not started yet
        pool.shutdown(wait=True)


def _elementwise(fn, n, *shared):
    """fn(slice) → object array, computed in threaded blocks and joined."""
    if n == 0:
        return fn(slice(0, 0))
    return np.concatenate(in_blocks(fn, n, shared, chunk=max(ADMIN_CHUNK, n // (4 * WORKERS) + 1)))


def _admin_counties(admin, zones, params, measure, out):
    county = county_codes(admin.column(params.county_field), len(admin))
    bad = np.flatnonzero(county == "")
    raw = as_text(admin.column(params.county_field), len(admin))
    out.add("UNIT_ADMIN_CODE", ADMIN, admin.fids[bad], zones[bad], detail=raw[bad])
    present = np.flatnonzero(~shapely.is_missing(zones))
    i, j, pieces, areas = overlap_pieces(zones[present], None, measure, params.overlap_tolerance)
    out.add("UNIT_ADMIN_OVERLAP", ADMIN, admin.fids[present[i]], pieces, other_layer=ADMIN,
            other_fid=admin.fids[present[j]], area_m2=areas, value=areas,
            threshold=params.overlap_tolerance)
    return county


def _pieces(by_class, multipart):
    """(pieces, admin index, class) from the per-admin class geometries."""
    n = len(by_class[0])
    geoms = np.concatenate(by_class)
    owner = np.tile(np.arange(n), 3)
    klass = np.repeat(np.array([PRIORITY, KEY, GENERAL]), n)
    present = np.flatnonzero(~shapely.is_missing(geoms))
    if multipart:
        return geoms[present], owner[present], klass[present]
    parts, of = explode_polygons(geoms[present])
    return parts, owner[present[of]], klass[present[of]]


def border_lengths(parts, i, j, eps, measure):
    """Length of the boundary of parts[i] that borders parts[j], for each pair (i, j).

    Every boundary segment of parts[i] is probed at its midpoint, a step eps outside the piece;
    the candidate j holding the probe gets the segment's length. Edges that differ by less than
    eps, or are split at different vertices on the two sides, still count as shared.
    """
    out = np.zeros(len(i))
    if len(i) == 0:
        return out
    owners = np.unique(i)
    polys, poly_of = explode_polygons(parts[owners])
    rings, ring_of = shapely.get_rings(polys, return_index=True)
    exterior = np.ones(len(rings), dtype=bool)
    exterior[1:] = ring_of[1:] != ring_of[:-1]
    outward = np.where(shapely.is_ccw(rings) == exterior, 1.0, -1.0)  # +1: outside on the right
    xy, seg_ring = shapely.get_coordinates(rings, return_index=True)
    same = seg_ring[1:] == seg_ring[:-1]
    a, b, seg_ring = xy[:-1][same], xy[1:][same], seg_ring[:-1][same]
    d = b - a
    norm = np.hypot(d[:, 0], d[:, 1])
    ok = norm > 0
    a, b, d, norm, seg_ring = a[ok], b[ok], d[ok], norm[ok], seg_ring[ok]
    side = outward[seg_ring] * eps / norm
    probe = (a + b) / 2 + np.column_stack([d[:, 1], -d[:, 0]]) * side[:, None]
    seg_owner = owners[poly_of[ring_of[seg_ring]]]
    # every segment against every candidate of its owner
    order = np.argsort(i, kind="stable")
    start = np.searchsorted(i[order], seg_owner)
    count = np.searchsorted(i[order], seg_owner, side="right") - start
    seg = np.repeat(np.arange(len(seg_owner)), count)
    pair = order[np.repeat(start, count) + _ranks(count)]
    shapely.prepare(parts)
    hit = shapely.contains_xy(parts[j[pair]], probe[seg, 0], probe[seg, 1])
    seg, pair = seg[hit], pair[hit]
    lines = shapely.linestrings(np.stack([a[seg], b[seg]], axis=1))
    np.add.at(out, pair, measure.length(lines))
    return out


def _ranks(count):
    """0, 1, …, c−1 for every c in count, concatenated."""
    ends = np.cumsum(count)
    return np.arange(ends[-1] if len(ends) else 0) - np.repeat(ends - count, count)


def fragment_edges(parts, klass, group_key, area, min_area, absorb, eps, measure):
    """(i, j, shared length) between pieces where at least one is a fragment and a merge across
    the pair is allowed: same group_key, and same class unless absorbing a key/general fragment."""
    frag = np.flatnonzero(area < min_area)
    f, j = shapely.STRtree(parts).query(parts[frag])  # envelope candidates only
    i = frag[f]
    keep = (i != j) & (group_key[i] == group_key[j])
    keep &= (klass[i] == klass[j]) | (absorb & (klass[i] != PRIORITY))
    i, j = i[keep], j[keep]
    length = border_lengths(parts, i, j, eps, measure)
    touch = length > 0
    i, j, length = i[touch], j[touch], length[touch]
    # a pair of fragments is probed from both sides: keep one measurement
    _, first = np.unique(np.minimum(i, j) * len(parts) + np.maximum(i, j), return_index=True)
    return i[first], j[first], length[first]


def merge_fragments(parts, klass, group_key, area, min_area, absorb, eps, measure):
    """Group label of each piece after merging fragments (< min_area) into neighbours.

    A fragment joins the same-class neighbour (same group_key, i.e. county) with the longest shared
    boundary; rounds repeat until no fragment group has such a neighbour. With `absorb`, a key or
    general fragment with no same-class neighbour joins its longest-boundary neighbour of any
    class; priority fragments never leave priority (see group_class).
    """
    label = np.arange(len(parts))
    if not (area < min_area).any():
        return label
    i, j, length = fragment_edges(parts, klass, group_key, area, min_area, absorb, eps, measure)
    while True:
        src, dst = _choose_targets(label, i, j, length, klass, area, min_area, absorb)
        if len(src) == 0:
            return label
        label = _components(label, src, dst)


def group_class(label, klass, area, n):
    """Class of each group: priority if it holds any priority piece (priority is never
    downgraded), else the class of its largest piece."""
    out = np.zeros(n, dtype=np.int64)
    order = np.lexsort((-area, label))
    first = np.ones(len(order), dtype=bool)
    first[1:] = label[order][1:] != label[order][:-1]
    out[label[order][first]] = klass[order][first]
    has_priority = np.bincount(label, weights=klass == PRIORITY, minlength=n) > 0
    out[has_priority] = PRIORITY
    return out


def _choose_targets(label, i, j, length, klass, area, min_area, absorb):
    """For every fragment group, the neighbour group it merges into this round."""
    n = len(label)
    garea = np.bincount(label, weights=area, minlength=n)
    gclass = group_class(label, klass, area, n)
    li, lj = label[i], label[j]
    apart = li != lj
    src = np.concatenate([li[apart], lj[apart]])
    dst = np.concatenate([lj[apart], li[apart]])
    ln = np.concatenate([length[apart], length[apart]])
    same = gclass[dst] == gclass[src]
    ok = (garea[src] < min_area) & (same | (absorb & (gclass[src] != PRIORITY)))
    src, dst, ln, same = src[ok], dst[ok], ln[ok], same[ok]
    if len(src) == 0:
        return src, dst
    pair, inverse = np.unique(src * n + dst, return_inverse=True)
    total = np.bincount(inverse, weights=ln)
    src, dst = pair // n, pair % n
    tier = np.ones(len(pair), dtype=np.int64)
    tier[inverse[same]] = 0  # any same-class neighbour comes before other classes
    order = np.lexsort((dst, -garea[dst], -total, tier, src))
    first = np.ones(len(order), dtype=bool)
    first[1:] = src[order][1:] != src[order][:-1]
    return src[order][first], dst[order][first]


def _components(label, src, dst):
    """Relabel so that linked groups share the smallest label (min-label propagation)."""
    comp = np.arange(len(label))
    while True:
        low = np.minimum(comp[src], comp[dst])
        before = comp.copy()
        np.minimum.at(comp, src, low)
        np.minimum.at(comp, dst, low)
        comp = comp[comp]
        if np.array_equal(comp, before):
            return comp[label]


def _assemble(parts, owner, klass, area, label, grid, measure):
    """One unit per label: union of its pieces, class, admin of its largest piece, area."""
    groups, g = np.unique(label, return_inverse=True)
    ng = len(groups)
    geoms = union_groups(parts, g, ng, grid)  # the grid also dissolves sub-grid seams
    count = np.bincount(g, minlength=ng)
    multi = np.flatnonzero(count > 1)
    unit_class = group_class(g, klass, area, ng)
    order = np.lexsort((-area, g))
    first = np.ones(len(order), dtype=bool)
    first[1:] = g[order][1:] != g[order][:-1]
    admin = np.empty(ng, dtype=np.int64)
    admin[g[order][first]] = owner[order][first]
    unit_area = np.bincount(g, weights=area, minlength=ng)
    unit_area[multi] = measure.area(geoms[multi])  # the reported figure is the unit's own area
    return {"geometry": geoms, "class": unit_class, "admin": admin, "pieces": count,
            "area_m2": unit_area}


def _code_and_name(units, admin, params):
    """Codes, sequence and names; the units come back sorted by code (uncoded ones last)."""
    county, klass, geoms = units["county"], units["class"], units["geometry"]
    seq = sequence(county, klass, geoms)
    units["seq"] = seq
    units["code"] = make_codes(params.prefix, county, klass, seq)
    names = as_text(admin.column(params.name_field), len(admin)) if params.name_field else None
    area_name = names[units["admin"]] if names is not None else county.copy()
    area_name = np.where(area_name == "", county, area_name)
    units["name"] = unit_names(area_name, klass, seq, params.class_names)
    order = np.lexsort((units["admin"], seq, klass, county.astype(str), county == ""))
    return {k: v[order] for k, v in units.items()}


def _unit_findings(units, params, out):
    """Findings on the output units; fid is the unit's row number (1-based), its feature id."""
    row = np.arange(1, len(units["code"]) + 1)
    over = (units["county"] != "") & (units["seq"] > 9999)
    out.add("UNIT_CODE_OVERFLOW", UNITS, row[over], units["geometry"][over], detail=units["county"][over])
    _fragments_kept(units, params, out)


def _fragments_kept(units, params, out):
    """One note per county and class on the units kept below MIN_UNIT_AREA: their number (value),
    total area and geometry (all of them, one MultiPolygon); the unit layer lists them by area.

    Isolated priority patches are kept by design and come by the hundred in a province: one note
    per unit would bury the findings that need work."""
    small = np.flatnonzero(units["area_m2"] < params.min_unit_area)
    if len(small) == 0:
        return
    county, klass = units["county"][small].astype(str), units["class"][small]
    keys, first, group = np.unique(np.char.add(np.char.add(county, "|"), klass.astype(str)),
                                   return_index=True, return_inverse=True)
    parts, owner = shapely.get_parts(units["geometry"][small], return_index=True)
    order = np.argsort(group[owner], kind="stable")
    geoms = shapely.multipolygons(parts[order], indices=group[owner][order])
    out.add("UNIT_FRAGMENT_KEPT", UNITS, np.full(len(keys), np.nan), geoms,
            area_m2=np.bincount(group, weights=units["area_m2"][small]),
            value=np.bincount(group).astype(float), threshold=params.min_unit_area,
            category=klass[first].astype(str), detail=county[first])


def unit_names(area_name, klass, seq, class_names):
    """'<area><class name>', numbered 1, 2, … in code order when an area has several of a class."""
    base = np.array([a + class_names[k - 1] for a, k in zip(area_name, klass)], dtype=object)
    _, key, count = np.unique(base.astype(str), return_inverse=True, return_counts=True)
    order = np.lexsort((seq, key))
    rank = np.empty(len(base), dtype=np.int64)
    start = np.searchsorted(key[order], key[order])
    rank[order] = np.arange(len(order)) - start + 1
    return np.array([b + str(r) if count[k] > 1 else b for b, k, r in zip(base, key, rank)],
                    dtype=object)


# --- units_classify (fitting) ---------------------------------------------------------------

@dataclass
class ClassifyParams:
    share_threshold: float = 50.0    # %: a class needs this share of the unit (DOMAIN 3.2 fitting)
    strict: bool = False             # any overlap above strict_tolerance counts
    strict_tolerance: float = 0.01   # m²
    grid_size: Optional[float] = None


@dataclass
class ClassifyResult:
    table: dict           # fid, class, area_m2, priority_pct, key_pct, controlled_pct, pct:<layer>
    share_columns: list   # the 'pct:<layer>' keys, priority layers first
    findings: Findings


def classify_units(units, priority=(), key=(), params=None, measure=None, progress=NO_PROGRESS):
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


def fit_shares(geoms, priority, key, params, measure, out):
    """Areas and shares (%) of the priority, key and each factor layer's zone in every unit."""
    grid = grid_for(measure, params.grid_size)
    area = measure.area(geoms)
    layers, per_class = {}, {}
    for klass, group in ((PRIORITY, priority), (KEY, key)):
        zones = []
        for lyr in group:
            factors = repaired(lyr, out, "UNIT_INPUT_INVALID")
            zone = _elementwise(lambda s: zone_in(factors, geoms[s], grid), len(geoms), factors)
            layers[_share_key(lyr.name, layers)] = _pct(measure.area(zone), area)
            zones.append(zone)
        per_class[klass] = _union_all(zones, len(geoms), grid)
    prio_m2 = measure.area(per_class[PRIORITY])
    key_m2 = measure.area(per_class[KEY])
    both_m2 = measure.area(_union_threaded(per_class[PRIORITY], per_class[KEY], grid))
    return {"area_m2": area, "layers": layers, "priority_zone": per_class[PRIORITY],
            "priority_m2": prio_m2, "priority_pct": _pct(prio_m2, area),
            "key_m2": key_m2, "key_pct": _pct(key_m2, area),
            "controlled_m2": both_m2, "controlled_pct": _pct(both_m2, area)}


def fitted_class(fit, params):
    if params.strict:
        prio = fit["priority_m2"] > params.strict_tolerance
        ctrl = fit["controlled_m2"] > params.strict_tolerance
    else:
        prio = fit["priority_pct"] >= params.share_threshold
        ctrl = fit["controlled_pct"] >= params.share_threshold
    return np.where(prio, PRIORITY, np.where(ctrl, KEY, GENERAL)).astype(np.int64)


def _union_all(zones, n, grid):
    out = np.full(n, None, dtype=object)
    for zone in zones:  # one vectorised union per factor layer
        out = _union_threaded(out, zone, grid)
    return out


def _union_threaded(a, b, grid):
    return _elementwise(lambda s: _union(a[s], b[s], grid), len(a))


def _share_key(name, taken):
    key = "pct:" + name
    k = 2
    while key in taken:
        key = "pct:{}#{}".format(name, k)
        k += 1
    return key


def _pct(part, whole):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(whole > 0, 100.0 * part / whole, np.nan)


# --- units_code -----------------------------------------------------------------------------

@dataclass
class CodeParams:
    code_field: str = "HJZHGKDYBM"
    class_field: str = "ZHGKDYFL"
    prefix: str = "ZH"
    recode_all: bool = False               # renumber every unit, not only the wrong ones
    cross_county_tolerance: float = 1.0    # m²


@dataclass
class CodeResult:
    table: dict           # fid, old_code, new_code, changed, reason, county, class
    findings: Findings


def code_units(units, counties, county_code_field="XZQDM", params=None, measure=None,
               progress=NO_PROGRESS):
    """Assign or repair unit codes from the county holding each unit and its class (DOMAIN 3.3).

    A code is kept when it has the right format, county, class and is the first holder of its
    sequence; every other unit gets the next free sequence of its county and class, in spatial order.
    """
    params = params or CodeParams()
    measure = measure or Measurer(lonlat_identity)
    out = Findings()
    progress.steps = 3
    progress.step("inputs")
    n = len(units)
    geoms = repaired(units, out, "UNIT_INPUT_INVALID", UNITS)
    cgeoms = repaired(counties, out, "UNIT_INPUT_INVALID")
    ccodes = county_codes(counties.column(county_code_field), len(counties))
    klass = class_values(units.column(params.class_field), n)
    if units.column(params.class_field) is None:
        out.add("UNIT_FIELD_MISSING", UNITS, np.nan, detail=params.class_field)
    else:
        bad_class = np.flatnonzero(klass == 0)
        out.add("UNIT_CLASS_INVALID", UNITS, units.fids[bad_class], geoms[bad_class],
                detail=as_text(units.column(params.class_field), n)[bad_class])

    progress.step("counties")
    holder, (i, z, pieces, areas) = majority_zone(geoms, cgeoms, measure)
    cross = (z != holder[i]) & (areas > params.cross_county_tolerance)
    out.add("UNIT_CROSS_COUNTY", UNITS, units.fids[i[cross]], pieces[cross],
            other_layer=counties.name, other_fid=counties.fids[z[cross]], area_m2=areas[cross],
            value=areas[cross], threshold=params.cross_county_tolerance, detail=ccodes[z[cross]])
    county = np.where(holder >= 0, ccodes[np.maximum(holder, 0)], "")
    nowhere = np.flatnonzero((holder < 0) & ~shapely.is_missing(geoms))
    out.add("UNIT_OUTSIDE", UNITS, units.fids[nowhere], geoms[nowhere])

    progress.step("codes")
    old = as_text(units.column(params.code_field), n)
    new, reason, overflow = recode(old, county, klass, geoms, params)
    out.add("UNIT_CODE_OVERFLOW", UNITS, units.fids[overflow], geoms[overflow],
            detail=county[overflow])
    changed = (new != old) & (reason != "")
    ch = np.flatnonzero(changed)
    out.add("UNIT_CODE_CHANGED", UNITS, units.fids[ch], geoms[ch], category=reason[ch],
            detail=np.array(["{} → {}".format(o or "∅", c) for o, c in zip(old[ch], new[ch])],
                            dtype=object))
    table = {"fid": units.fids.copy(), "old_code": old, "new_code": new, "changed": changed,
             "reason": reason, "county": county, "class": klass}
    return CodeResult(table, out)


def recode(old, county, klass, geoms, params):
    """(new codes, reason per unit, overflow mask).

    reason is '' where the code is kept, else empty/format/county/class/duplicate/recode.
    """
    n = len(old)
    codable = (county != "") & (klass > 0)
    reason = np.full(n, "", dtype=object)
    fmt, digits, digit9, old_seq = parse_codes(old, params.prefix)
    reason[~fmt] = "format"
    reason[old == ""] = "empty"
    reason[fmt & (digits != county)] = "county"
    reason[fmt & (digits == county) & (digit9 != klass)] = "class"
    if params.recode_all:
        reason[:] = "recode"
    ok = np.flatnonzero(reason == "")
    _, first = np.unique(old[ok].astype(str), return_index=True)
    dup = np.ones(len(ok), dtype=bool)
    dup[first] = False  # the first holder (lowest fid) keeps a duplicated code
    reason[ok[dup]] = "duplicate"
    reason[~codable] = ""  # no county or class: nothing to assign, the code stays as it was

    kept = np.flatnonzero(reason == "")
    base = {}
    for c, k, s in zip(county[kept], klass[kept], old_seq[kept]):  # per kept code: attribute-sized loop
        base[(c, k)] = max(base.get((c, k), 0), s)
    todo = np.flatnonzero(reason != "")
    seq = sequence(county[todo], klass[todo], geoms[todo])
    seq += np.array([base.get((c, k), 0) for c, k in zip(county[todo], klass[todo])],
                    dtype=np.int64)
    made = make_codes(params.prefix, county[todo], klass[todo], seq)
    overflow = np.zeros(n, dtype=bool)
    overflow[todo] = [m is None for m in made]  # more than 9999 in one county and class
    new = old.copy()
    new[todo[~overflow[todo]]] = made[~overflow[todo]]
    return new, reason, overflow
