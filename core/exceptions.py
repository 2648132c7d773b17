"""Accepted findings ("exceptions", DESIGN.md): which findings of a run a technician accepted, and which
accepted exceptions match no finding any more (stale). No QGIS: arrays of keys and shapely geometries.

A finding and an exception are the same when they agree on what survives a re-run:
- the rule, the layer, the feature (its code such as BSM when the findings carry one, else its fid) and
  the other feature (its code or fid), compared as one key string;
- the location: the Hausdorff distance between the two geometries is at most
  max(MIN_TOLERANCE_M, SIZE_FRACTION × the exception's size), the size being the larger side of its
  bounding box. A piece redrawn half a metre away still matches; a piece somewhere else does not.
  A finding without a geometry (a missing field, a null geometry) matches an exception without one.

Tables are dicts of equal-length arrays, as core.findings.Findings.table() gives them (rule, layer, fid,
other_layer, other_fid, geometry, and feature_code / other_code when the findings carry them).
Exceptions use the same names, plus `reason`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping, NamedTuple

import numpy as np
import shapely

from .findings import Findings
from .geom import is_missing

if TYPE_CHECKING:
    from .arrays import Array, Bools, Column, Floats, Geoms, Ints, Texts

    Table = Mapping[str, Any]  # name -> equal-length column

STALE_RULE = "EXC_STALE"
MIN_TOLERANCE_M = 1.0
SIZE_FRACTION = 0.01
BLANK = {"f": np.nan, "i": -1, "u": 0, "b": False}  # by dtype kind, for columns a row lacks (else None)



class Matched(NamedTuple):
    exception: Ints  # per finding: the index of the exception it matches, or -1
    stale: Ints      # the indices of the exceptions that match no finding


def text(values: Column | None, n: int = 0) -> Texts:
    """Column as stripped strings ('' for None/NaN), or n blanks when the column is absent."""
    if values is None:
        return np.full(n, "", dtype=str)
    a = np.asarray(values, dtype=object)
    if len(a) == 0:
        return np.empty(0, dtype=str)
    blank = np.equal(a, np.asarray(None, dtype=object)) | np.not_equal(a, a)  # None, NaN
    out = np.char.strip(a.astype(str))
    out[blank] = ""
    return out


def _fid_text(values: Column | None, n: int) -> Texts:
    """'fid:12' for each fid, '' where there is none."""
    if values is None:
        return np.full(n, "", dtype=str)
    fids = np.asarray(values, dtype=float)
    has = np.isfinite(fids)
    out = np.char.add("fid:", np.where(has, fids, 0).astype(np.int64).astype(str))
    out[~has] = ""
    return out


def feature_keys(codes: Column | None, fids: Column) -> Texts:
    """The key of each feature: its code when it has one (BSM…), else 'fid:<n>', '' for no feature."""
    n = len(fids)
    code = text(codes, n)
    return np.where(code != "", code, _fid_text(fids, n)).astype(str)


def keys(table: Table) -> Texts:
    """One key string per row of a findings or exceptions table (rule|layer|feature|other layer|other)."""
    n = len(table["rule"])
    parts = (text(table.get("layer"), n), feature_keys(table.get("feature_code"), table["fid"]),
             text(table.get("other_layer"), n), feature_keys(table.get("other_code"), table["other_fid"]))
    out = text(table["rule"], n)
    for part in parts:
        out = np.char.add(np.char.add(out, "|"), part)
    return out


def tolerances(geoms: Geoms, unit_m: float = 1.0) -> Floats:
    """How far (in the geometries' units) a finding may lie from an exception and still match it.
    `unit_m`: metres per unit of the coordinates (1 for a projected CRS in metres)."""
    geoms = np.asarray(geoms, dtype=object)
    out = np.full(len(geoms), MIN_TOLERANCE_M / unit_m)
    has = ~is_missing(geoms)
    if has.any():
        bounds = shapely.bounds(geoms[has])
        size = np.maximum(bounds[:, 2] - bounds[:, 0], bounds[:, 3] - bounds[:, 1])
        out[has] = np.maximum(out[has], SIZE_FRACTION * np.nan_to_num(size))
    return out


def key_pairs(left: Texts, right: Texts) -> tuple[Ints, Ints]:
    """(i, j) of every pair left[i] == right[j], vectorised."""
    if len(left) == 0 or len(right) == 0:
        return np.empty(0, np.intp), np.empty(0, np.intp)
    _, codes = np.unique(np.concatenate([left, right]), return_inverse=True)
    lcode, rcode = codes[:len(left)], codes[len(left):]
    order = np.argsort(rcode, kind="stable")
    ranked = rcode[order]
    lo = np.searchsorted(ranked, lcode, "left")
    counts = np.searchsorted(ranked, lcode, "right") - lo
    i = np.repeat(np.arange(len(left)), counts)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    return i, order[np.repeat(lo, counts) + offsets]


def match(findings: Table, exceptions: Table, unit_m: float = 1.0) -> Matched:
    """Matched(exception index per finding or -1, indices of the stale exceptions)."""
    n = len(findings["rule"])
    i, j = key_pairs(keys(findings), keys(exceptions))
    fg = np.asarray(findings["geometry"], dtype=object)[i] if len(i) else np.empty(0, object)
    eg = np.asarray(exceptions["geometry"], dtype=object)[j] if len(j) else np.empty(0, object)
    f_missing, e_missing = is_missing(fg), is_missing(eg)
    near = f_missing & e_missing
    both = ~f_missing & ~e_missing
    if both.any():
        distance = shapely.hausdorff_distance(fg[both], eg[both])
        near[both] = distance <= tolerances(eg[both], unit_m)
    i, j = i[near], j[near]
    exception = np.full(n, -1, dtype=np.intp)
    exception[i[::-1]] = j[::-1]  # the first exception that matches a finding
    used = np.zeros(len(exceptions["rule"]), dtype=bool)
    used[j] = True
    return Matched(exception, np.flatnonzero(~used))


def stale_findings(exceptions: Table, stale: Ints) -> Findings:
    """Findings (rule EXC_STALE, severity info) for the exceptions that match no finding: at the
    exception's place, naming its feature; `category` holds the rule it was accepted for, `note` its
    reason."""
    out = Findings()
    if len(stale):
        def col(name: str) -> Column | None:
            values = exceptions.get(name)
            return None if values is None else np.asarray(values, dtype=object)[stale]

        out.add(STALE_RULE, col("layer"), np.asarray(exceptions["fid"], dtype=float)[stale],
                col("geometry"), feature_code=col("feature_code"), other_layer=col("other_layer"),
                other_fid=np.asarray(exceptions["other_fid"], dtype=float)[stale], other_code=col("other_code"),
                category=col("rule"), note=col("reason"))
    return out


def subset(table: Table, mask: Bools) -> dict[str, Array]:
    """The rows of a table where `mask` holds."""
    return {name: np.asarray(values)[mask] for name, values in table.items()}


def append_rows(table: dict[str, Array], extra: Table) -> dict[str, Array]:
    """Append the rows of `extra` to `table` in place, column by column (blank where `extra` has none)."""
    n = len(extra["rule"])
    if n == 0:
        return table
    for name, values in table.items():
        values = np.asarray(values)
        more = extra.get(name)
        if more is None:
            more = np.full(n, BLANK.get(values.dtype.kind), dtype=values.dtype)
        table[name] = np.concatenate([values, np.asarray(more, dtype=values.dtype)])
    return table
