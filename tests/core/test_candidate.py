"""The candidate red line on hand-made layouts with exactly known areas."""
import numpy as np
import pytest
import shapely

from ecospace.core.candidate import CandidateParams, delineate
from ecospace.core.layer import Layer
from ecospace.core.measure import Measurer, TransverseMercator
from ecospace.core.progress import Cancelled, Progress

X, Y = 36500000.0, 2540000.0  # on the central meridian: ellipsoidal area = planar area within 1e-6
M = Measurer(TransverseMercator(108, 1.0, 36500000).to_lonlat)


def box(x0, y0, x1, y1):
    return shapely.box(X + x0, Y + y0, X + x1, Y + y1)


def with_holes(outer, *holes):
    return shapely.Polygon(outer.exterior.coords, [h.exterior.coords for h in holes])


def layer(name, *geoms):
    return Layer(name, np.array(geoms, dtype=object))


def close(a, b):
    return abs(a - b) <= 1e-3 * max(1.0, abs(b))


def rules(result):
    """Sorted (rule, area rounded to 10 m²): ellipsoidal areas differ from planar by < 1e-6."""
    t = result.findings.table(M)
    return sorted(zip(t["rule"], (t["area_m2"] / 10).round() * 10))


def patch_at(result, x, y):
    pt = shapely.Point(X + x, Y + y)
    hits = np.flatnonzero(shapely.contains(result.patches["geometry"], pt))
    assert len(hits) == 1, (x, y, hits)
    return hits[0]


IMPORTANCE = layer("importance", with_holes(box(0, 0, 1000, 1000), box(300, 300, 310, 310),   # 100 m²: filled
                                            box(600, 600, 620, 620)))                         # 400 m²: kept
SENSITIVITY = layer("sensitivity", box(2000, 0, 2010, 10),           # 100 m² fragment: removed
                    box(3000, 0, 4100, 1000))                        # 1.1 km²: candidate to add
PROTECTED = layer("protected_areas", box(5000, 0, 5010, 10))          # 100 m²: kept whole anyway
FARMLAND = layer("farmland", box(900, 0, 1000, 100),                 # 10,000 m² deducted
                 box(5005, 0, 5020, 10))                             # overlaps the protected area


def test_union_deduction_holes_and_fragments():
    r = delineate(IMPORTANCE, SENSITIVITY, protected=[PROTECTED], deduct=[FARMLAND], measure=M)
    p = r.patches
    assert len(p["geometry"]) == 3
    main, sens, pa = patch_at(r, 500, 500), patch_at(r, 3500, 500), patch_at(r, 5002, 5)
    assert close(p["area_m2"][main], 1e6 - 400 - 10000)
    assert close(p["deducted_m2"][main], 10000) and p["deducted_from"][main] == "farmland"
    assert p["origin"][main] == "importance" and p["o_importance"][main] == 1
    assert close(p["area_m2"][sens], 1.1e6) and p["origin"][sens] == "sensitivity"
    assert close(p["area_m2"][pa], 100.0) and p["origin"][pa] == "protected"  # not deducted: PA wins
    assert rules(r) == [("RC_CANDIDATE_ADD", 1.1e6), ("RC_DEDUCTED", 10000.0), ("RC_FRAGMENT_REMOVED", 100.0),
                        ("RC_HOLE_FILLED", 100.0), ("RC_PA_CONFLICT", 50.0)]
    t = r.findings.table(M)
    assert t["severity"][list(t["rule"]).index("RC_PA_CONFLICT")] == "error"
    assert t["fid"][list(t["rule"]).index("RC_HOLE_FILLED")] == p["patch_id"][main]
    assert r.to_add.tolist() == [sens]
    # the result is disjoint, valid, and never overlaps the deducted farmland
    g = p["geometry"]
    assert shapely.is_valid(g).all()
    assert shapely.area(shapely.intersection(g[main], FARMLAND.geoms[0])) < 1e-6


def test_report_only_conflict_keeps_area_and_blocks_candidate_to_add():
    building = layer("construction_land", box(3000, 0, 3010, 10))
    r = delineate(None, SENSITIVITY, report=[building], measure=M)
    assert len(r.patches["geometry"]) == 1
    assert close(r.patches["area_m2"][0], 1.1e6)
    assert close(r.patches["conflict_m2"][0], 100.0)
    assert len(r.to_add) == 0
    assert rules(r) == [("RC_CONFLICT", 100.0), ("RC_FRAGMENT_REMOVED", 100.0)]


def test_clean_up_never_merges_across_the_existing_red_line():
    imp = layer("importance",
                with_holes(box(0, 0, 1000, 1000), box(700, 500, 710, 510)),  # hole on the outside side
                box(400, 2000, 1400, 2100),                                   # crosses: 10,000 in, 90,000 out
                box(499, 3000, 700, 3100))                                    # 100 m² in (removed), 20,000 out
    existing = layer("existing", box(0, 0, 500, 4000))
    r = delineate(imp, existing=existing, params=CandidateParams(candidate_add_area=10000), measure=M)
    p = r.patches
    got = sorted((int(s), round(float(a) / 10) * 10.0) for s, a in zip(p["in_existing"], p["area_m2"]))
    assert got == [(0, 20000.0), (0, 90000.0), (0, 500000.0), (1, 10000.0), (1, 500000.0)]
    assert rules(r)[:2] == [("RC_CANDIDATE_ADD", 20000.0), ("RC_CANDIDATE_ADD", 90000.0)]
    assert ("RC_FRAGMENT_REMOVED", 100.0) in rules(r) and ("RC_HOLE_FILLED", 100.0) in rules(r)
    assert sorted((p["area_m2"][r.to_add] / 10).round() * 10) == [20000.0, 90000.0, 500000.0]
    # patches of the two sides only touch
    inside = shapely.union_all(p["geometry"][p["in_existing"] == 1])
    outside = shapely.union_all(p["geometry"][p["in_existing"] == 0])
    assert shapely.area(shapely.intersection(inside, outside)) < 1e-6


def test_must_include_and_invalid_inputs():
    bowtie = shapely.from_wkt("POLYGON(({0} {1},{2} {3},{2} {1},{0} {3},{0} {1}))".format(
        X + 8000, Y, X + 8100, Y + 100))
    must = layer("water_source", bowtie, None)
    r = delineate(must_include=[must], measure=M)
    assert sorted((r.patches["area_m2"] / 10).round() * 10) == [2500.0, 2500.0]  # the bow-tie's two triangles
    assert set(r.patches["origin"]) == {"must_include"}
    assert [x[0] for x in rules(r)] == ["RC_INPUT_INVALID"]


def test_nothing_in_gives_nothing_out():
    r = delineate(measure=M)
    assert len(r.patches["geometry"]) == 0 and len(r.to_add) == 0


def test_cancel_raises():
    calls = iter([False, True] + [True] * 20)
    with pytest.raises(Cancelled):
        delineate(IMPORTANCE, measure=M, progress=Progress(is_canceled=lambda: next(calls)))
