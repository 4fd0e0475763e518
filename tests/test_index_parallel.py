"""A build of many files parses them in forked workers: the index it makes is the one a serial build makes,
a broken file is still reported with its line, and where forking is refused or unsafe the build still happens.

Whether workers are used depends on the process (its cores, its other threads), so the tests that need
them run in a fresh Python process of their own; a test process may hold threads other tests started.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from provenance import Ledger, LedgerLoadError
from provenance.store import parsing_pool
from provenance.store.layout import INDEX_FILE

SOURCES = parsing_pool.MIN_FILES + 6
several_cores = pytest.mark.skipif(parsing_pool.cores() < 2, reason="one core: no workers to start")


@pytest.fixture
def many(ledger_path: Path) -> Path:
    """The fresh ledger with enough source files for a build to use workers, each with a claim."""
    ledger = Ledger.open(ledger_path)
    for n in range(SOURCES):
        ledger.add_source(source_id=f"story-{n:03}", title=f"Story {n}")
        ledger.add(f"Claim number {n} was made", speaker="Valery Tsepkalo", source=f"story-{n:03}", unanchored=True)
    return ledger_path


def in_fresh_process(code: str, *args: str) -> object:
    """Run ``code`` in a new Python process (no thread but its own) and return the JSON it prints last."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args], capture_output=True, text=True, check=True, timeout=300
    )
    return json.loads(done.stdout.splitlines()[-1])


def contents(root: Path) -> dict[str, list[list[object]]]:
    """Every table of the index but the file stats, which differ with the moment each file was read."""
    con = sqlite3.connect(root / INDEX_FILE)
    try:
        return {
            table: [list(row) for row in con.execute(f"SELECT * FROM {table} ORDER BY 1, 2")]
            for table in ("claims", "sources", "speakers", "venues", "links", "derivations")
        }
    finally:
        con.close()


REBUILD = """
    import json, sys
    from pathlib import Path
    from provenance.store import index, parsing_pool
    from provenance.store.layout import Layout
    used = []
    real = parsing_pool._in_workers
    parsing_pool._in_workers = lambda *a: used.append(True) or real(*a)
    if sys.argv[2] == "serial":
        parsing_pool.MIN_FILES = 10**9
    index.rebuild(Layout(Path(sys.argv[1])))
    print(json.dumps(bool(used)))
"""


@several_cores
def test_workers_build_the_index_a_serial_build_builds(many: Path) -> None:
    assert in_fresh_process(REBUILD, str(many), "parallel") is True
    parallel = contents(many)
    assert in_fresh_process(REBUILD, str(many), "serial") is False

    assert contents(many) == parallel
    assert len(parallel["claims"]) == SOURCES
    assert [c.text for c in Ledger.open(many).claims(contains="number 69")] == ["Claim number 69 was made"]


PARSE_ALL = """
    import json, os, sys
    from pathlib import Path
    from provenance.store import parsing_pool
    parent = os.getpid()

    def pid_and_name(name, path):
        if name == sys.argv[1] and os.getpid() != parent:
            os._exit(1)  # a worker killed midway (the out-of-memory killer, a signal)
        return os.getpid(), name

    jobs = [(f"f{n}", Path(f"f{n}")) for n in range(parsing_pool.MIN_FILES * 2)]
    results = list(parsing_pool.parse_all(jobs, pid_and_name))
    print(json.dumps({"names": [name for _, name in results], "here": [pid == parent for pid, _ in results]}))
"""
NAMES = [f"f{n}" for n in range(parsing_pool.MIN_FILES * 2)]


@several_cores
def test_parse_all_keeps_the_order_of_the_files_and_uses_workers() -> None:
    found = in_fresh_process(PARSE_ALL, "nobody")

    assert found == {"names": NAMES, "here": [False] * len(NAMES)}


@several_cores
def test_when_a_worker_dies_the_rest_is_parsed_here_in_order() -> None:
    found = in_fresh_process(PARSE_ALL, "f100")

    assert isinstance(found, dict)
    assert found["names"] == NAMES
    assert found["here"][100] is True  # the file whose worker died, parsed again here
    assert found["here"][0] is False


def _pid_and_name(name: str, path: Path) -> tuple[int, str]:
    return os.getpid(), name


def test_few_files_are_parsed_here(tmp_path: Path) -> None:
    jobs = [(f"f{n}", tmp_path / f"f{n}") for n in range(parsing_pool.MIN_FILES - 1)]

    assert {pid for pid, _ in parsing_pool.parse_all(jobs, _pid_and_name)} == {os.getpid()}


def test_a_process_with_another_thread_does_not_fork(tmp_path: Path) -> None:
    """A thread holding a lock at the fork would leave it held in the worker: such a process parses alone."""
    jobs = [(f"f{n}", tmp_path / f"f{n}") for n in range(parsing_pool.MIN_FILES * 2)]
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        pids = {pid for pid, _ in parsing_pool.parse_all(jobs, _pid_and_name)}
    finally:
        stop.set()
        other.join()

    assert pids == {os.getpid()}


def test_a_broken_file_among_many_is_reported_with_its_line(many: Path) -> None:
    broken = many / "sources" / "story-042.yaml"
    broken.write_text(broken.read_text(encoding="utf-8") + "claims: []\n", encoding="utf-8")  # a repeated key
    for path in many.glob(f"{INDEX_FILE}*"):
        path.unlink()

    with pytest.raises(LedgerLoadError, match=r"story-042\.yaml.*appears twice"):
        Ledger.open(many).claims()


DAEMONIC = """
    import json, multiprocessing, sys
    from pathlib import Path
    from provenance import Ledger
    from provenance.store import index, parsing_pool
    from provenance.store.layout import Layout
    tried = []
    real = parsing_pool._in_workers
    parsing_pool._in_workers = lambda *a: tried.append(True) or real(*a)

    def build(root, queue):
        try:
            index.rebuild(Layout(Path(root)))
            queue.put([len(Ledger.open(Path(root)).claims()), bool(tried)])
        except BaseException as exc:
            queue.put(repr(exc))

    if __name__ == "__main__":
        context = multiprocessing.get_context("fork")
        queue = context.Queue()
        worker = context.Process(target=build, args=(sys.argv[1], queue), daemon=True)
        worker.start()
        found = queue.get(timeout=120)
        worker.join(60)
        print(json.dumps([found, worker.exitcode]))
"""


@several_cores
def test_a_daemonic_process_that_may_not_fork_builds_alone(many: Path) -> None:
    """Dask's workers are daemonic: Python refuses them children, so the build parses every file itself."""
    assert in_fresh_process(DAEMONIC, str(many)) == [[SOURCES, True], 0]
