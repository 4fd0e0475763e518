"""The speaker registry of a corpus run: a ledger's speakers plus an alias table, shipped once to every worker.

The alias table is the Quootstrap-style TSV researchers already keep: one
speaker per line, ``id<TAB>canonical name<TAB>alias|alias|…``. Ids that are not
ledger slugs (Wikidata's ``Q42``) are kept in the speaker's ``identifiers`` and
the speaker gets the slug of its name. Each worker builds the lookup tables
once per registry (by fingerprint) and remembers every name it resolved, since
news repeats the same names across thousands of articles.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import InvalidInputError, SpeakerError
from ..ids import slugify
from ..names import SpeakerIndex
from ..records import Speaker

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_WIKIDATA = re.compile(r"^Q\d+$")


@dataclass(frozen=True)
class Registry:
    """The speakers names resolve to, and a fingerprint that changes when any of them does."""

    speakers: tuple[Speaker, ...] = ()
    fingerprint: str = field(default="", compare=False)

    @classmethod
    def of(cls, speakers: Iterable[Speaker]) -> Registry:
        ordered = tuple(sorted(speakers, key=lambda s: s.id))
        payload = json.dumps([s.model_dump(mode="json") for s in ordered], sort_keys=True, ensure_ascii=False)
        return cls(ordered, hashlib.sha256(payload.encode()).hexdigest()[:16])


def build_registry(ledger_speakers: Sequence[Speaker] = (), aliases: str | Path | None = None) -> Registry:
    """The ledger's speakers, with the alias table's speakers added (aliases merged when an id is shared)."""
    by_id = {s.id: s for s in ledger_speakers}
    for speaker in read_alias_table(aliases) if aliases is not None else []:
        known = by_id.get(speaker.id)
        if known is None:
            by_id[speaker.id] = speaker
            continue
        extra = [a for a in (speaker.name, *speaker.aliases) if a != known.name and a not in known.aliases]
        merged_ids = {**speaker.identifiers, **known.identifiers}
        by_id[known.id] = known.model_copy(update={"aliases": (*known.aliases, *extra), "identifiers": merged_ids})
    return Registry.of(by_id.values())


def read_alias_table(path: str | Path) -> list[Speaker]:
    """Speakers from a TSV of ``id``, ``canonical name``, ``|``-separated aliases (a header line is allowed)."""
    source = Path(path)
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInputError(f"{path}: cannot read the alias table ({exc})") from exc
    speakers: dict[str, Speaker] = {}
    for number, line in enumerate(lines, start=1):
        columns = line.rstrip("\r").split("\t")
        if not line.strip() or line.startswith("#") or (number == 1 and columns[0].strip().lower() == "id"):
            continue
        if len(columns) not in (2, 3) or not columns[0].strip() or not columns[1].strip():
            raise InvalidInputError(
                f"{path}:{number}: expected 'id<TAB>canonical name<TAB>alias|alias', got {len(columns)} column(s)"
            )
        speaker = _speaker(columns, speakers)
        speakers[speaker.id] = speaker
    return list(speakers.values())


def _speaker(columns: list[str], taken: dict[str, Speaker]) -> Speaker:
    given, name = columns[0].strip(), columns[1].strip()
    aliases = tuple(dict.fromkeys(a.strip() for a in (columns[2] if len(columns) == 3 else "").split("|")))
    identifiers: dict[str, str] = {}
    speaker_id = given
    if not _SLUG.fullmatch(given) or len(given) > 120:
        identifiers["wikidata" if _WIKIDATA.fullmatch(given) else "alias-table"] = given
        speaker_id = slugify(name)
        number = 2
        while speaker_id in taken:
            speaker_id, number = f"{slugify(name)}-{number}", number + 1
    return Speaker(
        id=speaker_id, name=name, aliases=tuple(a for a in aliases if a and a != name), identifiers=identifiers
    )


# ------------------------------------------------------------------ on the workers


@dataclass(frozen=True)
class Resolved:
    """A speaker cluster resolved: the registry id, how it matched, how sure (0–100)."""

    speaker: str
    method: str
    score: float


class Resolver:
    """Names to registered speakers, with every answer remembered (one per worker process and registry)."""

    def __init__(self, registry: Registry) -> None:
        self._index = SpeakerIndex(registry.speakers) if registry.speakers else None
        self.resolve_name = lru_cache(maxsize=200_000)(self._resolve_name)

    def resolve(self, names: Iterable[str]) -> Resolved | None:
        """The first of ``names`` (the fullest spelling first) that resolves, as the extractor would."""
        if self._index is None:
            return None
        for name in names:
            found = self.resolve_name(name)
            if found is not None:
                return found
        return None

    def _resolve_name(self, name: str) -> Resolved | None:
        assert self._index is not None
        try:
            found = self._index.resolve(name)
        except SpeakerError:
            return None
        return Resolved(found.speaker.id, found.method.value, found.score)


_RESOLVERS: dict[str, Resolver] = {}


def resolver_for(registry: Registry) -> Resolver:
    """This process's resolver for ``registry``: built on the first partition, reused by the next ones."""
    resolver = _RESOLVERS.get(registry.fingerprint)
    if resolver is None:
        _RESOLVERS.clear()  # one registry at a time per worker: a new run replaces the old tables
        resolver = _RESOLVERS[registry.fingerprint] = Resolver(registry)
    return resolver
