"""What the environmental control unit modules share (DOMAIN 3): the classes and their names, the
county code of an admin value, the repaired copy of an input, the majority zone, and the overlays on the
precision grid (union_groups, zone_in) run in threaded blocks of admin polygons (in_blocks).

units_generate (overlay and fragment merge), units_classify (fitting) and units_code (codes) build on it;
unit_check and siting use it too.
"""
from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, Callable, Sequence

import numpy as np
import shapely

from .findings import repair_reported
from .geom import grouped_union, plain, polygonal
from .layer import as_text
from .pairs import candidate_pairs, clip_to_zones

if TYPE_CHECKING:
    from .arrays import Column, Floats, Geoms, Ints, Texts
    from .findings import Findings
    from .layer import Layer
    from .measure import Measurer
    from .progress import Progress

PRIORITY, KEY, GENERAL = 1, 2, 3
CLASS_NAMES = ("优先保护单元", "重点管控单元", "一般管控单元")  # data values, not UI text
ADMIN = "ADMIN"
UNITS = "UNITS"
ADMIN_CHUNK = 200  # admin polygons per overlay block (progress and cancel granularity)
# GEOS releases the GIL in shapely's vectorised calls: overlay blocks run in parallel threads
WORKERS = max(1, min(4, os.cpu_count() or 1))


def class_values(values: Column | None, n: int) -> Ints:
    """Unit classes as ints 1/2/3, 0 where the value is not a class.

    Accepts 1/'1'/1.0 and the Chinese class names (优先保护…, 重点管控…, 一般管控…).
    """
    words = {"1": 1, "2": 2, "3": 3, "优先": 1, "重点": 2, "一般": 3}
    out = np.zeros(n, dtype=np.int64)
    for k, text in enumerate(as_text(values, n)):
        out[k] = words.get(text, words.get(text[:2], 0))
    return out


def county_codes(values: Column | None, n: int) -> Texts:
    """The 6-digit county code of each value ('' if none): township codes (9 or 12 digits) start with it."""
    out = as_text(values, n)
    for k, text in enumerate(out):
        out[k] = text[:6] if text.isdigit() and len(text) in (6, 9, 12) else ""
    return out


def repaired(layer: Layer, out: Findings, rule: str, layer_name: str | None = None) -> Geoms:
    """Repaired polygonal copy of a layer's geometries; invalid ones are reported under `rule`."""
    return plain(repair_reported(layer, out, rule, name=layer_name))


def majority_zone(geoms: Geoms, zones: Geoms, measure: Measurer | None,
                  areas: Floats | None = None) -> tuple[Ints, tuple[Ints, Ints, Geoms, Floats]]:
    """(zone index holding most of each geometry, -1 if none; the clip pairs i, z, pieces, areas)."""
    i, z, pieces, piece_area = clip_to_zones(geoms, zones, measure, areas)
    best = np.full(len(geoms), -1)
    order = np.lexsort((z, -piece_area, i))
    first = np.ones(len(order), dtype=bool)
    first[1:] = i[order][1:] != i[order][:-1]
    best[i[order][first]] = z[order][first]
    return best, (i, z, pieces, piece_area)


def union_groups(geoms: Geoms, groups: Ints, n_groups: int, grid: float | None) -> Geoms:
    """geom.grouped_union on the precision grid, handed on plain.

    GEOS 3.11's floating unary union can silently drop area (seen: 5,800 m² of one county's
    units); its snap-rounding union cannot.
    """
    out = grouped_union(geoms, groups, n_groups, grid_size=grid)
    present = ~shapely.is_missing(out)
    out[present] = plain(out[present])
    return out


def zone_in(factors: Geoms, zones: Geoms, grid: float | None) -> Geoms:
    """Union of the factor polygons inside each zone polygon (None where there is none)."""
    out = np.full(len(zones), None, dtype=object)
    present = ~shapely.is_missing(factors)
    factors = factors[present]
    if len(factors) == 0 or len(zones) == 0:
        return out
    f, z = candidate_pairs(factors, zones)
    return pairs_zone(factors[f], z, zones, grid)


def pairs_zone(factors: Geoms, z: Ints, zones: Geoms, grid: float | None) -> Geoms:
    """Union of the factor polygons of each zone (factors[k] goes with zones[z[k]]), inside it."""
    out = np.full(len(zones), None, dtype=object)
    merged = union_groups(factors, z, len(zones), grid)
    has = np.flatnonzero(~shapely.is_missing(merged) & ~shapely.is_missing(zones))
    out[has] = plain(polygonal(shapely.intersection(zones[has], merged[has], grid_size=grid)))
    return out


def union_each(a: Geoms, b: Geoms, grid: float | None) -> Geoms:
    """a ∪ b elementwise on the grid, where either may be None (then the other)."""
    out = np.where(shapely.is_missing(a), b, a)
    both = np.flatnonzero(~shapely.is_missing(a) & ~shapely.is_missing(b))
    out[both] = plain(polygonal(shapely.union(a[both], b[both], grid_size=grid)))
    return out


def in_blocks(fn: Callable[[slice], Any], n: int, shared: Sequence[Geoms] = (), chunk: int = ADMIN_CHUNK,
              progress: Progress | None = None, label: str = "") -> list[Any]:
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
