"""Correcting a recorded claim: its status (and who really said it), or its words, speaker, venue, kind, date.

A claim keeps its id through every correction: the id was derived from what
was first recorded, and other claims, exports and notes point at it. What a
correction replaces goes into the claim's ``history`` (see :mod:`.changes`),
and the whole change into the journal, so ``provenance undo`` can take it back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import LedgerError, NotFoundError
from ..ids import normalise_text
from ..names import SpeakerIndex
from ..records import Anchor, ChangeKind, Claim, ClaimKind, ClaimStatus, VenueKind, checked_text, enum_value
from .changes import changed, former_values
from .codec import SourceFile
from .edit import Edit
from .recording import anchor_in_snapshot, venue_for

if TYPE_CHECKING:
    from .ledger_store import LedgerStore

#: The statuses a person may set without saying why (the others are verdicts).
_NO_REASON_NEEDED = frozenset({ClaimStatus.RECORDED, ClaimStatus.EXTRACTED})


@dataclass(frozen=True, kw_only=True)
class ClaimEdit:
    """What ``edit_claim`` did: the claim as it is now and the fields that changed (none: nothing was written)."""

    claim: Claim
    changed: tuple[str, ...]


def locate(entry: SourceFile, claim_id: str) -> int:
    """The position of claim ``claim_id`` in its source file (re-read inside the lock)."""
    for i, claim in enumerate(entry.claims):
        if claim.id == claim_id:
            return i
    raise NotFoundError(f"claim {claim_id} is no longer in {entry.source.id}; it was changed meanwhile, try again")


def set_status(
    store: LedgerStore,
    claim_id: str,
    status: ClaimStatus | str,
    reason: str | None = None,
    *,
    to: str | None = None,
    on: dt.date | None = None,
) -> Claim:
    """Set a claim's status (see ``LedgerStore.set_status``); ``to`` names who really said a misattributed one."""
    target = store.claim(claim_id)
    new_status = enum_value(ClaimStatus, status, "status")
    if new_status not in _NO_REASON_NEEDED and not (reason or "").strip():
        raise LedgerError(f"a {new_status.value} claim needs a reason: say why, for the record")
    if to is not None and new_status is not ClaimStatus.MISATTRIBUTED:
        raise LedgerError(f"only a misattributed claim names who really said it; {new_status.value} takes no --to")
    with store.edit() as edit:
        entry = edit.source(target.source)
        i = locate(entry, target.id)
        claim = entry.claims[i]
        actual = _actual_speaker(edit, claim, to) if to is not None else None
        if actual is None and new_status is ClaimStatus.MISATTRIBUTED and claim.status is new_status:
            actual = claim.actual_speaker  # the same verdict again, with another reason: keep who it names
        if claim.status == new_status and claim.status_reason == reason and claim.actual_speaker == actual:
            return claim
        update = {"status": new_status, "status_reason": reason, "actual_speaker": actual}
        former = {"actual_speaker": claim.actual_speaker} if claim.actual_speaker not in (None, actual) else {}
        entry.claims[i] = changed(
            claim,
            update,
            kind=ChangeKind.STATUS,
            root=store.path,
            status=claim.status,
            reason=claim.status_reason,
            former=former,
            on=on,
        )
        named = f" (said by {actual})" if actual else ""
        edit.describe("status", f"{claim.id} {claim.status.value} -> {new_status.value}{named}", reason)
        edit.save_source(entry)
    return entry.claims[i]


def _actual_speaker(edit: Edit, claim: Claim, name: str) -> str:
    """The id of the speaker ``name`` resolves to, who must not be the one the source named."""
    speaker = SpeakerIndex(edit.speakers().values()).resolve(name).speaker
    if speaker.id == claim.speaker:
        raise LedgerError(f"{speaker.name} [{speaker.id}] is already the claim's speaker; --to names someone else")
    return speaker.id


def edit_claim(
    store: LedgerStore,
    claim_id: str,
    *,
    text: str | None = None,
    speaker: str | None = None,
    venue: str | None = None,
    kind: ClaimKind | str | None = None,
    said_on: dt.date | None = None,
    mention: str | None = None,
    cue: str | None = None,
    reason: str | None = None,
    unanchored: bool = False,
    on: dt.date | None = None,
) -> ClaimEdit:
    """Correct fields of a recorded claim, keeping its id; each value replaced goes into its history."""
    for field, value in (("claim text", text), ("speaker", speaker), ("mention", mention), ("venue", venue)):
        checked_text(value, field)
    if text is not None and not normalise_text(text):
        raise LedgerError("claim text is empty")
    target = store.claim(claim_id)
    with store.edit() as edit:
        entry = edit.source(target.source)
        i = locate(entry, target.id)
        claim = entry.claims[i]
        update = _updates(
            edit,
            entry,
            claim,
            text=text,
            speaker=speaker,
            venue=venue,
            kind=kind,
            said_on=said_on,
            unanchored=unanchored,
        )
        update.update({k: v for k, v in (("speaker_mention", mention), ("cue", cue)) if v is not None})
        fields = tuple(name for name, value in update.items() if getattr(claim, name) != value)
        if not fields:
            return ClaimEdit(claim=claim, changed=())
        update = {name: update[name] for name in fields}
        shown = [name for name in fields if name not in ("anchor", "unanchored")]
        former = former_values(claim, shown)
        entry.claims[i] = changed(
            claim, update, kind=ChangeKind.EDIT, root=store.path, why=reason, former=former, on=on
        )
        _refuse_duplicate(entry, entry.claims[i])
        edit.describe("claims edit", f"{claim.id}: {', '.join(shown or fields)}", reason)
        edit.save_source(entry)
    return ClaimEdit(claim=entry.claims[i], changed=fields)


def _updates(
    edit: Edit,
    entry: SourceFile,
    claim: Claim,
    *,
    text: str | None,
    speaker: str | None,
    venue: str | None,
    kind: ClaimKind | str | None,
    said_on: dt.date | None,
    unanchored: bool = False,
) -> dict[str, Any]:
    """The new values of the fields given (speaker and venue resolved, new words anchored in the text)."""
    update: dict[str, Any] = {}
    if text is not None and normalise_text(text) != claim.text:
        words = normalise_text(text)
        anchor, flag = anchor_in_snapshot(edit, entry.source, [text.strip(), words], [], unanchored=unanchored)
        update.update(text=words, anchor=anchor, unanchored=flag, fragments=_fragments_within(claim, anchor, edit))
    if speaker is not None:
        update["speaker"] = SpeakerIndex(edit.speakers().values()).resolve(speaker).speaker.id
        update.update(unattributed=None, unattributed_phrase=None)  # a speaker named: no longer nobody in particular
    if venue is not None:
        update["venue"], _ = venue_for(edit, venue, VenueKind.OTHER, said_on or claim.said_on)
    if kind is not None:
        update["kind"] = enum_value(ClaimKind, kind, "kind")
    if said_on is not None:
        update["said_on"] = said_on
    return update


def _fragments_within(claim: Claim, anchor: Anchor | None, edit: Edit) -> tuple[Anchor, ...]:
    """The claim's verbatim fragments that its new words still hold, anchored inside them."""
    snapshot = edit.text(claim.source) if anchor is not None and claim.fragments else None
    if anchor is None or snapshot is None:
        return ()
    kept = []
    for fragment in claim.fragments:
        at = snapshot.find(fragment.exact, anchor.start, anchor.end)
        if at >= 0:
            kept.append(Anchor.around(snapshot, at, at + len(fragment.exact)))
    return tuple(kept)


def _refuse_duplicate(entry: SourceFile, edited: Claim) -> None:
    """An edit may not make a claim say what another claim of the same source and speaker already records,
    nor make a misattributed claim's speaker the one its correction names."""
    if edited.actual_speaker is not None and edited.actual_speaker == edited.speaker:
        raise LedgerError(
            f"{edited.id} is misattributed to its speaker and said by {edited.actual_speaker}; to say the source "
            f"named the right speaker after all, set its status instead ('provenance status {edited.id} recorded')"
        )
    for other in entry.claims:
        if other.id != edited.id and other.speaker == edited.speaker and other.text == edited.text:
            raise LedgerError(
                f"{other.id} already records these words by this speaker in {entry.source.id}; "
                f"remove one of them instead ('provenance claims remove {edited.id} --reason …')"
            )
