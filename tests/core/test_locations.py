"""Where a finding is drawn: validity defects at the place GEOS names, strips along a county line
told from crossings, in projected and geographic CRSs."""
import numpy as np
import pytest
import shapely

from ecospace.core.findings import Findings
from ecospace.core.geom import along_boundary, reason_locations
from ecospace.core.layer import Layer
from ecospace.core.measure import Measurer, lonlat_identity
from ecospace.core.redline import check_redline

GEO = Measurer(lonlat_identity)


def test_reason_locations():
    xy = reason_locations(np.array([
        "Self-intersection[36491307.8217517 2548661.14441008]", "Ring Self-intersection[1 -2.5]",
        "Too few points in geometry component[108.5 23]", "Coordinate out of range",
        "Invalid Coordinate[nan nan]", None], dtype=object))
    assert xy[:3].tolist() == [[36491307.8217517, 2548661.14441008], [1.0, -2.5], [108.5, 23.0]]
    assert np.isnan(xy[3:]).all()


def test_metres_per_unit_in_degrees():
    scale = GEO.metres_per_unit([[108.0, 23.0]])[0]
    # CGCS2000 at 23° N: a degree of longitude is N·cos φ·π/180, of latitude M·π/180
    assert scale == pytest.approx([102522.5, 110744.0], abs=1.0)


def test_strip_along_a_line_in_degrees():
    """A north-south county line at 108° E, 23° N: 45 m east-west is 0.000439°, more than 45 m of
    latitude (0.000406°), so the width must be measured per direction, not in one degree size."""
    west, east = shapely.box(107.5, 22.5, 108.0, 23.5), shapely.box(108.0, 22.5, 108.5, 23.5)
    metre = 1.0 / 102522.5
    pieces = np.array([shapely.box(108.0, 23.0, 108.0 + 45 * metre, 23.01),
                       shapely.box(108.0, 23.0, 108.0 + 55 * metre, 23.01)], dtype=object)
    noise = along_boundary(pieces, np.array([west, east], dtype=object), np.array([1, 1]), 50.0, GEO)
    assert noise.tolist() == [True, False]


def test_defect_marker_in_degrees():
    """A bow-tie in a geographic CRS: a 5 m × 5 m square (in metres on the ground) on its crossing."""
    bow_tie = shapely.Polygon([(108.0, 23.0), (108.01, 23.01), (108.01, 23.0), (108.0, 23.01)])
    rl = Layer("REDLINE", [bow_tie], attrs={"BSM": ["450122STBHHX0001"]})
    t = check_redline(rl, measure=GEO).findings.table(GEO)
    k = list(t["rule"]).index("RL_GEOM_INVALID")
    marker = t["geometry"][k]
    minx, miny, maxx, maxy = marker.bounds
    scale = GEO.metres_per_unit([[108.005, 23.005]])[0]
    assert ((maxx - minx) * scale[0], (maxy - miny) * scale[1]) == pytest.approx((5.0, 5.0), rel=1e-6)
    assert marker.centroid.equals_exact(shapely.Point(108.005, 23.005), 1e-9)
    assert t["feature_code"][k] == "450122STBHHX0001"


def test_codes_name_the_feature_and_the_other_one():
    out = Findings()
    out.name_features("REDLINE", [3, 1, 2], ["C3", "C1", ""])
    out.add("RL_SELF_OVERLAP", "REDLINE", [1, 2], other_layer="REDLINE", other_fid=[3, 9])
    out.add("RL_FIELD_MISSING", "REDLINE", np.nan, detail="BSM")
    t = out.table()
    assert t["feature_code"].tolist() == ["C1", None, None]  # an empty code names nothing
    assert t["other_code"].tolist() == ["C3", None, None]     # fid 9 is not in the layer


def test_reserve_zones_named_and_invalid_zones_located():
    """Zones are named by their reserve's id and their zone name; a bow-tie zone is drawn on its
    crossing; the overlapping zone's finding names both."""
    from ecospace.core.measure import TransverseMercator
    from ecospace.core.reserves import check_reserves

    x, y = 36500000.0, 2540000.0
    m = Measurer(TransverseMercator(108, 1.0, 36500000).to_lonlat)
    reserve = shapely.box(x, y, x + 1000, y + 1000)
    core = shapely.box(x, y, x + 600, y + 1000)
    general = shapely.Polygon([(x + 500, y), (x + 1000, y + 1000), (x + 1000, y), (x + 500, y + 1000)])
    reserves = Layer("RESERVES", [reserve], attrs={"id": ["NR450122001"]})
    zones = Layer("ZONES", [core, general], attrs={"reserve_id": ["NR450122001"] * 2,
                                                  "zone": ["核心保护区", "一般控制区"]})
    t = check_reserves(reserves, zones, measure=m).findings.table(m)
    k = list(t["rule"]).index("RES_GEOM_INVALID")
    assert (t["fid"][k], t["feature_code"][k]) == (2, "NR450122001 一般控制区")
    assert t["geometry"][k].equals_exact(shapely.box(x + 747.5, y + 497.5, x + 752.5, y + 502.5), 1e-6)
    k = list(t["rule"]).index("RES_ZONE_OVERLAP")
    assert (t["feature_code"][k], t["other_code"][k]) == ("NR450122001 核心保护区", "NR450122001 一般控制区")
