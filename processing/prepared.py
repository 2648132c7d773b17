"""Inputs taken on the main thread: every source and layer parameter is resolved in prepareAlgorithm().

QGIS calls prepareAlgorithm() on the main thread and processAlgorithm() on a worker thread when the
algorithm runs in the background (the task dialogs, the Processing dialog). Resolving a layer there
reads the project (QgsProcessingContext.project() is QgsProject.instance() in the GUI) and builds
feature sources from its layers while the main thread renders the same project: on QGIS 3.44 that
crashed in QgsProject::createExpressionContextScope. QGIS's own Python algorithms take their inputs in
prepareAlgorithm for the same reason (e.g. "deleteholes": self.source = self.parameterAsSource(...)).

PreparedInputs does it for every algorithm at once: prepareAlgorithm() resolves each source, layer and
multiple-layer parameter once, and builds the feature source of every vector layer among them; the
parameterAs*() methods the algorithms call, and layer_source(), then hand back those objects; so does
resolved() for the text a parameter named its layer by (bulk_read.resolve_layer), while guard.guarded
runs the algorithm (running). Without a prepare (a direct call of processAlgorithm) they resolve as
before. A resolution on another thread than the main one after a prepare is recorded in LATE (tests
assert it stays empty).
"""
import threading
from contextlib import contextmanager

from qgis.core import (
    QgsProcessingFeatureSource,
    QgsProcessingFeatureSourceDefinition,
    QgsProperty,
    QgsRasterLayer,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication, QThread

from .. import compat

SOURCE_TYPES = ("source",)
LAYER_TYPES = ("vector", "raster", "layer", "mesh", "pointcloud")
LIST_TYPES = ("multilayer",)

LATE = []  # (algorithm id, parameter, method) resolved off the main thread after a prepare
_RUNNING = threading.local()  # .algs: the algorithms whose processAlgorithm runs on this thread


def on_main_thread():
    app = QCoreApplication.instance()
    return app is None or QThread.currentThread() == app.thread()


class PreparedInputs:
    """Mixin for a QgsProcessingAlgorithm (put it first among the bases)."""

    _prepared = None  # {(kind, parameter name): object}, set by prepareAlgorithm

    def prepareAlgorithm(self, parameters, context, feedback):
        prepared = {}
        for definition in self.parameterDefinitions():
            name, kind = definition.name(), definition.type()
            try:
                if kind in SOURCE_TYPES:
                    prepared["source", name] = super().parameterAsSource(parameters, name, context)
                    # its layer too: messages name it (checks.label), bulk reading opens its file
                    prepared["layer", name] = super().parameterAsVectorLayer(parameters, name, context)
                elif kind in LAYER_TYPES:
                    layer = super().parameterAsLayer(parameters, name, context)
                    prepared["layer", name] = layer
                    self._prepare_source(prepared, layer, context)
                elif kind in LIST_TYPES:
                    layers = super().parameterAsLayerList(parameters, name, context)
                    prepared["layers", name] = layers
                    for layer in layers:
                        self._prepare_source(prepared, layer, context)
                text = layer_value(parameters.get(name))
                if isinstance(text, str) and ("layer", name) in prepared:  # for resolved()
                    prepared["text", text] = prepared["layer", name]
            except Exception:
                continue
        self._prepared = prepared
        return True

    @staticmethod
    def _prepare_source(prepared, layer, context):
        if isinstance(layer, QgsVectorLayer) and ("layer source", layer.id()) not in prepared:
            prepared["layer source", layer.id()] = QgsProcessingFeatureSource(layer, context)

    def _taken(self, key, method):
        if self._prepared is None:
            return False
        if key in self._prepared:
            return True
        if not on_main_thread():
            LATE.append((self.id(), key[1], method))
        return False

    def parameterAsSource(self, parameters, name, context):
        if self._taken(("source", name), "parameterAsSource"):
            return self._prepared["source", name]
        return super().parameterAsSource(parameters, name, context)

    def parameterAsLayer(self, parameters, name, context):
        if self._taken(("layer", name), "parameterAsLayer"):
            return self._prepared["layer", name]
        return super().parameterAsLayer(parameters, name, context)

    def parameterAsVectorLayer(self, parameters, name, context):
        if self._taken(("layer", name), "parameterAsVectorLayer"):
            layer = self._prepared["layer", name]
            return layer if isinstance(layer, QgsVectorLayer) else None
        return super().parameterAsVectorLayer(parameters, name, context)

    def parameterAsRasterLayer(self, parameters, name, context):
        if self._taken(("layer", name), "parameterAsRasterLayer"):
            layer = self._prepared["layer", name]
            return layer if isinstance(layer, QgsRasterLayer) else None
        return super().parameterAsRasterLayer(parameters, name, context)

    def parameterAsLayerList(self, parameters, name, context):
        if self._taken(("layers", name), "parameterAsLayerList"):
            return list(self._prepared["layers", name])
        return super().parameterAsLayerList(parameters, name, context)

    def layer_source(self, layer, context):
        """The feature source of a vector layer from a layer or multiple-layer parameter: the one built
        on the main thread by prepareAlgorithm, else a new QgsProcessingFeatureSource."""
        if self._taken(("layer source", layer.id()), "layer_source"):
            return self._prepared["layer source", layer.id()]
        return QgsProcessingFeatureSource(layer, context)


def layer_value(value):
    """What a parameter value names its layer by: the text (a layer id, name, source or file) or the layer
    of a feature source definition's source or of a static property, or the value itself; None for an
    expression-based property."""
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        value = value.source
    if isinstance(value, QgsProperty):
        return value.staticValue() if value.propertyType() == compat.PROPERTY_STATIC else None
    return value


@contextmanager
def running(alg):
    """`alg` is the algorithm running on this thread meanwhile (guard.guarded around processAlgorithm)."""
    algs = _RUNNING.__dict__.setdefault("algs", [])
    algs.append(alg)
    try:
        yield
    finally:
        algs.pop()


def resolved(text):
    """(True, layer) when the algorithm running on this thread resolved `text` (a parameter's layer id,
    name or source) in prepareAlgorithm; (True, None) when it did not and this is not the main thread:
    a lookup here would read the project from a background run's worker thread (recorded in LATE);
    (False, None) where a lookup is safe: on the main thread, or in a run without a prepare."""
    algs = getattr(_RUNNING, "algs", None)
    alg = algs[-1] if algs else None
    prepared = getattr(alg, "_prepared", None)
    if prepared is None:
        return False, None
    if ("text", text) in prepared:
        return True, prepared["text", text]
    if on_main_thread():
        return False, None
    LATE.append((alg.id(), text, "resolved"))
    return True, None
