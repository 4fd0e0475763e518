"""The ``provenance`` command: one thin command per library call.

Each command parses its options, makes one call into the library and prints
the result. This module is the one place where a ProvenanceError becomes
``Error: …`` on stderr with exit code 1 (see :class:`ProvenanceGroup`).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import click
from pydantic import ValidationError

from . import __version__
from .errors import LedgerError, LedgerLoadError, ProvenanceError
from .ledger import AddResult, Ledger, default_ledger_path, is_url
from .models import Claim, ClaimKind, ClaimStatus, DerivationKind, Speaker, SpeakerKind, VenueKind, slugify
from .render import FORMATS, LAYOUTS

F = TypeVar("F", bound=Callable[..., Any])

DATE = click.DateTime(formats=["%Y-%m-%d"])


class ProvenanceGroup(click.Group):
    """A click group whose commands turn library errors into ``Error: …`` and exit 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except LedgerLoadError as exc:
            click.echo(f"Error: {exc}", err=True)
            click.echo("Fix the files above, then run 'provenance check'.", err=True)
            ctx.exit(1)
        except ProvenanceError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(1)
        except ValidationError as exc:  # a value the records refuse, e.g. an id with capitals
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            click.echo(f"Error: invalid {where or 'value'}: {first['msg']}", err=True)
            ctx.exit(1)


def _day(value: datetime | None) -> date | None:
    return value.date() if value is not None else None


def _ledger(ctx: click.Context) -> Ledger:
    return Ledger.open(ctx.obj["ledger"])


def _dump(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _claim_json(claim: Claim) -> dict[str, Any]:
    return claim.model_dump(mode="json")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _short(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"


@click.group(cls=ProvenanceGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--ledger",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Ledger directory. Default: $PROVENANCE_LEDGER, else ./claims.",
)
@click.version_option(__version__, prog_name="provenance")
@click.pass_context
def main(ctx: click.Context, ledger: Path | None) -> None:
    """Track who said what, where, and who reported it.

    Claims live as YAML files in a ledger directory (./claims by default)
    that you can read, review and diff in git.

    \b
    Examples:
      provenance list --speaker "Tsepkalo"
      provenance add "We will not give up" --speaker "Velary Tsepalko" --source SOURCE_ID
      provenance graph -o who-said-what.svg
    """
    ctx.ensure_object(dict)
    ctx.obj["ledger"] = ledger if ledger is not None else default_ledger_path()


@main.command()
@click.pass_context
def init(ctx: click.Context) -> None:
    """Create an empty ledger.

    \b
    Example:
      provenance --ledger my-claims init
    """
    created = Ledger.init(ctx.obj["ledger"])
    click.echo(f"Created an empty ledger in {created.path}/")


@main.command()
@click.argument("text")
@click.option(
    "--speaker", "speaker", metavar="NAME", help="Who said it: name as printed, alias or id. Misspellings are resolved."
)
@click.option(
    "--source",
    "source",
    metavar="SOURCE",
    required=True,
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
    as_json: bool,
) -> None:
    """Record a claim: TEXT said by --speaker, reported by --source.

    The speaker name is resolved against the registry, misspellings and
    transliterations included; the name as given is kept as the mention.
    Adding the same claim twice changes nothing.

    \b
    Example:
      provenance add "The people of Belarus are in support of Putin in support of Lukashenko," \\
        --speaker "Velary Tsepalko" --source tech2-belarus-rally --cue said
    """
    if not speaker and not mention:
        raise click.UsageError("give --speaker NAME (or --mention TEXT for an unattributed claim)")
    result = _ledger(ctx).add(
        text,
        speaker=speaker,
        source=source,
        venue=venue,
        venue_kind=venue_kind,
        kind=kind,
        said_on=_day(said_on),
        mention=mention,
        cue=cue,
        new_speaker=new_speaker,
        speaker_kind=speaker_kind,
        title=title,
        outlet=outlet,
        published=_day(published),
    )
    _report_add(result, as_json)


def _report_add(result: AddResult, as_json: bool) -> None:
    for warning in result.warnings:
        click.echo(f"Warning: {warning}", err=True)
    if as_json:
        _dump({"created": result.created, **_claim_json(result.claim)})
        return
    claim = result.claim
    if result.resolution is not None and not result.resolution.exact:
        explanation = result.resolution.explain()
        click.echo(explanation[0].upper() + explanation[1:], err=True)
    if result.speaker_created:
        click.echo(f"Registered new speaker {claim.speaker}", err=True)
    if result.source_created:
        click.echo(f"Created source {claim.source}", err=True)
    if result.venue_created:
        click.echo(f"Created venue {claim.venue}", err=True)
    verb = "Recorded" if result.created else "Already recorded"
    who = (
        result.resolution.speaker.name
        if result.resolution
        else (claim.speaker_mention or claim.speaker or "unattributed")
    )
    anchored = f" at {claim.anchor.start}-{claim.anchor.end}" if claim.anchor else ""
    click.echo(f"{verb} {claim.id}: {who} \u2014 \u201c{_short(claim.text)}\u201d ({claim.source}{anchored})")


@main.command(name="list")
@click.option("--speaker", metavar="NAME", help="Only claims by this speaker (name, alias, misspelling or id).")
@click.option("--source", metavar="ID", help="Only claims reported by this source.")
@click.option("--venue", metavar="NAME", help="Only claims made at this venue (id or name).")
@click.option("--contains", metavar="TEXT", help="Only claims whose text or mention contains TEXT (case-insensitive).")
@click.option(
    "--kind", type=click.Choice([k.value for k in ClaimKind]), help="Only direct, indirect or assertion claims."
)
@click.option("--status", type=click.Choice([s.value for s in ClaimStatus]), help="Only claims with this status.")
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
    as_json: bool,
) -> None:
    """List claims, optionally filtered.

    \b
    Examples:
      provenance list --speaker "Gould-Davies"
      provenance list --contains sanctions --kind indirect --json
    """
    ledger = _ledger(ctx)
    found = ledger.claims(speaker=speaker, source=source, venue=venue, contains=contains, kind=kind, status=status)
    if as_json:
        _dump([_claim_json(c) for c in found])
        return
    names = {s.id: s.name for s in ledger.speakers()}
    for claim in found:
        who = names.get(claim.speaker or "", claim.speaker_mention or "\u2014")
        flag = "" if claim.status in ("recorded",) else f" [{claim.status.value}]"
        click.echo(f"{claim.id}  {who:<24}  {claim.kind.value:<9} {_short(claim.text, 60)}{flag}")
    click.echo(_plural(len(found), "claim"), err=True)


@main.command()
@click.argument("claim_id")
@click.option("--json", "as_json", is_flag=True, help="Print the claim as JSON.")
@click.pass_context
def show(ctx: click.Context, claim_id: str, as_json: bool) -> None:
    """Show one claim in full (an id prefix of 4+ characters will do).

    \b
    Example:
      provenance show c-3e9c
    """
    ledger = _ledger(ctx)
    claim = ledger.claim(claim_id)
    if as_json:
        _dump(_claim_json(claim))
        return
    speaker = ledger.speaker(claim.speaker).name if claim.speaker else "(unattributed)"
    source = ledger.source(claim.source)
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
        ("anchor", f"{claim.anchor.start}-{claim.anchor.end} in texts/{source.id}.txt" if claim.anchor else None),
        ("status", claim.status.value + (f" ({claim.status_reason})" if claim.status_reason else "")),
        (
            "history",
            "; ".join(
                f"{h.status.value} until {h.until}" + (f" ({h.reason})" if h.reason else "") for h in claim.history
            )
            or None,
        ),
        ("confidence", claim.confidence),
        ("links", ", ".join(f"{link.kind.value} {link.target}" for link in claim.links) or None),
    ]
    for label, value in rows:
        if value is not None:
            click.echo(f"{label:>11}: {value}")


@main.command()
@click.argument("claim_id")
@click.argument("status", type=click.Choice([s.value for s in ClaimStatus]))
@click.option("--reason", help="Why: the evidence, a correction notice, who disputes it.")
@click.option("--json", "as_json", is_flag=True, help="Print the updated claim as JSON.")
@click.pass_context
def status(ctx: click.Context, claim_id: str, status: str, reason: str | None, as_json: bool) -> None:
    """Set a claim's status: verified, disputed, misattributed, retracted…

    Nothing is deleted: the claim keeps its record, and its previous status
    moves to its history, so the correction is itself on the record.

    \b
    Example:
      provenance status c-3e9c misattributed --reason "The speaker was Viktar Babaryka, per the audio"
    """
    if status not in ("recorded", "extracted") and not reason:
        raise click.UsageError(f"give --reason: a {status} claim needs to say why")
    claim = _ledger(ctx).set_status(claim_id, status, reason)
    if as_json:
        _dump(_claim_json(claim))
        return
    click.echo(f"{claim.id} is now {claim.status.value}" + (f": {claim.status_reason}" if claim.status_reason else ""))


# ------------------------------------------------------------------ speakers


@main.group()
def speakers() -> None:
    """List, register and alias speakers.

    \b
    Examples:
      provenance speakers list
      provenance speakers add "Maria Kolesnikova" --alias "Maryia Kalesnikava"
      provenance speakers alias "Maria Kolesnikova" "Kolenikova"
    """


def _speaker_json(speaker: Speaker) -> dict[str, Any]:
    return speaker.model_dump(mode="json")


@speakers.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of speakers.")
@click.pass_context
def speakers_list(ctx: click.Context, as_json: bool) -> None:
    """List registered speakers with their kinds and aliases.

    \b
    Example:
      provenance speakers list --json
    """
    found = _ledger(ctx).speakers()
    if as_json:
        _dump([_speaker_json(s) for s in found])
        return
    for speaker in found:
        aliases = f"  aka {', '.join(speaker.aliases)}" if speaker.aliases else ""
        click.echo(f"{speaker.id:<28} {speaker.name:<26} {speaker.kind.value:<12}{aliases}")


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
    speaker = _ledger(ctx).add_speaker(
        name,
        kind=kind,
        aliases=aliases,
        description=description,
        speaker_id=speaker_id,
        identifiers={"wikidata": wikidata} if wikidata else None,
    )
    if as_json:
        _dump(_speaker_json(speaker))
    else:
        click.echo(f"Registered {speaker.name} [{speaker.id}]")


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
    updated = _ledger(ctx).add_alias(speaker, alias)
    if as_json:
        _dump(_speaker_json(updated))
    else:
        click.echo(f"{updated.name} [{updated.id}] is also printed as: {', '.join(updated.aliases)}")


# ------------------------------------------------------------------ sources


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
    """List sources with their outlets and dates.

    \b
    Example:
      provenance sources list --json
    """
    found = _ledger(ctx).sources()
    if as_json:
        _dump([s.model_dump(mode="json") for s in found])
        return
    for source in found:
        click.echo(f"{source.id:<52} {source.outlet or '':<24} {source.published or ''}")


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
    from .documents import document_text

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
    source = _ledger(ctx).add_source(
        url=url,
        source_id=source_id,
        title=title,
        outlet=outlet,
        author=author,
        published=_day(published),
        retrieved=_day(retrieved),
        language=language,
        text=text,
        derived_from=[_derivation(d) for d in derived_from],
    )
    if as_json:
        _dump(source.model_dump(mode="json"))
    else:
        snapshot = f" with a {len(text or '')}-character text snapshot" if text is not None else ""
        click.echo(f"Registered source {source.id}{snapshot}")


# ------------------------------------------------------------------ extract


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON Lines: one object per document.")
@click.option("--text-field", default="text", show_default=True, help="JSONL input: the field holding the text.")
@click.option("--id-field", default="id", show_default=True, help="JSONL input: the field holding the document id.")
@click.option("--add", "record", is_flag=True, help="Record the claims in the ledger (status 'extracted').")
@click.option("--source", metavar="ID_OR_URL", help="With --add: the source the document is (a new URL creates it).")
@click.option("--title", help="With --add and a new URL: the source's title.")
@click.option("--outlet", help="With --add and a new URL: the source's outlet.")
@click.option("--published", type=DATE, metavar="YYYY-MM-DD", help="With --add and a new URL: publication date.")
@click.pass_context
def extract(
    ctx: click.Context,
    files: Sequence[Path],
    as_json: bool,
    text_field: str,
    id_field: str,
    record: bool,
    source: str | None,
    title: str | None,
    outlet: str | None,
    published: datetime | None,
) -> None:
    """Find quotations and reported claims in articles, with their speakers.

    FILES are plain text, HTML (the article text is extracted first) or JSON
    Lines corpora (one document per line). Speakers are resolved against the
    ledger's registry when there is a ledger, misspellings included; "he said"
    is traced back to the person it stands for. Nothing is written unless you
    pass --add, which records the claims with status 'extracted' for review,
    together with the text their offsets point into.

    \b
    Examples:
      provenance extract article.txt
      provenance extract page.html --json
      provenance extract corpus.jsonl --text-field body --id-field url --json > claims.jsonl
      provenance extract article.txt --add --source https://example.org/story
    """
    from .extract import extract_documents

    if record and not source:
        raise click.UsageError("--add needs --source ID_OR_URL: the source these claims are recorded under")
    if record and (len(files) != 1 or files[0].suffix.lower() in (".jsonl", ".ndjson")):
        raise click.UsageError("--add --source records one article: give one text or HTML file")
    if source and not record:
        raise click.UsageError("--source is only used with --add")
    try:
        ledger: Ledger | None = _ledger(ctx)
    except LedgerError:
        if record:
            raise
        ledger = None
        click.echo(f"Note: no ledger at {ctx.obj['ledger']}; speakers are not resolved to a registry.", err=True)

    results = []
    summary = {"documents": 0, "claims": 0, "resolved": 0, "unresolved": 0, "errors": 0}
    found = extract_documents(files, ledger=ledger, text_field=text_field, id_field=id_field)
    corpus = any(f.suffix.lower() in (".jsonl", ".ndjson") for f in files)
    with click.progressbar(
        found,
        length=None if corpus else len(files),
        label="Extracting",
        file=sys.stderr,
        hidden=len(files) < 2 and not corpus,
    ) as items:
        for document, result in items:
            if result.error is not None:
                summary["errors"] += 1
                click.echo(f"Error: {result.error}", err=True)
                if as_json:
                    click.echo(json.dumps({"file": result.file, "id": result.id, "error": result.error}))
                continue
            assert result.extraction is not None
            summary["documents"] += 1
            summary["claims"] += len(result.extraction.claims)
            summary["resolved"] += sum(1 for s in result.extraction.speakers if s.speaker)
            summary["unresolved"] += sum(1 for s in result.extraction.speakers if not s.speaker)
            results.append((document, result))
            if as_json:
                line: dict[str, Any] = {"file": result.file, "id": result.id}
                line.update(result.extraction.model_dump(mode="json"))
                if result.text is not None:
                    line["text"] = result.text
                click.echo(json.dumps(line, ensure_ascii=False))
            else:
                _print_extraction(result)

    if record and results:
        document, result = results[0]
        assert ledger is not None  # --add refused a missing ledger above
        assert document is not None
        assert result.extraction is not None
        added = ledger.add_extracted(
            result.extraction.claims,
            source=source or "",
            text=document.text,
            title=title,
            outlet=outlet,
            published=_day(published),
        )
        click.echo(
            f"Recorded {_plural(len(added.added), 'new claim')} with status 'extracted' "
            f"in source {added.source.id} ({added.already_recorded} already recorded)",
            err=True,
        )
    click.echo(
        f"{_plural(summary['documents'], 'document')}, {_plural(summary['claims'], 'claim')}; speakers: "
        f"{summary['resolved']} resolved, {summary['unresolved']} unresolved; {_plural(summary['errors'], 'error')}",
        err=True,
    )
    if summary["errors"]:
        ctx.exit(1)


def _print_extraction(result: Any) -> None:
    extraction = result.extraction
    click.echo(f"{result.file}" + (f" [{result.id}]" if result.id != Path(result.file).stem else ""))
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
        click.echo(
            f"  {claim.anchor.start:>6}-{claim.anchor.end:<6} {claim.kind.value:<8} {who}{cue}: "
            f"{mark}{_short(claim.text, 80)}{end}{venue}  ({claim.confidence:.2f})"
        )


# ------------------------------------------------------------------ provenance: verify, variants, trace


def _diff_text(diff: Sequence[Any], colour: bool = True) -> str:
    """A word diff for the terminal: [-removed-] in red, {+added+} in green (the markers survive no-colour)."""
    parts = []
    for step in diff:
        if step.op == "equal":
            parts.append(step.old)
            continue
        if step.old:
            parts.append(click.style(f"[-{step.old}-]", fg="red") if colour else f"[-{step.old}-]")
        if step.new:
            parts.append(click.style(f"{{+{step.new}+}}", fg="green") if colour else f"{{+{step.new}+}}")
    return " ".join(parts)


@main.command()
@click.option(
    "--fix", is_flag=True, help="Move the anchors of claims found elsewhere in their source (outcome 'moved')."
)
@click.option("--json", "as_json", is_flag=True, help="Print every claim's outcome and a summary as JSON.")
@click.pass_context
def verify(ctx: click.Context, fix: bool, as_json: bool) -> None:
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
      provenance verify --json | jq '.claims[] | select(.outcome == "fuzzy")'
    """
    from .verify import FAILING, Outcome, summarise

    results = _ledger(ctx).verify(fix=fix)
    summary = summarise(results)
    failing = sum(summary[o.value] for o in FAILING)
    if as_json:
        _dump({"summary": summary, "claims": [r.model_dump(mode="json") for r in results]})
    else:
        for result in results:
            if result.outcome is Outcome.EXACT:
                continue
            where = f" now at {result.start}-{result.end}" if result.start is not None else ""
            score = f" (score {result.score:.0f})" if result.outcome is Outcome.FUZZY and result.score else ""
            click.echo(f"{result.outcome.value:<8} {result.claim}  {result.source}{where}{score}")
            if result.note:
                click.echo(f"         {result.note}")
            if result.diff:
                click.echo(f"         {_diff_text(result.diff)}")
        click.echo(f"{'outcome':<10}{'claims':>7}")
        for name, count in summary.items():
            click.echo(f"{name:<10}{count:>7}")
        if fix and summary.get("moved"):
            click.echo(f"Moved the anchors of {_plural(summary['moved'], 'claim')}.", err=True)
    if failing:
        ctx.exit(1)


@main.command()
@click.option("--write", is_flag=True, help="Record a variant_of link from each variant to its group's origin.")
@click.option("--json", "as_json", is_flag=True, help='Print {"groups": [{"origin": …, "members": […]}]}.')
@click.pass_context
def variants(ctx: click.Context, write: bool, as_json: bool) -> None:
    """Find the same utterance printed by several sources, and how its wording drifted.

    Claims in different sources are grouped when their speakers agree and
    their words match (or one quotes part of the other). The earliest source
    (by publication date, else by what derives from what) is the origin; each
    other member is classified against it: identical, cosmetic, truncated,
    extended, substituted, rewritten or translated, with a word diff.

    \b
    Examples:
      provenance variants
      provenance variants --write        # record variant_of links in the ledger
      provenance variants --json
    """
    ledger = _ledger(ctx)
    groups = ledger.variants(write=write)
    if as_json:
        _dump({"groups": [g.model_dump(mode="json") for g in groups]})
        return
    claims = {c.id: c for c in ledger.iter_claims()}
    sources = {s.id: s for s in ledger.sources()}
    for group in groups:
        origin = claims[group.origin]
        source = sources[origin.source]
        shown = f"\u201c{_short(origin.text, 80)}\u201d" if origin.kind == "direct" else _short(origin.text, 80)
        click.echo(f"{group.origin}  {_where(source)}  {shown}")
        for member in group.members[1:]:
            claim = claims[member.claim]
            click.echo(f"  {member.drift.value:<11} {member.claim}  {_where(sources[claim.source])}")
            click.echo(f"              {_diff_text(member.diff)}")
    click.echo(f"{_plural(len(groups), 'group')} of variants", err=True)
    if write:
        written = sum(len(g.members) - 1 for g in groups)
        click.echo(f"The ledger now holds {_plural(written, 'variant_of link')} from these groups.", err=True)


def _where(source: Any) -> str:
    details = [source.outlet or source.id]
    if source.published:
        details.append(str(source.published))
    return ", ".join(details)


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
    ledger = _ledger(ctx)
    chain = ledger.trace(claim_id)
    if output is not None:
        from .graph import trace_to_graph
        from .render import render

        render(trace_to_graph(ledger, chain), output, title=f"Trace of {chain.claim}")
    if as_json:
        _dump(chain.model_dump(mode="json"))
        return
    who = chain.speaker_name or chain.speaker or "(unattributed)"
    said = " ".join(
        x for x in (f"at {chain.venue}" if chain.venue else "", f"on {chain.said_on}" if chain.said_on else "") if x
    )
    click.echo(f"{who} said{(' ' + said) if said else ''}:")
    for n, appearance in enumerate(chain.appearances):
        where = ", ".join(str(x) for x in (appearance.outlet or appearance.source, appearance.published) if x)
        label = "first appeared in" if n == 0 else "then in"
        marker = "  \u2190 this claim" if appearance.claim == chain.claim else ""
        click.echo(f"  {label} {where} [{appearance.claim}]{marker}")
        if n == 0:
            click.echo(f"    {appearance.text}")
        else:
            click.echo(f"    {appearance.drift.value}: {_diff_text(appearance.diff)}")
    for hop in chain.hops:
        drift = f": {hop.drift.value}" if hop.drift else " (the utterance is not recorded in the earlier source)"
        click.echo(f"  {hop.to_source} is a {hop.relation} of {hop.from_source}{drift}")
    if output is not None:
        click.echo(f"Wrote {output}", err=True)


# ------------------------------------------------------------------ graph, check


@main.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("who-said-what.svg"),
    show_default=True,
    help="File to write.",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Output format (default: from the file suffix).")
@click.option("--speaker", "speakers_", multiple=True, metavar="NAME", help="Only this speaker's claims (repeatable).")
@click.option(
    "--source", "sources_", multiple=True, metavar="ID", help="Only claims reported by this source (repeatable)."
)
@click.option("--layout", type=click.Choice(LAYOUTS), default="dot", show_default=True, help="Graphviz layout engine.")
@click.option("--title", help="Title drawn above the picture.")
@click.pass_context
def graph(
    ctx: click.Context,
    output: Path,
    fmt: str | None,
    speakers_: Sequence[str],
    sources_: Sequence[str],
    layout: str,
    title: str | None,
) -> None:
    """Draw the who-said-what network (SVG by default) with Graphviz.

    Speakers link to their claims, claims to the venue where they were said
    and to the sources that report them; sources link to what they were
    copied from. Hover a node in the SVG for the full text and dates.

    \b
    Examples:
      provenance graph
      provenance graph --speaker "Stephen Biegun" -o biegun.png
      provenance graph --format dot -o graph.dot
    """
    from .render import render

    ledger = _ledger(ctx)
    built = ledger.graph(speakers=list(speakers_) or None, sources=list(sources_) or None)
    claims = sum(1 for _, attrs in built.nodes(data=True) if attrs.get("type") == "claim")
    if title is None:
        title = f"Who said what \u2014 {claims} claims"
    written = render(built, output, format=fmt, layout=layout, title=title)
    click.echo(f"Wrote {written} ({claims} claims, {built.number_of_nodes()} nodes)")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print counts as JSON.")
@click.pass_context
def check(ctx: click.Context, as_json: bool) -> None:
    """Validate every file of the ledger and report every problem with its file and line.

    \b
    Example:
      provenance check
    """
    ledger = _ledger(ctx)
    ledger.check()
    counts = {
        "speakers": len(ledger.speakers()),
        "venues": len(ledger.venues()),
        "sources": len(ledger.sources()),
        "claims": len(ledger.claims()),
    }
    if as_json:
        _dump({"ok": True, **counts})
    else:
        click.echo("Ledger OK: " + ", ".join(f"{n} {k}" for k, n in counts.items()))


def run() -> None:  # pragma: no cover - console-script entry point
    """Entry point for the console script."""
    main(prog_name="provenance")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
