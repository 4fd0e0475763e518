"""The index beside the YAML: it follows every change to the files, and losing it only costs a rebuild.

Hand edits, git checkouts, files added and removed, a writer killed between the
YAML and the index, a damaged, foreign or outdated index, an index SQLite cannot
open or is busy with: in every case the next command answers what the YAML says.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from provenance import Ledger, LedgerLoadError
from provenance.store import index as index_module
from provenance.store import index_db
from provenance.store.layout import INDEX_FILE

SOURCE = "minsk-march"  # the fresh ledger's source (conftest.py)
QUOTE = "We will not give up,"


def texts(root: Path, *args: str) -> list[str]:
    return [claim.text for claim in Ledger.open(root).claims()]


def source_file(root: Path, source: str = SOURCE) -> Path:
    return root / "sources" / f"{source}.yaml"


@pytest.fixture
def recorded(ledger_path: Path) -> Path:
    """The fresh ledger with one claim, its index built by a first read."""
    Ledger.open(ledger_path).add(QUOTE, speaker="Valery Tsepkalo", source=SOURCE)
    assert texts(ledger_path) == [QUOTE]
    assert (ledger_path / INDEX_FILE).exists()
    return ledger_path


# ------------------------------------------------------------------ following the files


def hand_edit(root: Path) -> None:
    """Change the claim's text the way a person would in an editor (the anchor still quotes the snapshot)."""
    path = source_file(root)
    path.write_text(path.read_text(encoding="utf-8").replace(f"text: {QUOTE}", "text: We will never surrender,"))


def test_a_hand_edit_shows_in_the_next_list(recorded: Path, cli) -> None:
    hand_edit(recorded)

    listed = cli("list", "--json")

    assert [claim["text"] for claim in json.loads(listed.stdout)] == ["We will never surrender,"]


def test_an_edit_that_keeps_size_and_mtime_is_still_seen_while_racy(recorded: Path) -> None:
    path = source_file(recorded)
    before = path.stat()
    with path.open("r+", encoding="utf-8") as handle:  # same inode, same size
        text = handle.read()
        handle.seek(0)
        handle.write(text.replace("give up", "GIVE UP"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns, path.stat().st_ino) == (
        before.st_size,
        before.st_mtime_ns,
        before.st_ino,
    )

    assert texts(recorded) == ["We will not GIVE UP,"]


def test_only_the_files_that_changed_are_read_again(recorded: Path, monkeypatch) -> None:
    Ledger.open(recorded).add_source(source_id="second-story", title="Another")
    Ledger.open(recorded).claims()
    old = 1_500_000_000_000_000_000  # 2017: far outside the racy window
    for path in (recorded / "sources").glob("*.yaml"):
        os.utime(path, ns=(old, old))
    for name in ("speakers.yaml", "venues.yaml"):
        os.utime(recorded / name, ns=(old, old))
    Ledger.open(recorded).claims()  # records the new times
    parsed: list[str] = []
    real_parse = index_module._parse
    monkeypatch.setattr(index_module, "_parse", lambda name, path: parsed.append(name) or real_parse(name, path))

    path = source_file(recorded, "second-story")
    path.write_text(path.read_text(encoding="utf-8").replace("Another", "Another one"), encoding="utf-8")
    assert Ledger.open(recorded).source("second-story").title == "Another one"

    assert parsed == ["sources/second-story.yaml"]


def test_new_and_removed_source_files_are_noticed(recorded: Path, tmp_path: Path) -> None:
    written_by_hand = "source:\n  id: copied-story\nclaims:\n- text: We will not give up\n  speaker: valery-tsepkalo\n"
    source_file(recorded, "copied-story").write_text(written_by_hand, encoding="utf-8")

    assert [c.source for c in Ledger.open(recorded).claims()] == ["copied-story", SOURCE]

    source_file(recorded).unlink()
    assert [c.source for c in Ledger.open(recorded).claims()] == ["copied-story"]
    assert [s.id for s in Ledger.open(recorded).sources()] == ["copied-story"]


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_git_checkout_of_an_older_version_shows_in_the_next_list(recorded: Path, cli) -> None:
    repo = recorded.parent
    git(repo, "init", "-q")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "claims")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "one claim")
    added = cli("add", "the regime was running out of road", "--speaker", "Gould-Davies", "--source", SOURCE)
    assert added.exit_code == 0
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", "two claims")
    assert len(json.loads(cli("list", "--json").stdout)) == 2

    git(repo, "checkout", "-q", "HEAD~1")
    older = json.loads(cli("list", "--json").stdout)
    git(repo, "checkout", "-q", "-")
    newer = json.loads(cli("list", "--json").stdout)

    assert [claim["text"] for claim in older] == [QUOTE]
    assert [claim["text"] for claim in newer] == [QUOTE, "the regime was running out of road"]
    assert "index.sqlite" not in git(repo, "status", "--porcelain")  # the index is git-ignored


def test_a_writer_killed_between_the_yaml_and_the_index_is_caught_up_by_the_next_read(recorded: Path) -> None:
    code = f"""
import os, sys
from provenance import Ledger
from provenance.store import index
index.record_writes = lambda *args, **kwargs: os._exit(9)  # killed right after the YAML was written
Ledger.open(sys.argv[1]).add("the regime was running out of road", speaker="Gould-Davies", source="{SOURCE}")
"""
    killed = subprocess.run([sys.executable, "-c", code, str(recorded)], capture_output=True, text=True)

    assert killed.returncode == 9
    assert texts(recorded) == [QUOTE, "the regime was running out of road"]


def test_a_write_updates_the_index_so_the_next_read_parses_nothing(recorded: Path, monkeypatch) -> None:
    ledger = Ledger.open(recorded)
    ledger.add("the regime was running out of road", speaker="Gould-Davies", source=SOURCE)
    monkeypatch.setattr(index_module, "_parse", lambda *args: pytest.fail("a file was parsed again"))

    status = Ledger.open(recorded).index_status()

    assert status.state == "fresh"
    assert status.claims == 2


# ------------------------------------------------------------------ the YAML's errors stay errors


def test_a_file_broken_after_the_index_was_built_is_reported_with_its_line(recorded: Path, cli) -> None:
    path = source_file(recorded)
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace(f"text: {QUOTE}", f"text: {QUOTE}\n  speakr: x"), encoding="utf-8")

    listed = cli("list")
    checked = cli("check")

    assert listed.exit_code == checked.exit_code == 1
    assert f"sources/{SOURCE}.yaml:" in listed.stderr
    assert listed.stderr == checked.stderr
    path.write_text(good, encoding="utf-8")
    assert cli("list").exit_code == 0


def test_a_dangling_reference_made_by_hand_is_reported_like_check_reports_it(recorded: Path, cli) -> None:
    path = source_file(recorded)
    path.write_text(path.read_text(encoding="utf-8").replace("valery-tsepkalo", "valery-tsepkalo-2"), encoding="utf-8")

    listed = cli("list")

    assert listed.exit_code == 1
    assert "'valery-tsepkalo-2' is not in speakers.yaml" in listed.stderr
    assert listed.stderr == cli("check").stderr
    with pytest.raises(LedgerLoadError):
        Ledger.open(recorded).claims()  # and again: a failed check is not forgotten


# ------------------------------------------------------------------ losing the index costs a rebuild


def test_a_deleted_index_is_rebuilt(recorded: Path) -> None:
    for path in recorded.glob(f"{INDEX_FILE}*"):
        path.unlink()

    assert texts(recorded) == [QUOTE]
    assert Ledger.open(recorded).index_status().state == "fresh"


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda p: p.write_bytes(b"this is not a database at all" * 100), id="garbage"),
        pytest.param(lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]), id="truncated"),
        pytest.param(lambda p: p.write_bytes(p.read_bytes()[:100] + b"\xff" * (len(p.read_bytes()) - 100)), id="pages"),
        pytest.param(lambda p: p.write_bytes(b""), id="empty"),
    ],
)
def test_a_damaged_index_is_rebuilt_never_an_error(recorded: Path, cli, damage) -> None:
    Ledger.open(recorded).close()
    damage(recorded / INDEX_FILE)

    listed = cli("list", "--json")

    assert listed.exit_code == 0, listed.stderr
    assert [claim["text"] for claim in json.loads(listed.stdout)] == [QUOTE]
    assert Ledger.open(recorded).index_status().state == "fresh"


def test_an_index_of_another_version_or_a_foreign_database_is_rebuilt(recorded: Path) -> None:
    con = sqlite3.connect(recorded / INDEX_FILE)
    con.execute("UPDATE meta SET value = 'provenance 0.0.1' WHERE key = 'package'")
    con.commit()
    con.close()
    assert Ledger.open(recorded).index_status().state == "outdated"
    assert texts(recorded) == [QUOTE]
    assert Ledger.open(recorded).index_status().state == "fresh"

    (recorded / INDEX_FILE).unlink()
    con = sqlite3.connect(recorded / INDEX_FILE)
    con.execute("CREATE TABLE claims (x)")
    con.commit()
    con.close()
    assert texts(recorded) == [QUOTE]


def test_when_sqlite_cannot_open_the_index_the_yaml_answers(recorded: Path, cli) -> None:
    for path in recorded.glob(f"{INDEX_FILE}*"):
        path.unlink()
    (recorded / INDEX_FILE).mkdir()  # a directory where the database should be

    listed = cli("list", "--json")

    assert listed.exit_code == 0, listed.stderr
    assert [claim["text"] for claim in json.loads(listed.stdout)] == [QUOTE]
    assert "unavailable" in cli("index", "status").stdout


def test_a_reader_that_finds_the_index_busy_answers_from_the_yaml(recorded: Path, monkeypatch) -> None:
    monkeypatch.setattr(index_db, "BUSY_TIMEOUT", 0.05)
    hand_edit(recorded)
    holder = sqlite3.connect(recorded / INDEX_FILE, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process is writing the index
    try:
        assert texts(recorded) == ["We will never surrender,"]
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert Ledger.open(recorded).index_status().state == "stale"  # the busy reader wrote nothing
    assert texts(recorded) == ["We will never surrender,"]
    assert Ledger.open(recorded).index_status().state == "fresh"


# ------------------------------------------------------------------ the ignore rule, progress, start-up


def test_init_ignores_the_index_and_an_older_ledger_gets_the_rule_appended(tmp_path: Path) -> None:
    fresh = Ledger.init(tmp_path / "new")
    assert (fresh.path / ".gitignore").read_text(encoding="utf-8") == ".lock\n.index.sqlite*\n"

    old = Ledger.init(tmp_path / "old")
    (old.path / ".gitignore").write_text(".lock\n# my notes\n*.bak", encoding="utf-8")  # no final newline
    Ledger.open(old.path).claims()

    assert (old.path / ".gitignore").read_text(encoding="utf-8") == ".lock\n# my notes\n*.bak\n.index.sqlite*\n"


def test_progress_is_reported_while_the_index_is_built_and_not_when_it_is_fresh(ledger_path: Path) -> None:
    for n in range(5):
        Ledger.open(ledger_path).add_source(source_id=f"story-{n}", title=f"Story {n}")
    calls: list[tuple[int, int]] = []

    Ledger.open(ledger_path, progress=lambda done, total: calls.append((done, total))).claims()
    built = list(calls)
    calls.clear()
    Ledger.open(ledger_path, progress=lambda done, total: calls.append((done, total))).claims()

    files = 2 + 6  # the registries and the six sources
    total = built[0][1]
    assert built[0] == (0, total)
    assert built[-1] == (total, total)
    assert [done for done, _ in built[1 : files + 1]] == list(range(1, files + 1))
    assert calls == []


def test_opening_a_ledger_loads_no_sqlite_until_a_read(ledger_path: Path) -> None:
    code = (
        f"import sys\nfrom provenance import Ledger\nledger = Ledger.open({str(ledger_path)!r})\n"
        "print('sqlite3' in sys.modules)\nledger.claims()\nprint('sqlite3' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert done.stdout.split() == ["False", "True"]


# ------------------------------------------------------------------ the commands


def test_index_status_and_rebuild(recorded: Path, cli) -> None:
    status = json.loads(cli("index", "status", "--json").stdout)
    rebuilt = cli("index", "rebuild")
    after = json.loads(cli("index", "rebuild", "--json").stdout)

    assert status["state"] == "fresh"
    assert (status["claims"], status["sources"], status["speakers"], status["files"]) == (1, 1, 3, 3)
    assert status["text_search"] in ("fts5-trigram", "scan")
    assert rebuilt.exit_code == 0
    assert "Rebuilt" in rebuilt.stdout
    assert "holds 1 claim, 1 source, 3 speakers and 0 venues from 3 YAML files" in rebuilt.stdout
    assert after["state"] == "fresh"
    assert after["seconds"] >= 0


def test_index_status_reports_a_stale_and_a_missing_index(recorded: Path, cli) -> None:
    hand_edit(recorded)
    assert json.loads(cli("index", "status", "--json").stdout)["stale_files"] == 1

    for file in recorded.glob(f"{INDEX_FILE}*"):
        file.unlink()
    shown = cli("index", "status")
    assert "missing" in shown.stdout
    assert not (recorded / INDEX_FILE).exists()  # status only looks


def test_index_rebuild_reports_a_broken_ledger_as_check_does(recorded: Path, cli) -> None:
    (recorded / "speakers.yaml").write_text("speakers:\n- id: x\n", encoding="utf-8")

    rebuilt = cli("index", "rebuild")

    assert rebuilt.exit_code == 1
    assert "speakers.yaml:2" in rebuilt.stderr


def test_verify_one_source(recorded: Path, cli) -> None:
    Ledger.open(recorded).add_source(source_id="other", text="Nothing to see.", title="Other")

    only = json.loads(cli("verify", "--source", SOURCE, "--json").stdout)
    unknown = cli("verify", "--source", "nowhere")

    assert [result["source"] for result in only["claims"]] == [SOURCE]
    assert unknown.exit_code == 1
    assert "no source 'nowhere'" in unknown.stderr


def test_graph_of_one_speaker_selects_its_claims_in_sql(recorded: Path, monkeypatch) -> None:
    ledger = Ledger.open(recorded)
    ledger.add("the regime was running out of road", speaker="Gould-Davies", source=SOURCE)
    ledger = Ledger.open(recorded)
    monkeypatch.setattr(type(ledger), "iter_claims", lambda self: pytest.fail("walked every claim"))

    graph = ledger.graph(speakers=["Gould-Davies"])

    claims = [node for node, kind in graph.nodes(data="type") if kind == "claim"]
    assert len(claims) == 1
    assert graph.nodes[claims[0]]["text"] == "the regime was running out of road"


def test_damage_found_by_a_query_is_answered_from_the_yaml_and_the_index_replaced(recorded: Path, monkeypatch) -> None:
    from provenance.store.index_db import IndexUnavailable
    from provenance.store.queries import IndexedReads

    def damaged(*args: object, **kwargs: object) -> None:
        raise IndexUnavailable("database disk image is malformed", damaged=True)

    with monkeypatch.context() as patched:
        patched.setattr(IndexedReads, "claims", damaged)
        assert [c.text for c in Ledger.open(recorded).claims(contains="give")] == [QUOTE]
    assert Ledger.open(recorded).index_status().state == "missing"
    assert texts(recorded) == [QUOTE]
    assert Ledger.open(recorded).index_status().state == "fresh"


def test_a_first_build_leaves_no_private_file_and_keeps_what_parsed_when_a_file_is_broken(recorded: Path) -> None:
    Ledger.open(recorded).add_source(source_id="second-story", title="Another")
    for path in recorded.glob(f"{INDEX_FILE}*"):
        path.unlink()
    broken = source_file(recorded, "second-story")
    good = broken.read_text(encoding="utf-8")
    broken.write_text(good + "claims: []\n", encoding="utf-8")  # a repeated key

    with pytest.raises(LedgerLoadError, match="appears twice"):
        Ledger.open(recorded).claims()

    assert sorted(p.name for p in recorded.glob(f"{INDEX_FILE}*")) == [INDEX_FILE]  # built, and no private copy
    status = Ledger.open(recorded).index_status()
    assert (status.files, status.stale_files) == (3, 1)  # the broken file is not recorded: read again next time
    broken.write_text(good, encoding="utf-8")
    assert [s.id for s in Ledger.open(recorded).sources()] == [SOURCE, "second-story"]


def test_problems_made_after_the_index_was_checked_are_still_found(recorded: Path, cli) -> None:
    copy = source_file(recorded).read_text(encoding="utf-8").replace(f"id: {SOURCE}", "id: copied-story")
    source_file(recorded, "copied-story").write_text(copy, encoding="utf-8")  # the same claim id twice

    listed = cli("list")

    assert listed.exit_code == 1
    assert "duplicates a claim in" in listed.stderr
    source_file(recorded, "copied-story").unlink()
    assert cli("list").exit_code == 0


def test_removing_a_file_whose_claim_another_links_to_is_reported(recorded: Path, cli) -> None:
    target = Ledger.open(recorded).claims()[0].id
    linking = (
        "source:\n  id: linking-story\nclaims:\n- text: Quoted again\n"
        f"  links:\n  - kind: variant_of\n    target: {target}\n"
    )
    source_file(recorded, "linking-story").write_text(linking, encoding="utf-8")
    assert cli("list").exit_code == 0

    source_file(recorded).unlink()
    listed = cli("list")

    assert listed.exit_code == 1
    assert f"target '{target}' is not a claim in the ledger" in listed.stderr


def test_when_the_index_cannot_agree_the_loaded_yaml_answers(recorded: Path, monkeypatch) -> None:
    hand_edit(recorded)
    monkeypatch.setattr(
        index_module, "references_hold", lambda *args: False
    )  # as if SQL saw a problem the YAML has not

    ledger = Ledger.open(recorded)

    assert [c.text for c in ledger.claims()] == ["We will never surrender,"]
    assert ledger._reads.sources is not None  # answered from the full load
