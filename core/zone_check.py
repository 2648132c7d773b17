"""check_reserves: functional-zone QA of nature reserves (DOMAIN 4 items 1–6), with a per-reserve
summary and the optional conversion of three zones to two."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .findings import Findings
from .geom import is_missing
from .measure import Measurer, lonlat_identity
from .progress import NO_PROGRESS
from .reserve_tally import Tally, mapped_column, name_reserves_and_zones, validity
from .zone_summary import summary_table, two_zone_table
from .zone_tiling import kind_unions, nesting, tiling
from .zones import (
    CORE,
    CORE_PROTECTION,
    EXPERIMENTAL,
    KIND_NAMES,
    NATIONAL_PARK,
    SYSTEM_MIXED,
    SYSTEM_THREE,
    SYSTEM_TWO,
    UNKNOWN,
    ZoneSchema,
    join_zones,
    type_ranks,
)

if TYPE_CHECKING:
    from .arrays import Array, Column, Extra, Floats, Geoms
    from .layer import Layer
    from .progress import Progress
    from .zones import ZoneJoin


@dataclass
class ReserveParams(ZoneSchema):
    name_field: str | None = None
    level_field: str | None = None
    type_field: str | None = None
    type_values: Extra | None = None      # extra raw type → rank (3 national park, 2 reserve, 1 park)
    area_field: str | None = None         # declared area
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
    summary: dict[str, Array]            # per-reserve columns (see zone_summary.summary_table)
    two_zone: dict[str, Array] | None    # dissolved two-zone conversion
    reserve_area: Floats


def check_reserves(reserves: Layer, zones: Layer, params: ReserveParams | None = None,
                   measure: Measurer | None = None, progress: Progress = NO_PROGRESS) -> ReserveResult:
    """Zone QA of reserves (DOMAIN 4 items 1–6); layers are core.Layer objects in one CRS."""
    params = params or ReserveParams()
    measure = measure or Measurer(lonlat_identity)
    progress.steps = 7
    progress.step("zone names")
    join = join_zones(reserves, zones, params)
    n = len(reserves)
    out = Tally(n)
    attrs: dict[str, Column | None] = {
        "name": mapped_column(reserves, params.name_field),
        "level": mapped_column(reserves, params.level_field),
        "type": mapped_column(reserves, params.type_field),
        "declared_m2": mapped_column(reserves, params.area_field, numeric=True)}
    if attrs["declared_m2"] is not None:
        attrs["declared_m2"] = attrs["declared_m2"] * params.area_unit_m2

    progress.step("geometry validity")
    name_reserves_and_zones(out.findings, reserves, zones, join)
    rg = validity(reserves, out, "RES_GEOM_NULL", "RES_GEOM_INVALID", np.arange(n))
    zg = validity(zones, out, "RES_GEOM_NULL", "RES_GEOM_INVALID", join.zone_reserve)
    _join_findings(reserves, zones, rg, zg, join, out)

    progress.step("zoning system")
    _mixed_systems(reserves, rg, join, out)
    progress.step("tiling")
    tiles = tiling(reserves, zones, rg, zg, join, params, measure, out)
    progress.step("nesting")
    unions = kind_unions(zg, join, n)
    nesting(reserves, rg, unions, join, params, measure, out)

    progress.step("areas and shares")
    reserve_area = measure.area(rg)
    kind_area = _kind_areas(measure.area(zg), join, n)
    _shares(reserves, rg, join, kind_area, reserve_area, attrs["type"], params, out)
    _declared_area(reserves, rg, reserve_area, attrs["declared_m2"], params, out)

    progress.step("summary")
    summary = summary_table(reserves, join, attrs, reserve_area, kind_area, tiles, out)
    two = two_zone_table(reserves, join, unions, measure) if params.two_zone_output else None
    return ReserveResult(out.findings, summary, two, reserve_area)


def _join_findings(reserves: Layer, zones: Layer, rg: Geoms, zg: Geoms, join: ZoneJoin, out: Tally) -> None:
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


def _mixed_systems(reserves: Layer, rg: Geoms, join: ZoneJoin, out: Tally) -> None:
    """DOMAIN 4-1: one zoning system per reserve."""
    mixed = np.flatnonzero(join.system == SYSTEM_MIXED)
    detail = np.empty(len(mixed), dtype=object)
    for k, r in enumerate(mixed):  # only the few mixed reserves: list the names they use
        mine = (join.zone_reserve == r) & (join.kinds >= 0)
        used = sorted(set(zip(join.kinds[mine], join.names[mine])))  # in kind order
        detail[k] = ", ".join(dict.fromkeys(name for _, name in used))
    out.add("RES_SYSTEM_MIXED", mixed, reserves.name, reserves.fids[mixed], rg[mixed], detail=detail)


def _kind_areas(zone_area: Floats, join: ZoneJoin, n: int) -> Floats:
    """(n, 6) m² per reserve and kind; the last column holds zones with unknown names."""
    out = np.zeros((n, len(KIND_NAMES) + 1))
    ok = join.zone_reserve >= 0
    kind = np.where(join.kinds >= 0, join.kinds, len(KIND_NAMES))
    np.add.at(out, (join.zone_reserve[ok], kind[ok]), zone_area[ok])
    return out


def _shares(reserves: Layer, rg: Geoms, join: ZoneJoin, kind_area: Floats, reserve_area: Floats,
            types: Column | None, params: ReserveParams, out: Tally) -> None:
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


def _declared_area(reserves: Layer, rg: Geoms, reserve_area: Floats, stored: Column | None, params: ReserveParams,
                   out: Tally) -> None:
    """DOMAIN 4-6: declared area against the ellipsoidal area."""
    if stored is None:
        return
    limit = np.maximum(params.area_abs_tolerance, params.area_rel_tolerance * reserve_area)
    has = ~np.isnan(stored) & ~is_missing(rg)
    bad = np.flatnonzero(has & (np.abs(stored - reserve_area) > limit))
    out.add("RES_AREA_MISMATCH", bad, reserves.name, reserves.fids[bad], rg[bad], value=stored[bad],
            threshold=reserve_area[bad], area_m2=reserve_area[bad], detail=params.area_field)
