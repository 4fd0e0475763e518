"""Sentence rules: which cue attributes which words to which speaker.

For each sentence: find the attribution cues outside quotation marks, the
speaker on either side of each cue ("X said", "said X", "according to X"), and
the content the cue governs — an adjacent quotation (direct), or the reported
clause after or before it (indirect), keeping any quotation inside that clause
as a partial direct quote. Quotations no cue accounts for are attributed by
paragraph context (a continued quote, the paragraph's subject) or dropped as
titles and scare quotes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from . import cues
from .models import ClaimKind, VenueHint, VenueKind
from .phrases import (
    SENTENCE_OPENERS,
    Mention,
    Token,
    noun_phrase_after,
    noun_phrase_before,
    possessor,
    tokenize,
)
from .segment import Quote, Span

_AUXILIARIES = frozenset(word for phrase in cues.AUXILIARIES for word in phrase.split())
_WORDS = re.compile(r"[A-Za-z][\w'\u2019-]*")
_CUE_PHRASES: dict[str, tuple[str, ...]] = {}
for _phrase in sorted(cues.CUE_WORDS, key=len, reverse=True):
    _CUE_PHRASES.setdefault(_phrase.split()[0], ())
    _CUE_PHRASES[_phrase.split()[0]] += (_phrase,)


@dataclass(frozen=True)
class CueMatch:
    """A cue in the text: ``start`` includes auxiliaries before it ('has also said')."""

    start: int
    cue: Span
    word: str  # the cue as printed

    @property
    def end(self) -> int:
        return self.cue.end


def find_cues(text: str, start: int, end: int) -> list[CueMatch]:
    """Cue words and phrases between ``start`` and ``end`` (a word-set lookup: far faster than one big regex)."""
    found: list[CueMatch] = []
    for word in _WORDS.finditer(text, start, end):
        phrases = _CUE_PHRASES.get(word.group().lower())
        if phrases is None:
            continue
        cue_end = 0
        for phrase in phrases:
            candidate = text[word.start() : word.start() + len(phrase)]
            after = word.start() + len(phrase)
            if (
                candidate.lower() == phrase
                and after <= end
                and not (after < len(text) and (text[after].isalnum() or text[after] == "-"))
            ):
                cue_end = after
                break
        if not cue_end or (found and word.start() < found[-1].end):
            continue
        begin = word.start()
        while True:  # auxiliaries: "has also said", "would later add"
            previous = re.search(r"([A-Za-z]+)\s+$", text[max(start, begin - 20) : begin])
            if previous is None or previous.group(1).lower() not in _AUXILIARIES:
                break
            begin -= len(previous.group(0))
        found.append(CueMatch(begin, Span(word.start(), cue_end), text[word.start() : cue_end]))
    return found


@dataclass
class Found:
    content: Span
    kind: ClaimKind
    mention: Mention | None
    cue: Span | None
    confidence: float
    sentence: Span
    partial: bool = False
    venue: VenueHint | None = None
    resolved: Mention | None = None  # antecedent of a pronoun mention


@dataclass
class DocumentState:
    text: str
    found: list[Found] = field(default_factory=list)
    subjects: list[Mention] = field(default_factory=list)  # sentence-initial names, for fallbacks


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
    if end < len(text) and text[end] in '\u201d\u00bb"' and opened:
        end += 1
    elif inner.endswith(("\u201d", "\u00bb")) and not opened:
        end -= 1
    return Span(start, end)


def venue_hint(text: str, spans: Iterable[Span]) -> VenueHint | None:
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


def _forward_content(text: str, start: int, stop: int) -> tuple[Span, Span, bool]:
    """Content after a cue, skipping adjuncts ('on Saturday') and 'that'.

    Returns the content, the skipped stretch (where venue phrases sit), and
    whether 'that', a colon or a quotation mark introduced the content.
    """
    adjunct_start = start
    match = _ADJUNCT.match(text, start, stop)
    if match and match.end() > start:
        start = match.end()
    match = _THAT.match(text, start, stop)
    introduced = bool(match and match.group().strip(" ,"))
    if match:
        start = match.end()
    introduced = introduced or text[start : start + 1] in cues.QUOTE_OPENERS
    return Span(start, stop), Span(adjunct_start, start), introduced


_CLAUSE_BREAK = re.compile(r";\s|,\s+(?:adding|saying|arguing|noting|warning|claiming|insisting)\b")
_CONJUNCTION = re.compile(r"(?:,\s*|\s+)(?:and|but)\s+$")


def _cut_coordination(text: str, span: Span) -> Span:
    """End reported content where a second cue joins in: '… within days and warned Moscow that …'."""
    cuts = [m.start() for m in _CLAUSE_BREAK.finditer(text, span.start, span.end)]
    for cue in find_cues(text, span.start, span.end):
        conjunction = _CONJUNCTION.search(text[max(span.start, cue.start - 12) : cue.start])
        if conjunction is not None:
            cuts.append(max(span.start, cue.start - 12) + conjunction.start())
    for cut in sorted(cuts):
        if not _inside_quotes(text, span.start, cut):
            return Span(span.start, cut)
    return span


def _inside_quotes(text: str, start: int, position: int) -> bool:
    chunk = text[start:position]
    return chunk.count("\u201c") > chunk.count("\u201d") or chunk.count('"') % 2 == 1


def analyse_sentence(doc: DocumentState, sentence: Span, sentence_quotes: list[Quote]) -> set[Quote]:
    """Find the attributions of one sentence; return the quotes they account for."""
    text = doc.text
    used: set[Quote] = set()
    # Stretches of the sentence outside quotation marks.
    outside: list[Span] = []
    cursor = sentence.start
    for quote in sentence_quotes:
        outside.append(Span(cursor, max(cursor, quote.open_mark)))
        cursor = quote.after
    outside.append(Span(cursor, sentence.end))
    tokens = tokenize(text, sentence.start, sentence.end)
    # The sentence's subject, when it is a name ("Defence Minister Piotr Haller met…", "The Interior
    # Ministry issued…"): later pronouns and unattributed quotes may refer to it.
    opener = bool(tokens) and tokens[0].lower in SENTENCE_OPENERS
    if (
        tokens
        and tokens[0].capitalised
        and (not opener or (tokens[0].lower == "the" and len(tokens) > 1 and tokens[1].capitalised))
    ):
        subject = noun_phrase_after(text, tokens, 0)
        if subject is not None and not subject.pronoun and subject.extent.start == tokens[0].start:
            doc.subjects.append(subject)

    claimed: list[Span] = []  # contents found so far: a cue inside one belongs to it
    last_mention: Mention | None = None
    matches = [(segment, m) for segment in outside for m in find_cues(text, segment.start, segment.end)]
    if len(matches) > 1 and _final_attribution(text, sentence, matches[-1][1]):
        matches.insert(0, matches.pop())  # "…, but the NYPD overruled that request, the source added."
    for segment, match in matches:
        if True:
            cue_span = match.cue
            if any(c.start <= cue_span.start < c.end for c in claimed):
                continue
            cue_word = match.word.lower()
            if cue_word in cues.NOUN_LIKE_CUES and _noun_use(text, cue_span.end):
                continue  # "Democratic claims as true", "the reports of"
            if match.word[:1].isupper() and text[sentence.start : match.start].strip(' \u201c"('):
                continue  # 'State' in a name is not the verb; 'Said Ellis:' at a sentence start is
            before = [t for t in tokens if t.end <= match.start]
            after = [t for t in tokens if t.start >= cue_span.end]
            mention: Mention | None = None
            left = [t for t in before if t.start >= segment.start]
            if cue_word != "according to" and left:
                if left[-1].lower in ("and", "but") and last_mention is not None:
                    mention = last_mention  # "the US said … and warned Moscow that …"
                else:
                    mention = noun_phrase_before(text, left, len(left) - 1)
            inverted = mention is None
            if mention is None:
                right = [t for t in after if t.end <= segment.end]
                mention = noun_phrase_after(text, right, 0)
                if mention is None:
                    continue
            if cue_word in cues.EVIDENCE_CUES and not _evidence_speaker(mention):
                continue  # "Putin has long found Lukashenko…" is not an attribution; "a study found" is
            if cues.SLOGAN_WORDS.fullmatch(cue_word):
                chanted = [q for q in sentence_quotes if q.open_mark > cue_span.end and q not in used]
                for quote in chanted:
                    doc.found.append(
                        Found(Span(quote.start, quote.end), ClaimKind.DIRECT, mention, cue_span, 0.75, sentence)
                    )
                used.update(chanted)
                if chanted:
                    continue
            found = _attribute(doc, sentence, sentence_quotes, segment, cue_span, mention, inverted, used)
            if found:
                doc.found.extend(found)
                claimed.extend(f.content for f in found)
                last_mention = mention
    for quote in sentence_quotes:
        if quote not in used:
            found_one = _dash_or_colon(doc, sentence, quote, tokens)
            if found_one is not None:
                doc.found.append(found_one)
                used.add(quote)
    return used


_DASH = re.compile(r"[ \t\u00a0]*[\u2015\u2014\u2013][ \t\u00a0]*")


def _dash_or_colon(doc: DocumentState, sentence: Span, quote: Quote, tokens: Sequence[Token]) -> Found | None:
    """“…” — Karen Smith  /  Limbaugh continued: “…”  /  Said Ellis: “…”."""
    text = doc.text
    span = Span(quote.start, quote.end)
    if quote.close_mark is not None:
        dash = _DASH.match(text, quote.after)
        if dash is not None:
            after = [t for t in tokens if t.start >= dash.end()]
            mention = noun_phrase_after(text, after, 0)
            if mention is not None and not mention.pronoun and mention.span.start == dash.end():
                dash_span = _strip(text, Span(dash.start(), dash.end()), " \t\u00a0")
                return Found(span, ClaimKind.DIRECT, mention, dash_span, 0.8, sentence)
    gap = text[sentence.start : quote.open_mark].rstrip()
    if not gap.endswith(":"):
        return None
    before = [t for t in tokens if t.end <= sentence.start + len(gap) - 1]
    while before and before[-1].lower in ("him", "her", "them", "us", "me", "reporters"):
        before = before[:-1]  # "McCaskill scolded him:"
    if not before:
        return None
    mention = noun_phrase_before(text, before, len(before) - 1)
    cue: Span | None = None
    if mention is None and len(before) >= 2 and before[-1].text.islower():
        mention = noun_phrase_before(text, before, len(before) - 2)  # "Limbaugh continued:"
        cue = Span(before[-1].start, before[-1].end)
    if mention is None or (mention.extent.start != before[0].start and len(before) > 4):
        return None
    colon = sentence.start + len(gap) - 1
    return Found(span, ClaimKind.DIRECT, mention, cue or Span(colon, colon + 1), 0.75, sentence)


_FINAL = re.compile(
    r"\s*(?:[A-Z][\w.\u2019'-]*(?:\s+[A-Z][\w.\u2019'-]*)*|(?:the|a|an|another|one)\s+[\w-]+(?:\s+[\w-]+)?)?"
    r"\s*(?:on|in|at|last|this)?\s*(?:[A-Z]\w+|week|month|year|night|statement|interview)?\W*$"
)


def _final_attribution(text: str, sentence: Span, match: CueMatch) -> bool:
    """A cue that closes its sentence: '…, the source added.' / '…, said Smith.'"""
    before = text[sentence.start : match.start].rstrip()
    return (
        bool(re.search(r",\s*(?:[\w.\u2019'-]+\s+){0,6}$", before + " "))
        and _FINAL.fullmatch(text, match.end, sentence.end) is not None
    )


def _noun_use(text: str, end: int) -> bool:
    following = re.match(r"\s*([\w]+|[^\w\s])", text[end : end + 30])
    return following is not None and following.group(1).lower() in cues.NOUN_FOLLOWERS


def _evidence_speaker(mention: Mention) -> bool:
    head = mention.text.split()[-1].lower()
    return mention.organisation or head in cues.SPEAKER_NOUNS


def _attribute(
    doc: DocumentState,
    sentence: Span,
    sentence_quotes: list[Quote],
    segment: Span,
    cue: Span,
    mention: Mention,
    inverted: bool,
    used: set[Quote],
) -> list[Found]:
    text = doc.text
    cue_word = text[cue.start : cue.end].lower()
    speech = cue_word in cues.SPEECH_CUES
    attribution_start = min(mention.extent.start, cue.start)
    attribution_end = max(mention.extent.end, cue.end)
    venue = venue_hint(text, [Span(attribution_start, min(sentence.end, attribution_end + 60))])
    results: list[Found] = []

    # 1. A quotation that ends just before the attribution: "“…,” said X" / "“…,” X said".
    prior = [q for q in sentence_quotes if q.close_mark is not None and q.close_mark < attribution_start]
    closing = prior[-1].after if prior else None
    if prior and closing is not None and _descriptor_gap(text[closing:attribution_start]):
        quote = prior[-1]
        group = [quote]
        # A quote split around its attribution: "“…,” she said, “…”"
        nxt = [q for q in sentence_quotes if q.open_mark >= attribution_end]
        if nxt and (
            not text[attribution_end : nxt[0].open_mark].strip(" ,:;\u2014\u2013-")
            or _only_adjunct(text, attribution_end, nxt[0].open_mark)
            or _appositive_gap(text[attribution_end : nxt[0].open_mark])
        ):
            group.append(nxt[0])
        # The quotation may close a reported clause: "There is a risk that “…,” said X".
        lead = Span(sentence.start, quote.open_mark)
        if text[lead.start : lead.end].strip(' \u201c"') and quote is sentence_quotes[0] and speech:
            whole = _balanced(text, _strip(text, Span(sentence.start, closing), " \t\n,;:\u2014\u2013-"))
            results.append(Found(whole, ClaimKind.INDIRECT, mention, cue, 0.75, sentence, venue=venue))
            results.append(
                Found(Span(quote.start, quote.end), ClaimKind.DIRECT, mention, cue, 0.85, sentence, True, venue)
            )
            used.add(quote)
            group = group[1:]
        for q in group:
            results.append(Found(Span(q.start, q.end), ClaimKind.DIRECT, mention, cue, 0.9, sentence, venue=venue))
            used.add(q)
        return results

    following = [q for q in sentence_quotes if q.open_mark >= cue.end]
    # 2. The attribution introduces a quotation: "X said: “…”", "X told Reuters, “…”".
    if following and not inverted and _introduces(text, cue.end, following[0].open_mark):
        quote = following[0]
        rest = text[quote.after : sentence.end].strip(" .,;:\u201d\"'")
        if not rest or not any(ch.isalpha() for ch in rest):
            results.append(
                Found(Span(quote.start, quote.end), ClaimKind.DIRECT, mention, cue, 0.9, sentence, venue=venue)
            )
            used.add(quote)
            return results

    # 3. Reported speech after the cue: "X said (that) …", "X asked how Moscow could “…”".
    if not inverted:
        content, adjunct, introduced = _forward_content(text, cue.end, sentence.end)
        before = text[sentence.start : attribution_start].rstrip()
        appositive = "," in text[cue.end : content.start]
        if before.endswith(",") and len(before.split()) >= 4 and not introduced and appositive:
            # "…, the operator announced on Tuesday, the third increase in two years": the report came first
            content = Span(content.start, content.start)
        if (cue.end < segment.end or following) and (introduced or cue_word not in cues.OBJECT_CUES):
            if text[cue.start : cue.end].lower() in cues.ADDRESSEE_CUES:
                content = _skip_addressee(text, content)
            content = _cut_coordination(text, content)
            content = _balanced(text, _strip(text, content))
            if len(content) >= 8 and any(ch.isalpha() for ch in text[content.start : content.end]):
                venue = venue or venue_hint(text, [adjunct])
                inner = _quotes_in(content, sentence_quotes)
                exact = len(inner) == 1 and _strip(text, content, ' \t\n,;:.\u201c\u201d"') == _strip(
                    text, Span(inner[0].start, inner[0].end), ' \t\n,;:.\u201c\u201d"'
                )
                if exact:
                    results.append(
                        Found(
                            Span(inner[0].start, inner[0].end),
                            ClaimKind.DIRECT,
                            mention,
                            cue,
                            0.85,
                            sentence,
                            venue=venue,
                        )
                    )
                else:
                    results.append(
                        Found(content, ClaimKind.INDIRECT, mention, cue, 0.7 if speech else 0.55, sentence, venue=venue)
                    )
                    for q in inner:
                        results.append(
                            Found(Span(q.start, q.end), ClaimKind.DIRECT, mention, cue, 0.8, sentence, True, venue)
                        )
                used.update(inner)
                return results
        elif not introduced and cue_word in cues.OBJECT_CUES and text[content.start : content.end].strip(" .,;:"):
            return results  # "he wrote his book": a thing written, not a report

    # 4. Reported speech before the attribution: "…, sources said." / "…, said X." / "…, according to X."
    end = attribution_start
    content = _strip(text, Span(sentence.start, end))
    if text[cue.start : cue.end].lower() == "according to":
        tail = _strip(text, Span(attribution_end, sentence.end))
        if len(tail) > len(content):
            content = tail
    content = _balanced(text, content)
    if len(content) >= 8 and any(ch.isalpha() for ch in text[content.start : content.end]):
        inner = _quotes_in(content, sentence_quotes)
        results.append(Found(content, ClaimKind.INDIRECT, mention, cue, 0.65 if speech else 0.5, sentence, venue=venue))
        for q in inner:
            results.append(Found(Span(q.start, q.end), ClaimKind.DIRECT, mention, cue, 0.8, sentence, True, venue))
        used.update(inner)
    return results


def _quotes_in(content: Span, sentence_quotes: Sequence[Quote]) -> list[Quote]:
    """Quotations that open inside a reported clause (an unclosed one may run past its trimmed end)."""
    return [q for q in sentence_quotes if content.start <= q.start < content.end]


def _descriptor_gap(gap: str) -> bool:
    """Between a closing quote and its speaker: nothing, or a few lower-case words ('” panel Chairman X said')."""
    return re.fullmatch(r"[\s,\u2014\u2013\u2015-]*(?:[a-z][\w-]*\s+){0,3}", gap) is not None


def _appositive_gap(gap: str) -> bool:
    """', a law professor at X who has been …, “' between the two halves of a split quote."""
    return (
        len(gap) < 160
        and re.fullmatch(r"\s*,[^\u201c\u201d\"]+[,:]\s*", gap) is not None
        and not find_cues(gap, 0, len(gap))
    )


def _only_adjunct(text: str, start: int, end: int) -> bool:
    gap = text[start:end].strip(" ,:;")
    return bool(gap) and len(gap) < 40 and _ADJUNCT.match(" " + gap) is not None


def _introduces(text: str, start: int, open_mark: int) -> bool:
    gap = text[start:open_mark]
    if not gap.strip(" ,:"):
        return True
    match = _ADJUNCT.match(gap)
    rest = gap[match.end() :] if match else gap
    rest = re.sub(
        r"^\s*(?:(?:the |a )?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*|reporters|them|him|her|us|me|it)(?:\s+as)?\s*", "", rest
    )  # "X told Reuters: “…”", "X called it “…”", "X described it as “…”"
    return not rest.strip(" ,:")


def _skip_addressee(text: str, content: Span) -> Span:
    match = re.match(
        r"\s*(?:(?:the |a |an )?[A-Z][\w.\u2019'-]*(?:\s+[A-Z][\w.\u2019'-]*)*"
        r"|reporters|journalists|them|him|her|us|me|"
        r"(?:the |a |an )?[a-z]+ (?:reporters|audience|crowd|supporters|lawmakers))\s*(?:,\s*)?(?:that\b|:)?\s*",
        text[content.start : content.end],
    )
    if match and match.end() < len(content):
        return Span(content.start + match.end(), content.end)
    return content


def unattributed(doc: DocumentState, quote: Quote, sentence: Span, para_start: int) -> Found | None:
    text = doc.text
    words = text[quote.start : quote.end].split()
    sentence_text = text[sentence.start : sentence.end]
    slogan = cues.SLOGAN_WORDS.search(sentence_text)
    if slogan is not None:
        cue = Span(sentence.start + slogan.start(), sentence.start + slogan.end())
        tokens = tokenize(text, sentence.start, cue.start)
        mention = None
        if tokens:
            end_index = len(tokens) - 1
            last_word = tokens[end_index].text
            if last_word in ("\u2019s", "'s", "s") or last_word.endswith(("\u2019s", "'s")):
                # "The opposition’s slogan"
                owner = tokens[:end_index] if last_word in ("\u2019s", "'s", "s") else tokens[: end_index + 1]
                mention = possessor(text, list(owner))
            if mention is None:
                mention = noun_phrase_before(text, tokens, end_index)
        return Found(Span(quote.start, quote.end), ClaimKind.DIRECT, mention, cue, 0.7, sentence)
    label = _TRANSCRIPT_LABEL.match(text, quote.start, quote.end)
    if label is not None:  # "PENCE: Well, the question…" in a transcript
        name = Span(quote.start + label.start(1) - label.start(), quote.start + label.end(1) - label.start())
        mention = Mention(name, text[name.start : name.end], False, False)
        body = _strip(text, Span(label.end(), quote.end), " ")
        return Found(body, ClaimKind.DIRECT, mention, Span(name.end, name.end + 1), 0.7, sentence)
    if len(words) <= 3 and not re.search(r"[.!?]", text[quote.start : quote.end]):
        return None  # a title, a scare quote or a term, not speech
    if text[sentence.start : quote.open_mark].strip(" \u2014\u2013-(") or all(w[:1].isupper() for w in words):
        return None  # a quoted fragment inside a sentence no cue claims, or a title in Title Case
    span = Span(quote.start, quote.end)
    previous = [f for f in doc.found if f.mention is not None and f.content.end <= quote.open_mark]
    last: Found | None = previous[-1] if previous else None
    # The next part of a quotation the previous sentence attributed: “…,” Ryan said. “And…”
    if (
        last is not None
        and last.kind is ClaimKind.DIRECT
        and (quote.continues or (last.content.start >= para_start and quote.open_mark - last.content.end < 300))
    ):
        return Found(span, ClaimKind.DIRECT, last.mention, last.cue, 0.6, sentence, resolved=last.resolved)
    # The paragraph's subject: "X, who…, paid tribute … “In the last month…”"
    subject = next((s for s in reversed(doc.subjects) if para_start <= s.span.start < quote.open_mark), None)
    if subject is not None:
        return Found(span, ClaimKind.DIRECT, subject, None, 0.5, sentence)
    if last is not None and quote.open_mark - last.content.end < 400:
        return Found(span, ClaimKind.DIRECT, last.mention, None, 0.45, sentence, resolved=last.resolved)
    return None


_TRANSCRIPT_LABEL = re.compile(r"([A-Z][A-Z.'\u2019-]+(?: [A-Z][A-Z.'\u2019-]+){0,2}):\s+")
