"""human_activity over partitions (core.activity_partition) equals check_activities over whole layers.

Seeded layers whose features straddle the partition edges: reserves larger than a cell, a zone
outside its reserve, an invalid reserve, activities (points and patches) on cell edges and without
geometry, earlier activities some of which match, and a red line crossing everything."""
import numpy as np
import pytest
import shapely

from ecospace.core.activity import ActivityParams, check_activities
from ecospace.core.activity_partition import ActivityInputs, check_activities_partitioned
from ecospace.core.layer import Layer
from ecospace.core.measure import Measurer, TransverseMercator
from ecospace.core.partition import LayerSource

X, Y = 36500000.0, 2540000.0
M = Measurer(TransverseMercator(108, 1.0, 36500000).to_lonlat)
PARAMS = ActivityParams(reserve_id_field="id", zone_reserve_field="rid", zone_field="zone", type_field="kind")
KEY = ("rule", "layer", "fid", "other_layer", "other_fid")


def box(x0, y0, x1, y1):
    return shapely.box(X + x0, Y + y0, X + x1, Y + y1)


def layers(points):
    rng = np.random.default_rng(7)
    reserves = [box(0, 0, 4000, 3000), box(4000, 0, 9000, 5000), box(1000, 5000, 6000, 9000),
                shapely.Polygon([(X + 7000, Y + 6000), (X + 9000, Y + 9000), (X + 9000, Y + 6000),
                                 (X + 7000, Y + 9000)])]  # a bow-tie: invalid
    zones, rid, kind = [], [], []
    for k, r in enumerate(reserves[:3]):
        x0, y0, x1, y1 = r.bounds
        mid = (x0 + x1) / 2
        zones += [shapely.box(x0, y0, mid, y1), shapely.box(mid, y0, x1, y1)]
        rid += ["R{}".format(k)] * 2
        kind += ["核心区", "实验区"]
    zones.append(box(9500, 0, 10000, 2000))  # outside its reserve
    rid.append("R0")
    kind.append("缓冲区")
    n = 300
    xy = rng.uniform(-500, 10000, (n, 2))
    xy[:20, 0] = np.round(xy[:20, 0] / 2500) * 2500  # on the edges of a 4 × 4 grid
    if points:
        acts = shapely.points(X + xy[:, 0], Y + xy[:, 1])
    else:
        size = rng.uniform(50, 900, n)
        acts = shapely.box(X + xy[:, 0], Y + xy[:, 1], X + xy[:, 0] + size, Y + xy[:, 1] + size)
    acts = np.asarray(acts, dtype=object)
    acts[5] = None
    earlier = acts[::3].copy()
    earlier[1::2] = shapely.affinity.translate(earlier[1::2][0], 0.5, 0) if points else earlier[1::2]
    if not points:
        earlier[::2] = shapely.buffer(earlier[::2], -20)
    redline = np.array([box(-500, 2000, 10000, 2600), box(3000, -500, 3400, 10000), None], dtype=object)

    def lyr(name, geoms, **attrs):
        geoms = np.asarray(geoms, dtype=object)
        return Layer(name, geoms, np.arange(1, len(geoms) + 1),
                     {k: np.asarray(v, dtype=object) for k, v in attrs.items()})

    kinds = np.array(["农田", "道路", "采矿", ""], dtype=object)[np.arange(n) % 4]
    return (lyr("ACTIVITIES", acts, kind=kinds), lyr("RESERVES", reserves, id=["R0", "R1", "R2", "R3"]),
            lyr("ZONES", zones, rid=rid, zone=kind), lyr("REDLINE", redline), lyr("PREVIOUS", earlier))


def rows(table):
    out = []
    for k in range(len(table["rule"])):
        key = tuple(None if isinstance(table[c][k], float) and np.isnan(table[c][k]) else table[c][k] for c in KEY)
        area = table["area_m2"][k]
        out.append((key, None if np.isnan(area) else round(float(area), 6)))
    return sorted(out, key=repr)


@pytest.mark.parametrize("points", [True, False])
@pytest.mark.parametrize("previous", [False, True])
@pytest.mark.parametrize("cells", [1, 4, 16, 49])
def test_partitions_equal_the_whole_layers(points, previous, cells):
    acts, reserves, zones, redline, earlier = layers(points)
    earlier = earlier if previous else None
    whole = check_activities(acts, reserves, zones, redline, earlier, PARAMS, M)
    inputs = ActivityInputs(*(None if x is None else LayerSource(x) for x in (acts, reserves, zones, redline,
                                                                              earlier)))
    table, summary = check_activities_partitioned(inputs, PARAMS, M, cells)
    expected = whole.findings.table(M)
    assert {"HA_STRICT_ZONE", "HA_CONTROL_ZONE", "HA_REDLINE", "HA_INPUT_INVALID",
            "HA_INPUT_NULL"} <= set(expected["rule"])
    assert rows(table) == rows(expected)
    for name in ("reserve_id", "reserve_fid", "zone", "type", "count"):
        assert list(summary[name]) == list(whole.by_reserve[name]), name
    assert np.allclose(summary["area_m2"], whole.by_reserve["area_m2"], rtol=1e-9)
