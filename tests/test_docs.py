"""The docs cannot drift: generated pages match the code, and the Python examples run as shown."""

from __future__ import annotations

import doctest
import importlib.util
import re
import shlex
import shutil
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from provenance import Ledger
from provenance.cli import main

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PYTHON_API = DOCS / "python-api.md"
#: Pages docs/index.md may link to before they are written.
PLANNED_PAGES = {"performance.md"}


def _load_gen_docs():  # scripts/ is not a package; load the generator by path
    spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "scripts" / "gen_docs.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


gen_docs = _load_gen_docs()


def _commands(command: click.Command = main, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every visible command path of the CLI, walked here independently of the generator.

    Hidden commands (the singular `source` alias of `sources`) are aliases, documented under their
    visible name.
    """
    found = [path]
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            if not sub.hidden:
                found += _commands(sub, (*path, name))
    return found


COMMANDS = _commands()


def _id(path: tuple[str, ...]) -> str:
    return " ".join(path) or "provenance"


# ------------------------------------------------------------------ generated reference pages


@pytest.fixture(scope="module")
def generated() -> dict[Path, str]:
    return gen_docs.pages()


@pytest.mark.parametrize("page", [gen_docs.CLI_PAGE, gen_docs.RECORDS_PAGE], ids=str)
def test_generated_page_matches_the_code(page: Path, generated: dict[Path, str]) -> None:
    committed = (ROOT / page).read_text(encoding="utf-8") if (ROOT / page).exists() else ""
    assert committed == generated[page], f"{page} is out of date with the code: run `make docs`"


def test_check_mode_names_the_stale_page_and_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert gen_docs.main([], root=tmp_path) == 0
    assert gen_docs.main(["--check"], root=tmp_path) == 0
    capsys.readouterr()

    cli_page = tmp_path / gen_docs.CLI_PAGE
    cli_page.write_text(cli_page.read_text(encoding="utf-8") + "hand edit\n", encoding="utf-8")
    assert gen_docs.main(["--check"], root=tmp_path) == 1
    err = capsys.readouterr().err
    assert str(gen_docs.CLI_PAGE) in err
    assert "make docs" in err
    assert str(gen_docs.RECORDS_PAGE) not in err


@pytest.mark.parametrize("path", COMMANDS, ids=_id)
def test_every_command_has_a_section_in_the_cli_reference(path: tuple[str, ...]) -> None:
    page = (ROOT / gen_docs.CLI_PAGE).read_text(encoding="utf-8")
    title = " ".join(("provenance", *path))
    assert re.search(rf"^#+ {re.escape(title)}$", page, re.MULTILINE), f"docs/cli.md has no section for {title!r}"


@pytest.mark.parametrize("path", COMMANDS, ids=_id)
def test_every_command_help_shows_an_example(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main, [*path, "--help"], prog_name="provenance")
    assert result.exit_code == 0, result.output
    assert "Example" in result.output, f"'provenance {' '.join(path)} --help' has no example"


def test_every_record_field_is_in_the_records_reference() -> None:
    page = (ROOT / gen_docs.RECORDS_PAGE).read_text(encoding="utf-8")
    for model in gen_docs.RECORDS:
        section = page.split(f"## {model.__name__}\n", 1)[1].split("\n## ", 1)[0]
        for name, field in model.model_fields.items():
            assert f"| `{name}` |" in section, f"{model.__name__}.{name} is missing from docs/records.md"
            assert field.description, f"{model.__name__}.{name} has no description in provenance/models.py"


# ------------------------------------------------------------------ python-api.md


def python_blocks(text: str) -> list[tuple[int, str]]:
    """The ```python blocks of a markdown text, each with the line number of its first line."""
    blocks: list[tuple[int, str]] = []
    current: list[str] | None = None
    start = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if current is None and line.strip() == "```python":
            current, start = [], number + 1
        elif current is not None and line.strip() == "```":
            blocks.append((start, "\n".join(current) + "\n"))
            current = None
        elif current is not None:
            current.append(line)
    return blocks


def test_python_api_examples_run_and_print_what_the_page_shows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "claims", tmp_path / "claims", ignore=shutil.ignore_patterns(".lock"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PROVENANCE_LEDGER", raising=False)

    blocks = python_blocks(PYTHON_API.read_text(encoding="utf-8"))
    assert len(blocks) > 10
    namespace: dict[str, object] = {"__name__": "python_api"}
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    report: list[str] = []
    for first_line, source in blocks:
        name = f"docs/python-api.md:{first_line}"
        if ">>>" in source:
            test = parser.get_doctest(source, namespace, name, str(PYTHON_API), first_line - 1)
            runner.run(test, out=report.append, clear_globs=False)
            namespace.update(test.globs)
        else:
            exec(compile(source, name, "exec"), namespace)
    assert runner.tries > 0
    assert runner.failures == 0, "docs/python-api.md examples differ from what the code does:\n" + "".join(report)


def test_python_api_documents_every_public_ledger_method() -> None:
    page = PYTHON_API.read_text(encoding="utf-8")
    own = [cls for cls in Ledger.__mro__ if cls.__module__.startswith("provenance")]  # the façade and the store
    public = sorted({name for cls in own for name in vars(cls) if not name.startswith("_")})
    undocumented = [name for name in public if not re.search(rf"\b(ledger|Ledger)\.{name}(\(| = |` )", page)]
    assert not undocumented, f"docs/python-api.md does not show Ledger.{', Ledger.'.join(undocumented)}"


def _command_path(words: list[str]) -> tuple[str, ...]:
    """The command named by the words after `provenance` (options and `…` skipped); fails on an unknown one."""
    command: click.Command = main
    path: tuple[str, ...] = ()
    rest = list(words)
    while rest and isinstance(command, click.Group):
        word = rest.pop(0)
        if word == "--ledger":
            rest = rest[1:]
        elif word.startswith("-") or word in ("…", "..."):
            continue
        elif word in command.commands:
            command = command.commands[word]
            path += (word,)
        else:
            raise AssertionError(
                f"`provenance {' '.join(words)}`: {word!r} is not a command of {' '.join(('provenance', *path))!r}"
            )
    return path


@pytest.mark.parametrize("page", ["python-api.md", "architecture.md", "index.md"])
def test_commands_named_in_the_docs_exist(page: str) -> None:
    text = (DOCS / page).read_text(encoding="utf-8")
    named = re.findall(r"`provenance ([^`]+)`", text)
    for snippet in named:
        try:
            words = shlex.split(snippet)
        except ValueError:  # an unbalanced quote inside a shortened example
            words = snippet.split()
        _command_path(words)  # raises on a word that is not a command


# ------------------------------------------------------------------ the rest of the docs


def test_architecture_describes_every_module() -> None:
    text = (DOCS / "architecture.md").read_text(encoding="utf-8")
    package = ROOT / "src" / "provenance"
    modules = sorted(str(p.relative_to(package)) for p in package.rglob("*.py"))
    missing = [name for name in modules if f"`{name}`" not in text]
    assert not missing, f"docs/architecture.md does not describe {missing}"


def test_index_links_resolve() -> None:
    text = (DOCS / "index.md").read_text(encoding="utf-8")
    targets = {t.split("#", 1)[0] for t in re.findall(r"\]\(([^)\s]+)\)", text) if "://" not in t}
    assert {"tutorial.md", "cli.md", "records.md", "python-api.md", "architecture.md"} <= targets
    broken = [t for t in targets if t and t not in PLANNED_PAGES and not (DOCS / t).exists()]
    assert not broken, f"docs/index.md links to missing pages: {broken}"
