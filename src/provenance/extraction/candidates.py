"""The extractor's working records: what the sentence rules find, and what a document has shown so far."""

from __future__ import annotations

import heapq
from bisect import bisect_left
from dataclasses import dataclass, field

from ..records import ClaimKind
from .phrases import Mention
from .results import VenueHint
from .segment import Span


@dataclass(kw_only=True)
class Found:
    """One attribution found by a rule: these words, said by this mention, marked by this cue."""

    content: Span
    kind: ClaimKind
    mention: Mention | None
    cue: Span | None
    confidence: float
    sentence: Span
    partial: bool = False  # a quotation nested in a reported clause
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
    _speakers: _EarlierSpeakers = field(default_factory=_EarlierSpeakers, init=False, repr=False)

    def last_speaker_before(self, offset: int) -> Found | None:
        """The latest attribution found (in the order found) with a speaker and content ending by ``offset``."""
        return self._speakers.last_before(self.found, offset)

    def subject_between(self, start: int, end: int) -> Mention | None:
        """The last sentence subject that starts in ``[start, end)``."""
        index = bisect_left(self.subjects, end, key=lambda s: s.span.start)  # subjects come in text order
        subject = self.subjects[index - 1] if index else None
        return subject if subject is not None and subject.span.start >= start else None
