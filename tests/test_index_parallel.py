"""A build of many files parses them in forked workers: the index it makes is the one a serial build makes,
a broken file is still reported with its line, and where forking is refused the build still happens."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
from pathlib import Path

import pytest

from provenance import Ledger, LedgerLoadError
from provenance.store import index as index_module
from provenance.store import parsing_pool
from provenance.store.layout import INDEX_FILE, Layout

SOURCES = parsing_pool.MIN_FILES + 6


@pytest.fixture
def many(ledger_path: Path) -> Path:
    """The fresh ledger with enough source files for a build to use workers, each with a claim."""
    ledger = Ledger.open(ledger_path)
    for n in range(SOURCES):
        ledger.add_source(source_id=f"story-{n:03}", title=f"Story {n}")
        ledger.add(f"Claim number {n} was made", speaker="Valery Tsepkalo", source=f"story-{n:03}", unanchored=True)
    return ledger_path


def contents(root: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table of the index but the file stats, which differ with the moment each file was read."""
    con = sqlite3.connect(root / INDEX_FILE)
    try:
        return {
            table: con.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            for table in ("claims", "sources", "speakers", "venues", "links", "derivations")
        }
    finally:
        con.close()


def test_workers_build_the_index_a_serial_build_builds(many: Path, monkeypatch) -> None:
    index_module.rebuild(Layout(many))
    parallel = contents(many)
    monkeypatch.setattr(parsing_pool, "MIN_FILES", 10**9)
    index_module.rebuild(Layout(many))

    assert contents(many) == parallel
    assert len(parallel["claims"]) == SOURCES
    assert [c.text for c in Ledger.open(many).claims(contains="number 69")] == ["Claim number 69 was made"]


def test_parse_all_keeps_the_order_of_the_files_and_uses_workers(tmp_path: Path) -> None:
    jobs = [(f"f{n}", tmp_path / f"f{n}") for n in range(parsing_pool.MIN_FILES * 2)]

    results = list(parsing_pool.parse_all(jobs, _pid_and_name))

    assert [name for _, name in results] == [name for name, _ in jobs]
    if parsing_pool.cores() > 1:
        assert os.getpid() not in {pid for pid, _ in results}


def test_few_files_are_parsed_here(tmp_path: Path) -> None:
    jobs = [(f"f{n}", tmp_path / f"f{n}") for n in range(parsing_pool.MIN_FILES - 1)]

    assert {pid for pid, _ in parsing_pool.parse_all(jobs, _pid_and_name)} == {os.getpid()}


def _pid_and_name(name: str, path: Path) -> tuple[int, str]:
    return os.getpid(), name


_PARENT = os.getpid()


def _dies_in_a_worker(name: str, path: Path) -> tuple[int, str]:
    if name == "f100" and os.getpid() != _PARENT:
        os._exit(1)  # a worker killed midway (the out-of-memory killer, a signal)
    return os.getpid(), name


@pytest.mark.skipif(parsing_pool.cores() < 2, reason="one core: no workers to lose")
def test_when_a_worker_dies_the_rest_is_parsed_here_in_order(tmp_path: Path) -> None:
    jobs = [(f"f{n}", tmp_path / f"f{n}") for n in range(parsing_pool.MIN_FILES * 2)]

    results = list(parsing_pool.parse_all(jobs, _dies_in_a_worker))

    assert [name for _, name in results] == [name for name, _ in jobs]
    assert results[100][0] == _PARENT


def test_a_broken_file_among_many_is_reported_with_its_line(many: Path) -> None:
    broken = many / "sources" / "story-042.yaml"
    broken.write_text(broken.read_text(encoding="utf-8") + "claims: []\n", encoding="utf-8")  # a repeated key
    for path in many.glob(f"{INDEX_FILE}*"):
        path.unlink()

    with pytest.raises(LedgerLoadError, match=r"story-042\.yaml.*appears twice"):
        Ledger.open(many).claims()


def _build_in(root: str, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    try:
        index_module.rebuild(Layout(Path(root)))
        queue.put(len(Ledger.open(Path(root)).claims()))
    except BaseException as exc:  # reported to the test through the queue
        queue.put(repr(exc))


def test_a_daemonic_process_that_may_not_fork_builds_alone(many: Path) -> None:
    """Dask's workers are daemonic: Python refuses them children, so the build parses every file itself."""
    queue: multiprocessing.Queue = multiprocessing.get_context("fork").Queue()  # type: ignore[type-arg]
    worker = multiprocessing.get_context("fork").Process(target=_build_in, args=(str(many), queue), daemon=True)
    worker.start()
    worker.join(120)

    assert queue.get(timeout=5) == SOURCES
    assert worker.exitcode == 0
