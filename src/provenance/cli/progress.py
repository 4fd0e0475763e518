"""Progress on stderr for long work: one component for every command, with the count, the rate and the time left.

tqdm draws every bar: one small dependency, no colour (so NO_COLOR has nothing
to turn off), and it hides itself when stderr is not a terminal, so logs,
pipes and ``--json`` output get no bar. The library never prints: it reports
through a callback, ``progress(done, total)``, or hands over an iterable to
wrap; this module turns either into a bar.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")

#: Below this many steps (about one per YAML file) building the index takes a second or two: no bar.
INDEX_BAR_MIN_STEPS = 250


def progress(items: Iterable[T], *, total: int | None, unit: str, description: str) -> Iterator[T]:
    """``items``, with a bar: the count, the rate and (when ``total`` is known) the time left."""
    with _tqdm()(
        items, total=total, unit=unit, desc=description, file=sys.stderr, disable=None, dynamic_ncols=True
    ) as bar:
        yield from bar


@functools.cache
def _tqdm() -> Any:
    """tqdm's bar without its monitor thread (loaded only by a command that shows progress).

    The monitor only refreshes bars that stall; a process with a second thread
    cannot safely fork, and the index's build forks its workers while its bar is up.
    """
    from tqdm import tqdm

    class QuietBar(tqdm):  # type: ignore[type-arg]
        monitor_interval = 0

    return QuietBar


class Bar:
    """A bar driven by a callback, ``bar(done, total)``: what the library's ``progress=`` arguments call.

    It appears only for work of at least ``minimum`` steps (the index of a small
    ledger builds in a blink), never when ``hidden`` (``--json``), and finishes
    its line when the work is done or the bar is closed.
    """

    def __init__(self, description: str, unit: str, *, minimum: int = 0, hidden: bool = False) -> None:
        self.description, self.unit, self.minimum, self.hidden = description, unit, minimum, hidden
        self._bar: Any = None

    def __call__(self, done: int, total: int | None) -> None:
        if self._bar is None:
            if self.hidden or (total is not None and total < max(self.minimum, 1)):
                return
            self.start(total)
        if total is not None and self._bar.total != total:
            self._bar.total = total
        if done < self._bar.n:  # the work started over (a second pass)
            self._bar.reset(total=total)
        self._bar.update(done - self._bar.n)
        if total is not None and done >= total:
            self.close()

    def start(self, total: int | None) -> None:
        """Show the bar now, for ``total`` steps (None: unknown, so no time left is shown)."""
        disable = True if self.hidden or total == 0 else None
        self._bar = _tqdm()(
            total=total, unit=self.unit, desc=self.description, file=sys.stderr, disable=disable, dynamic_ncols=True
        )

    def advance(self, steps: int = 1, *, note: str | None = None) -> None:
        """Move the bar on by ``steps``, with a note after the count (the articles read so far…)."""
        if self._bar is None:
            return
        if note is not None:
            self._bar.set_postfix_str(note, refresh=False)
        self._bar.update(steps)

    def close(self) -> None:
        """Finish the bar's line (also when the work stopped early)."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def index_progress() -> Bar:
    """The progress callback for building or refreshing the index: a bar only when many files are read."""
    return Bar("Indexing the ledger", "file", minimum=INDEX_BAR_MIN_STEPS)
