"""``provenance extract`` as a user runs it: what it prints, what it writes with --add, how a batch fails."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from provenance import Ledger

ARTICLES = Path(__file__).parent / "data" / "extract"
URL = "https://www.example.org/world/2020/09/13/belarus-opposition.html"
SOURCE_ID = "example-belarus-opposition"  # the id a new source gets from URL


@pytest.fixture
def extract(run, sample_ledger):
    """Run ``provenance --ledger <a copy of the sample ledger> extract ARGS…``."""

    def invoke(*args: str):
        return run("--ledger", str(sample_ledger), "extract", *args)

    return invoke


@pytest.fixture
def venues_article(tmp_path: Path) -> Path:
    """A copy of the venues article, in a directory of its own."""
    return Path(shutil.copy(ARTICLES / "venues.txt", tmp_path / "venues.txt"))


def json_lines(stdout: str) -> list[dict]:
    """Every stdout line must be one JSON object."""
    return [json.loads(line) for line in stdout.splitlines()]


def assert_offsets_index(text: str, claims: list[dict]) -> None:
    for claim in claims:
        anchor = claim["anchor"]
        assert text[anchor["start"] : anchor["end"]] == claim["text"] == anchor["exact"]
        mention = claim["speaker_anchor"]
        if mention is not None:
            assert text[mention["start"] : mention["end"]] == claim["speaker_mention"]


# ------------------------------------------------------------------ human output


def test_extract_prints_each_claim_with_offsets_kind_speaker_cue_and_venue(extract, venues_article):
    result = extract(str(venues_article))

    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == str(venues_article)
    assert len(lines) == 5  # the file, then one line per claim
    tsepkalo = lines[1]
    for part in (
        "1-35",
        "direct",
        "Valery Tsepkalo [valery-tsepkalo] said:",
        "\u201cThe people of Belarus want change,\u201d",
        "phone-call: over phone from exile in Poland",
        "(0.90)",
    ):
        assert part in tsepkalo
    assert "indirect The foreign ministry said: it would recall its ambassador" in lines[2]
    assert "statement: in a statement" in lines[2]
    assert result.stderr.strip().splitlines()[-1] == (
        "1 document, 4 claims; speakers: 1 resolved, 3 unresolved; 0 errors"
    )


def test_extract_shows_who_a_pronoun_stands_for_and_the_pronoun_printed(extract):
    result = extract(str(ARTICLES / "pronouns.txt"))

    assert result.exit_code == 0
    assert "Piotr Haller (printed: he) said: \u201cSoldiers will not be used against citizens,\u201d" in result.stdout


def test_extract_shows_the_registry_id_of_a_misspelled_speaker(extract):
    result = extract(str(ARTICLES / "misspelled-speaker.txt"))

    assert result.exit_code == 0
    assert "Velary Tsepalko [valery-tsepkalo] said: \u201cThe people are not afraid any more,\u201d" in result.stdout


# ------------------------------------------------------------------ --json


def test_json_prints_one_object_per_document_whose_offsets_index_into_the_file(extract):
    files = [ARTICLES / "venues.txt", ARTICLES / "pronouns.txt"]

    result = extract(*map(str, files), "--json")

    assert result.exit_code == 0
    documents = json_lines(result.stdout)
    assert [(d["file"], d["id"]) for d in documents] == [(str(f), f.stem) for f in files]
    for path, document in zip(files, documents, strict=True):
        assert "text" not in document  # plain text: the offsets index the file itself
        assert document["claims"]
        for claim in document["claims"]:
            for field in ("speaker", "speaker_mention", "speaker_anchor", "cue", "kind", "confidence"):
                assert field in claim
        assert_offsets_index(path.read_text(encoding="utf-8"), document["claims"])
    venues = documents[0]["claims"]
    assert (venues[0]["kind"], venues[0]["speaker"], venues[0]["cue"], venues[0]["confidence"]) == (
        "direct",
        "valery-tsepkalo",
        "said",
        0.9,
    )
    pronoun = next(c for c in documents[1]["claims"] if c["speaker_mention"] == "he")
    assert pronoun["speaker_name"] == "Piotr Haller"


def test_json_for_an_html_page_includes_the_text_its_offsets_point_into(extract):
    result = extract(str(ARTICLES / "article.html"), "--json")

    assert result.exit_code == 0
    (document,) = json_lines(result.stdout)
    text = document["text"]
    assert "Privacy policy" not in text
    assert "Subscribe" not in text
    assert_offsets_index(text, document["claims"])
    assert [(c["kind"], c["speaker_mention"]) for c in document["claims"]] == [
        ("direct", "Hanna Lund"),
        ("direct", "Aled Price"),
    ]


def test_jsonl_corpus_with_chosen_text_and_id_fields(extract, tmp_path):
    bodies = {
        "https://example.org/eu": "The EU said it would freeze the assets of forty officials.",
        "https://example.org/tsepkalo": "\u201cWe will not give up,\u201d Velary Tsepalko said.",
    }
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        "".join(json.dumps({"url": url, "body": body}) + "\n" for url, body in bodies.items()), encoding="utf-8"
    )

    result = extract(str(corpus), "--text-field", "body", "--id-field", "url", "--json")

    assert result.exit_code == 0
    documents = json_lines(result.stdout)
    assert [d["id"] for d in documents] == list(bodies)
    for document in documents:
        assert_offsets_index(bodies[document["id"]], document["claims"])
    assert [c["speaker"] for d in documents for c in d["claims"]] == ["european-union", "valery-tsepkalo"]
    assert "2 documents, 2 claims" in result.stderr


# ------------------------------------------------------------------ a batch with bad inputs


def test_bad_inputs_are_reported_one_by_one_and_the_batch_goes_on(extract, tmp_path, venues_article):
    missing = tmp_path / "missing.txt"
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        json.dumps({"id": "ok", "text": "Protesters said they would march again on Sunday."})
        + "\n{this line is broken\n",
        encoding="utf-8",
    )

    result = extract(str(missing), str(corpus), str(venues_article), "--json")

    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 2
    assert f"{missing}: cannot read" in errors[0]
    assert f"{corpus}:2: invalid JSON" in errors[1]
    documents = json_lines(result.stdout)
    assert [(d["id"], "error" in d) for d in documents] == [
        ("missing", True),
        ("ok", False),
        ("corpus:2", True),
        ("venues", False),
    ]
    assert result.stderr.strip().splitlines()[-1].startswith("2 documents, 5 claims;")
    assert result.stderr.strip().endswith("; 2 errors")


def test_a_bad_file_fails_the_run_even_without_json(extract, tmp_path, venues_article):
    result = extract(str(tmp_path / "missing.txt"), str(venues_article))

    assert result.exit_code == 1
    assert "Valery Tsepkalo [valery-tsepkalo]" in result.stdout  # the good file was still read
    assert "1 document, 4 claims; speakers: 1 resolved, 3 unresolved; 1 error" in result.stderr


# ------------------------------------------------------------------ --add


def test_add_records_the_claims_for_review_with_the_text_they_point_into(extract, sample_ledger):
    article = ARTICLES / "name-variants.txt"

    result = extract(str(article), "--add", "--source", URL, "--title", "Kolnikova detained")

    assert result.exit_code == 0
    assert f"Recorded 2 new claims with status 'extracted' in source {SOURCE_ID} (0 already recorded)" in (
        result.stderr
    )
    ledger = Ledger.open(sample_ledger)
    assert ledger.source(SOURCE_ID).url == URL
    snapshot = (sample_ledger / "texts" / f"{SOURCE_ID}.txt").read_text(encoding="utf-8")
    assert snapshot == article.read_text(encoding="utf-8")
    claims = ledger.claims(source=SOURCE_ID)
    assert [(c.status.value, c.speaker, c.speaker_mention) for c in claims] == [
        ("extracted", "maria-kolesnikova", "Kolnikova"),
        ("extracted", "maria-kolesnikova", "Kolenikova"),
    ]
    for claim in claims:
        assert claim.anchor is not None
        assert snapshot[claim.anchor.start : claim.anchor.end] == claim.anchor.exact


def test_add_twice_records_nothing_new(extract, sample_ledger):
    article = str(ARTICLES / "name-variants.txt")
    assert extract(article, "--add", "--source", URL).exit_code == 0
    source_file = sample_ledger / "sources" / f"{SOURCE_ID}.yaml"
    before = source_file.read_text(encoding="utf-8")

    again = extract(article, "--add", "--source", URL)

    assert again.exit_code == 0
    assert "Recorded 0 new claims with status 'extracted'" in again.stderr
    assert "(2 already recorded)" in again.stderr
    assert source_file.read_text(encoding="utf-8") == before
    assert len(yaml.safe_load(before)["claims"]) == 2


def test_add_without_source_is_a_usage_error_and_writes_nothing(extract, sample_ledger):
    before = sorted(p.name for p in sample_ledger.rglob("*"))

    result = extract(str(ARTICLES / "venues.txt"), "--add")

    assert result.exit_code == 2
    assert "--add needs --source" in result.stderr
    assert sorted(p.name for p in sample_ledger.rglob("*")) == before


# ------------------------------------------------------------------ no ledger


def test_extract_works_without_a_ledger_and_says_speakers_are_unresolved(run, tmp_path):
    nowhere = tmp_path / "no-ledger-here"

    result = run("--ledger", str(nowhere), "extract", str(ARTICLES / "venues.txt"), "--json")

    assert result.exit_code == 0
    assert f"Note: no ledger at {nowhere}" in result.stderr
    (document,) = json_lines(result.stdout)
    assert len(document["claims"]) == 4
    assert all(c["speaker"] is None for c in document["claims"])
    assert document["claims"][0]["speaker_mention"] == "Valery Tsepkalo"
    assert not nowhere.exists()
