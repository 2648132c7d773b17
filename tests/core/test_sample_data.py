"""The bundled sample GeoPackage, re-checked with plain shapely (no QGIS, no plugin code).

An independent re-implementation of the REDLINE_SPEC rules (default parameters) must find exactly the
findings listed in resources/sample/defects.json; the admin layers and protected-area zones must tile.
"""
import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import shapely

ogr = pytest.importorskip("osgeo.ogr")

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample"
GPKG = SAMPLE / "ecospace_sample.gpkg"
MIN_PART, MIN_HOLE, OVERLAP_TOL, SLIVER, CROSS_TOL = 200.0, 200.0, 0.01, 0.05, 1.0
CONFLICT_LAYERS = ("construction_land", "mining_rights", "settlements")
SEVERITY = {"RL_FRAGMENT": "warning", "RL_HOLE": "warning", "RL_SLIVER": "warning", "RL_CONFLICT": "warning",
            "RL_CROSS_COUNTY": "warning", "RL_AREA_MISMATCH": "warning", "RL_INPUT_INVALID": "warning"}


def read_layer(name):
    """{fid: (shapely geometry or None, attributes)} straight from OGR."""
    ds = ogr.Open(str(GPKG))
    lyr = ds.GetLayerByName(name)
    out = {}
    for f in lyr:
        g = f.GetGeometryRef()
        geom = shapely.from_wkb(bytes(g.ExportToIsoWkb())) if g is not None else None
        out[f.GetFID()] = (geom, {k: f.GetField(k) for k in f.keys()})
    return out


def polygonal(g):
    """make_valid, keeping only the polygonal part."""
    g = shapely.make_valid(g)
    polys = [p for p in shapely.get_parts(g) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(polys) if polys else shapely.Polygon()


def parts(g):
    return [p for p in shapely.get_parts(g) if not p.is_empty]


def thinness(p):
    return 4 * math.pi * p.area / p.length ** 2


@pytest.fixture(scope="module")
def data():
    assert GPKG.exists(), "run tools/make_sample_data.py"
    names = ["counties", "townships", "redline", "farmland", "urban_boundary", "protected_areas", "pa_zones"]
    return {n: read_layer(n) for n in names + list(CONFLICT_LAYERS)}


@pytest.fixture(scope="module")
def manifest():
    with open(SAMPLE / "defects.json", encoding="utf-8") as fh:
        return json.load(fh)


def pair_pieces(a, b, min_area=OVERLAP_TOL):
    """[(fid_a, fid_b, piece)] for every intersection of two {fid: geom} dicts above min_area."""
    fa, ga = list(a), np.array(list(a.values()), dtype=object)
    fb, gb = list(b), np.array(list(b.values()), dtype=object)
    ia, ib = shapely.STRtree(gb).query(ga, predicate="intersects")
    out = []
    for i, j in zip(ia, ib):
        piece = polygonal(shapely.intersection(ga[i], gb[j]))
        if piece.area > min_area:
            out.append((fa[i], fb[j], piece))
    return out


def independent_findings(d):
    """[(rule, layer, fid, other_layer, other_fid, area or None)] per REDLINE_SPEC, default parameters."""
    found = []

    def add(rule, layer, fid, geom=None, other_layer=None, other_fid=None):
        found.append((rule, layer, fid, other_layer, other_fid, None if geom is None else geom.area))

    red = {}
    for fid, (g, _a) in d["redline"].items():
        if g is None or g.is_empty:
            add("RL_GEOM_NULL", "REDLINE", fid)
            continue
        if not g.is_valid:
            g = polygonal(g)
            add("RL_GEOM_INVALID", "REDLINE", fid, g)
        red[fid] = g
    seen, dups = {}, set()
    for fid, g in red.items():
        key = shapely.to_wkb(shapely.normalize(g))
        if key in seen:
            add("RL_DUPLICATE", "REDLINE", fid, g, "REDLINE", seen[key])
            dups.add(fid)
        else:
            seen[key] = fid
    single = {f: g for f, g in red.items() if f not in dups}
    for fa, fb, piece in pair_pieces(single, single):
        if fa < fb:
            add("RL_SELF_OVERLAP", "REDLINE", fa, piece, "REDLINE", fb)
    union_all = shapely.union_all(list(red.values()))
    for fid, g in red.items():
        for p in parts(g):
            if p.area < MIN_PART:
                add("RL_FRAGMENT", "REDLINE", fid, p)
            elif thinness(p) < SLIVER:
                add("RL_SLIVER", "REDLINE", fid, p)
            for ring in p.interiors:
                hole = shapely.Polygon(ring)
                others = shapely.union_all([o for f, o in red.items() if f != fid and o.intersects(hole)])
                if hole.area < MIN_HOLE and hole.difference(others).area > OVERLAP_TOL:
                    add("RL_HOLE", "REDLINE", fid, hole)
    fixed = {}
    for name, label in [("farmland", "FARMLAND"), ("urban_boundary", "URBAN_BOUNDARY"),
                        ("protected_areas", "PROTECTED_AREAS"), ("counties", "COUNTIES")] + \
            [(c, c) for c in CONFLICT_LAYERS]:
        fixed[name] = {}
        for fid, (g, _a) in d[name].items():
            if not g.is_valid:
                g = polygonal(g)
                add("RL_INPUT_INVALID", label, fid, g)
            fixed[name][fid] = g
    for other, label, rule in [("farmland", "FARMLAND", "RL_OVERLAP_PBF"),
                               ("urban_boundary", "URBAN_BOUNDARY", "RL_OVERLAP_UDB")] + \
            [(c, c, "RL_CONFLICT") for c in CONFLICT_LAYERS]:
        for fa, fb, piece in pair_pieces(red, fixed[other]):
            add(rule, "REDLINE", fa, piece, label, fb)
    for fa, fb, piece in pair_pieces(fixed["farmland"], fixed["urban_boundary"]):
        add("RL_OVERLAP_PBF_UDB", "FARMLAND", fa, piece, "URBAN_BOUNDARY", fb)
    for fid, g in fixed["protected_areas"].items():
        for piece in parts(g.difference(union_all)):
            if piece.area > OVERLAP_TOL:
                add("RL_PA_OUTSIDE", "PROTECTED_AREAS", fid, piece)
    counties = {fid: (g, a["XZQDM"]) for fid, (g, a) in d["counties"].items()}
    for fid, g in red.items():
        shares = {cf: g.intersection(cg) for cf, (cg, _c) in counties.items()}
        major = max(shares, key=lambda cf: shares[cf].area)
        code = d["redline"][fid][1]["XZQDM"]
        if code not in (None, "") and code.strip() and code != counties[major][1]:
            add("RL_COUNTY_CODE", "REDLINE", fid, g, "COUNTIES", major)   # other = the majority county
        for cf, piece in shares.items():
            if cf != major and piece.area > CROSS_TOL:
                add("RL_CROSS_COUNTY", "REDLINE", fid, piece, "COUNTIES", cf)
    first_code = {}
    for fid, (_g, a) in d["redline"].items():
        geom = red.get(fid)
        if any(a[k] is None or str(a[k]).strip() == "" for k in ("BSM", "XZQDM", "MJ")):
            add("RL_ATTR_EMPTY", "REDLINE", fid, geom)
        bsm = (a["BSM"] or "").strip()
        if bsm:
            if bsm in first_code:
                add("RL_CODE_DUPLICATE", "REDLINE", fid, geom, "REDLINE", first_code[bsm])
            else:
                first_code[bsm] = fid
        if geom is not None and a["MJ"] is not None:
            if abs(a["MJ"] - geom.area) > max(0.01, 0.001 * geom.area):   # planar is within 7e-5 of ellipsoidal here
                add("RL_AREA_MISMATCH", "REDLINE", fid, geom)
    return found


def key(e):
    return (e[0], e[1], e[2], e[3], e[4]) if isinstance(e, tuple) else \
        (e["rule"], e["layer"], e["fid"], e["other_layer"], e["other_fid"])


def test_independent_recheck_matches_manifest(data, manifest):
    found = independent_findings(data)
    got = {key(f): f[5] for f in found}
    assert len(got) == len(found), "two findings share a key"
    want = {key(e): e for e in manifest}
    assert len(want) == len(manifest), "two manifest entries share a key"
    assert sorted(got) == sorted(want)
    for k, area in got.items():
        e = want[k]
        if e["area_m2"] is None:
            assert area is None, k
        else:   # manifest areas are ellipsoidal (planar / k², k-1 < 3.1e-5 here)
            assert area == pytest.approx(e["area_m2"], rel=1e-4, abs=1e-3), k


def test_manifest_schema(manifest):
    rules = {e["rule"] for e in manifest}
    planted = {"RL_GEOM_NULL", "RL_GEOM_INVALID", "RL_DUPLICATE", "RL_SELF_OVERLAP", "RL_FRAGMENT", "RL_HOLE",
               "RL_SLIVER", "RL_OVERLAP_PBF", "RL_OVERLAP_UDB", "RL_OVERLAP_PBF_UDB", "RL_PA_OUTSIDE", "RL_CONFLICT",
               "RL_COUNTY_CODE", "RL_CROSS_COUNTY", "RL_ATTR_EMPTY", "RL_CODE_DUPLICATE", "RL_AREA_MISMATCH",
               "RL_INPUT_INVALID"}
    assert rules == planted
    for e in manifest:
        assert e["severity"] == SEVERITY.get(e["rule"], "error")
        assert e["description"] and e["description_zh"]
        assert (e["x"] is None) == (e["area_m2"] is None)
        if e["x"] is not None:
            assert 36_490_000 <= e["x"] <= 36_550_000 and 2_525_000 <= e["y"] <= 2_565_000


def test_counties_tile_study_area(data):
    geoms = [g for g, _a in data["counties"].values()]
    assert [a["XZQDM"] for _g, a in data["counties"].values()] == ["450122", "450123", "450124"]
    assert all(g.is_valid for g in geoms)
    union = shapely.union_all(geoms)
    assert sum(g.area for g in geoms) == pytest.approx(union.area, abs=1e-3)
    area_box = shapely.box(36_490_000, 2_525_000, 36_550_000, 2_565_000)
    assert union.symmetric_difference(area_box).area < 1e-3


def test_townships_tile_counties(data):
    for cg, ca in data["counties"].values():
        own = [g for g, a in data["townships"].values() if a["XJDM"] == ca["XZQDM"]]
        assert len(own) == 5
        codes = [a["XZQDM"] for _g, a in data["townships"].values() if a["XJDM"] == ca["XZQDM"]]
        assert all(len(c) == 9 and c.startswith(ca["XZQDM"]) for c in codes)
        assert sum(g.area for g in own) == pytest.approx(cg.area, abs=1e-3)
        assert shapely.union_all(own).symmetric_difference(cg).area < 1e-3


def planted_reserves(data):
    """Ids of the protected areas where tools/sample_reserves.py planted zone defects (defects_reserves.json)."""
    with open(SAMPLE / "defects_reserves.json", encoding="utf-8") as fh:
        planted = [e for e in json.load(fh) if e["check"] == "reserve_check"]
    ids = {data["protected_areas"][e["fid"]][1]["BHDDM"] for e in planted if e["layer"] == "RESERVES"}
    ids |= {data["pa_zones"][e["fid"]][1]["BHDDM"] for e in planted if e["layer"] == "ZONES"}
    return ids | {"NA450124001"}   # its zone is named YBKZ, the planted unknown value


def test_zones_tile_protected_areas(data):
    planted = planted_reserves(data)
    assert len(planted) < len(data["protected_areas"])
    for pg, pa in data["protected_areas"].values():
        if pa["BHDDM"] in planted:
            continue
        zones = [(g, a["GNFQ"]) for g, a in data["pa_zones"].values() if a["BHDDM"] == pa["BHDDM"]]
        names = {z for _g, z in zones}
        assert names in ({"核心区", "缓冲区", "实验区"}, {"核心保护区", "一般控制区"}, {"一般控制区"})
        if pa["BHDLX"] == "自然公园":
            assert names == {"一般控制区"}
        geoms = [g for g, _z in zones]
        assert all(g.is_valid for g in geoms)
        assert sum(g.area for g in geoms) == pytest.approx(pg.area, abs=1e-3)
        assert shapely.union_all(geoms).symmetric_difference(pg).area < 1e-3
        assert pa["SBMJ"] == pytest.approx(pg.area, rel=1e-4)


def test_no_near_touching_outside_planted_pairs(data, manifest):
    """Unplanted pairs of red line / farmland / urban / conflict features stay at least 1 m apart,
    so no engine's rounding can turn a near-touch into a finding."""
    planted = {(e["layer"], e["fid"], e["other_layer"], e["other_fid"]) for e in manifest if e["other_layer"]}
    red = {f: polygonal(g) for f, (g, _a) in data["redline"].items() if g is not None and not g.is_empty}
    layers = {"REDLINE": red}
    for name, label in [("farmland", "FARMLAND"), ("urban_boundary", "URBAN_BOUNDARY")] + \
            [(c, c) for c in CONFLICT_LAYERS]:
        layers[label] = {f: polygonal(g) for f, (g, _a) in data[name].items()}
    checks = [("REDLINE", "REDLINE"), ("REDLINE", "FARMLAND"), ("REDLINE", "URBAN_BOUNDARY"),
              ("FARMLAND", "URBAN_BOUNDARY")] + [("REDLINE", c) for c in CONFLICT_LAYERS]
    dup_pairs = {(e["other_fid"], e["fid"]) for e in manifest if e["rule"] == "RL_DUPLICATE"}
    island = {e["fid"] for e in manifest if e["rule"] == "RL_FRAGMENT"}   # the island touches its host's hole
    for la, lb in checks:
        fa, ga = list(layers[la]), np.array(list(layers[la].values()), dtype=object)
        fb, gb = list(layers[lb]), np.array(list(layers[lb].values()), dtype=object)
        ia, ib = shapely.STRtree(gb).query(ga, predicate="dwithin", distance=1.0)
        for i, j in zip(ia, ib):
            a, b = fa[i], fb[j]
            if la == lb and a >= b:
                continue
            pair = (la, a, lb, b)
            if pair in planted or (lb, b, la, a) in planted or (la == lb and ((a, b) in dup_pairs
                                                                               or a in island or b in island)):
                continue
            pytest.fail("features closer than 1 m: %s" % (pair,))


def test_ordinary_attributes(data, manifest):
    codes = {"450122", "450123", "450124"}
    for name in ("redline", "farmland", "urban_boundary"):
        bad = {e["fid"] for e in manifest if e["layer"] == name.upper()}
        for fid, (_g, a) in data[name].items():
            if fid in bad:
                continue
            assert a["XZQDM"] in codes
            assert a["BSM"] and a["BSM"].startswith(a["XZQDM"])
    bsm = [a["BSM"] for _g, a in data["farmland"].values()]
    assert len(set(bsm)) == len(bsm) == len(data["farmland"])
    assert 180 <= len(data["redline"]) <= 220 and len(data["farmland"]) == 1500


def _gpkg_content(path):
    """{layer: [(fid, attributes, geometry)]} of a GeoPackage, read with OGR."""
    from osgeo import ogr

    ds = ogr.Open(str(path))
    out = {}
    for k in range(ds.GetLayerCount()):
        lyr = ds.GetLayerByIndex(k)
        rows = []
        for f in lyr:
            g = f.GetGeometryRef()
            rows.append((f.GetFID(), f.items(), None if g is None else shapely.from_wkb(bytes(g.ExportToIsoWkb()))))
        out[lyr.GetName()] = rows
    return out


def test_generator_is_deterministic(tmp_path):
    """The committed sample is what the generator writes: same features, attributes and geometries.

    Compared by content, not bytes: shapely built against another GEOS may round the last digit
    of a generated coordinate differently.
    """
    made_with = json.loads((SAMPLE / "provenance.json").read_text(encoding="utf-8"))["geos"]
    if made_with != shapely.geos_version_string:
        pytest.skip("the sample was generated with GEOS {}, this shapely uses GEOS {}".format(
            made_with, shapely.geos_version_string))
    gen = ROOT / "tools" / "make_sample_data.py"
    subprocess.run([sys.executable, str(gen), "--out", str(tmp_path)], check=True, capture_output=True)
    fresh, committed = _gpkg_content(tmp_path / "ecospace_sample.gpkg"), _gpkg_content(SAMPLE / "ecospace_sample.gpkg")
    assert sorted(fresh) == sorted(committed)
    for name in committed:
        assert len(fresh[name]) == len(committed[name]), name
        for (fa, aa, ga), (fb, ab, gb) in zip(fresh[name], committed[name]):
            assert (fa, aa) == (fb, ab), name
            assert (ga is None) == (gb is None), (name, fa)
            if ga is not None:
                assert shapely.equals_exact(ga, gb, tolerance=1e-6), (name, fa)
    new = json.loads((tmp_path / "defects.json").read_text(encoding="utf-8"))
    old = json.loads((SAMPLE / "defects.json").read_text(encoding="utf-8"))
    assert len(new) == len(old)
    for a, b in zip(new, old):
        assert {k: v for k, v in a.items() if not isinstance(v, float)} == \
            {k: v for k, v in b.items() if not isinstance(v, float)}
        for key in (k for k, v in b.items() if isinstance(v, float)):
            assert a[key] == pytest.approx(b[key], rel=1e-9, abs=1e-6), key
