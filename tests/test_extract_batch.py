"""Batches: the same records on one process or several, printed as they come.

``extract --json`` without ``--add`` takes the fast road (records made where each document is
extracted, files read there too); these tests hold it to the same output as the other road and as
one process, for every kind of input and for inputs that fail.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from provenance import Speaker
from provenance.extraction import extract_documents, extract_json_lines

REGISTRY = [
    Speaker(id="declan-ofarrell", name="Declan O'Farrell"),
    Speaker(id="ana-costa", name="Ana Costa"),
    Speaker(id="lena-park", name="Lena Park"),
    Speaker(id="marco-costa", name="Marco Costa"),
    Speaker(id="harbour-board", name="Harbour Board", kind="organisation"),
]

PAGE = """<!doctype html><html><head><title>Mayor backs tram plan | The Daily Example</title>
<link rel="canonical" href="https://daily.example/news/tram-plan"></head>
<body><article><h1>Mayor backs tram plan</h1>
<p>"This city has waited long enough," Mayor Lena Park told reporters at the town hall.</p>
<p>The Harbour Board said the line would cross the docks by 2027, whatever the cost.</p>
</article></body></html>
"""


@pytest.fixture
def inputs(tmp_path: Path) -> list[Path]:
    """Text files, an HTML page, a JSON Lines corpus with a bad line, a file that is not UTF-8, a missing file."""
    texts = [
        '"We had no choice," harbour master Declan O\'Farrell said on Tuesday.\n',
        'Union leader Ana Costa said the strike was over. "We won," she added.\n',
        "Nobody is quoted in this one.\n",
        "Costa said the talks would resume. “Not before Friday,” said Marko Costa, her brother.\n",
    ]
    files = []
    for number, text in enumerate(texts):
        files.append(tmp_path / f"story-{number}.txt")
        files[-1].write_text(text, encoding="utf-8")
    page = tmp_path / "tram.html"
    page.write_text(PAGE, encoding="utf-8")
    corpus = tmp_path / "wire.jsonl"
    lines = [json.dumps({"id": f"wire-{n}", "text": text}) for n, text in enumerate(texts)]
    corpus.write_text("\n".join([lines[0], "{not json", lines[1], lines[3]]) + "\n", encoding="utf-8")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes('"Ça suffit," dit le maire.\n'.encode("latin-1"))
    return [files[0], page, corpus, latin1, files[1], tmp_path / "missing.txt", files[2], files[3]]


def test_two_processes_print_what_one_prints_in_the_same_order(run, inputs: list[Path]) -> None:
    one = run("extract", "--json", *map(str, inputs))
    two = run("extract", "--json", "--jobs", "2", *map(str, inputs))

    assert one.exit_code == two.exit_code == 1  # three inputs could not be read
    assert two.stdout == one.stdout
    assert two.stderr == one.stderr
    records = [json.loads(line) for line in one.stdout.splitlines()]
    assert [r["id"] for r in records] == [
        "story-0",
        "tram",
        "wire-0",
        "wire:2",
        "wire-1",
        "wire-3",
        "latin1",
        "story-1",
        "missing",
        "story-2",
        "story-3",
    ]
    assert [r["id"] for r in records if "error" in r] == ["wire:2", "latin1", "missing"]
    assert "3 errors" in one.stderr.splitlines()[-1]


def test_printing_only_gives_the_records_recording_prints(cli, inputs: list[Path], tmp_path: Path) -> None:
    corpus = [p for p in inputs if p.suffix == ".jsonl"]

    printed = cli("extract", "--json", *map(str, corpus))
    recorded = cli("extract", "--json", "--add", *map(str, corpus))

    assert printed.stdout == recorded.stdout
    assert printed.stdout.count("\n") == 4


@pytest.mark.parametrize("jobs", [1, 2])
def test_json_lines_are_the_records_of_the_documents_and_their_counts(inputs: list[Path], jobs: int) -> None:
    results = [result for _, result in extract_documents(inputs, speakers=REGISTRY)]

    lines = list(extract_json_lines(inputs, speakers=REGISTRY, jobs=jobs))

    assert [line.record for line in lines] == [result.json_record() for result in results]
    for line, result in zip(lines, results, strict=True):
        assert (line.file, line.id, line.error) == (result.file, result.id, result.error)
        found = result.extraction
        speakers = found.speakers if found else ()
        assert line.claims == (len(found.claims) if found else 0)
        assert (line.resolved, line.unresolved) == (
            sum(1 for s in speakers if s.speaker),
            sum(1 for s in speakers if not s.speaker),
        )
    assert sum(line.resolved for line in lines) >= 4  # O'Farrell, Ana Costa, Lena Park, the Harbour Board
