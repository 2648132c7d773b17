"""Progress and cancellation for long core runs, without depending on QGIS."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, TypeVar

if TYPE_CHECKING:
    from .arrays import IsCanceled, OnProgress

T = TypeVar("T")


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


def stepped(results: Iterable[T], progress: Progress, label: str, total: int = 0) -> list[T]:
    """The results of a pool's map in order, one progress step as each arrives, on the calling
    thread: QGIS's feedback (a model step's above all) must not be moved from a pool thread.
    `label` may name the result's number {n} and the `total`."""
    out: list[T] = []
    for result in results:
        out.append(result)
        progress.step(label.format(n=len(out), total=total))
    return out
