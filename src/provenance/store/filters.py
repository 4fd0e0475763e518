"""Which claims a query wants, and what that means for one claim: the filters of ``claims()``, and a claim id
as a person types it (``claim()``).

Kept apart from the SQL that answers the same query (``queries.py``) so that
opening a ledger loads no SQLite: the store builds a query before it knows
whether the index or the loaded YAML will answer it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Self

from ..errors import NotFoundError
from ..records import Claim


@dataclass(frozen=True)
class ClaimQuery:
    """Which claims: every field given must hold (ids, not names: names are resolved before)."""

    speakers: frozenset[str] | None = None
    sources: frozenset[str] | None = None
    venues: frozenset[str] | None = None
    ids: frozenset[str] | None = None
    kind: str | None = None
    status: str | None = None
    contains: str | None = None  # already casefolded
    linking_to: frozenset[str] | None = None  # claims with a link to one of these claim ids

    def matches(self, claim: Claim) -> bool:
        """The meaning of the query for one claim (the YAML path; SQL must agree)."""
        needle = self.contains
        return (
            (self.speakers is None or claim.speaker in self.speakers)
            and (self.sources is None or claim.source in self.sources)
            and (self.venues is None or claim.venue in self.venues)
            and (self.ids is None or claim.id in self.ids)
            and (self.kind is None or claim.kind.value == self.kind)
            and (self.status is None or claim.status.value == self.status)
            and (not needle or needle in claim.text.casefold() or needle in (claim.speaker_mention or "").casefold())
            and (self.linking_to is None or any(link.target in self.linking_to for link in claim.links))
        )


@dataclass(frozen=True)
class ClaimIdQuery:
    """A claim id as a person types it: whole ("c-3e9c1a6cc95c"), or from 4 hex digits on a prefix ("3e9c")."""

    typed: str
    full: str  # the hex digits with the "c-" in front
    prefix: bool  # at least 4 digits: a prefix may match

    @classmethod
    def parse(cls, typed: str) -> Self:
        """The query for ``typed``; what is no claim id at all (not hex) is a NotFoundError."""
        digits = typed.strip().lower().removeprefix("c-")
        if not re.fullmatch(r"[0-9a-f]+", digits):
            raise NotFoundError(f"{typed!r} is not a claim id; 'provenance list' shows the ids")
        return cls(typed, f"c-{digits}", len(digits) >= 4)

    def matches(self, claim: Claim) -> bool:
        """The meaning of the query for one claim (the YAML path; SQL must agree)."""
        return claim.id == self.full or (self.prefix and claim.id.startswith(self.full))

    def one(self, found: Sequence[Claim]) -> Claim:
        """The claim meant among those that match: the exact id, else the only one; none or several are refused."""
        exact = [c for c in found if c.id == self.full]
        if exact:
            return exact[0]
        if len(found) == 1:
            return found[0]
        if not found:
            hint = "" if self.prefix else " (give at least 4 hex digits)"
            raise NotFoundError(f"no claim {self.typed!r}{hint}; 'provenance list' shows the ids")
        raise NotFoundError(f"claim id prefix {self.typed!r} is ambiguous: {', '.join(c.id for c in found[:5])}")
