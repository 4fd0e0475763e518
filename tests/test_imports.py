"""Quotebank's JSON lines into the ledger: speakers matched or registered, one source and one claim per URL,
machine attributions marked for review, bad lines reported by number, and a second import adding nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from provenance import ClaimStatus, Ledger
from provenance.imports.quotebank import import_quotebank

SAMPLE = Path(__file__).parent / "data" / "quotebank" / "sample.jsonl"


def test_quotebank_lines_become_speakers_sources_and_claims(cli, ledger_path: Path) -> None:
    result = cli("import", "--format", "quotebank", str(SAMPLE))

    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Read 7 lines: recorded 5 new claims with status 'extracted' (0 already recorded), "
        "registered 3 speakers and 3 sources; skipped 3 lines\n"
    )
    ledger = Ledger.open(ledger_path)
    ledger.check()  # every reference resolves
    march = ledger.claims(source="example-news-minsk-march")
    assert {(c.text, c.speaker) for c in march} == {
        ("We will not give up, whatever they do to us.", "sviatlana-tsikhanouskaya"),
        ("The people have spoken and they will be heard.", None),  # "None" in Quotebank: unattributed
    }
    quote = next(c for c in march if c.speaker)
    assert (quote.status, quote.confidence, quote.tags) == (
        ClaimStatus.EXTRACTED,
        0.9121,
        ("quotebank:2020-09-13-000001",),
    )
    source = ledger.source("example-news-minsk-march")
    assert (source.outlet, str(source.published), source.url) == (
        "example-news.org",
        "2020-09-13",
        "https://www.example-news.org/2020/09/13/minsk-march",
    )
    assert len(ledger.claims(source="wire-belarus-sunday")) == 2  # one URL shared by two quotations


def test_speakers_get_a_wikidata_id_only_when_it_is_unambiguous(cli, ledger_path: Path) -> None:
    cli("import", "--format", "quotebank", str(SAMPLE))
    ledger = Ledger.open(ledger_path)

    assert ledger.speaker("Josep Borrell").identifiers == {"wikidata": "Q352917"}
    assert ledger.speaker("John Smith").identifiers == {}  # two people share the name in Quotebank's qids
    assert ledger.speaker("Sviatlana Tsikhanouskaya").identifiers == {"wikidata": "Q60998015"}


def test_a_registered_speaker_is_matched_by_name_or_alias_not_registered_again(tmp_path: Path) -> None:
    ledger = Ledger.init(tmp_path / "claims")
    ledger.add_speaker("Sviatlana Tsikhanouskaya", aliases=["Svetlana Tikhanovskaya"])
    ledger.add_speaker("Josep Borrell Fontelles", aliases=["Josep Borrell"])

    result = import_quotebank(ledger, SAMPLE)

    assert result.speakers_added == 1  # only John Smith is new
    assert {s.id for s in Ledger.open(ledger.path).speakers()} == {
        "sviatlana-tsikhanouskaya",
        "josep-borrell-fontelles",
        "john-smith",
    }


def test_bad_lines_are_reported_with_their_numbers_and_the_rest_imported(cli) -> None:
    result = cli("import", "--format", "quotebank", str(SAMPLE))

    problems = result.stderr.splitlines()
    assert problems[0].startswith(f"Skipped {SAMPLE}:4: not a JSON line")
    assert problems[1].startswith(f"Skipped {SAMPLE}:5: ")
    assert "javascript:alert(1)" in problems[1]
    assert problems[2] == f"Skipped {SAMPLE}:6: no 'quotation' text"


def test_importing_the_same_file_again_adds_nothing(cli, ledger_path: Path) -> None:
    cli("import", "--format", "quotebank", str(SAMPLE))
    files = {p: p.read_bytes() for p in ledger_path.rglob("*.yaml")}

    again = json.loads(cli("import", "--format", "quotebank", str(SAMPLE), "--json").stdout)

    assert again["claims_added"] == 0
    assert again["already_recorded"] == 5
    assert again["speakers_added"] == again["sources_added"] == 0
    assert {p: p.read_bytes() for p in ledger_path.rglob("*.yaml")} == files


def test_a_large_import_is_written_in_batches_that_a_rerun_completes(tmp_path: Path, monkeypatch) -> None:
    import provenance.imports.quotebank as quotebank

    monkeypatch.setattr(quotebank, "BATCH", 2)
    big = tmp_path / "big.jsonl"
    line = json.loads(SAMPLE.read_text(encoding="utf-8").splitlines()[0])
    with big.open("w", encoding="utf-8") as handle:
        for i in range(9):
            handle.write(json.dumps({**line, "quoteID": str(i), "quotation": f"Quotation number {i}."}) + "\n")
    ledger = Ledger.init(tmp_path / "claims")

    result = import_quotebank(ledger, big)

    assert (result.lines, result.claims_added) == (9, 18)
    assert len(Ledger.open(ledger.path).claims()) == 18


def test_a_file_that_is_not_there_or_not_a_file_is_an_error(cli, tmp_path: Path) -> None:
    missing = cli("import", "--format", "quotebank", str(tmp_path / "nope.jsonl"))
    assert missing.exit_code == 1
    assert "nope.jsonl" in missing.stderr

    folder = tmp_path / "dir.jsonl"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "x")
    refused = cli("import", "--format", "quotebank", str(folder))
    assert refused.exit_code == 2  # click refuses a directory
