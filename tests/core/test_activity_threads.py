"""check_activities on several threads (blocks of activities graded at once) gives exactly what one
thread gives: the same findings in the same order, the same tables."""
import numpy as np
import pytest
import shapely

from ecospace.core.activity import check_activities

from .test_activity_partition import PARAMS, M, layers


def same_table(a, b):
    assert list(a) == list(b)
    for name in a:
        left, right = np.asarray(a[name]), np.asarray(b[name])
        if name == "geometry":
            assert shapely.to_wkb(left).tolist() == shapely.to_wkb(right).tolist()
        elif left.dtype.kind == "f":
            np.testing.assert_array_equal(left, right)  # NaN where NaN
        else:
            assert left.tolist() == right.tolist(), name


@pytest.mark.parametrize("points", [True, False])
@pytest.mark.parametrize("previous", [False, True])
def test_threads_give_what_one_thread_gives(points, previous):
    acts, reserves, zones, redline, earlier = layers(points)
    earlier = earlier if previous else None
    one = check_activities(acts, reserves, zones, redline, earlier, PARAMS, M, threads=1)
    assert len(one.findings.table(M)["rule"]) > 50
    for threads in (2, 3, 7):
        many = check_activities(acts, reserves, zones, redline, earlier, PARAMS, M, threads=threads)
        same_table(many.findings.table(M), one.findings.table(M))
        same_table(many.activities, one.activities)
        same_table(many.by_reserve, one.by_reserve)
