"""Provenance proper, from the command line: verify, variants, trace, status with history, sources add FILE.

Every test drives ``provenance`` through click's CliRunner (the ``run`` and ``cli`` fixtures of
conftest.py) and checks what a user sees: the exit code, stdout and stderr, and the ledger files
the command leaves behind. Two ledgers are used: the fresh one of conftest.py (one source,
``minsk-march``, with a text snapshot) for ``verify``, and a small two-source one built here (an
original article and a content farm's rewrite of it, ``tests/data/provenance/``) for variants,
trace and status, with one pair of claims for every kind of drift.
"""

from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import Result

from provenance.extraction.documents import html_to_text

DATA = Path(__file__).parent / "data" / "provenance"
SVG = "{http://www.w3.org/2000/svg}"

Invoke = Callable[..., Result]

# ------------------------------------------------------------------ the fresh ledger (conftest.py)

SOURCE_ID = "minsk-march"
TSEPKALO = "We will not give up,"
GOULD_DAVIES = "running out of road"
BIEGUN = "The United States stands with the people of Belarus."
SUMMARY_KEYS = {"exact", "moved", "fuzzy", "orphan", "unanchored", "no-text", "changed"}


def ok(result: Result) -> Result:
    """Assert the command succeeded, showing its stderr when it did not."""
    assert result.exit_code == 0, f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    return result


def add(invoke: Invoke, text: str, speaker: str, source: str, *options: str) -> str:
    """Record a claim through the CLI and return its id."""
    result = ok(invoke("add", text, "--speaker", speaker, "--source", source, "--json", *options))
    return json.loads(result.stdout)["id"]


def source_yaml(ledger_path: Path, source_id: str) -> dict:
    """A source's YAML file, parsed."""
    return yaml.safe_load((ledger_path / "sources" / f"{source_id}.yaml").read_text(encoding="utf-8"))


def yaml_claims(ledger_path: Path, source_id: str) -> dict[str, dict]:
    """The claims a source's YAML file holds, by id."""
    return {c["id"]: c for c in source_yaml(ledger_path, source_id).get("claims") or []}


def snapshot(ledger_path: Path, source_id: str = SOURCE_ID) -> str:
    return (ledger_path / "texts" / f"{source_id}.txt").read_text(encoding="utf-8")


def rewrite_snapshot(ledger_path: Path, text: str, *, source_id: str = SOURCE_ID, checksum: bool = True) -> None:
    """Replace a source's text snapshot; with ``checksum`` also record its new sha256 in the source's YAML.

    Only the checksum's value changes in the YAML (a plain string replacement), so the rest of the
    file stays exactly as the ledger wrote it.
    """
    yaml_path = ledger_path / "sources" / f"{source_id}.yaml"
    old = source_yaml(ledger_path, source_id)["source"]["text_sha256"]
    (ledger_path / "texts" / f"{source_id}.txt").write_text(text, encoding="utf-8")
    if checksum:
        new = hashlib.sha256(text.encode("utf-8")).hexdigest()
        content = yaml_path.read_text(encoding="utf-8")
        assert content.count(old) == 1
        yaml_path.write_text(content.replace(old, new), encoding="utf-8")


def summary_line(**counts: int) -> str:
    """verify's closing summary table: every outcome with its count, zeros included, in a fixed order."""
    order = ("exact", "moved", "fuzzy", "orphan", "unanchored", "no-text", "changed")
    rows = [f"{'outcome':<10}{'claims':>7}"]
    rows += [f"{name:<10}{counts.get(name.replace('-', '_'), 0):>7}" for name in order]
    return "\n".join(rows)


def outcome_lines(stdout: str) -> dict[str, str]:
    """verify's per-claim lines (outcome first), by claim id."""
    found = {}
    for line in stdout.splitlines():
        match = re.match(r"^(moved|fuzzy|orphan|no-text|changed)\s+(c-[0-9a-f]+)  ", line)
        if match:
            found[match.group(2)] = line
    return found


@pytest.fixture
def minsk(cli: Invoke) -> dict[str, str]:
    """Three claims anchored in the fresh ledger's snapshot; their ids by speaker."""
    return {
        "tsepkalo": add(cli, TSEPKALO, "Velary Tsepalko", SOURCE_ID),
        "gould-davies": add(cli, GOULD_DAVIES, "Nigel Gould-Davies", SOURCE_ID, "--kind", "indirect"),
        "biegun": add(cli, BIEGUN, "Stephen Biegun", SOURCE_ID),
    }


# ------------------------------------------------------------------ verify


def test_verify_an_untouched_ledger_prints_only_the_summary_and_exits_0(cli, minsk):
    result = ok(cli("verify"))

    assert result.stdout == summary_line(exact=3) + "\n"
    assert result.stdout.splitlines()[:3] == ["outcome    claims", "exact           3", "moved           0"]


def test_verify_reports_words_moved_by_a_new_paragraph_and_fix_moves_the_anchors(cli, minsk, ledger_path, article):
    lede = "UPDATE, 14 September: this story has been updated with the latest figures.\n\n"
    rewrite_snapshot(ledger_path, lede + article)
    before = yaml_claims(ledger_path, SOURCE_ID)

    result = ok(cli("verify"))  # moved is not a failure

    assert result.stdout.endswith(summary_line(moved=3) + "\n")
    lines = outcome_lines(result.stdout)
    assert set(lines) == set(minsk.values())
    for claim_id, line in lines.items():
        anchor = before[claim_id]["anchor"]
        start, end = anchor["start"] + len(lede), anchor["end"] + len(lede)
        assert line == f"moved    {claim_id}  {SOURCE_ID} now at {start}-{end}"
        assert f"The words moved from {anchor['start']}-{anchor['end']} to {start}-{end}." in result.stdout
    assert yaml_claims(ledger_path, SOURCE_ID) == before  # verify alone writes nothing

    fixed = ok(cli("verify", "--fix"))

    assert fixed.stdout.endswith(summary_line(moved=3) + "\n")
    assert "Moved the anchors of 3 claims." in fixed.stderr
    after = yaml_claims(ledger_path, SOURCE_ID)
    text = snapshot(ledger_path)
    for claim_id in minsk.values():
        anchor = after[claim_id]["anchor"]
        assert anchor["start"] == before[claim_id]["anchor"]["start"] + len(lede)
        assert text[anchor["start"] : anchor["end"]] == anchor["exact"]
        assert after[claim_id]["text"] == before[claim_id]["text"]  # only the anchor moved

    again = ok(cli("verify"))

    assert again.stdout == summary_line(exact=3) + "\n"
    assert ok(cli("check")).stdout.startswith("Ledger OK")


def test_verify_moves_a_claim_recorded_without_an_anchor_once_its_words_are_in_the_snapshot(
    cli, minsk, ledger_path, article
):
    late = "Svetlana Tikhanovskaya is the real winner of this election."
    refused = cli("add", late, "--speaker", "Velary Tsepalko", "--source", SOURCE_ID)
    assert refused.exit_code == 1
    added = cli("add", late, "--speaker", "Velary Tsepalko", "--source", SOURCE_ID, "--unanchored", "--json")
    assert added.exit_code == 0
    claim_id = json.loads(added.stdout)["id"]
    assert "anchor" not in yaml_claims(ledger_path, SOURCE_ID)[claim_id]
    assert yaml_claims(ledger_path, SOURCE_ID)[claim_id]["unanchored"] is True
    assert ok(cli("verify")).stdout.endswith(summary_line(exact=3, unanchored=1) + "\n")  # on purpose: no failure
    rewrite_snapshot(ledger_path, article + f'\nTsepkalo added: "{late}"\n')

    result = ok(cli("verify"))

    start = snapshot(ledger_path).index(late)
    assert outcome_lines(result.stdout) == {
        claim_id: f"moved    {claim_id}  {SOURCE_ID} now at {start}-{start + len(late)}"
    }
    assert "The claim had no anchor" in result.stdout
    assert result.stdout.endswith(summary_line(exact=3, moved=1) + "\n")

    ok(cli("verify", "--fix"))

    anchor = yaml_claims(ledger_path, SOURCE_ID)[claim_id]["anchor"]
    assert (anchor["start"], anchor["end"], anchor["exact"]) == (start, start + len(late), late)
    assert "unanchored" not in yaml_claims(ledger_path, SOURCE_ID)[claim_id]  # its words are there now
    assert ok(cli("verify")).stdout == summary_line(exact=4) + "\n"


def test_verify_shows_a_reworded_quote_as_fuzzy_with_its_score_and_a_word_diff(cli, minsk, ledger_path, article):
    rewrite_snapshot(ledger_path, article.replace("with the people of", "with the citizens of"))

    result = ok(cli("verify"))  # fuzzy is worth a look, not a failure

    line = outcome_lines(result.stdout)[minsk["biegun"]]
    match = re.fullmatch(rf"fuzzy    {minsk['biegun']}  {SOURCE_ID} now at (\d+)-(\d+) \(score (\d+)\)", line)
    assert match is not None, line
    start, end, score = (int(g) for g in match.groups())
    assert snapshot(ledger_path)[start:end] == "The United States stands with the citizens of Belarus."
    assert 80 <= score < 100
    assert "The United States stands with the [-people-] {+citizens+} of Belarus." in result.stdout
    assert "\x1b[" not in result.stdout  # no colour codes when not on a terminal: the markers carry the diff
    assert result.stdout.endswith(summary_line(exact=2, fuzzy=1) + "\n")
    assert "anchor" in yaml_claims(ledger_path, SOURCE_ID)[minsk["biegun"]]


def test_fix_leaves_a_fuzzy_claim_for_a_person_to_decide(cli, minsk, ledger_path, article):
    rewrite_snapshot(ledger_path, article.replace("with the people of", "with the citizens of"))
    before = yaml_claims(ledger_path, SOURCE_ID)

    result = ok(cli("verify", "--fix"))

    assert "Moved the anchors" not in result.stderr
    assert yaml_claims(ledger_path, SOURCE_ID) == before


def test_verify_reports_a_quote_cut_from_the_snapshot_as_orphan_and_exits_1(cli, minsk, ledger_path, article):
    cut = article.replace('Stephen Biegun told reporters: "The United States stands with the people of Belarus."\n', "")
    assert cut != article
    rewrite_snapshot(ledger_path, cut)

    result = cli("verify")

    assert result.exit_code == 1
    assert outcome_lines(result.stdout) == {minsk["biegun"]: f"orphan   {minsk['biegun']}  {SOURCE_ID}"}
    assert "The words are not in the snapshot" in result.stdout
    assert result.stdout.endswith(summary_line(exact=2, orphan=1) + "\n")
    assert minsk["biegun"] in yaml_claims(ledger_path, SOURCE_ID)  # reported, never deleted


def test_verify_reports_a_snapshot_edited_behind_the_ledgers_back_as_changed_and_exits_1(
    cli, minsk, ledger_path, article
):
    rewrite_snapshot(ledger_path, article + "\nThis paragraph was added by hand.\n", checksum=False)

    result = cli("verify")

    assert result.exit_code == 1
    lines = outcome_lines(result.stdout)
    assert set(lines) == set(minsk.values())
    assert all(line.startswith("changed  ") for line in lines.values())
    assert result.stdout.count("The snapshot no longer matches its recorded checksum.") == 3
    assert result.stdout.endswith(summary_line(changed=3) + "\n")
    assert cli("check").exit_code == 1  # check agrees: the snapshot is not the one recorded


def test_fix_does_not_move_anchors_in_a_changed_snapshot(cli, minsk, ledger_path, article):
    rewrite_snapshot(ledger_path, "A new first paragraph.\n\n" + article, checksum=False)
    before = yaml_claims(ledger_path, SOURCE_ID)

    result = cli("verify", "--fix")

    assert result.exit_code == 1
    assert "Moved the anchors" not in result.stderr
    assert yaml_claims(ledger_path, SOURCE_ID) == before


def test_verify_says_no_text_for_a_source_without_a_snapshot_and_exits_0(cli, minsk, ledger_path):
    ok(cli("sources", "add", "https://wire.example.com/belarus", "--id", "wire-story", "--outlet", "Wire", "--offline"))
    claim_id = add(cli, BIEGUN, "Stephen Biegun", "wire-story")

    result = ok(cli("verify"))

    assert outcome_lines(result.stdout) == {claim_id: f"no-text  {claim_id}  wire-story"}
    assert "The source has no text snapshot to check against." in result.stdout
    assert result.stdout.endswith(summary_line(exact=3, no_text=1) + "\n")


def test_verify_json_has_a_summary_of_every_outcome_and_every_claims_verdict(cli, minsk, ledger_path, article):
    ok(cli("sources", "add", "https://wire.example.com/belarus", "--id", "wire-story", "--offline"))
    wire = add(cli, BIEGUN, "Stephen Biegun", "wire-story")
    rewrite_snapshot(ledger_path, article.replace("with the people of", "with the citizens of"))

    result = ok(cli("verify", "--json"))

    data = json.loads(result.stdout)
    assert set(data) == {"summary", "claims"}
    assert data["summary"] == {
        "exact": 2,
        "moved": 0,
        "fuzzy": 1,
        "orphan": 0,
        "unanchored": 0,
        "no-text": 1,
        "changed": 0,
    }
    assert set(data["summary"]) == SUMMARY_KEYS
    outcomes = {c["claim"]: c["outcome"] for c in data["claims"]}
    assert outcomes == {
        minsk["tsepkalo"]: "exact",
        minsk["gould-davies"]: "exact",
        minsk["biegun"]: "fuzzy",
        wire: "no-text",
    }
    fuzzy = next(c for c in data["claims"] if c["outcome"] == "fuzzy")
    assert fuzzy["source"] == SOURCE_ID
    assert fuzzy["found"] == "The United States stands with the citizens of Belarus."
    assert 80 <= fuzzy["score"] < 100
    assert {"op": "replace", "old": "people", "new": "citizens"} in fuzzy["diff"]
    exact = next(c for c in data["claims"] if c["claim"] == minsk["tsepkalo"])
    assert (exact["start"], exact["end"]) == (exact["recorded_start"], exact["recorded_end"])
    assert exact["score"] == 100.0
    no_text = next(c for c in data["claims"] if c["claim"] == wire)
    assert no_text["start"] is None
    assert no_text["found"] is None


def test_verify_json_still_exits_1_on_an_orphan(cli, minsk, ledger_path, article):
    rewrite_snapshot(ledger_path, article.replace(BIEGUN, "No comment."))

    result = cli("verify", "--json")

    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["summary"]["orphan"] == 1
    assert {c["claim"]: c["outcome"] for c in data["claims"]}[minsk["biegun"]] == "orphan"


# ------------------------------------------------------------------ a two-source ledger: an original and its rewrite

ORIGINAL, COPY = "town-crier", "copy-farm"
ORIGINAL_OUTLET, COPY_OUTLET = "Town Crier", "copyfarm.example"
PUBLISHED = "2024-05-06"

#: drift -> (speaker, kind, the original's words, the copy's words, what the copy's diff line shows)
DRIFTS: dict[str, tuple[str, str, str, str, str]] = {
    "identical": (
        "Ann Example",
        "direct",
        "The bridge will reopen before the end of the summer,",
        "The bridge will reopen before the end of the summer,",
        "The bridge will reopen before the end of the summer,",
    ),
    "cosmetic": (
        "Ann Example",
        "direct",
        "We cannot afford another delay on this project.",
        "We can not afford another delay on this project.",
        "We [-cannot-] {+can not+} afford another delay on this project.",
    ),
    "truncated": (
        "Bo Sample",
        "direct",
        "The contractors have let this town down again and again,",
        "The contractors have let this town down,",
        "The contractors have let this town down [-again and again,-]",
    ),
    "extended": (
        "Bo Sample",
        "direct",
        "Nobody told us the road would close.",
        "Nobody ever told us the road would close.",
        "Nobody {+ever+} told us the road would close.",
    ),
    "substituted": (
        "Ann Example",
        "direct",
        "The council must answer for every penny it spent.",
        "The council must answer for every pound it spent.",
        "The council must answer for every [-penny-] {+pound+} it spent.",
    ),
    "rewritten": (
        "Ann Example",
        "indirect",
        "every family on the east side has waited far too long",
        "every family on the east side has waited too long for this",
        "every family on the east side has waited [-far-] too long {+for this+}",
    ),
}
#: A quote only the copy carries: its trace has a hop but no earlier appearance.
FERRY = "The ferry is the only way into town now,"


@dataclass
class TwoSources:
    """The two-source ledger: where it is, how to run commands on it, and the claim ids."""

    path: Path
    invoke: Invoke
    original: dict[str, str]  # drift -> the original's claim id
    copy: dict[str, str]  # drift -> the copy's claim id
    ferry: str

    def __call__(self, *args: str) -> Result:
        return self.invoke("--ledger", str(self.path), *args)


@pytest.fixture
def crier(run: Invoke, tmp_path: Path) -> TwoSources:
    """An original article (dated) and a content farm's undated rewrite of it, built with the CLI.

    The copy's id sorts before the original's, so the origin can only come from the date and the
    derivation, not from the order of ids. The copy misspells the mayor ("Ann Exampel").
    """
    built = TwoSources(tmp_path / "claims", run, {}, {}, "")
    ok(built("init"))
    ok(built("speakers", "add", "Ann Example", "--description", "mayor"))
    ok(built("speakers", "add", "Bo Sample", "--description", "ferry operator"))
    ok(
        built(
            "sources",
            "add",
            str(DATA / "town-crier.txt"),
            "--outlet",
            ORIGINAL_OUTLET,
            "--published",
            PUBLISHED,
            "--title",
            "Bridge repairs fall behind again",
        )
    )
    ok(
        built(
            "sources",
            "add",
            str(DATA / "copy-farm.txt"),
            "--outlet",
            COPY_OUTLET,
            "--derived-from",
            f"{ORIGINAL}:rewrite",
        )
    )
    for drift, (speaker, kind, original, copy, _) in DRIFTS.items():
        built.original[drift] = add(built, original, speaker, ORIGINAL, "--kind", kind)
        printed = "Ann Exampel" if speaker == "Ann Example" else speaker
        built.copy[drift] = add(built, copy, printed, COPY, "--kind", kind)
    built.ferry = add(built, FERRY, "Bo Sample", COPY)
    return built


def test_the_two_source_ledger_is_anchored_and_checks_ok(crier):
    assert ok(crier("verify")).stdout == summary_line(exact=13) + "\n"
    assert ok(crier("check")).stdout == "Ledger OK: 2 speakers, 0 venues, 2 sources, 13 claims\n"


# ------------------------------------------------------------------ variants


def test_variants_prints_each_group_under_its_origin_in_the_dated_source_with_every_drift(crier):
    result = ok(crier("variants"))

    lines = result.stdout.splitlines()
    expected = []
    for drift, (_, kind, original, _, shown) in DRIFTS.items():
        words = f"\u201c{original}\u201d" if kind == "direct" else original
        expected += [
            f"{crier.original[drift]}  {ORIGINAL_OUTLET}, {PUBLISHED}  {words}",
            f"  {drift:<11} {crier.copy[drift]}  {COPY_OUTLET}",
            f"              {shown}",
        ]
    assert lines == expected
    assert result.stderr.strip() == "6 groups of variants"
    assert crier.ferry not in result.stdout  # alone in its source: no group


def test_variants_json_has_groups_with_origin_and_members(crier):
    result = ok(crier("variants", "--json"))

    data = json.loads(result.stdout)
    assert set(data) == {"groups"}
    assert len(data["groups"]) == len(DRIFTS)
    for group, (drift, (_, _, original, copy, _)) in zip(data["groups"], DRIFTS.items(), strict=True):
        assert set(group) == {"origin", "members"}
        assert group["origin"] == crier.original[drift]
        origin, member = group["members"]
        for each in (origin, member):
            assert set(each) == {"claim", "drift", "similarity", "diff"}
            assert 0.0 <= each["similarity"] <= 1.0
            assert all(set(step) == {"op", "old", "new"} for step in each["diff"])
        assert (origin["claim"], origin["drift"], origin["similarity"]) == (crier.original[drift], "identical", 1.0)
        assert (member["claim"], member["drift"]) == (crier.copy[drift], drift)
        # the diff runs from the origin's words to the copy's
        assert " ".join(s["old"] for s in member["diff"] if s["old"]) == " ".join(original.split())
        assert " ".join(s["new"] for s in member["diff"] if s["new"]) == " ".join(copy.split())
    similarity = {m["drift"]: m["similarity"] for g in data["groups"] for m in g["members"][1:]}
    assert similarity["identical"] == similarity["cosmetic"] == 1.0
    assert all(similarity[d] < 1.0 for d in ("truncated", "extended", "substituted", "rewritten"))


def test_variants_without_derivation_takes_the_earlier_publication_date_as_origin(run, tmp_path):
    def invoke(*args: str) -> Result:
        return run("--ledger", str(tmp_path / "claims"), *args)

    ok(invoke("init"))
    ok(invoke("speakers", "add", "Ann Example"))
    # "a-later-paper" sorts first by id and is registered first, yet published later.
    ok(invoke("sources", "add", "--id", "a-later-paper", "--outlet", "Later Paper", "--published", "2024-06-01"))
    ok(invoke("sources", "add", "--id", "z-earlier-paper", "--outlet", "Earlier Paper", "--published", "2024-05-01"))
    later = add(invoke, "The council must answer for every pound it spent.", "Ann Example", "a-later-paper")
    earlier = add(invoke, "The council must answer for every penny it spent.", "Ann Example", "z-earlier-paper")

    data = json.loads(ok(invoke("variants", "--json")).stdout)

    assert [g["origin"] for g in data["groups"]] == [earlier]
    assert [(m["claim"], m["drift"]) for m in data["groups"][0]["members"]] == [
        (earlier, "identical"),
        (later, "substituted"),
    ]
    assert ok(invoke("variants")).stdout.startswith(f"{earlier}  Earlier Paper, 2024-05-01  ")


def test_variants_write_records_variant_of_links_in_the_copy_once(crier):
    original_before = (crier.path / "sources" / f"{ORIGINAL}.yaml").read_bytes()

    result = ok(crier("variants", "--write"))

    assert "The ledger now holds 6 variant_of links from these groups." in result.stderr
    copy = yaml_claims(crier.path, COPY)
    for drift, copy_id in crier.copy.items():
        assert copy[copy_id]["links"] == [
            {"kind": "variant_of", "target": crier.original[drift], "note": "provenance variants"}
        ]
    assert "links" not in copy[crier.ferry]
    assert (crier.path / "sources" / f"{ORIGINAL}.yaml").read_bytes() == original_before  # origins get no link
    written = (crier.path / "sources" / f"{COPY}.yaml").read_bytes()

    ok(crier("variants", "--write"))

    assert (crier.path / "sources" / f"{COPY}.yaml").read_bytes() == written  # no duplicate links
    assert ok(crier("check")).stdout.startswith("Ledger OK")
    assert ok(crier("verify")).stdout == summary_line(exact=13) + "\n"
    shown = ok(crier("show", crier.copy["substituted"])).stdout
    assert f"links: variant_of {crier.original['substituted']}" in shown


def test_variants_output_is_the_same_after_the_links_are_written(crier):
    before = ok(crier("variants", "--json")).stdout

    ok(crier("variants", "--write"))

    assert ok(crier("variants", "--json")).stdout == before


# ------------------------------------------------------------------ trace


def test_trace_names_the_speaker_the_first_appearance_this_claim_and_the_hop(crier):
    origin, copy = crier.original["substituted"], crier.copy["substituted"]

    result = ok(crier("trace", copy))

    assert result.stdout == (
        "Ann Example said:\n"
        f"  first appeared in {ORIGINAL_OUTLET}, {PUBLISHED} [{origin}]\n"
        "    The council must answer for every penny it spent.\n"
        f"  then in {COPY_OUTLET} [{copy}]  \u2190 this claim\n"
        "    substituted: The council must answer for every [-penny-] {+pound+} it spent.\n"
        f"  {COPY} is a rewrite of {ORIGINAL}: substituted\n"
    )
    assert result.stderr == ""


def test_trace_of_the_origin_marks_the_first_appearance_and_accepts_an_id_prefix(crier):
    origin, copy = crier.original["truncated"], crier.copy["truncated"]

    result = ok(crier("trace", origin[:6]))

    lines = result.stdout.splitlines()
    assert lines[0] == "Bo Sample said:"
    assert lines[1] == f"  first appeared in {ORIGINAL_OUTLET}, {PUBLISHED} [{origin}]  \u2190 this claim"
    assert lines[3] == f"  then in {COPY_OUTLET} [{copy}]"
    assert lines[4] == "    truncated: The contractors have let this town down [-again and again,-]"
    assert lines[5] == f"  {COPY} is a rewrite of {ORIGINAL}: truncated"


def test_trace_of_a_quote_only_the_copy_carries_says_so_on_the_hop(crier):
    result = ok(crier("trace", crier.ferry))

    assert result.stdout == (
        "Bo Sample said:\n"
        f"  first appeared in {COPY_OUTLET} [{crier.ferry}]  \u2190 this claim\n"
        f"    {FERRY}\n"
        f"  {COPY} is a rewrite of {ORIGINAL} (the utterance is not recorded in the earlier source)\n"
    )


def test_trace_shows_where_and_when_it_was_said(crier):
    claim_id = add(
        crier,
        "The ferry timetable will not change.",
        "Bo Sample",
        ORIGINAL,
        "--venue",
        "Harbour office briefing",
        "--said-on",
        "2024-05-05",
        "--unanchored",
    )

    assert ok(crier("trace", claim_id)).stdout.splitlines()[0] == (
        "Bo Sample said at Harbour office briefing on 2024-05-05:"
    )


def quote_in_both(crier: TwoSources, words: str) -> None:
    """Append a new quote to both snapshots (recording their new checksums), so a claim can anchor in each."""
    for source_id in (ORIGINAL, COPY):
        text = snapshot(crier.path, source_id) + f'\n"{words}" she said.\n'
        rewrite_snapshot(crier.path, text, source_id=source_id)


def test_trace_of_a_copy_says_where_the_origin_says_it_was_said(crier):
    words = "Nobody will be left stranded on the far bank."
    quote_in_both(crier, words)
    add(crier, words, "Ann Example", ORIGINAL, "--venue", "Monday press conference", "--said-on", "2024-05-06")
    copy = add(crier, words, "Ann Exampel", COPY)

    result = ok(crier("trace", copy))

    assert result.stdout.splitlines()[0] == "Ann Example said at Monday press conference on 2024-05-06:"
    assert json.loads(ok(crier("trace", copy, "--json")).stdout)["venue"] == "Monday press conference"


def test_trace_of_an_unattributed_copy_names_the_origins_speaker(crier):
    words = "Nobody will be left stranded on the far bank."
    quote_in_both(crier, words)
    origin = add(crier, words, "Ann Example", ORIGINAL)
    added = ok(crier("add", words, "--mention", "the mayor", "--source", COPY, "--json"))
    copy = json.loads(added.stdout)
    assert copy["speaker"] is None
    data = json.loads(ok(crier("trace", copy["id"], "--json")).stdout)
    assert data["origin"] == origin  # the unattributed copy is grouped with the attributed origin

    result = ok(crier("trace", copy["id"]))

    assert result.stdout.splitlines()[0] == "Ann Example said:"
    assert (data["speaker"], data["speaker_name"]) == ("ann-example", "Ann Example")


def test_trace_json_has_the_origin_appearances_earliest_first_and_hops_with_drift(crier):
    origin, copy = crier.original["extended"], crier.copy["extended"]

    data = json.loads(ok(crier("trace", copy, "--json")).stdout)

    assert data["claim"] == copy
    assert data["origin"] == origin
    assert (data["speaker"], data["speaker_name"]) == ("bo-sample", "Bo Sample")
    assert [(a["claim"], a["source"], a["outlet"], a["published"], a["drift"]) for a in data["appearances"]] == [
        (origin, ORIGINAL, ORIGINAL_OUTLET, PUBLISHED, "identical"),
        (copy, COPY, COPY_OUTLET, None, "extended"),
    ]
    assert data["appearances"][0]["text"] == DRIFTS["extended"][2]
    assert data["appearances"][1]["text"] == DRIFTS["extended"][3]
    assert {"op": "insert", "old": "", "new": "ever"} in data["appearances"][1]["diff"]
    [hop] = data["hops"]
    assert hop["from_source"] == ORIGINAL
    assert hop["to_source"] == COPY
    assert hop["relation"] == "rewrite"
    assert (hop["from_claim"], hop["to_claim"]) == (origin, copy)
    assert hop["drift"] == "extended"
    assert {"op": "insert", "old": "", "new": "ever"} in hop["diff"]


@pytest.mark.parametrize("drift", list(DRIFTS))
def test_trace_draws_an_svg_with_the_drift_on_the_variant_edge(crier, tmp_path, drift):
    target = tmp_path / "chain.svg"

    result = ok(crier("trace", crier.copy[drift], "-o", str(target)))

    assert f"Wrote {target}" in result.stderr
    assert result.stdout.splitlines()[0].endswith("said:")  # the text trace is still printed
    root = ET.parse(target).getroot()
    assert root.tag == f"{SVG}svg"
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert f"variant of: {drift}" in texts
    assert f"Trace of {crier.copy[drift]}" in texts
    assert ORIGINAL_OUTLET in " ".join(texts)
    assert COPY_OUTLET in " ".join(texts)


def test_trace_writes_dot_from_the_suffix(crier, tmp_path):
    target = tmp_path / "chain.dot"

    result = ok(crier("trace", crier.copy["cosmetic"], "-o", str(target)))

    assert f"Wrote {target}" in result.stderr
    dot = target.read_text(encoding="utf-8")
    assert dot.startswith("digraph")
    assert "variant of: cosmetic" in dot
    assert crier.copy["cosmetic"] in dot
    assert crier.original["cosmetic"] in dot
    assert crier.copy["truncated"] not in dot  # only this chain, not the whole ledger


def test_trace_draws_after_variants_write_with_one_labelled_variant_edge(crier, tmp_path):
    ok(crier("variants", "--write"))
    target = tmp_path / "chain.dot"

    ok(crier("trace", crier.copy["substituted"], "-o", str(target)))

    dot = target.read_text(encoding="utf-8")
    assert dot.count('"variant of') == 1  # one edge label (the legend names the line once more)
    assert "variant of: substituted" in dot


def test_trace_json_and_output_together_write_the_file_and_print_json(crier, tmp_path):
    target = tmp_path / "chain.svg"

    result = ok(crier("trace", crier.copy["rewritten"], "--json", "-o", str(target)))

    assert json.loads(result.stdout)["origin"] == crier.original["rewritten"]
    assert "variant of: rewritten" in target.read_text(encoding="utf-8")


def test_trace_of_an_unknown_claim_is_an_error_and_draws_nothing(crier, tmp_path):
    target = tmp_path / "chain.svg"

    result = crier("trace", "c-000000000000", "-o", str(target))

    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert "c-000000000000" in result.stderr
    assert result.stdout == ""
    assert not target.exists()


def test_trace_to_an_unknown_format_is_an_error(crier, tmp_path):
    result = crier("trace", crier.copy["identical"], "-o", str(tmp_path / "chain.gif"))

    assert result.exit_code == 1
    assert result.stderr.startswith("Error: unknown format 'gif'")


# ------------------------------------------------------------------ status


REASON = "the copy passes off the Crier's quote as its own reporting"


def test_status_sets_a_status_with_its_reason_and_show_lists_the_history(crier):
    claim_id = crier.copy["substituted"]

    result = ok(crier("status", claim_id, "misattributed", "--reason", REASON))

    assert result.stdout == f"{claim_id} is now misattributed: {REASON}\n"
    shown = ok(crier("show", claim_id)).stdout
    assert f"     status: misattributed ({REASON})" in shown
    assert f"    history: {date.today()} status by Test Editor: status was recorded\n" in shown

    ok(crier("status", claim_id, "verified", "--reason", "the Crier licensed it after all"))

    shown = ok(crier("show", claim_id)).stdout
    assert "     status: verified (the Crier licensed it after all)" in shown
    assert (
        f"    history: {date.today()} status by Test Editor: status was recorded\n"
        f"             {date.today()} status by Test Editor: status was misattributed ({REASON})\n"
    ) in shown


def test_list_by_status_finds_the_misattributed_claim(crier):
    claim_id = crier.copy["substituted"]
    ok(crier("status", claim_id, "misattributed", "--reason", REASON))

    result = ok(crier("list", "--status", "misattributed"))

    [line] = result.stdout.splitlines()
    assert line.startswith(f"{claim_id}  Ann Example")
    assert line.endswith("[misattributed]")
    assert result.stderr.strip() == "1 claim"
    listed = json.loads(ok(crier("list", "--status", "misattributed", "--json")).stdout)
    assert [(c["id"], c["status"], c["status_reason"]) for c in listed] == [(claim_id, "misattributed", REASON)]
    assert ok(crier("list", "--status", "verified")).stdout == ""


@pytest.mark.parametrize("status", ["verified", "disputed", "misattributed", "retracted"])
def test_status_without_a_reason_is_a_usage_error_and_changes_nothing(crier, status):
    before = (crier.path / "sources" / f"{COPY}.yaml").read_bytes()

    result = crier("status", crier.copy["substituted"], status)

    assert result.exit_code == 2
    assert "Usage:" in result.stderr
    assert f"give --reason: a {status} claim needs to say why" in result.stderr
    assert (crier.path / "sources" / f"{COPY}.yaml").read_bytes() == before


def test_status_keeps_the_claim_in_its_yaml_with_its_history(crier):
    claim_id = crier.copy["substituted"]
    before = yaml_claims(crier.path, COPY)

    ok(crier("status", claim_id, "misattributed", "--reason", REASON))

    raw = (crier.path / "sources" / f"{COPY}.yaml").read_text(encoding="utf-8")
    assert "history:" in raw
    after = yaml_claims(crier.path, COPY)
    assert list(after) == list(before)  # nothing deleted, nothing reordered
    claim = after[claim_id]
    assert claim["text"] == before[claim_id]["text"]
    assert claim["anchor"] == before[claim_id]["anchor"]
    assert (claim["status"], claim["status_reason"]) == ("misattributed", REASON)
    assert [(str(h["status"]), str(h["until"])) for h in claim["history"]] == [("recorded", str(date.today()))]
    assert ok(crier("check")).stdout.startswith("Ledger OK")
    assert ok(crier("verify")).stdout == summary_line(exact=13) + "\n"  # still checked against its source


def test_setting_the_same_status_twice_adds_no_history(crier):
    claim_id = crier.copy["substituted"]
    ok(crier("status", claim_id, "misattributed", "--reason", REASON))
    once = (crier.path / "sources" / f"{COPY}.yaml").read_bytes()

    ok(crier("status", claim_id, "misattributed", "--reason", REASON))

    assert (crier.path / "sources" / f"{COPY}.yaml").read_bytes() == once


def test_status_json_prints_the_updated_claim(crier):
    claim_id = crier.copy["substituted"]

    data = json.loads(ok(crier("status", claim_id, "disputed", "--reason", "contested", "--json")).stdout)

    assert (data["id"], data["status"], data["status_reason"]) == (claim_id, "disputed", "contested")
    assert data["history"] == [
        {
            "change": "status",
            "status": "recorded",
            "reason": None,
            "former": {},
            "until": str(date.today()),
            "by": "Test Editor",
            "why": None,
        }
    ]


def test_the_status_shows_as_a_badge_in_the_graph(crier, tmp_path):
    before, after = tmp_path / "before.dot", tmp_path / "after.dot"
    ok(crier("graph", "--format", "dot", "-o", str(before)))
    ok(crier("status", crier.copy["substituted"], "misattributed", "--reason", REASON))

    result = ok(crier("graph", "--format", "dot", "-o", str(after)))

    assert "13 claims" in result.stdout
    assert "MISATTRIBUTED" not in before.read_text(encoding="utf-8")  # the legend lists only what is drawn
    dot = after.read_text(encoding="utf-8")
    assert dot.count("<b>\u2716 MISATTRIBUTED</b>") == 1  # on the claim (and once more in the legend)
    assert "#fee2e2" in dot  # the misattributed fill
    assert f"reason: {REASON}" in dot  # in the tooltip


def test_the_status_shows_in_the_trace_drawing(crier, tmp_path):
    ok(crier("status", crier.copy["substituted"], "misattributed", "--reason", REASON))
    target = tmp_path / "chain.dot"

    ok(crier("trace", crier.copy["substituted"], "-o", str(target)))

    assert "MISATTRIBUTED" in target.read_text(encoding="utf-8")


# ------------------------------------------------------------------ sources add FILE


def test_sources_add_a_text_file_keeps_it_as_the_snapshot_with_its_checksum(cli, ledger_path):
    article = DATA / "town-crier.txt"

    result = ok(cli("sources", "add", str(article), "--outlet", ORIGINAL_OUTLET, "--published", PUBLISHED))

    text = article.read_text(encoding="utf-8")
    assert result.stdout == f"Registered source town-crier with a {len(text)}-character text snapshot\n"
    assert (ledger_path / "texts" / "town-crier.txt").read_bytes() == article.read_bytes()
    source = source_yaml(ledger_path, "town-crier")["source"]
    assert source["text_sha256"] == hashlib.sha256(article.read_bytes()).hexdigest()
    assert source["outlet"] == ORIGINAL_OUTLET
    assert str(source["published"]) == PUBLISHED
    assert "url" not in source  # a file is not a URL
    assert ok(cli("check")).stdout.startswith("Ledger OK")


def test_sources_add_an_html_file_keeps_its_article_text(cli, ledger_path):
    page = DATA / "gazette-page.html"

    result = ok(cli("sources", "add", str(page), "--outlet", "Portmere Gazette"))

    assert result.stdout.startswith("Registered source gazette-page with a ")
    text = snapshot(ledger_path, "gazette-page")
    assert text == html_to_text(page.read_text(encoding="utf-8"))
    assert f"with a {len(text)}-character text snapshot" in result.stdout
    assert '"Nobody from the council has set foot on this pier in years," said Tomasz Wierzbicki' in text
    assert "<p>" not in text
    assert "Copyright" not in text  # the footer is not the article
    assert "Sport" not in text  # nor is the navigation
    source = source_yaml(ledger_path, "gazette-page")["source"]
    assert source["text_sha256"] == hashlib.sha256(text.encode("utf-8")).hexdigest()

    # Claims anchor in the article text, and verify checks them against it.
    added = ok(
        cli(
            "add",
            "Nobody from the council has set foot on this pier in years,",
            "--speaker",
            "Tomasz Wierzbicki",
            "--new-speaker",
            "--source",
            "gazette-page",
        )
    )
    assert re.search(r"\(gazette-page at \d+-\d+\)$", added.stdout.strip())
    assert ok(cli("verify")).stdout == summary_line(exact=1) + "\n"


def test_source_singular_is_an_alias_of_sources(cli, ledger_path):
    page = DATA / "gazette-page.html"

    result = ok(cli("source", "add", str(page), "--id", "gazette-2026", "--json"))

    data = json.loads(result.stdout)
    assert data["id"] == "gazette-2026"
    text = snapshot(ledger_path, "gazette-2026")
    assert data["text_sha256"] == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert text == html_to_text(page.read_text(encoding="utf-8"))
    listed = ok(cli("source", "list")).stdout
    assert "gazette-2026" in listed
    assert listed == ok(cli("sources", "list")).stdout


def test_sources_add_a_file_with_a_derivation(cli, ledger_path):
    ok(cli("sources", "add", str(DATA / "town-crier.txt")))

    result = ok(cli("source", "add", str(DATA / "copy-farm.txt"), "--derived-from", "town-crier:rewrite"))

    assert result.stdout.startswith("Registered source copy-farm with a ")
    assert source_yaml(ledger_path, "copy-farm")["source"]["derived_from"] == [
        {"source": "town-crier", "relation": "rewrite"}
    ]


def test_sources_add_a_missing_file_is_an_error_and_registers_nothing(cli, ledger_path, tmp_path):
    missing = tmp_path / "no-such-article.txt"

    result = cli("sources", "add", str(missing))

    assert result.exit_code != 0
    assert "no-such-article.txt" in result.stderr
    assert sorted(p.name for p in (ledger_path / "sources").iterdir()) == [f"{SOURCE_ID}.yaml"]


def test_variants_write_replaces_its_own_links_when_the_order_of_sources_changes(tmp_path):
    from provenance import Ledger

    ledger = Ledger.init(tmp_path / "claims")
    ledger.add_speaker("Ann Example")
    ledger.add_source(source_id="early", published=date(2024, 5, 6), text="“The pier stays open,” said Ann Example.")
    ledger.add_source(source_id="late", published=date(2024, 5, 7), text="“The pier will stay open,” said Ann Example.")
    ledger.add("The pier stays open,", speaker="Ann Example", source="early")
    ledger.add("The pier will stay open,", speaker="Ann Example", source="late")
    ledger.variants(write=True)

    # A correction: the "late" story was in fact published first.
    path = tmp_path / "claims" / "sources" / "late.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("2024-05-07", "2024-05-01"), encoding="utf-8")
    Ledger.open(tmp_path / "claims").variants(write=True)

    reopened = Ledger.open(tmp_path / "claims")
    links = {c.source: [(k.kind.value, k.target) for k in c.links] for c in reopened.claims()}
    late_claim = reopened.claims(source="late")[0].id
    assert links == {"early": [("variant_of", late_claim)], "late": []}  # no cycle left behind
    reopened.check()
