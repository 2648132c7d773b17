"""The plugin's task dialogs: which algorithms each runs and how it pre-fills them.

A dialog is built from the algorithm's own parameter definitions; a Step only adds what the
definitions cannot say: which project layer plays which role, preferred field names, and which
optional outputs the dialog always asks for. Which rules a parameter feeds (for tooltips) comes from
the rule catalogue (core/rules.py, each rule's params): rule_links.

Roles (ui/layer_guess.py): a str is one role; a list is one layer with fallback roles, tried in
order; a tuple is a multiple-layer parameter taking one layer per role.
"""
from collections import namedtuple

from ..core.rules import RULES
from ..i18n import tr

Step = namedtuple("Step", "algorithm title roles fields outputs takes")
# takes: {parameter: (output ids…)}: a layer that an earlier task of the same dialog wrote (in this
# session) and that feeds this parameter: the graded rasters feed the candidate, generated units the
# check. Outputs of the plugin are never guessed from the project (ui/provenance.py); this is not a
# guess but the dialog's own chain.
Step.__new__.__defaults__ = ({}, {}, ("REPORT",), {})

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

_SITE_UNITS = ["UNITS"]


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
                        "EXISTING_REDLINE": "REDLINE"}, outputs=(),
                 takes={"IMPORTANCE": ("ecospace:importance_grade/OUTPUT",),
                        "SENSITIVITY": ("ecospace:sensitivity_grade/OUTPUT",)}),
            Step("ecospace:redline_compare", tr("Compare two red-line versions"),
                 roles={"OLD": ["REDLINE"], "NEW": ["REDLINE"],
                        "REASON_LAYERS": ("FARMLAND", "URBAN_BOUNDARY", "CONSTRUCTION", "MINING",
                                          "PROTECTED_AREAS")}, outputs=()),
        ]),
        Job("redline", tr("Red-line delivery check"), "redline_check.svg", [
            Step("ecospace:redline_check", tr("Red-line delivery check"),
                 roles={"CONFLICT_LAYERS": ("CONSTRUCTION", "MINING", "SETTLEMENTS")}),
        ]),
        Job("units", tr("Environmental control units"), "units.svg", [
            Step("ecospace:units_generate", tr("Generate units (overlay)"),
                 roles={"PRIORITY_LAYERS": ("PRIORITY_ZONES", "REDLINE"), "KEY_LAYERS": ("KEY_ZONES",)}),
            Step("ecospace:units_classify", tr("Classify units (fitting)"),
                 roles={"UNITS": ["UNITS", "TOWNSHIPS"], "PRIORITY_LAYERS": ("PRIORITY_ZONES", "REDLINE"),
                        "KEY_LAYERS": ("KEY_ZONES",)}),
            Step("ecospace:units_check", tr("Check a unit layer"),
                 roles={"UNITS": _SITE_UNITS, "PRIORITY_LAYERS": ("PRIORITY_ZONES", "REDLINE"),
                        "KEY_LAYERS": ("KEY_ZONES",)},
                 takes={"UNITS": _GENERATED_UNITS + ("ecospace:units_code/OUTPUT",)}),
            Step("ecospace:units_code", tr("Code units (assign or repair codes)"),
                 roles={"UNITS": _SITE_UNITS}, outputs=(),
                 takes={"UNITS": _GENERATED_UNITS}),
        ]),
        Job("reserves", tr("Protected areas"), "reserves.svg", [
            Step("ecospace:reserve_check", tr("Functional zones of reserves"),
                 outputs=("REPORT", "ZONES_TWO_SYSTEM")),
            Step("ecospace:protected_area_overlaps", tr("Overlaps between protected areas")),
            Step("ecospace:human_activity", tr("Human activity in reserves"),
                 roles={"ACTIVITIES": ["ACTIVITIES"]}),
        ]),
        Job("siting", tr("Project siting check"), "siting.svg", [
            Step("ecospace:siting_check", tr("Project siting check"),
                 roles={"UNITS": _SITE_UNITS, "PROTECTED_AREAS": "ZONES", "MORE_SITES": ("SITES",)}),
        ]),
    ]


def rule_links(rule_ids):
    """{parameter: (rule ids…)}: the rules among rule_ids (those an algorithm emits) that each
    parameter feeds, in catalogue order, from the params of their declaration in core/rules.py."""
    links = {}
    for rule in RULES.values():
        if rule.id in rule_ids:
            for param in rule.params:
                links.setdefault(param, []).append(rule.id)
    return {param: tuple(ids) for param, ids in links.items()}


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
