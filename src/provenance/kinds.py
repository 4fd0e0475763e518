"""The records' controlled vocabularies: what kind of speaker, venue, claim, status, derivation and link.

Plain enums with no validation machinery, so the command line can offer them
as choices without loading the records; :mod:`provenance.records` uses and
re-exports them.
"""

from __future__ import annotations

from enum import StrEnum


class SpeakerKind(StrEnum):
    """What sort of speaker this is; the graph draws each differently."""

    PERSON = "person"
    ORGANISATION = "organisation"
    GOVERNMENT = "government"
    GROUP = "group"


class UnattributedKind(StrEnum):
    """Why a claim has no speaker although the source says who spoke: nobody in particular was named."""

    GROUP = "group"  # people in general: "Critics said", "protesters chanted", "lawmakers said"
    ANONYMOUS = "anonymous"  # a source the article keeps unnamed: "a source close to …", "sources said"


class VenueKind(StrEnum):
    """The setting in which something was said."""

    INTERVIEW = "interview"
    PHONE_CALL = "phone-call"
    STATEMENT = "statement"
    PRESS_CONFERENCE = "press-conference"
    SPEECH = "speech"
    POST = "post"
    RALLY = "rally"
    BROADCAST = "broadcast"
    DOCUMENT = "document"
    OTHER = "other"


class ClaimKind(StrEnum):
    """How the source renders the saying."""

    DIRECT = "direct"  # verbatim words inside quotation marks
    INDIRECT = "indirect"  # reported speech: "X said that ..."
    ASSERTION = "assertion"  # a claim attributed without a speech verb


class ClaimStatus(StrEnum):
    """Where the claim stands; nothing is deleted for being wrong."""

    EXTRACTED = "extracted"  # found by the extractor, not yet reviewed by a person
    RECORDED = "recorded"  # entered or accepted by a person
    VERIFIED = "verified"  # checked against the source and the speaker
    DISPUTED = "disputed"  # the speaker or another source contests it
    MISATTRIBUTED = "misattributed"  # the words are real but someone else said them
    RETRACTED = "retracted"  # the source withdrew it


class ChangeKind(StrEnum):
    """What a change recorded in a record's history did."""

    STATUS = "status"  # a claim's status changed
    EDIT = "edit"  # fields corrected by hand
    MERGE = "merge"  # two speakers made one: a claim re-pointed, or the speaker kept took the other's names
    UNLINK = "unlink"  # links to a removed claim, or derivations from a removed source, dropped


class DerivationKind(StrEnum):
    """How one source came from another."""

    COPY = "copy"
    REWRITE = "rewrite"
    TRANSLATION = "translation"
    SYNDICATION = "syndication"


class LinkKind(StrEnum):
    """Typed relations between two claims."""

    VARIANT_OF = "variant_of"
    CONTRADICTS = "contradicts"
    SUPPORTS = "supports"
    RESPONDS_TO = "responds_to"
