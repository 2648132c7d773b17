"""Every output of every ecospace algorithm, written from the sample into one folder.

The layer-guessing tests (test_layer_guess_outputs.py) load them into a project beside the sample's
inputs: a dialog must then guess exactly what it guesses on a clean project. About 12 s on 2 cores.
"""
import os
import time

from ..support import SAMPLE_DIR, decay_raster, layer

TIF = ".tif"


def runs(folder, services):
    """(algorithm id, parameters) of every algorithm, every optional output asked for."""
    f = lambda name, ext=".gpkg": os.path.join(folder, name + ext)  # noqa: E731
    grade = f("importance_grade", TIF)
    return [
        ("ecospace:importance_grade", {"SERVICES": services, "OUTPUT": grade,
                                       "SERVICE_FOLDER": os.path.join(folder, "services"),
                                       "TABLE": f("importance_table")}),
        ("ecospace:sensitivity_grade", {"FACTORS": services, "FACTOR_BREAKS": "water:20,60;bio:10,40",
                                        "OUTPUT": f("sensitivity_grade", TIF),
                                        "COMPOSITE": f("sensitivity_composite", TIF),
                                        "TABLE": f("sensitivity_table")}),
        ("ecospace:redline_check", {
            "REDLINE": layer("redline"), "FARMLAND": layer("farmland"), "URBAN_BOUNDARY": layer("urban_boundary"),
            "PROTECTED_AREAS": layer("protected_areas"),
            "CONFLICT_LAYERS": [layer("construction_land"), layer("mining_rights"), layer("settlements")],
            "COUNTIES": layer("counties"), "COUNTY_CODE_FIELD": "XZQDM", "COUNTY_NAME_FIELD": "XZQMC",
            "OUTPUT": f("redline_findings"), "STATISTICS": f("redline_statistics"),
            "REPORT": f("redline_report", ".html")}),
        ("ecospace:redline_candidate", {
            "IMPORTANCE": grade, "PROTECTED_AREAS": [layer("protected_areas")],
            "DEDUCT_LAYERS": [layer("farmland"), layer("urban_boundary")],
            "REPORT_LAYERS": [layer("construction_land")], "EXISTING_REDLINE": layer("redline"),
            "COUNTIES": layer("counties"), "COUNTY_CODE_FIELD": "XZQDM",
            "OUTPUT": f("candidate"), "CANDIDATES_TO_ADD": f("candidates_to_add"),
            "FINDINGS": f("candidate_findings")}),
        ("ecospace:redline_compare", {
            "OLD": layer("redline"), "NEW": f("candidate"), "COUNTIES": layer("counties"),
            "COUNTY_CODE_FIELD": "XZQDM", "COUNTY_NAME_FIELD": "XZQMC",
            "REASON_LAYERS": [layer("farmland")], "ADDED": f("compare_added"), "REMOVED": f("compare_removed"),
            "OUTPUT": f("compare_findings"), "COUNTY_TABLE": f("compare_counties")}),
        ("ecospace:units_generate", {
            "ADMIN": layer("townships"), "ADMIN_CODE_FIELD": "XZQDM", "ADMIN_NAME_FIELD": "XZQMC",
            "PRIORITY_LAYERS": [layer("priority_zones"), layer("redline")], "KEY_LAYERS": [layer("key_zones")],
            "OUTPUT": f("units_generated"), "FINDINGS": f("units_generate_findings")}),
        ("ecospace:units_classify", {
            "UNITS": layer("townships"), "PRIORITY_LAYERS": [layer("priority_zones"), layer("redline")],
            "KEY_LAYERS": [layer("key_zones")], "COUNTY_CODE_FIELD": "XZQDM", "UNIT_NAME_FIELD": "XZQMC",
            "OUTPUT": f("units_classified"), "FINDINGS": f("units_classify_findings")}),
        ("ecospace:units_check", {
            "UNITS": layer("control_units"), "COUNTIES": layer("counties"), "COUNTY_CODE_FIELD": "XZQDM",
            "REDLINE": layer("redline"), "PRIORITY_LAYERS": [layer("priority_zones"), layer("redline")],
            "KEY_LAYERS": [layer("key_zones")], "OUTPUT": f("units_findings"),
            "STATISTICS": f("units_statistics"), "REPORT": f("units_report", ".html")}),
        ("ecospace:units_code", {
            "UNITS": layer("control_units"), "COUNTIES": layer("counties"), "COUNTY_CODE_FIELD": "XZQDM",
            "OUTPUT": f("units_coded"), "FINDINGS": f("units_code_findings"), "CHANGES": f("units_code_changes")}),
        ("ecospace:reserve_check", {
            "RESERVES": layer("protected_areas"), "ZONES": layer("pa_zones"), "UNKNOWN_AS_FINDINGS": True,
            "OUTPUT": f("reserve_findings"), "SUMMARY": f("reserve_summary"),
            "ZONES_TWO_SYSTEM": f("reserve_zones_two_system"), "REPORT": f("reserve_report", ".html")}),
        ("ecospace:protected_area_overlaps", {
            "RESERVES": layer("protected_areas"), "REDLINE": layer("redline"),
            "OUTPUT": f("pa_overlap_findings"), "OVERLAPS": f("pa_overlaps")}),
        ("ecospace:human_activity", {
            "ACTIVITIES": layer("activity_polygons"), "RESERVES": layer("protected_areas"),
            "ZONES": layer("pa_zones"), "ZONE_VALUES": "YBKZ=general_control", "REDLINE": layer("redline"),
            "PREVIOUS": layer("activity_polygons_2024"),
            "OUTPUT": f("activity_findings"), "SUMMARY": f("activity_summary")}),
        ("ecospace:siting_check", {
            "SITES": layer("project_sites_polygons"), "SITE_ID_FIELD": "XMBH", "SITE_NAME_FIELD": "XMMC",
            "INDUSTRY_FIELD": "HYLB", "UNITS": layer("control_units"),
            "ACCESS_LIST_FILE": str(SAMPLE_DIR / "access_list.csv"), "ACCESS_INDUSTRY_FIELD": "HYLB",
            "REDLINE": layer("redline"), "PROTECTED_AREAS": layer("pa_zones"),
            "OUTPUT": f("siting_table"), "FINDINGS": f("siting_findings")}),
    ]


def write_all(folder):
    """Run every algorithm into `folder`; {algorithm id: results}. The service rasters are inputs."""
    import processing

    os.makedirs(folder, exist_ok=True)
    services = [decay_raster(os.path.join(folder, "in_water.tif"), "redline", 800.0, 100.0),
                decay_raster(os.path.join(folder, "in_bio.tif"), "protected_areas", 500.0, 60.0)]
    out = {}
    for alg, params in runs(folder, services):
        start = time.monotonic()
        out[alg] = processing.run(alg, params)
        out[alg]["_seconds"] = time.monotonic() - start
    return out

