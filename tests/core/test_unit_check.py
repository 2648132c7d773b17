"""QA of a delivered unit layer: a clean layer, then each defect on its own."""
import re

import numpy as np
import pytest
import shapely
from shapely import Polygon

from ecospace.core.layer import Layer
from ecospace.core.measure import Measurer, TransverseMercator
from ecospace.core.progress import Cancelled, Progress
from ecospace.core.unit_check import UnitCheckParams, check_units
from ecospace.core.units_generate import GenerateParams, generate_units

X, Y = 36500000.0, 2540000.0  # on the central meridian: ellipsoidal area = planar area (k = 1)
M = Measurer(TransverseMercator(108, 1.0, 36500000).to_lonlat)
ACCESS = ("KJBJYS", "PWWPFGK", "HJFXFK", "ZYKFXLYQ")


def box(x0, y0, x1, y1):
    return shapely.box(X + x0, Y + y0, X + x1, Y + y1)


COUNTIES = Layer("COUNTIES", [box(0, 0, 2000, 1000), box(2000, 0, 4000, 1000)],
                 attrs={"XZQDM": ["450122", "450123"]})
REDLINE = Layer("REDLINE", [box(100, 100, 900, 900)])
PARK = Layer("PARK", [box(2000, 0, 3000, 1000)])


def base():
    """Four units tiling the two counties: priority, general | key, general."""
    return {"geoms": [box(0, 0, 1000, 1000), box(1000, 0, 2000, 1000), box(2000, 0, 3000, 1000),
                      box(3000, 0, 4000, 1000)],
            "HJZHGKDYBM": ["ZH45012210001", "ZH45012230001", "ZH45012320001", "ZH45012330001"],
            "HJZHGKDYMC": ["甲优先", "甲一般", "乙重点", "乙一般"],
            "ZHGKDYFL": [1, 3, 2, 3],
            **{f: ["要求"] * 4 for f in ACCESS}}


def layer(spec):
    spec = dict(spec)
    geoms = spec.pop("geoms")
    return Layer("UNITS", geoms, attrs=spec)


def run(spec, **kw):
    kw.setdefault("counties", COUNTIES)
    kw.setdefault("redline", REDLINE)
    kw.setdefault("priority", [REDLINE])
    kw.setdefault("key", [PARK])
    return check_units(layer(spec), measure=M, **kw)


def found(result):
    t = result.findings.table(M)
    return [(t["rule"][k], None if np.isnan(t["fid"][k]) else int(t["fid"][k]),
             None if np.isnan(t["area_m2"][k]) else float(round(t["area_m2"][k])), t["detail"][k],
             t["severity"][k])
            for k in range(len(t["rule"]))]


def test_clean_layer_and_statistics():
    result = run(base())
    assert found(result) == []
    stats = result.statistics
    assert list(stats["county"]) == ["450122", "450122", "450123", "450123", "TOTAL", "TOTAL", "TOTAL"]
    assert list(stats["class"]) == [1, 3, 2, 3, 1, 2, 3]
    assert list(stats["units"]) == [1, 1, 1, 1, 1, 1, 2]
    assert stats["share_pct"] == pytest.approx([50, 50, 50, 50, 25, 25, 50], rel=1e-6)
    assert stats["area_ha"][-1] == pytest.approx(200.0, rel=1e-6)


def test_generated_units_pass_the_check():
    admin = Layer("ADMIN", COUNTIES.geoms, attrs={"XZQDM": ["450122", "450123"], "XZQMC": ["甲", "乙"]})
    units = generate_units(admin, [REDLINE], [PARK], params=GenerateParams(min_unit_area=1e4),
                           measure=M).units
    spec = {"geoms": units["geometry"], "HJZHGKDYBM": units["code"], "HJZHGKDYMC": units["name"],
            "ZHGKDYFL": units["class"], **{f: ["x"] * len(units["code"]) for f in ACCESS}}
    assert found(run(spec)) == []


def with_(**changes):
    spec = base()
    for key, (index, value) in changes.items():
        if index is None:
            spec.pop(key)
        else:
            spec[key] = list(spec[key])
            spec[key][index] = value
    return spec


SPIKE = Polygon([(X + 1000, Y), (X + 2000, Y), (X + 2000, Y + 1000), (X + 1500, Y + 1000),
                 (X + 1500, Y + 1200), (X + 1500, Y + 1000), (X + 1000, Y + 1000)])


@pytest.mark.parametrize("spec, expected", [
    (with_(geoms=(3, None)), [("UNIT_GEOM_NULL", 4, None), ("UNIT_GAP", None, 1e6)]),
    (with_(geoms=(1, SPIKE)), [("UNIT_GEOM_INVALID", 2, 1e6)]),
    (with_(HJZHGKDYMC=(None, None)), [("UNIT_FIELD_MISSING", None, None)]),
    (with_(HJZHGKDYMC=(0, " ")), [("UNIT_ATTR_EMPTY", 1, 1e6)]),
    (with_(ZHGKDYFL=(1, "4")), [("UNIT_CLASS_INVALID", 2, 1e6)]),
    (with_(HJZHGKDYBM=(1, "ZH4501223001")), [("UNIT_CODE_FORMAT", 2, 1e6)]),
    (with_(HJZHGKDYBM=(1, "ZH45012220001")), [("UNIT_CODE_CLASS", 2, 1e6)]),
    (with_(HJZHGKDYBM=(3, "ZH45012230002")), [("UNIT_CODE_COUNTY", 4, 1e6)]),
    (with_(geoms=(1, box(900, 0, 2000, 1000))), [("UNIT_OVERLAP", 1, 1e5)]),
    (with_(geoms=(1, box(1000, 0, 2000, 900))), [("UNIT_GAP", None, 1e5)]),
    (with_(geoms=(3, box(3000, 0, 4000, 1100))), [("UNIT_OUTSIDE", 4, 1e5)]),
    (with_(ZHGKDYFL=(2, 3), HJZHGKDYBM=(2, "ZH45012330002")), [("UNIT_CLASS_FACTOR", 3, 1e6)]),
    (with_(KJBJYS=(2, None)), [("UNIT_ACCESS_EMPTY", 3, 1e6)]),
])
def test_each_defect_alone(spec, expected):
    assert [f[:3] for f in found(run(spec))] == expected


def test_missing_access_field_is_a_warning():
    result = run(with_(ZYKFXLYQ=(None, None)))
    assert [(f[0], f[3], f[4]) for f in found(result)] == [("UNIT_FIELD_MISSING", "ZYKFXLYQ", "warning")]


def test_duplicate_code():
    spec = base()
    spec["geoms"][3:] = [box(3000, 0, 3500, 1000), box(3500, 0, 4000, 1000)]
    for key in list(spec):
        if key != "geoms":
            spec[key].append(spec[key][3])
    t = run(spec).findings.table(M)
    assert list(zip(t["rule"], t["fid"], t["other_fid"])) == [("UNIT_CODE_DUPLICATE", 5, 4)]


def test_unit_across_a_county_line():
    spec = with_(geoms=(1, box(1000, 0, 2100, 1000)))
    spec["geoms"][2] = box(2100, 0, 3000, 1000)
    t = run(spec).findings.table(M)
    assert list(zip(t["rule"], t["fid"], t["other_fid"], np.round(t["area_m2"]))) == \
        [("UNIT_CROSS_COUNTY", 2, 2, 1e5)]


def test_red_line_in_a_general_unit_is_an_error():
    redline = Layer("REDLINE", [box(100, 100, 900, 900), box(1100, 100, 1200, 200)])
    got = found(run(base(), redline=redline, priority=[redline]))
    assert [(f[0], f[1], f[2], f[4]) for f in got] == [("UNIT_REDLINE_LOWER", 2, 1e4, "error")]


def test_gaps_without_counties_are_holes_in_the_union():
    spec = base()
    spec["geoms"][1] = Polygon(box(1000, 0, 2000, 1000).exterior.coords,
                               [box(1400, 400, 1500, 500).exterior.coords])
    got = found(run(spec, counties=None))
    assert [f[:3] for f in got] == [("UNIT_GAP", None, 1e4)]


def test_study_area_replaces_the_counties_for_gaps():
    study = Layer("STUDY", [box(0, 0, 4000, 1200)])
    got = found(run(base(), study_area=study))
    assert [f[:3] for f in got] == [("UNIT_GAP", None, 8e5)]


def test_field_mapping_and_fitting_parameters():
    spec = base()
    spec["BM"] = spec.pop("HJZHGKDYBM")
    params = UnitCheckParams(code_field="BM", access_fields=())
    params.fit.strict = True  # any red line at all makes a unit priority
    redline = Layer("REDLINE", [box(100, 100, 900, 900), box(3100, 100, 3101, 101)])
    got = found(check_units(layer(spec), COUNTIES, redline=redline, priority=[redline], key=[PARK],
                            params=params, measure=M))
    assert [(f[0], f[1], f[3]) for f in got] == [("UNIT_REDLINE_LOWER", 4, None),
                                                 ("UNIT_CLASS_FACTOR", 4, "3 → 1")]


def test_cancel():
    calls = []
    progress = Progress(on_progress=lambda p, t: calls.append(p), is_canceled=lambda: len(calls) >= 3)
    with pytest.raises(Cancelled):
        check_units(layer(base()), COUNTIES, measure=M, progress=progress)


def test_empty_layer_reports_only_missing_fields():
    empty = Layer("E", [])
    result = check_units(empty, empty, study_area=empty, redline=empty, priority=[empty], key=[empty],
                         measure=M)
    assert set(result.findings.table()["rule"]) == {"UNIT_FIELD_MISSING"}
    assert len(result.statistics["county"]) == 0


def test_boundary_noise_is_a_note_naming_the_county():
    """30 m of unit 2 along the line in 450123 is a boundary mismatch (info), the county named."""
    spec = with_(geoms=(1, box(1000, 0, 2030, 1000)))
    spec["geoms"][2] = box(2030, 0, 3000, 1000)
    counties = Layer("COUNTIES", COUNTIES.geoms, attrs={"XZQDM": ["450122", "450123"],
                                                       "XZQMC": ["甲县", "乙县"]})
    t = run(spec, counties=counties, county_name_field="XZQMC").findings.table(M)
    assert list(zip(t["rule"], t["fid"], t["feature_code"], t["other_fid"], t["other_code"],
                    np.round(t["area_m2"]), t["severity"], t["detail"])) == \
        [("UNIT_COUNTY_BOUNDARY_MISMATCH", 2, "ZH45012230001", 2, "450123", 3e4, "info", "450123 乙县")]
    params = UnitCheckParams(boundary_noise_width=20.0)
    t = run(spec, counties=counties, params=params).findings.table(M)
    assert list(zip(t["rule"], t["detail"])) == [("UNIT_CROSS_COUNTY", "450123")]


def test_unit_code_of_another_county_names_both():
    counties = Layer("COUNTIES", COUNTIES.geoms, attrs={"XZQDM": ["450122", "450123"],
                                                       "XZQMC": ["甲县", "乙县"]})
    t = run(with_(HJZHGKDYBM=(3, "ZH45012230002")), counties=counties,
            county_name_field="XZQMC").findings.table(M)
    assert list(zip(t["rule"], t["fid"], t["detail"])) == \
        [("UNIT_CODE_COUNTY", 4, "450122 甲县 → 450123 乙县")]


def test_invalid_unit_is_drawn_at_its_spike():
    """The spike's self-intersection, not the whole 1 km² unit, named by its code. GEOS 3.11 places it at
    the spike's foot (1500, 1000) as a 'Ring Self-intersection', GEOS 3.15 at its tip (1500, 1200)."""
    t = run(with_(geoms=(1, SPIKE))).findings.table(M)
    assert list(zip(t["rule"], t["fid"], t["feature_code"])) == [("UNIT_GEOM_INVALID", 2, "ZH45012230001")]
    found = re.fullmatch(r"(Ring )?Self-intersection\[36501500 (2541000|2541200)\]", t["detail"][0])
    assert found, t["detail"][0]
    y = int(found.group(2)) - 2540000
    assert t["geometry"][0].equals_exact(box(1497.5, y - 2.5, 1502.5, y + 2.5), 1e-6)
    assert t["area_m2"][0] == pytest.approx(1e6, rel=1e-6)
