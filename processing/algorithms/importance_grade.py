"""ecospace:importance_grade — grade ecosystem-service rasters by cumulative value (DOMAIN 2.1)."""
import os

import numpy as np
from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputMultipleLayers,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterString,
)

from ... import compat
from ...core.grading import GradingError, classify, cumulative_breaks, parse_percent_breaks
from ...i18n import tr
from .. import checks, io, raster_io
from ..base import EcoAlgorithm
from ..outputs import Output, make_fields, write_all

TABLE_FIELDS = (("service", "string"), ("class", "int"), ("class_name", "string"),
                ("break_percent", "double"), ("break_value", "double"), ("cells", "int"),
                ("area_m2", "double"), ("area_ha", "double"), ("value_share_pct", "double"))
OVERALL = "ALL"


def importance_labels():
    return {3: tr("Extremely important (极重要)"), 2: tr("Important (重要)"),
            1: tr("Generally important (一般重要)")}


def grading_message(error, label=""):
    """A clear sentence for a core GradingError."""
    info = dict(error.info, layer=label)
    texts = {
        "numbers": tr("{name} must be numbers separated by commas, e.g. 50,80 (got '{text}')."),
        "percent_range": tr("BREAKS are cumulative percentages: each must lie between 0 and 100, "
                            "exclusive (got '{text}')."),
        "not_increasing": tr("{name} must increase from left to right, e.g. 50,80 (got '{text}')."),
        "count": tr("{name} needs exactly {count} numbers (got '{text}')."),
        "factor_group": tr("FACTOR_BREAKS: '{group}' is not a factor group. Write one group per "
                           "factor, separated by ';', each as name:first,second, e.g. "
                           "rainfall:100,600;relief:50,300;cover:0.6,0.2."),
        "all_nodata": tr("Raster '{layer}' has no valid cell: every cell is NoData (or NaN) on the "
                         "grid of the first raster. Check the band and the NoData value, and that "
                         "the raster covers the first raster's extent."),
        "zero_total": tr("The valid cells of raster '{layer}' add up to {total:g}: cumulative breaks "
                         "need a positive total value."),
    }
    return texts.get(error.code, error.code).format(**info)


class ImportanceGrade(EcoAlgorithm):
    NAME = "importance_grade"
    GROUP = "redline"

    def display_name(self):
        return tr("Ecosystem-service importance grading")

    def tags(self):
        return ["importance", "重要性", "ecosystem service", "生态系统服务", "red line", "生态保护红线",
                "cumulative", "累加", "raster", "grading", "极重要"]

    def help_intro(self):
        return tr(
            "Grades ecosystem-service rasters (water conservation, biodiversity maintenance, soil "
            "conservation, windbreak and sand fixation, coastal protection) into 3 = extremely "
            "important (极重要), 2 = important (重要) and 1 = generally important (一般重要), as in "
            "the red-line delineation guide.<br><br>"
            "For each service the valid cells are sorted by value, from high to low, and their values "
            "accumulated. The break for 50 % is the value of the first cell at which the running total "
            "reaches 50 % of the total value; every cell with a value at or above it is extremely "
            "important. The 80 % break works the same way, and the remaining cells are generally "
            "important. The breaks are exact, yet the raster is read block by block, so rasters far "
            "larger than memory can be graded. NoData cells, and cells holding NaN or an infinite "
            "value, are ignored and stay NoData.<br><br>"
            "The overall grade of a cell is its highest class across the services. Rasters on another "
            "grid are resampled to the first raster's grid (you are told). In a geographic CRS every "
            "cell is weighted by its ellipsoidal area (CGCS2000); in a projected CRS cells are taken "
            "as equal-area. The table lists the breaks and the ellipsoidal area of each class per "
            "service.<br><br>"
            "BREAKS: cumulative percentages of the total value, increasing, between 0 and 100 "
            "(default 50,80). Outputs are GeoTIFFs (byte values 3, 2, 1; NoData 0) with a colour "
            "table and a QML style beside them.")

    def shortHelpString(self):
        return self.help_intro()

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterMultipleLayers(
            "SERVICES", tr("Ecosystem-service rasters"), compat.TYPE_RASTER))
        self.addParameter(QgsProcessingParameterNumber(
            "BAND", tr("Band of each raster"), compat.NUMBER_INTEGER, 1, minValue=1))
        self.addParameter(QgsProcessingParameterString(
            "BREAKS", tr("Breaks: cumulative percentages of the total value"), "50,80"))
        self.addParameter(QgsProcessingParameterRasterDestination(
            "OUTPUT", tr("Overall importance grade")))
        self.addParameter(QgsProcessingParameterFolderDestination(
            "SERVICE_FOLDER", tr("Folder for a graded raster per service"), optional=True,
            createByDefault=False))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "TABLE", tr("Breaks and class areas"), compat.TYPE_VECTOR, optional=True,
            createByDefault=True))
        self.addOutput(QgsProcessingOutputMultipleLayers("SERVICE_GRADES", tr("Graded rasters per service")))

    # -- running -----------------------------------------------------------------------------

    def check_parameters(self, parameters, context):
        checks.require_band(self._layers(parameters, context),
                            self.parameterAsInt(parameters, "BAND", context))
        self._fractions(parameters, context)

    def _fractions(self, parameters, context):
        try:
            return parse_breaks(self.parameterAsString(parameters, "BREAKS", context))
        except GradingError as error:
            raise QgsProcessingException(grading_message(error)) from None

    def _layers(self, parameters, context):
        layers = self.parameterAsLayerList(parameters, "SERVICES", context)
        if not layers:
            raise QgsProcessingException(tr("Choose at least one ecosystem-service raster (SERVICES)."))
        return layers

    def processAlgorithm(self, parameters, context, feedback):
        fractions = self._fractions(parameters, context)
        rasters = self._open(parameters, context, feedback)
        cells = raster_io.CellArea(rasters[0])
        feedback.pushInfo(tr("Grid of '{layer}', CRS {crs}; {how}.").format(
            layer=rasters[0].label, crs=io.describe_crs(rasters[0].crs),
            how=tr("cells are weighted by their ellipsoidal area") if cells.geographic
            else tr("cells are equal-area; table areas are ellipsoidal")))
        breaks = self._breaks(rasters, cells, fractions, feedback)
        return self._write(parameters, context, feedback, rasters, cells, fractions, breaks)

    def _open(self, parameters, context, feedback):
        layers = self._layers(parameters, context)
        band = self.parameterAsInt(parameters, "BAND", context)
        rasters = [raster_io.open_band(layer, band, layer.name(), feedback) for layer in layers]
        return [rasters[0]] + [raster_io.aligned(rasters[0], r, feedback) for r in rasters[1:]]

    def _breaks(self, rasters, cells, fractions, feedback):
        """[(breaks, stats)] per raster, with the breaks told to the user."""
        out = []
        share = 60.0 / len(rasters)
        for k, raster in enumerate(rasters):
            feedback.setProgressText(tr("Finding the breaks of '{layer}'").format(layer=raster.label))
            blocks = _passes(raster, cells, feedback, (k * share, (k + 1) * share))
            try:
                with self.cancellable(feedback):
                    breaks, stats = cumulative_breaks(blocks, fractions, self.progress(feedback, 0, 0))
            except GradingError as error:
                raise QgsProcessingException(grading_message(error, raster.label)) from None
            if stats.min < 0:
                feedback.pushWarning(tr("Raster '{layer}' has negative values (down to {min:g}); "
                                        "they lower its total value.").format(layer=raster.label,
                                                                              min=stats.min))
            feedback.pushInfo(tr("'{layer}': {cells} valid cells; breaks {breaks}.").format(
                layer=raster.label, cells=stats.count, breaks=", ".join(
                    "{:g} % → {:.6g}".format(f * 100, b) for f, b in zip(fractions, breaks))))
            out.append((breaks, stats))
        return out

    # -- writing -----------------------------------------------------------------------------

    def _writers(self, parameters, context, rasters):
        dest = self.parameterAsOutputLayer(parameters, "OUTPUT", context)
        overall = raster_io.RasterWriter(dest, rasters[0], colours=raster_io.IMPORTANCE_COLOURS)
        folder = self.parameterAsString(parameters, "SERVICE_FOLDER", context)
        per_service = []
        if folder and parameters.get("SERVICE_FOLDER") is not None:
            names = _unique([raster_io.safe_name(r.label) for r in rasters])
            try:
                for name in names:
                    path = os.path.join(folder, name + "_grade.tif")
                    per_service.append(raster_io.RasterWriter(path, rasters[0],
                                                              colours=raster_io.IMPORTANCE_COLOURS))
            except BaseException:  # no partial file of the writers already open is left behind
                raster_io.discard_all([overall] + per_service)
                raise
        return overall, per_service

    def _write(self, parameters, context, feedback, rasters, cells, fractions, breaks):
        overall, per_service = self._writers(parameters, context, rasters)
        writers = [overall] + per_service
        try:
            tallies = self._grade(rasters, cells, breaks, overall, per_service, feedback)
            table = self._table(rasters, fractions, breaks, tallies)
            out = Output(self, parameters, context, "TABLE", make_fields(TABLE_FIELDS),
                         compat.WKB_NO_GEOMETRY, rasters[0].crs, title=tr("Importance breaks and areas"))
            results = write_all([(out, table, None)], feedback)
        except BaseException:
            raster_io.discard_all(writers)
            raise
        qml = raster_io.style_qml("grades")
        for writer in writers:
            writer.commit(qml)
        labels = importance_labels()
        raster_io.style_on_load(context, overall.path, qml, tr("Importance grade"), labels)
        results["OUTPUT"] = overall.path
        results["SERVICE_GRADES"] = [w.path for w in per_service]
        if per_service:
            results["SERVICE_FOLDER"] = os.path.dirname(per_service[0].path)
        feedback.setProgress(100)
        return results

    def _grade(self, rasters, cells, breaks, overall, per_service, feedback):
        """The classification pass: every block of every service, once."""
        tallies = [raster_io.ClassTally() for _ in range(len(rasters) + 1)]
        height = rasters[0].height
        feedback.setProgressText(tr("Writing the graded rasters"))
        for row, rows in raster_io.row_blocks(rasters[0]):
            self.stop_if_canceled(feedback)
            feedback.setProgress(60 + 35.0 * row / height)
            area = cells.area(row, rows)
            top = None
            for k, raster in enumerate(rasters):
                values = raster.read(row, rows)
                classes = classify(values, breaks[k][0])
                tallies[k].add(classes, area, values)
                if per_service:
                    per_service[k].write(row, classes)
                top = classes if top is None else np.maximum(top, classes)
            tallies[-1].add(top, area)
            overall.write(row, top)
        self.stop_if_canceled(feedback)
        return tallies

    def _table(self, rasters, fractions, breaks, tallies):
        names = [r.label for r in rasters] + [OVERALL]
        labels = importance_labels()
        rows = []
        for k, name in enumerate(names):
            tally = tallies[k]
            total_value = tally.value[1:].sum()
            for cls in (3, 2, 1):
                edge = 3 - cls  # class 3 starts at the first break, class 2 at the second
                known = k < len(rasters) and edge < len(fractions)
                rows.append({
                    "service": name, "class": cls, "class_name": labels[cls],
                    "break_percent": fractions[edge] * 100 if known else None,
                    "break_value": breaks[k][0][edge] if known else None,
                    "cells": int(tally.cells[cls]), "area_m2": float(tally.area[cls]),
                    "area_ha": float(tally.area[cls]) / 1e4,
                    "value_share_pct": (100.0 * tally.value[cls] / total_value
                                        if k < len(rasters) and total_value > 0 else None)})
        return {key: np.array([r[key] for r in rows], dtype=object) for key, _ in TABLE_FIELDS}


def parse_breaks(text):
    fractions = parse_percent_breaks(text)
    if len(fractions) != 2:
        raise GradingError("count", name="BREAKS", text=text, count=2)
    return fractions


def _passes(raster, cells, feedback, span):
    """A blocks callable whose successive passes share the progress span (three passes expected)."""
    calls = [0]

    def blocks():
        part = (span[1] - span[0]) / 3.0
        start = span[0] + part * min(calls[0], 2)
        calls[0] += 1
        return raster_io.reader(raster, cells, feedback, (start, start + part))()
    return blocks


def _unique(names):
    seen = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else "{}_{}".format(name, seen[name]))
    return out
