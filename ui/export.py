"""Export a table (headers + rows of plain values) to CSV or XLSX. No Qt: tested without a window."""
import csv
import os

from ..i18n import tr


def write_table(path, headers, rows):
    """Write rows to .csv (UTF-8 with BOM, so Excel reads Chinese) or .xlsx (GDAL's XLSX driver)."""
    ext = os.path.splitext(path)[1].lower()
    if ext == ".xlsx":
        _write_xlsx(path, headers, rows)
    else:
        with open(path, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(headers)
            writer.writerows(["" if v is None else v for v in row] for row in rows)
    return path


def _column_type(values):
    from osgeo import ogr

    present = [v for v in values if v is not None and v != ""]
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return ogr.OFTInteger64
    if present and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        return ogr.OFTReal
    return ogr.OFTString


def _write_xlsx(path, headers, rows):
    from osgeo import ogr

    driver = ogr.GetDriverByName("XLSX")
    if driver is None:
        raise OSError(tr("This GDAL has no XLSX driver; export to CSV instead."))
    if os.path.exists(path):
        driver.DeleteDataSource(path)
    dataset = driver.CreateDataSource(path)
    table = dataset.CreateLayer("findings", geom_type=ogr.wkbNone)
    for column, header in enumerate(headers):
        table.CreateField(ogr.FieldDefn(header, _column_type([r[column] for r in rows])))
    definition = table.GetLayerDefn()
    for row in rows:
        feature = ogr.Feature(definition)
        for column, value in enumerate(row):
            if value is not None and value != "":
                feature.SetField(column, value)
        table.CreateFeature(feature)
    dataset = None  # closing writes the file
    return path
