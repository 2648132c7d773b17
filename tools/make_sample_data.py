#!/usr/bin/env python3
"""Generate the bundled sample dataset: resources/sample/ecospace_sample.gpkg, defects.json, README.md.

Synthetic county-scale data (three counties near Nanning, ~60 km x 40 km, EPSG:4524) with red-line
defects planted in isolated places; defects.json lists every finding ecospace:redline_check must
report on it, and nothing else. Seeded and deterministic; numpy + shapely 2 + GDAL/OGR only (no QGIS).

    .venv/bin/python tools/make_sample_data.py [--out resources/sample]
"""
import argparse
import json
import math
import os
import re

import numpy as np
import shapely
import shapely.ops
from osgeo import gdal, ogr, osr
from shapely.geometry import MultiPolygon, Point, Polygon
from shapely.ops import polylabel

import sample_reserves
import sample_units
from sample_common import LN, MP, PT, X0, Y0, D, H, R, S, W, blob, boundary_point, ell_area

SEED = 20250630
EPSG = 4524                      # CGCS2000 / 3-degree GK zone 36 (CM 108E, FE 36,500,000)
STEP = 250.0                     # vertex spacing of the admin linework
GPKG_NAME = "ecospace_sample.gpkg"
MIN_AREA = 200.0                 # REDLINE_SPEC defaults, used to keep ordinary data clean
SLIVER = 0.05

# county code, name, position (west/mid/east), townships (name, 3-digit suffix); the first township is the seat
COUNTIES = [
    ("450122", "武鸣区", "mid", [("城厢镇", "100"), ("太平镇", "101"), ("双桥镇", "102"),
                             ("宁武镇", "103"), ("两江镇", "104")]),
    ("450123", "隆安县", "west", [("城厢镇", "100"), ("南圩镇", "101"), ("雁江镇", "102"),
                              ("那桐镇", "103"), ("布泉乡", "200")]),
    ("450124", "马山县", "east", [("白山镇", "100"), ("百龙滩镇", "101"), ("林圩镇", "102"),
                              ("古零镇", "103"), ("加方乡", "200")]),
]
TOWNS_WITH_URBAN = [("450122", "城厢镇", 1800), ("450123", "城厢镇", 1600), ("450124", "白山镇", 1500),
                    ("450122", "双桥镇", 1000), ("450123", "那桐镇", 900)]
HXLX = ["水源涵养", "生物多样性维护", "水土保持"]
E, W_ = "error", "warning"       # severities of the planted findings


# ---------------------------------------------------------------- geometry helpers

def wiggle_line(p0, p1, amp, rng, harmonics=4):
    """Polyline from p0 to p1 (endpoints exact) with a smooth sideways wiggle, vertices every STEP m."""
    p0, p1 = np.asarray(p0, float), np.asarray(p1, float)
    d = p1 - p0
    length = float(np.hypot(*d))
    n = max(int(length // STEP), 2) + 1
    t = np.linspace(0.0, 1.0, n)
    off = np.zeros(n)
    for k in range(1, harmonics + 1):
        off += amp * rng.normal() / k * np.sin(np.pi * k * t)
    pts = p0 + t[:, None] * d + off[:, None] * (np.array([-d[1], d[0]]) / length)
    pts[0], pts[-1] = p0, p1
    return pts


def local_poly(cx, cy, pts, ang=0.0):
    """Polygon from local coordinates rotated by ang and shifted to (cx, cy)."""
    p = np.asarray(pts, float)
    c, s = math.cos(ang), math.sin(ang)
    return Polygon(np.column_stack([cx + p[:, 0] * c - p[:, 1] * s, cy + p[:, 0] * s + p[:, 1] * c]))


def rect(cx, cy, w, h, ang=0.0):
    return local_poly(cx, cy, [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)], ang)


def parts(g):
    return list(g.geoms) if hasattr(g, "geoms") else [g]


def thinness(p):
    return 4 * math.pi * p.area / p.length ** 2


def multi(g):
    if g is None:
        return None
    return g if g.geom_type == "MultiPolygon" else MultiPolygon(parts(g))


class Space:
    """Occupied ground: keeps features of every layer apart except where a defect is planted."""

    def __init__(self):
        self.geoms, self.kinds, self.bounds = [], [], np.empty((0, 4))

    def add(self, g, kind):
        self.geoms.append(g)
        self.kinds.append(kind)
        self.bounds = np.vstack([self.bounds, g.bounds])

    def clear(self, g, margin, skip=(), exclude=None):
        """True when g keeps `margin` m from everything except kinds in `skip` and the geometry `exclude`."""
        if not self.geoms:
            return True
        b = g.bounds
        m = ((self.bounds[:, 0] <= b[2] + margin) & (self.bounds[:, 2] >= b[0] - margin)
             & (self.bounds[:, 1] <= b[3] + margin) & (self.bounds[:, 3] >= b[1] - margin))
        idx = [i for i in np.nonzero(m)[0] if self.kinds[i] not in skip and self.geoms[i] is not exclude]
        if not idx:
            return True
        arr = np.array([self.geoms[i] for i in idx], dtype=object)
        return not shapely.dwithin(arr, g, margin).any()


# ---------------------------------------------------------------- the generator

class Sample:
    def __init__(self):
        self.rng = np.random.default_rng(SEED)
        self.space = Space()
        self.layers = {}           # gpkg layer name -> list of records {geom, attrs, sort}
        self.findings = []         # expected findings, records referenced by object
        self.controls = []         # (record, English, Chinese): places that must NOT be reported

    # -------------------------------------------------------- admin
    def build_admin(self):
        rng = self.rng
        ys = Y0 + STEP * np.arange(int(H / STEP) + 1)
        xs = X0 + STEP * np.arange(int(W / STEP) + 1)
        west = np.column_stack([np.full_like(ys, X0), ys])
        east = np.column_stack([np.full_like(ys, X0 + W), ys])
        bottom = np.column_stack([xs, np.full_like(xs, Y0)])
        top = np.column_stack([xs, np.full_like(xs, Y0 + H)])
        d1 = wiggle_line((X0 + STEP * (80 + rng.integers(-4, 5)), Y0),
                         (X0 + STEP * (80 + rng.integers(-4, 5)), Y0 + H), 900, rng)
        d2 = wiggle_line((X0 + STEP * (160 + rng.integers(-4, 5)), Y0),
                         (X0 + STEP * (160 + rng.integers(-4, 5)), Y0 + H), 900, rng)
        self.dividers = [d1, d2]
        outer = [west, east, bottom, top, d1, d2]
        county_faces = shapely.get_parts(shapely.polygonize(
            shapely.get_parts(shapely.union_all([shapely.LineString(p) for p in outer]))))
        assert len(county_faces) == 3
        county_faces = sorted(county_faces, key=lambda g: g.centroid.x)
        sides = {"west": (west, d1), "mid": (d1, d2), "east": (d2, east)}
        splits = {"west": ("top", "bottom"), "mid": ("top", "middle"), "east": ("middle", "bottom")}
        lines = list(outer)
        for _, _, pos, _ in COUNTIES:
            left, right = sides[pos]
            hz = []
            for lo, hi in ((0.58, 0.76), (0.24, 0.42)):
                a = int(rng.uniform(lo, hi) * 160)
                b = int(rng.uniform(lo, hi) * 160)
                hz.append(wiggle_line(left[a], right[b], 700, rng))
            upper, lower = hz
            lines += hz
            for strip in splits[pos]:
                lines.append(self._vertical_divider(strip, upper, lower, top, bottom, rng))
        faces = shapely.get_parts(shapely.polygonize(
            shapely.get_parts(shapely.union_all([shapely.LineString(p) for p in lines]))))
        assert len(faces) == 15, len(faces)
        self.counties = []
        for (code, name, pos, towns), face in zip(sorted(COUNTIES, key=lambda c: ["west", "mid", "east"].index(c[2])),
                                                  county_faces):
            self.counties.append({"code": code, "name": name, "geom": face, "pos": pos, "towns": towns})
        self.counties.sort(key=lambda c: c["code"])
        townships = []
        for c in self.counties:
            own = [f for f in faces if c["geom"].contains(f.point_on_surface())]
            assert len(own) == 5
            order = rng.permutation(5)
            for (tname, suffix), i in zip(c["towns"], order):
                townships.append({"geom": own[i], "attrs": {"XZQDM": c["code"] + suffix, "XZQMC": tname,
                                                            "XJDM": c["code"]}})
            c["inner50"] = c["geom"].buffer(-50)
            c["inner10"] = c["geom"].buffer(-10)
            shapely.prepare(c["inner50"])
            shapely.prepare(c["inner10"])
        townships.sort(key=lambda t: t["attrs"]["XZQDM"])
        self.townships = townships
        self.layers["counties"] = [{"geom": c["geom"], "attrs": {"XZQDM": c["code"], "XZQMC": c["name"]}}
                                   for c in self.counties]
        self.layers["townships"] = townships
        for i, c in enumerate(self.counties):
            c["rec"] = self.layers["counties"][i]

    @staticmethod
    def _vertical_divider(strip, upper, lower, top, bottom, rng):
        def nearest(line, x):
            return line[int(np.argmin(np.abs(line[1:-1, 0] - x))) + 1]
        xm = (upper[0, 0] + upper[-1, 0]) / 2 + rng.uniform(-1500, 1500)
        if strip == "top":
            a, b = nearest(top, xm), nearest(upper, xm)
        elif strip == "bottom":
            a, b = nearest(lower, xm), nearest(bottom, xm)
        else:
            a, b = nearest(upper, xm), nearest(lower, xm)
        return wiggle_line(a, b, 500, rng)

    def county_of(self, g, inner="inner50"):
        for c in self.counties:
            if c[inner].contains(g):
                return c
        return None

    def county_by_code(self, code):
        return next(c for c in self.counties if c["code"] == code)

    # -------------------------------------------------------- land-use helpers
    def pref(self, x, y):
        """Ecological 'hilliness' 0..1: red line likes it, farmland avoids it."""
        bumps = [(8e3, 30e3, 8e3), (30e3, 34e3, 7e3), (50e3, 10e3, 8e3), (52e3, 33e3, 6e3), (14e3, 6e3, 5e3)]
        return max(math.exp(-((x - X0 - bx) ** 2 + (y - Y0 - by) ** 2) / (2 * s * s)) for bx, by, s in bumps)

    def add(self, layer, geom, attrs, kind=None, sort=None):
        rec = {"geom": geom, "attrs": attrs, "sort": sort}
        self.layers.setdefault(layer, []).append(rec)
        if kind and geom is not None and not geom.is_empty:
            self.space.add(shapely.make_valid(geom) if not geom.is_valid else geom, kind)
        return rec

    def expect(self, rule, severity, layer, rec, geom, desc, desc_zh, other_layer=None, other=None, value=None):
        self.findings.append({"rule": rule, "severity": severity, "layer": layer, "rec": rec,
                              "other_layer": other_layer, "other": other, "geom": geom, "value": value,
                              "description": desc, "description_zh": desc_zh})

    # -------------------------------------------------------- urban boundaries
    def build_urban(self):
        rng = self.rng
        self.urban = []
        for code, tname, r in TOWNS_WITH_URBAN:
            town = next(t for t in self.townships if t["attrs"]["XZQMC"] == tname and t["attrs"]["XJDM"] == code)
            c = polylabel(town["geom"], 10.0)
            county = self.county_by_code(code)
            for _ in range(500):
                g = blob(c.x + rng.normal(0, 300), c.y + rng.normal(0, 300), r, rng, rough=0.3, elong=1.3)
                if county["inner50"].contains(g) and self.space.clear(g, 2000):
                    break
            else:
                raise RuntimeError("no room for urban boundary " + tname)
            rec = self.add("urban_boundary", g, {"XZQDM": code, "MJ": None}, "urban")
            self.urban.append(rec)
        for i, rec in enumerate(self.layers["urban_boundary"]):
            rec["attrs"]["BSM"] = "{}CZKFBJ{:03d}".format(rec["attrs"]["XZQDM"], i + 1)

    # -------------------------------------------------------- slots for planted defects
    def build_slots(self, n_free):
        rng = self.rng
        self.free_slots = []
        gx, gy = np.meshgrid(X0 + 1500 + 2000 * np.arange(29), Y0 + 1500 + 2000 * np.arange(19))
        cands = np.column_stack([gx.ravel(), gy.ravel()])[rng.permutation(gx.size)]
        for x, y in cands:
            if len(self.free_slots) == n_free:
                break
            disk = Point(x, y).buffer(800, quad_segs=16)
            if self.county_of(disk.buffer(400)) and self.space.clear(disk, 600):
                self.space.add(disk, "slot")
                self.free_slots.append((x, y, self.county_of(disk)))
        assert len(self.free_slots) == n_free
        # two slots on the county lines, two on urban-boundary edges
        self.divider_slots = []
        for d, frac in ((self.dividers[0], 0.30), (self.dividers[1], 0.62)):
            for k in range(int(frac * len(d)), len(d) - 8):
                disk = Point(*d[k]).buffer(800, quad_segs=16)
                if self.space.clear(disk, 600):
                    self.space.add(disk, "slot")
                    self.divider_slots.append(tuple(d[k]))
                    break
        assert len(self.divider_slots) == 2
        self.urban_slots = []
        for urec in (self.urban[0], self.urban[1]):
            u = urec["geom"]
            for _ in range(100):
                p, _c = boundary_point(u, rng.uniform(0, 2 * np.pi))
                disk = p.buffer(700, quad_segs=16)
                county = self.county_by_code(urec["attrs"]["XZQDM"])
                if county["inner50"].contains(disk) and self.space.clear(disk, 400, exclude=u):
                    self.space.add(disk, "slot")
                    self.urban_slots.append((p, urec, county))
                    break
            else:
                raise RuntimeError("no urban slot")

    def pop_slot(self):
        return self.free_slots.pop(0)

    # -------------------------------------------------------- protected areas and their host patches
    PA_SPECS = [
        # id, name, level, type, zoning, county, radius, target (km from origin)
        ("NP450124001", "大明山国家公园（马山片区）", "国家级", "国家公园", "two", "450124", 3000, (52, 31)),
        ("NR450122001", "广西武鸣龙山自然保护区", "国家级", "自然保护区", "two", "450122", 2000, (30, 34)),
        ("NR450122002", "武鸣灵水湿地自然保护区", "市县级", "自然保护区", "three", "450122", 1000, (27, 12)),
        ("NR450123001", "广西龙虎山自然保护区", "省级", "自然保护区", "three", "450123", 1800, (8, 30)),
        ("NR450124001", "广西弄拉自然保护区", "省级", "自然保护区", "three", "450124", 1500, (50, 10)),
        ("NA450122001", "伊岭岩森林自然公园", "省级", "自然公园", "park", "450122", 900, (34, 22)),
        ("NA450123001", "绿水江湿地自然公园", "国家级", "自然公园", "park", "450123", 1000, (12, 8)),
        ("NA450124001", "金伦洞地质自然公园", "市县级", "自然公园", "park", "450124", 700, (47, 20)),
    ]
    PA_OUTSIDE_ID = "NA450123001"

    def build_protected(self):
        rng = self.rng
        self.hosts = []
        for pid, pname, level, ptype, zoning, code, r, (tx, ty) in self.PA_SPECS:
            county = self.county_by_code(code)
            for _ in range(400):
                cx = X0 + tx * 1000 + rng.normal(0, 2500)
                cy = Y0 + ty * 1000 + rng.normal(0, 2500)
                pa = blob(cx, cy, r, rng, rough=0.18, elong=1.2)
                host = shapely.union(pa.buffer(rng.uniform(250, 500)),
                                     blob(cx + rng.normal(0, r * 0.5), cy + rng.normal(0, r * 0.5),
                                          r * 1.1, rng, rough=0.2)).simplify(3.0)
                if host.geom_type != "Polygon" or not host.buffer(-30).contains(pa) or len(host.interiors):
                    continue
                outside = None
                if pid == self.PA_OUTSIDE_ID:
                    p, _c = boundary_point(host, rng.uniform(0, 2 * np.pi))
                    q = shapely.ops.nearest_points(pa, p)[0]
                    d = math.hypot(p.x - q.x, p.y - q.y)
                    tip = Point(p.x + (p.x - q.x) / d * 100, p.y + (p.y - q.y) / d * 100)
                    bump = shapely.LineString([q, tip]).buffer(110, quad_segs=6)   # a tongue through the edge
                    pa2 = shapely.union(pa, bump)
                    outside = pa2.difference(host)
                    if (pa2.geom_type != "Polygon" or len(pa2.interiors) or outside.geom_type != "Polygon"
                            or not 1.5e4 < outside.area < 6e4):
                        continue
                    pa = pa2
                if not (county["inner50"].contains(shapely.union(host, pa)) and self.space.clear(pa, 200)
                        and self.space.clear(host, 200)):
                    continue
                zones = self._zones(pa, zoning, rng) if pid != self.PA_OUTSIDE_ID else [("一般控制区", pa)]
                if zones:
                    break
            else:
                raise RuntimeError("no room for protected area " + pid)
            hrec = self.add("redline", host, self._rl_attrs(code, "生物多样性维护"), "redline")
            self.hosts.append(hrec)
            parec = self.add("protected_areas", pa, {"BHDDM": pid, "BHDMC": pname, "JB": level, "BHDLX": ptype,
                                                     "SBMJ": round(ell_area(pa), 2)}, "pa")
            for gnfq, z in zones:
                self.add("pa_zones", z, {"BHDDM": pid, "GNFQ": gnfq, "MJ": round(ell_area(z), 2)})
            if outside is not None:
                self.pa_outside = (parec, outside)

    def _zones(self, pa, zoning, rng):
        """Functional zones that tile pa exactly: nested rings sharing vertices."""
        if zoning == "park":
            return [("一般控制区", pa)]
        r = math.sqrt(pa.area / math.pi)
        c = polylabel(pa, 10.0)
        for _ in range(60):
            core = blob(c.x + rng.normal(0, r * 0.1), c.y + rng.normal(0, r * 0.1),
                        r * (0.5 if zoning == "two" else 0.35), rng, rough=0.2)
            if zoning == "two":
                if pa.buffer(-60).contains(core):
                    return [("核心保护区", core), ("一般控制区", Polygon(pa.exterior, [core.exterior]))]
                continue
            ring = core.buffer(r * 0.15).simplify(2.0)
            if (ring.geom_type == "Polygon" and not ring.interiors and ring.buffer(-20).contains(core)
                    and pa.buffer(-60).contains(ring)):
                return [("核心区", core), ("缓冲区", Polygon(ring.exterior, [core.exterior])),
                        ("实验区", Polygon(pa.exterior, [ring.exterior]))]
        return None

    # -------------------------------------------------------- red line
    def _rl_attrs(self, code, hxlx=None):
        return {"BSM": None, "YSDM": "STBHHX", "XZQDM": code, "XZQMC": self.county_by_code(code)["name"],
                "MJ": None, "HXLX": hxlx or HXLX[int(self.rng.integers(0, 3))]}

    def _ordinary_patch(self, rng):
        """One clean red-line patch (maybe multipart or with a large hole) somewhere free, or None."""
        x, y = X0 + rng.uniform(0, W), Y0 + rng.uniform(0, H)
        if rng.random() > 0.1 + 0.9 * self.pref(x, y):
            return None
        r = float(np.clip(rng.lognormal(math.log(560), 0.55), 150, 2000))
        main = blob(x, y, r, rng, rough=0.25, elong=rng.uniform(1.0, 1.6))
        kind = rng.random()
        geom = main
        if kind < 0.15:                                    # multipart: satellites at some distance
            sats = []
            for _ in range(int(rng.integers(1, 3))):
                a = rng.uniform(0, 2 * np.pi)
                d = r * rng.uniform(1.5, 2.2)
                s = blob(x + d * math.cos(a), y + d * math.sin(a), r * rng.uniform(0.25, 0.5), rng)
                if main.distance(s) < 40 or any(s.distance(o) < 40 for o in sats):
                    return None
                sats.append(s)
            geom = MultiPolygon([main] + sats)
        elif kind < 0.27 and r > 450:                      # a large legitimate hole (> 1 ha)
            hole = blob(x + rng.normal(0, r * 0.1), y + rng.normal(0, r * 0.1), r * rng.uniform(0.18, 0.3), rng)
            if hole.area < 1.2e4 or not main.buffer(-40).contains(hole):
                return None
            geom = Polygon(main.exterior, [hole.exterior])
        if not geom.is_valid or any(p.area < 5 * MIN_AREA or thinness(p) < 0.2 for p in parts(geom)):
            return None
        county = self.county_of(geom)
        if county is None or not self.space.clear(geom, 40):
            return None
        return geom, county

    def build_redline(self, n_ordinary):
        rng = self.rng
        self.ordinary = []
        tries = 0
        while len(self.ordinary) < n_ordinary:
            tries += 1
            assert tries < 200000, "cannot place red-line patches"
            got = self._ordinary_patch(rng)
            if got:
                geom, county = got
                self.ordinary.append(self.add("redline", geom, self._rl_attrs(county["code"]), "redline"))

    # -------------------------------------------------------- farmland
    def build_farmland(self, n_target):
        rng = self.rng
        fields = []
        tries = 0
        while len(fields) < n_target:
            tries += 1
            assert tries < 20000, "cannot place farmland"
            x, y = X0 + rng.uniform(0, W), Y0 + rng.uniform(0, H)
            if rng.random() > 0.05 + 0.95 * (1 - self.pref(x, y)) ** 2:
                continue
            ang = rng.uniform(0, np.pi)
            cw, ch = rng.uniform(110, 190), rng.uniform(70, 130)
            nx, ny = int(rng.integers(4, 9)), int(rng.integers(4, 10))
            for i in range(nx):
                for j in range(ny):
                    if len(fields) >= n_target or rng.random() < 0.15:
                        continue
                    ox, oy = (i - nx / 2) * cw, (j - ny / 2) * ch
                    f = self._field(x, y, ox, oy, cw, ch, ang, rng)
                    county = self.county_of(f, "inner10")
                    if county and self.space.clear(f, 15, skip=("farmland",)):
                        fields.append(self.add("farmland", f, {"BSM": None, "XZQDM": county["code"], "MJ": None},
                                               "farmland"))

    @staticmethod
    def _field(x, y, ox, oy, cw, ch, ang, rng):
        """Quadrilateral (sometimes pentagon) field inset 4 m in its grid cell, corners jittered < 3 m."""
        pts = [(ox + 4, oy + 4), (ox + cw - 4, oy + 4), (ox + cw - 4, oy + ch - 4), (ox + 4, oy + ch - 4)]
        pts = [(px + rng.uniform(-2.9, 2.9), py + rng.uniform(-2.9, 2.9)) for px, py in pts]
        if rng.random() < 0.4:   # a bent edge: midpoint nudged, still inside the cell's inset margin
            k = int(rng.integers(0, 4))
            a, b = pts[k], pts[(k + 1) % 4]
            pts.insert(k + 1, ((a[0] + b[0]) / 2 + rng.uniform(-2.5, 2.5), (a[1] + b[1]) / 2 + rng.uniform(-2.5, 2.5)))
        return local_poly(x, y, pts, ang)

    # -------------------------------------------------------- conflict layers
    def build_conflict_layers(self):
        rng = self.rng
        n = {"construction_land": 0, "settlements": 0, "mining_rights": 0}
        names = "那板弄陇坡百六古巴岜渌"
        second = "岸排良江坤马甲朗楼峰利敏香堂龙"
        dlmc = ["农村宅基地", "工业用地", "公路用地", "公共设施用地", "商业服务业设施用地"]
        while n["construction_land"] < 60 or n["settlements"] < 80 or n["mining_rights"] < 12:
            x, y = X0 + rng.uniform(0, W), Y0 + rng.uniform(0, H)
            if n["mining_rights"] < 12 and rng.random() < 0.1:
                g = rect(x, y, rng.uniform(300, 1400), rng.uniform(250, 900), rng.uniform(0, np.pi))
                county = self.county_of(g, "inner10")
                if county and self.space.clear(g, 40):
                    n["mining_rights"] += 1
                    lx = "采矿权" if rng.random() < 0.7 else "探矿权"
                    mineral = ["石灰岩", "铝土矿", "高岭土", "建筑用砂岩"][int(rng.integers(0, 4))]
                    self.add("mining_rights", g, {
                        "KQMC": "{}{}{}矿".format(county["name"], names[int(rng.integers(0, len(names)))]
                                                + second[int(rng.integers(0, len(second)))], mineral),
                        "KYQLX": lx, "XKZH": "C45{}2025{:05d}".format(county["code"][2:], n["mining_rights"]),
                        "XZQDM": county["code"], "MJ": round(ell_area(g), 2)}, "mining")
            elif n["settlements"] < 80 and rng.random() < 0.6:
                g = blob(x, y, rng.uniform(60, 180), rng, rough=0.3)
                county = self.county_of(g, "inner10")
                if county and self.space.clear(g, 15, skip=("urban",)):
                    n["settlements"] += 1
                    mc = names[int(rng.integers(0, len(names)))] + second[int(rng.integers(0, len(second)))] + "屯"
                    self.add("settlements", g, {"JMDMC": mc, "XZQDM": county["code"], "MJ": round(ell_area(g), 2)},
                             "settlement")
            elif n["construction_land"] < 60:
                g = rect(x, y, rng.uniform(50, 250), rng.uniform(40, 200), rng.uniform(0, np.pi))
                county = self.county_of(g, "inner10")
                if county and self.space.clear(g, 15, skip=("urban",)):
                    n["construction_land"] += 1
                    self.add("construction_land", g, {
                        "BSM": "{}JSYD{:05d}".format(county["code"], n["construction_land"]),
                        "XZQDM": county["code"], "DLMC": dlmc[int(rng.integers(0, len(dlmc)))],
                        "MJ": round(ell_area(g), 2)}, "construction")

    # -------------------------------------------------------- planted red-line defects
    def plant(self):
        rng = self.rng

        def patch(geom, county, **over):
            attrs = self._rl_attrs(county["code"])
            attrs.update(over)
            return self.add("redline", geom, attrs)

        # RL_GEOM_NULL: a null and an empty geometry (attributes as delivered, including a stored MJ)
        c0 = self.counties[0]
        for g, what, zh in ((None, "null", "空（NULL）"), (MultiPolygon(), "empty", "空集（EMPTY）")):
            rec = patch(g, c0, MJ=36512.4 if g is None else 8420.75)
            rec["sort"] = (1e9, 0.0)
            self.expect("RL_GEOM_NULL", E, "REDLINE", rec, None,
                        "Red-line record with %s geometry (its stored MJ is kept; no area check follows)." % what,
                        "红线图斑几何为%s（保留原 MJ 值，不再做面积核对）。" % zh)

        # RL_GEOM_INVALID: a bow-tie and a ring touching itself (inverted hole); MJ = repaired area
        x, y, c = self.pop_slot()
        g = local_poly(x, y, [(-260, -190), (250, 210), (240, -200), (-250, 200)], rng.uniform(0, 1))
        fixed = shapely.make_valid(g)
        rec = patch(g, c, MJ=round(ell_area(fixed), 2))
        self.expect("RL_GEOM_INVALID", E, "REDLINE", rec, fixed,
                    "Bow-tie patch (self-intersection); the repaired geometry is two triangles, MJ equals their area.",
                    "“蝴蝶结”自相交图斑；修复后为两个三角形，MJ 等于修复后面积。")
        x, y, c = self.pop_slot()
        g = local_poly(x, y, [(-300, -250), (300, -250), (300, 250), (20, 250), (-40, 60), (80, 60), (20, 250),
                              (-300, 250)], rng.uniform(0, 1))
        fixed = shapely.make_valid(g)
        rec = patch(g, c, MJ=round(ell_area(fixed), 2))
        self.expect("RL_GEOM_INVALID", E, "REDLINE", rec, fixed,
                    "Ring self-intersection: the outer ring touches itself (an inverted hole); MJ equals the repaired "
                    "area.", "环自相交：外环自接触（反向洞）；MJ 等于修复后面积。")

        # RL_DUPLICATE: an exact copy, and a copy with reversed ring order and another start vertex
        for i, o in enumerate(self._pick_ordinary(2, single=True)):
            g = o["geom"]
            if i == 1:
                ring = np.asarray(g.exterior.coords)[:-1][::-1]
                ring = np.roll(ring, 7, axis=0)
                g = Polygon(ring)
            copy = self.add("redline", g, dict(o["attrs"]))
            copy["dup_of"] = o
            self.controls.append((copy, "a duplicate: reported once as RL_DUPLICATE, not as RL_SELF_OVERLAP",
                                  "重复图斑：只报 RL_DUPLICATE，不再报 RL_SELF_OVERLAP"))
            self.expect("RL_DUPLICATE", E, "REDLINE", copy, g,
                        "Duplicate patch: same geometry as another patch%s, different BSM." %
                        ("" if i == 0 else " (ring reversed and started at another vertex)"),
                        "重复图斑：与另一图斑几何相同%s，BSM 不同。" % ("" if i == 0 else "（环方向相反、起点不同）"),
                        "REDLINE", o)

        # RL_SELF_OVERLAP: two rectangle-like patches overlapping by about 100 m x 380 m
        x, y, c = self.pop_slot()
        ang = rng.uniform(0, np.pi)
        a = local_poly(x, y, [(-400, -200), (-120, -215), (60, -190), (55, 220), (-390, 205)], ang)
        b = local_poly(x, y, [(-40, -160), (420, -170), (410, 240), (150, 262), (-45, 230)], ang)
        ra, rb = patch(a, c), patch(b, c)
        self.expect("RL_SELF_OVERLAP", E, "REDLINE", ra, a.intersection(b),
                    "Two red-line patches overlap (a strip about 100 m x 380 m).",
                    "两个红线图斑相互重叠（约 100 m × 380 m 的条带）。", "REDLINE", rb)

        # RL_FRAGMENT: a ~150 m² part of a multipart patch, and a ~120 m² stand-alone patch
        x, y, c = self.pop_slot()
        main = blob(x - 80, y, 260, rng, rough=0.15)
        tiny = local_poly(x + 380, y + 40, [(0, 0), (12.5, 0.8), (13, 12.2), (0.5, 11.5)], rng.uniform(0, 1))
        assert main.distance(tiny) > 40
        rec = patch(MultiPolygon([main, tiny]), c)
        self.expect("RL_FRAGMENT", W_, "REDLINE", rec, tiny,
                    "Fragment: a part of a multipart patch smaller than 200 m².",
                    "碎片：多部件图斑中面积小于 200 m² 的部件。")
        x, y, c = self.pop_slot()
        tiny = local_poly(x, y, [(0, 0), (11, -1), (14, 6), (8, 11), (-1, 9)], rng.uniform(0, 1))
        rec = patch(tiny, c)
        self.expect("RL_FRAGMENT", W_, "REDLINE", rec, tiny,
                    "Fragment: a stand-alone patch smaller than 200 m².", "碎片：面积小于 200 m² 的独立小图斑。")

        # RL_HOLE: a ~100 m² hole; a ~63 m² hole beside a legitimate ~2 ha hole
        x, y, c = self.pop_slot()
        main = blob(x, y, 300, rng, rough=0.12)
        hole = local_poly(x + 20, y - 10, [(0, 0), (10, 0.5), (11, 9), (5, 12), (-0.5, 8)], rng.uniform(0, 1))
        rec = patch(Polygon(main.exterior, [hole.exterior]), c)
        self.expect("RL_HOLE", W_, "REDLINE", rec, hole,
                    "Small hole (< 200 m²) inside a red-line patch, not filled by another patch.",
                    "红线图斑内面积小于 200 m² 的小洞，且未被其他图斑填充。")
        x, y, c = self.pop_slot()
        main = blob(x, y, 380, rng, rough=0.1)
        big = blob(x - 110, y, 85, rng, rough=0.1)
        small = rect(x + 170, y + 40, 7, 9, rng.uniform(0, 1))
        assert big.area > 1e4 and main.buffer(-40).contains(big) and main.buffer(-40).contains(small)
        rec = patch(Polygon(main.exterior, [big.exterior, small.exterior]), c)
        self.expect("RL_HOLE", W_, "REDLINE", rec, small,
                    "Small hole (< 200 m²) next to a legitimate hole of about 2 ha (which is not reported).",
                    "小于 200 m² 的小洞；旁边约 2 公顷的大洞属正常情况，不报告。")

        # negative control: a small hole filled exactly by an island patch (the island is itself < 200 m²)
        x, y, c = self.pop_slot()
        main = blob(x, y, 300, rng, rough=0.12)
        island = local_poly(x - 15, y + 10, [(0, 0), (13, -1), (16, 7), (10, 13), (1, 12)], rng.uniform(0, 1))
        host = patch(Polygon(main.exterior, [island.exterior]), c)
        self.controls.append((host, "its ~%.0f m² hole is exactly filled by an island patch: no RL_HOLE"
                              % island.area, "其约 %.0f m² 的小洞恰被岛状图斑填满：不报 RL_HOLE" % island.area))
        rec = patch(island, c)
        self.expect("RL_FRAGMENT", W_, "REDLINE", rec, island,
                    "Island patch filling a small hole of another patch: the hole is NOT a finding (filled by "
                    "red line), but the island itself is a part < 200 m², hence a fragment.",
                    "岛状图斑恰好填满另一图斑的小洞：该洞不应报告（已被红线填充），但岛状图斑本身小于 200 m²，报碎片。")

        # RL_SLIVER: a 4 m x 600 m stand-alone strip; a 3 m x 400 m strip as the second part of a patch
        x, y, c = self.pop_slot()
        g = rect(x, y, 600, 4, rng.uniform(0, np.pi))
        rec = patch(g, c)
        self.expect("RL_SLIVER", W_, "REDLINE", rec, g, "Sliver: a 4 m x 600 m strip (4πA/P² ≈ 0.021).",
                    "狭长图斑：4 m × 600 m 的条带（4πA/P² ≈ 0.021）。", value=thinness(g))
        x, y, c = self.pop_slot()
        main = blob(x - 150, y, 240, rng, rough=0.12)
        strip = rect(x + 320, y, 3, 400, rng.uniform(-0.2, 0.2))
        assert main.distance(strip) > 40
        rec = patch(MultiPolygon([main, strip]), c)
        self.expect("RL_SLIVER", W_, "REDLINE", rec, strip,
                    "Sliver part: a 3 m x 400 m strip as the second part of a multipart patch.",
                    "狭长部件：多部件图斑的第二部件为 3 m × 400 m 的条带。", value=thinness(strip))

        # RL_OVERLAP_PBF: two farmland fields, each overlapping one red-line patch at a different edge
        x, y, c = self.pop_slot()
        main = blob(x, y, 320, rng, rough=0.12)
        rec = patch(main, c)
        for k, direction in enumerate((0.0, np.pi)):
            p, _ = boundary_point(main, direction)
            f = rect(p.x, p.y, 120, 80, direction)
            frec = self.add("farmland", f, {"BSM": None, "XZQDM": c["code"], "MJ": None})
            self.expect("RL_OVERLAP_PBF", E, "REDLINE", rec, main.intersection(f),
                        "Permanent basic farmland field overlaps a red-line patch (one of two fields on its %s "
                        "side)." % ("east" if k == 0 else "west"),
                        "永久基本农田地块与红线图斑重叠（同一图斑%s侧两块之一）。" % ("东" if k == 0 else "西"),
                        "FARMLAND", frec)

        # RL_OVERLAP_UDB: a patch reaching into an urban development boundary
        p, urec, c = self.urban_slots[0]
        u = urec["geom"]
        d = math.atan2(p.y - polylabel(u, 5.0).y, p.x - polylabel(u, 5.0).x)
        g = blob(p.x + 200 * math.cos(d), p.y + 200 * math.sin(d), 260, rng, rough=0.1)
        rec = patch(g, c)
        self.expect("RL_OVERLAP_UDB", E, "REDLINE", rec, g.intersection(u),
                    "Red-line patch overlaps the urban development boundary.", "红线图斑与城镇开发边界重叠。",
                    "URBAN_BOUNDARY", urec)

        # RL_OVERLAP_PBF_UDB: a farmland field straddling an urban development boundary
        p, urec, c = self.urban_slots[1]
        u = urec["geom"]
        f = rect(p.x, p.y, 110, 80, rng.uniform(0, np.pi))
        frec = self.add("farmland", f, {"BSM": None, "XZQDM": c["code"], "MJ": None})
        self.expect("RL_OVERLAP_PBF_UDB", E, "FARMLAND", frec, f.intersection(u),
                    "Permanent basic farmland field overlaps the urban development boundary.",
                    "永久基本农田地块与城镇开发边界重叠。", "URBAN_BOUNDARY", urec)

        # RL_PA_OUTSIDE: the natural park built with a bump outside its host patch
        parec, outside = self.pa_outside
        self.expect("RL_PA_OUTSIDE", E, "PROTECTED_AREAS", parec, outside,
                    "Part of a natural park lies outside the red line (its zones still tile it).",
                    "自然公园有一部分位于生态保护红线之外（功能分区仍完整覆盖该自然公园）。")

        # RL_CONFLICT: construction land, a mining right and a settlement reaching into red-line patches
        specs = [("construction_land", lambda p, a: rect(p.x, p.y, 90, 60, a),
                  {"BSM": "JSYD-P", "DLMC": "工业用地"}, "Construction land", "建设用地"),
                 ("mining_rights", lambda p, a: rect(p.x + 80 * math.cos(a), p.y + 80 * math.sin(a), 400, 250, a),
                  {"KQMC": "冲突石灰岩矿", "KYQLX": "采矿权"}, "A mining right", "矿业权"),
                 ("settlements", lambda p, a: blob(p.x, p.y, 70, rng, rough=0.1),
                  {"JMDMC": "那坡屯"}, "A settlement", "居民点")]
        for lname, make, attrs, en, zh in specs:
            x, y, c = self.pop_slot()
            main = blob(x, y, 300, rng, rough=0.12)
            rec = patch(main, c)
            a = rng.uniform(0, 2 * np.pi)
            p, _ = boundary_point(main, a)
            g = make(p, a)
            attrs = dict(attrs, XZQDM=c["code"], MJ=round(ell_area(g), 2))
            if lname == "construction_land":
                attrs["BSM"] = "{}JSYD{:05d}".format(c["code"], 99001)
            if lname == "mining_rights":
                attrs["KQMC"] = c["name"] + "那岸石灰岩矿"
                attrs["XKZH"] = "C45{}202599001".format(c["code"][2:])
            orec = self.add(lname, g, attrs)
            self.expect("RL_CONFLICT", W_, "REDLINE", rec, main.intersection(g),
                        "%s overlaps a red-line patch (check the 142号 permitted-activity category)." % en,
                        "%s与红线图斑重叠（需核对 142 号文允许的活动类别）。" % zh, lname, orec)

        # RL_COUNTY_CODE: an ordinary patch whose XZQDM names a neighbouring county
        o = self._pick_ordinary(1, single=True)[0]
        own = o["attrs"]["XZQDM"]
        wrong = {"450123": "450122", "450122": "450124", "450124": "450122"}[own]
        o["attrs"].update(XZQDM=wrong, XZQMC=self.county_by_code(wrong)["name"])
        self.expect("RL_COUNTY_CODE", E, "REDLINE", o, o["geom"],
                    "XZQDM is %s but the patch lies wholly in county %s." % (wrong, own),
                    "XZQDM 为 %s，但图斑完全位于 %s 境内。" % (wrong, own), "COUNTIES", self.county_by_code(own)["rec"])

        # RL_CROSS_COUNTY: patches straddling a county line (coded to the majority, then to the minority county)
        for k, (px, py) in enumerate(self.divider_slots):
            for _ in range(200):
                g = blob(px + rng.uniform(-250, 250), py + rng.uniform(-150, 150), 330, rng, rough=0.12)
                pieces = [(cc, g.intersection(cc["geom"])) for cc in self.counties]
                pieces = [(cc, pc) for cc, pc in pieces if pc.area > 0]
                if (len(pieces) == 2 and all(pc.geom_type == "Polygon" for _, pc in pieces)
                        and 0.15 < min(pc.area for _, pc in pieces) / g.area < 0.4):
                    break
            else:
                raise RuntimeError("no cross-county patch")
            pieces.sort(key=lambda t: -t[1].area)
            (cmaj, _), (cmin, pmin) = pieces
            coded = cmaj if k == 0 else cmin
            rec = patch(g, coded)
            self.expect("RL_CROSS_COUNTY", W_, "REDLINE", rec, pmin,
                        "Patch crosses the county line; this is the piece in the minority county %s." % cmin["code"],
                        "图斑跨县界；此为位于次要县 %s 的部分。" % cmin["code"], "COUNTIES", cmin["rec"])
            if k == 1:
                self.expect("RL_COUNTY_CODE", E, "REDLINE", rec, g,
                            "XZQDM names %s, the county holding the smaller part; most of the patch lies in %s."
                            % (cmin["code"], cmaj["code"]),
                            "XZQDM 为面积较小部分所在的 %s，但图斑大部分位于 %s。" % (cmin["code"], cmaj["code"]),
                            "COUNTIES", cmaj["rec"])

        # RL_INPUT_INVALID: a bow-tie farmland field far from the red line
        x, y, c = self.pop_slot()
        g = local_poly(x, y, [(-50, -40), (50, 40), (50, -40), (-50, 40)], rng.uniform(0, 1))
        frec = self.add("farmland", g, {"BSM": None, "XZQDM": c["code"], "MJ": None})
        self.expect("RL_INPUT_INVALID", W_, "FARMLAND", frec, shapely.make_valid(g),
                    "Invalid (bow-tie) farmland field; a repaired copy is used.",
                    "永久基本农田地块几何无效（蝴蝶结自相交），检查时使用修复后的副本。")

    def _pick_ordinary(self, n, single=False):
        """Take n ordinary patches (not used by another defect) for attribute defects."""
        out = []
        for o in self.ordinary:
            if o.get("used") or (single and o["geom"].geom_type != "Polygon") or (single and o["geom"].interiors):
                continue
            o["used"] = True
            out.append(o)
            if len(out) == n:
                return out
        raise RuntimeError("not enough ordinary patches")

    def plant_attributes(self):
        """Attribute defects on ordinary patches; BSM-dependent ones are resolved after numbering."""
        o1, o2, o3 = self._pick_ordinary(3, single=True)
        o1["bsm"] = None
        self.expect("RL_ATTR_EMPTY", E, "REDLINE", o1, o1["geom"], "BSM is NULL.",
                    "BSM（标识码）为空值（NULL）。")
        o2["bsm"] = ""
        self.expect("RL_ATTR_EMPTY", E, "REDLINE", o2, o2["geom"], "BSM is a blank string.",
                    "BSM（标识码）为空字符串。")
        o3["mj"] = None
        self.expect("RL_ATTR_EMPTY", E, "REDLINE", o3, o3["geom"], "MJ is NULL (so no area check is possible).",
                    "MJ（面积）为空值，无法核对面积。")
        for factor in (1.05, 0.995):
            o = self._pick_ordinary(1, single=True)[0]
            o["mj_factor"] = factor
            self.expect("RL_AREA_MISMATCH", W_, "REDLINE", o, o["geom"],
                        "Stored MJ is %+.1f%% off the computed area." % ((factor - 1) * 100),
                        "MJ 与计算面积相差 %+.1f%%。" % ((factor - 1) * 100))
        self.code_dup = self._pick_ordinary(2, single=True)

    # -------------------------------------------------------- other layers (for later issues; no defects)
    def build_zones_and_activity(self):
        rng = self.rng
        pz = []
        for lab, mc, src in [("水", "灵源水库饮用水水源保护区", None), ("水", "绿水江饮用水水源保护区", None),
                             ("大气", "环境空气质量一类功能区", "pa0"), ("大气", "龙山环境空气一类功能区", "pa1"),
                             ("土壤", "农用地优先保护区（武鸣）", "farm0"),
                             ("土壤", "农用地优先保护区（隆安）", "farm1"),
                             ("生态", "一般生态空间（马山）", "rl0"), ("生态", "一般生态空间（隆安）", "rl1")]:
            if src and src.startswith("pa"):
                g = self.layers["protected_areas"][int(src[2])]["geom"].buffer(300).simplify(5)
            elif src and src.startswith("farm"):
                fr = self.layers["farmland"][int(src[4]) * 700]["geom"]
                g = fr.centroid.buffer(900).simplify(5)
            elif src and src.startswith("rl"):
                g = blob(X0 + (50e3 if src == "rl0" else 6e3), Y0 + 24e3, 1500, rng)
            else:
                g = blob(X0 + rng.uniform(5e3, 55e3), Y0 + rng.uniform(5e3, 35e3), 1200, rng)
            pz.append(self.add("priority_zones", g, {"YSLX": lab, "MC": mc}))
        for i, u in enumerate(self.urban):
            self.add("key_zones", u["geom"].buffer(150).simplify(5),
                     {"YSLX": "水", "MC": "城镇生活污染重点管控区%d" % (i + 1)})
        for lab, mc in [("大气", "武鸣工业集中区"), ("水", "隆安华侨管理区工业园"),
                        ("土壤", "马山建设用地污染风险重点管控区")]:
            u = self.urban[len(self.layers["key_zones"]) % 3]["geom"]
            p, _ = boundary_point(u, rng.uniform(0, 2 * np.pi))
            self.add("key_zones", rect(p.x, p.y, 1200, 800, rng.uniform(0, np.pi)), {"YSLX": lab, "MC": mc})
        # human activity: some inside reserve zones, most outside any protected area
        zones = self.layers["pa_zones"]
        pas = shapely.union_all([r["geom"] for r in self.layers["protected_areas"]])
        kinds = ["建设", "采矿", "农田", "道路"]
        for k in range(40):
            if k < 12:
                z = zones[k % len(zones)]["geom"]
                while True:
                    b = z.bounds
                    pt = Point(rng.uniform(b[0], b[2]), rng.uniform(b[1], b[3]))
                    if z.buffer(-20).contains(pt):
                        break
            else:
                while True:
                    pt = Point(X0 + rng.uniform(500, W - 500), Y0 + rng.uniform(500, H - 500))
                    if pt.distance(pas) > 100:
                        break
            self.add("activity_points", pt, {"HDBH": "HD2025P%03d" % (k + 1), "HDLX": kinds[k % 4],
                                             "JCSJ": "2025-06-30"})
        for k in range(24):
            while True:
                if k < 8:
                    z = zones[(3 * k) % len(zones)]["geom"]
                    b = z.bounds
                    g = blob(rng.uniform(b[0], b[2]), rng.uniform(b[1], b[3]), rng.uniform(30, 90), rng)
                    if z.buffer(-10).contains(g):
                        break
                else:
                    g = blob(X0 + rng.uniform(500, W - 500), Y0 + rng.uniform(500, H - 500), rng.uniform(30, 120), rng)
                    if g.distance(pas) > 100:
                        break
            self.add("activity_polygons", g, {"HDBH": "HD2025M%03d" % (k + 1), "HDLX": kinds[k % 4],
                                              "JCSJ": "2025-06-30"})
        # planned projects
        hylb = ["水泥制造", "公路建设", "光伏发电", "农副食品加工", "旅游开发"]
        for k in range(4):
            u = self.urban[k % len(self.urban)]["geom"]
            p, _ = boundary_point(u, rng.uniform(0, 2 * np.pi))
            self.add("project_sites_points", Point(p.x + rng.normal(0, 400), p.y + rng.normal(0, 400)),
                     {"XMBH": "XM2025-P%02d" % (k + 1), "XMMC": ["年产60万吨水泥熟料项目", "农产品冷链物流中心",
                                                                 "乡村旅游服务站", "农副产品加工厂"][k],
                      "HYLB": hylb[[0, 3, 4, 3][k]]})
        road = self.urban[0]["geom"].centroid, self.urban[2]["geom"].centroid
        pts = wiggle_line((road[0].x, road[0].y), (road[1].x, road[1].y), 600, rng)
        self.add("project_sites_lines", shapely.LineString(pts),
                 {"XMBH": "XM2025-L01", "XMMC": "武鸣至马山二级公路改扩建", "HYLB": "公路建设"})
        road = self.urban[1]["geom"].centroid, self.urban[4]["geom"].centroid
        self.add("project_sites_lines", shapely.LineString(wiggle_line((road[0].x, road[0].y), (road[1].x, road[1].y),
                                                                       300, rng)),
                 {"XMBH": "XM2025-L02", "XMMC": "隆安县城至那桐输水管线", "HYLB": "水利管道"})
        host = self.hosts[4]["geom"]
        p, _ = boundary_point(host, 0.0)
        for k, (g, mc, lb) in enumerate([(rect(p.x + 200, p.y, 900, 600, 0.2), "渌水光伏发电项目", "光伏发电"),
                                         (blob(self.urban[3]["geom"].centroid.x + 2000,
                                               self.urban[3]["geom"].centroid.y, 400, rng),
                                          "双桥工业园扩区", "水泥制造"),
                                         (blob(X0 + 30e3, Y0 + 20e3, 300, rng), "伊岭生态旅游度假区", "旅游开发")]):
            self.add("project_sites_polygons", g, {"XMBH": "XM2025-A%02d" % (k + 1), "XMMC": mc, "HYLB": lb})

    # -------------------------------------------------------- numbering, attributes, manifest
    def finalize(self):
        rl = self.layers["redline"]
        code_rank = {c["code"]: i for i, c in enumerate(self.counties)}
        for rec in rl:
            if rec["sort"] is None and "dup_of" not in rec:
                p = rec["geom"].representative_point()
                rec["sort"] = (-round(p.y / 2000.0), p.x)
        for rec in rl:
            if "dup_of" in rec:
                rec["sort"] = rec["dup_of"]["sort"]
        rl.sort(key=lambda r: (code_rank[r["attrs"]["XZQDM"]], r["sort"]))   # stable: copies follow originals
        seq = {}
        for rec in rl:
            a = rec["attrs"]
            seq[a["XZQDM"]] = seq.get(a["XZQDM"], 0) + 1
            a["BSM"] = "{}STBHHX{:04d}".format(a["XZQDM"], seq[a["XZQDM"]])
            if rec["geom"] is not None and not rec["geom"].is_empty and a["MJ"] is None:
                g = rec["geom"] if rec["geom"].is_valid else shapely.make_valid(rec["geom"])
                a["MJ"] = round(ell_area(g) * rec.get("mj_factor", 1.0), 2)
            if "bsm" in rec:
                a["BSM"] = rec["bsm"]
            if "mj" in rec:
                a["MJ"] = rec["mj"]
        for name, recs in self.layers.items():
            if name != "redline":
                self._sort_layer(name, recs)
            for i, rec in enumerate(recs):
                rec["fid"] = i + 1
        for rec in rl:
            assert "dup_of" not in rec or rec["fid"] > rec["dup_of"]["fid"]
        first, later = sorted(self.code_dup, key=lambda r: r["fid"])
        later["attrs"]["BSM"] = first["attrs"]["BSM"]
        self.expect("RL_CODE_DUPLICATE", "error", "REDLINE", later, later["geom"],
                    "BSM %s is also used by another patch." % first["attrs"]["BSM"],
                    "BSM %s 与另一图斑重复。" % first["attrs"]["BSM"], "REDLINE", first)
        for name in ("farmland", "urban_boundary"):
            for i, rec in enumerate(self.layers[name]):
                a = rec["attrs"]
                if a.get("BSM") is None:
                    a["BSM"] = "{}{}{:05d}".format(a["XZQDM"], "YJJBNT" if name == "farmland" else "CZKFBJ", i + 1)
                g = rec["geom"] if rec["geom"].is_valid else shapely.make_valid(rec["geom"])
                a["MJ"] = round(ell_area(g), 2)

    @staticmethod
    def _sort_layer(name, recs):
        """Farmland is written county by county, north-west first; other layers keep build order."""
        if name == "farmland":
            recs.sort(key=lambda r: (r["attrs"]["XZQDM"], -round(r["geom"].representative_point().y / 2000.0),
                                     r["geom"].representative_point().x))

    def manifest(self):
        out = []
        for f in self.findings:
            g = f["geom"]
            loc = g.representative_point() if g is not None and not g.is_empty else None
            other = f["other"]
            rec = f["rec"]
            if f["rule"] in ("RL_GEOM_INVALID", "RL_INPUT_INVALID"):  # drawn where GEOS places the defect
                reason = shapely.is_valid_reason(rec["geom"])
                loc = Point(map(float, re.search(r"\[(\S+) (\S+)\]$", reason).groups()))
            if f["rule"] == "RL_SELF_OVERLAP" and other["fid"] < rec["fid"]:
                rec, other = other, rec
            out.append({
                "rule": f["rule"], "severity": f["severity"], "layer": f["layer"], "fid": rec["fid"],
                "other_layer": f["other_layer"], "other_fid": other["fid"] if other else None,
                "area_m2": round(ell_area(g), 3) if g is not None else None,
                "value": None if f["value"] is None else round(f["value"], 6),
                "description": f["description"], "description_zh": f["description_zh"],
                "x": round(loc.x, 2) if loc else None, "y": round(loc.y, 2) if loc else None})
            if f["rule"] == "RL_AREA_MISMATCH":
                out[-1]["value"] = f["rec"]["attrs"]["MJ"]
        order = {r: i for i, r in enumerate(RULE_ORDER)}
        out.sort(key=lambda e: (order[e["rule"]], e["layer"], e["fid"], e["other_fid"] or 0))
        return out

    def build(self):
        self.build_admin()
        self.build_urban()
        self.build_slots(15)
        self.build_protected()
        self.build_redline(169)
        self.plant()
        self.plant_attributes()
        assert not self.free_slots, "unused slot"
        self.build_farmland(1500 - 4)
        self.build_conflict_layers()
        self.build_zones_and_activity()
        self.finalize()
        return self


RULE_ORDER = ["RL_GEOM_NULL", "RL_GEOM_INVALID", "RL_DUPLICATE", "RL_SELF_OVERLAP", "RL_FRAGMENT", "RL_HOLE",
              "RL_SLIVER", "RL_OVERLAP_PBF", "RL_OVERLAP_UDB", "RL_OVERLAP_PBF_UDB", "RL_PA_OUTSIDE", "RL_CONFLICT",
              "RL_COUNTY_CODE", "RL_CROSS_COUNTY", "RL_FIELD_MISSING", "RL_ATTR_EMPTY", "RL_CODE_DUPLICATE",
              "RL_AREA_MISMATCH", "RL_INPUT_INVALID"]

# gpkg layer: geometry type, fields, identifier (gpkg_contents), description
LAYERS = {
    "counties": (MP, [("XZQDM", S, 6), ("XZQMC", S, 50)], "XZQ 县级行政区", "County boundaries / 县级行政区"),
    "townships": (MP, [("XZQDM", S, 9), ("XZQMC", S, 50), ("XJDM", S, 6)], "XZ 乡镇行政区",
                  "Townships / 乡级行政区"),
    "redline": (MP, [("BSM", S, 18), ("YSDM", S, 10), ("XZQDM", S, 6), ("XZQMC", S, 50), ("MJ", R, 0),
                     ("HXLX", S, 30)], "STBHHX 生态保护红线", "Ecological protection red line / 生态保护红线"),
    "farmland": (MP, [("BSM", S, 18), ("XZQDM", S, 6), ("MJ", R, 0)], "YJJBNT 永久基本农田",
                 "Permanent basic farmland / 永久基本农田"),
    "urban_boundary": (MP, [("BSM", S, 18), ("XZQDM", S, 6), ("MJ", R, 0)], "CZKFBJ 城镇开发边界",
                       "Urban development boundary / 城镇开发边界"),
    "protected_areas": (MP, [("BHDDM", S, 20), ("BHDMC", S, 100), ("JB", S, 10), ("BHDLX", S, 10),
                             ("SBMJ", R, 0)], "ZRBHD 自然保护地", "Protected areas / 自然保护地"),
    "pa_zones": (MP, [("BHDDM", S, 20), ("GNFQ", S, 10), ("MJ", R, 0)], "GNFQ 功能分区",
                 "Protected-area functional zones / 自然保护地功能分区"),
    "construction_land": (MP, [("BSM", S, 18), ("XZQDM", S, 6), ("DLMC", S, 30), ("MJ", R, 0)], "JSYD 建设用地",
                          "Construction land / 建设用地"),
    "mining_rights": (MP, [("KQMC", S, 100), ("KYQLX", S, 10), ("XKZH", S, 30), ("XZQDM", S, 6), ("MJ", R, 0)],
                      "KYQ 矿业权", "Mining rights / 矿业权"),
    "settlements": (MP, [("JMDMC", S, 50), ("XZQDM", S, 6), ("MJ", R, 0)], "JMD 居民点", "Settlements / 居民点"),
    "priority_zones": (MP, [("YSLX", S, 10), ("MC", S, 100)], "YXBH 优先保护要素区",
                       "Priority-protection element zones / 优先保护要素区"),
    "key_zones": (MP, [("YSLX", S, 10), ("MC", S, 100)], "ZDGK 重点管控要素区",
                  "Key-control element zones / 重点管控要素区"),
    "activity_points": (PT, [("HDBH", S, 20), ("HDLX", S, 10), ("JCSJ", D, 0)], "RHD 人类活动点",
                        "Human activity (points) / 人类活动点位"),
    "activity_polygons": (MP, [("HDBH", S, 20), ("HDLX", S, 10), ("JCSJ", D, 0)], "RHM 人类活动图斑",
                          "Human activity (patches) / 人类活动图斑"),
    "project_sites_points": (PT, [("XMBH", S, 20), ("XMMC", S, 100), ("HYLB", S, 50)], "XMD 项目选址点",
                             "Planned project sites (points) / 项目选址（点）"),
    "project_sites_lines": (LN, [("XMBH", S, 20), ("XMMC", S, 100), ("HYLB", S, 50)], "XMX 项目选址线",
                            "Planned project sites (lines) / 项目选址（线）"),
    "project_sites_polygons": (MP, [("XMBH", S, 20), ("XMMC", S, 100), ("HYLB", S, 50)], "XMM 项目选址面",
                               "Planned project sites (polygons) / 项目选址（面）"),
}


# Each extra module adds its own layers and planted findings (own seed, run after the red-line data is
# final, so the red-line layers and defects.json never change when they grow): layers(), NAME, build().
EXTRAS = (sample_units, sample_reserves)
for _extra in EXTRAS:
    LAYERS.update(_extra.layers())


def write_gpkg(sample, path):
    if os.path.exists(path):
        os.remove(path)
    gdal.SetConfigOption("OGR_CURRENT_DATE", "2025-06-30T00:00:00.000Z")   # reproducible gpkg_contents
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(EPSG)
    for name, (gtype, fields, ident, desc) in LAYERS.items():
        lyr = ds.CreateLayer(name, srs, gtype, options=["FID=fid", "GEOMETRY_NAME=geom", "IDENTIFIER=" + ident,
                                                        "DESCRIPTION=" + desc])
        for fname, ftype, width in fields:
            fd = ogr.FieldDefn(fname, ftype)
            if width:
                fd.SetWidth(width)
            lyr.CreateField(fd)
        defn = lyr.GetLayerDefn()
        lyr.StartTransaction()
        for rec in sample.layers.get(name, []):
            feat = ogr.Feature(defn)
            feat.SetFID(rec["fid"])
            for fname, ftype, _w in fields:
                v = rec["attrs"].get(fname)
                if v is None:
                    feat.SetFieldNull(fname)
                elif ftype == D:
                    y, m, d = (int(s) for s in v.split("-"))
                    feat.SetField(fname, y, m, d, 0, 0, 0, 0)
                else:
                    feat.SetField(fname, v)
            g = rec["geom"]
            if g is not None:
                g = multi(g) if gtype == MP else g
                feat.SetGeometryDirectly(ogr.CreateGeometryFromWkb(shapely.to_wkb(g)) if not g.is_empty
                                         else ogr.Geometry(MP))
            assert lyr.CreateFeature(feat) == 0
            assert feat.GetFID() == rec["fid"]
        lyr.CommitTransaction()
    ds = None
    gdal.SetConfigOption("OGR_CURRENT_DATE", None)


def write_readme(sample, manifest, path, extra=()):
    lines = ["# Sample data / 示例数据", "",
             "Generated by `tools/make_sample_data.py` (seed %d) — do not edit by hand; rerun the generator." % SEED,
             "由 `tools/make_sample_data.py`（随机种子 %d）生成，请勿手工修改。" % SEED, "",
             "`%s` holds synthetic data for three counties near Nanning, Guangxi (about 60 km x 40 km around "
             "108.2°E 23.0°N), in **EPSG:4524** (CGCS2000 3-degree Gauss-Kruger zone 36, central meridian 108°E, "
             "false easting 36,500,000 m). All shapes are invented; names and codes only look real." % GPKG_NAME,
             "`%s` 为虚构的广西南宁附近三个县（约 60 km × 40 km）的示例数据，坐标系 **EPSG:4524**"
             "（CGCS2000 3 度带高斯-克吕格"
             "第 36 带，中央经线 108°E）。所有图形均为合成，名称与代码仅作示意。" % GPKG_NAME, "",
             "Areas (MJ, SBMJ, area_m2) are CGCS2000 ellipsoidal areas, approximated from the planar area with the "
             "Gauss-Kruger scale factor (they differ from planar area by < 0.007 %).",
             "面积字段（MJ、SBMJ、area_m2）为 CGCS2000 椭球面积（由平面面积按高斯投影长度比换算，"
             "与平面面积相差 < 0.007%）。", "",
             "## Layers / 图层", "", "| layer 图层 | identifier 标识 | geometry | features 要素数 | fields 字段 |",
             "|---|---|---|---:|---|"]
    gnames = {MP: "MultiPolygon", PT: "Point", LN: "LineString"}
    for name, (gtype, fields, ident, _) in LAYERS.items():
        lines.append("| `%s` | %s | %s | %d | %s |" % (name, ident, gnames[gtype],
                                                      len(sample.layers.get(name, [])),
                                                      ", ".join(f[0] for f in fields)))
    lines += ["", "## Planted defects / 预置缺陷", "",
              "Every finding `ecospace:redline_check` must report on this data with default parameters "
              "(REDLINE=redline, FARMLAND=farmland, URBAN_BOUNDARY=urban_boundary, PROTECTED_AREAS=protected_areas, "
              "CONFLICT_LAYERS=construction_land+mining_rights+settlements, COUNTIES=counties with XZQDM/XZQMC) — and "
              "nothing else. The same list is machine-readable in `defects.json`.",
              "下表列出 `ecospace:redline_check` 以默认参数检查本数据时应报告的全部问题（且仅此而已），"
              "机器可读版本见 `defects.json`。", "",
              "| # | rule 规则 | severity | layer:fid | other | area m² | x, y | what | 说明 |",
              "|---:|---|---|---|---|---:|---|---|---|"]
    for i, e in enumerate(manifest, 1):
        other = "%s:%s" % (e["other_layer"], e["other_fid"]) if e["other_layer"] else ""
        area = "%.2f" % e["area_m2"] if e["area_m2"] is not None else "—"
        xy = "%.0f, %.0f" % (e["x"], e["y"]) if e["x"] is not None else "—"
        lines.append("| %d | %s | %s | %s:%d | %s | %s | %s | %s | %s |" % (
            i, e["rule"], e["severity"], e["layer"], e["fid"], other, area, xy, e["description"],
            e["description_zh"]))
    counts = {}
    for e in manifest:
        counts[e["severity"]] = counts.get(e["severity"], 0) + 1
    lines += ["", "Negative controls (must NOT be reported) / 反例（不应报告）:", ""]
    for rec, en, zh in sample.controls:
        lines.append("- REDLINE:%d — %s / %s" % (rec["fid"], en, zh))
    holed = [r["fid"] for r in sample.ordinary if r["geom"].geom_type == "Polygon" and r["geom"].interiors]
    lines.append("- REDLINE:%s — legitimate holes > 1 ha: no RL_HOLE / 大于 1 公顷的正常内洞，不报告"
                 % ", ".join(str(f) for f in sorted(holed)))
    lines.append("- pa_zones — every protected area is tiled by its zones, including the one that sticks out of the "
                 "red line / 各保护地功能分区完整（含超出红线的保护地）")
    lines += ["", "Totals / 合计: %d errors 错误, %d warnings 警告." % (counts.get("error", 0),
                                                                   counts.get("warning", 0)),
              "", "Not plantable in this data / 本数据无法预置: RL_FIELD_MISSING (all mapped fields exist 字段齐全), "
              "RL_CRS_WGS84, RL_CRS_ZONE (the CRS is a correct CGCS2000 zone 坐标系正确).", "",
              "## Clean elsewhere / 其余数据无缺陷", "",
              "- Counties tile the study area and townships tile their counties exactly (shared vertices). "
              "县界无缝覆盖研究区，乡镇界无缝覆盖所属县。",
              "- Outside the planted spots, red-line patches, farmland, urban boundaries, construction land, mining "
              "rights and settlements are at least 15 m apart; every ordinary red-line part is ≥ 1,000 m² with "
              "4πA/P² ≥ 0.2, every ordinary hole is > 1 ha, and every protected area except the planted one lies "
              "inside the red line. 除预置缺陷外，各图层互不重叠；普通红线部件均 ≥ 1000 m²，洞均 > 1 公顷；"
              "自然保护地均位于红线内。",
              "- Functional zones tile their protected area (three-zone 核心区/缓冲区/实验区, two-zone "
              "核心保护区/一般控制区, natural parks 一般控制区). 功能分区完整覆盖所属保护地。", ""]
    lines += list(extra)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(here, "..", "resources", "sample"))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    sample = Sample().build()
    manifest = sample.manifest()
    extra_readme = []
    for k, extra in enumerate(EXTRAS, start=1):
        planted = extra.build(sample, np.random.default_rng(SEED + k))
        with open(os.path.join(args.out, "defects_%s.json" % extra.NAME), "w", encoding="utf-8") as fh:
            json.dump(planted, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
        extra_readme += extra.readme(sample, planted)
    write_gpkg(sample, os.path.join(args.out, GPKG_NAME))
    with open(os.path.join(args.out, "defects.json"), "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    write_readme(sample, manifest, os.path.join(args.out, "README.md"), extra_readme)
    # overlay results can differ in the last digits between GEOS releases: record which one made it
    with open(os.path.join(args.out, "provenance.json"), "w", encoding="utf-8") as fh:
        json.dump({"geos": shapely.geos_version_string, "shapely": shapely.__version__}, fh)
        fh.write("\n")
    print("layers:", ", ".join("%s=%d" % (k, len(sample.layers.get(k, []))) for k in LAYERS))
    print("expected findings:", len(manifest))


if __name__ == "__main__":
    main()
