"""Recording what extraction found: candidates become claims with status ``extracted``, for review.

The text the anchors point into becomes the source's snapshot; a source whose
snapshot differs is refused, since the offsets would point into the wrong
text. Running it twice adds nothing new.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..errors import DocumentError, LedgerError
from ..ids import claim_id, free_id, is_url, normalise_text, sha256_text, slugify, without_controls
from ..records import Claim, ClaimStatus, Source, Speaker, Venue, validated
from ..store.codec import SourceFile
from ..store.edit import Edit
from ..store.layout import MAX_ID_LENGTH, TEXTS_DIR
from ..store.ledger_store import LedgerStore
from ..store.recording import source_for_add
from .discovery import Discovery, Unnamed
from .documents import JSONL_SUFFIXES, Document
from .results import ExtractedClaim, Extraction, VenueHint


@dataclass(frozen=True, kw_only=True)
class ExtractedAddResult:
    """What ``Ledger.add_extracted`` recorded."""

    source: Source
    added: tuple[Claim, ...]
    already_recorded: int
    source_created: bool
    speakers_registered: tuple[Speaker, ...] = ()  # speakers nobody had registered, found in the text


def add_extracted(
    ledger: LedgerStore,
    claims: Sequence[ExtractedClaim],
    *,
    source: str,
    text: str,
    title: str | None = None,
    outlet: str | None = None,
    published: dt.date | None = None,
    create: bool = False,
    discover: bool = True,
) -> ExtractedAddResult:
    """Record extractor candidates with status ``extracted``, and the text their anchors point into.

    ``source`` is a source id or a URL (a new URL creates the source; with
    ``create``, so does a new id). A venue hint with a resolved speaker becomes
    a venue record ("Valery Tsepkalo, over phone from exile in Poland"). With
    ``discover``, the people and organisations the text names in full and the
    registry lacks are registered, and claims by a group or an anonymous source
    say so (see :mod:`.discovery`); without it their claims keep no speaker.
    """
    with ledger.edit() as edit:
        if create and not is_url(source) and not edit.has_source(source):
            with validated():
                new = Source(id=source, title=title, outlet=outlet, published=published)
            entry, source_created = SourceFile(new), True
        else:
            entry, source_created = source_for_add(edit, source, title=title, outlet=outlet, published=published)
        snapshot_changed = _keep_snapshot(edit, entry, text)
        discovery = Discovery(claims if discover else (), text, edit.speakers())
        added = _new_claims(entry, claims, discovery, edit.venues(), edit)
        if discovery.registered:
            edit.save_speakers(discovery.registry)  # before the claims that point at them
        if added or source_created or snapshot_changed:
            edit.save_source(entry)
    return ExtractedAddResult(
        source=entry.source,
        added=tuple(added),
        already_recorded=len(claims) - len(added),
        source_created=source_created,
        speakers_registered=tuple(discovery.registered),
    )


def _new_claims(
    entry: SourceFile,
    claims: Sequence[ExtractedClaim],
    discovery: Discovery,
    registered_venues: Mapping[str, Venue],
    edit: Edit,
) -> list[Claim]:
    """The candidates not yet recorded in ``entry``, appended to it; new venues are saved through ``edit``."""
    source_id = entry.source.id
    speakers = discovery.registry
    venues = dict(registered_venues)
    existing = {c.id for c in entry.claims}
    # The same words at the same place count as recorded, even if the speaker has since been
    # registered (which changes the id): re-running extraction must not duplicate claims.
    spans = {(c.anchor.start, c.anchor.end, c.kind) for c in entry.claims if c.anchor}
    added: list[Claim] = []
    for number, found in enumerate(claims):
        span = (found.anchor.start, found.anchor.end, found.kind)
        if span in spans:
            continue
        speaker_id = found.speaker if found.speaker in speakers else discovery.speaker_for(number)
        new_id = claim_id(source_id, without_controls(found.text), speaker_id)
        if new_id in existing:
            continue
        existing.add(new_id)
        spans.add(span)
        venue_id = None
        if found.venue is not None and speaker_id is not None:
            venue_id = _venue_for_hint(found.venue, discovery.registry[speaker_id], source_id, venues)
        unnamed = discovery.unnamed(number) if speaker_id is None else None
        with validated():
            claim = _claim(found, new_id, source_id, speaker_id, venue_id, unnamed)
        entry.claims.append(claim)
        added.append(claim)
    if len(venues) != len(registered_venues):
        edit.save_venues(venues)
    return added


def _keep_snapshot(edit: Edit, entry: SourceFile, text: str) -> bool:
    """Store ``text`` as the source's snapshot and record its checksum; True when the source record changed.

    A source whose snapshot differs is refused: the new offsets would point into the wrong text. A
    snapshot written by an earlier run that was cut short gets its checksum now.
    """
    source_id = entry.source.id
    snapshot = edit.text(source_id)
    recorded = entry.source.text_sha256
    if snapshot is None and recorded is not None and recorded != sha256_text(text):
        raise LedgerError(
            f"source {source_id!r} records the checksum of another text, and its snapshot "
            f"{TEXTS_DIR}/{source_id}.txt is missing; restore the snapshot from git, "
            "or record this text as a new source"
        )
    if snapshot is None:
        edit.save_text(source_id, text)
    elif snapshot != text:
        raise LedgerError(
            f"source {source_id!r} already has a different text snapshot ({TEXTS_DIR}/{source_id}.txt); "
            "extract from that text, or register this version as a new source"
        )
    if recorded is not None:
        return False
    entry.source = entry.source.model_copy(update={"text_sha256": sha256_text(text)})
    return True


def add_document(
    ledger: LedgerStore, document: Document, extraction: Extraction, *, discover: bool = True
) -> ExtractedAddResult:
    """Record one document of a batch under the source it names: its URL, else (a corpus record) its id.

    The source's title, outlet and date come from the document's metadata (a
    page's own, or the fields of a JSON Lines record).
    """
    meta = document.meta
    if meta.url and is_url(meta.url):
        source, create = meta.url, False
    elif document.file.lower().endswith(JSONL_SUFFIXES):
        source, create = slugify(document.id, max_length=MAX_ID_LENGTH), True
    else:
        raise DocumentError(f"{document.file}: the document names no URL; record it with --source ID_OR_URL")
    return add_extracted(
        ledger,
        extraction.claims,
        source=source,
        text=document.text,
        title=meta.title,
        outlet=meta.outlet,
        published=_date(meta.published),
        create=create,
        discover=discover,
    )


def _date(value: str | None) -> dt.date | None:
    """The calendar date an ISO date or timestamp starts with ("2016-09-30T12:00:00Z"), or None."""
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _claim(
    found: ExtractedClaim,
    new_id: str,
    source_id: str,
    speaker_id: str | None,
    venue_id: str | None,
    unnamed: Unnamed | None,
) -> Claim:
    return Claim(
        id=new_id,
        text=normalise_text(without_controls(found.text)),
        kind=found.kind,
        speaker=speaker_id,
        speaker_mention=found.speaker_mention,
        speaker_name=found.speaker_name if found.speaker_name != found.speaker_mention else None,
        unattributed=unnamed.kind if unnamed else None,
        unattributed_phrase=unnamed.phrase if unnamed else None,
        cue=found.cue,
        venue=venue_id,
        source=source_id,
        anchor=found.anchor,
        fragments=found.fragments,
        speaker_anchor=found.speaker_anchor,
        status=ClaimStatus.EXTRACTED,
        confidence=found.confidence,
    )


def _venue_for_hint(hint: VenueHint, speaker: Speaker, source_id: str, venues: dict[str, Venue]) -> str:
    """The venue a hint names for this speaker in this source, registered in ``venues`` when new."""
    name = f"{speaker.name}, {hint.phrase}"
    for venue in venues.values():
        if venue.name == name:
            return venue.id
    venue = Venue(
        id=free_id(slugify(f"{speaker.id} {hint.kind.value} {source_id}"), venues),
        name=name,
        kind=hint.kind,
        place=hint.place,
    )
    venues[venue.id] = venue
    return venue.id
