"""Province benchmark: ecospace:redline_check against the plain QGIS chain and the I/O floor.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_redline.py            # full scale, 3 repeats
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_redline.py --scale 0.05 --repeat 1

Every phase (io, ours, chain, checkgeometry, probes) runs in its own child process (QGIS initialised once per phase), so
each phase reports its own peak RSS and a crash in one phase cannot take the others down. Results are
printed and written to bench/results/redline_<date>[_s<scale>].txt. See bench/README.md.
"""
import argparse
import datetime
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DATA = os.path.join(HERE, "data")
LAYERS = ("redline", "farmland", "urban_boundary", "protected_areas", "construction_land", "counties")
TOL = 0.01  # OVERLAP_TOLERANCE default, m²
CROSS_TOL = 1.0  # CROSS_COUNTY_TOLERANCE default, m²


# ====================================================================== orchestrator (no QGIS here)

def data_path(scale):
    tag = "" if scale == 1 else "_s" + str(scale).replace(".", "p")  # no dots: QGIS names sources up to the first dot
    return os.path.join(DATA, "province{}.gpkg".format(tag))


def ensure_data(scale, regen):
    path = data_path(scale)
    if regen or not os.path.exists(path):
        subprocess.run([sys.executable, os.path.join(HERE, "make_province.py"), "--scale", str(scale),
                        "--out", path], check=True)
    return path


def run_phase(phase, args, path, repeat, timeout, threads=None):
    """Run one phase in a child process; its last stdout line is a JSON result."""
    cmd = [sys.executable, os.path.abspath(__file__), "--worker", phase, "--data", path,
           "--repeat", str(repeat), "--chain-output", args.chain_output, "--scale", str(args.scale), "--tag", args.tag]
    if threads is not None:
        cmd += ["--threads-value", str(threads)]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"phase": phase, "failed": "timed out after {} s".format(timeout)}
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        return {"phase": phase, "failed": "exit code {}".format(proc.returncode)}
    res = json.loads(lines[-1])
    res["phase_wall_s"] = time.perf_counter() - t0
    return res


def results_path(scale, tag=""):
    """bench/results/redline_<date>[_s<scale>][_<tag>].txt"""
    parts = ["redline", datetime.date.today().isoformat()]
    if scale != 1:
        parts.append("s{}".format(scale))
    if tag:
        parts.append(tag)
    return os.path.join(HERE, "results", "_".join(parts) + ".txt")


def code_fingerprint():
    """md5 over the plugin's core/ and processing/ sources, so a result can be tied to a code state."""
    import glob
    import hashlib

    md5 = hashlib.md5()
    for path in sorted(glob.glob(os.path.join(REPO, "core", "*.py"))
                       + glob.glob(os.path.join(REPO, "processing", "**", "*.py"), recursive=True)):
        with open(path, "rb") as fh:
            md5.update(fh.read())
    return md5.hexdigest()[:12]


def machine_info():
    info = {"nproc": os.cpu_count(), "loadavg": os.getloadavg(), "python": platform.python_version(),
            "platform": platform.platform()}
    try:
        with open("/proc/cpuinfo") as fh:
            info["cpu"] = next(ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name"))
        with open("/proc/meminfo") as fh:
            info["ram_gib"] = round(int(fh.readline().split()[1]) / 2 ** 20, 1)
    except (OSError, StopIteration):
        pass
    return info


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=float, default=1.0, help="province size (1 = 100k red-line patches)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per timing (median reported)")
    ap.add_argument("--chain-repeat", type=int, help="runs of the QGIS chain (default: --repeat)")
    ap.add_argument("--phases", default="io,ours,memory,chain,checkgeometry,probes",
                    help="comma list of io,ours,ours_pair,memory,chain,checkgeometry,probes,threads (ours_pair: "
                         "ours on REDLINE and FARMLAND only, the checkgeometry chain's inputs; memory: ours with every "
                         "layer read whole into memory; checkgeometry: QGIS's native:checkgeometry* chain, skipped "
                         "with a note where QGIS has none; threads: ours with THREADS=1 and THREADS=--threads, "
                         "alternating)")
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1,
                    help="THREADS compared with 1 in the threads phase (default: the cores)")
    ap.add_argument("--threads-value", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--profile", action="store_true",
                    help="also run ours once under cProfile (saved next to the results)")
    ap.add_argument("--chain-output", default="memory", choices=["memory", "gpkg"],
                    help="where the chain writes: temporary layers (the GUI default) or GeoPackages")
    ap.add_argument("--tag", default="", help="suffix for the results file name")
    ap.add_argument("--regen", action="store_true", help="regenerate the province data first")
    ap.add_argument("--timeout", type=int, default=3600, help="seconds allowed per phase")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--data", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        return worker(args)

    if args.chain_output == "gpkg" and "chaingpkg" not in args.tag:
        args.tag = "_".join(filter(None, [args.tag, "chaingpkg"]))
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    t0 = time.perf_counter()
    path = ensure_data(args.scale, args.regen)
    results = {"machine": machine_info(), "scale": args.scale, "repeat": args.repeat, "data": path,
               "command": " ".join([os.path.relpath(sys.executable, REPO)] + sys.argv), "code": code_fingerprint()}
    truth = os.path.splitext(path)[0] + "_truth.json"
    if os.path.exists(truth):
        with open(truth, encoding="utf-8") as fh:
            results["truth"] = {k: v for k, v in json.load(fh).items() if not k.endswith("_fids")}
    for phase in args.phases.split(","):
        if phase == "threads":
            results["threads"] = run_threads(args, path)
            continue
        rep = args.chain_repeat or args.repeat if phase in ("chain", "checkgeometry") else args.repeat
        print("== phase {} ({}x)".format(phase, rep), file=sys.stderr, flush=True)
        results[phase] = run_phase(phase, args, path, 1 if phase == "probes" else rep, args.timeout)
    if args.profile:
        results["profile"] = run_phase("profile", args, path, 1, args.timeout)
    results["total_wall_s"] = time.perf_counter() - t0
    results["loadavg_end"] = os.getloadavg()
    text = render(results)
    print(text)
    out = results_path(args.scale, args.tag)
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(text + "\n\n# raw results (JSON)\n" + json.dumps(results, ensure_ascii=False, indent=1) + "\n")
    print("saved {}".format(os.path.relpath(out, REPO)))


# ---------------------------------------------------------------------- rendering

def run_threads(args, path):
    """ours with THREADS=1 and THREADS=args.threads, one run each in turn, each in its own child."""
    out = {1: [], args.threads: []}
    for _ in range(args.repeat):
        for threads in out:
            res = run_phase("ours", args, path, 1, args.timeout, threads=threads)
            if res.get("failed") or res.get("error"):
                return {"failed": res.get("failed") or res.get("error")}
            out[threads].append({"seconds": res["times"][0], "peak_rss_mib": res["peak_rss_mib"],
                                 "base_rss_mib": res["base_rss_mib"], "rules": res.get("rules", {}),
                                 "error_count": res.get("error_count")})
    return {str(k): v for k, v in out.items()}


def render_threads(t):
    if t.get("failed"):
        return ["THREADS: FAILED " + t["failed"]]
    (one, runs1), (many, runs_n) = list(t.items())
    lines = ["THREADS: ecospace:redline_check with THREADS=1 and THREADS={} (runs alternate, each in its "
             "own child)".format(many)]
    for label, runs in ((one, runs1), (many, runs_n)):
        lines.append("  THREADS={:>2}: {}  peak RSS {}".format(
            label, fmt_times([r["seconds"] for r in runs]),
            ", ".join("{:.0f} MiB".format(r["peak_rss_mib"]) for r in runs)))
    def same_rules(a, b):  # counts equal, area sums to 1e-9 (their order of summation differs)
        return a.keys() == b.keys() and all(a[k][0] == b[k][0] and abs(a[k][1] - b[k][1]) <= 1e-9 * abs(a[k][1])
                                             for k in a)
    same = all(same_rules(r["rules"], runs1[0]["rules"]) for r in runs1 + runs_n)
    lines.append("  THREADS=1 / THREADS={} = {:.2f}; findings per rule (count, area) {}".format(
        many, med([r["seconds"] for r in runs1]) / med([r["seconds"] for r in runs_n]),
        "identical" if same else "DIFFERENT"))
    return lines


def render_checkgeometry(c, our_rules):
    """Section (d): each step's time, CPU, peak RSS and findings beside our rule's count."""
    lines = [""]
    if c.get("failed") or c.get("skipped"):
        return lines + ["(d) QGIS's geometry checker chain: {} {}".format(
            "FAILED" if c.get("failed") else "skipped:", c.get("failed") or c["skipped"])]
    lines.append("(d) QGIS's geometry checker chain (native:checkgeometry* with UNIQUE_ID fid and the default "
                 "TOLERANCE; outputs temporary layers); step medians, then CPU, peak RSS during the step in "
                 "the first run (RSS before it), findings | ours:")
    for step in c["steps"]:
        rule = c["rules"].get(step)
        found = c["found"].get(step, "")
        if rule:
            n = our_rules.get(rule, (0, 0.0))[0] if our_rules else "?"
            found += " | ours {} {}".format(rule, n)
        lines.append("  {:34s} {}  CPU {:7.2f} s  peak {:5.0f} MiB ({:5.0f})  {}{}".format(
            step, fmt_times(c["times"][step]), med(c["cpu"][step]), c["peak_mib"][step][0],
            c["before_mib"][step][0], found, ("  " + c["notes"][step]) if c["notes"].get(step) else ""))
    lines.append("  {:34s} {}  CPU {:7.2f} s".format("TOTAL", fmt_times(c["total"]), med(c["total_cpu"])))
    lines.append("  peak RSS {:.0f} MiB{}".format(c["peak_rss_mib"], "" if c.get("step_peaks") else
                                                  " (this kernel cannot reset the peak: each step's is the "
                                                  "phase's so far)"))
    if c.get("error"):
        lines.append("  ERROR: " + c["error"])
    return lines


def med(times):
    return statistics.median(times) if times else float("nan")


def fmt_times(times):
    return "{:8.2f} s  (runs: {})".format(med(times), ", ".join("{:.2f}".format(t) for t in times))


def render(r):
    m = r["machine"]
    now = datetime.datetime.now().isoformat(" ", "seconds")
    lines = ["# ecospace:redline_check province benchmark — {}".format(now),
             "command: QT_QPA_PLATFORM=offscreen " + r["command"],
             "plugin code (md5 of core/*.py + processing/**/*.py): " + r.get("code", "?"),
             "machine: {} cores ({}), {} GiB RAM, {}; Python {}".format(m.get("nproc"), m.get("cpu"), m.get("ram_gib"),
                                                                      m.get("platform"), m.get("python"))]
    for ph in ("io", "ours", "chain", "checkgeometry", "probes"):
        if ph in r and "versions" in r[ph]:
            lines.append("versions: " + ", ".join("{} {}".format(k, v) for k, v in r[ph]["versions"].items()))
            break
    if "truth" in r:
        lines.append("data: {} (scale {}) counts {}".format(os.path.relpath(r["data"], REPO), r["scale"],
                                                            r["truth"].get("counts")))
    lines.append("load average (1/5/15 min) at start {} and end {} — other work on the machine skews timings".format(
        "/".join("{:.2f}".format(x) for x in m.get("loadavg", ())),
        "/".join("{:.2f}".format(x) for x in r.get("loadavg_end", ()))))
    lines.append("timings are medians of {} runs unless noted; peak RSS is per phase (child process)".format(
        r["repeat"]))
    io_floor = ours = chain = chain_all = None
    if "io" in r:
        io = r["io"]
        lines.append("")
        if io.get("failed"):
            lines.append("(c) I/O floor: FAILED " + io["failed"])
        else:
            lines.append("(c) I/O floor — geometry WKB of every feature of all 6 layers")
            lines.append("  QgsFeatureSource loop (setNoAttributes, geometry().asWkb()): "
                         + fmt_times(io["qgis_total"]))
            for k, v in io["qgis_layers"].items():
                lines.append("      {:18s} {:8.2f} s".format(k, med(v)))
            lines.append("  OGR bulk (Arrow stream; geometry + all attributes):          "
                         + fmt_times(io["ogr_total"]))
            lines.append("  + shapely.from_wkb of that WKB:                              "
                         + fmt_times(io["parse_total"]))
            lines.append("  peak RSS {:.0f} MiB".format(io["peak_rss_mib"]))
            io_floor = med(io["qgis_total"])
    if "ours" in r:
        o = r["ours"]
        lines.append("")
        if o.get("failed"):
            lines.append("(a) ecospace:redline_check: FAILED " + o["failed"])
        else:
            lines.append("(a) ecospace:redline_check (all inputs, OUTPUT + STATISTICS to GeoPackage; context = "
                         "processing's createContext(), invalid-geometry check {})".format(o["context_check"]))
            lines.append("  total: " + fmt_times(o["times"]))
            if o.get("cpu"):
                lines.append("  CPU:   " + fmt_times(o["cpu"]) + "  (process time, every thread)")
            if o.get("error"):
                lines.append("  ERROR: " + o["error"])
            files = any(FILES_READ in line for line in o.get("log", []))
            lines.append("  read: " + ("partition by partition from the GeoPackage tables (processing/partition_read)"
                                       if files else "every layer whole into memory"))
            lines.append("  ERROR_COUNT {}  WARNING_COUNT {}  findings {}  peak RSS {:.0f} MiB "
                         "(after QGIS init {:.0f} MiB)".format(
                o.get("error_count"), o.get("warning_count"), o.get("n_findings"), o["peak_rss_mib"],
                o["base_rss_mib"]))
            for rule, (n, a) in sorted(o.get("rules", {}).items()):
                lines.append("      {:22s} {:7d}  area {:14.1f} m²".format(rule, n, a))
            ours = med(o["times"]) if not o.get("error") else None
    if "ours_pair" in r:
        op = r["ours_pair"]
        lines.append("")
        lines.append("(a'') the same on REDLINE and FARMLAND only, the checkgeometry chain's inputs: " + (
            "FAILED " + (op.get("failed") or op.get("error")) if op.get("failed") or op.get("error") else
            fmt_times(op["times"]) + "  CPU " + fmt_times(op["cpu"]) + "  findings {}  peak RSS {:.0f} MiB".format(
                op.get("n_findings"), op["peak_rss_mib"])))
    memory = None
    if "memory" in r:
        mo = r["memory"]
        lines.append("")
        if mo.get("failed") or mo.get("error"):
            lines.append("(a') the same, every layer read whole into memory: FAILED "
                         + (mo.get("failed") or mo["error"]))
        else:
            memory = med(mo["times"])
            same = "ours" in r and mo.get("rules") == r["ours"].get("rules")
            lines.append("(a') the same, every layer read whole into memory (each source behind a feature limit "
                         "no layer reaches)")
            lines.append("  total: " + fmt_times(mo["times"]))
            lines.append("  findings {}  peak RSS {:.0f} MiB (after QGIS init {:.0f} MiB); findings per rule "
                         "(count, area) {} those of (a)".format(
                             mo.get("n_findings"), mo["peak_rss_mib"], mo["base_rss_mib"],
                             "equal to" if same else "DIFFER from"))
    if "chain" in r:
        c = r["chain"]
        lines.append("")
        if c.get("failed"):
            lines.append("(b) plain QGIS chain: FAILED " + c["failed"])
        else:
            lines.append("(b) plain QGIS chain (outputs: {}); step medians:".format(
                "temporary memory layers, the GUI default" if c["output"] == "memory" else "GeoPackage files"))
            for step in c["steps"]:
                t = c["times"][step]
                note = c["notes"].get(step, "")
                lines.append("  {:44s} {}{}".format(step, fmt_times(t), ("  " + note) if note else ""))
            lines.append("  {:44s} {}".format("TOTAL (steps named in the brief)", fmt_times(c["total"])))
            lines.append("  {:44s} {}".format("TOTAL + conflict layer + counties", fmt_times(c["total_all"])))
            lines.append("  peak RSS {:.0f} MiB".format(c["peak_rss_mib"]))
            chain, chain_all = med(c["total"]), med(c["total_all"])
    if "checkgeometry" in r:
        lines += render_checkgeometry(r["checkgeometry"], r.get("ours", {}).get("rules", {}))
    lines.append("")
    lines.append("ratios (medians):")
    if ours and chain:
        lines.append("  chain / ours          = {:.2f}   (chain + conflicts + counties / ours = {:.2f})".format(
            chain / ours, chain_all / ours))
    cg = r.get("checkgeometry", {})
    if ours and cg.get("total") and not cg.get("error"):
        lines.append("  checkgeometry chain / ours = {:.2f}   (CPU time: {:.2f})".format(
            med(cg["total"]) / ours, med(cg["total_cpu"]) / med(r["ours"]["cpu"]) if r["ours"].get("cpu")
            else float("nan")))
    pair = r.get("ours_pair", {})
    if pair.get("times") and cg.get("total") and not cg.get("error"):
        lines.append("  checkgeometry chain / ours on its inputs (REDLINE + FARMLAND) = {:.2f}   "
                     "(CPU time: {:.2f})".format(
            med(cg["total"]) / med(pair["times"]), med(cg["total_cpu"]) / med(pair["cpu"])))
    if ours and io_floor:
        lines.append("  ours / io_floor(QGIS) = {:.2f}   (ours / OGR bulk = {:.2f})".format(
            ours / io_floor, ours / med(r["io"]["ogr_total"])))
    if memory and io_floor:
        lines.append("  (a') in memory / io_floor(QGIS) = {:.2f}{}".format(
            memory / io_floor, "   chain / (a') = {:.2f}".format(chain / memory) if chain else ""))
    if "threads" in r:
        lines.append("")
        lines += render_threads(r["threads"])
    if "probes" in r and not r["probes"].get("failed"):
        lines.append("")
        lines.append("probes: the chain steps on the UNFIXED inputs (one run each)")
        for p in r["probes"]["probes"]:
            lines.append("  {:58s} {:8.2f} s  {}".format(p["name"], p["seconds"], p["outcome"]))
    if "ours" in r and "chain" in r and r["ours"].get("compare") and r["chain"].get("compare"):
        lines.append("")
        lines.append("findings: ours vs chain (pairs = (fid, other fid); areas planar, pieces > {} m²)".format(TOL))
        lines += compare(r["ours"]["compare"], r["chain"]["compare"])
    if r.get("profile") and not r["profile"].get("failed"):
        lines.append("")
        lines.append("profile of one run of ours ({:.2f} s under cProfile): {}".format(
            r["profile"]["seconds"], os.path.relpath(r["profile"]["saved"], REPO)))
    lines.append("")
    lines.append("whole benchmark wall time: {:.0f} s".format(r["total_wall_s"]))
    return "\n".join(lines)


def compare(ours, chain):
    out = []
    for key in ours:
        if key not in chain:
            continue
        a, b = ours[key], chain[key]
        if "pairs" in a and "pairs" in b:
            sa, sb = {tuple(p) for p in a["pairs"]}, {tuple(p) for p in b["pairs"]}
            out.append("  {:30s} ours {:7d} pieces {:14.1f} m² | chain {:7d} pieces {:14.1f} m² | "
                       "pairs: common {}, only ours {}, only chain {}".format(
                           key, a["n"], a["area"], b["n"], b["area"], len(sa & sb), len(sa - sb), len(sb - sa)))
            for label, diff in (("only ours", sorted(sa - sb)[:5]), ("only chain", sorted(sb - sa)[:5])):
                if diff:
                    out.append("      e.g. {}: {}".format(label, diff))
        else:
            out.append("  {:30s} ours {:7d} ({:14.1f} m²) | chain {:7d} ({:14.1f} m²)".format(
                key, a["n"], a.get("area", 0.0), b["n"], b.get("area", 0.0)))
    return out


# ====================================================================== worker (QGIS side)

THREADS = []  # the THREADS value of this child, when the parent set one
FILES_READ = "each part of the area reads only its own features"  # redline_check's log line for it


def worker(args):
    if args.threads_value:
        THREADS.append(args.threads_value)
    qgs = init_qgis()  # noqa: F841 (must stay alive)
    import shapely
    from osgeo import gdal
    from qgis.core import Qgis

    versions = {"QGIS": Qgis.QGIS_VERSION, "GDAL": gdal.__version__, "shapely": shapely.__version__,
                "GEOS (shapely)": ".".join(map(str, shapely.geos_version))}
    base_rss = rss_mib()
    phases = {"ours": phase_ours, "memory": phase_memory, "chain": phase_chain, "io": phase_io,
              "probes": phase_probes, "profile": phase_profile, "checkgeometry": phase_checkgeometry,
              "ours_pair": phase_ours_pair}
    res = phases[args.worker](args)
    res.update(phase=args.worker, versions=versions, base_rss_mib=base_rss,
               peak_rss_mib=max(rss_mib(), res.get("peak_rss_mib", 0)))  # checkgeometry resets the kernel's peak
    print(json.dumps(res, ensure_ascii=False), flush=True)
    sys.stderr.flush()
    os._exit(0)  # skip exitQgis(): tearing down with a Python provider alive can segfault, and costs time


def rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def init_qgis():
    from qgis.core import QgsApplication

    qgs = QgsApplication([], False)
    qgs.initQgis()
    sys.path.append("/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing

    Processing.initialize()
    return qgs


def uri(path, layer):
    return "{}|layername={}".format(path, layer)


class Feedback:
    """Lazily built QgsProcessingFeedback that keeps error messages (sink write failures etc.)."""

    @staticmethod
    def make(keep_info=False):
        from qgis.core import QgsProcessingFeedback

        class _Feedback(QgsProcessingFeedback):
            def __init__(self):
                super().__init__()
                self.errors, self.infos = [], []

            def reportError(self, error, fatalError=False):
                self.errors.append(error)

            def pushInfo(self, info):
                if keep_info:
                    self.infos.append(info)

        return _Feedback()


def context(check):
    """A QgsProcessingContext with the given invalid-geometry handling ('none', 'skip', 'abort')."""
    from qgis.core import QgsFeatureRequest, QgsProcessingContext

    ctx = QgsProcessingContext()
    ctx.setInvalidGeometryCheck({"none": QgsFeatureRequest.GeometryNoCheck,
                                 "skip": QgsFeatureRequest.GeometrySkipInvalid,
                                 "abort": QgsFeatureRequest.GeometryAbortOnInvalid}[check])
    return ctx


def run_alg(alg, params, ctx, keep_info=False):
    """processing.run, timed; returns (seconds, results or None, error text or None, feedback with cpu_s)."""
    import processing

    fb = Feedback.make(keep_info)
    t0, c0 = time.perf_counter(), time.process_time()
    try:
        out, err = processing.run(alg, params, context=ctx, feedback=fb), None
    except Exception as exc:  # QgsProcessingException and GEOS errors surface here
        out, err = None, str(exc).strip().splitlines()[-1][:300]
    fb.cpu_s = time.process_time() - c0  # every thread of the process
    return time.perf_counter() - t0, out, err, fb


def fresh_dir(name):
    path = os.path.join(DATA, name)
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


# ---------------------------------------------------------------------- (c) I/O floor

def phase_io(args):
    import numpy as np
    import shapely
    from osgeo import ogr
    from qgis.core import QgsFeatureRequest, QgsVectorLayer

    qgis_layers = {k: [] for k in LAYERS}
    qgis_total, ogr_total, parse_total = [], [], []
    for _ in range(args.repeat):
        tot = 0.0
        for name in LAYERS:
            lyr = QgsVectorLayer(uri(args.data, name), name, "ogr")
            t0 = time.perf_counter()
            for feat in lyr.getFeatures(QgsFeatureRequest().setNoAttributes()):
                feat.geometry().asWkb()
            dt = time.perf_counter() - t0
            qgis_layers[name].append(dt)
            tot += dt
        qgis_total.append(tot)
        t_read = t_parse = 0.0
        for name in LAYERS:
            t0 = time.perf_counter()
            ds = ogr.Open(args.data)
            lyr = ds.GetLayerByName(name)
            # all attribute fields come along: GDAL 3.6.2 hands back empty geometries when all are ignored
            chunks = [batch["geom"] for batch in lyr.GetArrowStreamAsNumPy(options=["INCLUDE_FID=NO"])]
            wkb = np.concatenate(chunks) if chunks else np.array([], dtype=object)
            t1 = time.perf_counter()
            shapely.from_wkb(wkb)
            t_read += t1 - t0
            t_parse += time.perf_counter() - t1
            ds = None
        ogr_total.append(t_read)
        parse_total.append(t_parse)
        log("io: qgis {:.2f} s, ogr {:.2f} s, parse {:.2f} s".format(tot, t_read, t_parse))
    return {"qgis_layers": qgis_layers, "qgis_total": qgis_total, "ogr_total": ogr_total, "parse_total": parse_total}


# ---------------------------------------------------------------------- (a) ours

def ours_params(path, out_dir, i):
    return {
        "REDLINE": uri(path, "redline"), "FARMLAND": uri(path, "farmland"),
        "URBAN_BOUNDARY": uri(path, "urban_boundary"), "PROTECTED_AREAS": uri(path, "protected_areas"),
        "CONFLICT_LAYERS": [uri(path, "construction_land")], "COUNTIES": uri(path, "counties"),
        **({"THREADS": THREADS[0]} if THREADS else {}),
        "COUNTY_CODE_FIELD": "XZQDM", "COUNTY_NAME_FIELD": "XZQMC",
        "OUTPUT": os.path.join(out_dir, "findings_{}.gpkg".format(i)),
        "STATISTICS": os.path.join(out_dir, "statistics_{}.gpkg".format(i)),
    }


def register_provider():
    """Import the plugin as package `ecospace` (like tests/conftest.py) and register its provider."""
    from qgis.core import QgsApplication

    pluginpath = os.path.join(REPO, ".build", "pluginpath")
    if not os.path.isdir(os.path.join(pluginpath, "ecospace")):
        pluginpath = os.path.join(DATA, "pluginpath")
        link = os.path.join(pluginpath, "ecospace")
        if not os.path.islink(link):
            os.makedirs(pluginpath, exist_ok=True)
            os.symlink(REPO, link)
    sys.path.insert(0, pluginpath)
    from ecospace.processing.provider import EcoSpaceProvider

    provider = EcoSpaceProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    return provider


def phase_memory(args):
    """ours with every layer read whole into memory: the single-layer sources behind a feature limit
    no layer reaches, which the partition-by-partition reading of the files does not take."""
    return phase_ours(args, memory=True)


def phase_ours_pair(args):
    """ours on the checkgeometry chain's inputs only (REDLINE and FARMLAND): the same work as that
    chain and more (attributes, areas), none of the other layers' checks."""
    return phase_ours(args, keep=("REDLINE", "FARMLAND", "OUTPUT", "STATISTICS", "THREADS"))


def phase_ours(args, memory=False, keep=None):
    from processing.tools import dataobjects
    from qgis.core import QgsApplication, QgsProcessingFeatureSourceDefinition

    provider = register_provider()  # keep a reference: the registry alone does not keep it alive here
    if QgsApplication.processingRegistry().algorithmById("ecospace:redline_check") is None:
        return {"failed": "ecospace:redline_check is not registered"}
    out_dir = fresh_dir("tmp_ours")
    times, cpu, res = [], [], {}
    for i in range(args.repeat):
        ctx = dataobjects.createContext()  # what the GUI, models and processing.run use
        params = ours_params(args.data, out_dir, i)
        if keep:
            params = {k: v for k, v in params.items() if k in keep}
        if memory:
            # (CONFLICT_LAYERS takes layers only; one narrowed source sends them all into memory)
            params = {k: QgsProcessingFeatureSourceDefinition(v, False, 10 ** 9) if isinstance(v, str) and "|" in v
                      else v for k, v in params.items()}
        dt, out, err, fb = run_alg("ecospace:redline_check", params, ctx, keep_info=True)
        times.append(dt)
        cpu.append(fb.cpu_s)
        log("ours run {}: {:.2f} s{}".format(i + 1, dt, " ERROR " + err if err else ""))
        if err:
            res["error"] = err
            break
        res.update(error_count=out.get("ERROR_COUNT"), warning_count=out.get("WARNING_COUNT"), log=fb.infos[-60:],
                   sink_errors=fb.errors[:20], output=out["OUTPUT"])
        if i < args.repeat - 1:
            os.remove(out["OUTPUT"])
    res.update(provider=provider.id(), times=times, cpu=cpu,
               context_check=int(dataobjects.createContext().invalidGeometryCheck()))
    if "output" in res:
        res.update(summarise_ours(res["output"]))
    return res


def phase_profile(args):
    """ours once under cProfile; the top of the cumulative listing goes next to the results."""
    import cProfile
    import io as _io
    import pstats

    from processing.tools import dataobjects

    provider = register_provider()  # noqa: F841 (keep alive)
    out_dir = fresh_dir("tmp_profile")
    prof = cProfile.Profile()
    prof.enable()
    dt, _, err, _ = run_alg("ecospace:redline_check", ours_params(args.data, out_dir, 0), dataobjects.createContext())
    prof.disable()
    buf = _io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(45)
    path = results_path(args.scale, "_".join(filter(None, [args.tag, "profile"])))
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("ecospace:redline_check under cProfile: {:.2f} s{}\n{}".format(dt, " ERROR " + err if err else "",
                                                                              buf.getvalue()))
    return {"seconds": dt, "saved": path}


def summarise_ours(path):
    """Per-rule counts/areas of our findings, and the same shapes as the chain comparison."""
    import numpy as np
    import shapely
    from osgeo import ogr

    ds = ogr.Open(path)  # keep the dataset referenced while its layer is used
    defn = ds.GetLayer(0).GetLayerDefn()
    # the findings' fid is written as 'feature_fid' when 'fid' is the GeoPackage's own FID column
    fid_field = "feature_fid" if defn.GetFieldIndex("feature_fid") >= 0 else "fid"
    g, f = read_ogr(path, None, ["rule", "layer", fid_field, "other_layer", "other_fid", "area_m2"])
    f["fid"] = f[fid_field]
    rule = f["rule"]
    planar = np.where(g == None, 0.0, shapely.area(g))  # noqa: E711
    rules = {r: (int((rule == r).sum()), float(np.nansum(f["area_m2"][rule == r].astype(float))))
             for r in np.unique(rule)}

    def pairs(r, flip=False):
        m = rule == r
        a, b = f["fid"][m].astype(int), f["other_fid"][m].astype(int)
        if flip:
            a, b = np.minimum(a, b), np.maximum(a, b)
        return {"n": int(m.sum()), "area": float(planar[m].sum()), "pairs": sorted(zip(a.tolist(), b.tolist()))}

    def count(r):
        m = rule == r
        return {"n": int(m.sum()), "area": float(planar[m].sum())}

    self_ovl = pairs("RL_SELF_OVERLAP", flip=True)
    dup = pairs("RL_DUPLICATE", flip=True)
    both = {"n": self_ovl["n"] + dup["n"], "area": self_ovl["area"] + dup["area"],
            "pairs": sorted(self_ovl["pairs"] + dup["pairs"])}
    invalid = {"n": int((rule == "RL_GEOM_INVALID").sum()), "area": 0.0}
    return {"n_findings": int(len(rule)), "rules": rules, "compare": {
        "invalid red-line patches": invalid,
        "RL x RL (overlap + duplicate)": both,
        "RL x FARMLAND": pairs("RL_OVERLAP_PBF"),
        "RL x URBAN": pairs("RL_OVERLAP_UDB"),
        "FARMLAND x URBAN": pairs("RL_OVERLAP_PBF_UDB"),
        "RL x construction_land": pairs("RL_CONFLICT"),
        "PA outside RL (pieces)": count("RL_PA_OUTSIDE"),
        "cross-county minority pieces": count("RL_CROSS_COUNTY"),
        "county code mismatches": count("RL_COUNTY_CODE"),
    }}


def read_ogr(path, layer, fields):
    """(geometries, {field: array}) of a layer, via OGR (for result checks, not timed)."""
    import numpy as np
    import shapely
    from osgeo import ogr

    ds = ogr.Open(path)
    lyr = ds.GetLayerByName(layer) if layer else ds.GetLayer(0)
    wkb, cols = [], {k: [] for k in fields}
    for feat in lyr:
        geom = feat.GetGeometryRef()
        wkb.append(bytes(geom.ExportToWkb()) if geom is not None else None)
        for k in fields:
            cols[k].append(feat.GetField(k))
    return shapely.from_wkb(np.array(wkb, dtype=object)), {k: np.array(v, dtype=object) for k, v in cols.items()}


# ---------------------------------------------------------------------- (b) the plain QGIS chain

def chain_steps(path):
    """(name, algorithm, params, invalid-geometry check, result key) in the order a technician runs them.

    '@key' in a parameter is the output of an earlier step; '>name' is an output destination."""
    rl, fl, ub = uri(path, "redline"), uri(path, "farmland"), uri(path, "urban_boundary")
    pa, cl, co = uri(path, "protected_areas"), uri(path, "construction_land"), uri(path, "counties")
    return [
        ("checkvalidity RL (GEOS)", "qgis:checkvalidity",
         {"INPUT_LAYER": rl, "METHOD": 2, "VALID_OUTPUT": ">rl_valid", "INVALID_OUTPUT": ">rl_invalid",
          "ERROR_OUTPUT": ">rl_errors"}, "none", "rl_invalid"),
        ("fixgeometries RL", "native:fixgeometries", {"INPUT": rl, "OUTPUT": ">rlf"}, "none", "rlf"),
        ("fixgeometries FARMLAND", "native:fixgeometries", {"INPUT": fl, "OUTPUT": ">flf"}, "none", "flf"),
        ("intersection RL x RL (self)", "native:intersection",
         {"INPUT": "@rlf", "OVERLAY": "@rlf", "OUTPUT": ">rl_x_rl"}, "skip", "rl_x_rl"),
        ("intersection RL x FARMLAND", "native:intersection",
         {"INPUT": "@rlf", "OVERLAY": "@flf", "OUTPUT": ">rl_x_fl"}, "skip", "rl_x_fl"),
        ("intersection RL x URBAN", "native:intersection",
         {"INPUT": "@rlf", "OVERLAY": ub, "OUTPUT": ">rl_x_ub"}, "skip", "rl_x_ub"),
        ("intersection FARMLAND x URBAN", "native:intersection",
         {"INPUT": "@flf", "OVERLAY": ub, "OUTPUT": ">fl_x_ub"}, "skip", "fl_x_ub"),
        ("difference PA - RL", "native:difference", {"INPUT": pa, "OVERLAY": "@rlf", "OUTPUT": ">pa_minus_rl"},
         "skip", "pa_minus_rl"),
        # beyond the brief's list, so that the chain covers what ours covers
        ("[extra] intersection RL x construction", "native:intersection",
         {"INPUT": "@rlf", "OVERLAY": cl, "OUTPUT": ">rl_x_cl"}, "skip", "rl_x_cl"),
        ("[extra] intersection RL x counties", "native:intersection",
         {"INPUT": "@rlf", "OVERLAY": co, "OUTPUT": ">rl_x_co"}, "skip", "rl_x_co"),
    ]


def resolve(params, refs, out_dir):
    """Fill '@key' with earlier outputs and '>name' with a destination (memory or a GeoPackage)."""
    res = {}
    for k, v in params.items():
        if isinstance(v, str) and v.startswith("@"):
            v = refs[v[1:]]
        elif isinstance(v, str) and v.startswith(">"):
            v = os.path.join(out_dir, v[1:] + ".gpkg") if out_dir else "TEMPORARY_OUTPUT"
        res[k] = v
    return res


def phase_chain(args):
    times, notes = {}, {}
    totals, totals_all = [], []
    steps = []
    for i in range(args.repeat):
        ctx = context("none")  # one context per run: it owns the temporary (memory) outputs
        out_dir = fresh_dir("tmp_chain") if args.chain_output == "gpkg" else None
        refs = {}
        tot = tot_all = 0.0
        for name, alg, params, check, key in chain_steps(args.data):
            ctx.setInvalidGeometryCheck(context(check).invalidGeometryCheck())
            dt, out, err, fb = run_alg(alg, resolve(params, refs, out_dir), ctx)
            if out:
                refs[key] = out["INVALID_OUTPUT" if alg == "qgis:checkvalidity" else "OUTPUT"]
            if i == 0:
                steps.append(name)
            times.setdefault(name, []).append(dt)
            tot_all += dt
            tot += 0 if name.startswith("[extra]") else dt
            note = "context={}".format(check)
            if err:
                note += " FAILED: " + err
            if fb.errors:
                note += " ({} feedback errors, first: {})".format(len(fb.errors), fb.errors[0][:160])
            notes[name] = note
            log("chain {} {:40s} {:7.2f} s {}".format(i + 1, name, dt, note))
        totals.append(tot)
        totals_all.append(tot_all)
        if i == args.repeat - 1:
            compare = summarise_chain(refs, ctx, args.chain_output == "memory")
        del ctx, refs
    return {"steps": steps, "times": times, "notes": notes, "total": totals, "total_all": totals_all,
            "output": args.chain_output, "compare": compare}


def read_any(ref, ctx, fields):
    """(geometries, {field: array}) of a chain output: a GeoPackage path or a memory layer id."""
    import numpy as np
    import shapely
    from qgis.core import QgsProcessingUtils

    if isinstance(ref, str) and os.path.exists(ref):
        return read_ogr(ref, None, fields)
    # processing.run hands temporary outputs back as layer objects (taken out of the context)
    lyr = ref if not isinstance(ref, str) else QgsProcessingUtils.mapLayerFromString(ref, ctx)
    wkb, cols = [], {k: [] for k in fields}
    for feat in lyr.getFeatures():
        geom = feat.geometry()
        wkb.append(None if geom.isNull() else bytes(geom.asWkb()))
        for k in fields:
            cols[k].append(feat[k])
    return shapely.from_wkb(np.array(wkb, dtype=object)), {k: np.array(v, dtype=object) for k, v in cols.items()}


def pair_stats(ref, ctx, with_pairs, self_pairs=False):
    """Pieces > TOL of an intersection output; (fid, fid_2) pairs when the input fid survived."""
    import shapely

    g, f = read_any(ref, ctx, ["fid", "fid_2"] if with_pairs else [])
    area = shapely.area(g)
    keep = area > TOL
    if not with_pairs:
        return {"n": int(keep.sum()), "area": float(area[keep].sum())}
    fa, fb = f["fid"].astype(int), f["fid_2"].astype(int)
    if self_pairs:
        keep &= fa < fb
    return {"n": int(keep.sum()), "area": float(area[keep].sum()),
            "pairs": sorted(zip(fa[keep].tolist(), fb[keep].tolist()))}


def summarise_chain(refs, ctx, with_pairs):
    """Turn the chain's outputs into the same counts as our findings (not timed).

    With GeoPackage outputs the red line's own fid does not survive native:intersection (the
    output's FID column takes its name), so only counts and areas are compared then."""
    res = {}
    if "rl_invalid" in refs:
        g, _ = read_any(refs["rl_invalid"], ctx, [])
        res["invalid red-line patches"] = {"n": int(len(g)), "area": 0.0}
    for key, name, self_pairs in (("RL x RL (overlap + duplicate)", "rl_x_rl", True),
                                  ("RL x FARMLAND", "rl_x_fl", False), ("RL x URBAN", "rl_x_ub", False),
                                  ("FARMLAND x URBAN", "fl_x_ub", False),
                                  ("RL x construction_land", "rl_x_cl", False)):
        if name in refs:
            if self_pairs and not with_pairs:
                continue  # self pieces cannot be told from overlaps without the fid
            res[key] = pair_stats(refs[name], ctx, with_pairs, self_pairs)
    if "pa_minus_rl" in refs:
        res["PA outside RL (pieces)"] = outside_pieces(refs["pa_minus_rl"], ctx)
    if "rl_x_co" in refs and with_pairs:
        res.update(county_stats(refs["rl_x_co"], ctx))
    return res


def outside_pieces(ref, ctx):
    """Connected pieces > TOL of a difference output (ours reports one finding per piece)."""
    import shapely

    g, _ = read_any(ref, ctx, [])
    parts = shapely.get_parts(g[g != None])  # noqa: E711
    a = shapely.area(parts)
    return {"n": int((a > TOL).sum()), "area": float(a[a > TOL].sum())}


def county_stats(ref, ctx):
    """Majority county per patch from RL x counties: minority pieces > 1 m² and code mismatches."""
    import numpy as np
    import shapely

    g, f = read_any(ref, ctx, ["fid", "XZQDM", "XZQDM_2"])
    area = shapely.area(g)
    fid = f["fid"].astype(int)
    order = np.lexsort((-area, fid))  # per patch, largest piece first
    fid, area, code, cty = fid[order], area[order], f["XZQDM"][order], f["XZQDM_2"][order]
    first = np.r_[True, fid[1:] != fid[:-1]]
    minority = ~first & (area > CROSS_TOL)
    patch_area = np.add.reduceat(area, np.flatnonzero(first))[np.cumsum(first) - 1]  # our finding = whole patch
    blank = np.array([c is None or str(c).strip() == "" for c in code])  # those are RL_ATTR_EMPTY
    mismatch = first & (code != cty) & ~blank
    return {"cross-county minority pieces": {"n": int(minority.sum()), "area": float(area[minority].sum())},
            "county code mismatches": {"n": int(mismatch.sum()), "area": float(patch_area[mismatch].sum())}}


# ---------------------------------------------------------------------- (d) QGIS's geometry checker chain

MIN_AREA = 200.0  # MIN_PART_AREA default, m²


def checkgeometry_steps(path):
    """QGIS's own checker (native:checkgeometry*, QGIS 3.44) for the red-line checks ours makes, then
    fixgeometries and the intersection with farmland: (name, algorithm, params, invalid-geometry check,
    result key, our rule beside it). Self-intersection looks at the red line as it is, the other checks
    at its fixed copy (the overlap check skips invalid geometries), as a technician runs them after
    fixing; each writes its ERRORS, the GUI default (OUTPUT is optional and off)."""
    rl, fl = uri(path, "redline"), uri(path, "farmland")

    def check(kind, source, rule, **extra):
        params = dict(INPUT=source, UNIQUE_ID="fid", ERRORS=">" + kind, **extra)
        return "checkgeometry{} RL".format(kind), "native:checkgeometry" + kind, params, "none", kind, rule

    return [
        check("selfintersection", rl, "RL_GEOM_INVALID"),
        ("fixgeometries RL", "native:fixgeometries", {"INPUT": rl, "OUTPUT": ">rlf"}, "none", "rlf", None),
        check("overlap", "@rlf", "RL_SELF_OVERLAP"),  # MIN_OVERLAP_AREA is a maximum; 0 reports all
        check("duplicate", "@rlf", "RL_DUPLICATE"),
        check("hole", "@rlf", "RL_HOLE"),
        check("area", "@rlf", "RL_FRAGMENT", AREATHRESHOLD=MIN_AREA),
        check("sliverpolygon", "@rlf", "RL_SLIVER"),  # QGIS's thinness (default 20), not our 4πA/P²
        ("fixgeometries FARMLAND", "native:fixgeometries", {"INPUT": fl, "OUTPUT": ">flf"}, "none", "flf", None),
        ("intersection RL x FARMLAND", "native:intersection",
         {"INPUT": "@rlf", "OVERLAY": "@flf", "OUTPUT": ">rl_x_fl"}, "skip", "rl_x_fl", "RL_OVERLAP_PBF"),
    ]


def reset_peak_rss():
    """Start a new peak-RSS window: writing 5 to /proc/self/clear_refs resets VmHWM (Linux >= 4.0)."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def vm_mib(key):
    """VmRSS or VmHWM of this process from /proc/self/status, MiB."""
    with open("/proc/self/status") as fh:
        return next(int(ln.split()[1]) for ln in fh if ln.startswith(key + ":")) / 1024.0


def found_in(alg, out, ctx):
    """What a step found (not timed): errors and the red-line patches they name; pieces for an intersection."""
    from qgis.core import QgsProcessingUtils

    if alg == "native:intersection":
        st = pair_stats(out["OUTPUT"], ctx, True)
        return "{} pieces > {} m²".format(st["n"], TOL)
    ref = out.get("ERRORS")
    lyr = ref if not isinstance(ref, str) else QgsProcessingUtils.mapLayerFromString(ref, ctx)
    if lyr is None:
        return ""
    fids = {f["fid"] for f in lyr.getFeatures()} if lyr.fields().indexOf("fid") >= 0 else set()
    return "{} errors on {} patches".format(lyr.featureCount(), len(fids))


def phase_checkgeometry(args):
    from qgis.core import Qgis, QgsApplication

    steps = checkgeometry_steps(args.data)
    registry = QgsApplication.processingRegistry()
    missing = sorted({alg for _, alg, *_ in steps if registry.algorithmById(alg) is None})
    if missing:
        return {"skipped": "QGIS {} has no {}".format(Qgis.QGIS_VERSION, ", ".join(missing))}
    times, cpu, peak, before, notes, found = {}, {}, {}, {}, {}, {}
    totals, totals_cpu, phase_peak, res = [], [], rss_mib(), {}
    for i in range(args.repeat):
        ctx = context("none")  # one context per run: it owns the temporary (memory) outputs
        refs, tot, tot_cpu = {}, 0.0, 0.0
        for name, alg, params, check, key, _ in steps:
            try:
                params = resolve(params, refs, None)
            except KeyError as exc:  # an earlier step failed
                notes[name] = "not run: no output of {}".format(exc)
                continue
            ctx.setInvalidGeometryCheck(context(check).invalidGeometryCheck())
            before.setdefault(name, []).append(vm_mib("VmRSS"))
            res["step_peaks"] = reset_peak_rss()
            dt, out, err, fb = run_alg(alg, params, ctx)
            peak.setdefault(name, []).append(vm_mib("VmHWM"))
            phase_peak = max(phase_peak, peak[name][-1])
            times.setdefault(name, []).append(dt)
            cpu.setdefault(name, []).append(fb.cpu_s)
            tot, tot_cpu = tot + dt, tot_cpu + fb.cpu_s
            if out:
                refs[key] = out["ERRORS" if "ERRORS" in params else "OUTPUT"]
            notes[name] = "context={}".format(check) + (" FAILED: " + err if err else "") + (
                " ({} feedback errors, first: {})".format(len(fb.errors), fb.errors[0][:160]) if fb.errors else "")
            if err:
                res["error"] = "{}: {}".format(name, err)
            if out and i == args.repeat - 1:
                found[name] = found_in(alg, out, ctx)
            log("checkgeometry {} {:34s} {:7.2f} s {:7.2f} CPU-s peak {:.0f} MiB {}".format(
                i + 1, name, dt, fb.cpu_s, peak[name][-1], notes[name]))
        totals.append(tot)
        totals_cpu.append(tot_cpu)
        del ctx, refs
    return dict(res, steps=[s[0] for s in steps if s[0] in times], times=times, cpu=cpu, peak_mib=peak,
                before_mib=before, notes=notes, found=found, rules={s[0]: s[5] for s in steps if s[5]},
                total=totals, total_cpu=totals_cpu, peak_rss_mib=phase_peak)


# ---------------------------------------------------------------------- probes: the chain without fixing

def phase_probes(args):
    rl, fl, ub = uri(args.data, "redline"), uri(args.data, "farmland"), uri(args.data, "urban_boundary")
    pa = uri(args.data, "protected_areas")
    probes = [
        ("intersection RL x FARMLAND, unfixed, context=abort (GUI)", "native:intersection",
         {"INPUT": rl, "OVERLAY": fl}, "abort"),
        ("intersection RL x FARMLAND, unfixed, context=none", "native:intersection",
         {"INPUT": rl, "OVERLAY": fl}, "none"),
        ("intersection RL x FARMLAND, unfixed, context=skip", "native:intersection",
         {"INPUT": rl, "OVERLAY": fl}, "skip"),
        ("intersection FARMLAND x URBAN, unfixed, context=none", "native:intersection",
         {"INPUT": fl, "OVERLAY": ub}, "none"),
        ("difference PA - RL, unfixed, context=none", "native:difference", {"INPUT": pa, "OVERLAY": rl}, "none"),
        ("intersection RL x RL, unfixed, context=none", "native:intersection", {"INPUT": rl, "OVERLAY": rl}, "none"),
    ]
    res = []
    for name, alg, params, check in probes:
        ctx = context(check)
        dt, result, err, fb = run_alg(alg, dict(params, OUTPUT="TEMPORARY_OUTPUT"), ctx)
        if err:
            outcome = "ABORTED: " + err
        elif alg == "native:intersection":
            self_pairs = params["INPUT"] == params["OVERLAY"]
            st = pair_stats(result["OUTPUT"], ctx, True, self_pairs)
            outcome = "completed, {} pieces > {} m², {:.1f} m²".format(st["n"], TOL, st["area"])
        else:
            st = outside_pieces(result["OUTPUT"], ctx)
            outcome = "completed, {} PA pieces outside > {} m², {:.1f} m²".format(st["n"], TOL, st["area"])
        if fb.errors:
            outcome += "; {} feedback errors, first: {}".format(len(fb.errors), fb.errors[0][:160])
        log("probe {:58s} {:7.2f} s {}".format(name, dt, outcome))
        res.append({"name": name, "seconds": dt, "outcome": outcome})
        del ctx
    return {"probes": res}


if __name__ == "__main__":
    main()
