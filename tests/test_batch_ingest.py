"""Recording a whole batch: a JSON Lines corpus or a set of saved web pages, one source per document."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from provenance import Ledger

ARTICLES = [
    {
        "id": "wire-0001",
        "url": "https://wire.example.org/2024/03/05/harbour-fees",
        "title": "Harbour fees to rise",
        "outlet": "Example Wire",
        "published": "2024-03-05T09:30:00Z",
        "text": '"We had no choice," harbour master Declan O\'Farrell said on Tuesday.\n',
    },
    {
        "id": "Wire 0002",
        "title": "Ferry strike ends",
        "outlet": "Example Wire",
        "published": "2024-03-06",
        "text": 'Union leader Ana Costa said the strike was over. "We won," she added.\n',
    },
    {"id": "wire-0003", "text": "A paragraph with nobody quoted at all.\n"},
]

PAGE = """<!doctype html><html><head>
<title>Mayor backs tram plan | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<link rel="canonical" href="https://daily.example/news/tram-plan">
<meta property="article:published_time" content="2024-04-02">
</head><body><article><h1>Mayor backs tram plan</h1>
<p>The mayor said on Monday that the tram line would be built by 2027, whatever the cost.</p>
<p>"This city has waited long enough," Mayor Lena Park told reporters at the town hall.</p>
</article></body></html>
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "wire.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    return path


def test_a_corpus_is_recorded_one_source_per_record(cli, ledger_path: Path, corpus: Path) -> None:
    result = cli("extract", str(corpus), "--add")

    assert result.exit_code == 0, result.output
    assert "Recorded 3 new claims with status 'extracted' in 3 sources" in result.stderr
    ledger = Ledger.open(ledger_path)
    by_url = ledger.source("wire-harbour-fees")
    assert (by_url.url, by_url.title, by_url.outlet, by_url.published) == (
        ARTICLES[0]["url"],
        "Harbour fees to rise",
        "Example Wire",
        dt.date(2024, 3, 5),
    )
    by_id = ledger.source("wire-0002")
    assert (by_id.url, by_id.title, by_id.published) == (None, "Ferry strike ends", dt.date(2024, 3, 6))
    assert [c.text for c in ledger.claims(source="wire-0002")] == ["the strike was over", "We won,"]
    assert ledger.text("wire-0003") == ARTICLES[2]["text"]
    assert cli("check").exit_code == 0


def test_recording_a_corpus_twice_adds_nothing(cli, ledger_path: Path, corpus: Path) -> None:
    cli("extract", str(corpus), "--add")
    before = {p: p.read_bytes() for p in ledger_path.rglob("*.yaml")}

    again = cli("extract", str(corpus), "--add")

    assert again.exit_code == 0
    assert "Recorded 0 new claims" in again.stderr
    assert {p: p.read_bytes() for p in ledger_path.rglob("*.yaml")} == before


def test_corpus_fields_are_configurable(cli, ledger_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    record = {
        "guid": "feed-7",
        "link": "https://news.example.com/story-7",
        "headline": "A headline",
        "body": ARTICLES[0]["text"],
    }
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")

    result = cli(
        "extract",
        str(path),
        "--add",
        "--text-field",
        "body",
        "--id-field",
        "guid",
        "--url-field",
        "link",
        "--title-field",
        "headline",
    )

    assert result.exit_code == 0, result.output
    source = Ledger.open(ledger_path).source("news-story-7")
    assert (source.url, source.title) == ("https://news.example.com/story-7", "A headline")


def test_a_saved_page_is_recorded_under_its_own_url_title_site_and_date(cli, ledger_path: Path, tmp_path: Path) -> None:
    page = tmp_path / "tram.html"
    page.write_text(PAGE, encoding="utf-8")

    result = cli("extract", str(page), "--add")

    assert result.exit_code == 0, result.output
    [source] = [s for s in Ledger.open(ledger_path).sources() if s.url == "https://daily.example/news/tram-plan"]
    assert (source.title, source.outlet, source.published) == (
        "Mayor backs tram plan",
        "The Daily Example",
        dt.date(2024, 4, 2),
    )
    texts = [c.text for c in Ledger.open(ledger_path).claims(source=source.id)]
    assert "This city has waited long enough," in texts


def test_jobs_give_the_same_output_in_the_same_order(run, corpus: Path, tmp_path: Path) -> None:
    pages = [corpus]
    for n in range(5):
        extra = tmp_path / f"more-{n}.jsonl"
        extra.write_text("".join(json.dumps({**a, "id": f"{a['id']}-{n}"}) + "\n" for a in ARTICLES), encoding="utf-8")
        pages.append(extra)

    one = run("extract", "--json", *map(str, pages))
    two = run("extract", "--json", "--jobs", "2", *map(str, pages))

    assert one.exit_code == two.exit_code == 0
    assert two.stdout == one.stdout
    assert len(one.stdout.splitlines()) == 18
