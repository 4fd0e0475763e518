"""Article text -> candidate claims: quotations and reported speech, with speakers, cues and venues.

Rule-based and fast (pure Python and regular expressions, no model to load).
The pipeline: :mod:`.segment` finds paragraphs, sentences and quotation marks;
:mod:`.attribution` applies the sentence rules (reading speakers with
:mod:`.phrases`, word lists from :mod:`.lexicon`, numbers from :mod:`.rules`)
and :mod:`.fallbacks` attributes the quotations no cue claims; :mod:`.speakers`
resolves pronouns, clusters name variants and resolves each cluster against
the ledger's registry. Nothing here writes: :mod:`.ingest` records the candidates.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator

from ..names import SpeakerIndex
from ..records import Anchor, Speaker
from ..store.codec import gc_paused
from ..store.ledger_store import LedgerStore
from . import lexicon, rules
from .attribution import analyse_sentence
from .candidates import DocumentState, Found
from .discovery import role_of
from .fallbacks import block_quote, headline_colon, unattributed
from .phrases import Mention
from .results import ExtractedClaim, Extraction, SpeakerCluster
from .segment import Span, paragraphs, quotes, sentences, windows
from .speakers import add_fuller_names, cluster, resolve_cluster, resolve_pronouns


def extract(
    text: str,
    *,
    ledger: LedgerStore | None = None,
    speakers: Iterable[Speaker] | None = None,
) -> Extraction:
    """Find the quotations and reported claims in ``text``.

    Speakers are resolved against ``speakers`` or, when ``ledger`` (a
    :class:`provenance.Ledger`) is given, against its registry. Offsets in
    every anchor are Python string indices into ``text``.
    """
    return _extract(text, _index(ledger, speakers))


def extract_with_index(text: str, index: SpeakerIndex | None) -> Extraction:
    """``extract`` with the speaker index already built: a batch builds it once for all its documents."""
    return _extract(text, index)


def _index(ledger: LedgerStore | None, speakers: Iterable[Speaker] | None) -> SpeakerIndex | None:
    """One lookup table per batch: building it normalises every registered name."""
    registry = registry_of(ledger, speakers)
    return SpeakerIndex(registry) if registry else None


def registry_of(ledger: LedgerStore | None, speakers: Iterable[Speaker] | None) -> list[Speaker]:
    registry: list[Speaker] = list(speakers or [])
    if ledger is not None and not registry:
        registry = ledger.speakers()
    return registry


def _extract(text: str, index: SpeakerIndex | None) -> Extraction:
    # A long text's attributions, mentions and spans all stay alive to the end, and no cycles are
    # made: the cyclic collector would walk that growing heap again and again (a third of the time).
    with gc_paused():
        return _extract_all(text, index)


def _extract_all(text: str, index: SpeakerIndex | None) -> Extraction:
    doc = DocumentState(text)
    all_quotes = quotes(text)
    marks = [q.open_mark for q in all_quotes]  # in text order: each span's quotes are found by bisection
    headline: Found | None = None
    for para, sentence in _sentences(text):
        if doc.colon_lead is not None and sentence.start == para.start and (block := block_quote(doc, para)):
            doc.found.append(block)  # "Limbaugh added:" ⏎ a paragraph quoted without marks
        in_sentence = all_quotes[bisect_left(marks, sentence.start) : bisect_left(marks, sentence.end)]
        found_before = len(doc.found)
        used = analyse_sentence(doc, sentence, in_sentence)
        if len(doc.found) == found_before and (colon := headline_colon(doc, sentence, in_sentence)):
            headline = colon  # "Pence: Gennifer Flowers Won't Be at Debate", kept if Pence speaks below
            used.update(in_sentence)
        for quote in in_sentence:
            if quote not in used:
                found = unattributed(doc, quote, sentence, para.start)
                if found is not None:
                    doc.found.append(found)
    if headline is not None and _speaks_below(doc, headline):
        doc.found.append(headline)
    resolve_pronouns(doc)
    return _extraction(doc, index)


def _speaks_below(doc: DocumentState, headline: Found) -> bool:
    """True when the name before a headline's colon speaks in the story ("Pence: …" and "Pence
    said"), so it is a speaker, not a place or a topic ("Belarus: Join a rally …")."""
    assert headline.mention is not None
    name = headline.mention.text.lower().split()[-1]
    return any(f.mention is not None and name in f.mention.text.lower().split() for f in doc.found)


def _sentences(text: str) -> Iterator[tuple[Span, Span]]:
    """Each sentence with its paragraph; a sentence longer than MAX_SENTENCE_CHARS as windows of that length."""
    for para in paragraphs(text):
        if lexicon.BOILERPLATE.match(text, para.start, para.end):
            continue  # "Read more: …", "(Reporting by …", a photo credit: the page, not the article
        for sentence in sentences(text, para):
            for window in windows(text, sentence, rules.MAX_SENTENCE_CHARS):
                if not text[window.start : window.end].isspace():  # nothing to read in blanks
                    yield para, window


def _extraction(doc: DocumentState, index: SpeakerIndex | None) -> Extraction:
    """The result of one document: each found attribution once, its speaker clustered and resolved."""
    unique: dict[tuple[int, int], Found] = {}
    for found in doc.found:
        key = (found.content.start, found.content.end)
        if key not in unique or found.confidence > unique[key].confidence:
            unique[key] = found
    ordered = sorted(unique.values(), key=lambda f: (f.content.start, -f.content.end))
    clusters, cluster_of = _speaker_clusters(doc, ordered, index)
    claims: list[ExtractedClaim] = []
    used_clusters: set[int] = set()
    anchors = _Anchors(doc.text)
    for found in ordered:
        who = found.resolved or found.mention
        number = cluster_of.get(id(who)) if who is not None else None
        if number is not None:
            used_clusters.add(number)
        claims.append(_claim(doc.text, found, clusters[number] if number is not None else None, anchors))
    speakers = tuple(clusters[i] for i in sorted(used_clusters))
    return Extraction(claims=tuple(claims), speakers=speakers)


def _speaker_clusters(
    doc: DocumentState, ordered: Iterable[Found], index: SpeakerIndex | None
) -> tuple[list[SpeakerCluster], dict[int, int]]:
    """The document's named speakers as clusters, and the cluster number of each mention (by identity)."""
    named = [f.resolved or f.mention for f in ordered if (f.resolved or f.mention) is not None]
    names: list[Mention] = [m for m in named if m is not None and not m.pronoun]
    names += [s for s in doc.subjects if not s.pronoun]
    groups = cluster(names)
    add_fuller_names(doc.text, groups)
    cluster_of: dict[int, int] = {}
    summaries: list[SpeakerCluster] = []
    for number, members in enumerate(groups):
        for member in members:
            cluster_of[id(member)] = number
        full = max(members, key=lambda m: (len(m.text.split()), len(m.text)))
        speaker_id, method = resolve_cluster(index, [full, *members])
        spellings = tuple(dict.fromkeys(m.text for m in sorted(members, key=lambda m: m.span.start)))
        summaries.append(SpeakerCluster(name=full.text, mentions=spellings, speaker=speaker_id, method=method))
    return summaries, cluster_of


def _claim(text: str, found: Found, speaker: SpeakerCluster | None, anchors: _Anchors) -> ExtractedClaim:
    mention = found.mention
    confidence = found.confidence - (rules.PRONOUN_PENALTY if mention is not None and mention.pronoun else 0.0)
    return ExtractedClaim(
        text=text[found.content.start : found.content.end],
        kind=found.kind,
        speaker=speaker.speaker if speaker else None,
        speaker_mention=mention.text if mention else None,
        speaker_anchor=anchors.around(mention.span, "speaker") if mention else None,
        speaker_name=speaker.name if speaker else None,
        speaker_role=role_of(text, mention) if mention else None,
        cue=text[found.cue.start : found.cue.end] if found.cue else None,
        cue_anchor=anchors.around(found.cue, "cue") if found.cue else None,
        anchor=Anchor.around(text, found.content.start, found.content.end),  # one claim per content
        venue=found.venue,
        confidence=round(max(rules.CONFIDENCE_FLOOR, confidence), 2),
        fragments=tuple(Anchor.around(text, f.start, f.end) for f in found.fragments),
    )


class _Anchors:
    """Anchors of speakers and cues, made once for the claims in a row that share them (one cue's partial
    quotations, a chant's slogans); only the last is kept, so a long document keeps no table of them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.last: dict[str, tuple[int, int, Anchor]] = {}

    def around(self, span: Span, role: str = "") -> Anchor:
        last = self.last.get(role)
        if last is not None and last[0] == span.start and last[1] == span.end:
            return last[2]
        anchor = Anchor.around(self.text, span.start, span.end)
        self.last[role] = (span.start, span.end, anchor)
        return anchor
