"""The records: pure data, no I/O.

Every record is a frozen pydantic model that refuses unknown fields, so a typo
in a hand-edited YAML file is an error rather than a silently dropped value,
and every field carries a description (the records reference in
``docs/records.md`` is generated from them).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from enum import StrEnum
from typing import Annotated, Any, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator

from .errors import InvalidInputError
from .ids import CONTROL_CHARACTERS, web_url
from .kinds import (
    ChangeKind,
    ClaimKind,
    ClaimStatus,
    DerivationKind,
    LinkKind,
    SpeakerKind,
    UnattributedKind,
    VenueKind,
)


class Record(BaseModel):
    """Common configuration: immutable, strict about unknown keys."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False, defer_build=True)


def plain_text(value: str) -> str:
    """``value`` if it holds no control character, lone surrogate or non-character (tab and newline are fine).

    Such characters cannot be written to an SVG or HTML page, can rewrite a
    terminal, and come from mangled input rather than from anything said.
    """
    found = CONTROL_CHARACTERS.search(value)
    if found is not None:
        char = found.group()
        kind = "a broken character (invalid UTF-8)" if "\ud800" <= char <= "\udfff" else "a control character"
        raise ValueError(f"contains {kind}, U+{ord(char):04X}, at position {found.start()}; remove it")
    return value


def filled(value: str) -> str:
    """``value`` if it is not blank."""
    if not value.strip():
        raise ValueError("is blank")
    return value


def named(value: str) -> str:
    """``value`` if it has a letter or digit: '!!!' names nobody."""
    if not any(char.isalnum() for char in value):
        raise ValueError(f"{value!r} has no letter or digit; give a name")
    return value


def _true_or_none(value: object) -> object:
    """A flag kept only when set: false (as a person may write it) reads as absent."""
    return None if value is False else value


def http_url(value: str) -> str:
    """``value`` if it is a complete http(s) URL (see :func:`provenance.ids.web_url`)."""
    return web_url(value)


#: Text a person reads: no control characters.
Text = Annotated[str, AfterValidator(plain_text)]
#: A non-blank label: an alias, a tag, a topic.
Label = Annotated[str, AfterValidator(plain_text), AfterValidator(filled)]
#: A URL a page may link to.
WebURL = Annotated[str, AfterValidator(http_url)]

Slug = Annotated[
    str,
    Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=120),
]


class Change(Record):
    """One change to a record, appended to its ``history``: what the record was before, and when, by whom and why.

    Nothing is overwritten: a corrected claim keeps its former text, speaker or
    status here. ``status`` and ``reason`` are a claim's status and its reason
    before a status change; ``former`` holds every other field the change
    replaced, as it was. The ledger's files can then be read in a pull request
    as the record of who corrected what.
    """

    change: ChangeKind | None = Field(
        default=None,
        description="What changed: status, edit, merge or unlink. Absent in entries written before edits were "
        "recorded, which are status changes.",
    )
    status: ClaimStatus | None = Field(default=None, description="The status the claim had before a status change.")
    reason: Text | None = Field(default=None, description="Why it had that status, if a reason was given.")
    former: dict[str, Any] = Field(
        default_factory=dict,
        description="Each other field the change replaced, with the value it had (null: it was empty), "
        "e.g. {text: 'the words before the correction'}.",
    )
    until: dt.date = Field(description="The day of the change: the record was as this entry says until then.")
    by: Text | None = Field(
        default=None, description="Who made the change: $PROVENANCE_USER, else git's user.name, else the login name."
    )
    why: Text | None = Field(
        default=None,
        description="The reason given for the change (a status change keeps its reason in the claim's status_reason).",
    )

    @property
    def kind(self) -> ChangeKind:
        """What the change did (an entry without ``change`` is a status change)."""
        return self.change or ChangeKind.STATUS


#: The name of a history entry before edits were recorded (every entry was a status change).
StatusChange = Change
#: A record's history: its changes, oldest first.
History = tuple[Change, ...]


class Speaker(Record):
    """A person, organisation, government or group that says things."""

    id: Slug = Field(description="Stable slug of the canonical name, e.g. 'valery-tsepkalo'.")
    name: Annotated[Text, AfterValidator(named)] = Field(
        min_length=1, description="Canonical name as the ledger displays it."
    )
    kind: SpeakerKind = Field(default=SpeakerKind.PERSON, description="person, organisation, government or group.")
    aliases: tuple[Label, ...] = Field(
        default=(),
        description="Other spellings seen in print: transliterations and known misspellings of the name.",
    )
    description: Text | None = Field(default=None, description="Role or title, e.g. 'former UK ambassador to Belarus'.")
    identifiers: dict[Label, Label] = Field(
        default_factory=dict, description="External identifiers, e.g. {'wikidata': 'Q…'}."
    )
    history: History = Field(default=(), description="Changes made to this speaker, oldest first (edits, merges).")


class Venue(Record):
    """Where and how something was said: an interview, a statement, a rally…"""

    id: Slug = Field(description="Stable slug, e.g. 'tsepkalo-phone-call-2020-09-13'.")
    name: Text = Field(min_length=1, description="Human description of the venue.")
    kind: VenueKind = Field(
        default=VenueKind.OTHER, description="The sort of venue (interview, phone-call, statement…)."
    )
    place: Text | None = Field(default=None, description="Where it happened, if known.")
    date: dt.date | None = Field(default=None, description="When it happened (ISO date), if known.")


class Derivation(Record):
    """A link from a source to the source it was made from."""

    source: Slug = Field(description="Id of the earlier source.")
    relation: DerivationKind = Field(
        default=DerivationKind.COPY, description="copy, rewrite, translation or syndication."
    )


class Snapshot(Record):
    """An earlier text of a source, replaced by a newer one and kept as ``texts/<id>@<sha256[:12]>.txt``."""

    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="sha256 of that text; its first 12 hex name the file.")
    retrieved: dt.date | None = Field(default=None, description="When that text was taken (ISO), if known.")
    page_sha256: str | None = Field(
        default=None, pattern=r"^[0-9a-f]{64}$", description="sha256 of the page it was fetched from, if it was."
    )
    replaced_on: dt.date = Field(description="The day a newer text replaced it.")


class Source(Record):
    """A document that reports claims: an article, a transcript, a post."""

    id: Slug = Field(description="Stable slug; also the name of the source's file in claims/sources/.")
    title: Text | None = Field(default=None, description="Headline or title as published.")
    outlet: Text | None = Field(default=None, description="Publication or site, e.g. 'The Guardian'.")
    url: WebURL | None = Field(default=None, description="Where the source can be read: an http(s) URL.")
    canonical_url: WebURL | None = Field(
        default=None,
        description="The address the fetched page gives for itself (its canonical link, else where redirects "
        "led), when it differs from url.",
    )
    author: Text | None = Field(default=None, description="Byline, if any.")
    published: dt.date | None = Field(default=None, description="Publication date (ISO).")
    retrieved: dt.date | None = Field(default=None, description="When the snapshot in texts/ was taken (ISO).")
    language: Label | None = Field(default=None, description="BCP 47 language tag of the text, e.g. 'en'.")
    text_sha256: str | None = Field(
        default=None,
        pattern=r"^[0-9a-f]{64}$",
        description="sha256 of texts/<id>.txt; 'provenance check' reports a snapshot that no longer matches.",
    )
    page_sha256: str | None = Field(
        default=None,
        pattern=r"^[0-9a-f]{64}$",
        description="sha256 of the page as downloaded (its HTML, before the text was extracted), when the text "
        "was fetched from the web.",
    )
    snapshots: tuple[Snapshot, ...] = Field(
        default=(), description="Earlier texts, oldest first, replaced by 'provenance sources text'; each is kept."
    )
    derived_from: tuple[Derivation, ...] = Field(
        default=(), description="Earlier sources this one copies, rewrites, translates or syndicates."
    )
    history: History = Field(
        default=(), description="Changes made to this source's record, oldest first (a derivation dropped…)."
    )


#: Characters of context kept on each side of an anchor (the W3C TextQuoteSelector's prefix and suffix).
CONTEXT_CHARS = 32


class Anchor(Record):
    """Where a claim's words sit in its source text.

    A W3C Web Annotation TextQuoteSelector (exact, prefix, suffix) combined
    with a TextPositionSelector (start, end): the position is fast, and the
    quote lets the claim be found again when the text shifts.
    """

    exact: str = Field(min_length=1, description="The exact characters of the claim in the source text.")
    prefix: str = Field(default="", description="Up to 32 characters just before the claim, for re-anchoring.")
    suffix: str = Field(default="", description="Up to 32 characters just after the claim, for re-anchoring.")
    start: int = Field(ge=0, description="Offset of the first character (Python str index into the snapshot).")
    end: int = Field(ge=0, description="Offset one past the last character.")

    @classmethod
    def around(cls, text: str, start: int, end: int) -> Anchor:
        """The anchor of ``text[start:end]``, with ``CONTEXT_CHARS`` of context on each side."""
        return cls(
            exact=text[start:end],
            prefix=text[max(0, start - CONTEXT_CHARS) : start],
            suffix=text[end : end + CONTEXT_CHARS],
            start=start,
            end=end,
        )

    @classmethod
    def find(cls, words: str, snapshot: str) -> Anchor | None:
        """Anchor ``words`` in ``snapshot``: the first exact occurrence, else a whitespace-tolerant one."""
        start = snapshot.find(words)
        end = start + len(words)
        if start < 0:
            pattern = r"\s+".join(re.escape(word) for word in words.split())
            match = re.search(pattern, snapshot) if pattern else None
            if match is None:
                return None
            start, end = match.span()
        return cls.around(snapshot, start, end)

    @model_validator(mode="after")
    def _ordered(self) -> Anchor:
        if self.end - self.start != len(self.exact):
            raise ValueError(f"end - start ({self.end - self.start}) must equal len(exact) ({len(self.exact)})")
        return self


class Link(Record):
    """A typed relation from one claim to another."""

    kind: LinkKind = Field(description="variant_of, contradicts, supports or responds_to.")
    target: str = Field(description="Id of the other claim.")
    note: Text | None = Field(default=None, description="Why the link holds, for the reviewer.")


class Claim(Record):
    """One appearance of a saying in one source, in that source's words."""

    id: str = Field(pattern=r"^c-[0-9a-f]{12}$", description="Content-derived id: a hash of source, text and speaker.")
    text: Text = Field(min_length=1, description="The words as printed in the source.")
    kind: ClaimKind = Field(default=ClaimKind.DIRECT, description="direct, indirect or assertion.")
    speaker: Slug | None = Field(
        default=None, description="Id of the speaker, or null when no single speaker is named."
    )
    speaker_mention: Text | None = Field(
        default=None, description="The speaker as printed, e.g. 'Velary Tsepalko' or 'he'."
    )
    speaker_name: Text | None = Field(
        default=None,
        description="The speaker's fullest name in the source, when the mention is a pronoun or a surname "
        "('he' in 'he said' stands for 'Ann Sorensen'); what 'provenance resolve' looks up.",
    )
    unattributed: UnattributedKind | None = Field(
        default=None,
        description="Why the claim has no speaker although the source says who spoke: 'group' (people in "
        "general: 'Critics said', 'protesters chanted') or 'anonymous' (a source the article does not name: "
        "'a source close to the mayor', 'sources said'). Such a claim is never linked to a registered speaker.",
    )
    unattributed_phrase: Text | None = Field(
        default=None,
        description="The words that show it, as printed: 'Critics', 'People familiar with the talks', "
        "'A senior official ... who asked not to be named'.",
    )
    cue: Text | None = Field(default=None, description="The attribution cue, e.g. 'said', 'told', 'according to'.")
    venue: Slug | None = Field(default=None, description="Id of the venue where it was said.")
    said_on: dt.date | None = Field(default=None, description="When it was said (ISO), if the source says.")
    source: Slug = Field(description="Id of the source that reports it.")
    anchor: Anchor | None = Field(default=None, description="Where the words sit in the source's text snapshot.")
    fragments: tuple[Anchor, ...] = Field(
        default=(),
        description="For a reported claim that quotes some words verbatim: where each quoted stretch sits "
        "in the snapshot ('police were \"very committed\" to…' keeps 'very committed').",
    )
    unanchored: Annotated[Literal[True] | None, BeforeValidator(_true_or_none)] = Field(
        default=None,
        description="true when recorded on purpose without an anchor although the source has a text: the words "
        "are not in it as printed ('provenance add --unanchored').",
    )
    speaker_anchor: Anchor | None = Field(
        default=None,
        description="Where the attribution rests: the speaker mention in the snapshot ('he' in 'he said').",
    )
    status: ClaimStatus = Field(
        default=ClaimStatus.RECORDED, description="Review status; wrong claims are marked, not deleted."
    )
    status_reason: Text | None = Field(default=None, description="Why the status was set, for non-default statuses.")
    actual_speaker: Slug | None = Field(
        default=None,
        description="Who really said it, for a misattributed claim whose correction names them; 'speaker' stays "
        "who the source named.",
    )
    history: History = Field(
        default=(), description="Changes made to the claim, oldest first: a correction keeps what it corrects."
    )
    about: tuple[Label, ...] = Field(default=(), description="Topics or entities the claim is about.")
    tags: tuple[Label, ...] = Field(default=(), description="Free-form labels.")
    confidence: float | None = Field(
        default=None, ge=0.0, le=1.0, description="Extractor confidence (0–1); null when entered by a person."
    )
    links: tuple[Link, ...] = Field(default=(), description="Typed links to other claims.")

    @model_validator(mode="after")
    def _correction_named(self) -> Claim:
        if self.actual_speaker is not None and self.status is not ClaimStatus.MISATTRIBUTED:
            raise ValueError("actual_speaker is only for a misattributed claim; remove it or set status: misattributed")
        return self

    @model_validator(mode="after")
    def _nobody_named(self) -> Claim:
        if self.unattributed is not None and self.speaker is not None:
            raise ValueError("unattributed is only for a claim with no speaker; remove it or remove the speaker")
        return self


# ------------------------------------------------------------------ refusals at the library boundary

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")


def enum_value(kind: type[E], value: E | str, field: str) -> E:
    """``value`` as a member of ``kind``; an unknown string is an InvalidInputError listing the choices."""
    try:
        return kind(value)
    except ValueError:
        choices = ", ".join(member.value for member in kind)
        raise InvalidInputError(f"{field} {value!r} is not one of: {choices}") from None


def describe(exc: ValidationError) -> str:
    """Pydantic's first complaint, as one line a person can act on."""
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    return f"invalid {where or 'value'}: {first['msg']}"


def checked_text(value: str | None, field: str) -> None:
    """Refuse ``value`` as InvalidInputError when a record could not hold it (see :func:`plain_text`)."""
    if value is not None:
        try:
            plain_text(value)
        except ValueError as exc:
            raise InvalidInputError(f"{field} {exc}") from None


def several(values: Iterable[T], field: str) -> tuple[T, ...]:
    """``values`` as a tuple; a lone string is refused rather than split into its letters."""
    if isinstance(values, str):
        raise InvalidInputError(f"{field} must be a list of values, not the single string {values!r}")
    return tuple(values)


@contextlib.contextmanager
def validated() -> Iterator[None]:
    """Turn pydantic's ValidationError into InvalidInputError for the code inside."""
    try:
        yield
    except ValidationError as exc:
        raise InvalidInputError(describe(exc)) from exc


__all__ = [
    "Anchor",
    "Change",
    "ChangeKind",
    "Claim",
    "ClaimKind",
    "ClaimStatus",
    "Derivation",
    "DerivationKind",
    "History",
    "Label",
    "Link",
    "LinkKind",
    "Record",
    "Slug",
    "Snapshot",
    "Source",
    "Speaker",
    "SpeakerKind",
    "StatusChange",
    "Text",
    "UnattributedKind",
    "Venue",
    "VenueKind",
    "WebURL",
    "checked_text",
    "describe",
    "enum_value",
    "filled",
    "named",
    "plain_text",
    "several",
    "validated",
]
