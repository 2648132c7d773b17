"""Per-reserve tables of the zone check: the summary (areas, shares, system, verdict) and the
three-zone → two-zone conversion dissolved per reserve."""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import shapely

from .geom import is_missing, polygonal
from .rules import ERROR, WARNING
from .zones import BUFFER, CORE, CORE_PROTECTION, EXPERIMENTAL, GENERAL_CONTROL, KIND_KEYS, SYSTEM_NAMES

if TYPE_CHECKING:
    from .arrays import Array, Column, Floats, Geoms
    from .layer import Layer
    from .measure import Measurer
    from .reserve_tally import Tally
    from .zones import ZoneJoin

TWO_ZONE_NAMES = ("核心保护区", "一般控制区")  # DOMAIN 4: core + buffer → 核心保护区, experimental → 一般控制区


def summary_table(reserves: Layer, join: ZoneJoin, attrs: dict[str, Column | None], reserve_area: Floats,
                  kind_area: Floats, tiles: dict[str, Floats], out: Tally) -> dict[str, Array]:
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


def two_zone_table(reserves: Layer, join: ZoneJoin, unions: Geoms, measure: Measurer) -> dict[str, Array]:
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
