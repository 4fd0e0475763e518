"""New records in the sources: a claim (``Ledger.add``) and a source (``Ledger.add_source``).

Each is one :class:`~provenance.store.edit.Edit`. ``add_claim`` looks up
everything that can fail (the source, the speaker, the anchor, the fields)
before it writes anything; the lookups themselves are in :mod:`.recording`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from ..errors import LedgerError, NotFoundError
from ..ids import claim_id, normalise_text, sha256_text, source_id_for_url
from ..records import (
    Anchor,
    Claim,
    ClaimKind,
    ClaimStatus,
    Derivation,
    DerivationKind,
    Source,
    SpeakerKind,
    VenueKind,
    checked_text,
    enum_value,
    several,
    validated,
)
from .codec import SourceFile
from .edit import Edit
from .recording import AddResult, SpeakerChoice, anchor_in_snapshot, choose_speaker, source_for_add, venue_for

if TYPE_CHECKING:
    from .ledger_store import LedgerStore


def add_claim(
    store: LedgerStore,
    text: str,
    *,
    speaker: str | None,
    source: str,
    venue: str | None = None,
    kind: ClaimKind | str = ClaimKind.DIRECT,
    said_on: dt.date | None = None,
    mention: str | None = None,
    cue: str | None = None,
    new_speaker: bool = False,
    speaker_kind: SpeakerKind | str = SpeakerKind.PERSON,
    venue_kind: VenueKind | str = VenueKind.OTHER,
    title: str | None = None,
    outlet: str | None = None,
    published: dt.date | None = None,
    status: ClaimStatus | str = ClaimStatus.RECORDED,
    confidence: float | None = None,
    tags: Sequence[str] = (),
    unanchored: bool = False,
) -> AddResult:
    """Record one claim (see :meth:`provenance.Ledger.add`); the same claim again is returned unchanged."""
    as_given, text = _claim_words(text, speaker=speaker, mention=mention, venue=venue)
    warnings: list[str] = []
    with store.edit() as edit:
        # Everything that can fail is looked up before anything is written.
        entry, source_created = source_for_add(edit, source, title=title, outlet=outlet, published=published)
        who = choose_speaker(edit, speaker, mention, register=new_speaker, kind=speaker_kind, warnings=warnings)
        new_id = claim_id(entry.source.id, text, who.speaker_id)
        existing = _same_claim(entry.claims, new_id, text, who.speaker_id)
        if existing is not None:  # already recorded: register nothing else either
            return AddResult(claim=existing, created=False, resolution=who.resolution)
        anchor, flag = anchor_in_snapshot(edit, entry.source, [as_given, text], warnings, unanchored=unanchored)
        claim = _new_claim(
            new_id,
            text,
            who,
            entry.source.id,
            anchor,
            flag,
            kind=kind,
            status=status,
            tags=tags,
            cue=cue,
            said_on=said_on,
            confidence=confidence,
        )
        claim, venue_created = _save(edit, entry, claim, who, venue=venue, venue_kind=venue_kind, said_on=said_on)
    return AddResult(
        claim=claim,
        created=True,
        resolution=who.resolution,
        speaker_created=who.created is not None,
        source_created=source_created,
        venue_created=venue_created,
        warnings=tuple(warnings),
    )


def add_source(
    store: LedgerStore,
    *,
    url: str | None = None,
    source_id: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    author: str | None = None,
    published: dt.date | None = None,
    retrieved: dt.date | None = None,
    language: str | None = None,
    text: str | None = None,
    derived_from: Sequence[tuple[str, DerivationKind | str]] = (),
    canonical_url: str | None = None,
    page_sha256: str | None = None,
) -> Source:
    """Register a source, and its text snapshot if given (see :meth:`provenance.Ledger.add_source`)."""
    if source_id is None:
        if url is None:
            raise LedgerError("a source needs an id or a URL")
        source_id = source_id_for_url(url)
    with store.edit() as edit:
        if edit.has_source(source_id):
            raise LedgerError(f"source {source_id!r} already exists ({edit.layout.source(source_id)})")
        for parent, _ in several(derived_from, "derived_from"):
            if not edit.has_source(parent):
                raise NotFoundError(f"derived-from source {parent!r} is not in the ledger; add it first")
        with validated():
            source = Source(
                id=source_id,
                title=title,
                outlet=outlet,
                url=url,
                canonical_url=canonical_url,
                author=author,
                published=published,
                retrieved=retrieved,
                language=language,
                text_sha256=sha256_text(text) if text is not None else None,
                page_sha256=page_sha256,
                derived_from=tuple(
                    Derivation(source=p, relation=enum_value(DerivationKind, r, "relation")) for p, r in derived_from
                ),
            )
        edit.describe("sources add", source_id)
        if text is not None:
            edit.save_text(source_id, text)
        edit.save_source(SourceFile(source))
    return source


def _claim_words(text: str, *, speaker: str | None, mention: str | None, venue: str | None) -> tuple[str, str]:
    """The claim's words as given (stripped) and normalised; refuses empty words or venue, and unusable text."""
    for field, value in (("claim text", text), ("speaker", speaker), ("mention", mention), ("venue", venue)):
        checked_text(value, field)
    as_given = text.strip()
    text = normalise_text(text)
    if not text:
        raise LedgerError("claim text is empty")
    if venue is not None and not venue.strip():
        raise LedgerError("venue name is empty")
    return as_given, text


def _same_claim(claims: Sequence[Claim], new_id: str, text: str, speaker: str | None) -> Claim | None:
    """The claim already recorded with this id, or the same words by the same speaker (an edited or re-pointed
    claim kept its id, so content is compared too)."""
    return next((c for c in claims if c.id == new_id or (c.speaker == speaker and c.text == text)), None)


def _new_claim(
    new_id: str,
    text: str,
    who: SpeakerChoice,
    source_id: str,
    anchor: Anchor | None,
    flag: Literal[True] | None,
    *,
    kind: ClaimKind | str,
    status: ClaimStatus | str,
    tags: Sequence[str],
    cue: str | None,
    said_on: dt.date | None,
    confidence: float | None,
) -> Claim:
    """The claim record, every field checked (a bad kind or status is an InvalidInputError); no venue yet."""
    with validated():
        return Claim(
            id=new_id,
            text=text,
            kind=enum_value(ClaimKind, kind, "kind"),
            speaker=who.speaker_id,
            speaker_mention=who.mention,
            cue=cue,
            said_on=said_on,
            source=source_id,
            anchor=anchor,
            unanchored=flag,
            status=enum_value(ClaimStatus, status, "status"),
            confidence=confidence,
            tags=several(tags, "tags"),
        )


def _save(
    edit: Edit,
    entry: SourceFile,
    claim: Claim,
    who: SpeakerChoice,
    *,
    venue: str | None,
    venue_kind: VenueKind | str,
    said_on: dt.date | None,
) -> tuple[Claim, bool]:
    """Write what a new claim brings, once every lookup has succeeded: the speaker it registers, its venue
    (registered if new) and the claim in its source file; the claim as saved, and whether the venue is new."""
    if who.created is not None:
        edit.save_speakers({**edit.speakers(), who.created.id: who.created})
    venue_id, venue_created = venue_for(edit, venue, venue_kind, said_on)
    claim = claim.model_copy(update={"venue": venue_id})
    entry.claims.append(claim)
    edit.describe("add", f"{claim.id} in {entry.source.id}")
    edit.save_source(entry)
    return claim, venue_created
