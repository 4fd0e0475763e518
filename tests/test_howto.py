"""The how-to recipes run as written: each command prints what the page shows, and the Python does the same.

"Record an article from its URL" fetches https://news.example/…; here that address is served by the
local test server (tests/pageserver.py), which returns the article the first time and its updated
version after, as the live page would have changed. The commands that download get --allow-private
(the server is on 127.0.0.1), and the Python examples the same through the default limits.
"""

from __future__ import annotations

import contextlib
import doctest
import importlib.util
import re
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
