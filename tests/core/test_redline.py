"""The red-line check on hand-made layers with exactly known findings."""
import numpy as np
import pytest
import shapely
from shapely import MultiPolygon, Polygon

from ecospace.core.layer import Layer
from ecospace.core.measure import Measurer, TransverseMercator
from ecospace.core.progress import Cancelled, Progress
from ecospace.core.redline import RedlineParams, check_redline

X, Y = 36500000.0, 2540000.0  # on the central meridian: ellipsoidal area = planar area (k = 1)
M = Measurer(TransverseMercator(108, 1.0, 36500000).to_lonlat)


def box(x0, y0, x1, y1):
    return shapely.box(X + x0, Y + y0, X + x1, Y + y1)


def rows(result):
    t = result.findings.table(M)
    return [(t["rule"][k], t["layer"][k], None if np.isnan(t["fid"][k]) else int(t["fid"][k]),
             None if np.isnan(t["other_fid"][k]) else int(t["other_fid"][k]), t["area_m2"][k],
             t["detail"][k]) for k in range(len(t["rule"]))]


def by_rule(result, rule):
    return [r for r in rows(result) if r[0] == rule]


def redline(geoms, **attrs):
    n = len(geoms)
    base = {"BSM": ["P{}".format(k) for k in range(n)], "XZQDM": ["450122"] * n, "MJ": None}
    base.update(attrs)
    if base["MJ"] is None:
        base["MJ"] = list(M.area(np.array(geoms, dtype=object)))
    return Layer("REDLINE", geoms, attrs=base)


def test_clean_layer_has_no_findings():
    layer = redline([box(0, 0, 100, 100), box(200, 0, 300, 100)])
    result = check_redline(layer, measure=M)
    assert rows(result) == []
    assert result.statistics["code"][-1] == "TOTAL"
    assert result.statistics["area_m2"][-1] == pytest.approx(20000.0, rel=1e-6)


def test_geometry_rules():
    bow_tie = Polygon([(X + 300, Y), (X + 400, Y + 100), (X + 400, Y), (X + 300, Y + 100)])
    layer = redline([box(0, 0, 100, 100), box(90, 0, 200, 100), None, bow_tie, box(0, 0, 100, 100)],
                    MJ=[10000, 11000, None, 5000, 10000])
    result = check_redline(layer, measure=M)
    assert [r[2] for r in by_rule(result, "RL_GEOM_NULL")] == [3]
    invalid = by_rule(result, "RL_GEOM_INVALID")
    assert [r[2] for r in invalid] == [4]
    assert invalid[0][4] == pytest.approx(5000.0, rel=1e-6)  # the repaired bow-tie
    assert invalid[0][5].startswith("Self-intersection")
    assert [(r[2], r[3]) for r in by_rule(result, "RL_DUPLICATE")] == [(5, 1)]
    overlap = by_rule(result, "RL_SELF_OVERLAP")
    assert [(r[2], r[3]) for r in overlap] == [(1, 2)]  # the duplicate (5) is left out
    assert overlap[0][4] == pytest.approx(1000.0, rel=1e-6)


def test_touching_patches_do_not_overlap():
    result = check_redline(redline([box(0, 0, 100, 100), box(100, 0, 200, 100)]), measure=M)
    assert by_rule(result, "RL_SELF_OVERLAP") == []


def test_fragments_holes_and_slivers():
    island_hole = Polygon(box(1000, 0, 1100, 100).exterior.coords, [box(1040, 40, 1052, 52).exterior.coords])
    layer = redline([
        MultiPolygon([box(0, 0, 100, 100), box(200, 0, 210, 10)]),            # 100 m² part
        Polygon(box(400, 0, 500, 100).exterior.coords, [box(410, 10, 420, 20).exterior.coords]),  # 100 m² hole
        box(600, 200, 1200, 204),                                              # sliver, 4 m × 600 m
        island_hole, box(1040, 40, 1052, 52),                                  # hole filled by a patch
    ])
    result = check_redline(layer, params=RedlineParams(min_part_area=200, min_hole_area=200), measure=M)
    frag = by_rule(result, "RL_FRAGMENT")
    # the island (144 m²) is a fragment in its own right, the 100 m² part too
    assert sorted((r[2], round(r[4], 3)) for r in frag) == [(1, 100.0), (5, 144.0)]
    holes = by_rule(result, "RL_HOLE")
    assert [(r[2], round(r[4], 3)) for r in holes] == [(2, 100.0)]   # the filled hole is not a gap
    slivers = by_rule(result, "RL_SLIVER")
    assert [r[2] for r in slivers] == [3]


def test_control_lines_and_protected_areas():
    rl = redline([box(0, 0, 100, 100), box(300, 0, 400, 100)])
    farm = Layer("FARMLAND", [box(50, 50, 150, 150), box(500, 0, 600, 100)])
    urban = Layer("URBAN_BOUNDARY", [box(350, 50, 450, 150), box(550, 50, 560, 60)])
    pa = Layer("PROTECTED_AREAS", [box(10, 10, 90, 90), box(290, 10, 310, 30)])
    mines = Layer("mining_rights", [box(0, 0, 10, 10)])
    result = check_redline(rl, farmland=farm, urban=urban, protected=pa, conflicts=[mines], measure=M)
    pbf = by_rule(result, "RL_OVERLAP_PBF")
    assert [(r[2], r[3], round(r[4], 3)) for r in pbf] == [(1, 1, 2500.0)]
    udb = by_rule(result, "RL_OVERLAP_UDB")
    assert [(r[2], r[3], round(r[4], 3)) for r in udb] == [(2, 1, 2500.0)]
    both = by_rule(result, "RL_OVERLAP_PBF_UDB")
    assert [(r[1], r[2], r[3], round(r[4], 3)) for r in both] == [("FARMLAND", 2, 2, 100.0)]
    outside = by_rule(result, "RL_PA_OUTSIDE")
    assert [(r[2], round(r[4], 3)) for r in outside] == [(2, 200.0)]
    conflict = by_rule(result, "RL_CONFLICT")
    assert [(r[2], r[3], round(r[4], 3)) for r in conflict] == [(1, 1, 100.0)]


def test_counties_codes_and_crossings():
    rl = redline([box(0, 0, 100, 100), box(180, 0, 280, 100), box(400, 0, 500, 100)],
                 XZQDM=["450122", "450123", "450122"])
    counties = Layer("COUNTIES", [box(-1000, -1000, 200, 1000), box(200, -1000, 1000, 1000)],
                     attrs={"code": ["450122", "450123"], "name": ["甲县", "乙县"]})
    result = check_redline(rl, counties=counties, county_code_field="code", county_name_field="name",
                           measure=M)
    # patch 2 reaches only 20 m into 甲县, along the line: a boundary mismatch, not a crossing
    assert by_rule(result, "RL_CROSS_COUNTY") == []
    mismatch = by_rule(result, "RL_COUNTY_BOUNDARY_MISMATCH")
    assert [(r[2], r[3], round(r[4], 3), r[5]) for r in mismatch] == [(2, 1, 2000.0, "450122 甲县")]
    assert result.findings.table(M)["severity"][0] == "info"
    wrong = by_rule(result, "RL_COUNTY_CODE")
    assert [(r[2], r[5]) for r in wrong] == [(3, "450122 甲县 → 450123 乙县")]
    stats = result.statistics
    assert list(stats["code"]) == ["450122", "450123", "TOTAL"]
    assert list(stats["patches"]) == [2, 2, 3]  # patch 2 crosses: it counts in both, once in the total
    assert stats["area_m2"] == pytest.approx([12000.0, 18000.0, 30000.0], rel=1e-6)
    assert stats["share_pct"][0] == pytest.approx(100 * 12000 / 2.4e6, rel=1e-6)


def test_boundary_noise_told_from_crossings():
    """A 20 m strip along the county line is noise of the county layer (another datum or scale);
    a 2 km crossing, and a 40 m corridor running 2 km across the line, are crossings."""
    counties = Layer("COUNTIES", [box(-5000, -5000, 0, 5000), box(0, -5000, 5000, 5000)],
                     attrs={"code": ["450122", "450123"]})
    rl = redline([box(-3000, 0, 20, 3000),          # 20 m × 3 km into 450123 along the line
                  box(-3000, -2000, 2000, -1000),   # 2 km × 1 km into 450123
                  box(-2500, 4000, 2000, 4040)],    # a 40 m corridor, 2 km into 450123
                 XZQDM=["450122"] * 3)
    t = check_redline(rl, counties=counties, county_code_field="code", measure=M).findings.table(M)
    rows = sorted((t["rule"][k], int(t["fid"][k]), round(t["area_m2"][k], 1), t["severity"][k],
                   t["threshold"][k], t["detail"][k]) for k in range(len(t["rule"]))
                  if "COUNTY" in t["rule"][k])
    assert rows == [("RL_COUNTY_BOUNDARY_MISMATCH", 1, 60000.0, "info", 50.0, "450123"),
                    ("RL_CROSS_COUNTY", 2, 2e6, "warning", 1.0, "450123"),
                    ("RL_CROSS_COUNTY", 3, 80000.0, "warning", 1.0, "450123")]
    # the width is a parameter: 0 turns the telling apart off, 10 m keeps the 20 m strip a crossing
    for width in (0.0, 10.0):
        result = check_redline(rl, counties=counties, county_code_field="code", measure=M,
                               params=RedlineParams(boundary_noise_width=width))
        assert [r[2] for r in by_rule(result, "RL_CROSS_COUNTY")] == [1, 2, 3]
        assert by_rule(result, "RL_COUNTY_BOUNDARY_MISMATCH") == []


def test_invalid_geometry_is_found_where_it_is():
    """The finding of a bow-tie is a 5 m square on its self-intersection, not the whole repaired
    patch; its area is still the repaired patch's, and the patch is named by its code."""
    bow_tie = Polygon([(X + 300, Y), (X + 400, Y + 100), (X + 400, Y), (X + 300, Y + 100)])
    rl = redline([box(0, 0, 100, 100), bow_tie], BSM=["450122STBHHX0001", "450122STBHHX0002"])
    t = check_redline(rl, measure=M).findings.table(M)
    k = list(t["rule"]).index("RL_GEOM_INVALID")
    assert (t["fid"][k], t["feature_code"][k]) == (2, "450122STBHHX0002")
    assert t["detail"][k] == "Self-intersection[36500350 2540050]"
    marker = t["geometry"][k]
    assert marker.equals_exact(shapely.box(X + 347.5, Y + 47.5, X + 352.5, Y + 52.5), 1e-6)
    assert t["area_m2"][k] == pytest.approx(5000.0, rel=1e-6)


def test_attribute_rules():
    geoms = [box(0, 0, 100, 100), box(200, 0, 300, 100), box(400, 0, 500, 100)]
    rl = Layer("REDLINE", geoms, attrs={"BSM": ["A", "A", None], "MJ": [10000, 1.05, 1.0]})
    params = RedlineParams(area_unit_m2=1e4)  # MJ stored in hectares
    result = check_redline(rl, params=params, measure=M)
    assert [(r[2], r[5]) for r in by_rule(result, "RL_FIELD_MISSING")] == [(None, "XZQDM")]
    assert [(r[2], r[5]) for r in by_rule(result, "RL_ATTR_EMPTY")] == [(3, "BSM")]
    assert [(r[2], r[3]) for r in by_rule(result, "RL_CODE_DUPLICATE")] == [(2, 1)]
    # 10000 ha ≠ 1 ha is caught; 1.05 ha vs 1 ha is 5 % off; 1.0 ha is right
    assert [r[2] for r in by_rule(result, "RL_AREA_MISMATCH")] == [1, 2]


def test_invalid_reference_layers_are_reported_and_repaired():
    bow_tie = Polygon([(X, Y), (X + 100, Y + 100), (X + 100, Y), (X, Y + 100)])
    rl = redline([box(0, 0, 100, 100)])
    farm = Layer("FARMLAND", [bow_tie])
    result = check_redline(rl, farmland=farm, measure=M)
    assert [(r[1], r[2]) for r in by_rule(result, "RL_INPUT_INVALID")] == [("FARMLAND", 1)]
    assert [round(r[4], 3) for r in by_rule(result, "RL_OVERLAP_PBF")] == [5000.0]


def test_cancel_stops_the_run():
    calls = []
    progress = Progress(on_progress=lambda p, t: calls.append(p), is_canceled=lambda: len(calls) >= 2)
    with pytest.raises(Cancelled):
        check_redline(redline([box(0, 0, 100, 100)]), measure=M, progress=progress)
