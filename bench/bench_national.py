"""A country of several synthetic provinces, checked by the batch (tools/batch.sh) on a LocalCluster
whose workers are each capped below what one process needs for the whole country (issue 14).

    .venv/bin/python bench/bench_national.py                        # 4 provinces at scale 0.25, a few minutes
    .venv/bin/python bench/bench_national.py --provinces 9 --scale 0.25 --tag big

Phases, each in its own child process (its own peak RSS):
  make       bench/data/country_<n>x<scale>.gpkg: province k is make_province.generate(scale, seed + k),
             placed k × (side + 20 km) north of the first, its codes (BSM, XZQDM, county codes) starting
             with its own province code 61 + k, so that no code repeats across provinces;
  single     the batch in one process and one cell (--no-dask --workers 1 --cells 1): the memory and time
             one process needs for the whole country;
  provinces  check_redline on each province alone, read back from the country file: the reference;
  cluster    the batch on a LocalCluster of --workers workers, each capped at --cap × the single process's
             peak RSS, the grid sized to half the cap (core.partition.cells_for_budget).
Writes bench/results/national_<date>[_<tag>].txt: times, peak memory per worker, whether the findings
equal the per-province runs (every rule, layer, fid, other fid; areas to 1e-9), the measured cost per
partition and, on paper, the wall time for national data on 8, 32 and 128 workers.
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
GAP = 20_000.0  # m between provinces: nothing of one reaches another
# national data, for the estimate on paper: ~3.19 million km² of red line (DOMAIN 2) in patches of the
# synthetic province's density, and farmland etc. in the same proportion to the red line
NATIONAL_REDLINE_PATCHES = 30_000_000


def country_path(n, scale):
    return os.path.join(DATA, "country_{}x{}.gpkg".format(n, str(scale).replace(".", "p")))


def child(phase, args, extra=()):
    """Run a phase in a child process; its last stdout line is JSON."""
    cmd = [sys.executable, os.path.abspath(__file__), "--phase", phase, "--provinces", str(args.provinces),
           "--scale", str(args.scale), "--seed", str(args.seed)] + list(extra)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, timeout=args.timeout)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise SystemExit("phase {} failed (exit {})".format(phase, proc.returncode))
    out = json.loads(lines[-1])
    out["wall_s"] = time.perf_counter() - t0
    return out


def batch(args, path, *options):
    layers = {"REDLINE": "redline", "FARMLAND": "farmland", "URBAN_BOUNDARY": "urban_boundary",
              "PROTECTED_AREAS": "protected_areas", "CONFLICT_LAYERS": "construction_land",
              "COUNTIES": "counties"}
    params = ["{}={}|layername={}".format(k, path, v) for k, v in layers.items()]
    params += ["COUNTY_CODE_FIELD=XZQDM", "COUNTY_NAME_FIELD=XZQMC", "THREADS=1"]
    tag = options[0].strip("-") if options else "run"
    params += ["OUTPUT=" + os.path.join(DATA, "national_{}_findings.gpkg".format(tag))]
    cmd = ["bash", os.path.join(REPO, "tools", "batch.sh"), "redline_check", "--"] + params + list(options) + ["--json"]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=args.timeout)
    if proc.returncode != 0:
        raise SystemExit("batch failed: " + proc.stderr[-2000:])
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    out["wall_s"] = time.perf_counter() - t0
    return out


# --- phases (children) ----------------------------------------------------------------------

def phase_make(args):
    import numpy as np

    sys.path.insert(0, HERE)
    import make_province as mp

    path = country_path(args.provinces, args.scale)
    side = mp.FULL_SIDE * np.sqrt(args.scale)
    y_first = mp.Y0
    country, rects = {}, []
    t0 = time.perf_counter()
    for k in range(args.provinces):
        mp.Y0 = y_first + k * (side + GAP)
        layers, _ = mp.generate(args.scale, args.seed + k)
        code = "{:02d}".format(61 + k)
        recode = np.vectorize(lambda v, c=code: c + v[2:] if isinstance(v, str) and v.startswith("61") else v,
                              otypes=[object])
        for name, (geoms, fields, gtype) in layers.items():
            fields = {f: (t, recode(v) if f in ("BSM", "XZQDM") and len(v) else v) for f, (t, v) in fields.items()}
            if name in country:
                g0, f0, _ = country[name]
                country[name] = (np.concatenate([g0, geoms]),
                                 {f: (t, np.concatenate([f0[f][1], v])) for f, (t, v) in fields.items()}, gtype)
            else:
                country[name] = (np.asarray(geoms, dtype=object), fields, gtype)
        rects.append((mp.X0 - side / 2 - GAP / 4, mp.Y0 - side / 2 - GAP / 4,
                      mp.X0 + side / 2 + GAP / 4, mp.Y0 + side / 2 + GAP / 4))
    t_gen = time.perf_counter() - t0
    mp.write(path, country)
    with open(os.path.splitext(path)[0] + "_provinces.json", "w", encoding="utf-8") as fh:
        json.dump({"rects": rects, "counts": {name: len(layer[0]) for name, layer in country.items()}}, fh)
    counts = {name: len(layer[0]) for name, layer in country.items()}
    return {"path": path, "counts": counts, "generate_s": t_gen, "write_s": time.perf_counter() - t0 - t_gen}


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
    ap.add_argument("--provinces", type=int, default=4)
    ap.add_argument("--scale", type=float, default=0.25, help="of each province (1 = 100k red-line patches)")
    ap.add_argument("--seed", type=int, default=20241124)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--cap", type=float, default=0.5, help="worker memory limit / the single process's peak")
    ap.add_argument("--regen", action="store_true")
    ap.add_argument("--tag", default="")
    ap.add_argument("--timeout", type=int, default=3600)
    ap.add_argument("--phase", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.phase:
        result = {"make": phase_make, "provinces": phase_provinces}[args.phase](args)
        import resource

        result["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
        print(json.dumps(result, ensure_ascii=False))
        return

    t0 = time.perf_counter()
    start_load = os.getloadavg()
    path = country_path(args.provinces, args.scale)
    if args.regen or not os.path.exists(path):
        made = child("make", args)
    else:
        with open(os.path.splitext(path)[0] + "_provinces.json", encoding="utf-8") as fh:
            made = {"path": path, "counts": json.load(fh)["counts"]}
    single = batch(args, path, "--no-dask", "--workers", "1", "--cells", "1")
    cap_mib = int(args.cap * single["DRIVER_PEAK_RSS_MIB"])
    cluster = batch(args, path, "--workers", str(args.workers), "--memory-limit", "{}MB".format(cap_mib))
    reference = child("provinces", args)
    equal, why = same_findings(read_findings(cluster["OUTPUT"]), reference["rows"])
    single_equal, single_why = same_findings(read_findings(single["OUTPUT"]), reference["rows"])
    text = render(args, made, single, cluster, reference, cap_mib, (equal, why), (single_equal, single_why),
                  start_load, time.perf_counter() - t0)
    print(text)
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    name = "national_{}{}.txt".format(datetime.date.today().isoformat(), "_" + args.tag if args.tag else "")
    with open(os.path.join(HERE, "results", name), "w", encoding="utf-8") as fh:
        fh.write(text + "\n\n# raw (JSON)\n" + json.dumps({"single": _brief(single), "cluster": _brief(cluster),
                                                           "provinces_s": reference["seconds"]}, indent=1) + "\n")
    print("saved bench/results/" + name)


def _brief(run):
    return {k: v for k, v in run.items() if k != "PARTITION_STATS"} | {
        "partitions": run.get("PARTITION_STATS", [])}


def render(args, made, single, cluster, reference, cap_mib, equal, single_equal, start_load, total):
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
        "LocalCluster: {} workers of one thread, memory limit {} MiB each ({:.0%} of the single process's peak)".format(
            args.workers, cap_mib, args.cap),
        "  grid {} ({} partitions with the null one), {:.1f} s (batch wall {:.1f} s)".format(
            cluster["GRID"], cluster["PARTITIONS"], cluster["SECONDS"], cluster["wall_s"]),
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
        "per-partition cost (cluster run): {:.1f} CPU-s of partition work ({:.1f} s wall) over {} features "
        "read (halos counted) = {:.3f} CPU-s per 1,000 features; largest partition {} features in {:.1f} "
        "CPU-s".format(work, wall_work, features, per_k, biggest["features"], biggest["cpu_seconds"]),
    ]
    if rl:
        total_features = sum(made["counts"].values())
        national = NATIONAL_REDLINE_PATCHES * total_features / rl
        serial = max(cluster["SECONDS"] - work / args.workers, 0.0)
        lines.append("national data on paper: {:,.0f} red-line patches and {:,.0f} features in all (the "
                     "synthetic proportions), {:.1f} worker-hours of partition work; driver share here "
                     "{:.1f} s, grown with the data:".format(
                         NATIONAL_REDLINE_PATCHES, national, national * per_k / 1000 / 3600, serial))
        for workers in (8, 32, 128):
            wall = national * per_k / 1000 / workers + serial * national / total_features
            lines.append("  {:4d} workers: ~{:.1f} h".format(workers, wall / 3600))
    lines.append("")
    lines.append("whole benchmark wall time: {:.0f} s".format(total))
    return "\n".join(lines)


if __name__ == "__main__":
    main()
