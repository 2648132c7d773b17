"""The red-line check over partitions equals the check over whole layers (core.partition).

Small hand-made layers whose features straddle the partition edges: pairs on both sides of an
edge, a patch in four partitions whose hole holds an island owned by another partition, a
protected area larger than its cell, fragments lying in another cell than their patch, counties
whose line is not a partition edge, features without geometry and codes repeated far apart."""
import numpy as np
import pytest
import shapely
from shapely import Polygon

from ecospace.core.layer import Layer
from ecospace.core.measure import Measurer, TransverseMercator
from ecospace.core.partition import (
    NULL,
    Grid,
    LayerSource,
    check_partitioned,
    grid_for,
    memory_inputs,
    partitions,
    read_partition,
    run_partition,
)
from ecospace.core.redline import RedlineParams, check_redline

X, Y = 36500000.0, 2540000.0
M = Measurer(TransverseMercator(108, 1.0, 36500000).to_lonlat)


def box(x0, y0, x1, y1):
    return shapely.box(X + x0, Y + y0, X + x1, Y + y1)


def layers():
    big = shapely.difference(box(400, 400, 600, 600), box(540, 540, 550, 550))  # hole of 100 m²
    bow_tie = Polygon([(X + 300, Y + 480), (X + 360, Y + 540), (X + 360, Y + 480), (X + 300, Y + 540)])
    with_fragment = shapely.union(box(100, 600, 200, 700), box(510, 610, 515, 615))
    rl = [big,
          box(540, 540, 545, 550),                               # island: half the hole
          box(450, 100, 520, 200), box(490, 150, 560, 250),      # overlap, owned left of x=500
          box(420, 300, 510, 350), box(505, 320, 580, 380),      # overlap, owned right of x=500
          box(480, 700, 530, 760), box(480, 700, 530, 760),      # exact duplicate across the edge
          bow_tie, with_fragment,
          box(300, 900, 700, 901),                               # sliver across the edge
          None,                                                  # no geometry
          box(800, 800, 900, 880), box(20, 20, 60, 60)]
    n = len(rl)
    fids = np.arange(10, 10 * (n + 1), 10)
    codes = ["P{}".format(k) for k in range(n)]
    codes[13] = "P2"  # the same code far from its first holder
    codes[12] = ""
    county = ["450101"] * n
    county[5] = "450101"  # lies in 450102: wrong code
    area = list(M.area(np.array(rl, dtype=object)))
    area[12] = 1.0  # wrong stored area
    redline = Layer("REDLINE", rl, fids, {"BSM": codes, "XZQDM": county, "MJ": area})
    farmland = Layer("FARMLAND", [box(500, 100, 530, 130), box(590, 590, 640, 640), box(850, 50, 950, 150),
                                  Polygon([(X + 10, Y + 900), (X + 60, Y + 950), (X + 60, Y + 900),
                                           (X + 10, Y + 950)])], [7, 3, 5, 9])
    urban = Layer("URBAN_BOUNDARY", [box(700, 50, 900, 300), box(495, 860, 505, 905)], [1, 2])
    protected = Layer("PROTECTED_AREAS", [box(380, 380, 620, 620), box(30, 30, 50, 50)], [1, 2])
    conflict = Layer("construction", [box(510, 180, 530, 330)], [4])
    counties = Layer("COUNTIES", [box(0, 0, 450, 1000), box(450, 0, 1000, 1000)], [1, 2],
                     {"XZQDM": ["450101", "450102"], "XZQMC": ["西区", "东区"]})
    return dict(redline=redline, farmland=farmland, urban=urban, protected=protected,
                conflicts=[conflict], counties=counties, county_code_field="XZQDM",
                county_name_field="XZQMC")


def rows(result):
    t = result.findings.table(M)
    keys = [k for k in t if k not in ("geometry", "area_m2", "length_m", "value", "threshold")]
    out = []
    for k in range(len(t["rule"])):
        key = tuple("nan" if isinstance(t[c][k], float) and np.isnan(t[c][k]) else t[c][k] for c in keys)
        geom = t["geometry"][k]
        out.append((key, t["area_m2"][k], t["value"][k],
                    None if geom is None else shapely.normalize(geom).wkb))
    return sorted(out, key=lambda r: repr(r[0]))


def assert_same(whole, parted):
    a, b = rows(whole), rows(parted)
    assert [r[0] for r in a] == [r[0] for r in b]
    np.testing.assert_allclose([r[1] for r in a], [r[1] for r in b], rtol=1e-9)
    np.testing.assert_allclose([r[2] for r in a], [r[2] for r in b], rtol=1e-9)
    assert [r[3] for r in a] == [r[3] for r in b]  # the same pieces, vertex for vertex
    for column in ("code", "name", "patches"):
        assert list(whole.statistics[column]) == list(parted.statistics[column])
    for column in ("area_m2", "county_area_m2", "share_pct"):
        np.testing.assert_allclose(whole.statistics[column], parted.statistics[column], rtol=1e-9)
    np.testing.assert_allclose(whole.patch_area, parted.patch_area, rtol=1e-9)


@pytest.fixture(scope="module")
def whole():
    return check_redline(**layers(), measure=M)


def test_the_layers_have_the_findings_this_test_is_about(whole):
    rules = set(whole.findings.table()["rule"])
    assert {"RL_SELF_OVERLAP", "RL_DUPLICATE", "RL_HOLE", "RL_FRAGMENT", "RL_SLIVER",
            "RL_GEOM_INVALID", "RL_GEOM_NULL", "RL_OVERLAP_PBF", "RL_OVERLAP_UDB",
            "RL_OVERLAP_PBF_UDB", "RL_PA_OUTSIDE", "RL_CONFLICT", "RL_COUNTY_CODE",
            "RL_CODE_DUPLICATE", "RL_ATTR_EMPTY", "RL_AREA_MISMATCH", "RL_INPUT_INVALID"} <= rules


@pytest.mark.parametrize("cells", [1, 2, 4, 9, 16, 49])
def test_partitioned_equals_whole(whole, cells):
    parted = check_partitioned(memory_inputs(**layers()), measure=M, cells=cells)
    assert_same(whole, parted)


def test_grid_puts_the_big_patch_in_four_partitions_and_leaves_one_empty():
    inputs = memory_inputs(**layers())
    grid = grid_for((X, Y, X + 1000, Y + 1000), 4)
    assert (grid.nx, grid.ny) == (2, 2)
    big_in = [pid for pid in partitions(grid)
              if 10 in read_partition(inputs, grid, pid, RedlineParams())["redline"].layer.fids]
    assert big_in == [0, 1, 2, 3]
    fine = grid_for((X, Y, X + 1000, Y + 1000), 16)
    empty = [pid for pid in partitions(fine)
             if sum(len(r.layer) for role, r in read_partition(inputs, fine, pid, RedlineParams()).items()
                    if role not in ("conflicts", "counties")) == 0]
    assert empty, "a 4 x 4 grid over these layers has a partition with no features"
    part = run_partition(inputs, fine, empty[0], measure=M)
    assert len(part.table["rule"]) == 0 and part.total_patches == 0


def test_each_finding_is_owned_once_whatever_the_order():
    inputs = memory_inputs(**layers())
    grid = grid_for((X, Y, X + 1000, Y + 1000), 4)
    forward = check_partitioned(inputs, measure=M, grid=grid)
    backward = check_partitioned(inputs, measure=M, grid=grid,
                                 mapper=lambda fn, pids: reversed([fn(p) for p in reversed(pids)]))
    assert_same(forward, backward)


def test_cell_of_edges_and_nan():
    grid = Grid(0.0, 0.0, 10.0, 10.0, 2, 2)
    xy = [(0, 0), (10, 0), (9.999, 9.999), (20, 20), (10, 10), (np.nan, 1)]
    assert list(grid.cell_of(xy)) == [0, 1, 0, 3, 3, NULL]
    x0, y0, x1, y1 = grid.rect(3)
    assert x0 < 10 and y0 < 10 and x1 > 20 and y1 > 20


def test_random_boxes_over_many_grids():
    rng = np.random.default_rng(7)
    xy = rng.uniform(0, 1000, (300, 2))
    size = rng.uniform(5, 120, (300, 2))
    geoms = [box(x, y, x + w, y + h) for (x, y), (w, h) in zip(xy, size)]
    redline = Layer("REDLINE", geoms[:200], attrs={"BSM": ["B{}".format(k % 150) for k in range(200)]})
    farmland = Layer("FARMLAND", geoms[200:])
    whole = check_redline(redline, farmland=farmland, measure=M)
    for cells in (3, 12, 30):
        parted = check_partitioned(memory_inputs(redline, farmland=farmland), measure=M, cells=cells)
        assert_same(whole, parted)


def test_layer_source_reads_features_without_envelope_in_the_null_partition():
    source = LayerSource(Layer("REDLINE", [box(0, 0, 1, 1), None]))
    assert list(source.read(None).layer.fids) == [2]
    assert list(source.read((X, Y, X + 2, Y + 2)).layer.fids) == [1]
