"""Finding attribution cues in a sentence: "said", "told", "according to", with auxiliaries ("has also said")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from . import lexicon, rules
from .segment import Span

_AUXILIARIES = frozenset(word for phrase in lexicon.AUXILIARIES for word in phrase.split())
_WORDS = re.compile(r"[A-Za-z][\w'\u2019-]*")
_CUE_PHRASES: dict[str, tuple[str, ...]] = {}  # first word -> the cue phrases it starts, longest first
for _phrase in sorted(lexicon.CUE_WORDS, key=len, reverse=True):
    _CUE_PHRASES.setdefault(_phrase.split()[0], ())
    _CUE_PHRASES[_phrase.split()[0]] += (_phrase,)


_SHORTEST_CUE = min(len(phrase) for phrase in lexicon.CUE_WORDS)


@dataclass(frozen=True, slots=True)
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
    if end - start < _SHORTEST_CUE:
        return []
    return list(iter_cues(text, start, end))


def iter_cues(text: str, start: int, end: int) -> Iterator[CueMatch]:
    """The cues of :func:`find_cues`, one at a time, so a reader can stop at the first it needs."""
    last_end = -1
    for word in _WORDS.finditer(text, start, end):
        cue_end = _cue_end(text, word.start(), word.group().lower(), end)
        if not cue_end or word.start() < last_end:
            continue
        last_end = cue_end
        yield CueMatch(
            _auxiliaries_start(text, start, word.start()), Span(word.start(), cue_end), text[word.start() : cue_end]
        )


def _cue_end(text: str, at: int, word: str, end: int) -> int:
    """End of the longest cue phrase starting at ``at`` with ``word``, or 0 when none does."""
    for phrase in _CUE_PHRASES.get(word, ()):
        after = at + len(phrase)
        if (
            text[at:after].lower() == phrase
            and after <= end
            and not (after < len(text) and (text[after].isalnum() or text[after] == "-"))
            and (phrase not in lexicon.NOUN_FIRST_CUES or _REPORT_FOLLOWS.match(text, after) is not None)
        ):
            return after
    return 0


#: What follows "state" when it is the verb: "states that", "stated:", "…, the report states."
_REPORT_FOLLOWS = re.compile(r"\s*(?:that\b|[:,.;]|[\"\u201c]|$)")


def _auxiliaries_start(text: str, start: int, begin: int) -> int:
    """Step back over auxiliaries before a cue: "has also said", "would later add" (at most MAX_AUXILIARIES)."""
    for _ in range(rules.MAX_AUXILIARIES):
        previous = _LAST_WORD.search(text, max(start, begin - rules.AUXILIARY_REACH), begin)
        if previous is None or previous.group(1).lower() not in _AUXILIARIES:
            break
        begin -= len(previous.group(0))
    return begin


#: The word just before a cue, and the space after it.
_LAST_WORD = re.compile(r"([A-Za-z]+)\s+$")


#: How far before a cue's word its auxiliaries can reach: a cue found later never starts before
#: its word minus this (what lets content.cut_coordination stop reading early).
AUXILIARY_SPAN = rules.MAX_AUXILIARIES * rules.AUXILIARY_REACH
