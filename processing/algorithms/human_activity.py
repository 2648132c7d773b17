"""ecospace:human_activity — human activity inside protected areas or the red line, graded by zone
(DOMAIN 4-9, the twice-yearly 绿盾 remote-sensing monitoring)."""
import os

import numpy as np
from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

from ... import compat
from ...core.reserve_tally import findings_as_points, lines_as_strips
from ...core.reserves import ActivityParams, check_activities
from ...i18n import tr
from .. import checks, io, report_map
from .. import reserve_fields as rf
from ..base import EcoAlgorithm
from ..messages import messages
from ..outputs import FINDING_FIELDS, Output, make_fields, write_all
from ..report import build_report, layer_names, write_report
from .redline_check import threads_parameter

SUMMARY_FIELDS = (("reserve_id", "string"), ("reserve_fid", "int"), ("zone", "string"), ("type", "string"),
                  ("count", "int"), ("area_m2", "double"), ("area_ha", "double"))


def activity_details(table):
    """Readable zone names, and the 142号 items to verify, in the HA_ messages' detail (one phrase per
    distinct rule, zone and items: a province has few of them, and many findings)."""
    labels = rf.zone_labels()
    rows = np.flatnonzero(np.isin(table["rule"], ("HA_STRICT_ZONE", "HA_CONTROL_ZONE", "HA_REDLINE")))
    detail = table["detail"].copy()
    cache = {}
    for k in rows:
        key = (table["rule"][k], detail[k] or "", table["category"][k] or "")
        if key not in cache:
            cache[key] = _detail(labels, *key)
        detail[k] = cache[key]
    return detail


def worded(table):
    """{column: values} of the words a findings table gets: detail and message (also tools/batch.py's)."""
    detail = activity_details(table)
    return {"detail": detail, "message": np.array(messages(dict(table, detail=detail)), dtype=object)}


def _detail(labels, rule, zone, items):
    zone = labels.get(zone, zone)
    if rule == "HA_REDLINE":
        return tr(" (142号 items to check: {items})").format(items=items) if items else ""
    if items and rule == "HA_CONTROL_ZONE":
        return tr("{zone}; 142号 items to check: {items}").format(zone=zone, items=items)
    return zone


class HumanActivity(EcoAlgorithm):
    NAME = "human_activity"
    GROUP = "reserve"
    RULE_PREFIX = "HA_"

    def display_name(self):
        return tr("Human activity in protected areas")

    def tags(self):
        return ["human activity", "人类活动", "绿盾", "remote sensing", "遥感监测", "nature reserve", "自然保护区",
                "zone", "功能分区", "red line", "生态保护红线", "142号"]

    def help_intro(self):
        return tr(
            "Grades human activity (points or patches from the twice-yearly remote-sensing monitoring, "
            "绿盾) by the ground it falls on. One finding per activity inside a protected area or the red "
            "line, graded by its worst ground: in a core zone, buffer zone or core protection zone it is an "
            "error (human activity is prohibited there in principle); in an experimental or general control "
            "zone it is a warning naming the 142号 permitted-activity items to verify (from the activity "
            "type: farming → 2, roads → 6, mining → 7…); in a reserve where no zone covers it, or in the "
            "red line (REDLINE) outside protected areas, a warning. A patch counts where more than MIN_AREA "
            "of it lies inside; the finding is the piece in that zone.<br><br>"
            "With PREVIOUS (the activities of an earlier date), only new activities and patches that grew "
            "by more than GROWTH_TOLERANCE are reported; the finding is the added part and 'value' holds "
            "the added m². A point within MATCH_DISTANCE of an earlier activity is not new.<br><br>"
            "SUMMARY counts the reported activities per reserve, zone and activity type.<br><br>"
            "{zones}<br><br>"
            "Invalid patches are reported and repaired copies are used. Every layer is reprojected to the "
            "CRS of ACTIVITIES when it differs. Inputs are never modified.").format(zones=rf.zone_kind_help())

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFeatureSource(
            "ACTIVITIES", tr("Human activity (points or patches)"),
            [compat.TYPE_VECTOR_POINT, compat.TYPE_VECTOR_POLYGON]))
        self.addParameter(QgsProcessingParameterField(
            "TYPE_FIELD", tr("Activity type field (optional)"), "HDLX", "ACTIVITIES", optional=True))
        self.addParameter(QgsProcessingParameterField(
            "DATE_FIELD", tr("Activity date field (optional)"), "JCSJ", "ACTIVITIES", optional=True))
        rf.add_reserve_inputs(self)
        polygon = [compat.TYPE_VECTOR_POLYGON]
        self.addParameter(QgsProcessingParameterFeatureSource(
            "REDLINE", tr("Ecological protection red line (optional)"), polygon, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "PREVIOUS", tr("Activities of an earlier date (optional: report only new or grown ones)"),
            [compat.TYPE_VECTOR_POINT, compat.TYPE_VECTOR_POLYGON], optional=True))
        number = compat.NUMBER_DOUBLE
        self.add_advanced([
            QgsProcessingParameterNumber("MIN_AREA", tr("Area of a patch inside a zone below which it does "
                                                        "not count there (m²)"), number, 0.01, minValue=0.0),
            QgsProcessingParameterNumber("GROWTH_TOLERANCE", tr("Growth since the earlier date below which "
                                                                "a patch is unchanged (m²)"), number, 1.0,
                                         minValue=0.0),
            QgsProcessingParameterNumber("MATCH_DISTANCE", tr("Distance within which a point matches an "
                                                              "earlier activity (m)"), number, 1.0,
                                         minValue=0.0),
            threads_parameter()])
        self.add_layer_output(tr("Human activity findings"), compat.TYPE_VECTOR_ANY)
        self.add_table_output("SUMMARY", tr("Activities per reserve, zone and type"))
        self.add_report_and_counts()

    def check_parameters(self, parameters, context):
        rf.check_inputs(self, parameters, context)
        checks.require_features(self, parameters, ("ACTIVITIES",), context)

    def processAlgorithm(self, parameters, context, feedback):
        acts_src = self.source(parameters, "ACTIVITIES", context)
        crs = acts_src.sourceCrs()
        sources = {name: self.source(parameters, name, context, optional=name in ("REDLINE", "PREVIOUS"))
                   for name in ("RESERVES", "ZONES", "REDLINE", "PREVIOUS")}
        params = self._params(parameters, context, acts_src, feedback)
        feedback.pushInfo(tr("Working CRS: {crs}. Areas are ellipsoidal on CGCS2000.").format(
            crs=io.describe_crs(crs)))
        layers = self._read(parameters, context, feedback, acts_src, sources, params, crs)
        if len(layers["RESERVES"]) == 0 or len(layers["ZONES"]) == 0:
            raise QgsProcessingException(tr("RESERVES and ZONES must both hold features: there is nothing "
                                            "to grade the activities by."))
        measure = io.measurer_for_crs(crs)
        sides = rf.id_sides(self, parameters, context, sources, params.reserve_id_field,
                            params.zone_reserve_field)
        threads = self.parameterAsInt(parameters, "THREADS", context) or os.cpu_count() or 1
        with self.cancellable(feedback), rf.input_errors(sides):
            result = check_activities(layers["ACTIVITIES"], layers["RESERVES"], layers["ZONES"],
                                      layers.get("REDLINE"), layers.get("PREVIOUS"), params, measure,
                                      self.progress(feedback, 40, 85), threads=threads)
        table = result.findings.table(measure)
        table.update(worded(table))
        self.stop_if_canceled(feedback)
        points = QgsWkbTypes.geometryType(acts_src.wkbType()) == compat.GEOM_POINT
        zones_map = rf.zones_map_layer(layers["ZONES"], params.zone_field, params.zone_values)
        return self._write(parameters, context, feedback, crs, table, result.by_reserve, layers, points,
                           zones_map)

    def _params(self, parameters, context, src, feedback):
        optional = rf.optional_fields(self, parameters, ("TYPE_FIELD", "DATE_FIELD"), context,
                                      src, "ACTIVITIES", feedback)
        num = lambda name: self.parameterAsDouble(parameters, name, context)  # noqa: E731
        return ActivityParams(
            reserve_id_field=self.field(parameters, "RESERVE_ID_FIELD", context, True),
            zone_reserve_field=self.field(parameters, "ZONE_RESERVE_FIELD", context, True),
            zone_field=self.field(parameters, "ZONE_FIELD", context, True),
            zone_values=rf.parse_zone_values(self.parameterAsString(parameters, "ZONE_VALUES", context)),
            type_field=optional["TYPE_FIELD"], date_field=optional["DATE_FIELD"],
            min_area=num("MIN_AREA"), growth_tolerance=num("GROWTH_TOLERANCE"),
            match_distance=num("MATCH_DISTANCE"))

    def _read(self, parameters, context, feedback, acts_src, sources, params, crs):
        wanted = {"ACTIVITIES": [params.type_field, params.date_field],
                  "RESERVES": [params.reserve_id_field],
                  "ZONES": [params.zone_reserve_field, params.zone_field], "REDLINE": [], "PREVIOUS": []}
        sources = dict(sources, ACTIVITIES=acts_src)
        layers = {}
        for k, name in enumerate(("ACTIVITIES", "RESERVES", "ZONES", "REDLINE", "PREVIOUS")):
            if sources[name] is None:
                continue
            self.stop_if_canceled(feedback)
            feedback.setProgress(8 * k)
            polygons = name not in ("ACTIVITIES", "PREVIOUS")
            layers[name] = rf.read(sources[name], name, parameters, context, feedback, wanted[name], crs,
                                   polygons=polygons)
        self.stop_if_canceled(feedback)
        return layers

    def _write(self, parameters, context, feedback, crs, table, by_reserve, layers, points, zones_map):
        feedback.setProgress(88)
        feedback.setProgressText(tr("Writing outputs"))
        # multiType(): the writer makes every geometry multi; no version-specific enum spelling needed
        wkb = compat.WKB_MULTIPOINT if points else compat.WKB_MULTIPOLYGON
        findings = Output(self, parameters, context, "OUTPUT", make_fields(FINDING_FIELDS), wkb, crs,
                          style="findings_points" if points else "findings",
                          title=tr("Human activity findings"))
        summary_out = Output(self, parameters, context, "SUMMARY", make_fields(SUMMARY_FIELDS),
                             compat.WKB_NO_GEOMETRY, crs, title=tr("Activities per reserve"))
        summary = dict(by_reserve, area_ha=by_reserve["area_m2"] / 1e4)
        geoms = findings_as_points(table["geometry"]) if points else lines_as_strips(table["geometry"])
        results = write_all([(findings, table, geoms), (summary_out, summary, None)], feedback)
        results.update(self.count_results(table, feedback))
        report = self.parameterAsFileOutput(parameters, "REPORT", context)
        if report:
            self._report(report, table, summary, layers, zones_map, crs, feedback)
            results["REPORT"] = report
        feedback.setProgress(100)
        return results

    def _report(self, path, table, summary, layers, zones_map, crs, feedback):
        title = tr("Human activity in protected areas")
        reserves = layers["RESERVES"].geoms
        map_layers = [report_map.MapLayer(tr("Reserves"), reserves, "reserves"), zones_map]
        if "REDLINE" in layers:
            map_layers.insert(0, report_map.MapLayer(tr("Red line"), layers["REDLINE"].geoms, "redline"))
        figure = report_map.map_section(path, title, crs, reserves, map_layers, table, feedback)
        info = [(tr("Activities"), len(layers["ACTIVITIES"])), (tr("CRS"), io.describe_crs(crs))]
        headers = [tr("Reserve"), tr("Zone"), tr("Activity type"), tr("Count"), tr("Area (m²)")]
        keys = ["reserve_id", "zone", "type", "count", "area_m2"]
        zones = {**rf.zone_labels(), "": tr("Outside the zones")}
        write_report(path, build_report(title, table, info, summary, headers, keys, figure,
                                        values={"zone": zones}, layers=layer_names(self)))
