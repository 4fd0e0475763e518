"""The Python API: opening, adding, anchoring, finding, and what lands on disk."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from provenance import (
    ClaimStatus,
    Ledger,
    LedgerError,
    NotFoundError,
    QuoteNotFoundError,
    UnknownSpeakerError,
    claim_id,
)
from provenance.errors import WriteError
from provenance.store import atomic as provenance_atomic

SOURCE_ID = "minsk-march"  # the fresh ledger's source (conftest.py)
TSEPKALO_QUOTE = "We will not give up,"
BIEGUN_QUOTE = "The United States stands with the people of Belarus."


def snapshot(root: Path) -> dict[str, tuple[int, bytes]]:
    """Every file of a ledger (but the lock and the journal of undoable changes, which are not part of the
    record) with its inode and bytes: a rewrite changes the inode."""
    return {
        str(p.relative_to(root)): (p.stat().st_ino, p.read_bytes())
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".lock" and ".journal" not in p.relative_to(root).parts
    }


def write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


# ------------------------------------------------------------------ opening


def test_open_a_missing_directory_says_how_to_create_a_ledger(tmp_path):
    with pytest.raises(LedgerError, match=r"no ledger at .*provenance --ledger .* init"):
        Ledger.open(tmp_path / "nowhere")


def test_open_a_directory_that_is_not_a_ledger_says_how_to_make_it_one(tmp_path):
    (tmp_path / "notes").mkdir()

    with pytest.raises(LedgerError, match=r"is not a ledger .*no speakers\.yaml.*init"):
        Ledger.open(tmp_path / "notes")


def test_open_defaults_to_the_environment_variable(ledger_path, monkeypatch):
    monkeypatch.setenv("PROVENANCE_LEDGER", str(ledger_path))

    assert [s.id for s in Ledger.open().speakers()] == ["valery-tsepkalo", "nigel-gould-davies", "stephen-biegun"]


def test_init_refuses_an_existing_ledger(ledger_path):
    with pytest.raises(LedgerError, match="already a ledger"):
        Ledger.init(ledger_path)


# ------------------------------------------------------------------ anchoring


def test_add_anchors_the_claim_in_the_text_snapshot(ledger, article):
    claim = ledger.add(TSEPKALO_QUOTE, speaker="Velary Tsepalko", source=SOURCE_ID).claim

    anchor = claim.anchor
    assert anchor is not None
    assert article[anchor.start : anchor.end] == anchor.exact == TSEPKALO_QUOTE
    assert article[: anchor.start].endswith(anchor.prefix)
    assert article[anchor.end :].startswith(anchor.suffix)
    assert 0 < len(anchor.prefix) <= 32
    assert 0 < len(anchor.suffix) <= 32


def test_anchoring_tolerates_a_line_break_where_the_claim_has_a_space(ledger, article):
    said = 'said the regime was "running out of road".'

    claim = ledger.add(said, speaker="Nigel Gould-Davies", source=SOURCE_ID, kind="indirect").claim

    assert claim.text == said
    assert claim.anchor is not None
    assert claim.anchor.exact == 'said the regime was\n"running out of road".'
    assert article[claim.anchor.start : claim.anchor.end] == claim.anchor.exact


def test_a_claim_not_in_the_snapshot_is_refused_unless_recorded_unanchored_on_purpose(ledger_path, ledger):
    with pytest.raises(QuoteNotFoundError) as refused:
        ledger.add("We shall not give up,", speaker="Stephen Biegun", source=SOURCE_ID)
    start, end, text, score = refused.value.closest
    assert text == "We will not give up,"
    assert ledger.text(SOURCE_ID)[start:end] == text
    assert 80 < score < 100
    assert ledger.claims() == []

    result = ledger.add("Words nobody printed.", speaker="Stephen Biegun", source=SOURCE_ID, unanchored=True)

    assert result.created
    assert result.claim.anchor is None
    assert result.claim.unanchored is True
    assert "unanchored: true" in (ledger_path / "sources" / f"{SOURCE_ID}.yaml").read_text(encoding="utf-8")


def test_words_typed_with_straight_quotes_or_without_the_sources_quotation_marks_are_anchored(ledger):
    indirect = ledger.add("the regime was running out of road", speaker="Nigel Gould-Davies", source=SOURCE_ID)
    quoted = ledger.add("'We will not give up,'", speaker="Valery Tsepkalo", source=SOURCE_ID)

    assert indirect.claim.anchor.exact == 'the regime was\n"running out of road'
    assert quoted.claim.anchor is not None


# ------------------------------------------------------------------ finding


@pytest.fixture
def three_claims(ledger: Ledger) -> dict[str, str]:
    ids = {
        "tsepkalo": ledger.add(
            TSEPKALO_QUOTE,
            speaker="Velary Tsepalko",
            source=SOURCE_ID,
            venue="Phone call from exile in Poland",
            venue_kind="phone-call",
            said_on=dt.date(2020, 9, 13),
        ).claim.id,
        "gould-davies": ledger.add(
            "the regime was running out of road", speaker="Nigel Gould-Davies", source=SOURCE_ID, kind="indirect"
        ).claim.id,
        "biegun": ledger.add(
            BIEGUN_QUOTE, speaker="Stephen Biegun", source="https://example.com/world/us-belarus-sanctions"
        ).claim.id,
    }
    ledger.set_status(ids["biegun"], "disputed", reason="not in the transcript")
    return ids


def found(claims) -> set[str]:
    return {claim.id for claim in claims}


def test_claims_filters_combine(ledger, three_claims):
    ids = three_claims

    assert found(ledger.claims()) == set(ids.values())
    assert found(ledger.claims(speaker="Tsapkala")) == {ids["tsepkalo"]}  # an alias
    assert found(ledger.claims(speaker="nigel-gould-davies")) == {ids["gould-davies"]}
    assert found(ledger.claims(source=SOURCE_ID)) == {ids["tsepkalo"], ids["gould-davies"]}
    assert found(ledger.claims(venue="phone call from exile in poland")) == {ids["tsepkalo"]}
    assert found(ledger.claims(contains="UNITED STATES")) == {ids["biegun"]}
    assert found(ledger.claims(kind="indirect")) == {ids["gould-davies"]}
    assert found(ledger.claims(status=ClaimStatus.DISPUTED)) == {ids["biegun"]}
    assert found(ledger.claims(source=SOURCE_ID, kind="direct")) == {ids["tsepkalo"]}
    assert ledger.claims(speaker="Stephen Biegun", source=SOURCE_ID) == []


def test_claims_by_an_unknown_speaker_or_source_is_an_error(ledger, three_claims):
    with pytest.raises(UnknownSpeakerError):
        ledger.claims(speaker="Josep Borrell")
    with pytest.raises(NotFoundError):
        ledger.claims(source="no-such-source")


def test_claim_by_id_or_unique_prefix(ledger, three_claims):
    claim_id_ = three_claims["gould-davies"]

    assert ledger.claim(claim_id_).id == claim_id_
    assert ledger.claim(claim_id_[:6]).id == claim_id_


def test_claim_prefixes_must_be_unique_and_long_enough(ledger_path):
    write(
        ledger_path / "sources" / "hand-typed.yaml",
        """
        source:
          id: hand-typed
        claims:
        - id: c-aaaa00000001
          text: First
        - id: c-aaaa00000002
          text: Second
        """,
    )
    ledger = Ledger.open(ledger_path)

    assert ledger.claim("c-aaaa00000002").text == "Second"
    with pytest.raises(NotFoundError, match="ambiguous: c-aaaa00000001, c-aaaa00000002"):
        ledger.claim("c-aaaa")
    with pytest.raises(NotFoundError, match="no claim 'c-a'"):
        ledger.claim("c-a")


def test_set_status_marks_a_claim_without_deleting_it(ledger_path, ledger, three_claims):
    target = three_claims["tsepkalo"]
    before = ledger.claim(target)

    updated = ledger.set_status(target[:8], "misattributed", reason="the source misspelt the name")

    assert updated.status is ClaimStatus.MISATTRIBUTED
    assert updated.status_reason == "the source misspelt the name"
    reopened = Ledger.open(ledger_path)
    assert found(reopened.claims()) == set(three_claims.values())
    on_disk = reopened.claim(target)
    assert on_disk == updated
    assert on_disk.model_dump(exclude={"status", "status_reason", "history"}) == before.model_dump(
        exclude={"status", "status_reason", "history"}
    )
    assert [(h.status, h.reason) for h in on_disk.history] == [(ClaimStatus.RECORDED, None)]


# ------------------------------------------------------------------ writing


def test_add_rewrites_only_the_source_file_it_adds_to(ledger_path, ledger):
    ledger.add_source(source_id="other-story", text="Another story entirely.")
    before = snapshot(ledger_path)

    ledger.add(TSEPKALO_QUOTE, speaker="Valery Tsepkalo", source=SOURCE_ID)

    after = snapshot(ledger_path)
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {f"sources/{SOURCE_ID}.yaml"}
    assert set(after) == set(before)


def test_add_with_a_new_venue_also_writes_the_venue_registry(ledger_path, ledger):
    before = snapshot(ledger_path)

    ledger.add(TSEPKALO_QUOTE, speaker="Valery Tsepkalo", source=SOURCE_ID, venue="Phone call from Poland")

    after = snapshot(ledger_path)
    assert {name for name in before if before[name] != after[name]} == {f"sources/{SOURCE_ID}.yaml", "venues.yaml"}


def test_adding_a_recorded_claim_again_writes_nothing(ledger_path, ledger):
    first = ledger.add(TSEPKALO_QUOTE, speaker="Valery Tsepkalo", source=SOURCE_ID)
    before = snapshot(ledger_path)

    again = ledger.add(f"  {TSEPKALO_QUOTE}\n", speaker="Velary Tsepalko", source=SOURCE_ID)

    assert again.created is False
    assert again.claim == first.claim
    assert snapshot(ledger_path) == before


def test_the_yaml_written_is_plain_and_readable(ledger_path, ledger):
    ledger.add_source(
        source_id="dated-story", url="https://example.org/dated", published=dt.date(2020, 9, 14), title="Yes: no"
    )
    ledger.add(
        BIEGUN_QUOTE,
        speaker="Stephen Biegun",
        source="dated-story",
        said_on=dt.date(2020, 9, 13),
        cue="told reporters",
        tags=["sanctions"],
    )

    written = (ledger_path / "sources" / "dated-story.yaml").read_text(encoding="utf-8")

    assert "!!" not in written
    assert "python" not in written
    assert "null" not in written
    assert "published: 2020-09-14\n" in written
    assert "said_on: 2020-09-13\n" in written
    assert f"text: {BIEGUN_QUOTE}\n" in written
    assert "kind: direct\n" in written
    assert "title: 'Yes: no'\n" in written
    assert "  - sanctions\n" in written
    assert yaml.safe_load(written)["source"]["published"] == dt.date(2020, 9, 14)


def test_hand_written_claims_without_an_id_get_their_content_id(ledger_path):
    write(
        ledger_path / "sources" / "typed-by-hand.yaml",
        f"""
        source:
          id: typed-by-hand
          outlet: Reviewer's notes
        claims:
        - text: {TSEPKALO_QUOTE}
          speaker: valery-tsepkalo
          speaker_mention: Velary Tsepalko
        - text: "{BIEGUN_QUOTE}"
          kind: indirect
        """,
    )
    ledger = Ledger.open(ledger_path)

    ledger.check()
    claims = ledger.claims(source="typed-by-hand")

    assert [c.id for c in claims] == [
        claim_id("typed-by-hand", TSEPKALO_QUOTE, "valery-tsepkalo"),
        claim_id("typed-by-hand", BIEGUN_QUOTE, None),
    ]
    again = ledger.add(TSEPKALO_QUOTE, speaker="Valery Tsepkalo", source="typed-by-hand")
    assert again.created is False
    assert again.claim.id == claims[0].id


@pytest.mark.parametrize("failing_call", ["fsync", "replace"])
def test_a_failed_write_leaves_the_old_file_and_no_temp_file(ledger_path, ledger, monkeypatch, failing_call):
    ledger.add(TSEPKALO_QUOTE, speaker="Valery Tsepkalo", source=SOURCE_ID)
    before = snapshot(ledger_path)

    def crash(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(provenance_atomic.os, failing_call, crash)
    with pytest.raises(WriteError, match="No space left on device; nothing was changed"):
        ledger.add(BIEGUN_QUOTE, speaker="Stephen Biegun", source=SOURCE_ID)
    monkeypatch.undo()

    assert snapshot(ledger_path) == before
    assert [p.name for p in ledger_path.rglob("*.tmp")] == []
    assert [c.text for c in Ledger.open(ledger_path).claims()] == [TSEPKALO_QUOTE]


KILLED_WRITER = """
import os, sys
from provenance import Ledger
from provenance.store import atomic

atomic.os.replace = lambda *args: os._exit(9)  # die after the temp file is written, before the rename
Ledger.open(sys.argv[1]).add(sys.argv[2], speaker="Stephen Biegun", source=sys.argv[3])
"""


def test_a_writer_killed_mid_write_leaves_the_ledger_intact_and_unlocked(ledger_path, ledger):
    ledger.add(TSEPKALO_QUOTE, speaker="Valery Tsepkalo", source=SOURCE_ID)
    source_file = ledger_path / "sources" / f"{SOURCE_ID}.yaml"
    before = source_file.read_bytes()

    killed = subprocess.run(
        [sys.executable, "-c", KILLED_WRITER, str(ledger_path), BIEGUN_QUOTE, SOURCE_ID],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert killed.returncode == 9, killed.stderr
    assert source_file.read_bytes() == before
    reopened = Ledger.open(ledger_path)
    reopened.check()  # a stray temp file, if any, is not mistaken for a source
    assert [c.text for c in reopened.claims()] == [TSEPKALO_QUOTE]
    assert reopened.add(BIEGUN_QUOTE, speaker="Stephen Biegun", source=SOURCE_ID).created  # the lock was released
    assert [c.text for c in Ledger.open(ledger_path).claims()] == [TSEPKALO_QUOTE, BIEGUN_QUOTE]


def test_written_files_get_ordinary_permissions(ledger_path, ledger):
    ledger.add(TSEPKALO_QUOTE, speaker="Valery Tsepkalo", source=SOURCE_ID)

    mode = (ledger_path / "sources" / f"{SOURCE_ID}.yaml").stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask
