"""`corpus group` and `corpus import`: one utterance across outlets, its origin and drift, and back into a ledger."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from corpus_data import rows, write_jsonl

from provenance import DocumentError, Ledger, NotFoundError
from provenance.corpus import extract, group, import_quotes

ORIGINAL = "We will not give up until every political prisoner walks free"
OTHER = "The streets belong to the people who fill them every Sunday"


def story(number: int, date: str, outlet: str, *paragraphs: str) -> dict[str, str]:
    return {
        "id": f"s{number}",
        "url": f"https://{outlet}.example.org/s{number}",
        "date": date,
        "text": "MINSK - Protests continued on Sunday.\n\n" + "\n\n".join(paragraphs),
    }


def said(words: str, who: str = "Valery Tsepkalo") -> str:
    return f"\u201c{words},\u201d {who} said."


STORIES = [
    story(3, "2020-08-03", "gamma", said(ORIGINAL.upper().replace("EVERY", "every"))),  # cosmetic (case)
    story(1, "2020-08-01", "alpha", said(ORIGINAL), said(OTHER, "Maria Kolesnikova")),
    story(2, "2020-08-02", "beta", said(ORIGINAL), said(ORIGINAL)),  # printed twice in one article
    story(4, "2020-08-04", "delta", said(ORIGINAL.replace("political ", ""))),  # truncated
    story(5, "2020-08-05", "alpha", said(ORIGINAL.replace("not", "never"))),  # substituted
    story(
        6,
        "2020-08-06",
        "epsilon",
        said("Nobody in this country believes the official count any more", "Pavel Latushko"),
    ),
    story(7, "2020-08-07", "zeta", said(ORIGINAL, "Maria Kolesnikova")),  # same words, another named speaker
]


@pytest.fixture
def grouped(tmp_path: Path, aliases_file: Path, client) -> Path:
    out = tmp_path / "out"
    extract([write_jsonl(tmp_path / "news.jsonl", STORIES)], out, client=client, aliases=aliases_file)
    group(out, client=client)
    return out


def test_copies_form_one_group_whose_origin_is_the_earliest_with_the_drift_of_each(grouped: Path) -> None:
    counts = rows(grouped, "group_counts", "first_date")
    members = rows(grouped, "groups", "published")

    assert len(counts) == 1  # OTHER and the Latushko quote appear once: no group
    [summary] = counts
    assert summary["text"] == ORIGINAL + ","
    assert (summary["quotes"], summary["articles"], summary["outlets"]) == (5, 5, 4)
    assert (str(summary["first_date"]), str(summary["last_date"])) == ("2020-08-01", "2020-08-05")
    assert summary["speaker"] == "valery-tsepkalo"
    drift = {m["url"].rsplit("/", 1)[1]: (m["drift"], m["origin"]) for m in members}
    assert drift == {
        "s1": ("identical", True),
        "s2": ("identical", False),
        "s3": ("cosmetic", False),
        "s4": ("truncated", False),
        "s5": ("substituted", False),
    }
    assert all(0.6 <= m["similarity"] <= 1.0 for m in members)


def test_grouping_again_replaces_the_groups(grouped: Path, client) -> None:
    before = rows(grouped, "groups", "quote")
    again = group(grouped, client=client)

    assert rows(grouped, "groups", "quote") == before
    assert (again.groups, again.grouped_quotes) == (1, 5)
    assert not (grouped / "_group_work").exists()


def test_import_records_a_groups_quotes_with_their_sources_and_snapshots(grouped: Path, ledger_path: Path) -> None:
    [summary] = rows(grouped, "group_counts", "group")
    ledger = Ledger.open(ledger_path)

    imported = import_quotes(grouped, ledger, group=summary["group"])
    again = import_quotes(grouped, Ledger.open(ledger_path), group=summary["group"])

    assert (imported.quotes, imported.added, imported.already_recorded) == (5, 5, 0)
    assert (again.added, again.already_recorded) == (0, 5)
    fresh = Ledger.open(ledger_path)
    claims = [c for c in fresh.claims() if c.source in imported.sources]
    assert len(claims) == 5
    assert {c.speaker for c in claims} == {"valery-tsepkalo"}
    assert {c.status.value for c in claims} == {"extracted"}
    assert {o.outcome.value for o in fresh.verify()} == {"exact"}
    assert fresh.source(imported.sources[0]).url == "https://alpha.example.org/s1"


def test_import_by_speaker_registers_the_speaker_from_the_alias_table(grouped: Path, ledger_path: Path) -> None:
    imported = import_quotes(grouped, Ledger.open(ledger_path), speaker="maria-kolesnikova")

    assert imported.speakers_registered == ("maria-kolesnikova",)
    speaker = Ledger.open(ledger_path).speaker("maria-kolesnikova")
    assert speaker.identifiers == {"wikidata": "Q1234"}
    assert "Maryia Kalesnikava" in speaker.aliases
    assert imported.added == 2


def test_import_refuses_an_unknown_group_and_an_input_that_changed(grouped: Path, ledger_path: Path) -> None:
    with pytest.raises(NotFoundError, match="no group 'g-nope'"):
        import_quotes(grouped, Ledger.open(ledger_path), group="g-nope")
    source = json.loads((grouped / "_corpus.json").read_text())["inputs"]
    path = Path(next(iter(source)))
    path.write_text(path.read_text().replace("Protests continued", "Protests went on"))
    [summary] = rows(grouped, "group_counts", "group")
    with pytest.raises(DocumentError, match="not what was extracted"):
        import_quotes(grouped, Ledger.open(ledger_path), group=summary["group"])
