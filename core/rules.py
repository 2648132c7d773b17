"""The rule catalogue: one declaration per rule: its stable id, default severity, the source behind it
and the parameters that feed it.

`source` is the key of the document the rule comes from; processing/citations.py turns it into the
document's name and year in the user's language. Rules of our own making ([ours]: no standard sets
them) cite OURS, "this plugin's default". `params` names the parameters of the algorithm(s) emitting
the rule that change what it reports; the task dialogs' tooltips list the rules of a parameter from
them (ui/jobs.py rule_links). Titles and message templates are translated in processing/text_*.py
(processing/messages.py); core stays free of tr(). tests/test_rules_catalogue.py says what a new rule
still lacks.
"""
from typing import NamedTuple, Tuple


class Rule(NamedTuple):
    id: str
    severity: str
    source: str
    params: Tuple[str, ...] = ()

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)

# the documents (processing/citations.py has their names)
_RL_GUIDE = "RL_GUIDE_2017"      # 生态保护红线划定指南 (环办生态〔2017〕48号)
_RL_2019 = "THREE_LINES_2019"    # 关于在国土空间规划中统筹划定落实三条控制线的指导意见 (2019)
_RL_142 = "RL_142_2022"          # 关于加强生态保护红线管理的通知（试行） (自然资发〔2022〕142号)
_PA_1994 = "PA_REGULATIONS_1994"  # 中华人民共和国自然保护区条例 (1994) 第十八条
_PA_2019 = "PA_SYSTEM_2019"      # 关于建立以国家公园为主体的自然保护地体系的指导意见 (中办发〔2019〕42号)
_PA_ZONING = "GBT_35822_2018"    # GB/T 35822-2018 自然保护区功能区划技术规程
_PA_GREEN = "GREEN_SHIELD"       # 绿盾 supervision: remote-sensing monitoring of human activity
_UNIT_GUIDE = "UNIT_GUIDE_2017"  # “三线一单”编制技术指南（试行） (2017)
_ADMIN_CODE = "GBT_2260"         # GB/T 2260 中华人民共和国行政区划代码
_CGCS2000 = "CGCS2000"           # 2000 国家大地坐标系 and its ellipsoidal area
OURS = "OURS"                    # this plugin's default: no standard sets the rule

RULES = {r.id: r for r in [
    Rule("RL_GEOM_NULL", ERROR, _RL_GUIDE, params=("REDLINE",)),
    Rule("RL_GEOM_INVALID", ERROR, _RL_GUIDE, params=("REDLINE",)),
    Rule("RL_DUPLICATE", ERROR, _RL_GUIDE, params=("REDLINE",)),
    Rule("RL_SELF_OVERLAP", ERROR, _RL_GUIDE, params=("REDLINE", "OVERLAP_TOLERANCE")),
    Rule("RL_FRAGMENT", WARNING, _RL_GUIDE, params=("MIN_PART_AREA",)),
    Rule("RL_HOLE", WARNING, _RL_GUIDE, params=("MIN_HOLE_AREA",)),
    Rule("RL_SLIVER", WARNING, OURS, params=("SLIVER_INDEX",)),
    Rule("RL_OVERLAP_PBF", ERROR, _RL_2019, params=("FARMLAND", "OVERLAP_TOLERANCE")),
    Rule("RL_OVERLAP_UDB", ERROR, _RL_2019, params=("URBAN_BOUNDARY", "OVERLAP_TOLERANCE")),
    Rule("RL_OVERLAP_PBF_UDB", ERROR, _RL_2019, params=("FARMLAND", "URBAN_BOUNDARY")),
    Rule("RL_PA_OUTSIDE", ERROR, _RL_142, params=("PROTECTED_AREAS", "OVERLAP_TOLERANCE")),
    Rule("RL_CONFLICT", WARNING, _RL_142, params=("CONFLICT_LAYERS",)),
    Rule("RL_COUNTY_CODE", ERROR, _RL_GUIDE, params=("COUNTIES", "COUNTY_CODE_FIELD", "COUNTY_FIELD")),
    Rule("RL_CROSS_COUNTY", WARNING, _RL_GUIDE, params=("COUNTIES", "CROSS_COUNTY_TOLERANCE", "BOUNDARY_NOISE_WIDTH")),
    Rule("RL_COUNTY_BOUNDARY_MISMATCH", INFO, OURS, params=("COUNTIES", "BOUNDARY_NOISE_WIDTH")),
    Rule("RL_FIELD_MISSING", ERROR, _RL_GUIDE, params=("CODE_FIELD", "COUNTY_FIELD", "AREA_FIELD")),
    Rule("RL_ATTR_EMPTY", ERROR, _RL_GUIDE, params=("CODE_FIELD", "COUNTY_FIELD", "AREA_FIELD")),
    Rule("RL_CODE_DUPLICATE", ERROR, _RL_GUIDE, params=("CODE_FIELD",)),
    Rule("RL_AREA_MISMATCH", WARNING, _RL_GUIDE, params=("AREA_FIELD", "AREA_UNIT")),
    Rule("RL_INPUT_INVALID", WARNING, OURS, params=("FARMLAND", "URBAN_BOUNDARY", "PROTECTED_AREAS", "CONFLICT_LAYERS",
                                                "COUNTIES")),
    Rule("RL_CRS_WGS84", INFO, _CGCS2000, params=("REDLINE",)),
    Rule("RL_CRS_ZONE", WARNING, OURS, params=("REDLINE",)),
    # environmental control units
    Rule("UNIT_INPUT_INVALID", WARNING, OURS, params=("UNITS",)),
    Rule("UNIT_ADMIN_CODE", ERROR, _ADMIN_CODE, params=("ADMIN_CODE_FIELD",)),
    Rule("UNIT_ADMIN_OVERLAP", WARNING, OURS, params=("ADMIN",)),
    Rule("UNIT_FRAGMENT_KEPT", INFO, _UNIT_GUIDE, params=("MIN_UNIT_AREA",)),
    Rule("UNIT_CODE_OVERFLOW", ERROR, _UNIT_GUIDE, params=("COUNTY_CODE_FIELD",)),
    Rule("UNIT_FIT_PRIORITY_LOST", WARNING, _UNIT_GUIDE, params=("SHARE_THRESHOLD", "STRICT")),
    Rule("UNIT_CODE_CHANGED", INFO, _UNIT_GUIDE, params=("RECODE_ALL",)),
    Rule("UNIT_GEOM_NULL", ERROR, OURS, params=("UNITS",)),
    Rule("UNIT_GEOM_INVALID", ERROR, OURS, params=("UNITS",)),
    Rule("UNIT_FIELD_MISSING", ERROR, _UNIT_GUIDE, params=("CODE_FIELD", "NAME_FIELD", "CLASS_FIELD", "ACCESS_FIELDS")),
    Rule("UNIT_ATTR_EMPTY", WARNING, _UNIT_GUIDE, params=("NAME_FIELD",)),
    Rule("UNIT_CLASS_INVALID", ERROR, _UNIT_GUIDE, params=("UNITS",)),
    Rule("UNIT_CODE_FORMAT", ERROR, _UNIT_GUIDE, params=("UNITS",)),
    Rule("UNIT_CODE_CLASS", ERROR, _UNIT_GUIDE, params=("CODE_FIELD", "CLASS_FIELD")),
    Rule("UNIT_CODE_COUNTY", ERROR, _UNIT_GUIDE, params=("COUNTIES",)),
    Rule("UNIT_CODE_DUPLICATE", ERROR, _UNIT_GUIDE, params=("UNITS",)),
    Rule("UNIT_OVERLAP", WARNING, OURS, params=("UNITS",)),
    Rule("UNIT_GAP", WARNING, OURS, params=("STUDY_AREA",)),
    Rule("UNIT_OUTSIDE", WARNING, OURS, params=("UNITS", "COUNTIES", "STUDY_AREA")),
    Rule("UNIT_CROSS_COUNTY", WARNING, OURS, params=("COUNTIES", "BOUNDARY_NOISE_WIDTH")),
    Rule("UNIT_COUNTY_BOUNDARY_MISMATCH", INFO, OURS, params=("COUNTIES", "BOUNDARY_NOISE_WIDTH")),
    Rule("UNIT_REDLINE_LOWER", ERROR, _UNIT_GUIDE, params=("REDLINE",)),
    Rule("UNIT_CLASS_FACTOR", WARNING, _UNIT_GUIDE, params=("PRIORITY_LAYERS", "KEY_LAYERS")),
    Rule("UNIT_ACCESS_EMPTY", WARNING, _UNIT_GUIDE, params=("ACCESS_FIELDS",)),
    # project siting against units
    Rule("SITE_GEOM_NULL", WARNING, OURS, params=("SITES", "MORE_SITES")),
    Rule("SITE_INPUT_INVALID", WARNING, OURS, params=("SITES", "MORE_SITES")),
    Rule("SITE_REDLINE", ERROR, _RL_142, params=("REDLINE",)),
    Rule("SITE_CORE_ZONE", ERROR, _PA_2019, params=("PROTECTED_AREAS",)),
    Rule("SITE_OUTSIDE_UNITS", WARNING, OURS, params=("SITES", "MORE_SITES")),
    Rule("SITE_ACCESS_UNKNOWN", WARNING, OURS, params=("ACCESS_LIST",)),
    # protected areas: reserve_check
    Rule("RES_GEOM_NULL", ERROR, _PA_1994, params=("RESERVES", "ZONES")),
    Rule("RES_GEOM_INVALID", ERROR, _PA_1994, params=("RESERVES", "ZONES")),
    Rule("RES_ID_EMPTY", ERROR, OURS, params=("RESERVE_ID_FIELD",)),
    Rule("RES_ID_DUPLICATE", ERROR, OURS, params=("RESERVES", "RESERVE_ID_FIELD")),
    Rule("RES_ZONE_NO_RESERVE", ERROR, OURS, params=("ZONE_RESERVE_FIELD",)),
    Rule("RES_ZONE_UNKNOWN", ERROR, OURS, params=("ZONE_FIELD",)),
    Rule("RES_NO_ZONES", ERROR, _PA_1994, params=("ZONES", "RESERVE_ID_FIELD", "ZONE_RESERVE_FIELD")),
    Rule("RES_SYSTEM_MIXED", ERROR, _PA_2019, params=("ZONES", "ZONE_FIELD")),
    Rule("RES_ZONE_GAP", ERROR, _PA_1994, params=("ZONES",)),
    Rule("RES_ZONE_OVERLAP", ERROR, _PA_1994, params=("ZONES",)),
    Rule("RES_ZONE_OUTSIDE", ERROR, _PA_1994, params=("ZONES",)),
    Rule("RES_CORE_EXPOSED", WARNING, _PA_ZONING, params=("ZONES", "EDGE_TOLERANCE")),
    Rule("RES_EXPERIMENTAL_INSIDE", WARNING, _PA_ZONING, params=("ZONES",)),
    Rule("RES_CORE_AT_EDGE", WARNING, _PA_ZONING, params=("ZONES", "EDGE_TOLERANCE")),
    Rule("RES_SHARE_CORE_PROTECTION", WARNING, OURS,
         params=("CHECK_SHARES", "MIN_CORE_PROTECTION_SHARE", "TYPE_FIELD")),
    Rule("RES_SHARE_CORE", WARNING, OURS, params=("CHECK_SHARES", "MIN_CORE_SHARE")),
    Rule("RES_SHARE_EXPERIMENTAL", WARNING, OURS, params=("CHECK_SHARES", "MAX_EXPERIMENTAL_SHARE")),
    Rule("RES_AREA_MISMATCH", WARNING, _CGCS2000, params=("RESERVES", "AREA_FIELD", "AREA_UNIT", "AREA_TOLERANCE")),
    # protected_area_overlaps
    Rule("PA_GEOM_NULL", ERROR, _PA_2019, params=("RESERVES", "REDLINE")),
    Rule("PA_GEOM_INVALID", ERROR, _PA_2019, params=("RESERVES", "REDLINE")),
    Rule("PA_VALUE_UNKNOWN", WARNING, OURS, params=("LEVEL_FIELD", "TYPE_FIELD")),
    Rule("PA_OVERLAP", ERROR, _PA_2019, params=("RESERVES",)),
    Rule("PA_OUTSIDE_REDLINE", ERROR, _RL_142, params=("RESERVES", "REDLINE")),
    # human_activity
    Rule("HA_INPUT_NULL", WARNING, OURS, params=("ACTIVITIES", "PREVIOUS", "RESERVES", "ZONES", "REDLINE")),
    Rule("HA_INPUT_INVALID", WARNING, OURS, params=("ACTIVITIES", "PREVIOUS", "RESERVES", "ZONES", "REDLINE")),
    Rule("HA_STRICT_ZONE", ERROR, _PA_1994, params=("ACTIVITIES",)),
    Rule("HA_CONTROL_ZONE", WARNING, _RL_142, params=("ACTIVITIES",)),
    Rule("HA_UNZONED", WARNING, OURS, params=("ACTIVITIES",)),
    Rule("HA_REDLINE", WARNING, _RL_142, params=("REDLINE",)),
    # candidate red line from graded assessments: redline_candidate
    Rule("RC_INPUT_INVALID", WARNING, OURS, params=("IMPORTANCE", "SENSITIVITY", "PROTECTED_AREAS", "MUST_INCLUDE",
                                                "DEDUCT_LAYERS", "REPORT_LAYERS", "EXISTING_REDLINE")),
    Rule("RC_PA_CONFLICT", ERROR, _RL_2019, params=("PROTECTED_AREAS", "DEDUCT_LAYERS")),
    Rule("RC_DEDUCTED", INFO, _RL_2019, params=("DEDUCT_LAYERS",)),
    Rule("RC_CONFLICT", WARNING, _RL_142, params=("REPORT_LAYERS",)),
    Rule("RC_FRAGMENT_REMOVED", INFO, _RL_GUIDE, params=("MIN_PATCH_AREA",)),
    Rule("RC_HOLE_FILLED", INFO, _RL_GUIDE, params=("MIN_HOLE_AREA",)),
    Rule("RC_CANDIDATE_ADD", INFO, _RL_GUIDE, params=("EXISTING_REDLINE", "CANDIDATE_ADD_AREA")),
    # two versions of a red line: redline_compare
    Rule("CMP_INPUT_INVALID", WARNING, OURS, params=("OLD", "NEW", "COUNTIES", "REASON_LAYERS")),
    Rule("CMP_GEOM_NULL", WARNING, OURS, params=("OLD", "NEW")),
    Rule("CMP_CHANGE_UNKNOWN", WARNING, OURS, params=("OLD", "NEW", "ID_FIELD")),
    Rule("CMP_REMOVED_NO_REASON", WARNING, _RL_142, params=("REASON_LAYERS", "REASON_MIN_SHARE")),
    Rule("CMP_REMOVED_REASON", INFO, _RL_142, params=("REASON_LAYERS", "REASON_MIN_SHARE")),
    # accepted exceptions (DESIGN.md): every algorithm with findings (core/exceptions.py); no params:
    # no algorithm lists it among its rules (processing/exceptions.rules_of), so no tooltip would show it
    Rule("EXC_STALE", INFO, OURS),
]}
