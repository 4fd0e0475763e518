"""Commands that read claims against each other and their sources: ``verify``, ``variants``, ``trace``."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import click

from .app import main, open_ledger
from .output import dump, echo, echo_diff, plural, short, where
from .progress import Bar, progress


@main.command()
@click.option(
    "--fix", is_flag=True, help="Move the anchors of claims found elsewhere in their source (outcome 'moved')."
)
@click.option("--source", metavar="ID", help="Only the claims of this source.")
@click.option("--json", "as_json", is_flag=True, help="Print every claim's outcome and a summary as JSON.")
@click.pass_context
def verify(ctx: click.Context, fix: bool, source: str | None, as_json: bool) -> None:
    """Check every claim against its source's text snapshot.

    Each claim is re-anchored in its source's text and reported as exact
    (where recorded), moved (found elsewhere), fuzzy (only an approximate
    match, with its score and a word diff; short quotes are never fuzzy),
    orphan (not found), no-text (the source has no snapshot) or changed (the
    snapshot differs from the checksum recorded). Exit status 1 when any claim
    is orphan or changed.

    \b
    Examples:
      provenance verify
      provenance verify --fix          # move the anchors of moved claims
      provenance verify --source tech2-belarus-rally
      provenance verify --json | jq '.claims[] | select(.outcome == "fuzzy")'
    """
    from ..analysis.verify import FAILING, Outcome, summarise

    bar = Bar("Verifying", "source", hidden=as_json)
    try:
        results = open_ledger(ctx).verify(fix=fix, source=source, progress=bar)
    finally:
        bar.close()
    summary = summarise(results)
    failing = sum(summary[o.value] for o in FAILING)
    if as_json:
        dump({"summary": summary, "claims": [r.model_dump(mode="json") for r in results]})
    else:
        for result in results:
            if result.outcome is Outcome.EXACT:
                continue
            place = f" now at {result.start}-{result.end}" if result.start is not None else ""
            score = f" (score {result.score:.0f})" if result.outcome is Outcome.FUZZY and result.score else ""
            echo(f"{result.outcome.value:<8} {result.claim}  {result.source}{place}{score}")
            if result.note:
                echo(f"         {result.note}")
            if result.diff:
                echo_diff("         ", result.diff)
        echo(f"{'outcome':<10}{'claims':>7}")
        for name, count in summary.items():
            echo(f"{name:<10}{count:>7}")
        if fix and summary.get("moved"):
            echo(f"Moved the anchors of {plural(summary['moved'], 'claim')}.", err=True)
    if failing:
        ctx.exit(1)


@main.command()
@click.option("--write", is_flag=True, help="Record a variant_of link from each variant to its group's origin.")
@click.option(
    "--full", is_flag=True, help="Compare every claim again, not only those of sources changed since the last --write."
)
@click.option("--json", "as_json", is_flag=True, help='Print {"groups": [{"origin": …, "members": […]}]}.')
@click.pass_context
def variants(ctx: click.Context, write: bool, full: bool, as_json: bool) -> None:
    """Find the same utterance printed by several sources, and how its wording drifted.

    Claims in different sources are grouped when their speakers agree and
    their words match: typography, inflections and synonyms aside, or one
    quotes part of the other. In sources known to be related (derived from
    one another, copies of one original, or sharing several quotes) claims
    are also aligned in order, so a heavily spun quote is linked by its place
    and speaker. The earliest source (by publication date, else by what
    derives from what) is the origin; each other member is classified
    against it: identical, cosmetic, truncated, extended, shifted,
    substituted, rewritten, translated, meaning-changed (a negation, modal
    verb or number changed), changed-form (quote <-> reported speech) or
    attribution-changed, with a word diff.

    After --write, a later run compares only the claims of sources added or
    changed since (--full compares everything again).

    \b
    Examples:
      provenance variants
      provenance variants --write        # record variant_of links in the ledger
      provenance variants --json
    """
    ledger = open_ledger(ctx)

    def comparing(pairs: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
        return progress(pairs, total=len(pairs), unit="pair", description="Comparing")

    groups = ledger.variants(write=write, full=full, progress=comparing)
    if as_json:
        dump({"groups": [g.model_dump(mode="json") for g in groups]})
        return
    claims = {c.id: c for c in ledger.iter_claims()}
    sources = {s.id: s for s in ledger.sources()}
    for group in groups:
        origin = claims[group.origin]
        source = sources[origin.source]
        shown = f"\u201c{short(origin.text, 80)}\u201d" if origin.kind == "direct" else short(origin.text, 80)
        echo(f"{group.origin}  {where(source)}  {shown}")
        for member in group.members[1:]:
            claim = claims[member.claim]
            echo(f"  {member.drift.value:<11} {member.claim}  {where(sources[claim.source])}")
            echo_diff("              ", member.diff)
    echo(f"{plural(len(groups), 'group')} of variants", err=True)
    from ..analysis.synonyms import available

    if not available():
        echo("Synonyms were not compared: pip install 'provenance[synonyms]' adds the thesaurus.", err=True)
    if write:
        written = sum(len(g.members) - 1 for g in groups)
        echo(f"The ledger now holds {plural(written, 'variant_of link')} from these groups.", err=True)


@main.command()
@click.argument("claim_id")
@click.option("--json", "as_json", is_flag=True, help="Print the trace as JSON.")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Also draw the chain (svg, png, dot)."
)
@click.pass_context
def trace(ctx: click.Context, claim_id: str, as_json: bool, output: Path | None) -> None:
    """Trace one claim: who said it, where it first appeared, and how it travelled.

    Shows the speaker and venue, the first appearance (the earliest source
    carrying the utterance), every later appearance with outlet and date,
    the derived-from hops between sources, and the drift at each hop as a
    word diff.

    \b
    Examples:
      provenance trace c-3e9c
      provenance trace c-3e9c --json
      provenance trace c-3e9c -o chain.svg
    """
    ledger = open_ledger(ctx)
    chain = ledger.trace(claim_id)
    if output is not None:
        from ..views.graph import trace_to_graph
        from ..views.render import render

        render(trace_to_graph(ledger, chain), output, title=f"Trace of {chain.claim}")
    if as_json:
        dump(chain.model_dump(mode="json"))
        return
    who = chain.speaker_name or chain.speaker or "(unattributed)"
    said = " ".join(
        x for x in (f"at {chain.venue}" if chain.venue else "", f"on {chain.said_on}" if chain.said_on else "") if x
    )
    echo(f"{who} said{(' ' + said) if said else ''}:")
    for n, appearance in enumerate(chain.appearances):
        place = ", ".join(str(x) for x in (appearance.outlet or appearance.source, appearance.published) if x)
        label = "first appeared in" if n == 0 else "then in"
        marker = "  \u2190 this claim" if appearance.claim == chain.claim else ""
        echo(f"  {label} {place} [{appearance.claim}]{marker}")
        if n == 0:
            echo(f"    {appearance.text}")
        else:
            echo_diff(f"    {appearance.drift.value}: ", appearance.diff)
    for hop in chain.hops:
        drift = f": {hop.drift.value}" if hop.drift else " (the utterance is not recorded in the earlier source)"
        echo(f"  {hop.to_source} is a {hop.relation} of {hop.from_source}{drift}")
    if output is not None:
        echo(f"Wrote {output}", err=True)
