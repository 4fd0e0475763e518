"""The command line as a terminal user meets it: --ledger anywhere, colour only when wanted, text that fits."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from provenance.cli import main

REWORDED = "“The people of Belarus support Putin, in support of Lukashenko,” Tsepkalo said."


@pytest.mark.parametrize(
    "args",
    [
        ["--ledger", "{ledger}", "list", "--speaker", "Tsepkalo"],
        ["list", "--ledger", "{ledger}", "--speaker", "Tsepkalo"],
        ["list", "--speaker", "Tsepkalo", "--ledger", "{ledger}"],
        ["--ledger", "/nowhere", "list", "--ledger", "{ledger}", "--speaker", "Tsepkalo"],
    ],
)
def test_ledger_may_come_before_or_after_the_command(run, sample_ledger: Path, args: list[str]) -> None:
    result = run(*[a.format(ledger=sample_ledger) for a in args])

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("c-3e9c1a6cc95c  Valery Tsepkalo")


def test_ledger_after_a_grouped_command(run, sample_ledger: Path) -> None:
    result = run("speakers", "list", "--ledger", str(sample_ledger))

    assert result.exit_code == 0
    assert "valery-tsepkalo" in result.stdout


def _copy_with_variant(sample_ledger: Path) -> None:
    from provenance import Ledger

    ledger = Ledger.open(sample_ledger)
    ledger.add_source(source_id="copy", text=REWORDED, derived_from=[("tech2-belarus-rally", "copy")])
    ledger.add(
        "The people of Belarus support Putin, in support of Lukashenko,", speaker="valery-tsepkalo", source="copy"
    )


@pytest.mark.parametrize(
    ("env", "flags", "coloured"),
    [({}, [], True), ({"NO_COLOR": "1"}, [], False), ({}, ["--no-color"], False), ({"NO_COLOR": ""}, [], True)],
)
def test_colour_only_when_wanted(sample_ledger: Path, env: dict[str, str], flags: list[str], coloured: bool) -> None:
    _copy_with_variant(sample_ledger)

    result = CliRunner().invoke(main, [*flags, "--ledger", str(sample_ledger), "variants"], env=env, color=True)

    assert result.exit_code == 0, result.output
    assert "[-are in-]" in result.stdout
    assert ("\x1b[" in result.stdout) is coloured


def test_list_never_cuts_text_into_a_pipe(run, sample_ledger: Path) -> None:
    result = run("--ledger", str(sample_ledger), "list", "--speaker", "Gould-Davies")

    assert "in a population that sees them as supportive of Lukashenko and his totalitarianism," in result.stdout
    assert "…" not in result.stdout


def test_sources_list_shows_outlets_dates_and_titles(run, sample_ledger: Path) -> None:
    result = run("--ledger", str(sample_ledger), "sources", "list")

    tech2 = next(line for line in result.stdout.splitlines() if line.startswith("tech2-belarus-rally"))
    assert "tech2.org" in tech2
    assert "Belarus: Join a 100,000 rally against Lukashenko" in tech2


@pytest.mark.parametrize("query", ["Nigel", "nigel", "Gould-Davies", "gould", "Davies Nigel", "NIGEL GOULD"])
def test_list_finds_a_speaker_as_people_type_the_name(run, sample_ledger: Path, query: str) -> None:
    result = run("--ledger", str(sample_ledger), "list", "--speaker", query)

    assert result.exit_code == 0, result.stderr
    assert {line.split("  ")[1] for line in result.stdout.splitlines()} == {"Nigel Gould-Davies"}


def test_a_name_that_fits_several_speakers_lists_them_and_guesses_none(run, sample_ledger: Path) -> None:
    result = run("--ledger", str(sample_ledger), "list", "--speaker", "ts")

    assert result.exit_code == 1
    assert "Sviatlana Tsikhanouskaya [sviatlana-tsikhanouskaya]" in result.stderr
    assert "Valery Tsepkalo [valery-tsepkalo]" in result.stderr


def test_looking_up_an_unknown_name_does_not_advise_registering_it(run, sample_ledger: Path) -> None:
    result = run("--ledger", str(sample_ledger), "list", "--speaker", "Luke Harding")

    assert result.exit_code == 1
    assert "no speaker matches 'Luke Harding'" in result.stderr
    assert "speakers list" in result.stderr
    assert "Register" not in result.stderr


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_prints_the_shell_code(run, shell: str) -> None:
    result = run("completion", shell)

    assert result.exit_code == 0
    assert "_PROVENANCE_COMPLETE" in result.stdout


def _complete(args: list[str], incomplete: str) -> list[str]:
    from click.shell_completion import ShellComplete

    return [
        item.value
        for item in ShellComplete(main, {}, "provenance", "_PROVENANCE_COMPLETE").get_completions(args, incomplete)
    ]


def test_tab_completes_claim_ids_speakers_and_sources(sample_ledger: Path) -> None:
    ledger = ["--ledger", str(sample_ledger)]

    assert _complete([*ledger, "show"], "c-3e9") == ["c-3e9c1a6cc95c"]
    assert _complete([*ledger, "show"], "3e9") == ["c-3e9c1a6cc95c"]
    assert _complete([*ledger, "list", "--speaker"], "val") == ["Valery Tsepkalo"]
    assert _complete([*ledger, "list", "--source"], "tech") == ["tech2-belarus-rally"]
    assert _complete(["--ledger", "/nowhere", "show"], "c-") == []
