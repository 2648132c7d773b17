"""Sample data for the reserves algorithms: extra layers and planted findings (called by make_sample_data.py).

Runs after the red-line data is final. It changes only pa_zones records (geometry and zone names), one
declared area (protected_areas.SBMJ) and adds zone records and two layers; protected-area geometries,
the red line and every other layer stay as they are, so defects.json does not change.
"""
import math

import numpy as np
import shapely

import sample_common
from sample_common import MP, D, S

NAME = "reserves"
ZONE_VALUES = "YBKZ=general_control"    # the planted unknown zone value, and how to map it
STRICT, CONTROL = ("核心区", "缓冲区", "核心保护区"), ("实验区", "一般控制区", "YBKZ")
HA_RULES = {4: ("HA_STRICT_ZONE", "error"), 3: ("HA_CONTROL_ZONE", "warning"),
            2: ("HA_UNZONED", "warning"), 1: ("HA_REDLINE", "warning")}


def layers():
    """{gpkg layer: (geometry type, [(field, type, width)], identifier, description)} added by this module."""
    return {
        "pa_pre_integration": (MP, [("BHDDM", S, 20), ("BHDMC", S, 100), ("JB", S, 10), ("BHDLX", S, 10)],
                               "ZRBHD2019 整合前自然保护地",
                               "Protected areas before integration (they overlap) / 整合优化前自然保护地（有重叠）"),
        "activity_polygons_2024": (MP, [("HDBH", S, 20), ("HDLX", S, 10), ("JCSJ", D, 0)], "RHM2024 上期人类活动图斑",
                                   "Human activity (patches), previous period / 上期人类活动图斑"),
    }


class _Planter:
    def __init__(self, sample, rng):
        self.s, self.rng, self.g = sample, rng, sample_common
        self.pas = {r["attrs"]["BHDDM"]: r for r in sample.layers["protected_areas"]}
        self.zones = sample.layers["pa_zones"]
        acts = [r["geom"] for r in sample.layers["activity_points"] + sample.layers["activity_polygons"]]
        self.acts = shapely.union_all(acts)
        self.planted = []

    def zone(self, pid, name):
        return next(r for r in self.zones if r["attrs"]["BHDDM"] == pid and r["attrs"]["GNFQ"] == name)

    def entry(self, check, rule, severity, layer, fid, desc, desc_zh, other_layer=None, other_fid=None,
              area=None, length=None, value=None, **extra):
        e = {"check": check, "rule": rule, "severity": severity, "layer": layer, "fid": fid,
             "other_layer": other_layer, "other_fid": other_fid,
             "area_m2": None if area is None else round(area, 3),
             "length_m": None if length is None else round(length, 3),
             "value": None if value is None else round(value, 6), "description": desc, "description_zh": desc_zh}
        e.update(extra)
        self.planted.append(e)

    def set_geom(self, rec, geom):
        assert geom.is_valid, rec["attrs"]
        rec["geom"] = geom
        rec["attrs"]["MJ"] = round(self.g.ell_area(geom), 2)

    def add_zone(self, pid, name, geom):
        rec = {"geom": geom, "attrs": {"BHDDM": pid, "GNFQ": name, "MJ": round(self.g.ell_area(geom), 2)},
               "sort": None, "fid": len(self.zones) + 1}
        self.zones.append(rec)
        return rec

    def free_of_activity(self, geom, margin):
        return geom.distance(self.acts) > margin

    # -- reserve_check defects ----------------------------------------------------------
    def mixed(self):
        pa = self.pas["NR450122002"]
        self.zone("NR450122002", "实验区")["attrs"]["GNFQ"] = "一般控制区"
        self.entry("reserve_check", "RES_SYSTEM_MIXED", "error", "RESERVES", pa["fid"],
                   "Three-zone reserve whose experimental zone is named 一般控制区.",
                   "三区制保护区的实验区被命名为一般控制区。", area=self.g.ell_area(pa["geom"]))

    def gap(self):
        pa, exp = self.pas["NR450123001"], self.zone("NR450123001", "实验区")
        inner = exp["geom"].buffer(-40)
        for _ in range(500):
            b = inner.bounds
            hole = self.g.blob(self.rng.uniform(b[0], b[2]), self.rng.uniform(b[1], b[3]), 50, self.rng, rough=0.15)
            if inner.contains(hole) and self.free_of_activity(hole, 30):
                break
        else:
            raise RuntimeError("no room for the zone gap")
        self.set_geom(exp, exp["geom"].difference(hole))
        self.entry("reserve_check", "RES_ZONE_GAP", "error", "RESERVES", pa["fid"],
                   "A hole cut out of the experimental zone: no zone covers it.", "实验区内挖空一块，无功能分区覆盖。",
                   area=self.g.ell_area(hole))

    def overlap(self):
        core, buf = self.zone("NR450123001", "核心区"), self.zone("NR450123001", "缓冲区")
        ring = core["geom"].exterior
        for _ in range(500):
            p = ring.interpolate(self.rng.uniform(0, ring.length))
            ext = p.buffer(25)
            if (ext.difference(core["geom"]).within(buf["geom"]) and ext.distance(buf["geom"].exterior) > 10
                    and self.free_of_activity(ext, 30)):
                break
        else:
            raise RuntimeError("no room for the zone overlap")
        self.set_geom(core, shapely.union(core["geom"], ext))
        piece = shapely.intersection(core["geom"], buf["geom"])
        self.entry("reserve_check", "RES_ZONE_OVERLAP", "error", "ZONES", core["fid"],
                   "The core zone bulges into the buffer zone.", "核心区凸入缓冲区。", other_layer="ZONES",
                   other_fid=buf["fid"], area=self.g.ell_area(piece))

    def outside(self):
        pa, gc = self.pas["NR450122001"], self.zone("NR450122001", "一般控制区")
        others = shapely.union_all([r["geom"] for k, r in self.pas.items() if k != "NR450122001"])
        for _ in range(500):
            p, _c = self.g.boundary_point(pa["geom"], self.rng.uniform(0, 2 * np.pi))
            bump = p.buffer(40)
            if bump.distance(others) > 100 and self.free_of_activity(bump, 100):
                break
        else:
            raise RuntimeError("no room for the zone outside its reserve")
        self.set_geom(gc, shapely.union(gc["geom"], bump))
        self.entry("reserve_check", "RES_ZONE_OUTSIDE", "error", "ZONES", gc["fid"],
                   "The general control zone sticks out of its reserve.", "一般控制区超出所属保护地边界。",
                   other_layer="RESERVES", other_fid=pa["fid"], area=self.g.ell_area(bump.difference(pa["geom"])))

    def nesting(self):
        pid = "NR450124001"
        pa = self.pas[pid]
        core, buf, exp = (self.zone(pid, n) for n in ("核心区", "缓冲区", "实验区"))
        corridor, exposed, edge = self._corridor(pa["geom"], core["geom"], buf["geom"].exterior)
        assert self.free_of_activity(corridor, 30), "activity in the corridor"
        self.set_geom(core, shapely.union(core["geom"], corridor))
        self.set_geom(buf, buf["geom"].difference(corridor))
        self.set_geom(exp, exp["geom"].difference(corridor))
        self.entry("reserve_check", "RES_CORE_AT_EDGE", "warning", "RESERVES", pa["fid"],
                   "A core-zone corridor reaches the reserve's outer edge.", "核心区以廊道延伸至保护地外边界。",
                   length=edge)
        self.entry("reserve_check", "RES_CORE_EXPOSED", "warning", "RESERVES", pa["fid"],
                   "The same corridor runs through the experimental zone without buffer.",
                   "该廊道穿过实验区，无缓冲区包围。", length=exposed)
        inner = buf["geom"].buffer(-10)
        for _ in range(2000):
            b = inner.bounds
            pocket = self.g.blob(self.rng.uniform(b[0], b[2]), self.rng.uniform(b[1], b[3]), 20, self.rng, rough=0.1)
            if inner.contains(pocket) and pocket.distance(corridor) > 30 and self.free_of_activity(pocket, 30):
                break
        else:
            raise RuntimeError("no room for the experimental pocket")
        self.set_geom(buf, buf["geom"].difference(pocket))
        self.add_zone(pid, "实验区", pocket)
        self.entry("reserve_check", "RES_EXPERIMENTAL_INSIDE", "warning", "RESERVES", pa["fid"],
                   "An experimental-zone pocket inside the buffer zone.", "缓冲区内嵌一块实验区。",
                   area=self.g.ell_area(pocket))

    @staticmethod
    def _corridor(reserve, core, ring):
        """A strip from the core to one segment of the reserve ring, built only from existing vertices of the
        reserve ring, the buffer's outer ring and the core ring, so the zones edited with it share exact
        boundaries (as digitised zones do) and the nesting findings have a definite length."""
        pa_ring = np.asarray(reserve.exterior.coords)[:-1]
        mid_ring = np.asarray(ring.coords)[:-1]
        core_ring = np.asarray(core.exterior.coords)[:-1]
        seg = np.hypot(*(np.roll(pa_ring, -1, axis=0) - pa_ring).T)
        dist = shapely.distance(shapely.points(pa_ring), core)

        def nearest(points, v):
            return points[int(np.argmin(np.hypot(*(points - v).T)))]

        for k in np.argsort(dist)[:40]:
            if not 30 < seg[k] < 200:
                continue
            a, b = pa_ring[k], pa_ring[(k + 1) % len(pa_ring)]
            ra, rb = nearest(mid_ring, a), nearest(mid_ring, b)
            ca, cb = nearest(core_ring, ra), nearest(core_ring, rb)
            if (ra == rb).all() or (ca == cb).all():
                continue
            corridor = shapely.Polygon([tuple(v) for v in (a, b, rb, cb, ca, ra)])
            sides = [shapely.LineString([a, ra]), shapely.LineString([b, rb])]
            crossings = [shapely.intersection(s, ring) for s in sides]
            if (corridor.is_valid and reserve.covers(corridor)
                    and all(c.geom_type == "Point" for c in crossings)):
                return corridor, sum(s.length for s in sides), seg[k]
        raise RuntimeError("no corridor")

    def declared_area(self):
        pa = self.pas["NP450124001"]
        stored = round(pa["attrs"]["SBMJ"] * 1.02, 2)
        pa["attrs"]["SBMJ"] = stored
        self.entry("reserve_check", "RES_AREA_MISMATCH", "warning", "RESERVES", pa["fid"],
                   "SBMJ is 2 % larger than the ellipsoidal area.", "申报面积 SBMJ 比椭球面积大 2%。",
                   area=self.g.ell_area(pa["geom"]), value=stored)

    def unknown_value(self):
        self.zone("NA450124001", "一般控制区")["attrs"]["GNFQ"] = "YBKZ"

    def orphan(self):
        g = self.g
        pas = shapely.union_all([r["geom"] for r in self.pas.values()])
        for _ in range(2000):
            geom = g.blob(g.X0 + self.rng.uniform(2e3, g.W - 2e3), g.Y0 + self.rng.uniform(2e3, g.H - 2e3), 100,
                          self.rng)
            if geom.distance(pas) > 300 and self.free_of_activity(geom, 300):
                break
        else:
            raise RuntimeError("no room for the orphan zone")
        rec = self.add_zone("NR450122099", "核心区", geom)
        self.entry("reserve_check", "RES_ZONE_NO_RESERVE", "error", "ZONES", rec["fid"],
                   "A zone whose reserve id NR450122099 matches no reserve.",
                   "功能分区的保护地代码 NR450122099 无对应保护地。",
                   area=g.ell_area(geom))

    # -- protected_area_overlaps ----------------------------------------------------------
    def pre_integration(self):
        g, rng = self.g, self.rng
        recs = []

        def add(geom, bhddm, name, level, kind):
            rec = {"geom": geom, "attrs": {"BHDDM": bhddm, "BHDMC": name, "JB": level, "BHDLX": kind},
                   "sort": None, "fid": len(recs) + 1}
            recs.append(rec)
            return rec

        def clear(geom, margin, skip=()):
            return all(geom.distance(r["geom"]) > margin for r in recs if r not in skip)

        def at_edge(host, r):
            for _ in range(500):
                p, _c = g.boundary_point(host["geom"], rng.uniform(0, 2 * np.pi))
                geom = g.blob(p.x, p.y, r, rng, rough=0.15)
                if clear(geom, 200, skip=(host,)):
                    return geom
            raise RuntimeError("no room beside " + host["attrs"]["BHDDM"])

        def free(r, margin=300):
            for _ in range(2000):
                geom = g.blob(g.X0 + rng.uniform(3e3, g.W - 3e3), g.Y0 + rng.uniform(3e3, g.H - 3e3), r, rng)
                if clear(geom, margin):
                    return geom
            raise RuntimeError("no free room")

        src = self.pas["NR450123001"]
        a = add(src["geom"], src["attrs"]["BHDDM"], src["attrs"]["BHDMC"], src["attrs"]["JB"], src["attrs"]["BHDLX"])
        b = add(at_edge(a, 400), "NA450123901", "龙虎山森林公园", "市县级", "森林公园")
        src = self.pas["NP450124001"]
        c = add(src["geom"], src["attrs"]["BHDDM"], src["attrs"]["BHDMC"], src["attrs"]["JB"], src["attrs"]["BHDLX"])
        d = add(at_edge(c, 600), "NR450124901", "大明山自然保护区（整合前）", "国家级", "自然保护区")
        first = free(500)
        e = add(first, "NA450122901", "灵水湿地公园", "省级", "湿地公园")
        for _ in range(500):
            ang = rng.uniform(0, 2 * np.pi)
            c0 = first.centroid
            geom = g.blob(c0.x + 700 * math.cos(ang), c0.y + 700 * math.sin(ang), 450, rng, rough=0.15)
            if geom.intersects(first) and clear(geom, 200, skip=(e,)):
                break
        else:
            raise RuntimeError("no room for the overlapping park")
        f = add(geom, "NA450122902", "灵水森林公园", "省级", "森林公园")
        h = add(free(300), "NA450122903", "岜独小型保护地", "区级", "自然公园")
        self.s.layers["pa_pre_integration"] = recs
        for x, y, keeper, reason in ((a, b, a, "level"), (c, d, c, "type"), (e, f, None, "undecided")):
            piece = shapely.intersection(x["geom"], y["geom"])
            self.entry("protected_area_overlaps", "PA_OVERLAP", "error", "RESERVES", x["fid"],
                       "%s overlaps %s; keeper by %s." % (x["attrs"]["BHDDM"], y["attrs"]["BHDDM"], reason),
                       "%s 与 %s 重叠。" % (x["attrs"]["BHDDM"], y["attrs"]["BHDDM"]), other_layer="RESERVES",
                       other_fid=y["fid"], area=g.ell_area(piece), keeper_fid=keeper["fid"] if keeper else -1,
                       reason=reason, source_layer="pa_pre_integration")
        self.entry("protected_area_overlaps", "PA_VALUE_UNKNOWN", "warning", "RESERVES", h["fid"],
                   "Level 区级 is not recognised.", "级别“区级”无法识别。", source_layer="pa_pre_integration")
        rec, outside = self.s.pa_outside
        self.entry("protected_area_overlaps", "PA_OUTSIDE_REDLINE", "error", "RESERVES", rec["fid"],
                   "The protected area that sticks out of the red line (RL_PA_OUTSIDE).", "超出红线的自然保护地。",
                   area=g.ell_area(outside), source_layer="protected_areas")

    # -- human_activity ---------------------------------------------------------------------
    def previous(self):
        polys = self.s.layers["activity_polygons"]
        recs = []
        for rec in polys:
            if 5 <= rec["fid"] <= 8:
                continue                       # new since the previous date
            geom = rec["geom"].buffer(-5) if rec["fid"] == 4 else rec["geom"]   # 4 grew
            attrs = dict(rec["attrs"], JCSJ="2024-12-31")
            recs.append({"geom": geom, "attrs": attrs, "sort": None, "fid": len(recs) + 1})
        self.s.layers["activity_polygons_2024"] = recs
        self.grown = {4: self.g.ell_area(polys[3]["geom"]) - self.g.ell_area(recs[3]["geom"])}

    def activities(self):
        """The expected human_activity findings, worked out feature by feature (not the engine's way)."""
        zones = [(r["fid"], r["geom"], 4 if r["attrs"]["GNFQ"] in STRICT else 3) for r in self.zones]
        reserves = [(r["fid"], r["geom"]) for r in self.s.layers["protected_areas"]]
        redline = [(r["fid"], _valid(r["geom"])) for r in self.s.layers["redline"]
                   if r["geom"] is not None and not r["geom"].is_empty]
        grounds = ([(rank, "ZONES", fid, geom) for fid, geom, rank in zones]
                   + [(2, "RESERVES", fid, geom) for fid, geom in reserves]
                   + [(1, "REDLINE", fid, geom) for fid, geom in redline])
        for layer in ("activity_points", "activity_polygons"):
            for rec in self.s.layers[layer]:
                self._grade(rec, layer, grounds, "human_activity")
                if layer == "activity_polygons" and (rec["fid"] in self.grown or 5 <= rec["fid"] <= 8):
                    self._grade(rec, layer, grounds, "human_activity_previous")

    def _grade(self, rec, layer, grounds, check):
        geom = rec["geom"]
        if check == "human_activity_previous" and rec["fid"] in self.grown:
            geom = geom.difference(geom.buffer(-5))
        hits = []
        for rank, target, fid, ground in grounds:
            if not geom.intersects(ground):
                continue
            area = self.g.ell_area(_valid(geom.intersection(ground))) if geom.geom_type != "Point" else 0.0
            if geom.geom_type == "Point" or area > 0.01:
                hits.append((rank, area, target, fid))
        if not hits:
            return
        hits.sort(key=lambda h: (-h[0], -h[1]))
        rank, area, target, fid = hits[0]
        assert len(hits) == 1 or hits[1][:2] != hits[0][:2], ("ambiguous ground", layer, rec["fid"], hits)
        rule, severity = HA_RULES[rank]
        value = self.grown.get(rec["fid"]) if check == "human_activity_previous" else None
        self.entry(check, rule, severity, "ACTIVITIES", rec["fid"], "%s %s (%s)" % (layer, rec["attrs"]["HDBH"],
                                                                                    rec["attrs"]["HDLX"]),
                   "人类活动 %s（%s）" % (rec["attrs"]["HDBH"], rec["attrs"]["HDLX"]), other_layer=target,
                   other_fid=fid, area=area if geom.geom_type != "Point" else None, value=value,
                   source_layer=layer)


def _valid(g):
    if g.is_valid:
        return g
    fixed = shapely.make_valid(g)
    polys = [p for p in shapely.get_parts(fixed) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(polys) if polys else shapely.Polygon()


def build(sample, rng):
    """Add this module's layers to sample.layers (records: fid, geom, attrs) and return the planted findings."""
    p = _Planter(sample, rng)
    p.mixed()
    p.gap()
    p.overlap()
    p.outside()
    p.nesting()
    p.declared_area()
    p.unknown_value()
    p.orphan()
    p.pre_integration()
    p.previous()
    p.activities()
    return p.planted


def readme(sample, planted):
    """Lines for resources/sample/README.md."""
    out = ["## Protected-area defects / 自然保护地预置缺陷", "",
           "`ecospace:reserve_check` (RESERVES=protected_areas, ZONES=pa_zones, ZONE_VALUES=`%s`), "
           "`ecospace:protected_area_overlaps` (RESERVES=pa_pre_integration; and RESERVES=protected_areas with "
           "REDLINE=redline) and `ecospace:human_activity` (ACTIVITIES=activity_points or activity_polygons, "
           "RESERVES=protected_areas, ZONES=pa_zones, REDLINE=redline; PREVIOUS=activity_polygons_2024) must report "
           "these findings on the layers they name; `defects_reserves.json` lists them with their checks. "
           "The zone value YBKZ (a made-up code for 一般控制区) is unknown without the mapping: a run without "
           "ZONE_VALUES stops and lists it." % ZONE_VALUES,
           "自然保护地三个算法在本数据上应报告下列问题（功能分区值 YBKZ 需通过 ZONE_VALUES 映射），完整清单见 "
           "`defects_reserves.json`。", "",
           "| # | check | rule | severity | layer:fid | other | area m² | length m | what | 说明 |",
           "|---:|---|---|---|---|---|---:|---:|---|---|"]
    shown = [e for e in planted if not e["check"].startswith("human_activity")]
    for i, e in enumerate(shown, 1):
        other = "%s:%s" % (e["other_layer"], e["other_fid"]) if e["other_layer"] else ""
        out.append("| %d | %s | %s | %s | %s:%d | %s | %s | %s | %s | %s |" % (
            i, e["check"], e["rule"], e["severity"], e["layer"], e["fid"], other,
            "%.2f" % e["area_m2"] if e["area_m2"] is not None else "—",
            "%.2f" % e["length_m"] if e["length_m"] is not None else "—", e["description"], e["description_zh"]))
    acts = [e for e in planted if e["check"] == "human_activity"]
    prev = [e for e in planted if e["check"] == "human_activity_previous"]
    count = {}
    for e in acts:
        count[e["rule"]] = count.get(e["rule"], 0) + 1
    out += ["", "Human activity / 人类活动: %s (points and patches together); with PREVIOUS=activity_polygons_2024 "
            "only %d patches are new or grew (patch 4 grew by %.1f m², 5–8 are new). "
            "与上期对比仅 %d 个图斑为新增或扩大。"
            % (", ".join("%s %d" % kv for kv in sorted(count.items())), len(prev),
               next(e["value"] for e in prev if e["fid"] == 4), len(prev)), ""]
    return out
