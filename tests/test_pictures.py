"""Which picture a graph gets, and the options that shape it: the summary of a large ledger, --since,
--no-legend, --dpi, --full, and what the CLI says when it summarises."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import graphviz
import networkx as nx
import pytest

from provenance import Ledger, RenderError, render
from provenance.views.render import QUOTE_LIMIT, SHEET_LIMIT, choose_picture, picture_dot
from provenance.views.summary import MAX_ROWS, summary_to_dot, tally

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot program is not installed")
SVG = "{http://www.w3.org/2000/svg}"


def synthetic(claims: int, speakers: int, outlets: int = 3) -> nx.MultiDiGraph:
    """A graph held in memory: ``claims`` claims spread over ``speakers`` speakers and ``outlets`` outlets."""
    graph = nx.MultiDiGraph()
    for s in range(speakers):
        graph.add_node(f"speaker:s{s}", type="speaker", name=f"Speaker {s:02d}", kind="person")
    for o in range(outlets):
        graph.add_node(f"source:o{o}", type="source", title=f"Story {o}", outlet=f"Outlet {o}")
    for c in range(claims):
        node = f"claim:c{c:05d}"
        status = "misattributed" if c % 10 == 0 else "recorded"
        graph.add_node(node, type="claim", text=f"Words number {c}.", kind="direct", status=status)
        graph.add_edge(f"speaker:s{c % speakers}", node, key="said", relation="said")
        graph.add_edge(node, f"source:o{c % outlets}", key="reported-by", relation="reported-by")
    return graph


def _png_width(data: bytes) -> int:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    return int.from_bytes(data[16:20], "big")  # IHDR: width, then height


# ------------------------------------------------------------------ which picture


def test_a_small_graph_is_quoted_claim_by_claim_and_a_large_one_summarised() -> None:
    assert choose_picture(synthetic(QUOTE_LIMIT, speakers=3)) == "quotes"
    assert choose_picture(synthetic(QUOTE_LIMIT + 1, speakers=3)) == "summary"
    assert choose_picture(synthetic(SHEET_LIMIT, speakers=1)) == "quotes"  # one speaker: a sheet of cards
    assert choose_picture(synthetic(SHEET_LIMIT + 1, speakers=1)) == "summary"
    assert choose_picture(synthetic(QUOTE_LIMIT + 1, speakers=3), full=True) == "quotes"


def test_the_summary_counts_claims_by_speaker_and_outlet() -> None:
    counts = tally(synthetic(60, speakers=4, outlets=3))

    assert sum(counts.speakers.values()) == 60
    assert counts.speakers["Speaker 00"] == 15
    assert counts.cells["Speaker 00", "Outlet 0"] == 5  # claims 0, 12, 24, 36, 48
    assert counts.flagged["Speaker 00"] == 3  # claims 0, 20, 40 are misattributed
    assert counts.outlets["Outlet 2"] == 20


def test_the_summary_names_the_busiest_speakers_and_adds_up_the_rest() -> None:
    dot = summary_to_dot(synthetic(400, speakers=MAX_ROWS + 6), title="Big")

    assert "400 claims by 36 speakers in 3 outlets" in dot
    assert "7 other speakers" in dot  # 29 rows by name, then the other 7 together
    assert "--speaker NAME, --source ID or --since DATE" in dot


def test_the_summary_matches_the_golden_dot() -> None:
    from test_render import assert_golden  # the golden files and their update switch live there

    assert_golden(summary_to_dot(synthetic(400, speakers=MAX_ROWS + 6, outlets=14), title="Big"), "summary.dot")


def test_the_summary_stays_one_table_however_large_the_ledger() -> None:
    small = summary_to_dot(synthetic(500, speakers=40, outlets=15))
    large = summary_to_dot(synthetic(5000, speakers=40, outlets=15))

    assert small.count("\tsummary [") == large.count("\tsummary [") == 1  # one node: nothing to lay out
    assert len(large) / len(small) < 1.2  # and the text does not grow with the claims


@needs_dot
def test_the_summary_draws_as_a_picture_with_its_counts(tmp_path: Path) -> None:
    path = render(synthetic(120, speakers=5, outlets=2), tmp_path / "summary.svg", title="Who said what")

    texts = [t.text for t in ET.parse(path).getroot().iter(f"{SVG}text")]
    assert "Who said what" in texts
    assert "Speaker 00" in texts
    assert "Outlet 1" in texts
    assert "120" in texts  # the grand total


# ------------------------------------------------------------------ resolution and errors


@needs_dot
def test_dpi_sets_the_resolution_of_a_png(sample_ledger: Path, tmp_path: Path) -> None:
    graph = Ledger.open(sample_ledger).graph(speakers=["Stephen Biegun"])

    screen = _png_width(render(graph, tmp_path / "screen.png", dpi=96).read_bytes())
    printed = _png_width(render(graph, tmp_path / "print.png", dpi=192).read_bytes())

    assert 1.9 < printed / screen < 2.1


def test_a_dpi_out_of_range_is_refused(sample_ledger: Path, tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="dpi 5000 is out of range"):
        render(Ledger.open(sample_ledger).graph(), tmp_path / "x.png", dpi=5000)
    assert not (tmp_path / "x.png").exists()


def test_a_long_graphviz_complaint_is_cut_to_its_first_lines(
    sample_ledger: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(*args: object, **kwargs: object) -> bytes:
        raise graphviz.CalledProcessError(1, ["dot"], stderr=b"".join(b"trouble %d\n" % i for i in range(100)))

    monkeypatch.setattr(graphviz.Source, "pipe", failing)

    with pytest.raises(RenderError) as raised:
        render(Ledger.open(sample_ledger).graph(), tmp_path / "x.svg")

    message = str(raised.value)
    assert message.startswith("Graphviz failed: trouble 0\n")
    assert "trouble 7" in message
    assert "trouble 8" not in message
    assert message.endswith("... and 92 more lines")


def test_the_picture_dot_of_a_large_graph_is_the_summary() -> None:
    assert "claims counted by speaker and outlet" in picture_dot(synthetic(QUOTE_LIMIT + 5, speakers=2))
    assert "claims counted by speaker and outlet" not in picture_dot(synthetic(QUOTE_LIMIT + 5, speakers=2), full=True)


# ------------------------------------------------------------------ the graph command


@pytest.fixture
def busy(tmp_path: Path) -> Path:
    """A ledger of 45 claims by three speakers in two sources: more than a picture quotes."""
    ledger = Ledger.init(tmp_path / "busy")
    for name in ("Ann Example", "Bob Example", "Cy Example"):
        ledger.add_speaker(name)
    ledger.add_source(source_id="daily", title="Daily story", outlet="The Daily")
    ledger.add_source(source_id="weekly", title="Weekly story", outlet="The Weekly")
    for i in range(45):
        ledger.add(
            f"Statement number {i}.",
            speaker=["Ann Example", "Bob Example", "Cy Example"][i % 3],
            source=["daily", "weekly"][i % 2],
        )
    return ledger.path


def test_graph_summarises_a_large_ledger_and_says_how_to_narrow_it(run, busy: Path, tmp_path: Path) -> None:
    target = tmp_path / "busy.dot"

    result = run("--ledger", str(busy), "graph", "-o", str(target))

    assert result.exit_code == 0, result.output
    assert "45 claims are too many to quote in one picture" in result.stdout
    for hint in ("--speaker", "--source", "--since", "--full", "--format html"):
        assert hint in result.stdout, hint
    dot = target.read_text(encoding="utf-8")
    assert "45 claims by 3 speakers in 2 outlets" in dot
    assert "Statement number" not in dot


def test_graph_full_quotes_every_claim_of_a_large_ledger(run, busy: Path, tmp_path: Path) -> None:
    target = tmp_path / "busy.dot"

    result = run("--ledger", str(busy), "graph", "--full", "-o", str(target))

    assert "too many" not in result.stdout
    assert target.read_text(encoding="utf-8").count("Statement number") == 45 * 2  # label and tooltip


def test_graph_narrowed_to_one_speaker_quotes_again(run, busy: Path, tmp_path: Path) -> None:
    target = tmp_path / "ann.dot"

    result = run("--ledger", str(busy), "graph", "--speaker", "Ann Example", "-o", str(target))

    assert "too many" not in result.stdout
    assert "Ann Example: 15 claims in 2 sources" in target.read_text(encoding="utf-8")


def test_graph_since_keeps_claims_said_that_day_or_later(run, sample_ledger: Path, tmp_path: Path) -> None:
    target = tmp_path / "recent.dot"

    result = run("--ledger", str(sample_ledger), "graph", "--since", "2020-09-13", "-o", str(target))

    assert result.exit_code == 0, result.output
    dot = target.read_text(encoding="utf-8")
    assert "We are the power here" in dot  # at the march, 13 September
    assert "brave people" in dot  # Tsikhanouskaya's address, 13 September
    assert "increasingly open disregard" not in dot  # the EU statement, 12 September
    assert "would impose new restrictions" not in dot  # the US, 11 September
    assert "Putin in support of Lukashenko" not in dot  # no date at all


def test_graph_no_legend_leaves_the_legend_out(run, sample_ledger: Path, tmp_path: Path) -> None:
    with_legend, without = tmp_path / "a.dot", tmp_path / "b.dot"

    run("--ledger", str(sample_ledger), "graph", "-o", str(with_legend))
    run("--ledger", str(sample_ledger), "graph", "--no-legend", "-o", str(without))

    assert ">organisation</font>" in with_legend.read_text(encoding="utf-8")
    assert ">organisation</font>" not in without.read_text(encoding="utf-8")


def test_graph_format_html_without_output_writes_an_html_file(
    run, sample_ledger: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    result = run("--ledger", str(sample_ledger), "graph", "--format", "html")

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Wrote who-said-what.html (19 claims")
    assert (tmp_path / "who-said-what.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_graph_dpi_out_of_range_is_a_usage_error(run, sample_ledger: Path, tmp_path: Path) -> None:
    result = run("--ledger", str(sample_ledger), "graph", "--dpi", "5", "-o", str(tmp_path / "x.png"))

    assert result.exit_code == 2
    assert "5 is not in the range 30<=x<=1200" in result.output
