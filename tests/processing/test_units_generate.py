"""ecospace:units_generate through processing.run on the sample data and on awkward inputs."""
import re

import numpy as np
import pytest
import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsDistanceArea,
    QgsFeature,
    QgsGeometry,
    QgsProcessingException,
    QgsProject,
    QgsVectorLayer,
)

from ..support import CancelAfter, Feedback, default_style_qml, md5, rows_and_shapes, shapefile_without_crs, uri

ALG = "ecospace:units_generate"
CODE = re.compile(r"^ZH\d{6}[123]\d{4}$")
X, Y = 36500000, 2540000

pytestmark = pytest.mark.usefixtures("provider")  # the ecospace provider (conftest) is registered


def run(params, out, feedback=None):
    import processing

    full = {"OUTPUT": str(out / "units.gpkg"), "FINDINGS": str(out / "findings.gpkg")}
    full.update(params)
    return processing.run(ALG, full, feedback=feedback)


def memory_layer(wkts, geom_type="Polygon", crs="EPSG:4524", fields=("XZQDM:string",), attrs=None):
    uri_ = geom_type + ("?crs=" + crs if crs else "?") + "".join("&field=" + f for f in fields)
    layer = QgsVectorLayer(uri_, "mem", "memory")
    feats = []
    for k, wkt in enumerate(wkts):
        feat = QgsFeature(layer.fields())
        feat.setGeometry(QgsGeometry.fromWkt(wkt))
        if attrs is not None:
            feat.setAttributes(attrs[k])
        feats.append(feat)
    assert layer.dataProvider().addFeatures(feats)[0]
    return layer


def square(x0, y0, size):
    x0, y0 = x0 + X, y0 + Y
    return "POLYGON(({0} {1},{2} {1},{2} {3},{0} {3},{0} {1}))".format(x0, y0, x0 + size, y0 + size)


# --- the sample: townships as ADMIN ---------------------------------------------------------------

_RUNS = {}


@pytest.fixture(scope="module")
def sample_runs(sample_gpkg, tmp_path_factory, provider):
    """Two identical runs on the townships (codes must not change between them)."""
    if "runs" not in _RUNS:
        before = md5(sample_gpkg)
        runs = []
        for k in range(2):
            out = tmp_path_factory.mktemp("units{}".format(k))
            params = {"ADMIN": uri(sample_gpkg, "townships"), "ADMIN_CODE_FIELD": "XJDM",
                      "ADMIN_NAME_FIELD": "XZQMC",
                      "PRIORITY_LAYERS": [uri(sample_gpkg, "priority_zones")],
                      "KEY_LAYERS": [uri(sample_gpkg, "key_zones")], "MIN_UNIT_AREA": 1e6}
            result = run(params, out)
            runs.append((result, rows_and_shapes(result["OUTPUT"])))
        _RUNS["runs"] = runs
        _RUNS["md5"] = (before, md5(sample_gpkg))
    return _RUNS["runs"]


def admin_layer(gpkg):
    rows, geoms = rows_and_shapes(uri(gpkg, "townships"), ["XJDM", "XZQMC"])
    return rows, geoms


def test_units_tile_the_townships(sample_runs, sample_gpkg):
    _, (rows, geoms) = sample_runs[0]
    _, admin = admin_layer(sample_gpkg)
    total = shapely.area(admin).sum()
    assert shapely.area(geoms).sum() == pytest.approx(total, rel=1e-6)
    assert shapely.union_all(geoms).area == pytest.approx(shapely.union_all(admin).area, rel=1e-6)
    tree = shapely.STRtree(geoms)
    i, j = tree.query(geoms, predicate="intersects")
    keep = i < j
    overlap = shapely.area(shapely.intersection(geoms[i[keep]], geoms[j[keep]]))
    assert overlap.max(initial=0) < 0.01


def test_codes_classes_counties_and_areas(sample_runs, sample_gpkg):
    _, (rows, geoms) = sample_runs[0]
    admin_rows, admin = admin_layer(sample_gpkg)
    codes = [r["HJZHGKDYBM"] for r in rows]
    assert all(CODE.match(c) for c in codes) and len(set(codes)) == len(codes)
    layer = QgsVectorLayer(uri(sample_gpkg, "townships"), "t", "ogr")
    county_of = {f.id(): f["XJDM"] for f in layer.getFeatures()}
    da = QgsDistanceArea()
    da.setSourceCrs(QgsCoordinateReferenceSystem("EPSG:4524"), QgsProject.instance().transformContext())
    da.setEllipsoid("EPSG:1024")  # CGCS2000
    for r, g in zip(rows, geoms):
        assert r["HJZHGKDYBM"][2:8] == county_of[r["admin_fid"]] == r["AREA"]
        assert int(r["HJZHGKDYBM"][8]) == r["ZHGKDYFL"]
        assert r["PROV"] == r["AREA"][:2] + "0000" and r["CITY"] == r["AREA"][:4] + "00"
        assert r["HJZHGKDYMC"].endswith(("优先保护单元", "重点管控单元", "一般管控单元")) or \
            r["HJZHGKDYMC"][-1].isdigit()
        reference = da.measureArea(QgsGeometry.fromWkt(g.wkt))
        assert r["AREA_M2"] == pytest.approx(reference, rel=1e-3)
        assert r["AREA_HA"] == pytest.approx(r["AREA_M2"] / 1e4)
    assert {r["ZHGKDYFL"] for r in rows} == {1, 2, 3}


def test_priority_zones_lie_in_priority_units(sample_runs, sample_gpkg):
    _, (rows, geoms) = sample_runs[0]
    _, prio = rows_and_shapes(uri(sample_gpkg, "priority_zones"), [])
    zone = shapely.union_all(shapely.make_valid(prio))
    klass = np.array([r["ZHGKDYFL"] for r in rows])
    lower = shapely.area(shapely.intersection(geoms[klass > 1], zone))
    assert lower.max(initial=0) < 0.01
    covered = shapely.area(shapely.intersection(shapely.union_all(geoms[klass == 1]), zone))
    assert covered == pytest.approx(zone.area, rel=1e-6)


def test_same_input_same_codes(sample_runs):
    (_, (rows_a, geoms_a)), (_, (rows_b, geoms_b)) = sample_runs
    assert [r["HJZHGKDYBM"] for r in rows_a] == [r["HJZHGKDYBM"] for r in rows_b]
    assert [r["HJZHGKDYMC"] for r in rows_a] == [r["HJZHGKDYMC"] for r in rows_b]
    assert all(shapely.equals_exact(geoms_a, geoms_b, 1e-6))


def test_style_embedded_and_inputs_unchanged(sample_runs):
    result, _ = sample_runs[0]
    qml = default_style_qml(result["OUTPUT"])
    assert 'attr="ZHGKDYFL"' in qml and 'fieldName="HJZHGKDYBM"' in qml
    layer = QgsVectorLayer(result["OUTPUT"], "u", "ogr")
    assert layer.renderer().type() == "categorizedSymbol"
    assert layer.labelsEnabled()
    before, after = _RUNS["md5"]
    assert before == after


def test_kept_fragments_are_summed_up_per_county_and_class(sample_gpkg, tmp_out):
    """With the red line among the priority factors (as the dialog guesses it), 147 isolated priority
    patches of the sample stay below MIN_UNIT_AREA: three notes (one per county), not 147 beside the
    two warnings that need work."""
    result = run({"ADMIN": uri(sample_gpkg, "townships"), "ADMIN_CODE_FIELD": "XZQDM",
                  "PRIORITY_LAYERS": [uri(sample_gpkg, "priority_zones"), uri(sample_gpkg, "redline")],
                  "KEY_LAYERS": [uri(sample_gpkg, "key_zones")], "MIN_UNIT_AREA": 1e6}, tmp_out)
    units, unit_geoms = rows_and_shapes(result["OUTPUT"], ["AREA", "ZHGKDYFL", "AREA_M2"])
    small = [(r["AREA"], r["ZHGKDYFL"], r["AREA_M2"], g) for r, g in zip(units, unit_geoms)
             if r["AREA_M2"] < 1e6]
    found, geoms = rows_and_shapes(result["FINDINGS"])
    notes = [(r, g) for r, g in zip(found, geoms) if r["rule"] == "UNIT_FRAGMENT_KEPT"]
    assert (result["WARNING_COUNT"], result["INFO_COUNT"]) == (2, len(notes))
    groups = sorted({(county, klass) for county, klass, _, _ in small})
    assert len(small) == 147 and groups == [("450122", 1), ("450123", 1), ("450124", 1)]
    assert [(r["category"], r["severity"], r["feature_fid"]) for r, _ in notes] == [("1", "info", None)] * 3
    for (county, klass), (note, geom) in zip(groups, notes):
        mine = [(a, g) for c, k, a, g in small if (c, k) == (county, klass)]
        assert note["value"] == len(mine) and note["threshold"] == 1e6
        assert note["area_m2"] == pytest.approx(sum(a for a, _ in mine), rel=1e-9)
        assert geom.equals(shapely.union_all([g for _, g in mine]))
        assert note["message"].startswith("{} Priority protection unit (优先保护单元): {} units below "
                                          "1,000,000 m² are kept".format(county, len(mine)))


def test_mapped_field_names_follow_into_the_style(sample_gpkg, tmp_out):
    result = run({"ADMIN": uri(sample_gpkg, "counties"), "PRIORITY_LAYERS": [uri(sample_gpkg, "priority_zones")],
                  "CODE_FIELD": "DYBM", "CLASS_FIELD": "FL", "NAME_FIELD": "DYMC", "PROV_FIELD": "",
                  "CITY_FIELD": "", "AREA_HA_FIELD": "", "ACCESS_FIELDS": "KJBJYS"}, tmp_out)
    layer = QgsVectorLayer(result["OUTPUT"], "u", "ogr")
    names = layer.fields().names()
    assert {"DYBM", "FL", "DYMC", "AREA", "AREA_M2", "KJBJYS"} <= set(names)
    assert not {"PROV", "CITY", "AREA_HA", "HJZHGKDYBM"} & set(names)
    assert layer.renderer().classAttribute() == "FL"
    assert layer.labeling().settings().fieldName == "DYBM"


def test_repeated_mapped_names_are_refused(sample_gpkg, tmp_out):
    with pytest.raises(QgsProcessingException, match="more than once"):
        run({"ADMIN": uri(sample_gpkg, "counties"), "CODE_FIELD": "X", "NAME_FIELD": "X"}, tmp_out)


def test_loaded_units_are_styled_with_translated_legend(sample_gpkg, qgis_new_project):
    import processing

    result = processing.runAndLoadResults(ALG, {
        "ADMIN": uri(sample_gpkg, "counties"), "PRIORITY_LAYERS": [uri(sample_gpkg, "priority_zones")],
        "CLASS_FIELD": "FL", "OUTPUT": "TEMPORARY_OUTPUT", "FINDINGS": "TEMPORARY_OUTPUT"})
    loaded = QgsProject.instance().mapLayer(result["OUTPUT"])
    assert loaded is not None and loaded.name() == "Control units"
    renderer = loaded.renderer()
    assert renderer.classAttribute() == "FL"
    assert {str(c.value()): c.label() for c in renderer.categories()} == {
        "1": "Priority protection unit (优先保护单元)", "2": "Key control unit (重点管控单元)",
        "3": "General control unit (一般管控单元)"}


# --- awkward inputs ---------------------------------------------------------------------------------

def test_empty_admin_is_refused(tmp_out):
    with pytest.raises(QgsProcessingException, match="empty"):
        run({"ADMIN": memory_layer([])}, tmp_out)
    assert not (tmp_out / "units.gpkg").exists()


def test_point_layers_are_refused(tmp_out, sample_gpkg):
    points = memory_layer(["POINT({} {})".format(X, Y)], geom_type="Point")
    with pytest.raises(QgsProcessingException, match="must hold polygons"):
        run({"ADMIN": points}, tmp_out)
    with pytest.raises(QgsProcessingException, match="must hold polygons"):
        run({"ADMIN": uri(sample_gpkg, "counties"), "KEY_LAYERS": [points]}, tmp_out)


def test_factor_without_crs_is_refused(tmp_out, tmp_path, sample_gpkg):
    """A shapefile delivered without its .prj."""
    pytest.importorskip("osgeo.ogr")
    path = shapefile_without_crs(tmp_path / "no_prj.shp", square(0, 0, 100))
    nocrs = QgsVectorLayer(path, "no_prj", "ogr")
    assert not nocrs.crs().isValid()
    with pytest.raises(QgsProcessingException, match="no coordinate reference system"):
        run({"ADMIN": uri(sample_gpkg, "counties"), "PRIORITY_LAYERS": [nocrs]}, tmp_out)


def test_bad_admin_codes_are_listed(tmp_out):
    admin = memory_layer([square(0, 0, 1000), square(1000, 0, 1000), square(2000, 0, 1000)],
                         attrs=[["4501"], ["450122"], ["45012A"]])
    feedback = Feedback()
    result = run({"ADMIN": admin, "MIN_UNIT_AREA": 0}, tmp_out, feedback)
    assert "2 administrative polygons have a code that is not a 6-digit" in feedback.text()
    assert "1 ('4501')" in feedback.text() and "3 ('45012A')" in feedback.text()
    found, _ = rows_and_shapes(result["FINDINGS"], ["rule", "feature_fid"])
    assert sorted((r["rule"], r["feature_fid"]) for r in found) == [("UNIT_ADMIN_CODE", 1),
                                                                    ("UNIT_ADMIN_CODE", 3)]
    rows, _ = rows_and_shapes(result["OUTPUT"], ["HJZHGKDYBM", "admin_fid"])
    assert sorted((r["admin_fid"], r["HJZHGKDYBM"]) for r in rows)[1] == (2, "ZH45012230001")
    assert result["ERROR_COUNT"] == 2


def test_no_usable_code_is_refused(tmp_out):
    admin = memory_layer([square(0, 0, 1000)], attrs=[["甲县"]])
    with pytest.raises(QgsProcessingException, match="6-digit county code"):
        run({"ADMIN": admin}, tmp_out)


def test_overlapping_admin_polygons_are_reported(tmp_out):
    admin = memory_layer([square(0, 0, 1000), square(900, 0, 1000)], attrs=[["450122"], ["450122"]])
    feedback = Feedback()
    result = run({"ADMIN": admin, "MIN_UNIT_AREA": 0}, tmp_out, feedback)
    assert "1 pairs of administrative polygons overlap (1/2)" in feedback.text()
    found, _ = rows_and_shapes(result["FINDINGS"], ["rule", "feature_fid", "other_fid", "area_m2", "message"])
    overlap = [r for r in found if r["rule"] == "UNIT_ADMIN_OVERLAP"]
    assert len(overlap) == 1 and overlap[0]["other_fid"] == 2
    assert overlap[0]["area_m2"] == pytest.approx(1e5, rel=1e-3)
    assert "overlap" in overlap[0]["message"]


def test_factor_in_another_crs_is_reprojected(tmp_out):
    admin = memory_layer([square(0, 0, 2000)], attrs=[["450122"]])
    gk = QgsGeometry.fromWkt(square(500, 500, 1000))
    from qgis.core import QgsCoordinateTransform

    transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4524"),
                                       QgsCoordinateReferenceSystem("EPSG:4490"), QgsProject.instance())
    gk.transform(transform)
    geographic = memory_layer([gk.asWkt(12)], crs="EPSG:4490")
    feedback = Feedback()
    result = run({"ADMIN": admin, "PRIORITY_LAYERS": [geographic], "MIN_UNIT_AREA": 0}, tmp_out, feedback)
    assert "reprojected" in feedback.text() and "EPSG:4490" in feedback.text()
    rows, geoms = rows_and_shapes(result["OUTPUT"], ["ZHGKDYFL"])
    prio = [g.area for r, g in zip(rows, geoms) if r["ZHGKDYFL"] == 1]
    assert prio == [pytest.approx(1e6, rel=1e-4)]


def test_invalid_factor_geometry_is_a_finding_and_the_run_goes_on(tmp_out):
    admin = memory_layer([square(0, 0, 2000)], attrs=[["450122"]])
    bowtie = "POLYGON(({0} {1},{2} {3},{2} {1},{0} {3},{0} {1}))".format(X + 100, Y + 100, X + 1100, Y + 1100)
    result = run({"ADMIN": admin, "PRIORITY_LAYERS": [memory_layer([bowtie])], "MIN_UNIT_AREA": 0},
                 tmp_out)
    found, _ = rows_and_shapes(result["FINDINGS"], ["rule", "feature_fid"])
    assert [(r["rule"], r["feature_fid"]) for r in found] == [("UNIT_INPUT_INVALID", 1)]
    rows, geoms = rows_and_shapes(result["OUTPUT"], ["ZHGKDYFL"])
    assert sorted(r["ZHGKDYFL"] for r in rows) == [1, 1, 3]  # the two triangles of the bow-tie
    assert shapely.area(geoms).sum() == pytest.approx(4e6, rel=1e-9)


def test_cancel_leaves_no_output(tmp_out, sample_gpkg):
    with pytest.raises(QgsProcessingException, match="cancelled"):
        run({"ADMIN": uri(sample_gpkg, "townships"), "ADMIN_CODE_FIELD": "XJDM",
             "PRIORITY_LAYERS": [uri(sample_gpkg, "priority_zones")]}, tmp_out, CancelAfter(35))
    assert not (tmp_out / "units.gpkg").exists() and not (tmp_out / "findings.gpkg").exists()
