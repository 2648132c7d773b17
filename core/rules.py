"""The rule catalogue: stable ids, default severity, the check item and the source behind each rule.

Titles and messages are translated in processing/messages.py; core stays free of tr().
"""
from collections import namedtuple

Rule = namedtuple("Rule", "id severity item source tag")

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)

_RL_GUIDE = "生态保护红线划定指南 (环办生态〔2017〕48号)"
_RL_2019 = "关于在国土空间规划中统筹划定落实三条控制线的指导意见 (2019)"
_RL_142 = "关于加强生态保护红线管理的通知（试行） (自然资发〔2022〕142号)"

RULES = {r.id: r for r in [
    Rule("RL_GEOM_NULL", ERROR, "2.2-1", _RL_GUIDE, "prac"),
    Rule("RL_GEOM_INVALID", ERROR, "2.2-1", _RL_GUIDE, "prac"),
    Rule("RL_DUPLICATE", ERROR, "2.2-1", _RL_GUIDE, "prac"),
    Rule("RL_SELF_OVERLAP", ERROR, "2.2-1", _RL_GUIDE, "prac"),
    Rule("RL_FRAGMENT", WARNING, "2.2-2", _RL_GUIDE, "prac"),
    Rule("RL_HOLE", WARNING, "2.2-2", _RL_GUIDE, "prac"),
    Rule("RL_SLIVER", WARNING, "2.2-2", _RL_GUIDE, "ours"),
    Rule("RL_OVERLAP_PBF", ERROR, "2.2-3", _RL_2019, "std"),
    Rule("RL_OVERLAP_UDB", ERROR, "2.2-3", _RL_2019, "std"),
    Rule("RL_OVERLAP_PBF_UDB", ERROR, "2.2-3", _RL_2019, "std"),
    Rule("RL_PA_OUTSIDE", ERROR, "2.2-4", _RL_142, "std"),
    Rule("RL_CONFLICT", WARNING, "2.2-5", _RL_142, "std"),
    Rule("RL_COUNTY_CODE", ERROR, "2.2-6", _RL_GUIDE, "prac"),
    Rule("RL_CROSS_COUNTY", WARNING, "2.2-6", _RL_GUIDE, "prac"),
    Rule("RL_FIELD_MISSING", ERROR, "2.2-7", _RL_GUIDE, "prac"),
    Rule("RL_ATTR_EMPTY", ERROR, "2.2-7", _RL_GUIDE, "prac"),
    Rule("RL_CODE_DUPLICATE", ERROR, "2.2-7", _RL_GUIDE, "prac"),
    Rule("RL_AREA_MISMATCH", WARNING, "2.2-7", _RL_GUIDE, "prac"),
    Rule("RL_INPUT_INVALID", WARNING, "2.2-1", _RL_GUIDE, "ours"),
    Rule("RL_CRS_WGS84", INFO, "1", "DOMAIN 1", "prac"),
    Rule("RL_CRS_ZONE", WARNING, "1", "DOMAIN 1", "ours"),
]}


def severity(rule_id):
    return RULES[rule_id].severity
