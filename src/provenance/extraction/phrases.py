"""Words and noun phrases: who a sentence names as its speaker.

Offsets stay offsets: a token is a slice of the document, a mention is a
span, so every speaker the extractor reports can be anchored. The rules read
capitalisation, titles and a few closed word lists (:mod:`~provenance.extraction.lexicon`)
instead of a tagger, which is what keeps extraction fast.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from . import lexicon, rules
from .lexicon import (
    CALENDAR,
    CLAUSE_WORDS,
    DETERMINERS,
    NAME_PARTICLES,
    ORGANISATION_PRONOUNS,
    PLACE_PREPOSITIONS,
    PRONOUNS,
    SENTENCE_OPENERS,
    STOP_AFTER_CUE,
)
from .segment import Span

AUXILIARY_WORDS = frozenset(a for a in lexicon.AUXILIARIES if " " not in a)
_WORD = re.compile(r"\w+(?:[-\u2019'.&]\w+)*|[^\w\s]")


class Token(NamedTuple):
    """A word or a punctuation mark, and where it is (a tuple: a sentence makes hundreds of them)."""

    text: str
    start: int
    end: int
    lower: str  # the text in lower case, read by nearly every rule

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def token(text: str, start: int, end: int) -> Token:
    return Token(text, start, end, text.lower())


def tokenize(text: str, start: int, end: int) -> list[Token]:
    tokens: list[Token] = []
    for match in _WORD.finditer(text, start, end):
        word = match.group()
        tokens.append(_new_token(Token, (word, match.start(), match.end(), word.lower())))
    return tokens


_new_token = tuple.__new__  # what Token(...) calls, without the call in between


@dataclass(kw_only=True, slots=True)
class Mention:
    span: Span  # the name itself: "Stephen Bezgon"
    text: str
    pronoun: bool
    organisation: bool
    phrase: Span | None = None  # the whole noun phrase: "US State Deputy Secretary of State Stephen Bezgon"
    role: Span | None = None  # an appositive describing the speaker: "Mike Smith, [a spokesman for X], said"

    @property
    def extent(self) -> Span:
        """Where the speaker's words begin and end in the sentence, titles included."""
        return self.phrase or self.span


def _name_run_back(tokens: Sequence[Token], i: int) -> int:
    """Index of the first token of the capitalised name that ends at tokens[i] (at most MAX_NAME_TOKENS back)."""
    j = i
    while j - 1 >= 0 and i - j < rules.MAX_NAME_TOKENS:
        prev = tokens[j - 1]
        if (prev.capitalised and prev.text not in ("I",) and not _is_sentence_opener(tokens, j - 1)) or (
            prev.lower in NAME_PARTICLES and j - 2 >= 0 and tokens[j - 2].capitalised
        ):
            j -= 1
        elif (
            prev.text == "."
            and j - 2 >= 0
            and tokens[j - 2].capitalised
            and (len(tokens[j - 2].text) <= 2 or tokens[j - 2].lower in lexicon.TITLE_WORDS)
        ):
            j -= 1  # "Paul D. Ryan", "Rep. Jason Chaffetz"
        elif prev.lower in lexicon.TITLE_WORDS and prev.text.islower() and j - 2 >= 0 and tokens[j - 2].capitalised:
            j -= 1  # "Oilers coach Ken Hitchcock": a lower-case office between a team and a name
        else:
            break
    if j - 1 >= 0 and tokens[j - 1].lower in ("the",):
        j -= 1
    return j


def _is_title(word: str) -> bool:
    """An office, hyphenated ones too: "Judge-Executive", "Vice-Chancellor"."""
    return word in lexicon.TITLE_WORDS or ("-" in word and any(part in lexicon.TITLE_WORDS for part in word.split("-")))


def _is_sentence_opener(tokens: Sequence[Token], k: int) -> bool:
    return k == 0 and tokens[k].lower in SENTENCE_OPENERS


def _mention(text: str, tokens: Sequence[Token], first: int, last: int) -> Mention | None:
    """Build a mention from tokens[first..last], trimming titles off the front of a personal name."""
    words = list(tokens[first : last + 1])
    if not words:
        return None
    phrase = Span(words[0].start, words[-1].end)
    lowered = [w.lower.strip(".") for w in words]
    if len(words) == 1 and lowered[0] in PRONOUNS:
        return Mention(
            span=Span(words[0].start, words[0].end),
            text=words[0].text,
            pronoun=True,
            organisation=lowered[0] in ORGANISATION_PRONOUNS,
        )
    organisation = lowered[-1] in lexicon.ORGANISATION_WORDS or (
        lowered[0] == "the" and len(words) > 1 and words[1].capitalised
    )
    if not organisation and words[-1].capitalised:
        # "US State Deputy Secretary of State Stephen Bezgon" -> "Stephen Bezgon"
        k = 0
        while k < len(words) - 1 and (
            _is_title(lowered[k]) or lowered[k] in NAME_PARTICLES or lowered[k] in ("the", "")
        ):
            k += 1
        last_title = max((n for n, w in enumerate(lowered[:-1]) if _is_title(w)), default=-1)
        k = max(k, last_title + 1)
        while k < len(words) - 1 and (lowered[k] in NAME_PARTICLES or not words[k].text[:1].isalnum()):
            k += 1
        words = words[k:] or words[-1:]
    if words[0].lower in CALENDAR:
        return None
    span = Span(words[0].start, words[-1].end)
    return Mention(span=span, text=text[span.start : span.end], pronoun=False, organisation=organisation, phrase=phrase)


def noun_phrase_before(text: str, tokens: Sequence[Token], end_index: int, *, appositives: int = 0) -> Mention | None:
    """The speaker noun phrase ending at tokens[end_index] (auxiliaries already skipped).

    ``appositives`` counts the appositives already stepped over, so that a run of commas
    cannot nest them without end.
    """
    i = _before_parenthesis(tokens, end_index)  # "Paul D. Ryan (R-Wis.) said"
    if i < 0:
        return None
    token = tokens[i]
    if token.text == ",":  # appositive: "Smith, the mayor of X, said"
        if appositives >= rules.MAX_APPOSITIVES:
            return None
        return _before_appositive(text, tokens, i, appositives + 1)
    if token.lower in PRONOUNS and token.text != "I":
        return _mention(text, tokens, i, i)
    if token.capitalised and token.lower not in CALENDAR:
        return _name_before(text, tokens, i)
    if token.lower in lexicon.QUANTITY_SPEAKERS and (i == 0 or tokens[i - 1].text[:1].isalnum() or i == end_index):
        return _share_before(text, tokens, i)  # "47 percent said", "One in three said", "many argue"
    if token.lower in lexicon.SPEAKER_NOUNS or token.lower in lexicon.GROUP_NOUNS:
        first = i
        while first - 1 >= 0 and i - first < rules.SPEAKER_PHRASE_TOKENS:
            prev = tokens[first - 1]
            if prev.text in ("'", "\u2019") and first - 2 >= 0 and tokens[first - 2].lower.endswith("s"):
                first -= 2  # "the players' union": a plural possessive, which ends the phrase like one in 's
                first -= first - 1 >= 0 and tokens[first - 1].lower in DETERMINERS
                break
            if not prev.text[:1].isalnum() or prev.lower in CLAUSE_WORDS or prev.lower in AUXILIARY_WORDS:
                break
            first -= 1
            if prev.lower in DETERMINERS or prev.text.endswith(lexicon.POSSESSIVE_ENDINGS):
                break
        return _mention(text, tokens, first, i)
    if token.text.isalpha() and token.text.islower() and token.lower not in CLAUSE_WORDS | DETERMINERS:
        return _determiner_phrase_before(text, tokens, i)
    return None


def _share_before(text: str, tokens: Sequence[Token], i: int) -> Mention | None:
    """A share or a number of people as a speaker: "47 percent", "nearly three in five", "Many", "most"."""
    first = i
    while first - 1 >= 0 and i - first < rules.SPEAKER_PHRASE_TOKENS:
        prev = tokens[first - 1]
        if not (prev.text[:1].isdigit() or prev.lower in lexicon.NUMBER_WORDS or prev.lower in _SHARE_LINKS):
            break
        first -= 1
    span = Span(tokens[first].start, tokens[i].end)
    return Mention(span=span, text=text[span.start : span.end], pronoun=False, organisation=True)


_SHARE_LINKS = frozenset("in of about nearly almost some only just roughly % a an the than less more fewer".split())


def _before_parenthesis(tokens: Sequence[Token], i: int) -> int:
    """The index before a parenthesis that ends at tokens[i] (or ``i`` when there is none; -1 past the start)."""
    if i < 0 or tokens[i].text != ")":
        return i
    depth, k = 0, i
    while k >= 0:
        depth += tokens[k].text == ")"
        depth -= tokens[k].text == "("
        if depth == 0:
            break
        if i - k >= rules.PARENTHESIS_TOKENS:
            return -1  # no parenthesis after a name is this long: unbalanced, like one never opened
        k -= 1
    return k - 1


def _before_appositive(text: str, tokens: Sequence[Token], i: int, appositives: int) -> Mention | None:
    """The speaker of "Smith, the mayor of X, said" (tokens[i] is the second comma)."""
    k = i - 1
    while k >= 0 and tokens[k].text not in (",", "\u201d", '"', "\u201c") and i - k < rules.APPOSITIVE_TOKENS:
        k -= 1
    if k < 1 or tokens[k].text != "," or tokens[k + 1].lower in lexicon.COORDINATORS:
        return None  # ", and the meeting deteriorated from there, said …" is a clause, not an appositive
    if _clause_between(tokens, k + 1, i):
        return None  # "Even if it closed, some of its work would be done by others, said …": a clause
    found = noun_phrase_before(text, tokens, k - 1, appositives=appositives)
    if found is None or found.pronoun:
        return None
    inside = tokens[k + 1] if k + 1 < i else None
    if inside is not None and inside.capitalised:
        # "The harbour master, Declan O'Farrell, told": the name in the appositive is the speaker
        named = _mention(text, tokens, k + 1, _name_run_forward(tokens, k + 1))
        if named is not None and not named.organisation and named.span.end == tokens[i - 1].end:
            named.phrase = Span(found.extent.start, named.span.end)
            return named
    if k + 1 < i and found.role is None:
        found.role = Span(tokens[k + 1].start, tokens[i - 1].end)  # "Smith, [the mayor of X], said"
    return found


#: A relative clause ("Smith, who was elected in 2012, said") describes the speaker, though it has a verb.
_RELATIVE_OPENERS = frozenset("who whose whom which that".split())


def _clause_between(tokens: Sequence[Token], start: int, end: int) -> bool:
    """True when tokens[start:end] hold a finite verb before any relative word: a clause, not a description."""
    for word in tokens[start:end]:
        if word.lower in _RELATIVE_OPENERS:
            return False  # "a Republican who has refused to endorse him": the verb is the relative clause's
        if word.lower in lexicon.FINITE_WORDS:
            return True
    return False


def _name_before(text: str, tokens: Sequence[Token], i: int) -> Mention | None:
    """The capitalised name ending at tokens[i], or a group tied to a place ("Residents on Holm said")."""
    first = _name_run_back(tokens, i)
    if first == i and _is_sentence_opener(tokens, i):
        return None
    if (
        first >= 2
        and tokens[first - 1].lower in PLACE_PREPOSITIONS
        and tokens[first - 2].lower in lexicon.SPEAKER_NOUNS
    ):
        group = noun_phrase_before(text, tokens, first - 2)  # the residents spoke, not Holm
        if group is not None:
            span = Span(group.extent.start, tokens[i].end)
            return Mention(span=span, text=text[span.start : span.end], pronoun=False, organisation=True)
    affiliated = _person_of(text, tokens, first, i)
    return affiliated or _mention(text, tokens, first, i)


def _person_of(text: str, tokens: Sequence[Token], first: int, i: int) -> Mention | None:
    """The person in "Mr. Morgan of the Sierra Club said", "Jane Doe at Brookings said": the name before
    "of", "at" or "from", when it is a person's (two words or more, not an office, not a body)."""
    k = first - 2
    if k < 0 or tokens[first - 1].lower not in _AFFILIATION_LINKS or not tokens[k].capitalised:
        return None
    start = _name_run_back(tokens, k)
    words = [t.lower.strip(".") for t in tokens[start : k + 1]]
    if k == start or words[0] == "the" or words[-1] in lexicon.ORGANISATION_WORDS or _is_title(words[-1]):
        return None
    person = _mention(text, tokens, start, k)
    if person is None:
        return None
    phrase = Span(person.extent.start, tokens[i].end)
    return Mention(span=person.span, text=person.text, pronoun=False, organisation=False, phrase=phrase)


_AFFILIATION_LINKS = frozenset({"of", "at", "from"})


def _determiner_phrase_before(text: str, tokens: Sequence[Token], i: int) -> Mention | None:
    """A noun phrase opened by a determiner at a clause start: "As a phone rang, the announcer said"."""
    for first in range(i - 1, max(-1, i - rules.DETERMINER_REACH), -1):
        word = tokens[first]
        if word.lower in DETERMINERS:
            previous = tokens[first - 1] if first > 0 else None
            opens_clause = previous is None or not previous.text[:1].isalnum() or previous.lower in CLAUSE_WORDS
            return _mention(text, tokens, first, i) if opens_clause else None
        if not word.text[:1].isalnum() or word.lower in CLAUSE_WORDS or word.lower in AUXILIARY_WORDS:
            break
    return None


_MODIFIER = re.compile(r"[a-z][a-z-]*")


def _the_name_after(text: str, tokens: Sequence[Token], start_index: int) -> Mention | None:
    """ "the Bakers' Federation", "the nonpartisan Congressional Budget Office": "the", perhaps lower-case
    modifiers, then a name."""
    k = start_index + 1
    while k < len(tokens) and k - start_index <= rules.SHORT_PHRASE_TOKENS and _MODIFIER.fullmatch(tokens[k].text):
        k += 1
    if k < len(tokens) and tokens[k].capitalised and (k == start_index + 1 or tokens[k].lower not in CALENDAR):
        return _mention(text, tokens, start_index, _name_run_forward(tokens, k))
    return None


def noun_phrase_after(text: str, tokens: Sequence[Token], start_index: int) -> Mention | None:
    """The speaker noun phrase starting at tokens[start_index]: 'said [opposition politician] Velary Tsepalko'."""
    if start_index >= len(tokens):
        return None
    first = tokens[start_index]
    if first.lower in PRONOUNS and first.text != "I":
        return _mention(text, tokens, start_index, start_index)
    if first.lower == "the" and (named := _the_name_after(text, tokens, start_index)) is not None:
        return named
    # A capitalised name within a few lower-case descriptor words: "said opposition politician Velary Tsepalko".
    i = start_index
    while i < len(tokens) and i - start_index <= rules.DESCRIPTOR_TOKENS_AFTER_CUE:
        token = tokens[i]
        if token.capitalised and token.lower not in CALENDAR:
            last = _name_run_forward(tokens, i)
            return _with_role_after(tokens, _mention(text, tokens, i, last), last)
        if not token.text[:1].isalpha() or token.lower in STOP_AFTER_CUE or token.lower in DETERMINERS:
            break
        i += 1
    # A common noun phrase: "said the source", "said a campaign spokesman", "said the film's director, Ewa Lind".
    if first.lower in DETERMINERS or first.lower in lexicon.SPEAKER_NOUNS:
        last = start_index
        while last < len(tokens) and last - start_index <= rules.SPEAKER_PHRASE_TOKENS:
            if tokens[last].lower in lexicon.SPEAKER_NOUNS and not (
                last + 1 < len(tokens) and tokens[last + 1].lower in lexicon.SPEAKER_NOUNS
            ):
                named = _appositive_name(text, tokens, start_index, last)
                return named or _mention(text, tokens, start_index, last)
            if not tokens[last].text[:1].isalnum():
                break
            last += 1
    # Any short noun phrase opened by a determiner and closed by punctuation: "said the ruling."
    if first.lower in DETERMINERS:
        last = start_index + 1
        while (
            last < len(tokens) and tokens[last].text[:1].isalnum() and last - start_index <= rules.SHORT_PHRASE_TOKENS
        ):
            if tokens[last].lower in STOP_AFTER_CUE:
                return None
            last += 1
        if last > start_index + 1 and (last == len(tokens) or not tokens[last].text[:1].isalnum()):
            return _mention(text, tokens, start_index, last - 1)
    return None


def _with_role_after(tokens: Sequence[Token], mention: Mention | None, last: int) -> Mention | None:
    """``mention`` with the appositive after its name as its role: 'said Mike Smith, [a spokesman for X].'"""
    if mention is None or mention.pronoun or last + 2 >= len(tokens) or tokens[last + 1].text != ",":
        return mention
    first = end = last + 2
    while end + 1 < len(tokens) and (
        tokens[end + 1].text not in lexicon.APPOSITIVE_ENDS
        or (tokens[end + 1].text == "." and tokens[end].lower in lexicon.ABBREVIATIONS)  # "to Mr. Obama"
    ):
        end += 1
        if end - first >= rules.APPOSITIVE_TOKENS:
            return mention  # no appositive runs this long: a clause, not a description
    mention.role = Span(tokens[first].start, tokens[end].end)
    return mention


def _appositive_name(text: str, tokens: Sequence[Token], first: int, last: int) -> Mention | None:
    """'the film's director, Ewa Lind': the name that follows a role, with the role kept in the phrase."""
    if last + 2 < len(tokens) and tokens[last + 1].text == "," and tokens[last + 2].capitalised:
        end = _name_run_forward(tokens, last + 2)
        named = _mention(text, tokens, last + 2, end)
        if named is not None and not named.organisation and " " in named.text:
            named.phrase = Span(tokens[first].start, tokens[end].end)
            return named
    return None


def _name_run_forward(tokens: Sequence[Token], i: int) -> int:
    """Index of the last token of the capitalised name that starts at tokens[i].

    Runs on through name particles ("van", "de"), initials ("Paul D. Ryan"), a
    plural possessive ("the Bakers' Federation") and lower-case titles between
    two capitalised parts ("Opposition leader Irena Kovac").
    """
    last = i
    while last + 1 < len(tokens) and last - i < rules.MAX_NAME_TOKENS:
        nxt = tokens[last + 1]
        after = tokens[last + 2] if last + 2 < len(tokens) else None
        capital_after = after is not None and after.capitalised and after.lower not in CALENDAR
        if (
            (nxt.capitalised and nxt.lower not in CALENDAR)
            or (nxt.lower in NAME_PARTICLES and capital_after)
            or (
                nxt.text == "."
                and capital_after
                and (len(tokens[last].text) <= 2 or tokens[last].lower in lexicon.TITLE_WORDS)
            )
            or (nxt.text in ("'", "\u2019") and tokens[last].text.endswith("s") and capital_after)
            or (nxt.lower in lexicon.TITLE_WORDS and nxt.text.islower() and capital_after)
        ):
            last += 1
        else:
            break
    return last


def possessor(text: str, tokens: list[Token]) -> Mention | None:
    if tokens and tokens[-1].text.endswith(lexicon.POSSESSIVE_ENDINGS):
        last = tokens[-1]
        trimmed = token(last.text[:-2], last.start, last.end - 2)
        tokens = [*tokens[:-1], trimmed]
    return noun_phrase_before(text, tokens, len(tokens) - 1) if tokens else None
