"""Translated rule titles and finding messages. Core returns rule ids and values; this turns them into words."""
import math

from ..i18n import tr


def rule_titles():
    """{rule id: translated short title}; built on call so the current translator applies."""
    return {
        "RL_GEOM_NULL": tr("Null or empty geometry"),
        "RL_GEOM_INVALID": tr("Invalid geometry"),
        "RL_DUPLICATE": tr("Duplicate feature"),
        "RL_SELF_OVERLAP": tr("Red-line patches overlap"),
        "RL_FRAGMENT": tr("Fragment below the minimum area"),
        "RL_HOLE": tr("Small hole"),
        "RL_SLIVER": tr("Sliver (thin shape)"),
        "RL_OVERLAP_PBF": tr("Red line overlaps permanent basic farmland"),
        "RL_OVERLAP_UDB": tr("Red line overlaps the urban development boundary"),
        "RL_OVERLAP_PBF_UDB": tr("Farmland overlaps the urban development boundary"),
        "RL_PA_OUTSIDE": tr("Protected area outside the red line"),
        "RL_CONFLICT": tr("Conflict to deduct or explain"),
        "RL_COUNTY_CODE": tr("County code differs from the county holding the patch"),
        "RL_CROSS_COUNTY": tr("Patch crosses a county boundary"),
        "RL_FIELD_MISSING": tr("Required field missing"),
        "RL_ATTR_EMPTY": tr("Required attribute empty"),
        "RL_CODE_DUPLICATE": tr("Duplicate feature code"),
        "RL_AREA_MISMATCH": tr("Stored area differs from the ellipsoidal area"),
        "RL_INPUT_INVALID": tr("Invalid geometry in a reference layer"),
        "RL_CRS_WGS84": tr("Layer in WGS84"),
        "RL_CRS_ZONE": tr("Gauss-Kruger zone does not match the data"),
    }


def _templates():
    return {
        "RL_GEOM_NULL": tr("Feature {fid} of {layer} has no geometry. Draw it or delete the feature."),
        "RL_GEOM_INVALID": tr("Feature {fid} of {layer} is invalid: {detail}. The checks used a repaired "
                              "copy; fix the geometry (e.g. Fix Geometries) before delivery."),
        "RL_DUPLICATE": tr("Feature {fid} of {layer} repeats feature {other_fid}. Delete one of them."),
        "RL_SELF_OVERLAP": tr("Red-line patches {fid} and {other_fid} overlap by {area}. Patches must "
                              "be disjoint: remove the overlap from one of them."),
        "RL_FRAGMENT": tr("A part of patch {fid} covers only {area}, below {threshold} m². Merge or "
                          "remove the fragment."),
        "RL_HOLE": tr("Patch {fid} has a hole of {area}, below {threshold} m². Fill it unless it is a "
                      "real exclusion."),
        "RL_SLIVER": tr("A part of patch {fid} is a sliver (4πA/P² = {value:.4f} < {threshold}). Check "
                        "for a digitising error."),
        "RL_OVERLAP_PBF": tr("Red-line patch {fid} overlaps permanent basic farmland {other_fid} by "
                             "{area}. The three control lines must not overlap."),
        "RL_OVERLAP_UDB": tr("Red-line patch {fid} overlaps urban development boundary {other_fid} by "
                             "{area}. The three control lines must not overlap."),
        "RL_OVERLAP_PBF_UDB": tr("Farmland patch {fid} overlaps urban development boundary {other_fid} by "
                                 "{area}. The three control lines must not overlap."),
        "RL_PA_OUTSIDE": tr("Protected area {fid} of {layer} lies outside the red line over {area}. Every "
                            "protected area must lie wholly inside the red line."),
        "RL_CONFLICT": tr("Red-line patch {fid} overlaps {other_layer} feature {other_fid} by {area}. "
                          "Deduct it, or record the permitted-activity category (142号) that allows it."),
        "RL_COUNTY_CODE": tr("Patch {fid} has the wrong county code (stored → county holding most of "
                             "its area: {detail}). Correct the code, or split the patch."),
        "RL_CROSS_COUNTY": tr("Patch {fid} extends {area} into county {detail}. Split it at the county "
                              "boundary so each county's ledger holds its own part."),
        "RL_FIELD_MISSING": tr("Layer {layer} has no field {detail}. Add it, or map the right field in "
                               "the algorithm's field parameters."),
        "RL_ATTR_EMPTY": tr("Field {detail} of feature {fid} is empty. Fill it."),
        "RL_CODE_DUPLICATE": tr("Feature {fid} repeats the code {detail} of feature {other_fid}. Codes "
                                "must be unique."),
        "RL_AREA_MISMATCH": tr("Patch {fid} stores {value:.2f} m² in field {detail}, but its ellipsoidal "
                               "area is {threshold:.2f} m²."),
        "RL_INPUT_INVALID": tr("Feature {fid} of {layer} is invalid: {detail}. A repaired copy was used "
                               "in the checks."),
        "RL_CRS_WGS84": tr("Layer {layer} is in WGS84 ({detail}). It is accepted, but official data "
                           "should be in CGCS2000."),
        "RL_CRS_ZONE": tr("Layer {layer}: {detail}. Check that the layer's CRS is the right "
                          "Gauss-Kruger zone."),
    }


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
