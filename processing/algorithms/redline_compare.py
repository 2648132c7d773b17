"""ecospace:redline_compare — areas added and removed between two red-line versions (DOMAIN 2.2-9)."""
import numpy as np
from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
)

from ... import compat
from ...core.compare import CompareParams, compare_versions
from ...i18n import tr
from .. import checks, io
from ..base import EcoAlgorithm
from ..messages import messages
from ..outputs import FINDING_FIELDS, Output, make_fields, write_all

PIECE_FIELDS = (("change", "string"), ("feature_fid", "int"), ("county_code", "string"),
                ("county_name", "string"), ("area_m2", "double"), ("area_ha", "double"))
REMOVED_FIELDS = PIECE_FIELDS + (("reasons", "string"), ("reason_share_pct", "double"))
TABLE_FIELDS = (("code", "string"), ("name", "string"), ("before_m2", "double"),
                ("after_m2", "double"), ("added_m2", "double"), ("removed_m2", "double"),
                ("net_m2", "double"), ("net_ha", "double"), ("county_area_m2", "double"),
                ("before_pct", "double"), ("after_pct", "double"), ("net_pct", "double"))


class RedlineCompare(EcoAlgorithm):
    NAME = "redline_compare"
    GROUP = "redline"
    RULE_PREFIX = "CMP_"

    def display_name(self):
        return tr("Compare two red-line versions")

    def tags(self):
        return ["red line", "生态保护红线", "change", "评估调整", "added", "removed", "version",
                "difference", "county", "ledger"]

    def help_intro(self):
        return tr(
            "Compares an old and a new version of the ecological protection red line (the "
            "evaluation-and-adjustment work, 评估调整): the pieces added and removed, with their "
            "ellipsoidal area in m² and hectares and the county holding them; for every removed "
            "piece, the reason layers it overlaps (farmland, construction land, mining rights, "
            "protected areas…) or a warning that it has no stated reason; and a per-county table of "
            "the area before and after, added, removed, the net change and the shares of the "
            "county's area.<br><br>"
            "Features whose geometry is the same in both versions are skipped without any overlay, "
            "so a province with a few changed patches is compared in seconds. NEW is reprojected to "
            "OLD's CRS when they differ. Both versions are expected to be red lines of disjoint "
            "patches (check them with the red-line delivery check). Inputs are never modified.<br><br>"
            "A feature without geometry is reported (CMP_GEOM_NULL) and left out. Its version in the "
            "other layer, the feature with the same ID_FIELD value (标识码, default BSM; the feature "
            "id when the field is not in both layers), is not counted as added or removed, since "
            "what it replaces is unknown: it is reported as CMP_CHANGE_UNKNOWN.")

    def initAlgorithm(self, config=None):
        polygon = [compat.TYPE_VECTOR_POLYGON]
        self.addParameter(QgsProcessingParameterFeatureSource(
            "OLD", tr("Old red line (the version before)"), polygon))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "NEW", tr("New red line (the adjusted version)"), polygon))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "COUNTIES", tr("Counties (for the per-county table)"), polygon, optional=True))
        self.addParameter(QgsProcessingParameterField(
            "COUNTY_CODE_FIELD", tr("County code field (6-digit GB/T 2260)"), "XZQDM", "COUNTIES",
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            "COUNTY_NAME_FIELD", tr("County name field"), "XZQMC", "COUNTIES", optional=True))
        self.addParameter(QgsProcessingParameterField(
            "ID_FIELD", tr("Patch id field of both versions (标识码): matches a feature without "
                           "geometry to its other version"), "BSM", "OLD", optional=True))
        self.addParameter(QgsProcessingParameterMultipleLayers(
            "REASON_LAYERS", tr("Reason layers for removals: farmland, construction land, mining "
                                "rights, protected areas…"), compat.TYPE_VECTOR_POLYGON, optional=True))
        self.add_advanced([
            QgsProcessingParameterNumber("TOLERANCE", tr("Smallest change piece reported (m²)"),
                                         compat.NUMBER_DOUBLE, 0.01, minValue=0.0),
            QgsProcessingParameterNumber("REASON_MIN_SHARE", tr("Share of a removed piece the reason "
                                                                "layers must cover to explain it (%)"),
                                         compat.NUMBER_DOUBLE, 0.0, minValue=0.0, maxValue=100.0),
        ])
        self.addParameter(QgsProcessingParameterFeatureSink(
            "ADDED", tr("Added red line"), compat.TYPE_VECTOR_POLYGON))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "REMOVED", tr("Removed red line"), compat.TYPE_VECTOR_POLYGON))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", tr("Comparison findings"), compat.TYPE_VECTOR_POLYGON))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "COUNTY_TABLE", tr("Change per county"), compat.TYPE_VECTOR, optional=True,
            createByDefault=True))
        self.add_count_outputs()
        self.addOutput(QgsProcessingOutputNumber("ADDED_M2", tr("Area added (m²)")))
        self.addOutput(QgsProcessingOutputNumber("REMOVED_M2", tr("Area removed (m²)")))

    def check_parameters(self, parameters, context):
        checks.require_features(self, parameters, ("OLD", "NEW"), context)
        counties, label = checks.source(self, parameters, "COUNTIES", context)
        if counties is not None:
            checks.county_code_field(self, parameters, context, counties, label, required=False)

    def _id_field(self, parameters, context, old_src, new_src, feedback):
        """ID_FIELD when both versions have it, else '' (features are then matched by fid)."""
        fields = [checks.optional_field(self, parameters, "ID_FIELD", context, src)
                  for src in (old_src, new_src)]
        if all(fields):
            return fields[0]
        feedback.pushInfo(tr("ID_FIELD is not a field of both versions: a feature without geometry is "
                             "matched to its other version by feature id."))
        return ""

    def processAlgorithm(self, parameters, context, feedback):
        old_src = self.source(parameters, "OLD", context, polygons=True)
        new_src = self.source(parameters, "NEW", context, polygons=True)
        crs = old_src.sourceCrs()
        if new_src.sourceCrs() != crs:
            feedback.pushInfo(tr("OLD and NEW are in different CRSs: NEW is reprojected to OLD's CRS."))
        feedback.pushInfo(tr("Working CRS: {crs}. Areas are ellipsoidal on CGCS2000.").format(
            crs=io.describe_crs(crs)))
        id_field = self._id_field(parameters, context, old_src, new_src, feedback)
        layers = self._read(parameters, context, feedback, old_src, new_src, crs, id_field)
        params = CompareParams(tolerance=self.parameterAsDouble(parameters, "TOLERANCE", context),
                               reason_min_share=self.parameterAsDouble(parameters, "REASON_MIN_SHARE",
                                                                       context))
        measure = io.measurer_for_crs(crs)
        with self.cancellable(feedback):
            result = compare_versions(
                layers["OLD"], layers["NEW"], counties=layers.get("COUNTIES"),
                code_field=layers.get("code"), name_field=layers.get("name"),
                reasons=layers["reasons"], params=params, measure=measure,
                progress=self.progress(feedback, 40, 85), id_field=id_field or None)
        feedback.pushInfo(tr("{same} features are identical in both versions and were skipped; "
                             "{old} old and {new} new features changed.").format(
            same=result.identical, old=result.changed[0], new=result.changed[1]))
        table = result.findings.table(measure)
        table["message"] = np.array(messages(table), dtype=object)
        self.stop_if_canceled(feedback)
        return self._write(parameters, context, feedback, crs, result, table)

    def _read(self, parameters, context, feedback, old_src, new_src, crs, id_field):
        layers = {"reasons": []}
        for k, (name, src) in enumerate((("OLD", old_src), ("NEW", new_src))):
            feedback.setProgress(15.0 * k)
            layers[name] = io.read_layer(src, name, context, feedback, [id_field], crs,
                                         value=parameters.get(name))
            self.stop_if_canceled(feedback)
        if len(layers["OLD"]) == 0 and len(layers["NEW"]) == 0:
            raise QgsProcessingException(tr("Both red-line versions are empty: there is nothing to "
                                            "compare."))
        counties = self.source(parameters, "COUNTIES", context, optional=True, polygons=True)
        if counties is not None:
            code = self.field(parameters, "COUNTY_CODE_FIELD", context)
            name = checks.optional_field(self, parameters, "COUNTY_NAME_FIELD", context, counties)
            layers.update(code=code or None, name=name or None)
            layers["COUNTIES"] = io.read_layer(counties, "COUNTIES", context, feedback,
                                               [code, name], crs, value=parameters.get("COUNTIES"))
        for src, label, layer in self.sources(parameters, "REASON_LAYERS", context, polygons=True):
            self.stop_if_canceled(feedback)
            layers["reasons"].append(io.read_layer(src, label, context, feedback, [], crs, value=layer))
        return layers

    def _write(self, parameters, context, feedback, crs, result, table):
        feedback.setProgress(88)
        feedback.setProgressText(tr("Writing outputs"))
        added = _piece_columns(result.added, "added")
        removed = dict(_piece_columns(result.removed, "removed"), reasons=result.removed["reasons"],
                       reason_share_pct=result.removed["reason_share_pct"])
        outs = [
            (Output(self, parameters, context, "ADDED", make_fields(PIECE_FIELDS),
                    compat.WKB_MULTIPOLYGON, crs, style="change", title=tr("Added red line")),
             added, result.added["geometry"]),
            (Output(self, parameters, context, "REMOVED", make_fields(REMOVED_FIELDS),
                    compat.WKB_MULTIPOLYGON, crs, style="change", title=tr("Removed red line")),
             removed, result.removed["geometry"]),
            (Output(self, parameters, context, "OUTPUT", make_fields(FINDING_FIELDS),
                    compat.WKB_MULTIPOLYGON, crs, style="findings", title=tr("Comparison findings")),
             table, table["geometry"]),
            (Output(self, parameters, context, "COUNTY_TABLE", make_fields(TABLE_FIELDS),
                    compat.WKB_NO_GEOMETRY, crs, title=tr("Change per county")),
             result.counties, None),
        ]
        results = write_all(outs, feedback)
        results.update(self.count_results(table, feedback))
        results["ADDED_M2"] = float(result.added["area_m2"].sum())
        results["REMOVED_M2"] = float(result.removed["area_m2"].sum())
        feedback.pushInfo(tr("Added {added:,.2f} m², removed {removed:,.2f} m².").format(
            added=results["ADDED_M2"], removed=results["REMOVED_M2"]))
        feedback.setProgress(100)
        return results


def _piece_columns(pieces, change):
    n = len(pieces["fid"])
    return {"change": np.full(n, change, dtype=object), "feature_fid": pieces["fid"],
            "county_code": pieces["code"], "county_name": pieces["name"],
            "area_m2": pieces["area_m2"], "area_ha": pieces["area_ha"]}
