"""Which layers this plugin wrote. They are never guessed as the input of a dialog.

A layer is told by what the plugin put into it, not by its name (outputs are named like inputs:
候选红线, 生态保护红线质检问题…):
- a layer a dialog loaded carries the custom property ecospace/output = "<algorithm id>/<output>"
  (ui/results.py), saved with the project;
- a GeoPackage table the plugin wrote keeps its default style: a shipped style's name, described as
  "Default ecospace style" in the language of the run (processing/outputs.embed_style), so a result
  re-opened from disk after a restart is known too;
- a vector output has the plugin's field schema (layer_guess.OUTPUT_SCHEMAS: findings, candidates,
  changes, units, tables), also as a memory layer of a Processing-toolbox run;
- a graded raster has the shipped QML beside it, or the plugin's class names in its band (or an
  ECOSPACE_OUTPUT metadata item). The composite score of the sensitivity grading has none of these:
  re-opened from disk it is not told apart (its names hold no role keyword, so it is not guessed).
"""
import os

from qgis.core import QgsRasterLayer, QgsVectorLayer

from .layer_guess import output_schema

OUTPUT_PROPERTY = "ecospace/output"
JOB_PROPERTY = "ecospace/job"  # also on every layer a dialog loaded, before OUTPUT_PROPERTY existed
STYLE_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "resources", "styles")
SHIPPED_STYLES = tuple(sorted(os.path.splitext(n)[0] for n in os.listdir(STYLE_DIR) if n.endswith(".qml")))
STYLE_MARK = "ecospace"  # in the description of every style the plugin embeds, in every language
GRADE_STYLES = ("grades", "sensitivity")
RASTER_METADATA = "ECOSPACE_OUTPUT"  # a GDAL dataset metadata item naming the output, where written


def output_id(algorithm_id, output_name):
    return "{}/{}".format(algorithm_id, output_name)


def mark(layer, algorithm_id, output_name):
    """Tag a layer the plugin loaded as the output `output_name` of `algorithm_id`."""
    layer.setCustomProperty(OUTPUT_PROPERTY, output_id(algorithm_id, output_name))


def marked(layer):
    """The output id a layer was tagged with ('ecospace:redline_check/OUTPUT'; 'job:redline' for one
    loaded by an earlier version of the dialogs), or ''."""
    value = layer.customProperty(OUTPUT_PROPERTY, "")
    if value:
        return str(value)
    job = layer.customProperty(JOB_PROPERTY, "")
    return "job:" + str(job) if job else ""


def _style_name(name):
    """'findings' from 'findings' or 'findings (2)' (processing/outputs._free_style_name)."""
    name = str(name)
    return name.rsplit(" (", 1)[0] if name.endswith(")") else name


def embedded_style(layer):
    """The shipped style the plugin embedded in this GeoPackage table, or ''."""
    if not isinstance(layer, QgsVectorLayer) or layer.providerType() != "ogr" \
            or ".gpkg" not in layer.source().lower():
        return ""
    listed = layer.listStylesInDatabase()
    if not listed or listed[0] <= 0:
        return ""
    names, descriptions = listed[2], listed[3]
    for name, description in zip(names, descriptions):
        if STYLE_MARK in str(description).lower() and _style_name(name) in SHIPPED_STYLES:
            return _style_name(name)
    return ""


def _same_text(path, other):
    try:
        with open(path, "rb") as a, open(other, "rb") as b:
            return a.read() == b.read()
    except OSError:
        return False


def grade_class_names():
    """The category names the grading algorithms give their classes (both gradings)."""
    from ..processing.raster_io import IMPORTANCE_COLOURS, SENSITIVITY_COLOURS

    return [{name for _, name in colours.values()} for colours in (IMPORTANCE_COLOURS, SENSITIVITY_COLOURS)]


def raster_output(layer):
    """'grades' or 'sensitivity' for a graded raster the plugin wrote (or the output its ECOSPACE_OUTPUT
    metadata names), else ''."""
    if not isinstance(layer, QgsRasterLayer) or layer.providerType() != "gdal":
        return ""
    path = layer.source().split("|")[0]
    qml = os.path.splitext(path)[0] + ".qml"
    if os.path.exists(qml):
        for style in GRADE_STYLES:
            if _same_text(qml, os.path.join(STYLE_DIR, style + ".qml")):
                return style
    try:
        from osgeo import gdal

        dataset = gdal.OpenEx(path, gdal.OF_RASTER | gdal.OF_READONLY)
        if dataset is None:
            return ""
        tagged = dataset.GetMetadataItem(RASTER_METADATA) or ""
        names = dataset.GetRasterBand(1).GetCategoryNames()
    except RuntimeError:
        return ""
    if tagged:
        return tagged
    present = {n for n in names or () if n}
    for style, classes in zip(GRADE_STYLES, grade_class_names()):
        if present and present == classes:
            return style
    return ""


def output_kind(layer):
    """What tells `layer` is one of the plugin's outputs (its output id, 'style:units',
    'schema:findings', 'raster:grades'…), or '' for a layer the plugin did not write."""
    if layer is None:
        return ""
    tagged = marked(layer)
    if tagged:
        return tagged
    if isinstance(layer, QgsRasterLayer):
        kind = raster_output(layer)
        return "raster:" + kind if kind else ""
    if not isinstance(layer, QgsVectorLayer) or not layer.isValid():
        return ""
    schema = output_schema(layer.fields().names())
    if schema:
        return "schema:" + schema
    style = embedded_style(layer)
    return "style:" + style if style else ""


def is_output(layer):
    return bool(output_kind(layer))
