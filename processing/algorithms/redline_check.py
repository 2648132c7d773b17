"""ecospace:redline_check — the delivery QA of an ecological protection red line (DOMAIN 2.2)."""
import os

import numpy as np
from qgis.core import (
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
)

from ... import compat
from ...core.findings import Findings
from ...core.measure import gk_zone_info
from ...core.partition import check_redline_threaded, check_threaded
from ...core.redline import RedlineParams, listed
from ...i18n import tr
from .. import checks, io, partition_read, report_map
from ..base import EcoAlgorithm
from ..messages import boundary_noise_parameter, conflict_note, findings_help, messages
from ..outputs import FINDING_FIELDS, Output, make_fields, write_all
from ..report import build_report, layer_names, write_report

AREA_UNITS_M2 = (1.0, 1e4, 2000.0 / 3.0, 1e6)  # m², 公顷, 亩, km²

STAT_FIELDS = (("code", "string"), ("name", "string"), ("patches", "int"), ("area_m2", "double"),
               ("area_ha", "double"), ("area_mu", "double"), ("area_km2", "double"),
               ("county_area_m2", "double"), ("share_pct", "double"))


def worded(table):
    """{column: values} of the words a findings table gets: note and message (also tools/batch.py's)."""
    note = np.where(table["rule"] == "RL_CONFLICT", conflict_note(), table["note"])
    return {"note": note, "message": np.array(messages(dict(table, note=note)), dtype=object)}


class RedlineCheck(EcoAlgorithm):
    NAME = "redline_check"
    GROUP = "redline"
    RULE_PREFIX = "RL_"

    def display_name(self):
        return tr("Red-line delivery check")

    def tags(self):
        return ["red line", "生态保护红线", "STBHHX", "QA", "topology", "farmland", "永久基本农田",
                "urban boundary", "城镇开发边界", "protected area", "自然保护地", "三条控制线"]

    def help_intro(self):
        return tr(
            "Checks a delivered ecological protection red line (生态保护红线) before approval: "
            "geometry validity, duplicates and overlaps between patches; fragments, small holes and "
            "slivers; overlaps with permanent basic farmland and the urban development boundary (the "
            "three control lines must not overlap); protected areas outside the red line; conflicts "
            "with construction land, mining rights or settlements; county codes and patches crossing "
            "county lines; required attributes and the stored area; and a per-county ledger.<br><br>"
            "Every finding is a feature of the findings layer, located on the overlap, gap or "
            "fragment itself, with its ellipsoidal area on the CGCS2000 ellipsoid. Invalid geometries "
            "are reported and the other checks run on repaired copies. All layers are reprojected to "
            "the red line's CRS. Inputs are never modified.<br><br>"
            "Thresholds: MIN_PART_AREA and MIN_HOLE_AREA default to 200 m² (a practical value, "
            "not a national standard); OVERLAP_TOLERANCE 0.01 m² ignores numerical noise; the sliver "
            "index 4πA/P² &lt; 0.05 is our own choice. Adjust them to your province's "
            "rules.") + "<br><br>" + findings_help()

    def initAlgorithm(self, config=None):
        polygon = [compat.TYPE_VECTOR_POLYGON]
        self.addParameter(QgsProcessingParameterFeatureSource(
            "REDLINE", tr("Ecological protection red line (生态保护红线)"), polygon))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "FARMLAND", tr("Permanent basic farmland (永久基本农田)"), polygon, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "URBAN_BOUNDARY", tr("Urban development boundary (城镇开发边界)"), polygon, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "PROTECTED_AREAS", tr("Protected areas (自然保护地)"), polygon, optional=True))
        self.addParameter(QgsProcessingParameterMultipleLayers(
            "CONFLICT_LAYERS", tr("Conflict layers: construction land, mining rights, settlements…"),
            compat.TYPE_VECTOR_POLYGON, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "COUNTIES", tr("Counties (for codes and statistics)"), polygon, optional=True))
        self.addParameter(QgsProcessingParameterField(
            "COUNTY_CODE_FIELD", tr("County code field (6-digit GB/T 2260)"), "XZQDM", "COUNTIES",
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            "COUNTY_NAME_FIELD", tr("County name field"), "XZQMC", "COUNTIES", optional=True))
        for name, label, default in (
                ("MIN_PART_AREA", tr("Minimum area of a polygon part (m²)"), 200.0),
                ("MIN_HOLE_AREA", tr("Minimum hole area (m²)"), 200.0),
                ("OVERLAP_TOLERANCE", tr("Overlap tolerance (m²)"), 0.01)):
            self.addParameter(QgsProcessingParameterNumber(
                name, label, compat.NUMBER_DOUBLE, default, minValue=0.0))
        advanced = [
            QgsProcessingParameterNumber("SLIVER_INDEX", tr("Sliver index 4πA/P² below which a part "
                                                            "is a sliver (0 = off)"),
                                         compat.NUMBER_DOUBLE, 0.05, minValue=0.0, maxValue=1.0),
            QgsProcessingParameterNumber("CROSS_COUNTY_TOLERANCE", tr("Area beyond a county line "
                                                                      "that counts as crossing (m²)"),
                                         compat.NUMBER_DOUBLE, 1.0, minValue=0.0),
            boundary_noise_parameter(),
            QgsProcessingParameterField("CODE_FIELD", tr("Red line: code field (标识码)"), "BSM",
                                        "REDLINE", optional=True),
            QgsProcessingParameterField("COUNTY_FIELD", tr("Red line: county code field"), "XZQDM",
                                        "REDLINE", optional=True),
            QgsProcessingParameterField("AREA_FIELD", tr("Red line: area field"), "MJ", "REDLINE",
                                        optional=True),
            QgsProcessingParameterEnum("AREA_UNIT", tr("Unit of the area field"),
                                       [tr("m²"), tr("hectares (公顷)"), tr("mu (亩)"), tr("km²")],
                                       defaultValue=0),
            threads_parameter(),
        ]
        self.add_advanced(advanced)
        self.add_layer_output(tr("Red-line findings"))
        self.add_table_output("STATISTICS", tr("Red-line statistics per county"))
        self.add_report_and_counts()

    # -- running ---------------------------------------------------------------------------

    def check_parameters(self, parameters, context):
        redline, label = checks.source(self, parameters, "REDLINE", context)
        area_field = self.field(parameters, "AREA_FIELD", context)
        if redline is not None and area_field and redline.fields().lookupField(area_field) >= 0:
            checks.require_number_field(redline, label, "AREA_FIELD", area_field)
        counties, label = checks.source(self, parameters, "COUNTIES", context)
        if counties is not None:
            checks.county_code_field(self, parameters, context, counties, label)

    def processAlgorithm(self, parameters, context, feedback):
        redline_src = self.source(parameters, "REDLINE", context)
        crs = redline_src.sourceCrs()
        params = self._params(parameters, context)
        sources = self._sources(parameters, context, feedback)
        county_code, county_name = self._county_fields(parameters, context, sources)

        feedback.pushInfo(tr("Working CRS: {crs}. Areas are ellipsoidal on CGCS2000.").format(
            crs=io.describe_crs(crs)))
        io.require_polygons(redline_src, io.layer_label(redline_src, "REDLINE"))
        _refuse_empty(redline_src, redline_src.featureCount())
        measure = io.measurer_for_crs(crs)
        threads = self.parameterAsInt(parameters, "THREADS", context) or os.cpu_count() or 1
        wanted = self._wanted(parameters, redline_src, params, sources, county_code, county_name)
        result = self._check_files(wanted, threads, params, county_code, county_name, measure, crs,
                                   context, feedback)
        layers = None
        if result is None:
            layers = self._read_all(parameters, redline_src, sources, params, county_code, county_name,
                                    crs, context, feedback)
            self.stop_if_canceled(feedback)
            with self.cancellable(feedback):
                result = check_redline_threaded(
                    threads, layers["REDLINE"], farmland=layers.get("FARMLAND"),
                    urban=layers.get("URBAN_BOUNDARY"), protected=layers.get("PROTECTED_AREAS"),
                    conflicts=layers.get("CONFLICT_LAYERS", []), counties=layers.get("COUNTIES"),
                    county_code_field=county_code, county_name_field=county_name, params=params,
                    measure=measure, progress=self.progress(feedback, 30, 85))
        findings = result.findings
        findings.extend(self._crs_findings(crs, result.bounds, measure))
        table = findings.table(measure)
        table.update(worded(table))
        self.stop_if_canceled(feedback)

        def map_layers():  # the report's map: the layers read into memory, or now for it
            return layers or self._read_all(parameters, redline_src, sources, params, county_code,
                                            county_name, crs, context, feedback, report=True)
        return self._write(parameters, context, feedback, crs, table, listed(result.statistics),
                           redline_src.featureCount(), map_layers, county_name or county_code)

    def _wanted(self, parameters, redline_src, params, sources, county_code, county_name):
        """{role: (source, parameter value or layer, name in the findings, fields to read)}."""
        wanted = {"REDLINE": (redline_src, parameters.get("REDLINE"), "REDLINE",
                              [params.code_field, params.county_field, params.area_field])}
        for name, (src, lname, value) in sources.items():
            fields = [county_code, county_name] if name == "COUNTIES" else []
            wanted[name] = (src, value, lname, [f for f in fields if f])
        return wanted

    def _check_files(self, wanted, threads, params, county_code, county_name, measure, crs, context,
                     feedback):
        """The check with each partition reading its own features from the files
        (processing/partition_read), or None when the layers must be read into memory."""
        files = {role: (value, name, fields) for role, (_, value, name, fields) in wanted.items()}
        inputs = partition_read.redline_inputs(files, county_code, county_name, crs, context)
        if inputs is None:
            return None
        feedback.pushInfo(tr("The layers are GeoPackage tables with a spatial index: each part of "
                             "the area reads only its own features."))
        try:
            with self.cancellable(feedback):
                result = check_threaded(threads, inputs, params, measure, self.progress(feedback, 0, 85))
        except partition_read.NotPlain:
            feedback.pushInfo(tr("Some values are not plain enough to read straight from the files; "
                                 "the layers are read into memory instead."))
            return None
        for src, _, name, _ in wanted.values():
            io.hint_undecoded(src, name, feedback)
        partition_read.tell_dropped(result.dropped, feedback)
        return result

    def _params(self, parameters, context):
        num = lambda name: self.parameterAsDouble(parameters, name, context)  # noqa: E731
        unit = self.parameterAsEnum(parameters, "AREA_UNIT", context)
        return RedlineParams(
            min_part_area=num("MIN_PART_AREA"), min_hole_area=num("MIN_HOLE_AREA"),
            overlap_tolerance=num("OVERLAP_TOLERANCE"), sliver_index=num("SLIVER_INDEX"),
            cross_county_tolerance=num("CROSS_COUNTY_TOLERANCE"),
            boundary_noise_width=num("BOUNDARY_NOISE_WIDTH"),
            code_field=self.field(parameters, "CODE_FIELD", context),
            county_field=self.field(parameters, "COUNTY_FIELD", context),
            area_field=self.field(parameters, "AREA_FIELD", context),
            area_unit_m2=AREA_UNITS_M2[unit])

    def _sources(self, parameters, context, feedback):
        """Optional layers as {name: (source, label, parameter value)}; checked for type, CRS, content."""
        sources, shown = {}, {}
        for name in ("FARMLAND", "URBAN_BOUNDARY", "PROTECTED_AREAS", "COUNTIES"):
            src = self.source(parameters, name, context, optional=True, polygons=True)
            if src is not None:
                sources[name], shown[name] = (src, name, parameters.get(name)), io.layer_label(src, name)
        conflicts = self.sources(parameters, "CONFLICT_LAYERS", context, polygons=True)
        for k, (src, label, layer) in enumerate(conflicts):
            name = "CONFLICT_{}".format(k)
            sources[name], shown[name] = (src, label, layer), label
        for name, (src, _, _) in list(sources.items()):
            if src.featureCount() == 0:
                feedback.pushWarning(tr("Layer '{layer}' is empty; its checks are skipped.").format(
                    layer=shown[name]))
                del sources[name]
        return sources

    def _county_fields(self, parameters, context, sources):
        if "COUNTIES" not in sources:
            return None, None
        src = sources["COUNTIES"][0]
        code = self.field(parameters, "COUNTY_CODE_FIELD", context, required=True)
        return code, checks.optional_field(self, parameters, "COUNTY_NAME_FIELD", context, src) or None

    def _read_all(self, parameters, redline_src, sources, params, county_code, county_name, crs,
                  context, feedback, report=False):
        """Every layer read into memory ({role: Layer}); `report`: only those the report's map
        draws, without a word in the log (the check has read them already)."""
        if report:
            feedback = QgsProcessingFeedback()
            sources = {k: v for k, v in sources.items() if k == "COUNTIES"}
        fields = [params.code_field, params.county_field, params.area_field]
        layers = {"REDLINE": io.read_layer(redline_src, "REDLINE", context, feedback, fields, crs,
                                           value=parameters.get("REDLINE"))}
        _refuse_empty(redline_src, len(layers["REDLINE"]))
        total = len(sources) + 1
        for k, (name, (src, lname, value)) in enumerate(sources.items(), start=1):
            feedback.setProgress(30.0 * k / total)
            self.stop_if_canceled(feedback)
            wanted = [county_code, county_name] if name == "COUNTIES" else []
            layer = io.read_layer(src, lname, context, feedback, wanted, crs, value=value)
            if name.startswith("CONFLICT_"):
                layers.setdefault("CONFLICT_LAYERS", []).append(layer)
            else:
                layers[name] = layer
        return layers

    def _crs_findings(self, crs, bounds, measure):
        """`bounds`: of the red line's usable geometries (NaN: none)."""
        out = Findings()
        if io.is_wgs84(crs):
            out.add("RL_CRS_WGS84", "REDLINE", np.nan, detail=crs.authid())
        zone = gk_zone_info(crs.toProj())
        if zone and not np.isnan(bounds).any():
            detail = _zone_problem(zone, bounds, measure)
            if detail:
                out.add("RL_CRS_ZONE", "REDLINE", np.nan, detail=detail)
        return out

    # -- writing ---------------------------------------------------------------------------

    def _write(self, parameters, context, feedback, crs, table, stats, patches, map_layers, county_label):
        feedback.setProgress(88)
        feedback.setProgressText(tr("Writing outputs"))
        findings = Output(self, parameters, context, "OUTPUT", make_fields(FINDING_FIELDS),
                          compat.WKB_MULTIPOLYGON, crs, style="findings", title=tr("Red-line findings"))
        stats_out = Output(self, parameters, context, "STATISTICS", make_fields(STAT_FIELDS),
                           compat.WKB_NO_GEOMETRY, crs, title=tr("Red-line statistics"))
        stats = dict(stats, area_mu=stats["area_m2"] * 3.0 / 2000.0)
        results = write_all([(findings, table, table["geometry"]), (stats_out, stats, None)], feedback)
        results.update(self.count_results(table, feedback))
        report = self.parameterAsFileOutput(parameters, "REPORT", context)
        if report:
            self._report(report, table, stats, patches, map_layers(), crs, county_label, feedback)
            results["REPORT"] = report
        feedback.setProgress(100)
        return results

    def _report(self, path, table, stats, patches, layers, crs, county_label, feedback):
        title = tr("Red-line delivery check")
        map_layers = []
        if "COUNTIES" in layers:
            counties = layers["COUNTIES"]
            map_layers.append(report_map.MapLayer(tr("Counties"), counties.geoms, "counties",
                                                  {"name": counties.text(county_label)}, labels=True))
        map_layers.append(report_map.MapLayer(tr("Red line"), layers["REDLINE"].geoms, "redline"))
        figure = report_map.map_section(path, title, crs, layers["REDLINE"].geoms, map_layers, table,
                                        feedback)
        info = [(tr("Red-line patches"), patches), (tr("CRS"), io.describe_crs(crs))]
        headers = [tr("County code"), tr("County"), tr("Patches"), tr("Area (m²)"), tr("Area (ha)"),
                   tr("Area (mu)"), tr("Area (km²)"), tr("County area (m²)"), tr("Share (%)")]
        keys = ["code", "name", "patches", "area_m2", "area_ha", "area_mu", "area_km2",
                "county_area_m2", "share_pct"]
        text = build_report(title, table, info, stats, headers, keys, figure, layers=layer_names(self))
        write_report(path, text)


def threads_parameter():
    """THREADS: how many cores the check runs on (core.partition.check_redline_threaded). The
    default, 0, means one per core of the machine that runs it: a model or a script keeps 0, not
    the core count of the machine it was made on."""
    param = QgsProcessingParameterNumber("THREADS", tr("Threads (0 = one per processor core)"),
                                         compat.NUMBER_INTEGER, 0, minValue=0)
    param.setHelp(tr("The checks run on this many processor cores at once, each on a part of the "
                     "area; the findings are the same for any number of threads. 0 (the default) "
                     "uses every core; 1 runs them in one piece and leaves the other cores free."))
    return param


def _refuse_empty(redline_src, count):
    if count == 0:
        raise QgsProcessingException(tr("The red-line layer '{layer}' is empty: there is nothing "
                                        "to check.").format(layer=io.layer_label(redline_src, "REDLINE")))


def _zone_problem(zone_info, bounds, measure):
    """Describe a mismatch between a zone-prefixed GK CRS and the data's coordinates (`bounds`), or ''."""
    zone, cm = zone_info
    minx, miny, maxx, maxy = bounds
    prefixes = {int(minx // 1e6), int(maxx // 1e6)}
    if prefixes != {zone}:
        return tr("the easting prefix is {found}, but the CRS is zone {zone}").format(
            found="/".join(str(p) for p in sorted(prefixes)), zone=zone)
    corners = np.array([[minx, miny], [maxx, maxy], [minx, maxy], [maxx, miny]])
    lon = measure.to_lonlat(corners)[:, 0]
    if np.any(np.abs(lon - cm) > 1.5 + 1e-6):
        return tr("the data reaches longitude {lo:.2f}°–{hi:.2f}°, beyond ±1.5° of the zone's central "
                  "meridian {cm:g}°").format(lo=lon.min(), hi=lon.max(), cm=cm)
    return ""
