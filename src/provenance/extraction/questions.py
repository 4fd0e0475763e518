"""Questions put to someone: "Asked whether he would resign, Smith said …", "… when asked why",
"she was asked what happened to the vote".

The question is reported speech too, by whoever asked it, whom the article seldom names: the
claim is the question's words (from "whether", "if", "why"… or "about" on), with no speaker. It
runs to the comma before the answer's cue ("Asked if …, the senator said …"), else to the first
comma or the sentence's end.
"""

from __future__ import annotations

import re

from ..records import ClaimKind
from . import lexicon, rules
from .candidates import Found
from .content import strip_span
from .cues import iter_cues
from .segment import Span

#: "asked" as a passive or a participle: opening the sentence, or after "when", "if" or a form of "be".
_ASKED = re.compile(
    r"(?:(?<=\b[Ww]hen )|(?<=\b[Ii]f )|(?<=\bwas )|(?<=\bwere )|(?<=\bbeen )|(?<=\bbeing )|(?<=\bis ))asked\b"
    r"|\bAsked\b"
)
_QUESTION_START = re.compile(
    r"(?:\s+(?:by\s+[^,;:\u201c\"]{1,40}?|(?:on|in|at|during|after)\s+[^,;:\u201c\"]{1,40}?|later|again|recently"
    r"|repeatedly|directly|specifically|twice|once|" + "|".join(lexicon.WEEKDAYS) + r"))*?"
    rf"\s+(?=(?:{'|'.join(sorted(lexicon.QUESTION_OPENERS))})\b)"
)


def questions_put(text: str, sentence: Span) -> list[Found]:
    """The questions a sentence says were put to someone, each a claim with no speaker."""
    found: list[Found] = []
    if text.find("sked", sentence.start, sentence.end) < 0:
        return found  # one fast scan rules out nearly every sentence before the pattern is tried
    for asked in _ASKED.finditer(text, sentence.start, sentence.end):
        if asked.group()[0] == "A" and asked.start() != sentence.start:
            continue  # "Asked" capitalised inside a sentence: a headline's word
        opening = _QUESTION_START.match(text, asked.end(), min(sentence.end, asked.end() + rules.QUESTION_LEAD_CHARS))
        if opening is None:
            continue
        content = _question(text, opening.end(), sentence.end)
        if len(content) >= rules.MIN_CLAUSE_CHARS:
            found.append(
                Found(
                    content=content,
                    kind=ClaimKind.INDIRECT,
                    mention=None,
                    cue=Span(asked.start(), asked.end()),
                    confidence=rules.QUESTION_PUT,
                    sentence=sentence,
                )
            )
        if len(found) == rules.MAX_CUES_PER_SENTENCE:
            break
    return found


def _question(text: str, start: int, stop: int) -> Span:
    """The question's words from ``start``: up to the comma before the next cue (the answer's), else up
    to the first comma, semicolon or dash, else to the sentence's end (read at most QUESTION_CHARS)."""
    limit = min(stop, start + rules.QUESTION_CHARS)
    answer = next(iter_cues(text, start, limit), None)
    if answer is not None:
        comma = text.rfind(",", start, answer.start)
        if comma > start:
            return strip_span(text, Span(start, comma))
    end = _BREAK.search(text, start, limit)
    return strip_span(text, Span(start, end.start() if end is not None else limit))


_BREAK = re.compile(rf"[,;]|\s[{lexicon.DASHES}]\s|\s--\s")
