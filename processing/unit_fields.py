"""The attribute fields of environmental control units, shared by the unit algorithms.

Field names differ between provinces, so every unit algorithm takes them as advanced string
parameters with the names of a real provincial platform as defaults (DOMAIN 3.3):

    key        parameter          default      content
    code       CODE_FIELD         HJZHGKDYBM   unit code ZH + county + class + sequence
    name       NAME_FIELD         HJZHGKDYMC   unit name
    class      CLASS_FIELD        ZHGKDYFL     class 1 / 2 / 3 (priority / key / general)
    prov       PROV_FIELD         PROV         province code (GB/T 2260, from the county code)
    city       CITY_FIELD         CITY         city code
    county     COUNTY_FIELD       AREA         county code (6 digits)
    area_m2    AREA_M2_FIELD      AREA_M2      ellipsoidal area, m²
    area_ha    AREA_HA_FIELD      AREA_HA      ellipsoidal area, 公顷
    access     ACCESS_FIELDS      KJBJYS,PWWPFGK,HJFXFK,ZYKFXLYQ,REMARK   access-list dimensions

Use:
    params = mapping_params(("code", "class"))      # QgsProcessingParameterString list → add_advanced
    names = read_mapping(alg, parameters, context, ("code", "class"))   # {key: field name}, checked
    spec = field_spec(names)                         # [(field name, kind)] for outputs.make_fields
    style = style_fields(names)                      # Output(style_fields=…) for the 'units' style
    legend = class_legend()                          # Output(legend=…): translated class labels

An empty name switches an optional field off (code, name and class cannot be switched off).
"""
import re

from qgis.core import QgsProcessingException, QgsProcessingParameterString

from ..i18n import tr

# key → (parameter, default, kind)
FIELDS = {
    "code": ("CODE_FIELD", "HJZHGKDYBM", "string"),
    "name": ("NAME_FIELD", "HJZHGKDYMC", "string"),
    "class": ("CLASS_FIELD", "ZHGKDYFL", "int"),
    "prov": ("PROV_FIELD", "PROV", "string"),
    "city": ("CITY_FIELD", "CITY", "string"),
    "county": ("COUNTY_FIELD", "AREA", "string"),
    "area_m2": ("AREA_M2_FIELD", "AREA_M2", "double"),
    "area_ha": ("AREA_HA_FIELD", "AREA_HA", "double"),
    "access": ("ACCESS_FIELDS", "KJBJYS,PWWPFGK,HJFXFK,ZYKFXLYQ,REMARK", "string"),
}
REQUIRED = ("code", "name", "class")
ALL = tuple(FIELDS)
# the field names the shipped 'units' style (resources/styles/units.qml) refers to
STYLE_CLASS, STYLE_CODE = FIELDS["class"][1], FIELDS["code"][1]
EXAMPLE_CODE = "ZH45012210001"  # ZH + county 450122 + class 1 + sequence 0001, for messages
_NAME = re.compile(r"^[^\s,;'\"]{1,63}$")


def descriptions():
    return {
        "code": tr("Output field: unit code (环境管控单元编码)"),
        "name": tr("Output field: unit name (环境管控单元名称)"),
        "class": tr("Output field: unit class 1/2/3 (管控单元分类)"),
        "prov": tr("Output field: province code (empty = none)"),
        "city": tr("Output field: city code (empty = none)"),
        "county": tr("Output field: county code (empty = none)"),
        "area_m2": tr("Output field: area in m² (empty = none)"),
        "area_ha": tr("Output field: area in hectares 公顷 (empty = none)"),
        "access": tr("Output fields: access-list dimensions, comma-separated (empty = none)"),
    }


def mapping_params(keys=ALL, labels=None):
    """String parameters for the given keys, with the platform defaults (add them as advanced)."""
    text = dict(descriptions(), **(labels or {}))
    out = []
    for key in keys:
        param, default, _ = FIELDS[key]
        out.append(QgsProcessingParameterString(param, text[key], default, optional=key not in REQUIRED))
    return out


def read_mapping(alg, parameters, context, keys=ALL, reserved=()):
    """{key: field name} ('' = off; 'access' → a list of names); clear errors on bad or repeated names,
    and on names the output already uses for its own fields (`reserved`)."""
    names = {}
    for key in keys:
        param = FIELDS[key][0]
        value = (alg.parameterAsString(parameters, param, context) or "").strip()
        if key == "access":
            names[key] = [v.strip() for v in value.split(",") if v.strip()]
        else:
            names[key] = value
        if key in REQUIRED and not value:
            raise QgsProcessingException(tr("{param} is empty: give the name of the field.").format(
                param=param))
    flat = [n for key in keys for n in (names[key] if key == "access" else [names[key]]) if n]
    bad = [n for n in flat if not _NAME.match(n)]
    if bad:
        raise QgsProcessingException(tr("Field names may not contain spaces, commas or quotes: {names}.")
                                     .format(names=", ".join(bad)))
    seen, repeated = set(), []
    for n in flat:
        if n.lower() in seen:
            repeated.append(n)
        seen.add(n.lower())
    if repeated:
        raise QgsProcessingException(tr("The field mapping names {names} more than once: give every "
                                        "output field its own name.").format(names=", ".join(repeated)))
    taken = [n for n in flat if n.lower() in {r.lower() for r in reserved}]
    if taken:
        raise QgsProcessingException(tr("The field mapping uses {names}, which the output already has "
                                        "for its own results ({reserved}): choose other names.").format(
            names=", ".join(taken), reserved=", ".join(reserved)))
    return names


def mapped_params(names):
    """[(output field name, its parameter)] of a mapping, for messages."""
    out = []
    for key, (param, _, _) in FIELDS.items():
        values = names.get(key) or []
        for name in values if key == "access" else [values]:
            out.append((name, param))
    return out


def field_spec(names):
    """[(field name, kind)] of the mapped fields, in the order of FIELDS."""
    spec = []
    for key, (_, _, kind) in FIELDS.items():
        if key not in names:
            continue
        if key == "access":
            spec.extend((n, "string") for n in names[key])
        elif names[key]:
            spec.append((names[key], kind))
    return spec


def admin_codes(county):
    """(province, city) GB/T 2260 codes of 6-digit county codes ('' where unknown)."""
    prov = [c[:2] + "0000" if c else "" for c in county]
    city = [c[:4] + "00" if c else "" for c in county]
    return prov, city


def unit_columns(names, code, name, klass, county, area_m2):
    """{output field: values} of the mapped fields from core arrays (access fields left empty)."""
    import numpy as np

    prov, city = admin_codes(county)
    values = {"code": code, "name": name, "class": klass, "prov": prov, "city": city,
              "county": county, "area_m2": area_m2, "area_ha": np.asarray(area_m2) / 1e4}
    out = {}
    for key, value in values.items():
        if names.get(key):
            out[names[key]] = np.asarray(value, dtype=object if key not in ("class", "area_m2",
                                                                               "area_ha") else None)
    return out


def style_fields(names):
    """Field renames for the 'units' style when the class or code field has another name."""
    renames = {STYLE_CLASS: names.get("class") or STYLE_CLASS, STYLE_CODE: names.get("code") or STYLE_CODE}
    return {k: v for k, v in renames.items() if k != v} or None


def class_labels():
    """{class: translated label}."""
    return {1: tr("Priority protection unit (优先保护单元)"), 2: tr("Key control unit (重点管控单元)"),
            3: tr("General control unit (一般管控单元)")}


def class_legend():
    """Legend labels of the 'units' style by category value, for Output(legend=…)."""
    return {str(k): v for k, v in class_labels().items()}
