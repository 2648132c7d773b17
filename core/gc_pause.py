"""Python's cyclic garbage collector paused while a check runs.

The checks allocate millions of small objects (WKB bytes, geometries, values) in few reference
cycles; the collector's passes over them cost ~7 % of redline_check's CPU on the synthetic province
(bench/README.md), and free next to nothing. Reference counting still frees memory as usual. Runs may
overlap (background tasks, a pool's threads): the collector is paused from the first entry to the
last exit, and then left as it was found.
"""
from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from typing import Iterator

_LOCK = threading.Lock()
_STATE = {"depth": 0, "was_enabled": False}


@contextmanager
def paused() -> Iterator[None]:
    with _LOCK:
        if _STATE["depth"] == 0:
            _STATE["was_enabled"] = gc.isenabled()
            gc.disable()
        _STATE["depth"] += 1
    try:
        yield
    finally:
        with _LOCK:
            _STATE["depth"] -= 1
            if _STATE["depth"] == 0 and _STATE["was_enabled"]:
                gc.enable()
