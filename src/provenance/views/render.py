"""Drawing a who-said-what graph with Graphviz: DOT text from :mod:`.dot`, then SVG, PNG or PDF."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import RenderError
from ..store.atomic import atomic_write

if TYPE_CHECKING:
    import networkx as nx

FORMATS = ("svg", "png", "pdf", "dot")
LAYOUTS = ("dot", "neato", "fdp", "sfdp")


def render(
    graph: nx.MultiDiGraph,
    path: str | Path,
    *,
    format: str | None = None,
    layout: str = "dot",
    title: str | None = None,
) -> Path:
    """Render the graph to ``path`` (svg, png, pdf or dot; from the suffix unless ``format`` is given)."""
    target = Path(path)
    fmt = (format or target.suffix.lstrip(".") or "svg").lower()
    if fmt not in FORMATS:
        raise RenderError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if layout not in LAYOUTS:
        raise RenderError(f"unknown layout {layout!r}; use one of {', '.join(LAYOUTS)}")
    import graphviz  # the formats above are offered (by the CLI too) without loading it

    from .dot import graph_to_dot

    source = graph_to_dot(graph, title=title)
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
        detail = exc.stderr.decode("utf-8", "replace").strip() if isinstance(exc.stderr, bytes) else ""
        if not detail:
            detail = (
                f"'{layout}' stopped with exit status {exc.returncode} and no message; the graph may be too "
                "large to lay out: draw part of it with --speaker or --source, or write --format dot"
            )
        raise RenderError(f"Graphviz failed: {detail}") from exc
    atomic_write(target, data)
    return target
