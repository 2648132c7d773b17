"""A partition source (core.partition) over a GeoPackage table, read with GDAL/OGR: what a Dask
worker needs besides core/ (no QGIS). A GeoPackage's spatial index (its R*Tree) gives every
feature's envelope, so a partition reads only the rows whose envelope meets its rectangle:

    SELECT t.*, r.minx, r.miny, r.maxx, r.maxy FROM t JOIN rtree_t_geom r ON t.fid = r.id
    WHERE r.maxx >= :x0 AND r.minx <= :x1 AND r.maxy >= :y0 AND r.miny <= :y1

The envelopes are the index's (single precision, rounded outwards): the same in every partition,
and never smaller than the geometry, which is all the ownership rules ask of them. Rows the index
does not hold (no geometry, an empty one) make the null partition.

Geometries and values come as processing/bulk_read reads them for the QGIS algorithm: a single
polygon in a multi-polygon table becomes a multi-polygon, text is UTF-8, NULL is None; what no
check can use (core.geom.usable_copy) is left out with its reason in Layer.problems.

`write_gpkg` and `append_gpkg` write the batch's outputs: a partition's findings on its worker, and
the driver's OUTPUT, each partition's table appended (GDAL copies the rows, not Python).

GDAL's Python bindings are imported when a source is first read, so that core/ imports without them.
"""
from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping, Sequence

import numpy as np
import shapely

from .geom import NOT_FINITE, OUT_OF_RANGE, UNREADABLE, USABLE, WORLD, WRONG_TYPE, from_wkb, usable_copy
from .layer import Layer

if TYPE_CHECKING:
    from .arrays import Array, Floats, Geoms
    from .measure import Measurer
    from .partition import Read

    Rect = Sequence[float]  # xmin, ymin, xmax, ymax

BATCH = 65536
# the characters str.strip() strips (str.isspace): SQLite's trim() strips only those it is given
WHITESPACE = (0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002,
              0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f,
              0x3000)
_OPEN = threading.local()  # {path: dataset} per thread: a GDAL dataset must not be shared by threads
PROBLEMS = {NOT_FINITE: "a coordinate that is not a number (NaN or infinite)",
            OUT_OF_RANGE: "coordinates far outside the area its CRS covers",
            UNREADABLE: "a ring that is not closed (e.g. by a NaN vertex) or has too few points",
            WRONG_TYPE: "a geometry of another type than the layer's"}


class NotGeoPackage(ValueError):
    """The batch reads GeoPackage tables with their spatial index only."""


def _ogr() -> tuple[Any, Any]:
    from osgeo import gdal, ogr

    gdal.UseExceptions()
    return gdal, ogr


def _quote(name: str) -> str:
    return '"{}"'.format(name.replace('"', '""'))


class GpkgSource:
    """One table of a GeoPackage, as core.partition reads sources. Picklable (a path and names):
    each process, and each thread in it, opens the file itself (GDAL datasets are not thread-safe).

    `box`: the coordinates a geometry may have (core.geom.usable_copy; a CRS's area, say). An index
    envelope places its feature only when it lies inside; one that does not (NaN or infinite
    coordinates, or beyond) counts as none, so that feature is the null partition's, as in
    core.partition's LayerSource. `texts`: the reason given for each code of a left-out geometry."""

    box: Rect = WORLD
    texts: Mapping[int, str] = PROBLEMS

    def __init__(self, path: str | os.PathLike[str], table: str, name: str | None = None) -> None:
        self.path = str(path)
        self.table_name = table
        self.name = name or table
        info = self._describe()
        self.fid, self.geom, self.fields, self.count, self.multi, self.rtree, self.srs_wkt = info[:7]
        self.dimension: int | None = info[7]  # of every geometry: 0 points, 1 lines, 2 polygons, None any

    def __len__(self) -> int:
        return self.count

    def _open(self) -> Any:
        opened = _OPEN.__dict__.setdefault("datasets", {})
        if self.path not in opened:
            gdal, _ = _ogr()
            opened[self.path] = gdal.OpenEx(self.path, gdal.OF_VECTOR | gdal.OF_READONLY,
                                            allowed_drivers=["GPKG"])
        return opened[self.path]

    def _describe(self) -> tuple[str, str, list[str], int, bool, str, str, int | None]:
        gdal, ogr = _ogr()
        try:
            ds = gdal.OpenEx(self.path, gdal.OF_VECTOR | gdal.OF_READONLY, allowed_drivers=["GPKG"])
        except RuntimeError as error:
            raise NotGeoPackage("{}: not a GeoPackage ({})".format(self.path, error)) from error
        layer = ds.GetLayerByName(self.table_name)
        if layer is None:
            raise NotGeoPackage("{} has no table '{}'".format(self.path, self.table_name))
        fid, geom = layer.GetFIDColumn() or "fid", layer.GetGeometryColumn()
        if not geom:
            raise NotGeoPackage("{}: table '{}' has no geometry".format(self.path, self.table_name))
        rtree = "rtree_{}_{}".format(self.table_name, geom)
        found = ds.ExecuteSQL("SELECT count(*) FROM sqlite_master WHERE name = '{}'".format(
            rtree.replace("'", "''")))
        has_index = found.GetNextFeature().GetField(0) > 0
        ds.ReleaseResultSet(found)
        if not has_index:
            raise NotGeoPackage("{}: table '{}' has no spatial index (add one: ogrinfo {} -sql "
                                "\"SELECT CreateSpatialIndex('{}', '{}')\")".format(
                                    self.path, self.table_name, self.path, self.table_name, geom))
        defn = layer.GetLayerDefn()
        fields = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
        kind = ogr.GT_Flatten(layer.GetGeomType())
        multi = kind == ogr.wkbMultiPolygon
        dimension = {ogr.wkbPoint: 0, ogr.wkbMultiPoint: 0, ogr.wkbLineString: 1, ogr.wkbMultiLineString: 1,
                     ogr.wkbPolygon: 2, ogr.wkbMultiPolygon: 2}.get(kind)
        srs = layer.GetSpatialRef()
        return (fid, geom, fields, layer.GetFeatureCount(), multi, rtree,
                srs.ExportToWkt() if srs is not None else "", dimension)

    # -- what core.partition asks of a source ------------------------------------------------

    def extent(self) -> tuple[float, ...] | None:
        rows = self._sql("SELECT min(minx), min(miny), max(maxx), max(maxy) FROM {} WHERE {}".format(
            _quote(self.rtree), self._inside()))
        env = np.array([rows[k][0] for k in ("min(minx)", "min(miny)", "max(maxx)", "max(maxy)")],
                       dtype=float)
        return None if np.isnan(env).any() else tuple(env)

    def bounds(self, rect: Rect) -> Floats:
        rows = self._sql("SELECT minx, miny, maxx, maxy FROM {} WHERE {} AND {}".format(
            _quote(self.rtree), _meets(rect), self._inside()), rows=True)  # rows: through Arrow
        return np.column_stack([rows[k] for k in ("minx", "miny", "maxx", "maxy")]).astype(float) \
            if rows else np.empty((0, 4))

    def read(self, rect: Rect | None, fields: Iterable[str] | None = None,
             boxes: Floats | None = None) -> Read:
        """The features whose index envelope meets `rect` (None: those without one) and, when
        given, one of `boxes` (n, 4): a county group's counties, say, of its rectangle."""
        wanted = [f for f in (self.fields if fields is None else fields) if f in self.fields]
        cols = ", ".join(["t.{} AS {}".format(_quote(self.fid), _quote("fid_"))]
                         + ["t.{}".format(_quote(self.geom))] + ["t.{}".format(_quote(f)) for f in wanted])
        if rect is None:
            sql = "SELECT {} FROM {} t WHERE t.{} NOT IN (SELECT id FROM {} WHERE {}) ORDER BY t.{}".format(
                cols, _quote(self.table_name), _quote(self.fid), _quote(self.rtree), self._inside(),
                _quote(self.fid))
        else:
            sql = ("SELECT {}, r.minx, r.miny, r.maxx, r.maxy FROM {} t JOIN {} r ON t.{} = r.id "
                   "WHERE {} AND {} ORDER BY t.{}").format(
                       cols, _quote(self.table_name), _quote(self.rtree), _quote(self.fid),
                       _meets(rect, "r.") + _meets_one(boxes, "r."), self._inside("r."), _quote(self.fid))
        # the null partition's query reads the whole table: not when the index places every feature
        rows = {} if rect is None and self._placed() == self.count else self._sql(sql, rows=True)
        fids = np.asarray(rows.get("fid_", []), dtype=np.int64)
        n = len(fids)
        env = (np.column_stack([rows[k] for k in ("minx", "miny", "maxx", "maxy")]).astype(float)
               if rect is not None and n else np.full((n, 4), np.nan))
        geoms, problems = self._geometries(rows.get(self.geom, []), n)
        attrs = {f: np.array(rows.get(f, [None] * n), dtype=object).reshape(-1) for f in wanted}
        return _read(Layer(self.name, geoms, fids, attrs, problems), env, fids)

    def repeated(self, field: str) -> Read | None:
        """The rows (as `table` gives them) whose `field`, stripped as core.layer.as_text strips it,
        is not empty and is held by another row too; None when `field` is not a text field. SQLite
        groups the values, so that a country's column is never held in Python: RL_CODE_DUPLICATE's
        rule (core.redline) then runs on these rows alone, and finds what it finds on the whole."""
        layer = self._open().GetLayerByName(self.table_name)
        defn = layer.GetLayerDefn()
        at = defn.GetFieldIndex(field)
        _, ogr = _ogr()
        if at < 0 or defn.GetFieldDefn(at).GetType() != ogr.OFTString:
            return None  # a number read by GDAL is written by Python (450122.0 → '450122'): all rows
        key = "trim(CAST({} AS TEXT), char({}))".format(_quote(field), ", ".join(map(str, WHITESPACE)))
        table = _quote(self.table_name)
        rows = self._sql("SELECT {fid} AS fid_, {f} FROM {t} WHERE {k} IN (SELECT {k} AS key FROM {t} "
                         "WHERE key <> '' GROUP BY key HAVING count(*) > 1) ORDER BY {fid}".format(
                             fid=_quote(self.fid), f=_quote(field), t=table, k=key), rows=True)
        fids = np.asarray(rows.get("fid_", []), dtype=np.int64)
        n = len(fids)
        layer = Layer(self.name, np.full(n, None, dtype=object), fids,
                      {field: np.array(rows.get(field, [None] * n), dtype=object).reshape(-1)})
        return _read(layer, np.full((n, 4), np.nan), fids)

    def table(self, fields: Iterable[str]) -> Read:
        wanted = [f for f in fields if f in self.fields]
        cols = ", ".join(["{} AS {}".format(_quote(self.fid), _quote("fid_"))] + [_quote(f) for f in wanted])
        rows = self._sql("SELECT {} FROM {} ORDER BY {}".format(cols, _quote(self.table_name),
                                                               _quote(self.fid)), rows=True)
        fids = np.asarray(rows.get("fid_", []), dtype=np.int64)
        n = len(fids)
        attrs = {f: np.array(rows.get(f, [None] * n), dtype=object).reshape(-1) for f in wanted}
        layer = Layer(self.name, np.full(n, None, dtype=object), fids, attrs)
        return _read(layer, np.full((n, 4), np.nan), fids)

    # -- reading -------------------------------------------------------------------------------

    def _placed(self) -> int:
        """How many features the index places (see `box`)."""
        rows = self._sql("SELECT count(*) AS n FROM {} WHERE {}".format(_quote(self.rtree), self._inside()))
        return int(rows["n"][0])

    def _inside(self, prefix: str = "") -> str:
        """SQL: the index envelope lies inside `box` (false for NaN, which SQLite reads as NULL)."""
        x0, y0, x1, y1 = (float(v) for v in self.box)
        return "{p}minx >= {x0!r} AND {p}miny >= {y0!r} AND {p}maxx <= {x1!r} AND {p}maxy <= {y1!r}".format(
            p=prefix, x0=x0, y0=y0, x1=x1, y1=y1)

    def _sql(self, sql: str, rows: bool = False) -> dict[str, list[Any]]:
        """{column: list of values} of a query; `rows`: whole rows, streamed through Arrow in
        batches, the fid as 'fid_' and the geometry under the table's geometry column name."""
        ds = self._open()
        result = ds.ExecuteSQL(sql)
        out: dict[str, list[Any]] = {}
        try:
            if not rows:
                defn = result.GetLayerDefn()
                names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
                for feature in _features(result):  # aggregates and envelopes: numbers only
                    for i, name in enumerate(names):
                        out.setdefault(name, []).append(feature.GetField(i))
                return out
            geom, fid = result.GetGeometryColumn(), result.GetFIDColumn()
            rename = {geom: self.geom, fid: "fid_"}
            options = ["INCLUDE_FID=YES", "MAX_FEATURES_IN_BATCH={}".format(BATCH)]
            with result.GetArrowStreamAsNumPy(options=options) as stream:
                for batch in stream:
                    for name, values in batch.items():
                        out.setdefault(rename.get(name, name), []).extend(
                            values.tolist() if name == geom else _plain(values))
        finally:
            ds.ReleaseResultSet(result)
        return out

    def _geometries(self, wkbs: Sequence[Any], n: int) -> tuple[Geoms, Array]:
        geoms, unreadable = from_wkb(np.array(list(wkbs) + [None] * (n - len(wkbs)), dtype=object))
        if self.multi:
            singles = np.flatnonzero(shapely.get_type_id(geoms) == shapely.GeometryType.POLYGON)
            if len(singles):
                geoms[singles] = shapely.multipolygons(geoms[singles][:, np.newaxis])
        geoms, codes = usable_copy(geoms, self.box, dimension=self.dimension, unreadable=unreadable)
        problems = np.full(n, None, dtype=object)
        bad = np.flatnonzero(codes != USABLE)
        problems[bad] = [self.texts[c] for c in codes[bad]]
        return geoms, problems


def _read(layer: Layer, env: Floats, order: Array) -> Read:
    from .partition import Read

    return Read(layer, env, order)


def _features(layer: Any) -> Iterator[Any]:
    feature = layer.GetNextFeature()
    while feature is not None:
        yield feature
        feature = layer.GetNextFeature()


def _plain(values: Array) -> list[Any]:
    """A batch column as Python values: text decoded (UTF-8), NULL as None."""
    out = values.tolist()
    if out and values.dtype.kind in "OSV" and any(isinstance(v, bytes) for v in out):  # numbers hold none
        out = [v.decode("utf-8") if isinstance(v, bytes) else v for v in out]
    return out


def _meets_one(boxes: Floats | None, prefix: str = "") -> str:
    """SQL: ' AND (meets the first box OR …)', or '' without boxes."""
    if boxes is None:
        return ""
    return " AND ({})".format(" OR ".join("({})".format(_meets(b, prefix)) for b in boxes) or "0")


def _meets(rect: Rect, prefix: str = "") -> str:
    x0, y0, x1, y1 = (float(v) for v in rect)
    return "{p}maxx >= {x0!r} AND {p}minx <= {x1!r} AND {p}maxy >= {y0!r} AND {p}miny <= {y1!r}".format(
        p=prefix, x0=x0, y0=y0, x1=x1, y1=y1)


class RepeatedCodes:
    """A red-line source as core.partition.code_duplicates reads it for RL_CODE_DUPLICATE: asked for
    its code column alone, it gives only the rows whose code repeats (GpkgSource.repeated)."""

    def __init__(self, source: GpkgSource, field: str) -> None:
        self.source, self.field = source, field

    def table(self, fields: Iterable[str]) -> Read:
        fields = list(fields)
        rows = self.source.repeated(self.field) if fields == [self.field] else None
        return self.source.table(fields) if rows is None else rows


class OsrToLonLat:
    """xy → CGCS2000 lon/lat through GDAL's osr, for a CRS core.measure has no formula for.
    Picklable (the WKT): a Dask worker builds its own transformation."""

    def __init__(self, wkt: str) -> None:
        self.wkt = wkt
        self._transform: Any = None

    def __getstate__(self) -> dict[str, Any]:
        return {"wkt": self.wkt, "_transform": None}

    def __call__(self, xy: Floats) -> Floats:
        from osgeo import osr

        if self._transform is None:
            src, dst = osr.SpatialReference(), osr.SpatialReference()
            src.ImportFromWkt(self.wkt)
            dst.ImportFromEPSG(4490)
            for ref in (src, dst):
                ref.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
            self._transform = osr.CoordinateTransformation(src, dst)
        if len(xy) == 0:
            return np.empty((0, 2))
        return np.asarray(self._transform.TransformPoints(np.asarray(xy, dtype=float)))[:, :2]


def measurer_for_wkt(wkt: str) -> Measurer:
    """Ellipsoidal (CGCS2000) measures for geometries in the CRS `wkt`, as the QGIS algorithms
    measure (processing/io.measurer_for_crs): analytic for GK/TM and geographic CRSs."""
    from osgeo import osr

    from .measure import Measurer, is_conformal, to_lonlat_from_proj

    srs = osr.SpatialReference()
    srs.ImportFromWkt(wkt)
    proj4 = srs.ExportToProj4()
    return Measurer(to_lonlat_from_proj(proj4) or OsrToLonLat(wkt), conformal=is_conformal(proj4))


# --- writing ------------------------------------------------------------------------------

KINDS = ("string", "int", "double")


def write_gpkg(path: str, table: str, fields: Sequence[tuple[str, str]], columns: Mapping[str, Array],
               geoms: Geoms | None, srs_wkt: str | None, points: bool = False, index: bool = True) -> str:
    """A new GeoPackage `path` (.gpkg added; overwritten, as qgis_process does) holding one table:
    `fields` (name, 'string' | 'int' | 'double') from `columns`, and `geoms` as multi-polygons (or,
    with `points`, multi-points) in the CRS `srs_wkt`; geoms None: a table without geometry.
    `index` False: no spatial index (a partition's table on its way to OUTPUT: `update_columns`
    rewrites it with plain SQLite, which the index's triggers would refuse)."""
    gdal, ogr = _ogr()
    path = path if path.lower().endswith(".gpkg") else os.path.splitext(path)[0] + ".gpkg"
    if os.path.exists(path):
        os.remove(path)
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with contextlib.ExitStack() as stack:
        if not index:  # a partition's file: temporary
            stack.enter_context(no_fsync(gdal))
        ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
        _write_table(ds, table, fields, columns, geoms, srs_wkt, points, index)
        ds = None  # closed (written) here
    return path


def _write_table(ds: Any, table: str, fields: Sequence[tuple[str, str]], columns: Mapping[str, Array],
                 geoms: Geoms | None, srs_wkt: str | None, points: bool, index: bool) -> None:
    _, ogr = _ogr()
    from osgeo import osr

    srs = None
    if srs_wkt:
        srs = osr.SpatialReference()
        srs.ImportFromWkt(srs_wkt)
    kind = ogr.wkbNone if geoms is None else ogr.wkbMultiPoint if points else ogr.wkbMultiPolygon
    layer = ds.CreateLayer(table, srs, kind, options=[] if index else ["SPATIAL_INDEX=NO"])
    types = dict(zip(KINDS, (ogr.OFTString, ogr.OFTInteger64, ogr.OFTReal)))
    for name, kind_name in fields:
        layer.CreateField(ogr.FieldDefn(name, types[kind_name]))
    n = len(next(iter(columns.values()))) if columns else 0
    wkb = None if geoms is None else shapely.to_wkb(_multi(np.asarray(geoms, dtype=object)))
    cast = {"string": str, "int": int, "double": float}
    # by field index (by name, GDAL's Python looks each name up over every field: 80 % of the time),
    # from plain Python lists (indexing numpy per value is slow)
    values = [(at, cast[kind_name], np.asarray(columns[name]).tolist())
              for at, (name, kind_name) in enumerate(fields) if columns.get(name) is not None]
    defn = layer.GetLayerDefn()
    layer.StartTransaction()
    for k in range(n):  # on a worker, for one partition's findings: a few per thousand features
        feature = ogr.Feature(defn)
        for at, to, column in values:
            value = column[k]
            if value is not None and value == value:  # not NULL, not NaN
                feature.SetField(at, to(value))
        if wkb is not None and wkb[k] is not None:
            feature.SetGeometryDirectly(ogr.CreateGeometryFromWkb(wkb[k]))
        layer.CreateFeature(feature)
    layer.CommitTransaction()


def _multi(geoms: Geoms) -> Geoms:
    """Single polygons and points as one-part multi-geometries (the table's type)."""
    geoms = geoms.copy()
    kinds = shapely.get_type_id(geoms)
    for single, make in ((shapely.GeometryType.POLYGON, shapely.multipolygons),
                         (shapely.GeometryType.POINT, shapely.multipoints)):
        rows = np.flatnonzero(kinds == single)
        if len(rows):
            geoms[rows] = make(geoms[rows][:, np.newaxis])
    return geoms


def append_gpkg(path: str, table: str, parts: Iterable[str]) -> int:
    """Append the rows of table `table` of each GeoPackage in `parts`, in order, to `path`'s;
    the number of rows appended."""
    gdal, _ = _ogr()
    with no_fsync(gdal):  # per partition, a fifth of a small partition's append; OUTPUT is whole once closed
        ds = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_UPDATE)
        for part in parts:
            gdal.VectorTranslate(ds, part, accessMode="append", layerName=table, layers=[table])
        count = ds.GetLayerByName(table).GetFeatureCount()
        ds = None
    return int(count)


@contextlib.contextmanager
def no_fsync(gdal: Any) -> Iterator[None]:
    """GDAL's SQLite writes without fsync in this thread (files a crash would leave to be rewritten)."""
    before = gdal.GetThreadLocalConfigOption("OGR_SQLITE_SYNCHRONOUS", None)
    gdal.SetThreadLocalConfigOption("OGR_SQLITE_SYNCHRONOUS", "OFF")
    try:
        yield
    finally:
        gdal.SetThreadLocalConfigOption("OGR_SQLITE_SYNCHRONOUS", before)


def update_columns(path: str, table: str, fields: Sequence[str],
                   change: Callable[[dict[str, Array]], Mapping[str, Array]]) -> None:
    """Rewrite columns of `table` (written by write_gpkg with index=False) in place: `change` gets
    `fields` as object arrays and returns {column: new values}; no geometry is read."""
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA synchronous = OFF")  # a partition's file on its way to OUTPUT: no fsync
        rows = con.execute("SELECT fid, {} FROM {}".format(", ".join(_quote(f) for f in fields),
                                                          _quote(table))).fetchall()
        if not rows:
            return
        columns = list(zip(*rows))
        new = change({name: np.array(columns[k + 1], dtype=object) for k, name in enumerate(fields)})
        names = list(new)
        sql = "UPDATE {} SET {} WHERE fid = ?".format(_quote(table), ", ".join(
            "{} = ?".format(_quote(n)) for n in names))
        con.executemany(sql, zip(*[_sql_values(new[n]) for n in names], columns[0]))
        con.commit()
    finally:
        con.close()


def _sql_values(values: Array) -> list[Any]:
    return [None if v is None or (isinstance(v, float) and np.isnan(v)) else v for v in np.asarray(values).tolist()]
