"""A small SVG sketch of polygons, for the per-site pictures of the siting report (no QGIS needed).

Geometries are simplified to the pixel size and capped in number, so a province-sized layer still
gives a light picture. The QA reports draw their maps with QGIS itself (processing/report_map.py).
"""
import numpy as np
import shapely


class SvgMap:
    def __init__(self, bounds, width=900, height=640, margin=10):
        minx, miny, maxx, maxy = bounds
        span_x, span_y = max(maxx - minx, 1e-9), max(maxy - miny, 1e-9)
        self.scale = min((width - 2 * margin) / span_x, (height - 2 * margin) / span_y)
        self.width, self.height = width, height
        self.x0 = minx - (width / self.scale - span_x) / 2
        self.y1 = maxy + (height / self.scale - span_y) / 2
        self.items = []

    def _px(self, xy):
        return np.column_stack([(xy[:, 0] - self.x0) * self.scale, (self.y1 - xy[:, 1]) * self.scale])

    def polygons(self, geoms, fill, stroke, opacity=0.5, width=0.6, cap=20000):
        geoms = np.asarray(geoms, dtype=object)
        geoms = geoms[~(shapely.is_missing(geoms) | shapely.is_empty(geoms))]
        if len(geoms) > cap:  # keep the largest: they carry the picture
            geoms = geoms[np.argsort(-shapely.area(geoms))[:cap]]
        geoms = shapely.simplify(geoms, 0.7 / self.scale)
        parts = shapely.get_parts(geoms)
        rings, ring_of = shapely.get_rings(parts, return_index=True)
        if len(rings) == 0:
            return
        coords, coord_of = shapely.get_coordinates(rings, return_index=True)
        px = np.round(self._px(coords), 1)
        cuts = np.flatnonzero(np.diff(coord_of)) + 1
        owner = ring_of[coord_of[np.concatenate([[0], cuts])]]
        paths = {}
        for part, ring in zip(owner, np.split(px, cuts)):
            text = "M" + "L".join("{:g} {:g}".format(x, y) for x, y in ring) + "Z"
            paths.setdefault(part, []).append(text)
        for d in paths.values():
            self.items.append('<path d="{}" fill="{}" fill-opacity="{}" stroke="{}" '
                              'stroke-width="{}" fill-rule="evenodd"/>'.format(
                                  "".join(d), fill, opacity, stroke, width))

    def svg(self):
        return ('<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
                'viewBox="0 0 {w} {h}" style="background:#f7f7f2;border:1px solid #ccc">{body}'
                '</svg>').format(w=self.width, h=self.height, body="".join(self.items))

