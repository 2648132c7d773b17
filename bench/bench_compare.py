"""Province benchmark: ecospace:redline_compare against the plain QGIS way (native:difference both ways,
native:symmetricaldifference), side by side in one run.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_compare.py                   # full scale
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_compare.py --scale 0.05 --repeat 1

OLD is the `redline` layer of bench/make_province.py's province; NEW is a seeded modified copy written
next to it (<province>_new.gpkg) with --changed (default 1 %) of the patches changed: 40 % of them
deleted, 40 % cut in half, 20 % grown by 15 m, plus as many new patches (deleted ones shifted 60 m) as
were grown. Each phase runs in its own child process (QGIS initialised once), so each reports its own
peak RSS. Results go to bench/results/compare_<date>[_s<scale>].txt.
"""
import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import bench_redline as br  # noqa: E402 (the shared QGIS set-up and timing helpers)

REPO, DATA = br.REPO, br.DATA


# ====================================================================== the NEW version (no QGIS)

def new_version_path(old, changed):
    return os.path.splitext(old)[0] + "_new{}.gpkg".format(str(changed).replace(".", "p"))


def make_new_version(old, path, changed, seed=7):
    """Write the modified copy of OLD's red line; return what was changed (counts)."""
    import numpy as np
    import shapely
    from osgeo import ogr

    ds = ogr.Open(old)
    lyr = ds.GetLayerByName("redline")
    fids, wkbs = [], []
    for batch in lyr.GetArrowStreamAsNumPy(options=["INCLUDE_FID=YES"]):
        fids.append(batch["fid"])
        wkbs.append(batch["geom"])
    fids, wkbs = np.concatenate(fids), np.concatenate(wkbs)
    srs = lyr.GetSpatialRef()
    geoms = shapely.from_wkb(wkbs)
    rng = np.random.default_rng(seed)
    n_change = int(round(len(geoms) * changed / 100.0))
    pick = rng.choice(np.flatnonzero(shapely.is_valid(geoms)), n_change, replace=False)
    n_del, n_cut = int(n_change * 0.4), int(n_change * 0.4)
    deleted, cut, grown = pick[:n_del], pick[n_del:n_del + n_cut], pick[n_del + n_cut:]
    out_geoms = wkbs.copy()  # unchanged features keep their exact bytes, as an edited copy would
    b = shapely.bounds(geoms[cut])
    west = shapely.box(b[:, 0] - 1, b[:, 1] - 1, (b[:, 0] + b[:, 2]) / 2, b[:, 3] + 1)
    out_geoms[cut] = shapely.to_wkb(_multi(shapely.intersection(geoms[cut], west)))
    out_geoms[grown] = shapely.to_wkb(_multi(shapely.buffer(geoms[grown], 15.0)))
    keep = np.ones(len(geoms), dtype=bool)
    keep[deleted] = False
    shifted = deleted[:len(grown)]
    added = shapely.to_wkb(_multi(shapely.transform(geoms[shifted], lambda xy: xy + [60.0, 0.0])))
    rows = np.concatenate([out_geoms[keep], added])

    if os.path.exists(path):
        os.remove(path)
    out = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    layer = out.CreateLayer("redline", srs, ogr.wkbMultiPolygon)
    layer.StartTransaction()
    defn = layer.GetLayerDefn()
    for wkb in rows:
        feat = ogr.Feature(defn)
        feat.SetGeometry(ogr.CreateGeometryFromWkb(bytes(wkb)))
        layer.CreateFeature(feat)
    layer.CommitTransaction()
    out = None
    return {"old_features": int(len(geoms)), "changed": int(n_change), "deleted": int(len(deleted)),
            "cut": int(len(cut)), "grown": int(len(grown)), "new_features_added": int(len(added))}


def _multi(geoms):
    import shapely

    return shapely.multipolygons(shapely.get_parts(geoms), indices=shapely.get_parts(geoms, return_index=True)[1])


# ====================================================================== orchestrator

def run_phase(phase, args, old, new):
    cmd = [sys.executable, os.path.abspath(__file__), "--worker", phase, "--old", old, "--new", new,
           "--repeat", str(args.repeat)]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
                          timeout=args.timeout)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        return {"phase": phase, "failed": "exit code {}".format(proc.returncode)}
    res = json.loads(lines[-1])
    res["phase_wall_s"] = time.perf_counter() - t0
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--changed", type=float, default=1.0, help="percent of the patches changed")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--phases", default="ours,chain")
    ap.add_argument("--timeout", type=int, default=3600)
    ap.add_argument("--tag", default="")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--old", help=argparse.SUPPRESS)
    ap.add_argument("--new", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        return worker(args)
    old = br.ensure_data(args.scale, False)
    new = new_version_path(old, args.changed)
    t0 = time.perf_counter()
    made = make_new_version(old, new, args.changed)
    results = {"machine": br.machine_info(), "scale": args.scale, "repeat": args.repeat, "old": old, "new": new,
               "made": made, "make_s": time.perf_counter() - t0, "code": br.code_fingerprint(),
               "command": " ".join([os.path.relpath(sys.executable, REPO)] + sys.argv)}
    for phase in args.phases.split(","):
        print("== phase {}".format(phase), file=sys.stderr, flush=True)
        results[phase] = run_phase(phase, args, old, new)
    results["loadavg_end"] = os.getloadavg()
    text = render(results)
    print(text)
    parts = ["compare", datetime.date.today().isoformat()] + (["s{}".format(args.scale)] if args.scale != 1 else [])
    out = os.path.join(HERE, "results", "_".join(parts + ([args.tag] if args.tag else [])) + ".txt")
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(text + "\n\n# raw results (JSON)\n" + json.dumps(results, ensure_ascii=False, indent=1) + "\n")
    print("saved {}".format(os.path.relpath(out, REPO)))


def med(v):
    return statistics.median(v) if v else float("nan")


def render(r):
    m = r["machine"]
    now = datetime.datetime.now().isoformat(" ", "seconds")
    lines = ["# ecospace:redline_compare province benchmark — {}".format(now),
             "command: QT_QPA_PLATFORM=offscreen " + r["command"],
             "plugin code (md5 of core/*.py + processing/**/*.py): " + r["code"],
             "machine: {} cores ({}), {} GiB RAM; load average at start {} and end {}".format(
                 m.get("nproc"), m.get("cpu"), m.get("ram_gib"), "/".join("{:.2f}".format(x) for x in m["loadavg"]),
                 "/".join("{:.2f}".format(x) for x in r["loadavg_end"])),
             "OLD: {} (redline)  NEW: {}  made in {:.1f} s: {}".format(
                 os.path.relpath(r["old"], REPO), os.path.relpath(r["new"], REPO), r["make_s"], r["made"]),
             "timings are medians of {} runs; peak RSS per phase (child process)".format(r["repeat"]), ""]
    ours = r.get("ours", {})
    if ours.get("failed") or ours.get("error"):
        lines.append("(a) ours: FAILED {}".format(ours.get("failed") or ours.get("error")))
    elif ours:
        lines += ["(a) ecospace:redline_compare (OLD, NEW, COUNTIES, REASON_LAYERS=[construction_land]; 4 outputs "
                  "to GeoPackage): {:.2f} s (runs {})".format(med(ours["times"]), ", ".join(
                      "{:.2f}".format(t) for t in ours["times"])),
                  "    identical skipped / changed: {}".format(ours.get("log_counts")),
                  "    added {:,.1f} m² in {} pieces, removed {:,.1f} m² in {} pieces (ellipsoidal); planar {:,.1f} / "
                  "{:,.1f} m²; peak RSS {:.0f} MiB (after QGIS init {:.0f})".format(
                      ours["added_m2"], ours["added_n"], ours["removed_m2"], ours["removed_n"], ours["added_planar"],
                      ours["removed_planar"], ours["peak_rss_mib"], ours["base_rss_mib"])]
    chain = r.get("chain", {})
    if chain.get("failed"):
        lines.append("(b) chain: FAILED " + chain["failed"])
    elif chain:
        lines.append("(b) plain QGIS (temporary outputs, context invalid-geometry check: skip)")
        for step, times in chain["steps"].items():
            lines.append("    {:48s} {:8.2f} s{}".format(step, med(times), "  ERROR " + chain["errors"][step]
                                                          if chain["errors"].get(step) else ""))
        lines.append("    removed (difference OLD−NEW) planar {:,.1f} m²; added (NEW−OLD) {:,.1f} m²; "
                     "symmetrical difference {:,.1f} m²; peak RSS {:.0f} MiB".format(
                         chain["removed_planar"], chain["added_planar"], chain["symdiff_planar"],
                         chain["peak_rss_mib"]))
        if ours and not ours.get("failed") and not ours.get("error"):
            s = {k: med(v) for k, v in chain["steps"].items()}
            fix = s.get("native:fixgeometries OLD", 0) + s.get("native:fixgeometries NEW", 0)
            two = fix + s.get("native:difference OLD−NEW", 0) + s.get("native:difference NEW−OLD", 0)
            sym = fix + s.get("native:symmetricaldifference", 0)
            o = med(ours["times"])
            lines.append("ratios: (fix + difference both ways) / ours = {:.1f}x; "
                         "(fix + symmetricaldifference) / ours = {:.1f}x; "
                         "without the fixing steps {:.1f}x / {:.1f}x".format(
                             two / o, sym / o, (two - fix) / o, (sym - fix) / o))
    return "\n".join(lines)


# ====================================================================== workers (QGIS)

def worker(args):
    qgs = br.init_qgis()  # must stay alive
    assert qgs is not None
    base = br.rss_mib()
    res = {"ours": phase_ours, "chain": phase_chain}[args.worker](args)
    res.update(base_rss_mib=base, peak_rss_mib=br.rss_mib())
    print(json.dumps(res, ensure_ascii=False), flush=True)
    os._exit(0)


def planar_sum(path):
    from osgeo import ogr

    ds = ogr.Open(path)
    lyr = ds.GetLayer(0)
    return sum(f.GetGeometryRef().GetArea() for f in lyr if f.GetGeometryRef() is not None), lyr.GetFeatureCount()


def phase_ours(args):
    from processing.tools import dataobjects

    provider = br.register_provider()  # keep referenced while the algorithm runs
    assert provider is not None
    out_dir = br.fresh_dir("tmp_compare")
    times, res = [], {}
    for i in range(args.repeat):
        params = {"OLD": br.uri(args.old, "redline"), "NEW": br.uri(args.new, "redline"),
                  "COUNTIES": br.uri(args.old, "counties"), "COUNTY_CODE_FIELD": "XZQDM",
                  "COUNTY_NAME_FIELD": "XZQMC", "REASON_LAYERS": [br.uri(args.old, "construction_land")]}
        for name in ("ADDED", "REMOVED", "OUTPUT", "COUNTY_TABLE"):
            params[name] = os.path.join(out_dir, "{}_{}.gpkg".format(name.lower(), i))
        dt, out, err, fb = br.run_alg("ecospace:redline_compare", params, dataobjects.createContext(), keep_info=True)
        times.append(dt)
        br.log("ours run {}: {:.2f} s{}".format(i + 1, dt, " ERROR " + err if err else ""))
        if err:
            return {"error": err, "times": times}
        res = {"added_m2": out["ADDED_M2"], "removed_m2": out["REMOVED_M2"],
               "log_counts": [t for t in fb.infos if "identical" in t][:1]}
        res["added_planar"], res["added_n"] = planar_sum(out["ADDED"])
        res["removed_planar"], res["removed_n"] = planar_sum(out["REMOVED"])
    res["times"] = times
    return res


def phase_chain(args):
    from qgis.core import QgsVectorLayer

    def area(layer):
        return sum(f.geometry().area() for f in layer.getFeatures())

    steps, errors = {}, {}
    out = {}
    for _ in range(args.repeat):
        ctx = br.context("skip")
        fixed = {}
        for name, path in (("OLD", args.old), ("NEW", args.new)):
            key = "native:fixgeometries " + name
            dt, res, err, _ = br.run_alg("native:fixgeometries", {"INPUT": br.uri(path, "redline"),
                                                                  "OUTPUT": "TEMPORARY_OUTPUT"}, br.context("none"))
            steps.setdefault(key, []).append(dt)
            errors[key] = err
            fixed[name] = res["OUTPUT"] if res else None
        for key, alg, a, b in (("native:difference OLD−NEW", "native:difference", "OLD", "NEW"),
                               ("native:difference NEW−OLD", "native:difference", "NEW", "OLD"),
                               ("native:symmetricaldifference", "native:symmetricaldifference", "OLD", "NEW")):
            dt, res, err, _ = br.run_alg(alg, {"INPUT": fixed[a], "OVERLAY": fixed[b],
                                               "OUTPUT": "TEMPORARY_OUTPUT"}, ctx)
            steps.setdefault(key, []).append(dt)
            errors[key] = err
            out[key] = res["OUTPUT"] if res else None
            br.log("{}: {:.2f} s{}".format(key, dt, " ERROR " + err if err else ""))
    layer = lambda v: v if isinstance(v, QgsVectorLayer) else None  # noqa: E731
    def planar(key):
        return area(layer(out[key])) if out.get(key) else float("nan")

    return {"steps": steps, "errors": errors,
            "removed_planar": planar("native:difference OLD−NEW"),
            "added_planar": planar("native:difference NEW−OLD"),
            "symdiff_planar": planar("native:symmetricaldifference")}


if __name__ == "__main__":
    main()
