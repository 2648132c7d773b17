"""Zone geometry inside each reserve (DOMAIN 4 items 2–4): tiling (gaps, overlaps, zones outside
their reserve) and nesting (buffer around core, experimental outside it, core on the outer edge).

Each reserve's zones are unioned per kind in one grouped call; no Python loop over zones.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import shapely

from .geom import explode_polygons, grouped_union, is_missing, point_xy, polygonal
from .pairs import overlap_pieces
from .reserve_tally import lines_above, parts_above
from .zones import BUFFER, CORE, EXPERIMENTAL, KIND_NAMES, SYSTEM_THREE

if TYPE_CHECKING:
    from .arrays import Floats, Geoms
    from .layer import Layer
    from .measure import Measurer
    from .reserve_tally import Tally
    from .zone_check import ReserveParams
    from .zones import ZoneJoin


def tiling(reserves: Layer, zones: Layer, rg: Geoms, zg: Geoms, join: ZoneJoin, params: ReserveParams,
           measure: Measurer, out: Tally) -> dict[str, Floats]:
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
    parts, k, areas = parts_above(outside, measure, params.outside_tolerance)
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
    parts, k, areas = parts_above(gaps, measure, params.gap_tolerance)
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


def kind_unions(zg: Geoms, join: ZoneJoin, n: int) -> Geoms:
    """(n reserves, 5 kinds) array: the union of each reserve's zones of each kind."""
    ok = np.flatnonzero((join.zone_reserve >= 0) & (join.kinds >= 0) & ~is_missing(zg))
    groups = join.zone_reserve[ok] * len(KIND_NAMES) + join.kinds[ok]
    return grouped_union(zg[ok], groups, n * len(KIND_NAMES)).reshape(n, len(KIND_NAMES))


def nesting(reserves: Layer, rg: Geoms, unions: Geoms, join: ZoneJoin, params: ReserveParams, measure: Measurer,
            out: Tally) -> None:
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
    lines, k, length = lines_above(touch, measure, params.edge_tolerance)
    r = three[t[k]]
    out.add("RES_CORE_EXPOSED", r, reserves.name, fids[r], lines, length_m=length, value=length,
            threshold=params.edge_tolerance)

    # core boundary on the reserve boundary: a natural barrier should justify it
    t = np.flatnonzero(~is_missing(core))
    edge = shared_edges(shapely.boundary(core[t]), shapely.boundary(rg[three[t]]), measure)
    lines, k, length = lines_above(edge, measure, params.edge_tolerance)
    r = three[t[k]]
    out.add("RES_CORE_AT_EDGE", r, reserves.name, fids[r], lines, length_m=length, value=length,
            threshold=params.edge_tolerance)

    # experimental ground enclosed by core + buffer
    enclosed = fill_holes(union_pairs(core, buffer))
    t = np.flatnonzero(~is_missing(enclosed) & ~is_missing(exp))
    inside = polygonal(shapely.intersection(exp[t], enclosed[t]))
    parts, k, areas = parts_above(inside, measure, params.nesting_tolerance)
    r = three[t[k]]
    out.add("RES_EXPERIMENTAL_INSIDE", r, reserves.name, fids[r], parts, area_m2=areas,
            value=areas, threshold=params.nesting_tolerance)


SNAP_M = 0.001  # m: boundaries closer than this count as shared


def shared_edges(lines: Geoms, boundaries: Geoms, measure: Measurer) -> Geoms:
    """The parts of `lines` that run along `boundaries` (element-wise). Zones and their reserve come
    from two layers: reprojected along two paths, a shared edge differs in its last digits and an
    exact intersection would keep only points of it, so the match allows SNAP_M."""
    out = np.full(len(lines), None, dtype=object)
    ok = np.flatnonzero(~is_missing(lines) & ~is_missing(boundaries))
    if len(ok) == 0:
        return out
    xy = point_xy(shapely.centroid(boundaries[ok]))
    snap = SNAP_M / np.sqrt(measure.area_scale(xy))  # metres -> map units where each edge lies
    with np.errstate(invalid="ignore"):  # GEOS 3.11 warns on the empty result of disjoint lines
        out[ok] = shapely.intersection(lines[ok], shapely.buffer(boundaries[ok], snap, quad_segs=1))
    return out


def fill_holes(geoms: Geoms) -> Geoms:
    """Each polygonal geometry with its holes filled: the ground it encloses."""
    parts, owner = explode_polygons(geoms)
    shells = shapely.polygons(shapely.get_exterior_ring(parts))
    return grouped_union(shells, owner, len(geoms))


def union_pairs(a: Geoms, b: Geoms) -> Geoms:
    """Element-wise union where either side may be None."""
    out = np.where(is_missing(a), b, a)
    both = ~is_missing(a) & ~is_missing(b)
    out[both] = shapely.union(a[both], b[both])
    return out
