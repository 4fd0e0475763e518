"""Finding a claim's words in a source's text: verbatim, tolerant of spacing and typography, or approximately.

Two callers need the same search: ``add`` (which refuses words it cannot find,
and names the closest passage so the user can copy what the source printed)
and ``verify`` (which re-anchors recorded claims). It sits just above the
records, so the store below analysis can use it.

Three steps, each looser than the last. **Verbatim**: the exact characters.
**Tolerant**: any letter case, and any run of whitespace for a space; failing that, straight and
curly quotation marks, apostrophes and dashes taken for one another (one
character for one, so the offsets found are offsets of the original text and
the anchor holds the source's own characters), and quotation marks between the
words ignored, so reported speech typed without the marks the source put
around its quoted part (``said the regime was "running out of road"``) is
found. **Approximate**: the passage most like the words, with a similarity
from 0 to 100 (rapidfuzz), snapped to word edges.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel, Levenshtein

from .records import Anchor

FUZZY_MIN_SCORE = 80.0  # below this an approximate match is more likely another sentence than an edit
FUZZY_MIN_WORDS = 4  # a two- or three-word quote resembles half the sentences of any article
EDGE_REACH = 40  # how far an approximate match's edges may move (the window is as long as the quote)
SEARCH_SLACK = 10.0  # a window this far below the bar may still pass once its edges land on words
HINT_CUTOFF = 50.0  # when words are refused, a passage scoring less is not worth showing as the closest

#: Typographic marks read as their plain forms, one character for one, so offsets stay the text's own.
_PLAIN = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4`", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    }
)

Span = tuple[int, int]


@dataclass(frozen=True)
class Passage:
    """The passage of a text most like some words: where it is, what it says, and how alike (0-100)."""

    start: int
    end: int
    text: str
    score: float


def plain(text: str) -> str:
    """``text`` with curly quotes, apostrophes and dashes as their plain forms (the same length)."""
    return text.translate(_PLAIN)


def occurrences(needle: str, text: str) -> tuple[list[Span], bool]:
    """Every verbatim occurrence of ``needle``, else every tolerant one; and whether tolerance was needed."""
    spans: list[Span] = []
    at = text.find(needle)
    while at >= 0:
        spans.append((at, at + len(needle)))
        at = text.find(needle, at + 1)
    words = needle.split()
    if spans or not words:
        return spans, False
    loose = [m.span() for m in _joined(words, r"\s+").finditer(text)]
    if not loose:
        bare = [word.strip("\"'") for word in plain(needle).split()]
        loose = [m.span() for m in _joined([w for w in bare if w], r"[\s\"']+").finditer(plain(text))]
    return loose, True


def _joined(words: list[str], separator: str) -> re.Pattern[str]:
    """The words in order, with ``separator`` between them (an empty list matches nowhere)."""
    return re.compile(separator.join(re.escape(word) for word in words) if words else r"(?!)", re.IGNORECASE)


def find_anchor(words: str, text: str) -> Anchor | None:
    """The anchor of the first occurrence of ``words`` in ``text`` (verbatim, else tolerant), or None."""
    spans, _ = occurrences(words, text)
    if not spans:
        return None
    start, end = spans[0]
    return Anchor.around(text, start, end)


def closest_passage(needle: str, text: str, *, cutoff: float = FUZZY_MIN_SCORE - SEARCH_SLACK) -> Passage | None:
    """The passage of ``text`` most like ``needle``, snapped to word edges, with its score; None when no
    window of the text scores ``cutoff`` or more.

    partial_ratio_alignment finds the best window quickly, but the window is as
    long as the needle, so it cuts words in half when the edit changed the
    length; each edge moves to the nearby word edge with the fewest edits
    (Levenshtein: the Indel ratio would rather drop a substituted word at the
    edge than keep it, and the diff would then show a deletion). The cutoff
    only prunes the search, which is what keeps long quotes in long texts fast.
    """
    hit = fuzz.partial_ratio_alignment(needle, text, score_cutoff=cutoff)
    if hit is None:
        return None
    spans = [
        (start, end)
        for start in _edges(text, hit.dest_start, opening=True)
        for end in _edges(text, hit.dest_end, opening=False)
        if start < end
    ]
    if not spans:
        return None
    start, end = min(spans, key=lambda span: _edits(needle, text[span[0] : span[1]]))
    return Passage(start, end, text[start:end], fuzz.ratio(needle, text[start:end]))


def _edits(needle: str, passage: str) -> tuple[int, int]:
    """Levenshtein distance first; Indel distance breaks ties against padding with unrelated words."""
    return Levenshtein.distance(needle, passage), Indel.distance(needle, passage)


def _edges(text: str, at: int, *, opening: bool) -> list[int]:
    """Offsets within EDGE_REACH of ``at`` where a quote could start (``opening``) or end.

    An edge may fall between a word and its punctuation, never inside a run of
    letters or digits, and never next to whitespace on the quote's side.
    """
    edges = []
    for p in range(max(0, at - EDGE_REACH), min(len(text), at + EDGE_REACH) + 1):
        inner = text[p] if opening and p < len(text) else text[p - 1] if not opening and p > 0 else ""
        if inner and not inner.isspace() and not (0 < p < len(text) and text[p - 1].isalnum() and text[p].isalnum()):
            edges.append(p)
    return edges
