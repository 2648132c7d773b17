"""check_activities (human activity in reserves, DOMAIN 4-9) over spatial partitions, for the batch
(tools/batch.py): the findings and the per-reserve summary of one call over whole layers, from
partitions that each read only their own features. No QGIS here.

Partitions: core.partition's grid (`plan`, `partitions`), the null partition NULL holding the
features without an envelope.

What a partition reads:
  - ACTIVITIES: the activities it owns, those whose envelope's lower-left corner lies in its cell
    (NULL: those without an envelope). An activity's finding, its grading and its row of the
    summary depend on it and on the ground it touches only, so the partition owns all of them;
  - RESERVES, ZONES, REDLINE, PREVIOUS: the features whose envelope meets the halo, the cell grown
    to the envelopes of the owned activities and by MATCH_DISTANCE: every feature an owned activity
    can touch or match;
  - RESERVES and ZONES are completed by every other feature's id and zone name without geometry
    (the catalogue, read once by `activity_context`), so that the zones join their reserves as over
    the whole layers, and the findings name them alike.
Who reports a feature's own finding (a null or invalid geometry of a reserve, zone, red-line patch
or earlier activity): the partition owning the lower-left corner of its envelope, which always reads
it; NULL for a feature without one.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Mapping, Sequence, cast

import numpy as np

from .activity import ActivityParams, check_activities
from .layer import Layer
from .partition import NULL, Read, _with_catalogue, cells_for_budget, extent_of, grid_for, partitions
from .zones import KIND_NAMES, join_zones

if TYPE_CHECKING:
    from .arrays import Array, Floats
    from .measure import Measurer
    from .partition import Grid

    Rect = Sequence[float]


@dataclass
class ActivityInputs:
    """check_activities' layers as partition sources (core.partition's LayerSource, GpkgSource)."""
    activities: Any
    reserves: Any
    zones: Any
    redline: Any = None
    previous: Any = None

    def sources(self) -> list[Any]:
        return [s for s in (self.activities, self.reserves, self.zones, self.redline, self.previous)
                if s is not None]


@dataclass
class ActivityContext:
    """Every reserve's and zone's attributes, without geometry (small)."""
    reserves: Read
    zones: Read


def activity_plan(inputs: ActivityInputs, cells: int | None = None, budget_bytes: int | None = None) -> Grid:
    """The grid for `cells` cells, or for a memory budget per partition (bytes)."""
    if cells is None:
        features = sum(len(s) for s in inputs.sources())
        cells = cells_for_budget(features, budget_bytes) if budget_bytes else 1
    return grid_for(extent_of(cast(Any, inputs)), cells)  # extent_of asks only for sources()


def activity_context(inputs: ActivityInputs, params: ActivityParams) -> ActivityContext:
    """The catalogues of reserves and zones; core.zones.InputError (raised here, before any
    partition runs) when the join cannot work: a missing field, unknown zone names, no id matching."""
    reserves = inputs.reserves.table([params.reserve_id_field])
    zones = inputs.zones.table([params.zone_reserve_field, params.zone_field])
    join_zones(reserves.layer, zones.layer, params)
    return ActivityContext(reserves, zones)


def activity_partition(inputs: ActivityInputs, grid: Grid, pid: int, params: ActivityParams,
                       measure: Measurer, context: ActivityContext) -> tuple[dict[str, Array], dict[str, Array], int]:
    """(findings table as Findings.table(measure) gives it, by-reserve summary, features read) of
    the activities partition `pid` owns and of the features whose own findings it reports."""
    cell = None if pid == NULL else grid.rect(pid)
    fields = [f for f in (params.type_field, params.date_field) if f]
    acts = _owned(inputs.activities.read(cell, fields), grid, pid)
    halo = None if cell is None else _grow(cell, acts.env, params.match_distance)
    read = lambda src, fields=(): None if src is None else src.read(halo, list(fields))  # noqa: E731
    reserves = read(inputs.reserves, [params.reserve_id_field])
    zones = read(inputs.zones, [params.zone_reserve_field, params.zone_field])
    redline, previous = read(inputs.redline), read(inputs.previous)
    # core.partition's completion of the counties read: here the reserves and zones
    full = lambda r, catalogue: cast(Read, _with_catalogue(r, catalogue)).layer  # noqa: E731
    result = check_activities(acts.layer, full(reserves, context.reserves), full(zones, context.zones),
                              None if redline is None else redline.layer,
                              None if previous is None else previous.layer, params, measure)
    table = result.findings.table(measure)
    keep = _reports(table, [acts, reserves, zones, redline, previous], grid, pid)
    features = sum(len(r.layer) for r in (acts, reserves, zones, redline, previous) if r is not None)
    return {k: v[keep] for k, v in table.items()}, result.by_reserve, features


def _owned(read: Read, grid: Grid, pid: int) -> Read:
    rows = np.flatnonzero(grid.cell_of(read.env[:, :2]) == pid)
    lyr = read.layer
    layer = Layer(lyr.name, lyr.geoms[rows], lyr.fids[rows], {f: v[rows] for f, v in lyr.attrs.items()},
                  lyr.problems[rows])
    return Read(layer, read.env[rows], read.order[rows])


def _grow(cell: Rect, env: Floats, margin: float) -> tuple[float, float, float, float]:
    env = np.concatenate([np.asarray(cell, dtype=float).reshape(1, 4), env])
    return (float(env[:, 0].min() - margin), float(env[:, 1].min() - margin),
            float(env[:, 2].max() + margin), float(env[:, 3].max() + margin))


def _reports(table: Mapping[str, Array], reads: Sequence[Read | None], grid: Grid, pid: int) -> Array:
    """Rows the partition reports: about a feature it read (not one of the catalogue's) whose
    envelope's lower-left corner is in its cell (NULL: a feature without an envelope)."""
    keep = np.zeros(len(table["rule"]), dtype=bool)
    fids = np.asarray(table["fid"], dtype=float)
    for read in reads:
        if read is None or len(read.layer) == 0:
            continue
        ours = grid.cell_of(read.env[:, :2]) == pid
        rows = np.flatnonzero(table["layer"] == read.layer.name)
        order = np.argsort(read.layer.fids, kind="stable")
        known = read.layer.fids[order]
        at = np.minimum(np.searchsorted(known, fids[rows]), len(known) - 1)
        hit = known[at] == fids[rows]
        keep[rows[hit]] = ours[order[at[hit]]]
    return keep


# --- merging ------------------------------------------------------------------------------

def merge_by_reserve(parts: Sequence[Mapping[str, Array]]) -> dict[str, Array]:
    """The partitions' by-reserve summaries as one: counts and m² summed per reserve, zone and
    activity type, rows in check_activities' order (reserve, zone kind, type)."""
    names = ("reserve_id", "reserve_fid", "zone", "type", "count", "area_m2")
    rows = {n: np.concatenate([np.asarray(p[n]) for p in parts]) if parts else np.empty(0) for n in names}
    if len(rows["count"]) == 0:
        return {n: rows[n].astype(np.int64 if n in ("reserve_fid", "count") else object
                                  if n != "area_m2" else float) for n in names}
    kind = np.array([KIND_NAMES.index(z) if z in KIND_NAMES else len(KIND_NAMES) for z in rows["zone"]])
    _, type_code = np.unique(rows["type"].astype(str), return_inverse=True)
    keys = np.column_stack([rows["reserve_fid"].astype(np.int64), kind, type_code.ravel()])
    groups, first, inverse = np.unique(keys, axis=0, return_index=True, return_inverse=True)
    inverse = inverse.ravel()
    out = {n: rows[n][first] for n in ("reserve_id", "reserve_fid", "zone", "type")}
    out["count"] = np.bincount(inverse, weights=rows["count"], minlength=len(groups)).astype(np.int64)
    out["area_m2"] = np.bincount(inverse, weights=rows["area_m2"].astype(float), minlength=len(groups))
    return out


def check_activities_partitioned(inputs: ActivityInputs, params: ActivityParams, measure: Measurer,
                                 cells: int = 1) -> tuple[dict[str, Array], dict[str, Array]]:
    """(findings table, by-reserve summary) over `cells` cells, one partition after another (tests)."""
    grid = activity_plan(inputs, cells)
    context = activity_context(inputs, params)
    parts = [activity_partition(inputs, grid, pid, params, measure, context) for pid in partitions(grid)]
    tables = [t for t, _, _ in parts]
    table = {k: np.concatenate([t[k] for t in tables]) for k in tables[0]}
    return table, merge_by_reserve([s for _, s, _ in parts])
