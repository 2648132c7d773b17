"""check_units' findings as comparable rows, fast path against exact=True (the unit_check tests)."""
import numpy as np
import shapely

from ecospace.core.unit_check import check_units


def table(result):
    """Findings as sorted rows; areas and values rounded to 1e-6 m² (or %)."""
    t = result.findings.table()
    rows = []
    for k in range(len(t["rule"])):
        num = [None if np.isnan(t[c][k]) else round(float(t[c][k]), 6)
               for c in ("fid", "other_fid", "area_m2", "value", "threshold")]
        geom = t["geometry"][k]
        rows.append((t["rule"][k], str(t["layer"][k]), str(t["other_layer"][k]), *num,
                     str(t["detail"][k]), None if geom is None else round(float(shapely.area(geom)), 6)))
    return sorted(rows, key=repr)


def both(*args, **kw):
    fast = check_units(*args, **kw)
    exact = check_units(*args, exact=True, **kw)
    return table(fast), table(exact)
