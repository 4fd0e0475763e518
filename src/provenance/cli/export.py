"""``provenance export``: the ledger in the formats other tools read (PROV, ClaimReview, GraphML, CSV…)."""

from __future__ import annotations

from pathlib import Path

import click

from ..exports import FORMATS
from .app import main, open_ledger
from .output import dump, echo
from .progress import Bar

_FORMAT_HELP = "; ".join(f"{f.name}: {f.description}" for f in FORMATS.values())


@main.command(name="export")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), required=True, help=f"The format. {_FORMAT_HELP}.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="File to write (a directory for csv). Without it the export is printed.",
)
@click.option("--json", "as_json", is_flag=True, help="Print what was written as JSON.")
@click.pass_context
def export_command(ctx: click.Context, fmt: str, output: Path | None, as_json: bool) -> None:
    """Export the ledger for other tools: W3C PROV, ClaimReview, GraphML/GEXF, CSV tables, JSON Lines,
    or Web Annotations.

    Each format and how to open it (Gephi, a spreadsheet, DuckDB, Google's
    Fact Check markup tool, an annotation tool) is shown in docs/exports.md.

    \b
    Examples:
      provenance export --format prov-n
      provenance export --format graphml -o ledger.graphml
      provenance export --format csv -o tables/
      provenance export --format claimreview -o reviews.jsonld
    """
    from ..exports import export

    bar = Bar("Exporting", "claim", hidden=output is None)  # printed to stdout: no bar in the way
    try:
        result = export(open_ledger(ctx), fmt, output, progress=bar)
    finally:
        bar.close()
    if result.text is not None:
        click.echo(result.text, nl=False)
        return
    if as_json:
        dump({"format": fmt, "files": [str(p) for p in result.paths], "summary": result.summary})
        return
    where = output if FORMATS[fmt].directory else result.paths[0]
    echo(f"Wrote {where} ({result.summary})")
