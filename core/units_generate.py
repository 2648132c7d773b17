"""Environmental control units by overlay (DOMAIN 3.2): generate_units.

Overlay: inside each administrative polygon the priority zone is the union of the priority factors,
the key zone is the union of the key factors minus the priority zone, and the rest is general.
Every overlay runs on a fixed precision grid (1 µm by default, snap rounding), so that pieces cut
from one admin polygon share their edges and unions of merged pieces leave no seams. Pieces below
the minimum area then merge into a neighbour (see merge_fragments); shared boundaries are found by
probing each fragment's edges, never by pairwise overlays against large neighbours.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional, Sequence

import numpy as np
import shapely

from .findings import Findings
from .geom import explode_polygons, grid_for, plain, polygonal
from .layer import as_text
from .measure import Measurer, lonlat_identity
from .pairs import overlap_pieces
from .progress import NO_PROGRESS
from .units_code import make_codes, sequence, unit_names
from .units_common import (
    ADMIN,
    ADMIN_CHUNK,
    CLASS_NAMES,
    GENERAL,
    KEY,
    PRIORITY,
    UNITS,
    county_codes,
    in_blocks,
    repaired,
    union_each,
    union_groups,
    zone_in,
)

if TYPE_CHECKING:
    from .arrays import Array, Floats, Geoms, Ints, Texts
    from .layer import Layer
    from .progress import Progress

    Columns = dict[str, Array]  # name -> equal-length column
    ClassZones = tuple[Geoms, Geoms, Geoms]  # priority, key, general per zone polygon


def _difference(a: Geoms, b: Geoms, grid: float) -> Geoms:
    """a − b elementwise, where b may be None (then a)."""
    out = a.copy()
    has = np.flatnonzero(~shapely.is_missing(a) & ~shapely.is_missing(b))
    out[has] = plain(polygonal(shapely.difference(a[has], b[has], grid_size=grid)))
    return out


def class_zones(zones: Geoms, priority: Geoms, key: Geoms, grid: float) -> ClassZones:
    """(priority, key, general) geometry of each zone polygon, by precedence 1 > 2 > 3."""
    prio = zone_in(priority, zones, grid)
    key_zone = _difference(zone_in(key, zones, grid), prio, grid)
    general = _difference(zones, union_each(prio, key_zone, grid), grid)
    return prio, key_zone, general


def _concat(layers: Sequence[Layer], out: Findings, rule: str) -> Geoms:
    geoms = [repaired(lyr, out, rule) for lyr in layers]
    return np.concatenate(geoms) if geoms else np.empty(0, dtype=object)


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
    class_names: tuple[str, ...] = CLASS_NAMES
    overlap_tolerance: float = 0.01       # m², for the admin self-overlap warning


@dataclass
class UnitsResult:
    units: Columns        # geometry, code, name, class, county, admin_fid, pieces, area_m2, area_ha
    findings: Findings


def generate_units(admin: Layer, priority: Sequence[Layer] = (), key: Sequence[Layer] = (),
                   params: GenerateParams | None = None, measure: Measurer | None = None,
                   progress: Progress = NO_PROGRESS) -> UnitsResult:
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


def overlay_blocks(zones: Geoms, prio_f: Geoms, key_f: Geoms, grid: float, progress: Progress) -> list[ClassZones]:
    """class_zones in blocks of admin polygons; progress and cancel per block."""
    return in_blocks(lambda s: class_zones(zones[s], prio_f, key_f, grid), len(zones), (prio_f, key_f),
                     progress=progress, label="class zones")


def _admin_counties(admin: Layer, zones: Geoms, params: GenerateParams, measure: Measurer, out: Findings) -> Texts:
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


def _pieces(by_class: Sequence[Geoms], multipart: bool) -> tuple[Geoms, Ints, Ints]:
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


def border_lengths(parts: Geoms, i: Ints, j: Ints, eps: float, measure: Measurer) -> Floats:
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


def _ranks(count: Ints) -> Ints:
    """0, 1, …, c−1 for every c in count, concatenated."""
    ends = np.cumsum(count)
    return np.arange(ends[-1] if len(ends) else 0) - np.repeat(ends - count, count)


def fragment_edges(parts: Geoms, klass: Ints, group_key: Ints, area: Floats, min_area: float, absorb: bool,
                   eps: float, measure: Measurer) -> tuple[Ints, Ints, Floats]:
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


def merge_fragments(parts: Geoms, klass: Ints, group_key: Ints, area: Floats, min_area: float, absorb: bool,
                    eps: float, measure: Measurer) -> Ints:
    """Group label of each piece after merging fragments (< min_area) into neighbours.

    A fragment joins the same-class neighbour (same group_key, i.e. county) with the longest shared
    boundary; rounds repeat until no fragment group has such a neighbour. With `absorb`, a key or
    general fragment with no same-class neighbour joins its longest-boundary neighbour of any
    class; priority fragments never leave priority (see group_class).
    """
    label: Ints = np.arange(len(parts))
    if not (area < min_area).any():
        return label
    i, j, length = fragment_edges(parts, klass, group_key, area, min_area, absorb, eps, measure)
    while True:
        src, dst = _choose_targets(label, i, j, length, klass, area, min_area, absorb)
        if len(src) == 0:
            return label
        label = _components(label, src, dst)


def group_class(label: Ints, klass: Ints, area: Floats, n: int) -> Ints:
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


def _choose_targets(label: Ints, i: Ints, j: Ints, length: Floats, klass: Ints, area: Floats, min_area: float,
                    absorb: bool) -> tuple[Ints, Ints]:
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


def _components(label: Ints, src: Ints, dst: Ints) -> Ints:
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


def _assemble(parts: Geoms, owner: Ints, klass: Ints, area: Floats, label: Ints, grid: float,
              measure: Measurer) -> Columns:
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


def _code_and_name(units: Columns, admin: Layer, params: GenerateParams) -> Columns:
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


def _unit_findings(units: Columns, params: GenerateParams, out: Findings) -> None:
    """Findings on the output units; fid is the unit's row number (1-based), its feature id."""
    row = np.arange(1, len(units["code"]) + 1)
    over = (units["county"] != "") & (units["seq"] > 9999)
    out.add("UNIT_CODE_OVERFLOW", UNITS, row[over], units["geometry"][over], detail=units["county"][over])
    _fragments_kept(units, params, out)


def _fragments_kept(units: Columns, params: GenerateParams, out: Findings) -> None:
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
