"""Names for the arrays core/ passes around, for type annotations only.

Modules import them under `if TYPE_CHECKING:` (with `from __future__ import annotations`), so this
module never runs inside QGIS: numpy.typing.NDArray needs numpy >= 1.21, which an old QGIS may lack.
Checked by mypy (tools/lint.sh).
"""
from typing import Any, Callable, Mapping

import numpy as np
import numpy.typing as npt

Geoms = npt.NDArray[np.object_]           # shapely geometries, None where a feature has none
Column = npt.NDArray[Any]                 # an attribute column as read (object: text, numbers, None)
Texts = npt.NDArray[Any]                  # stripped strings ('' for NULL): layer.as_text
Ints = npt.NDArray[np.integer[Any]]       # positions into another array, ids, codes, classes
Floats = npt.NDArray[np.floating[Any]]    # measures (m², m, %) and raster values
Bools = npt.NDArray[np.bool_]             # masks
Array = npt.NDArray[Any]                  # anything else
Geometry = Any                            # one shapely geometry (shapely 2 ships no type information)

Extra = Mapping[str, Any]                 # user additions to a value mapping {raw value: target}
OnProgress = Callable[[float, str], None]  # percent done, label
IsCanceled = Callable[[], bool]
