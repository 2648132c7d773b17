"""The red-line check over spatial partitions: the findings, statistics and patch areas of one
check_redline call over whole layers, from partitions that each read only their own features
(DESIGN "Scale: threads, partitions, Dask"). Partitions run one after another, on a thread pool
(processing/algorithms/redline_check, THREADS) or on Dask workers (tools/batch.py): `run_partition` is the
unit of work, `merge` joins what they give back. No QGIS here.

Partitions (`redline_plan`: as many as a thread count or a memory budget asks for)
  - By default, and so for redline_check's threads (check_threaded, check_redline_threaded), with
    or without counties: a Grid of rectangular cells over the extent of every input layer (`plan`).
    A cell reads exactly what meets its rectangle. County groups cost more on the same budget
    (issue 14, the synthetic province, 2 threads): their counties' envelopes overlap, so they read
    ~17 % more features (587,302 farmland against 500,589), and the ground outside every county
    adds ~40 small partitions of fixed cost, which hold the GIL in part (building R-trees and
    boxes); the check took ~45 % more CPU and the threads barely overlapped.
  - When asked for (`by_county`) and there are counties: a CountyPlan. Whole counties (all the
    features sharing a county code) are put in groups of about equal area, neighbours together
    (Hilbert order of their centres); a group is a partition. Ground outside every county goes to
    extra partitions, one per cell of a fine grid (OUTSIDE_CELLS per group) over the extent that
    holds some of that ground; slivers of it narrower than a rounding width (seams of the
    counties' union) are left to the counties.
  - Both: the null partition NULL, which holds the features that have no envelope (no geometry, or
    one the reader left out as unusable).

Who owns a point (the partition's `cell_of`):
  - Grid: the cell holding it. A point on a cell's lower or left edge is that cell's; the last row
    and column also own their upper and right edges.
  - CountyPlan: the group of the first county (in layer order) whose repaired geometry intersects
    it (boundaries included); a point in no county: the outside partition of its grid cell when it
    lies in that partition's rectangle (around the cell's wide outside ground), else (a sliver:
    a seam or gap between counties, or a cell with no wide outside ground) the group of its
    nearest county (ties: the first), which reads the sliver width around its counties.
  - a NaN point: NULL.
  Each partition reads a rectangle holding every point it owns (`rect`): its cell, its counties'
  envelope, or the envelope of its outside ground, grown by a rounding margin. A county group
  needs of it only what meets the envelope of one of its counties grown by the sliver width
  (`boxes`): every point it owns lies in one of them.

What a partition reads (a source gives at least the features whose envelope meets a rectangle):
  - FARMLAND, URBAN_BOUNDARY, PROTECTED_AREAS and the conflict layers: its rectangle (a county
    group: what meets its boxes);
  - REDLINE and COUNTIES: the rectangle grown to the envelopes of every red-line patch and protected
    area that meets it (the halo). The rules that look past a feature at its neighbours (a hole
    filled by an island, a protected area outside the red line, county pieces and majorities,
    exact duplicates) then see every neighbour of every feature the partition can own. (A county
    group: the features meeting its boxes or one of those envelopes.)

Who owns a finding (one partition, whatever the order of execution), with envelopes as read:
  - about one feature (no other_fid): the owner of the lower-left corner of its envelope;
  - about a pair (fid, other_fid): the owner of the lower-left corner of the intersection of the
    two envelopes. That point lies in both envelopes, so both features meet the owner's rectangle
    and the owner reads both, whichever partitions the two features themselves lie in;
  - about a whole layer (no fid), or a feature without an envelope: the null partition.
  The statistics count each red-line patch in the partition owning it.

One rule is global: RL_CODE_DUPLICATE compares codes over the whole layer. `code_duplicates` runs
redline's own rule on the code column alone (no geometry), and the partitions owning those
features hand over their repaired geometries.
"""
from __future__ import annotations

import queue
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping, Protocol, Sequence, Union

import numpy as np
import shapely

from .findings import Findings
from .geom import repair
from .layer import Layer
from .progress import NO_PROGRESS, Progress, stepped
from .redline import (
    REDLINE,
    RedlineParams,
    RedlineResult,
    _code_duplicates,
    check_redline,
    geometry_bounds,
    ledger,
)
from .rules import RULES

if TYPE_CHECKING:
    from .arrays import Array, Bools, Column, Floats, Geoms, Ints
    from .measure import Measurer

    Rect = tuple[float, float, float, float]
    Table = dict[str, Array]
    Mapper = Callable[[Callable[[int], "Part"], list[int]], Iterable["Part"]]

NULL = -1  # the null partition: features without an envelope, findings about whole layers
GLOBAL_RULES = ("RL_CODE_DUPLICATE",)
# Memory of a partition per feature it reads (all layers, halos included): measured ~1.2 KB on the
# synthetic provinces (bench/README.md, "Partitions"), taken twice for uneven data. What
# `cells_for_budget` plans with.
BYTES_PER_FEATURE = 2048
PAD = 1e-8  # rounding margin of a partition's rectangle, relative to its coordinates
OUTSIDE_CELLS = 16  # cells of the grid over ground outside every county, per county group


# --- sources ------------------------------------------------------------------------------

@dataclass
class Read:
    """Features a source gave for a rectangle: the Layer, their envelopes as the source sees them
    (n, 4: xmin, ymin, xmax, ymax; NaN without one) and their place in the whole layer (`order`,
    increasing in the layer's feature order)."""
    layer: Layer
    env: Floats
    order: Ints
    catalogue: Bools | None = None  # rows added from Context.counties (codes, names; no geometry)


class Source(Protocol):
    """What a partition reads from: LayerSource here, core.gpkg_source.GpkgSource for files."""
    name: str

    def __len__(self) -> int: ...
    def extent(self) -> Rect | None: ...
    def bounds(self, rect: Rect) -> Floats: ...
    def read(self, rect: Rect | None, fields: Sequence[str] | None = None,
             boxes: Floats | None = None) -> Read: ...
    def table(self, fields: Sequence[str]) -> Read: ...


class LayerSource:
    """A source over a Layer already in memory (the QGIS algorithm's threads, the tests).

    `copy`: each read gets its own geometry objects. Layers whose geometries a check prepares
    (shapely.prepare: counties) are copied, so that no two threads share a prepared geometry:
    GEOS builds a prepared geometry's indexes lazily and is not thread-safe there.
    """

    def __init__(self, layer: Layer, copy: bool = False) -> None:
        self.layer = layer
        self.name = layer.name
        self.copy = copy
        self.env: Floats = shapely.bounds(layer.geoms)  # NaN where there is no geometry
        self.fields = tuple(layer.attrs)

    def __len__(self) -> int:
        return len(self.layer)

    def extent(self) -> Rect | None:
        env = self.env[~np.isnan(self.env).any(axis=1)]
        if len(env) == 0:
            return None
        return env[:, 0].min(), env[:, 1].min(), env[:, 2].max(), env[:, 3].max()

    def _rows(self, rect: Rect | None) -> Ints:
        if rect is None:
            return np.flatnonzero(np.isnan(self.env).any(axis=1))
        env = self.env
        return np.flatnonzero((env[:, 0] <= rect[2]) & (env[:, 2] >= rect[0])
                              & (env[:, 1] <= rect[3]) & (env[:, 3] >= rect[1]))

    def bounds(self, rect: Rect) -> Floats:
        return self.env[self._rows(rect)]

    def read(self, rect: Rect | None, fields: Sequence[str] | None = None,
             boxes: Floats | None = None) -> Read:
        """The features whose envelope meets `rect` (None: those without one) and, when given,
        one of `boxes` (n, 4)."""
        rows = self._rows(rect)
        if boxes is not None:
            rows = rows[_meets_any(self.env[rows], boxes)]
        lyr = self.layer
        geoms = lyr.geoms[rows]
        if self.copy:
            geoms = shapely.from_wkb(shapely.to_wkb(geoms))
        wanted = lyr.attrs if fields is None else {f: lyr.attrs[f] for f in fields if f in lyr.attrs}
        layer = Layer(lyr.name, geoms, lyr.fids[rows], {f: v[rows] for f, v in wanted.items()},
                      lyr.problems[rows])
        return Read(layer, self.env[rows], rows)

    def table(self, fields: Sequence[str]) -> Read:
        """The whole layer's attributes `fields` without geometry (a Read with no geometries)."""
        lyr = self.layer
        layer = Layer(lyr.name, np.full(len(lyr), None, dtype=object), lyr.fids,
                      {f: lyr.attrs[f] for f in fields if f in lyr.attrs})
        return Read(layer, np.full((len(lyr), 4), np.nan), np.arange(len(lyr)))


@dataclass
class Inputs:
    """check_redline's layers as sources (None: not given)."""
    redline: Source
    farmland: Source | None = None
    urban: Source | None = None
    protected: Source | None = None
    conflicts: tuple[Source, ...] = ()
    counties: Source | None = None
    county_code_field: str | None = None
    county_name_field: str | None = None

    def sources(self) -> list[Source]:
        return [s for s in (self.redline, self.farmland, self.urban, self.protected, self.counties,
                            *self.conflicts) if s is not None]


def memory_inputs(redline: Layer, farmland: Layer | None = None, urban: Layer | None = None,
                  protected: Layer | None = None, conflicts: Sequence[Layer] = (),
                  counties: Layer | None = None, county_code_field: str | None = None,
                  county_name_field: str | None = None) -> Inputs:
    """Inputs over in-memory Layers: check_redline's arguments, unchanged."""
    def wrap(lyr: Layer | None, copy: bool = False) -> LayerSource | None:
        return None if lyr is None else LayerSource(lyr, copy)

    return Inputs(LayerSource(redline), wrap(farmland), wrap(urban), wrap(protected),
                  tuple(LayerSource(c) for c in conflicts), wrap(counties, copy=True),
                  county_code_field, county_name_field)


# --- the grid -----------------------------------------------------------------------------

def _padded(x0: float, y0: float, x1: float, y1: float) -> Rect:
    """A rectangle grown by a rounding margin: reading a little more is always safe."""
    pad = PAD * max(abs(x0), abs(y0), abs(x1), abs(y1), x1 - x0, y1 - y0, 1.0)
    return x0 - pad, y0 - pad, x1 + pad, y1 + pad


@dataclass(frozen=True)
class Grid:
    x0: float
    y0: float
    width: float   # of a cell
    height: float
    nx: int
    ny: int

    def __len__(self) -> int:
        return self.nx * self.ny

    def cell_of(self, xy: Array) -> Ints:
        """The partition owning each point (n, 2): a cell, or NULL for a NaN point."""
        xy = np.asarray(xy, dtype=float).reshape(-1, 2)
        out = np.full(len(xy), NULL, dtype=np.int64)
        ok = np.isfinite(xy).all(axis=1)
        ix = np.clip(np.floor((xy[ok, 0] - self.x0) / self.width), 0, self.nx - 1).astype(np.int64)
        iy = np.clip(np.floor((xy[ok, 1] - self.y0) / self.height), 0, self.ny - 1).astype(np.int64)
        out[ok] = iy * self.nx + ix
        return out

    def box(self, pid: int) -> Rect:
        """The cell itself."""
        iy, ix = divmod(int(pid), self.nx)
        x0, y0 = self.x0 + ix * self.width, self.y0 + iy * self.height
        return x0, y0, x0 + self.width, y0 + self.height

    def rect(self, pid: int) -> Rect:
        """The rectangle a cell reads: the cell grown by a rounding margin, so that it surely
        holds every point `cell_of` gives it."""
        return _padded(*self.box(pid))


def extent_of(inputs: Inputs) -> Rect | None:
    extents = [e for e in (s.extent() for s in inputs.sources()) if e is not None]
    if not extents:
        return None
    e = np.array(extents, dtype=float)
    return e[:, 0].min(), e[:, 1].min(), e[:, 2].max(), e[:, 3].max()


def grid_for(extent: Rect | None, cells: int) -> Grid:
    """About `cells` cells of near-square shape over `extent` (xmin, ymin, xmax, ymax)."""
    cells = max(1, int(cells))
    if extent is None:
        return Grid(0.0, 0.0, 1.0, 1.0, 1, 1)
    x0, y0, x1, y1 = extent
    w, h = max(x1 - x0, 0.0), max(y1 - y0, 0.0)
    if w <= 0 and h <= 0:
        nx = ny = 1
    elif h <= 0:
        nx, ny = cells, 1
    elif w <= 0:
        nx, ny = 1, cells
    else:
        # near-square cells, as few as possible past `cells`: 8 cells are 4 × 2, not 3 × 3, so that
        # two threads do not wait for a ninth
        ideal = np.sqrt(cells * w / h)
        shapes = [(nx, max(1, int(np.ceil(cells / nx))))
                  for nx in dict.fromkeys(max(1, min(cells, int(f(ideal)))) for f in (round, np.floor, np.ceil))]
        nx, ny = min(shapes, key=lambda s: s[0] * s[1])
    width = w / nx if w > 0 else 1.0
    height = h / ny if h > 0 else 1.0
    return Grid(float(x0), float(y0), width, height, nx, ny)


# --- county partitions --------------------------------------------------------------------

class CountyPlan:
    """Partitions by county (see the module's notes): pids 0 … len(groups) - 1 are the county
    groups, the next ones the outside partitions. Picklable: the county geometries travel as
    WKB, and each thread builds its own index (GEOS's lazily built indexes are not thread-safe)."""

    def __init__(self, geoms: Geoms, group: Ints, outside: Grid, outside_rects: Sequence[Rect | None],
                 margin: float = 0.0, codes: Column | None = None) -> None:
        self.wkb = shapely.to_wkb(geoms)
        self.codes = np.full(len(geoms), "", dtype=object) if codes is None else np.asarray(codes, dtype=object)
        self.margin = margin
        self.group = np.asarray(group, dtype=np.int64)   # per county: its group, NULL without geometry
        self.groups = int(self.group.max()) + 1 if len(self.group) else 0
        env = shapely.bounds(geoms)
        self.county_env = env + np.array([-margin, -margin, margin, margin])
        self.rects: list[Rect] = []
        for g in range(self.groups):
            e = env[self.group == g]
            self.rects.append(_padded(e[:, 0].min() - margin, e[:, 1].min() - margin,
                                      e[:, 2].max() + margin, e[:, 3].max() + margin))
        self.outside = outside
        self.outside_pid = np.full(len(outside), NULL, dtype=np.int64)  # per outside cell
        for k, rect in enumerate(outside_rects):
            if rect is not None:
                self.outside_pid[k] = len(self.rects)
                self.rects.append(rect)
        self.rect_array: Floats = np.array(self.rects, dtype=float).reshape(-1, 4)
        self._local = threading.local()

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "_local"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._local = threading.local()

    def __len__(self) -> int:
        return len(self.rects)

    def rect(self, pid: int) -> Rect:
        return self.rects[int(pid)]

    def codes_of(self, pid: int) -> list[str]:
        """The county codes of a group, once each in layer order ([]: an outside partition)."""
        return [str(c) for c in dict.fromkeys(self.codes[self.group == pid])] if 0 <= pid < self.groups else []

    def boxes(self, pid: int) -> Floats | None:
        """The envelopes of the partition's counties grown by `margin` (None: an outside
        partition). Every point a county group owns lies in one of them, so the group needs only
        the features meeting one of them of those its rectangle holds."""
        return self.county_env[self.group == pid] if pid < self.groups else None

    def meets(self, pid: int, env: Floats) -> Bools:
        """Which envelopes (n, 4) meet one of the partition's `boxes`."""
        boxes = self.boxes(pid)
        return np.ones(len(env), dtype=bool) if boxes is None else _meets_any(env, boxes)

    def _tree(self) -> tuple[shapely.STRtree, Ints]:
        if not hasattr(self._local, "tree"):
            geoms = shapely.from_wkb(self.wkb)
            present = np.flatnonzero(self.group >= 0)
            self._local.tree = (shapely.STRtree(geoms[present]), present)
        return self._local.tree

    def cell_of(self, xy: Array) -> Ints:
        """The partition owning each point (n, 2), NULL for a NaN point."""
        xy = np.asarray(xy, dtype=float).reshape(-1, 2)
        out = np.full(len(xy), NULL, dtype=np.int64)
        ok = np.flatnonzero(np.isfinite(xy).all(axis=1))
        if len(ok) == 0:
            return out
        tree, county = self._tree()
        points = shapely.points(xy[ok])
        # the counties query the points: GEOS prepares each county once for all its points
        c, p = shapely.STRtree(points).query(tree.geometries, predicate="intersects")
        first = _first_per(p, county[c], len(ok))  # the first county in layer order
        out[ok] = np.where(first >= 0, self.group[np.maximum(first, 0)], NULL)
        rest = np.flatnonzero(first < 0)
        pid = self.outside_pid[self.outside.cell_of(xy[ok[rest]])]
        # an outside partition reads only the rectangle around its cell's wide ground: a point of a
        # sliver elsewhere in the cell (a gap between counties) is not its own
        pid[~_within(xy[ok[rest]], self.rect_array[np.maximum(pid, 0)])] = NULL
        out[ok[rest]] = pid
        # a point of no county on ground the plan found too narrow for a partition of its own
        lost = rest[pid == NULL]
        if len(lost):
            if len(county) == 0:
                raise ValueError("a point outside the plan's ground and without any county")
            p, c = tree.query_nearest(points[lost], all_matches=True)
            out[ok[lost]] = self.group[_first_per(p, county[c], len(lost))]
        return out


def _within(xy: Floats, rects: Floats) -> Bools:
    """Whether each point (n, 2) lies in its rectangle (n, 4; edges included)."""
    return ((rects[:, 0] <= xy[:, 0]) & (xy[:, 0] <= rects[:, 2])
            & (rects[:, 1] <= xy[:, 1]) & (xy[:, 1] <= rects[:, 3]))


def _first_per(point: Ints, county: Ints, n: int) -> Ints:
    """The lowest county index per point (-1 for a point without any)."""
    first = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first, point, county)
    return np.where(first == np.iinfo(np.int64).max, -1, first)


def county_plan(inputs: Inputs, groups: int) -> CountyPlan:
    """About `groups` groups of whole counties of equal area (see the module's notes)."""
    assert inputs.counties is not None
    counties = inputs.counties.read(inputs.counties.extent() or (0.0, 0.0, 0.0, 0.0),
                                    [inputs.county_code_field] if inputs.county_code_field else [])
    geoms = repair(counties.layer.geoms)[0]
    present = ~shapely.is_missing(geoms)
    codes = counties.layer.text(inputs.county_code_field or "")
    if codes is None:
        codes = np.full(len(geoms), "", dtype=object)
    # a county without a code is a unit of its own; counties sharing a code stay together
    keys = np.array([c if c else "\0{}".format(k) for k, c in enumerate(codes)], dtype=object)
    _, unit = np.unique(keys.astype(str), return_inverse=True)
    unit = unit.ravel()
    group = np.full(len(geoms), NULL, dtype=np.int64)
    if present.any():
        group[present] = _area_groups(geoms[present], unit[present], groups)
    extent = extent_of(inputs)
    assert extent is not None  # the counties have one
    # ground in no county, without the slivers narrower than 2 × `narrow` (rounding of the union,
    # seams between counties): their points go to the nearest county, whose group reads `margin` more
    narrow = 1e-6 * max(abs(v) for v in extent)
    ground = shapely.difference(shapely.box(*extent), shapely.union_all(geoms[present]))
    parts = shapely.get_parts(ground)
    wide = parts[~shapely.is_empty(shapely.buffer(parts, -narrow))]
    wide = shapely.union_all(wide) if len(wide) else shapely.Polygon()
    # small cells: a partition reads the envelope of its cell's outside ground, often a thin strip
    outside = grid_for(extent, OUTSIDE_CELLS * groups)
    cells = shapely.box(*np.array([outside.box(k) for k in range(len(outside))]).T)
    rest = shapely.intersection(cells, wide)
    rects = [None if shapely.is_empty(r) else _padded(*shapely.bounds(r)) for r in rest]
    return CountyPlan(geoms, group, outside, rects, margin=4 * narrow, codes=codes)


def _area_groups(geoms: Geoms, unit: Ints, groups: int) -> Ints:
    """Group numbers 0 … g - 1 (g <= groups) per county: units (counties sharing a code) in
    Hilbert order of their envelope's centre, cut into runs of about equal area."""
    units, inverse = np.unique(unit, return_inverse=True)
    inverse = inverse.ravel()
    area = np.bincount(inverse, weights=shapely.area(geoms), minlength=len(units))
    env = shapely.bounds(geoms)
    lo = np.full((len(units), 2), np.inf)
    hi = np.full((len(units), 2), -np.inf)
    np.minimum.at(lo, inverse, env[:, :2])
    np.maximum.at(hi, inverse, env[:, 2:])
    order = np.argsort(_hilbert((lo + hi) / 2.0), kind="stable")
    total = area.sum()
    middle = np.cumsum(area[order]) - area[order] / 2.0
    cut = np.minimum(groups - 1, np.floor(groups * middle / total)).astype(np.int64) if total > 0 \
        else np.arange(len(order)) * groups // max(1, len(order))
    per_unit = np.empty(len(units), dtype=np.int64)
    per_unit[order] = np.unique(cut, return_inverse=True)[1].ravel()  # no empty group
    return per_unit[inverse]


def _hilbert(xy: Floats, bits: int = 16) -> Ints:
    """The distance of each point along a Hilbert curve over their extent: neighbours stay close."""
    side = (1 << bits) - 1
    span = np.maximum(xy.max(axis=0) - xy.min(axis=0), 1e-300)
    x, y = (np.floor((xy - xy.min(axis=0)) / span * side).astype(np.int64).T)
    d = np.zeros(len(xy), dtype=np.int64)
    s = 1 << (bits - 1)
    while s > 0:
        rx = ((x & s) > 0).astype(np.int64)
        ry = ((y & s) > 0).astype(np.int64)
        d += s * s * ((3 * rx) ^ ry)
        flip = ry == 0
        swap_x = np.where(flip & (rx == 1), side - x, x)
        swap_y = np.where(flip & (rx == 1), side - y, y)
        x, y = np.where(flip, swap_y, swap_x), np.where(flip, swap_x, swap_y)
        s //= 2
    return d


def cells_for_budget(features: int, budget_bytes: float, bytes_per_feature: int = BYTES_PER_FEATURE) -> int:
    """How many cells keep a partition of evenly spread features within a memory budget."""
    return max(1, int(np.ceil(features * bytes_per_feature / float(budget_bytes))))


Scheme = Union[Grid, CountyPlan]


def _count(inputs: Inputs, cells: int | None, budget_bytes: float | None) -> int:
    if cells is not None:
        return cells
    features = sum(len(s) for s in inputs.sources())
    return cells_for_budget(features, budget_bytes) if budget_bytes else 1


def plan(inputs: Inputs, cells: int | None = None, budget_bytes: float | None = None) -> Grid:
    """The grid for `cells` cells, or for a memory budget per partition (bytes)."""
    return grid_for(extent_of(inputs), _count(inputs, cells, budget_bytes))


def redline_plan(inputs: Inputs, cells: int | None = None, budget_bytes: float | None = None,
                 by_county: bool = False) -> Scheme:
    """The red-line check's partitions (`cells`, or as `plan`): the grid, or county groups when
    asked for (`by_county`) and the inputs have counties with geometry."""
    if by_county and inputs.counties is not None and inputs.counties.extent() is not None:
        return county_plan(inputs, _count(inputs, cells, budget_bytes))
    return plan(inputs, cells, budget_bytes)


def partitions(grid: Scheme) -> list[int]:
    """Every partition id: the cells (or county groups and outside partitions), then NULL."""
    return list(range(len(grid))) + [NULL]


# --- one partition ------------------------------------------------------------------------

@dataclass
class Part:
    """What one partition gives back (plain arrays: it travels between processes)."""
    pid: int
    table: Table                     # the findings it owns, as columns (Findings rows)
    code_fids: Ints                  # owned features with a duplicated code ...
    code_geoms: Geoms                # ... and their repaired geometries
    patch_order: Ints                # owned red-line features: place in the layer ...
    patch_area: Floats               # ... and ellipsoidal area
    county_order: Ints               # counties read: place in the layer, code, name, area ...
    county_code: Column
    county_name: Column
    county_area: Floats
    county_patches: Ints             # ... and the owned patches and their area in each
    county_rl_area: Floats
    total_patches: int
    total_area: float
    read: dict[str, int] = field(default_factory=dict)  # features read per layer
    seconds: float = 0.0             # wall time of the partition (reading included)
    cpu_seconds: float = 0.0         # CPU time of the thread that ran it (other work on the machine aside)
    # features read that take no part in the spatial checks, per layer: fids and why (None: no
    # geometry); the same feature may come from several partitions
    dropped: dict[str, tuple[Ints, Column]] = field(default_factory=dict)
    bounds: Floats = field(default_factory=lambda: np.full(4, np.nan))  # of the owned red line


def _grow(rect: Rect, *envs: Floats | None) -> Rect:
    env = np.concatenate([np.asarray(rect, dtype=float).reshape(1, 4)]
                         + [e for e in envs if e is not None and len(e)])
    return env[:, 0].min(), env[:, 1].min(), env[:, 2].max(), env[:, 3].max()


def _redline_fields(params: RedlineParams) -> list[str]:
    return [f for f in (params.code_field, params.county_field, params.area_field) if f]


@dataclass
class Context:
    """What every partition needs from the whole layers (small: attributes, no geometry)."""
    code_fids: Ints | None = None  # red-line features whose code an earlier feature holds
    counties: Read | None = None   # every county's code and name


def context_of(inputs: Inputs, params: RedlineParams | None = None) -> tuple[Context, Table]:
    """(Context, the RL_CODE_DUPLICATE findings without geometry) for `inputs`."""
    params = params or RedlineParams()
    codes = code_duplicates(inputs.redline, params)
    counties = None
    if inputs.counties is not None:
        fields = [f for f in (inputs.county_code_field, inputs.county_name_field) if f]
        counties = inputs.counties.table(fields)
    return Context(codes["fid"].astype(np.int64), counties), codes


def read_partition(inputs: Inputs, grid: Scheme, pid: int, params: RedlineParams | None,
                   context: Context | None = None) -> dict[str, Any]:
    """{role: Read} of one partition (see the module's notes).

    The counties read are completed by the codes and names of all the others (without geometry,
    `context.counties`): a finding's text names a county by its code and name wherever it lies."""
    params = params or RedlineParams()
    county_fields = [f for f in (inputs.county_code_field, inputs.county_name_field) if f]
    rl_fields = _redline_fields(params)
    cell = None if pid == NULL else grid.rect(pid)
    halo = cell
    near = np.empty((0, 4))  # envelopes of the red line and protected areas the partition may own
    if cell is not None:
        pa = _near(grid, pid, inputs.protected.bounds(cell)) if inputs.protected is not None else None
        near = np.concatenate([_near(grid, pid, inputs.redline.bounds(cell)), np.empty((0, 4)) if pa is None else pa])
        halo = _grow(cell, near)

    def read(src: Source | None, rect: Rect | None, fields: Sequence[str] = ()) -> Read | None:
        if src is None:
            return None
        if rect is None or not isinstance(grid, CountyPlan):
            return src.read(rect, fields)
        boxes = grid.boxes(pid)
        if rect is not halo or boxes is None:  # what comes near the group's counties
            return src.read(rect, fields, boxes)
        # and the neighbours of what the group may own: near each county, its box grown to the
        # envelopes meeting it (few boxes for the reader), then exactly
        out = src.read(rect, fields, np.array([_grow(b, near[_meets_any(near, b[None])]) for b in boxes]))
        return _rows_of(out, _meets_any(out.env, boxes) | _meets_any(out.env, near))

    return {"redline": read(inputs.redline, halo, rl_fields),
            "farmland": read(inputs.farmland, cell),
            "urban": read(inputs.urban, cell),
            "protected": read(inputs.protected, cell),
            "conflicts": [read(s, cell) for s in inputs.conflicts],
            "counties": _with_catalogue(read(inputs.counties, halo, county_fields),
                                        context.counties if context is not None else None)}


def _near_mask(grid: Scheme, pid: int, env: Floats) -> Bools:
    """The envelopes a partition needs of those meeting its rectangle (see CountyPlan.meets)."""
    return grid.meets(pid, env) if isinstance(grid, CountyPlan) else np.ones(len(env), dtype=bool)


def _meets_any(env: Floats, boxes: Floats) -> Bools:
    """Which envelopes meet one of `boxes` (edges included): for a few boxes whole columns each,
    else an R-tree of the boxes (its envelope test is exactly this one)."""
    out = np.zeros(len(env), dtype=bool)
    if len(boxes) <= 32:
        for x0, y0, x1, y1 in boxes:
            out |= (env[:, 0] <= x1) & (env[:, 2] >= x0) & (env[:, 1] <= y1) & (env[:, 3] >= y0)
    elif len(env):
        tree = shapely.STRtree(shapely.box(boxes[:, 0], boxes[:, 1], boxes[:, 2], boxes[:, 3]))
        rows, _ = tree.query(shapely.box(env[:, 0], env[:, 1], env[:, 2], env[:, 3]))
        out[rows] = True
    return out


def _near(grid: Scheme, pid: int, env: Floats) -> Floats:
    return env[_near_mask(grid, pid, env)]


def _rows_of(read: Read, keep: Bools) -> Read:
    if keep.all():
        return read
    rows = np.flatnonzero(keep)
    lyr = read.layer
    layer = Layer(lyr.name, lyr.geoms[rows], lyr.fids[rows], {f: v[rows] for f, v in lyr.attrs.items()},
                  lyr.problems[rows])
    return Read(layer, read.env[rows], read.order[rows])


def _with_catalogue(read: Read | None, catalogue: Read | None) -> Read | None:
    """The counties read, and the others from the catalogue without geometry, in layer order."""
    if read is None or catalogue is None:
        return read
    more = np.flatnonzero(~np.isin(catalogue.order, read.order))
    order = np.concatenate([read.order, catalogue.order[more]])
    rows = np.argsort(order, kind="stable")
    a, b = read.layer, catalogue.layer

    def join(x: Array, y: Array) -> Array:
        return np.concatenate([x, y[more]])[rows]

    attrs = {f: join(a.attrs[f], b.attrs[f]) for f in a.attrs if f in b.attrs}
    layer = Layer(a.name, join(a.geoms, b.geoms), join(a.fids, b.fids), attrs,
                  join(a.problems, b.problems))
    listed = np.concatenate([np.zeros(len(read.order), dtype=bool), np.ones(len(more), dtype=bool)])
    return Read(layer, join(read.env, catalogue.env), order[rows], listed[rows])


def _layer(read: Read | None) -> Layer | None:
    """A layer of which the partition holds nothing is left out, as processing leaves out an
    empty layer: no finding can involve it."""
    return None if read is None or len(read.layer) == 0 else read.layer


def run_partition(inputs: Inputs, grid: Scheme, pid: int, params: RedlineParams | None = None,
                  measure: Measurer | None = None, context: Context | None = None,
                  progress: Progress = NO_PROGRESS) -> Part:
    """check_redline on one partition's features, keeping what the partition owns: a Part.
    `context`: context_of(inputs) (needed for the global rule and the county names)."""
    started, cpu_started = time.perf_counter(), time.thread_time()
    params = params or RedlineParams()
    context = context or Context()
    reads = read_partition(inputs, grid, pid, params, context)
    rl, counties = reads["redline"], reads["counties"]
    owned = grid.cell_of(rl.env[:, :2]) == pid
    result = check_redline(
        rl.layer, farmland=_layer(reads["farmland"]), urban=_layer(reads["urban"]),
        protected=_layer(reads["protected"]), conflicts=[r.layer for r in reads["conflicts"] if len(r.layer)],
        counties=_layer(counties), county_code_field=inputs.county_code_field,
        county_name_field=inputs.county_name_field, params=params, measure=measure,
        progress=progress, counted=owned)
    table = _rows(result.findings)
    keep = (owner(table, reads, grid) == pid) & ~np.isin(table["rule"], GLOBAL_RULES)
    table = {k: v[keep] for k, v in table.items()}

    code_fids = context.code_fids if context.code_fids is not None else np.empty(0, np.int64)
    dup = np.flatnonzero(owned & np.isin(rl.layer.fids, code_fids))
    stats = result.statistics
    # county rows: the counties read with their geometry (the catalogue's have none)
    real = np.flatnonzero(~np.isnan(counties.env[:, 0])) if _layer(counties) is not None else np.empty(0, np.int64)

    def row(name: str) -> Array:
        return stats[name][real]

    named = list(_named(reads))
    return Part(pid, table, rl.layer.fids[dup], repair(rl.layer.geoms[dup])[0],
                rl.order[owned], result.patch_area[owned],
                counties.order[real] if len(real) else np.empty(0, np.int64), row("code"),
                row("name"), row("county_area_m2"), row("patches"), row("area_m2"),
                int(stats["patches"][-1]), float(stats["area_m2"][-1]),
                {name: int(np.count_nonzero(~np.isnan(r.env[:, 0]))) for name, r in named},
                time.perf_counter() - started, time.thread_time() - cpu_started,
                {name: _dropped(r) for name, r in named},
                geometry_bounds(rl.layer.geoms[owned]))


def _dropped(read: Read) -> tuple[Ints, Column]:
    """(fids, reasons) of the features read without a usable geometry (reason None: none at all)."""
    missing = shapely.is_missing(read.layer.geoms)
    if read.catalogue is not None:
        missing &= ~read.catalogue
    out = np.flatnonzero(missing)
    return read.layer.fids[out], read.layer.problems[out]


def _named(reads: dict[str, Any]) -> Iterator[tuple[str, Read]]:
    for r in reads.values():
        for one in (r if isinstance(r, list) else [r]):
            if one is not None:
                yield one.layer.name, one


def _rows(findings: Findings) -> Table:
    """All of a Findings' rows as columns, with what Findings keeps beside the table (the defect
    locations), so that a merged Findings draws them as the unpartitioned one does."""
    table = findings.table()
    blocks = findings._blocks
    for key in (blocks[0] if blocks else {}):
        if key not in table:
            table[key] = np.concatenate([b[key] for b in blocks])
    return table


def _as_findings(table: Table) -> Findings:
    out = Findings()
    if len(table.get("rule", ())):
        out._blocks.append(table)
    return out


def owner(table: Table, reads: dict[str, Any], grid: Scheme) -> Ints:
    """The partition owning each finding row (see the module's notes)."""
    envs = {}
    for name, r in _named(reads):
        envs[name] = (r.layer.fids, r.env)
    if reads["redline"] is not None:
        envs[REDLINE] = (reads["redline"].layer.fids, reads["redline"].env)
    a = _env_of(table["layer"], table["fid"], envs)
    b = _env_of(table["other_layer"], table["other_fid"], envs)
    point = a[:, :2].copy()
    pair = ~np.isnan(table["other_fid"].astype(float))
    point[pair] = np.maximum(a[pair, :2], b[pair, :2])  # NaN (unknown) stays NaN: NULL
    return grid.cell_of(point)


def _env_of(layers: Array, fids: Array, envs: Mapping[str, tuple[Array, Floats]]) -> Floats:
    out = np.full((len(fids), 4), np.nan)
    fids = np.asarray(fids, dtype=float)
    for name, (known, env) in envs.items():
        rows = np.flatnonzero((layers == name) & ~np.isnan(fids))
        if len(rows) == 0 or len(known) == 0:
            continue
        order = np.argsort(known, kind="stable")
        at = np.minimum(np.searchsorted(known[order], fids[rows]), len(order) - 1)
        hit = known[order][at] == fids[rows]
        out[rows[hit]] = env[order[at[hit]]]
    return out


# --- the global rule ----------------------------------------------------------------------

def code_duplicates(redline: Source, params: RedlineParams | None = None) -> Table:
    """The RL_CODE_DUPLICATE findings (without geometry) of a red-line source, from its code
    column alone, by redline's own rule."""
    params = params or RedlineParams()
    layer = redline.table([params.code_field] if params.code_field else []).layer
    out = Findings()
    if params.code_field in layer.attrs:
        out.name_features(REDLINE, layer.fids, layer.text(params.code_field))
        _code_duplicates(layer, layer.geoms, params, out)
    return _rows(out)


# --- merging ------------------------------------------------------------------------------

def merge(parts: Iterable[Part], codes: Table | None = None) -> RedlineResult:
    """One RedlineResult from every partition's Part (in any order) and the global findings of
    `code_duplicates`. Rows are sorted by rule (catalogue order), layer, fid and other fid."""
    parts = sorted(parts, key=lambda p: p.pid)
    tables = [p.table for p in parts if len(p.table.get("rule", ()))]
    if codes is not None and len(codes["rule"]):
        codes = dict(codes)
        fids = np.concatenate([p.code_fids for p in parts]).astype(float)
        geoms = np.concatenate([p.code_geoms for p in parts])
        at = np.searchsorted(fids, codes["fid"], sorter=np.argsort(fids))
        order = np.argsort(fids)
        found = (at < len(fids)) & (fids[order][np.minimum(at, len(fids) - 1)] == codes["fid"])
        codes["geometry"] = np.full(len(codes["fid"]), None, dtype=object)
        codes["geometry"][found] = geoms[order][at[found]]
        tables.append(codes)
    table = _sorted(_concat(tables))
    patch_order = np.concatenate([p.patch_order for p in parts])
    patch_area = np.concatenate([p.patch_area for p in parts])[np.argsort(patch_order, kind="stable")]
    bounds = np.array([p.bounds for p in parts if not np.isnan(p.bounds).any()]).reshape(-1, 4)
    total = (np.array([*bounds[:, :2].min(axis=0), *bounds[:, 2:].max(axis=0)]) if len(bounds)
             else np.full(4, np.nan))
    return RedlineResult(_as_findings(table), _statistics(parts), patch_area, total, _all_dropped(parts))


def _all_dropped(parts: Sequence[Part]) -> dict[str, tuple[Ints, Column]]:
    """Each layer's dropped features once, in fid order."""
    out = {}
    for name in dict.fromkeys(n for p in parts for n in p.dropped):
        fids = np.concatenate([p.dropped[name][0] for p in parts if name in p.dropped])
        why = np.concatenate([p.dropped[name][1] for p in parts if name in p.dropped])
        fids, first = np.unique(fids, return_index=True)
        out[name] = (fids, why[first])
    return out


def _concat(tables: Sequence[Table]) -> Table:
    if not tables:
        return {}
    keys = [k for k in tables[0] if all(k in t for t in tables)]
    return {k: np.concatenate([t[k] for t in tables]) for k in keys}


def _sorted(table: Table) -> Table:
    if not table:
        return table
    rank = {rule: k for k, rule in enumerate(RULES)}
    rule_rank = np.array([rank.get(r, len(rank)) for r in table["rule"]])
    _, layer_rank = np.unique(table["layer"].astype(str), return_inverse=True)
    order = np.lexsort((np.nan_to_num(table["other_fid"], nan=np.inf),
                        np.nan_to_num(table["fid"], nan=-np.inf), layer_rank.ravel(), rule_rank))
    return {k: v[order] for k, v in table.items()}


def _statistics(parts: Sequence[Part]) -> dict[str, Array]:
    """The per-county ledger: each county once (in layer order), the owned patches summed."""
    order = np.concatenate([p.county_order for p in parts]).astype(np.int64)
    keys, first, inverse = np.unique(order, return_index=True, return_inverse=True)
    inverse = inverse.ravel()

    def pick(name: str) -> Array:
        return np.concatenate([getattr(p, name) for p in parts])

    patches = np.bincount(inverse, weights=pick("county_patches"), minlength=len(keys))
    rl_area = np.bincount(inverse, weights=pick("county_rl_area"), minlength=len(keys)).astype(float)
    return ledger(pick("county_code")[first], pick("county_name")[first],
                  patches.astype(np.int64), rl_area, pick("county_area")[first].astype(float),
                  sum(p.total_patches for p in parts), sum(p.total_area for p in parts))


# --- running ------------------------------------------------------------------------------

def check_partitioned(inputs: Inputs, params: RedlineParams | None = None, measure: Measurer | None = None,
                      grid: Scheme | None = None, cells: int | None = None, budget_bytes: float | None = None,
                      mapper: Mapper = map, progress: Progress = NO_PROGRESS,
                      by_county: bool = False) -> RedlineResult:
    """check_redline's result from partitions: `mapper(fn, pids)` runs them (map: one after
    another; a thread pool's map; Dask in tools/batch.py). `grid` or `cells` or `budget_bytes`
    sets the partitions (one by default; redline_plan: the grid, county groups if `by_county`)."""
    params = params or RedlineParams()
    grid = grid or redline_plan(inputs, cells, budget_bytes, by_county)
    context, codes = context_of(inputs, params)
    pids = partitions(grid)
    progress.steps = len(pids)

    def one(pid: int) -> Part:
        progress.check()
        return run_partition(inputs, grid, pid, params, measure, context, _CancelOnly(progress))

    parts = stepped(mapper(one, pids), progress, "partition {n} of {total}", len(pids))
    return merge(parts, codes)


class _CancelOnly(Progress):
    """A partition's progress: it checks for a cancel; the bar moves per partition."""

    def __init__(self, progress: Progress) -> None:
        super().__init__()
        self._progress = progress

    def step(self, label: str = "") -> None:
        self._progress.check()

    def check(self) -> None:
        self._progress.check()


# --- threads ------------------------------------------------------------------------------

CELLS_PER_THREAD = 4  # cells per thread: an even load on uneven data, halos still small (bench/README.md)
# Memory of all the partitions in flight at once, for reading files partition by partition (the
# QGIS algorithm), planned with BYTES_PER_FEATURE: 196,608 features (halos included). The synthetic
# province (620,600 features) then runs as 4 cells on one thread, 8 on two: peak RSS 520 MiB
# with QGIS's own 240 MiB (bench/README.md, "Partitions read from the files").
MEMORY_BUDGET = 384 * 1024 ** 2


def cells_for(threads: int, features: int, budget_bytes: float = MEMORY_BUDGET) -> int:
    """Partitions for `threads` threads: CELLS_PER_THREAD each, more when the partitions in flight
    (one per thread) would not fit in `budget_bytes` together."""
    threads = max(1, threads)
    return max(CELLS_PER_THREAD * threads if threads > 1 else 1,
               cells_for_budget(features, budget_bytes / threads))


def check_threaded(threads: int, inputs: Inputs, params: RedlineParams | None = None,
                   measure: Measurer | None = None, progress: Progress = NO_PROGRESS,
                   cells: int | None = None) -> RedlineResult:
    """check_partitioned on a pool of `threads` threads (one: one after another), `cells`
    partitions (cells_for by default). The sources are opened and read by the pool's threads only:
    a GDAL dataset a source opens stays with its thread, and ends with it."""
    cells = cells or cells_for(threads, sum(len(s) for s in inputs.sources()))
    relay = _Relay(progress)
    with ThreadPoolExecutor(max_workers=max(1, threads)) as pool, ThreadPoolExecutor(1) as driver:
        job = driver.submit(check_partitioned, inputs, params, measure, cells=cells,
                            mapper=pool.map, progress=relay)
        relay.deliver_until(job)
        return job.result()


class _Relay(Progress):
    """Progress steps taken on another thread (check_threaded's driver), handed to `progress` on
    the thread that waits for them: QGIS's feedback (a model step's above all) must not be moved
    from another thread. Cancels are read from any thread."""

    def __init__(self, progress: Progress) -> None:
        super().__init__()
        self._progress = progress
        self._labels: queue.Queue[str] = queue.Queue()

    def check(self) -> None:
        self._progress.check()

    def step(self, label: str = "") -> None:
        self.check()
        self._labels.put(label)

    def deliver_until(self, job: Future[Any]) -> None:
        while True:
            try:
                label = self._labels.get(timeout=0.05)
            except queue.Empty:
                if job.done() and self._labels.empty():
                    return
                continue
            self._progress.steps = self.steps
            self._progress.step(label)


def check_redline_threaded(threads: int, redline: Layer, farmland: Layer | None = None,
                           urban: Layer | None = None, protected: Layer | None = None,
                           conflicts: Sequence[Layer] = (), counties: Layer | None = None,
                           county_code_field: str | None = None, county_name_field: str | None = None,
                           params: RedlineParams | None = None, measure: Measurer | None = None,
                           progress: Progress = NO_PROGRESS, cells: int | None = None) -> RedlineResult:
    """check_redline's result computed by `threads` threads of one pool, over partitions of the
    in-memory layers (`cells` of them; CELLS_PER_THREAD per thread by default). shapely 2 releases
    the GIL in its array functions, so the partitions run on every core. One thread: check_redline
    itself."""
    if threads <= 1:
        return check_redline(redline, farmland, urban, protected, conflicts, counties,
                             county_code_field, county_name_field, params, measure, progress)
    inputs = memory_inputs(redline, farmland, urban, protected, conflicts, counties,
                           county_code_field, county_name_field)
    with ThreadPoolExecutor(max_workers=threads) as pool:
        return check_partitioned(inputs, params, measure, cells=cells or CELLS_PER_THREAD * threads,
                                 mapper=pool.map, progress=progress)
