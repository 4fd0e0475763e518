"""Small corpora for the corpus tests, and reading their tables back.

The articles are built from sentences written for these tests; nothing comes from a real corpus.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

#: Utterances and who said them; the corpus prints them with drift, and some names misspelt.
UTTERANCES = [
    ("Valery Tsepkalo", "We will not give up until every political prisoner walks free"),
    ("Maria Kolesnikova", "The streets belong to the people who fill them every Sunday"),
    ("Pavel Latushko", "Nobody in this country believes the official count any more"),
    ("Anna Lindqvist", "Our mission will publish its findings before the end of the month"),
]
PRINTED_NAMES = {"Valery Tsepkalo": ["Valery Tsepkalo", "Velary Tsepalko"], "Maria Kolesnikova": ["Maria Kolesnikova"]}
OPENINGS = [
    "MINSK - Thousands of people gathered in the capital on Sunday despite the rain.",
    "Protests continued for a third week across several cities.",
    "Police detained dozens of demonstrators near the central square.",
    "Election observers said they had been refused access to several polling stations.",
]
CLOSINGS = [
    "The government did not respond to a request for comment.",
    "More rallies are planned for next weekend.",
    "Turnout figures have not been independently confirmed.",
]
OUTLETS = ["daily-courier", "evening-post", "wire-service", "river-gazette"]


def article_text(rng: random.Random, index: int) -> str:
    paragraphs = [rng.choice(OPENINGS)]
    for speaker, words in rng.sample(UTTERANCES, 2):
        printed = rng.choice(PRINTED_NAMES.get(speaker, [speaker]))
        if rng.random() < 0.3:
            words = " ".join(words.split()[:-2])  # truncated
        paragraphs.append(f"\u201c{words},\u201d {printed} said on {rng.choice(['Monday', 'Tuesday'])}.")
    paragraphs.append(rng.choice(CLOSINGS))
    return "\n\n".join(paragraphs)


def corpus_records(count: int, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    start = dt.date(2020, 8, 1)
    return [
        {
            "id": f"story-{i}",
            "url": f"https://{OUTLETS[i % 4]}.example.org/news/story-{i}",
            "title": f"Story {i}",
            "date": (start + dt.timedelta(days=i % 75)).isoformat(),
            "text": article_text(rng, i),
        }
        for i in range(count)
    ]


def write_jsonl(path: Path, records: list[dict[str, Any]], extra_lines: list[str] = ()) -> Path:
    lines = [json.dumps(r, ensure_ascii=False) for r in records] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def rows(out: Path, table: str, sort: str = "key") -> list[dict[str, Any]]:
    """Every row of one table, in a stable order."""
    import pyarrow.parquet as pq

    files = sorted(p for p in (out / table).rglob("*.parquet") if not p.name.startswith("."))
    found = [row for f in files for row in pq.read_table(f).to_pylist()]
    return sorted(found, key=lambda r: str(r[sort]))
