"""One writer's turn at the ledger: read fresh inside the lock, refuse broken files, replace atomically.

Every change to a ledger goes through an :class:`Edit`, whoever makes it (``add``,
extraction ingest, ``verify --fix``, ``variants --write``). Inside the lock each
file about to change is read again from disk, so another writer's change made in
the meantime is kept; a file that does not load cleanly stops the edit before
anything is written; each write replaces one whole file atomically.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..errors import LedgerLoadError, NotFoundError, Problem, UnreadableFileError
from ..records import Speaker, Venue
from ..safefile import MAX_TEXT, read_text
from .atomic import atomic_write
from .codec import SourceFile, dump_registry, dump_source, index_unique, parse_source_file, read_registry
from .layout import Layout, display_path


class Edit:
    """Reads and writes of one locked edit; registries are read at most once per edit."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self._speakers: dict[str, Speaker] | None = None
        self._venues: dict[str, Venue] | None = None

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
        atomic_write(self.layout.source(entry.source.id), dump_source(entry))

    def save_speakers(self, speakers: Mapping[str, Speaker]) -> None:
        self._speakers = dict(speakers)
        atomic_write(self.layout.speakers, dump_registry("speakers", speakers.values()))

    def save_venues(self, venues: Mapping[str, Venue]) -> None:
        self._venues = dict(venues)
        atomic_write(self.layout.venues, dump_registry("venues", venues.values()))

    def save_text(self, source_id: str, text: str) -> None:
        atomic_write(self.layout.text(source_id), text)
