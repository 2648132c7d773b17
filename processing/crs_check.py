"""One check of every layer an algorithm reads: its CRS is defined, and it can hold its coordinates.

A CRS is a promise about the coordinates, and a broken one gives silently wrong areas:
- A GeoPackage layer written without a CRS has srs_id 0. QGIS 3.22 reads it as a *valid* CRS,
  described as 'Undefined geographic SRS', with an empty authid, the PROJ string
  '+proj=longlat +ellps=WGS84', 'unknown' datum and ellipsoid, and empty bounds(). So
  Gauss-Krüger metres would be taken as degrees.
- srs_id -1 ('Undefined Cartesian SRS') and other engineering CRSs (LOCAL_CS) have no PROJ
  definition at all.
- Metres labelled with a geographic CRS, or degrees labelled with a projected one, lie outside the
  CRS's area of use (QgsCoordinateReferenceSystem.bounds(), in WGS84).
"""
import math

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsCsException,
    QgsProcessingException,
)

from ..core.crs import guess, outside
from ..core.geom import WORLD
from ..i18n import tr

DEGREES = (-180.0, -90.0, 180.0, 90.0)
# room allowed around a projected CRS's area of use: its own width and height on each side, and
# at least this share of its larger side (data a little beyond a zone's edge is common)
MIN_MARGIN = 0.1


def require_crs(crs, extent, label):
    """`crs`, when it is defined and `extent` (the layer's QgsRectangle) can lie in it.

    Otherwise a QgsProcessingException naming the layer, what its coordinates look like and
    which CRS to set."""
    bounds = finite_bounds(extent)
    problem = undefined(crs)
    if problem:
        raise QgsProcessingException(" ".join(filter(None, (
            problem.format(layer=label, name=crs.description()), describe(bounds), fix(bounds)))))
    if bounds is not None and outside(bounds, domain(crs)):
        raise mismatch(label, crs, bounds)
    return crs


def undefined(crs):
    """A message template (fields: layer, name) when `crs` does not define coordinates, else None."""
    if not crs.isValid():
        return tr("Layer '{layer}' has no coordinate reference system.")
    if not crs.toProj():
        return tr("Layer '{layer}' has the coordinate reference system '{name}', which has no datum "
                  "or projection: its coordinates cannot be placed on the earth.")
    if not crs.authid() and crs.description().lower().startswith("undefined"):
        return tr("Layer '{layer}' has the undefined coordinate reference system '{name}' (what a "
                  "GeoPackage written without a CRS gets), so its coordinates would be taken as "
                  "degrees whatever they are.")
    return None


def is_degrees(crs):
    return crs.isGeographic() or "+proj=longlat" in crs.toProj()


def domain(crs):
    """(xmin, ymin, xmax, ymax): where coordinates in `crs` can lie, in its units, with a margin.

    Longitude/latitude for a geographic CRS; a projected CRS's area of use, taken to it and widened
    by MIN_MARGIN; or the whole WORLD of core.geom when the CRS names no area of use."""
    if is_degrees(crs):
        return DEGREES
    area = crs.bounds()
    if area.isEmpty():
        return WORLD
    try:
        wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
        box = QgsCoordinateTransform(wgs84, crs, QgsCoordinateTransformContext()).transformBoundingBox(area)
    except QgsCsException:
        return WORLD
    values = (box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum())
    if not all(math.isfinite(v) for v in values):
        return WORLD
    width, height = values[2] - values[0], values[3] - values[1]
    least = MIN_MARGIN * max(width, height)
    dx, dy = max(width, least), max(height, least)
    return (values[0] - dx, values[1] - dy, values[2] + dx, values[3] + dy)


def finite_bounds(extent):
    """(xmin, ymin, xmax, ymax) of a QgsRectangle, or None when it is null or not finite."""
    if extent is None or extent.isNull():
        return None
    values = (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum())
    if not all(math.isfinite(v) and abs(v) < 1e300 for v in values) or values[0] > values[2]:
        return None
    return values


def mismatch(label, crs, bounds):
    """The refusal of a layer whose coordinates (bounds) cannot be in its CRS."""
    return QgsProcessingException(" ".join((
        tr("Layer '{layer}' says it is in {crs}, but its coordinates cannot be in that CRS.").format(
            layer=label, crs=describe_crs(crs)),
        describe(bounds), fix(bounds))))


def describe(bounds):
    """'Its coordinates run from x = … to … and y = … to …: <what they look like>.' or ''."""
    if bounds is None:
        return ""
    found = guess(*bounds)
    kinds = {
        "degrees": tr("degrees of longitude and latitude"),
        "gk3": tr("metres, Gauss-Krüger eastings of 3-degree zone {zone} (the zone number in front)"),
        "gk6": tr("metres, Gauss-Krüger eastings of 6-degree zone {zone} (the zone number in front)"),
        "tm": tr("metres, Gauss-Krüger or UTM eastings without a zone number"),
        "unknown": tr("neither longitude/latitude nor a Chinese Gauss-Krüger grid"),
    }
    return tr("Its coordinates run from x = {xmin} to {xmax} and y = {ymin} to {ymax}: {kind}.").format(
        xmin=_number(bounds[0]), xmax=_number(bounds[2]), ymin=_number(bounds[1]),
        ymax=_number(bounds[3]), kind=kinds[found.kind].format(zone=found.zone))


def fix(bounds):
    """How to set the right CRS, naming it when the coordinates tell which."""
    found = guess(*bounds) if bounds is not None else None
    if found is not None and found.epsg:
        crs = QgsCoordinateReferenceSystem("EPSG:{}".format(found.epsg))
        return tr("Set the layer's CRS in Layer Properties › Source, here probably EPSG:{epsg} "
                  "({name}), and run again.").format(epsg=found.epsg, name=crs.description())
    if found is not None and found.kind == "tm":
        return tr("Set the layer's CRS in Layer Properties › Source, here probably the CGCS2000 "
                  "3-degree zone of its central meridian without zone number (EPSG:4534 for 75°E "
                  "to EPSG:4554 for 135°E), and run again.")
    return tr("Set the layer's CRS in Layer Properties › Source (Chinese data is usually CGCS2000: "
              "EPSG:4490, or a Gauss-Kruger zone such as EPSG:4524) and run again.")


def describe_crs(crs):
    return "{} ({})".format(crs.authid() or tr("custom CRS"), crs.description())


def _number(value):
    return "{:,.0f}".format(value) if abs(value) >= 1000 else "{:.6g}".format(value)
