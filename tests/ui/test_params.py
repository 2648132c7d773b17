"""The dialogs' logic without a window: layer guesses, parameter building, file names, export."""
import csv
import datetime

import pytest

from ecospace.ui import layer_guess as G
from ecospace.ui import params as P
from ecospace.ui.jobs import jobs, preferred_fields, role_for

SAMPLE = ["counties", "townships", "redline", "farmland", "urban_boundary", "protected_areas", "pa_zones",
          "construction_land", "mining_rights", "settlements", "priority_zones", "key_zones",
          "activity_points", "activity_polygons", "project_sites_points", "project_sites_lines",
          "project_sites_polygons"]


@pytest.mark.parametrize("name,role", [
    ("生态保护红线", "REDLINE"), ("STBHHX", "REDLINE"), ("stbhhx_2023", "REDLINE"), ("redline", "REDLINE"),
    ("南宁市生态保护红线（报批稿）", "REDLINE"), ("永久基本农田", "FARMLAND"), ("YJJBNT", "FARMLAND"),
    ("farmland", "FARMLAND"), ("城镇开发边界", "URBAN_BOUNDARY"), ("CZKFBJ", "URBAN_BOUNDARY"),
    ("自然保护地", "PROTECTED_AREAS"), ("ZRBHD", "PROTECTED_AREAS"), ("功能分区", "ZONES"), ("GNFQ", "ZONES"),
    ("pa_zones", "ZONES"), ("环境管控单元", "UNITS"), ("HJZHGKDY", "UNITS"), ("县级行政区", "COUNTIES"),
    ("XZQ", "COUNTIES"), ("counties", "COUNTIES"), ("XZ", "TOWNSHIPS"), ("乡镇行政区", "TOWNSHIPS"),
    ("建设用地", "CONSTRUCTION"), ("KYQ", "MINING"), ("居民点", "SETTLEMENTS"), ("priority_zones", "PRIORITY_ZONES"),
    ("key_zones", "KEY_ZONES"), ("人类活动图斑", "ACTIVITIES"), ("project_sites_lines", "SITES"),
    ("准入清单", "ACCESS_LIST"),
])
def test_best_role(name, role):
    assert G.best_role(name) == role


def test_raster_roles():
    for name in ("水源涵养", "水土保持服务", "生物多样性维护", "防风固沙", "海岸防护", "water_conservation",
                 "biodiversity", "重要性"):
        assert G.best_role(name) == "SERVICES", name
    for name in ("降水侵蚀力", "地形起伏度", "植被覆盖度", "土壤可蚀性", "erosivity", "fvc", "敏感性"):
        assert G.best_role(name) == "FACTORS", name
    # the graded outputs are grades, not services or factors
    assert G.best_role("综合重要性等级") == "IMPORTANCE_GRADE"
    assert G.best_role("Overall importance grade") == "IMPORTANCE_GRADE"
    assert G.best_role("敏感性等级") == "SENSITIVITY_GRADE" and G.best_role("Sensitivity grade") == "SENSITIVITY_GRADE"
    for name in SAMPLE:  # the vector roles are unchanged
        assert G.best_role(name) not in ("SERVICES", "FACTORS", "IMPORTANCE_GRADE", "SENSITIVITY_GRADE"), name


def test_assign_two_red_lines_to_old_and_new():
    names = ["counties", "redline_2025", "redline"]
    picks = G.assign({"OLD": ["REDLINE"], "NEW": ["REDLINE"]}, {"OLD": names, "NEW": names})
    assert picks == {"OLD": 2, "NEW": 1}
    one = ["counties", "redline"]
    assert G.assign({"OLD": ["REDLINE"], "NEW": ["REDLINE"]}, {"OLD": one, "NEW": one}) == {"OLD": 1, "NEW": None}


def test_versions_are_ordered_by_their_year():
    names = ["redline_2025", "redline_2020", "counties"]
    wanted, offered = {"OLD": ["REDLINE"], "NEW": ["REDLINE"]}, {"OLD": names, "NEW": names}
    assert G.assign(wanted, offered) == {"OLD": 0, "NEW": 1}  # layer order alone
    assert G.assign(wanted, offered, [("OLD", "NEW")]) == {"OLD": 1, "NEW": 0}  # 2020 before 2025
    assert G.version_year("STBHHX_2023") == 2023 and G.version_year("XZQDM450122") is None
    assert G.version_year("redline") is None


def test_previous_activities_only_when_the_name_says_so():
    wanted = {"ACTIVITIES": ["ACTIVITIES"], "PREVIOUS": "PREVIOUS_ACTIVITIES"}
    plain = ["activity_polygons", "activity_polygons_2024"]
    assert G.assign(wanted, {"ACTIVITIES": plain, "PREVIOUS": plain}) == {"ACTIVITIES": 0, "PREVIOUS": None}
    named = ["上期人类活动图斑", "人类活动图斑"]
    assert G.assign(wanted, {"ACTIVITIES": named, "PREVIOUS": named}) == {"ACTIVITIES": 1, "PREVIOUS": 0}


@pytest.mark.parametrize("fields, kind", [
    (["rule", "severity", "layer", "feature_fid", "message"], "findings"),
    (["BSM", "patch_id", "origin", "o_importance", "o_sensitivity", "MJ"], "candidate"),
    (["change", "feature_fid", "county_code", "county_name", "area_m2", "area_ha"], "change"),
    (["HJZHGKDYBM", "ZHGKDYFL", "admin_fid"], "units_generated"),
    (["site_fid", "site_id", "unit_fid", "verdict"], "siting"),
    (["BSM", "YSDM", "XZQDM", "XZQMC", "MJ", "HXLX"], None),  # the sample's red line
    (["HJZHGKDYBM", "HJZHGKDYMC", "ZHGKDYFL", "PROV", "CITY", "AREA"], None),  # delivered units
    (["BHDDM", "GNFQ", "MJ"], None),
])
def test_output_schemas(fields, kind):
    assert G.output_schema(fields) == kind


def test_raster_outputs_are_geotiffs_and_their_side_files_count(tmp_path):
    specs = [P.ParamSpec("OUTPUT", "raster_out", "Grade", extension=".tif"),
             P.ParamSpec("COMPOSITE", "raster_out", "Composite", optional=True, extension=".tif"),
             P.ParamSpec("TABLE", "sink", "Table", optional=True, default=True)]
    paths = P.output_paths(specs, str(tmp_path), "delineation", "20261124_101010", wanted=("TABLE",))
    assert sorted(paths) == ["OUTPUT", "TABLE"]
    assert paths["OUTPUT"].endswith("delineation_20261124_101010_output.tif")
    stem = paths["OUTPUT"][:-4]
    for name in (stem + ".qml", paths["OUTPUT"] + ".aux.xml", stem + ".1234.partial.tif",
                 stem + ".1234.partial.tif.aux.xml"):
        open(name, "w").close()
    assert P.leftover_files([paths["OUTPUT"]]) == [paths["OUTPUT"] + ".aux.xml", stem + ".qml",
                                                  stem + ".1234.partial.tif",
                                                  stem + ".1234.partial.tif.aux.xml"]


@pytest.mark.parametrize("name", ["Red-line findings", "redline_statistics", "红线检查结果", "roads", "dem",
                                  "keyboard_layout", "XZQH_points_extra_findings"])
def test_no_role_for_results_and_unrelated_layers(name):
    assert G.best_role(name) is None or G.is_result_name(name)
    assert G.guess_layer("REDLINE", [name]) is None


def test_latin_keywords_match_whole_words():
    assert G.keyword_score("XZQ", "XZ") == 0  # townships' code does not match counties' code
    assert G.keyword_score("keyboard", "key") == 0
    assert G.keyword_score("key_zones", "key") > 0


def test_assign_on_the_sample_names():
    wanted = {"REDLINE": "REDLINE", "FARMLAND": "FARMLAND", "URBAN_BOUNDARY": "URBAN_BOUNDARY",
              "PROTECTED_AREAS": "PROTECTED_AREAS", "COUNTIES": "COUNTIES",
              "CONFLICT_LAYERS": ("CONSTRUCTION", "MINING", "SETTLEMENTS"), "PREVIOUS": None}
    picks = G.assign(wanted, {p: SAMPLE for p in wanted})
    named = {p: (SAMPLE[i] if isinstance(i, int) else i if i is None else [SAMPLE[k] for k in i])
             for p, i in picks.items()}
    assert named == {"REDLINE": "redline", "FARMLAND": "farmland", "URBAN_BOUNDARY": "urban_boundary",
                     "PROTECTED_AREAS": "protected_areas", "COUNTIES": "counties",
                     "CONFLICT_LAYERS": ["construction_land", "mining_rights", "settlements"],
                     "PREVIOUS": None}


def test_assign_fallback_role_and_one_layer_per_parameter():
    names = ["townships", "counties"]
    picks = G.assign({"UNITS": ["UNITS", "TOWNSHIPS"], "ADMIN": "TOWNSHIPS"}, {"UNITS": names, "ADMIN": names})
    assert sorted([picks["UNITS"], picks["ADMIN"]], key=str) == [0, None]  # townships is taken once
    assert G.assign({"UNITS": ["UNITS", "TOWNSHIPS"]}, {"UNITS": names}) == {"UNITS": 0}
    chinese = ["生态保护红线", "永久基本农田", "城镇开发边界"]
    assert G.assign({"REDLINE": "REDLINE", "FARMLAND": "FARMLAND"}, {"REDLINE": chinese, "FARMLAND": chinese}) \
        == {"REDLINE": 0, "FARMLAND": 1}


def test_pick_field():
    assert G.pick_field(["fid", "xzqdm", "XZQMC"], ["XZQDM", "XZDM"]) == "xzqdm"
    assert G.pick_field(["BSM"], ["XZQDM"]) == ""
    assert preferred_fields("COUNTY_CODE_FIELD", "XZQDM")[0] == "XZQDM"
    assert preferred_fields("ZONE_FIELD", None) == ["GNFQ"]
    assert preferred_fields("MIN_PART_AREA", 200.0) == []


def test_roles_of_the_dialogs():
    by_id = {j.id: j for j in jobs()}
    redline = by_id["redline"].steps[0]
    assert role_for(redline, "REDLINE") == "REDLINE"
    assert role_for(redline, "CONFLICT_LAYERS") == ("CONSTRUCTION", "MINING", "SETTLEMENTS")
    assert role_for(redline, "MIN_PART_AREA") is None
    reserves = by_id["reserves"].steps[2]
    assert role_for(reserves, "RESERVES") == "PROTECTED_AREAS"
    assert role_for(reserves, "PREVIOUS") == "PREVIOUS_ACTIVITIES"  # only a name that says 上期 / previous
    generate = by_id["units"].steps[0]
    assert role_for(generate, "ADMIN") == "TOWNSHIPS"
    assert role_for(by_id["siting"].steps[0], "PROTECTED_AREAS") == "ZONES"
    assert [s.algorithm for j in jobs() for s in j.steps] == [
        "ecospace:importance_grade", "ecospace:sensitivity_grade", "ecospace:redline_candidate",
        "ecospace:redline_compare",
        "ecospace:redline_check", "ecospace:units_generate", "ecospace:units_classify", "ecospace:units_check",
        "ecospace:units_code",
        "ecospace:reserve_check", "ecospace:protected_area_overlaps", "ecospace:human_activity",
        "ecospace:siting_check"]
    candidate = by_id["delineation"].steps[2]
    assert role_for(candidate, "PROTECTED_AREAS") == ("PROTECTED_AREAS",)  # a multiple-layer parameter there
    assert role_for(candidate, "DEDUCT_LAYERS") == ("FARMLAND", "URBAN_BOUNDARY")
    assert role_for(candidate, "MUST_INCLUDE") is None


SPECS = [
    P.ParamSpec("REDLINE", "layer", "Red line", geometry=("polygon",)),
    P.ParamSpec("FARMLAND", "layer", "Farmland", optional=True, geometry=("polygon",)),
    P.ParamSpec("CONFLICT_LAYERS", "layers", "Conflicts", optional=True),
    P.ParamSpec("COUNTIES", "layer", "Counties", optional=True),
    P.ParamSpec("COUNTY_CODE_FIELD", "field", "Code", optional=True, default="XZQDM", parent="COUNTIES"),
    P.ParamSpec("MIN_PART_AREA", "number", "Minimum part (m²)", default=200.0, minimum=0.0),
    P.ParamSpec("AREA_UNIT", "enum", "Unit", default=0, options=("m²", "ha")),
    P.ParamSpec("STRICT", "bool", "Strict", default=False),
    P.ParamSpec("OUTPUT", "sink", "Findings", default=True),
    P.ParamSpec("STATISTICS", "sink", "Statistics", optional=True, default=True),
    P.ParamSpec("REPORT", "file_out", "Report", optional=True, default=False, extension=".html"),
]


def test_missing_required_inputs():
    assert P.missing(SPECS, {"MIN_PART_AREA": 200.0}) == ["Red line"]
    assert P.missing(SPECS, {"REDLINE": "layer_id"}) == []
    assert P.missing(SPECS, {"REDLINE": ""}) == ["Red line"]


def test_input_parameters():
    state = {"REDLINE": "rl_id", "FARMLAND": None, "CONFLICT_LAYERS": ("a", "b"), "COUNTIES": None,
             "COUNTY_CODE_FIELD": "XZQDM", "MIN_PART_AREA": 150, "AREA_UNIT": 1, "STRICT": 1}
    params = P.input_parameters(SPECS, state)
    assert params == {"REDLINE": "rl_id", "CONFLICT_LAYERS": ["a", "b"], "MIN_PART_AREA": 150.0,
                      "AREA_UNIT": 1, "STRICT": True}  # no field without its layer, no empty optional
    assert isinstance(params["MIN_PART_AREA"], float)
    state["COUNTIES"] = "c_id"
    assert P.input_parameters(SPECS, state)["COUNTY_CODE_FIELD"] == "XZQDM"
    assert P.input_parameters([P.ParamSpec("F", "field", "F", multiple=True)], {"F": "A;B"}) == {"F": ["A", "B"]}


def test_output_paths_and_names():
    when = datetime.datetime(2026, 11, 24, 19, 5, 7)
    stamp = P.stamp_of(when)
    assert stamp == "20261124_190507"
    paths = P.output_paths(SPECS, "/out", "redline", stamp, wanted=["STATISTICS", "REPORT"])
    assert paths == {"OUTPUT": "/out/redline_20261124_190507_output.gpkg",
                     "STATISTICS": "/out/redline_20261124_190507_statistics.gpkg",
                     "REPORT": "/out/redline_20261124_190507_report.html"}
    assert set(P.output_paths(SPECS, "/out", "redline", stamp)) == {"OUTPUT"}  # optional ones only if wanted
    params = P.algorithm_parameters(SPECS, {"REDLINE": "id"}, "/out", "red line/1", stamp)
    assert params["OUTPUT"] == "/out/red_line_1_20261124_190507_output.gpkg" and params["REDLINE"] == "id"
    assert P.group_name("Red-line delivery check", when) == "Red-line delivery check 2026-11-24 19:05:07"


def test_leftover_files(tmp_path):
    gpkg = tmp_path / "a.gpkg"
    gpkg.write_bytes(b"x")
    (tmp_path / "a.gpkg-wal").write_bytes(b"x")
    found = P.leftover_files([str(gpkg), str(tmp_path / "b.html")])
    assert sorted(found) == [str(gpkg), str(gpkg) + "-wal"]


def test_units_of_numbers():
    assert P.hectares_hint("Minimum part (m²)", 200) == "0.0200"
    assert P.hectares_hint("Share (%)", 50) == ""
    assert P.hectares_hint("最小面积（平方米）", 1e6) == "100.0000"
    assert P.hectares_hint("Overlap tolerance (m²)", 0.01) == "0.000001"
    assert P.number_decimals(200.0) == 2 and P.number_decimals(0.01) == 2
    assert P.number_decimals(0.001) == 3 and P.number_decimals(0.05, 0.0, 1.0) == 3
    assert P.number_decimals(33.333333333333336) == 6


def test_export_csv_and_xlsx(tmp_path):
    from osgeo import ogr

    from ecospace.ui.export import write_table

    headers = ["Severity", "Rule", "Feature", "Area (m²)", "Message"]
    rows = [["error", "RL_OVERLAP_PBF", 112, 4589.45, "红线与永久基本农田重叠"],
            ["warning", "RL_HOLE", None, None, "小洞"]]
    with open(write_table(str(tmp_path / "t.csv"), headers, rows), encoding="utf-8-sig") as handle:
        read = list(csv.reader(handle))
    assert read[0] == headers and read[1][4] == "红线与永久基本农田重叠" and read[2][2] == ""
    book = ogr.Open(write_table(str(tmp_path / "t.xlsx"), headers, rows))
    sheet = book.GetLayer(0)
    assert sheet.GetFeatureCount() == 2
    first = sheet.GetNextFeature()
    assert first.GetField("Rule") == "RL_OVERLAP_PBF" and abs(first.GetField("Area (m²)") - 4589.45) < 1e-9


def test_specs_follow_the_algorithm(provider):
    from qgis.core import QgsApplication

    from ecospace.ui.specs import default_outputs, specs_of

    alg = QgsApplication.processingRegistry().algorithmById("ecospace:redline_check")
    specs = {s.name: s for s in specs_of(alg)}
    assert specs["REDLINE"].kind == "layer" and specs["REDLINE"].geometry == ("polygon",)
    assert not specs["REDLINE"].optional and specs["FARMLAND"].optional
    assert specs["CONFLICT_LAYERS"].kind == "layers"
    assert specs["COUNTY_CODE_FIELD"].parent == "COUNTIES" and specs["COUNTY_CODE_FIELD"].default == "XZQDM"
    assert specs["MIN_PART_AREA"].kind == "number" and specs["MIN_PART_AREA"].default == 200.0
    assert specs["SLIVER_INDEX"].advanced and specs["SLIVER_INDEX"].maximum == 1.0
    assert specs["AREA_UNIT"].kind == "enum" and len(specs["AREA_UNIT"].options) == 4
    assert specs["REPORT"].kind == "file_out" and specs["REPORT"].extension == ".html"
    assert default_outputs(specs.values()) == ["OUTPUT", "STATISTICS"]  # the report only on request


def test_raster_specs_follow_the_algorithms(provider):
    from qgis.core import QgsApplication

    from ecospace.ui.specs import default_outputs, specs_of

    registry = QgsApplication.processingRegistry()
    grade = {s.name: s for s in specs_of(registry.algorithmById("ecospace:importance_grade"))}
    assert grade["SERVICES"].kind == "layers" and grade["SERVICES"].geometry == ("raster",)
    assert grade["OUTPUT"].kind == "raster_out" and grade["OUTPUT"].extension == ".tif"
    assert grade["SERVICE_FOLDER"].kind == "other"  # a folder output: not offered, left to Processing
    assert default_outputs(grade.values()) == ["OUTPUT", "TABLE"]
    sens = {s.name: s for s in specs_of(registry.algorithmById("ecospace:sensitivity_grade"))}
    assert sens["COMPOSITE"].kind == "raster_out" and sens["COMPOSITE"].optional
    assert default_outputs(sens.values()) == ["OUTPUT", "TABLE"]
    cand = {s.name: s for s in specs_of(registry.algorithmById("ecospace:redline_candidate"))}
    assert cand["IMPORTANCE"].kind == "layer" and cand["IMPORTANCE"].geometry == ("polygon", "raster")
