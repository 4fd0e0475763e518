"""Article text -> candidate claims: quotations and reported speech, with speakers, cues and venues.

Rule-based and fast (pure Python and regular expressions, no model to load):
the quotation marks come from :mod:`provenance.segment`; attribution cues
and speaker nouns from :mod:`provenance.cues`. For each sentence the
extractor finds the cues outside quotation marks, the speaker on either side
of each cue ("X said", "said X", "according to X"), and the content the cue
governs: an adjacent quotation (direct), or the reported clause after or
before it (indirect), with any quotation inside it kept as a partial direct
quote. Pronoun speakers ("he said", "It said") are resolved to the nearest
earlier speaker of a compatible kind; name variants within one document
(Kolnikova / Kolenikova) are clustered, and each cluster is resolved against
the ledger's registry with the rules of :mod:`provenance.names`.

Nothing here writes: ``Ledger.add_extracted`` records the candidates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pydantic import Field

from . import cues
from .errors import SpeakerError
from .models import Anchor, ClaimKind, Record, Speaker, VenueKind
from .names import SpeakerIndex, normalise_name, similarity, surname
from .segment import Quote, Span, paragraphs, quotes, sentences

CONTEXT = 32


class VenueHint(Record):
    """Where the text says something was said: 'over phone from exile in Poland', 'in a statement'."""

    kind: VenueKind = Field(description="The venue kind the phrase suggests.")
    phrase: str = Field(description="The phrase as printed.")
    place: str | None = Field(default=None, description="A place or outlet named in the phrase, if any.")


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


# ----------------------------------------------------------------------------- tokens

_WORD = re.compile(r"\w+(?:[-\u2019'.&]\w+)*|[^\w\s]")
_NAME_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "del", "di", "du", "la", "le", "al", "bin", "ibn", "of"})
_DETERMINERS = frozenset({"the", "a", "an", "some", "many", "several", "two", "three", "four", "other", "these",
                          "those", "most", "its", "his", "her", "their", "one", "another", "both", "all"})
_STOP_BEFORE_NP = frozenset({"and", "but", "or", "that", "which", "who", "when", "as", "while", "because", "if",
                             "since", "where", "after", "before", "than", "so", "what", "how", "said", "says"})
_CALENDAR = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march april may
june july august september october november december today yesterday tonight""".split())
_SENTENCE_OPENERS = frozenset("""the a an but and or so yet instead meanwhile however still also in on at for
this that these those there it he she they we i his her their its our my if when while after before as""".split())


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def lower(self) -> str:
        return self.text.lower()


def _tokens(text: str, start: int, end: int) -> list[_Token]:
    return [_Token(m.group(), start + m.start(), start + m.end()) for m in _WORD.finditer(text[start:end])]


# ----------------------------------------------------------------------------- cues

_AUX = "|".join(sorted((re.escape(a) for a in cues.AUXILIARIES), key=len, reverse=True))
_CUE = "|".join(sorted((re.escape(c) for c in cues.CUE_WORDS), key=len, reverse=True))
_CUE_RE = re.compile(rf"(?<![\w-])(?:(?:{_AUX})\s+)*(?P<cue>{_CUE})(?![\w-])")
_AUX_WORDS = frozenset(a for a in cues.AUXILIARIES if " " not in a)


@dataclass
class _Mention:
    span: Span
    text: str
    pronoun: bool
    organisation: bool


@dataclass
class _Found:
    content: Span
    kind: ClaimKind
    mention: _Mention | None
    cue: Span | None
    confidence: float
    sentence: Span
    partial: bool = False
    venue: VenueHint | None = None
    resolved: _Mention | None = None  # antecedent of a pronoun mention


@dataclass
class _Document:
    text: str
    found: list[_Found] = field(default_factory=list)
    subjects: list[_Mention] = field(default_factory=list)  # sentence-initial names, for fallbacks


def _strip(text: str, span: Span, chars: str = " \t\n,;:.\u2014\u2013-") -> Span:
    start, end = span.start, span.end
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return Span(start, end)


def _balanced(text: str, span: Span) -> Span:
    """Keep a closing quotation mark when the span opened one; drop a dangling one."""
    start, end = span.start, span.end
    inner = text[start:end]
    opened = sum(inner.count(c) for c in "\u201c\u201e\u00ab") + inner.count('"') % 2
    if end < len(text) and text[end] in "\u201d\u00bb\"" and opened:
        end += 1
    elif inner.endswith(("\u201d", "\u00bb")) and not opened:
        end -= 1
    return Span(start, end)


# ----------------------------------------------------------------------------- noun phrases


def _name_run_back(tokens: Sequence[_Token], i: int) -> int:
    """Index of the first token of the capitalised name that ends at tokens[i]."""
    j = i
    while j - 1 >= 0:
        prev = tokens[j - 1]
        if prev.capitalised and prev.text not in ("I",) and not _is_sentence_opener(tokens, j - 1):
            j -= 1
        elif prev.lower in _NAME_PARTICLES and j - 2 >= 0 and tokens[j - 2].capitalised:
            j -= 1
        elif prev.text == "." and j - 2 >= 0 and len(tokens[j - 2].text) <= 2 and tokens[j - 2].capitalised:
            j -= 1  # "Paul D. Ryan"
        else:
            break
    if j - 1 >= 0 and tokens[j - 1].lower in ("the",):
        j -= 1
    return j


def _is_sentence_opener(tokens: Sequence[_Token], k: int) -> bool:
    return k == 0 and tokens[k].lower in _SENTENCE_OPENERS


def _mention(text: str, tokens: Sequence[_Token], first: int, last: int) -> _Mention | None:
    """Build a mention from tokens[first..last], trimming titles off the front of a personal name."""
    words = list(tokens[first : last + 1])
    if not words:
        return None
    lowered = [w.lower.strip(".") for w in words]
    if len(words) == 1 and lowered[0] in cues.PRONOUNS:
        return _Mention(Span(words[0].start, words[0].end), words[0].text, True, lowered[0] in ("it", "they"))
    organisation = lowered[-1] in cues.ORGANISATION_WORDS or (
        lowered[0] == "the" and len(words) > 1 and words[1].capitalised
    )
    if not organisation and words[-1].capitalised:
        # "US State Deputy Secretary of State Stephen Bezgon" -> "Stephen Bezgon"
        k = 0
        while k < len(words) - 1 and (lowered[k] in cues.TITLE_WORDS or lowered[k] in _NAME_PARTICLES or lowered[k] == "the"):
            k += 1
        last_title = max((n for n, w in enumerate(lowered[:-1]) if w in cues.TITLE_WORDS), default=-1)
        k = max(k, last_title + 1)
        if lowered[k] in _NAME_PARTICLES:
            k += 1
        words = words[k:] or words[-1:]
    if words[0].lower in _CALENDAR:
        return None
    span = Span(words[0].start, words[-1].end)
    return _Mention(span, text[span.start : span.end], False, organisation)


def _np_before(text: str, tokens: Sequence[_Token], end_index: int) -> _Mention | None:
    """The speaker noun phrase ending at tokens[end_index] (auxiliaries already skipped)."""
    i = end_index
    if i < 0:
        return None
    token = tokens[i]
    if token.text == ")":  # "Paul D. Ryan (R-Wis.) said"
        depth, k = 0, i
        while k >= 0:
            depth += tokens[k].text == ")"
            depth -= tokens[k].text == "("
            if depth == 0:
                break
            k -= 1
        i = k - 1
        if i < 0:
            return None
        token = tokens[i]
    if token.text == ",":  # appositive: "Smith, the mayor of X, said"
        k = i - 1
        while k >= 0 and tokens[k].text not in (",", "\u201d", '"', "\u201c") and i - k < 25:
            k -= 1
        if k >= 1 and tokens[k].text == ",":
            found = _np_before(text, tokens, k - 1)
            if found is not None and not found.pronoun:
                return found
        return None
    if token.lower in cues.PRONOUNS and token.text != "I" or token.text in ("He", "She", "It", "They", "We"):
        return _mention(text, tokens, i, i)
    if token.capitalised and token.lower not in _CALENDAR:
        first = _name_run_back(tokens, i)
        if first == i and _is_sentence_opener(tokens, i):
            return None
        return _mention(text, tokens, first, i)
    if token.lower in cues.SPEAKER_NOUNS:
        first = i
        while first - 1 >= 0 and i - first < 4:
            prev = tokens[first - 1]
            if not prev.text[:1].isalnum() or prev.lower in _STOP_BEFORE_NP or prev.lower in _AUX_WORDS:
                break
            first -= 1
            if prev.lower in _DETERMINERS or prev.text.endswith(("\u2019s", "'s")):
                break
        return _mention(text, tokens, first, i)
    return None


def _np_after(text: str, tokens: Sequence[_Token], start_index: int) -> _Mention | None:
    """The speaker noun phrase starting at tokens[start_index]: 'said [opposition politician] Velary Tsepalko'."""
    if start_index >= len(tokens):
        return None
    first = tokens[start_index]
    if first.lower in cues.PRONOUNS and first.text != "I":
        return _mention(text, tokens, start_index, start_index)
    # A capitalised name within a few lower-case descriptor words: "said opposition politician Velary Tsepalko".
    i = start_index
    while i < len(tokens) and i - start_index <= 4:
        token = tokens[i]
        if token.capitalised and token.lower not in _CALENDAR:
            return _mention(text, tokens, i, _name_run_forward(tokens, i))
        if not token.text[:1].isalpha() or token.lower in _STOP_AFTER_CUE or token.lower in _DETERMINERS:
            break
        i += 1
    # A common noun phrase: "said the source", "said a campaign spokesman".
    if first.lower in _DETERMINERS or first.lower in cues.SPEAKER_NOUNS:
        last = start_index
        while last < len(tokens) and last - start_index <= 4:
            if tokens[last].lower in cues.SPEAKER_NOUNS and not (
                last + 1 < len(tokens) and tokens[last + 1].lower in cues.SPEAKER_NOUNS
            ):
                return _mention(text, tokens, start_index, last)
            if not tokens[last].text[:1].isalnum():
                return None
            last += 1
    return None


_STOP_AFTER_CUE = frozenset({"in", "on", "at", "that", "to", "by", "over", "from", "with", "of", "for", "it", "this"})


def _name_run_forward(tokens: Sequence[_Token], i: int) -> int:
    last = i
    while last + 1 < len(tokens):
        nxt = tokens[last + 1]
        if nxt.capitalised and nxt.lower not in _CALENDAR:
            last += 1
        elif nxt.lower in _NAME_PARTICLES and last + 2 < len(tokens) and tokens[last + 2].capitalised:
            last += 1
        elif nxt.text == "." and len(tokens[last].text) <= 2 and last + 2 < len(tokens) and tokens[last + 2].capitalised:
            last += 1
        else:
            break
    return last


# ----------------------------------------------------------------------------- sentences


def _venue(text: str, spans: Iterable[Span]) -> VenueHint | None:
    for span in spans:
        chunk = text[span.start : span.end]
        for kind, pattern in cues.VENUE_PATTERNS:
            match = pattern.search(chunk)
            if match:
                place = match.groupdict().get("place")
                if place and place.startswith("exile in "):
                    place = place[len("exile in ") :]
                return VenueHint(kind=VenueKind(kind), phrase=match.group(0), place=place)
    return None


_ADJUNCT = re.compile(  # used with match(text, pos): no "^", which would pin it to offset 0
    r"\s*(?:,\s*)?(?:(?:on|last|this|late|early|earlier|in|at|during|over|by|from)\s+"
    r"(?:(?:the|a|an|its|his|her|their)\s+)?(?:[A-Z]?[\w-]+)(?:\s+(?:from|in|on)\s+[\w-]+(?:\s+in\s+[A-Z][\w-]+)?)?\s*,?\s*)+"
)
_THAT = re.compile(r"\s*(?:,\s*)?(?:that\b|:|,)\s*")


def _forward_content(text: str, sentence: Span, start: int, stop: int) -> tuple[Span, Span]:
    """Content after a cue: skip adjuncts ('on Saturday') and 'that'; stop at a coordinated cue."""
    adjunct_start = start
    match = _ADJUNCT.match(text, start, stop)
    if match and match.end() > start:
        start = match.end()
    match = _THAT.match(text, start, stop)
    if match:
        start = match.end()
    return Span(start, stop), Span(adjunct_start, start)


_COORDINATED = re.compile(rf"(?:,\s*|\s+)(?:and|but)\s+(?:(?:{_AUX})\s+)*(?:{_CUE})\b|;\s|,\s+(?:adding|saying|arguing|noting|warning|claiming|insisting)\b")


def _cut_coordination(text: str, span: Span) -> Span:
    for match in _COORDINATED.finditer(text, span.start, span.end):
        if not _inside_quotes(text, span.start, match.start()):
            return Span(span.start, match.start())
    return span


def _inside_quotes(text: str, start: int, position: int) -> bool:
    chunk = text[start:position]
    return chunk.count("\u201c") > chunk.count("\u201d") or chunk.count('"') % 2 == 1


def _analyse_sentence(doc: _Document, sentence: Span, sentence_quotes: list[Quote]) -> set[Quote]:
    """Find the attributions of one sentence; return the quotes they account for."""
    text = doc.text
    used: set[Quote] = set()
    # Stretches of the sentence outside quotation marks.
    outside: list[Span] = []
    cursor = sentence.start
    for quote in sentence_quotes:
        outside.append(Span(cursor, max(cursor, quote.open_mark)))
        cursor = (quote.close_mark + 1) if quote.close_mark is not None else quote.end
    outside.append(Span(cursor, sentence.end))
    tokens = _tokens(text, sentence.start, sentence.end)
    if tokens and tokens[0].capitalised and not tokens[0].lower in _SENTENCE_OPENERS:
        first = tokens[0]
        subject = _np_after(text, tokens, 0)
        if subject is not None and not subject.pronoun and first.start == subject.span.start:
            doc.subjects.append(subject)

    claimed: list[Span] = []  # contents found so far: a cue inside one belongs to it
    last_mention: _Mention | None = None
    for segment in outside:
        for match in _CUE_RE.finditer(text, segment.start, segment.end):
            cue_span = Span(match.start("cue"), match.end("cue"))
            if any(c.start <= cue_span.start < c.end for c in claimed):
                continue
            cue_word = match.group("cue").lower()
            before = [t for t in tokens if t.end <= match.start()]
            after = [t for t in tokens if t.start >= cue_span.end]
            mention: _Mention | None = None
            left = [t for t in before if t.start >= segment.start]
            if cue_word != "according to" and left:
                if left[-1].lower in ("and", "but") and last_mention is not None:
                    mention = last_mention  # "the US said … and warned Moscow that …"
                else:
                    mention = _np_before(text, left, len(left) - 1)
            inverted = mention is None
            if inverted:
                right = [t for t in after if t.end <= segment.end]
                mention = _np_after(text, right, 0)
                if mention is None:
                    continue
            if cue_word in cues.EVIDENCE_CUES and not _evidence_speaker(mention):
                continue  # "Putin has long found Lukashenko…" is not an attribution; "a study found" is
            if cues.SLOGAN_WORDS.fullmatch(cue_word):
                chanted = [q for q in sentence_quotes if q.open_mark > cue_span.end and q not in used]
                for quote in chanted:
                    doc.found.append(_Found(Span(quote.start, quote.end), ClaimKind.DIRECT, mention, cue_span, 0.75, sentence))
                used.update(chanted)
                if chanted:
                    continue
            found = _attribute(doc, sentence, sentence_quotes, segment, cue_span, mention, inverted, used)
            if found:
                doc.found.extend(found)
                claimed.extend(f.content for f in found)
                last_mention = mention
    return used


def _evidence_speaker(mention: _Mention) -> bool:
    head = mention.text.split()[-1].lower()
    return mention.organisation or head in cues.SPEAKER_NOUNS


def _attribute(
    doc: _Document,
    sentence: Span,
    sentence_quotes: list[Quote],
    segment: Span,
    cue: Span,
    mention: _Mention,
    inverted: bool,
    used: set[Quote],
) -> list[_Found]:
    text = doc.text
    speech = text[cue.start : cue.end].lower() in cues.SPEECH_CUES
    attribution_start = min(mention.span.start, cue.start)
    attribution_end = max(mention.span.end, cue.end)
    venue = _venue(text, [Span(attribution_start, min(sentence.end, attribution_end + 60))])
    results: list[_Found] = []

    # 1. A quotation that ends just before the attribution: "“…,” said X" / "“…,” X said".
    prior = [q for q in sentence_quotes if q.close_mark is not None and q.close_mark < attribution_start]
    if prior and not text[prior[-1].close_mark + 1 : attribution_start].strip(" ,\u2014\u2013-"):
        quote = prior[-1]
        group = [quote]
        # A quote split around its attribution: "“…,” she said, “…”"
        nxt = [q for q in sentence_quotes if q.open_mark >= attribution_end]
        if nxt and not text[attribution_end : nxt[0].open_mark].strip(" ,:;\u2014\u2013-") or (
            nxt and _only_adjunct(text, attribution_end, nxt[0].open_mark)
        ):
            group.append(nxt[0])
        # The quotation may close a reported clause: "There is a risk that “…,” said X".
        lead = Span(sentence.start, quote.open_mark)
        if text[lead.start : lead.end].strip(" \u201c\"") and quote is sentence_quotes[0] and speech:
            whole = _balanced(text, _strip(text, Span(sentence.start, quote.close_mark + 1), " \t\n,;:\u2014\u2013-"))
            results.append(_Found(whole, ClaimKind.INDIRECT, mention, cue, 0.75, sentence, venue=venue))
            results.append(_Found(Span(quote.start, quote.end), ClaimKind.DIRECT, mention, cue, 0.85, sentence, True, venue))
            used.add(quote)
            group = group[1:]
        for q in group:
            results.append(_Found(Span(q.start, q.end), ClaimKind.DIRECT, mention, cue, 0.9, sentence, venue=venue))
            used.add(q)
        return results

    following = [q for q in sentence_quotes if q.open_mark >= cue.end]
    # 2. The attribution introduces a quotation: "X said: “…”", "X told Reuters, “…”".
    if following and not inverted and _introduces(text, cue.end, following[0].open_mark):
        quote = following[0]
        rest = text[(quote.close_mark or quote.end) + 1 : sentence.end].strip(" .,;:\u201d\"")
        if not rest or not any(ch.isalpha() for ch in rest):
            results.append(_Found(Span(quote.start, quote.end), ClaimKind.DIRECT, mention, cue, 0.9, sentence, venue=venue))
            used.add(quote)
            return results

    # 3. Reported speech after the cue: "X said (that) …", "X asked how Moscow could “…”".
    if not inverted:
        stop = segment.end if not following else sentence.end
        stop = sentence.end
        content, adjunct = _forward_content(text, sentence, cue.end, stop)
        if cue.end < segment.end or following:
            if text[cue.start : cue.end].lower() in cues.ADDRESSEE_CUES:
                content = _skip_addressee(text, content)
            content = _cut_coordination(text, content)
            content = _balanced(text, _strip(text, content))
            if len(content) >= 8 and any(ch.isalpha() for ch in text[content.start : content.end]):
                venue = venue or _venue(text, [adjunct])
                inner = [q for q in sentence_quotes if content.contains(Span(q.start, q.end))]
                exact = len(inner) == 1 and _strip(text, content, " \t\n,;:.\u201c\u201d\"") == _strip(
                    text, Span(inner[0].start, inner[0].end), " \t\n,;:.\u201c\u201d\""
                )
                if exact:
                    results.append(_Found(Span(inner[0].start, inner[0].end), ClaimKind.DIRECT, mention, cue, 0.85, sentence, venue=venue))
                else:
                    results.append(_Found(content, ClaimKind.INDIRECT, mention, cue, 0.7 if speech else 0.55, sentence, venue=venue))
                    for q in inner:
                        results.append(_Found(Span(q.start, q.end), ClaimKind.DIRECT, mention, cue, 0.8, sentence, True, venue))
                used.update(inner)
                return results

    # 4. Reported speech before the attribution: "…, sources said." / "…, said X." / "…, according to X."
    end = attribution_start
    content = _strip(text, Span(sentence.start, end))
    if text[cue.start : cue.end].lower() == "according to":
        tail = _strip(text, Span(attribution_end, sentence.end))
        if len(tail) > len(content):
            content = tail
    content = _balanced(text, content)
    if len(content) >= 8 and any(ch.isalpha() for ch in text[content.start : content.end]):
        inner = [q for q in sentence_quotes if content.contains(Span(q.start, q.end))]
        results.append(_Found(content, ClaimKind.INDIRECT, mention, cue, 0.65 if speech else 0.5, sentence, venue=venue))
        for q in inner:
            results.append(_Found(Span(q.start, q.end), ClaimKind.DIRECT, mention, cue, 0.8, sentence, True, venue))
        used.update(inner)
    return results


def _only_adjunct(text: str, start: int, end: int) -> bool:
    gap = text[start:end].strip(" ,:;")
    return bool(gap) and len(gap) < 40 and _ADJUNCT.match(" " + gap) is not None


def _introduces(text: str, start: int, open_mark: int) -> bool:
    gap = text[start:open_mark]
    if not gap.strip(" ,:"):
        return True
    match = _ADJUNCT.match(gap)
    rest = gap[match.end() :] if match else gap
    rest = re.sub(r"^\s*(?:(?:the |a )?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*|reporters|them|him|her|us|me)\s*", "", rest)
    return not rest.strip(" ,:")


def _skip_addressee(text: str, content: Span) -> Span:
    match = re.match(
        r"\s*(?:(?:the |a |an )?[A-Z][\w.\u2019'-]*(?:\s+[A-Z][\w.\u2019'-]*)*|reporters|journalists|them|him|her|us|me|"
        r"(?:the |a |an )?[a-z]+ (?:reporters|audience|crowd|supporters|lawmakers))\s*(?:,\s*)?(?:that\b|:)?\s*",
        text[content.start : content.end],
    )
    if match and match.end() < len(content):
        return Span(content.start + match.end(), content.end)
    return content


# ----------------------------------------------------------------------------- quotes without a cue


def _unattributed(doc: _Document, quote: Quote, sentence: Span, para_start: int) -> _Found | None:
    text = doc.text
    words = text[quote.start : quote.end].split()
    sentence_text = text[sentence.start : sentence.end]
    slogan = cues.SLOGAN_WORDS.search(sentence_text)
    if slogan is not None:
        cue = Span(sentence.start + slogan.start(), sentence.start + slogan.end())
        tokens = _tokens(text, sentence.start, cue.start)
        mention = None
        if tokens:
            last = len(tokens) - 1
            if tokens[last].text in ("\u2019s", "'s", "s") or tokens[last].text.endswith(("\u2019s", "'s")):
                # "The opposition’s slogan"
                owner = tokens[:last] if tokens[last].text in ("\u2019s", "'s", "s") else tokens[: last + 1]
                mention = _possessor(text, list(owner))
            if mention is None:
                mention = _np_before(text, tokens, last)
        return _Found(Span(quote.start, quote.end), ClaimKind.DIRECT, mention, cue, 0.7, sentence)
    if len(words) <= 3 and not re.search(r"[.!?]", text[quote.start : quote.end]):
        return None  # a title, a scare quote or a term, not speech
    # Fall back on the paragraph's subject or the last speaker: "X paid tribute … “In the last month…"
    subject = next((s for s in reversed(doc.subjects) if para_start <= s.span.start < quote.open_mark), None)
    if subject is None:
        previous = [f for f in doc.found if f.mention is not None and f.content.end <= quote.open_mark]
        if previous and (quote.continues or quote.open_mark - previous[-1].content.end < 400):
            last = previous[-1]
            subject = last.resolved or last.mention
    if subject is None:
        return None
    return _Found(Span(quote.start, quote.end), ClaimKind.DIRECT, subject, None, 0.5, sentence)


def _possessor(text: str, tokens: list[_Token]) -> _Mention | None:
    if tokens and tokens[-1].text.endswith(("\u2019s", "'s")):
        last = tokens[-1]
        trimmed = _Token(last.text[:-2], last.start, last.end - 2)
        tokens = [*tokens[:-1], trimmed]
    return _np_before(text, tokens, len(tokens) - 1) if tokens else None


# ----------------------------------------------------------------------------- speakers


def _resolve_pronouns(doc: _Document) -> None:
    """Point each pronoun speaker at the nearest earlier speaker of a compatible kind."""
    history: list[_Mention] = []
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


def _cluster(mentions: Sequence[_Mention]) -> list[list[_Mention]]:
    """Group variant spellings of one name in a document: full names first, then surnames."""
    clusters: list[list[_Mention]] = []
    keys: list[str] = []
    ordered = sorted(mentions, key=lambda m: (-len(m.text.split()), m.span.start))
    for mention in ordered:
        norm = normalise_name(mention.text)
        if not norm:
            continue
        best, best_score = None, 0.0
        for index, key in enumerate(keys):
            if norm == key:
                best, best_score = index, 100.0
                break
            if mention.organisation:
                continue
            score = similarity(norm, key)
            if " " not in norm and " " in key:
                score = max(score, similarity(norm, surname(key)))
            if score > best_score:
                best, best_score = index, score
        if best is not None and best_score >= 85.0:
            clusters[best].append(mention)
        else:
            clusters.append([mention])
            keys.append(norm)
    return clusters


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
    registry: list[Speaker] = list(speakers or [])
    if ledger is not None and not registry:
        registry = list(ledger.speakers())  # type: ignore[attr-defined]
    doc = _Document(text)
    all_quotes = quotes(text)
    for para in paragraphs(text):
        para_quotes = [q for q in all_quotes if para.start <= q.open_mark < para.end]
        for sentence in sentences(text, para):
            in_sentence = [q for q in para_quotes if sentence.start <= q.open_mark < sentence.end]
            used = _analyse_sentence(doc, sentence, in_sentence)
            for quote in in_sentence:
                if quote not in used:
                    found = _unattributed(doc, quote, sentence, para.start)
                    if found is not None:
                        doc.found.append(found)
    _resolve_pronouns(doc)
    return _finish(doc, registry)


def _finish(doc: _Document, registry: Sequence[Speaker]) -> Extraction:
    text = doc.text
    unique: dict[tuple[int, int], _Found] = {}
    for found in doc.found:
        key = (found.content.start, found.content.end)
        if key not in unique or found.confidence > unique[key].confidence:
            unique[key] = found
    ordered = sorted(unique.values(), key=lambda f: (f.content.start, -f.content.end))

    named = [f.resolved or f.mention for f in ordered if (f.resolved or f.mention) is not None]
    names = [m for m in named if m is not None and not m.pronoun]
    names += [s for s in doc.subjects if not s.pronoun]
    clusters = _cluster(names)
    index = SpeakerIndex(registry) if registry else None
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
                speaker_anchor=_anchor(text, found.mention.span) if found.mention else None,
                speaker_name=summary.name if summary else None,
                cue=text[found.cue.start : found.cue.end] if found.cue else None,
                cue_anchor=_anchor(text, found.cue) if found.cue else None,
                anchor=_anchor(text, found.content),
                venue=found.venue,
                confidence=round(max(0.05, confidence), 2),
                partial=found.partial,
            )
        )
    speakers = tuple(summaries[i] for i in sorted(used_clusters))
    return Extraction(claims=tuple(claims), speakers=speakers)


def _resolve_cluster(index: SpeakerIndex | None, members: Sequence[_Mention]) -> tuple[str | None, str | None]:
    if index is None:
        return None, None
    for member in members:
        try:
            found = index.resolve(member.text)
        except SpeakerError:
            continue
        return found.speaker.id, found.method.value
    return None, None


def _anchor(text: str, span: Span) -> Anchor:
    return Anchor(
        exact=text[span.start : span.end],
        prefix=text[max(0, span.start - CONTEXT) : span.start],
        suffix=text[span.end : span.end + CONTEXT],
        start=span.start,
        end=span.end,
    )
