"""Reading Processing sources into core arrays, CRS handling and ellipsoidal measurement.

The one place where QgsFeatureSource turns into shapely arrays, so every algorithm reads
layers the same way: invalid geometries are read (not rejected), curves are segmentized,
Z/M dropped, and every layer is reprojected to the primary layer's CRS. A geometry no check can
use (a NaN, infinite or absurd coordinate, a ring GEOS cannot read, a point in a polygon layer)
is left out with its reason in Layer.problems, and the user is told; empty ones become NULL.
"""
import re

import numpy as np
import shapely
from qgis.core import (
    QgsFeatureRequest,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDate, QDateTime, Qt, QVariant

from .. import compat
from ..core import geom as core_geom
from ..core.layer import Layer
from ..core.measure import Measurer, is_conformal, to_lonlat_from_proj
from ..i18n import tr
from . import bulk_read, crs_check
from .crs_check import describe_crs  # noqa: F401 (algorithms use io.describe_crs)

WGS84_AUTHIDS = ("EPSG:4326",)
HINT_SAMPLE = 200  # features whose text hint_undecoded looks at


def layer_label(source, fallback):
    """A readable name for a source in messages: its layer name, else the parameter name."""
    name = source.sourceName() if source is not None else ""
    return name or fallback


def layer_short_name(layer):
    """How messages and findings name a map layer: the layer name in its data source (a GeoPackage's
    `layername=`), which stays the same whatever the project calls the layer, else the project's
    layer name. The label of each layer of a multiple-layer parameter (EcoAlgorithm.sources), of the
    layers checks.label names, and of redline_candidate's inputs; ui/review.py maps it back to the
    project's name."""
    match = re.search(r"layername=([^|]+)", layer.source() or "")
    return match.group(1) if match else layer.name()


def require_polygons(source, label):
    """Refuse a source whose declared geometry type is not polygon, with a clear message."""
    geom_type = QgsWkbTypes.geometryType(source.wkbType())
    if geom_type != compat.GEOM_POLYGON:
        raise QgsProcessingException(
            tr("Layer '{layer}' must hold polygons, but it holds {type} geometries. "
               "Choose a polygon layer.").format(
                layer=label, type=QgsWkbTypes.displayString(source.wkbType())))


def require_crs(layer, label):
    """The CRS of a feature source or a map layer (vector or raster), refused with a clear message
    when it is missing or undefined, or when the layer's extent cannot lie in it (crs_check)."""
    if hasattr(layer, "sourceCrs"):
        return crs_check.require_crs(layer.sourceCrs(), layer.sourceExtent(), label)
    return crs_check.require_crs(layer.crs(), layer.extent(), label)


def require_fields(source, label, fields):
    missing = [f for f in fields if f and source.fields().lookupField(f) < 0]
    if missing:
        raise QgsProcessingException(
            tr("Layer '{layer}' has no field named {fields}. Pick the right field in the "
               "algorithm's field parameters.").format(layer=label, fields=", ".join(missing)))


def read_layer(source, name, context, feedback, fields=(), dest_crs=None, value=None, near=None):
    """Read a feature source into a core Layer (geometry array, fids, attribute columns).

    Only fields that exist are read; a missing one is simply absent from `attrs`, so a
    check can report it as a finding. Geometries are read even when invalid. `value` is the
    Processing parameter value (or layer) `source` came from: a whole GeoPackage layer is
    then read in bulk through OGR, with the same result (bulk_read). `near` (boxes in
    `dest_crs`, rows xmin, ymin, xmax, ymax) lets that path read only the features whose envelope
    meets one of them: the caller must not need the others (it may still get them).
    """
    layer, unreadable, clean = None, None, False
    if value is not None:
        layer, clean = bulk_read.read_checked(value, context, feedback, name, fields, dest_crs, near,
                                              HINT_SAMPLE)
    if layer is None:
        layer, unreadable = _read_features(source, name, context, feedback, fields, dest_crs)
    if not clean:  # else the text of the features hint_undecoded looks at is known to decode
        hint_undecoded(source, name, feedback)
    reprojected = dest_crs is not None and dest_crs.isValid() and source.sourceCrs() != dest_crs
    return usable_layer(layer, dest_crs if reprojected else source.sourceCrs(), source.wkbType(),
                        feedback, unreadable, reprojected)


def usable_layer(layer, crs, wkb_type, feedback, unreadable=None, reprojected=False):
    """`layer` without the geometries no check can use (core.geom.usable_copy), their reasons in
    `problems` and a warning that counts them; refused when none of them is in `crs` at all."""
    geoms, codes = core_geom.usable_copy(layer.geoms, crs_check.domain(crs), _dimension(wkb_type),
                                         unreadable)
    bad = np.flatnonzero(codes != core_geom.USABLE)
    if len(bad):
        far = codes == core_geom.OUT_OF_RANGE
        if far.any() and not (codes == core_geom.USABLE)[~core_geom.is_missing(layer.geoms)].any():
            raise crs_check.mismatch(layer.name, crs, _extent(layer.geoms[far]))
        texts = problem_texts(wkb_type, reprojected)
        problems = np.full(len(layer), None, dtype=object)
        problems[bad] = [texts[c] for c in codes[bad]]
        warn_unusable(layer.name, layer.fids[bad], problems[bad], feedback)
    else:
        problems = None
    tell_missing(layer, codes, feedback)
    return Layer(layer.name, geoms, layer.fids, layer.attrs, problems)


def warn_unusable(name, fids, problems, feedback):
    """Log the features left out of the checks (`problems`: why, per feature)."""
    feedback.pushWarning(tr("Layer '{layer}': {n} features cannot be used and are left out of the "
                            "checks: {list}.").format(layer=name, n=len(fids), list=_listed(fids, problems)))


def tell_missing(layer, codes, feedback, most=10):
    """Count the features without a geometry (NULL or empty) in the log: a check that has no rule
    for them would otherwise pass over them without a word."""
    missing = np.flatnonzero(core_geom.is_missing(layer.geoms) & (codes == core_geom.USABLE))
    if len(missing):
        shown = ", ".join(str(f) for f in layer.fids[missing[:most]]) + (", …" if len(missing) > most else "")
        feedback.pushWarning(tr("Layer '{layer}': {n} features have no geometry (NULL or empty) and take no "
                                "part in the spatial checks: fid {fids}.").format(
                                    layer=layer.name, n=len(missing), fids=shown))


def problem_texts(wkb_type, reprojected):
    """The reason texts of the usable_copy codes, for a layer of `wkb_type`."""
    not_finite = (tr("coordinates that could not be reprojected to the working CRS, or are not numbers")
                  if reprojected else tr("a coordinate that is not a number (NaN or infinite)"))
    return {core_geom.NOT_FINITE: not_finite,
            core_geom.OUT_OF_RANGE: tr("coordinates far outside the area its CRS covers"),
            core_geom.UNREADABLE: tr("a ring that is not closed (e.g. by a NaN vertex) or has too few "
                                     "points"),
            core_geom.WRONG_TYPE: tr("a geometry of another type than the layer's ({type})").format(
                type=QgsWkbTypes.displayString(wkb_type))}


def _listed(fids, problems, most=10):
    """'fid 3 (why), fid 7 (why), …' for the first `most` features."""
    items = ["fid {} ({})".format(fid, why) for fid, why in zip(fids[:most], problems[:most])]
    return ", ".join(items) + (", …" if len(fids) > most else "")


def _dimension(wkb_type):
    """The dimension every geometry of a layer of this type must have (None: any)."""
    kind = QgsWkbTypes.geometryType(wkb_type)
    return {compat.GEOM_POINT: 0, compat.GEOM_LINE: 1, compat.GEOM_POLYGON: 2}.get(kind)


def _extent(geoms):
    bounds = shapely.bounds(geoms)
    return (bounds[:, 0].min(), bounds[:, 1].min(), bounds[:, 2].max(), bounds[:, 3].max())


def garbled(values):
    """The first text that did not decode (it holds U+FFFD, the replacement character), or None."""
    return next((v for v in values if isinstance(v, str) and "\ufffd" in v), None)


def encoding_hint(layer_name, field, value):
    return tr("Layer '{layer}': the text of {field} did not decode (e.g. '{value}'): the file is "
              "probably GBK-encoded without a .cpg file. Put a file with the same name and the "
              "extension .cpg, holding the word GBK, next to it (or set the layer's data source "
              "encoding in QGIS), then run again.").format(layer=layer_name, field=field, value=value)


def samples(src, field, limit=200):
    """Up to `limit` non-empty values of `field` (plain Python), in feature order."""
    index = src.fields().lookupField(field)
    request = QgsFeatureRequest().setSubsetOfAttributes([index]).setLimit(limit)
    request.setFlags(QgsFeatureRequest.Flag.NoGeometry)
    if isinstance(src, QgsProcessingFeatureSource):
        features = src.getFeatures(request, compat.SKIP_GEOMETRY_CHECKS)
    else:
        features = src.getFeatures(request)
    values = (_py(f.attributes()[index]) for f in features)
    return [v for v in values if v is not None and str(v).strip() != ""]


def hint_undecoded(src, label, feedback, limit=HINT_SAMPLE):
    """Warn once when text fields of `src` hold text that did not decode in their first features:
    shapefiles from ArcGIS often hold GBK text with nothing (.cpg, language driver) that says so."""
    text = [k for k, field in enumerate(src.fields()) if not field.isNumeric()]
    request = QgsFeatureRequest().setSubsetOfAttributes(text).setLimit(limit)  # one request for all
    request.setFlags(QgsFeatureRequest.Flag.NoGeometry)
    if not text:
        rows = []
    elif isinstance(src, QgsProcessingFeatureSource):
        rows = [f.attributes() for f in src.getFeatures(request, compat.SKIP_GEOMETRY_CHECKS)]
    else:
        rows = [f.attributes() for f in src.getFeatures(request)]
    fields, example = [], None
    for k in text:
        bad = garbled(str(_py(row[k])) for row in rows)
        if bad is not None:
            fields.append(src.fields().at(k).name())
            example = example or bad
    if fields:
        feedback.pushWarning(encoding_hint(label, ", ".join(fields), example))


def _read_features(source, name, context, feedback, fields, dest_crs):
    """read_layer through QgsFeatureSource (any provider, selections, filters)."""
    src_fields = source.fields()
    present = [f for f in dict.fromkeys(fields) if f and src_fields.lookupField(f) >= 0]
    index = [src_fields.lookupField(f) for f in present]
    request = QgsFeatureRequest().setSubsetOfAttributes(index)
    if dest_crs is not None and dest_crs.isValid() and source.sourceCrs() != dest_crs:
        request.setDestinationCrs(dest_crs, context.transformContext())
        feedback.pushInfo(tr("Layer '{layer}' is reprojected from {src} to {dst}.").format(
            layer=name, src=source.sourceCrs().authid() or source.sourceCrs().description(),
            dst=dest_crs.authid() or dest_crs.description()))
    wkbs, fids, columns = [], [], [[] for _ in present]
    simplified = 0
    total = max(1, source.featureCount())
    layer_type = source.wkbType()
    plain = not _needs_conversion(layer_type) and QgsWkbTypes.flatType(layer_type) != compat.WKB_UNKNOWN
    # positional flag: 'flags=' is rejected as a keyword on 3.22
    for n, feat in enumerate(source.getFeatures(request, compat.SKIP_GEOMETRY_CHECKS)):
        if n % 20000 == 0:
            if feedback.isCanceled():
                break
            feedback.setProgressText(tr("Reading {layer}: {n} of {total}").format(
                layer=name, n=n, total=total))
        geom = feat.geometry()
        if plain or geom.isNull():
            wkbs.append(None if geom.isNull() else bytes(geom.asWkb()))
        else:
            wkb, changed = _plain_wkb(geom)
            simplified += changed
            wkbs.append(wkb)
        fids.append(feat.id())
        if index:
            attrs = feat.attributes()
            for col, i in zip(columns, index):
                col.append(_py(attrs[i]))
    geoms, unreadable = core_geom.from_wkb(wkbs)
    simplified += _convert_unreadable(wkbs, geoms, unreadable)
    if simplified:
        feedback.pushInfo(tr("{n} curved or Z/M geometries of '{layer}' were converted to plain 2D "
                             "polygons for the checks.").format(n=simplified, layer=name))
    return Layer(name, geoms, np.array(fids, dtype=np.int64),
                 {f: np.array(c, dtype=object) for f, c in zip(present, columns)}), unreadable


def _convert_unreadable(wkbs, geoms, unreadable):
    """Let QGIS convert what GEOS could not read (a curve or M in a layer declared plain 2D); what
    stays unreadable stays marked. Returns how many were converted."""
    index = np.flatnonzero(unreadable)
    if len(index) == 0:
        return 0
    converted = []
    for k in index:  # only the few unreadable ones
        geom = QgsGeometry()
        geom.fromWkb(wkbs[k])
        converted.append(_plain_wkb(geom)[0])
    geoms[index], unreadable[index] = core_geom.from_wkb(converted)
    return int(np.count_nonzero(~unreadable[index]))


def _needs_conversion(wkb_type):
    return (QgsWkbTypes.isCurvedType(wkb_type) or QgsWkbTypes.hasZ(wkb_type)
            or QgsWkbTypes.hasM(wkb_type))


def _plain_wkb(geom):
    """WKB of a 2D, linear geometry (GEOS has no curves; M would be dropped anyway)."""
    wkb_type = geom.wkbType()
    if not _needs_conversion(wkb_type):
        return bytes(geom.asWkb()), 0
    abstract = geom.constGet().clone()
    if QgsWkbTypes.isCurvedType(wkb_type):
        abstract = abstract.segmentize()
    abstract.dropZValue()
    abstract.dropMValue()
    return bytes(QgsGeometry(abstract).asWkb()), 1


def _py(value):
    """QVariant NULL → None, dates → ISO text; plain values as they are."""
    if value is None or isinstance(value, (str, int, float)):
        return value
    if isinstance(value, QVariant):
        return None if value.isNull() else _py(value.value())
    if isinstance(value, (QDate, QDateTime)):
        return None if value.isNull() else value.toString(Qt.DateFormat.ISODate)
    return value


def to_lonlat_for_crs(crs):
    """A vectorised xy → lon/lat function: analytic for GK/TM and geographic CRSs, else GDAL osr."""
    func = to_lonlat_from_proj(crs.toProj())
    if func is not None:
        return func
    from osgeo import osr

    src = osr.SpatialReference()
    src.ImportFromWkt(crs.toWkt())
    dst = osr.SpatialReference()
    dst.ImportFromEPSG(4490)
    for ref in (src, dst):
        ref.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    transform = osr.CoordinateTransformation(src, dst)

    def via_osr(xy):
        if len(xy) == 0:
            return np.empty((0, 2))
        return np.asarray(transform.TransformPoints(np.asarray(xy, dtype=float)))[:, :2]

    return via_osr


def measurer_for_crs(crs):
    """Ellipsoidal (CGCS2000) area and length for geometries in `crs`."""
    return Measurer(to_lonlat_for_crs(crs), conformal=is_conformal(crs.toProj()))


def is_wgs84(crs):
    return crs.authid() in WGS84_AUTHIDS

