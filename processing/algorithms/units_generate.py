"""ecospace:units_generate — environmental control units by the overlay method (DOMAIN 3.2)."""
import numpy as np
from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
)

from ... import compat
from ...core.units_generate import GenerateParams, generate_units
from ...i18n import tr
from .. import checks, io, unit_fields
from ..base import EcoAlgorithm
from ..messages import messages
from ..outputs import FINDING_FIELDS, Output, make_fields, write_all

UNIT_EXTRA = (("admin_fid", "int"),)  # the ADMIN feature a unit was cut from (its largest piece)


class UnitsGenerate(EcoAlgorithm):
    NAME = "units_generate"
    GROUP = "zoning"
    RULE_PREFIX = "UNIT_"
    RULES = ("UNIT_INPUT_INVALID", "UNIT_ADMIN_CODE", "UNIT_ADMIN_OVERLAP", "UNIT_FRAGMENT_KEPT",
             "UNIT_CODE_OVERFLOW")

    def display_name(self):
        return tr("Generate control units (overlay)")

    def tags(self):
        return ["三线一单", "环境管控单元", "control units", "overlay", "叠加法", "zoning", "HJZHGKDYBM"]

    def help_intro(self):
        return tr(
            "Builds environmental control units (生态环境管控单元, 三线一单) by the overlay method: inside "
            "each administrative polygon (county or township) the union of the priority factor layers "
            "becomes priority protection (class 1), the key factor layers minus that become key control "
            "(class 2), and the rest general control (class 3). Pieces smaller than MIN_UNIT_AREA merge "
            "into the neighbour of the same class, in the same county, with the longest shared boundary; "
            "a key or general piece with no such neighbour joins its longest-boundary neighbour. Priority "
            "area is never downgraded and no unit crosses a county line.<br><br>"
            "The units tile ADMIN exactly. Each gets its code ZH + county code + class + 4-digit sequence "
            "(north to south, then west to east: the same input gives the same codes), a name, its class "
            "and its ellipsoidal area (CGCS2000) in m² and hectares. ADMIN_CODE_FIELD holds the 6-digit "
            "county code (for townships: the county's code, or a 9/12-digit township code starting with "
            "it). Factor layers in another CRS are reprojected to ADMIN's CRS. Invalid geometries are "
            "reported and repaired copies used. Output field names are in the advanced parameters.")


    def initAlgorithm(self, config=None):
        polygon = [compat.TYPE_VECTOR_POLYGON]
        self.addParameter(QgsProcessingParameterFeatureSource(
            "ADMIN", tr("Administrative polygons: counties or townships"), polygon))
        self.addParameter(QgsProcessingParameterField(
            "ADMIN_CODE_FIELD", tr("County code field (6-digit GB/T 2260; townships: their county's code)"),
            "XZQDM", "ADMIN", optional=True))  # optional: a mandatory field ignores its default
        self.addParameter(QgsProcessingParameterField(
            "ADMIN_NAME_FIELD", tr("Name field (gives the unit names)"), "XZQMC", "ADMIN", optional=True))
        add_factor_params(self)
        self.addParameter(QgsProcessingParameterNumber(
            "MIN_UNIT_AREA", tr("Minimum unit area (m²); smaller pieces merge into a neighbour"),
            compat.NUMBER_DOUBLE, 1e6, minValue=0.0))
        self.add_advanced([
            QgsProcessingParameterBoolean("MULTIPART", tr("One unit per class and administrative "
                                                          "polygon (multipart) instead of per part"),
                                          False),
            QgsProcessingParameterBoolean("ABSORB_ORPHANS", tr("A key or general fragment with no "
                                                               "same-class neighbour joins another class"),
                                          True),
        ] + unit_fields.mapping_params())
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", tr("Environmental control units"), compat.TYPE_VECTOR_POLYGON))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "FINDINGS", tr("Unit generation findings"), compat.TYPE_VECTOR_POLYGON, optional=True,
            createByDefault=True))
        self.add_count_outputs()

    def check_parameters(self, parameters, context):
        self._names(parameters, context)
        admin, label = checks.source(self, parameters, "ADMIN", context)
        if admin is not None:
            checks.county_code_field(self, parameters, context, admin, label, param="ADMIN_CODE_FIELD")

    def _names(self, parameters, context):
        return unit_fields.read_mapping(self, parameters, context, reserved=[n for n, _ in UNIT_EXTRA])

    def processAlgorithm(self, parameters, context, feedback):
        admin_src = self.source(parameters, "ADMIN", context, polygons=True)
        label, crs = io.layer_label(admin_src, "ADMIN"), admin_src.sourceCrs()
        names = self._names(parameters, context)
        code_field = self.field(parameters, "ADMIN_CODE_FIELD", context, required=True)
        name_field = checks.optional_field(self, parameters, "ADMIN_NAME_FIELD", context, admin_src)
        if admin_src.featureCount() == 0:
            raise QgsProcessingException(tr("The administrative layer '{layer}' is empty: there is "
                                            "nothing to divide into units.").format(layer=label))
        if not name_field:
            feedback.pushInfo(tr("ADMIN has no name field (ADMIN_NAME_FIELD): units are named by "
                                 "county code."))
        priority = factor_sources(self, parameters, "PRIORITY_LAYERS", context, feedback)
        key = factor_sources(self, parameters, "KEY_LAYERS", context, feedback)
        if not priority and not key:
            feedback.pushWarning(tr("No priority or key factor layer was given: every unit will be a "
                                    "general control unit."))
        feedback.pushInfo(tr("Working CRS: {crs}. Areas are ellipsoidal on CGCS2000.").format(
            crs=io.describe_crs(crs)))

        admin = io.read_layer(admin_src, "ADMIN", context, feedback, [code_field, name_field], crs,
                              value=parameters.get("ADMIN"))
        prio_layers = read_factors(priority, context, feedback, crs, self)
        key_layers = read_factors(key, context, feedback, crs, self)
        self.stop_if_canceled(feedback)
        measure = io.measurer_for_crs(crs)
        params = GenerateParams(
            min_unit_area=self.parameterAsDouble(parameters, "MIN_UNIT_AREA", context),
            county_field=code_field, name_field=name_field or "",
            multipart=self.parameterAsBool(parameters, "MULTIPART", context),
            absorb_orphans=self.parameterAsBool(parameters, "ABSORB_ORPHANS", context))
        with self.cancellable(feedback):
            result = generate_units(admin, prio_layers, key_layers, params=params, measure=measure,
                                    progress=self.progress(feedback, 30, 90))
        table = result.findings.table(measure)
        name_fragment_groups(table)
        table["message"] = np.array(messages(table), dtype=object)
        tell_admin_problems(table, feedback)
        self.stop_if_canceled(feedback)
        return self._write(parameters, context, feedback, crs, names, result.units, table)

    def _write(self, parameters, context, feedback, crs, names, units, table):
        feedback.setProgress(92)
        feedback.setProgressText(tr("Writing outputs"))
        columns = unit_fields.unit_columns(names, units["code"], units["name"], units["class"],
                                           units["county"], units["area_m2"])
        columns["admin_fid"] = units["admin_fid"]
        spec = unit_fields.field_spec(names) + list(UNIT_EXTRA)
        out = Output(self, parameters, context, "OUTPUT", make_fields(spec), compat.WKB_MULTIPOLYGON,
                     crs, style="units", title=tr("Control units"),
                     style_fields=unit_fields.style_fields(names), legend=unit_fields.class_legend())
        found = Output(self, parameters, context, "FINDINGS", make_fields(FINDING_FIELDS),
                       compat.WKB_MULTIPOLYGON, crs, style="findings", title=tr("Unit generation findings"))
        results = write_all([(out, columns, units["geometry"]), (found, table, table["geometry"])],
                            feedback)
        results.update(self.count_results(table, feedback))
        counts = np.bincount(np.asarray(units["class"], dtype=np.int64), minlength=4)
        feedback.pushInfo(tr("{n} units: {p} priority, {k} key, {g} general.").format(
            n=len(units["class"]), p=counts[1], k=counts[2], g=counts[3]))
        feedback.setProgress(100)
        return results


# --- shared with units_classify and units_code -------------------------------------------------

def add_factor_params(alg):
    for name, label in (("PRIORITY_LAYERS", tr("Priority protection factor layers (优先保护: red line, "
                                               "protected areas, water sources…)")),
                        ("KEY_LAYERS", tr("Key control factor layers (重点管控: urban and industrial "
                                          "areas, high-emission zones…)"))):
        alg.addParameter(QgsProcessingParameterMultipleLayers(
            name, label, compat.TYPE_VECTOR_POLYGON, optional=True))


def factor_sources(alg, parameters, name, context, feedback):
    """[(source, label, layer)] of a factor list; polygons with a CRS required, empty ones skipped."""
    out = []
    for src, label, layer in alg.sources(parameters, name, context, polygons=True):
        if src.featureCount() == 0:
            feedback.pushWarning(tr("Factor layer '{layer}' is empty; it is skipped.").format(layer=label))
            continue
        out.append((src, label, layer))
    return out


def read_factors(sources, context, feedback, crs, alg):
    layers = []
    for src, label, layer in sources:
        alg.stop_if_canceled(feedback)
        if src.sourceCrs() != crs:
            feedback.pushWarning(tr("Factor layer '{layer}' is in {src}; it is reprojected to {dst}.")
                                 .format(layer=label, src=src.sourceCrs().authid(), dst=crs.authid()))
        layers.append(io.read_layer(src, label, context, feedback, [], crs, value=layer))
    return layers


def name_fragment_groups(table):
    """The notes on kept small units (one per county and class) named by county and class."""
    labels = unit_fields.class_labels()
    for k in np.flatnonzero(table["rule"] == "UNIT_FRAGMENT_KEPT"):
        label = labels.get(int(table["category"][k]), "")
        table["detail"][k] = "{} {}".format(table["detail"][k] or "", label).strip()


def tell_admin_problems(table, feedback, limit=20):
    """List bad codes and overlapping polygons in the log as well as in the findings."""
    rule = table["rule"]
    bad = np.flatnonzero(rule == "UNIT_ADMIN_CODE")
    if len(bad):
        shown = ", ".join("{} ('{}')".format(int(table["fid"][k]), table["detail"][k] or "")
                          for k in bad[:limit])
        feedback.pushWarning(tr("{n} administrative polygons have a code that is not a 6-digit county "
                                "code; their units are left without a code: {list}").format(
            n=len(bad), list=shown + (" …" if len(bad) > limit else "")))
    over = np.flatnonzero(rule == "UNIT_ADMIN_OVERLAP")
    if len(over):
        shown = ", ".join("{}/{}".format(int(table["fid"][k]), int(table["other_fid"][k]))
                          for k in over[:limit])
        feedback.pushWarning(tr("{n} pairs of administrative polygons overlap ({list}); the units cut "
                                "from them overlap too. Fix the administrative layer.").format(
            n=len(over), list=shown + (" …" if len(over) > limit else "")))
