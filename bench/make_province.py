"""Seeded generator of a synthetic province for the red-line benchmark (no QGIS needed).

Writes bench/data/province.gpkg in EPSG:4524 (CGCS2000 3-degree GK zone 36, central meridian 108°E):
redline, farmland, urban_boundary, protected_areas, construction_land, counties, and a JSON file with the
numbers of deliberately injected problems next to it (province_truth.json).

    .venv/bin/python bench/make_province.py --scale 0.05

At --scale 1: ~100,000 red-line patches, 500,000 farmland fields, 200 urban boundaries, 300 protected areas,
20,000 construction-land polygons, ~100 counties on a 200 km x 200 km square. Counts scale linearly with --scale
and the square's side with sqrt(scale), so densities (and the share of conflicts) stay the same.
"""
import argparse
import json
import os
import time

import numpy as np
import shapely
from osgeo import gdal, ogr, osr

X0, Y0 = 36_500_000.0, 3_800_000.0  # zone-prefixed easting of 108°E; northing of ~34.3°N
FULL_SIDE = 200_000.0
RL_CELL = 400.0  # one red-line patch per cell at most: patches never overlap by accident
FARM_CELL = 120.0
BAD_SHARE = 0.005  # share of invalid (bow-tie) geometries in red line and farmland


# ---------------------------------------------------------------- helpers

def smooth_field(rng, side, n_waves=12):
    """A smooth random landscape value (mountain vs plain) as a sum of plane waves."""
    ang = rng.uniform(0, 2 * np.pi, n_waves)
    lam = rng.uniform(8e3, 40e3, n_waves) * max(side / FULL_SIDE, 0.15)
    kx, ky = np.cos(ang) * 2 * np.pi / lam, np.sin(ang) * 2 * np.pi / lam
    ph = rng.uniform(0, 2 * np.pi, n_waves)

    def f(x, y):
        out = np.zeros(len(x))
        for i in range(n_waves):  # loop over waves, vectorised over points: keeps memory flat
            out += np.sin(kx[i] * x + ky[i] * y + ph[i])
        return out / np.sqrt(n_waves / 2)

    return f


def pick_weighted(rng, weights, n):
    """n distinct indices drawn with probability ~ weights (Gumbel top-k, vectorised)."""
    n = min(n, len(weights))
    keys = np.log(weights) + rng.gumbel(size=len(weights))
    return np.sort(np.argpartition(-keys, n - 1)[:n])


def ragged_index(counts):
    """Owner index and position-within-owner for a ragged array with these counts."""
    owner = np.repeat(np.arange(len(counts)), counts)
    pos = np.arange(owner.size) - np.repeat(np.cumsum(counts) - counts, counts)
    return owner, pos


def blob_rings(rng, cx, cy, r, nv, amp, jitter=0.03, aspect=None, rot=None):
    """Star-shaped irregular rings (always simple): monotone angles, radius 1 +- (amp + jitter)."""
    n = len(cx)
    owner, j = ragged_index(nv)
    theta = 2 * np.pi * (j + rng.uniform(-0.4, 0.4, owner.size)) / nv[owner]
    harm = rng.dirichlet(np.ones(3), n) * np.broadcast_to(amp, (n,))[:, None]
    phase = rng.uniform(0, 2 * np.pi, (n, 3))
    rho = 1 + rng.uniform(-jitter, jitter, owner.size)
    for k, m in enumerate((2, 3, 5)):
        rho += harm[owner, k] * np.sin(m * theta + phase[owner, k])
    px, py = rho * np.cos(theta), rho * np.sin(theta)
    if aspect is not None:
        py = py * aspect[owner]
    if rot is not None:
        c, s = np.cos(rot[owner]), np.sin(rot[owner])
        px, py = px * c - py * s, px * s + py * c
    xy = np.column_stack([cx[owner] + r[owner] * px, cy[owner] + r[owner] * py])
    return shapely.linearrings(xy, indices=owner)


def assemble(shells, holes=None, hole_owner=None, extra_parts=None, extra_owner=None):
    """MultiPolygons from one shell per feature, optional holes and optional extra polygon parts."""
    n = len(shells)
    rings, ring_poly = [shells], [np.arange(n)]
    if holes is not None and len(holes):
        rings.append(holes)
        ring_poly.append(hole_owner)
    rings, ring_poly = np.concatenate(rings), np.concatenate(ring_poly)
    order = np.argsort(ring_poly, kind="stable")  # shell first (stable), then its holes
    polys = shapely.polygons(rings[order], indices=ring_poly[order])
    owner = np.arange(n)
    if extra_parts is not None and len(extra_parts):
        polys = np.concatenate([polys, shapely.polygons(extra_parts)])
        owner = np.concatenate([owner, extra_owner])
    order = np.argsort(owner, kind="stable")
    return shapely.multipolygons(polys[order], indices=owner[order])


def translate_each(geoms, dx, dy):
    """Shift every geometry by its own (dx, dy), vectorised over all coordinates."""
    counts = shapely.get_num_coordinates(geoms)
    shift = np.repeat(np.column_stack([dx, dy]), counts, axis=0)
    return shapely.transform(geoms, lambda c: c + shift)


def scale_each(geoms, cx, cy, s):
    """Scale every geometry by its own factor about its own centre."""
    counts = shapely.get_num_coordinates(geoms)
    c = np.repeat(np.column_stack([cx, cy]), counts, axis=0)
    f = np.repeat(s, counts)[:, None]
    return shapely.transform(geoms, lambda xy: c + (xy - c) * f)


def make_bowties(geoms, idx, rng, multi):
    """Swap two neighbouring vertices of the shell of single-shell, hole-free geometries: a bow-tie."""
    shell = shapely.get_exterior_ring(shapely.get_geometry(geoms[idx], 0))
    coords, owner = shapely.get_coordinates(shell, return_index=True)
    counts = np.bincount(owner, minlength=len(idx))
    j = np.cumsum(counts) - counts + rng.integers(1, counts - 3)  # never the closing vertex
    coords[[j, j + 1]] = coords[[j + 1, j]]
    polys = shapely.polygons(shapely.linearrings(coords, indices=owner))
    return as_multi(polys) if multi else polys


# ---------------------------------------------------------------- layers

def make_counties(rng, side, n):
    """~n counties tiling the square: Voronoi cells, boundaries densified and bent by one smooth map."""
    lo = np.array([X0 - side / 2, Y0 - side / 2])
    seeds = shapely.multipoints(lo + rng.uniform(0, side, (n, 2)))
    frame = shapely.box(*lo, *(lo + side))
    cells = shapely.intersection(shapely.get_parts(shapely.voronoi_polygons(seeds, extend_to=frame)), frame)
    lines = shapely.segmentize(shapely.union_all(shapely.boundary(cells)), 50.0)
    amp, lam = side / 250, side / 25  # |d displacement| <= 2*2pi*amp/lam ~ 0.63 < 1: the map stays one-to-one
    ph = rng.uniform(0, 2 * np.pi, 4)

    def bend(xy):
        u, v = (xy[:, 0] - lo[0]) / side, (xy[:, 1] - lo[1]) / side
        taper = np.sin(np.pi * np.clip(u, 0, 1)) * np.sin(np.pi * np.clip(v, 0, 1))  # frame stays fixed
        kx, ky = 2 * np.pi * (xy[:, 0] - lo[0]) / lam, 2 * np.pi * (xy[:, 1] - lo[1]) / lam
        dx = amp * taper * (np.sin(ky + ph[0]) + np.sin(kx * 0.7 + ky * 0.7 + ph[1]))
        dy = amp * taper * (np.sin(kx + ph[2]) + np.sin(kx * 0.7 - ky * 0.7 + ph[3]))
        return xy + np.column_stack([dx, dy])

    polys = shapely.get_parts(shapely.polygonize(shapely.get_parts(shapely.transform(lines, bend))))
    c = shapely.get_coordinates(shapely.point_on_surface(polys))
    # codes 61CCXX: cities are bands of the province from north to south, counties numbered west to east
    order = np.lexsort((c[:, 0], -c[:, 1]))
    polys = polys[order]
    n = len(polys)
    city = np.arange(n) * min(10, max(1, n // 8)) // n + 1
    serial = np.arange(n) - np.searchsorted(city, city) + 2
    codes = np.array([f"61{a:02d}{b:02d}" for a, b in zip(city, serial)])
    names = np.array([f"示例{a:02d}市{b:02d}县" for a, b in zip(city, serial)])
    return polys, codes, names


def make_urban(rng, f, side, n):
    lo = np.array([X0 - side / 2, Y0 - side / 2])
    cand = lo + rng.uniform(0, side, (n * 20, 2))
    pick = pick_weighted(rng, np.exp(-2.0 * f(cand[:, 0] - lo[0], cand[:, 1] - lo[1])), n)  # towns sit in the plains
    c = cand[pick]
    r = np.clip(rng.lognormal(np.log(1200), 0.6, n), 400, 6000)
    nv = rng.integers(40, 121, n)
    return shapely.polygons(blob_rings(rng, c[:, 0], c[:, 1], r, nv, amp=0.35)), c, r


def make_redline(rng, f, side, n_target, counties, county_codes, urban):
    lo = np.array([X0 - side / 2, Y0 - side / 2])
    nx = int(side // RL_CELL)
    gx, gy = np.meshgrid(np.arange(nx), np.arange(nx))
    cx, cy = (gx.ravel() + 0.5) * RL_CELL, (gy.ravel() + 0.5) * RL_CELL
    n_base = int(round(n_target * 0.992))  # the rest: duplicates, overlapping copies, hole fillers
    pick = pick_weighted(rng, np.exp(3.0 * f(cx, cy)), int(n_base * 1.06))  # patches cluster in the mountains
    cx, cy = cx[pick] + lo[0], cy[pick] + lo[1]
    n = len(cx)
    kind = rng.choice(4, n, p=[0.936, 0.03, 0.03, 0.004])  # 0 plain, 1 multipart, 2 with a hole, 3 sliver
    r = np.where(kind == 1, rng.uniform(0.12, 0.2, n), rng.uniform(0.15, 0.33, n)) * RL_CELL
    slack = np.where(kind == 1, 0, 0.45 * RL_CELL - 1.33 * r)  # centre jitter that keeps the patch in its cell
    cx += rng.uniform(-1, 1, n) * slack
    cy += rng.uniform(-1, 1, n) * slack
    nv = rng.integers(20, 61, n)
    sl = kind == 3
    aspect = np.where(sl, rng.uniform(0.008, 0.02, n), 1.0)
    r = np.where(sl, 0.33 * RL_CELL, r)
    shells = blob_rings(rng, cx, cy, r, nv, amp=np.where(sl, 0.1, 0.3), aspect=aspect, rot=rng.uniform(0, np.pi, n))

    ih = np.flatnonzero(kind == 2)
    hr = r[ih] * rng.uniform(0.08, 0.25, len(ih))
    holes = blob_rings(rng, cx[ih], cy[ih], hr, rng.integers(12, 25, len(ih)), amp=0.15)
    im = np.flatnonzero(kind == 1)
    a = rng.uniform(0, 2 * np.pi, len(im))
    sr = np.where(rng.random(len(im)) < 0.25, rng.uniform(3, 7, len(im)), rng.uniform(0.04, 0.07, len(im)) * RL_CELL)
    sat = blob_rings(rng, cx[im] + 0.38 * RL_CELL * np.cos(a), cy[im] + 0.38 * RL_CELL * np.sin(a), sr,
                     rng.integers(12, 21, len(im)), amp=0.2)
    geoms = assemble(shells, holes, ih, sat, im)

    # red line must keep out of the urban boundaries: keep ~3% of the patches that do not
    tree = shapely.STRtree(urban)
    hits = np.unique(tree.query(geoms, predicate="intersects")[0])
    drop = hits[rng.random(len(hits)) > 0.03]
    keep = np.setdiff1d(np.arange(n), drop)
    keep = np.sort(rng.choice(keep, min(n_base, len(keep)), replace=False))
    geoms, cx, cy, r, kind = geoms[keep], cx[keep], cy[keep], r[keep], kind[keep]
    kept = np.isin(ih, keep)
    hole_pos, hole_kept = np.searchsorted(keep, ih[kept]), holes[kept]  # new position of each holed patch
    n = len(geoms)

    # extras that make rule findings: exact duplicates, shifted (overlapping) copies, islands filling a hole
    n_dup, n_ovl = max(1, n_target // 1000), max(1, n_target * 4 // 1000)
    i_dup = rng.choice(n, n_dup, replace=False)
    i_ovl = rng.choice(np.flatnonzero(kind == 0), n_ovl, replace=False)
    a = rng.uniform(0, 2 * np.pi, n_ovl)
    d = r[i_ovl] * rng.uniform(0.3, 0.8, n_ovl)
    ovl = translate_each(geoms[i_ovl], d * np.cos(a), d * np.sin(a))
    n_fill = max(0, min(len(hole_pos) // 5, n_target - n - n_dup - n_ovl))  # a fifth of the holes are islands
    k_fill = rng.choice(len(hole_pos), n_fill, replace=False)
    fill = as_multi(shapely.polygons(hole_kept[k_fill]))
    geoms = np.concatenate([geoms, geoms[i_dup], ovl, fill])  # extras get the fids after the originals
    src = np.concatenate([np.arange(n), i_dup, i_ovl, hole_pos[k_fill]])  # patch each feature was made from

    # attributes
    centre = shapely.point_on_surface(geoms)
    ci, pi = shapely.STRtree(counties).query(centre, predicate="within")
    xzqdm = np.full(len(geoms), "", dtype=object)
    xzqdm[ci] = county_codes[pi]
    area = shapely.area(geoms)
    bsm = np.array([f"6100HX{i + 1:07d}" for i in range(len(geoms))], dtype=object)
    truth = {}
    m = len(geoms)
    same_code = np.arange(n, n + n_dup // 2)  # half of the duplicates were imported twice with the same BSM
    bsm[same_code] = bsm[src[same_code]]
    wrong = rng.choice(m, max(1, m // 500), replace=False)
    xzqdm[wrong] = county_codes[rng.integers(0, len(county_codes), len(wrong))]
    blank = rng.choice(m, max(1, m // 1000), replace=False)
    xzqdm[blank] = ""
    mj = np.round(area, 2)
    bad_mj = rng.choice(m, max(1, m // 200), replace=False)
    mj[bad_mj] = np.round(mj[bad_mj] * rng.choice([0.9, 1.05, 1e-4], len(bad_mj)), 2)  # typo-ish and hectare mix-up
    truth.update(redline_duplicates=int(n_dup), redline_duplicates_same_bsm=int(len(same_code)),
                 redline_shifted_copies=int(n_ovl), redline_hole_fillers=int(n_fill),
                 redline_multipart=int((kind == 1).sum()), redline_with_hole=int((kind == 2).sum()),
                 redline_slivers=int((kind == 3).sum()), redline_xzqdm_randomised=int(len(wrong)),
                 redline_xzqdm_blank=int(len(blank)), redline_mj_altered=int(len(bad_mj)))
    return geoms, bsm, xzqdm, mj, truth


def make_farmland(rng, f, side, n_target, redline, urban, conflict_share=0.03):
    lo = np.array([X0 - side / 2, Y0 - side / 2])
    nx = int(side // FARM_CELL)
    gx, gy = np.meshgrid(np.arange(nx), np.arange(nx))
    cx, cy = (gx.ravel() + 0.5) * FARM_CELL, (gy.ravel() + 0.5) * FARM_CELL
    pick = pick_weighted(rng, np.exp(-2.0 * f(cx, cy)), int(n_target * 1.5))
    cx, cy = cx[pick] + lo[0], cy[pick] + lo[1]
    n = len(cx)
    w, h = rng.uniform(0.5, 0.75, (2, n)) * FARM_CELL / 2
    rot = rng.uniform(-np.pi / 18, np.pi / 18, n)
    cx += rng.uniform(-0.06, 0.06, n) * FARM_CELL
    cy += rng.uniform(-0.06, 0.06, n) * FARM_CELL
    corners = np.array([[-1, -1], [1, -1], [1, 1], [-1, 1]], float)
    px = corners[None, :, 0] * w[:, None] + rng.uniform(-0.04, 0.04, (n, 4)) * FARM_CELL
    py = corners[None, :, 1] * h[:, None] + rng.uniform(-0.04, 0.04, (n, 4)) * FARM_CELL
    c, s = np.cos(rot)[:, None], np.sin(rot)[:, None]
    xy = np.stack([cx[:, None] + px * c - py * s, cy[:, None] + px * s + py * c], axis=-1)
    geoms = shapely.polygons(xy)

    # farmland keeps out of the urban boundaries (3% stay) and out of most red-line patches:
    # only farmland touching a chosen few % of patches stays (those are the planted conflicts)
    u_hits = np.unique(shapely.STRtree(urban).query(geoms, predicate="intersects")[0])
    fi, ri = shapely.STRtree(redline).query(geoms, predicate="intersects")
    hits = np.bincount(ri, minlength=len(redline))
    touched = np.flatnonzero(hits)
    n_conf = min(len(touched), int(round(conflict_share * len(redline))))
    conflict = np.zeros(len(redline), bool)  # patches with more farmland around are likelier picks
    conflict[rng.choice(touched, n_conf, replace=False, p=hits[touched] / hits[touched].sum())] = True
    hit_any = np.zeros(n, bool)
    hit_any[fi] = True
    hit_conf = np.zeros(n, bool)
    hit_conf[fi[conflict[ri]]] = True
    ok = (~hit_any | hit_conf)
    ok[u_hits[rng.random(len(u_hits)) > 0.03]] = False
    # trim to the target size from the fields without a planted conflict
    spare = np.flatnonzero(ok & ~hit_conf)
    excess = max(0, int(ok.sum()) - n_target)
    ok[rng.choice(spare, min(excess, len(spare)), replace=False)] = False
    keep = np.flatnonzero(ok)
    geoms = geoms[keep]
    dlbm = rng.choice(np.array(["0101", "0102", "0103"], dtype=object), len(geoms), p=[0.5, 0.2, 0.3])
    return geoms, dlbm, np.round(shapely.area(geoms), 2)


def make_protected(rng, redline, n, share_outside=0.15):
    """Protected areas: shrunken copies of red-line patches, some grown beyond them (RL_PA_OUTSIDE)."""
    one_shell = (shapely.get_num_geometries(redline) == 1) & (shapely.get_num_interior_rings(
        shapely.get_geometry(redline, 0)) == 0) & shapely.is_valid(redline)
    cand = np.flatnonzero(one_shell & (shapely.area(redline) > np.quantile(shapely.area(redline), 0.5)))
    idx = np.sort(rng.choice(cand, min(n, len(cand)), replace=False))
    out = rng.random(len(idx)) < share_outside
    s = np.where(out, rng.uniform(1.15, 1.5, len(idx)), rng.uniform(0.6, 0.95, len(idx)))
    poly = shapely.get_geometry(redline[idx], 0)
    # scale about the shell's own centre of angles (the blob centre): the centroid is close enough
    c = shapely.get_coordinates(shapely.centroid(poly))
    pa = scale_each(poly, c[:, 0], c[:, 1], s)
    # a scaled star shape stays inside its original only if the centre is its star centre; drop the few
    # "inside" copies that still poke out, so the planted outside pieces are exactly the grown ones
    fine = out | shapely.covers(redline[idx], pa)
    kinds = rng.choice(np.array(["自然保护区", "自然公园", "国家公园"], dtype=object), len(idx),
                       p=[0.5, 0.45, 0.05])
    return pa[fine], kinds[fine], int(out[fine].sum())


def make_construction(rng, side, n, urban_c, urban_r):
    lo = np.array([X0 - side / 2, Y0 - side / 2])
    near = rng.random(n) < 0.6
    k = rng.integers(0, len(urban_c), n)
    a = rng.uniform(0, 2 * np.pi, n)
    d = urban_r[k] * rng.uniform(0.6, 1.4, n)
    c = np.where(near[:, None], urban_c[k] + np.column_stack([d * np.cos(a), d * np.sin(a)]),
                 lo + rng.uniform(0, side, (n, 2)))
    w, h = np.clip(rng.lognormal(np.log(50), 0.5, (2, n)), 15, 200) / 2
    rot = rng.uniform(0, np.pi, n)
    corners = np.array([[-1, -1], [1, -1], [1, 1], [-1, 1]], float)
    px, py = corners[None, :, 0] * w[:, None], corners[None, :, 1] * h[:, None]
    cs, sn = np.cos(rot)[:, None], np.sin(rot)[:, None]
    xy = np.stack([c[:, :1] + px * cs - py * sn, c[:, 1:] + px * sn + py * cs], axis=-1)
    return shapely.polygons(xy)


# ---------------------------------------------------------------- writing

OGR_TYPES = {str: ogr.OFTString, float: ogr.OFTReal, int: ogr.OFTInteger64}


def write_layer(ds, name, geoms, fields, gtype):
    """Write geometries + attribute columns ({name: (python type, values)}) in one transaction."""
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4524)
    lyr = ds.CreateLayer(name, srs, gtype, options=["GEOMETRY_NAME=geom", "FID=fid"])
    for fname, (ftype, _) in fields.items():
        fd = ogr.FieldDefn(fname, OGR_TYPES[ftype])
        if ftype is str:
            fd.SetWidth(50)
        lyr.CreateField(fd)
    defn = lyr.GetLayerDefn()
    cols = [(defn.GetFieldIndex(k), v) for k, (_, v) in fields.items()]
    wkb = shapely.to_wkb(geoms)
    lyr.StartTransaction()
    for i in range(len(wkb)):
        feat = ogr.Feature(defn)
        for j, vals in cols:
            feat.SetField(j, vals[i].item() if hasattr(vals[i], "item") else vals[i])
        feat.SetGeometryDirectly(ogr.CreateGeometryFromWkb(wkb[i]))
        lyr.CreateFeature(feat)
    lyr.CommitTransaction()


def as_multi(geoms):
    return shapely.multipolygons(geoms, indices=np.arange(len(geoms)))


def invalidate(rng, geoms, share, multi, prefer=None):
    """Turn ~share of the geometries into bow-ties; returns the new array and the invalid positions.

    A third of them are drawn from `prefer` (if given): those are the ones that meet other layers."""
    geoms = geoms.copy()
    simple = (shapely.get_num_geometries(geoms) == 1) & (shapely.get_num_interior_rings(
        shapely.get_geometry(geoms, 0)) == 0) & shapely.is_valid(geoms)
    k = int(round(share * len(geoms) * 2)) + 1
    cand = rng.choice(np.flatnonzero(simple), k, replace=False)
    if prefer is not None:
        pref = np.intersect1d(np.flatnonzero(simple), prefer)
        cand = np.unique(np.concatenate([rng.choice(pref, min(len(pref), k // 3), replace=False), cand]))
        rng.shuffle(cand)
    new = make_bowties(geoms, cand, rng, multi)
    bad = ~shapely.is_valid(new)
    want = max(1, int(round(share * len(geoms))))
    sel = np.flatnonzero(bad)[:want]
    geoms[cand[sel]] = new[sel]
    return geoms, np.sort(cand[sel])


# ---------------------------------------------------------------- main

def generate(scale, seed):
    """Every layer of a province at `scale` around (X0, Y0): ({name: (geometries, fields, OGR type)},
    truth). bench_national.py sets X0/Y0 to place several provinces."""
    rng = np.random.default_rng(seed)
    s = scale
    side = FULL_SIDE * np.sqrt(s)
    f = smooth_field(rng, side)
    n = lambda full, lo=1: max(lo, int(round(full * s)))  # noqa: E731

    counties, codes, names = make_counties(rng, side, n(100, 4))
    urban, uc, ur = make_urban(rng, f, side, n(200, 2))
    redline, bsm, xzqdm, mj, truth = make_redline(rng, f, side, n(100_000), counties, codes, urban)
    farmland, dlbm, fmj = make_farmland(rng, f, side, n(500_000), redline, urban)
    pa, pa_kind, pa_out = make_protected(rng, redline, n(300, 3))
    cons = make_construction(rng, side, n(20_000), uc, ur)
    touching = np.unique(shapely.STRtree(farmland).query(redline, predicate="intersects")[0])
    redline, rl_bad = invalidate(rng, redline, BAD_SHARE, True, prefer=touching)
    farmland, fl_bad = invalidate(rng, farmland, BAD_SHARE, False)
    mp = ogr.wkbMultiPolygon
    layers = {
        "redline": (redline, {"BSM": (str, bsm), "XZQDM": (str, xzqdm), "MJ": (float, mj)}, mp),
        "farmland": (farmland, {"DLBM": (str, dlbm), "MJ": (float, fmj)}, ogr.wkbPolygon),
        "urban_boundary": (as_multi(urban), {"BSM": (str, np.array([f"UDB{i + 1:04d}" for i in range(len(urban))],
                                                                      dtype=object))}, mp),
        "protected_areas": (as_multi(pa), {"MC": (str, np.array([f"保护地{i + 1:03d}" for i in range(len(pa))],
                                                                  dtype=object)), "LX": (str, pa_kind)}, mp),
        "construction_land": (cons, {"YDLX": (str, np.full(len(cons), "新增建设用地", dtype=object))},
                              ogr.wkbPolygon),
        "counties": (as_multi(counties), {"XZQDM": (str, codes), "XZQMC": (str, names)}, mp),
    }
    truth.update(
        scale=s, seed=seed, side_m=side,
        counts={name: len(layer[0]) for name, layer in layers.items()},
        redline_invalid_fids=[int(i) + 1 for i in rl_bad], farmland_invalid_fids=[int(i) + 1 for i in fl_bad],
        protected_areas_grown=pa_out)
    return layers, truth


def write(path, layers):
    """A new GeoPackage at `path` with every layer of generate()."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    if os.path.exists(path):
        os.remove(path)
    gdal.SetConfigOption("OGR_SQLITE_SYNCHRONOUS", "OFF")
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    for name, (geoms, fields, gtype) in layers.items():
        write_layer(ds, name, geoms, fields, gtype)
    ds = None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=float, default=1.0, help="1.0 = 100k red-line patches / 500k farmland fields")
    ap.add_argument("--seed", type=int, default=20241124)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "province.gpkg"))
    args = ap.parse_args()
    t0 = time.perf_counter()
    layers, truth = generate(args.scale, args.seed)
    t_gen = time.perf_counter() - t0
    write(args.out, layers)
    t_write = time.perf_counter() - t0 - t_gen
    truth["seconds"] = {"generate": round(t_gen, 1), "write": round(t_write, 1)}
    with open(os.path.splitext(args.out)[0] + "_truth.json", "w", encoding="utf-8") as fh:
        json.dump(truth, fh, ensure_ascii=False, indent=1)
    brief = {k: v for k, v in truth.items() if not k.endswith("_fids")}
    brief.update(redline_invalid=len(truth["redline_invalid_fids"]),
                 farmland_invalid=len(truth["farmland_invalid_fids"]))
    print(json.dumps(brief, ensure_ascii=False, indent=1))
    print(f"wrote {args.out} in {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
