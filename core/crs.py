"""What a layer's coordinates look like, whatever CRS it claims (DOMAIN 1), for the CRS check.

Chinese data comes in CGCS2000 longitude/latitude (EPSG:4490) or Gauss-Krüger metres: 3-degree
zones with the zone number before the easting (zone 36: 36,500,000 at the central meridian,
EPSG:4513 + zone - 25 for zones 25–45), 6-degree zones likewise (EPSG:4491 + zone - 13 for zones
13–23), or eastings without the prefix (500,000 at the central meridian).
"""
from __future__ import annotations

from typing import NamedTuple, Optional, Sequence


class Guess(NamedTuple):
    """kind: 'degrees', 'gk3' / 'gk6' (zone-prefixed eastings), 'tm' (eastings without a prefix), or
    'unknown'; zone: the prefix; epsg: the CGCS2000 CRS that fits, when one can be named."""
    kind: str
    zone: Optional[int]
    epsg: Optional[int]


ZONES_3 = (25, 45, 4513)  # first zone, last zone, EPSG code of the first
ZONES_6 = (13, 23, 4491)
NORTHING = (0.0, 1e7)     # northern hemisphere, in metres
EASTING = (1e5, 9e5)      # within about 400 km of a central meridian (false easting 500,000)


def guess(xmin: float, ymin: float, xmax: float, ymax: float) -> Guess:
    """The Guess for coordinates spanning this extent (in whatever units they are)."""
    if -180 <= xmin <= xmax <= 180 and -90 <= ymin <= ymax <= 90:
        return Guess("degrees", None, 4490)
    if not NORTHING[0] <= ymin <= ymax <= NORTHING[1]:
        return Guess("unknown", None, None)
    zone, low = divmod(xmin, 1e6)
    high = xmax - zone * 1e6
    if zone and EASTING[0] <= low <= high <= EASTING[1]:
        for kind, (first, last, epsg) in (("gk3", ZONES_3), ("gk6", ZONES_6)):
            if first <= zone <= last:
                return Guess(kind, int(zone), epsg + int(zone) - first)
        return Guess("unknown", None, None)
    if EASTING[0] <= xmin <= xmax <= EASTING[1]:
        return Guess("tm", None, None)
    return Guess("unknown", None, None)


def outside(extent: Sequence[float], box: Sequence[float]) -> bool:
    """True when the extent (xmin, ymin, xmax, ymax) and the box do not meet at all."""
    return extent[0] > box[2] or extent[2] < box[0] or extent[1] > box[3] or extent[3] < box[1]
