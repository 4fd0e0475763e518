"""What extraction returns: candidate claims with their speakers, per document; pure data."""

from __future__ import annotations

import json
from typing import Any

from pydantic import Field

from ..records import Anchor, ClaimKind, Record, VenueKind


class VenueHint(Record):
    """Where the text says something was said: 'over phone from exile in Poland', 'in a statement'."""

    kind: VenueKind = Field(description="The venue kind the phrase suggests.")
    phrase: str = Field(description="The phrase as printed.")
    place: str | None = Field(default=None, description="A place or outlet named in the phrase, if any.")


class ExtractedClaim(Record):
    """A candidate claim found in text: shaped like a Claim, plus where its attribution rests."""

    text: str = Field(description="The quoted or reported words, exactly as in the text.")
    kind: ClaimKind = Field(description="direct (in quotation marks) or indirect (reported speech).")
    speaker: str | None = Field(default=None, description="Registry id of the resolved speaker, or null.")
    speaker_mention: str | None = Field(default=None, description="The speaker as printed where the attribution rests.")
    speaker_anchor: Anchor | None = Field(default=None, description="Offsets of that mention (for 'he said', of 'he').")
    speaker_name: str | None = Field(
        default=None, description="The fullest form of the speaker's name found in the document (pronouns resolved)."
    )
    speaker_role: str | None = Field(
        default=None,
        description="What the text says the speaker is, as printed: the appositive in 'Mike Smith, a spokesman "
        "for X, said', or the title before the name ('opposition politician Velary Tsepalko').",
    )
    cue: str | None = Field(default=None, description="The attribution cue as printed: said, told, according to…")
    cue_anchor: Anchor | None = Field(default=None, description="Offsets of the cue.")
    anchor: Anchor = Field(description="Offsets of the claim's words in the document text.")
    venue: VenueHint | None = Field(default=None, description="Venue hint from the text, if any.")
    confidence: float = Field(ge=0.0, le=1.0, description="How sure the rules are (0–1).")
    fragments: tuple[Anchor, ...] = Field(
        default=(), description="Quotations inside a reported claim: its verbatim words, each anchored."
    )


class SpeakerCluster(Record):
    """One person or body as the document names it, with every variant spelling."""

    name: str = Field(description="The fullest mention, used for resolution.")
    mentions: tuple[str, ...] = Field(description="Every distinct spelling seen in the document.")
    speaker: str | None = Field(default=None, description="Registry id, or null when unresolved.")
    method: str | None = Field(default=None, description="How it was resolved (names.py method), if it was.")


class Extraction(Record):
    """Everything found in one document."""

    claims: tuple[ExtractedClaim, ...] = Field(description="Candidate claims in document order.")
    speakers: tuple[SpeakerCluster, ...] = Field(description="The speakers the claims rest on, clustered.")


class DocumentResult(Record):
    """One document of a batch: what was found, or why it could not be read."""

    file: str = Field(description="The input file.")
    id: str = Field(description="The document id: file stem, or the JSONL id field.")
    extraction: Extraction | None = Field(default=None, description="What was found; null on error.")
    text: str | None = Field(default=None, description="The text offsets point into (set for HTML input).")
    error: str | None = Field(default=None, description="Why the document was skipped, if it was.")

    def json_record(self) -> str:
        """This result as one line of ``provenance extract --json``: file and id, then what was found or the error."""
        if self.error is not None:
            return json.dumps({"file": self.file, "id": self.id, "error": self.error})
        record: dict[str, Any] = {"file": self.file, "id": self.id}
        if self.extraction is not None:
            record.update(self.extraction.model_dump(mode="json"))
        if self.text is not None:
            record["text"] = self.text
        return json.dumps(record, ensure_ascii=False)
