"""Linking recorded claims to speakers registered after them.

Extraction records a claim whose speaker nobody had registered with
``speaker: null`` and the name as printed. Once the speaker is registered (or
given the alias the article used), :func:`relink_claims` finds those claims and
links them; ``provenance resolve`` runs it, and ``speakers add`` and ``speakers
alias`` say how many claims it would link.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import SpeakerError
from ..names import Resolution, SpeakerIndex
from ..pronouns import NOT_A_NAME
from ..records import Claim, ClaimStatus
from .ledger_store import LedgerStore

#: Claims never re-linked: a person decided about them.
_SETTLED = frozenset({ClaimStatus.MISATTRIBUTED, ClaimStatus.RETRACTED})


@dataclass(frozen=True, kw_only=True)
class Relink:
    """One unattributed claim that now resolves to a registered speaker."""

    claim: str
    source: str
    name: str  # what was looked up: the speaker's fullest name in the source, else the mention
    resolution: Resolution


def relinkable(ledger: LedgerStore) -> list[Relink]:
    """The claims with no speaker whose printed name now resolves to exactly one registered speaker."""
    index = SpeakerIndex(ledger.speakers())
    found = []
    for claim in ledger.iter_claims():
        name = _name_of(claim)
        if name is None:
            continue
        try:
            resolution = index.resolve(name)
        except SpeakerError:  # still unknown, or ambiguous: never guessed
            continue
        found.append(Relink(claim=claim.id, source=claim.source, name=name, resolution=resolution))
    return found


def relink_claims(ledger: LedgerStore, *, dry_run: bool = False) -> list[Relink]:
    """Link every claim :func:`relinkable` finds (unless ``dry_run``); the claims keep their ids."""
    links = relinkable(ledger)
    if dry_run or not links:
        return links
    by_source: dict[str, dict[str, Relink]] = {}
    for link in links:
        by_source.setdefault(link.source, {})[link.claim] = link
    done = []
    with ledger.edit() as edit:
        for source_id, wanted in by_source.items():
            entry = edit.source(source_id)
            for i, claim in enumerate(entry.claims):
                relink = wanted.get(claim.id)
                if relink is not None and claim.speaker is None:  # re-read inside the lock: still unlinked
                    entry.claims[i] = claim.model_copy(update={"speaker": relink.resolution.speaker.id})
                    done.append(relink)
            edit.save_source(entry)
    return done


def _name_of(claim: Claim) -> str | None:
    """The name to look up for an unattributed claim, or None when there is nothing to resolve."""
    if claim.speaker is not None or claim.status in _SETTLED or claim.unattributed is not None:
        return None  # linked, decided by a person, or said by a group or an anonymous source
    name = claim.speaker_name or claim.speaker_mention
    if name is None or name.strip().lower() in NOT_A_NAME:
        return None
    return name
