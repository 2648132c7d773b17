"""RL_CODE_DUPLICATE in the batch: SQLite picks the rows whose code repeats (GpkgSource.repeated),
core/redline's rule runs on them alone, and the findings equal the rule over the whole column.

Codes as delivered data hold them: repeated in two provinces 60 km apart and across partitions,
with spaces, tabs, full-width and no-break spaces around them, in another case (not a duplicate),
NULL, empty or blank. (A GeoPackage text column stores a number as text: its TEXT affinity.)
"""
import json
import subprocess

import numpy as np
import shapely
from osgeo import ogr, osr

from ecospace.core.gpkg_source import WHITESPACE, GpkgSource, RepeatedCodes, write_gpkg
from ecospace.core.partition import code_duplicates
from ecospace.core.redline import RedlineParams

from .test_batch_dask import BATCH

X, Y = 36500000.0, 2540000.0
CODES = ["A1", " A1", "A1\u3000", "a1",            # province 1: A1 three times (stripped), a1 once
         "B2", None, "", "  ", "\tB2\xa0",         # B2 twice; NULL, empty and blank never repeat
         "C3", "450122", "D4", "x",
         "A1", "B2 ", "c3", "C3", "450122", "E5"]  # province 2: more of A1, B2, C3, 450122


def red_line(path):
    n = len(CODES)
    x = np.where(np.arange(n) < 13, 0.0, 60000.0) + 100.0 * (np.arange(n) % 13)  # two provinces
    geoms = shapely.box(X + x, Y, X + x + 50, Y + 50)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4524)  # CGCS2000 / 3-degree GK zone 36
    return write_gpkg(str(path), "redline", [("BSM", "string")], {"BSM": np.array(CODES, dtype=object)},
                      geoms, srs.ExportToWkt())


def rows(table):
    keys = ("rule", "fid", "other_fid", "feature_code", "other_code", "detail")
    return [tuple(table[k][i] for k in keys) for i in range(len(table["rule"]))]


def test_whitespace_list_is_pythons():
    import sys

    assert WHITESPACE == tuple(c for c in range(sys.maxunicode + 1) if chr(c).isspace())


def test_repeated_rows_give_the_whole_columns_findings(tmp_path):
    src = GpkgSource(red_line(tmp_path / "rl.gpkg"), "redline", "REDLINE")
    params = RedlineParams(code_field="BSM")
    whole = rows(code_duplicates(src, params))
    assert len(whole) == 7  # A1 ×4 → 3, B2 ×3 → 2, C3 and 450122 ×2 → 1 each
    assert {r[5] for r in whole} == {"A1", "B2", "C3", "450122"}
    assert ("RL_CODE_DUPLICATE", 14.0, 1.0, "A1", "A1", "A1") in whole  # across the provinces
    repeated = src.repeated("BSM")
    assert len(repeated.layer.fids) == 11 < len(CODES)
    assert rows(code_duplicates(RepeatedCodes(src, "BSM"), params)) == whole


def test_batch_finds_code_duplicates_across_partitions_and_provinces(tmp_path):
    path = red_line(tmp_path / "rl.gpkg")
    src = GpkgSource(path, "redline", "REDLINE")
    expected = sorted((int(r[1]), int(r[2])) for r in rows(code_duplicates(src, RedlineParams(code_field="BSM"))))
    for cells in ("1", "6"):
        out = tmp_path / "out_{}.gpkg".format(cells)
        proc = subprocess.run(["bash", str(BATCH), "redline_check", "--", "REDLINE={}|layername=redline".format(path),
                               "OUTPUT={}".format(out), "--no-dask", "--cells", cells, "--lang", "en", "--json"],
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr[-2000:]
        assert json.loads(proc.stdout.strip().splitlines()[-1])["PARTITIONS"] >= int(cells)
        ds = ogr.Open(str(out))
        found = sorted((f.GetField("feature_fid"), f.GetField("other_fid")) for f in ds.GetLayer(0)
                       if f.GetField("rule") == "RL_CODE_DUPLICATE")
        assert found == expected
