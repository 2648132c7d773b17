"""Core-only timing of core.unit_check.check_units on the province (no QGIS): per-step times and
an optional cProfile listing. Reads the layers with OGR; units from a units_generate output.

    .venv/bin/python bench/profile_units_check.py [--units bench/data/tmp_units_ours/units.gpkg]
        [--data bench/data/units_province.gpkg] [--exact] [--threads N] [--profile out.txt]

--threads N: check_units' blocks on N threads (as THREADS=N; the steps then overlap, so the step
times are those of the calling thread's waits); the CPU time is printed too.
"""
import argparse
import cProfile
import os
import pstats
import sys
import time

import numpy as np
import shapely
from osgeo import ogr

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), ".build", "pluginpath"))  # as tests/conftest.py
from ecospace.core import measure as measure_mod  # noqa: E402
from ecospace.core import progress as progress_mod  # noqa: E402
from ecospace.core import unit_check  # noqa: E402
from ecospace.core.layer import Layer  # noqa: E402


def read(path, layer=None, fields=()):
    ds = ogr.Open(path)
    lyr = ds.GetLayerByName(layer) if layer else ds.GetLayer(0)
    wkb, fids, cols = [], [], {f: [] for f in fields}
    for feat in lyr:
        g = feat.GetGeometryRef()
        wkb.append(bytes(g.ExportToWkb()) if g is not None else None)
        fids.append(feat.GetFID())
        for f in fields:
            cols[f].append(feat.GetField(f))
    proj4 = lyr.GetSpatialRef().ExportToProj4()
    geoms = shapely.from_wkb(np.array(wkb, dtype=object))
    return Layer(layer or "UNITS", geoms, fids, cols), proj4


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", default=os.path.join(HERE, "data", "tmp_units_ours", "units.gpkg"))
    ap.add_argument("--data", default=os.path.join(HERE, "data", "units_province.gpkg"))
    ap.add_argument("--exact", action="store_true", help="force the exact path everywhere")
    ap.add_argument("--threads", type=int, default=1, help="check_units' threads (default 1)")
    ap.add_argument("--profile", help="write a cProfile listing here")
    args = ap.parse_args()
    units, proj4 = read(args.units, None, ("HJZHGKDYBM", "HJZHGKDYMC", "ZHGKDYFL"))
    units.name = "UNITS"
    counties, _ = read(args.data, "counties", ("XZQDM",))
    redline, _ = read(args.data, "priority_redline")
    prio = [read(args.data, n)[0] for n in ("priority_redline", "priority_water", "priority_wetland")]
    key = [read(args.data, n)[0] for n in ("key_urban", "key_industry")]
    measure = measure_mod.Measurer(measure_mod.to_lonlat_from_proj(proj4),
                                   conformal=measure_mod.is_conformal(proj4))
    marks = []
    prog = progress_mod.Progress(on_progress=lambda pct, label: marks.append((label, time.perf_counter())))
    params = unit_check.UnitCheckParams(access_fields=())
    kw = dict(counties=counties, redline=redline, priority=prio, key=key, params=params,
              measure=measure, progress=prog, threads=args.threads)
    if args.exact:
        kw["exact"] = True
    prof = cProfile.Profile() if args.profile else None
    t0, c0 = time.perf_counter(), time.process_time()
    if prof:
        prof.enable()
    res = unit_check.check_units(units, **kw)
    if prof:
        prof.disable()
    t1 = time.perf_counter()
    marks.append(("end", t1))
    print("units {:,}, total {:.2f} s, CPU {:.2f} s (load {:.2f})".format(
        len(units), t1 - t0, time.process_time() - c0, os.getloadavg()[0]))
    for (label, a), (_, b) in zip(marks[:-1], marks[1:]):
        print("  {:20s} {:8.2f} s".format(label, b - a))
    table = res.findings.table()
    rules, counts = np.unique(table["rule"].astype(str), return_counts=True)
    print("findings:", dict(zip(rules, counts.tolist())))
    if prof:
        with open(args.profile, "w") as fh:
            pstats.Stats(prof, stream=fh).sort_stats("cumulative").print_stats(45)
        print("profile saved to", args.profile)


if __name__ == "__main__":
    main()
