"""Translated rule titles and finding messages. Core returns rule ids and values; this turns them into words."""
import math

from qgis.core import QgsProcessingParameterNumber

from .. import compat
from ..core.findings import MARKER_SIZE_M
from ..i18n import tr


def _text_modules():
    from . import text_delineation, text_exceptions, text_redline, text_reserves, text_units
    return (text_redline, text_units, text_reserves, text_delineation, text_exceptions)


def rule_titles():
    """{rule id: translated short title}; built on call so the current translator applies."""
    out = {}
    for module in _text_modules():
        out.update(module.titles())
    return out


def _templates():
    out = {}
    for module in _text_modules():
        out.update(module.templates())
    return out


def message_templates():
    """{rule id: translated message template}, every rule's (tests/test_rules_catalogue.py checks that
    each rule of core/rules.py has one, and a title, and nothing else)."""
    return _templates()


# the fields messages() fills in a template
FIELDS = ("fid", "other_fid", "layer", "other_layer", "area", "value", "threshold", "detail")


def format_area(m2):
    """'1,234.56 m² (0.1235 ha, 1.85 亩)'."""
    if m2 is None or (isinstance(m2, float) and math.isnan(m2)):
        return ""
    return tr("{m2} m² ({ha} ha, {mu} mu)").format(
        m2="{:,.2f}".format(m2), ha="{:,.4f}".format(m2 / 1e4), mu="{:,.2f}".format(m2 * 3 / 2000))


def _num(v):
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else v


def _feature(fid, code, named):
    """How a message names a feature: by its code and fid ('450122STBHHX0001 (fid 3)', the pattern
    `named`) when it has a code (feature_code, other_code), else by its fid alone."""
    fid = _num(fid)
    if fid is None:
        return ""
    return named.format(code=code, fid=int(fid)) if code else int(fid)


def messages(table):
    """A translated message for every finding row."""
    templates = _templates()
    named = tr("{code} (fid {fid})")
    out = []
    n = len(table["rule"])
    blank = [None] * n

    def column(name):  # plain Python values, read once (indexing numpy per row is slow)
        values = table.get(name, blank)
        return values.tolist() if hasattr(values, "tolist") else list(values)

    names = ("rule", "fid", "feature_code", "other_fid", "other_code", "layer", "other_layer", "area_m2",
             "value", "threshold", "detail")
    for rule, fid, code, other_fid, other_code, layer, other_layer, area, value, threshold, detail in zip(
            *[column(name) for name in names]):
        values = {
            "fid": _feature(fid, code, named),
            "other_fid": _feature(other_fid, other_code, named),
            "layer": layer or "",
            "other_layer": other_layer or "",
            "area": format_area(_num(area)),
            "value": _num(value) or 0.0,
            "threshold": _num(threshold) or 0.0,
            "detail": detail if detail is not None else "",
        }
        # a rule without a template fails tests/test_rules_catalogue.py; a row of an unknown rule (a
        # table from another version) still gets a message rather than stopping the run
        template = templates.get(rule, "{layer} {fid}: " + rule)
        try:
            out.append(template.format(**values))
        except (KeyError, ValueError, IndexError):  # a broken translation must not stop the run
            out.append(_templates_fallback(rule).format(**values))
    return out


def _templates_fallback(rule):
    return "{rule}: {{layer}} {{fid}} {{detail}}".format(rule=rule)


def findings_help():
    """How findings are drawn and named, and the boundary noise (the checks with county lines)."""
    return tr(
        "Invalid geometries are drawn as a {size:g} m square on the place GEOS names (the "
        "self-intersection, the faulty ring), not as the whole feature; their area_m2 is the repaired "
        "feature's. Messages name a feature by its code and fid, e.g. 450122STBHHX0001 (fid 3); "
        "feature_code and other_code hold the codes, which stay the same in every file format, "
        "where fids do not (GeoJSON counts from 0).<br><br>"
        "A piece of a feature beyond a county line that lies wholly within BOUNDARY_NOISE_WIDTH "
        "(default 50 m) of the line is a boundary mismatch (a note), not a crossing to split: the "
        "county layer and the checked layer disagree on where the line runs. County layers from web "
        "maps are GCJ-02 (tagged EPSG:4326, shifted a few hundred metres) or drawn at a coarser scale; "
        "with such a layer set BOUNDARY_NOISE_WIDTH above the shift (e.g. 700 m). 0 reports every "
        "piece as a crossing.").format(size=MARKER_SIZE_M)


def boundary_noise_parameter():
    """BOUNDARY_NOISE_WIDTH of the checks with county lines (redline_check, units_check)."""
    return QgsProcessingParameterNumber(
        "BOUNDARY_NOISE_WIDTH", tr("Strip along a county line that is a boundary mismatch, not a "
                                   "crossing: its width (m; 0 = off)"),
        compat.NUMBER_DOUBLE, 50.0, minValue=0.0)


def conflict_note():
    return tr("Fill 'category' with the 142号 permitted-activity category (1 patrol/research, 2 existing "
              "farming, 3 archaeology, 4 plantation forestry, 5 tourism/education, 6 linear "
              "infrastructure, 7 exploration, 8 restoration, 9 border works, 10 other by law). New "
              "construction land needs an unavoidability (不可避让) argument.")
