"""Commands on the ledger as a whole: ``init``, ``check`` and ``graph``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from ..views.render import FORMATS, LAYOUTS
from .app import ledger_path, main, open_ledger
from .output import dump, echo, plural


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
    default=Path("who-said-what.svg"),
    show_default=True,
    help="File to write.",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Output format (default: from the file suffix).")
@click.option("--speaker", "speakers_", multiple=True, metavar="NAME", help="Only this speaker's claims (repeatable).")
@click.option(
    "--source", "sources_", multiple=True, metavar="ID", help="Only claims reported by this source (repeatable)."
)
@click.option("--layout", type=click.Choice(LAYOUTS), default="dot", show_default=True, help="Graphviz layout engine.")
@click.option("--title", help="Title drawn above the picture.")
@click.pass_context
def graph(
    ctx: click.Context,
    output: Path,
    fmt: str | None,
    speakers_: Sequence[str],
    sources_: Sequence[str],
    layout: str,
    title: str | None,
) -> None:
    """Draw the who-said-what network (SVG by default) with Graphviz.

    Speakers link to their claims, claims to the venue where they were said
    and to the sources that report them; sources link to what they were
    copied from. Hover a node in the SVG for the full text and dates.

    \b
    Examples:
      provenance graph
      provenance graph --speaker "Stephen Biegun" -o biegun.png
      provenance graph --format dot -o graph.dot
    """
    from ..views.render import render

    built = open_ledger(ctx).graph(speakers=list(speakers_) or None, sources=list(sources_) or None)
    claims = sum(1 for _, attrs in built.nodes(data=True) if attrs.get("type") == "claim")
    if title is None:
        title = f"Who said what \u2014 {plural(claims, 'claim')}"
    written = render(built, output, format=fmt, layout=layout, title=title)
    echo(f"Wrote {written} ({plural(claims, 'claim')}, {plural(built.number_of_nodes(), 'node')})")
