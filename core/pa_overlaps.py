"""check_overlaps: overlaps between protected areas with the suggested keeper (DOMAIN 4-7), and
protected area outside the red line (DOMAIN 4-8)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

import numpy as np
import shapely

from .findings import Findings
from .geom import grouped_union, is_missing, polygonal
from .layer import as_text
from .measure import Measurer, lonlat_identity
from .pairs import candidate_pairs, overlap_pieces
from .progress import NO_PROGRESS
from .reserve_tally import Tally, mapped_column, parts_above, validity
from .zones import level_ranks, type_ranks

if TYPE_CHECKING:
    from .arrays import Array, Column, Extra, Geoms, Ints
    from .layer import Layer
    from .progress import Progress


@dataclass
class OverlapParams:
    id_field: str | None = None         # None: the feature id names an area
    level_field: str | None = None
    level_values: Extra | None = None   # extra raw level → rank (3 national … 1 local)
    type_field: str | None = None
    type_values: Extra | None = None    # extra raw type → rank (3 national park … 1 natural park)
    overlap_tolerance: float = 0.01     # m², DOMAIN 1
    outside_tolerance: float = 0.01     # m² of protected area outside the red line


@dataclass
class OverlapResult:
    findings: Findings
    overlaps: dict[str, Array]  # one row per overlap: fids, ids, area, keeper fid (-1 undecided), reason


def check_overlaps(areas: Layer, redline: Layer | None = None, params: OverlapParams | None = None,
                   measure: Measurer | None = None, progress: Progress = NO_PROGRESS) -> OverlapResult:
    """Overlaps between protected areas with the suggested keeper (DOMAIN 4-7); with a red line,
    protected area outside it (DOMAIN 4-8)."""
    params = params or OverlapParams()
    measure = measure or Measurer(lonlat_identity)
    progress.steps = 4
    out = Tally(0)
    mapped = mapped_column(areas, params.id_field)
    ids = mapped if mapped is not None else as_text(areas.fids)
    levels = _ranks(areas, params.level_field, level_ranks, params.level_values, "level", out)
    types = _ranks(areas, params.type_field, type_ranks, params.type_values, "type", out)

    progress.step("geometry validity")
    if params.id_field:
        out.findings.name_features(areas.name, areas.fids, ids)
    pa = validity(areas, out, "PA_GEOM_NULL", "PA_GEOM_INVALID")
    progress.step("overlaps")
    i, j, pieces, overlap_area = overlap_pieces(pa, None, measure, params.overlap_tolerance)
    keeper, reason = _keepers(i, j, levels, types)
    keeper_id = np.where(keeper >= 0, ids[np.maximum(keeper, 0)], "") if len(i) else ids[:0]
    out.add("PA_OVERLAP", -1, areas.name, areas.fids[i], pieces, other_layer=areas.name,
            other_fid=areas.fids[j], area_m2=overlap_area, value=overlap_area,
            threshold=params.overlap_tolerance, category=reason, detail=keeper_id)

    progress.step("red line")
    if redline is not None:
        rl = validity(redline, out, "PA_GEOM_NULL", "PA_GEOM_INVALID")
        _outside_redline(areas, pa, rl, params, measure, out)
    progress.step("done")
    table = {"fid": areas.fids[i], "id": ids[i], "other_fid": areas.fids[j], "other_id": ids[j],
             "area_m2": overlap_area, "area_ha": overlap_area / 1e4,
             "keeper_fid": np.where(keeper >= 0, areas.fids[np.maximum(keeper, 0)], -1) if len(i)
             else np.empty(0, np.int64), "keeper_id": keeper_id, "reason": reason}
    return OverlapResult(out.findings, table)


def _ranks(layer: Layer, field: str | None, ranker: Callable[[Column, Extra | None], Ints], extra: Extra | None,
           what: str, out: Tally) -> Ints | None:
    """Ranks of a level/type field (None when not mapped); unrecognised values are warned about."""
    values = mapped_column(layer, field)
    if values is None:
        return None
    ranks = ranker(values, extra)
    bad = np.flatnonzero(ranks == 0)
    out.add("PA_VALUE_UNKNOWN", -1, layer.name, layer.fids[bad], layer.geoms[bad], category=what,
            detail=values[bad])
    return ranks


def _keepers(i: Ints, j: Ints, levels: Ints | None, types: Ints | None) -> tuple[Ints, Array]:
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


def _outside_redline(areas: Layer, pa: Geoms, rl: Geoms, params: OverlapParams, measure: Measurer,
                     out: Tally) -> None:
    i, j = candidate_pairs(pa, rl)
    cover = grouped_union(rl[j], i, len(pa))
    outside = pa.copy()
    has = ~is_missing(cover) & ~is_missing(pa)
    outside[has] = polygonal(shapely.difference(pa[has], cover[has]))
    parts, k, part_area = parts_above(outside, measure, params.outside_tolerance)
    out.add("PA_OUTSIDE_REDLINE", -1, areas.name, areas.fids[k], parts, area_m2=part_area,
            value=part_area, threshold=params.outside_tolerance)
