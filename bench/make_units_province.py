"""Seeded synthetic province for the control-unit benchmark (numpy + shapely 2 + OGR, no QGIS).

Writes bench/data/units_province[_s<scale>].gpkg in EPSG:4524 with, at --scale 1:
  counties (XZQDM, XZQMC)        ~100 county cells tiling a 200 km square (make_province.make_counties)
  townships (XZQDM, XZQMC, XJDM) ~1,800 township cells nested in the counties (XJDM = county code)
  priority_redline / priority_water / priority_wetland   30,000 / 12,000 / 8,000 blobs (50,000)
  key_urban / key_industry       8,000 / 12,000 blobs (20,000)
  sites (XMBH, HYLB)             1,000 project sites (points, short lines and small polygons mixed as polygons)
Factor polygons of one layer may overlap each other, as real element layers do.

    .venv/bin/python bench/make_units_province.py --scale 0.05
"""
import argparse
import os
import sys
import time

import numpy as np
import shapely
from osgeo import gdal, ogr

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_province import (
    FULL_SIDE,
    X0,
    Y0,
    as_multi,
    blob_rings,
    make_counties,
    pick_weighted,
    smooth_field,
    write_layer,
)

FACTORS = {"priority_redline": (30_000, 3.0, (150, 900)), "priority_water": (12_000, 0.0, (200, 1500)),
           "priority_wetland": (8_000, 1.0, (100, 700)), "key_urban": (8_000, -2.0, (300, 2500)),
           "key_industry": (12_000, -1.0, (150, 900))}  # count, affinity to the smooth field, radius range (m)


def make_townships(rng, counties, codes, names, per_county):
    """Voronoi cells of random seeds inside each county, clipped to it: they nest and tile exactly."""
    geoms, xzqdm, xzqmc, xjdm = [], [], [], []
    for county, code, name in zip(counties, codes, names):
        n = max(2, int(rng.poisson(per_county)))
        x0, y0, x1, y1 = county.bounds
        pts = []
        while len(pts) < n:  # attribute-sized loop: a few dozen seeds per county
            p = shapely.points(rng.uniform(x0, x1, n * 2), rng.uniform(y0, y1, n * 2))
            pts.extend(p[shapely.contains(county, p)][: n - len(pts)])
        cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(pts), extend_to=county))
        cells = shapely.get_parts(shapely.intersection(cells, county))
        cells = cells[shapely.get_type_id(cells) == 3]
        for k, cell in enumerate(cells):
            geoms.append(cell)
            xzqdm.append("{}{:03d}".format(code, k + 1))
            xzqmc.append("{}{:02d}镇".format(name, k + 1))
            xjdm.append(code)
    return (np.array(geoms, dtype=object), np.array(xzqdm, dtype=object), np.array(xzqmc, dtype=object),
            np.array(xjdm, dtype=object))


def make_factor(rng, f, side, n, affinity, radius):
    lo = np.array([X0 - side / 2, Y0 - side / 2])
    cand = rng.uniform(0, side, (n * 4, 2))
    pick = pick_weighted(rng, np.exp(affinity * f(cand[:, 0], cand[:, 1])), n)
    c = cand[pick] + lo
    r = np.exp(rng.uniform(np.log(radius[0]), np.log(radius[1]), len(c)))
    nv = rng.integers(16, 49, len(c))
    return shapely.polygons(blob_rings(rng, c[:, 0], c[:, 1], r, nv, amp=0.3))


def make_sites(rng, side, n):
    lo = np.array([X0 - side / 2, Y0 - side / 2])
    c = lo + rng.uniform(0, side, (n, 2))
    kind = rng.choice(3, n, p=[0.5, 0.2, 0.3])
    pts = shapely.points(c)
    lines = shapely.linestrings(np.stack([c, c + rng.uniform(-2000, 2000, (n, 2))], axis=1))
    polys = shapely.buffer(pts, rng.uniform(50, 600, n), quad_segs=4)
    return pts[kind == 0], lines[kind == 1], polys[kind == 2]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=20261124)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    t0 = time.perf_counter()
    rng = np.random.default_rng(args.seed)
    s = args.scale
    side = FULL_SIDE * np.sqrt(s)
    f = smooth_field(rng, side)
    counties, codes, names = make_counties(rng, side, max(4, int(round(100 * s))))
    towns, xzqdm, xzqmc, xjdm = make_townships(rng, counties, codes, names, 18)
    factors = {name: make_factor(rng, f, side, max(5, int(round(n * s))), aff, rad)
               for name, (n, aff, rad) in FACTORS.items()}
    pts, lines, polys = make_sites(rng, side, max(20, int(round(1000 * min(1.0, s * 4)))))
    if os.path.exists(args.out):
        os.remove(args.out)
    gdal.SetConfigOption("OGR_SQLITE_SYNCHRONOUS", "OFF")
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(args.out)
    mp = ogr.wkbMultiPolygon
    write_layer(ds, "counties", as_multi(counties), {"XZQDM": (str, codes), "XZQMC": (str, names)}, mp)
    write_layer(ds, "townships", as_multi(towns), {"XZQDM": (str, xzqdm), "XZQMC": (str, xzqmc),
                                                   "XJDM": (str, xjdm)}, mp)
    for name, geoms in factors.items():
        write_layer(ds, name, as_multi(geoms), {"MC": (str, np.array(
            ["{}{}".format(name, k + 1) for k in range(len(geoms))], dtype=object))}, mp)
    for name, geoms, gtype in (("sites_points", pts, ogr.wkbPoint), ("sites_lines", lines, ogr.wkbLineString),
                               ("sites_polygons", as_multi(polys), mp)):
        ids = np.array(["{}{:04d}".format(name[6:8].upper(), k + 1) for k in range(len(geoms))], dtype=object)
        write_layer(ds, name, geoms, {"XMBH": (str, ids), "HYLB": (str, np.full(len(geoms), "制造业", object))},
                    gtype)
    ds = None
    print("counties {} townships {} {} sites {} in {:.1f} s".format(
        len(counties), len(towns), {k: len(v) for k, v in factors.items()}, len(pts) + len(lines) + len(polys),
        time.perf_counter() - t0))


if __name__ == "__main__":
    main()
