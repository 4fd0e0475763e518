"""Which claims a query wants, and what that means for one claim: the filters of ``claims()``.

Kept apart from the SQL that answers the same query (``queries.py``) so that
opening a ledger loads no SQLite: the store builds a query before it knows
whether the index or the loaded YAML will answer it.
"""

from __future__ import annotations

from dataclasses import dataclass

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
