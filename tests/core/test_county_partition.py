"""County partitions (core.partition.CountyPlan): groups of whole counties, ground outside every county
in partitions of its own, and the same findings, statistics and areas as check_redline over whole
layers: pairs across the groups' edges, a patch in four partitions, a partition with no feature,
features and pairs outside every county, a county code held by two separate polygons, a sliver gap
between counties in a cell that also holds wide outside ground, and random layouts with gaps and
islands (each point owned by a partition that reads it)."""
import numpy as np
import pytest
import shapely
import shapely.affinity

from ecospace.core.layer import Layer
from ecospace.core.partition import (
    NULL,
    CountyPlan,
    check_partitioned,
    memory_inputs,
    partitions,
    read_partition,
    redline_plan,
    run_partition,
)
from ecospace.core.redline import RedlineParams, check_redline

from .test_partition import M, assert_same, box, layers


def county_layers():
    """test_partition's layers, with four quadrant counties (450101 twice: the south-west square and
    a far one), a county no feature meets, and a patch, a field and their overlap east of every county."""
    base = layers()
    rl = base["redline"]
    extra = [box(1100, 100, 1180, 160), box(990, 300, 1060, 340)]  # outside; across the east edge
    geoms = np.concatenate([rl.geoms, np.array(extra, dtype=object)])
    n = len(geoms)
    more = {"BSM": ["Q1", "Q2"], "XZQDM": ["450102", "450102"], "MJ": list(M.area(np.array(extra, dtype=object)))}
    attrs = {k: np.concatenate([v, np.array(more[k], dtype=object)]) for k, v in rl.attrs.items()}
    base["redline"] = Layer("REDLINE", geoms, np.arange(10, 10 * (n + 1), 10), attrs)
    farm = base["farmland"]
    base["farmland"] = Layer("FARMLAND", np.concatenate([farm.geoms, [box(1150, 130, 1250, 200)]]),
                             np.concatenate([farm.fids, [11]]))
    quads = [box(0, 0, 500, 500), box(500, 0, 1000, 500), box(0, 500, 500, 1000),
             box(500, 500, 1000, 1000), box(3000, 0, 3100, 100), box(3000, 3000, 3100, 3100)]
    base["counties"] = Layer("COUNTIES", quads, [1, 2, 3, 4, 5, 6],
                             {"XZQDM": ["450101", "450102", "450103", "450104", "450101", "450109"],
                              "XZQMC": ["西南", "东南", "西北", "东北", "西南飞地", "空县"]})
    return base


@pytest.fixture(scope="module")
def whole():
    return check_redline(**county_layers(), measure=M)


def test_the_layers_have_what_this_test_is_about(whole):
    table = whole.findings.table()
    rules = set(table["rule"])
    assert {"RL_SELF_OVERLAP", "RL_DUPLICATE", "RL_HOLE", "RL_OVERLAP_PBF", "RL_PA_OUTSIDE",
            "RL_CROSS_COUNTY", "RL_COUNTY_CODE", "RL_CODE_DUPLICATE"} <= rules
    outside = (table["rule"] == "RL_OVERLAP_PBF") & (table["fid"] == 150)  # east of every county
    assert outside.sum() == 1


@pytest.mark.parametrize("groups", [1, 2, 3, 4, 6, 12])
def test_county_partitions_equal_whole(whole, groups):
    inputs = memory_inputs(**county_layers())
    plan = redline_plan(inputs, groups, by_county=True)
    assert isinstance(plan, CountyPlan)
    assert_same(whole, check_partitioned(inputs, measure=M, grid=plan))


def test_counties_sharing_a_code_stay_together_and_outside_ground_has_its_partition():
    inputs = memory_inputs(**county_layers())
    plan = redline_plan(inputs, 6, by_county=True)
    assert plan.group[0] == plan.group[4]  # 450101: both of its polygons in one group
    assert plan.codes_of(plan.group[0]).count("450101") == 1 and plan.codes_of(plan.groups) == []
    assert len(plan) > plan.groups  # partitions for the ground east of every county
    east = plan.cell_of([(X_EAST, Y_EAST)])[0]
    assert east >= plan.groups
    assert plan.cell_of([(np.nan, 0.0)])[0] == NULL
    # a point on the line between two counties: the first county in layer order owns it
    on_line = plan.cell_of([(box(500, 100, 501, 101).bounds[0], box(0, 100, 1, 101).bounds[1])])[0]
    assert on_line == plan.group[0]


X_EAST, Y_EAST = box(1100, 100, 1101, 101).bounds[:2]


def test_patch_in_four_partitions_empty_partition_and_ownership_once():
    inputs = memory_inputs(**county_layers())
    plan = redline_plan(inputs, 4, by_county=True)
    groups = {int(plan.group[k]) for k in range(4)}
    assert len(groups) == 4, "each quadrant its own group"
    params = RedlineParams()
    holding_big = [pid for pid in partitions(plan)
                   if 10 in read_partition(inputs, plan, pid, params)["redline"].layer.fids]
    assert set(holding_big) >= groups
    empty = [pid for pid in partitions(plan)
             if pid != NULL and len(read_partition(inputs, plan, pid, params)["redline"].layer) == 0]
    assert empty, "the group of the far counties reads no red line"
    part = run_partition(inputs, plan, empty[0], measure=M)
    assert part.total_patches == 0 and len(part.table["rule"]) == 0
    forward = check_partitioned(inputs, measure=M, grid=plan)
    backward = check_partitioned(inputs, measure=M, grid=plan,
                                 mapper=lambda fn, pids: reversed([fn(p) for p in reversed(pids)]))
    assert_same(forward, backward)


def test_plan_pickles_and_answers_alike():
    import pickle

    plan = redline_plan(memory_inputs(**county_layers()), 4, by_county=True)
    xy = np.array([(X_EAST, Y_EAST), box(10, 10, 11, 11).bounds[:2], box(900, 900, 901, 901).bounds[:2]])
    again = pickle.loads(pickle.dumps(plan))
    assert list(again.cell_of(xy)) == list(plan.cell_of(xy))


def test_random_boxes_with_counties():
    rng = np.random.default_rng(11)
    xy = rng.uniform(-100, 1100, (300, 2))
    size = rng.uniform(5, 120, (300, 2))
    geoms = [box(x, y, x + w, y + h) for (x, y), (w, h) in zip(xy, size)]
    redline = Layer("REDLINE", geoms[:200], attrs={"BSM": ["B{}".format(k % 150) for k in range(200)],
                                                  "XZQDM": ["450101"] * 200})
    farmland = Layer("FARMLAND", geoms[200:])
    cuts = [shapely.Polygon([(x, y) for x, y in ring]) for ring in (
        [(0, 0), (600, 0), (400, 500), (0, 500)], [(600, 0), (1000, 0), (1000, 600), (400, 500)],
        [(0, 500), (400, 500), (1000, 600), (1000, 1000), (0, 1000)])]
    counties = Layer("COUNTIES", [shapely.affinity.translate(c, X0, Y0) for c in cuts], [1, 2, 3],
                     {"XZQDM": ["450101", "450102", "450103"]})
    args = dict(redline=redline, farmland=farmland, counties=counties, county_code_field="XZQDM")
    whole = check_redline(**args, measure=M)
    for groups in (2, 3, 7):
        assert_same(whole, check_partitioned(memory_inputs(**args), measure=M, cells=groups,
                                             by_county=True))


X0, Y0 = box(0, 0, 1, 1).bounds[:2]


# --- a sliver gap between counties in a cell that also holds wide outside ground ---------------

def gap_layers():
    """Counties A | gap 10 m | B over C, B with a lake (wide outside ground) in the same outside
    cell as the gap (one group: 4 × 4 cells of 250 m; the cell x 500-750, y 0-250). A patch and a
    farmland pair whose owning corner lies in the gap, far from the lake's rectangle, and a patch
    with its corner in the gap across B and C, and a patch and a pair in the lake."""
    lake = box(620, 20, 740, 130)
    counties = Layer("COUNTIES", [box(0, 0, 500, 1000), shapely.difference(box(510, 0, 1000, 150), lake),
                                  box(510, 150, 1000, 1000)], [1, 2, 3],
                     {"XZQDM": ["450101", "450102", "450103"], "XZQMC": ["甲", "乙", "丙"]})
    rl = [box(502, 30, 540, 60), box(503, 100, 600, 200), box(100, 100, 200, 200), box(650, 40, 700, 80)]
    redline = Layer("REDLINE", rl, [1, 2, 3, 4], {"BSM": ["G1", "G2", "G3", "G4"],
                                                  "XZQDM": ["450102", "450102", "450101", "450102"],
                                                  "MJ": list(M.area(np.array(rl, dtype=object)))})
    farmland = Layer("FARMLAND", [box(505, 40, 560, 80), box(660, 50, 720, 90)], [7, 8])
    return dict(redline=redline, farmland=farmland, counties=counties, county_code_field="XZQDM",
                county_name_field="XZQMC")


GAP_POINT = box(502, 30, 503, 31).bounds[:2]


def test_the_gap_case_is_built():
    plan = redline_plan(memory_inputs(**gap_layers()), 1, by_county=True)
    outside = plan.outside_pid[plan.outside.cell_of([GAP_POINT])[0]]
    assert outside != NULL, "the gap's cell has wide outside ground"
    x0, y0, x1, y1 = plan.rect(outside)
    assert not (x0 <= GAP_POINT[0] <= x1 and y0 <= GAP_POINT[1] <= y1), "which its partition reads alone"
    table = check_redline(**gap_layers(), measure=M).findings.table()
    found = set(zip(table["rule"], table["fid"]))
    assert ("RL_OVERLAP_PBF", 1) in found
    assert found & {("RL_CROSS_COUNTY", 2), ("RL_COUNTY_BOUNDARY_MISMATCH", 2)}


@pytest.mark.parametrize("groups", [1, 2, 3])
def test_gap_between_counties_equals_whole(groups):
    inputs = memory_inputs(**gap_layers())
    plan = redline_plan(inputs, groups, by_county=True)
    x0, y0, x1, y1 = plan.rect(plan.cell_of([GAP_POINT])[0])
    assert x0 <= GAP_POINT[0] <= x1 and y0 <= GAP_POINT[1] <= y1, "the gap's owner reads it"
    assert_same(check_redline(**gap_layers(), measure=M), check_partitioned(inputs, measure=M, grid=plan))


def random_counties(rng, n=5, side=200.0):
    """An n × n grid of square counties that touch, with slots cut along some shared edges (gaps
    between two counties closed at both ends, 1-100 m wide: narrower and wider than the plan's
    sliver width, 2 × 36.5 m here), some counties left out (lakes of outside ground), a small
    island county in some of those, codes shared now and then. Also the slots (n, 4)."""
    slots = []
    for x in range(n):
        for y in range(n):
            w, a, b = rng.uniform(1, 100), rng.uniform(20, 80), rng.uniform(120, 180)
            if x + 1 < n and rng.random() < 0.5:  # on the edge x = (x + 1) side
                e = (x + 1) * side
                slots.append((e - w / 2, y * side + a, e + w / 2, y * side + b))
            if y + 1 < n and rng.random() < 0.5:
                e = (y + 1) * side
                slots.append((x * side + a, e - w / 2, x * side + b, e + w / 2))
    slots = np.array(slots).reshape(-1, 4)
    cut = shapely.union_all([box(*r) for r in slots])
    geoms = []
    for x in range(n):
        for y in range(n):
            x0, y0 = x * side, y * side
            if rng.random() < 0.15:
                if rng.random() < 0.5:
                    geoms.append(box(x0 + 80, y0 + 80, x0 + 80 + rng.uniform(5, 60), y0 + 90))
                continue
            geoms.append(shapely.difference(box(x0, y0, x0 + side, y0 + side), cut))
    codes = ["4501{:02d}".format(k) for k in rng.integers(0, len(geoms), len(geoms))]
    return Layer("COUNTIES", geoms, np.arange(1, len(geoms) + 1), {"XZQDM": codes}), slots


def in_slots(rng, slots, k):
    """k random points in each slot, in the layers' coordinates."""
    u = rng.random((len(slots), k, 2))
    xy = slots[:, None, :2] + u * (slots[:, None, 2:] - slots[:, None, :2])
    return xy.reshape(-1, 2) + np.array(box(0, 0, 1, 1).bounds[:2])


def _in(xy, rects):
    """Whether points (..., 2) lie in rectangles (..., 4), broadcast."""
    x, y = xy[..., 0], xy[..., 1]
    return (rects[..., 0] <= x) & (x <= rects[..., 2]) & (rects[..., 1] <= y) & (y <= rects[..., 3])


@pytest.mark.parametrize("seed", range(40))
def test_every_point_is_read_by_its_owner(seed):
    """The plan's rule on random layouts: each point has one owner, which reads it (its rectangle,
    and for a county group one of its boxes)."""
    rng = np.random.default_rng(seed)
    counties, slots = random_counties(rng)
    redline = Layer("REDLINE", [box(-50, -50, -40, -40), box(1040, 1040, 1050, 1050)])  # outside ground at the edges
    inputs = memory_inputs(redline, counties=counties, county_code_field="XZQDM")
    plan = redline_plan(inputs, int(rng.integers(1, 6)), by_county=True)
    xy = np.concatenate([np.array(box(0, 0, 1, 1).bounds[:2]) + rng.uniform(-50, 1050, (3000, 2)),
                         in_slots(rng, slots, 50)])
    pid = plan.cell_of(xy)
    assert (pid >= 0).all() and (pid < len(plan)).all()
    rects = np.array([plan.rect(p) for p in pid])
    assert _in(xy, rects).all()
    for g in np.unique(pid[pid < plan.groups]):
        assert _in(xy[pid == g][:, None, :], plan.boxes(g)[None]).any(axis=1).all()


@pytest.mark.parametrize("seed", range(6))
def test_random_counties_with_gaps_equal_whole(seed):
    rng = np.random.default_rng(100 + seed)
    counties, slots = random_counties(rng)
    # boxes anywhere, and boxes whose lower-left corner lies in a slot
    corners = np.concatenate([rng.uniform(-50, 1000, (160, 2)), in_slots(rng, slots, 4) - box(0, 0, 1, 1).bounds[:2]])
    corners = rng.permutation(corners)
    size = rng.uniform(5, 150, (len(corners), 2))
    geoms = [box(x, y, x + w, y + h) for (x, y), (w, h) in zip(corners, size)]
    n = len(geoms) * 3 // 5
    redline = Layer("REDLINE", geoms[:n], attrs={"BSM": ["R{}".format(k % 80) for k in range(n)],
                                                "XZQDM": ["450101"] * n})
    args = dict(redline=redline, farmland=Layer("FARMLAND", geoms[n:]), counties=counties,
                county_code_field="XZQDM")
    whole = check_redline(**args, measure=M)
    for groups in (1, 3, 6):
        assert_same(whole, check_partitioned(memory_inputs(**args), measure=M, cells=groups, by_county=True))
