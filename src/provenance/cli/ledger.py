"""Commands on the ledger as a whole: ``init``, ``check`` and ``graph``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..views.render import FORMATS, LAYOUTS
from .app import ledger_path, main, open_ledger
from .output import DATE, dump, echo, plural

if TYPE_CHECKING:
    import networkx as nx

    from ..ledger import Ledger


@main.command()
@click.pass_context
def init(ctx: click.Context) -> None:
    """Create an empty ledger.

    \b
    Example:
      provenance --ledger my-claims init
    """
    from ..ledger import Ledger

    created = Ledger.init(ledger_path(ctx))
    if {"speakers.yaml", "venues.yaml", "sources/"} <= set(created.created):
        echo(f"Created an empty ledger in {created.path}/")
    else:
        echo(f"Completed the ledger in {created.path}/: created {', '.join(created.created)}; kept every other file")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print counts as JSON.")
@click.pass_context
def check(ctx: click.Context, as_json: bool) -> None:
    """Validate every file of the ledger and report every problem with its file and line.

    \b
    Example:
      provenance check
    """
    ledger = open_ledger(ctx)
    ledger.check()
    counts = {
        "speakers": len(ledger.speakers()),
        "venues": len(ledger.venues()),
        "sources": len(ledger.sources()),
        "claims": len(ledger.claims()),
    }
    if as_json:
        dump({"ok": True, **counts})
    else:
        echo("Ledger OK: " + ", ".join(f"{n} {k}" for k, n in counts.items()))


@main.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: who-said-what.svg, or .html etc. with --format).",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Output format (default: from the file suffix).")
@click.option("--speaker", "speakers_", multiple=True, metavar="NAME", help="Only this speaker's claims (repeatable).")
@click.option(
    "--source", "sources_", multiple=True, metavar="ID", help="Only claims reported by this source (repeatable)."
)
@click.option(
    "--since",
    type=DATE,
    metavar="YYYY-MM-DD",
    help="Only claims said on this day or later (the claim's date, else its venue's, else its source's).",
)
@click.option("--layout", type=click.Choice(LAYOUTS), default="dot", show_default=True, help="Graphviz layout engine.")
@click.option("--title", help="Title drawn above the picture.")
@click.option("--no-legend", is_flag=True, help="Leave the legend out of the picture.")
@click.option("--dpi", type=click.IntRange(30, 1200), metavar="N", help="Resolution of a PNG (96 screen, 300 print).")
@click.option("--full", is_flag=True, help="Draw every claim however many there are (Graphviz may take minutes).")
@click.pass_context
def graph(
    ctx: click.Context,
    output: Path | None,
    fmt: str | None,
    speakers_: Sequence[str],
    sources_: Sequence[str],
    since: datetime | None,
    layout: str,
    title: str | None,
    no_legend: bool,
    dpi: int | None,
    full: bool,
) -> None:
    """Draw the who-said-what network: SVG by default, PNG, PDF, DOT, or an HTML page.

    Speakers are on the left, joined to their claims; each claim sits in
    the box of the source that reports it, with its venue, date and the
    name as printed when it differs; sources point to what they were copied
    from. A picture of one speaker is a sheet of source cards. Hover a
    claim in the SVG for its full text.

    A graph too large to quote claim by claim (more than 40 claims by
    several speakers, 80 by one) is drawn as a table of claims by speaker
    and outlet, at once; narrow it with --speaker, --source or --since,
    draw it anyway with --full, or use --format html, which shows every
    claim with search, filters and a side panel, in one file that works
    offline.

    \b
    Examples:
      provenance graph
      provenance graph --speaker "Stephen Biegun" -o biegun.png --dpi 200
      provenance graph --format html -o who.html
      provenance graph --since 2020-09-13 --no-legend -o recent.svg
      provenance graph --format dot -o graph.dot
    """
    from ..views.render import choose_picture, render

    ledger = open_ledger(ctx)
    built = ledger.graph(
        speakers=list(speakers_) or None, sources=list(sources_) or None, since=since.date() if since else None
    )
    target = output or Path(f"who-said-what.{fmt or 'svg'}")
    kind = (fmt or target.suffix.lstrip(".") or "svg").lower()
    claims = sum(1 for _, attrs in built.nodes(data=True) if attrs.get("type") == "claim")
    if title is None:
        title = f"Who said what \u2014 {plural(claims, 'claim')}"
    texts = _texts(ledger, built) if kind == "html" else None
    written = render(
        built, target, format=fmt, layout=layout, title=title, legend=not no_legend, dpi=dpi, full=full, texts=texts
    )
    echo(f"Wrote {written} ({plural(claims, 'claim')}, {plural(built.number_of_nodes(), 'node')})")
    if kind not in {"html"} and choose_picture(built, full=full) == "summary":
        echo(
            f"{plural(claims, 'claim')} are too many to quote in one picture, so it is a table of claims by speaker "
            "and outlet. Draw part of it with --speaker NAME, --source ID or --since YYYY-MM-DD, every claim with "
            "--full (Graphviz may take minutes), or all of it in the browser with --format html."
        )


def _texts(ledger: Ledger, built: nx.MultiDiGraph) -> dict[str, str]:
    """The text snapshots of the sources in the graph, so the page can show each quote in its paragraph."""
    texts = {}
    for node, attrs in built.nodes(data=True):
        if attrs.get("type") == "source":
            text = ledger.text(str(node).split(":", 1)[1])
            if text is not None:
                texts[str(node).split(":", 1)[1]] = text
    return texts
