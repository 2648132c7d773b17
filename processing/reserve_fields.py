"""What the three protected-area algorithms share: the reserve and zone parameters, the zone value
mapping, reading, and core's InputError turned into a clear, translated message."""
import contextlib

import numpy as np
from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterString,
)

from .. import compat
from ..core.zones import KIND_NAMES, InputError, zone_kinds, zone_value_pairs
from ..i18n import tr
from . import checks, io
from .report import severity_label
from .report_map import MapLayer

# zone value mapping examples: raw value in the data = kind (key or Chinese name)
ZONE_VALUES_EXAMPLE = "HX=core;HC=buffer;SY=experimental;1=core_protection;2=general_control"


def zone_kind_help():
    """The zone names every run knows, and how to add others (for the algorithms' help)."""
    return tr(
        "Zone names: 核心区, 缓冲区, 实验区 (three-zone system, 1994 Regulations) and 核心保护区, "
        "一般控制区 (two-zone system, 2019) are known, with their short forms (核心, 缓冲…), English "
        "forms (core zone, buffer zone, experimental zone, transition zone, core protection zone, general "
        "control zone) and pinyin codes (HXQ, HCQ, SYQ, HXBHQ, YBKZQ); case, spaces, full-width letters, "
        "'_' and '-' do not matter. Map any other value with ZONE_VALUES, a list of value=kind pairs "
        "separated by ';', where kind is core, buffer, experimental, core_protection or general_control "
        "(or its Chinese name), e.g. <code>{example}</code>. A run that meets an unknown value stops and "
        "lists the distinct unknown values.").format(example=ZONE_VALUES_EXAMPLE)


def add_reserve_inputs(alg, zones=True, reserve_label=None):
    """RESERVES with its id field, and (when `zones`) ZONES with its reserve id and zone fields."""
    polygon = [compat.TYPE_VECTOR_POLYGON]
    alg.addParameter(QgsProcessingParameterFeatureSource(
        "RESERVES", reserve_label or tr("Protected areas / nature reserves (自然保护地)"), polygon))
    alg.addParameter(QgsProcessingParameterField(
        "RESERVE_ID_FIELD", tr("Reserve id field (保护地代码)"), "BHDDM", "RESERVES", optional=True))
    if not zones:
        return
    alg.addParameter(QgsProcessingParameterFeatureSource(
        "ZONES", tr("Functional zones (功能分区)"), polygon))
    alg.addParameter(QgsProcessingParameterField(
        "ZONE_RESERVE_FIELD", tr("Zones: reserve id field"), "BHDDM", "ZONES", optional=True))
    alg.addParameter(QgsProcessingParameterField(
        "ZONE_FIELD", tr("Zones: zone name field (功能分区)"), "GNFQ", "ZONES", optional=True))
    alg.addParameter(QgsProcessingParameterString(
        "ZONE_VALUES", tr("Extra zone values (value=kind; …)"), "", optional=True))


def check_inputs(alg, parameters, context, zones=True, id_required=True):
    """Before the run: the reserve id field (and the zone fields) chosen and present, the zone value
    mapping readable. Returns {parameter: (source, label)} of RESERVES (and ZONES)."""
    reserves, label = checks.source(alg, parameters, "RESERVES", context)
    out = {"RESERVES": (reserves, label)}
    if reserves is not None:
        checks.chosen_field(alg, parameters, "RESERVE_ID_FIELD", context, reserves, label, id_required)
    if not zones:
        return out
    zones_src, zones_label = checks.source(alg, parameters, "ZONES", context)
    out["ZONES"] = (zones_src, zones_label)
    if zones_src is not None:
        for param in ("ZONE_RESERVE_FIELD", "ZONE_FIELD"):
            checks.chosen_field(alg, parameters, param, context, zones_src, zones_label)
    parse_zone_values(alg.parameterAsString(parameters, "ZONE_VALUES", context))
    return out


def optional_fields(alg, parameters, names, context, src, label, feedback):
    """{parameter: chosen field or None}; a field the layer lacks is left out with a note."""
    out = {}
    for name in names:
        value = alg.field(parameters, name, context)
        if value and src.fields().lookupField(value) < 0:
            feedback.pushInfo(tr("{layer} has no field {field}; {param} is not used.").format(
                layer=label, field=value, param=name))
            value = ""
        out[name] = value or None
    return out


def parse_zone_values(text):
    """'HX=core; 2=一般控制区' → {'HX': 'core', '2': 'general_control'}; a clear error for a bad pair."""
    try:
        return zone_value_pairs(text)
    except ValueError as bad:
        raise QgsProcessingException(tr(
            "ZONE_VALUES: '{pair}' is not a value=kind pair. Write pairs such as {example}, where "
            "kind is one of core, buffer, experimental, core_protection, general_control (or "
            "核心区, 缓冲区, 实验区, 核心保护区, 一般控制区).").format(
                pair=str(bad), example=ZONE_VALUES_EXAMPLE)) from None


def read(src, name, parameters, context, feedback, fields, crs, polygons=True):
    """A core Layer of `src`, reprojected to `crs` (io says so), after the field and type checks."""
    label = io.layer_label(src, name)
    if polygons:
        io.require_polygons(src, label)
    io.require_fields(src, label, fields)
    return io.read_layer(src, name, context, feedback, fields, crs, value=parameters.get(name))


def id_sides(alg, parameters, context, sources, reserve_field, zone_field):
    """The two id fields of the reserve-zone join as the unmatched-id message names them;
    `sources` = {"RESERVES": source, "ZONES": source}."""
    def side(name, field):
        fields = sources[name].fields()
        kind = fields.field(field).typeName() if fields.lookupField(field) >= 0 else "?"
        return {"layer": checks.label(alg, parameters, name, context), "field": field, "type": kind}
    return {"RESERVES": side("RESERVES", reserve_field), "ZONES": side("ZONES", zone_field)}


@contextlib.contextmanager
def input_errors(sides=None):
    """core.zones.InputError raised inside → the QgsProcessingException that says what to do;
    `sides` (id_sides) lets the unmatched-id message say what each id field holds."""
    try:
        yield
    except InputError as err:
        raise input_error(err, sides) from None


def input_error(err, sides=None):
    """core.zones.InputError → a QgsProcessingException that says what to do."""
    values = ", ".join("'{}'".format(v) for v in err.values[:20])
    more = tr(" (and more)") if len(err.values) > 20 else ""
    if err.id == "ZONE_VALUES_UNKNOWN":
        first = err.values[0] if err.values else "X"
        message = tr(
            "ZONES holds zone names that no mapping knows: {values}{more}. Map each one to a zone kind "
            "in 'Extra zone values' (ZONE_VALUES), e.g. '{first}=core_protection' — kinds: core, buffer, "
            "experimental, core_protection, general_control — or check that ZONE_FIELD is the zone name "
            "field.").format(values=values, more=more, first=first)
        bad = io.garbled(err.values)
        if bad is not None:  # GBK read as UTF-8: the names are right, the file's encoding is unknown
            message = io.encoding_hint("ZONES", "ZONE_FIELD", bad) + " " + message
        return QgsProcessingException(message)
    if err.id == "RESERVE_IDS_UNMATCHED":
        sides = sides or {k: {"layer": k, "field": "?", "type": "?"} for k in ("RESERVES", "ZONES")}
        return QgsProcessingException(tr(
            "No zone's reserve id matches any reserve id. ZONE_RESERVE_FIELD '{zfield}' of "
            "'{zlayer}' ({ztype}) holds {zvalues}; RESERVE_ID_FIELD '{rfield}' of '{rlayer}' "
            "({rtype}) holds {rvalues}. They are compared as text: choose the two fields that hold "
            "the same reserve codes.").format(
                zfield=sides["ZONES"]["field"], zlayer=sides["ZONES"]["layer"],
                ztype=sides["ZONES"]["type"], zvalues=checks.quoted(err.values),
                rfield=sides["RESERVES"]["field"], rlayer=sides["RESERVES"]["layer"],
                rtype=sides["RESERVES"]["type"], rvalues=checks.quoted(err.other)))
    if err.id == "FIELD_MISSING":
        layer, name = (err.values + ["", ""])[:2]
        return QgsProcessingException(tr(
            "Layer '{layer}' has no field named {field}. Pick the right field in the algorithm's field "
            "parameters.").format(layer=layer, field=name))
    return QgsProcessingException(tr("The input cannot be checked: {id} {values}").format(
        id=err.id, values=values))


def tell_join_problems(table, feedback, max_listed=20):
    """Warn about zones matching no reserve and reserves with no zones, listing them."""
    for rule, text in (("RES_ZONE_NO_RESERVE", tr("{n} zones give a reserve id that no reserve has: "
                                                  "{values}. They are reported as findings.")),
                       ("RES_NO_ZONES", tr("{n} reserves have no zones: {values}. They are reported "
                                           "as findings."))):
        rows = table["rule"] == rule
        if rows.any():
            ids = sorted(set(str(v) for v in table["detail"][rows]))
            shown = ", ".join(ids[:max_listed]) + (" …" if len(ids) > max_listed else "")
            feedback.pushWarning(text.format(n=int(rows.sum()), values=shown))


def zone_labels():
    """Translated legend labels of the zones style, by zone value."""
    return {"核心区": tr("Core zone (核心区)"), "缓冲区": tr("Buffer zone (缓冲区)"),
            "实验区": tr("Experimental zone (实验区)"), "核心保护区": tr("Core protection zone (核心保护区)"),
            "一般控制区": tr("General control zone (一般控制区)")}


def zones_map_layer(zones, zone_field, zone_values):
    """The zones on a report map (report_map.MapLayer) in the zones style, by their kind."""
    kinds = zone_kinds(zones.text(zone_field), zone_values)
    names = np.where(kinds >= 0, np.array(KIND_NAMES, dtype=object)[np.maximum(kinds, 0)], "")
    return MapLayer(tr("Zones"), zones.geoms, "zones", {"zone": names}, zone_labels())


def summary_values():
    """The coded columns of the zone summary in words, for the report."""
    return {"system": {"none": tr("No zones"), "three_zone": tr("Three-zone system"),
                       "two_zone": tr("Two-zone system"), "mixed": tr("Mixed systems")},
            "verdict": {"error": severity_label("error"), "warning": severity_label("warning"),
                        "pass": tr("Passed")}}
