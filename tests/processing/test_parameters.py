"""Parameters are checked before any work starts (EcoAlgorithm.checkParameterValues, and
prepareAlgorithm for models): each bad value ends in one translated message naming the parameter,
the layer and the fix, and nothing is written. Data problems found while running (an all-NoData
factor, geometry-less features, NaN cells, GBK text) end in a clear message or a correct finding.
"""
import numpy as np
import pytest
from qgis.core import (
    QgsApplication,
    QgsFeature,
    QgsGeometry,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingModelAlgorithm,
    QgsVectorLayer,
)

from ..support import MODELS, SAMPLE, Feedback, layer, recode_dbf_to_gbk, table
from .test_grading import read_tif, write_tif

pytestmark = pytest.mark.usefixtures("provider")  # the ecospace provider (conftest) is registered

PREFIX = "Unable to execute algorithm\n"  # processing.run puts it before checkParameterValues' message
ALGORITHMS = ("sensitivity_grade", "importance_grade", "redline_candidate", "redline_check",
              "redline_compare", "reserve_check", "protected_area_overlaps", "human_activity",
              "units_generate", "units_classify", "units_code", "units_check", "siting_check",
              "style_layer")
RESERVES = {"RESERVES": layer("protected_areas"), "ZONES": layer("pa_zones")}


def algorithm(name):
    return QgsApplication.processingRegistry().algorithmById("ecospace:" + name)


@pytest.fixture(scope="module")
def factor(tmp_path_factory):
    """A one-band float raster with values 0..99 (and its folder)."""
    folder = tmp_path_factory.mktemp("rasters")
    return write_tif(folder / "factor.tif", np.arange(100, dtype=np.float32).reshape(10, 10))


def valid(name, factor):
    """Inputs every algorithm accepts: the sample layers (or the factor raster)."""
    return {
        "sensitivity_grade": {"FACTORS": [factor], "FACTOR_BREAKS": "f:10,60"},
        "importance_grade": {"SERVICES": [factor]},
        "redline_candidate": {"PROTECTED_AREAS": [layer("protected_areas")]},
        "redline_check": {"REDLINE": layer("redline")},
        "redline_compare": {"OLD": layer("redline"), "NEW": layer("redline")},
        "reserve_check": dict(RESERVES),
        "protected_area_overlaps": {"RESERVES": layer("protected_areas")},
        "human_activity": dict(RESERVES, ACTIVITIES=layer("activity_points")),
        "units_generate": {"ADMIN": layer("counties")},
        "units_classify": {"UNITS": layer("townships"), "PRIORITY_LAYERS": [layer("priority_zones")]},
        "units_code": {"UNITS": layer("control_units"), "COUNTIES": layer("counties")},
        "units_check": {"UNITS": layer("control_units"), "COUNTIES": layer("counties")},
        "siting_check": {"SITES": layer("project_sites_points"), "UNITS": layer("control_units")},
        "style_layer": {"INPUT": layer("redline"), "STYLE": 1},  # the red line's own style
    }[name]


def outputs(name, folder):
    """Every destination of the algorithm as a file in `folder`."""
    out = {}
    for param in algorithm(name).destinationParameterDefinitions():
        kind = param.type()
        suffix = {"rasterDestination": ".tif", "fileDestination": ".html", "folderDestination": ""}
        out[param.name()] = str(folder / (param.name().lower() + suffix.get(kind, ".gpkg")))
    return out


def refused(name, params, folder, feedback=None):
    """The message of a refused processing.run; nothing may be written into `folder`."""
    import processing

    with pytest.raises(QgsProcessingException) as error:
        processing.run("ecospace:" + name, dict(outputs(name, folder), **params), feedback=feedback)
    assert list(folder.iterdir()) == [], "a refused run wrote something"
    text = str(error.value)
    return text[len(PREFIX):] if text.startswith(PREFIX) else text


def check(name, params, folder):
    """(ok, message) of checkParameterValues alone: no run."""
    return algorithm(name).checkParameterValues(dict(outputs(name, folder), **params),
                                                QgsProcessingContext())


# -- numbers: every declared range, and a clear message --------------------------------------

def number_parameters(name):
    return [p for p in algorithm(name).parameterDefinitions() if p.type() == "number"]


def test_every_number_parameter_declares_its_range(provider):
    missing = ["{}:{}".format(name, p.name()) for name in ALGORITHMS for p in number_parameters(name)
               if p.minimum() < -1e300]
    assert missing == []


def test_the_valid_inputs_pass(provider, factor, tmp_out):
    for name in ALGORITHMS:
        assert check(name, valid(name, factor), tmp_out) == (True, ""), name


@pytest.mark.parametrize("name", ALGORITHMS)
def test_out_of_range_numbers_are_named(provider, factor, name, tmp_out):
    for definition in number_parameters(name):
        param, low, high = definition.name(), definition.minimum(), definition.maximum()
        for value in [low - 1] + ([high + 1] if high < 1e300 else []):
            ok, message = check(name, dict(valid(name, factor), **{param: value}), tmp_out)
            assert not ok, (param, value)
            assert message == "{} ({}) must be {}, not '{}'. Change the value and run again.".format(
                param, definition.description(), wanted(low, high), value)


def wanted(low, high):
    if high < 1e300:
        return "a number from {:g} to {:g}".format(low, high)
    return "a number of at least {:g}".format(low)


def test_negative_area_through_processing_run(tmp_out):
    assert refused("redline_check", {"REDLINE": layer("redline"), "MIN_PART_AREA": -5}, tmp_out) == (
        "MIN_PART_AREA (Minimum area of a polygon part (m²)) must be a number of at least 0, not '-5'. "
        "Change the value and run again.")


def test_share_above_100(tmp_out):
    params = dict(valid("units_classify", None), SHARE_THRESHOLD=150)
    assert refused("units_classify", params, tmp_out) == (
        "SHARE_THRESHOLD (Share threshold (%)) must be a number from 0 to 100, not '150'. Change the "
        "value and run again.")


# -- grading -----------------------------------------------------------------------------

def test_composite_breaks_outside_the_scores(tmp_out, factor):
    params = dict(valid("sensitivity_grade", factor), COMPOSITE_BREAKS="-1,99")
    assert refused("sensitivity_grade", params, tmp_out) == (
        "COMPOSITE_BREAKS -1,99: the composite is the geometric mean of the scores, so it lies between "
        "1 and 5 (SCORES), and these breaks would put every cell in one or two classes. Choose two "
        "increasing breaks above 1 and at most 5, e.g. 2.33,3.66 for the scores 1,3,5.")


def test_all_nodata_factor(tmp_out, tmp_path, factor):
    empty = write_tif(tmp_path / "empty.tif", np.full((10, 10), -9999, np.float32), nodata=-9999)
    params = {"FACTORS": [empty, factor], "FACTOR_BREAKS": "e:1,2;f:10,60"}
    assert refused("sensitivity_grade", params, tmp_out) == (
        "Factor raster 'empty' has no valid cell on the grid of the first raster: every cell is NoData "
        "there, so every composite cell would be NoData. Check its band and NoData value, and that it "
        "covers the first raster's extent. No output was written.")


def test_band_beyond_the_raster(tmp_out, factor):
    params = dict(valid("sensitivity_grade", factor), BAND=2)
    assert refused("sensitivity_grade", params, tmp_out) == (
        "BAND: raster 'factor' has 1 band(s), so there is no band 2. Choose a band from 1 to 1.")


def test_breaks_must_increase(tmp_out, factor):
    assert refused("importance_grade", {"SERVICES": [factor], "BREAKS": "80,50"}, tmp_out) == (
        "BREAKS must increase from left to right, e.g. 50,80 (got '80,50').")


def test_nan_and_infinite_cells_are_nodata(provider, tmp_path):
    """NaN and ±inf cells are NoData: the grades and breaks equal those of the same raster with
    those cells marked NoData (README, importance_grade)."""
    import processing

    values = np.arange(1, 101, dtype=np.float32).reshape(10, 10)
    odd = values.copy()
    odd[0, :5], odd[0, 5], odd[0, 6] = np.nan, np.inf, -np.inf
    marked = values.copy()
    marked[0, :7] = -1
    grades = []
    for name, array, nodata in (("odd", odd, None), ("marked", marked, -1)):
        path = write_tif(tmp_path / (name + ".tif"), array, nodata=nodata)
        out = tmp_path / (name + "_grade.tif")
        feedback = Feedback()
        processing.run("ecospace:importance_grade", {"SERVICES": [path], "OUTPUT": str(out)},
                       feedback=feedback)
        assert "93 valid cells" in feedback.text()
        grades.append(read_tif(out)[0])
    assert np.array_equal(grades[0], grades[1]) and (grades[0][0, :7] == 0).all()


# -- fields that must exist, types, overwriting -------------------------------------------

def test_units_classify_county_field_must_exist(tmp_out):
    params = dict(valid("units_classify", None), COUNTY_CODE_FIELD="NOPE")
    assert refused("units_classify", params, tmp_out) == (
        "COUNTY_CODE_FIELD: layer 'townships' has no field 'NOPE'. Its fields are: fid, XZQDM, XZQMC, "
        "XJDM. Choose one of them for COUNTY_CODE_FIELD.")


def test_units_classify_does_not_overwrite_an_attribute(tmp_out):
    params = dict(valid("units_classify", None), CLASS_FIELD="XZQMC")
    assert refused("units_classify", params, tmp_out) == (
        "CLASS_FIELD: layer 'townships' already has a field 'XZQMC' (a field of type String holding "
        "'城厢镇', '太平镇', '双桥镇', '宁武镇', '两江镇' …); the output would overwrite it. Give "
        "CLASS_FIELD a name the layer does not have, or tick REPLACE_FIELDS to replace it.")


def test_units_classify_replaces_on_purpose(provider, tmp_out):
    import processing

    params = dict(valid("units_classify", None), CLASS_FIELD="XZQMC", REPLACE_FIELDS=True,
                  OUTPUT=str(tmp_out / "units.gpkg"), FINDINGS="TEMPORARY_OUTPUT")
    rows = table(processing.run("ecospace:units_classify", params)["OUTPUT"])
    assert {r["XZQMC"] for r in rows} <= {1, 2, 3} and "XZQDM" in rows[0]


def test_units_classify_fields_of_an_earlier_classification(tmp_path, tmp_out):
    """Classifying classified units again: the shares it wrote are not overwritten silently."""
    import processing

    first = processing.run("ecospace:units_classify", dict(
        valid("units_classify", None), OUTPUT=str(tmp_path / "first.gpkg"),
        FINDINGS="TEMPORARY_OUTPUT"))["OUTPUT"]
    message = refused("units_classify", {"UNITS": first, "PRIORITY_LAYERS": [layer("priority_zones")]},
                      tmp_out)
    assert message.startswith("CODE_FIELD: layer 'first' already has a field 'HJZHGKDYBM'") or \
        message.startswith("CLASS_FIELD: layer 'first' already has a field 'ZHGKDYFL'")
    assert message.endswith("or tick REPLACE_FIELDS to replace it.")


def test_mapping_names_an_output_field(tmp_out):
    params = dict(valid("units_classify", None), NAME_FIELD="priority_pct")
    assert refused("units_classify", params, tmp_out) == (
        "The field mapping uses priority_pct, which the output already has for its own results "
        "(priority_pct, key_pct, controlled_pct, basis): choose other names.")


def test_units_code_keeps_a_name_field(tmp_out):
    params = {"UNITS": layer("townships"), "COUNTIES": layer("counties"), "CODE_FIELD": "XZQMC",
              "CLASS_FIELD": "XZQDM"}
    assert refused("units_code", params, tmp_out) == (
        "CODE_FIELD: field 'XZQMC' of layer 'townships' holds '城厢镇', '太平镇', '双桥镇', '宁武镇', "
        "'两江镇' …, none of them a unit code (ZH…), and the output rewrites this field with codes. "
        "Choose the unit code field, or a name the layer does not have (the field is then created).")


def test_numeric_code_field(tmp_out):
    params = {"UNITS": layer("townships"), "COUNTIES": layer("counties"), "CODE_FIELD": "fid",
              "CLASS_FIELD": "XZQDM"}
    assert refused("units_code", params, tmp_out) == (
        "CODE_FIELD: field 'fid' of layer 'townships' is a field of type Integer64 holding '1', '2', "
        "'3', '4', '5' …, but it must hold text such as 'ZH45012210001'. Choose a text field, or a name "
        "the layer does not have (the field is then created).")


def test_units_code_class_field_must_exist(tmp_out):
    params = dict(valid("units_code", None), CLASS_FIELD="FL")
    message = refused("units_code", params, tmp_out)
    assert message.startswith("CLASS_FIELD: layer 'control_units' has no field 'FL'. Its fields are: ")
    assert message.endswith(". Choose one of them for CLASS_FIELD.")


def test_units_check_county_field_must_exist(tmp_out):
    params = dict(valid("units_check", None), COUNTY_CODE_FIELD="NOPE")
    assert refused("units_check", params, tmp_out) == (
        "COUNTY_CODE_FIELD: layer 'counties' has no field 'NOPE'. Its fields are: fid, XZQDM, XZQMC. "
        "Choose one of them for COUNTY_CODE_FIELD.")


def test_units_generate_code_field_must_exist(tmp_out):
    assert refused("units_generate", {"ADMIN": layer("counties"), "ADMIN_CODE_FIELD": "XJDM"},
                   tmp_out) == (
        "ADMIN_CODE_FIELD: layer 'counties' has no field 'XJDM'. Its fields are: fid, XZQDM, XZQMC. "
        "Choose one of them for ADMIN_CODE_FIELD.")


def test_units_generate_mapping_clashes_with_its_own_field(tmp_out):
    assert refused("units_generate", {"ADMIN": layer("counties"), "AREA_HA_FIELD": "admin_fid"},
                   tmp_out) == (
        "The field mapping uses admin_fid, which the output already has for its own results "
        "(admin_fid): choose other names.")


def test_reserve_ids_of_different_types_say_what_each_side_holds(tmp_out):
    params = dict(RESERVES, ZONE_RESERVE_FIELD="MJ", UNKNOWN_AS_FINDINGS=True)
    assert refused("reserve_check", params, tmp_out) == (
        "No zone's reserve id matches any reserve id. ZONE_RESERVE_FIELD 'MJ' of 'pa_zones' (Real) holds "
        "'1247.44', '1260479.02', '1339097.52', '1542423.06', '21258001.71' …; RESERVE_ID_FIELD 'BHDDM' "
        "of 'protected_areas' (String) holds 'NA450122001', 'NA450123001', 'NA450124001', "
        "'NP450124001', 'NR450122001' …. They are compared as text: choose the two fields that hold "
        "the same reserve codes.")


def test_reserve_ids_all_empty(tmp_out):
    zones = QgsVectorLayer(layer("pa_zones"), "zones", "ogr")
    empty = QgsVectorLayer("MultiPolygon?crs=EPSG:4524&field=RID:string&field=GNFQ:string", "empty_ids",
                           "memory")
    feats = []
    for f in zones.getFeatures():
        feat = QgsFeature(empty.fields())
        feat.setGeometry(QgsGeometry(f.geometry()))
        feat.setAttributes([None, f["GNFQ"]])
        feats.append(feat)
    empty.dataProvider().addFeatures(feats)
    params = {"RESERVES": layer("protected_areas"), "ZONES": empty, "ZONE_RESERVE_FIELD": "RID",
              "UNKNOWN_AS_FINDINGS": True}
    message = refused("reserve_check", params, tmp_out)
    assert message.startswith("No zone's reserve id matches any reserve id. ZONE_RESERVE_FIELD 'RID' of "
                              "'empty_ids' (string) holds no value (every feature read is empty); "
                              "RESERVE_ID_FIELD 'BHDDM' of 'protected_areas' (String) holds")


def test_reserve_zone_field_must_exist(tmp_out):
    assert refused("reserve_check", dict(RESERVES, ZONE_FIELD="NOPE"), tmp_out) == (
        "ZONE_FIELD: layer 'pa_zones' has no field 'NOPE'. Its fields are: fid, BHDDM, GNFQ, MJ. Choose "
        "one of them for ZONE_FIELD.")


def test_declared_area_field_must_hold_numbers(tmp_out):
    message = refused("reserve_check", dict(RESERVES, AREA_FIELD="BHDMC"), tmp_out)
    assert message.startswith("AREA_FIELD: field 'BHDMC' of layer 'protected_areas' is a field of type "
                              "String holding '大明山国家公园（马山片区）'")
    assert message.endswith(", but AREA_FIELD needs numbers. Choose a numeric field, or convert this one "
                            "(Field Calculator: to_real(\"BHDMC\")).")


def test_redline_area_field_must_hold_numbers(tmp_out):
    assert refused("redline_check", {"REDLINE": layer("redline"), "AREA_FIELD": "XZQMC"}, tmp_out) == (
        "AREA_FIELD: field 'XZQMC' of layer 'redline' is a field of type String holding '武鸣区', "
        "'隆安县', '马山县', but AREA_FIELD needs numbers. Choose a numeric field, or convert this one "
        "(Field Calculator: to_real(\"XZQMC\")).")


def test_redline_county_code_field_must_exist(tmp_out):
    params = {"REDLINE": layer("redline"), "COUNTIES": layer("townships"), "COUNTY_CODE_FIELD": "DM"}
    assert refused("redline_check", params, tmp_out) == (
        "COUNTY_CODE_FIELD: layer 'townships' has no field 'DM'. Its fields are: fid, XZQDM, XZQMC, XJDM. "
        "Choose one of them for COUNTY_CODE_FIELD.")


def test_human_activity_zone_reserve_field_must_exist(tmp_out):
    params = dict(valid("human_activity", None), ZONE_RESERVE_FIELD="NOPE")
    assert refused("human_activity", params, tmp_out) == (
        "ZONE_RESERVE_FIELD: layer 'pa_zones' has no field 'NOPE'. Its fields are: fid, BHDDM, GNFQ, MJ. "
        "Choose one of them for ZONE_RESERVE_FIELD.")


def test_overlaps_id_field_must_exist(tmp_out):
    params = {"RESERVES": layer("protected_areas"), "RESERVE_ID_FIELD": "XX"}
    assert refused("protected_area_overlaps", params, tmp_out) == (
        "RESERVE_ID_FIELD: layer 'protected_areas' has no field 'XX'. Its fields are: fid, BHDDM, BHDMC, "
        "JB, BHDLX, SBMJ. Choose one of them for RESERVE_ID_FIELD.")


def test_candidate_grade_field_must_hold_numbers(tmp_out):
    params = {"IMPORTANCE": layer("protected_areas"), "GRADE_FIELD": "JB"}
    message = refused("redline_candidate", params, tmp_out)
    assert message.startswith("GRADE_FIELD: field 'JB' of layer 'protected_areas' is a field of type "
                              "String holding '国家级'")


def test_candidate_band_beyond_the_raster(tmp_out, factor):
    assert refused("redline_candidate", {"IMPORTANCE": factor, "BAND": 3}, tmp_out) == (
        "BAND: raster 'factor' has 1 band(s), so there is no band 3. Choose a band from 1 to 1.")


def test_siting_site_field_must_exist(tmp_out):
    params = dict(valid("siting_check", None), SITE_ID_FIELD="NOPE")
    message = refused("siting_check", params, tmp_out)
    assert message.startswith("SITE_ID_FIELD: layer 'project_sites_points' has no field 'NOPE'. Its "
                              "fields are: fid, ")


def test_siting_industry_column_must_exist(tmp_out):
    params = dict(valid("siting_check", None), ACCESS_INDUSTRY_FIELD="HY",
                  ACCESS_LIST_FILE=str(SAMPLE.parent / "access_list.csv"))
    assert refused("siting_check", params, tmp_out) == (
        "ACCESS_INDUSTRY_FIELD: the access list has no column 'HY' (its columns: HJZHGKDYBM, ZHGKDYFL, "
        "HYLB, KJBJYS, PWWPFGK, HJFXFK, ZYKFXLYQ, REMARK). Name its industry column, or leave "
        "ACCESS_INDUSTRY_FIELD empty so that every row applies to every industry.")


def test_siting_access_column_named_like_an_output_field(tmp_out):
    params = dict(valid("siting_check", None), ACCESS_FIELDS="KJBJYS,verdict")
    message = refused("siting_check", params, tmp_out)
    assert message.startswith("The field mapping uses verdict, which the output already has for its "
                              "own results (site_layer, site_fid, ")


def test_style_needs_its_field(tmp_out):
    assert refused("style_layer", {"INPUT": layer("pa_zones"), "STYLE": 4}, tmp_out) == (
        "STYLE 'Protected-area zones by type' colours the features by the field 'zone', which layer "
        "'pa_zones' does not have (its fields: fid, BHDDM, GNFQ, MJ). Choose the style made for this "
        "layer, or run it on the output of the algorithm that writes 'zone'.")


class ErrorLog(Feedback):
    def reportError(self, text, fatalError=False):
        self.log.append(text)


def test_models_check_their_children(provider, tmp_out):
    """Models never call a child's checkParameterValues: prepareAlgorithm checks instead."""
    import processing

    model = QgsProcessingModelAlgorithm()
    assert model.fromFile(str(MODELS / "redline_check_styled.model3"))
    feedback = ErrorLog()
    with pytest.raises(QgsProcessingException):
        processing.run(model, {"redline": layer("redline"), "counties": layer("counties"),
                               "county_code_field": "NOPE",
                               "redline_check:findings": str(tmp_out / "f.gpkg")}, feedback=feedback)
    assert ("COUNTY_CODE_FIELD: layer 'counties' has no field 'NOPE'. Its fields are: fid, XZQDM, "
            "XZQMC. Choose one of them for COUNTY_CODE_FIELD.") in feedback.text()
    assert list(tmp_out.iterdir()) == []


# -- findings instead of silence -----------------------------------------------------------

def test_compare_reports_null_geometries_and_does_not_count_them_as_added(provider, tmp_path):
    """OLD lost the geometry of two patches; NEW has them: reported, and not added."""
    import processing

    old = tmp_path / "old.gpkg"
    processing.run("native:savefeatures", {"INPUT": layer("redline"), "OUTPUT": str(old)})
    lyr = QgsVectorLayer(str(old), "old", "ogr")
    lyr.startEditing()
    for fid in (3, 7):
        assert lyr.changeGeometry(fid, QgsGeometry())
    assert lyr.commitChanges()
    del lyr
    out = {"ADDED": str(tmp_path / "added.gpkg"), "REMOVED": str(tmp_path / "removed.gpkg"),
           "OUTPUT": str(tmp_path / "findings.gpkg")}
    res = processing.run("ecospace:redline_compare", dict(out, OLD=str(old), NEW=layer("redline")))
    assert res["ADDED_M2"] == 0 and table(res["ADDED"]) == []
    rows = [(r["rule"], r["layer"], r["feature_fid"], r["other_fid"]) for r in table(res["OUTPUT"])]
    assert ("CMP_GEOM_NULL", "OLD", 3, None) in rows and ("CMP_GEOM_NULL", "OLD", 7, None) in rows
    unknown = sorted(r for r in rows if r[0] == "CMP_CHANGE_UNKNOWN")
    assert unknown == [("CMP_CHANGE_UNKNOWN", "NEW", 3, 3), ("CMP_CHANGE_UNKNOWN", "NEW", 7, 7)]
    assert res["WARNING_COUNT"] >= 4


def gbk_shapefile(tmp_path, name, fields):
    """A sample layer as a shapefile holding GBK text and no .cpg file."""
    from osgeo import ogr

    path = tmp_path / (name + ".shp")
    ds = ogr.GetDriverByName("ESRI Shapefile").CreateDataSource(str(path))
    src = ogr.Open(str(SAMPLE))
    ds.CopyLayer(src.GetLayerByName(name), name, ["ENCODING="])  # raw UTF-8 bytes
    ds = None
    texts = {f.GetField(k) for f in src.GetLayerByName(name) for k in fields}
    src = None
    recode_dbf_to_gbk(path.with_suffix(".dbf"), [t for t in texts if t and not t.isascii()])
    path.with_suffix(".cpg").unlink(missing_ok=True)
    return str(path)


HINT = ("the file is probably GBK-encoded without a .cpg file. Put a file with the same name and the "
        "extension .cpg, holding the word GBK, next to it (or set the layer's data source encoding in "
        "QGIS), then run again.")


@pytest.mark.parametrize("name,params", [
    ("redline_check", lambda p: {"REDLINE": gbk_shapefile(p, "redline", ["XZQMC", "HXLX"])}),
    ("redline_candidate", lambda p: {"PROTECTED_AREAS": [gbk_shapefile(p, "protected_areas",
                                                                       ["BHDMC", "JB", "BHDLX"])]}),
    ("style_layer", lambda p: {"INPUT": gbk_shapefile(p, "protected_areas", ["BHDMC", "JB", "BHDLX"]),
                               "STYLE": 1}),
])
def test_gbk_without_cpg_gets_the_hint(provider, tmp_path, name, params):
    import processing

    feedback = Feedback()
    given = params(tmp_path)
    processing.run("ecospace:" + name, dict(outputs(name, tmp_path / "out"), **given), feedback=feedback)
    layer_name = "REDLINE" if name == "redline_check" else "protected_areas"  # as read_layer names it
    fields = "XZQMC, HXLX" if name == "redline_check" else "BHDMC, JB, BHDLX"
    hints = [t for t in feedback.log if HINT in t]
    assert len(hints) == 1
    assert hints[0].startswith("Layer '{}': the text of {} did not decode (e.g. '".format(layer_name, fields))
