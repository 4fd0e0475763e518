"""A real Dask cluster: `dask scheduler` and two `dask worker` processes on 127.0.0.1, reached with --scheduler.

The scheduler picks a free port (--port 0) and writes its address to a scheduler file, so
nothing here guesses a port; no dashboard is started. Every process is stopped at the end,
whatever the test's outcome.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from corpus_data import corpus_records, rows, write_jsonl

from provenance.corpus import extract

#: A worker preload that slows each partition down and notes which worker process started which partition,
#: so a test can kill a worker while it is busy with a partition.
SLOW_PARTITIONS = """
import os, time
from pathlib import Path
import provenance.corpus.partition as partition

_run = getattr(partition.run_partition, "__wrapped__", partition.run_partition)  # Dask may load a preload twice
STARTED = Path({started!r})

def slow(part, *args, **kwargs):
    (STARTED / f"{{os.getpid()}}-{{part.key}}").touch()
    time.sleep(0.4)
    return _run(part, *args, **kwargs)

slow.__wrapped__ = _run
partition.run_partition = slow
"""


@dataclass
class Cluster:
    address: str
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)


def _dask(*args: str, log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as handle:
        return subprocess.Popen(
            [sys.executable, "-m", "dask", *args], stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
        )


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def _wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


@pytest.fixture
def started(tmp_path: Path) -> Path:
    path = tmp_path / "started"
    path.mkdir()
    return path


@pytest.fixture
def cluster(request: pytest.FixtureRequest, tmp_path: Path, started: Path) -> Iterator[Cluster]:
    """A scheduler and two one-thread workers without nannies (so a killed worker stays dead)."""
    scheduler_file = tmp_path / "scheduler.json"
    preload: list[str] = []
    if request.node.get_closest_marker("slow_partitions"):
        module = tmp_path / "slow_partitions.py"
        module.write_text(SLOW_PARTITIONS.format(started=str(started)))
        preload = ["--preload", str(module)]
    processes = [
        _dask(
            "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--scheduler-file",
            str(scheduler_file), log=tmp_path / "scheduler.log",
        )
    ]  # fmt: skip
    try:
        _wait_for(lambda: _address(scheduler_file) is not None, 60, "the scheduler file")  # written, not half written
        address = _address(scheduler_file)
        assert address is not None
        cluster = Cluster(address=address)
        for number in range(2):
            worker = _dask(
                "worker", address, "--nthreads", "1", "--no-nanny", "--no-dashboard", "--host", "127.0.0.1",
                "--name", f"w{number}", *preload, log=tmp_path / f"worker{number}.log",
            )  # fmt: skip
            processes.append(worker)
            cluster.workers.append(worker)
        _wait_for(lambda: _workers_registered(address) == 2, 60, "two workers")
        yield cluster
    finally:
        for process in reversed(processes):
            _stop(process)


def _workers_registered(address: str) -> int:
    from distributed import Client

    with Client(address, timeout="10s", set_as_default=False) as client:
        return len(client.nthreads())


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "news.jsonl", corpus_records(150))


def _tables(out: Path) -> dict[str, list[dict]]:
    return {table: rows(out, table) for table in ("articles", "quotes", "mentions")}


def test_the_same_extraction_on_a_tcp_cluster_writes_the_rows_of_a_local_run(
    run, cluster: Cluster, corpus: Path, tmp_path: Path, client
) -> None:
    local = extract([corpus], tmp_path / "local", client=client, partition_bytes=8_000)

    result = run(
        "--ledger", str(tmp_path / "no-ledger"), "corpus", "extract", str(corpus), "-o", str(tmp_path / "remote"),
        "--scheduler", cluster.address, "--partition-mb", "1", "--json",
    )  # fmt: skip

    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert len(summary["worker_peak_mb"]) == 2
    assert summary["documents"] == local.documents == 150
    again = extract([corpus], tmp_path / "remote-small", scheduler=cluster.address, partition_bytes=8_000)
    assert again.ran == local.ran > 5
    assert _tables(tmp_path / "remote") == _tables(tmp_path / "local") == _tables(tmp_path / "remote-small")


@pytest.mark.slow_partitions
def test_a_worker_killed_mid_run_loses_nothing(
    cluster: Cluster, corpus: Path, started: Path, tmp_path: Path, client
) -> None:
    local = extract([corpus], tmp_path / "local", client=client, partition_bytes=6_000)
    out = tmp_path / "remote"
    # The run is a separate process, as a user's would be; the Python call takes a partition size in bytes.
    code = (
        "import sys; from provenance.corpus import extract; "
        f"s = extract([{str(corpus)!r}], {str(out)!r}, scheduler={cluster.address!r}, partition_bytes=6_000); "
        "print(s.ran, s.failed)"
    )
    victim = cluster.workers[0]
    runner = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:

        def victim_is_busy() -> bool:
            mine = [p.name.split("-", 1)[1] for p in started.glob(f"{victim.pid}-*")]
            return any(not (out / "_partitions" / f"{key}.json").exists() for key in mine) and len(mine) >= 2

        _wait_for(victim_is_busy, 60, "the worker to be in the middle of a partition")
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=10)
        done_at_kill = len(list((out / "_partitions").glob("*.json")))
        stdout, stderr = runner.communicate(timeout=120)
    finally:
        if runner.poll() is None:
            runner.kill()
    assert runner.returncode == 0, stderr.decode()
    assert stdout.decode().split() == [str(local.ran), "()"]
    assert done_at_kill < local.ran
    assert _tables(out) == _tables(tmp_path / "local")
    assert not list(out.rglob("*.tmp"))


def _address(scheduler_file: Path) -> str | None:
    """The scheduler's address once its file is complete JSON; None before (Dask writes it in place)."""
    try:
        return str(json.loads(scheduler_file.read_text())["address"])
    except (FileNotFoundError, json.JSONDecodeError, KeyError):
        return None
