"""Drawing a who-said-what graph: a picture with Graphviz (SVG, PNG, PDF, DOT), or the HTML page.

Which picture a graph gets is chosen by its size (:func:`choose_picture`):
every claim quoted, in its source's box (:mod:`.dot`), while that stays
legible and quick to lay out; above that a table of claims by speaker and
outlet (:mod:`.summary`) that is drawn at once whatever the ledger's size.
The HTML page (:mod:`.html`) shows every claim at any size.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..errors import RenderError
from ..store.atomic import atomic_write

if TYPE_CHECKING:
    import networkx as nx

FORMATS = ("svg", "png", "pdf", "dot", "html")
LAYOUTS = ("dot", "neato", "fdp", "sfdp")
#: Most claims by several speakers quoted in one picture; a picture of more is a poster nobody prints.
QUOTE_LIMIT = 40
#: Most claims of one speaker quoted in one picture (a sheet of source cards, about A3 at 50 claims).
SHEET_LIMIT = 80
#: Lines of Graphviz's complaint shown in an error; the rest is counted.
MAX_ERROR_LINES = 8

Picture = Literal["quotes", "summary"]


def choose_picture(graph: nx.MultiDiGraph, *, full: bool = False) -> Picture:
    """``"quotes"`` (every claim drawn) or ``"summary"`` (claims counted by speaker and outlet).

    Every claim is drawn when ``full`` is set or when the graph is small enough
    to read: up to :data:`QUOTE_LIMIT` claims by several speakers, or
    :data:`SHEET_LIMIT` by one.
    """
    from .summary import claim_count

    if full:
        return "quotes"
    claims = claim_count(graph)
    speakers = {tail for tail, _, rel in graph.edges(data="relation") if rel == "said"}
    return "quotes" if claims <= (SHEET_LIMIT if len(speakers) <= 1 else QUOTE_LIMIT) else "summary"


def picture_dot(graph: nx.MultiDiGraph, *, title: str | None = None, legend: bool = True, full: bool = False) -> str:
    """The DOT text of the picture :func:`choose_picture` picks for ``graph``."""
    if choose_picture(graph, full=full) == "summary":
        from .summary import summary_to_dot

        return summary_to_dot(graph, title=title)
    from .dot import graph_to_dot

    return graph_to_dot(graph, title=title, legend=legend)


def _with_dpi(source: str, dpi: int | None) -> str:
    """Add a resolution to the DOT text: Graphviz reads a graph attribute anywhere in the body."""
    if dpi is None:
        return source
    head, _, body = source.partition("{\n")
    return f"{head}{{\n\tdpi={dpi}\n{body}"


def _explained(stderr: object, layout: str, returncode: int) -> str:
    detail = stderr.decode("utf-8", "replace").strip() if isinstance(stderr, bytes) else ""
    if not detail:
        return (
            f"'{layout}' stopped with exit status {returncode} and no message; the graph may be too "
            "large to lay out: draw part of it with --speaker or --source, or write --format dot"
        )
    lines = detail.splitlines()
    if len(lines) > MAX_ERROR_LINES:
        lines = [*lines[:MAX_ERROR_LINES], f"... and {len(lines) - MAX_ERROR_LINES} more lines"]
    return "\n".join(lines)


def render(
    graph: nx.MultiDiGraph,
    path: str | Path,
    *,
    format: str | None = None,
    layout: str = "dot",
    title: str | None = None,
    legend: bool = True,
    dpi: int | None = None,
    full: bool = False,
    texts: Mapping[str, str] | None = None,
) -> Path:
    """Render the graph to ``path``: svg, png, pdf, dot or html, from the suffix unless ``format`` is given.

    A graph too large to quote claim by claim is drawn as a summary table
    unless ``full`` is set (see :func:`choose_picture`); ``dpi`` sets a PNG's
    resolution. For html, ``texts`` (source id -> text snapshot) lets the
    page show each quote in its surrounding text.
    """
    target = Path(path)
    fmt = (format or target.suffix.lstrip(".") or "svg").lower()
    if fmt not in FORMATS:
        raise RenderError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if layout not in LAYOUTS:
        raise RenderError(f"unknown layout {layout!r}; use one of {', '.join(LAYOUTS)}")
    if dpi is not None and not 30 <= dpi <= 1200:
        raise RenderError(f"dpi {dpi} is out of range; use 30 to 1200 (96 is a screen, 300 is print)")
    if fmt == "html":
        from .html import write_html

        return write_html(graph, target, title=title, texts=texts)
    import graphviz  # the formats above are offered (by the CLI too) without loading it

    source = _with_dpi(picture_dot(graph, title=title, legend=legend, full=full), dpi if fmt == "png" else None)
    if fmt == "dot":
        atomic_write(target, source)
        return target
    try:
        data = graphviz.Source(source, engine=layout).pipe(format=fmt)
    except graphviz.ExecutableNotFound as exc:
        raise RenderError(
            "Graphviz's 'dot' program is not installed; install it with 'sudo apt-get install graphviz' "
            "(Debian/Ubuntu) or 'brew install graphviz' (macOS), or use --format dot"
        ) from exc
    except graphviz.CalledProcessError as exc:
        raise RenderError(f"Graphviz failed: {_explained(exc.stderr, layout, exc.returncode)}") from exc
    atomic_write(target, data)
    return target
