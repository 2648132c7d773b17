"""The rule catalogue: stable ids, default severity, the check item and the source behind each rule.

`source` is the key of the document the rule comes from; processing/citations.py turns it into the
document's name and year in the user's language. Rules of our own making ([ours]: no standard sets
them) cite OURS, "this plugin's default". Titles and messages are translated in processing/messages.py;
core stays free of tr().
"""
from collections import namedtuple

Rule = namedtuple("Rule", "id severity item source tag")

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
    Rule("RL_GEOM_NULL", ERROR, "2.2-1", _RL_GUIDE, "prac"),
    Rule("RL_GEOM_INVALID", ERROR, "2.2-1", _RL_GUIDE, "prac"),
    Rule("RL_DUPLICATE", ERROR, "2.2-1", _RL_GUIDE, "prac"),
    Rule("RL_SELF_OVERLAP", ERROR, "2.2-1", _RL_GUIDE, "prac"),
    Rule("RL_FRAGMENT", WARNING, "2.2-2", _RL_GUIDE, "prac"),
    Rule("RL_HOLE", WARNING, "2.2-2", _RL_GUIDE, "prac"),
    Rule("RL_SLIVER", WARNING, "2.2-2", OURS, "ours"),
    Rule("RL_OVERLAP_PBF", ERROR, "2.2-3", _RL_2019, "std"),
    Rule("RL_OVERLAP_UDB", ERROR, "2.2-3", _RL_2019, "std"),
    Rule("RL_OVERLAP_PBF_UDB", ERROR, "2.2-3", _RL_2019, "std"),
    Rule("RL_PA_OUTSIDE", ERROR, "2.2-4", _RL_142, "std"),
    Rule("RL_CONFLICT", WARNING, "2.2-5", _RL_142, "std"),
    Rule("RL_COUNTY_CODE", ERROR, "2.2-6", _RL_GUIDE, "prac"),
    Rule("RL_CROSS_COUNTY", WARNING, "2.2-6", _RL_GUIDE, "prac"),
    Rule("RL_COUNTY_BOUNDARY_MISMATCH", INFO, "2.2-6", OURS, "ours"),
    Rule("RL_FIELD_MISSING", ERROR, "2.2-7", _RL_GUIDE, "prac"),
    Rule("RL_ATTR_EMPTY", ERROR, "2.2-7", _RL_GUIDE, "prac"),
    Rule("RL_CODE_DUPLICATE", ERROR, "2.2-7", _RL_GUIDE, "prac"),
    Rule("RL_AREA_MISMATCH", WARNING, "2.2-7", _RL_GUIDE, "prac"),
    Rule("RL_INPUT_INVALID", WARNING, "2.2-1", OURS, "ours"),
    Rule("RL_CRS_WGS84", INFO, "1", _CGCS2000, "prac"),
    Rule("RL_CRS_ZONE", WARNING, "1", OURS, "ours"),
    # environmental control units
    Rule("UNIT_INPUT_INVALID", WARNING, "3.2", OURS, "ours"),
    Rule("UNIT_ADMIN_CODE", ERROR, "3.3", _ADMIN_CODE, "std"),
    Rule("UNIT_ADMIN_OVERLAP", WARNING, "3.2", OURS, "ours"),
    Rule("UNIT_FRAGMENT_KEPT", INFO, "3.2", _UNIT_GUIDE, "prac"),
    Rule("UNIT_CODE_OVERFLOW", ERROR, "3.3", _UNIT_GUIDE, "std"),
    Rule("UNIT_FIT_PRIORITY_LOST", WARNING, "3.1", _UNIT_GUIDE, "prac"),
    Rule("UNIT_CODE_CHANGED", INFO, "3.3", _UNIT_GUIDE, "std"),
    Rule("UNIT_GEOM_NULL", ERROR, "3.2", OURS, "ours"),
    Rule("UNIT_GEOM_INVALID", ERROR, "3.2", OURS, "ours"),
    Rule("UNIT_FIELD_MISSING", ERROR, "3.3", _UNIT_GUIDE, "std"),
    Rule("UNIT_ATTR_EMPTY", WARNING, "3.3", _UNIT_GUIDE, "prac"),
    Rule("UNIT_CLASS_INVALID", ERROR, "3.1", _UNIT_GUIDE, "std"),
    Rule("UNIT_CODE_FORMAT", ERROR, "3.3", _UNIT_GUIDE, "std"),
    Rule("UNIT_CODE_CLASS", ERROR, "3.3", _UNIT_GUIDE, "std"),
    Rule("UNIT_CODE_COUNTY", ERROR, "3.3", _UNIT_GUIDE, "std"),
    Rule("UNIT_CODE_DUPLICATE", ERROR, "3.3", _UNIT_GUIDE, "std"),
    Rule("UNIT_OVERLAP", WARNING, "3.2", OURS, "ours"),
    Rule("UNIT_GAP", WARNING, "3.2", OURS, "ours"),
    Rule("UNIT_OUTSIDE", WARNING, "3.2", OURS, "ours"),
    Rule("UNIT_CROSS_COUNTY", WARNING, "3.2", OURS, "ours"),
    Rule("UNIT_COUNTY_BOUNDARY_MISMATCH", INFO, "3.2", OURS, "ours"),
    Rule("UNIT_REDLINE_LOWER", ERROR, "3.1", _UNIT_GUIDE, "prac"),
    Rule("UNIT_CLASS_FACTOR", WARNING, "3.2", _UNIT_GUIDE, "prac"),
    Rule("UNIT_ACCESS_EMPTY", WARNING, "3.3", _UNIT_GUIDE, "prac"),
    # project siting against units
    Rule("SITE_GEOM_NULL", WARNING, "3.3", OURS, "ours"),
    Rule("SITE_INPUT_INVALID", WARNING, "3.3", OURS, "ours"),
    Rule("SITE_REDLINE", ERROR, "3.3", _RL_142, "std"),
    Rule("SITE_CORE_ZONE", ERROR, "4-9", _PA_2019, "prac"),
    Rule("SITE_OUTSIDE_UNITS", WARNING, "3.3", OURS, "ours"),
    Rule("SITE_ACCESS_UNKNOWN", WARNING, "3.3", OURS, "ours"),
    # protected areas: reserve_check
    Rule("RES_GEOM_NULL", ERROR, "4-2", _PA_1994, "prac"),
    Rule("RES_GEOM_INVALID", ERROR, "4-2", _PA_1994, "prac"),
    Rule("RES_ID_EMPTY", ERROR, "4-3", OURS, "ours"),
    Rule("RES_ID_DUPLICATE", ERROR, "4-3", OURS, "ours"),
    Rule("RES_ZONE_NO_RESERVE", ERROR, "4-3", OURS, "ours"),
    Rule("RES_ZONE_UNKNOWN", ERROR, "4-1", OURS, "ours"),
    Rule("RES_NO_ZONES", ERROR, "4-2", _PA_1994, "prac"),
    Rule("RES_SYSTEM_MIXED", ERROR, "4-1", _PA_2019, "prac"),
    Rule("RES_ZONE_GAP", ERROR, "4-2", _PA_1994, "prac"),
    Rule("RES_ZONE_OVERLAP", ERROR, "4-3", _PA_1994, "prac"),
    Rule("RES_ZONE_OUTSIDE", ERROR, "4-3", _PA_1994, "prac"),
    Rule("RES_CORE_EXPOSED", WARNING, "4-4", _PA_ZONING, "prac"),
    Rule("RES_EXPERIMENTAL_INSIDE", WARNING, "4-4", _PA_ZONING, "prac"),
    Rule("RES_CORE_AT_EDGE", WARNING, "4-4", _PA_ZONING, "prac"),
    Rule("RES_SHARE_CORE_PROTECTION", WARNING, "4-5", OURS, "ours"),
    Rule("RES_SHARE_CORE", WARNING, "4-5", OURS, "ours"),
    Rule("RES_SHARE_EXPERIMENTAL", WARNING, "4-5", OURS, "ours"),
    Rule("RES_AREA_MISMATCH", WARNING, "4-6", _CGCS2000, "prac"),
    # protected_area_overlaps
    Rule("PA_GEOM_NULL", ERROR, "4-7", _PA_2019, "prac"),
    Rule("PA_GEOM_INVALID", ERROR, "4-7", _PA_2019, "prac"),
    Rule("PA_VALUE_UNKNOWN", WARNING, "4-7", OURS, "ours"),
    Rule("PA_OVERLAP", ERROR, "4-7", _PA_2019, "std"),
    Rule("PA_OUTSIDE_REDLINE", ERROR, "4-8", _RL_142, "std"),
    # human_activity
    Rule("HA_INPUT_NULL", WARNING, "4-9", OURS, "ours"),
    Rule("HA_INPUT_INVALID", WARNING, "4-9", OURS, "ours"),
    Rule("HA_STRICT_ZONE", ERROR, "4-9", _PA_1994, "prac"),
    Rule("HA_CONTROL_ZONE", WARNING, "4-9", _RL_142, "prac"),
    Rule("HA_UNZONED", WARNING, "4-9", OURS, "ours"),
    Rule("HA_REDLINE", WARNING, "4-9", _RL_142, "prac"),
    # candidate red line from graded assessments: redline_candidate
    Rule("RC_INPUT_INVALID", WARNING, "2.1", OURS, "ours"),
    Rule("RC_PA_CONFLICT", ERROR, "2.1", _RL_2019, "std"),
    Rule("RC_DEDUCTED", INFO, "2.1", _RL_2019, "prac"),
    Rule("RC_CONFLICT", WARNING, "2.1", _RL_142, "prac"),
    Rule("RC_FRAGMENT_REMOVED", INFO, "2.1", _RL_GUIDE, "prac"),
    Rule("RC_HOLE_FILLED", INFO, "2.1", _RL_GUIDE, "prac"),
    Rule("RC_CANDIDATE_ADD", INFO, "2.1", _RL_GUIDE, "prac"),
    # two versions of a red line: redline_compare
    Rule("CMP_INPUT_INVALID", WARNING, "2.2-9", OURS, "ours"),
    Rule("CMP_GEOM_NULL", WARNING, "2.2-9", OURS, "ours"),
    Rule("CMP_CHANGE_UNKNOWN", WARNING, "2.2-9", OURS, "ours"),
    Rule("CMP_REMOVED_NO_REASON", WARNING, "2.2-9", _RL_142, "prac"),
    Rule("CMP_REMOVED_REASON", INFO, "2.2-9", _RL_142, "prac"),
    # accepted exceptions (DESIGN.md): every algorithm with findings (core/exceptions.py)
    Rule("EXC_STALE", INFO, "-", OURS, "ours"),
]}
