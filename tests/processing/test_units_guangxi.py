"""ecospace:units_generate on the real Guangxi county layer (../shared/data, EPSG:4326) as ADMIN.

Factor layers are generated around real county points: priority squares in CGCS2000 GK zone 36
(EPSG:4524, reprojected by the algorithm) and key squares in EPSG:4326, some of them straddling
county lines. Every unit code must carry its county's real adcode.
"""
import re
from pathlib import Path

import numpy as np
import pytest
import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsDistanceArea,
    QgsFeature,
    QgsGeometry,
    QgsProject,
    QgsVectorLayer,
)

from ..support import Feedback, rows_and_shapes

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "guangxi_admin" / "guangxi_admin.gpkg"
CODE = re.compile(r"^ZH\d{6}[123]\d{4}$")

pytestmark = pytest.mark.usefixtures("provider")  # the ecospace provider (conftest) is registered


def squares(points, half, crs, name):
    layer = QgsVectorLayer("Polygon?crs=" + crs, name, "memory")
    feats = []
    for x, y in points:
        feat = QgsFeature(layer.fields())
        feat.setGeometry(QgsGeometry.fromWkt(shapely.box(x - half, y - half, x + half, y + half).wkt))
        feats.append(feat)
    assert layer.dataProvider().addFeatures(feats)[0]
    return layer


def factor_layers(counties):
    """Priority squares (2 km half-side, GK) at every county's inner point and key squares
    (0.05° half-side, lon/lat) at every third county's boundary vertex, across county lines."""
    to_gk = QgsCoordinateTransform(counties.crs(), QgsCoordinateReferenceSystem("EPSG:4524"),
                                   QgsProject.instance())
    inner, edge = [], []
    for k, f in enumerate(counties.getFeatures()):
        g = f.geometry()
        p = g.pointOnSurface().asPoint()
        gk = to_gk.transform(p)
        inner.append((gk.x(), gk.y()))
        if k % 3 == 0:
            v = g.vertexAt(0)
            edge.append((v.x(), v.y()))
    return squares(inner, 2000, "EPSG:4524", "priority_gk"), squares(edge, 0.05, "EPSG:4326", "key_ll")


def test_units_on_real_counties_carry_their_adcodes(shared_data, tmp_out):
    import processing

    if not SHARED.exists():
        pytest.skip("no guangxi_admin data")
    uri = "{}|layername=guangxi_county".format(SHARED)
    counties = QgsVectorLayer(uri, "guangxi_county", "ogr")
    assert counties.isValid() and counties.featureCount() == 111
    adcode = {f.id(): f["adcode"] for f in counties.getFeatures()}
    priority, key = factor_layers(counties)
    feedback = Feedback()
    result = processing.run("ecospace:units_generate", {
        "ADMIN": uri, "ADMIN_CODE_FIELD": "adcode", "ADMIN_NAME_FIELD": "name",
        "PRIORITY_LAYERS": [priority], "KEY_LAYERS": [key], "MIN_UNIT_AREA": 1e6,
        "OUTPUT": str(tmp_out / "units.gpkg"), "FINDINGS": str(tmp_out / "findings.gpkg")}, feedback=feedback)
    assert "priority_gk" in feedback.text() and "reprojected" in feedback.text()
    rows, geoms = rows_and_shapes(result["OUTPUT"])
    codes = [r["HJZHGKDYBM"] for r in rows]
    assert all(CODE.match(c) for c in codes) and len(set(codes)) == len(codes)
    for r in rows:
        assert r["HJZHGKDYBM"][2:8] == adcode[r["admin_fid"]] == r["AREA"]
    assert {r["AREA"] for r in rows} == set(adcode.values())
    klass = np.array([r["ZHGKDYFL"] for r in rows])
    assert (klass == 1).sum() >= 111 and (klass == 2).sum() > 0
    # the units tile the counties, and their ellipsoidal areas add up to the counties'
    _, admin = rows_and_shapes(uri, [])
    assert shapely.area(geoms).sum() == pytest.approx(shapely.area(admin).sum(), rel=1e-6)
    da = QgsDistanceArea()
    da.setSourceCrs(counties.crs(), QgsProject.instance().transformContext())
    da.setEllipsoid("EPSG:1024")  # CGCS2000
    total = sum(da.measureArea(f.geometry()) for f in counties.getFeatures())
    assert sum(r["AREA_M2"] for r in rows) == pytest.approx(total, rel=1e-4)
