"""Comparing two red-line versions on hand-made layouts with exactly known areas."""
import numpy as np
import pytest
import shapely

from ecospace.core.compare import CompareParams, compare_versions, identical
from ecospace.core.layer import Layer
from ecospace.core.measure import Measurer, TransverseMercator
from ecospace.core.progress import Cancelled, Progress

X, Y = 36500000.0, 2540000.0  # on the central meridian: ellipsoidal area = planar area within 1e-6
M = Measurer(TransverseMercator(108, 1.0, 36500000).to_lonlat)


def box(x0, y0, x1, y1):
    return shapely.box(X + x0, Y + y0, X + x1, Y + y1)


def layer(name, geoms, **attrs):
    return Layer(name, np.array(geoms, dtype=object), attrs=attrs)


def close(a, b):
    return abs(a - b) <= 1e-3 * max(1.0, abs(b))


# OLD: A 0-100, B 200-300 (x), C 400-500; NEW: A unchanged, B shrunk to 200-250, D added 600-700
OLD = [box(0, 0, 100, 100), box(200, 0, 300, 100), box(400, 0, 500, 100)]
NEW = [box(0, 0, 100, 100), box(200, 0, 250, 100), box(600, 0, 700, 100)]
# two counties split at x = 450
COUNTIES = layer("COUNTIES", [box(-50, -50, 450, 150), box(450, -50, 800, 150)],
                 XZQDM=["450101", "450102"], XZQMC=["甲县", "乙县"])


def run(old=OLD, new=NEW, **kw):
    return compare_versions(layer("OLD", old), layer("NEW", new), measure=M, **kw)


def test_identical_features_are_skipped():
    r = run()
    assert r.identical == 1
    assert r.changed == (2, 2)


def test_added_and_removed_areas_without_counties():
    r = run()
    assert sorted(r.removed["fid"].tolist()) == [2, 3]
    rem = dict(zip(r.removed["fid"].tolist(), r.removed["area_m2"]))
    assert close(rem[2], 5000.0) and close(rem[3], 10000.0)
    assert r.added["fid"].tolist() == [3]
    assert close(r.added["area_m2"][0], 10000.0)
    assert close(r.added["area_ha"][0], 1.0)
    total = r.counties
    assert total["code"].tolist() == ["TOTAL"]
    assert close(total["before_m2"][0], 30000.0) and close(total["after_m2"][0], 25000.0)
    assert close(total["net_m2"][0], -5000.0)
    assert close(total["added_m2"][0] - total["removed_m2"][0], total["net_m2"][0])


def test_removal_with_and_without_a_reason():
    farmland = layer("farmland", [box(260, 0, 300, 100)])   # covers 4,000 of B's 5,000 m² removal
    mining = layer("mining_rights", [box(240, 0, 290, 50)])  # overlaps the removal too
    r = run(reasons=[farmland, mining])
    by_fid = {f: k for k, f in enumerate(r.removed["fid"].tolist())}
    b, c = by_fid[2], by_fid[3]
    assert r.removed["reasons"][b] == "farmland; mining_rights"
    # farmland 260-300 x 0-100 ∪ mining 250-290 x 0-50 within 250-300: 4,000 + 500 = 4,500 of 5,000
    assert close(r.removed["reason_share_pct"][b], 90.0)
    assert r.removed["reasons"][c] == ""
    t = r.findings.table(M)
    found = sorted(zip(t["rule"], t["fid"].astype(int)))
    assert found == [("CMP_REMOVED_NO_REASON", 3), ("CMP_REMOVED_REASON", 2)]
    k = list(t["rule"]).index("CMP_REMOVED_NO_REASON")
    assert t["severity"][k] == "warning" and close(t["area_m2"][k], 10000.0)


def test_min_share_turns_a_thin_reason_into_no_reason():
    farmland = layer("farmland", [box(295, 0, 300, 100)])  # 10 % of the removal
    r = run(reasons=[farmland], params=CompareParams(reason_min_share=50.0))
    t = r.findings.table(M)
    assert sorted(t["rule"]) == ["CMP_REMOVED_NO_REASON", "CMP_REMOVED_NO_REASON"]


def test_county_split_and_table():
    # C (400-500) is cut by the county line at 450: two removed pieces, one per county
    r = run(counties=COUNTIES, code_field="XZQDM", name_field="XZQMC")
    c_rows = [k for k, f in enumerate(r.removed["fid"]) if f == 3]
    assert sorted(r.removed["code"][c_rows].tolist()) == ["450101", "450102"]
    assert all(close(a, 5000.0) for a in r.removed["area_m2"][c_rows])
    assert r.added["name"].tolist() == ["乙县"]
    t = r.counties
    assert t["code"].tolist() == ["450101", "450102", "TOTAL"]
    assert close(t["before_m2"][0], 25000.0) and close(t["after_m2"][0], 15000.0)
    assert close(t["removed_m2"][0], 10000.0) and close(t["added_m2"][0], 0.0)
    assert close(t["before_m2"][1], 5000.0) and close(t["after_m2"][1], 10000.0)
    assert close(t["net_m2"][1], 5000.0)
    assert close(t["county_area_m2"][0], 500.0 * 200.0)
    assert close(t["after_pct"][0], 15.0)
    for k in range(3):  # disjoint patches: the ledger change equals the net change
        assert close(t["added_m2"][k] - t["removed_m2"][k], t["net_m2"][k])
        assert close(t["after_m2"][k] - t["before_m2"][k], t["net_m2"][k])


def test_removing_a_duplicate_changes_the_ledger_but_not_the_land():
    r = run(old=[box(0, 0, 100, 100), box(0, 0, 100, 100)], new=[box(0, 0, 100, 100)])
    t = r.counties
    assert close(t["before_m2"][0], 20000.0) and close(t["after_m2"][0], 10000.0)
    assert close(t["net_m2"][0], 0.0) and len(r.removed["fid"]) == 0


def test_piece_outside_every_county_keeps_no_county():
    new = NEW + [box(900, 0, 1000, 100)]  # beyond the second county (ends at 800)
    r = run(new=new, counties=COUNTIES, code_field="XZQDM")
    k = r.added["fid"].tolist().index(4)
    assert r.added["code"][k] == "" and close(r.added["area_m2"][k], 10000.0)
    assert close(r.counties["added_m2"][-1], 20000.0)


def test_reordered_vertices_count_as_identical():
    a = box(0, 0, 100, 100)
    rotated = shapely.Polygon(np.roll(shapely.get_coordinates(a)[:-1], 2, axis=0))
    same_o, match = identical(np.array([a]), np.array([a]), np.array([rotated]), np.array([rotated]))
    assert same_o.tolist() == [True] and match.tolist() == [0]
    r = run(old=[a], new=[rotated])
    assert r.identical == 1 and len(r.added["fid"]) == 0 and len(r.removed["fid"]) == 0


def test_split_feature_gives_no_change():
    r = run(old=[box(0, 0, 100, 100)], new=[box(0, 0, 50, 100), box(50, 0, 100, 100)])
    assert len(r.added["fid"]) == 0 and len(r.removed["fid"]) == 0
    assert close(r.counties["net_m2"][0], 0.0)


def test_invalid_and_missing_geometries_do_not_stop_the_run():
    bowtie = shapely.from_wkt("POLYGON(({0} {1},{2} {3},{2} {1},{0} {3},{0} {1}))".format(
        X + 200, Y, X + 300, Y + 100))
    r = run(old=OLD[:1] + [bowtie, None], new=NEW[:1])
    t = r.findings.table(M)
    assert "CMP_INPUT_INVALID" in set(t["rule"])
    assert close(r.removed["area_m2"].sum(), 5000.0)  # the repaired bow-tie: two triangles


def test_cancel_raises():
    calls = iter([False, False, True] + [True] * 20)
    with pytest.raises(Cancelled):
        run(progress=Progress(is_canceled=lambda: next(calls)))


def test_a_feature_without_geometry_is_reported_and_its_counterpart_not_counted():
    """OLD's patch 3 lost its geometry; NEW has it (same id): that is no addition. Patch 2 (id 'b')
    shrank, as before. Matching is by the id field, not by position."""
    old = layer("OLD", [OLD[0], OLD[1], None], BSM=["a", "b", "c"])
    new = layer("NEW", [OLD[2], NEW[0], NEW[1]], BSM=["c", "a", "b"])
    r = compare_versions(old, new, measure=M, id_field="BSM")
    t = r.findings.table(M)
    null, unknown = t["rule"] == "CMP_GEOM_NULL", t["rule"] == "CMP_CHANGE_UNKNOWN"
    assert list(zip(t["layer"][null], t["fid"][null])) == [("OLD", 3.0)]
    assert list(zip(t["layer"][unknown], t["fid"][unknown], t["other_fid"][unknown])) == [("NEW", 1.0, 3.0)]
    assert list(t["detail"][unknown]) == ["c"] and close(t["area_m2"][unknown][0], 10000.0)
    assert len(r.added["fid"]) == 0  # NEW 1 (id c) is not counted as added
    assert r.removed["fid"].tolist() == [2] and close(r.removed["area_m2"][0], 5000.0)


def test_without_an_id_field_the_fid_matches():
    r = run(old=[OLD[0], None, OLD[2]], new=NEW)
    t = r.findings.table(M)
    assert sorted(t["rule"].tolist()) == ["CMP_CHANGE_UNKNOWN", "CMP_GEOM_NULL", "CMP_REMOVED_NO_REASON"]
    assert r.removed["fid"].tolist() == [3]  # C is gone; B's NEW version is not counted as added
    assert r.added["fid"].tolist() == [3]
