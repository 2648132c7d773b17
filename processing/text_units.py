"""Translated titles and message templates of the control-unit and siting rules (UNIT_*, SITE_*)."""
from ..i18n import tr


def titles():
    """{rule id: translated short title}."""
    return {
        # generation, classification, coding (units_generate / units_classify / units_code)
        "UNIT_INPUT_INVALID": tr("Invalid geometry in an input layer"),
        "UNIT_ADMIN_CODE": tr("Administrative code is not a county code"),
        "UNIT_ADMIN_OVERLAP": tr("Administrative polygons overlap"),
        "UNIT_FRAGMENT_KEPT": tr("Units below the minimum area kept"),
        "UNIT_CODE_OVERFLOW": tr("More than 9999 units of one class in a county"),
        "UNIT_FIT_PRIORITY_LOST": tr("Priority area in a key or general unit"),
        "UNIT_CODE_CHANGED": tr("Unit code assigned or changed"),
        # QA of a delivered unit layer (units_check)
        "UNIT_GEOM_NULL": tr("Unit without geometry"),
        "UNIT_GEOM_INVALID": tr("Invalid unit geometry"),
        "UNIT_FIELD_MISSING": tr("Unit field missing"),
        "UNIT_ATTR_EMPTY": tr("Unit name empty"),
        "UNIT_CLASS_INVALID": tr("Unit class is not 1, 2 or 3"),
        "UNIT_CODE_FORMAT": tr("Unit code is not ZH + 6 + 1 + 4 digits"),
        "UNIT_CODE_CLASS": tr("Class digit of the code differs from the class"),
        "UNIT_CODE_COUNTY": tr("County digits of the code differ from the county holding the unit"),
        "UNIT_CODE_DUPLICATE": tr("Sequence repeated within county and class"),
        "UNIT_OVERLAP": tr("Units overlap"),
        "UNIT_GAP": tr("Gap between units"),
        "UNIT_OUTSIDE": tr("Unit outside the study area"),
        "UNIT_CROSS_COUNTY": tr("Unit crosses a county line"),
        "UNIT_COUNTY_BOUNDARY_MISMATCH": tr("Strip along a county line: the layers disagree on the line"),
        "UNIT_REDLINE_LOWER": tr("Red line inside a key or general unit"),
        "UNIT_CLASS_FACTOR": tr("Class disagrees with the factor layers"),
        "UNIT_ACCESS_EMPTY": tr("Access-list field empty"),
        # project siting (siting_check)
        "SITE_GEOM_NULL": tr("Site without geometry"),
        "SITE_INPUT_INVALID": tr("Invalid geometry in a siting input"),
        "SITE_REDLINE": tr("Site enters the ecological protection red line"),
        "SITE_CORE_ZONE": tr("Site enters a protected area's core zone"),
        "SITE_OUTSIDE_UNITS": tr("Site (or part of it) outside every control unit"),
        "SITE_ACCESS_UNKNOWN": tr("Access list names an unknown unit code"),
    }


def templates():
    """{rule id: message template}; fields: fid, other_fid, layer, other_layer, area, value, threshold, detail."""
    return {
        "UNIT_INPUT_INVALID": tr("Feature {fid} of {layer} is invalid: {detail}. A repaired copy was used; "
                                 "fix the geometry (e.g. Fix Geometries) in the source."),
        "UNIT_ADMIN_CODE": tr("Feature {fid} of {layer} has the code '{detail}', which is not a 6-digit "
                              "county code (nor a 9- or 12-digit township code starting with one). Its "
                              "units have no code: correct the code field."),
        "UNIT_ADMIN_OVERLAP": tr("Administrative polygons {fid} and {other_fid} overlap by {area}. The "
                                 "units made from them overlap too: fix the administrative layer."),
        "UNIT_FRAGMENT_KEPT": tr("{detail}: {value:.0f} units below {threshold:,.0f} m² are kept, {area} "
                                 "in all: none has a neighbour it may merge into (same class, same "
                                 "county; priority area never joins another class). To review them, "
                                 "sort the unit layer by area: the smallest may be slivers where the "
                                 "factor layers do not match."),
        "UNIT_CODE_OVERFLOW": tr("Unit {fid}: county {detail} has more than 9999 units of this class, "
                                 "so the 4-digit sequence cannot number it. It has no code."),
        "UNIT_FIT_PRIORITY_LOST": tr("Unit {fid} holds {area} of priority factors ({value:.2f} % of the "
                                     "unit, below {threshold} %), but is not a priority unit. Consider "
                                     "splitting it or the overlay method."),
        "UNIT_CODE_CHANGED": tr("Unit {fid}: code {detail}."),
        "UNIT_GEOM_NULL": tr("Unit {fid} has no geometry. Draw it or delete the feature."),
        "UNIT_GEOM_INVALID": tr("Unit {fid} is invalid: {detail}. The checks used a repaired copy; fix "
                                "the geometry (e.g. Fix Geometries) before delivery."),
        "UNIT_FIELD_MISSING": tr("The unit layer has no field {detail}. Add it, or map the right field "
                                 "in the algorithm's field parameters."),
        "UNIT_ATTR_EMPTY": tr("Field {detail} of unit {fid} is empty. Fill it."),
        "UNIT_CLASS_INVALID": tr("Unit {fid} has the class '{detail}'. A class is 1 (priority "
                                 "protection), 2 (key control) or 3 (general control)."),
        "UNIT_CODE_FORMAT": tr("Unit {fid} has the code '{detail}', which is not ZH + 6-digit county "
                               "code + class digit 1/2/3 + 4-digit sequence (e.g. ZH44060620002)."),
        "UNIT_CODE_CLASS": tr("Unit {fid}: the code {detail} carries class {value:.0f}, but the unit's "
                              "class is {threshold:.0f}. Correct the code or the class."),
        "UNIT_CODE_COUNTY": tr("Unit {fid}: the county digits of its code differ from the county "
                               "holding most of it (code → county: {detail}). Correct the code."),
        "UNIT_CODE_DUPLICATE": tr("Unit {fid} repeats the code {detail} of unit {other_fid}: the "
                                  "sequence must be unique within county and class."),
        "UNIT_OVERLAP": tr("Units {fid} and {other_fid} overlap by {area}. Units must not overlap: "
                           "remove the overlap from one of them."),
        "UNIT_GAP": tr("A gap of {area} between the units inside {other_layer} {other_fid}. Units must "
                       "cover the study area: assign it to a unit."),
        "UNIT_OUTSIDE": tr("Unit {fid} reaches {area} beyond the study area. Clip it to the study "
                           "area."),
        "UNIT_CROSS_COUNTY": tr("Unit {fid} extends {area} into county {detail}. A unit lies in one "
                                "county (its code carries one county code): split it at the county line."),
        "UNIT_COUNTY_BOUNDARY_MISMATCH": tr(
            "Unit {fid} reaches {area} into county {detail}, but only as a strip within {threshold:g} m "
            "of the county line: the units and the county layer disagree on where the line runs. The "
            "county layer may be on another datum (county layers from web maps are GCJ-02, shifted a "
            "few hundred metres) or at another scale. Do not split the unit for this; check the county "
            "layer's source."),
        "UNIT_REDLINE_LOWER": tr("Unit {fid} (class {detail}) holds {area} of red-line patch "
                                 "{other_fid}. Red-line area must be in a priority protection unit."),
        "UNIT_CLASS_FACTOR": tr("Unit {fid}: the factor layers give another class (stored → fitted: "
                                "{detail}; share {value:.1f} %, threshold {threshold:.0f} %). Check the "
                                "class."),
        "UNIT_ACCESS_EMPTY": tr("Empty access-list fields in unit {fid}: {detail}. Fill in the unit's "
                                "requirements, or write 执行总体准入要求 if only the general list applies."),
        "SITE_GEOM_NULL": tr("Site {fid} has no geometry: it was not assessed."),
        "SITE_INPUT_INVALID": tr("Feature {fid} of {layer} is invalid: {detail}. A repaired copy was "
                                 "used."),
        "SITE_REDLINE": tr("Site {detail} enters the ecological protection red line (patch "
                           "{other_fid}). Only the activities permitted by 自然资发〔2022〕142号 may "
                           "take place there."),
        "SITE_CORE_ZONE": tr("Site {detail} enters the core zone {other_fid} of a protected area, where "
                             "human activity is prohibited in principle. Move the site."),
        "SITE_OUTSIDE_UNITS": tr("Site {detail} lies outside every control unit: no unit's access "
                                 "list covers it. Check the site's position or the unit layer's extent."),
        "SITE_ACCESS_UNKNOWN": tr("Access list {layer} names the unit code {detail}, which is not in the "
                                  "unit layer: its rules apply to no site. Check the code."),
    }
