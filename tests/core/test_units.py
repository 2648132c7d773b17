"""Control units: overlay generation, fitting classification and coding on hand-made layouts."""
import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely import affinity

from ecospace.core.layer import Layer
from ecospace.core.measure import Measurer, TransverseMercator
from ecospace.core.pairs import overlap_pieces
from ecospace.core.progress import Cancelled, Progress
from ecospace.core.unit_check import UnitCheckParams, check_units
from ecospace.core.units_classify import ClassifyParams, classify_units
from ecospace.core.units_code import CodeParams, code_units
from ecospace.core.units_generate import GenerateParams, generate_units

X, Y = 36500000.0, 2540000.0  # on the central meridian: ellipsoidal area = planar area (k = 1)
M = Measurer(TransverseMercator(108, 1.0, 36500000).to_lonlat)


def box(x0, y0, x1, y1):
    return shapely.box(X + x0, Y + y0, X + x1, Y + y1)


def layout():
    """Townships 一镇 二镇 三镇 in county 450122 and 四镇 in 450123 (codes are township codes).

        y=2000 +--------------------+----------+
               |       三镇          |          |
        y=1000 +---------+----------+   四镇    |
               |  一镇    |   二镇    |          |
        y=0    +---------+----------+----------+
               x=0     1000       2000       3000
    """
    admin = Layer("ADMIN", [box(0, 0, 1000, 1000), box(1000, 0, 2000, 1000), box(0, 1000, 2000, 2000),
                            box(2000, 0, 3000, 2000)],
                  attrs={"XZQDM": ["450122001", "450122002", "450122003", "450123001"],
                         "XZQMC": ["一镇", "二镇", "三镇", "四镇"]})
    redline = Layer("RL", [box(0, 0, 300, 300), box(1500, 500, 1600, 600)])
    park = Layer("PARK", [box(950, 800, 1300, 1300), box(1000, 40, 2000, 300), box(2000, 30, 3000, 2000)])
    return admin, redline, park


def rows(result):
    u = result.units
    return [(u["code"][k], u["name"][k], int(u["class"][k]), float(round(u["area_m2"][k])),
             int(u["pieces"][k]), int(u["admin_fid"][k])) for k in range(len(u["code"]))]


def findings(result):
    t = result.findings.table(M)
    return [(t["rule"][k], None if np.isnan(t["fid"][k]) else int(t["fid"][k]),
             float(round(t["area_m2"][k]))) for k in range(len(t["rule"]))]


def test_overlay_tiles_classes_merges_and_codes():
    admin, redline, park = layout()
    params = GenerateParams(min_unit_area=5e4, absorb_orphans=False)
    result = generate_units(admin, [redline], [park], params=params, measure=M)
    assert rows(result) == [
        # priority: the 1 ha patch in 二镇 has no priority neighbour, so it stays (north first)
        ("ZH45012210001", "二镇优先保护单元", 1, 10000.0, 1, 2),
        ("ZH45012210002", "一镇优先保护单元", 1, 90000.0, 1, 1),
        ("ZH45012220001", "三镇重点管控单元", 2, 105000.0, 1, 3),
        # the 1 ha key piece of 一镇 joins 二镇's (200 m shared) rather than 三镇's (50 m)
        ("ZH45012220002", "二镇重点管控单元1", 2, 70000.0, 2, 2),
        ("ZH45012220003", "二镇重点管控单元2", 2, 260000.0, 1, 2),
        ("ZH45012230001", "三镇一般管控单元", 3, 1895000.0, 1, 3),
        ("ZH45012230002", "二镇一般管控单元", 3, 630000.0, 1, 2),
        # 二镇's 40 m general strip joins 一镇 across the township line; not 四镇 (other county)
        ("ZH45012230003", "一镇一般管控单元", 3, 940000.0, 2, 1),
        ("ZH45012320001", "四镇重点管控单元", 2, 1970000.0, 1, 4),
        ("ZH45012330001", "四镇一般管控单元", 3, 30000.0, 1, 4),
    ]
    # one note per county and class on the units kept below the minimum: 二镇's priority patch, 四镇's strip
    assert findings(result) == [("UNIT_FRAGMENT_KEPT", None, 10000.0), ("UNIT_FRAGMENT_KEPT", None, 30000.0)]
    units = result.units
    assert units["area_ha"] == pytest.approx(units["area_m2"] / 1e4)
    assert list(units["county"]) == ["450122"] * 8 + ["450123"] * 2
    assert shapely.union_all(units["geometry"]).area == pytest.approx(6e6, rel=1e-12)
    # no fixed precision model rides along: GEOS 3.11 unions of such geometries can fail
    assert set(shapely.get_precision(units["geometry"])) == {0.0}


def test_orphans_join_another_class_but_priority_stays():
    admin, redline, park = layout()
    result = generate_units(admin, [redline], [park], params=GenerateParams(min_unit_area=5e4),
                            measure=M)
    got = rows(result)
    assert len(got) == 9
    # 四镇's 3 ha general strip has no general neighbour in its county: it joins the key unit
    assert got[-1] == ("ZH45012320001", "四镇重点管控单元", 2, 2000000.0, 2, 4)
    assert got[0] == ("ZH45012210001", "二镇优先保护单元", 1, 10000.0, 1, 2)  # never downgraded
    assert findings(result) == [("UNIT_FRAGMENT_KEPT", None, 10000.0)]


def test_small_isolated_key_area_joins_the_general_unit():
    admin = Layer("ADMIN", [box(0, 0, 1000, 1000)], attrs={"XZQDM": ["450122"], "XZQMC": ["甲县"]})
    plot = Layer("PLOT", [box(100, 100, 150, 150)])
    merged = generate_units(admin, [], [plot], params=GenerateParams(min_unit_area=1e4), measure=M)
    assert rows(merged) == [("ZH45012230001", "甲县一般管控单元", 3, 1e6, 2, 1)]
    assert findings(merged) == []
    kept = generate_units(admin, [], [plot], measure=M,
                          params=GenerateParams(min_unit_area=1e4, absorb_orphans=False))
    assert [r[:4] for r in rows(kept)] == [("ZH45012220001", "甲县重点管控单元", 2, 2500.0),
                                           ("ZH45012230001", "甲县一般管控单元", 3, 997500.0)]
    assert findings(kept) == [("UNIT_FRAGMENT_KEPT", None, 2500.0)]


def test_kept_fragments_are_one_note_per_county_and_class():
    """Isolated priority patches are kept by design, by the hundred in a province: one note per county
    and class gives their number, total area and all of them as one geometry."""
    admin = Layer("ADMIN", [box(0, 0, 1000, 1000), box(1000, 0, 2000, 1000)],
                  attrs={"XZQDM": ["450122", "450123"], "XZQMC": ["甲县", "乙县"]})
    patches = [box(100, 100, 200, 200), box(500, 500, 600, 600), box(800, 100, 850, 150),
               box(1500, 500, 1600, 600)]
    key = Layer("KEY", [box(0, 800, 1000, 1000)])  # 20 ha: not a fragment
    params = GenerateParams(min_unit_area=5e4, absorb_orphans=False)
    result = generate_units(admin, [Layer("RL", patches)], [key], params=params, measure=M)
    kept = [r for r in rows(result) if r[3] < 5e4]
    assert len(kept) == 4 and {r[2] for r in kept} == {1}
    t = result.findings.table(M)
    assert list(t["rule"]) == ["UNIT_FRAGMENT_KEPT"] * 2 and list(t["severity"]) == ["info"] * 2
    assert list(t["detail"]) == ["450122", "450123"] and list(t["category"]) == ["1", "1"]
    assert list(t["value"]) == [3, 1] and np.isnan(t["fid"]).all()
    assert t["area_m2"] == pytest.approx([22500.0, 10000.0])
    assert list(t["threshold"]) == [5e4, 5e4]
    assert [shapely.get_num_geometries(g) for g in t["geometry"]] == [3, 1]
    assert shapely.union_all(t["geometry"]).equals(shapely.union_all(patches))


def test_empty_inputs():
    empty = Layer("E", [])
    assert len(generate_units(empty, [empty], [empty], measure=M).units["code"]) == 0
    assert len(classify_units(empty, [empty], [empty], measure=M).table["class"]) == 0
    assert len(code_units(empty, empty, measure=M).table["new_code"]) == 0


def test_multipart_units_per_admin_and_class():
    admin, redline, park = layout()
    params = GenerateParams(min_unit_area=5e4, multipart=True, absorb_orphans=False)
    got = rows(generate_units(admin, [redline], [park], params=params, measure=M))
    assert [(r[0], r[2], r[3], r[4]) for r in got] == [
        ("ZH45012210001", 1, 10000.0, 1), ("ZH45012210002", 1, 90000.0, 1),
        ("ZH45012220001", 2, 105000.0, 1), ("ZH45012220002", 2, 330000.0, 2),
        ("ZH45012230001", 3, 1895000.0, 1), ("ZH45012230002", 3, 670000.0, 1),
        ("ZH45012230003", 3, 900000.0, 1), ("ZH45012320001", 2, 1970000.0, 1),
        ("ZH45012330001", 3, 30000.0, 1)]


def test_no_unit_crosses_a_county_line():
    admin = Layer("ADMIN", [box(0, 0, 1000, 1000), box(1000, 0, 2000, 1000)],
                  attrs={"XZQDM": ["450122", "450123"], "XZQMC": ["甲县", "乙县"]})
    straddling = Layer("RL", [box(900, 400, 1100, 600)])
    params = GenerateParams(min_unit_area=5e4, absorb_orphans=False)
    result = generate_units(admin, [straddling], [], params=params, measure=M)
    got = rows(result)
    assert [(r[0], r[2], r[3]) for r in got] == [
        ("ZH45012210001", 1, 20000.0), ("ZH45012230001", 3, 980000.0),
        ("ZH45012310001", 1, 20000.0), ("ZH45012330001", 3, 980000.0)]
    # each 2 ha half is a fragment whose only priority neighbour is over the county line
    assert findings(result) == [("UNIT_FRAGMENT_KEPT", None, 20000.0)] * 2  # one per county


def test_same_input_same_codes_whatever_the_order():
    admin, redline, park = layout()
    params = GenerateParams(min_unit_area=5e4)
    first = generate_units(admin, [redline], [park], params=params, measure=M).units
    flipped = Layer("ADMIN", admin.geoms[::-1], fids=admin.fids[::-1],
                    attrs={k: v[::-1] for k, v in admin.attrs.items()})
    again = generate_units(flipped, [Layer("RL", redline.geoms[::-1])], [park], params=params,
                           measure=M).units
    assert list(again["code"]) == list(first["code"])
    assert list(again["admin_fid"]) == list(first["admin_fid"])
    assert all(shapely.equals(again["geometry"], first["geometry"]))


def test_bad_county_codes_are_reported_and_left_uncoded():
    admin = Layer("ADMIN", [box(0, 0, 1000, 1000), box(1000, 0, 2000, 1000)],
                  attrs={"XZQDM": ["45012", "450123"], "XZQMC": ["甲", "乙"]})
    result = generate_units(admin, [], [], params=GenerateParams(min_unit_area=1e5), measure=M)
    assert [(r[0], r[1]) for r in findings(result)] == [("UNIT_ADMIN_CODE", 1)]
    assert list(result.units["code"]) == ["ZH45012330001", None]
    assert result.units["admin_fid"][1] == 1


def test_overlapping_admin_polygons_are_reported():
    admin = Layer("ADMIN", [box(0, 0, 1000, 1000), box(900, 0, 2000, 1000)],
                  attrs={"XZQDM": ["450122", "450122"]})
    result = generate_units(admin, [], [], params=GenerateParams(name_field=""), measure=M)
    overlap = [f for f in findings(result) if f[0] == "UNIT_ADMIN_OVERLAP"]
    assert overlap == [("UNIT_ADMIN_OVERLAP", 1, 100000.0)]
    assert result.units["name"][0].startswith("450122")


def test_cancel_stops_generation():
    admin, redline, park = layout()
    calls = []
    progress = Progress(on_progress=lambda p, t: calls.append(p), is_canceled=lambda: len(calls) >= 2)
    with pytest.raises(Cancelled):
        generate_units(admin, [redline], [park], measure=M, progress=progress)


# --- property tests: tiling, precedence, county lines ---------------------------------------

def _shape(kind, cx, cy, size, angle):
    if kind == 0:
        geom = shapely.box(-size, -size / 2, size, size / 2)
    else:
        geom = shapely.Point(0, 0).buffer(size, quad_segs=kind)
    return affinity.translate(affinity.rotate(geom, angle), X + cx, Y + cy)


shapes = st.lists(st.builds(_shape, st.integers(0, 3), st.floats(0, 3000), st.floats(0, 2000),
                            st.floats(20, 700), st.floats(0, 180)), max_size=6)


@st.composite
def admin_layouts(draw):
    """Columns split at random x (each column a county), each split into townships at random y."""
    xs = [0.0] + sorted(draw(st.sets(st.integers(1, 29), min_size=1, max_size=3))) + [30.0]
    geoms, codes = [], []
    for c, (x0, x1) in enumerate(zip(xs[:-1], xs[1:])):
        ys = [0.0] + sorted(draw(st.sets(st.integers(1, 19), max_size=2))) + [20.0]
        for t, (y0, y1) in enumerate(zip(ys[:-1], ys[1:])):
            geoms.append(box(x0 * 100, y0 * 100, x1 * 100, y1 * 100))
            codes.append("4501{:02d}{:03d}".format(c + 1, t + 1))
    return Layer("ADMIN", geoms, attrs={"XZQDM": codes})


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(admin_layouts(), shapes, shapes, st.sampled_from([0.0, 1e4, 1e5, 5e5]), st.booleans(),
       st.booleans())
def test_units_tile_admin_and_keep_priority(admin, prio, key, min_area, multipart, absorb):
    params = GenerateParams(min_unit_area=min_area, multipart=multipart, absorb_orphans=absorb,
                            name_field="")
    result = generate_units(admin, [Layer("P", prio)], [Layer("K", key)], params=params, measure=M)
    units = result.units
    geoms = units["geometry"]
    total = 3000.0 * 2000.0
    assert units["area_m2"].sum() == pytest.approx(total, rel=1e-6)
    assert shapely.union_all(geoms).area == pytest.approx(total, rel=1e-6)
    assert len(overlap_pieces(geoms, None, None, 0.01)[0]) == 0
    # every unit lies in the county its code names
    counties = {}
    for g, code in zip(admin.geoms, admin.attrs["XZQDM"]):
        counties.setdefault(code[:6], []).append(g)
    for g, code, county in zip(geoms, units["code"], units["county"]):
        assert code[2:8] == county
        assert shapely.difference(g, shapely.union_all(counties[county])).area < 0.01
    # no priority area in a key or general unit
    if prio:
        zone = shapely.union_all(prio)
        lower = geoms[units["class"] > 1]
        assert np.all(shapely.area(shapely.intersection(lower, zone, grid_size=1e-6)) < 0.01)
    assert len(set(units["code"])) == len(geoms)
    # and our own delivery check finds nothing wrong with them
    county_layer = Layer("COUNTIES", [shapely.union_all(g) for g in counties.values()],
                         attrs={"XZQDM": list(counties)})
    unit_layer = Layer("UNITS", geoms, attrs={"HJZHGKDYBM": units["code"], "HJZHGKDYMC": units["name"],
                                              "ZHGKDYFL": units["class"]})
    check = check_units(unit_layer, county_layer, redline=Layer("P", prio), measure=M,
                        params=UnitCheckParams(access_fields=()))
    assert len(check.findings) == 0


# --- units_classify (fitting) ---------------------------------------------------------------

def fitting_layers():
    units = Layer("UNITS", [box(0, 0, 1000, 1000), box(1000, 0, 2000, 1000), box(2000, 0, 3000, 1000),
                            box(3000, 0, 4000, 1000)])
    rl = Layer("RL", [box(0, 0, 600, 1000), box(1000, 0, 1300, 1000), box(3500, 0, 3501, 1)])
    pa = Layer("PA", [box(0, 0, 100, 1000)])                 # inside the red line: no extra area
    parks = Layer("PARK", [box(1300, 0, 1600, 1000), box(2000, 0, 2400, 1000)])
    return units, rl, pa, parks


def test_fitting_classes_and_shares():
    units, rl, pa, parks = fitting_layers()
    result = classify_units(units, [rl, pa], [parks], measure=M)
    t = result.table
    assert list(t["class"]) == [1, 2, 3, 3]
    assert t["priority_pct"] == pytest.approx([60.0, 30.0, 0.0, 1e-4], abs=1e-5)
    assert t["key_pct"] == pytest.approx([0.0, 30.0, 40.0, 0.0], abs=1e-5)
    assert t["controlled_pct"] == pytest.approx([60.0, 60.0, 40.0, 1e-4], abs=1e-5)
    assert result.share_columns == ["pct:RL", "pct:PA", "pct:PARK"]
    assert t["pct:PA"] == pytest.approx([10.0, 0.0, 0.0, 0.0], abs=1e-5)
    lost = [(f[1], f[2]) for f in findings_of(result) if f[0] == "UNIT_FIT_PRIORITY_LOST"]
    assert lost == [(2, 300000.0), (4, 1.0)]


def test_fitting_strict_and_threshold():
    units, rl, pa, parks = fitting_layers()
    strict = classify_units(units, [rl, pa], [parks], params=ClassifyParams(strict=True), measure=M)
    assert list(strict.table["class"]) == [1, 1, 2, 1]
    low = classify_units(units, [rl, pa], [parks], params=ClassifyParams(share_threshold=30),
                         measure=M)
    assert list(low.table["class"]) == [1, 1, 2, 3]


def findings_of(result):
    t = result.findings.table(M)
    return [(t["rule"][k], int(t["fid"][k]), float(round(t["area_m2"][k])))
            for k in range(len(t["rule"]))]


# --- units_code ----------------------------------------------------------------------------

def test_code_assigns_and_repairs():
    counties = Layer("COUNTIES", [box(0, 0, 2000, 3000), box(2000, 0, 4000, 3000)],
                     attrs={"XZQDM": ["450122", "450123"]})
    geoms = [box(0, 2000, 1000, 3000),     # 1 correct
             box(1000, 2000, 2000, 3000),  # 2 duplicate of 1
             box(0, 1000, 1000, 2000),     # 3 wrong class digit
             box(1000, 1000, 2000, 2000),  # 4 wrong county digits
             box(0, 0, 1000, 1000),        # 5 bad format
             box(1000, 0, 2000, 1000),     # 6 empty
             box(2000, 0, 3000, 3000),     # 7 correct, county 450123
             box(3000, 0, 4000, 3000)]     # 8 class unreadable: left alone
    units = Layer("UNITS", geoms, attrs={
        "HJZHGKDYBM": ["ZH45012210005", "ZH45012210005", "ZH45012220001", "ZH45012310002",
                       "ZH4501221001", None, "ZH45012330001", "ZH45012330009"],
        "ZHGKDYFL": [1, "1", 1, 1, "一般管控单元", "3", 3, "x"]})
    result = code_units(units, counties, measure=M)
    t = result.table
    assert list(t["new_code"]) == ["ZH45012210005", "ZH45012210006", "ZH45012210007",
                                   "ZH45012210008", "ZH45012230001", "ZH45012230002",
                                   "ZH45012330001", "ZH45012330009"]
    assert list(t["reason"]) == ["", "duplicate", "class", "county", "format", "empty", "", ""]
    changed = [(f[1], d) for f, d in zip(findings_of(result), result.findings.table()["detail"])
               if f[0] == "UNIT_CODE_CHANGED"]
    assert changed == [(2, "ZH45012210005 → ZH45012210006"), (3, "ZH45012220001 → ZH45012210007"),
                       (4, "ZH45012310002 → ZH45012210008"), (5, "ZH4501221001 → ZH45012230001"),
                       (6, "∅ → ZH45012230002")]
    assert [f[:2] for f in findings_of(result) if f[0] == "UNIT_CLASS_INVALID"] == \
        [("UNIT_CLASS_INVALID", 8)]


def test_code_without_class_field():
    counties = Layer("COUNTIES", [box(0, 0, 1000, 1000)], attrs={"XZQDM": ["450122"]})
    result = code_units(Layer("UNITS", [box(0, 0, 1000, 1000)]), counties, measure=M)
    t = result.findings.table()
    assert list(zip(t["rule"], t["detail"])) == [("UNIT_FIELD_MISSING", "ZHGKDYFL")]
    assert list(result.table["new_code"]) == [""]


def test_code_recode_all_and_cross_county():
    counties = Layer("COUNTIES", [box(0, 0, 1000, 1000), box(1000, 0, 2000, 1000)],
                     attrs={"XZQDM": ["450122", "450123"]})
    units = Layer("UNITS", [box(0, 500, 1000, 1000), box(0, 0, 1200, 500), box(1200, 0, 2000, 1000)],
                  attrs={"HJZHGKDYBM": ["ZH45012230007", "ZH45012230003", "ZH45012330001"],
                         "ZHGKDYFL": [3, 3, 3]})
    result = code_units(units, counties, params=CodeParams(recode_all=True), measure=M)
    assert list(result.table["new_code"]) == ["ZH45012230001", "ZH45012230002", "ZH45012330001"]
    assert list(result.table["changed"]) == [True, True, False]
    cross = [f for f in findings_of(result) if f[0] == "UNIT_CROSS_COUNTY"]
    assert cross == [("UNIT_CROSS_COUNTY", 2, 100000.0)]
