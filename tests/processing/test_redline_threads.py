"""ecospace:redline_check with THREADS: the same findings and statistics from 1, 2 and 5 threads
(partitions of the sample, core.partition), written through processing.run."""
import math

import pytest

from ..support import plain, redline_inputs, rows_and_shapes


def run_with(tmp_path, threads):
    import processing

    params = dict(redline_inputs(), THREADS=threads, OUTPUT=str(tmp_path / "findings_{}.gpkg".format(threads)),
                  STATISTICS=str(tmp_path / "statistics_{}.gpkg".format(threads)))
    results = processing.run("ecospace:redline_check", params)
    findings, stats = (rows_and_shapes(results[name]) for name in ("OUTPUT", "STATISTICS"))
    as_python = lambda table: ([{k: plain(v) for k, v in row.items()} for row in table[0]], table[1])  # noqa: E731
    return results, as_python(findings), as_python(stats)


def keyed(table):
    out = {}
    for row, geom in zip(*table):
        key = tuple((k, v) for k, v in sorted(row.items()) if k not in ("area_m2", "length_m", "value",
                                                                        "threshold", "fid"))
        out.setdefault(key, []).append((row.get("area_m2"), None if geom is None else geom.normalize().wkb))
    return {k: sorted(v, key=repr) for k, v in out.items()}


def test_threads_give_the_same_findings(provider, tmp_path):
    one = run_with(tmp_path, 1)
    assert len(one[1][0]) > 20
    for threads in (2, 5):
        other = run_with(tmp_path, threads)
        assert other[0]["ERROR_COUNT"] == one[0]["ERROR_COUNT"]
        assert other[0]["WARNING_COUNT"] == one[0]["WARNING_COUNT"]
        a, b = keyed(one[1]), keyed(other[1])
        assert a.keys() == b.keys()
        for key in a:
            assert [g for _, g in a[key]] == [g for _, g in b[key]], key
            for (x, _), (y, _) in zip(a[key], b[key]):
                assert (x is None and y is None) or math.isclose(x, y, rel_tol=1e-9), key
        for x, y in zip(one[2][0], other[2][0]):
            assert x.keys() == y.keys()
            for k in x:
                if isinstance(x[k], float) and isinstance(y[k], float):
                    assert x[k] == pytest.approx(y[k], rel=1e-9, nan_ok=True), k
                else:
                    assert x[k] == y[k], k
        assert len(one[2][0]) == len(other[2][0])
