"""Load a run's outputs into one layer group named after the job and the time, styled.

Styles are the shipped QML files (resources/styles): each algorithm embeds the right one in its
GeoPackage outputs (findings by severity, units by class, zones by type), and QGIS loads it with
the layer. A layer without one gets the shipped QML that matches its fields.
"""
import os
from collections import namedtuple

from qgis.core import QgsProject, QgsRasterLayer, QgsVectorLayer

from .. import compat
from ..processing.outputs import translate_severity_legend
from .params import group_name
from .provenance import JOB_PROPERTY, mark  # JOB_PROPERTY: on groups and layers a dialog loaded
from .specs import style_path

# fallback when a layer carries no embedded style: (field that identifies its kind, style name)
STYLE_BY_FIELD = (("severity", "findings"), ("ZHGKDYFL", "units"), ("zone", "zones"))

Loaded = namedtuple("Loaded", "group layers findings report")


def style_for(field_names, geometry=None):
    """The shipped style for a layer with these fields; point findings get the point symbols."""
    lower = {f.lower() for f in field_names}
    name = next((style for field, style in STYLE_BY_FIELD if field.lower() in lower), None)
    if name == "findings" and geometry == compat.GEOM_POINT:
        return "findings_points"
    return name


def has_embedded_style(layer):
    """Whether the GeoPackage holds a default style for this layer (QGIS loaded it on opening)."""
    if layer.providerType() != "ogr":
        return False
    listed = layer.listStylesInDatabase()
    return bool(listed and listed[0] > 0)


def raster_legend_labels(renderer):
    """{class value: translated label} of a graded raster, told apart by its QML's bilingual labels."""
    text = " ".join(c.label for c in renderer.classes())
    if "敏感" in text:
        from ..processing.algorithms.sensitivity_grade import sensitivity_labels

        return sensitivity_labels()
    if "重要" in text:
        from ..processing.algorithms.importance_grade import importance_labels

        return importance_labels()
    return {}


def apply_raster_style(layer):
    """The `<name>.qml` beside a GeoTIFF output (its classes and colours), legend translated.
    Returns the QML used, or None."""
    used = None
    qml = os.path.splitext(layer.source())[0] + ".qml"
    if os.path.exists(qml) and layer.loadNamedStyle(qml)[1]:
        used = qml
    renderer = layer.renderer()
    if renderer is not None and renderer.type() == "paletted":
        for value, label in raster_legend_labels(renderer).items():
            renderer.setLabel(value, label)
    return used


def apply_style(layer):
    """Style a loaded output: the style its algorithm embedded (loaded with the layer), else the
    shipped QML matching its fields. Legends are then translated. Returns the QML used, or None."""
    if isinstance(layer, QgsRasterLayer):
        return apply_raster_style(layer)
    used = None
    if not has_embedded_style(layer):
        name = style_for(layer.fields().names(), layer.geometryType())
        if name is not None and os.path.exists(style_path(name)) and layer.loadNamedStyle(style_path(name))[1]:
            used = name
    translate_legends(layer)
    return used


def legend_labels(renderer):
    """{category value: translated label} for the plugin's categorized styles."""
    values = {str(c.value()) for c in renderer.categories()}
    if renderer.classAttribute() == "zone":
        from ..processing.reserve_fields import zone_labels

        return {str(k): v for k, v in zone_labels().items()}
    if values and values <= {"1", "2", "3"}:  # unit classes, whatever the class field is called
        from ..processing.unit_fields import class_legend

        return class_legend()
    return {}


def translate_legends(layer):
    """The QML legends are bilingual; in QGIS show the user's language (severity, class, zone)."""
    translate_severity_legend(layer)
    renderer = layer.renderer()
    if renderer is None or renderer.type() != "categorizedSymbol":
        return
    labels = legend_labels(renderer)
    for index, category in enumerate(renderer.categories()):
        if str(category.value()) in labels:
            renderer.updateCategoryLabel(index, labels[str(category.value())])


def job_groups(job_id, project=None):
    root = (project or QgsProject.instance()).layerTreeRoot()
    return [g for g in root.findGroups() if g.customProperty(JOB_PROPERTY) == job_id]


def remove_job_groups(job_id, project=None):
    """Remove the earlier groups of this job and their layers (the 'replace' choice)."""
    project = project or QgsProject.instance()
    for group in job_groups(job_id, project):
        ids = [node.layerId() for node in group.findLayers()]
        parent = group.parent()
        parent.removeChildNode(group)
        project.removeMapLayers(ids)


def is_findings(layer):
    return isinstance(layer, QgsVectorLayer) and "severity" in layer.fields().names()


def _order(layer):
    """Findings on top, other vector maps next, then rasters, tables last."""
    if isinstance(layer, QgsRasterLayer):
        return 1.5
    if is_findings(layer):
        return 0
    return 2 if layer.geometryType() == compat.GEOM_NULL else 1


def open_outputs(output_specs, paths):
    """QgsVectorLayers (and QgsRasterLayers) of the written layer outputs, named after the outputs."""
    layers = {}
    for spec in output_specs:
        path = paths.get(spec.name)
        if spec.kind not in ("sink", "raster_out") or not isinstance(path, str) \
                or not os.path.exists(path.split("|")[0]):
            continue
        if spec.kind == "raster_out":
            layer = QgsRasterLayer(path, spec.label, "gdal")
        else:
            layer = QgsVectorLayer(path, spec.label, "ogr")
        if layer.isValid():
            layers[spec.name] = layer
    return layers


def load_results(job_id, title, output_specs, paths, when, replace=True, project=None, algorithm_id=""):
    """Add the outputs of one run as a group at the top of the layer tree; return Loaded. Each layer
    is tagged as the output of `algorithm_id` (ui/provenance.py): never guessed as an input."""
    project = project or QgsProject.instance()
    if replace:
        remove_job_groups(job_id, project)
    layers = open_outputs(output_specs, paths)
    group = project.layerTreeRoot().insertGroup(0, group_name(title, when))
    group.setCustomProperty(JOB_PROPERTY, job_id)
    findings = None
    for name, layer in sorted(layers.items(), key=lambda item: _order(item[1])):
        apply_style(layer)
        layer.setCustomProperty(JOB_PROPERTY, job_id)
        mark(layer, algorithm_id or job_id, name)
        project.addMapLayer(layer, False)
        group.addLayer(layer)
        if findings is None and is_findings(layer):
            findings = layer
    report = next((paths[s.name] for s in output_specs
                   if s.kind == "file_out" and s.name in paths and os.path.exists(paths[s.name])), None)
    return Loaded(group, layers, findings, report)
