"""What the protected-area checks share: a findings tally per reserve and the validity pass."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from .findings import Findings, checked
from .geom import explode_polygons, parts_of_type, reason_locations
from .layer import as_numbers, as_text, code_labels
from .rules import ERROR, RULES, WARNING
from .zones import InputError

if TYPE_CHECKING:
    from .arrays import Array, Floats, Geoms, Ints
    from .layer import Layer
    from .measure import Measurer
    from .zones import ZoneJoin


class Tally:
    """Findings plus, per reserve, how many errors and warnings concern it (for the verdict)."""

    def __init__(self, n_reserves: int) -> None:
        self.findings = Findings()
        self.counts = {ERROR: np.zeros(n_reserves, dtype=np.int64),
                       WARNING: np.zeros(n_reserves, dtype=np.int64)}

    def add(self, rule: str, reserve: int | Ints, layer: str, fid: Ints, geometry: Any = None,
            **columns: Any) -> None:
        fids = np.atleast_1d(fid)
        self.findings.add(rule, layer, fids, geometry, **columns)
        counts = self.counts.get(RULES[rule].severity)
        if counts is not None and len(fids):
            per_fid = np.broadcast_to(np.asarray(reserve), fids.shape)
            np.add.at(counts, per_fid[per_fid >= 0], 1)


def validity(layer: Layer, out: Tally, null_rule: str, invalid_rule: str, reserve: int | Ints = -1) -> Geoms:
    """Repaired polygonal copies; null and invalid geometries become findings."""
    fixed, missing, bad, reasons = checked(layer)
    per_feature = np.broadcast_to(np.asarray(reserve), (len(layer),))
    out.add(null_rule, per_feature[missing], layer.name, layer.fids[missing])
    out.add(invalid_rule, per_feature[bad], layer.name, layer.fids[bad], fixed[bad], detail=reasons[bad],
            location=reason_locations(reasons[bad]))
    return fixed


def name_reserves_and_zones(findings: Findings, reserves: Layer, zones: Layer, join: ZoneJoin) -> None:
    """Reserves named by their id, zones by their reserve's id and their zone name in messages."""
    findings.name_features(reserves.name, reserves.fids, join.reserve_ids)
    findings.name_features(zones.name, zones.fids, code_labels(join.zone_ids, join.names))


def parts_above(geoms: Geoms, measure: Measurer, tolerance: float) -> tuple[Geoms, Ints, Floats]:
    """(polygon parts, index of their geometry, areas) of the parts larger than tolerance."""
    parts, owner = explode_polygons(geoms)
    areas = measure.area(parts)
    big = areas > tolerance
    return parts[big], owner[big], areas[big]


def linear_parts(geoms: Geoms) -> Geoms:
    """Only the line content of each geometry, merged (None where there is none)."""
    lines = parts_of_type(geoms, shapely.GeometryType.LINESTRING, shapely.multilinestrings)
    present = ~shapely.is_missing(lines)
    lines[present] = shapely.line_merge(lines[present])
    return lines


def lines_above(geoms: Geoms, measure: Measurer, tolerance: float) -> tuple[Geoms, Ints, Floats]:
    """(line content, index of its geometry, lengths) where longer than tolerance."""
    lines = linear_parts(geoms)
    length = measure.length(lines)
    keep = np.flatnonzero(length > tolerance)
    return lines[keep], keep, length[keep]


def mapped_column(layer: Layer, field: str | None, numeric: bool = False) -> Array | None:
    """A mapped optional field: None when not mapped; InputError when mapped but absent."""
    if not field:
        return None
    values = layer.column(field)
    if values is None:
        raise InputError("FIELD_MISSING", [layer.name, field])
    return as_numbers(values) if numeric else as_text(values)


def lines_as_strips(geoms: Geoms, width: float = 1.0) -> Geoms:
    """Line findings (a zone boundary stretch) as thin strips, so that the one polygon findings
    layer holds them; their length stays in length_m."""
    geoms = np.asarray(geoms, dtype=object).copy()
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    dims = np.full(len(geoms), -1)
    dims[present] = shapely.get_dimensions(geoms[present])
    lines = dims == 1
    if lines.any():
        geoms[lines] = shapely.buffer(geoms[lines], width / 2.0, cap_style="flat")
    return geoms


def findings_as_points(geoms: Geoms) -> Geoms:
    """For a point findings layer: a finding that is not a point (an invalid reserve) is marked by
    a point inside it."""
    geoms = np.asarray(geoms, dtype=object).copy()
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    other = present & (shapely.get_type_id(geoms) != shapely.GeometryType.POINT)
    geoms[other] = shapely.point_on_surface(geoms[other])
    return geoms
