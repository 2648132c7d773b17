"""ecospace:reserve_check — functional-zone QA of protected areas (DOMAIN 4 items 1–6)."""
import numpy as np
from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
)

from ... import compat
from ...core.reserve_tally import lines_as_strips
from ...core.reserves import ReserveParams, check_reserves
from ...core.zones import KIND_KEYS
from ...i18n import tr
from .. import checks, io, report_map
from .. import reserve_fields as rf
from ..base import EcoAlgorithm
from ..messages import messages
from ..outputs import FINDING_FIELDS, Output, make_fields, write_all
from ..report import build_report, layer_names, write_report

AREA_UNITS_M2 = (1.0, 1e4, 2000.0 / 3.0, 1e6)  # m², 公顷, 亩, km²

SUMMARY_FIELDS = ((("reserve_id", "string"), ("reserve_fid", "int"), ("name", "string"),
                   ("level", "string"), ("type", "string"), ("system", "string"), ("zones", "int"),
                   ("area_m2", "double"), ("area_ha", "double"), ("declared_m2", "double"))
                  + tuple((k + suffix, "double") for k in KIND_KEYS for suffix in ("_m2", "_ha", "_pct"))
                  + (("unknown_m2", "double"), ("gap_m2", "double"), ("overlap_m2", "double"),
                     ("outside_m2", "double"), ("errors", "int"), ("warnings", "int"),
                     ("verdict", "string")))
OPTIONAL_FIELDS = ("NAME_FIELD", "LEVEL_FIELD", "TYPE_FIELD", "AREA_FIELD")
TWO_ZONE_FIELDS = (("reserve_id", "string"), ("reserve_fid", "int"), ("zone", "string"),
                   ("area_m2", "double"), ("area_ha", "double"))


class ReserveCheck(EcoAlgorithm):
    NAME = "reserve_check"
    GROUP = "reserve"
    RULE_PREFIX = "RES_"

    def display_name(self):
        return tr("Protected-area functional zone check")

    def tags(self):
        return ["nature reserve", "自然保护区", "protected area", "自然保护地", "zoning", "功能分区", "核心区",
                "缓冲区", "实验区", "核心保护区", "一般控制区", "QA", "topology"]

    def help_intro(self):
        return tr(
            "Checks the functional zones (功能分区) of protected areas. Zones are joined to their reserve by "
            "id. Per reserve: one zoning system (the three-zone 核心区/缓冲区/实验区 and the two-zone "
            "核心保护区/一般控制区 names must not be mixed); the zones tile the reserve (gaps above "
            "GAP_TOLERANCE and overlaps above OVERLAP_TOLERANCE are errors, located on the gap or overlap); "
            "every zone lies inside its own reserve; in three-zone reserves the buffer surrounds the core, "
            "the experimental zone lies outside the buffer, and a core on the reserve's outer edge is "
            "flagged to check for a natural barrier (warnings: GB/T 35822-2018 is not at hand, so no widths "
            "are enforced); the declared area against the ellipsoidal area (CGCS2000).<br><br>"
            "The zone share rules (core protection zone below 50 % of a national park; core below 1/3 or "
            "experimental above 1/3 of a three-zone reserve) are unverified and off by default "
            "(CHECK_SHARES).<br><br>"
            "Outputs: the findings; a per-reserve SUMMARY (zone areas in m² and 公顷, shares, system, "
            "verdict); optionally ZONES_TWO_SYSTEM, the zones converted to the two-zone system (core + "
            "buffer → 核心保护区, experimental → 一般控制区) and dissolved per reserve. Boundary findings "
            "(core exposed, core at the edge) are drawn as 1 m strips; their length is in length_m.<br><br>"
            "{zones}<br><br>"
            "Invalid geometries are reported and repaired copies are checked. ZONES is reprojected to the "
            "CRS of RESERVES when they differ. Inputs are never modified.").format(zones=rf.zone_kind_help())

    def initAlgorithm(self, config=None):
        rf.add_reserve_inputs(self)
        for name, label, default in (("NAME_FIELD", tr("Reserve name field (optional)"), "BHDMC"),
                                     ("LEVEL_FIELD", tr("Reserve level field (optional)"), "JB"),
                                     ("TYPE_FIELD", tr("Reserve type field (optional)"), "BHDLX"),
                                     ("AREA_FIELD", tr("Declared area field (optional)"), "SBMJ")):
            self.addParameter(QgsProcessingParameterField(name, label, default, "RESERVES", optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            "AREA_UNIT", tr("Unit of the declared area field"),
            [tr("m²"), tr("hectares (公顷)"), tr("mu (亩)"), tr("km²")], defaultValue=0))
        number = compat.NUMBER_DOUBLE
        self.add_advanced([
            QgsProcessingParameterNumber("GAP_TOLERANCE", tr("Gap tolerance (m²)"), number, 1.0, minValue=0.0),
            QgsProcessingParameterNumber("OVERLAP_TOLERANCE", tr("Overlap tolerance (m²)"), number, 0.01,
                                         minValue=0.0),
            QgsProcessingParameterNumber("EDGE_TOLERANCE", tr("Shared boundary below which nesting is not "
                                                              "reported (m)"), number, 1.0, minValue=0.0),
            QgsProcessingParameterNumber("AREA_TOLERANCE", tr("Declared area tolerance (%)"), number, 0.1,
                                         minValue=0.0, maxValue=100.0),
            QgsProcessingParameterBoolean("CHECK_SHARES", tr("Check zone shares (unverified rules)"), False),
            QgsProcessingParameterNumber("MIN_CORE_PROTECTION_SHARE", tr("Minimum core protection zone share "
                                                                         "of a national park (%)"),
                                         number, 50.0, minValue=0.0, maxValue=100.0),
            QgsProcessingParameterNumber("MIN_CORE_SHARE", tr("Minimum core zone share (%)"), number,
                                         100.0 / 3.0, minValue=0.0, maxValue=100.0),
            QgsProcessingParameterNumber("MAX_EXPERIMENTAL_SHARE", tr("Maximum experimental zone share (%)"),
                                         number, 100.0 / 3.0, minValue=0.0, maxValue=100.0),
            QgsProcessingParameterBoolean("UNKNOWN_AS_FINDINGS", tr("Report unknown zone names as findings "
                                                                    "instead of stopping"), False),
        ])
        self.add_layer_output(tr("Zone findings"))
        self.add_table_output("SUMMARY", tr("Zone summary per reserve"))
        self.add_table_output("ZONES_TWO_SYSTEM", tr("Zones in the two-zone system"),
                              compat.TYPE_VECTOR_POLYGON, by_default=False)
        self.add_report_and_counts()

    # -- running ---------------------------------------------------------------------------

    def check_parameters(self, parameters, context):
        reserves, label = rf.check_inputs(self, parameters, context)["RESERVES"]
        if reserves is None:
            return
        area = checks.optional_field(self, parameters, "AREA_FIELD", context, reserves)
        if area:
            checks.require_number_field(reserves, label, "AREA_FIELD", area)

    def processAlgorithm(self, parameters, context, feedback):
        reserves_src = self.source(parameters, "RESERVES", context)
        zones_src = self.source(parameters, "ZONES", context)
        crs = reserves_src.sourceCrs()
        params = self._params(parameters, context, reserves_src, feedback)
        feedback.pushInfo(tr("Working CRS: {crs}. Areas are ellipsoidal on CGCS2000.").format(
            crs=io.describe_crs(crs)))
        reserve_fields = [params.reserve_id_field, params.name_field, params.level_field,
                          params.type_field, params.area_field]
        reserves = rf.read(reserves_src, "RESERVES", parameters, context, feedback, reserve_fields, crs)
        feedback.setProgress(15)
        self.stop_if_canceled(feedback)
        zones = rf.read(zones_src, "ZONES", parameters, context, feedback,
                        [params.zone_reserve_field, params.zone_field], crs)
        if len(reserves) == 0 or len(zones) == 0:
            raise QgsProcessingException(tr("RESERVES and ZONES must both hold features: there is nothing "
                                            "to check."))
        self.stop_if_canceled(feedback)
        measure = io.measurer_for_crs(crs)
        sides = rf.id_sides(self, parameters, context, {"RESERVES": reserves_src, "ZONES": zones_src},
                            params.reserve_id_field, params.zone_reserve_field)
        with self.cancellable(feedback), rf.input_errors(sides):
            result = check_reserves(reserves, zones, params, measure, self.progress(feedback, 30, 85))
        table = result.findings.table(measure)
        table["message"] = np.array(messages(table), dtype=object)
        rf.tell_join_problems(table, feedback)
        self.stop_if_canceled(feedback)
        zones_map = rf.zones_map_layer(zones, params.zone_field, params.zone_values)
        return self._write(parameters, context, feedback, crs, table, result, reserves, zones_map)

    def _params(self, parameters, context, reserves_src, feedback):
        num = lambda name: self.parameterAsDouble(parameters, name, context)  # noqa: E731
        optional = rf.optional_fields(self, parameters, OPTIONAL_FIELDS, context, reserves_src,
                                      "RESERVES", feedback)
        return ReserveParams(
            reserve_id_field=self.field(parameters, "RESERVE_ID_FIELD", context, True),
            zone_reserve_field=self.field(parameters, "ZONE_RESERVE_FIELD", context, True),
            zone_field=self.field(parameters, "ZONE_FIELD", context, True),
            zone_values=rf.parse_zone_values(self.parameterAsString(parameters, "ZONE_VALUES", context)),
            unknown_zones="finding" if self.parameterAsBool(parameters, "UNKNOWN_AS_FINDINGS", context)
            else "raise",
            name_field=optional["NAME_FIELD"], level_field=optional["LEVEL_FIELD"],
            type_field=optional["TYPE_FIELD"], area_field=optional["AREA_FIELD"],
            area_unit_m2=AREA_UNITS_M2[self.parameterAsEnum(parameters, "AREA_UNIT", context)],
            area_rel_tolerance=num("AREA_TOLERANCE") / 100.0,
            gap_tolerance=num("GAP_TOLERANCE"), overlap_tolerance=num("OVERLAP_TOLERANCE"),
            edge_tolerance=num("EDGE_TOLERANCE"),
            check_shares=self.parameterAsBool(parameters, "CHECK_SHARES", context),
            min_core_protection_share=num("MIN_CORE_PROTECTION_SHARE") / 100.0,
            min_core_share=num("MIN_CORE_SHARE") / 100.0,
            max_experimental_share=num("MAX_EXPERIMENTAL_SHARE") / 100.0,
            two_zone_output=bool(parameters.get("ZONES_TWO_SYSTEM")))

    # -- writing ---------------------------------------------------------------------------

    def _write(self, parameters, context, feedback, crs, table, result, reserves, zones_map):
        feedback.setProgress(88)
        feedback.setProgressText(tr("Writing outputs"))
        findings = Output(self, parameters, context, "OUTPUT", make_fields(FINDING_FIELDS),
                          compat.WKB_MULTIPOLYGON, crs, style="findings", title=tr("Zone findings"))
        summary_out = Output(self, parameters, context, "SUMMARY", make_fields(SUMMARY_FIELDS),
                             compat.WKB_NO_GEOMETRY, crs, title=tr("Zone summary"))
        summary = dict(result.summary, reserve_fid=result.summary["fid"])
        del summary["fid"]
        items = [(findings, table, lines_as_strips(table["geometry"])), (summary_out, summary, None)]
        if result.two_zone is not None:
            two = Output(self, parameters, context, "ZONES_TWO_SYSTEM", make_fields(TWO_ZONE_FIELDS),
                         compat.WKB_MULTIPOLYGON, crs, style="zones", title=tr("Zones (two-zone system)"),
                         legend=rf.zone_labels())
            columns = dict(result.two_zone, reserve_fid=result.two_zone["fid"])
            del columns["fid"]
            items.append((two, columns, result.two_zone["geometry"]))
        results = write_all(items, feedback)
        results.update(self.count_results(table, feedback))
        report = self.parameterAsFileOutput(parameters, "REPORT", context)
        if report:
            self._report(report, table, summary, reserves, zones_map, crs, feedback)
            results["REPORT"] = report
        feedback.setProgress(100)
        return results

    def _report(self, path, table, summary, reserves, zones_map, crs, feedback):
        title = tr("Protected-area functional zone check")
        map_layers = [report_map.MapLayer(tr("Reserves"), reserves.geoms, "reserves"), zones_map]
        figure = report_map.map_section(path, title, crs, reserves.geoms, map_layers, table, feedback)
        info = [(tr("Reserves"), len(reserves)), (tr("CRS"), io.describe_crs(crs))]
        keys = ["reserve_id", "system", "zones", "area_ha", "core_ha", "buffer_ha", "experimental_ha",
                "core_protection_ha", "general_control_ha", "gap_m2", "overlap_m2", "verdict"]
        headers = [tr("Reserve"), tr("System"), tr("Zones"), tr("Area (ha)"), tr("Core (ha)"),
                   tr("Buffer (ha)"), tr("Experimental (ha)"), tr("Core protection (ha)"),
                   tr("General control (ha)"), tr("Gaps (m²)"), tr("Overlaps (m²)"), tr("Verdict")]
        text = build_report(title, table, info, summary, headers, keys, figure,
                            values=rf.summary_values(), layers=layer_names(self))
        write_report(path, text)
