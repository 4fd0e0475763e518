"""Drawing the graph: golden DOT text, the SVG a reader opens, hostile text, and Graphviz missing.

The DOT text is compared with tests/data/golden/belarus.dot. After an intended change to
the picture, rewrite it with

    PROVENANCE_UPDATE_GOLDEN=1 pytest tests/test_render.py

and review the diff of the golden file like any other change.
"""

from __future__ import annotations

import difflib
import os
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import graphviz
import pytest
from click.testing import CliRunner

from provenance import ClaimStatus, Ledger, RenderError, graph_to_dot, render
from provenance.cli import main
from provenance.views.render import FORMATS, LAYOUTS

SAMPLE = Path(__file__).resolve().parent.parent / "claims"
GOLDEN = Path(__file__).resolve().parent / "data" / "golden"
UPDATE_GOLDEN = "PROVENANCE_UPDATE_GOLDEN"
TITLE = "Who said what — the Belarus sample"
TECH2_URL = "https://tech2.org/belarus-join-a-100000-rally-against-lukashenko-on-the-eve-of-putin-showdown-belarus/"

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
WORD_JOINER = "\u2060"  # render.py puts one after each backslash so Graphviz reads no escape

HOSTILE_TEXT = r'<script>alert("x")</script> {a|b} back\slash \N "quoted"'
HOSTILE_SPEAKER = "Dr <b>Evil</b> & Sons"
HOSTILE_URL = 'https://example.org/story?id=1&lang=en&q="<x>"'

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot program is not installed")


# ------------------------------------------------------------------ helpers


def assert_golden(actual: str, name: str) -> None:
    """Compare ``actual`` with tests/data/golden/NAME; rewrite it instead when PROVENANCE_UPDATE_GOLDEN=1."""
    path = GOLDEN / name
    if os.environ.get(UPDATE_GOLDEN) == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    hint = f"if the change is intended, rerun with {UPDATE_GOLDEN}=1 to rewrite {path} and review its diff"
    if not path.exists():
        pytest.fail(f"golden file {path} is missing; {hint}")
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(), actual.splitlines(), f"{name} (golden)", f"{name} (now)", lineterm=""
        )
        shown = "\n".join(list(diff)[:60])
        pytest.fail(f"the DOT text differs from {path}:\n{shown}\n\n{hint}")


@pytest.fixture
def belarus(tmp_path: Path) -> Ledger:
    """A private copy of the sample ledger (claims/), opened."""
    target = tmp_path / "claims"
    shutil.copytree(SAMPLE, target, ignore=shutil.ignore_patterns(".lock"))
    return Ledger.open(target)


@pytest.fixture
def hostile(tmp_path: Path) -> Ledger:
    """A ledger whose every string tries to break out of DOT, the HTML-like labels or the SVG."""
    ledger = Ledger.init(tmp_path / "hostile")
    speaker = ledger.add_speaker(HOSTILE_SPEAKER, description='a "description" with <i>tags</i> & \\G')
    ledger.add_source(
        source_id="hostile-source",
        url=HOSTILE_URL,
        title='Title with <tags> & "quotes" \\E',
        outlet="Outlet <&>",
    )
    ledger.add(HOSTILE_TEXT, speaker=speaker.id, mention=HOSTILE_SPEAKER, source="hostile-source", cue="said")
    return ledger


def _svg(path: Path) -> ET.Element:
    """Parse an SVG file as XML (fails the test if it is not well-formed)."""
    return ET.parse(path).getroot()


def _visible(text: str | None) -> str:
    return (text or "").replace(WORD_JOINER, "")


def _texts(root: ET.Element) -> list[str]:
    """Every text span drawn in the picture, as a reader sees it."""
    return [_visible(el.text) for el in root.iter(f"{SVG}text")]


def _node(root: ET.Element, node_id: str) -> ET.Element:
    found = [g for g in root.iter(f"{SVG}g") if g.get("id") == node_id and g.get("class") == "node"]
    assert len(found) == 1, f"no node {node_id!r} in the SVG"
    return found[0]


def _tooltip(node: ET.Element) -> str:
    anchors = [a for a in node.iter(f"{SVG}a") if a.get(f"{XLINK}title")]
    assert anchors, "the node has no tooltip"
    return _visible(anchors[0].get(f"{XLINK}title"))


def _no_graphviz(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert shutil.which("dot") is None


# ------------------------------------------------------------------ the DOT text


def test_the_sample_graph_matches_the_golden_dot(belarus: Ledger) -> None:
    assert_golden(graph_to_dot(belarus.graph(), title=TITLE), "belarus.dot")


def test_the_dot_text_is_deterministic(belarus: Ledger) -> None:
    first = graph_to_dot(belarus.graph(), title=TITLE)
    again = graph_to_dot(Ledger.open(belarus.path).graph(), title=TITLE)

    assert first == again


def test_a_golden_mismatch_says_how_to_update(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(UPDATE_GOLDEN, raising=False)
    monkeypatch.setattr(sys.modules[__name__], "GOLDEN", tmp_path)
    (tmp_path / "x.dot").write_text("digraph { a }\n", encoding="utf-8")

    with pytest.raises(pytest.fail.Exception, match=f"{UPDATE_GOLDEN}=1") as raised:
        assert_golden("digraph { b }\n", "x.dot")
    assert "+digraph { b }" in str(raised.value)
    with pytest.raises(pytest.fail.Exception, match="missing"):
        assert_golden("digraph { b }\n", "absent.dot")

    monkeypatch.setenv(UPDATE_GOLDEN, "1")
    assert_golden("digraph { b }\n", "x.dot")
    assert (tmp_path / "x.dot").read_text(encoding="utf-8") == "digraph { b }\n"


def test_speakers_without_claims_are_left_out_of_the_picture(belarus: Ledger) -> None:
    dot = graph_to_dot(belarus.graph())

    assert 'id="speaker:valery-tsepkalo"' in dot
    assert 'id="speaker:vladimir-putin"' not in dot  # registered, but says nothing in this ledger


def test_the_legend_can_be_left_out(belarus: Ledger) -> None:
    assert "Legend" in graph_to_dot(belarus.graph())
    assert "Legend" not in graph_to_dot(belarus.graph(), legend=False)


def test_a_status_shows_in_the_label_and_a_retracted_quote_is_struck_through(tmp_path: Path) -> None:
    ledger = Ledger.init(tmp_path / "statuses")
    ledger.add_speaker("Stephen Biegun")
    ledger.add_source(source_id="s", title="S")
    wrong = ledger.add("We stand with Belarus.", speaker="Stephen Biegun", source="s").claim
    gone = ledger.add("Sanctions within days.", speaker="Stephen Biegun", source="s").claim
    ledger.set_status(wrong.id, ClaimStatus.MISATTRIBUTED, "said by the EU, not Biegun")
    ledger.set_status(gone.id, ClaimStatus.RETRACTED, "the outlet withdrew the story")

    dot = graph_to_dot(ledger.graph())

    assert "\u2716 MISATTRIBUTED" in dot
    assert "reason: said by the EU, not Biegun" in dot  # in the tooltip
    assert "<s>\u201cSanctions within days.\u201d" in dot
    assert "RETRACTED" in dot


def test_a_long_quote_is_cut_in_the_label_but_whole_in_the_tooltip(tmp_path: Path) -> None:
    ledger = Ledger.init(tmp_path / "long")
    ledger.add_speaker("Maria Kolesnikova")
    ledger.add_source(source_id="s", title="S")
    text = " ".join(f"word{i}" for i in range(120)) + " THE END"
    ledger.add(text, speaker="Maria Kolesnikova", source="s")

    dot = graph_to_dot(ledger.graph())

    assert "\u2026" in dot  # the label ends with an ellipsis …
    assert f'tooltip="{text}' in dot  # … and the tooltip has every word
    assert dot.count("THE END") == 1


# ------------------------------------------------------------------ the SVG a reader opens


@pytest.fixture
def sample_svg(belarus: Ledger, tmp_path: Path) -> ET.Element:
    path = render(belarus.graph(), tmp_path / "who-said-what.svg", title=TITLE)
    assert path == tmp_path / "who-said-what.svg"
    return _svg(path)


@needs_dot
def test_the_svg_shows_every_speaker_who_said_something_and_the_quotes(belarus: Ledger, sample_svg: ET.Element) -> None:
    texts = _texts(sample_svg)
    drawn = " ".join(texts)
    speakers_with_claims = {claim.speaker for claim in belarus.claims()}

    for speaker in belarus.speakers():
        if speaker.id in speakers_with_claims:
            assert speaker.name in texts, speaker.name
    assert "Vladimir Putin" not in texts
    assert "\u201cWe are the power here\u201d" in texts
    assert "printed: Velary Tsepalko" in drawn
    assert TITLE in texts
    assert {"tech2.org", "The Guardian"} <= set(texts)  # one box per outlet


@needs_dot
def test_the_svg_keeps_typed_ids_links_and_full_text_tooltips(sample_svg: ET.Element) -> None:
    source = _node(sample_svg, "source:tech2-belarus-rally")
    links = [a.get(f"{XLINK}href") for a in source.iter(f"{SVG}a")]
    assert links == [TECH2_URL]

    quote = _node(sample_svg, "claim:c-063c479e8f25")  # Gould-Davies, wrapped over four lines in the label
    tooltip = _tooltip(quote)
    assert tooltip.startswith(
        "Russia will replace the most favorable neighbor, in a population that sees them as "
        "supportive of Lukashenko and his totalitarianism,\n"
    )
    assert "speaker as printed: Nigel Gold-Davis" in tooltip.splitlines()
    assert "Russia will replace the most favorable neighbor, in a population that sees" not in _texts(quote)

    speaker = _node(sample_svg, "speaker:valery-tsepkalo")
    assert _tooltip(speaker).splitlines() == ["Valery Tsepkalo (person)", "also printed as: Valery Tsapkala"]


@needs_dot
def test_the_legend_names_every_status_and_kind(sample_svg: ET.Element) -> None:
    legend = _texts(_node(sample_svg, "legend"))

    for entry in ("person", "organisation", "government", "group", "venue", "source", "recorded", "disputed"):
        assert entry in legend, entry
    assert {"\u2714 verified", "\u2716 misattributed", "retracted", "extracted, unreviewed"} <= set(legend)


@needs_dot
@pytest.mark.parametrize(("suffix", "magic"), [("png", b"\x89PNG\r\n\x1a\n"), ("pdf", b"%PDF-")])
def test_the_format_follows_the_file_suffix(belarus: Ledger, tmp_path: Path, suffix: str, magic: bytes) -> None:
    path = render(belarus.graph(speakers=["Stephen Biegun"]), tmp_path / f"biegun.{suffix}")

    assert path.read_bytes().startswith(magic)


@needs_dot
def test_an_explicit_format_wins_over_the_suffix(belarus: Ledger, tmp_path: Path) -> None:
    path = render(belarus.graph(speakers=["Stephen Biegun"]), tmp_path / "picture.out", format="svg")

    assert _svg(path).tag == f"{SVG}svg"


@needs_dot
@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_layout_draws_the_same_nodes(belarus: Ledger, tmp_path: Path, layout: str) -> None:
    root = _svg(render(belarus.graph(speakers=["Stephen Biegun"]), tmp_path / f"{layout}.svg", layout=layout))

    nodes = {g.get("id") for g in root.iter(f"{SVG}g") if g.get("class") == "node"}
    assert "speaker:stephen-biegun" in nodes
    assert "source:tech2-belarus-rally" in nodes


# ------------------------------------------------------------------ hostile text is drawn, never run


@needs_dot
def test_hostile_text_is_drawn_literally_in_the_svg(hostile: Ledger, tmp_path: Path) -> None:
    path = render(hostile.graph(), tmp_path / "hostile.svg", title="Title <script>x</script> \\G")
    raw = path.read_text(encoding="utf-8")
    root = _svg(path)  # well-formed XML

    assert not [el for el in root.iter() if el.tag.split("}")[-1].lower() == "script"]
    assert "<script" not in raw
    texts = _texts(root)
    drawn = " ".join(texts)
    assert '\u201c<script>alert("x")</script> {a|b}' in drawn
    assert 'back\\slash \\N "quoted"\u201d' in drawn  # \N is not replaced by the node's name
    assert HOSTILE_SPEAKER in texts
    assert "printed: Dr <b>Evil</b> & Sons" in drawn
    assert 'a "description" with <i>tags</i> & \\G' in texts
    assert 'Title with <tags> & "quotes" \\E' in drawn
    assert "Outlet <&>" in texts
    assert "Title <script>x</script> \\G" in texts
    assert not [t for t in texts if "claim/" in t or "provenance" in t]  # no \N, \G expansion anywhere

    claim = next(g for g in root.iter(f"{SVG}g") if (g.get("id") or "").startswith("claim:"))
    assert _tooltip(claim).splitlines()[0] == HOSTILE_TEXT
    assert f"speaker as printed: {HOSTILE_SPEAKER}" in _tooltip(claim).splitlines()

    source = _node(root, "source:hostile-source")
    href = next(a.get(f"{XLINK}href") for a in source.iter(f"{SVG}a") if a.get(f"{XLINK}href"))
    assert href == "https://example.org/story?id=1&lang=en&q=%22%3Cx%3E%22"  # the same address, now a valid URL


def test_hostile_text_is_escaped_in_the_dot_text(hostile: Ledger, tmp_path: Path) -> None:
    path = render(hostile.graph(), tmp_path / "hostile.dot")
    dot = path.read_text(encoding="utf-8")

    assert dot == graph_to_dot(hostile.graph())
    assert "\u201c&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; {a|b}" in dot
    assert "<b>Dr &lt;b&gt;Evil&lt;/b&gt; &amp; Sons</b>" in dot
    assert "<script>" not in dot.replace('tooltip="<script>', "")  # raw only inside the quoted tooltip
    assert 'URL="https://example.org/story?id=1&amp;lang=en&amp;q=%22%3Cx%3E%22"' in dot


@needs_dot
def test_the_hostile_dot_text_is_valid_dot(hostile: Ledger) -> None:
    svg = graphviz.Source(graph_to_dot(hostile.graph())).pipe(format="svg")

    assert ET.fromstring(svg).tag == f"{SVG}svg"


# ------------------------------------------------------------------ errors


@pytest.mark.parametrize("name", ["picture.jpeg", "picture.gif"])
def test_an_unknown_format_is_refused_with_the_known_ones(belarus: Ledger, tmp_path: Path, name: str) -> None:
    with pytest.raises(RenderError, match=r"unknown format '(jpeg|gif)'; use one of svg, png, pdf, dot"):
        render(belarus.graph(), tmp_path / name)
    assert not (tmp_path / name).exists()


def test_an_unknown_explicit_format_is_refused(belarus: Ledger, tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="unknown format 'bmp'"):
        render(belarus.graph(), tmp_path / "picture.svg", format="bmp")


def test_an_unknown_layout_is_refused_with_the_known_ones(belarus: Ledger, tmp_path: Path) -> None:
    with pytest.raises(RenderError, match=f"unknown layout 'circo'; use one of {', '.join(LAYOUTS)}"):
        render(belarus.graph(), tmp_path / "picture.svg", layout="circo")


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "dot"])
def test_without_graphviz_render_says_how_to_install_it(
    belarus: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    _no_graphviz(monkeypatch, tmp_path)
    target = tmp_path / f"picture.{fmt}"

    with pytest.raises(RenderError) as raised:
        render(belarus.graph(), target)

    message = str(raised.value)
    assert "apt-get install graphviz" in message
    assert "brew install graphviz" in message
    assert "--format dot" in message
    assert not target.exists()


def test_without_graphviz_the_dot_format_still_works(
    belarus: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_graphviz(monkeypatch, tmp_path)

    path = render(belarus.graph(), tmp_path / "picture.dot", title=TITLE)

    assert path.read_text(encoding="utf-8") == graph_to_dot(belarus.graph(), title=TITLE)


def test_without_graphviz_the_cli_explains_and_dot_output_works(
    belarus: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_graphviz(monkeypatch, tmp_path)
    runner = CliRunner()

    failed = runner.invoke(main, ["--ledger", str(belarus.path), "graph", "-o", str(tmp_path / "g.svg")])
    assert failed.exit_code == 1
    assert "apt-get install graphviz" in failed.output
    assert not (tmp_path / "g.svg").exists()

    worked = runner.invoke(main, ["--ledger", str(belarus.path), "graph", "--format", "dot", "-o", str(tmp_path / "g")])
    assert worked.exit_code == 0, worked.output
    assert (tmp_path / "g").read_text(encoding="utf-8").startswith("digraph provenance {")
