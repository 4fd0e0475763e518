"""Recording what extraction found: candidates become claims with status ``extracted``, for review.

The text the anchors point into becomes the source's snapshot; a source whose
snapshot differs is refused, since the offsets would point into the wrong
text. Running it twice adds nothing new. A batch records many documents per
edit, writing the registries once for them, before the sources that name them.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from ..errors import DocumentError, LedgerError, ProvenanceError
from ..ids import (
    claim_id,
    free_id,
    is_url,
    normalise_text,
    sha256_text,
    slugify,
    url_key,
    url_suffix,
    web_url,
    without_controls,
)
from ..names import SpeakerIndex
from ..records import Claim, ClaimStatus, Source, Speaker, Venue, validated
from ..store.codec import SourceFile
from ..store.edit import Edit
from ..store.layout import MAX_ID_LENGTH, TEXTS_DIR
from ..store.ledger_store import LedgerStore
from ..store.recording import source_for_add
from .discovery import Discovery, Unnamed
from .documents import JSONL_SUFFIXES, Document
from .results import ExtractedClaim, Extraction, VenueHint

#: Documents of a batch recorded in one edit: the registries are read and written once for them all, and
#: the lock is held for about as long as recording them takes (a second or two), never for the extraction.
DOCUMENTS_PER_EDIT = 64


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
        batch = _Batch.reading(edit)
        result = batch.record(
            claims,
            _Where(source=source, title=title, outlet=outlet, published=published, create=create),
            text,
            discover=discover,
        )
        batch.write()
    return result


@dataclass(frozen=True, kw_only=True)
class _Where:
    """The source a document's claims are recorded under, and what a new source is given."""

    source: str
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    create: bool = False


@dataclass
class _Batch:
    """What one edit records for one document or several, written at its end: the registries first, then
    the source files whose claims point into them (text snapshots are written as they come: nothing
    points at them until their source is written)."""

    edit: Edit
    speakers: dict[str, Speaker]
    venues: dict[str, Venue]
    sources: dict[str, SourceFile] = field(default_factory=dict)  # to write, by id
    _by_url: dict[str, SourceFile] = field(default_factory=dict)  # the same, by url_key
    speakers_changed: bool = False
    venues_changed: bool = False
    recent: list[Speaker] = field(default_factory=list)  # registered by this batch, not in known_index

    @functools.cached_property
    def known_index(self) -> SpeakerIndex:
        """The registry as this edit read it, indexed once for all its documents."""
        return SpeakerIndex(self.edit.speakers().values())

    @classmethod
    def reading(cls, edit: Edit) -> _Batch:
        return cls(edit=edit, speakers=dict(edit.speakers()), venues=dict(edit.venues()))

    def record(
        self, claims: Sequence[ExtractedClaim], where: _Where, text: str, *, discover: bool
    ) -> ExtractedAddResult:
        """Record one document's candidates; nothing of it is kept when it fails (a ProvenanceError)."""
        entry, source_created = self._entry(where)
        snapshot_changed = _keep_snapshot(self.edit, entry, text)
        discovery = Discovery(
            claims if discover else (), text, self.speakers, known=lambda: self.known_index, recent=self.recent
        )
        venues = dict(self.venues)
        added = _new_claims(entry, claims, discovery, venues)
        entry.claims.extend(added)  # only once every claim was built: a refused one leaves the entry as it was
        if discovery.registered:
            self.speakers, self.speakers_changed = discovery.registry, True
            self.recent.extend(discovery.registered)
        if len(venues) != len(self.venues):
            self.venues, self.venues_changed = venues, True
        if added or source_created or snapshot_changed:
            self._hold(entry)
        return ExtractedAddResult(
            source=entry.source,
            added=tuple(added),
            already_recorded=len(claims) - len(added),
            source_created=source_created,
            speakers_registered=tuple(discovery.registered),
        )

    def _entry(self, where: _Where) -> tuple[SourceFile, bool]:
        """The source file to record into: one this batch already holds, the one on disk, or a new one."""
        source = where.source
        if is_url(source) and (held := self._by_url.get(url_key(web_url(source)))) is not None:
            return held, False
        if where.create and not is_url(source) and not self.edit.has_source(source):
            with validated():
                new = Source(id=source, title=where.title, outlet=where.outlet, published=where.published)
            entry, created = SourceFile(new), True
        else:
            entry, created = source_for_add(
                self.edit, source, title=where.title, outlet=where.outlet, published=where.published
            )
        held = self.sources.get(entry.source.id)
        if held is None:
            return entry, created
        if not (created and is_url(source)):
            return held, False
        # A new URL whose id another new URL of this batch took: the id gets the URL's hash, as on disk.
        renamed = entry.source.model_copy(update={"id": f"{entry.source.id}-{url_suffix(source)}"})
        return SourceFile(renamed), True

    def _hold(self, entry: SourceFile) -> None:
        self.sources[entry.source.id] = entry
        if entry.source.url:
            self._by_url[url_key(entry.source.url)] = entry

    def write(self) -> None:
        """Write what was recorded: speakers and venues before the claims that name them."""
        if self.speakers_changed:
            self.edit.save_speakers(self.speakers)
        if self.venues_changed:
            self.edit.save_venues(self.venues)
        for entry in self.sources.values():
            self.edit.save_source(entry)


def _new_claims(
    entry: SourceFile, claims: Sequence[ExtractedClaim], discovery: Discovery, venues: dict[str, Venue]
) -> list[Claim]:
    """The candidates not yet recorded in ``entry``, as claims; new venues are added to ``venues``."""
    source_id = entry.source.id
    speakers = discovery.registry
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
            added.append(_claim(found, new_id, source_id, speaker_id, venue_id, unnamed))
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
    with ledger.edit() as edit:
        batch = _Batch.reading(edit)
        result = batch.record(extraction.claims, _where(document), document.text, discover=discover)
        batch.write()
    return result


def add_documents(
    ledger: LedgerStore,
    documents: Iterable[tuple[Document, Extraction]],
    *,
    discover: bool = True,
    per_edit: int = DOCUMENTS_PER_EDIT,
) -> Iterator[tuple[Document, ExtractedAddResult | ProvenanceError]]:
    """Record a batch, each document as :func:`add_document` does; a document refused does not stop it.

    ``per_edit`` documents share one edit (one lock, one journal entry), so the
    registries, which grow as speakers are discovered, are read and written once
    for them all rather than once per document. Each document's outcome is
    yielded, in input order, once its edit is written: what it recorded, or the
    error that refused it (nothing of that document is written).
    """
    items = iter(documents)
    while chunk := list(itertools.islice(items, max(1, per_edit))):  # itertools.batched is Python 3.12
        outcomes: list[tuple[Document, ExtractedAddResult | ProvenanceError]] = []
        with ledger.edit() as edit:
            edit.describe("extract --add", f"{len(chunk)} documents")
            batch = _Batch.reading(edit)
            for document, extraction in chunk:
                try:
                    where = _where(document)
                    outcomes.append(
                        (document, batch.record(extraction.claims, where, document.text, discover=discover))
                    )
                except ProvenanceError as exc:
                    outcomes.append((document, exc))
            batch.write()
        yield from outcomes


def _where(document: Document) -> _Where:
    """The source a batch document names: its URL, else (a JSON Lines record) its id; metadata for a new one."""
    meta = document.meta
    if meta.url and is_url(meta.url):
        source, create = meta.url, False
    elif document.file.lower().endswith(JSONL_SUFFIXES):
        source, create = slugify(document.id, max_length=MAX_ID_LENGTH), True
    else:
        raise DocumentError(f"{document.file}: the document names no URL; record it with --source ID_OR_URL")
    return _Where(source=source, title=meta.title, outlet=meta.outlet, published=_date(meta.published), create=create)


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
