"""Where each record lives in a ``claims/`` directory, and the one place an id becomes a path.

    claims/
      speakers.yaml             the speaker registry
      venues.yaml               the venue registry
      sources/<source-id>.yaml  one source and the claims it reports
      texts/<source-id>.txt     optional snapshot of the source's text
      .lock                     taken by writers (git-ignored)

Every id that names a file is checked here, so no id can reach outside the ledger.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import NotFoundError

SPEAKERS_FILE = "speakers.yaml"
VENUES_FILE = "venues.yaml"
SOURCES_DIR = "sources"
TEXTS_DIR = "texts"
LOCK_FILE = ".lock"

_SOURCE_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


def default_ledger_path() -> Path:
    """``$PROVENANCE_LEDGER`` if set, else ``./claims``."""
    return Path(os.environ.get("PROVENANCE_LEDGER") or "claims")


def display_path(path: Path) -> str:
    """``path`` relative to the working directory when it is inside it, as error messages show it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Layout:
    """The paths of one ledger directory."""

    root: Path

    @property
    def speakers(self) -> Path:
        return self.root / SPEAKERS_FILE

    @property
    def venues(self) -> Path:
        return self.root / VENUES_FILE

    @property
    def sources_dir(self) -> Path:
        return self.root / SOURCES_DIR

    @property
    def texts_dir(self) -> Path:
        return self.root / TEXTS_DIR

    @property
    def lock(self) -> Path:
        return self.root / LOCK_FILE

    def source(self, source_id: str) -> Path:
        """The file of one source; an id that is not a slug is refused before it becomes a path."""
        return self.sources_dir / f"{checked_source_id(source_id)}.yaml"

    def text(self, source_id: str) -> Path:
        """The text snapshot of one source (which may not exist)."""
        return self.texts_dir / f"{checked_source_id(source_id)}.txt"

    def source_files(self) -> list[Path]:
        """Every source file, sorted by name."""
        return sorted(self.sources_dir.glob("*.yaml"))


def checked_source_id(source_id: str) -> str:
    """``source_id`` if it is a slug (lowercase letters, digits, dashes), else NotFoundError."""
    if not _SOURCE_ID.fullmatch(source_id):
        raise NotFoundError(f"{source_id!r} is not a source id (lowercase letters, digits and dashes)")
    return source_id
