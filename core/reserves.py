"""Protected-area checks (DOMAIN 4) over whole geometry arrays.

- check_reserves: functional-zone QA of nature reserves (items 1–6), a per-reserve summary and the
  optional conversion of three zones to two.
- check_overlaps: overlaps between protected areas with the suggested keeper (item 7), and
  protected area outside the red line (item 8).
- check_activities: human activity inside reserves or the red line, graded by zone (item 9).

Per-reserve work is done with grouped unions (one union per reserve and zone kind, vectorised),
never with a Python loop over zones.
"""
from dataclasses import dataclass

import numpy as np
import shapely

from .findings import Findings
from .geom import explode_polygons, grouped_union, is_missing, parts_of_type, polygonal, repair
from .layer import as_numbers, as_text
from .measure import Measurer, lonlat_identity
from .pairs import candidate_pairs, clip_to_zones, overlap_pieces
from .progress import NO_PROGRESS
from .rules import ERROR, RULES, WARNING
from .zones import (BUFFER, CONTROL, CORE, CORE_PROTECTION, EXPERIMENTAL, GENERAL_CONTROL,
                    KIND_KEYS, KIND_NAMES, NATIONAL_PARK, STRICT, SYSTEM_MIXED, SYSTEM_NAMES,
                    SYSTEM_THREE, SYSTEM_TWO, UNKNOWN, InputError, ZoneSchema, activity_items,
                    join_zones, level_ranks, type_ranks)

__all__ = ["InputError", "ReserveParams", "ReserveResult", "check_reserves", "OverlapParams",
           "OverlapResult", "check_overlaps", "ActivityParams", "ActivityResult", "check_activities"]

TWO_ZONE_NAMES = ("核心保护区", "一般控制区")  # DOMAIN 4: core + buffer → 核心保护区, experimental → 一般控制区


# --- shared helpers ----------------------------------------------------------------------

class _Tally:
    """Findings plus, per reserve, how many errors and warnings concern it (for the verdict)."""

    def __init__(self, n_reserves):
        self.findings = Findings()
        self.counts = {ERROR: np.zeros(n_reserves, dtype=np.int64),
                       WARNING: np.zeros(n_reserves, dtype=np.int64)}

    def add(self, rule, reserve, layer, fid, geometry=None, **columns):
        fid = np.atleast_1d(fid)
        self.findings.add(rule, layer, fid, geometry, **columns)
        counts = self.counts.get(RULES[rule].severity)
        if counts is not None and len(fid):
            reserve = np.broadcast_to(np.asarray(reserve), fid.shape)
            np.add.at(counts, reserve[reserve >= 0], 1)


def _validity(layer, out, null_rule, invalid_rule, reserve=-1):
    """Repaired polygonal copies; null and invalid geometries become findings."""
    fixed, valid, reasons = repair(layer.geoms)
    reserve = np.broadcast_to(np.asarray(reserve), (len(layer),))
    missing = is_missing(layer.geoms)
    out.add(null_rule, reserve[missing], layer.name, layer.fids[missing])
    bad = ~valid
    out.add(invalid_rule, reserve[bad], layer.name, layer.fids[bad], fixed[bad], detail=reasons[bad])
    return fixed


def _parts_above(geoms, measure, tolerance):
    """(polygon parts, index of their geometry, areas) of the parts larger than tolerance."""
    parts, owner = explode_polygons(geoms)
    areas = measure.area(parts)
    big = areas > tolerance
    return parts[big], owner[big], areas[big]


def _linear(geoms):
    """Only the line content of each geometry, merged (None where there is none)."""
    lines = parts_of_type(geoms, shapely.GeometryType.LINESTRING, shapely.multilinestrings)
    present = ~shapely.is_missing(lines)
    lines[present] = shapely.line_merge(lines[present])
    return lines


def _lines_above(geoms, measure, tolerance):
    lines = _linear(geoms)
    length = measure.length(lines)
    keep = np.flatnonzero(length > tolerance)
    return lines[keep], keep, length[keep]


def _column(layer, field, numeric=False):
    """A mapped optional field: None when not mapped; InputError when mapped but absent."""
    if not field:
        return None
    values = layer.column(field)
    if values is None:
        raise InputError("FIELD_MISSING", [layer.name, field])
    return as_numbers(values) if numeric else as_text(values)


def _fill_holes(geoms):
    """Each polygonal geometry with its holes filled: the ground it encloses."""
    parts, owner = explode_polygons(geoms)
    shells = shapely.polygons(shapely.get_exterior_ring(parts))
    return grouped_union(shells, owner, len(geoms))


def _union2(a, b):
    """Element-wise union where either side may be None."""
    out = np.where(is_missing(a), b, a)
    both = ~is_missing(a) & ~is_missing(b)
    out[both] = shapely.union(a[both], b[both])
    return out


# --- reserve_check -------------------------------------------------------------------------

@dataclass
class ReserveParams(ZoneSchema):
    name_field: str = None
    level_field: str = None
    type_field: str = None
    type_values: dict = None              # extra raw type → rank (3 national park, 2 reserve, 1 park)
    area_field: str = None                # declared area
    area_unit_m2: float = 1e4             # m² per unit of the declared area (公顷 by default)
    area_rel_tolerance: float = 0.001     # DOMAIN 4-6: max(0.01 m², 0.1 %)
    area_abs_tolerance: float = 0.01
    gap_tolerance: float = 1.0            # m², DOMAIN 1
    overlap_tolerance: float = 0.01       # m², DOMAIN 1
    outside_tolerance: float = 0.01       # m² of a zone outside its reserve [ours]
    nesting_tolerance: float = 1.0        # m² of experimental zone enclosed by core + buffer [ours]
    edge_tolerance: float = 1.0           # m of shared boundary for the nesting warnings [ours]
    check_shares: bool = False            # DOMAIN 4-5: unverified, off by default
    min_core_protection_share: float = 0.5
    min_core_share: float = 1.0 / 3.0
    max_experimental_share: float = 1.0 / 3.0
    two_zone_output: bool = False


@dataclass
class ReserveResult:
    findings: Findings
    summary: dict            # per-reserve columns (see _summary)
    two_zone: dict           # dissolved two-zone conversion, or None
    reserve_area: np.ndarray


def check_reserves(reserves, zones, params=None, measure=None, progress=NO_PROGRESS):
    """Zone QA of reserves (DOMAIN 4 items 1–6); layers are core.Layer objects in one CRS."""
    params = params or ReserveParams()
    measure = measure or Measurer(lonlat_identity)
    progress.steps = 7
    progress.step("zone names")
    join = join_zones(reserves, zones, params)
    n = len(reserves)
    out = _Tally(n)
    attrs = {"name": _column(reserves, params.name_field),
             "level": _column(reserves, params.level_field),
             "type": _column(reserves, params.type_field),
             "declared_m2": _column(reserves, params.area_field, numeric=True)}
    if attrs["declared_m2"] is not None:
        attrs["declared_m2"] = attrs["declared_m2"] * params.area_unit_m2

    progress.step("geometry validity")
    rg = _validity(reserves, out, "RES_GEOM_NULL", "RES_GEOM_INVALID", np.arange(n))
    zg = _validity(zones, out, "RES_GEOM_NULL", "RES_GEOM_INVALID", join.zone_reserve)
    _join_findings(reserves, zones, rg, zg, join, out)

    progress.step("zoning system")
    _mixed_systems(reserves, rg, join, out)
    progress.step("tiling")
    tiles = _tiling(reserves, zones, rg, zg, join, params, measure, out)
    progress.step("nesting")
    unions = _kind_unions(zg, join, n)
    _nesting(reserves, rg, unions, join, params, measure, out)

    progress.step("areas and shares")
    reserve_area = measure.area(rg)
    kind_area = _kind_areas(measure.area(zg), join, n)
    _shares(reserves, rg, join, kind_area, reserve_area, attrs["type"], params, out)
    _declared_area(reserves, rg, reserve_area, attrs["declared_m2"], params, out)

    progress.step("summary")
    summary = _summary(reserves, join, attrs, reserve_area, kind_area, tiles, out)
    two = _two_zone(reserves, join, unions, measure) if params.two_zone_output else None
    return ReserveResult(out.findings, summary, two, reserve_area)


def _join_findings(reserves, zones, rg, zg, join, out):
    rid, n = join.reserve_ids, len(reserves)
    empty = np.flatnonzero(rid == "")
    out.add("RES_ID_EMPTY", empty, reserves.name, reserves.fids[empty], rg[empty])
    _, first_index, inverse = np.unique(rid, return_index=True, return_inverse=True)
    dup = np.flatnonzero(~join.first & (rid != ""))
    out.add("RES_ID_DUPLICATE", dup, reserves.name, reserves.fids[dup], rg[dup],
            other_layer=reserves.name, other_fid=reserves.fids[first_index[inverse[dup]]],
            detail=rid[dup])

    orphan = np.flatnonzero(join.zone_reserve < 0)
    out.add("RES_ZONE_NO_RESERVE", -1, zones.name, zones.fids[orphan], zg[orphan],
            detail=join.zone_ids[orphan])
    unknown = np.flatnonzero(join.kinds == UNKNOWN)
    out.add("RES_ZONE_UNKNOWN", join.zone_reserve[unknown], zones.name, zones.fids[unknown],
            zg[unknown], detail=join.names[unknown])

    counts = np.bincount(join.zone_reserve[join.zone_reserve >= 0], minlength=n)
    bare = np.flatnonzero((counts == 0) & join.first & (rid != ""))
    out.add("RES_NO_ZONES", bare, reserves.name, reserves.fids[bare], rg[bare], detail=rid[bare])


def _mixed_systems(reserves, rg, join, out):
    """DOMAIN 4-1: one zoning system per reserve."""
    mixed = np.flatnonzero(join.system == SYSTEM_MIXED)
    detail = np.empty(len(mixed), dtype=object)
    for k, r in enumerate(mixed):  # only the few mixed reserves: list the names they use
        mine = (join.zone_reserve == r) & (join.kinds >= 0)
        used = sorted(set(zip(join.kinds[mine], join.names[mine])))  # in kind order
        detail[k] = ", ".join(dict.fromkeys(name for _, name in used))
    out.add("RES_SYSTEM_MIXED", mixed, reserves.name, reserves.fids[mixed], rg[mixed], detail=detail)


def _tiling(reserves, zones, rg, zg, join, params, measure, out):
    """DOMAIN 4-2/4-3: zones inside their reserve, no gaps, no overlaps. Returns per-reserve m²."""
    n = len(reserves)
    zi = np.flatnonzero((join.zone_reserve >= 0) & ~is_missing(zg))
    zr = join.zone_reserve[zi]

    # zone parts outside their own reserve (a zone wholly inside needs no overlay)
    has = ~is_missing(rg[zr])
    zi_in, zr_in = zi[has], zr[has]
    # (unprepared: zones share the reserve's boundary, where a prepared test falls back anyway)
    cut = ~shapely.covers(rg[zr_in], zg[zi_in])
    zi_cut, zr_cut = zi_in[cut], zr_in[cut]
    outside = polygonal(shapely.difference(zg[zi_cut], rg[zr_cut]))
    parts, k, areas = _parts_above(outside, measure, params.outside_tolerance)
    out.add("RES_ZONE_OUTSIDE", zr_cut[k], zones.name, zones.fids[zi_cut[k]], parts,
            other_layer=reserves.name, other_fid=reserves.fids[zr_cut[k]], area_m2=areas,
            value=areas, threshold=params.outside_tolerance)
    outside_m2 = np.bincount(zr_cut[k], weights=areas, minlength=n).astype(float)

    # gaps: the reserve minus the union of its zones (all of it when its zones have no geometry)
    cover = grouped_union(zg[zi], zr, n)
    zoned = np.bincount(join.zone_reserve[join.zone_reserve >= 0], minlength=n) > 0
    r = np.flatnonzero(zoned & ~is_missing(rg))
    gaps = rg[r].copy()
    has = ~is_missing(cover[r])
    gaps[has] = polygonal(shapely.difference(rg[r][has], cover[r][has]))
    parts, k, areas = _parts_above(gaps, measure, params.gap_tolerance)
    out.add("RES_ZONE_GAP", r[k], reserves.name, reserves.fids[r[k]], parts, area_m2=areas,
            value=areas, threshold=params.gap_tolerance)
    gap_m2 = np.bincount(r[k], weights=areas, minlength=n).astype(float)

    # overlaps between zones of the same reserve
    i, j, pieces, areas = overlap_pieces(zg[zi], None, measure, params.overlap_tolerance)
    same = zr[i] == zr[j]
    i, j, pieces, areas = i[same], j[same], pieces[same], areas[same]
    out.add("RES_ZONE_OVERLAP", zr[i], zones.name, zones.fids[zi[i]], pieces,
            other_layer=zones.name, other_fid=zones.fids[zi[j]], area_m2=areas, value=areas,
            threshold=params.overlap_tolerance)
    overlap_m2 = np.bincount(zr[i], weights=areas, minlength=n).astype(float)
    return {"gap_m2": gap_m2, "overlap_m2": overlap_m2, "outside_m2": outside_m2}


def _kind_unions(zg, join, n):
    """(n reserves, 5 kinds) array: the union of each reserve's zones of each kind."""
    ok = np.flatnonzero((join.zone_reserve >= 0) & (join.kinds >= 0) & ~is_missing(zg))
    groups = join.zone_reserve[ok] * len(KIND_NAMES) + join.kinds[ok]
    return grouped_union(zg[ok], groups, n * len(KIND_NAMES)).reshape(n, len(KIND_NAMES))


def _nesting(reserves, rg, unions, join, params, measure, out):
    """DOMAIN 4-4 (warnings, three-zone reserves): buffer around core, experimental outside it,
    core on the reserve's outer edge."""
    three = np.flatnonzero((join.system == SYSTEM_THREE) & ~is_missing(rg))
    core, buffer, exp = (unions[three, k] for k in (CORE, BUFFER, EXPERIMENTAL))
    fids = reserves.fids

    # core boundary not covered by buffer but shared with the experimental zone
    t = np.flatnonzero(~is_missing(core) & ~is_missing(exp))
    line = shapely.boundary(core[t])
    bare = np.where(is_missing(buffer[t]), line, shapely.difference(line, buffer[t]))
    with np.errstate(invalid="ignore"):  # GEOS 3.11 warns on the empty result of disjoint lines
        touch = shapely.intersection(bare, exp[t])
    lines, k, length = _lines_above(touch, measure, params.edge_tolerance)
    r = three[t[k]]
    out.add("RES_CORE_EXPOSED", r, reserves.name, fids[r], lines, length_m=length, value=length,
            threshold=params.edge_tolerance)

    # core boundary on the reserve boundary: a natural barrier should justify it
    t = np.flatnonzero(~is_missing(core))
    with np.errstate(invalid="ignore"):
        edge = shapely.intersection(shapely.boundary(core[t]), shapely.boundary(rg[three[t]]))
    lines, k, length = _lines_above(edge, measure, params.edge_tolerance)
    r = three[t[k]]
    out.add("RES_CORE_AT_EDGE", r, reserves.name, fids[r], lines, length_m=length, value=length,
            threshold=params.edge_tolerance)

    # experimental ground enclosed by core + buffer
    enclosed = _fill_holes(_union2(core, buffer))
    t = np.flatnonzero(~is_missing(enclosed) & ~is_missing(exp))
    inside = polygonal(shapely.intersection(exp[t], enclosed[t]))
    parts, k, areas = _parts_above(inside, measure, params.nesting_tolerance)
    r = three[t[k]]
    out.add("RES_EXPERIMENTAL_INSIDE", r, reserves.name, fids[r], parts, area_m2=areas,
            value=areas, threshold=params.nesting_tolerance)


def _kind_areas(zone_area, join, n):
    """(n, 6) m² per reserve and kind; the last column holds zones with unknown names."""
    out = np.zeros((n, len(KIND_NAMES) + 1))
    ok = join.zone_reserve >= 0
    kind = np.where(join.kinds >= 0, join.kinds, len(KIND_NAMES))
    np.add.at(out, (join.zone_reserve[ok], kind[ok]), zone_area[ok])
    return out


def _shares(reserves, rg, join, kind_area, reserve_area, types, params, out):
    """DOMAIN 4-5: optional share warnings (unverified rules, off by default)."""
    if not params.check_shares:
        return
    with np.errstate(divide="ignore", invalid="ignore"):
        pct = 100.0 * kind_area / reserve_area[:, None]
    present = reserve_area > 0
    rules = []
    if types is not None:
        park = type_ranks(types, params.type_values) == NATIONAL_PARK
        rules.append(("RES_SHARE_CORE_PROTECTION", CORE_PROTECTION, park & (join.system == SYSTEM_TWO),
                      params.min_core_protection_share, -1))
    three = join.system == SYSTEM_THREE
    rules.append(("RES_SHARE_CORE", CORE, three, params.min_core_share, -1))
    rules.append(("RES_SHARE_EXPERIMENTAL", EXPERIMENTAL, three, params.max_experimental_share, 1))
    for rule, kind, applies, limit, sign in rules:
        limit_pct = 100.0 * limit
        bad = np.flatnonzero(present & applies & (sign * (pct[:, kind] - limit_pct) > 0))
        out.add(rule, bad, reserves.name, reserves.fids[bad], rg[bad], area_m2=kind_area[bad, kind],
                value=pct[bad, kind], threshold=limit_pct)


def _declared_area(reserves, rg, reserve_area, stored, params, out):
    """DOMAIN 4-6: declared area against the ellipsoidal area."""
    if stored is None:
        return
    limit = np.maximum(params.area_abs_tolerance, params.area_rel_tolerance * reserve_area)
    has = ~np.isnan(stored) & ~is_missing(rg)
    bad = np.flatnonzero(has & (np.abs(stored - reserve_area) > limit))
    out.add("RES_AREA_MISMATCH", bad, reserves.name, reserves.fids[bad], rg[bad], value=stored[bad],
            threshold=reserve_area[bad], area_m2=reserve_area[bad], detail=params.area_field)


def _summary(reserves, join, attrs, reserve_area, kind_area, tiles, out):
    """Per-reserve table: areas in m² and 公顷, zone shares, system, finding counts, verdict."""
    n = len(reserves)
    blank = np.full(n, "", dtype=object)
    zones = np.bincount(join.zone_reserve[join.zone_reserve >= 0], minlength=n)
    with np.errstate(divide="ignore", invalid="ignore"):
        pct = np.where(reserve_area[:, None] > 0, 100.0 * kind_area / reserve_area[:, None], np.nan)
    errors, warnings = out.counts[ERROR], out.counts[WARNING]
    table = {"reserve_id": join.reserve_ids.astype(object), "fid": reserves.fids,
             "name": attrs["name"] if attrs["name"] is not None else blank,
             "level": attrs["level"] if attrs["level"] is not None else blank,
             "type": attrs["type"] if attrs["type"] is not None else blank,
             "system": np.array(SYSTEM_NAMES, dtype=object)[join.system],
             "zones": zones.astype(np.int64), "area_m2": reserve_area, "area_ha": reserve_area / 1e4,
             "declared_m2": (attrs["declared_m2"] if attrs["declared_m2"] is not None
                             else np.full(n, np.nan))}
    for k, key in enumerate(KIND_KEYS):
        table[key + "_m2"] = kind_area[:, k]
        table[key + "_ha"] = kind_area[:, k] / 1e4
        table[key + "_pct"] = pct[:, k]
    table["unknown_m2"] = kind_area[:, -1]
    table.update(tiles)
    table["errors"], table["warnings"] = errors, warnings
    verdict = np.where(errors > 0, "error", np.where(warnings > 0, "warning", "pass"))
    table["verdict"] = verdict.astype(object)
    return table


def _two_zone(reserves, join, unions, measure):
    """Dissolve each reserve's zones into 核心保护区 (core, buffer, core protection) and 一般控制区
    (experimental, general control); the core protection zone wins where both claim ground."""
    strict = polygonal(shapely.union_all(unions[:, [CORE, BUFFER, CORE_PROTECTION]], axis=1))
    control = polygonal(shapely.union_all(unions[:, [EXPERIMENTAL, GENERAL_CONTROL]], axis=1))
    both = ~is_missing(strict) & ~is_missing(control)
    control[both] = polygonal(shapely.difference(control[both], strict[both]))
    geoms = np.column_stack([strict, control]).ravel()  # reserve-major: strict, control, strict…
    reserve = np.repeat(np.arange(len(reserves)), 2)
    zone = np.tile(np.array(TWO_ZONE_NAMES, dtype=object), len(reserves))
    keep = ~is_missing(geoms)
    area = measure.area(geoms[keep])
    return {"reserve_id": join.reserve_ids[reserve[keep]].astype(object),
            "fid": reserves.fids[reserve[keep]], "zone": zone[keep], "geometry": geoms[keep],
            "area_m2": area, "area_ha": area / 1e4}


# --- protected_area_overlaps ---------------------------------------------------------------

@dataclass
class OverlapParams:
    id_field: str = None                # None: the feature id names an area
    level_field: str = None
    level_values: dict = None           # extra raw level → rank (3 national … 1 local)
    type_field: str = None
    type_values: dict = None            # extra raw type → rank (3 national park … 1 natural park)
    overlap_tolerance: float = 0.01     # m², DOMAIN 1
    outside_tolerance: float = 0.01     # m² of protected area outside the red line


@dataclass
class OverlapResult:
    findings: Findings
    overlaps: dict      # one row per overlap: fids, ids, area, keeper fid (-1 undecided), reason


def check_overlaps(areas, redline=None, params=None, measure=None, progress=NO_PROGRESS):
    """Overlaps between protected areas with the suggested keeper (DOMAIN 4-7); with a red line,
    protected area outside it (DOMAIN 4-8)."""
    params = params or OverlapParams()
    measure = measure or Measurer(lonlat_identity)
    progress.steps = 4
    out = _Tally(0)
    ids = _column(areas, params.id_field)
    ids = ids if ids is not None else as_text(areas.fids)
    levels = _ranks(areas, params.level_field, level_ranks, params.level_values, "level", out)
    types = _ranks(areas, params.type_field, type_ranks, params.type_values, "type", out)

    progress.step("geometry validity")
    pa = _validity(areas, out, "PA_GEOM_NULL", "PA_GEOM_INVALID")
    progress.step("overlaps")
    i, j, pieces, overlap_area = overlap_pieces(pa, None, measure, params.overlap_tolerance)
    keeper, reason = _keepers(i, j, levels, types, params)
    keeper_id = np.where(keeper >= 0, ids[np.maximum(keeper, 0)], "") if len(i) else ids[:0]
    out.add("PA_OVERLAP", -1, areas.name, areas.fids[i], pieces, other_layer=areas.name,
            other_fid=areas.fids[j], area_m2=overlap_area, value=overlap_area,
            threshold=params.overlap_tolerance, category=reason, detail=keeper_id)

    progress.step("red line")
    if redline is not None:
        rl = _validity(redline, out, "PA_GEOM_NULL", "PA_GEOM_INVALID")
        _outside_redline(areas, pa, rl, params, measure, out)
    progress.step("done")
    table = {"fid": areas.fids[i], "id": ids[i], "other_fid": areas.fids[j], "other_id": ids[j],
             "area_m2": overlap_area, "area_ha": overlap_area / 1e4,
             "keeper_fid": np.where(keeper >= 0, areas.fids[np.maximum(keeper, 0)], -1) if len(i)
             else np.empty(0, np.int64), "keeper_id": keeper_id, "reason": reason}
    return OverlapResult(out.findings, table)


def _ranks(layer, field, ranker, extra, what, out):
    """Ranks of a level/type field (None when not mapped); unrecognised values are warned about."""
    values = _column(layer, field)
    if values is None:
        return None
    ranks = ranker(values, extra)
    bad = np.flatnonzero(ranks == 0)
    out.add("PA_VALUE_UNKNOWN", -1, layer.name, layer.fids[bad], layer.geoms[bad], category=what,
            detail=values[bad])
    return ranks


def _keepers(i, j, levels, types, params):
    """Who keeps each overlap: the higher level; at the same level the stronger type (DOMAIN 4)."""
    keeper = np.full(len(i), -1)
    reason = np.full(len(i), "undecided", dtype=object)
    same_level = np.ones(len(i), dtype=bool)
    if levels is not None:
        li, lj = levels[i], levels[j]
        known = (li > 0) & (lj > 0)
        by_level = known & (li != lj)
        keeper[by_level] = np.where(li > lj, i, j)[by_level]
        reason[by_level] = "level"
        same_level = known & (li == lj)
    if types is not None:
        ti, tj = types[i], types[j]
        by_type = same_level & (ti > 0) & (tj > 0) & (ti != tj)
        keeper[by_type] = np.where(ti > tj, i, j)[by_type]
        reason[by_type] = "type"
    return keeper, reason


def _outside_redline(areas, pa, rl, params, measure, out):
    i, j = candidate_pairs(pa, rl)
    cover = grouped_union(rl[j], i, len(pa))
    outside = pa.copy()
    has = ~is_missing(cover) & ~is_missing(pa)
    outside[has] = polygonal(shapely.difference(pa[has], cover[has]))
    parts, k, part_area = _parts_above(outside, measure, params.outside_tolerance)
    out.add("PA_OUTSIDE_REDLINE", -1, areas.name, areas.fids[k], parts, area_m2=part_area,
            value=part_area, threshold=params.outside_tolerance)


# --- human_activity ------------------------------------------------------------------------

@dataclass
class ActivityParams(ZoneSchema):
    type_field: str = None
    date_field: str = None
    activity_values: dict = None       # extra raw type → 142号 items ('7', '5,6')
    min_area: float = 0.01             # m² of an activity patch inside a zone to count there
    growth_tolerance: float = 1.0      # m² added since PREVIOUS to count as grown [ours]
    match_distance: float = 1.0        # m: a point this near a previous activity is not new [ours]


@dataclass
class ActivityResult:
    findings: Findings
    activities: dict    # one row per reported activity
    by_reserve: dict    # counts and areas per reserve, zone and activity type


# grading of an activity by the ground it falls on; higher wins
_RANK_RULES = {4: "HA_STRICT_ZONE", 3: "HA_CONTROL_ZONE", 2: "HA_UNZONED", 1: "HA_REDLINE"}


def check_activities(activities, reserves, zones, redline=None, previous=None, params=None,
                     measure=None, progress=NO_PROGRESS):
    """One finding per activity inside a reserve or the red line, graded by zone (DOMAIN 4-9).

    With `previous` only new activities, and patches that grew, are reported, with the added area.
    """
    params = params or ActivityParams()
    measure = measure or Measurer(lonlat_identity)
    progress.steps = 5
    join = join_zones(reserves, zones, params)
    types = _column(activities, params.type_field)
    types = types if types is not None else np.full(len(activities), "", dtype=object)
    dates = _column(activities, params.date_field)
    out = _Tally(0)

    progress.step("geometry validity")
    ag, dims = _activity_geoms(activities, out)
    rg = _validity(reserves, out, "HA_INPUT_NULL", "HA_INPUT_INVALID")
    zg = _validity(zones, out, "HA_INPUT_NULL", "HA_INPUT_INVALID")
    rl = _validity(redline, out, "HA_INPUT_NULL", "HA_INPUT_INVALID") if redline is not None else None

    progress.step("changes since the previous date")
    status = np.full(len(ag), "", dtype=object)
    added = np.full(len(ag), np.nan)
    active = ~is_missing(ag)
    if previous is not None:
        pg, _ = _activity_geoms(previous, out)
        ag, active, status, added = _changes(ag, dims, active, pg, params, measure)

    progress.step("zones and reserves")
    hits = _grade(ag, dims, active, zg, rg, rl, join, params, measure)
    progress.step("findings")
    win = _winners(hits)
    _activity_findings(activities, reserves, zones, redline, hits, win, join, types, added, params,
                       out, previous is not None)
    progress.step("tables")
    table = _activity_table(activities, reserves, hits, win, join, types, dates, status, added)
    by_reserve = _by_reserve(reserves, hits, win, join, types)
    return ActivityResult(out.findings, table, by_reserve)


def _activity_geoms(layer, out):
    """Activities may be points, lines or polygons: only polygons are repaired."""
    geoms = layer.geoms
    dims = np.full(len(geoms), -1)
    present = ~is_missing(geoms)
    dims[present] = shapely.get_dimensions(geoms[present])
    out.add("HA_INPUT_NULL", -1, layer.name, layer.fids[~present])
    poly = np.flatnonzero(dims == 2)
    fixed = geoms.copy()
    repaired, valid, reasons = repair(geoms[poly])
    fixed[poly] = repaired
    bad = poly[~valid]
    out.add("HA_INPUT_INVALID", -1, layer.name, layer.fids[bad], fixed[bad], detail=reasons[~valid])
    return fixed, dims


def _changes(ag, dims, active, pg, params, measure):
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


def _grade(ag, dims, active, zg, rg, rl, join, params, measure):
    """Every (activity, ground) hit with its rank, target, piece, size, reserve and zone kind."""
    idx = np.flatnonzero(active)
    blocks = []
    a, t, piece, size = _hits(ag[idx], dims[idx], zg, params, measure)
    kind = join.kinds[t]
    rank = np.where(np.isin(kind, STRICT), 4, np.where(np.isin(kind, CONTROL), 3, 2))
    blocks.append((idx[a], rank, np.zeros(len(a), int), t, piece, size, join.zone_reserve[t], kind))
    a, t, piece, size = _hits(ag[idx], dims[idx], rg, params, measure)
    blocks.append((idx[a], np.full(len(a), 2), np.ones(len(a), int), t, piece, size, t,
                   np.full(len(a), UNKNOWN)))
    if rl is not None:
        a, t, piece, size = _hits(ag[idx], dims[idx], rl, params, measure)
        blocks.append((idx[a], np.ones(len(a), int), np.full(len(a), 2), t, piece, size,
                       np.full(len(a), -1), np.full(len(a), UNKNOWN)))
    names = ("activity", "rank", "target_layer", "target", "piece", "size", "reserve", "kind")
    return {name: np.concatenate([b[k] for b in blocks]) for k, name in enumerate(names)}


def _hits(geoms, dims, targets, params, measure):
    """(activity index, target index, piece, m²) for activities touching target polygons.

    Patches count where their piece inside exceeds min_area; points and lines where they touch.
    """
    poly = np.flatnonzero(dims == 2)
    i, t, pieces, areas = clip_to_zones(geoms[poly], targets, measure, measure.area(geoms[poly]),
                                        params.min_area)
    other = np.flatnonzero(dims < 2)
    oi, ot = candidate_pairs(geoms[other], targets)
    opieces = shapely.intersection(geoms[other][oi], targets[ot]) if len(oi) else np.empty(0, object)
    keep = ~is_missing(opieces)
    return (np.concatenate([poly[i], other[oi[keep]]]).astype(np.intp),
            np.concatenate([t, ot[keep]]).astype(np.intp),
            np.concatenate([pieces, opieces[keep]]),
            np.concatenate([areas, np.full(keep.sum(), np.nan)]))


def _winners(hits):
    """Index into hits of each activity's worst ground (highest rank, then the largest piece)."""
    if len(hits["activity"]) == 0:
        return np.empty(0, dtype=np.intp)
    order = np.lexsort((-np.nan_to_num(hits["size"]), -hits["rank"], hits["activity"]))
    a = hits["activity"][order]
    first = np.ones(len(a), dtype=bool)
    first[1:] = a[1:] != a[:-1]
    return order[first]


def _activity_findings(activities, reserves, zones, redline, hits, win, join, types, added, params,
                       out, with_previous):
    targets = (zones, reserves, redline)
    items = activity_items(types, params.activity_values)
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


def _zone_labels(kind):
    """Zone names for kinds; '' for UNKNOWN (unzoned ground, red line only)."""
    return np.array(KIND_NAMES + ("",), dtype=object)[np.where(kind >= 0, kind, len(KIND_NAMES))]


def _pick(values, index, fill):
    """values[index] where index >= 0, else fill (values may be empty)."""
    out = np.full(len(index), fill, dtype=object)
    ok = index >= 0
    out[ok] = values[index[ok]]
    return out


def _activity_table(activities, reserves, hits, win, join, types, dates, status, added):
    a, r = hits["activity"][win], hits["reserve"][win]
    rules = np.array([""] + [_RANK_RULES[k] for k in range(1, 5)], dtype=object)
    return {"fid": activities.fids[a], "type": types[a],
            "date": dates[a] if dates is not None else np.full(len(a), "", dtype=object),
            "reserve_id": _pick(join.reserve_ids, r, ""),
            "reserve_fid": _pick(reserves.fids, r, -1).astype(np.int64),
            "zone": _zone_labels(hits["kind"][win]), "rule": rules[hits["rank"][win]],
            "status": status[a], "added_m2": added[a], "area_m2": hits["size"][win]}


def _by_reserve(reserves, hits, win, join, types):
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
