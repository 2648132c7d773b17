"""The HTML report a bureau files: a map drawn by QGIS framed on what was checked (scale bar, north arrow,
legend; a PDF sheet beside it), statistics of the counties the red line lies in, real citations, and
every word in the user's language.

The PNGs of the maps go to test-output/ to be looked at (report_<case>_<language>.png).
"""
import base64
import re
import subprocess
import time
from html.parser import HTMLParser

import pytest
from qgis.core import (
    QgsApplication,
    QgsDistanceArea,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication, QThread, QTranslator

from ..support import ROOT, layer, table
from .test_guangxi_counties import GK, county_geoms, load_counties

OUT = ROOT / "test-output"
ALLOWED_LATIN = {"PDF", "GB", "CGCS", "EPSG", "km"}  # names and unit symbols, not words

SAMPLE_RUNS = {
    "redline_check": ("REDLINE", {
        "REDLINE": layer("redline"), "COUNTIES": layer("counties"), "COUNTY_CODE_FIELD": "XZQDM",
        "COUNTY_NAME_FIELD": "XZQMC", "FARMLAND": layer("farmland"), "STATISTICS": "TEMPORARY_OUTPUT"}),
    "units_check": ("UNITS", {
        "UNITS": layer("control_units"), "COUNTIES": layer("counties"), "COUNTY_CODE_FIELD": "XZQDM",
        "REDLINE": layer("redline"), "STATISTICS": "TEMPORARY_OUTPUT"}),
    "reserve_check": ("RESERVES", {
        "RESERVES": layer("protected_areas"), "ZONES": layer("pa_zones"),
        "ZONE_VALUES": "YBKZ=general_control", "SUMMARY": "TEMPORARY_OUTPUT"}),
    "protected_area_overlaps": ("RESERVES", {
        "RESERVES": layer("pa_pre_integration"), "OVERLAPS": "TEMPORARY_OUTPUT"}),
    "human_activity": ("RESERVES", {
        "ACTIVITIES": layer("activity_polygons"), "RESERVES": layer("protected_areas"),
        "ZONES": layer("pa_zones"), "ZONE_VALUES": "YBKZ=general_control", "REDLINE": layer("redline"),
        "SUMMARY": "TEMPORARY_OUTPUT"}),
}


# -- reading a report ----------------------------------------------------------------------------

class Page(HTMLParser):
    """The parts of a report the tests look at: headings, tables (rows of cell texts, with the row's
    class), the map's image and its attributes, and the caption."""

    def __init__(self, text):
        super().__init__()
        self.headings, self.tables, self.images, self.captions = [], [], [], []
        self._text = None
        self._row = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self._row = ([], attrs.get("class", ""))
            self.tables[-1].append(self._row)
        elif tag in ("td", "th", "h1", "h2", "figcaption"):
            self._text = []
        elif tag == "img":
            self.images.append(attrs)

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._text is not None:
            self._row[0].append("".join(self._text).strip())
            self._text = None
        elif tag in ("h1", "h2"):
            self.headings.append("".join(self._text).strip())
            self._text = None
        elif tag == "figcaption":
            self.captions.append("".join(self._text).strip())
            self._text = None

    def extent(self):
        return [float(v) for v in self.images[0]["data-extent"].split(",")]


def tables_by_heading(text):
    """{heading: rows} for the tables of a report, each directly after its <h2>."""
    out = {}
    for heading, body in re.findall(r"<h2>([^<]*)</h2>(<table>.*?</table>)", text):
        out[heading] = Page(body).tables[0]
    return out


def map_png(text):
    """The map's PNG; also a reason to keep test-output/ (the PNGs are written there to be looked at)."""
    OUT.mkdir(exist_ok=True)
    match = re.search(r'src="data:image/png;base64,([^"]+)"', text)
    assert match, "no map image in the report"
    data = base64.b64decode(match.group(1))
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return data


def expected_frame(xmin, ymin, xmax, ymax):
    """The checked layer's bounds with report_map's margin, widened to the map item's shape."""
    from ecospace.processing import report_map

    pad = max(report_map.MARGIN * max(xmax - xmin, ymax - ymin), report_map.MIN_MARGIN[False])
    x0, y0, x1, y1 = xmin - pad, ymin - pad, xmax + pad, ymax + pad
    aspect = report_map.MAP_MM[2] / report_map.MAP_MM[3]
    w, h = x1 - x0, y1 - y0
    w, h = max(w, h * aspect), max(h, w / aspect)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return [cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2]


def latin_words(texts):
    """Words in Latin letters that are not names: what a Chinese page should not show."""
    words = set()
    for t in texts:
        words.update(w for w in re.findall(r"[A-Za-z]{2,}", t) if w not in ALLOWED_LATIN)
    return words


def run(alg, params, folder):
    import processing

    folder.mkdir(parents=True, exist_ok=True)
    report = folder / "report.html"
    results = processing.run("ecospace:" + alg, dict(params, OUTPUT="TEMPORARY_OUTPUT",
                                                     REPORT=str(report)))
    return results, report.read_text(encoding="utf-8")


@pytest.fixture
def chinese(provider, tmp_path_factory):
    """The zh_CN translator compiled from the .ts of this checkout, installed for one test."""
    from ecospace import i18n

    folder = tmp_path_factory.mktemp("qm")
    subprocess.run(["bash", str(ROOT / "tools" / "i18n_build.sh"), str(folder)], check=True)
    i18n.remove_translator()
    translator = QTranslator()
    assert translator.load(str(folder / "ecospace_zh_CN.qm"))
    QgsApplication.installTranslator(translator)
    provider.refreshAlgorithms()
    yield
    QgsApplication.removeTranslator(translator)
    provider.refreshAlgorithms()


# -- citations: real documents, nothing internal ---------------------------------------------------

def user_texts(provider):
    """Every citation, and the help and parameter labels of every algorithm, as the user reads them."""
    from ecospace.processing.citations import citations

    texts = list(citations().values())
    for alg in provider.algorithms():
        texts.append(alg.shortHelpString())
        texts += [p.description() for p in alg.parameterDefinitions()]
    return texts


def test_every_rule_cites_a_document():
    from ecospace.core.rules import RULES
    from ecospace.processing.citations import citations

    for rule in RULES.values():
        assert rule.source in citations(), rule.id


def test_no_internal_references_in_english(provider):
    texts = user_texts(provider)
    assert len(texts) > 100
    assert [t[:80] for t in texts if "DOMAIN" in t] == []


def test_no_internal_references_in_chinese(chinese, provider):
    from ecospace.processing.citations import citations

    texts = user_texts(provider)
    assert [t[:80] for t in texts if "DOMAIN" in t] == []
    assert citations()["RL_GUIDE_2017"] == "《生态保护红线划定指南》（环办生态〔2017〕48号，2017年）"
    assert all(not latin_words([text.replace("GB/T", "")]) for text in citations().values())


# -- every algorithm that writes a report -----------------------------------------------------------

@pytest.mark.parametrize("alg", sorted(SAMPLE_RUNS))
def test_map_framed_on_the_checked_layer(provider, alg, tmp_path):
    checked, params = SAMPLE_RUNS[alg]
    results, text = run(alg, params, tmp_path)
    (OUT / "report_{}_en.png".format(alg)).write_bytes(map_png(text))
    page = Page(text)
    frame = QgsVectorLayer(params[checked], "checked", "ogr").extent()
    want = expected_frame(frame.xMinimum(), frame.yMinimum(), frame.xMaximum(), frame.yMaximum())
    assert page.extent() == pytest.approx(want, abs=1e-3 * (want[2] - want[0]))
    assert page.images[0]["data-crs"] == "EPSG:4524"
    pdf = tmp_path / "report.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert 'href="report.pdf"' in text
    assert "DOMAIN" not in text and "TOTAL" not in text


@pytest.mark.parametrize("alg", sorted(SAMPLE_RUNS))
def test_report_in_chinese(chinese, alg, tmp_path):
    """Headings, table headers, the summary's items, severities, coded values, the total row and
    the caption in Chinese."""
    from ecospace.i18n import tr
    from ecospace.processing.citations import citations

    _, params = SAMPLE_RUNS[alg]
    _, text = run(alg, params, tmp_path)
    (OUT / "report_{}_zh.png".format(alg)).write_bytes(map_png(text))
    page = Page(text)
    tables = tables_by_heading(text)
    summary, by_rule = tables[tr("Summary")], tables[tr("Findings by rule")]
    assert tr("Findings") in tables
    headers = [cell for rows in tables.values() for cell in rows[0][0]]
    summary_items = [row[0][0] for row in summary[1:]]
    severities = [row[0][2] for row in by_rule[1:]]
    assert {row[0][4] for row in by_rule[1:]} <= set(citations().values())
    stats = tables.get(tr("Statistics"), [])
    coded = [row[0][0] for row in stats[1:] if row[1] == "total"]
    assert set(coded) <= {"合计"}
    words = latin_words(page.headings + headers + summary_items + severities + page.captions + coded)
    assert not words, words
    assert "DOMAIN" not in text and "TOTAL" not in text


def test_map_drawn_in_a_background_run(provider, qgis_new_project, tmp_path, monkeypatch):
    """As the task dialogs run it: processAlgorithm on a worker thread, the project as context. The
    map is drawn there, in a project of its own: the user's project gains no layer."""
    from ecospace.processing import report_map

    project = QgsProject.instance()
    layers = [QgsVectorLayer(layer(name), name, "ogr") for name in ("redline", "counties")]
    project.addMapLayers(layers)
    before = set(project.mapLayers())
    threads = []
    render = report_map.render
    main = QCoreApplication.instance().thread()
    monkeypatch.setattr(report_map, "render", lambda *a, **k: threads.append(QThread.currentThread() == main)
                        or render(*a, **k))
    params = {"REDLINE": layers[0].id(), "COUNTIES": layers[1].id(), "COUNTY_CODE_FIELD": "XZQDM",
              "OUTPUT": str(tmp_path / "f.gpkg"), "REPORT": str(tmp_path / "report.html")}
    alg = QgsApplication.processingRegistry().createAlgorithmById("ecospace:redline_check")
    feedback = QgsProcessingFeedback()
    context = QgsProcessingContext()
    context.setProject(project)
    context.setFeedback(feedback)
    task = QgsProcessingAlgRunnerTask(alg, params, context, feedback)
    done = []
    task.executed.connect(lambda ok, results: done.append(ok))
    QgsApplication.taskManager().addTask(task)
    end = time.monotonic() + 300
    while not done and time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.01)
    try:
        assert done == [True]
        assert threads == [False]  # not on the main thread
        assert set(project.mapLayers()) == before
        text = (tmp_path / "report.html").read_text(encoding="utf-8")
        assert len(map_png(text)) > 10000
        assert (tmp_path / "report.pdf").read_bytes()[:5] == b"%PDF-"
    finally:
        project.removeAllMapLayers()


def test_a_map_that_cannot_be_drawn_costs_only_the_map(provider, tmp_path, monkeypatch):
    """The report is still written, saying why there is no map; the run warns and succeeds."""
    import processing

    from ecospace.processing import report_map

    def broken(*args, **kwargs):
        raise RuntimeError("no fonts")

    monkeypatch.setattr(report_map, "render", broken)
    feedback = QgsProcessingFeedback()
    warnings = []
    feedback.pushWarning = warnings.append
    report = tmp_path / "report.html"
    processing.run("ecospace:redline_check", {"REDLINE": layer("redline"), "OUTPUT": "TEMPORARY_OUTPUT",
                                              "REPORT": str(report)}, feedback=feedback)
    text = report.read_text(encoding="utf-8")
    assert "The map could not be drawn: no fonts" in text and "data:image/png" not in text
    assert "The report's map could not be drawn: no fonts" in warnings
    assert report_map.sheet_path("/a/report.pdf") == "/a/report.map.pdf"
    assert report_map.sheet_path("/a/report.html") == "/a/report.pdf"


def test_coded_values_in_words(provider, tmp_path):
    """The zone summary's system and verdict, the overlap's keeper reason: words, not codes."""
    _, text = run("reserve_check", SAMPLE_RUNS["reserve_check"][1], tmp_path / "zones")
    rows = tables_by_heading(text)["Statistics"]
    header = rows[0][0]
    systems = {r[0][header.index("System")] for r in rows[1:]}
    verdicts = {r[0][header.index("Verdict")] for r in rows[1:]}
    assert systems <= {"Three-zone system", "Two-zone system", "Mixed systems", "No zones"}
    assert verdicts <= {"error", "warning", "Passed"} and "Passed" in verdicts
    _, text = run("protected_area_overlaps", SAMPLE_RUNS["protected_area_overlaps"][1], tmp_path / "pa")
    rows = tables_by_heading(text)["Statistics"]
    reasons = {r[0][rows[0][0].index("Reason")] for r in rows[1:]}
    assert reasons and reasons <= {"Higher level", "Same level, stronger protection type",
                                   "No keeper can be suggested"}


# -- a district's red line against the real Guangxi counties ------------------------------------------

def district_lines(geoms):
    """A county near 108° E (GK zone 36) with two neighbours: points on its shared lines with them."""
    items = sorted(geoms.items())
    for fa, (_, _, ga) in items:
        if abs(ga.centroid().asPoint().x() - 36500000) > 80000:
            continue
        shared = []
        for fb, (_, _, gb) in items:
            line = ga.intersection(gb) if fb != fa and ga.boundingBoxIntersects(gb) else None
            if line is not None and line.length() > 5000:
                shared.append(line.interpolate(line.length() / 2).asPoint())
        if len(shared) >= 2:
            return fa, shared[:2]
    raise AssertionError("no county with two neighbours near 108° E")


def guangxi_red_line():
    """A district's red line in GK zone 36: two patches across the county lines of one county and one
    inside it; with the counties (fid → code, name, geometry in GK)."""
    counties = load_counties()
    geoms = county_geoms(counties)
    county, points = district_lines(geoms)
    red = QgsVectorLayer("Polygon?crs=EPSG:4524&field=BSM:string", "STBHHX", "memory")
    patches = [QgsGeometry.fromPointXY(QgsPointXY(pt)).buffer(600, 16) for pt in points]
    inner = geoms[county][2].pointOnSurface().asPoint()
    patches.append(QgsGeometry.fromPointXY(inner).buffer(300, 16))
    for k, patch in enumerate(patches, start=1):
        f = QgsFeature(red.fields())
        f.setGeometry(patch)
        f.setAttributes(["450000STBHHX%04d" % k])
        red.dataProvider().addFeatures([f])
    return counties, geoms, red, patches


def expected_ledger(geoms, patches, tolerance=1.0):
    """{code: (patches, red-line m², county m²)} from QGIS's own geometry engine and ellipsoidal area:
    the counties holding a piece of a patch above the crossing tolerance."""
    da = QgsDistanceArea()
    da.setSourceCrs(GK, QgsProject.instance().transformContext())
    da.setEllipsoid("EPSG:1024")
    out = {}
    for code, _, g in geoms.values():
        pieces = [da.measureArea(p.intersection(g)) for p in patches if p.boundingBoxIntersects(g)]
        pieces = [a for a in pieces if a > tolerance]
        if pieces:
            out[code] = (len(pieces), sum(pieces), da.measureArea(g))
    return out, sum(da.measureArea(p) for p in patches)


def guangxi_run(tmp_path):
    counties, geoms, red, patches = guangxi_red_line()
    params = {"REDLINE": red, "COUNTIES": counties, "COUNTY_CODE_FIELD": "adcode",
              "COUNTY_NAME_FIELD": "name", "CODE_FIELD": "BSM", "COUNTY_FIELD": "", "AREA_FIELD": "",
              "STATISTICS": str(tmp_path / "stats.gpkg")}
    results, text = run("redline_check", params, tmp_path)
    return results, text, geoms, red, patches


def test_guangxi_counties_district_report(provider, tmp_path):
    """The technician's case: a small red line checked against all 111 counties of Guangxi."""
    from ecospace.processing.citations import citations

    results, text, geoms, red, patches = guangxi_run(tmp_path)
    (OUT / "report_guangxi_en.png").write_bytes(map_png(text))
    page = Page(text)

    # the map: framed on the red line, not on Guangxi
    bounds = red.extent()
    want = expected_frame(bounds.xMinimum(), bounds.yMinimum(), bounds.xMaximum(), bounds.yMaximum())
    assert page.extent() == pytest.approx(want, abs=1e-3 * (want[2] - want[0]))
    province = QgsGeometry.unaryUnion([g for _, _, g in geoms.values()]).boundingBox()
    assert (want[2] - want[0]) < province.width() / 5

    # the statistics: the counties the red line lies in, the total over those
    ledger, total_area = expected_ledger(geoms, patches)
    assert len(ledger) == 3  # the county and its two neighbours
    rows = {r["code"]: r for r in table(results["STATISTICS"])}
    total = rows.pop("TOTAL")
    assert set(rows) == set(ledger)
    for code, (count, area, county_area) in ledger.items():
        assert rows[code]["patches"] == count
        assert rows[code]["area_m2"] == pytest.approx(area, rel=1e-3)
        assert rows[code]["county_area_m2"] == pytest.approx(county_area, rel=1e-3)
    assert all(r["patches"] > 0 and r["area_m2"] > 0 for r in rows.values())
    assert total["patches"] == len(patches)
    assert total["area_m2"] == pytest.approx(total_area, rel=1e-3)
    assert total["area_m2"] == pytest.approx(sum(r["area_m2"] for r in rows.values()), rel=1e-9)
    assert total["county_area_m2"] == pytest.approx(sum(c for _, _, c in ledger.values()), rel=1e-3)
    assert total["share_pct"] == pytest.approx(100 * total["area_m2"] / total["county_area_m2"], rel=1e-9)

    # ... and the same in the report, with the total row in words
    stats = tables_by_heading(text)["Statistics"]
    assert [r[0][0] for r in stats[1:-1]] == [code for code in sorted(rows, key=list(rows).index)]
    assert stats[-1][1] == "total" and stats[-1][0][0] == "Total"

    # real citations
    by_rule = {r[0][0]: r[0][4] for r in tables_by_heading(text)["Findings by rule"][1:]}
    assert by_rule["RL_CROSS_COUNTY"] == citations()["RL_GUIDE_2017"]
    assert "DOMAIN" not in text and "TOTAL" not in text
    assert (tmp_path / "report.pdf").read_bytes()[:5] == b"%PDF-"


def test_guangxi_counties_district_report_in_chinese(chinese, tmp_path):
    _, text, _, _, _ = guangxi_run(tmp_path)
    (OUT / "report_guangxi_zh.png").write_bytes(map_png(text))
    from ecospace.i18n import tr

    stats = tables_by_heading(text)[tr("Statistics")]
    assert not latin_words(stats[0][0]), stats[0][0]
    assert stats[-1][1] == "total" and stats[-1][0][0] == "合计"
    assert "TOTAL" not in text and "DOMAIN" not in text
