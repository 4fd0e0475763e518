r"""The who-said-what graph as DOT text: deterministic, so it can be golden-tested.

:mod:`.render` then runs Graphviz on it. How each kind of node looks is data
(the STYLE tables below), not a chain of ifs. All text from the ledger reaches DOT through three doors only: HTML-like
labels get XML escaping, plain attributes (tooltips) get the graphviz
package's backslash escaping, and URLs are percent-encoded, so a quote
containing ``<script>``, quotes, braces, ``|`` or backslashes is drawn
literally. Graphviz expands ``\N``, ``\G``, ``\E``… in labels *and* tooltips
(even after the backslash is doubled, in Graphviz 2.4x), so every backslash
from the ledger is followed by an invisible WORD JOINER (U+2060): it still
prints as a backslash but never starts an escape sequence.
"""

from __future__ import annotations

import html
import itertools
import textwrap
import urllib.parse
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import graphviz

from ..errors import InvalidInputError
from ..ids import CONTROL_CHARACTERS, web_url

if TYPE_CHECKING:
    import networkx as nx

FONT = "Helvetica"
SEP = " \u00b7 "
WRAP = 44  # characters per line of quote text
MAX_LABEL_CHARS = 320  # longer quotes are cut in the label; the tooltip keeps them whole

SPEAKER_STYLE: Mapping[str, Mapping[str, str]] = {
    "person": {"shape": "box", "style": "rounded,filled", "fillcolor": "#dbeafe", "color": "#1d4ed8"},
    "organisation": {"shape": "box3d", "style": "filled", "fillcolor": "#ffedd5", "color": "#c2410c"},
    "government": {"shape": "box", "style": "filled", "peripheries": "2", "fillcolor": "#ede9fe", "color": "#6d28d9"},
    "group": {"shape": "octagon", "style": "filled", "fillcolor": "#dcfce7", "color": "#15803d"},
}
CLAIM_BORDER: Mapping[str, Mapping[str, str]] = {
    "direct": {"style": "filled", "penwidth": "1.6"},
    "indirect": {"style": "filled,dashed", "penwidth": "1.2"},
    "assertion": {"style": "filled,dotted", "penwidth": "1.2"},
}
STATUS_FILL: Mapping[str, tuple[str, str]] = {  # fill colour, badge shown in the label
    "extracted": ("#f3f4f6", "extracted, unreviewed"),
    "recorded": ("#fffbeb", ""),
    "verified": ("#ecfdf5", "\u2714 verified"),
    "disputed": ("#fff7ed", "disputed"),
    "misattributed": ("#fee2e2", "\u2716 misattributed"),
    "retracted": ("#e5e7eb", "retracted"),
}
VENUE_STYLE = {"shape": "cds", "style": "filled", "fillcolor": "#f1f5f9", "color": "#475569"}
SOURCE_STYLE = {"shape": "tab", "style": "filled", "fillcolor": "#ffffff", "color": "#334155"}
EDGE_STYLE: Mapping[str, Mapping[str, str]] = {
    "said": {"label": "said", "color": "#1e3a8a", "penwidth": "1.4"},
    "at": {"label": "at", "color": "#64748b", "style": "dashed", "arrowhead": "none"},
    # Enter sources from the side: many claims converge on one source, and arrows aimed at its
    # centre would cross out the outlet's name on top of the cluster.
    "reported-by": {"label": "reported by", "color": "#94a3b8", "headport": "w"},
    "derived-from": {"label": "derived from", "color": "#b91c1c", "penwidth": "2", "style": "bold"},
    "variant_of": {"label": "variant of", "color": "#7c3aed", "style": "dashed", "constraint": "false"},
    "contradicts": {"label": "contradicts", "color": "#dc2626", "constraint": "false"},
    "supports": {"label": "supports", "color": "#16a34a", "constraint": "false"},
    "responds_to": {"label": "responds to", "color": "#0891b2", "constraint": "false"},
}


#: Put after every backslash from the ledger, so that Graphviz never reads an escape sequence.
_NO_ESCAPE = "\\\u2060"


#: Longest piece of text in one label line (a name, a title, an outlet); longer is cut with "…".
MAX_LABEL_PART = 200
#: Longest tooltip: the full text of any real quote fits; a pasted book does not reach Graphviz.
MAX_TOOLTIP = 4000


def _clean(text: object, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with characters XML cannot hold replaced by U+FFFD.

    Whatever a ledger holds (a hand-edited control character, a 100 KB title),
    the picture is still drawn: Graphviz fails outright on both.
    """
    value = CONTROL_CHARACTERS.sub("\ufffd", str(text))
    return value if len(value) <= limit else value[: limit - 1] + "\u2026"


def _h(text: object, limit: int = MAX_LABEL_PART) -> str:
    """Escape text for an HTML-like label."""
    return html.escape(_clean(text, limit), quote=True).replace("\\", _NO_ESCAPE)


def _wrapped(text: str, width: int = WRAP, limit: int = MAX_LABEL_CHARS) -> str:
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "\u2026"
    lines = textwrap.wrap(text, width) or [""]
    return '<br align="left"/>'.join(_h(line) for line in lines) + '<br align="left"/>'


def _plain(text: str) -> str:
    """Escape text for a plain DOT attribute (tooltip): backslashes and <...> literal."""
    return str(graphviz.escape(_clean(text, MAX_TOOLTIP).replace("\\", _NO_ESCAPE)))


def _url(url: str) -> str | None:
    """A URL for the URL attribute: characters a URL may not hold (quotes, <, >, spaces,
    backslashes) percent-encoded, and '&' written as '&amp;' because Graphviz 2.4x copies
    the URL into the SVG unescaped (newer versions leave an entity as it is). None for a URL
    that is not http(s): it is left out rather than linked."""
    try:
        url = web_url(url)  # http(s) only: a javascript: or data: link never reaches the picture
    except InvalidInputError:
        return None
    return urllib.parse.quote(url, safe="%:/?#[]@!$&'()*+,;=~").replace("&", "&amp;")


def _dot_name(node: str) -> str:
    # The graphviz package reads "a:b" in an edge as node:port, so ':' becomes '/' in DOT names;
    # the typed id is kept as the SVG element id.
    return node.replace(":", "/")


def _speaker(attrs: Mapping[str, Any]) -> tuple[str, dict[str, str]]:
    kind = attrs.get("kind", "person")
    label = f"<b>{_h(attrs['name'])}</b>"
    if attrs.get("description"):
        label += f'<br/><font point-size="9">{_h(attrs["description"])}</font>'
    tip = [f"{attrs['name']} ({kind})"]
    if attrs.get("aliases"):
        tip.append("also printed as: " + ", ".join(attrs["aliases"]))
    return f"<{label}>", {**SPEAKER_STYLE.get(kind, SPEAKER_STYLE["person"]), "tooltip": _plain("\n".join(tip))}


def _claim(attrs: Mapping[str, Any]) -> tuple[str, dict[str, str]]:
    kind, status = attrs.get("kind", "direct"), attrs.get("status", "recorded")
    text = attrs["text"]
    shown = f"\u201c{text}\u201d" if kind == "direct" else text
    body = _wrapped(shown)
    if kind != "direct":
        body = f"<i>{body}</i>"
    meta = [kind]
    if attrs.get("cue"):
        meta.append(f"cue: {attrs['cue']}")
    if attrs.get("speaker_mention"):
        meta.append(f"printed: {attrs['speaker_mention']}")
    fill, badge = STATUS_FILL.get(status, STATUS_FILL["recorded"])
    if badge:
        meta.append(badge.upper() if status in ("misattributed", "disputed", "retracted") else badge)
    if status == "retracted":
        body = f"<s>{body}</s>"
    label = f'{body}<font point-size="8" color="#475569">{_h(SEP.join(meta))}</font>'
    tip = [text, "", f"{kind} quote" if kind == "direct" else f"{kind} claim", f"status: {status}"]
    if attrs.get("status_reason"):
        tip.append(f"reason: {attrs['status_reason']}")
    if attrs.get("speaker_mention"):
        tip.append(f"speaker as printed: {attrs['speaker_mention']}")
    if attrs.get("said_on"):
        tip.append(f"said on: {attrs['said_on']}")
    if attrs.get("cue"):
        tip.append(f"cue: {attrs['cue']}")
    style = {**CLAIM_BORDER.get(kind, CLAIM_BORDER["direct"]), "shape": "note", "fillcolor": fill, "color": "#78716c"}
    style["tooltip"] = _plain("\n".join(tip))
    return f"<{label}>", style


def _venue(attrs: Mapping[str, Any]) -> tuple[str, dict[str, str]]:
    detail = SEP.join(str(x) for x in (attrs.get("kind"), attrs.get("place"), attrs.get("date")) if x)
    label = f'{_h(attrs["name"])}<br/><font point-size="8" color="#475569">{_h(detail)}</font>'
    return f"<{label}>", {**VENUE_STYLE, "tooltip": _plain(f"{attrs['name']}\n{detail}")}


def _source(attrs: Mapping[str, Any], record_id: str) -> tuple[str, dict[str, str]]:
    title = attrs.get("title") or record_id
    detail = SEP.join(str(x) for x in (attrs.get("author"), attrs.get("published")) if x)
    label = _wrapped(title, width=36, limit=140)
    if detail:
        label += f'<font point-size="8" color="#475569">{_h(detail)}</font>'
    tip = [title, *(str(attrs[k]) for k in ("outlet", "author", "published", "url") if attrs.get(k))]
    style: dict[str, str] = {**SOURCE_STYLE, "tooltip": _plain("\n".join(tip))}
    link = _url(attrs["url"]) if attrs.get("url") else None
    if link is not None:
        style.update(URL=link, target="_blank")
    return f"<{label}>", style


#: The edges the legend explains, each drawn in its own colour and line.
EDGE_KEY = (
    ("said", "said \u2192"),
    ("reported-by", "reported by \u2192"),
    ("derived-from", "derived from \u2192 (copy, rewrite\u2026)"),
    ("variant_of", "variant \u2192 origin, labelled with its drift"),
)


def _edge_key(relation: str, text: str) -> str:
    """A legend cell naming an edge in the edge's own colour, dashed edges in italics."""
    style = EDGE_STYLE[relation]
    shown = f"<i>{_h(text)}</i>" if "dashed" in style.get("style", "") else _h(text)
    return f'<td colspan="2"><font color="{style["color"]}">{shown}</font></td>'


def _legend() -> str:
    def cell(text: str, fill: str, color: str, style: str = "") -> str:
        extra = f' style="{style}"' if style else ""
        return f'<td bgcolor="{fill}" color="{color}" border="1"{extra}>{_h(text)}</td>'

    rows = [
        "<tr>"
        + cell("person", "#dbeafe", "#1d4ed8", "rounded")
        + cell("organisation", "#ffedd5", "#c2410c")
        + cell("government", "#ede9fe", "#6d28d9")
        + cell("group", "#dcfce7", "#15803d")
        + "</tr>",
        "<tr>"
        + cell("\u201cdirect quote\u201d", "#fffbeb", "#78716c")
        + cell("indirect (reported)", "#fffbeb", "#78716c", "dashed")
        + cell("assertion", "#fffbeb", "#78716c", "dotted")
        + cell("venue", VENUE_STYLE["fillcolor"], VENUE_STYLE["color"])
        + cell("source", SOURCE_STYLE["fillcolor"], SOURCE_STYLE["color"])
        + "</tr>",
        "<tr>"
        + "".join(cell(STATUS_FILL[status][1] or status, STATUS_FILL[status][0], "#78716c") for status in STATUS_FILL)
        + "</tr>",
        "<tr>" + "".join(_edge_key(relation, text) for relation, text in EDGE_KEY) + "</tr>",
    ]
    return (
        f'<<table border="0" cellspacing="4" cellpadding="4"><tr><td colspan="{len(STATUS_FILL)}"><b>Legend</b> '
        '<font point-size="9">(edges: said \u2192 claim \u2192 at venue / reported by source'
        " \u2192 derived from)</font>"
        "</td></tr>" + "".join(rows) + "</table>>"
    )


def _edge(
    graph: nx.MultiDiGraph, tail: str, head: str, relation: str, *, timeline: bool
) -> tuple[str, str, dict[str, str]]:
    """How one edge is drawn: its ends (turned round on a timeline) and its attributes."""
    style = dict(EDGE_STYLE.get(relation, {"label": relation}))
    if relation == "derived-from":
        derivation = graph.edges[tail, head, relation].get("derivation")
        if derivation:
            style["label"] = f"derived from ({derivation})"
    elif relation == "variant_of":
        drift = graph.edges[tail, head, relation].get("drift")
        if drift:  # a trace: the drift is the point of the picture, so let the edge take space
            style.update(label=f"variant of: {drift}", fontcolor="#7c3aed", fontsize="10")
            style.pop("constraint", None)
        else:  # the whole ledger: each copy is set just right of its origin, their edges meeting there
            style.update(samehead=_dot_name(head), fontsize="7", arrowsize="0.5")
            style.pop("constraint", None)
    if relation == "variant_of" or (timeline and relation == "derived-from"):
        # Drawn from the earlier to the later with the arrow turned back: time runs left to right.
        tail, head = head, tail
        style["dir"] = "back"
        if "samehead" in style:
            style["sametail"] = style.pop("samehead")
    return tail, head, style


def graph_to_dot(graph: nx.MultiDiGraph, *, title: str | None = None, legend: bool = True) -> str:
    """The DOT text of a who-said-what graph: deterministic, so it can be golden-tested."""
    dot = graphviz.Digraph("provenance", strict=False)
    dot.attr(
        rankdir="LR",
        fontname=FONT,
        fontsize="11",
        nodesep="0.25",
        ranksep="0.6",
        newrank="true",
        labelloc="t",
        label=f"<<b>{_h(title)}</b>>" if title else "",
    )
    dot.attr("node", fontname=FONT, fontsize="10", margin="0.12,0.06")
    dot.attr("edge", fontname=FONT, fontsize="8", fontcolor="#475569", arrowsize="0.7")

    by_outlet: dict[str, list[str]] = {}
    for node in sorted(graph.nodes):
        attrs = graph.nodes[node]
        kind = node.split(":", 1)[0]
        if kind == "source":
            by_outlet.setdefault(attrs.get("outlet") or "", []).append(node)
            continue
        make = {"speaker": _speaker, "claim": _claim, "venue": _venue}.get(kind)
        if make is None or (kind == "speaker" and graph.degree(node) == 0):
            continue  # a registered speaker with no claim here would only clutter the picture
        label, style = make(attrs)
        dot.node(_dot_name(node), label=label, id=node, **style)

    for i, (outlet, nodes) in enumerate(sorted(by_outlet.items())):
        styled = [(node, *_source(graph.nodes[node], node.split(":", 1)[1])) for node in nodes]
        if not outlet:
            for node, label, style in styled:
                dot.node(_dot_name(node), label=label, id=node, **style)
            continue
        with dot.subgraph(name=f"cluster_outlet_{i}") as cluster:
            cluster.attr(label=f"<<b>{_h(outlet)}</b>>", style="rounded,filled", fillcolor="#f8fafc", color="#cbd5e1")
            for node, label, style in styled:
                cluster.node(_dot_name(node), label=label, id=node, **style)

    timeline = graph.graph.get("timeline")
    for tail, head, relation in sorted(graph.edges(data="relation"), key=lambda e: (e[0], e[1], str(e[2]))):
        tail, head, style = _edge(graph, tail, head, str(relation), timeline=bool(timeline))
        dot.edge(_dot_name(tail), _dot_name(head), **style)
    for earlier, later in itertools.pairwise(timeline or ()):  # appearances in time order, left to right
        dot.edge(_dot_name(earlier), _dot_name(later), style="invis", weight="10")

    if legend:
        dot.node("legend", label=_legend(), shape="plaintext", id="legend")
    return str(dot.source)
