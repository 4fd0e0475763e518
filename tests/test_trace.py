"""Tracing one claim back through the sources that copied it, and the drift at each hop."""

from __future__ import annotations

import datetime as dt

from provenance.analysis.trace import trace_claim
from provenance.analysis.variants import Drift, group_variants
from provenance.ids import claim_id
from provenance.records import Claim, Derivation, DerivationKind, Source

SPEAKER = "tomasz-wierzbicki"


def _claim(source: str, text: str, speaker: str | None = SPEAKER) -> Claim:
    return Claim(id=claim_id(source, text, speaker), text=text, speaker=speaker, source=source)


SOURCES = [
    Source(id="gazette", outlet="Portmere Gazette", published=dt.date(2026, 3, 3), language="en"),
    Source(
        id="farm",
        outlet="newsfeed24.example",
        derived_from=(Derivation(source="gazette", relation=DerivationKind.REWRITE),),
        language="en",
    ),
    Source(
        id="aggregator",
        outlet="Aggregator",
        published=dt.date(2026, 3, 9),
        derived_from=(Derivation(source="farm", relation=DerivationKind.COPY),),
        language="en",
    ),
]
ORIGINAL = _claim("gazette", "Nobody from the council has set foot on this pier in years,")
REWRITE = _claim("farm", "No one from the council has set foot on this pier in years,")
COPY = _claim("aggregator", "No one from the council has set foot on this pier in years,")
CLAIMS = {c.id: c for c in (ORIGINAL, REWRITE, COPY)}


def _trace(claim: Claim):
    groups = group_variants(list(CLAIMS.values()), SOURCES)
    return trace_claim(claim, CLAIMS, {s.id: s for s in SOURCES}, groups, speaker_names={SPEAKER: "Tomasz Wierzbicki"})


def test_a_copy_of_a_copy_is_traced_to_the_first_appearance() -> None:
    chain = _trace(COPY)

    assert chain.origin == ORIGINAL.id
    assert [(a.source, a.outlet, a.drift) for a in chain.appearances] == [
        ("gazette", "Portmere Gazette", Drift.IDENTICAL),
        ("farm", "newsfeed24.example", Drift.SUBSTITUTED),
        ("aggregator", "Aggregator", Drift.SUBSTITUTED),
    ]
    assert chain.speaker == SPEAKER
    assert chain.speaker_name == "Tomasz Wierzbicki"


def test_each_derived_from_hop_carries_its_own_drift() -> None:
    chain = _trace(COPY)

    hops = [(h.from_source, h.to_source, h.relation, h.drift) for h in chain.hops]
    assert hops == [
        ("gazette", "farm", "rewrite", Drift.SUBSTITUTED),  # the farm swapped "Nobody" for "No one"
        ("farm", "aggregator", "copy", Drift.IDENTICAL),  # the aggregator copied the farm word for word
    ]
    swapped = [(s.old, s.new) for s in chain.hops[0].diff if s.op == "replace"]
    assert swapped == [("Nobody", "No one")]


def test_a_claim_nobody_else_printed_is_its_own_origin() -> None:
    lone = _claim("gazette", "What changes is where the fish is sold.", "declan-o-farrell")
    claims = {**CLAIMS, lone.id: lone}

    chain = trace_claim(lone, claims, {s.id: s for s in SOURCES}, group_variants(list(claims.values()), SOURCES))

    assert chain.origin == lone.id
    assert [a.claim for a in chain.appearances] == [lone.id]
    assert chain.hops == ()
