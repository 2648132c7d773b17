"""Findings: the one schema every QA check returns, built block by block from whole arrays."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping

import numpy as np

from .geom import is_missing, reason_locations, repair, squares
from .rules import RULES

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

    from .arrays import Array, Bools, Floats, Geoms
    from .layer import Layer
    from .measure import Measurer

    Table = dict[str, Array]  # name -> equal-length column

FIELDS = ("rule", "severity", "layer", "fid", "feature_code", "other_layer", "other_fid", "other_code",
          "area_m2", "length_m", "value", "threshold", "category", "note", "detail")
_NUMERIC = {"fid", "other_fid", "area_m2", "length_m", "value", "threshold"}

# A validity finding is drawn as a square of this side (metres) centred on the place GEOS names
# (e.g. the self-intersection): findings layers hold polygons, and the repaired feature itself
# would hide the map. Its area_m2 stays the repaired feature's area.
MARKER_SIZE_M = 5.0

# The one findings schema (name, kind) of every findings output, in QGIS and in the batch.
# 'feature_fid' holds the `fid` column: a field named 'fid' would collide with the GeoPackage primary
# key, and several findings can name the same feature. 'feature_code' and 'other_code' name the
# features by their code field (BSM, HJZHGKDYBM, the reserve id…), which stays the same whatever
# format the layer is saved in, where fids do not (GeoJSON counts from 0).
FINDING_FIELDS = (("rule", "string"), ("severity", "string"), ("layer", "string"),
                  ("feature_fid", "int"), ("feature_code", "string"), ("other_layer", "string"),
                  ("other_fid", "int"), ("other_code", "string"),
                  ("area_m2", "double"), ("length_m", "double"), ("value", "double"),
                  ("threshold", "double"), ("category", "string"), ("note", "string"),
                  ("message", "string"))


def _column(value: Any, n: int, numeric: bool) -> Array:
    if value is None:
        return np.full(n, np.nan if numeric else None, dtype=float if numeric else object)
    if np.isscalar(value) or isinstance(value, str):
        return np.full(n, value, dtype=float if numeric else object)
    arr = np.asarray(value, dtype=float if numeric else object)
    if len(arr) != n:
        raise ValueError("finding column has {} values for {} findings".format(len(arr), n))
    return arr


def checked(layer: Layer) -> tuple[Geoms, Bools, Bools, Array]:
    """(repaired polygonal copies, null mask, invalid mask, reasons) of a layer's geometries.

    A feature the reader left out (layer.problems) is invalid, for its reason, not null.
    """
    fixed, valid, reasons = repair(layer.geoms)
    dropped = layer.dropped()
    reasons = np.where(dropped, layer.problems, reasons)
    return fixed, is_missing(layer.geoms) & ~dropped, ~valid | dropped, reasons


def repair_reported(layer: Layer, out: Findings, invalid_rule: str, null_rule: str | None = None,
                    name: str | None = None) -> Geoms:
    """Repaired polygonal copies of a layer's geometries (the input is untouched).

    Invalid features are reported under `invalid_rule` with the repaired geometry and the GEOS
    reason (or the reader's, see checked); null or empty ones under `null_rule` when given.
    """
    fixed, missing, bad, reasons = checked(layer)
    name = name or layer.name
    if null_rule:
        out.add(null_rule, name, layer.fids[missing])
    out.add(invalid_rule, name, layer.fids[bad], fixed[bad], detail=reasons[bad],
            location=reason_locations(reasons[bad]))
    return fixed


class Findings:
    """Accumulates blocks of findings; `table()` gives one dict of equal-length arrays.

    `detail` carries the raw values a message needs (a validity reason, a field name,
    county codes); the processing layer formats the translated message from it.
    `location` (n, 2) is the place of a defect inside its geometry (see MARKER_SIZE_M).
    Features are named by the codes given to name_features (feature_code, other_code).
    """

    def __init__(self) -> None:
        self._blocks: list[Table] = []
        self._codes: dict[str, tuple[Floats, Array]] = {}

    def name_features(self, layer: str, fids: ArrayLike, codes: ArrayLike | None) -> None:
        """The code (e.g. BSM) of each feature of a layer, for feature_code and other_code."""
        if codes is not None:
            self._codes[layer] = (np.asarray(fids, dtype=float), np.asarray(codes, dtype=object))

    def add(self, rule: str, layer: Any, fid: ArrayLike, geometry: Any = None, location: ArrayLike | None = None,
            **columns: Any) -> None:
        fids = np.atleast_1d(np.asarray(fid, dtype=float))
        n = len(fids)
        if n == 0:
            return
        block: Table = {"rule": np.full(n, rule, dtype=object), "layer": _column(layer, n, False),
                        "fid": fids,
                        "severity": _column(columns.pop("severity", RULES[rule].severity), n, False),
                        "geometry": _column(geometry, n, False),
                        "location": np.full((n, 2), np.nan) if location is None
                        else np.asarray(location, dtype=float).reshape(n, 2)}
        unknown = set(columns) - set(FIELDS)
        if unknown:
            raise TypeError("unknown finding columns: {}".format(sorted(unknown)))
        for name in FIELDS:
            if name not in block:
                block[name] = _column(columns.get(name), n, name in _NUMERIC)
        self._blocks.append(block)

    def extend(self, other: Findings) -> None:
        self._blocks.extend(other._blocks)
        self._codes.update(other._codes)

    def __len__(self) -> int:
        return sum(len(b["rule"]) for b in self._blocks)

    def table(self, measure: Measurer | None = None) -> Table:
        """All findings as columns; feature_code/other_code filled from name_features; with a
        measure, area_m2/length_m filled from the geometry where missing, then a defect with a
        location drawn as its marker square."""
        names = FIELDS + ("geometry",)
        if not self._blocks:
            return {n: np.empty(0, dtype=float if n in _NUMERIC else object) for n in names}
        out = {n: np.concatenate([b[n] for b in self._blocks]) for n in names}
        for column, layer, fid in (("feature_code", "layer", "fid"),
                                   ("other_code", "other_layer", "other_fid")):
            _fill_codes(out[column], out[layer], out[fid], self._codes)
        if measure is not None:
            fill_measures(out, measure)
            located = np.concatenate([b["location"] for b in self._blocks])
            marked = np.flatnonzero(np.isfinite(located).all(axis=1))
            if len(marked):
                xy = located[marked]
                half = 0.5 * MARKER_SIZE_M / measure.metres_per_unit(xy)
                out["geometry"][marked] = squares(xy, half)
        return out


def _fill_codes(column: Array, layers: Array, fids: Floats, codes: Mapping[str, tuple[Floats, Array]]) -> None:
    """column[k] = the code of feature fids[k] of layers[k], where it is empty and one is known."""
    for layer, (known_fids, known_codes) in codes.items():
        rows = np.flatnonzero(np.equal(column, np.array(None)) & (layers == layer) & ~np.isnan(fids))
        if len(rows) == 0 or len(known_fids) == 0:
            continue
        order = np.argsort(known_fids, kind="stable")
        at = np.minimum(np.searchsorted(known_fids[order], fids[rows]), len(order) - 1)
        hit = known_fids[order][at] == fids[rows]
        found = known_codes[order][at[hit]]
        column[rows[hit]] = np.where(found == "", np.array(None), found)


def fill_measures(table: Table, measure: Measurer) -> None:
    import shapely

    geoms = table["geometry"]
    has = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    dims = np.full(len(geoms), -1)
    dims[has] = shapely.get_dimensions(geoms[has])
    need_area = has & (dims == 2) & np.isnan(table["area_m2"])
    if need_area.any():
        table["area_m2"][need_area] = measure.area(geoms[need_area])
    need_len = has & (dims == 1) & np.isnan(table["length_m"])
    if need_len.any():
        table["length_m"][need_len] = measure.length(geoms[need_len])


def severity_counts(table: Mapping[str, Array]) -> dict[str, int]:
    sev = table["severity"]
    return {s: int(np.count_nonzero(sev == s)) for s in ("error", "warning", "info")}


def rule_counts(table: Mapping[str, Array]) -> dict[str, dict[str, int]]:
    """{rule: {severity: count}} in catalogue order."""
    out: dict[str, dict[str, int]] = {}
    for rule, sev in zip(table["rule"], table["severity"]):
        out.setdefault(rule, {}).setdefault(sev, 0)
        out[rule][sev] += 1
    order = list(RULES)
    return dict(sorted(out.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 1e9))
