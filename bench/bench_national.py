"""A country of several synthetic provinces, checked by the batch (tools/batch.sh) on a LocalCluster
whose workers are each capped well below what one process needs for the whole country (issue 14).

    .venv/bin/python bench/bench_national.py                     # 8 full provinces: ~15 min here (bench/README.md)
    .venv/bin/python bench/bench_national.py --provinces 4 --scale 0.25 --tag quick     # under a minute
    .venv/bin/python bench/bench_national.py --provinces 4 --scale 0.25 --driver-before 3fb9ed5

Phases, each in its own child process (its own peak RSS):
  make       bench/data/country_<n>x<scale>.gpkg (once; --regen to redo): province k is
             make_province.generate(scale, seed + k), placed k × (side + 20 km) north of the first, its codes
             (BSM, XZQDM, county codes) starting with its own province code 61 + k, so that no code repeats
             across provinces; written province by province;
  single     the batch in one process and one cell (--no-dask --workers 1 --cells 1): the memory and time
             one process needs for the whole country;
  capped     the same under the cluster's total memory (--workers × the worker cap), watched: killed when
             its resident memory passes that total;
  cluster    the batch on a LocalCluster of --workers workers, each capped at --cap × the single process's
             peak RSS, the partitions sized to fit (core.partition.cells_for_budget);
  provinces  check_redline on each province alone, read back from the country file: the reference.
With --driver-before REV: the batch of git revision REV (its tools/ and core/) and HEAD's, one after
the other on the same country and cluster: the driver's time outside the partitions and its peak memory.
Writes bench/results/national_<date>[_<tag>].txt: times, peak memory per worker, whether the findings
equal the per-province runs (every rule, layer, fid, other fid; areas to 1e-9), the measured cost per
partition and, on paper, the wall time for national data on 8, 32 and 128 workers.
"""
import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DATA = os.path.join(HERE, "data")
GAP = 20_000.0  # m between provinces: nothing of one reaches another
# national data, for the estimate on paper: ~3.19 million km² of red line (DOMAIN 2) in patches of the
# synthetic province's density, and farmland etc. in the same proportion to the red line
NATIONAL_REDLINE_PATCHES = 30_000_000
ACTIVITY_DATA = os.path.join(DATA, "reserves_province.gpkg")  # bench_reserves.py's province, scale 1
ACTIVITIES = ("activity_points", "activity_polygons")


def country_path(n, scale):
    return os.path.join(DATA, "country_{}x{}.gpkg".format(n, str(scale).replace(".", "p")))


def child(phase, args, extra=()):
    """Run a phase in a child process; its last stdout line is JSON."""
    cmd = [sys.executable, os.path.abspath(__file__), "--phase", phase, "--provinces", str(args.provinces),
           "--scale", str(args.scale), "--seed", str(args.seed)] + list(extra)
    t0 = time.perf_counter()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, timeout=args.timeout, env=env)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise SystemExit("phase {} failed (exit {})".format(phase, proc.returncode))
    out = json.loads(lines[-1])
    out["wall_s"] = time.perf_counter() - t0
    return out


def redline_params(path, tag):
    layers = {"REDLINE": "redline", "FARMLAND": "farmland", "URBAN_BOUNDARY": "urban_boundary",
              "PROTECTED_AREAS": "protected_areas", "CONFLICT_LAYERS": "construction_land",
              "COUNTIES": "counties"}
    params = ["{}={}|layername={}".format(k, path, v) for k, v in layers.items()]
    return params + ["COUNTY_CODE_FIELD=XZQDM", "COUNTY_NAME_FIELD=XZQMC",
                     "OUTPUT=" + os.path.join(DATA, "national_{}_findings.gpkg".format(tag))]


def activity_params(path, activities, folder):
    src = lambda name: "{}|layername={}".format(path, name)  # noqa: E731
    return ["ACTIVITIES=" + src(activities), "RESERVES=" + src("reserves"), "ZONES=" + src("zones"),
            "REDLINE=" + src("redline"), "OUTPUT=" + os.path.join(folder, activities + ".gpkg"),
            "SUMMARY=" + os.path.join(folder, activities + "_summary.gpkg")]


def batch(args, path, *options, root=REPO, watch_mib=None, algorithm="redline_check", params=None):
    """The batch's JSON results (`root`: the checkout whose tools/batch.sh runs; redline_check on the
    country at `path` unless `params` are given); with `watch_mib`, killed when its resident memory
    passes that many MiB: {"killed_s", "rss_mib"} instead."""
    tag = "_".join(o.strip("-") for o in options[:1]) or "run"
    params = params if params is not None else redline_params(path, tag)
    cmd = ["bash", os.path.join(root, "tools", "batch.sh"), algorithm, "--"] + params + list(options) + ["--json"]
    env = dict(os.environ, ECOSPACE_PYTHON=sys.executable)
    t0 = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, text=True, env=env)
        peak = _watch(proc, watch_mib, t0 + args.timeout)
        if peak is not None:
            return {"killed_s": time.perf_counter() - t0, "rss_mib": peak}
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise SystemExit("batch failed: " + err.read()[-2000:])
        result = json.loads(out.read().strip().splitlines()[-1])
    result["wall_s"] = time.perf_counter() - t0
    return result


def _watch(proc, limit_mib, deadline):
    """Wait for `proc`; with a limit, poll its resident memory and kill it past the limit: the RSS
    (MiB) it had then, or None when it finished."""
    while proc.poll() is None:
        if time.perf_counter() > deadline:
            proc.kill()
            raise SystemExit("batch: timed out")
        rss = _rss_mib(proc.pid)
        if limit_mib and rss > limit_mib:
            proc.kill()
            proc.wait()
            return rss
        time.sleep(0.1)
    return None


def _rss_mib(pid):
    try:
        with open("/proc/{}/status".format(pid), encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return 0.0


def checkout_of(rev):
    """tools/ and core/ of git revision `rev` in a temporary folder (its batch runs from there)."""
    folder = tempfile.mkdtemp(prefix="ecospace_rev_")
    archive = subprocess.run(["git", "-C", REPO, "archive", rev, "tools", "core"], stdout=subprocess.PIPE, check=True)
    subprocess.run(["tar", "-x", "-C", folder], input=archive.stdout, check=True)
    return folder


# --- phases (children) ----------------------------------------------------------------------

def phase_make(args):
    """The country file, province by province (one province's layers in memory at a time)."""
    import numpy as np
    from osgeo import ogr

    sys.path.insert(0, HERE)
    import make_province as mp

    path = country_path(args.provinces, args.scale)
    partial = path[:-len(".gpkg")] + "_partial.gpkg"  # renamed when complete: an interrupted run starts again
    side = mp.FULL_SIDE * np.sqrt(args.scale)
    y_first = mp.Y0
    rects, counts = [], {}
    t0 = time.perf_counter()
    t_gen = 0.0
    for k in range(args.provinces):
        mp.Y0 = y_first + k * (side + GAP)
        t1 = time.perf_counter()
        layers, _ = mp.generate(args.scale, args.seed + k)
        t_gen += time.perf_counter() - t1
        code = "{:02d}".format(61 + k)
        recode = np.vectorize(lambda v, c=code: c + v[2:] if isinstance(v, str) and v.startswith("61") else v,
                              otypes=[object])
        layers = {name: (geoms, {f: (t, recode(v) if f in ("BSM", "XZQDM") and len(v) else v)
                                 for f, (t, v) in fields.items()}, gtype)
                  for name, (geoms, fields, gtype) in layers.items()}
        if k == 0:
            mp.write(partial, layers)
        else:
            ds = ogr.Open(partial, 1)
            for name, (geoms, fields, _) in layers.items():
                append_layer(ds.GetLayerByName(name), geoms, fields)
            ds = None
        for name, layer in layers.items():
            counts[name] = counts.get(name, 0) + len(layer[0])
        rects.append((mp.X0 - side / 2 - GAP / 4, mp.Y0 - side / 2 - GAP / 4,
                      mp.X0 + side / 2 + GAP / 4, mp.Y0 + side / 2 + GAP / 4))
    os.replace(partial, path)
    with open(os.path.splitext(path)[0] + "_provinces.json", "w", encoding="utf-8") as fh:
        json.dump({"rects": rects, "counts": counts}, fh)
    return {"path": path, "counts": counts, "generate_s": t_gen, "write_s": time.perf_counter() - t0 - t_gen}


def append_layer(layer, geoms, fields):
    """Rows appended to an existing table, as make_province.write_layer writes them."""
    import shapely
    from osgeo import ogr

    defn = layer.GetLayerDefn()
    cols = [(defn.GetFieldIndex(k), v) for k, (_, v) in fields.items()]
    wkb = shapely.to_wkb(geoms)
    layer.StartTransaction()
    for i in range(len(wkb)):  # bench data, written once
        feat = ogr.Feature(defn)
        for j, vals in cols:
            feat.SetField(j, vals[i].item() if hasattr(vals[i], "item") else vals[i])
        feat.SetGeometryDirectly(ogr.CreateGeometryFromWkb(wkb[i]))
        layer.CreateFeature(feat)
    layer.CommitTransaction()


def phase_provinces(args):
    """check_redline on each province alone: its findings as (key, area) rows."""
    import numpy as np

    sys.path.insert(0, REPO)
    from core.gpkg_source import GpkgSource, measurer_for_wkt
    from core.redline import RedlineParams, check_redline

    path = country_path(args.provinces, args.scale)
    with open(os.path.splitext(path)[0] + "_provinces.json", encoding="utf-8") as fh:
        rects = json.load(fh)["rects"]
    names = {"redline": "REDLINE", "farmland": "FARMLAND", "urban_boundary": "URBAN_BOUNDARY",
             "protected_areas": "PROTECTED_AREAS", "construction_land": "construction_land",
             "counties": "COUNTIES"}
    sources = {t: GpkgSource(path, t, n) for t, n in names.items()}
    measure = measurer_for_wkt(sources["redline"].srs_wkt)
    fields = {"redline": ["BSM", "XZQDM", "MJ"], "counties": ["XZQDM", "XZQMC"]}
    rows, seconds = [], []
    for k, rect in enumerate(rects):
        t0 = time.perf_counter()
        layers = {}
        for table, src in sources.items():
            read = src.read(rect, fields.get(table, []))
            if k == 0:  # features without an envelope: once
                extra = src.read(None, fields.get(table, []))
                if len(extra.layer):
                    read = _join(read, extra)
            layers[table] = read.layer
        result = check_redline(layers["redline"], farmland=layers["farmland"], urban=layers["urban_boundary"],
                               protected=layers["protected_areas"], conflicts=[layers["construction_land"]],
                               counties=layers["counties"], county_code_field="XZQDM", county_name_field="XZQMC",
                               params=RedlineParams(), measure=measure)
        t = result.findings.table(measure)
        for i in range(len(t["rule"])):
            rows.append([t["rule"][i], t["layer"][i], _int(t["fid"][i]), t["other_layer"][i],
                         _int(t["other_fid"][i]), None if np.isnan(t["area_m2"][i]) else float(t["area_m2"][i])])
        seconds.append(time.perf_counter() - t0)
    return {"rows": rows, "seconds": seconds}


def phase_activity(args):
    """processing.run("ecospace:human_activity") on bench_reserves.py's province (points, patches):
    findings rows, summary rows and seconds."""
    sys.path.insert(0, HERE)
    import bench_reserves as br

    if not os.path.exists(ACTIVITY_DATA):
        br.make_data(ACTIVITY_DATA, 1.0)
    link = os.path.join(REPO, ".build", "pluginpath", "ecospace")  # the plugin under its name (a fresh clone)
    if not os.path.exists(link):
        os.makedirs(os.path.dirname(link), exist_ok=True)
        os.symlink(REPO, link)
    app, provider = br.init_qgis()  # both kept alive while processing runs
    import processing

    folder = tempfile.mkdtemp(prefix="ecospace_activity_")
    out = {}
    for acts in ACTIVITIES:
        params = dict(p.split("=", 1) for p in activity_params(ACTIVITY_DATA, acts, folder))
        t0 = time.perf_counter()
        result = processing.run("ecospace:human_activity", params)
        out[acts] = {"rows": read_findings(result["OUTPUT"]), "summary": read_summary(result["SUMMARY"]),
                     "seconds": time.perf_counter() - t0}
    shutil.rmtree(folder, ignore_errors=True)
    return out


def read_summary(gpkg):
    from osgeo import ogr

    ds = ogr.Open(gpkg)
    return [[f.GetField(k) for k in ("reserve_id", "reserve_fid", "zone", "type", "count", "area_m2")]
            for f in ds.GetLayer(0)]


def same_summary(a, b):
    key = lambda r: tuple(r[:4])  # noqa: E731
    a, b = sorted(a, key=key), sorted(b, key=key)
    return len(a) == len(b) and all(x[:5] == y[:5] and abs(x[5] - y[5]) <= 1e-9 * max(abs(x[5]), 1.0)
                                    for x, y in zip(a, b))


def activity_runs(args):
    """human_activity on bench_reserves' province: processing.run, and the batch as it chooses (threads
    here: a small input) and on a LocalCluster (--cluster)."""
    reference = child("activity", args)
    folder = tempfile.mkdtemp(prefix="ecospace_activity_batch_")
    out = {}
    cells = ("--cells", str(args.activity_cells)) if args.activity_cells else ()  # default: the batch's
    try:
        for acts in ACTIVITIES:
            ref = reference[acts]
            for how, more in (("", ()), (" --cluster", ("--cluster",))):
                run = batch(args, None, "--workers", str(args.workers), *cells, *more, "--lang", "en",
                            algorithm="human_activity", params=activity_params(ACTIVITY_DATA, acts, folder))
                out[acts + how] = {"batch": run, "processing_s": ref["seconds"],
                                   "findings": same_findings(read_findings(run["OUTPUT"]), ref["rows"]),
                                   "summary": same_summary(read_summary(run["SUMMARY"]), ref["summary"])}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return out


def _join(a, b):
    import numpy as np
    from core.layer import Layer
    from core.partition import Read

    la, lb = a.layer, b.layer
    layer = Layer(la.name, np.concatenate([la.geoms, lb.geoms]), np.concatenate([la.fids, lb.fids]),
                  {f: np.concatenate([la.attrs[f], lb.attrs[f]]) for f in la.attrs},
                  np.concatenate([la.problems, lb.problems]))
    return Read(layer, np.concatenate([a.env, b.env]), np.concatenate([a.order, b.order]))


def _int(v):
    return None if v != v else int(v)


def read_findings(gpkg):
    from osgeo import ogr

    ds = ogr.Open(gpkg)
    rows = []
    for f in ds.GetLayer(0):
        rows.append([f.GetField("rule"), f.GetField("layer"), f.GetField("feature_fid"), f.GetField("other_layer"),
                     f.GetField("other_fid"), f.GetField("area_m2")])
    return rows


def same_findings(a, b):
    """(equal, text): the same (rule, layer, fid, other layer, other fid) rows, areas to 1e-9."""
    def keyed(rows):
        out = {}
        for r in rows:
            out.setdefault(tuple(r[:5]), []).append(r[5])
        return {k: sorted(v, key=lambda x: (x is None, x)) for k, v in out.items()}
    ka, kb = keyed(a), keyed(b)
    if set(ka) != set(kb):
        return False, "keys differ: {} only in the cluster run, {} only in the province runs".format(
            len(set(ka) - set(kb)), len(set(kb) - set(ka)))
    for k in ka:
        if len(ka[k]) != len(kb[k]):
            return False, "{}: {} vs {} findings".format(k, len(ka[k]), len(kb[k]))
        for x, y in zip(ka[k], kb[k]):
            if (x is None) != (y is None) or (x is not None and abs(x - y) > 1e-9 * max(abs(x), abs(y), 1e-12)):
                return False, "{}: area {} vs {}".format(k, x, y)
    return True, "{} findings, every key and area equal".format(len(a))


# --- main -------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--provinces", type=int, default=8)
    ap.add_argument("--scale", type=float, default=1.0, help="of each province (1 = 100k red-line patches)")
    ap.add_argument("--seed", type=int, default=20241124)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--cap", type=float, default=0.3, help="worker memory limit / the single process's peak")
    ap.add_argument("--driver-before", metavar="REV", help="compare the driver with git revision REV's batch")
    ap.add_argument("--regen", action="store_true")
    ap.add_argument("--tag", default="")
    ap.add_argument("--timeout", type=int, default=3600)
    ap.add_argument("--activity-cells", type=int, help="human_activity's partitions (default: the batch's choice)")
    ap.add_argument("--activity-only", action="store_true", help="only the human_activity comparison")
    ap.add_argument("--phase", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.phase:
        result = {"make": phase_make, "provinces": phase_provinces, "activity": phase_activity}[args.phase](args)
        import resource

        result["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
        print(json.dumps(result, ensure_ascii=False))
        return

    if args.activity_only:
        load = os.getloadavg()
        runs = activity_runs(args)
        text = render_activity(args, runs) + "\nload average {:.2f} at the start, {:.2f} at the end".format(
            load[0], os.getloadavg()[0])
        save(args, text, {k: _brief(v["batch"]) for k, v in runs.items()}, "activity")
        return
    t0 = time.perf_counter()
    start_load = os.getloadavg()
    path = country_path(args.provinces, args.scale)
    if args.regen or not os.path.exists(path):
        made = child("make", args)
    else:
        with open(os.path.splitext(path)[0] + "_provinces.json", encoding="utf-8") as fh:
            made = {"path": path, "counts": json.load(fh)["counts"]}
    if args.driver_before:
        text = render_driver(args, driver_runs(args, path))
        save(args, text, {}, "driver")
        return
    single = batch(args, path, "--no-dask", "--workers", "1", "--cells", "1")
    cap_mib = max(int(args.cap * single["DRIVER_PEAK_RSS_MIB"]), 512)  # a worker needs ~256 MiB for itself
    capped = batch(args, path, "--no-dask", "--workers", "1", "--cells", "1", watch_mib=args.workers * cap_mib)
    cluster = batch(args, path, "--workers", str(args.workers), "--memory-limit", "{}MB".format(cap_mib))
    reference = child("provinces", args)
    activity = activity_runs(args)
    equal, why = same_findings(read_findings(cluster["OUTPUT"]), reference["rows"])
    single_equal, single_why = same_findings(read_findings(single["OUTPUT"]), reference["rows"])
    text = render(args, made, single, capped, cluster, reference, cap_mib, (equal, why), (single_equal, single_why),
                  start_load, time.perf_counter() - t0)
    text += "\n\n" + render_activity(args, activity)
    save(args, text, {"single": _brief(single), "capped": capped, "cluster": _brief(cluster),
                      "provinces_s": reference["seconds"], "equal": equal, "single_equal": single_equal,
                      "workers": args.workers, "cap_mib": cap_mib,
                      "activity": {k: _brief(v["batch"]) for k, v in activity.items()}})


def save(args, text, raw, kind="national"):
    print(text)
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    name = "{}_{}{}.txt".format("national" if kind == "national" else "national_" + kind,
                                datetime.date.today().isoformat(), "_" + args.tag if args.tag else "")
    with open(os.path.join(HERE, "results", name), "w", encoding="utf-8") as fh:
        fh.write(text + "\n\n# raw (JSON)\n" + json.dumps(raw, indent=1) + "\n")
    print("saved bench/results/" + name)


def driver_runs(args, path):
    """{label: (cluster run, serial run)} of REV's batch and HEAD's (both from git: the same kind of
    checkout, whatever the working tree holds)."""
    runs = {}
    for label, rev in (("before", args.driver_before), ("after", "HEAD")):
        root = checkout_of(rev)
        try:
            cluster = batch(args, path, "--workers", str(args.workers), "--cells", "16", root=root)
            serial = batch(args, path, "--no-dask", "--workers", "1", "--cells", "16", root=root)
        finally:
            shutil.rmtree(root, ignore_errors=True)
        runs["{} ({})".format(label, _short(rev))] = (cluster, serial)
    return runs


def _short(rev):
    return subprocess.run(["git", "-C", REPO, "rev-parse", "--short", rev], stdout=subprocess.PIPE, text=True,
                          check=True).stdout.strip()


def render_driver(args, runs):
    lines = ["# the batch's driver before and after — {}".format(datetime.datetime.now().isoformat(" ", "seconds")),
             "command: .venv/bin/python " + " ".join(["bench/bench_national.py"] + sys.argv[1:]),
             "load average at the end {}".format("/".join("{:.2f}".format(x) for x in os.getloadavg())),
             "country: {} provinces of scale {}; 16 cells + the null partition".format(args.provinces, args.scale),
             "driver share = the batch's wall time less its partitions' own time, in one process and one thread "
             "(--no-dask --workers 1: nothing overlaps); driver peak = its RSS with {} Dask workers".format(
                 args.workers),
             ""]
    for label, (cluster, serial) in runs.items():
        parts = sum(p["seconds"] for p in serial["PARTITION_STATS"])
        lines.append("{}: {} findings; serial wall {:.1f} s, partitions {:.1f} s, driver share {:.1f} s ({:.0%}); "
                     "with Dask: wall {:.1f} s, driver peak RSS {:.0f} MiB".format(
                         label, serial["FINDINGS"], serial["wall_s"], parts, serial["wall_s"] - parts,
                         (serial["wall_s"] - parts) / serial["wall_s"], cluster["wall_s"],
                         cluster["DRIVER_PEAK_RSS_MIB"]))
    return "\n".join(lines)


def render_activity(args, runs):
    lines = ["human_activity on bench_reserves.py's province ({}), batch with --workers {} (threads here for "
             "this small input; --cluster: a LocalCluster; {} cells) vs processing.run:".format(
                 os.path.relpath(ACTIVITY_DATA, REPO), args.workers, args.activity_cells or "the batch's default")]
    for acts, run in runs.items():
        b = run["batch"]
        parts = b["PARTITION_STATS"]
        lines.append("  {}: batch {:.2f} s (wall {:.2f} s; driver {:.2f} s, {} partitions: {:.2f} CPU-s, {} features "
                     "read), processing.run {:.2f} s; {} findings ({} errors, {} warnings); findings {} ({}); "
                     "SUMMARY {}".format(
                         acts, b["SECONDS"], b["wall_s"], b["DRIVER_SECONDS"], len(parts),
                         sum(p["cpu_seconds"] for p in parts), sum(p["features"] for p in parts),
                         run["processing_s"], b["FINDINGS"], b["ERROR_COUNT"], b["WARNING_COUNT"],
                         "EQUAL" if run["findings"][0] else "DIFFERENT", run["findings"][1],
                         "EQUAL" if run["summary"] else "DIFFERENT"))
    return "\n".join(lines)


def _brief(run):
    return {k: v for k, v in run.items() if k != "PARTITION_STATS"} | {"partitions": run.get("PARTITION_STATS", [])}


def render(args, made, single, capped, cluster, reference, cap_mib, equal, single_equal, start_load, total):
    parts = cluster["PARTITION_STATS"]
    work = sum(p["cpu_seconds"] for p in parts)  # CPU: the wall time counts the other work on the machine
    wall_work = sum(p["seconds"] for p in parts)
    features = sum(p["features"] for p in parts)
    per_k = 1000.0 * work / max(features, 1)
    biggest = max(parts, key=lambda p: p["features"])
    rl = (made.get("counts") or {}).get("redline")
    lines = [
        "# national batch benchmark — {}".format(datetime.datetime.now().isoformat(" ", "seconds")),
        "command: .venv/bin/python " + " ".join(["bench/bench_national.py"] + sys.argv[1:]),
        "machine: {} cores; load average at start {} and end {} (other work on the machine skews timings)".format(
            os.cpu_count(), "/".join("{:.2f}".format(x) for x in start_load),
            "/".join("{:.2f}".format(x) for x in os.getloadavg())),
        "country: {} provinces of scale {} ({}), {}".format(
            args.provinces, args.scale, os.path.relpath(country_path(args.provinces, args.scale), REPO),
            "counts {}".format(made["counts"])),
        "",
        "single process, one cell (batch --no-dask --workers 1 --cells 1):",
        "  {:.1f} s, peak RSS {:.0f} MiB, {} findings ({} errors, {} warnings)".format(
            single["SECONDS"], single["DRIVER_PEAK_RSS_MIB"], single["FINDINGS"], single["ERROR_COUNT"],
            single["WARNING_COUNT"]),
        "single process under the cluster's total memory ({} MiB, watched): {}".format(
            args.workers * cap_mib,
            "KILLED after {:.1f} s, its RSS at {:.0f} MiB".format(capped["killed_s"], capped["rss_mib"])
            if "killed_s" in capped else "finished in {:.1f} s".format(capped["SECONDS"])),
        "LocalCluster: {} workers of one thread, memory limit {} MiB each ({:.0%} of the single process's peak)".format(
            args.workers, cap_mib, cap_mib / single["DRIVER_PEAK_RSS_MIB"]),
        "  partitions: {} ({} with the null one), {:.1f} s (batch wall {:.1f} s), of which the driver alone "
        "{:.1f} s (reading the code column, appending the partitions' findings)".format(
            cluster["GRID"], cluster["PARTITIONS"], cluster["SECONDS"], cluster["wall_s"], cluster["DRIVER_SECONDS"]),
        "  peak RSS per worker: {}; driver {:.0f} MiB".format(
            ", ".join("{:.0f} MiB".format(v) for v in cluster["WORKER_PEAK_RSS_MIB"].values()),
            cluster["DRIVER_PEAK_RSS_MIB"]),
        "  {} findings ({} errors, {} warnings)".format(cluster["FINDINGS"], cluster["ERROR_COUNT"],
                                                        cluster["WARNING_COUNT"]),
        "per-province runs (check_redline on each province alone, one process): {:.1f} s in all".format(
            sum(reference["seconds"])),
        "findings, cluster vs per-province runs: {} ({})".format("EQUAL" if equal[0] else "DIFFERENT", equal[1]),
        "findings, single process vs per-province runs: {} ({})".format(
            "EQUAL" if single_equal[0] else "DIFFERENT", single_equal[1]),
        "",
        "per-partition cost (cluster run, writing its findings included): {:.1f} CPU-s of partition work "
        "({:.1f} s wall) over {} features "
        "read (halos counted) = {:.3f} CPU-s per 1,000 features; largest partition {} features in {:.1f} "
        "CPU-s".format(work, wall_work, features, per_k, biggest["features"], biggest["cpu_seconds"]),
    ]
    if rl:
        total_features = sum(made["counts"].values())
        national = NATIONAL_REDLINE_PATCHES * total_features / rl
        serial = cluster["DRIVER_SECONDS"]
        lines.append("national data on paper: {:,.0f} red-line patches and {:,.0f} features in all (the "
                     "synthetic proportions), {:.1f} worker-hours of partition work; driver share here "
                     "{:.1f} s, grown with the data:".format(
                         NATIONAL_REDLINE_PATCHES, national, national * per_k / 1000 / 3600, serial))
        driver = serial * national / total_features  # serial: it appends every partition's findings
        for workers in (8, 32, 128):
            work = national * per_k / 1000 / workers
            lines.append("  {:4d} workers: ~{:.0f} min (partitions {:.0f} min, then the driver {:.0f} min)".format(
                workers, (work + driver) / 60, work / 60, driver / 60))
    lines.append("")
    lines.append("whole benchmark wall time: {:.0f} s".format(total))
    return "\n".join(lines)


if __name__ == "__main__":
    main()
