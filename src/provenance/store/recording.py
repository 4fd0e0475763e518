"""How a new claim finds its records: the source by id or URL, the speaker resolved or registered, the venue.

Each function works inside one :class:`~provenance.store.edit.Edit` and writes
nothing itself: ``add`` looks everything up first and writes only when every
lookup has succeeded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from ..anchoring import HINT_CUTOFF, closest_passage, find_anchor
from ..errors import (
    LOOKUP_ADVICE,
    AmbiguousSpeakerError,
    NotFoundError,
    QuoteNotFoundError,
    SpeakerError,
    UnknownSpeakerError,
)
from ..ids import free_id, is_url, slugify, source_id_for_url, url_key, url_suffix, web_url
from ..names import MatchMethod, Resolution, SpeakerIndex, normalise_name
from ..records import Anchor, Claim, Source, Speaker, SpeakerKind, Venue, VenueKind, enum_value, validated
from ..safefile import MAX_LEDGER_FILE, read_text
from .codec import SourceFile
from .edit import Edit
from .layout import TEXTS_DIR


@dataclass(frozen=True, kw_only=True)
class AddResult:
    """What ``Ledger.add`` did, so the caller can tell the user."""

    claim: Claim
    created: bool  # False when an identical claim was already recorded
    resolution: Resolution | None  # how the speaker name was resolved
    speaker_created: bool = False
    source_created: bool = False
    venue_created: bool = False
    warnings: tuple[str, ...] = ()


def source_for_add(
    edit: Edit, source: str, *, title: str | None, outlet: str | None, published: dt.date | None
) -> tuple[SourceFile, bool]:
    """The source file a claim goes into, and whether it is new: an existing id, or a URL (new or known)."""
    if not is_url(source):
        if not edit.has_source(source):
            raise NotFoundError(
                f"no source {source!r}; pass the article's URL to create it, or see 'provenance sources list'"
            )
        return edit.source(source), False
    source = web_url(source)
    known = source_with_url(edit, source)
    if known is not None:
        return known, False
    source_id = source_id_for_url(source)
    if edit.has_source(source_id):  # the id is taken by another URL
        source_id = f"{source_id}-{url_suffix(source)}"
    with validated():
        entry = SourceFile(Source(id=source_id, url=source, title=title, outlet=outlet, published=published))
    return entry, True


def source_with_url(edit: Edit, url: str) -> SourceFile | None:
    """The source already registered for ``url`` (scheme, host case and a trailing slash aside).

    Checks the id the URL would get first, then scans the source files' text for the URL
    (a substring test per file, parsing only a file that contains it).
    """
    wanted = url_key(url)
    guess = edit.layout.source(source_id_for_url(url))
    candidates = [guess] if guess.exists() else []
    candidates += [path for path in edit.layout.source_files() if path != guess]
    needle = wanted.split("://", 1)[-1]
    for path in candidates:
        if needle not in read_text(path, limit=MAX_LEDGER_FILE).lower():
            continue
        entry = edit.source(path.stem)
        if entry.source.url and url_key(entry.source.url) == wanted:
            return entry
    return None


def look_up_speaker(speakers: Iterable[Speaker], name_or_id: str) -> Speaker:
    """One speaker as a person types the name to look them up: what resolution accepts, and also a given
    name alone, the names in either order or the start of a name, when only one speaker fits (several are
    listed, never guessed)."""
    index = SpeakerIndex(speakers)
    try:
        return index.resolve(name_or_id).speaker
    except UnknownSpeakerError as exc:
        found = index.search(name_or_id)
        if len(found) == 1:
            return found[0]
        if found:
            raise AmbiguousSpeakerError(name_or_id, [(s.id, s.name, 100.0) for s in found]) from None
        raise UnknownSpeakerError(name_or_id, exc.near, advice=LOOKUP_ADVICE) from None


def resolve_or_register(
    mention: str,
    speakers: Mapping[str, Speaker],
    *,
    register: bool,
    kind: SpeakerKind | str,
    warnings: list[str],
) -> tuple[Resolution | None, Speaker | None]:
    """Resolve ``mention``; with ``register``, a name that matches nobody becomes a new speaker (not yet saved)."""
    index = SpeakerIndex(speakers.values())
    if not register:
        return index.resolve(mention), None
    try:
        found: Resolution | None = index.resolve(mention)
    except SpeakerError:
        found = None
    if found is not None and found.method is not MatchMethod.FUZZY:
        return found, None  # already registered under that exact name: reuse it
    if found is not None:
        warnings.append(
            f"registered {mention!r} as a new speaker although it is close to {found.speaker.name} "
            f"(score {found.score:.0f})"
        )
    with validated():
        speaker = Speaker(
            id=free_id(slugify(mention), speakers),
            name=mention.strip(),
            kind=enum_value(SpeakerKind, kind, "speaker kind"),
        )
    return None, speaker


@dataclass(frozen=True, kw_only=True)
class SpeakerChoice:
    """Who a new claim is by: a registered speaker (how it was resolved), a speaker to register, or nobody."""

    resolution: Resolution | None
    created: Speaker | None  # registered by this add, not yet saved
    mention: str | None  # the speaker as printed

    @property
    def speaker_id(self) -> str | None:
        if self.resolution is not None:
            return self.resolution.speaker.id
        return self.created.id if self.created is not None else None


def choose_speaker(
    edit: Edit,
    speaker: str | None,
    mention: str | None,
    *,
    register: bool,
    kind: SpeakerKind | str,
    warnings: list[str],
) -> SpeakerChoice:
    """Resolve ``speaker`` (or register it); the name as given becomes the mention unless one is given."""
    if not speaker:
        return SpeakerChoice(resolution=None, created=None, mention=mention)
    resolution, created = resolve_or_register(speaker, edit.speakers(), register=register, kind=kind, warnings=warnings)
    choice = SpeakerChoice(resolution=resolution, created=created, mention=mention)
    if mention is None and choice.speaker_id != speaker.strip():
        choice = SpeakerChoice(resolution=resolution, created=created, mention=speaker.strip())
    return choice


def anchor_in_snapshot(
    edit: Edit, source: Source, forms: Sequence[str], warnings: list[str], *, unanchored: bool = False
) -> tuple[Anchor | None, Literal[True] | None]:
    """Where the claim's words sit in the source's snapshot (the first of ``forms`` found), and whether the
    claim is recorded deliberately without an anchor.

    Words a source's text does not hold are refused with the closest passage
    (QuoteNotFoundError), unless ``unanchored``: then the claim is recorded
    without an anchor and marked so. A source with no text anchors nothing.
    """
    flag: Literal[True] | None = True if unanchored else None
    snapshot = edit.text(source.id)
    if snapshot is None:
        if source.text_sha256:
            warnings.append(
                f"{TEXTS_DIR}/{source.id}.txt is missing although the source records its checksum; "
                "recorded without an anchor"
            )
        return None, flag
    anchor = next((found for form in forms if (found := find_anchor(form, snapshot)) is not None), None)
    if anchor is not None:
        return anchor, None
    if not unanchored:
        passage = closest_passage(forms[-1], snapshot, cutoff=HINT_CUTOFF)
        near = (passage.start, passage.end, passage.text, passage.score) if passage is not None else None
        raise QuoteNotFoundError(source.id, forms[-1], near)
    return None, flag


def find_venue(name_or_id: str, venues: Mapping[str, Venue]) -> Venue | None:
    """A venue by id, or by name in any letter case."""
    key = name_or_id.strip()
    if key in venues:
        return venues[key]
    norm = normalise_name(key)
    for venue in venues.values():
        if normalise_name(venue.name) == norm:
            return venue
    return None


def venue_for(edit: Edit, venue: str | None, kind: VenueKind | str, said_on: dt.date | None) -> tuple[str | None, bool]:
    """The id of the venue named ``venue``, registering it (and saving the registry) when it is new."""
    if not venue:
        return None, False
    venues = edit.venues()
    found = find_venue(venue, venues)
    if found is not None:
        return found.id, False
    with validated():
        new = Venue(
            id=free_id(slugify(venue), venues),
            name=venue.strip(),
            kind=enum_value(VenueKind, kind, "venue kind"),
            date=said_on,
        )
    edit.save_venues({**venues, new.id: new})
    return new.id, True
