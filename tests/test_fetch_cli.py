"""`sources add URL` and `sources text`: what a user sees, what lands in the ledger, and that a failure writes nothing.

Pages come from the local server of tests/pageserver.py (fixture `pages`); every download gets
--allow-private because that server is on 127.0.0.1, and a short --timeout.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result

from pageserver import PAGES, PageServer
from provenance import FetchError, FetchLimits, Ledger

SOURCE_ID = "minsk-march"  # the fresh ledger's source (conftest.py)
FAST = ("--allow-private", "--timeout", "0.5")
Invoke = Callable[..., Result]


def files(root: Path) -> dict[str, bytes]:
    """Every file of a ledger and its bytes (the writers' lock left out)."""
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and p.name != ".lock"
    }


def source_yaml(ledger_path: Path, source_id: str) -> dict[str, object]:
    data = yaml.safe_load((ledger_path / "sources" / f"{source_id}.yaml").read_text(encoding="utf-8"))
    source: dict[str, object] = data["source"]
    return source


# ------------------------------------------------------------------ sources add URL


def test_sources_add_url_fetches_the_page_and_records_its_text_and_metadata(
    cli: Invoke, pages: PageServer, ledger_path: Path
) -> None:
    url = pages.url("/pages/article.html")

    result = cli("sources", "add", url, "--id", "turnout", *FAST)

    assert result.exit_code == 0, result.output
    assert f"Fetching {url} …" in result.output
    assert "Registered source turnout with a 913-character text snapshot" in result.output
    assert "  canonical  https://news.example/politics/minister-defends-turnout" in result.output
    source = source_yaml(ledger_path, "turnout")
    text = (ledger_path / "texts" / "turnout.txt").read_text(encoding="utf-8")
    assert text.startswith("Minister defends turnout figures\n\nThe interior minister")
    assert source == {
        "id": "turnout",
        "title": "Minister defends turnout figures",
        "outlet": "The Daily Example",
        "url": url,
        "canonical_url": "https://news.example/politics/minister-defends-turnout",
        "author": "Jane Reporter",
        "published": dt.date(2024, 3, 5),
        "retrieved": dt.date.today(),
        "text_sha256": hashlib.sha256(text.encode()).hexdigest(),
        "page_sha256": hashlib.sha256((PAGES / "article.html").read_bytes()).hexdigest(),
    }
    assert cli("check").exit_code == 0


def test_what_the_user_gives_wins_over_the_page(cli: Invoke, pages: PageServer, ledger_path: Path) -> None:
    result = cli(
        "sources", "add", pages.url("/pages/article.html"), "--id", "turnout", "--title", "My title",
        "--outlet", "Daily Ex.", "--published", "2024-03-04", *FAST,
    )  # fmt: skip

    assert result.exit_code == 0, result.output
    source = source_yaml(ledger_path, "turnout")
    assert (source["title"], source["outlet"], source["published"]) == ("My title", "Daily Ex.", dt.date(2024, 3, 4))
    assert source["author"] == "Jane Reporter"  # not given: the page's


def test_sources_add_json_prints_the_recorded_source(cli: Invoke, pages: PageServer) -> None:
    result = cli("sources", "add", pages.url("/redirect/2"), "--id", "turnout", "--json", *FAST)

    data = json.loads(result.stdout)
    assert data["canonical_url"] == "https://news.example/politics/minister-defends-turnout"
    assert data["url"] == pages.url("/redirect/2")


def test_a_redirected_page_without_a_canonical_link_records_where_it_led(
    cli: Invoke, pages: PageServer, ledger_path: Path
) -> None:
    result = cli("sources", "add", pages.url("/goto/pages/transcript.txt"), "--id", "transcript", *FAST)

    assert result.exit_code == 0, result.output
    source = source_yaml(ledger_path, "transcript")
    assert source["url"] == pages.url("/goto/pages/transcript.txt")
    assert source["canonical_url"] == pages.url("/pages/transcript.txt")
    assert "title" not in source  # plain text says nothing about itself
    assert (ledger_path / "texts" / "transcript.txt").read_bytes() == (PAGES / "transcript.txt").read_bytes()


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("/status/404", "the server answered 404 Not Found; check the address"),
        ("/status/500", "the server answered 500 Internal Server Error; the site is failing or busy"),
        ("/redirect/6", "it redirects more than 5 times; the address may loop"),
        ("/stall", "no complete answer within 0.5 seconds; try again later, or allow more time (--timeout)"),
        ("/trickle", "no complete answer within 0.5 seconds"),
        ("/endless", "it is larger than the limit of 10.0 MB; nothing was kept"),
        ("/announced-huge", "the server announces 47.7 MB, over the limit of 10.0 MB"),
        ("/pages/document.pdf", "it is application/pdf, not a web page or plain text"),
        ("/pages/image.png", "it is image/png, not a web page or plain text"),
        ("/pages/menu.html", "no article text found in the page"),
    ],
)
def test_a_failed_fetch_is_a_clear_error_and_writes_nothing(
    cli: Invoke, pages: PageServer, ledger_path: Path, path: str, says: str
) -> None:
    before = files(ledger_path)
    url = pages.url(path)

    result = cli("sources", "add", url, *FAST)

    assert result.exit_code == 1
    assert f"Error: cannot fetch {url}: {says}" in result.stderr
    assert "Traceback" not in result.output
    assert files(ledger_path) == before


def test_a_private_address_is_refused_without_allow_private(cli: Invoke, pages: PageServer, ledger_path: Path) -> None:
    before = files(ledger_path)

    result = cli("sources", "add", pages.url("/pages/article.html"), "--timeout", "0.5")

    assert result.exit_code == 1
    assert "127.0.0.1 is a private or local network address" in result.stderr
    assert "(--allow-private)" in result.stderr
    assert files(ledger_path) == before
    assert pages.requests == []


def test_wrong_charset_pages_are_recorded_with_the_right_characters(
    cli: Invoke, pages: PageServer, ledger_path: Path
) -> None:
    assert cli("sources", "add", pages.url("/pages/mislabelled.html"), "--id", "cafe", *FAST).exit_code == 0
    assert cli("sources", "add", pages.url("/pages/latin1.html"), "--id", "shore", *FAST).exit_code == 0

    cafe = (ledger_path / "texts" / "cafe.txt").read_text(encoding="utf-8")
    shore = (ledger_path / "texts" / "shore.txt").read_text(encoding="utf-8")
    assert "Łukasz Wróbel" in cafe
    assert source_yaml(ledger_path, "cafe")["title"] == "Café reopens on Rynek Square"
    assert "señora Núñez" in shore
    added = cli(
        "add", "We had a good run, and the rent doubled,", "--speaker", "Núñez", "--new-speaker", "--source", "shore"
    )
    assert "(shore at " in added.output  # anchored in the decoded text


def test_offline_registers_the_url_with_no_text_and_no_request(
    cli: Invoke, pages: PageServer, ledger_path: Path
) -> None:
    url = pages.url("/pages/article.html")

    result = cli("sources", "add", url, "--id", "later", "--offline")

    assert result.exit_code == 0, result.output
    assert result.output == "Registered source later\n"
    assert pages.requests == []
    assert source_yaml(ledger_path, "later") == {"id": "later", "url": url}
    assert not (ledger_path / "texts" / "later.txt").exists()


def test_a_text_file_with_a_url_is_used_instead_of_fetching(
    cli: Invoke, pages: PageServer, ledger_path: Path, tmp_path: Path
) -> None:
    saved = tmp_path / "saved.txt"
    saved.write_text("A saved copy of the article.\n", encoding="utf-8")

    result = cli("sources", "add", pages.url("/pages/article.html"), "--id", "saved", "--text", str(saved))

    assert result.exit_code == 0, result.output
    assert pages.requests == []
    assert (ledger_path / "texts" / "saved.txt").read_text(encoding="utf-8") == "A saved copy of the article.\n"


def test_an_existing_source_is_refused_before_any_download(cli: Invoke, pages: PageServer, ledger_path: Path) -> None:
    before = files(ledger_path)

    result = cli("sources", "add", pages.url("/pages/article.html"), "--id", SOURCE_ID, *FAST)

    assert result.exit_code == 1
    assert f"source {SOURCE_ID!r} already exists; 'provenance sources text {SOURCE_ID}' fetches its text again" in (
        result.stderr
    )
    assert pages.requests == []
    assert files(ledger_path) == before


def test_retrieved_is_refused_for_a_page_fetched_now(cli: Invoke, pages: PageServer) -> None:
    result = cli("sources", "add", pages.url("/pages/article.html"), "--retrieved", "2024-01-01", *FAST)

    assert result.exit_code == 2
    assert "a page fetched now is retrieved today" in result.output
    assert pages.requests == []


def test_help_fetches_nothing(run: Invoke, pages: PageServer) -> None:
    assert run("sources", "add", "--help").exit_code == 0
    assert run("sources", "text", "--help").exit_code == 0
    assert pages.requests == []


# ------------------------------------------------------------------ sources text


def test_sources_text_attaches_a_text_to_a_source_that_has_none(
    cli: Invoke, pages: PageServer, ledger_path: Path
) -> None:
    url = pages.url("/pages/article.html")
    cli("sources", "add", url, "--id", "later", "--offline")

    result = cli("sources", "text", "later", *FAST)  # no FILE_OR_URL: the source's own URL

    assert result.exit_code == 0, result.output
    assert "Attached a text to later." in result.output
    source = source_yaml(ledger_path, "later")
    assert source["title"] == "Minister defends turnout figures"  # the page fills what the source lacked
    assert source["retrieved"] == dt.date.today()
    assert "snapshots" not in source
    assert list((ledger_path / "texts").glob("later*")) == [ledger_path / "texts" / "later.txt"]


def test_sources_text_replaces_a_changed_text_and_keeps_the_old_one(
    cli: Invoke, pages: PageServer, ledger_path: Path, article: str
) -> None:
    quote = cli("add", "We will not give up", "--speaker", "Tsepkalo", "--source", SOURCE_ID)
    assert "(minsk-march at " in quote.output
    pages.serve("/minsk", "article-updated.html")
    old_sha = hashlib.sha256(article.encode()).hexdigest()

    result = cli("sources", "text", SOURCE_ID, pages.url("/minsk"), *FAST)

    assert result.exit_code == 0, result.output
    kept = f"texts/{SOURCE_ID}@{old_sha[:12]}.txt"
    assert f"Replaced the text of {SOURCE_ID}; the earlier text is kept as {kept}." in result.output
    assert "1 claim anchored in the earlier text" in result.output
    assert (ledger_path / kept).read_text(encoding="utf-8") == article
    source = source_yaml(ledger_path, SOURCE_ID)
    assert source["snapshots"] == [{"sha256": old_sha, "replaced_on": dt.date.today()}]
    new_text = (ledger_path / "texts" / f"{SOURCE_ID}.txt").read_text(encoding="utf-8")
    assert source["text_sha256"] == hashlib.sha256(new_text.encode()).hexdigest()
    assert source["title"] == "Tens of thousands march in Minsk"  # the source's own metadata is kept
    assert cli("check").exit_code == 0

    verify = cli("verify")
    assert verify.exit_code == 1  # the quote is not in the new text: an orphan, not a checksum failure
    assert "orphan" in verify.output
    assert f"the earlier text is {kept}" in verify.output
    assert re.search(r"^changed +0$", verify.output, re.MULTILINE)


def test_verify_after_a_refresh_reports_moved_fuzzy_and_orphan_claims(
    cli: Invoke, pages: PageServer, ledger_path: Path
) -> None:
    pages.serve("/article", "article.html", "article-updated.html")
    cli("sources", "add", pages.url("/article"), "--id", "turnout", *FAST)
    said = {
        "The figures stand.": "Ana Kovač",
        "Every ballot was counted twice, in front of observers from every party,": "Ana Kovač",
        "If the numbers are right, publishing them costs nothing,": "Tomas Brandt",
        "called for an independent recount in the three districts": "Tomas Brandt",
    }
    ids = {}
    for words, speaker in said.items():
        added = cli("add", words, "--speaker", speaker, "--new-speaker", "--source", "turnout", "--json")
        ids[words] = json.loads(added.stdout)["id"]

    assert cli("sources", "text", "turnout", *FAST).exit_code == 0
    results = json.loads(cli("verify", "--json").stdout)

    outcomes = {r["claim"]: r["outcome"] for r in results["claims"] if r["source"] == "turnout"}
    assert outcomes == {
        ids["The figures stand."]: "moved",
        ids["Every ballot was counted twice, in front of observers from every party,"]: "fuzzy",
        ids["If the numbers are right, publishing them costs nothing,"]: "orphan",
        ids["called for an independent recount in the three districts"]: "moved",
    }
    assert cli("verify", "--fix").exit_code == 1  # the orphan remains; the moved anchors are moved
    after = json.loads(cli("verify", "--json").stdout)["summary"]
    assert (after["exact"], after["moved"], after["fuzzy"], after["orphan"]) == (2, 0, 1, 1)


def test_the_same_text_again_writes_nothing(cli: Invoke, pages: PageServer, ledger_path: Path) -> None:
    cli("sources", "add", pages.url("/pages/article.html"), "--id", "turnout", *FAST)
    before = files(ledger_path)

    result = cli("sources", "text", "turnout", *FAST)

    assert result.exit_code == 0, result.output
    assert "The text of turnout is unchanged; nothing was written." in result.output
    assert files(ledger_path) == before


def test_sources_text_reads_a_file(cli: Invoke, ledger_path: Path, tmp_path: Path) -> None:
    page = tmp_path / "saved.html"
    page.write_bytes((PAGES / "article.html").read_bytes())

    result = cli("sources", "text", SOURCE_ID, str(page), "--retrieved", "2024-03-06", "--json")

    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["change"] == "replaced"
    assert data["source"]["retrieved"] == "2024-03-06"
    assert data["source"]["title"] == "Tens of thousands march in Minsk"  # a file fills nothing
    assert "page_sha256" not in data["source"] or data["source"]["page_sha256"] is None
    assert data["anchored"] == []
    assert (ledger_path / "texts" / f"{SOURCE_ID}.txt").read_text(encoding="utf-8").startswith("Minister defends")


def test_sources_text_failures_write_nothing(cli: Invoke, pages: PageServer, ledger_path: Path) -> None:
    cli("sources", "add", "https://example.org/no-url-text", "--id", "nowhere", "--offline")
    cli("sources", "add", "--id", "bare", "--offline")
    before = files(ledger_path)

    missing = cli("sources", "text", SOURCE_ID, pages.url("/status/404"), *FAST)
    no_url = cli("sources", "text", "bare", *FAST)
    unknown = cli("sources", "text", "no-such-source", pages.url("/pages/article.html"), *FAST)
    no_file = cli("sources", "text", SOURCE_ID, "no-such-file.txt")

    assert [r.exit_code for r in (missing, no_url, unknown, no_file)] == [1, 1, 1, 1]
    assert f"Error: cannot fetch {pages.url('/status/404')}: the server answered 404 Not Found" in missing.stderr
    assert "source 'bare' has no URL to fetch; give a file or a URL" in no_url.stderr
    assert "no source 'no-such-source'" in unknown.stderr
    assert "no-such-file.txt" in no_file.stderr
    assert files(ledger_path) == before
    assert [path for path, _ in pages.requests] == ["/status/404"]


def test_a_missing_snapshot_is_not_replaced_blindly(cli: Invoke, ledger_path: Path, tmp_path: Path) -> None:
    (ledger_path / "texts" / f"{SOURCE_ID}.txt").unlink()
    new = tmp_path / "new.txt"
    new.write_text("A new text.\n", encoding="utf-8")
    before = files(ledger_path)

    result = cli("sources", "text", SOURCE_ID, str(new))

    assert result.exit_code == 1
    assert f"texts/{SOURCE_ID}.txt is missing though the source records its checksum; restore it" in result.stderr
    assert files(ledger_path) == before


# ------------------------------------------------------------------ the same in Python


def test_python_fetch_source_and_refresh_text(ledger: Ledger, pages: PageServer, ledger_path: Path) -> None:
    pages.serve("/article", "article.html", "article-updated.html", "article.html")
    local = FetchLimits(timeout=0.5, allow_private=True)
    seen: list[str] = []

    source = ledger.fetch_source(pages.url("/article"), source_id="turnout", limits=local, on_download=seen.append)
    ledger.add("The figures stand.", speaker="Stephen Biegun", source="turnout")
    first = ledger.refresh_text("turnout", limits=local, on_download=seen.append)
    second = ledger.refresh_text("turnout", limits=local)  # the page went back to its first version

    assert seen == [pages.url("/article")] * 2
    assert source.title == "Minister defends turnout figures"
    assert (first.change.value, second.change.value) == ("replaced", "replaced")
    history = ledger.source("turnout").snapshots
    assert len(history) == 2
    assert history[0].sha256 == source.text_sha256
    assert history[0].page_sha256 == source.page_sha256
    assert history[0].retrieved == dt.date.today()
    assert ledger.text("turnout") == (ledger_path / "texts" / f"turnout@{source.text_sha256[:12]}.txt").read_text(
        encoding="utf-8"
    )  # back to the first text, which is also kept under its checksum
    assert {v.outcome.value for v in ledger.verify() if v.source == "turnout"} == {"exact"}


def test_python_fetch_errors_are_fetch_errors(ledger: Ledger, pages: PageServer) -> None:
    with pytest.raises(FetchError) as caught:
        ledger.fetch_source(pages.url("/status/410"), limits=FetchLimits(timeout=0.5, allow_private=True))
    assert caught.value.url == pages.url("/status/410")
    assert [s.id for s in ledger.sources()] == [SOURCE_ID]


def test_a_source_without_a_url_gets_the_one_its_text_was_fetched_from(
    cli: Invoke, pages: PageServer, ledger_path: Path
) -> None:
    cli("sources", "add", "--id", "bare", "--offline")
    url = pages.url("/pages/article.html")

    assert cli("sources", "text", "bare", url, *FAST).exit_code == 0

    source = source_yaml(ledger_path, "bare")
    assert source["url"] == url
    assert source["canonical_url"] == "https://news.example/politics/minister-defends-turnout"


def test_a_text_fetched_from_another_address_keeps_the_source_s_own(
    cli: Invoke, pages: PageServer, ledger_path: Path
) -> None:
    result = cli("sources", "text", SOURCE_ID, pages.url("/pages/article.html"), *FAST)

    assert result.exit_code == 0, result.output
    source = source_yaml(ledger_path, SOURCE_ID)
    assert source["url"] == "https://example.org/news/minsk-march.html"
    assert "canonical_url" not in source  # the other page's canonical link is not this source's
    assert source["author"] == "Jane Reporter"  # what the source lacked is filled
