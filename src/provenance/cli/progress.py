"""Progress on stderr for long library work: the library reports through a callback, the CLI draws it."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar  # what click.progressbar returns

#: Below this many steps (about one per YAML file) building the index takes a second or two: no bar.
INDEX_BAR_MIN_STEPS = 250


class _Bar:
    """A click progress bar that appears only for work of at least ``minimum`` steps."""

    def __init__(self, label: str, minimum: int) -> None:
        self.label, self.minimum = label, minimum
        self._bar: ProgressBar[int] | None = None
        self._shown = 0

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            if done > 0 or total < self.minimum:
                return
            self._bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self._bar.__enter__()
            self._shown = 0
        self._bar.update(done - self._shown)
        self._shown = done
        if done >= total:
            self.close()

    def close(self) -> None:
        """Finish the bar's line (also when the work stopped early)."""
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


def index_progress() -> Callable[[int, int], None]:
    """The progress callback for building or refreshing the index: a bar only when many files are read."""
    return _Bar("Indexing the ledger", INDEX_BAR_MIN_STEPS)
