"""check_units over partitions by county code (core.units_partition) equals check_units over the
whole layers: every rule, layer, fid, other fid and area (1e-9 relative) and the statistics, with
units across county lines and partition edges, codes naming another or no county, duplicate codes,
red line and factors, an empty partition, on 1 to 8 runs and on threads."""
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
import shapely

from ecospace.core.layer import Layer
from ecospace.core.measure import Measurer, TransverseMercator
from ecospace.core.unit_check import UnitCheckParams, check_units
from ecospace.core.units_partition import (
    check_units_partitioned,
    check_units_threaded,
    memory_units_inputs,
    units_plan,
)

X, Y = 36500000.0, 2540000.0
M = Measurer(TransverseMercator(108, 1.0, 36500000).to_lonlat)
SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample" / "ecospace_sample.gpkg"


def box(x0, y0, x1, y1):
    return shapely.box(X + x0, Y + y0, X + x1, Y + y1)


def province(seed):
    """4 × 3 counties of 3 × 2 km tiled by units (columns cut at a random height), then defects:
    units stretched over a county line, an overlap across a county line, a gap, a missing and an
    invalid unit, codes of another county, of no county and a duplicate; red line and factors."""
    rng = np.random.default_rng(seed)
    counties, codes, units, ucodes = [], [], [], []
    for cx in range(4):
        for cy in range(3):
            x0, y0 = cx * 3000.0, cy * 2000.0
            code = "45{:02d}{:02d}".format(1 + cx, 1 + cy)
            counties.append(box(x0, y0, x0 + 3000, y0 + 2000))
            codes.append(code)
            cuts = np.concatenate([[x0], np.sort(rng.uniform(x0 + 1, x0 + 2999, 3)), [x0 + 3000]])
            for a, b in zip(cuts[:-1], cuts[1:]):
                h = rng.uniform(y0 + 100, y0 + 1900)
                units += [box(a, y0, b, h), box(a, h, b, y0 + 2000)]
                ucodes += [code, code]
    units = np.array(units, dtype=object)
    n = len(units)
    klass = rng.integers(1, 4, n)
    seq = np.arange(1, n + 1)
    pick = rng.choice(n, 9, replace=False)
    units[pick[0]] = box(2600, 2500, 3400, 2900)                               # across a county line
    units[pick[1]] = shapely.affinity.scale(units[pick[1]], 1.3, 1.3)          # overlaps neighbours
    units[pick[2]] = shapely.affinity.scale(units[pick[2]], 0.99, 0.99)        # gaps all round
    units[pick[3]] = None
    units[pick[4]] = shapely.Polygon([(X, Y), (X + 50, Y + 50), (X + 50, Y), (X, Y + 50)])  # bow-tie
    ucodes[pick[5]] = codes[(codes.index(ucodes[pick[5]]) + 5) % len(codes)]   # another county
    ucodes[pick[6]] = "999999"                                                 # no county
    full = ["ZH{}{}{:04d}".format(c, k, s) for c, k, s in zip(ucodes, klass, seq)]
    full[pick[7]] = full[pick[8]] = "ZH{}{}{:04d}".format(ucodes[pick[8]], klass[pick[8]], 9999)
    full[pick[6] - 1] = "bad"
    attrs = {"HJZHGKDYBM": full, "HJZHGKDYMC": ["u"] * n, "ZHGKDYFL": klass.tolist()}
    blobs = lambda k, r: [shapely.Point(X + x, Y + y).buffer(r * rng.uniform(0.5, 1.5))  # noqa: E731
                          for x, y in rng.uniform([0, 0], [12000, 6000], (k, 2))]
    redline = blobs(40, 300) + [shapely.Polygon([(X, Y + 10), (X + 90, Y + 90), (X + 90, Y + 10),
                                                 (X, Y + 90)])]
    return (Layer("UNITS", units, attrs=attrs), Layer("COUNTIES", counties, attrs={"XZQDM": codes}),
            Layer("REDLINE", redline), Layer("WATER", blobs(60, 250)), Layer("TOWN", blobs(30, 400)))


def rows(result):
    t = result.findings.table(M)
    out = []
    for k in range(len(t["rule"])):
        num = tuple(None if np.isnan(t[c][k]) else float(t[c][k]) for c in ("fid", "other_fid"))
        out.append((t["rule"][k], str(t["layer"][k]), str(t["other_layer"][k]), *num,
                    str(t["detail"][k]), str(t["feature_code"][k]), t["area_m2"][k]))
    return sorted(out, key=lambda r: repr(r[:-1]))


def assert_same(got, want):
    a, b = rows(got), rows(want)
    assert [r[:-1] for r in a] == [r[:-1] for r in b]
    np.testing.assert_allclose(np.array([r[-1] for r in a], dtype=float),
                               np.array([r[-1] for r in b], dtype=float), rtol=1e-9, atol=0)
    for key in ("county", "class", "units"):
        assert list(got.statistics[key]) == list(want.statistics[key])
    for key in ("area_m2", "share_pct"):
        np.testing.assert_allclose(got.statistics[key], want.statistics[key], rtol=1e-9)
    np.testing.assert_allclose(got.unit_area, want.unit_area, rtol=1e-9)


PARAMS = UnitCheckParams(access_fields=())


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("groups", [1, 3, 8])
def test_partitions_equal_the_whole_check(seed, groups):
    units, counties, redline, water, town = province(seed)
    kw = dict(redline=redline, priority=[redline, water], key=[town], params=PARAMS, measure=M)
    whole = check_units(units, counties=counties, **kw)
    inputs = memory_units_inputs(units, counties, redline, [redline, water], [town])
    parts = check_units_partitioned(inputs, PARAMS, M, groups=groups)
    assert_same(parts, whole)
    found = {r[0] for r in rows(whole)}
    assert {"UNIT_OVERLAP", "UNIT_GAP", "UNIT_CROSS_COUNTY", "UNIT_CODE_COUNTY", "UNIT_CODE_FORMAT",
            "UNIT_CODE_DUPLICATE", "UNIT_GEOM_INVALID", "UNIT_GEOM_NULL", "UNIT_INPUT_INVALID",
            "UNIT_REDLINE_LOWER"} <= found


def test_plan_has_straddling_units_and_an_empty_partition():
    units, counties, *_ = province(0)
    inputs = memory_units_inputs(units, counties)
    plan = units_plan(inputs, 12, PARAMS)  # a run per county
    assert plan.groups == 12 and len(plan) == 13
    owners = set(plan.unit_owner.tolist())
    assert owners == set(range(13))  # REST (12) holds the units whose code names no county
    # a unit lying in counties of two runs
    geoms = shapely.make_valid(units.geoms)
    u, c = shapely.STRtree(counties.geoms).query(geoms, predicate="intersects")
    big = shapely.area(shapely.intersection(geoms[u], counties.geoms[c])) > 1
    runs = {}
    for k, owner in zip(u[big], plan.county_owner[c[big]]):
        runs.setdefault(int(k), set()).add(int(owner))
    crossing = [k for k, r in runs.items() if len(r) > 1]
    assert crossing
    clean = Layer("UNITS", units.geoms[:4], attrs={k: v[:4] for k, v in units.attrs.items()})
    empty = units_plan(memory_units_inputs(clean, counties), 3, PARAMS)
    assert not (empty.unit_owner == empty.groups).any()  # REST is empty: it runs and gives nothing
    whole = check_units(clean, counties=counties, params=PARAMS, measure=M)
    assert_same(check_units_partitioned(memory_units_inputs(clean, counties), PARAMS, M, groups=3), whole)


def test_threads_equal_one_thread():
    units, counties, redline, water, town = province(1)
    kw = dict(redline=redline, priority=[redline, water], key=[town], params=PARAMS, measure=M)
    one = check_units_threaded(1, units, counties, **kw)
    two = check_units_threaded(2, units, counties, **kw)
    assert_same(two, one)
    inputs = memory_units_inputs(units, counties, redline, [redline, water], [town])
    with ThreadPoolExecutor(max_workers=2) as pool:
        assert_same(check_units_partitioned(inputs, PARAMS, M, groups=5, mapper=pool.map), one)


@pytest.mark.parametrize("seed", range(2))
@pytest.mark.parametrize("study", [False, True], ids=["counties", "study area"])
def test_check_units_blocks_on_threads_equal_one_thread(seed, study):
    """check_units(threads=n): its blocks of units and zones give the findings of one thread,
    row for row in the same order (geometries too), and the same statistics."""
    units, counties, redline, water, town = province(seed)
    area = Layer("STUDY", [shapely.box(X - 100, Y - 100, X + 11000, Y + 6100)]) if study else None
    kw = dict(study_area=area, redline=redline, priority=[redline, water], key=[town], params=PARAMS,
              measure=M)
    one = check_units(units, counties, **kw)
    for threads in (2, 3):
        got = check_units(units, counties, threads=threads, **kw)
        a, b = got.findings.table(M), one.findings.table(M)
        for column in a:
            same = (shapely.to_wkb(a[column]), shapely.to_wkb(b[column])) if column == "geometry" \
                else (a[column], b[column])
            np.testing.assert_array_equal(*same)
        assert_same(got, one)
    assert {"UNIT_GAP", "UNIT_CROSS_COUNTY", "UNIT_REDLINE_LOWER"} <= {r[0] for r in rows(one)}


@pytest.mark.skipif(not SAMPLE.exists(), reason="sample data not built")
def test_sample_partitions_equal_the_whole_check():
    pytest.importorskip("osgeo.ogr")  # the sample is read with GDAL
    from . import test_unit_check_fast as fast

    fields, read = fast.UNIT_FIELDS, fast.read

    units, proj4 = read("control_units", fields)
    units.name = "UNITS"
    counties, _ = read("counties", ("XZQDM",))
    redline, _ = read("redline")
    prio, key = read("priority_zones")[0], read("key_zones")[0]
    from ecospace.core.measure import to_lonlat_from_proj

    measure = Measurer(to_lonlat_from_proj(proj4), conformal=True)
    params = UnitCheckParams()
    whole = check_units(units, counties=counties, redline=redline, priority=[prio, redline], key=[key],
                        params=params, measure=measure)
    inputs = memory_units_inputs(units, counties, redline, [prio, redline], [key])
    for groups in (2, 4):
        got = check_units_partitioned(inputs, params, measure, groups=groups)
        a, b = rows(got), rows(whole)
        assert [r[:-1] for r in a] == [r[:-1] for r in b]
