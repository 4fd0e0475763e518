"""Undoing changes: the journal's before-images put back byte for byte, refusing files changed since.

Undoing change N puts every file it touched back to the bytes it had before
(a file it created is deleted), so ``git diff`` of the ledger after a change
and its undo is empty. Before anything is written, every file is checked: it
must hold what the change left (or, for an undo interrupted half way, what it
had before). A file edited since (by hand, by ``git checkout``, by a change the
journal no longer holds) is refused with the reason, and nothing is written.
The undo itself is not journaled: undoing again goes further back.
"""

from __future__ import annotations

import hashlib
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from ..errors import LedgerError, NotFoundError, UnreadableFileError
from ..safefile import MAX_LEDGER_FILE, MAX_TEXT, read_bytes
from .journal import JournalEntry, before_image, entries, undone
from .layout import Layout

if TYPE_CHECKING:
    from .ledger_store import LedgerStore

_LIMIT = max(MAX_LEDGER_FILE, MAX_TEXT)


def changes(store: LedgerStore, limit: int | None = None) -> list[JournalEntry]:
    """The changes the journal can undo, newest first (at most ``limit``)."""
    found = entries(store.layout)[::-1]
    return found if limit is None else found[:limit]


def undo(store: LedgerStore, *, to: int | None = None) -> list[JournalEntry]:
    """Undo the last change, or (``to``) change ``to`` and every change after it; the changes undone, newest first."""
    with store.edit(journal=False) as edit:
        found = entries(store.layout)
        if not found:
            raise LedgerError(
                "nothing to undo: the journal holds no change (it keeps the changes made in this working copy; "
                "for older ones, use git)"
            )
        if to is None:
            chosen = [found[-1]]
        elif to not in {entry.number for entry in found}:
            kept = f"{found[0].number}-{found[-1].number}"
            raise NotFoundError(f"no change {to} in the journal (it holds {kept}); 'provenance log' lists them")
        else:
            chosen = [entry for entry in found if entry.number >= to]
        chosen.reverse()
        images = _checked(store.layout, chosen)
        for entry in chosen:
            for change in entry.files:
                edit.restore(store.layout.root / change.path, images[entry.number, change.path])
            undone(store.layout, entry.number)
    return chosen


def _checked(layout: Layout, chosen: list[JournalEntry]) -> dict[tuple[int, str], bytes | None]:
    """Every before-image the undo needs, once each file is known to hold what the changes left.

    ``chosen`` is newest first; a file touched by several changes must hold
    what the newest left, and is then expected to hold what each earlier one left.
    """
    expected: dict[str, str | None] = {}
    images: dict[tuple[int, str], bytes | None] = {}
    for entry in chosen:
        for change in entry.files:
            path = _inside(layout, change.path)
            now = expected[change.path] if change.path in expected else _digest(path)
            if now not in (change.after, change.before):  # before: an undo interrupted after this file
                raise LedgerError(
                    f"cannot undo change {entry.number} ({entry.action} {entry.summary}): {change.path} has changed "
                    "since (by hand, by git, or by a change the journal no longer holds), and undoing would lose "
                    "that. Make the correction as a new change, or restore the file with git"
                )
            images[entry.number, change.path] = _image(layout, entry, change.path, change.before)
            expected[change.path] = change.before
    return images


def _inside(layout: Layout, name: str) -> Path:
    """The ledger file a journal entry names; a name reaching outside the ledger means a damaged journal."""
    relative = PurePosixPath(name)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise LedgerError(f"the journal names {name!r}, which is not a file of the ledger; it is damaged")
    return layout.root / relative


def _digest(path: Path) -> str | None:
    """The sha256 of a file's bytes, or None when it does not exist."""
    if not path.exists() and not path.is_symlink():
        return None
    try:
        return hashlib.sha256(read_bytes(path, limit=_LIMIT)).hexdigest()
    except UnreadableFileError as exc:
        raise LedgerError(f"cannot undo: {exc}") from exc


def _image(layout: Layout, entry: JournalEntry, name: str, digest: str | None) -> bytes | None:
    """The bytes ``name`` had before ``entry`` (None: it did not exist), checked against the recorded digest."""
    if digest is None:
        return None
    path = before_image(layout, entry.number, name)
    try:
        data = read_bytes(path, limit=_LIMIT)
    except UnreadableFileError as exc:
        raise LedgerError(
            f"cannot undo change {entry.number}: its copy of {name} is unreadable ({exc.reason})"
        ) from exc
    if hashlib.sha256(data).hexdigest() != digest:
        raise LedgerError(f"cannot undo change {entry.number}: its copy of {name} is damaged (checksum differs)")
    return data
