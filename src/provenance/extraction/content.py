"""What a cue governs: the edges of a reported clause, the adjuncts skipped, the venue phrases beside it."""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable, Iterator

from ..records import VenueKind
from . import lexicon, rules
from .cues import AUXILIARY_SPAN, iter_cues
from .results import VenueHint
from .segment import MarkCount, Span


def strip_span(text: str, span: Span, chars: str = lexicon.CLAUSE_EDGE) -> Span:
    """``span`` without ``chars`` at either edge (stripped by ``str.strip``: a long edge costs no Python loop)."""
    if span.start >= span.end:
        return span
    chunk = text[span.start : span.end]
    kept = chunk.lstrip(chars)
    start = span.start + len(chunk) - len(kept)
    return Span(start, start + len(kept.rstrip(chars)))


def balanced(text: str, span: Span) -> Span:
    """Keep a closing quotation mark when the span opened one; drop a dangling one."""
    start, end = span.start, span.end
    inner = text[start:end]
    opened = sum(inner.count(c) for c in lexicon.OPENING_QUOTES) + inner.count(lexicon.STRAIGHT_QUOTE) % 2
    if end < len(text) and text[end] in lexicon.QUOTE_CLOSERS and opened:
        end += 1
    elif inner.endswith(tuple(lexicon.CLOSING_QUOTES)) and not opened:
        end -= 1
    return Span(start, end)


#: Any venue phrase at all: one search rules out most stretches before the patterns are tried in turn.
_ANY_VENUE = re.compile("|".join(re.sub(r"\(\?P<\w+>", "(?:", p.pattern) for _, p in lexicon.VENUE_PATTERNS))


def venue_hint(text: str, spans: Iterable[Span]) -> VenueHint | None:
    """The first venue phrase in ``spans``: "by phone from exile in Poland", "in a statement"."""
    for span in spans:
        chunk = text[span.start : span.end]
        if _ANY_VENUE.search(chunk) is None:
            continue
        for kind, pattern in lexicon.VENUE_PATTERNS:
            match = pattern.search(chunk)
            if match:
                place = match.groupdict().get("place")
                if place and place.startswith("exile in "):
                    place = place[len("exile in ") :]
                return VenueHint(kind=VenueKind(kind), phrase=match.group(0), place=place)
    return None


# A day standing alone as a time ("said Friday that"), not the start of "Tuesday's remarks".
_WEEKDAY = rf"(?:{'|'.join(lexicon.WEEKDAYS)})(?![\w'\u2019])(?:\s+(?:morning|afternoon|evening|night))?"
ADJUNCT = re.compile(  # used with match(text, pos): no "^", which would pin it to offset 0
    rf"\s*(?:,\s*)?(?:(?:(?:{'|'.join(lexicon.ADJUNCT_WORDS)})\s+"
    rf"(?:(?:{'|'.join(lexicon.ADJUNCT_DETERMINERS)})\s+)?(?:[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*|[\w-]+)(?:\s+(?:from|in|on)\s+[\w-]+(?:\s+in\s+[A-Z][\w-]+)?)?"
    rf"|{_WEEKDAY})\s*,?\s*)+"
)
_THAT = re.compile(r"\s*(?:,\s*)?(?:that\b|:|,)\s*")


def forward_content(text: str, start: int, stop: int) -> tuple[Span, Span, bool]:
    """Content after a cue, skipping adjuncts ('on Saturday') and 'that'.

    Returns the content, the skipped stretch (where venue phrases sit), and
    whether 'that', a colon or a quotation mark introduced the content.
    """
    adjunct_start = start
    match = ADJUNCT.match(text, start, stop)
    if match and match.end() > start:
        start = match.end()
    match = _THAT.match(text, start, stop)
    introduced = bool(match and match.group().strip(" ,"))
    if match:
        start = match.end()
    introduced = introduced or text[start : start + 1] in lexicon.QUOTE_OPENERS
    return Span(start, stop), Span(adjunct_start, start), introduced


_CLAUSE_BREAK = re.compile(
    rf";\s|,\s+(?:{'|'.join(lexicon.PARTICIPLE_CLAUSES)}|{'|'.join(lexicon.CLAUSE_ENDERS)})\b|\s[\u2014\u2013]\s|\s--\s"
)
# "… and warned", "…, but he said": a coordinator, perhaps a pronoun for its subject, and a cue
_CONJUNCTION = re.compile(rf"(?:,\s*|\s+)(?:{'|'.join(sorted(lexicon.COORDINATORS))})\s+(?:(?:he|she|they|we|I)\s+)?$")


# A clause of its own inside a report: a break, a name or pronoun, then a cue that opens a quotation.
_NEW_SPEAKER = re.compile(
    rf"[,;{lexicon.DASHES}]\s*(?:(?:he|she|they|we|I)|[A-Z][\w.\u2019'-]+(?:\s+[A-Z][\w.\u2019'-]+)?)\s+$"
)
_QUOTE_NEXT = re.compile(r"\s*[,:]\s*(?:[\u201c\"]|'')")
_OWN_CLAUSE = re.compile(r",\s+(?:I|he|she|we|they)\s+[a-z]+$")


def cut_coordination(text: str, span: Span) -> Span:
    """End reported content where a second cue joins in: '… within days and warned Moscow that …'.

    The possible ends (a clause break, a coordinator before a cue) are taken in order and the
    first outside quotation marks wins. They are produced as the clause is read, and one is
    settled once the reading is far enough past it that no later cue could end the clause
    earlier (a cue's auxiliaries and coordinator reach back a bounded distance), so the clause
    is read only up to its end, not to the end of its sentence for every cue.
    """
    breaks = _unpaired(text, _CLAUSE_BREAK.finditer(text, span.start, span.end))
    ends = _Ends(text, span.start, next(breaks, None))
    for cue in iter_cues(text, span.start, span.end):
        cut = ends.settle(cue.cue.start - AUXILIARY_SPAN - rules.CONJUNCTION_REACH, breaks)
        if cut is not None:
            return Span(span.start, cut)
        reach = max(span.start, cue.start - rules.CONJUNCTION_REACH)
        conjunction = _CONJUNCTION.search(text, reach, cue.start)
        if conjunction is not None:
            # "… mentioned the devil, I laughed and said …": the second cue's own clause starts at the comma
            own = _OWN_CLAUSE.search(
                text, max(span.start, conjunction.start() - rules.CONJUNCTION_REACH), conjunction.start()
            )
            heapq.heappush(ends.pending, own.start() if own is not None else conjunction.start())
        elif _QUOTE_NEXT.match(text, cue.cue.end) and (speaker := _NEW_SPEAKER.search(text, reach, cue.start)):
            heapq.heappush(ends.pending, speaker.start())  # "… ― Trump boasted, “That makes me smart.”"
    cut = ends.settle(span.end + 1, breaks)
    return Span(span.start, cut) if cut is not None else span


def _unpaired(text: str, matches: Iterator[re.Match[str]]) -> Iterator[int]:
    """The clause breaks, save dashes that come in pairs: "the top 1 percent -- those earning more
    than $750,000 -- would pay more" sets off a parenthesis, it does not end the clause."""
    dash_open: int | None = None
    for match in matches:
        if match.group().strip() not in ("\u2014", "\u2013", "--"):
            if dash_open is not None:
                yield dash_open  # a dash that no second one closed before the next break
                dash_open = None
            yield match.start()
        elif dash_open is None:
            dash_open = match.start()
        else:
            dash_open = None  # the second dash of a pair
    if dash_open is not None:
        yield dash_open


class _Ends:
    """The possible ends of a clause not yet settled: coordinators before cues, and the next clause break."""

    def __init__(self, text: str, start: int, next_break: int | None) -> None:
        self.pending: list[int] = []  # a heap
        self.next_break = next_break
        self.marks = MarkCount(text, start)

    def settle(self, before: int, breaks: Iterator[int]) -> int | None:
        """The first end before ``before`` that is outside quotation marks, dropping those inside."""
        while True:
            if self.pending and (self.next_break is None or self.pending[0] <= self.next_break):
                if self.pending[0] >= before:
                    return None
                cut = heapq.heappop(self.pending)
            elif self.next_break is not None and self.next_break < before:
                cut, self.next_break = self.next_break, next(breaks, None)
            else:
                return None
            if not self.marks.open_until(cut):
                return cut


_FRAME_STOP = re.compile(
    rf"[,;:()\u2014\u2013]|\s--?\s|\b(?:{'|'.join(sorted(lexicon.FRAME_TAIL_STOPS))})\b", re.IGNORECASE
)


_JOINED = re.compile(r"\s(?:and|or|but)\s+$")


def frame_end(text: str, after: int, end: int) -> int:
    """Where a naming frame's claim ends: after its last quotation, or after the phrase that
    completes it ("“a true wake-up call” to his supporters"), not through a clause of its own
    ("“a disgrace” after she attacked …") or past a comma."""
    if text[max(0, after - 3) : after].rstrip("".join(lexicon.QUOTE_CLOSERS) + "'").endswith((",", ";", ".")):
        return after  # '“a strong leader,” comparing him …': the quotation closed its clause
    end = min(end, after + rules.FRAME_TAIL_CHARS)  # a longer tail is a clause of its own: read no further
    stop = _FRAME_STOP.search(text, after, end)
    limit = stop.start() if stop else end
    for verb in iter_cues(text, after, limit):
        if _JOINED.search(text, max(after, verb.start - 6), verb.start):
            limit = verb.start  # "call them “lone wolves” and describe their acts as …": a second verb
            break
    tail = strip_span(text, Span(after, limit))
    words = text[tail.start : tail.end].split()
    if words and words[-1].lower() in lexicon.COORDINATORS:
        tail = strip_span(text, Span(tail.start, tail.end - len(words.pop())))
    if not words or len(words) > rules.FRAME_TAIL_WORDS:
        return after
    adjunct = ADJUNCT.match(" " + text[tail.start : tail.end])
    if adjunct is not None and adjunct.end() > len(tail):
        return after  # "called the ruling “…” on Friday": a time, not part of what was said
    return tail.end


_PRO_VERBS = frozenset("did does do has have had was were is are".split())


def adverbial_clause(text: str, start: int) -> bool:
    """True when the words after a cue open an adverbial clause ("as he entered", "after she left"),
    not a report ("as did the campaign, that …" sets off a parenthesis)."""
    words = text[start : start + 40].lower().split()[:2]
    if not words or (len(words) == 2 and words[0] == "as" and words[1] in _PRO_VERBS):
        return False
    if words[0] in lexicon.SUBORDINATORS or words == ["when", "asked"]:
        return True  # "said when asked whether …": the question is a claim of its own (see questions)
    return words[0] in lexicon.TIME_SUBORDINATORS and len(words) == 2 and words[1] in lexicon.PRONOUNS


def only_adjunct(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is a short time or place adjunct (', on Monday, ')."""
    gap = text[start:end].strip(" ,:;")
    return bool(gap) and len(gap) < rules.ADJUNCT_GAP and ADJUNCT.match(" " + gap) is not None
