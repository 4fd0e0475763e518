"""One writer's turn at the ledger: read fresh inside the lock, refuse broken files, replace atomically.

Every change to a ledger goes through an :class:`Edit`, whoever makes it (``add``,
extraction ingest, ``verify --fix``, ``variants --write``). Inside the lock each
file about to change is read again from disk, so another writer's change made in
the meantime is kept; a file that does not load cleanly stops the edit before
anything is written; each write replaces one whole file atomically.
Each file written is remembered with its records and its stat, so that the
store can bring its index up to date inside the same lock (see ``index.py``),
and, before it is first replaced or deleted, copied into the journal, so that
the change can be undone byte for byte (see ``journal.py``).
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import LedgerLoadError, NotFoundError, Problem, UnreadableFileError, WriteError
from ..records import Speaker, Venue
from ..safefile import MAX_TEXT, read_text
from .atomic import atomic_write, fsync_dir
from .codec import (
    SourceFile,
    dump_registry,
    dump_source,
    index_unique,
    parse_registry_text,
    parse_source_file,
    parse_source_text,
    read_registry,
)
from .freshness import FileState, digest
from .journal import Recorder
from .layout import SOURCES_DIR, SPEAKERS_FILE, VENUES_FILE, Layout, display_path


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

    def __init__(self, layout: Layout, journal: Recorder | None = None) -> None:
        self.layout = layout
        self.journal = journal
        self._speakers: dict[str, Speaker] | None = None
        self._venues: dict[str, Venue] | None = None
        #: The ledger files this edit replaced, by path (the last write of each); text snapshots are not listed.
        self.written: dict[Path, Written] = {}
        #: The ledger files this edit deleted (their rows leave the index).
        self.removed: set[Path] = set()
        #: What the journal says this edit did: the command, a line about what changed, and why.
        self.action, self.summary = "edit", ""
        self.reason: str | None = None

    def describe(self, action: str, summary: str = "", reason: str | None = None) -> None:
        """Say what this edit does, for ``provenance log`` (the command, what it changed, why)."""
        self.action, self.summary, self.reason = action, summary, reason

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
        return _exists(self.layout.source(source_id))

    def source(self, source_id: str) -> SourceFile:
        """One source file as on disk now; a missing or malformed file is an error."""
        path = self.layout.source(source_id)
        if not _exists(path):
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

    def _write(
        self, path: Path, data: bytes | str, records: SourceFile | tuple[Speaker, ...] | tuple[Venue, ...] | None
    ) -> None:
        data = data.encode("utf-8") if isinstance(data, str) else data
        if self.journal is not None:
            self.journal.before(path)
        checked_ns = time.time_ns()
        stat: os.stat_result = atomic_write(path, data)
        self.removed.discard(path)
        if records is not None:
            self.written[path] = Written(path, records, FileState.of(stat), checked_ns, digest(data))
        else:  # a file the index does not hold, or one that does not parse: its new stat tells the next reader
            self.written.pop(path, None)
        if self.journal is not None:
            self.journal.after(path, data)

    def save_text(self, source_id: str, text: str) -> None:
        """Write a source's text snapshot (``texts/<id>.txt``)."""
        self.write_file(self.layout.text(source_id), text)

    def write_file(self, path: Path, text: str) -> None:
        """Write a file of the ledger the index does not hold (a text, a kept earlier text), atomically."""
        self._write(path, text, None)

    def delete(self, path: Path) -> None:
        """Delete a file of the ledger (a removed source, its texts); a file already gone is no error."""
        if not path.exists() and not path.is_symlink():
            return
        if self.journal is not None:
            self.journal.before(path)
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise WriteError(f"cannot delete {display_path(path)}: {exc.strerror}") from exc
        fsync_dir(path.parent)
        self.written.pop(path, None)
        self.removed.add(path)
        if self.journal is not None:
            self.journal.after(path, None)

    def restore(self, path: Path, data: bytes | None) -> None:
        """Put ``path`` back to exactly ``data`` (None: delete it), as undo does; the index follows."""
        if data is None:
            self.delete(path)
            return
        records: SourceFile | tuple[Speaker, ...] | tuple[Venue, ...] | None = None
        with contextlib.suppress(UnicodeDecodeError):
            records = self._parsed(path, data.decode("utf-8"))
        self._write(path, data, records)

    def _parsed(self, path: Path, text: str) -> SourceFile | tuple[Speaker, ...] | tuple[Venue, ...] | None:
        """The records of a ledger file's text, or None for a file the index does not hold or that does not parse."""
        problems: list[Problem] = []
        relative = path.relative_to(self.layout.root).as_posix()
        if relative == SPEAKERS_FILE:
            speakers = tuple(item for _, item in parse_registry_text(path, text, "speakers", Speaker, problems))
            self._speakers = None
            return None if problems else speakers
        if relative == VENUES_FILE:
            venues = tuple(item for _, item in parse_registry_text(path, text, "venues", Venue, problems))
            self._venues = None
            return None if problems else venues
        if relative.startswith(f"{SOURCES_DIR}/") and relative.endswith(".yaml"):
            entry = parse_source_text(path, text, problems)
            return None if problems or entry is None else SourceFile(entry.source, entry.claims, path)
        return None


def _exists(path: Path) -> bool:
    """Whether ``path`` exists; a directory the system will not let us look into is an error, not "no"."""
    try:
        return path.exists()
    except OSError as exc:
        shown = display_path(path.parent)
        raise UnreadableFileError(shown, f"cannot be looked into ({exc.strerror or exc})") from exc
