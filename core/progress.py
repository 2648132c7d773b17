"""Progress and cancellation for long core runs, without depending on QGIS."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .arrays import IsCanceled, OnProgress


class Cancelled(Exception):
    """Raised inside core when the user cancels; callers turn it into a clean stop."""


class Progress:
    """Reports `step(label)` calls as a fraction of `steps`, and raises Cancelled when asked to stop."""

    def __init__(self, steps: int = 1, on_progress: OnProgress | None = None,
                 is_canceled: IsCanceled | None = None) -> None:
        self.steps = max(1, steps)
        self.done = 0
        self._on_progress = on_progress
        self._is_canceled = is_canceled

    def check(self) -> None:
        if self._is_canceled is not None and self._is_canceled():
            raise Cancelled()

    def step(self, label: str = "") -> None:
        self.check()
        if self._on_progress is not None:
            self._on_progress(min(100.0, 100.0 * self.done / self.steps), label)
        self.done += 1


NO_PROGRESS = Progress()
