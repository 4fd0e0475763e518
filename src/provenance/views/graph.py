"""The ledger as a networkx graph, and the walks provenance questions need.

Node ids are typed strings (``speaker:…``, ``claim:…``, ``venue:…``,
``source:…``) so one graph holds every record without collisions, and every
node carries ``type`` plus its record's fields as attributes. Edges carry a
``relation``: said, at, reported-by, derived-from, or a claim link kind.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import networkx as nx

from ..errors import NotFoundError
from ..records import Claim, Source, Speaker, Venue

if TYPE_CHECKING:
    from ..analysis.trace import Trace

SAID = "said"
AT = "at"
REPORTED_BY = "reported-by"
DERIVED_FROM = "derived-from"


class LedgerLike(Protocol):
    """What the graph needs from a ledger: any object with these four reads (a Ledger, or one held in memory)."""

    def speakers(self) -> list[Speaker]: ...
    def venues(self) -> list[Venue]: ...
    def sources(self) -> list[Source]: ...
    def iter_claims(self) -> Iterator[Claim]: ...


@runtime_checkable
class SelectsClaims(Protocol):
    """A ledger that can hand over only the claims asked for (a Ledger does, in SQL), so a part is drawn fast."""

    def select_claims(
        self,
        *,
        speakers: Collection[str] | None = None,
        sources: Collection[str] | None = None,
        ids: Collection[str] | None = None,
    ) -> list[Claim]: ...


def node_id(kind: str, record_id: str) -> str:
    """The typed node id of a record: ``node_id("speaker", "valery-tsepkalo")``."""
    return f"{kind}:{record_id}"


def _attrs(record: Any, kind: str) -> dict[str, Any]:
    data: dict[str, Any] = record.model_dump(mode="json", exclude_none=True)
    data.pop("id", None)
    data["type"] = kind
    return data


def ledger_to_graph(
    ledger: LedgerLike,
    *,
    speakers: Collection[str] | None = None,
    sources: Collection[str] | None = None,
    claims: Collection[str] | None = None,
) -> nx.MultiDiGraph:
    """Build the who-said-what graph; restrict to claims by ``speakers`` / in ``sources`` / with ids ``claims``.

    Sources an included source derives from are kept, so a restricted picture
    still shows where a copy came from.
    """
    graph = nx.MultiDiGraph()
    wanted = claims
    everything = speakers is None and sources is None and wanted is None
    if isinstance(ledger, SelectsClaims) and not everything:  # only the part drawn is read
        chosen = ledger.select_claims(speakers=speakers, sources=sources, ids=wanted)
    else:
        chosen = [
            c
            for c in ledger.iter_claims()
            if (speakers is None or c.speaker in speakers)
            and (sources is None or c.source in sources)
            and (wanted is None or c.id in wanted)
        ]
    speaker_ids = {c.speaker for c in chosen if c.speaker}
    venue_ids = {c.venue for c in chosen if c.venue}
    all_sources = {s.id: s for s in ledger.sources()}
    source_ids = set(_with_ancestors({c.source for c in chosen} | set(sources or ()), all_sources))
    if everything:
        source_ids = set(all_sources)

    for speaker in ledger.speakers():
        if speaker.id in speaker_ids or everything:
            graph.add_node(node_id("speaker", speaker.id), **_attrs(speaker, "speaker"))
    for venue in ledger.venues():
        if venue.id in venue_ids:
            graph.add_node(node_id("venue", venue.id), **_attrs(venue, "venue"))
    for source_id in sorted(source_ids):
        source = all_sources[source_id]
        graph.add_node(node_id("source", source.id), **_attrs(source, "source"))
        for parent in source.derived_from:
            if parent.source in source_ids:
                graph.add_edge(
                    node_id("source", source.id),
                    node_id("source", parent.source),
                    key=DERIVED_FROM,
                    relation=DERIVED_FROM,
                    derivation=parent.relation.value,
                )
    claim_nodes = {c.id for c in chosen}
    for claim in chosen:
        cid = node_id("claim", claim.id)
        graph.add_node(cid, **_attrs(claim, "claim"))
        if claim.speaker:
            graph.add_edge(node_id("speaker", claim.speaker), cid, key=SAID, relation=SAID)
        if claim.venue:
            graph.add_edge(cid, node_id("venue", claim.venue), key=AT, relation=AT)
        graph.add_edge(cid, node_id("source", claim.source), key=REPORTED_BY, relation=REPORTED_BY)
        for link in claim.links:
            if link.target in claim_nodes:
                graph.add_edge(cid, node_id("claim", link.target), key=link.kind.value, relation=link.kind.value)
    return graph


def _with_ancestors(ids: Iterable[str], sources: dict[str, Source]) -> Iterator[str]:
    seen: set[str] = set()
    stack = list(ids)
    while stack:
        current = stack.pop()
        if current in seen or current not in sources:
            continue
        seen.add(current)
        yield current
        stack.extend(d.source for d in sources[current].derived_from)


def _node(graph: nx.MultiDiGraph, node: str) -> str:
    """``node`` if the graph has it, else NotFoundError (a KeyError too, as networkx's own lookups raise)."""
    if node not in graph:
        raise NotFoundError(f"the graph has no node {node!r}; node ids look like 'claim:c-3e9c1a6cc95c'")
    return node


def who_said(graph: nx.MultiDiGraph, claim: str) -> str | None:
    """The speaker node of a claim node, or None for an unattributed claim."""
    for speaker, _, relation in graph.in_edges(_node(graph, claim), data="relation"):
        if relation == SAID:
            return str(speaker)
    return None


def claims_by(graph: nx.MultiDiGraph, speaker: str) -> list[str]:
    """The claim nodes a speaker node said."""
    return [str(c) for _, c, relation in graph.out_edges(_node(graph, speaker), data="relation") if relation == SAID]


def reported_by(graph: nx.MultiDiGraph, claim: str) -> str:
    """The source node that reports a claim node."""
    for _, source, relation in graph.out_edges(_node(graph, claim), data="relation"):
        if relation == REPORTED_BY:
            return str(source)
    raise NotFoundError(f"{claim!r} is not a claim node (it is reported by no source)")


def source_lineage(graph: nx.MultiDiGraph, source: str) -> list[str]:
    """A source node followed by the sources it derives from, nearest first."""
    chain = [_node(graph, source)]
    current = source
    while True:
        parents = [p for _, p, rel in graph.out_edges(current, data="relation") if rel == DERIVED_FROM]
        if not parents or parents[0] in chain:
            return chain
        current = str(parents[0])
        chain.append(current)


def trace_to_graph(ledger: LedgerLike, trace: Trace) -> nx.MultiDiGraph:
    """The focused picture of one claim's chain: its appearances, their sources, and variant edges
    labelled with the drift from the origin."""
    graph = ledger_to_graph(ledger, claims={a.claim for a in trace.appearances})
    origin = node_id("claim", trace.origin)
    for appearance in trace.appearances:
        node = node_id("claim", appearance.claim)
        if node != origin and not graph.has_edge(node, origin, key="variant_of"):
            graph.add_edge(node, origin, key="variant_of", relation="variant_of")
        if node != origin:
            graph.edges[node, origin, "variant_of"]["drift"] = appearance.drift.value
    return graph
