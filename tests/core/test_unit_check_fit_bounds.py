"""The factor fit of check_units from sound area bounds (units_classify.fitted_by_bounds) equals
the exact fit wherever it decides, near the share threshold too, and check_units gives the same
findings with and without it (exact=True)."""
import numpy as np
import pytest
import shapely

from ecospace.core import units_classify
from ecospace.core.findings import Findings
from ecospace.core.layer import Layer
from ecospace.core.measure import Measurer, TransverseMercator
from ecospace.core.unit_check import UnitCheckParams
from ecospace.core.units_classify import (
    ClassifyParams,
    class_from_below,
    factor_zones,
    fit_repaired,
    fitted_by_bounds,
    fitted_class,
    fitted_exact,
)

from .unit_findings import both

X, Y = 36500000.0, 2540000.0
M = Measurer(TransverseMercator(108, 1.0, 36500000).to_lonlat)


def box(x0, y0, x1, y1):
    return shapely.box(X + x0, Y + y0, X + x1, Y + y1)


def case(seed, n=8):
    """n × n units of 100 m (one with a hole, one missing); random overlapping factor boxes, and
    per unit a planted priority strip of exactly 50 % or 50 % ± 1e-7 / 1e-3 / 1 % of it, a key
    strip, and factors cut along the unit boundary (as units drawn from them are)."""
    rng = np.random.default_rng(seed)
    units = np.array([box(100 * i, 100 * j, 100 * i + 100, 100 * j + 100)
                      for i in range(n) for j in range(n)], dtype=object)
    units[3] = units[3].difference(shapely.centroid(units[3]).buffer(20))
    units[5] = None
    prio, key = [], []
    for k in range(n * n):
        i, j = divmod(k, n)
        x0, y0 = 100.0 * i, 100.0 * j
        share = 0.5 + rng.choice([0, 1e-9, -1e-9, 1e-5, -1e-5, 0.01, -0.01, 0.3, -0.3])
        (prio if k % 3 else key).append(box(x0, y0, x0 + 100 * share, y0 + 100))
        key.append(box(x0 + 100 * share, y0, x0 + 100, y0 + 50 + 50 * rng.random()))
        prio.append(box(x0 + 10, y0 + 10, x0 + 40, y0 + 40))  # inside, overlapping the strip
    for _ in range(4 * n):
        x, y = rng.uniform(0, 100 * n, 2)
        w, h = rng.uniform(5, 150, 2)
        (prio if rng.random() < 0.5 else key).append(box(x, y, x + w, y + h))
    return units, Layer("PRIO", prio), Layer("KEY", key)


def exact_and_bounded(units, prio, key, params):
    factors = factor_zones([prio], [key], Findings())
    area = M.area(units)
    exact = fitted_class(fit_repaired(units, factors, params, M), params)
    return exact, fitted_by_bounds(units, area, factors, params, M)[0]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("params", [ClassifyParams(), ClassifyParams(share_threshold=30.0),
                                    ClassifyParams(strict=True), ClassifyParams(strict=True, strict_tolerance=50.0)],
                         ids=["50%", "30%", "strict", "strict50"])
def test_bounds_decide_as_the_exact_fit(seed, params):
    units, prio, key = case(seed)
    exact, bounded = exact_and_bounded(units, prio, key, params)
    decided = bounded > 0
    assert (bounded[decided] == exact[decided]).all()
    assert decided.sum() >= len(units) // 4  # the bounds do settle units
    assert bounded[5] == 0  # a missing unit goes to the exact fit


def test_shares_at_the_threshold_go_to_the_exact_fit():
    units, prio, key = case(0)
    params = ClassifyParams()
    factors = factor_zones([prio], [key], Findings())
    fit = fit_repaired(units, factors, params, M)
    bounded = fitted_by_bounds(units, M.area(units), factors, params, M)[0]
    close = np.abs(fit["priority_pct"] - 50.0) < 1e-3
    assert close.sum() >= 5
    assert (bounded[close] == 0).all() or (bounded[close] == fitted_class(fit, params)[close]).all()


@pytest.mark.parametrize("seed", range(3))
def test_check_units_same_findings(seed):
    units, prio, key = case(seed)
    rng = np.random.default_rng(seed)
    klass = rng.integers(1, 4, len(units))
    attrs = {"HJZHGKDYBM": ["ZH450100{}{:04d}".format(k, i) for i, k in enumerate(klass)],
             "HJZHGKDYMC": ["u"] * len(units), "ZHGKDYFL": klass.tolist()}
    layer = Layer("UNITS", units, attrs=attrs)
    fast, exact = both(layer, priority=[prio], key=[key], measure=M,
                       params=UnitCheckParams(access_fields=()))
    assert fast == exact
    wrong = [r for r in fast if r[0] == "UNIT_CLASS_FACTOR"]
    assert len(wrong) >= 10  # stored classes drawn at random: many disagree, with their shares


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("params", [ClassifyParams(), ClassifyParams(strict=True)], ids=["50%", "strict"])
def test_fitted_exact_equals_the_full_fit(seed, params):
    """fitted_exact (key layers only where priority is not enough): fit_repaired's class and share."""
    units, prio, key = case(seed)
    factors = factor_zones([prio], [key], Findings())
    fit = fit_repaired(units, factors, params, M)
    klass, share = fitted_exact(units, factors, params, M)
    expected = fitted_class(fit, params)
    assert (klass == expected).all() and len(set(klass.tolist())) >= 2
    full = np.where(expected == 1, fit["priority_pct"], fit["controlled_pct"])
    assert np.array_equal(share, full, equal_nan=True)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("params", [ClassifyParams(), ClassifyParams(share_threshold=30.0),
                                    ClassifyParams(strict=True)], ids=["50%", "30%", "strict"])
def test_classes_from_below_only_where_the_exact_fit_gives_them(seed, params):
    """class_from_below: class 1 where the exact fit gives it; class 2 where it does, for units
    whose priority share the bounds know to fall short (and that they know soundly)."""
    units, prio, key = case(seed)
    factors = factor_zones([prio], [key], Findings())
    area = M.area(units)
    exact = fitted_class(fit_repaired(units, factors, params, M), params)
    below = class_from_below(units, area, factors, params, M, 1)
    assert set(below.tolist()) <= {0, 1} and (exact[below == 1] == 1).all()
    assert (below == 1).sum() >= (exact == 1).sum() // 2  # most class-1 units, not those at the threshold
    short = fitted_by_bounds(units, area, factors, params, M)[1]
    assert (exact[short] != 1).all()
    key_below = class_from_below(units[short], area[short], factors, params, M, 2)
    assert set(key_below.tolist()) <= {0, 2} and (exact[short][key_below == 2] == 2).all()
    assert (key_below == 2).sum() >= (exact[short] == 2).sum() // 2


def rings_and_strips():
    """Two units of 100 m: 10 strips cover 60 % of unit 0 and 40 % of unit 1; five square rings
    round each unit overlap it only along a 0.5 m border but have the largest envelopes inside
    it, so class_from_below's first round (BELOW_ROUNDS[0] factors per unit) takes the rings."""
    units = np.array([box(0, 0, 100, 100), box(300, 0, 400, 100)], dtype=object)
    factors = []
    for x0, width in ((0, 6.0), (300, 4.0)):
        factors += [box(x0 + 10 * k, 0, x0 + 10 * k + width, 100) for k in range(10)]
        factors += [box(x0 - 100 - k, -100 - k, x0 + 200 + k, 200 + k).difference(
            box(x0 + 0.5, 0.5, x0 + 99.5, 99.5)) for k in range(5)]
    return units, Layer("F", factors)


@pytest.mark.parametrize("klass", [1, 2])
def test_classes_from_below_past_the_first_factors(klass):
    """A unit whose share needs more than the first round's factors is decided by a later one,
    and only where the exact fit gives the class."""
    units, layer = rings_and_strips()
    params = ClassifyParams()
    factors = factor_zones([layer] if klass == 1 else [], [layer] if klass == 2 else [], Findings())
    area = M.area(units)
    exact = fitted_class(fit_repaired(units, factors, params, M), params)
    assert exact.tolist() == [klass, 3]
    assert units_classify.BELOW_ROUNDS[0] < 10  # the rings alone (2 % of the unit) decide nothing
    below = class_from_below(units, area, factors, params, M, klass)
    assert below.tolist() == [klass, 0]


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("params", [ClassifyParams(), ClassifyParams(strict=True)], ids=["50%", "strict"])
def test_bounds_without_upper_bounds_decide_class_1_only(seed, params):
    """fitted_by_bounds(upper=mask): the units asking for upper bounds get the same answer as
    without the mask; the others class 1 where it does, else 0 (never 2 or 3, never short)."""
    units, prio, key = case(seed)
    factors = factor_zones([prio], [key], Findings())
    area = M.area(units)
    exact = fitted_class(fit_repaired(units, factors, params, M), params)
    full, full_short = fitted_by_bounds(units, area, factors, params, M)
    upper = np.arange(len(units)) % 2 == 0
    got, short = fitted_by_bounds(units, area, factors, params, M, upper=upper)
    assert (got[upper] == full[upper]).all() and (short[upper] == full_short[upper]).all()
    assert (got[~upper] == np.where(full[~upper] == 1, 1, 0)).all() and not short[~upper].any()
    assert (exact[got == 1] == 1).all() and (got[~upper] == 1).any()
    assert params.strict or (full[~upper] > 1).any()  # strict: nearly every unit is class 1
