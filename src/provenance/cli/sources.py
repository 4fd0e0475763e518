"""``provenance sources``: list and register sources (articles, transcripts, posts)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import click

from ..ids import is_url, slugify
from ..kinds import DerivationKind
from .app import main, open_ledger
from .output import DATE, day, dump, echo, fitted


@main.group()
def sources() -> None:
    """List and register sources (articles, transcripts, posts).

    \b
    Examples:
      provenance sources list
      provenance sources add https://example.org/story --text story.txt --outlet "Example News"
    """


main.add_command(
    click.Group(
        name="source",
        commands=sources.commands,
        hidden=True,
        help="Same as 'provenance sources'.\n\n\b\nExample:\n  provenance source add saved-page.html",
    ),
)


def _derivation(value: str) -> tuple[str, str]:
    parent, _, relation = value.partition(":")
    relation = relation or "copy"
    if relation not in {k.value for k in DerivationKind}:
        raise click.BadParameter(f"relation {relation!r} must be one of copy, rewrite, translation, syndication")
    return parent, relation


@sources.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of sources.")
@click.pass_context
def sources_list(ctx: click.Context, as_json: bool) -> None:
    """List sources with their outlets, dates and titles.

    \b
    Example:
      provenance sources list --json
    """
    found = open_ledger(ctx).sources()
    if as_json:
        dump([s.model_dump(mode="json") for s in found])
        return
    for source in found:
        echo(fitted(f"{source.id:<52} {source.outlet or '—':<24} {source.published or '—':<10}  ", source.title or ""))


@sources.command(name="add")
@click.argument("url_or_file", required=False)
@click.option("--id", "source_id", help="Source id (default: derived from the URL or the file name).")
@click.option(
    "--text",
    "text_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The source's text: a UTF-8 text or HTML file (HTML: its article text), stored in texts/.",
)
@click.option("--title", help="Headline or title.")
@click.option("--outlet", help="Publication or site.")
@click.option("--author", help="Byline.")
@click.option("--published", type=DATE, metavar="YYYY-MM-DD", help="Publication date (YYYY-MM-DD).")
@click.option("--retrieved", type=DATE, metavar="YYYY-MM-DD", help="When the text snapshot was taken (YYYY-MM-DD).")
@click.option("--language", help="Language tag of the text, e.g. en.")
@click.option(
    "--derived-from",
    "derived_from",
    multiple=True,
    metavar="ID[:RELATION]",
    help="Earlier source this one copies; RELATION is copy, rewrite, translation or syndication.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the new source as JSON.")
@click.pass_context
def sources_add(
    ctx: click.Context,
    url_or_file: str | None,
    source_id: str | None,
    text_file: Path | None,
    title: str | None,
    outlet: str | None,
    author: str | None,
    published: datetime | None,
    retrieved: datetime | None,
    language: str | None,
    derived_from: Sequence[str],
    as_json: bool,
) -> None:
    """Register a source by URL, or from a saved article file, with its text snapshot.

    URL_OR_FILE is the article's URL (give its text with --text) or a file
    holding the article (plain text or HTML; HTML is reduced to its article
    text). The snapshot's sha256 is recorded, so 'provenance verify' can tell
    when it changes.

    \b
    Examples:
      provenance sources add https://example.org/a --id example-a --text a.txt \\
        --derived-from guardian-belarus-rally-2020-09-13:rewrite
      provenance sources add saved-page.html --outlet "Example News" --published 2020-09-14
    """
    from ..extraction.documents import document_text

    url = url_or_file
    if url_or_file and not is_url(url_or_file):
        if not Path(url_or_file).is_file():
            raise click.BadParameter(
                f"{url_or_file!r} is neither an http(s) URL nor an existing file", param_hint="URL_OR_FILE"
            )
        text_file, url = Path(url_or_file), None
        source_id = source_id or slugify(text_file.stem)
    if not url and not source_id:
        raise click.UsageError("give the source's URL, an article file, or --id")
    text = document_text(text_file) if text_file is not None else None
    source = open_ledger(ctx).add_source(
        url=url,
        source_id=source_id,
        title=title,
        outlet=outlet,
        author=author,
        published=day(published),
        retrieved=day(retrieved),
        language=language,
        text=text,
        derived_from=[_derivation(d) for d in derived_from],
    )
    if as_json:
        dump(source.model_dump(mode="json"))
    else:
        snapshot = f" with a {len(text or '')}-character text snapshot" if text is not None else ""
        echo(f"Registered source {source.id}{snapshot}")
