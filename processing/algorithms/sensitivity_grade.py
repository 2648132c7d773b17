"""ecospace:sensitivity_grade — ecological sensitivity from scored factor rasters (DOMAIN 2.1)."""
import numpy as np
from osgeo import gdal
from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterString,
)

from ... import compat
from ...core.grading import (
    DEFAULT_FACTOR_TEXT,
    GradingError,
    factor_scores,
    geometric_mean,
    grade_increasing,
    parse_factor_breaks,
    parse_increasing,
)
from ...i18n import tr
from .. import checks, io, raster_io
from ..base import EcoAlgorithm
from ..outputs import Output, make_fields, write_all
from .importance_grade import grading_message

TABLE_FIELDS = (("item", "string"), ("class", "int"), ("class_name", "string"),
                ("lower_bound", "double"), ("cells", "int"), ("area_m2", "double"),
                ("area_ha", "double"), ("share_pct", "double"))
COMPOSITE = "ALL"


def sensitivity_labels():
    return {3: tr("Extremely sensitive (极敏感)"), 2: tr("Sensitive (敏感)"),
            1: tr("Generally sensitive (一般敏感)")}


class SensitivityGrade(EcoAlgorithm):
    NAME = "sensitivity_grade"
    GROUP = "redline"

    def display_name(self):
        return tr("Ecological sensitivity grading")

    def tags(self):
        return ["sensitivity", "敏感性", "fragility", "脆弱性", "soil erosion", "水土流失", "red line",
                "生态保护红线", "geometric mean", "raster", "grading", "极敏感"]

    def help_intro(self):
        return tr(
            "Grades ecological sensitivity (soil erosion, desertification, rocky desertification, "
            "salinization) from factor rasters: each factor is scored 1, 3 or 5, the composite is the "
            "geometric mean of the scores, and the composite is graded 3 = extremely sensitive "
            "(极敏感), 2 = sensitive (敏感), 1 = generally sensitive (一般敏感). A value exactly at a "
            "break goes to the higher class. A cell that is NoData in any factor stays NoData.<br><br>"
            "FACTOR_BREAKS holds one group per factor raster, in the order of FACTORS, separated by "
            "';'. A group is name:first,second (the name is optional and only labels the table). Write "
            "the two breaks in the direction in which the score rises: rainfall:100,600 scores below "
            "100 as 1, 100–600 as 3 and above 600 as 5; cover:0.6,0.2 scores above 0.6 as 1, 0.2–0.6 "
            "as 3 and below 0.2 as 5 (vegetation cover protects, so the direction is reversed). "
            "The default is rainfall erosivity 100,600; relief (m) 50,300; vegetation cover 0.6,0.2 "
            "(one open implementation's values); and soil erodibility K (t·hm²·h/(hm²·MJ·mm)) "
            "0.02,0.04, which is our own choice: adjust it to your province's rules. With fewer "
            "factors, remove their groups.<br><br>"
            "SCORES: the low, middle and high score (default 1,3,5). COMPOSITE_BREAKS: the composite "
            "breaks of the sensitive and extremely sensitive classes (default 2.33,3.66). Rasters on "
            "another grid are resampled to the first raster's grid. The table gives the ellipsoidal "
            "area of each class and of each factor's scores.")

    def shortHelpString(self):
        return self.help_intro()

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterMultipleLayers(
            "FACTORS", tr("Factor rasters (in the order of FACTOR_BREAKS)"), compat.TYPE_RASTER))
        self.addParameter(QgsProcessingParameterNumber(
            "BAND", tr("Band of each raster"), compat.NUMBER_INTEGER, 1, minValue=1))
        self.addParameter(QgsProcessingParameterString(
            "FACTOR_BREAKS", tr("Score breaks per factor (name:first,second;…)"), DEFAULT_FACTOR_TEXT))
        self.addParameter(QgsProcessingParameterString("SCORES", tr("Scores: low, middle, high"), "1,3,5"))
        self.addParameter(QgsProcessingParameterString(
            "COMPOSITE_BREAKS", tr("Composite breaks: sensitive, extremely sensitive"), "2.33,3.66"))
        self.addParameter(QgsProcessingParameterRasterDestination("OUTPUT", tr("Sensitivity grade")))
        self.addParameter(QgsProcessingParameterRasterDestination(
            "COMPOSITE", tr("Composite score (geometric mean)"), optional=True, createByDefault=False))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "TABLE", tr("Sensitivity class areas"), compat.TYPE_VECTOR, optional=True,
            createByDefault=True))

    def check_parameters(self, parameters, context):
        layers = self._layers(parameters, context)
        checks.require_band(layers, self.parameterAsInt(parameters, "BAND", context))
        self._params(parameters, context, len(layers))

    def _layers(self, parameters, context):
        layers = self.parameterAsLayerList(parameters, "FACTORS", context)
        if not layers:
            raise QgsProcessingException(tr("Choose at least one factor raster (FACTORS)."))
        return layers

    def processAlgorithm(self, parameters, context, feedback):
        layers = self._layers(parameters, context)
        factors, scores, breaks = self._params(parameters, context, len(layers))
        band = self.parameterAsInt(parameters, "BAND", context)
        rasters = [raster_io.open_band(layer, band, layer.name(), feedback) for layer in layers]
        rasters = [rasters[0]] + [raster_io.aligned(rasters[0], r, feedback) for r in rasters[1:]]
        cells = raster_io.CellArea(rasters[0])
        feedback.pushInfo(tr("Grid of '{layer}', CRS {crs}.").format(
            layer=rasters[0].label, crs=io.describe_crs(rasters[0].crs)))
        for raster, (name, first, second) in zip(rasters, factors):
            feedback.pushInfo(tr("'{layer}' is scored as {name}: breaks {first:g}, {second:g}.").format(
                layer=raster.label, name=name, first=first, second=second))
        return self._run(parameters, context, feedback, rasters, cells, factors, scores, breaks)

    def _params(self, parameters, context, count):
        text = lambda name: self.parameterAsString(parameters, name, context)  # noqa: E731
        try:
            factors = parse_factor_breaks(text("FACTOR_BREAKS"))
            scores = parse_increasing(text("SCORES"), "SCORES", 3)
            breaks = parse_increasing(text("COMPOSITE_BREAKS"), "COMPOSITE_BREAKS", 2)
        except GradingError as error:
            raise QgsProcessingException(grading_message(error)) from None
        if scores[0] <= 0:
            raise QgsProcessingException(tr("SCORES must be positive: the geometric mean needs them."))
        if not (scores[0] < breaks[0] and breaks[1] <= scores[2]):
            raise QgsProcessingException(tr(
                "COMPOSITE_BREAKS {text}: the composite is the geometric mean of the scores, so it lies "
                "between {low:g} and {high:g} (SCORES), and these breaks would put every cell in one "
                "or two classes. Choose two increasing breaks above {low:g} and at most {high:g}, e.g. "
                "2.33,3.66 for the scores 1,3,5.").format(
                text=text("COMPOSITE_BREAKS"), low=scores[0], high=scores[2]))
        if len(factors) != count:
            raise QgsProcessingException(tr(
                "FACTOR_BREAKS has {groups} group(s) but {count} factor raster(s) were given: write one "
                "group per raster, in the same order (e.g. rainfall:100,600;relief:50,300).").format(
                groups=len(factors), count=count))
        return factors, scores, breaks

    def _run(self, parameters, context, feedback, rasters, cells, factors, scores, breaks):
        dest = self.parameterAsOutputLayer(parameters, "OUTPUT", context)
        writers = [raster_io.RasterWriter(dest, rasters[0], colours=raster_io.SENSITIVITY_COLOURS)]
        composite_dest = self.parameterAsOutputLayer(parameters, "COMPOSITE", context)
        try:
            if composite_dest:
                writers.append(raster_io.RasterWriter(composite_dest, rasters[0], gdal.GDT_Float32,
                                                      float("nan")))
            tallies = self._grade(rasters, cells, factors, scores, breaks, writers, feedback)
            table = self._table(factors, scores, breaks, tallies)
            out = Output(self, parameters, context, "TABLE", make_fields(TABLE_FIELDS),
                         compat.WKB_NO_GEOMETRY, rasters[0].crs, title=tr("Sensitivity class areas"))
            results = write_all([(out, table, None)], feedback)
        except BaseException:
            raster_io.discard_all(writers)
            raise
        qml = raster_io.style_qml("sensitivity")
        writers[0].commit(qml)
        for writer in writers[1:]:
            writer.commit()
        raster_io.style_on_load(context, dest, qml, tr("Sensitivity grade"), sensitivity_labels())
        results["OUTPUT"] = dest
        if composite_dest:
            results["COMPOSITE"] = composite_dest
        feedback.setProgress(100)
        return results

    def _grade(self, rasters, cells, factors, scores, breaks, writers, feedback):
        """One pass over the blocks: score every factor, combine, grade, write, tally."""
        lookup = np.array([np.nan] + list(scores))
        tallies = [raster_io.ClassTally() for _ in range(len(rasters) + 1)]
        feedback.setProgressText(tr("Scoring and grading"))
        for row, rows in raster_io.row_blocks(rasters[0]):
            self.stop_if_canceled(feedback)
            feedback.setProgress(95.0 * row / rasters[0].height)
            area = cells.area(row, rows)
            factor_scores_ = []
            for k, (raster, (_, first, second)) in enumerate(zip(rasters, factors)):
                index = np.nan_to_num(factor_scores(raster.read(row, rows), raster.as_stored(first),
                                                    raster.as_stored(second), (1, 2, 3)))
                index = index.astype(np.uint8)
                tallies[k].add(index, area)
                factor_scores_.append(lookup[index])
            composite = geometric_mean(factor_scores_)
            grade = grade_increasing(composite, breaks)
            tallies[-1].add(grade, area)
            writers[0].write(row, grade)
            if len(writers) > 1:
                writers[1].write(row, composite.astype(np.float32))
        self.stop_if_canceled(feedback)
        _refuse_empty_factors(rasters, tallies)
        return tallies

    def _table(self, factors, scores, breaks, tallies):
        labels = sensitivity_labels()
        rows = []

        def add(item, cls, name, bound, tally):
            valid = tally.area[1:].sum()
            rows.append({"item": item, "class": cls, "class_name": name, "lower_bound": bound,
                         "cells": int(tally.cells[cls]), "area_m2": float(tally.area[cls]),
                         "area_ha": float(tally.area[cls]) / 1e4,
                         "share_pct": 100.0 * tally.area[cls] / valid if valid > 0 else None})

        for cls, bound in ((3, breaks[1]), (2, breaks[0]), (1, None)):
            add(COMPOSITE, cls, labels[cls], bound, tallies[-1])
        for (name, _, _), tally in zip(factors, tallies):
            for cls in (3, 2, 1):
                add(name, cls, tr("score {score:g}").format(score=scores[cls - 1]), None, tally)
        return {key: np.array([r[key] for r in rows], dtype=object) for key, _ in TABLE_FIELDS}


def _refuse_empty_factors(rasters, tallies):
    """A factor with no valid cell makes every composite cell NoData: say which, write nothing."""
    for raster, tally in zip(rasters, tallies):
        if tally.cells[1:].sum() == 0:
            raise QgsProcessingException(tr(
                "Factor raster '{layer}' has no valid cell on the grid of the first raster: every "
                "cell is NoData there, so every composite cell would be NoData. Check its band and "
                "NoData value, and that it covers the first raster's extent. No output was "
                "written.").format(layer=raster.label))
