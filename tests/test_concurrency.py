"""Two people (two processes) writing to one ledger at the same moment lose nothing.

Each worker is a real Python process driving the real CLI. They wait for a
shared "go" file so their writes overlap, and the ledger's lock must
serialise them without dropping a claim or a speaker. The index beside the
YAML is written by the same writers (and read meanwhile by a reader that
lists over and over); afterwards it must hold exactly what the YAML holds.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from provenance import Ledger
from provenance.store.checks import load_ledger
from provenance.store.layout import Layout

SOURCE_ID = "minsk-march"  # the fresh ledger's source (conftest.py)
WORKER = """
import sys, time
from pathlib import Path
from click.testing import CliRunner
from provenance.cli import main

ledger, go, worker, count, mode = sys.argv[1], Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5]
while not go.exists():  # start together with the other worker
    time.sleep(0.005)
runner = CliRunner()
for i in range(count):
    if mode == "reader":
        result = runner.invoke(main, ["--ledger", ledger, "list", "--json", "--source", sys.argv[6]])
        if result.exit_code != 0:
            sys.exit(f"reader, step {i}: exit {result.exit_code}: {result.output}{result.stderr}")
        print(len(__import__("json").loads(result.stdout)), flush=True)
        continue
    if mode == "claims":
        args = ["add", f"Worker {worker} says thing number {i}.", "--speaker", "Valery Tsepkalo"]
    else:
        args = ["add", f"Statement {i} of worker {worker}.", "--speaker", f"Speaker{worker}x{i} Testname",
                "--new-speaker"]
    result = runner.invoke(main, ["--ledger", ledger, *args, "--source", sys.argv[6], "--unanchored"])
    if result.exit_code != 0:
        sys.exit(f"worker {worker}, step {i}: exit {result.exit_code}: {result.output}{result.stderr}")
"""


def run_workers(ledger_path: Path, tmp_path: Path, mode: str, workers: int, count: int, readers: int = 0) -> list[int]:
    """Run the writers (and ``readers`` listing processes) together; the claim counts the readers saw."""
    go = tmp_path / "go"
    jobs = [(name, mode) for name in "ABCDEFGH"[:workers]] + [(f"R{n}", "reader") for n in range(readers)]
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(ledger_path), str(go), name, str(count), kind, SOURCE_ID],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, kind in jobs
    ]
    go.touch()
    failures, seen = [], []
    for process in processes:
        stdout, stderr = process.communicate(timeout=300)
        if process.returncode != 0:
            failures.append(stderr)
        seen += [int(line) for line in stdout.split()]
    assert failures == []
    return seen


def assert_index_agrees_with_the_yaml(ledger_path: Path) -> None:
    speakers, venues, sources = load_ledger(Layout(ledger_path))
    ledger = Ledger.open(ledger_path)
    assert ledger.index_status().state == "fresh"  # the writers kept it up to date: nothing to re-read
    assert ledger.speakers() == list(speakers.values())
    assert ledger.venues() == list(venues.values())
    assert ledger.claims() == [claim for entry in sources.values() for claim in entry.claims]


def test_two_writers_adding_claims_to_one_source_lose_none(cli, ledger_path, tmp_path):
    before = len(Ledger.open(ledger_path).claims(source=SOURCE_ID))  # (and builds the index)

    seen = run_workers(ledger_path, tmp_path, "claims", workers=2, count=50, readers=1)

    claims = Ledger.open(ledger_path).claims(source=SOURCE_ID)
    assert len(claims) == before + 100
    assert {c.text for c in claims} == {f"Worker {w} says thing number {i}." for w in "AB" for i in range(50)}
    assert len({c.id for c in claims}) == 100
    checked = cli("check", "--json")
    assert checked.exit_code == 0, checked.stderr
    assert json.loads(checked.stdout)["claims"] == before + 100
    assert len(seen) == 50
    assert all(before <= count <= before + 100 for count in seen)  # a reader sees a whole state, never a torn one
    assert_index_agrees_with_the_yaml(ledger_path)


def test_two_writers_registering_new_speakers_lose_none(cli, ledger_path, tmp_path):
    registered_before = {s.id for s in Ledger.open(ledger_path).speakers()}  # (and builds the index)

    run_workers(ledger_path, tmp_path, "speakers", workers=2, count=20)

    ledger = Ledger.open(ledger_path)
    names = {s.name for s in ledger.speakers()}
    assert {f"Speaker{w}x{i} Testname" for w in "AB" for i in range(20)} <= names
    assert len(ledger.speakers()) == len(registered_before) + 40
    assert len(ledger.claims()) == 40
    assert {c.speaker for c in ledger.claims()} == {s.id for s in ledger.speakers()} - registered_before
    assert cli("check").exit_code == 0
    assert_index_agrees_with_the_yaml(ledger_path)
