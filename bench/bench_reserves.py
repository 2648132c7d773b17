"""Province benchmark for the protected-area algorithms against a plain QGIS native chain, side by side.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_reserves.py               # full scale, 1 run each
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_reserves.py --scale 0.1 --repeat 3
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_reserves.py --phases human_activity --repeat 3 --tag speed

Province case (seeded): 500 reserves, 1,500 zones (400 three-zone reserves, 100 two-zone reserves whose
general control zone is in two pieces), a red line, 200,000 activity points and 20,000 activity patches,
in EPSG:4524. Each algorithm runs through processing.run, then the native chain doing the nearest plain
QGIS equivalent; the ratio is chain / ours. Ours and the chain run in turn, --repeat times each (the
medians), so that a change in the machine's load falls on both. --phases picks the cases (names or
their start: human_activity is both of its cases). Results go to
bench/results/reserves_<date>[_s<scale>][_<tag>].txt.
"""
import argparse
import datetime
import json
import os
import platform
import statistics
import sys
import time

import numpy as np
import shapely

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DATA = os.path.join(HERE, "data")
X0, Y0, W, H = 36_350_000.0, 2_450_000.0, 300_000.0, 200_000.0   # GK zone 36 around 108°E 23°N
SEED = 20251124


# ====================================================================== data

def make_data(path, scale):
    """Write the province GeoPackage (reserves, zones, redline, activity_points, activity_polygons)."""
    from osgeo import ogr, osr

    rng = np.random.default_rng(SEED)
    n_res = max(10, int(500 * scale))
    cols = int(np.ceil(np.sqrt(n_res * W / H)))
    rows = int(np.ceil(n_res / cols))
    cw, ch = W / cols, H / rows
    k = np.arange(n_res)
    cx = X0 + (k % cols + rng.uniform(0.3, 0.7, n_res)) * cw
    cy = Y0 + (k // cols + rng.uniform(0.3, 0.7, n_res)) * ch
    r = rng.uniform(0.15, 0.55, n_res) * min(cw, ch)       # some neighbours overlap
    centres = shapely.points(cx, cy)
    reserves = shapely.buffer(centres, r, quad_segs=16)
    core, ring = shapely.buffer(centres, 0.35 * r, quad_segs=16), shapely.buffer(centres, 0.55 * r, quad_segs=16)
    three = k < int(0.8 * n_res)
    zones, zone_res, zone_name = [], [], []
    for i in np.flatnonzero(three):
        exp = shapely.difference(reserves[i], ring[i])
        if i % 25 == 0:   # planted gaps: a bite out of the experimental zone
            exp = shapely.difference(exp, shapely.buffer(shapely.points(cx[i] + 0.8 * r[i], cy[i]), 0.1 * r[i]))
        zones += [core[i], shapely.difference(ring[i], core[i]), exp]
        zone_res += [i] * 3
        zone_name += ["核心区", "缓冲区", "实验区"]
    for i in np.flatnonzero(~three):
        rest = shapely.difference(reserves[i], ring[i])
        west = shapely.box(cx[i] - 2 * r[i], cy[i] - 2 * r[i], cx[i], cy[i] + 2 * r[i])
        zones += [ring[i], shapely.intersection(rest, west), shapely.difference(rest, west)]
        zone_res += [i] * 3
        zone_name += ["核心保护区", "一般控制区", "一般控制区"]
    shift = rng.uniform(-0.05, 0.05, (n_res, 2)) * r[:, None]
    redline = shapely.buffer(shapely.points(cx + shift[:, 0], cy + shift[:, 1]), 1.02 * r, quad_segs=16)

    n_pts, n_polys = int(200_000 * scale), int(20_000 * scale)
    pts = shapely.points(X0 + rng.uniform(0, W, n_pts), Y0 + rng.uniform(0, H, n_pts))
    px, py = X0 + rng.uniform(0, W, n_polys), Y0 + rng.uniform(0, H, n_polys)
    half = rng.uniform(10, 40, n_polys)
    polys = shapely.box(px - half, py - half, px + half, py + half)
    kinds = np.array(["建设", "采矿", "农田", "道路"], dtype=object)

    if os.path.exists(path):
        os.remove(path)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4524)
    levels = np.array(["国家级", "省级", "市县级"], dtype=object)
    types = np.array(["国家公园", "自然保护区", "自然公园"], dtype=object)
    ids = np.array(["R%04d" % i for i in range(n_res)], dtype=object)
    _write(ds, srs, "reserves", reserves, {"BHDDM": ids, "JB": levels[k % 3], "BHDLX": types[(k // 3) % 3]})
    _write(ds, srs, "zones", np.array(zones, dtype=object),
           {"BHDDM": ids[np.array(zone_res)], "GNFQ": np.array(zone_name, dtype=object)})
    _write(ds, srs, "redline", redline, {"BSM": ids})
    _write(ds, srs, "activity_points", pts, {"HDLX": kinds[np.arange(n_pts) % 4]}, ogr.wkbPoint)
    _write(ds, srs, "activity_polygons", polys, {"HDLX": kinds[np.arange(n_polys) % 4]})
    ds = None
    return {"reserves": n_res, "zones": len(zones), "activity_points": n_pts, "activity_polygons": n_polys}


def _write(ds, srs, name, geoms, attrs, gtype=None):
    from osgeo import ogr

    lyr = ds.CreateLayer(name, srs, gtype or ogr.wkbMultiPolygon, options=["FID=fid", "GEOMETRY_NAME=geom"])
    for field in attrs:
        lyr.CreateField(ogr.FieldDefn(field, ogr.OFTString))
    defn = lyr.GetLayerDefn()
    multi = gtype is None
    wkbs = shapely.to_wkb(np.array([shapely.multipolygons([g]) if multi and g.geom_type == "Polygon" else g
                                    for g in geoms], dtype=object))
    lyr.StartTransaction()
    for k, wkb in enumerate(wkbs):
        feat = ogr.Feature(defn)
        for field, values in attrs.items():
            feat.SetField(field, values[k])
        feat.SetGeometryDirectly(ogr.CreateGeometryFromWkb(wkb))
        lyr.CreateFeature(feat)
    lyr.CommitTransaction()


# ====================================================================== runs

def init_qgis():
    sys.path.insert(0, os.path.join(REPO, ".build", "pluginpath"))
    sys.path.insert(0, "/usr/share/qgis/python/plugins")
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing

    Processing.initialize()
    from ecospace.processing.provider import EcoSpaceProvider

    provider = EcoSpaceProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    return app, provider


def timed(steps):
    """Wall time of running every (alg, params) step in turn, and their results."""
    import processing
    from processing.tools import dataobjects

    t0 = time.perf_counter()
    results = [processing.run(alg, params, context=dataobjects.createContext()) for alg, params in steps]
    return time.perf_counter() - t0, results


def side_by_side(ours, chain, repeat):
    """(ours' runs, chain's runs, ours' last results, chain's last results), run in turn."""
    runs_ours, runs_chain = [], []
    for _ in range(repeat):
        t, res_ours = timed(ours)
        runs_ours.append(t)
        t, res_chain = timed(chain)
        runs_chain.append(t)
    return runs_ours, runs_chain, res_ours, res_chain


def cases(path, out):
    """{name: (our steps, native steps)}; outputs are GeoPackages in `out`."""
    def src(name):
        return "{}|layername={}".format(path, name)

    def dest(name):
        return os.path.join(out, name + ".gpkg")

    zone_params = {"RESERVES": src("reserves"), "ZONES": src("zones")}
    return {
        "reserve_check": (
            [("ecospace:reserve_check", dict(zone_params, OUTPUT=dest("rc"), SUMMARY=dest("rc_summary"),
                                             ZONES_TWO_SYSTEM=dest("rc_two")))],
            [("qgis:checkvalidity", {"INPUT_LAYER": src("zones"), "METHOD": 2, "VALID_OUTPUT": dest("n_valid"),
                                     "INVALID_OUTPUT": dest("n_invalid"), "ERROR_OUTPUT": dest("n_err")}),
             ("native:intersection", {"INPUT": src("zones"), "OVERLAY": src("zones"), "OUTPUT": dest("n_ovl")}),
             ("native:difference", {"INPUT": src("reserves"), "OVERLAY": src("zones"), "OUTPUT": dest("n_gap")}),
             ("native:difference", {"INPUT": src("zones"), "OVERLAY": src("reserves"), "OUTPUT": dest("n_out")}),
             ("native:dissolve", {"INPUT": src("zones"), "FIELD": ["BHDDM", "GNFQ"], "OUTPUT": dest("n_dis")})]),
        "protected_area_overlaps": (
            [("ecospace:protected_area_overlaps", {"RESERVES": src("reserves"), "REDLINE": src("redline"),
                                                   "OUTPUT": dest("po"), "OVERLAPS": dest("po_table")})],
            [("native:intersection", {"INPUT": src("reserves"), "OVERLAY": src("reserves"),
                                      "OUTPUT": dest("n_pa")}),
             ("native:difference", {"INPUT": src("reserves"), "OVERLAY": src("redline"), "OUTPUT": dest("n_rl")})]),
        "human_activity (points)": (
            [("ecospace:human_activity", dict(zone_params, ACTIVITIES=src("activity_points"),
                                              REDLINE=src("redline"), OUTPUT=dest("hp"), SUMMARY=dest("hp_s")))],
            [("native:joinattributesbylocation", {"INPUT": src("activity_points"), "JOIN": src("zones"),
                                                  "PREDICATE": [0], "METHOD": 0, "DISCARD_NONMATCHING": True,
                                                  "OUTPUT": dest("n_hp")}),
             ("native:joinattributesbylocation", {"INPUT": src("activity_points"), "JOIN": src("redline"),
                                                  "PREDICATE": [0], "METHOD": 0, "DISCARD_NONMATCHING": True,
                                                  "OUTPUT": dest("n_hp_rl")})]),
        "human_activity (patches)": (
            [("ecospace:human_activity", dict(zone_params, ACTIVITIES=src("activity_polygons"),
                                              REDLINE=src("redline"), OUTPUT=dest("hm"), SUMMARY=dest("hm_s")))],
            [("native:intersection", {"INPUT": src("activity_polygons"), "OVERLAY": src("zones"),
                                      "OUTPUT": dest("n_hm")}),
             ("native:intersection", {"INPUT": src("activity_polygons"), "OVERLAY": src("redline"),
                                      "OUTPUT": dest("n_hm_rl")})]),
    }


def count(result, key):
    from qgis.core import QgsVectorLayer

    value = result.get(key)
    return QgsVectorLayer(value, "o", "ogr").featureCount() if isinstance(value, str) else None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--regen", action="store_true")
    ap.add_argument("--phases", default="", help="cases to run, comma-separated (a name or its start)")
    ap.add_argument("--tag", default="", help="a suffix of the results file's name")
    args = ap.parse_args()
    os.makedirs(DATA, exist_ok=True)
    tag = "" if args.scale == 1 else "_s" + str(args.scale).replace(".", "p")
    path = os.path.join(DATA, "reserves_province{}.gpkg".format(tag))
    tag += "_" + args.tag if args.tag else ""
    counts = make_data(path, args.scale) if args.regen or not os.path.exists(path) else None
    out = os.path.join(DATA, "tmp_reserves")
    os.makedirs(out, exist_ok=True)
    app, provider = init_qgis()
    from qgis.core import Qgis

    lines = ["# ecospace protected-area benchmark — {}".format(datetime.datetime.now().strftime("%Y-%m-%d %H:%M:%S")),
             "command: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_reserves.py " + " ".join(sys.argv[1:]),
             "machine: {} cores, {}; Python {}; QGIS {}; GEOS (shapely) {}".format(
                 os.cpu_count(), platform.platform(), platform.python_version(), Qgis.QGIS_VERSION,
                 shapely.geos_version_string),
             "data: {} {}".format(os.path.relpath(path, REPO), counts or "(existing file)"),
             "load average at start: {:.2f}/{:.2f}/{:.2f}".format(*os.getloadavg()),
             "times are medians of {} run(s), ours and the chain in turn; ratio = native chain / ours; "
             "outputs to GeoPackage".format(args.repeat),
             ""]
    print("\n".join(lines), flush=True)
    wanted = [p.strip() for p in args.phases.split(",") if p.strip()]
    raw = {}
    for name, (ours, chain) in cases(path, out).items():
        if wanted and not any(name.startswith(p) for p in wanted):
            continue
        runs_ours, runs_chain, res_ours, res_chain = side_by_side(ours, chain, args.repeat)
        t_ours, t_chain = statistics.median(runs_ours), statistics.median(runs_chain)
        r = res_ours[0]
        block = ["{}".format(name),
                 "  ours   {:8.2f} s  (runs {})  ERROR_COUNT {} WARNING_COUNT {} findings {}".format(
                     t_ours, ", ".join("%.2f" % t for t in runs_ours), r.get("ERROR_COUNT"), r.get("WARNING_COUNT"),
                     count(r, "OUTPUT")),
                 "  native {:8.2f} s  (runs {})  {}".format(
                     t_chain, ", ".join("%.2f" % t for t in runs_chain),
                     " + ".join("{} {}".format(alg.split(":")[1], count(res, "OUTPUT") if "OUTPUT" in res
                                               else count(res, "ERROR_OUTPUT"))
                                for (alg, _), res in zip(chain, res_chain))),
                 "  ratio  {:8.1f}x".format(t_chain / t_ours), ""]
        print("\n".join(block), flush=True)
        lines += block
        raw[name] = {"ours": runs_ours, "chain": runs_chain, "ratio": t_chain / t_ours}
    lines.append("load average at end: {:.2f}/{:.2f}/{:.2f}".format(*os.getloadavg()))
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    result = os.path.join(HERE, "results", "reserves_{}{}.txt".format(datetime.date.today().isoformat(), tag))
    with open(result, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n\n# raw results (JSON)\n" + json.dumps(raw, ensure_ascii=False, indent=1) + "\n")
    print("written", os.path.relpath(result, REPO))
    del provider, app


if __name__ == "__main__":
    main()
