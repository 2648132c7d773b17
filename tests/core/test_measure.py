"""Ellipsoidal measures against independent references."""
import math

import numpy as np
import pytest
import shapely

from ecospace.core.measure import (
    Ellipsoid,
    Measurer,
    TransverseMercator,
    gk_zone_info,
    lonlat_identity,
    to_lonlat_from_proj,
)

GK36 = "+proj=tmerc +lat_0=0 +lon_0=108 +k=1 +x_0=36500000 +y_0=0 +ellps=GRS80 +units=m +no_defs"


def test_cgcs2000_zone_band_area():
    """The area between two parallels and meridians has a closed form on the ellipsoid."""
    ell = Ellipsoid()
    lon0, lon1, lat0, lat1 = 108.0, 108.5, 22.5, 23.0
    exact = ell.a ** 2 * math.radians(lon1 - lon0) * (ell.q(math.radians(lat1)) - ell.q(math.radians(lat0))) / 2
    box = shapely.box(lon0, lat0, lon1, lat1).segmentize(0.001)
    got = Measurer(lonlat_identity).area([box])[0]
    assert got == pytest.approx(exact, rel=1e-9)


def test_tm_inverse_matches_gdal():
    osr = pytest.importorskip("osgeo.osr")
    src, dst = osr.SpatialReference(), osr.SpatialReference()
    src.ImportFromEPSG(4524)
    dst.ImportFromEPSG(4490)
    for ref in (src, dst):
        ref.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    rng = np.random.default_rng(1)
    xy = np.column_stack([rng.uniform(36.35e6, 36.65e6, 500), rng.uniform(2.2e6, 2.9e6, 500)])
    expected = np.asarray(osr.CoordinateTransformation(src, dst).TransformPoints(xy))[:, :2]
    got = to_lonlat_from_proj(GK36)(xy)
    assert np.abs(got - expected).max() < 1e-8  # degrees: about a millimetre
    assert TransverseMercator(108, 1.0, 36500000).to_lonlat(np.array([[36500000.0, 0.0]]))[0] == \
        pytest.approx([108.0, 0.0], abs=1e-12)


def test_gk_area_is_planar_over_scale_squared():
    """In GK the ellipsoidal area of a small square is its planar area / k², k = 1 + x²/2R²."""
    m = Measurer(to_lonlat_from_proj(GK36))
    x_off = 100000.0
    square = shapely.box(36500000 + x_off, 2540000, 36500000 + x_off + 100, 2540100)
    radius = 6378137.0 * 0.9973  # mean radius of curvature near 23° N
    k = 1 + x_off ** 2 / (2 * radius ** 2)
    assert m.area([square])[0] == pytest.approx(10000.0 / k ** 2, rel=2e-6)


def test_length_of_a_meridian_segment():
    m = Measurer(to_lonlat_from_proj(GK36))
    line = shapely.LineString([(36500000, 2540000), (36500000, 2541000)])
    assert m.length([line])[0] == pytest.approx(1000.0, rel=1e-6)
    assert m.length([shapely.box(36500000, 2540000, 36500010, 2540010)])[0] == pytest.approx(40.0, rel=1e-5)


def test_missing_geometries_measure_zero():
    m = Measurer(lonlat_identity)
    assert list(m.area([None, shapely.Polygon()])) == [0.0, 0.0]


def test_zone_info_only_for_zone_prefixed_gk():
    assert gk_zone_info(GK36) == (36, 108.0)
    assert gk_zone_info("+proj=tmerc +lon_0=108 +x_0=500000") is None
    assert gk_zone_info("+proj=longlat +ellps=GRS80") is None


@pytest.mark.parametrize("proj, shape", [
    (GK36, shapely.Point(36620000, 2560000).buffer(2000)),
    ("+proj=longlat +ellps=GRS80", shapely.Point(108.3, 23.1).buffer(0.02)),
])
def test_local_scale_agrees_with_full_transform(proj, shape):
    """Small geometries use planar measure × local scale; it must match the per-vertex result."""
    fast = Measurer(to_lonlat_from_proj(proj), conformal=proj.startswith("+proj=tmerc"))
    exact = Measurer(to_lonlat_from_proj(proj), local_size=0.0)
    assert fast.area([shape])[0] == pytest.approx(exact.area([shape])[0], rel=1e-6)
    assert fast.length([shape])[0] == pytest.approx(exact.length([shape])[0], rel=1e-6)


def test_a_long_sliver_keeps_its_tiny_area():
    """An 8 km triangle 0.1 µm wide, 100 km off the central meridian: the edges are straight on the
    map, so its ellipsoidal area is its planar area / k², not what its bent edges would enclose."""
    m = Measurer(to_lonlat_from_proj(GK36), conformal=True)
    x0, y0 = 36600000.0, 2540000.0
    sliver = shapely.Polygon([(x0, y0), (x0 + 4000, y0 + 4000 + 1e-7), (x0 + 8000, y0 + 8000), (x0, y0)])
    planar = sliver.area
    assert 1e-4 < planar < 1e-3
    assert m.area([sliver])[0] == pytest.approx(planar, rel=1e-3)


@pytest.mark.parametrize("proj, centre, radius, hole", [
    (GK36, (36620000, 2560000), 30000.0, 8000.0),
    ("+proj=longlat +ellps=GRS80", (108.3, 23.1), 0.6, 0.2),
])
def test_moments_agree_with_densified_vertices(proj, centre, radius, hole):
    """Between local_size and moment_size, the quadratic-scale integral equals the per-vertex
    result on densified edges (where bending no longer matters), holes subtracted either way round."""
    star = shapely.Polygon([(centre[0] + radius * (1 + 0.3 * math.cos(5 * t)) * math.cos(t),
                             centre[1] + radius * (1 + 0.3 * math.cos(5 * t)) * math.sin(t))
                            for t in np.linspace(0, 2 * math.pi, 400, endpoint=False)])
    inner = shapely.Point(centre).buffer(hole).exterior
    shape = shapely.Polygon(star.exterior.coords, [inner.coords])           # hole counter-clockwise
    flipped = shapely.Polygon(star.exterior.coords[::-1], [inner.coords[::-1]])
    m = Measurer(to_lonlat_from_proj(proj))
    step = radius / 2000
    reference = shapely.area(shapely.transform(shapely.segmentize(shape, step), m._to_equal_area))
    got = m.area([shape, flipped, shapely.MultiPolygon([shape])])
    assert got == pytest.approx([reference] * 3, rel=2e-8)


def test_huge_geometries_are_densified():
    """Beyond moment_size: a 3° × 3° band still meets the closed form."""
    ell = Ellipsoid()
    lon0, lon1, lat0, lat1 = 106.0, 109.0, 21.0, 24.0
    exact = ell.a ** 2 * math.radians(lon1 - lon0) * (ell.q(math.radians(lat1)) - ell.q(math.radians(lat0))) / 2
    got = Measurer(lonlat_identity).area([shapely.box(lon0, lat0, lon1, lat1)])[0]
    assert got == pytest.approx(exact, rel=1e-9)
