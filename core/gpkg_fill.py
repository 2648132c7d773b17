"""Fill an empty GeoPackage table in one SQLite transaction: the rows, their R*Tree entries, the
extent and the feature count, as GDAL would have left them.

The table is one GDAL has just created and closed (a QGIS sink with no feature added): GDAL's
writer costs a Python feature object per row and builds the R*Tree when the file closes, which
made writing 82,192 findings slower than the whole analysis. Plain SQLite cannot run the triggers
GDAL puts on the table (they call GDAL's ST_* functions), so they are dropped while the rows go in
and recreated from their own SQL, unchanged, in the same transaction.
"""
from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np
import shapely

if TYPE_CHECKING:
    from .arrays import Geoms

_HEADER = np.dtype([("magic", "S2"), ("version", "u1"), ("flags", "u1"), ("srs_id", "<i4")])
_ENVELOPE = np.dtype(_HEADER.descr + [("envelope", "<f8", (4,))])


# the table types filled here (the sinks' geometries are all multi): their WKB and shapely type ids
_EMPTY_WKB = {"MULTIPOINT": 4, "MULTILINESTRING": 5, "MULTIPOLYGON": 6}


def _empty_blob(srs_id: int, type_name: str) -> bytes:
    """The GeoPackage blob of an empty geometry of the table's type (flags: little-endian, empty)."""
    return (np.array([(b"GP", 0, 0x11, srs_id)], dtype=_HEADER).tobytes()
            + np.array([1], dtype="u1").tobytes() + np.array([_EMPTY_WKB[type_name], 0], dtype="<u4").tobytes())


def _quote(name: str) -> str:
    return '"{}"'.format(name.replace('"', '""'))


def as_multi(geoms: Geoms) -> Geoms:
    """Points, lines and polygons as one-part multi-geometries (QgsGeometry.convertToMultiType)."""
    geoms = np.array(geoms, dtype=object)
    kinds = shapely.get_type_id(geoms)
    for single, make in ((shapely.GeometryType.POINT, shapely.multipoints),
                         (shapely.GeometryType.LINESTRING, shapely.multilinestrings),
                         (shapely.GeometryType.POLYGON, shapely.multipolygons)):
        rows = np.flatnonzero(kinds == single)
        if len(rows):
            geoms[rows] = make(geoms[rows][:, np.newaxis])
    return geoms


def gpkg_blobs(geoms: Geoms, srs_id: int) -> tuple[list[Any], np.ndarray]:
    """(GeoPackage geometry blobs, None for missing or empty geometries; their bounds, NaN rows for
    those), in 2D. Points carry no envelope, every other type its XY envelope, as GDAL writes them."""
    geoms = np.asarray(geoms, dtype=object)
    n = len(geoms)
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    bounds = np.full((n, 4), np.nan)
    bounds[present] = shapely.bounds(geoms[present])
    wkbs = shapely.to_wkb(geoms[present], output_dimension=2, byte_order=1)
    point = shapely.get_type_id(geoms[present]) == shapely.GeometryType.POINT
    header = np.zeros(len(wkbs), dtype=_ENVELOPE)
    header["magic"], header["srs_id"] = b"GP", srs_id
    header["flags"] = np.where(point, 0x01, 0x03)  # little-endian; envelope none or XY
    header["envelope"] = bounds[present][:, [0, 2, 1, 3]]  # minx, maxx, miny, maxy
    raw = header.tobytes()
    size, short = _ENVELOPE.itemsize, _HEADER.itemsize
    blobs: list[Any] = [None] * n
    for k, row in enumerate(np.flatnonzero(present)):
        start = k * size
        blobs[row] = raw[start:start + (short if point[k] else size)] + wkbs[k]
    return blobs, bounds


def fill_table(path: str, table: str | None, names: Sequence[str], columns: Sequence[list[Any]],
               geoms: Geoms | None, durable: bool = True) -> bool:
    """Insert the rows (columns of plain Python values, in the order of `names`) into `table` of the
    GeoPackage `path` (None: its only table). False, with nothing written, when the table is not the
    empty one expected (other columns, rows already there): the caller then writes through GDAL.
    `durable` False: the commit does not wait for the disk (a file the run has just made)."""
    con = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        if not durable:
            con.execute("PRAGMA synchronous = OFF")
        con.execute("BEGIN IMMEDIATE")
        target = _target(con, table, names, geoms is not None)
        if target is None:
            con.execute("ROLLBACK")
            return False
        if geoms is not None:
            geoms = as_multi(geoms)
            if not _fits(geoms, target[3][1]):
                con.execute("ROLLBACK")
                return False
        _insert(con, *target, names, columns, geoms)
        con.execute("COMMIT")
        return True
    except sqlite3.Error:
        if con.in_transaction:
            con.execute("ROLLBACK")
        return False
    finally:
        con.close()


def _target(con: sqlite3.Connection, table: str | None, names: Sequence[str],
            with_geometry: bool) -> tuple[str, str, str | None, tuple[int, str]] | None:
    """(table, fid column, geometry column, (srs id, geometry type)) when the table is empty, has
    exactly these columns and a 2D multi-point, line or polygon type; None otherwise."""
    tables = [row[0] for row in con.execute("SELECT table_name FROM gpkg_contents")]
    if table is None:
        table = tables[0] if len(tables) == 1 else None
    if table is None or table not in tables:
        return None
    info = con.execute("PRAGMA table_info({})".format(_quote(table))).fetchall()
    fid = [row[1] for row in info if row[5]]
    geometry = con.execute("SELECT column_name, srs_id, geometry_type_name, z, m FROM gpkg_geometry_columns "
                           "WHERE table_name = ?", (table,)).fetchone()
    geom_col = geometry[0] if geometry else None
    others = [row[1] for row in info if not row[5] and row[1] != geom_col]
    if len(fid) != 1 or others != list(names) or (with_geometry and geom_col is None) or \
            (geometry and (str(geometry[2]).upper() not in _EMPTY_WKB or geometry[3] or geometry[4])):
        return None
    if con.execute("SELECT 1 FROM {} LIMIT 1".format(_quote(table))).fetchone():
        return None
    return table, fid[0], geom_col, (int(geometry[1]), str(geometry[2]).upper()) if geometry else (0, "")


def _fits(geoms: Geoms, type_name: str) -> bool:
    """Every geometry is of the table's type (or missing, or empty): nothing for GDAL to convert."""
    if not type_name:
        return True
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    return bool(np.all(shapely.get_type_id(geoms[present]) == _EMPTY_WKB[type_name]))


def _insert(con: sqlite3.Connection, table: str, fid: str, geom_col: str | None, kind: tuple[int, str],
            names: Sequence[str], columns: Sequence[list[Any]], geoms: Geoms | None) -> None:
    srs_id, type_name = kind
    n = len(columns[0]) if columns else (0 if geoms is None else len(geoms))
    triggers = con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
                           (table,)).fetchall()
    for name, _ in triggers:
        con.execute("DROP TRIGGER {}".format(_quote(name)))
    fids = list(range(1, n + 1))
    cols, values = [fid, *names], [fids, *columns]
    bounds = None
    if geom_col is not None:  # a row without a geometry gets an empty one, as GDAL's writer stores it
        empty = _empty_blob(srs_id, type_name)
        blobs, bounds = gpkg_blobs(geoms, srs_id) if geoms is not None else ([None] * n, None)
        cols, values = cols + [geom_col], values + [[empty if b is None else b for b in blobs]]
    con.executemany("INSERT INTO {} ({}) VALUES ({})".format(
        _quote(table), ", ".join(_quote(c) for c in cols), ", ".join("?" * len(cols))), zip(*values))
    if bounds is not None:
        _index(con, table, geom_col or "", bounds)
    for _, sql in triggers:
        con.execute(sql)
    if con.execute("SELECT 1 FROM sqlite_master WHERE name = 'gpkg_ogr_contents'").fetchone():
        con.execute("UPDATE gpkg_ogr_contents SET feature_count = ? WHERE table_name = ?", (n, table))


def _index(con: sqlite3.Connection, table: str, geom_col: str, bounds: np.ndarray) -> None:
    """The R*Tree entries (when the table has its index) and gpkg_contents' extent."""
    rows = np.flatnonzero(~np.isnan(bounds[:, 0]))
    rtree = "rtree_{}_{}".format(table, geom_col)
    if len(rows) and con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                                 (rtree,)).fetchone():
        if not _load_rtree(con, rtree, rows + 1, bounds[rows]):
            raise sqlite3.DatabaseError("the new table's R*Tree is not empty")  # fill_table declines
    extent: list[float | None] = [None] * 4
    if len(rows):
        extent = [float(bounds[rows, 0].min()), float(bounds[rows, 1].min()), float(bounds[rows, 2].max()),
                  float(bounds[rows, 3].max())]
    con.execute("UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?, "
                "last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE table_name = ?", (*extent, table))


_CELL = np.dtype([("id", ">i8"), ("box", ">f4", (4,))])  # an R*Tree cell: id, minx, maxx, miny, maxy


def _load_rtree(con: sqlite3.Connection, rtree: str, ids: np.ndarray, bounds: np.ndarray) -> bool:
    """Write an empty 2D SQLite R*Tree's nodes at once, packed bottom-up from the boxes in Z order
    (inserting row by row costs as much as writing the rows). False when the tree is not empty."""
    node = con.execute("SELECT length(data) FROM {} WHERE nodeno = 1".format(_quote(rtree + "_node"))).fetchone()
    if node is None or con.execute("SELECT 1 FROM {} LIMIT 1".format(_quote(rtree + "_rowid"))).fetchone():
        return False
    size = int(node[0])
    cap = (size - 4) // _CELL.itemsize
    boxes = _outward(bounds[:, [0, 2, 1, 3]])
    order = _z_order(bounds)
    refs, boxes = np.asarray(ids, dtype=np.int64)[order], boxes[order]
    nodes: list[tuple[int, bytes]] = []
    rowids: list[tuple[int, int]] = []
    parents: list[tuple[int, int]] = []
    depth, next_no = 0, 2
    while True:
        count = -(-len(refs) // cap)
        numbers = np.array([1]) if count == 1 else np.arange(next_no, next_no + count)
        next_no += count if count > 1 else 0
        owner = np.repeat(numbers, cap)[:len(refs)]
        (rowids if depth == 0 else parents).extend(zip(refs.tolist(), owner.tolist()))
        cells = np.zeros(len(refs), dtype=_CELL)
        cells["id"], cells["box"] = refs, boxes
        raw = cells.tobytes()
        for k, number in enumerate(numbers.tolist()):
            part = raw[k * cap * _CELL.itemsize:(k + 1) * cap * _CELL.itemsize]
            head = np.array([depth if count == 1 else 0, len(part) // _CELL.itemsize], dtype=">u2").tobytes()
            nodes.append((number, (head + part).ljust(size, b"\0")))
        if count == 1:
            break
        starts = np.arange(0, len(refs), cap)
        boxes = np.column_stack([np.minimum.reduceat(boxes[:, 0], starts), np.maximum.reduceat(boxes[:, 1], starts),
                                 np.minimum.reduceat(boxes[:, 2], starts), np.maximum.reduceat(boxes[:, 3], starts)])
        refs, depth = numbers.astype(np.int64), depth + 1
    con.executemany("INSERT OR REPLACE INTO {} (nodeno, data) VALUES (?, ?)".format(_quote(rtree + "_node")), nodes)
    con.executemany("INSERT INTO {} (rowid, nodeno) VALUES (?, ?)".format(_quote(rtree + "_rowid")), rowids)
    con.executemany("INSERT INTO {} (nodeno, parentnode) VALUES (?, ?)".format(_quote(rtree + "_parent")),
                    parents)
    return True


def _outward(boxes: np.ndarray) -> np.ndarray:
    """minx, maxx, miny, maxy as float32 rounded outwards, as SQLite's R*Tree stores them."""
    out = boxes.astype(np.float32)
    low = out[:, [0, 2]]
    low = np.where(low > boxes[:, [0, 2]], np.nextafter(low, np.float32(-np.inf)), low)
    high = out[:, [1, 3]]
    high = np.where(high < boxes[:, [1, 3]], np.nextafter(high, np.float32(np.inf)), high)
    return np.column_stack([low[:, 0], high[:, 0], low[:, 1], high[:, 1]]).astype(np.float32)


def _z_order(bounds: np.ndarray) -> np.ndarray:
    """The boxes' order along a Z (Morton) curve through their centres: neighbours share nodes."""
    centre = (bounds[:, :2] + bounds[:, 2:]) / 2
    span = np.ptp(centre, axis=0)
    cells = ((centre - centre.min(axis=0)) / np.where(span > 0, span, 1) * 65535).astype(np.uint64)
    code = np.zeros(len(bounds), dtype=np.uint64)
    for bit in range(16):
        for axis in range(2):
            code |= ((cells[:, axis] >> np.uint64(bit)) & np.uint64(1)) << np.uint64(2 * bit + axis)
    return np.argsort(code, kind="stable")
