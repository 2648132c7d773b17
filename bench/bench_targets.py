"""Every scale target of the engine, side by side in one run: runs the benchmarks below one after the
other (each makes its own data when missing), reads their raw results and writes one table of
measured value against target: bench/results/targets_<date>[_<tag>].txt.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_targets.py [--tag T] [--skip national,...]
        [--repeat 3] [--with-344]

  redline   bench_redline.py --phases io,ours,chain: plain chain / ours >= 10, ours / QGIS read floor
            <= 2.5, peak RSS <= 1 GiB
  units     bench_units.py --algs units_check: chain / ours >= 4
  siting    bench_units.py --phases siting: chain / ours >= 1, the chain meeting the units and the red line
            as siting_check does (one run of 3 layers; a run per layer)
  activity  bench_reserves.py --phases human_activity: chain / ours >= 1 (points, patches)
  national  bench_national.py: a 2-worker LocalCluster finishes under a memory cap that kills the single
            process, with findings equal to the per-province runs
  344       (--with-344) bench_redline.py --phases ours,ours_pair,checkgeometry on QGIS 3.44, in its
            chroot (tools/test_matrix.sh 3.44 --bench): checkgeometry chain / ours >= 10

Timings are medians of runs side by side with their chain, in the same child processes as each script
runs them; the load average is written with them, since other work on the machine lowers our
threaded runs more than the one-thread chains.
"""
import argparse
import datetime
import glob
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
PY = sys.executable


def run(args, tag, key):
    """Run one benchmark; the raw JSON of the results file it wrote (None when it failed)."""
    rep = str(args.repeat)
    commands = {
        "redline": (["bench_redline.py", "--phases", "io,ours,chain", "--repeat", rep, "--chain-repeat", "1"],
                    "redline"),
        "units": (["bench_units.py", "--algs", "units_check", "--repeat", rep], "units"),
        "siting": (["bench_units.py", "--phases", "siting", "--repeat", rep], "units"),
        "activity": (["bench_reserves.py", "--phases", "human_activity", "--repeat", rep], "reserves"),
        "national": (["bench_national.py"], "national"),
        "344": (["bench_redline.py", "--phases", "ours,ours_pair,checkgeometry", "--repeat", rep,
                 "--chain-repeat", "1"],
                "redline"),
    }
    script, prefix = commands[key]
    full_tag = "{}_{}".format(tag, key)
    cmd = [PY, os.path.join(HERE, script[0])] + script[1:] + ["--tag", full_tag]
    if key == "344":  # the same script, in the 3.44 chroot, on a copy of this checkout
        cmd = ["bash", os.path.join(REPO, "tools", "test_matrix.sh"), "3.44", "--bench",
               " ".join(["bench/" + script[0]] + script[1:] + ["--tag", full_tag])]
    start, code = time.time(), 0
    if args.reuse:  # the table again from the results files already there
        start = 0
    else:
        print("==>", " ".join(cmd), flush=True)
        code = subprocess.run(cmd, cwd=REPO, env=dict(os.environ, QT_QPA_PLATFORM="offscreen")).returncode
    paths = [p for p in glob.glob(os.path.join(HERE, "results", "{}_*_{}.txt".format(prefix, full_tag)))
             if os.path.getmtime(p) >= start - 1]
    if code or not paths:
        return None, "exit {} / no results file".format(code)
    path = max(paths, key=os.path.getmtime)
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    marker = text.rfind("# raw")
    return json.loads(text[text.index("{", marker):]), os.path.relpath(path, REPO)


def med(values):
    return statistics.median(values) if values else float("nan")


def rows_redline(raw):
    ours, floor = med(raw["ours"]["times"]), med(raw["io"]["qgis_total"])
    chain = med(raw["chain"]["total"])
    peak = raw["ours"]["peak_rss_mib"]
    return [("redline_check: plain chain / ours", "≥ 10", chain / ours, chain / ours >= 10,
             "{:.2f} s / {:.2f} s".format(chain, ours)),
            ("redline_check: ours / QGIS read floor", "≤ 2.5", ours / floor, ours / floor <= 2.5,
             "{:.2f} s / {:.2f} s".format(ours, floor)),
            ("redline_check: peak RSS (MiB)", "≤ 1024", peak, peak <= 1024, "")]


def rows_344(raw):
    """Against ours on the chain's own inputs (REDLINE and FARMLAND: the same work and more) and,
    for reference, against ours on every input (which also checks counties, urban boundary,
    protected areas and conflict layers, which the chain does not)."""
    chain = med(raw["checkgeometry"]["total"])
    ours, every = med(raw["ours_pair"]["times"]), med(raw["ours"]["times"])
    return [("3.44: checkgeometry chain / ours on its inputs", "≥ 10", chain / ours, chain / ours >= 10,
             "{:.2f} s / {:.2f} s; ours on every input {:.2f}x".format(chain, ours, chain / every))]


def rows_units(raw):
    ours = med(raw["ours"]["times"]["units_check"])
    chain = sum(step[1] for step in raw["chain"]["steps"]["check"])
    return [("units_check: chain / ours", "≥ 4", chain / ours, chain / ours >= 4,
             "{:.2f} s / {:.2f} s".format(chain, ours))]


def rows_siting(raw):
    """Against the chain doing the same work (the sites against the units and the red line, as
    siting_check checks them) and, for reference, against the chain without the red line."""
    times = raw["siting"]["times"]
    chain, same = med(times["chain"]), med(times["chain"]) + med(times.get("extra", []))
    out = []
    for key, label in (("one_run", "one run, 3 layers"), ("per_layer", "a run per layer")):
        ours = med(times[key])
        out.append(("siting_check ({}): same-work chain / ours".format(label), "≥ 1", same / ours, same / ours >= 1,
                    "{:.2f} s / {:.2f} s; without the red line {:.2f}x".format(same, ours, chain / ours)))
    return out


def rows_activity(raw):
    return [("{}: chain / ours".format(name), "≥ 1", case["ratio"], case["ratio"] >= 1,
             "{:.2f} s / {:.2f} s".format(med(case["chain"]), med(case["ours"])))
            for name, case in raw.items()]


def rows_national(raw):
    single, cluster, capped = raw["single"], raw["cluster"], raw["capped"]
    killed = "killed_s" in capped
    return [("national: 1 process under the cluster's memory", "killed", float(killed), killed,
             "cap {} × {} MiB".format(raw["workers"], raw["cap_mib"])),
            ("national: cluster wall time (s)", "finishes", cluster["wall_s"], bool(cluster["FINDINGS"]),
             "single process {:.1f} s at {:.0f} MiB".format(single["wall_s"], single["DRIVER_PEAK_RSS_MIB"])),
            ("national: findings equal to the per-province runs", "equal", float(raw["equal"]), raw["equal"],
             "{} findings".format(cluster["FINDINGS"]))]


ROWS = {"redline": rows_redline, "units": rows_units, "siting": rows_siting, "activity": rows_activity,
        "national": rows_national, "344": rows_344}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tag", default="targets")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip", default="", help="keys to leave out, comma-separated")
    ap.add_argument("--with-344", action="store_true", help="also redline_check vs checkgeometry on QGIS 3.44")
    ap.add_argument("--reuse", action="store_true", help="no runs: the table from the tag's latest results files")
    args = ap.parse_args()
    keys = ["redline", "units", "siting", "activity", "national"] + (["344"] if args.with_344 else [])
    keys = [k for k in keys if k not in args.skip.split(",")]
    t0, load = time.perf_counter(), os.getloadavg()
    table, sources = [], []
    for key in keys:
        raw, source = run(args, args.tag, key)
        sources.append("{:9s} {}".format(key, source))
        table += ROWS[key](raw) if raw else [(key, "runs", float("nan"), False, source)]
    lines = ["# ecospace scale targets — {}".format(datetime.datetime.now().strftime("%Y-%m-%d %H:%M:%S")),
             "command: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_targets.py " + " ".join(sys.argv[1:]),
             "no runs (--reuse): the table read from the results files below; each holds its run's load average"
             if args.reuse else
             "machine: {} cores; load average at start {:.2f}/{:.2f}/{:.2f}, at end {:.2f}/{:.2f}/{:.2f}".format(
                 os.cpu_count(), *load, *os.getloadavg()),
             "", "{:55s} {:>9s} {:>10s}  {:4s} {}".format("measure", "target", "measured", "met", "from"),
             ]
    for name, target, value, met, note in table:
        lines.append("{:55s} {:>9s} {:10.2f}  {:4s} {}".format(name, target, value, "yes" if met else "NO", note))
    lines += ["", "results files:"] + ["  " + s for s in sources]
    lines.append("whole run {:.0f} s".format(time.perf_counter() - t0))
    text = "\n".join(lines) + "\n"
    print(text)
    name = "targets_{}{}{}.txt".format(datetime.date.today().isoformat(), "_" + args.tag if args.tag else "",
                                       "_reread" if args.reuse else "")
    with open(os.path.join(HERE, "results", name), "w", encoding="utf-8") as fh:
        fh.write(text)
    print("saved bench/results/" + name)
    return 0 if all(row[3] for row in table) else 1


if __name__ == "__main__":
    sys.exit(main())
