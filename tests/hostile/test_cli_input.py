"""Hostile and careless command lines: each gives `Error: …` and exit 1, or works, and changes nothing it should not."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance import Ledger

SOURCE = "minsk-march"  # the fresh ledger's source (tests/conftest.py)


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and p.name != ".lock"
    }


CASES = [
    (
        "undecodable byte in the claim",
        ["add", "He said \udcff it", "--speaker", "Stephen Biegun", "--source", SOURCE],
        "invalid UTF-8",
    ),
    (
        "escape sequence in the claim",
        ["add", "Look \x1b]0;owned\x07 here", "--speaker", "Stephen Biegun", "--source", SOURCE],
        "U+001B",
    ),
    (
        "300-character source id",
        ["add", "We will not give up", "--speaker", "Stephen Biegun", "--source", "s" * 300],
        "is not a source id",
    ),
    ("300-character --id", ["sources", "add", "--id", "s" * 300, "--title", "x"], "is not a source id"),
    (
        "broken IPv6 URL",
        ["add", "We will not give up", "--speaker", "Stephen Biegun", "--source", "http://[::1/x"],
        "not a valid URL",
    ),
    (
        "URL without a host",
        ["add", "We will not give up", "--speaker", "Stephen Biegun", "--source", "https://"],
        "has no host",
    ),
    (
        "a new speaker named !!!",
        ["add", "We will not give up", "--speaker", "!!!", "--new-speaker", "--source", SOURCE],
        "no letter or digit",
    ),
    ("an empty alias", ["speakers", "add", "Maria Kolesnikova", "--alias", ""], "is blank"),
    ("an alias of spaces", ["speakers", "add", "Maria Kolesnikova", "--alias", "   "], "is blank"),
    ("bidi override in a name", ["speakers", "add", "Maria \u202eavokinseloK", "--alias", "x\x07"], "U+0007"),
]


@pytest.mark.parametrize(("case", "args", "fragment"), CASES, ids=[c[0] for c in CASES])
def test_hostile_arguments_are_refused_with_a_clear_error(cli, ledger_path: Path, case, args, fragment) -> None:
    before = _files(ledger_path)

    result = cli(*args)

    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error: ")
    assert fragment in result.stderr
    assert "\x1b" not in result.stderr
    assert "\udcff" not in result.stderr
    assert _files(ledger_path) == before


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JAVASCRIPT:alert(1)//x", "data:text/html,<b>x</b>"])
def test_a_source_address_that_is_not_http_is_a_usage_error(cli, ledger_path: Path, url: str) -> None:
    before = _files(ledger_path)

    result = cli("sources", "add", url, "--id", "js", "--title", "x")

    assert result.exit_code == 2
    assert "is neither an http(s) URL nor an existing file" in result.stderr
    assert _files(ledger_path) == before


def test_a_ledger_that_cannot_be_created_is_a_clear_error(run) -> None:
    result = run("--ledger", "/proc/no-such-process/claims", "init")

    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot create a ledger at /proc/no-such-process/claims")


def test_escape_sequences_in_an_article_never_reach_the_terminal(run, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(
        '"We will \x1b]0;pwned\x07win this \x1b[2J fight," Maria Kolesnikova said on \u202eMonday.\n', encoding="utf-8"
    )

    shown = run("extract", str(article))
    as_json = run("extract", str(article), "--json")

    assert shown.exit_code == 0
    assert "\x1b" not in shown.stdout
    assert "\\x1b]0;pwned\\x07" in shown.stdout
    assert "\u202e" not in shown.stdout
    assert "\\u001b]0;pwned\\u0007" in as_json.stdout  # JSON escapes them itself, exactly


def test_extracted_claims_with_control_characters_are_recorded_without_them(cli, ledger_path: Path, tmp_path) -> None:
    article = tmp_path / "article.txt"
    article.write_text('"We will\x07 win this fight soon," Maria Kolesnikova said.\n', encoding="utf-8")

    result = cli("extract", str(article), "--add", "--source", "https://example.org/bell")

    assert result.exit_code == 0, result.output
    [claim] = Ledger.open(ledger_path).claims(source="example-bell")
    assert claim.text == "We will win this fight soon,"
    assert claim.anchor is not None
    assert claim.anchor.exact == "We will\x07 win this fight soon,"
    assert cli("check").exit_code == 0
