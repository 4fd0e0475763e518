"""Shared fixtures: a small fresh ledger, the bundled sample ledger, and a CLI runner.

The fresh ledger holds three speakers and one source with a text snapshot,
so commands can be exercised the way a user would on day one.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import settings

from pageserver import PageServer
from provenance import Ledger
from provenance.cli import main

# Property tests must not fail on a slow or busy machine: no per-example deadline, and on CI
# (CI=true) a fixed example sequence, so a red build is always reproducible.
settings.register_profile("default", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")

SAMPLE_LEDGER = Path(__file__).parent.parent / "claims"

#: The one source of the fresh ledger and its text snapshot.
SOURCE_ID = "minsk-march"
ARTICLE = """\
MINSK - Tens of thousands marched on the presidential residence on Sunday.

"We will not give up," Velary Tsepalko said by phone from exile in Poland.

Nigel Gould-Davies, a former UK ambassador to Belarus, said the regime was
"running out of road".

Stephen Biegun told reporters: "The United States stands with the people of Belarus."
"""

Invoke = Callable[..., Result]


@pytest.fixture(autouse=True)
def editor(monkeypatch: pytest.MonkeyPatch) -> str:
    """Who changes the ledgers of the tests: the name each change is recorded under (history, journal)."""
    monkeypatch.setenv("PROVENANCE_USER", "Test Editor")
    return "Test Editor"


@pytest.fixture
def ledger_path(tmp_path: Path) -> Path:
    """A fresh ledger with three speakers and one source that has a text snapshot."""
    root = tmp_path / "claims"
    ledger = Ledger.init(root)
    ledger.add_speaker(
        "Valery Tsepkalo",
        aliases=["Valery Tsapkala"],
        description="Belarusian opposition politician, in exile in Poland",
    )
    ledger.add_speaker("Nigel Gould-Davies", description="former UK ambassador to Belarus")
    ledger.add_speaker("Stephen Biegun", description="US Deputy Secretary of State")
    ledger.add_source(
        source_id=SOURCE_ID,
        url="https://example.org/news/minsk-march.html",
        title="Tens of thousands march in Minsk",
        outlet="Example News",
        text=ARTICLE,
    )
    return root


@pytest.fixture
def article() -> str:
    """The text snapshot of the fresh ledger's source (texts/minsk-march.txt)."""
    return ARTICLE


@pytest.fixture
def ledger(ledger_path: Path) -> Ledger:
    """The fresh ledger, opened through the Python API."""
    return Ledger.open(ledger_path)


@pytest.fixture
def sample_ledger(tmp_path: Path) -> Path:
    """A private copy of the bundled Belarus sample ledger (claims/)."""
    target = tmp_path / "sample-claims"
    shutil.copytree(SAMPLE_LEDGER, target, ignore=shutil.ignore_patterns(".lock", ".index.sqlite*"))
    return target


@pytest.fixture
def run() -> Invoke:
    """Run ``provenance ARGS…`` exactly as given (no --ledger added)."""

    def invoke(*args: str, input: str | None = None, env: Mapping[str, str | None] | None = None) -> Result:
        return CliRunner().invoke(main, list(args), input=input, env=env, catch_exceptions=False)

    return invoke


@pytest.fixture
def cli(run: Invoke, ledger_path: Path) -> Invoke:
    """Run ``provenance --ledger <the fresh ledger> ARGS…`` and return click's Result."""

    def invoke(*args: str, input: str | None = None) -> Result:
        return run("--ledger", str(ledger_path), *args, input=input)

    return invoke


@pytest.fixture(scope="session")
def page_server_session() -> Iterator[PageServer]:
    with PageServer.running() as server:
        yield server


@pytest.fixture
def pages(page_server_session: PageServer) -> PageServer:
    """A web server on 127.0.0.1 serving tests/data/pages and failing pages (see tests/pageserver.py), reset."""
    page_server_session.reset()
    return page_server_session
