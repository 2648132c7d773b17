"""ecospace:redline_check on the bundled sample: it must report exactly the planted defects.

The expected findings come from resources/sample/defects.json, written by tools/make_sample_data.py
from its own construction (and re-checked without QGIS by tests/core/test_sample_data.py).
Fixtures `provider` (the registered EcoSpaceProvider) and `sample_gpkg` (path of the sample
GeoPackage) come from tests/conftest.py; without them the local fallbacks below stand in.
"""
import json
import math
from pathlib import Path

import pytest
import shapely
from qgis.core import QgsVectorLayer

from ..support import ROOT, SAMPLE, SAMPLE_DIR, md5, plain, to_shapely, uri

MANIFEST = SAMPLE_DIR / "defects.json"
CONFLICT_LAYERS = ("construction_land", "mining_rights", "settlements")
_RUNS = {}   # one algorithm run per sample path, shared by the tests below


def read_table(source):
    layer = QgsVectorLayer(source, "t", "ogr")
    assert layer.isValid(), source
    names = layer.fields().names()
    rows = []
    for f in layer.getFeatures():
        row = {n: plain(f[n]) for n in names}
        g = f.geometry()
        row["_geom"] = None if g is None or g.isNull() or g.isEmpty() else to_shapely(g)
        rows.append(row)
    return rows


@pytest.fixture
def eco_provider(request, tmp_path_factory):
    """conftest's `provider` when it exists; otherwise register EcoSpaceProvider here."""
    try:
        return request.getfixturevalue("provider")
    except pytest.FixtureLookupError:
        pass
    import sys

    from qgis.core import QgsApplication

    request.getfixturevalue("qgis_processing")
    try:
        from ecospace.processing.provider import EcoSpaceProvider
    except ImportError:   # make the repository importable as the package `ecospace`
        path = tmp_path_factory.mktemp("pluginpath")
        (path / "ecospace").symlink_to(ROOT, target_is_directory=True)
        sys.path.insert(0, str(path))
        from ecospace.processing.provider import EcoSpaceProvider
    registry = QgsApplication.processingRegistry()
    if registry.providerById("ecospace") is None:
        registry.addProvider(EcoSpaceProvider())
    return registry.providerById("ecospace")


@pytest.fixture
def sample_path(request):
    """conftest's `sample_gpkg` when it exists, else the bundled file."""
    try:
        return request.getfixturevalue("sample_gpkg")
    except pytest.FixtureLookupError:
        return SAMPLE


@pytest.fixture
def manifest():
    with open(MANIFEST, encoding="utf-8") as fh:
        return json.load(fh)


@pytest.fixture
def run(eco_provider, sample_path, tmp_path_factory):
    """Run the check once on the sample; return (results, findings rows, stats rows, report path)."""
    gpkg = str(sample_path)
    if gpkg not in _RUNS:
        import processing

        out = tmp_path_factory.mktemp("redline_sample")
        before = md5(gpkg)
        params = {
            "REDLINE": uri(gpkg, "redline"),
            "FARMLAND": uri(gpkg, "farmland"),
            "URBAN_BOUNDARY": uri(gpkg, "urban_boundary"),
            "PROTECTED_AREAS": uri(gpkg, "protected_areas"),
            "CONFLICT_LAYERS": [uri(gpkg, name) for name in CONFLICT_LAYERS],
            "COUNTIES": uri(gpkg, "counties"),
            "COUNTY_CODE_FIELD": "XZQDM",
            "COUNTY_NAME_FIELD": "XZQMC",
            "OUTPUT": str(out / "findings.gpkg"),
            "STATISTICS": str(out / "statistics.gpkg"),
            "REPORT": str(out / "report.html"),
        }
        results = processing.run("ecospace:redline_check", params)
        _RUNS[gpkg] = {"results": results, "findings": read_table(results["OUTPUT"]),
                       "stats": read_table(results.get("STATISTICS") or params["STATISTICS"]),
                       "report": params["REPORT"],
                       "md5_before": before, "md5_after": md5(gpkg)}
    return _RUNS[gpkg]


def finding_key(row):
    fid = row.get("feature_fid", row.get("fid"))   # the plugin writes core's fid as 'feature_fid'
    return (row["rule"], row["layer"], None if fid is None else int(fid), row["other_layer"] or None,
            None if row["other_fid"] is None else int(row["other_fid"]))


def manifest_key(e):
    return (e["rule"], e["layer"], e["fid"], e["other_layer"], e["other_fid"])


def test_findings_are_exactly_the_planted_defects(run, manifest):
    got = sorted((finding_key(r) for r in run["findings"]), key=repr)
    want = sorted((manifest_key(e) for e in manifest), key=repr)
    missing = [k for k in want if k not in got]
    extra = [k for k in got if k not in want]
    assert not missing and not extra, "missing: %s\nunexpected: %s" % (missing, extra)
    assert len(got) == len(want)


def test_finding_areas_severities_and_locations(run, manifest):
    rows = {finding_key(r): r for r in run["findings"]}
    problems = []
    for e in manifest:
        r = rows.get(manifest_key(e))
        if r is None:
            continue   # reported by the test above
        if r["severity"] != e["severity"]:
            problems.append((manifest_key(e), "severity", r["severity"], e["severity"]))
        if e["area_m2"] is None:
            if r["_geom"] is not None:
                problems.append((manifest_key(e), "unexpected geometry", r["_geom"].wkt[:60]))
            continue
        area = r["area_m2"]
        if area is None or not math.isclose(area, e["area_m2"], rel_tol=1e-3):
            problems.append((manifest_key(e), "area_m2", area, e["area_m2"]))
        g = r["_geom"]
        if g is None:
            problems.append((manifest_key(e), "no geometry"))
        elif g.distance(shapely.Point(e["x"], e["y"])) > 0.01:
            problems.append((manifest_key(e), "geometry is not at the planted place", e["x"], e["y"]))
        if e["rule"] == "RL_SLIVER" and not math.isclose(r["value"], e["value"], rel_tol=1e-3):
            problems.append((manifest_key(e), "sliver index", r["value"], e["value"]))
        if e["rule"] == "RL_AREA_MISMATCH" and not math.isclose(r["value"], e["value"], rel_tol=1e-9):
            problems.append((manifest_key(e), "stored area", r["value"], e["value"]))
    assert not problems, "\n".join(map(repr, problems))


def test_counts(run, manifest):
    res = run["results"]
    assert res["ERROR_COUNT"] == sum(e["severity"] == "error" for e in manifest)
    assert res["WARNING_COUNT"] == sum(e["severity"] == "warning" for e in manifest)
    assert res.get("INFO_COUNT", 0) == 0


def test_statistics_output_returned(run):
    assert run["results"].get("STATISTICS"), "STATISTICS missing from the algorithm's results"


def test_statistics_per_county(run, sample_path):
    stats = {r["code"]: r for r in run["stats"]}
    assert sorted(stats) == ["450122", "450123", "450124", "TOTAL"]
    counties = QgsVectorLayer(uri(sample_path, "counties"), "c", "ogr")
    names = {f["XZQDM"]: f["XZQMC"] for f in counties.getFeatures()}
    # planar shapely areas of the repaired patches clipped to each county (planar ≈ ellipsoidal within 7e-5)
    red = QgsVectorLayer(uri(sample_path, "redline"), "r", "ogr")
    patches = [shapely.make_valid(to_shapely(f.geometry())) for f in red.getFeatures()
               if f.hasGeometry() and not f.geometry().isEmpty()]
    total = stats.pop("TOTAL")
    for code, row in stats.items():
        cg = to_shapely(next(f for f in counties.getFeatures() if f["XZQDM"] == code).geometry())
        expected = sum(shapely.intersection(p, cg).area for p in patches)
        assert row["name"] == names[code]
        assert row["area_m2"] == pytest.approx(expected, rel=2e-4)
        assert row["area_ha"] == pytest.approx(row["area_m2"] / 1e4, rel=1e-9)
        assert row["area_km2"] == pytest.approx(row["area_m2"] / 1e6, rel=1e-9)
        assert row["county_area_m2"] == pytest.approx(cg.area, rel=2e-4)
        assert row["share_pct"] == pytest.approx(100 * row["area_m2"] / row["county_area_m2"], rel=1e-9)
        # the patches with a piece in the county above the crossing tolerance (1 m²)
        assert row["patches"] == sum(shapely.intersection(p, cg).area > 1.0 for p in patches)
    assert sum(r["area_m2"] for r in stats.values()) == pytest.approx(total["area_m2"], rel=1e-6)
    assert sum(r["county_area_m2"] for r in stats.values()) == pytest.approx(total["county_area_m2"], rel=1e-9)
    assert total["county_area_m2"] == pytest.approx(60_000 * 40_000, rel=2e-4)
    assert total["patches"] == len(patches)  # a crossing patch counts in each county, once here


def test_report_mentions_every_rule(run, manifest):
    path = Path(run["report"])
    assert path.exists() and path.stat().st_size > 0
    text = path.read_text(encoding="utf-8")
    for rule in sorted({e["rule"] for e in manifest}):
        assert rule in text, rule


def test_input_unchanged(run):
    assert run["md5_after"] == run["md5_before"]


def test_findings_name_features_by_code_and_point_at_defects(run):
    rows = {finding_key(r): r for r in run["findings"]}
    bad = rows[("RL_GEOM_INVALID", "REDLINE", 95, None, None)]
    assert bad["feature_code"] == "450123STBHHX0038"
    assert bad["message"] == (
        "Feature 450123STBHHX0038 (fid 95) of REDLINE is invalid: Ring Self-intersection[36491307.8217517 "
        "2548661.14441008]. The checks used a repaired copy; fix the geometry (e.g. Fix Geometries) before "
        "delivery.")
    # a 5 m square on the self-intersection, not the 28.9 ha repaired patch
    assert len(shapely.get_parts(bad["_geom"])) == 1 and bad["_geom"].area == pytest.approx(25.0, rel=1e-4)
    assert bad["_geom"].bounds == pytest.approx((36491305.3217517, 2548658.64441008, 36491310.3217517,
                                                 2548663.64441008), abs=1e-3)
    cross = rows[("RL_CROSS_COUNTY", "REDLINE", 119, "COUNTIES", 1)]
    assert (cross["feature_code"], cross["other_code"]) == ("450123STBHHX0062", "450122")
    assert cross["message"].startswith("Patch 450123STBHHX0062 (fid 119) extends 118,224.")
    assert "into county 450122 武鸣区. Split it at the county boundary" in cross["message"]
    code = rows[("RL_COUNTY_CODE", "REDLINE", 55, "COUNTIES", 3)]
    assert "(stored → county holding most of its area: 450122 武鸣区 → 450124 马山县)" in code["message"]


def test_codes_do_not_depend_on_the_file_format(eco_provider, sample_path, tmp_path):
    """The same red line as GeoJSON (fids from 0) and as GeoPackage (fids from 1): the same codes."""
    import processing
    from osgeo import gdal

    geojson = str(tmp_path / "redline.geojson")
    gdal.VectorTranslate(geojson, str(sample_path), layers=["redline"], format="GeoJSON")
    found = {}
    for name, value in (("gpkg", uri(sample_path, "redline")), ("geojson", geojson)):
        out = processing.run("ecospace:redline_check", {"REDLINE": value,
                                                         "OUTPUT": str(tmp_path / ("from_" + name + ".gpkg"))})
        found[name] = sorted((r["rule"], r["feature_code"] or "", r["feature_fid"] or 0, r["message"])
                             for r in read_table(out["OUTPUT"]) if r["rule"] != "RL_CRS_ZONE")
    assert [r[:2] for r in found["gpkg"]] == [r[:2] for r in found["geojson"]]
    assert {g[2] - j[2] for g, j in zip(found["gpkg"], found["geojson"]) if g[2]} == {1}
    invalid = [r for r in found["geojson"] if r[1] == "450123STBHHX0038"]
    assert invalid[0][3].startswith("Feature 450123STBHHX0038 (fid 94) of REDLINE is invalid")
