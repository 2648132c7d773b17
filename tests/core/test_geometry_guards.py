"""The engine's guards against every geometry a file can hold (issue 11), without QGIS.

NaN / infinite / huge coordinates, empty, NULL, degenerate: each is reported or skipped, never a
GEOS exception (make_valid on NaN, get_x on an empty point) or a runaway (segmentize of metres
taken as degrees). Memory-hungry cases run under a memory cap.
"""
import time

import numpy as np
import pytest
import shapely

from ecospace.core import geom
from ecospace.core.activity import ActivityParams, check_activities
from ecospace.core.compare import compare_versions
from ecospace.core.crs import Guess, guess, outside
from ecospace.core.findings import Findings, repair_reported
from ecospace.core.layer import Layer
from ecospace.core.measure import MAX_SEGMENTS, Measurer, lonlat_identity, to_lonlat_from_proj
from ecospace.core.redline import check_redline
from ecospace.core.siting import check_siting
from ecospace.core.units_code import sequence

from ..zoo import NAN, X, Y, memory_cap, point, polygon, zoo

GK36 = "+proj=tmerc +lat_0=0 +lon_0=108 +k=1 +x_0=36500000 +y_0=0 +ellps=GRS80 +units=m +no_defs"
CODES = {"good": geom.USABLE, "nan": geom.NOT_FINITE, "nan_closing": geom.UNREADABLE,
         "inf": geom.NOT_FINITE, "huge": geom.OUT_OF_RANGE, "empty": geom.USABLE, "null": geom.USABLE,
         "zero_area": geom.USABLE, "two_point": geom.USABLE, "collapsed": geom.USABLE,
         "bow_tie": geom.USABLE, "z_nan": geom.USABLE, "point": geom.WRONG_TYPE}


@pytest.fixture
def animals():
    """(names, geometries as GEOS reads them, unreadable mask) of the zoo."""
    found = zoo()
    geoms, unreadable = geom.from_wkb([wkb for wkb, _ in found.values()])
    return list(found), geoms, unreadable


def test_every_odd_geometry_gets_its_code(animals):
    names, geoms, unreadable = animals
    box = (X - 1e6, Y - 1e6, X + 1e6, Y + 1e6)
    codes = geom.unusable(geoms, box, dimension=2, unreadable=unreadable)
    assert dict(zip(names, codes.tolist())) == CODES


def test_usable_copy_leaves_out_what_cannot_be_used(animals):
    names, geoms, unreadable = animals
    clean, codes = geom.usable_copy(geoms, dimension=2, unreadable=unreadable)
    kept = {n for n, g in zip(names, clean) if g is not None}
    # empty and NULL are NULL; Z is dropped; the degenerate ones stay for the validity checks
    assert kept == {"good", "zero_area", "two_point", "collapsed", "bow_tie", "z_nan"}
    assert not shapely.has_z(clean[names.index("z_nan")])
    assert codes[names.index("huge")] == geom.OUT_OF_RANGE  # beyond geom.MAX_COORD (WORLD box)


def test_nan_hidden_from_the_bounds_is_found():
    """GEOS bounds skip a NaN vertex in the middle of a ring or of a multipoint."""
    ring_nan = shapely.from_wkb(polygon([(0, 0), (1, 0), (NAN, 1), (0, 0)]))
    multi = shapely.multipoints([[0, 0], [NAN, 1]])
    assert np.isfinite(shapely.bounds(ring_nan)).all()
    assert geom.finite([ring_nan, multi, shapely.Point(1, 2), None]).tolist() == [False, False, True, True]


def test_repair_never_raises_and_reports_why(animals):
    names, geoms, _ = animals
    fixed, valid, reasons = geom.repair(geoms)
    got = {n: (bool(v), r) for n, v, r in zip(names, valid, reasons)}
    assert got["nan"] == (False, "Invalid Coordinate[nan 2540100]")
    assert got["inf"] == (False, "Invalid Coordinate[inf 2540000]")
    assert got["huge"] == (False, "Coordinate out of range")
    assert got["bow_tie"][0] is False and got["bow_tie"][1].startswith("Self-intersection")
    assert got["good"] == (True, None) and got["empty"] == (True, None)
    for name in ("nan", "inf", "huge", "zero_area", "two_point", "collapsed"):
        assert fixed[names.index(name)] is None, name


def test_point_xy_is_nan_for_empty_and_missing():
    points = np.array([shapely.Point(1, 2), shapely.from_wkt("POINT EMPTY"), None], dtype=object)
    xy = geom.point_xy(points)
    assert xy[0].tolist() == [1, 2] and np.isnan(xy[1:]).all()


def test_unit_sequence_with_an_empty_unit():
    """units_classify's traceback: getX called on the empty centroid of an empty unit."""
    geoms = np.array([shapely.box(0, 0, 1, 1), shapely.from_wkt("POLYGON EMPTY"), shapely.box(0, 2, 1, 3)])
    seq = sequence(np.array(["450101"] * 3, dtype=object), np.array([1, 1, 1]), geoms)
    assert sorted(seq.tolist()) == [1, 2, 3] and seq[2] == 1  # north first; the empty one last


# ---------------------------------------------------------------------- measuring absurd geometries

def gk_metres_box():
    """The tester's site: Gauss-Krüger metres of zone 36 (28 km × 10 km)."""
    return shapely.box(36512000, 3400000, 36540000, 3410000)


def test_metres_taken_as_degrees_do_not_run_away():
    """srs_id 0 made the engine read GK metres as degrees: segmentize at 0.001° grew without
    bound. Densifying is capped at MAX_SEGMENTS per geometry."""
    measure = Measurer(lonlat_identity)
    with memory_cap(1.0):
        start = time.time()
        area = measure.area([gk_metres_box()])
    assert time.time() - start < 10
    assert np.isfinite(area).all()


def test_densifying_is_bounded(monkeypatch):
    seen = []
    real = shapely.segmentize

    def counting(geoms, tolerance):
        out = real(geoms, tolerance)
        seen.append(int(shapely.get_num_coordinates(out).max()))
        return out

    monkeypatch.setattr(shapely, "segmentize", counting)
    Measurer(lonlat_identity).area([gk_metres_box()])
    assert seen and max(seen) <= MAX_SEGMENTS + 5


@pytest.mark.parametrize("proj", [None, GK36])
def test_huge_and_nan_coordinates_measure_as_zero(proj):
    """'Tolerance is too small' (segmentize at 1e20) and NaN areas: 0, no exception."""
    measure = Measurer(to_lonlat_from_proj(proj)) if proj else Measurer(lonlat_identity)
    odd = shapely.from_wkb(np.array([polygon([(0, 0), (1e20, 0), (1e20, 1e20), (0, 0)]),
                                     polygon([(X, Y), (X + 100, Y), (NAN, Y + 100), (X, Y)]),
                                     polygon([(X, Y), (float("inf"), Y), (X, Y + 100), (X, Y)])],
                                    dtype=object))
    with memory_cap(1.0):
        area = measure.area(odd)
        length = measure.length(odd)
    assert area[1:].tolist() == [0.0, 0.0] and length[1:].tolist() == [0.0, 0.0]
    assert not np.isinf(area).any()


def test_good_geometries_measure_as_before():
    measure = Measurer(to_lonlat_from_proj(GK36), conformal=True)
    box = shapely.box(X, Y, X + 1000, Y + 1000)
    with_odd = measure.area([box, None, shapely.from_wkb(polygon([(X, Y), (NAN, Y), (X, Y + 1), (X, Y)]))])
    assert with_odd[0] == measure.area([box])[0] and with_odd[1:].tolist() == [0.0, 0.0]


# ---------------------------------------------------------------------- whole checks on the zoo

def zoo_layer(name="L", problems=None):
    found = zoo()
    geoms, _ = geom.from_wkb([wkb for wkb, _ in found.values()])
    return Layer(name, geoms, np.arange(1, len(geoms) + 1), problems=problems), list(found)


def fids_of(table, rule):
    return sorted(int(f) for f, r in zip(table["fid"], table["rule"]) if r == rule)


def test_check_redline_on_the_raw_zoo():
    """Without the reader's clean-up (core used outside QGIS), the checks still never raise."""
    layer, names = zoo_layer("REDLINE")
    with memory_cap(2.0):
        result = check_redline(layer, measure=Measurer(to_lonlat_from_proj(GK36), conformal=True))
    table = result.findings.table()
    invalid = {names[f - 1] for f in fids_of(table, "RL_GEOM_INVALID")}
    assert invalid == {"nan", "inf", "huge", "zero_area", "two_point", "collapsed", "bow_tie"}
    assert {names[f - 1] for f in fids_of(table, "RL_GEOM_NULL")} == {"nan_closing", "empty", "null"}


def test_features_left_out_by_the_reader_are_invalid_with_their_reason():
    geoms = np.array([shapely.box(X, Y, X + 1, Y + 1), None, None], dtype=object)
    layer = Layer("L", geoms, [1, 2, 3], problems=[None, "a NaN coordinate", None])
    out = Findings()
    fixed = repair_reported(layer, out, "RL_GEOM_INVALID", "RL_GEOM_NULL")
    table = out.table()
    assert list(zip(table["rule"], table["fid"], table["detail"])) == [
        ("RL_GEOM_NULL", 3.0, None), ("RL_GEOM_INVALID", 2.0, "a NaN coordinate")]
    assert fixed[0] is not None


def test_siting_on_odd_sites():
    """Points, lines and polygons with NaN or huge coordinates as sites, and empty ones."""
    sites = Layer("SITES", np.array([
        shapely.Point(X + 10, Y + 10), shapely.from_wkb(point(NAN, NAN)),
        shapely.multipoints([[X, Y], [NAN, Y]]), shapely.LineString([(X, Y), (1e20, Y)]),
        shapely.from_wkb(polygon([(X, Y), (X + 9, Y), (NAN, Y + 9), (X, Y)])),
        shapely.from_wkt("LINESTRING EMPTY"), None, None], dtype=object),
        problems=[None] * 7 + ["left out by the reader"])
    units = Layer("UNITS", np.array([shapely.box(X - 100, Y - 100, X + 100, Y + 100)]), [1],
                  {"HJZHGKDYBM": np.array(["ZH45010220001"], dtype=object),
                   "ZHGKDYFL": np.array([2], dtype=object)})
    with memory_cap(2.0):
        result = check_siting(sites, units, measure=Measurer(to_lonlat_from_proj(GK36), conformal=True))
    table = result.findings.table()
    assert fids_of(table, "SITE_GEOM_NULL") == [2, 6, 7]  # a NaN point is an empty point in WKB
    assert fids_of(table, "SITE_INPUT_INVALID") == [3, 4, 5, 8]
    assert table["detail"][list(table["fid"]).index(8.0)] == "left out by the reader"


def test_activities_and_compare_on_the_raw_zoo():
    layer, names = zoo_layer("ACTIVITIES")
    reserves = Layer("RESERVES", np.array([shapely.box(X - 500, Y - 500, X + 500, Y + 500)]), [1],
                     {"id": np.array(["R1"], dtype=object)})
    zones = Layer("ZONES", np.array([shapely.box(X - 500, Y - 500, X + 500, Y + 500)]), [1],
                  {"reserve_id": np.array(["R1"], dtype=object), "zone": np.array(["核心区"], dtype=object)})
    measure = Measurer(to_lonlat_from_proj(GK36), conformal=True)
    with memory_cap(2.0):
        acts = check_activities(layer, reserves, zones, params=ActivityParams(), measure=measure)
        old, _ = zoo_layer("OLD")
        new, _ = zoo_layer("NEW")
        compare_versions(old, new, measure=measure)
    table = acts.findings.table()
    assert {names[f - 1] for f in fids_of(table, "HA_INPUT_NULL")} == {"nan_closing", "empty", "null"}
    invalid = {names[f - 1] for f in fids_of(table, "HA_INPUT_INVALID")}
    assert {"nan", "inf", "huge", "bow_tie"} <= invalid


# ---------------------------------------------------------------------- what coordinates look like

@pytest.mark.parametrize("extent, expected", [
    ((108.1, 22.8, 108.4, 23.0), Guess("degrees", None, 4490)),
    ((36512000, 3400000, 36540000, 3410000), Guess("gk3", 36, 4524)),
    ((25400000, 3400000, 25600000, 3410000), Guess("gk3", 25, 4513)),
    ((45400000, 3400000, 45600000, 3410000), Guess("gk3", 45, 4533)),
    ((19400000, 3400000, 19600000, 3410000), Guess("gk6", 19, 4497)),
    ((412000, 3400000, 540000, 3410000), Guess("tm", None, None)),
    ((36512000, 3400000, 37540000, 3410000), Guess("unknown", None, None)),  # across two zones
    ((0, 0, 1e20, 1e20), Guess("unknown", None, None)),
])
def test_guess(extent, expected):
    assert guess(*extent) == expected


def test_outside():
    assert outside((200, 0, 300, 10), (-180, -90, 180, 90))
    assert not outside((100, 0, 300, 10), (-180, -90, 180, 90))


def test_the_memory_cap_fails_a_runaway():
    """memory_cap (tests/zoo.py) turns an allocation past the cap into a MemoryError."""
    with memory_cap(0.25), pytest.raises(MemoryError):
        np.ones(2 ** 27)  # 1 GiB


def test_plain_owned_copies_only_what_carries_a_grid():
    """plain_owned gives what plain gives (no fixed precision model on any geometry, the same
    coordinates), in a new array, passing on the geometries without a grid as they are."""
    floating = shapely.box(0, 0, 1, 1)
    gridded = shapely.set_precision(shapely.box(0, 0, 1.25, 1), 0.5)
    geoms = np.array([floating, gridded, None], dtype=object)
    out = geom.plain_owned(geoms)
    assert out is not geoms and out[0] is floating and out[2] is None
    assert shapely.get_precision(out[:2]).tolist() == [0.0, 0.0]
    assert shapely.to_wkb(out).tolist() == shapely.to_wkb(geom.plain(geoms)).tolist()
