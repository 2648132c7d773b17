"""ecospace:redline_check's layers read partition by partition, straight from their GeoPackage files
(core.partition over core.gpkg_source.GpkgSource, the batch's reader): memory then follows the
largest partition, not the province.

Taken only where the result is exactly io.read_layer's: every layer a whole, unedited, unfiltered
GeoPackage table with a spatial index, in the red line's CRS (bulk_read.gpkg_table), whose fields
are found under their exact names. Otherwise `redline_inputs` gives None and the algorithm reads
the layers into memory. What only shows while reading (a geometry QGIS might repair on reading,
text that is not UTF-8) raises NotPlain, and the algorithm reads them into memory instead.
"""
import numpy as np

from ..core import geom as core_geom
from ..core.gpkg_source import GpkgSource, NotGeoPackage
from ..core.layer import Layer
from ..core.partition import Inputs
from . import bulk_read, crs_check, io

STRING = 10  # QVariant::String, QMetaType::QString: the same number in Qt 5 and 6


class NotPlain(Exception):
    """A feature whose value read straight from the file might differ from QGIS's."""


class FileSource(GpkgSource):
    """A GpkgSource whose geometries are checked as io.read_layer checks them: coordinates within
    the area the CRS covers, the reasons in the log's words."""

    def __init__(self, path, table, name, crs, wkb_type):
        super().__init__(path, table, name)
        self.box = crs_check.domain(crs)
        self.texts = io.problem_texts(wkb_type, False)

    def _sql(self, sql, rows=False):
        try:
            return super()._sql(sql, rows)
        except UnicodeDecodeError as error:  # QGIS shows such text with U+FFFD: let it read them
            raise NotPlain(str(error)) from error

    def _geometries(self, wkbs, n):
        geoms, problems = super()._geometries(wkbs, n)
        if np.equal(problems, self.texts[core_geom.UNREADABLE]).any():
            raise NotPlain("unreadable WKB")  # QGIS may close the ring on reading
        return geoms, problems


def file_source(value, context, name, fields, crs):
    """A FileSource for the Processing parameter value (or layer) `value`, or None."""
    layer = bulk_read.resolve_layer(value, context)
    where = bulk_read.gpkg_table(layer, crs) if layer is not None else None
    if where is None or not _exact_fields(layer.fields(), fields):
        return None
    path, table = where
    try:
        source = FileSource(path, table or _only_table(path), name, crs, layer.wkbType())
    except (NotGeoPackage, RuntimeError):
        return None
    return source if len(source) == layer.featureCount() else None


def _exact_fields(qfields, fields):
    """Every wanted field that QGIS finds is a plain column of the file under that exact name."""
    for wanted in fields:
        index = qfields.lookupField(wanted) if wanted else -1
        if index < 0:
            continue
        field = qfields.at(index)
        if (field.name() != wanted or qfields.fieldOrigin(index) != bulk_read.ORIGIN_PROVIDER
                or not (field.isNumeric() or int(field.type()) == STRING)):
            return False
    return True


def _only_table(path):
    from osgeo import gdal

    dataset = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_READONLY, allowed_drivers=["GPKG"])
    if dataset is None or dataset.GetLayerCount() != 1:
        raise NotGeoPackage(path)
    return dataset.GetLayer(0).GetName()


def redline_inputs(layers, county_code, county_name, crs, context):
    """core.partition.Inputs over the files, or None when any layer must be read into memory.

    `layers`: {role: (parameter value or layer, name in the findings, fields)} with the roles
    REDLINE, FARMLAND, URBAN_BOUNDARY, PROTECTED_AREAS, COUNTIES and CONFLICT_<k>."""
    sources = {}
    for role, (value, name, fields) in layers.items():
        source = file_source(value, context, name, fields, crs) if value is not None else None
        if source is None:
            return None
        sources[role] = source
    conflicts = tuple(s for role, s in sources.items() if role.startswith("CONFLICT_"))
    return Inputs(sources["REDLINE"], sources.get("FARMLAND"), sources.get("URBAN_BOUNDARY"),
                  sources.get("PROTECTED_AREAS"), conflicts, sources.get("COUNTIES"),
                  county_code, county_name)


def tell_dropped(dropped, feedback):
    """The log of io.read_layer for the features a partitioned run left out, per layer."""
    for name, (fids, why) in (dropped or {}).items():
        unusable = ~np.equal(why, None)
        if unusable.any():
            io.warn_unusable(name, fids[unusable], why[unusable], feedback)
        missing = fids[~unusable]
        io.tell_missing(Layer(name, np.full(len(missing), None, dtype=object), missing),
                        np.full(len(missing), core_geom.USABLE), feedback)

