"""ecospace:redline_check reading GeoPackage tables partition by partition (processing/partition_read)
gives what reading the layers into memory gives: the same findings (rule, layer, fids, area, shape),
statistics and counts, on the sample and on layers whose features straddle the partitions' edges;
what cannot be read that way (a feature limit, a memory layer) is read into memory."""
import math

import numpy as np
import pytest
import shapely
from osgeo import gdal, ogr, osr
from qgis.core import QgsFeatureRequest, QgsProcessingFeatureSourceDefinition, QgsVectorLayer

from ..support import Feedback, plain, redline_inputs, rows_and_shapes, uri

FILES = "each part of the area reads only its own features"


def run(tmp_path, params, tag, threads=2):
    import processing

    feedback = Feedback()
    params = dict(params, THREADS=threads, OUTPUT=str(tmp_path / "findings_{}.gpkg".format(tag)),
                  STATISTICS=str(tmp_path / "statistics_{}.gpkg".format(tag)))
    results = processing.run("ecospace:redline_check", params, feedback=feedback)
    findings, stats = (rows_and_shapes(results[name]) for name in ("OUTPUT", "STATISTICS"))
    return results, findings, stats, feedback.text()


def in_memory(params):
    """The same layers, read into memory: a feature limit no layer reaches."""
    def limited(value):
        return QgsProcessingFeatureSourceDefinition(value, False, 10 ** 9)
    out = {k: limited(v) if k in ("REDLINE", "FARMLAND", "URBAN_BOUNDARY", "PROTECTED_AREAS", "COUNTIES")
           else v for k, v in params.items()}
    if "CONFLICT_LAYERS" in params:  # a list of layers: memory copies
        out["CONFLICT_LAYERS"] = [memory_copy(v) for v in params["CONFLICT_LAYERS"]]
    return out


def memory_copy(value):
    layer = QgsVectorLayer(value, value.split("layername=")[-1], "ogr")
    copy = layer.materialize(QgsFeatureRequest())
    copy.setName(layer.name())  # the conflict layer's name in the findings
    return copy


def keyed(findings):
    out = {}
    for row, geom in zip(*findings):
        row = {k: plain(v) for k, v in row.items()}
        key = tuple((k, v) for k, v in sorted(row.items())
                    if k not in ("area_m2", "length_m", "value", "threshold", "fid"))
        out.setdefault(key, []).append((row.get("area_m2"), None if geom is None else shapely.normalize(geom).wkb))
    return {k: sorted(v, key=repr) for k, v in out.items()}


def assert_same(a, b):
    assert a[0]["ERROR_COUNT"] == b[0]["ERROR_COUNT"] and a[0]["WARNING_COUNT"] == b[0]["WARNING_COUNT"]
    x, y = keyed(a[1]), keyed(b[1])
    assert x.keys() == y.keys()
    for key in x:
        assert [g for _, g in x[key]] == [g for _, g in y[key]], key
        for (p, _), (q, _) in zip(x[key], y[key]):
            assert (p is None and q is None) or math.isclose(p, q, rel_tol=1e-9), key
    stats_a, stats_b = a[2][0], b[2][0]
    assert len(stats_a) == len(stats_b)
    for r, s in zip(stats_a, stats_b):
        for k in r:
            if isinstance(plain(r[k]), float):
                assert plain(r[k]) == pytest.approx(plain(s[k]), rel=1e-9, nan_ok=True), k
            else:
                assert plain(r[k]) == plain(s[k]), k


@pytest.mark.parametrize("threads", [1, 2])
def test_sample_from_files_equals_in_memory(provider, tmp_path, threads):
    files = run(tmp_path, redline_inputs(), "files", threads)
    memory = run(tmp_path, in_memory(redline_inputs()), "memory", threads)
    assert FILES in files[3] and FILES not in memory[3]
    assert len(files[1][0]) > 20
    assert_same(files, memory)
    # the warnings of the reading: the same features left out, in the same words
    warned = lambda log: sorted(line for line in log.splitlines() if "cannot be used" in line  # noqa: E731
                                or "have no geometry" in line)
    assert warned(files[3]) == warned(memory[3])


# --- a partition-edge case, written as GeoPackage files ------------------------------------------

X, Y = 36500000.0, 2540000.0


def box(x0, y0, x1, y1):
    return shapely.box(X + x0, Y + y0, X + x1, Y + y1)


def write(path, name, geoms, fields=None):
    """A GeoPackage table with a spatial index (EPSG:4524, multi-polygons)."""
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path)) if not path.exists() else \
        ogr.Open(str(path), 1)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4524)
    lyr = ds.CreateLayer(name, srs, ogr.wkbMultiPolygon, ["SPATIAL_INDEX=YES"])
    for field in fields or {}:
        lyr.CreateField(ogr.FieldDefn(field, ogr.OFTString))
    for k, geom in enumerate(geoms):
        feature = ogr.Feature(lyr.GetLayerDefn())
        if geom is not None:
            feature.SetGeometry(ogr.CreateGeometryFromWkb(shapely.to_wkb(shapely.multipolygons([geom]))))
        for field, values in (fields or {}).items():
            feature.SetField(field, values[k])
        lyr.CreateFeature(feature)
    ds = None
    return uri(path, name)


@pytest.fixture
def edges(tmp_path):
    """Pairs across the edges of the county groups, a patch over four counties with an island in
    its hole, a patch and a farmland field outside every county, a county without features."""
    gdal.UseExceptions()
    path = tmp_path / "edges.gpkg"
    big = shapely.difference(box(400, 400, 600, 600), box(540, 540, 550, 550))
    rl = [big, box(540, 540, 545, 550), box(450, 100, 520, 200), box(490, 150, 560, 250),
          box(480, 700, 530, 760), box(480, 700, 530, 760), box(1100, 100, 1150, 150), None,
          box(20, 20, 60, 60)]
    codes = ["P{}".format(k) for k in range(len(rl))]
    counties = [box(0, 0, 500, 500), box(500, 0, 1000, 500), box(0, 500, 500, 1000),
                box(500, 500, 1000, 1000), box(2000, 2000, 2100, 2100)]
    return {"REDLINE": write(path, "redline", rl, {"BSM": codes, "XZQDM": ["450101"] * len(rl),
                                                   "MJ": ["1"] * len(rl)}),
            "FARMLAND": write(path, "farmland", [box(500, 100, 530, 130), box(590, 590, 640, 640),
                                                 box(1120, 120, 1200, 200)]),
            "PROTECTED_AREAS": write(path, "protected", [box(380, 380, 620, 620)]),
            "COUNTIES": write(path, "counties", counties,
                              {"XZQDM": ["450101", "450102", "450103", "450104", "450105"],
                               "XZQMC": ["A", "B", "C", "D", "E"]}),
            "COUNTY_CODE_FIELD": "XZQDM", "COUNTY_NAME_FIELD": "XZQMC"}


@pytest.mark.parametrize("threads", [1, 3])
def test_edges_from_files_equal_in_memory(provider, tmp_path, edges, threads):
    files = run(tmp_path, edges, "files", threads)
    memory = run(tmp_path, in_memory(edges), "memory", 1)
    assert FILES in files[3]
    rules = {plain(r["rule"]) for r in files[1][0]}
    assert {"RL_SELF_OVERLAP", "RL_DUPLICATE", "RL_HOLE", "RL_OVERLAP_PBF", "RL_PA_OUTSIDE",
            "RL_CROSS_COUNTY", "RL_GEOM_NULL"} <= rules
    outside = [r for r in files[1][0] if plain(r["rule"]) == "RL_OVERLAP_PBF" and r["feature_fid"] == 7]
    assert len(outside) == 1  # the pair outside every county, found once
    assert_same(files, memory)
    assert np.isclose(sum(plain(r["area_m2"]) for r in outside), memory_area(memory, 7), rtol=1e-9)


def memory_area(result, fid):
    return sum(plain(r["area_m2"]) for r in result[1][0]
               if plain(r["rule"]) == "RL_OVERLAP_PBF" and r["feature_fid"] == fid)

