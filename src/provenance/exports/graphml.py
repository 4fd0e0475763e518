"""The who-said-what graph as GraphML and GEXF, for Gephi, yEd, Cytoscape and networkx.

Both formats hold only scalar attributes, and networkx refuses the rest
(``GraphML does not support type list``). So every attribute is made
scalar first: missing values are left out, lists and mappings (aliases, an
anchor, a claim's history) become JSON text, and each attribute keeps one
type on every node, so a reader sees one column per attribute. Each node
also gets a ``label`` (a speaker's name, a claim's words, a source's title)
for the tools to show, and in GEXF the position the HTML view uses, so
Gephi opens it already laid out.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..views.graph import ledger_to_graph
from . import Export

if TYPE_CHECKING:
    import networkx as nx

    from ..store.ledger_store import LedgerStore

#: Longest node label; the attributes keep the whole text.
LABEL_CHARS = 120


def scalar(value: Any) -> str | int | float | bool | None:
    """A value GraphML and GEXF can hold: scalars as they are, lists and mappings as JSON text; None and
    empty lists or mappings are left out."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if not value:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _label(attrs: Mapping[str, Any], node: str) -> str:
    text = str(attrs.get("name") or attrs.get("text") or attrs.get("title") or node.split(":", 1)[1])
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "\u2026"


def flat_graph(ledger: LedgerStore, *, positions: bool = False) -> nx.MultiDiGraph:
    """The ledger's graph with every attribute scalar and a label on every node."""
    import networkx as nx

    graph = ledger_to_graph(ledger)
    flat = nx.MultiDiGraph()
    types: dict[str, type] = {}
    for node, attrs in sorted(graph.nodes(data=True)):
        values = {k: scalar(v) for k, v in attrs.items()}
        values = {k: v for k, v in values.items() if v is not None}
        for key, value in list(values.items()):  # one type per attribute: a clash is written as text
            if types.setdefault(key, type(value)) is not type(value):
                values[key] = str(value)
        flat.add_node(node, **values, label=_label(attrs, node))
    for tail, head, key, attrs in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        values = {k: scalar(v) for k, v in attrs.items()}
        flat.add_edge(tail, head, key=key, **{k: v for k, v in values.items() if v is not None})
    if positions:
        from ..views.layout import positions as layout

        for node, (x, y) in layout(graph).items():
            flat.nodes[node]["viz"] = {"position": {"x": x * 20.0, "y": y * 20.0, "z": 0.0}}
    return flat


def _counts(graph: nx.MultiDiGraph) -> str:
    return f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"


def graphml(ledger: LedgerStore) -> Export:
    """GraphML (networkx's writer): typed attribute keys, one per attribute."""
    import networkx as nx

    graph = flat_graph(ledger)
    out = io.BytesIO()
    nx.write_graphml(graph, out, encoding="utf-8", prettyprint=True)
    return Export({"provenance.graphml": out.getvalue().decode("utf-8")}, _counts(graph))


def gexf(ledger: LedgerStore) -> Export:
    """GEXF 1.2 (networkx's writer), with the HTML view's positions so Gephi opens it laid out."""
    import networkx as nx

    graph = flat_graph(ledger, positions=True)
    out = io.BytesIO()
    nx.write_gexf(graph, out, encoding="utf-8", prettyprint=True)
    return Export({"provenance.gexf": out.getvalue().decode("utf-8")}, _counts(graph))
