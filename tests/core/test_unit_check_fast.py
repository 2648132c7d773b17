"""check_units with its fast path (core.edge_balance sparing the tiling overlays) gives the same
findings as with exact=True (everything overlaid): on the sample's control_units and on a
generated tiling with planted gaps, overlaps, slivers and holes."""
from pathlib import Path

import numpy as np
import pytest
import shapely

from ecospace.core.layer import Layer
from ecospace.core.measure import Measurer, TransverseMercator, to_lonlat_from_proj
from ecospace.core.unit_check import UnitCheckParams

from .unit_findings import both

ogr = pytest.importorskip("osgeo.ogr")
SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample" / "ecospace_sample.gpkg"
UNIT_FIELDS = ("HJZHGKDYBM", "HJZHGKDYMC", "ZHGKDYFL", "KJBJYS", "PWWPFGK", "HJFXFK", "ZYKFXLYQ")


def read(name, fields=()):
    ds = ogr.Open(str(SAMPLE))
    lyr = ds.GetLayerByName(name)
    wkb, fids, cols = [], [], {f: [] for f in fields}
    for feat in lyr:
        g = feat.GetGeometryRef()
        wkb.append(bytes(g.ExportToWkb()) if g is not None else None)
        fids.append(feat.GetFID())
        for f in fields:
            cols[f].append(feat.GetField(f))
    proj4 = lyr.GetSpatialRef().ExportToProj4()
    return Layer(name, shapely.from_wkb(np.array(wkb, dtype=object)), fids, cols), proj4


@pytest.mark.skipif(not SAMPLE.exists(), reason="sample data not built")
def test_sample_units_same_findings():
    units, proj4 = read("control_units", UNIT_FIELDS)
    units.name = "UNITS"
    counties, _ = read("counties", ("XZQDM",))
    redline, _ = read("redline")
    prio, key = read("priority_zones")[0], read("key_zones")[0]
    measure = Measurer(to_lonlat_from_proj(proj4), conformal=True)
    fast, exact = both(units, counties=counties, redline=redline, priority=[prio, redline],
                       key=[key], measure=measure)
    assert fast == exact
    rules = {r[0] for r in fast}
    assert {"UNIT_OVERLAP", "UNIT_GAP"} <= rules  # the planted tiling defects are there


X, Y = 36500000.0, 2540000.0
M = Measurer(TransverseMercator(108, 1.0, 36500000).to_lonlat)


def box(x0, y0, x1, y1):
    return shapely.box(X + x0, Y + y0, X + x1, Y + y1)


def tiling(seed):
    """Units from jittered columns in 3 × 2 counties of 3 × 2 km, then planted defects."""
    rng = np.random.default_rng(seed)
    counties, codes, units = [], [], []
    for cx in range(3):
        for cy in range(2):
            x0, y0 = cx * 3000.0, cy * 2000.0
            counties.append(box(x0, y0, x0 + 3000, y0 + 2000))
            codes.append("4501{:02d}".format(len(codes)))
            cuts = np.concatenate([[x0], np.sort(rng.uniform(x0 + 1, x0 + 2999, 5)), [x0 + 3000]])
            for a, b in zip(cuts[:-1], cuts[1:]):
                h = rng.uniform(y0 + 100, y0 + 1900)
                units += [box(a, y0, b, h), box(a, h, b, y0 + 2000)]
    units = np.array(units, dtype=object)
    n = len(units)
    pick = rng.choice(n, 8, replace=False)
    units[pick[0]] = shapely.affinity.translate(units[pick[0]], 0.7, 0)           # overlap + gap
    units[pick[1]] = shapely.affinity.scale(units[pick[1]], 0.999, 0.999)         # gaps all round
    units[pick[2]] = units[pick[2]].difference(shapely.centroid(units[pick[2]]).buffer(3))  # hole
    units[pick[3]] = shapely.affinity.translate(units[pick[3]], 0.0002, 0)        # sliver: noise
    units[pick[4]] = shapely.MultiPolygon([units[pick[4]], box(9100, 100, 9200, 200)])  # outside
    units[pick[5]] = None                                                          # missing: gap
    # a zigzag boundary: the gap and the overlap cancel in signed area
    g = units[pick[6]]
    x0, y0, x1, y1 = shapely.bounds(g)
    units[pick[6]] = shapely.Polygon([(x0, y0), (x1, y0), (x1 + 2, (3 * y0 + y1) / 4),
                                      (x1 - 2, (y0 + 3 * y1) / 4), (x1, y1), (x0, y1)])
    klass = rng.integers(1, 4, n)
    codes_u = ["ZH{}{}{:04d}".format(codes[0], k, i + 1) for i, k in enumerate(klass)]
    attrs = {"HJZHGKDYBM": codes_u, "HJZHGKDYMC": ["u"] * n, "ZHGKDYFL": klass.tolist()}
    return (Layer("UNITS", units, attrs=attrs),
            Layer("COUNTIES", counties, attrs={"XZQDM": codes}))


@pytest.mark.parametrize("seed", range(4))
def test_generated_tiling_same_findings(seed):
    units, counties = tiling(seed)
    params = UnitCheckParams(access_fields=())
    fast, exact = both(units, counties=counties, params=params, measure=M)
    assert fast == exact
    rules = [r[0] for r in fast]
    assert rules.count("UNIT_OVERLAP") >= 2 and rules.count("UNIT_GAP") >= 3


def test_clean_tiling_and_study_area():
    units, counties = tiling(11)
    study = Layer("STUDY", [box(0, 0, 9000, 4000)])
    fast, exact = both(units, counties=counties, study_area=study, measure=M,
                       params=UnitCheckParams(access_fields=()))
    assert fast == exact
