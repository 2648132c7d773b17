"""Issue 11 through processing.run: a CRS is a promise, so it is checked; and every geometry a file
can hold ends as a finding or a counted warning, never a GEOS traceback or a runaway.

- CRS: a GeoPackage written without a CRS (srs_id 0, 'Undefined geographic SRS', which QGIS 3.22
  calls valid), srs_id -1, Gauss-Krüger metres labelled EPSG:4490, degrees labelled EPSG:4524, a
  raster in the wrong CRS: each refused with a message saying what the coordinates look like and
  which CRS to set. The same data in EPSG:4524 gives the right ellipsoidal areas.
- Geometries (tests/zoo.py): NaN / infinite / 1e20 coordinates, a ring GEOS cannot read, empty,
  NULL, zero-area, two-point ring, collapsed, bow-tie, Z with a NaN Z, a point in a polygon layer,
  added to a copy of a sample layer in the primary slot of each algorithm.
Every run is under a memory cap (tests/zoo.py), so a runaway fails instead of hanging.
"""
import numpy as np
import pytest
import shapely
from osgeo import gdal, osr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsDistanceArea,
    QgsGeometry,
    QgsProcessingException,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..support import SAMPLE, Feedback, layer, plain
from ..zoo import append_to_copy, memory_cap, polygon, set_srs_id, square, write_gpkg, zoo

pytestmark = pytest.mark.usefixtures("provider")  # the ecospace provider (conftest) is registered

ZONE_VALUES = "YBKZ=general_control"
ZX, ZY = 36520000.0, 2540000.0  # inside the sample's area (GK zone 36)
# the tester's site: 28 km × 10 km of zone-36 Gauss-Krüger metres, inside the sample's units
SITE = (36512000.0, 2530000.0, 36540000.0, 2540000.0)
GK36 = "EPSG:4524 (CGCS2000 / 3-degree Gauss-Kruger zone 36)"
FIX_GK36 = ("Set the layer's CRS in Layer Properties › Source, here probably EPSG:4524 (CGCS2000 / "
            "3-degree Gauss-Kruger zone 36), and run again.")


def run(alg, params, feedback=None):
    import processing

    with memory_cap(2.0):
        return processing.run("ecospace:" + alg, params, feedback=feedback)


def refusal(alg, params):
    """The message of the QgsProcessingException the run ends with."""
    with pytest.raises(QgsProcessingException) as error:
        run(alg, params)
    return str(error.value)


def findings(path):
    """{(rule, layer, fid): message} of a findings output."""
    lyr = QgsVectorLayer(str(path), "f", "ogr")
    assert lyr.isValid(), path
    return {(f["rule"], f["layer"], plain(f["feature_fid"])): f["message"] for f in lyr.getFeatures()}


def ellipsoidal(wkt):
    da = QgsDistanceArea()
    da.setSourceCrs(QgsCoordinateReferenceSystem("EPSG:4524"), QgsProject.instance().transformContext())
    da.setEllipsoid("EPSG:1024")  # CGCS2000
    return da.measureArea(QgsGeometry.fromWkt(wkt))


# ---------------------------------------------------------------------------------------- CRS

def site_gpkg(folder, name, epsg=4524, srs_id=None, degrees=False):
    """One polygon site (SITE) in a GeoPackage: labelled `epsg`, or pointed at `srs_id`; with
    `degrees` its coordinates are the same place in CGCS2000 longitude/latitude."""
    ring = [(SITE[0], SITE[1]), (SITE[2], SITE[1]), (SITE[2], SITE[3]), (SITE[0], SITE[3]), (SITE[0], SITE[1])]
    if degrees:
        src, dst = osr.SpatialReference(), osr.SpatialReference()
        src.ImportFromEPSG(4524)
        dst.ImportFromEPSG(4490)
        for ref in (src, dst):
            ref.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        ring = [tuple(p[:2]) for p in osr.CoordinateTransformation(src, dst).TransformPoints(ring)]
    value = write_gpkg(folder / (name + ".gpkg"), [("site", polygon(ring))], epsg=epsg, layer=name)
    return set_srs_id(value, srs_id) if srs_id is not None else value


def siting(sites, folder):
    return {"SITES": sites, "UNITS": layer("control_units"), "OUTPUT": str(folder / "rows.gpkg"),
            "FINDINGS": str(folder / "findings.gpkg")}


def site_area(result):
    """The whole site's area from a row of the siting table (a piece in one unit and its share; the
    sample's units overlap in places, so the pieces do not simply add up)."""
    row = next(QgsVectorLayer(result["OUTPUT"], "rows", "ogr").getFeatures())
    return row["area_m2"] * 100.0 / row["share_pct"]


COORDINATES = ("Its coordinates run from x = 36,512,000 to 36,540,000 and y = 2,530,000 to 2,540,000: metres, "
               "Gauss-Krüger eastings of 3-degree zone 36 (the zone number in front). ")
# QGIS 3.22/3.40 read srs_id 0 as the valid 'Undefined geographic SRS'; 3.44 (GDAL 3.13) as no CRS at all
UNDEFINED_SRS_0 = ("Layer 'nocrs' has the undefined coordinate reference system 'Undefined geographic SRS' (what "
                   "a GeoPackage written without a CRS gets), so its coordinates would be taken as degrees "
                   "whatever they are. " + COORDINATES + FIX_GK36)
NO_CRS_SRS_0 = "Layer 'nocrs' has no coordinate reference system. " + COORDINATES + FIX_GK36


def test_srs_id_0_is_refused_with_what_the_coordinates_are(tmp_path):
    """The tester's case: 423,307,300,353,774 m² for a 280 km² site."""
    message = refusal("siting_check", siting(site_gpkg(tmp_path, "nocrs", epsg=None), tmp_path))
    assert message in (UNDEFINED_SRS_0, NO_CRS_SRS_0), message
    assert not (tmp_path / "rows.gpkg").exists()


def test_the_same_site_in_epsg_4524_gives_the_right_area(tmp_path):
    result = run("siting_check", siting(site_gpkg(tmp_path, "gk"), tmp_path))
    assert site_area(result) == pytest.approx(ellipsoidal(shapely.box(*SITE).wkt), rel=1e-6)


@pytest.mark.parametrize("how, start", [
    ("srs_id -1", "Layer 'cartesian' has the coordinate reference system 'Undefined Cartesian SRS', "
                  "which has no datum or projection: its coordinates cannot be placed on the earth."),
    ("metres as EPSG:4490", "Layer 'metres' says it is in EPSG:4490 (China Geodetic Coordinate System "
                            "2000), but its coordinates cannot be in that CRS."),
])
def test_metres_in_a_crs_that_cannot_hold_them(tmp_path, how, start):
    sites = (site_gpkg(tmp_path, "cartesian", srs_id=-1) if how == "srs_id -1"
             else site_gpkg(tmp_path, "metres", epsg=4490))
    message = refusal("siting_check", siting(sites, tmp_path))
    assert message == start + (
        " Its coordinates run from x = 36,512,000 to 36,540,000 and y = 2,530,000 to 2,540,000: metres, "
        "Gauss-Krüger eastings of 3-degree zone 36 (the zone number in front). ") + FIX_GK36


def test_degrees_labelled_gauss_kruger(tmp_path):
    message = refusal("siting_check", siting(site_gpkg(tmp_path, "degrees", degrees=True), tmp_path))
    assert message.startswith("Layer 'degrees' says it is in {}, but its coordinates cannot be in that "
                              "CRS. Its coordinates run from x = 108.".format(GK36))
    assert message.endswith(": degrees of longitude and latitude. Set the layer's CRS in Layer "
                            "Properties › Source, here probably EPSG:4490 (China Geodetic Coordinate "
                            "System 2000), and run again.")


def test_the_same_degrees_in_epsg_4490_are_read(tmp_path):
    result = run("siting_check", siting(site_gpkg(tmp_path, "geo", epsg=4490, degrees=True), tmp_path))
    # only the corners went to degrees, not the straight GK edges: the same area within 1e-5
    assert site_area(result) == pytest.approx(ellipsoidal(shapely.box(*SITE).wkt), rel=1e-5)


@pytest.mark.parametrize("alg, slot, params", [
    ("redline_check", "FARMLAND", {"REDLINE": layer("redline"), "OUTPUT": "TEMPORARY_OUTPUT",
                                   "STATISTICS": "TEMPORARY_OUTPUT"}),
    ("redline_check", "CONFLICT_LAYERS", {"REDLINE": layer("redline"), "OUTPUT": "TEMPORARY_OUTPUT",
                                          "STATISTICS": "TEMPORARY_OUTPUT"}),
    ("units_classify", "UNITS", {"PRIORITY_LAYERS": [layer("priority_zones")], "OUTPUT": "TEMPORARY_OUTPUT",
                                 "FINDINGS": "TEMPORARY_OUTPUT"}),
    ("units_generate", "PRIORITY_LAYERS", {"ADMIN": layer("townships"), "OUTPUT": "TEMPORARY_OUTPUT",
                                           "FINDINGS": "TEMPORARY_OUTPUT"}),
    ("human_activity", "ACTIVITIES", {"RESERVES": layer("protected_areas"), "ZONES": layer("pa_zones"),
                                      "ZONE_VALUES": ZONE_VALUES, "OUTPUT": "TEMPORARY_OUTPUT"}),
    ("redline_compare", "NEW", {"OLD": layer("redline"), "ADDED": "TEMPORARY_OUTPUT",
                                "REMOVED": "TEMPORARY_OUTPUT", "OUTPUT": "TEMPORARY_OUTPUT"}),
    ("redline_candidate", "PROTECTED_AREAS", {"OUTPUT": "TEMPORARY_OUTPUT"}),
])
def test_every_layer_input_is_checked(tmp_path, alg, slot, params):
    """Primary, secondary and multi-layer inputs alike: srs_id 0 is refused, naming the layer."""
    value = site_gpkg(tmp_path, "undefined", epsg=None)
    many = slot in ("CONFLICT_LAYERS", "PRIORITY_LAYERS") or (alg == "redline_candidate")
    message = refusal(alg, dict(params, **{slot: [value] if many else value}))
    assert message.startswith(("Layer 'undefined' has the undefined coordinate reference system",
                               "Layer 'undefined' has no coordinate reference system."))  # 3.44: no CRS
    assert message.endswith(FIX_GK36)


def write_tif(path, epsg):
    """A 4×4 importance raster of GK zone-36 metres, labelled `epsg`."""
    ds = gdal.GetDriverByName("GTiff").Create(str(path), 4, 4, 1, gdal.GDT_Float32)
    ds.SetGeoTransform((36512000.0, 100.0, 0, 2540000.0, 0, -100.0))
    ref = osr.SpatialReference()
    ref.ImportFromEPSG(epsg)
    ds.SetProjection(ref.ExportToWkt())
    ds.GetRasterBand(1).WriteArray(np.arange(16, dtype=np.float32).reshape(4, 4))
    ds = None
    return str(path)


@pytest.mark.parametrize("alg, params", [
    ("importance_grade", lambda tif: {"SERVICES": [tif], "OUTPUT": "TEMPORARY_OUTPUT"}),
    ("sensitivity_grade", lambda tif: {"FACTORS": [tif], "FACTOR_BREAKS": "rainfall:100,600",
                                       "OUTPUT": "TEMPORARY_OUTPUT"}),
    ("redline_candidate", lambda tif: {"IMPORTANCE": tif, "OUTPUT": "TEMPORARY_OUTPUT"}),
])
def test_a_raster_in_the_wrong_crs_is_refused(tmp_path, alg, params):
    tif = write_tif(tmp_path / "metres.tif", 4490)
    message = refusal(alg, params(tif))
    assert message == (
        "Layer 'metres' says it is in EPSG:4490 (China Geodetic Coordinate System 2000), but its "
        "coordinates cannot be in that CRS. Its coordinates run from x = 36,512,000 to 36,512,400 and "
        "y = 2,539,600 to 2,540,000: metres, Gauss-Krüger eastings of 3-degree zone 36 (the zone "
        "number in front). " + FIX_GK36)


# ---------------------------------------------------------------------------------- geometries

def zoo_copy(folder, sample_layer):
    """A copy of `sample_layer` with the zoo added: (value, {zoo name: fid})."""
    animals = zoo(ZX, ZY)
    return append_to_copy(SAMPLE, sample_layer, folder / "zoo.gpkg",
                          [(name, wkb) for name, (wkb, _) in animals.items()])


LEFT_OUT = {"nan": "a coordinate that is not a number (NaN or infinite)",
            "nan_closing": "a ring that is not closed (e.g. by a NaN vertex) or has too few points",
            "inf": "a coordinate that is not a number (NaN or infinite)",
            "huge": "coordinates far outside the area its CRS covers",
            "point": "a geometry of another type than the layer's ({type})"}  # MultiPolygon; Z on 3.44
INVALID = set(LEFT_OUT) | {"zero_area", "two_point", "collapsed", "bow_tie"}
NULL = {"empty", "null"}

# algorithm, the zoo's slot, the sample layer it copies, the other parameters (folder -> dict),
# the zoo's name in the findings, its null rule (None: not reported) and invalid rule
CASES = [
    ("redline_check", "REDLINE", "redline",
     lambda d: {"FARMLAND": layer("farmland"), "COUNTIES": layer("counties"), "COUNTY_CODE_FIELD": "XZQDM",
                "OUTPUT": str(d / "f.gpkg"), "STATISTICS": "TEMPORARY_OUTPUT"},
     "REDLINE", "RL_GEOM_NULL", "RL_GEOM_INVALID"),
    ("units_classify", "UNITS", "townships",
     lambda d: {"PRIORITY_LAYERS": [layer("priority_zones")], "KEY_LAYERS": [layer("key_zones")],
                "OUTPUT": str(d / "units.gpkg"), "FINDINGS": str(d / "f.gpkg")},
     "UNITS", None, "UNIT_INPUT_INVALID"),
    ("units_check", "UNITS", "control_units",
     lambda d: {"COUNTIES": layer("counties"), "COUNTY_CODE_FIELD": "XZQDM", "OUTPUT": str(d / "f.gpkg")},
     "UNITS", "UNIT_GEOM_NULL", "UNIT_GEOM_INVALID"),
    ("siting_check", "SITES", "project_sites_polygons",
     lambda d: {"UNITS": layer("control_units"), "REDLINE": layer("redline"),
                "PROTECTED_AREAS": layer("pa_zones"), "OUTPUT": str(d / "rows.gpkg"),
                "FINDINGS": str(d / "f.gpkg")},
     "SITES", "SITE_GEOM_NULL", "SITE_INPUT_INVALID"),
    ("reserve_check", "ZONES", "pa_zones",
     lambda d: {"RESERVES": layer("protected_areas"), "ZONE_VALUES": ZONE_VALUES,
                "OUTPUT": str(d / "f.gpkg"), "SUMMARY": "TEMPORARY_OUTPUT"},
     "ZONES", "RES_GEOM_NULL", "RES_GEOM_INVALID"),
    ("protected_area_overlaps", "RESERVES", "protected_areas",
     lambda d: {"OUTPUT": str(d / "f.gpkg")},
     "RESERVES", "PA_GEOM_NULL", "PA_GEOM_INVALID"),
    ("human_activity", "ACTIVITIES", "activity_polygons",
     lambda d: {"RESERVES": layer("protected_areas"), "ZONES": layer("pa_zones"), "ZONE_VALUES": ZONE_VALUES,
                "OUTPUT": str(d / "f.gpkg"), "SUMMARY": "TEMPORARY_OUTPUT"},
     "ACTIVITIES", "HA_INPUT_NULL", "HA_INPUT_INVALID"),
    ("redline_compare", "NEW", "redline",
     lambda d: {"OLD": layer("redline"), "ADDED": "TEMPORARY_OUTPUT", "REMOVED": "TEMPORARY_OUTPUT",
                "OUTPUT": str(d / "f.gpkg")},
     "NEW", None, "CMP_INPUT_INVALID"),
]


@pytest.mark.parametrize("alg, slot, sample_layer, params, name, null_rule, invalid_rule", CASES,
                         ids=[c[0] for c in CASES])
def test_every_odd_geometry_is_a_finding(tmp_path, alg, slot, sample_layer, params, name, null_rule,
                                         invalid_rule):
    value, fids = zoo_copy(tmp_path, sample_layer)
    feedback = Feedback()
    result = run(alg, dict(params(tmp_path), **{slot: value}), feedback)
    found = findings(result.get("FINDINGS") or result["OUTPUT"])
    by_fid = {fid: zoo_name for zoo_name, fid in fids.items()}
    reported = {(rule, by_fid[fid]) for rule, lyr, fid in found
                if lyr == name and fid in by_fid and rule in (null_rule, invalid_rule)}
    want = {(invalid_rule, n) for n in INVALID} | ({(null_rule, n) for n in NULL} if null_rule else set())
    assert reported == want
    kind = QgsWkbTypes.displayString(QgsVectorLayer(value, "zoo", "ogr").wkbType())
    left_out = {n: why.format(type=kind) for n, why in LEFT_OUT.items()}
    for zoo_name, why in left_out.items():
        assert "is invalid: {}".format(why) in found[(invalid_rule, name, fids[zoo_name])]
    listed = ", ".join("fid {} ({})".format(fids[n], left_out[n]) for n in
                       sorted(left_out, key=fids.get))
    assert "Layer '{}': 5 features cannot be used and are left out of the checks: {}.".format(
        name, listed) in feedback.log


@pytest.mark.parametrize("alg, slot, params", [
    ("redline_check", "FARMLAND", lambda d: {"REDLINE": layer("redline"), "OUTPUT": str(d / "f.gpkg"),
                                             "STATISTICS": "TEMPORARY_OUTPUT"}),
    ("units_generate", "PRIORITY_LAYERS", lambda d: {"ADMIN": layer("townships"),
                                                     "OUTPUT": "TEMPORARY_OUTPUT",
                                                     "FINDINGS": str(d / "f.gpkg")}),
    ("redline_candidate", "PROTECTED_AREAS", lambda d: {"OUTPUT": "TEMPORARY_OUTPUT",
                                                        "FINDINGS": str(d / "f.gpkg")}),
])
def test_odd_geometries_in_a_secondary_layer(tmp_path, alg, slot, params):
    """A reference layer's unusable features are findings of its input rule, and counted."""
    sample_layer = {"FARMLAND": "farmland", "PRIORITY_LAYERS": "priority_zones",
                    "PROTECTED_AREAS": "protected_areas"}[slot]
    value, fids = zoo_copy(tmp_path, sample_layer)
    feedback = Feedback()
    many = slot != "FARMLAND"
    result = run(alg, dict(params(tmp_path), **{slot: [value] if many else value}), feedback)
    found = findings(result["FINDINGS"] if "FINDINGS" in result else result["OUTPUT"])
    name = "FARMLAND" if slot == "FARMLAND" else sample_layer  # a list's layers go by their own name
    by_fid = {fid: zoo_name for zoo_name, fid in fids.items()}
    reported = {by_fid[fid] for rule, lyr, fid in found
                if fid in by_fid and rule.endswith("_INPUT_INVALID") and lyr == name}
    assert reported == INVALID
    assert any(line.startswith("Layer '{}': 5 features cannot be used".format(name))
               for line in feedback.log)


def test_a_layer_whose_every_feature_is_far_outside_its_crs(tmp_path):
    """The layer's extent can meet the CRS's area while no feature lies in it: the features tell."""
    far = [("a", polygon(square(1e8, 1e8))), ("b", polygon(square(-1e8, -1e8))), ("null", None)]
    value = write_gpkg(tmp_path / "far.gpkg", far, layer="far")
    message = refusal("siting_check", siting(value, tmp_path))
    assert message == (
        "Layer 'SITES' says it is in {}, but its coordinates cannot be in that CRS. Its coordinates "
        "run from x = -100,000,000 to 100,000,100 and y = -100,000,000 to 100,000,100: neither "
        "longitude/latitude nor a Chinese Gauss-Krüger grid. Set the layer's CRS in Layer Properties "
        "› Source (Chinese data is usually CGCS2000: EPSG:4490, or a Gauss-Kruger zone such as "
        "EPSG:4524) and run again.".format(GK36))
