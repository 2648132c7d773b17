"""Vectorised geometry helpers shared by every check (shapely 2 arrays, no per-feature Python loops)."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable, Sequence

import numpy as np
import shapely

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

    from .arrays import Array, Bools, Floats, Geoms, Ints
    from .measure import Measurer

POLYGONAL = (shapely.GeometryType.POLYGON, shapely.GeometryType.MULTIPOLYGON)

# No CRS puts a place on earth beyond this many map units: the largest real coordinates are
# zone-prefixed Gauss-Krüger eastings (4.6e7 m). Past it, GEOS and PROJ lose all precision, and
# densifying or measuring such a geometry runs away.
MAX_COORD = 1e9
WORLD = (-MAX_COORD, -MAX_COORD, MAX_COORD, MAX_COORD)

# Why a geometry cannot be used at all (USABLE: it can, or it is simply missing).
USABLE, NOT_FINITE, OUT_OF_RANGE, UNREADABLE, WRONG_TYPE = range(5)


def as_array(geoms: ArrayLike) -> Geoms:
    return np.asarray(geoms, dtype=object) if not isinstance(geoms, np.ndarray) else geoms


def is_missing(geoms: ArrayLike) -> Bools:
    """True where the geometry is None or empty."""
    arr = as_array(geoms)
    return shapely.is_missing(arr) | shapely.is_empty(arr)


def from_wkb(wkbs: ArrayLike) -> tuple[Geoms, Bools]:
    """(geometries, unreadable mask) of an array of WKB (None for NULL): WKB that GEOS cannot
    read (a ring that is not closed, e.g. by a NaN closing vertex) gives None, marked unreadable."""
    flat = np.asarray(wkbs, dtype=object).reshape(-1)
    geoms = shapely.from_wkb(flat, on_invalid="ignore")
    return geoms, shapely.is_missing(geoms) & ~np.equal(flat, np.array(None))


def finite(geoms: Geoms) -> Bools:
    """True where every coordinate is a number (missing geometries count as finite).

    A NaN or infinite coordinate makes a line's or a ring's length, or the bounds, non-finite;
    points have no length, so only their coordinates are listed."""
    geoms = as_array(geoms)
    out = np.ones(len(geoms), dtype=bool)
    present = np.flatnonzero(~is_missing(geoms))
    if len(present) == 0:
        return out
    g = geoms[present]
    with np.errstate(invalid="ignore"):
        ok = np.isfinite(shapely.length(g)) & np.isfinite(shapely.bounds(g)).all(axis=1)
    points = np.flatnonzero(ok & (shapely.get_dimensions(g) == 0))
    if len(points):
        xy, owner = shapely.get_coordinates(g[points], return_index=True)
        ok[points[owner[~np.isfinite(xy).all(axis=1)]]] = False
    out[present] = ok
    return out


def unusable(geoms: Geoms, box: Sequence[float] = WORLD, dimension: int | None = None,
             unreadable: Bools | None = None) -> Ints:
    """Why each geometry cannot be used, as a code (USABLE where it can or where it is missing):
    NOT_FINITE (a NaN or infinite coordinate), OUT_OF_RANGE (a coordinate outside `box`,
    (xmin, ymin, xmax, ymax) in map units), UNREADABLE (flagged by from_wkb), WRONG_TYPE (not of
    `dimension`, e.g. a point in a polygon layer; None accepts any)."""
    geoms = as_array(geoms)
    codes = np.full(len(geoms), USABLE, dtype=np.int8)
    if unreadable is not None:
        codes[np.asarray(unreadable, dtype=bool)] = UNREADABLE
    present = np.flatnonzero(~is_missing(geoms))
    if len(present) == 0:
        return codes
    g = geoms[present]
    inside = _inside(g, box)
    code = np.where(inside, USABLE, OUT_OF_RANGE)
    if dimension is not None:
        code[inside & (shapely.get_dimensions(g) != dimension)] = WRONG_TYPE
    code[~finite(g)] = NOT_FINITE
    codes[present] = code
    return codes


def usable_copy(geoms: Geoms, box: Sequence[float] = WORLD, dimension: int | None = None,
                unreadable: Bools | None = None) -> tuple[Geoms, Ints]:
    """(geometries, codes): unusable geometries (see `unusable`) and empty ones become None, and
    Z values are dropped, so that no later step meets them; the codes say why."""
    geoms = as_array(geoms).copy()
    codes = unusable(geoms, box, dimension, unreadable)
    geoms[(codes != USABLE) | is_missing(geoms)] = None
    z = np.flatnonzero(shapely.has_z(geoms))
    if len(z):
        geoms[z] = shapely.force_2d(geoms[z])
    return geoms, codes


def point_xy(points: Geoms) -> Floats:
    """(n, 2) x and y of each point, NaN where it is missing or empty (get_x raises on an empty
    point in GEOS 3.11, and get_coordinates skips it)."""
    points = as_array(points)
    out = np.full((len(points), 2), np.nan)
    present = np.flatnonzero(~is_missing(points))
    if len(present):
        xy, owner = shapely.get_coordinates(points[present], return_index=True)
        out[present[owner]] = xy
    return out


def parts_of_type(geoms: Geoms, type_id: int, collect: Callable[..., Geoms]) -> Geoms:
    """Keep only the parts of one type in each geometry, regrouped with `collect`
    (e.g. shapely.multipolygons); None where a geometry has none."""
    geoms = as_array(geoms)
    out = np.full(len(geoms), None, dtype=object)
    if len(geoms) == 0:
        return out
    parts, owner = shapely.get_parts(geoms, return_index=True)
    # a GeometryCollection part may itself be a Multi*: explode one more level
    parts, sub = shapely.get_parts(parts, return_index=True)
    owner = owner[sub]
    keep = (shapely.get_type_id(parts) == type_id) & ~shapely.is_empty(parts)
    if keep.any():
        present, dense = np.unique(owner[keep], return_inverse=True)
        out[present] = collect(parts[keep], indices=dense)
    return out


def polygonal(geoms: Geoms) -> Geoms:
    """Keep only the polygonal content of each geometry (MultiPolygon or None).

    make_valid and intersection can return GeometryCollections with lines or points;
    an area check only cares about the polygons.
    """
    return parts_of_type(geoms, shapely.GeometryType.POLYGON, shapely.multipolygons)


def repair(geoms: Geoms) -> tuple[Geoms, Bools, Array]:
    """(repaired polygonal copies, valid mask, reasons) — the input array is not modified.

    Invalid polygons are repaired with GEOS make_valid; their reasons (e.g. 'Self-intersection[x y]')
    are returned for the findings. Missing geometries stay None, and so do geometries with a NaN,
    infinite or absurd coordinate (make_valid raises or runs away on them): they are invalid.
    """
    geoms = as_array(geoms)
    missing = is_missing(geoms)
    geos_valid = shapely.is_valid(geoms)
    codes = _unusable_after_validity(geoms, geos_valid & ~missing, ~geos_valid & ~missing)
    valid = (geos_valid & (codes == USABLE)) | missing
    reasons = np.full(len(geoms), None, dtype=object)
    fixed = geoms.copy()
    bad = np.flatnonzero(~valid)
    if len(bad):
        reasons[bad] = shapely.is_valid_reason(geoms[bad])
        reasons[codes == OUT_OF_RANGE] = "Coordinate out of range"
        fixable = bad[codes[bad] == USABLE]
        fixed[fixable] = shapely.make_valid(geoms[fixable])
    fixed[missing | (codes != USABLE)] = None
    need = np.flatnonzero(~missing)
    if len(need):
        types = shapely.get_type_id(fixed[need])
        odd = need[~np.isin(types, [int(t) for t in POLYGONAL])]
        fixed[odd] = polygonal(fixed[odd])
    return fixed, valid, reasons


def _unusable_after_validity(geoms: Geoms, valid: Bools, invalid: Bools) -> Ints:
    """`unusable` codes (WORLD box), knowing GEOS validity: a valid geometry has only finite
    coordinates (GEOS finds NaN and infinity invalid), so it needs only the bounds test."""
    codes = np.full(len(geoms), USABLE, dtype=np.int8)
    bad = np.flatnonzero(invalid)
    codes[bad] = unusable(geoms[bad])
    good = np.flatnonzero(valid)
    codes[good[~_inside(geoms[good], WORLD)]] = OUT_OF_RANGE
    return codes


def _inside(geoms: Geoms, box: Sequence[float]) -> Bools:
    """Whether each geometry's bounds lie in `box` (xmin, ymin, xmax, ymax; False for NaN bounds)."""
    with np.errstate(invalid="ignore"):
        bounds = shapely.bounds(geoms)
    return ((bounds[:, 0] >= box[0]) & (bounds[:, 1] >= box[1])
            & (bounds[:, 2] <= box[2]) & (bounds[:, 3] <= box[3]))


_LOCATION = re.compile(r"\[\s*(\S+)\s+(\S+)\s*\]\s*$")


def reason_locations(reasons: Array) -> Floats:
    """(n, 2) x and y of the place GEOS names at the end of each validity reason
    ('Self-intersection[36491307.82 2548661.14]'), NaN where a reason names none.

    shapely 2 has no API for the location itself; GEOS writes it into the reason text."""
    out = np.full((len(reasons), 2), np.nan)
    for k, reason in enumerate(reasons):  # the reasons of the invalid features only
        found = _LOCATION.search(reason) if isinstance(reason, str) else None
        if found:
            try:
                out[k] = float(found.group(1)), float(found.group(2))
            except ValueError:
                pass
    out[~np.isfinite(out).all(axis=1)] = np.nan
    return out


def squares(xy: ArrayLike, half: ArrayLike) -> Geoms:
    """Axis-parallel squares (rectangles in map units) centred on each point of xy (n, 2), with
    half-sides `half` (n, 2) in map units; None where a point is NaN."""
    at, size = np.asarray(xy, dtype=float), np.asarray(half, dtype=float)
    out = np.full(len(at), None, dtype=object)
    ok = np.isfinite(at).all(axis=1) & np.isfinite(size).all(axis=1)
    if ok.any():
        lo, hi = at[ok] - size[ok], at[ok] + size[ok]
        out[ok] = shapely.box(lo[:, 0], lo[:, 1], hi[:, 0], hi[:, 1])
    return out


def explode_polygons(geoms: Geoms) -> tuple[Geoms, Ints]:
    """(parts, owner index) of every polygon part."""
    parts, owner = shapely.get_parts(as_array(geoms), return_index=True)
    keep = shapely.get_type_id(parts) == shapely.GeometryType.POLYGON
    return parts[keep], owner[keep]


def holes(parts: Geoms) -> tuple[Geoms, Ints]:
    """(hole polygons, index of the part they belong to)."""
    rings, owner = shapely.get_rings(as_array(parts), return_index=True)
    if len(rings) == 0:
        return np.empty(0, dtype=object), np.empty(0, dtype=np.intp)
    first = np.ones(len(rings), dtype=bool)
    first[1:] = owner[1:] != owner[:-1]  # the first ring of each part is its exterior
    inner = ~first
    return shapely.polygons(rings[inner]), owner[inner]


def thinness(area: ArrayLike, perimeter: ArrayLike) -> Floats:
    """Polsby-Popper compactness 4πA/P²: 1 for a disc, near 0 for a sliver."""
    with np.errstate(divide="ignore", invalid="ignore"):
        value = 4.0 * np.pi * np.asarray(area) / np.asarray(perimeter) ** 2
    return np.nan_to_num(value, nan=0.0, posinf=0.0)


def grouped_union(geoms: Geoms, groups: Ints, n_groups: int, chunk: int = 200000,
                  grid_size: float | None = None) -> Geoms:
    """Union of the geometries of each group 0..n_groups-1 (None where a group is empty).

    With grid_size the unions snap-round to that precision grid (robust where a floating
    union could drop area on GEOS 3.11).

    Pads the groups into a 2-D array and unions along the rows: one vectorised call
    per chunk instead of a Python loop per group.
    """
    geoms = as_array(geoms)
    out = np.full(n_groups, None, dtype=object)
    if len(geoms) == 0:
        return out
    order = np.argsort(groups, kind="stable")
    groups, geoms = np.asarray(groups)[order], geoms[order]
    counts = np.bincount(groups, minlength=n_groups)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    rank = np.arange(len(groups)) - starts[groups]
    # single-member groups need no union
    single = counts[groups] == 1
    out[groups[single]] = geoms[single]
    multi_groups = np.flatnonzero(counts > 1)
    if len(multi_groups) == 0:
        return out
    width = counts[multi_groups].max()
    rows = np.full(n_groups, -1)
    rows[multi_groups] = np.arange(len(multi_groups))
    sel = ~single
    step = max(1, chunk // width)
    for begin in range(0, len(multi_groups), step):
        ids = multi_groups[begin:begin + step]
        block = np.full((len(ids), width), None, dtype=object)
        in_block = sel & (rows[groups] >= begin) & (rows[groups] < begin + step)
        block[rows[groups[in_block]] - begin, rank[in_block]] = geoms[in_block]
        out[ids] = shapely.union_all(block, axis=1, grid_size=grid_size)
    return out


def plain(geoms: Geoms) -> Geoms:
    """The same coordinates without a fixed precision model attached.

    Results of grid operations carry their grid; GEOS 3.11 then runs later operations without
    an explicit grid in that precision, and its fixed-precision unary union can fail
    ('TopologyException: Ring edge missing'). Every grid result is handed on plain.
    """
    return shapely.set_precision(geoms, 0)


def plain_owned(geoms: Geoms) -> Geoms:
    """plain(), in a new array, but the geometries that carry no fixed precision model (read ones,
    repaired ones) are passed on as they are, not copied (a copy costs about 3 µs per 100 vertices):
    only for a caller whose threads never use these geometry objects at the same time (GEOS caches
    envelopes and prepared indexes on them)."""
    out = np.array(geoms, dtype=object)
    gridded = np.flatnonzero(shapely.get_precision(out) > 0)
    out[gridded] = plain(out[gridded])
    return out


def grid_for(measure: Measurer, grid_size: float | None) -> float:
    """The overlay grid: 1 µm for projected data, 1e-11° (about 1 µm) for geographic data.

    Fine enough that rounding a 1 km edge moves at most 0.001 m² (well under the 0.01 m² noise
    level), coarse enough to absorb the 1e-9 m noise of floating-point overlays.
    """
    if grid_size is not None:
        return grid_size
    return 1e-11 if measure.geographic else 1e-6


def polygon_rings(geoms: Geoms) -> tuple[Geoms, Ints, Bools]:
    """(rings, geometry index of each ring, exterior mask) of the polygons in each geometry."""
    parts, part_of = shapely.get_parts(geoms, return_index=True)
    poly = shapely.get_type_id(parts) == shapely.GeometryType.POLYGON
    parts, part_of = parts[poly], part_of[poly]
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    exterior = np.ones(len(rings), dtype=bool)
    exterior[1:] = ring_part[1:] != ring_part[:-1]
    return rings, part_of[ring_part], exterior


def boundary_chunks(polygons: Geoms, size: int = 64) -> tuple[Geoms, Ints]:
    """(lines, index of their polygon): every ring of the polygons cut into lines of at most `size`
    segments, so that an STRtree finds the few lines near a place without one object per segment."""
    rings, owner, _ = polygon_rings(as_array(polygons))
    xy, ring_of = shapely.get_coordinates(rings, return_index=True)
    seg = np.flatnonzero(ring_of[1:] == ring_of[:-1])  # segment k joins xy[k] and xy[k + 1]
    if len(seg) == 0:
        return np.empty(0, dtype=object), np.empty(0, dtype=np.intp)
    ring = ring_of[seg]
    position = seg - np.searchsorted(ring_of, ring)
    _, chunk = np.unique(ring * (position.max() // size + 1) + position // size, return_inverse=True)
    last = np.ones(len(seg), dtype=bool)
    last[:-1] = chunk[1:] != chunk[:-1]
    points = np.concatenate([xy[seg], xy[seg[last] + 1]])
    ids = np.concatenate([chunk, chunk[last]])
    order = np.argsort(ids, kind="stable")  # each chunk's start points, then its end point
    return shapely.linestrings(points[order], indices=ids[order]), owner[ring[last]]


def in_metres(geoms: Geoms, origin: Floats, scale: Floats) -> Geoms:
    """Each geometry moved to its own origin (n, 2) and stretched by its scale (n, 2: metres per map
    unit along x and y): a local frame in metres, where buffers and areas mean metres and m²."""
    geoms = as_array(geoms)
    _, owner = shapely.get_coordinates(geoms, return_index=True)
    return shapely.transform(geoms, lambda xy: (xy - origin[owner]) * scale[owner])


def along_boundary(pieces: Geoms, zones: Geoms, z: Ints, width: float, measure: Measurer,
                   tolerance: float = 0.0) -> Bools:
    """True where pieces[k], a piece inside zones[z[k]], lies within `width` metres of that zone's
    boundary, no more than `tolerance` m² of it further in: a strip along the zone's line, which is
    what two layers drawn on different datums or scales leave along a shared line (DOMAIN 2.2-6).

    Measured in a frame in metres around each piece, so that geographic CRSs measure right."""
    pieces = as_array(pieces)
    out = np.zeros(len(pieces), dtype=bool)
    todo = np.flatnonzero(~is_missing(pieces))
    if width <= 0 or len(todo) == 0:
        return out
    p = pieces[todo]
    used, zone_of = np.unique(np.asarray(z)[todo], return_inverse=True)
    lines, line_zone = boundary_chunks(as_array(zones)[used])
    bounds = shapely.bounds(p)
    centre = (bounds[:, :2] + bounds[:, 2:]) / 2.0
    scale = measure.metres_per_unit(centre)
    lo, hi = bounds[:, :2] - width / scale, bounds[:, 2:] + width / scale
    boxes = shapely.box(lo[:, 0], lo[:, 1], hi[:, 0], hi[:, 1])
    k, line = shapely.STRtree(lines).query(boxes, predicate="intersects")
    keep = line_zone[line] == zone_of[k]
    k, line = k[keep], line[keep]
    order = np.lexsort((line, k))
    k, line = k[order], line[order]
    near, dense = np.unique(k, return_inverse=True)
    if len(near) == 0:
        return out
    # only the lines within the width of the piece's envelope matter: clip before buffering
    local = shapely.intersection(shapely.multilinestrings(lines[line], indices=dense), boxes[near])
    strip = shapely.buffer(in_metres(local, centre[near], scale[near]), width, quad_segs=8)
    rest = shapely.difference(in_metres(p[near], centre[near], scale[near]), strip)
    out[todo[near]] = shapely.area(rest) <= max(tolerance, 1e-6)
    return out
