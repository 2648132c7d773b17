"""What the protected-area checks share: a findings tally per reserve and the validity pass."""
import numpy as np
import shapely

from .findings import Findings, checked
from .geom import explode_polygons, parts_of_type, reason_locations
from .layer import as_numbers, as_text, code_labels
from .rules import ERROR, RULES, WARNING
from .zones import InputError


class Tally:
    """Findings plus, per reserve, how many errors and warnings concern it (for the verdict)."""

    def __init__(self, n_reserves):
        self.findings = Findings()
        self.counts = {ERROR: np.zeros(n_reserves, dtype=np.int64),
                       WARNING: np.zeros(n_reserves, dtype=np.int64)}

    def add(self, rule, reserve, layer, fid, geometry=None, **columns):
        fid = np.atleast_1d(fid)
        self.findings.add(rule, layer, fid, geometry, **columns)
        counts = self.counts.get(RULES[rule].severity)
        if counts is not None and len(fid):
            reserve = np.broadcast_to(np.asarray(reserve), fid.shape)
            np.add.at(counts, reserve[reserve >= 0], 1)


def validity(layer, out, null_rule, invalid_rule, reserve=-1):
    """Repaired polygonal copies; null and invalid geometries become findings."""
    fixed, missing, bad, reasons = checked(layer)
    reserve = np.broadcast_to(np.asarray(reserve), (len(layer),))
    out.add(null_rule, reserve[missing], layer.name, layer.fids[missing])
    out.add(invalid_rule, reserve[bad], layer.name, layer.fids[bad], fixed[bad], detail=reasons[bad],
            location=reason_locations(reasons[bad]))
    return fixed


def name_reserves_and_zones(findings, reserves, zones, join):
    """Reserves named by their id, zones by their reserve's id and their zone name in messages."""
    findings.name_features(reserves.name, reserves.fids, join.reserve_ids)
    findings.name_features(zones.name, zones.fids, code_labels(join.zone_ids, join.names))


def parts_above(geoms, measure, tolerance):
    """(polygon parts, index of their geometry, areas) of the parts larger than tolerance."""
    parts, owner = explode_polygons(geoms)
    areas = measure.area(parts)
    big = areas > tolerance
    return parts[big], owner[big], areas[big]


def linear_parts(geoms):
    """Only the line content of each geometry, merged (None where there is none)."""
    lines = parts_of_type(geoms, shapely.GeometryType.LINESTRING, shapely.multilinestrings)
    present = ~shapely.is_missing(lines)
    lines[present] = shapely.line_merge(lines[present])
    return lines


def lines_above(geoms, measure, tolerance):
    lines = linear_parts(geoms)
    length = measure.length(lines)
    keep = np.flatnonzero(length > tolerance)
    return lines[keep], keep, length[keep]


def mapped_column(layer, field, numeric=False):
    """A mapped optional field: None when not mapped; InputError when mapped but absent."""
    if not field:
        return None
    values = layer.column(field)
    if values is None:
        raise InputError("FIELD_MISSING", [layer.name, field])
    return as_numbers(values) if numeric else as_text(values)
