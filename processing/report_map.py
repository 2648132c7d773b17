"""The map of an HTML report, drawn by QGIS: a print layout with the shipped styles, a scale bar, a
north arrow and a legend, framed on the layer that was checked.

Everything lives in temporary memory layers and a private QgsProject, so it runs the same in
processing.run, qgis_process and a dialog's worker thread, and never touches the user's project.
The page is embedded in the report as a PNG and written next to it as a PDF map sheet (same name,
.pdf). Context layers (counties, reserves…) are clipped to the frame: a province-wide layer around
a district's red line costs no more than the district.
"""
import base64
import datetime
import os
from collections import namedtuple

import numpy as np
import shapely
from qgis.core import (
    QgsFeature,
    QgsLayerTree,
    QgsLayoutExporter,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from qgis.PyQt.QtGui import QColor

from .. import compat
from ..core.geom import is_missing, parts_of_type, point_xy, polygonal
from ..i18n import tr
from .outputs import _qgs_geometry, _wkbs, style_path, translate_legend, translate_severity_legend
from .report import escape

NORTH_ARROW = os.path.join(os.path.dirname(os.path.dirname(__file__)), "resources", "icons",
                           "north_arrow.svg")

PAGE_MM = (297.0, 210.0)              # A4 landscape
MAP_MM = (10.0, 24.0, 212.0, 170.0)   # x, y, width, height of the map on the page
LEGEND_X_MM = 228.0
DPI = 120                             # the PNG in the report; the PDF is vector
MARGIN = 0.08                         # around the checked layer, of its larger span
MIN_MARGIN = {False: 50.0, True: 0.0005}  # metres / degrees, for a tiny checked layer
SMALL_MM = 1.5                        # findings smaller than this on paper get a ring

# One layer of the map: title (legend), shapely geometries, style name (resources/styles),
# attribute columns {field: values} the style needs, {value: label} for its legend, labels on or off.
MapLayer = namedtuple("MapLayer", "title geoms style columns legend labels")
MapLayer.__new__.__defaults__ = (None, None, False)

Rendered = namedtuple("Rendered", "png extent pdf outside")


def map_section(report_path, title, crs, frame, layers, findings, feedback):
    """The report's map as HTML (an embedded PNG, its frame, a link to the PDF sheet), or a line
    saying why there is none. `frame`: the checked layer's geometries; `layers`: MapLayer list drawn
    bottom-up; `findings`: the findings table (geometry, severity)."""
    pdf = sheet_path(report_path)
    try:
        rendered = render(title, crs, frame, layers, findings, pdf)
    except Exception as error:  # the map is an illustration: its failure must not cost the report
        feedback.pushWarning(tr("The report's map could not be drawn: {error}").format(error=error))
        return "<p>{}</p>".format(escape(tr("The map could not be drawn: {error}").format(error=error)))
    if rendered is None:
        return "<p>{}</p>".format(escape(tr("Nothing to map: the checked layer has no geometry.")))
    feedback.pushInfo(tr("Map sheet: {path}").format(path=rendered.pdf))
    extent = ",".join("{:.3f}".format(v) for v in rendered.extent)
    notes = [tr("Framed on the checked layer with a margin; circles mark findings too small to see "
                "at this scale.")]
    if rendered.outside:
        notes.append(tr("{n} findings lie outside the frame: see the table below.").format(
            n=rendered.outside))
    link = '<a href="{}">{}</a>'.format(escape(os.path.basename(rendered.pdf)),
                                        escape(tr("Map sheet (PDF)")))
    return ('<figure class="map"><img src="data:image/png;base64,{png}" alt="{alt}" '
            'data-extent="{extent}" data-crs="{crs}"><figcaption>{notes} {link}</figcaption>'
            '</figure>').format(png=base64.b64encode(rendered.png).decode("ascii"),
                                alt=escape(tr("Map of findings")), extent=extent,
                                crs=escape(crs.authid()), notes=escape(" ".join(notes)), link=link)


def sheet_path(report_path):
    """The PDF map sheet beside the report: same name, .pdf (.map.pdf for a report named .pdf)."""
    base, ext = os.path.splitext(report_path)
    return base + (".map.pdf" if ext.lower() == ".pdf" else ".pdf")


def frame_extent(geoms, geographic):
    """(xmin, ymin, xmax, ymax): the bounds of `geoms` with a margin, or None when they are empty."""
    geoms = np.asarray(geoms, dtype=object)
    geoms = geoms[~is_missing(geoms)]
    if len(geoms) == 0:
        return None
    xmin, ymin, xmax, ymax = shapely.total_bounds(geoms)
    pad = max(MARGIN * max(xmax - xmin, ymax - ymin), MIN_MARGIN[geographic])
    return xmin - pad, ymin - pad, xmax + pad, ymax + pad


def render(title, crs, frame, layers, findings, pdf_path=None):
    """Rendered(png bytes, map extent, pdf path, findings outside the frame), or None when the
    checked layer has no geometry. Writes the PDF when pdf_path is given."""
    wanted = frame_extent(frame, crs.isGeographic())
    if wanted is None:
        return None
    project = QgsProject()  # private: the layout needs one, the user's must stay untouched
    project.setCrs(crs)
    project.setEllipsoid("EPSG:7019")  # GRS 1980 (CGCS2000's): the scale bar of a geographic CRS
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.pageCollection().page(0).setPageSize(QgsLayoutSize(*PAGE_MM))
    item = QgsLayoutItemMap(layout)
    item.attemptSetSceneRect(QRectF(*MAP_MM))
    item.setCrs(crs)
    item.setFrameEnabled(True)
    layout.addLayoutItem(item)
    item.zoomToExtent(QgsRectangle(*wanted))
    shown = item.extent()
    box = (shown.xMinimum(), shown.yMinimum(), shown.xMaximum(), shown.yMaximum())
    mm_per_unit = MAP_MM[2] / max(shown.width(), 1e-12)

    drawn = [_memory_layer(spec, crs, box) for spec in layers]
    marks, outside = _finding_layers(findings, crs, box, mm_per_unit)
    map_layers = [lyr for lyr in marks + drawn[::-1] if lyr is not None]  # top first
    item.setLayers(map_layers)
    tree = _decorate(layout, item, title, crs, [lyr for lyr in map_layers if lyr.featureCount()])

    exporter = QgsLayoutExporter(layout)
    image = exporter.renderPageToImage(0, QSize(), DPI)
    if image.isNull():
        raise RuntimeError(tr("QGIS returned an empty image"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    if pdf_path:
        settings = QgsLayoutExporter.PdfExportSettings()
        settings.appendGeoreference = False
        settings.exportMetadata = False
        result = exporter.exportToPdf(pdf_path, settings)
        if result != QgsLayoutExporter.ExportResult.Success:
            raise RuntimeError(tr("the PDF map sheet could not be written to {path}").format(
                path=pdf_path))
    del tree
    return Rendered(bytes(data), box, pdf_path, outside)


# -- layers ---------------------------------------------------------------------------------------

def _memory_layer(spec, crs, box, kind="MultiPolygon"):
    """A temporary layer of the geometries of `spec` that reach the frame, clipped to it, styled."""
    geoms = np.asarray(spec.geoms, dtype=object)
    columns = spec.columns or {}
    keep = ~is_missing(geoms)
    keep[keep] = shapely.intersects(geoms[keep], shapely.box(*box))
    clipped = shapely.clip_by_rect(geoms[keep], *_grown(box)) if kind == "MultiPolygon" else geoms[keep]
    if kind == "MultiPolygon":
        clipped = polygonal(clipped)
    return _layer(spec.title, kind, crs, clipped, {k: np.asarray(v)[keep] for k, v in columns.items()},
                  spec.style, spec.legend, spec.labels)


def _finding_layers(table, crs, box, mm_per_unit):
    """Findings as polygon, line and point layers in the findings styles, plus rings around those
    too small to see; and the number of findings wholly outside the frame."""
    geoms = np.asarray(table["geometry"], dtype=object)
    severity = np.asarray(table["severity"], dtype=object)
    present = ~is_missing(geoms)
    inside = present.copy()
    inside[present] = shapely.intersects(geoms[present], shapely.box(*box))
    outside = int((present & ~inside).sum())
    geoms, severity = geoms[inside], severity[inside]
    parts = [(polygonal(geoms), "MultiPolygon", "findings", tr("Findings")),
             (parts_of_type(geoms, shapely.GeometryType.LINESTRING, shapely.multilinestrings),
              "MultiLineString", "findings_lines", tr("Findings (lines)")),
             (parts_of_type(geoms, shapely.GeometryType.POINT, shapely.multipoints), "MultiPoint",
              "findings_points", tr("Findings (points)"))]
    out = []
    small = np.zeros(len(geoms), dtype=bool)
    for part, kind, style, title in parts:
        has = ~is_missing(part)
        if kind != "MultiPoint" and has.any():
            b = shapely.bounds(part[has])
            small[np.flatnonzero(has)[np.maximum(b[:, 2] - b[:, 0], b[:, 3] - b[:, 1]) * mm_per_unit
                                      < SMALL_MM]] = True
        out.append(_layer(title, kind, crs, part[has], {"severity": severity[has]}, style)
                   if has.any() else None)
    if small.any():
        xy = point_xy(shapely.point_on_surface(geoms[small]))
        rings = shapely.points(xy)
        out.insert(0, _layer(tr("Findings too small to see (circled)"), "Point", crs, rings,
                             {"severity": severity[small]}, "findings_markers"))
    return out, outside


def _layer(title, kind, crs, geoms, columns, style, legend=None, labels=False):
    fields = "&".join("field={}:{}".format(name, "integer" if np.asarray(v).dtype.kind in "iub"
                                           else "string") for name, v in columns.items())
    layer = QgsVectorLayer(kind + ("?" + fields if fields else ""), title, "memory")
    layer.setCrs(crs)
    wkbs = _wkbs(geoms)
    names = list(columns)
    values = [np.asarray(columns[n]).tolist() for n in names]
    features = []
    for k, wkb in enumerate(wkbs):
        if wkb is None:
            continue
        feature = QgsFeature(layer.fields())
        feature.setGeometry(_qgs_geometry(wkb, multi=kind.startswith("Multi")))
        feature.setAttributes([_plain(v[k]) for v in values])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()
    layer.loadNamedStyle(style_path(style))
    translate_severity_legend(layer)
    translate_legend(layer, legend)
    layer.setLabelsEnabled(bool(labels))
    return layer


def _plain(v):
    if v is None:
        return None
    if isinstance(v, float) and v != v:
        return None
    return v if isinstance(v, (int, float)) else str(v)


def _grown(box, by=0.02):
    """The frame a little larger, so clipped outlines do not draw along its edge."""
    dx, dy = (box[2] - box[0]) * by, (box[3] - box[1]) * by
    return box[0] - dx, box[1] - dy, box[2] + dx, box[3] + dy


# -- the page ---------------------------------------------------------------------------------------

def _text(size, bold=False, colour=(0, 0, 0)):
    fmt = QgsTextFormat()
    font = fmt.font()
    font.setBold(bold)
    fmt.setFont(font)
    fmt.setSize(size)
    fmt.setColor(QColor(*colour))
    return fmt


def _decorate(layout, item, title, crs, legend_layers):
    """Title, CRS and date, north arrow, scale bar and legend around the map item."""
    x, y, w, h = MAP_MM
    heading = QgsLayoutItemLabel(layout)
    heading.setText(title)
    compat.set_layout_text(heading, _text(15, bold=True))
    layout.addLayoutItem(heading)
    heading.attemptSetSceneRect(QRectF(x, 7.0, PAGE_MM[0] - 2 * x, 9.0))
    from .io import describe_crs

    sub = QgsLayoutItemLabel(layout)
    sub.setText(tr("CRS: {crs} · drawn {date}").format(
        crs=describe_crs(crs), date=datetime.datetime.now().strftime("%Y-%m-%d %H:%M")))
    compat.set_layout_text(sub, _text(8, colour=(80, 80, 80)))
    layout.addLayoutItem(sub)
    sub.attemptSetSceneRect(QRectF(x, 16.5, PAGE_MM[0] - 2 * x, 5.0))

    arrow = QgsLayoutItemPicture(layout)
    arrow.setPicturePath(NORTH_ARROW)
    arrow.setLinkedMap(item)
    layout.addLayoutItem(arrow)
    arrow.attemptSetSceneRect(QRectF(x + w - 14.0, y + 3.0, 10.0, 15.0))

    bar = QgsLayoutItemScaleBar(layout)
    bar.setStyle("Single Box")
    bar.setLinkedMap(item)
    bar.applyDefaultSize(bar.guessUnits())
    unit = QgsUnitTypes.toAbbreviatedString(bar.units())
    bar.setUnitLabel({"m": tr("m"), "km": tr("km")}.get(unit, unit))
    bar.setTextFormat(_text(8))
    layout.addLayoutItem(bar)
    bar.attemptMove(QgsLayoutPoint(x, y + h + 3.0))

    legend = QgsLayoutItemLegend(layout)
    legend.setTitle(tr("Legend"))
    legend.setAutoUpdateModel(False)
    root = QgsLayerTree()
    for layer in legend_layers:
        root.addLayer(layer)
    legend.model().setRootGroup(root)
    legend.setLinkedMap(item)
    legend.setLegendFilterByMapEnabled(True)  # only the categories the map shows
    compat.set_legend_text(legend, compat.LEGEND_TITLE, _text(11, bold=True))
    for style in (compat.LEGEND_GROUP, compat.LEGEND_SUBGROUP):
        compat.set_legend_text(legend, style, _text(9, bold=True))
    compat.set_legend_text(legend, compat.LEGEND_SYMBOL_LABEL, _text(8))
    legend.setSymbolWidth(6.0)
    legend.setSymbolHeight(4.0)
    layout.addLayoutItem(legend)
    legend.attemptMove(QgsLayoutPoint(LEGEND_X_MM, y))
    legend.adjustBoxSize()
    return root  # the legend model holds the tree by pointer only: the caller keeps it alive
