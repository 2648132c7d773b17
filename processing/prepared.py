"""Inputs taken on the main thread: every source and layer parameter is resolved in prepareAlgorithm().

QGIS calls prepareAlgorithm() on the main thread and processAlgorithm() on a worker thread when the
algorithm runs in the background (the task dialogs, the Processing dialog). Resolving a layer there
reads the project (QgsProcessingContext.project() is QgsProject.instance() in the GUI) and builds
feature sources from its layers while the main thread renders the same project: on QGIS 3.44 that
crashed in QgsProject::createExpressionContextScope. QGIS's own Python algorithms take their inputs in
prepareAlgorithm for the same reason (e.g. "deleteholes": self.source = self.parameterAsSource(...)).

PreparedInputs does it for every algorithm at once: prepareAlgorithm() resolves each source, layer and
multiple-layer parameter once, and builds the feature source of every vector layer among them; the
parameterAs*() methods the algorithms call, and layer_source(), then hand back those objects. Without
a prepare (a direct call of processAlgorithm) they resolve as before. A resolution on another thread
than the main one after a prepare is recorded in LATE (tests assert it stays empty).
"""
from qgis.core import QgsProcessingFeatureSource, QgsRasterLayer, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication, QThread

SOURCE_TYPES = ("source",)
LAYER_TYPES = ("vector", "raster", "layer", "mesh", "pointcloud")
LIST_TYPES = ("multilayer",)

LATE = []  # (algorithm id, parameter, method) resolved off the main thread after a prepare


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
