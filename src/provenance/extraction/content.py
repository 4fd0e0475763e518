"""What a cue governs: the edges of a reported clause, the adjuncts skipped, the venue phrases beside it."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..records import VenueKind
from . import lexicon, rules
from .cues import find_cues
from .results import VenueHint
from .segment import Span, inside_quotes


def strip_span(text: str, span: Span, chars: str = lexicon.CLAUSE_EDGE) -> Span:
    """``span`` without ``chars`` at either edge."""
    start, end = span.start, span.end
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return Span(start, end)


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


def venue_hint(text: str, spans: Iterable[Span]) -> VenueHint | None:
    """The first venue phrase in ``spans``: "by phone from exile in Poland", "in a statement"."""
    for span in spans:
        chunk = text[span.start : span.end]
        for kind, pattern in lexicon.VENUE_PATTERNS:
            match = pattern.search(chunk)
            if match:
                place = match.groupdict().get("place")
                if place and place.startswith("exile in "):
                    place = place[len("exile in ") :]
                return VenueHint(kind=VenueKind(kind), phrase=match.group(0), place=place)
    return None


ADJUNCT = re.compile(  # used with match(text, pos): no "^", which would pin it to offset 0
    rf"\s*(?:,\s*)?(?:(?:{'|'.join(lexicon.ADJUNCT_WORDS)})\s+"
    rf"(?:(?:{'|'.join(lexicon.ADJUNCT_DETERMINERS)})\s+)?(?:[A-Z]?[\w-]+)(?:\s+(?:from|in|on)\s+[\w-]+(?:\s+in\s+[A-Z][\w-]+)?)?\s*,?\s*)+"
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


_CLAUSE_BREAK = re.compile(rf";\s|,\s+(?:{'|'.join(lexicon.PARTICIPLE_CLAUSES)})\b")
_CONJUNCTION = re.compile(rf"(?:,\s*|\s+)(?:{'|'.join(sorted(lexicon.COORDINATORS))})\s+$")


def cut_coordination(text: str, span: Span) -> Span:
    """End reported content where a second cue joins in: '… within days and warned Moscow that …'."""
    cuts = [m.start() for m in _CLAUSE_BREAK.finditer(text, span.start, span.end)]
    for cue in find_cues(text, span.start, span.end):
        reach = max(span.start, cue.start - rules.CONJUNCTION_REACH)
        conjunction = _CONJUNCTION.search(text[reach : cue.start])
        if conjunction is not None:
            cuts.append(reach + conjunction.start())
    for cut in sorted(cuts):
        if not inside_quotes(text, span.start, cut):
            return Span(span.start, cut)
    return span


def only_adjunct(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is a short time or place adjunct (', on Monday, ')."""
    gap = text[start:end].strip(" ,:;")
    return bool(gap) and len(gap) < rules.ADJUNCT_GAP and ADJUNCT.match(" " + gap) is not None
