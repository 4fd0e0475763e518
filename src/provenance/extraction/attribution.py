"""Sentence rules: which cue attributes which words to which speaker.

For each sentence: find the attribution cues outside quotation marks, the
speaker on either side of each cue ("X said", "said X", "according to X"), and
the content the cue governs — an adjacent quotation (direct), or the reported
clause after or before it (indirect), keeping any quotation inside that clause
as one of the claim's verbatim fragments (one claim per utterance). Quotations no cue accounts for go to
:mod:`~provenance.extraction.fallbacks`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..records import ClaimKind
from . import lexicon, rules
from .candidates import Claimed, DocumentState, Found, Sentence
from .content import (
    ADJUNCT,
    adverbial_clause,
    balanced,
    cut_coordination,
    forward_content,
    frame_end,
    only_adjunct,
    strip_span,
    venue_hint,
)
from .cue_speakers import cue_speaker
from .cue_uses import can_speak, headline, is_cue
from .cues import CueMatch, find_cues
from .fallbacks import chanted, dash_or_colon
from .phrases import Mention, Token, noun_phrase_after, tokenize
from .questions import questions_put
from .results import VenueHint
from .segment import Quote, Span


def analyse_sentence(doc: DocumentState, sentence: Span, sentence_quotes: list[Quote]) -> set[Quote]:
    """Find the attributions of one sentence; return the quotes they account for."""
    text = doc.text
    used: set[Quote] = set()
    tokens = tokenize(text, sentence.start, sentence.end)
    _note_subject(doc, tokens)
    view = Sentence(text, sentence, sentence_quotes, tokens)
    claimed = Claimed()  # contents found so far: a cue inside one belongs to it
    for question in questions_put(text, sentence):  # "Asked whether …, Smith said": the question first
        doc.found.append(question)
        claimed.add(Span(question.cue.start if question.cue else question.content.start, question.content.end))
    last_mention: Mention | None = None
    for segment, match in _cues(text, sentence, sentence_quotes)[: rules.MAX_CUES_PER_SENTENCE]:
        if claimed.covers(match.cue.start) or not is_cue(view, match):
            continue
        mention, inverted, borrowed = cue_speaker(view, segment, match, last_mention)
        if mention is None:
            continue
        if not can_speak(view, match, mention) or chanted(doc, view, match, mention, used):
            continue
        cue = _Cue(view=view, segment=segment, cue=match.cue, mention=mention, inverted=inverted, borrowed=borrowed)
        found = _attribute(cue, used)
        last_mention = mention  # "Mook said as much …, arguing that …": a participle borrows him all the same
        if found:
            doc.found.extend(found)
            for one in found:
                claimed.add(one.content)
        elif _COLON_LEAD.fullmatch(text, match.cue.end, sentence.end) and text.startswith("\n", sentence.end):
            doc.colon_lead = (sentence.end, mention, match.cue)  # "The New York Times reports:" ⏎ “…”
    for quote in sentence_quotes:
        if quote not in used:
            found_one = dash_or_colon(doc, view, quote)
            if found_one is not None:
                doc.found.append(found_one)
                used.add(quote)
    return used


#: What may follow a cue that introduces the next paragraph: a time or place and a colon.
_COLON_LEAD = re.compile(r"[^.:;!?\n\u201c\u201d\"]{0,40}:\s*")


def _note_subject(doc: DocumentState, tokens: Sequence[Token]) -> None:
    """Remember the sentence's subject when it is a name ("Defence Minister Piotr Haller met…",
    "The Interior Ministry issued…"): later pronouns and unattributed quotes may refer to it."""
    if not tokens or not tokens[0].capitalised:
        return
    opener = tokens[0].lower in lexicon.SENTENCE_OPENERS
    if opener and not (tokens[0].lower == "the" and len(tokens) > 1 and tokens[1].capitalised):
        return
    subject = noun_phrase_after(doc.text, tokens, 0)
    if subject is not None and not subject.pronoun and subject.extent.start == tokens[0].start:
        doc.subjects.append(subject)


def _cues(text: str, sentence: Span, sentence_quotes: Sequence[Quote]) -> list[tuple[Span, CueMatch]]:
    """The cues outside quotation marks, each with its stretch of the sentence; a sentence-final cue first."""
    outside: list[Span] = []
    cursor = sentence.start
    for quote in sentence_quotes:
        outside.append(Span(cursor, max(cursor, quote.open_mark)))
        cursor = quote.after
    outside.append(Span(cursor, sentence.end))
    matches = [(segment, m) for segment in outside for m in find_cues(text, segment.start, segment.end)]
    if len(matches) > 1 and _final_attribution(text, sentence, matches[-1][1]):
        matches.insert(0, matches.pop())  # "…, but the NYPD overruled that request, the source added."
    return matches


# Spaces and trailing punctuation are taken whole (possessive ``*+``, ``++``): how a run of spaces is
# shared between neighbouring parts never decides a match, and trying every share cost n³ on a
# tail of n spaces.
_FINAL = re.compile(
    r"\s*+(?:[A-Z][\w.\u2019'-]*(?:\s++[A-Z][\w.\u2019'-]*)*|(?:the|a|an|another|one)\s++[\w-]+(?:\s++[\w-]+)?)?"
    rf"\s*+(?:on|in|at|last|this)?\s*+(?:[A-Z]\w+|{'|'.join(lexicon.FINAL_CUE_NOUNS)})?\W*+$"
)
_FINAL_LEAD = re.compile(rf",\s*(?:[\w.\u2019'-]+\s+){{0,{rules.FINAL_ATTRIBUTION_WORDS}}}$")


def _final_attribution(text: str, sentence: Span, match: CueMatch) -> bool:
    """A cue that closes its sentence: '…, the source added.' / '…, said Smith.'"""
    if sentence.end - match.end > rules.FINAL_ATTRIBUTION_CHARS:
        return False
    before = text[sentence.start : match.start].rstrip()
    return bool(_FINAL_LEAD.search(before + " ")) and _FINAL.fullmatch(text, match.end, sentence.end) is not None


# ------------------------------------------------------------------ one cue, four rules


@dataclass(frozen=True, kw_only=True)
class _Cue:
    """One cue with its speaker, and where the attribution (speaker and cue together) sits in its sentence."""

    view: Sentence
    segment: Span  # the stretch of the sentence outside quotation marks that holds the cue
    cue: Span
    mention: Mention
    inverted: bool  # the speaker follows the cue: "said X"
    borrowed: bool = False  # the speaker is the clause's the cue continues: "…, adding that …"

    @property
    def text(self) -> str:
        return self.view.text

    @property
    def sentence(self) -> Span:
        return self.view.span

    @property
    def quotes(self) -> Sequence[Quote]:
        return self.view.quotes

    @property
    def start(self) -> int:
        return self.cue.start if self.borrowed else min(self.mention.extent.start, self.cue.start)

    @property
    def end(self) -> int:
        return self.cue.end if self.borrowed else max(self.mention.extent.end, self.cue.end)

    @property
    def word(self) -> str:
        return self.text[self.cue.start : self.cue.end].lower()

    @property
    def speech(self) -> bool:
        return self.word in lexicon.SPEECH_CUES

    def found(
        self,
        content: Span,
        kind: ClaimKind,
        confidence: float,
        venue: VenueHint | None,
        *,
        fragments: Sequence[Quote] = (),
    ) -> Found:
        return Found(
            content=content,
            kind=kind,
            mention=self.mention,
            cue=self.cue,
            confidence=confidence,
            sentence=self.sentence,
            fragments=tuple(Span(q.start, min(q.end, content.end)) for q in fragments if q.start < content.end),
            venue=venue,
        )


def _attribute(cue: _Cue, used: set[Quote]) -> list[Found]:
    """The claims one cue makes, by the first of four rules that applies."""
    around = Span(
        max(cue.start, cue.cue.start - rules.VENUE_BEFORE_CUE), min(cue.sentence.end, cue.end + rules.VENUE_REACH)
    )
    venue = venue_hint(cue.text, [around])
    for rule in (_quote_before, _quote_after, _clause_after):
        found = rule(cue, venue, used)
        if found is not None:
            return found
    if cue.borrowed:
        return []  # "… said they want X, but pledged …": what comes before is the first cue's
    return _clause_before(cue, venue, used)


def _quote_before(cue: _Cue, venue: VenueHint | None, used: set[Quote]) -> list[Found] | None:
    """1. A quotation that ends just before the attribution: "“…,” said X" / "“…,” X said"."""
    text = cue.text
    if cue.borrowed or _modifier(cue):
        return None  # '“lone wolves” and describe…': the cue continues a clause; it reports nothing before
    quote = cue.view.last_closed_before(cue.start)
    if quote is None or _DESCRIPTOR_GAP.fullmatch(text, quote.after, cue.start) is None:
        return None  # only a few lower-case words may stand between ('” panel Chairman X said')
    group = [quote]
    # A quote split around its attribution: "“…,” she said, “…”"
    nxt = cue.view.quotes_from(cue.end)[:1]
    if (
        nxt
        and not _TITLE_BEFORE.search(text, max(cue.end, nxt[0].open_mark - 40), nxt[0].open_mark)
        and (
            not text[cue.end : nxt[0].open_mark].strip(" ,:;\u2014\u2013-")
            or only_adjunct(text, cue.end, nxt[0].open_mark)
            or _appositive_gap(text[cue.end : nxt[0].open_mark])
        )
    ):
        group.append(nxt[0])
    results: list[Found] = []
    # The quotation may close a reported clause: "There is a risk that “…,” said X".
    if text[cue.sentence.start : quote.open_mark].strip(' \u201c"') and quote is cue.quotes[0] and cue.speech:
        if not cue.inverted and len(group) == 1 and _own_clause(cue):
            return None  # 'In an interview on CBS's “Face the Nation,” Ryan said the …': a title, then the report
        whole = balanced(text, strip_span(text, Span(cue.sentence.start, quote.after), " \t\n,;:\u2014\u2013-"))
        inner = cue.view.quotes_starting_in(whole)
        results.append(cue.found(whole, ClaimKind.INDIRECT, rules.CLAUSE_BEFORE_QUOTE, venue, fragments=inner))
        used.update(inner)
        used.add(quote)
        group = group[1:]
    for q in group:
        results.append(cue.found(Span(q.start, q.end), ClaimKind.DIRECT, rules.QUOTE_BESIDE_CUE, venue))
        used.add(q)
    return results


def _modifier(cue: _Cue) -> bool:
    """A participle after its noun ("a tweet attacking"), a cue noun after a name ("a Trump tweet")."""
    if cue.inverted:
        return False
    before = cue.view.tokens_within(max(cue.sentence.start, cue.cue.start - 2 * rules.AUXILIARY_REACH), cue.cue.start)
    if cue.word in lexicon.NOUN_FORMS:  # "a Donald Trump tweet": an article, a name, the word as a noun
        k = len(before)
        while k > 0 and before[k - 1].capitalised:
            k -= 1
        return 0 < k < len(before) and before[k - 1].lower in ("a", "an")
    return cue.word.endswith("ing") and (not before or before[-1].lower not in lexicon.BE_FORMS)


def _quote_after(cue: _Cue, venue: VenueHint | None, used: set[Quote]) -> list[Found] | None:
    """2. The attribution introduces a quotation that ends the sentence: "X said: “…”", "X told Reuters, “…”"."""
    following = cue.view.quotes_from(cue.cue.end)[:1]
    opens = cue.inverted and cue.cue.start == cue.view.lead(' \u201c"(')  # "Said Comey, “…”"
    if not following or (cue.inverted and not opens) or not _introduces(cue.text, cue.cue.end, following[0].open_mark):
        return None
    quote = following[0]
    if cue.view.letter_from(quote.after):
        return None  # words follow the quotation
    if _TITLE_BEFORE.search(cue.text, max(cue.cue.end, quote.open_mark - 40), quote.open_mark):
        return None  # 'said on CNN's “State of the Union.”': a programme's name
    used.add(quote)
    return [cue.found(Span(quote.start, quote.end), ClaimKind.DIRECT, rules.QUOTE_BESIDE_CUE, venue)]


def _clause_after(cue: _Cue, venue: VenueHint | None, used: set[Quote]) -> list[Found] | None:
    """3. Reported speech after the cue: "X said (that) …", "X asked how Moscow could “…”"."""
    if cue.inverted:
        return None
    text = cue.text
    content, adjunct, introduced = forward_content(text, cue.cue.end, cue.sentence.end)
    content, introduced = _reported_span(cue, content, introduced)
    following = cue.view.quotes_from(cue.cue.end)[:1]
    if not ((cue.cue.end < cue.segment.end or following) and (introduced or cue.word not in lexicon.OBJECT_CUES)):
        if not introduced and cue.word in lexicon.OBJECT_CUES and text[content.start : content.end].strip(" .,;:"):
            # "he wrote his book": no report, unless quoted; "denied the charges": the object is the report
            return _object_frame(cue, content, venue, used) or _object_report(cue, content, venue)
        return None
    if not introduced and _COORDINATED.match(text, content.start, content.end) and not following:
        return None  # "X reported from Midway Atoll, and Y from Kaneohe Bay": no report follows
    if not introduced and _ANAPHORIC.match(text, content.start, content.end):
        return []  # "Mook said as much": what was said is elsewhere, and the words before are his title
    if not introduced and (adverbial_clause(text, content.start) or _topic_only(cue, content, following)):
        return None  # "said Friday as he entered the talks", "a tweet about the flood": no report
    if cue.word in lexicon.ADDRESSEE_CUES:
        addressed = _past_addressee(cue, content)
        if addressed is None:
            return None  # "…, union officials told POLITICO.": the report came before the cue
        content = addressed
    content = balanced(text, strip_span(text, cut_coordination(text, _subordinate_end(cue, content))))
    if not (_clause_worth_keeping(text, content) or _commitment(cue, text, content)):
        return None
    venue = venue or venue_hint(text, [adjunct])
    inner = cue.view.quotes_starting_in(content)
    used.update(inner)
    bare = " \t\n,;:.\u201c\u201d\"'"  # '' is a double quotation mark in wire copy
    if len(inner) == 1 and strip_span(text, content, bare) == strip_span(
        text, Span(inner[0].start, inner[0].end), bare
    ):
        return [cue.found(Span(inner[0].start, inner[0].end), ClaimKind.DIRECT, rules.QUOTE_AS_CLAUSE, venue)]
    confidence = rules.CLAUSE_AFTER_SPEECH_CUE if cue.speech else rules.CLAUSE_AFTER_STANCE_CUE
    return [cue.found(content, ClaimKind.INDIRECT, confidence, venue, fragments=inner)]


def _subordinate_end(cue: _Cue, content: Span) -> Span:
    """A report inside a subordinate clause that opens the sentence ends at the clause's comma: "Even as
    Mr. Obama has said that he opposes it, his administration continues …"."""
    first = cue.view.tokens[:2]
    opener = bool(first) and first[0].lower in lexicon.CLAUSE_OPENERS
    opener = opener or (len(first) == 2 and first[0].lower == "even" and first[1].lower in lexicon.CLAUSE_OPENERS)
    if not opener or "," in cue.text[cue.sentence.start : cue.cue.start]:
        return content  # "If it rains, he said, …": the report runs round its attribution
    if cue.text[cue.cue.end : content.start].strip().startswith(","):
        return content  # "As the Post reported, the inspector …": the report is the main clause
    comma = _OUTSIDE_COMMA.search(cue.text, content.start, content.end)
    return Span(content.start, comma.start()) if comma is not None else content


#: A comma and the subject of the main clause after it: a pronoun, a determiner or a name.
_OUTSIDE_COMMA = re.compile(r",\s+(?=(?:he|she|they|we|I|it|the|his|her|their|its|[A-Z][a-z]+)\b)")


def _reported_span(cue: _Cue, content: Span, introduced: bool) -> tuple[Span, bool]:
    """Where the report after a cue starts, and whether something introduced it, in the frames that
    move its start: a topic, a parenthetical attribution, a leading clause, a demand, a charge."""
    text = cue.text
    topic = _TOPIC.match(text, content.start, content.end)
    if topic is not None:  # "joked of the museum, “I haven't seen it yet”": the quotation is the report
        content, introduced = Span(topic.end(), content.end), True
    appositive = "," in text[cue.cue.end : content.start]
    if not introduced and appositive and _parenthetical(cue, content):
        # "The museum, Mr. Obama said, would make visitors face …": the report runs round its attribution
        content = Span(_content_start(cue), content.end)
    elif not introduced and appositive and _leading_clause(text, cue.sentence.start, cue.start):
        # "…, the operator announced on Tuesday, the third increase in two years": the report came first
        content = Span(content.start, content.start)
    demand = _DEMAND.match(text, cue.cue.end, cue.sentence.end) if cue.word in _CALLS else None
    if demand is not None:  # "called on police to release the videos", "called for an inquiry"
        content, introduced = Span(demand.end(), content.end), True
    if cue.word.lower() in lexicon.ACCUSING_CUES and _OF_DOING.match(text, content.start, content.end):
        introduced = True  # "accused the Saudi government of attempting to intimidate …": the charge is the report
    return content, introduced


def _topic_only(cue: _Cue, content: Span, following: Sequence[Quote]) -> bool:
    """True for "a tweet about the flood": what the words were about, not what they said."""
    return cue.word in lexicon.NOUN_FORMS and not following and bool(_ABOUT.match(cue.text, content.start, content.end))


_TITLE_BEFORE = re.compile(r"(?:\b(?:on|in)\s+[A-Z][\w.&-]*(?:['\u2019]s)?|['\u2019]s)\s*$")
_OF_DOING = re.compile(r"[^,;:.\u201c\u201d\"]{1,60}?\s(?:of|for)\s+(?:\w+\s+)?\w+ing\b")
_TOPIC = re.compile(
    r"\s*(?:(?:of|about)\s+[^,;:.\u201c\u201d\"]{1,40},|(?:the|these|those) (?:words|phrase|line)\s*[,:]?)"
    r"\s*(?=[\u201c\"]|'')"
)
_ABOUT = re.compile(r"\s*about\s+(?![\d$])")
_COORDINATED = re.compile(r"\s*(?:and|or|but)\b")
_ANAPHORIC = re.compile(
    r"\s*(?:as much|so|enough|the same(?: thing)?)"
    r"(?:\W*$|,|\s+(?:in|on|at|to|during|before|after|when|while|last|this)\b)",
    re.IGNORECASE,
)
_CALLS = frozenset({"call", "calls", "called", "calling"})
_DEMAND = re.compile(
    rf"(?:\s+(?:{'|'.join(lexicon.WEEKDAYS)}))?"  # "called Wednesday for …"
    rf"\s+(?:on|for)\s+(?!(?:{'|'.join(sorted(lexicon.CALENDAR))})\b)(?=[\w\u201c\"])"
)


def _own_clause(cue: _Cue) -> bool:
    """True when a reported clause follows the cue ("Ryan said the recent spate …"), not just an
    adjunct, an addressee or the sentence's end."""
    text = cue.text
    content, _adjunct, introduced = forward_content(text, cue.cue.end, cue.sentence.end)
    if cue.word in lexicon.ADDRESSEE_CUES:
        content = _skip_addressee(text, content)
    if cue.view.quotes_starting_in(content):
        return True  # 'after “A Change Is Gonna Come,” she added the words, “Hillary Clinton.”'
    if text[cue.cue.end : content.start].strip(" ") == "," and _participle_opens(text, content):
        return False  # '… the "woman card," Fiorina said, adding that …': the participle is a report of its own
    return introduced or len(text[content.start : content.end].split()) > rules.MAX_ADJUNCT_WORDS


def _participle_opens(text: str, content: Span) -> bool:
    """True when ``content`` opens with a participle cue ("adding that …", "saying …")."""
    first = re.match(r"[A-Za-z]+", text[content.start : content.end])
    return first is not None and first.group().lower() in lexicon.PARTICIPLE_CUES


def _object_report(cue: _Cue, content: Span, venue: VenueHint | None) -> list[Found]:
    """3c. The object of a verb that reports by naming it: "denied the charges", "described the
    meeting", "described the plan as a gift to developers"."""
    if cue.word not in lexicon.OBJECT_REPORT_CUES:
        return []
    text = cue.text
    content = balanced(text, strip_span(text, cut_coordination(text, content)))
    if not _clause_worth_keeping(text, content) or cue.view.quotes_starting_in(content):
        return []
    return [cue.found(content, ClaimKind.INDIRECT, rules.OBJECT_REPORT, venue)]


def _object_frame(cue: _Cue, content: Span, venue: VenueHint | None, used: set[Quote]) -> list[Found]:
    """3b. A quotation in the verb's object: "called the ruling “blatantly unconstitutional”",
    "described Clinton as a “disgrace”", "likened the rules to “burning the Constitution”".

    Only naming and judging verbs take this frame; the object before the first quotation must be
    short, and quotations joined to it by a few words ('“duped” by “a con”') belong to it too.
    A lone quotation is a direct claim; several make one claim that keeps each as a fragment.
    """
    if cue.word not in lexicon.FRAME_CUES:
        return []
    text = cue.text
    chain: list[Quote] = []
    previous = cue.cue.end
    for quote in cue.view.quotes_starting_in(cut_coordination(text, content)):
        gap = text[previous : quote.open_mark]
        limit = rules.FRAME_OBJECT_WORDS if not chain else rules.FRAME_JOIN_WORDS
        if len(gap.split()) > limit or (chain and any(ch in gap for ch in ".;:")):
            break
        chain.append(quote)
        if quote.close_mark is None:
            break
        previous = quote.after
    if not chain:
        return []
    used.update(chain)
    start = min(strip_span(text, content).start, chain[0].open_mark)
    bare = not text[start : chain[0].open_mark].strip().removeprefix("as").strip()  # "describing as “…” a tweet"
    whole = Span(start, chain[-1].after if bare else frame_end(text, chain[-1].after, content.end))
    kind = ClaimKind.DIRECT if len(chain) == 1 else ClaimKind.INDIRECT
    return [cue.found(whole, kind, rules.QUOTE_IN_OBJECT, venue, fragments=chain)]


def _clause_before(cue: _Cue, venue: VenueHint | None, used: set[Quote]) -> list[Found]:
    """4. Reported speech before the attribution: "…, sources said." / "…, said X." / "…, according to X."."""
    text = cue.text
    if _modifier(cue):
        return []
    content = strip_span(text, Span(cue.sentence.start, cue.start))
    if cue.word == "according to":
        tail = strip_span(text, Span(cue.end, cue.sentence.end))
        if len(tail) > len(content):
            content = tail
    content = balanced(text, content)
    if not _clause_worth_keeping(text, content) or _dangles(text, content):
        return []
    inner = cue.view.quotes_starting_in(content)
    used.update(inner)
    confidence = rules.CLAUSE_BEFORE_SPEECH_CUE if cue.speech else rules.CLAUSE_BEFORE_STANCE_CUE
    return [cue.found(content, ClaimKind.INDIRECT, confidence, venue, fragments=inner)]


def _clause_worth_keeping(text: str, content: Span) -> bool:
    """A reported clause worth a claim: long enough, with letters, and not just a time or place
    adjunct ("on Thursday", "Monday morning", "to my messages") or a lone adverb ("basically")."""
    words = text[content.start : content.end].split()
    if len(content) < rules.MIN_CLAUSE_CHARS or not any(map(str.isalpha, text[content.start : content.end])):
        return False
    if len(words) > rules.MAX_ADJUNCT_WORDS:
        return True
    first = words[0].lower().strip(",.;:")
    if first in lexicon.ADJUNCT_OPENERS or first in lexicon.CALENDAR:
        return False
    return not all(w.lower().strip(",.") in lexicon.SENTENCE_ADVERBS or w.lower().endswith("ly") for w in words)


def _commitment(cue: _Cue, text: str, content: Span) -> bool:
    """ "pledged to remain civil", "vowed to fight on": a promise's infinitive is what was promised."""
    return cue.word.lower() in lexicon.COMMITMENT_CUES and text.startswith("to ", content.start)


def _dangles(text: str, content: Span) -> bool:
    """True when a clause before its cue ends in "of", "at", "the"…: it is the start of the subject
    ("Sixty-two percent of Republicans agreed"), not what the subject said."""
    last = text[content.start : content.end].rsplit(None, 1)[-1].lower()
    return last in lexicon.DANGLING_WORDS


def _parenthetical(cue: _Cue, content: Span) -> bool:
    """True for an attribution set off by commas inside its report: "The museum, Mr. Obama said, would
    make …", "Though the move was seamless, he said, replacing her would be …" (not "…, the operator
    announced, the third increase": a noun phrase after it is an apposition)."""
    text = cue.text
    before = text[cue.sentence.start : cue.start].rstrip()
    words = text[content.start : content.end].split(maxsplit=1)
    if not before.endswith(",") or not words or words[0].lower() in lexicon.DETERMINERS:
        return False
    if cue.view.quotes_starting_in(Span(cue.sentence.start, cue.start)):
        return False  # a quotation before: the split-quote rules have it
    return len(before.split()) >= 2


def _content_start(cue: _Cue) -> int:
    """Where the report starts in a sentence: past leading spaces and dashes."""
    return strip_span(cue.text, Span(cue.sentence.start, cue.start)).start


def _leading_clause(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is a clause of some words ending in a comma: "…, the operator announced"."""
    before = text[start:end].rstrip()
    words = before.split()
    if words and (words[0].lower() in lexicon.ADJUNCT_OPENERS or words[0].lower() in lexicon.SENTENCE_ADVERBS):
        return False  # "During his years in office, Mr. Obama said, …": a time, and the report follows
    return before.endswith(",") and len(words) >= rules.MIN_LEADING_WORDS


_DESCRIPTOR_GAP = re.compile(rf"[\s,{lexicon.DASHES}-]*(?:[a-z][\w-]*\s+){{0,{rules.DESCRIPTOR_WORDS}}}")


def _appositive_gap(gap: str) -> bool:
    """', a law professor at X who has been …, “' between the two halves of a split quote."""
    return (
        len(gap) < rules.APPOSITIVE_GAP
        and re.fullmatch(r"\s*,[^\u201c\u201d\"]+[,:]\s*", gap) is not None
        and not find_cues(gap, 0, len(gap))
    )


_OBJECTS = "|".join(sorted(lexicon.OBJECT_PRONOUNS | lexicon.ADDRESSEE_NOUNS))
_INTRODUCER = re.compile(rf"^\s*(?:(?:the |a )?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*|{_OBJECTS}|it)(?:\s+as)?\s*")
_ADDRESSEE = re.compile(
    r"\s*(?:(?:the |a |an )?[A-Z][\w.\u2019'-]*(?:\s+[A-Z][\w.\u2019'-]*)*"
    rf"|{_OBJECTS}|"
    rf"(?:the |a |an )?[a-z]+ (?:{'|'.join(lexicon.AUDIENCE_NOUNS)}))\s*(?:,\s*)?(?:that\b|:)?\s*"
)


def _introduces(text: str, start: int, open_mark: int) -> bool:
    """True when only an adjunct or an addressee stands between a cue and a quotation."""
    gap = text[start:open_mark]
    if not gap.strip(" ,:"):
        return True
    match = ADJUNCT.match(gap)
    rest = gap[match.end() :] if match else gap
    rest = _INTRODUCER.sub("", rest)  # "X told Reuters: “…”", "X called it “…”", "X described it as “…”"
    return not rest.strip(" ,:")


def _past_addressee(cue: _Cue, content: Span) -> Span | None:
    """The content after an addressee ("told reporters that …"), None when the addressee is all there is
    (in a headline, where every word has a capital, the capitals name nobody)."""
    if _only_addressee(cue.text, content) and not headline(cue.view):
        return None
    return _skip_addressee(cue.text, content)


def _only_addressee(text: str, content: Span) -> bool:
    """True when all a cue's object says is whom it was told to: "told POLITICO on Tuesday."."""
    match = _ADDRESSEE.match(text[content.start : content.end])
    if match is None or not match.group().strip():
        return False
    rest = content.start + match.end()
    return not text[rest : content.end].strip(" .,;:") or only_adjunct(text, rest, content.end)


def _skip_addressee(text: str, content: Span) -> Span:
    """Content after "told reporters that", "warned the crowd:"."""
    match = _ADDRESSEE.match(text[content.start : content.end])
    if match and match.end() < len(content):
        return Span(content.start + match.end(), content.end)
    return content
