"""Reading and writing rasters block by block through GDAL: the one place for raster I/O.

Inputs are opened read-only and read in row blocks (NaN for NoData, whatever the source type);
rasters on another grid are warped to the first raster's grid in a virtual (VRT) dataset, so
nothing is copied to disk. Outputs are tiled, LZW-compressed GeoTIFFs written to a temporary
file beside the destination and renamed only when the whole run has succeeded: a failed or
cancelled run leaves no output behind.
"""
import math
import os
import re
import shutil

import numpy as np
from osgeo import gdal
from qgis.core import (
    QgsProcessingException,
    QgsProcessingLayerPostProcessorInterface,
    QgsRasterLayer,
)

from ..core.grading import geographic_row_areas
from ..i18n import tr
from . import io

gdal.UseExceptions()

BLOCK_CELLS = 1 << 22  # cells per block read: 32 MB as float64
NODATA_CLASS = 0
COMPLEX_TYPES = {gdal.GDT_CInt16, gdal.GDT_CInt32, gdal.GDT_CFloat32, gdal.GDT_CFloat64}
GRID_TOLERANCE = 1e-6  # relative difference of origin or cell size that still counts as the same grid


class RasterInput:
    """One band of a raster, read in row blocks as float64 with NaN for NoData."""

    def __init__(self, dataset, band, label, crs, keep=()):
        self.ds = dataset
        self.band = dataset.GetRasterBand(band)
        self.label = label
        self.crs = crs
        self.width = dataset.RasterXSize
        self.height = dataset.RasterYSize
        self.gt = dataset.GetGeoTransform()
        self.nodata = self.band.GetNoDataValue()
        self._keep = keep  # datasets a virtual one reads from
        self.data_type = self.band.DataType
        flags = self.band.GetMaskFlags()
        self._mask = None if flags & (gdal.GMF_ALL_VALID | gdal.GMF_NODATA) else self.band.GetMaskBand()

    def read(self, row, rows):
        data = self._block(self.band, row, rows).astype(np.float64, copy=False)
        if self.nodata is not None and not math.isnan(self.nodata):
            data[data == self.nodata] = np.nan
        if self._mask is not None:
            data[self._block(self._mask, row, rows) == 0] = np.nan
        data[np.isinf(data)] = np.nan  # NaN and ±infinity are no values: NoData, like the NoData value
        return data

    def _block(self, band, row, rows):
        try:
            return band.ReadAsArray(0, row, self.width, rows)
        except RuntimeError as error:  # a file cut off or damaged: a message, not a traceback
            raise read_error(self.label, self.ds.GetDescription(), error) from None

    def as_stored(self, value):
        """A break as the raster stores it: 0.6 in a float32 raster is 0.6000000238, and equals it."""
        return float(np.float32(value)) if self.data_type == gdal.GDT_Float32 else float(value)

    def same_grid(self, other):
        a, b = np.asarray(self.gt), np.asarray(other.gt)
        scale = max(abs(a[1]), abs(a[5]))
        return (self.width == other.width and self.height == other.height and self.crs == other.crs
                and np.all(np.abs(a - b) <= GRID_TOLERANCE * scale))


def read_error(label, path, error):
    """The file named by us, not by GDAL's text (GDAL 3.11+ gives only its base name)."""
    return QgsProcessingException(tr(
        "Raster '{layer}' ({file}) could not be read: {error}. The file is probably cut off or damaged: "
        "use a complete copy.").format(layer=label, file=path or label, error=one_line(error).rstrip(".")))


def one_line(error):
    """GDAL's error text on one line (GDAL 3.11+ adds "May be caused by: …" lines)."""
    return " ".join(str(error).split())


def row_blocks(raster, block_cells=None):
    """(first row, row count) of each block, whole multiples of the file's own block height."""
    natural = max(1, raster.band.GetBlockSize()[1])
    rows = max(1, (block_cells or BLOCK_CELLS) // max(1, raster.width))
    rows = max(natural, rows - rows % natural)
    for row in range(0, raster.height, rows):
        yield row, min(rows, raster.height - row)


def open_band(layer, band, label, feedback):
    """Open band `band` of a file raster layer, refusing what cannot be graded, with clear messages."""
    if not isinstance(layer, QgsRasterLayer) or not layer.isValid():
        raise QgsProcessingException(tr("'{layer}' is not a readable raster layer.").format(layer=label))
    if layer.providerType() != "gdal":
        raise QgsProcessingException(tr(
            "Raster '{layer}' is not a file raster (provider: {provider}). Save it as a GeoTIFF "
            "first.").format(layer=label, provider=layer.providerType()))
    crs = io.require_crs(layer, label)
    try:
        dataset = gdal.Open(layer.source().split("|")[0], gdal.GA_ReadOnly)
    except RuntimeError as error:
        raise QgsProcessingException(tr("Could not open raster '{layer}': {error}").format(
            layer=label, error=error)) from None
    count = dataset.RasterCount
    if not 1 <= band <= count:
        raise QgsProcessingException(tr(
            "Raster '{layer}' has {count} band(s): choose a BAND between 1 and {count}.").format(
            layer=label, count=count))
    if count > 1:
        feedback.pushWarning(tr("Raster '{layer}' has {count} bands; band {band} is used (see the "
                                "BAND parameter).").format(layer=label, count=count, band=band))
    data_type = dataset.GetRasterBand(band).DataType
    if data_type in COMPLEX_TYPES or data_type == gdal.GDT_Unknown:
        raise QgsProcessingException(tr(
            "Band {band} of raster '{layer}' holds {type} values, not plain numbers. Choose a band "
            "of numeric values.").format(band=band, layer=label, type=gdal.GetDataTypeName(data_type)))
    gt = dataset.GetGeoTransform()
    if gt[2] != 0 or gt[4] != 0:
        raise QgsProcessingException(tr(
            "Raster '{layer}' is rotated. Warp it to a north-up grid (Raster › Projections › Warp) "
            "first.").format(layer=label))
    return RasterInput(dataset, band, label, crs)


def aligned(reference, raster, feedback):
    """`raster` on the grid of `reference`: itself when it already is, else a virtual warp."""
    if reference.same_grid(raster):
        return raster
    finer = abs(raster.gt[1] * raster.gt[5]) < abs(reference.gt[1] * reference.gt[5])
    method = "average" if finer else "near"
    one_band = gdal.Translate("", raster.ds, format="VRT", bandList=[raster.band.GetBand()])
    x0, y0 = reference.gt[0], reference.gt[3]
    x1 = x0 + reference.gt[1] * reference.width
    y1 = y0 + reference.gt[5] * reference.height
    nodata = raster.nodata if raster.nodata is not None else None
    warped = gdal.Warp("", one_band, format="VRT", outputBounds=(min(x0, x1), min(y0, y1), max(x0, x1),
                                                                max(y0, y1)),
                       width=reference.width, height=reference.height, dstSRS=reference.crs.toWkt(),
                       srcSRS=raster.crs.toWkt(), resampleAlg=method, outputType=gdal.GDT_Float64,
                       srcNodata=nodata, dstNodata=float("nan"))
    feedback.pushInfo(tr("Raster '{layer}' is on another grid than '{first}': it is resampled to the "
                         "first raster's grid, CRS and extent ({method}).").format(
        layer=raster.label, first=reference.label,
        method=tr("average of the finer cells") if finer else tr("nearest cell")))
    out = RasterInput(warped, 1, raster.label, reference.crs, keep=(one_band, raster.ds))
    out.data_type = raster.data_type  # compare breaks in the source's precision
    return out


class CellArea:
    """Cell areas of a grid: per row in a geographic CRS (exact), one value in a projected one.

    `weights(row, rows)` gives the break weights: None (equal-area cells) in a projected CRS.
    `area(row, rows)` gives the ellipsoidal m² of the cells, for the class-area table.
    """

    def __init__(self, raster):
        gt = raster.gt
        self.geographic = raster.crs.isGeographic()
        if self.geographic:
            self.rows = geographic_row_areas(gt[3], gt[5], raster.height, gt[1])
            self.cell = None
        else:
            cx = gt[0] + gt[1] * raster.width / 2.0
            cy = gt[3] + gt[5] * raster.height / 2.0
            scale = io.measurer_for_crs(raster.crs).area_scale(np.array([[cx, cy]]))[0]
            self.cell = abs(gt[1] * gt[5]) * float(scale)

    def weights(self, row, rows):
        return self.rows[row:row + rows, None] if self.geographic else None

    def area(self, row, rows):
        return self.rows[row:row + rows, None] if self.geographic else self.cell


def reader(raster, cells, feedback=None, span=None):
    """A `blocks` callable for core.grading: (values, weights) per block; reports progress in `span`.

    Cancelling is core's job (Progress.check between blocks), so a pass is never cut short silently.
    """
    def blocks():
        for row, rows in row_blocks(raster):
            if feedback is not None and span is not None:
                feedback.setProgress(span[0] + (span[1] - span[0]) * row / raster.height)
            yield raster.read(row, rows), cells.weights(row, rows)
    return blocks


class RasterWriter:
    """A GeoTIFF written block by block into a temporary file; `commit()` moves it into place."""

    def __init__(self, path, reference, data_type=gdal.GDT_Byte, nodata=NODATA_CLASS, colours=None):
        if os.path.splitext(path)[1].lower() not in (".tif", ".tiff"):
            raise QgsProcessingException(tr(
                "The output '{path}' must be a GeoTIFF file (.tif).").format(path=path))
        self.path = path
        self.temp = "{}.{}.partial.tif".format(os.path.splitext(path)[0], os.getpid())
        options = ["TILED=YES", "COMPRESS=LZW", "BIGTIFF=IF_SAFER"]
        if data_type in (gdal.GDT_Float32, gdal.GDT_Float64):
            options.append("PREDICTOR=3")  # floating-point predictor: much better LZW on scores
        folder = os.path.dirname(os.path.abspath(path))
        os.makedirs(folder, exist_ok=True)
        driver = gdal.GetDriverByName("GTiff")
        try:
            self.ds = driver.Create(self.temp, reference.width, reference.height, 1, data_type, options)
        except RuntimeError as error:
            raise QgsProcessingException(tr("Could not create the raster {path}: {error}").format(
                path=path, error=error)) from None
        self.ds.SetGeoTransform(reference.gt)
        self.ds.SetProjection(reference.crs.toWkt())
        self.band = self.ds.GetRasterBand(1)
        self.band.SetNoDataValue(nodata)
        if colours:
            self._colour_table(colours)

    def _colour_table(self, colours):
        table = gdal.ColorTable()
        for value, (rgb, _) in colours.items():
            table.SetColorEntry(int(value), tuple(rgb) + (255,))
        self.band.SetColorTable(table)
        self.band.SetColorInterpretation(gdal.GCI_PaletteIndex)
        names = [""] * (max(colours) + 1)
        for value, (_, name) in colours.items():
            names[int(value)] = name
        self.band.SetCategoryNames(names)

    def write(self, row, block):
        self.band.WriteArray(block, 0, row)

    def commit(self, qml=None):
        """Close the file, move it to its destination, and put a QML style beside it."""
        self.band = None
        self.ds.FlushCache()
        self.ds = None
        for suffix in (".aux.xml",):
            if os.path.exists(self.temp + suffix):
                os.replace(self.temp + suffix, self.path + suffix)
        os.replace(self.temp, self.path)
        if qml and os.path.exists(qml):
            shutil.copyfile(qml, os.path.splitext(self.path)[0] + ".qml")

    def discard(self):
        self.band = None
        self.ds = None
        for name in (self.temp, self.temp + ".aux.xml"):
            if os.path.exists(name):
                os.remove(name)


def discard_all(writers):
    for writer in writers:
        writer.discard()


def safe_name(text):
    """A file-name-safe version of a layer name (letters, digits and CJK kept)."""
    return re.sub(r"[^\w\-]+", "_", text, flags=re.UNICODE).strip("_") or "raster"


# -- classes, styles and tables of graded rasters --------------------------------------------------

STYLE_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "resources", "styles")
IMPORTANCE_COLOURS = {3: ((0, 104, 55), "极重要"), 2: ((120, 198, 121), "重要"),
                      1: ((255, 255, 204), "一般重要")}
SENSITIVITY_COLOURS = {3: ((189, 0, 38), "极敏感"), 2: ((253, 141, 60), "敏感"),
                       1: ((255, 237, 160), "一般敏感")}
_POSTPROCESSORS = []  # must stay referenced, or QGIS never calls them


def style_qml(name):
    return os.path.join(STYLE_DIR, name + ".qml")


class GradeStyler(QgsProcessingLayerPostProcessorInterface):
    """Loads the graded-raster style on a loaded output and labels the classes in the user's language."""

    def __init__(self, qml, title, labels):
        super().__init__()
        self.qml, self.title, self.labels = qml, title, labels

    def postProcessLayer(self, layer, context, feedback):
        if layer is None or not layer.isValid():
            return
        layer.loadNamedStyle(self.qml)
        renderer = layer.renderer()
        if renderer is not None and renderer.type() == "paletted":
            for value, label in self.labels.items():
                renderer.setLabel(value, label)
        if self.title:
            layer.setName(self.title)
        layer.triggerRepaint()


def style_on_load(context, dest, qml, title, labels):
    if context.willLoadLayerOnCompletion(dest):
        styler = GradeStyler(qml, title, labels)
        _POSTPROCESSORS.append(styler)
        context.layerToLoadOnCompletionDetails(dest).setPostProcessor(styler)


class ClassTally:
    """Cells, area (m²) and value × area of each class, summed over the blocks of one graded raster."""

    def __init__(self, nclasses=3):
        self.cells = np.zeros(nclasses + 1, dtype=np.int64)
        self.area = np.zeros(nclasses + 1)
        self.value = np.zeros(nclasses + 1)

    def add(self, classes, area, values=None):
        flat = classes.ravel()
        size = len(self.cells)
        counts = np.bincount(flat, minlength=size)[:size]
        self.cells += counts
        if np.ndim(area) == 0:  # equal cells (projected CRS): no per-cell weights needed
            self.area += counts * float(area)
            if values is not None:  # NoData (NaN) only reaches class 0, which is never reported
                self.value += np.bincount(flat, weights=values.ravel(), minlength=size)[:size] * area
            return
        cell_area = np.broadcast_to(np.asarray(area, dtype=np.float64), classes.shape).ravel()
        self.area += np.bincount(flat, weights=cell_area, minlength=size)[:size]
        if values is not None:
            weighted = values.ravel() * cell_area
            self.value += np.bincount(flat, weights=weighted, minlength=size)[:size]
