"""Translated rule titles and finding messages. Core returns rule ids and values; this turns them into words."""
import math

from ..i18n import tr


def _text_modules():
    from . import text_redline
    from . import text_units
    from . import text_reserves
    from . import text_delineation
    return (text_redline, text_units, text_reserves, text_delineation)


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


def format_area(m2):
    """'1,234.56 m² (0.1235 ha, 1.85 亩)'."""
    if m2 is None or (isinstance(m2, float) and math.isnan(m2)):
        return ""
    return tr("{m2} m² ({ha} ha, {mu} mu)").format(
        m2="{:,.2f}".format(m2), ha="{:,.4f}".format(m2 / 1e4), mu="{:,.2f}".format(m2 * 3 / 2000))


def _num(v):
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else v


def messages(table):
    """A translated message for every finding row."""
    templates = _templates()
    out = []
    for k in range(len(table["rule"])):
        rule = table["rule"][k]
        fid = _num(table["fid"][k])
        other = _num(table["other_fid"][k])
        values = {
            "fid": "" if fid is None else int(fid),
            "other_fid": "" if other is None else int(other),
            "layer": table["layer"][k] or "",
            "other_layer": table["other_layer"][k] or "",
            "area": format_area(_num(table["area_m2"][k])),
            "value": _num(table["value"][k]) or 0.0,
            "threshold": _num(table["threshold"][k]) or 0.0,
            "detail": table["detail"][k] if table["detail"][k] is not None else "",
        }
        template = templates.get(rule, "{layer} {fid}: " + rule)
        try:
            out.append(template.format(**values))
        except (KeyError, ValueError, IndexError):  # a broken translation must not stop the run
            out.append(_templates_fallback(rule).format(**values))
    return out


def _templates_fallback(rule):
    return "{rule}: {{layer}} {{fid}} {{detail}}".format(rule=rule)


def conflict_note():
    return tr("Fill 'category' with the 142号 permitted-activity category (1 patrol/research, 2 existing "
              "farming, 3 archaeology, 4 plantation forestry, 5 tourism/education, 6 linear "
              "infrastructure, 7 exploration, 8 restoration, 9 border works, 10 other by law). New "
              "construction land needs an unavoidability (不可避让) argument.")
