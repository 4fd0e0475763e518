"""Article text -> paragraphs, sentences and quotation spans, all as character offsets.

Extraction never edits the text it reads: every span here is a pair of
offsets into the original string, so anchors can be checked with
``text[start:end] == exact``. The rules follow how newspapers print quotes:
straight or typographic marks, a quote that runs over several paragraphs
re-opens each paragraph without closing the previous one, and a mark that is
never closed ends at its paragraph rather than swallowing the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import ABBREVIATIONS, CLOSING_QUOTES, DOUBLED_APOSTROPHE, OPENING_QUOTES, QUOTE_MARKS, STRAIGHT_QUOTE

_MARK = re.compile(f"{DOUBLED_APOSTROPHE}|[{re.escape(OPENING_QUOTES + CLOSING_QUOTES + STRAIGHT_QUOTE)}]")
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")
# A sentence ends at . ! ? (and any closing quotes/brackets) followed by space and an
# upper-case letter, a digit or an opening quote. Common abbreviations are protected below.
_SENTENCE_END = re.compile(r"[.!?]+[\"\u201d\u2019')\]]*(?=\s+(?:''|[\"\u201c\u2018(\[])?[A-Z0-9])")


@dataclass(frozen=True)
class Span:
    """Half-open character range ``[start, end)`` of the document."""

    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, kw_only=True)
class Quote:
    """A stretch of text between quotation marks (the marks themselves excluded)."""

    start: int
    end: int
    open_mark: int  # offset of the opening mark
    close_mark: int | None  # offset of the closing mark; None when the paragraph ends first
    continues: bool = False  # True for the later paragraphs of a multi-paragraph quote
    close_width: int = 1  # characters in the closing mark ('' is two)

    @property
    def after(self) -> int:
        """Offset just past the closing mark (or past the text, for an unclosed quote)."""
        return self.close_mark + self.close_width if self.close_mark is not None else self.end


def paragraphs(text: str) -> list[Span]:
    """Blank-line separated blocks (a single newline inside a block is kept)."""
    return [Span(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]


def sentences(text: str, span: Span) -> list[Span]:
    """Split one paragraph into sentences, keeping abbreviations like 'Mr.' and 'U.S.' whole."""
    found: list[Span] = []
    start = span.start
    chunk = text[span.start : span.end]
    for match in _SENTENCE_END.finditer(chunk):
        end = span.start + match.end()
        word = re.search(r"([A-Za-z.]+)\.+[\"\u201d\u2019')\]]*$", text[start:end])
        if word and (word.group(1).lower().strip(".") in ABBREVIATIONS or len(word.group(1)) == 1):
            continue  # "Mr. Smith", "U.S. officials", "J. Smith"
        if inside_quotes(text, start, end) and not text[end:].lstrip().startswith(tuple(QUOTE_MARKS)):
            continue  # a sentence inside a quote does not end the sentence that holds the quote
        found.append(Span(start, end))
        start = end
        while start < span.end and text[start].isspace():
            start += 1
    if start < span.end:
        found.append(Span(start, span.end))
    return found


def inside_quotes(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` leaves a quotation open: more opening marks than closing, or odd straight ones."""
    segment = text[start:end]
    opened = sum(segment.count(c) for c in OPENING_QUOTES)
    closed = sum(segment.count(c) for c in CLOSING_QUOTES)
    return opened > closed or segment.count(STRAIGHT_QUOTE) % 2 == 1


def quotes(text: str) -> list[Quote]:
    """Every quotation in the text, paragraph by paragraph.

    A paragraph that opens a quote and does not close it either continues into
    the next paragraph (when that one opens with a quotation mark, the
    newspaper convention for multi-paragraph quotes) or ends at the paragraph
    end — an unbalanced mark never runs past its paragraph. Two apostrophes
    ('') count as a straight double quote, as some wire copy prints them.
    """
    found: list[Quote] = []
    carried = False  # the previous paragraph left a quote open
    for para in paragraphs(text):
        open_at: int | None = None
        open_width = 1
        straight_open = False
        continues = carried and (text[para.start] in QUOTE_MARKS or text.startswith(DOUBLED_APOSTROPHE, para.start))
        for mark in _MARK.finditer(text, para.start, para.end):  # only the marks, not every character
            i, char = mark.start(), mark.group()
            straight = char in (STRAIGHT_QUOTE, DOUBLED_APOSTROPHE)
            if char in OPENING_QUOTES or (straight and not straight_open and open_at is None):
                if open_at is not None and char in OPENING_QUOTES:
                    # a second opening mark before any close: treat the first as unbalanced
                    found.append(_closed_at(text, open_at, open_width, i, continues))
                    continues = False
                open_at, open_width = i, len(char)
                straight_open = straight
            elif (char in CLOSING_QUOTES or straight) and open_at is not None:
                found.append(
                    Quote(
                        start=open_at + open_width,
                        end=i,
                        open_mark=open_at,
                        close_mark=i,
                        continues=continues,
                        close_width=len(char),
                    )
                )
                continues = False
                open_at = None
                straight_open = False
        carried = open_at is not None
        if open_at is not None:
            found.append(_closed_at(text, open_at, open_width, para.end, continues))
    return [q for q in found if q.end > q.start]


def _closed_at(text: str, open_at: int, width: int, end: int, continues: bool) -> Quote:
    while end > open_at + width and text[end - 1].isspace():
        end -= 1
    return Quote(start=open_at + width, end=end, open_mark=open_at, close_mark=None, continues=continues)
