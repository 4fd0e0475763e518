"""Article text -> candidate claims: quotations and reported speech, with speakers, cues and venues.

Rule-based and fast (pure Python and regular expressions, no model to load).
The pipeline: :mod:`provenance.segment` finds paragraphs, sentences and
quotation marks; :mod:`provenance.attribution` applies the sentence rules,
reading speakers with :mod:`provenance.phrases` and word lists from
:mod:`provenance.cues`; this module then resolves pronouns, clusters name
variants and builds the result. Pronoun speakers ("he said", "It said") are resolved to the nearest
earlier speaker of a compatible kind; name variants within one document
(Kolnikova / Kolenikova) are clustered, and each cluster is resolved against
the ledger's registry with the rules of :mod:`provenance.names`.

Nothing here writes: ``Ledger.add_extracted`` records the candidates.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from pydantic import Field

from .attribution import DocumentState, Found, analyse_sentence, unattributed
from .documents import Document, read_documents
from .errors import ProvenanceError, SpeakerError
from .models import Anchor, ClaimKind, Record, Speaker, VenueHint
from .names import SpeakerIndex, normalise_name, similarity, surname
from .phrases import Mention
from .segment import Span, paragraphs, quotes, sentences


class ExtractedClaim(Record):
    """A candidate claim found in text: shaped like a Claim, plus where its attribution rests."""

    text: str = Field(description="The quoted or reported words, exactly as in the text.")
    kind: ClaimKind = Field(description="direct (in quotation marks) or indirect (reported speech).")
    speaker: str | None = Field(default=None, description="Registry id of the resolved speaker, or null.")
    speaker_mention: str | None = Field(default=None, description="The speaker as printed where the attribution rests.")
    speaker_anchor: Anchor | None = Field(default=None, description="Offsets of that mention (for 'he said', of 'he').")
    speaker_name: str | None = Field(
        default=None, description="The fullest form of the speaker's name found in the document (pronouns resolved)."
    )
    cue: str | None = Field(default=None, description="The attribution cue as printed: said, told, according to…")
    cue_anchor: Anchor | None = Field(default=None, description="Offsets of the cue.")
    anchor: Anchor = Field(description="Offsets of the claim's words in the document text.")
    venue: VenueHint | None = Field(default=None, description="Venue hint from the text, if any.")
    confidence: float = Field(ge=0.0, le=1.0, description="How sure the rules are (0–1).")
    partial: bool = Field(default=False, description="A direct quote nested in a reported claim.")


class SpeakerCluster(Record):
    """One person or body as the document names it, with every variant spelling."""

    name: str = Field(description="The fullest mention, used for resolution.")
    mentions: tuple[str, ...] = Field(description="Every distinct spelling seen in the document.")
    speaker: str | None = Field(default=None, description="Registry id, or null when unresolved.")
    method: str | None = Field(default=None, description="How it was resolved (names.py method), if it was.")


class Extraction(Record):
    """Everything found in one document."""

    claims: tuple[ExtractedClaim, ...] = Field(description="Candidate claims in document order.")
    speakers: tuple[SpeakerCluster, ...] = Field(description="The speakers the claims rest on, clustered.")


def _resolve_pronouns(doc: DocumentState) -> None:
    """Point each pronoun speaker at the nearest earlier speaker of a compatible kind."""
    history: list[Mention] = []
    subjects = sorted(doc.subjects, key=lambda m: m.span.start)
    for found in sorted(doc.found, key=lambda f: f.content.start):
        mention = found.mention
        if mention is None:
            continue
        if not mention.pronoun:
            history.append(mention)
            continue
        word = mention.text.lower()
        pool = [m for m in history if m.span.start < mention.span.start]
        pool += [s for s in subjects if s.span.start < mention.span.start]
        pool.sort(key=lambda m: m.span.start)
        wanted_org = word in ("it", "they")
        for candidate in reversed(pool):
            if candidate.organisation == wanted_org or word == "they":
                found.resolved = candidate
                break


def _cluster(mentions: Sequence[Mention]) -> list[list[Mention]]:
    """Group variant spellings of one name in a document: full names first, then surnames."""
    clusters: list[list[Mention]] = []
    keys: list[str] = []
    placed: dict[str, int | None] = {}  # a spelling seen before goes where it went then
    ordered = sorted(mentions, key=lambda m: (-len(m.text.split()), m.span.start))
    for mention in ordered:
        norm = _normalised(mention.text)
        if not norm:
            continue
        best = placed.get(norm)
        if norm not in placed:
            best_score = 0.0
            for index, key in enumerate(keys):
                if mention.organisation:
                    break
                score = similarity(norm, key)
                if " " not in norm and " " in key:
                    score = max(score, similarity(norm, surname(key)))
                if score > best_score:
                    best, best_score = index, score
            if best_score < CLUSTER_THRESHOLD:
                best = None
        if best is not None:
            clusters[best].append(mention)
        else:
            clusters.append([mention])
            keys.append(norm)
            best = len(clusters) - 1
        placed[norm] = best
    return clusters


@functools.lru_cache(maxsize=4096)
def _normalised(name: str) -> str:
    """normalise_name, remembered: a story repeats its names many times."""
    return normalise_name(name)


#: Two spellings scoring at least this (names.similarity) are taken for one person in one document.
CLUSTER_THRESHOLD = 85.0
_FULL_NAME = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?)+")


def _fuller_names(text: str, clusters: list[list[Mention]]) -> None:
    """Add full names printed anywhere ("detained Maria Kolnikova") to the person clusters they complete.

    Only completes clusters the claims already rest on; a name no claim is
    attributed to never becomes a speaker.
    """
    keys = [_normalised(max(c, key=lambda m: len(m.text)).text) for c in clusters]
    people = [(members, key) for members, key in zip(clusters, keys, strict=True) if not members[0].organisation]
    seen: set[str] = set()
    for match in _FULL_NAME.finditer(text):
        if match.group() in seen:
            continue
        seen.add(match.group())
        norm = _normalised(match.group())
        for members, key in people:
            if len(key.split()) >= len(norm.split()) or key[:1] != surname(norm)[:1]:
                continue  # only a fuller name, and (cheaply) only one whose surname starts alike
            if similarity(key, norm) >= CLUSTER_THRESHOLD:  # "kolnikova" against "maria kolnikova"'s surname
                members.append(Mention(Span(match.start(), match.end()), match.group(), False, False))
                break


def extract(
    text: str,
    *,
    ledger: object | None = None,
    speakers: Iterable[Speaker] | None = None,
) -> Extraction:
    """Find the quotations and reported claims in ``text``.

    Speakers are resolved against ``speakers`` or, when ``ledger`` (a
    :class:`provenance.Ledger`) is given, against its registry. Offsets in
    every anchor are Python string indices into ``text``.
    """
    return _extract(text, _index(ledger, speakers))


def _index(ledger: object | None, speakers: Iterable[Speaker] | None) -> SpeakerIndex | None:
    """One lookup table per batch: building it normalises every registered name."""
    registry: list[Speaker] = list(speakers or [])
    if ledger is not None and not registry:
        registry = list(ledger.speakers())  # type: ignore[attr-defined]
    return SpeakerIndex(registry) if registry else None


def _extract(text: str, index: SpeakerIndex | None) -> Extraction:
    doc = DocumentState(text)
    all_quotes = quotes(text)
    for para in paragraphs(text):
        para_quotes = [q for q in all_quotes if para.start <= q.open_mark < para.end]
        for sentence in sentences(text, para):
            in_sentence = [q for q in para_quotes if sentence.start <= q.open_mark < sentence.end]
            used = analyse_sentence(doc, sentence, in_sentence)
            for quote in in_sentence:
                if quote not in used:
                    found = unattributed(doc, quote, sentence, para.start)
                    if found is not None:
                        doc.found.append(found)
    _resolve_pronouns(doc)
    return _finish(doc, index)


def _finish(doc: DocumentState, index: SpeakerIndex | None) -> Extraction:
    text = doc.text
    unique: dict[tuple[int, int], Found] = {}
    for found in doc.found:
        key = (found.content.start, found.content.end)
        if key not in unique or found.confidence > unique[key].confidence:
            unique[key] = found
    ordered = sorted(unique.values(), key=lambda f: (f.content.start, -f.content.end))

    named = [f.resolved or f.mention for f in ordered if (f.resolved or f.mention) is not None]
    names = [m for m in named if m is not None and not m.pronoun]
    names += [s for s in doc.subjects if not s.pronoun]
    clusters = _cluster(names)
    _fuller_names(text, clusters)
    cluster_of: dict[int, int] = {}
    summaries: list[SpeakerCluster] = []
    for number, members in enumerate(clusters):
        for member in members:
            cluster_of[id(member)] = number
        full = max(members, key=lambda m: (len(m.text.split()), len(m.text)))
        speaker_id, method = _resolve_cluster(index, [full, *members])
        spellings = tuple(dict.fromkeys(m.text for m in sorted(members, key=lambda m: m.span.start)))
        summaries.append(SpeakerCluster(name=full.text, mentions=spellings, speaker=speaker_id, method=method))

    claims: list[ExtractedClaim] = []
    used_clusters: set[int] = set()
    for found in ordered:
        who = found.resolved or found.mention
        cluster = cluster_of.get(id(who)) if who is not None else None
        summary = summaries[cluster] if cluster is not None else None
        if cluster is not None:
            used_clusters.add(cluster)
        confidence = found.confidence - (0.1 if found.mention is not None and found.mention.pronoun else 0.0)
        claims.append(
            ExtractedClaim(
                text=text[found.content.start : found.content.end],
                kind=found.kind,
                speaker=summary.speaker if summary else None,
                speaker_mention=found.mention.text if found.mention else None,
                speaker_anchor=Anchor.around(text, found.mention.span.start, found.mention.span.end)
                if found.mention
                else None,
                speaker_name=summary.name if summary else None,
                cue=text[found.cue.start : found.cue.end] if found.cue else None,
                cue_anchor=Anchor.around(text, found.cue.start, found.cue.end) if found.cue else None,
                anchor=Anchor.around(text, found.content.start, found.content.end),
                venue=found.venue,
                confidence=round(max(0.05, confidence), 2),
                partial=found.partial,
            )
        )
    speakers = tuple(summaries[i] for i in sorted(used_clusters))
    return Extraction(claims=tuple(claims), speakers=speakers)


def _resolve_cluster(index: SpeakerIndex | None, members: Sequence[Mention]) -> tuple[str | None, str | None]:
    if index is None:
        return None, None
    for member in members:
        try:
            found = index.resolve(member.text)
        except SpeakerError:
            continue
        return found.speaker.id, found.method.value
    return None, None


class DocumentResult(Record):
    """One document of a batch: what was found, or why it could not be read."""

    file: str = Field(description="The input file.")
    id: str = Field(description="The document id: file stem, or the JSONL id field.")
    extraction: Extraction | None = Field(default=None, description="What was found; null on error.")
    text: str | None = Field(default=None, description="The text offsets point into (set for HTML input).")
    error: str | None = Field(default=None, description="Why the document was skipped, if it was.")


def extract_documents(
    paths: Iterable[str | Path],
    *,
    ledger: object | None = None,
    speakers: Iterable[Speaker] | None = None,
    text_field: str = "text",
    id_field: str = "id",
) -> Iterator[tuple[Document | None, DocumentResult]]:
    """Extract from every document in ``paths`` (text, HTML or JSON Lines); a bad file never stops the batch.

    Yields the document read (None when the file could not be read) and its result.
    """
    index = _index(ledger, speakers)
    for raw in paths:
        path = Path(raw)
        try:
            documents = list(read_documents(path, text_field=text_field, id_field=id_field))
        except ProvenanceError as exc:
            yield None, DocumentResult(file=str(path), id=path.stem, error=str(exc))
            continue
        for document in documents:
            if document.error is not None:
                yield document, DocumentResult(file=document.file, id=document.id, error=document.error)
                continue
            try:
                found = _extract(document.text, index)
            except Exception as exc:  # one document's failure must not end a batch of thousands
                error = f"{document.file} ({document.id}): extraction failed: {exc!r}"
                yield document, DocumentResult(file=document.file, id=document.id, error=error)
                continue
            text = document.text if document.html else None
            yield document, DocumentResult(file=document.file, id=document.id, extraction=found, text=text)
