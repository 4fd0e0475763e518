"""The picture of a ledger too large to quote claim by claim: a table of speakers × outlets with claim counts.

A picture that quotes every claim stops fitting on a page at a few dozen
claims, and Graphviz's layout time grows faster than the graph (9 seconds at
3,000 claims, five minutes at 10,000: docs/performance.md has the figures and
the command). So above :data:`~provenance.views.render.QUOTE_LIMIT`
claims the picture is this summary: one table, laid out at once whatever the
size, that says how to draw a part of the ledger.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

import graphviz

from .escape import dot_html
from .labels import FONT, MUTED, STATUS_LOOK

if TYPE_CHECKING:
    import networkx as nx

#: Rows and columns of the summary table; the rest are added up in an "all others" row and column.
MAX_ROWS = 30
MAX_COLUMNS = 12
#: Light to dark: a cell's colour grows with its share of the largest count.
HEAT = ("#eff6ff", "#dbeafe", "#bfdbfe", "#93c5fd", "#60a5fa", "#3b82f6", "#1d4ed8")
FLAGGED = ("disputed", "misattributed", "retracted")
NARROW = (
    "More claims than a picture can quote legibly. Draw part of the ledger with --speaker NAME, --source ID "
    "or --since DATE, every claim with --full (slow for thousands), or all of it in the browser with --format html."
)


def claim_count(graph: nx.MultiDiGraph) -> int:
    """How many claims the graph holds."""
    return sum(1 for node in graph.nodes if str(node).startswith("claim:"))


@dataclass
class Tally:
    """Claims counted by speaker and outlet, and the flagged ones (disputed, misattributed, retracted) by speaker."""

    cells: Counter[tuple[str, str]]
    flagged: Counter[str]
    speakers: Counter[str]
    outlets: Counter[str]


def tally(graph: nx.MultiDiGraph) -> Tally:
    """Count every claim under its speaker's name and its source's outlet."""
    cells: Counter[tuple[str, str]] = Counter()
    flagged: Counter[str] = Counter()
    for node, attrs in graph.nodes(data=True):
        if not str(node).startswith("claim:"):
            continue
        speaker, outlet = "(unattributed)", "(no outlet)"
        for tail, _, relation in graph.in_edges(node, data="relation"):
            if relation == "said":
                speaker = str(graph.nodes[tail].get("name", tail))
        for _, head, relation in graph.out_edges(node, data="relation"):
            if relation == "reported-by":
                outlet = str(graph.nodes[head].get("outlet") or "(no outlet)")
        cells[speaker, outlet] += 1
        if attrs.get("status") in FLAGGED:
            flagged[speaker] += 1
    speakers: Counter[str] = Counter()
    outlets: Counter[str] = Counter()
    for (speaker, outlet), n in cells.items():
        speakers[speaker] += n
        outlets[outlet] += n
    return Tally(cells, flagged, speakers, outlets)


def _top(counts: Counter[str], limit: int) -> list[str]:
    ranked = sorted(counts, key=lambda k: (-counts[k], k))
    return ranked if len(ranked) <= limit else ranked[: limit - 1]


def _cell(n: int, peak: int, *, aggregate: bool = False) -> str:
    if not n:
        return '<td bgcolor="#ffffff"> </td>'
    if aggregate:  # "other speakers" / "other outlets" add up many rows: not on the same scale
        return f'<td bgcolor="#f1f5f9" align="right"><font color="#334155">{n:,}</font></td>'
    shade = HEAT[min(len(HEAT) - 1, (min(n, peak) * len(HEAT) - 1) // max(peak, 1))]
    ink = "#ffffff" if shade in HEAT[-2:] else "#0f172a"
    return f'<td bgcolor="{shade}" align="right"><font color="{ink}">{n:,}</font></td>'


def _table(counts: Tally) -> str:
    rows, columns = _top(counts.speakers, MAX_ROWS), _top(counts.outlets, MAX_COLUMNS)
    other_rows, other_columns = len(counts.speakers) - len(rows), len(counts.outlets) - len(columns)
    row_keys: list[str | None] = [*rows, *([None] if other_rows else [])]
    column_keys: list[str | None] = [*columns, *([None] if other_columns else [])]

    grid: Counter[tuple[str | None, str | None]] = Counter()
    for (speaker, outlet), n in counts.cells.items():
        grid[speaker if speaker in rows else None, outlet if outlet in columns else None] += n
    peak = max((n for (r, c), n in grid.items() if r is not None and c is not None), default=1)
    flag = STATUS_LOOK["misattributed"].border
    head = ['<td align="left"><b>speaker</b></td>']
    head += [f"<td><b>{dot_html(c, 28) if c else f'{other_columns:,} other outlets'}</b></td>" for c in column_keys]
    head += ["<td><b>all</b></td>", f'<td><font color="{flag}"><b>flagged</b></font></td>']
    lines = ["<tr>" + "".join(head) + "</tr>"]
    for r in row_keys:
        name = dot_html(r, 40) if r else f"{other_rows:,} other speakers"
        total = sum(grid[r, c] for c in column_keys)
        flagged = counts.flagged[r] if r else sum(n for s, n in counts.flagged.items() if s not in rows)
        cells = "".join(_cell(grid[r, c], peak, aggregate=r is None or c is None) for c in column_keys)
        mark = f'<td align="right"><font color="{flag}">{flagged:,}</font></td>' if flagged else "<td> </td>"
        lines.append(f'<tr><td align="left">{name}</td>{cells}<td align="right"><b>{total:,}</b></td>{mark}</tr>')
    totals = "".join(f'<td align="right"><b>{sum(grid[r, c] for r in row_keys):,}</b></td>' for c in column_keys)
    all_claims = sum(counts.speakers.values())
    lines.append(f'<tr><td align="left"><b>all speakers</b></td>{totals}<td align="right"><b>{all_claims:,}</b></td>')
    lines.append(f'<td align="right"><font color="{flag}">{sum(counts.flagged.values()):,}</font></td></tr>')
    return (
        '<table border="0" cellborder="1" cellspacing="0" cellpadding="5" color="#cbd5e1">'
        + "".join(lines)
        + "</table>"
    )


def summary_to_dot(graph: nx.MultiDiGraph, *, title: str | None = None) -> str:
    """The DOT text of the summary table: claims counted by speaker (rows) and outlet (columns)."""
    counts = tally(graph)
    total = sum(counts.speakers.values())
    heading = title or "Who said what"
    subtitle = (
        f"{total:,} claims by {len(counts.speakers):,} speakers in {len(counts.outlets):,} outlets "
        "\u2014 claims counted by speaker and outlet; flagged: disputed, misattributed or retracted"
    )
    note = NARROW
    label = (
        '<<table border="0" cellspacing="0" cellpadding="3">'
        f'<tr><td align="left"><font point-size="14"><b>{dot_html(heading)}</b></font></td></tr>'
        f'<tr><td align="left"><font point-size="9" color="{MUTED}">{dot_html(subtitle, 400)}</font></td></tr>'
        f'<tr><td align="left">{_table(counts)}</td></tr>'
        f'<tr><td align="left"><font point-size="9" color="{MUTED}">{dot_html(note, 400)}</font></td></tr>'
        "</table>>"
    )
    dot = graphviz.Digraph("provenance_summary")
    dot.attr(fontname=FONT, pad="0.3")
    dot.node("summary", label=label, shape="plain", fontname=FONT, fontsize="10", id="summary")
    return str(dot.source)
