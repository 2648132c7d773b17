"""The plugin's task dialogs: which algorithms each runs and how it pre-fills them.

A dialog is built from the algorithm's own parameter definitions; a Step only adds what the
definitions cannot say: which project layer plays which role, preferred field names, which rules
a parameter feeds (for tooltips), and which optional outputs the dialog always asks for.

Roles (ui/layer_guess.py): a str is one role; a list is one layer with fallback roles, tried in
order; a tuple is a multiple-layer parameter taking one layer per role.
"""
from collections import namedtuple

from ..i18n import tr

Step = namedtuple("Step", "algorithm title roles fields rules outputs takes")
# takes: {parameter: (output ids…)}: a layer that an earlier task of the same dialog wrote (in this
# session) and that feeds this parameter: the graded rasters feed the candidate, generated units the
# check. Outputs of the plugin are never guessed from the project (ui/provenance.py); this is not a
# guess but the dialog's own chain.
Step.__new__.__defaults__ = ({}, {}, {}, ("REPORT",), {})

Job = namedtuple("Job", "id title icon steps")

# a parameter named like a role takes that role unless a step says otherwise
ROLE_ALIASES = {"RESERVES": "PROTECTED_AREAS", "ADMIN": "TOWNSHIPS", "ACTIVITIES": "ACTIVITIES",
                "SITES": "SITES", "PREVIOUS": "PREVIOUS_ACTIVITIES", "STUDY_AREA": None}

_GENERATED_UNITS = ("ecospace:units_generate/OUTPUT", "ecospace:units_classify/OUTPUT")

# (older, newer) version parameters: when both guessed names carry a year, the older year is older
VERSION_PAIRS = (("OLD", "NEW"),)

# DOMAIN.md field names, tried after the definition's own default
FIELD_DEFAULTS = {
    "COUNTY_CODE_FIELD": ("XZQDM", "XZDM", "AREA"), "COUNTY_NAME_FIELD": ("XZQMC", "XZMC"),
    "ADMIN_CODE_FIELD": ("XZQDM", "XZDM"), "CODE_FIELD": ("BSM", "HJZHGKDYBM"),
    "COUNTY_FIELD": ("XZQDM",), "AREA_FIELD": ("MJ", "SBMJ"), "CLASS_FIELD": ("ZHGKDYFL",),
    "UNIT_CODE_FIELD": ("HJZHGKDYBM",), "RESERVE_ID_FIELD": ("BHDDM",), "ZONE_RESERVE_FIELD": ("BHDDM",),
    "ZONE_FIELD": ("GNFQ",), "ADMIN_NAME_FIELD": ("XZQMC", "XZMC"), "UNIT_NAME_FIELD": ("XZQMC", "XZMC", "MC"),
    "TYPE_FIELD": ("BHDLX", "HDLX"), "DATE_FIELD": ("JCSJ",), "SITE_ID_FIELD": ("XMBH",),
    "SITE_NAME_FIELD": ("XMMC",), "INDUSTRY_FIELD": ("HYLB",), "LEVEL_FIELD": ("JB",), "NAME_FIELD": ("BHDMC", "MC"),
}

_REDLINE_RULES = {
    "REDLINE": ("RL_GEOM_NULL", "RL_GEOM_INVALID", "RL_DUPLICATE", "RL_SELF_OVERLAP"),
    "FARMLAND": ("RL_OVERLAP_PBF", "RL_OVERLAP_PBF_UDB"),
    "URBAN_BOUNDARY": ("RL_OVERLAP_UDB", "RL_OVERLAP_PBF_UDB"),
    "PROTECTED_AREAS": ("RL_PA_OUTSIDE",), "CONFLICT_LAYERS": ("RL_CONFLICT",),
    "COUNTIES": ("RL_COUNTY_CODE", "RL_CROSS_COUNTY", "RL_COUNTY_BOUNDARY_MISMATCH"),
    "COUNTY_CODE_FIELD": ("RL_COUNTY_CODE",),
    "MIN_PART_AREA": ("RL_FRAGMENT",), "MIN_HOLE_AREA": ("RL_HOLE",),
    "OVERLAP_TOLERANCE": ("RL_SELF_OVERLAP", "RL_OVERLAP_PBF", "RL_OVERLAP_UDB", "RL_PA_OUTSIDE"),
    "SLIVER_INDEX": ("RL_SLIVER",), "CROSS_COUNTY_TOLERANCE": ("RL_CROSS_COUNTY",),
    "BOUNDARY_NOISE_WIDTH": ("RL_CROSS_COUNTY", "RL_COUNTY_BOUNDARY_MISMATCH"),
    "CODE_FIELD": ("RL_ATTR_EMPTY", "RL_CODE_DUPLICATE"), "COUNTY_FIELD": ("RL_COUNTY_CODE",),
    "AREA_FIELD": ("RL_AREA_MISMATCH",), "AREA_UNIT": ("RL_AREA_MISMATCH",),
}

_UNIT_RULES = {
    "ADMIN": ("UNIT_ADMIN_OVERLAP",), "ADMIN_CODE_FIELD": ("UNIT_ADMIN_CODE",),
    "MIN_UNIT_AREA": ("UNIT_FRAGMENT_KEPT",), "SHARE_THRESHOLD": ("UNIT_FIT_PRIORITY_LOST",),
    "STRICT": ("UNIT_FIT_PRIORITY_LOST",),
    "UNITS": ("UNIT_GEOM_INVALID", "UNIT_CODE_FORMAT", "UNIT_CODE_DUPLICATE", "UNIT_OVERLAP"),
    "COUNTIES": ("UNIT_CODE_COUNTY", "UNIT_CROSS_COUNTY", "UNIT_COUNTY_BOUNDARY_MISMATCH"),
    "BOUNDARY_NOISE_WIDTH": ("UNIT_CROSS_COUNTY", "UNIT_COUNTY_BOUNDARY_MISMATCH"),
    "STUDY_AREA": ("UNIT_GAP", "UNIT_OUTSIDE"),
    "REDLINE": ("UNIT_REDLINE_LOWER", "SITE_REDLINE"), "PRIORITY_LAYERS": ("UNIT_CLASS_FACTOR",),
    "KEY_LAYERS": ("UNIT_CLASS_FACTOR",), "ACCESS_LIST": ("UNIT_ACCESS_EMPTY", "SITE_ACCESS_UNKNOWN"),
    "SITES": ("SITE_GEOM_NULL", "SITE_INPUT_INVALID", "SITE_OUTSIDE_UNITS"),
    "MORE_SITES": ("SITE_GEOM_NULL", "SITE_INPUT_INVALID", "SITE_OUTSIDE_UNITS"),
    "PROTECTED_AREAS": ("SITE_CORE_ZONE",),
}

_RESERVE_RULES = {
    "RESERVES": ("RES_GEOM_INVALID", "RES_ID_DUPLICATE", "RES_AREA_MISMATCH"),
    "RESERVE_ID_FIELD": ("RES_ID_EMPTY", "RES_ID_DUPLICATE"),
    "ZONES": ("RES_ZONE_GAP", "RES_ZONE_OVERLAP", "RES_ZONE_OUTSIDE", "RES_SYSTEM_MIXED"),
    "ZONE_RESERVE_FIELD": ("RES_ZONE_NO_RESERVE",), "ZONE_FIELD": ("RES_ZONE_UNKNOWN", "RES_SYSTEM_MIXED"),
    "PROTECTED_AREAS": ("PA_OVERLAP", "PA_OUTSIDE_REDLINE"), "REDLINE": ("PA_OUTSIDE_REDLINE", "HA_REDLINE"),
    "ACTIVITIES": ("HA_STRICT_ZONE", "HA_CONTROL_ZONE", "HA_UNZONED"),
}

_SITE_UNITS = ["UNITS"]

_UNIT_CODE_RULES = {
    "UNITS": ("UNIT_INPUT_INVALID", "UNIT_CLASS_INVALID", "UNIT_OUTSIDE"),
    "COUNTIES": ("UNIT_CROSS_COUNTY", "UNIT_OUTSIDE"), "COUNTY_CODE_FIELD": ("UNIT_CODE_OVERFLOW",),
    "RECODE_ALL": ("UNIT_CODE_CHANGED",),
}

_CANDIDATE_RULES = {
    "PROTECTED_AREAS": ("RC_PA_CONFLICT",), "DEDUCT_LAYERS": ("RC_DEDUCTED", "RC_PA_CONFLICT"),
    "REPORT_LAYERS": ("RC_CONFLICT",), "EXISTING_REDLINE": ("RC_CANDIDATE_ADD",),
    "MIN_PATCH_AREA": ("RC_FRAGMENT_REMOVED",), "MIN_HOLE_AREA": ("RC_HOLE_FILLED",),
    "CANDIDATE_ADD_AREA": ("RC_CANDIDATE_ADD",),
}

_COMPARE_RULES = {
    "OLD": ("CMP_INPUT_INVALID",), "NEW": ("CMP_INPUT_INVALID",),
    "REASON_LAYERS": ("CMP_REMOVED_REASON", "CMP_REMOVED_NO_REASON"),
    "REASON_MIN_SHARE": ("CMP_REMOVED_REASON", "CMP_REMOVED_NO_REASON"),
}


def jobs():
    """Every task dialog, in menu order (built on call: titles are translated)."""
    return [
        Job("delineation", tr("Red-line delineation"), "delineation.svg", [
            Step("ecospace:importance_grade", tr("Ecosystem-service importance grading"),
                 roles={"SERVICES": ("SERVICES",)}, outputs=()),
            Step("ecospace:sensitivity_grade", tr("Ecological sensitivity grading"),
                 roles={"FACTORS": ("FACTORS",)}, outputs=()),
            Step("ecospace:redline_candidate", tr("Candidate red line"),
                 roles={"IMPORTANCE": "IMPORTANCE_GRADE", "SENSITIVITY": "SENSITIVITY_GRADE",
                        "PROTECTED_AREAS": ("PROTECTED_AREAS",), "MUST_INCLUDE": None,
                        "DEDUCT_LAYERS": ("FARMLAND", "URBAN_BOUNDARY"),
                        "REPORT_LAYERS": ("CONSTRUCTION", "MINING", "SETTLEMENTS"),
                        "EXISTING_REDLINE": "REDLINE"},
                 rules=_CANDIDATE_RULES, outputs=(),
                 takes={"IMPORTANCE": ("ecospace:importance_grade/OUTPUT",),
                        "SENSITIVITY": ("ecospace:sensitivity_grade/OUTPUT",)}),
            Step("ecospace:redline_compare", tr("Compare two red-line versions"),
                 roles={"OLD": ["REDLINE"], "NEW": ["REDLINE"],
                        "REASON_LAYERS": ("FARMLAND", "URBAN_BOUNDARY", "CONSTRUCTION", "MINING",
                                          "PROTECTED_AREAS")},
                 rules=_COMPARE_RULES, outputs=()),
        ]),
        Job("redline", tr("Red-line delivery check"), "redline_check.svg", [
            Step("ecospace:redline_check", tr("Red-line delivery check"),
                 roles={"CONFLICT_LAYERS": ("CONSTRUCTION", "MINING", "SETTLEMENTS")},
                 rules=_REDLINE_RULES),
        ]),
        Job("units", tr("Environmental control units"), "units.svg", [
            Step("ecospace:units_generate", tr("Generate units (overlay)"),
                 roles={"PRIORITY_LAYERS": ("PRIORITY_ZONES", "REDLINE"), "KEY_LAYERS": ("KEY_ZONES",)},
                 rules=_UNIT_RULES),
            Step("ecospace:units_classify", tr("Classify units (fitting)"),
                 roles={"UNITS": ["UNITS", "TOWNSHIPS"], "PRIORITY_LAYERS": ("PRIORITY_ZONES", "REDLINE"),
                        "KEY_LAYERS": ("KEY_ZONES",)},
                 rules=_UNIT_RULES),
            Step("ecospace:units_check", tr("Check a unit layer"),
                 roles={"UNITS": _SITE_UNITS, "PRIORITY_LAYERS": ("PRIORITY_ZONES", "REDLINE"),
                        "KEY_LAYERS": ("KEY_ZONES",)},
                 rules=_UNIT_RULES, takes={"UNITS": _GENERATED_UNITS + ("ecospace:units_code/OUTPUT",)}),
            Step("ecospace:units_code", tr("Code units (assign or repair codes)"),
                 roles={"UNITS": _SITE_UNITS}, rules=_UNIT_CODE_RULES, outputs=(),
                 takes={"UNITS": _GENERATED_UNITS}),
        ]),
        Job("reserves", tr("Protected areas"), "reserves.svg", [
            Step("ecospace:reserve_check", tr("Functional zones of reserves"), rules=_RESERVE_RULES,
                 outputs=("REPORT", "ZONES_TWO_SYSTEM")),
            Step("ecospace:protected_area_overlaps", tr("Overlaps between protected areas"),
                 rules=_RESERVE_RULES),
            Step("ecospace:human_activity", tr("Human activity in reserves"),
                 roles={"ACTIVITIES": ["ACTIVITIES"]}, rules=_RESERVE_RULES),
        ]),
        Job("siting", tr("Project siting check"), "siting.svg", [
            Step("ecospace:siting_check", tr("Project siting check"),
                 roles={"UNITS": _SITE_UNITS, "PROTECTED_AREAS": "ZONES", "MORE_SITES": ("SITES",)},
                 rules=_UNIT_RULES),
        ]),
    ]


def job_by_id(job_id):
    return next(j for j in jobs() if j.id == job_id)


def role_for(step, param):
    """The role(s) a parameter plays: the step's choice, else its own name when that is a role."""
    from .layer_guess import ROLE_KEYWORDS

    if param in step.roles:
        return step.roles[param]
    if param in ROLE_ALIASES:
        return ROLE_ALIASES[param]
    if param.endswith("_LAYERS") and param[:-len("_LAYERS")] + "_ZONES" in ROLE_KEYWORDS:
        return (param[:-len("_LAYERS")] + "_ZONES",)
    return param if param in ROLE_KEYWORDS else None


def preferred_fields(param, default):
    """Field names to preselect, the definition's default first."""
    if isinstance(default, str):
        names = [n for n in default.split(";") if n]
    elif isinstance(default, (list, tuple)):
        names = [str(n) for n in default]
    else:
        names = []
    return names + [f for f in FIELD_DEFAULTS.get(param, ()) if f not in names]
