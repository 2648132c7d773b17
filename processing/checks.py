"""Checks of parameter values before a run starts (EcoAlgorithm.checkParameterValues).

Each check raises a QgsProcessingException whose translated message names the parameter, the
layer, what it holds and the fix. The field checks (chosen, exists, type, would be overwritten)
and the number ranges live here once, for every algorithm.
"""
import math
import re

from qgis.core import QgsProcessingException

from .. import compat
from ..i18n import tr
from . import io

SHOWN = 5          # sample values quoted in a message
COUNTY_CODE = re.compile(r"\d{6}")  # matched at the start: a county code, or a township code


# -- numbers ---------------------------------------------------------------------------------

def number_problem(alg, parameters, context):
    """A message for the first number parameter outside its declared range, or ''."""
    for param in alg.parameterDefinitions():
        value = parameters.get(param.name())
        if param.type() != "number" or not isinstance(value, (int, float, str)):
            continue  # not given (the default applies), or bound to a model input or expression
        text = str(value).strip()
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        low, high = param.minimum(), param.maximum()
        if low <= value <= high:
            continue
        return _range_message(param, text, low, high)
    return ""


def _range_message(param, text, low, high):
    bounded = high < 1e300
    if low > -1e300 and bounded:
        wanted = tr("a number from {low:g} to {high:g}").format(low=low, high=high)
    elif bounded:
        wanted = tr("a number of at most {high:g}").format(high=high)
    else:
        wanted = tr("a number of at least {low:g}").format(low=low)
    return tr("{param} ({label}) must be {wanted}, not '{value}'. Change the value and run "
              "again.").format(param=param.name(), label=param.description(), wanted=wanted,
                               value=text)


def refuse(text, **values):
    raise QgsProcessingException(text.format(**values))


# -- sources and fields ----------------------------------------------------------------------

def source(alg, parameters, name, context):
    """(feature source, readable layer name) of a source parameter, or (None, '') when not given;
    a polygon parameter given another geometry type is refused first."""
    src = alg.parameterAsSource(parameters, name, context)
    if src is None:
        return None, ""
    text = label(alg, parameters, name, context)
    if list(alg.parameterDefinition(name).dataTypes()) == [compat.TYPE_VECTOR_POLYGON]:
        io.require_polygons(src, text)
    return src, text


def require_features(alg, parameters, names, context):
    """Refuse an input layer without a feature: there would be nothing to check or compare, and an
    empty layer is far more often the wrong layer than a real empty delivery."""
    for name in names:
        src, text = source(alg, parameters, name, context)
        if src is not None and src.featureCount() == 0:
            refuse(tr("{param}: layer '{layer}' is empty: there is nothing to check. Choose the layer "
                      "that holds the features (or clear its filter or selection)."),
                   param=name, layer=text)


def label(alg, parameters, name, context):
    """The layer a parameter names, as the user knows it (a GeoPackage's layer name, not the file's)."""
    layer = alg.parameterAsVectorLayer(parameters, name, context)
    return io.layer_short_name(layer) if layer is not None else name


def field_names(src):
    return ", ".join(src.fields().names()) or "—"


def require_field(src, label, param, field):
    """The QgsField `field` of `src`; a refusal naming the layer's fields when it has none such."""
    index = src.fields().lookupField(field)
    if index < 0:
        refuse(tr("{param}: layer '{layer}' has no field '{field}'. Its fields are: {fields}. "
                  "Choose one of them for {param}."),
               param=param, layer=label, field=field, fields=field_names(src))
    return src.fields().at(index)


def chosen_field(alg, parameters, param, context, src, label, required=True):
    """The field chosen for `param`, checked to exist in `src` ('' when optional and not chosen)."""
    field = alg.field(parameters, param, context)
    if not field:
        if required:
            refuse(tr("{param}: choose the field of layer '{layer}' to use. Its fields are: "
                      "{fields}."), param=param, layer=label, fields=field_names(src))
        return ""
    require_field(src, label, param, field)
    return field


def county_code_field(alg, parameters, context, src, label, required=True, param="COUNTY_CODE_FIELD"):
    """The county code field chosen for `param`, refused when none of its values starts with a
    6-digit code (GB/T 2260; a township code starts with its county's): the wrong field, most
    likely, which would otherwise silently mismatch every county."""
    field = chosen_field(alg, parameters, param, context, src, label, required)
    values = io.samples(src, field) if field else []
    if values and not any(COUNTY_CODE.match(str(v).strip()) for v in values):
        refuse(tr("{param}: no value of field '{field}' of layer '{layer}' is a 6-digit county code "
                  "(e.g. 450122) or a township code starting with one: it is {kind}. Choose the "
                  "field that holds the county codes."),
               param=param, field=field, layer=label, kind=describe(src, field, values))
    return field


def optional_field(alg, parameters, param, context, src):
    """An optional field with a default, used only where the layer has it: the name, or ''."""
    field = alg.field(parameters, param, context)
    return field if field and src is not None and src.fields().lookupField(field) >= 0 else ""


def quoted(values):
    """"'a', 'b', …" of the first distinct values, or a phrase saying there are none."""
    distinct = list(dict.fromkeys(str(v) for v in values))
    if not distinct:
        return tr("no value (every feature read is empty)")
    more = " …" if len(distinct) > SHOWN else ""
    return ", ".join("'{}'".format(v) for v in distinct[:SHOWN]) + more


def describe(src, field, values=None):
    """"a field of type String holding 'a', 'b'…" (its first values, or `values`) for messages."""
    kind = src.fields().field(field).typeName()
    shown = quoted(io.samples(src, field) if values is None else values)
    return tr("a field of type {type} holding {values}").format(type=kind, values=shown)


def is_number(value):
    if isinstance(value, bool):
        return False
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError):
        return False


def require_number_field(src, label, param, field):
    """A field used as a number: numeric, or text that holds only numbers."""
    qfield = require_field(src, label, param, field)
    if qfield.isNumeric():
        return
    bad = [v for v in io.samples(src, field) if not is_number(v)]  # text of numbers is fine
    if bad:
        refuse(tr("{param}: field '{field}' of layer '{layer}' is {what}, but {param} needs numbers. "
                  "Choose a numeric field, or convert this one (Field Calculator: "
                  "to_real(\"{field}\"))."),
               param=param, field=field, layer=label, what=describe(src, field, bad))


def require_text_field(src, label, param, field, example):
    """A field that will hold text such as `example` (a unit code): it must not be numeric."""
    index = src.fields().lookupField(field)
    if index < 0:
        return
    qfield = src.fields().at(index)
    if qfield.isNumeric():
        refuse(tr("{param}: field '{field}' of layer '{layer}' is {what}, but it must hold text such "
                  "as '{example}'. Choose a text field, or a name the layer does not have (the field "
                  "is then created)."),
               param=param, field=field, layer=label, what=describe(src, field), example=example)


def refuse_existing(src, label, fields, allow):
    """Output fields that `src` already has would overwrite its attributes in a copy of it: refuse.

    `fields`: [(output field name, the parameter naming it, or '' for a fixed name)]; `allow` says
    how to replace them on purpose."""
    existing = {n.lower(): n for n in src.fields().names()}
    for name, param in fields:
        if not name or name.lower() not in existing:
            continue
        what = describe(src, existing[name.lower()])
        if param:
            refuse(tr("{param}: layer '{layer}' already has a field '{field}' ({what}); the output "
                      "would overwrite it. Give {param} a name the layer does not have, or {allow}."),
                   param=param, layer=label, field=name, what=what, allow=allow)
        else:
                refuse(tr("Layer '{layer}' already has a field '{field}' ({what}), which the output "
                      "writes itself; it would be overwritten. Rename that field in the layer, or "
                      "{allow}."), layer=label, field=name, what=what, allow=allow)


# -- rasters ---------------------------------------------------------------------------------

def require_band(layers, band, param="BAND"):
    """Every raster layer has band `band`."""
    for layer in layers:
        count = layer.bandCount() if hasattr(layer, "bandCount") else None
        if count is not None and band > count:
            refuse(tr("{param}: raster '{layer}' has {count} band(s), so there is no band {band}. "
                      "Choose a band from 1 to {count}."),
                   param=param, layer=layer.name(), count=count, band=band)
