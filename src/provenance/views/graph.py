"""The ledger as a networkx graph, and the walks provenance questions need.

Node ids are typed strings (``speaker:…``, ``claim:…``, ``venue:…``,
``source:…``) so one graph holds every record without collisions, and every
node carries ``type`` plus its record's fields as attributes. Edges carry a
``relation``: said, misattributed, at, reported-by, derived-from, or a claim
link kind. A claim corrected as misattributed to someone (``actual_speaker``)
is ``said`` by the speaker who really said it, and ``misattributed`` from the
speaker the source named.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import networkx as nx

from ..errors import NotFoundError
from ..records import Claim, Source, Speaker, Venue

if TYPE_CHECKING:
    from ..analysis.trace import Trace

SAID = "said"
MISATTRIBUTED = "misattributed"  # from the speaker a source wrongly named to the claim
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
    since: dt.date | None = None,
) -> nx.MultiDiGraph:
    """Build the who-said-what graph; restrict to claims by ``speakers`` / in ``sources`` / with ids ``claims``
    / dated ``since`` a day or later (see :func:`claim_date`).

    Sources an included source derives from are kept, so a restricted picture
    still shows where a copy came from.
    """
    graph = nx.MultiDiGraph()
    everything = speakers is None and sources is None and claims is None and since is None
    all_sources = {s.id: s for s in ledger.sources()}
    chosen = _chosen(ledger, all_sources, speakers=speakers, sources=sources, claims=claims, since=since)
    speaker_ids = {c.speaker for c in chosen if c.speaker} | {c.actual_speaker for c in chosen if c.actual_speaker}
    venue_ids = {c.venue for c in chosen if c.venue}
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
        _add_claim(graph, claim, claim_nodes)
    return graph


def _add_claim(graph: nx.MultiDiGraph, claim: Claim, claim_nodes: Collection[str]) -> None:
    """One claim's node and its edges: who said it (and who the source named instead), where, who reports it."""
    cid = node_id("claim", claim.id)
    graph.add_node(cid, **_attrs(claim, "claim"))
    if claim.actual_speaker:  # corrected: the one who said it, and the one the source named instead
        graph.add_edge(node_id("speaker", claim.actual_speaker), cid, key=SAID, relation=SAID)
        if claim.speaker:
            graph.add_edge(node_id("speaker", claim.speaker), cid, key=MISATTRIBUTED, relation=MISATTRIBUTED)
    elif claim.speaker:
        graph.add_edge(node_id("speaker", claim.speaker), cid, key=SAID, relation=SAID)
    if claim.venue:
        graph.add_edge(cid, node_id("venue", claim.venue), key=AT, relation=AT)
    graph.add_edge(cid, node_id("source", claim.source), key=REPORTED_BY, relation=REPORTED_BY)
    for link in claim.links:
        if link.target in claim_nodes:
            graph.add_edge(cid, node_id("claim", link.target), key=link.kind.value, relation=link.kind.value)


def _chosen(
    ledger: LedgerLike,
    all_sources: Mapping[str, Source],
    *,
    speakers: Collection[str] | None,
    sources: Collection[str] | None,
    claims: Collection[str] | None,
    since: dt.date | None,
) -> list[Claim]:
    """The claims that pass every filter given."""
    venue_dates = {v.id: v.date for v in ledger.venues()} if since is not None else {}
    narrowed = speakers is not None or sources is not None or claims is not None
    if isinstance(ledger, SelectsClaims) and narrowed:  # only the part drawn is read (the SQL index)
        candidates: Iterable[Claim] = ledger.select_claims(speakers=speakers, sources=sources, ids=claims)
    else:
        candidates = ledger.iter_claims()
    return [
        c
        for c in candidates
        if (speakers is None or c.speaker in speakers)
        and (sources is None or c.source in sources)
        and (claims is None or c.id in claims)
        and (since is None or (claim_date(c, venue_dates, all_sources) or dt.date.min) >= since)
    ]


def claim_date(
    claim: Claim, venue_dates: Mapping[str, dt.date | None], sources: Mapping[str, Source]
) -> dt.date | None:
    """When a claim was said: its own date, else its venue's, else its source's publication date (None if none)."""
    if claim.said_on is not None:
        return claim.said_on
    if claim.venue and venue_dates.get(claim.venue) is not None:
        return venue_dates[claim.venue]
    source = sources.get(claim.source)
    return source.published if source is not None else None


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
    """The speaker node of a claim node (who really said it, for a corrected misattribution), or None for an
    unattributed claim."""
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
    labelled with the drift from the origin.

    The appearances are kept in time order (``graph.graph["timeline"]``, origin first), so the
    drawing reads left to right from the first appearance to the last.
    """
    graph = ledger_to_graph(ledger, claims={a.claim for a in trace.appearances})
    origin = node_id("claim", trace.origin)
    for appearance in trace.appearances:
        node = node_id("claim", appearance.claim)
        if node != origin and not graph.has_edge(node, origin, key="variant_of"):
            graph.add_edge(node, origin, key="variant_of", relation="variant_of")
        if node != origin:
            graph.edges[node, origin, "variant_of"]["drift"] = appearance.drift.value
    for tail, head, key in list(graph.edges(keys=True)):  # links to claims outside the chain stay out
        if key == "variant_of" and "drift" not in graph.edges[tail, head, key]:
            graph.remove_edge(tail, head, key=key)
    graph.graph["timeline"] = [node_id("claim", a.claim) for a in trace.appearances]
    return graph
