"""The HTML page as text: self-contained, script-safe whatever the ledger holds, links only to the web,
and the vendored JavaScript exactly the copy its record names. (tests/browser/ runs it in Chromium.)"""

from __future__ import annotations

import html.parser
import json
import math
import shutil
import sys
from pathlib import Path

import networkx as nx
import pytest

from provenance import Ledger, render
from provenance.views.html import json_for_script, page, page_data
from provenance.views.layout import positions

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import update_vendor  # noqa: E402

HOSTILE = 'a </script><script>alert(1)</script> <!-- x --> \u2028 & "quoted" <img src=x onerror=alert(2)>'


class _Scripts(html.parser.HTMLParser):
    """The page's script elements as a browser's parser splits them."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._open: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._open = dict(attrs)
            self.scripts.append((self._open, ""))

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._open = None


def _hostile_graph() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_node("speaker:s", type="speaker", name=HOSTILE, kind="person")
    graph.add_node("claim:c", type="claim", text=HOSTILE, kind="direct", status="recorded", speaker_mention=HOSTILE)
    graph.add_node("source:x", type="source", title=HOSTILE, outlet=HOSTILE, url="javascript:alert(3)")
    graph.add_node("source:y", type="source", title="fine", url="https://example.org/a?b=1&c=<2>")
    graph.add_edge("speaker:s", "claim:c", key="said", relation="said")
    graph.add_edge("claim:c", "source:x", key="reported-by", relation="reported-by")
    return graph


def test_hostile_text_cannot_end_the_data_script_and_comes_back_exactly() -> None:
    text = page(_hostile_graph(), title=HOSTILE)
    parser = _Scripts()
    parser.feed(text)

    assert len(parser.scripts) == 4  # the data, graphology, sigma, the page's own: nothing injected
    attrs, data = parser.scripts[0]
    assert attrs == {"type": "application/json", "id": "provenance-data"}
    nodes = {n["id"]: n for n in json.loads(data)["nodes"]}
    assert nodes["claim:c"]["text"] == HOSTILE
    assert nodes["speaker:s"]["label"] == HOSTILE
    assert "<script>alert" not in text
    assert "<!-- x -->" not in text


def test_only_web_links_reach_the_page() -> None:
    nodes = {n["id"]: n for n in page_data(_hostile_graph())["nodes"]}

    assert nodes["source:x"]["url"] is None
    assert nodes["source:y"]["url"] == "https://example.org/a?b=1&c=<2>"  # kept as data; the page escapes it
    assert "javascript:" not in page(_hostile_graph())


def test_json_for_script_escapes_what_html_or_javascript_would_read() -> None:
    escaped = json_for_script({"t": "</script>\u2028<!--&"})

    assert escaped == '{"t":"\\u003c/script\\u003e\\u2028\\u003c!--\\u0026"}'
    assert json.loads(escaped) == {"t": "</script>\u2028<!--&"}


def test_the_page_is_self_contained_and_forbids_requests(sample_ledger: Path, tmp_path: Path) -> None:
    text = render(Ledger.open(sample_ledger).graph(), tmp_path / "who.html").read_text(encoding="utf-8")

    assert '<meta http-equiv="Content-Security-Policy" content="default-src \'none\';' in text
    for tag in ("<script src", "<link", "<img", "<iframe", "@import"):
        assert tag not in text, tag
    assert "graphology 0.26.0 and sigma.js 3.0.3, each under the MIT licence" in text
    assert text.count("Permission is hereby granted, free of charge") == 2  # both licences, whole
    assert "sourceMappingURL" not in text


def test_the_panel_shows_the_quote_in_its_paragraph_when_given_the_text(sample_ledger: Path) -> None:
    ledger = Ledger.open(sample_ledger)
    snapshot = ledger.text("tech2-belarus-rally") or ""

    with_text = {n["id"]: n for n in page_data(ledger.graph(), texts={"tech2-belarus-rally": snapshot})["nodes"]}
    without = {n["id"]: n for n in page_data(ledger.graph())["nodes"]}

    context = with_text["claim:c-3e9c1a6cc95c"]["context"]
    assert context["exact"] == "The people of Belarus are in support of Putin in support of Lukashenko,"
    assert len(context["before"]) == len(context["after"]) == 200
    assert without["claim:c-3e9c1a6cc95c"]["context"] == {
        "before": " tactics have alienated many.\n\n\u201c",
        "exact": "The people of Belarus are in support of Putin in support of Lukashenko,",
        "after": "\u201d said opposition politician Vel",
    }


def test_positions_are_finite_apart_and_the_same_every_time(sample_ledger: Path) -> None:
    graph = Ledger.open(sample_ledger).graph()

    first, again = positions(graph), positions(Ledger.open(sample_ledger).graph())

    assert first == again
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in first.values())
    claims = [first[n] for n in first if n.startswith("claim:")]
    assert len(set(claims)) == len(claims) == 19  # no two claims on one spot


def test_a_registered_speaker_with_no_claim_is_not_on_the_page(sample_ledger: Path) -> None:
    nodes = {n["id"] for n in page_data(Ledger.open(sample_ledger).graph())["nodes"]}

    assert "speaker:valery-tsepkalo" in nodes
    assert "speaker:vladimir-putin" not in nodes


# ------------------------------------------------------------------ the vendored JavaScript


def test_the_vendored_files_match_their_record() -> None:
    assert update_vendor.check() == []
    record = json.loads(update_vendor.RECORD.read_text(encoding="utf-8"))
    assert {name: entry["version"] for name, entry in record.items()} == {"graphology": "0.26.0", "sigma": "3.0.3"}
    assert all(entry["license"] == "MIT" for entry in record.values())


def test_a_changed_vendored_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "assets"
    shutil.copytree(update_vendor.ASSETS, copy)
    (copy / "sigma.min.js").write_text((copy / "sigma.min.js").read_text(encoding="utf-8") + "//", encoding="utf-8")
    (copy / "graphology.LICENSE.txt").unlink()
    monkeypatch.setattr(update_vendor, "ASSETS", copy)
    monkeypatch.setattr(update_vendor, "RECORD", copy / "versions.json")

    assert update_vendor.check() == [
        "graphology.LICENSE.txt is missing",
        "sigma.min.js differs from the copy recorded in versions.json",
    ]
    assert update_vendor.main(["--check"]) == 1


def test_the_registry_integrity_check_accepts_only_the_same_bytes() -> None:
    import base64
    import hashlib

    data = b"tarball bytes"
    integrity = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()

    assert update_vendor._integrity_ok(data, integrity)
    assert not update_vendor._integrity_ok(data + b"!", integrity)
    assert not update_vendor._integrity_ok(data, "md5-" + integrity[7:])
