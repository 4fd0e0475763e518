"""Writing the registries: a speaker registered, given an alias, edited or merged into another; a venue registered.

The same person registered twice (``Valery Tsapkala`` and ``Valery
Tsepkalo``) splits their claims in two; merging re-points every claim of the
duplicate to the speaker kept and keeps the duplicate's names as aliases, so
the spellings still resolve. Claims keep their ids; each records the speaker
it had in its history, as does the speaker kept.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import LedgerError, SpeakerError
from ..ids import free_id, slugify
from ..names import MatchMethod, Resolution, SpeakerIndex
from ..records import (
    ChangeKind,
    Claim,
    ClaimStatus,
    Speaker,
    SpeakerKind,
    Venue,
    VenueKind,
    enum_value,
    several,
    validated,
)
from .changes import changed
from .recording import find_venue, look_up_speaker

if TYPE_CHECKING:
    from .ledger_store import LedgerStore


@dataclass(frozen=True, kw_only=True)
class Merge:
    """What ``merge_speakers`` did: the speaker kept (as it is now), the one merged into it, the claims moved."""

    speaker: Speaker
    merged: Speaker
    claims: tuple[str, ...]  # claims re-pointed (as speaker or as who really said a misattributed claim)
    warnings: tuple[str, ...] = ()  # claims that now say the same thing twice: remove one of each pair


def merge_speakers(store: LedgerStore, duplicate: str, into: str, reason: str | None = None) -> Merge:
    """Merge the speaker ``duplicate`` into ``into``: its claims move, its names become aliases, it is removed."""
    gone, kept = look_up_speaker(store.speakers(), duplicate), look_up_speaker(store.speakers(), into)
    if gone.id == kept.id:
        raise LedgerError(f"{duplicate!r} and {into!r} are the same speaker, {kept.name} [{kept.id}]")
    affected = store.select_claims(speakers=[gone.id]) + [
        c for c in store.claims(status=ClaimStatus.MISATTRIBUTED) if c.actual_speaker == gone.id
    ]
    why = f"merged {gone.name} [{gone.id}] into {kept.name} [{kept.id}]" + (f": {reason.strip()}" if reason else "")
    moved: list[str] = []
    warnings: list[str] = []
    with store.edit() as edit:
        speakers = edit.speakers()
        gone, kept = speakers[gone.id], speakers[kept.id]  # as on disk now
        for source_id in sorted({claim.source for claim in affected}):
            entry = edit.source(source_id)
            for i, claim in enumerate(entry.claims):
                update = {k: kept.id for k in ("speaker", "actual_speaker") if getattr(claim, k) == gone.id}
                if update:
                    _refuse_self_correction(claim, update, kept)
                    entry.claims[i] = changed(claim, update, kind=ChangeKind.MERGE, root=store.path, why=why)
                    moved.append(claim.id)
            warnings += _doubles(entry.claims, kept.id)
            edit.save_source(entry)
        merged = changed(kept, _absorbed(kept, gone), kind=ChangeKind.MERGE, root=store.path, why=why)
        moves = f"{len(moved)} claim{'' if len(moved) == 1 else 's'}"
        edit.describe("speakers merge", f"{gone.id} into {kept.id} ({moves})", reason)
        edit.save_speakers({sid: merged if sid == kept.id else s for sid, s in speakers.items() if sid != gone.id})
    return Merge(speaker=merged, merged=gone, claims=tuple(moved), warnings=tuple(warnings))


def _absorbed(kept: Speaker, gone: Speaker) -> dict[str, Any]:
    """The kept speaker's fields once the other's names, description and identifiers are added to them."""
    aliases = list(kept.aliases)
    for name in (gone.name, *gone.aliases):
        if name != kept.name and name not in aliases:
            aliases.append(name)
    return {
        "aliases": tuple(aliases),
        "description": kept.description or gone.description,
        "identifiers": {**gone.identifiers, **kept.identifiers},
    }


def _refuse_self_correction(claim: Claim, update: dict[str, str], kept: Speaker) -> None:
    """A misattribution between the two speakers merged would name one speaker as both: refused."""
    actual = update.get("actual_speaker", claim.actual_speaker)
    if actual is not None and update.get("speaker", claim.speaker) == actual:
        raise LedgerError(
            f"{claim.id} is recorded as said by one of these speakers and misattributed to the other; after the "
            f"merge it would name {kept.name} as both. Set its status first ('provenance status {claim.id} …')"
        )


def _doubles(claims: Sequence[Claim], speaker: str) -> list[str]:
    """Warnings for claims of one source that, after a merge, record the same words by the same speaker."""
    seen: dict[str, str] = {}
    found = []
    for claim in claims:
        if claim.speaker != speaker:
            continue
        if claim.text in seen:
            found.append(f"{claim.id} and {seen[claim.text]} now record the same words; remove one of them")
        seen.setdefault(claim.text, claim.id)
    return found


def edit_speaker(
    store: LedgerStore,
    speaker: str,
    *,
    name: str | None = None,
    kind: SpeakerKind | str | None = None,
    description: str | None = None,
    add_aliases: Sequence[str] = (),
    drop_aliases: Sequence[str] = (),
    identifiers: dict[str, str] | None = None,
    reason: str | None = None,
) -> Speaker:
    """Correct a speaker's record, keeping its id; a former name stays as an alias so earlier spellings resolve."""
    target = look_up_speaker(store.speakers(), speaker)
    with store.edit() as edit:
        speakers = edit.speakers()
        current = speakers[target.id]
        update = _speaker_update(current, name=name, kind=kind, description=description)
        aliases = [a for a in update.get("aliases", current.aliases) if a not in drop_aliases]
        aliases += [a.strip() for a in add_aliases if a.strip() and a.strip() not in aliases]
        missing = [a for a in drop_aliases if a not in current.aliases]
        if missing:
            raise LedgerError(f"{current.name} has no alias {missing[0]!r}; its aliases: {', '.join(current.aliases)}")
        update["aliases"] = tuple(a for a in aliases if a != update.get("name", current.name))
        if identifiers:
            update["identifiers"] = {**current.identifiers, **identifiers}
        _refuse_names_of_others(speakers.values(), current, update)
        if all(getattr(current, field) == value for field, value in update.items()):
            return current
        edited = changed(current, update, kind=ChangeKind.EDIT, root=store.path, why=reason)
        fields = ", ".join(edited.history[-1].former)
        edit.describe("speakers edit", f"{current.id}: {fields}", reason)
        edit.save_speakers({**speakers, current.id: edited})
    return edited


def _speaker_update(
    current: Speaker, *, name: str | None, kind: SpeakerKind | str | None, description: str | None
) -> dict[str, Any]:
    update: dict[str, Any] = {}
    if name is not None and name.strip() and name.strip() != current.name:
        update["name"] = name.strip()
        update["aliases"] = (*current.aliases, current.name)  # the former name still resolves
    if kind is not None:
        update["kind"] = enum_value(SpeakerKind, kind, "speaker kind")
    if description is not None:
        update["description"] = description.strip() or None
    return update


def _refuse_names_of_others(speakers: Iterable[Speaker], current: Speaker, update: dict[str, Any]) -> None:
    """A name or alias may name one speaker only."""
    names = [update.get("name", current.name), *update.get("aliases", current.aliases)]
    for other in speakers:
        if other.id == current.id:
            continue
        for spelled in names:
            if spelled == other.name or spelled in other.aliases:
                raise LedgerError(f"{spelled!r} already names {other.name} [{other.id}]; merge the two instead")


def add_speaker(
    store: LedgerStore,
    name: str,
    *,
    kind: SpeakerKind | str = SpeakerKind.PERSON,
    aliases: Sequence[str] = (),
    description: str | None = None,
    speaker_id: str | None = None,
    identifiers: Mapping[str, str] | None = None,
) -> Speaker:
    """Register a speaker; refuses a name or id that is already registered."""
    if not name.strip():
        raise LedgerError("speaker name is empty")
    new_id = speaker_id or slugify(name)
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", new_id) or not any(ch.isalnum() for ch in name):
        raise LedgerError(f"cannot use {new_id!r} as a speaker id; pass an id of lowercase letters, digits and dashes")
    with store.edit() as edit:
        speakers = edit.speakers()
        if new_id in speakers:
            raise LedgerError(f"speaker id {new_id!r} is already registered ({speakers[new_id].name})")
        try:
            exact: Resolution | None = SpeakerIndex(speakers.values()).resolve(name)
        except SpeakerError:
            exact = None
        if exact is not None and exact.method in (MatchMethod.NAME, MatchMethod.ALIAS, MatchMethod.NORMALISED):
            raise LedgerError(f"{name!r} is already registered as {exact.speaker.name} [{exact.speaker.id}]")
        with validated():
            speaker = Speaker(
                id=new_id,
                name=name.strip(),
                kind=enum_value(SpeakerKind, kind, "speaker kind"),
                aliases=several(aliases, "aliases"),
                description=description,
                identifiers=dict(identifiers or {}),
            )
        edit.describe("speakers add", f"{speaker.name} [{speaker.id}]")
        edit.save_speakers({**speakers, speaker.id: speaker})
    return speaker


def add_alias(store: LedgerStore, speaker: str, alias: str) -> Speaker:
    """Add a spelling to a speaker's aliases (a no-op when it is already there)."""
    with store.edit() as edit:
        speakers = edit.speakers()
        target = SpeakerIndex(speakers.values()).resolve(speaker).speaker
        alias = alias.strip()
        if not alias:
            raise LedgerError("alias is empty")
        for other in speakers.values():
            if other.id != target.id and (alias == other.name or alias in other.aliases):
                raise LedgerError(f"{alias!r} already names {other.name} [{other.id}]")
        if alias != target.name and alias not in target.aliases:
            target = target.model_copy(update={"aliases": (*target.aliases, alias)})
            edit.describe("speakers alias", f"{target.name} [{target.id}] also printed as {alias!r}")
            edit.save_speakers({**speakers, target.id: target})
    return target


def add_venue(
    store: LedgerStore,
    name: str,
    *,
    kind: VenueKind | str = VenueKind.OTHER,
    place: str | None = None,
    date: dt.date | None = None,
    venue_id: str | None = None,
) -> Venue:
    """Register a venue; refuses a name (in any letter case) or an id already registered."""
    if not name.strip():
        raise LedgerError("venue name is empty")
    with store.edit() as edit:
        venues = edit.venues()
        known = find_venue(name, venues) or (venues.get(venue_id) if venue_id else None)
        if known is not None:
            raise LedgerError(f"{name!r} is already registered as the venue {known.name} [{known.id}]")
        with validated():
            venue = Venue(
                id=venue_id or free_id(slugify(name), venues),
                name=name.strip(),
                kind=enum_value(VenueKind, kind, "venue kind"),
                place=place,
                date=date,
            )
        edit.describe("venues add", f"{venue.name} [{venue.id}]")
        edit.save_venues({**venues, venue.id: venue})
    return venue
