"""redline_candidate and redline_compare through qgis_process, the way a batch user runs them."""
import numpy as np
import pytest
from osgeo import gdal, ogr, osr

from ..support import (
    MODELS,
    SAMPLE,
    decay_raster,
    default_styles,
    gpkg_query,
    gpkg_rows,
    layer,
    needs_qgis_process,
    qgis_process,
    uri,
)

pytestmark = needs_qgis_process


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
    return uri(path, "redline")


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
    n, area = gpkg_rows(out, "count(*), sum(area_m2)")[0]
    assert n > 0 and area > 1e8
    assert gpkg_query(out, "select count(*) from layer_styles")[0][0] == 1   # opens styled
    check = tmp_path / "check.gpkg"
    proc = qgis_process(
        "run", "ecospace:redline_check", "--", "REDLINE={}".format(out),
        "FARMLAND=" + layer("farmland"), "URBAN_BOUNDARY=" + layer("urban_boundary"),
        "PROTECTED_AREAS=" + layer("protected_areas"), "COUNTIES=" + layer("counties"),
        "COUNTY_CODE_FIELD=XZQDM", "OUTPUT={}".format(check), "STATISTICS=TEMPORARY_OUTPUT")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    errors = gpkg_rows(check, "distinct rule", "severity = 'error'")
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
    assert gpkg_rows(added, "count(*)")[0][0] == 0
    fids = {r[0] for r in gpkg_rows(removed, "feature_fid")}
    assert fids and fids <= {1, 2, 3, 4, 5}
    total = gpkg_rows(tab, "removed_m2, net_m2", "code = 'TOTAL'")[0]
    assert total[0] > 0 and abs(total[0] + total[1]) <= 1e-3 * total[0]
    rules = {r[0] for r in gpkg_rows(found, "rule")}
    assert rules & {"CMP_REMOVED_NO_REASON", "CMP_REMOVED_REASON"}


def test_delineation_model_headless(tmp_path):
    """The example model grade → candidate → check → style, run by path on two generated service rasters."""
    services = [decay_raster(tmp_path / "water.tif", "redline", 800.0, 100.0),
                decay_raster(tmp_path / "biodiversity.tif", "protected_areas", 500.0, 60.0)]
    cand, found = tmp_path / "candidate.gpkg", tmp_path / "findings.gpkg"
    proc = qgis_process("run", str(MODELS / "redline_delineation.model3"), "--",
                        *["services=" + s for s in services], "breaks=50,80",
                        "farmland=" + layer("farmland"), "urban_boundary=" + layer("urban_boundary"),
                        "protected_areas=" + layer("protected_areas"), "counties=" + layer("counties"),
                        "county_code_field=XZQDM", "importance_grade:importance={}".format(tmp_path / "grade.tif"),
                        "redline_candidate:candidate={}".format(cand),
                        "redline_candidate:candidate_findings={}".format(tmp_path / "cf.gpkg"),
                        "redline_check:findings={}".format(found), timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (area,), = gpkg_rows(cand, "sum(area_m2)")
    assert area > 1e8
    errors = gpkg_rows(found, "rule", where="severity = 'error'")
    assert errors == [("RL_OVERLAP_PBF_UDB",)]  # only the inputs' own farmland × urban-boundary overlap
    assert default_styles(found) == 1
