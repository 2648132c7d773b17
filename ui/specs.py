"""An algorithm's parameterDefinitions() as ParamSpecs, so the dialogs follow the algorithms."""
import os

from qgis.core import QgsApplication

from .. import compat
from .params import OUTPUT_KINDS, ParamSpec, outputs

_KINDS = {
    "source": "layer", "vector": "layer", "multilayer": "layers", "field": "field", "number": "number",
    "distance": "number", "enum": "enum", "boolean": "bool", "string": "string", "file": "file",
    "crs": "crs", "sink": "sink", "vectorDestination": "sink", "fileDestination": "file_out",
    "raster": "layer", "layer": "layer", "rasterDestination": "raster_out",
}

# processing source types -> 'polygon' / 'point' / 'line' / 'any' / 'table' / 'raster'
_GEOMETRY = {
    int(compat.TYPE_RASTER): "raster",
    int(compat.TYPE_VECTOR_POLYGON): "polygon", int(compat.TYPE_VECTOR_POINT): "point",
    int(compat.TYPE_VECTOR_LINE): "line", int(compat.TYPE_VECTOR_ANY): "any",
    int(compat.TYPE_VECTOR): "table",
}


def algorithm(algorithm_id):
    """The registered algorithm, or None (e.g. a later issue's algorithm not built yet)."""
    return QgsApplication.processingRegistry().algorithmById(algorithm_id)


def _hidden(definition):
    return bool(int(definition.flags()) & int(compat.FLAG_HIDDEN))


def _geometry(types):
    """The geometry kinds a source accepts, e.g. ('point', 'polygon'); 'table' and 'any' stand alone."""
    kinds = {_GEOMETRY.get(int(t), "any") for t in types} or {"any"}
    for alone in ("table", "any"):
        if alone in kinds:
            return (alone,)
    return tuple(sorted(kinds))


def _extension(definition):
    """'.html' from a file destination's filter 'HTML files (*.html)'."""
    text = definition.fileFilter() if hasattr(definition, "fileFilter") else ""
    start = text.find("*.")
    if start < 0:
        return ".html"
    end = start + 2
    while end < len(text) and (text[end].isalnum()):
        end += 1
    return text[start + 1:end]


def describe(definition):
    """One ParamSpec; kind 'other' for parameter types the dialog does not offer."""
    kind = _KINDS.get(definition.type(), "other")
    optional = bool(int(definition.flags()) & int(compat.FLAG_OPTIONAL))
    advanced = bool(int(definition.flags()) & int(compat.FLAG_ADVANCED))
    extra = {}
    if kind == "layer" and definition.type() == "raster":
        extra["geometry"] = ("raster",)
    elif kind == "layer":  # a vector source, or a map layer of the listed types (raster or polygons…)
        types = definition.dataTypes() if hasattr(definition, "dataTypes") else []
        extra["geometry"] = _geometry(types)
    elif kind == "layers":
        extra["geometry"] = _geometry([definition.layerType()])
    elif kind == "field":
        extra.update(parent=definition.parentLayerParameterName(), multiple=definition.allowMultiple())
    elif kind == "number":
        is_int = definition.type() == "number" and definition.dataType() == compat.NUMBER_INTEGER
        kind = "int" if is_int else "number"
        extra.update(minimum=definition.minimum(), maximum=definition.maximum())
    elif kind == "enum":
        extra.update(options=tuple(definition.options()), multiple=definition.allowMultiple())
    elif kind == "file_out":
        extra["extension"] = _extension(definition)
    elif kind == "raster_out":
        extra["extension"] = ".tif"  # the algorithms write GeoTIFF
    default = definition.defaultValue()
    if kind in OUTPUT_KINDS:  # for outputs, `default` says whether it is written by default
        default = not optional or bool(definition.createByDefault())
    return ParamSpec(definition.name(), kind, definition.description(), optional, default,
                     advanced=advanced, **extra)


def specs_of(alg):
    """ParamSpecs of every parameter the user can set, in the algorithm's order."""
    return [describe(d) for d in alg.parameterDefinitions() if not _hidden(d)]


def default_outputs(specs):
    """Outputs written unless the user says otherwise: required ones and those created by default."""
    return [s.name for s in outputs(specs) if s.default]


def style_path(name):
    return os.path.join(os.path.dirname(os.path.dirname(__file__)), "resources", "styles", name + ".qml")
