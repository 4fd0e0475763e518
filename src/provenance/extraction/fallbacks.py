"""Quotations no cue verb accounts for: a dash or colon attribution, a slogan, a headline, a
transcript label, or context; and every quotation after a chanting verb.

Context means the previous sentence's quotation continuing, the paragraph's
subject, or the nearest earlier speaker; a short quoted title or scare quote
is not speech and is dropped.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..records import ClaimKind
from . import lexicon, rules
from .candidates import DocumentState, Found, Sentence
from .content import frame_end, strip_span
from .cue_speakers import clause_subject
from .cues import CueMatch
from .phrases import Mention, noun_phrase_after, noun_phrase_before, possessor, tokenize
from .segment import Quote, Span

_DASH = re.compile(rf"[ \t\u00a0]*[{lexicon.DASHES}][ \t\u00a0]*")
_TRANSCRIPT_LABEL = re.compile(r"([A-Z][A-Z.'\u2019-]+(?: [A-Z][A-Z.'\u2019-]+){0,2}):\s+")
_COLON_OBJECTS = lexicon.OBJECT_PRONOUNS | {"reporters"}


def dash_or_colon(doc: DocumentState, view: Sentence, quote: Quote) -> Found | None:
    """“…” — Karen Smith  /  Limbaugh continued: “…”  /  Said Ellis: “…”."""
    return _dash(doc, view, quote) or _colon(doc, view, quote)


def chanted(doc: DocumentState, view: Sentence, match: CueMatch, mention: Mention, used: set[Quote]) -> bool:
    """ "Protesters chanted “…” and “…”": every quotation after a chanting verb is the crowd's."""
    if not lexicon.SLOGAN_WORDS.fullmatch(match.word.lower()):
        return False
    sentence = view.span
    chanted = [q for q in view.quotes_after(match.cue.end) if q not in used]
    for quote in chanted:
        doc.found.append(
            Found(
                content=Span(quote.start, quote.end),
                kind=ClaimKind.DIRECT,
                mention=mention,
                cue=match.cue,
                confidence=rules.CHANT,
                sentence=sentence,
            )
        )
    used.update(chanted)
    return bool(chanted)


def _dash(doc: DocumentState, view: Sentence, quote: Quote) -> Found | None:
    text = doc.text
    if quote.close_mark is None:
        return None
    dash = _DASH.match(text, quote.after)
    if dash is None:
        return None
    mention = noun_phrase_after(text, view.tokens, view.first_token_from(dash.end()))  # the words after the dash
    if mention is None or mention.pronoun or mention.span.start != dash.end():
        return None
    dash_span = strip_span(text, Span(dash.start(), dash.end()), " \t\u00a0")
    return _quoted(quote, mention, dash_span, rules.DASH_ATTRIBUTION, view.span)


def _colon(doc: DocumentState, view: Sentence, quote: Quote) -> Found | None:
    text, sentence = doc.text, view.span
    colon = quote.open_mark
    while colon > sentence.start and text[colon - 1].isspace():
        colon -= 1
    colon -= 1  # the last character before the quotation and the spaces before it
    if colon < sentence.start or text[colon] != ":":
        return None
    # The tokens before the colon: a speaker phrase is read backwards from its last one, so the
    # list need not be cut there (noun_phrase_before never reads past the index it is given).
    tokens, last = view.tokens, view.tokens_ending_by(colon) - 1
    while last >= 0 and tokens[last].lower in _COLON_OBJECTS:
        last -= 1  # "McCaskill scolded him:"
    if last < 0:
        return None
    mention = noun_phrase_before(text, tokens, last)
    cue: Span | None = None
    if mention is None and last >= 1 and tokens[last].text.islower():
        mention = noun_phrase_before(text, tokens, last - 1)  # "Limbaugh continued:"
        cue = Span(tokens[last].start, tokens[last].end)
    if mention is None or (mention.extent.start != tokens[0].start and last + 1 > rules.COLON_SPEAKER_TOKENS):
        return None
    return _quoted(quote, mention, cue or Span(colon, colon + 1), rules.COLON_ATTRIBUTION, sentence)


def unattributed(doc: DocumentState, quote: Quote, sentence: Span, para_start: int) -> Found | None:
    """The attribution of a quotation no cue claimed, or None when it is not speech or nobody fits."""
    text = doc.text
    words = text[quote.start : quote.end].split()
    found = (
        _slogan(doc, quote, sentence)
        or _transcript(doc, quote, sentence)
        or _headline(doc, quote, sentence)
        or _aside(doc, quote, sentence, para_start)
        or _labelled(doc, quote, sentence)
    )
    if found is not None:
        return found
    if len(words) <= rules.MAX_TITLE_WORDS and not re.search(r"[.!?]", text[quote.start : quote.end]):
        return None  # a title, a scare quote or a term, not speech
    if _lead_end(doc, sentence) < quote.open_mark or _title_case(words):
        return None  # a quoted fragment inside a sentence no cue claims, or a title in Title Case
    return _after_colon_lead(doc, quote, sentence) or _from_context(doc, quote, sentence, para_start)


#: Words before a quotation that make it a title, not words said: "a clip of ‘The 411’", "DuVernay’s ‘13th’".
_TITLE_MARKER = re.compile(r"(?:['\u2019]s|\b(?:of|in|on|at|from|the))\s*$", re.IGNORECASE)


def _headline(doc: DocumentState, quote: Quote, sentence: Span) -> Found | None:
    """A quotation in the article's headline that no cue claimed: "Retired General Reveals
    ‘Demoralizing’ Experience Of Serving Under Obama". Headlines quote what the story's speaker
    said, and the claim runs from the quotation to the headline's end; who said it is left open."""
    text = doc.text
    if sentence not in doc.headlines:  # the same for every quotation of the sentence: read once
        doc.headlines[sentence] = _is_headline(text, sentence)
    if not doc.headlines[sentence] or quote.open_mark == sentence.start:
        return None
    if _TITLE_MARKER.search(text, max(sentence.start, quote.open_mark - 8), quote.open_mark):
        return None  # "a clip of ‘The 411’": a title
    content = Span(quote.open_mark, max(quote.after, strip_span(text, sentence, " \t\n.").end))
    return Found(
        content=content,
        kind=ClaimKind.DIRECT,
        mention=_headline_name(text, sentence),
        cue=None,
        confidence=rules.HEADLINE_QUOTE,
        sentence=sentence,
        fragments=(Span(quote.start, quote.end),) if content.end > quote.after else (),
    )


#: "Pence: Gennifer Flowers Won't Be at Debate", "Obama on Climate Change: The Trends Are …": a name
#: (no article: "The Latest:" is a label), perhaps a topic, a colon, and what the name said.
_HEADLINE_SPEAKER = re.compile(
    r"[ \t]*(?!(?:The|A|An|This|These|Update|Breaking|Watch|Opinion|Editorial)\b)"
    r"([A-Z][\w.\u2019'-]*(?:[ \t]+[A-Z][\w.\u2019'-]*){0,3})(?:[ \t]+on[ \t]+[^:\n]{1,40})?:[ \t]+(?=\S)"
)


def headline_colon(doc: DocumentState, sentence: Span, quotations: list[Quote]) -> Found | None:
    """The report in a headline that opens with its speaker and a colon: "Sanders: Clinton needs to
    'get away from all of this personality stuff' with Trump" (the text's first line only)."""
    text = doc.text
    if sentence.start > rules.HEADLINE_REACH or text[: sentence.start].strip():
        return None
    lead = _HEADLINE_SPEAKER.match(text, sentence.start, sentence.end)
    if lead is None:
        return None
    content = strip_span(text, Span(lead.end(), sentence.end), " \t\n.")
    inner = [q for q in quotations if q.open_mark >= content.start]
    words = text[content.start : content.end].split()
    if len(words) < rules.HEADLINE_MIN_WORDS - 2 or (
        inner and inner[0].open_mark == content.start and inner[0].after >= content.end
    ):
        return None  # a quotation alone is the colon rule's ("Koeman: 'We were not good enough'")
    name = Span(lead.start(1), lead.end(1))
    colon = text.rindex(":", name.end, lead.end())
    return Found(
        content=content,
        kind=ClaimKind.INDIRECT,
        mention=Mention(span=name, text=text[name.start : name.end], pronoun=False, organisation=False),
        cue=Span(colon, colon + 1),
        confidence=rules.HEADLINE_QUOTE,
        sentence=sentence,
        fragments=tuple(Span(q.start, min(q.end, content.end)) for q in inner),
    )


def _headline_name(text: str, sentence: Span) -> Mention | None:
    """Who a headline names first: capitals do not say where the name ends and the verb starts
    ("Obama Sees …"), so it is the longest run of its first words the story repeats."""
    tokens = tokenize(text, sentence.start, min(sentence.end, sentence.start + rules.HEADLINE_REACH))
    tokens = tokens[: rules.HEADLINE_NAME_TOKENS]
    for n in range(len(tokens), 0, -1):
        run = tokens[:n]
        if not all(t.capitalised for t in run) or run[0].lower in lexicon.DETERMINERS:
            continue
        span = Span(run[0].start, run[-1].end)
        name = text[span.start : span.end]
        story = text[sentence.end : sentence.end + rules.HEADLINE_NAME_REACH]
        if re.search(rf"\b{re.escape(name)}\b(?![ \t]+[A-Z])", story):  # the name whole, not "Black Caucus"
            return Mention(span=span, text=name, pronoun=False, organisation=False)
    return None  # nobody the story names: left open


def _is_headline(text: str, sentence: Span) -> bool:
    """True for the text's first line when it is one sentence in Title Case."""
    if sentence.start > rules.HEADLINE_REACH or text[: sentence.start].strip():
        return False
    if "\n" in text[sentence.start : sentence.end].strip():
        return False
    words = [t.text for t in tokenize(text, sentence.start, sentence.end) if t.text[:1].isalpha()]
    words = [w for w in words if w.lower() not in lexicon.TITLE_SMALL_WORDS]
    capitalised = sum(w[:1].isupper() for w in words)
    return len(words) >= rules.HEADLINE_MIN_WORDS and capitalised >= rules.HEADLINE_CAPITALISED * len(words)


_COLON_BEFORE = re.compile(r":[ \t\u00a0]*$")
_DASH_BEFORE = re.compile(rf"(?:--|[{lexicon.DASHES}])[ \t\u00a0]*$")
_DASH_AFTER = re.compile(rf"[ \t\u00a0,]*(?:--|[{lexicon.DASHES}])")


def _aside(doc: DocumentState, quote: Quote, sentence: Span, para_start: int) -> Found | None:
    """A quotation set off inside a sentence no cue claimed: after a colon ("had to change my answer:
    “Of course I believe …”") or between dashes ("treating it as a compliment -- ''That makes me
    smart'' -- and …"). Words quoted so are someone's; the sentence's subject is the best guess."""
    text = doc.text
    reach = max(sentence.start, quote.open_mark - 8)
    colon = _COLON_BEFORE.search(text, reach, quote.open_mark)
    dash = _DASH_BEFORE.search(text, reach, quote.open_mark)
    if colon is None and (dash is None or quote.close_mark is None or not _DASH_AFTER.match(text, quote.after)):
        return None
    words = text[quote.start : quote.end].split()
    if len(words) < rules.ASIDE_MIN_WORDS or _title_case(words):
        return None  # "the new motto: “Forward”", a title between dashes
    mark = colon or dash
    assert mark is not None
    return Found(
        content=Span(quote.start, quote.end),
        kind=ClaimKind.DIRECT,
        mention=_aside_speaker(doc, sentence, mark.start(), dashed=colon is None, colon=colon is not None)
        or doc.subject_between(para_start, quote.open_mark),
        cue=Span(mark.start(), mark.start() + len(mark.group().strip(" \t\u00a0"))),
        confidence=rules.ASIDE_QUOTE,
        sentence=sentence,
    )


#: "pounding Trump as a “con artist”": "as" and an article before a quotation (not "such as", "known as").
_AS_LABEL = re.compile(r"(?<!\bsuch )(?<!\bknown )(?<!\bwell )(?<!\bjust )\bas[ \t]+(?:(?:an?|the)[ \t]+)?$")


def _labelled(doc: DocumentState, quote: Quote, sentence: Span) -> Found | None:
    """A quotation a verb outside the lexicon pins on someone: "has been pounding Trump as a “con
    artist”", "admires Putin as a “strong leader”". The claim starts at "as"; the speaker is the
    sentence's subject."""
    text = doc.text
    label = _AS_LABEL.search(text, max(sentence.start, quote.open_mark - 12), quote.open_mark)
    if label is None or quote.close_mark is None or _title_case(text[quote.start : quote.end].split() or ["x"]):
        return None
    content = Span(label.start(), frame_end(text, quote.after, sentence.end))
    return Found(
        content=content,
        kind=ClaimKind.DIRECT,
        mention=_named(_aside_speaker(doc, sentence, label.start(), dashed=False, colon=False)),
        cue=None,
        confidence=rules.ASIDE_QUOTE,
        sentence=sentence,
        fragments=(Span(quote.start, quote.end),),
    )


def _named(mention: Mention | None) -> Mention | None:
    """The mention when it names someone ("Senate Minority Leader Harry Reid", "the senator"), not a
    guess that read a clause's first words ("The choice", "Conversely")."""
    if mention is None or mention.pronoun:
        return mention
    words = mention.text.split()
    head = words[-1].lower()
    if words[0].lower() in lexicon.SENTENCE_ADVERBS or (words[0].lower() in lexicon.DETERMINERS and len(words) == 1):
        return None
    return mention if words[-1][:1].isupper() or head in lexicon.SPEAKER_NOUNS else None


def _aside_speaker(doc: DocumentState, sentence: Span, mark: int, *, dashed: bool, colon: bool) -> Mention | None:
    """Whose words an aside quotes: the name just before its dash ("Mitt Romney -- ''…''"); else the
    subject of the last clause before it ("…, that I had to change my answer: “…”"); else the
    sentence's subject ("The piece used her words as its headline: “…”"), or the name a "from"
    gives it ("A lesson from Loretta Lynch: “…”")."""
    text = doc.text
    near = tokenize(text, max(sentence.start, mark - rules.ASIDE_SPEAKER_REACH), mark)
    before = noun_phrase_before(text, near, len(near) - 1) if near else None
    if before is not None and not before.pronoun and before.text[:1].isupper():
        first = next(k for k, t in enumerate(near) if t.start >= before.extent.start)
        if dashed or (first > 0 and near[first - 1].lower in ("from", "by")):
            return before
    for k in range(len(near) - 2, -1, -1) if colon else ():
        if near[k].lower in _CLAUSE_BOUNDARIES:  # "…, that I had to …", "… -- a reader would now ask"
            subject = noun_phrase_after(text, near, k + 1)
            opens = near[k + 1].lower in lexicon.PRONOUNS or near[k + 1].lower in lexicon.DETERMINERS
            if (
                subject is not None
                and subject.extent.start == near[k + 1].start
                and (opens or subject.text[:1].isupper())
            ):
                return subject
            break
    opening = Span(sentence.start, min(mark, sentence.start + rules.ASIDE_SPEAKER_REACH))
    return clause_subject(Sentence(text, opening, [], tokenize(text, opening.start, opening.end)), opening.end)


_CLAUSE_BOUNDARIES = frozenset({",", ";", "-", "\u2014", "\u2013", "that"})


def _title_case(words: list[str]) -> bool:
    """ "Legend in the Coal Fields.": every word capitalised but the short ones titles leave small."""
    return all(w[:1].isupper() or w.lower() in lexicon.TITLE_SMALL_WORDS for w in words) and words[0][:1].isupper()


def block_quote(doc: DocumentState, para: Span) -> Found | None:
    """The paragraph after "Limbaugh added:" printed without quotation marks: a block quotation."""
    lead = doc.colon_lead
    if lead is None or not _right_after(doc, lead[0], para.start):
        return None
    text = doc.text
    if text.startswith(_QUOTE_MARKS, para.start):
        return None  # a quotation opens it: _after_colon_lead gives it the lead's speaker
    doc.colon_lead = None
    _, mention, cue = lead
    content = strip_span(text, para, " \t\n")
    if content.end - content.start < rules.MIN_CLAUSE_CHARS:
        return None
    return Found(
        content=content, kind=ClaimKind.DIRECT, mention=mention, cue=cue, confidence=rules.BLOCK_QUOTE, sentence=para
    )


_QUOTE_MARKS = tuple(lexicon.QUOTE_MARKS)
_BLANK = re.compile(r"\s*")


def _right_after(doc: DocumentState, lead_end: int, at: int) -> bool:
    """True when only blanks stand between a colon lead and ``at``; when not, the lead is dropped, so
    that no later paragraph or quotation reads the growing stretch between them again."""
    blank = _BLANK.match(doc.text, lead_end, at)
    if blank is not None and blank.end() == at:
        return True
    doc.colon_lead = None
    return False


def _quoted(quote: Quote, mention: Mention | None, cue: Span | None, confidence: float, sentence: Span) -> Found:
    """A direct claim of ``quote``'s words, as the fallbacks find them."""
    return Found(
        content=Span(quote.start, quote.end),
        kind=ClaimKind.DIRECT,
        mention=mention,
        cue=cue,
        confidence=confidence,
        sentence=sentence,
    )


def _after_colon_lead(doc: DocumentState, quote: Quote, sentence: Span) -> Found | None:
    """The quotation that opens the paragraph after "The New York Times reports:" is its report."""
    if doc.colon_lead is None:
        return None
    end, mention, cue = doc.colon_lead
    if not _right_after(doc, end, quote.open_mark):
        return None
    doc.colon_lead = None
    return _quoted(quote, mention, cue, rules.COLON_LEAD, sentence)


#: What may stand before a quotation that opens its sentence: “…” / — “…” / (“…”.
_LEAD = re.compile(r"[ \u2014\u2013\-(]*")


def _lead_end(doc: DocumentState, sentence: Span) -> int:
    """Where the sentence's first word or mark begins, past spaces, dashes and a parenthesis (read once)."""
    if sentence not in doc.leads:
        lead = _LEAD.match(doc.text, sentence.start, sentence.end)
        doc.leads[sentence] = lead.end() if lead is not None else sentence.start
    return doc.leads[sentence]


def _slogan(doc: DocumentState, quote: Quote, sentence: Span) -> Found | None:
    """A chant, slogan or banner: “…” is speech of whoever the sentence names before the word."""
    if sentence not in doc.slogans:  # the same for every quotation of the sentence: read once
        doc.slogans[sentence] = _slogan_word(doc.text, sentence)
    slogan = doc.slogans[sentence]
    if slogan is None:
        return None
    cue, mention = slogan
    return Found(
        content=Span(quote.start, quote.end),
        kind=ClaimKind.DIRECT,
        mention=replace(mention) if mention is not None else None,  # each claim its own mention, as before
        cue=cue,
        confidence=rules.SLOGAN,
        sentence=sentence,
    )


def _slogan_word(text: str, sentence: Span) -> tuple[Span, Mention | None] | None:
    """The sentence's slogan word and whoever is named before it: "The opposition’s slogan"."""
    slogan = lexicon.SLOGAN_WORDS.search(text, sentence.start, sentence.end)
    if slogan is None:
        return None
    cue = Span(slogan.start(), slogan.end())
    tokens = tokenize(text, sentence.start, cue.start)
    mention = None
    if tokens:
        end_index = len(tokens) - 1
        last_word = tokens[end_index].text
        bare = last_word in (*lexicon.POSSESSIVE_ENDINGS, "s")
        if bare or last_word.endswith(lexicon.POSSESSIVE_ENDINGS):  # "The opposition’s slogan"
            owner = tokens[:end_index] if bare else tokens[: end_index + 1]
            mention = possessor(text, list(owner))
        if mention is None:
            mention = noun_phrase_before(text, tokens, end_index)
    return cue, mention


def _transcript(doc: DocumentState, quote: Quote, sentence: Span) -> Found | None:
    """'PENCE: Well, the question…' inside a quotation of a transcript."""
    text = doc.text
    label = _TRANSCRIPT_LABEL.match(text, quote.start, quote.end)
    if label is None:
        return None
    content = strip_span(text, Span(label.end(), quote.end), " ")
    if content.start >= content.end:
        return None  # a label with nothing after it ("PENCE: ”") says nothing
    name = Span(label.start(1), label.end(1))
    mention = Mention(span=name, text=text[name.start : name.end], pronoun=False, organisation=False)
    return Found(
        content=content,
        kind=ClaimKind.DIRECT,
        mention=mention,
        cue=Span(name.end, name.end + 1),
        confidence=rules.TRANSCRIPT_LABEL,
        sentence=sentence,
    )


def _from_context(doc: DocumentState, quote: Quote, sentence: Span, para_start: int) -> Found | None:
    """A continued quotation, else the paragraph's subject, else the nearest earlier speaker."""
    span = Span(quote.start, quote.end)
    last = doc.last_speaker_before(quote.open_mark)
    # The next part of a quotation the previous sentence attributed: “…,” Ryan said. “And…”
    if (
        last is not None
        and last.kind is ClaimKind.DIRECT
        and (
            quote.continues
            or (last.content.start >= para_start and quote.open_mark - last.content.end < rules.CONTINUATION_REACH)
        )
    ):
        return Found(
            content=span,
            kind=ClaimKind.DIRECT,
            mention=last.mention,
            cue=last.cue,
            confidence=rules.CONTINUED_QUOTE,
            sentence=sentence,
            resolved=last.resolved,
        )
    # The paragraph's subject: "X, who…, paid tribute … “In the last month…”"
    subject = doc.subject_between(para_start, quote.open_mark)
    if subject is not None:
        return Found(
            content=span,
            kind=ClaimKind.DIRECT,
            mention=subject,
            cue=None,
            confidence=rules.PARAGRAPH_SUBJECT,
            sentence=sentence,
        )
    if last is not None and quote.open_mark - last.content.end < rules.NEAREST_SPEAKER_REACH:
        return Found(
            content=span,
            kind=ClaimKind.DIRECT,
            mention=last.mention,
            cue=None,
            confidence=rules.NEAREST_SPEAKER,
            sentence=sentence,
            resolved=last.resolved,
        )
    return None
