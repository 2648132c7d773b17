"""The exceptions table: findings a technician accepted, kept outside the checked data (DESIGN.md).

One GeoPackage beside the project, `<project folder>/ecospace_exceptions.gpkg`, table `exceptions`: one
row per accepted finding (the findings panel writes it), with what identifies the finding in a later run
(rule, layer, feature code or fid, other layer and feature, the finding's geometry), the reason, who and when.
Geometries of any type are stored in CGCS2000 (EPSG:4490) and compared in the CRS of the run.

Every algorithm with a findings output takes the optional EXCEPTIONS parameter (a path or a layer of
that table). apply() is the one place it acts, as the findings are written (outputs.write_all): a
finding that matches an exception (core/exceptions.py) becomes info with the note "excepted: <reason>",
so it is counted as a note, not as an error or warning; an exception that matches no finding is reported
as an EXC_STALE note at its place.
"""
import contextlib
import datetime
import os

import numpy as np
import shapely
from osgeo import ogr, osr
from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingParameterFeatureSource,
    QgsVectorLayer,
)

from .. import compat
from ..core import exceptions as core
from ..core.rules import RULES
from ..i18n import tr
from . import io
from .messages import messages

PARAMETER = "EXCEPTIONS"
FILE_NAME = "ecospace_exceptions.gpkg"
TABLE = "exceptions"
TABLE_EPSG = 4490
# (field, OGR type); `algorithm` the id of the algorithm that reported the finding ('' when unknown),
# `layer` the finding's layer as the run wrote it (a parameter name such as REDLINE, or a layer name),
# `layer_name` the layer as the user knew it when accepting
FIELDS = (("algorithm", ogr.OFTString), ("rule", ogr.OFTString), ("layer", ogr.OFTString),
          ("layer_name", ogr.OFTString), ("feature_code", ogr.OFTString), ("feature_fid", ogr.OFTInteger64),
          ("other_layer", ogr.OFTString), ("other_code", ogr.OFTString), ("other_fid", ogr.OFTInteger64),
          ("severity", ogr.OFTString), ("message", ogr.OFTString), ("reason", ogr.OFTString),
          ("accepted_by", ogr.OFTString), ("accepted_at", ogr.OFTString))
METRES_PER_DEGREE = 111320.0


def uri(path):
    """The table inside the GeoPackage, as a layer source or an EXCEPTIONS value."""
    return "{}|layername={}".format(path, TABLE)


def parameter():
    """The optional EXCEPTIONS input (advanced)."""
    param = QgsProcessingParameterFeatureSource(
        PARAMETER, tr("Accepted exceptions (the table ecospace_exceptions.gpkg the findings panel "
                      "writes)"), [compat.TYPE_VECTOR], optional=True)
    param.setFlags(param.flags() | compat.FLAG_ADVANCED)
    return param


def excepted_note(reason):
    """The note of an excepted finding."""
    return tr("excepted: {reason}").format(reason=reason or "")


def metres_per_unit(crs):
    """Metres per coordinate unit, for the matching tolerance (1 m)."""
    return METRES_PER_DEGREE if crs.isGeographic() else 1.0


# -- reading ----------------------------------------------------------------------------------------

def _crs_of(source):
    return source.sourceCrs() if hasattr(source, "sourceCrs") else source.crs()


def read(source, crs, transform_context, label=PARAMETER):
    """The exceptions of a feature source or layer as columns (core/exceptions.py names; `id` is the
    row's fid in the table), geometries in `crs`. Refused when the table is not an exceptions table."""
    names = source.fields().names()
    missing = [name for name in ("rule", "layer", "feature_fid", "reason") if name not in names]
    if missing:
        raise QgsProcessingException(tr(
            "The exceptions table '{layer}' has no field {fields}. Choose the table 'exceptions' of "
            "ecospace_exceptions.gpkg, which the findings panel writes.").format(
                layer=io.layer_label(source, label),
                fields=", ".join(missing)))
    request = QgsFeatureRequest()
    source_crs = _crs_of(source)
    if crs is not None and crs.isValid() and source_crs.isValid() and source_crs != crs:
        request.setDestinationCrs(crs, transform_context)
    columns = {name: [] for name, _ in FIELDS}
    ids, wkbs = [], []
    for feature in source.getFeatures(request):
        ids.append(feature.id())
        for name, _ in FIELDS:
            value = feature[name] if name in names else None
            columns[name].append(None if value is None or (hasattr(value, "isNull") and value.isNull())
                                 else value)
        geometry = feature.geometry()
        wkbs.append(None if geometry is None or geometry.isNull() or geometry.isEmpty()
                    else bytes(geometry.asWkb()))
    out = {name: np.array(values, dtype=object) for name, values in columns.items()}
    out["id"] = np.array(ids, dtype=np.int64)
    out["fid"] = np.array([np.nan if v is None else float(v) for v in columns["feature_fid"]], dtype=float)
    out["other_fid"] = np.array([np.nan if v is None else float(v) for v in columns["other_fid"]],
                                dtype=float)
    out["geometry"] = _geometries(wkbs)
    return out


def _geometries(wkbs):
    out = np.full(len(wkbs), None, dtype=object)
    present = [k for k, w in enumerate(wkbs) if w is not None]
    if present:
        out[present] = shapely.from_wkb([wkbs[k] for k in present], on_invalid="ignore")
    return out


def read_file(path, crs, transform_context):
    """The exceptions in a GeoPackage (read() of its table); None when there is no such file."""
    if not path or not os.path.exists(path):
        return None
    layer = QgsVectorLayer(uri(path), TABLE, "ogr")
    if not layer.isValid():
        return None
    return read(layer, crs, transform_context, label=path)


# -- applying: the hook of every findings output ------------------------------------------------------

def rules_of(alg):
    """The rule ids an algorithm reports: its RULES, else the catalogue's rules with its RULE_PREFIX."""
    ids, prefix = getattr(alg, "RULES", ()), getattr(alg, "RULE_PREFIX", "")
    return [r for r in RULES if ((r in ids) if ids else (prefix and r.startswith(prefix)))]


def applies(exceptions, algorithm_id, rules):
    """Which exceptions a run of this algorithm considers: those it reported (column algorithm), and
    those of unknown origin for a rule it can report. Only these can be excepted or stale in its run."""
    algorithm = core.text(exceptions["algorithm"])
    return (algorithm == algorithm_id) | ((algorithm == "") & np.isin(core.text(exceptions["rule"]), rules))


def apply(alg, parameters, context, crs, table, geometries, feedback):
    """Mark the findings that match the run's EXCEPTIONS as excepted and add the stale exceptions, in
    place in `table` (so the counts and the report that follow see them). Returns the geometries to
    write (`geometries` plus those of the stale exceptions)."""
    if PARAMETER not in [d.name() for d in alg.parameterDefinitions()]:
        return geometries
    source = alg.parameterAsSource(parameters, PARAMETER, context)
    if source is None:
        return geometries
    exceptions = read(source, crs, context.transformContext())
    exceptions = core.subset(exceptions, applies(exceptions, alg.id(), rules_of(alg)))
    written = np.asarray(table["geometry"] if geometries is None else geometries, dtype=object)
    matched = core.match(dict(table, geometry=written), exceptions, metres_per_unit(crs))
    hit = matched.exception >= 0
    reasons = exceptions["reason"][matched.exception[hit]]
    table["severity"] = np.where(hit, "info", np.asarray(table["severity"], dtype=object)).astype(object)
    table["note"] = np.asarray(table["note"], dtype=object).copy()
    table["note"][hit] = [excepted_note(r) for r in reasons]
    stale = core.stale_findings(exceptions, matched.stale).table(io.measurer_for_crs(crs))
    stale["message"] = np.array(messages(stale), dtype=object)
    core.append_rows(table, stale)
    feedback.pushInfo(tr("Exceptions: {n} findings excepted (counted as notes), {s} exceptions match no "
                         "finding any more.").format(n=int(hit.sum()), s=len(matched.stale)))
    if geometries is None:
        return None
    return np.concatenate([written, stale["geometry"]])


# -- writing: the findings panel ----------------------------------------------------------------------

@contextlib.contextmanager
def _table(path):
    """The exceptions table open for writing (the file and table made when missing); closed after."""
    driver = ogr.GetDriverByName("GPKG")
    source = ogr.Open(path, 1) if os.path.exists(path) else driver.CreateDataSource(path)
    if source is None:
        raise OSError(tr("Cannot write the exceptions file {path}.").format(path=path))
    layer = source.GetLayerByName(TABLE)
    if layer is None:
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(TABLE_EPSG)
        layer = source.CreateLayer(TABLE, srs, ogr.wkbUnknown)
        for name, kind in FIELDS:
            layer.CreateField(ogr.FieldDefn(name, kind))
    try:
        yield layer
    finally:
        layer = None
        source = None  # closes the file


def who():
    return QgsApplication.userFullName() or QgsApplication.userLoginName() or ""


def append(path, finding, geometry, crs, reason, transform_context):
    """Add one accepted finding to the table (the file and table are made when missing); its fid there.

    `finding`: {field of FIELDS: value} (rule, layer, layer_name, feature_code, feature_fid, other_layer,
    other_fid, severity, message); `geometry`: the finding's QgsGeometry in `crs` (or None)."""
    values = dict(finding, reason=reason, accepted_by=who(),
                  accepted_at=datetime.datetime.now().isoformat(timespec="seconds"))
    with _table(path) as layer:
        feature = ogr.Feature(layer.GetLayerDefn())
        for name, _ in FIELDS:
            if values.get(name) is not None and layer.GetLayerDefn().GetFieldIndex(name) >= 0:
                feature.SetField(name, values[name])
        if geometry is not None and not geometry.isNull() and not geometry.isEmpty():
            stored = QgsGeometry(geometry)
            target = QgsCoordinateReferenceSystem("EPSG:{}".format(TABLE_EPSG))
            if crs.isValid() and crs != target:
                stored.transform(QgsCoordinateTransform(crs, target, transform_context))
            feature.SetGeometry(ogr.CreateGeometryFromWkb(bytes(stored.asWkb())))
        if layer.CreateFeature(feature) != 0:
            raise OSError(tr("Cannot write the exceptions file {path}.").format(path=path))
        return feature.GetFID()


def remove(path, ids):
    """Delete exceptions by their fid in the table."""
    with _table(path) as layer:
        for fid in ids:
            layer.DeleteFeature(int(fid))
