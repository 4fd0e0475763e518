"""Extraction on hostile input: how its run time grows with the size of pathological texts.

Each generator builds a text of the asked size from a fixed seed (the same size gives the
same text), and ``provenance.extract`` runs on it, each text in a fresh process (as a user's
run would be: a 10 MB run leaves a large, fragmented heap that would tax the next one). For
every size the script reports the CPU
seconds (best of ``--repeat``), MB/s, the growth exponent against the previous size (the slope
of log time over log size: 1 is linear, 2 quadratic), and the ratio to a floor timed on the
same text in the same process: one regular-expression pass that splits it into words, less than
any extractor can do. A size whose predicted time passes ``--max-seconds`` is skipped and
said so (growth is taken to be quadratic until two sizes are measured), which keeps a run of the
old, quadratic code finite.

    .venv/bin/python bench/extraction_growth.py                    # 100 kB, 1 MB, 10 MB
    .venv/bin/python bench/extraction_growth.py --sizes 20000,80000 --only said_paragraphs
    .venv/bin/python bench/extraction_growth.py --json > growth.json

The generators are also imported by tests/hostile/test_extraction_growth.py, which checks
the growth between two small sizes.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import math
import multiprocessing
import platform
import random
import re
import string
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor

Generator = Callable[[int], str]

_FIRST = ("John", "Maria", "Ahmed", "Olga", "Pierre", "Grace", "Tomas", "Mei", "Kwame", "Ines")
_LAST = ("Smith", "Kovalenko", "Haddad", "Lindqvist", "Moreau", "Okafor", "Novak", "Chen", "Mensah", "Duarte")
_ORGS = ("the Interior Ministry", "the city council", "the harbour authority", "the union", "the central bank")
_PLACES = ("Tallinn", "Lagos", "Quebec", "Porto", "Hanoi", "Cork", "Lviv", "Valparaiso")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")

#: Ordinary news sentences, written for this benchmark (no corpus text): quotes, reported
#: speech, titles, pronouns, dashes and colons, in the proportions a wire story has them.
_NEWS = (
    "“We will not accept this decision,” {name} said on {day}.",
    "{title} {name}, who has led the talks since spring, told reporters that the deal was close.",
    "{org} said in a statement that the inquiry would report by the end of the year.",
    "“It is too early to say,” she added. “We are still counting.”",
    "According to {org}, more than 2,000 people attended the march in {place}.",
    "{name} said the plan, which critics call “reckless,” would cut costs by a third.",
    "The vote was delayed after a power cut in {place}, officials said.",
    "“The numbers speak for themselves” — {name}, speaking in {place}.",
    "In an interview with the Herald, {name} warned that prices would rise again.",
    "He declined to comment further.",
    "Protesters chanted “Shame!” outside the ministry as {name} arrived.",
    "{name} told Reuters: “Nobody asked us.”",
    "The report, published on {day}, found that 40 per cent of claims were never checked.",
    "Asked whether he would resign, {name} said: “Not today.”",
    "Mr. {last} and Dr. {last2} met in {place} on {day} to discuss the U.S. proposal.",
    "“There is no deal,” said {name}, a spokesman for {org}. “There never was.”",
    "Critics, including {name}, argue that the law goes too far.",
    "{org} has also said it would appeal the ruling.",
)
_TITLES = ("Mayor", "Minister", "Senator", "Governor", "Chief Inspector", "Professor")


def _filled(size: int, piece: Callable[[random.Random], str], seed: int = 8) -> str:
    """Pieces from a seeded generator joined until ``size`` characters, cut to exactly ``size``."""
    rng = random.Random(seed)
    parts: list[str] = []
    length = 0
    while length < size:
        part = piece(rng)
        parts.append(part)
        length += len(part)
    return "".join(parts)[:size]


def _repeated(unit: str) -> Generator:
    def generate(size: int) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    generate.__doc__ = f"{unit!r} repeated."
    return generate


def _one_run(head: str, unit: str, tail: str) -> Generator:
    def generate(size: int) -> str:
        return _huge_run(head, unit, size, tail)

    generate.__doc__ = f"{head!r}, then {unit!r} repeated, then {tail!r}: one run of one thing."
    return generate


def _name(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def news(size: int) -> str:
    """Ordinary news paragraphs of one to four sentences."""

    def paragraph(rng: random.Random) -> str:
        sentences = []
        for _ in range(rng.randint(1, 4)):
            template = rng.choice(_NEWS)
            sentences.append(
                template.format(
                    name=_name(rng),
                    last=rng.choice(_LAST),
                    last2=rng.choice(_LAST),
                    title=rng.choice(_TITLES),
                    org=rng.choice(_ORGS),
                    place=rng.choice(_PLACES),
                    day=rng.choice(_DAYS),
                )
            )
        text = " ".join(sentences)
        return text[0].upper() + text[1:] + "\n\n"

    return _filled(size, paragraph)


def no_sentence_end(size: int) -> str:
    """One paragraph with no sentence end at all: clauses, cues, names and quotes joined by commas."""
    clauses = (
        "officials said that the plan would work",
        "{name} told reporters “it is fine”",
        "according to {name} the talks stalled",
        "the minister, who spoke on Monday, warned that prices would rise",
        "“we are ready,” she said",
        "protesters chanted “out” and “now”",
        "he added: “not yet”",
    )
    return _filled(size, lambda rng: rng.choice(clauses).format(name=_name(rng)) + ", and ")


def capitalised_sentence(size: int) -> str:
    """One sentence of capitalised words, a lower-case cue now and then: every name runs back to the start."""
    words = [w for pair in zip(_FIRST, _LAST, strict=True) for w in pair] + ["Said", "Told", "The", "Of"]
    return _filled(size, lambda rng: rng.choice(words) + (" said " if rng.random() < 0.02 else " "))


def capitalised_only(size: int) -> str:
    """One sentence of capitalised words and nothing else."""
    words = [w for pair in zip(_FIRST, _LAST, strict=True) for w in pair]
    return _filled(size, lambda rng: rng.choice(words) + " ")


def many_quotes_one_sentence(size: int) -> str:
    """One sentence holding thousands of short quotations, cues and chants among them."""
    pieces = ("“a,” ", "“b” and ", "“c, d,” she said, ", "chanted “e” ", "“f” — ", "said: “g” ", "“h.” ")
    head = "Protesters said "
    return head + _filled(size - len(head), lambda rng: rng.choice(pieces))


def unbalanced_quotes(size: int) -> str:
    """Quotation marks of every kind, mostly opened and never closed, among words and sentence ends."""
    marks = ("“", "“", "„", "«", '"', "''", "‘", "”", "»")
    words = ("word", "said", "Smith", "he", "that", ".", ". The", ":", "—")
    return _filled(size, lambda rng: rng.choice(marks) * rng.randint(1, 4) + rng.choice(words) + " ")


def printable_junk(size: int) -> str:
    """Random printable characters, with quotation marks, dashes and newlines in the mix."""
    alphabet = string.printable + "“”‘’«»„—–…" * 3 + "\n\n"
    return _filled(size, lambda rng: "".join(rng.choices(alphabet, k=64)))


def cue_soup(size: int) -> str:
    """Cue words, pronouns, names and punctuation in random order: every rule fires everywhere."""
    words = (
        "said",
        "told",
        "according to",
        "added",
        "he",
        "she",
        "they",
        "it",
        "John Smith",
        "Smith",
        "the mayor",
        "officials",
        "that",
        ",",
        ":",
        "“",
        "”",
        '"',
        "—",
        ".",
        "and",
        "on Monday",
        "chanted",
        "slogan",
    )
    return _filled(size, lambda rng: rng.choice(words) + " ")


def distinct_names(size: int) -> str:
    """Claims by thousands of different people, each named once in full and once by surname."""

    def name(rng: random.Random) -> str:
        return "".join(rng.choices(string.ascii_lowercase, k=rng.randint(4, 9))).capitalize()

    def paragraph(rng: random.Random) -> str:
        first, last = name(rng), name(rng)
        return f"“Words here,” said {first} {last}. {last} said it was fine.\n\n"

    return _filled(size, paragraph)


def long_names(size: int) -> str:
    """Claims by people with different names of a thousand letters each: likeness costs length squared."""

    def paragraph(rng: random.Random) -> str:
        name = rng.choice(string.ascii_uppercase) + "".join(rng.choices(string.ascii_lowercase, k=1000))
        return f'"Words here," said {name}.\n\n'

    return _filled(size, paragraph)


def _huge_run(head: str, unit: str, size: int, tail: str) -> str:
    """``head``, then ``unit`` repeated to fill ``size`` characters, then ``tail``: one huge run of one thing."""
    body = max(0, size - len(head) - len(tail))
    return head + (unit * (body // len(unit) + 1))[:body] + tail


def final_cue_short_spaces(size: int) -> str:
    """Paragraphs ending in a sentence-final attribution, 150 spaces and two words (each once n³ to match)."""
    return _repeated("He said a thing, said Smith" + " " * 150 + "x y.\n\n")(size)


def final_cue_spaces(size: int) -> str:
    """A sentence-final attribution followed by one huge run of spaces."""
    return _huge_run("He said a thing, said Smith", " ", size, "x y.")


GENERATORS: dict[str, Generator] = {
    "news": news,
    "said_paragraphs": _repeated('"Words here," said John Smith.\n\n'),
    "pronoun_paragraphs": _repeated("“Words here,” he said. “More words follow here.”\n\n"),
    "curly_a": _repeated("\u201ca"),
    "straight_list": _repeated('"a", '),
    "no_sentence_end": no_sentence_end,
    "capitalised_sentence": capitalised_sentence,
    "capitalised_only": capitalised_only,
    "many_quotes_one_sentence": many_quotes_one_sentence,
    "unbalanced_quotes": unbalanced_quotes,
    "printable_junk": printable_junk,
    "cue_soup": cue_soup,
    "coordinated_cues": _repeated("he said it was so and said "),
    "object_cues": _repeated("he wrote "),
    "comma_chain": _one_run("Smith", ", ", " said it was fine."),
    "blank_space_lines": _one_run("a", "\n ", "b"),
    "dot_run": _one_run("It was a", ".", " and so"),
    "space_run": _one_run("He said that", " ", "it was."),
    "distinct_names": distinct_names,
    "long_names": long_names,
    "chant_list": _one_run("Protesters chanted ", "\u201ca\u201d ", "."),
    "quoted_sentences": _repeated("\u201cA.\u201d "),
    "short_said": _repeated('"A," B said. '),
    "partial_quotes": _repeated("He said the plan was \u201cbad\u201d and \u201clate\u201d. "),
    "pronoun_said": _repeated('"A," he said. '),
    "transcript_labels": _repeated('"PENCE: a." '),
    "single_openers": _repeated("'ab "),
    "single_quotes": _repeated("He said: 'We will win here.' 'a "),
    "colon_leads": _repeated("Smith added:\n\nWords here and there, Jones said.\n\n"),
    "headline_cues": _repeated("Sanders Vows To Act Now As Lee Says No, "),
    "parenthetical_said": _repeated("The museum, Mr. Obama said, would open. "),
    "frame_tails": _repeated("He called the plan \u201ca gift\u201d to the town of the "),
    "colon_asides": _repeated("The union gave its answer: \u201cWe will strike on Monday.\u201d "),
    "dash_asides": _repeated("Ms. Okafor -- \u201cA strike helps nobody\u201d -- and "),
    "as_labels": _repeated("Brandt pounds the mayor as a \u201cserial promiser\u201d and "),
    "headline_quotes": _one_run("Mayor Lind Sees ", "\u2018Hard Winter\u2019 For ", "Renters.\n\nMayor Lind spoke."),
    "appositive_subjects": _repeated("Ann Lee, 58, a nurse from Dover, Del., at the clinic, said she would vote. "),
    "appositive_run": _one_run("Ann Lee", ", a nurse from Dover", " said she would vote."),
    "addressee_only": _repeated("The levy is unfair, a spokesman told The Gazette. "),
    "modifier_cues": _repeated("Her best showing added to the pledged delegates. "),
    "questions_put": _repeated("Asked by a reporter whether he was asked if it was asked, "),
    "final_cue_short_spaces": final_cue_short_spaces,
    "final_cue_spaces": final_cue_spaces,
}

_WORDS = re.compile(r"\w+|[^\w\s]")


def floor_seconds(text: str) -> float:
    """CPU time of one regular-expression pass splitting ``text`` into words: the floor."""
    start = time.process_time()
    for _ in _WORDS.finditer(text):
        pass
    return time.process_time() - start


def extract_seconds(text: str) -> tuple[float, int]:
    """CPU time of one ``provenance.extract`` on ``text``, and how many claims it found."""
    from provenance import extract

    gc.collect()
    start = time.process_time()
    found = extract(text)
    return time.process_time() - start, len(found.claims)


def _in_fresh_process(name: str, size: int, runs: int) -> tuple[list[tuple[float, int]], float]:
    """Time one text in a process of its own, as a user's run would be: a 10 MB text leaves the
    heap of the process that read it large and fragmented, which would tax the next one."""
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(_time_text, name, size, runs).result()


def _time_text(name: str, size: int, runs: int) -> tuple[list[tuple[float, int]], float]:
    text = GENERATORS[name](size)
    return [extract_seconds(text) for _ in range(runs)], min(floor_seconds(text) for _ in range(3))


def _sizes(spec: str) -> list[int]:
    units = {"k": 1_000, "m": 1_000_000}
    sizes = []
    for part in spec.split(","):
        part = part.strip().lower()
        sizes.append(int(float(part[:-1]) * units[part[-1]]) if part[-1] in units else int(part))
    return sorted(sizes)


def measure(name: str, sizes: list[int], repeat: int, max_seconds: float) -> Iterator[dict[str, object]]:
    """One row per size of one generator; a size predicted to take too long is reported as skipped."""
    previous: tuple[int, float] | None = None
    slope = 2.0  # until two sizes are measured, growth is taken to be quadratic: no size is run blind
    for size in sizes:
        if previous is not None:
            predicted = previous[1] * (size / previous[0]) ** max(1.0, slope)
            if predicted > max_seconds:
                yield {"generator": name, "size": size, "skipped": True, "predicted_s": round(predicted, 1)}
                continue
        try:
            runs, floor = _in_fresh_process(name, size, repeat if size <= 1_000_000 else 1)
        except Exception as exc:  # a crash is a finding too: report it and go on
            yield {"generator": name, "size": size, "error": f"{type(exc).__name__}: {str(exc)[:80]}"}
            return
        seconds = min(r[0] for r in runs)
        row: dict[str, object] = {
            "generator": name,
            "size": size,
            "seconds": round(seconds, 4),
            "mb_per_s": round(size / 1e6 / seconds, 3) if seconds else None,
            "claims": runs[0][1],
            "x_floor": round(seconds / floor, 1) if floor else None,
        }
        if previous is not None and seconds > 0 and previous[1] > 0:
            slope = math.log(seconds / previous[1]) / math.log(size / previous[0])
            row["exponent"] = round(slope, 2)
        previous = (size, seconds)
        yield row


def _table(rows: list[dict[str, object]], sizes: list[int]) -> str:
    """One line per generator: CPU seconds at each size, then MB/s, claims and the floor ratio at the
    largest size measured, and the growth exponent between each pair of sizes."""
    labels = [f"{size / 1e6:g} MB" for size in sizes]
    steps = [f"{a} → {b}" for a, b in itertools.pairwise(labels)]
    lines = [
        "| generator | "
        + " | ".join(f"s at {label}" for label in labels)
        + " | MB/s | claims | × floor | "
        + " | ".join(f"exponent {step}" for step in steps)
        + " |",
        "|---|" + "---:|" * (len(labels) + 3 + len(steps)),
    ]
    for name in dict.fromkeys(str(row["generator"]) for row in rows):
        by_size = {row["size"]: row for row in rows if row["generator"] == name}
        cells, exponents, last = [], [], None
        for size in sizes:
            row = by_size.get(size, {})
            if row.get("error"):
                cells.append(f"failed: {row['error']}")
            elif row.get("skipped"):
                cells.append(f"skipped (≈{row['predicted_s']} s)")
            elif row:
                cells.append(f"{row['seconds']:.3f}")
                last = row
            else:
                cells.append("")
            if size != sizes[0]:
                exponents.append(str(row.get("exponent", "")))
        facts = [str(last["mb_per_s"]), str(last["claims"]), str(last["x_floor"])] if last else ["", "", ""]
        lines.append(f"| {name} | " + " | ".join(cells + facts + exponents) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="100k,1m,10m", help="text sizes in characters (default 100k,1m,10m)")
    parser.add_argument("--only", default="", help="comma-separated generators to run (default: all)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size up to 1 MB; the best counts (default 3)")
    parser.add_argument("--max-seconds", type=float, default=120.0, help="skip a size predicted to take longer")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON instead of a table")
    parser.add_argument("--list", action="store_true", help="list the generators and exit")
    args = parser.parse_args()
    if args.list:
        for name, generator in GENERATORS.items():
            print(f"{name}: {(generator.__doc__ or '').strip() or 'repeated unit'}")
        return
    names = [n.strip() for n in args.only.split(",") if n.strip()] or list(GENERATORS)
    unknown = [n for n in names if n not in GENERATORS]
    if unknown:
        parser.error(f"unknown generator(s): {', '.join(unknown)}")
    rows: list[dict[str, object]] = []
    sizes = _sizes(args.sizes)
    for name in names:
        for row in measure(name, sizes, args.repeat, args.max_seconds):
            rows.append(row)
            print(json.dumps(row), file=sys.stderr)
    if args.json:
        machine = f"{platform.system()} {platform.machine()}, Python {platform.python_version()}"
        print(json.dumps({"machine": machine, "rows": rows}, indent=2))
    else:
        print(_table(rows, sizes))


if __name__ == "__main__":
    main()
