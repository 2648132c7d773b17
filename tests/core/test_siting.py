"""Project siting: sites × units with shares, access rules, red line, core zones and misses."""
import numpy as np
import pytest
import shapely
from shapely import LineString, Point

from ecospace.core.layer import Layer
from ecospace.core.measure import Measurer, TransverseMercator
from ecospace.core.siting import SitingParams, check_siting

X, Y = 36500000.0, 2540000.0  # on the central meridian: ellipsoidal = planar measures (k = 1)
M = Measurer(TransverseMercator(108, 1.0, 36500000).to_lonlat, conformal=True)


def box(x0, y0, x1, y1):
    return shapely.box(X + x0, Y + y0, X + x1, Y + y1)


def pt(x, y):
    return Point(X + x, Y + y)


UNITS = Layer("UNITS", [box(0, 0, 1000, 1000), box(1000, 0, 2000, 1000), box(2000, 0, 3000, 1000)],
              attrs={"HJZHGKDYBM": ["ZH45012210001", "ZH45012220001", "ZH45012230001"],
                     "HJZHGKDYMC": ["甲", "乙", "丙"], "ZHGKDYFL": ["1", "2", "3"]})
SITES = Layer("SITES", [
    pt(500, 500),                                              # 1 inside the priority unit
    pt(1000, 500),                                             # 2 on the edge of two units
    LineString([(X + 800, Y + 200), (X + 1400, Y + 200)]),     # 3 line: 200 m + 400 m
    box(1900, 400, 2100, 600),                                 # 4 polygon: half and half
    box(2900, 0, 3100, 100),                                   # 5 half outside every unit
    pt(5000, 5000),                                            # 6 outside every unit
    None,                                                      # 7 no geometry
], attrs={"XMBH": ["S1", "S2", "S3", "S4", "S5", "S6", "S7"],
          "HYDM": ["", "", "", "C2614", "", "", ""]})
ACCESS = Layer("ACCESS", [None] * 5, attrs={
    "HJZHGKDYBM": ["", "", "ZH45012220001", "ZH99999910001", ""],
    "ZHGKDYFL": ["", "1", "", "", "2"],
    "HYDM": ["", "", "", "", "C26"],
    "KJBJYS": ["全省总体要求", "禁止开发建设", "", "", "化工准入"],
    "PWWPFGK": ["", "", "乙排放限值", "", ""],
    "HJFXFK": [None] * 5, "ZYKFXLYQ": [None] * 5})
PARAMS = SitingParams(site_id_field="XMBH", industry_field="HYDM", access_industry_field="HYDM")


def run(**kw):
    return check_siting(SITES, UNITS, params=PARAMS, measure=M, **kw)


def test_rows_per_site_and_unit():
    t = run().table
    got = [(t["site_id"][k], t["unit_code"][k][-5:], int(t["unit_class"][k]), int(t["dimension"][k]),
            None if np.isnan(t["length_m"][k]) else round(t["length_m"][k], 1),
            None if np.isnan(t["area_m2"][k]) else round(t["area_m2"][k], 1), round(t["share_pct"][k], 3))
           for k in range(len(t["site_id"]))]
    assert got == [
        ("S1", "10001", 1, 0, None, None, 100.0),
        ("S2", "10001", 1, 0, None, None, 50.0),
        ("S2", "20001", 2, 0, None, None, 50.0),
        ("S3", "10001", 1, 1, 200.0, None, 33.333),
        ("S3", "20001", 2, 1, 400.0, None, 66.667),
        ("S4", "20001", 2, 2, None, 20000.0, 50.0),
        ("S4", "30001", 3, 2, None, 20000.0, 50.0),
        ("S5", "30001", 3, 2, None, 10000.0, 50.0),
    ]
    assert list(t["site_fid"]) == [1, 2, 2, 3, 3, 4, 4, 5]
    assert list(t["unit_name"][:1]) == ["甲"]


def test_access_rules_by_level_and_industry():
    t = run(access=ACCESS).table
    by = {(t["site_id"][k], t["unit_code"][k][-5:]): k for k in range(len(t["site_id"]))}
    s1 = by[("S1", "10001")]
    assert t["access_rows"][s1] == "1;2"
    assert t["KJBJYS"][s1] == "全省总体要求\n禁止开发建设"
    s3 = by[("S3", "20001")]
    assert (t["access_rows"][s3], t["KJBJYS"][s3], t["PWWPFGK"][s3]) == ("1;3", "全省总体要求", "乙排放限值")
    s4 = by[("S4", "20001")]  # a chemical plant also gets the class-2 chemical rule
    assert (t["access_rows"][s4], t["KJBJYS"][s4]) == ("1;5;3", "全省总体要求\n化工准入")
    assert t["HJFXFK"][s4] == ""


def test_findings():
    rl = Layer("REDLINE", [box(100, 100, 600, 600), box(700, 150, 900, 250)])
    core = Layer("CORE", [box(1950, 450, 2050, 550)])
    res = run(access=ACCESS, redline=rl, core_zones=core)
    t = res.findings.table(M)
    got = [(t["rule"][k], t["layer"][k], int(t["fid"][k]),
            None if np.isnan(t["other_fid"][k]) else int(t["other_fid"][k]),
            None if np.isnan(t["area_m2"][k]) else round(t["area_m2"][k], 1),
            None if np.isnan(t["length_m"][k]) else round(t["length_m"][k], 1))
           for k in range(len(t["rule"]))]
    assert got == [
        ("SITE_GEOM_NULL", "SITES", 7, None, None, None),
        ("SITE_ACCESS_UNKNOWN", "ACCESS", 4, None, None, None),
        ("SITE_OUTSIDE_UNITS", "SITES", 5, None, 10000.0, None),
        ("SITE_OUTSIDE_UNITS", "SITES", 6, None, None, None),
        ("SITE_REDLINE", "SITES", 1, 1, None, None),
        ("SITE_REDLINE", "SITES", 3, 2, None, 100.0),
        ("SITE_CORE_ZONE", "SITES", 4, 1, 10000.0, None),
    ]
    assert set(t["severity"][4:]) == {"error"}


def test_polygon_touching_a_unit_only_along_an_edge_is_not_in_it():
    sites = Layer("SITES", [box(1000, 200, 1200, 400)])
    t = check_siting(sites, UNITS, measure=M).table
    assert list(t["unit_code"]) == ["ZH45012220001"]
    assert t["share_pct"] == pytest.approx([100.0])
    assert list(t["site_id"]) == ["1"]  # the feature id when no id field is mapped


def test_invalid_site_is_repaired_and_reported():
    bow_tie = shapely.Polygon([(X + 100, Y + 100), (X + 300, Y + 300), (X + 300, Y + 100),
                               (X + 100, Y + 300)])
    res = check_siting(Layer("SITES", [bow_tie]), UNITS, measure=M)
    assert list(res.findings.table()["rule"]) == ["SITE_INPUT_INVALID"]
    assert res.table["area_m2"] == pytest.approx([20000.0], rel=1e-6)


def test_empty_inputs():
    empty = Layer("E", [])
    res = check_siting(empty, empty, access=empty, redline=empty, core_zones=empty, measure=M)
    assert len(res.table["site_fid"]) == 0 and len(res.findings) == 0
    res = check_siting(Layer("SITES", [pt(1, 1)]), empty, measure=M)
    assert list(res.findings.table()["rule"]) == ["SITE_OUTSIDE_UNITS"]


def test_only_red_line_near_the_sites_is_read_and_reported():
    """An invalid red-line patch under a site is repaired, reported and found; an invalid patch or
    unit far from every site is not an input of this assessment (the checks of those layers report it)."""
    bowtie = shapely.Polygon([(X + 400, Y + 400), (X + 600, Y + 600), (X + 600, Y + 400), (X + 400, Y + 600)])
    far = shapely.Polygon([(X + 9000, Y + 9000), (X + 9200, Y + 9200), (X + 9200, Y + 9000), (X + 9000, Y + 9200)])
    redline = Layer("REDLINE", [far, bowtie, box(9500, 9500, 9600, 9600)], fids=[7, 8, 9])
    units = Layer("UNITS", list(UNITS.geoms) + [far], attrs={k: list(v) + ["ZH45012230002"]
                                                             for k, v in UNITS.attrs.items()})
    t = check_siting(SITES, units, redline=redline, params=PARAMS, measure=M).findings.table(M)
    rows = [(t["rule"][k], t["layer"][k], int(t["fid"][k])) for k in range(len(t["rule"]))
            if t["rule"][k] in ("SITE_INPUT_INVALID", "SITE_REDLINE")]
    assert rows == [("SITE_INPUT_INVALID", "REDLINE", 8), ("SITE_REDLINE", "SITES", 1)]


def test_threads_give_what_one_thread_gives():
    """The units, red line and core zones cut on threads: the same table and findings, in order."""
    bowtie = shapely.Polygon([(X + 400, Y + 400), (X + 600, Y + 600), (X + 600, Y + 400), (X + 400, Y + 600)])
    units = Layer("UNITS", list(UNITS.geoms) + [bowtie], attrs={k: list(v) + ["ZH45012230002"]
                                                                for k, v in UNITS.attrs.items()})
    rl = Layer("REDLINE", [box(100, 100, 600, 600), bowtie, box(700, 150, 900, 250)])
    core = Layer("CORE", [box(1950, 450, 2050, 550), bowtie])
    one = check_siting(SITES, units, ACCESS, rl, core, PARAMS, M, threads=1)
    for threads in (2, 3):
        many = check_siting(SITES, units, ACCESS, rl, core, PARAMS, M, threads=threads)
        for got, want in ((many.table, one.table), (many.findings.table(M), one.findings.table(M))):
            assert list(got) == list(want)
            for name in want:
                if name == "geometry":
                    assert shapely.to_wkb(got[name]).tolist() == shapely.to_wkb(want[name]).tolist()
                else:
                    np.testing.assert_array_equal(got[name], want[name])
    rules = list(one.findings.table(M)["rule"])
    assert rules.count("SITE_INPUT_INVALID") == 3 and "SITE_CORE_ZONE" in rules
