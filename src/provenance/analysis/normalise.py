"""Normalising a wording before it is compared: what a copy's typography may change without changing a word.

A copy reaches the ledger through other hands: its lines hard-wrapped (``EU\\nmember
states``), a hyphen left where a line was broken (``mem-\\nber``), curly quotes and
apostrophes turned straight, dashes swapped, opening quotation marks stripped, words
glued together where a line break was deleted (``EUmember``), contractions spelt out
(``won't`` / ``will not``). None of these is a change of wording. This module turns
printed text into comparison words: :func:`normalise` for the text, :func:`comparison_words`
for the words (contractions expanded), :func:`unglue` for two word lists whose spacing
differs. Pure: no I/O.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

from .textdiff import word_key

#: Quotation marks, apostrophes and dashes in all their typographic forms, each mapped to one plain form.
_TYPOGRAPHY = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\u00b4`", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u2039\u203a", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        "\u00ad": None,  # a soft hyphen is invisible in print
        "\u200b": None,  # so is a zero-width space
        "\u2060": None,
        "\ufeff": None,
    }
)
#: The characters _TYPOGRAPHY changes: replacing the few found is much faster than str.translate on an article.
_TYPOGRAPHIC = re.compile("[" + re.escape("".join(chr(c) for c in _TYPOGRAPHY)) + "]")


def _plain_mark(match: re.Match[str]) -> str:
    return match.group().translate(_TYPOGRAPHY)


#: A hyphen at a line break between two letters was put there by the line break (also once the
#: break has been flattened to a space: "mem- bers").
_BROKEN_WORD = re.compile(r"(?<=[^\W\d_])-[ \t]*\r?\n\s*(?=[^\W\d_])|(?<=[a-z])- (?=[a-z])")
_SPACE = re.compile(r"\s+")

#: Contractions spelt out, so ``won't`` and ``will not`` compare as the same two words.
_CONTRACTIONS: dict[str, tuple[str, ...]] = {
    "cannot": ("can", "not"),
    "cant": ("can", "not"),
    "wont": ("will", "not"),
    "shant": ("shall", "not"),
    "aint": ("is", "not"),
}
_CLITICS = (("n't", ("not",)), ("'ll", ("will",)), ("'re", ("are",)), ("'ve", ("have",)), ("'m", ("am",)))


def normalise(text: str, *, keep_lines: bool = False) -> str:
    """The text with its typography made plain: one kind of quote, apostrophe and dash, lines unwrapped.

    Case is kept (the comparison words fold it); the result is for comparing, never for display.
    ``keep_lines`` leaves line breaks and spacing as they are (a whole article, split later).
    """
    plain = text if text.isascii() else _TYPOGRAPHIC.sub(_plain_mark, unicodedata.normalize("NFKC", text))
    if "-\n" in plain or "- " in plain or "-\r" in plain:  # the search is costly on a whole article
        plain = _BROKEN_WORD.sub("", plain)
    return plain if keep_lines else _SPACE.sub(" ", plain).strip()


@functools.lru_cache(maxsize=200_000)
def _expanded(word: str) -> tuple[str, ...]:
    """One printed word as the words it stands for: ``won't`` -> ``will not``, ``they'll`` -> ``they will``."""
    lower = word.casefold().strip("\"'.,;:!?()[]")
    key = word_key(lower)
    if key in _CONTRACTIONS and ("'" in lower or key in ("cannot",)):
        return _CONTRACTIONS[key]
    for clitic, replacement in _CLITICS:
        if lower.endswith(clitic) and len(lower) > len(clitic):
            stem = word_key(lower[: -len(clitic)])
            return (stem, *replacement) if stem else replacement
    return (key,) if key else ()


def comparison_words(text: str, *, normalised: bool = False) -> list[str]:
    """The words of ``text`` as compared: normalised, keyed (:func:`.textdiff.word_key`), contractions spelt out.

    ``normalised``: the text has been through :func:`normalise` already (a sentence of a normalised article).
    """
    words: list[str] = []
    for printed in (text if normalised else normalise(text)).replace("-", " - ").split():
        words.extend(_expanded(printed))
    return words


def unglue(a: Sequence[str], b: Sequence[str]) -> tuple[list[str], list[str]]:
    """Split a word of one list that is two or three adjacent words of the other glued together.

    ``["eumember", "states"]`` against ``["eu", "member", "states"]`` becomes the same
    three words on both sides, so a deleted space costs nothing in the comparison.
    """
    return _split_glued(a, b), _split_glued(b, a)


def _split_glued(words: Sequence[str], other: Sequence[str]) -> list[str]:
    present = set(other)
    letters = "".join(other)
    # Only a word missing from the other side, and found inside its letters, can be glued words.
    if not any(len(word) >= 4 and word not in present and word in letters for word in words):
        return list(words)
    joined: dict[str, tuple[str, ...]] = {}
    for size in (2, 3):
        for i in range(len(other) - size + 1):
            joined.setdefault("".join(other[i : i + size]), tuple(other[i : i + size]))
    out: list[str] = []
    for word in words:
        parts = joined.get(word) if word not in present else None
        out.extend(parts or (word,))
    return out
