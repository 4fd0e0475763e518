"""Who speaks for a cue, as printed (speakers.py later resolves who that is): the noun phrase before
it, the name after it ("…, said X"), or the subject of the clause a participle continues ("The
minister defended the budget, saying …").

English puts the speaker after the verb only after the report, so a name after a cue anywhere
else is its object; a time ("Sanders on Tuesday said") or an opening adjunct ("Later in the day,
Trump …") between subject and cue is passed over.
"""

from __future__ import annotations

from . import lexicon, rules
from .candidates import Sentence
from .cues import CueMatch
from .phrases import AUXILIARY_WORDS, Mention, Token, noun_phrase_after, noun_phrase_before
from .segment import Span


def cue_speaker(
    view: Sentence, segment: Span, match: CueMatch, last_mention: Mention | None
) -> tuple[Mention | None, bool, bool]:
    """The cue's speaker, whether it follows the cue ("said X": inverted), and whether it was borrowed
    from the clause the cue continues ("…, saying …", "… and warned …").

    English puts the speaker after the verb only after the report ("…, said X", "“…,” said X")
    or at a sentence's start ("Said Ellis: …"); anywhere else a name after the cue is its object
    ("said Tuesday's remarks…"), so the sentence's subject is looked for instead.
    """
    left = view.tokens_within(segment.start, match.start)
    word = match.word.lower()
    after = view.tokens_within(match.cue.end, segment.end)
    if word == "according to":
        return noun_phrase_after(view.text, after, 0) or _source_after(view, after), True, False
    continues = left and (
        (left[-1].text == "," and word in lexicon.PARTICIPLE_CUES)  # "…, saying (that) …"
        or left[-1].lower in lexicon.COORDINATORS  # "the US said … and warned Moscow that …"
        or (left[-1].lower in lexicon.PARTICIPLE_LINKS and word in lexicon.PARTICIPLE_CUES)  # "… before asking her"
    )
    if not left and word in lexicon.PARTICIPLE_CUES and segment.start > view.span.start:
        continues = True  # 'as a “careful builder,” praising her budget': no "“…,” said X" inversion
    if continues:
        # "When my mother …, I laughed and said …": the nearest subject
        if left and left[-1].lower in lexicon.COORDINATORS:
            comma = max((t.start for t in left if t.text == ","), default=None)
            if comma is not None and (own := _subject(view, Span(comma + 1, match.start), match, reach=False)):
                return own, False, True
        return last_mention or _subject(view, view.span, match, reach=False), False, True
    left = without_time(_without_adverbs(left))  # "Sanders on Tuesday said", "Cruz strongly suggested"
    if len(left) >= 3 and left[-1].lower == "who" and left[-2].text == ",":
        antecedent = noun_phrase_before(view.text, left, len(left) - 3)  # "…, Stevie Wonder, who joked …"
        if antecedent is not None:
            return antecedent, False, False
    if left:
        mention = noun_phrase_before(view.text, left, len(left) - 1)
        comma = left[-1].text == ","
        final = _final_speaker(view, segment, after) if comma else None
        if mention is None and (final is None or any(t.lower in _RELATIVES for t in left)):
            # "Schiff, 56, who has served …, told": the subject; not "…, said the Energy Secretary"
            mention = _subject(view, segment, match) or (_opening_name(view, match) if comma else None)
        if mention is not None:
            return mention, False, False
        if left[-1].text not in (",", *lexicon.QUOTE_CLOSERS):
            return None, True, False  # "… observers in the capital say Morrow …": not "say Morrow"
        if comma:
            return final, True, False  # "…, said she could not …": "she" opens the report, it does not say it
    elif segment.start > view.span.start and not _quotation_ends_report(view.text, segment.start):
        return None, True, False  # 'A review in “The Northern Ledger” praised its patience': a title
    return noun_phrase_after(view.text, after, 0), True, False


#: Words that may follow a speaker named after its cue, ending the attribution: "…, said Ann Lee in a
#: statement", "…, said Lee, who …", "…, said Lee on Monday". Any other lower-case word makes the
#: name the subject of a clause the cue introduces ("Rubio, R-Fla., said Obama failed to …").
_ATTRIBUTION_TAIL = frozenset(
    """in on at of from during after before when while as by with to for about who whose which whom
    last this earlier later today yesterday tonight again also""".split()
)


def _final_speaker(view: Sentence, segment: Span, after: list[Token]) -> Mention | None:
    """The speaker after a cue when the attribution ends with it ("…, said Ann Lee." / "…, said she,
    adding …"), not the subject of the clause the cue introduces ("…, said she could not …", "…, said
    the plan was a “trap”")."""
    mention = noun_phrase_after(view.text, after, 0)
    if mention is None or any(word in lexicon.FINITE_WORDS for word in mention.text.lower().split()):
        return None  # "…, said the debate was rigged": a clause
    end = max(mention.extent.end, mention.role.end if mention.role is not None else 0)
    following = next((t for t in after if t.start >= end), None)
    if following is None:
        quoted = segment.end < view.span.end and not view.text[end : segment.end].strip(" ,:")
        return None if quoted else mention  # a quotation right after it continues the words it began
    if not following.text[:1].isalpha() or following.capitalised:
        return mention
    return mention if following.lower in _ATTRIBUTION_TAIL or following.lower.endswith("ly") else None


def _opening_name(view: Sentence, match: CueMatch) -> Mention | None:
    """The noun phrase a sentence opens with when a comma sets it off before its cue, however long the
    appositive, titles in quotation marks too: "Sandra Inman, a supporter from Jackson, Miss., attending
    the convention, said …", "Sam Lee, a star of the TV show “The Firm,” who …, said …"."""
    mention = _subject(view, view.span, match, reach=False)
    if mention is None:
        return None
    following = view.tokens_within(mention.span.end, match.start)[:1]
    return mention if following and following[0].text == "," else None


def clause_subject(view: Sentence, end: int) -> Mention | None:
    """The subject the sentence opens with, for words it quotes before ``end`` with no cue (a colon,
    a dash): "President Obama is rolling out a new message: “…”"."""
    mention = _subject(view, view.span, CueMatch(end, Span(end, end), ""), reach=False)
    if mention is None or mention.pronoun:
        return mention
    words = view.tokens_within(mention.span.start, mention.span.end)
    after = view.tokens_within(mention.span.end, end)[:1]
    if len(words) > 2 and words[-1].text.islower() and after and after[0].lower in lexicon.DETERMINERS:
        span = Span(words[0].start, words[-2].end)  # "The union gave its answer: “…”": "gave" is the verb
        return Mention(
            span=span, text=view.text[span.start : span.end], pronoun=False, organisation=mention.organisation
        )
    return mention


def _source_after(view: Sentence, after: list[Token]) -> Mention | None:
    """Whatever "according to" names, up to the punctuation: "federal statistics", "a new Washington
    Post-ABC News poll", "an analysis by the Tax Policy Center"."""
    words: list[Token] = []
    for token in after[: rules.SOURCE_PHRASE_TOKENS]:
        if not token.text[:1].isalnum() or token.lower in lexicon.CLAUSE_WORDS:
            break
        words.append(token)
    if not words:
        return None
    span = Span(words[0].start, words[-1].end)
    return Mention(span=span, text=view.text[span.start : span.end], pronoun=False, organisation=True)


_RELATIVES = frozenset({"who", "whose", "whom"})


def _without_adverbs(left: list[Token]) -> list[Token]:
    """The words before a cue without the adverbs just before it ("Cruz strongly suggested") and the verb
    an infinitive cue hangs on ("Cruz continued to insist")."""
    end = len(left)
    if end >= 2 and left[-1].lower == "to" and left[-2].lower in lexicon.REPORTING_INFINITIVE_LEADS:
        end -= 2  # "the senator continued to insist": the verb before the infinitive is no part of its subject
    while end > 0 and end > len(left) - rules.TIME_BEFORE_CUE_TOKENS and _adverb(left[end - 1]):
        end -= 1
    return left[:end] if end > 0 else left


def without_time(left: list[Token]) -> list[Token]:
    """The words before a cue without a time between subject and verb: "Sanders on Tuesday said",
    "the minister, on Monday, said", "Trump last week said"."""
    end = len(left) - (1 if left and left[-1].text == "," else 0)
    k = end
    while (
        k > 0
        and end - k < rules.TIME_BEFORE_CUE_TOKENS
        and (left[k - 1].lower in lexicon.CALENDAR or left[k - 1].lower in lexicon.TIME_PHRASE_WORDS)
    ):
        k -= 1
    if k == end:
        return left
    if k > 0 and left[k - 1].lower in ("on", "in", "at", "early", "late"):
        k -= 1
    if end < len(left):  # "…, on Monday, said": the time must be set off on both sides
        if k == 0 or left[k - 1].text != ",":
            return left
        k -= 1
    if k > 0 and left[k - 1].text == ",":
        return left[:k]  # "Beck, who …, last week said": the comma sets off what comes before the subject's verb
    return left[:k] if k > 0 and left[k - 1].text[:1].isalnum() else left


def _quotation_ends_report(text: str, after: int) -> bool:
    """True when the quotation closing just before ``after`` ends as speech does ('“…,” said X',
    '“…?” asked X'): a title or scare quote ends with no punctuation inside its marks."""
    mark = after - 1
    while mark > 0 and text[mark] in lexicon.QUOTE_CLOSERS + "'\u2019":
        mark -= 1
    return text[mark] in ",.!?;:\u2014\u2013-\u2026"


def _subject(view: Sentence, segment: Span, match: CueMatch, *, reach: bool = True) -> Mention | None:
    """The noun phrase a clause opens with, as the speaker of a cue further on: "Political observers
    in the capital and around the region say …", "Rights organizations said …".

    Its words run up to the first preposition, clause word or punctuation; unless the cue continues
    the clause ("…, saying …": ``reach`` False), the words from there to the cue must be few.
    A sentence adverb before it ("However, 63 percent said …") is passed over.
    """
    clause = _after_opening_adjunct(view.tokens_within(segment.start, match.start))
    if not clause or (reach and len(clause) > rules.SUBJECT_REACH_TOKENS):
        return None
    words: list[Token] = []
    stop: Token | None = None  # the word the phrase ends before
    for stop in clause:
        word = stop
        if word.text == "." and words and (words[-1].lower in lexicon.ABBREVIATIONS or _initial(words[-1])):
            continue  # "Mr. Trump", "Roxana M. Leon": the stop ends a title or an initial, not the phrase
        if not word.text[:1].isalnum():
            break
        if word.lower in lexicon.SUBJECT_STOPS and not (words and words[-1].lower in lexicon.SOURCE_LINKS):
            break  # "Officials in Kyiv said"; but "A source close to the board said" is one phrase
        verb_like = word.text.islower() and word.lower.endswith("ed")
        linked = len(words) >= 2 and words[-2].lower in lexicon.SOURCE_LINKS  # "close to *the* board"
        opener = word.lower in lexicon.DETERMINERS or word.lower in lexicon.CLAUSE_WORDS
        if words and not linked and (opener or verb_like):
            break  # "The minister *defended* the budget, saying …"
        if words and word.lower in AUXILIARY_WORDS:
            break
        words.append(word)
    else:
        stop = None
    if len(words) > 1 and stop is not None and stop.text.isalpha() and stop.text.islower() and _adverb(words[-1]):
        words.pop()  # "Mr. Trump hardly clarified …": an adverb before the verb
    if words and words[0].lower in lexicon.PRONOUNS and not reach:
        pronoun = words[0]  # "He then defended the remark, saying …": the participle's subject is "he"
        return Mention(
            span=Span(pronoun.start, pronoun.end),
            text=pronoun.text,
            pronoun=True,
            organisation=pronoun.lower in lexicon.ORGANISATION_PRONOUNS,
        )
    most = rules.SUBJECT_TOKENS + rules.SOURCE_LINK_TOKENS * any(w.lower in lexicon.SOURCE_LINKS for w in words)
    counted = [w for w in words if not _initial(w) and w.lower.strip(".") not in _NAME_EXTRAS]  # "Joseph R. Biden Jr."
    if not words or len(counted) > most or words[0].lower in lexicon.PRONOUNS:
        return None
    if words[-1].lower in lexicon.DETERMINERS:
        return None
    head = words[-1].lower
    if head.endswith(("ed", "ing")) or head in AUXILIARY_WORDS:
        return None  # "Court ruled", "Officials warning": a verb, not a head noun
    span = Span(words[0].start, words[-1].end)
    organisation = head in lexicon.ORGANISATION_WORDS or head.endswith("s")
    return Mention(span=span, text=view.text[span.start : span.end], pronoun=False, organisation=organisation)


#: Parts of a name that do not make a subject longer: "Vice President Joseph R. Biden Jr." is one person.
_NAME_EXTRAS = lexicon.NAME_SUFFIXES | frozenset(lexicon.TITLE_WORDS)


def _initial(token: Token) -> bool:
    return len(token.text) == 1 and token.text.isupper()


def _adverb(token: Token) -> bool:
    return token.text.islower() and token.lower.endswith("ly")


def _after_opening_adjunct(clause: list[Token]) -> list[Token]:
    """The clause without an opening adverb or adjunct and its comma: "However, …", "Later in the day, …",
    "In an August speech, …"."""
    if not clause or (
        clause[0].lower not in lexicon.SENTENCE_ADVERBS
        and clause[0].lower not in lexicon.ADJUNCT_OPENERS
        and clause[0].lower not in lexicon.CLAUSE_OPENERS
    ):
        return clause
    for k, word in enumerate(clause[: rules.OPENING_ADJUNCT_TOKENS + 1]):
        if word.text == ",":
            return clause[k + 1 :]
    if clause[0].lower in lexicon.CLAUSE_OPENERS:
        return clause[1:]  # "When my mother mentioned …": the cue is in the subordinate clause
    return clause
