"""A small SVG sketch of polygons, for the per-site pictures of the siting report (no QGIS needed).

Geometries are simplified to the pixel size and capped in number, so a province-sized layer still
gives a light picture. The QA reports draw their maps with QGIS itself (processing/report_map.py).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

import numpy as np
import shapely

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

    from .arrays import Floats


class SvgMap:
    def __init__(self, bounds: Sequence[float] | Floats, width: float = 900, height: float = 640,
                 margin: float = 10) -> None:
        minx, miny, maxx, maxy = bounds
        span_x, span_y = max(maxx - minx, 1e-9), max(maxy - miny, 1e-9)
        self.scale = min((width - 2 * margin) / span_x, (height - 2 * margin) / span_y)
        self.width, self.height = width, height
        self.x0 = minx - (width / self.scale - span_x) / 2
        self.y1 = maxy + (height / self.scale - span_y) / 2
        self.items: list[str] = []

    def _px(self, xy: Floats) -> Floats:
        return np.column_stack([(xy[:, 0] - self.x0) * self.scale, (self.y1 - xy[:, 1]) * self.scale])

    def polygons(self, geoms: ArrayLike, fill: str, stroke: str, opacity: float = 0.5, width: float = 0.6,
                 cap: int = 20000) -> None:
        shown = np.asarray(geoms, dtype=object)
        shown = shown[~(shapely.is_missing(shown) | shapely.is_empty(shown))]
        if len(shown) > cap:  # keep the largest: they carry the picture
            shown = shown[np.argsort(-shapely.area(shown))[:cap]]
        parts = shapely.get_parts(shapely.simplify(shown, 0.7 / self.scale))
        rings, ring_of = shapely.get_rings(parts, return_index=True)
        if len(rings) == 0:
            return
        coords, coord_of = shapely.get_coordinates(rings, return_index=True)
        px = np.round(self._px(coords), 1)
        cuts = np.flatnonzero(np.diff(coord_of)) + 1
        owner = ring_of[coord_of[np.concatenate([[0], cuts])]]
        paths: dict[int, list[str]] = {}
        for part, ring in zip(owner, np.split(px, cuts)):
            text = "M" + "L".join("{:g} {:g}".format(x, y) for x, y in ring) + "Z"
            paths.setdefault(part, []).append(text)
        for d in paths.values():
            self.items.append('<path d="{}" fill="{}" fill-opacity="{}" stroke="{}" '
                              'stroke-width="{}" fill-rule="evenodd"/>'.format(
                                  "".join(d), fill, opacity, stroke, width))

    def svg(self) -> str:
        return ('<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
                'viewBox="0 0 {w} {h}" style="background:#f7f7f2;border:1px solid #ccc">{body}'
                '</svg>').format(w=self.width, h=self.height, body="".join(self.items))

