"""``provenance sources``: list and register sources (articles, transcripts, posts), download and refresh texts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..ids import is_url, slugify
from ..kinds import DerivationKind
from .app import main, open_ledger
from .completion import source_ids
from .output import DATE, day, dump, echo, fitted, plural

if TYPE_CHECKING:
    from ..records import Source


@main.group()
def sources() -> None:
    """List and register sources (articles, transcripts, posts), and attach their texts.

    \b
    Examples:
      provenance sources list
      provenance sources add https://example.org/story --outlet "Example News"
      provenance sources text example-story
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


def _fetch_options(command: Callable[..., None]) -> Callable[..., None]:
    """``--timeout`` and ``--allow-private``, shared by the commands that download a page."""
    command = click.option(
        "--allow-private",
        is_flag=True,
        help="Allow fetching from loopback and private network addresses (a server of your own); refused by default.",
    )(command)
    return click.option(
        "--timeout",
        type=click.FloatRange(min=0, min_open=True),
        default=30.0,
        show_default=True,
        metavar="SECONDS",
        help="Give up on the download after this long, redirects and all.",
    )(command)


def _article_file(value: str) -> Path:
    if not Path(value).is_file():
        raise click.BadParameter(f"{value!r} is neither an http(s) URL nor an existing file", param_hint="URL_OR_FILE")
    return Path(value)


def _what_to_register(
    url_or_file: str | None, text_file: Path | None, source_id: str | None
) -> tuple[str | None, Path | None, str | None]:
    """The URL, the text file and the id ``sources add`` registers: an article file in place of a URL is read
    as if given with --text and names the source after itself (unless --id does); with neither, --id is needed."""
    url = url_or_file
    if url_or_file and not is_url(url_or_file):
        text_file, url = _article_file(url_or_file), None
        source_id = source_id or slugify(text_file.stem)
    if not url and not source_id:
        raise click.UsageError("give the source's URL, an article file, or --id")
    return url, text_file, source_id


def _fetching(url: str) -> None:
    echo(f"Fetching {url} …", err=True)


@sources.command(name="add")
@click.argument("url_or_file", required=False)
@click.option("--id", "source_id", help="Source id (default: derived from the URL or the file name).")
@click.option(
    "--text",
    "text_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The source's text: a UTF-8 text or HTML file (HTML: its article text), stored in texts/. Nothing is fetched.",
)
@click.option("--offline", is_flag=True, help="Do not download the page: register the URL with no text.")
@_fetch_options
@click.option("--title", help="Headline or title (default, for a fetched page: the page's own).")
@click.option("--outlet", help="Publication or site (default, for a fetched page: the page's site name).")
@click.option("--author", help="Byline.")
@click.option("--published", type=DATE, metavar="YYYY-MM-DD", help="Publication date (YYYY-MM-DD).")
@click.option(
    "--retrieved",
    type=DATE,
    metavar="YYYY-MM-DD",
    help="When the text snapshot was taken (YYYY-MM-DD); a page fetched now is retrieved today.",
)
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
    offline: bool,
    allow_private: bool,
    timeout: float,
    title: str | None,
    outlet: str | None,
    author: str | None,
    published: datetime | None,
    retrieved: datetime | None,
    language: str | None,
    derived_from: Sequence[str],
    as_json: bool,
) -> None:
    """Register a source: download it from its URL, or read it from a saved file.

    URL_OR_FILE is the article's URL or a file holding the article (plain text
    or HTML; HTML is reduced to its article text). A URL is downloaded (one
    page, at most 10 MB, within --timeout), and its article text becomes the
    source's snapshot; the page's title, site name, date, author, language and
    canonical address fill what you do not give. --offline registers the URL
    without downloading it; --text takes the text from a file instead. The
    snapshot's sha256 is recorded, so 'provenance verify' can tell when it
    changes.

    \b
    Examples:
      provenance sources add https://news.example/politics/minister-defends-turnout --id minister-turnout
      provenance sources add https://example.org/a --offline --derived-from guardian-belarus-rally-2020-09-13:rewrite
      provenance sources add saved-page.html --outlet "Example News" --published 2020-09-14
    """
    from ..extraction.documents import document_text
    from ..extraction.fetching import FetchLimits

    url, text_file, source_id = _what_to_register(url_or_file, text_file, source_id)
    fetch = url is not None and text_file is None and not offline
    if fetch and retrieved is not None:
        raise click.UsageError("a page fetched now is retrieved today; give --retrieved with --offline or --text")
    ledger = open_ledger(ctx)
    fields = {"source_id": source_id, "title": title, "outlet": outlet, "author": author, "language": language}
    parents = [_derivation(d) for d in derived_from]
    if fetch and url is not None:
        limits = FetchLimits(timeout=timeout, allow_private=allow_private)
        source = ledger.fetch_source(
            url, **fields, published=day(published), derived_from=parents, limits=limits, on_download=_fetching
        )
    else:
        text = document_text(text_file) if text_file is not None else None
        source = ledger.add_source(
            url=url, **fields, published=day(published), retrieved=day(retrieved), text=text, derived_from=parents
        )
    if as_json:
        dump(source.model_dump(mode="json"))
    else:
        _registered(source, ledger.text(source.id), fetched=fetch)


def _registered(source: Source, text: str | None, *, fetched: bool) -> None:
    """What ``sources add`` recorded; for a fetched page, what the page said about itself too."""
    snapshot = f" with a {len(text)}-character text snapshot" if text is not None else ""
    echo(f"Registered source {source.id}{snapshot}")
    if fetched:
        for label, value in (("title", source.title), ("outlet", source.outlet), ("published", source.published)):
            echo(f"  {label:<10} {value or '—'}")
        if source.canonical_url:
            echo(f"  {'canonical':<10} {source.canonical_url}")


@sources.command(name="text")
@click.argument("source_id")
@click.argument("file_or_url", required=False)
@click.option(
    "--retrieved",
    type=DATE,
    metavar="YYYY-MM-DD",
    help="When a text from a file was taken (YYYY-MM-DD); a page fetched now is retrieved today.",
)
@_fetch_options
@click.option("--json", "as_json", is_flag=True, help="Print what changed as JSON.")
@click.pass_context
def sources_text(
    ctx: click.Context,
    source_id: str,
    file_or_url: str | None,
    retrieved: datetime | None,
    allow_private: bool,
    timeout: float,
    as_json: bool,
) -> None:
    """Attach or refresh a source's text: from a file, a URL, or its own URL fetched again.

    FILE_OR_URL is a text or HTML file, or a page to download; without it the
    source's own URL is fetched again. A downloaded page fills the title,
    outlet, date and author the source lacks. A text that differs from the one
    recorded replaces it, and the earlier text is kept as
    texts/ID@HASH.txt (HASH: the first 12 hex digits of its sha256) and
    listed under the source's snapshots. 'provenance verify' then checks every
    claim against the new text: those not at their anchor are reported as
    moved, fuzzy or orphan. The same text again writes nothing.

    \b
    Examples:
      provenance sources text minister-turnout
      provenance sources text minister-turnout saved-page.html --retrieved 2024-03-06
    """
    from ..extraction.fetching import FetchLimits

    limits = FetchLimits(timeout=timeout, allow_private=allow_private)
    done = open_ledger(ctx).refresh_text(
        source_id, file_or_url, retrieved=day(retrieved), limits=limits, on_download=_fetching
    )
    if as_json:
        dump(
            {
                "source": done.source.model_dump(mode="json"),
                "change": done.change.value,
                "kept": done.kept,
                "anchored": list(done.anchored),
            }
        )
        return
    sid = done.source.id
    if done.change.value == "unchanged":
        echo(f"The text of {sid} is unchanged; nothing was written.")
    elif done.change.value == "attached":
        echo(f"Attached a text to {sid}.")
    else:
        echo(f"Replaced the text of {sid}; the earlier text is kept as {done.kept}.")
        if done.anchored:
            echo(
                f"{plural(len(done.anchored), 'claim')} anchored in the earlier text: "
                "'provenance verify' shows those whose words moved, changed or are gone."
            )


@sources.command(name="remove")
@click.argument("source_id", shell_complete=source_ids)
@click.option("--reason", required=True, help="Why it is removed (registered twice, the wrong page…).")
@click.option("--json", "as_json", is_flag=True, help="Print what was removed as JSON.")
@click.pass_context
def sources_remove(ctx: click.Context, source_id: str, reason: str, as_json: bool) -> None:
    """Remove a source with every claim it reports, its text and its earlier texts.

    Links from other claims to its claims, and other sources' derivations
    from it, are dropped (and noted in their history). 'provenance undo'
    puts everything back.

    \b
    Example:
      provenance sources remove example-story --reason "registered twice; see example-story-2"
    """
    done = open_ledger(ctx).remove_source(source_id, reason)
    if as_json:
        dump(
            {
                "source": done.source.model_dump(mode="json") if done.source else None,
                "claims": [c.id for c in done.claims],
                "files": list(done.files),
                "unlinked": list(done.unlinked),
                "underived": list(done.underived),
            }
        )
        return
    echo(f"Removed source {source_id} with {plural(len(done.claims), 'claim')} ({', '.join(done.files)}).")
    if done.unlinked:
        echo(f"Dropped links to its claims from {', '.join(done.unlinked)}.")
    if done.underived:
        echo(f"Dropped the derivation from it of {', '.join(done.underived)}.")
    echo("'provenance undo' takes it back.")
