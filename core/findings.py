"""Findings: the one schema every QA check returns, built block by block from whole arrays."""
import numpy as np

from .rules import RULES

FIELDS = ("rule", "severity", "layer", "fid", "other_layer", "other_fid", "area_m2", "length_m",
          "value", "threshold", "category", "note", "detail")
_NUMERIC = {"fid", "other_fid", "area_m2", "length_m", "value", "threshold"}


def _column(value, n, numeric):
    if value is None:
        return np.full(n, np.nan if numeric else None, dtype=float if numeric else object)
    if np.isscalar(value) or isinstance(value, str):
        return np.full(n, value, dtype=float if numeric else object)
    arr = np.asarray(value, dtype=float if numeric else object)
    if len(arr) != n:
        raise ValueError("finding column has {} values for {} findings".format(len(arr), n))
    return arr


def checked(layer):
    """(repaired polygonal copies, null mask, invalid mask, reasons) of a layer's geometries.

    A feature the reader left out (layer.problems) is invalid, for its reason, not null.
    """
    from .geom import is_missing, repair

    fixed, valid, reasons = repair(layer.geoms)
    dropped = layer.dropped()
    reasons = np.where(dropped, layer.problems, reasons)
    return fixed, is_missing(layer.geoms) & ~dropped, ~valid | dropped, reasons


def repair_reported(layer, out, invalid_rule, null_rule=None, name=None):
    """Repaired polygonal copies of a layer's geometries (the input is untouched).

    Invalid features are reported under `invalid_rule` with the repaired geometry and the GEOS
    reason (or the reader's, see checked); null or empty ones under `null_rule` when given.
    """
    fixed, missing, bad, reasons = checked(layer)
    name = name or layer.name
    if null_rule:
        out.add(null_rule, name, layer.fids[missing])
    out.add(invalid_rule, name, layer.fids[bad], fixed[bad], detail=reasons[bad])
    return fixed


class Findings:
    """Accumulates blocks of findings; `table()` gives one dict of equal-length arrays.

    `detail` carries the raw values a message needs (a validity reason, a field name,
    county codes); the processing layer formats the translated message from it.
    """

    def __init__(self):
        self._blocks = []

    def add(self, rule, layer, fid, geometry=None, **columns):
        fid = np.atleast_1d(np.asarray(fid, dtype=float))
        n = len(fid)
        if n == 0:
            return
        block = {"rule": np.full(n, rule, dtype=object), "layer": _column(layer, n, False),
                 "fid": fid,
                 "severity": _column(columns.pop("severity", RULES[rule].severity), n, False),
                 "geometry": _column(geometry, n, False)}
        unknown = set(columns) - set(FIELDS)
        if unknown:
            raise TypeError("unknown finding columns: {}".format(sorted(unknown)))
        for name in FIELDS:
            if name not in block:
                block[name] = _column(columns.get(name), n, name in _NUMERIC)
        self._blocks.append(block)

    def extend(self, other):
        self._blocks.extend(other._blocks)

    def __len__(self):
        return sum(len(b["rule"]) for b in self._blocks)

    def table(self, measure=None):
        """All findings as columns; area_m2/length_m filled from the geometry where missing."""
        names = FIELDS + ("geometry",)
        if not self._blocks:
            return {n: np.empty(0, dtype=float if n in _NUMERIC else object) for n in names}
        out = {n: np.concatenate([b[n] for b in self._blocks]) for n in names}
        if measure is not None:
            fill_measures(out, measure)
        return out


def fill_measures(table, measure):
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


def severity_counts(table):
    sev = table["severity"]
    return {s: int(np.count_nonzero(sev == s)) for s in ("error", "warning", "info")}


def rule_counts(table):
    """{rule: {severity: count}} in catalogue order."""
    out = {}
    for rule, sev in zip(table["rule"], table["severity"]):
        out.setdefault(rule, {}).setdefault(sev, 0)
        out[rule][sev] += 1
    order = list(RULES)
    return dict(sorted(out.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 1e9))
