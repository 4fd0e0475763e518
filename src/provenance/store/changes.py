"""Appending to a record's history: each change says what the record was, who changed it, when and why.

Every correction the store makes (an edit, a status, a merge, a link dropped
because its target was removed) goes through :func:`changed`, so the history
of every record reads the same way. Former values are kept as the JSON form of
the field (dates as ISO text, enums as their values), so they read the same
from the YAML and from the index.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from ..errors import InvalidInputError
from ..records import Change, ChangeKind, Claim, ClaimStatus, Source, Speaker, checked_text, validated
from .author import current_author

R = TypeVar("R", Claim, Speaker, Source)


def former_values(record: R, fields: Iterable[str]) -> dict[str, Any]:
    """The values ``fields`` have in ``record``, as their JSON form (None for an empty field)."""
    data = record.model_dump(mode="json", include=set(fields))
    return {name: data.get(name) for name in fields}


def changed(
    record: R,
    update: Mapping[str, Any],
    *,
    kind: ChangeKind,
    root: Path,
    why: str | None = None,
    status: ClaimStatus | None = None,
    reason: str | None = None,
    former: Mapping[str, Any] | None = None,
    on: dt.date | None = None,
) -> R:
    """``record`` with ``update`` applied and one :class:`Change` appended to its history, validated.

    ``former`` defaults to the earlier values of the fields ``update`` changes
    (``status`` and ``status_reason`` aside: a status change keeps them as the
    entry's own ``status`` and ``reason``). ``root`` is the ledger, whose git
    settings may name the author.
    """
    checked_text(why, "reason")
    if former is None:
        moved = [name for name in update if name not in ("status", "status_reason", "history")]
        former = former_values(record, [name for name in moved if getattr(record, name) != update[name]])
    entry = Change(
        change=kind,
        status=status,
        reason=reason,
        former=dict(former),
        until=on or dt.date.today(),
        by=current_author(root),
        why=why.strip() if why and why.strip() else None,
    )
    with validated():
        data = {**record.model_dump(), **update, "history": (*record.history, entry)}
        return type(record).model_validate(data)


def required_reason(reason: str | None, what: str) -> str:
    """``reason`` stripped; a blank one is refused, since ``what`` must say why, for the record."""
    if reason is None or not reason.strip():
        raise InvalidInputError(f"{what} needs a reason: say why, for the record (--reason)")
    return reason.strip()
