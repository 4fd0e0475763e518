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


# ------------------------------------------------------------------ the picture


class _Memory:
    """A ledger held in memory: the four reads the graph needs."""

    def speakers(self):
        from provenance.records import Speaker

        return [Speaker(id=SPEAKER, name="Tomasz Wierzbicki")]

    def venues(self):
        return []

    def sources(self):
        return SOURCES

    def iter_claims(self):
        return iter(CLAIMS.values())


def test_the_trace_reads_left_to_right_in_time_with_every_variant_edge_labelled() -> None:
    from provenance.views.dot import graph_to_dot
    from provenance.views.graph import trace_to_graph

    graph = trace_to_graph(_Memory(), _trace(COPY))
    assert graph.graph["timeline"] == [f"claim:{c.id}" for c in (ORIGINAL, REWRITE, COPY)]

    dot = graph_to_dot(graph)
    origin, rewrite, copy = (f'"claim/{c.id}"' for c in (ORIGINAL, REWRITE, COPY))
    # variant edges run from the origin to each later appearance, the arrow turned back to the origin
    for later in (rewrite, copy):
        [edge] = [
            line for line in dot.splitlines() if line.strip().startswith(f"{origin} -> {later}") and "variant" in line
        ]
        assert "dir=back" in edge
        assert 'label="variant of: substituted"' in edge
    # the appearances are chained invisibly in time order, so the origin is drawn leftmost
    assert f"{origin} -> {rewrite} [style=invis weight=10]" in dot
    assert f"{rewrite} -> {copy} [style=invis weight=10]" in dot
    # derived_from hops also run from the earlier source's box to the later one's
    [hop] = [line for line in dot.splitlines() if "derived from (rewrite)" in line]
    assert hop.strip().startswith(f"{origin} -> {rewrite}")
    assert "dir=back" in hop
    assert "variant \u2192 origin, labelled with its drift" in dot  # the legend names the edge


def test_a_written_ledger_draws_each_copy_next_to_its_origin() -> None:
    from provenance.records import Link, LinkKind
    from provenance.views.dot import graph_to_dot
    from provenance.views.graph import ledger_to_graph

    memory = _Memory()
    linked = REWRITE.model_copy(update={"links": (Link(kind=LinkKind.VARIANT_OF, target=ORIGINAL.id),)})
    memory.iter_claims = lambda: iter([ORIGINAL, linked, COPY])  # type: ignore[method-assign]
    dot = graph_to_dot(ledger_to_graph(memory))
    [edge] = [line for line in dot.splitlines() if "variant of" in line]
    assert edge.strip().startswith(f'"claim/{ORIGINAL.id}" -> "claim/{REWRITE.id}"')
    assert "dir=back" in edge
    assert "constraint" not in edge  # it places the copy just right of its origin
    assert f'sametail="claim/{ORIGINAL.id}"' in edge  # a group's edges leave the origin at one point
