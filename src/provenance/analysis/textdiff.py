"""Comparing two wordings word by word: the keys words are compared by, similarity, and the word diff.

Words compare case-folded, without accents or punctuation, British and
American spellings merged, so typography alone is never a change of wording.
Pure: no I/O.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Literal

from pydantic import Field
from rapidfuzz import fuzz

from ..records import Record


class WordDiff(Record):
    """One step of a word diff: from an earlier wording (the origin, or the claim as recorded) to a later one."""

    op: Literal["equal", "insert", "delete", "replace"] = Field(description="What happened to these words.")
    old: str = Field(description="The earlier words in this step, as printed (empty for an insert).")
    new: str = Field(description="The later words in this step, as printed (empty for a delete).")


# British spellings the suffix rules below do not cover, mapped to the American form.
_WORD_FORMS = dict(
    pair.split(":", 1)
    for pair in "defence:defense offence:offense licence:license pretence:pretense grey:gray programme:program "
    "catalogue:catalog dialogue:dialog travelled:traveled travelling:traveling cancelled:canceled "
    "cancelling:canceling labelled:labeled modelling:modeling jewellery:jewelry".split()
)
# Suffix rules need three letters before the suffix, so "four", "your" and "raise" are left alone.
_SPELLING_RULES = (
    (re.compile(r"(?<=\w{3})is(e|es|ed|ing|ation|ations)$"), r"iz\1"),  # organise -> organize
    (re.compile(r"(?<=\w{3})ys(e|es|ed|ing)$"), r"yz\1"),  # analyse -> analyze
    (re.compile(r"(?<=\w{3})our(s|ed|ing|ite|ites|able|er|ers)?$"), r"or\1"),  # harbour -> harbor
    (re.compile(r"(?<=\w{3})tre(s)?$"), r"ter\1"),  # centre -> center
)


@functools.lru_cache(maxsize=200_000)
def word_key(word: str) -> str:
    """The form a word is compared in: letters and digits only, one spelling."""
    folded = unicodedata.normalize("NFKD", word.casefold())
    letters = "".join(char for char in folded if char.isalnum())
    letters = _WORD_FORMS.get(letters, letters)
    for pattern, replacement in _SPELLING_RULES:
        letters = pattern.sub(replacement, letters)
    return letters


def words_and_keys(text: str) -> tuple[list[str], list[str]]:
    """Words as printed and their keys; a lone dash or ellipsis is not a word."""
    kept = [(word, key) for word in text.split() if (key := word_key(word))]
    return [word for word, _ in kept], [key for _, key in kept]


def similarity(a: Sequence[str], b: Sequence[str]) -> float:
    """Indel similarity over word sequences (rapidfuzz's C++ ratio), 0–1; two empty texts score 1."""
    return round(fuzz.ratio(a, b) / 100.0, 4)


def is_subsequence(short: Sequence[str], long: Sequence[str]) -> bool:
    remaining = iter(long)
    return all(word in remaining for word in short)


def word_diff(old: str, new: str) -> tuple[WordDiff, ...]:
    """Diff two texts word by word; words are aligned by their keys, shown as printed."""
    old_words, old_keys = words_and_keys(old)
    new_words, new_keys = words_and_keys(new)
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    return tuple(
        WordDiff(op=op, old=" ".join(old_words[i1:i2]), new=" ".join(new_words[j1:j2]))
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
    )
