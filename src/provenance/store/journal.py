"""The journal: every change to a ledger, with the files as they were before it, so it can be undone byte for byte.

Each :class:`~provenance.store.edit.Edit` that writes keeps, just before it
first replaces or deletes a file, a copy of that file's bytes (its
*before-image*) in ``claims/.journal/<number>/before/``; when the edit ends it
writes ``change.json`` beside them: what was done, by whom, when, why, and the
sha256 of each file before and after. ``provenance undo`` puts the
before-images back (see :mod:`.undo`), refusing a file that has changed since.

The journal is a working copy's undo list, not part of the record: the
directory carries its own ``.gitignore`` so git never sees it, and only the
last :data:`KEEP` changes are kept. The record of who corrected what is in
each record's ``history``; the journal is what makes a mistake cheap to undo.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..errors import UnreadableFileError, WriteError
from ..safefile import MAX_LEDGER_FILE, MAX_TEXT, read_bytes
from .atomic import atomic_write
from .layout import Layout

JOURNAL_DIR = ".journal"
ENTRY_FILE = "change.json"
LAST_FILE = "last"  # the last number given, so an undone change's number is never given again
BEFORE_DIR = "before"
#: How many changes are kept for undo; older ones are pruned as new ones are written.
KEEP = 200
#: The largest file a before-image is kept of (the larger of a ledger file's and a text's limits).
_MAX_KEPT = max(MAX_LEDGER_FILE, MAX_TEXT)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class FileChange:
    """One file a change touched: its path in the ledger and the sha256 of its bytes before and after."""

    path: str  # relative to the ledger, with '/': sources/minsk-march.yaml
    before: str | None  # None: the change created it
    after: str | None  # None: the change deleted it


@dataclass(frozen=True)
class JournalEntry:
    """One change to the ledger as the journal keeps it: what, who, when, why, and the files it touched."""

    number: int
    at: dt.datetime
    by: str
    action: str  # the command that made it: "claims edit", "add", "speakers merge"…
    summary: str  # what it changed, in a line: "c-3e9c1a6cc95c: text, speaker"
    reason: str | None
    files: tuple[FileChange, ...]

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["at"] = self.at.isoformat(timespec="seconds")
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> JournalEntry:
        return cls(
            number=int(data["number"]),
            at=dt.datetime.fromisoformat(str(data["at"])),
            by=str(data["by"]),
            action=str(data["action"]),
            summary=str(data.get("summary") or ""),
            reason=data.get("reason"),
            files=tuple(FileChange(str(f["path"]), f.get("before"), f.get("after")) for f in data["files"]),
        )


def journal_dir(layout: Layout) -> Path:
    return layout.root / JOURNAL_DIR


def entry_dir(layout: Layout, number: int) -> Path:
    return journal_dir(layout) / f"{number:06d}"


def before_image(layout: Layout, number: int, path: str) -> Path:
    """Where the journal keeps the bytes ``path`` (relative to the ledger) had before change ``number``."""
    return entry_dir(layout, number) / BEFORE_DIR / path


def _numbers(layout: Layout) -> list[int]:
    """The numbers of every entry directory, complete or not, in order."""
    try:
        with os.scandir(journal_dir(layout)) as found:
            return sorted(int(e.name) for e in found if e.is_dir() and e.name.isdigit())
    except FileNotFoundError:
        return []


def entries(layout: Layout) -> list[JournalEntry]:
    """Every complete change the journal holds, oldest first (a change interrupted before its end is left out)."""
    found = []
    for number in _numbers(layout):
        path = entry_dir(layout, number) / ENTRY_FILE
        with contextlib.suppress(FileNotFoundError, UnreadableFileError, ValueError, KeyError, TypeError):
            found.append(JournalEntry.from_dict(json.loads(read_bytes(path, limit=MAX_LEDGER_FILE))))
    return found


def forget(layout: Layout, number: int) -> None:
    """Drop one change from the journal."""
    shutil.rmtree(entry_dir(layout, number), ignore_errors=True)


def undone(layout: Layout, number: int) -> None:
    """Drop a change that was undone, remembering its number so that no later change is given it."""
    if number > _noted(layout):
        atomic_write(journal_dir(layout) / LAST_FILE, f"{number}\n")
    forget(layout, number)


def _noted(layout: Layout) -> int:
    """The highest number of an undone change, as noted when it was undone (0: none)."""
    with contextlib.suppress(FileNotFoundError, UnreadableFileError, ValueError):
        return int(read_bytes(journal_dir(layout) / LAST_FILE, limit=64))
    return 0


def _last_given(layout: Layout) -> int:
    """The highest number given to a change so far (0 for a new journal)."""
    numbers = _numbers(layout)
    return max(numbers[-1] if numbers else 0, _noted(layout))


class Recorder:
    """The journal entry of one edit under way: before-images kept as the edit touches each file.

    Used inside the ledger's lock only, so numbering needs no more care than
    taking the next number after the last directory.
    """

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.number: int | None = None
        self._before: dict[str, str | None] = {}  # path -> sha256 of its bytes before the edit (None: absent)
        self._after: dict[str, str | None] = {}  # path -> sha256 after (None: deleted); unset: never written

    def _name(self, path: Path) -> str:
        return path.relative_to(self.layout.root).as_posix()

    def before(self, path: Path) -> None:
        """Keep ``path``'s bytes as they are now, unless this edit already kept them (the first state counts)."""
        name = self._name(path)
        if name in self._before:
            return
        if self.number is None:
            self.number = self._allocate()
        try:
            data: bytes | None = read_bytes(path, limit=_MAX_KEPT)
        except UnreadableFileError:
            if path.exists() or path.is_symlink():
                raise
            data = None
        if data is not None:
            _write_plain(before_image(self.layout, self.number, name), data)
        self._before[name] = sha256_bytes(data) if data is not None else None

    def after(self, path: Path, data: bytes | None) -> None:
        """Note what ``path`` holds now that it is written (None: it was deleted)."""
        self._after[self._name(path)] = sha256_bytes(data) if data is not None else None

    def commit(self, *, action: str, summary: str, reason: str | None, by: str) -> JournalEntry | None:
        """Write the entry, once the edit is over; None when nothing changed (every file as it was)."""
        if self.number is None:
            return None
        files = tuple(  # a write that failed, or that wrote the same bytes, changed nothing
            FileChange(name, before, self._after[name])
            for name, before in self._before.items()
            if name in self._after and self._after[name] != before
        )
        if not files:
            forget(self.layout, self.number)
            return None
        entry = JournalEntry(
            number=self.number,
            at=dt.datetime.now(dt.UTC).replace(microsecond=0),
            by=by,
            action=action,
            summary=summary,
            reason=reason,
            files=files,
        )
        atomic_write(entry_dir(self.layout, self.number) / ENTRY_FILE, json.dumps(entry.as_dict(), indent=1) + "\n")
        self._prune(self.number)
        return entry

    def _allocate(self) -> int:
        root = journal_dir(self.layout)
        if not root.exists():
            root.mkdir(parents=True, exist_ok=True)
            atomic_write(root / ".gitignore", "*\n")  # an undo list for this working copy, never committed
        number = _last_given(self.layout) + 1
        entry_dir(self.layout, number).mkdir()
        return number

    def _prune(self, newest: int) -> None:
        for number in _numbers(self.layout):
            if number <= newest - KEEP:
                forget(self.layout, number)


def _write_plain(path: Path, data: bytes) -> None:
    """A before-image: written once to a new file; the ledger's own file is still untouched if this fails."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "xb") as handle:
            handle.write(data)
    except OSError as exc:
        raise WriteError(f"cannot keep a copy of {path.name} for undo ({exc.strerror}); nothing was changed") from exc
