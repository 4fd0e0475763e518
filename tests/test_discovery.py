"""Speakers nobody registered: `extract --add` registers the people and bodies an article names in full,
marks claims by groups and anonymous sources as such, and leaves a surname alone for `provenance resolve`.

The articles are tests/data/discovery/*.txt: a harbour story about people no ledger knows, and a
follow-up that misspells one of them.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from provenance import Ledger, extract
from provenance.extraction import extract_documents
from provenance.extraction.discovery import Newcomer, classify, newcomer, unnamed_speaker
from provenance.extraction.ingest import add_documents
from provenance.extraction.results import ExtractedClaim
from provenance.kinds import SpeakerKind, UnattributedKind
from provenance.records import Anchor

ARTICLES = Path(__file__).parent / "data" / "discovery"
PLAN = ARTICLES / "harbour-plan.txt"
WORKS = ARTICLES / "harbour-works.txt"
PLAN_URL = "https://harbour.example/plan"
WORKS_URL = "https://harbour.example/works"


@pytest.fixture
def empty(run, tmp_path: Path) -> Path:
    """A ledger with nobody registered."""
    root = tmp_path / "claims"
    assert run("--ledger", str(root), "init").exit_code == 0
    return root


@pytest.fixture
def on_empty(run, empty: Path):
    def invoke(*args: str):
        return run("--ledger", str(empty), *args)

    return invoke


def listed(on_empty, *args: str) -> list[dict[str, Any]]:
    result = on_empty(*args, "--json")
    assert result.exit_code == 0, result.output
    found: list[dict[str, Any]] = json.loads(result.stdout)
    return found


def claims_by_text(on_empty) -> dict[str, dict[str, Any]]:
    return {c["text"]: c for c in listed(on_empty, "list")}


def test_extract_add_registers_the_people_an_article_names_and_list_finds_them(on_empty) -> None:
    result = on_empty("extract", str(PLAN), "--add", "--source", PLAN_URL)

    assert result.exit_code == 0, result.output
    assert "Registered 3 new speakers found in the text:" in result.stderr
    assert "  Mike Smith [mike-smith] (person, a spokesman for the Harbour Trust)" in result.stderr
    assert "  Harbour Trust [harbour-trust] (organisation)" in result.stderr
    assert "  Laura Chen [laura-chen] (person, an economist at Northfield University)" in result.stderr
    his = [
        "This is the best day for the harbour in a generation,",
        "the work would start in the spring",
        "We have waited long enough,",
    ]
    for name in ("Mike Smith", "Smith", "mike smith", "mike-smith"):
        assert [c["text"] for c in listed(on_empty, "list", "--speaker", name)] == his
    # the mention stays as printed on each claim: the full name, the surname, the pronoun
    assert [c["speaker_mention"] for c in listed(on_empty, "list", "--speaker", "Mike Smith")] == [
        "Mike Smith",
        "Smith",
        "he",
    ]
    assert [c["text"] for c in listed(on_empty, "list", "--speaker", "chen")] == [
        "the numbers did not add up",
        "the council had ignored its own auditors",
    ]
    assert [c["text"] for c in listed(on_empty, "list", "--speaker", "Harbour Trust")] == ["it welcomed the decision"]
    assert on_empty("check").exit_code == 0


def test_speakers_list_shows_the_discovered_speakers_with_kind_and_role(on_empty) -> None:
    on_empty("extract", str(PLAN), "--add", "--source", PLAN_URL)

    table = on_empty("speakers", "list").stdout.splitlines()
    speakers = {s["id"]: s for s in listed(on_empty, "speakers", "list")}

    assert sorted(speakers) == ["harbour-trust", "laura-chen", "mike-smith"]
    assert (speakers["mike-smith"]["name"], speakers["mike-smith"]["kind"]) == ("Mike Smith", "person")
    assert speakers["mike-smith"]["description"] == "a spokesman for the Harbour Trust"
    assert speakers["laura-chen"]["description"] == "an economist at Northfield University"
    assert (speakers["harbour-trust"]["name"], speakers["harbour-trust"]["kind"]) == ("Harbour Trust", "organisation")
    line = next(row for row in table if row.startswith("mike-smith "))
    assert line.split()[:4] == ["mike-smith", "Mike", "Smith", "person"]
    assert line.endswith("(a spokesman for the Harbour Trust)")


def test_groups_and_anonymous_sources_have_no_speaker_and_say_why(on_empty) -> None:
    on_empty("extract", str(PLAN), "--add", "--source", PLAN_URL)
    claims = claims_by_text(on_empty)

    def shown(text: str) -> dict[str, Any]:
        result = on_empty("show", claims[text]["id"], "--json")
        assert result.exit_code == 0
        claim: dict[str, Any] = json.loads(result.stdout)
        return claim

    group = shown("the plan would cost far more than the council admits")
    close = shown("the vote had been arranged weeks ago")
    familiar = shown("the trust had threatened to withdraw")

    assert (group["speaker"], group["unattributed"], group["unattributed_phrase"]) == (None, "group", "Critics")
    assert (close["speaker"], close["unattributed"]) == (None, "anonymous")
    assert close["unattributed_phrase"] == "A source close to the mayor"
    assert (familiar["speaker"], familiar["unattributed"]) == (None, "anonymous")
    assert familiar["unattributed_phrase"] == "People familiar with the talks"
    text = on_empty("show", claims["the plan would cost far more than the council admits"]["id"]).stdout
    assert "(unattributed: group, Critics)" in text
    # nobody was registered for them
    names = {s["name"].lower() for s in listed(on_empty, "speakers", "list")}
    assert not names & {"critics", "a source close to the mayor", "people familiar", "source"}


def test_a_surname_alone_is_not_registered_and_resolve_links_it_once_someone_is(on_empty) -> None:
    on_empty("extract", str(PLAN), "--add", "--source", PLAN_URL)
    garcia = claims_by_text(on_empty)["the harbour would be busy by 2026"]
    assert (garcia["speaker"], garcia["speaker_mention"]) == (None, "Garcia")
    assert garcia["unattributed"] is None
    assert not [s for s in listed(on_empty, "speakers", "list") if "garcia" in s["id"]]

    added = on_empty("speakers", "add", "Rosa Garcia", "--description", "harbour master")
    done = on_empty("resolve")

    assert "1 recorded claim printed this speaker's name without a link to it" in added.stderr
    assert "Linked 1 claim to their speakers" in done.stderr
    assert [c["id"] for c in listed(on_empty, "list", "--speaker", "Rosa Garcia")] == [garcia["id"]]


def test_extract_add_twice_adds_nothing_and_registers_nobody_twice(on_empty, empty: Path) -> None:
    assert on_empty("extract", str(PLAN), "--add", "--source", PLAN_URL).exit_code == 0
    registry = (empty / "speakers.yaml").read_bytes()
    source = (empty / "sources" / "harbour-plan.yaml").read_bytes()

    again = on_empty("extract", str(PLAN), "--add", "--source", PLAN_URL)

    assert again.exit_code == 0
    assert "Recorded 0 new claims with status 'extracted' in source harbour-plan (10 already recorded)" in again.stderr
    assert "Registered" not in again.stderr
    assert (empty / "speakers.yaml").read_bytes() == registry
    assert (empty / "sources" / "harbour-plan.yaml").read_bytes() == source


def test_two_articles_naming_one_new_person_one_misspelled_give_one_speaker(on_empty) -> None:
    on_empty("extract", str(PLAN), "--add", "--source", PLAN_URL)
    second = on_empty("extract", str(WORKS), "--add", "--source", WORKS_URL)

    assert second.exit_code == 0
    assert "Mike Smyth" not in second.stderr  # nobody new by that name
    smiths = [s for s in listed(on_empty, "speakers", "list") if "smith" in s["id"] or "smyth" in s["id"]]
    assert [s["id"] for s in smiths] == ["mike-smith"]
    by_him = listed(on_empty, "list", "--speaker", "Mike Smith")
    assert {c["source"] for c in by_him} == {"harbour-plan", "harbour-works"}
    assert [c["speaker_mention"] for c in by_him if c["source"] == "harbour-works"] == ["Mike Smyth"]


def test_a_batch_registers_a_person_once_when_a_later_document_misspells_him(on_empty, tmp_path: Path) -> None:
    corpus = tmp_path / "harbour.jsonl"
    records = [
        {"id": "plan", "url": PLAN_URL, "text": PLAN.read_text(encoding="utf-8")},
        {"id": "works", "url": WORKS_URL, "text": WORKS.read_text(encoding="utf-8")},
    ]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")

    result = on_empty("extract", str(corpus), "--add")

    assert result.exit_code == 0, result.output
    assert "Registered 3 new speakers found in the text:" in result.stderr
    ids = [s["id"] for s in listed(on_empty, "speakers", "list")]
    assert sorted(ids) == ["harbour-trust", "laura-chen", "mike-smith"]
    assert {c["source"] for c in listed(on_empty, "list", "--speaker", "Mike Smith")} == {
        "harbour-plan",
        "harbour-works",
    }
    works = {c["text"]: c for c in listed(on_empty, "list", "--source", "harbour-works")}
    assert works["they feared months of noise"]["unattributed"] == "group"
    anonymous = works["It is going faster than anyone hoped,"]
    assert anonymous["unattributed"] == "anonymous"
    assert anonymous["unattributed_phrase"] == "a senior official who spoke on condition of anonymity"


def test_extract_without_add_writes_nothing(on_empty, empty: Path) -> None:
    before = {p: p.read_bytes() for p in empty.rglob("*") if p.is_file() and ".index" not in p.name}

    result = on_empty("extract", str(PLAN))

    assert result.exit_code == 0
    assert "Mike Smith" in result.stdout
    after = {p: p.read_bytes() for p in empty.rglob("*") if p.is_file() and ".index" not in p.name}
    assert after == before


def test_no_discover_records_every_unresolved_claim_without_a_speaker(on_empty, empty: Path) -> None:
    result = on_empty("extract", str(PLAN), "--add", "--source", PLAN_URL, "--no-discover")

    assert result.exit_code == 0
    assert "Registered" not in result.stderr
    assert listed(on_empty, "speakers", "list") == []
    claims = listed(on_empty, "list")
    assert len(claims) == 10
    assert all(c["speaker"] is None and c["unattributed"] is None for c in claims)
    assert yaml.safe_load((empty / "speakers.yaml").read_text(encoding="utf-8"))["speakers"] in ([], None)


def test_python_records_and_registers_in_one_call_and_discover_false_does_not(tmp_path: Path) -> None:
    text = PLAN.read_text(encoding="utf-8")
    ledger = Ledger.init(tmp_path / "claims")
    plain = Ledger.init(tmp_path / "plain")

    found = extract(text, ledger=ledger).claims
    done = ledger.add_extracted(found, source=PLAN_URL, text=text)
    kept = plain.add_extracted(found, source=PLAN_URL, text=text, discover=False)

    assert [(s.id, s.kind) for s in done.speakers_registered] == [
        ("mike-smith", SpeakerKind.PERSON),
        ("harbour-trust", SpeakerKind.ORGANISATION),
        ("laura-chen", SpeakerKind.PERSON),
    ]
    assert len(ledger.claims(speaker="Smith")) == 3
    unattributed = [c.unattributed for c in ledger.claims() if c.unattributed]
    assert unattributed == [UnattributedKind.GROUP, UnattributedKind.ANONYMOUS, UnattributedKind.ANONYMOUS]
    assert kept.speakers_registered == ()
    assert plain.speakers() == []
    assert all(c.speaker is None and c.unattributed is None for c in plain.claims())


def test_a_speaker_named_by_hand_takes_the_mark_off_and_history_keeps_it(on_empty) -> None:
    on_empty("extract", str(PLAN), "--add", "--source", PLAN_URL)
    critics = claims_by_text(on_empty)["the plan would cost far more than the council admits"]
    on_empty("speakers", "add", "Harbour Watch", "--kind", "organisation")

    edited = on_empty(
        "claims", "edit", critics["id"], "--speaker", "Harbour Watch", "--reason", "the critics are Harbour Watch"
    )

    assert edited.exit_code == 0, edited.output
    claim = json.loads(on_empty("show", critics["id"], "--json").stdout)
    assert claim["speaker"] == "harbour-watch"
    assert claim["unattributed"] is None
    assert claim["unattributed_phrase"] is None
    assert claim["history"][-1]["former"]["unattributed"] == "group"
    assert on_empty("check").exit_code == 0


def test_resolve_never_links_a_group_or_an_anonymous_source(on_empty) -> None:
    on_empty("extract", str(PLAN), "--add", "--source", PLAN_URL)
    on_empty("speakers", "add", "Critics", "--kind", "group")

    preview = listed(on_empty, "resolve", "--dry-run")

    assert preview == []


def test_a_claim_with_a_speaker_cannot_also_be_unattributed(on_empty, empty: Path) -> None:
    on_empty("extract", str(PLAN), "--add", "--source", PLAN_URL)
    path = empty / "sources" / "harbour-plan.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["claims"][0]["unattributed"] = "group"  # the claim by Mike Smith
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    result = on_empty("check")

    assert result.exit_code == 1
    assert "unattributed is only for a claim with no speaker" in result.output


def test_roles_come_from_appositives_on_either_side_and_from_titles(run, tmp_path: Path) -> None:
    article = tmp_path / "roles.txt"
    article.write_text(
        "Tom Ward, the mayor of Harbourton, said the plan was sound.\n\n"
        '"We will be ready," said Ines Duarte, a director at Harbour Watch.\n\n'
        "Opposition leader Irena Kovac said the vote was rigged.\n\n"
        "Paul Reyes, 45, said he had fished here all his life.\n",
        encoding="utf-8",
    )

    result = run("--ledger", str(tmp_path / "none"), "extract", str(article), "--json")

    roles = {c["speaker_mention"]: c["speaker_role"] for c in json.loads(result.stdout)["claims"]}
    assert roles == {
        "Tom Ward": "the mayor of Harbourton",
        "Ines Duarte": "a director at Harbour Watch",
        "Irena Kovac": "Opposition leader",
        "Paul Reyes": None,  # an age is no role
    }


@pytest.mark.parametrize(
    ("mention", "after", "kind"),
    [
        ("Critics", "", "group"),
        ("protesters", "", "group"),
        ("Opposition lawmakers", "", "group"),
        ("Two lawmakers", "", "group"),
        ("Residents on Holm", "", "group"),
        ("officials", "", "group"),
        ("Analysts", "", "group"),
        ("A long queue of police", "", "group"),
        ("the crowd", "", "group"),
        ("Thousands of protesters", "", "group"),
        ("Sources", "", "anonymous"),
        ("Kremlin sources", "", "anonymous"),
        ("A source close to", " the mayor ", "anonymous"),
        ("People familiar", " with the talks ", "anonymous"),
        ("A senior official", " who asked not to be named ", "anonymous"),
        ("an aide to", " the mayor ", "anonymous"),
        ("Mike Smith", ", who lives close to the harbour, ", None),
        ("Smith", ", who is close to the mayor, ", None),
        ("Republicans in Congress", "", "group"),
        ("the spokesman", "", None),
        ("a statement", "", None),  # a document, not an unnamed source
        ("a new report", "", None),
    ],
)
def test_who_counts_as_a_group_or_an_anonymous_source(mention: str, after: str, kind: str | None) -> None:
    found = unnamed_speaker(mention, after)
    assert (found.kind.value if found else None) == kind


@pytest.mark.parametrize(
    ("name", "registered", "kind"),
    [
        ("Mike Smith", "Mike Smith", "person"),
        ("Ursula von der Leyen", "Ursula von der Leyen", "person"),
        ("Tom Hill", "Tom Hill", "person"),  # Hill is a surname, not a place
        ("The Harbour Trust", "Harbour Trust", "organisation"),
        ("Northfield University", "Northfield University", "organisation"),
        ("NATO", "NATO", "organisation"),
        ("the Kremlin", "Kremlin", "organisation"),
        ("North Korea", "North Korea", "government"),
        ("the Netherlands", "Netherlands", "government"),
        ("Smith", None, None),  # a surname alone
        ("Jordan", None, None),  # a man or a country: nobody registered
        ("Prime Minister", None, None),  # an office
        ("Tuesday's", None, None),
        ("the spokesman", None, None),
        ("the White House", "White House", "organisation"),
        ("Senator Lamar Alexander", "Lamar Alexander", "person"),  # the man, not the office
        ("Elijah Cummings of Maryland", "Elijah Cummings", "person"),
        ("Vann R. Newkirk II", "Vann R. Newkirk II", "person"),
        ("Will Hurd", "Will Hurd", "person"),  # "Will" opens names as well as clauses
        ("Hope Hicks", "Hope Hicks", "person"),
        ("When Clinton", None, None),  # a sentence's first word before a surname
        ("Although North Korea", "North Korea", "government"),
        ("What Mr", None, None),
        ("the Rev.", None, None),
        ("Chris Christie Calls Hillary Clinton", None, None),  # a headline
        ("SAVE A QUARTER", None, None),  # a headline in capitals
        ("Marc H", None, None),  # cut short: an initial is no surname
        ("NBC\u2019s Dante Chinni", "Dante Chinni", "person"),
        ("Miss Ana Ruiz", "Ana Ruiz", "person"),
        # bodies, services and offices named by what they do, not people ("a spokesman for Orchard Music")
        ("Orchard Music", "Orchard Music", "organisation"),
        ("Office of Public Affairs", "Office of Public Affairs", "organisation"),
        ("Northern Media", "Northern Media", "organisation"),
        ("Tenant Rights Watch", "Tenant Rights Watch", "organisation"),
        ("Ravel Partners", "Ravel Partners", "organisation"),
    ],
)
def test_which_names_are_registered_and_as_what(name: str, registered: str | None, kind: str | None) -> None:
    found = newcomer(name)
    assert ((found.name, found.kind.value) if found else (None, None)) == (registered, kind)


@pytest.mark.parametrize(
    ("label", "registered"),
    [("HILLARY CLINTON", ("Hillary Clinton", SpeakerKind.PERSON)), ("WALLACE", None), ("NATO", None)],
)
def test_a_transcript_label_in_capitals_names_a_person_not_an_acronym(label: str, registered: object) -> None:
    text = f'"{label}: We will win."'
    claim = ExtractedClaim(
        text="We will win.",
        kind="direct",
        speaker_mention=label,
        speaker_anchor=Anchor.around(text, 1, 1 + len(label)),
        cue=":",
        anchor=Anchor.around(text, 3 + len(label), 15 + len(label)),
        confidence=0.7,
    )

    found = classify(claim, text)

    assert ((found.name, found.kind) if isinstance(found, Newcomer) else None) == registered


def test_registering_a_speaker_says_which_earlier_claims_resolve_would_link(on_empty, tmp_path: Path) -> None:
    earlier = tmp_path / "budget.txt"
    earlier.write_text("HARBOURTON - Smith said the trust would publish its budget in June.\n", encoding="utf-8")
    on_empty("extract", str(earlier), "--add", "--source", "https://harbour.example/budget")
    (waiting,) = listed(on_empty, "list", "--source", "harbour-budget")
    assert (waiting["speaker"], waiting["speaker_mention"]) == (None, "Smith")  # a surname alone: nobody registered

    result = on_empty("extract", str(PLAN), "--add", "--source", PLAN_URL)
    linked = on_empty("resolve")

    assert "1 earlier claim printed these names without a link; 'provenance resolve' links them" in result.stderr
    assert "Linked 1 claim to their speakers" in linked.stderr
    assert waiting["id"] in [c["id"] for c in listed(on_empty, "list", "--speaker", "Mike Smith")]


def test_the_csv_tables_carry_why_a_claim_has_no_speaker(on_empty, tmp_path: Path) -> None:
    on_empty("extract", str(PLAN), "--add", "--source", PLAN_URL)

    assert on_empty("export", "--format", "csv", "-o", str(tmp_path / "tables")).exit_code == 0

    with (tmp_path / "tables" / "claims.csv").open(encoding="utf-8", newline="") as handle:
        rows = {row["text"]: row for row in csv.DictReader(handle)}
    critics = rows["the plan would cost far more than the council admits"]
    assert (critics["speaker"], critics["unattributed"], critics["unattributed_phrase"]) == ("", "group", "Critics")
    assert rows["the work would start in the spring"]["speaker"] == "mike-smith"


# ------------------------------------------------------------------ batches: many documents to an edit


def _corpus(tmp_path: Path, records: list[dict[str, str]]) -> Path:
    path = tmp_path / "batch.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _both_articles(urls: tuple[str, str] = (PLAN_URL, WORKS_URL)) -> list[dict[str, str]]:
    texts = (PLAN.read_text(encoding="utf-8"), WORKS.read_text(encoding="utf-8"))
    return [{"id": f"doc-{n}", "url": url, "text": text} for n, (url, text) in enumerate(zip(urls, texts, strict=True))]


def test_one_edit_per_document_or_per_batch_records_the_same_ledger(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, _both_articles())

    def record(per_edit: int) -> tuple[list[object], list[object]]:
        ledger = Ledger.init(tmp_path / f"per-{per_edit}")
        found = ((d, r.extraction) for d, r in extract_documents([corpus], ledger=ledger) if d and r.extraction)
        outcomes = list(add_documents(ledger, found, per_edit=per_edit))
        assert all(not isinstance(outcome, Exception) for _, outcome in outcomes)
        return [s.model_dump() for s in ledger.speakers()], [c.model_dump() for c in ledger.claims()]

    one_by_one, together = record(1), record(64)

    assert together == one_by_one
    assert [s["id"] for s in together[0]] == ["mike-smith", "harbour-trust", "laura-chen"]


def test_two_new_urls_of_a_batch_that_would_share_an_id_get_two_sources(on_empty, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, _both_articles(("https://news.example/1", "https://news.example/2")))

    result = on_empty("extract", str(corpus), "--add")

    assert result.exit_code == 0, result.output
    assert "Recorded 13 new claims with status 'extracted' in 2 sources" in result.stderr
    sources = listed(on_empty, "sources", "list")
    assert sorted(s["url"] for s in sources) == ["https://news.example/1", "https://news.example/2"]
    assert len({s["id"] for s in sources}) == 2


def test_a_document_refused_in_a_batch_writes_nothing_of_its_own_and_the_rest_is_recorded(
    on_empty, empty: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.txt"
    other.write_text("Another text for the same address.\n", encoding="utf-8")
    assert on_empty("sources", "add", WORKS_URL, "--text", str(other)).exit_code == 0
    corpus = _corpus(tmp_path, _both_articles())  # the second names a source whose snapshot is another text

    result = on_empty("extract", str(corpus), "--add")

    assert result.exit_code == 1
    assert "already has a different text snapshot" in result.stderr
    assert "Recorded 10 new claims with status 'extracted' in 1 source" in result.stderr
    assert {c["source"] for c in listed(on_empty, "list")} == {"harbour-plan"}
    assert "Mike Smyth" not in (empty / "speakers.yaml").read_text(encoding="utf-8")
    assert on_empty("check").exit_code == 0


def test_undo_takes_back_a_batch_with_the_speakers_it_registered(on_empty, empty: Path, tmp_path: Path) -> None:
    registry = (empty / "speakers.yaml").read_bytes()
    on_empty("extract", str(_corpus(tmp_path, _both_articles())), "--add")
    log = on_empty("log").stdout
    assert "extract --add" in log

    undone = on_empty("undo")

    assert undone.exit_code == 0, undone.output
    assert (empty / "speakers.yaml").read_bytes() == registry
    assert listed(on_empty, "list") == []
    assert on_empty("check").exit_code == 0
