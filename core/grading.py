"""Grading assessment rasters (DOMAIN 2.1): cumulative-value importance breaks and sensitivity scores.

QGIS-free and block-wise. A raster is given as `blocks`: a zero-argument callable returning an
iterable of `(values, weights)` pairs, where `values` is a float64 array with NaN for NoData and
`weights` is None (equal-area cells) or an array broadcastable to `values` (cell areas, e.g. one per
row for a geographic CRS). The callable is called once per pass, so a raster never has to fit in memory.

Importance breaks are exact: with the valid cells sorted by value, descending, the break for p % is
the value of the first cell at which the running total of value × weight reaches p % of the total.
They are found by radix selection on an order-preserving 64-bit key of each value: one histogram pass
per 20-bit digit narrows the search to one bucket, and once a bucket holds few enough cells they are
collected and sorted. float32 rasters need two passes; the class of a cell is then `v >= break`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Iterable, Optional, Sequence, Tuple, cast

import numpy as np

from .measure import Ellipsoid
from .progress import NO_PROGRESS, Progress

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

    from .arrays import Array, Bools, Floats, Ints

    # a raster, block by block: called once per pass, yields (values, weights or None)
    Blocks = Callable[[], Iterable[Tuple[ArrayLike, Optional[ArrayLike]]]]

SIGN = np.uint64(1 << 63)
DIGITS = (20, 20, 12, 12)  # bits per radix pass; 20 + 20 cover a float32's 35 significant bits
MAX_EXACT = 1 << 21  # cells collected and sorted in memory once a bucket is this small

DEFAULT_FACTORS = (("rainfall", 100.0, 600.0), ("relief", 50.0, 300.0), ("cover", 0.6, 0.2),
                   ("erodibility", 0.02, 0.04))
DEFAULT_FACTOR_TEXT = ";".join("{}:{:g},{:g}".format(*f) for f in DEFAULT_FACTORS)


class GradingError(ValueError):
    """A problem with the input or the parameters; `code` names it, `info` holds the details."""

    def __init__(self, code: str, **info: Any) -> None:
        super().__init__(code)
        self.code = code
        self.info = info


# -- parameters ---------------------------------------------------------------------------------

def parse_numbers(text: object, name: str) -> list[float]:
    """'50, 80' -> [50.0, 80.0]; GradingError('numbers') when a part is not a number."""
    parts = [p.strip() for p in str(text or "").replace("，", ",").split(",")]
    try:
        return [float(p) for p in parts if p]
    except ValueError:
        raise GradingError("numbers", name=name, text=text) from None


def parse_percent_breaks(text: object) -> list[float]:
    """Cumulative percentages '50,80' -> fractions [0.5, 0.8]; strictly increasing, inside 0–100."""
    values = parse_numbers(text, "BREAKS")
    if not values:
        raise GradingError("numbers", name="BREAKS", text=text)
    if any(not 0.0 < v < 100.0 for v in values):
        raise GradingError("percent_range", text=text)
    if any(b <= a for a, b in zip(values, values[1:])):
        raise GradingError("not_increasing", name="BREAKS", text=text)
    return [v / 100.0 for v in values]


def parse_increasing(text: object, name: str, count: int | None = None) -> list[float]:
    """A strictly increasing list of numbers, e.g. the composite breaks '2.33,3.66' or scores '1,3,5'."""
    values = parse_numbers(text, name)
    if count is not None and len(values) != count:
        raise GradingError("count", name=name, text=text, count=count)
    if any(b <= a for a, b in zip(values, values[1:])):
        raise GradingError("not_increasing", name=name, text=text)
    return values


def parse_factor_breaks(text: object) -> list[tuple[str, float, float]]:
    """'rainfall:100,600;cover:0.6,0.2' -> [(label, first, second), ...], one group per factor.

    The label is optional. The two breaks are written in the direction in which the score rises:
    '100,600' scores < 100 low and > 600 high; '0.6,0.2' scores > 0.6 low and < 0.2 high.
    """
    groups = [g.strip() for g in str(text or "").replace("；", ";").split(";") if g.strip()]
    out = []
    for k, group in enumerate(groups, start=1):
        label, _, numbers = group.rpartition(":")
        values = parse_numbers(numbers, "FACTOR_BREAKS")
        if len(values) != 2 or values[0] == values[1]:
            raise GradingError("factor_group", group=group)
        out.append((label.strip() or "factor{}".format(k), values[0], values[1]))
    if not out:
        raise GradingError("factor_group", group=text)
    return out


# -- cell areas ------------------------------------------------------------------------------------

def geographic_row_areas(top: float, dy: float, rows: int, dlon: float, ellipsoid: Ellipsoid | None = None) -> Floats:
    """Ellipsoidal area (m²) of one cell in each of `rows` rows of a north-up lon/lat grid.

    top: latitude of the first row's upper edge; dy: the signed row step in degrees (negative
    for north-up); dlon: the column width in degrees. Exact on the ellipsoid: the band between two
    latitudes has area a²·Δλ·(q(φ1) − q(φ2))/2, with q the authalic function.
    """
    ell = ellipsoid or Ellipsoid()
    edges = np.radians(np.clip(top + dy * np.arange(rows + 1), -90.0, 90.0))
    q = ell.q(edges)
    return ell.a ** 2 * abs(np.radians(dlon)) * np.abs(np.diff(q)) / 2.0


# -- exact cumulative breaks ---------------------------------------------------------------------

def _keys(values: ArrayLike) -> Array:
    """Order-preserving uint64 keys of float64 values (−0.0 is folded into +0.0 first).

    Positive values get the sign bit set; negative ones have all bits flipped. Done in place on
    one new array: this runs on every cell of every pass.
    """
    bits = (np.asarray(values, dtype=np.float64) + 0.0).view(np.uint64)
    negative = np.signbit(bits.view(np.float64))
    if negative.any():
        np.invert(bits, out=bits, where=negative)
        np.bitwise_or(bits, SIGN, out=bits, where=~negative)
    else:
        bits |= SIGN
    return bits


def _value_of(key: int | np.uint64) -> float:
    key = np.uint64(key)
    bits = key ^ SIGN if key & SIGN else ~key
    return float(np.array([bits], dtype=np.uint64).view(np.float64)[0])


class Search:
    """The search for one break: the key prefix known so far and the value total above it."""

    def __init__(self, fraction: float | None, target: float) -> None:
        self.fraction = fraction
        self.target = target
        self.prefix = np.uint64(0)
        self.bits = 0  # how many leading key bits are fixed
        self.above = 0.0  # sum of value × weight of the cells with a larger key than the prefix
        self.count: int | None = None  # cells under the prefix, when known
        self.value: float | None = None  # the break, once found

    def matches(self, keys: Array) -> Bools:
        return (keys >> np.uint64(64 - self.bits)) == self.prefix

    def narrow(self, sums: Floats, counts: Array, width: int) -> None:
        """Pick the bucket holding the break from a histogram of the next `width` key bits."""
        suffix = np.cumsum(sums[::-1])[::-1]
        nonempty = counts > 0
        hit = np.flatnonzero(nonempty & (self.above + suffix >= self.target))
        j = int(hit[-1]) if hit.size else int(np.flatnonzero(nonempty)[0])
        self.above += float(suffix[j + 1]) if j + 1 < len(suffix) else 0.0
        self.prefix = (self.prefix << np.uint64(width)) | np.uint64(j)
        self.bits += width
        self.count = int(counts[j])
        if self.bits == 64:
            self.value = _value_of(self.prefix)

    def settle(self, values: Floats, weights: Floats) -> None:
        """The break from the collected cells of the final bucket (sorted, descending)."""
        order = np.argsort(-values, kind="stable")
        running = self.above + np.cumsum(values[order] * weights[order])
        reached = np.flatnonzero(running >= self.target)
        k = int(reached[0]) if reached.size else len(order) - 1
        self.value = float(values[order][k])


class Stats:
    """Totals of the valid cells of one raster, from the first pass."""

    def __init__(self) -> None:
        self.count = 0
        self.total = 0.0
        self.min = np.inf
        self.max = -np.inf

    @property
    def empty(self) -> bool:
        return self.count == 0


def _valid(values: ArrayLike, weights: ArrayLike | None) -> tuple[Floats, Floats | None]:
    values = np.asarray(values, dtype=np.float64)
    ok = ~np.isnan(values)
    v = values[ok]
    if weights is None:
        return v, None
    w = np.broadcast_to(np.asarray(weights, dtype=np.float64), values.shape)[ok]
    return v, w


def _histogram(blocks: Blocks, searches: Sequence[Search], width: int, progress: Progress,
               stats: Stats | None = None) -> tuple[list[Floats], list[Array]]:
    """One pass: histogram of the next key digit under each search's prefix (shared when equal)."""
    size = 1 << width
    sums: list[Floats] = [np.zeros(size) for _ in searches]
    counts: list[Array] = [np.zeros(size, dtype=np.int64) for _ in searches]
    shift = [np.uint64(64 - s.bits - width) for s in searches]
    mask = np.uint64(size - 1)
    for values, weights in blocks():
        progress.check()
        v, w = _valid(values, weights)
        if v.size == 0:
            continue
        vw = v if w is None else v * w
        if stats is not None:
            stats.count += v.size
            stats.min = min(stats.min, float(v.min()))
            stats.max = max(stats.max, float(v.max()))
        keys = _keys(v)
        for k, search in enumerate(searches):
            if search.bits:
                inside = search.matches(keys)
                sub_keys, sub_vw = keys[inside], vw[inside]
            else:
                sub_keys, sub_vw = keys, vw
            digit = ((sub_keys >> shift[k]) & mask).astype(np.intp)
            sums[k] += np.bincount(digit, weights=sub_vw, minlength=size)
            counts[k] += np.bincount(digit, minlength=size)
    return sums, counts


def _collect(blocks: Blocks, searches: Sequence[Search], progress: Progress) -> None:
    """One pass: the values and weights of the cells under each search's prefix."""
    parts: list[tuple[list[Floats], list[Floats]]] = [([], []) for _ in searches]
    for values, weights in blocks():
        progress.check()
        v, w = _valid(values, weights)
        if v.size == 0:
            continue
        keys = _keys(v)
        for (vals, wts), search in zip(parts, searches):
            inside = search.matches(keys)
            vals.append(v[inside])
            wts.append(np.ones(int(inside.sum())) if w is None else w[inside])
    for (vals, wts), search in zip(parts, searches):
        search.settle(np.concatenate(vals), np.concatenate(wts))


def cumulative_breaks(blocks: Blocks, fractions: Sequence[float], progress: Progress | None = None,
                      max_exact: int = MAX_EXACT) -> tuple[list[float | None], Stats]:
    """Exact cumulative-value breaks for each fraction (e.g. [0.5, 0.8]) -> (breaks, Stats).

    Breaks come back in the order of the fractions, so they do not increase. GradingError
    'all_nodata' when there is no valid cell, 'zero_total' when the total value is not positive.
    """
    progress = progress or NO_PROGRESS
    stats = Stats()
    first = Search(None, 0.0)
    sums, counts = _histogram(blocks, [first], DIGITS[0], progress, stats)
    if stats.empty:
        raise GradingError("all_nodata")
    stats.total = float(np.cumsum(sums[0][::-1])[-1])
    if not stats.total > 0:
        raise GradingError("zero_total", total=stats.total)
    searches = [Search(f, f * stats.total) for f in fractions]
    for search in searches:
        search.narrow(sums[0], counts[0], DIGITS[0])
    for width in DIGITS[1:]:
        open_ = [s for s in searches if s.value is None]
        if not open_:
            break
        small = [s for s in open_ if s.count is not None and s.count <= max_exact]
        if small:
            _collect(blocks, small, progress)
        big = [s for s in open_ if s.value is None]
        if big:
            sums, counts = _histogram(blocks, big, width, progress)
            for k, search in enumerate(big):
                search.narrow(sums[k], counts[k], width)
    return [s.value for s in searches], stats


# -- classes -------------------------------------------------------------------------------------

def classify(values: ArrayLike, breaks: Iterable[float], nodata: int = 0) -> Ints:
    """Classes from non-increasing breaks: 1 + the number of breaks a value reaches (ties go up).

    With the importance breaks [b50, b80]: v >= b50 -> 3, b80 <= v < b50 -> 2, else 1; NaN -> nodata.
    """
    values = np.asarray(values, dtype=np.float64)
    out = np.ones(values.shape, dtype=np.uint8)
    with np.errstate(invalid="ignore"):
        for b in breaks:
            out += values >= b
    out[np.isnan(values)] = nodata
    return out


def grade_increasing(values: ArrayLike, breaks: Iterable[float], nodata: int = 0) -> Ints:
    """Classes from increasing breaks (the composite sensitivity 2.33, 3.66): 1, 2, 3; NaN -> nodata."""
    return classify(values, sorted(breaks, reverse=True), nodata)


def class_areas(classes: Ints, weights: ArrayLike | None, nclasses: int = 3) -> tuple[Ints, Floats]:
    """Cell count and summed weight (area) of classes 1..nclasses in one block."""
    flat = classes.ravel()
    counts = np.bincount(flat, minlength=nclasses + 1)[: nclasses + 1]
    if weights is None:
        return counts, counts.astype(np.float64)
    w = np.broadcast_to(np.asarray(weights, dtype=np.float64), classes.shape).ravel()
    areas = np.bincount(flat, weights=w, minlength=nclasses + 1)[: nclasses + 1]
    return counts, cast("Floats", areas)  # float64 with weights (numpy's stubs say intp)


# -- sensitivity ---------------------------------------------------------------------------------

def factor_scores(values: ArrayLike, first: float, second: float,
                  scores: Sequence[float] = (1.0, 3.0, 5.0)) -> Floats:
    """Score a factor: breaks in the direction the score rises; the middle class includes both breaks.

    first < second: v < first -> low, first..second -> middle, v > second -> high (rainfall, relief).
    first > second: v > first -> low, second..first -> middle, v < second -> high (vegetation cover).
    NaN stays NaN.
    """
    v = np.asarray(values, dtype=np.float64)
    low, mid, high = (float(s) for s in scores)
    with np.errstate(invalid="ignore"):
        if first < second:
            out = np.where(v < first, low, np.where(v > second, high, mid))
        else:
            out = np.where(v > first, low, np.where(v < second, high, mid))
    out[np.isnan(v)] = np.nan
    return out


def geometric_mean(score_arrays: Iterable[ArrayLike]) -> Floats:
    """Cell-wise geometric mean of positive scores; NaN wherever any factor is NaN."""
    stack = [np.asarray(s, dtype=np.float64) for s in score_arrays]
    log_sum = np.zeros(np.broadcast_shapes(*(s.shape for s in stack)))
    for s in stack:
        log_sum = log_sum + np.log(s)
    return np.exp(log_sum / len(stack))
