"""Guess which project layer plays which role, from layer names in Chinese, pinyin codes or English.

Pure functions (no QGIS): the dialogs pass plain layer names and get indices back.
Chinese keywords match as substrings; Latin keywords match whole words, so "XZ" (townships)
does not match "XZQ" (counties), and "key" does not match "keyboard".
"""
import re

# role -> keywords, most specific first. Longer keywords score higher than shorter ones.
ROLE_KEYWORDS = {
    "REDLINE": ("生态保护红线", "生态红线", "红线", "STBHHX", "redline", "red line", "eco redline"),
    "FARMLAND": ("永久基本农田", "基本农田", "YJJBNT", "JBNT", "farmland", "basic farmland"),
    "URBAN_BOUNDARY": ("城镇开发边界", "开发边界", "CZKFBJ", "urban boundary", "urban development boundary"),
    "PROTECTED_AREAS": ("自然保护地", "自然保护区", "保护地", "ZRBHD", "BHD", "protected areas",
                        "protected area", "reserves", "nature reserves"),
    "ZONES": ("功能分区", "功能区", "GNFQ", "pa zones", "functional zones", "zones", "zoning"),
    "UNITS": ("环境管控单元", "生态环境管控单元", "管控单元", "HJZHGKDY", "GKDY", "units", "control units"),
    "COUNTIES": ("县级行政区", "县界", "区县", "县", "XZQ", "counties", "county"),
    "TOWNSHIPS": ("乡镇行政区", "乡镇界", "乡镇", "XZ", "townships", "township", "towns"),
    "CONSTRUCTION": ("建设用地", "JSYD", "construction land", "construction"),
    "MINING": ("矿业权", "采矿权", "探矿权", "KYQ", "mining rights", "mining"),
    "SETTLEMENTS": ("居民点", "村庄", "JMD", "settlements", "villages"),
    "PRIORITY_ZONES": ("优先保护", "YXBH", "priority zones", "priority"),
    "KEY_ZONES": ("重点管控", "ZDGK", "key zones", "key"),
    "ACTIVITIES": ("人类活动", "RHD", "RHM", "human activity", "activity points", "activity polygons",
                   "activities", "activity"),
    # an earlier survey of the activities: only a name that says so ('上期人类活动图斑')
    "PREVIOUS_ACTIVITIES": ("上期人类活动", "前期人类活动", "往期人类活动", "previous activities",
                            "earlier activities", "previous human activity"),
    "SITES": ("项目选址", "选址", "XMD", "XMX", "XMM", "project sites", "sites", "project"),
    "ACCESS_LIST": ("准入清单", "ZRQD", "access list", "access"),
    # rasters of red-line delineation: ecosystem services, sensitivity factors, and their grades
    "SERVICES": ("水源涵养", "水土保持", "生物多样性", "防风固沙", "海岸防护", "生态系统服务", "服务", "重要性",
                 "water conservation", "soil conservation", "biodiversity", "windbreak", "sand fixation",
                 "coastal protection", "services", "service", "importance"),
    "FACTORS": ("降水侵蚀", "地形起伏", "植被覆盖", "土壤可蚀", "敏感性", "erosivity", "rainfall", "relief",
                "vegetation cover", "fvc", "erodibility", "sensitivity"),
    "IMPORTANCE_GRADE": ("重要性分级", "重要性评价", "重要性等级", "importance grade", "importance graded"),
    "SENSITIVITY_GRADE": ("敏感性分级", "敏感性评价", "敏感性等级", "sensitivity grade", "sensitivity graded"),
}

# names of earlier results: never offered as an input guess
RESULT_WORDS = ("findings", "statistics", "report", "检查结果", "问题图斑", "统计")

# Fields that only the plugin's outputs carry together (lower case): a layer holding every field of
# one set is an output, whatever it is called. Tested against every output of every algorithm
# (tests/ui/test_layer_guess_outputs.py). The unit layers the plugin codes keep the input's fields:
# they are told by their embedded style (ui/provenance.py).
OUTPUT_SCHEMAS = {
    "findings": ("rule", "severity", "feature_fid", "message"),
    "candidate": ("patch_id", "origin", "o_importance", "o_sensitivity"),
    "change": ("change", "feature_fid", "county_code", "area_ha"),
    "change_table": ("before_m2", "after_m2", "net_m2"),
    "statistics": ("code", "patches", "area_mu", "share_pct"),
    "unit_statistics": ("county", "class", "units", "share_pct"),
    "grade_table": ("class", "class_name", "area_m2", "cells"),
    "units_generated": ("admin_fid",),
    "units_classified": ("priority_pct", "key_pct", "controlled_pct", "basis"),
    "code_changes": ("feature_fid", "old_code", "new_code", "reason"),
    "reserve_summary": ("reserve_id", "reserve_fid", "verdict", "gap_m2"),
    "zone_pieces": ("reserve_id", "reserve_fid", "zone", "area_ha"),
    "pa_overlaps": ("area_fid", "other_fid", "keeper_fid"),
    "siting": ("site_fid", "unit_fid", "verdict"),
}


def output_schema(field_names):
    """The kind of plugin output whose fields a layer has ('findings', 'candidate'…), or None."""
    lower = {str(f).lower() for f in field_names}
    return next((kind for kind, fields in OUTPUT_SCHEMAS.items() if lower.issuperset(fields)), None)

_CJK = re.compile(r"[\u3400-\u9fff]")


def words(text):
    """Lower-case Latin/digit words of a name: 'STBHHX_2023' -> ['stbhhx', '2023']."""
    return [w for w in re.split(r"[^0-9a-z]+", text.lower()) if w]


def _contains_words(name_words, key_words):
    n = len(key_words)
    return any(name_words[k:k + n] == key_words for k in range(len(name_words) - n + 1))


def keyword_score(name, keyword):
    """How well one keyword matches a layer name: 0 = not at all; longer keyword = higher score."""
    if _CJK.search(keyword):
        return 2 * len(keyword) if keyword in name else 0  # a CJK character says as much as ~2 letters
    key_words = words(keyword)
    name_words = words(name)
    if not key_words or not _contains_words(name_words, key_words):
        return 0
    score = len(keyword)
    if name_words == key_words:  # the whole name is the keyword: 'redline', 'STBHHX'
        score += 5
    return score


def is_result_name(name):
    low = name.lower()
    return any(w in low for w in RESULT_WORDS)


def role_score(name, role):
    """Best keyword score of a layer name for a role; results of earlier runs score 0."""
    if is_result_name(name):
        return 0
    return max((keyword_score(name, k) for k in ROLE_KEYWORDS.get(role, ())), default=0)


def best_role(name):
    """The role a layer name fits best, or None."""
    scores = {role: role_score(name, role) for role in ROLE_KEYWORDS}
    role = max(scores, key=scores.get)
    return role if scores[role] > 0 else None


def guess_layer(role, names, taken=()):
    """Index of the name that fits `role` best (and fits no other role better), or None."""
    best, best_score = None, 0
    for index, name in enumerate(names):
        if index in taken:
            continue
        score = role_score(name, role)
        if score > best_score and best_role(name) == role:
            best, best_score = index, score
    return best


def version_year(name):
    """The year a layer name dates its version by ('redline_2025', '2020年红线' -> 2025, 2020), or None."""
    years = [int(y) for y in re.findall(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)", name)]
    return years[-1] if years else None


def order_versions(out, candidates, versions):
    """For each (older, newer) parameter pair both picked: the older year goes to the older parameter."""
    for old, new in versions:
        i, j = out.get(old), out.get(new)
        if not isinstance(i, int) or not isinstance(j, int):
            continue
        old_name, new_name = candidates[old][i], candidates[new][j]
        y_old, y_new = version_year(old_name), version_year(new_name)
        if y_old is not None and y_new is not None and y_old > y_new \
                and new_name in candidates[old] and old_name in candidates[new]:
            out[old], out[new] = candidates[old].index(new_name), candidates[new].index(old_name)
    return out


def assign(wanted, candidates, versions=()):
    """Pre-select layers for a dialog.

    wanted: {parameter: role, [role, fallback role…], or (role, role…)}; a tuple means a
    multiple-layer parameter that takes one layer per role, None means no guess. candidates:
    {parameter: [layer names it accepts]} (already filtered by geometry type, the plugin's own
    outputs left out). Returns {parameter: index, None, or list of indices}. A layer picked for one
    single-layer parameter is not picked again for another, nor for a multiple-layer parameter of
    that one role alone (more of the same: MORE_SITES beside SITES). versions: (older, newer) parameter pairs
    (compare's OLD, NEW): when both names carry a year, the older year is the older version.
    """
    out, taken = {}, set()
    singles = {p: ([r] if isinstance(r, str) else list(r)) for p, r in wanted.items()
               if isinstance(r, (str, list))}

    def confidence(param):
        names = candidates.get(param, ())
        return max((role_score(n, singles[param][0]) for n in names), default=0)

    # the most confident match first, so 'counties' goes to COUNTIES before a weaker role takes it
    for param in sorted(singles, key=lambda p: -confidence(p)):
        names = candidates.get(param, [])
        used = {i for i, n in enumerate(names) if n in taken}
        index = None
        for role in singles[param]:
            index = guess_layer(role, names, used)
            if index is not None:
                break
        out[param] = index
        if index is not None:
            taken.add(names[index])
    for param, roles in wanted.items():
        if isinstance(roles, tuple):
            names = candidates.get(param, [])
            # more layers of the one role of a single-layer parameter (MORE_SITES beside SITES): the others
            besides = {candidates[p][out[p]] for p, r in singles.items() if (r[0],) == roles and out[p] is not None}
            out[param] = [i for i, n in enumerate(names)
                          if not is_result_name(n) and best_role(n) in roles and n not in besides]
        elif roles is None:
            out[param] = None
    return order_versions(out, candidates, versions)


def pick_field(field_names, preferred):
    """The first preferred field present (case-insensitive), as spelled in the layer; else ''."""
    lower = {f.lower(): f for f in field_names}
    for name in preferred:
        if name and name.lower() in lower:
            return lower[name.lower()]
    return ""
