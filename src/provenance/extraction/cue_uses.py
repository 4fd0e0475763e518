"""Whether a cue word reports anything where it stands: a noun ("the reports of"), a modifier
("pledged delegates", "a strong showing"), a passive, an infinitive or a hypothetical reports
nothing, and neither does a "speaker" that cannot report (a poll that "finds", a time, "what Trump says")."""

from __future__ import annotations

import re

from . import lexicon, rules
from .candidates import Sentence
from .cues import CueMatch
from .phrases import Mention, Token


def can_speak(view: Sentence, match: CueMatch, mention: Mention) -> bool:
    """False for a "speaker" that reports nothing with this cue."""
    words = mention.text.lower().split()
    if match.word.lower() in lexicon.EVIDENCE_CUES and not _evidence_speaker(mention):
        return False  # "Putin has long found Lukashenko…", "the poll shows…": no one reports anything
    if all(word in lexicon.TIME_PHRASE_WORDS for word in words):
        return False  # "This week, the president declined to … declare it responsible": a time
    if words[-1] in lexicon.MUTE_HEADS and match.word.lower() != "according to":
        return False  # "The evidence suggests …", "There are fears …"; not "according to federal statistics"
    if _in_noun_clause(view, mention):
        return False  # "Everything Trump says is a lie", "what Trump says his plan would do": no report
    return mention.pronoun or words[0] not in lexicon.SENTENCE_ADVERBS  # not "Seriously, please ask …"


def _in_noun_clause(view: Sentence, mention: Mention) -> bool:
    """True when the speaker opens a clause that is a noun phrase: "what Trump says", "everything she said"."""
    before = view.tokens_within(view.span.start, mention.extent.start)[-1:]
    first = mention.text.split(maxsplit=1)[0].lower()
    return first in lexicon.NOUN_CLAUSE_OPENERS or (bool(before) and before[0].lower in lexicon.NOUN_CLAUSE_OPENERS)


def is_cue(view: Sentence, match: CueMatch) -> bool:
    """False for a cue word used otherwise: a noun ("the reports of", "a flurry of tweets", "secretary
    of state"), or a capitalised word inside a name."""
    word = match.word.lower()
    named = view.tokens_within(view.span.start, match.cue.start)[-1:]
    introduces = view.text.startswith(":", match.cue.end) and bool(named) and named[0].capitalised
    demands = word == "calls" and _DEMAND_FOLLOWS.match(view.text, match.cue.end) is not None
    if word in lexicon.NOUN_LIKE_CUES and _noun_use(view.text, match.cue.end) and not (introduces or demands):
        return False  # "Democratic claims as true", "the reports of"; not "The Times reports: …"
    before = view.tokens_within(max(view.span.start, match.cue.start - rules.AUXILIARY_REACH), match.cue.start)
    previous = [t for t in before if not adverb(t)][-1:]  # an auxiliary too: "was (first) announced"
    passive = word.endswith(("ed", "en")) or word in _IRREGULAR_PAST
    if previous and previous[0].lower in lexicon.BE_FORMS and passive:
        return False  # "was charged with", "is observed as": passive, nobody reports
    if previous and previous[0].lower == "to" and word in lexicon.CUE_BASES and not _went_on(before, word):
        return False  # "no way to tell", "declined to comment" (but "went on to say" reports)
    if word in lexicon.STANCE_CUES and any(t.lower in lexicon.MODALS for t in before[-3:]):
        return False  # "many would hope …": hypothetical
    following = re.match(r"\s+(\w+)", view.text[match.cue.end : match.cue.end + 20])
    if following and word in lexicon.EVIDENCE_CUES and following.group(1).lower() in ("up", *lexicon.REFLEXIVES):
        return False  # "find themselves in …", "showed up at the debate"
    if word in lexicon.NAMING_PARTICIPLES and previous and previous[0].text == "," and _one_comma_before(view, match):
        return False  # "The program, called EB-5, allows …": a name given ("X, an adviser, called …" reports)
    if lexicon.QUANTITY_OBJECT.match(view.text, match.cue.end) or _modifier_use(view, match, word, previous):
        return False  # "Germany's DAX added 0.1 per cent": a market moved; "pledged delegates", "a strong showing"
    if previous and previous[0].lower in ("without", "no"):
        return False  # "It goes without saying", "there is no denying": nothing said
    if word in lexicon.NOUN_FORMS:
        before = view.tokens_within(view.span.start, match.cue.start)[-2:]
        if before and (before[-1].lower in lexicon.SPEAKER_NOUNS or before[-1].lower in lexicon.ORGANISATION_WORDS):
            before = before[-1:]  # "The agency estimates that …": a body before it is its subject
        if any(
            t.lower in lexicon.NOUN_MARKERS or t.text.isdigit() or t.lower.endswith(("'s", "\u2019s")) for t in before
        ):
            return False
    # 'State' in a name is not the verb; 'Said Ellis:' at a sentence start is, and so is any cue in a
    # headline, where every word is capitalised ("Chris Christie Calls Hillary Clinton ‘A Disgrace’")
    return not (match.word[:1].isupper() and view.lead(' \u201c"(') < match.start and not headline(view))


def _modifier_use(view: Sentence, match: CueMatch, word: str, previous: list[Token]) -> bool:
    """True for a cue form that modifies or names rather than reports: a participle before the noun it
    qualifies ("pledged delegates"), a gerund after a determiner or a possessive ("a strong showing",
    "the new thinking", "Rubio's showing"), "add to" ("the scandal adds to the drama")."""
    following = _NEXT_WORD.match(view.text, match.cue.end)
    after = following.group(1).lower() if following else ""
    if after in lexicon.QUALIFIED_NOUNS.get(word, ()):
        return True
    if word in lexicon.ADDING_CUES and after == "to":
        return True
    if word.endswith("ing") and previous:
        last = previous[0].lower
        possessive = last.endswith(lexicon.POSSESSIVE_ENDINGS) and last[:-2] not in lexicon.PRONOUNS  # not "he's"
        return last in _NOUN_DETERMINERS or possessive or last.endswith("est")
    return False


#: Words before which an "-ing" form is a noun or an adjective ("the tweeting", "her best showing", "most
#: telling"); not "one saying that …", a participle after a pronoun.
_NOUN_DETERMINERS = frozenset("the a an his her its their this that these those my your our most more less".split())


_NEXT_WORD = re.compile(r"\s+(\w+)")
#: "He calls for a ban", "calls on Congress to act": the verb, whose subject the noun-form test below
#: tells from "these calls for", "Pence's calls on".
_DEMAND_FOLLOWS = re.compile(r"\s+(?:for|on)\s")


def headline(view: Sentence) -> bool:
    """True for a sentence in Title Case: a headline, where capitals say nothing about names."""
    words = [t.text for t in view.tokens if t.text[:1].isalpha()]
    if len(words) < rules.HEADLINE_MIN_WORDS:
        return False
    capitalised = sum(w[:1].isupper() for w in words if w.lower() not in lexicon.TITLE_SMALL_WORDS)
    return capitalised >= rules.HEADLINE_CAPITALISED * sum(w.lower() not in lexicon.TITLE_SMALL_WORDS for w in words)


def _went_on(before: list[Token], word: str) -> bool:
    """True for "went on to say", "going on to add", "continued to insist", "appeared to suggest": a
    report, though an infinitive (not "declined to comment", "hard to say", "began to show")."""
    words = [t.lower for t in before[-3:]]
    lead = len(words) >= 2 and words[-1] == "to" and words[-2] in lexicon.REPORTING_INFINITIVE_LEADS
    if lead and word in lexicon.SPEECH_CUES and not lexicon.SLOGAN_WORDS.fullmatch(word):
        return True
    return len(words) == 3 and words[1:] == ["on", "to"] and words[0] in ("go", "goes", "going", "went", "gone")


def _one_comma_before(view: Sentence, match: CueMatch) -> bool:
    """True when the comma just before the cue is the sentence's first: no appositive closes there."""
    return sum(t.text == "," for t in view.tokens_within(view.span.start, match.cue.start)) == 1


def adverb(token: Token) -> bool:
    """An adverb between an auxiliary and its verb: "was first reported", "is widely believed"."""
    return token.lower.endswith("ly") or token.lower in ("first", "also", "then", "later", "since", "not")


_IRREGULAR_PAST = frozenset({"told", "said", "wrote", "found", "thought", "shown", "sung", "sang"})


def _noun_use(text: str, end: int) -> bool:
    following = re.match(r"\s*([\w]+|[^\w\s])", text[end : end + rules.NOUN_USE_REACH])
    return following is not None and following.group(1).lower() in lexicon.NOUN_FOLLOWERS


def _evidence_speaker(mention: Mention) -> bool:
    """Who can show or find something as a report: a person or a body, not a poll, a record or a chart."""
    words = mention.text.lower().split()
    if any(word in lexicon.DOCUMENT_NOUNS for word in words):
        return False
    return mention.organisation or words[-1] in lexicon.SPEAKER_NOUNS or mention.text[:1].isupper()
