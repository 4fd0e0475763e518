"""Which YAML files changed since the index recorded them, without trusting the index blindly.

Each file the index holds is recorded with its size, its modification time in
nanoseconds and its inode, the moment it was recorded, and a digest of its
bytes. On open, a file is re-read when any of the three differ (an edit, a
``git checkout`` or ``git pull``, which replaces files, an ``add`` whose index
update never happened), when it is new, or when it is gone. The one change a
stat cannot see is a second write within the file system's timestamp
granularity that keeps the size: git calls such a file *racy*. A file whose
recorded modification time is within :data:`RACY_WINDOW_NS` of the moment it
was recorded (or later) is therefore hashed again on every open until that
window has passed, and re-read if its digest differs.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .layout import SOURCES_DIR, SPEAKERS_FILE, VENUES_FILE, Layout

#: A file modified less than this long before it was recorded may have changed since within one timestamp
#: tick; two seconds covers file systems that keep whole seconds (ext3, HFS+) or even two (FAT).
RACY_WINDOW_NS = 2_000_000_000


@dataclass(frozen=True)
class FileState:
    """What a stat says about a file: enough to notice that it was edited or replaced."""

    size: int
    mtime_ns: int
    inode: int

    @classmethod
    def of(cls, stat: os.stat_result) -> FileState:
        return cls(stat.st_size, stat.st_mtime_ns, stat.st_ino)


@dataclass(frozen=True)
class Recorded:
    """A file as the index last recorded it."""

    state: FileState
    checked_ns: int  # wall-clock time just before the file was stat'ed and read
    digest: str

    @property
    def racy(self) -> bool:
        """True when a change within the same timestamp tick could have kept the same stat."""
        return self.state.mtime_ns + RACY_WINDOW_NS > self.checked_ns


@dataclass
class Changes:
    """What an open must do: files to parse, files to hash, records to drop."""

    changed: dict[str, Path] = field(default_factory=dict)  # new, edited or replaced (or unreadable)
    racy: dict[str, Path] = field(default_factory=dict)  # same stat, recorded too soon to be sure
    removed: list[str] = field(default_factory=list)  # recorded, no longer on disk

    def __bool__(self) -> bool:
        return bool(self.changed or self.racy or self.removed)


def digest(data: bytes) -> str:
    """The digest recorded for a file's bytes."""
    return hashlib.sha256(data).hexdigest()


def ledger_files(layout: Layout) -> dict[str, Path]:
    """Every file the index is built from, by its name relative to the ledger: the registries, then the sources.

    A missing or unreadable ``sources/`` is a LedgerLoadError, as for a full load.
    """
    files = {SPEAKERS_FILE: layout.speakers, VENUES_FILE: layout.venues}
    try:
        with os.scandir(layout.sources_dir) as entries:
            names = [entry.name for entry in entries if entry.name.endswith(".yaml") and not entry.name.startswith(".")]
    except OSError:
        layout.source_files()  # raises the error a full load reports
        raise
    directory = layout.sources_dir
    files.update((f"{SOURCES_DIR}/{name}", directory / name) for name in sorted(names))
    return files


def state_of(path: Path) -> FileState | None:
    """The file's state now, or None when it cannot be stat'ed (gone, a dangling link)."""
    try:
        return FileState.of(os.stat(path))
    except OSError:
        return None


def compare(layout: Layout, recorded: Mapping[str, Recorded]) -> Changes:
    """Sort the ledger's files into changed, racy and removed against what the index recorded."""
    changes = Changes()
    on_disk = ledger_files(layout)
    for name, path in on_disk.items():
        known = recorded.get(name)
        now = state_of(path)
        if known is None or now is None or now != known.state:
            changes.changed[name] = path
        elif known.racy:
            changes.racy[name] = path
    changes.removed = sorted(set(recorded) - set(on_disk))
    return changes
