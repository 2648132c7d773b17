"""Province benchmark for the control-unit algorithms against the equivalent chain of native QGIS algorithms.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_units.py                      # full province
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_units.py --scale 0.05 --repeat 1

Data (bench/make_units_province.py, EPSG:4524): ~1,800 townships in ~100 counties, 50,000 priority-factor
polygons in 3 layers, 20,000 key-factor polygons in 2 layers, 1,000 project sites (points, lines, polygons).

Phases, each in its own child process (QGIS initialised once; peak RSS per phase), in this order:
  ours   processing.run of ecospace:units_generate (townships as ADMIN), then ecospace:units_check and
         ecospace:siting_check on the units it wrote (the three site layers: 1,000 sites in all);
  chain  the same work with native algorithms, each step timed:
         generate: merge + dissolve + singleparts of the priority and of the key factors, key − priority,
                   townships ∩ priority, townships ∩ key, townships − priority − key, merge the three,
                   multipart → singleparts, select pieces below MIN_UNIT_AREA, eliminate (largest
                   common boundary). It neither keeps classes apart in the eliminate nor codes the units:
                   ours does more.
         check:    units ∩ units (overlaps), dissolved counties − units (gaps), units ∩ counties (county
                   lines), units ∩ red line (red line in key or general units), units ∩ the dissolved
                   priority and key factors (class vs factors; the dissolve is not counted again).
         siting:   sites ∩ units for the line and polygon sites, join by location for the points.
  siting (--phases siting) ecospace:siting_check and the chain's siting steps side by side, --repeat
         times each in turn in one child, on the units the ours phase wrote (made first if missing):
         siting_check once per site layer (as the chain) and once on all three (SITES + MORE_SITES);
         the chain's [extra]: the sites against the red line too (join, 2 intersections), as ours.
--algs units_check times only that algorithm: ours on the units of an earlier run (made first if
missing), the chain's check steps only (the factors' dissolve run untimed). --threads N: THREADS.
Results: bench/results/units_<date>[_s<scale>][_<tag>].txt (see bench/README.md for the habits).
"""
import argparse
import datetime
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DATA = os.path.join(HERE, "data")
sys.path.insert(0, HERE)
from bench_redline import (  # noqa: E402
    code_fingerprint,
    fmt_times,
    fresh_dir,
    init_qgis,
    log,
    machine_info,
    med,
    register_provider,
    rss_mib,
    run_alg,
    uri,
)

PRIORITY = ("priority_redline", "priority_water", "priority_wetland")
KEY = ("key_urban", "key_industry")
SITES = ("sites_points", "sites_lines", "sites_polygons")
MIN_UNIT_AREA = 1e6


def data_path(scale):
    tag = "" if scale == 1 else "_s" + str(scale).replace(".", "p")
    return os.path.join(DATA, "units_province{}.gpkg".format(tag))


def ensure_data(scale, regen):
    path = data_path(scale)
    if regen or not os.path.exists(path):
        subprocess.run([sys.executable, os.path.join(HERE, "make_units_province.py"), "--scale", str(scale),
                        "--out", path], check=True)
    return path


def run_phase(phase, args, path, timeout):
    cmd = [sys.executable, os.path.abspath(__file__), "--worker", phase, "--data", path,
           "--repeat", str(args.repeat), "--algs", args.algs, "--threads", str(args.threads)]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"phase": phase, "failed": "timed out after {} s".format(timeout)}
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        return {"phase": phase, "failed": "exit code {}".format(proc.returncode)}
    return json.loads(lines[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--repeat", type=int, default=1, help="runs of each of ours (median reported)")
    ap.add_argument("--phases", default="ours,chain")
    ap.add_argument("--tag", default="")
    ap.add_argument("--algs", default="units_generate,units_check,siting_check",
                    help="which of ours (and of the chain's groups) to time")
    ap.add_argument("--threads", type=int, default=0, help="units_check's THREADS (0: the cores)")
    ap.add_argument("--regen", action="store_true")
    ap.add_argument("--timeout", type=int, default=1800, help="seconds allowed per phase")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--data", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        return worker(args)
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    t0 = time.perf_counter()
    path = ensure_data(args.scale, args.regen)
    results = {"machine": machine_info(), "scale": args.scale, "data": path, "code": code_fingerprint(),
               "command": " ".join([os.path.relpath(sys.executable, REPO)] + sys.argv)}
    for phase in args.phases.split(","):
        log("== phase {}".format(phase))
        results[phase] = run_phase(phase, args, path, args.timeout)
    results["total_wall_s"] = time.perf_counter() - t0
    results["loadavg_end"] = os.getloadavg()
    text = render(results)
    print(text)
    parts = ["units", datetime.date.today().isoformat()] + (["s{}".format(args.scale)] if args.scale != 1 else []) \
        + ([args.tag] if args.tag else [])
    out = os.path.join(HERE, "results", "_".join(parts) + ".txt")
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(text + "\n\n# raw results (JSON)\n" + json.dumps(results, ensure_ascii=False, indent=1) + "\n")
    print("saved {}".format(os.path.relpath(out, REPO)))


def render(r):
    m = r["machine"]
    lines = ["# ecospace control units province benchmark — {}".format(
                 datetime.datetime.now().isoformat(" ", "seconds")),
             "command: QT_QPA_PLATFORM=offscreen " + r["command"],
             "plugin code (md5 of core/*.py + processing/**/*.py): " + r["code"],
             "machine: {} cores ({}), {} GiB RAM; load average at start {} / at end {}".format(
                 m.get("nproc"), m.get("cpu"), m.get("ram_gib"), tuple(round(x, 2) for x in m["loadavg"]),
                 tuple(round(x, 2) for x in r["loadavg_end"])),
             "data: {}".format(os.path.relpath(r["data"], REPO))]
    ours, chain = r.get("ours", {}), r.get("chain", {})
    if "counts" in ours:
        lines.append("inputs: " + ", ".join("{} {:,}".format(k, v) for k, v in ours["counts"].items()))
    lines.append("")
    lines.append("## ours (processing.run, outputs to GeoPackage)")
    if ours.get("failed"):
        lines.append("FAILED: " + ours["failed"])
    for alg in ("units_generate", "units_check", "siting_check"):
        if alg in ours.get("times", {}):
            lines.append("  {:15s} {}".format(alg, fmt_times(ours["times"][alg])))
        elif alg in ours.get("missing", []):
            lines.append("  {:15s} not registered: not timed".format(alg))
    for key in ("units", "findings", "check_counts", "siting_rows", "errors"):
        if key in ours:
            lines.append("  {}: {}".format(key, ours[key]))
    if "peak_rss_mib" in ours:
        lines.append("  peak RSS {:.0f} MiB (after QGIS init {:.0f} MiB)".format(ours["peak_rss_mib"],
                                                                             ours["base_rss_mib"]))
    lines.append("")
    lines.append("## native chain (processing.run, temporary outputs)")
    if chain.get("failed"):
        lines.append("FAILED: " + chain["failed"])
    for group, steps in chain.get("steps", {}).items():
        lines.append("  {} — total {:.2f} s".format(group, sum(s[1] for s in steps)))
        for name, dt, note in steps:
            lines.append("    {:55s} {:8.2f} s {}".format(name, dt, note))
    if "peak_rss_mib" in chain:
        lines.append("  peak RSS {:.0f} MiB".format(chain["peak_rss_mib"]))
    lines.append("")
    lines.append("## ratios (chain / ours)")
    for alg, group in (("units_generate", "generate"), ("units_check", "check"), ("siting_check", "siting")):
        t_ours = ours.get("times", {}).get(alg)
        steps = chain.get("steps", {}).get(group)
        if t_ours and steps:
            total = sum(s[1] for s in steps)
            failed = any(s[2].startswith("FAILED") for s in steps)
            lines.append("  {:15s} {:.2f} s / {:.2f} s = {:.1f}x{}".format(
                alg, total, med(t_ours), total / med(t_ours), " (chain incomplete)" if failed else ""))
    lines += render_siting(r.get("siting"))
    lines.append("total wall time {:.0f} s".format(r["total_wall_s"]))
    return "\n".join(lines)


def render_siting(siting):
    """The siting phase: medians, each run, and chain / ours."""
    if not siting:
        return []
    if siting.get("failed"):
        return ["", "## siting, side by side (one child)", "FAILED: " + siting["failed"]]
    t = siting["times"]
    chain = med(t["chain"])
    extra = chain + med(t.get("extra", []))
    lines = ["", "## siting, side by side (one child, runs in turn; chain / ours)",
             "  siting_check per layer (3 runs)    {}  {:.2f}x  ({:.2f}x with the [extra])".format(
                 fmt_times(t["per_layer"]), chain / med(t["per_layer"]), extra / med(t["per_layer"])),
             "  siting_check one run (3 layers)    {}  {:.2f}x  ({:.2f}x with the [extra])".format(
                 fmt_times(t["one_run"]), chain / med(t["one_run"]), extra / med(t["one_run"])),
             "  chain (join + 2 intersections)     {}".format(fmt_times(t["chain"])),
             "  [extra] the same on the red line    {}".format(fmt_times(t.get("extra", []))),
             "  one run's counts: {}; errors: {}".format(siting.get("counts"), siting.get("errors"))]
    if "peak_rss_mib" in siting:
        lines.append("  peak RSS {:.0f} MiB".format(siting["peak_rss_mib"]))
    return lines


# ====================================================================== workers (QGIS inside)

def worker(args):
    worker.qgs = init_qgis()  # must stay alive
    base = rss_mib()
    res = {"ours": phase_ours, "chain": phase_chain, "siting": phase_siting}[args.worker](args)
    res.update(base_rss_mib=base, peak_rss_mib=rss_mib())
    print(json.dumps(res, ensure_ascii=False), flush=True)
    sys.stderr.flush()
    os._exit(0)


def counts(path):
    from qgis.core import QgsVectorLayer

    return {name: QgsVectorLayer(uri(path, name), name, "ogr").featureCount()
            for name in ("counties", "townships") + PRIORITY + KEY + SITES}


def phase_ours(args):
    from processing.tools import dataobjects
    from qgis.core import QgsApplication, QgsVectorLayer

    phase_ours.provider = register_provider()  # must stay referenced
    registry = QgsApplication.processingRegistry()
    keep = os.path.join(DATA, "tmp_units_ours", "units.gpkg")
    out = os.path.join(DATA, "tmp_units_ours") if "units_generate" not in args.algs.split(",") \
        and os.path.exists(keep) else fresh_dir("tmp_units_ours")
    path = args.data
    res = {"counts": counts(path), "times": {}, "missing": [], "errors": []}
    units = os.path.join(out, "units.gpkg")
    jobs = [("units_generate", lambda i: [{
        "ADMIN": uri(path, "townships"), "ADMIN_CODE_FIELD": "XJDM", "ADMIN_NAME_FIELD": "XZQMC",
        "PRIORITY_LAYERS": [uri(path, n) for n in PRIORITY], "KEY_LAYERS": [uri(path, n) for n in KEY],
        "MIN_UNIT_AREA": MIN_UNIT_AREA, "OUTPUT": units,
        "FINDINGS": os.path.join(out, "gen_findings{}.gpkg".format(i))}]),
            ("units_check", lambda i: [{
                "UNITS": units, "COUNTIES": uri(path, "counties"), "COUNTY_CODE_FIELD": "XZQDM",
                "REDLINE": uri(path, "priority_redline"), "PRIORITY_LAYERS": [uri(path, n) for n in PRIORITY],
                "KEY_LAYERS": [uri(path, n) for n in KEY], "THREADS": args.threads,
                "OUTPUT": os.path.join(out, "check{}.gpkg".format(i)), "STATISTICS": "TEMPORARY_OUTPUT"}]),
            ("siting_check", lambda i: [siting_params(path, units, out, "{}{}".format(name, i), [name])
                                        for name in SITES])]
    wanted = args.algs.split(",")
    if not os.path.exists(units) and "units_generate" not in wanted:
        wanted.insert(0, "units_generate")  # the units to check
    for alg, make in jobs:
        if alg not in wanted:
            continue
        if registry.algorithmById("ecospace:" + alg) is None:
            res["missing"].append(alg)
            continue
        times = []
        for i in range(args.repeat):
            if alg == "units_generate" and os.path.exists(units):
                os.remove(units)
            total = 0.0
            for params in make(i):
                dt, result, err, _ = run_alg("ecospace:" + alg, params, dataobjects.createContext())
                total += dt
                if err:
                    res["errors"].append("{}: {}".format(alg, err))
                    break
                if alg == "units_check":
                    res["check_counts"] = {k: result.get(k) for k in ("ERROR_COUNT", "WARNING_COUNT", "INFO_COUNT")}
            times.append(total)
            log("{} run {}: {:.2f} s".format(alg, i + 1, total))
        res["times"][alg] = times
    if os.path.exists(units):
        layer = QgsVectorLayer(units, "u", "ogr")
        klass = [f["ZHGKDYFL"] for f in layer.getFeatures()]
        res["units"] = {"total": len(klass), "priority": klass.count(1), "key": klass.count(2),
                        "general": klass.count(3)}
    return res


def phase_chain(args):
    from qgis.core import QgsProcessingContext, QgsProject, QgsVectorLayer

    path = args.data
    units = os.path.join(DATA, "tmp_units_ours", "units.gpkg")
    steps = {"generate": [], "check": [], "siting": []}
    ctx = QgsProcessingContext()
    ctx.setProject(QgsProject.instance())

    groups = {"units_generate": "generate", "units_check": "check", "siting_check": "siting"}
    timed = {groups[a] for a in args.algs.split(",")}

    def step(group, name, alg, params):
        params = dict(params, OUTPUT=params.get("OUTPUT", "TEMPORARY_OUTPUT"))
        dissolving = name.split(" ")[0] in ("merge", "dissolve", "singleparts") \
            and name.split(" ")[-1] in ("priority", "key")  # the check's dissolved factors
        if group not in timed and not (dissolving and "check" in timed):
            return None  # a step of an algorithm not timed
        dt, out, err, _ = run_alg(alg, params, ctx)
        note = "FAILED " + err if err else ""
        if group not in timed:
            return None if err else out["OUTPUT"]
        steps[group].append(("{} ({})".format(name, alg), dt, note))
        log("chain {} {}: {:.2f} s {}".format(group, name, dt, note))
        return None if err else out["OUTPUT"]

    def layer(ref):
        return ref if isinstance(ref, QgsVectorLayer) else ctx.getMapLayer(ref) or QgsVectorLayer(ref, "l", "ogr")

    # generate
    dissolved = {}
    for cls, names in (("priority", PRIORITY), ("key", KEY)):
        merged = step("generate", "merge " + cls, "native:mergevectorlayers",
                      {"LAYERS": [uri(path, n) for n in names]})
        one = step("generate", "dissolve " + cls, "native:dissolve", {"INPUT": merged})
        dissolved[cls] = step("generate", "singleparts " + cls, "native:multiparttosingleparts", {"INPUT": one})
    key_only = step("generate", "key − priority", "native:difference",
                    {"INPUT": dissolved["key"], "OVERLAY": dissolved["priority"]})
    towns = uri(path, "townships")
    p_pieces = step("generate", "townships ∩ priority", "native:intersection",
                    {"INPUT": towns, "OVERLAY": dissolved["priority"]})
    k_pieces = step("generate", "townships ∩ key", "native:intersection", {"INPUT": towns, "OVERLAY": key_only})
    rest = step("generate", "townships − priority", "native:difference",
                {"INPUT": towns, "OVERLAY": dissolved["priority"]})
    g_pieces = step("generate", "… − key", "native:difference", {"INPUT": rest, "OVERLAY": key_only})
    allp = step("generate", "merge classes", "native:mergevectorlayers", {"LAYERS": [p_pieces, k_pieces, g_pieces]})
    singles = step("generate", "singleparts", "native:multiparttosingleparts", {"INPUT": allp})
    if singles:
        lyr = layer(singles)
        t0 = time.perf_counter()
        lyr.selectByExpression("$area < {}".format(MIN_UNIT_AREA))
        steps["generate"].append(("select pieces below MIN_UNIT_AREA", time.perf_counter() - t0,
                                  "{} of {}".format(lyr.selectedFeatureCount(), lyr.featureCount())))
        step("generate", "eliminate (largest common boundary)", "qgis:eliminateselectedpolygons",
             {"INPUT": lyr, "MODE": 2})
    # check (on our units)
    counties = uri(path, "counties")
    step("check", "units ∩ units", "native:intersection", {"INPUT": units, "OVERLAY": units})
    whole = step("check", "dissolve counties", "native:dissolve", {"INPUT": counties})
    step("check", "study area − units (gaps)", "native:difference", {"INPUT": whole, "OVERLAY": units})
    step("check", "units ∩ counties", "native:intersection", {"INPUT": units, "OVERLAY": counties})
    step("check", "units ∩ red line", "native:intersection",
         {"INPUT": units, "OVERLAY": uri(path, "priority_redline")})
    # class vs factors: the share of each class's factors in each unit (the factors dissolved by
    # the generate chain above, whose dissolve time is not counted again here)
    for cls in ("priority", "key"):
        step("check", "units ∩ {} factors (dissolved)".format(cls), "native:intersection",
             {"INPUT": units, "OVERLAY": dissolved[cls]})
    for name, alg, params in siting_chain(path, units):
        step("siting", name, alg, params)
    return {"steps": steps}


# ====================================================================== the siting phase

def siting_params(path, units, out, tag, layers):
    """siting_check on the site `layers` (the first as SITES, the others as MORE_SITES)."""
    return {"SITES": uri(path, layers[0]), "MORE_SITES": [uri(path, n) for n in layers[1:]],
            "SITE_ID_FIELD": "XMBH", "INDUSTRY_FIELD": "HYLB", "UNITS": units,
            "REDLINE": uri(path, "priority_redline"), "OUTPUT": os.path.join(out, "siting_{}.gpkg".format(tag)),
            "FINDINGS": "TEMPORARY_OUTPUT"}


def siting_chain(path, units):
    """The chain's siting steps: (name, algorithm, parameters)."""
    return ([("points join units", "native:joinattributesbylocation",
              {"INPUT": uri(path, "sites_points"), "JOIN": units, "PREDICATE": [0], "METHOD": 0})]
            + [(name + " ∩ units", "native:intersection", {"INPUT": uri(path, name), "OVERLAY": units})
               for name in ("sites_lines", "sites_polygons")])


def siting_chain_extra(path):
    """[extra] steps: the sites against the red line, which siting_check meets too."""
    red = uri(path, "priority_redline")
    return ([("points join red line", "native:joinattributesbylocation",
              {"INPUT": uri(path, "sites_points"), "JOIN": red, "PREDICATE": [0], "METHOD": 0})]
            + [(name + " ∩ red line", "native:intersection", {"INPUT": uri(path, name), "OVERLAY": red})
               for name in ("sites_lines", "sites_polygons")])


def phase_siting(args):
    """Ours (per layer, and one run on the three layers) and the chain, each run in turn."""
    from processing.tools import dataobjects
    from qgis.core import QgsProcessingContext, QgsProject

    phase_siting.provider = register_provider()  # must stay referenced
    path, out = args.data, fresh_dir("tmp_units_siting")
    units = os.path.join(DATA, "tmp_units_ours", "units.gpkg")
    if not os.path.exists(units):  # not timed
        os.makedirs(os.path.dirname(units), exist_ok=True)
        run_alg("ecospace:units_generate", {
            "ADMIN": uri(path, "townships"), "ADMIN_CODE_FIELD": "XJDM", "ADMIN_NAME_FIELD": "XZQMC",
            "PRIORITY_LAYERS": [uri(path, n) for n in PRIORITY], "KEY_LAYERS": [uri(path, n) for n in KEY],
            "MIN_UNIT_AREA": MIN_UNIT_AREA, "OUTPUT": units}, dataobjects.createContext())
    ctx = QgsProcessingContext()
    ctx.setProject(QgsProject.instance())
    times = {"per_layer": [], "one_run": [], "chain": [], "extra": []}
    res = {"times": times, "errors": [], "counts": {}}
    runs = {"per_layer": lambda i: [siting_params(path, units, out, "{}{}".format(n, i), [n]) for n in SITES],
            "one_run": lambda i: [siting_params(path, units, out, "all{}".format(i), list(SITES))]}
    for i in range(args.repeat):
        for key, make in runs.items():
            total = 0.0
            for params in make(i):
                dt, result, err, _ = run_alg("ecospace:siting_check", params, dataobjects.createContext())
                total += dt
                if err:
                    res["errors"].append("{}: {}".format(key, err))
                elif key == "one_run":
                    res["counts"] = {k: result.get(k) for k in ("ERROR_COUNT", "WARNING_COUNT")}
            times[key].append(total)
        for key, steps in (("chain", siting_chain(path, units)), ("extra", siting_chain_extra(path))):
            times[key].append(sum(run_alg(alg, dict(params, OUTPUT="TEMPORARY_OUTPUT"), ctx)[0]
                                  for _, alg, params in steps))
        log("siting run {}: per layer {:.2f} s, one run {:.2f} s, chain {:.2f} s".format(
            i + 1, times["per_layer"][-1], times["one_run"][-1], times["chain"][-1]))
    return res


if __name__ == "__main__":
    main()
