"""Project siting against control units (DOMAIN 3.3, the "one-click" assessment).

Each site (point, line or polygon) is cut by the units it touches. A row per (site, unit) gives
the unit's class, the length or area of the site inside it, the share of the site, and the
access-list rules that apply. Sites entering the red line or a protected-area core zone, and
sites (or parts) outside every unit, are findings. Sites may come from several layers of any
geometry types at once (combine_sites): a project list as a planning bureau keeps it.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

import numpy as np
import shapely

from .findings import Findings, repair_reported
from .geom import USABLE, grid_for, is_missing, parts_of_type, plain, plain_owned, repair, unusable
from .layer import Layer, as_text
from .measure import Measurer, lonlat_identity
from .pairs import candidate_pairs
from .progress import NO_PROGRESS
from .unit_check import ACCESS_FIELDS
from .units_common import class_values, union_groups

if TYPE_CHECKING:
    from .arrays import Array, Floats, Geoms, Ints, Texts
    from .progress import Progress

    Table = dict[str, Array]  # name -> equal-length column

SITES = "SITES"
ACCESS = "ACCESS"


@dataclass
class SitingParams:
    site_id_field: str = ""                 # '' uses the feature id
    industry_field: str = ""                # optional industry code of the site
    unit_code_field: str = "HJZHGKDYBM"
    unit_name_field: str = "HJZHGKDYMC"
    unit_class_field: str = "ZHGKDYFL"
    access_code_field: str = "HJZHGKDYBM"   # access-list rows for one unit
    access_class_field: str = "ZHGKDYFL"    # rows for every unit of a class
    access_industry_field: str = ""         # rows for an industry (prefix of the site's code)
    access_fields: tuple[str, ...] = ACCESS_FIELDS
    area_tolerance: float = 0.01            # m²: smaller polygon pieces are noise
    length_tolerance: float = 0.01          # m: shorter line pieces are noise


@dataclass
class SitingResult:
    table: Table          # one row per (site, unit): see _rows
    findings: Findings


def combine_sites(layers: Sequence[Layer], id_field: str = "") -> tuple[Layer, Array]:
    """Several site Layers (any geometry types) as one, and each feature's layer name.

    A field that some layers lack is NULL for their features; a layer without `id_field` gives its
    sites their feature ids as ids, as a run without an id field does."""
    attrs = {}
    names = sorted({k for layer in layers for k in layer.attrs} | ({id_field} if id_field else set()))
    for name in names:
        attrs[name] = np.concatenate([
            layer.attrs[name] if name in layer.attrs
            else layer.fids.astype(str).astype(object) if name == id_field
            else np.full(len(layer), None, dtype=object) for layer in layers])
    combined = Layer(SITES, np.concatenate([layer.geoms for layer in layers]),
                     np.concatenate([layer.fids for layer in layers]), attrs,
                     np.concatenate([layer.problems for layer in layers]))
    return combined, np.concatenate([np.full(len(layer), layer.name, dtype=object) for layer in layers])


def check_siting(sites: Layer, units: Layer, access: Layer | None = None, redline: Layer | None = None,
                 core_zones: Layer | None = None, params: SitingParams | None = None,
                 measure: Measurer | None = None, progress: Progress = NO_PROGRESS,
                 site_layers: Array | Sequence[str] | None = None,
                 unit_codes: Texts | Sequence[str] | None = None, threads: int = 1) -> SitingResult:
    """Sites × units, with access rules, red-line and core-zone findings (Layers in one CRS).

    `site_layers` names each site's layer in the findings (default: SITES), for sites from several
    layers (combine_sites); the table's `_site` column is the site's position in `sites` (the fids
    of several layers repeat).

    `access` is a Layer of rows (geometry ignored) keyed by unit code and/or class: a row with a
    code applies to that unit, a row with only a class to every unit of the class, a row with
    neither to every unit. An industry column, if mapped, narrows a row to sites whose industry
    code starts with it. `unit_codes`: the code of every unit of the layer, when `units` holds only
    those near the sites (a list row naming none of them is reported); default: those of `units`.
    `threads`: the units, the red line and the core zones are cut on up to this many threads at
    once; the result is the same for any number.
    """
    params = params or SitingParams()
    measure = measure or Measurer(lonlat_identity)
    out = Findings()
    progress.steps = 5
    named = (np.full(len(sites), SITES, dtype=object) if site_layers is None
             else np.asarray(site_layers, dtype=object))

    progress.step("inputs")
    site_g, dim = _sites(sites, named, out)
    if unit_codes is None:  # every unit code, for the access list's unknown codes
        unit_codes = as_text(units.column(params.unit_code_field), len(units))
    whole = _measure(site_g, dim, measure)

    progress.step("units")
    grounds = [units] + [layer for layer in (redline, core_zones) if layer is not None]
    (units, unit_g, found, (s, u, pieces, size)), *others = _cut_each(grounds, site_g, dim, params, measure,
                                                                     threads)
    out.extend(found)
    share = _share(s, size, dim, whole)
    table = _rows(sites, units, s, u, pieces, size, share, dim, params)

    progress.step("access list")
    if access is not None:
        _attach_access(table, unit_codes, access, params, out)
    progress.step("outside units")
    _outside(sites, named, site_g, dim, whole, s, size, unit_g, u, params, measure, out)

    progress.step("red line and core zones")
    rules = [rule for rule, layer in (("SITE_REDLINE", redline), ("SITE_CORE_ZONE", core_zones)) if layer is not None]
    for rule, (layer, _, found, (i, z, bits, bit_size)) in zip(rules, others):
        out.extend(found)
        out.add(rule, named[i], sites.fids[i], bits, other_layer=layer.name,
                other_fid=layer.fids[z], value=bit_size, category=dim[i].astype(str),
                **_size_columns(dim[i], bit_size))
    return SitingResult(table, out)


def _cut_each(layers: list[Layer], site_g: Geoms, dim: Ints, params: SitingParams, measure: Measurer,
              threads: int) -> list[tuple[Layer, Geoms, Findings, tuple[Ints, Ints, Geoms, Floats]]]:
    """Per layer, in order: its features near a site, their repaired geometries, the findings of the
    invalid ones, and cut(): on up to `threads` threads, one layer each (they share only the sites,
    which they read)."""
    def one(layer: Layer) -> tuple[Layer, Geoms, Findings, tuple[Ints, Ints, Geoms, Floats]]:
        found = Findings()
        layer = _near(layer, site_g)
        # each layer's geometries stay on its thread: they need not be copied (units_common.repaired)
        zones = plain_owned(repair_reported(layer, found, "SITE_INPUT_INVALID"))
        return layer, zones, found, cut(site_g, dim, zones, params, measure)

    if threads <= 1 or len(layers) == 1:
        return [one(layer) for layer in layers]
    shapely.bounds(site_g)  # GEOS caches an envelope on first use: before the threads share the sites
    with ThreadPoolExecutor(max_workers=min(threads, len(layers))) as pool:
        return list(pool.map(one, layers))


# --- geometry ------------------------------------------------------------------------------

def _sites(sites: Layer, named: Array, out: Findings) -> tuple[Geoms, Ints]:
    """Repaired site geometries and their dimension (0 point, 1 line, 2 polygon, -1 missing)."""
    geoms = np.asarray(sites.geoms, dtype=object)
    dropped = sites.dropped()
    out.add("SITE_INPUT_INVALID", named[dropped], sites.fids[dropped], detail=sites.problems[dropped])
    missing = is_missing(geoms)
    null = missing & ~dropped
    out.add("SITE_GEOM_NULL", named[null], sites.fids[null])
    # no make_valid on a NaN, infinite or absurd coordinate: it raises or runs away
    unfit = ~missing & (unusable(geoms) != USABLE)
    fixed = geoms.copy()
    fixed[missing | unfit] = None
    bad = np.flatnonzero(unfit | (~missing & ~shapely.is_valid(fixed)))
    if len(bad):  # make_valid keeps the geometry's dimension for lines and points
        reasons = shapely.is_valid_reason(geoms[bad])
        reasons[unfit[bad] & (reasons == "Valid Geometry")] = "Coordinate out of range"
        out.add("SITE_INPUT_INVALID", named[bad], sites.fids[bad], fixed[bad], detail=reasons)
        areal = shapely.get_dimensions(fixed[bad]) == 2
        fixed[bad[areal]] = repair(fixed[bad[areal]])[0]
        fixed[bad[~areal]] = shapely.make_valid(fixed[bad[~areal]])
    fixed = plain(fixed)
    dim = np.full(len(geoms), -1, dtype=np.int64)
    present = ~shapely.is_missing(fixed)
    dim[present] = shapely.get_dimensions(fixed[present])
    return fixed, dim


def _near(layer: Layer, site_g: Geoms) -> Layer:
    """The features of `layer` whose envelope meets a site's: a province's units and red line need
    not be validated and repaired to assess a few projects (nor their far-off defects reported)."""
    near = np.unique(shapely.STRtree(layer.geoms).query(site_g)[1])
    return Layer(layer.name, layer.geoms[near], layer.fids[near],
                 {k: v[near] for k, v in layer.attrs.items()})


def _measure(geoms: Geoms, dim: Ints, measure: Measurer) -> Floats:
    """Area of polygons, length of lines, 1 for points (a point's 'size' is its presence)."""
    out = np.zeros(len(geoms))
    out[dim == 2] = measure.area(geoms[dim == 2])
    out[dim == 1] = measure.length(geoms[dim == 1])
    out[dim == 0] = 1.0
    return out


_TYPES = {0: (shapely.GeometryType.POINT, shapely.multipoints),
          1: (shapely.GeometryType.LINESTRING, shapely.multilinestrings),
          2: (shapely.GeometryType.POLYGON, shapely.multipolygons)}


def _keep_dimension(pieces: Geoms, dim: Ints) -> Geoms:
    """The part of each piece with its site's dimension, as a Multi* geometry (None if none).

    A polygon site touching a unit along an edge gives a line: that is no overlap.
    """
    out = np.full(len(pieces), None, dtype=object)
    for d, (type_id, collect) in _TYPES.items():
        sel = np.flatnonzero(dim == d)
        out[sel] = parts_of_type(pieces[sel], type_id, collect)
    return out


def cut(site_g: Geoms, dim: Ints, zones: Geoms, params: SitingParams,
        measure: Measurer) -> tuple[Ints, Ints, Geoms, Floats]:
    """(site index, zone index, piece, size) for each site × zone overlap above tolerance."""
    present = np.flatnonzero(dim >= 0)
    i, z = candidate_pairs(site_g[present], zones)
    order = np.lexsort((z, i))  # rows by site, then zone
    i, z = present[i[order]], z[order]
    if len(i) == 0:
        return i, z, np.empty(0, dtype=object), np.zeros(0)
    shapely.prepare(zones)  # a cache only; most sites lie wholly inside one zone: no overlay
    inside = shapely.contains_properly(zones[z], site_g[i])
    pieces = np.empty(len(i), dtype=object)
    pieces[inside] = site_g[i[inside]]
    cut_ = ~inside
    pieces[cut_] = shapely.intersection(site_g[i[cut_]], zones[z[cut_]])
    pieces = _keep_dimension(pieces, dim[i])
    size = _measure(pieces, dim[i], measure)
    size[shapely.is_missing(pieces)] = 0.0
    keep = np.where(dim[i] == 2, size > params.area_tolerance,
                    np.where(dim[i] == 1, size > params.length_tolerance, size > 0))
    return i[keep], z[keep], pieces[keep], size[keep]


def _share(s: Ints, size: Floats, dim: Ints, whole: Floats) -> Floats:
    """Share of the site in each unit (%): of its area or length; a point on a shared edge
    counts once in each unit it touches, so it is split evenly between them."""
    share = np.zeros(len(s))
    if len(s) == 0:
        return share
    per_site = np.bincount(s, minlength=len(whole))
    points = dim[s] == 0
    share[points] = 100.0 / per_site[s[points]]
    rest = ~points & (whole[s] > 0)
    share[rest] = 100.0 * size[rest] / whole[s[rest]]
    return share


def _size_columns(dim: Ints, size: Floats) -> dict[str, Floats]:
    return {"area_m2": np.where(dim == 2, size, np.nan), "length_m": np.where(dim == 1, size, np.nan)}


# --- table ---------------------------------------------------------------------------------

def _rows(sites: Layer, units: Layer, s: Ints, u: Ints, pieces: Geoms, size: Floats, share: Floats,
          dim: Ints, params: SitingParams) -> Table:
    ns, nu = len(sites), len(units)
    site_id = (as_text(sites.column(params.site_id_field), ns) if params.site_id_field
               else sites.fids.astype(str).astype(object))
    industry = as_text(sites.column(params.industry_field) if params.industry_field else None, ns)
    table = {"_site": s, "site_fid": sites.fids[s], "site_id": site_id[s], "industry": industry[s],
             "unit_fid": units.fids[u],
             "unit_code": as_text(units.column(params.unit_code_field), nu)[u],
             "unit_name": as_text(units.column(params.unit_name_field), nu)[u],
             "unit_class": class_values(units.column(params.unit_class_field), nu)[u],
             "dimension": dim[s], "share_pct": share, "geometry": pieces}
    table.update(_size_columns(dim[s], size))
    return table


def _outside(sites: Layer, named: Array, site_g: Geoms, dim: Ints, whole: Floats, s: Ints, size: Floats,
             unit_g: Geoms, u: Ints, params: SitingParams, measure: Measurer, out: Findings) -> None:
    """Sites, or parts of them, that no unit covers: one finding per site."""
    inside = np.bincount(s, weights=size, minlength=len(sites))
    tol = np.where(dim == 2, params.area_tolerance, params.length_tolerance)
    short = np.flatnonzero((dim >= 0) & ((whole - inside > tol) | ((dim == 0) & (inside == 0))))
    if len(short) == 0:
        return
    pos = np.full(len(sites), -1)
    pos[short] = np.arange(len(short))
    take = pos[s] >= 0
    cover = union_groups(unit_g[u[take]], pos[s[take]], len(short), grid_for(measure, None))
    rest = site_g[short].copy()
    has = ~shapely.is_missing(cover)
    rest[has] = shapely.difference(rest[has], cover[has])
    rest = _keep_dimension(rest, dim[short])
    rest_size = _measure(rest, dim[short], measure)
    rest_size[shapely.is_missing(rest)] = 0.0
    keep = np.where(dim[short] == 0, rest_size > 0, rest_size > tol[short])
    which = short[keep]
    out.add("SITE_OUTSIDE_UNITS", named[which], sites.fids[which], rest[keep], value=rest_size[keep],
            threshold=tol[which], category=dim[which].astype(str),
            **_size_columns(dim[which], rest_size[keep]))


# --- access list ---------------------------------------------------------------------------

def _attach_access(table: Table, unit_codes: Texts | Sequence[str], access: Layer, params: SitingParams,
                   out: Findings) -> None:
    """Per (site, unit) row of the table: the access rows that apply and, per dimension, their
    joined texts; rows naming a code that no unit has are reported."""
    n = len(access)
    code = as_text(access.column(params.access_code_field), n)
    klass = class_values(access.column(params.access_class_field), n)
    industry = as_text(access.column(params.access_industry_field)
                     if params.access_industry_field else None, n)
    unknown = np.flatnonzero((code != "") & ~np.isin(code.astype(str), np.asarray(unit_codes, dtype=str)))
    out.add("SITE_ACCESS_UNKNOWN", ACCESS, access.fids[unknown], detail=code[unknown])

    by_code: dict[str, list[int]] = {}
    by_class: dict[int, list[int]] = {}
    general: list[int] = []
    for k in range(n):  # index the list once: the list is small next to the geometry work
        if code[k]:
            by_code.setdefault(code[k], []).append(k)
        elif klass[k]:
            by_class.setdefault(int(klass[k]), []).append(k)
        else:
            general.append(k)
    texts_of = {f: as_text(access.column(f), n) for f in params.access_fields}
    rows = np.empty(len(table["unit_code"]), dtype=object)
    joined = {f: np.empty(len(rows), dtype=object) for f in params.access_fields}
    combos: dict[tuple[str, int, str], tuple[str, dict[str, str]]] = {}
    for r, (ucode, ucls, ind) in enumerate(zip(table["unit_code"], table["unit_class"],
                                               table["industry"])):
        key = (ucode, int(ucls), ind)
        if key not in combos:  # the same unit and industry share one answer
            ks = [k for k in general + by_class.get(int(ucls), []) + by_code.get(ucode, [])
                  if not industry[k] or ind.startswith(industry[k])]
            combos[key] = (";".join(str(int(access.fids[k])) for k in ks),
                           {f: "\n".join(t for t in (texts_of[f][k] for k in ks) if t)
                            for f in params.access_fields})
        rows[r], per_field = combos[key]
        for f in params.access_fields:
            joined[f][r] = per_field[f]
    table["access_rows"] = rows
    for f in params.access_fields:
        table[f] = joined[f]
