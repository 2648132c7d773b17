"""ecospace:redline_candidate — the candidate red line from graded assessments (DOMAIN 2.1)."""
import os
import uuid

import numpy as np
import shapely
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterMapLayer,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingUtils,
    QgsRasterLayer,
    QgsVectorLayer,
)

from ... import compat
from ...core.candidate import CandidateParams, delineate
from ...core.geom import repair
from ...core.layer import Layer, as_numbers
from ...core.units_common import majority_zone
from ...i18n import tr
from .. import checks, io, raster_io
from ..base import EcoAlgorithm
from ..messages import messages
from ..outputs import FINDING_FIELDS, Output, make_fields, write_all

PATCH_FIELDS = (("BSM", "string"), ("XZQDM", "string"), ("patch_id", "int"), ("origin", "string"),
                ("o_importance", "int"), ("o_sensitivity", "int"), ("o_protected", "int"),
                ("o_must_include", "int"), ("in_existing", "int"), ("area_m2", "double"),
                ("area_ha", "double"), ("MJ", "double"), ("deducted_m2", "double"),
                ("deducted_from", "string"), ("conflict_m2", "double"))
ROWS = 1024  # raster rows per block when building the class mask


class RedlineCandidate(EcoAlgorithm):
    NAME = "redline_candidate"
    GROUP = "redline"
    RULE_PREFIX = "RC_"

    def display_name(self):
        return tr("Candidate red line from graded assessments")

    def tags(self):
        return ["red line", "生态保护红线", "delineation", "划定", "极重要", "极敏感", "candidate",
                "protected area", "farmland", "deduct", "fragment", "hole"]

    def help_intro(self):
        return tr(
            "Delineates a candidate ecological protection red line: the extremely important "
            "(极重要) and extremely sensitive (极敏感) areas of the graded assessment rasters (cells "
            "of EXTREME_VALUE, 3 by default; polygon layers are taken whole or filtered on "
            "GRADE_FIELD), all protected areas and the other must-include areas, minus the layers to "
            "deduct (permanent basic farmland, urban development boundary, construction land). "
            "Layers listed to report only are kept in the candidate and reported as conflicts.<br><br>"
            "Protected areas always stay whole inside the candidate, since the red line must hold "
            "them: where a layer to deduct overlaps one, the overlap is kept and reported as an "
            "error, for the planners to settle. Small holes are filled and fragments removed "
            "(200 m² each by default; fragments holding protected area are kept). With an existing "
            "red line the candidate is split at its boundary and cleaned on each side separately, "
            "so nothing is ever merged across it; extremely important or sensitive patches outside "
            "it, above CANDIDATE_ADD_AREA and without conflicts, are listed as candidates to "
            "add.<br><br>"
            "Each patch carries its origin, its ellipsoidal area (also in MJ, m²), a code (BSM) "
            "and the area deducted next to it, so the result goes straight into the red-line "
            "delivery check. All layers are reprojected to the CRS of the first input. Inputs are "
            "never modified.")

    def initAlgorithm(self, config=None):
        graded = _graded_types()
        polygon = compat.TYPE_VECTOR_POLYGON
        self.addParameter(QgsProcessingParameterMapLayer(
            "IMPORTANCE", tr("Graded ecosystem-service importance (raster, or polygons)"),
            optional=True, types=graded))
        self.addParameter(QgsProcessingParameterMapLayer(
            "SENSITIVITY", tr("Graded ecological sensitivity (raster, or polygons)"),
            optional=True, types=graded))
        self.addParameter(QgsProcessingParameterMultipleLayers(
            "PROTECTED_AREAS", tr("Protected areas (自然保护地), always included whole"), polygon,
            optional=True))
        self.addParameter(QgsProcessingParameterMultipleLayers(
            "MUST_INCLUDE", tr("Other must-include areas (water sources, park cores, heritage…)"),
            polygon, optional=True))
        self.addParameter(QgsProcessingParameterMultipleLayers(
            "DEDUCT_LAYERS", tr("Conflict layers to deduct (farmland, urban boundary, construction "
                                "land…)"), polygon, optional=True))
        self.addParameter(QgsProcessingParameterMultipleLayers(
            "REPORT_LAYERS", tr("Conflict layers to report only"), polygon, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "EXISTING_REDLINE", tr("Existing red line (for candidates to add)"), [polygon],
            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "COUNTIES", tr("Counties (fill each patch's county code XZQDM)"), [polygon], optional=True))
        self.addParameter(QgsProcessingParameterField(
            "COUNTY_CODE_FIELD", tr("County code field (6-digit GB/T 2260)"), "XZQDM", "COUNTIES",
            optional=True))
        for name, label, default in (
                ("MIN_PATCH_AREA", tr("Minimum patch area: smaller fragments are removed (m²)"), 200.0),
                ("MIN_HOLE_AREA", tr("Minimum hole area: smaller holes are filled (m²)"), 200.0),
                ("CANDIDATE_ADD_AREA", tr("Minimum area of a candidate to add (m²; 1 km² = "
                                          "1,000,000)"), 1e6)):
            self.addParameter(QgsProcessingParameterNumber(
                name, label, compat.NUMBER_DOUBLE, default, minValue=0.0))
        self.add_advanced([
            QgsProcessingParameterNumber("EXTREME_VALUE", tr("Grade value of the extreme class "
                                                             "(极重要 / 极敏感)"),
                                         compat.NUMBER_INTEGER, 3, minValue=1),
            QgsProcessingParameterNumber("BAND", tr("Raster band holding the grades"),
                                         compat.NUMBER_INTEGER, 1, minValue=1),
            QgsProcessingParameterString("GRADE_FIELD", tr("Grade field of polygon inputs (empty: "
                                                           "every polygon is extreme)"), "",
                                         optional=True),
        ])
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", tr("Candidate red line"), polygon))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "CANDIDATES_TO_ADD", tr("Candidates to add to the red line"), polygon, optional=True,
            createByDefault=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "FINDINGS", tr("Candidate findings"), polygon, optional=True, createByDefault=True))
        self.add_count_outputs()

    # -- running ---------------------------------------------------------------------------

    def check_parameters(self, parameters, context):
        graded, lists = self._inputs(parameters, context)
        if not any(graded.values()) and not lists["PROTECTED_AREAS"] and not lists["MUST_INCLUDE"]:
            raise QgsProcessingException(tr("Give at least one graded assessment (IMPORTANCE or "
                                            "SENSITIVITY), protected areas or must-include areas."))
        rasters = [lyr for lyr in graded.values() if isinstance(lyr, QgsRasterLayer)]
        checks.require_band(rasters, self.parameterAsInt(parameters, "BAND", context))
        grade_field = self._grade_field(parameters, context)
        for layer in graded.values():
            if isinstance(layer, QgsVectorLayer) and grade_field:
                checks.require_number_field(layer, io.layer_short_name(layer), "GRADE_FIELD",
                                            grade_field)
        counties, label = checks.source(self, parameters, "COUNTIES", context)
        if counties is not None:
            checks.county_code_field(self, parameters, context, counties, label)

    def _inputs(self, parameters, context):
        """({IMPORTANCE, SENSITIVITY: layer or None}, {list parameter: [layers]})."""
        graded = {k: self.parameterAsLayer(parameters, k, context) for k in ("IMPORTANCE", "SENSITIVITY")}
        lists = {k: self.parameterAsLayerList(parameters, k, context)
                 for k in ("PROTECTED_AREAS", "MUST_INCLUDE", "DEDUCT_LAYERS", "REPORT_LAYERS")}
        return graded, lists

    def _grade_field(self, parameters, context):
        return (self.parameterAsString(parameters, "GRADE_FIELD", context) or "").strip()

    def processAlgorithm(self, parameters, context, feedback):
        graded, lists = self._inputs(parameters, context)
        existing = self.parameterAsSource(parameters, "EXISTING_REDLINE", context)
        crs = self._work_crs(graded, lists, existing)
        feedback.pushInfo(tr("Working CRS: {crs}. Areas are ellipsoidal on CGCS2000.").format(
            crs=io.describe_crs(crs)))
        layers = self._read(parameters, context, feedback, graded, lists, existing, crs)
        measure = io.measurer_for_crs(crs)
        num = lambda name: self.parameterAsDouble(parameters, name, context)  # noqa: E731
        params = CandidateParams(min_patch_area=num("MIN_PATCH_AREA"), min_hole_area=num("MIN_HOLE_AREA"),
                                 candidate_add_area=num("CANDIDATE_ADD_AREA"))
        with self.cancellable(feedback):
            result = delineate(layers.get("IMPORTANCE"), layers.get("SENSITIVITY"),
                               layers["PROTECTED_AREAS"], layers["MUST_INCLUDE"],
                               layers["DEDUCT_LAYERS"], layers["REPORT_LAYERS"],
                               layers.get("EXISTING_REDLINE"), params, measure,
                               self.progress(feedback, 40, 85))
        table = result.findings.table(measure)
        table["message"] = np.array(messages(table), dtype=object)
        self.stop_if_canceled(feedback)
        feedback.pushInfo(tr("{n} candidate patches, {area:,.2f} m²; {k} candidates to add.").format(
            n=len(result.patches["geometry"]), area=float(result.patches["area_m2"].sum()),
            k=len(result.to_add)))
        codes = _county_codes(result.patches, layers.get("COUNTIES"), layers.get("county_code"), measure)
        return self._write(parameters, context, feedback, crs, result, table, codes)

    def _work_crs(self, graded, lists, existing):
        """The CRS of the first input, in parameter order; refuses a first input without one, naming
        it as every other message does (io.layer_short_name, the label of EcoAlgorithm.sources)."""
        first = [(io.layer_short_name(lyr), lyr) for lyr in graded.values() if lyr is not None]
        first += [(io.layer_short_name(lyr), lyr) for k in ("PROTECTED_AREAS", "MUST_INCLUDE") for lyr in lists[k]]
        if existing is not None:
            first.append((io.layer_label(existing, "EXISTING_REDLINE"), existing))
        return [io.require_crs(layer, name) for name, layer in first][0]

    def _read(self, parameters, context, feedback, graded, lists, existing, crs):
        extreme = self.parameterAsInt(parameters, "EXTREME_VALUE", context)
        band = self.parameterAsInt(parameters, "BAND", context)
        grade_field = self._grade_field(parameters, context)
        layers = {}
        for key, layer in graded.items():
            if layer is None:
                continue
            self.stop_if_canceled(feedback)
            if isinstance(layer, QgsRasterLayer):
                layers[key] = raster_class_polygons(layer, band, extreme, key.lower(), crs, context, feedback)
            else:
                layers[key] = self._graded_polygons(layer, key.lower(), grade_field, extreme, crs,
                                                    context, feedback)
        for key in lists:
            layers[key] = []
            for src, label, layer in self.sources(parameters, key, context, polygons=True):
                self.stop_if_canceled(feedback)
                layers[key].append(io.read_layer(src, label, context, feedback, [], crs, value=layer))
        if existing is not None:
            label = io.layer_label(existing, "EXISTING_REDLINE")
            io.require_polygons(existing, label)
            layers["EXISTING_REDLINE"] = io.read_layer(existing, "EXISTING_REDLINE", context, feedback,
                                                       [], crs, value=parameters.get("EXISTING_REDLINE"))
        counties = self.source(parameters, "COUNTIES", context, optional=True, polygons=True)
        if counties is not None:
            code = self.field(parameters, "COUNTY_CODE_FIELD", context, required=True)
            layers["COUNTIES"] = io.read_layer(counties, "COUNTIES", context, feedback, [code], crs,
                                               value=parameters.get("COUNTIES"))
            layers["county_code"] = code
        feedback.setProgress(40)
        return layers

    def _graded_polygons(self, layer, name, grade_field, extreme, crs, context, feedback):
        if not isinstance(layer, QgsVectorLayer):
            raise QgsProcessingException(tr("Layer '{layer}' is neither a raster nor a polygon "
                                            "layer.").format(layer=io.layer_short_name(layer)))
        fields = [grade_field] if grade_field else []
        lyr = _read_polygons(self, layer, name, crs, context, feedback, fields)
        if grade_field:
            keep = as_numbers(lyr.attrs[grade_field]) == extreme
            lyr = Layer(name, lyr.geoms[keep], lyr.fids[keep])
        return lyr

    # -- writing ---------------------------------------------------------------------------

    def _write(self, parameters, context, feedback, crs, result, table, codes):
        feedback.setProgress(88)
        feedback.setProgressText(tr("Writing outputs"))
        p = result.patches
        cols = dict(p, BSM=np.array(["CAND{:06d}".format(k) for k in p["patch_id"]], dtype=object),
                    XZQDM=codes, MJ=p["area_m2"], in_existing=np.where(p["in_existing"] < 0, None, p["in_existing"]))
        add = {k: v[result.to_add] for k, v in cols.items()}
        fields = make_fields(PATCH_FIELDS)
        items = [
            (Output(self, parameters, context, "OUTPUT", fields, compat.WKB_MULTIPOLYGON, crs,
                    style="redline", title=tr("Candidate red line")), cols, p["geometry"]),
            (Output(self, parameters, context, "CANDIDATES_TO_ADD", fields, compat.WKB_MULTIPOLYGON,
                    crs, style="redline", title=tr("Candidates to add")), add, add["geometry"]),
            (Output(self, parameters, context, "FINDINGS", make_fields(FINDING_FIELDS),
                    compat.WKB_MULTIPOLYGON, crs, style="findings", title=tr("Candidate findings")),
             table, table["geometry"]),
        ]
        results = write_all(items, feedback)
        results.update(self.count_results(table, feedback))
        feedback.setProgress(100)
        return results


def _county_codes(patches, counties, field, measure):
    """The code of the county holding most of each patch ('' without counties)."""
    n = len(patches["geometry"])
    if counties is None or n == 0:
        return np.full(n, None, dtype=object)
    zones = repair(counties.geoms)[0]
    best, _ = majority_zone(patches["geometry"], zones, measure, patches["area_m2"])
    codes = counties.text(field)
    return np.where(best >= 0, codes[np.maximum(best, 0)], "").astype(object)


def _graded_types():
    """Raster or polygon layers."""
    return [compat.TYPE_RASTER, compat.TYPE_VECTOR_POLYGON]


def _read_polygons(alg, layer, name, crs, context, feedback, fields=()):
    src = alg.layer_source(layer, context)  # built on the main thread (prepared.py)
    io.require_polygons(src, name)
    io.require_crs(src, name)
    return io.read_layer(src, name, context, feedback, fields, crs, value=layer)


# --- graded raster → polygons of the extreme class ---------------------------------------

def raster_class_polygons(layer, band, value, name, crs, context, feedback):
    """The cells equal to `value` as polygons (GDAL Polygonize), in `crs`, as a core Layer.

    The class mask is built block by block into a temporary GeoTIFF, so a large raster is never
    held in memory whole; NoData cells never count.
    """
    from osgeo import gdal, ogr

    io.require_crs(layer, layer.name())
    ds = gdal.Open(layer.source().split("|")[0]) if layer.providerType() == "gdal" else None
    if ds is None:
        raise QgsProcessingException(tr("Raster '{layer}' cannot be read through GDAL: save it as a "
                                        "GeoTIFF first.").format(layer=layer.name()))
    if band > ds.RasterCount:
        raise QgsProcessingException(tr("Raster '{layer}' has {n} band(s): there is no band "
                                        "{band}.").format(layer=layer.name(), n=ds.RasterCount,
                                                          band=band))
    path = os.path.join(QgsProcessingUtils.tempFolder(), "extreme_{}.tif".format(uuid.uuid4().hex))
    mask_ds = _class_mask(ds, ds.GetRasterBand(band), value, path, feedback)
    mem = ogr.GetDriverByName(compat.ogr_memory_driver_name()).CreateDataSource("polys")
    out = mem.CreateLayer("polys", srs=mask_ds.GetSpatialRef(), geom_type=ogr.wkbPolygon)
    mask_band = mask_ds.GetRasterBand(1)
    gdal.Polygonize(mask_band, mask_band, out, -1, [], callback=_gdal_cancel(feedback))
    wkbs = [bytes(f.GetGeometryRef().ExportToIsoWkb()) for f in out]
    mask_ds = mask_band = None
    gdal.Unlink(path)
    if feedback.isCanceled():
        raise QgsProcessingException(tr("The run was cancelled. No output was written."))
    if not wkbs:
        feedback.pushWarning(tr("Raster '{layer}' has no cells of grade {value}.").format(
            layer=layer.name(), value=value))
    feedback.pushInfo(tr("{n} polygons of grade {value} from raster '{layer}'.").format(
        n=len(wkbs), value=value, layer=layer.name()))
    geoms = shapely.from_wkb(np.array(wkbs, dtype=object)) if wkbs else np.empty(0, dtype=object)
    if layer.crs() == crs or not wkbs:
        return Layer(name, geoms)
    return _reprojected(geoms, name, layer.crs(), crs, context, feedback)


def _class_mask(ds, band, value, path, feedback):
    """A 1-bit-per-cell (Byte) GeoTIFF: 1 where the band equals `value` and is not NoData."""
    from osgeo import gdal

    nx, ny = ds.RasterXSize, ds.RasterYSize
    out = gdal.GetDriverByName("GTiff").Create(path, nx, ny, 1, gdal.GDT_Byte,
                                               ["COMPRESS=DEFLATE", "TILED=YES", "SPARSE_OK=TRUE"])
    out.SetGeoTransform(ds.GetGeoTransform())
    out.SetProjection(ds.GetProjection())
    out_band = out.GetRasterBand(1)
    nodata = band.GetNoDataValue()
    for y0 in range(0, ny, ROWS):
        if feedback.isCanceled():
            break
        rows = min(ROWS, ny - y0)
        try:
            data = band.ReadAsArray(0, y0, nx, rows)
        except RuntimeError as error:  # a file cut off or damaged
            raise raster_io.read_error(ds.GetDescription(), ds.GetDescription(), error) from None
        if data is None:
            raise QgsProcessingException(tr("A raster band could not be read as numbers."))
        hit = data == value
        if nodata is not None:
            hit &= data != nodata
        out_band.WriteArray(hit.astype(np.uint8), 0, y0)
        feedback.setProgress(30.0 * (y0 + rows) / ny)
    out_band.FlushCache()
    return out


def _gdal_cancel(feedback):
    def callback(complete, message, data):
        return 0 if feedback.isCanceled() else 1
    return callback


def _reprojected(geoms, name, src_crs, crs, context, feedback):
    """Polygons moved from the raster's CRS to the working CRS through a memory layer."""
    layer = QgsVectorLayer("Polygon", name, "memory")
    layer.setCrs(src_crs)
    feats = []
    for wkb in shapely.to_wkb(geoms):
        feat = QgsFeature()
        geom = QgsGeometry()
        geom.fromWkb(wkb)
        feat.setGeometry(geom)
        feats.append(feat)
    layer.dataProvider().addFeatures(feats)
    return io.read_layer(QgsProcessingFeatureSource(layer, context), name, context, feedback, [], crs)
