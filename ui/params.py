"""Dialog state -> algorithm parameters. Pure functions: no QGIS, no Qt, tested without a window.

A parameter is described by a ParamSpec (built from the algorithm's parameterDefinitions() in
ui/specs.py); the dialog's state is {parameter name: widget value}.
"""
import glob
import os
import re
from collections import namedtuple

# kind: layer | layers | field | number | int | enum | bool | string | file | crs | sink | file_out |
#       raster_out | other. A layer's `geometry` lists what it accepts: polygon / point / line / any
#       (vector with geometry) / table (any vector) / raster.
ParamSpec = namedtuple(
    "ParamSpec",
    "name kind label optional default parent geometry multiple options minimum maximum advanced extension",
)
ParamSpec.__new__.__defaults__ = (False, None, "", ("any",), False, (), None, None, False, "")

INPUT_KINDS = ("layer", "layers", "field", "number", "int", "enum", "bool", "string", "file", "crs")
OUTPUT_KINDS = ("sink", "file_out", "raster_out")


def inputs(specs):
    return [s for s in specs if s.kind in INPUT_KINDS]


def outputs(specs):
    return [s for s in specs if s.kind in OUTPUT_KINDS]


def is_empty(value):
    return value is None or value == "" or (isinstance(value, (list, tuple)) and not value)


EMPTYABLE = ("layer", "layers", "field", "file", "string", "crs")  # number, enum and bool widgets always hold a value


def missing(specs, state):
    """Labels of required inputs the user has not filled."""
    return [s.label for s in inputs(specs)
            if s.kind in EMPTYABLE and not s.optional and is_empty(state.get(s.name))]


def convert(spec, value):
    """One widget value as the algorithm wants it."""
    if spec.kind == "number":
        return float(value)
    if spec.kind in ("int", "enum"):
        return int(value)
    if spec.kind == "bool":
        return bool(value)
    if spec.kind == "layers":
        return list(value)
    if spec.kind == "field" and spec.multiple:
        return list(value) if isinstance(value, (list, tuple)) else [v for v in str(value).split(";") if v]
    return value


def input_parameters(specs, state):
    """{name: value} of the filled inputs; a field whose parent layer is empty is left out."""
    params = {}
    for spec in inputs(specs):
        value = state.get(spec.name)
        if is_empty(value):
            continue
        if spec.kind == "field" and spec.parent and is_empty(state.get(spec.parent)):
            continue
        params[spec.name] = convert(spec, value)
    return params


def slug(text):
    """A file-name-safe form of a job id: 'redline check' -> 'redline_check'."""
    return re.sub(r"[^0-9A-Za-z_-]+", "_", text).strip("_") or "run"


def output_paths(specs, folder, job_id, stamp, wanted=()):
    """{output name: file path} in `folder`: GeoPackage for vector layers, GeoTIFF for rasters, the
    declared type for files.

    Optional outputs are written only when listed in `wanted`; required ones always.
    """
    paths = {}
    for spec in outputs(specs):
        if spec.optional and spec.name not in wanted:
            continue
        if spec.kind == "sink":
            ext = ".gpkg"
        elif spec.kind == "raster_out":
            ext = spec.extension or ".tif"
        else:
            ext = spec.extension or ".html"
        name = "{}_{}_{}{}".format(slug(job_id), stamp, spec.name.lower(), ext)
        paths[spec.name] = os.path.join(folder, name)
    return paths


def algorithm_parameters(specs, state, folder, job_id, stamp, wanted=()):
    """The whole parameter dict of one run: filled inputs plus output paths."""
    params = input_parameters(specs, state)
    params.update(output_paths(specs, folder, job_id, stamp, wanted))
    return params


RASTER_EXTENSIONS = (".tif", ".tiff")


def side_files(path):
    """Files written beside an output: GeoPackage journals; for a GeoTIFF its .aux.xml, its
    <name>.qml style and the <name>.<pid>.partial.tif a run writes before renaming."""
    names = [path + suffix for suffix in ("-wal", "-shm", "-journal")]
    stem, ext = os.path.splitext(path)
    if ext.lower() in RASTER_EXTENSIONS:
        names += [path + ".aux.xml", stem + ".qml"]
        names += sorted(glob.glob(glob.escape(stem) + ".*.partial" + ext + "*"))
    return names


def leftover_files(paths):
    """Every file a run may have started for these outputs (side files included)."""
    out = []
    for path in paths:
        for name in [path] + side_files(path):
            if os.path.exists(name) and name not in out:
                out.append(name)
    return out


def stamp_of(when):
    """'20261124_193512' from a datetime: sortable, file-name-safe."""
    return when.strftime("%Y%m%d_%H%M%S")


def group_name(title, when):
    """The layer group of one run: the job's title and the time."""
    return "{} {}".format(title, when.strftime("%Y-%m-%d %H:%M:%S"))


SQUARE_METRES = ("m²", "m2)", "平方米")  # how a (translated) label states square metres


def in_square_metres(label):
    return any(unit in label for unit in SQUARE_METRES)


def hectares_hint(label, value):
    """The hectares (公顷) of a value in m², e.g. '0.0200', for a label stating m²; else ''."""
    if not in_square_metres(label) or value is None:
        return ""
    ha = float(value) / 1e4
    if ha == 0 or ha >= 0.0001:
        return "{:,.4f}".format(ha)
    return "{:.10f}".format(ha).rstrip("0")  # tolerances: 0.01 m² = 0.000001 公顷


def number_decimals(default, minimum=None, maximum=None):
    """Enough decimals to show the default exactly (0.01 m² needs 2, 0.05 needs 2, 0.001 needs 3)."""
    if default is None:
        return 2
    text = "{:.6f}".format(float(default)).rstrip("0")
    decimals = len(text.split(".")[1]) if "." in text else 0
    if maximum is not None and maximum <= 1:
        decimals = max(decimals, 3)
    return max(2, min(decimals, 6))
