"""Comparing two versions of a red line (DOMAIN 2.2 item 9): added and removed pieces, per county.

Features whose geometry is byte-identical in both versions (raw WKB, then normalised WKB) are
skipped without any overlay, so a province with a few changed patches costs little more than
reading it. Only the changed features are overlaid against their neighbours in the other
version, with snap-rounded overlays (GEOS 3.11's floating union can silently drop area).
Versions are expected to be red lines of disjoint patches (see redline_check).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional, Sequence

import numpy as np
import shapely

from .findings import Findings, repair_reported
from .geom import explode_polygons, grid_for, grouped_union, plain, polygonal
from .measure import Measurer, lonlat_identity
from .pairs import INTERIORS_OVERLAP, candidate_pairs, clip_to_zones
from .progress import NO_PROGRESS

if TYPE_CHECKING:
    from .arrays import Array, Bools, Floats, Geoms, Ints, Texts
    from .layer import Layer
    from .progress import Progress

    Columns = dict[str, Array]  # name -> equal-length column

OLD, NEW = "OLD", "NEW"


@dataclass
class CompareParams:
    tolerance: float = 0.01            # m²: pieces at or below this are numerical noise (DOMAIN 1)
    reason_min_share: float = 0.0      # %: a removal is explained when reasons cover more than this
    grid_size: Optional[float] = None  # overlay precision; None: 1 µm (1e-11° if geographic)


@dataclass
class CompareResult:
    added: Columns    # geometry, fid (NEW), code, name, area_m2, area_ha
    removed: Columns  # the same (fid of OLD) + reasons, reason_share_pct
    counties: Columns  # per-county table, last row TOTAL
    findings: Findings
    identical: int    # features skipped because they are the same in both versions
    changed: tuple[int, int]  # (changed OLD features, changed NEW features)


def compare_versions(old: Layer, new: Layer, counties: Layer | None = None, code_field: str | None = None,
                     name_field: str | None = None, reasons: Sequence[Layer] = (),
                     params: CompareParams | None = None, measure: Measurer | None = None,
                     progress: Progress = NO_PROGRESS, id_field: str | None = None) -> CompareResult:
    """Compare two core.Layer red lines already in one CRS.

    A feature without geometry is reported (CMP_GEOM_NULL) and left out. Its counterpart in the
    other version (the same `id_field` value, or the same fid without one) is not counted as
    added or removed, since what it replaces is unknown: it is reported as CMP_CHANGE_UNKNOWN.
    """
    params = params or CompareParams()
    measure = measure or Measurer(lonlat_identity)
    grid = grid_for(measure, params.grid_size)
    out = Findings()
    progress.steps = 7 + len(reasons)
    progress.step("geometry validity")
    if id_field:
        out.name_features(OLD, old.fids, old.text(id_field))
        out.name_features(NEW, new.fids, new.text(id_field))
    og = repair_reported(old, out, "CMP_INPUT_INVALID", "CMP_GEOM_NULL", OLD)
    ng = repair_reported(new, out, "CMP_INPUT_INVALID", "CMP_GEOM_NULL", NEW)
    progress.step("identical features")
    same_o, match = identical(old.geoms, og, new.geoms, ng)
    same_n = match >= 0
    unknown_o = ~same_o & _counterpart_missing(old, og, new, ng, id_field)
    unknown_n = ~same_n & _counterpart_missing(new, ng, old, og, id_field)
    _report_unknown(out, OLD, old, og, unknown_o, NEW, new, ng, id_field)
    _report_unknown(out, NEW, new, ng, unknown_n, OLD, old, og, id_field)
    oi = np.flatnonzero(~same_o & ~shapely.is_missing(og) & ~unknown_o)
    nj = np.flatnonzero(~same_n & ~shapely.is_missing(ng) & ~unknown_n)
    progress.step("removed areas")
    rem_geom, rem_owner = _minus_other(og, oi, ng, grid)
    progress.step("added areas")
    add_geom, add_owner = _minus_other(ng, nj, og, grid)

    progress.step("counties")
    cg = None
    if counties is not None:
        cg = repair_reported(counties, out, "CMP_INPUT_INVALID")
    codes, names = _county_labels(counties, code_field, name_field)
    removed = _pieces(rem_geom, old.fids[rem_owner], cg, codes, names, measure, params, grid)
    added = _pieces(add_geom, new.fids[add_owner], cg, codes, names, measure, params, grid)

    reason_geoms: list[tuple[str, Geoms]] = []
    for lyr in reasons:
        progress.step("reasons: {}".format(lyr.name))
        reason_geoms.append((lyr.name, repair_reported(lyr, out, "CMP_INPUT_INVALID")))
    _explain(removed, reason_geoms, measure, params, grid, out)
    progress.step("county table")
    table = _county_table(og, ng, match, added, removed, cg, codes, names, measure)
    progress.step("done")
    return CompareResult(added, removed, table, out, int(same_o.sum()), (len(oi), len(nj)))


# --- identical features ------------------------------------------------------------------

def _keys(geoms: Geoms, index: Ints, normalise: bool) -> Array:
    g = geoms[index]
    return shapely.to_wkb(shapely.normalize(g) if normalise else g)


def identical(old_raw: Geoms, old_fixed: Geoms, new_raw: Geoms, new_fixed: Geoms) -> tuple[Bools, Ints]:
    """(mask of OLD features whose geometry occurs in NEW, for each NEW feature an OLD feature
    with the same geometry or -1).

    First the raw WKB as read (an untouched feature keeps its bytes), then the normalised WKB
    of the rest (same polygon, other start vertex or ring order). Equal keys are exactly equal
    geometries, so nothing is overlaid. Invalid features are compared on their repaired copy.
    """
    same_o = np.zeros(len(old_fixed), dtype=bool)
    match = np.full(len(new_fixed), -1, dtype=np.int64)
    todo_o = np.flatnonzero(~shapely.is_missing(old_fixed))
    todo_n = np.flatnonzero(~shapely.is_missing(new_fixed))
    for normalise, o_src, n_src in ((False, old_raw, new_raw), (True, old_fixed, new_fixed)):
        if len(todo_o) == 0 or len(todo_n) == 0:
            break
        ko, kn = _keys(o_src, todo_o, normalise), _keys(n_src, todo_n, normalise)
        hit_o = _in(ko, kn)
        found = _lookup(kn, ko, todo_o)
        hit_n = found >= 0
        same_o[todo_o[hit_o]] = True
        match[todo_n[hit_n]] = found[hit_n]
        todo_o, todo_n = todo_o[~hit_o], todo_n[~hit_n]
    return same_o, match


def _in(keys: Array, other: Array) -> Bools:
    """np.isin for byte strings by hashing (np.isin on object arrays compares pairwise: quadratic)."""
    pool = set(other.tolist())
    return np.fromiter((k in pool for k in keys.tolist()), dtype=bool, count=len(keys))


def _lookup(keys: Array, other: Array, other_index: Ints) -> Ints:
    """For each key, other_index of an equal key in `other`, else -1 (a dict: hashing, linear)."""
    where = dict(zip(other.tolist(), other_index.tolist()))
    return np.fromiter((where.get(k, -1) for k in keys.tolist()), dtype=np.int64, count=len(keys))


# --- features whose counterpart has no geometry -------------------------------------------

def _keys_of(layer: Layer, id_field: str | None) -> Texts:
    """The key matching a feature to its version in the other layer: the id field's text, or the fid."""
    text = layer.text(id_field) if id_field else None
    return text if text is not None else np.array([str(f) for f in layer.fids], dtype=object)


def _counterpart_missing(layer: Layer, fixed: Geoms, other: Layer, other_fixed: Geoms, id_field: str | None) -> Bools:
    """Mask of `layer`'s features (with a geometry) whose key belongs to a feature of `other` with no
    usable geometry (null, empty, or unreadable: repair() leaves those None)."""
    lost = shapely.is_missing(other_fixed)
    keys = set(_keys_of(other, id_field)[lost].tolist()) - {""}
    mine = _keys_of(layer, id_field)
    return ~shapely.is_missing(fixed) & np.fromiter((k in keys for k in mine.tolist()), dtype=bool,
                                                    count=len(mine))


def _report_unknown(out: Findings, name: str, layer: Layer, fixed: Geoms, mask: Bools, other_name: str, other: Layer,
                    other_fixed: Geoms, id_field: str | None) -> None:
    if not mask.any():
        return
    other_keys = _keys_of(other, id_field)
    lost = shapely.is_missing(other_fixed)
    by_key = dict(zip(other_keys[lost].tolist(), other.fids[lost].tolist()))
    keys = _keys_of(layer, id_field)[mask]
    out.add("CMP_CHANGE_UNKNOWN", name, layer.fids[mask], fixed[mask], other_layer=other_name,
            other_fid=[by_key[k] for k in keys.tolist()], detail=keys)


# --- overlay of the changed features -----------------------------------------------------

def _minus_other(geoms: Geoms, index: Ints, other: Geoms, grid: float) -> tuple[Geoms, Ints]:
    """(geoms[index] minus the other version's features overlapping them, index)."""
    if len(index) == 0:
        return np.empty(0, dtype=object), index
    present = np.flatnonzero(~shapely.is_missing(other))
    a = geoms[index]
    i, j = candidate_pairs(a, other[present])
    if len(i):
        real = shapely.relate_pattern(a[i], other[present][j], INTERIORS_OVERLAP)
        i, j = i[real], j[real]
    cover = grouped_union(other[present][j], i, len(a), grid_size=grid)
    has = ~shapely.is_missing(cover)
    diff = a.copy()
    if has.any():
        diff[has] = plain(polygonal(shapely.difference(a[has], plain(cover[has]), grid_size=grid)))
    return diff, index


def _county_labels(counties: Layer | None, code_field: str | None, name_field: str | None) -> tuple[Texts, Texts]:
    if counties is None:
        return np.empty(0, dtype=object), np.empty(0, dtype=object)
    codes = counties.text(code_field) if code_field else None
    if codes is None:
        codes = np.array([str(f) for f in counties.fids], dtype=object)
    names = counties.text(name_field) if name_field else None
    return codes, (names if names is not None else codes)


def _pieces(geoms: Geoms, fids: Ints, cgeoms: Geoms | None, codes: Texts, names: Texts, measure: Measurer,
            params: CompareParams, grid: float) -> Columns:
    """Polygon parts of the changes, split at county lines, above the tolerance, as columns."""
    parts, owner = explode_polygons(geoms)
    area = measure.area(parts)
    keep = area > params.tolerance
    parts, owner, area = parts[keep], owner[keep], area[keep]
    county = np.full(len(parts), -1)
    if cgeoms is not None and len(parts):
        parts, owner, area, county = _split_by_county(parts, owner, area, cgeoms, measure,
                                                      params, grid)
    code = np.where(county >= 0, codes[np.maximum(county, 0)] if len(codes) else "", "")
    name = np.where(county >= 0, names[np.maximum(county, 0)] if len(names) else "", "")
    return {"geometry": parts, "fid": np.asarray(fids)[owner].astype(np.int64), "county": county,
            "code": code.astype(object), "name": name.astype(object), "area_m2": area,
            "area_ha": area / 1e4}


def _split_by_county(parts: Geoms, owner: Ints, area: Floats, cgeoms: Geoms, measure: Measurer, params: CompareParams,
                     grid: float) -> tuple[Geoms, Ints, Floats, Ints]:
    i, z, pieces, piece_area = clip_to_zones(parts, cgeoms, measure, area, params.tolerance)
    # what lies outside every county stays one piece with no county
    inside = np.bincount(i, weights=piece_area, minlength=len(parts))
    rest = np.flatnonzero(area - inside > params.tolerance)
    if len(rest):
        ri, rz = candidate_pairs(parts[rest], cgeoms)
        cover = grouped_union(cgeoms[rz], ri, len(rest), grid_size=grid)
        left = parts[rest].copy()
        has = ~shapely.is_missing(cover)
        left[has] = plain(polygonal(shapely.difference(left[has], plain(cover[has]), grid_size=grid)))
        left_area = measure.area(left)
        ok = left_area > params.tolerance
        i = np.concatenate([i, rest[ok]])
        z = np.concatenate([z, np.full(ok.sum(), -1)])
        pieces = np.concatenate([pieces, left[ok]])
        piece_area = np.concatenate([piece_area, left_area[ok]])
    order = np.lexsort((z, i))
    return pieces[order], owner[i[order]], piece_area[order], z[order]


# --- reasons for removals ----------------------------------------------------------------

def _explain(removed: Columns, reason_geoms: Sequence[tuple[str, Geoms]], measure: Measurer, params: CompareParams,
             grid: float, out: Findings) -> None:
    """Fill removed['reasons'] and ['reason_share_pct']; a finding for every removed piece."""
    pieces, area = removed["geometry"], removed["area_m2"]
    n = len(pieces)
    text = np.full(n, "", dtype=object)
    hits: list[Geoms] = []
    owners: list[Ints] = []
    for name, geoms in reason_geoms:
        present = np.flatnonzero(~shapely.is_missing(geoms))
        i, j = candidate_pairs(pieces, geoms[present]) if n and len(present) else (
            np.empty(0, np.intp), np.empty(0, np.intp))
        if len(i):
            real = shapely.relate_pattern(pieces[i], geoms[present][j], INTERIORS_OVERLAP)
            i, j = i[real], j[real]
        inter = polygonal(shapely.intersection(pieces[i], geoms[present][j], grid_size=grid))
        big = measure.area(inter) > params.tolerance
        hits.append(inter[big])
        owners.append(i[big])
        named = np.zeros(n, dtype=bool)
        named[i[big]] = True
        text = np.where(named, np.where(text == "", name, text + "; " + name), text)
    covered = np.zeros(n)
    if hits and n:
        union = grouped_union(np.concatenate(hits), np.concatenate(owners), n, grid_size=grid)
        covered = measure.area(union)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(area > 0, np.minimum(100.0, 100.0 * covered / area), 0.0)
    explained = (covered > params.tolerance) & (share > params.reason_min_share)
    removed["reasons"] = text
    removed["reason_share_pct"] = share
    ok, bad = np.flatnonzero(explained), np.flatnonzero(~explained)
    out.add("CMP_REMOVED_NO_REASON", OLD, removed["fid"][bad], pieces[bad], area_m2=area[bad],
            value=share[bad], threshold=params.reason_min_share, detail=removed["code"][bad])
    out.add("CMP_REMOVED_REASON", OLD, removed["fid"][ok], pieces[ok], area_m2=area[ok],
            value=share[ok], threshold=params.reason_min_share, detail=text[ok])


# --- per-county table --------------------------------------------------------------------

def _county_table(og: Geoms, ng: Geoms, match: Ints, added: Columns, removed: Columns, cgeoms: Geoms | None,
                  codes: Texts, names: Texts, measure: Measurer) -> Columns:
    """Area before, after, added, removed, net change and shares per county, plus a TOTAL row.

    before/after are ledger sums of patch areas; net = added − removed is the change of the
    land covered. They agree (after − before = net) when each version's patches are disjoint;
    overlapping or duplicate patches (redline_check errors) inflate the ledger sums only.

    A NEW feature identical to an OLD one takes that one's measures: only changed NEW features
    are measured and clipped to the counties.
    """
    o_area = measure.area(og)
    same = match >= 0
    changed = np.flatnonzero(~same)
    n_changed_area = measure.area(ng[changed])
    copies = np.bincount(match[same], minlength=len(og)).astype(float)  # NEW copies of each OLD
    k = 0 if cgeoms is None else len(cgeoms)
    before: Array = np.zeros(k)  # (bincount with weights gives floats; numpy's stubs say ints)
    after: Array = np.zeros(k)
    county_area = np.zeros(k)
    if cgeoms is not None and k:
        oi, oz, _, oa = clip_to_zones(og, cgeoms, measure, o_area)
        ni, nz, _, na = clip_to_zones(ng[changed], cgeoms, measure, n_changed_area)
        before = np.bincount(oz, weights=oa, minlength=k)
        after = (np.bincount(oz, weights=oa * copies[oi], minlength=k)
                 + np.bincount(nz, weights=na, minlength=k))
        county_area = measure.area(cgeoms)
    add = _by_county(added, k)
    rem = _by_county(removed, k)
    codes = np.append(np.asarray(codes, dtype=object), "TOTAL")
    names = np.append(np.asarray(names, dtype=object), "")
    before = np.append(before, o_area.sum())
    after = np.append(after, (o_area * copies).sum() + n_changed_area.sum())
    add = np.append(add, added["area_m2"].sum())
    rem = np.append(rem, removed["area_m2"].sum())
    county_area = np.append(county_area, county_area.sum() if k else np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        pct = lambda v: np.where(county_area > 0, 100.0 * v / county_area, np.nan)  # noqa: E731
        return {"code": codes, "name": names, "before_m2": before, "after_m2": after,
                "added_m2": add, "removed_m2": rem, "net_m2": add - rem,
                "net_ha": (add - rem) / 1e4, "county_area_m2": county_area,
                "before_pct": pct(before), "after_pct": pct(after), "net_pct": pct(add - rem)}


def _by_county(pieces: Columns, k: int) -> Array:
    county = pieces["county"]
    inside = county >= 0
    return np.bincount(county[inside], weights=pieces["area_m2"][inside], minlength=k)[:k] if k else np.zeros(0)
