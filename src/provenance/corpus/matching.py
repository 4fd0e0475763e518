"""Verifying a candidate component: which of its quotes render one utterance, and how each drifted.

Blocking only says two quotes *may* be one utterance. Here the quotes of one
component, earliest first, each join the group they match best word for
word (similarity at least :data:`SIMILARITY`, or the shorter contained whole in
the longer: a partial quote), provided the group has no quote from the same
article, the same kind of quote, and no other named speaker. Drift from the
group's origin (its earliest quote) is classified by
:func:`provenance.analysis.variants.classify`, as ``provenance variants`` does.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from ..analysis.variants import classify
from .blocking import stable_hash, word_keys

#: Word-level similarity (0–1) at or above which two quotes render one utterance (as ``variants`` uses).
SIMILARITY = 0.6
#: A partial quote must run this many words, all found in order in the fuller one.
MIN_CONTAINED_WORDS = 5
#: A quote is compared with at most this many distinct wordings of a group (the origin first): bounded cost.
MAX_WORDINGS = 8


@dataclass
class _Group:
    rows: list[dict[str, Any]] = field(default_factory=list)
    wordings: list[list[str]] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)
    speakers: set[str] = field(default_factory=set)

    def accepts(self, row: dict[str, Any]) -> bool:
        speaker = row["speaker"]
        other_speaker = speaker is not None and any(s != speaker for s in self.speakers)
        return row["article"] not in self.articles and row["kind"] == self.rows[0]["kind"] and not other_speaker

    def score(self, keys: list[str]) -> float | None:
        scores = [s for wording in self.wordings if (s := match(keys, wording)) is not None]
        return max(scores) if scores else None

    def add(self, row: dict[str, Any], keys: list[str]) -> None:
        self.rows.append(row)
        self.articles.add(row["article"])
        if row["speaker"] is not None:
            self.speakers.add(row["speaker"])
        if len(self.wordings) < MAX_WORDINGS and keys not in self.wordings:
            self.wordings.append(keys)


def match(a: list[str], b: list[str]) -> float | None:
    """How alike two wordings are (0–1), or None when they are not one utterance."""
    if a == b:
        return 1.0
    score = fuzz.ratio(a, b) / 100.0
    short, long = sorted((a, b), key=len)
    n = len(short)
    contained = n >= MIN_CONTAINED_WORDS and any(long[i : i + n] == short for i in range(len(long) - n + 1))
    return score if score >= SIMILARITY or contained else None


def _order(row: dict[str, Any]) -> tuple[dt.date, str, int, str]:
    return (row["published"] or dt.date.max, row["article"], row["start"], row["key"])


def group_component(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The groups of one component: their ``groups`` rows and ``group_counts`` rows (groups of one are dropped)."""
    groups: list[_Group] = []
    by_wording: dict[tuple[str, ...], list[int]] = {}
    for row in sorted(rows, key=_order):
        keys = word_keys(row["text"])
        same = by_wording.get(tuple(keys), [])
        pool = same if any(groups[g].accepts(row) for g in same) else range(len(groups))
        best, best_score = None, -1.0
        for number in pool:
            if groups[number].accepts(row) and (score := groups[number].score(keys)) is not None and score > best_score:
                best, best_score = number, score
        if best is None:
            groups.append(_Group())
            best = len(groups) - 1
        groups[best].add(row, keys)
        by_wording.setdefault(tuple(keys), []).append(best)
    members: list[dict[str, Any]] = []
    counts: list[dict[str, Any]] = []
    for found in groups:
        if len(found.rows) > 1:
            group_members, group_counts = _describe(found.rows)
            members += group_members
            counts.append(group_counts)
    return members, counts


def _describe(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    origin = rows[0]
    group_id = f"g-{stable_hash(origin['key']):016x}"[:14]
    members = []
    for row in rows:
        drift, similarity = drift_from(origin["text"], row["text"])
        members.append(
            {
                "group": group_id,
                "quote": row["key"],
                "article": row["article"],
                "origin": row is origin,
                "drift": drift,
                "similarity": similarity,
                **{name: row[name] for name in ("published", "outlet", "url", "speaker", "text")},
            }
        )
    dates = [row["published"] for row in rows if row["published"] is not None]
    speakers = Counter(row["speaker"] for row in rows if row["speaker"] is not None)
    counts = {
        "group": group_id,
        "origin": origin["key"],
        "text": origin["text"],
        "speaker": origin["speaker"] or (speakers.most_common(1)[0][0] if speakers else None),
        "quotes": len(rows),
        "articles": len({row["article"] for row in rows}),
        "outlets": len({row["outlet"] for row in rows if row["outlet"]}),
        "first_date": min(dates, default=None),
        "last_date": max(dates, default=None),
    }
    return members, counts


def drift_from(origin: str, text: str) -> tuple[str, float]:
    """The drift class and similarity of ``text`` against ``origin``, as ``provenance variants`` reports them."""
    drift, similarity, _ = classify(origin, text)
    return str(getattr(drift, "value", drift)), float(similarity)
