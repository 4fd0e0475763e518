"""The ledger's ``.gitignore``: the writers' lock and the query index are not part of the record.

``init`` writes it; a ledger created before the index existed gets the index's
rule added the first time its index is built, appended so that every line a
person wrote stays.
"""

from __future__ import annotations

import contextlib

from ..errors import ProvenanceError
from ..safefile import read_text
from .atomic import atomic_create, atomic_write
from .layout import INDEX_FILE, LOCK_FILE, Layout

#: The lines a ledger's .gitignore must hold: the lock, and the index with its WAL files.
RULES = (LOCK_FILE, f"{INDEX_FILE}*")
_MAX_GITIGNORE = 1024 * 1024


def ensure_ignored(layout: Layout) -> list[str]:
    """Add each missing rule to ``claims/.gitignore`` (creating it if absent); the rules added.

    Never an error: a .gitignore that cannot be read or written (a directory, no
    permission) is left alone, since the index works all the same.
    """
    path = layout.root / ".gitignore"
    with contextlib.suppress(ProvenanceError, OSError):
        if atomic_create(path, "".join(f"{rule}\n" for rule in RULES)):
            return list(RULES)
        text = read_text(path, limit=_MAX_GITIGNORE)
        present = {line.strip() for line in text.splitlines()}
        missing = [rule for rule in RULES if rule not in present]
        if missing:
            separator = "" if not text or text.endswith("\n") else "\n"
            atomic_write(path, text + separator + "".join(f"{rule}\n" for rule in missing))
        return missing
    return []
