"""``provenance import``: records from other tools' formats (Quotebank) into the ledger."""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from ..imports import FORMATS
from .app import main, open_ledger
from .output import dump, echo, plural
from .progress import Bar

#: Line problems printed in full; the rest are counted.
SHOWN_PROBLEMS = 10


@main.command(name="import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    required=True,
    help="; ".join(f"{name}: {what}" for name, (_, _, what) in FORMATS.items()) + ".",
)
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@click.pass_context
def import_command(ctx: click.Context, file: Path, fmt: str, as_json: bool) -> None:
    """Import records from another tool's format into the ledger.

    Quotebank lines become speakers (matched by Wikidata id, then name),
    one source per URL and one claim per URL, with status 'extracted'
    (the attribution is a model's, to review). Importing a file again
    adds nothing; a line that cannot be read is reported and skipped.

    \b
    Examples:
      provenance import --format quotebank quotes-2020-sample.jsonl
      bzcat quotes-2020.json.bz2 | head -n 100000 > sample.jsonl
      provenance import --format quotebank sample.jsonl --json
    """
    module, function, _ = FORMATS[fmt]
    importer = getattr(importlib.import_module(module, "provenance.imports"), function)
    ledger = open_ledger(ctx)
    bar = Bar("Importing", "line", hidden=as_json)
    total = _line_count(file)
    bar.start(total)
    try:
        result = importer(ledger, file, on_line=lambda number: bar(number, total))
    finally:
        bar.close()
    for problem in result.problems[:SHOWN_PROBLEMS]:
        echo(f"Skipped {problem}", err=True)
    if len(result.problems) > SHOWN_PROBLEMS:
        echo(f"... and {plural(len(result.problems) - SHOWN_PROBLEMS, 'more line')} skipped", err=True)
    if as_json:
        from ..imports.quotebank import counts

        dump(counts(result))
        return
    echo(
        f"Read {plural(result.lines, 'line')}: recorded {plural(result.claims_added, 'new claim')} with status "
        f"'extracted' ({result.already_recorded} already recorded), registered "
        f"{plural(result.speakers_added, 'speaker')} and {plural(result.sources_added, 'source')}"
        + (f"; skipped {plural(len(result.problems), 'line')}" if result.problems else "")
    )


def _line_count(path: Path) -> int | None:
    """How many lines the file holds (read once before the import, as the importer reads it), so the bar has a
    total; None when it cannot be read (the importer then reports why)."""
    from ..errors import ProvenanceError
    from ..safefile import MAX_JSONL_LINE, read_lines

    try:
        return sum(1 for _ in read_lines(path, limit=MAX_JSONL_LINE))
    except ProvenanceError:
        return None
