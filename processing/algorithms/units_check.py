"""ecospace:units_check — QA of a delivered environmental control unit layer (DOMAIN 3.2, 3.3)."""
import os

import numpy as np
from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
)

from ... import compat
from ...core.unit_check import UnitCheckParams
from ...core.units_classify import ClassifyParams
from ...core.units_common import class_values
from ...core.units_partition import check_units_threaded
from ...i18n import tr
from .. import checks, io, report_map, unit_fields
from ..base import EcoAlgorithm
from ..messages import boundary_noise_parameter, findings_help, messages
from ..outputs import FINDING_FIELDS, Output, make_fields, write_all
from ..report import build_report, layer_names, write_report
from .redline_check import threads_parameter

STAT_FIELDS = (("county", "string"), ("class", "int"), ("units", "int"), ("area_m2", "double"),
               ("area_ha", "double"), ("share_pct", "double"))
NOT_RULES = ("REMARK",)  # mapped with the access fields, but a remark may stay empty


class UnitsCheck(EcoAlgorithm):
    NAME = "units_check"
    GROUP = "zoning"
    RULE_PREFIX = "UNIT_"

    def display_name(self):
        return tr("Control-unit delivery check")

    def tags(self):
        return ["三线一单", "环境管控单元", "control units", "QA", "HJZHGKDYBM", "ZHGKDYFL", "准入清单",
                "topology", "red line", "生态保护红线"]

    def help_intro(self):
        return tr(
            "Checks a delivered environmental control unit layer (生态环境管控单元, 三线一单): the unit "
            "code ZH + 6-digit county code + class digit + 4-digit sequence (format, class digit against "
            "the class field, county digits against the county holding the unit, one code per sequence "
            "within county and class); gaps and overlaps against the study area (STUDY_AREA, or the "
            "union of COUNTIES); units crossing county lines; red-line area inside key or general units "
            "(REDLINE); classes that disagree with the factor layers by the fitting rule (PRIORITY_LAYERS, "
            "KEY_LAYERS, SHARE_THRESHOLD); empty access-list fields (KJBJYS, PWWPFGK, HJFXFK, ZYKFXLYQ) "
            "when the layer carries them; and statistics per county and class.<br><br>"
            "Invalid geometries are reported and the other checks use repaired copies. Every finding "
            "lies on the piece concerned, with its ellipsoidal area on the CGCS2000 ellipsoid. All "
            "layers are reprojected to the unit layer's CRS. Inputs are never modified.<br><br>"
            "Tolerances: gaps above 1 m² and overlaps above 0.01 m² are findings (this plugin's "
            "defaults, not a national standard). The field names default to those of a real "
            "provincial platform; map yours in the advanced parameters.") + "<br><br>" + findings_help()

    def initAlgorithm(self, config=None):
        polygon = [compat.TYPE_VECTOR_POLYGON]
        self.addParameter(QgsProcessingParameterFeatureSource(
            "UNITS", tr("Environmental control units (环境管控单元)"), polygon))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "COUNTIES", tr("Counties (县级行政区)"), polygon))
        self.addParameter(QgsProcessingParameterField(
            "COUNTY_CODE_FIELD", tr("County code field (6-digit GB/T 2260)"), "XZQDM", "COUNTIES",
            optional=True))  # optional so that 3.22 applies the default when it is left out
        self.addParameter(QgsProcessingParameterField(
            "COUNTY_NAME_FIELD", tr("County name field"), "XZQMC", "COUNTIES", optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "STUDY_AREA", tr("Study area (default: the union of the counties)"), polygon, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "REDLINE", tr("Ecological protection red line (生态保护红线)"), polygon, optional=True))
        self.addParameter(QgsProcessingParameterMultipleLayers(
            "PRIORITY_LAYERS", tr("Priority protection factor layers (优先保护要素)"),
            compat.TYPE_VECTOR_POLYGON, optional=True))
        self.addParameter(QgsProcessingParameterMultipleLayers(
            "KEY_LAYERS", tr("Key control factor layers (重点管控要素)"), compat.TYPE_VECTOR_POLYGON,
            optional=True))
        advanced = unit_fields.mapping_params(("code", "name", "class", "access"), labels={
            "code": tr("Units: code field (环境管控单元编码)"),
            "name": tr("Units: name field (环境管控单元名称)"),
            "class": tr("Units: class field 1/2/3 (管控单元分类)"),
            "access": tr("Units: access-list fields, comma-separated (empty = do not check)")})
        advanced += [
            QgsProcessingParameterNumber("SHARE_THRESHOLD", tr("Share of a class's factors that "
                                                               "decides the class (%)"),
                                         compat.NUMBER_DOUBLE, 50.0, minValue=0.0, maxValue=100.0),
            QgsProcessingParameterBoolean("STRICT", tr("Strict: any factor overlap decides the class"),
                                          False),
            QgsProcessingParameterNumber("GAP_TOLERANCE", tr("Gap tolerance (m²)"),
                                         compat.NUMBER_DOUBLE, 1.0, minValue=0.0),
            QgsProcessingParameterNumber("OVERLAP_TOLERANCE", tr("Overlap tolerance (m²)"),
                                         compat.NUMBER_DOUBLE, 0.01, minValue=0.0),
            QgsProcessingParameterNumber("CROSS_COUNTY_TOLERANCE", tr("Area beyond a county line "
                                                                      "that counts as crossing (m²)"),
                                         compat.NUMBER_DOUBLE, 1.0, minValue=0.0),
            boundary_noise_parameter(),
            threads_parameter(),
            QgsProcessingParameterNumber("REDLINE_TOLERANCE", tr("Red-line area tolerated in a key or "
                                                                 "general unit (m²)"),
                                         compat.NUMBER_DOUBLE, 0.01, minValue=0.0),
        ]
        self.add_advanced(advanced)
        self.add_layer_output(tr("Control-unit findings"))
        self.add_table_output("STATISTICS", tr("Control-unit statistics per county and class"))
        self.add_report_and_counts()

    # -- running ---------------------------------------------------------------------------

    def check_parameters(self, parameters, context):
        names = unit_fields.read_mapping(self, parameters, context, ("code", "name", "class", "access"))
        units, label = checks.source(self, parameters, "UNITS", context)
        if units is not None:
            checks.require_text_field(units, label, "CODE_FIELD", names["code"],
                                      unit_fields.EXAMPLE_CODE)
        counties, label = checks.source(self, parameters, "COUNTIES", context)
        if counties is not None:
            checks.county_code_field(self, parameters, context, counties, label)

    def processAlgorithm(self, parameters, context, feedback):
        units_src = self.source(parameters, "UNITS", context, polygons=True)
        crs = units_src.sourceCrs()
        names = unit_fields.read_mapping(self, parameters, context, ("code", "name", "class", "access"))
        county_field = self.field(parameters, "COUNTY_CODE_FIELD", context, required=True)
        county_name = checks.optional_field(self, parameters, "COUNTY_NAME_FIELD", context,
                                            self.source(parameters, "COUNTIES", context)) or None
        feedback.pushInfo(tr("Working CRS: {crs}. Areas are ellipsoidal on CGCS2000.").format(
            crs=io.describe_crs(crs)))
        layers = self._read_all(parameters, context, feedback, units_src, names,
                                [county_field, county_name], crs)
        params = self._params(parameters, context, names, layers["UNITS"], feedback)
        self.stop_if_canceled(feedback)
        measure = io.measurer_for_crs(crs)
        threads = self.parameterAsInt(parameters, "THREADS", context) or os.cpu_count() or 1
        with self.cancellable(feedback):
            result = check_units_threaded(
                threads, layers["UNITS"], counties=layers["COUNTIES"], county_code_field=county_field,
                county_name_field=county_name,
                study_area=layers.get("STUDY_AREA"), redline=layers.get("REDLINE"),
                priority=layers.get("PRIORITY_LAYERS", []), key=layers.get("KEY_LAYERS", []),
                params=params, measure=measure, progress=self.progress(feedback, 30, 85))
        table = result.findings.table(measure)
        table["message"] = np.array(messages(table), dtype=object)
        self.stop_if_canceled(feedback)
        return self._write(parameters, context, feedback, crs, table, result.statistics, layers,
                           {"class": names["class"], "county": county_field})

    def _read_all(self, parameters, context, feedback, units_src, names, county_fields, crs):
        label = io.layer_label(units_src, "UNITS")
        wanted = [names["code"], names["name"], names["class"]] + names["access"]
        layers = {"UNITS": io.read_layer(units_src, "UNITS", context, feedback, wanted, crs,
                                         value=parameters.get("UNITS"))}
        if len(layers["UNITS"]) == 0:
            raise QgsProcessingException(tr("The unit layer '{layer}' is empty: there is nothing to "
                                            "check.").format(layer=label))
        counties = self.source(parameters, "COUNTIES", context, polygons=True)
        sources = [("COUNTIES", counties, parameters.get("COUNTIES"),
                    [f for f in county_fields if f])]
        for name in ("STUDY_AREA", "REDLINE"):
            src = self.source(parameters, name, context, optional=True, polygons=True)
            if src is not None:
                sources.append((name, src, parameters.get(name), []))
        for group in ("PRIORITY_LAYERS", "KEY_LAYERS"):
            for src, _label, layer in self.sources(parameters, group, context, polygons=True):
                sources.append((group, src, layer, []))
        for k, (name, src, value, fields) in enumerate(sources, start=1):
            feedback.setProgress(30.0 * k / (len(sources) + 1))
            self.stop_if_canceled(feedback)
            short = io.layer_short_name(value) if hasattr(value, "source") else name
            layer = io.read_layer(src, short, context, feedback, fields, crs, value=value)
            if name.endswith("_LAYERS"):
                layers.setdefault(name, []).append(layer)
            else:
                layers[name] = layer
        return layers

    def _params(self, parameters, context, names, units, feedback):
        num = lambda name: self.parameterAsDouble(parameters, name, context)  # noqa: E731
        access = [f for f in names["access"] if f.upper() not in NOT_RULES]
        if access and not any(units.column(f) is not None for f in access):
            feedback.pushInfo(tr("The unit layer has none of the access-list fields {fields}: their "
                                 "check is skipped (the list is kept in a separate table).").format(
                fields=", ".join(access)))
            access = []
        fit = ClassifyParams(share_threshold=num("SHARE_THRESHOLD"),
                             strict=self.parameterAsBoolean(parameters, "STRICT", context))
        return UnitCheckParams(code_field=names["code"], name_field=names["name"],
                               class_field=names["class"], access_fields=tuple(access),
                               gap_tolerance=num("GAP_TOLERANCE"),
                               overlap_tolerance=num("OVERLAP_TOLERANCE"),
                               cross_county_tolerance=num("CROSS_COUNTY_TOLERANCE"),
                               boundary_noise_width=num("BOUNDARY_NOISE_WIDTH"),
                               redline_tolerance=num("REDLINE_TOLERANCE"), fit=fit)

    # -- writing ---------------------------------------------------------------------------

    def _write(self, parameters, context, feedback, crs, table, stats, layers, fields):
        feedback.setProgress(88)
        feedback.setProgressText(tr("Writing outputs"))
        findings = Output(self, parameters, context, "OUTPUT", make_fields(FINDING_FIELDS),
                          compat.WKB_MULTIPOLYGON, crs, style="findings",
                          title=tr("Control-unit findings"))
        stats_out = Output(self, parameters, context, "STATISTICS", make_fields(STAT_FIELDS),
                           compat.WKB_NO_GEOMETRY, crs, title=tr("Control-unit statistics"))
        results = write_all([(findings, table, table["geometry"]), (stats_out, stats, None)], feedback)
        results.update(self.count_results(table, feedback))
        report = self.parameterAsFileOutput(parameters, "REPORT", context)
        if report:
            self._report(report, table, stats, layers, crs, fields, feedback)
            results["REPORT"] = report
        feedback.setProgress(100)
        return results

    def _report(self, path, table, stats, layers, crs, fields, feedback):
        title = tr("Control-unit delivery check")
        units, counties = layers["UNITS"], layers["COUNTIES"]
        map_layers = [
            report_map.MapLayer(tr("Counties"), counties.geoms, "counties",
                                {"name": counties.text(fields["county"])}, labels=True),
            report_map.MapLayer(tr("Control units"), units.geoms, "units",
                                {"ZHGKDYFL": class_values(units.text(fields["class"]), len(units))},
                                unit_fields.class_legend())]
        if "REDLINE" in layers:
            map_layers.append(report_map.MapLayer(tr("Red line"), layers["REDLINE"].geoms, "redline"))
        figure = report_map.map_section(path, title, crs, units.geoms, map_layers, table, feedback)
        info = [(tr("Control units"), len(units)), (tr("CRS"), io.describe_crs(crs))]
        headers = [tr("County code"), tr("Class"), tr("Units"), tr("Area (m²)"), tr("Area (ha)"),
                   tr("Share (%)")]
        keys = ["county", "class", "units", "area_m2", "area_ha", "share_pct"]
        classes = {**unit_fields.class_labels(), 0: tr("Unreadable class")}
        text = build_report(title, table, info, stats, headers, keys, figure,
                            values={"class": classes}, layers=layer_names(self))
        write_report(path, text)
