"""The HTML report of ecospace:siting_check: one section per site, for a project officer.

Each section says in words where the site lies (units, classes, red line, core zones), shows a
small map of the site among the units, and lists the access-list rules that apply, dimension
by dimension. The texts go through tr(): Chinese in a Chinese QGIS, English otherwise.
"""
import datetime

import numpy as np
import shapely

from ..core.findings import severity_counts
from ..core.layer import Layer
from ..core.svgmap import SvgMap
from ..core.units_common import class_values
from ..i18n import tr
from . import io
from .messages import format_area
from .report import escape, severity_label, write_report

_STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:24px;color:#222;
max-width:1000px} h1{font-size:22px} h2{font-size:18px;margin-top:34px;border-bottom:2px solid #ccc}
h3{font-size:15px;margin:18px 0 6px} table{border-collapse:collapse;margin:8px 0}
td,th{border:1px solid #ccc;padding:4px 8px;font-size:13px;vertical-align:top} th{background:#eee}
td.n{text-align:right} .conflict{color:#b2182b;font-weight:bold} .error{color:#d7191c;font-weight:bold}
.warning{color:#e66101;font-weight:bold} .rule{white-space:pre-wrap} .verdict{font-size:15px;margin:6px 0}
.legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;border:1px solid #777}
"""
CLASS_COLOURS = {1: "#38a800", 2: "#e6550d", 3: "#ffeb8c", 0: "#cccccc"}
RANK = {"conflict": 0, "priority": 1, "key": 2, "general": 3, "unclassified": 4}


def dimension_labels():
    return {"KJBJYS": tr("Spatial layout constraints (空间布局约束)"),
            "PWWPFGK": tr("Pollutant discharge control (污染物排放管控)"),
            "HJFXFK": tr("Environmental risk prevention (环境风险防控)"),
            "ZYKFXLYQ": tr("Resource use efficiency (资源开发效率要求)"),
            "REMARK": tr("Remark (备注)")}


def verdict_sentences():
    return {"conflict": tr("The site enters the ecological protection red line or a protected area's "
                           "core zone: it conflicts with the control requirements and should be moved."),
            "priority": tr("The site touches a priority protection unit: development there is strictly "
                           "limited; check the unit's rules below one by one."),
            "key": tr("The site lies in key control units: it is allowed if it meets the pollutant, "
                      "risk and efficiency requirements below."),
            "general": tr("The site lies in general control units: the general requirements below apply."),
            "unclassified": tr("The class of a unit the site touches is unknown: check the unit layer.")}


def _table(headers, rows, numeric=()):
    head = "".join("<th>{}</th>".format(escape(h)) for h in headers)
    body = "".join("<tr>{}</tr>".format("".join(
        '<td{}>{}</td>'.format(' class="n"' if k in numeric else "", c) for k, c in enumerate(row)))
        for row in rows)
    return "<table><tr>{}</tr>{}</table>".format(head, body)


def _size(dim, length, area):
    if dim == 2:
        return format_area(area)
    if dim == 1:
        return tr("{m} m").format(m="{:,.1f}".format(length))
    return tr("point")


def siting_report(path, columns, findings, layers, names, crs, access, labels, verdicts):
    """Write the report; `columns` are the siting table's columns, `findings` the findings table.

    `labels` (per site, by its position in layers["SITES"]) and `verdicts` ({verdict: label}) come
    from the algorithm module, which owns these texts (siting_check.site_labels, verdict_labels).
    Sites are told apart by position (columns and findings: `_site`): the sites of several layers
    repeat fids.
    """
    sites = layers["SITES"]
    sites = Layer(sites.name, sites.geoms, np.arange(len(sites)))  # keyed by position (site_map)
    counts = severity_counts(findings)
    parts = ["<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{0}</title><style>{1}</style>"
             "</head><body><h1>{0}</h1>".format(escape(tr("Project siting assessment (项目选址分析)")), _STYLE)]
    info = [(tr("Generated"), datetime.datetime.now().strftime("%Y-%m-%d %H:%M")),
            (tr("Sites"), len(sites)), (tr("Site layers"), ", ".join(dict.fromkeys(layers["site_layer"]))),
            (tr("Control units"), layers.get("unit_count", len(layers["UNITS"]))),
            (tr("Access list"), tr("{n} rows from {sources}").format(
                n=len(access[0]), sources=", ".join(dict.fromkeys(access[0].source)))
             if access else tr("none given")),
            (tr("Red line"), tr("checked") if "REDLINE" in layers else tr("not given")),
            (tr("Protected-area core zones"), layers.get("core_count", len(layers["CORE"])) if "CORE" in layers
             else tr("not given")),
            (tr("CRS"), io.describe_crs(crs))]
    info += [(severity_label(s), counts[s]) for s in ("error", "warning")]
    parts.append(_table([tr("Item"), tr("Value")], [(escape(a), escape(b)) for a, b in info]))
    parts.append(_overview(sites, columns, findings, labels, verdicts))
    backdrop = Backdrop(layers, names)
    for site in range(len(sites)):
        parts.append(_site_section(site, labels[site], sites, columns, findings, backdrop, names,
                                   verdicts))
    parts.append(_other_findings(findings))
    parts.append("</body></html>")
    write_report(path, "".join(parts))


def _site_verdict(columns, site):
    rows = np.flatnonzero(columns["_site"] == site)
    if len(rows) == 0:
        return None
    return min((columns["verdict"][k] for k in rows), key=lambda v: RANK.get(v, 9))


def _overview(sites, columns, findings, labels, verdicts):
    rows = []
    for site in range(len(sites)):
        sel = np.flatnonzero(columns["_site"] == site)
        verdict = _site_verdict(columns, site)
        mine = np.flatnonzero(findings["_site"] == site)
        rows.append(('<a href="#site{}">{}</a>'.format(site, escape(labels[site])),
                     escape(", ".join(columns["unit_code"][sel])) or escape(tr("none")),
                     '<span class="{}">{}</span>'.format(escape(verdict), escape(verdicts.get(verdict, "")))
                     if verdict else escape(tr("outside every unit")),
                     len(mine)))
    return "<h2>{}</h2>{}".format(escape(tr("Overview")), _table(
        [tr("Site"), tr("Units"), tr("Verdict"), tr("Findings")], rows, numeric=(3,)))


def _site_section(site, label, sites, columns, findings, backdrop, names, verdicts):
    sel = np.flatnonzero(columns["_site"] == site)
    out = ['<h2 id="site{}">{}</h2>'.format(site, escape(tr("Site {site}").format(site=label)))]
    industry = columns["industry"][sel[0]] if len(sel) else ""
    if industry:
        out.append("<p>{}</p>".format(escape(tr("Industry: {industry}").format(industry=industry))))
    verdict = _site_verdict(columns, site)
    if verdict:
        out.append('<p class="verdict"><span class="{}">{}</span> — {}</p>'.format(
            escape(verdict), escape(verdicts[verdict]), escape(verdict_sentences()[verdict])))
    mine = np.flatnonzero(findings["_site"] == site)
    for k in mine:
        out.append('<p class="{}">{}</p>'.format(escape(findings["severity"][k]), escape(findings["message"][k])))
    out.append(site_map(site, sites, backdrop))
    if len(sel) == 0:
        return "".join(out)
    rows = [(escape(columns["unit_code"][k]), escape(columns["unit_name"][k]), escape(columns["class_name"][k]),
             escape(_size(columns["dimension"][k], columns["length_m"][k], columns["area_m2"][k])),
             "{:.2f} %".format(columns["share_pct"][k])) for k in sel]
    out.append("<h3>{}</h3>".format(escape(tr("Control units the site lies in"))))
    out.append(_table([tr("Unit code"), tr("Unit name"), tr("Class"), tr("Length or area"),
                       tr("Share of the site")], rows, numeric=(4,)))
    out.append(_rules(sel, columns, names))
    return "".join(out)


def _rules(sel, columns, names):
    dims = dimension_labels()
    out = []
    for k in sel:
        texts = [(dims.get(f, f), columns[f][k]) for f in names["access"] if columns[f][k]]
        out.append("<h3>{}</h3>".format(escape(tr("Access-list rules of unit {code}").format(
            code=columns["unit_code"][k]))))
        if not texts:
            out.append("<p>{}</p>".format(escape(tr("No access-list rule found for this unit."))))
            continue
        out.append(_table([tr("Dimension"), tr("Requirement")],
                          [(escape(d), '<div class="rule">{}</div>'.format(escape(t))) for d, t in texts]))
    return "".join(out)


class Backdrop:
    """What every site's map draws around it, indexed once per report (not once per site): the
    units by class, the red line and the core zones, each with its STRtree."""

    def __init__(self, layers, names):
        units = layers["UNITS"]
        klass = class_values(units.column(names["class"]), len(units))
        self.layers = [(units.geoms[klass == c], CLASS_COLOURS[c], "#555555", 0.55) for c in (3, 2, 1, 0)]
        self.layers += [(layers[key].geoms, fill, stroke, 0.45) for key, fill, stroke in (
            ("REDLINE", "#e31a1c", "#b30000"), ("CORE", "#67001f", "#67001f")) if key in layers]
        self.trees = [shapely.STRtree(geoms) for geoms, *_ in self.layers]

    def draw(self, canvas, view):
        for (geoms, fill, stroke, opacity), tree in zip(self.layers, self.trees):
            hit = tree.query(view, predicate="intersects")
            if len(hit):
                canvas.polygons(_clip(geoms[np.sort(hit)], view), fill, stroke, opacity=opacity)


def envelopes(geoms):
    """Each site's envelope (rows xmin, ymin, xmax, ymax; none for a site without a geometry)."""
    bounds = shapely.bounds(np.asarray(geoms, dtype=object))
    return bounds[np.isfinite(bounds).all(axis=1)]


def map_views(geoms):
    """The area each site's map shows (rows as envelopes'): its envelope and a margin of 35 % of its
    size, and at least 140 m."""
    bounds = envelopes(geoms)
    pad = np.maximum(np.maximum(bounds[:, 2] - bounds[:, 0], bounds[:, 3] - bounds[:, 1]), 400.0) * 0.35
    return bounds + np.column_stack([-pad, -pad, pad, pad])


def site_map(fid, sites, backdrop, size=(640, 420)):
    """An SVG of the site among the units (coloured by class), red line and core zones."""
    site = sites.geoms[sites.fids == fid]
    if len(site) == 0 or shapely.is_missing(site[0]) or shapely.is_empty(site[0]):
        return ""
    view = shapely.box(*map_views(site[:1])[0])
    canvas = SvgMap(shapely.bounds(view), *size)
    backdrop.draw(canvas, view)
    _draw_site(canvas, site[0])
    legend = "".join('<span style="background:{}"></span>{}'.format(colour, escape(text)) for colour, text in (
        (CLASS_COLOURS[1], tr("priority")), (CLASS_COLOURS[2], tr("key")), (CLASS_COLOURS[3], tr("general")),
        ("#e31a1c", tr("red line")), ("#67001f", tr("core zone")), ("#2166ac", tr("site"))))
    return '<div>{}</div><p class="legend">{}</p>'.format(canvas.svg(), legend)


def _clip(geoms, view):
    geoms = geoms[~(shapely.is_missing(geoms) | shapely.is_empty(geoms))]
    return shapely.intersection(shapely.make_valid(geoms), view)


def _draw_site(canvas, geom):
    colour = "#2166ac"
    dim = shapely.get_dimensions(geom)
    if dim == 2:
        canvas.polygons(np.array([geom], dtype=object), colour, colour, opacity=0.35, width=2.0)
    elif dim == 1:
        for line in shapely.get_parts(geom):
            xy = canvas._px(shapely.get_coordinates(line))
            canvas.items.append('<polyline points="{}" fill="none" stroke="{}" stroke-width="3"/>'.format(
                " ".join("{:.1f},{:.1f}".format(x, y) for x, y in xy), colour))
    for x, y in canvas._px(shapely.get_coordinates(shapely.point_on_surface(np.array([geom])))):
        if dim == 0:
            canvas.items.append('<circle cx="{:.1f}" cy="{:.1f}" r="7" fill="{}" stroke="#fff" '
                                'stroke-width="2"/>'.format(x, y, colour))


def _other_findings(findings):
    """Findings not about a site: the access list and invalid input features."""
    rows = [(escape(findings["rule"][k]), '<span class="{0}">{1}</span>'.format(
        escape(findings["severity"][k]), escape(severity_label(findings["severity"][k]))),
        escape(findings["message"][k])) for k in range(len(findings["rule"]))
        if findings["_site"][k] < 0]
    if not rows:
        return ""
    return "<h2>{}</h2>{}".format(escape(tr("Other findings")), _table(
        [tr("Rule"), tr("Severity"), tr("Message")], rows))
