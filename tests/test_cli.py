"""The ``provenance`` command as a user meets it: output, exit codes and the files it writes."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from provenance import Ledger

SOURCE_ID = "minsk-march"  # the fresh ledger's source (conftest.py)
TSEPKALO_QUOTE = "We will not give up,"
GOULD_DAVIES_QUOTE = "the regime was running out of road"
BIEGUN_QUOTE = "The United States stands with the people of Belarus."
SECOND_URL = "https://www.example.com/world/2020/09/14/belarus-sanctions.html"


def source_claims(ledger_path: Path, source_id: str = SOURCE_ID) -> list[dict]:
    """The claims exactly as the source's YAML file holds them."""
    data = yaml.safe_load((ledger_path / "sources" / f"{source_id}.yaml").read_text(encoding="utf-8"))
    return data.get("claims") or []


@pytest.fixture
def populated(cli, ledger_path: Path) -> dict[str, str]:
    """Three claims by three speakers in two sources, one at a named venue; returns their ids by speaker."""
    ids = {}
    result = cli(
        "add",
        TSEPKALO_QUOTE,
        "--speaker",
        "Velary Tsepalko",
        "--source",
        SOURCE_ID,
        "--venue",
        "Phone call from exile in Poland",
        "--venue-kind",
        "phone-call",
        "--cue",
        "said",
        "--json",
    )
    ids["tsepkalo"] = json.loads(result.stdout)["id"]
    result = cli(
        "add",
        GOULD_DAVIES_QUOTE,
        "--speaker",
        "Nigel Gould-Davies",
        "--source",
        SOURCE_ID,
        "--kind",
        "indirect",
        "--json",
    )
    ids["gould-davies"] = json.loads(result.stdout)["id"]
    result = cli("add", BIEGUN_QUOTE, "--speaker", "Stephen Biegun", "--source", SECOND_URL, "--json")
    ids["biegun"] = json.loads(result.stdout)["id"]
    Ledger.open(ledger_path).set_status(ids["biegun"], "disputed", reason="not in the State Department transcript")
    return ids


# ------------------------------------------------------------------ init


def test_init_creates_an_empty_ledger_that_checks_ok(run, tmp_path):
    target = tmp_path / "my-claims"

    result = run("--ledger", str(target), "init")

    assert result.exit_code == 0
    assert "Created an empty ledger" in result.stdout
    assert (target / "speakers.yaml").is_file()
    assert (target / "venues.yaml").is_file()
    assert (target / "sources").is_dir()
    checked = run("--ledger", str(target), "check", "--json")
    assert checked.exit_code == 0
    assert json.loads(checked.stdout) == {"ok": True, "speakers": 0, "venues": 0, "sources": 0, "claims": 0}


def test_init_refuses_to_overwrite_an_existing_ledger(cli, ledger_path):
    before = (ledger_path / "speakers.yaml").read_bytes()

    result = cli("init")

    assert result.exit_code == 1
    assert result.stderr.startswith("Error:")
    assert "already a ledger" in result.stderr
    assert result.stdout == ""
    assert (ledger_path / "speakers.yaml").read_bytes() == before


# ------------------------------------------------------------------ add


def test_add_resolves_a_misspelt_speaker_and_says_how(cli, ledger_path):
    result = cli("add", TSEPKALO_QUOTE, "--speaker", "Velary Tsepalko", "--source", SOURCE_ID)

    assert result.exit_code == 0, result.stderr
    assert "'Velary Tsepalko'" in result.stderr
    assert "Valery Tsepkalo [valery-tsepkalo]" in result.stderr
    assert "fuzzy match" in result.stderr
    assert "score" in result.stderr
    assert result.stdout.startswith("Recorded c-")
    [claim] = source_claims(ledger_path)
    assert claim["speaker"] == "valery-tsepkalo"
    assert claim["speaker_mention"] == "Velary Tsepalko"
    assert claim["text"] == TSEPKALO_QUOTE


def test_add_anchors_the_quote_in_the_source_text(cli, ledger_path, article):
    result = cli("add", TSEPKALO_QUOTE, "--speaker", "Valery Tsepkalo", "--source", SOURCE_ID)

    start = article.index(TSEPKALO_QUOTE)
    assert f"at {start}-{start + len(TSEPKALO_QUOTE)}" in result.stdout
    [claim] = source_claims(ledger_path)
    assert claim["anchor"]["exact"] == TSEPKALO_QUOTE
    assert (claim["anchor"]["start"], claim["anchor"]["end"]) == (start, start + len(TSEPKALO_QUOTE))


def test_add_refuses_a_quote_the_source_text_does_not_hold_and_names_the_closest_passage(cli, ledger_path):
    result = cli("add", "We shall not give up,", "--speaker", "Valery Tsepkalo", "--source", SOURCE_ID)

    assert result.exit_code == 1
    assert "Error: the words are not in the text of minsk-march" in result.stderr
    assert "the closest passage, at 77-97, scores 88: \u201cWe will not give up,\u201d" in result.stderr
    assert "--unanchored" in result.stderr
    assert source_claims(ledger_path) == []


def test_add_unanchored_records_the_quote_on_purpose_and_list_and_show_say_so(cli, ledger_path):
    result = cli("add", "Words nobody printed.", "--speaker", "Stephen Biegun", "--source", SOURCE_ID, "--unanchored")

    assert result.exit_code == 0, result.output
    [claim] = source_claims(ledger_path)
    assert "anchor" not in claim
    assert claim["unanchored"] is True
    listed = cli("list")
    assert listed.stdout.rstrip().endswith("Words nobody printed. [unanchored]")
    shown = cli("show", claim["id"])
    assert "anchor: none, recorded on purpose: the words are not in texts/minsk-march.txt" in shown.stdout


def test_adding_the_same_claim_twice_records_it_once(cli, ledger_path):
    first = cli("add", TSEPKALO_QUOTE, "--speaker", "Velary Tsepalko", "--source", SOURCE_ID)
    second = cli("add", TSEPKALO_QUOTE, "--speaker", "Velary Tsepalko", "--source", SOURCE_ID)

    assert first.exit_code == second.exit_code == 0
    assert first.stdout.startswith("Recorded ")
    assert second.stdout.startswith("Already recorded ")
    first_id = first.stdout.split()[1]
    assert second.stdout.split()[2] == first_id
    assert [c["id"] for c in source_claims(ledger_path)] == [first_id.rstrip(":")]


def test_add_with_an_unknown_speaker_fails_and_suggests_new_speaker(cli, ledger_path):
    result = cli("add", "Sanctions work.", "--speaker", "Josep Borrell", "--source", SOURCE_ID)

    assert result.exit_code == 1
    assert result.stderr.startswith("Error:")
    assert "'Josep Borrell'" in result.stderr
    assert "--new-speaker" in result.stderr
    assert source_claims(ledger_path) == []


def test_add_with_new_speaker_registers_the_speaker(cli, ledger_path):
    result = cli(
        "add", "Sanctions work.", "--speaker", "Josep Borrell", "--source", SOURCE_ID, "--new-speaker", "--unanchored"
    )

    assert result.exit_code == 0, result.stderr
    assert "Registered new speaker josep-borrell" in result.stderr
    speakers = json.loads(cli("speakers", "list", "--json").stdout)
    assert {"id": "josep-borrell", "name": "Josep Borrell"}.items() <= speakers[-1].items()
    [claim] = source_claims(ledger_path)
    assert claim["speaker"] == "josep-borrell"


def test_add_with_an_ambiguous_name_lists_every_candidate_with_its_score(cli, ledger_path):
    assert cli("speakers", "add", "Veronika Tsepkalo").exit_code == 0

    result = cli("add", "We are not afraid.", "--speaker", "Tsepkalo", "--source", SOURCE_ID)

    assert result.exit_code == 1
    assert "ambiguous" in result.stderr
    assert "Valery Tsepkalo [valery-tsepkalo] (100)" in result.stderr
    assert "Veronika Tsepkalo [veronika-tsepkalo] (100)" in result.stderr
    assert source_claims(ledger_path) == []


def test_add_with_a_new_url_creates_the_source_file(cli, ledger_path):
    result = cli(
        "add",
        BIEGUN_QUOTE,
        "--speaker",
        "Stephen Biegun",
        "--source",
        SECOND_URL,
        "--title",
        "US weighs sanctions",
        "--outlet",
        "Example World",
        "--published",
        "2020-09-14",
    )

    assert result.exit_code == 0, result.stderr
    created = [p.stem for p in (ledger_path / "sources").glob("*.yaml") if p.stem != SOURCE_ID]
    assert len(created) == 1
    assert f"Created source {created[0]}" in result.stderr
    data = yaml.safe_load((ledger_path / "sources" / f"{created[0]}.yaml").read_text(encoding="utf-8"))
    assert data["source"]["url"] == SECOND_URL
    assert data["source"]["outlet"] == "Example World"
    assert str(data["source"]["published"]) == "2020-09-14"
    assert [c["text"] for c in data["claims"]] == [BIEGUN_QUOTE]


def test_add_with_an_unknown_source_id_fails(cli, ledger_path):
    result = cli("add", BIEGUN_QUOTE, "--speaker", "Stephen Biegun", "--source", "no-such-source")

    assert result.exit_code == 1
    assert "Error: no source 'no-such-source'" in result.stderr
    assert not (ledger_path / "sources" / "no-such-source.yaml").exists()


def test_add_json_prints_the_recorded_claim(cli):
    result = cli("add", BIEGUN_QUOTE, "--speaker", "Biegun", "--source", SOURCE_ID, "--json")

    assert result.exit_code == 0
    claim = json.loads(result.stdout)
    assert claim["id"].startswith("c-")
    assert claim["text"] == BIEGUN_QUOTE
    assert claim["speaker"] == "stephen-biegun"
    assert claim["source"] == SOURCE_ID
    assert claim["created"] is True


def test_add_without_source_is_a_usage_error(cli):
    result = cli("add", BIEGUN_QUOTE, "--speaker", "Stephen Biegun")

    assert result.exit_code == 2
    assert "Missing option '--source'" in result.stderr


def test_add_without_speaker_or_mention_is_a_usage_error(cli):
    result = cli("add", BIEGUN_QUOTE, "--source", SOURCE_ID)

    assert result.exit_code == 2
    assert "--speaker" in result.stderr


# ------------------------------------------------------------------ list


def listed_ids(cli, *filters: str) -> set[str]:
    result = cli("list", *filters, "--json")
    assert result.exit_code == 0, result.stderr
    return {claim["id"] for claim in json.loads(result.stdout)}


def test_list_shows_every_claim_with_its_speaker(cli, populated):
    result = cli("list")

    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    tsepkalo = next(line for line in lines if line.startswith(populated["tsepkalo"]))
    assert "Valery Tsepkalo" in tsepkalo
    assert TSEPKALO_QUOTE in tsepkalo
    biegun = next(line for line in lines if line.startswith(populated["biegun"]))
    assert "[disputed]" in biegun
    assert "3 claims" in result.stderr


def test_list_json_is_an_array_of_claims(cli, populated):
    claims = json.loads(cli("list", "--json").stdout)

    assert isinstance(claims, list)
    assert {c["id"] for c in claims} == set(populated.values())
    for claim in claims:
        assert {"id", "text", "speaker", "source"} <= claim.keys()


def test_list_filters_by_a_misspelt_speaker(cli, populated):
    assert listed_ids(cli, "--speaker", "Velary Tsepalko") == {populated["tsepkalo"]}
    assert listed_ids(cli, "--speaker", "Gould-Davies") == {populated["gould-davies"]}


def test_list_filters_by_source(cli, populated):
    assert listed_ids(cli, "--source", SOURCE_ID) == {populated["tsepkalo"], populated["gould-davies"]}


def test_list_filters_by_venue_name_or_id(cli, populated):
    assert listed_ids(cli, "--venue", "Phone call from exile in Poland") == {populated["tsepkalo"]}
    assert listed_ids(cli, "--venue", "phone-call-from-exile-in-poland") == {populated["tsepkalo"]}


def test_list_filters_by_text_case_insensitively(cli, populated):
    assert listed_ids(cli, "--contains", "RUNNING OUT") == {populated["gould-davies"]}
    assert listed_ids(cli, "--contains", "velary") == {populated["tsepkalo"]}  # the mention as printed


def test_list_filters_by_kind_and_status(cli, populated):
    assert listed_ids(cli, "--kind", "indirect") == {populated["gould-davies"]}
    assert listed_ids(cli, "--status", "disputed") == {populated["biegun"]}
    assert listed_ids(cli, "--kind", "direct", "--status", "recorded") == {populated["tsepkalo"]}


def test_list_with_an_unknown_speaker_is_an_error(cli, populated):
    result = cli("list", "--speaker", "Josep Borrell")

    assert result.exit_code == 1
    assert result.stderr.startswith("Error:")


# ------------------------------------------------------------------ show


def test_show_prints_the_claim_in_full(cli, populated):
    result = cli("show", populated["tsepkalo"])

    assert result.exit_code == 0
    assert f"id: {populated['tsepkalo']}" in result.stdout
    assert f"text: {TSEPKALO_QUOTE}" in result.stdout
    assert "speaker: Valery Tsepkalo [valery-tsepkalo]" in result.stdout
    assert "printed as: Velary Tsepalko" in result.stdout
    assert "venue: Phone call from exile in Poland" in result.stdout
    assert f"in texts/{SOURCE_ID}.txt" in result.stdout


def test_show_accepts_a_short_id_prefix(cli, populated):
    claim_id = populated["gould-davies"]

    result = cli("show", claim_id[:6], "--json")

    assert result.exit_code == 0
    shown = json.loads(result.stdout)
    assert shown["id"] == claim_id
    assert shown["text"] == GOULD_DAVIES_QUOTE
    assert shown["kind"] == "indirect"


def test_show_an_unknown_id_fails(cli, populated):
    result = cli("show", "c-000000000000")

    assert result.exit_code == 1
    assert "Error: no claim 'c-000000000000'" in result.stderr


# ------------------------------------------------------------------ speakers


def test_speakers_list(cli):
    result = cli("speakers", "list")

    assert result.exit_code == 0
    rows = result.stdout.splitlines()
    assert [row.split()[0] for row in rows] == ["valery-tsepkalo", "nigel-gould-davies", "stephen-biegun"]
    assert "aka Valery Tsapkala" in rows[0]


def test_speakers_list_json(cli):
    speakers = json.loads(cli("speakers", "list", "--json").stdout)

    assert [s["name"] for s in speakers] == ["Valery Tsepkalo", "Nigel Gould-Davies", "Stephen Biegun"]
    assert speakers[1]["description"] == "former UK ambassador to Belarus"


def test_speakers_add_registers_a_speaker(cli, ledger_path):
    result = cli(
        "speakers",
        "add",
        "European Union",
        "--kind",
        "organisation",
        "--alias",
        "EU",
        "--wikidata",
        "Q458",
        "--json",
    )

    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {
        "id": "european-union",
        "name": "European Union",
        "kind": "organisation",
        "aliases": ["EU"],
        "description": None,
        "identifiers": {"wikidata": "Q458"},
        "history": [],
    }
    added = cli("add", "We stand with Belarus.", "--speaker", "EU", "--source", SOURCE_ID, "--unanchored", "--json")
    assert json.loads(added.stdout)["speaker"] == "european-union"


def test_speakers_add_refuses_a_registered_name(cli):
    result = cli("speakers", "add", "Stephen Biegun")

    assert result.exit_code == 1
    assert result.stderr.startswith("Error:")
    assert "already registered" in result.stderr


def test_speakers_alias_makes_a_spelling_resolve_exactly(cli, ledger_path):
    result = cli("speakers", "alias", "Nigel Gould-Davies", "Nigel Gold-Davis")

    assert result.exit_code == 0
    assert "Nigel Gold-Davis" in result.stdout
    added = cli("add", GOULD_DAVIES_QUOTE, "--speaker", "Nigel Gold-Davis", "--source", SOURCE_ID)
    assert "by alias" in added.stderr
    assert source_claims(ledger_path)[0]["speaker"] == "nigel-gould-davies"


def test_speakers_alias_json(cli):
    result = cli("speakers", "alias", "stephen-biegun", "Steve Biegun", "--json")

    assert json.loads(result.stdout)["aliases"] == ["Steve Biegun"]


# ------------------------------------------------------------------ sources


def test_sources_list(cli):
    result = cli("sources", "list")

    assert result.exit_code == 0
    assert result.stdout.split()[:3] == [SOURCE_ID, "Example", "News"]


def test_sources_add_stores_the_text_and_its_checksum(cli, ledger_path, tmp_path):
    article = tmp_path / "copy.txt"
    article.write_text("Tsepkalo said: “We will not give up.”\n", encoding="utf-8")

    result = cli(
        "sources",
        "add",
        "https://copy.example.net/belarus-story",
        "--id",
        "copy-story",
        "--text",
        str(article),
        "--derived-from",
        f"{SOURCE_ID}:rewrite",
        "--published",
        "2020-09-15",
    )

    assert result.exit_code == 0, result.stderr
    assert "Registered source copy-story" in result.stdout
    assert (ledger_path / "texts" / "copy-story.txt").read_bytes() == article.read_bytes()
    [source] = [s for s in json.loads(cli("sources", "list", "--json").stdout) if s["id"] == "copy-story"]
    assert source["text_sha256"] == hashlib.sha256(article.read_bytes()).hexdigest()
    assert source["derived_from"] == [{"source": SOURCE_ID, "relation": "rewrite"}]
    assert source["published"] == "2020-09-15"
    assert cli("check").exit_code == 0


def test_sources_add_json_defaults_the_relation_to_copy(cli):
    result = cli("sources", "add", "--id", "syndicated", "--derived-from", SOURCE_ID, "--json")

    assert json.loads(result.stdout)["derived_from"] == [{"source": SOURCE_ID, "relation": "copy"}]


def test_sources_add_rejects_an_unknown_relation(cli, ledger_path):
    result = cli("sources", "add", "--id", "other", "--derived-from", f"{SOURCE_ID}:plagiarism")

    assert result.exit_code == 2
    assert "plagiarism" in result.stderr
    assert not (ledger_path / "sources" / "other.yaml").exists()


def test_sources_add_rejects_an_unknown_parent(cli, ledger_path):
    result = cli("sources", "add", "--id", "other", "--derived-from", "not-in-ledger")

    assert result.exit_code == 1
    assert "'not-in-ledger'" in result.stderr
    assert not (ledger_path / "sources" / "other.yaml").exists()


def test_sources_add_refuses_an_existing_id(cli):
    result = cli("sources", "add", "--id", SOURCE_ID)

    assert result.exit_code == 1
    assert "already exists" in result.stderr


def test_sources_add_needs_a_url_or_an_id(cli):
    assert cli("sources", "add").exit_code == 2


# ------------------------------------------------------------------ graph


def test_graph_writes_dot(cli, populated, tmp_path):
    target = tmp_path / "x.dot"

    result = cli("graph", "-o", str(target), "--format", "dot")

    assert result.exit_code == 0, result.stderr
    assert "Wrote" in result.stdout
    assert "3 claims" in result.stdout
    dot = target.read_text(encoding="utf-8")
    assert dot.startswith("digraph")
    for name in ("Valery Tsepkalo", "Nigel Gould-Davies", "Stephen Biegun"):
        assert name in dot


def test_graph_for_one_speaker_leaves_the_others_out(cli, populated, tmp_path):
    target = tmp_path / "tsepkalo.dot"

    result = cli("graph", "-o", str(target), "--speaker", "Velary Tsepalko")

    assert "(1 claim, " in result.stdout
    dot = target.read_text(encoding="utf-8")
    assert "Valery Tsepkalo" in dot
    assert "Stephen Biegun" not in dot


def test_graph_writes_an_svg_with_names_and_quotes(cli, populated, tmp_path):
    target = tmp_path / "who-said-what.svg"

    result = cli("graph", "-o", str(target))

    assert result.exit_code == 0, result.stderr
    root = ET.parse(target).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "Valery Tsepkalo" in texts
    assert "Stephen Biegun" in texts
    assert "We will not give up" in texts


def test_graph_with_an_unknown_format_is_a_usage_error(cli, tmp_path):
    result = cli("graph", "-o", str(tmp_path / "x.gif"), "--format", "gif")

    assert result.exit_code == 2


# ------------------------------------------------------------------ check


def test_check_passes_on_the_sample_ledger(run, sample_ledger):
    expected = sum(
        len(yaml.safe_load(p.read_text(encoding="utf-8")).get("claims") or [])
        for p in (sample_ledger / "sources").glob("*.yaml")
    )

    result = run("--ledger", str(sample_ledger), "check", "--json")

    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] is True
    assert report["claims"] == expected > 0


def test_check_reports_a_broken_ledger(cli, ledger_path):
    path = ledger_path / "sources" / f"{SOURCE_ID}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("outlet:", "outlett:"), encoding="utf-8")

    result = cli("check")

    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: the ledger has 1 problem")
    assert f"{SOURCE_ID}.yaml:" in result.stderr
    assert "source.outlett: unknown field" in result.stderr
    assert "provenance check" in result.stderr


def test_commands_on_a_missing_ledger_say_how_to_create_one(run, tmp_path):
    result = run("--ledger", str(tmp_path / "nowhere"), "list")

    assert result.exit_code == 1
    assert "init" in result.stderr


# ------------------------------------------------------------------ global behaviour


def test_ledger_defaults_to_the_environment_variable(run, ledger_path, populated):
    result = run("list", "--json", env={"PROVENANCE_LEDGER": str(ledger_path)})

    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)) == 3


def test_ledger_defaults_to_claims_in_the_working_directory(run, ledger_path, populated, monkeypatch):
    monkeypatch.delenv("PROVENANCE_LEDGER", raising=False)
    monkeypatch.chdir(ledger_path.parent)

    result = run("list", "--json")

    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)) == 3


def test_an_unknown_option_is_a_usage_error(cli):
    result = cli("list", "--no-such-option")

    assert result.exit_code == 2
    assert "No such option" in result.stderr


def test_version(run):
    result = run("--version")

    assert result.exit_code == 0
    assert result.stdout.startswith("provenance, version ")


def test_python_dash_m_runs_the_cli():
    completed = subprocess.run(
        [sys.executable, "-m", "provenance", "--help"], capture_output=True, text=True, check=False
    )

    assert completed.returncode == 0, completed.stderr
    assert "Usage:" in completed.stdout
    assert "Track who said what" in completed.stdout
