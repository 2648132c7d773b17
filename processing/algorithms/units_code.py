"""ecospace:units_code — assign or repair unit codes from the counties holding the units (DOMAIN 3.3)."""
import numpy as np
from qgis.core import (
    QgsField,
    QgsFields,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
)

from ... import compat
from ...core.units_code import CodeParams, code_units
from ...i18n import tr
from .. import checks, io, unit_fields
from ..base import EcoAlgorithm
from ..messages import messages
from ..outputs import FINDING_FIELDS, Output, make_fields, write_all

CHANGE_FIELDS = (("feature_fid", "int"), ("old_code", "string"), ("new_code", "string"),
                 ("reason", "string"), ("county", "string"), ("class", "int"))
RULES = ("UNIT_CODE_CHANGED", "UNIT_CODE_OVERFLOW", "UNIT_CLASS_INVALID", "UNIT_CROSS_COUNTY",
         "UNIT_OUTSIDE", "UNIT_INPUT_INVALID")


class UnitsCode(EcoAlgorithm):
    NAME = "units_code"
    GROUP = "zoning"
    RULE_PREFIX = "UNIT_"
    RULES = RULES

    def display_name(self):
        return tr("Code control units")

    def tags(self):
        return ["三线一单", "环境管控单元", "control units", "code", "编码", "HJZHGKDYBM", "ZH"]

    def help_intro(self):
        return tr(
            "Assigns or repairs environmental control unit codes ZH + 6-digit county code + class "
            "digit + 4-digit sequence. The county is the one in COUNTIES holding most of the unit; the "
            "class comes from the class field. A code is kept when its format, county and class digits "
            "are right and no earlier unit holds it; every other unit (empty, malformed, wrong county "
            "or class, duplicate) gets the next free sequence of its county and class, north to south "
            "then west to east. RECODE_ALL renumbers every unit.<br><br>"
            "Outputs: the units with all their attributes and the corrected code field (created when "
            "missing; an existing CODE_FIELD must be a text field holding unit codes, so that nothing "
            "else is overwritten); the findings, with one UNIT_CODE_CHANGED per changed code (old → new); and a "
            "table of the changes with old and new codes and the reason.")


    def initAlgorithm(self, config=None):
        polygon = [compat.TYPE_VECTOR_POLYGON]
        self.addParameter(QgsProcessingParameterFeatureSource("UNITS", tr("Control units"), polygon))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "COUNTIES", tr("Counties (for the county code)"), polygon))
        self.addParameter(QgsProcessingParameterField(
            "COUNTY_CODE_FIELD", tr("County code field (6-digit GB/T 2260)"), "XZQDM", "COUNTIES",
            optional=True))  # optional: a mandatory field parameter ignores its default when omitted
        self.addParameter(QgsProcessingParameterBoolean(
            "RECODE_ALL", tr("Renumber every unit, not only the wrong codes"), False))
        self.add_advanced(unit_fields.mapping_params(("code", "class"), labels={
            "code": tr("Unit code field (created when missing)"),
            "class": tr("Unit class field (1/2/3 or the class name)")}))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", tr("Coded units"), compat.TYPE_VECTOR_POLYGON))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "FINDINGS", tr("Coding findings"), compat.TYPE_VECTOR_POLYGON, optional=True,
            createByDefault=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "CHANGES", tr("Code changes"), compat.TYPE_VECTOR, optional=True, createByDefault=True))
        self.add_count_outputs()

    def check_parameters(self, parameters, context):
        names = unit_fields.read_mapping(self, parameters, context, ("code", "class"))
        src, label = checks.source(self, parameters, "UNITS", context)
        if src is not None:
            checks.require_field(src, label, "CLASS_FIELD", names["class"])
            checks.require_text_field(src, label, "CODE_FIELD", names["code"],
                                      unit_fields.EXAMPLE_CODE)
            refuse_non_codes(src, label, names["code"])
        counties, label = checks.source(self, parameters, "COUNTIES", context)
        if counties is not None:
            checks.county_code_field(self, parameters, context, counties, label)

    def processAlgorithm(self, parameters, context, feedback):
        src = self._source(parameters, "UNITS", context)
        counties_src = self._source(parameters, "COUNTIES", context)
        crs = src.sourceCrs()
        names = unit_fields.read_mapping(self, parameters, context, ("code", "class"))
        code_field, class_field = names["code"], names["class"]
        county_field = self.field(parameters, "COUNTY_CODE_FIELD", context, required=True)
        copied = [f.name() for f in src.fields() if f.name().lower() != "fid"]
        units = io.read_layer(src, "UNITS", context, feedback, copied, crs, value=parameters.get("UNITS"))
        counties = io.read_layer(counties_src, "COUNTIES", context, feedback, [county_field], crs,
                                 value=parameters.get("COUNTIES"))
        self.stop_if_canceled(feedback)
        measure = io.measurer_for_crs(crs)
        params = CodeParams(code_field=code_field, class_field=class_field,
                            recode_all=self.parameterAsBool(parameters, "RECODE_ALL", context))
        with self.cancellable(feedback):
            result = code_units(units, counties, county_field, params=params, measure=measure,
                                progress=self.progress(feedback, 30, 85))
        table = result.findings.table(measure)
        table["message"] = np.array(messages(table), dtype=object)
        codes = result.table
        fields = QgsFields()
        for f in src.fields():
            if f.name() in copied:
                fields.append(QgsField(f))
        if fields.lookupField(code_field) < 0:
            fields.append(make_fields([(code_field, "string")])[0])
            feedback.pushInfo(tr("UNITS has no field {field}: it is created.").format(field=code_field))
        columns = dict(units.attrs)
        columns[code_field] = np.where(codes["new_code"] == "", None, codes["new_code"])
        changed = np.flatnonzero(codes["changed"])
        changes = {"feature_fid": codes["fid"][changed], "old_code": codes["old_code"][changed],
                   "new_code": codes["new_code"][changed], "reason": codes["reason"][changed],
                   "county": codes["county"][changed], "class": codes["class"][changed]}
        feedback.pushInfo(tr("{n} of {total} unit codes assigned or changed.").format(
            n=len(changed), total=len(units)))
        self.stop_if_canceled(feedback)
        return self._write(parameters, context, feedback, crs, fields, columns, units.geoms, table,
                           changes, names)

    def _source(self, parameters, name, context):
        src = self.source(parameters, name, context, polygons=True)
        if src.featureCount() == 0:
            raise QgsProcessingException(tr("Layer '{layer}' is empty.").format(
                layer=io.layer_label(src, name)))
        return src

    def _write(self, parameters, context, feedback, crs, fields, columns, geoms, table, changes, names):
        feedback.setProgress(90)
        feedback.setProgressText(tr("Writing outputs"))
        out = Output(self, parameters, context, "OUTPUT", fields, compat.WKB_MULTIPOLYGON, crs,
                     style="units", title=tr("Coded units"),
                     style_fields=unit_fields.style_fields(names), legend=unit_fields.class_legend())
        found = Output(self, parameters, context, "FINDINGS", make_fields(FINDING_FIELDS),
                       compat.WKB_MULTIPOLYGON, crs, style="findings", title=tr("Coding findings"))
        change_out = Output(self, parameters, context, "CHANGES", make_fields(CHANGE_FIELDS),
                            compat.WKB_NO_GEOMETRY, crs, title=tr("Code changes"))
        results = write_all([(out, columns, geoms), (found, table, table["geometry"]),
                             (change_out, changes, None)], feedback)
        results.update(self.count_results(table, feedback))
        feedback.setProgress(100)
        return results


def refuse_non_codes(src, label, field):
    """CODE_FIELD is rewritten in the output: refuse a field that holds something else (names…)."""
    if src.fields().lookupField(field) < 0:
        return
    values = [str(v).strip() for v in io.samples(src, field)]
    if values and not any(v.upper().startswith("ZH") for v in values):
        raise QgsProcessingException(tr(
            "CODE_FIELD: field '{field}' of layer '{layer}' holds {values}, none of them a unit code "
            "(ZH…), and the output rewrites this field with codes. Choose the unit code field, or a "
            "name the layer does not have (the field is then created).").format(
            field=field, layer=label, values=checks.quoted(values)))
