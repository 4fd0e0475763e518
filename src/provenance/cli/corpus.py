"""``provenance corpus extract|group|import``: corpus-scale extraction and grouping on Dask, and the bridge back.

Dask and pyarrow load only when one of these commands runs (``provenance --help`` stays light).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import LedgerError
from .app import ledger_path, main, open_ledger
from .output import dump, plural
from .progress import Bar

if TYPE_CHECKING:
    from ..corpus.partition import PartitionReport
    from ..ledger import Ledger

_OUT = click.Path(file_okay=False, path_type=Path)


def _cluster_options(command: Any) -> Any:
    """--workers and --scheduler: a LocalCluster of N processes, or an existing Dask cluster."""
    command = click.option(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help="Run on an existing Dask cluster (started with 'dask scheduler' and 'dask worker').",
    )(command)
    return click.option(
        "--workers", type=click.IntRange(min=1), help="Worker processes of the local cluster. Default: one per core."
    )(command)


@main.group()
def corpus() -> None:
    """Extract, attribute and group quotes across a whole corpus, on Dask.

    Corpus mode writes Parquet tables (articles/, quotes/, mentions/,
    groups/) that DuckDB, pandas or polars read directly; see docs/corpus.md.
    It needs the corpus extra: pip install 'provenance[corpus]'.

    \b
    Examples:
      provenance corpus extract news.jsonl.gz -o out/
      provenance corpus group out/
      provenance corpus import out/ --group g-3b4dccb4bc96
    """


@corpus.command("extract")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--out", required=True, type=_OUT, help="Output directory for the Parquet tables.")
@_cluster_options
@click.option("--aliases", type=click.Path(dir_okay=False, exists=True, path_type=Path), help="Alias table (TSV).")
@click.option("--text-field", default="text", show_default=True, help="JSONL: the field holding the article text.")
@click.option("--id-field", default="id", show_default=True, help="JSONL: the field holding the article id.")
@click.option("--url-field", default="url", show_default=True, help="JSONL: the field holding the URL.")
@click.option("--outlet-field", default="outlet", show_default=True, help="JSONL: the outlet (else the URL's host).")
@click.option("--title-field", default="title", show_default=True, help="JSONL: the field holding the title.")
@click.option("--date-field", default="date", show_default=True, help="JSONL: the publication date (ISO).")
@click.option("--language-field", default="language", show_default=True, help="JSONL: the language tag.")
@click.option("--partition-mb", default=16, show_default=True, type=click.IntRange(min=1), help="JSONL range size.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.pass_context
def extract_command(
    ctx: click.Context,
    /,
    inputs: Sequence[Path],
    out: Path,
    workers: int | None,
    scheduler: str | None,
    aliases: Path | None,
    partition_mb: int,
    as_json: bool,
    **field_names: str,
) -> None:
    """Find and attribute the quotes of every article in INPUTS, into Parquet.

    INPUTS are JSON Lines files (gzip too), WARC files (HTML responses; the
    crawl date stands for the publication date) and directories or files of
    HTML or text. Writes articles/ and quotes/ (partitioned by month),
    mentions/ (unresolved speaker names with counts, to grow the alias
    table) and speakers/ under OUT. Speakers resolve against the ledger's
    registry, when there is a ledger, plus --aliases, a TSV of
    'id<TAB>canonical name<TAB>alias|alias'. A rerun skips the partitions
    already written, so an interrupted run resumes.

    \b
    Examples:
      provenance corpus extract news.jsonl.gz -o out/
      provenance corpus extract crawl/*.warc.gz -o out/ --aliases speakers.tsv --workers 8
      provenance corpus extract articles/ -o out/ --scheduler tcp://10.0.0.5:8786
      provenance corpus extract news.jsonl -o out/ --text-field body --date-field published --json
    """
    from ..corpus import Fields, extract

    _one_cluster(workers, scheduler)
    fields = Fields(**{name.removesuffix("_field"): value for name, value in field_names.items()})
    progress = _Progress(hidden=as_json)
    try:
        summary = extract(
            [str(p) for p in inputs], out, scheduler=scheduler, workers=workers, ledger=_ledger_if_any(ctx),
            aliases=aliases, fields=fields, partition_bytes=partition_mb * 1024 * 1024,
            on_start=progress.start, on_partition=progress.update,
        )  # fmt: skip
    finally:
        progress.close()
    if as_json:
        dump(summary.as_dict())
    else:
        rate = summary.run_documents / summary.seconds if summary.seconds else 0.0
        click.echo(
            f"{plural(summary.documents, 'article')}, {plural(summary.quotes, 'quote')} "
            f"({summary.errors} unreadable) in {out}"
        )
        click.echo(
            f"{plural(summary.ran, 'partition')} run, {summary.skipped} already written, {len(summary.failed)} failed; "
            f"{summary.run_documents} articles in {summary.seconds:.1f} s ({rate:.0f}/s)"
        )
        click.echo(f"Unresolved speakers: {plural(summary.unresolved_names, 'name')} in mentions/")
    for key, message in summary.failed:
        click.echo(f"Error: partition {key}: {message}", err=True)
    if summary.failed:
        ctx.exit(1)


@corpus.command("group")
@click.argument("out", type=_OUT)
@_cluster_options
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(["direct", "indirect"]),
    default=("direct",),
    show_default=True,
    help="Quote kinds to group (repeat for both).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def group_command(out: Path, workers: int | None, scheduler: str | None, kinds: tuple[str, ...], as_json: bool) -> None:
    """Group the quotes of OUT into variants across the whole corpus.

    Candidate pairs come from MinHash blocking (only quotes sharing wording
    are compared), then each is checked word by word. Each group's origin is
    its earliest appearance; every member gets the drift class of 'provenance
    variants' (identical, cosmetic, truncated, extended, substituted,
    rewritten) and its similarity. Writes groups/ (one row per member) and
    group_counts/ (quotes, articles, outlets, first and last date per group),
    replacing earlier ones.

    \b
    Examples:
      provenance corpus group out/
      provenance corpus group out/ --kind direct --kind indirect --workers 4
      provenance corpus group out/ --scheduler tcp://10.0.0.5:8786 --json
    """
    from ..corpus import group

    _one_cluster(workers, scheduler)
    progress = _Progress(hidden=as_json, unit="stage", description="Grouping")
    progress.start(4)  # sign, pair, route, verify
    try:
        summary = group(out, scheduler=scheduler, workers=workers, kinds=kinds, on_stage=lambda _: progress.update())
    finally:
        progress.close()
    if as_json:
        dump(summary.as_dict())
        return
    click.echo(
        f"{plural(summary.groups, 'group')} of {plural(summary.grouped_quotes, 'quote')} "
        f"among {summary.quotes} signed quotes ({summary.candidates} candidate pairs) in {summary.seconds:.1f} s"
    )
    click.echo(f"Written: {out / 'groups'}/ and {out / 'group_counts'}/")


@corpus.command("import")
@click.argument("out", type=_OUT)
@click.option("--group", "group_id", metavar="GROUP", help="Import the quotes of this variant group.")
@click.option("--speaker", help="Import the quotes of this speaker (registry id or name as printed).")
@click.option("--limit", type=click.IntRange(min=1), help="Import only the earliest N quotes.")
@click.option("--json", "as_json", is_flag=True, help="Print what was recorded as JSON.")
@click.pass_context
def import_command(
    ctx: click.Context, out: Path, group_id: str | None, speaker: str | None, limit: int | None, as_json: bool
) -> None:
    """Record chosen corpus quotes in the ledger, with their articles as sources.

    The quotes of one group (--group) or one speaker (--speaker) are recorded
    with status 'extracted' for review, each under its article's URL (or a
    source made for an article without one), with the article text as the
    snapshot; the text is read again from the corpus input and checked
    against its checksum. Speakers resolved through the alias table are
    registered. Running it twice records nothing new.

    \b
    Examples:
      provenance corpus import out/ --group g-3b4dccb4bc96
      provenance corpus import out/ --speaker valery-tsepkalo --limit 20
      provenance --ledger claims corpus import out/ --speaker "Velary Tsepalko" --json
    """
    from ..corpus import import_quotes

    summary = import_quotes(out, open_ledger(ctx), group=group_id, speaker=speaker, limit=limit)
    if as_json:
        dump(summary.as_dict())
        return
    click.echo(
        f"Recorded {plural(summary.added, 'new claim')} with status 'extracted' from "
        f"{plural(len(set(summary.sources)), 'source')} ({summary.already_recorded} already recorded)"
    )
    if summary.speakers_registered:
        click.echo(f"Registered speakers: {', '.join(summary.speakers_registered)}")


def _one_cluster(workers: int | None, scheduler: str | None) -> None:
    if workers is not None and scheduler:
        raise click.UsageError("--workers is for the local cluster; an existing cluster (--scheduler) has its own")


def _ledger_if_any(ctx: click.Context) -> Ledger | None:
    try:
        return open_ledger(ctx)
    except LedgerError:
        click.echo(f"Note: no ledger at {ledger_path(ctx)}; speakers resolve against --aliases only.", err=True)
        return None


class _Progress(Bar):
    """Partitions done, on stderr as Dask completes them, with the articles read so far after the count.

    Dask's own text bar writes to stdout, where --json goes; this one is the CLI's bar (see :mod:`.progress`).
    """

    def __init__(self, *, hidden: bool, unit: str = "partition", description: str = "Extracting") -> None:
        super().__init__(description, unit, hidden=hidden)
        self._articles = 0

    def update(self, report: PartitionReport | None = None) -> None:
        if report is not None:
            self._articles += report.documents
        self.advance(1, note=f"{self._articles} articles" if report is not None else None)
