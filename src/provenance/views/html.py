"""The who-said-what graph as one self-contained HTML page: search, filters, a side panel; offline.

The page inlines sigma.js and graphology (vendored in ``assets/``, see
``scripts/update_vendor.py``), its own script and style, and the graph as JSON
with positions computed in Python (:mod:`.layout`), so the browser does no
layout and the file can be mailed and opened anywhere without a network.

Ledger text reaches the page only as JSON inside ``<script
type="application/json">`` with ``<``, ``>`` and ``&`` written as ``\\u003c``
escapes, so a quote holding ``</script>`` or ``<!--`` cannot end the
script; the page's code puts text in the document with ``textContent``
only, and links only http(s) URLs (checked here and again in the page). A
Content-Security-Policy forbids every request, so nothing is fetched even if
something tried.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..analysis.textdiff import word_diff
from ..store.atomic import atomic_write
from .escape import link
from .labels import SPEAKER_STYLE
from .layout import positions

if TYPE_CHECKING:
    import networkx as nx

#: Characters of the source's text shown on each side of a quote in the panel.
CONTEXT = 200
#: Colours of claims by review status on the page (stronger than the picture's fills: they are dots).
STATUS_COLOURS = {
    "extracted": "#9ca3af",
    "recorded": "#d97706",
    "verified": "#059669",
    "disputed": "#ea580c",
    "misattributed": "#dc2626",
    "retracted": "#64748b",
}
SOURCE_COLOUR = "#334155"
_MARKER = re.compile(r"/\*@(\w+)@\*/")


def _asset(name: str) -> str:
    return files("provenance.views").joinpath("assets", name).read_text(encoding="utf-8")


def _script_safe(code: str) -> str:
    """Vendored JavaScript made safe to inline: it may not close the script element."""
    return code.replace("</script", "<\\/script").replace("<!--", "<\\!--")


def json_for_script(data: object) -> str:
    """JSON that can sit inside a <script> element whatever its strings hold."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


def _claim_date(graph: nx.MultiDiGraph, node: str, attrs: Mapping[str, Any]) -> str | None:
    if attrs.get("said_on"):
        return str(attrs["said_on"])
    for _, head, relation in graph.out_edges(node, data="relation"):
        if relation == "at" and graph.nodes[head].get("date"):
            return str(graph.nodes[head]["date"])
    for _, head, relation in graph.out_edges(node, data="relation"):
        if relation == "reported-by" and graph.nodes[head].get("published"):
            return str(graph.nodes[head]["published"])
    return None


def _context(attrs: Mapping[str, Any], source_id: str | None, texts: Mapping[str, str]) -> dict[str, str] | None:
    """The words around a quote: from the source's snapshot when given, else from the anchor's own context."""
    anchor = attrs.get("anchor")
    if not isinstance(anchor, Mapping):
        return None
    text = texts.get(source_id or "")
    start, end = anchor.get("start"), anchor.get("end")
    if text is not None and isinstance(start, int) and isinstance(end, int) and text[start:end] == anchor.get("exact"):
        return {
            "before": text[max(0, start - CONTEXT) : start],
            "exact": text[start:end],
            "after": text[end : end + CONTEXT],
        }
    return {
        "before": str(anchor.get("prefix", "")),
        "exact": str(anchor.get("exact", "")),
        "after": str(anchor.get("suffix", "")),
    }


def _variants(graph: nx.MultiDiGraph, node: str) -> list[dict[str, Any]]:
    """The claim's variants with the word diff from the earlier wording (the origin) to the later one."""
    found = []
    text = str(graph.nodes[node].get("text", ""))
    for _, other, relation in graph.out_edges(node, data="relation"):
        if relation == "variant_of":
            origin = str(graph.nodes[other].get("text", ""))
            diff = [[d.op, d.old, d.new] for d in word_diff(origin, text)]
            found.append({"claim": other, "role": "origin", "diff": diff})
    for other, _, relation in graph.in_edges(node, data="relation"):
        if relation == "variant_of":
            copy = str(graph.nodes[other].get("text", ""))
            diff = [[d.op, d.old, d.new] for d in word_diff(text, copy)]
            found.append({"claim": other, "role": "variant", "diff": diff})
    return sorted(found, key=lambda v: (v["role"], v["claim"]))


def _neighbour(graph: nx.MultiDiGraph, node: str, relation: str, *, incoming: bool = False) -> str | None:
    edges = graph.in_edges(node, data="relation") if incoming else graph.out_edges(node, data="relation")
    for tail, head, rel in edges:
        if rel == relation:
            return str(tail if incoming else head)
    return None


def _claim_node(graph: nx.MultiDiGraph, node: str, texts: Mapping[str, str]) -> dict[str, Any]:
    attrs = graph.nodes[node]
    source = _neighbour(graph, node, "reported-by")
    venue = _neighbour(graph, node, "at")
    venue_attrs = graph.nodes[venue] if venue else {}
    text = str(attrs.get("text", ""))
    return {
        "label": text if len(text) <= 60 else text[:59] + "\u2026",
        "text": text,
        "kind": attrs.get("kind", "direct"),
        "status": attrs.get("status", "recorded"),
        "reason": attrs.get("status_reason"),
        "history": attrs.get("history", []),
        "speaker": _neighbour(graph, node, "said", incoming=True),
        "misattributed_to": _neighbour(graph, node, "misattributed", incoming=True),
        "mention": attrs.get("speaker_mention"),
        "unanchored": bool(attrs.get("unanchored")),
        "cue": attrs.get("cue"),
        "venue": {"name": venue_attrs.get("name"), "kind": venue_attrs.get("kind"), "date": venue_attrs.get("date")}
        if venue
        else None,
        "said_on": attrs.get("said_on"),
        "date": _claim_date(graph, node, attrs),
        "source": source,
        "outlet": graph.nodes[source].get("outlet") if source else None,
        "context": _context(attrs, source.split(":", 1)[1] if source else None, texts),
        "variants": _variants(graph, node),
        "color": STATUS_COLOURS.get(str(attrs.get("status")), STATUS_COLOURS["recorded"]),
        "size": 3,
    }


def _speaker_node(graph: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    attrs = graph.nodes[node]
    claims = sum(1 for _, _, rel in graph.out_edges(node, data="relation") if rel == "said")
    wikidata = (attrs.get("identifiers") or {}).get("wikidata")
    return {
        "label": attrs.get("name", node),
        "kind": attrs.get("kind", "person"),
        "description": attrs.get("description"),
        "aliases": attrs.get("aliases", []),
        "wikidata": str(wikidata) if wikidata and re.fullmatch(r"Q\d+", str(wikidata)) else None,
        "color": SPEAKER_STYLE.get(str(attrs.get("kind")), SPEAKER_STYLE["person"])["color"],
        "size": min(12.0, 4 + 0.8 * claims**0.5),
    }


def _source_node(graph: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    attrs = graph.nodes[node]
    claims = sum(1 for _, _, rel in graph.in_edges(node, data="relation") if rel == "reported-by")
    derived = [
        {"source": str(head), "relation": data.get("derivation")}
        for _, head, data in graph.out_edges(node, data=True)
        if data.get("relation") == "derived-from"
    ]
    return {
        "label": attrs.get("outlet") or attrs.get("title") or node.split(":", 1)[1],
        "title": attrs.get("title"),
        "outlet": attrs.get("outlet"),
        "author": attrs.get("author"),
        "published": attrs.get("published"),
        "url": link(attrs.get("url")),
        "derived_from": sorted(derived, key=lambda d: d["source"]),
        "color": SOURCE_COLOUR,
        "size": min(9.0, 2.5 + 0.4 * claims**0.5),
    }


def page_data(
    graph: nx.MultiDiGraph, *, title: str | None = None, texts: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """Everything the page shows, as plain data: nodes with positions and details, edges, the title."""
    where = positions(graph)
    build = {
        "claim": lambda n: _claim_node(graph, n, texts or {}),
        "speaker": lambda n: _speaker_node(graph, n),
        "source": lambda n: _source_node(graph, n),
    }
    nodes = []
    for node in sorted(str(n) for n in graph.nodes):
        kind = node.split(":", 1)[0]
        speaks = ("said", "misattributed")
        if kind == "speaker" and not any(rel in speaks for _, _, rel in graph.out_edges(node, data="relation")):
            continue  # registered, but says nothing here
        if kind in build and node in where:
            x, y = where[node]
            nodes.append({"id": node, "type": kind, "x": x, "y": y, **build[kind](node)})
    placed = {n["id"] for n in nodes}
    edges = sorted(
        {
            (str(tail), str(head), str(rel))
            for tail, head, rel in graph.edges(data="relation")
            if str(tail) in placed and str(head) in placed
        }
    )
    return {"title": title or "Who said what", "nodes": nodes, "edges": [list(e) for e in edges]}


def page(graph: nx.MultiDiGraph, *, title: str | None = None, texts: Mapping[str, str] | None = None) -> str:
    """The HTML text of the page."""
    heading = title or "Who said what"
    pieces = {
        "TITLE": html.escape(heading, quote=True),
        "STYLE": _asset("view.css").replace("</style", "<\\/style"),
        "DATA": json_for_script(page_data(graph, title=heading, texts=texts)),
        "LICENCES": html.escape(_asset("graphology.LICENSE.txt") + "\n" + _asset("sigma.LICENSE.txt")).replace(
            "--", "- -"
        ),
        "GRAPHOLOGY": _script_safe(_asset("graphology.umd.min.js")),
        "SIGMA": _script_safe(_asset("sigma.min.js")),
        "VIEW": _script_safe(_asset("view.js")),
    }
    # one pass over the template: text put in by one marker is never searched for the next
    return _MARKER.sub(lambda m: pieces[m.group(1)], _asset("view.html"))


def write_html(
    graph: nx.MultiDiGraph, path: Path, *, title: str | None = None, texts: Mapping[str, str] | None = None
) -> Path:
    """Write the page to ``path`` atomically and return the path."""
    atomic_write(path, page(graph, title=title, texts=texts))
    return path
