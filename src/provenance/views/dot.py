"""The who-said-what graph as DOT text: deterministic, so it can be golden-tested.

:mod:`.render` then runs Graphviz on it. The picture is laid out left to
right: speakers, then the sources as boxes (one per source, inside a box per
outlet when an outlet has several) holding the claims they report. So one
line joins a speaker to each claim, and the source of a claim is the box it
sits in: no funnel of "reported by" lines into one node, no "at" lines
crossing them (the venue is written on the claim). Sources are linked to what
they were derived from, claims to their variants. How each record looks is in
:mod:`.labels`; all ledger text passes through :mod:`.escape`.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import graphviz

from .escape import clean, dot_html
from .labels import (
    CLUSTER_STYLE,
    EDGE_STYLE,
    FONT,
    OUTLET_STYLE,
    SOURCE_STYLE,
    ClaimContext,
    claim_label,
    source_heading,
    source_links,
    speaker_label,
)
from .legend import Drawn, heading

if TYPE_CHECKING:
    import networkx as nx


def _dot_name(node: str) -> str:
    # The graphviz package reads "a:b" in an edge as node:port, so ':' becomes '/' in DOT names;
    # the typed id is kept as the SVG element id.
    return node.replace(":", "/")


def _kind(node: str) -> str:
    return node.split(":", 1)[0]


def _claims_by_source(graph: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Each source node's claim nodes, from the reported-by edges (the graph is the truth, not the attributes)."""
    held: dict[str, list[str]] = defaultdict(list)
    for claim, source, relation in graph.edges(data="relation"):
        if relation == "reported-by" and _kind(claim) == "claim":
            held[source].append(claim)
    return {source: sorted(set(claims)) for source, claims in held.items()}


def _context(graph: nx.MultiDiGraph, claim: str) -> ClaimContext:
    name, venue, wrong = None, None, None
    for neighbour, _, relation in graph.in_edges(claim, data="relation"):
        if relation == "said":
            name = graph.nodes[neighbour].get("name")
        elif relation == "misattributed":
            wrong = graph.nodes[neighbour].get("name")
    for _, neighbour, relation in graph.out_edges(claim, data="relation"):
        if relation == "at":
            venue = graph.nodes[neighbour]
    return ClaimContext(speaker_name=name, venue=venue, misattributed_to=wrong)


class _Drawing:
    """One DOT drawing under way: the graphviz Digraph and the tally of what went into it."""

    def __init__(self, graph: nx.MultiDiGraph, *, sheet: bool) -> None:
        self.graph = graph
        self.sheet = sheet
        self.dot = graphviz.Digraph("provenance", strict=False)
        self.drawn = Drawn()
        #: The node an edge to or from a source is drawn to, and the cluster it clips at (None: no cluster).
        self.anchors: dict[str, tuple[str, str | None]] = {}
        #: Each claim's box, and how many claims the box holds.
        self.box_of: dict[str, tuple[str, int]] = {}
        self.clusters = 0

    def _order(self, node: str) -> tuple[str, str]:
        """Sources on a sheet go oldest first (undated last), then by id."""
        return (str(self.graph.nodes[node].get("published") or "9999"), node)

    def _derivations(self, node: str) -> list[str]:
        """On a sheet, what a source derives from is written in its heading rather than drawn as a line."""
        if not self.sheet:
            return []
        notes = []
        for _, parent, data in sorted(self.graph.out_edges(node, data=True), key=lambda e: e[1]):
            if data.get("relation") == "derived-from":
                attrs = self.graph.nodes[parent]
                name = attrs.get("outlet") or attrs.get("title") or parent.split(":", 1)[1]
                how = f" ({data['derivation']})" if data.get("derivation") else ""
                notes.append(f"derived from {name}{how}")
        return notes

    def claim(self, into: graphviz.Digraph, node: str) -> None:
        attrs = self.graph.nodes[node]
        label, style = claim_label(attrs, _context(self.graph, node))
        self.drawn.claim_kinds.add(str(attrs.get("kind", "direct")))
        self.drawn.statuses.add(str(attrs.get("status", "recorded")))
        into.node(_dot_name(node), label=label, id=node, **style)

    def source(self, into: graphviz.Digraph, node: str, claims: list[str], *, with_outlet: bool) -> None:
        attrs, record_id = self.graph.nodes[node], node.split(":", 1)[1]
        self.drawn.sources = True
        label = source_heading(attrs, record_id, with_outlet=with_outlet, notes=self._derivations(node))
        if not claims:  # nothing to hold: the source is a plain node
            into.node(_dot_name(node), label=label, id=node, **SOURCE_STYLE, **source_links(attrs, record_id))
            self.anchors[node] = (_dot_name(node), None)
            return
        name = f"cluster_source_{self.clusters}"
        self.clusters += 1
        for claim in claims:
            self.box_of[claim] = (name, len(claims))
        with into.subgraph(name=name) as box:
            box.attr(
                label=label, labeljust="l", labelloc="t", id=node, **CLUSTER_STYLE, **source_links(attrs, record_id)
            )
            for claim in claims:
                self.claim(box, claim)
        self.anchors[node] = (_dot_name(claims[0]), name)

    def sources(self, held: Mapping[str, list[str]]) -> None:
        if self.sheet:  # no outlet boxes: each source is a card, oldest first, and sources with no claim are left out
            for node in sorted((n for n in held if _kind(n) == "source"), key=self._order):
                self.source(self.dot, node, held[node], with_outlet=True)
            return
        by_outlet: dict[str, list[str]] = defaultdict(list)
        for node in sorted(self.graph.nodes):
            if _kind(node) == "source":
                by_outlet[str(self.graph.nodes[node].get("outlet") or "")].append(node)
        for i, (outlet, nodes) in enumerate(sorted(by_outlet.items())):
            if not outlet or len(nodes) == 1:
                for node in nodes:
                    self.source(self.dot, node, held.get(node, []), with_outlet=True)
                continue
            with self.dot.subgraph(name=f"cluster_outlet_{i}") as box:
                box.attr(label=f"<<b>{dot_html(outlet)}</b>>", labeljust="l", **OUTLET_STYLE)
                for node in nodes:
                    self.source(box, node, held.get(node, []), with_outlet=False)

    def edge(self, tail: str, head: str, relation: str, data: Mapping[str, Any]) -> None:
        style = dict(EDGE_STYLE.get(relation, {"label": clean(relation, 40)}))
        if relation == "derived-from":
            if tail not in self.anchors or head not in self.anchors:
                return
            (tail_node, tail_box), (head_node, head_box) = self.anchors[tail], self.anchors[head]
            if tail_box:
                style["ltail"] = tail_box
            if head_box:
                style["lhead"] = head_box
            if data.get("derivation"):
                style["label"] = f"derived from ({clean(data['derivation'], 40)})"
            self.drawn.relations.add(relation)
            if tail_box and head_box:  # two boxes of claims: the original first, as its variants' lines have it
                style.update(dir="back", ltail=head_box, lhead=tail_box)
                self.dot.edge(head_node, tail_node, **style)
                return
            self.dot.edge(tail_node, head_node, **style)
            return
        if relation == "variant_of":
            # Drawn from the origin to the variant with the arrowhead turned back at the origin: the
            # line still reads "variant of", and the origin is laid out first (left, or above).
            style.update(dir="back")
            style.pop("constraint", None)
            if data.get("drift"):  # a trace: the drift is the point of the picture, so let the edge take space
                style.update(label=f"variant of: {clean(data['drift'], 40)}", fontcolor="#7c3aed", fontsize="10")
                self.drawn.drift = True
            else:  # the whole ledger: a group's lines leave its origin at one point
                style.update(sametail=_dot_name(head), fontsize="7", arrowsize="0.5")
            if self.sheet or data.get("drift"):  # a sheet, a trace: stop at a one-claim box, not across its heading
                copy_box, copy_size = self.box_of.get(tail, ("", 0))
                origin_box, origin_size = self.box_of.get(head, ("", 0))
                if copy_size == 1:
                    style["lhead"] = copy_box
                if origin_size == 1 and not self.sheet:
                    style["ltail"] = origin_box
            tail, head = head, tail
        if relation != "said":
            self.drawn.relations.add(relation)
        self.dot.edge(_dot_name(tail), _dot_name(head), **style)


def _said_by_their_origin(graph: nx.MultiDiGraph) -> set[str]:
    """Claims that are variants of a claim by the same speaker: the variant line already joins them to
    the speaker's words, so a second line from the speaker would only cross the origin's box."""
    speaker_of = {claim: tail for tail, claim, rel in graph.edges(data="relation") if rel == "said"}
    return {
        copy
        for copy, origin, rel in graph.edges(data="relation")
        if rel == "variant_of" and speaker_of.get(copy) is not None and speaker_of.get(copy) == speaker_of.get(origin)
    }


def _speakers(graph: nx.MultiDiGraph) -> list[str]:
    """The speaker nodes that said something in the graph, or were named wrongly as saying it (a registered
    speaker with no claim is left out)."""
    return [
        node
        for node in sorted(graph.nodes)
        if _kind(node) == "speaker" and any(rel in _SPEAKS for _, _, rel in graph.out_edges(node, data="relation"))
    ]


#: The relations that join a speaker to a claim.
_SPEAKS = frozenset({"said", "misattributed"})


def graph_to_dot(graph: nx.MultiDiGraph, *, title: str | None = None, legend: bool = True) -> str:
    """The DOT text of a who-said-what graph: deterministic, so it can be golden-tested.

    With several speakers, speakers are on the left and a line joins each to
    each of their claims. With one speaker every claim is theirs, so the lines
    say nothing: the speaker is named in the heading and the sources' boxes
    are packed in rows, which keeps a speaker's fifty claims on a page. A
    trace (``graph.graph["timeline"]``, its appearances origin first) is drawn
    left to right in that order, from the speaker to the last appearance.
    """
    speakers = _speakers(graph)
    timeline = [str(n) for n in graph.graph.get("timeline") or () if n in graph]
    sheet = len(speakers) == 1 and not timeline  # a trace reads left to right in time, speaker first
    drawing = _Drawing(graph, sheet=sheet)
    dot = drawing.dot
    dot.attr(rankdir="TB" if sheet else "LR", compound="true", fontname=FONT, fontsize="11", pad="0.3")
    dot.attr(nodesep="0.18", ranksep="0.12" if sheet else "0.9", labelloc="t", labeljust="l")
    if sheet:
        dot.attr(pack="24", packmode="array_u")
    dot.attr("node", fontname=FONT, fontsize="10", margin="0.12,0.06")
    dot.attr("edge", fontname=FONT, fontsize="8", fontcolor="#475569", arrowsize="0.7")

    for node in speakers:
        if not sheet:
            drawing.drawn.speaker_kinds.add(str(graph.nodes[node].get("kind", "person")))
            label, style = speaker_label(graph.nodes[node])
            dot.node(_dot_name(node), label=label, id=node, **style)
    held = _claims_by_source(graph)
    drawing.sources(held)
    if sheet:  # each source's claims stacked in its box, so the boxes pack as separate blocks
        for claims in held.values():
            for upper, lower in itertools.pairwise(claims):
                dot.edge(_dot_name(upper), _dot_name(lower), style="invis")
    in_a_source = {claim for claims in held.values() for claim in claims}
    for node in sorted(graph.nodes):
        if _kind(node) == "claim" and node not in in_a_source:
            drawing.claim(dot, node)

    implied = _said_by_their_origin(graph)
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[3].get("relation"))))
    for tail, head, _, data in edges:
        relation = str(data.get("relation"))
        if relation in {"at", "reported-by"} or (sheet and relation in {"said", "misattributed", "derived-from"}):
            continue  # shown on the claim, by the box it sits in, or (one speaker) in the headings
        if relation == "said" and head in implied:
            continue  # its line to its origin says who said it
        drawing.edge(tail, head, relation, data)
    for earlier, later in itertools.pairwise(timeline):  # a trace's appearances in time order, left to right
        dot.edge(_dot_name(earlier), _dot_name(later), style="invis", weight="10")

    subtitle = _sheet_subtitle(graph, speakers[0], held) if sheet else None
    label = heading(title, drawing.drawn if legend else None, subtitle=subtitle)
    if label:
        dot.attr(label=label)
    return str(dot.source)


def _sheet_subtitle(graph: nx.MultiDiGraph, speaker: str, held: Mapping[str, list[str]]) -> str:
    """The one speaker of a sheet: name, role, and how many claims in how many sources."""
    attrs = graph.nodes[speaker]
    who = str(attrs.get("name", "?"))
    if attrs.get("description"):
        who += f" \u2014 {attrs['description']}"
    claims = sum(len(c) for c in held.values())
    sources = sum(1 for c in held.values() if c)
    return f"{who}: {claims} claim{'s' if claims != 1 else ''} in {sources} source{'s' if sources != 1 else ''}"
