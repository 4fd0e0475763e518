"""Attaching or replacing a source's text snapshot, keeping the text it replaces.

Claims' anchors point into the snapshot, so a new text never overwrites the
old one silently: the old file is kept as ``texts/<id>@<first 12 hex of its
sha256>.txt`` and the source's ``snapshots`` list records its checksum, when
it was taken and when it was replaced. The new checksum becomes the source's
``text_sha256``, so ``provenance verify`` then checks every claim against the
new text and reports those whose words moved, changed or are gone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import LedgerError
from ..ids import sha256_text
from ..records import Snapshot, Source, validated
from .layout import TEXTS_DIR, Layout

if TYPE_CHECKING:
    from .edit import Edit
    from .ledger_store import LedgerStore

#: Hex digits of an earlier text's sha256 in the name of the file that keeps it.
KEPT_DIGITS = 12
#: The fields a text's new metadata may fill when the source has none (never overwritten).
FILLABLE = ("url", "title", "outlet", "author", "published", "language", "canonical_url")


class TextChange(StrEnum):
    """What a new text did to a source's snapshot."""

    ATTACHED = "attached"  # the source had no text
    REPLACED = "replaced"  # the text changed; the earlier one is kept
    UNCHANGED = "unchanged"  # the same text again; nothing written


@dataclass(frozen=True, kw_only=True)
class TextRefresh:
    """The outcome of giving a source a text: the source as recorded now, and what became of its old text."""

    source: Source
    change: TextChange
    kept: str | None = None  # where the replaced text is kept, relative to the ledger: texts/<id>@<hex>.txt
    anchored: tuple[str, ...] = ()  # claims anchored in the replaced text: 'provenance verify' re-checks them


def kept_text_name(source_id: str, sha256: str) -> str:
    """The file name an earlier text of ``source_id`` is kept under, in ``texts/``."""
    return f"{source_id}@{sha256[:KEPT_DIGITS]}.txt"


def kept_text_path(layout: Layout, source_id: str, sha256: str) -> Path:
    return layout.text(source_id).with_name(kept_text_name(source_id, sha256))


def replace_text(
    store: LedgerStore,
    source_id: str,
    text: str,
    *,
    retrieved: dt.date | None = None,
    page_sha256: str | None = None,
    fill: Mapping[str, object] | None = None,
    today: dt.date | None = None,
) -> TextRefresh:
    """Make ``text`` the snapshot of ``source_id``, keeping the text it replaces; the same text writes nothing.

    ``retrieved`` and ``page_sha256`` describe the new text. ``fill`` offers
    metadata (title, outlet… see ``FILLABLE``) for the fields the source
    leaves empty. Files are written in the order that loses nothing if the
    writer is interrupted: the kept copy of the old text, the new text, then
    the source file (until which ``provenance check`` reports the text as changed).
    """
    with store.edit() as edit:
        entry = edit.source(source_id)
        source = entry.source
        old = edit.text(source_id)
        if old is None and source.text_sha256:
            raise LedgerError(
                f"{TEXTS_DIR}/{source_id}.txt is missing though the source records its checksum; restore it "
                f"from git (git checkout -- {TEXTS_DIR}/{source_id}.txt) so it can be kept before it is replaced"
            )
        if old == text:
            return TextRefresh(source=source, change=TextChange.UNCHANGED)
        update: dict[str, object] = {
            name: value for name, value in (fill or {}).items() if name in FILLABLE and getattr(source, name) is None
        }
        update.update(text_sha256=sha256_text(text), page_sha256=page_sha256, retrieved=retrieved)
        kept: str | None = None
        edit.describe("sources text", f"{source_id}: text {'replaced' if old is not None else 'attached'}")
        if old is not None:
            earlier, kept = _keep(edit, source, old, today or dt.date.today())
            update["snapshots"] = (*source.snapshots, earlier)
        with validated():
            entry.source = Source.model_validate({**source.model_dump(), **update})
        edit.save_text(source_id, text)
        edit.save_source(entry)
    anchored = tuple(claim.id for claim in entry.claims if claim.anchor is not None) if old is not None else ()
    return TextRefresh(
        source=entry.source,
        change=TextChange.REPLACED if old is not None else TextChange.ATTACHED,
        kept=kept,
        anchored=anchored,
    )


def _keep(edit: Edit, source: Source, old: str, today: dt.date) -> tuple[Snapshot, str]:
    """Write the text about to be replaced beside it, under its checksum; its history entry and its path."""
    sha = sha256_text(old)  # of the file as it is, even if it was edited since its checksum was recorded
    path = kept_text_path(edit.layout, source.id, sha)
    if not path.exists():  # the same text kept before (a page that changed back) is already there
        edit.write_file(path, old)
    earlier = Snapshot(sha256=sha, retrieved=source.retrieved, page_sha256=source.page_sha256, replaced_on=today)
    return earlier, f"{TEXTS_DIR}/{path.name}"
