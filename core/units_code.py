"""Environmental control unit codes and names (DOMAIN 3.3): 'ZH' + 6-digit county + class digit +
4-digit sequence, numbered north to south then west to east within a county and class (sequence); the
parser of existing codes (parse_codes); code_units assigns or repairs the codes of existing units.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

import numpy as np
import shapely

from .findings import Findings
from .geom import point_xy
from .layer import as_text
from .measure import Measurer, lonlat_identity
from .progress import NO_PROGRESS
from .units_common import UNITS, class_values, county_codes, majority_zone, repaired

if TYPE_CHECKING:
    from .arrays import Array, Bools, Geoms, Ints, Texts
    from .layer import Layer
    from .progress import Progress


def code_pattern(prefix: str = "ZH") -> re.Pattern[str]:
    return re.compile(r"^{}\d{{6}}[123]\d{{4}}$".format(re.escape(prefix)))


def parse_codes(codes: Texts, prefix: str = "ZH") -> tuple[Bools, Texts, Ints, Ints]:
    """(well-formed mask, county digits, class digit, sequence) of unit code texts; '' and 0
    where a code is not well formed."""
    pattern = code_pattern(prefix)
    ok = np.array([bool(pattern.match(c)) for c in codes], dtype=bool)
    p = len(prefix)
    county = np.array([c[p:p + 6] if f else "" for c, f in zip(codes, ok)], dtype=object)
    klass = np.array([int(c[p + 6]) if f else 0 for c, f in zip(codes, ok)], dtype=np.int64)
    seq = np.array([int(c[p + 7:]) if f else 0 for c, f in zip(codes, ok)], dtype=np.int64)
    return ok, county, klass, seq


def sequence(county: Texts, klass: Ints, geoms: Geoms) -> Ints:
    """1-based sequence within (county, class), north to south then west to east by centroid."""
    x, y = point_xy(shapely.centroid(geoms)).T  # NaN for an empty unit: get_x would raise
    _, county_key = np.unique(county.astype(str), return_inverse=True)
    order = np.lexsort((x, -y, klass, county_key))
    group = county_key[order] * 4 + klass[order]
    start = np.ones(len(order), dtype=bool)
    start[1:] = group[1:] != group[:-1]
    first = np.maximum.accumulate(np.where(start, np.arange(len(order)), 0))
    seq = np.empty(len(order), dtype=np.int64)
    seq[order] = np.arange(len(order)) - first + 1
    return seq


def make_codes(prefix: str, county: Texts, klass: Ints, seq: Ints) -> Texts:
    """'ZH' + county + class + 4-digit sequence; None where the county is unknown or seq > 9999."""
    return np.array([prefix + c + str(k) + "{:04d}".format(s) if c and 0 < s <= 9999 else None
                     for c, k, s in zip(county, klass, seq)], dtype=object)


def unit_names(area_name: Texts, klass: Ints, seq: Ints, class_names: Sequence[str]) -> Texts:
    """'<area><class name>', numbered 1, 2, … in code order when an area has several of a class."""
    base = np.array([a + class_names[k - 1] for a, k in zip(area_name, klass)], dtype=object)
    _, key, count = np.unique(base.astype(str), return_inverse=True, return_counts=True)
    order = np.lexsort((seq, key))
    rank = np.empty(len(base), dtype=np.int64)
    start = np.searchsorted(key[order], key[order])
    rank[order] = np.arange(len(order)) - start + 1
    return np.array([b + str(r) if count[k] > 1 else b for b, k, r in zip(base, key, rank)],
                    dtype=object)


@dataclass
class CodeParams:
    code_field: str = "HJZHGKDYBM"
    class_field: str = "ZHGKDYFL"
    prefix: str = "ZH"
    recode_all: bool = False               # renumber every unit, not only the wrong ones
    cross_county_tolerance: float = 1.0    # m²


@dataclass
class CodeResult:
    table: dict[str, Array]  # fid, old_code, new_code, changed, reason, county, class
    findings: Findings


def code_units(units: Layer, counties: Layer, county_code_field: str = "XZQDM", params: CodeParams | None = None,
               measure: Measurer | None = None, progress: Progress = NO_PROGRESS) -> CodeResult:
    """Assign or repair unit codes from the county holding each unit and its class (DOMAIN 3.3).

    A code is kept when it has the right format, county, class and is the first holder of its
    sequence; every other unit gets the next free sequence of its county and class, in spatial order.
    """
    params = params or CodeParams()
    measure = measure or Measurer(lonlat_identity)
    out = Findings()
    progress.steps = 3
    progress.step("inputs")
    n = len(units)
    geoms = repaired(units, out, "UNIT_INPUT_INVALID", UNITS)
    cgeoms = repaired(counties, out, "UNIT_INPUT_INVALID")
    ccodes = county_codes(counties.column(county_code_field), len(counties))
    klass = class_values(units.column(params.class_field), n)
    if units.column(params.class_field) is None:
        out.add("UNIT_FIELD_MISSING", UNITS, np.nan, detail=params.class_field)
    else:
        bad_class = np.flatnonzero(klass == 0)
        out.add("UNIT_CLASS_INVALID", UNITS, units.fids[bad_class], geoms[bad_class],
                detail=as_text(units.column(params.class_field), n)[bad_class])

    progress.step("counties")
    holder, (i, z, pieces, areas) = majority_zone(geoms, cgeoms, measure)
    cross = (z != holder[i]) & (areas > params.cross_county_tolerance)
    out.add("UNIT_CROSS_COUNTY", UNITS, units.fids[i[cross]], pieces[cross],
            other_layer=counties.name, other_fid=counties.fids[z[cross]], area_m2=areas[cross],
            value=areas[cross], threshold=params.cross_county_tolerance, detail=ccodes[z[cross]])
    county = np.where(holder >= 0, ccodes[np.maximum(holder, 0)], "")
    nowhere = np.flatnonzero((holder < 0) & ~shapely.is_missing(geoms))
    out.add("UNIT_OUTSIDE", UNITS, units.fids[nowhere], geoms[nowhere])

    progress.step("codes")
    old = as_text(units.column(params.code_field), n)
    new, reason, overflow = recode(old, county, klass, geoms, params)
    out.add("UNIT_CODE_OVERFLOW", UNITS, units.fids[overflow], geoms[overflow],
            detail=county[overflow])
    changed = (new != old) & (reason != "")
    ch = np.flatnonzero(changed)
    out.add("UNIT_CODE_CHANGED", UNITS, units.fids[ch], geoms[ch], category=reason[ch],
            detail=np.array(["{} → {}".format(o or "∅", c) for o, c in zip(old[ch], new[ch])],
                            dtype=object))
    table = {"fid": units.fids.copy(), "old_code": old, "new_code": new, "changed": changed,
             "reason": reason, "county": county, "class": klass}
    return CodeResult(table, out)


def recode(old: Texts, county: Texts, klass: Ints, geoms: Geoms, params: CodeParams) -> tuple[Texts, Texts, Bools]:
    """(new codes, reason per unit, overflow mask).

    reason is '' where the code is kept, else empty/format/county/class/duplicate/recode.
    """
    n = len(old)
    codable = (county != "") & (klass > 0)
    reason = np.full(n, "", dtype=object)
    fmt, digits, digit9, old_seq = parse_codes(old, params.prefix)
    reason[~fmt] = "format"
    reason[old == ""] = "empty"
    reason[fmt & (digits != county)] = "county"
    reason[fmt & (digits == county) & (digit9 != klass)] = "class"
    if params.recode_all:
        reason[:] = "recode"
    ok = np.flatnonzero(reason == "")
    _, first = np.unique(old[ok].astype(str), return_index=True)
    dup = np.ones(len(ok), dtype=bool)
    dup[first] = False  # the first holder (lowest fid) keeps a duplicated code
    reason[ok[dup]] = "duplicate"
    reason[~codable] = ""  # no county or class: nothing to assign, the code stays as it was

    kept = np.flatnonzero(reason == "")
    base: dict[tuple[str, int], int] = {}
    for c, k, s in zip(county[kept], klass[kept], old_seq[kept]):  # per kept code: attribute-sized loop
        base[(c, k)] = max(base.get((c, k), 0), s)
    todo = np.flatnonzero(reason != "")
    seq = sequence(county[todo], klass[todo], geoms[todo])
    seq = seq + np.array([base.get((c, k), 0) for c, k in zip(county[todo], klass[todo])], dtype=np.int64)
    made = make_codes(params.prefix, county[todo], klass[todo], seq)
    overflow = np.zeros(n, dtype=bool)
    overflow[todo] = [m is None for m in made]  # more than 9999 in one county and class
    new = old.copy()
    new[todo[~overflow[todo]]] = made[~overflow[todo]]
    return new, reason, overflow
