"""``provenance sources copies``: find the sources that copy another, and record them."""

from __future__ import annotations

import click

from .app import open_ledger
from .output import dump, echo, plural
from .progress import Bar
from .sources import sources


@sources.command(name="copies")
@click.option("--write", is_flag=True, help="Record each new copy as derived_from its original.")
@click.option("--json", "as_json", is_flag=True, help="Print the proposals and their evidence as JSON.")
@click.pass_context
def sources_copies(ctx: click.Context, write: bool, as_json: bool) -> None:
    """Find sources that copy an earlier one, by the sentences their texts share.

    Compares the text snapshots sentence by sentence: a source that shares
    several near-identical sentences with an earlier one, in long runs or for
    most of its text, is proposed as derived from the earlier source it shares
    most with (a wire story carried by ten outlets is one original with ten
    copies). Each line gives the evidence: sentences shared, the longest run
    of consecutive ones, how many were identical. Copies the ledger already
    records are marked as such.

    \b
    Examples:
      provenance sources copies
      provenance sources copies --write    # record derived_from links
      provenance sources copies --json
    """
    ledger = open_ledger(ctx)
    bar = Bar("Reading texts", "source", hidden=as_json)
    try:
        proposals = ledger.copies(write=write, progress=bar)
    finally:
        bar.close()
    if as_json:
        dump({"copies": [p.model_dump(mode="json") for p in proposals]})
        return
    for p in proposals:
        state = "recorded" if p.recorded else ("written" if write else "new")
        echo(
            f"{p.source} is a {p.relation.value} of {p.original} ({state}): {plural(p.shared, 'sentence')} shared, "
            f"longest run {p.longest_run}, {p.identical} identical, {p.share:.0%} of its text"
        )
    new = sum(not p.recorded for p in proposals)
    found = "1 copy" if len(proposals) == 1 else f"{len(proposals)} copies"
    echo(f"{found} found, {new} not recorded before", err=True)
