"""Drift: how a later rendering of an utterance differs from the first, in one word a reviewer can filter on.

The kinds, most telling first: a different language; a changed meaning (a negation
dropped or added, "won't" made "may not", "Thousands" made "Millions"); the words given
to another speaker; a quote turned into reported speech or back; no change at all; a
change of typography, spacing or spelling only; words dropped; words added; the quote
cut at different places; a few words swapped; a paraphrase. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from enum import StrEnum

from .matching import MODALS
from .normalise import comparison_words, normalise
from .textdiff import WordDiff, is_subsequence, similarity, word_diff, words_and_keys

#: Plain word similarity (0–1) at or above which swapped words are an altered quote, not a paraphrase.
SIMILARITY_THRESHOLD = 0.6


class Drift(StrEnum):
    """How a variant's wording differs from its origin's."""

    IDENTICAL = "identical"  # the same characters
    COSMETIC = "cosmetic"  # the same letters: case, punctuation, quote marks, dashes, spacing, line breaks or spelling
    TRUNCATED = "truncated"  # words dropped, none added or changed
    EXTENDED = "extended"  # words added, none dropped or changed
    SHIFTED = "shifted"  # cut at different places: words dropped at one end, added at the other
    SUBSTITUTED = "substituted"  # words swapped (perhaps with a few dropped or added), most kept
    REWRITTEN = "rewritten"  # anything else: a paraphrase
    TRANSLATED = "translated"  # a different language, or another translation of the same statement
    MEANING_CHANGED = "meaning-changed"  # a negation, a modal verb or a number changed
    CHANGED_FORM = "changed-form"  # a direct quote became reported speech, or the reverse
    ATTRIBUTION_CHANGED = "attribution-changed"  # the words are given to another speaker


_NEGATORS = frozenset("not no never nobody none nothing neither nor nowhere".split())
_SMALL_NUMBERS = "zero one two three four five six seven eight nine ten eleven twelve".split()
_NUMBER_WORDS = {word: str(value) for value, word in enumerate(_SMALL_NUMBERS)} | {
    "dozen": "12",
    "dozens": "12s",
    "hundred": "100",
    "hundreds": "100s",
    "thousand": "1000",
    "thousands": "1000s",
    "million": "1e6",
    "millions": "1e6s",
    "billion": "1e9",
    "billions": "1e9s",
    "trillion": "1e12",
    "half": "0.5",
    "percent": "%",
}
_DIGITS = re.compile(r"^\d[\d,.]*$")


def _markers(printed: str) -> tuple[int, Counter[str], Counter[str]]:
    """What carries meaning in a few words: negations (counted), modal verbs and numbers (as multisets)."""
    negations, modals, numbers = 0, Counter[str](), Counter[str]()
    for word in comparison_words(printed):
        if word in _NEGATORS:
            negations += 1
        elif word in MODALS:
            modals[MODALS[word]] += 1
        elif word in _NUMBER_WORDS:
            numbers[_NUMBER_WORDS[word]] += 1
    for token in normalise(printed).split():
        digits = token.strip(".,;:!?%()\"'")
        if _DIGITS.match(digits):
            numbers[digits.replace(",", "").rstrip(".")] += 1
    return negations, modals, numbers


def meaning_changed(diff: Sequence[WordDiff]) -> bool:
    """True when a change inside the quote flips a negation, swaps a modal verb or changes a number.

    Words dropped or added at either end are a cut, not a change of meaning; a modal verb or
    a number only counts when it is replaced by another ("will" -> "may", "Thousands" -> "Millions").
    """
    flips = 0
    for n, step in enumerate(diff):
        at_edge = n in (0, len(diff) - 1) and step.op in ("insert", "delete")
        if step.op == "equal" or at_edge:
            continue
        old_neg, old_modals, old_numbers = _markers(step.old)
        new_neg, new_modals, new_numbers = _markers(step.new)
        flips += old_neg + new_neg
        if step.op == "replace" and (
            (old_modals and new_modals and old_modals != new_modals)
            or (old_numbers and new_numbers and old_numbers != new_numbers)
        ):
            return True
    return flips % 2 == 1


def _shifted(diff: Sequence[WordDiff]) -> bool:
    """Words dropped at one end and added at the other, the middle kept word for word."""
    ends = {diff[0].op, diff[-1].op} if len(diff) >= 3 else set()
    middle = all(step.op == "equal" for step in diff[1:-1])
    return middle and ends == {"insert", "delete"}


def _language(tag: str) -> str:
    return tag.replace("_", "-").split("-")[0].casefold()


def classify(
    origin_text: str,
    variant_text: str,
    *,
    origin_language: str | None = None,
    variant_language: str | None = None,
    form_changed: bool = False,
    speaker_changed: bool = False,
    translations: bool = False,
) -> tuple[Drift, float, tuple[WordDiff, ...]]:
    """How ``variant_text`` drifted from ``origin_text``: the drift, a 0–1 word similarity, the word diff.

    ``form_changed``: one is a direct quote and the other is not. ``speaker_changed``: the two
    name different speakers. ``translations``: both come from sources that translate a statement
    independently. Identical and cosmetic variants have the same words, so their similarity is 1.0.
    """
    diff = word_diff(origin_text, variant_text)
    _, old = words_and_keys(origin_text)
    _, new = words_and_keys(variant_text)
    score = similarity(old, new)
    if origin_language and variant_language and _language(origin_language) != _language(variant_language):
        return Drift.TRANSLATED, score, diff
    same_letters = "".join(old) == "".join(new)  # "cannot" and "can not" have the same letters
    if not same_letters and meaning_changed(diff):
        return Drift.MEANING_CHANGED, score, diff
    if speaker_changed:
        return Drift.ATTRIBUTION_CHANGED, score, diff
    if same_letters:  # the same words: quote marks added or stripped are typography too
        same = origin_text.strip() == variant_text.strip() and not form_changed
        return (Drift.IDENTICAL if same else Drift.COSMETIC), 1.0, diff
    if form_changed:
        return Drift.CHANGED_FORM, score, diff
    return _wording_drift(diff, old, new, score, translations=translations), score, diff


def _wording_drift(
    diff: Sequence[WordDiff], old: list[str], new: list[str], score: float, *, translations: bool
) -> Drift:
    if translations:
        return Drift.TRANSLATED
    if is_subsequence(new, old):
        return Drift.TRUNCATED
    if is_subsequence(old, new):
        return Drift.EXTENDED
    if _shifted(diff):
        return Drift.SHIFTED
    # Words swapped, perhaps with a few dropped or added around them, while most of the wording
    # stands: an altered quote. Below the threshold the wording is the copy's own: a paraphrase.
    if any(step.op == "replace" for step in diff) and score >= SIMILARITY_THRESHOLD:
        return Drift.SUBSTITUTED
    return Drift.REWRITTEN
