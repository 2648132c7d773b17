"""core.edge_balance: planted gaps, overlaps, slivers, T-junctions, holes and multipolygons are
flagged from ring segments alone; clean tilings (with T-junctions and holes) are not."""
import numpy as np
import shapely
from shapely import Polygon

from ecospace.core.edge_balance import unbalanced

X, Y = 36500000.0, 2540000.0  # large coordinates, as in a GK zone-prefixed CRS
GRID = 1e-6
NOISE = 0.005


def box(x0, y0, x1, y1):
    return shapely.box(X + x0, Y + y0, X + x1, Y + y1)


def poly(*xy):
    return Polygon([(X + x, Y + y) for x, y in xy])


def zone():
    return np.array([box(0, 0, 300, 100)], dtype=object)


def run(pieces, zones=None, zone_of=None):
    pieces = np.array(pieces, dtype=object)
    zones = zone() if zones is None else np.array(zones, dtype=object)
    zone_of = np.zeros(len(pieces), dtype=np.intp) if zone_of is None else np.asarray(zone_of)
    return unbalanced(pieces, zone_of, zones, GRID, NOISE)


def test_clean_tiling_gives_nothing():
    suspect, flagged = run([box(0, 0, 100, 100), box(100, 0, 200, 100), box(200, 0, 300, 100)])
    assert not suspect.any() and not flagged.any()


def test_t_junctions_and_split_edges_are_clean():
    # the left piece's right edge is one segment; the right side is split in two pieces
    pieces = [box(0, 0, 100, 100), box(100, 0, 300, 40), box(100, 40, 300, 100)]
    suspect, flagged = run(pieces)
    assert not flagged.any()
    # a vertex inserted on one side only (collinear), and a different start vertex
    left = poly((0, 0), (100, 0), (100, 37.5), (100, 100), (0, 100))
    suspect, flagged = run([left, box(100, 0, 300, 100)])
    assert not flagged.any()


def test_hole_filled_by_an_island_and_multipolygon_are_clean():
    outer = box(0, 0, 300, 100).difference(box(50, 20, 150, 80))
    island = box(50, 20, 150, 80)
    assert not run([outer, island])[1].any()
    # a unit in two parts around a third unit
    a = shapely.MultiPolygon([box(0, 0, 100, 100), box(200, 0, 300, 100)])
    assert not run([a, box(100, 0, 200, 100)])[1].any()


def test_gap_is_flagged():
    suspect, flagged = run([box(0, 0, 100, 100), box(101, 0, 300, 100)])  # 100 m² gap
    assert flagged.all() and suspect.all()


def test_empty_hole_is_a_gap():
    outer = box(0, 0, 300, 100).difference(box(50, 20, 51, 21))  # 1 m² hole, nothing in it
    assert run([outer])[1].all()


def test_zone_without_pieces_is_flagged():
    zones = [box(0, 0, 300, 100), box(300, 0, 600, 100)]
    suspect, flagged = run([box(0, 0, 300, 100)], zones=zones)
    assert flagged.tolist() == [False, True] and not suspect.any()


def test_overlap_is_flagged():
    suspect, flagged = run([box(0, 0, 100.5, 100), box(100, 0, 300, 100)])  # 50 m² overlap
    assert flagged.all() and suspect.all()


def test_duplicate_piece_is_flagged():
    a = box(0, 0, 100, 100)
    assert run([a, a, box(100, 0, 300, 100)])[1].all()


def test_sliver_above_noise_is_flagged_and_below_is_not():
    # the shared edge drawn 0.2 mm apart over 100 m: 0.02 m² gap
    assert run([box(0, 0, 100, 100), box(100.0002, 0, 300, 100)])[1].all()
    # 1 µm apart over 100 m (0.0001 m²): noise
    assert not run([box(0, 0, 100, 100), box(100.000001, 0, 300, 100)])[1].any()


def test_crossing_edges_with_equal_gap_and_overlap_are_flagged():
    # the shared boundary drawn across the neighbour's: a 50 m² overlap and a 50 m² gap, whose
    # signed areas cancel exactly; the check must still see them
    left = poly((0, 0), (100, 0), (100, 50), (101, 50), (101, 100), (0, 100))
    right = poly((99, 0), (300, 0), (300, 100), (102, 100), (102, 50), (99, 50))
    assert abs(left.area + right.area - 30000) < 1e-6  # signed balance is zero
    suspect, flagged = run([left, right])
    assert flagged.all() and suspect.all()
    # zigzag between two shared vertices: 125 m² over, 125 m² short, signed sum exactly zero
    left = poly((0, 0), (100, 0), (105, 25), (95, 75), (100, 100), (0, 100))
    right = box(100, 0, 300, 100)
    assert left.area == 10000
    assert run([left, right])[1].all()


def test_only_the_defective_zone_is_flagged_and_its_pieces_are_suspects():
    zones = [box(0, 0, 300, 100), box(0, 100, 300, 200)]
    pieces = [box(0, 0, 150, 100), box(150, 0, 300, 100),            # clean
              box(0, 100, 150, 200), box(149, 100, 300, 200)]        # 100 m² overlap
    suspect, flagged = run(pieces, zones=zones, zone_of=[0, 0, 1, 1])
    assert flagged.tolist() == [False, True]
    assert suspect.tolist() == [False, False, True, True]


def test_noise_per_zone():
    zones = [box(0, 0, 300, 100)]
    pieces = [box(0, 0, 100, 100), box(100.0002, 0, 300, 100)]  # 0.02 m²
    assert not unbalanced(np.array(pieces, dtype=object), np.zeros(2, np.intp),
                          np.array(zones, dtype=object), GRID, np.array([0.05]))[1].any()


def test_random_tilings_with_planted_defects(seed=7):
    """Grids of boxes cut with jittered vertical lines: clean unless a piece is shifted."""
    rng = np.random.default_rng(seed)
    for trial in range(20):
        xs = np.sort(rng.uniform(1, 299, 4))
        cuts = np.concatenate([[0], xs, [300]])
        pieces = []
        for a, b in zip(cuts[:-1], cuts[1:]):  # each column split at its own height: T-junctions
            h = rng.uniform(10, 90)
            pieces += [box(a, 0, b, h), box(a, h, b, 100)]
        assert not run(pieces)[1].any(), trial
        k = rng.integers(len(pieces))
        shifted = list(pieces)
        shifted[k] = shapely.affinity.translate(pieces[k], rng.choice([-0.5, 0.5]), 0)
        assert run(shifted)[1].all(), trial
