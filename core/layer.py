"""The in-memory form of an input layer that core checks work on."""
import numpy as np


class Layer:
    """Geometries (shapely array), feature ids and the attribute columns that were read.

    `attrs` holds only fields that exist in the source; a mapped field missing from the
    source is simply absent, so a check can report it.
    """

    def __init__(self, name, geoms, fids=None, attrs=None):
        self.name = name
        self.geoms = np.asarray(geoms, dtype=object)
        n = len(self.geoms)
        self.fids = np.arange(1, n + 1, dtype=np.int64) if fids is None else np.asarray(fids, dtype=np.int64)
        self.attrs = {k: np.asarray(v, dtype=object) for k, v in (attrs or {}).items()}

    def __len__(self):
        return len(self.geoms)

    def column(self, field):
        return self.attrs.get(field)
