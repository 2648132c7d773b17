"""ecospace:siting_check on the sample's project sites, checked against plain shapely, and on bad inputs."""
import csv
import re

import numpy as np
import pytest
import shapely
from osgeo import ogr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)

from ..support import (
    SAMPLE,
    SAMPLE_DIR,
    Feedback,
    layer,
    md5,
    rows_and_shapes,
    shapefile_without_crs,
    small_tif,
    table,
)

ACCESS_CSV = SAMPLE_DIR / "access_list.csv"
ALG = "ecospace:siting_check"
KINDS = ("points", "lines", "polygons")


def ogr_rows(name, fields):
    ds = ogr.Open(str(SAMPLE))
    out = []
    for f in ds.GetLayerByName(name):
        g = f.GetGeometryRef()
        out.append((f.GetFID(), shapely.from_wkb(bytes(g.ExportToWkb())) if g else None,
                    {k: f.GetField(k) for k in fields}))
    return out


def params(kind, out, **extra):
    p = {"SITES": layer("project_sites_" + kind), "SITE_ID_FIELD": "XMBH", "SITE_NAME_FIELD": "XMMC",
         "INDUSTRY_FIELD": "HYLB", "UNITS": layer("control_units"), "ACCESS_LIST_FILE": str(ACCESS_CSV),
         "ACCESS_INDUSTRY_FIELD": "HYLB", "REDLINE": layer("redline"), "PROTECTED_AREAS": layer("pa_zones"),
         "OUTPUT": str(out / "table.gpkg"), "FINDINGS": str(out / "findings.gpkg"),
         "REPORT": str(out / "report.html")}
    p.update(extra)
    return p


@pytest.fixture(scope="module")
def runs(provider, tmp_path_factory):
    import processing

    before = md5(SAMPLE)
    out = {}
    for kind in KINDS:
        folder = tmp_path_factory.mktemp("siting_" + kind)
        result = processing.run(ALG, params(kind, folder))
        out[kind] = (result, table(result["OUTPUT"]), table(result["FINDINGS"]), folder)
    assert md5(SAMPLE) == before  # inputs unchanged
    return out


def expected_rows(kind):
    """(site id, unit code, class, size) from plain shapely: planar size, within 0.01 % of ellipsoidal here."""
    units = [(fid, shapely.make_valid(g), a) for fid, g, a in
             ogr_rows("control_units", ("HJZHGKDYBM", "ZHGKDYFL"))]
    out = []
    for _, site, attrs in ogr_rows("project_sites_" + kind, ("XMBH", "HYLB")):
        for _, unit, ua in units:
            piece = shapely.intersection(site, unit)
            size = piece.area if kind == "polygons" else piece.length if kind == "lines" else (
                0 if piece.is_empty else 1)
            if size > 0.01:
                out.append((attrs["XMBH"], ua["HJZHGKDYBM"], int(ua["ZHGKDYFL"]), size, attrs["HYLB"]))
    return out


def expected_access(code, klass, industry):
    """Row numbers of the list that apply, in the engine's order: everywhere, by class, by code."""
    with open(ACCESS_CSV, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    general = [k for k, r in enumerate(rows, 1) if not r["HJZHGKDYBM"] and not r["ZHGKDYFL"]]
    by_class = [k for k, r in enumerate(rows, 1) if not r["HJZHGKDYBM"] and r["ZHGKDYFL"] == str(klass)]
    by_code = [k for k, r in enumerate(rows, 1) if r["HJZHGKDYBM"] == code]
    keep = [k for k in general + by_class + by_code if industry.startswith(rows[k - 1]["HYLB"])]
    return ";".join(str(k) for k in keep)


@pytest.mark.parametrize("kind", KINDS)
def test_rows_match_plain_shapely(runs, kind):
    _, rows, _, _ = runs[kind]
    want = expected_rows(kind)
    got = sorted((r["site_id"], r["unit_code"], r["unit_class"]) for r in rows)
    assert got == sorted(w[:3] for w in want)
    for site, code, klass, size, industry in want:
        row = next(r for r in rows if (r["site_id"], r["unit_code"]) == (site, code))
        if kind == "polygons":
            assert row["area_m2"] == pytest.approx(size, rel=1e-3) and row["length_m"] is None
        elif kind == "lines":
            assert row["length_m"] == pytest.approx(size, rel=1e-3) and row["area_m2"] is None
        assert row["access_rows"] == expected_access(code, klass, industry)
        assert row["class_name"] and row["verdict"] in ("conflict", "priority", "key", "general")
    for site in {w[0] for w in want}:
        assert sum(r["share_pct"] for r in rows if r["site_id"] == site) == pytest.approx(100.0, abs=0.01)


def test_access_texts_and_industry_row(runs):
    _, rows, _, _ = runs["points"]
    cement = next(r for r in rows if r["site_id"] == "XM2025-P01")
    assert cement["unit_class"] == 2
    assert "水泥熟料项目须进入合规工业园区" in cement["KJBJYS"]
    assert cement["KJBJYS"].startswith("全省总体要求")
    other = next(r for r in rows if r["site_id"] == "XM2025-P03")
    assert "水泥" not in other["KJBJYS"]  # not a cement plant: the industry row does not apply


@pytest.mark.parametrize("kind, site, patch", [("lines", "XM2025-L02", 128), ("polygons", "XM2025-A01", 190)])
def test_red_line_findings(runs, kind, site, patch):
    _, rows, findings, _ = runs[kind]
    sites = {a["XMBH"]: (fid, g) for fid, g, a in ogr_rows("project_sites_" + kind, ("XMBH",))}
    fid, geom = sites[site]
    red = dict((f, g) for f, g, _ in ogr_rows("redline", ()))
    piece = shapely.intersection(geom, shapely.make_valid(red[patch]))
    hits = [f for f in findings if f["rule"] == "SITE_REDLINE"]
    assert [(f["feature_fid"], f["other_fid"], f["severity"]) for f in hits] == [(fid, patch, "error")]
    size = hits[0]["area_m2"] if kind == "polygons" else hits[0]["length_m"]
    assert size == pytest.approx(piece.area if kind == "polygons" else piece.length, rel=1e-3)
    assert site in hits[0]["message"]
    verdicts = {r["verdict"] for r in rows if r["site_id"] == site}
    assert "conflict" in verdicts


def test_unknown_code_and_invalid_inputs_are_warned(runs):
    result, _, findings, folder = runs["polygons"]
    unknown = [f for f in findings if f["rule"] == "SITE_ACCESS_UNKNOWN"]
    assert [(f["layer"], f["feature_fid"]) for f in unknown] == [("access_list.csv", 9)]
    assert "ZH45012219999" in unknown[0]["message"]
    invalid = sorted((f["layer"], f["feature_fid"]) for f in findings if f["rule"] == "SITE_INPUT_INVALID")
    # unit 11 and the red line's patches 95 and 196 are invalid but far from every site: only
    # features near a site are read into the assessment (units_check and redline_check report them)
    assert invalid == []
    assert result["ERROR_COUNT"] == 1 and result["WARNING_COUNT"] == 1  # the unknown code
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert html.count("<svg") == 3 and "XM2025-A01" in html and "ZH45012219999" in html


def memory(geom_type, wkts, fields=("XMBH:string",), attrs=None, crs="EPSG:4524"):
    lyr = QgsVectorLayer(geom_type + "?crs=" + crs + "".join("&field=" + f for f in fields), "m", "memory")
    feats = []
    for k, wkt in enumerate(wkts):
        f = QgsFeature(lyr.fields())
        f.setGeometry(QgsGeometry.fromWkt(wkt))
        f.setAttributes(attrs[k] if attrs else ["S%d" % (k + 1)])
        feats.append(f)
    assert lyr.dataProvider().addFeatures(feats)[0]
    return lyr


def core_point():
    for _, g, a in ogr_rows("pa_zones", ("GNFQ",)):
        if a["GNFQ"] == "核心保护区":
            return g.representative_point()
    raise AssertionError("no core zone in the sample")


def test_core_zone_outside_units_and_bom_csv(provider, tmp_path):
    import processing

    p = core_point()
    sites = memory("Point", [p.wkt, "POINT(36400000 2400000)"])
    bom = tmp_path / "list.csv"
    bom.write_bytes(ACCESS_CSV.read_text(encoding="utf-8").encode("utf-8-sig"))
    feedback = QgsProcessingFeedback()
    result = processing.run(ALG, params("points", tmp_path, SITES=sites, ACCESS_LIST_FILE=str(bom),
                                        SITE_NAME_FIELD=None, INDUSTRY_FIELD=None, ACCESS_INDUSTRY_FIELD=""),
                            feedback=feedback)
    findings = table(result["FINDINGS"])
    got = sorted((f["rule"], f["feature_fid"]) for f in findings if f["layer"] == "SITES")
    assert got == [("SITE_CORE_ZONE", 1), ("SITE_OUTSIDE_UNITS", 2), ("SITE_REDLINE", 1)]  # cores lie in the red line
    assert any(f["rule"] == "SITE_ACCESS_UNKNOWN" for f in findings)  # the BOM did not hide the code column
    rows = table(result["OUTPUT"])
    assert [r["verdict"] for r in rows] == ["conflict"]
    assert "S2" in next(f["message"] for f in findings if f["rule"] == "SITE_OUTSIDE_UNITS")


def test_gbk_csv_and_xlsx_list(provider, tmp_path):
    import processing

    text = ACCESS_CSV.read_text(encoding="utf-8")
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes(text.encode("gb18030"))
    xlsx = tmp_path / "list.xlsx"
    ds = ogr.GetDriverByName("XLSX").CreateDataSource(str(xlsx))
    rows = list(csv.reader(text.splitlines()))
    lyr = ds.CreateLayer("清单", None, ogr.wkbNone)
    for name in rows[0]:
        lyr.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    for row in rows[1:]:
        f = ogr.Feature(lyr.GetLayerDefn())
        for k, v in enumerate(row):
            if v:
                f.SetField(k, v)
        lyr.CreateFeature(f)
    ds = None
    results = []
    for path in (gbk, xlsx):
        out = tmp_path / path.stem
        out.mkdir()
        r = processing.run(ALG, params("points", out, ACCESS_LIST_FILE=str(path)))
        results.append(sorted((x["site_id"], x["access_rows"], x["KJBJYS"]) for x in table(r["OUTPUT"])))
    assert results[0] == results[1]
    assert any("全省总体要求" in (k or "") for _, _, k in results[0])


def test_list_without_key_columns_is_refused(provider, tmp_path):
    import processing

    bad = tmp_path / "bad.csv"
    bad.write_text("编码,要求\nZH45012210001,禁止\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="neither a unit-code column"):
        processing.run(ALG, params("points", tmp_path, ACCESS_LIST_FILE=str(bad)))
    assert not (tmp_path / "table.gpkg").exists()


def test_missing_site_field_is_refused(provider, tmp_path):
    import processing

    with pytest.raises(QgsProcessingException):
        processing.run(ALG, params("points", tmp_path, SITE_ID_FIELD="NOPE"))


def test_cancel_leaves_no_output(provider, tmp_path):
    import processing

    feedback = QgsProcessingFeedback()
    feedback.progressChanged.connect(lambda p: feedback.cancel() if p > 45 else None)
    with pytest.raises(QgsProcessingException, match="cancelled"):
        processing.run(ALG, params("lines", tmp_path), feedback=feedback)
    assert not any(tmp_path.iterdir())


def test_shares_of_a_point_on_a_shared_edge_split(provider, tmp_path):
    import processing

    units = [shapely.make_valid(g) for _, g, _ in ogr_rows("control_units", ())]
    edge = next(e for e in (shapely.line_merge(shapely.intersection(a.boundary, b.boundary))
                            for k, a in enumerate(units) for b in units[k + 1:]) if e.length > 100)
    xy = shapely.get_coordinates(edge)
    pt = shapely.Point(xy[len(xy) // 2])  # a shared vertex: exactly on both units
    sites = memory("Point", [pt.wkt])
    r = processing.run(ALG, {"SITES": sites, "UNITS": layer("control_units"), "OUTPUT": str(tmp_path / "t.gpkg")})
    shares = [x["share_pct"] for x in table(r["OUTPUT"])]
    assert len(shares) >= 2 and np.isclose(sum(shares), 100.0)


# --- several site layers in one run (issue 12 item 8) ------------------------------------------------

SITE_LAYERS = {kind: "project_sites_" + kind for kind in KINDS}
FINDING_KEY = ("rule", "layer", "feature_fid", "other_layer", "other_fid", "area_m2", "length_m", "severity")


@pytest.fixture(scope="module")
def together(runs, tmp_path_factory):
    """The sample's points as SITES and its lines and polygons as MORE_SITES, in one run."""
    import processing

    folder = tmp_path_factory.mktemp("siting_together")
    feedback = Feedback()
    more = [layer(SITE_LAYERS["lines"]), layer(SITE_LAYERS["polygons"])]
    result = processing.run(ALG, params("points", folder, MORE_SITES=more), feedback=feedback)
    return result, rows_and_shapes(result["OUTPUT"]), rows_and_shapes(result["FINDINGS"]), folder, feedback


def single_rows(runs, kind):
    rows, shapes = rows_and_shapes(runs[kind][0]["OUTPUT"])
    return [dict(r, site_layer=SITE_LAYERS[kind]) for r in rows], shapes


def test_three_layers_in_one_run_give_the_rows_of_the_three_runs(runs, together):
    _, (rows, points), _, _, _ = together
    got = {(r["site_layer"], r["site_fid"], r["unit_fid"]): (r, p) for r, p in zip(rows, points)}
    want = {}
    for kind in KINDS:
        for r, piece in zip(*single_rows(runs, kind)):
            want[r["site_layer"], r["site_fid"], r["unit_fid"]] = (r, piece)
    assert len(rows) == len(got) == len(want) and got.keys() == want.keys()
    for key, (row, point) in got.items():
        single, piece = want[key]
        assert set(row) == set(single)
        for name, value in single.items():
            if name == "fid":
                continue
            if isinstance(value, float):
                assert row[name] == pytest.approx(value, rel=1e-9), (key, name)
            else:
                assert row[name] == value, (key, name)
        # one layer holds one geometry type: with points among the sites, a point on each piece
        assert shapely.get_type_id(point) == 4 and shapely.distance(point, piece) < 1e-6


def test_three_layers_in_one_run_give_the_findings_of_the_three_runs(runs, together):
    result, _, (found, _), _, _ = together
    key = {"points": "SITES", "lines": SITE_LAYERS["lines"], "polygons": SITE_LAYERS["polygons"]}
    want = set()
    for kind in KINDS:
        for f in table(runs[kind][0]["FINDINGS"]):
            f = dict(f, layer=key[kind] if f["layer"] == "SITES" else f["layer"])
            want.add(tuple(round(f[k], 3) if isinstance(f[k], float) else f[k] for k in FINDING_KEY))
    got = [tuple(round(f[k], 3) if isinstance(f[k], float) else f[k] for k in FINDING_KEY) for f in found]
    assert sorted(got, key=str) == sorted(want, key=str)  # the access list's unknown code once, not thrice
    assert result["ERROR_COUNT"] == sum(1 for f in found if f["severity"] == "error") >= 2
    red = next(f for f in found if f["rule"] == "SITE_REDLINE" and f["layer"] == SITE_LAYERS["lines"])
    assert "project_sites_lines: XM2025-L02" in red["message"]  # sites named with their layer


def test_three_layers_in_one_run_report_every_site(together):
    _, (rows, _), _, folder, feedback = together
    html = (folder / "report.html").read_text(encoding="utf-8")
    sites = [a["XMBH"] for kind in KINDS for _, _, a in ogr_rows(SITE_LAYERS[kind], ("XMBH",))]
    assert len(sites) == 9 and html.count("<svg") == len(sites)
    for kind in KINDS:
        assert SITE_LAYERS[kind] in html
    assert all("{}: {}".format(SITE_LAYERS[kind], a["XMBH"]) in html
               for kind in KINDS for _, _, a in ogr_rows(SITE_LAYERS[kind], ("XMBH",)))
    assert "written as MultiPoint" in feedback.text()
    lyr = QgsVectorLayer(str(folder / "table.gpkg"), "t", "ogr")
    assert lyr.geometryType() == 0 and lyr.featureCount() == len(rows)


def in_degrees(geom):
    """A sample geometry (EPSG:4524) as WKT in CGCS2000 longitude/latitude (EPSG:4490)."""
    g = QgsGeometry.fromWkt(geom.wkt)
    g.transform(QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4524"),
                                       QgsCoordinateReferenceSystem("EPSG:4490"), QgsProject.instance()))
    return g.asWkt(12)


def test_site_fields_apply_where_a_layer_has_them(runs, tmp_path):
    """A layer without the id and name fields (its sites go by feature id), in another CRS, beside the
    sample's points given twice (assessed once)."""
    import processing

    line = next(g for _, g, a in ogr_rows(SITE_LAYERS["lines"], ("XMBH",)) if a["XMBH"] == "XM2025-L01")
    plain_line = memory("LineString", [in_degrees(line)], fields=("MC:string",), attrs=[["公路"]], crs="EPSG:4490")
    feedback = Feedback()
    points = layer(SITE_LAYERS["points"])
    result = processing.run(ALG, params("points", tmp_path, MORE_SITES=[plain_line, points]), feedback=feedback)
    log = feedback.text()
    assert "Site layer 'm' has no field 'XMBH' (SITE_ID_FIELD)" in log and "reprojected" in log
    assert "given twice" in log and "written as MultiPoint" in log
    rows = table(result["OUTPUT"])
    mine = [r for r in rows if r["site_layer"] == "m"]
    assert {(r["site_fid"], r["site_id"], r["site_name"] or "") for r in mine} == {(1, "1", "")}
    single = [r for r in table(runs["lines"][0]["OUTPUT"]) if r["site_id"] == "XM2025-L01"]
    assert {r["unit_fid"]: r["length_m"] for r in mine} == pytest.approx(
        {r["unit_fid"]: r["length_m"] for r in single}, rel=1e-6)
    assert len([r for r in rows if r["site_layer"] == SITE_LAYERS["points"]]) == len(table(runs["points"][0]["OUTPUT"]))


def test_a_site_field_no_site_layer_has_is_refused(provider, tmp_path):
    import processing

    line = next(g for _, g, _ in ogr_rows(SITE_LAYERS["lines"], ()))
    plain_line = memory("LineString", [line.wkt], fields=("MC:string",), attrs=[["公路"]])
    base = {"SITES": plain_line, "MORE_SITES": [layer(SITE_LAYERS["points"])], "UNITS": layer("control_units"),
            "OUTPUT": str(tmp_path / "t.gpkg")}
    rows = table(processing.run(ALG, dict(base, SITE_ID_FIELD="XMBH"))["OUTPUT"])  # the points have it
    assert {r["site_id"] for r in rows if r["site_layer"] == "m"} == {"1"}
    assert "XM2025-P01" in {r["site_id"] for r in rows}
    with pytest.raises(QgsProcessingException, match="SITE_ID_FIELD: layer 'm' has no field 'NOPE'"):
        processing.run(ALG, dict(base, SITE_ID_FIELD="NOPE", OUTPUT=str(tmp_path / "u.gpkg")))


@pytest.mark.parametrize("bad, message", [
    ("raster", "The input MORE_SITES needs a vector layer, but .*r.tif is a raster"),
    ("table", "Layer 'access_list' must hold points, lines or polygons, but it holds NoGeometry"),
    ("no_crs", "Layer 's' has no coordinate reference system")])
def test_bad_more_site_layers_are_refused(provider, tmp_path, bad, message):
    import processing

    value = {"raster": lambda: small_tif(tmp_path / "r.tif"),
             "table": lambda: str(ACCESS_CSV),
             "no_crs": lambda: shapefile_without_crs(tmp_path / "s.shp", "POINT(36500000 2540000)")}[bad]()
    with pytest.raises(QgsProcessingException, match=message):
        processing.run(ALG, {"SITES": layer(SITE_LAYERS["points"]), "MORE_SITES": [str(value)],
                             "UNITS": layer("control_units"), "OUTPUT": str(tmp_path / "t.gpkg")})
    assert not (tmp_path / "t.gpkg").exists()


def test_reading_only_the_features_near_the_sites_changes_nothing(provider, tmp_path, monkeypatch):
    """UNITS, REDLINE and PROTECTED_AREAS are read only near the sites (bulk_read's `near`, through
    the GeoPackage's spatial index): the table, the findings and the report are those of reading
    every feature."""
    import processing

    from ecospace.processing import bulk_read

    real, taken = bulk_read._near_fids, {}

    def spy(dataset, ogr_layer, boxes, count):
        fids = real(dataset, ogr_layer, boxes, count)
        taken[ogr_layer.GetName()] = (len(fids) if fids is not None else None, count)
        return fids

    monkeypatch.setattr(bulk_read, "_near_fids", spy)
    monkeypatch.setattr(bulk_read, "NEAR_SHARE", 1.0)  # the sample is small: sites are near most units
    near = processing.run(ALG, params("polygons", tmp_path / "near", MORE_SITES=[
        layer("project_sites_points"), layer("project_sites_lines")]))
    assert all(n is not None for n, _ in taken.values()) and taken["redline"][0] < taken["redline"][1], taken
    assert set(taken) == {"control_units", "redline", "pa_zones"}
    mapped = dict(taken)
    # without a report no map is drawn: only the features whose envelope meets a site's are read
    bare = params("polygons", tmp_path / "bare", MORE_SITES=[layer("project_sites_points"),
                                                               layer("project_sites_lines")])
    del bare["REPORT"]
    bare = processing.run(ALG, bare)
    assert all(taken[name][0] <= mapped[name][0] for name in mapped), (taken, mapped)
    monkeypatch.setattr(bulk_read, "_near_fids", lambda *args: None)  # every feature
    whole = processing.run(ALG, params("polygons", tmp_path / "whole", MORE_SITES=[
        layer("project_sites_points"), layer("project_sites_lines")]))
    for run in (near, bare):
        for key in ("OUTPUT", "FINDINGS"):
            assert table(run[key]) == table(whole[key])
            shapes = [shapely.to_wkb(rows_and_shapes(one[key])[1]).tolist() for one in (run, whole)]
            assert shapes[0] == shapes[1]
        assert {k: run[k] for k in ("ERROR_COUNT", "WARNING_COUNT")} == \
            {k: whole[k] for k in ("ERROR_COUNT", "WARNING_COUNT")}
    html = [(tmp_path / d / "report.html").read_text(encoding="utf-8") for d in ("near", "whole")]
    generated = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d")
    assert generated.sub("", html[0]) == generated.sub("", html[1])
