"""``provenance venues``: list and register venues (an interview, a statement, a rally…)."""

from __future__ import annotations

from datetime import datetime

import click

from ..kinds import VenueKind
from .app import main, open_ledger
from .output import DATE, day, dump, echo


@main.group()
def venues() -> None:
    """List and register venues: where and how something was said.

    \b
    Examples:
      provenance venues list
      provenance venues add "Press conference in Vilnius" --kind press-conference --date 2020-09-14
    """


@venues.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of venues.")
@click.pass_context
def venues_list(ctx: click.Context, as_json: bool) -> None:
    """List registered venues with their kinds, dates and places.

    \b
    Example:
      provenance venues list --json
    """
    found = open_ledger(ctx).venues()
    if as_json:
        dump([v.model_dump(mode="json") for v in found])
        return
    for venue in found:
        when = str(venue.date) if venue.date else "\u2014"
        place = f"  ({venue.place})" if venue.place else ""
        echo(f"{venue.id:<36} {venue.kind.value:<17} {when:<10}  {venue.name}{place}")


@venues.command(name="add")
@click.argument("name")
@click.option(
    "--kind",
    type=click.Choice([k.value for k in VenueKind]),
    default="other",
    show_default=True,
    help="What sort of venue it is.",
)
@click.option("--place", help="Where it happened.")
@click.option("--date", "when", type=DATE, metavar="YYYY-MM-DD", help="When it happened.")
@click.option("--id", "venue_id", help="Id to use instead of the slug of NAME.")
@click.option("--json", "as_json", is_flag=True, help="Print the new venue as JSON.")
@click.pass_context
def venues_add(
    ctx: click.Context,
    name: str,
    kind: str,
    place: str | None,
    when: datetime | None,
    venue_id: str | None,
    as_json: bool,
) -> None:
    """Register a venue; 'add --venue NAME' then finds it by name (any letter case) or id.

    \b
    Example:
      provenance venues add "Press conference in Vilnius" --kind press-conference --place Vilnius --date 2020-09-14
    """
    venue = open_ledger(ctx).add_venue(name, kind=kind, place=place, date=day(when), venue_id=venue_id)
    if as_json:
        dump(venue.model_dump(mode="json"))
    else:
        echo(f"Registered venue {venue.name} [{venue.id}]")
