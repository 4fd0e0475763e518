"""Hostile articles and pictures: a corpus line may hold any character, a stored text any length, and a
picture is still drawn, with nothing in it a browser would run."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx

import provenance
from provenance import Ledger
from provenance.extraction import read_documents
from provenance.ids import sha256_text


def test_a_jsonl_string_may_hold_unicode_line_separators(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    texts = ["first\u2028still first", "second\u2029and\u0085second", "third"]
    corpus.write_text(
        "".join(json.dumps({"id": str(i), "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(texts))
    )

    documents = list(read_documents(corpus))

    assert [(d.id, d.text) for d in documents] == [("0", texts[0]), ("1", texts[1]), ("2", texts[2])]


def test_a_bad_corpus_line_is_reported_and_the_rest_still_read(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_bytes(b'{"id": "a", "text": "one"}\n{"id": "b", "text": "\xff"}\n{"id": "c", "text": "three"}\n')

    documents = list(read_documents(corpus))

    assert [(d.id, d.error is None) for d in documents] == [("a", True), ("corpus:2", False), ("c", True)]
    assert "corpus.jsonl:2: not UTF-8" in (documents[1].error or "")


def test_a_fifo_corpus_is_refused_at_once(run, tmp_path: Path) -> None:
    fifo = tmp_path / "corpus.jsonl"
    os.mkfifo(fifo)

    result = run("extract", str(fifo))

    assert result.exit_code == 1
    assert "is a FIFO (named pipe), not a regular file" in result.stderr


def test_extract_add_cut_short_after_the_snapshot_records_the_checksum_on_the_rerun(
    ledger: Ledger, ledger_path: Path
) -> None:
    text = '"We will not give up," Valery Tsepkalo said on Sunday.\n'
    found = provenance.extract(text, ledger=ledger)
    ledger.add_source(source_id="cut-short", title="A story")  # the source, as a first run left it
    (ledger_path / "texts" / "cut-short.txt").write_text(text, encoding="utf-8")  # and its snapshot, no checksum

    ledger.add_extracted(found.claims, source="cut-short", text=text)

    assert Ledger.open(ledger_path).source("cut-short").text_sha256 == sha256_text(text)
    (ledger_path / "texts" / "cut-short.txt").write_text(text.replace("Sunday", "Monday"), encoding="utf-8")
    outcomes = {r.outcome.value for r in Ledger.open(ledger_path).verify() if r.source == "cut-short"}
    assert outcomes == {"changed"}


SVG = "{http://www.w3.org/2000/svg}"


def _links(root: ET.Element) -> list[str]:
    """Every link target in an SVG (what a click would open)."""
    return [v for e in root.iter() for k, v in e.attrib.items() if k.endswith("href")]


def _graph(title: str, text: str, url: str) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_node("speaker:s", type="speaker", name="Ann \x07Example", kind="person")
    graph.add_node("claim:c", type="claim", text=text, kind="direct", status="recorded", speaker_mention="\x1b[2J")
    graph.add_node("source:x", type="source", title=title, url=url, outlet="Out\ufffelet")
    graph.add_edge("speaker:s", "claim:c", key="said", relation="said")
    graph.add_edge("claim:c", "source:x", key="reported-by", relation="reported-by")
    return graph


def test_a_picture_is_drawn_whatever_the_graph_holds(tmp_path: Path) -> None:
    graph = _graph("T" * 100_000, "words\x01 and \x07 bells \ufffe" * 200, "JavaScript:alert(document.domain)//")

    written = provenance.render(graph, tmp_path / "x.svg", title="<script>" + "t" * 20_000)

    svg = written.read_text(encoding="utf-8")
    root = ET.fromstring(svg)  # well-formed XML
    assert _links(root) == []
    assert "<script>" not in svg
    assert max(len("".join(t.itertext())) for t in root.iter(f"{SVG}text")) <= 250  # labels are cut
    assert "\x07" not in svg


def test_only_web_links_reach_the_picture(tmp_path: Path) -> None:
    for url, linked in [("https://example.org/a", True), ("data:text/html,x", False), ("vbscript:msgbox", False)]:
        svg = provenance.render(_graph("A title", "Some words", url), tmp_path / "x.svg").read_text(encoding="utf-8")

        assert _links(ET.fromstring(svg)) == (["https://example.org/a"] if linked else [])
