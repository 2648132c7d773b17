"""Value mappings for protected areas (zone names, levels, types, activity types) and the zone join.

DOMAIN 4: a reserve is zoned in the old three-zone system (核心区 / 缓冲区 / 实验区, 1994 Regulations)
or the 2019 two-zone system (核心保护区 / 一般控制区). Source data writes zone names in many ways,
so every raw value goes through a mapping that the user can extend.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterable

import numpy as np

from .layer import as_text

if TYPE_CHECKING:
    from .arrays import Array, Bools, Column, Extra, Ints, Texts
    from .layer import Layer

# zone kinds: indices into KIND_NAMES / KIND_KEYS; UNKNOWN for a value no mapping knows
CORE, BUFFER, EXPERIMENTAL, CORE_PROTECTION, GENERAL_CONTROL = range(5)
UNKNOWN = -1
KIND_NAMES = ("核心区", "缓冲区", "实验区", "核心保护区", "一般控制区")
KIND_KEYS = ("core", "buffer", "experimental", "core_protection", "general_control")
THREE_ZONE = (CORE, BUFFER, EXPERIMENTAL)
TWO_ZONE = (CORE_PROTECTION, GENERAL_CONTROL)
STRICT = (CORE, BUFFER, CORE_PROTECTION)          # human activity there is an error (DOMAIN 4-9)
CONTROL = (EXPERIMENTAL, GENERAL_CONTROL)

# zoning system of a reserve
SYSTEM_NONE, SYSTEM_THREE, SYSTEM_TWO, SYSTEM_MIXED = range(4)
SYSTEM_NAMES = ("none", "three_zone", "two_zone", "mixed")

_DEFAULT_ZONES = {
    CORE: ("核心区", "核心", "core", "core zone", "core area", "HXQ"),
    BUFFER: ("缓冲区", "缓冲", "buffer", "buffer zone", "buffer area", "HCQ"),
    EXPERIMENTAL: ("实验区", "试验区", "实验", "experimental", "experimental zone", "experiment zone",
                   "experimental area", "transition zone", "transition area", "SYQ"),
    CORE_PROTECTION: ("核心保护区", "核心保护", "core protection zone", "core protection area",
                      "core protected zone", "core protection", "HXBHQ"),
    GENERAL_CONTROL: ("一般控制区", "一般控制", "general control zone", "general control area",
                      "general control", "YBKZQ"),
}

# ranks for the overlap keeper (DOMAIN 4 hierarchy): higher wins; 0 = not recognised
_DEFAULT_LEVELS = {
    3: ("国家级", "国家", "national"),
    2: ("省级", "省", "省部级", "provincial", "province"),
    1: ("市级", "县级", "市县级", "市（县）级", "地市级", "州级", "地方级", "municipal", "county",
        "city", "local"),
}
NATIONAL_PARK, NATURE_RESERVE, NATURAL_PARK = 3, 2, 1
_DEFAULT_TYPES = {
    NATIONAL_PARK: ("国家公园", "national park"),
    NATURE_RESERVE: ("自然保护区", "nature reserve", "natural reserve"),
    # natural parks and the park kinds merged into them (2019 guideline)
    NATURAL_PARK: ("自然公园", "natural park", "nature park", "风景名胜区", "森林公园", "地质公园",
                   "湿地公园", "海洋公园", "沙漠公园", "草原公园", "scenic area", "forest park",
                   "geopark", "wetland park", "marine park", "desert park", "grassland park"),
}

# 自然资发〔2022〕142号 items of permitted limited activity a type of activity may fall under
# (keyword → items). [ours]: a hint for the reviewer, never a verdict.
_DEFAULT_ACTIVITY_ITEMS = (
    (("巡护", "监测", "科研", "patrol", "monitor", "research"), "1"),
    (("耕", "农", "种植", "放牧", "养殖", "捕捞", "farm", "crop", "graz", "aquacult", "fish"), "2"),
    (("考古", "化石", "archaeolog", "fossil"), "3"),
    (("采伐", "商品林", "logging", "plantation"), "4"),
    (("旅游", "景区", "科普", "tour", "recreation"), "5"),
    (("路", "桥", "铁", "管线", "输电", "电力", "通讯", "水利", "水库", "堤", "航道", "road", "rail",
      "pipeline", "power line", "telecom", "dam", "waterway"), "6"),
    (("矿", "采石", "勘查", "mining", "mine", "quarry", "exploration"), "7"),
    (("修复", "restoration"), "8"),
    (("边境", "界务", "border"), "9"),
    (("建设", "建筑", "房屋", "construction", "building"), "5,6"),
)


class InputError(Exception):
    """Input the checks cannot interpret. `id` is stable; `values` (and `other`, the other side of a
    join) fill the translated message."""

    def __init__(self, id: str, values: Iterable[Any] = (), other: Iterable[Any] = ()) -> None:
        super().__init__("{}: {}".format(id, ", ".join(str(v) for v in values)))
        self.id = id
        self.values = list(values)
        self.other = list(other)


@dataclass
class ZoneSchema:
    """Where the join and the zone names come from; shared by the reserve and activity checks."""
    reserve_id_field: str = "id"            # RESERVES: the reserve id
    zone_reserve_field: str = "reserve_id"  # ZONES: the id of the reserve a zone belongs to
    zone_field: str = "zone"                # ZONES: the zone name
    zone_values: Extra | None = None        # extra raw value → kind (index, key or Chinese name)
    unknown_zones: str = "raise"            # "raise" InputError, or "finding" per zone


def normalise(value: object) -> str:
    """Comparable form of a raw value: NFKC (full-width → half-width), lower case, no spaces/_/-."""
    text = unicodedata.normalize("NFKC", str(value)).lower()
    return re.sub(r"[\s_\-]+", "", text)


def zone_value_pairs(text: str | None) -> dict[str, str]:
    """'HX=core; 2=一般控制区' → {'HX': 'core', '2': 'general_control'} (ZONE_VALUES); ValueError
    naming the first item that is not a value=kind pair."""
    known = {normalise(k): k for k in KIND_KEYS}
    known.update({normalise(k.replace("_", "")): k for k in KIND_KEYS})
    known.update({normalise(n): KIND_KEYS[k] for k, n in enumerate(KIND_NAMES)})
    out = {}
    for pair in (text or "").replace("；", ";").replace("\n", ";").split(";"):
        if not pair.strip():
            continue
        raw, sep, kind = pair.replace("＝", "=").rpartition("=")
        if not sep or not raw.strip() or normalise(kind) not in known:
            raise ValueError(pair.strip())
        out[raw.strip()] = known[normalise(kind)]
    return out


def _kind_of(target: int | np.integer | str) -> int:
    if isinstance(target, (int, np.integer)):
        return int(target)
    key = normalise(target)
    for k in range(len(KIND_NAMES)):
        if key in (KIND_KEYS[k].replace("_", ""), normalise(KIND_NAMES[k])):
            return k
    raise ValueError("unknown zone kind {!r}".format(target))


def zone_mapping(extra: Extra | None = None) -> dict[str, int]:
    """{normalised raw value: kind}, the defaults overridden by `extra` {raw value: kind}."""
    out = {normalise(v): kind for kind, names in _DEFAULT_ZONES.items() for v in names}
    for raw, target in (extra or {}).items():
        out[normalise(raw)] = _kind_of(target)
    return out


def _lookup(text: Texts, lookup: Callable[[str], Any], default: Any) -> Array:
    """Map each text value through `lookup(normalised) → code`, once per distinct value."""
    distinct, inverse = np.unique(np.asarray(text, dtype=str), return_inverse=True)
    codes = np.array([lookup(normalise(v)) if v else default for v in distinct] or [default])
    return codes[inverse] if len(text) else np.empty(0, dtype=codes.dtype)


def zone_kinds(values: Column, extra: Extra | None = None) -> Ints:
    """Kind per raw zone value (UNKNOWN where no mapping knows it)."""
    mapping = zone_mapping(extra)
    return _lookup(as_text(values), lambda v: mapping.get(v, UNKNOWN), UNKNOWN).astype(int)


def _rank_lookup(defaults: dict[int, tuple[str, ...]], extra: Extra | None,
                 suffix: bool) -> Callable[[str], int]:
    table = {normalise(v): rank for rank, names in defaults.items() for v in names}
    table.update({normalise(k): int(v) for k, v in (extra or {}).items()})
    keys = sorted(table, key=len, reverse=True)

    def lookup(v: str) -> int:
        if v in table:
            return table[v]
        if suffix:  # '国家级自然保护区', '国家森林公园': the type is the tail
            return next((table[k] for k in keys if v.endswith(k)), 0)
        return 0
    return lookup


def level_ranks(values: Column, extra: Extra | None = None) -> Ints:
    """3 national, 2 provincial, 1 municipal/county, 0 not recognised."""
    return _lookup(as_text(values), _rank_lookup(_DEFAULT_LEVELS, extra, False), 0).astype(int)


def type_ranks(values: Column, extra: Extra | None = None) -> Ints:
    """3 national park, 2 nature reserve, 1 natural park (and its kinds), 0 not recognised."""
    return _lookup(as_text(values), _rank_lookup(_DEFAULT_TYPES, extra, True), 0).astype(int)


def activity_items(values: Column, extra: Extra | None = None) -> Array:
    """142号 item numbers ('7', '5,6') a raw activity type may fall under; '' when none is known."""
    exact = {normalise(k): str(v) for k, v in (extra or {}).items()}

    def lookup(v: str) -> str:
        if v in exact:
            return exact[v]
        items = sorted({i for words, its in _DEFAULT_ACTIVITY_ITEMS if any(w in v for w in words)
                        for i in its.split(",")}, key=int)
        return ",".join(items)
    return _lookup(as_text(values), lookup, "").astype(object)


@dataclass
class ZoneJoin:
    """Zones joined to their reserves."""
    reserve_ids: Texts          # text id per reserve
    first: Bools                # per reserve: True for the first reserve with its id
    zone_reserve: Ints          # per zone: index of its reserve, -1 when none matches
    zone_ids: Texts             # per zone: the reserve id text it gives
    kinds: Ints                 # per zone: kind, UNKNOWN when not recognised
    names: Texts                # per zone: the raw zone name text
    system: Ints                # per reserve: SYSTEM_*


def _field(layer: Layer, name: str) -> Column:
    values = layer.column(name)
    if values is None:
        raise InputError("FIELD_MISSING", [layer.name, name])
    return values


def join_zones(reserves: Layer, zones: Layer, schema: ZoneSchema) -> ZoneJoin:
    """Join zones to reserves by id, map zone names, detect each reserve's system.

    Raises InputError for a missing field, for unknown zone names (unless schema.unknown_zones is
    "finding"), and when no zone matches any reserve (a wrong id field is the likely cause).
    """
    rid = as_text(_field(reserves, schema.reserve_id_field)).astype(str)
    zid = as_text(_field(zones, schema.zone_reserve_field)).astype(str)
    names = as_text(_field(zones, schema.zone_field))
    kinds = zone_kinds(names, schema.zone_values)
    unknown = (kinds == UNKNOWN) & (names != "")
    if unknown.any() and schema.unknown_zones == "raise":
        raise InputError("ZONE_VALUES_UNKNOWN", sorted(set(names[unknown])))

    # the first reserve of each id takes its zones; later duplicates are reported by the caller
    order = np.argsort(rid, kind="stable")
    sorted_ids = rid[order]
    first = np.zeros(len(rid), dtype=bool)
    if len(rid):
        lead = np.ones(len(rid), dtype=bool)
        lead[1:] = sorted_ids[1:] != sorted_ids[:-1]
        first[order[lead]] = True
    pos = np.searchsorted(sorted_ids, zid) if len(rid) else np.zeros(len(zid), dtype=int)
    pos = np.minimum(pos, max(len(rid) - 1, 0))
    hit = (len(rid) > 0) & (zid != "")
    if len(rid):
        hit &= sorted_ids[pos] == zid
    zone_reserve = np.where(hit, order[pos] if len(rid) else -1, -1)
    if len(zid) and len(rid) and not hit.any():
        raise InputError("RESERVE_IDS_UNMATCHED", sorted(set(zid) - {""})[:20], sorted(set(rid) - {""})[:20])
    return ZoneJoin(rid, first, zone_reserve, zid, kinds, names,
                    zone_systems(zone_reserve, kinds, len(rid)))


def zone_systems(zone_reserve: Ints, kinds: Ints, n_reserves: int) -> Ints:
    """SYSTEM_* per reserve from the kinds of its zones (unknown names do not count)."""
    has = np.zeros((n_reserves, len(KIND_NAMES)), dtype=bool)
    ok = (zone_reserve >= 0) & (kinds >= 0)
    has[zone_reserve[ok], kinds[ok]] = True
    three = has[:, list(THREE_ZONE)].any(axis=1)
    two = has[:, list(TWO_ZONE)].any(axis=1)
    return three * SYSTEM_THREE + two * SYSTEM_TWO
