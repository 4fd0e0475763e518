"""Variants: the same utterance as printed by several sources, and how its wording drifted.

A rewriting farm copies a quote and mangles it ("cannot" -> "can not", "Nobody" -> "No one", a clause
dropped or padded). This groups the claims of different sources that render one utterance, takes the
earliest as origin, and says how each other member drifted, with a word diff a reviewer can read. Words
compare case-folded, without accents or punctuation, British/American spellings merged, so typography
alone is never a change of wording. Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import re
import unicodedata
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher
from enum import StrEnum
from typing import Literal

from pydantic import Field
from rapidfuzz import fuzz

from .models import Claim, ClaimKind, Record, Source

#: Word-level similarity (0–1) at or above which two claims render the same utterance.
SIMILARITY_THRESHOLD = 0.6
#: For reported speech attributed to one named speaker in both sources: a paraphrase keeps less wording.
PARAPHRASE_THRESHOLD = 0.5
#: A partial quote must share at least this many consecutive words with the fuller one.
MIN_CONTAINED_WORDS = 3


class Drift(StrEnum):
    """How a variant's wording differs from its origin's."""

    IDENTICAL = "identical"  # the same characters
    COSMETIC = "cosmetic"  # the same letters: case, punctuation, spacing or spelling differ
    TRUNCATED = "truncated"  # words dropped, none added or changed
    EXTENDED = "extended"  # words added, none dropped or changed
    SUBSTITUTED = "substituted"  # words swapped (perhaps with a few dropped or added), most kept
    REWRITTEN = "rewritten"  # anything else: a paraphrase
    TRANSLATED = "translated"  # a different language


class WordDiff(Record):
    """One step of a word diff: from an earlier wording (the origin, or the claim as recorded) to a later one."""

    op: Literal["equal", "insert", "delete", "replace"] = Field(description="What happened to these words.")
    old: str = Field(description="The earlier words in this step, as printed (empty for an insert).")
    new: str = Field(description="The later words in this step, as printed (empty for a delete).")


class Member(Record):
    """One claim in a variant group and how far it drifted from the origin."""

    claim: str = Field(description="Id of the claim.")
    drift: Drift = Field(description="The kind of change from the origin's wording.")
    similarity: float = Field(ge=0.0, le=1.0, description="Word-level similarity to the origin (1.0 = same words).")
    diff: tuple[WordDiff, ...] = Field(description="Word diff from the origin's text to this claim's text.")


class VariantGroup(Record):
    """Claims in different sources that render one utterance; the earliest is the origin."""

    origin: str = Field(description="Id of the claim in the earliest source.")
    members: tuple[Member, ...] = Field(description="Every member, origin first, in order of appearance.")


# ------------------------------------------------------------------ words

# British spellings the suffix rules below do not cover, mapped to the American form.
_WORD_FORMS = dict(
    pair.split(":", 1)
    for pair in "defence:defense offence:offense licence:license pretence:pretense grey:gray programme:program "
    "catalogue:catalog dialogue:dialog travelled:traveled travelling:traveling cancelled:canceled "
    "cancelling:canceling labelled:labeled modelling:modeling jewellery:jewelry".split()
)
# Suffix rules need three letters before the suffix, so "four", "your" and "raise" are left alone.
_SPELLING_RULES = (
    (re.compile(r"(?<=\w{3})is(e|es|ed|ing|ation|ations)$"), r"iz\1"),  # organise -> organize
    (re.compile(r"(?<=\w{3})ys(e|es|ed|ing)$"), r"yz\1"),  # analyse -> analyze
    (re.compile(r"(?<=\w{3})our(s|ed|ing|ite|ites|able|er|ers)?$"), r"or\1"),  # harbour -> harbor
    (re.compile(r"(?<=\w{3})tre(s)?$"), r"ter\1"),  # centre -> center
)


def _key(word: str) -> str:
    """The form a word is compared in: letters and digits only, one spelling."""
    folded = unicodedata.normalize("NFKD", word.casefold())
    letters = "".join(char for char in folded if char.isalnum())
    letters = _WORD_FORMS.get(letters, letters)
    for pattern, replacement in _SPELLING_RULES:
        letters = pattern.sub(replacement, letters)
    return letters


def _tokens(text: str) -> tuple[list[str], list[str]]:
    """Words as printed and their keys; a lone dash or ellipsis is not a word."""
    kept = [(word, key) for word in text.split() if (key := _key(word))]
    return [word for word, _ in kept], [key for _, key in kept]


def _similarity(a: Sequence[str], b: Sequence[str]) -> float:
    """Indel similarity over word sequences (rapidfuzz's C++ ratio), 0–1; two empty texts score 1."""
    return round(fuzz.ratio(a, b) / 100.0, 4)


def _is_subsequence(short: Sequence[str], long: Sequence[str]) -> bool:
    remaining = iter(long)
    return all(word in remaining for word in short)


def _contains(short: Sequence[str], long: Sequence[str]) -> bool:
    """A partial quote: ``short`` appears as a run of consecutive words of ``long``."""
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


def _language(tag: str) -> str:
    return tag.replace("_", "-").split("-")[0].casefold()


def word_diff(old: str, new: str) -> tuple[WordDiff, ...]:
    """Diff two texts word by word; words are aligned by their keys, shown as printed."""
    old_words, old_keys = _tokens(old)
    new_words, new_keys = _tokens(new)
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    return tuple(
        WordDiff(op=op, old=" ".join(old_words[i1:i2]), new=" ".join(new_words[j1:j2]))
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
    )


def classify(
    origin_text: str,
    variant_text: str,
    *,
    origin_language: str | None = None,
    variant_language: str | None = None,
) -> tuple[Drift, float, tuple[WordDiff, ...]]:
    """How ``variant_text`` drifted from ``origin_text``: the drift, a 0–1 similarity, the word diff.

    Identical and cosmetic variants have the same words, so their similarity is 1.0.
    """
    diff = word_diff(origin_text, variant_text)
    _, old = _tokens(origin_text)
    _, new = _tokens(variant_text)
    similarity = _similarity(old, new)
    if origin_language and variant_language and _language(origin_language) != _language(variant_language):
        return Drift.TRANSLATED, similarity, diff
    if origin_text.strip() == variant_text.strip():
        return Drift.IDENTICAL, 1.0, diff
    if "".join(old) == "".join(new):  # "cannot" and "can not" have the same letters
        return Drift.COSMETIC, 1.0, diff
    if _is_subsequence(new, old):
        return Drift.TRUNCATED, similarity, diff
    if _is_subsequence(old, new):
        return Drift.EXTENDED, similarity, diff
    # Words swapped, perhaps with a few dropped or added around them, while most of the wording
    # stands: an altered quote. Below the threshold the wording is the copy's own: a paraphrase.
    if any(step.op == "replace" for step in diff) and similarity >= SIMILARITY_THRESHOLD:
        return Drift.SUBSTITUTED, similarity, diff
    return Drift.REWRITTEN, similarity, diff


# ------------------------------------------------------------------ sources in order


def order_sources(sources: Sequence[Source]) -> list[str]:
    """Source ids, earliest first: by published date, ties by id.

    A source always follows the sources it derives from (a copy cannot predate its original, whatever
    its date says). An undated source counts as dated like its latest parent; an undated source with
    no parents like its earliest copy, or last when nothing dates it.
    """
    by_id = {source.id: source for source in sorted(sources, key=lambda s: s.id)}
    parents = {sid: sorted({d.source for d in s.derived_from if d.source in by_id} - {sid}) for sid, s in by_id.items()}
    children = {sid: [copy for copy, ups in parents.items() if sid in ups] for sid in by_id}

    memo: dict[tuple[str, bool], dt.date] = {}

    def date_of(sid: str, via_copies: bool = False) -> dt.date:
        """Own date; else the latest parent's; else (a root) the earliest copy's; else dt.date.max."""
        if (sid, via_copies) not in memo:
            memo[sid, via_copies] = dt.date.max  # guards against derivation cycles
            if (own := by_id[sid].published) is not None:
                memo[sid, via_copies] = own
            elif via_copies or not parents[sid]:
                memo[sid, via_copies] = min((date_of(copy, True) for copy in children[sid]), default=dt.date.max)
            else:
                memo[sid, via_copies] = max(date_of(parent) for parent in parents[sid])
        return memo[sid, via_copies]

    def priority(sid: str) -> tuple[dt.date, bool, str]:
        return (date_of(sid), by_id[sid].published is None, sid)

    waiting = {sid: len(ups) for sid, ups in parents.items()}
    ready = [priority(sid) for sid, count in waiting.items() if count == 0]
    heapq.heapify(ready)
    ordered: list[str] = []
    while len(ordered) < len(by_id):
        if not ready:  # a derivation cycle (bad data): release the earliest source still waiting
            ready = [min(priority(sid) for sid in waiting)]
        sid = heapq.heappop(ready)[2]
        del waiting[sid]
        ordered.append(sid)
        for child in children[sid]:
            if child in waiting:
                waiting[child] -= 1
                if waiting[child] == 0:
                    heapq.heappush(ready, priority(child))
    return ordered


# ------------------------------------------------------------------ grouping


def same_speaker(a: str | None, b: str | None) -> bool:
    """The default rule: the same speaker id, or an unattributed claim on either side."""
    return a is None or b is None or a == b


def _match(a: list[str], b: list[str], *, threshold: float = SIMILARITY_THRESHOLD) -> float | None:
    """The score of two claims as renderings of one utterance, or None when they are not."""
    if "".join(a) == "".join(b):
        return 1.0
    score = _similarity(a, b)
    short, long = sorted((a, b), key=len)
    contained = len(short) >= MIN_CONTAINED_WORDS and _contains(short, long)
    return score if score >= threshold or contained else None


def _blocks(keys: list[str]) -> set[str]:
    """Index entries, so only claims sharing two consecutive words (one, when short) or all letters are scored."""
    found = {f"{a} {b}" for a, b in itertools.pairwise(keys)} | {"=" + "".join(keys)}
    return found | set(keys) if len(keys) < 4 else found


def group_variants(
    claims: Sequence[Claim],
    sources: Sequence[Source],
    *,
    speakers_compatible: Callable[[str | None, str | None], bool] | None = None,
) -> list[VariantGroup]:
    """Groups (of two or more) of the claims of different sources that render one utterance.

    Sources go earliest first (``order_sources``, then sources not given, by id), so a group's first
    claim is its origin. A claim joins the group it matches best if it matches any member (copies of
    copies drift further), its speaker suits every member, and both are direct quotes or both are not.
    A source adds at most one claim, its best match, to a group, and never groups its own claims.
    """
    compatible = speakers_compatible or same_speaker
    rank = {sid: i for i, sid in enumerate(order_sources(sources))}
    languages = {source.id: source.language for source in sources}
    ordered = sorted({c.id: c for c in claims}.values(), key=lambda c: (rank.get(c.source, len(rank)), c.source, c.id))
    groups: list[list[tuple[Claim, list[str]]]] = []  # members with their word keys, origin first
    index: dict[str, set[int]] = {}  # block -> numbers of the groups with a member that has it

    def add(number: int, claim: Claim, keys: list[str]) -> None:
        groups[number].append((claim, keys))
        for block in _blocks(keys):
            index.setdefault(block, set()).add(number)

    # Sources one at a time, earliest first: a group never holds the source being matched.
    for _, in_source in itertools.groupby(ordered, key=lambda c: c.source):
        batch = [(claim, _tokens(claim.text)[1]) for claim in in_source]
        pairs: list[tuple[float, int, int]] = []  # (-score, group number, claim's position in batch)
        for position, (claim, keys) in enumerate(batch):
            for number in sorted(set().union(*(index.get(block, set()) for block in _blocks(keys)))):
                members = groups[number]
                if (claim.kind == ClaimKind.DIRECT) != (members[0][0].kind == ClaimKind.DIRECT):
                    continue
                if all(compatible(member.speaker, claim.speaker) for member, _ in members):
                    # Reported speech by one named speaker is paraphrased more freely than a quote is altered.
                    paraphrase = (
                        claim.kind != ClaimKind.DIRECT
                        and claim.speaker is not None
                        and all(member.speaker == claim.speaker for member, _ in members)
                    )
                    threshold = PARAPHRASE_THRESHOLD if paraphrase else SIMILARITY_THRESHOLD
                    scored = (_match(keys, other, threshold=threshold) for _, other in members)
                    scores = [s for s in scored if s is not None]
                    pairs.extend([(-max(scores), number, position)] if scores else [])
        placed, filled = set[int](), set[int]()  # claims placed, groups given this source's member
        for _, number, position in sorted(pairs):  # best matches first: each claim and group used once
            if position not in placed and number not in filled:
                placed.add(position)
                filled.add(number)
                add(number, *batch[position])
        for position, (claim, keys) in enumerate(batch):
            if position not in placed:
                groups.append([])
                add(len(groups) - 1, claim, keys)
    # In reading order: by the origin's source, then where the origin sits in it.
    kept = sorted(
        (group for group in groups if len(group) > 1),
        key=lambda g: (rank.get(g[0][0].source, len(rank)), g[0][0].anchor.start if g[0][0].anchor else 0, g[0][0].id),
    )
    return [_finish([claim for claim, _ in group], languages) for group in kept]


def _finish(claims: list[Claim], languages: dict[str, str | None]) -> VariantGroup:
    origin, members, lang = claims[0], [], languages.get
    for claim in claims:
        drift, score, diff = classify(
            origin.text, claim.text, origin_language=lang(origin.source), variant_language=lang(claim.source)
        )
        members.append(Member(claim=claim.id, drift=drift, similarity=score, diff=diff))
    return VariantGroup(origin=origin.id, members=tuple(members))


def variant_links(groups: Sequence[VariantGroup]) -> dict[str, str]:
    """Claim id -> its origin's claim id, for every member that is not an origin (for ``variant_of`` links)."""
    return {member.claim: group.origin for group in groups for member in group.members if member.claim != group.origin}
