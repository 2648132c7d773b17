"""ecospace:units_classify — class of existing units by the share of the factor zones (fitting, DOMAIN 3.2)."""
import re

import numpy as np
from qgis.core import (
    QgsField,
    QgsFields,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
)

from ... import compat
from ...core.layer import as_text
from ...core.units_classify import ClassifyParams, classify_units
from ...core.units_code import make_codes, sequence, unit_names
from ...core.units_common import CLASS_NAMES, county_codes
from ...i18n import tr
from .. import checks, io, unit_fields
from ..base import EcoAlgorithm
from ..messages import messages
from ..outputs import FINDING_FIELDS, Output, make_fields, write_all
from .units_generate import add_factor_params, factor_sources, read_factors

SHARE_FIELDS = (("priority_pct", "double"), ("key_pct", "double"), ("controlled_pct", "double"),
                ("basis", "string"))
CODED_KEYS = ("code", "prov", "city", "county")  # written only when a county code field is given
MAPPED = ("code", "name", "class", "prov", "city", "county", "area_m2", "area_ha")


class UnitsClassify(EcoAlgorithm):
    NAME = "units_classify"
    GROUP = "zoning"
    RULE_PREFIX = "UNIT_"
    RULES = ("UNIT_FIT_PRIORITY_LOST", "UNIT_INPUT_INVALID")

    def display_name(self):
        return tr("Classify control units (fitting)")

    def tags(self):
        return ["三线一单", "环境管控单元", "control units", "fitting", "拟合法", "classify", "ZHGKDYFL"]

    def help_intro(self):
        return tr(
            "Classifies existing unit polygons (e.g. townships) by the fitting method: a unit is a "
            "priority protection unit (class 1) when the priority factor layers cover at least "
            "SHARE_THRESHOLD percent of it, a key control unit (class 2) when priority and key factors "
            "together reach the threshold (就高), otherwise a general control unit (class 3). With "
            "STRICT any overlap above 0.01 m² counts.<br><br>"
            "The output is the input units with all their attributes, plus the class, the share of "
            "the priority, key and combined factor zones, the share of every factor layer (fields "
            "PCT_&lt;layer&gt;) and a short 'basis' sentence, so each decision can be read. With "
            "COUNTY_CODE_FIELD the units are also coded ZH + county + class + sequence. Areas are "
            "ellipsoidal on CGCS2000; factor layers are reprojected to the units' CRS.<br><br>"
            "The output fields never overwrite a unit attribute silently: a unit layer that already "
            "has a field of an output field's name (CLASS_FIELD, the shares, PCT_…) is refused, unless "
            "REPLACE_FIELDS is ticked (e.g. to classify classified units again).")


    def initAlgorithm(self, config=None):
        polygon = [compat.TYPE_VECTOR_POLYGON]
        self.addParameter(QgsProcessingParameterFeatureSource(
            "UNITS", tr("Unit polygons (e.g. townships)"), polygon))
        add_factor_params(self)
        self.addParameter(QgsProcessingParameterNumber(
            "SHARE_THRESHOLD", tr("Share threshold (%)"), compat.NUMBER_DOUBLE, 50.0, minValue=0.0,
            maxValue=100.0))
        self.addParameter(QgsProcessingParameterBoolean(
            "STRICT", tr("Strict: any overlap with a factor zone counts"), False))
        self.addParameter(QgsProcessingParameterField(
            "COUNTY_CODE_FIELD", tr("County code field of the units (6 digits, or a township code "
                                    "starting with it): also assign codes"), None, "UNITS",
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            "UNIT_NAME_FIELD", tr("Place name field of the units (gives the unit names)"), None,
            "UNITS", optional=True))
        self.add_advanced(unit_fields.mapping_params(MAPPED) + [QgsProcessingParameterBoolean(
            "REPLACE_FIELDS", tr("Replace unit fields that have an output field's name (e.g. when "
                                 "classifying classified units again)"), False)])
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", tr("Classified units"), compat.TYPE_VECTOR_POLYGON))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "FINDINGS", tr("Classification findings"), compat.TYPE_VECTOR_POLYGON, optional=True,
            createByDefault=True))
        self.add_count_outputs()

    def check_parameters(self, parameters, context):
        if not any(self.parameterAsLayerList(parameters, name, context)
                   for name in ("PRIORITY_LAYERS", "KEY_LAYERS")):
            raise QgsProcessingException(tr("Give at least one priority or key factor layer: without "
                                            "them every unit would be general."))
        src, label = checks.source(self, parameters, "UNITS", context)
        if src is None:
            return
        checks.county_code_field(self, parameters, context, src, label, required=False)
        checks.chosen_field(self, parameters, "UNIT_NAME_FIELD", context, src, label, required=False)
        if not self.parameterAsBool(parameters, "REPLACE_FIELDS", context):
            names = self._names(parameters, context)
            ours = unit_fields.mapped_params(names) + [(n, "") for n, _ in SHARE_FIELDS]
            ours += [(f, "") for f in src.fields().names() if f.upper().startswith("PCT_")]
            checks.refuse_existing(src, label, ours, tr("tick REPLACE_FIELDS to replace it"))

    def _names(self, parameters, context):
        """The output field names: the mapping, without the coded keys when no county field is given."""
        names = unit_fields.read_mapping(self, parameters, context, MAPPED,
                                         reserved=[n for n, _ in SHARE_FIELDS])
        if not self.field(parameters, "COUNTY_CODE_FIELD", context):
            names.update({k: "" for k in CODED_KEYS})
            if not self.field(parameters, "UNIT_NAME_FIELD", context):
                names["name"] = ""
        return names

    def processAlgorithm(self, parameters, context, feedback):
        src = self.source(parameters, "UNITS", context, polygons=True)
        label, crs = io.layer_label(src, "UNITS"), src.sourceCrs()
        if src.featureCount() == 0:
            raise QgsProcessingException(tr("The unit layer '{layer}' is empty: there is nothing to "
                                            "classify.").format(layer=label))
        county_field = self.field(parameters, "COUNTY_CODE_FIELD", context)
        place_field = self.field(parameters, "UNIT_NAME_FIELD", context)
        names = self._names(parameters, context)
        priority = factor_sources(self, parameters, "PRIORITY_LAYERS", context, feedback)
        key = factor_sources(self, parameters, "KEY_LAYERS", context, feedback)
        if not priority and not key:
            raise QgsProcessingException(tr("The priority and key factor layers are all empty: without "
                                            "factor zones every unit would be general."))
        copied = [f.name() for f in src.fields() if _copied(f.name(), names)]
        units = io.read_layer(src, "UNITS", context, feedback, copied + [county_field, place_field],
                              crs, value=parameters.get("UNITS"))
        prio_layers = read_factors(priority, context, feedback, crs, self)
        key_layers = read_factors(key, context, feedback, crs, self)
        self.stop_if_canceled(feedback)
        measure = io.measurer_for_crs(crs)
        params = ClassifyParams(
            share_threshold=self.parameterAsDouble(parameters, "SHARE_THRESHOLD", context),
            strict=self.parameterAsBool(parameters, "STRICT", context))
        with self.cancellable(feedback):
            result = classify_units(units, prio_layers, key_layers, params=params, measure=measure,
                                    progress=self.progress(feedback, 30, 85))
        table = result.findings.table(measure)
        table["message"] = np.array(messages(table), dtype=object)
        columns, spec = self._columns(units, result, names, params, county_field, place_field, feedback)
        self.stop_if_canceled(feedback)
        fields = QgsFields()
        for f in src.fields():
            if f.name() in copied:
                fields.append(QgsField(f))
        for f in make_fields(spec):
            fields.append(f)
        for name in copied:
            columns[name] = units.attrs[name]
        return self._write(parameters, context, feedback, crs, fields, columns, units.geoms, table, names)

    def _columns(self, units, result, names, params, county_field, place_field, feedback):
        """The new fields: mapping fields, shares, basis; codes when a county field is given."""
        t = result.table
        klass = t["class"]
        county = np.full(len(units), "", dtype=object)
        code = np.full(len(units), None, dtype=object)
        if county_field:
            county = county_codes(units.column(county_field), len(units))
            seq = sequence(county, klass, units.geoms)
            code = make_codes("ZH", county, klass, seq)
            missing = np.count_nonzero(county == "")
            if missing:
                feedback.pushWarning(tr("{n} units have no 6-digit county code in {field}: they get no "
                                        "unit code.").format(n=missing, field=county_field))
        else:
            seq = np.ones(len(units), dtype=np.int64)
        place = as_text(units.column(place_field), len(units)) if place_field else county
        name = unit_names(np.where(place == "", county, place), klass, seq, CLASS_NAMES)
        columns = unit_fields.unit_columns(names, code, name, klass, county, t["area_m2"])
        spec = unit_fields.field_spec(names) + list(SHARE_FIELDS)
        columns.update(priority_pct=t["priority_pct"], key_pct=t["key_pct"],
                       controlled_pct=t["controlled_pct"], basis=basis(t, params))
        taken = {n.lower() for n, _ in spec}
        for key in result.share_columns:
            field = share_field(key, taken)
            spec.append((field, "double"))
            columns[field] = t[key]
        return columns, spec

    def _write(self, parameters, context, feedback, crs, fields, columns, geoms, table, names):
        feedback.setProgress(90)
        feedback.setProgressText(tr("Writing outputs"))
        out = Output(self, parameters, context, "OUTPUT", fields, compat.WKB_MULTIPOLYGON, crs,
                     style="units", title=tr("Classified units"),
                     style_fields=unit_fields.style_fields(names), legend=unit_fields.class_legend())
        found = Output(self, parameters, context, "FINDINGS", make_fields(FINDING_FIELDS),
                       compat.WKB_MULTIPOLYGON, crs, style="findings", title=tr("Classification findings"))
        results = write_all([(out, columns, geoms), (found, table, table["geometry"])], feedback)
        results.update(self.count_results(table, feedback))
        feedback.setProgress(100)
        return results


def _copied(name, names):
    """Input fields carried to the output: not 'fid' (the GeoPackage key), not a field we write."""
    ours = {n.lower() for n, _ in unit_fields.field_spec(names)} | {n for n, _ in SHARE_FIELDS}
    return name.lower() != "fid" and name.lower() not in ours and not name.upper().startswith("PCT_")


def share_field(key, taken):
    """'pct:<layer>' → a field name PCT_<layer> (word characters only), unique among `taken`."""
    base = "PCT_" + (re.sub(r"\W+", "_", key[4:]).strip("_") or "layer")
    base = base[:50]
    field, k = base, 2
    while field.lower() in taken:
        field = "{}_{}".format(base, k)
        k += 1
    taken.add(field.lower())
    return field


def basis(t, params):
    """Why each unit got its class, in one short translated sentence."""
    out = np.empty(len(t["class"]), dtype=object)
    thr = params.share_threshold
    for k, (klass, p, c) in enumerate(zip(t["class"], t["priority_pct"], t["controlled_pct"])):
        if params.strict:
            text = {1: tr("strict: priority factors cover {p:.2f} %"),
                    2: tr("strict: key factors cover part of the unit ({c:.2f} % controlled)"),
                    3: tr("strict: no factor zone in the unit")}[int(klass)]
        else:
            text = {1: tr("priority {p:.2f} % ≥ {t:g} %"),
                    2: tr("priority {p:.2f} % < {t:g} %, priority + key {c:.2f} % ≥ {t:g} %"),
                    3: tr("priority + key {c:.2f} % < {t:g} %")}[int(klass)]
        out[k] = text.format(p=np.nan_to_num(p), c=np.nan_to_num(c), t=thr)
    return out
