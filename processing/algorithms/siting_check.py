"""ecospace:siting_check — the one-click project siting assessment against control units (DOMAIN 3.3)."""
import os
from collections import namedtuple

import numpy as np
import shapely
from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ... import compat
from ...core.geom import grouped_union
from ...core.layer import Layer, as_text
from ...core.siting import SitingParams, check_siting, combine_sites
from ...i18n import tr
from .. import access_list, checks, io, unit_fields
from ..base import EcoAlgorithm
from ..messages import format_area, messages
from ..outputs import FINDING_FIELDS, Output, make_fields, write_all
from ..siting_report import envelopes, map_views, siting_report
from .redline_check import threads_parameter

CORE_ZONES = "核心保护区,核心区,缓冲区"  # 2019 two-zone core; old core and buffer (DOMAIN 4)
VERDICTS = ("conflict", "priority", "key", "general", "unclassified")
STYLE_SUFFIX = {0: "_points", 1: "_lines", 2: ""}   # QML per geometry type: symbols are typed
SITE_FIELDS = ("SITE_ID_FIELD", "SITE_NAME_FIELD", "INDUSTRY_FIELD")  # used in every site layer that has them
# names of the other layers in the findings: no site layer is named like one of them
OTHER_LAYERS = ("SITES", "UNITS", "REDLINE", "PROTECTED_AREAS", "ACCESS")

# A site layer: `key` names it in the findings (SITES for the SITES layer, as every single-layer input is
# named; a MORE_SITES layer by its name), `label` as the user knows it (the table's site_layer).
SiteLayer = namedtuple("SiteLayer", "key label source value")


def verdict_labels():
    return {"conflict": tr("Conflict: red line or core zone (冲突)"),
            "priority": tr("Priority protection unit: strict review (优先保护)"),
            "key": tr("Key control unit: conditional (重点管控)"),
            "general": tr("General control unit (一般管控)"),
            "unclassified": tr("Unit class unknown")}


def class_names():
    return {0: tr("unknown class"), **unit_fields.class_labels()}


class SitingCheck(EcoAlgorithm):
    NAME = "siting_check"
    GROUP = "zoning"
    RULE_PREFIX = "SITE_"

    def display_name(self):
        return tr("Project siting check (one-click assessment)")

    def tags(self):
        return ["三线一单", "一键分析", "选址", "siting", "准入清单", "access list", "环境管控单元",
                "red line", "生态保护红线", "core zone", "核心保护区"]

    def help_intro(self):
        return tr(
            "The one-click assessment (一键分析) of planned project sites against environmental control "
            "units (三线一单). Each site (point, line or polygon) is cut by the units it touches: one row "
            "per site and unit gives the unit's code, name and class, the length or area of the site "
            "inside it, its share of the site, and the access-list rules (准入清单) that apply: rows of "
            "the list keyed by the unit's code, rows keyed by its class (province-wide lists), rows "
            "with neither (apply everywhere), optionally narrowed by industry. Sites entering the "
            "ecological protection red line or a protected area's core zone are errors; sites or parts "
            "of sites outside every unit, and list rows naming unknown unit codes, are warnings.<br><br>"
            "A project list comes in several layers: give the first as SITES and the others (points, "
            "lines and polygons together) as MORE_SITES. One run assesses them all; the table's "
            "site_layer names each site's layer, and the site fields (id, name, industry) are read from "
            "every layer that has them. A layer holds one geometry type, so when the site layers mix "
            "types, the table and the findings take the simplest one: lines and polygons become points "
            "on them (with points among the sites) or polygons their outlines (lines and polygons); "
            "lengths and areas are kept, and the report draws every site whole.<br><br>"
            "The access list is a table with the columns HJZHGKDYBM (unit code) and/or ZHGKDYFL (class) "
            "and the four dimensions KJBJYS, PWWPFGK, HJFXFK, ZYKFXLYQ (+ REMARK): a CSV file (UTF-8 "
            "or GBK), an XLSX workbook (every sheet is read) or a layer; give both a file and a layer "
            "to stack two lists. PROTECTED_AREAS takes functional zones with their zone field: the "
            "zones named in CORE_ZONES count as core zones (by default 核心保护区, and 核心区 and 缓冲区 of "
            "the old three-zone system); without a zone field every polygon counts as a core zone.<br><br>"
            "Areas and lengths are ellipsoidal on CGCS2000; a point on a shared edge counts half in "
            "each unit. The HTML report has one section per site, with a map and its rules, for "
            "project officers. Inputs are never modified.")

    def initAlgorithm(self, config=None):
        polygon = [compat.TYPE_VECTOR_POLYGON]
        self.addParameter(QgsProcessingParameterFeatureSource(
            "SITES", tr("Planned project sites (points, lines or polygons)"),
            [compat.TYPE_VECTOR_ANY]))
        self.addParameter(QgsProcessingParameterMultipleLayers(
            "MORE_SITES", tr("More site layers, assessed in the same run (points, lines or polygons)"),
            compat.TYPE_VECTOR_ANY, optional=True))
        self.addParameter(QgsProcessingParameterField(
            "SITE_ID_FIELD", tr("Site id field (empty: the feature id)"), None, "SITES", optional=True))
        self.addParameter(QgsProcessingParameterField(
            "SITE_NAME_FIELD", tr("Site name field"), None, "SITES", optional=True))
        self.addParameter(QgsProcessingParameterField(
            "INDUSTRY_FIELD", tr("Site industry field (matches the access list's industry column)"),
            None, "SITES", optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "UNITS", tr("Environmental control units (环境管控单元)"), polygon))
        self.addParameter(QgsProcessingParameterFile(
            "ACCESS_LIST_FILE", tr("Access list file (准入清单: CSV or XLSX)"), optional=True,
            fileFilter=tr("Access lists (*.csv *.xlsx *.xls *.ods);;All files (*.*)")))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "ACCESS_LIST", tr("Access list layer or table (准入清单)"), [compat.TYPE_VECTOR],
            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "REDLINE", tr("Ecological protection red line (生态保护红线)"), polygon, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "PROTECTED_AREAS", tr("Protected-area functional zones (自然保护地功能分区)"), polygon,
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            "ZONE_FIELD", tr("Zone field of the protected areas (功能分区)"), "GNFQ", "PROTECTED_AREAS",
            optional=True))
        advanced = [QgsProcessingParameterString(
            "CORE_ZONES", tr("Zone values that are core zones, comma-separated"), CORE_ZONES)]
        advanced += unit_fields.mapping_params(("code", "name", "class", "access"), labels={
            "code": tr("Units and access list: unit code field (环境管控单元编码)"),
            "name": tr("Units: name field (环境管控单元名称)"),
            "class": tr("Units and access list: class field 1/2/3 (管控单元分类)"),
            "access": tr("Access list: rule columns, comma-separated")})
        advanced += [
            QgsProcessingParameterString("ACCESS_INDUSTRY_FIELD", tr("Access list: industry column "
                                                                     "(a row applies to sites whose "
                                                                     "industry starts with it)"),
                                         "", optional=True),
            QgsProcessingParameterNumber("AREA_TOLERANCE", tr("Smallest polygon piece counted (m²)"),
                                         compat.NUMBER_DOUBLE, 0.01, minValue=0.0),
            QgsProcessingParameterNumber("LENGTH_TOLERANCE", tr("Shortest line piece counted (m)"),
                                         compat.NUMBER_DOUBLE, 0.01, minValue=0.0),
            threads_parameter()]
        self.add_advanced(advanced)
        self.add_layer_output(tr("Siting table (site × unit)"), compat.TYPE_VECTOR_ANY)
        self.add_layer_output(tr("Siting findings"), compat.TYPE_VECTOR_ANY, name="FINDINGS",
                              optional=True)
        self.add_report_and_counts(by_default=True)

    # -- running ---------------------------------------------------------------------------

    def check_parameters(self, parameters, context):
        names = self._names(parameters, context)
        sites = self._site_layers(parameters, context)
        for param in SITE_FIELDS if sites else ():  # a field no site layer has is a mistake
            field = self.field(parameters, param, context)
            if field and all(site.source.fields().lookupField(field) < 0 for site in sites):
                checks.require_field(sites[0].source, sites[0].label, param, field)
        units, label = checks.source(self, parameters, "UNITS", context)
        if units is not None:
            checks.require_field(units, label, "CODE_FIELD", names["code"])
            checks.require_text_field(units, label, "CODE_FIELD", names["code"],
                                      unit_fields.EXAMPLE_CODE)
            checks.require_field(units, label, "CLASS_FIELD", names["class"])
        params = self._params(parameters, context, names)
        table = self._access_table(parameters, context)
        if table:  # given, with rows
            access_list.check_columns(table, params.access_code_field, params.access_class_field,
                                      _rule_columns(names), params.access_industry_field)

    def _names(self, parameters, context):
        return unit_fields.read_mapping(self, parameters, context, ("code", "name", "class", "access"),
                                        reserved=[n for n, _ in table_fields(())])

    def processAlgorithm(self, parameters, context, feedback):
        crs = self.source(parameters, "SITES", context).sourceCrs()
        sites = self._site_layers(parameters, context, feedback)
        wkb_type = _sink_type(sites, feedback)
        names = self._names(parameters, context)
        params = self._params(parameters, context, names)
        feedback.pushInfo(tr("Working CRS: {crs}. Areas and lengths are ellipsoidal on CGCS2000.")
                          .format(crs=io.describe_crs(crs)))
        layers = self._read_all(parameters, context, feedback, sites, names, params, crs)
        access = self._access(parameters, context, feedback, names, params)
        self.stop_if_canceled(feedback)
        measure = io.measurer_for_crs(crs)
        codes = None
        if access is not None:  # the list's codes are checked against every unit, not the near ones
            units = self.source(parameters, "UNITS", context)
            codes = as_text(io.samples(units, names["code"], -1))
        with self.cancellable(feedback):
            result = check_siting(layers["SITES"], layers["UNITS"], access=access and access[1],
                                  redline=layers.get("REDLINE"), core_zones=layers.get("CORE"),
                                  params=params, measure=measure,
                                  progress=self.progress(feedback, 40, 85),
                                  site_layers=layers["site_key"], unit_codes=codes,
                                  threads=self.parameterAsInt(parameters, "THREADS", context) or os.cpu_count() or 1)
        rows = result.table
        findings = result.findings.table(measure)
        findings["_site"] = site_positions(layers, findings)
        self._explain(findings, rows, layers, access, feedback)
        findings["message"] = np.array(messages(findings), dtype=object)
        rows["verdict"] = verdicts(rows, findings, params)
        self.stop_if_canceled(feedback)
        return self._write(parameters, context, feedback, crs, wkb_type, rows, findings, layers,
                           names, params, access)

    def _params(self, parameters, context, names):
        field = lambda name: self.field(parameters, name, context)  # noqa: E731
        num = lambda name: self.parameterAsDouble(parameters, name, context)  # noqa: E731
        return SitingParams(
            site_id_field=field("SITE_ID_FIELD"), industry_field=field("INDUSTRY_FIELD"),
            unit_code_field=names["code"], unit_name_field=names["name"],
            unit_class_field=names["class"], access_code_field=names["code"],
            access_class_field=names["class"],
            access_industry_field=(self.parameterAsString(parameters, "ACCESS_INDUSTRY_FIELD", context)
                                   or "").strip(),
            access_fields=tuple(names["access"]), area_tolerance=num("AREA_TOLERANCE"),
            length_tolerance=num("LENGTH_TOLERANCE"))

    def _site_layers(self, parameters, context, feedback=None):
        """SITES, then each MORE_SITES layer, as SiteLayers; a layer given twice counts once, and
        two layers of the same name are told apart by a number."""
        src = self.parameterAsSource(parameters, "SITES", context)
        if src is None:
            return []
        first = self.parameterAsVectorLayer(parameters, "SITES", context)
        out = [SiteLayer("SITES", checks.label(self, parameters, "SITES", context), src,
                         parameters.get("SITES"))]
        seen = {first.source() if first is not None else None}
        taken = set(OTHER_LAYERS) | {out[0].label}
        for source, base, layer in self.sources(parameters, "MORE_SITES", context,
                                                require=_require_geometry):
            if layer.source() in seen:
                if feedback is not None:
                    feedback.pushInfo(tr("Layer '{layer}' is given twice as a site layer: its sites "
                                         "are assessed once.").format(layer=layer.name()))
                continue
            seen.add(layer.source())
            name, k = base, 1
            while name in taken:
                k += 1
                name = "{} ({})".format(base, k)
            taken.add(name)
            out.append(SiteLayer(name, name, source, layer))
        return out

    def _read_sites(self, parameters, context, feedback, sites, params, crs):
        """The site layers as one core Layer (combine_sites) in the working CRS, and each site's
        layer label."""
        name_field = self.field(parameters, "SITE_NAME_FIELD", context)
        fields = dict(zip(SITE_FIELDS, (params.site_id_field, name_field, params.industry_field)))
        read = []
        for site in sites:
            self.stop_if_canceled(feedback)
            io.require_crs(site.source, site.label)
            if site.source.sourceCrs() != crs:
                feedback.pushWarning(tr("Site layer '{layer}' is in {src}; it is reprojected to {dst}.")
                                     .format(layer=site.label, src=site.source.sourceCrs().authid(),
                                             dst=crs.authid()))
            layer = io.read_layer(site.source, site.key, context, feedback, list(fields.values()), crs,
                                  value=site.value)
            if len(sites) > 1:
                for param, field in fields.items():
                    if field and site.source.fields().lookupField(field) < 0:
                        feedback.pushInfo(tr("Site layer '{layer}' has no field '{field}' ({param}): its "
                                             "sites go without it (a site without an id is named by its "
                                             "feature id).").format(layer=site.label, field=field,
                                                                    param=param))
                if len(layer) == 0:
                    feedback.pushWarning(tr("Site layer '{layer}' is empty.").format(layer=site.label))
            read.append(layer)
        if sum(len(layer) for layer in read) == 0:
            if len(sites) == 1:
                raise QgsProcessingException(tr("The site layer '{layer}' is empty: there is nothing to "
                                                "assess.").format(layer=sites[0].label))
            raise QgsProcessingException(tr("Every site layer is empty ({layers}): there is nothing to "
                                            "assess.").format(layers=", ".join(s.label for s in sites)))
        combined, keys = combine_sites(read, params.site_id_field)
        labels = np.concatenate([np.full(len(layer), site.label, dtype=object)
                                 for site, layer in zip(sites, read)])
        return {"SITES": combined, "site_key": keys, "site_layer": labels,
                "site_id_field": params.site_id_field, "site_name_field": name_field}

    def _read_all(self, parameters, context, feedback, sites, names, params, crs):
        """The sites, then of the units, red line and protected areas only the features near a
        site, as core Layers: those whose envelope meets a site's (the check uses no others), or
        with a REPORT those its maps show (map_views)."""
        layers = self._read_sites(parameters, context, feedback, sites, params, crs)
        report = self.parameterAsFileOutput(parameters, "REPORT", context)
        near = (map_views if report else envelopes)(layers["SITES"].geoms)
        units = self.source(parameters, "UNITS", context, polygons=True)
        layers["UNITS"] = io.read_layer(units, "UNITS", context, feedback,
                                        [names["code"], names["name"], names["class"]], crs,
                                        value=parameters.get("UNITS"), near=near)
        layers["unit_count"] = units.featureCount()
        feedback.setProgress(15)
        redline = self.source(parameters, "REDLINE", context, optional=True, polygons=True)
        if redline is not None:
            layers["REDLINE"] = io.read_layer(redline, "REDLINE", context, feedback, [], crs,
                                              value=parameters.get("REDLINE"), near=near)
        zones = self.source(parameters, "PROTECTED_AREAS", context, optional=True, polygons=True)
        if zones is not None:
            layers["CORE"], layers["core_count"] = self._core_zones(parameters, context, feedback, zones,
                                                                    crs, near)
        feedback.setProgress(30)
        return layers

    def _core_zones(self, parameters, context, feedback, src, crs, near):
        """The core-zone polygons of PROTECTED_AREAS near the sites (all of them without a zone
        field), and how many core zones the layer has."""
        zone_field = self.field(parameters, "ZONE_FIELD", context)
        label = io.layer_label(src, "PROTECTED_AREAS")
        if zone_field and src.fields().lookupField(zone_field) < 0:
            zone_field = ""
            feedback.pushWarning(tr("Layer '{layer}' has no zone field: every polygon of it counts as "
                                    "a core zone.").format(layer=label))
        layer = io.read_layer(src, "PROTECTED_AREAS", context, feedback, [zone_field] if zone_field
                              else [], crs, value=parameters.get("PROTECTED_AREAS"), near=near)
        if not zone_field:
            return layer, src.featureCount()
        wanted = {v.strip() for v in self.parameterAsString(parameters, "CORE_ZONES", context)
                  .split(",") if v.strip()}
        every = as_text(io.samples(src, zone_field, -1))  # every zone's, not only the near ones
        count = int(np.isin(every.astype(str), list(wanted)).sum())
        feedback.pushInfo(tr("{n} of {total} protected-area zones are core zones ({values}).").format(
            n=count, total=src.featureCount(), values=", ".join(sorted(wanted))))
        core = np.array([v in wanted for v in as_text(layer.column(zone_field), len(layer))], bool)
        return Layer("PROTECTED_AREAS", layer.geoms[core], layer.fids[core]), count

    def _access_table(self, parameters, context, feedback=None):
        """The AccessTable of the access list file and layer, or None when neither is given."""
        path = self.parameterAsFile(parameters, "ACCESS_LIST_FILE", context)
        layers = []
        src = self.parameterAsSource(parameters, "ACCESS_LIST", context)
        if src is not None:
            layers.append((io.layer_label(src, "ACCESS_LIST"), src))
        if not path and not layers:
            return None
        return access_list.read_access(path, layers, feedback)

    def _access(self, parameters, context, feedback, names, params):
        """(AccessTable, core Layer) of the access list, or None when none is given."""
        table = self._access_table(parameters, context, feedback)
        if table is None:
            return None
        if len(table) == 0:
            feedback.pushWarning(tr("The access list has no rows: no rules are attached."))
            return None
        bad = access_list.bad_class_rows(table, params.access_code_field, params.access_class_field)
        if bad.any():
            feedback.pushWarning(tr("Access-list rows with a class that is not 1, 2 or 3 and no unit "
                                    "code are left out: {rows}.").format(
                rows="; ".join(access_list.where(table, np.flatnonzero(bad)))))
            table = table.subset(~bad)
        wanted = [params.access_code_field, params.access_class_field, params.access_industry_field]
        return table, table.layer(wanted + list(params.access_fields))

    def _explain(self, findings, rows, layers, access, feedback):
        """Name sites by their id in messages, and list-rows by file and row; warn about both."""
        site_ids = site_labels(layers)
        sizes = _sizes(findings)
        for k, rule in enumerate(findings["rule"]):
            if rule in ("SITE_REDLINE", "SITE_CORE_ZONE", "SITE_OUTSIDE_UNITS"):
                findings["detail"][k] = "{} ({})".format(site_ids[findings["_site"][k]],
                                                         sizes[k]).replace(" ()", "")
        unknown = np.flatnonzero(findings["rule"] == "SITE_ACCESS_UNKNOWN")
        if len(unknown) and access is not None:
            table = access[0]
            stacked = findings["fid"][unknown].astype(int) - 1
            findings["layer"][unknown] = [table.source[k] for k in stacked]
            findings["fid"][unknown] = [table.row[k] for k in stacked]
            feedback.pushWarning(tr("The access list names unit codes that are not in the unit layer "
                                    "(their rules apply to no site): {codes}.").format(
                codes="; ".join("{} ({})".format(c, w) for c, w in zip(
                    findings["detail"][unknown], access_list.where(table, stacked)))))
        outside = findings["rule"] == "SITE_OUTSIDE_UNITS"
        for detail in findings["detail"][outside]:
            feedback.pushWarning(tr("Site {site} lies outside every control unit.").format(site=detail))

    # -- writing ---------------------------------------------------------------------------

    def _write(self, parameters, context, feedback, crs, wkb_type, rows, findings, layers, names,
               params, access):
        feedback.setProgress(88)
        feedback.setProgressText(tr("Writing outputs"))
        dim = _dimension(wkb_type)
        spec = table_fields(names["access"])
        columns = _columns(rows, layers, names, params)
        table_out = Output(self, parameters, context, "OUTPUT", make_fields(spec), wkb_type, crs,
                           style="siting" + STYLE_SUFFIX[dim], title=tr("Siting table"),
                           legend=verdict_labels())
        finding_out = Output(self, parameters, context, "FINDINGS", make_fields(FINDING_FIELDS),
                             wkb_type, crs, style="findings" + STYLE_SUFFIX[dim],
                             title=tr("Siting findings"))
        results = write_all([(table_out, columns, fit_dimension(rows["geometry"], dim)),
                             (finding_out, findings, fit_dimension(findings["geometry"], dim))],
                            feedback)
        results.update(self.count_results(findings, feedback))
        report = self.parameterAsFileOutput(parameters, "REPORT", context)
        if report:
            labels = site_labels(layers)
            siting_report(report, columns, findings, layers, names, crs, access, labels, verdict_labels())
            results["REPORT"] = report
        feedback.setProgress(100)
        return results


# --- helpers ---------------------------------------------------------------------------------

def table_fields(access_names):
    return ([("site_layer", "string"), ("site_fid", "int"), ("site_id", "string"), ("site_name", "string"),
             ("industry", "string"), ("unit_fid", "int"), ("unit_code", "string"),
             ("unit_name", "string"), ("unit_class", "int"), ("class_name", "string"),
             ("length_m", "double"), ("area_m2", "double"), ("share_pct", "double"),
             ("verdict", "string"), ("access_rows", "string")]
            + [(name, "string") for name in access_names])


def _columns(rows, layers, names, params):
    sites = layers["SITES"]
    out = dict(rows)
    out["site_name"] = as_text(sites.column(layers["site_name_field"]), len(sites))[rows["_site"]]
    out["site_layer"] = layers["site_layer"][rows["_site"]]
    labels = class_names()
    out["class_name"] = np.array([labels.get(int(c), "") for c in rows["unit_class"]], dtype=object)
    for name in names["access"]:
        if name not in out:  # no list given, or the list lacks this column
            out[name] = np.full(len(rows["site_fid"]), None, dtype=object)
    if "access_rows" not in out:
        out["access_rows"] = np.full(len(rows["site_fid"]), None, dtype=object)
    return out


def site_labels(layers):
    """Per site (by position): 'id name' (the fid when it has no id), for messages and the report;
    after its layer's name when the sites come from several layers."""
    sites = layers["SITES"]
    n = len(sites)
    ids = as_text(sites.column(layers["site_id_field"]), n) if layers["site_id_field"] else sites.fids.astype(str)
    names = as_text(sites.column(layers["site_name_field"]), n)
    several = len(set(layers["site_layer"])) > 1
    return ["{}{} {}".format(layer + ": " if several else "", i or f, m).strip()
            for f, i, m, layer in zip(sites.fids, ids, names, layers["site_layer"])]


def site_positions(layers, findings):
    """Per finding: its site's position among the sites (layers["SITES"]), -1 for a finding on
    another layer."""
    at = {(key, int(fid)): k for k, (key, fid) in enumerate(zip(layers["site_key"], layers["SITES"].fids))}
    return np.array([at.get((layer, int(fid)), -1) if fid == fid else -1
                     for layer, fid in zip(findings["layer"], findings["fid"])], dtype=np.int64)


def _rule_columns(names):
    """The access-list rule columns that must be there (a remark may be missing)."""
    return [f for f in names["access"] if f.upper() != "REMARK"]


def _sizes(findings):
    out = []
    for area, length in zip(findings["area_m2"], findings["length_m"]):
        if area == area:
            out.append(format_area(float(area)))
        elif length == length:
            out.append(tr("{m} m").format(m="{:,.1f}".format(length)))
        else:
            out.append("")
    return out


def verdicts(rows, findings, params):
    """Per row: conflict where its piece meets the site's red-line or core-zone findings, else
    the unit's class."""
    klass = np.asarray(rows["unit_class"], dtype=np.int64)
    out = np.array(VERDICTS, dtype=object)[np.select([klass == 1, klass == 2, klass == 3], [1, 2, 3], 4)]
    hit = np.isin(findings["rule"], ["SITE_REDLINE", "SITE_CORE_ZONE"])
    if not hit.any() or len(klass) == 0:
        return out
    n_sites = max(int(findings["_site"][hit].max()), int(np.max(rows["_site"]))) + 1
    zone = grouped_union(findings["geometry"][hit], findings["_site"][hit], n_sites)[rows["_site"]]
    sel = np.flatnonzero(~shapely.is_missing(zone))
    common = shapely.intersection(rows["geometry"][sel], zone[sel])
    dim = rows["dimension"][sel]
    size = np.where(dim == 2, shapely.area(common), shapely.length(common))
    meets = np.where(dim == 0, ~shapely.is_empty(common),
                     size > np.where(dim == 2, params.area_tolerance, params.length_tolerance))
    out[sel[meets]] = "conflict"
    return out


def _sink_type(sites, feedback):
    """The outputs' geometry type: the site layers' simplest (a layer holds one type; fit_dimension
    writes lines and polygons as points on them, or polygons as their outlines)."""
    types = []
    for site in sites:
        _require_geometry(site.source, site.label)
        types.append(QgsWkbTypes.multiType(QgsWkbTypes.flatType(site.source.wkbType())))
    dims = [_dimension(t) for t in types]
    if len(set(dims)) > 1:
        feedback.pushInfo(tr(
            "The site layers hold several geometry types and an output layer holds one: the siting table "
            "and the findings are written as {type}, {how}. Their lengths and areas are those of the "
            "whole pieces; the HTML report draws every site whole.").format(
            type=QgsWkbTypes.displayString(types[dims.index(min(dims))]),
            how=tr("lines and polygons as a point on each piece") if min(dims) == 0
            else tr("polygons as their outlines")))
    return types[dims.index(min(dims))]


def _require_geometry(source, label):
    """Refuse a site layer without points, lines or polygons (a table, say)."""
    flat = QgsWkbTypes.flatType(source.wkbType())
    if QgsWkbTypes.geometryType(flat) not in (compat.GEOM_POINT, compat.GEOM_LINE, compat.GEOM_POLYGON):
        raise QgsProcessingException(tr(
            "Layer '{layer}' must hold points, lines or polygons, but it holds {type} geometries.")
            .format(layer=label, type=QgsWkbTypes.displayString(flat)))


def _dimension(wkb_type):
    geom_type = QgsWkbTypes.geometryType(wkb_type)
    return {compat.GEOM_POINT: 0, compat.GEOM_LINE: 1}.get(geom_type, 2)


def fit_dimension(geoms, dim):
    """Findings geometries in the sink's dimension: polygons of other layers (an invalid unit)
    become their outline for line sinks and a point on them for point sinks."""
    geoms = np.asarray(geoms, dtype=object).copy()
    present = np.flatnonzero(~(shapely.is_missing(geoms) | shapely.is_empty(geoms)))
    if len(present) == 0:
        return geoms
    dims = shapely.get_dimensions(geoms[present])
    other = present[dims != dim]
    if dim == 0:
        geoms[other] = shapely.point_on_surface(geoms[other])
    elif dim == 1:
        areal = other[shapely.get_dimensions(geoms[other]) == 2]
        geoms[areal] = shapely.boundary(geoms[areal])
        geoms[np.setdiff1d(other, areal)] = None
    else:
        geoms[other] = None
    return geoms
