"""``provenance index``: see or rebuild the query index beside the YAML files (``claims/.index.sqlite``)."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import click

from .app import main, open_ledger
from .output import dump, echo, plural

if TYPE_CHECKING:
    from ..store.index import IndexStatus


@main.group(name="index")
def index_group() -> None:
    """See or rebuild the query index (claims/.index.sqlite).

    The index is a cache of the YAML files, kept beside them and ignored by
    git: every command that reads the ledger first re-reads the files that
    changed since (an edit, a git checkout or pull) and answers from the
    index. Nothing needs doing by hand; these commands show what it holds or
    build it again from scratch.

    \b
    Examples:
      provenance index status
      provenance index rebuild
    """


@index_group.command(name="status")
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
@click.pass_context
def index_status(ctx: click.Context, as_json: bool) -> None:
    """Say whether the index is up to date with the YAML files, and what it holds.

    Only looks: a stale index is reported, not refreshed (the next command
    that reads the ledger refreshes it).

    \b
    Example:
      provenance index status --json
    """
    found = open_ledger(ctx).index_status()
    if as_json:
        dump(found.as_dict())
    else:
        _describe(found)


@index_group.command(name="rebuild")
@click.option("--json", "as_json", is_flag=True, help="Print the status after the rebuild as JSON.")
@click.pass_context
def index_rebuild(ctx: click.Context, as_json: bool) -> None:
    """Throw the index away and build it again from every YAML file.

    Never needed for correct answers; useful to see what a first run after a
    clone costs, or to reclaim the space of a much-edited index. A file that
    does not load is reported as 'provenance check' reports it.

    \b
    Example:
      provenance index rebuild
    """
    ledger = open_ledger(ctx)
    start = time.perf_counter()
    found = ledger.rebuild_index()
    elapsed = time.perf_counter() - start
    if as_json:
        dump({**found.as_dict(), "seconds": round(elapsed, 3)})
        return
    echo(f"Rebuilt {found.path} in {elapsed:.1f} s from {plural(found.files, 'file')}.")
    _describe(found)


def _describe(found: IndexStatus) -> None:
    echo(f"{found.path}: {found.state} ({found.detail})")
    if found.state in ("fresh", "stale"):
        echo(
            f"  holds {plural(found.claims, 'claim')}, {plural(found.sources, 'source')}, "
            f"{plural(found.speakers, 'speaker')} and {plural(found.venues, 'venue')} "
            f"from {plural(found.files, 'YAML file')}"
        )
        search = "FTS5 trigrams" if found.text_search == "fts5-trigram" else "a scan (no FTS5 in this SQLite)"
        echo(f"  {found.size_bytes / 1e6:.1f} MB, schema {found.schema}, built by provenance {found.package}")
        echo(f"  text search (list --contains): {search}")
