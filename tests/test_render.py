"""Drawing the graph: golden DOT text, the SVG a reader opens, hostile text, and Graphviz missing.

The DOT text is compared with tests/data/golden/belarus.dot. After an intended change to
the picture, rewrite it with

    PROVENANCE_UPDATE_GOLDEN=1 pytest tests/test_render.py

and review the diff of the golden file like any other change.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
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
    ledger.add_speaker("Ann Plain")  # a second speaker, so the picture draws speakers as nodes
    ledger.add("Nothing to see.", speaker="Ann Plain", mention="Dr <i>Plain</i>", source="hostile-source")
    return ledger


def _svg(path: Path) -> ET.Element:
    """Parse an SVG file as XML (fails the test if it is not well-formed)."""
    return ET.parse(path).getroot()


def _visible(text: str | None) -> str:
    return (text or "").replace(WORD_JOINER, "")


def _texts(root: ET.Element) -> list[str]:
    """Every text span drawn in the picture, as a reader sees it."""
    return [_visible(el.text) for el in root.iter(f"{SVG}text")]


def _node(root: ET.Element, node_id: str, kind: str = "node") -> ET.Element:
    """The SVG group of a node (or, with kind="cluster", a source's box) by its typed id."""
    found = [g for g in root.iter(f"{SVG}g") if g.get("id") == node_id and g.get("class") == kind]
    assert len(found) == 1, f"no {kind} {node_id!r} in the SVG"
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


def test_one_speakers_sheet_matches_the_golden_dot(belarus: Ledger) -> None:
    assert_golden(graph_to_dot(belarus.graph(speakers=["Stephen Biegun"]), title=TITLE), "belarus-biegun.dot")


def test_a_rewrite_with_its_variants_matches_the_golden_dot(tmp_path: Path) -> None:
    ledger = Ledger.init(tmp_path / "claims")
    ledger.add_speaker("Ann Example", description="mayor")
    ledger.add_speaker("Bo Sample", description="ferry operator")
    ledger.add_source(source_id="crier", title="Bridge repairs", outlet="Town Crier", published=dt.date(2024, 3, 1))
    ledger.add_source(source_id="farm", title="Bridge news", outlet="Copy Farm", derived_from=[("crier", "rewrite")])
    for words, who in [
        ("The bridge will reopen before the summer festival, and not a day later.", "Ann Example"),
        ("The ferry runs every hour until then.", "Bo Sample"),
    ]:
        ledger.add(words, speaker=who, source="crier")
        ledger.add(words.replace("summer", "autumn"), speaker=who, source="farm")
    ledger.variants(write=True)

    dot = graph_to_dot(ledger.graph(), title="Bridge")

    assert_golden(dot, "variants.dot")
    assert dot.count("dir=back") == 3  # two variant lines and the derivation, each drawn from the original
    assert dot.count("arrowhead=none") == 2  # a "said" line to each original only: the variants hang off them


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


def _cluster_of(dot: str, record_id: str) -> str:
    """The DOT text of the cluster (a source's box) whose id is ``record_id``."""
    for block in re.split(r"\n\s*subgraph ", dot)[1:]:
        if f'id="{record_id}" label=' in block.split("\n", 2)[1]:  # the cluster's own attributes
            return block.split("\n\t}", 1)[0]
    raise AssertionError(f"no cluster {record_id!r}")


def test_claims_sit_in_the_box_of_their_source_with_no_reported_by_or_at_lines(belarus: Ledger) -> None:
    dot = graph_to_dot(belarus.graph())
    box = _cluster_of(dot, "source:tech2-belarus-rally")

    claims = {claim.id for claim in belarus.claims(source="tech2-belarus-rally")}
    assert {c for c in claims if f'id="claim:{c}"' in box} == claims
    assert "reported by" not in dot
    assert "label=at " not in dot
    assert "venue/" not in dot
    assert "at Phone call from exile in Poland" in dot  # the venue is written on the claim
    assert "at EU statement on Belarus, 12 Sep 2020" in dot  # with the venue's date


def test_a_source_derived_from_another_points_at_it_from_its_box(belarus: Ledger) -> None:
    dot = graph_to_dot(belarus.graph())

    edge = next(line for line in dot.splitlines() if "derived from (rewrite)" in line)
    assert "ltail=cluster_source_" in edge
    assert '-> "source/guardian-belarus-rally-2020-09-13"' in edge


def test_a_name_as_printed_shows_only_where_it_differs_from_the_speakers_name(belarus: Ledger) -> None:
    dot = graph_to_dot(belarus.graph())

    assert "printed as \u2018Velary Tsepalko\u2019" in dot  # a misspelling
    assert "printed as \u2018Stephen Bezgon\u2019" in dot
    assert "(he)" in dot
    assert "(it)" in dot
    assert "printed as \u2018Lukashenko\u2019" not in dot  # a surname is not a misspelling
    assert "printed as \u2018The European Union\u2019" not in dot


def test_the_legend_lists_what_is_drawn_and_can_be_left_out(tmp_path: Path) -> None:
    ledger = Ledger.init(tmp_path / "legend")
    ledger.add_speaker("Stephen Biegun")
    ledger.add_speaker("European Union", kind="organisation")
    ledger.add_source(source_id="s", title="S")
    claim = ledger.add("We stand with Belarus.", speaker="Stephen Biegun", source="s").claim
    ledger.add("Sanctions are coming.", speaker="European Union", source="s")

    plain = graph_to_dot(ledger.graph())
    ledger.set_status(claim.id, ClaimStatus.VERIFIED, "checked against the recording")
    verified = graph_to_dot(ledger.graph())

    assert "\u201cdirect quote\u201d</font>" in plain
    assert ">person</font>" in plain
    assert ">organisation</font>" in plain
    for absent in ("government", "indirect (reported)", "assertion", "verified", "derived from", "MISATTRIBUTED"):
        assert absent not in plain, absent
    assert "\u2714 verified</font>" in verified  # in the legend once a claim is verified
    bare = graph_to_dot(ledger.graph(), legend=False)
    assert "\u201cdirect quote\u201d" not in bare
    assert ">person</font>" not in bare


def test_a_status_shows_in_the_label_and_a_retracted_quote_is_struck_through(tmp_path: Path) -> None:
    ledger = Ledger.init(tmp_path / "statuses")
    ledger.add_speaker("Stephen Biegun")
    ledger.add_speaker("European Union", kind="organisation")
    ledger.add_source(source_id="s", title="S")
    wrong = ledger.add("We stand with Belarus.", speaker="Stephen Biegun", source="s").claim
    gone = ledger.add("Sanctions within days.", speaker="European Union", source="s").claim
    ledger.set_status(wrong.id, ClaimStatus.MISATTRIBUTED, "said by the EU, not Biegun")
    ledger.set_status(gone.id, ClaimStatus.RETRACTED, "the outlet withdrew the story")

    dot = graph_to_dot(ledger.graph())

    assert "<b>\u2716 MISATTRIBUTED</b>" in dot
    assert "reason: said by the EU, not Biegun" in dot  # in the tooltip
    assert "<s>\u201cSanctions within days.\u201d</s>" in dot
    assert "<b>RETRACTED</b>" in dot


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


def test_one_speaker_is_a_sheet_of_source_cards_named_in_the_heading(belarus: Ledger) -> None:
    dot = graph_to_dot(belarus.graph(speakers=["Stephen Biegun"]), title="Biegun")

    assert "Stephen Biegun \u2014 US Deputy Secretary of State: 3 claims in 1 source" in dot
    assert 'id="speaker:stephen-biegun"' not in dot  # no node: every claim is his
    assert "arrowhead=none" not in dot  # so no "said" lines either
    assert "derived from The Guardian (rewrite)" in _cluster_of(dot, "source:tech2-belarus-rally")
    assert "rankdir=TB" in dot
    assert "packmode=array_u" in dot


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
    assert "printed as \u2018Velary Tsepalko\u2019" in drawn
    assert TITLE in texts
    assert {"tech2.org", "The Guardian"} <= set(texts)  # each source's outlet heads its box


@needs_dot
def test_the_svg_keeps_typed_ids_links_and_full_text_tooltips(sample_svg: ET.Element) -> None:
    source = _node(sample_svg, "source:tech2-belarus-rally", "cluster")
    links = [a.get(f"{XLINK}href") for a in source.iter(f"{SVG}a")]
    assert links == [TECH2_URL]

    quote = _node(sample_svg, "claim:c-063c479e8f25")  # Gould-Davies, wrapped over four lines in the label
    tooltip = _tooltip(quote)
    assert tooltip.startswith(
        "Russia will replace the most favorable neighbor, in a population that sees them as "
        "supportive of Lukashenko and his totalitarianism,\n"
    )
    assert "speaker as printed: Nigel Gold-Davis" in tooltip.splitlines()
    assert "speaker: Nigel Gould-Davies" in tooltip.splitlines()
    assert "Russia will replace the most favorable neighbor, in a population that sees" not in _texts(quote)

    speaker = _node(sample_svg, "speaker:valery-tsepkalo")
    assert _tooltip(speaker).splitlines() == ["Valery Tsepkalo (person)", "also printed as: Valery Tsapkala"]


@needs_dot
def test_the_legend_is_drawn_under_the_title(sample_svg: ET.Element) -> None:
    texts = _texts(sample_svg)

    for entry in ("person", "organisation", "government", "group", "\u201cdirect quote\u201d", "indirect (reported)"):
        assert entry in texts, entry
    assert "\u2714 verified" not in texts  # no claim of the sample is verified
    assert texts.index(TITLE) < texts.index("person")


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

    drawn = {g.get("id") for g in root.iter(f"{SVG}g") if g.get("class") == "node"}
    claims = {f"claim:{c.id}" for c in belarus.claims(speaker="Stephen Biegun")}
    assert claims <= drawn


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
    assert "printed as \u2018Dr <i>Plain</i>\u2019" in drawn
    assert 'a "description" with <i>tags</i> & \\G' in texts
    assert 'Title with <tags> & "quotes" \\E' in drawn
    assert "Outlet <&>" in texts
    assert "Title <script>x</script> \\G" in texts
    assert not [t for t in texts if "claim/" in t or "provenance" in t]  # no \N, \G expansion anywhere

    claim = next(
        g for g in root.iter(f"{SVG}g") if (g.get("id") or "").startswith("claim:") and "script" in _tooltip(g)
    )
    assert _tooltip(claim).splitlines()[0] == HOSTILE_TEXT
    assert f"speaker as printed: {HOSTILE_SPEAKER}" in _tooltip(claim).splitlines()

    source = _node(root, "source:hostile-source", "cluster")
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


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f not in {"dot", "html"}])
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


def test_without_graphviz_the_html_page_is_still_written(
    belarus: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_graphviz(monkeypatch, tmp_path)

    page = render(belarus.graph(), tmp_path / "who.html").read_text(encoding="utf-8")

    assert page.startswith("<!DOCTYPE html>")
    assert "Valery Tsepkalo" in page


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
