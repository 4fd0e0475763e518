"""The chain of one claim: who said it, where it first appeared, and every later appearance.

A trace answers the provenance question for one claim: the speaker and
venue, the earliest source that carries the utterance (its variant group's
origin), every later appearance with outlet and date, the ``derived_from``
hops between the sources, and how the wording drifted at each hop.
:func:`trace_claim` is pure (it reads records, never files); :func:`ledger_trace`
gathers those records from a ledger.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from pydantic import Field

from ..records import Claim, Record, Source
from ..store.ledger_store import LedgerStore
from .drift import Drift
from .textdiff import WordDiff
from .variants import VariantGroup, drift_between, ledger_groups


class Appearance(Record):
    """One source's rendering of the utterance."""

    claim: str = Field(description="Id of the claim in this source.")
    source: str = Field(description="Id of the source.")
    outlet: str | None = Field(default=None, description="The source's outlet.")
    published: dt.date | None = Field(default=None, description="The source's publication date.")
    text: str = Field(description="The words as this source printed them.")
    drift: Drift = Field(description="Drift from the origin's wording (identical for the origin).")
    similarity: float = Field(description="Word-level similarity to the origin (0–1).")
    diff: tuple[WordDiff, ...] = Field(default=(), description="Word diff from the origin's text.")


class Hop(Record):
    """One step along ``derived_from``: a later source made from an earlier one, and what changed."""

    from_source: str = Field(description="The earlier source.")
    to_source: str = Field(description="The source derived from it.")
    relation: str = Field(description="copy, rewrite, translation or syndication.")
    from_claim: str | None = Field(default=None, description="The utterance's claim in the earlier source, if any.")
    to_claim: str | None = Field(default=None, description="The utterance's claim in the later source, if any.")
    drift: Drift | None = Field(default=None, description="How the wording changed across this hop.")
    diff: tuple[WordDiff, ...] = Field(default=(), description="Word diff across this hop.")


class Trace(Record):
    """The provenance chain of one claim."""

    claim: str = Field(description="The claim traced.")
    speaker: str | None = Field(default=None, description="Registry id of its speaker.")
    speaker_name: str | None = Field(default=None, description="The speaker's canonical name.")
    venue: str | None = Field(default=None, description="Where it was said (venue name), if recorded.")
    said_on: dt.date | None = Field(default=None, description="When it was said, if recorded.")
    origin: str = Field(description="The claim in the earliest source: the first appearance.")
    appearances: tuple[Appearance, ...] = Field(description="Every appearance, earliest first.")
    hops: tuple[Hop, ...] = Field(default=(), description="derived_from steps between the sources involved.")


def trace_claim(
    claim: Claim,
    claims: Mapping[str, Claim],
    sources: Mapping[str, Source],
    groups: Sequence[VariantGroup],
    *,
    speaker_names: Mapping[str, str] | None = None,
    venue_names: Mapping[str, str] | None = None,
) -> Trace:
    """Build the trace of ``claim`` from its variant group (a lone claim is its own origin).

    Who said it, where and when come from the claim, or from the first appearance
    when the claim leaves them out (a copy that drops the attribution or the venue).
    """
    group = next((g for g in groups if any(m.claim == claim.id for m in g.members)), None)
    if group is None:
        group = VariantGroup(origin=claim.id, members=())
        members: list[tuple[str, Drift, float, tuple[WordDiff, ...]]] = [(claim.id, Drift.IDENTICAL, 1.0, ())]
    else:
        members = [(m.claim, m.drift, m.similarity, m.diff) for m in group.members]
    appearances = [
        _appearance(claims[claim_id], sources.get(claims[claim_id].source), drift, similarity, diff)
        for claim_id, drift, similarity, diff in members
    ]
    origin = claims[group.origin]
    speaker = claim.speaker or origin.speaker
    venue = claim.venue or origin.venue
    return Trace(
        claim=claim.id,
        speaker=speaker,
        speaker_name=(speaker_names or {}).get(speaker or ""),
        venue=(venue_names or {}).get(venue or "", venue),
        said_on=claim.said_on or origin.said_on,
        origin=group.origin,
        appearances=tuple(appearances),
        hops=tuple(_hops(appearances, claims, sources)),
    )


def _appearance(
    claim: Claim, source: Source | None, drift: Drift, similarity: float, diff: tuple[WordDiff, ...]
) -> Appearance:
    return Appearance(
        claim=claim.id,
        source=claim.source,
        outlet=source.outlet if source else None,
        published=source.published if source else None,
        text=claim.text,
        drift=drift,
        similarity=similarity,
        diff=diff,
    )


def _hops(appearances: Sequence[Appearance], claims: Mapping[str, Claim], sources: Mapping[str, Source]) -> list[Hop]:
    """Each ``derived_from`` step into a source that carries the utterance, with the drift across it."""
    by_source = {a.source: a for a in appearances}
    hops = []
    for appearance in appearances:
        source = sources.get(appearance.source)
        for parent in source.derived_from if source else ():
            earlier = by_source.get(parent.source)
            hop = Hop(
                from_source=parent.source,
                to_source=appearance.source,
                relation=parent.relation.value,
                from_claim=earlier.claim if earlier else None,
                to_claim=appearance.claim,
            )
            if earlier is not None:
                hop_drift, _, hop_diff = drift_between(claims[earlier.claim], claims[appearance.claim], sources)
                hop = hop.model_copy(update={"drift": hop_drift, "diff": hop_diff})
            hops.append(hop)
    return hops


def ledger_trace(ledger: LedgerStore, claim_id: str) -> Trace:
    """The trace of one claim of ``ledger`` (an id or a unique id prefix), over the ledger's variant groups.

    The groups are the ones ``variants`` gives (incremental after a ``variants --write``).
    """
    claim = ledger.claim(claim_id)
    groups, claims, sources = ledger_groups(ledger)
    return trace_claim(
        claim,
        {c.id: c for c in claims},
        {s.id: s for s in sources},
        groups,
        speaker_names={s.id: s.name for s in ledger.speakers()},
        venue_names={v.id: v.name for v in ledger.venues()},
    )
