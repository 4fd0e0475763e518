"""Commands on claims: ``add``, ``list``, ``show``, ``status``."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

import click

from ..kinds import ClaimKind, ClaimStatus, SpeakerKind, VenueKind
from .app import main, open_ledger
from .completion import claim_ids, source_ids, speaker_names
from .output import DATE, change_line, day, dump, echo, echo_lines, fitted, plural, short, terminal_width

if TYPE_CHECKING:
    from ..records import Claim
    from ..store.recording import AddResult


def claim_json(claim: Claim) -> dict[str, Any]:
    return claim.model_dump(mode="json")


@main.command()
@click.argument("text")
@click.option(
    "--speaker",
    "speaker",
    metavar="NAME",
    shell_complete=speaker_names,
    help="Who said it: name as printed, alias or id. Misspellings are resolved.",
)
@click.option(
    "--source",
    "source",
    metavar="SOURCE",
    required=True,
    shell_complete=source_ids,
    help="Source id, or the article URL (a new URL creates the source).",
)
@click.option("--venue", metavar="NAME", help="Where it was said: a venue id or name (a new name creates the venue).")
@click.option(
    "--venue-kind",
    type=click.Choice([k.value for k in VenueKind]),
    default="other",
    show_default=True,
    help="Kind of a newly created venue.",
)
@click.option(
    "--kind",
    type=click.Choice([k.value for k in ClaimKind]),
    default="direct",
    show_default=True,
    help="Direct quote, indirect (reported) speech, or assertion.",
)
@click.option("--said-on", type=DATE, metavar="YYYY-MM-DD", help="Date it was said (YYYY-MM-DD).")
@click.option("--mention", metavar="TEXT", help="The speaker as printed, when it differs from --speaker (e.g. 'he').")
@click.option("--cue", metavar="WORD", help="Attribution cue: said, told, claimed, according to…")
@click.option("--new-speaker", is_flag=True, help="Register --speaker as a new speaker if it matches nobody.")
@click.option(
    "--speaker-kind",
    type=click.Choice([k.value for k in SpeakerKind]),
    default="person",
    show_default=True,
    help="Kind of a newly registered speaker.",
)
@click.option("--title", help="Title of a new source (with a URL --source).")
@click.option("--outlet", help="Outlet of a new source (with a URL --source).")
@click.option("--published", type=DATE, metavar="YYYY-MM-DD", help="Publication date of a new source (YYYY-MM-DD).")
@click.option(
    "--unanchored",
    is_flag=True,
    help="Record words the source's text does not hold (a paraphrase, words heard elsewhere), marked so.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the claim as JSON.")
@click.pass_context
def add(
    ctx: click.Context,
    text: str,
    speaker: str | None,
    source: str,
    venue: str | None,
    venue_kind: str,
    kind: str,
    said_on: datetime | None,
    mention: str | None,
    cue: str | None,
    new_speaker: bool,
    speaker_kind: str,
    title: str | None,
    outlet: str | None,
    published: datetime | None,
    unanchored: bool,
    as_json: bool,
) -> None:
    """Record a claim: TEXT said by --speaker, reported by --source.

    The speaker name is resolved against the registry, misspellings and
    transliterations included; the name as given is kept as the mention.
    When the source has a text, the words are anchored in it (spacing,
    curly or straight quotes and the source's quotation marks around a
    quoted part aside); words it does not hold are refused with the closest
    passage and its score, unless --unanchored records them on purpose.
    Adding the same claim twice changes nothing.

    \b
    Example:
      provenance add "The people of Belarus are in support of Putin in support of Lukashenko," \\
        --speaker "Velary Tsepalko" --source tech2-belarus-rally --cue said
    """
    if not speaker and not mention:
        raise click.UsageError("give --speaker NAME (or --mention TEXT for an unattributed claim)")
    result = open_ledger(ctx).add(
        text,
        speaker=speaker,
        source=source,
        venue=venue,
        venue_kind=venue_kind,
        kind=kind,
        said_on=day(said_on),
        mention=mention,
        cue=cue,
        new_speaker=new_speaker,
        speaker_kind=speaker_kind,
        title=title,
        outlet=outlet,
        published=day(published),
        unanchored=unanchored,
    )
    _report_add(result, as_json)


def _report_add(result: AddResult, as_json: bool) -> None:
    for warning in result.warnings:
        echo(f"Warning: {warning}", err=True)
    if as_json:
        dump({"created": result.created, **claim_json(result.claim)})
        return
    claim = result.claim
    if result.resolution is not None and not result.resolution.exact:
        explanation = result.resolution.explain()
        echo(explanation[0].upper() + explanation[1:], err=True)
    if result.speaker_created:
        echo(f"Registered new speaker {claim.speaker}", err=True)
    if result.source_created:
        echo(f"Created source {claim.source}", err=True)
    if result.venue_created:
        echo(f"Created venue {claim.venue}", err=True)
    verb = "Recorded" if result.created else "Already recorded"
    who = (
        result.resolution.speaker.name
        if result.resolution
        else (claim.speaker_mention or claim.speaker or "unattributed")
    )
    anchored = f" at {claim.anchor.start}-{claim.anchor.end}" if claim.anchor else ""
    anchored += ", unanchored on purpose" if claim.unanchored else ""
    echo(f"{verb} {claim.id}: {who} \u2014 \u201c{short(claim.text)}\u201d ({claim.source}{anchored})")


@main.command(name="list")
@click.option(
    "--speaker",
    metavar="NAME",
    shell_complete=speaker_names,
    help="Only claims by this speaker (name, alias, misspelling, given name or id).",
)
@click.option("--source", metavar="ID", shell_complete=source_ids, help="Only claims reported by this source.")
@click.option("--venue", metavar="NAME", help="Only claims made at this venue (id or name).")
@click.option("--contains", metavar="TEXT", help="Only claims whose text or mention contains TEXT (case-insensitive).")
@click.option(
    "--kind", type=click.Choice([k.value for k in ClaimKind]), help="Only direct, indirect or assertion claims."
)
@click.option("--status", type=click.Choice([s.value for s in ClaimStatus]), help="Only claims with this status.")
@click.option("--full", is_flag=True, help="Show each claim's whole text, wrapped to the terminal (default: one line).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of claims.")
@click.pass_context
def list_claims(
    ctx: click.Context,
    speaker: str | None,
    source: str | None,
    venue: str | None,
    contains: str | None,
    kind: str | None,
    status: str | None,
    full: bool,
    as_json: bool,
) -> None:
    """List claims, optionally filtered.

    On a terminal each claim takes one line, its text cut to fit (--full wraps
    the whole text); into a pipe or a file the text is never cut.

    \b
    Examples:
      provenance list --speaker "Gould-Davies"
      provenance list --contains sanctions --kind indirect --json
    """
    ledger = open_ledger(ctx)
    found = ledger.claims(speaker=speaker, source=source, venue=venue, contains=contains, kind=kind, status=status)
    if as_json:
        dump([claim_json(c) for c in found])
        return
    names = {s.id: s.name for s in ledger.speakers()}
    width = terminal_width()

    def line(claim: Claim) -> str:
        who = names.get(claim.speaker or "", claim.speaker_mention or "\u2014")
        flag = "" if claim.status is ClaimStatus.RECORDED else f" [{claim.status.value}]"
        flag += " [unanchored]" if claim.unanchored else ""
        return fitted(f"{claim.id}  {who:<24}  {claim.kind.value:<9} ", claim.text, flag, full=full, width=width)

    echo_lines(line(claim) for claim in found)
    echo(plural(len(found), "claim"), err=True)


@main.command()
@click.argument("claim_id", shell_complete=claim_ids)
@click.option("--json", "as_json", is_flag=True, help="Print the claim as JSON.")
@click.pass_context
def show(ctx: click.Context, claim_id: str, as_json: bool) -> None:
    """Show one claim in full (an id prefix of 4+ characters will do).

    \b
    Example:
      provenance show c-3e9c
    """
    ledger = open_ledger(ctx)
    claim = ledger.claim(claim_id)
    if as_json:
        dump(claim_json(claim))
        return
    speaker = ledger.speaker(claim.speaker).name if claim.speaker else "(unattributed)"
    if claim.unattributed is not None:
        speaker = f"(unattributed: {claim.unattributed.value}, {claim.unattributed_phrase or 'no phrase'})"
    source = ledger.source(claim.source)
    anchor = f"{claim.anchor.start}-{claim.anchor.end} in texts/{source.id}.txt" if claim.anchor else None
    if claim.unanchored:
        anchor = f"none, recorded on purpose: the words are not in texts/{source.id}.txt"
    actual = ledger.speaker(claim.actual_speaker) if claim.actual_speaker else None
    rows: list[tuple[str, Any]] = [
        ("id", claim.id),
        ("text", claim.text),
        ("kind", claim.kind.value),
        ("speaker", f"{speaker} [{claim.speaker}]" if claim.speaker else speaker),
        ("printed as", claim.speaker_mention),
        ("cue", claim.cue),
        ("venue", ledger.venue(claim.venue).name if claim.venue else None),
        ("said on", claim.said_on),
        ("source", f"{source.title or source.id} [{source.id}]"),
        ("outlet", source.outlet),
        ("url", source.url),
        ("anchor", anchor),
        ("status", claim.status.value + (f" ({claim.status_reason})" if claim.status_reason else "")),
        ("said by", f"{actual.name} [{actual.id}], not {speaker}" if actual else None),
        ("confidence", claim.confidence),
        ("links", ", ".join(f"{link.kind.value} {link.target}" for link in claim.links) or None),
        *(("history" if i == 0 else "", change_line(change)) for i, change in enumerate(claim.history)),
    ]
    for label, value in rows:
        if value is not None:
            echo(f"{label:>11}{':' if label else ' '} {value}")


@main.command()
@click.argument("claim_id", shell_complete=claim_ids)
@click.argument("status", type=click.Choice([s.value for s in ClaimStatus]))
@click.option("--reason", help="Why: the evidence, a correction notice, who disputes it.")
@click.option(
    "--to",
    "to",
    metavar="SPEAKER",
    shell_complete=speaker_names,
    help="With misattributed: who really said it (name, alias or id), recorded beside the speaker the source named.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the updated claim as JSON.")
@click.pass_context
def status(ctx: click.Context, claim_id: str, status: str, reason: str | None, to: str | None, as_json: bool) -> None:
    """Set a claim's status: verified, disputed, misattributed, retracted…

    Nothing is deleted: the claim keeps its record, and its previous status
    moves to its history (with who changed it and when), so the correction is
    itself on the record. A misattributed claim can name who really said it
    (--to): the claim keeps the speaker the source named, and the graph draws
    that attribution struck through and the right one solid.

    \b
    Examples:
      provenance status c-3e9c verified --reason "Matches the recording"
      provenance status c-3e9c misattributed --to "Viktar Babaryka" --reason "The speaker was Babaryka, per the audio"
    """
    if status not in ("recorded", "extracted") and not reason:
        raise click.UsageError(f"give --reason: a {status} claim needs to say why")
    if to is not None and status != "misattributed":
        raise click.UsageError("--to names who really said a misattributed claim; use it with 'misattributed'")
    ledger = open_ledger(ctx)
    claim = ledger.set_status(claim_id, status, reason, to=to)
    if as_json:
        dump(claim_json(claim))
        return
    echo(f"{claim.id} is now {claim.status.value}" + (f": {claim.status_reason}" if claim.status_reason else ""))
    if claim.actual_speaker:
        actual = ledger.speaker(claim.actual_speaker)
        echo(f"Said by {actual.name} [{actual.id}], not by {claim.speaker_mention or claim.speaker}")
