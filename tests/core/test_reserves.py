"""Protected-area checks (reserve zones, overlaps, human activity) on hand-made layers."""
import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely import Point, Polygon

from ecospace.core.layer import Layer
from ecospace.core.measure import Measurer, TransverseMercator
from ecospace.core.progress import Cancelled, Progress
from ecospace.core.reserves import (
    ActivityParams,
    InputError,
    OverlapParams,
    ReserveParams,
    check_activities,
    check_overlaps,
    check_reserves,
)
from ecospace.core.rules import RULES
from ecospace.core.zones import (
    CORE,
    CORE_PROTECTION,
    EXPERIMENTAL,
    GENERAL_CONTROL,
    UNKNOWN,
    activity_items,
    level_ranks,
    type_ranks,
    zone_kinds,
)

X, Y = 36500000.0, 2540000.0  # on the central meridian of EPSG:4524: ellipsoidal = planar area
M = Measurer(TransverseMercator(108, 1.0, 36500000).to_lonlat)
REL = 1e-3  # findings' areas to 0.1 %


def box(x0, y0, x1, y1):
    return shapely.box(X + x0, Y + y0, X + x1, Y + y1)


def three_zone(dx=0, core=None, buffer=None, experimental=None):
    """A 1 km² reserve: core 200 m square in the middle, buffer ring to 400 m, experimental around."""
    reserve = box(dx, 0, dx + 1000, 1000)
    c = box(dx + 400, 400, dx + 600, 600)
    ring = box(dx + 300, 300, dx + 700, 700)
    return reserve, [("核心区", core or c), ("缓冲区", buffer or ring.difference(c)),
                     ("实验区", experimental or reserve.difference(ring))]


def two_zone(dx=2000, split=500):
    reserve = box(dx, 0, dx + 1000, 1000)
    return reserve, [("核心保护区", box(dx, 0, dx + split, 1000)),
                     ("一般控制区", box(dx + split, 0, dx + 1000, 1000))]


def layers(spec, **reserve_attrs):
    """spec: [(reserve id, reserve geometry, [(zone name, geometry), …]), …]."""
    ids = [s[0] for s in spec]
    attrs = {"id": ids}
    attrs.update(reserve_attrs)
    reserves = Layer("RESERVES", [s[1] for s in spec], attrs=attrs)
    zone_rows = [(rid, name, geom) for rid, _, zones in spec for name, geom in zones]
    zones = Layer("ZONES", [r[2] for r in zone_rows],
                  attrs={"reserve_id": [r[0] for r in zone_rows], "zone": [r[1] for r in zone_rows]})
    return reserves, zones


def run(spec, params=None, **reserve_attrs):
    return check_reserves(*layers(spec, **reserve_attrs), params=params, measure=M)


def rows(findings):
    t = findings.table(M)
    return [dict(rule=t["rule"][k], severity=t["severity"][k], layer=t["layer"][k],
                 fid=None if np.isnan(t["fid"][k]) else int(t["fid"][k]),
                 other=None if np.isnan(t["other_fid"][k]) else int(t["other_fid"][k]),
                 area=t["area_m2"][k], length=t["length_m"][k], value=t["value"][k],
                 category=t["category"][k], detail=t["detail"][k], note=t["note"][k],
                 geometry=t["geometry"][k])
            for k in range(len(t["rule"]))]


def only(findings, rule):
    got = [r for r in rows(findings) if r["rule"] == rule]
    assert len(got) == 1, (rule, [(r["rule"], r["fid"]) for r in rows(findings)])
    return got[0]


def rules_of(findings):
    return sorted(r["rule"] for r in rows(findings))


GOOD = [("A",) + three_zone(), ("B",) + two_zone()]


# --- reserve_check: correct reserves ---------------------------------------------------------

def test_correct_three_and_two_zone_reserves_pass():
    result = run(GOOD, ReserveParams(area_field="MJ", type_field="type", name_field="name"),
                 MJ=[100.0, 100.0], type=["自然保护区", "国家公园"], name=["甲", "乙"])
    assert rows(result.findings) == []
    s = result.summary
    assert list(s["reserve_id"]) == ["A", "B"]
    assert list(s["system"]) == ["three_zone", "two_zone"]
    assert list(s["zones"]) == [3, 2]
    assert list(s["verdict"]) == ["pass", "pass"]
    assert s["area_m2"] == pytest.approx([1e6, 1e6], rel=1e-6)
    assert s["area_ha"] == pytest.approx([100, 100], rel=1e-6)
    assert list(s["declared_m2"]) == [1e6, 1e6]  # declared in 公顷
    assert s["core_m2"][0] == pytest.approx(40000, rel=1e-6)
    assert s["buffer_m2"][0] == pytest.approx(120000, rel=1e-6)
    assert s["experimental_pct"][0] == pytest.approx(84.0, rel=1e-6)
    assert s["core_protection_ha"][1] == pytest.approx(50.0, rel=1e-6)
    assert s["general_control_pct"][1] == pytest.approx(50.0, rel=1e-6)
    assert list(s["gap_m2"]) == [0, 0] and list(s["errors"]) == [0, 0]


def test_two_zone_conversion_dissolves_per_reserve():
    result = run(GOOD, ReserveParams(two_zone_output=True))
    two = result.two_zone
    assert list(zip(two["reserve_id"], two["zone"])) == [
        ("A", "核心保护区"), ("A", "一般控制区"), ("B", "核心保护区"), ("B", "一般控制区")]
    assert two["area_m2"] == pytest.approx([160000, 840000, 500000, 500000], rel=1e-6)
    assert shapely.get_num_geometries(two["geometry"][0]) == 1  # core + buffer dissolved
    assert run(GOOD).two_zone is None


# --- reserve_check: each defect on its own ---------------------------------------------------

def test_mixed_systems_is_an_error():
    reserve, zones = three_zone()
    zones[0] = ("核心保护区", zones[0][1])
    f = only(run([("A", reserve, zones)]).findings, "RES_SYSTEM_MIXED")
    assert (f["severity"], f["layer"], f["fid"]) == ("error", "RESERVES", 1)
    assert f["area"] == pytest.approx(1e6, rel=REL)
    assert f["detail"] == "缓冲区, 实验区, 核心保护区"


def test_gap_between_zones():
    reserve, zones = three_zone()
    zones[2] = ("实验区", zones[2][1].difference(box(100, 100, 150, 150)))
    result = run([("A", reserve, zones)])
    f = only(result.findings, "RES_ZONE_GAP")
    assert (f["severity"], f["fid"]) == ("error", 1)
    assert f["area"] == pytest.approx(2500, rel=REL)
    assert shapely.area(f["geometry"]) == pytest.approx(2500, rel=REL)
    assert result.summary["gap_m2"][0] == pytest.approx(2500, rel=REL)
    assert list(result.summary["verdict"]) == ["error"]


def test_gap_below_tolerance_is_noise():
    reserve, zones = three_zone()
    zones[2] = ("实验区", zones[2][1].difference(box(100, 100, 100.9, 101)))  # 0.9 m²
    assert rows(run([("A", reserve, zones)]).findings) == []


def test_overlapping_zones():
    reserve, zones = three_zone(core=box(400, 400, 610, 600))  # 10 m into the buffer
    f = only(run([("A", reserve, zones)]).findings, "RES_ZONE_OVERLAP")
    assert (f["layer"], f["fid"], f["other"]) == ("ZONES", 1, 2)
    assert f["area"] == pytest.approx(2000, rel=REL)


def test_zone_outside_its_reserve():
    reserve, zones = three_zone()
    zones[2] = ("实验区", zones[2][1].union(box(1000, 0, 1010, 100)))
    f = only(run([("A", reserve, zones)]).findings, "RES_ZONE_OUTSIDE")
    assert (f["layer"], f["fid"], f["other"]) == ("ZONES", 3, 1)
    assert f["area"] == pytest.approx(1000, rel=REL)


def test_zone_inside_another_reserve_is_outside_its_own():
    a, zones_a = three_zone()
    b, zones_b = two_zone()
    zones_b[0] = ("核心保护区", box(900, 0, 1000, 100))   # drawn inside reserve A
    result = run([("A", a, zones_a), ("B", b, zones_b)])
    f = only(result.findings, "RES_ZONE_OUTSIDE")
    assert (f["fid"], f["other"]) == (4, 2)
    assert f["area"] == pytest.approx(10000, rel=REL)
    assert only(result.findings, "RES_ZONE_GAP")["area"] == pytest.approx(500000, rel=REL)


def test_buffer_not_around_core():
    notch = box(600, 400, 700, 600)
    reserve, zones = three_zone()
    zones[1] = ("缓冲区", zones[1][1].difference(notch))
    zones[2] = ("实验区", zones[2][1].union(notch))
    f = only(run([("A", reserve, zones)]).findings, "RES_CORE_EXPOSED")
    assert (f["severity"], f["fid"]) == ("warning", 1)
    assert f["length"] == pytest.approx(200, rel=REL)
    assert shapely.length(f["geometry"]) == pytest.approx(200, rel=REL)
    assert rules_of(run([("A", reserve, zones)]).findings) == ["RES_CORE_EXPOSED"]


def test_experimental_inside_the_buffer():
    pocket = box(310, 310, 350, 350)
    reserve, zones = three_zone()
    zones[1] = ("缓冲区", zones[1][1].difference(pocket))
    zones.append(("实验区", pocket))
    result = run([("A", reserve, zones)])
    f = only(result.findings, "RES_EXPERIMENTAL_INSIDE")
    assert (f["severity"], f["fid"]) == ("warning", 1)
    assert f["area"] == pytest.approx(1600, rel=REL)
    assert rules_of(result.findings) == ["RES_EXPERIMENTAL_INSIDE"]


def test_core_on_the_outer_edge():
    reserve = box(0, 0, 1000, 1000)
    core = box(0, 400, 200, 600)
    buffer = box(0, 300, 300, 700).difference(core)
    zones = [("核心区", core), ("缓冲区", buffer), ("实验区", reserve.difference(box(0, 300, 300, 700)))]
    result = run([("A", reserve, zones)])
    f = only(result.findings, "RES_CORE_AT_EDGE")
    assert (f["severity"], f["fid"]) == ("warning", 1)
    assert f["length"] == pytest.approx(200, rel=REL)
    assert rules_of(result.findings) == ["RES_CORE_AT_EDGE"]
    assert list(result.summary["verdict"]) == ["warning"]


def test_core_on_the_edge_found_after_reprojection_noise():
    """The reserve reprojected along another path: its edge differs from the core's in the last
    digits (1e-7 m), and the 200 m of shared edge is still found."""
    reserve = shapely.set_precision(box(0, 0, 1000, 1000), 0)
    reserve = Polygon([(x - 1e-7, y + 1e-7) for x, y in reserve.exterior.coords])
    core = box(0, 400, 200, 600)
    buffer = box(0, 300, 300, 700).difference(core)
    zones = [("核心区", core), ("缓冲区", buffer), ("实验区", box(0, 0, 1000, 1000).difference(box(0, 300, 300, 700)))]
    f = only(run([("A", reserve, zones)]).findings, "RES_CORE_AT_EDGE")
    assert f["length"] == pytest.approx(200, rel=REL)


def test_two_zone_core_on_the_edge_is_fine():
    assert rows(run([("B",) + two_zone()]).findings) == []


def test_declared_area():
    result = run(GOOD, ReserveParams(area_field="MJ"), MJ=[101.0, 100.05])  # 1 % off; 0.05 % off
    f = only(result.findings, "RES_AREA_MISMATCH")
    assert (f["severity"], f["fid"], f["detail"]) == ("warning", 1, "MJ")
    assert f["value"] == pytest.approx(1.01e6)
    assert f["area"] == pytest.approx(1e6, rel=1e-6)
    square_metres = run(GOOD, ReserveParams(area_field="MJ", area_unit_m2=1.0), MJ=[1e6, 1e6 + 5])
    assert rows(square_metres.findings) == []


def test_share_rules_are_off_by_default():
    park = ("C",) + two_zone(dx=4000, split=400)   # core protection 40 % of a national park
    spec = GOOD + [park]
    types = ["自然保护区", "国家公园", "国家公园"]
    assert rows(run(spec, ReserveParams(type_field="type"), type=types).findings) == []
    result = run(spec, ReserveParams(type_field="type", check_shares=True), type=types)
    core = only(result.findings, "RES_SHARE_CORE")
    assert (core["fid"], core["severity"]) == (1, "warning")
    assert core["value"] == pytest.approx(4.0, rel=REL)
    assert core["area"] == pytest.approx(40000, rel=REL)
    assert only(result.findings, "RES_SHARE_EXPERIMENTAL")["value"] == pytest.approx(84.0, rel=REL)
    cp = only(result.findings, "RES_SHARE_CORE_PROTECTION")
    assert (cp["fid"], cp["value"]) == (3, pytest.approx(40.0, rel=REL))


# --- reserve_check: bad input ------------------------------------------------------------------

def test_bad_input_becomes_findings():
    bow_tie = Polygon([(X + 2000, Y), (X + 2100, Y + 100), (X + 2100, Y), (X + 2000, Y + 100)])
    extra = [("C", box(4000, 0, 4100, 100), []), ("A", box(5000, 0, 5100, 100), [])]
    reserves, zones = layers(GOOD + extra)
    zones = Layer("ZONES", list(zones.geoms) + [box(0, 5000, 10, 5010), None, bow_tie],
                  attrs={"reserve_id": list(zones.attrs["reserve_id"]) + ["Z", "B", "B"],
                         "zone": list(zones.attrs["zone"]) + ["核心区", "实验区", "一般控制区"]})
    result = check_reserves(reserves, zones, measure=M)
    got = rows(result.findings)
    orphan = only(result.findings, "RES_ZONE_NO_RESERVE")
    assert (orphan["fid"], orphan["detail"]) == (6, "Z")
    # C has no zones; the second 'A' is a duplicate id, not a reserve without zones
    assert [r["fid"] for r in got if r["rule"] == "RES_NO_ZONES"] == [3]
    dup = only(result.findings, "RES_ID_DUPLICATE")
    assert (dup["fid"], dup["other"], dup["detail"]) == (4, 1, "A")
    assert only(result.findings, "RES_GEOM_NULL")["fid"] == 7
    invalid = only(result.findings, "RES_GEOM_INVALID")
    assert invalid["fid"] == 8 and invalid["detail"].startswith("Self-intersection")
    assert invalid["area"] == pytest.approx(5000, rel=REL)
    assert only(result.findings, "RES_ZONE_OVERLAP")["other"] == 8  # the run went on, on the repair
    assert list(result.summary["verdict"]) == ["pass", "error", "error", "error"]


def test_reserve_whose_zones_have_no_geometry_is_one_gap():
    reserves, zones = layers([("A", box(0, 0, 100, 100), [("核心区", None)])])
    result = check_reserves(reserves, zones, measure=M)
    assert rules_of(result.findings) == ["RES_GEOM_NULL", "RES_ZONE_GAP"]
    assert only(result.findings, "RES_ZONE_GAP")["area"] == pytest.approx(10000, rel=REL)


def test_unknown_zone_values_raise_with_their_distinct_values():
    reserve, zones = three_zone()
    zones[0] = ("core-ish", zones[0][1])
    zones.append(("foo", box(0, 2000, 10, 2010)))
    zones.append(("foo", box(0, 3000, 10, 3010)))
    with pytest.raises(InputError) as err:
        run([("A", reserve, zones)])
    assert err.value.id == "ZONE_VALUES_UNKNOWN"
    assert err.value.values == ["core-ish", "foo"]
    result = run([("A", reserve, zones)], ReserveParams(unknown_zones="finding"))
    unknown = [(r["fid"], r["detail"]) for r in rows(result.findings)
               if r["rule"] == "RES_ZONE_UNKNOWN"]
    assert unknown == [(1, "core-ish"), (4, "foo"), (5, "foo")]
    assert result.summary["unknown_m2"][0] == pytest.approx(40200, rel=REL)


def test_extra_zone_values_extend_the_mapping():
    reserve, zones = three_zone()
    zones[0] = ("HX", zones[0][1])
    result = run([("A", reserve, zones)], ReserveParams(zone_values={"HX": "核心区"}))
    assert rows(result.findings) == []


def test_no_zone_matching_any_reserve_raises():
    reserves, zones = layers(GOOD)
    zones.attrs["reserve_id"] = np.array(["a1", "a1", "a2", "", "b"], dtype=object)
    with pytest.raises(InputError) as err:
        check_reserves(reserves, zones, measure=M)
    assert (err.value.id, err.value.values) == ("RESERVE_IDS_UNMATCHED", ["a1", "a2", "b"])
    assert err.value.other == sorted(set(reserves.text("id")) - {""})  # the other side, for the message


def test_missing_fields_raise():
    reserves, zones = layers(GOOD)
    with pytest.raises(InputError) as err:
        check_reserves(reserves, zones, ReserveParams(zone_field="GNFQ"), measure=M)
    assert (err.value.id, err.value.values) == ("FIELD_MISSING", ["ZONES", "GNFQ"])
    with pytest.raises(InputError) as err:
        check_reserves(reserves, zones, ReserveParams(area_field="MJ"), measure=M)
    assert err.value.values == ["RESERVES", "MJ"]


def test_rules_are_catalogued():
    import inspect

    from ecospace.core import activity, pa_overlaps, reserve_tally, zone_check, zone_tiling
    source = "".join(inspect.getsource(m) for m in (activity, pa_overlaps, reserve_tally, zone_check,
                                                   zone_tiling))
    for rule in RULES:
        if rule.startswith(("RES_", "PA_", "HA_")):
            assert '"{}"'.format(rule) in source, rule


def test_cancel_stops_the_run():
    calls = []
    progress = Progress(on_progress=lambda p, t: calls.append(p), is_canceled=lambda: len(calls) >= 2)
    with pytest.raises(Cancelled):
        check_reserves(*layers(GOOD), measure=M, progress=progress)


# --- value mappings ----------------------------------------------------------------------------

def test_zone_value_forms():
    values = ["核心区 ", "Core Zone", "core_zone", "ＨＸＱ", "一般控制区", "General-Control", "实验区",
              "experimental", "核心保护区", None, "zone 9"]
    assert list(zone_kinds(values)) == [CORE, CORE, CORE, CORE, GENERAL_CONTROL, GENERAL_CONTROL,
                                        EXPERIMENTAL, EXPERIMENTAL, CORE_PROTECTION, UNKNOWN, UNKNOWN]
    assert list(zone_kinds(["1", "3", 4.0], {"1": "core", "3": 2, "4": "一般控制区"})) == [
        CORE, EXPERIMENTAL, GENERAL_CONTROL]


def test_level_type_and_activity_mappings():
    assert list(level_ranks(["国家级", "省级", "市县级", "national", "", "乡级"])) == [3, 2, 1, 3, 0, 0]
    assert list(type_ranks(["国家公园", "国家级自然保护区", "国家森林公园", "湿地公园", "保护小区"])) == \
        [3, 2, 1, 1, 0]
    assert list(activity_items(["采矿", "公路", "新建房屋", "养殖场", "工厂", None])) == \
        ["7", "6", "5,6", "2", "", ""]


# --- protected_area_overlaps -------------------------------------------------------------------

def protected_areas():
    geoms = [box(0, 0, 100, 100), box(50, 0, 150, 100), box(130, 0, 230, 100), box(220, 0, 320, 100),
             box(1000, 0, 1100, 100)]
    return Layer("PROTECTED", geoms, attrs={
        "code": ["NP1", "NR2", "FP3", "WP4", "X5"],
        "level": ["国家级", "省级", "省级", "省级", "区级"],
        "type": ["国家公园", "自然保护区", "森林公园", "湿地公园", "自然公园"]})


def test_overlaps_with_the_suggested_keeper():
    params = OverlapParams(id_field="code", level_field="level", type_field="type")
    result = check_overlaps(protected_areas(), params=params, measure=M)
    overlaps = [r for r in rows(result.findings) if r["rule"] == "PA_OVERLAP"]
    got = [(r["fid"], r["other"], round(r["area"], 3), r["category"], r["detail"]) for r in overlaps]
    assert got == [(1, 2, 5000.0, "level", "NP1"), (2, 3, 2000.0, "type", "NR2"),
                   (3, 4, 1000.0, "undecided", "")]
    assert all(r["severity"] == "error" for r in overlaps)
    unknown = only(result.findings, "PA_VALUE_UNKNOWN")
    assert (unknown["fid"], unknown["category"], unknown["detail"]) == (5, "level", "区级")
    assert list(result.overlaps["keeper_fid"]) == [1, 2, -1]
    assert list(result.overlaps["reason"]) == ["level", "type", "undecided"]


def test_type_decides_without_a_level_field():
    params = OverlapParams(type_field="type")
    result = check_overlaps(protected_areas(), params=params, measure=M)
    assert list(result.overlaps["keeper_fid"]) == [1, 2, -1]
    assert list(result.overlaps["keeper_id"]) == ["1", "2", ""]


def test_protected_area_outside_the_red_line():
    redline = Layer("REDLINE", [box(0, 0, 250, 100)])
    result = check_overlaps(protected_areas(), redline=redline, measure=M)
    outside = [(r["fid"], round(r["area"], 3)) for r in rows(result.findings)
               if r["rule"] == "PA_OUTSIDE_REDLINE"]
    assert outside == [(4, 7000.0), (5, 10000.0)]


# --- human_activity ----------------------------------------------------------------------------

def activity_inputs():
    reserves, zones = layers(GOOD + [("C", box(4000, 0, 5000, 1000), [])])
    redline = Layer("REDLINE", [box(3000, 0, 3500, 1000)])
    acts = Layer("ACTIVITIES", [
        Point(X + 500, Y + 500),             # 1 core
        box(100, 100, 120, 110),             # 2 experimental, 200 m²
        box(250, 450, 350, 550),             # 3 half experimental, half buffer: buffer wins
        Point(X + 2800, Y + 500),            # 4 general control
        Point(X + 3200, Y + 500),            # 5 red line only
        Point(X + 9000, Y + 9000),           # 6 nowhere
        box(2100, 100, 2110, 110),           # 7 core protection
        Point(X + 4500, Y + 500),            # 8 reserve without zones
    ], attrs={"type": ["采矿", "道路", "房屋", "旅游设施", "耕地", "采矿", "养殖", "其他"],
              "date": ["2024-05"] * 8})
    return acts, reserves, zones, redline


def test_activities_graded_by_zone():
    acts, reserves, zones, redline = activity_inputs()
    params = ActivityParams(type_field="type", date_field="date")
    result = check_activities(acts, reserves, zones, redline, params=params, measure=M)
    got = {r["fid"]: r for r in rows(result.findings)}
    assert sorted(got) == [1, 2, 3, 4, 5, 7, 8]
    expect = {1: ("HA_STRICT_ZONE", "error", "核心区", "ZONES", 1, ""),
              2: ("HA_CONTROL_ZONE", "warning", "实验区", "ZONES", 3, "6"),
              3: ("HA_STRICT_ZONE", "error", "缓冲区", "ZONES", 2, ""),
              4: ("HA_CONTROL_ZONE", "warning", "一般控制区", "ZONES", 5, "5"),
              5: ("HA_REDLINE", "warning", "", "REDLINE", 1, "2"),
              7: ("HA_STRICT_ZONE", "error", "核心保护区", "ZONES", 4, ""),
              8: ("HA_UNZONED", "warning", "", "RESERVES", 3, "")}
    for fid, (rule, severity, zone, _other_layer, other, items) in expect.items():
        r = got[fid]
        assert (r["rule"], r["severity"], r["detail"], r["other"], r["category"]) == \
            (rule, severity, zone, other, items), fid
    assert got[2]["area"] == pytest.approx(200, rel=REL)
    assert got[3]["area"] == pytest.approx(5000, rel=REL)  # the piece in the buffer
    assert got[2]["note"] == "道路"
    table = result.activities
    assert list(table["fid"]) == [1, 2, 3, 4, 5, 7, 8]
    assert list(table["reserve_id"]) == ["A", "A", "A", "B", "", "B", "C"]
    assert list(table["date"]) == ["2024-05"] * 7
    per = result.by_reserve
    assert list(zip(per["reserve_id"], per["zone"], per["type"], per["count"])) == [
        ("", "", "耕地", 1), ("A", "核心区", "采矿", 1), ("A", "缓冲区", "房屋", 1),
        ("A", "实验区", "道路", 1), ("B", "核心保护区", "养殖", 1), ("B", "一般控制区", "旅游设施", 1),
        ("C", "", "其他", 1)]


def test_only_new_or_grown_activities_with_previous():
    acts, reserves, zones, redline = activity_inputs()
    grown = box(100, 100, 130, 110)                    # was box(100, 100, 120, 110): +100 m²
    acts = Layer("ACTIVITIES", [Point(X + 500, Y + 500), grown, box(400, 100, 410, 110),
                                Point(X + 2800, Y + 500)], attrs={"type": ["采矿", "道路", "房屋", "旅游"]})
    previous = Layer("PREVIOUS", [Point(X + 500.4, Y + 500), box(100, 100, 120, 110),
                                  box(400, 100, 410, 110)])
    result = check_activities(acts, reserves, zones, redline, previous,
                              ActivityParams(type_field="type"), measure=M)
    got = {r["fid"]: r for r in rows(result.findings)}
    assert sorted(got) == [2, 4]           # 1 is within 1 m of an old point, 3 did not change
    assert got[2]["value"] == pytest.approx(100, rel=REL)
    assert got[2]["area"] == pytest.approx(100, rel=REL)
    assert shapely.area(got[2]["geometry"]) == pytest.approx(100, rel=REL)
    assert list(result.activities["status"]) == ["grown", "new"]


def test_activity_null_and_invalid_geometries():
    acts, reserves, zones, redline = activity_inputs()
    bow_tie = Polygon([(X + 100, Y + 100), (X + 120, Y + 120), (X + 120, Y + 100), (X + 100, Y + 120)])
    acts = Layer("ACTIVITIES", [None, bow_tie])
    result = check_activities(acts, reserves, zones, measure=M)
    assert [(r["rule"], r["fid"]) for r in rows(result.findings)] == [
        ("HA_INPUT_NULL", 1), ("HA_INPUT_INVALID", 2), ("HA_CONTROL_ZONE", 2)]


# --- property: generated zonings -------------------------------------------------------------

@st.composite
def zonings(draw):
    """A reserve cut into a grid of cells; cells grouped into zone features of one system."""
    xs = sorted(draw(st.sets(st.integers(1, 49), min_size=1, max_size=5)))
    ys = sorted(draw(st.sets(st.integers(1, 49), min_size=0, max_size=5)))
    xs, ys = [0] + [2 * x for x in xs] + [100], [0] + [2 * y for y in ys] + [100]
    cells = [box(x0, y0, x1, y1) for x0, x1 in zip(xs, xs[1:]) for y0, y1 in zip(ys, ys[1:])]
    owner = draw(st.lists(st.integers(0, 3), min_size=len(cells), max_size=len(cells)))
    names = draw(st.sampled_from([("核心区", "缓冲区", "实验区"), ("核心保护区", "一般控制区")]))
    removed = draw(st.integers(0, len(cells) - 1))
    return cells, owner, names, removed


def zone_layer(cells, owner, names, skip=None):
    keep = [k for k in range(len(cells)) if k != skip]
    labels = sorted({owner[k] for k in keep})
    geoms = [shapely.union_all([cells[k] for k in keep if owner[k] == lab]) for lab in labels]
    return [(names[lab % len(names)], g) for lab, g in zip(labels, geoms)]


TILING = ("RES_ZONE_GAP", "RES_ZONE_OVERLAP", "RES_ZONE_OUTSIDE", "RES_SYSTEM_MIXED", "RES_NO_ZONES")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(zonings())
def test_generated_zonings_tile_and_a_removed_piece_is_a_gap(zoning):
    cells, owner, names, removed = zoning
    reserve = box(0, 0, 100, 100)
    tiled = run([("R", reserve, zone_layer(cells, owner, names))])
    assert [r for r in rules_of(tiled.findings) if r in TILING] == []

    holed = run([("R", reserve, zone_layer(cells, owner, names, skip=removed))])
    assert [r for r in rules_of(holed.findings) if r in TILING] == ["RES_ZONE_GAP"]
    gap = only(holed.findings, "RES_ZONE_GAP")
    assert gap["area"] == pytest.approx(M.area([cells[removed]])[0], rel=1e-6)
    assert shapely.equals(shapely.normalize(gap["geometry"]), cells[removed])


def test_empty_layers_give_empty_results():
    reserves = Layer("RESERVES", [], attrs={"id": []})
    zones = Layer("ZONES", [], attrs={"reserve_id": [], "zone": []})
    result = check_reserves(reserves, zones, ReserveParams(two_zone_output=True), measure=M)
    assert len(result.findings) == 0 and len(result.summary["reserve_id"]) == 0
    assert len(result.two_zone["zone"]) == 0
    assert len(check_overlaps(Layer("PA", []), Layer("REDLINE", []), measure=M).findings) == 0
    acts = Layer("ACTIVITIES", [shapely.LineString([(X, Y), (X + 30, Y + 40)])])
    found = check_activities(acts, reserves, zones, Layer("REDLINE", [box(0, 0, 100, 100)]), measure=M)
    line = only(found.findings, "HA_REDLINE")
    assert line["length"] == pytest.approx(50, rel=REL)
    assert list(found.by_reserve["count"]) == [1]
