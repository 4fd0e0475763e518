"""How alike two wordings are as renderings of one utterance: similarity beyond shared words.

Two claims render one utterance when most of their words agree, counting a word as
agreeing when it is the same word, another inflection of it, or a synonym
(:mod:`.synonyms`), and not counting typography, spacing or glued words
(:mod:`.normalise`). Reported speech is compared with its pronouns and tenses
levelled ("we will" and "they would"). A short quote contained in a longer one (a
partial quote), or two quotes that share a long run of words but were cut at
different places (a shifted boundary), also match. Pure: no I/O.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum

from rapidfuzz.distance import Levenshtein

from ..pronouns import PERSONAL
from .normalise import comparison_words, unglue
from .synonyms import available, lemma, synonyms_of

#: A partial quote must share at least this many consecutive words with the fuller one.
MIN_CONTAINED_WORDS = 3
#: Two quotes cut at different places must share a run of at least this many words…
MIN_SHIFTED_RUN = 4
#: …and that run must be at least this share of the shorter quote.
MIN_SHIFTED_SHARE = 0.6

#: Modal verbs by meaning, so reported speech's back-shift ("will" -> "would") is not a change, nor is
#: one word of possibility for another ("may have been" / "could have been"); "will" -> "may" is.
MODALS = {
    "will": "will",
    "would": "will",
    "shall": "will",
    "can": "may",
    "could": "may",
    "may": "may",
    "might": "may",
    "must": "must",
    "should": "must",
    "ought": "must",
}
_LEVELLED = "\u00b7pron"


class Overlap(StrEnum):
    """Why two wordings were found to match."""

    WORDS = "words"  # most words agree
    PARTIAL = "partial"  # the shorter is a run of words of the longer
    SHIFTED = "shifted"  # a long shared run; the quote was cut at different places


@dataclass(frozen=True, slots=True)
class Wording:
    """A claim's text as compared: its comparison words and their lemmas (modal verbs by meaning)."""

    words: tuple[str, ...]
    lemmas: tuple[str, ...]

    @property
    def joined(self) -> str:
        """The letters alone: two wordings with equal ``joined`` differ in spacing and typography only."""
        return "".join(self.words)


@functools.lru_cache(maxsize=262_144)
def wording(text: str) -> Wording:
    """The comparison form of a text (cached: a ledger repeats its quotes)."""
    words = tuple(comparison_words(text))
    return Wording(words, tuple(MODALS.get(word, lemma(word)) for word in words))


def _reported(lemmas: tuple[str, ...] | list[str]) -> list[str]:
    """Lemmas with pronouns levelled and a leading "that" dropped: direct speech compared with reported."""
    out = [_LEVELLED if word in PERSONAL else word for word in lemmas]
    return out[1:] if out[:1] == ["that"] else out


def _matched(a: list[str], b: list[str]) -> int:
    """Words of ``a`` aligned with a word of ``b`` that is the same lemma or a synonym."""
    count = 0
    for op in Levenshtein.opcodes(a, b):
        if op.tag == "equal":
            count += op.src_end - op.src_start
        elif op.tag == "replace":
            count += _same_in_block(a[op.src_start : op.src_end], b[op.dest_start : op.dest_end])
    return count


def _same_in_block(old: list[str], new: list[str]) -> int:
    """Words swapped one for another in a replaced stretch: the same lemma, or synonyms (each word used once)."""
    spare = Counter(new)
    count = 0
    thesaurus = available()
    for word in old:
        found = word if spare[word] > 0 else None
        if found is None and thesaurus:
            found = next((w for w in spare if spare[w] > 0 and _synonyms(word, w)), None)
        if found is not None:
            spare[found] -= 1
            count += 1
    return count


def _synonyms(a: str, b: str) -> bool:
    return b in synonyms_of(a) or a in synonyms_of(b)


def similarity(a: Wording, b: Wording, *, reported: bool = False) -> float:
    """0–1: twice the words that agree (same, inflected or synonym) over the words of both.

    Glued words are split first; with ``reported``, pronouns and back-shifted modals are levelled.
    """
    if a.joined == b.joined:
        return 1.0
    left, right = unglue(a.lemmas, b.lemmas)
    if reported:
        left, right = _reported(left), _reported(right)
    total = len(left) + len(right)
    return round(2 * _matched(left, right) / total, 4) if total else 1.0


def longest_run(a: Wording, b: Wording) -> tuple[int, int]:
    """The longest run of consecutive lemmas the two wordings share, and the length of the shorter."""
    left, right = unglue(a.lemmas, b.lemmas)
    run = SequenceMatcher(None, left, right, autojunk=False).find_longest_match().size
    return run, min(len(left), len(right))


def overlap(a: Wording, b: Wording, score: float, threshold: float) -> Overlap | None:
    """How the two match (most words, a partial quote, a shifted boundary), or None when they do not."""
    if score >= threshold:
        return Overlap.WORDS
    if min(len(a.lemmas), len(b.lemmas)) < MIN_CONTAINED_WORDS:
        return None
    run, shorter = longest_run(a, b)
    if run == shorter >= MIN_CONTAINED_WORDS:
        return Overlap.PARTIAL
    if run >= MIN_SHIFTED_RUN and run >= math.ceil(MIN_SHIFTED_SHARE * shorter):
        return Overlap.SHIFTED
    return None
