"""Shared by the sample-data generator (make_sample_data.py) and its extra modules (sample_units.py,
sample_reserves.py): the OGR field and geometry types of the layer specs, the ellipsoidal area of the
sample's CRS and the geometry helpers they all use. Imports none of them, so none imports the running
script back.
"""
import math

import numpy as np
import shapely
from osgeo import ogr
from shapely.geometry import Point, Polygon
from shapely.ops import polylabel

X0, Y0, W, H = 36_490_000.0, 2_525_000.0, 60_000.0, 40_000.0   # the study area in EPSG:4524

# field and geometry types of the layer specs: {layer: (geometry type, [(field, type, width)], ...)}
S, R, D = ogr.OFTString, ogr.OFTReal, ogr.OFTDate
MP, PT, LN = ogr.wkbMultiPolygon, ogr.wkbPoint, ogr.wkbLineString

# GK zone 36 point scale: ellipsoidal area = planar area / k^2 (k from the easting offset, latitude ~23N)
_A, _F = 6378137.0, 1 / 298.257222101
_E2 = _F * (2 - _F)
_S = math.sin(math.radians(23.0)) ** 2
_RR = (_A * (1 - _E2) / (1 - _E2 * _S) ** 1.5) * (_A / math.sqrt(1 - _E2 * _S))   # M * N


def ell_area(g):
    """Approximate CGCS2000 ellipsoidal area (m²) of a valid planar geometry in EPSG:4524."""
    if g is None or g.is_empty:
        return 0.0
    e = g.centroid.x - 36_500_000.0
    k = 1 + e * e / (2 * _RR) + e ** 4 / (24 * _RR * _RR)
    return g.area / (k * k)


def blob(cx, cy, r, rng, rough=0.22, elong=1.0, n=None):
    """Smooth irregular star-shaped polygon (always simple) of mean radius r."""
    n = n or int(np.clip(2 * np.pi * r / 45.0, 28, 360))
    t = np.linspace(0, 2 * np.pi, n, endpoint=False)
    rad = np.ones(n)
    for k in range(2, 8):
        rad += rough * rng.normal() / k ** 1.2 * np.cos(k * t + rng.uniform(0, 2 * np.pi))
    rad = np.clip(rad, 0.45, 1.8)
    ang = rng.uniform(0, np.pi)
    x, y = r * rad * np.cos(t) * elong, r * rad * np.sin(t) / elong
    xr, yr = x * np.cos(ang) - y * np.sin(ang), x * np.sin(ang) + y * np.cos(ang)
    return Polygon(np.column_stack([cx + xr, cy + yr]))


def boundary_point(poly, direction):
    """Point where the ray from poly's label point in `direction` (radians) leaves the polygon."""
    c = polylabel(poly, 5.0)
    far = Point(c.x + 1e6 * math.cos(direction), c.y + 1e6 * math.sin(direction))
    hit = shapely.intersection(poly.exterior, shapely.LineString([c, far]))
    pts = [q for q in shapely.get_parts(hit) if q.geom_type == "Point"]
    return max(pts, key=lambda q: q.distance(c)), c
