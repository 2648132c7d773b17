"""What working through findings keeps beyond one run (the findings panel, the task dialogs).

- The input layers' names: a finding names its layer as the run knew it, a parameter name (REDLINE) or
  a layer name. A dialog knows which layer it passed for each parameter and stores {name in the findings:
  layer name} on the findings layer it loads (custom property, saved with the project); the panel shows
  those names. Findings of other runs keep their text.
- The "checked" ticks: stored in the project (entry ecospace/checked_findings), keyed by what identifies
  a finding in a later run of the same check (core/exceptions.keys and its place to the metre), so a
  re-run keeps the ticks of the findings that are still there.
- The project's exceptions table: <project folder>/ecospace_exceptions.gpkg (processing/exceptions.py).
  A dialog passes it as EXCEPTIONS when it exists.
"""
import json
import os

import numpy as np
import shapely
from qgis.core import QgsApplication, QgsMapLayer, QgsProject

from ..core import exceptions as core
from ..core.geom import is_missing
from ..processing import exceptions as X
from ..processing.io import layer_short_name
from .provenance import marked

LAYER_NAMES_PROPERTY = "ecospace/layer_names"
SCOPE, CHECKED_ENTRY = "ecospace", "checked_findings"
AUTOMATIC = (X.PARAMETER,)  # parameters a dialog fills itself, not shown in its form


# -- layer names -------------------------------------------------------------------------------------

def input_layer_names(parameters, project=None):
    """{how a run's findings name an input: the layer's name in the project} for the layers of a
    dialog's parameters (layer ids): the parameter name for a single layer, the GeoPackage layer name
    for each layer of a multiple-layer parameter (processing/io.layer_short_name)."""
    project = project or QgsProject.instance()
    names = {}
    for name, value in parameters.items():
        if isinstance(value, str) and isinstance(project.mapLayer(value), QgsMapLayer):
            names[name] = project.mapLayer(value).name()
        elif isinstance(value, (list, tuple)):
            for layer in (project.mapLayer(v) for v in value if isinstance(v, str)):
                if layer is not None:
                    names.setdefault(layer_short_name(layer), layer.name())
    return names


def set_layer_names(layer, names):
    layer.setCustomProperty(LAYER_NAMES_PROPERTY, json.dumps(names, ensure_ascii=False))


def layer_names(layer):
    """{name in the findings: layer name} a dialog stored on a findings layer, or {}."""
    try:
        names = json.loads(layer.customProperty(LAYER_NAMES_PROPERTY, "") or "{}")
    except ValueError:
        return {}
    return names if isinstance(names, dict) else {}


def algorithm_of(layer):
    """The id of the algorithm that wrote a findings layer a dialog loaded ('ecospace:redline_check'),
    or ''."""
    tag = marked(layer)
    return tag.rsplit("/", 1)[0] if tag.startswith("ecospace:") else ""


# -- exceptions ------------------------------------------------------------------------------------

def exceptions_path(project=None):
    """<project folder>/ecospace_exceptions.gpkg, or '' for a project never saved."""
    home = (project or QgsProject.instance()).absolutePath()
    return os.path.join(home, X.FILE_NAME) if home else ""


def add_exceptions(parameters, specs, project=None):
    """EXCEPTIONS = the project's exceptions table, when the algorithm takes it and the file exists."""
    path = exceptions_path(project)
    if path and os.path.exists(path) and any(s.name == X.PARAMETER for s in specs):
        parameters[X.PARAMETER] = X.uri(path)
    return parameters


def project_exceptions(crs, algorithm_id="", project=None):
    """The project's exceptions (processing/exceptions.read) that a run of `algorithm_id` considers
    (all of them when it is unknown), geometries in `crs`; None without a file."""
    project = project or QgsProject.instance()
    table = X.read_file(exceptions_path(project), crs, project.transformContext())
    if table is None or not algorithm_id:
        return table
    alg = QgsApplication.processingRegistry().algorithmById(algorithm_id)
    return core.subset(table, X.applies(table, algorithm_id, X.rules_of(alg) if alg else []))


# -- checked ticks ---------------------------------------------------------------------------------

def checked_keys(table, unit_m=1.0):
    """A key per finding for its "checked" tick: its identity (core/exceptions.keys) and its place
    rounded to the metre."""
    keys = core.keys(table)
    geoms = np.asarray(table["geometry"], dtype=object)
    places = np.full(len(keys), "", dtype=object)
    has = ~is_missing(geoms)
    if has.any():
        xy = shapely.get_coordinates(shapely.centroid(geoms[has])) * unit_m
        places[has] = ["{:.0f} {:.0f}".format(x, y) for x, y in xy]
    return ["{}|{}".format(k, p) for k, p in zip(keys, places)]


def checked_set(project=None):
    values, _ = (project or QgsProject.instance()).readListEntry(SCOPE, CHECKED_ENTRY)
    return set(values or [])


def set_checked(keys, checked, project=None):
    """Tick (or untick) findings by their keys; kept in the project."""
    project = project or QgsProject.instance()
    kept = checked_set(project)
    kept = (kept | set(keys)) if checked else (kept - set(keys))
    project.writeEntry(SCOPE, CHECKED_ENTRY, sorted(kept))
