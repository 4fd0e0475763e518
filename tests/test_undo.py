"""Every change is journaled and can be undone byte for byte: `git diff` of the ledger is empty after a change
and its undo, the index agrees with the files, and a file changed since is never overwritten."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from provenance import Ledger, LedgerError, Link, NotFoundError, WriteError
from provenance.store import atomic, journal
from provenance.store.checks import load_ledger
from provenance.store.layout import Layout

SOURCE_ID = "minsk-march"  # the fresh ledger's source (conftest.py)
TSEPKALO_QUOTE = "We will not give up,"
BIEGUN_QUOTE = "The United States stands with the people of Belarus."
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture
def committed(ledger_path: Path, ledger: Ledger) -> Path:
    """The fresh ledger with two claims (one linked to the other), committed to a new git repository."""
    tsepkalo = ledger.add(TSEPKALO_QUOTE, speaker="Valery Tsepkalo", source=SOURCE_ID).claim
    biegun = ledger.add(BIEGUN_QUOTE, speaker="Stephen Biegun", source=SOURCE_ID).claim
    with ledger.edit() as edit:
        entry = edit.source(SOURCE_ID)
        entry.claims[1] = biegun.model_copy(update={"links": (Link(kind="responds_to", target=tsepkalo.id),)})
        edit.save_source(entry)
    repo = ledger_path.parent
    git(repo, "init", "-q")
    git(repo, "add", "claims")
    git(repo, "commit", "-qm", "two claims")
    ledger.claims()  # the index is built and in use, as after any command
    return repo


def assert_clean(repo: Path) -> None:
    """Nothing of the ledger differs from the commit: no change, no new file (the journal is ignored)."""
    assert git(repo, "diff") == ""
    assert git(repo, "status", "--porcelain") == ""


def assert_index_agrees_with_the_yaml(ledger_path: Path) -> None:
    speakers, venues, sources = load_ledger(Layout(ledger_path))
    ledger = Ledger.open(ledger_path)
    assert ledger.index_status().state == "fresh"  # undo kept the index up to date: nothing to re-read
    assert ledger.speakers() == list(speakers.values())
    assert ledger.venues() == list(venues.values())
    assert ledger.claims() == [claim for entry in sources.values() for claim in entry.claims]


@needs_git
@pytest.mark.parametrize(
    "change",
    [
        ["claims", "remove", "{biegun}", "--reason", "recorded twice"],
        ["claims", "remove", "{tsepkalo}", "--reason", "its link goes too"],
        ["claims", "edit", "{tsepkalo}", "--text", "We will not give up", "--reason", "the comma"],
        ["status", "{biegun}", "misattributed", "--to", "Tsepkalo", "--reason", "it was him"],
        ["speakers", "merge", "Stephen Biegun", "Valery Tsepkalo", "--reason", "a test"],
        ["speakers", "edit", "Biegun", "--name", "Stephen E. Biegun", "--reason", "full name"],
        ["sources", "remove", SOURCE_ID, "--reason", "the wrong page"],
        ["venues", "add", "Press call", "--kind", "press-conference"],
        ["add", "the regime was running out of road", "--speaker", "Gould-Davies", "--source", SOURCE_ID],
        [
            "add",
            "Sanctions work.",
            "--speaker",
            "Borrell",
            "--new-speaker",
            "--source",
            "https://e.org/a",
            "--unanchored",
        ],
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_a_change_and_its_undo_leave_git_diff_empty_and_the_index_in_step(committed, cli, ledger_path, change):
    ids = {c.speaker.split("-")[-1] if c.speaker else "": c.id for c in Ledger.open(ledger_path).claims()}
    args = [arg.format(**ids) for arg in change]

    done = cli(*args)
    assert done.exit_code == 0, done.output
    assert git(committed, "status", "--porcelain") != ""  # the change is on disk

    undone = cli("undo")

    assert undone.exit_code == 0, undone.output
    assert undone.stdout.startswith("Undid change ")
    assert_clean(committed)
    assert_index_agrees_with_the_yaml(ledger_path)
    assert cli("check").exit_code == 0


@needs_git
def test_undo_to_a_change_takes_back_every_later_one_and_numbers_are_never_given_twice(committed, cli, ledger_path):
    ledger = Ledger.open(ledger_path)
    first = ledger.log(1)[0].number
    claim = ledger.claims(speaker="Stephen Biegun")[0]
    ledger.set_status(claim.id, "disputed", reason="the transcript differs")
    ledger.edit_claim(claim.id, said_on=None, cue="told reporters", reason="the article's cue")
    ledger.remove_claim(claim.id, reason="a test")
    assert [entry.action for entry in ledger.log(3)] == ["claims remove", "claims edit", "status"]

    undone = ledger.undo(to=first + 1)

    assert [entry.number for entry in undone] == [first + 3, first + 2, first + 1]
    assert_clean(committed)
    ledger.add_venue("Press call")
    assert ledger.log(1)[0].number == first + 4  # not first + 1 again: a number names one change
    with pytest.raises(NotFoundError, match=rf"no change {first + 1} in the journal"):
        ledger.undo(to=first + 1)


@needs_git
def test_undo_refuses_a_file_changed_since_and_writes_nothing(committed, cli, ledger_path):
    claim = Ledger.open(ledger_path).claims(speaker="Stephen Biegun")[0]
    assert cli("claims", "remove", claim.id, "--reason", "recorded twice").exit_code == 0
    source_file = ledger_path / "sources" / f"{SOURCE_ID}.yaml"
    edited_by_hand = source_file.read_text(encoding="utf-8").replace("Tens of thousands", "Thousands")
    source_file.write_text(edited_by_hand, encoding="utf-8")

    refused = cli("undo")

    assert refused.exit_code == 1
    assert "Error: cannot undo change" in refused.stderr
    assert f"sources/{SOURCE_ID}.yaml has changed since" in refused.stderr
    assert source_file.read_text(encoding="utf-8") == edited_by_hand
    assert len(Ledger.open(ledger_path).log()) > 0  # the change is still there to undo once the file is restored


def test_log_lists_who_did_what_when_and_why_newest_first(cli, ledger):
    claim = ledger.add(TSEPKALO_QUOTE, speaker="Valery Tsepkalo", source=SOURCE_ID).claim
    ledger.remove_claim(claim.id, reason="recorded twice")

    shown = cli("log", "-n", "2")
    data = json.loads(cli("log", "--json").stdout)

    [newest, added] = shown.stdout.splitlines()
    assert "Test Editor" in newest
    assert newest.split()[5:] == ["claims", "remove", claim.id, "from", SOURCE_ID, "\u2014", "recorded", "twice"]
    assert added.split()[5:] == ["add", claim.id, "in", SOURCE_ID]
    assert data[0]["action"] == "claims remove"
    assert data[0]["by"] == "Test Editor"
    assert data[0]["reason"] == "recorded twice"
    assert data[0]["files"] == [
        {
            "path": f"sources/{SOURCE_ID}.yaml",
            "before": data[1]["files"][0]["after"],
            "after": data[0]["files"][0]["after"],
        }
    ]


def test_undo_with_an_empty_journal_says_so(run, tmp_path):
    assert run("--ledger", str(tmp_path / "claims"), "init").exit_code == 0
    shutil.rmtree(tmp_path / "claims" / journal.JOURNAL_DIR, ignore_errors=True)

    result = run("--ledger", str(tmp_path / "claims"), "undo")

    assert result.exit_code == 1
    assert "Error: nothing to undo" in result.stderr


def test_the_journal_keeps_the_last_changes_only_and_ignores_itself(ledger_path, ledger, monkeypatch):
    monkeypatch.setattr(journal, "KEEP", 3)
    for i in range(6):
        ledger.add_venue(f"Venue {i}")

    kept = [entry.number for entry in ledger.log()]

    assert len(kept) == 3
    assert kept == sorted(kept, reverse=True)
    assert (ledger_path / journal.JOURNAL_DIR / ".gitignore").read_text(encoding="utf-8") == "*\n"


def test_a_damaged_before_image_is_refused(ledger_path, ledger):
    claim = ledger.add(TSEPKALO_QUOTE, speaker="Valery Tsepkalo", source=SOURCE_ID).claim
    ledger.remove_claim(claim.id, reason="a test")
    [entry] = ledger.log(1)
    journal.before_image(ledger.layout, entry.number, f"sources/{SOURCE_ID}.yaml").write_text("garbage")

    with pytest.raises(LedgerError, match="is damaged"):
        ledger.undo()
    assert ledger.claims() == []


@needs_git
def test_an_undo_interrupted_half_way_can_be_run_again(committed, ledger_path):
    ledger = Ledger.open(ledger_path)
    ledger.merge_speakers("Stephen Biegun", into="Valery Tsepkalo", reason="a test")  # a source file and the registry
    [entry] = ledger.log(1)
    assert sorted(change.path for change in entry.files) == [f"sources/{SOURCE_ID}.yaml", "speakers.yaml"]
    registry = ledger_path / "speakers.yaml"  # the undo was killed after putting this one file back
    registry.write_bytes(journal.before_image(ledger.layout, entry.number, "speakers.yaml").read_bytes())

    ledger.undo()

    assert_clean(committed)
    assert_index_agrees_with_the_yaml(ledger_path)


def test_a_write_that_failed_leaves_no_change_to_undo(ledger, monkeypatch):
    ledger.add(TSEPKALO_QUOTE, speaker="Valery Tsepkalo", source=SOURCE_ID)
    before = [entry.number for entry in ledger.log()]

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", full_disk)
    with pytest.raises(WriteError):
        ledger.add(BIEGUN_QUOTE, speaker="Stephen Biegun", source=SOURCE_ID)
    monkeypatch.undo()

    assert [entry.number for entry in ledger.log()] == before
    assert sorted(path.name for path in (ledger.path / journal.JOURNAL_DIR).iterdir() if path.name.isdigit()) == [
        f"{number:06d}" for number in sorted(before)
    ]
