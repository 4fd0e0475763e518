"""Variants: the same utterance as printed by several sources, and how its wording drifted.

A rewriting farm copies a quote and mangles it ("cannot" -> "can not", "Nobody" -> "No one", a clause
dropped or padded). This groups the claims of different sources that render one utterance, takes the
earliest as origin, and says how each other member drifted, with a word diff a reviewer can read
(words compared as :mod:`.textdiff` compares them). Grouping is pure; :func:`write_variant_links`
records the result in a ledger as ``variant_of`` links.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
from collections.abc import Callable, Sequence
from enum import StrEnum

from pydantic import Field

from ..records import Claim, ClaimKind, Link, LinkKind, Record, Source
from ..store.ledger_store import LedgerStore
from .textdiff import WordDiff, contains_run, is_subsequence, similarity, word_diff, words_and_keys

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


def _language(tag: str) -> str:
    return tag.replace("_", "-").split("-")[0].casefold()


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
    _, old = words_and_keys(origin_text)
    _, new = words_and_keys(variant_text)
    score = similarity(old, new)
    if origin_language and variant_language and _language(origin_language) != _language(variant_language):
        return Drift.TRANSLATED, score, diff
    if origin_text.strip() == variant_text.strip():
        return Drift.IDENTICAL, 1.0, diff
    if "".join(old) == "".join(new):  # "cannot" and "can not" have the same letters
        return Drift.COSMETIC, 1.0, diff
    if is_subsequence(new, old):
        return Drift.TRUNCATED, score, diff
    if is_subsequence(old, new):
        return Drift.EXTENDED, score, diff
    # Words swapped, perhaps with a few dropped or added around them, while most of the wording
    # stands: an altered quote. Below the threshold the wording is the copy's own: a paraphrase.
    if any(step.op == "replace" for step in diff) and score >= SIMILARITY_THRESHOLD:
        return Drift.SUBSTITUTED, score, diff
    return Drift.REWRITTEN, score, diff


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
    score = similarity(a, b)
    short, long = sorted((a, b), key=len)
    contained = len(short) >= MIN_CONTAINED_WORDS and contains_run(short, long)
    return score if score >= threshold or contained else None


def _blocks(keys: list[str]) -> set[str]:
    """Index entries, so only claims sharing two consecutive words (one, when short) or all letters are scored."""
    found = {f"{a} {b}" for a, b in itertools.pairwise(keys)} | {"=" + "".join(keys)}
    return found | set(keys) if len(keys) < 4 else found


def _group_score(
    claim: Claim,
    keys: list[str],
    members: Sequence[tuple[Claim, list[str]]],
    compatible: Callable[[str | None, str | None], bool],
) -> float | None:
    """How well ``claim`` joins a group: its best match with any member, or None when it may not join."""
    if (claim.kind == ClaimKind.DIRECT) != (members[0][0].kind == ClaimKind.DIRECT):
        return None
    if not all(compatible(member.speaker, claim.speaker) for member, _ in members):
        return None
    # Reported speech by one named speaker is paraphrased more freely than a quote is altered.
    paraphrase = (
        claim.kind != ClaimKind.DIRECT
        and claim.speaker is not None
        and all(member.speaker == claim.speaker for member, _ in members)
    )
    threshold = PARAPHRASE_THRESHOLD if paraphrase else SIMILARITY_THRESHOLD
    scores = [score for _, other in members if (score := _match(keys, other, threshold=threshold)) is not None]
    return max(scores) if scores else None


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
        batch = [(claim, words_and_keys(claim.text)[1]) for claim in in_source]
        pairs: list[tuple[float, int, int]] = []  # (-score, group number, claim's position in batch)
        for position, (claim, keys) in enumerate(batch):
            for number in sorted(set().union(*(index.get(block, set()) for block in _blocks(keys)))):
                score = _group_score(claim, keys, groups[number], compatible)
                if score is not None:
                    pairs.append((-score, number, position))
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
    return [_group([claim for claim, _ in group], languages) for group in kept]


def _group(claims: list[Claim], languages: dict[str, str | None]) -> VariantGroup:
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


#: The note on the variant_of links that :func:`write_variant_links` writes, so a later run can replace them.
VARIANTS_NOTE = "provenance variants"


def write_variant_links(ledger: LedgerStore, groups: Sequence[VariantGroup]) -> None:
    """Record a ``variant_of`` link from each variant to its group's origin.

    Links this function wrote before are replaced (the grouping may have
    changed since); links a person wrote are kept and never duplicated.
    """
    links = variant_links(groups)
    touched = sorted(
        {c.source for c in ledger.iter_claims() if c.id in links or any(k.note == VARIANTS_NOTE for k in c.links)}
    )
    with ledger.edit() as edit:
        for source_id in touched:
            entry = edit.source(source_id)
            changed = False
            for i, claim in enumerate(entry.claims):
                kept = tuple(k for k in claim.links if k.note != VARIANTS_NOTE)
                target = links.get(claim.id)
                if target is not None and not any(k.kind is LinkKind.VARIANT_OF and k.target == target for k in kept):
                    kept = (*kept, Link(kind=LinkKind.VARIANT_OF, target=target, note=VARIANTS_NOTE))
                if kept != claim.links:
                    entry.claims[i] = claim.model_copy(update={"links": kept})
                    changed = True
            if changed:
                edit.save_source(entry)


def ledger_variants(ledger: LedgerStore, *, write: bool = False) -> list[VariantGroup]:
    """Group a ledger's claims into variants; with ``write``, record them as links (see :func:`write_variant_links`)."""
    groups = group_variants(list(ledger.iter_claims()), ledger.sources())
    if write:
        write_variant_links(ledger, groups)
    return groups
