"""Reading an access list (准入清单): a CSV or spreadsheet file, or a layer, into one core Layer.

An access list is a plain table: rows keyed by unit code and/or class, with the four dimensions
(KJBJYS, PWWPFGK, HJFXFK, ZYKFXLYQ) and a remark. Province-wide rows (by class) and unit rows
(by code) may sit in separate files, sheets or layers: every table given is read and stacked.
Each row remembers where it came from, so messages can name the file and row.
"""
import csv
import io as _io
import os
import re

import numpy as np
from qgis.core import QgsProcessingException, QgsVectorLayer

from ..core.layer import Layer, as_text
from ..core.units_common import class_values
from ..i18n import tr
from . import io

ENCODINGS = ("utf-8-sig", "gb18030")   # UTF-8 (with or without BOM), then GBK/GB18030 from Excel
_OGR_DEFAULT_NAMES = re.compile(r"^Field\d+$")


class AccessTable:
    """Stacked rows of one or more tables: columns, and the source and row number of each row."""

    def __init__(self):
        self.columns = {}
        self.source = []
        self.row = []

    def __len__(self):
        return len(self.source)

    def add(self, label, names, rows):
        n0 = len(self)
        for name in names:
            self.columns.setdefault(name, [None] * n0)
        for k, values in enumerate(rows, start=1):
            values = list(values) + [None] * (len(names) - len(values))
            by_name = dict(zip(names, values))
            for name, column in self.columns.items():
                column.append(by_name.get(name))
            self.source.append(label)
            self.row.append(k)

    def subset(self, keep):
        """The rows where `keep` is True, with their sources and row numbers."""
        out = AccessTable()
        index = np.flatnonzero(keep)
        out.columns = {name: [col[k] for k in index] for name, col in self.columns.items()}
        out.source = [self.source[k] for k in index]
        out.row = [self.row[k] for k in index]
        return out

    def layer(self, fields):
        """A core Layer named ACCESS with the wanted columns that exist; fids 1..n (stacked order)."""
        attrs = {f: np.array(self.columns[f], dtype=object) for f in dict.fromkeys(fields)
                 if f and f in self.columns}
        return Layer("ACCESS", np.full(len(self), None, dtype=object), attrs=attrs)


def decode(data, path):
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise QgsProcessingException(tr("The access list {path} is neither UTF-8 nor GBK text. Save it "
                                    "as 'CSV UTF-8' and run again.").format(path=path))


def read_csv(path):
    """(header, rows) of a delimited text file, whatever its encoding and delimiter."""
    with open(path, "rb") as handle:
        text = decode(handle.read(), path)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = [r for r in csv.reader(_io.StringIO(text), dialect) if any(c.strip() for c in r)]
    if not rows:
        return [], []
    return [h.strip() for h in rows[0]], rows[1:]


def read_sheets(path):
    """[(label, header, rows)] of every sheet or layer OGR finds in the file (XLSX, ODS, GPKG…)."""
    probe = QgsVectorLayer(path, "access", "ogr")
    if not probe.isValid():
        raise QgsProcessingException(tr("Cannot open the access list {path}. Give a CSV or XLSX file, "
                                        "or a table layer.").format(path=path))
    names = [s.split("!!::!!")[1] for s in probe.dataProvider().subLayers()] or [None]
    out = []
    for name in names:
        uri = path if name is None or len(names) == 1 else "{}|layername={}".format(path, name)
        layer = QgsVectorLayer(uri, name or "access", "ogr")
        if layer.isValid():
            label = os.path.basename(path) + ("" if len(names) == 1 else " [{}]".format(name))
            out.append((label,) + table_of(layer))
    return out


def table_of(layer):
    """(header, rows) of a QGIS table; OGR's Field1… names mean the first row holds the header
    (the XLSX driver cannot tell a header from an all-text first row)."""
    names = layer.fields().names()
    rows = [[io._py(v) for v in f.attributes()] for f in layer.getFeatures()]
    if names and all(_OGR_DEFAULT_NAMES.match(n) for n in names) and rows:
        names = [str(v).strip() if v is not None else "" for v in rows[0]]
        rows = rows[1:]
    return names, rows


def read_access(path=None, layers=(), feedback=None):
    """An AccessTable from a file (CSV, XLSX…) and/or QGIS layers; empty when none is given."""
    table = AccessTable()
    if path:
        if not os.path.isfile(path):
            raise QgsProcessingException(tr("The access list file {path} does not exist.").format(
                path=path))
        if os.path.splitext(path)[1].lower() in (".csv", ".txt", ".tsv"):
            table.add(os.path.basename(path), *read_csv(path))
        else:
            for label, names, rows in read_sheets(path):
                table.add(label, names, rows)
    for label, layer in layers:
        table.add(label, *table_of(layer))
    if feedback is not None and len(table):
        feedback.pushInfo(tr("Access list: {n} rows from {sources}.").format(
            n=len(table), sources=", ".join(dict.fromkeys(table.source))))
    return table


def check_columns(table, code_field, class_field, dimensions, industry_field=""):
    """Refuse a list that cannot be matched to units or holds no rule text, or lacks the industry
    column it is told to use, with what to fix."""
    if code_field not in table.columns and class_field not in table.columns:
        raise QgsProcessingException(tr(
            "The access list has neither a unit-code column '{code}' nor a class column '{cls}' "
            "(its columns: {cols}). Name them so, or set CODE_FIELD / CLASS_FIELD."
        ).format(code=code_field, cls=class_field, cols=", ".join(table.columns) or "—"))
    if not any(d in table.columns for d in dimensions):
        raise QgsProcessingException(tr(
            "The access list has none of the columns {dims} (its columns: {cols}). Name the rule "
            "columns so.").format(dims=", ".join(dimensions), cols=", ".join(table.columns) or "—"))
    if industry_field and industry_field not in table.columns:
        raise QgsProcessingException(tr(
            "ACCESS_INDUSTRY_FIELD: the access list has no column '{field}' (its columns: {cols}). "
            "Name its industry column, or leave ACCESS_INDUSTRY_FIELD empty so that every row "
            "applies to every industry.").format(field=industry_field,
                                                  cols=", ".join(table.columns) or "—"))


def bad_class_rows(table, code_field, class_field):
    """Rows with no code and a class that is not 1/2/3 (or 优先/重点/一般): they would apply to
    every unit, so they are left out and named."""
    n = len(table)
    if class_field not in table.columns:
        return np.zeros(n, dtype=bool)
    raw = as_text(table.columns[class_field], n)
    code = as_text(table.columns.get(code_field), n)
    return (raw != "") & (class_values(raw, n) == 0) & (code == "")


def where(table, index):
    """'file row 5' labels of some rows, for messages."""
    return [tr("{source} row {row}").format(source=table.source[k], row=table.row[k]) for k in index]
