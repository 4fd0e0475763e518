"""The extractor's working records: what the sentence rules find, and what a document has shown so far."""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..records import ClaimKind
from .phrases import Mention, Token
from .results import VenueHint
from .segment import Quote, Span


@dataclass(kw_only=True, slots=True)
class Found:
    """One attribution found by a rule: these words, said by this mention, marked by this cue."""

    content: Span
    kind: ClaimKind
    mention: Mention | None
    cue: Span | None
    confidence: float
    sentence: Span
    fragments: tuple[Span, ...] = ()  # quotations inside a reported clause: its verbatim words
    venue: VenueHint | None = None
    resolved: Mention | None = None  # antecedent of a pronoun mention


@dataclass
class _EarlierSpeakers:
    """Which attribution with a speaker was found last among those whose content ends by an offset.

    Asked with offsets that never decrease (quotations are attributed in reading order), an
    attribution, once its content ends by the offset, stays eligible: each is moved from a heap
    keyed by its content's end into the answer once, so a document costs n log n, not n².
    """

    indexed: int = 0  # how many of the document's attributions are in ``pending`` or settled
    pending: list[tuple[int, int]] = field(default_factory=list)  # (content end, index) not yet eligible
    best: int = -1  # the greatest index that is eligible
    offset: int = -1  # the last offset asked about

    def last_before(self, found: list[Found], offset: int) -> Found | None:
        if offset < self.offset:  # asked out of order: answer by scanning, as the rule reads
            return next((f for f in reversed(found) if f.mention is not None and f.content.end <= offset), None)
        self.offset = offset
        for index in range(self.indexed, len(found)):
            if found[index].mention is not None:
                heapq.heappush(self.pending, (found[index].content.end, index))
        self.indexed = len(found)
        while self.pending and self.pending[0][0] <= offset:
            self.best = max(self.best, heapq.heappop(self.pending)[1])
        return found[self.best] if self.best >= 0 else None


@dataclass
class DocumentState:
    """What one document has shown so far: the attributions found, and the sentences' named subjects.

    ``found`` and ``subjects`` only ever grow, in reading order; the lookups below rely on that
    to answer in logarithmic time what a scan of every earlier attribution would.
    """

    text: str
    found: list[Found] = field(default_factory=list)
    subjects: list[Mention] = field(default_factory=list)  # sentence-initial names, for fallbacks
    #: Each sentence's slogan word and the name before it, once read (see fallbacks).
    slogans: dict[Span, tuple[Span, Mention | None] | None] = field(default_factory=dict, repr=False)
    #: Where each sentence's text begins past leading dashes and spaces, once read (see fallbacks).
    leads: dict[Span, int] = field(default_factory=dict, repr=False)
    #: Whether a sentence is the text's headline, once read (see fallbacks).
    headlines: dict[Span, bool] = field(default_factory=dict, repr=False)
    #: A paragraph that ends "The New York Times reports:": its speaker and cue, and where it ends,
    #: for the quotation that opens the next paragraph (see fallbacks).
    colon_lead: tuple[int, Mention, Span] | None = None
    _speakers: _EarlierSpeakers = field(default_factory=_EarlierSpeakers, init=False, repr=False)

    def last_speaker_before(self, offset: int) -> Found | None:
        """The latest attribution found (in the order found) with a speaker and content ending by ``offset``."""
        return self._speakers.last_before(self.found, offset)

    def subject_between(self, start: int, end: int) -> Mention | None:
        """The last sentence subject that starts in ``[start, end)``."""
        index = bisect_left(self.subjects, end, key=lambda s: s.span.start)  # subjects come in text order
        subject = self.subjects[index - 1] if index else None
        return subject if subject is not None and subject.span.start >= start else None


class Sentence:
    """One sentence (or window of a long one) as its rules read it: tokens and quotations found by offset.

    A sentence's cues each look up the tokens and quotations around them; bisection over their
    offsets keeps that proportional to what is found, not to the sentence's length.
    """

    def __init__(self, text: str, span: Span, quotes: Sequence[Quote], tokens: list[Token]) -> None:
        self.text, self.span, self.quotes, self.tokens = text, span, quotes, tokens
        self._marks = [q.open_mark for q in quotes]  # in text order, as quotations never overlap
        self._starts = [q.start for q in quotes]
        self._closed = [q for q in quotes if q.close_mark is not None]
        self._closes = [q.close_mark for q in self._closed if q.close_mark is not None]
        self._token_starts = [t.start for t in tokens]
        self._token_ends = [t.end for t in tokens]
        self._leads: dict[str, int] = {}
        self._last_letter: int | None = None

    def tokens_within(self, start: int, end: int) -> list[Token]:
        """The tokens lying wholly in ``[start, end)``."""
        return self.tokens[bisect_left(self._token_starts, start) : bisect_right(self._token_ends, end)]

    def first_token_from(self, offset: int) -> int:
        """The index of the first token starting at or after ``offset`` (len(tokens) when none does)."""
        return bisect_left(self._token_starts, offset)

    def tokens_ending_by(self, offset: int) -> int:
        """How many tokens end at or before ``offset``."""
        return bisect_right(self._token_ends, offset)

    def quotes_from(self, offset: int) -> Sequence[Quote]:
        """The quotations whose opening mark is at or after ``offset``."""
        return self.quotes[bisect_left(self._marks, offset) :]

    def quotes_after(self, offset: int) -> Sequence[Quote]:
        """The quotations whose opening mark is after ``offset``."""
        return self.quotes[bisect_right(self._marks, offset) :]

    def quotes_starting_in(self, span: Span) -> list[Quote]:
        """The quotations whose words start in ``span``."""
        return list(self.quotes[bisect_left(self._starts, span.start) : bisect_left(self._starts, span.end)])

    def last_closed_before(self, offset: int) -> Quote | None:
        """The last quotation whose closing mark is before ``offset``."""
        index = bisect_left(self._closes, offset)
        return self._closed[index - 1] if index else None

    def lead(self, chars: str) -> int:
        """Where the sentence's text begins past any of ``chars`` (the sentence end when it is all ``chars``)."""
        if chars not in self._leads:
            stripped = self.text[self.span.start : self.span.end].lstrip(chars)
            self._leads[chars] = self.span.end - len(stripped)
        return self._leads[chars]

    def letter_from(self, offset: int) -> bool:
        """True when a letter stands at or after ``offset`` in the sentence."""
        if self._last_letter is None:
            last = self.span.end - 1
            while last >= self.span.start and not self.text[last].isalpha():
                last -= 1
            self._last_letter = last
        return self._last_letter >= offset


class Claimed:
    """The union of the contents a sentence's cues have claimed: a cue inside one belongs to it."""

    def __init__(self) -> None:
        self.starts: list[int] = []  # disjoint intervals, in order
        self.ends: list[int] = []

    def covers(self, offset: int) -> bool:
        index = bisect_right(self.starts, offset) - 1
        return index >= 0 and offset < self.ends[index]

    def add(self, span: Span) -> None:
        if span.start >= span.end:
            return  # an empty content claims nothing
        low = bisect_left(self.ends, span.start)  # the first interval that touches or follows
        high = bisect_right(self.starts, span.end)  # past the last interval that touches
        start = min(span.start, self.starts[low]) if low < high else span.start
        end = max(span.end, self.ends[high - 1]) if low < high else span.end
        self.starts[low:high] = [start]
        self.ends[low:high] = [end]
