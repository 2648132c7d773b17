"""Reading plain GeoPackage layers in bulk through GDAL/OGR's Arrow stream.

The QgsFeatureSource loop in io.read_layer costs seconds on a province (a Python call per
feature); OGR hands the same table over in a few columnar batches. This path is taken only
where its result is exactly the loop's (same fids, order, geometries and values); whenever
that is not certain, read_layer() here returns None and the loop reads the layer.
"""
import datetime
import os

import numpy as np
import shapely
from qgis.core import (
    QgsFields,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingUtils,
    QgsProviderRegistry,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from .. import compat
from ..core.layer import Layer
from ..i18n import tr
from . import prepared

try:
    from osgeo import gdal, ogr
except ImportError:  # QGIS always ships GDAL's bindings; be safe anyway
    gdal = ogr = None

try:
    ORIGIN_PROVIDER = QgsFields.FieldOrigin.OriginProvider
except AttributeError:  # QGIS >= 3.38
    from qgis.core import Qgis

    ORIGIN_PROVIDER = Qgis.FieldOrigin.Provider

# flat QGIS wkb type -> (shapely type id of the single type, of the multi type)
TYPE_IDS = {compat.WKB_POINT: (0, 4), compat.WKB_MULTIPOINT: (0, 4),
            compat.WKB_LINESTRING: (1, 5), compat.WKB_MULTILINESTRING: (1, 5),
            compat.WKB_POLYGON: (3, 6), compat.WKB_MULTIPOLYGON: (3, 6)}
MULTI = {0: shapely.multipoints, 1: shapely.multilinestrings, 3: shapely.multipolygons}
BATCH = 65536  # features per Arrow batch; cancellation is checked between batches
NEAR_MAX = 50000  # most fids in one `near` filter (its SQL text); past that the whole table is read
NEAR_SHARE = 0.5  # share of the table past which reading it all is as quick


class Unsupported(Exception):
    """A value the bulk path cannot turn into exactly what the loop gives."""


def read_layer(value, context, feedback, name, fields=(), dest_crs=None, near=None):
    """The layer behind Processing parameter `value` as a core Layer, or None (use the loop).

    `fields` and `dest_crs` mean what they mean for io.read_layer. Applies only to a whole,
    unedited, unfiltered GeoPackage layer of a plain 2D type already in `dest_crs`.
    `near`: boxes (rows xmin, ymin, xmax, ymax) in `dest_crs`; only the features whose envelope
    meets one of them are read, through the table's spatial index (all of them when it has none,
    or when most features are near anyway).
    """
    return read_checked(value, context, feedback, name, fields, dest_crs, near)[0]


def read_checked(value, context, feedback, name, fields=(), dest_crs=None, near=None, sample=0):
    """(read_layer's answer, True when the text of the first `sample` features is certainly valid
    UTF-8 without a replacement character), from one opening of the file: QGIS decodes GeoPackage
    text as UTF-8, so io.hint_undecoded then has nothing to say and need not ask QGIS."""
    if ogr is None or not hasattr(ogr.Layer, "GetArrowStreamAsNumPy"):
        return None, False  # GDAL < 3.6
    layer = resolve_layer(value, context)
    where = gpkg_table(layer, dest_crs) if layer is not None else None
    if where is None:
        return None, False
    dataset = gdal.OpenEx(where[0], gdal.OF_VECTOR | gdal.OF_READONLY, allowed_drivers=["GPKG"])
    ogr_layer = _ogr_layer(dataset, where[1], layer) if dataset is not None else None
    if ogr_layer is None:
        return None, False
    clean = sample > 0 and _decodes(dataset, ogr_layer, _text_columns(layer, ogr_layer), sample)
    columns = _columns(layer, ogr_layer, fields)
    if columns is None:
        return None, clean
    fids = _near_fids(dataset, ogr_layer, near, layer.featureCount()) if near is not None else None
    return _read(layer, ogr_layer, columns, name, feedback, fids), clean


def _text_columns(layer, ogr_layer):
    """The OGR names of the plain string fields among those io.hint_undecoded looks at (not numeric):
    dates, times, binaries and booleans show as text that always decodes. None when a field is of
    another kind (JSON, lists) or not read straight from the file."""
    defn = ogr_layer.GetLayerDefn()
    out = []
    for index, field in enumerate(layer.fields()):
        if field.isNumeric():
            continue
        at = defn.GetFieldIndex(field.name())
        if layer.fields().fieldOrigin(index) != ORIGIN_PROVIDER or at < 0:
            return None
        kind, sub = defn.GetFieldDefn(at).GetType(), defn.GetFieldDefn(at).GetSubType()
        if kind == ogr.OFTString and sub == ogr.OFSTNone:
            out.append(field.name())
        elif not (kind in (ogr.OFTDate, ogr.OFTDateTime, ogr.OFTTime, ogr.OFTBinary)
                  or (kind == ogr.OFTInteger and sub == ogr.OFSTBoolean)):
            return None
    return out


def _decodes(dataset, ogr_layer, texts, sample):
    """True when the `texts` columns of the first `sample` features (by fid, as QGIS reads them) are
    all valid UTF-8 without U+FFFD; False when not, or not certain."""
    fid = ogr_layer.GetFIDColumn()
    if texts is None or not fid:
        return False
    if not texts:
        return True
    quote = '"{}"'.format
    sql = "SELECT {} FROM {} ORDER BY {} LIMIT {}".format(
        ", ".join(quote(t.replace('"', '""')) for t in texts), quote(ogr_layer.GetName().replace('"', '""')),
        quote(fid.replace('"', '""')), int(sample))
    try:
        result = dataset.ExecuteSQL(sql)
    except RuntimeError:
        return False
    if result is None:
        return False
    try:
        with result.GetArrowStreamAsNumPy() as stream:
            return all(_decoded(v) for batch in stream for t in texts for v in batch[t].tolist())
    except Exception:  # when in doubt QGIS looks
        return False
    finally:
        dataset.ReleaseResultSet(result)


def _decoded(value):
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            return False
    return value is None or (isinstance(value, str) and "\ufffd" not in value)


def resolve_layer(value, context):
    """The QgsVectorLayer a source parameter value reads as a whole, or None.

    None for anything that narrows or changes the features: a selection, a feature limit, a
    filter or flags of a QgsProcessingFeatureSourceDefinition, an expression-based value.
    A layer named by text (a layer id in the dialogs' runs) is the one prepareAlgorithm took on the
    main thread (prepared.resolved); it is looked up here only where that is safe.
    """
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        try:
            narrowed = (value.selectedFeaturesOnly or value.featureLimit != -1
                        or int(value.flags) != 0 or getattr(value, "filterExpression", ""))
        except TypeError:
            return None
        if narrowed:
            return None
    value = prepared.layer_value(value)
    if isinstance(value, QgsVectorLayer):
        return value
    if isinstance(value, str) and value:
        found, layer = prepared.resolved(value)
        if not found:
            layer = QgsProcessingUtils.mapLayerFromString(value, context, True, *_vector_hint())
        return layer if isinstance(layer, QgsVectorLayer) else None
    return None


def gpkg_table(layer, dest_crs):
    """(path, table name or None) when `layer` is a plain GeoPackage table the loop would
    read unchanged (no subset, no edits, no reprojection, no curves/Z/M), else None."""
    if not (layer.isValid() and layer.providerType() == "ogr"):
        return None
    if layer.subsetString() or layer.isEditable() or layer.isModified():
        return None
    if dest_crs is not None and dest_crs.isValid() and layer.crs() != dest_crs:
        return None  # the loop reprojects
    wkb_type = layer.wkbType()
    if (QgsWkbTypes.flatType(wkb_type) not in TYPE_IDS or QgsWkbTypes.isCurvedType(wkb_type)
            or QgsWkbTypes.hasZ(wkb_type) or QgsWkbTypes.hasM(wkb_type)):
        return None  # the loop converts these
    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    path = parts.get("path")
    if any(_given(v) for k, v in parts.items() if k not in ("path", "layerName", "layerId")):
        return None  # a subset, open options, a geometry-type filter, a /vsi… path
    if not (isinstance(path, str) and path.lower().endswith(".gpkg") and os.path.isfile(path)):
        return None  # shapefiles & co. keep the loop (encodings)
    table = parts.get("layerName") if _given(parts.get("layerName")) else None
    layer_id = parts.get("layerId") if _given(parts.get("layerId")) else None
    if table is None and layer_id not in (None, 0):
        return None
    return path, table


def _ogr_layer(dataset, table, layer):
    """The OGR layer that is `layer`: by name, or the only table; checked against QGIS's view."""
    if dataset.GetDriver().ShortName != "GPKG":
        return None
    if table is None:  # QGIS opens the first table (a styled output holds layer_styles too)
        ogr_layer = dataset.GetLayer(0)
    else:
        ogr_layer = dataset.GetLayerByName(table)
    if ogr_layer is None or ogr_layer.GetName() != (table or ogr_layer.GetName()):
        return None
    defn = ogr_layer.GetLayerDefn()
    ogr_names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
    fid_column = ogr_layer.GetFIDColumn()
    expected = ([fid_column] if fid_column else []) + ogr_names
    if (layer.dataProvider().fields().names() != expected or not ogr_layer.GetGeometryColumn()
            or ogr_layer.GetGeomType() != int(layer.wkbType())):
        return None
    return ogr_layer


def _columns(layer, ogr_layer, fields):
    """{wanted name: (OGR field name, or None for the fid column; converter)} or None.

    Field lookup is the loop's (QgsFields.lookupField: exact, then case-insensitive, then
    alias); a field that is not read straight from the file (virtual, joined) or of a type
    whose bulk value differs from QGIS's (date-times, booleans, JSON, binary, float32) gives None.
    """
    qfields = layer.fields()
    defn = ogr_layer.GetLayerDefn()
    columns = {}
    for wanted in dict.fromkeys(fields):
        index = qfields.lookupField(wanted) if wanted else -1
        if index < 0:
            continue
        if qfields.fieldOrigin(index) != ORIGIN_PROVIDER:
            return None
        field_name = qfields.at(index).name()
        if field_name == ogr_layer.GetFIDColumn():
            columns[wanted] = (None, _plain)
            continue
        ogr_index = defn.GetFieldIndex(field_name)
        if ogr_index < 0:
            return None
        field = defn.GetFieldDefn(ogr_index)
        convert = _converter(field.GetType(), field.GetSubType())
        if convert is None or field.GetName() != field_name:
            return None
        columns[wanted] = (field_name, convert)
    return columns


def _converter(field_type, subtype):
    """How a column of this OGR type becomes io._py's values: str, int, float, ISO date."""
    if field_type == ogr.OFTString and subtype == ogr.OFSTNone:
        return _text
    # not booleans: GDAL 3.6.2's NumPy view of Arrow's bit-packed booleans is wrong
    if field_type == ogr.OFTInteger and subtype in (ogr.OFSTNone, ogr.OFSTInt16):
        return _plain
    if field_type in (ogr.OFTInteger64, ogr.OFTReal) and subtype == ogr.OFSTNone:
        return _plain
    if field_type == ogr.OFTDate:
        return _date
    return None


def _only(ogr_layer, fid_column, fids):
    """Filter the OGR layer to `fids`; False when OGR refuses the filter."""
    where = '"{}" IN ({})'.format(fid_column.replace('"', '""'), ",".join(map(str, fids.tolist())) or "NULL")
    try:
        return ogr_layer.SetAttributeFilter(where) == 0
    except RuntimeError:
        return False


def _near_fids(dataset, ogr_layer, boxes, count):
    """The sorted fids whose spatial-index envelope (rounded outwards: never smaller than the
    geometry's) meets one of `boxes`, or None to read every feature: no index, or too many near."""
    rtree = "rtree_{}_{}".format(ogr_layer.GetName(), ogr_layer.GetGeometryColumn())
    try:
        result = dataset.ExecuteSQL('SELECT id, minx, miny, maxx, maxy FROM "{}"'.format(
            rtree.replace('"', '""')))
    except RuntimeError:  # no index (GDAL raises when exceptions are on)
        return None
    if result is None:
        return None
    try:
        with result.GetArrowStreamAsNumPy() as stream:
            batches = [np.column_stack([np.asarray(batch[k], dtype=float)
                                        for k in ("id", "minx", "miny", "maxx", "maxy")]) for batch in stream]
    finally:
        dataset.ReleaseResultSet(result)
    index = np.concatenate(batches) if batches else np.empty((0, 5))
    fids = np.unique(index[_meeting(index[:, 1:], boxes), 0].astype(np.int64))
    return fids if len(fids) <= min(NEAR_MAX, count * NEAR_SHARE) else None


def _meeting(entries, boxes, cells=128):
    """The rows of `entries` whose box meets (or touches) one of `boxes` (rows xmin, ymin, xmax, ymax).

    A province's index has tens of thousands of entries and a few projects' boxes cover little of
    it: a grid of the cells the boxes cover (summed-area table) passes on only the entries sharing
    such a cell, and only those are made boxes for the exact test (a tree of the few `boxes`)."""
    boxes = np.asarray(boxes, dtype=float).reshape(-1, 4)
    if len(entries) == 0 or len(boxes) == 0:
        return np.empty(0, dtype=np.int64)
    low, high = boxes[:, :2].min(axis=0), boxes[:, 2:].max(axis=0)
    size = np.where(high > low, (high - low) / cells, 1.0)

    def cell(xy):  # monotonic in the coordinate: boxes that meet share a cell
        return np.clip(np.floor((xy - low) / size), 0, cells - 1).astype(np.int64)

    b0, b1 = cell(boxes[:, :2]), cell(boxes[:, 2:])
    cover = np.zeros((cells + 1, cells + 1), dtype=np.int64)  # corners of each box's cells, then sums
    np.add.at(cover, (b0[:, 1], b0[:, 0]), 1)
    np.add.at(cover, (b0[:, 1], b1[:, 0] + 1), -1)
    np.add.at(cover, (b1[:, 1] + 1, b0[:, 0]), -1)
    np.add.at(cover, (b1[:, 1] + 1, b1[:, 0] + 1), 1)
    table = np.zeros((cells + 1, cells + 1), dtype=np.int64)
    table[1:, 1:] = (cover.cumsum(axis=0).cumsum(axis=1)[:cells, :cells] > 0).cumsum(axis=0).cumsum(axis=1)
    inside = np.flatnonzero((entries[:, :2] <= high).all(axis=1) & (entries[:, 2:] >= low).all(axis=1))
    e0, e1 = cell(entries[inside, :2]), cell(entries[inside, 2:]) + 1
    covered = table[e1[:, 1], e1[:, 0]] - table[e0[:, 1], e1[:, 0]] - table[e1[:, 1], e0[:, 0]] \
        + table[e0[:, 1], e0[:, 0]]
    near = inside[covered > 0]
    hit = shapely.STRtree(shapely.box(*boxes.T)).query(shapely.box(*entries[near].T))[0]
    return np.unique(near[hit])


def _read(layer, ogr_layer, columns, name, feedback, only=None):
    """Stream the table in batches (cancellation is checked between them) into a Layer; `only`:
    the fids to read (sorted), else every feature."""
    fid_column = ogr_layer.GetFIDColumn() or "OGC_FID"
    geom_column = ogr_layer.GetGeometryColumn()
    wanted = {ogr_name for ogr_name, _ in columns.values() if ogr_name}
    defn = ogr_layer.GetLayerDefn()
    ignored = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
    ogr_layer.SetIgnoredFields([f for f in ignored if f not in wanted])
    expected = layer.featureCount() if only is None else len(only)
    if only is not None and not _only(ogr_layer, fid_column, only):
        return None
    total = max(1, expected)
    fids, wkbs = [], []
    values = {key: [] for key in columns}
    canceled = False
    # the fid must come along: GDAL 3.6.2 returns empty geometries when it is left out too
    try:
        options = ["INCLUDE_FID=YES", "MAX_FEATURES_IN_BATCH={}".format(BATCH)]
        with ogr_layer.GetArrowStreamAsNumPy(options=options) as stream:
            for batch in stream:
                if feedback.isCanceled():
                    canceled = True
                    break
                feedback.setProgressText(tr("Reading {layer}: {n} of {total}").format(
                    layer=name, n=len(wkbs), total=total))
                if fid_column not in batch or geom_column not in batch:
                    return None
                # copy out of the batch now (tolist): its buffers belong to the stream
                fids.append(np.array(batch[fid_column], dtype=np.int64))
                wkbs.extend(batch[geom_column].tolist())  # masked (NULL) -> None
                for key, (ogr_name, convert) in columns.items():
                    column = batch[ogr_name].tolist() if ogr_name else fids[-1].tolist()
                    values[key].extend(convert(column))
    except Exception:
        return None  # the loop reads it
    fids = np.concatenate(fids) if fids else np.empty(0, dtype=np.int64)
    if not canceled and len(fids) != expected:
        return None
    geoms = _geometries(np.array(wkbs, dtype=object).reshape(-1), layer.wkbType())
    if geoms is None:
        return None
    return Layer(name, geoms, fids, {key: np.array(v, dtype=object).reshape(-1)
                                     for key, v in values.items()})


def _geometries(wkbs, wkb_type):
    """shapely geometries as the loop makes them, or None when a geometry is not plain.

    QGIS turns a single part into a multi-part one in a multi-type layer, so this does too.
    Other types, Z or M in a feature (the layer said 2D) send the layer back to the loop.
    """
    geoms = shapely.from_wkb(wkbs, on_invalid="ignore")
    if (shapely.is_missing(geoms) & ~np.equal(wkbs, None)).any():
        # WKB that GEOS cannot read (an unclosed ring, GDAL 3.6.2's empty-geometry bug):
        # QGIS may repair it on reading (it closes rings), so the loop decides
        return None
    single, multi = TYPE_IDS[QgsWkbTypes.flatType(wkb_type)]
    type_ids = shapely.get_type_id(geoms)
    if not np.isin(type_ids, (-1, single, multi)).all() or shapely.has_z(geoms).any():
        return None
    # has_m exists from shapely 2.1 but needs GEOS >= 3.12 (QGIS 3.22 on Debian 12 links 3.11);
    # the layer-level check already refused M types, this only guards mixed files
    if shapely.geos_version >= (3, 12, 0) and shapely.has_m(geoms).any():
        return None
    singles = np.flatnonzero(type_ids == single)
    if QgsWkbTypes.isMultiType(wkb_type) and len(singles):
        geoms[singles] = MULTI[single](geoms[singles][:, np.newaxis])
    return geoms


def _plain(values):
    return values


def _text(values):
    """UTF-8 (GeoPackage text is UTF-8 by spec); anything QGIS might read differently raises."""
    try:
        out = [None if v is None else v.decode("utf-8") for v in values]
    except (UnicodeDecodeError, AttributeError) as exc:
        raise Unsupported() from exc
    if any(v is not None and "\x00" in v for v in out):
        raise Unsupported()
    return out


def _date(values):
    """ISO yyyy-MM-dd, as io._py renders a QDate."""
    out = []
    for v in values:
        if v is not None and not isinstance(v, datetime.date):
            raise Unsupported()  # out of numpy's date range
        out.append(None if v is None else v.isoformat())
    return out


def _given(value):
    if isinstance(value, QVariant):
        return not value.isNull()
    return value is not None and value != "" and value != []


def _vector_hint():
    try:
        return (QgsProcessingUtils.LayerHint.Vector,)
    except AttributeError:
        return ()
