"""The in-memory form of an input layer that core checks work on."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

    from .arrays import Bools, Column, Floats, Texts


class Layer:
    """Geometries (shapely array), feature ids and the attribute columns that were read.

    `attrs` holds only fields that exist in the source; a mapped field missing from the
    source is simply absent, so a check can report it.

    `problems` says, per feature, why its geometry could not be used (e.g. a NaN coordinate) when
    the reader left it out: its geometry is then None, and checks report it as invalid for that
    reason rather than as missing. None where there was no problem.
    """

    def __init__(self, name: str, geoms: ArrayLike, fids: ArrayLike | None = None,
                 attrs: Mapping[str, ArrayLike] | None = None, problems: ArrayLike | None = None) -> None:
        self.name = name
        self.geoms = np.asarray(geoms, dtype=object)
        n = len(self.geoms)
        self.fids = np.arange(1, n + 1, dtype=np.int64) if fids is None else np.asarray(fids, dtype=np.int64)
        self.attrs = {k: np.asarray(v, dtype=object) for k, v in (attrs or {}).items()}
        self.problems = np.full(n, None, dtype=object) if problems is None else np.asarray(problems, dtype=object)

    def dropped(self) -> Bools:
        """True where the reader left the geometry out (see `problems`)."""
        return ~np.equal(self.problems, np.array(None))  # (numpy's stubs take no bare None)

    def __len__(self) -> int:
        return len(self.geoms)

    def column(self, field: str) -> Column | None:
        return self.attrs.get(field)

    def text(self, field: str) -> Texts | None:
        """The field as stripped strings ('' for NULL), or None when the field was not read.

        Cached: several rules compare the same code columns.
        """
        if field not in self.attrs:
            return None
        cache = self.__dict__.setdefault("_text", {})
        if field not in cache:
            cache[field] = as_text(self.attrs[field])
        return cache[field]


def _one_text(v: Any) -> str:
    if v is None or (isinstance(v, float) and v != v):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))  # 450122.0 read from a numeric field is the code 450122
    return str(v).strip()


def as_text(values: Iterable[Any] | None, n: int | None = None) -> Texts:
    """Attribute values as stripped strings, '' for NULL (n blanks when the column is absent)."""
    if values is None:
        return np.full(n or 0, "", dtype=object)
    return np.array([v.strip() if type(v) is str else _one_text(v) for v in values], dtype=object)


def as_numbers(values: Column | Sequence[Any]) -> Floats:
    """Attribute values as floats, NaN where a value is NULL or not a number."""
    out = np.full(len(values), np.nan)
    for k, v in enumerate(values):  # attribute columns, not geometry work
        try:
            out[k] = float(v)
        except (TypeError, ValueError):
            pass
    return out


def code_labels(codes: ArrayLike, names: ArrayLike | None = None) -> Texts:
    """'450123 隆安县' per code and name (text columns), the bare code where there is no name."""
    codes = np.asarray(codes, dtype=object)
    if names is None:
        return codes.copy()
    names = np.asarray(names, dtype=object)
    return np.where((names != "") & (codes != ""), codes + " " + names, codes)
