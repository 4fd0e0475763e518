"""``provenance extract``: quotations and reported claims in articles, printed or recorded."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from ..errors import LedgerError, ProvenanceError
from .app import ledger_path, main, open_ledger
from .output import DATE, day, echo, plural, short
from .progress import progress

#: File suffixes read as a corpus (one document per line) and as web pages (as extraction/documents.py reads them).
JSONL_SUFFIXES = (".jsonl", ".ndjson")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")

T = TypeVar("T")

if TYPE_CHECKING:
    from ..extraction import Document, DocumentResult, JsonLine
    from ..extraction.ingest import ExtractedAddResult
    from ..ledger import Ledger
    from ..records import Speaker


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON Lines: one object per document.")
@click.option("--add", "record", is_flag=True, help="Record the claims in the ledger (status 'extracted').")
@click.option(
    "--source", metavar="ID_OR_URL", help="With --add and one article: the source it is (a new URL creates it)."
)
@click.option(
    "--discover/--no-discover",
    default=True,
    show_default=True,
    help="With --add: register the people and organisations named in full that nobody registered, and mark "
    "claims by groups and anonymous sources as such (--no-discover leaves them all without a speaker).",
)
@click.option("--title", help="With --add --source and a new URL: the source's title.")
@click.option("--outlet", help="With --add --source and a new URL: the source's outlet.")
@click.option("--published", type=DATE, metavar="YYYY-MM-DD", help="With --add --source and a new URL: its date.")
@click.option(
    "--jobs", type=click.IntRange(min=1), default=1, show_default=True, help="Extract on this many processes."
)
@click.option("--text-field", default="text", show_default=True, help="JSONL input: the field holding the text.")
@click.option("--id-field", default="id", show_default=True, help="JSONL input: the field holding the document id.")
@click.option("--url-field", default="url", show_default=True, help="JSONL input: the field holding the URL.")
@click.option("--title-field", default="title", show_default=True, help="JSONL input: the field holding the title.")
@click.option("--outlet-field", default="outlet", show_default=True, help="JSONL input: the field holding the outlet.")
@click.option(
    "--published-field", default="published", show_default=True, help="JSONL input: the field holding the date."
)
@click.pass_context
def extract(
    ctx: click.Context,
    /,
    files: Sequence[Path],
    as_json: bool,
    record: bool,
    source: str | None,
    discover: bool,
    title: str | None,
    outlet: str | None,
    published: datetime | None,
    jobs: int,
    **field_names: str,
) -> None:
    """Find quotations and reported claims in articles, with their speakers.

    FILES are plain text, HTML (the article text and the page's title, site,
    date and URL are read) or JSON Lines corpora (one document per line).
    Speakers are resolved against the ledger's registry when there is a
    ledger, misspellings included; "he said" is traced back to the person it
    stands for. Nothing is written unless you pass --add, which records the
    claims with status 'extracted' for review, with the text their offsets
    point into: one article under --source, or every document of a corpus
    or of HTML pages under the source it names (its URL, else its id).

    With --add, people and organisations named in full whom nobody
    registered become speakers (kind guessed from the name, role from an
    appositive: "Mike Smith, a spokesman for X"), and later "he" or "Smith"
    in the same article are linked to them; a surname alone is left for
    'provenance resolve'. Claims by groups ("critics said") and anonymous
    sources ("a source close to ...") keep no speaker and say why.

    \b
    Examples:
      provenance extract article.txt
      provenance extract page.html --json
      provenance extract corpus.jsonl --text-field body --id-field url --json > claims.jsonl
      provenance extract article.txt --add --source https://example.org/story
      provenance extract article.txt --add --source https://example.org/story --no-discover
      provenance extract corpus.jsonl --add --jobs 2
    """
    from ..extraction import extract_documents, extract_json_lines
    from ..extraction.documents import Fields

    _check_usage(files, record=record, source=source)
    ledger = _ledger_if_any(ctx, required=record)
    fields = Fields(**{name.removesuffix("_field"): value for name, value in field_names.items()})
    summary = {"documents": 0, "claims": 0, "resolved": 0, "unresolved": 0, "errors": 0, "recorded": 0, "sources": 0}
    reported: Iterable[tuple[Document, DocumentResult]] = ()
    if as_json and not record:  # only printed: each record is made where the document is extracted
        lines = extract_json_lines(files, ledger=ledger, fields=fields, jobs=jobs)
        _print_json_lines(_with_progress(lines, files), summary)
    else:
        found = extract_documents(files, ledger=ledger, fields=fields, jobs=jobs)
        reported = _report(_with_progress(found, files), summary, as_json)
    _record_and_sum_up(ledger, reported, summary, source, title, outlet, published, record=record, discover=discover)
    if summary["errors"]:
        ctx.exit(1)


def _record_and_sum_up(
    ledger: Ledger | None,
    reported: Iterable[tuple[Document, DocumentResult]],
    summary: dict[str, int],
    source: str | None,
    title: str | None,
    outlet: str | None,
    published: datetime | None,
    *,
    record: bool,
    discover: bool,
) -> None:
    """Run the documents through (recording them with --add), then say what was recorded, who was registered
    and what was found."""
    registered: list[Speaker] = []
    if ledger is None or not record:
        for _ in reported:
            pass  # printed as it comes; nothing is written
    elif source is not None:
        for document, result in reported:
            when = day(published)
            added = _record(
                ledger, document, result, source=source, title=title, outlet=outlet, published=when, discover=discover
            )
            registered.extend(added.speakers_registered)
    else:
        registered = _record_batch(ledger, reported, summary, discover=discover)
    if record and source is None:
        echo(
            f"Recorded {plural(summary['recorded'], 'new claim')} with status 'extracted' "
            f"in {plural(summary['sources'], 'source')}",
            err=True,
        )
    if registered:
        assert ledger is not None
        _report_registered(ledger, registered)
    echo(
        f"{plural(summary['documents'], 'document')}, {plural(summary['claims'], 'claim')}; speakers: "
        f"{summary['resolved']} resolved, {summary['unresolved']} unresolved; {plural(summary['errors'], 'error')}",
        err=True,
    )


def _check_usage(files: Sequence[Path], *, record: bool, source: str | None) -> None:
    """Refuse, before any work, an --add that could not say which source each document is."""
    corpus = [f.suffix.lower() in JSONL_SUFFIXES or f.suffix.lower() in HTML_SUFFIXES for f in files]
    if source and not record:
        raise click.UsageError("--source is only used with --add")
    if record and source and (len(files) != 1 or files[0].suffix.lower() in JSONL_SUFFIXES):
        raise click.UsageError("--add --source records one article: give one text or HTML file")
    if record and not source and not all(corpus):
        raise click.UsageError(
            "--add needs --source ID_OR_URL: the source these claims are recorded under "
            "(JSON Lines records and HTML pages name their own)"
        )


def _record_batch(
    ledger: Ledger, reported: Iterable[tuple[Document, DocumentResult]], summary: dict[str, int], *, discover: bool
) -> list[Speaker]:
    """Record each document of a batch under the source it names (a document that names none is an error),
    many to an edit; the speakers registered on the way."""
    from ..extraction.ingest import add_documents

    registered: list[Speaker] = []
    extracted = ((document, result.extraction) for document, result in reported if result.extraction is not None)
    for _document, outcome in add_documents(ledger, extracted, discover=discover):
        if isinstance(outcome, ProvenanceError):
            summary["errors"] += 1
            echo(f"Error: {outcome}", err=True)
            continue
        summary["recorded"] += len(outcome.added)
        summary["sources"] += 1
        registered.extend(outcome.speakers_registered)
    return registered


def _record(
    ledger: Ledger,
    document: Document,
    result: DocumentResult,
    *,
    source: str,
    title: str | None,
    outlet: str | None,
    published: date | None,
    discover: bool,
) -> ExtractedAddResult:
    """Record one document's candidates under ``source`` (--add --source), and say how many were new."""
    assert result.extraction is not None
    added = ledger.add_extracted(
        result.extraction.claims,
        source=source,
        text=document.text,
        title=title,
        outlet=outlet,
        published=published,
        discover=discover,
    )
    echo(
        f"Recorded {plural(len(added.added), 'new claim')} with status 'extracted' "
        f"in source {added.source.id} ({added.already_recorded} already recorded)",
        err=True,
    )
    return added


def _report_registered(ledger: Ledger, registered: Sequence[Speaker]) -> None:
    """Name the speakers registered from the text, and how many earlier claims 'provenance resolve' would link."""
    echo(f"Registered {plural(len(registered), 'new speaker')} found in the text:", err=True)
    for speaker in registered:
        role = f", {speaker.description}" if speaker.description else ""
        echo(f"  {speaker.name} [{speaker.id}] ({speaker.kind.value}{role})", err=True)
    new = {s.id for s in registered}
    waiting = [r for r in ledger.resolve_claims(dry_run=True) if r.resolution.speaker.id in new]
    if waiting:
        echo(
            f"{plural(len(waiting), 'earlier claim')} printed these names without a link; "
            "'provenance resolve' links them",
            err=True,
        )


def _ledger_if_any(ctx: click.Context, *, required: bool) -> Ledger | None:
    """The ledger to resolve speakers against; without one, extraction still runs (and says so)."""
    try:
        return open_ledger(ctx)
    except LedgerError:
        if required:
            raise
        echo(f"Note: no ledger at {ledger_path(ctx)}; speakers are not resolved to a registry.", err=True)
        return None


def _with_progress(found: Iterable[T], files: Sequence[Path]) -> Iterator[T]:
    """A progress bar (documents, rate, and the number of files when it is known) for several files or a corpus."""
    corpus = any(f.suffix.lower() in JSONL_SUFFIXES for f in files)
    if len(files) < 2 and not corpus:
        yield from found
        return
    yield from progress(found, total=None if corpus else len(files), unit="doc", description="Extracting")


def _report(
    found: Iterable[tuple[Document | None, DocumentResult]], summary: dict[str, int], as_json: bool
) -> Iterator[tuple[Document, DocumentResult]]:
    """Print each document's result as it comes, count it, and pass on the ones that were read (nothing is kept)."""
    for document, result in found:
        if result.error is not None:
            summary["errors"] += 1
            echo(f"Error: {result.error}", err=True)
            if as_json:
                click.echo(result.json_record())
            continue
        assert result.extraction is not None
        assert document is not None
        summary["documents"] += 1
        summary["claims"] += len(result.extraction.claims)
        summary["resolved"] += sum(1 for s in result.extraction.speakers if s.speaker)
        summary["unresolved"] += sum(1 for s in result.extraction.speakers if not s.speaker)
        if as_json:
            click.echo(result.json_record())
        else:
            _print_extraction(result)
        yield document, result


def _print_json_lines(lines: Iterable[JsonLine], summary: dict[str, int]) -> None:
    """Print each document's JSON Lines record as it comes (--json without --add), and count it."""
    for line in lines:
        if line.error is not None:
            summary["errors"] += 1
            echo(f"Error: {line.error}", err=True)
        else:
            summary["documents"] += 1
            summary["claims"] += line.claims
            summary["resolved"] += line.resolved
            summary["unresolved"] += line.unresolved
        click.echo(line.record)


def _print_extraction(result: DocumentResult) -> None:
    extraction = result.extraction
    assert extraction is not None
    echo(f"{result.file}" + (f" [{result.id}]" if result.id != Path(result.file).stem else ""))
    for claim in extraction.claims:
        who = claim.speaker_name or claim.speaker_mention or "?"
        if claim.speaker:
            who += f" [{claim.speaker}]"
        if claim.speaker_mention and claim.speaker_mention != who.split(" [")[0]:
            who += f" (printed: {claim.speaker_mention})"
        cue = f" {claim.cue}" if claim.cue else ""
        venue = f" — {claim.venue.kind.value}: {claim.venue.phrase}" if claim.venue else ""
        mark = "\u201c" if claim.kind.value == "direct" else ""
        end = "\u201d" if mark else ""
        echo(
            f"  {claim.anchor.start:>6}-{claim.anchor.end:<6} {claim.kind.value:<8} {who}{cue}: "
            f"{mark}{short(claim.text, 80)}{end}{venue}  ({claim.confidence:.2f})"
        )
