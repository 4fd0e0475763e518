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
from bisect import bisect_right
from dataclasses import dataclass

from .lexicon import (
    ABBREVIATIONS,
    CLOSING_QUOTES,
    DOUBLED_APOSTROPHE,
    OPENING_QUOTES,
    QUOTE_MARKS,
    SPEECH_CUES,
    STRAIGHT_QUOTE,
)

_MARK = re.compile(f"{DOUBLED_APOSTROPHE}|[{re.escape(OPENING_QUOTES + CLOSING_QUOTES + STRAIGHT_QUOTE)}]")
# A paragraph runs on over single newlines and stops at a line of nothing but spaces. (The blank
# line is recognised within its own line: a lookahead that ran on over newlines rescanned a long
# run of blank lines once per line.)
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?![^\S\n]*\n)[^\n]+)*")
# A sentence ends at . ! ? (and any closing quotes/brackets) followed by space and an
# upper-case letter, a digit or an opening quote. Common abbreviations are protected below.
# A match starts only at the first mark of a run ("...", "?!"), and neither run is given back:
# either way the same ends are found, but a run of n dots costs n rather than n².
_SENTENCE_END = re.compile(r"(?<![.!?])[.!?]++[\"\u201d\u2019')\]]*+(?=\s+(?:''|[\"\u201c\u2018(\[])?[A-Z0-9])")
#: A line break before a line that opens with a quotation mark.
_QUOTE_LINE = re.compile(rf"\n(?=[{re.escape(QUOTE_MARKS)}])")  # no leading [ ]*: n² on a run of spaces
#: How a line ends when the next may be a new paragraph: a full stop or closing mark, or a dash and a name.
_UTTERANCE_END = frozenset(".!?\u2019" + CLOSING_QUOTES + STRAIGHT_QUOTE)
_DASH_NAME = re.compile(r"[\u2015\u2014\u2013]\s*[A-Z][\w.'\u2019-]*(?:\s+[\w.'\u2019-]+){0,4}$")
#: How much of a line's end is read for a dash and a name.
_NAME_TAIL = 80


def _ends_utterance(text: str, start: int, end: int) -> bool:
    """True when the line ending at ``end`` ends a sentence or quotation, or with a dash and a name."""
    tail = max(start, end - _NAME_TAIL)
    line = text[max(tail, text.rfind("\n", tail, end) + 1) : end].rstrip()
    return bool(line) and (line[-1] in _UTTERANCE_END or _DASH_NAME.search(line) is not None)


#: What may follow the full stop of an abbreviation before the sentence would end: "U.S.”".
_AFTER_STOP = "\"\u201d\u2019')]"
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range ``[start, end)`` of the document."""

    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, kw_only=True, slots=True)
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
    """Blank-line separated blocks (a single newline inside a block is kept, as a hard line wrap
    may put one mid-sentence), also split where a line opens a quotation after a line that ended
    one or ended with a dash attribution: "“…” ― Ana Ruiz⏎“…” ― Li Wei" is one voice per line."""
    found: list[Span] = []
    for match in _PARAGRAPH.finditer(text):
        start = match.start()
        for line_break in _QUOTE_LINE.finditer(text, match.start(), match.end()):
            if _ends_utterance(text, start, line_break.start()):
                found.append(Span(start, len(text[start : line_break.start()].rstrip()) + start))
                start = line_break.end()
        found.append(Span(start, match.end()))
    return found


def sentences(text: str, span: Span) -> list[Span]:
    """Split one paragraph into sentences, keeping abbreviations like 'Mr.' and 'U.S.' whole.

    Each candidate end is judged in time proportional to what lies between it and the previous
    candidate: the quotation marks are counted as the sentence grows, not again from its start.
    """
    found: list[Span] = []
    start = span.start
    marks = MarkCount(text, start)
    for match in _SENTENCE_END.finditer(text, span.start, span.end):
        end = match.end()
        word = _word_before_stop(text, start, end)
        if word is not None and (word.lower().strip(".") in ABBREVIATIONS or len(word) == 1):
            continue  # "Mr. Smith", "U.S. officials", "J. Smith"
        if marks.open_until(end) and not text.startswith(tuple(QUOTE_MARKS), _skip_space(text, end)):
            continue  # a sentence inside a quote does not end the sentence that holds the quote
        if _asked_after(text, end, span.end):
            continue  # '"Are there prizes?" Lincicome asked': the question is the quote of what follows
        found.append(Span(start, end))
        start = _skip_space(text, end, span.end)
        marks = MarkCount(text, start)
    if start < span.end:
        found.append(Span(start, span.end))
    return found


#: A name of up to four capitalised words and the speech verb after it: 'Lincicome asked', 'Ann Lee said'.
_NAME_THEN_CUE = re.compile(r"\s+(?:[A-Z][\w.'\u2019-]*\s+){1,4}([a-z]+)\b")


def _asked_after(text: str, end: int, stop: int) -> bool:
    """True when a question or exclamation closes a quotation and a name and a speech verb follow."""
    if end < 2 or text[end - 1] not in QUOTE_MARKS or text[end - 2] not in "?!":
        return False
    match = _NAME_THEN_CUE.match(text, end, min(stop, end + 120))
    return match is not None and match.group(1) in SPEECH_CUES


def windows(text: str, span: Span, size: int) -> list[Span]:
    """``span`` as it is when it has at most ``size`` characters, else cut into consecutive windows of at
    most ``size``, each ending after the last space in its second half when there is one."""
    found: list[Span] = []
    start = span.start
    while span.end - start > size:
        limit = start + size
        cut = max(text.rfind(" ", start + size // 2, limit), text.rfind("\n", start + size // 2, limit)) + 1
        end = cut if cut > start else limit
        found.append(Span(start, end))
        start = _skip_space(text, end, span.end)
    if start < span.end:
        found.append(Span(start, span.end))
    return found


def _skip_space(text: str, at: int, stop: int | None = None) -> int:
    """The first offset from ``at`` (before ``stop``) that is not whitespace."""
    stop = len(text) if stop is None else stop
    while at < stop and text[at].isspace():
        at += 1
    return at


def _word_before_stop(text: str, start: int, end: int) -> str | None:
    """The letters and dots before the final full stop of ``text[start:end]`` ("Mr", "U.S"), else None.

    Read backwards from the end (past closing quotes and brackets), where a regular expression
    anchored at the end would be tried from every offset of the sentence.
    """
    stop = end
    while stop > start and text[stop - 1] in _AFTER_STOP:
        stop -= 1
    first = stop
    while first > start and text[first - 1] in _LETTERS:
        first -= 1
    if stop - first < 2 or text[stop - 1] != ".":
        return None
    return text[first : stop - 1]


def inside_quotes(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` leaves a quotation open: more opening marks than closing, or odd straight ones."""
    return MarkCount(text, start).open_until(end)


class MarkCount:
    """Quotation marks counted from a start up to an offset that only moves forward: asking at n
    increasing offsets costs the length of the text once, not n times."""

    def __init__(self, text: str, start: int) -> None:
        self.text, self.at = text, start
        self.opened = self.closed = self.straight = 0
        if start < len(text) and text[start] == _HIGH_CLOSING and _opens_here(text, start, 0):
            self.opened, self.closed = 1, -1  # '⏎”Fear. I am …”' opens with a closing mark (see quotes)

    def open_until(self, end: int) -> bool:
        """True when the text from the start up to ``end`` leaves a quotation open (see inside_quotes)."""
        if end > self.at:
            segment = self.text[self.at : end]
            self.opened += sum(map(segment.count, OPENING_QUOTES))
            self.closed += sum(map(segment.count, CLOSING_QUOTES))
            self.straight += segment.count(STRAIGHT_QUOTE)
            self.at = end
        return self.opened > self.closed or self.straight % 2 == 1


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
        nested = 0  # quotations opened inside the open one with the same mark
        continues = carried and (text[para.start] in QUOTE_MARKS or text.startswith(DOUBLED_APOSTROPHE, para.start))
        for mark in _MARK.finditer(text, para.start, para.end):  # only the marks, not every character
            i, char = mark.start(), mark.group()
            straight = char in (STRAIGHT_QUOTE, DOUBLED_APOSTROPHE)
            if open_at is not None and text[open_at] == _LOW_OPENING and char == _HIGH_OPENING:
                char = _HIGH_CLOSING  # „…“: the German pair closes with what English opens with
            elif open_at is None and char == _HIGH_CLOSING and _opens_here(text, i, para.start):
                char = _HIGH_OPENING  # a closing mark printed where a quotation opens: '⏎”What is…'
            if nested and char in CLOSING_QUOTES:
                nested -= 1  # the inner quotation of '“… what he calls “hell” than …”' closes
                continue
            if char in OPENING_QUOTES or (straight and not straight_open and open_at is None):
                if open_at is not None and char == text[open_at] and _nests(text, i + 1, para.end):
                    nested += 1
                    continue
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
        elif not carried and _MARK.search(text, para.start, para.end) is None:
            found.extend(_single_quotes(text, para))
    return [q for q in found if q.end > q.start]


# Single quotation marks, as British papers and headlines print them ("Koeman: 'We were not good
# enough'"), are read only in a paragraph with no double marks, where they cannot be quotes within
# a quote, and only at word edges, so that "don't", "players' union" and "'90s" stay apostrophes.
# Each opening mark is paired with the first closing one after it, found by bisection: a regular
# expression that searched forward from every opening mark cost n² on a paragraph of them.
_SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[:\u2014\u2013-]))[\u2018'](?=[^\W\d_])", re.MULTILINE)  # not '90s
_SINGLE_CLOSE = re.compile(r"[\u2019'](?=[\s.,;:!?)\]\u2014\u2013-]|$)", re.MULTILINE)  # before a space or stop


def _single_quotes(text: str, para: Span) -> list[Quote]:
    """The single-quoted quotations of a paragraph that has no double quotation marks: words on one
    line between an opening mark and the first closing mark after it, ending on a non-space."""
    closers = [m.start() for m in _SINGLE_CLOSE.finditer(text, para.start, para.end)]
    breaks = [m.start() for m in re.finditer("\n", text[para.start : para.end])]
    found: list[Quote] = []
    resume = para.start
    for opener in _SINGLE_OPEN.finditer(text, para.start, para.end):
        start = opener.end()
        if opener.start() < resume:
            continue  # inside the quotation just found
        k = bisect_right(closers, start)
        if k == len(closers):
            break  # no closing mark after this one, nor after any later
        end = closers[k]
        line_break = bisect_right(breaks, start - para.start - 1)
        if end - start < 2 or text[end - 1].isspace() or text[end - 1] in "\u2018'":
            continue
        if line_break < len(breaks) and breaks[line_break] + para.start < end:
            continue  # a quotation does not run over a line
        resume = end + 1
        if " " in text[start:end]:  # one word in single quotes is a term ('hawkish'), not a quotation
            found.append(Quote(start=start, end=end, open_mark=start - 1, close_mark=end))
    return found


def _nests(text: str, start: int, end: int) -> bool:
    """True when two closing marks come before the next opening mark: a second “ inside an open
    quotation opens a quotation within it, not a new one after a lost closing mark."""
    closers = 0
    for mark in _MARK.finditer(text, start, end):
        if mark.group() in OPENING_QUOTES:
            return False
        if mark.group() in CLOSING_QUOTES:
            closers += 1
            if closers == 2:
                return True
    return False


_LOW_OPENING, _HIGH_OPENING, _HIGH_CLOSING = "\u201e", "\u201c", "\u201d"


def _opens_here(text: str, at: int, start: int) -> bool:
    """True when the mark at ``at`` begins a line and a word follows it: it can only open a quotation."""
    return (at == start or text[at - 1] == "\n") and text[at + 1 : at + 2].isalnum()


def _closed_at(text: str, open_at: int, width: int, end: int, continues: bool) -> Quote:
    while end > open_at + width and text[end - 1].isspace():
        end -= 1
    return Quote(start=open_at + width, end=end, open_mark=open_at, close_mark=None, continues=continues)
