"""What a ledger object has read: the index while SQLite can serve it, else the YAML, loaded once.

:class:`LedgerReads` decides, per call, where an answer comes from. The index
is opened (and brought up to date) by the first read; if SQLite cannot be used,
or the YAML turned out to be the only clean answer, the YAML is loaded in full
instead, as before the index existed, and kept. A write made through the
ledger forgets everything, so the next read starts afresh.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, TypeVar

from ..errors import LedgerError
from ..names import SpeakerIndex
from ..records import Claim, Speaker, Venue
from .checks import load_ledger
from .codec import SourceFile
from .edit import Edit
from .layout import Layout

if TYPE_CHECKING:  # the index (and sqlite3) load with the first read, not with the package
    from .index import Progress
    from .queries import IndexedReads

T = TypeVar("T")


class LedgerReads:
    """The read side of one LedgerStore: the index, or the loaded YAML, and the registries it has read."""

    def __init__(self, layout: Layout, progress: Progress | None) -> None:
        self.layout = layout
        self.progress = progress
        self.speakers: dict[str, Speaker] | None = None
        self.venues: dict[str, Venue] | None = None
        self.sources: dict[str, SourceFile] | None = None  # set when the YAML was loaded in full
        self._speaker_index: SpeakerIndex | None = None
        self._index: IndexedReads | None = None
        self._closer: weakref.finalize[[], LedgerReads] | None = None
        self._unusable = False

    def forget(self) -> None:
        """Drop everything read and close the index (after a write, or on request)."""
        self.speakers = self.venues = None
        self.sources = None
        self._speaker_index = None
        self._close()

    def indexed(self) -> IndexedReads | None:
        """The index, up to date with the YAML; None when reads come from the YAML (loaded, or SQLite unusable)."""
        if self.sources is not None or self._unusable:
            return None
        if self._index is None:
            from .index import YamlIsTruth, open_fresh
            from .index_db import IndexUnavailable

            try:
                self._index = open_fresh(self.layout, self.progress)
                # sqlite3 connections sit in a reference cycle (their statement cache): close this one when
                # its ledger goes, not whenever the cyclic collector runs, so the WAL files go with it.
                self._closer = weakref.finalize(self, self._index.con.close)
            except IndexUnavailable:
                self._unusable = True
            except YamlIsTruth as truth:
                self.speakers, self.venues, self.sources = truth.loaded
                self._speaker_index = None
        return self._index

    def read(self, from_index: Callable[[IndexedReads], T], from_yaml: Callable[[], T]) -> T:
        """Answer from the index when it can, else from the YAML (a failing index is given up for this object)."""
        from .index_db import IndexUnavailable

        index = self.indexed()
        if index is not None:
            try:
                return from_index(index)
            except IndexUnavailable as exc:
                self._give_up(damaged=exc.damaged)
        return from_yaml()

    def iter_claims(self) -> Iterator[Claim]:
        """Every claim in ledger order, from the index when it can."""
        from .index_db import IndexUnavailable

        index = self.indexed()
        if index is not None:
            given = 0
            try:
                for claim in index.iter_claims():
                    given += 1
                    yield claim
                return
            except IndexUnavailable as exc:
                self._give_up(damaged=exc.damaged)
                if given:  # too late to start again from the YAML without repeating claims
                    raise LedgerError(f"{exc}; run the command again (the index will be rebuilt)") from exc
        for entry in self.source_map().values():
            yield from entry.claims

    def speaker_map(self) -> dict[str, Speaker]:
        if self.speakers is None:
            self.speakers = self.read(
                lambda index: {s.id: s for s in index.speakers()}, lambda: Edit(self.layout).speakers()
            )
        return self.speakers

    def speaker_index(self) -> SpeakerIndex:
        """The lookup tables that resolve names, built once per object (a command may resolve several)."""
        if self._speaker_index is None:
            self._speaker_index = SpeakerIndex(self.speaker_map().values())
        return self._speaker_index

    def venue_map(self) -> dict[str, Venue]:
        if self.venues is None:
            self.venues = self.read(lambda index: {v.id: v for v in index.venues()}, lambda: Edit(self.layout).venues())
        return self.venues

    def source_map(self) -> dict[str, SourceFile]:
        """Every source file, loaded from the YAML and cross-checked once; the registries come with it."""
        if self.sources is None:
            self.speakers, self.venues, self.sources = load_ledger(self.layout)
            self._speaker_index = None
        return self.sources

    def _close(self) -> None:
        if self._closer is not None:
            self._closer()  # closes the connection once, now
        self._index, self._closer, self._unusable = None, None, False

    def _give_up(self, *, damaged: bool) -> None:
        from .index_db import remove

        self._close()
        self._unusable = True
        if damaged:  # the next open builds a new one
            remove(self.layout.index)
