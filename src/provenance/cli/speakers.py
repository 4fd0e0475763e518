"""``provenance speakers``: list, register and alias speakers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

from ..kinds import SpeakerKind
from .app import main, open_ledger
from .completion import speaker_names
from .output import dump, echo, plural

if TYPE_CHECKING:
    from ..ledger import Ledger
    from ..records import Speaker


@main.group()
def speakers() -> None:
    """List, register, alias, correct and merge speakers.

    \b
    Examples:
      provenance speakers list
      provenance speakers add "Maria Kolesnikova" --alias "Maryia Kalesnikava"
      provenance speakers alias "Maria Kolesnikova" "Kolenikova"
      provenance speakers merge "Valery Tsapkala" "Valery Tsepkalo" --reason "the same man, two spellings"
    """


def _speaker_json(speaker: Speaker) -> dict[str, Any]:
    return speaker.model_dump(mode="json")


@speakers.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of speakers.")
@click.pass_context
def speakers_list(ctx: click.Context, as_json: bool) -> None:
    """List registered speakers with their kinds, roles and aliases.

    \b
    Example:
      provenance speakers list --json
    """
    found = open_ledger(ctx).speakers()
    if as_json:
        dump([_speaker_json(s) for s in found])
        return
    for speaker in found:
        aliases = f"  aka {', '.join(speaker.aliases)}" if speaker.aliases else ""
        role = f"  ({speaker.description})" if speaker.description else ""
        echo(f"{speaker.id:<28} {speaker.name:<26} {speaker.kind.value:<12}{role}{aliases}")


@speakers.command(name="add")
@click.argument("name")
@click.option(
    "--kind",
    type=click.Choice([k.value for k in SpeakerKind]),
    default="person",
    show_default=True,
    help="What the speaker is; the graph draws each kind differently.",
)
@click.option("--alias", "aliases", multiple=True, metavar="NAME", help="Another spelling (repeatable).")
@click.option("--description", help="Role or title, e.g. 'former UK ambassador to Belarus'.")
@click.option("--id", "speaker_id", help="Id to use instead of the slug of NAME.")
@click.option("--wikidata", help="Wikidata item id, e.g. Q…")
@click.option("--json", "as_json", is_flag=True, help="Print the new speaker as JSON.")
@click.pass_context
def speakers_add(
    ctx: click.Context,
    name: str,
    kind: str,
    aliases: Sequence[str],
    description: str | None,
    speaker_id: str | None,
    wikidata: str | None,
    as_json: bool,
) -> None:
    """Register a speaker.

    \b
    Example:
      provenance speakers add "European Union" --kind organisation --alias EU
    """
    ledger = open_ledger(ctx)
    speaker = ledger.add_speaker(
        name,
        kind=kind,
        aliases=aliases,
        description=description,
        speaker_id=speaker_id,
        identifiers={"wikidata": wikidata} if wikidata else None,
    )
    if as_json:
        dump(_speaker_json(speaker))
    else:
        echo(f"Registered {speaker.name} [{speaker.id}]")
        _relink_hint(ledger, speaker.id)


@speakers.command(name="alias")
@click.argument("speaker")
@click.argument("alias")
@click.option("--json", "as_json", is_flag=True, help="Print the updated speaker as JSON.")
@click.pass_context
def speakers_alias(ctx: click.Context, speaker: str, alias: str, as_json: bool) -> None:
    """Add ALIAS as another spelling of SPEAKER.

    \b
    Example:
      provenance speakers alias valery-tsepkalo "Velary Tsepalko"
    """
    ledger = open_ledger(ctx)
    updated = ledger.add_alias(speaker, alias)
    if as_json:
        dump(_speaker_json(updated))
    else:
        echo(f"{updated.name} [{updated.id}] is also printed as: {', '.join(updated.aliases)}")
        _relink_hint(ledger, updated.id)


@speakers.command(name="merge")
@click.argument("duplicate", metavar="A", shell_complete=speaker_names)
@click.argument("into", metavar="B", shell_complete=speaker_names)
@click.option("--reason", help="Why they are one speaker: kept in the history of the speaker and of each claim.")
@click.option("--json", "as_json", is_flag=True, help="Print the merged speaker and the claims moved as JSON.")
@click.pass_context
def speakers_merge(ctx: click.Context, duplicate: str, into: str, reason: str | None, as_json: bool) -> None:
    """Merge speaker A into speaker B: A's claims become B's, and A's names B's aliases.

    For one speaker registered twice. Every claim of A (and every claim
    that names A as who really said it) is re-pointed to B and keeps its
    id; each records the speaker it had in its history. A's name and
    aliases become B's aliases, so those spellings still resolve to B; A
    leaves the registry. 'provenance undo' takes the merge back.

    \b
    Example:
      provenance speakers merge "Valery Tsapkala" "Valery Tsepkalo" --reason "the same man, two spellings"
    """
    done = open_ledger(ctx).merge_speakers(duplicate, into, reason)
    if as_json:
        dump({"speaker": _speaker_json(done.speaker), "merged": done.merged.id, "claims": list(done.claims)})
        return
    kept, gone = done.speaker, done.merged
    echo(f"Merged {gone.name} [{gone.id}] into {kept.name} [{kept.id}]: {plural(len(done.claims), 'claim')} moved")
    echo(f"{kept.name} is also printed as: {', '.join(kept.aliases)}")
    for warning in done.warnings:
        echo(f"Warning: {warning}", err=True)


@speakers.command(name="edit")
@click.argument("speaker", shell_complete=speaker_names)
@click.option("--name", help="The canonical name (the former one stays as an alias; the id stays).")
@click.option("--kind", type=click.Choice([k.value for k in SpeakerKind]), help="What the speaker is.")
@click.option("--description", help="Role or title ('' removes it).")
@click.option("--alias", "aliases", multiple=True, metavar="NAME", help="Add a spelling (repeatable).")
@click.option("--drop-alias", "dropped", multiple=True, metavar="NAME", help="Remove a spelling (repeatable).")
@click.option("--wikidata", help="Wikidata item id, e.g. Q…")
@click.option("--reason", help="Why the correction: kept in the speaker's history.")
@click.option("--json", "as_json", is_flag=True, help="Print the speaker as JSON.")
@click.pass_context
def speakers_edit(
    ctx: click.Context,
    speaker: str,
    name: str | None,
    kind: str | None,
    description: str | None,
    aliases: Sequence[str],
    dropped: Sequence[str],
    wikidata: str | None,
    reason: str | None,
    as_json: bool,
) -> None:
    """Correct a speaker's name, kind, description, aliases or Wikidata id.

    The id stays, so every claim still points at the speaker; a former name
    is kept as an alias. What changed is kept in the speaker's history.

    \b
    Example:
      provenance speakers edit "Gould-Davies" --description "former UK ambassador to Belarus (2007-2009)"
    """
    edited = open_ledger(ctx).edit_speaker(
        speaker,
        name=name,
        kind=kind,
        description=description,
        add_aliases=aliases,
        drop_aliases=dropped,
        identifiers={"wikidata": wikidata} if wikidata else None,
        reason=reason,
    )
    if as_json:
        dump(_speaker_json(edited))
        return
    last = edited.history[-1] if edited.history else None
    changed = ", ".join(last.former) if last is not None else ""
    echo(f"Edited {edited.name} [{edited.id}]" + (f": {changed}" if changed else ""))


def _relink_hint(ledger: Ledger, speaker_id: str) -> None:
    """Say how many recorded claims name this speaker but are not linked to it yet."""
    waiting = [r for r in ledger.resolve_claims(dry_run=True) if r.resolution.speaker.id == speaker_id]
    if waiting:
        echo(
            f"{plural(len(waiting), 'recorded claim')} printed this speaker's name without a link to it; "
            "'provenance resolve' links them",
            err=True,
        )


@main.command()
@click.option("--dry-run", is_flag=True, help="Show what would be linked; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the claims linked as JSON.")
@click.pass_context
def resolve(ctx: click.Context, dry_run: bool, as_json: bool) -> None:
    """Link claims recorded without a speaker to speakers registered since.

    Extraction records a claim whose speaker nobody had registered with no
    speaker and the name as printed. After 'speakers add' or 'speakers
    alias', this looks each such name up again (pronouns through the name
    they stood for in the article) and links the claims that now resolve to
    exactly one speaker. Ambiguous names are left for you.

    \b
    Examples:
      provenance speakers add "Ann Sorensen" --description "harbour board chair"
      provenance resolve --dry-run
      provenance resolve
    """
    relinked = open_ledger(ctx).resolve_claims(dry_run=dry_run)
    if as_json:
        dump(
            [
                {
                    "claim": r.claim,
                    "source": r.source,
                    "name": r.name,
                    "speaker": r.resolution.speaker.id,
                    "method": r.resolution.method.value,
                    "score": r.resolution.score,
                }
                for r in relinked
            ]
        )
        return
    for r in relinked:
        speaker = r.resolution.speaker
        echo(f"{r.claim}  {r.name!r} -> {speaker.name} [{speaker.id}] ({r.resolution.method.value})")
    verb = "Would link" if dry_run else "Linked"
    echo(f"{verb} {plural(len(relinked), 'claim')} to their speakers", err=True)
