"""Vectorised geometry helpers shared by every check (shapely 2 arrays, no per-feature Python loops)."""
import numpy as np
import shapely

POLYGONAL = (shapely.GeometryType.POLYGON, shapely.GeometryType.MULTIPOLYGON)


def as_array(geoms):
    return np.asarray(geoms, dtype=object) if not isinstance(geoms, np.ndarray) else geoms


def is_missing(geoms):
    """True where the geometry is None or empty."""
    geoms = as_array(geoms)
    return shapely.is_missing(geoms) | shapely.is_empty(geoms)


def parts_of_type(geoms, type_id, collect):
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


def polygonal(geoms):
    """Keep only the polygonal content of each geometry (MultiPolygon or None).

    make_valid and intersection can return GeometryCollections with lines or points;
    an area check only cares about the polygons.
    """
    return parts_of_type(geoms, shapely.GeometryType.POLYGON, shapely.multipolygons)


def repair(geoms):
    """(repaired polygonal copies, valid mask, reasons) — the input array is not modified.

    Invalid polygons are repaired with GEOS make_valid; their reasons (e.g. 'Self-intersection[x y]')
    are returned for the findings. Missing geometries stay None.
    """
    geoms = as_array(geoms)
    missing = is_missing(geoms)
    valid = shapely.is_valid(geoms) | missing
    reasons = np.full(len(geoms), None, dtype=object)
    fixed = geoms.copy()
    bad = np.flatnonzero(~valid)
    if len(bad):
        reasons[bad] = shapely.is_valid_reason(geoms[bad])
        fixed[bad] = shapely.make_valid(geoms[bad])
    fixed[missing] = None
    need = np.flatnonzero(~missing)
    if len(need):
        types = shapely.get_type_id(fixed[need])
        odd = need[~np.isin(types, [int(t) for t in POLYGONAL])]
        fixed[odd] = polygonal(fixed[odd])
    return fixed, valid, reasons


def explode_polygons(geoms):
    """(parts, owner index) of every polygon part."""
    parts, owner = shapely.get_parts(as_array(geoms), return_index=True)
    keep = shapely.get_type_id(parts) == shapely.GeometryType.POLYGON
    return parts[keep], owner[keep]


def holes(parts):
    """(hole polygons, index of the part they belong to)."""
    rings, owner = shapely.get_rings(as_array(parts), return_index=True)
    if len(rings) == 0:
        return np.empty(0, dtype=object), np.empty(0, dtype=np.intp)
    first = np.ones(len(rings), dtype=bool)
    first[1:] = owner[1:] != owner[:-1]  # the first ring of each part is its exterior
    inner = ~first
    return shapely.polygons(rings[inner]), owner[inner]


def thinness(area, perimeter):
    """Polsby-Popper compactness 4πA/P²: 1 for a disc, near 0 for a sliver."""
    with np.errstate(divide="ignore", invalid="ignore"):
        value = 4.0 * np.pi * np.asarray(area) / np.asarray(perimeter) ** 2
    return np.nan_to_num(value, nan=0.0, posinf=0.0)


def grouped_union(geoms, groups, n_groups, chunk=200000, grid_size=None):
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


def plain(geoms):
    """The same coordinates without a fixed precision model attached.

    Results of grid operations carry their grid; GEOS 3.11 then runs later operations without
    an explicit grid in that precision, and its fixed-precision unary union can fail
    ('TopologyException: Ring edge missing'). Every grid result is handed on plain.
    """
    return shapely.set_precision(geoms, 0)


def grid_for(measure, grid_size):
    """The overlay grid: 1 µm for projected data, 1e-11° (about 1 µm) for geographic data.

    Fine enough that rounding a 1 km edge moves at most 0.001 m² (well under the 0.01 m² noise
    level), coarse enough to absorb the 1e-9 m noise of floating-point overlays.
    """
    if grid_size is not None:
        return grid_size
    return 1e-11 if measure.geographic else 1e-6


def polygon_rings(geoms):
    """(rings, geometry index of each ring, exterior mask) of the polygons in each geometry."""
    parts, part_of = shapely.get_parts(geoms, return_index=True)
    poly = shapely.get_type_id(parts) == shapely.GeometryType.POLYGON
    parts, part_of = parts[poly], part_of[poly]
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    exterior = np.ones(len(rings), dtype=bool)
    exterior[1:] = ring_part[1:] != ring_part[:-1]
    return rings, part_of[ring_part], exterior
