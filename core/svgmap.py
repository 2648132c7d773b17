"""A small SVG map of findings over their context layers, for HTML reports (no QGIS needed).

Geometries are simplified to the pixel size and capped in number, so a province-sized
layer still gives a light picture. Findings too small to see get a marker at their centre.
"""
import numpy as np
import shapely

from .geom import point_xy

SEVERITY_COLOURS = {"error": "#d7191c", "warning": "#fdae61", "info": "#2c7bb6"}


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

    def markers(self, geoms, colour, radius=4, min_px=6):
        """A ring marker on every geometry smaller than min_px pixels, so it can be seen."""
        geoms = np.asarray(geoms, dtype=object)
        geoms = geoms[~(shapely.is_missing(geoms) | shapely.is_empty(geoms))]
        if len(geoms) == 0:
            return
        b = shapely.bounds(geoms)
        small = np.maximum(b[:, 2] - b[:, 0], b[:, 3] - b[:, 1]) * self.scale < min_px
        xy = point_xy(shapely.point_on_surface(geoms[small]))
        pts = self._px(xy[np.isfinite(xy).all(axis=1)])
        for x, y in pts[:5000]:
            self.items.append('<circle cx="{:.1f}" cy="{:.1f}" r="{}" fill="none" stroke="{}" '
                              'stroke-width="1.5"/>'.format(x, y, radius, colour))

    def svg(self):
        return ('<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
                'viewBox="0 0 {w} {h}" style="background:#f7f7f2;border:1px solid #ccc">{body}'
                '</svg>').format(w=self.width, h=self.height, body="".join(self.items))


def findings_map(context_layers, finding_geoms, severities, width=900, height=640):
    """context_layers: [(geoms, fill, stroke)], drawn first; findings on top by severity."""
    finding_geoms = np.asarray(finding_geoms, dtype=object)
    all_geoms = [g for g, _, _ in context_layers] + [finding_geoms]
    stacked = np.concatenate([np.asarray(g, dtype=object) for g in all_geoms]) if all_geoms else []
    stacked = stacked[~(shapely.is_missing(stacked) | shapely.is_empty(stacked))]
    if len(stacked) == 0:
        return ""
    canvas = SvgMap(shapely.total_bounds(stacked), width, height)
    for geoms, fill, stroke in context_layers:
        canvas.polygons(geoms, fill, stroke, opacity=0.35)
    severities = np.asarray(severities, dtype=object)
    for sev in ("info", "warning", "error"):  # errors last, on top
        colour = SEVERITY_COLOURS[sev]
        sel = finding_geoms[severities == sev]
        canvas.polygons(sel, colour, colour, opacity=0.8, width=1.0)
        canvas.markers(sel, colour)
    return canvas.svg()
