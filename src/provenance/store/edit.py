"""One writer's turn at the ledger: read fresh inside the lock, refuse broken files, replace atomically.

Every change to a ledger goes through an :class:`Edit`, whoever makes it (``add``,
extraction ingest, ``verify --fix``, ``variants --write``). Inside the lock each
file about to change is read again from disk, so another writer's change made in
the meantime is kept; a file that does not load cleanly stops the edit before
anything is written; each write replaces one whole file atomically.
Each file written is remembered with its records and its stat, so that the
store can bring its index up to date inside the same lock (see ``index.py``).
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import LedgerLoadError, NotFoundError, Problem, UnreadableFileError
from ..records import Speaker, Venue
from ..safefile import MAX_TEXT, read_text
from .atomic import atomic_write
from .codec import SourceFile, dump_registry, dump_source, index_unique, parse_source_file, read_registry
from .freshness import FileState, digest
from .layout import Layout, display_path


@dataclass(frozen=True)
class Written:
    """One ledger file an edit replaced: its records as written, and the stat and digest of those bytes."""

    path: Path
    records: SourceFile | tuple[Speaker, ...] | tuple[Venue, ...]
    state: FileState
    checked_ns: int  # taken before the write, so the file's mtime is never earlier
    digest: str


class Edit:
    """Reads and writes of one locked edit; registries are read at most once per edit."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self._speakers: dict[str, Speaker] | None = None
        self._venues: dict[str, Venue] | None = None
        #: The ledger files this edit replaced, by path (the last write of each); text snapshots are not listed.
        self.written: dict[Path, Written] = {}

    # ----------------------------------------------------------------- reading (strict)

    def speakers(self) -> dict[str, Speaker]:
        """The speaker registry by id, as on disk now."""
        if self._speakers is None:
            problems: list[Problem] = []
            items = read_registry(self.layout.speakers, "speakers", Speaker, problems)
            self._speakers = index_unique(items, self.layout.speakers, "speakers", problems)
        return self._speakers

    def venues(self) -> dict[str, Venue]:
        """The venue registry by id, as on disk now."""
        if self._venues is None:
            problems: list[Problem] = []
            items = read_registry(self.layout.venues, "venues", Venue, problems)
            self._venues = index_unique(items, self.layout.venues, "venues", problems)
        return self._venues

    def has_source(self, source_id: str) -> bool:
        """True when ``sources/<source_id>.yaml`` exists."""
        return self.layout.source(source_id).exists()

    def source(self, source_id: str) -> SourceFile:
        """One source file as on disk now; a missing or malformed file is an error."""
        path = self.layout.source(source_id)
        if not path.exists():
            raise NotFoundError(f"no source {source_id!r}; see 'provenance sources list'")
        problems: list[Problem] = []
        entry = parse_source_file(path, problems)
        if problems or entry is None:
            raise LedgerLoadError(problems)
        return entry

    def text(self, source_id: str) -> str | None:
        """The source's text snapshot, byte-exact, or None when it has none."""
        path = self.layout.text(source_id)
        if not path.is_symlink() and not path.exists():
            return None
        try:
            return read_text(path, limit=MAX_TEXT)  # byte for byte: "\r\n" stays, as it was hashed
        except UnreadableFileError as exc:
            reason = f"{exc.reason}; restore the text snapshot from git, or remove the file and its text_sha256"
            raise LedgerLoadError([Problem(display_path(path), exc.line, reason)]) from exc

    # ----------------------------------------------------------------- writing (atomic, one file each)

    def save_source(self, entry: SourceFile) -> None:
        path = self.layout.source(entry.source.id)
        self._write(path, dump_source(entry), SourceFile(entry.source, list(entry.claims), path))

    def save_speakers(self, speakers: Mapping[str, Speaker]) -> None:
        self._speakers = dict(speakers)
        self._write(self.layout.speakers, dump_registry("speakers", speakers.values()), tuple(speakers.values()))

    def save_venues(self, venues: Mapping[str, Venue]) -> None:
        self._venues = dict(venues)
        self._write(self.layout.venues, dump_registry("venues", venues.values()), tuple(venues.values()))

    def _write(self, path: Path, text: str, records: SourceFile | tuple[Speaker, ...] | tuple[Venue, ...]) -> None:
        data = text.encode("utf-8")
        checked_ns = time.time_ns()
        stat: os.stat_result = atomic_write(path, data)
        self.written[path] = Written(path, records, FileState.of(stat), checked_ns, digest(data))

    def save_text(self, source_id: str, text: str) -> None:
        atomic_write(self.layout.text(source_id), text)
