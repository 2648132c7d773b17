"""core.grading without QGIS: exact cumulative breaks against a brute-force sort, classes, scores."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from ecospace.core import grading
from ecospace.core.grading import GradingError, classify, cumulative_breaks


def brute(values, fractions, weights=None):
    """The definition itself: sort descending, accumulate, the first cell reaching the share."""
    v = np.asarray(values, dtype=float).ravel()
    w = np.ones_like(v) if weights is None else np.broadcast_to(weights, np.shape(values)).ravel()
    ok = ~np.isnan(v)
    v, w = v[ok], w[ok]
    order = np.argsort(-v, kind="stable")
    running = np.cumsum(v[order] * w[order])
    total = np.sum(v * w)
    return [float(v[order][np.flatnonzero(running >= f * total)[0]]) for f in fractions]


def blocks_of(values, rows=None, weights=None):
    """A blocks callable over row slices of an in-memory array (weights: one per row, or None)."""
    values = np.asarray(values, dtype=float)
    rows = rows or len(values)

    def blocks():
        for r in range(0, len(values), rows):
            w = None if weights is None else np.asarray(weights, dtype=float)[r:r + rows, None]
            yield values[r:r + rows], w
    return blocks


def test_hand_made_breaks_and_ties_go_up():
    # total 110; sorted 40, 20, 20, 10, 10, 5, 5: 55 is reached at the first 20, 88 at the first 10
    values = np.array([[40, 20, 20, 10], [10, np.nan, 5, 5]], dtype=float)
    breaks, stats = cumulative_breaks(blocks_of(values, 1), [0.5, 0.8])
    assert breaks == [20.0, 10.0] == brute(values, [0.5, 0.8])
    assert stats.count == 7 and stats.total == 110.0
    classes = classify(values, breaks)
    # both 20s are class 3 (a tie at the break goes up), both 10s class 2, the 5s class 1, NaN 0
    assert classes.tolist() == [[3, 3, 3, 2], [2, 0, 1, 1]]


def test_exactly_reaching_the_share_stops_there():
    values = np.array([50.0, 30.0, 20.0])  # 50 alone is exactly 50 %
    assert cumulative_breaks(blocks_of(values[None, :]), [0.5, 0.8])[0] == [50.0, 30.0]


def test_weights_change_the_breaks():
    values = np.array([[10.0], [9.0]])
    assert cumulative_breaks(blocks_of(values), [0.5])[0] == [10.0]
    weighted = cumulative_breaks(blocks_of(values, weights=[1.0, 2.0]), [0.5])[0]
    assert weighted == [9.0] == brute(values, [0.5], np.array([[1.0], [2.0]]))


@pytest.mark.parametrize("max_exact", [0, 5, grading.MAX_EXACT])
@pytest.mark.parametrize("rows", [1, 7, 100])
def test_blocks_and_passes_do_not_change_the_answer(rows, max_exact):
    rng = np.random.default_rng(11)
    values = rng.lognormal(1.0, 1.2, (100, 80)).astype(np.float32).astype(float)
    values[rng.random(values.shape) < 0.2] = np.nan
    weights = np.linspace(1.0, 2.0, 100)
    got = cumulative_breaks(blocks_of(values, rows, weights), [0.5, 0.8], max_exact=max_exact)[0]
    assert got == cumulative_breaks(blocks_of(values, None, weights), [0.5, 0.8])[0]


@pytest.mark.parametrize("max_exact", [0, grading.MAX_EXACT])
def test_against_brute_force_on_integer_values(max_exact):
    rng = np.random.default_rng(2)
    for _ in range(20):
        values = rng.integers(0, rng.integers(2, 500), (30, 20)).astype(float)
        values[rng.random(values.shape) < 0.1] = np.nan
        weights = rng.integers(1, 4, 30).astype(float)
        got = cumulative_breaks(blocks_of(values, 4, weights), [0.5, 0.8], max_exact=max_exact)[0]
        assert got == brute(values, [0.5, 0.8], weights[:, None])


def test_float64_values_need_every_pass():
    rng = np.random.default_rng(4)
    values = rng.random((50, 40)) * 1e-3 + 1.0  # all in [1, 1.001): the first digits say nothing
    got = cumulative_breaks(blocks_of(values, 3), [0.5, 0.8], max_exact=0)[0]
    assert got == brute(values, [0.5, 0.8])


def test_negative_values_and_signed_zero():
    values = np.array([[5.0, -0.0, 0.0, -2.0, 3.0]])
    assert cumulative_breaks(blocks_of(values), [0.5, 0.8], max_exact=0)[0] == brute(values, [0.5, 0.8])


def test_all_nodata_and_zero_total():
    with pytest.raises(GradingError) as error:
        cumulative_breaks(blocks_of(np.full((3, 3), np.nan)), [0.5])
    assert error.value.code == "all_nodata"
    with pytest.raises(GradingError) as error:
        cumulative_breaks(blocks_of(np.zeros((3, 3))), [0.5])
    assert error.value.code == "zero_total"


def test_cancel_is_raised_between_blocks():
    from ecospace.core.progress import Cancelled, Progress

    with pytest.raises(Cancelled):
        cumulative_breaks(blocks_of(np.ones((4, 4)), 1), [0.5], Progress(is_canceled=lambda: True))


values_strategy = hnp.arrays(np.float64, st.tuples(st.integers(1, 12), st.integers(1, 12)),
                             elements=st.one_of(st.integers(0, 1000).map(float), st.just(np.nan)))


@settings(max_examples=150, deadline=None)
@given(values=values_strategy, rows=st.integers(1, 5), pct=st.integers(1, 99))
def test_property_top_class_holds_the_share_and_no_less(values, rows, pct):
    total = np.nansum(values)
    if not total > 0:
        return
    fraction = pct / 100.0
    (b,), _ = cumulative_breaks(blocks_of(values, rows), [fraction], max_exact=3)
    assert b == brute(values, [fraction])[0]
    top = values[values >= b]
    assert top.sum() >= fraction * total
    # removing the smallest class-3 value drops the class below the share (ties removed as one value)
    assert top.sum() - top[top == top.min()].sum() < fraction * total


def test_parse_percent_breaks():
    assert grading.parse_percent_breaks("50, 80") == [0.5, 0.8]
    assert grading.parse_percent_breaks("50，80") == [0.5, 0.8]
    for text, code in (("80,50", "not_increasing"), ("50,50", "not_increasing"), ("0,50", "percent_range"),
                       ("50,100", "percent_range"), ("x", "numbers"), ("", "numbers")):
        with pytest.raises(GradingError) as error:
            grading.parse_percent_breaks(text)
        assert error.value.code == code


def test_parse_factor_breaks():
    assert grading.parse_factor_breaks(grading.DEFAULT_FACTOR_TEXT) == list(grading.DEFAULT_FACTORS)
    assert grading.parse_factor_breaks("1,2; b:3,1") == [("factor1", 1.0, 2.0), ("b", 3.0, 1.0)]
    for text in ("a:1", "a:1,1", "a:1,2,3", ";", "a:x,1"):
        with pytest.raises(GradingError):
            grading.parse_factor_breaks(text)


def test_factor_scores_both_directions_include_the_breaks_in_the_middle():
    rain = np.array([99.9, 100.0, 600.0, 600.1, np.nan])
    assert grading.factor_scores(rain, 100, 600)[:4].tolist() == [1, 3, 3, 5]
    assert np.isnan(grading.factor_scores(rain, 100, 600)[4])
    cover = np.array([0.7, 0.6, 0.2, 0.1])
    assert grading.factor_scores(cover, 0.6, 0.2).tolist() == [1, 3, 3, 5]
    assert grading.factor_scores(cover, 0.6, 0.2, (2, 4, 8)).tolist() == [2, 4, 4, 8]


def test_geometric_mean_and_composite_grades():
    scores = [np.array([1.0, 3.0, 5.0, 5.0, np.nan]), np.array([1.0, 3.0, 5.0, 3.0, 1.0]),
              np.array([1.0, 3.0, 5.0, 1.0, 1.0])]
    mean = grading.geometric_mean(scores)
    assert mean[:4] == pytest.approx([1.0, 3.0, 5.0, 15 ** (1 / 3)])
    assert np.isnan(mean[4])
    assert grading.grade_increasing(mean, [2.33, 3.66]).tolist() == [1, 2, 3, 2, 0]
    assert grading.grade_increasing(np.array([2.33, 3.66, 2.3299]), [2.33, 3.66]).tolist() == [2, 3, 1]


def test_geographic_row_areas_sum_to_the_ellipsoid():
    rows = grading.geographic_row_areas(90.0, -1.0, 180, 360.0)
    ell = grading.Ellipsoid()
    # the surface of the CGCS2000 ellipsoid: 2πa²·q(90°)
    assert rows.sum() == pytest.approx(2 * np.pi * ell.a ** 2 * ell.q(np.pi / 2), rel=1e-12)
    assert rows.sum() == pytest.approx(510065621718491, rel=1e-6)  # m², the GRS80 figure
