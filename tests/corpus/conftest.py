"""Corpus fixtures: small corpora written here, and one Dask LocalCluster shared by the corpus tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from corpus_data import corpus_records, write_jsonl
from distributed import Client, LocalCluster

from provenance.corpus.cluster import LOCAL_SCHEDULER


@pytest.fixture
def corpus_file(tmp_path: Path) -> Path:
    """120 articles over three months, and two lines that are not articles."""
    bad = ['{"id": "broken", "text": ', '{"id": "no-text", "body": "words"}']
    return write_jsonl(tmp_path / "news.jsonl", corpus_records(120), bad)


@pytest.fixture
def aliases_file(tmp_path: Path) -> Path:
    path = tmp_path / "speakers.tsv"
    path.write_text(
        "id\tname\taliases\nQ1234\tMaria Kolesnikova\tMaryia Kalesnikava|M. Kolesnikova\n"
        "valery-tsepkalo\tValery Tsepkalo\tVelary Tsepalko\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="session")
def client() -> Iterator[Client]:
    """Two worker processes of one thread each, started once for the corpus tests."""
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, scheduler_kwargs=LOCAL_SCHEDULER
        ) as cluster,
        Client(cluster, set_as_default=False) as running,
    ):
        yield running


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow_partitions: the cluster's workers sleep before each partition")
