"""The red-line delivery check (DOMAIN 2.2 items 1–8) over whole geometry arrays."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

import numpy as np
import shapely

from .counties import code_change, crossings
from .findings import Findings, repair_reported
from .geom import explode_polygons, grid_for, grouped_union, holes, plain, polygonal, thinness
from .layer import as_numbers, code_labels
from .measure import Measurer, lonlat_identity
from .pairs import candidate_pairs, clip_to_zones, overlap_pieces
from .progress import NO_PROGRESS, Progress

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

    from .arrays import Array, Bools, Column, Floats, Geoms, Ints
    from .layer import Layer

REDLINE = "REDLINE"


@dataclass
class RedlineParams:
    min_part_area: float = 200.0          # m², DOMAIN 2.2-2
    min_hole_area: float = 200.0          # m², DOMAIN 2.2-2
    overlap_tolerance: float = 0.01       # m², DOMAIN 1
    sliver_index: float = 0.05            # 4πA/P², DOMAIN 2.2-2 [ours]; 0 disables
    cross_county_tolerance: float = 1.0   # m²
    boundary_noise_width: float = 50.0    # m: a crossing no wider than this along the line [ours]
    code_field: str = "BSM"
    county_field: str = "XZQDM"
    area_field: str = "MJ"
    area_unit_m2: float = 1.0             # m² per unit of the stored area field
    area_rel_tolerance: float = 0.001     # DOMAIN 2.2-7: max(0.01 m², 0.1 %)
    area_abs_tolerance: float = 0.01


@dataclass
class RedlineResult:
    findings: Findings
    statistics: dict[str, Array]  # columns of the per-county ledger (DOMAIN 2.2-8)
    patch_area: Floats
    bounds: Floats                # xmin, ymin, xmax, ymax of the red line's usable geometries (NaN: none)
    # per layer, the features without a usable geometry: (fids, reason or None for no geometry).
    # Filled by core.partition, whose partitions read the layers themselves; None otherwise
    dropped: dict[str, tuple[Ints, Column]] | None = None


def check_redline(redline: Layer, farmland: Layer | None = None, urban: Layer | None = None,
                  protected: Layer | None = None, conflicts: Sequence[Layer] = (),
                  counties: Layer | None = None, county_code_field: str | None = None,
                  county_name_field: str | None = None, params: RedlineParams | None = None,
                  measure: Measurer | None = None, progress: Progress = NO_PROGRESS,
                  counted: ArrayLike | None = None) -> RedlineResult:
    """Run every delivery check; layers are core.Layer objects already in one CRS.

    `counted` (a mask over the red line, default all): the patches the statistics count. A
    partition (core.partition) counts only the patches it owns, not its neighbours."""
    params = params or RedlineParams()
    counted = np.ones(len(redline), dtype=bool) if counted is None else np.asarray(counted, dtype=bool)
    measure = measure or Measurer(lonlat_identity)
    out = Findings()
    others = [lyr for lyr in (farmland, urban, protected, counties, *conflicts) if lyr is not None]
    progress.steps = 9 + len(others)

    progress.step("geometry validity")
    out.name_features(REDLINE, redline.fids, redline.text(params.code_field))
    rl = repair_reported(redline, out, "RL_GEOM_INVALID", "RL_GEOM_NULL", REDLINE)
    fixed = {}
    for lyr in others:
        progress.step("validity of {}".format(lyr.name))
        fixed[id(lyr)] = repair_reported(lyr, out, "RL_INPUT_INVALID")
    parts, owner = explode_polygons(rl)
    part_area = measure.area(parts)
    patch_area = np.bincount(owner, weights=part_area, minlength=len(rl)).astype(float, copy=False)

    progress.step("duplicates and overlaps")
    dup = _duplicates(redline, rl, out)
    _self_overlaps(redline, rl, dup, params, measure, out)
    progress.step("fragments, holes and slivers")
    _fragments_holes_slivers(redline, rl, parts, owner, part_area, params, measure, out)

    progress.step("three control lines")
    farm_g = fixed.get(id(farmland))
    urban_g = fixed.get(id(urban))
    _overlaps(out, "RL_OVERLAP_PBF", redline, rl, farmland, farm_g, params, measure)
    _overlaps(out, "RL_OVERLAP_UDB", redline, rl, urban, urban_g, params, measure)
    _overlaps(out, "RL_OVERLAP_PBF_UDB", farmland, farm_g, urban, urban_g, params, measure)

    progress.step("protected areas")
    if protected is not None:
        _protected_outside(protected, fixed[id(protected)], rl, params, measure, out)
    progress.step("conflict layers")
    for lyr in conflicts:
        _overlaps(out, "RL_CONFLICT", redline, rl, lyr, fixed[id(lyr)], params, measure)

    progress.step("counties")
    stats = None
    if counties is not None:
        stats = _county_checks(redline, rl, patch_area, counties, fixed[id(counties)],
                               county_code_field, county_name_field, params, measure, out,
                               counted)
    progress.step("attributes")
    _attributes(redline, rl, patch_area, params, out)
    if stats is None:
        stats = _totals_only(rl, patch_area, counted)
    progress.step("done")
    return RedlineResult(out, stats, patch_area, geometry_bounds(redline.geoms))


def geometry_bounds(geoms: Geoms) -> Floats:
    """xmin, ymin, xmax, ymax of the geometries present (NaN without any)."""
    present = geoms[~shapely.is_missing(geoms)]
    return shapely.total_bounds(present) if len(present) else np.full(4, np.nan)


# --- 1. geometry -------------------------------------------------------------------------

def _duplicates(layer: Layer, rl: Geoms, out: Findings) -> Bools:
    """Mask of features whose repaired geometry equals an earlier one's (exact, after normalising)."""
    dup = np.zeros(len(rl), dtype=bool)
    present = np.flatnonzero(~shapely.is_missing(rl))
    # equal geometries have equal bounds: only features sharing their bounds need the exact test
    _, inverse, counts = np.unique(shapely.bounds(rl[present]), axis=0, return_inverse=True,
                                   return_counts=True)
    present = present[counts[inverse.ravel()] > 1]
    if len(present) < 2:
        return dup
    keys = shapely.to_wkb(shapely.normalize(rl[present]))
    _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    later = first[inverse] != np.arange(len(present))
    dup[present[later]] = True
    firsts = present[first[inverse[later]]]
    out.add("RL_DUPLICATE", REDLINE, layer.fids[present[later]], rl[present[later]],
            other_layer=REDLINE, other_fid=layer.fids[firsts])
    return dup


def _self_overlaps(layer: Layer, rl: Geoms, dup: Bools, params: RedlineParams, measure: Measurer,
                   out: Findings) -> None:
    keep = np.flatnonzero(~dup & ~shapely.is_missing(rl))
    i, j, pieces, areas = overlap_pieces(rl[keep], None, measure, params.overlap_tolerance)
    fi, fj = layer.fids[keep[i]], layer.fids[keep[j]]
    out.add("RL_SELF_OVERLAP", REDLINE, np.minimum(fi, fj), pieces, other_layer=REDLINE,
            other_fid=np.maximum(fi, fj), area_m2=areas, value=areas,
            threshold=params.overlap_tolerance)


# --- 2. fragments, holes, slivers --------------------------------------------------------

def _fragments_holes_slivers(layer: Layer, rl: Geoms, parts: Geoms, owner: Ints, part_area: Floats,
                             params: RedlineParams, measure: Measurer, out: Findings) -> None:
    frag = part_area < params.min_part_area
    out.add("RL_FRAGMENT", REDLINE, layer.fids[owner[frag]], parts[frag], area_m2=part_area[frag],
            value=part_area[frag], threshold=params.min_part_area)

    if params.sliver_index > 0:
        big = np.flatnonzero(~frag)
        index = thinness(part_area[big], measure.length(parts[big]))
        thin = big[index < params.sliver_index]
        out.add("RL_SLIVER", REDLINE, layer.fids[owner[thin]], parts[thin], area_m2=part_area[thin],
                value=index[index < params.sliver_index], threshold=params.sliver_index)

    hole_geoms, hole_part = holes(parts)
    hole_area = measure.area(hole_geoms)
    small = hole_area < params.min_hole_area
    hole_geoms, hole_owner = hole_geoms[small], owner[hole_part[small]]
    open_part, open_area, which = _uncovered(hole_geoms, hole_owner, rl, measure, params)
    out.add("RL_HOLE", REDLINE, layer.fids[hole_owner[which]], open_part, area_m2=open_area,
            value=open_area, threshold=params.min_hole_area)


def _uncovered(hole_geoms: Geoms, hole_owner: Ints, rl: Geoms, measure: Measurer,
               params: RedlineParams) -> tuple[Geoms, Floats, Ints]:
    """The part of each small hole not filled by another red-line patch (an island is no gap)."""
    h, p = candidate_pairs(hole_geoms, rl)
    keep = p != hole_owner[h]
    remainder = _minus_cover(hole_geoms, rl[p[keep]], h[keep], measure)
    area = measure.area(remainder)
    which = np.flatnonzero(area > params.overlap_tolerance)
    return remainder[which], area[which], which


def _minus_cover(targets: Geoms, covers: Geoms, owner: Ints, measure: Measurer) -> Geoms:
    """Each target minus the union of its covers (owner[k] = target of covers[k]).

    Snap-rounded on the overlay grid: GEOS 3.11's floating union was seen to drop area, which
    here would turn into a false hole or a false 'protected area outside' error.
    """
    grid = grid_for(measure, None)
    cover = grouped_union(covers, owner, len(targets), grid_size=grid)
    out = targets.copy()
    has = np.flatnonzero(~shapely.is_missing(cover) & ~shapely.is_missing(targets))
    out[has] = plain(polygonal(shapely.difference(targets[has], plain(cover[has]), grid_size=grid)))
    return out


# --- 3 and 5. overlaps with other layers -------------------------------------------------

def _overlaps(out: Findings, rule: str, a_layer: Layer | None, a_geoms: Geoms | None,
              b_layer: Layer | None, b_geoms: Geoms | None, params: RedlineParams,
              measure: Measurer) -> None:
    if a_layer is None or b_layer is None or a_geoms is None:
        return
    i, j, pieces, areas = overlap_pieces(a_geoms, b_geoms, measure, params.overlap_tolerance)
    out.add(rule, a_layer.name, a_layer.fids[i], pieces, other_layer=b_layer.name,
            other_fid=b_layer.fids[j], area_m2=areas, value=areas,
            threshold=params.overlap_tolerance)


# --- 4. protected areas inside the red line ----------------------------------------------

def _protected_outside(layer: Layer, pa: Geoms, rl: Geoms, params: RedlineParams, measure: Measurer,
                       out: Findings) -> None:
    i, j = candidate_pairs(pa, rl)
    outside = _minus_cover(pa, rl[j], i, measure)
    parts, owner = explode_polygons(outside)
    areas = measure.area(parts)
    big = areas > params.overlap_tolerance
    out.add("RL_PA_OUTSIDE", layer.name, layer.fids[owner[big]], parts[big], area_m2=areas[big],
            value=areas[big], threshold=params.overlap_tolerance)


# --- 6 and 8. counties: code consistency, crossings, the ledger --------------------------

def _county_checks(layer: Layer, rl: Geoms, patch_area: Floats, counties: Layer, cgeoms: Geoms,
                   code_field: str | None, name_field: str | None, params: RedlineParams,
                   measure: Measurer, out: Findings, counted: Bools) -> dict[str, Array]:
    i, c, pieces, areas = clip_to_zones(rl, cgeoms, measure, patch_area)
    codes = counties.text(code_field) if code_field else None
    if codes is None:
        codes = np.full(len(counties), "", dtype=object)
    names = counties.text(name_field) if name_field else None
    labels = code_labels(codes, names)
    out.name_features(counties.name, counties.fids, codes)

    majority = np.full(len(rl), -1)
    order = np.lexsort((-areas, i))
    first = np.ones(len(order), dtype=bool)
    first[1:] = i[order][1:] != i[order][:-1]
    majority[i[order][first]] = c[order][first]

    minority = (c != majority[i]) & (areas > params.cross_county_tolerance)
    crossings(out, ("RL_CROSS_COUNTY", "RL_COUNTY_BOUNDARY_MISMATCH"), REDLINE, layer.fids[i],
              counties, cgeoms, c, labels, pieces, areas, minority, params, measure)

    stored = layer.text(params.county_field)
    if stored is not None:
        has = (majority >= 0) & (stored != "")
        expected = np.where(majority >= 0, codes[np.maximum(majority, 0)], "")
        wrong = np.flatnonzero(has & (stored != expected))
        out.add("RL_COUNTY_CODE", REDLINE, layer.fids[wrong], rl[wrong],
                other_layer=counties.name, other_fid=counties.fids[majority[wrong]],
                detail=code_change(stored[wrong], majority[wrong], codes, labels))

    county_area = measure.area(cgeoms)
    # The ledger: a patch counts in every county holding a piece of it above the crossing tolerance
    # (a crossing patch in each of them); smaller pieces are boundary noise, their area goes to the
    # patch's main county. So no county has area without patches, and the areas add up to the total.
    own = counted[i]
    in_county = (c == majority[i]) | (areas > params.cross_county_tolerance)
    rl_area = np.bincount(np.where(in_county, c, majority[i])[own], weights=areas[own],
                          minlength=len(counties)).astype(float, copy=False)
    count = np.bincount(c[own & in_county], minlength=len(counties))
    return _ledger(codes, codes if names is None else names, count, rl_area, county_area, rl,
                   patch_area, counted)


def _ledger(codes: Column, names: Column, count: Ints, rl_area: Floats, county_area: Floats, rl: Geoms,
            patch_area: Floats, counted: Bools) -> dict[str, Array]:
    present = ~shapely.is_missing(rl) & counted
    return ledger(codes, names, count, rl_area, county_area, int(present.sum()),
                  float(patch_area[present].sum()))


def ledger(codes: Column, names: Column, count: Ints, rl_area: Floats, county_area: Floats,
           total_patches: int, total_area: float) -> dict[str, Array]:
    """The statistics columns: a row per county (code, name, patches, red-line area, county area)
    and the TOTAL row, whose county area is that of the counties the red line lies in (those with
    patches). Also what core.partition builds from the partitions' sums. listed() drops the others."""
    touched = np.asarray(count) > 0
    codes = np.append(codes, "TOTAL")
    names = np.append(names, "")
    count = np.append(count, int(total_patches))
    rl_area = np.append(rl_area, float(total_area))
    county_area = np.append(county_area, float(np.sum(county_area[touched])))
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(county_area > 0, 100.0 * rl_area / county_area, np.nan)
    return {"code": codes, "name": names, "patches": count.astype(np.int64),
            "area_m2": rl_area, "area_ha": rl_area / 1e4, "area_km2": rl_area / 1e6,
            "county_area_m2": county_area, "share_pct": share}


def listed(stats: dict[str, Array]) -> dict[str, Array]:
    """The ledger's rows of the counties the red line lies in, and the TOTAL row."""
    keep = (stats["patches"] > 0) | (stats["code"] == "TOTAL")
    return {name: column[keep] for name, column in stats.items()}


def _totals_only(rl: Geoms, patch_area: Floats, counted: Bools) -> dict[str, Array]:
    return _ledger(np.empty(0, object), np.empty(0, object), np.empty(0, np.int64), np.empty(0),
                   np.empty(0), rl, patch_area, counted)


# --- 7. attributes -----------------------------------------------------------------------

def _attributes(layer: Layer, rl: Geoms, patch_area: Floats, params: RedlineParams, out: Findings) -> None:
    for field in (params.code_field, params.county_field, params.area_field):
        if not field:
            continue
        values = layer.text(field)
        if values is None:
            out.add("RL_FIELD_MISSING", REDLINE, np.nan, detail=field)
            continue
        empty = np.flatnonzero(values == "")
        out.add("RL_ATTR_EMPTY", REDLINE, layer.fids[empty], rl[empty], detail=field)
    _code_duplicates(layer, rl, params, out)
    _area_mismatch(layer, rl, patch_area, params, out)


def _code_duplicates(layer: Layer, rl: Geoms, params: RedlineParams, out: Findings) -> None:
    codes = layer.text(params.code_field)
    if codes is None:
        return
    idx = np.flatnonzero(codes != "")
    _, first, inverse = np.unique(codes[idx], return_index=True, return_inverse=True)
    later = first[inverse] != np.arange(len(idx))
    dup, orig = idx[later], idx[first[inverse[later]]]
    out.add("RL_CODE_DUPLICATE", REDLINE, layer.fids[dup], rl[dup],
            other_layer=REDLINE, other_fid=layer.fids[orig], detail=codes[dup])


def _area_mismatch(layer: Layer, rl: Geoms, patch_area: Floats, params: RedlineParams,
                   out: Findings) -> None:
    values = layer.column(params.area_field)
    if values is None:
        return
    stored = as_numbers(values) * params.area_unit_m2
    has = ~np.isnan(stored) & ~shapely.is_missing(rl)
    limit = np.maximum(params.area_abs_tolerance, params.area_rel_tolerance * patch_area)
    bad = np.flatnonzero(has & (np.abs(stored - patch_area) > limit))
    out.add("RL_AREA_MISMATCH", REDLINE, layer.fids[bad], rl[bad], value=stored[bad],
            threshold=patch_area[bad], area_m2=patch_area[bad], detail=params.area_field)
