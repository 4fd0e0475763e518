"""The how-to recipes run as written: each command prints what the page shows, and the Python does the same.

"Record an article from its URL" fetches https://news.example/…; here that address is served by the
local test server (tests/pageserver.py), which returns the article the first time and its updated
version after, as the live page would have changed. The commands that download get --allow-private
(the server is on 127.0.0.1), and the Python examples the same through the default limits.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import doctest
import importlib.util
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pageserver import PageServer
from provenance.cli import main
from provenance.extraction import fetching

ROOT = Path(__file__).resolve().parent.parent
HOWTO = ROOT / "docs" / "howto.md"
SITE = "https://news.example"
ARTICLE_PATH = "/politics/minister-defends-turnout"


def _load(name: str, path: Path):  # scripts/ and tests/ are not packages; load by path
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


build_sample = _load("build_sample", ROOT / "scripts" / "build_sample.py")


def section(title: str) -> str:
    """The text of one ``## title`` section of docs/howto.md."""
    text = HOWTO.read_text(encoding="utf-8")
    assert f"\n## {title}\n" in text, f"docs/howto.md has no section {title!r}"
    return text.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def python_blocks(text: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", text, re.MULTILINE | re.DOTALL)


def test_record_an_article_from_its_url(pages: PageServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    recipe = section("Record an article from its URL")
    pages.serve(f"{ARTICLE_PATH}?utm_source=newsletter", "article.html", "article-updated.html")
    pages.serve(ARTICLE_PATH, "article.html", "article-updated.html")
    page_file = tmp_path / "recipe.md"
    page_file.write_text(recipe, encoding="utf-8")
    steps = build_sample.tutorial_steps(page_file)
    assert [step.args[:2] for step in steps if step.args[0] == "sources"] == [["sources", "add"], ["sources", "text"]]

    failures = []
    runner = CliRunner()
    with contextlib.chdir(tmp_path):
        for step in steps:
            args = [arg.replace(SITE, pages.base) for arg in step.args]
            if args[0] == "sources":
                args.append("--allow-private")
            result = runner.invoke(main, args, catch_exceptions=False, color=False)
            printed = result.output.replace(pages.base, SITE)
            expected, status = build_sample._expected_status(step.expected)
            if result.exit_code != status or (
                expected and build_sample._squash(printed) != build_sample._squash(expected)
            ):
                failures.append(
                    f"docs/howto.md: provenance {' '.join(step.args)}\n  exit {result.exit_code}:\n{printed}"
                )
        assert not failures, "\n".join(failures)

        monkeypatch.setattr(fetching, "DEFAULT_LIMITS", fetching.FetchLimits(timeout=5, allow_private=True))
        blocks = python_blocks(recipe)
        assert blocks, "the recipe has no Python"
        parser, runner_ = doctest.DocTestParser(), doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
        report: list[str] = []
        whole = HOWTO.read_text(encoding="utf-8")
        for number, block in enumerate(blocks):
            line = whole[: whole.index(block)].count("\n")
            test = parser.get_doctest(block.replace(SITE, pages.base), {}, f"howto-{number}", str(HOWTO), line)
            runner_.run(test, out=report.append)
        assert runner_.tries > 0
        assert runner_.failures == 0, "docs/howto.md Python differs from what the code does:\n" + "".join(report)


# ------------------------------------------------------------------ the recipes that start from an empty directory

#: The recipes that start with `provenance init` in a directory holding the example articles.
FROM_SCRATCH = [
    "Record a quote the article does not print word for word",
    "Fix a misattribution",
    "Merge two speakers",
    "Edit or remove a claim, and undo it",
]
EXAMPLES = [ROOT / "docs" / "examples" / "harbour", ROOT / "docs" / "examples" / "howto"]
#: The day and time the page shows: the run's own are put in their place before comparing.
DOC_DAY, DOC_TIME = "2024-03-14", "2024-03-14 10:15"
EDITOR = "Ann Editor"  # the page's `export PROVENANCE_USER="Ann Editor"`


def console_steps(text: str) -> list[tuple[list[str], str]]:
    """Each `$ command` of the text's console blocks, split as a shell would, with the lines shown under it."""
    steps: list[tuple[list[str], str]] = []
    for block in re.findall(r"^```console\n(.*?)^```", text, re.MULTILINE | re.DOTALL):
        for line in block.splitlines():
            if line.startswith("$ "):
                steps.append((shlex.split(line[2:]), ""))
            elif steps:
                steps[-1] = (steps[-1][0], steps[-1][1] + line + "\n")
    return steps


def as_shown(printed: str) -> str:
    """What a run printed, with today's date and the time of day as the page shows them."""
    printed = re.sub(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", DOC_TIME, printed)
    return printed.replace(dt.date.today().isoformat(), DOC_DAY)


def run_step(words: list[str]) -> tuple[int, str]:
    """Run one step of a recipe: a provenance command through click, git as a program, export in the environment."""
    if words[0] == "provenance":
        result = CliRunner().invoke(main, words[1:], catch_exceptions=False, color=False)
        return result.exit_code, result.output
    if words[0] == "git":
        done = subprocess.run(words, capture_output=True, text=True, check=False)
        return done.returncode, done.stdout + done.stderr
    raise AssertionError(f"docs/howto.md: a recipe runs {words[0]!r}, which the test does not know")


@pytest.mark.parametrize("title", FROM_SCRATCH)
def test_a_recipe_runs_from_an_empty_directory_as_written(title, tmp_path, monkeypatch):
    recipe = section(title)
    for folder in EXAMPLES:
        for article in folder.glob("*.txt"):
            shutil.copy(article, tmp_path / article.name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PROVENANCE_USER", EDITOR)
    monkeypatch.delenv("PROVENANCE_LEDGER", raising=False)
    for variable in ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"):
        monkeypatch.setenv(variable, EDITOR)
    for variable in ("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"):
        monkeypatch.setenv(variable, "ann@example.org")
    steps = console_steps(recipe)
    assert steps, f"{title!r} has no commands"

    failures = []
    for words, shown in steps:
        status, printed = run_step(words)
        expected, expected_status = build_sample._expected_status(shown)
        if status != expected_status or build_sample._squash(as_shown(printed)) != build_sample._squash(expected):
            failures.append(f"$ {' '.join(words)}\n  exit {status}, printed:\n{as_shown(printed)}")
    assert not failures, f"docs/howto.md, {title!r}:\n" + "\n".join(failures)

    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    report: list[str] = []
    for number, block in enumerate(python_blocks(recipe)):
        runner.run(parser.get_doctest(block, {}, f"{title} {number}", str(HOWTO), 0), out=report.append)
    assert runner.tries > 0, f"{title!r} has no Python"
    assert runner.failures == 0, f"docs/howto.md, {title!r}: the Python differs:\n" + "".join(report)
    if ["git", "init", "-q"] in [words for words, _ in steps]:
        assert run_step(["git", "status", "--porcelain", "claims"]) == (0, "")  # the Python's change was undone too
