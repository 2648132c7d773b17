"""Sample data for the units algorithms: a delivered unit layer with planted defects, and an access list.

`control_units` is made here by plain shapely overlay (not by the plugin's engine, so that the
check is tested against an independent construction): one unit per township and class, where
priority = red line ∪ priority_zones, key = key_zones minus priority, general = the rest. Then one
defect per rule of ecospace:units_check is planted on its own unit, and the expected findings are
returned (make_sample_data.py writes them to defects_units.json). access_list.csv is written
beside the GeoPackage: a layered list (everywhere, by class, by class + industry, by unit code)
with one unknown code.
"""
import csv
import math
import os
import re

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.ops import polylabel

from sample_common import MP, S, ell_area

NAME = "units"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "sample")
CLASS_NAMES = {1: "优先保护单元", 2: "重点管控单元", 3: "一般管控单元"}
ACCESS = ("KJBJYS", "PWWPFGK", "HJFXFK", "ZYKFXLYQ")
RULES_BY_CLASS = {
    1: ("严格执行生态保护红线和一般生态空间管控要求，禁止新建、扩建工业项目。", "禁止新增入河排污口。",
        "加强饮用水水源保护区环境风险防控。", "严禁擅自占用生态用地。"),
    2: ("新建工业项目原则上进入工业园区。", "执行大气污染物特别排放限值。",
        "建立健全突发环境事件应急预案。", "单位产品能耗、水耗达到国内先进水平。"),
    3: ("执行全省总体准入要求。", "落实污染物总量控制要求。", "加强农业面源污染防治。",
        "提高水资源利用效率。"),
}


def layers():
    """{gpkg layer: (geometry type, [(field, type, width)], identifier, description)} added by this module."""
    fields = [("HJZHGKDYBM", S, 13), ("HJZHGKDYMC", S, 100), ("ZHGKDYFL", S, 1), ("PROV", S, 6),
              ("CITY", S, 6), ("AREA", S, 6)] + [(f, S, 254) for f in ACCESS] + [("REMARK", S, 254)]
    return {"control_units": (MP, fields, "HJGKDY 环境管控单元", "Environmental control units / 环境管控单元")}


def _valid(g):
    if g is None or g.is_empty:
        return None
    return g if g.is_valid else shapely.make_valid(g)


def _polygonal(g):
    parts = [p for p in shapely.get_parts(g) if p.geom_type == "Polygon" and p.area > 0]
    return MultiPolygon(parts) if parts else None


def _units(sample):
    """One unit per township and class by precedence (plain floating overlay)."""
    red = [_valid(r["geom"]) for r in sample.layers["redline"]]
    prio = shapely.union_all([g for g in red if g is not None]
                             + [r["geom"] for r in sample.layers["priority_zones"]])
    key = shapely.union_all([r["geom"] for r in sample.layers["key_zones"]])
    out = []
    for town in sorted(sample.layers["townships"], key=lambda t: t["attrs"]["XZQDM"]):
        t = town["geom"]
        p = shapely.intersection(t, prio)
        k = shapely.difference(shapely.intersection(t, key), prio)
        g = shapely.difference(t, shapely.union(prio, key))
        for klass, geom in ((1, p), (2, k), (3, g)):
            geom = _polygonal(geom)
            if geom is not None:
                out.append({"klass": klass, "county": town["attrs"]["XJDM"], "town": town,
                            "geom": geom, "attrs": {}})
    out.sort(key=lambda u: (u["county"], u["klass"], u["town"]["attrs"]["XZQDM"]))
    seq = {}
    for u in out:
        key_ = (u["county"], u["klass"])
        seq[key_] = seq.get(key_, 0) + 1
        u["attrs"] = {"HJZHGKDYBM": "ZH{}{}{:04d}".format(u["county"], u["klass"], seq[key_]),
                      "HJZHGKDYMC": u["town"]["attrs"]["XZQMC"] + CLASS_NAMES[u["klass"]],
                      "ZHGKDYFL": str(u["klass"]), "PROV": "450000", "CITY": "450100",
                      "AREA": u["county"], "REMARK": None,
                      **dict(zip(ACCESS, RULES_BY_CLASS[u["klass"]]))}
    for fid, u in enumerate(out, start=1):
        u["fid"] = fid
    return out


class Planter:
    def __init__(self, sample, units, ell_area):
        self.sample, self.units, self.ell_area = sample, units, ell_area
        self.used = set()
        self.found = []
        self.county_fid = {r["attrs"]["XZQDM"]: r["fid"] for r in sample.layers["counties"]}

    def pick(self, klass, test=lambda u: True):
        for u in self.units:
            if u["fid"] not in self.used and u["klass"] == klass and test(u):
                self.used.add(u["fid"])
                return u
        raise RuntimeError("no unit left for a planted defect")

    def expect(self, rule, severity, unit, geom, desc, desc_zh, other_layer=None, other=None, detail=None,
               layer="UNITS", at=None):
        """at: where the finding is drawn, when not on its geometry (a validity defect's place)."""
        loc = at if at is not None else geom.representative_point() if geom is not None else None
        self.found.append({
            "rule": rule, "severity": severity, "layer": layer, "fid": unit["fid"] if unit else None,
            "other_layer": other_layer, "other_fid": other, "area_m2": round(self.ell_area(geom), 3)
            if geom is not None else None, "detail": detail, "description": desc, "description_zh": desc_zh,
            "x": round(loc.x, 2) if loc else None, "y": round(loc.y, 2) if loc else None})

    # -- geometry defects ------------------------------------------------------------------
    def cross_county(self):
        """Move a bite of a general unit over a county line into its neighbour's unit."""
        gen = [u for u in self.units if u["klass"] == 3]
        for a in gen:
            for b in gen:
                if a["county"] >= b["county"] or not a["geom"].touches(b["geom"]):
                    continue
                shared = shapely.line_merge(shapely.intersection(a["geom"].boundary, b["geom"].boundary))
                for line in sorted(shapely.get_parts(shared), key=lambda g: -g.length):
                    for f in np.linspace(0.2, 0.8, 13):
                        disk = line.interpolate(f, normalized=True).buffer(120, quad_segs=16)
                        bite = shapely.intersection(disk, b["geom"])
                        if (shapely.union(a["geom"], b["geom"]).buffer(-1).contains(disk)
                                and 1.5e4 < bite.area < 3.5e4 and bite.geom_type == "Polygon"):
                            b["geom"] = _polygonal(shapely.difference(b["geom"], bite))
                            a["geom"] = _polygonal(shapely.union(a["geom"], bite))
                            self.used.update((a["fid"], b["fid"]))
                            self.expect("UNIT_CROSS_COUNTY", "warning", a, bite,
                                        "A general unit takes a bite of about 2.5 ha across the county line.",
                                        "一般管控单元越过县界，多占约 2.5 公顷。", "COUNTIES",
                                        self.county_fid[b["county"]], b["county"])
                            return
        raise RuntimeError("no county line between general units")

    def redline_lower(self):
        """Hand one red-line patch from its priority unit to the general unit around it."""
        for rec in self.sample.ordinary:
            g = rec["geom"]
            if g.geom_type != "Polygon" or g.interiors or not 2e5 < g.area < 2e6:
                continue
            for gen in self.units:
                if gen["klass"] != 3 or gen["fid"] in self.used:
                    continue
                prio = next((u for u in self.units if u["klass"] == 1 and u["town"] is gen["town"]), None)
                if prio is None or prio["fid"] in self.used or not prio["geom"].buffer(1e-3).contains(g):
                    continue
                rest = shapely.difference(prio["geom"], g)
                if rest.area < 1e5 or shapely.intersection(g, self._others(rec)).area > 0:
                    continue
                prio["geom"] = _polygonal(rest)
                gen["geom"] = _polygonal(shapely.union(gen["geom"], g))
                self.used.update((gen["fid"], prio["fid"]))
                self.expect("UNIT_REDLINE_LOWER", "error", gen, g,
                            "A red-line patch was left in the general unit around it.",
                            "一个生态保护红线图斑被划入周围的一般管控单元。", "REDLINE", rec["fid"], "3")
                return
        raise RuntimeError("no red-line patch for UNIT_REDLINE_LOWER")

    def _others(self, rec):
        """Every priority factor except the red-line patch `rec`."""
        geoms = [_valid(r["geom"]) for r in self.sample.layers["redline"] if r is not rec]
        geoms += [r["geom"] for r in self.sample.layers["priority_zones"]]
        return shapely.union_all([g for g in geoms if g is not None])

    def overlap(self):
        """A general unit grows a 100 m square into the key unit of its township."""
        key = self.pick(2, lambda u: self._gen_of(u) is not None and self._square_in(u) is not None)
        gen = self._gen_of(key)
        self.used.add(gen["fid"])
        square = self._square_in(key)
        gen["geom"] = _polygonal(shapely.union(gen["geom"], square))
        first, second = sorted((gen, key), key=lambda u: u["fid"])
        self.expect("UNIT_OVERLAP", "warning", first, square,
                    "A general unit overlaps the key unit of its township by a 100 m square.",
                    "一般管控单元与同乡镇重点管控单元重叠（100 m 见方）。", "UNITS", second["fid"])

    def _gen_of(self, unit):
        return next((u for u in self.units if u["klass"] == 3 and u["town"] is unit["town"]
                     and u["fid"] not in self.used), None)

    @staticmethod
    def _square_in(unit, size=100.0):
        for part in sorted(shapely.get_parts(unit["geom"]), key=lambda p: -p.area):
            c = part.representative_point()
            square = shapely.box(c.x - size / 2, c.y - size / 2, c.x + size / 2, c.y + size / 2)
            if part.buffer(-20).contains(square):
                return square
        return None

    def gap(self):
        unit = self.pick(3)
        c = polylabel(max(shapely.get_parts(unit["geom"]), key=lambda p: p.area), 10.0)
        hole = shapely.box(c.x - 40, c.y - 40, c.x + 40, c.y + 40)
        assert unit["geom"].buffer(-50).contains(hole)
        unit["geom"] = _polygonal(shapely.difference(unit["geom"], hole))
        self.expect("UNIT_GAP", "warning", None, hole, "An 80 m x 80 m hole in a general unit, covered by no unit.",
                    "一般管控单元内 80 m × 80 m 的空洞，不属于任何单元。", "COUNTIES", self.county_fid[unit["county"]])

    def invalid(self):
        """A zero-width spike on a general unit's outer ring: invalid, same area once repaired."""
        unit = self.pick(3, lambda u: len(shapely.get_parts(u["geom"])) >= 1)
        parts = sorted(shapely.get_parts(unit["geom"]), key=lambda p: -p.area)
        main = parts[0]
        ring = list(main.exterior.coords)[:-1]
        k = len(ring) // 3
        x, y = ring[k]
        cx, cy = main.centroid.x, main.centroid.y
        d = math.hypot(x - cx, y - cy)
        tip = (x + (x - cx) / d * 60, y + (y - cy) / d * 60)
        spiked = Polygon(ring[:k + 1] + [tip] + ring[k:], [i.coords for i in main.interiors])
        assert not spiked.is_valid
        unit["geom"] = MultiPolygon([spiked] + parts[1:])
        self.expect("UNIT_GEOM_INVALID", "error", unit, shapely.make_valid(unit["geom"]),
                    "A 60 m zero-width spike on the outer ring (self-intersection); the repaired unit has the "
                    "same area.", "外环上 60 m 长的零宽度尖刺（自相交）；修复后面积不变。",
                    at=shapely.Point(map(float, re.search(r"\[(\S+) (\S+)\]$",
                                                          shapely.is_valid_reason(unit["geom"])).groups())))

    # -- attribute defects -----------------------------------------------------------------
    def attributes(self):
        u = self.pick(1)
        u["attrs"]["HJZHGKDYBM"] = u["attrs"]["HJZHGKDYBM"][:-1]
        self.expect("UNIT_CODE_FORMAT", "error", u, u["geom"], "The code lost its last digit (12 characters).",
                    "编码少一位（12 个字符）。", detail=u["attrs"]["HJZHGKDYBM"])
        u = self.pick(3)
        code = "ZH{}2{:04d}".format(u["county"], 99)
        u["attrs"]["HJZHGKDYBM"] = code
        self.expect("UNIT_CODE_CLASS", "error", u, u["geom"], "A general unit's code carries class digit 2.",
                    "一般管控单元的编码分类位为 2。", detail=code)
        u = self.pick(3, lambda v: v["county"] == "450123")
        code = "ZH4501243{:04d}".format(98)
        u["attrs"]["HJZHGKDYBM"] = code
        self.expect("UNIT_CODE_COUNTY", "error", u, u["geom"], "A unit of 450123 (隆安县) carries the county "
                    "digits 450124.", "隆安县（450123）的单元编码县级代码为 450124。", "COUNTIES",
                    self.county_fid["450123"], "450124 → 450123")
        first = self.pick(1, lambda v: v["county"] == "450124")
        later = self.pick(1, lambda v: v["county"] == "450124")
        later["attrs"]["HJZHGKDYBM"] = first["attrs"]["HJZHGKDYBM"]
        self.expect("UNIT_CODE_DUPLICATE", "error", later, later["geom"],
                    "Two priority units of 马山县 share one sequence number.", "马山县两个优先保护单元顺序码重复。",
                    "UNITS", first["fid"], first["attrs"]["HJZHGKDYBM"])
        u = self.pick(2, lambda v: self._gen_of(v) is not None)
        u["attrs"].update(ZHGKDYFL="3", HJZHGKDYBM="ZH{}3{:04d}".format(u["county"], 97),
                          HJZHGKDYMC=u["town"]["attrs"]["XZQMC"] + "一般管控单元（误）")
        self.expect("UNIT_CLASS_FACTOR", "warning", u, u["geom"], "A key-control area delivered as a general unit.",
                    "重点管控区域被标为一般管控单元。", detail="3 → 2")
        u = self.pick(1)
        u["attrs"]["KJBJYS"] = None
        self.expect("UNIT_ACCESS_EMPTY", "warning", u, u["geom"], "KJBJYS (空间布局约束) is empty.",
                    "KJBJYS（空间布局约束）为空。", detail="KJBJYS")

    def inputs(self):
        """The invalid red-line patches, reported once per layer that uses them."""
        for rec in self.sample.layers["redline"]:
            g = rec["geom"]
            if g is not None and not g.is_empty and not g.is_valid:
                for layer in ("REDLINE", "redline"):
                    self.found.append({
                        "rule": "UNIT_INPUT_INVALID", "severity": "warning", "layer": layer, "fid": rec["fid"],
                        "other_layer": None, "other_fid": None,
                        "area_m2": round(self.ell_area(_polygonal(shapely.make_valid(g))), 3), "detail": None,
                        "description": "Planted invalid red-line patch (REDLINE and PRIORITY_LAYERS).",
                        "description_zh": "红线数据中预置的无效图斑（REDLINE 与 PRIORITY_LAYERS 各报一次）。",
                        "x": None, "y": None})


def build(sample, rng):
    """Add this module's layers to sample.layers (records: fid, geom, attrs) and return the planted findings."""
    units = _units(sample)
    planter = Planter(sample, units, ell_area)
    planter.cross_county()
    planter.redline_lower()
    planter.overlap()
    planter.gap()
    planter.invalid()
    planter.attributes()
    planter.inputs()
    sample.layers["control_units"] = [{"fid": u["fid"], "geom": u["geom"], "attrs": u["attrs"]} for u in units]
    write_access_list(sample, units, os.path.join(OUT, "access_list.csv"))
    order = ["UNIT_GEOM_INVALID", "UNIT_CODE_FORMAT", "UNIT_CODE_CLASS", "UNIT_CODE_COUNTY", "UNIT_CODE_DUPLICATE",
             "UNIT_OVERLAP", "UNIT_GAP", "UNIT_CROSS_COUNTY", "UNIT_REDLINE_LOWER", "UNIT_CLASS_FACTOR",
             "UNIT_ACCESS_EMPTY", "UNIT_INPUT_INVALID"]
    return sorted(planter.found, key=lambda f: (order.index(f["rule"]), f["layer"], f["fid"] or 0))


def write_access_list(sample, units, path):
    """Rows for everywhere, per class, class + industry, a few units by code, and one unknown code."""
    header = ["HJZHGKDYBM", "ZHGKDYFL", "HYLB"] + list(ACCESS) + ["REMARK"]
    rows = [["", "", "", "全省总体要求：严守生态保护红线、环境质量底线、资源利用上线。", "", "", "", "省级总体清单"]]
    for klass in (1, 2, 3):
        rows.append(["", str(klass), ""] + ["{}：{}".format(CLASS_NAMES[klass], t) for t in RULES_BY_CLASS[klass]]
                    + ["省级分类清单"])
    rows.append(["", "2", "水泥", "水泥熟料项目须进入合规工业园区，严禁新增产能。",
                 "执行水泥工业大气污染物超低排放要求。", "", "", "行业清单"])
    touched = _touched_units(sample, units)
    for u in touched[:3]:
        rows.append([u["attrs"]["HJZHGKDYBM"], "", "", u["attrs"]["HJZHGKDYMC"] + "：禁止新建涉重金属项目。", "",
                     "", "", "单元清单"])
    rows.append(["ZH45012219999", "", "", "（编码不存在的单元）", "", "", "", "未知编码"])
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


def _touched_units(sample, units):
    """Units that a planned project site touches, in fid order (for the unit-level list rows)."""
    sites = [r["geom"] for name in ("project_sites_points", "project_sites_lines", "project_sites_polygons")
             for r in sample.layers.get(name, [])]
    return [u for u in units if any(u["geom"].intersects(s) for s in sites)
            and "HJZHGKDYBM" in u["attrs"] and len(u["attrs"]["HJZHGKDYBM"]) == 13]


def readme(sample, planted):
    """Lines for resources/sample/README.md."""
    lines = ["## Control units / 环境管控单元", "",
             "`control_units` is a delivered unit layer made by plain overlay (one unit per township and class: "
             "priority = redline ∪ priority_zones, key = key_zones minus priority, general = the rest), with one "
             "planted defect per rule of `ecospace:units_check` (UNITS=control_units, COUNTIES=counties with XZQDM, "
             "REDLINE=redline, PRIORITY_LAYERS=priority_zones+redline, KEY_LAYERS=key_zones). The list is "
             "machine-readable in `defects_units.json`.",
             "`control_units` 为按乡镇叠加生成的环境管控单元（每乡镇每类一个单元），每条规则预置一个缺陷，"
             "机器可读版本见 `defects_units.json`。", "",
             "| # | rule 规则 | severity | layer:fid | other | area m² | what | 说明 |",
             "|---:|---|---|---|---|---:|---|---|"]
    for i, e in enumerate(planted, 1):
        other = "%s:%s" % (e["other_layer"], e["other_fid"]) if e["other_layer"] else ""
        area = "%.2f" % e["area_m2"] if e["area_m2"] is not None else "—"
        fid = "" if e["fid"] is None else e["fid"]
        lines.append("| %d | %s | %s | %s:%s | %s | %s | %s | %s |" % (
            i, e["rule"], e["severity"], e["layer"], fid, other, area, e["description"], e["description_zh"]))
    lines += ["", "`access_list.csv` (UTF-8) is a layered access list (准入清单) for `ecospace:siting_check`: a row "
              "for everywhere, one per class, one for class 2 + industry 水泥 (HYLB), unit rows by code, and one "
              "row with the unknown code ZH45012219999.",
              "`access_list.csv`（UTF-8）为分层准入清单：全省总体、按分类、按分类+行业（HYLB）、按单元编码，"
              "另含一个不存在的单元编码。", ""]
    return lines
