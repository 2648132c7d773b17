"""Environmental control units classified by fitting (DOMAIN 3.2): classify_units.

Each existing unit gets the class of its shares of the priority and key factor zones (fit_shares,
fitted_class); the overlays run in threaded blocks on the precision grid (units_common).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Optional, Sequence

import numpy as np

from .findings import Findings
from .geom import grid_for
from .measure import Measurer, lonlat_identity
from .progress import NO_PROGRESS
from .units_common import ADMIN_CHUNK, GENERAL, KEY, PRIORITY, UNITS, WORKERS, in_blocks, repaired, union_each, zone_in

if TYPE_CHECKING:
    from .arrays import Array, Floats, Geoms, Ints
    from .layer import Layer
    from .progress import Progress

    Fit = dict[str, Any]  # fit_shares' areas, shares and zones per unit; "layers": {share key: %}


@dataclass
class ClassifyParams:
    share_threshold: float = 50.0    # %: a class needs this share of the unit (DOMAIN 3.2 fitting)
    strict: bool = False             # any overlap above strict_tolerance counts
    strict_tolerance: float = 0.01   # m²
    grid_size: Optional[float] = None


@dataclass
class ClassifyResult:
    table: dict[str, Array]  # fid, class, area_m2, priority_pct, key_pct, controlled_pct, pct:<layer>
    share_columns: list[str]  # the 'pct:<layer>' keys, priority layers first
    findings: Findings


def classify_units(units: Layer, priority: Sequence[Layer] = (), key: Sequence[Layer] = (),
                   params: ClassifyParams | None = None, measure: Measurer | None = None,
                   progress: Progress = NO_PROGRESS) -> ClassifyResult:
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


def fit_shares(geoms: Geoms, priority: Sequence[Layer], key: Sequence[Layer], params: ClassifyParams,
               measure: Measurer, out: Findings) -> Fit:
    """Areas and shares (%) of the priority, key and each factor layer's zone in every unit."""
    grid = grid_for(measure, params.grid_size)
    area = measure.area(geoms)
    layers: dict[str, Floats] = {}
    per_class: dict[int, Geoms] = {}
    for klass, group in ((PRIORITY, priority), (KEY, key)):
        zones: list[Geoms] = []
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


def fitted_class(fit: Fit, params: ClassifyParams) -> Ints:
    if params.strict:
        prio = fit["priority_m2"] > params.strict_tolerance
        ctrl = fit["controlled_m2"] > params.strict_tolerance
    else:
        prio = fit["priority_pct"] >= params.share_threshold
        ctrl = fit["controlled_pct"] >= params.share_threshold
    return np.where(prio, PRIORITY, np.where(ctrl, KEY, GENERAL)).astype(np.int64)


def _elementwise(fn: Callable[[slice], Geoms], n: int, *shared: Geoms) -> Geoms:
    """fn(slice) → object array, computed in threaded blocks and joined."""
    if n == 0:
        return fn(slice(0, 0))
    return np.concatenate(in_blocks(fn, n, shared, chunk=max(ADMIN_CHUNK, n // (4 * WORKERS) + 1)))


def _union_all(zones: Sequence[Geoms], n: int, grid: float) -> Geoms:
    out = np.full(n, None, dtype=object)
    for zone in zones:  # one vectorised union per factor layer
        out = _union_threaded(out, zone, grid)
    return out


def _union_threaded(a: Geoms, b: Geoms, grid: float) -> Geoms:
    return _elementwise(lambda s: union_each(a[s], b[s], grid), len(a))


def _share_key(name: str, taken: dict[str, Floats]) -> str:
    key = "pct:" + name
    k = 2
    while key in taken:
        key = "pct:{}#{}".format(name, k)
        k += 1
    return key


def _pct(part: Floats, whole: Floats) -> Floats:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(whole > 0, 100.0 * part / whole, np.nan)
