"""HTML reports shared by every QA algorithm: summary, per-rule counts with their sources, statistics,
the map (report_map.py) and the findings; every word in the user's language."""
import datetime
import html

from ..core.findings import rule_counts, severity_counts
from ..core.rules import RULES
from ..i18n import tr
from .citations import citation
from .messages import rule_titles

_STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:24px;color:#222}
h1{font-size:22px} h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:8px 0} td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px}
th{background:#eee} td.n{text-align:right} .error{color:#d7191c;font-weight:bold}
.warning{color:#e66101;font-weight:bold} .info{color:#2c7bb6} tr.total td{font-weight:bold}
figure.map{margin:8px 0} figure.map img{max-width:100%;border:1px solid #ccc}
figcaption{font-size:13px;color:#555;margin-top:4px}
"""


def escape(v):
    """Text for HTML: None → empty."""
    return html.escape("" if v is None else str(v))


def severity_label(sev):
    return {"error": tr("error"), "warning": tr("warning"), "info": tr("info")}.get(sev, sev)


def _table(headers, rows, numeric=(), row_classes=None):
    head = "".join("<th>{}</th>".format(escape(h)) for h in headers)
    body = []
    for i, row in enumerate(rows):
        cells = []
        for k, v in enumerate(row):
            cls = ' class="n"' if k in numeric else ""
            cells.append("<td{}>{}</td>".format(cls, v if isinstance(v, _Raw) else escape(v)))
        row_class = row_classes[i] if row_classes else ""
        body.append("<tr{}>{}</tr>".format(' class="{}"'.format(row_class) if row_class else "",
                                           "".join(cells)))
    return "<table><tr>{}</tr>{}</table>".format(head, "".join(body))


class _Raw(str):
    """Already-escaped HTML inside a table cell."""


def build_report(title, table, info_rows=(), stats=None, stats_headers=None, stats_keys=None,
                 map_html="", max_rows=500, values=None, layers=None):
    """The report as one HTML page: summary, findings by rule with their sources, statistics, the
    map (report_map.map_section) and the findings themselves.

    values: {statistics column: {stored value: shown text}} for coded columns (a verdict, a system);
    a TOTAL row reads "Total" in the user's language. layers: {layer name in the findings: shown
    name} (layer_names(alg) gives the parameters' own labels)."""
    counts = severity_counts(table)
    titles = rule_titles()
    layers = layers or {}
    parts = ["<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{}</title><style>{}</style>"
             "</head><body>".format(escape(title), _STYLE), "<h1>{}</h1>".format(escape(title))]
    info = [(tr("Generated"), datetime.datetime.now().strftime("%Y-%m-%d %H:%M"))] + list(info_rows)
    info += [(severity_label(s), counts[s]) for s in ("error", "warning", "info")]
    parts.append("<h2>{}</h2>".format(escape(tr("Summary"))))
    parts.append(_table([tr("Item"), tr("Value")], info))

    parts.append("<h2>{}</h2>".format(escape(tr("Findings by rule"))))
    rows = []
    for rule, by_sev in rule_counts(table).items():
        for sev, n in by_sev.items():
            source = citation(RULES[rule]) if rule in RULES else ""
            rows.append((rule, titles.get(rule, rule), _Raw('<span class="{0}">{1}</span>'.format(
                escape(sev), escape(severity_label(sev)))), n, source))
    if rows:
        parts.append(_table([tr("Rule"), tr("Title"), tr("Severity"), tr("Count"), tr("Source")],
                            rows, numeric=(3,)))
    else:
        parts.append("<p>{}</p>".format(escape(tr("No findings: the layer passed every check."))))

    if stats is not None and stats_keys:
        parts.append("<h2>{}</h2>".format(escape(tr("Statistics"))))
        parts.append(_stats_table(stats, stats_headers, stats_keys, values or {}))

    if map_html:
        parts.append("<h2>{}</h2>".format(escape(tr("Map of findings"))))
        parts.append(map_html)

    parts.append("<h2>{}</h2>".format(escape(tr("Findings"))))
    n = len(table["rule"])
    frows = [(table["rule"][k], severity_label(table["severity"][k]),
              layers.get(table["layer"][k], table["layer"][k]), _fid(table["fid"][k]),
              _fmt(table["area_m2"][k]), table["message"][k])
             for k in range(min(n, max_rows))]
    parts.append(_table([tr("Rule"), tr("Severity"), tr("Layer"), tr("Feature"), tr("Area (m²)"),
                         tr("Message")], frows, numeric=(3, 4)))
    if n > max_rows:
        parts.append("<p>{}</p>".format(escape(tr("… and {n} more findings in the findings layer.").format(
            n=n - max_rows))))
    parts.append("</body></html>")
    return "".join(parts)


TOTAL = "TOTAL"  # the code of the total row of core's statistics


def _stats_table(stats, headers, keys, values):
    """The statistics, coded values shown in words; the total row in bold, its code as "Total"."""
    total = tr("Total")
    rows, classes = [], []
    for i in range(len(stats[keys[0]])):
        raw = [stats[k][i] for k in keys]
        classes.append("total" if any(isinstance(v, str) and v == TOTAL for v in raw) else "")
        rows.append([total if isinstance(v, str) and v == TOTAL else _fmt(_shown(values, k, v))
                     for k, v in zip(keys, raw)])
    return _table(headers, rows, numeric=tuple(range(2, len(keys))), row_classes=classes)


def _shown(values, key, v):
    """A coded value in words (values[key]), else the value itself."""
    try:
        return values.get(key, {}).get(v, v)
    except TypeError:  # an unhashable value
        return v


def layer_names(alg):
    """{parameter name: its label} of an algorithm, for the Layer column of the findings."""
    return {p.name(): p.description() for p in alg.parameterDefinitions()}


def _fmt(v):
    if isinstance(v, float):
        if v != v:
            return ""
        if v.is_integer() and abs(v) < 1e15:
            return "{:,}".format(int(v))
        return "{:,.2f}".format(v)
    return v


def _fid(v):
    return "" if v != v else str(int(v))


def write_report(path, text):
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
