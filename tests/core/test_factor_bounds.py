"""core.factor_bounds: wherever the bounds decide a class it is the exact fitted class (strict
and share modes); units near the threshold are left to the exact path (0)."""
import numpy as np
import pytest
import shapely

from ecospace.core.factor_bounds import fitted_bounds
from ecospace.core.findings import Findings
from ecospace.core.layer import Layer
from ecospace.core.measure import Measurer, TransverseMercator
from ecospace.core.units import ClassifyParams, fit_shares, fitted_class

X, Y = 36520000.0, 2540000.0  # 20 km off the central meridian: the area scale is not 1
M = Measurer(TransverseMercator(108, 1.0, 36500000).to_lonlat)


def box(x0, y0, x1, y1):
    return shapely.box(X + x0, Y + y0, X + x1, Y + y1)


def bounds_and_exact(units, prio, key, params):
    units = np.array(units, dtype=object)
    prio, key = np.array(prio, dtype=object), np.array(key, dtype=object)
    got = fitted_bounds(units, prio, key, params, M.area_scale, 1e-6)
    fit = fit_shares(units, [Layer("P", prio)], [Layer("K", key)], params, M, Findings())
    return got, fitted_class(fit, params), fit


def test_clear_cases_are_decided():
    units = [box(0, 0, 100, 100), box(100, 0, 200, 100), box(200, 0, 300, 100)]
    prio = [box(0, 0, 100, 80), box(10, 10, 50, 50)]         # 80 %: priority
    key = [box(100, 0, 200, 90), box(200, 0, 210, 10)]       # 90 %: key; 1 %: general
    got, exact, _ = bounds_and_exact(units, prio, key, ClassifyParams())
    assert got.tolist() == exact.tolist() == [1, 2, 3]


def test_threshold_cases_go_to_the_exact_path():
    units = [box(0, 0, 100, 100), box(100, 0, 200, 100)]
    prio = [box(0, 0, 100, 50.1)]                           # 50.1 %: within the margin
    key = [box(100, 0, 200, 49.9)]                          # 49.9 %
    got, exact, _ = bounds_and_exact(units, prio, key, ClassifyParams())
    assert got.tolist() == [0, 0]
    assert exact.tolist() == [1, 3]


def test_strict_mode():
    units = [box(0, 0, 100, 100), box(100, 0, 200, 100), box(200, 0, 300, 100)]
    prio = [box(40, 40, 41, 41)]                             # 1 m² of priority: class 1
    key = [box(150, 50, 151, 51), box(300, 0, 310, 100)]     # key inside; key only touching
    params = ClassifyParams(strict=True)
    got, exact, _ = bounds_and_exact(units, prio, key, params)
    assert exact.tolist() == [1, 2, 3]
    assert [g in (0, e) for g, e in zip(got, exact)] == [True] * 3
    assert got[0] == 1 and got[1] == 2


def test_overlapping_factors_are_not_double_counted():
    # two factors covering the same 40 % of the unit: 40 %, not 80 %
    units = [box(0, 0, 100, 100)]
    prio = [box(0, 0, 100, 40), box(0, 0, 100, 40)]
    got, exact, _ = bounds_and_exact(units, prio, [], ClassifyParams())
    assert exact.tolist() == [3] and got[0] in (0, 3)


def test_holes_and_multipolygons():
    # a unit with a hole holding a factor: the factor is outside the unit
    unit = box(0, 0, 100, 100).difference(box(20, 20, 80, 80))
    multi = shapely.MultiPolygon([box(200, 0, 300, 100), box(400, 0, 500, 100)])
    prio = [box(20, 20, 80, 80), box(200, 0, 300, 100), box(400, 0, 480, 100)]
    got, exact, _ = bounds_and_exact([unit, multi], prio, [], ClassifyParams())
    assert exact.tolist() == [3, 1]
    assert got.tolist() == [3, 1]


@pytest.mark.parametrize("strict", [False, True])
@pytest.mark.parametrize("seed", range(6))
def test_random_cases_agree_with_the_exact_class(strict, seed):
    rng = np.random.default_rng(seed)
    units = [box(x, y, x + 100, y + 100) for x in range(0, 1000, 100) for y in range(0, 500, 100)]
    units[3] = units[3].difference(box(310 - 300 + 0, 310, 330, 330))  # a hole somewhere

    def factors(n, size):
        out = []
        for x, y, w, h in zip(rng.uniform(-50, 1000, n), rng.uniform(-50, 500, n),
                              rng.uniform(1, size, n), rng.uniform(1, size, n)):
            out.append(box(x, y, x + w, y + h))
        return out

    prio, key = factors(60, 120), factors(40, 150)
    # some factors cut to exactly half a unit: on the threshold
    prio += [box(500, 0, 600, 50), box(700, 200, 750, 300)]
    params = ClassifyParams(strict=strict)
    got, exact, fit = bounds_and_exact(units, prio, key, params)
    decided = got > 0
    assert (got[decided] == exact[decided]).all()
    if not strict:
        near = np.abs(fit["priority_pct"] - 50) < 0.5
        assert not decided[near].any()  # near the threshold: always the exact path
    assert decided.mean() > 0.3  # the bounds do settle most units
