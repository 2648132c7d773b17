"""What the red-line and unit checks share about counties: crossings told from boundary noise,
and county codes shown with their names."""
from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

import numpy as np

from .geom import along_boundary

if TYPE_CHECKING:
    from typing import Protocol

    from .arrays import Bools, Floats, Geoms, Ints, Texts
    from .findings import Findings
    from .layer import Layer
    from .measure import Measurer

    class CountyParams(Protocol):
        """What crossings reads of RedlineParams and UnitCheckParams."""
        cross_county_tolerance: float  # m²
        boundary_noise_width: float    # m


def crossings(out: Findings, rules: Sequence[str], layer_name: str, fids: Ints, counties: Layer, cgeoms: Geoms,
              c: Ints, labels: Texts, pieces: Geoms, areas: Floats, minority: Bools, params: CountyParams,
              measure: Measurer) -> None:
    """The pieces of features in a county other than the one holding most of them (`minority`):
    rules[0] (a crossing, to split) unless the piece is a strip no wider than
    params.boundary_noise_width along the county line, then rules[1] (the layers disagree on
    where the line runs: another datum such as GCJ-02, or another scale). Shared with the units."""
    k = np.flatnonzero(minority)
    noise = along_boundary(pieces[k], cgeoms, c[k], params.boundary_noise_width, measure,
                           params.cross_county_tolerance)
    for rule, rows, threshold in ((rules[0], k[~noise], params.cross_county_tolerance),
                                  (rules[1], k[noise], params.boundary_noise_width)):
        out.add(rule, layer_name, fids[rows], pieces[rows], other_layer=counties.name,
                other_fid=counties.fids[c[rows]], area_m2=areas[rows], value=areas[rows],
                threshold=threshold, detail=labels[c[rows]])


def code_change(stored: Texts, holder: Ints, codes: Texts, labels: Texts) -> Texts:
    """'stored → holder' per feature, each county code with its name where the layer gives one
    (a stored code no county has stays bare)."""
    order = np.argsort(codes.astype(str), kind="stable")
    at = np.minimum(np.searchsorted(codes[order].astype(str), stored.astype(str)), len(order) - 1)
    known = codes[order][at] == stored
    shown = np.where(known, labels[order][at], stored)
    return np.array(["{} → {}".format(s, e) for s, e in zip(shown, labels[holder])], dtype=object)

