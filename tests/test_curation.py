"""Correcting the record: claims edited and removed, speakers merged and edited, sources removed, venues
registered, misattributions that name who really said it; each change kept in the record's history."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from provenance import Ledger, LedgerError, LedgerLoadError, Link, QuoteNotFoundError
from provenance.graph import claims_by, who_said
from provenance.store.yamlfile import dump_yaml
from provenance.views.dot import graph_to_dot

SOURCE_ID = "minsk-march"  # the fresh ledger's source (conftest.py)
TSEPKALO_QUOTE = "We will not give up,"
BIEGUN_QUOTE = "The United States stands with the people of Belarus."
TODAY = dt.date.today()


def source_yaml(ledger_path: Path, source_id: str = SOURCE_ID) -> dict:
    return yaml.safe_load((ledger_path / "sources" / f"{source_id}.yaml").read_text(encoding="utf-8"))


# ------------------------------------------------------------------ claims edit


def test_an_edited_claim_keeps_its_id_and_its_former_text_in_its_history(cli, ledger, ledger_path):
    claim = ledger.add(TSEPKALO_QUOTE, speaker="Valery Tsepkalo", source=SOURCE_ID).claim

    result = cli("claims", "edit", claim.id[:6], "--text", "We will not give up", "--reason", "the comma is ours")

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Edited {claim.id}: text, anchor.")
    [stored] = source_yaml(ledger_path)["claims"]
    assert stored["id"] == claim.id
    assert stored["text"] == "We will not give up"
    assert stored["anchor"]["exact"] == "We will not give up"
    assert stored["history"] == [
        {
            "change": "edit",
            "former": {"text": TSEPKALO_QUOTE},
            "until": TODAY,
            "by": "Test Editor",
            "why": "the comma is ours",
        }
    ]
    shown = cli("show", claim.id).stdout
    assert (
        f"    history: {TODAY} edit by Test Editor: text was \u201c{TSEPKALO_QUOTE}\u201d \u2014 the comma is ours"
        in shown
    )
    assert ledger.add("We will not give up", speaker="Valery Tsepkalo", source=SOURCE_ID).created is False


def test_edit_refuses_new_words_the_text_does_not_hold_unless_unanchored(cli, ledger, ledger_path):
    claim = ledger.add(TSEPKALO_QUOTE, speaker="Valery Tsepkalo", source=SOURCE_ID).claim
    before = (ledger_path / "sources" / f"{SOURCE_ID}.yaml").read_bytes()

    refused = cli("claims", "edit", claim.id, "--text", "We shall never give up")
    accepted = cli("claims", "edit", claim.id, "--text", "We shall never give up", "--unanchored")

    assert refused.exit_code == 1
    assert "the closest passage" in refused.stderr
    assert accepted.exit_code == 0
    [stored] = source_yaml(ledger_path)["claims"]
    assert "anchor" not in stored
    assert stored["unanchored"] is True
    assert before != (ledger_path / "sources" / f"{SOURCE_ID}.yaml").read_bytes()


def test_edit_speaker_venue_kind_and_date_resolve_like_add_and_nothing_new_writes_nothing(cli, ledger, ledger_path):
    claim = ledger.add(BIEGUN_QUOTE, speaker="Nigel Gould-Davies", source=SOURCE_ID).claim

    result = cli(
        "claims", "edit", claim.id, "--speaker", "Biegun", "--venue", "Press call", "--kind", "direct",
        "--said-on", "2020-09-14", "--reason", "wrong speaker picked", "--json",
    )  # fmt: skip

    data = json.loads(result.stdout)
    assert data["changed"] == ["speaker", "venue", "said_on"]  # kind was direct already
    assert (data["id"], data["speaker"], data["venue"], data["said_on"]) == (
        claim.id, "stephen-biegun", "press-call", "2020-09-14",
    )  # fmt: skip
    assert data["history"][0]["former"] == {"speaker": "nigel-gould-davies", "venue": None, "said_on": None}
    again = cli("claims", "edit", claim.id, "--speaker", "Stephen Biegun")
    assert again.stdout == f"{claim.id} already says that; nothing was written.\n"


def test_an_edit_that_would_record_the_same_words_twice_is_refused(ledger):
    first = ledger.add(TSEPKALO_QUOTE, speaker="Valery Tsepkalo", source=SOURCE_ID).claim
    second = ledger.add(TSEPKALO_QUOTE, speaker="Stephen Biegun", source=SOURCE_ID).claim

    with pytest.raises(LedgerError, match=f"{first.id} already records these words"):
        ledger.edit_claim(second.id, speaker="Valery Tsepkalo")


def test_claims_edit_with_nothing_to_change_is_a_usage_error(cli, ledger):
    claim = ledger.add(TSEPKALO_QUOTE, speaker="Valery Tsepkalo", source=SOURCE_ID).claim

    result = cli("claims", "edit", claim.id, "--reason", "no idea")

    assert result.exit_code == 2
    assert "say what to change" in result.stderr


# ------------------------------------------------------------------ claims remove, sources remove


def test_removing_a_claim_drops_the_links_to_it_and_notes_that_in_their_history(cli, ledger, ledger_path):
    target = ledger.add(TSEPKALO_QUOTE, speaker="Valery Tsepkalo", source=SOURCE_ID).claim
    linking = ledger.add(BIEGUN_QUOTE, speaker="Stephen Biegun", source=SOURCE_ID).claim
    with ledger.edit() as edit:
        entry = edit.source(SOURCE_ID)
        entry.claims[1] = linking.model_copy(update={"links": (Link(kind="responds_to", target=target.id),)})
        edit.save_source(entry)

    refused = cli("claims", "remove", target.id)
    result = cli("claims", "remove", target.id, "--reason", "recorded by mistake")

    assert refused.exit_code == 2  # --reason is required
    assert result.exit_code == 0, result.output
    assert f"Removed {target.id} from {SOURCE_ID}" in result.stdout
    assert f"Dropped its links from {linking.id}" in result.stdout
    [kept] = source_yaml(ledger_path)["claims"]
    assert "links" not in kept
    assert kept["history"][-1]["change"] == "unlink"
    assert kept["history"][-1]["former"] == {"links": [{"kind": "responds_to", "target": target.id, "note": None}]}
    assert kept["history"][-1]["why"] == f"{target.id} was removed: recorded by mistake"
    assert cli("check").exit_code == 0


def test_removing_a_source_takes_its_claims_and_texts_and_drops_what_pointed_at_them(cli, ledger, ledger_path):
    ledger.refresh_text(SOURCE_ID, text=ledger.text(SOURCE_ID) + "\nUpdated.\n")  # an earlier text is kept
    ledger.add(TSEPKALO_QUOTE, speaker="Valery Tsepkalo", source=SOURCE_ID)
    ledger.add_source(source_id="copy", text=f'"{TSEPKALO_QUOTE}" he said.', derived_from=[(SOURCE_ID, "copy")])
    texts = sorted(p.name for p in (ledger_path / "texts").iterdir() if p.name.startswith(SOURCE_ID))
    assert len(texts) == 2

    result = cli("sources", "remove", SOURCE_ID, "--reason", "the wrong page", "--json")

    data = json.loads(result.stdout)
    assert data["source"]["id"] == SOURCE_ID
    assert len(data["claims"]) == 1
    assert sorted(data["files"]) == sorted([f"sources/{SOURCE_ID}.yaml", *(f"texts/{name}" for name in texts)])
    assert data["underived"] == ["copy"]
    assert not any(p.name.startswith(SOURCE_ID) for p in (ledger_path / "texts").iterdir())
    copy = source_yaml(ledger_path, "copy")["source"]
    assert "derived_from" not in copy
    assert copy["history"][0]["former"] == {"derived_from": [{"source": SOURCE_ID, "relation": "copy"}]}
    assert cli("check").exit_code == 0
    assert [s.id for s in Ledger.open(ledger_path).sources()] == ["copy"]


# ------------------------------------------------------------------ speakers merge, speakers edit


def test_merging_a_speaker_moves_its_claims_keeps_their_ids_and_its_names_as_aliases(cli, ledger, ledger_path):
    ledger.add_speaker("Valery Tsapkala Jr", aliases=["V. Tsapkala"], identifiers={"wikidata": "Q1"})
    claim = ledger.add(TSEPKALO_QUOTE, speaker="Valery Tsapkala Jr", source=SOURCE_ID).claim
    other = ledger.add(BIEGUN_QUOTE, speaker="Stephen Biegun", source=SOURCE_ID).claim
    ledger.set_status(other.id, "misattributed", reason="a test", to="Valery Tsapkala Jr")

    result = cli("speakers", "merge", "Valery Tsapkala Jr", "Valery Tsepkalo", "--reason", "one man")

    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "Merged Valery Tsapkala Jr [valery-tsapkala-jr] into Valery Tsepkalo [valery-tsepkalo]: 2 claims moved"
    )
    ledger = Ledger.open(ledger_path)
    kept = ledger.speaker("valery-tsepkalo")
    assert kept.aliases == ("Valery Tsapkala", "Valery Tsapkala Jr", "V. Tsapkala")
    assert kept.identifiers == {"wikidata": "Q1"}
    assert (
        kept.history[0].why
        == "merged Valery Tsapkala Jr [valery-tsapkala-jr] into Valery Tsepkalo [valery-tsepkalo]: one man"
    )
    assert "valery-tsapkala-jr" not in {s.id for s in ledger.speakers()}
    moved = ledger.claim(claim.id)
    assert (moved.id, moved.speaker, moved.history[-1].former) == (
        claim.id,
        "valery-tsepkalo",
        {"speaker": "valery-tsapkala-jr"},
    )
    assert ledger.claim(other.id).actual_speaker == "valery-tsepkalo"
    assert ledger.resolve_speaker("V. Tsapkala").speaker.id == "valery-tsepkalo"
    assert cli("check").exit_code == 0


def test_merging_a_speaker_into_itself_is_refused(ledger):
    with pytest.raises(LedgerError, match="are the same speaker"):
        ledger.merge_speakers("Tsepkalo", "valery-tsepkalo")


def test_editing_a_speakers_name_keeps_the_id_and_the_former_name_as_an_alias(cli, ledger, ledger_path):
    ledger.add(BIEGUN_QUOTE, speaker="Stephen Biegun", source=SOURCE_ID)

    result = cli("speakers", "edit", "Biegun", "--name", "Stephen E. Biegun", "--kind", "person", "--reason", "full")
    taken = cli("speakers", "edit", "Biegun", "--alias", "Valery Tsapkala")

    assert result.exit_code == 0, result.output
    assert result.stdout == "Edited Stephen E. Biegun [stephen-biegun]: name, aliases\n"
    speaker = Ledger.open(ledger_path).speaker("stephen-biegun")
    assert (speaker.name, speaker.aliases) == ("Stephen E. Biegun", ("Stephen Biegun",))
    assert speaker.history[0].former == {"name": "Stephen Biegun", "aliases": []}
    assert taken.exit_code == 1
    assert "'Valery Tsapkala' already names Valery Tsepkalo [valery-tsepkalo]" in taken.stderr


# ------------------------------------------------------------------ venues


def test_venues_add_and_list(cli):
    added = cli("venues", "add", "Press conference in Vilnius", "--kind", "press-conference", "--date", "2020-09-14")
    again = cli("venues", "add", "press conference in vilnius")
    listed = cli("venues", "list")

    assert added.stdout == "Registered venue Press conference in Vilnius [press-conference-in-vilnius]\n"
    assert again.exit_code == 1
    assert "already registered" in again.stderr
    assert listed.stdout.split() == [
        "press-conference-in-vilnius",
        "press-conference",
        "2020-09-14",
        *"Press conference in Vilnius".split(),
    ]
    assert json.loads(cli("venues", "list", "--json").stdout) == [
        {"id": "press-conference-in-vilnius", "name": "Press conference in Vilnius", "kind": "press-conference",
         "place": None, "date": "2020-09-14"}
    ]  # fmt: skip


# ------------------------------------------------------------------ misattributed, and who really said it


def test_a_misattribution_names_who_really_said_it_beside_the_speaker_the_source_named(cli, ledger, ledger_path):
    claim = ledger.add(BIEGUN_QUOTE, speaker="Nigel Gould-Davies", source=SOURCE_ID).claim

    usage = cli("status", claim.id, "disputed", "--to", "Biegun", "--reason", "x")
    result = cli(
        "status", claim.id, "misattributed", "--to", "Biegun", "--reason", "Biegun said it, per the transcript"
    )

    assert usage.exit_code == 2
    assert result.stdout.splitlines()[1] == "Said by Stephen Biegun [stephen-biegun], not by Nigel Gould-Davies"
    [stored] = source_yaml(ledger_path)["claims"]
    assert (stored["speaker"], stored["actual_speaker"]) == ("nigel-gould-davies", "stephen-biegun")
    graph = Ledger.open(ledger_path).graph()
    assert who_said(graph, f"claim:{claim.id}") == "speaker:stephen-biegun"
    assert claims_by(graph, "speaker:nigel-gould-davies") == []
    dot = graph_to_dot(graph)
    struck = f'"speaker/nigel-gould-davies" -> "claim/{claim.id}" [label=<<s>&#160;said&#160;</s>>'
    assert struck in dot
    assert f'"speaker/stephen-biegun" -> "claim/{claim.id}" [arrowhead=none color="#1e3a8a"' in dot
    assert "the source named <s>Nigel Gould-Davies</s>" in dot
    assert "<s>said</s> (misattributed)" in dot  # in the legend

    cli("status", claim.id, "verified", "--reason", "the transcript was wrong after all")

    [stored] = source_yaml(ledger_path)["claims"]
    assert "actual_speaker" not in stored
    assert stored["history"][-1]["former"] == {"actual_speaker": "stephen-biegun"}


def test_a_misattribution_to_the_claims_own_speaker_is_refused(ledger):
    claim = ledger.add(BIEGUN_QUOTE, speaker="Stephen Biegun", source=SOURCE_ID).claim

    with pytest.raises(LedgerError, match="already the claim's speaker"):
        ledger.set_status(claim.id, "misattributed", reason="x", to="Biegun")


def test_the_index_and_check_refuse_a_correction_naming_an_unregistered_speaker(ledger, ledger_path):
    claim = ledger.add(BIEGUN_QUOTE, speaker="Nigel Gould-Davies", source=SOURCE_ID).claim
    ledger.set_status(claim.id, "misattributed", reason="x", to="Biegun")
    ledger.claims()  # the index is built
    registry = ledger_path / "speakers.yaml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text[: text.index("- id: stephen-biegun")], encoding="utf-8")

    with pytest.raises(LedgerLoadError, match=r"actual_speaker 'stephen-biegun' is not in speakers\.yaml"):
        Ledger.open(ledger_path).claims()


# ------------------------------------------------------------------ the history model


def test_history_written_before_edits_were_recorded_still_reads_and_is_written_back_unchanged(ledger, ledger_path):
    claim = ledger.add(TSEPKALO_QUOTE, speaker="Valery Tsepkalo", source=SOURCE_ID).claim
    other = ledger.add(BIEGUN_QUOTE, speaker="Stephen Biegun", source=SOURCE_ID).claim
    path = ledger_path / "sources" / f"{SOURCE_ID}.yaml"
    data = source_yaml(ledger_path)
    data["claims"][0]["history"] = [
        {"status": "extracted", "reason": "found by the extractor", "until": dt.date(2020, 9, 14)}
    ]
    path.write_text(dump_yaml(data), encoding="utf-8")
    old_entry = "  history:\n  - status: extracted\n    reason: found by the extractor\n    until: 2020-09-14\n"
    assert old_entry in path.read_text(encoding="utf-8")

    [change] = Ledger.open(ledger_path).claim(claim.id).history
    Ledger.open(ledger_path).set_status(other.id, "verified", reason="heard it")  # rewrites the whole file

    assert change.kind.value == "status"
    assert (change.status.value, change.reason, change.until, change.by) == (
        "extracted", "found by the extractor", dt.date(2020, 9, 14), None,
    )  # fmt: skip
    assert old_entry in path.read_text(encoding="utf-8")


needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@needs_git
def test_changes_are_signed_with_gits_user_name_when_provenance_user_is_not_set(ledger, ledger_path, monkeypatch):
    monkeypatch.delenv("PROVENANCE_USER")
    repo = ledger_path.parent
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "config", "user.name", "Maria Checker"], cwd=repo, check=True)
    claim = ledger.add(TSEPKALO_QUOTE, speaker="Valery Tsepkalo", source=SOURCE_ID).claim

    changed = ledger.set_status(claim.id, "verified", reason="heard the recording")

    assert changed.history[-1].by == "Maria Checker"
    assert ledger.log(1)[0].by == "Maria Checker"


def test_quote_not_found_names_the_closest_passage(ledger):
    with pytest.raises(QuoteNotFoundError) as refused:
        ledger.add("The United States stands with the citizens of Belarus.", speaker="Biegun", source=SOURCE_ID)

    assert refused.value.closest[2] == BIEGUN_QUOTE
    assert refused.value.source == SOURCE_ID


def test_an_edit_may_not_give_a_misattributed_claim_the_speaker_its_correction_names(ledger):
    claim = ledger.add(BIEGUN_QUOTE, speaker="Nigel Gould-Davies", source=SOURCE_ID).claim
    ledger.set_status(claim.id, "misattributed", reason="x", to="Biegun")

    with pytest.raises(LedgerError, match="set its status instead"):
        ledger.edit_claim(claim.id, speaker="Stephen Biegun")
    assert ledger.claim(claim.id).speaker == "nigel-gould-davies"
