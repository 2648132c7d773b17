"""The candidate red line from graded assessments (DOMAIN 2.1), cleaned for delivery.

candidate = (extremely important ∪ extremely sensitive ∪ must-include) − deductions ∪ protected areas

- Protected areas win over deductions: every protected area must lie wholly inside the red
  line (RL_PA_OUTSIDE), so a deduct layer overlapping one is reported (RC_PA_CONFLICT) and
  not deducted there; the conflicting inputs have to be settled by the planners.
- Clean-up never merges across the existing red line's boundary: with an existing red line
  the candidate is split at it, and holes, fragments and patches are dealt with on each side
  separately. Small holes are filled (then the deductions are cut out again, so a filled hole
  never covers deducted land); fragments are removed unless they hold protected area.
- All overlays snap-round to a 1 µm grid: GEOS 3.11's floating union can silently drop area.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, List, Optional, Sequence, Tuple

import numpy as np
import shapely

from .findings import Findings, repair_reported
from .geom import explode_polygons, grid_for, is_missing, plain, polygonal
from .measure import Measurer, lonlat_identity
from .pairs import INTERIORS_OVERLAP, candidate_pairs, overlap_pieces
from .progress import NO_PROGRESS, Progress

if TYPE_CHECKING:
    from .arrays import Array, Floats, Geometry, Geoms, Ints
    from .layer import Layer

    Sources = List[Tuple[Layer, Geoms]]        # each input layer with its repaired geometries
    Columns = dict                             # {column name: array}, geometry first
    FilledHoles = List[Tuple[Geoms, Floats]]  # (hole polygons, areas) filled on each side

CANDIDATE = "CANDIDATE"
ORIGINS = ("importance", "sensitivity", "protected", "must_include")


@dataclass
class CandidateParams:
    min_patch_area: float = 200.0        # m², fragments below are removed (DOMAIN 2.1)
    min_hole_area: float = 200.0         # m², holes below are filled
    candidate_add_area: float = 1e6      # m², extreme patches above, outside the red line
    tolerance: float = 0.01              # m², overlaps at or below are noise (DOMAIN 1)
    grid_size: Optional[float] = None    # overlay precision; None: 1 µm (1e-11° if geographic)


@dataclass
class CandidateResult:
    patches: dict[str, Array]  # columns of the candidate patches (geometry first)
    to_add: Ints               # indices into patches: candidates to add to the existing red line
    findings: Findings


def delineate(importance: Layer | None = None, sensitivity: Layer | None = None, protected: Sequence[Layer] = (),
              must_include: Sequence[Layer] = (), deduct: Sequence[Layer] = (), report: Sequence[Layer] = (),
              existing: Layer | None = None, params: CandidateParams | None = None,
              measure: Measurer | None = None, progress: Progress = NO_PROGRESS) -> CandidateResult:
    """Build the candidate from core.Layer polygons (graded rasters already polygonised)."""
    params = params or CandidateParams()
    measure = measure or Measurer(lonlat_identity)
    grid = grid_for(measure, params.grid_size)
    out = Findings()
    progress.steps = 8
    progress.step("geometry validity")
    fixed = lambda lyrs: [(l, repair_reported(l, out, "RC_INPUT_INVALID")) for l in lyrs]  # noqa: E731,E741
    sources = {"importance": fixed([importance] if importance is not None else []),
               "sensitivity": fixed([sensitivity] if sensitivity is not None else []),
               "protected": fixed(protected), "must_include": fixed(must_include)}
    deduct_f, report_f = fixed(deduct), fixed(report)
    existing_g = fixed([existing])[0][1] if existing is not None else None

    progress.step("union of the sources")
    eco = _union([g for k in ("importance", "sensitivity", "must_include") for _, g in sources[k]], grid)
    pa = _union([g for _, g in sources["protected"]], grid)
    ded = _difference(_union([g for _, g in deduct_f], grid), pa, grid)
    progress.step("deductions")
    _pa_conflicts(sources["protected"], deduct_f, measure, params, out)
    deducted = _deductions(eco, pa, deduct_f, measure, params, grid, out)
    core = _union_two(_difference(eco, ded, grid), pa, grid)

    progress.step("clean-up inside and outside the existing red line")
    ex = _union([existing_g], grid) if existing_g is not None else None
    sides: list[tuple[Geometry | None, int | None]] = (
        [(core, None)] if ex is None else [(_intersection(core, ex, grid), 1), (_difference(core, ex, grid), 0)])
    parts: list[Geoms] = []
    side_of: list[Ints] = []
    filled: FilledHoles = []
    for geom, side in sides:
        cleaned = _clean_side(geom, side, ex, ded, pa, measure, params, grid, out, filled)
        parts.append(cleaned)
        side_of.append(np.full(len(cleaned), -1 if side is None else side))
    patches = np.concatenate(parts) if parts else np.empty(0, dtype=object)
    in_existing = np.concatenate(side_of) if side_of else np.empty(0, dtype=int)

    progress.step("patch attributes")
    columns = _attributes(patches, in_existing, sources, measure)
    _deducted_per_patch(columns, *deducted)
    progress.step("report-only conflicts")
    _report_conflicts(columns, report_f, measure, params, out)
    progress.step("candidates to add")
    to_add = _to_add(columns, params, out)
    _holes_filled(columns, filled, params, out)
    progress.step("done")
    return CandidateResult(columns, to_add, out)


# --- overlays on the grid ----------------------------------------------------------------

def _union(arrays: Iterable[Geoms | None], grid: float) -> Geometry | None:
    present = [g[~is_missing(g)] for g in arrays if g is not None]
    geoms = np.concatenate(present) if present else np.empty(0, dtype=object)
    if len(geoms) == 0:
        return None
    return plain(polygonal(np.array([shapely.union_all(geoms, grid_size=grid)], dtype=object)))[0]


def _empty(g: Geometry | None) -> bool:
    return g is None or shapely.is_empty(g)


def _difference(a: Geometry | None, b: Geometry | None, grid: float) -> Geometry | None:
    if _empty(a) or _empty(b):
        return a
    return plain(polygonal(np.array([shapely.difference(a, b, grid_size=grid)], dtype=object)))[0]


def _intersection(a: Geometry | None, b: Geometry | None, grid: float) -> Geometry | None:
    if _empty(a) or _empty(b):
        return None
    return plain(polygonal(np.array([shapely.intersection(a, b, grid_size=grid)], dtype=object)))[0]


def _union_two(a: Geometry | None, b: Geometry | None, grid: float) -> Geometry | None:
    if _empty(a):
        return b
    if _empty(b):
        return a
    return plain(polygonal(np.array([shapely.union(a, b, grid_size=grid)], dtype=object)))[0]


# --- protected areas and deductions ------------------------------------------------------

def _pa_conflicts(protected: Sources, deduct: Sources, measure: Measurer, params: CandidateParams,
                  out: Findings) -> None:
    for pl, pg in protected:
        for dl, dg in deduct:
            i, j, pieces, areas = overlap_pieces(pg, dg, measure, params.tolerance)
            out.add("RC_PA_CONFLICT", pl.name, pl.fids[i], pieces, other_layer=dl.name,
                    other_fid=dl.fids[j], area_m2=areas, value=areas, threshold=params.tolerance)


def _deductions(eco: Geometry | None, pa: Geometry | None, deduct: Sources, measure: Measurer,
                params: CandidateParams, grid: float, out: Findings) -> tuple[Geoms, Floats, Array]:
    """RC_DEDUCTED: the pieces of the extreme/must-include area each deduct feature takes.

    Returns (pieces, areas, deduct layer names) for the per-patch totals.
    """
    taken = _difference(eco, pa, grid)
    got: tuple[list[Array], ...] = ([np.empty(0, dtype=object)], [np.empty(0)], [np.empty(0, dtype=object)])
    if not _empty(taken):
        parts, _ = explode_polygons(np.array([taken], dtype=object))
        for dl, dg in deduct:
            i, j, pieces, areas = overlap_pieces(dg, parts, measure, params.tolerance)
            out.add("RC_DEDUCTED", CANDIDATE, np.full(len(i), np.nan), pieces, other_layer=dl.name,
                    other_fid=dl.fids[i], area_m2=areas, value=areas)
            for store, value in zip(got, (pieces, areas, np.full(len(i), dl.name, dtype=object))):
                store.append(value)
    pieces, areas, names = (np.concatenate(g) for g in got)
    return pieces, areas, names


# --- clean-up on one side of the existing red line ---------------------------------------

def _clean_side(geom: Geometry | None, side: int | None, ex: Geometry | None, ded: Geometry | None,
                pa: Geometry | None, measure: Measurer, params: CandidateParams, grid: float, out: Findings,
                filled: FilledHoles) -> Geoms:
    """Polygon parts of one side: small holes filled, deductions cut again, fragments removed.

    The filled holes are appended to `filled` as (hole polygons, areas).
    """
    if _empty(geom):
        return np.empty(0, dtype=object)
    parts, _ = explode_polygons(np.array([geom], dtype=object))
    parts = _fill_holes(parts, measure, params, filled)
    merged = _union([parts], grid)  # a filled hole may hold an island of the same side
    merged = _difference(merged, ded, grid)
    if side == 1:
        merged = _intersection(merged, ex, grid)
    elif side == 0:
        merged = _difference(merged, ex, grid)
    if _empty(merged):
        return np.empty(0, dtype=object)
    parts, _ = explode_polygons(np.array([merged], dtype=object))
    area = measure.area(parts)
    small = area < params.min_patch_area
    if not _empty(pa) and small.any():
        shapely.prepare(pa)
        small &= ~shapely.relate_pattern(parts, pa, INTERIORS_OVERLAP)  # protected area stays whole
    out.add("RC_FRAGMENT_REMOVED", CANDIDATE, np.full(small.sum(), np.nan), parts[small],
            area_m2=area[small], value=area[small], threshold=params.min_patch_area)
    return parts[~small]


def _fill_holes(parts: Geoms, measure: Measurer, params: CandidateParams, filled_holes: FilledHoles) -> Geoms:
    rings, owner = shapely.get_rings(parts, return_index=True)
    shell = np.ones(len(rings), dtype=bool)
    shell[1:] = owner[1:] != owner[:-1]
    hole_area = np.zeros(len(rings))
    hole_area[~shell] = measure.area(shapely.polygons(rings[~shell]))
    filled = ~shell & (hole_area < params.min_hole_area)
    if not filled.any():
        return parts
    filled_holes.append((shapely.polygons(rings[filled]), hole_area[filled]))
    keep = ~filled
    return shapely.polygons(rings[keep], indices=owner[keep])


# --- attributes --------------------------------------------------------------------------

def _attributes(patches: Geoms, in_existing: Ints, sources: dict[str, Sources], measure: Measurer) -> Columns:
    n = len(patches)
    area = measure.area(patches)
    cols = {"geometry": patches, "patch_id": np.arange(1, n + 1, dtype=np.int64),
            "in_existing": in_existing, "area_m2": area, "area_ha": area / 1e4}
    text = np.full(n, "", dtype=object)
    for origin in ORIGINS:
        flag = np.zeros(n, dtype=np.int64)
        for _, geoms in sources[origin]:
            present = geoms[~is_missing(geoms)]
            if n and len(present):
                i, j = candidate_pairs(patches, present)
                real = shapely.relate_pattern(patches[i], present[j], INTERIORS_OVERLAP)
                flag[i[real]] = 1
        cols["o_" + origin] = flag
        text = np.where(flag == 1, np.where(text == "", origin, text + ";" + origin), text)
    cols["origin"] = text
    cols["deducted_m2"] = np.zeros(n)
    cols["deducted_from"] = np.full(n, "", dtype=object)
    cols["conflict_m2"] = np.zeros(n)
    return cols


def _deducted_per_patch(cols: Columns, pieces: Geoms, areas: Floats, names: Array) -> None:
    """Each deducted piece counts for the patch sharing the longest boundary with it."""
    patches = cols["geometry"]
    if len(pieces) == 0 or len(patches) == 0:
        return
    i, p = candidate_pairs(pieces, patches)
    if len(i) == 0:
        return
    # most pieces touch one patch; the shared boundary is measured only where there is a choice
    shared = np.zeros(len(i))
    several = np.flatnonzero(np.bincount(i, minlength=len(pieces))[i] > 1)
    shared[several] = shapely.length(shapely.intersection(shapely.boundary(pieces[i[several]]),
                                                          shapely.boundary(patches[p[several]])))
    order = np.lexsort((-shared, i))
    first = np.ones(len(order), dtype=bool)
    first[1:] = i[order][1:] != i[order][:-1]
    i, p = i[order][first], p[order][first]
    np.add.at(cols["deducted_m2"], p, areas[i])
    names = names[i]
    for layer in np.unique(names):  # a handful of deduct layers, vectorised over patches
        has = np.zeros(len(patches), dtype=bool)
        has[p[names == layer]] = True
        text = cols["deducted_from"]
        cols["deducted_from"] = np.where(has, np.where(text == "", layer, text + ";" + layer), text)


def _report_conflicts(cols: Columns, report: Sources, measure: Measurer, params: CandidateParams,
                      out: Findings) -> None:
    patches = cols["geometry"]
    for rl, rg in report:
        i, j, pieces, areas = overlap_pieces(patches, rg, measure, params.tolerance)
        np.add.at(cols["conflict_m2"], i, areas)
        out.add("RC_CONFLICT", CANDIDATE, cols["patch_id"][i], pieces, other_layer=rl.name,
                other_fid=rl.fids[j], area_m2=areas, value=areas, threshold=params.tolerance)


def _to_add(cols: Columns, params: CandidateParams, out: Findings) -> Ints:
    """Extremely important/sensitive patches outside the existing red line, large, no conflicts."""
    extreme = (cols["o_importance"] == 1) | (cols["o_sensitivity"] == 1)
    outside = cols["in_existing"] != 1
    big = cols["area_m2"] >= params.candidate_add_area
    idx = np.flatnonzero(extreme & outside & big & (cols["conflict_m2"] <= params.tolerance))
    out.add("RC_CANDIDATE_ADD", CANDIDATE, cols["patch_id"][idx], cols["geometry"][idx],
            area_m2=cols["area_m2"][idx], value=cols["area_m2"][idx],
            threshold=params.candidate_add_area, detail=cols["origin"][idx])
    return idx


def _holes_filled(cols: Columns, filled: FilledHoles, params: CandidateParams, out: Findings) -> None:
    """RC_HOLE_FILLED, naming the patch that now covers each hole (known only after clean-up)."""
    if not filled:
        return
    holes = np.concatenate([h for h, _ in filled])
    areas = np.concatenate([a for _, a in filled])
    fid = np.full(len(holes), np.nan)
    if len(cols["geometry"]):
        i, p = shapely.STRtree(cols["geometry"]).query(shapely.point_on_surface(holes),
                                                       predicate="within")
        fid[i] = cols["patch_id"][p]
    out.add("RC_HOLE_FILLED", CANDIDATE, fid, holes, area_m2=areas, value=areas,
            threshold=params.min_hole_area)
