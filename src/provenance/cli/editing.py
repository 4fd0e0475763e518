"""Correcting the record: ``claims edit``, ``claims remove``, and ``log`` and ``undo`` for every change."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

import click

from ..kinds import ClaimKind
from .app import main, open_ledger
from .completion import claim_ids, speaker_names
from .output import DATE, day, dump, echo, plural, short

if TYPE_CHECKING:
    from ..store.journal import JournalEntry

UNDO_HINT = "'provenance undo' takes it back."


@main.group()
def claims() -> None:
    """Correct or remove recorded claims; each change is kept in the claim's history and can be undone.

    \b
    Examples:
      provenance claims edit c-3e9c --text "We will not give up" --reason "the comma is the article's"
      provenance claims remove c-3e9c --reason "recorded twice"
    """


@claims.command(name="edit")
@click.argument("claim_id", shell_complete=claim_ids)
@click.option("--text", metavar="TEXT", help="The words as the source prints them (anchored again in its text).")
@click.option("--speaker", metavar="NAME", shell_complete=speaker_names, help="Who said it: name, alias or id.")
@click.option("--venue", metavar="NAME", help="Where it was said: venue id or name (a new name registers it).")
@click.option("--kind", type=click.Choice([k.value for k in ClaimKind]), help="direct, indirect or assertion.")
@click.option("--said-on", type=DATE, metavar="YYYY-MM-DD", help="When it was said.")
@click.option("--mention", metavar="TEXT", help="The speaker as printed.")
@click.option("--cue", metavar="WORD", help="The attribution cue: said, told, according to…")
@click.option("--reason", help="Why the correction: kept in the claim's history.")
@click.option("--unanchored", is_flag=True, help="Accept new words the source's text does not hold, marked so.")
@click.option("--json", "as_json", is_flag=True, help="Print the claim as JSON.")
@click.pass_context
def claims_edit(
    ctx: click.Context,
    claim_id: str,
    text: str | None,
    speaker: str | None,
    venue: str | None,
    kind: str | None,
    said_on: datetime | None,
    mention: str | None,
    cue: str | None,
    reason: str | None,
    unanchored: bool,
    as_json: bool,
) -> None:
    """Correct a claim's words, speaker, venue, kind, date, printed name or cue.

    The claim keeps its id. Each value replaced is kept in the claim's
    history, with who made the change ($PROVENANCE_USER, else git's
    user.name), when and --reason. New words must be in the source's text,
    as for 'add' (--unanchored records them anyway).

    \b
    Example:
      provenance claims edit c-3e9c --text "We will not give up" --reason "the comma is the article's, not hers"
    """
    if all(v is None for v in (text, speaker, venue, kind, said_on, mention, cue)):
        raise click.UsageError("say what to change: --text, --speaker, --venue, --kind, --said-on, --mention or --cue")
    done = open_ledger(ctx).edit_claim(
        claim_id,
        text=text,
        speaker=speaker,
        venue=venue,
        kind=kind,
        said_on=day(said_on),
        mention=mention,
        cue=cue,
        reason=reason,
        unanchored=unanchored,
    )
    if as_json:
        dump({"changed": list(done.changed), **done.claim.model_dump(mode="json")})
        return
    if not done.changed:
        echo(f"{done.claim.id} already says that; nothing was written.")
        return
    echo(f"Edited {done.claim.id}: {', '.join(done.changed)}. The former values are in its history; {UNDO_HINT}")


@claims.command(name="remove")
@click.argument("claim_id", shell_complete=claim_ids)
@click.option("--reason", required=True, help="Why it is removed (a duplicate, recorded by mistake…).")
@click.option("--json", "as_json", is_flag=True, help="Print what was removed as JSON.")
@click.pass_context
def claims_remove(ctx: click.Context, claim_id: str, reason: str, as_json: bool) -> None:
    """Remove a claim recorded by mistake; links to it from other claims are dropped.

    A claim that is wrong but was published stays on the record: mark it
    instead ('provenance status ID retracted' or 'misattributed'). Removal is
    for a duplicate or a slip, and can be undone ('provenance undo').

    \b
    Example:
      provenance claims remove c-3e9c --reason "recorded twice"
    """
    done = open_ledger(ctx).remove_claim(claim_id, reason)
    [claim] = done.claims
    if as_json:
        dump({"removed": claim.model_dump(mode="json"), "unlinked": list(done.unlinked)})
        return
    echo(f"Removed {claim.id} from {claim.source}: \u201c{short(claim.text, 70)}\u201d. {UNDO_HINT}")
    if done.unlinked:
        echo(f"Dropped its links from {', '.join(done.unlinked)} (noted in their history).")


def entry_json(entry: JournalEntry) -> dict[str, Any]:
    return entry.as_dict()


@main.command(name="log")
@click.option("--limit", "-n", type=click.IntRange(min=1), default=20, show_default=True, help="How many changes.")
@click.option("--json", "as_json", is_flag=True, help="Print the changes as JSON, with the files each touched.")
@click.pass_context
def log(ctx: click.Context, limit: int, as_json: bool) -> None:
    """List the latest changes to the ledger, newest first: what, who, when, why.

    Every write (add, status, edits, merges, removals, imports…) is one
    change, numbered; 'provenance undo' takes back the last, or --to a
    number. The list is this working copy's (claims/.journal, ignored by
    git); the lasting record of corrections is each record's history.

    \b
    Examples:
      provenance log
      provenance log -n 5 --json
    """
    found = open_ledger(ctx).log(limit)
    if as_json:
        dump([entry_json(e) for e in found])
        return
    for entry in found:
        when = entry.at.astimezone().strftime("%Y-%m-%d %H:%M")
        why = f" \u2014 {entry.reason}" if entry.reason else ""
        echo(f"{entry.number:>4}  {when}  {short(entry.by, 18):<18}  {entry.action:<16} {entry.summary}{why}")
    if not found:
        echo("No changes yet: the journal is empty.", err=True)


@main.command()
@click.option("--to", "to", type=int, metavar="NUMBER", help="Undo change NUMBER and every change after it.")
@click.option("--json", "as_json", is_flag=True, help="Print the changes undone as JSON.")
@click.pass_context
def undo(ctx: click.Context, to: int | None, as_json: bool) -> None:
    """Undo the last change to the ledger (or, with --to, back to and including a change).

    Every file the change touched is put back exactly as it was, byte for
    byte, so 'git diff' shows nothing of a change and its undo; the index
    follows. A file changed since (by hand, by git, by a change no longer in
    the journal) is refused, and nothing is written. 'provenance log' lists
    the changes and their numbers.

    \b
    Examples:
      provenance undo
      provenance undo --to 12
    """
    done = open_ledger(ctx).undo(to=to)
    if as_json:
        dump([entry_json(e) for e in done])
        return
    for entry in done:
        files = ", ".join(change.path for change in entry.files)
        echo(f"Undid change {entry.number}: {entry.action} {entry.summary} ({files})")
    echo(f"{plural(len(done), 'change')} undone", err=True)
