"""Fetching a page: the article and its metadata, and every way a download fails, against a server on 127.0.0.1.

The server (tests/pageserver.py) serves the fixture pages of tests/data/pages. Deadlines are short
(half a second) so the slow pages cost little; no test measures time.
"""

from __future__ import annotations

import codecs
import hashlib

import pytest

from pageserver import PAGES, PageServer
from provenance.errors import FetchError, InvalidInputError, ProvenanceError
from provenance.extraction.fetching import FetchLimits, content_type, download, user_agent
from provenance.extraction.webpages import decode, fetch_page

LOCAL = FetchLimits(timeout=0.5, allow_private=True)


def test_an_article_page_gives_its_text_metadata_and_checksum(pages: PageServer) -> None:
    page = fetch_page(pages.url("/pages/article.html"), LOCAL)

    assert page.text.startswith("Minister defends turnout figures\n\nThe interior minister on Tuesday")
    assert '"The figures stand."' in page.text
    assert "Privacy" not in page.text  # the footer and the menu are not the article
    assert (page.meta.title, page.meta.outlet, page.meta.author) == (
        "Minister defends turnout figures",
        "The Daily Example",
        "Jane Reporter",
    )
    assert str(page.published) == "2024-03-05"
    assert page.canonical_url == "https://news.example/politics/minister-defends-turnout"
    assert (page.media_type, page.encoding) == ("text/html", "utf-8")
    assert page.page_sha256 == hashlib.sha256((PAGES / "article.html").read_bytes()).hexdigest()


def test_the_request_names_provenance_and_its_version(pages: PageServer) -> None:
    from importlib.metadata import version

    fetch_page(pages.url("/pages/article.html"), LOCAL)

    agent = pages.requests[-1][1]["User-Agent"]
    assert agent == user_agent()
    assert agent.startswith(f"provenance/{version('provenance')} (")


def test_redirects_are_followed_and_the_final_address_kept(pages: PageServer) -> None:
    page = fetch_page(pages.url("/redirect/3"), LOCAL)

    assert page.url == pages.url("/redirect/3")
    assert page.final_url == pages.url("/pages/article.html")
    assert [path for path, _ in pages.requests] == ["/redirect/3", "/redirect/2", "/redirect/1", "/pages/article.html"]


def test_redirects_stop_at_the_limit(pages: PageServer) -> None:
    fetch_page(pages.url("/redirect/2"), FetchLimits(max_redirects=2, allow_private=True))

    with pytest.raises(FetchError, match=r"redirects more than 2 times; the address may loop") as caught:
        fetch_page(pages.url("/redirect/3"), FetchLimits(max_redirects=2, allow_private=True))
    assert caught.value.url == pages.url("/redirect/3")
    assert len(pages.requests) == 3 + 3  # the three hops allowed, then no fourth


def test_a_redirect_loop_is_refused(pages: PageServer) -> None:
    with pytest.raises(FetchError, match=r"/loop: it redirects more than 5 times"):
        fetch_page(pages.url("/loop"), LOCAL)


@pytest.mark.parametrize(
    ("status", "says"),
    [
        (404, "the server answered 404 Not Found; check the address"),
        (410, "the server answered 410 Gone; check the address"),
        (403, "the server answered 403 Forbidden; the site refuses this download"),
        (500, "the server answered 500 Internal Server Error; the site is failing or busy; try again later"),
        (503, "the server answered 503 Service Unavailable; the site is failing or busy"),
    ],
)
def test_an_error_status_is_reported_at_once(pages: PageServer, status: int, says: str) -> None:
    url = pages.url(f"/status/{status}")
    with pytest.raises(FetchError) as caught:
        fetch_page(url, LOCAL)

    assert str(caught.value).startswith(f"cannot fetch {url}: {says}")
    assert len(pages.requests) == 1  # no retry


@pytest.mark.parametrize("path", ["/stall", "/trickle"])
def test_one_deadline_covers_the_whole_download(pages: PageServer, path: str) -> None:
    # /stall never answers; /trickle answers at once and sends a few bytes every 50 ms, so no single read
    # ever times out: only a deadline on the whole download stops it.
    with pytest.raises(FetchError, match=r"no complete answer within 0\.5 seconds; try again later"):
        fetch_page(pages.url(path), LOCAL)


def test_a_page_larger_than_the_limit_is_refused_not_cut(pages: PageServer) -> None:
    with pytest.raises(FetchError, match=r"it is larger than the limit of 10\.0 MB; nothing was kept"):
        fetch_page(pages.url("/endless"), LOCAL)
    size = (PAGES / "article.html").stat().st_size
    with pytest.raises(FetchError, match=rf"announces {size:,} bytes, over the limit of {size - 1:,} bytes"):
        fetch_page(pages.url("/pages/article.html"), FetchLimits(max_bytes=size - 1, allow_private=True))
    assert fetch_page(pages.url("/pages/article.html"), FetchLimits(max_bytes=size, allow_private=True)).text


def test_a_gzip_encoded_page_is_unpacked_and_a_packed_bomb_refused(pages: PageServer) -> None:
    page = fetch_page(pages.url("/gzipped"), LOCAL)
    assert page.meta.title == "Minister defends turnout figures"
    assert page.page_sha256 == hashlib.sha256((PAGES / "article.html").read_bytes()).hexdigest()  # the page, unpacked

    with pytest.raises(FetchError, match=r"it is larger than the limit of 10\.0 MB"):
        fetch_page(pages.url("/gzip-bomb"), LOCAL)  # the limit counts the unpacked bytes


def test_a_redirect_to_a_file_url_is_refused(pages: PageServer) -> None:
    with pytest.raises(FetchError, match=r"it redirects to 'file:///etc/passwd', which is not an http\(s\) URL"):
        fetch_page(pages.url("/to-file"), LOCAL)


def test_an_announced_size_over_the_limit_is_refused_before_the_body(pages: PageServer) -> None:
    with pytest.raises(FetchError, match=r"the server announces 47\.7 MB, over the limit of 10\.0 MB"):
        fetch_page(pages.url("/announced-huge"), LOCAL)  # the body never comes: it did not wait for it


@pytest.mark.parametrize(
    ("path", "kind"), [("/pages/document.pdf", "application/pdf"), ("/pages/image.png", "image/png")]
)
def test_a_document_that_is_not_a_page_is_refused(pages: PageServer, path: str, kind: str) -> None:
    with pytest.raises(FetchError, match=rf"it is {kind}, not a web page or plain text; save the document"):
        fetch_page(pages.url(path), LOCAL)


def test_a_plain_text_page_is_kept_as_sent(pages: PageServer) -> None:
    page = fetch_page(pages.url("/pages/transcript.txt"), LOCAL)

    assert page.text == (PAGES / "transcript.txt").read_text(encoding="utf-8")
    assert page.media_type == "text/plain"
    assert page.meta.title is None


def test_a_page_without_a_content_type_is_read_when_it_is_html(pages: PageServer) -> None:
    assert fetch_page(pages.url("/untyped"), LOCAL).meta.title == "Minister defends turnout figures"


def test_a_page_with_no_article_is_refused(pages: PageServer) -> None:
    with pytest.raises(FetchError, match=r"menu\.html: no article text found in the page"):
        fetch_page(pages.url("/pages/menu.html"), LOCAL)


def test_utf8_bytes_declared_as_iso_8859_1_read_as_utf8(pages: PageServer) -> None:
    page = fetch_page(pages.url("/pages/mislabelled.html"), LOCAL)

    assert page.encoding == "utf-8"
    assert "Łukasz Wróbel" in page.text
    assert "naïve" in page.text
    assert "4 € instead of 3 €" in page.text
    assert "Ã" not in page.text  # no mojibake


def test_latin1_bytes_declared_as_utf8_read_as_latin1(pages: PageServer) -> None:
    page = fetch_page(pages.url("/pages/latin1.html"), LOCAL)

    assert "señora Núñez" in page.text
    assert "Zürich" in page.text
    assert "Même les touristes" in page.text
    assert "\ufffd" not in page.text


def test_private_addresses_are_refused_by_default(pages: PageServer) -> None:
    with pytest.raises(FetchError, match=r"127\.0\.0\.1 is a private or local network address.*--allow-private"):
        fetch_page(pages.url("/pages/article.html"), FetchLimits(timeout=0.5))
    assert pages.requests == []  # refused once connected, before a request was sent


def test_a_closed_port_is_a_clear_error() -> None:
    with pytest.raises(FetchError, match=r"cannot connect to the server"):
        fetch_page("http://127.0.0.1:9/closed", LOCAL)


@pytest.mark.parametrize("address", ["ftp://example.org/a", "example.org/story", "http://"])
def test_an_address_that_is_not_a_web_url_is_refused_without_a_request(address: str) -> None:
    with pytest.raises(FetchError, match=r"give the page's http\(s\) address"):
        fetch_page(address, LOCAL)


def test_every_fetch_error_is_a_provenance_error() -> None:
    assert issubclass(FetchError, ProvenanceError)


@pytest.mark.parametrize(
    "limits", [{"timeout": 0}, {"timeout": -1.0}, {"max_bytes": 0}, {"max_redirects": -1}], ids=str
)
def test_nonsense_limits_are_refused(limits: dict[str, float]) -> None:
    with pytest.raises(InvalidInputError):
        FetchLimits(**limits)  # type: ignore[arg-type]


def test_download_gives_the_bytes_and_what_the_server_declared(pages: PageServer) -> None:
    got = download(pages.url("/pages/mislabelled.html"), LOCAL)

    assert (got.media_type, got.charset) == ("text/html", "ISO-8859-1")
    assert got.body == (PAGES / "mislabelled.html").read_bytes()


# ------------------------------------------------------------------ decoding, without a server


def test_content_type_parsing() -> None:
    assert content_type('text/HTML; Charset="utf-8"') == ("text/html", "utf-8")
    assert content_type("text/plain") == ("text/plain", None)
    assert content_type("") == ("", None)


def test_a_byte_order_mark_decides_the_encoding() -> None:
    text = "Zürich"
    assert decode(codecs.BOM_UTF8 + text.encode(), "iso-8859-1", html=False) == (text, "utf-8-sig")
    assert decode(codecs.BOM_UTF16_LE + text.encode("utf-16-le"), None, html=False)[0] == text


def test_a_declared_charset_is_used_when_the_bytes_are_not_utf8() -> None:
    cyrillic = "Валерий Цепкало сказал, что не сдастся".encode("cp1251")

    assert decode(cyrillic, "windows-1251", html=False) == ("Валерий Цепкало сказал, что не сдастся", "cp1251")


def test_a_meta_charset_is_used_when_the_header_gives_none() -> None:
    page = '<html><head><meta charset="koi8-r"></head><body>Привет</body></html>'.encode("koi8-r")

    text, encoding = decode(page, None, html=True)
    assert "Привет" in text
    assert encoding == "koi8-r"


def test_iso_8859_1_is_read_as_windows_1252_as_browsers_do() -> None:
    assert decode("“quoted” – dash".encode("cp1252"), "ISO-8859-1", html=False) == ("“quoted” – dash", "cp1252")


def test_bytes_with_no_charset_declared_are_guessed() -> None:
    text = "Le café de la señora Núñez, près de Zürich, a fermé vendredi après quarante ans."

    assert decode(text.encode("cp1252"), None, html=False)[0] == text
    assert decode(text.encode("utf-8"), None, html=False) == (text, "utf-8")
