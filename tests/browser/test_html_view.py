"""The HTML view in a real browser: it loads offline with no errors, search highlights and zooms, the
filters hide claims, clicking a claim on the canvas fills the panel, and hostile text stays text.

One headless Chromium serves the whole module (see conftest.py). Set PROVENANCE_UPDATE_SCREENSHOTS=1
to write the screenshot of the sample page into docs/img/ for the documentation.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import networkx as nx
import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from provenance import Ledger, render

from .conftest import Browser

ROOT = Path(__file__).resolve().parent.parent.parent
TSEPKALO_CLAIM = "claim:c-3e9c1a6cc95c"
TSEPKALO_QUOTE = "The people of Belarus are in support of Putin in support of Lukashenko,"
TECH2_URL = "https://tech2.org/belarus-join-a-100000-rally-against-lukashenko-on-the-eve-of-putin-showdown-belarus/"
HOSTILE_QUOTE = 'He wrote </script><script>alert("pwned")</script> and <!-- then <img src=x onerror=alert(2)>'


@pytest.fixture(scope="module")
def sample_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample ledger's page, written by the CLI's code path (with the sources' text snapshots)."""
    from click.testing import CliRunner

    from provenance.cli import main

    folder = tmp_path_factory.mktemp("page")
    ledger = folder / "claims"
    shutil.copytree(ROOT / "claims", ledger)
    target = folder / "who.html"
    result = CliRunner().invoke(main, ["--ledger", str(ledger), "graph", "--format", "html", "-o", str(target)])
    assert result.exit_code == 0, result.output
    return target


def _texts(browser: Browser, selector: str) -> list[str]:
    return [e.text for e in browser.driver.find_elements(By.CSS_SELECTOR, selector)]


def _search(browser: Browser, words: str) -> None:
    box = browser.driver.find_element(By.ID, "search")
    box.send_keys(Keys.ESCAPE)  # the page empties the box and the results at once
    WebDriverWait(browser.driver, 5).until(lambda d: d.find_element(By.ID, "search-count").text == "")
    box.send_keys(words)
    WebDriverWait(browser.driver, 5).until(
        lambda d: d.find_element(By.ID, "search-count").text.endswith(("match", "matches"))
    )


def _click_node(browser: Browser, node: str) -> None:
    """Click the node where it is drawn on the canvas, as a reader would."""
    WebDriverWait(browser.driver, 5).until(
        lambda d: d.execute_script("return !!window.provenanceView.renderer.getNodeDisplayData(arguments[0])", node)
    )
    x, y, width, height = browser.js(
        "var v = window.provenanceView, p = v.renderer.graphToViewport(v.graph.getNodeAttributes(arguments[0]));"
        "var r = document.getElementById('graph').getBoundingClientRect(); return [p.x, p.y, r.width, r.height];",
        node,
    )
    area = browser.driver.find_element(By.ID, "graph")
    ActionChains(browser.driver).move_to_element_with_offset(
        area, int(x - width / 2), int(y - height / 2)
    ).click().perform()


# ------------------------------------------------------------------ offline and clean


def test_the_page_loads_from_a_file_with_no_errors_and_no_requests(browser: Browser, sample_page: Path) -> None:
    browser.open(sample_page)

    assert browser.errors() == []
    page_url = sample_page.resolve().as_uri()
    fetched = [url for url in browser.requests if url != page_url and not url.startswith("data:")]
    assert fetched == []  # data: URLs are the browser's own icons (the date picker), inside the page
    assert browser.js("return window.provenanceView.graph.order") == 30  # 9 speakers, 19 claims, 2 sources


def test_the_graph_is_drawn_with_labels(browser: Browser, sample_page: Path, tmp_path: Path) -> None:
    browser.open(sample_page)

    painted = browser.js(
        "var c = document.querySelector('#graph canvas.sigma-labels'); var d = c.getContext('2d')"
        ".getImageData(0, 0, c.width, c.height).data; var n = 0;"
        "for (var i = 3; i < d.length; i += 4) { if (d[i] > 0) { n++; } } return n;"
    )
    assert painted > 1000  # the labels layer is not blank: sigma drew the speakers' names
    shot = tmp_path / "html-view.png"
    assert browser.driver.save_screenshot(str(shot))
    assert shot.read_bytes().startswith(b"\x89PNG")
    if os.environ.get("PROVENANCE_UPDATE_SCREENSHOTS") == "1":
        shutil.copyfile(shot, ROOT / "docs" / "img" / "html-view.png")


# ------------------------------------------------------------------ search


def test_searching_a_name_highlights_the_speaker_and_lists_it(browser: Browser, sample_page: Path) -> None:
    browser.open(sample_page)
    before = browser.js("return window.provenanceView.renderer.getCamera().ratio")

    _search(browser, "tsepkalo")

    assert browser.driver.find_element(By.ID, "search-count").text == "1 match"
    assert _texts(browser, "#results li") == ["speaker Valery Tsepkalo"]
    assert browser.js("return window.provenanceView.matches()") == ["speaker:valery-tsepkalo"]
    WebDriverWait(browser.driver, 5).until(
        lambda d: d.execute_script("return window.provenanceView.renderer.getCamera().ratio") < before
    )  # zoomed in on it
    assert browser.errors() == []


def test_searching_words_of_a_quote_or_an_outlet_finds_them(browser: Browser, sample_page: Path) -> None:
    browser.open(sample_page)

    _search(browser, "kremlin path")
    assert browser.js("return window.provenanceView.matches()") == ["claim:c-113d5596a1fe"]

    _search(browser, "guardian")
    assert browser.js("return window.provenanceView.matches()") == ["source:guardian-belarus-rally-2020-09-13"]

    _search(browser, "nothing like this anywhere")
    assert browser.driver.find_element(By.ID, "search-count").text == "0 matches"


def test_pressing_enter_opens_the_first_result(browser: Browser, sample_page: Path) -> None:
    browser.open(sample_page)
    _search(browser, "Gould-Davies")

    browser.driver.find_element(By.ID, "search").send_keys("\n")

    panel = browser.driver.find_element(By.ID, "panel")
    assert panel.find_element(By.TAG_NAME, "h2").text == "Nigel Gould-Davies"
    assert "2 claims" in panel.text


# ------------------------------------------------------------------ the panel


def test_clicking_a_claim_on_the_canvas_fills_the_panel(browser: Browser, sample_page: Path) -> None:
    browser.open(sample_page)

    _click_node(browser, TSEPKALO_CLAIM)

    panel = browser.driver.find_element(By.ID, "panel")
    WebDriverWait(browser.driver, 5).until(lambda d: panel.get_attribute("data-selected") == TSEPKALO_CLAIM)
    assert panel.find_element(By.ID, "claim-text").text == f"\u201c{TSEPKALO_QUOTE}\u201d"
    rows = dict(zip(_texts(browser, "#panel dt"), _texts(browser, "#panel dd"), strict=True))
    assert rows["Speaker"] == "Valery Tsepkalo"
    assert rows["Printed as"] == "Velary Tsepalko"
    assert rows["Venue"] == "Phone call from exile in Poland \u00b7 phone-call"
    assert rows["Status"] == "recorded"
    context = panel.find_element(By.ID, "claim-context")
    assert context.find_element(By.TAG_NAME, "mark").text == TSEPKALO_QUOTE
    assert "said opposition politician Velary Tsepalko" in context.text  # the source's own words around it
    links = [a.get_attribute("href") for a in panel.find_elements(By.TAG_NAME, "a")]
    assert links == [TECH2_URL]
    assert browser.errors() == []


def test_clicking_the_speaker_in_the_panel_lists_their_claims(browser: Browser, sample_page: Path) -> None:
    browser.open(sample_page)
    browser.js("window.provenanceView.select(arguments[0], false)", "claim:c-113d5596a1fe")

    browser.driver.find_element(By.CSS_SELECTOR, "#panel button[data-node='speaker:stephen-biegun']").click()

    panel = browser.driver.find_element(By.ID, "panel")
    assert panel.find_element(By.TAG_NAME, "h2").text == "Stephen Biegun"
    assert "3 claims" in panel.text
    listed = [b.get_attribute("data-node") for b in panel.find_elements(By.CSS_SELECTOR, "li button")]
    assert len(listed) == 3
    assert "claim:c-113d5596a1fe" in listed


# ------------------------------------------------------------------ filters


def test_the_filters_hide_claims_and_say_how_many_are_shown(browser: Browser, sample_page: Path) -> None:
    browser.open(sample_page)
    count = browser.driver.find_element(By.ID, "visible-count")
    assert count.text == "19 of 19 claims shown"

    browser.driver.find_element(By.CSS_SELECTOR, "#filter-kind input[value='indirect']").click()
    assert count.text == "11 of 19 claims shown"

    Select(browser.driver.find_element(By.ID, "filter-speaker")).select_by_visible_text("European Union")
    assert count.text == "2 of 19 claims shown"  # its two direct quotes
    hidden = browser.js(
        "var v = window.provenanceView; return v.graph.filterNodes(function (n) {"
        "return !v.renderer.getNodeDisplayData(n) || v.renderer.getNodeDisplayData(n).hidden; }).length"
    )
    assert hidden > 20

    browser.driver.find_element(By.ID, "filter-reset").click()
    assert count.text == "19 of 19 claims shown"

    browser.js(
        "var input = document.getElementById('filter-from'); input.value = '2020-09-13';"
        "input.dispatchEvent(new Event('change'));"
    )
    assert (
        count.text == "5 of 19 claims shown"
    )  # the march and the address, on 13 September; the rest earlier or undated


# ------------------------------------------------------------------ variants and hostile text


def test_a_claims_variants_show_with_their_word_diff(browser: Browser, tmp_path: Path) -> None:
    ledger = Ledger.init(tmp_path / "claims")
    ledger.add_speaker("Ann Example", description="mayor")
    ledger.add_source(source_id="crier", title="Bridge repairs", outlet="Town Crier", published=dt.date(2024, 3, 1))
    ledger.add_source(source_id="farm", title="Bridge news", outlet="Copy Farm", derived_from=[("crier", "rewrite")])
    ledger.add(
        "The bridge will reopen before the summer festival, and not a day later.", speaker="Ann Example", source="crier"
    )
    copy = ledger.add(
        "The bridge will reopen before the autumn festival, and not a day later.", speaker="Ann Example", source="farm"
    ).claim
    ledger.variants(write=True)
    page = render(ledger.graph(), tmp_path / "variants.html")
    browser.open(page)

    browser.js("window.provenanceView.select(arguments[0], false)", f"claim:{copy.id}")

    variants = browser.driver.find_element(By.ID, "claim-variants")
    assert variants.text.startswith("variant of The bridge will reopen before the summer")
    assert [e.text for e in variants.find_elements(By.TAG_NAME, "del")] == ["summer"]
    assert [e.text for e in variants.find_elements(By.TAG_NAME, "ins")] == ["autumn"]


def test_hostile_text_is_shown_as_text_and_never_run(browser: Browser, tmp_path: Path) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("speaker:s", type="speaker", name="Dr <b>Evil</b>", kind="person")
    graph.add_node("speaker:t", type="speaker", name="Ann Plain", kind="person")
    graph.add_node("claim:c", type="claim", text=HOSTILE_QUOTE, kind="direct", status="recorded")
    graph.add_node("claim:d", type="claim", text="Plain words.", kind="direct", status="recorded")
    graph.add_node("source:x", type="source", title="</title><script>alert(3)</script>", url="javascript:alert(4)")
    for speaker, claim in (("speaker:s", "claim:c"), ("speaker:t", "claim:d")):
        graph.add_edge(speaker, claim, key="said", relation="said")
        graph.add_edge(claim, "source:x", key="reported-by", relation="reported-by")
    page = render(graph, tmp_path / "hostile.html", title="<script>alert(5)</script>")
    raw = page.read_text(encoding="utf-8")
    assert "<script>alert" not in raw
    assert "</script><script>" not in raw.replace("</script>\n<script>", "")

    browser.open(page)  # an alert would stop the driver here
    browser.js("window.provenanceView.select(arguments[0], false)", "claim:c")

    assert browser.driver.find_element(By.ID, "claim-text").text == f"\u201c{HOSTILE_QUOTE}\u201d"
    assert browser.driver.find_element(By.ID, "title").text == "<script>alert(5)</script>"
    assert browser.driver.find_elements(By.CSS_SELECTOR, "#panel img, #panel script") == []
    browser.js("window.provenanceView.select(arguments[0], false)", "source:x")
    assert browser.driver.find_elements(By.CSS_SELECTOR, "#panel a") == []  # a javascript: URL is not linked
    assert browser.errors() == []
