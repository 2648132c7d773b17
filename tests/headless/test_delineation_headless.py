"""redline_candidate and redline_compare through qgis_process, the way a batch user runs them."""
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal, ogr, osr

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample" / "ecospace_sample.gpkg"

pytestmark = pytest.mark.skipif(not (shutil.which("qgis_process.bin") or shutil.which("qgis_process")),
                                reason="qgis_process is not installed")


def layer(name, path=SAMPLE):
    return "{}|layername={}".format(path, name)


def qgis_process(*args, timeout=300):
    env = {k: v for k, v in os.environ.items() if not k.startswith("QGIS_")}  # not pytest-qgis's profile
    return subprocess.run(["bash", str(ROOT / "tools" / "qgis_process.sh"), *args], cwd=str(ROOT), env=env,
                          capture_output=True, text=True, timeout=timeout)


def query(gpkg, sql):
    with sqlite3.connect(str(gpkg)) as db:
        return db.execute(sql).fetchall()


def table_of(gpkg):
    return query(gpkg, "select table_name from gpkg_contents where data_type in ('features','attributes')")[0][0]


def graded_raster(path):
    """Grade 3 in the west half of the sample's extent, 1 elsewhere, NoData 0 on the first column."""
    ds = gdal.GetDriverByName("GTiff").Create(str(path), 300, 200, 1, gdal.GDT_Byte)
    ds.SetGeoTransform((36490000, 200, 0, 2565000, 0, -200))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4524)
    ds.SetProjection(srs.ExportToWkt())
    grades = np.ones((200, 300), dtype=np.uint8)
    grades[:, :150] = 3
    grades[:, 0] = 0
    band = ds.GetRasterBand(1)
    band.SetNoDataValue(0)
    band.WriteArray(grades)
    ds = None
    return str(path)


def new_version(path):
    """The sample red line without its features 1-5 (a NEW version)."""
    src = ogr.Open(str(SAMPLE))
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    lyr = src.GetLayerByName("redline")
    lyr.SetAttributeFilter("fid > 5")
    ds.CopyLayer(lyr, "redline")
    ds = None
    return layer("redline", path)


@pytest.mark.parametrize("alg, names", [
    ("ecospace:redline_candidate", ("IMPORTANCE", "DEDUCT_LAYERS", "REPORT_LAYERS", "CANDIDATE_ADD_AREA",
                                    "CANDIDATES_TO_ADD")),
    ("ecospace:redline_compare", ("OLD", "NEW", "REASON_LAYERS", "ADDED", "REMOVED", "COUNTY_TABLE")),
])
def test_help_lists_the_parameters(alg, names):
    proc = qgis_process("help", alg)
    assert proc.returncode == 0, proc.stderr
    for name in names:
        assert name in proc.stdout


def test_candidate_then_check(tmp_path):
    raster = graded_raster(tmp_path / "importance.tif")
    out, add, found = tmp_path / "cand.gpkg", tmp_path / "add.gpkg", tmp_path / "found.gpkg"
    proc = qgis_process(
        "run", "ecospace:redline_candidate", "--", "IMPORTANCE=" + raster,
        "PROTECTED_AREAS=" + layer("protected_areas"),
        "DEDUCT_LAYERS=" + layer("farmland"), "DEDUCT_LAYERS=" + layer("urban_boundary"),
        "REPORT_LAYERS=" + layer("construction_land"), "EXISTING_REDLINE=" + layer("redline"),
        "COUNTIES=" + layer("counties"), "COUNTY_CODE_FIELD=XZQDM",
        "OUTPUT={}".format(out), "CANDIDATES_TO_ADD={}".format(add), "FINDINGS={}".format(found))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    n, area = query(out, 'select count(*), sum(area_m2) from "{}"'.format(table_of(out)))[0]
    assert n > 0 and area > 1e8
    assert query(out, "select count(*) from layer_styles")[0][0] == 1   # opens styled
    check = tmp_path / "check.gpkg"
    proc = qgis_process(
        "run", "ecospace:redline_check", "--", "REDLINE={}".format(out),
        "FARMLAND=" + layer("farmland"), "URBAN_BOUNDARY=" + layer("urban_boundary"),
        "PROTECTED_AREAS=" + layer("protected_areas"), "COUNTIES=" + layer("counties"),
        "COUNTY_CODE_FIELD=XZQDM", "OUTPUT={}".format(check), "STATISTICS=TEMPORARY_OUTPUT")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    errors = query(check, 'select distinct rule from "{}" where severity = \'error\''.format(table_of(check)))
    assert errors in ([], [("RL_OVERLAP_PBF_UDB",)])  # the sample's own farmland × urban overlap


def test_compare_on_the_sample(tmp_path):
    new = new_version(tmp_path / "new.gpkg")
    added, removed, found, tab = (tmp_path / n for n in ("a.gpkg", "r.gpkg", "f.gpkg", "t.gpkg"))
    proc = qgis_process(
        "run", "ecospace:redline_compare", "--", "OLD=" + layer("redline"), "NEW=" + new,
        "COUNTIES=" + layer("counties"), "COUNTY_CODE_FIELD=XZQDM", "COUNTY_NAME_FIELD=XZQMC",
        "REASON_LAYERS=" + layer("farmland"), "REASON_LAYERS=" + layer("mining_rights"),
        "ADDED={}".format(added), "REMOVED={}".format(removed), "OUTPUT={}".format(found),
        "COUNTY_TABLE={}".format(tab))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert query(added, 'select count(*) from "{}"'.format(table_of(added)))[0][0] == 0
    fids = {r[0] for r in query(removed, 'select feature_fid from "{}"'.format(table_of(removed)))}
    assert fids and fids <= {1, 2, 3, 4, 5}
    total = query(tab, 'select removed_m2, net_m2 from "{}" where code = \'TOTAL\''.format(table_of(tab)))[0]
    assert total[0] > 0 and abs(total[0] + total[1]) <= 1e-3 * total[0]
    rules = {r[0] for r in query(found, 'select rule from "{}"'.format(table_of(found)))}
    assert rules & {"CMP_REMOVED_NO_REASON", "CMP_REMOVED_REASON"}
