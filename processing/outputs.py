"""Writing findings and tables to sinks, with styles that survive headless runs.

Outputs are created only after the analysis has finished, so a cancelled or failed run
leaves no half-written file behind. GeoPackage outputs get the QML style embedded as their
default style; layers loaded by QGIS get it through a post-processor.
"""
import contextlib
import math
import os
import sqlite3

import numpy as np
import shapely
from osgeo import gdal
from qgis.core import (
    QgsFeature,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingLayerPostProcessorInterface,
    QgsProviderRegistry,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)

from .. import compat
from ..core import findings as core_findings
from ..core.gpkg_fill import fill_table
from ..core.gpkg_source import no_fsync
from ..i18n import tr
from . import exceptions, guard

STYLE_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "resources", "styles")

FINDING_FIELDS = core_findings.FINDING_FIELDS  # the one schema, declared in core/findings.py

WRITE_BATCH = 2000  # features per sink call; cancellation is checked between batches

# post-processors must stay referenced, or QGIS silently never calls them
_POSTPROCESSORS = []


def make_fields(spec):
    fields = QgsFields()
    for name, kind in spec:
        fields.append(QgsField(name, compat.field_type(kind)))
    return fields


def style_path(name):
    return os.path.join(STYLE_DIR, name + ".qml")


def _value(v):
    if v is None:
        return None
    if isinstance(v, (float, np.floating)):
        return None if math.isnan(v) else float(v)
    if isinstance(v, (np.integer,)):
        return int(v)
    return v


_AS_IS = (str, int, bool, type(None))  # values setAttributes takes as they are


def _plain_list(values, as_int=False):
    """A column as Python values for setAttributes or SQLite, converted once per column: NaN → None,
    and numbers of an integer field rounded to ints (as QGIS converts them)."""
    a = np.asarray(values)
    if a.dtype.kind == "f":
        present = ~np.isnan(a)
        out = np.full(len(a), None, dtype=object)
        out[present] = (np.rint(a[present]).astype(np.int64) if as_int else a[present]).astype(object)
        return out.tolist()
    if a.dtype.kind in "iub":
        return a.tolist()
    out = a.tolist()  # mostly text: convert only the other values (numpy numbers, NaN)
    for k in [k for k, v in enumerate(out) if type(v) not in _AS_IS]:
        out[k] = _value(out[k])
    return out


_BULK_TYPES = {compat.field_type(kind) for kind in ("string", "int", "double")}  # make_fields' kinds


def _is_int(field):
    return field.type() == compat.field_type("int")


def _qgs_geometry(wkb, multi=True):
    if wkb is None:
        return None
    qgeom = QgsGeometry()
    qgeom.fromWkb(wkb)
    if multi:
        qgeom.convertToMultiType()
    return qgeom


def _wkbs(geometries):
    """WKB of every geometry in one vectorised call; None for missing or empty ones."""
    geoms = np.asarray(geometries, dtype=object)
    out = np.full(len(geoms), None, dtype=object)
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    out[present] = shapely.to_wkb(geoms[present])
    return out


class Output:
    """One sink parameter: created, filled, then closed and styled in one go."""

    def __init__(self, alg, parameters, context, name, fields, wkb_type, crs, style=None,
                 title=None, style_fields=None, legend=None):
        """style_fields: {field named in the QML: field of this output} when they differ;
        legend: {category value: label} for the loaded layer's legend (translated labels)."""
        self.name = name
        self.style_fields = style_fields
        self.legend = legend
        self.fresh = _new_geopackage(alg, parameters, context, name)
        with unsynced(self.fresh):
            self.sink, self.dest = alg.parameterAsSink(parameters, name, context, fields, wkb_type, crs)
        self.wkb_type = wkb_type
        self.fields = fields
        self.style = style
        self.title = title
        self.context = context
        self.alg, self.parameters, self.crs = alg, parameters, crs  # for exceptions.apply
        self.findings = {"rule", "severity"} <= set(fields.names())
        self.made, self.closed = self.sink is not None, False
        if self.sink is None and not self.dest:  # optional output skipped (or unset in a model)
            return
        if self.sink is None:
            raise QgsProcessingException(alg.invalidSinkError(parameters, name))

    @property
    def wanted(self):
        """A sink was made and is not closed yet (write_rows may close it early: see _bulk_target)."""
        return self.made and not self.closed

    def write_rows(self, columns, geometries=None, feedback=None):
        """Write equal-length columns (dict name → array) in the order of the sink's fields."""
        names = [f.name() for f in self.fields]
        columns = dict(columns, feature_fid=columns["fid"]) if "fid" in columns else columns
        n = len(next(iter(columns.values()))) if columns else 0
        blank = [None] * n
        values = [_plain_list(columns[c], _is_int(f)) if c in columns else blank
                  for c, f in zip(names, self.fields)]
        if feedback is not None and feedback.isCanceled():
            return False
        target = self._bulk_target()
        if target is not None:
            self._close_sink()
            if fill_table(*target, names, values, geometries, not self.fresh):
                return True
            self._open_table(*target)  # not the table expected: through GDAL after all
        return self._add_features(values, geometries, n, feedback)

    def _add_features(self, values, geometries, n, feedback):
        """One QgsFeature per row, handed to the sink in batches."""
        wkbs = _wkbs(geometries) if geometries is not None else [None] * n
        rows = list(zip(*values))
        for start in range(0, n, WRITE_BATCH):  # one call per batch: less per-feature overhead
            if feedback is not None and feedback.isCanceled():
                return False
            batch = []
            for row, wkb in zip(rows[start:start + WRITE_BATCH], wkbs[start:start + WRITE_BATCH]):
                feat = QgsFeature(self.fields)
                feat.setAttributes(list(row))
                if wkb is not None:
                    feat.setGeometry(_qgs_geometry(wkb))
                batch.append(feat)
            self.sink.addFeatures(batch, compat.FAST_INSERT)
        return True

    def _bulk_target(self):
        """(file, table or None) when the sink is a new GeoPackage table that plain SQLite can fill
        (text, integer and real fields only); None otherwise."""
        if not isinstance(self.dest, str) or not all(f.type() in _BULK_TYPES for f in self.fields):
            return None
        path, table = guard.sink_file(self.dest)
        if not path.lower().endswith(".gpkg") or not os.path.isfile(path):
            return None
        return path, table or None

    def _open_table(self, path, table):
        """A new writer on the table, made as the sink's was (fill_table found it not as expected)."""
        options = QgsVectorFileWriter.SaveVectorOptions()
        options.driverName = "GPKG"
        options.layerName = table or os.path.splitext(os.path.basename(path))[0]
        options.actionOnExistingFile = QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer
        with unsynced(self.fresh):
            self.sink = QgsVectorFileWriter.create(path, self.fields, self.wkb_type, self.crs,
                                                   self.context.transformContext(), options)
        if self.sink.hasError():
            raise QgsProcessingException(tr("Could not write the features to {dest}.").format(
                dest=self.dest) + " " + self.sink.errorMessage())

    def _close_sink(self):
        if self.sink is not None:
            self.sink.flushBuffer()
            del self.sink  # closes the writer: the file is complete from here on
            self.sink = None

    def close(self, feedback):
        """Flush the file, embed the style, and style the layer QGIS will load."""
        if not self.wanted:
            return
        self._close_sink()
        self.closed = True
        if self.style:
            with unsynced(self.fresh):
                self._embed_style(feedback)
            if self.context.willLoadLayerOnCompletion(self.dest):
                processor = StylePostProcessor(style_path(self.style), self.title, self.style_fields,
                                               self.legend)
                _POSTPROCESSORS.append(processor)
                self.context.layerToLoadOnCompletionDetails(self.dest).setPostProcessor(processor)

    def _embed_style(self, feedback):
        """embed_style; in a new GeoPackage the style QGIS saved in the last one of the same fields
        and type is saved again as it was (the same QML and SLD: no layer to open and style)."""
        qml = style_path(self.style)
        if not self.fresh:
            return embed_style(self.dest, qml, feedback, fields=self.style_fields)
        key = (qml, os.path.getmtime(qml), repr(self.style_fields), int(self.wkb_type),
               tuple((f.name(), int(f.type())) for f in self.fields))
        if key in _SAVED_STYLES:
            if _save_style(self.dest, qml, *_SAVED_STYLES[key]):
                return None
            return embed_style(self.dest, qml, feedback, fields=self.style_fields)  # names it anew
        embed_style(self.dest, qml, feedback, fields=self.style_fields, fresh=True)
        saved = _saved_style(self.dest)
        if saved is not None:
            _SAVED_STYLES[key] = saved
        return None

    def discard(self):
        """Drop a sink after a cancel and remove what it wrote (only its table when the file holds
        other tables: QGIS adds a table to a GeoPackage that is already there)."""
        if not self.wanted:
            return
        self.sink = None
        self.closed = True
        guard.remove_output(self.dest)


_SAVED_STYLES = {}  # (QML file, its time, renamed fields, geometry type, fields): (QML, SLD) QGIS saved


def _saved_style(dest):
    """(QML, SLD) of the one style in a new GeoPackage, or None."""
    try:
        con = sqlite3.connect(guard.sink_file(dest)[0])
        try:
            rows = con.execute("SELECT styleQML, styleSLD FROM layer_styles").fetchall()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return rows[0] if len(rows) == 1 and all(isinstance(v, str) for v in rows[0]) else None


def _save_style(dest, qml, qml_text, sld_text):
    """Save the style texts as embed_style does, through the provider; False when that fails."""
    name = os.path.splitext(os.path.basename(qml))[0]
    try:
        return bool(QgsProviderRegistry.instance().saveStyle("ogr", dest, qml_text, sld_text, name,
                                                             tr("Default ecospace style"), "", True, ""))
    except (TypeError, AttributeError):  # another QGIS's signature: the layer's own way then
        return False


def _new_geopackage(alg, parameters, context, name):
    """True when output `name` makes a GeoPackage that is not there yet: it holds only what this run
    writes, so its SQLite writes need not wait for the disk (see unsynced)."""
    target = next((t for t in guard.targets(alg, parameters, context) if t.param == name), None)
    return target is not None and target.path.lower().endswith(".gpkg") and not os.path.exists(target.path)


@contextlib.contextmanager
def unsynced(on=True):
    """GDAL's SQLite writes on this thread without waiting for the disk (synchronous = OFF), for a
    GeoPackage the run makes: like every file format without a journal, a system crash just after
    the run can spoil it, but there is no older data in it to lose. Under the disk traffic of other
    programs the waits cost more than writing the rows (the style alone: several transactions)."""
    if not on:
        yield
        return
    with no_fsync(gdal):
        yield


def embed_style(dest, qml, feedback, layer=None, fields=None, fresh=False):
    """Store the QML as the GeoPackage layer's default style, so headless outputs open styled.

    Pass `layer` when it is already open: a second layer object on the same file can
    deadlock QGIS's OGR connection pool while the style is written. `fields` renames the
    fields the style refers to ({name in the QML: name in the layer}). `fresh`: the run made the
    file, which holds no style yet (none is looked for, and the style's name is free).
    """
    if not isinstance(dest, str) or ".gpkg" not in dest.lower() or not os.path.exists(qml):
        return
    layer = layer or QgsVectorLayer(dest, "styled", "ogr", QgsVectorLayer.LayerOptions(not fresh, False))
    if not layer.isValid() or layer.providerType() != "ogr":
        return
    _, ok = layer.loadNamedStyle(qml)
    if not ok:
        return
    rename_style_fields(layer, fields)
    name = os.path.splitext(os.path.basename(qml))[0]
    name = name if fresh else _free_style_name(layer, name)  # a new file holds no style yet
    if hasattr(layer, "saveStyleToDatabaseV2"):  # 3.44+
        result = layer.saveStyleToDatabaseV2(name, tr("Default ecospace style"), True, "")
        error = result[1] if isinstance(result, tuple) else ""
    else:
        error = layer.saveStyleToDatabase(name, tr("Default ecospace style"), True, "")
    if error:
        feedback.pushWarning(tr("Could not embed the style in {dest}: {error}").format(
            dest=dest, error=error))


def _free_style_name(layer, name):
    """Remove an earlier style of this name: re-saving one makes QGIS 3.22 ask in a modal
    dialog, which hangs headless runs. Fall back to a new name when it cannot be removed."""
    count, ids, names = layer.listStylesInDatabase()[:3]
    taken = [i for i, n in zip(ids, names) if n == name]
    for style_id in taken:
        if hasattr(layer, "deleteStyleFromDatabase"):
            layer.deleteStyleFromDatabase(style_id)
    if taken:  # what is left
        names = layer.listStylesInDatabase()[2]
    k = 2
    free = name
    while free in names:
        free = "{} ({})".format(name, k)
        k += 1
    return free


class StylePostProcessor(QgsProcessingLayerPostProcessorInterface):
    def __init__(self, qml, title=None, fields=None, legend=None):
        super().__init__()
        self.qml = qml
        self.title = title
        self.fields = fields
        self.legend = legend

    def postProcessLayer(self, layer, context, feedback):
        if layer is None or not layer.isValid():
            return
        layer.loadNamedStyle(self.qml)
        rename_style_fields(layer, self.fields)
        translate_severity_legend(layer)
        translate_legend(layer, self.legend)
        if self.title:
            layer.setName(self.title)
        layer.triggerRepaint()


def rename_style_fields(layer, fields):
    """Point the categorized renderer and the simple labels at renamed fields."""
    if not fields:
        return
    renderer = layer.renderer()
    if renderer is not None and renderer.type() == "categorizedSymbol" \
            and renderer.classAttribute() in fields:
        renderer.setClassAttribute(fields[renderer.classAttribute()])
    labeling = layer.labeling()
    if labeling is not None and labeling.type() == "simple":
        settings = labeling.settings()
        if settings.fieldName in fields:
            settings.fieldName = fields[settings.fieldName]
            layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))


def translate_legend(layer, legend):
    """Relabel categories by value ({value as text: label}), e.g. the unit classes."""
    renderer = layer.renderer()
    if not legend or renderer is None or renderer.type() != "categorizedSymbol":
        return
    for index, category in enumerate(renderer.categories()):
        key = str(category.value())
        if key in legend:
            renderer.updateCategoryLabel(index, legend[key])


def translate_severity_legend(layer):
    """The shipped QML labels severities bilingually; inside QGIS use the user's language."""
    renderer = layer.renderer()
    if renderer is None or renderer.type() != "categorizedSymbol" or renderer.classAttribute() != "severity":
        return
    labels = {"error": tr("Error"), "warning": tr("Warning"), "info": tr("Information")}
    for index, category in enumerate(renderer.categories()):
        if category.value() in labels:
            renderer.updateCategoryLabel(index, labels[category.value()])


def write_all(items, feedback):
    """Write every (Output, columns, geometries) item, then close them all.

    On cancel every started file is removed, so a run leaves all its outputs or none.
    Returns {parameter name: destination} of the outputs written.

    A findings output first takes the run's accepted exceptions (exceptions.apply, the EXCEPTIONS
    parameter): its table is updated in place, so the counts and the report that follow see them.
    """
    items = [(out, columns, exceptions.apply(out.alg, out.parameters, out.context, out.crs, columns,
                                             geometries, feedback) if out.findings else geometries)
             for out, columns, geometries in items]
    outputs = [out for out, _, _ in items if out.wanted]
    ok = True
    for out, columns, geometries in items:
        if ok and out.wanted:
            ok = out.write_rows(columns, geometries, feedback)
    if not ok or feedback.isCanceled():
        for out in outputs:
            out.discard()
        raise guard.cancelled()
    for out in outputs:
        out.close(feedback)
    return {out.name: out.dest for out in outputs}
