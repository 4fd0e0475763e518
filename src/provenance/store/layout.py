"""Where each record lives in a ``claims/`` directory, and the one place an id becomes a path.

    claims/
      speakers.yaml             the speaker registry
      venues.yaml               the venue registry
      sources/<source-id>.yaml  one source and the claims it reports
      texts/<source-id>.txt     optional snapshot of the source's text
      .lock                     taken by writers (git-ignored)
      .index.sqlite             the query index, derived from the YAML (git-ignored; see index.py)
      .journal/                 the changes that can be undone, with the files as they were (see journal.py)

Every id that names a file is checked here, so no id can reach outside the ledger.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import LedgerLoadError, NotFoundError, Problem

SPEAKERS_FILE = "speakers.yaml"
VENUES_FILE = "venues.yaml"
SOURCES_DIR = "sources"
TEXTS_DIR = "texts"
LOCK_FILE = ".lock"
INDEX_FILE = ".index.sqlite"

_SOURCE_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
#: Longest id (as records.Slug allows): far below any file system's limit on a file name.
MAX_ID_LENGTH = 120


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

    @property
    def index(self) -> Path:
        return self.root / INDEX_FILE

    def source(self, source_id: str) -> Path:
        """The file of one source; an id that is not a slug is refused before it becomes a path."""
        return self.sources_dir / f"{checked_source_id(source_id)}.yaml"

    def text(self, source_id: str) -> Path:
        """The text snapshot of one source (which may not exist)."""
        return self.texts_dir / f"{checked_source_id(source_id)}.txt"

    def source_files(self) -> list[Path]:
        """Every source file, sorted by name; a missing or unreadable ``sources/`` is an error, never "no sources"."""
        shown = display_path(self.sources_dir)
        try:
            with os.scandir(self.sources_dir) as entries:
                names = [entry.name for entry in entries if entry.name.endswith(".yaml")]
        except FileNotFoundError:
            reason = "missing; restore it from git, or create it empty ('mkdir') if the ledger has no sources yet"
            raise LedgerLoadError([Problem(shown, None, reason)]) from None
        except NotADirectoryError:
            raise LedgerLoadError([Problem(shown, None, "is a file, not the sources/ directory")]) from None
        except OSError as exc:
            raise LedgerLoadError([Problem(shown, None, f"cannot be listed ({exc.strerror})")]) from exc
        return sorted(self.sources_dir / name for name in names if not name.startswith("."))


def checked_source_id(source_id: str) -> str:
    """``source_id`` if it is a slug (lowercase letters, digits, dashes; at most 120), else NotFoundError."""
    if not _SOURCE_ID.fullmatch(source_id) or len(source_id) > MAX_ID_LENGTH:
        shown = source_id if len(source_id) <= 60 else source_id[:57] + "..."
        raise NotFoundError(
            f"{shown!r} is not a source id (lowercase letters, digits and dashes, at most {MAX_ID_LENGTH})"
        )
    return source_id
