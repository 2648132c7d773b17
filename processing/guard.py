"""Inputs are sacred: the checks every ecospace algorithm runs before it writes anything, and the
clean-up after a run that fails or is cancelled.

Before a run (EcoAlgorithm.checkParameterValues, for the dialog, processing.run and qgis_process;
and again in prepareAlgorithm, because batch runs and models never call checkParameterValues): every
input file is intact and of the kind its parameter expects; no output is an input file (or a folder
holding one); every output can be written. During the run (processAlgorithm, wrapped by guarded()):
a failure or a cancel removes what the run wrote, and a cancel always ends with the cancel message,
whatever the code was doing when it noticed.
"""
import functools
import os
import re
import struct
import tempfile
from stat import S_ISREG

from osgeo import gdal
from qgis.core import (
    QgsDataSourceUri,
    QgsMapLayer,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingUtils,
    QgsProperty,
    QgsProviderRegistry,
    QgsRasterLayer,
)

from .. import compat
from ..core import gc_pause
from ..i18n import tr
from . import prepared
from .raster_io import one_line

INPUT_TYPES = ("source", "vector", "raster", "layer", "multilayer", "file")
VECTOR_TYPES = (compat.TYPE_VECTOR, compat.TYPE_VECTOR_ANY, compat.TYPE_VECTOR_POINT,
                compat.TYPE_VECTOR_LINE, compat.TYPE_VECTOR_POLYGON)


def cancelled():
    return QgsProcessingException(tr("The run was cancelled. No output was written."))


# -- what the parameters point at --------------------------------------------------------------

class Input:
    """A file an input parameter reads; `layer` when it came from an already loaded layer."""

    def __init__(self, param, path, layer, expected):
        self.param, self.path, self.layer, self.expected = param, path, layer, expected


class Target:
    """The file (or folder) an output parameter writes; `layer` is the table inside a GeoPackage."""

    def __init__(self, param, path, layer="", folder=False):
        self.param, self.path, self.layer, self.folder = param, os.path.abspath(path), layer, folder


def inputs(alg, parameters, context):
    out = []
    for definition in alg.parameterDefinitions():
        if definition.isDestination() or definition.type() not in INPUT_TYPES:
            continue
        value = parameters.get(definition.name())
        for item in value if isinstance(value, (list, tuple)) else [value]:
            layer, source = _layer_and_source(item, context)
            path = _file_of(source, layer.providerType() if layer is not None else None)
            if path:
                out.append(Input(definition.name(), path, layer, _expected_kind(definition)))
    return out


def targets(alg, parameters, context):
    out = []
    for definition in alg.destinationParameterDefinitions():
        value = parameters.get(definition.name())
        if isinstance(value, QgsProcessingOutputLayerDefinition):
            value = value.sink
        value = _text(value, context)
        if not value or value == QgsProcessing.TEMPORARY_OUTPUT:
            continue  # skipped, or a new file in the Processing temporary folder
        kind = definition.type()
        if kind in ("fileDestination", "folderDestination"):
            out.append(Target(definition.name(), value, folder=kind == "folderDestination"))
            continue
        path, layer = sink_file(value)
        if path:
            out.append(Target(definition.name(), path, layer))
    return out


def sink_file(dest):
    """(file, table) a sink destination writes: 'x.gpkg', "ogr:dbname='x.gpkg' table=\"t\"",
    'x.gpkg|layername=t'; ('', '') for memory and database outputs."""
    scheme = re.match(r"^(\w{2,}):(?!\\|/)(.*)$", dest)  # two letters at least: not a drive letter
    if scheme:
        if scheme.group(1) not in ("ogr", "spatialite"):
            return "", ""
        dest = scheme.group(2)
        if "dbname=" in dest:
            uri = QgsDataSourceUri(dest)
            return uri.database(), uri.table()
    path, _, layer = dest.partition("|layername=")
    return path, layer.split("|")[0]


def _text(value, context):
    if isinstance(value, QgsProperty):
        value = value.valueAsString(context.expressionContext())
        value = value[0] if isinstance(value, tuple) else value
    return value if isinstance(value, str) else ""


def _layer_and_source(item, context):
    if isinstance(item, QgsProcessingFeatureSourceDefinition):
        item = item.source
    if isinstance(item, QgsMapLayer):
        return item, item.source()
    text = _text(item, context) if isinstance(item, QgsProperty) else item
    if not isinstance(text, str) or not text:
        return None, ""
    layer = QgsProcessingUtils.mapLayerFromString(text, context, False)  # a project layer's id or name
    return (layer, layer.source()) if layer is not None else (None, text)


def _file_of(source, provider):
    """The existing file (or folder, e.g. a .gdb) behind a layer source, or ''."""
    if not source:
        return ""
    for key in [provider] if provider else ["ogr", "gdal"]:
        path = QgsProviderRegistry.instance().decodeUri(key, source).get("path") or source.split("|")[0]
        if path and os.path.exists(path):
            return os.path.abspath(path)
    return ""


def _expected_kind(definition):
    """'vector', 'raster', or None when the parameter takes either (or files)."""
    kind = definition.type()
    if kind in ("source", "vector"):
        return "vector"
    if kind == "raster":
        return "raster"
    types = {int(definition.layerType())} if kind == "multilayer" else \
        {int(t) for t in definition.dataTypes()} if kind == "layer" else set()
    if types and types <= {int(compat.TYPE_RASTER)}:
        return "raster"
    if types and types <= {int(t) for t in VECTOR_TYPES}:
        return "vector"
    return None


# -- checks before anything is written -----------------------------------------------------------

def preflight(alg, parameters, context):
    """The first reason not to run, as a message for the user, or ''."""
    return first_problem(inputs(alg, parameters, context), targets(alg, parameters, context))


def first_problem(read, outputs):
    looked = set()
    for item in read:
        how = (item.path, item.expected, None if item.layer is None else isinstance(item.layer, QgsRasterLayer))
        if how in looked:
            continue  # several layers of one file (a GeoPackage's tables): it was found fine
        looked.add(how)
        problem = input_problem(item)
        if problem:
            return problem
    for target in outputs:
        problem = overwrite_problem(target, read) or location_problem(target)
        if problem:
            return problem
    return ""


def input_problem(item):
    """A damaged input file, or one of the wrong kind (a raster given for a vector, or back)."""
    cut = truncated(item.path)
    if cut:
        return tr("The input {param} is damaged: {file} is shorter than its header says, so it was "
                  "probably cut off while being copied or downloaded. Use a complete copy.").format(
            param=item.param, file=cut)
    if item.expected is None:
        return ""
    if item.layer is not None:
        kinds, error = {"raster" if isinstance(item.layer, QgsRasterLayer) else "vector"}, ""
    else:
        kinds, error = file_kinds(item.path, item.expected)
    if not kinds and error:
        return tr("The input {param} cannot be opened: {file}: {error}").format(
            param=item.param, file=item.path, error=one_line(error))
    if kinds and item.expected not in kinds:
        if item.expected == "vector":
            return tr("The input {param} needs a vector layer, but {file} is a raster.").format(
                param=item.param, file=item.path)
        return tr("The input {param} needs a raster, but {file} is a vector layer.").format(
            param=item.param, file=item.path)
    return ""


def overwrite_problem(target, read):
    for item in read:
        if same_file(target.path, item.path):
            if target.folder:
                return tr("The output folder {output} ({path}) is the file of the input {param}. "
                          "Choose a folder for {output}.").format(
                    output=target.param, path=target.path, param=item.param)
            return tr("The output {output} ({path}) is the file of the input {param}, and inputs are "
                      "never written to. Choose another file for {output}.").format(
                output=target.param, path=target.path, param=item.param)
        if target.folder and same_file(target.path, os.path.dirname(item.path)):
            return tr("The output folder {output} ({path}) holds {file}, the input of {param}: files "
                      "written there could replace it. Choose another folder for {output}.").format(
                output=target.param, path=target.path, file=item.path, param=item.param)
    return ""


def location_problem(target):
    """Why the output cannot be written where it points (a file as folder, a read-only folder)."""
    if target.folder and os.path.isfile(target.path):
        return tr("The output folder {output} ({path}) is a file, not a folder. Choose a "
                  "folder.").format(output=target.param, path=target.path)
    if not target.folder and os.path.isdir(target.path):
        return tr("The output {output} ({path}) is a folder. Give a file name.").format(
            output=target.param, path=target.path)
    parent = target.path if target.folder else os.path.dirname(target.path)
    while not os.path.exists(parent) and os.path.dirname(parent) != parent:
        parent = os.path.dirname(parent)
    if os.path.isfile(parent):
        return tr("The output {output} ({path}) cannot be written: {file} is a file, not a "
                  "folder. Choose another location.").format(
            output=target.param, path=target.path, file=parent)
    if not writable(parent):
        return tr("The output {output} ({path}) cannot be written: the folder {folder} is read-only "
                  "or you have no permission to write there. Choose another folder.").format(
            output=target.param, path=target.path, folder=parent)
    return ""


def same_file(a, b):
    if _norm(a) == _norm(b):
        return True
    try:
        return os.path.samefile(a, b)  # hard links, case-insensitive file systems
    except OSError:
        return False


def _norm(path):
    return os.path.normcase(os.path.realpath(os.path.abspath(path)))


def writable(folder):
    """Really try: os.access says yes to root on read-only mounts and is unreliable on Windows."""
    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


_KINDS = {}  # file_kinds' answers by the file's identity (path, kind asked, size, time, inode)


def file_kinds(path, first="vector"):
    """({'vector', 'raster'} that GDAL finds in the file, GDAL's error when it finds neither). When
    it finds `first` it looks no further (the caller asks whether the file is of that kind): one
    GDAL open per input instead of two. The answer for an unchanged file is remembered: each run
    checks its inputs twice (checkParameterValues, prepareAlgorithm), and a batch far more often."""
    try:
        stat = os.stat(path)
        key = (path, first, stat.st_size, stat.st_mtime_ns, stat.st_ino) if S_ISREG(stat.st_mode) else None
    except OSError:  # a folder's answer is not kept: a file in it may change without the folder's time
        key = None
    if key in _KINDS:
        return _KINDS[key]
    answer = _file_kinds(path, first)
    if key is not None and answer[0]:
        if len(_KINDS) >= 256:
            _KINDS.clear()
        _KINDS[key] = answer
    return answer


def _file_kinds(path, first):
    flags = {"vector": gdal.OF_VECTOR, "raster": gdal.OF_RASTER}
    kinds, errors = set(), []
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        for kind in sorted(flags, key=lambda k: k != first):
            gdal.ErrorReset()
            try:
                ds = gdal.OpenEx(path, flags[kind])
            except RuntimeError as error:
                ds = None
                errors.append(str(error))
            else:
                errors.append(gdal.GetLastErrorMsg())
            if ds is not None and (ds.GetLayerCount() if kind == "vector"
                                   else ds.RasterCount or ds.GetSubDatasets()):
                kinds.add(kind)
                if kind == first:
                    break
    finally:
        gdal.PopErrorHandler()
    return kinds, next((e for e in errors if e), "")


def truncated(path):
    """The part of a shapefile or SQLite/GeoPackage file that is shorter than its header says, or ''."""
    stem, ext = os.path.splitext(path)
    if ext.lower() == ".shp":
        parts = [path] + [p for e in (".shx", ".dbf") for p in (stem + e, stem + e.upper())
                          if os.path.isfile(p)]
        return next((p for p in parts if os.path.getsize(p) < _declared_size(p)), "")
    return path if os.path.isfile(path) and os.path.getsize(path) < _declared_size(path) else ""


def _declared_size(path):
    """The file size its header promises (0 when the header is not one we know)."""
    with open(path, "rb") as handle:
        head = handle.read(100)
    if path.lower().endswith((".shp", ".shx")) and len(head) >= 28:
        return struct.unpack(">i", head[24:28])[0] * 2  # in 16-bit words
    if path.lower().endswith(".dbf") and len(head) >= 12:
        count, = struct.unpack("<I", head[4:8])
        header, record = struct.unpack("<HH", head[8:12])
        return header + count * record
    if head.startswith(b"SQLite format 3\0") and head[24:28] == head[92:96]:  # page count is valid
        page, = struct.unpack(">H", head[16:18])
        pages, = struct.unpack(">I", head[28:32])
        return (65536 if page == 1 else page) * pages
    return 0


# -- during the run ------------------------------------------------------------------------------

def prepare(alg, parameters, context):
    """Refuse unsafe inputs and outputs, else remember the outputs as they are. EcoAlgorithm calls it
    in prepareAlgorithm, on the main thread (project layers are resolved there, see prepared.py)."""
    read, outputs = inputs(alg, parameters, context), targets(alg, parameters, context)
    problem = first_problem(read, outputs)
    if problem:
        raise QgsProcessingException(problem)
    return Written(outputs, [item.path for item in read])


def guarded(process):
    """Wrap an algorithm's processAlgorithm: refuse unsafe outputs, and after a failure or a cancel
    remove what was written and say so. The outputs and inputs are those prepareAlgorithm found on the
    main thread; only a processAlgorithm called without it (no background run does that) looks its
    inputs up here. While it runs, layers named by text resolve to those prepareAlgorithm took
    (prepared.running, bulk_read.resolve_layer)."""
    @functools.wraps(process)
    def run(alg, parameters, context, feedback):
        written = getattr(alg, "outputs_before", None) or prepare(alg, parameters, context)
        alg.outputs_before = None  # one run each
        results = {}
        try:
            written.make_folders()
            with prepared.running(alg), gc_pause.paused():
                results = process(alg, parameters, context, feedback)
            if feedback is not None and feedback.isCanceled():
                raise cancelled()  # a cancel during the last write is still a cancel
            return results
        except Exception as error:
            written.remove(results)
            if feedback is not None and feedback.isCanceled():
                raise cancelled() from None  # e.g. "the layer is empty" after reading stopped early
            if isinstance(error, OSError) and error.filename:
                raise QgsProcessingException(tr("Could not read or write {file}: {reason}").format(
                    file=error.filename, reason=error.strerror or error)) from None
            raise
    return run


class Written:
    """What the output files looked like before the run, so that only what it wrote is removed."""

    def __init__(self, outputs, inputs_):
        self.targets = outputs
        self.inputs = inputs_
        self.created = []
        self.before = {}
        self.tables = {}  # tables of the GeoPackages a sink adds a table to
        for target in outputs:
            self.before.update(_files(target.path) if target.folder else _family(target.path))
            if target.layer and os.path.isfile(target.path):
                self.tables[target.path] = tables(target.path)

    def make_folders(self):
        """Create the missing folders of the outputs (QGIS's sink writer does not)."""
        for target in self.targets:
            for folder in _missing_folders(target):
                os.mkdir(folder)
                self.created.append(folder)

    def remove(self, results):
        """Remove the outputs and their side files, the tables the run added to a GeoPackage, the
        files it returned in an output folder or the temporary folder, and the folders it made."""
        for target in self.targets:
            if target.folder:
                continue  # only the files the run returned (below): other programs may write there
            if target.path in self.tables:  # the file stays: only the tables the run wrote go
                added = tables(target.path) - self.tables[target.path]
                if _stamp(target.path) != self.before.get(target.path):
                    added.add(target.layer)  # a table replaced by one of the same name
                drop_tables(target.path, added)
                continue
            self._remove_changed(target.path)
        places = [t.path for t in self.targets if t.folder] + [QgsProcessingUtils.tempFolder()]
        for path in _result_files(results):
            if any(_norm(path).startswith(_norm(place) + os.sep) for place in places):
                self._remove_changed(path)
        for folder in reversed(self.created):
            try:
                os.rmdir(folder)  # only when empty
            except OSError:
                pass

    def _remove_changed(self, path):
        for name, stamp in _family(path).items():
            if self.before.get(name) != stamp and not any(same_file(name, i) for i in self.inputs):
                try:
                    os.remove(name)
                except OSError:
                    pass


def _result_files(results):
    for value in results.values():
        for item in value if isinstance(value, list) else [value]:
            path = sink_file(item)[0] if isinstance(item, str) else ""
            if path and os.path.isfile(path):
                yield path


def remove_output(dest):
    """Remove what a sink wrote to `dest`: its table, and the file unless other tables are left
    (QGIS adds a table to a GeoPackage that is already there)."""
    path, layer = sink_file(dest) if isinstance(dest, str) else ("", "")
    if not path or not os.path.isfile(path):
        return
    if layer and drop_tables(path, {layer}) != 0:
        return  # other tables are left, or the file could not be opened: it stays
    try:
        os.remove(path)
    except OSError:
        pass


def tables(path):
    """The names of the tables of a GeoPackage (or other OGR file)."""
    try:
        ds = gdal.OpenEx(path, gdal.OF_VECTOR)
    except RuntimeError:
        return set()
    return {ds.GetLayer(k).GetName() for k in range(ds.GetLayerCount())} if ds is not None else set()


def drop_tables(path, names):
    """Delete these tables and their stored styles; the number of tables left (None if the file
    cannot be opened)."""
    try:
        ds = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_UPDATE)
        if ds is None:
            return None
        for k in reversed(range(ds.GetLayerCount())):
            if ds.GetLayer(k).GetName() in names:
                ds.DeleteLayer(k)
        if names and ds.GetLayerByName("layer_styles") is not None:
            quoted = ",".join("'{}'".format(n.replace("'", "''")) for n in names)
            ds.ExecuteSQL("DELETE FROM layer_styles WHERE f_table_name IN ({})".format(quoted))
        return ds.GetLayerCount()
    except RuntimeError:  # clean-up must never hide the error that stopped the run
        return None


def _missing_folders(target):
    """The folders of an output that do not exist yet, outermost first."""
    folder = target.path if target.folder else os.path.dirname(target.path)
    missing = []
    while folder and not os.path.exists(folder):
        missing.insert(0, folder)
        folder = os.path.dirname(folder)
    return missing


def _family(path):
    """{file: stamp} of an output file and the files written beside it (x.qml, x.tif.aux.xml,
    x.<pid>.partial.tif, x.dbf, x.gpkg-wal…)."""
    base = os.path.basename(path)
    stem = os.path.splitext(base)[0]
    return _files(os.path.dirname(path),
                  lambda name: name == base or name.startswith((stem + ".", base + "-")))


def _files(folder, keep=lambda name: True):
    """{file: stamp} of the files of a folder (those whose name `keep` accepts)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return {}
    paths = (os.path.join(folder, n) for n in names if keep(n))
    return {p: _stamp(p) for p in paths if os.path.isfile(p)}


def _stamp(path):
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size, st.st_ino
