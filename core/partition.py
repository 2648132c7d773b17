"""The red-line check over spatial partitions: the findings, statistics and patch areas of one
check_redline call over whole layers, from partitions that each read only their own features
(DESIGN "Scale: threads, partitions, Dask"). Partitions run one after another, on a thread pool
(processing/algorithms/redline_check, THREADS) or on Dask workers (tools/batch.py): `run_partition` is the
unit of work, `merge` joins what they give back. No QGIS here.

Partitions
  A grid of rectangular cells over the extent of every input layer (`plan`: as many cells as a
  thread count or a memory budget asks for), plus the null partition NULL, which holds the features
  that have no envelope (no geometry, or one the reader left out as unusable).

What a cell reads (a source gives at least the features whose envelope meets a rectangle):
  - FARMLAND, URBAN_BOUNDARY, PROTECTED_AREAS and the conflict layers: the cell;
  - REDLINE and COUNTIES: the cell grown to the envelopes of every red-line patch and protected
    area that meets it (the halo). The rules that look past a feature at its neighbours (a hole
    filled by an island, a protected area outside the red line, county pieces and majorities,
    exact duplicates) then see every neighbour of every feature the cell can own.

Who owns a finding (one partition, whatever the order of execution), with envelopes as read:
  - about one feature (no other_fid): the cell holding the lower-left corner of its envelope;
  - about a pair (fid, other_fid): the cell holding the lower-left corner of the intersection of
    the two envelopes. Both features meet that cell, so that cell reads both;
  - about a whole layer (no fid), or a feature without an envelope: the null partition.
  A point on a cell's lower or left edge is that cell's; the last row and column also own their
  upper and right edges. The statistics count each red-line patch in the partition owning it.

One rule is global: RL_CODE_DUPLICATE compares codes over the whole layer. `code_duplicates` runs
redline's own rule on the code column alone (no geometry), and the partitions owning those
features hand over their repaired geometries.
"""
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import shapely

from .findings import Findings
from .geom import repair
from .layer import Layer
from .progress import NO_PROGRESS
from .redline import REDLINE, RedlineParams, RedlineResult, _code_duplicates, check_redline, ledger
from .rules import RULES

NULL = -1  # the null partition: features without an envelope, findings about whole layers
GLOBAL_RULES = ("RL_CODE_DUPLICATE",)
# Memory of a partition per feature it reads (all layers, halos included): measured ~1.2 KB on the
# synthetic provinces (bench/README.md, "Partitions"), taken twice for uneven data. What
# `cells_for_budget` plans with.
BYTES_PER_FEATURE = 2048


# --- sources ------------------------------------------------------------------------------

@dataclass
class Read:
    """Features a source gave for a rectangle: the Layer, their envelopes as the source sees them
    (n, 4: xmin, ymin, xmax, ymax; NaN without one) and their place in the whole layer (`order`,
    increasing in the layer's feature order)."""
    layer: Layer
    env: np.ndarray
    order: np.ndarray


class LayerSource:
    """A source over a Layer already in memory (the QGIS algorithm's threads, the tests).

    `copy`: each read gets its own geometry objects. Layers whose geometries a check prepares
    (shapely.prepare: counties) are copied, so that no two threads share a prepared geometry:
    GEOS builds a prepared geometry's indexes lazily and is not thread-safe there.
    """

    def __init__(self, layer, copy=False):
        self.layer = layer
        self.name = layer.name
        self.copy = copy
        self.env = shapely.bounds(layer.geoms)  # NaN where there is no geometry
        self.fields = tuple(layer.attrs)

    def __len__(self):
        return len(self.layer)

    def extent(self):
        env = self.env[~np.isnan(self.env).any(axis=1)]
        if len(env) == 0:
            return None
        return env[:, 0].min(), env[:, 1].min(), env[:, 2].max(), env[:, 3].max()

    def _rows(self, rect):
        if rect is None:
            return np.flatnonzero(np.isnan(self.env).any(axis=1))
        env = self.env
        return np.flatnonzero((env[:, 0] <= rect[2]) & (env[:, 2] >= rect[0])
                              & (env[:, 1] <= rect[3]) & (env[:, 3] >= rect[1]))

    def bounds(self, rect):
        return self.env[self._rows(rect)]

    def read(self, rect, fields=None):
        rows = self._rows(rect)
        lyr = self.layer
        geoms = lyr.geoms[rows]
        if self.copy:
            geoms = shapely.from_wkb(shapely.to_wkb(geoms))
        wanted = lyr.attrs if fields is None else {f: lyr.attrs[f] for f in fields if f in lyr.attrs}
        layer = Layer(lyr.name, geoms, lyr.fids[rows], {f: v[rows] for f, v in wanted.items()},
                      lyr.problems[rows])
        return Read(layer, self.env[rows], rows)

    def table(self, fields):
        """The whole layer's attributes `fields` without geometry (a Read with no geometries)."""
        lyr = self.layer
        layer = Layer(lyr.name, np.full(len(lyr), None, dtype=object), lyr.fids,
                      {f: lyr.attrs[f] for f in fields if f in lyr.attrs})
        return Read(layer, np.full((len(lyr), 4), np.nan), np.arange(len(lyr)))


@dataclass
class Inputs:
    """check_redline's layers as sources (None: not given)."""
    redline: object
    farmland: object = None
    urban: object = None
    protected: object = None
    conflicts: tuple = ()
    counties: object = None
    county_code_field: str = None
    county_name_field: str = None

    def sources(self):
        return [s for s in (self.redline, self.farmland, self.urban, self.protected, self.counties,
                            *self.conflicts) if s is not None]


def memory_inputs(redline, farmland=None, urban=None, protected=None, conflicts=(), counties=None,
                  county_code_field=None, county_name_field=None):
    """Inputs over in-memory Layers: check_redline's arguments, unchanged."""
    wrap = lambda lyr, copy=False: None if lyr is None else LayerSource(lyr, copy)  # noqa: E731
    return Inputs(wrap(redline), wrap(farmland), wrap(urban), wrap(protected),
                  tuple(wrap(c) for c in conflicts), wrap(counties, copy=True),
                  county_code_field, county_name_field)


# --- the grid -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Grid:
    x0: float
    y0: float
    width: float   # of a cell
    height: float
    nx: int
    ny: int

    def __len__(self):
        return self.nx * self.ny

    def cell_of(self, xy):
        """The partition owning each point (n, 2): a cell, or NULL for a NaN point."""
        xy = np.asarray(xy, dtype=float).reshape(-1, 2)
        out = np.full(len(xy), NULL, dtype=np.int64)
        ok = np.isfinite(xy).all(axis=1)
        ix = np.clip(np.floor((xy[ok, 0] - self.x0) / self.width), 0, self.nx - 1).astype(np.int64)
        iy = np.clip(np.floor((xy[ok, 1] - self.y0) / self.height), 0, self.ny - 1).astype(np.int64)
        out[ok] = iy * self.nx + ix
        return out

    def rect(self, pid):
        """The rectangle a cell reads: the cell grown by a rounding margin, so that it surely
        holds every point `cell_of` gives it (reading a little more is always safe)."""
        iy, ix = divmod(int(pid), self.nx)
        x0, y0 = self.x0 + ix * self.width, self.y0 + iy * self.height
        x1, y1 = x0 + self.width, y0 + self.height
        pad = 1e-9 * max(abs(x0), abs(y0), abs(x1), abs(y1), self.width, self.height)
        return x0 - pad, y0 - pad, x1 + pad, y1 + pad


def extent_of(inputs):
    extents = [e for e in (s.extent() for s in inputs.sources()) if e is not None]
    if not extents:
        return None
    e = np.array(extents, dtype=float)
    return e[:, 0].min(), e[:, 1].min(), e[:, 2].max(), e[:, 3].max()


def grid_for(extent, cells):
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
        nx = max(1, min(cells, int(round(np.sqrt(cells * w / h)))))
        ny = max(1, int(np.ceil(cells / nx)))
    width = w / nx if w > 0 else 1.0
    height = h / ny if h > 0 else 1.0
    return Grid(float(x0), float(y0), width, height, nx, ny)


def cells_for_budget(features, budget_bytes, bytes_per_feature=BYTES_PER_FEATURE):
    """How many cells keep a partition of evenly spread features within a memory budget."""
    return max(1, int(np.ceil(features * bytes_per_feature / float(budget_bytes))))


def plan(inputs, cells=None, budget_bytes=None):
    """The grid for `cells` cells, or for a memory budget per partition (bytes)."""
    if cells is None:
        features = sum(len(s) for s in inputs.sources())
        cells = cells_for_budget(features, budget_bytes) if budget_bytes else 1
    return grid_for(extent_of(inputs), cells)


def partitions(grid):
    """Every partition id: the cells, then the null partition."""
    return list(range(len(grid))) + [NULL]


# --- one partition ------------------------------------------------------------------------

@dataclass
class Part:
    """What one partition gives back (plain arrays: it travels between processes)."""
    pid: int
    table: dict                      # the findings it owns, as columns (Findings rows)
    code_fids: np.ndarray            # owned features with a duplicated code ...
    code_geoms: np.ndarray           # ... and their repaired geometries
    patch_order: np.ndarray          # owned red-line features: place in the layer ...
    patch_area: np.ndarray           # ... and ellipsoidal area
    county_order: np.ndarray         # counties read: place in the layer, code, name, area ...
    county_code: np.ndarray
    county_name: np.ndarray
    county_area: np.ndarray
    county_patches: np.ndarray       # ... and the owned patches and their area in each
    county_rl_area: np.ndarray
    total_patches: int
    total_area: float
    read: dict = field(default_factory=dict)  # features read per layer
    seconds: float = 0.0             # wall time of the partition (reading included)
    cpu_seconds: float = 0.0         # CPU time of the thread that ran it (other work on the machine aside)


def _grow(rect, *envs):
    env = np.concatenate([np.asarray(rect, dtype=float).reshape(1, 4)]
                         + [e for e in envs if e is not None and len(e)])
    return env[:, 0].min(), env[:, 1].min(), env[:, 2].max(), env[:, 3].max()


def _redline_fields(params):
    return [f for f in (params.code_field, params.county_field, params.area_field) if f]


@dataclass
class Context:
    """What every partition needs from the whole layers (small: attributes, no geometry)."""
    code_fids: np.ndarray = None   # red-line features whose code an earlier feature holds
    counties: Read = None          # every county's code and name


def context_of(inputs, params=None):
    """(Context, the RL_CODE_DUPLICATE findings without geometry) for `inputs`."""
    params = params or RedlineParams()
    codes = code_duplicates(inputs.redline, params)
    counties = None
    if inputs.counties is not None:
        fields = [f for f in (inputs.county_code_field, inputs.county_name_field) if f]
        counties = inputs.counties.table(fields)
    return Context(codes["fid"].astype(np.int64), counties), codes


def read_partition(inputs, grid, pid, params, context=None):
    """{role: Read} of one partition (see the module's notes).

    The counties read are completed by the codes and names of all the others (without geometry,
    `context.counties`): a finding's text names a county by its code and name wherever it lies."""
    params = params or RedlineParams()
    county_fields = [f for f in (inputs.county_code_field, inputs.county_name_field) if f]
    rl_fields = _redline_fields(params)
    cell = None if pid == NULL else grid.rect(pid)
    halo = cell
    if cell is not None:
        pa = inputs.protected.bounds(cell) if inputs.protected is not None else None
        halo = _grow(cell, inputs.redline.bounds(cell), pa)
    read = lambda src, rect, fields=(): None if src is None else src.read(rect, fields)  # noqa: E731
    return {"redline": read(inputs.redline, halo, rl_fields),
            "farmland": read(inputs.farmland, cell),
            "urban": read(inputs.urban, cell),
            "protected": read(inputs.protected, cell),
            "conflicts": [read(s, cell) for s in inputs.conflicts],
            "counties": _with_catalogue(read(inputs.counties, halo, county_fields),
                                        context.counties if context is not None else None)}


def _with_catalogue(read, catalogue):
    """The counties read, and the others from the catalogue without geometry, in layer order."""
    if read is None or catalogue is None:
        return read
    more = np.flatnonzero(~np.isin(catalogue.order, read.order))
    order = np.concatenate([read.order, catalogue.order[more]])
    rows = np.argsort(order, kind="stable")
    a, b = read.layer, catalogue.layer
    join = lambda x, y: np.concatenate([x, y[more]])[rows]  # noqa: E731
    attrs = {f: join(a.attrs[f], b.attrs[f]) for f in a.attrs if f in b.attrs}
    layer = Layer(a.name, join(a.geoms, b.geoms), join(a.fids, b.fids), attrs,
                  join(a.problems, b.problems))
    return Read(layer, join(read.env, catalogue.env), order[rows])


def run_partition(inputs, grid, pid, params=None, measure=None, context=None, progress=NO_PROGRESS):
    """check_redline on one partition's features, keeping what the partition owns: a Part.
    `context`: context_of(inputs) (needed for the global rule and the county names)."""
    started, cpu_started = time.perf_counter(), time.thread_time()
    params = params or RedlineParams()
    context = context or Context()
    reads = read_partition(inputs, grid, pid, params, context)
    rl, counties = reads["redline"], reads["counties"]
    # a layer of which the partition holds nothing is left out, as processing leaves out an
    # empty layer: no finding can involve it
    lyr = lambda r: None if r is None or len(r.layer) == 0 else r.layer  # noqa: E731
    owned = grid.cell_of(rl.env[:, :2]) == pid
    result = check_redline(
        rl.layer, farmland=lyr(reads["farmland"]), urban=lyr(reads["urban"]),
        protected=lyr(reads["protected"]), conflicts=[r.layer for r in reads["conflicts"] if len(r.layer)],
        counties=lyr(counties), county_code_field=inputs.county_code_field,
        county_name_field=inputs.county_name_field, params=params, measure=measure,
        progress=progress, counted=owned)
    table = _rows(result.findings)
    keep = (owner(table, reads, grid) == pid) & ~np.isin(table["rule"], GLOBAL_RULES)
    table = {k: v[keep] for k, v in table.items()}

    code_fids = context.code_fids if context.code_fids is not None else np.empty(0, np.int64)
    dup = np.flatnonzero(owned & np.isin(rl.layer.fids, code_fids))
    stats = result.statistics
    # county rows: the counties read with their geometry (the catalogue's have none)
    real = np.flatnonzero(~np.isnan(counties.env[:, 0])) if lyr(counties) is not None else []
    row = lambda name: stats[name][real]  # noqa: E731
    return Part(pid, table, rl.layer.fids[dup], repair(rl.layer.geoms[dup])[0],
                rl.order[owned], result.patch_area[owned],
                counties.order[real] if len(real) else np.empty(0, np.int64), row("code"),
                row("name"), row("county_area_m2"), row("patches"), row("area_m2"),
                int(stats["patches"][-1]), float(stats["area_m2"][-1]),
                {name: int(np.count_nonzero(~np.isnan(r.env[:, 0])))
                 for name, r in _named(reads)}, time.perf_counter() - started,
                time.thread_time() - cpu_started)


def _named(reads):
    for r in reads.values():
        for one in (r if isinstance(r, list) else [r]):
            if one is not None:
                yield one.layer.name, one


def _rows(findings):
    """All of a Findings' rows as columns, with what Findings keeps beside the table (the defect
    locations), so that a merged Findings draws them as the unpartitioned one does."""
    table = findings.table()
    blocks = findings._blocks
    for key in (blocks[0] if blocks else {}):
        if key not in table:
            table[key] = np.concatenate([b[key] for b in blocks])
    return table


def _as_findings(table):
    out = Findings()
    if len(table.get("rule", ())):
        out._blocks.append(table)
    return out


def owner(table, reads, grid):
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


def _env_of(layers, fids, envs):
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

def code_duplicates(redline, params=None):
    """The RL_CODE_DUPLICATE findings (without geometry) of a red-line source, from its code
    column alone, by redline's own rule."""
    params = params or RedlineParams()
    layer = redline.table([params.code_field] if params.code_field else []).layer
    out = Findings()
    if params.code_field in layer.attrs:
        if hasattr(out, "name_features"):  # findings that name features by their code
            out.name_features(REDLINE, layer.fids, layer.text(params.code_field))
        _code_duplicates(layer, layer.geoms, params, out)
    return _rows(out)


# --- merging ------------------------------------------------------------------------------

def merge(parts, codes=None):
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
    return RedlineResult(_as_findings(table), _statistics(parts), patch_area)


def _concat(tables):
    if not tables:
        return {}
    keys = [k for k in tables[0] if all(k in t for t in tables)]
    return {k: np.concatenate([t[k] for t in tables]) for k in keys}


def _sorted(table):
    if not table:
        return table
    rank = {rule: k for k, rule in enumerate(RULES)}
    rule_rank = np.array([rank.get(r, len(rank)) for r in table["rule"]])
    _, layer_rank = np.unique(table["layer"].astype(str), return_inverse=True)
    order = np.lexsort((np.nan_to_num(table["other_fid"], nan=np.inf),
                        np.nan_to_num(table["fid"], nan=-np.inf), layer_rank.ravel(), rule_rank))
    return {k: v[order] for k, v in table.items()}


def _statistics(parts):
    """The per-county ledger: each county once (in layer order), the owned patches summed."""
    order = np.concatenate([p.county_order for p in parts]).astype(np.int64)
    keys, first, inverse = np.unique(order, return_index=True, return_inverse=True)
    inverse = inverse.ravel()
    pick = lambda name: np.concatenate([getattr(p, name) for p in parts])  # noqa: E731
    patches = np.bincount(inverse, weights=pick("county_patches"), minlength=len(keys))
    rl_area = np.bincount(inverse, weights=pick("county_rl_area"), minlength=len(keys))
    return ledger(pick("county_code")[first], pick("county_name")[first],
                  patches.astype(np.int64), rl_area, pick("county_area")[first].astype(float),
                  sum(p.total_patches for p in parts), sum(p.total_area for p in parts))


# --- running ------------------------------------------------------------------------------

def check_partitioned(inputs, params=None, measure=None, grid=None, cells=None, budget_bytes=None,
                      mapper=map, progress=NO_PROGRESS):
    """check_redline's result from partitions: `mapper(fn, pids)` runs them (map: one after
    another; a thread pool's map; Dask in tools/batch.py). `grid` or `cells` or `budget_bytes`
    sets the partitions (one cell by default)."""
    params = params or RedlineParams()
    grid = grid or plan(inputs, cells, budget_bytes)
    context, codes = context_of(inputs, params)
    pids = partitions(grid)
    progress.steps = len(pids)

    def one(pid):
        progress.check()
        return run_partition(inputs, grid, pid, params, measure, context, _CancelOnly(progress))

    parts = []
    for part in mapper(one, pids):
        progress.step("partition {} of {}".format(len(parts) + 1, len(pids)))
        parts.append(part)
    return merge(parts, codes)


class _CancelOnly:
    """A partition's progress: it checks for a cancel; the bar moves per partition."""

    def __init__(self, progress):
        self._progress = progress
        self.steps = 1

    def step(self, label=""):
        self._progress.check()

    def check(self):
        self._progress.check()


# --- threads ------------------------------------------------------------------------------

CELLS_PER_THREAD = 4  # cells per thread: an even load on uneven data, halos still small (bench/README.md)


def check_redline_threaded(threads, redline, farmland=None, urban=None, protected=None, conflicts=(),
                           counties=None, county_code_field=None, county_name_field=None,
                           params=None, measure=None, progress=NO_PROGRESS, cells=None):
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
