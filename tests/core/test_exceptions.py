"""Matching a run's findings to accepted exceptions (core/exceptions.py), without QGIS."""
import numpy as np
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from ecospace.core import exceptions as E
from ecospace.core.findings import Findings

X, Y = 36500000.0, 2540000.0


def box(x0, y0, x1, y1):
    return shapely.box(X + x0, Y + y0, X + x1, Y + y1)


def table(rows):
    """A findings/exceptions table from (rule, layer, fid, other_layer, other_fid, geometry[, code])."""
    cols = list(zip(*rows)) if rows else [()] * 6
    out = {"rule": np.array(cols[0], dtype=object), "layer": np.array(cols[1], dtype=object),
           "fid": np.array([np.nan if v is None else v for v in cols[2]], dtype=float),
           "other_layer": np.array(cols[3], dtype=object),
           "other_fid": np.array([np.nan if v is None else v for v in cols[4]], dtype=float),
           "geometry": np.array(cols[5], dtype=object)}
    if rows and len(rows[0]) > 6:
        out["feature_code"] = np.array(cols[6], dtype=object)
    return out


PIECE = box(0, 0, 40, 20)
FINDINGS = table([
    ("RL_OVERLAP_PBF", "REDLINE", 112, "FARMLAND", 933, PIECE),
    ("RL_OVERLAP_PBF", "REDLINE", 112, "FARMLAND", 934, box(100, 0, 140, 20)),
    ("RL_FRAGMENT", "REDLINE", 49, None, None, box(300, 300, 310, 310)),
    ("RL_FIELD_MISSING", "REDLINE", None, None, None, None),
])


def test_a_finding_moved_half_a_metre_still_matches():
    exc = table([("RL_OVERLAP_PBF", "REDLINE", 112, "FARMLAND", 933,
                  shapely.transform(PIECE, lambda xy: xy + [0.5, -0.3]))])
    matched = E.match(FINDINGS, exc)
    assert list(matched.exception) == [0, -1, -1, -1]
    assert list(matched.stale) == []


def test_another_feature_or_rule_or_place_does_not_match():
    exc = table([
        ("RL_OVERLAP_PBF", "REDLINE", 113, "FARMLAND", 933, PIECE),    # another red-line fid
        ("RL_OVERLAP_PBF", "REDLINE", 112, "FARMLAND", 935, PIECE),    # another farmland fid
        ("RL_OVERLAP_UDB", "REDLINE", 112, "FARMLAND", 933, PIECE),    # another rule
        ("RL_OVERLAP_PBF", "FARMLAND", 112, "FARMLAND", 933, PIECE),   # another layer
        ("RL_OVERLAP_PBF", "REDLINE", 112, "FARMLAND", 934, PIECE),    # right keys, 100 m away
    ])
    matched = E.match(FINDINGS, exc)
    assert list(matched.exception) == [-1, -1, -1, -1]
    assert list(matched.stale) == [0, 1, 2, 3, 4]


def test_tolerance_grows_with_the_size_of_the_finding():
    big = box(0, 0, 5000, 5000)
    assert np.allclose(E.tolerances([big, box(0, 0, 10, 10), None]), [50.0, 1.0, 1.0])
    findings = table([("RL_PA_OUTSIDE", "PROTECTED_AREAS", 7, None, None, box(0, 0, 5030, 5000))])
    exc = table([("RL_PA_OUTSIDE", "PROTECTED_AREAS", 7, None, None, big)])
    assert list(E.match(findings, exc).exception) == [0]  # the edge moved 30 m on a 5 km piece
    exc = table([("RL_PA_OUTSIDE", "PROTECTED_AREAS", 7, None, None, box(0, 0, 5100, 5000))])
    assert list(E.match(findings, exc).exception) == [-1]
    # degrees: 1 m is 1/111320 of a unit
    point = shapely.Point(108.0, 22.0)
    findings = table([("SITE_REDLINE", "SITES", 3, None, None, point)])
    near = table([("SITE_REDLINE", "SITES", 3, None, None, shapely.Point(108.000005, 22.0))])
    far = table([("SITE_REDLINE", "SITES", 3, None, None, shapely.Point(108.0001, 22.0))])
    assert list(E.match(findings, near, unit_m=111320.0).exception) == [0]
    assert list(E.match(findings, far, unit_m=111320.0).exception) == [-1]


def test_findings_without_geometry_match_on_their_keys():
    exc = table([("RL_FIELD_MISSING", "REDLINE", None, None, None, None),
                 ("RL_FRAGMENT", "REDLINE", 49, None, None, None)])  # has a place now: no match
    matched = E.match(FINDINGS, exc)
    assert list(matched.exception) == [-1, -1, -1, 0]
    assert list(matched.stale) == [1]


def test_the_feature_code_wins_over_the_fid():
    findings = table([("RL_FRAGMENT", "REDLINE", 50, None, None, PIECE, "450123STBHHX0007")])
    renumbered = table([("RL_FRAGMENT", "REDLINE", 49, None, None, PIECE, "450123STBHHX0007")])
    recoded = table([("RL_FRAGMENT", "REDLINE", 50, None, None, PIECE, "450123STBHHX0008")])
    assert list(E.match(findings, renumbered).exception) == [0]  # fids change when a layer is edited
    assert list(E.match(findings, recoded).exception) == [-1]
    other = dict(findings, other_layer=np.array(["FARMLAND"], dtype=object), other_fid=np.array([933.0]),
                 other_code=np.array(["NT0933"], dtype=object))
    assert list(E.match(other, dict(other, other_fid=np.array([934.0]))).exception) == [0]  # the code
    assert list(E.match(other, dict(other, other_code=np.array(["NT0934"], dtype=object))).exception) == [-1]
    no_code = table([("RL_FRAGMENT", "REDLINE", 50, None, None, PIECE, None)])
    assert list(E.match(no_code, no_code).exception) == [0]
    assert E.feature_keys(np.array(["", " X1 ", None], dtype=object), [3.0, 4.0, np.nan]).tolist() == \
        ["fid:3", "X1", ""]


def test_stale_exceptions_become_info_findings():
    exc = table([("RL_OVERLAP_PBF", "REDLINE", 112, "FARMLAND", 933, PIECE),
                 ("RL_HOLE", "REDLINE", 37, None, None, box(500, 500, 505, 505))])
    exc["reason"] = np.array(["approved by the county", "a pond"], dtype=object)
    matched = E.match(FINDINGS, exc)
    assert list(matched.stale) == [1]
    stale = E.stale_findings(exc, matched.stale).table()
    assert list(stale["rule"]) == [E.STALE_RULE] and list(stale["severity"]) == ["info"]
    assert (stale["layer"][0], stale["fid"][0], stale["category"][0], stale["note"][0]) == \
        ("REDLINE", 37.0, "RL_HOLE", "a pond")
    assert stale["geometry"][0].equals(box(500, 500, 505, 505))
    assert len(E.stale_findings(exc, np.empty(0, np.intp)).table()["rule"]) == 0


def test_append_rows_keeps_every_column():
    found = Findings()
    found.add("RL_FRAGMENT", "REDLINE", [49], [PIECE])
    t = found.table()
    t["message"] = np.array(["m"], dtype=object)
    t["_site"] = np.array([3], dtype=np.int64)  # an algorithm's own column (siting: -1 = no site)
    extra = E.stale_findings(table([("RL_HOLE", "REDLINE", 37, None, None, PIECE)]) | {
        "reason": np.array(["r"], dtype=object)}, np.array([0])).table()
    E.append_rows(t, extra)
    assert list(t["rule"]) == ["RL_FRAGMENT", E.STALE_RULE] and list(t["message"]) == ["m", None]
    assert len({len(v) for v in t.values()}) == 1 and t["fid"].dtype.kind == "f"
    assert list(t["_site"]) == [3, -1]


def test_nothing_to_match():
    empty = table([])
    assert len(E.match(empty, empty).exception) == 0
    assert list(E.match(FINDINGS, empty).exception) == [-1] * 4
    assert list(E.match(empty, FINDINGS).stale) == [0, 1, 2, 3]


@settings(max_examples=60, deadline=None)
@given(dx=st.floats(-0.7, 0.7), dy=st.floats(-0.7, 0.7), fid=st.integers(0, 5))
def test_small_moves_match_only_the_same_feature(dx, dy, fid):
    moved = shapely.transform(box(300, 300, 310, 310), lambda xy: xy + [dx, dy])
    exc = table([("RL_FRAGMENT", "REDLINE", fid + 47, None, None, moved)])
    matched = E.match(FINDINGS, exc)
    assert (matched.exception[2] == 0) == (fid + 47 == 49)
