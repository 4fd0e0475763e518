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
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field

from pydantic import Field

from ..records import Claim, Link, LinkKind, Record, Source
from ..store.codec import gc_paused
from ..store.ledger_store import LedgerStore
from .alignment import independent_translations
from .drift import Drift, classify
from .linking import Compatible, Progress, find_links, mixed_form, same_speaker
from .linking import Link as Evidence
from .textdiff import WordDiff, word_diff

__all__ = [
    "Drift",
    "Member",
    "VariantGroup",
    "WordDiff",
    "classify",
    "group_variants",
    "ledger_variants",
    "order_sources",
    "same_speaker",
    "variant_links",
    "word_diff",
    "write_variant_links",
]


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


@dataclass
class _Group:
    """A group being built: its members (claim numbers, origin first) and the speakers they bind it to."""

    members: list[int] = field(default_factory=list)
    speakers: list[str | None] = field(default_factory=list)  # of members that joined with their own speaker


def _may_join(claim: Claim, group: _Group, claims: Sequence[Claim], compatible: Compatible, aligned: bool) -> bool:
    """A claim joins a group when its speaker suits every member's, or, found by position, it names another
    speaker for what the origin quoted (reported speech with the attribution changed)."""
    if all(compatible(speaker, claim.speaker) for speaker in group.speakers):
        return True
    origin = claims[group.members[0]]
    return aligned and mixed_form(origin, claim) and claim.speaker is not None


def group_variants(
    claims: Sequence[Claim],
    sources: Sequence[Source],
    *,
    speakers_compatible: Callable[[str | None, str | None], bool] | None = None,
    known: Mapping[str, str] | None = None,
    fresh: Collection[str] | None = None,
    progress: Progress | None = None,
    copies: Collection[tuple[str, str]] = (),
) -> list[VariantGroup]:
    """Groups (of two or more) of the claims of different sources that render one utterance.

    Sources go earliest first (``order_sources``, then sources not given, by id), so a group's first
    claim is its origin. A claim joins the group it is linked to best (:mod:`.linking`: by wording,
    or by position in related sources), if its speaker suits every member (copies of copies drift
    further). A source adds at most one claim, its best match, to a group, and never groups its own claims.

    An incremental run passes ``known`` (claim id -> its origin's id, from a previous run, trusted
    as they are) and ``fresh`` (the ids of the claims to compare: those of sources added or changed
    since); only pairs with a fresh claim are then compared. ``progress`` wraps the pairs compared.
    ``copies``: pairs of source ids found to copy one another (:mod:`.copies`), aligned like derivations.
    """
    with gc_paused():  # millions of short-lived tuples: full collections would walk the whole heap for nothing
        linking = _Linking(speakers_compatible or same_speaker, known or {}, fresh, progress, copies)
        return _group_variants(claims, sources, linking)


@dataclass(frozen=True)
class _Linking:
    """How claims are linked in one run: the speaker rule, and what an incremental run reuses."""

    compatible: Compatible
    known: Mapping[str, str]
    fresh: Collection[str] | None
    progress: Progress | None
    copies: Collection[tuple[str, str]]


def _group_variants(claims: Sequence[Claim], sources: Sequence[Source], how: _Linking) -> list[VariantGroup]:
    compatible, known, fresh = how.compatible, how.known, how.fresh
    rank = {sid: i for i, sid in enumerate(order_sources(sources))}
    by_id = {source.id: source for source in sources}
    ordered = sorted({c.id: c for c in claims}.values(), key=lambda c: (rank.get(c.source, len(rank)), c.source, c.id))
    number = {c.id: n for n, c in enumerate(ordered)}
    wanted = None if fresh is None else [number[cid] for cid in fresh if cid in number]
    links = find_links(ordered, by_id, compatible=compatible, wanted=wanted, progress=how.progress, copies=how.copies)
    # A previous run's groups, trusted as they are: as if found by position, so a member whose
    # attribution changed rejoins its group as it first joined it.
    for member, origin in known.items():
        if member in number and origin in number:
            pair = (min(number[member], number[origin]), max(number[member], number[origin]))
            links[pair] = Evidence(1.0, aligned=True)
    neighbours: dict[int, list[tuple[int, float, bool]]] = {}
    for (i, j), link in links.items():  # i < j: i's source comes first (or is the same rank)
        neighbours.setdefault(j, []).append((i, link.score, link.aligned))
    groups: list[_Group] = []
    group_of: dict[int, int] = {}
    for _, in_source in itertools.groupby(range(len(ordered)), key=lambda n: ordered[n].source):
        batch = list(in_source)
        pairs: list[tuple[float, int, int, bool]] = []  # (-score, group, claim number, joined by position)
        for claim in batch:
            for other, score, aligned in neighbours.get(claim, ()):
                group = group_of.get(other)
                if group is not None and _may_join(ordered[claim], groups[group], ordered, compatible, aligned):
                    pairs.append((-score, group, claim, aligned))
        placed, filled = set[int](), set[int]()  # claims placed, groups given this source's member
        for _, group, claim, aligned in sorted(pairs):  # best links first: each claim and group used once
            if claim not in placed and group not in filled:
                placed.add(claim)
                filled.add(group)
                _place(groups, group_of, group, ordered[claim], claim, aligned, compatible)
        for claim in batch:
            if claim not in placed:
                groups.append(_Group())
                _place(groups, group_of, len(groups) - 1, ordered[claim], claim, False, compatible)
    # In reading order: by the origin's source, then where the origin sits in it.
    kept = sorted(
        (group.members for group in groups if len(group.members) > 1),
        key=lambda g: (rank.get(ordered[g[0]].source, len(rank)), _start(ordered[g[0]]), ordered[g[0]].id),
    )
    return [_group([ordered[n] for n in members], by_id) for members in kept]


def _place(
    groups: list[_Group],
    group_of: dict[int, int],
    number: int,
    claim: Claim,
    position: int,
    aligned: bool,
    compatible: Compatible,
) -> None:
    group = groups[number]
    group.members.append(position)
    group_of[position] = number
    if not aligned or all(compatible(speaker, claim.speaker) for speaker in group.speakers):
        group.speakers.append(claim.speaker)


def _start(claim: Claim) -> int:
    return claim.anchor.start if claim.anchor else 0


def _group(claims: list[Claim], sources: Mapping[str, Source]) -> VariantGroup:
    origin, members = claims[0], []
    for claim in claims:
        drift, score, diff = drift_between(origin, claim, sources)
        members.append(Member(claim=claim.id, drift=drift, similarity=score, diff=diff))
    return VariantGroup(origin=origin.id, members=tuple(members))


def drift_between(
    earlier: Claim, later: Claim, sources: Mapping[str, Source]
) -> tuple[Drift, float, tuple[WordDiff, ...]]:
    """How ``later`` drifted from ``earlier``: wording, form, speaker, language (see :func:`.drift.classify`)."""
    first, second = sources.get(earlier.source), sources.get(later.source)
    return classify(
        earlier.text,
        later.text,
        origin_language=first.language if first else None,
        variant_language=second.language if second else None,
        form_changed=mixed_form(earlier, later),
        speaker_changed=earlier.speaker is not None and later.speaker is not None and earlier.speaker != later.speaker,
        translations=independent_translations(earlier.source, later.source, sources),
    )


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


def ledger_groups(
    ledger: LedgerStore, *, full: bool = False, progress: Progress | None = None
) -> tuple[list[VariantGroup], list[Claim], list[Source]]:
    """A ledger's variant groups, with the claims and sources they were made from.

    Sources whose text snapshots show one copies another (:mod:`.copies`) are aligned like recorded
    derivations. After a ``write``, a run compares only the claims of sources added or changed
    since (:mod:`.incremental`); ``full`` compares everything again.
    """
    from .copies import find_copies
    from .incremental import previous_run

    claims, sources = list(ledger.iter_claims()), ledger.sources()
    known, fresh = (None, None) if full else previous_run(ledger, claims, VARIANTS_NOTE)
    texts = {s.id: text for s in sources if (text := ledger.text(s.id)) is not None}
    copies = [(found.source, found.original) for found in find_copies(texts, sources)]
    groups = group_variants(claims, sources, known=known, fresh=fresh, progress=progress, copies=copies)
    return groups, claims, sources


def ledger_variants(
    ledger: LedgerStore, *, write: bool = False, full: bool = False, progress: Progress | None = None
) -> list[VariantGroup]:
    """Group a ledger's claims into variants (:func:`ledger_groups`); with ``write``, record them as
    links (:func:`write_variant_links`) and remember the run, so the next compares only what changed."""
    from .incremental import record_run

    groups, _, _ = ledger_groups(ledger, full=full, progress=progress)
    if write:
        write_variant_links(ledger, groups)
        record_run(ledger)
    return groups
