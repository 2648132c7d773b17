"""ecospace:protected_area_overlaps — overlaps between protected areas with the suggested keeper
(DOMAIN 4-7), and protected area outside the red line (DOMAIN 4-8)."""
import numpy as np
from qgis.core import (
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
)

from ... import compat
from ...core.reserves import OverlapParams, check_overlaps
from ...i18n import tr
from .. import checks, io, report_map
from .. import reserve_fields as rf
from ..base import EcoAlgorithm
from ..messages import messages
from ..outputs import FINDING_FIELDS, Output, make_fields, write_all
from ..report import build_report, layer_names, write_report

OVERLAP_FIELDS = (("area_fid", "int"), ("area_id", "string"), ("other_fid", "int"), ("other_id", "string"),
                  ("area_m2", "double"), ("area_ha", "double"), ("keeper_fid", "int"),
                  ("keeper_id", "string"), ("reason", "string"))


def keeper_phrases(ids, other_ids, keeper_ids, reasons):
    """The translated 'who keeps it' part of each PA_OVERLAP message."""
    texts = {"level": tr("{a} and {b}; suggested keeper {k} (higher level)"),
             "type": tr("{a} and {b}; suggested keeper {k} (same level, stronger protection type)"),
             "undecided": tr("{a} and {b}; no keeper can be suggested (same or unknown level and type)")}
    return np.array([texts.get(r, texts["undecided"]).format(a=a, b=b, k=k)
                     for a, b, k, r in zip(ids, other_ids, keeper_ids, reasons)], dtype=object)


class ProtectedAreaOverlaps(EcoAlgorithm):
    NAME = "protected_area_overlaps"
    GROUP = "reserve"
    RULE_PREFIX = "PA_"

    def display_name(self):
        return tr("Protected-area overlaps")

    def tags(self):
        return ["protected area", "自然保护地", "overlap", "重叠", "integration", "整合优化", "red line",
                "生态保护红线", "national park", "国家公园"]

    def help_intro(self):
        return tr(
            "Finds overlaps between protected areas (自然保护地) larger than OVERLAP_TOLERANCE. Each overlap "
            "is an error located on the overlap piece, naming both areas and the suggested keeper: the "
            "higher level (national > provincial > municipal/county), and at the same level the stronger "
            "type (national park > nature reserve > natural park), as in the 2019 integration guideline. "
            "Level and type values are recognised in Chinese and English (国家级, 省级, 市县级…; 国家公园, "
            "自然保护区, 自然公园 and the park kinds 森林公园, 湿地公园, 地质公园…); unrecognised values are "
            "warnings. The OVERLAPS table lists every overlap with both ids, its area and the keeper.<br><br>"
            "With REDLINE, every piece of a protected area outside the red line above OUTSIDE_TOLERANCE is "
            "an error: protected areas must lie wholly inside the red line.<br><br>"
            "Invalid geometries are reported and repaired copies are checked. REDLINE is reprojected to the "
            "CRS of RESERVES when they differ. Inputs are never modified.")

    def initAlgorithm(self, config=None):
        rf.add_reserve_inputs(self, zones=False, reserve_label=tr("Protected areas (自然保护地)"))
        self.addParameter(QgsProcessingParameterField(
            "LEVEL_FIELD", tr("Level field (级别)"), "JB", "RESERVES", optional=True))
        self.addParameter(QgsProcessingParameterField(
            "TYPE_FIELD", tr("Type field (类型)"), "BHDLX", "RESERVES", optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "REDLINE", tr("Ecological protection red line (optional)"), [compat.TYPE_VECTOR_POLYGON],
            optional=True))
        number = compat.NUMBER_DOUBLE
        self.add_advanced([
            QgsProcessingParameterNumber("OVERLAP_TOLERANCE", tr("Overlap tolerance (m²)"), number, 0.01,
                                         minValue=0.0),
            QgsProcessingParameterNumber("OUTSIDE_TOLERANCE", tr("Area outside the red line below which it "
                                                                 "is not reported (m²)"), number, 0.01,
                                         minValue=0.0)])
        self.add_layer_output(tr("Overlap findings"))
        self.add_table_output("OVERLAPS", tr("Overlaps with the suggested keeper"))
        self.add_report_and_counts()

    def check_parameters(self, parameters, context):
        rf.check_inputs(self, parameters, context, zones=False, id_required=False)
        checks.require_features(self, parameters, ("RESERVES",), context)

    def processAlgorithm(self, parameters, context, feedback):
        src = self.source(parameters, "RESERVES", context)
        redline_src = self.source(parameters, "REDLINE", context, optional=True)
        crs = src.sourceCrs()
        params = self._params(parameters, context, src, feedback)
        feedback.pushInfo(tr("Working CRS: {crs}. Areas are ellipsoidal on CGCS2000.").format(
            crs=io.describe_crs(crs)))
        fields = [params.id_field, params.level_field, params.type_field]
        areas = rf.read(src, "RESERVES", parameters, context, feedback, fields, crs)
        redline = None
        if redline_src is not None:
            self.stop_if_canceled(feedback)
            redline = rf.read(redline_src, "REDLINE", parameters, context, feedback, [], crs)
        self.stop_if_canceled(feedback)
        measure = io.measurer_for_crs(crs)
        with self.cancellable(feedback), rf.input_errors():
            result = check_overlaps(areas, redline, params, measure, self.progress(feedback, 30, 85))
        table = result.findings.table(measure)
        overlaps = result.overlaps
        rows = table["rule"] == "PA_OVERLAP"  # core writes overlaps in the order of its table
        table["detail"][rows] = keeper_phrases(overlaps["id"], overlaps["other_id"], overlaps["keeper_id"],
                                               overlaps["reason"])
        table["message"] = np.array(messages(table), dtype=object)
        self.stop_if_canceled(feedback)
        return self._write(parameters, context, feedback, crs, table, overlaps, areas, redline)

    def _params(self, parameters, context, src, feedback):
        optional = rf.optional_fields(self, parameters, ("LEVEL_FIELD", "TYPE_FIELD"), context,
                                      src, "RESERVES", feedback)
        num = lambda name: self.parameterAsDouble(parameters, name, context)  # noqa: E731
        return OverlapParams(id_field=self.field(parameters, "RESERVE_ID_FIELD", context) or None,
                             level_field=optional["LEVEL_FIELD"], type_field=optional["TYPE_FIELD"],
                             overlap_tolerance=num("OVERLAP_TOLERANCE"),
                             outside_tolerance=num("OUTSIDE_TOLERANCE"))

    def _write(self, parameters, context, feedback, crs, table, overlaps, areas, redline):
        feedback.setProgress(88)
        feedback.setProgressText(tr("Writing outputs"))
        findings = Output(self, parameters, context, "OUTPUT", make_fields(FINDING_FIELDS),
                          compat.WKB_MULTIPOLYGON, crs, style="findings", title=tr("Overlap findings"))
        table_out = Output(self, parameters, context, "OVERLAPS", make_fields(OVERLAP_FIELDS),
                           compat.WKB_NO_GEOMETRY, crs, title=tr("Protected-area overlaps"))
        columns = dict(overlaps, area_fid=overlaps["fid"], area_id=overlaps["id"])
        del columns["fid"]
        results = write_all([(findings, table, table["geometry"]), (table_out, columns, None)], feedback)
        results.update(self.count_results(table, feedback))
        report = self.parameterAsFileOutput(parameters, "REPORT", context)
        if report:
            self._report(report, table, columns, areas, redline, crs, feedback)
            results["REPORT"] = report
        feedback.setProgress(100)
        return results

    def _report(self, path, table, columns, areas, redline, crs, feedback):
        title = tr("Protected-area overlaps")
        map_layers = [report_map.MapLayer(tr("Protected areas"), areas.geoms, "reserves")]
        if redline is not None:
            map_layers.insert(0, report_map.MapLayer(tr("Red line"), redline.geoms, "redline"))
        figure = report_map.map_section(path, title, crs, areas.geoms, map_layers, table, feedback)
        info = [(tr("Protected areas"), len(areas)), (tr("CRS"), io.describe_crs(crs))]
        headers = [tr("Area"), tr("Other area"), tr("Overlap (m²)"), tr("Overlap (ha)"), tr("Keeper"),
                   tr("Reason")]
        keys = ["area_id", "other_id", "area_m2", "area_ha", "keeper_id", "reason"]
        reasons = {"level": tr("Higher level"), "type": tr("Same level, stronger protection type"),
                   "undecided": tr("No keeper can be suggested")}
        write_report(path, build_report(title, table, info, columns, headers, keys, figure,
                                        values={"reason": reasons}, layers=layer_names(self)))
