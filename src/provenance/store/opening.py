"""A ledger's directory: created with its starter files (``init``), and recognised before it is opened (``open``).

Creating never overwrites: in a directory that holds part of a ledger, only
the missing files are made. Opening reads nothing but says, for a directory
that is not a ledger, what to run to make it one.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import LedgerError, WriteError
from .atomic import atomic_create
from .ignore import ensure_ignored
from .layout import SOURCES_DIR, SPEAKERS_FILE, VENUES_FILE, Layout, default_ledger_path
from .yamlfile import dump_yaml


def create_ledger(root: Path) -> tuple[str, ...]:
    """Make the files of an empty ledger at ``root`` that are missing; the names of those created.

    A complete ledger is refused (LedgerError).
    """
    layout = Layout(root)
    starters: dict[Path, dict[str, list[object]]] = {
        layout.speakers: {"speakers": []},
        layout.venues: {"venues": []},
    }
    present = [p for p in (*starters, layout.sources_dir) if p.exists() or p.is_symlink()]
    if len(present) == len(starters) + 1:
        raise LedgerError(f"{root} is already a ledger (it has {SPEAKERS_FILE}, {VENUES_FILE} and sources/)")
    created = [] if layout.sources_dir in present else [f"{SOURCES_DIR}/"]
    try:
        layout.sources_dir.mkdir(parents=True, exist_ok=True)
        layout.texts_dir.mkdir(exist_ok=True)
    except OSError as exc:
        raise WriteError(f"cannot create a ledger at {root}: {exc.strerror}") from exc
    for file, empty in starters.items():
        if atomic_create(file, dump_yaml(empty)):
            created.append(file.name)
    ensure_ignored(layout)  # the writers' lock and the index are not part of the record
    return tuple(created)


def ledger_root(path: str | os.PathLike[str] | None) -> Path:
    """The ledger directory ``path`` names (default: ``$PROVENANCE_LEDGER`` or ``./claims``), checked to be one."""
    root = Path(path) if path is not None else default_ledger_path()
    if not root.is_dir():
        raise LedgerError(f"no ledger at {root}: create one with 'provenance --ledger {root} init'")
    if not (root / SPEAKERS_FILE).exists():
        if (root / VENUES_FILE).exists() or (root / SOURCES_DIR).exists():
            raise LedgerError(
                f"{root} has lost its {SPEAKERS_FILE}: restore it from git "
                f"('git checkout -- {root}/{SPEAKERS_FILE}'), or run 'provenance --ledger {root} init', "
                "which creates an empty one and keeps every other file"
            )
        raise LedgerError(f"{root} is not a ledger (no {SPEAKERS_FILE}); run 'provenance --ledger {root} init'")
    return root
