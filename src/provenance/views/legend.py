"""The picture's heading: its title and a legend of what is actually drawn, and nothing else.

A legend listing every status and kind a ledger could hold would take a third
of a small picture and explain things that are not in it; this one is built
from the :class:`Drawn` tally that :mod:`.dot` keeps while it draws.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .escape import dot_html
from .labels import CLAIM_BORDER, CLAIM_KIND_NAME, EDGE_STYLE, SPEAKER_STYLE, STATUS_LOOK

_KIND_ORDER = ("direct", "indirect", "assertion")
_LINK_NAMES = {"derived-from": "derived from", "variant_of": "variant \u2192 origin", "responds_to": "responds to"}


@dataclass
class Drawn:
    """What the picture holds: the legend shows these entries and only these."""

    speaker_kinds: set[str] = field(default_factory=set)
    claim_kinds: set[str] = field(default_factory=set)
    statuses: set[str] = field(default_factory=set)
    relations: set[str] = field(default_factory=set)
    sources: bool = False
    drift: bool = False  # variant lines labelled with their drift (a trace)


def _cell(text: str, fill: str, color: str, style: str = "") -> str:
    extra = f' style="{style}"' if style else ""
    return f'<td bgcolor="{fill}" color="{color}" border="1"{extra}><font point-size="9">{dot_html(text)}</font></td>'


def _arrow(relation: str, drawn: Drawn) -> str:
    color = EDGE_STYLE.get(relation, {}).get("color", "#475569")
    name = _LINK_NAMES.get(relation, relation.replace("_", " "))
    if relation == "variant_of" and drawn.drift:
        name += ", labelled with its drift"
    return f'<td><font point-size="9" color="{color}">\u2500\u2500\u25b6 {dot_html(name)}</font></td>'


def _cells(drawn: Drawn) -> list[str]:
    cells: list[str] = []
    for kind in SPEAKER_STYLE:
        if kind in drawn.speaker_kinds:
            style = SPEAKER_STYLE[kind]
            cells.append(_cell(kind, style["fillcolor"], style["color"], "rounded" if kind == "person" else ""))
    if drawn.speaker_kinds and drawn.claim_kinds:
        cells.append(f'<td><font point-size="9" color="{EDGE_STYLE["said"]["color"]}">\u2500\u2500 said</font></td>')
    recorded = STATUS_LOOK["recorded"]
    for kind in _KIND_ORDER:
        if kind in drawn.claim_kinds:
            border = CLAIM_BORDER[kind].replace("rounded,", "").replace("rounded", "")
            cells.append(_cell(CLAIM_KIND_NAME[kind], recorded.fill, recorded.border, border))
    for status, look in STATUS_LOOK.items():
        if status in drawn.statuses and look.badge:
            cells.append(_cell(look.badge, look.fill, look.border))
    if drawn.sources:
        cells.append(_cell("source (outlet, title)", "#f8fafc", "#94a3b8", "rounded"))
    if "misattributed" in drawn.relations:
        color = EDGE_STYLE["misattributed"]["color"]
        cells.append(f'<td><font point-size="9" color="{color}">\u254c\u254c <s>said</s> (misattributed)</font></td>')
    cells.extend(_arrow(relation, drawn) for relation in sorted(drawn.relations - {"misattributed"}))
    return cells


def heading(title: str | None, drawn: Drawn | None, *, subtitle: str | None = None) -> str:
    """The graph label: the title, a subtitle, then one row of legend entries (``drawn`` None: no legend)."""
    rows = []
    if title:
        rows.append(f'<tr><td align="left"><font point-size="14"><b>{dot_html(title)}</b></font></td></tr>')
    if subtitle:
        rows.append(f'<tr><td align="left"><font point-size="12">{dot_html(subtitle, 400)}</font></td></tr>')
    cells = _cells(drawn) if drawn is not None else []
    if cells:
        legend = f'<table border="0" cellspacing="4" cellpadding="3"><tr>{"".join(cells)}</tr></table>'
        rows.append(f'<tr><td align="left">{legend}</td></tr>')
    if not rows:
        return ""
    return f'<<table border="0" cellspacing="0" cellpadding="2">{"".join(rows)}</table>>'
